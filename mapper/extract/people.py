"""People among the capitalised names: the rules that say "this name is a person, not a place".

Place scanning (places.py) sees every capitalised run; before it looks for a place cue it
asks these checks, in order, whether the name is a person:
- ``titled``: a title opens the name ("President Kiir", "Gen. Burhan");
- ``abbreviated_title_before``: a title with its stop just before ("Mr. Rogers", "Sen. Hartley");
- ``title_word``: a title alone before a name is no place either ("Sens. Mitch McConnell");
- ``title_inside``: a title or role word inside an unknown name ("Toronto Mayor John Tory"): a person,
  whose leading words are an embedded place (places.py);
- ``after_role_noun``: a role noun just before it ("spokesman Ahmed Saleh", "commander Hemedti");
- ``described_as_person``: an age or "who" after it ("Musa Ali, 45, said", "Khalid, a 57-year-old
  farmer", "Omar (34)", "Hassan, who fled");
- ``described_by_role``: a role noun in an apposition after it ("Hartley, an attorney for the board");
- ``speaks_as_person``: a speech verb after a name that is no country, region or large city ("Logan said");
- ``in_person_pair``: a person relation before it ("loyal to Assad", "the son of Gaddafi",
  "led by Hemedti");
- ``has_followers``: followers after it ("Assad loyalists", "Hemedti forces");
- ``possessed_by_person``: a possessive with a person's noun ("Kiir's spokesman", "Assad's ousting");
- and a name (or single word) of a person seen earlier in the article is that person again
  ("President Salva Kiir ... Kiir said").
A country or first-level region is never a person on the first three pair/follower checks
("Sudan's army", "loyal to Russia" stay places). ``People`` collects what was learnt:
the words of each person's name, the place a person is "from" ("Musa Ali, a resident of
Tawila, said" -> Tawila) and the spans of person names, for the incident rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mapper.extract.place_words import (
    AGE_ARTICLES, AGE_BEFORE, AGE_UNITS, ANY_PREP, CAPWORD, FEATURE_WORDS, FOLLOWERS, ORIGIN_FEATURES, ORIGINS, PERSON_POSSESSED,
    PERSON_RELATIONS, PLACE_BEFORE_RELATION, RELATIVE_PRONOUNS, alternation, unit_of,
)
from mapper.extract.words import ACTOR_POSSESSED, PERSON_TITLES, ROLE_NOUNS, SPEECH_VERBS
from mapper.lexicon import KnownName

_AGE_UNIT = "|".join("[- ]".join(re.escape(w) for w in unit.split()) for unit in AGE_UNITS)  # "year[- ]old"
# ", a 57-year-old", ", 45,", ", aged 45,", " (34)", ", who", ", whose" right after the name (person_cues.csv)
_PERSON_AFTER = re.compile(
    rf"^,\s+(?:{alternation(AGE_ARTICLES)})?\s*(?:\d+|[a-z]+(?:-[a-z]+)?)[- ](?:{_AGE_UNIT})\b"
    rf"|^,\s+(?:\d+|(?:{alternation(AGE_BEFORE)})\s+\d+),|^\s*\(\d+\)|^,\s+(?:{alternation(RELATIVE_PRONOUNS)})\b"
)
# "..., a resident of Tawila", "..., a farmer from the village of Kutum" (person_cues.csv: origin, origin_feature)
_PERSON_PLACE = re.compile(
    rf"\b(?:{alternation(ORIGINS)})\s+(?:of\s+)?(?:the\s+)?(?:(?:{alternation(ORIGIN_FEATURES)})\s+of\s+)?({CAPWORD}(?:[ \t]{CAPWORD})*)"
)
# "Assad loyalists", "Hemedti forces" (person_cues.csv: follower)
_FOLLOWER_NOUNS = re.compile(rf"^[ \t]+(?:{alternation(FOLLOWERS)})\b")
_NEXT_WORD = re.compile(r"^[ \t,]*([A-Za-z]+)")
_PERSON_PAIRS = PERSON_RELATIONS  # ("loyal", "to"): person_cues.csv, relation
_POSSESSED_BY_PERSON = ACTOR_POSSESSED | PERSON_POSSESSED  # "Kiir's spokesman", "Assad's ousting"


@dataclass(slots=True)
class NameContext:
    """A capitalised name where it stands: what the person and place checks read.

    ``tail`` is the last words before the name, lower case, cut at punctuation
    ("the spokesman" -> ["the", "spokesman"]); ``after`` the 120 characters after it;
    ``country_like`` whether the lexicon knows it as a country or first-level region;
    ``place_cue`` whether the words before name a feature ("the village of X").
    """

    text: str
    start: int
    end: int
    name: str
    words: list[str]
    low_words: list[str]
    tail: list[str]
    after: str
    possessive: bool
    known: KnownName | None
    country_like: bool
    place_cue: bool


def titled(c: NameContext) -> bool:
    """"President Salva Kiir", "Gen. Burhan": a title opens a name of two words or more; not a unit's
    name ("Prince George's County")."""
    return c.low_words[0] in PERSON_TITLES and len(c.words) > 1 and not unit_of(c.low_words)


# "Mr. Rogers", "Gov. Beshear", "Det.-Sgt. Gibson": an abbreviated title and its stop right before
# the name (the stop ends the capitalised run, so the title is not part of the name)
_TITLE_STOP = re.compile(r"(?:^|[\s(\-‑])([A-Z][a-z]{0,5})\.[ \t]+$")


def stop_before(text: str, start: int) -> bool:
    """Whether a full stop and then spaces or tabs come right before ``start`` ("Mr. " before
    "Rogers"): the rules of a title or an initial before a name end so, and most names do not."""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return 0 < i < start and text[i - 1] == "."


def abbreviated_title_before(c: NameContext) -> bool:
    """"Mr. Rogers", "Sen. Hartley": a title of people_words.csv, abbreviated with a stop, just before."""
    if not stop_before(c.text, c.start):
        return False
    m = _TITLE_STOP.search(c.text, max(0, c.start - 12), c.start)
    return m is not None and m.group(1).lower() in PERSON_TITLES


# ", an attorney for", ", second secretary at", ", a salon owner in": up to two lower-case words, then a role
# noun that ends the noun phrase (a preposition or punctuation next: ", the general area of" is no person)
_ROLE_APPOSITION = re.compile(rf"^,[ \t]+(?:(?:a|an|the)[ \t]+)?(?:[a-z-]+[ \t]+){{0,2}}?(?:{alternation(sorted(ROLE_NOUNS))})"
                              r"(?=[ \t]+(?:for|at|of|with|in|from|on|and|who|said)\b|[,.;:])")
# a town that speaks is a person unless it is a city the size of a seat of government ("Moscow said",
# "Washington said"): "Logan said the blaze was set" names a person
SPEAKING_CITY_POPULATION = 500_000


def described_by_role(c: NameContext) -> bool:
    """"Hartley, an attorney for the board, said": a role noun in an apposition right after the name;
    not after a preposition ("In Kharkiv, a resident said" keeps Kharkiv) nor for a country or region."""
    if c.country_like or c.after[:1] != "," or (c.tail and c.tail[-1] in ANY_PREP):
        return False
    return _ROLE_APPOSITION.match(c.after) is not None


def speaks_as_person(c: NameContext) -> bool:
    """"Logan said", "Nelson told": a speech verb right after a name that is no country, region or
    large city, and not after a preposition."""
    if c.country_like or c.possessive or (c.tail and c.tail[-1] in ANY_PREP):
        return False
    if c.known is not None and c.known.population >= SPEAKING_CITY_POPULATION:
        return False
    nxt = _NEXT_WORD.match(c.after)
    return nxt is not None and c.after[:1] == " " and nxt.group(1) in SPEECH_VERBS


def title_inside(c: NameContext) -> int:
    """"Toronto Mayor John Tory", "Harlan County Clerk Ann Lee": the index of a title or role word
    after the first word of a name the lexicon does not know (0 when none); the words before it
    name where the person serves."""
    if c.known is not None:
        return 0
    return next((i for i, w in enumerate(c.low_words) if i and (w in PERSON_TITLES or w in ROLE_NOUNS)), 0)


_NAME_NEXT = re.compile(r"^\.?[-‑ \t]+[A-Z]")


def title_word(c: NameContext) -> bool:
    """"Sens. Mitch McConnell", "Det.-Sgt. Gibson": a title alone, before a capitalised name, is no place
    (GeoNames has a town called Sens)."""
    return len(c.words) == 1 and c.low_words[0] in PERSON_TITLES and _NAME_NEXT.match(c.after) is not None


def after_role_noun(c: NameContext) -> bool:
    """"spokesman Ahmed Saleh", "commander Hemedti": a role noun just before the name."""
    return not c.country_like and bool(c.tail) and c.tail[-1] in ROLE_NOUNS


def described_as_person(c: NameContext) -> bool:
    """"Musa Ali, 45, said", "Khalid, a 57-year-old farmer", "Omar (34)", "Hassan, who fled"."""
    return not c.country_like and c.after[:1] in ",( " and _PERSON_AFTER.match(c.after) is not None


def in_person_pair(c: NameContext) -> bool:
    """"loyal to Assad", "the son of Gaddafi", "led by Hemedti" (a leading "the" is skipped)."""
    if c.country_like:
        return False
    words = c.tail[:-1] if c.tail and c.tail[-1] == "the" else c.tail
    if tuple(words[-2:]) not in _PERSON_PAIRS:
        return False
    # "the Konkat military base close to Loka West": a place's nearness, not a person's circle
    before = words[-3] if len(words) >= 3 else ""
    return before not in PLACE_BEFORE_RELATION and before not in FEATURE_WORDS


def followers_after(after: str) -> bool:
    """"Assad loyalists", "Hemedti forces": a follower noun right after the name. Places also
    have "forces" and "camp" after them ("Zamzam camp"): the caller rules out feature nouns."""
    return after[:1] == " " and _FOLLOWER_NOUNS.match(after) is not None


def possessed_by_person(c: NameContext) -> bool:
    """"Kiir's spokesman", "Assad's ousting": an unknown name whose possession is a person's."""
    if c.country_like or not c.possessive or c.known is not None:
        return False
    nxt_after = _NEXT_WORD.match(c.text[c.end + 2 : c.end + 40])
    return nxt_after is not None and nxt_after.group(1).lower() in _POSSESSED_BY_PERSON


@dataclass
class People:
    """What the person checks learnt in one article."""

    tokens: set[str] = field(default_factory=set)  # words of person names, titles left out
    places: dict[str, str] = field(default_factory=dict)  # person token -> place name as written
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def seen(self, c: NameContext) -> bool:
        """"President Salva Kiir ... Kiir said": the name, or its single word, is a person seen
        earlier, and no feature cue ("the village of Kiir") says otherwise."""
        return (c.name in self.tokens or (len(c.words) == 1 and c.words[0] in self.tokens)) and not c.place_cue

    def mark(self, text: str, a: int, b: int, name: str) -> None:
        """Record the person ``text[a:b]``, and the place an apposition says they are from
        ("Musa Ali, a resident of Tawila, said" -> Musa, Ali: Tawila)."""
        words = [w for w in name.split() if w.lower() not in PERSON_TITLES]
        self.tokens.update(words)
        self.spans.append((a, b, name))
        after = text[b : b + 160]
        if after.startswith(","):
            clause = re.split(r"[.;]|,\s+(?!who\b)", after[1:], maxsplit=2)
            m = _PERSON_PLACE.search(" ".join(clause[:2]))
            if m:
                for w in words:
                    self.places[w] = m.group(1)
