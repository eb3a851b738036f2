"""One victim without a number: "killed a 65-year-old man", "a soldier was killed", "Gunmen shot
dead a police officer", "killed at least one person" (a qualifier may stand after the verb) (a count of 1, its group from lexicon/single_victims.csv; the verbs are
the victim_verb / victim_passive lines of casualty_words.csv, the article and the auxiliary
those of count_words.csv)."""

from __future__ import annotations

import re

from mapper.errors import LexiconError
from mapper.extract.casualty_words import CASUALTY_WORDS, casualty_alternatives, literal_stem
from mapper.extract.fastscan import Scanner
from mapper.extract.lowercase import fold
from mapper.extract.quantities import COUNT_WORDS, patterns_of
from mapper.extract.vocabulary import table

_SINGLE_VICTIMS = table("single_victims.csv")  # "man", "police officer"
_AUXILIARY = patterns_of(COUNT_WORDS, 'victim_auxiliary')
_DIED = (rf"(?:(?:{patterns_of(COUNT_WORDS, 'victim_adverb')})\s+)?"
         rf"(?:{casualty_alternatives(CASUALTY_WORDS, 'victim_died')})")
# after the victim: "was shot dead", "has been killed", "was stoned and beaten to death", "was
# shot and later died" (the auxiliary says one person died: "a few people died" is no victim of
# this rule)
_PASSIVE = (rf"\s+(?:{_AUXILIARY})\s+(?:(?:\w+\s+and\s+)?(?:\w+\s+)?(?:{casualty_alternatives(CASUALTY_WORDS, 'victim_passive')})"
            rf"|\w+\s+and\s+{_DIED})\b")
# after a listed noun ("a man", "one police officer") "died" alone does too: "one man died"; the
# noun may have its "of" complement first ("a member of the village council was shot dead")
_PASSIVE_OR_DIED = rf"(?:\s+of\s+(?:[\w'’-]+\s+){{0,4}}?[\w'’-]+)?(?:{_PASSIVE}|\s+{_DIED}\b)"
_SINGLE_VICTIM = re.compile(
    rf"\b(?:(?P<verb>{casualty_alternatives(CASUALTY_WORDS, 'victim_verb')})\s+"
    rf"(?:(?:{patterns_of(COUNT_WORDS, 'left_qualifier')})\s+)?)?"  # "killed at least one person"
    rf"(?P<n>{patterns_of(COUNT_WORDS, 'single_victim_article')})\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:(?P<g>" + "|".join(r.text("word").replace(" ", r"\s+") for r in _SINGLE_VICTIMS) + r")\b"
    # a noun single_victims.csv does not list is a victim only with the passive after it:
    # "a suspected drug trafficker was shot and killed", "a shopkeeper was beaten to death"
    rf"|(?P<u>[a-z][\w-]*)(?={_PASSIVE}))"
    rf"(?P<passive>{_PASSIVE_OR_DIED})?",
    re.I,
)
# "a baby girl was killed": the victim with its passive, read again where _SINGLE_VICTIM stopped
# at the first listed noun ("a baby") and found no verb or passive after it
_PASSIVE_VICTIM = re.compile(
    rf"(?P<n>{patterns_of(COUNT_WORDS, 'single_victim_article')})\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:(?P<g>" + "|".join(r.text("word").replace(" ", r"\s+") for r in _SINGLE_VICTIMS) + r")\b"
    rf"(?P<passive>{_PASSIVE_OR_DIED})|(?P<u>[a-z][\w-]*)(?P<upassive>{_PASSIVE}))",
    re.I,
)
# "The victim died", "the officer was later killed", "killing the driver", "killed him": a victim
# named before, dying after its noun or killed by the verb before it
_DEFINITE_NOUN = (rf"(?P<n>{patterns_of(COUNT_WORDS, 'definite_victim_article')})\s+(?:[\w-]+\s+){{0,2}}?"
                  r"(?P<g>" + "|".join(r.text("word").replace(" ", r"\s+") for r in _SINGLE_VICTIMS) + r")\b")
_DEFINITE_VICTIM = re.compile(
    rf"\b{_DEFINITE_NOUN}(?P<passive>{_PASSIVE_OR_DIED})"
    rf"|\b(?P<verb>{casualty_alternatives(CASUALTY_WORDS, 'victim_verb')})\s+"
    rf"(?:{_DEFINITE_NOUN.replace('?P<n>', '?P<n2>').replace('?P<g>', '?P<g2>')}"
    rf"|(?P<pronoun>{patterns_of(COUNT_WORDS, 'victim_pronoun')})\b)",
    re.I,
)
_SINGLE_VICTIM_L = Scanner(_SINGLE_VICTIM.pattern)  # the same for lower-cased text; its matches all start at a word
_DEFINITE_VICTIM_L = Scanner(_DEFINITE_VICTIM.pattern)  # the same for lower-cased text (each match starts at \b)
_SINGLE_GROUP = {r.text("word"): r.text("group") for r in _SINGLE_VICTIMS if r.text("group")}


