"""Containment in resolution, with a fake gazetteer whose candidates carry GAZ's raw fields
(kind "country"/"admin1"/"admin2"/"populated", country_code, admin1_code, radius_km)."""

from geopy.location import Location

from mapper.geocode.chain import RegionGeocoder
from mapper.geocode.context import containment_order, inside
from mapper.geocode.resolve import PlaceUse, Providers, resolve_places
from test_geocode_resolve import StubGeocoder as Table  # a table of candidates as a geopy geocoder


def cand(name, lat, lon, cc, population, gid, kind="populated", admin1_code="", radius_km=0.0):
    raw = {"geonameid": gid, "name": name, "latitude": lat, "longitude": lon, "country_code": cc,
           "admin1_code": admin1_code, "admin1": admin1_code, "population": population, "kind": kind,
           "matched_alias": name, "match": "exact", "radius_km": radius_km}
    return Location(name, (lat, lon), raw)


# Invented places: a big Verona abroad, a small Verona in the state of Lakeland; a town called
# Lakeland elsewhere; a small Ostra in no Lakeland.
TABLE = {
    "Verona": [cand("Verona", 45.44, 10.99, "IT", 250_000, 1), cand("Verona", 36.0, -94.0, "US", 2_000, 2, admin1_code="LK")],
    "Lakeland": [cand("Lakeland", 35.5, -93.5, "US", 3_000_000, 3, kind="admin1", admin1_code="LK", radius_km=250),
                 cand("Lakeland", -27.0, 153.0, "AU", 5_000, 4)],
    "Ostra": [cand("Ostra", 50.0, 20.0, "PL", 900, 5)],
    "Nortia": [cand("Nortia", 10.0, 10.0, "NT", 9_000_000, 6, kind="country", radius_km=400)],
    "Metrona": [cand("Metrona", 13.0, 80.0, "XA", 4_000_000, 9)],
    "Dorva": [cand("Dorva", 10.2, 10.1, "NT", 40_000, 7), cand("Dorva", 45.0, 10.0, "IT", 60_000, 8)],
}


def resolve(*uses):
    providers = Providers(overrides=Table({}), gazetteer=Table(TABLE), regions=RegionGeocoder(lambda: None))
    return {r.place: r for r in resolve_places(list(uses), providers).places}


def use(name, within="", article="a", by_comma=False):
    return PlaceUse(article=article, name=name, within=within, within_by_comma=by_comma, sentence=f"Fighting in {name}.")


def test_the_container_picks_the_small_namesake_and_is_the_state_not_the_town():
    places = resolve(use("Verona", within="Lakeland"), use("Lakeland"))
    assert places["Verona"].source_id == "geonames:2"  # not the big Verona abroad
    assert places["Lakeland"].source_id == "admin1:US.LK"  # the state (by its codes), not the town abroad


def test_without_containment_the_big_namesake_wins():
    assert resolve(use("Verona"))["Verona"].source_id == "geonames:1"


def test_no_candidate_inside_the_container_is_put_at_the_container():
    places = resolve(use("Ostra", within="Nortia"), use("Nortia"))
    ostra = places["Ostra"]
    assert (ostra.latitude, ostra.longitude, ostra.geo_precision) == (10.0, 10.0, 3)
    assert ostra.approximation == "within" and "lies in Nortia" in ostra.resolution
    assert ostra.country_code == "NT"


def test_a_big_city_no_area_of_the_name_holds_stays_at_its_own_name():
    # "Metrona city (Metrona, LK)": the state read from the code holds no Metrona; the city is known
    places = resolve(use("Metrona", within="Lakeland"), use("Lakeland"))
    assert places["Metrona"].source_id == "geonames:9" and places["Metrona"].geo_precision == 1


def test_a_big_city_abroad_written_inside_a_region_of_the_focus_country_is_a_namesake():
    # "Metrona (Nortia)" in a Nortia report: Nortia is read right, the big Metrona abroad is not meant
    places = resolve(use("Metrona", within="Nortia"), use("Nortia"), use("Nortia", article="a"))
    metrona = places["Metrona"]
    assert (metrona.country_code, metrona.geo_precision, metrona.approximation) == ("NT", 3, "within")


