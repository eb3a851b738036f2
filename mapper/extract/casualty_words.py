"""The casualty words of lexicon/casualty_words.csv as the rules use them: the alternatives of
one kind ("killed", "wounded", "other" after a number), and the left words ("killing 12",
"wounding at least 5") with the literal stems that let a text holding none of them skip the
regex."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mapper.extract.quantities import COUNT_WORDS, patterns_of
from mapper.extract.vocabulary import Row, table


def casualty_alternatives(rows: tuple[Row, ...], kind: str) -> str:
    """casualty_words.csv: the patterns of one kind ("killed", "left_killed"), in file order."""
    return "|".join(r.text("pattern") for r in rows if kind in r.items("kinds"))


CASUALTY_WORDS = table("casualty_words.csv")
KILLED = casualty_alternatives(CASUALTY_WORDS, "killed")  # "745 civilians were killed"
WOUNDED = casualty_alternatives(CASUALTY_WORDS, "wounded")  # "12 wounded"
OTHER = casualty_alternatives(CASUALTY_WORDS, "other")  # "30 arrested": not a casualty
MIXED = casualty_alternatives(CASUALTY_WORDS, "mixed")  # "7 militants were killed and wounded": no death count
# one casualty word; the left word of a next count is one of these ("killed 12 and wounded 30")
ONE_WORD = rf"\b(?:(?P<k>{KILLED})|(?P<w>{WOUNDED})|(?P<o>{OTHER}))\b"
# a mixed outcome is tried first: "killed" alone would match at its start
RIGHT = re.compile(rf"\b(?:(?P<m>{MIXED})|(?P<k>{KILLED})|(?P<w>{WOUNDED})|(?P<o>{OTHER}))\b", re.I)
_QUALIFIED = rf"\s+(?:(?:{patterns_of(COUNT_WORDS, 'left_qualifier')})\s+)?$"  # "killing at least 5"


@dataclass(frozen=True)
class LeftWord:
    """A casualty word right before a number ("killing 12", "wounding at least 5"): the regex,
    and the literal stems one of which any match contains, so that a text holding none of
    them skips the regex search. Both come from the same casualty_words.csv lines, so a
    word added there ("slew") reaches both."""

    regex: re.Pattern
    stems: tuple[str, ...]
    lower_regex: re.Pattern  # the same without re.I, for lower-cased text without a case trap

    def found(self, left: str) -> bool:
        low = left.lower()
        return any(s in low for s in self.stems) and self.regex.search(left) is not None

    def found_lower(self, low: str) -> bool:
        """``found`` for a window already lower-cased (same length as written, no case trap)."""
        for stem in self.stems:
            if stem in low:
                return self.lower_regex.search(low) is not None
        return False

    def may_occur(self, low: str) -> bool:
        """Whether the lower-cased sentence holds a stem at all: if not, no window of it is found."""
        for stem in self.stems:
            if stem in low:
                return True
        return False


_LITERAL_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789' -"


def literal_stem(pattern: str) -> str:
    """The literal text every match of ``pattern`` starts with: "toll\\s+(?:..." -> "toll",
    "attacks?" -> "attack" (a character made optional is not part of it); "" when the
    pattern starts with a group or class."""
    rest = pattern.lstrip(_LITERAL_CHARS)
    stem = pattern[: len(pattern) - len(rest)]
    if stem and rest[:1] in ("?", "*", "{"):
        stem = stem[:-1]
    return stem.lower()


def left_word(rows: tuple[Row, ...], kind: str) -> LeftWord:
    alternatives = casualty_alternatives(rows, kind)
    stems = sorted({literal_stem(r.text("pattern")) for r in rows if kind in r.items("kinds")}, key=len)
    minimal: list[str] = []
    for stem in stems:  # "kill" covers "killed", "killing" and "kills"
        if not any(shorter in stem for shorter in minimal):
            minimal.append(stem)
    pattern = rf"(?:\b(?:{alternatives}){_QUALIFIED})"
    return LeftWord(re.compile(pattern, re.I), tuple(minimal), re.compile(pattern))


LEFT_KILLED = left_word(CASUALTY_WORDS, "left_killed")
LEFT_WOUNDED = left_word(CASUALTY_WORDS, "left_wounded")
LEFT_OUTCOME = left_word(CASUALTY_WORDS, "left_outcome")  # "left 500 people homeless"
