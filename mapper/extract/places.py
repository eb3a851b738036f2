"""Place mentions (geoparsing) with rules an analyst would apply to any article.

A capitalised token sequence becomes a place mention when
1. it is not a weekday, month, demonym/nationality, religion/sect, organisation
   (contains Ministry, Observatory, Press, ...) or person (title before it, a role
   noun before it, ", a 57-year-old ..." / ", who ..." after it, a speech verb after
   it, or a word of a person's full name seen earlier), and
2. either the lexicon knows it as a country, first-level region or a populated place of
   at least ``MIN_POPULATION`` people (and it is not a common English word), or the
   text marks it as a place: "the village/town/city of X", "residents of X",
   "X, a village in ...", "the X airbase", "X province", "in/near/outside X"
   (strong cues, enough on their own) or "at/from/to/into X" (weak cues, which also
   need a lexicon hit of any size).
Once a name is accepted, its other mentions in the same article are places too.
Common English words and very common given names that GeoNames also lists as towns
("Police", "Mobile", "Hassan", "Ali"), organisation acronyms ("UN") and religious words
("Allah", "Ramadan") are never places on a lexicon hit alone.
"Democratic Republic of Congo": runs joined by "of" when the lexicon knows the whole.
A country or city used as a speaker, agent or institution ("France expressed",
"Russia kills", "France's foreign ministry", "the government in Damascus") gets role
"actor"; after a preposition it stays a location ("a strike on Dnipro killed").
A place inside an organisation's or facility's name ("Texas Forest Service", "Vancouver
International Airport", "Forces for the Liberation of Rwanda") or a person's title ("Toronto
Mayor John Tory") gets role "embedded" (embedded.py); the organisation itself is no place.
Short forms ("U.S.", "UAE", "Calif." after "Sacramento, ") are found as written (short_forms.py);
"Licking County", "Perry and Breathitt counties" are units with their feature; a word of two to
four capitals inside a sentence ("OK", "FAO") is no place on a lexicon hit alone.
The capitalised runs themselves, and what is trimmed off them, are in name_runs.py.
A dateline ("KHARTOUM, April 13 (Reuters) -") gives a mention with cue "dateline" (where the
story was filed; incidents never use it); the agency in brackets is not a place.
Region phrases ("central Syria", "Syria's coast", "the coastal region") are
mentions with feature "region" and cue "region phrase".
Feature is the cue noun ("village", "town", "city", "camp", "base", "district", ...),
"country" for a lexicon country; region is the area an apposition gives
("Tuwaym, a village in central Syria" -> "central Syria").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from mapper.extract.embedded import EMBEDDED, ORGANISATION_HEADS, TITLE_HEADS, embedded_place
from mapper.extract.model import PlaceMention, Sentence
from mapper.extract.people import NameContext, People, title_inside
from mapper.extract.name_runs import given_names, joiner_between, runs_outside, sequences, trimmed_run, with_prefixes
from mapper.extract.place_checks import (
    MIN_POPULATION, NAME_CHECKS, NO_PLACE, PERSON, PERSON_AGAIN, Cue, cue_of, dateline_cue, names_a_currency, not_a_place_word,
    organisation_name, place_cue, role, tail_words,
)
from mapper.extract.place_words import ACTION_VERBS, ANY_PREP, ENGLISH_PARTICLES
from mapper.extract.regions import region_mentions
from mapper.extract.sentences import dateline_spans
from mapper.extract.short_forms import ShortForm, in_capitals, short_forms
from mapper.extract.unlisted import contained_unlisted
from mapper.extract.words import COMMON_WORD_PLACES, PERSONAL_NAMES, SPEECH_VERBS
from mapper.lexicon import KnownName

_NEXT_WORD = re.compile(r"^[ \t,]*([A-Za-z]+)")
_AZ_RUN = re.compile(r"[a-z]+")
_AFTER_POSSESSIVE = re.compile(r"[A-Z][\w-]*['’]s[ \t]+$")  # "Henry’s " right before a name


@dataclass
class PlaceScan:
    """Places plus what the place rules learnt about people (used by incident rules)."""

    places: tuple[PlaceMention, ...]
    person_tokens: frozenset[str] = frozenset()
    person_places: dict[str, str] = field(default_factory=dict)  # person token -> place name as written
    person_spans: tuple[tuple[int, int, str], ...] = ()


_NO_CUE = Cue()  # shared: the cue rules never change a Cue, they return a new one
_CHECKS = tuple((check, verdict) for _name, check, verdict in NAME_CHECKS)


class _Scanner:
    def __init__(self, text: str, sentences: tuple[Sentence, ...], lexicon, headings: frozenset[int]):
        self.text = text
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.lexicon = lexicon
        self.headings = headings
        self.cache: dict[str, KnownName | None] = {}
        self._written: dict[str, bool] = {}
        self.people = People()
        self.accepted: list[PlaceMention] = []
        self.datelines: tuple[tuple[int, int], ...] = ()
        self.pending: list[tuple[int, int, str, bool, int]] = []
        self.given_names: frozenset[str] = frozenset()  # "Mark" of "Mark Dvorak" (name_runs.given_names)

    def written_lower(self, low: str) -> bool:
        """Whether the article also writes ``low`` as an ordinary lower-case word: a run of at
        least two a-z letters equal to ``low``, not preceded by a word character, apostrophe or
        hyphen, and not followed by another a-z letter."""
        known = self._written.get(low)
        if known is not None:
            return known
        found = False
        if len(low) >= 2 and _AZ_RUN.fullmatch(low):
            text, n = self.text, len(low)
            i = text.find(low)
            while i >= 0:
                before = text[i - 1] if i else ""
                after = text[i + n] if i + n < len(text) else ""
                if (not before or not (before.isalnum() or before in "_’'-")) and not ("a" <= after <= "z"):
                    found = True
                    break
                i = text.find(low, i + 1)
        self._written[low] = found
        return found

    def lookup(self, name: str) -> KnownName | None:
        if name not in self.cache:
            self.cache[name] = self.lexicon.lookup(name)
        return self.cache[name]

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def strong_gazetteer(self, name: str, known: KnownName | None) -> bool:
        if known is None:
            return False
        low = name.lower()
        if low in COMMON_WORD_PLACES or low in PERSONAL_NAMES:
            return False
        if " " not in name and self.written_lower(low):
            return False  # also used as an ordinary lower-case word in this article
        if known.kind in ("country", "admin1"):
            return True
        return known.kind == "populated" and known.population >= MIN_POPULATION

    def _context(self, a: int, b: int, possessive: bool) -> tuple[NameContext, str, Cue] | None:
        """The name at [a, b) without leading function words, where it stands, the 60
        characters before it and the cue those give ("the village of X"); None for what is never a place ("Monday", "The", a heading-long run)."""
        text = self.text
        trimmed = trimmed_run(text, a, b)
        if trimmed is None:
            return None
        a, b, words = trimmed
        name = text[a:b]
        before = text[max(0, a - 60) : a]
        tail = tail_words(before)
        known = self.lookup(name)
        country_like = known is not None and known.kind in ("country", "admin1")
        feature_of, cue_words = cue_of(tail)
        c = NameContext(text, a, b, name, words, [w.lower() for w in words], tail, text[b : b + 120], possessive,
                        known, country_like, bool(feature_of))
        return c, before, Cue(feature_of, "", cue_words, True) if cue_words else _NO_CUE

    def _verdict(self, c: NameContext) -> str:
        """The first of NAME_CHECKS that holds ("person", "no place" or "person again"), or ""."""
        for check, verdict in _CHECKS:
            if check(c):
                return verdict
        if self.people.seen(c):
            return PERSON_AGAIN
        return ""

    def classify(self, a: int, b: int, possessive: bool) -> None:
        found = self._context(a, b, possessive)
        if found is None:
            return
        c, before, cue_before = found
        if self._countries_in_a_row(c):
            return
        verdict = self._verdict(c)
        inside = title_inside(c) if verdict == PERSON else 0
        if inside:  # "Toronto Mayor John Tory": the person is "Mayor John Tory", Toronto where he serves
            first = c.text.index(c.words[inside], c.start)
            self.people.mark(self.text, first, c.end, c.text[first : c.end])
            self._embedded(c, TITLE_HEADS)
            return
        if verdict == PERSON:
            self.people.mark(self.text, c.start, c.end, c.name)
            return
        if verdict == PERSON_AGAIN:
            self.people.spans.append((c.start, c.end, c.name))
        if verdict == NO_PLACE and organisation_name(c):
            self._embedded(c)
        if verdict:
            return
        cue = dateline_cue(c, place_cue(c, cue_before), self.datelines)
        if cue is None:
            return  # the agency of a dateline: "(Reuters)"
        sent = self.sentence_of(c.start)
        cue = self._accepted(c, cue, sent)
        if cue is None:
            return
        feature = cue.feature or ("country" if c.known is not None and c.known.kind == "country" else "")
        as_role = role(c, before, cue.cue, feature)
        self.accepted.append(PlaceMention(c.name, c.start, c.end, sent, feature, cue.region, as_role, cue.cue))

    def _countries_in_a_row(self, c: NameContext) -> bool:
        """"Cyprus, Greece Italy or Spain": an unknown run of two to four words that are each a
        country (a comma left out) is those countries, each a name of its own."""
        if c.known is not None or not 2 <= len(c.words) <= 4:
            return False
        if not all((k := self.lookup(w)) is not None and k.kind == "country" for w in c.words):
            return False
        pos = c.start
        for w in c.words:
            pos = self.text.index(w, pos)
            self.classify(pos, pos + len(w), False)
            pos += len(w)
        return True

    def _embedded(self, c: NameContext, heads: frozenset[str] = ORGANISATION_HEADS) -> None:
        """"Texas Forest Service", "Clarke County Board": the place an organisation's or facility's
        name starts with, as a mention with role "embedded" (cue "in a name"); none in a heading written
        in capitals ("LYON IN THE HOUSE") or after a possessive ("Henry’s Turkey Service")."""
        if c.name.isupper() or _AFTER_POSSESSIVE.search(self.text, max(0, c.start - 40), c.start):
            return  # "Henry’s Turkey Service": the name goes on from a person's or firm's possessive
        found = embedded_place(self.text, c.start, c.end, lambda name: self.strong_gazetteer(name, self.lookup(name)),
                               heads)
        if found is not None:
            a, b, feature = found
            known = self.lookup(self.text[a:b])
            feature = feature or ("country" if known is not None and known.kind == "country" else "")
            self.accepted.append(PlaceMention(self.text[a:b], a, b, self.sentence_of(a), feature, "", EMBEDDED, "in a name"))

    def _first_name(self, name: str) -> bool:
        """"Mark" after "Mark Dvorak": a given name the article wrote before a surname, unless the
        lexicon knows it as a country or first-level region ("Jordan Smith" leaves Jordan a country)."""
        known = self.lookup(name) if name in self.given_names else None
        return known is not None and known.kind == "populated"

    def _ordinary_word(self, c: NameContext, cue: Cue) -> bool:
        """"their trip to State", "the Section title": one word the article also writes in lower
        case ("the state final") after a bare preposition is that word capitalised, not a place;
        a feature cue ("the village of Hope") or a country or region name still counts."""
        return (len(c.words) == 1 and not cue.feature and not c.country_like and cue.cue in ANY_PREP
                and self.written_lower(c.name.lower()))

    def _acronym(self, c: NameContext) -> bool:
        """"OK", "FAO", "DOH": a word of two to four capitals in ordinary text is an abbreviation,
        never a place on a lexicon hit alone (place_short_forms.csv lists the ones that are places);
        in a heading in capitals or opening a line ("ROME — Talks ended") it is a name."""
        name, text = c.name, self.text
        if len(name) > 4 or not name.isupper() or " " in name:
            return False
        line_start = text.rfind("\n", 0, c.start) + 1
        return bool(text[line_start : c.start].strip()) and not in_capitals(text, c.start, c.end)

    def _accepted(self, c: NameContext, cue: Cue, sent: int) -> Cue | None:
        """The cue a name is accepted with, or None (kept pending for "same name" when not a heading).
        In a heading only the lexicon counts; elsewhere a strong lexicon hit, a strong cue, or a weak
        cue ("at", "from") with any lexicon hit."""
        heading = sent in self.headings
        gaz = self.strong_gazetteer(c.name, c.known) and not self._acronym(c) and not self._first_name(c.name)
        if heading:
            ok = gaz
        elif gaz:
            ok = True
            cue = Cue(cue.feature, cue.region, cue.cue or "gazetteer", cue.strong)
        elif self._ordinary_word(c, cue):
            ok = False
        else:
            ok = cue.strong or bool(cue.cue and c.known is not None and c.name.lower() not in COMMON_WORD_PLACES)
        if ok:
            return cue
        if not heading:
            self.pending.append((c.start, c.end, c.name, c.possessive, sent))
        return None

    def _region(self, name: str) -> bool:
        known = self.lookup(name)
        return known is not None and known.kind in ("country", "admin1")

    def add_short_form(self, short: ShortForm) -> None:
        """"U.S.", "Calif.": a place mention as written, with the form's feature; the role as for
        any name ("U.S. officials said" acts)."""
        found = self._context(short.start, short.end, False)
        if found is None:
            return
        c, before, _cue = found
        if self.people.seen(c) or names_a_currency(c):  # "the US dollar exchange rate"
            return
        sent = self.sentence_of(short.start)
        cue = "dateline" if any(da <= short.start < db for da, db in self.datelines) else "short form"
        feature = short.feature
        self.accepted.append(PlaceMention(short.form, short.start, short.end, sent, feature, "",
                                          role(c, before, cue, feature), cue))

    def finish(self, regions) -> PlaceScan:
        names = {p.name.casefold() for p in self.accepted}
        for a, b, name, possessive, sent in self.pending:
            if name.casefold() in names and name not in self.people.tokens and not self._first_name(name):
                role = "location"
                nxt = _NEXT_WORD.match(self.text[b : b + 30])
                if not possessive and nxt and (nxt.group(1).lower() in SPEECH_VERBS or nxt.group(1).lower() in ACTION_VERBS):
                    role = "actor"
                self.accepted.append(PlaceMention(name, a, b, sent, "", "", role, "same name"))
        # "in the area of Zorbukivka, Luhansk": a name no gazetteer lists, written inside a known place
        unlisted = [(a, b, name, sent) for a, b, name, possessive, sent in self.pending if not possessive]
        self.accepted.extend(contained_unlisted(self.text, unlisted, self.accepted, self.starts, self._region))
        region_spans = sorted((r.start, r.end) for r in regions)
        region_starts = [a for a, _ in region_spans]

        def in_region(p: PlaceMention) -> bool:
            k = bisect.bisect_right(region_starts, p.start) - 1
            return k >= 0 and region_spans[k][0] <= p.start and p.end <= region_spans[k][1]

        places = [p for p in self.accepted if not in_region(p)]
        places.extend(regions)
        places.sort(key=lambda p: (p.start, p.end))
        return PlaceScan(
            tuple(places), frozenset(self.people.tokens), dict(self.people.places), tuple(sorted(self.people.spans))
        )


_PARTICLES = tuple((p, f" {p} ") for p in sorted(ENGLISH_PARTICLES))  # in the order they are tried


def _split_at_english_particle(text: str, a: int, b: int, lookup) -> list[tuple[int, int]]:
    """"Paris as Real Madrid won": a run joined by a particle that is also an English word
    (place_cues.csv english_particle) is two runs, unless the gazetteer knows the whole or the
    particle is the Arabic article assimilated to the next word's first letter, as the article
    always is in "as", "at", "an" ("Ras as Sidr", "Tell at Tamr"); [] when the run stays whole."""
    run = text[a:b]
    if " " not in run:
        return []  # one word: no particle between two
    for particle, spaced in _PARTICLES:
        at = run.find(spaced)
        after = at + len(particle) + 2
        if at > 0 and run[after:after + 1].lower() != particle[-1] and lookup(run) is None:
            return [(a, a + at), (a + after, b)]
    return []


def scan_places(text: str, sentences: tuple[Sentence, ...], lexicon, headings: frozenset[int] = frozenset()) -> PlaceScan:
    scanner = _Scanner(text, sentences, lexicon, headings)
    scanner.datelines = dateline_spans(text, sentences)
    shorts = short_forms(text)
    runs = with_prefixes(text, runs_outside(list(sequences(text)), shorts))
    scanner.given_names = given_names(text, runs, lambda name: scanner.lookup(name) is not None)
    i = 0
    while i < len(runs):
        a, b, possessive = runs[i]
        # "Democratic Republic of Congo", "Gulf of Aden", "Trinidad and Tobago": join across "of" or
        # "and" when the lexicon knows the whole
        if not possessive and i + 1 < len(runs) and joiner_between(text, b, runs[i + 1][0]):
            whole = text[a : runs[i + 1][1]]
            if scanner.lookup(whole) is not None:
                runs[i + 1] = (a, runs[i + 1][1], runs[i + 1][2])
                i += 1
                continue
        parts = _split_at_english_particle(text, a, b, scanner.lookup)
        if parts:
            runs[i:i + 1] = [(pa, pb, possessive if pb == b else False) for pa, pb in parts]
            continue
        scanner.classify(a, b, possessive)
        i += 1
    for short in shorts:
        scanner.add_short_form(short)
    return scanner.finish(region_mentions(text, not_a_place_word, scanner.lookup, scanner.sentence_of))