def test_a_region_written_after_a_town_is_not_put_in_the_towns_area():
    # "Kelso's Lakeland card holders": the possessive reads as containment, but a first-level
    # region lies in no town
    table = dict(TABLE, Kelso=[cand("Kelso", 10.2, 10.1, "NT", 40_000, 11)])
    providers = Providers(overrides=Table({}), gazetteer=Table(table), regions=RegionGeocoder(lambda: None))
    found = {r.place: r for r in resolve_places([use("Lakeland", within="Kelso"), use("Kelso"), use("Nortia")],
                                                providers).places}
    assert found["Lakeland"].approximation != "within" and found["Lakeland"].matched_name == "Lakeland"


def test_a_country_holds_its_own_towns():
    assert resolve(use("Dorva", within="Nortia"), use("Nortia"))["Dorva"].source_id == "geonames:7"


def test_inside_by_kind():
    state, town = TABLE["Lakeland"]
    assert inside(TABLE["Verona"][1], state) and not inside(TABLE["Verona"][0], state)
    assert not inside(TABLE["Verona"][1], town)  # 50 km round a town, and another country
    assert inside(TABLE["Dorva"][0], TABLE["Nortia"][0]) and not inside(TABLE["Nortia"][0], TABLE["Nortia"][0])


def test_containers_come_first():
    assert containment_order(["Kafr", "Idlib", "Syria"], {"Kafr": "Idlib", "Idlib": "Syria"}) == ["Syria", "Idlib", "Kafr"]


def test_a_town_holding_none_of_the_candidates_does_not_move_them():
    # "Verona, Dorva" read as a list: Dorva is a town, not an area Verona could be approximated at
    places = resolve(use("Verona", within="Dorva"), use("Dorva"))
    assert places["Verona"].geo_precision == 1 and places["Verona"].approximation == "none"


def test_a_container_known_only_as_a_town_still_picks_the_candidate_in_the_region_so_called():
    # "Verona, Dorva": one Verona lies in a first-level region called "Dorva Province"
    table = dict(TABLE, Verona=[cand("Verona", 45.44, 10.99, "IT", 250_000, 1),
                                cand("Verona", 36.0, -94.0, "US", 2_000, 2, admin1_code="DP")])
    table["Verona"][1].raw["admin1"] = "Dorva Province"
    providers = Providers(overrides=Table({}), gazetteer=Table(table), regions=RegionGeocoder(lambda: None))
    found = {r.place: r for r in resolve_places([use("Verona", within="Dorva"), use("Dorva")], providers).places}
    assert found["Verona"].source_id == "geonames:2" and found["Verona"].geo_precision == 1


def test_a_town_container_that_holds_nothing_does_not_excuse_a_namesake_abroad():
    # "Ostra (Dorva)" with Dorva in the focus country: the small Ostra abroad is still refused
    places = resolve(use("Ostra", within="Dorva"), use("Dorva"), use("Nortia"))
    assert places["Ostra"].country_code != "PL" or places["Ostra"].geo_precision == 3


def test_a_name_no_gazetteer_has_is_put_in_the_town_written_with_it_at_region_precision():
    places = resolve(use("Zedko", within="Dorva"), use("Dorva"), use("Nortia"))
    zedko = places["Zedko"]
    assert (zedko.geo_precision, zedko.approximation) == (3, "within")
    assert (zedko.latitude, zedko.longitude) == (places["Dorva"].latitude, places["Dorva"].longitude)
    assert zedko.uncertainty_km >= 50 and "places it in Dorva" in zedko.resolution


def test_a_small_place_written_at_a_town_of_another_country_is_put_in_that_towns_area():
    # "Ostra village (Dorva, Nortia)": the only Ostra the gazetteer has is a hamlet abroad
    places = resolve(use("Ostra", within="Dorva"), use("Dorva"), use("Nortia"))
    ostra, dorva = places["Ostra"], places["Dorva"]
    assert (ostra.geo_precision, ostra.approximation, ostra.country_code) == (3, "within", "NT")
    assert (ostra.latitude, ostra.longitude) == (dorva.latitude, dorva.longitude)
    assert "namesakes are all in other countries" in ostra.resolution


def test_a_big_city_written_next_to_a_town_abroad_is_kept_a_list_of_cities():
    # "talks in Verona, Dorva" with Dorva in Nortia: Verona (250,000) is not put in Dorva
    table = dict(TABLE, Verona=[cand("Verona", 45.44, 10.99, "IT", 250_000, 1)])
    providers = Providers(overrides=Table({}), gazetteer=Table(table), regions=RegionGeocoder(lambda: None))
    found = {r.place: r for r in resolve_places([use("Verona", within="Dorva", by_comma=True), use("Dorva"), use("Nortia")],
                                                providers).places}
    assert found["Verona"].country_code == "IT" and found["Verona"].approximation == "none"


