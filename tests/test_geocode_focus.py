"""The focus country (and regions) of an article: names and nationality adjectives, weighted by
where they stand; ties never broken alphabetically; a region the article names prefers its towns."""

from geopy.location import Location

from mapper.extract.model import Sentence
from mapper.geocode.chain import RegionGeocoder
from mapper.geocode.focus import country_focus, demonym_votes, demonyms, position_weight, town_regions
from mapper.geocode.resolve import PlaceUse, Providers, resolve_places
from test_geocode_resolve import StubGeocoder as Table  # a table of candidates as a geopy geocoder


def cand(name, lat, lon, cc, population, gid, kind="populated", admin1_code=""):
    raw = {"geonameid": gid, "name": name, "latitude": lat, "longitude": lon, "country_code": cc,
           "admin1_code": admin1_code, "admin1": admin1_code, "population": population, "kind": kind,
           "matched_alias": name, "match": "exact"}
    return Location(name, (lat, lon), raw)


COUNTRIES = {"Chad": [cand("Chad", 15.0, 19.0, "TD", 17_000_000, 1, kind="country")],
             "Sudan": [cand("Sudan", 15.5, 32.5, "SD", 45_000_000, 2, kind="country")]}


def sentences(*texts):
    out, start = [], 0
    for i, text in enumerate(texts):
        out.append(Sentence(i, start, start + len(text), text, i))
        start += len(text) + 1
    return tuple(out)


def test_demonyms_name_countries_longest_first_and_in_the_plural():
    votes = {code for code, _w, _o in demonym_votes(sentences("Nigerian troops met South Sudanese officers.",
                                                              "Two Malians were hurt."))}
    assert votes == {"NG", "SS", "ML"}
    assert demonyms()["yemeni"] == "YE"


def test_lead_weighs_more_than_body_and_datelines_least():
    assert position_weight(0, "location") > position_weight(5, "location") > position_weight(0, "dateline")


def test_a_tie_goes_to_the_country_named_first_not_the_alphabet():
    uses = {"Sudan": [PlaceUse("a", "Sudan", sentence_start=0)], "Chad": [PlaceUse("a", "Chad", sentence_start=40)]}
    assert country_focus(uses, COUNTRIES, {}) == {"a": "SD"}


def test_a_tie_in_weight_and_place_gives_no_focus():
    uses = {"Sudan": [PlaceUse("a", "Sudan")], "Chad": [PlaceUse("a", "Chad")]}
    assert country_focus(uses, COUNTRIES, {}) == {}


def test_a_lead_mention_outweighs_one_in_the_body():
    uses = {"Chad": [PlaceUse("a", "Chad", weight=position_weight(1, "location"), sentence_start=30)],
            "Sudan": [PlaceUse("a", "Sudan", weight=position_weight(7, "location"), sentence_start=0)]}
    assert country_focus(uses, COUNTRIES, {}) == {"a": "TD"}


def test_a_country_as_a_speaker_weighs_less_than_one_where_things_happen():
    uses = {"Chad": [PlaceUse("a", "Chad", role="actor", weight=1.5, sentence_start=0)],
            "Sudan": [PlaceUse("a", "Sudan", weight=1.0, sentence_start=30)]}
    assert country_focus(uses, COUNTRIES, {}) == {"a": "SD"}


def test_nationality_adjectives_decide_between_countries():
    hints = demonym_votes(sentences("Chadian soldiers crossed the border."))
    uses = {"Sudan": [PlaceUse("a", "Sudan", weight=1.0, sentence_start=50, demonyms=hints)],
            "Chad": [PlaceUse("a", "Chad", weight=1.0, sentence_start=60, demonyms=hints)]}
    assert country_focus(uses, COUNTRIES, {}) == {"a": "TD"}


