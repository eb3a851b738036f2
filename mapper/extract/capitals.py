"""Capitals written as a phrase: "the Yemeni capital", "Yemen's capital", "the capital of Yemen".

A country's capital named by its country instead of its own name is a place mention (feature
"city", cue "capital phrase", ``capital_of`` the country's ISO code); the geocoder puts it at
that country's capital city (mapper.geocode.capitals). The phrase is found from its head word
(capital_words.csv ``head``: "capital city", "capital") and read over its sentence's tokens:

- "the <Demonym> capital": a country's nationality adjective (mapper/geocode/data/demonyms.csv,
  one or two words: "the South Sudanese capital"), or a country's name or short form the
  lexicon knows ("the U.S. capital");
- "<Country>'s capital": a country's name, possessive ("South Sudan's capital");
- "the capital of <Country>": a country's name after "of" ("the capital of the Central
  African Republic"), not a possessive one ("the capital of Yemen's Marib province").

"the" opens the first and last form (a heading may leave it out: "Blasts rock Yemeni capital"),
and no word stands between the country and the head: "the former Yemeni capital", "the
provincial capital", "Yemen's economic capital", "the state capital of Borno" name no capital
of a country and stay as before. A money noun right after the head ("Britain's capital gains",
capital_words.csv ``money_noun``) is no city.

A bare "the capital" in lower case, with no "of" or capitalised word after it ("clashes in the
capital on Monday"), is a mention too, with ``capital_of`` FOCUS: the capital of the country the
article is about, which only the geocoder knows.

In apposition to a place's own name ("the Yemeni capital, Sanaa", "the Syrian capital of
Damascus", "Sanaa, the Yemeni capital") the name is the mention and the phrase is dropped: one
place, one row. A place mention inside a kept phrase (Yemen in "Yemen's capital") gives way to it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from mapper.extract.model import PlaceMention
from mapper.extract.tokens import Doc
from mapper.extract.vocabulary import table
from mapper.geocode.focus import demonyms
from mapper.lexicon import KnownName

CUE = "capital phrase"
# ``capital_of`` of a bare "the capital": the capital of the article's focus country, which only the
# geocoder knows (mapper.geocode.capitals)
FOCUS = "focus"

_ROWS = table("capital_words.csv")
# the heads as token lists, longest first: "capital city" before "capital"
HEADS = tuple(sorted((tuple(r.text("word").split()) for r in _ROWS if "head" in r.items("kinds")), key=lambda h: -len(h)))
MONEY_NOUNS = frozenset(r.text("word") for r in _ROWS if "money_noun" in r.items("kinds"))
_HEAD_FIRST = re.compile("|".join(sorted({rf"\b{re.escape(h[0])}\b" for h in HEADS})), re.I)
_POSSESSIVE = ("'s", "’s")
_COUNTRY_WORDS = 6  # "the Democratic Republic of the Congo": the longest country name read
_NAME_JOINERS = ("of", "the", "and")  # lower-case words inside a country's name
# "the Yemeni capital, Sanaa", "the Syrian capital Damascus", "the Syrian capital of Damascus"
_NAME_AFTER = re.compile(r",[ \t]*|[ \t]+(?:of[ \t]+)?")
_NAME_BEFORE = re.compile(r",[ \t]*")  # "Sanaa, the Yemeni capital"

Lookup = Callable[[str], KnownName | None]


@dataclass(frozen=True)
class CapitalPhrase:
    start: int
    end: int
    sentence: int  # Sentence.index
    country: str  # ISO code: "YE"


class _Tokens:
    """One sentence's tokens as the phrase rules read them."""

    def __init__(self, text: str, starts: tuple[int, ...], ends: tuple[int, ...]):
        self.text, self.starts, self.ends = text, starts, ends
        self.lower = [text[a:b].lower() for a, b in zip(starts, ends, strict=True)]
        # "the Syrian capital's suburbs": a word without its possessive, and whether it had one
        self.possessive = [w.endswith(_POSSESSIVE) for w in self.lower]
        self.bare = [w[:-2] if has else w for w, has in zip(self.lower, self.possessive, strict=True)]

    def word(self, i: int) -> str:
        return self.text[self.starts[i] : self.ends[i]]

    def span(self, i: int, j: int) -> str:
        """The text from token i to token j - 1, as written."""
        return self.text[self.starts[i] : self.ends[j - 1]]

    def capitalised(self, i: int) -> bool:
        return 0 <= i < len(self.starts) and self.word(i)[:1].isupper()


