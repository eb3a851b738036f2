"""Countries, regions, districts and continents as gazetteer candidates; written codes; fuzzy limits.

Expected values are geographic facts (Texas is TX, Manama is Bahrain's
capital, Licking County is in Ohio), not outputs copied from this code.
"""

import pytest
from geopy.location import Location

from mapper.geocode import gazetteer_units as units
from mapper.geocode.choice import best_candidate, kind_weight, point_of
from mapper.geocode.fuzzy import is_fuzzy_match, same_length_class
from mapper.geocode.gazetteer import Candidate, Gazetteer
from mapper.geocode.records import PlaceUse
from mapper.geocode.regions import haversine_km
from mapper.geocode.resolve import _from_candidate


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    folder = tmp_path_factory.mktemp("units-cache")
    gazetteer = Gazetteer.open(folder)
    yield gazetteer
    gazetteer.close()


def kinds(found):
    return [(c.kind, c.country_code) for c in found]


# -- countries ---------------------------------------------------------------

def test_a_country_is_at_its_representative_point_with_a_country_sized_radius(gaz):
    (usa,) = [c for c in gaz.candidates("United States") if c.kind == "country"]
    # The conventional point of the contiguous US is in Kansas, not the bbox-centre town in Arizona.
    assert 36 < usa.latitude < 40 and -100 < usa.longitude < -94
    assert usa.radius_km >= 1000
    assert gaz.country("US").latitude == usa.latitude


def test_a_small_state_is_at_its_capital(gaz):
    (bahrain,) = [c for c in gaz.candidates("Bahrain") if c.kind == "country"]
    assert haversine_km(bahrain.latitude, bahrain.longitude, 26.22, 50.58) < 10  # Manama
    assert bahrain.radius_km < 50


@pytest.mark.parametrize("written, code", [("U.S.", "US"), ("US", "US"), ("U.K.", "GB"), ("UAE", "AE"),
                                           ("DRC", "CD"), ("The Netherlands", "NL"), ("America", "US")])
def test_country_short_forms(gaz, written, code):
    first = gaz.candidates(written)[0]
    assert (first.kind, first.country_code) == ("country", code)


def test_a_dotted_or_capital_country_form_is_matched_only_as_written(gaz):
    # "us" the pronoun and "car" the noun are not the United States or the Central African Republic.
    assert ("country", "US") not in kinds(gaz.candidates("us"))
    assert ("country", "CF") not in kinds(gaz.candidates("car"))
    assert gaz.candidates("CAR")[0].country_code == "CF"
    assert gaz.lookup("U.S.").kind == "country" and gaz.lookup("UK").country_code == "GB"
    assert gaz.country_code_for("U.S.") == "US" and gaz.country_code_for("us") is None


# -- first-level regions -----------------------------------------------------

def test_a_state_is_a_candidate_with_a_point_inside_it_and_a_radius(gaz):
    texas = gaz.candidates("Texas")[0]
    assert (texas.kind, texas.country_code, texas.admin1_code) == ("admin1", "US", "TX")
    assert 28 < texas.latitude < 34 and -101 < texas.longitude < -95  # central Texas
    assert 200 < texas.radius_km < 900
    assert texas.population > 10_000_000  # the sum of its places


def test_a_postal_code_matches_only_as_the_exact_capitals(gaz):
    assert kinds(gaz.candidates("TX")) == [("admin1", "US")]
    assert ("admin1", "US") not in kinds(gaz.candidates("Tx"))
    assert gaz.candidates("OR")[0].name == "Oregon"
    assert all(c.name != "Oregon" for c in gaz.candidates("or"))
    # and never makes a word a known place for extraction
    known = gaz.lookup("IN")
    assert known is None or known.kind != "admin1" or known.country_code != "US"


@pytest.mark.parametrize("written, state", [("Calif.", "California"), ("W.Va.", "West Virginia"),
                                            ("N.J.", "New Jersey"), ("Ga.", "Georgia")])
def test_ap_style_abbreviations(gaz, written, state):
    first = gaz.candidates(written)[0]
    assert (first.kind, first.country_code, first.name) == ("admin1", "US", state)
    assert gaz.lookup(written).kind == "admin1"


def test_canadian_and_australian_short_forms(gaz):
    assert gaz.candidates("B.C.")[0].name == "British Columbia"
    assert gaz.candidates("NSW")[0].name == "New South Wales"


def test_a_region_named_after_its_largest_town_needs_its_unit_word(gaz):
    # Kherson the city lies in Kherson Oblast; bare, the name means the city.
    assert gaz.candidates("Kherson")[0].kind == "populated"
    oblast = gaz.candidates("Kherson Oblast")[0]
    assert (oblast.kind, oblast.country_code) == ("admin1", "UA")
    assert gaz.lookup("Kherson").kind == "admin1"  # extraction still knows the region's name


def test_a_region_named_like_a_capital_needs_its_unit_word(gaz):
    assert gaz.candidates("Washington")[0].kind == "populated"
    state = gaz.candidates("Washington State")[0]
    assert (state.kind, state.admin1_code) == ("admin1", "WA")


