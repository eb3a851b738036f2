"""Actor phrases: who did it (actor1) and to whom (actor2), as written.

Rules:
- an actor phrase is an armed/state/crowd noun (gunmen, forces, troops, police,
  rebels, loyalists, militia, army, protesters, ...) with its modifiers
  ("Sunni Muslim", "government security", "Assad") and an allegiance tail
  ("loyal to the new government", "backed by Russia", "of the RSF");
- actor1 is the agent: the phrase after "by" following the trigger (passive), else
  the nearest phrase before the trigger (subject); actor2 is another phrase in the
  sentences (object / opponent);
- Violence against civilians: actor2 is "civilians", prefixed by the victims'
  community when the text names one ("Alawite civilians");
- a demonym right before a strike noun ("Russian drone strike") gives actor1 "<Demonym> forces";
- agents are looked for up to the primary trigger's sentence, never in later sentences
  that only add context ("al-Shabaab has carried out similar attacks");
- phrases naming informants or buildings ("military source", "police station") are not actors;
- Protests/Riots: actor1 is the crowd ("protesters", "Hundreds of farmers" -> "farmers"),
  actor2 only a state force that intervenes (police, troops).
"""

from __future__ import annotations

import bisect
import re

from mapper.extract.actor_rules import RULES, first_letter_first
from mapper.extract.fastscan import Scanner
from mapper.extract.words import DEMONYMS, RELIGIONS

# The words are in mapper/extract/lexicon/actor_words.csv and armed_groups.csv; actor_rules.py
# builds these regexes from them.
ACTOR_RE = RULES.actor
_BY = re.compile(r"\bby\s+(?:the\s+)?$")  # grammar: the agent of a passive
_STRIKE_DEMONYM = RULES.strike_demonym
_STRIKE_ENDINGS = RULES.strike_endings
_DEMONYM_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+(?:[a-z]+\s+)?$")
_ASCII_UPPER = re.compile("[A-Z]")
_ARTICLE_BEFORE = RULES.article_before
_NEEDS_ARTICLE = RULES.needs_article
_CAPITALISED = re.compile(r"\b([A-Z][a-z]+)\b")
_STATE = RULES.state
_CROWD_OF = RULES.crowd_of
_CROWD = RULES.crowd
_AGENT_VERB = RULES.agent_verb
_VICTIM_COUNT = RULES.victim_count
_COUNT_WORDS = RULES.count_words
_CASE_TRAPS_I = re.compile("[\u0130\u0131\u017f]")  # letters re.I matches to ASCII ones but lower() does not


def _victim_count_before(before: str) -> bool:
    """``_VICTIM_COUNT.search(before) is not None``; the count ends one of the last two words,
    so the search is skipped when neither does."""
    if not _CASE_TRAPS_I.search(before):
        for w in before.split()[-2:]:
            if w[-1:].isdecimal() or w.lower().endswith(_COUNT_WORDS):
                break
        else:
            return False
    return _VICTIM_COUNT.search(before) is not None


_LEADING = RULES.leading


def _clean(phrase: str) -> str:
    phrase = _LEADING.sub("", phrase.strip())
    return phrase.rstrip(" ,.;")


_NAMED_GROUP = RULES.named_groups
_NAMED_GROUP_SCAN = first_letter_first(_NAMED_GROUP.pattern)
NON_STATE = RULES.non_state  # searched in actor1 (incidents.py)


# Speed: ACTOR_RE tried at every position is the slowest scan of extraction. A match has
# at most four modifiers, each followed by one whitespace run, before its noun; so it
# starts within four words before the first noun at or after the search position.
_NOUN_SCAN = Scanner(rf"(?:{RULES.noun})\b")  # lower-case nouns at word starts (a superset)
# the only non-ASCII letters that (?i) matches to ASCII ones (İ ı ſ K): with them, a
# search of the lower-cased text could miss a noun
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")
_BACK_FOUR_WORDS = re.compile(r"\S*(?:\s+\S*){0,4}")  # matched on reversed text


def _actor_matches(text: str, start: int, end: int):
    """Exactly ``ACTOR_RE.finditer(text, start, end)``, searching only near nouns."""
    span = text[start:end]
    low = span.lower()
    if len(low) != len(span) or _CASE_TRAPS.search(span):
        yield from ACTOR_RE.finditer(text, start, end)  # offsets or (?i) letters differ: scan it all
        return
    pos = start
    while True:
        noun = _NOUN_SCAN.combined.search(low, pos - start)  # the first of its finditer
        if noun is None:
            return
        q = start + noun.start()
        lo = max(pos, q - 200)
        back = _BACK_FOUR_WORDS.match(text[lo:q][::-1])  # always matches: every part is optional
        w = q - (back.end() if back else 0)
        if w <= lo:
            w = pos  # the words run back past the window: search from where we are
        m = ACTOR_RE.search(text, w, end)
        if m is None:
            return
        yield m
        pos = m.end()


class _Spans:
    """Disjoint spans kept sorted, with an overlap test by bisection (a scan of every phrase
    found so far was quadratic in a long run of incident sentences)."""

    def __init__(self) -> None:
        self.items: list[tuple[int, int, str]] = []
        self.starts: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start)
        if k > 0 and self.items[k - 1][1] > start:
            return True  # one that starts at or before ``start`` runs past it
        return k < len(self.items) and self.items[k][0] < end  # the next one starts inside

    def add(self, start: int, end: int, phrase: str) -> None:
        k = bisect.bisect_right(self.starts, start)
        self.starts.insert(k, start)
        self.items.insert(k, (start, end, phrase))


