"""When a rule may read the lower-cased text with a case-sensitive twin of its re.I pattern.

Matching ``text.lower()`` without re.I is several times faster, and finds the same matches
when lowering keeps every offset (the same length: "İ" lowers to two characters) and the
text holds no letter that re.I matches to an ASCII letter while ``str.lower()`` leaves it
apart: "ı" (dotless i, re.I matches it to "i"), "ſ" (long s, to "s"). "K" (Kelvin sign) is
lowered to "k" and is kept here too, as lexicon_events.is_prospective does: the slower re.I
path is never wrong.
"""

from __future__ import annotations

import re

CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")  # İ ı ſ K


def lower_is_exact(text: str, low: str) -> bool:
    """Whether ``low`` (``text.lower()``) may be read instead of ``text`` by a lower-case twin."""
    return len(low) == len(text) and CASE_TRAPS.search(text) is None

# what re.I matched those letters to, so that a word found by a re.I rule is looked up as
# the ASCII word it stands for ("Tueſday" -> "tuesday", "nıne" -> "nine")
_ASCII_FOLD = str.maketrans({"\u0130": "I", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(word: str) -> str:
    """The lower form of a word a re.I rule matched, with İ ı ſ K read as re.I read them."""
    if word.isascii() or not _has_case_trap(word):
        return word.lower()  # (translating a long text char by char was the slow part of folding it)
    return word.translate(_ASCII_FOLD).lower()


def _has_case_trap(text: str) -> bool:
    return "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` holds one of ``words`` (lower-case ASCII) anywhere, as re.I reads letters:
    a quick test before searching with a re.I rule that cannot match without one of them."""
    low = fold(text)
    for w in words:
        if w in low:
            return True
    return False


def last_words(text: str, start: int, end: int, n: int) -> list[str]:
    """The last ``n`` words of text[start:end] (split at whitespace, as ``\\s`` parts them), each as
    re.I reads it (``fold``): a quick test before a rule anchored at ``end`` needs only these."""
    return fold(text[start:end]).rsplit(None, n)[-n:]  # (folding never makes or removes a space)