# -- second-level units and continents ---------------------------------------

def test_a_county_is_a_candidate_and_a_place_word_only_with_its_unit_word(gaz):
    county = gaz.candidates("Licking County")[0]
    assert (county.kind, county.country_code, county.admin1_code) == ("admin2", "US", "OH")
    assert county.radius_km <= 150
    assert gaz.lookup("Licking County") is not None
    bare = [c for c in gaz.candidates("Licking") if c.kind == "admin2"]
    assert bare and bare[0].matched_alias == "Licking"
    known = gaz.lookup("Licking")
    assert known is None or known.kind == "populated"


def test_a_continent_is_a_candidate(gaz):
    africa = gaz.candidates("Africa")[0]
    assert (africa.kind, africa.country_code) == ("continent", "")
    assert africa.radius_km >= 1000


def _members(region: str) -> set[str]:
    from mapper.geocode import gazetteer_units as units

    return {code for row in units.read_tsv(units.MACRO_REGIONS_TSV) if row["name"] == region for code in row["countries"].split()}


def test_a_world_region_is_a_candidate_under_its_common_names(gaz):
    middle_east = gaz.candidates("Middle East")[0]
    assert (middle_east.kind, middle_east.name) == ("macro_region", "Western Asia")
    assert 25 < middle_east.latitude < 40 and 35 < middle_east.longitude < 55
    assert gaz.candidates("Southeast Asia")[0].name == "South-eastern Asia"
    assert gaz.candidates("South America")[0].kind == "continent"  # the continent, not a copy
    # "the Americas" is both continents, a world region -- never a fuzzy match to a town ("Americus")
    assert [(c.kind, c.name) for c in gaz.candidates("Americas")] == [("macro_region", "Americas")]
    assert "US" in _members("Americas") and "BR" in _members("Americas") and "FR" not in _members("Americas")
    record = _from_candidate("West Africa", _location(gaz.candidates("West Africa")[0]), "1 candidate")
    assert record.geo_precision == 3 and "world region Western Africa" in record.resolution


# -- choosing by kind --------------------------------------------------------

def _location(candidate: Candidate) -> Location:
    return Location(candidate.name, (candidate.latitude, candidate.longitude), candidate.to_raw())


def _choose(gaz, name, focus_country):
    uses = [PlaceUse(name=name, article="a1", role="location", feature="")]
    locations = [_location(c) for c in gaz.candidates(name)]
    return best_candidate(locations, uses, {"a1": focus_country} if focus_country else {}, centre=None)[0]


@pytest.mark.parametrize("focus, kind, country", [("US", "admin1", "US"), ("GE", "country", "GE"),
                                                  ("", "country", "GE")])
def test_georgia_is_the_state_in_a_us_story_and_the_country_otherwise(gaz, focus, kind, country):
    chosen = _choose(gaz, "Georgia", focus)
    assert (chosen.raw["kind"], chosen.raw["country_code"]) == (kind, country)


def test_a_state_beats_its_small_namesakes(gaz):
    assert _choose(gaz, "Oregon", "").raw["kind"] == "admin1"
    assert _choose(gaz, "Oregon", "US").raw["kind"] == "admin1"


def test_a_big_region_abroad_beats_a_small_namesake_town_in_the_focus_country(gaz):
    assert _choose(gaz, "Scotland", "US").raw["country_code"] == "GB"
    # but a region of under a million does not beat the same-name city abroad
    gaza = _choose(gaz, "Gaza", "CY").raw
    assert (gaza["kind"], gaza["country_code"]) == ("populated", "PS")


def test_kind_weight_rules():
    state = {"kind": "admin1", "country_code": "US", "population": 5_000_000}
    assert kind_weight(state, "US") > 0 and kind_weight(state, "MX") > 0
    assert kind_weight({**state, "population": 300_000}, "MX") == 0
    assert kind_weight({"kind": "admin2", "matched_alias": "Licking County"}, "") > 0
    assert kind_weight({"kind": "admin2", "matched_alias": "Licking"}, "") < 0
    assert kind_weight({"kind": "populated"}, "US") == 0
    # areas anchor nothing: they say little about where the article's towns are
    assert point_of(Location("Texas", (31.0, -97.0), {"kind": "admin1"})) is None


def test_a_region_record_says_its_kind_and_radius(gaz):
    record = _from_candidate("Texas", _location(gaz.candidates("TX")[0]), "1 candidate")
    assert record.geo_precision == 3 and record.source_id == "admin1:US.TX"
    assert record.resolution.startswith("gazetteer: first-level region Texas, US; 1 candidate; ±")
    assert record.uncertainty_km == pytest.approx(gaz.candidates("TX")[0].radius_km)
    county = _from_candidate("Licking County", _location(gaz.candidates("Licking County")[0]), "1 candidate")
    assert county.geo_precision == 2 and "second-level unit Licking County, Ohio, US" in county.resolution


def test_a_cached_answer_without_radius_still_loads(gaz):
    raw = gaz.candidates("Texas")[0].to_raw()
    del raw["radius_km"]
    assert Candidate.from_raw(raw).radius_km is None