def actor_phrases(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = _Spans()
    for m in _actor_matches(text, start, end):
        a, b = m.span()
        phrase = _clean(m.group(0))
        if phrase.lower() in _NEEDS_ARTICLE and not _ARTICLE_BEFORE.search(text[max(0, a - 12) : a]):
            continue  # "army officers said": "the army" acts, "army" alone qualifies a noun
        if _victim_count_before(text[max(0, a - 30) : a]):
            continue  # "148 fighters ... were killed": counted victims, not the perpetrator
        if out.overlaps(a, b):
            continue
        out.add(a, b, phrase)
    for m in _NAMED_GROUP_SCAN.finditer(text, start, end):
        a, b = m.span()
        if not out.overlaps(a, b):
            out.add(a, b, m.group(0))
    return out.items


def _clause_phrases(text: str, start: int, end: int, article_phrases: list | None) -> list:
    """The actor phrases inside [start, end): from the article's sorted list when given."""
    if article_phrases is None:
        return actor_phrases(text, start, end)
    k = bisect.bisect_left(article_phrases, (start,))
    phrases = []
    while k < len(article_phrases) and article_phrases[k][0] < end:
        if article_phrases[k][1] <= end:
            phrases.append(article_phrases[k])
        k += 1
    return phrases


def _agent_after(text: str, start: int, trigger_end: int, phrases: list) -> str:
    """"killed by RSF fighters": the first phrase after the trigger with "by" just before it,
    close to the trigger or joined to it by an agent verb."""
    for a, _end, phrase in phrases:
        if a < trigger_end:
            continue
        gap = text[trigger_end:a]
        if _BY.search(text[max(start, a - 8) : a]) and (len(gap) <= 25 or _AGENT_VERB.search(gap)):
            return phrase
    return ""


def _demonym_forces(text: str, start: int, trigger_start: int, trigger_end: int) -> str:
    """"a Russian airstrike", "Israeli shelling": "Russian forces" / "Israeli forces"."""
    # each search only where it can match: a strike noun at the end, a capital letter before
    strike_text = text[max(start, trigger_start - 40) : trigger_end]
    ends = _STRIKE_ENDINGS
    m = _STRIKE_DEMONYM.search(strike_text) if ends is None or strike_text.rstrip("\n").endswith(ends) else None
    if not m:
        before_text = text[max(start, trigger_start - 30) : trigger_start]
        m = _DEMONYM_BEFORE.search(before_text) if _ASCII_UPPER.search(before_text) else None
    if m and m.group(1).lower() in DEMONYMS:
        return f"{m.group(1)} forces"
    return ""


def _first_actor(text: str, start: int, trigger_start: int, trigger_end: int, phrases: list) -> str:
    """Who acted: an agent after "by", else the last phrase before the trigger, else a demonym."""
    actor = _agent_after(text, start, trigger_end, phrases)
    if actor:
        return actor
    for p in reversed(phrases):  # the last phrase that ends before the trigger
        if p[1] <= trigger_start:
            if p[2]:
                return p[2]
            break
    return _demonym_forces(text, start, trigger_start, trigger_end)


def _crowd_actor(text: str, start: int, end: int, phrases: list) -> str:
    """Who protested: a crowd phrase ("protesters", "students"), else "crowds of X"."""
    crowd = [p for p in phrases if _CROWD.search(p[2])]
    if crowd:
        return crowd[0][2]
    m = _CROWD_OF.search(text, start, end)
    return m.group(1) if m else ""


def _victim_community(text: str, trigger_start: int, end: int, phrases: list) -> str:
    """"gunmen killed Christian villagers" -> "Christian": the first religion or demonym after
    the trigger that is not inside an actor phrase, singular."""
    spans = [(a, b) for a, b, _ in phrases]
    for m in _CAPITALISED.finditer(text[trigger_start:end]):
        if any(a <= trigger_start + m.start() < b for a, b in spans):
            continue
        word = m.group(1).lower()
        base = word[:-1] if word.endswith("s") else word
        if word in RELIGIONS or word in DEMONYMS or base in RELIGIONS or base in DEMONYMS:
            community = m.group(1)[:-1] if word not in RELIGIONS and word not in DEMONYMS else m.group(1)
            if community.lower().endswith("s") and community.lower()[:-1] in RELIGIONS | DEMONYMS:
                community = community[:-1]
            return community
    return ""


def _second_actor(text: str, trigger_start: int, end: int, event_type: str, actor1: str, phrases: list) -> str:
    """The other side: civilians (of a community) for violence against civilians, else the
    first phrase that is not actor1; for protests only a state force (police, troops)."""
    if event_type == "Violence against civilians":
        community = _victim_community(text, trigger_start, end, phrases)
        return f"{community} civilians" if community else "civilians"
    a1 = actor1.lower()
    actor2 = ""
    for _a, _b, phrase in phrases:  # the first that neither holds actor1 nor is part of it
        low = phrase.lower()
        if low not in a1 and not (a1 and a1 in low):
            actor2 = phrase
            break
    if event_type in ("Protests", "Riots") and actor2 and not _STATE.search(actor2):
        return ""  # the other side of a protest is whoever intervenes (police, troops)
    return actor2


def pick_actors(text: str, start: int, end: int, trigger_start: int, trigger_end: int, event_type: str,
                article_phrases: list | None = None) -> tuple[str, str]:
    phrases = _clause_phrases(text, start, end, article_phrases)
    if event_type in ("Protests", "Riots"):
        actor1 = _crowd_actor(text, start, end, phrases)
    else:
        actor1 = _first_actor(text, start, trigger_start, trigger_end, phrases)
    return actor1, _second_actor(text, trigger_start, end, event_type, actor1, phrases)
