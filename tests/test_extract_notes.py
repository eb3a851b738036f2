"""Incident notes are typed items (model.Note); the notes column is rendered from them once and
text_warnings reads the items, never the rendered text."""

import datetime as dt
from dataclasses import replace

from mapper.articles import Article
from mapper.extract import extract_article, merge_duplicates, text_warnings
from mapper.extract.model import Note, render_notes
from mapper.lexicon import DictLexicon, KnownName

LEX = DictLexicon({"Goma": KnownName("populated", 670_000, "CD"), "Bunia": KnownName("populated", 900_000, "CD")})


def test_note_renders_key_value_and_remarks():
    assert Note("trigger", "shelled").render() == "trigger=shelled"
    assert Note("not added to fatalities: counted elsewhere").render() == "not added to fatalities: counted elsewhere"
    assert Note("location", "from a; b").render() == "location=from a, b"  # ";" separates items
    assert render_notes((Note("a", "1"), Note("b"))) == "a=1;b"


def test_note_of_text_handed_by_another_stage():
    assert Note.of("date=from paragraph") == Note("date", "from paragraph")
    assert Note.of("a=b=c") == Note("a", "b=c")
    assert Note.of("no value here") == Note("no value here")
    assert Note.of(Note("x", "y")) == Note("x", "y")


def _incidents(text):
    return list(extract_article(Article("a1", text, dt.date(2025, 3, 9)), LEX).incidents)


def test_notes_column_is_rendered_from_items():
    for incident in _incidents("Gunmen killed 5 people in Goma on Friday. Fighting in Bunia killed 2."):
        assert incident.notes == render_notes(incident.note_items)
        assert incident.note("trigger")


def test_text_warnings_read_items_not_the_notes_text():
    (incident,) = _incidents("Gunmen killed 5 people in Goma on Friday.")
    typed = replace(incident, note_items=(Note("date", "out_of_range"), Note("fatalities_unused", "9 billion")),
                    notes="")
    codes = [w.code for w in text_warnings("x", (), (typed,))]
    assert codes == ["W201", "W202"]
    spoofed = replace(incident, notes="date=out_of_range;fatalities_unused=9 billion")
    assert text_warnings("x", (), (spoofed,)) == ()


def test_merged_rows_get_a_sources_item():
    a = _incidents("Gunmen killed 5 people in Goma on Friday.")
    b = [replace(i, article="b1") for i in a]
    (merged,) = merge_duplicates(a + b)
    assert merged.note("sources") == "a1,b1"
    assert merged.notes == render_notes(merged.note_items)
