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
from typing import NamedTuple

from mapper.errors import LexiconError
from mapper.extract.actor_rules import named_group_pattern
from mapper.extract.fastscan import BranchScanner, Scanner
from mapper.extract.vocabulary import ACLED_EVENT_TYPES, Row, kind_patterns, kind_words, table
from mapper.extract.words import MONTHS

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

EVENT_TYPES = ACLED_EVENT_TYPES  # (BATTLES, EXPLOSIONS, VAC, PROTESTS, RIOTS, STRATEGIC): triggers.csv is checked against them


Rule = tuple[str, str, str, int, str, str, str]


def _rules(rows: tuple[Row, ...]) -> tuple[Rule, ...]:
    """triggers.csv as rules: consecutive lines with the same type, sub-type, priority, strength,
    family and context are one rule, its phrases joined in file order ("shelling|shelled|artillery")."""
    rules: list[Rule] = []
    for row in rows:
        typed = (row.text("event_type"), row.text("sub_event_type"), row.integer("priority"), row.text("strength"),
                 row.text("family"), row.text("context"))
        if rules and rules[-1][1:] == typed:
            rules[-1] = (rules[-1][0] + "|" + row.text("pattern"), *typed)
        else:
            rules.append((row.text("pattern"), *typed))
    return tuple(rules)


# Each rule: (regex over lower-cased text, event_type, sub_event_type, priority, strength, family,
# context), read from mapper/extract/lexicon/triggers.csv.
TRIGGERS: tuple[Rule, ...] = _rules(table("triggers.csv"))

_BRANCHES = [f"(?P<r{i}>{row[0]})" for i, row in enumerate(TRIGGERS)]
_BODY = "|".join(_BRANCHES)
TRIGGER_RE = re.compile(r"\b(?:" + _BODY + r")\b", re.I)
# Matching lower-cased text without re.I is about five times faster; used whenever
# lower-casing keeps every offset (it does for all but a few exotic characters). At each
# word start only the rules that can begin with its letter are tried (fastscan.BranchScanner).
_TRIGGER_LOWER = BranchScanner(r"\b", _BRANCHES, r"\b")

# Words before a trigger that make it unreal (attempt, plan, denial, modal) or generic,
# and the words of the context rules below: mapper/extract/lexicon/context_words.csv.
_CONTEXT_WORDS = table("context_words.csv")


def plain_words(rows: tuple[Row, ...], kind: str) -> frozenset[str]:
    """The words of one kind, compared (not searched): each must be a plain word."""
    return frozenset(kind_words(rows, kind))


def words_re(kind: str, rows: tuple[Row, ...] = _CONTEXT_WORDS) -> str:
    """The patterns of one kind as an alternation, in file order."""
    found = kind_patterns(rows, kind)
    if not found:
        raise LexiconError(f"context_words.csv: no row of kind {kind!r}")
    return "|".join(found)


_ATTEMPT = plain_words(_CONTEXT_WORDS, "attempt")
_MODAL_OR_NEGATION = plain_words(_CONTEXT_WORDS, "modal_negation")
_PREVENTED = plain_words(_CONTEXT_WORDS, "prevented")
_FEARED = plain_words(_CONTEXT_WORDS, "feared")
_DEFINITE = plain_words(_CONTEXT_WORDS, "definite")


def is_irrealis(before: str) -> bool:
    """'attempt to detain', 'would attack', 'did not kill', 'denied attacking'
    (``before``: the text before the trigger)."""
    if before[-1:] not in (" ", "\t", "\n"):
        return False  # the trigger is not a word of its own
    return irrealis_words(before.lower().split()[-4:])


# "On 7 May 2020, protests were held": a modal that is also a month (calendar.csv: "may") is the
# month when a day or a year stands next to it.
_MONTH_MODALS = _MODAL_OR_NEGATION & frozenset(MONTHS)
_DAY_OR_YEAR = re.compile(r"\d{1,4}(?:st|nd|rd|th)?[,.]?")


