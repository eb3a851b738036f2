"""Runs tests/gold/places.yaml: place mentions of short texts, one test per case id."""

from __future__ import annotations

import pytest
from gold.loader import GOLD, PLACE_SHAPE, GoldCase, load, place_problems

from mapper.extract.places import scan_places
from mapper.extract.sentences import is_heading, split_sentences

GOLD_FILE = load(GOLD / "places.yaml", {"places": PLACE_SHAPE})
CASES = GOLD_FILE.section("places")


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_gold_places_case(case: GoldCase) -> None:
    text = case["text"]
    sentences = split_sentences(text)
    headings = frozenset(s.index for s in sentences if is_heading(s, sentences))
    found = scan_places(text, sentences, GOLD_FILE.lexicon(case), headings).places
    problems = place_problems(found, case)
    if problems:
        shown = "\n".join(f"  {p.name} | role={p.role} feature={p.feature} region={p.region} cue={p.cue}" for p in found)
        pytest.fail(f"{case.file}:{case.line} case {case.id!r}:\n  " + "\n  ".join(problems)
                    + "\nplaces found:\n" + (shown or "  (none)"), pytrace=False)


def test_the_gold_file_holds_cases() -> None:
    assert len(CASES) >= 45
