"""Where the incident is located when a sentence writes one place inside another
(article_index.containers_of, read by locate.place_in_clause): the place, not its container.
Invented names with a table lexicon; each expectation is how an analyst codes the sentence."""

import datetime as dt

import pytest

from mapper.articles import Article
from mapper.extract import extract_article
from mapper.lexicon import DictLexicon, KnownName

LEX = DictLexicon({
    "Kestria": KnownName("populated", 900_000, "SY"), "Dorvan": KnownName("populated", 30_000, "SY"),
    "Lessa": KnownName("populated", 60_000, "AF"), "Mirab": KnownName("populated", 20_000, "AF"),
    "Nortia": KnownName("populated", 500_000, "AF"), "Yemen": KnownName("country", 30_000_000, "YE"),
    "Taliq": KnownName("populated", 40_000, "YE"), "Saba": KnownName("populated", 600_000, "YE"),
    "Colonia Santa Rita": KnownName("populated", 2_000, "MX"), "Sonara": KnownName("admin1", 3_000_000, "MX"),
    "Villa Ortiz": KnownName("populated", 300_000, "MX"),
})


def locations(text: str) -> list[str]:
    return [i.location for i in extract_article(Article("a", text, dt.date(2020, 5, 10)), LEX).incidents]


@pytest.mark.parametrize("text, where", [
    # two places joined by a bare "in": the second says where the first is
    ("On 8 May 2020, residents of Dorvan in Kestria protested against the fuel prices.", "Dorvan"),
    ("On 8 May 2020, gunmen killed two farmers in Dorvan village in Kestria.", "Dorvan"),
    # a list of units with a plural feature noun, then the province that holds them
    ("On 8 May 2020, 8 militants were killed by airstrikes in Lessa and Mirab districts, Nortia.", "Lessa"),
    # brackets after a region phrase situate the place before it
    ("On 8 May 2020, rebels shelled houses in Taliq district in southern Yemen (Saba), killing a woman.", "Taliq"),
])
def test_the_incident_is_at_the_place_not_at_the_place_that_holds_it(text, where):
    assert locations(text) == [where]


def test_two_places_of_one_sentence_not_written_inside_each_other_keep_the_nearest():
    # "Kestria ... and in Dorvan": two places; the killing is nearest Dorvan
    assert locations("On 8 May 2020, police arrested a man in Kestria and gunmen killed a guard in Dorvan.")[-1] == "Dorvan"


def test_a_neighbourhood_named_colonia_is_part_of_the_town_the_sentence_names():
    # a gazetteer's "Colonia Santa Rita" is mostly a village elsewhere; the coder puts it at the town
    text = "On 7 May 2020, in Villa Ortiz, Sonara, two armed men attacked a man in Colonia Santa Rita."
    assert locations(text) == ["Villa Ortiz"]


def test_a_province_in_the_lead_gives_way_to_the_district_the_body_writes_inside_it():
    text = ("A missile attack on the province of Nortia killed 13 people, an official said on Friday.\n\n"
            "\"The rebels targeted houses in Lessa district of Nortia late on Thursday,\" the source said.")
    assert locations(text)[0] == "Lessa"


def test_a_province_stays_when_the_body_writes_nothing_inside_it():
    text = ("A missile attack on the province of Nortia killed 13 people, an official said on Friday.\n\n"
            "Officials in Lessa condemned the attack.")
    assert locations(text)[0] == "Nortia"


@pytest.mark.parametrize("text, where", [
    ("On 4 May 2020, police arrested a journalist in Nortia province as he was travelling from Kestria.", "Nortia"),
    ("On 4 May 2020, residents protested in Kestria against the death of a man who was shot in Lessa.", "Kestria"),
])
def test_a_clause_about_someone_elsewhere_does_not_locate_the_main_event(text, where):
    found = [i for i in extract_article(Article("a", text, dt.date(2020, 5, 10)), LEX).incidents
             if i.event_type != "Violence against civilians"]  # ("who was shot in Lessa" is an incident of its own)
    assert [i.location for i in found] == [where]

