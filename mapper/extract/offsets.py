"""Offsets from a known place: "Kelva, 10 km east of Doro", "Kelva is 25 miles north of Doro",
"some 60 km south-west of Doro", "north-east of Doro".

An analyst reads such a phrase as a point: Doro's point moved by the distance on the bearing
(mapper.geocode.offsets does the moving). The phrase is read here, once, into a typed
``Offset`` on a mention; nothing downstream parses the text again.

- "X, <offset>" / "X is <offset>": the place X gets the offset (X may be a village no
  gazetteer has: it is then placed at the moved point);
- "<offset>" with no place before it ("clashes 100 km north of Doro"): the phrase itself is
  a mention, named as written ("100 km north of Doro"), so an incident there is at the moved
  point, not at Doro as exact;
- "north-east of Doro" without a distance gives no point: Doro's area (geocoder, precision 3);
- "X near Doro", "X military base close to Doro": an offset with no bearing nor distance
  (offset_words.csv's "near" words) on X; with no place before it, "near Doro" is Doro itself.

Vocabulary: the compass words of directions.csv, the distance units of place_cues.csv, their
lengths and the rough/link words of offset_words.csv. The grammar (numbers, "-ern", "to the",
commas) is written here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace

from mapper.errors import LexiconError
from mapper.extract.model import Offset, PlaceMention
from mapper.extract.lowercase import last_words
from mapper.extract.place_words import COMPASS, DISTANCE_UNITS, FEATURES, alternation
from mapper.extract.vocabulary import table

_ROWS = table("offset_words.csv")
UNIT_KM = {r.text("word"): float(r.text("km")) for r in _ROWS if r.text("kind") == "unit_km"}
_missing = [u for u in DISTANCE_UNITS if u not in UNIT_KM]
if _missing:  # a distance unit the place rules know must have a length here
    raise LexiconError(f"offset_words.csv: no unit_km row for distance unit(s) {', '.join(_missing)}")
_ROUGH = alternation([r.text("word") for r in _ROWS if r.text("kind") == "approximate"])
_LINKS = alternation([r.text("word") for r in _ROWS if r.text("kind") == "link"])
# "Kelva military base close to ", "Kelva, near the ": nearness with no distance nor bearing, ending where the anchor starts
_NEAR_WORDS = "|".join(r"\s+".join(map(re.escape, r.text("word").split())) for r in _ROWS if r.text("kind") == "near")
_NEAR = re.compile(rf"\b(?:{_NEAR_WORDS})\s+(?:the\s+)?$", re.I)
# the word each of those phrases ends with ("near", "to", "from", "of")
_NEAR_LAST = tuple({r.text("word").split()[-1].lower() for r in _ROWS if r.text("kind") == "near"})

_COMPASS = "|".join(re.escape(w).replace(r"\-", "-?") for w in sorted(COMPASS, key=len, reverse=True))
# "some 60 km south-west of ", "25 miles to the north of ", "north-east of " -- ending where the anchor starts
# (also "100 kilometers (62 miles) north of the capital, " before "Niamey")
_PHRASE = re.compile(
    rf"(?:\b(?:{_ROUGH})\s+)?(?:(?<![\d,.])(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s*(?P<unit>{alternation(sorted(UNIT_KM, key=len, reverse=True))})"
    rf"(?:\s*\([^()]{{1,24}}\))?\s+(?:to\s+the\s+)?)?\b(?P<bearing>{_COMPASS})(?:ern)?\s+of\s+(?:the\s+)?"
    rf"(?:(?:capital|city|town|provincial\s+capital|regional\s+capital)\s*,?\s+)?$",
    re.I,
)
# what joins X to its offset: "Kelva, ", "Kelva is ", "Kelva, located ", "Kelva, which lies ", "Kelva, a village "
# and "Kelva village, ", "Kelva district west of Doro" (a feature noun of feature_nouns.csv after the name),
# "Kelva north of Doro"
_JOIN = re.compile(
    rf"(?:[ \t]+(?:{FEATURES}))?(?:,\s*(?:an?\s+(?:{FEATURES})\s+)?(?:(?:which\s+)?(?:{_LINKS})\s+)?|\s+(?:{_LINKS})\s+(?:(?:{_LINKS})\s+)?)$"
    rf"|(?:[ \t]+(?:{FEATURES}))?[ \t]+$", re.I)
# "in the east of Doro" is a part of Doro, not a place outside it
_PART_BEFORE = re.compile(r"\bthe\s+$", re.I)
_REACH = 80  # characters before the anchor an offset phrase may take ("approximately 120 kilometres to the south-west of ")

_POINTS = {"north": 0.0, "east": 90.0, "south": 180.0, "west": 270.0}


def bearing_of(word: str) -> float:
    """Degrees clockwise from north: "north-east" and "northeast" 45, "south-west" 225."""
    word = word.lower().replace("-", "")
    parts = [p for p in ("north", "south") if word.startswith(p)]
    rest = word[len(parts[0]):] if parts else word
    parts += [rest] if rest in _POINTS else []
    x = sum(math.sin(math.radians(_POINTS[p])) for p in parts)
    y = sum(math.cos(math.radians(_POINTS[p])) for p in parts)
    return round(math.degrees(math.atan2(x, y)) % 360.0, 1)


def with_offsets(text: str, places: tuple[PlaceMention, ...],
                 area: Callable[[str], bool] = lambda _name: False) -> tuple[PlaceMention, ...]:
    """The mentions with each offset read: on the place before it, or as a mention of its own --
    except from an ``area`` (a country or first-level region: "a ship 100 km west of Syria" has
    no point to measure from, and the phrase is no place of its own)."""
    by_end = {p.end: i for i, p in enumerate(places)}
    out = list(places)
    added = []
    for anchor in places:
        offset, start = _offset_before(text, anchor)
        if offset is None:
            offset, start = _near_before(text, anchor)
        if offset is None or (area(anchor.name) and not _TOWN_BEFORE.search(offset.text)):
            continue  # (but "north of the capital, Niamey": a region's name written as its town)
        owner = _owner(text, start, by_end, places, anchor)
        if owner is None and offset.bearing is None:
            continue  # "fighting near Doro": the place is Doro itself
        if owner is not None:
            out[owner] = replace(out[owner], offset=offset)
        else:  # "100 km north of Doro": the phrase is the place (without a distance: Doro's area)
            added.append(PlaceMention(text[start:anchor.end], start, anchor.end, anchor.sentence, "", "",
                                      anchor.role, "offset", offset=offset))
    return tuple(sorted(out + added, key=lambda p: (p.start, -p.end))) if added else tuple(out)


def _ends_with_word(text: str, start: int, end: int, suffixes: tuple[str, ...]) -> bool:
    """Whether the last word of text[start:end] (or the one before a closing "the") ends with one
    of ``suffixes``, as re.I reads letters (lowercase.fold). A phrase written to end right
    before an anchor needs it, and this test is much cheaper than searching the whole window for
    the phrase: most anchors have none."""
    words = last_words(text, start, end, 5)
    while words and words[-1].strip(",") in _ANCHOR_NOUNS:
        words.pop()  # "north of the capital, " before "Niamey"
    return bool(words) and words[-1].endswith(suffixes)


_ANCHOR_NOUNS = frozenset({"the", "capital", "city", "town", "provincial", "regional"})
_TOWN_BEFORE = re.compile(r"\b(?:capital|city|town)\b,?\s+\S+$", re.I)


def _offset_before(text: str, anchor: PlaceMention) -> tuple[Offset | None, int]:
    a = max(0, anchor.start - _REACH)
    if not _ends_with_word(text, a, anchor.start, ("of",)):
        return None, -1  # "... north of ": the phrase ends with "of"
    m = _PHRASE.search(text, a, anchor.start)
    if m is None or anchor.role != "location" or _PART_BEFORE.search(text, max(0, m.start() - 8), m.start()):
        return None, -1
    km = None
    if m.group("number"):
        km = float(m.group("number").replace(",", "")) * UNIT_KM[m.group("unit").lower()]
    phrase = text[m.start():anchor.end]
    return Offset(anchor.name, bearing_of(m.group("bearing")), km, phrase), m.start()


def _near_before(text: str, anchor: PlaceMention) -> tuple[Offset | None, int]:
    """"close to Doro", "near the Doro": an offset with no bearing and no distance."""
    a = max(0, anchor.start - _REACH)
    if not _ends_with_word(text, a, anchor.start, _NEAR_LAST):
        return None, -1
    m = _NEAR.search(text, a, anchor.start)
    if m is None or anchor.role != "location":
        return None, -1
    return Offset(anchor.name, None, None, text[m.start():anchor.end]), m.start()


def _owner(text: str, start: int, by_end: dict[int, int], places: tuple[PlaceMention, ...],
           anchor: PlaceMention) -> int | None:
    """The index of the place the offset is written of ("Kelva, 10 km east of Doro": Kelva), if any."""
    m = _JOIN.search(text, max(0, start - 40), start)
    if m is None:
        return None
    i = by_end.get(m.start())
    if i is None or places[i].sentence != anchor.sentence or places[i].name == anchor.name:
        return None
    return i
