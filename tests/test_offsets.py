"""Offsets from a known place ("Kelva, 10 km east of Doro", "100 km north of Doro"): read in
extraction (mapper.extract.offsets), placed by the geocoder (mapper.geocode.offsets), and the
incident located at the offset, not at the anchor. Invented places and sentences."""

import datetime as dt

import pytest
from geopy.distance import great_circle

from mapper.articles import Article
from mapper.extract import extract_article
from mapper.extract.model import Offset
from mapper.extract.offsets import bearing_of
from mapper.geocode.chain import RegionGeocoder
from mapper.geocode.resolve import PlaceUse, Providers, resolve_places
from mapper.lexicon import DictLexicon, KnownName
from test_geocode_resolve import StubGeocoder as Table, candidate

LEX = DictLexicon({"Doro": KnownName("populated", 300_000, "NE"), "Kelva": KnownName("populated", 5_000, "NE"),
                   "Niger": KnownName("country", 25_000_000, "NE"), "Maradi State": KnownName("admin1", 4_000_000, "NE")})
SUNDAY = dt.date(2025, 3, 9)


def extract(text):
    return extract_article(Article("a", text, SUNDAY), LEX)


def offsets(text):
    return {p.name: p.offset for p in extract(text).places if p.offset is not None}


@pytest.mark.parametrize("word, degrees", [("north", 0.0), ("north-east", 45.0), ("northeast", 45.0),
                                           ("south-west", 225.0), ("west", 270.0), ("north-west", 315.0)])
def test_a_compass_word_is_a_bearing_clockwise_from_north(word, degrees):
    assert bearing_of(word) == degrees


def test_a_place_written_with_a_distance_and_bearing_from_another_gets_that_offset():
    found = offsets("Gunmen raided homes in Kelva, some 40 km south-west of Doro, on Friday.")
    assert found == {"Kelva": Offset("Doro", 225.0, 40.0, "some 40 km south-west of Doro")}


def test_miles_are_converted_and_a_link_verb_joins_the_place_to_its_offset():
    found = offsets("The market town of Kelva is 25 miles north of Doro.")
    assert found["Kelva"].km == pytest.approx(40.23, abs=0.01)
    assert found["Kelva"].anchor == "Doro"


def test_thousands_are_read_whole():
    found = offsets("Herders fled to Kelva, about 1,200 kilometres to the north-west of Doro.")
    assert found["Kelva"].km == 1200.0


def test_an_offset_with_no_place_before_it_is_a_mention_of_its_own():
    places = extract("Militants attacked an army post 120 km north of Doro on Sunday.").places
    phrase = next(p for p in places if p.cue == "offset")
    assert (phrase.name, phrase.offset) == ("120 km north of Doro", Offset("Doro", 0.0, 120.0, "120 km north of Doro"))
    assert "Doro" in {p.name for p in places}  # the anchor stays a mention


def test_no_distance_is_an_offset_without_km():
    assert offsets("Clashes broke out north-east of Doro on Monday.")["north-east of Doro"].km is None


def test_a_distance_that_is_no_bearing_from_a_place_is_no_offset():
    assert offsets("Gunmen killed 12 people in Kelva and walked 40 km to Doro.") == {}


def test_the_incident_is_at_the_offset_point_not_at_the_anchor():
    incident, = extract("Militants killed 12 soldiers at a post 120 km north of Doro on Sunday.").incidents
    assert incident.location == "120 km north of Doro"


def test_the_incident_is_at_the_place_written_with_the_offset_not_at_the_anchor():
    incident, = extract("Gunmen killed five people in Kelva, 10 km east of Doro, on Sunday.").incidents
    assert incident.location == "Kelva"


# -- geocoding ---------------------------------------------------------------------------------

DORO = candidate("Doro", 13.5, 2.1, "NE", 300_000, 1)
TABLE = {"Doro": [DORO], "Kelva": [candidate("Kelva", 13.5, 2.19, "NE", 5_000, 2)],
         "Farin": [candidate("Farin", 40.0, 20.0, "AL", 5_000, 3)]}


