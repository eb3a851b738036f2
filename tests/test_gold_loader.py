"""The gold files' loader: a broken case is a clear error naming the file, the case id and
its line, never a case that silently checks less; and the comparison can fail."""

from __future__ import annotations

import datetime as dt

import pytest
from gold.loader import (
    DATE_SHAPE,
    INCIDENT_SHAPE,
    GoldFileError,
    incident_problems,
    load,
    matches,
)

from mapper.articles import Article
from mapper.extract import extract_article

GOOD_CASE = """\
- id: good
  text: "Gunmen killed nine villagers in Marib on Thursday."
  expect: [{where: {location: Marib}, fatalities: 9}]
"""


def write(tmp_path, body: str):
    path = tmp_path / "bad.yaml"
    path.write_text("lexicons:\n  small: {Marib: [populated, 40000, YE]}\ndefaults: {lexicon: small}\nincidents:\n" + body,
                    encoding="utf-8")
    return path


def load_incidents(path):
    return load(path, {"incidents": INCIDENT_SHAPE})


@pytest.mark.parametrize("body, says", [
    ("- id: typo\n  txt: \"Gunmen killed nine villagers.\"\n  expect_none: true\n",
     r"bad\.yaml:5: case 'typo': unknown key 'txt'"),
    ("- id: no-sentence\n  expect_none: true\n", r"bad\.yaml:5: case 'no-sentence': missing 'text'"),
    ("- id: empty-sentence\n  text: \"\"\n  expect_none: true\n", r"case 'empty-sentence': text: must be a non-empty string"),
    ("- id: not-a-column\n  text: \"Gunmen killed nine villagers.\"\n  expect: [{fatalites: 9}]\n",
     r"case 'not-a-column': expect\[0\]: 'fatalites' is not a field"),
    ("- id: not-a-column-in-where\n  text: \"Gunmen killed nine villagers.\"\n  expect: [{where: {town: Marib}, fatalities: 9}]\n",
     r"case 'not-a-column-in-where': expect\[0\]\.where: 'town' is not a field"),
    ("- id: yaml-no\n  text: \"Gunmen killed nine villagers.\"\n  expect: [{where: {location: no}, fatalities: 9}]\n",
     r"case 'yaml-no': expect\[0\]\.where\.location: False is how YAML reads yes/no"),
    ("- id: bad-operator\n  text: \"Gunmen killed nine villagers.\"\n  expect: [{notes: {include: x}}]\n",
     r"case 'bad-operator': expect\[0\]\.notes: a mapping holds operators"),
    ("- id: rows-and-fields\n  text: \"Gunmen killed nine villagers.\"\n  expect: [{rows: [], fatalities: 9}]\n",
     r"case 'rows-and-fields': expect\[0\]: rows and fields \(fatalities\) do not mix"),
    ("- id: nothing-expected\n  text: \"Gunmen killed nine villagers.\"\n", r"case 'nothing-expected': nothing expected"),
    ("- id: no-such-lexicon\n  text: \"Gunmen killed nine villagers.\"\n  lexicon: big\n  expect_none: true\n",
     r"case 'no-such-lexicon': unknown lexicon 'big'"),
    (GOOD_CASE + GOOD_CASE, r"bad\.yaml:8: case 'good': duplicate id \(first at line 5\)"),
])
def test_a_broken_case_names_file_line_and_case(tmp_path, body, says):
    with pytest.raises(GoldFileError, match=says):
        load_incidents(write(tmp_path, body))


def test_an_unknown_section_and_a_bad_lexicon_entry_are_named(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("lexicons:\n  small: {Marib: [town, 40000, YE]}\nincident:\n- id: a\n", encoding="utf-8")
    with pytest.raises(GoldFileError) as raised:
        load_incidents(path)
    assert "unknown top-level key 'incident'" in str(raised.value)
    assert "lexicon 'small': 'Marib': expected [kind" in str(raised.value)


def test_a_date_case_without_a_date_is_named(tmp_path):
    path = tmp_path / "dates.yaml"
    path.write_text("dates:\n- id: undated\n  sentence: \"The clashes began on Thursday.\"\n  precision: 1\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"dates\.yaml:2: case 'undated': missing 'date'"):
        load(path, {"dates": DATE_SHAPE})


def test_a_good_file_loads_with_defaults_and_line_numbers(tmp_path):
    [case] = load_incidents(write(tmp_path, GOOD_CASE)).cases
    assert (case.id, case.line, case["lexicon"]) == ("good", 5, "small")


def test_a_wrong_expectation_is_reported_field_by_field(tmp_path):
    body = GOOD_CASE.replace("fatalities: 9", "fatalities: 10, actor1: Soldiers")
    gold = load_incidents(write(tmp_path, body))
    [case] = gold.cases
    result = extract_article(Article("t", case["text"], dt.date(2025, 3, 9)), gold.lexicon(case))
    assert incident_problems(result.incidents, result.places, case) == [
        "expect[0] where {'location': 'Marib'}: fatalities: expected 10, got 9",
        "expect[0] where {'location': 'Marib'}: actor1: expected 'Soldiers', got 'Gunmen'",
    ]


@pytest.mark.parametrize("actual, expected, holds", [
    ("2025-03-06", dt.date(2025, 3, 6), True),
    ("2025-03-07", dt.date(2025, 3, 6), False),
    ("qualifier=at_least;trigger=killed", {"has_item": "trigger=killed"}, True),
    ("qualifier=at_least;trigger=killed", {"has_item": "trigger=kill"}, False),
    ("origin_from=article region", {"excludes": "origin="}, True),
    ("origin=El Fasher", {"excludes": ["origin=", "destination="]}, False),
    ("a quote ending in 300.", {"endswith": "300.", "contains": "quote"}, True),
    ("a quote ending in 300.", {"endswith": "300.", "contains": "toll"}, False),
    (None, {"not_in": [0, None]}, False),
    (3, {"not_in": [0, None]}, True),
    (("other_figures=52",), {"contains": "other_figures=52"}, True),
    ("Goma", {"not": "Baniyas"}, True),
])
def test_operators(actual, expected, holds):
    assert matches(actual, expected) is holds
