"""Casualty figures: the check that is not one sentence -> one figure. The table-driven
cases (sentence -> fatalities and breakdown, number words) are data in
tests/gold/numbers.yaml, run by tests/test_gold_numbers.py."""

from mapper.extract.numbers import fatality_figure, find_counts


def test_additional_groups_across_two_sentences_sum():
    counts = find_counts("At least 745 civilians were killed.") + find_counts(
        "Additionally, 125 government security forces and 148 fighters from groups loyal to Assad were killed."
    )
    fig = fatality_figure(counts)
    assert fig.fatalities == 745 + 125 + 148
    assert fig.breakdown == "civilians=745;security_forces=125;fighters=148"