def resolve(*uses):
    providers = Providers(overrides=Table({}), gazetteer=Table(TABLE), regions=RegionGeocoder(lambda: None))
    return {r.place: r for r in resolve_places(list(uses), providers).places}


def use(name, offset=None):
    return PlaceUse(article="a", name=name, sentence=f"Fighting near {name}.", offset=offset)


def test_an_offset_phrase_is_the_anchor_moved_on_a_great_circle_with_a_third_of_the_distance_as_radius():
    offset = Offset("Doro", 0.0, 120.0, "120 km north of Doro")
    places = resolve(use("Doro"), use("120 km north of Doro", offset))
    record = places["120 km north of Doro"]
    assert great_circle((13.5, 2.1), (record.latitude, record.longitude)).km == pytest.approx(120, abs=0.5)
    assert record.latitude > 13.5 and record.longitude == pytest.approx(2.1)
    assert (record.geo_precision, record.approximation, record.country_code) == (2, "offset", "NE")
    assert record.uncertainty_km == pytest.approx(40 + 2)  # a third of 120 km plus Doro's own ±2 km
    assert record.resolution.startswith("offset: '120 km north of Doro'")
    assert places["Doro"].geo_precision == 1  # the anchor is not moved


def test_an_unknown_village_written_as_an_offset_is_put_at_the_moved_point():
    record = resolve(use("Doro"), use("Tamsi", Offset("Doro", 90.0, 30.0, "30 km east of Doro")))["Tamsi"]
    assert record.longitude > 2.3 and record.approximation == "offset" and record.geo_precision == 2


def test_a_known_place_near_the_offset_point_is_kept_and_a_namesake_far_from_it_gives_way():
    near = resolve(use("Doro"), use("Kelva", Offset("Doro", 90.0, 10.0, "10 km east of Doro")))["Kelva"]
    assert (near.provider, near.geo_precision, near.longitude) == ("gazetteer", 1, 2.19)
    far = resolve(use("Doro"), use("Farin", Offset("Doro", 90.0, 10.0, "10 km east of Doro")))["Farin"]
    assert (far.approximation, far.country_code) == ("offset", "NE")


def test_without_a_distance_the_place_is_the_anchors_area_never_an_exact_pin():
    record = resolve(use("Doro"), use("north of Doro", Offset("Doro", 0.0, None, "north of Doro")))["north of Doro"]
    assert (record.latitude, record.longitude, record.geo_precision) == (13.5, 2.1, 3)
    assert "gives no distance" in record.resolution


def test_the_gazetteer_is_not_asked_for_the_offset_phrase():
    table = Table(TABLE)
    providers = Providers(overrides=Table({}), gazetteer=table, regions=RegionGeocoder(lambda: None))
    resolve_places([use("Doro"), use("5 km west of Doro", Offset("Doro", 270.0, 5.0, "5 km west of Doro"))], providers)
    assert table.asked == ["Doro"]


def test_a_place_with_a_feature_noun_before_its_offset_owns_it():
    found = offsets("Jets struck the Kelva district west of Doro on Monday.")
    assert found == {"Kelva": Offset("Doro", 270.0, None, "west of Doro")}


def test_the_east_of_a_place_is_a_part_of_it_not_an_offset():
    assert offsets("Shells fell on homes in the east of Doro on Monday.") == {}


def test_an_offset_point_is_preferred_to_the_wider_units_written_after_it():
    text = "On 2 May, at 1.5 km north of Tamsi village, Zinder district, Maradi State, troops and rebels clashed."
    incident, = extract(text).incidents
    assert incident.location == "1.5 km north of Tamsi"


