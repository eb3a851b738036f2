"""Numbers in prose and their values: "745", "1,200", "nine", "twenty-one", "a dozen" (12),
"two dozen" (24), "half a dozen" (6); "dozens", "scores", "hundreds", "several" are vague
(value None, never a figure); "at least/more than/nearly N" keep their qualifier.

The words come from lexicon/number_words.csv (values) and lexicon/count_words.csv
(qualifiers, vague quantities); the grammar around them (digits, "million", compounds
"twenty-one", "two hundred") is here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from mapper.errors import LexiconError
from mapper.extract.fastscan import Scanner
from mapper.extract.lowercase import fold, lower_is_exact
from mapper.extract.vocabulary import Row, table


def patterns_of(rows: tuple[Row, ...], kind: str) -> str:
    """The ``pattern`` values of the rows of one kind, as alternatives in file order."""
    return "|".join(r.text("pattern") for r in rows if kind in r.items("kinds"))


_NUMBER_WORDS = table("number_words.csv")  # "nine", "twenty": compounds are built from them
COUNT_WORDS = table("count_words.csv")
_UNITS = {"a": 1, **{r.text("word"): r.integer("value") for r in _NUMBER_WORDS}}
_WORDNUM = "(?:" + "|".join(r.text("word") for r in _NUMBER_WORDS) + ")"
_VAGUE = patterns_of(COUNT_WORDS, "vague")  # "dozens", "scores", "tens\s+of\s+thousands"
_QUALIFIER = patterns_of(COUNT_WORDS, "qualifier")  # "at least", "an estimated"
NUMBER = re.compile(
    rf"(?<![\w$£€.,-])(?:(?P<q>{_QUALIFIER})\s+)?"
    rf"(?P<n>half\s+a\s+dozen|a\s+dozen|\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?|{_WORDNUM}(?:[- ]{_WORDNUM})?(?:\s+(?:hundred|thousand|dozen))?|{_VAGUE})(?![\w])",
    re.I,
)
_NUMBER_LOWER = Scanner(NUMBER.pattern)


@dataclass(frozen=True)
class Count:
    value: int | None  # None: vague ("hundreds")
    text: str
    start: int
    end: int
    kind: str  # "killed" | "wounded" | "mixed" (killed and wounded, no split) | "other" | ""
    group: str  # "civilians", "children", ..., "" for people in general
    qualifier: str
    including: bool  # part of a breakdown after "including" / "among them"
    # "The victim died": a victim named before; it counts only when no other count does
    definite: bool = False


# Above this no single incident's toll is credible, and far below int64's limit, so a
# figure that passes can be written, read back and summed by pandas without overflow.
MAX_FIGURE = 10_000_000
# number_value's answer for a number above MAX_FIGURE: only "too large" matters about it
OVER_MAX_FIGURE = MAX_FIGURE + 1
_MAX_FIGURE_DIGITS = len(str(MAX_FIGURE))
_DIGITS_VALUE = re.compile(r"(\d+(?:\.\d+)?)(?: (million|thousand))?")
_VAGUE_WHOLE = re.compile(_VAGUE)
_MULTIPLIER = {"million": 1_000_000, "thousand": 1000, None: 1}


def _words_value(words: list[str]) -> int | None:
    """"twenty-one" (["twenty", "one"]) 21, "two hundred" 200, "two dozen" 24; None if a word is no number."""
    total = 0
    current = 0
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


@functools.lru_cache(maxsize=4096)
def number_value(phrase: str) -> int | None:
    s = " ".join(fold(phrase).replace(",", "").split())
    if s in ("a dozen",):
        return 12
    if s == "half a dozen":
        return 6
    if _VAGUE_WHOLE.fullmatch(s):
        return None
    m = _DIGITS_VALUE.fullmatch(s)
    if m:
        if len(m.group(1).split(".")[0].lstrip("0")) > _MAX_FIGURE_DIGITS:
            return OVER_MAX_FIGURE  # "1000…000" (320 digits): float() would be infinity
        value = float(m.group(1))
        value *= _MULTIPLIER[m.group(2)]
        return int(value)
    return _words_value(re.split(r"[- ]", s))




# A number phrase that is never a count by itself: "a man", "one of them", "some said", "many fled".
NEVER_COUNTS = tuple(r.text("pattern") for r in COUNT_WORDS if "never_count" in r.items("kinds"))  # count_words.csv
if not all(re.fullmatch("[a-z]+", w) for w in NEVER_COUNTS):
    raise LexiconError("count_words.csv: a never_count pattern must be a plain lower-case word")
# Those of them that are number words ("one"): a count after a killing word or before a victim
# noun ("killing one and wounding two", "five militants and one soldier were killed").
NUMBER_WORD_NEVER_COUNTS = frozenset(w for w in NEVER_COUNTS if w in {r.text("word") for r in _NUMBER_WORDS})
# "both": no count when its victim noun is joined to another ("both soldiers and civilians")
PAIR_WORDS = frozenset(r.text("pattern") for r in COUNT_WORDS if "pair" in r.items("kinds"))


def _number_substrings() -> tuple[str, ...]:
    """What any NUMBER match without a digit holds: a number word, "dozen", "hundred",
    "thousand", or a vague word's literal stem (but NEVER_COUNTS), each left out when a shorter one is inside
    it ("four" covers "fourteen"), all from the same rows as NUMBER."""
    words = [r.text("word") for r in _NUMBER_WORDS] + ["dozen", "hundred", "thousand"]
    for pattern in _VAGUE.split("|"):
        if pattern in NEVER_COUNTS:
            continue  # "many": a sentence with no other number word holds no count
        stem = re.match(r"[a-z]+", pattern)
        if stem is None:
            raise LexiconError(f"count_words.csv: vague pattern {pattern!r} must start with a letter")
        words.append(stem.group(0))
    out: list[str] = []
    for word in sorted(set(words), key=lambda w: (len(w), w)):
        if not any(shorter in word for shorter in out):
            out.append(word)
    return tuple(out)


# A sentence holding none of these (nor a digit) has no number.
_DIGIT = re.compile(r"\d")
_NUMBER_SUBSTRINGS = _number_substrings()


def has_number(low: str) -> bool:
    """Whether the lower-cased text may hold a number (a cheap test before the regex)."""
    if _DIGIT.search(low) is not None:
        return True
    for word in _NUMBER_SUBSTRINGS:
        if word in low:
            return True
    return False


def number_matches(text: str, low: str, exact: bool | None = None) -> Iterator[re.Match[str]]:
    """The matches of NUMBER in ``text``, found in ``low`` (``text.lower()``) when ``exact``
    (``lower_is_exact(text, low)``, computed here when not given)."""
    if not (lower_is_exact(text, low) if exact is None else exact):
        return NUMBER.finditer(text)  # has_number reads ``low`` as re.I would not
    return _NUMBER_LOWER.finditer(low) if has_number(low) else iter(())
