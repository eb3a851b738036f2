"""Spelling: when two folded place names are close enough to be the same name, and which spelling wins.

The gazetteer's fuzzy fallback (``Gazetteer.candidates``) looks names up by
consonant skeleton and keeps only the keys these rules accept.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

# Fuzzy fallback: a skeleton match is accepted only if the folded strings are
# this similar (difflib ratio = 2*matches/total length). One changed/extra
# letter in a 6-8 letter name scores 0.86-0.93 ("sarakib" vs "sarakeb" 0.86,
# "tuwaim" vs "tuwaima" 0.92); two edits in such a name drop below 0.85
# ("humaimim" vs "humai" 0.77), and a merely consonant-compatible name
# ("hmaimim" vs "hami" 0.73) is far below. Multi-word names must also match
# word by word (each word >= FUZZY_MIN_WORD_SIMILARITY): otherwise a long
# shared word carries the score, and "Sheikh Maqsoud" (Aleppo) would become
# "Shah Maqsud" (Afghanistan) at 0.91.
FUZZY_MIN_SIMILARITY = 0.85
FUZZY_MIN_WORD_SIMILARITY = 0.8
# Names whose word counts differ are compared without spaces, more strictly.
FUZZY_MIN_JOINED_SIMILARITY = 0.9
# Short names have too many neighbours one letter away ("Uman" -> "Oman",
# "Ohio" -> "Wuhu"): under this many letters only an exact key matches.
FUZZY_MIN_LETTERS = 5


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def same_length_class(a: str, b: str) -> bool:
    """Lengths a transliteration can give: within one letter, or a sixth of the longer ("Kafranbal"/"Kafranbel")."""
    return abs(len(a) - len(b)) <= max(1, max(len(a), len(b)) // 6)


def is_fuzzy_match(key: str, other: str) -> bool:
    """Whether two folded names are close enough to be spelling variants.

    Both at least FUZZY_MIN_LETTERS letters, in the same length class, each
    word starting with the same letter (a variant spelling keeps its first
    sound; "Uman" and "Oman" are different words), then similar enough.
    Folded keys are all Latin letters, so "same script" holds by folding.
    """
    joined, other_joined = key.replace(" ", ""), other.replace(" ", "")
    if min(len(joined), len(other_joined)) < FUZZY_MIN_LETTERS or not same_length_class(joined, other_joined):
        return False
    words, other_words = key.split(), other.split()
    if joined[0] != other_joined[0] or (len(words) == len(other_words) and any(
            a[0] != b[0] for a, b in zip(words, other_words, strict=True))):
        return False
    if len(words) != len(other_words):
        return similarity(key.replace(" ", ""), other.replace(" ", "")) >= FUZZY_MIN_JOINED_SIMILARITY
    return (similarity(key, other) >= FUZZY_MIN_SIMILARITY
            and all(similarity(a, b) >= FUZZY_MIN_WORD_SIMILARITY for a, b in zip(words, other_words, strict=True)))


def loose(name: str) -> str:
    """Case- and accent-blind spelling, to pick the alias a query actually used."""
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split())


def spelled(name: str) -> str:
    """Case, accents, spaces and punctuation aside: "Al-Janoudiya" -> "aljanoudiya"."""
    return "".join(ch for ch in loose(name) if ch.isalnum())


def as_written_first(order: list[int], aliases: dict[int, list[str]], query: str) -> list[int]:
    """Exact before folded: if some places have an alias spelled as the query, only those.

    Folding merges spellings ("Uman" and "Oman" share a key): a place that
    matches only through the fold is another name, not this one's variant,
    whenever some place carries the name as written.
    """
    wanted = spelled(query)
    written = [gid for gid in order if any(spelled(alias) == wanted for alias in aliases[gid])]
    return written or order
