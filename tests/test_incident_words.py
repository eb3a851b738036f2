"""lexicon/incident_words.csv: the word slots of the drafts and locate rules. The loader's and
incident_words.check's refusals, and that the rules' regexes are built from the rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lexicon_copy import append_line, load_error

from mapper.errors import LexiconError
from mapper.extract import drafts, incident_words, locate, vocabulary
from mapper.extract.incident_words import FILE, alternation, check, phrases
from mapper.extract.vocabulary import INCIDENT_WORD_KINDS, PACKAGE_FOLDER, SCHEMAS, read_table


def _check_error(folder: Path) -> str:
    with pytest.raises(LexiconError) as caught:
        check(read_table(folder, SCHEMAS[FILE]), folder)
    return str(caught.value)


def test_every_kind_has_phrases_and_each_phrase_is_one_line():
    rows = vocabulary.table(FILE)
    assert set(incident_words.PHRASES) == set(INCIDENT_WORD_KINDS)
    assert all(incident_words.PHRASES[k] for k in INCIDENT_WORD_KINDS)
    assert len({r.text("phrase") for r in rows}) == len(rows)


def test_unknown_kind_and_duplicate_phrase_are_loader_errors(folder):
    line = append_line(folder, FILE, "slew,toll|massacre,")
    assert load_error(folder).startswith(f"{folder / FILE}:{line}: kinds 'massacre' is not one of: continuation,")
    shutil.copy(PACKAGE_FOLDER / FILE, folder / FILE)
    first = next(r.line for r in read_table(PACKAGE_FOLDER, SCHEMAS[FILE]) if r.text("phrase") == "toll")
    line = append_line(folder, FILE, "toll,aggregate_cue,")
    assert load_error(folder) == f"{folder / FILE}:{line}: duplicate phrase 'toll' (first on line {first})"


def test_upper_case_where_the_rule_ignores_case_and_a_pattern_are_refused(folder):
    line = append_line(folder, FILE, "Nationwide,aggregate_cue,")
    assert _check_error(folder) == (f"{folder / FILE}:{line}: phrase 'Nationwide' must be lower-case for kind "
                                    "'aggregate_cue' (any)")
    shutil.copy(PACKAGE_FOLDER / FILE, folder / FILE)
    line = append_line(folder, FILE, r"death\s+tolls?,toll,")
    assert _check_error(folder).startswith(f"{folder / FILE}:{line}: phrase 'death\\\\s+tolls?' must be plain words")


def test_a_kind_without_phrases_is_refused(folder):
    path = folder / FILE
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if ",sheltering," not in line]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert _check_error(folder) == f"{path}: no phrase for kind(s) sheltering"


def test_alternation_escapes_and_spaces_match_any_whitespace():
    assert alternation("toll") == r"(?:death\s+toll|toll)"
    assert phrases("continuation")[:3] == ("Additionally", "Also", "In addition")  # sentence start: capitalised


def test_the_rules_are_built_from_the_rows():
    for phrase in phrases("continuation"):
        assert drafts._CONTINUATION.match(phrase.replace(" ", "\n") + ", 3 were killed")
    for phrase in phrases("attributive_noun"):
        assert drafts._ATTRIBUTIVE_AFTER.match(" " + phrase.upper())
    for phrase in phrases("aggregate_cue"):
        assert locate._AGGREGATE_CUE.search(f"were killed {phrase} last year")
    for phrase in phrases("destination_preposition"):
        m = locate._DEST.match(f" {phrase} the hills for safety")
        assert m and m.group("np") == "the hills"
    assert not drafts._CONTINUATION.match("additionally")  # as the rule reads it: at a sentence start
