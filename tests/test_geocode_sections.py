"""Pages of several sections (a digest, a part per country): each section read by its own
country (extract.sections, focus.section_focus); an article of one section read as before."""

import re

from mapper.extract.model import ArticleExtraction, PlaceMention
from mapper.extract.sections import section_of, section_starts
from mapper.extract.sentences import split_sentences
from mapper.geocode.chain import RegionGeocoder
from mapper.geocode.focus import section_focus
from mapper.geocode.records import SectionWeight
from mapper.geocode.resolve import PlaceUse, Providers, resolve_places
from mapper.pipeline import _place_uses
from test_geocode_focus import Table, cand

# Invented towns: Harazi only in Yemen; Marobi in Yemen (the bigger) and in Kenya.
GAZETTEER = {
    "Yemen": [cand("Yemen", 15.5, 47.5, "YE", 28_000_000, 1, kind="country")],
    "Kenya": [cand("Kenya", 0.5, 38.0, "KE", 51_000_000, 2, kind="country")],
    "Harazi": [cand("Harazi", 15.3, 44.2, "YE", 20_000, 10)],
    "Marobi": [cand("Marobi", 15.1, 44.0, "YE", 50_000, 20), cand("Marobi", -0.5, 39.6, "KE", 5_000, 21)],
}

DIGEST = ("World in brief\n"
          "Fighting in Yemen killed 12 people in Harazi on Monday, officials in Yemen said.\n"
          "Kenya\n"
          "Floods in Kenya cut the road to Marobi on Tuesday, police said.\n")


def providers():
    return Providers(overrides=Table({}), gazetteer=Table(GAZETTEER), regions=RegionGeocoder(lambda: None))


def extraction(text: str, names: tuple[str, ...]) -> ArticleExtraction:
    """The article as extraction would give it, its place mentions every whole-word use of ``names``."""
    sentences = split_sentences(text)
    mentions = sorted((m.start(), m.end(), name) for name in names for m in re.finditer(rf"\b{name}\b", text))
    places = tuple(PlaceMention(name, a, b, next(s.index for s in sentences if s.start <= a < s.end))
                   for a, b, name in mentions)
    return ArticleExtraction("a", sentences, places, ())


def placed(text: str, names: tuple[str, ...]) -> dict:
    uses = _place_uses(extraction(text, names))
    return {r.place: r for r in resolve_places(uses, providers()).places}


def test_a_heading_after_the_lead_starts_a_section_and_the_headline_does_not():
    sentences = split_sentences(DIGEST)
    assert section_starts(sentences) == (DIGEST.index("Kenya\n"),)


def test_paragraphs_led_by_a_dateline_start_sections():
    text = ("Storms hit the coast on Monday.\n"
            "MADRID -- Police closed two roads.\n"
            "KABUL, Afghanistan (AP) -- A bridge collapsed.\n")
    starts = section_starts(split_sentences(text))
    assert starts == (text.index("MADRID"), text.index("KABUL"))
    assert [section_of(text.index(word), starts) for word in ("Storms", "Police", "bridge")] == [0, 1, 2]


def test_a_first_paragraph_dateline_and_a_heading_with_its_dateline_open_no_extra_section():
    text = ("Heavy rains\n"
            "NAIROBI (AP) -- Floods hit the north on Monday.\n"
            "The west\n"
            "MOMBASA (AP) -- Roads were closed.\n")
    assert section_starts(split_sentences(text)) == (text.index("The west"),)


def test_short_lines_of_hard_wrapped_copy_are_no_headings():
    text = ("Storms hit the coast on Monday and closed the road\n"
            "between two towns.\n"
            "Police said the bridge at Doro\n"
            "Crews worked through the night, officials said.\n")
    assert section_starts(split_sentences(text)) == ()
    # the same short line in copy whose lines are paragraphs is a heading
    unwrapped = text.replace("road\nbetween", "road between")
    assert section_starts(split_sentences(unwrapped)) == (unwrapped.index("Police"),)


def test_a_short_line_inside_a_sentence_is_no_heading():
    text = ("Storms hit the coast on Monday.\n"
            "Roads near the river\n"
            "were closed, police said.\n"
            "The rest of the region was spared.\n")
    assert section_starts(split_sentences(text)) == ()


def test_an_article_without_headings_or_datelines_is_one_section_and_its_uses_unchanged():
    text = "Fighting in Yemen killed 12 people in Harazi on Monday.\nShelling also hit Marobi, officials said.\n"
    assert section_starts(split_sentences(text)) == ()
    uses = _place_uses(extraction(text, ("Yemen", "Harazi", "Marobi")))
    assert all(use.sections == () and use.section_demonyms == () for use in uses)


def test_a_town_of_a_digests_minor_section_is_read_by_that_sections_country():
    places = placed(DIGEST, ("Yemen", "Harazi", "Kenya", "Marobi"))
    assert places["Marobi"].source_id == "geonames:21"
    assert "its section of the article, KE" in places["Marobi"].resolution
    assert places["Harazi"].source_id == "geonames:10"


def test_the_same_page_without_its_heading_is_one_section_read_by_the_main_country():
    text = DIGEST.replace("Kenya\n", "", 1)  # the heading line gone: one section, Yemen's
    places = placed(text, ("Yemen", "Harazi", "Kenya", "Marobi"))
    assert places["Marobi"].source_id == "geonames:20"
    assert "section" not in places["Marobi"].resolution


def test_a_name_used_in_two_sections_is_read_by_the_articles_focus():
    text = DIGEST.replace("in Harazi", "in Harazi and Marobi")
    places = placed(text, ("Yemen", "Harazi", "Kenya", "Marobi"))
    assert places["Marobi"].source_id == "geonames:20"


def test_a_section_that_also_names_the_articles_country_keeps_the_articles_focus():
    text = DIGEST.replace("Floods in Kenya", "Floods in Kenya and Yemen")
    places = placed(text, ("Yemen", "Harazi", "Kenya", "Marobi"))
    assert places["Marobi"].source_id == "geonames:20"


def test_towns_alone_never_give_a_section_its_own_focus():
    # section 1 names no country: its one town votes Kenya by its candidates, which is not enough
    by_name = {"Yemen": [PlaceUse("a", "Yemen", weight=2.0, sections=(SectionWeight(0, 2.0, 0),))],
               "Marobi": [PlaceUse("a", "Marobi", weight=1.0, sentence_start=90, sections=(SectionWeight(1, 1.0, 90),))]}
    kenyan_only = {**GAZETTEER, "Marobi": [GAZETTEER["Marobi"][1]]}
    assert section_focus(by_name, kenyan_only, {}, {"a": "YE"}) == {}
    by_name["Kenya"] = [PlaceUse("a", "Kenya", weight=1.0, sentence_start=80, sections=(SectionWeight(1, 1.0, 80),))]
    assert section_focus(by_name, kenyan_only, {}, {"a": "YE"}) == {"Marobi": {"a": "KE"}, "Kenya": {"a": "KE"}}