# -- exact before folded before fuzzy ----------------------------------------

def test_a_name_spelled_as_written_beats_one_only_folded_to_it(gaz):
    # "Uman" (Ukraine) and "Oman" share a folded key; the country is not a spelling of the town.
    assert "OM" not in [c.country_code for c in gaz.candidates("Uman")]


def test_the_same_letters_spaced_otherwise_are_the_same_name_even_when_short(gaz):
    found = gaz.candidates("Muse", country_codes=["MM"])  # GeoNames: Mu-se, Shan State
    assert found and found[0].match == "exact" and found[0].name == "Mu-se"


@pytest.mark.parametrize("a, b", [("uman", "oman"), ("ohio", "ohia"), ("bakr", "bakir"),
                                  ("kentucky", "nentucky"), ("minnesota", "minnesotaville")])
def test_fuzzy_matching_refuses_short_names_other_first_letters_and_other_lengths(a, b):
    assert not is_fuzzy_match(a, b)


def test_fuzzy_matching_keeps_one_letter_variants_of_long_names():
    assert is_fuzzy_match("kafranbal", "kafranbel")
    assert same_length_class("tuwaim", "tuwaima") and not same_length_class("hama", "hamadan")


# -- data files ----------------------------------------------------------------

def test_written_aliases_are_dotted_or_capitals():
    assert units.is_written_alias("U.S.") and units.is_written_alias("TX") and units.is_written_alias("Calif.")
    assert not units.is_written_alias("Burma") and not units.is_written_alias("Qld")


def test_every_admin1_alias_names_a_known_region():
    from mapper.geocode.gazetteer_index import _read_admin1_tsv
    known = {(cc, code) for cc, code, _ in _read_admin1_tsv()}
    rows = units.admin1_alias_rows()
    assert rows and all((row["country_code"], row["admin1_code"]) in known for row in rows)


def test_country_points_are_on_the_globe_with_bounded_radii():
    points = units.country_points()
    assert len(points) > 200
    for lat, lon, radius in points.values():
        assert -90 <= lat <= 90 and -180 <= lon <= 180
        assert radius is None or 10 <= radius <= 1500


def test_weighted_median_and_region_point():
    assert units.weighted_median([1, 2, 10], [1, 1, 5]) == 10
    lat, lon, radius = units.region_point([(0.0, 0.0, 1), (0.0, 1.0, 1), (0.0, 2.0, 1000)], "median")
    assert (lat, lon) == (0.0, 1.0) and radius >= units.ADMIN1_RADIUS_KM[0]
    assert units.region_point([(0.0, 0.0, 1), (0.0, 1.0, 1), (0.0, 2.0, 1000)], "weighted")[1] == 2.0
    # the default: the middle of the places' extent, not of their people
    assert units.region_point([(0.0, 0.0, 1), (0.0, 1.0, 1), (0.0, 10.0, 1000)])[1] == 5.0


def test_the_united_states_is_at_the_centre_of_the_contiguous_states(gaz):
    [country] = [c for c in gaz.candidates("United States") if c.kind == "country"]
    lebanon_kansas = (39.83, -98.58)  # the geographic centre of the contiguous United States
    assert haversine_km(country.latitude, country.longitude, *lebanon_kansas) < 100


def test_a_region_named_like_a_capital_abroad_is_still_a_candidate(gaz):
    # Victoria is the Seychelles' capital and an Australian state; Washington stays the capital at home.
    assert ("admin1", "AU") in kinds(gaz.candidates("Victoria"))
    assert ("admin1", "US") not in kinds(gaz.candidates("Washington"))
    assert ("admin1", "US") in kinds(gaz.candidates("Washington State"))


def test_chinese_provinces_are_found_without_geonames_unit_words(gaz):
    # GeoNames writes "Anhui Sheng", "Shanghai Shi", "Xinjiang Uygur Zizhiqu"; copy writes "Anhui", "Xinjiang".
    assert ("admin1", "CN") in kinds(gaz.candidates("Anhui"))
    assert ("admin1", "CN") in kinds(gaz.candidates("Anhui province"))
    assert ("admin1", "CN") in kinds(gaz.candidates("Xinjiang"))


@pytest.mark.parametrize("written, country", [
    ("Logar", "AF"), ("Wardak", "AF"), ("Nineveh", "IQ"), ("Salahuddin", "IQ"), ("Oromia", "ET"),
    ("North Darfur", "SD"), ("Lower Shabelle", "SO"), ("Rural Damascus", "SY")])
def test_english_press_spellings_of_first_level_regions(gaz, written, country):
    # GeoNames writes "Lowgar", "Ninawa", "Oromiya": copy writes the English forms
    known = gaz.lookup(written)
    assert known is not None and (known.kind, known.country_code) == ("admin1", country)


def test_a_bare_second_level_unit_is_a_unit_but_no_place_word(gaz):
    assert gaz.unit("Nueva Ecija") and gaz.lookup("Nueva Ecija") is None
    assert not gaz.unit("Damascus") and not gaz.unit("the")
