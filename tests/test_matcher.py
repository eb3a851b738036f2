"""The phrase matcher: whole tokens, one attribute, leftmost-longest, and a plain reference."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mapper.errors import LexiconError
from mapper.extract import words
from mapper.extract.matcher import (
    PhraseMatcher,
    phrase_keys,
    reference_find,
    reference_find_all,
)
from mapper.extract.tokens import tokenize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import corpus  # bench/corpus.py


def found(matcher, text, every=False):
    doc = tokenize(text)
    matches = matcher.find_all(doc) if every else matcher.find(doc)
    return [(" ".join(doc.words[m.start:m.end]), m.payload) for m in matches]


ACTORS = PhraseMatcher([("security forces", "state"), ("Syrian security forces", "state"), ("forces", "noun"),
                        ("Fano", "non_state"), ("U.S. forces", "state"), ("Deir ez-Zor", "place")])


def test_longest_match_first_and_no_overlaps():
    assert found(ACTORS, "Syrian security forces fired.") == [("Syrian security forces", "state")]
    assert found(ACTORS, "Syrian security forces fired.", every=True) == [
        ("Syrian security forces", "state"), ("security forces", "state"), ("forces", "noun")]


def test_whole_tokens_only():
    assert found(ACTORS, "Fanonist forcesX and Zor in ez-Zor") == []
    assert found(ACTORS, "Shelling hit Deir ez-Zor.") == [("Deir ez-Zor", "place")]
    assert found(ACTORS, "The U.S. forces left.") == [("U.S. forces", "state")]


def test_lower_ignores_case_and_orth_does_not():
    assert found(ACTORS, "FANO fighters") == [("FANO", "non_state")]
    exact = PhraseMatcher([("Fano", "group")], attr="ORTH")
    assert found(exact, "Fano and fano and FANO") == [("Fano", "group")]


def test_a_match_never_crosses_a_sentence_end():
    table = PhraseMatcher([("people . police", "x"), ("people .", "y")])
    assert found(table, "Gunmen killed 3 people. Police fled.") == [("people .", "y")]


def test_start_and_end_bound_the_search():
    doc = tokenize("Fano attacked. Fano fled.")
    assert [m.start for m in ACTORS.find(doc)] == [0, 3]
    assert [m.start for m in ACTORS.find(doc, start=1)] == [3]
    assert [m.start for m in ACTORS.find(doc, end=3)] == [0]


def test_phrases_are_tokenised_like_articles():
    assert phrase_keys("U.S. forces", "LOWER") == ("u.s.", "forces")
    assert phrase_keys("Deir ez-Zor", "ORTH") == ("Deir", "ez-Zor")


@pytest.mark.parametrize(
    ("table", "attr", "message"),
    [
        ([("Fano", 1), ("FANO", 2)], "LOWER", "'FANO' is listed twice (first as 'Fano')"),
        ([("security  forces", 1), ("security forces", 2)], "LOWER", "listed twice"),
        ([("  ", 1)], "LOWER", "empty phrase"),
        ([("Fano", 1)], "UPPER", "attr must be LOWER or ORTH"),
    ],
)
def test_a_broken_table_is_an_error_naming_the_phrase(table, attr, message):
    with pytest.raises(LexiconError, match="groups: .*" + message.replace("(", r"\(").replace(")", r"\)")):
        PhraseMatcher(table, attr=attr, name="groups")


def test_the_same_phrase_in_two_cases_is_two_entries_under_orth():
    assert len(PhraseMatcher([("Fano", 1), ("FANO", 2)], attr="ORTH")) == 2


def _extractor_lists() -> dict[str, list[str]]:
    """The word lists the extractor uses today (mapper/extract/words.py), by name."""
    return {name: sorted(value) for name, value in vars(words).items()
            if name.isupper() and isinstance(value, frozenset | tuple) and value
            and all(isinstance(item, str) for item in value)}


def _corpus_phrases() -> list[str]:
    """Multi-word actors and monitors the bench corpus writes ("Syrian security forces"),
    plus their last two words ("security forces"), which overlap them."""
    phrases = set()
    for conflict in corpus.CONFLICTS.values():
        for phrase in [*conflict["actors"], conflict["monitor"]]:
            phrases.add(phrase)
            phrases.add(" ".join(phrase.split()[-2:]))
    return sorted(phrases)


def test_the_matcher_finds_what_the_reference_finds_on_the_bench_corpus():
    lists = _extractor_lists()
    assert len(lists) >= 8, sorted(lists)
    merged: dict[tuple[str, ...], tuple[str, list[str]]] = {}
    for name, items in lists.items():  # one table; a word in several lists carries each name
        for item in items:
            merged.setdefault(phrase_keys(item, "LOWER"), (item, []))[1].append(name)
    lower = PhraseMatcher([(phrase, tuple(names)) for phrase, names in merged.values()], name="words")
    orth = PhraseMatcher([(phrase, "actor") for phrase in _corpus_phrases()], attr="ORTH", name="actors")
    docs = [tokenize(article.text) for article in corpus.articles(200)]
    for matcher in (lower, orth):
        total = overlapping = 0
        for doc in docs:
            fast, every = matcher.find(doc), matcher.find_all(doc)
            assert fast == reference_find(matcher, doc)
            assert every == reference_find_all(matcher, doc)
            total += len(fast)
            overlapping += len(every) - len(fast)
        assert total > 100, matcher.name  # the corpus exercises the table
    assert overlapping > 0  # and the actors table has nested phrases to choose between
