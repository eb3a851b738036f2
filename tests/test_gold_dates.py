"""Runs tests/gold/dates.yaml: the first date phrase of each sentence, one test per case id."""

from __future__ import annotations

import pytest
from gold.loader import DATE_SHAPE, GOLD, GoldCase, field_problems, load

from mapper.extract.dates import find_dates

GOLD_FILE = load(GOLD / "dates.yaml", {"dates": DATE_SHAPE})
CASES = GOLD_FILE.section("dates")


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_gold_date(case: GoldCase) -> None:
    found = find_dates(case["sentence"], case.get("published"))
    where = f"{case.file}:{case.line} case {case.id!r}"
    if case.get("expect_none"):
        assert found == (), f"{where}: expected no date phrase, got {found!r}"
        return
    assert found, f"{where}: no date phrase found in {case['sentence']!r}"
    problems = field_problems(found[0], {name: case[name] for name in ("date", "precision", "text") if name in case.data})
    if problems:
        pytest.fail(f"{where}:\n  " + "\n  ".join(problems) + f"\nphrases found: {found!r}", pytrace=False)


def test_the_gold_file_holds_cases() -> None:
    assert len(CASES) >= 15
