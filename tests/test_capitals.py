"""Capitals written as a phrase ("the Yemeni capital", "Yemen's capital", "the capital of Yemen"):
found as place mentions (mapper.extract.capitals), put at the country's capital city
(mapper.geocode.capitals), and located like any place by the incident rules."""

import datetime as dt

import pytest
from geopy.location import Location

from mapper.articles import Article
from mapper.extract import extract_article
from mapper.extract.model import Sentence
from mapper.geocode.chain import RegionGeocoder
from mapper.geocode.focus import demonym_votes
from mapper.geocode.gazetteer import Candidate, CountryInfo, Gazetteer
from mapper.geocode.resolve import PlaceUse, Providers, resolve_places
from mapper.lexicon import DictLexicon, KnownName
from test_geocode_resolve import NoOverrides, StubGeocoder

LEX = DictLexicon({
    "Yemen": KnownName("country", 28_000_000, "YE"), "Syria": KnownName("country", 20_000_000, "SY"),
    "South Sudan": KnownName("country", 11_000_000, "SS"), "Britain": KnownName("country", 66_000_000, "GB"),
    "Sanaa": KnownName("populated", 1_900_000, "YE"), "Damascus": KnownName("populated", 1_500_000, "SY"),
    "Marib": KnownName("populated", 40_000, "YE"),
})


def extraction(text):
    return extract_article(Article(id="a", text=text, published=dt.date(2024, 5, 6)), LEX)


def mentions(text):
    return [(p.name, p.start, p.end, p.capital_of) for p in extraction(text).places]


# -- extraction


def test_the_demonym_form_is_a_place_with_its_country_and_exact_offsets():
    found = extraction("Shelling hit the Yemeni capital on Monday.").places
    assert [(p.name, p.start, p.end, p.feature, p.cue, p.role, p.capital_of) for p in found] == [
        ("the Yemeni capital", 13, 31, "city", "capital phrase", "location", "YE")]


def test_the_possessive_and_the_of_forms_take_the_country_name_into_the_phrase():
    assert mentions("Air raids hit Yemen's capital overnight.") == [("Yemen's capital", 14, 29, "YE")]
    assert mentions("Protesters gathered in the capital of Yemen on Friday.") == [
        ("the capital of Yemen", 23, 43, "YE")]
    assert mentions("Troops reached South Sudan's capital city.") == [("South Sudan's capital city", 15, 41, "SS")]
    assert mentions("Troops reached the Syrian capital city.") == [("the Syrian capital city", 15, 38, "SY")]


def test_a_heading_may_leave_out_the_article():
    assert mentions("Blasts rock Yemeni capital\n\nResidents said the night was loud.") == [
        ("Yemeni capital", 12, 26, "YE")]


def test_in_apposition_the_capitals_own_name_is_the_one_mention():
    assert mentions("Protesters marched in the Yemeni capital, Sanaa, on Friday.") == [("Sanaa", 42, 47, "")]
    assert mentions("Sanaa, the Yemeni capital, was quiet on Friday.") == [("Sanaa", 0, 5, "")]
    assert mentions("Shells fell on the Syrian capital of Damascus.") == [("Damascus", 37, 45, "")]
    # the country stays a mention, as before this rule
    assert mentions("Protesters gathered in the capital of Yemen, Sanaa, on Friday.") == [
        ("Yemen", 38, 43, ""), ("Sanaa", 45, 50, "")]


def test_a_capital_with_no_country_or_a_word_between_is_no_capital_phrase():
    assert mentions("Fighting reached the provincial capital of Marib.") == [("Marib", 43, 48, "")]
    assert mentions("Fighting reached the state capital on Monday.") == []
    assert mentions("Fighting reached the former Yemeni capital on Monday.") == []
    assert mentions("The tax on Britain's capital gains rose.") == [("Britain", 11, 18, "")]
    # "of Yemen's": the capital of a province of Yemen, not Yemen's
    assert all(not m[3] for m in mentions("Fighting reached the capital of Yemen's Marib province."))


def test_a_bare_capital_is_the_focus_countrys_and_a_capital_of_something_else_is_not():
    assert mentions("Fighting reached the capital on Monday.") == [("the capital", 17, 28, "focus")]
    assert mentions("Fighting reached the capital of the province on Monday.") == []
    assert mentions("Fighting reached the Capital Region on Monday.") == []
    assert mentions("Shells hit the capital's outskirts.") == [("the capital", 11, 22, "focus")]


def test_a_possessive_head_ends_the_phrase_before_its_s():
    assert mentions("The Syrian capital’s southern suburbs were shelled.") == [("The Syrian capital", 0, 18, "SY")]


# -- geocoding