def _modal(words: list[str], i: int) -> bool:
    """words[i] (i: -1 or -2) is a modal or negation, not the month "May" beside a day or year."""
    k = i % len(words)
    if words[k] not in _MODAL_OR_NEGATION:
        return False
    if words[k] not in _MONTH_MODALS:
        return True
    neighbours = words[k - 1 : k] + words[k + 1 : k + 2]
    return not any(_DAY_OR_YEAR.fullmatch(w) for w in neighbours)


def irrealis_words(words: list[str]) -> bool:
    """is_irrealis over the (up to 4) lower-case words before the trigger, nearest last."""
    if not words:
        return False
    if _modal(words, -1) or (len(words) >= 2 and _modal(words, -2)):
        return True
    for k in (1, 2):
        if len(words) > k and words[-k] == "to" and any(w in _ATTEMPT for w in words[max(0, -k - 2) : -k]):
            return True
    if "from" in words[-2:] and not _PREVENTED.isdisjoint(words):
        return True
    # "in fear of further air strikes", "fearing reprisal attacks"
    if words[-1] in _FEARED or (len(words) >= 2 and words[-2] in _FEARED):
        return True
    for k in (1, 2):
        if len(words) > k and words[-k] == "of" and words[-k - 1] in _FEARED:
            return True
    return False


# "Talks are expected to resume next month", "a truce is due to take effect":
# what is announced or foreseen has not happened yet. Any sentence that also
# reports something done (killed, hit, signed...) keeps its events.
_PROSPECTIVE = re.compile(
    rf"\b(?:{words_re('prospective_to')})\s+to\b"
    # "due to" is also "because of" ("without power due to the unrest"): only before a verb
    rf"|\bdue\s+to\s+(?:{words_re('due_verb')})\b"
    rf"|\b(?:{words_re('prospective')})\b",
    re.I,
)
_DONE = re.compile(rf"\b(?:{words_re('done')})\b", re.I)


# Speed: the same patterns without re.I over the lower-cased sentence (about twice as fast),
# except where a letter that re.I matches to an ASCII one is not lower-cased to it; the
# prospective one tried only at word starts its words begin (fastscan: each of its
# alternatives opens with \b and a word, so its matches all start there)
_PROSPECTIVE_LOWER = Scanner(_PROSPECTIVE.pattern).combined
_DONE_LOWER = re.compile(_DONE.pattern)
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")  # İ ı ſ K


def is_prospective(sentence: str) -> bool:
    """Only foreseen or announced, nothing reported as done: not an event (yet)."""
    if _CASE_TRAPS.search(sentence):
        return _PROSPECTIVE.search(sentence) is not None and _DONE.search(sentence) is None
    low = sentence.lower()
    return _PROSPECTIVE_LOWER.search(low) is not None and _DONE_LOWER.search(low) is None


def is_definite(before: str) -> bool:
    """'the clashes', 'these attacks', 'the sectarian attacks': a back-reference."""
    return definite_words(before.lower().split()[-3:])


def definite_words(words: list[str]) -> bool:
    """is_definite over the (up to 3) lower-case words before the trigger."""
    return not _DEFINITE.isdisjoint(words)


# -- context rules: the same words, typed by what surrounds them ---------------------------
_MILITARY_TARGET = re.compile(rf"\b(?:{words_re('military_target')})\b", re.I)
_CIVILIAN_TARGET = re.compile(rf"\b(?:{words_re('civilian_target')})\b", re.I)

# A trigger's `context` (triggers.csv): what its sentence must hold for it to report an event.
# every name and alias of armed_groups.csv, as written ("Boko Haram", "al-Shabaab")
_NAMED_GROUPS = named_group_pattern(table("armed_groups.csv"))
_CONTEXT_CHECKS = {
    # "Boko Haram attacked Dorva": a named armed group (armed_groups.csv, as written) is an armed actor too
    "armed": re.compile(rf"(?i:\b(?:{words_re('armed_context')})\b)|{_NAMED_GROUPS}"),
    "crowd": re.compile(rf"\b(?:{words_re('crowd_context')})\b", re.I),
    # as written: a digit or a capitalised plural ("Rohingyas") also counts
    "group_moves": re.compile(rf"\b(?:{words_re('group_moves')})\b|\d|[A-Z][a-z]+s\b"),
    # "retired soldiers gathered at the square, demanding their pensions": a gathering with a demand
    "demand": re.compile(rf"\b(?:{words_re('demand_context')})\b", re.I),
}


