"""The capitalised runs of a text that may name places: where each starts and ends.

A run is capitalised words joined by spaces, tabs or particles ("Jebel al Marra"); it is split
after a possessive ("Syria’s") and around a word with an affix ("RSF-backed"), but not before a
unit word ("Queen Anne's County"); an abbreviated first word joins it ("St. Paul"); the letters of a
short form ("U" of "U.S.") are no run; leading function words and weekdays or months at either end
are trimmed off ("The", "Neighbouring", "Toronto Saturday").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator

from mapper.extract.place_checks import not_a_place_word
from mapper.extract.place_words import ARTICLE_PREFIXES, LEADING_ARTICLES, NAME_AFFIXES, NAME_PARTICLES, NAME_SEP, STRONG_PREP, \
    UNIT_NAMES, UP, WEAK_PREP, alternation
from mapper.extract.short_forms import ShortForm, with_name_prefix
from mapper.extract.place_words import FEATURE_WORDS
from mapper.extract.words import FACILITY_WORDS, FUNCTION_WORDS, MONTHS, ORG_WORDS, WEEKDAYS

# Longer capitalised runs are headings or junk, not place names ("the village of Kaaa…" with
# 100,000 letters would become a geocoder query and a cell in every output).
MAX_PLACE_NAME_CHARS = 120

# place_words.CAPWORD for scanning a whole text, written to start with a character class so that the
# engine skips every position no match can start at (the lookbehind comes after the first
# character; the particle branches check that character with lookbehinds). Same matches.
_FIRST_LETTERS = "".join(dict.fromkeys("".join(first.strip("[]") for first, _ in ARTICLE_PREFIXES)))  # "AaEeUudl"
_WORD = re.compile(
    rf"[{_FIRST_LETTERS}{UP}](?<![\w’'‑-].)"
    rf"(?:{''.join(f'(?<={first}){rest}{NAME_SEP}[{UP}]|' for first, rest in ARTICLE_PREFIXES)}(?<=[{UP}]))"
    rf"[\w]*(?:[-‑‐'’][\w]+)*"
)
_AFFIX = re.compile(rf"[-‑](?:{alternation(NAME_AFFIXES)})$", re.I)  # "RSF-backed"
_CALENDAR_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS)  # "Toronto Saturday": not part of the name


# A whole run of capitalised words joined by a space, a tab or a particle ("Jebel al Marra"), found
# at once; only a run holding an apostrophe or a hyphen (a possessive, an affix) is split word by word.
# Two particles may stand in a row: "Leon de los Aldama", "Jardines de la Mesa".
_RUN = re.compile(rf"{_WORD.pattern}(?:(?:[ \t]|(?:[ \t](?:{alternation(NAME_PARTICLES)})){{1,2}}[ \t]){_WORD.pattern})*")
_SPLITTERS = frozenset("-‑’'")


# "Queen Anne's County", "Prince George's County": a possessive before a unit word is part of the name
_UNIT_POSSESSIVE = re.compile(rf"['’]s[ \t]+(?:{'|'.join(re.escape(w[0].title()) for w in UNIT_NAMES if len(w) == 1)})$")


def _unit_possessive(run: str) -> bool:
    """"Queen Anne's County": the run ends with a possessive and a unit word, and has no other splitter."""
    m = _UNIT_POSSESSIVE.search(run)
    return m is not None and _SPLITTERS.isdisjoint(run[: m.start()])


def sequences(text: str) -> Iterator[tuple[int, int, bool]]:
    """Capitalised word runs as (start, end, possessive); split at possessives and affixes."""
    for m in _RUN.finditer(text):
        a, b = m.span()
        if _SPLITTERS.isdisjoint(m.group()) or _unit_possessive(m.group()):
            yield a, b, False
        else:
            yield from _split_run(text, a, b)


def _split_run(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """The words of one run, split after a possessive ("Syria’s") and around a word with an
    affix ("RSF-backed", never part of a name)."""
    run_start = run_end = -1
    for w in _WORD.finditer(text, start, end):
        a, b = w.span()
        word = w.group(0)
        last = word[-1]
        possessive = last == "s" and word.endswith(("’s", "'s"))
        plural_possessive = last in "’'" and word.endswith(("s’", "s'"))
        if possessive:
            b -= 2
        elif plural_possessive:
            b -= 1
        affix = ("-" in word or "‑" in word) and _AFFIX.search(word) is not None
        if run_start >= 0:
            if not affix:
                run_end = b
                if possessive or plural_possessive:
                    yield run_start, run_end, True
                    run_start = -1
                continue
            yield run_start, run_end, False
            run_start = -1
        if affix:
            continue
        if possessive or plural_possessive:
            yield a, b, True
            continue
        run_start, run_end = a, b
    if run_start >= 0:
        yield run_start, run_end, False


def runs_outside(runs: list[tuple[int, int, bool]], shorts: list[ShortForm]) -> list[tuple[int, int, bool]]:
    """The runs that hold no short form: "U" and "S" of "U.S." are no names of their own, nor is
    "Va" of "W.Va."; a run holding a form without stops ("UAE Ministry") is left to the form."""
    if not shorts:
        return runs
    spans = [(s.start, s.end) for s in shorts]
    starts = [a for a, _ in spans]
    out = []
    for a, b, possessive in runs:
        k = bisect.bisect_right(starts, b - 1) - 1  # the last short form starting before the run ends
        if k >= 0 and spans[k][1] > a:
            continue
        out.append((a, b, possessive))
    return out


def with_prefixes(text: str, runs: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """"St. Paul", "Mt. Pleasant": a run after an abbreviated first word starts at it, and the
    word ("St") is no run of its own; not when the word ends a longer name ("Main St. Police")."""
    out: list[tuple[int, int, bool]] = []
    for a, b, possessive in runs:
        start = _with_article(text, with_name_prefix(text, a))
        if start < a and out and out[-1][1] > start:
            if out[-1][0] != start:
                if _first_word(text, a, b).lower() not in _NOT_A_SURNAME:
                    # "Fort St. John", "Sault Ste. Marie": the abbreviation joins the name on both sides
                    out[-1] = (out[-1][0], b, possessive)
                    continue
                start = a  # "Main St. Police": "St." ends the street's name
            else:
                out.pop()  # the prefix's own word
        out.append((start, b, possessive))
    return out


def _first_word(text: str, a: int, b: int) -> str:
    return text[a:b].split(None, 1)[0] if b > a else ""


# place_cues.csv leading_article: "in el Mina", "from al Hunaydah": the Arabic article written apart,
# in lower case, before the name is part of it (GeoNames writes "El Mina")
# (after a preposition of place only: "Based in Kuta, al Shabaab fired", "attacks by al Shabaab" are the group)
STRONG_OR_WEAK = tuple(sorted(STRONG_PREP | WEAK_PREP))
_ARTICLE_BEFORE = re.compile(rf"\b(?:{alternation(STRONG_OR_WEAK)})[ \t]+((?:{alternation(LEADING_ARTICLES)})[ \t])$")


_ARTICLE_SPACED = tuple(f"{a}{gap}" for a in LEADING_ARTICLES for gap in " \t")  # what every match ends with


def _with_article(text: str, start: int) -> int:
    a = max(0, start - 16)
    if not text.endswith(_ARTICLE_SPACED, a, start):
        return start  # no "el " right before the name (most names): nothing to search
    m = _ARTICLE_BEFORE.search(text, a, start)
    return m.start(1) if m else start


def trimmed_run(text: str, a: int, b: int) -> tuple[int, int, list[str]] | None:
    """The run [a, b) without leading function words ("The", "According", "Neighbouring") and without
    weekdays and months at either end ("Toronto Saturday", "On Monday Israel"), with its words; None for a run
    that is never a place ("Monday", "The", a heading-long run)."""
    name = text[a:b]
    if " " not in name and "\t" not in name:  # one word ("The" is a function word)
        return None if b - a > MAX_PLACE_NAME_CHARS or not_a_place_word(name) else (a, b, [name])
    words = name.split()  # (a run's words are joined by spaces and tabs only)
    while words and (words[0].lower() in FUNCTION_WORDS or (len(words) > 1 and words[0].lower() in _CALENDAR_WORDS)):
        first = words.pop(0)
        a = text.index(first, a) + len(first)
        while a < b and text[a] in " \t":  # a name of function words only ends the text: "... Then"
            a += 1
    while len(words) > 1 and words[-1].lower() in _CALENDAR_WORDS:
        b = text.rindex(words.pop(), a, b)
        while b > a and text[b - 1] in " \t":
            b -= 1
    if not words or b - a > MAX_PLACE_NAME_CHARS:
        return None
    if len(words) == 1 and not_a_place_word(text[a:b]):
        return None
    return a, b, words


def of_between(text: str, end: int, start: int) -> bool:
    """``text[end:start]`` is " of " or " of the " (without copying a long gap)."""
    gap = start - end
    return (gap == 4 and text.startswith(" of ", end)) or (gap == 8 and text.startswith(" of the ", end))


def joiner_between(text: str, end: int, start: int) -> bool:
    """``text[end:start]`` joins the parts of one name: " of ", " of the ", " and ", " and the ", " & "
    ("Gulf of Aden", "Trinidad and Tobago", "Saint Vincent and the Grenadines") -- only ever
    joined when the gazetteer knows the whole, so "Syria and Lebanon" stays two names."""
    gap = start - end
    if gap > 9:
        return False
    return of_between(text, end, start) or text[end:start] in (" and ", " and the ", " & ")


_NOT_A_SURNAME = FEATURE_WORDS | FACILITY_WORDS | ORG_WORDS  # "Aleppo Citadel", "Toronto Police"


def given_names(text: str, runs: list[tuple[int, int, bool]], known: Callable[[str], bool]) -> frozenset[str]:
    """Words the article writes right before a surname: the next-to-last word of an unknown run of
    two or three words whose last word is no place, feature, facility or organisation word ("Mark"
    in "Junior Mark Dvorak", "Tyler" in "Tyler Kivel"). Written alone later ("Mark wrestled well"),
    such a word is the person's first name, however large the town GeoNames has of that name
    (``_surname`` says what the last word must be)."""
    found = set()
    for a, b, _possessive in runs:
        words = text[a:b].split()
        while words and words[0].lower() in FUNCTION_WORDS:
            words.pop(0)
        if 2 <= len(words) <= 3 and _surname(text, words[-1]) and not known(words[-1]) and not known(" ".join(words)):
            found.add(words[-2])
    return frozenset(found)


def _surname(text: str, last: str) -> bool:
    """A word that can be a surname: capitalised, not in capitals, no place, feature, facility,
    organisation or calendar word ("Toronto Saturday"), and written again in the article ("Kivel
    scored"), as a person's surname is; a race's name written once ("Dubai Turf") is not one."""
    if not last[:1].isupper() or last.isupper() or last.lower() in _NOT_A_SURNAME or last.lower() in _CALENDAR_WORDS:
        return False
    if text.count(last) < 2:
        return False  # written once at most: no need to search the whole article for it
    return _whole_word_count(text, last, 2) >= 2


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what the regex engine's \w takes (str.isalnum, and "_")


def _whole_word_count(text: str, word: str, least: int) -> int:
    r"""How many times ``word`` stands in ``text`` with no word character (\w) right before or after
    it, counted as ``re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", text)`` counts (left to right,
    never overlapping), stopping at ``least``. (That regex, one per surname, was compiled at every
    call once the ``re`` module's cache of 512 patterns ran over: a tenth of extraction on real news.)"""
    found = 0
    n = len(word)
    at = text.find(word)
    while at >= 0 and found < least:
        end = at + n
        if (at == 0 or not _is_word_char(text[at - 1])) and (end == len(text) or not _is_word_char(text[end])):
            found += 1
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)
    return found
