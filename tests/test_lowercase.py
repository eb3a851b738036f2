"""The lower-case shortcuts (mapper/extract/lowercase.py): a text holding a letter that re.I
matches to an ASCII one while str.lower() does not (İ ı ſ, and K) is read by the re.I rules,
and the words they matched are looked up as re.I read them."""

from __future__ import annotations

import datetime as dt

import pytest

from mapper.extract.dates import find_dates
from mapper.extract.lowercase import fold, lower_is_exact
from mapper.extract.numbers import fatality_figure, find_counts, number_value

_PUBLISHED = dt.date(2025, 3, 9)


@pytest.mark.parametrize("text", ["Kılıçdaroğlu", "İzmir", "Tueſday", "\u212aabul"])
def test_a_trap_letter_turns_the_shortcut_off(text: str) -> None:
    assert not lower_is_exact(text, text.lower())
    assert lower_is_exact("Kabul", "kabul")


def test_fold_reads_the_letters_as_re_i_does() -> None:
    assert [fold(w) for w in ("Tueſday", "nıne", "İRAQ", "\u212aILLED")] == ["tuesday", "nine", "iraq", "killed"]


@pytest.mark.parametrize(("verb", "kind"), [("kılled", "killed"), ("ſhot dead", "killed"), ("\u212ailled", "killed"),
                                            ("injured", "wounded")])
def test_the_words_after_a_count_are_read_as_re_i_reads_them(verb: str, kind: str) -> None:
    counts = find_counts(f"12 civilians were {verb} in the raid.")
    assert [(c.value, c.kind, c.group) for c in counts] == [(12, kind, "civilians")]


def test_a_number_word_with_a_trap_letter_has_its_value() -> None:
    assert number_value("nıne") == 9
    assert fatality_figure(find_counts("Gunmen killed nıne people in Kılıçlar.")).fatalities == 9


@pytest.mark.parametrize("town", ["Kılıç", "Kutum"])
def test_dates_are_read_in_a_text_with_a_trap_letter(town: str) -> None:
    found = find_dates(f"Troops shelled {town} on Tueſday and on 3 March, officials said.", _PUBLISHED)
    assert [(d.text, d.date) for d in found] == [("Tueſday", dt.date(2025, 3, 4)), ("3 March", dt.date(2025, 3, 3))]


def test_a_single_victim_is_found_with_a_trap_letter_in_its_verb() -> None:
    assert fatality_figure(find_counts("Fighters kılled a man near the well.")).fatalities == 1