# "textile workers held a protest in X", "protests were held at a ration shop", "a demonstration
# took place": a protest that is held, staged or takes place is an event, whoever holds it.
_PROTEST_HELD = re.compile(rf"\b(?:{words_re('protest_held')})\b", re.I)
# "taxi drivers protested", "JESTs and ECTs protested", "firemen protested": a plural subject in the
# verb's clause is a crowd; "he protested his innocence", "Iran protested" are none.
_NOT_PLURAL = plain_words(_CONTEXT_WORDS, "not_plural")
_PROTEST_VERBS = plain_words(_CONTEXT_WORDS, "protest_verb")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_CLAUSE_BREAK = re.compile(r"[,;:()]")
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")
_SUBJECT_WORDS = 10  # "cleaners working for a private company in Goma protested": the subject may sit some words back


def is_plural_noun(word: str) -> bool:
    """"drivers", "firemen", "ECTs": a plural a crowd is written with (not "has", "its", "news")."""
    if not word.islower():
        return _ACRONYM_PLURAL.fullmatch(word) is not None
    if word in _NOT_PLURAL:
        return False
    # three letters and less ("has", "its", "was") are no plurals, but "men" is
    return (word == "men" or len(word) >= 4) and word.endswith(("s", "men")) and not word.endswith(("ss", "us", "'s"))


def has_plural_subject(before: str) -> bool:
    """Whether the clause before a protest verb holds a plural noun ("On 6 May, taxi drivers ")."""
    clauses = _CLAUSE_BREAK.split(before)
    clause = clauses[-1]
    if not clause.strip() and len(clauses) > 1:
        # "inhabitants blocked the highway, protesting the cuts": the subject of the clause before
        clause = clauses[-2]
    return any(is_plural_noun(w) for w in _WORD.findall(clause)[-_SUBJECT_WORDS:])


def _crowd(trigger: Trigger, sentence: str, at: int) -> bool:
    if _CONTEXT_CHECKS["crowd"].search(sentence) or _PROTEST_HELD.search(sentence):
        return True
    return trigger.text.lower() in _PROTEST_VERBS and at >= 0 and has_plural_subject(sentence[:at])


def in_context(_family: str, trigger: Trigger, sentence: str, sentence_start: int = 0) -> bool:
    """Whether the sentence holds what the trigger's context needs ("attacked": an armed actor,
    victims or a weapon; "protested": a crowd; "fled": a group). ``_family`` is the trigger's;
    ``sentence_start``: the sentence's offset in the text the trigger's offsets count in."""
    if trigger.context == "crowd":
        return _crowd(trigger, sentence, trigger.start - sentence_start)
    check = _CONTEXT_CHECKS.get(trigger.context)
    return check is None or check.search(sentence) is not None


# ACLED's protest sub-types: police or troops moving against a peaceful crowd is
# "Protest with intervention"; killing protesters is "Excessive force against protesters".
# "gunmen attacked a police post", "opened fire on an army convoy": the first words after a
# killing or attack name armed forces as its target (up to three words before them: "a police
# officer", "two off-duty soldiers", "a regime military intelligence officer"); both sides are
# armed, so ACLED codes a battle.
# ("a journalist was beaten by police officers": after "by" is who did it, not the target)
_ARMED_TARGET = rf"(?:{words_re('military_target')}|{words_re('security_target')})"
# (a trigger may end in its space: "wounded three " before "policemen")
# (nor after a preposition: "two men were killed during a police raid" names who raided, not the dead)
_SECURITY_TARGET_AFTER = re.compile(
    rf"\s*(?!(?:by|during|in|on|at|after|amid|following|with|near|from|for)\b)(?:[\w'-]+\s+){{0,3}}?{_ARMED_TARGET}\b", re.I)
# "police officers on patrol were shot by a man": armed forces as the subject of a passive
# killing or attack, a few words before it, are its target just as well
_SECURITY_SUBJECT_BEFORE = re.compile(
    rf"\b{_ARMED_TARGET}\b(?:\s+[\w'-]+){{0,5}}?"
    rf"\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+$", re.I)