def single_victims(text: str, low: str, exact: bool) -> list[list]:
    """'killed a 65-year-old man', 'a soldier was killed': one victim (``low`` is ``text.lower()``,
    read instead of ``text`` when ``exact``: lowercase.lower_is_exact)."""
    out = []
    pattern, subject = (_SINGLE_VICTIM_L, low) if exact else (_SINGLE_VICTIM, text)
    pos = 0
    while (m := next(iter(pattern.finditer(subject, pos)), None)) is not None:
        if not (m.group("verb") or m.group("passive")):
            passive = _PASSIVE_VICTIM.match(subject, m.start("n"))
            if passive is None:
                # "a strike killed a woman": the match that began at "a strike" hid the
                # victim; look again just after its article.
                pos = m.start("n") + 1
                continue
            m = passive
        g = " ".join(fold(m.group("g") or "").split())
        out.append([1, text[m.start() : m.end()], m.start("n"), m.end(), "killed", _SINGLE_GROUP.get(g, ""), "", False])
        pos = m.end()
    return out


_VICTIM_NOUN = "(?:" + "|".join(r.text("word").replace(" ", r"\s+") for r in _SINGLE_VICTIMS) + ")"
_ARTICLE = patterns_of(COUNT_WORDS, 'single_victim_article')
# "a man and a woman were shot dead", "a farmer and his brother have been killed": two victims
_PAIR = re.compile(
    rf"\b(?P<n>{_ARTICLE})\s+(?:[\w-]+\s+){{0,2}}?(?P<g>{_VICTIM_NOUN})\s+and\s+"
    rf"(?P<n2>{_ARTICLE}|{patterns_of(COUNT_WORDS, 'coordination_possessive')})\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?:(?P<g2>{_VICTIM_NOUN})|[a-z][\w-]*)\s+(?:{patterns_of(COUNT_WORDS, 'pair_auxiliary')})\s+(?:\w+\s+)?"
    rf"(?:{casualty_alternatives(CASUALTY_WORDS, 'victim_passive')})\b",
    re.I,
)


def victim_pairs(text: str) -> list[list]:
    """"a man and a woman were shot dead": two victims, one count of 2 (of their group when they
    share one: as two counts, "a man" and "an adolescent" would read as a toll of one of which a
    man is part)."""
    out = []
    for m in _PAIR.finditer(text):
        groups = {_SINGLE_GROUP.get(" ".join(fold(m.group(g) or "").split()), "") for g in ("g", "g2")}
        group = groups.pop() if len(groups) == 1 else ""
        out.append([2, text[m.start() : m.end()], m.start("n"), m.end(), "killed", group, "", False])
    return out


def definite_victims(text: str, low: str = "", exact: bool = False) -> list[list]:
    """"The victim died", "killing the driver", "killed him": one victim named before (a count
    of 1 the toll uses only when no other count gives it). ``low`` is ``text.lower()``, read
    instead of ``text`` when ``exact`` (lowercase.lower_is_exact), as single_victims does."""
    out = []
    pattern, subject = (_DEFINITE_VICTIM_L, low) if exact else (_DEFINITE_VICTIM, text)
    for m in pattern.finditer(subject):
        g = " ".join(fold(m.group("g") or m.group("g2") or "").split())
        out.append([1, text[m.start() : m.end()], m.start(), m.end(), "killed", _SINGLE_GROUP.get(g, ""), "", False])
    return out


def _single_victim_words() -> tuple[str, ...]:
    """A word every single-victim match holds (a match without a verb or passive is no victim):
    one word of each victim_verb / victim_passive / victim_died line of casualty_words.csv, lower-case. A
    phrase gives the word it shares with most lines, then its longest ("dead" for "shot dead" and
    "found dead": "found" and "shot" are common words), a pattern with syntax its literal stem;
    a longer word is left out when a shorter one is inside it."""
    patterns = [r.text("pattern") for r in CASUALTY_WORDS
                if {"victim_verb", "victim_passive", "victim_died"} & set(r.items("kinds"))]
    phrases = [p.split(r"\s+") if re.fullmatch(r"[a-z]+(?:\\s\+[a-z]+)*", p) else [literal_stem(p)] for p in patterns]
    shared = {w: sum(w in words for words in phrases) for words in phrases for w in words}
    stems = [max(words, key=lambda w: (shared[w], len(w))) for words in phrases]
    if not all(stems):
        raise LexiconError("casualty_words.csv: a victim_verb / victim_passive pattern must start with a word")
    minimal: list[str] = []
    for stem in sorted(set(stems), key=lambda w: (len(w), w)):
        if not any(shorter in stem for shorter in minimal):
            minimal.append(stem)
    return tuple(minimal)


SINGLE_VICTIM_WORDS = _single_victim_words()


def may_hold_single_victim(low: str, exact: bool) -> bool:
    """A cheap test before the single-victim regex: one of SINGLE_VICTIM_WORDS in the lower-cased
    text (always true when ``low`` is not exact: lowercase.lower_is_exact)."""
    if not exact:
        return True
    for word in SINGLE_VICTIM_WORDS:
        if word in low:
            return True
    return False