def test_a_town_in_a_region_the_article_names_beats_a_bigger_namesake_in_the_same_country():
    table = {"Easton": [cand("Easton", 40.0, -83.0, "US", 800_000, 10, admin1_code="OH"),
                        cand("Easton", 32.5, -85.0, "US", 200_000, 11, admin1_code="GA")],
             "Pinewood": [cand("Pinewood", 33.0, -83.5, "US", 10_000_000, 12, kind="admin1", admin1_code="GA")]}
    providers = Providers(overrides=Table({}), gazetteer=Table(table), regions=RegionGeocoder(lambda: None))
    alone = {r.place: r for r in resolve_places([PlaceUse("a", "Easton")], providers).places}
    assert alone["Easton"].source_id == "geonames:10"
    places = {r.place: r for r in resolve_places([PlaceUse("a", "Easton"), PlaceUse("a", "Pinewood")], providers).places}
    assert places["Easton"].source_id == "geonames:11" and "a region the article names" in places["Easton"].resolution


def test_a_town_whose_region_is_called_as_a_name_in_the_article_is_preferred():
    ohio, georgia = cand("Easton", 40.0, -83.0, "US", 800_000, 10, admin1_code="OH"), \
        cand("Easton", 32.5, -85.0, "US", 200_000, 11, admin1_code="GA")
    georgia.raw["admin1"] = "Pinewood"
    table = {"Easton": [ohio, georgia], "Pinewood": [cand("Pinewood", -20.0, 30.0, "ZW", 900, 13)]}
    providers = Providers(overrides=Table({}), gazetteer=Table(table), regions=RegionGeocoder(lambda: None))
    places = {r.place: r for r in resolve_places([PlaceUse("a", "Easton"), PlaceUse("a", "Pinewood")], providers).places}
    assert places["Easton"].source_id == "geonames:11"


def test_a_towns_vote_is_split_by_the_population_of_its_namesakes():
    table = {"Velia": [cand("Velia", 41.9, 12.5, "IT", 2_000_000, 20), cand("Velia", 34.0, -84.0, "US", 30_000, 21),
                       cand("Velia", -20.0, -45.0, "BR", 5_000, 22), cand("Velia", 51.0, -1.0, "GB", 800, 23)]}
    assert country_focus({"Velia": [PlaceUse("a", "Velia")]}, table, {}) == {"a": "IT"}


def test_many_small_namesakes_in_one_country_do_not_outvote_one_big_one():
    table = {"Velia": [cand("Velia", 52.2, 0.1, "GB", 120_000, 30)]
             + [cand("Velia", 40.0 + k, -80.0, "US", 20_000, 31 + k) for k in range(8)]}
    assert country_focus({"Velia": [PlaceUse("a", "Velia")]}, table, {}) == {"a": "GB"}


def test_a_name_names_no_region_for_its_own_candidates():
    city = cand("Pinewood", 35.5, 35.8, "SY", 700_000, 40)
    city.raw["admin1"] = "Pinewood"
    providers = Providers(overrides=Table({}), gazetteer=Table({"Pinewood": [city]}), regions=RegionGeocoder(lambda: None))
    record = resolve_places([PlaceUse("a", "Pinewood")], providers).places[0]
    assert "region the article names" not in record.resolution


def test_articles_that_disagree_evenly_give_the_first_uses_focus_not_the_alphabets():
    from mapper.geocode.choice import focus_for

    uses = [PlaceUse("b", "Velia"), PlaceUse("a", "Velia")]
    assert focus_for(uses, {"a": "AA", "b": "ZZ"}) == "ZZ"


def test_the_demonym_table_is_lower_case_words_to_two_letter_codes():
    table = demonyms()
    assert len(table) > 100
    assert all(word == word.lower().strip() and len(code) == 2 and code.isupper() for word, code in table.items())
    assert "american" not in table  # ambiguous words are left out (see the file's notes)


