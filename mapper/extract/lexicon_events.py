"""Trigger words typed as ACLED event types: the table is mapper/extract/lexicon/triggers.csv.

Each rule: (regex over lower-cased text, event_type, sub_event_type, priority, strength, family).
- priority: when several triggers of one family occur in a sentence the highest wins
  (an "airstrike that killed 5" is an Air/drone strike, not a generic killing);
- strength "strong": a verb or specific noun that reports an event by itself;
  "weak": a general noun ("attacks", "clashes", "killings", "bodies") that only makes
  an incident with a place, a figure or a date in the sentence, and never when it is a
  definite back-reference ("the clashes began ...") with no figure or place;
- family: one incident per family per sentence: "violence" (Battles, Explosions/Remote
  violence, Violence against civilians, Riots), "protest", and one family per
  Strategic development.
Strategic developments extensions of ours (not ACLED's): Displacement,
Infrastructure disruption, Funeral or burial, Mass grave.

Context rules, also here so that this module stays the one place that types words:
- in_context: "attacked/attacks/assault" need a conflict word in the sentence (armed
  actor, victims, weapon), "protest(ed)" a crowd, "fled/displaced" a group that moves;
- refine_type: an attack on armed forces only is Battles/Armed clash; a capture by a
  captor not shown to be non-state is Battles/Armed clash noted "territory=captured".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mapper.extract.fastscan import Scanner
from mapper.extract.vocabulary import ACLED_EVENT_TYPES, Row, table

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

EVENT_TYPES = ACLED_EVENT_TYPES  # (BATTLES, EXPLOSIONS, VAC, PROTESTS, RIOTS, STRATEGIC): triggers.csv is checked against them


def _rules(rows: tuple[Row, ...]) -> tuple[tuple[str, str, str, int, str, str], ...]:
    """triggers.csv as rules: consecutive lines with the same type, sub-type, priority, strength
    and family are one rule, its phrases joined in file order ("shelling|shelled|artillery")."""
    rules: list[tuple[str, str, str, int, str, str]] = []
    for row in rows:
        typed = (row.text("event_type"), row.text("sub_event_type"), row.integer("priority"), row.text("strength"),
                 row.text("family"))
        if rules and rules[-1][1:] == typed:
            rules[-1] = (rules[-1][0] + "|" + row.text("pattern"), *typed)
        else:
            rules.append((row.text("pattern"), *typed))
    return tuple(rules)


# Each rule: (regex over lower-cased text, event_type, sub_event_type, priority, strength, family),
# read from mapper/extract/lexicon/triggers.csv.
TRIGGERS: tuple[tuple[str, str, str, int, str, str], ...] = _rules(table("triggers.csv"))

_BODY = "|".join(f"(?P<r{i}>{row[0]})" for i, row in enumerate(TRIGGERS))
TRIGGER_RE = re.compile(r"\b(?:" + _BODY + r")\b", re.I)
# Matching lower-cased text without re.I is about five times faster; used whenever
# lower-casing keeps every offset (it does for all but a few exotic characters).
_TRIGGER_LOWER = Scanner(r"\b(?:" + _BODY + r")\b")

# Words before a trigger that make it unreal (attempt, plan, denial, modal) or generic.
_ATTEMPT = frozenset(
    "attempt attempts attempted tried trying plan plans planned planning threatened threatens vowed vows "
    "intend intends intended sought seeking order ordered call calls called urged fear fears feared risk".split()
)
_MODAL_OR_NEGATION = frozenset(
    "would will could might may not never no denied deny denies without avoid stop against nor".split()
)
_DEFINITE = frozenset("the this these those such".split())


def is_irrealis(before: str) -> bool:
    """'attempt to detain', 'would attack', 'did not kill', 'denied attacking'."""
    words = before.lower().split()[-4:]
    if not words or before[-1:] not in (" ", "\t", "\n"):
        return False
    if words[-1] in _MODAL_OR_NEGATION or (len(words) >= 2 and words[-2] in _MODAL_OR_NEGATION):
        return True
    for k in (1, 2):
        if len(words) > k and words[-k] == "to" and any(w in _ATTEMPT for w in words[max(0, -k - 2) : -k]):
            return True
    if "prevented" in words and "from" in words[-2:]:
        return True
    return False


# "Talks are expected to resume next month", "a truce is due to take effect":
# what is announced or foreseen has not happened yet. Any sentence that also
# reports something done (killed, hit, signed...) keeps its events.
_PROSPECTIVE = re.compile(
    r"\b(?:expected|set|scheduled|slated|poised|likely|hoped?|hopes|aims?|plans?|planned)\s+to\b"
    # "due to" is also "because of" ("without power due to the unrest"): only before a verb
    r"|\bdue\s+to\s+(?:be|take|resume|begin|start|hold|open|meet|return|arrive|sign|vote)\b"
    r"|\bwill\s+(?:be\s+)?\w+|\bnext\s+(?:week|month|year)\b",
    re.I,
)
_DONE = re.compile(
    r"\b(?:killed|killing|died|dead|wounded|injured|struck|hit|attacked|shelled|bombed|clashed|fought|looted|"
    r"burned|torched|destroyed|fled|displaced|arrested|detained|seized|captured|signed|agreed|reached|held|buried|"
    r"took\s+effect|came\s+into\s+force)\b",
    re.I,
)


def is_prospective(sentence: str) -> bool:
    """Only foreseen or announced, nothing reported as done: not an event (yet)."""
    return _PROSPECTIVE.search(sentence) is not None and _DONE.search(sentence) is None


def is_definite(before: str) -> bool:
    """'the clashes', 'these attacks', 'the sectarian attacks': a back-reference."""
    words = before.lower().split()[-3:]
    return any(w in _DEFINITE for w in words)


# -- context rules: the same words, typed by what surrounds them ---------------------------
_MILITARY_TARGET = re.compile(r"\b(?:positions?|troops|soldiers|forces|checkpoints?|bases?|convoys?|army|frontline|front\s+line|barracks|outposts?|repelled|repulsed)\b", re.I)
_CIVILIAN_TARGET = re.compile(r"\b(?:civilians?|residents?|villagers?|children|women|people|homes?|houses?|markets?|schools?|hospitals?|camps?|worshippers|mosques?|churches|displaced|refugees|farmers|passengers)\b", re.I)
_GENERIC_ATTACK = frozenset({"attack", "attacks", "attacked", "assault", "assaults"})

# Polysemous triggers need a conflict context in their sentence.
_VIOLENCE_CONTEXT = re.compile(
    r"\b(?:gunmen|militants?|militiam[ae]n|militias?|soldiers?|troops|forces|police(?:men)?|rebels?|fighters?|insurgents?|"
    r"army|military|jihadists?|assailants?|attackers?|armed|civilians?|residents?|villagers?|people|children|women|"
    r"killed|dead|wounded|injured|guns?|gunfire|rifles?|bombs?|shells?|drones?|missiles?|rockets?|knives|knife|machetes?|"
    r"grenades?|explosives?|checkpoints?|convoy|camp|village|town|base|positions?|loyalists|gangs?|cartels?|mobs?)\b",
    re.I,
)
_CROWD = re.compile(
    r"\b(?:protesters|demonstrators|crowds?|hundreds|thousands|dozens|people|residents|students|workers|women|supporters|"
    r"activists|villagers|farmers|marched|rall(?:y|ies|ied)|gathered|took\s+to\s+the\s+streets|sit-in)\b",
    re.I,
)
_GROUP_MOVE = re.compile(
    r"\b(?:people|residents|families|civilians|villagers|thousands|hundreds|dozens|many|refugees|households|population|"
    r"communities|children|women|inhabitants|displaced|others|tens|scores|most|all)\b|\d|[A-Z][a-z]+s\b",
)


def in_context(family: str, trigger: Trigger, sentence: str) -> bool:
    word = trigger.text.lower()
    if family == "violence" and word in _GENERIC_ATTACK:
        return _VIOLENCE_CONTEXT.search(sentence) is not None
    if family == "protest" and word.startswith("protest") and not word.startswith("protester"):
        return _CROWD.search(sentence) is not None
    if family == "displacement":
        return _GROUP_MOVE.search(sentence) is not None  # a group moves, not "the suspect fled"
    return True



# ACLED's protest sub-types: police or troops moving against a peaceful crowd is
# "Protest with intervention"; killing protesters is "Excessive force against protesters".
_INTERVENTION = re.compile(
    r"\b(?:tear\s*gas|rubber\s+bullets|water\s+cannons?|batons?|stun\s+grenades?|dispersed|broke\s+up|"
    r"fired\s+(?:\w+\s+)?(?:at|on|into)|arrested|detained|beat|charged\s+at)\b",
    re.I,
)
_LETHAL_FORCE = re.compile(r"\b(?:shot\s+dead|opened\s+fire|live\s+(?:fire|ammunition|rounds))\b", re.I)


def refine_type(trigger: "Trigger", span_text: str, actor1_non_state: bool,
                breakdown: str = "") -> tuple[str, str, str]:
    """The row's type in context: (event_type, sub_event_type, note).

    - "attack(s)/assault(s)" on armed forces only (positions, troops, convoy; no civilians,
      homes, markets ...) is a Battle/Armed clash, not Violence against civilians;
    - a killing whose dead are all soldiers or fighters is a Battle/Armed clash;
    - "Non-state actor overtakes territory" only when the captor is a non-state group;
      a state's (or an unnamed captor's) capture is an Armed clash noted "territory=captured".
    """
    event_type, sub = trigger.event_type, trigger.sub_event_type
    if sub == "Peaceful protest":
        if breakdown or _LETHAL_FORCE.search(span_text):
            return PROTESTS, "Excessive force against protesters", ""
        if _INTERVENTION.search(span_text):
            return PROTESTS, "Protest with intervention", ""
    if sub == "Non-state actor overtakes territory" and not actor1_non_state:
        return BATTLES, "Armed clash", "territory=captured"
    if (event_type == VAC and trigger.text.lower() in _GENERIC_ATTACK and _MILITARY_TARGET.search(span_text)
            and not _CIVILIAN_TARGET.search(span_text)):
        return BATTLES, "Armed clash", ""
    if event_type == VAC and sub == "Attack" and breakdown:
        groups = {part.split("=")[0] for part in breakdown.split(";")}
        if groups <= {"security_forces", "fighters"}:
            return BATTLES, "Armed clash", ""  # only combatants died: a battle, not violence against civilians
    return event_type, sub, ""


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    text: str
    event_type: str
    sub_event_type: str
    priority: int
    strength: str
    family: str


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    found = []
    low = text.lower()
    regex = _TRIGGER_LOWER if len(low) == len(text) else TRIGGER_RE
    subject = low if regex is _TRIGGER_LOWER else text
    for m in regex.finditer(subject, start, len(text) if end is None else end):
        word = text[m.start() : m.end()]
        group = m.lastgroup
        assert group is not None  # every alternative is a named group: "_12" is TRIGGERS[12]
        _, etype, sub, prio, strength, family = TRIGGERS[int(group[1:])]
        found.append(Trigger(m.start(), m.end(), word, etype, sub, prio, strength, family))
    return found
