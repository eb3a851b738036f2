"""The regexes of actors.py, built from lexicon rows (actor_words.csv, armed_groups.csv,
number_words.csv, demonyms.csv): the words are data, the phrase grammar is here.

``ActorRules.of(...)`` builds every regex from rows, so a test can build them from a
changed copy of the data; actors.py uses the package vocabulary's ``RULES``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mapper.errors import LexiconError
from mapper.extract.vocabulary import Row, kind_patterns, kind_words, table

_CAPITAL_WORD = r"[A-Z][\w’'-]*"  # grammar: any capitalised word is a modifier, a tail word or a tail head
_PLAIN = re.compile(r"[a-z]+")


def _alternation(rows: list[Row], kind: str) -> str:
    found = kind_patterns(rows, kind)
    if not found:
        raise LexiconError(f"actor_words.csv: no row of kind {kind!r}")
    return "|".join(found)


def last_words(pattern: str) -> tuple[str, ...] | None:
    """The words a match of ``pattern`` can end with, when the pattern's last word is plain
    ("air\\s*strikes?" -> ("strike", "strikes")); None when it cannot tell."""
    last = re.split(r"\\s[*+]", pattern)[-1]
    forms = (last[:-2], last[:-2] + "s") if last.endswith("s?") else (last,)
    return forms if all(_PLAIN.fullmatch(f) for f in forms) else None


def named_group_pattern(groups: Iterable[Row], kinds: tuple[str, ...] = ("state", "non_state")) -> str:
    """armed_groups.csv as one regex: every name and alias (of the groups of ``kinds``) as
    written ("RSF", "Boko Haram", "al-Shabaab"), spaces matching any whitespace, longest first
    (so that a longer name wins where a shorter one also ends at a word end), not inside a
    longer word."""
    forms: list[str] = []
    for row in groups:
        if row.text("kind") in kinds:
            forms.extend((row.text("name"), *row.items("aliases")))
    forms.sort(key=len, reverse=True)
    alternatives = [r"\s+".join(re.escape(part) for part in form.split()) for form in forms]
    return r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])"


def first_letter_first(pattern: str) -> re.Pattern:
    """``(?<![\\w-])(?:A|B|...)(?![\\w-])`` rewritten so each branch starts with its first letter,
    then checks what precedes it: the same matches, but the engine can skip every position
    whose character starts no branch instead of trying the lookbehind everywhere."""
    head, tail = r"(?<![\w-])(?:", r")(?![\w-])"
    assert pattern.startswith(head) and pattern.endswith(tail)
    by_first: dict[str, list[str]] = {}
    for alternative in pattern[len(head) : -len(tail)].split("|"):  # order kept within a first letter
        by_first.setdefault(alternative[0], []).append(alternative[1:])
    branches = [re.escape(c) + r"(?<![\w-].)(?:" + "|".join(rest) + ")" for c, rest in by_first.items()]
    return re.compile("(?:" + "|".join(branches) + tail)  # tail closes the group


def _actor_re(words: list[Row]) -> re.Pattern:
    """The actor phrase: up to four modifiers, a noun (any case), not an informant or a
    building after it, and an optional allegiance tail."""
    mod = rf"(?:(?:{_CAPITAL_WORD}|{_alternation(words, 'modifier')})\s+){{0,4}}"
    tail = (rf"(?:\s+(?:{_alternation(words, 'tail_link')})\s+(?:the\s+)?"
            rf"(?:(?:{_alternation(words, 'tail_modifier')}|{_CAPITAL_WORD})\s+){{0,3}}"
            rf"(?:{_CAPITAL_WORD}|{_alternation(words, 'tail_head')}))?")
    return re.compile(rf"(?<![\w-]){mod}(?i:{_alternation(words, 'noun')})\b"
                      rf"(?!\s+(?:{_alternation(words, 'not_after')})\b){tail}")


@dataclass(frozen=True)
class ActorRules:
    noun: str  # the nouns as one alternation (for the noun scan)
    actor: re.Pattern  # an actor phrase
    leading: re.Pattern  # "The", "Many", ... at a phrase's start
    article_before: re.Pattern  # "the ", "a new " right before a phrase
    needs_article: frozenset[str]
    victim_count: re.Pattern  # a count ending right before a phrase
    count_words: tuple[str, ...]  # its words: the count ends one of the last two words
    named_groups: re.Pattern  # every named group (an actor phrase by itself)
    non_state: re.Pattern  # searched in actor1: a non-state actor
    state: re.Pattern  # searched in actor2 of a protest: a state force
    crowd: re.Pattern  # searched in a phrase: the crowd of a protest
    crowd_of: re.Pattern  # "Hundreds of farmers": group 1 is the crowd
    agent_verb: re.Pattern
    strike_demonym: re.Pattern  # "Russian drone strike" at the end: group 1 is the demonym
    strike_endings: tuple[str, ...] | None  # the words such a text ends with (None: unknown)

    @classmethod
    def of(cls, actor_words: Iterable[Row], groups: Iterable[Row], number_words: Iterable[Row]) -> ActorRules:
        words = list(actor_words)
        groups = list(groups)
        counts = [r.text("word") for r in number_words if r.integer("value") <= 12] + list(
            kind_words(words, "victim_count"))
        endings: list[str] = []
        for pattern in kind_patterns(words, "strike_noun"):
            forms = last_words(pattern)
            if forms is None:
                endings = []
                break
            endings.extend(f for f in forms if f not in endings)
        article = "|".join(kind_words(words, "article"))
        article_modifier = "".join(rf"{w}\s+|" for w in kind_words(words, "article_modifier"))[:-1]
        return cls(
            noun=_alternation(words, "noun"),
            actor=_actor_re(words),
            leading=re.compile(r"^(?:" + "|".join(w.capitalize() for w in kind_words(words, "leading")) + r")\s+"),
            article_before=re.compile(rf"\b(?:{article})\s+(?:{article_modifier})?$"),
            needs_article=frozenset(kind_words(words, "needs_article")),
            # \b: "often" and "someone" end in number words but count nothing
            victim_count=re.compile(r"\b(?:\d+(?:,\d{3})*|" + "|".join(counts) + r")\s+(?:[\w-]+\s+)?$", re.I),
            count_words=tuple(counts),
            named_groups=re.compile(named_group_pattern(groups)),
            non_state=re.compile(rf"(?i:{_alternation(words, 'non_state')})|" + named_group_pattern(groups, ("non_state",))),
            state=re.compile(rf"(?i){_alternation(words, 'state')}"),
            crowd=re.compile(rf"(?i:{_alternation(words, 'crowd')})"),
            crowd_of=re.compile(rf"(?i:{_alternation(words, 'crowd_quantity')})\s+of\s+"
                                rf"((?:[\w-]+\s+)?(?:{_alternation(words, 'crowd_member')}))\b"),
            agent_verb=re.compile(rf"\b(?:{_alternation(words, 'agent_verb')})\b"),
            strike_demonym=re.compile(rf"\b([A-Z][a-z]+)\s+(?:(?:{_alternation(words, 'strike_weapon')})\s+)?"
                                      rf"(?:{_alternation(words, 'strike_noun')})$"),
            strike_endings=tuple(endings) or None,
        )


RULES = ActorRules.of(table("actor_words.csv"), table("armed_groups.csv"), table("number_words.csv"))