def test_a_big_city_abroad_written_inside_a_town_by_no_comma_is_put_in_the_towns_area():
    # "Verona town in the countryside of Kelso" is no list of cities: the Verona abroad is a namesake
    table = dict(TABLE, Verona=[cand("Verona", 45.44, 10.99, "IT", 250_000, 1)],
                 Kelso=[cand("Kelso", 10.2, 10.1, "NT", 40_000, 11)])
    providers = Providers(overrides=Table({}), gazetteer=Table(table), regions=RegionGeocoder(lambda: None))
    found = {r.place: r for r in resolve_places([use("Verona", within="Kelso"), use("Kelso"), use("Nortia")],
                                                providers).places}
    assert (found["Verona"].country_code, found["Verona"].geo_precision, found["Verona"].approximation) == ("NT", 3, "within")


def test_a_continent_before_a_country_is_a_clause_break_not_a_place_in_it():
    # "In Velasia, Nortia remains a small trader": an invented continent with two small namesake towns.
    TABLE["Velasia"] = [cand("Velasia", 30.0, 90.0, "", 4_000_000_000, 90, kind="continent", radius_km=3000),
                        cand("Velasia", 40.0, 20.0, "PL", 500, 91), cand("Velasia", 5.0, 5.0, "XX", 300, 92)]
    velasia = resolve(use("Velasia", within="Nortia"), use("Nortia"))["Velasia"]
    assert velasia.source_id == "geonames:90" and velasia.approximation != "within"


def test_a_country_written_as_a_region_is_the_country():
    # "the eastern region of Nortia": the cue makes Nortia a region; it is still the country.
    region_use = PlaceUse(article="a", name="Nortia", feature="region", sentence="Fighting in the eastern region of Nortia.")
    nortia = resolve(region_use)["Nortia"]
    assert nortia.source_id == "geonames:6" and nortia.provider == "gazetteer"


def test_a_region_phrase_is_not_looked_up_as_a_name():
    from mapper.geocode.resolve import named_areas

    asked = []
    assert named_areas("the eastern region", lambda name: asked.append(name) or []) == [] and asked == []
    # a town of that name is no answer for a name written as a region
    assert named_areas("Dorva", lambda name: TABLE[name]) == []


def test_a_small_namesake_far_from_the_town_it_is_written_with_is_put_at_the_towns_area():
    # "Orikhove, Dorva": the gazetteer's only Orikhove lies 600 km from Dorva, in the same country
    table = dict(TABLE, Orikhove=[cand("Orikhove", 14.0, 14.0, "NT", 3_000, 10)])
    providers = Providers(overrides=Table({}), gazetteer=Table(table), regions=RegionGeocoder(lambda: None))
    found = {r.place: r for r in resolve_places([use("Orikhove", within="Dorva"), use("Dorva")], providers).places}
    orikhove = found["Orikhove"]
    assert (orikhove.latitude, orikhove.longitude, orikhove.geo_precision) == (10.2, 10.1, 3)
    assert orikhove.approximation == "within" and "more than 200 km" in orikhove.resolution


def test_a_unit_no_gazetteer_lists_is_placed_at_the_town_it_is_called_after():
    # "Zedko village of Kelso District (Nortia)": no district of that name is listed, the town Kelso is

    table = dict(TABLE, Kelso=[cand("Kelso", 10.2, 10.1, "NT", 40_000, 11)])
    providers = Providers(overrides=Table({}), gazetteer=Table(table), regions=RegionGeocoder(lambda: None))
    places = {r.place: r for r in resolve_places([use("Zedko", within="Kelso District"),
                                                  use("Kelso District", within="Nortia"), use("Nortia")], providers).places}
    district = places["Kelso District"]
    assert (district.source_id, district.geo_precision, district.uncertainty_km) == ("geonames:11", 2, 25.0)
    assert "seat" in district.resolution
    assert (places["Zedko"].latitude, places["Zedko"].approximation) == (10.2, "within")


def _resolve_with(extra, *uses):
    providers = Providers(overrides=Table({}), gazetteer=Table(dict(TABLE, **extra)), regions=RegionGeocoder(lambda: None))
    return {r.place: r for r in resolve_places(list(uses), providers).places}


