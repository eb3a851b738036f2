"""The word slots of the drafts and locate rules, read from ``lexicon/incident_words.csv``.

Each row is a plain phrase with the kinds (slots) it fills; ``alternation(kind)`` is the slot
as a regular-expression group, the phrases in file order, escaped, a space matching any
whitespace. How a kind compares is fixed by its rule (``CASE``): "any" (the rule ignores case;
phrases lower-case), "as written", or "sentence start" (lower-case in the file, capitalised
here: "in addition" -> "In addition"). ``check`` refuses, as a ``LexiconError`` naming file and
line, a phrase that is not plain words, an upper-case phrase of a kind that needs lower case,
and a kind no row fills.
"""

from __future__ import annotations

import re
from pathlib import Path

from mapper.errors import LexiconError
from mapper.extract.vocabulary import INCIDENT_WORD_KINDS, PACKAGE_FOLDER, Row, table

FILE = "incident_words.csv"
_START = {"continuation", "victims_opener", "victims_determiner"}
_WRITTEN = {"individual", "victims_subject", "victims_verb", "victims_among", "clause_conjunction",
            "location_clause_conjunction", "location_clause_opener", "clause_next_word", "origin_preposition",
            "including", "including_place"}
CASE: dict[str, str] = {k: "sentence start" if k in _START else "as written" if k in _WRITTEN else "any"
                        for k in INCIDENT_WORD_KINDS}
_PLAIN = re.compile(r"[A-Za-z']+(?: [A-Za-z']+)*")


def check(rows: tuple[Row, ...], folder: Path = PACKAGE_FOLDER) -> dict[str, tuple[str, ...]]:
    """The phrases of every kind, in file order, after the checks above."""
    out: dict[str, list[str]] = {k: [] for k in INCIDENT_WORD_KINDS}
    for row in rows:
        phrase = row.text("phrase")
        where = f"{folder / row.file}:{row.line}"
        if not _PLAIN.fullmatch(phrase):
            raise LexiconError(f"{where}: phrase {phrase!r} must be plain words (letters, ' and single spaces)")
        for kind in row.items("kinds"):
            if CASE[kind] != "as written" and phrase != phrase.lower():
                raise LexiconError(f"{where}: phrase {phrase!r} must be lower-case for kind {kind!r} ({CASE[kind]})")
            out[kind].append(phrase)
    empty = [k for k, v in out.items() if not v]
    if empty:
        raise LexiconError(f"{folder / FILE}: no phrase for kind(s) {', '.join(empty)}")
    return {k: tuple(v) for k, v in out.items()}


PHRASES = check(table(FILE))


def phrases(kind: str) -> tuple[str, ...]:
    """The phrases of a kind as the rule compares them (capitalised for "sentence start")."""
    if CASE[kind] == "sentence start":
        return tuple(p[:1].upper() + p[1:] for p in PHRASES[kind])
    return PHRASES[kind]


def alternation(kind: str) -> str:
    """``(?:a|b\\s+c)``: the kind's phrases as one regular-expression group."""
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in p.split(" ")) for p in phrases(kind)) + ")"


# "in total", "since the start", "across the country", "in the fighting": a toll over an area or a
# period (incident_words.csv, aggregate_*), read by the location and the toll rules alike
AGGREGATE_CUE = re.compile(
    rf"\b(?:in\s+the\s+{alternation('aggregate_in_the')}|{alternation('aggregate_cue')}"
    rf"|since\s+the\s+{alternation('aggregate_since_the')}|across\s+the\s+{alternation('aggregate_across_the')}"
    rf"|since\s+the\s+(?:war|conflict|fighting|violence)\s+(?:began|started|erupted|broke\s+out))\b",
    re.I,
)