_DIRECT_FIRE = re.compile(rf"\b(?:{words_re('direct_fire')})\b", re.I)
_RIOT_ACT = re.compile(rf"\b(?:{words_re('riot_act')})\b", re.I)
# "protesters demanded the release of two activists accused of hurling a Molotov cocktail at a
# bank": what someone is accused or held for is not what this crowd did
_CHARGED_WITH = re.compile(r"\b(?:accused\s+of|charged\s+with|suspected\s+of|(?:arrested|detained|jailed|held|"
                           r"sentenced)\s+(?:[\w-]+\s+){0,5}?for)\s+(?:[\w-]+\s+){0,3}$", re.I)


def charged_with(before: str) -> bool:
    """Whether the words just before an act say someone is accused or held for it ("two
    activists accused of hurling a" Molotov cocktail): no act of this report's event."""
    return _CHARGED_WITH.search(before[-90:]) is not None


def crowd_riot_act(span_text: str) -> bool:
    """A riot act of the crowd itself in the incident's text ("protesters threw stones"), not one
    it protests someone was held for."""
    return any(not charged_with(span_text[max(0, m.start() - 90):m.start()]) for m in _RIOT_ACT.finditer(span_text))
_REMOTE_IN_BATTLE = {"Shelling/artillery/missile attack", "Grenade"}
# ACLED's Violent demonstration needs demonstrators; a violent crowd in an article that names no
# demonstration ("a mob attacked the police post", "rioters set fire to a church") is Mob violence.
# Read over the article, not the sentence, so that the riot's later sentences ("rioters retreated")
# keep the sub-type of the first. The words of a demonstration are the protest triggers of triggers.csv.
_DEMONSTRATION = re.compile(
    # ("a mob gathered outside the station": a gathering names a demonstration only with its demand, read below)
    r"\b(?:" + "|".join([rule[0] for rule in TRIGGERS if rule[1] == PROTESTS and rule[6] != "demand"]
                         + [words_re("demonstration")]) + r")\b",
    re.I)


def is_intervention(trigger: "Trigger") -> bool:
    """Whether a violent trigger is itself a word of police action on a crowd ("protesters were
    beaten and dragged into police cars": the beating is the protest's intervention)."""
    return _INTERVENTION.fullmatch(trigger.text.strip()) is not None


def names_demonstration(text: str) -> bool:
    """Whether an article names a demonstration (a protest trigger, "demonstrating")."""
    return _DEMONSTRATION.search(text) is not None


_INTERVENTION = re.compile(rf"\b(?:{words_re('intervention')})\b", re.I)
_LETHAL_FORCE = re.compile(rf"\b(?:{words_re('lethal_force')})\b", re.I)
_ARREST_WORD = re.compile(r"arrest|detain", re.I)
# "they protested against the arrest of the editor", "... who was detained last week", "He was arrested
# in a corruption case": the arrest the protest is about, not police acting on the crowd
_ARREST_AS_CAUSE = re.compile(
    r"\b(?:(?:the|his|her|their|illegal|unjust)\s+(?:[\w-]+\s+)?(?:arrests?|detention)\s+of"
    r"|(?:he|she|who|whom)\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:arrested|detained))", re.I)


def _intervened(span_text: str) -> bool:
    """Whether police or troops acted on the protest: an intervention word, an arrest only when it is
    not the arrest the protest is about (``_ARREST_AS_CAUSE``): "14 protesters were arrested",
    "several arrests were made"."""
    for m in _INTERVENTION.finditer(span_text):
        if not _ARREST_WORD.match(m.group()):
            return True
        cause = _ARREST_AS_CAUSE.search(span_text, max(0, m.start() - 40), m.end() + 5)
        if cause is None or not (cause.start() <= m.start() < cause.end()):
            return True
    return False


_CROWD_SIDE = re.compile(rf"\b(?:{words_re('crowd_side')})\b", re.I)
_ORGANIZED_ARMED = re.compile(rf"(?i:\b(?:{words_re('organized_armed')})\b)|{_NAMED_GROUPS}")
_STATE_FORCE = re.compile(rf"\b(?:{words_re('state_force')})\b", re.I)