def test_the_region_an_articles_towns_agree_on_prefers_its_town_among_namesakes():
    # Invented towns: the article never names the state, but its two other towns lie only in
    # "GA" -- so its Easton is the small one there, not the big one in "OH".
    table = {"Easton": [cand("Easton", 40.0, -83.0, "US", 10_000_000, 10, admin1_code="OH"),
                        cand("Easton", 32.5, -85.0, "US", 2_000, 11, admin1_code="GA")],
             "Birchfield": [cand("Birchfield", 31.0, -81.0, "US", 3_000, 12, admin1_code="GA")],
             "Cedarville": [cand("Cedarville", 34.9, -83.5, "US", 3_000, 13, admin1_code="GA")]}
    providers = Providers(overrides=Table({}), gazetteer=Table(table), regions=RegionGeocoder(lambda: None))
    one = {r.place: r for r in resolve_places([PlaceUse("a", "Easton"), PlaceUse("a", "Birchfield")], providers).places}
    assert one["Easton"].source_id == "geonames:10"  # one other town is not yet agreement
    uses = [PlaceUse("a", "Easton"), PlaceUse("a", "Birchfield"), PlaceUse("a", "Cedarville")]
    places = {r.place: r for r in resolve_places(uses, providers).places}
    assert places["Easton"].source_id == "geonames:11" and "a region the article names" in places["Easton"].resolution


def test_towns_split_between_regions_agree_on_none():
    table = {"Birchfield": [cand("Birchfield", 31.0, -81.0, "US", 3_000, 12, admin1_code="GA")],
             "Cedarville": [cand("Cedarville", 40.9, -83.5, "US", 3_000, 13, admin1_code="OH")]}
    uses = {"Birchfield": [PlaceUse("a", "Birchfield")], "Cedarville": [PlaceUse("a", "Cedarville")]}
    assert town_regions(uses, table, {"a": "US"}) == {}
    table["Dalton"] = [cand("Dalton", 34.7, -85.0, "US", 3_000, 14, admin1_code="GA")]
    uses["Dalton"] = [PlaceUse("a", "Dalton")]
    assert town_regions(uses, table, {"a": "US"}) == {"a": frozenset({("US", "GA")})}


def test_picks_are_weighed_again_near_the_articles_confident_places_only():
    # Invented towns. By population both Easton and Fairview are the big ones in "OH"; half-way
    # between those and Dalton, each is a doubted guess. Near Dalton alone -- the one place
    # nothing contradicts -- both are the small namesakes next to it.
    table = {"Easton": [cand("Easton", 40.0, -83.0, "US", 90_000, 10, admin1_code="OH"),
                        cand("Easton", 32.5, -85.0, "US", 2_000, 11, admin1_code="GA")],
             "Fairview": [cand("Fairview", 40.1, -83.1, "US", 50_000, 12, admin1_code="OH"),
                          cand("Fairview", 32.6, -85.1, "US", 1_000, 13, admin1_code="GA")],
             "Dalton": [cand("Dalton", 32.7, -85.2, "US", 3_000, 14, admin1_code="AL")]}
    providers = Providers(overrides=Table({}), gazetteer=Table(table), regions=RegionGeocoder(lambda: None))
    uses = [PlaceUse("a", "Easton"), PlaceUse("a", "Fairview"), PlaceUse("a", "Dalton")]
    places = {r.place: r for r in resolve_places(uses, providers).places}
    assert (places["Easton"].source_id, places["Easton"].geo_precision) == ("geonames:11", 1)
    assert (places["Fairview"].source_id, places["Fairview"].geo_precision) == ("geonames:13", 1)


