"""Which place a place is written inside of, as an analyst reads "X, Y" or "Y's X".

Pure functions over an article's text and its place mentions (in text order). A mention X
gets ``within`` = the name of the mention Y (as written) when the text says X lies in Y:

- a feature noun may stand between ("Varda town (Dessa, Sindh)", "Bara town in Idleb
  countryside", "Namak Ab district, Takhar");
- "Dessa, Zamfara" and chains "Kafr Nabl, Idlib, Syria" (each in the next), also chains
  ending in a unit written with its noun ("Doro Township, Kuta District, Vestia State");
  never a list: a comma run joined to another place by "and"/"or" ("Aleppo, Homs and Hama")
  or of three or more names ending in neither a country, such a unit nor a region (one not
  opening the run) is no containment;
- "Kafr Nabl (Idlib)", "Kafr Nabl (Idlib, Syria)": X in the first name of the brackets,
  unless that is written in capitals ("Moscow (SANA)": an agency);
- "Marfa in Idlib province", "Marfa in Syria", "Marfa in Nortia" (a first-level region the
  gazetteer knows), "Dusa in Logo Local Government Area": "in" only before an admin noun, a
  country, a region or a unit found with its noun (a bare "in Aleppo"
  after a place, Aleppo read as a town, is too often a second location);
- "the Bama district of Borno", "Gusau Local Government Area of Zamfara State", and any feature
  noun the same way ("the Bavo area of Lessa district", "Ombel village of Lessa district",
  "Dorva neighbourhood of Kestria": a part of the unit named after "of");
- "Dorva in the southern countryside of Idlib", "Marfa, in the outskirts of Hama": X "in the
  [direction] <area noun> of" Y (region_words.csv, area and part) lies in Y, also when the
  words between are a region phrase of their own;
- "Ukraine's Kherson": the possessor contains the possessed.

Names in brackets after a place that no other rule found ("Tolo (Dessa, Ituri)") become
mentions of their own (cue "in brackets"), so that they can situate it.
A country is never inside another place ("troops from Chad in Mali"), a region phrase
("central Syria") and a dateline are left alone. Y stays a mention of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from mapper.extract.model import PlaceMention
from mapper.extract.place_checks import not_a_place_word
from mapper.extract.place_words import ADMIN_WORDS, DIRECTION, FEATURES, REGION_AREAS, REGION_MODIFIERS, REGION_PARTS, \
    SETTLEMENT_WORDS, alternation
from mapper.extract.vocabulary import table
from mapper.extract.words import ORG_WORDS

_ADMIN = alternation(sorted(ADMIN_WORDS, key=len, reverse=True))
# The feature noun a name may carry before the comma or bracket: "Varda town (Dessa, Sindh)",
# "Namak Ab district, Takhar"; only such nouns ("Dorva was hit, Kestria" is no containment).
_NOUN = rf"(?:[ \t]+(?:{FEATURES}))?"
_NAME_TEXT = r"[A-Z][\w'’.]*(?:[ \t-][A-Z&][\w'’.]*){0,3}"  # a capitalised name of up to four words
_COMMA = re.compile(rf"{_NOUN},[ \t]*", re.I)
_LIST_JOIN = re.compile(r"[ \t]*,?[ \t]*(?:and|or|&)[ \t]+", re.I)
# (a short particle may open the brackets before the name the scan found: "(As Sawmaah" -> "Sawmaah")
# (and names before it that are no mentions: "Tolo (Dessa, Ituri)" with Dessa unknown -> Ituri)
_OPEN = re.compile(rf"{_NOUN}[ \t]*\([ \t]*(?:{_NAME_TEXT},[ \t]*){{0,2}}(?:[A-Z][a-z]{{0,2}}[ \t-])?")
_CLOSE_OR_COMMA = re.compile(r"[ \t]*[,)]")
_IN = re.compile(rf"{_NOUN}[ \t]+in[ \t]+(?:the[ \t]+)?", re.I)
# "in Idlib province", "in Idleb countryside", "in the Tabayin area"
_ADMIN_AFTER = re.compile(rf"[ \t]+(?:{_ADMIN}|{alternation(REGION_AREAS)})\b", re.I)
_ADMIN_OF = re.compile(rf"[ \t]+(?:{_ADMIN})[ \t]+of[ \t]+(?:the[ \t]+)?", re.I)
# "the Bavo area of Lessa district", "Ombel village of Lessa": a feature noun of feature_nouns.csv
_FEATURE_OF = re.compile(rf"[ \t]+(?:{FEATURES})[ \t]+of[ \t]+(?:the[ \t]+)?", re.I)
_POSSESSIVE = re.compile(r"['’]s[ \t]+")
# "the West Bank city of Nablus", "the Kestria town of Dorva": the noun is the town's, and the
# name before it says where the town is (not "the Bama district of Borno": an admin noun is Bama's)
_SETTLEMENT_OF = re.compile(rf"[ \t]+(?:{alternation(SETTLEMENT_WORDS)})[ \t]+of[ \t]+", re.I)
_THE_BEFORE = re.compile(r"\bthe[ \t]+$", re.I)
# "Dorva in the southern countryside of Idlib": the area of Y that X lies in (a region phrase's words)
_IN_PART_OF = re.compile(
    rf"{_NOUN}[ \t]*,?[ \t]+in[ \t]+the[ \t]+(?:(?:{DIRECTION}|{alternation(REGION_MODIFIERS)})[ \t]+)?"
    rf"(?:{alternation(REGION_AREAS + REGION_PARTS)})[ \t]+of[ \t]+(?:the[ \t]+)?", re.I)
# "Vestia State", "Kestria province": a name ending in an admin noun, or followed by one
_ADMIN_END = re.compile(rf"(?:^|[ \t])(?:{_ADMIN})$", re.I)
# "Dusa in Logo Local Government Area", "Marfa in Syria": a country or a unit found with its noun
_UNIT_FEATURES = frozenset({"country"} | {r.text("feature") for r in table("feature_nouns.csv") if r.text("class") == "admin"})


def with_containment(text: str, mentions: tuple[PlaceMention, ...],
                     known: Callable[[str], bool] = lambda _name: False,
                     region: Callable[[str], bool] = lambda _name: False,
                     unit: Callable[[str], bool] = lambda _name: False) -> tuple[PlaceMention, ...]:
    """``mentions`` with ``within`` set where the text puts one inside the next (see module doc),
    and with the names in brackets after a place that no rule found and ``known`` (the
    gazetteer) knows (``bracketed``), and the second-level units (``unit``) written as a
    place's container after a comma (``comma_units``). ``region``: whether the gazetteer knows
    a name as a first-level region ("Marfa in Nortia": Marfa lies in that region)."""
    found = [*mentions, *bracketed(text, mentions, lambda name: known(name) or unit(name))]
    ms = sorted([*found, *comma_units(text, tuple(found), lambda name: unit(name) or known(name))],
                key=lambda m: (m.start, m.end))
    within = [""] * len(ms)
    by_comma = [False] * len(ms)
    for i in range(len(ms) - 1):
        for j in _containers(text, ms, i, region):
            if not within[i] and _can_pair(ms[i], ms[j]):
                within[i] = ms[j].name
                by_comma[i] = bool(_COMMA.fullmatch(_gap(text, ms[i], ms[j])))
        possessed = i + 1
        if (_POSSESSIVE.fullmatch(_gap(text, ms[i], ms[possessed])) or _town_of_area(text, ms[i], ms[possessed])) \
                and _can_pair(ms[possessed], ms[i]):
            within[possessed] = within[possessed] or ms[i].name  # "Ukraine's Kherson", "the West Bank city of Nablus"
    return tuple(replace(m, within=w, within_by_comma=c) if w and not m.within else m
                 for m, w, c in zip(ms, within, by_comma, strict=True))


# "Tolo (Dessa, Ituri)": up to three capitalised names in brackets right after a place name.
_NAME = _NAME_TEXT
_BRACKETS = re.compile(rf"{_NOUN}[ \t]*\(({_NAME}(?:,[ \t]*{_NAME}){{0,2}})\)")
_ITEM = re.compile(_NAME)
_ORG = frozenset(w.lower() for w in ORG_WORDS)


def bracketed(text: str, mentions: tuple[PlaceMention, ...], known: Callable[[str], bool]) -> list[PlaceMention]:
    """New mentions for the names in brackets after a place ("Kolofata town (Mayo-Sava,
    Extreme-Nord)": the district and region that situate it), cue "in brackets". Not after a
    dateline or region phrase; never a name in capitals ("(AFP)"), a word that is never a
    place ("(Sunni)") or an organisation word ("(Reuters)"); nor over a name already found there;
    and only a name the gazetteer knows: a person in brackets ("Epiphaneia (Katsuhiko Sumii)", a
    horse and its trainer) is not one, and an unknown unit could situate nothing anyway."""
    spans = sorted((m.start, m.end) for m in mentions)
    out = []
    for x in mentions:
        if x.cue in ("dateline", "region phrase"):
            continue
        m = _BRACKETS.match(text, x.end)
        if m is None:
            continue
        for item in _ITEM.finditer(text, m.start(1), m.end(1)):
            name = item.group()
            # "(As Sawmaah, ...)": the scan found "Sawmaah" inside it; that mention stands
            if any(a < item.end() and item.start() < b for a, b in spans) or name.isupper() or not_a_place_word(name) \
                    or any(w.lower() in _ORG for w in name.split()) or not known(name):
                continue
            out.append(PlaceMention(name, item.start(), item.end(), x.sentence, "", "", "location", "in brackets"))
    return out


# "Zaragoza, Nueva Ecija." / "in Dorva district, Lessa, on Monday": a name after a place and a
# comma, ending its clause (a stop, comma, semicolon, colon or bracket next: "Pipri, Kaushambi (UP)")
_COMMA_NAME = re.compile(rf"{_NOUN},[ \t]*({_NAME_TEXT})(?=[ \t]*(?:[.,;:()]|$))")


def comma_units(text: str, mentions: tuple[PlaceMention, ...], unit: Callable[[str], bool]) -> list[PlaceMention]:
    """New mentions for the names the gazetteer knows (``unit``: as a second-level unit, or as a
    town too small to be a place word alone) written bare after a place and a comma, closing its
    clause, cue "unit after a comma": "a man was killed in Zaragoza, Nueva Ecija." (the Province
    of Nueva Ecija, which situates Zaragoza among its namesakes), "prisoners released in Bagram
    city, Parwan, on Monday". A bare unit name is no place word elsewhere ("Licking" is a county
    of Ohio); as the container closing a "Town, X" clause it is one.
    Not after a dateline or region phrase; never a name already found there, in capitals or
    one that is never a place."""
    spans = sorted((m.start, m.end) for m in mentions)
    out = []
    for x in mentions:
        if x.cue in ("dateline", "region phrase") or x.role != "location":
            continue
        m = _COMMA_NAME.match(text, x.end)
        if m is None:
            continue
        name, a, b = m.group(1).rstrip("."), m.start(1), m.start(1) + len(m.group(1).rstrip("."))
        if any(s < b and a < e for s, e in spans) or name.isupper() or not_a_place_word(name) \
                or any(w.lower() in _ORG for w in name.split()) or not unit(name):
            continue
        out.append(PlaceMention(name, a, b, x.sentence, "", "", "location", "unit after a comma"))
    return out


def _containers(text: str, ms: list[PlaceMention], i: int, region: Callable[[str], bool]) -> list[int]:
    """Indexes of the mentions that the text puts mention ``i`` inside (at most one)."""
    x, y = ms[i], ms[i + 1]
    if x.sentence != y.sentence:
        return []
    gap = _gap(text, x, y)
    if _COMMA.fullmatch(gap):
        return [i + 1] if _comma_containment(text, ms, i, region) else []
    if _OPEN.fullmatch(gap) and _CLOSE_OR_COMMA.match(text, y.end) and not _acronym(y):
        return [i + 1]
    if y.cue == "region phrase" and i + 2 < len(ms) and ms[i + 2].sentence == x.sentence \
            and _IN_PART_OF.fullmatch(gap + y.name + _gap(text, y, ms[i + 2])):
        return [i + 2]  # "Dorva in the southern countryside of Idlib", the region phrase a mention too
    if _IN.fullmatch(gap) and (y.feature in _UNIT_FEATURES or _ADMIN_AFTER.match(text, y.end) or region(y.name)):
        return [i + 1]
    if _town_of_area(text, x, y):
        return []  # the other way round: y lies in x
    if _ADMIN_OF.fullmatch(gap) or _FEATURE_OF.fullmatch(gap) or _IN_PART_OF.fullmatch(gap):
        return [i + 1]
    return []


def _town_of_area(text: str, x: PlaceMention, y: PlaceMention) -> bool:
    """"the West Bank city of Nablus": y, named by the settlement noun, lies in x."""
    return x.sentence == y.sentence and _SETTLEMENT_OF.fullmatch(_gap(text, x, y)) is not None \
        and _THE_BEFORE.search(text, max(0, x.start - 8), x.start) is not None


def _comma_containment(text: str, ms: list[PlaceMention], i: int,
                       region: Callable[[str], bool] = lambda _name: False) -> bool:
    """Whether "X, Y" at ``i`` is a containment, not a list: the comma run holding it is
    joined to no other place by "and"/"or", and has two names or ends in a country, a unit
    written with its noun, or a region (``region``) it does not open with ("Barangay Dorva,
    Kelso, Agusan del Sur": a village, its town, its province; "Texas, Ohio, Iowa" is a list)."""
    first = i
    while first > 0 and _COMMA.fullmatch(_gap(text, ms[first - 1], ms[first])) and ms[first - 1].sentence == ms[i].sentence:
        first -= 1
    last = i + 1
    while last + 1 < len(ms) and _COMMA.fullmatch(_gap(text, ms[last], ms[last + 1])) and ms[last + 1].sentence == ms[i].sentence:
        last += 1
    if first > 0 and _LIST_JOIN.fullmatch(_gap(text, ms[first - 1], ms[first])):
        return False
    if last + 1 < len(ms) and _LIST_JOIN.fullmatch(_gap(text, ms[last], ms[last + 1])):
        return False
    return last - first == 1 or ms[last].feature == "country" or _unit_chain(text, ms[first], ms[last]) \
        or (region(ms[last].name) and not region(ms[first].name))


def _admin_noun(text: str, m: PlaceMention) -> str:
    """The admin noun a mention is written with ("Vestia State", "Kestria province": "state",
    "province"), lower-case; "" when none."""
    inside = _ADMIN_END.search(m.name)
    if inside:
        return inside.group().strip().lower()
    after = _ADMIN_AFTER.match(text, m.end)
    return after.group().strip().lower() if after else ""


def _unit_chain(text: str, first: PlaceMention, last: PlaceMention) -> bool:
    """"in Doro Township, Kuta District, Vestia State, soldiers shot two men": a run of units
    each in the next, read like "Kafr Nabl, Idlib, Syria": its last name is written with an
    admin noun that its first is not ("Kuta district, Doro district, Lessa district" is a list)."""
    noun = _admin_noun(text, last)
    return bool(noun) and _admin_noun(text, first) != noun


def _acronym(m: PlaceMention) -> bool:
    """"Moscow (SANA)": a name in capitals in brackets is an agency or an acronym, not a container
    (a country's short form, "(UK)", is one when the lexicon says it is a country)."""
    return m.name.isupper() and m.feature != "country"


def _can_pair(inner: PlaceMention, outer: PlaceMention) -> bool:
    if inner.feature == "country" or inner.name == outer.name:
        return False
    if "dateline" in (inner.cue, outer.cue):
        return False
    return "region phrase" not in (inner.cue, outer.cue)


def _gap(text: str, a: PlaceMention, b: PlaceMention) -> str:
    return text[a.end : b.start] if b.start - a.end <= 40 else "\n"