def capital_phrases(doc: Doc, lookup: Lookup, headings: frozenset[int]) -> list[CapitalPhrase]:
    """Every capital-of-a-country phrase of the article, in text order (see the module doc)."""
    out: list[CapitalPhrase] = []
    seen: set[int] = set()
    for hit in _HEAD_FIRST.finditer(doc.text):
        position = doc.sentence_before(hit.start())
        if position in seen:
            continue  # each sentence read once, all its heads at a time
        seen.add(position)
        sentence = doc.sentences[position]
        tokens = _Tokens(doc.text, *doc.sentence_spans(position))
        for h in range(len(tokens.starts)):
            found = _phrase_at(tokens, h, lookup, sentence.index in headings)
            if found is not None:
                start, end, country = found
                out.append(CapitalPhrase(start, end, sentence.index, country))
    return out


def _head_at(tokens: _Tokens, h: int) -> int:
    """The number of tokens of the head starting at token h (0 when none does); its last word may
    be possessive ("the Syrian capital's suburbs")."""
    for head in HEADS:
        last = h + len(head) - 1
        if tuple(tokens.lower[h:last]) + (tokens.bare[last] if last < len(tokens.bare) else "",) == head:
            after = last + 1
            if not tokens.possessive[last] and after < len(tokens.lower) and tokens.lower[after] in MONEY_NOUNS:
                return 0  # "Britain's capital gains"
            return len(head)
    return 0


def _phrase_at(tokens: _Tokens, h: int, lookup: Lookup, heading: bool) -> tuple[int, int, str] | None:
    """(start, end, country code) of the phrase whose head starts at token h, or None."""
    n = _head_at(tokens, h)
    if not n:
        return None
    owner = tokens.possessive[h + n - 1]  # "the Syrian capital's suburbs": the phrase ends before "'s"
    head_end = tokens.ends[h + n - 1] - (2 if owner else 0)
    if h and tokens.word(h - 1).endswith(_POSSESSIVE):  # "Yemen's capital"
        found = _possessive_country(tokens, h - 1, lookup)
        return (tokens.starts[found[0]], head_end, found[1]) if found else None
    if h and tokens.lower[h - 1] == "the":  # "the capital of Yemen"
        country = None if owner else _country_after(tokens, h + n, lookup)
        if country:
            return tokens.starts[h - 1], country[0], country[1]
        return (tokens.starts[h - 1], head_end, FOCUS) if _bare_capital(tokens, h, n, owner) else None
    attributive = _country_before(tokens, h, lookup)  # "the Yemeni capital"
    if attributive is None:
        return None
    first, code = attributive
    if first and tokens.lower[first - 1] == "the":
        return tokens.starts[first - 1], head_end, code
    return (tokens.starts[first], head_end, code) if heading else None


def _bare_capital(tokens: _Tokens, h: int, n: int, owner: bool) -> bool:
    """"the capital" in lower case with no "of" after it ("clashes in the capital on Monday"): the
    capital of the country the article is about; "the capital of Inner Mongolia", "the Capital
    Region" name something else."""
    if not tokens.word(h).islower():
        return False
    after = h + n
    return owner or after >= len(tokens.lower) or (tokens.lower[after] != "of" and not tokens.capitalised(after))


def _country(name: str, lookup: Lookup) -> str:
    known = lookup(name)
    return known.country_code if known is not None and known.kind == "country" else ""