class _Gazetteer:
    """A gazetteer that knows one country and its capital (real GeoNames values)."""

    def country(self, code):
        if code != "YE":
            return None
        return CountryInfo("YE", "Yemen", 69543, 28498687, 15.0, 48.0, 12.7, 42.9, 17.3, 52.5, "Sanaa")

    def candidates(self, name, country_codes=None, limit=25):  # noqa: ARG002 (Gazetteer.candidates' signature)
        if name != "Sanaa" or "YE" not in (country_codes or []):
            return []
        return [Candidate(71137, "Sanaa", 15.35472, 44.20667, "YE", "26", "Amanat Al Asimah", 1937451, "populated",
                          "Sanaa", "exact")]


def providers():
    return Providers(overrides=NoOverrides(), gazetteer=StubGeocoder({}), regions=RegionGeocoder(lambda: _Gazetteer()))


def test_a_capital_phrase_is_the_countrys_capital_city_at_precision_one_saying_why():
    use = PlaceUse("a", "the Yemeni capital", feature="city", sentence="Shelling hit the Yemeni capital.",
                   capital_of="YE")
    (record,) = resolve_places([use], providers()).places
    assert (record.place, record.latitude, record.longitude, record.geo_precision, record.country_code) == (
        "the Yemeni capital", 15.35472, 44.20667, 1, "YE")
    assert (record.matched_name, record.source_id, record.provider) == ("Sanaa", "geonames:71137", "gazetteer")
    assert record.resolution == "gazetteer: the capital of Yemen, as the article writes 'the Yemeni capital'; ±2 km"


def test_a_country_whose_capital_the_gazetteer_lacks_is_looked_up_as_before():
    asked = StubGeocoder({})
    use = PlaceUse("a", "the Ruritanian capital", capital_of="RR")
    resolve_places([use], Providers(overrides=NoOverrides(), gazetteer=asked, regions=RegionGeocoder(lambda: _Gazetteer())))
    assert asked.asked == ["the Ruritanian capital"]


def test_a_bare_capital_is_the_capital_of_the_articles_focus_near_its_point():
    yemen = Location("Yemen", (15.0, 48.0), {"geonameid": 69543, "name": "Yemen", "latitude": 15.0, "longitude": 48.0,
                                           "country_code": "YE", "admin1_code": "", "admin1": "", "population": 28498687,
                                           "kind": "country", "matched_alias": "Yemen", "match": "exact"})
    story = [PlaceUse("a", "Yemen", sentence="Fighting in Yemen."),
             PlaceUse("a", "the capital", feature="city", sentence="Clashes in the capital.", capital_of="focus")]
    table = StubGeocoder({"Yemen": [yemen]})
    records = {r.place: r for r in resolve_places(story, Providers(overrides=NoOverrides(), gazetteer=table,
                                                                   regions=RegionGeocoder(lambda: _Gazetteer()))).places}
    capital = records["the capital"]
    assert (capital.latitude, capital.longitude, capital.geo_precision, capital.matched_name) == (15.35472, 44.20667, 2, "Sanaa")
    assert capital.resolution == ("gazetteer: the capital of Yemen, the country the article is about (its focus), "
                                  "as it writes 'the capital'; ±10 km")
    assert table.asked == ["Yemen"]  # "the capital" is never looked up as a name


def test_the_adjective_of_a_capital_phrase_does_not_vote_for_the_focus_again():
    text = "Shelling hit the Yemeni capital. Yemeni officials met."
    sentences = (Sentence(0, 0, 32, text[:32], 0), Sentence(1, 33, len(text), text[33:], 0))
    assert [code for code, _w, _o in demonym_votes(sentences)] == ["YE"]
    (vote,) = demonym_votes(sentences, skip=((13, 31),))
    assert vote[0] == "YE" and vote[2] == 33  # only "Yemeni officials" counts
    assert demonym_votes(sentences[:1], skip=((13, 31),)) == ()


# -- incidents


def test_an_incident_in_a_capital_phrase_is_located_there():
    (incident,) = extraction("Shelling hit the Syrian capital on Monday, killing five civilians.").incidents
    assert (incident.location, incident.fatalities, incident.scope) == ("the Syrian capital", 5, "local")


# -- end to end, with the GeoNames index


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.open()


def test_geoparse_puts_the_yemeni_capital_at_sanaa(gaz):
    import mapper

    (found,) = mapper.geoparse("Shelling hit the Yemeni capital on Monday, residents said.", gazetteer=gaz)
    assert (found.name, found.start, found.end, found.geo_precision, found.country_code, found.matched_name) == (
        "the Yemeni capital", 13, 31, 1, "YE", "Sanaa")
    assert found.resolution.startswith("gazetteer: the capital of Yemen, as the article writes 'the Yemeni capital'")


def test_geoparse_keeps_one_row_for_a_capital_and_its_name(gaz):
    import mapper

    found = mapper.geoparse("Sanaa, the Yemeni capital, was quiet on Friday.", gazetteer=gaz)
    assert [(t.name, t.geo_precision, t.country_code) for t in found] == [("Sanaa", 1, "YE")]