def test_a_namesake_outside_the_region_called_as_the_container_town_is_not_the_place():
    # "Yasne, Kharkiv": Kharkiv is the town and its region; the Yasne listed lies 150 km off in
    # the next region, within the 200 km that a town's part of the country reaches
    extra = {"Kharkiv": [cand("Kharkiv", 50.0, 36.2, "UA", 1_400_000, 20, admin1_code="Kharkiv")],
             "Yasne": [cand("Yasne", 49.0, 34.8, "UA", 500, 21, admin1_code="Poltava")]}
    yasne = _resolve_with(extra, use("Yasne", within="Kharkiv"), use("Kharkiv"))["Yasne"]
    assert (yasne.latitude, yasne.geo_precision, yasne.approximation) == (50.0, 3, "within")
    assert "outside the region Kharkiv" in yasne.resolution


def test_a_namesake_near_a_container_town_not_named_after_its_region_is_kept():
    # the same Yasne written with a town whose region has another name: 150 km is its part of the country
    extra = {"Kharkiv": [cand("Kharkiv", 50.0, 36.2, "UA", 1_400_000, 20, admin1_code="Slobidska")],
             "Yasne": [cand("Yasne", 49.0, 34.8, "UA", 500, 21, admin1_code="Poltava")]}
    yasne = _resolve_with(extra, use("Yasne", within="Kharkiv"), use("Kharkiv"))["Yasne"]
    assert (yasne.source_id, yasne.approximation) == ("geonames:21", "none")


def test_a_container_that_can_be_a_district_is_the_district_not_a_village_abroad():
    # "Gaskinde (Pobe-Mengao, Soum)": no Gaskinde is listed; Soum is a village in one country and a
    # province in another
    extra = {"Soum": [cand("Soum", 14.1, -16.5, "SN", 5_000, 22),
                      cand("Province du Soum", 14.1, -1.6, "BF", 0, 23, kind="admin2", radius_km=40)]}
    places = _resolve_with(extra, use("Gaskinde", within="Soum"), use("Soum"))
    assert places["Soum"].source_id.startswith("admin2:BF")
    assert (places["Gaskinde"].country_code, places["Gaskinde"].approximation) == ("BF", "within")


def test_a_village_abroad_written_inside_a_district_is_a_village_of_the_district():
    # "Mansila (Mansila, Yagha)": the only Mansila listed is a village of 2,000 in Argentina
    extra = {"Soum": [cand("Province du Soum", 14.1, -1.6, "BF", 0, 23, kind="admin2", radius_km=40)],
             "Gaskinde": [cand("Gaskinde", -32.5, -59.4, "AR", 2_000, 24)]}
    places = _resolve_with(extra, use("Gaskinde", within="Soum"), use("Soum"))
    assert (places["Gaskinde"].country_code, places["Gaskinde"].approximation) == ("BF", "within")
    # a town of its own size is no such village
    extra["Gaskinde"] = [cand("Gaskinde", -32.5, -59.4, "AR", 200_000, 24)]
    places = _resolve_with(extra, use("Gaskinde", within="Soum"), use("Soum"))
    assert places["Gaskinde"].source_id == "geonames:24"


def test_a_container_that_can_be_a_district_or_a_sizeable_town_keeps_the_town():
    # "Nefza (Beja)": a town of 60,000 is as likely as a district of that name abroad
    extra = {"Soum": [cand("Soum", 14.1, -16.5, "SN", 60_000, 22),
                      cand("Province du Soum", 14.1, -1.6, "BF", 0, 23, kind="admin2", radius_km=40)]}
    places = _resolve_with(extra, use("Gaskinde", within="Soum"), use("Soum"))
    assert places["Soum"].source_id == "geonames:22"


def test_a_respelling_of_a_region_abroad_is_not_the_place():
    # "raiders attacked a village in Mingolo area" in a Nortia report: the gazetteer's only match is
    # a fuzzy respelling of a province of another country
    region = cand("Mingala", 45.0, 12.0, "IT", 400_000, 30, kind="admin1", admin1_code="MG", radius_km=100)
    region.raw["match"] = "fuzzy"
    places = _resolve_with({"Mingolo": [region]}, use("Mingolo"), use("Dorva"), use("Nortia"))
    assert places["Mingolo"].country_code != "IT"