def test_a_regions_name_votes_with_its_namesake_towns_too():
    # Invented: "Velgaza" is a province of "MZ" (385,000) and a city of "PS" (410,000): about half each.
    table = {"Velgaza": [cand("Velgaza", 31.5, 34.47, "PS", 410_000, 60),
                         cand("Velgaza", -23.7, 32.8, "MZ", 385_000, 61, kind="admin1", admin1_code="02")],
             "Isra": [cand("Isra", 31.5, 34.75, "IL", 8_900_000, 62, kind="country")]}
    from mapper.geocode.focus import _countries_of

    shares, is_area = _countries_of("Velgaza", table, {})
    assert is_area and 0.45 < shares["PS"] < 0.6 and 0.4 < shares["MZ"] < 0.55
    # so a story naming it four times and "Isra" once is not a Mozambican story
    uses = {"Velgaza": [PlaceUse("a", "Velgaza", weight=1.0) for _ in range(4)], "Isra": [PlaceUse("a", "Isra", sentence_start=5)]}
    assert country_focus(uses, table, {}) != {"a": "MZ"}


def test_a_countrys_name_that_is_also_a_state_abroad_votes_half_for_each():
    # Invented: "Velmark" is a country of 3 million ("VM") and a state of 9 million in "US".
    table = {"Velmark": [cand("Velmark", 42.0, 43.5, "VM", 3_000_000, 70, kind="country"),
                         cand("Velmark", 32.7, -83.5, "US", 9_000_000, 71, kind="admin1", admin1_code="GA")],
             "Lindon": [cand("Lindon", 33.7, -84.4, "US", 400_000, 72)],
             "Verovo": [cand("Verovo", 41.7, 44.8, "VM", 1_100_000, 73)]}
    from mapper.geocode.focus import _countries_of

    shares, is_area = _countries_of("Velmark", table, {})
    assert is_area and shares == {"US": 0.5, "VM": 0.5}
    # named twice in the lead with one US town in the body: a US story, not a Velmark one
    lead = [PlaceUse("a", "Velmark", weight=2.0), PlaceUse("a", "Velmark", weight=2.0, sentence_start=9)]
    us_story = {"Velmark": lead, "Lindon": [PlaceUse("a", "Lindon", sentence_start=90)]}
    assert country_focus(us_story, table, {}) == {"a": "US"}
    vm_story = {"Velmark": lead, "Verovo": [PlaceUse("a", "Verovo", sentence_start=90)]}
    assert country_focus(vm_story, table, {}) == {"a": "VM"}


def test_a_countrys_name_with_no_namesake_state_votes_for_it_whole():
    from mapper.geocode.focus import _countries_of

    assert _countries_of("Chad", COUNTRIES, {}) == ({"TD": 1.0}, True)


def test_a_tie_between_towns_goes_to_the_country_of_the_better_known_one():
    # "civilians in Bennsh in Idleb protested": Bennsh is only a Belgian town of 32,000 to the gazetteer
    table = {"Dorva": [cand("Dorva", 50.4, 4.2, "BE", 32_000, 11)], "Kestria": [cand("Kestria", 35.9, 36.6, "SY", 129_000, 12)]}
    uses = {"Dorva": [PlaceUse("a", "Dorva", sentence_start=0)], "Kestria": [PlaceUse("a", "Kestria", sentence_start=0)]}
    assert country_focus(uses, table, {}) == {"a": "SY"}
    # two towns of like size: the first named, as before
    table["Kestria"] = [cand("Kestria", 35.9, 36.6, "SY", 40_000, 12)]
    uses["Kestria"] = [PlaceUse("a", "Kestria", sentence_start=30)]
    assert country_focus(uses, table, {}) == {"a": "BE"}


def test_a_tie_between_a_small_town_and_a_first_level_region_goes_to_the_region():
    # "near Loka in Lainya county (Central Equatoria state)": a Slovenian Loka of 844 people
    table = {"Dorva": [cand("Dorva", 46.1, 14.6, "SI", 844, 11)],
             "Kestria": [cand("Kestria", 4.9, 31.6, "SS", 710_000, 12, kind="admin1", admin1_code="01")]}
    uses = {"Dorva": [PlaceUse("a", "Dorva", sentence_start=0)], "Kestria": [PlaceUse("a", "Kestria", sentence_start=40)]}
    assert country_focus(uses, table, {}) == {"a": "SS"}
