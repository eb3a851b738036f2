"""Runs tests/gold/incidents.yaml: each case is one test, named by its id.

A failing case lists every expectation it missed and the incidents extraction found,
so the diff reads without Python: "expect[0] where {'location': 'Goma'}: fatalities:
expected 6, got 0".
"""

from __future__ import annotations

import pytest
from gold.loader import (
    GOLD,
    INCIDENT_SHAPE,
    GoldCase,
    incident_problems,
    incident_table,
    load,
)

from mapper.articles import Article
from mapper.extract import extract_article

GOLD_FILE = load(GOLD / "incidents.yaml", {"incidents": INCIDENT_SHAPE})
CASES = GOLD_FILE.section("incidents")


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_gold_incident_case(case: GoldCase) -> None:
    article = Article(case.get("article", "t"), case["text"], case.get("published"))
    result = extract_article(article, GOLD_FILE.lexicon(case))
    problems = incident_problems(result.incidents, result.places, case)
    if problems:
        pytest.fail(f"{case.file}:{case.line} case {case.id!r}:\n  " + "\n  ".join(problems)
                    + "\nincidents found:\n" + incident_table(result.incidents), pytrace=False)


def test_the_gold_file_holds_cases() -> None:
    assert len(CASES) >= 40
