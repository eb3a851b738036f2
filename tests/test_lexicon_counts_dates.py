"""The vocabulary of counts and dates (lexicon/count_words.csv, single_victims.csv,
date_words.csv, the victim kinds of casualty_words.csv): the loader refuses a broken line,
and every shipped line takes effect in its rule."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from lexicon_copy import append_line, load_error

from mapper.extract import vocabulary
from mapper.extract.dates import find_dates
from mapper.extract.dating import mentions_onset, necessary_word
from mapper.extract.numbers import fatality_figure, find_counts, has_zero_fatalities, number_value


@pytest.mark.parametrize(("name", "line", "message"), [
    ("count_words.csv", "a\\s+handful\\s+of,vaguish,", "kinds 'vaguish' is not one of"),
    ("count_words.csv", "at\\s+least,qualifier,", "duplicate pattern 'at\\\\s+least'"),
    ("single_victims.csv", "nun,nuns,", "group 'nuns' is not one of"),
    ("single_victims.csv", "man,men,", "duplicate word 'man'"),
    ("single_victims.csv", "Priest,,", "must be lower-case"),
    ("date_words.csv", "kicked\\s+off,start,", "kind 'start' is not one of"),
    ("date_words.csv", "began,onset,", "duplicate pattern 'began'"),
    ("casualty_words.csv", "gunned\\s+down,victim_active,", "kinds 'victim_active' is not one of"),
])
def test_a_broken_line_names_file_and_line(folder: Path, name: str, line: str, message: str) -> None:
    number = append_line(folder, name, line)
    error = load_error(folder)
    assert f"{name}:{number}:" in error and message in error


def _rows(name: str, kind: str, column: str = "kinds") -> list[str]:
    return [r.text("pattern") for r in vocabulary.table(name) if kind in r.items(column)]


def _as_text(pattern: str) -> str:
    return pattern.replace("\\s+", " ")


def test_every_qualifier_is_kept_and_every_vague_word_is_no_figure() -> None:
    for q in _rows("count_words.csv", "qualifier"):
        counts = find_counts(f"Gunmen killed {_as_text(q)} 12 people in the village.")
        assert [(c.value, c.qualifier) for c in counts] == [(12, _as_text(q))], q
    for v in _rows("count_words.csv", "vague"):
        assert number_value(_as_text(v)) is None, v


def test_every_left_qualifier_may_stand_between_the_verb_and_the_number() -> None:
    for q in _rows("count_words.csv", "left_qualifier"):
        counts = find_counts(f"The strike on the market, killing {_as_text(q)} 12.")
        assert [c.kind for c in counts] == ["killed"], q


def test_every_zero_word_makes_an_explicit_zero() -> None:
    for subject in _rows("count_words.csv", "zero_subject"):
        for verb in _rows("count_words.csv", "zero_verb"):
            for harm in _rows("count_words.csv", "zero_harm"):
                assert has_zero_fatalities(f"{_as_text(subject)} {_as_text(verb)} {harm}"), (subject, verb, harm)
    for noun in _rows("count_words.csv", "zero_noun"):
        assert has_zero_fatalities(f"There were no {noun}."), noun
    for noun in _rows("count_words.csv", "zero_without"):
        assert has_zero_fatalities(f"It ended without {_as_text(noun)}."), noun
    for subject in _rows("count_words.csv", "zero_died_subject"):
        for verb in _rows("count_words.csv", "zero_died"):
            assert has_zero_fatalities(f"{_as_text(subject)} {_as_text(verb)}"), (subject, verb)
    assert not has_zero_fatalities("no one was arrested")


def test_every_single_victim_counts_one_of_its_group() -> None:
    for row in vocabulary.table("single_victims.csv"):
        word, group = row.text("word"), row.text("group")
        figure = fatality_figure(find_counts(f"Gunmen killed a {word} in the village."))
        assert (figure.fatalities, figure.breakdown) == (1, f"{group}=1" if group else ""), word
    for verb in _rows("casualty_words.csv", "victim_verb"):
        assert fatality_figure(find_counts(f"Gunmen {_as_text(verb)} a farmer.")).fatalities == 1, verb
    for verb in _rows("casualty_words.csv", "victim_passive"):
        assert fatality_figure(find_counts(f"A farmer was {_as_text(verb)} on Monday.")).fatalities == 1, verb
    for verb in _rows("casualty_words.csv", "victim_died"):
        assert fatality_figure(find_counts(f"A man {_as_text(verb)} on Monday.")).fatalities == 1, verb
        for adverb in _rows("count_words.csv", "victim_adverb"):
            sentence = f"A farmer was stabbed and {_as_text(adverb)} {_as_text(verb)}."
            assert fatality_figure(find_counts(sentence)).fatalities == 1, (verb, adverb)


def test_every_date_word_is_read() -> None:
    published = dt.date(2025, 3, 9)
    expected = {"yesterday": (dt.date(2025, 3, 8), None), "today": (published, None),
                "day_before": (None, -1), "day_after": (None, 1)}
    for row in vocabulary.table("date_words.csv"):
        kind = row.text("kind")
        if kind not in expected:
            continue
        text = _as_text(row.text("pattern")).replace("(?:previous|preceding)", "preceding").replace(
            "(?:day|night|evening)", "evening").replace("(?:following|next)", "next").replace("(?:day|morning|night)", "morning")
        found = find_dates(f"Troops shelled the town {text}.", published)
        assert [(d.text, d.date, d.relative_days) for d in found] == [(text, *expected[kind])], row.text("pattern")


def test_every_onset_word_is_found_and_has_a_necessary_word() -> None:
    for pattern in [r.text("pattern") for r in vocabulary.table("date_words.csv") if r.text("kind") == "onset"]:
        sentence = f"The clashes {_as_text(pattern).replace('(?: up)?', '')} on Thursday."
        assert mentions_onset(sentence, sentence.lower()), pattern
        assert necessary_word(pattern), pattern
    assert necessary_word(r"flared(?:\s+up)?") == "flared"
    assert necessary_word(r"was\s+triggered") == "triggered"
    assert necessary_word(r"(?:a|b)c") is None


def test_every_single_victim_verb_passes_the_pre_check() -> None:
    from mapper.extract.numbers import _SINGLE_VICTIM_WORDS

    for kind in ("victim_verb", "victim_passive", "victim_died"):
        for verb in _rows("casualty_words.csv", kind):
            assert any(word in _as_text(verb) for word in _SINGLE_VICTIM_WORDS), verb


def _sample(pattern: str) -> str:
    """A text a simple pattern matches: "met(?:re|er)s?" -> "metres", "age\\s+of" -> "age of"."""
    text = re.sub(r"\(\?:([^|)]*)[^)]*\)\??", r"\1", pattern)
    return text.replace("s?", "s").replace("\\s+", " ").replace("\\.", ".")


def test_every_not_counted_word_makes_a_number_no_count() -> None:
    assert fatality_figure(find_counts("The strike killed 12 people.")).fatalities == 12
    for pattern in _rows("count_words.csv", "not_counted"):
        if not _sample(pattern)[-1].isalnum():
            continue  # "%", "a.m.": the rule's \b after them needs a word character next (kept as it was)
        sentence = f"The strike killed 12 {_sample(pattern)} away."
        assert fatality_figure(find_counts(sentence)).fatalities is None, sentence
    for pattern in _rows("count_words.csv", "not_counted_before"):
        sentence = f"Officials said the {_sample(pattern)} 12 people were killed."
        assert fatality_figure(find_counts(sentence)).fatalities is None, sentence


@pytest.mark.parametrize("trap", ["", " (İzmir)"])  # "İ" lower-cases to two characters: the re.I rules run
def test_every_clause_break_ends_the_clause_and_every_breakdown_word_marks_a_part(trap: str) -> None:
    assert [c.kind for c in find_counts(f"Officials counted 12 people and the rest were killed{trap}.")] == ["killed"]
    breakdown = set(_rows("count_words.csv", "breakdown"))
    for pattern in _rows("count_words.csv", "clause_break"):
        if pattern in breakdown:  # the verb right after a breakdown is the total's: tested below
            sentence = f"Officials counted 12 people {_sample(pattern)} a child, then the rest were killed{trap}."
        else:
            sentence = f"Officials counted 12 people {_sample(pattern)} the rest were killed{trap}."
        assert [c.kind for c in find_counts(sentence)] == [""], sentence
    for pattern in breakdown:
        for verb in _rows("count_words.csv", "total_auxiliary"):
            sentence = f"Officials said 12 fighters {_sample(pattern)} a commander {_sample(verb)} killed{trap}."
            assert [c.kind for c in find_counts(sentence) if not c.including] == ["killed"], sentence
            assert fatality_figure(find_counts(sentence)).fatalities == 12, sentence
    for pattern in _rows("count_words.csv", "clause_break_after_comma"):
        sentence = f"Officials counted 12 people, {_sample(pattern)} the rest were killed{trap}."
        assert [c.kind for c in find_counts(sentence)] == [""], sentence
    for pattern in _rows("count_words.csv", "breakdown"):
        sentence = f"Gunmen killed 20 people, {_sample(pattern)} 5 children{trap}."
        assert [c.including for c in find_counts(sentence)] == [False, True], sentence


def test_every_person_or_verb_word_keeps_a_number_a_count() -> None:
    assert find_counts("The report listed 12 apples in total.") == ()  # no group, verb or person after
    for word in _rows("count_words.csv", "person_or_verb"):
        counts = find_counts(f"The report listed 12 {_as_text(word)} in total.")
        assert [c.value for c in counts] == [12], word


def test_every_coordination_word_carries_the_killing_word_to_the_next_count() -> None:
    assert [c.kind for c in find_counts("Gunmen killed 7 civilians near 2 police officers.")] == ["killed", ""]
    for word in _rows("count_words.csv", "coordination"):
        counts = find_counts(f"Gunmen killed 7 civilians {_as_text(word)} 2 police officers.")
        assert [c.kind for c in counts] == ["killed", "killed"], word
    assert [c.kind for c in find_counts("Gunmen killed 7 civilians and the 2 officers.")] == ["killed", ""]
    for word in _rows("count_words.csv", "coordination_possessive"):
        counts = find_counts(f"Gunmen killed 7 civilians and {word} 2 officers.")
        assert [c.kind for c in counts] == ["killed", "killed"], word


def test_a_not_counted_word_ending_in_a_sign_blocks_before_a_space() -> None:
    signs = [p for p in _rows("count_words.csv", "not_counted") if not _sample(p)[-1].isalnum()]
    assert signs, "no sign-ending not_counted word left to test"
    for pattern in signs:
        for after in (" of the residents.", "."):
            sentence = f"The strike killed 40{'' if _sample(pattern) == '%' else ' '}{_sample(pattern)}{after}"
            assert fatality_figure(find_counts(sentence)).fatalities is None, sentence


def test_every_said_word_marks_a_date_as_when_it_was_said() -> None:
    from mapper.extract.dating import said_before

    def said(before: str) -> bool:
        text = before + "Sunday."
        return said_before(text, 0, len(before))

    assert not said("The army shelled the town on ") and not said("He said: ") and not said("Officials said. On ")
    for verb in [r.text("pattern") for r in vocabulary.table("date_words.csv") if r.text("kind") == "said_before_date"]:
        spoken = _as_text(verb).replace("\\w+", "AFP")
        assert said(f"The army {spoken} ") and said(f"The army {spoken.upper()} "), verb
        for word in [r.text("pattern") for r in vocabulary.table("date_words.csv") if r.text("kind") == "after_said"]:
            assert said(f"The army {spoken} {word} "), (verb, word)
    assert not said("It happened hours after the army unsaid ")  # a word, not the end of a longer one


def test_every_zero_slot_word_and_age_noun_is_read() -> None:
    for no in _rows("count_words.csv", "zero_no"):
        for modifier in _rows("count_words.csv", "zero_no_modifier"):
            for reports in _rows("count_words.csv", "zero_no_reports"):
                sentence = f"There were {no} {modifier} {_sample(reports)} casualties."
                assert has_zero_fatalities(sentence), sentence
    for opener in _rows("count_words.csv", "zero_without_opener"):
        for verb in _rows("count_words.csv", "zero_without_verb"):
            assert has_zero_fatalities(f"It ended {opener} {verb} casualties."), (opener, verb)
    assert not has_zero_fatalities("There were many casualties.")
    assert fatality_figure(find_counts("Gunmen killed 57 farmers.")).fatalities == 57
    for noun in ("year", "month"):  # an age: not_counted "years?", "months?"
        for written in (f"57-{noun}-old", f"57 {noun} old"):
            assert fatality_figure(find_counts(f"Gunmen killed a {written} farmer.")).fatalities == 1, written
            assert find_counts(f"Gunmen killed a {written} farmer.")[0].value == 1, written


def test_every_single_victim_article_and_auxiliary_is_read() -> None:
    # "the farmer" was named before: one victim only when no other count gives the toll
    assert [c.definite for c in find_counts("Gunmen killed the farmer.")] == [True]
    assert fatality_figure(find_counts("Gunmen killed the farmer.")).fatalities == 1
    assert fatality_figure(find_counts("Gunmen killed 3 villagers and the farmer.")).fatalities == 3
    for article in ("a", "an", "one"):
        assert re.fullmatch("|".join(_rows("count_words.csv", "single_victim_article")), article)
        assert fatality_figure(find_counts(f"Gunmen killed {article} farmer.")).fatalities == 1, article
    assert fatality_figure(find_counts("A farmer is killed.")).fatalities is None
    for aux in _rows("count_words.csv", "victim_auxiliary"):
        assert fatality_figure(find_counts(f"A farmer {_as_text(aux)} killed.")).fatalities == 1, aux


def test_every_never_count_word_is_no_count() -> None:
    assert [c.text for c in find_counts("Officials said nine were killed.")] == ["nine"]
    for word in _rows("count_words.csv", "never_count"):
        assert [c.text for c in find_counts(f"Officials said {word} were killed.")] == [], word