def test_a_known_place_a_little_beyond_the_radius_is_kept_a_distance_is_often_by_road():
    # Kelva lies 9.7 km east of Doro; "25 km east" puts the point 15.3 km beyond it (radius 10.3 km)
    kept = resolve(use("Doro"), use("Kelva", Offset("Doro", 90.0, 25.0, "25 km east of Doro")))["Kelva"]
    assert kept.provider == "gazetteer"


def test_a_distance_from_a_country_is_the_countrys_area_not_a_moved_point():
    TABLE["Niger"] = [candidate("Niger", 17.0, 9.0, "NE", 25_000_000, 4, kind="country")]
    try:
        record = resolve(use("Niger"), use("100 km west of Niger", Offset("Niger", 270.0, 100.0, "100 km west of Niger")))
    finally:
        del TABLE["Niger"]
    phrase = record["100 km west of Niger"]
    assert (phrase.latitude, phrase.longitude, phrase.geo_precision) == (17.0, 9.0, 3)
    assert "a distance from an area" in phrase.resolution


def test_a_place_written_right_before_its_offset_owns_it():
    assert offsets("Rebels clashed with troops in Kelva north of Doro.") == {"Kelva": Offset("Doro", 0.0, None, "north of Doro")}


def test_no_offset_is_read_from_a_country():
    assert offsets("The convoy was stopped 100 km north of Niger on Monday.") == {}


# -- nearness with no distance: "X military base close to Doro" ---------------------------------

def test_a_place_written_close_to_another_gets_a_near_offset_with_no_bearing():
    found = offsets("On Friday, rebels attacked the army at the Konkat military base close to Doro.")
    assert found == {"Konkat": Offset("Doro", None, None, "close to Doro")}


def test_near_with_no_place_before_it_is_the_place_itself():
    assert offsets("Fighting near Doro killed three on Friday.") == {}


def test_a_source_close_to_a_name_is_a_persons_circle_not_a_place():
    assert "Doro" not in {p.name for p in extract("On Friday, sources close to Doro said the talks failed.").places}


def test_the_incident_near_a_place_is_at_the_place_written_not_its_anchor():
    incident, = extract("On Friday, rebels attacked the army at the Konkat military base close to Doro.").incidents
    assert incident.location == "Konkat"


def test_an_unknown_place_near_a_town_is_put_near_the_town_never_as_exact():
    record = resolve(use("Doro"), use("Konkat", Offset("Doro", None, None, "close to Doro")))["Konkat"]
    assert (record.latitude, record.longitude) == (13.5, 2.1)
    assert (record.geo_precision, record.approximation) == (2, "near")
    assert record.uncertainty_km == pytest.approx(2 + 15)  # Doro's own ±2 km and the reach of "near"


def test_a_known_place_near_the_anchor_is_kept_and_a_namesake_far_away_gives_way():
    kept = resolve(use("Doro"), use("Kelva", Offset("Doro", None, None, "near Doro")))["Kelva"]
    assert (kept.provider, kept.longitude) == ("gazetteer", 2.19)
    moved = resolve(use("Doro"), use("Farin", Offset("Doro", None, None, "near Doro")))["Farin"]
    assert (moved.country_code, moved.approximation, moved.latitude) == ("NE", "near", 13.5)


def test_an_offset_with_a_qualifier_a_conversion_and_the_capital_named_before_its_name():
    # "Baibangou, a village about 100 kilometers (62 miles) north of the capital, Niamey" (a region's
    # name too: written as the capital, it is the town)
    lex = DictLexicon({"Ombel": KnownName("admin1", 1_300_000, "NE"), "Niger": KnownName("country", 25_000_000, "NE")})
    text = "Troops attacked Dessa, a village about 100 kilometers (62 miles) north of the capital, Ombel, on Friday."
    found = {p.name: p.offset for p in extract_article(Article("a", text, SUNDAY), lex).places if p.offset is not None}
    assert found["Dessa"].anchor == "Ombel" and found["Dessa"].km == 100.0 and found["Dessa"].bearing == 0.0
