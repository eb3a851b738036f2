"""Runs tests/gold/numbers.yaml: casualty figures and number words, one test per case id."""

from __future__ import annotations

import pytest
from gold.loader import (
    FIGURE_SHAPE,
    GOLD,
    NUMBER_WORD_SHAPE,
    GoldCase,
    field_problems,
    load,
)

from mapper.extract.numbers import (
    fatality_figure,
    find_counts,
    has_zero_fatalities,
    number_value,
)

GOLD_FILE = load(GOLD / "numbers.yaml", {"figures": FIGURE_SHAPE, "number_words": NUMBER_WORD_SHAPE})
FIGURES = GOLD_FILE.section("figures")
NUMBER_WORDS = GOLD_FILE.section("number_words")


@pytest.mark.parametrize("case", FIGURES, ids=[case.id for case in FIGURES])
def test_gold_figure(case: GoldCase) -> None:
    sentence = case["sentence"]
    figure = fatality_figure(find_counts(sentence), has_zero_fatalities(sentence))
    expected = {name: case[name] for name in ("fatalities", "breakdown", "notes") if name in case.data}
    problems = field_problems(figure, expected)
    if problems:
        pytest.fail(f"{case.file}:{case.line} case {case.id!r}:\n  " + "\n  ".join(problems)
                    + f"\ncounts found: {find_counts(sentence)!r}", pytrace=False)


@pytest.mark.parametrize("case", NUMBER_WORDS, ids=[case.id for case in NUMBER_WORDS])
def test_gold_number_word(case: GoldCase) -> None:
    assert number_value(case["phrase"]) == case["value"], f"{case.file}:{case.line} case {case.id!r}"


def test_the_gold_file_holds_cases() -> None:
    assert len(FIGURES) >= 20 and len(NUMBER_WORDS) >= 10
