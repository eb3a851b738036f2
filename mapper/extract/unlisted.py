"""Places no gazetteer lists, found because the text writes them inside a place it knows.

Conflict reporting names villages, front lines and hamlets that no offline gazetteer has, and
writes them the way an analyst reads a containment: "in the area of Zorbukivka, Luhansk",
"the Qarnat front (Wadi Sufla, Marib)", "shelled Tellab in Idleb countryside", "Kafr Dubba in
the southern countryside of Hama". Such a capitalised name passed every person and
organisation check of the place scan but had no cue of its own, so it was dropped, and the
incident fell back to the container: "Luhansk" presented as the exact place.

``contained_unlisted`` takes those names back as location mentions (cue ``contained``) with
``within`` = the container as written; the geocoder then places a name it does not know at its
container, geo_precision 3 ("placed at Luhansk; add an override to pin it"), and the incident is
located at the village the text names, not at the province town.

Guards, each against a reading that is no containment (news text writes "Flower Loft in Poland",
"Hillary Clinton in Wisconsin", "Fig Leaf Boutique (Maywood)": a shop, a person, a shop):
- the container is an accepted location mention (not a dateline), starting right after the gap,
  and a first-level region or a country the lexicon knows, or written with an admin noun;
- "X, Y": Y is not followed by another name or "and"/"or" + a name ("Kuta, Dessa and Lessa" is
  a list), and X does not follow "Name, " (the middle of a list);
- "X (Y, Z)": only names in the brackets, none in capitals ("(CIS)"), one of them a region;
- "X in Y": only before an admin or area noun ("in Idleb countryside", "in Hama province"), after
  a feature or front word ("the Tellab front in Kestria"), or "in the [southern] countryside of Y";
  a bare "X in <region>" is too often a person or a shop, unless a verb whose object is a place
  stands right before X ("shelled Dardara in al-Hasakeh": place_cues.csv, place_verb) or an area
  noun and "of" do ("the market area of Thiban in Deir-ez-Zor");
- never a name that opens its sentence (any word is capitalised there), one in capitals or
  shorter than three letters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from mapper.extract.model import PlaceMention
from mapper.extract.place_words import ADMIN_WORDS, CONTAINER_GAP, DIRECTION, FEATURE_NAMES, FEATURES, PLACE_VERBS, \
    REGION_AREAS, alternation

CONTAINED = "contained"
ADMIN_NOUNS = frozenset(FEATURE_NAMES[w] for w in ADMIN_WORDS if w in FEATURE_NAMES)  # "province", "lga", ...

# words that may stand between the name and its container: a feature noun ("Bavo village,"),
# plural too ("Dessa villages ("), an area noun ("Bavo area ("), place_cues.csv container_gap
# ("Qarnat front (", "Bani Hamad residential villages (")
_WORD = rf"(?:{FEATURES}|{alternation(REGION_AREAS)}|{alternation(CONTAINER_GAP)})s?"
_WORDS = rf"(?:[ \t]+{_WORD}){{0,2}}"
_COMMA = re.compile(rf"{_WORDS},[ \t]*", re.I)
_OPEN = re.compile(rf"{_WORDS}[ \t]*\(", re.I)
_IN = re.compile(rf"{_WORDS}[ \t]+in[ \t]+(?:the[ \t]+)?", re.I)
# "the Tellab front in Kestria", "Vorbiv village in Kestria": a feature or front word says the name is a place
_WORDED_IN = re.compile(rf"(?:[ \t]+{_WORD}){{1,2}}[ \t]+in[ \t]+", re.I)
_IN_THE_AREA_OF = re.compile(
    rf"{_WORDS}[ \t]+in[ \t]+the[ \t]+(?:(?:{DIRECTION})[ \t]+)?(?:{alternation(REGION_AREAS)})[ \t]+of[ \t]+(?:the[ \t]+)?",
    re.I)
_ADMIN_AFTER = re.compile(rf"[ \t]+(?:{alternation(ADMIN_WORDS)}|{alternation(REGION_AREAS)})\b", re.I)
# "shelled Dardara in ...", "the market area of Thiban in ...": a place verb, or an area noun and "of",
# right before the name
_PLACE_BEFORE = re.compile(rf"\b(?:{alternation(PLACE_VERBS)}|(?:{alternation(REGION_AREAS)})[ \t]+of)[ \t]+$", re.I)
_NAME = r"[A-Z][\w'’.-]*(?:[ \t-][A-Za-z][\w'’.-]*){0,4}"
_BRACKET_NAMES = re.compile(rf"{_NAME}(?:,[ \t]*{_NAME}){{0,2}}\)")
# after "X, Y": another name ("Kuta, Dessa, Lessa") or "and"/"or" + a name: a list, not a containment
_LIST_AFTER = re.compile(r"[ \t]*(?:,[ \t]*|,?[ \t]*(?:and|or|&)[ \t]+)[A-Z]")
_LIST_BEFORE = re.compile(r"[A-Z][\w'’-]*,[ \t]*$")


def contained_unlisted(text: str, names: Iterable[tuple[int, int, str, int]], accepted: list[PlaceMention],
                       sentence_starts: list[int], region: Callable[[str], bool] = lambda _name: False
                       ) -> list[PlaceMention]:
    """New location mentions for the ``names`` (start, end, name, sentence) that the place scan
    kept no cue for and that the text writes inside an ``accepted`` place (see module doc);
    ``region``: whether the lexicon knows a name as a country or first-level region."""
    by_start = {p.start: p for p in accepted if p.role == "location" and p.cue != "dateline"}
    known = {p.name.casefold() for p in accepted}
    out: list[PlaceMention] = []
    for a, b, name, sentence in names:
        if name.casefold() in known or not _plausible(text, a, name, sentence_starts[sentence]):
            continue
        container = _container(text, a, b, by_start, region)
        if container is not None and container.sentence == sentence:
            out.append(PlaceMention(name, a, b, sentence, "", "", "location", CONTAINED, within=container.name))
            known.add(name.casefold())
    return out


def _plausible(text: str, a: int, name: str, sentence_start: int) -> bool:
    if len(name) < 3 or name.isupper() or not text[sentence_start:a].strip():
        return False
    return not text[max(sentence_start, a - 2) : a].endswith("'")  # no quoted word


def _container(text: str, start: int, end: int, by_start: dict[int, PlaceMention],
               region: Callable[[str], bool]) -> PlaceMention | None:
    """The accepted place the text writes the name at [start, end) inside of, or None."""
    m = _COMMA.match(text, end)
    if m and (y := by_start.get(m.end())) is not None:
        listed = _LIST_AFTER.match(text, y.end) or _LIST_BEFORE.search(text, max(0, start - 40), start)
        return None if listed or not _a_region(text, y, region) else y
    m = _OPEN.match(text, end)
    if m:
        inside = _BRACKET_NAMES.match(text, m.end())
        if inside is None or any(w.isupper() and len(w) > 1 for w in re.findall(r"[\w&]+", inside.group())):
            return None
        ys = [p for s, p in by_start.items() if m.end() <= s < inside.end() and p.feature != "country"]
        if not any(_a_region(text, p, region) for p in ys):
            return None
        return min(ys, key=lambda p: p.start)
    m = _IN_THE_AREA_OF.match(text, end)
    if m:
        return by_start.get(m.end())
    m = _IN.match(text, end)
    y = by_start.get(m.end()) if m else None
    if y is not None and (_ADMIN_AFTER.match(text, y.end) or _WORDED_IN.match(text, end)
                          # "shelled Dardara in al-Hasakeh": the verb's object is a place, not a person or a shop
                          or _PLACE_BEFORE.search(text, max(0, start - 30), start)):
        return y
    return None


def _a_region(text: str, y: PlaceMention, region: Callable[[str], bool]) -> bool:
    """Whether ``y`` can hold a village: a country or first-level region the lexicon knows, or a
    name the text writes as a unit ("Nortia province", "Lessa district")."""
    return y.feature == "country" or region(y.name) or y.feature in ADMIN_NOUNS or _ADMIN_AFTER.match(text, y.end) is not None
