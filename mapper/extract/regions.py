"""Region phrases: "central Syria", "Syria's coast", "the border region".

Each is a place mention with feature "region" and cue "region phrase":
- directional: a direction or position (directions.csv) before a capitalised name the
  lexicon knows ("central Syria", "north-eastern Nigeria");
- possessive: a known name's part ("Syria's coast", "Sudan's border areas", "Syria's
  northeast": region_words.csv ``possessed`` and the compass words);
- generic: "the" + a modifier (a direction or region_words.csv ``modifier``) + an area noun
  ("the border region", "the southern provinces"), with no name at all.
Overlapping phrases keep the one that starts first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from mapper.extract.fastscan import Scanner
from mapper.extract.model import PlaceMention
from mapper.extract.place_words import (
    CAPWORD, DIRECTION, REGION_AREAS, REGION_LEADS, REGION_MODIFIERS, REGION_POSSESSED, alternation,
)
from mapper.extract.words import ORG_WORDS
from mapper.lexicon import KnownName

DIRECTIONAL = re.compile(rf"(?<![\w-])(?:{DIRECTION})\s+(?P<name>{CAPWORD}(?:[ \t]{CAPWORD})*)")
POSSESSIVE = re.compile(
    rf"(?P<name>{CAPWORD})[’']s\s+(?:(?:{DIRECTION})\s+)?(?:{alternation(REGION_POSSESSED)})\b"
)
_GENERIC_BODY = rf"the\s+(?:{DIRECTION}|{alternation(REGION_MODIFIERS)})\s+(?:{alternation(REGION_AREAS)})\b"
GENERIC = re.compile(rf"\b{_GENERIC_BODY}")
# the same without the leading \b, so that the engine finds "the" by its literal prefix (fast);
# a match inside a word ("bathe ...") is dropped by hand, and no region phrase holds "the " in
# its words, so a dropped match never hides a real one
_GENERIC_FAST = re.compile(_GENERIC_BODY)
# the lower-case words a directional or possessive phrase can be found from (fast), each then
# checked with the full, case-sensitive pattern
_LEAD = Scanner(rf"(?:{DIRECTION}|{alternation(REGION_LEADS)})\b")
_WORD_CHAR = re.compile(r"\w")
_POSSESSIVE_BEFORE = re.compile(rf"(?P<name>{CAPWORD})[’']s\s+$")


def region_matches(text: str) -> Iterator[re.Match[str]]:
    """Region phrases, found from their lower-case head words (fast) and checked in full."""
    low = text.lower()
    if len(low) != len(text):
        yield from DIRECTIONAL.finditer(text)
        yield from POSSESSIVE.finditer(text)
        yield from GENERIC.finditer(text)
        return
    for hit in _GENERIC_FAST.finditer(text):
        at = hit.start()
        checked = GENERIC.match(text, at) if not at or not _WORD_CHAR.match(text, at - 1) else None
        if checked:
            yield checked
    for lead in _LEAD.finditer(low):
        at = lead.start()
        directional = DIRECTIONAL.match(text, at)
        if directional:
            yield directional
        if text[at - 1 : at] == " " and text[at - 3 : at - 1] in ("’s", "'s"):
            p = _POSSESSIVE_BEFORE.search(text, max(0, at - 40), at)
            possessive = POSSESSIVE.match(text, p.start()) if p else None
            if possessive:
                yield possessive


def _named_region(m: re.Match[str], text: str, not_a_place: Callable[[str], bool],
                  lookup: Callable[[str], KnownName | None]) -> tuple[str, int] | None:
    """The phrase and its end for a directional or possessive match whose name the lexicon
    knows; "central Syria’s" is cut before the possessive."""
    inner = m.group("name")
    phrase, p_end = m.group(0), m.end()
    if m.re is DIRECTIONAL:
        cut = min((i for i in (inner.find("’s"), inner.find("'s")) if i >= 0), default=-1)
        if cut >= 0:
            p_end = m.start("name") + cut
            inner = inner[:cut]
            phrase = text[m.start() : p_end]
    if not_a_place(inner) or any(w.lower() in ORG_WORDS for w in inner.split()):
        return None
    if lookup(inner) is None:
        return None
    return phrase, p_end


def region_mentions(text: str, not_a_place: Callable[[str], bool], lookup: Callable[[str], KnownName | None],
                    sentence_of: Callable[[int], int]) -> list[PlaceMention]:
    """The region phrases of ``text``, without overlaps."""
    found: list[PlaceMention] = []
    seen: set[tuple[int, int]] = set()
    for m in region_matches(text):
        if m.span() in seen:
            continue
        seen.add(m.span())
        if m.re is GENERIC:
            phrase, p_end = m.group(0), m.end()
        else:
            named = _named_region(m, text, not_a_place, lookup)
            if named is None:
                continue
            phrase, p_end = named
        found.append(PlaceMention(phrase, m.start(), p_end, sentence_of(m.start()), "region", "", "location", "region phrase"))
    found.sort(key=lambda p: p.start)
    kept: list[PlaceMention] = []
    for p in found:
        if kept and p.start < kept[-1].end:
            continue
        kept.append(p)
    return kept
