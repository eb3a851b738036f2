"""Within-country coherence: a story's namesakes are chosen together, where they sit together."""

from test_geocode_resolve import NoOverrides, StubGeocoder, candidate, uses

from mapper.geocode.chain import RegionGeocoder
from mapper.geocode.coherence import coherent_choices
from mapper.geocode.resolve import Providers, resolve_places


def town(name, lat, lon, population, gid, admin1, cc="US"):
    place = candidate(name, lat, lon, cc, population, gid, admin1=admin1)
    place.raw["admin1_code"] = admin1
    return place


def county(name, lat, lon, gid, admin1, radius=20.0):
    place = town(name, lat, lon, 0, gid, admin1)
    place.raw.update(kind="admin2", radius_km=radius)
    return place


# Invented places: a big Millbrook in state AA and a small one in BB; Asher Counties in BB,
# CC and DD, the BB one around the small Millbrook; a Carver in BB too, and twenty
# Springfields across the country, one of them by chance near the small Millbrook.
BIG_MILLBROOK = town("Millbrook", 40.0, -80.0, 90_000, 1, "AA")
SMALL_MILLBROOK = town("Millbrook", 31.0, -96.0, 30_000, 2, "BB")
ASHER_BB = county("Asher County", 31.1, -96.1, 3, "BB")
TABLE = {
    "Millbrook": [BIG_MILLBROOK, SMALL_MILLBROOK, town("Millbrook", 52.0, 0.1, 9_000, 4, "EN", cc="GB")],
    "Asher County": [ASHER_BB, county("Asher County", 34.0, -85.0, 5, "CC"), county("Asher County", 44.0, -110.0, 6, "DD")],
    "Carver": [town("Carver", 31.3, -96.4, 2_000, 7, "BB")],
    "Springfield": [town("Springfield", 31.2 if k == 0 else 30.0 + k, -96.2 if k == 0 else -120.0 + 2 * k,
                         50_000 - k, 100 + k, f"S{k}") for k in range(20)],
    "Oldham": [town("Oldham", 52.1, 0.2, 5_000, 8, "EN", cc="GB")],
}


def resolve(*names):
    providers = Providers(overrides=NoOverrides(), gazetteer=StubGeocoder(TABLE), regions=RegionGeocoder(lambda: None))
    return {record.place: record for record in resolve_places(uses("a", *names), providers).places}


def test_two_namesakes_that_sit_together_are_chosen_together():
    places = resolve("Millbrook", "Asher County")
    assert places["Millbrook"].source_id == "geonames:2"  # not the more populous one in AA
    assert places["Asher County"].admin1 == "BB"
    assert places["Millbrook"].geo_precision == 1 and "ambiguous" not in places["Millbrook"].resolution


def test_a_one_candidate_neighbour_decides():
    assert resolve("Millbrook", "Carver")["Millbrook"].source_id == "geonames:2"


def test_a_neighbour_with_twenty_namesakes_counts_less_than_a_sure_one():
    # a Fairview of 90,000 in AA and one of 3,000 in BB; 40 km from the small one lies a one-candidate
    # Dunmore, or one of twenty Oakvilles (the others far off): the sure neighbour moves the pick,
    # the Oakville that could be any of twenty does not outweigh a thirty-fold population
    big, small = town("Fairview", 40.0, -80.0, 90_000, 31, "AA"), town("Fairview", 31.0, -96.0, 3_000, 32, "BB")
    dunmore = town("Dunmore", 31.36, -96.0, 5_000, 33, "BB")
    oakvilles = [town("Oakville", 31.36, -96.0, 5_000, 40, "BB")] + [
        town("Oakville", 35.0 + k / 4, -120.0 + 2 * k, 5_000, 41 + k, f"O{k}") for k in range(19)]
    fairviews = [big, small]
    assert coherent_choices({"Fairview": big, "Dunmore": dunmore},
                            {"Fairview": fairviews, "Dunmore": [dunmore]}, {}).picks["Fairview"] is small
    assert coherent_choices({"Fairview": big, "Oakville": oakvilles[3]},
                            {"Fairview": fairviews, "Oakville": oakvilles}, {}).picks["Fairview"] is big


def test_a_lone_namesake_is_left_as_it_was_and_stays_a_guess():
    record = resolve("Millbrook")["Millbrook"]
    assert record.source_id == "geonames:1" and record.geo_precision == 3 and "ambiguous" in record.resolution


def test_coherence_never_moves_a_name_to_another_country():
    # the GB Millbrook sits next to Oldham, but the first pass chose the US: the country stays
    picks = coherent_choices({"Millbrook": BIG_MILLBROOK, "Oldham": TABLE["Oldham"][0]},
                             {"Millbrook": TABLE["Millbrook"], "Oldham": TABLE["Oldham"]}, {}).picks
    assert picks["Millbrook"] is BIG_MILLBROOK


def test_a_named_first_level_region_supports_its_own_towns():
    region = town("Bee State", 31.5, -97.0, 5_000_000, 9, "BB")
    region.raw["kind"] = "admin1"
    picks = coherent_choices({"Millbrook": BIG_MILLBROOK, "Bee State": region},
                             {"Millbrook": TABLE["Millbrook"], "Bee State": [region]}, {}).picks
    assert picks["Millbrook"] is SMALL_MILLBROOK


def test_a_pick_is_weighed_near_the_places_that_back_it_not_the_whole_articles_middle():
    # the small Millbrook sits with Carver; three towns of the story lie in another state, far from
    # both Millbrooks: the article's middle is there, but Millbrook is chosen next to Carver -- still
    # shown as a guess, since most of the article's places are far from it
    TABLE.update({f"Zed{k}": [town(f"Zed{k}", 38.0 + k / 10, -86.0, 5_000, 50 + k, "ZZ")] for k in range(3)})
    record = resolve("Millbrook", "Carver", "Zed0", "Zed1", "Zed2")["Millbrook"]
    assert record.source_id == "geonames:2"
    assert record.geo_precision == 3 and "ambiguous" in record.resolution


def test_a_long_list_of_common_names_is_decided_quickly():
    import time

    # sixty names with twenty namesakes each, spread over the country: the search stays bounded
    table = {f"Name{n}": [town(f"Name{n}", 30.0 + (n * 7 + k * 3) % 17, -120.0 + (n * 5 + k * 11) % 45,
                               1_000 + k, 1000 * n + k, f"R{k}") for k in range(20)] for n in range(60)}
    first = {name: cands[0] for name, cands in table.items()}
    started = time.perf_counter()
    picks = coherent_choices(first, table, {}).picks
    assert time.perf_counter() - started < 20 and set(picks) == set(table)
