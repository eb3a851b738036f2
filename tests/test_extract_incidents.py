"""Incidents from short reports: the checks that are not table-shaped (structure, ids,
merging, row coding, comparisons between two runs). The table-driven cases (sentence ->
expected rows) are data in tests/gold/incidents.yaml, run by tests/test_gold_incidents.py."""

import datetime as dt

from mapper.articles import Article
from mapper.extract import extract_article, merge_duplicates
from mapper.lexicon import DictLexicon, KnownName
from mapper.schema import INCIDENT_COLUMNS

SUNDAY = dt.date(2025, 3, 9)

LEX = DictLexicon({
    "Ukraine": KnownName("country", 40_000_000, "UA"), "Russia": KnownName("country", 140_000_000, "RU"),
    "Ethiopia": KnownName("country", 120_000_000, "ET"), "Sudan": KnownName("country", 45_000_000, "SD"),
    "Chad": KnownName("country", 17_000_000, "TD"), "Kharkiv": KnownName("populated", 1_400_000, "UA"),
    "Dnipro": KnownName("populated", 980_000, "UA"), "Khan Younis": KnownName("populated", 200_000, "PS"),
    "El Fasher": KnownName("populated", 250_000, "SD"), "Goma": KnownName("populated", 670_000, "CD"),
    "Culiacán": KnownName("populated", 800_000, "MX"), "Marib": KnownName("populated", 40_000, "YE"),
    "Tawila": KnownName("populated", 20_000, "SD"),
})


def extract(text, published=SUNDAY, article_id="t"):
    return extract_article(Article(article_id, text, published), LEX)


def only(result, **where):
    rows = [i for i in result.incidents if all(getattr(i, k) == v for k, v in where.items())]
    assert len(rows) == 1, [(i.event_type, i.sub_event_type, i.location) for i in result.incidents]
    return rows[0]


def test_displacement_origin_and_destination_are_columns():
    # the fields and notes of this case are in tests/gold/incidents.yaml (displacement-origin-and-destination)
    r = extract("On Tuesday, thousands of residents fled from El Fasher to Tawila after RSF shelling.")
    i = only(r, sub_event_type="Displacement")
    # a column of incidents.csv, not an item of notes that the join would parse back
    row = dict(zip(INCIDENT_COLUMNS, i.as_row(), strict=True))
    assert (row["origin"], row["destination"]) == ("El Fasher", "Tawila")
    assert "origin=" not in i.notes and "destination=" not in i.notes


def test_quotes_are_exact_and_rows_follow_the_schema():
    text = "On Thursday, an Israeli airstrike hit a school in Khan Younis, killing 12 people.\nThousands fled to Chad.\n“We ran. They burned everything,” said Amina, a 30-year-old mother."
    r = extract(text)
    assert r.incidents
    for i in r.incidents:
        assert text[i.quote_start : i.quote_end] == i.quote
        row = i.as_row()
        assert len(row) == len(INCIDENT_COLUMNS)
        assert row[INCIDENT_COLUMNS.index("quote_start")] == i.quote_start
        assert i.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments")
        if i.location and i.scope == "local":
            assert i.location in [p.name for p in r.places]


def test_ids_are_stable_across_runs():
    text = "On Thursday, an Israeli airstrike hit a school in Khan Younis, killing 12 people."
    assert [i.incident_id for i in extract(text).incidents] == [i.incident_id for i in extract(text).incidents]


def test_merge_duplicates_across_articles():
    text = "On Thursday, an Israeli airstrike hit a school in Khan Younis, killing 12 people."
    a = extract(text, article_id="a").incidents
    b = extract("Twelve people were killed on Thursday when an Israeli airstrike hit a school in Khan Younis.", article_id="b").incidents
    merged = merge_duplicates(list(b) + list(a))
    strikes = [i for i in merged if i.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1
    assert strikes[0].article == "a" and "sources=a,b" in strikes[0].notes
    assert merge_duplicates(list(a) + list(b)) == merged


def test_merge_keeps_different_figures_apart():
    a = extract("On Thursday, an airstrike hit Khan Younis, killing 12 people.", article_id="a").incidents
    b = extract("On Thursday, an airstrike hit Khan Younis, killing 15 people.", article_id="b").incidents
    assert len(merge_duplicates(list(a) + list(b))) == 2


def test_one_sentence_two_incidents_get_two_ids():
    # the two rows themselves are checked in tests/gold/incidents.yaml (one-sentence-two-incidents-in-two-places)
    text = "On 3 March, soldiers killed 4 villagers in Kin Ma village; on 5 March, they shelled Hnan Khar village, killing 2."
    r = extract(text)
    assert len(r.incidents) == 2 and len({i.incident_id for i in r.incidents}) == 2


def test_unreported_toll_is_coded_zero_with_a_note():
    r = extract("On Monday, gunmen attacked a checkpoint in Marib.")
    [i] = [i for i in r.incidents if i.location == "Marib"]
    assert i.fatalities is None  # nothing reported ...
    assert i.as_row()[INCIDENT_COLUMNS.index("fatalities")] == 0  # ... is coded 0, as ACLED does
    assert "fatalities=not reported" in i.notes


def test_words_ending_in_number_words_are_not_counts_for_actors():
    # "often" ends in "ten": it must not turn "soldiers" into a victim count.
    often = only(extract("Villagers in Marib were attacked often by soldiers on Monday."), location="Marib")
    again = only(extract("Villagers in Marib were attacked again by soldiers on Monday."), location="Marib")
    assert often.actor1 == again.actor1 != ""