def crowd_violence(event_type: str, trigger: "Trigger", span_text: str, before: str) -> bool:
    """Whether a battle or an attack is a crowd's violence, ACLED's Riots: a clash whose span names a
    crowd and no armed group or firearm ("two village groups clashed with axes and sticks",
    "demonstrators clashed with police"), or an attack whose attackers, in the words ``before`` the
    trigger, are a crowd and no armed group or state force ("a group of youths attacked a police
    patrol"; not "soldiers attacked residents")."""
    if event_type == BATTLES:
        return (_CROWD_SIDE.search(span_text) is not None and _ORGANIZED_ARMED.search(span_text) is None
                and _ORGANIZED_ARMED.search(trigger.text) is None)
    if event_type == VAC and trigger.event_type == VAC and _CROWD_ATTACK.fullmatch(trigger.text.strip()):
        return (_CROWD_SIDE.search(before) is not None and _ORGANIZED_ARMED.search(before) is None
                and _STATE_FORCE.search(before) is None and _PASSIVE_BEFORE.search(before) is None)
    return False


# the attacks a crowd makes with its hands ("villagers attacked and beat a thief"), in the active
# voice: "residents were burned alive" names the victims before the trigger, not the attackers
_CROWD_ATTACK = re.compile(r"attack(?:ed|s)?|assault(?:ed|s)?|beat(?:en|ing)?(?:\s+up)?|stabbed|lynched|stoned", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+ly\s+)?$", re.I)


def refine_type(trigger: "Trigger", span_text: str, actor1_non_state: bool,
                breakdown: str = "", after: str = "", demonstration: bool = True, before: str = "") -> tuple[str, str, str]:
    """The row's type in context (``_refine_type``), a crowd's violence retyped as a riot
    (``crowd_violence``): a Violent demonstration when the span names a demonstration, else Mob violence."""
    event_type, sub, note = _refine_type(trigger, span_text, actor1_non_state, breakdown, after, demonstration, before)
    if sub in ("Armed clash", "Attack") and crowd_violence(event_type, trigger, span_text, before):
        return RIOTS, "Violent demonstration" if _DEMONSTRATION.search(span_text) else "Mob violence", ""
    return event_type, sub, note


def _refine_type(trigger: "Trigger", span_text: str, actor1_non_state: bool,
                 breakdown: str, after: str, demonstration: bool, before: str) -> tuple[str, str, str]:
    """The row's type in context: (event_type, sub_event_type, note).

    - "attack(s)/assault(s)" on armed forces only (positions, troops, convoy; no civilians,
      homes, markets ...) is a Battle/Armed clash, not Violence against civilians;
    - a killing whose dead are all soldiers or fighters is a Battle/Armed clash;
    - "Non-state actor overtakes territory" only when the captor is a non-state group;
      a state's (or an unnamed captor's) capture is an Armed clash noted "territory=captured";
    - a killing or attack whose target, named right ``after`` the trigger, is armed forces
      ("attacked a police officer"), or right ``before`` it as a passive's subject ("a police
      patrol was shot"), is a Battle/Armed clash;
    - a protest whose crowd throws stones or burns tyres is a Riot/Violent demonstration;
    - a shelling or grenade attack with direct fire ("... and small arms at positions") is an Armed clash;
    - a Violent demonstration in an article that names no ``demonstration`` is Mob violence.
    """
    event_type, sub = trigger.event_type, trigger.sub_event_type
    if sub == "Peaceful protest":
        if crowd_riot_act(span_text):  # violent demonstrators: a riot, whatever the police did
            return RIOTS, "Violent demonstration", ""
        if breakdown or _LETHAL_FORCE.search(span_text):
            return PROTESTS, "Excessive force against protesters", ""
        if _intervened(span_text):
            return PROTESTS, "Protest with intervention", ""
    if sub in _REMOTE_IN_BATTLE and _DIRECT_FIRE.search(span_text):
        return BATTLES, "Armed clash", ""
    if sub == "Violent demonstration" and not demonstration:
        return RIOTS, "Mob violence", ""
    if sub == "Non-state actor overtakes territory" and not actor1_non_state:
        return BATTLES, "Armed clash", "territory=captured"
    # the target is what follows the trigger ("attacked army positions"): "police forces beat a
    # young man", "pro-Houthi forces assaulted a qat seller" name the attackers before it
    if (event_type == VAC and trigger.context == "armed" and _MILITARY_TARGET.search(after)
            and not _CIVILIAN_TARGET.search(after)):
        return BATTLES, "Armed clash", ""
    if event_type == VAC and sub == "Attack" and (_SECURITY_TARGET_AFTER.match(after)
                                                  or _passive_security_subject(before)):
        return BATTLES, "Armed clash", ""
    if sub == "Looting/property destruction" and _crowd_did_it(before):
        # "students burnt down seven of their dormitories", "residents looted stores": a crowd
        # destroying or looting is a riot (ACLED), not a strategic development
        return RIOTS, "Violent demonstration" if demonstration else "Mob violence", ""
    if event_type == VAC and _STATE_FORCE.search(before + " " + span_text) and force_on_crowd(span_text):
        # ACLED: lethal force on a demonstration is the protest's own event, with its dead
        return PROTESTS, "Excessive force against protesters", ""
    if event_type == VAC and sub == "Attack" and breakdown:
        groups = {part.split("=")[0] for part in breakdown.split(";")}
        if groups <= {"security_forces", "fighters"}:
            return BATTLES, "Armed clash", ""  # only combatants died: a battle, not violence against civilians
    return event_type, sub, ""