def _possessive_country(tokens: _Tokens, last: int, lookup: Lookup) -> tuple[int, str] | None:
    """"South Sudan's": (the first token of the country's name, its code), longest name first."""
    stem_end = tokens.ends[last] - 2
    for first in range(max(0, last - _COUNTRY_WORDS + 1), last + 1):
        if all(tokens.capitalised(i) for i in range(first, last + 1)):
            code = _country(tokens.text[tokens.starts[first] : stem_end], lookup)
            if code:
                return first, code
    return None


def _country_before(tokens: _Tokens, h: int, lookup: Lookup) -> tuple[int, str] | None:
    """"the South Sudanese capital", "the U.S. capital": (the adjective's first token, the code)."""
    table = demonyms()
    for first in range(max(0, h - _COUNTRY_WORDS), h):
        if not all(tokens.capitalised(i) for i in range(first, h)):
            continue
        written = tokens.span(first, h)
        code = table.get(written.lower(), "") or _country(written, lookup)
        if code:
            return first, code
    return None


def _country_after(tokens: _Tokens, i: int, lookup: Lookup) -> tuple[int, str] | None:
    """"of (the) Yemen" from token i: (the end of the country's name, its code), longest first."""
    if i >= len(tokens.lower) or tokens.lower[i] != "of":
        return None
    first = i + 1
    if first < len(tokens.lower) and tokens.lower[first] == "the":
        first += 1
    if not tokens.capitalised(first):
        return None
    last = first
    while last + 1 < min(len(tokens.lower), first + _COUNTRY_WORDS) and (
            tokens.capitalised(last + 1) or tokens.lower[last + 1] in _NAME_JOINERS):
        last += 1
    for end in range(last + 1, first, -1):
        if tokens.word(end - 1).endswith(_POSSESSIVE) or not tokens.capitalised(end - 1):
            continue  # "the capital of Yemen's Marib province": Marib's capital
        code = _country(tokens.span(first, end), lookup)
        if code:
            return tokens.ends[end - 1], code
    return None


def with_capitals(text: str, places: tuple[PlaceMention, ...], phrases: list[CapitalPhrase]) -> tuple[PlaceMention, ...]:
    """``places`` with a mention for each capital phrase not in apposition to a place's name,
    and without the mentions inside those phrases (see the module doc)."""
    if not phrases:
        return places
    starts = {p.start: p for p in places}
    ends = {p.end: p for p in places}
    kept = [c for c in phrases if not _in_apposition(text, c, starts, ends)]
    if not kept:
        return places
    spans = [(c.start, c.end) for c in kept]
    out = [p for p in places if not _inside(p, spans)]
    out.extend(PlaceMention(text[c.start : c.end], c.start, c.end, c.sentence, "city", "", "location", CUE,
                            capital_of=c.country) for c in kept)
    out.sort(key=lambda p: (p.start, p.end))
    return tuple(out)


def _in_apposition(text: str, c: CapitalPhrase, starts: dict[int, PlaceMention], ends: dict[int, PlaceMention]) -> bool:
    """"the Yemeni capital, Sanaa", "Sanaa, the Yemeni capital": a place's name right after the
    phrase (a comma, a space or "of" between) or right before it (a comma between)."""
    after = _NAME_AFTER.match(text, c.end)
    if after and _a_name(starts.get(after.end()), c):
        return True
    gap = text.rfind(",", max(0, c.start - 3), c.start)
    return gap >= 0 and bool(_NAME_BEFORE.fullmatch(text, gap, c.start)) and _a_name(ends.get(gap), c)


def _a_name(p: PlaceMention | None, c: CapitalPhrase) -> bool:
    """A place's own name in the phrase's sentence: not a country's ("In Syria, the Syrian capital
    was calm") nor a region phrase."""
    return p is not None and p.sentence == c.sentence and p.feature != "country" and p.cue != "region phrase"


def _inside(p: PlaceMention, spans: list[tuple[int, int]]) -> bool:
    k = bisect.bisect_right(spans, (p.start, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= p.start and p.end <= spans[k][1]