def _crowd_did_it(before: str) -> bool:
    """The words before a trigger name a crowd as who did it, and no armed group, no state force,
    no passive ("shops were looted by ...": the agent comes after)."""
    return (_CROWD_SIDE.search(before) is not None and _ORGANIZED_ARMED.search(before) is None
            and _STATE_FORCE.search(before) is None and _PASSIVE_BEFORE.search(before) is None)


# "Police fired on protesters, killing three", "security forces killed two demonstrators",
# "three protesters were shot dead": the dead are the crowd's, killed by the state's force
_FORCE_ON_CROWD = re.compile(
    r"\b(?:fired|opened\s+fire|shot(?:\s+dead)?|killed|killing|shooting)\s+(?:(?:on|at|into)\s+)?"
    r"(?:the\s+|a\s+crowd\s+of\s+)?(?:[\w-]+\s+){0,2}?(?:protesters|demonstrators|marchers)\b"
    r"|\b(?:protesters|demonstrators|marchers)\s+(?:were|was|have\s+been|had\s+been)\s+(?:shot|killed)", re.I)


def state_force(text: str) -> bool:
    """Whether the text names a state force (police, soldiers, security forces ...)."""
    return _STATE_FORCE.search(text) is not None


def force_on_crowd(sentence: str) -> bool:
    """Whether the sentence tells the state's force killing or firing on the protesting crowd."""
    return _FORCE_ON_CROWD.search(sentence) is not None


def _passive_security_subject(before: str) -> bool:
    m = _SECURITY_SUBJECT_BEFORE.search(before)
    return m is not None and not _CIVILIAN_TARGET.search(before)  # "civilians near the army post were shot"


class Trigger(NamedTuple):
    """One trigger phrase found in the text, typed by its rule. (A named tuple: made some
    4,000 times per 300 articles, where a frozen dataclass took a quarter of find_triggers.)"""

    start: int
    end: int
    text: str
    event_type: str
    sub_event_type: str
    priority: int
    strength: str
    family: str
    context: str = ""  # triggers.csv: what its sentence must hold ("armed", "crowd", "group_moves")


# every alternative is a named group: "r12" is TRIGGERS[12]; its types, as Trigger takes them
_TYPED: dict[str | None, tuple[str, str, int, str, str, str]] = {f"r{i}": rule[1:] for i, rule in enumerate(TRIGGERS)}


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    found = []
    low = text.lower()
    regex = _TRIGGER_LOWER if len(low) == len(text) else TRIGGER_RE
    subject = low if regex is _TRIGGER_LOWER else text
    for m in regex.finditer(subject, start, len(text) if end is None else end):
        a, b = m.span()
        found.append(Trigger(a, b, text[a:b], *_TYPED[m.lastgroup]))
    return found
