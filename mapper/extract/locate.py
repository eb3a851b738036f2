"""Locate: where an incident happened, as an ordered list of named strategies.

``locate`` tries ``LOCATION_STRATEGIES`` in order; the first that names a place wins
(each is a small function of a ``Case`` and can be tested alone):

1. displacement_end: for a displacement, the destination ("fled to Tawila"), else the
   origin ("fled from Zamzam", "fled Zamzam");
2. area_wide: "strikes across the Gaza Strip killed 44": an area-wide toll is located at
   that area;
3. place_in_clause: the most specific place (village/town/camp before district/region
   before country) of the incident's sentences nearest the trigger; in the trigger's own
   clause when the sentence has several ("..., and that the capital, Bahir Dar, was under
   curfew" is not where the killing was); a place after "near" that only situates the one
   before it is skipped ("the camp near El Fasher", "Kelva region, 100 km north of Doro"), and so is a place written as another's
   container ("in Kuta, Kestria", "Kuta district (Varda)": Kestria, Varda); an overall toll is not pinned on a
   place it only includes ("745 killed in the violence, including 20 in Baniyas": noted
   part_of_toll=Baniyas); region phrases only when nothing else;
4. paragraph_place: the most specific recent place of the paragraph, never a place written
   as another's container ("Police raided a house in Kuta, Kestria. A man was arrested.": Kuta);
5. witness_place: the place of the witness speaking ("Ali Sheha, a resident of Baniyas"
   ... "He added");
6. named_feature: "the camp", "the village": the last place the article called so;
7. previous_paragraph_place: wire copy's one-sentence paragraphs continue the previous
   paragraph's place;
8. article_region_place: the article's main region phrase.

Never a person, a dateline or a place used as an actor (see article_index). Strategies
from 4 on are noted "location=from <how>". ``scope_of``: "aggregate" when the location
is a region phrase, an "across X" area or the article region, or a whole country for a
violent event; else "local".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from mapper.extract.article_index import ArticleIndex
from mapper.extract.context import THE_FEATURE, article_region, is_part, paragraph_firsts, recent_paragraph_places, \
    speaker_place, specificity
from mapper.extract.drafts import CLAUSE_NEXT, Draft
from mapper.extract.casualty_words import RIGHT
from mapper.extract.incident_words import AGGREGATE_CUE, alternation, phrases
from mapper.extract.lexicon_events import VAC
from mapper.extract.lowercase import last_words, may_hold
from mapper.extract.model import Note, PlaceMention
from mapper.extract.place_words import COMPASS, COMPASS_UNHYPHENATED
from mapper.extract.vocabulary import table

# the word slots are rows of lexicon/incident_words.csv (see incident_words); the grammar is here
_LOC_CLAUSE = re.compile(
    rf";\s+|,\s+(?:{alternation('clause_conjunction')}|{alternation('location_clause_conjunction')})\s+"
    rf"|,?\s+{alternation('location_clause_opener')}\s+|,\s+and\s+{CLAUSE_NEXT}"
)
_RELATIVE = re.compile(r"\bwho\b", re.I)
_DEST = re.compile(
    rf"^\s*(?:[\w-]+\s+){{0,3}}?{alternation('destination_preposition')}\s+"
    rf"(?P<np>(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}?[\w’'-]+?)(?=\s+{alternation('destination_end')}\b|[,.;”\"]|$)",
    re.I,
)
_ORIGIN = re.compile(rf"\b{alternation('origin_preposition')}\s+(?:the\s+)?$")
_ORIGIN_GAP = re.compile(r"\s+(?:the\s+)?")  # "fled Zamzam", "fled the camp"
_DEST_BEFORE = re.compile(rf"\b{alternation('destination_preposition')}\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}$", re.I)
_INCLUDING_BEFORE = re.compile(
    rf"\b{alternation('including')}\s+[^.;,]*\d[^.;,]*\b{alternation('including_place')}\s+(?:the\s+)?$"
)
_DIGIT = re.compile(r"\d")
_INCLUDING_REACH = 300  # a bounded look back keeps this linear when one sentence holds thousands of places
_AGGREGATE_CUE = AGGREGATE_CUE
# "300,000 people were killed in the war in Darfur": a war's toll is overall, whatever place it names
_WAR_TOLL = re.compile(rf"\bin\s+the\s+(?:\w+\s+)?{alternation('war_in_the')}\b", re.I)
_WAR_WORDS = tuple(p.split()[0] for p in phrases("war_in_the"))  # one of them is in every match
# "in five days of protests that have left five dead", "during the last 24 hours": a toll over a span is overall
_SPAN_NUMBER = "|".join(r.text("word") for r in table("number_words.csv"))
_SPAN_TOLL = re.compile(rf"\b(?:in|over|after|during)\s+(?:the\s+(?:past|last)\s+)?(?:\d+|{_SPAN_NUMBER})\s+"
                        rf"{alternation('span_unit')}\s+of\b"
                        rf"|\b(?:in|over|during|within)\s+the\s+(?:past|last)\s+(?:\d+|{_SPAN_NUMBER})\s+"
                        rf"{alternation('span_unit')}\b", re.I)
_SPAN_UNITS = tuple(p.split()[0] for p in phrases("span_unit"))  # one of them is in every match
# "more than 1.5 million people have been displaced in Ituri since 2017", "attacks have killed 3,000
# since March 2022": a perfect-tense figure counted from a past year is a running total
_SINCE_A_YEAR = re.compile(r"\bha(?:ve|s)\b[^.;]*?(?P<since>\bsince)\s+(?:(?:early|late|mid-?)\s*)?"
                           r"(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b")
_SUPERLATIVE = re.compile(rf"\b{alternation('superlative')}\b", re.I)
# "confirming the incident to reporters in Goma": where the statement was made
_AUDIENCE_BEFORE = re.compile(rf"\b{alternation('audience')}\s+in\s+(?:the\s+)?$", re.I)
# "the wounded were rushed to a hospital in Goma", "before being transported to Goma"
_CARRIED_TO_BEFORE = re.compile(rf"\b{alternation('carried_to')}\s+to\s+(?:[\w’'-]+\s+){{0,2}}?(?:in\s+)?$", re.I)
_VIOLENT = ("Battles", "Explosions/Remote violence", VAC, "Riots")
_FEATURE_REACH = 200  # "the camp": how many places back the article's last camp is looked for
_BODY_REACH = 40  # body_place: how many places after the quote are looked at
# the cues of a place that situates the one before it: "near", and the compass words of
# directions.csv ("Kelva region, 100 km north of Doro": Doro)
_SITUATING_CUES = frozenset(("near", "outside", "around", *(f"{w} of" for w in (*COMPASS, *COMPASS_UNHYPHENATED))))


@dataclass(frozen=True)
class LocateTables:
    """What the strategies look up per incident, computed once per article, so that no
    incident walks back to its paragraph's start or scans every place (quadratic when a
    whole article is one paragraph: a 5 MiB article on a single line)."""

    firsts: list[int]  # sentence index -> the first sentence of its paragraph
    paragraph_places: list[PlaceMention | None]  # see context.recent_paragraph_places
    first_location: dict[str, PlaceMention]  # name as written -> its first location mention
    region: PlaceMention | None  # the article's main region phrase

    @classmethod
    def of(cls, index: ArticleIndex) -> LocateTables:
        first_location: dict[str, PlaceMention] = {}
        for p in index.locations:
            first_location.setdefault(p.name, p)
        return cls(paragraph_firsts(index.sentences),
                   recent_paragraph_places(index.locations, index.sentences, index.appositive_regions,
                                           index.containers),
                   first_location, article_region(index.scan.places))


class ClausePlaces(NamedTuple):
    """The places of the incident's own sentences (its clause when it has one)."""

    places: list[PlaceMention]  # all of them, in text order
    local: list[PlaceMention]  # not region phrases, not an apposition's region
    regional: list[PlaceMention]  # region phrases ("in northern Syria"), not an apposition's region


class Ends(NamedTuple):
    """A displacement's ends as written ("fled from Zamzam to Tawila"), and the place mention
    that locates it (the destination's, else the origin's)."""

    origin: str = ""
    destination: str = ""
    place: PlaceMention | None = None


@dataclass(frozen=True)
class Case:
    """One draft to locate, with what the strategies read."""

    index: ArticleIndex
    tables: LocateTables
    draft: Draft
    clause: ClausePlaces
    ends: Ends

    @property
    def q_start(self) -> int:
        return self.index.sentences[self.draft.first].start

    @property
    def q_end(self) -> int:
        return self.index.sentences[self.draft.last].end


class Choice(NamedTuple):
    """A strategy's answer: the place (None: look further), how it was found for the notes
    ("" for the incident's own sentences), and notes it makes even when it finds nothing."""

    place: PlaceMention | None
    how: str = ""
    notes: tuple[str, ...] = ()


Strategy = Callable[[Case], Choice | None]


def make_case(index: ArticleIndex, tables: LocateTables, d: Draft) -> Case:
    clause = clause_places(index, d)
    ends = displacement_ends(index, d, clause.places) if d.family == "displacement" else Ends()
    return Case(index, tables, d, clause, ends)


def clause_places(index: ArticleIndex, d: Draft) -> ClausePlaces:
    in_span = [p for i in range(d.first, d.last + 1) for p in index.by_sentence.get(i, [])]
    if d.segment is not None:
        in_span = [p for p in in_span if d.segment[0] <= p.start < d.segment[1]]
    elif d.first == d.last and in_span:
        # "five civilians were killed ..., and that the capital, Bahir Dar, was under curfew":
        # a place in another clause of the sentence is not this incident's place
        s = index.sentences[d.first]
        opened = list(_LOC_CLAUSE.finditer(index.text, s.start, s.end))
        cuts = [s.start] + [m.end() for m in opened] + [s.end]
        if len(cuts) > 2:
            k = bisect.bisect_right(cuts, d.trigger.start) - 1
            a, b = cuts[max(k, 0)], cuts[min(k + 1, len(cuts) - 1)]
            own = [p for p in in_span if a <= p.start < b]
            if not own and 0 <= k < len(opened) and _RELATIVE.search(opened[k].group()):
                # "a guard fatally shot a man who was not wearing a mask in Kimberley": the relative
                # clause about the victim is the only one that says where it happened
                c = cuts[min(k + 2, len(cuts) - 1)]
                own = [p for p in in_span if b <= p.start < c]
            in_span = own
    regions = index.appositive_regions  # (most articles have none: then every place is the clause's own)
    own = [p for p in in_span if (p.sentence, p.name) not in regions] if regions else in_span
    return ClausePlaces(in_span, [p for p in own if p.cue != "region phrase"],
                        [p for p in own if p.cue == "region phrase"])


def displacement_ends(index: ArticleIndex, d: Draft, places: list[PlaceMention]) -> Ends:
    text, t = index.text, d.trigger
    q_end = index.sentences[d.last].end
    origin = destination = ""
    place: PlaceMention | None = None
    for p in places:
        if p.start >= t.end and p.start - t.end < 60 and _DEST_BEFORE.search(text[t.end : p.start]):
            destination, place = p.name, p  # "fled to Tawila"
            break
    for p in places:
        gap = text[t.end : p.start] if p.start >= t.end else "x"
        if _origin_before(index, p) or _ORIGIN_GAP.fullmatch(gap):
            origin = p.name  # "fled from Tawila", "fled Zamzam"
            place = place or p
            break
    if not destination:
        m = _DEST.match(text[t.end : q_end])  # "fled to the hills": written, not a known place
        if m:
            destination = m.group("np")
    return Ends(origin, destination, place)


def _origin_before(index: ArticleIndex, p: PlaceMention) -> bool:
    """"from Zamzam", "from the camp": the two words of its sentence before the place."""
    text = index.text
    if p.start == 0 or not text[p.start - 1].isspace():
        return False
    return _ORIGIN.search(" ".join(index.doc.words_before(p.start, 2, p.sentence)) + " ") is not None


# -- the strategies, in the order they are tried


def displacement_end(case: Case) -> Choice | None:
    return Choice(case.ends.place) if case.ends.place is not None else None


def area_wide(case: Case) -> Choice | None:
    """"strikes across the Gaza Strip killed 44": an area-wide toll, located at that area."""
    if case.draft.family != "violence":
        return None
    home = case.index.sentence_of(case.draft.trigger.start)
    across = [p for p in case.clause.places if p.cue in ("across", "throughout") and p.sentence == home]
    return Choice(across[0]) if across else None


def place_in_clause(case: Case) -> Choice | None:
    """The most specific place of the incident's sentences, then the nearest the trigger."""
    d, local = case.draft, case.clause.local
    reference = situating(local)  # "the Zamzam camp near El Fasher": El Fasher only situates Zamzam
    part = toll_parts(case) if d.family == "violence" else []
    part_ids = {id(p) for p in part}
    notes = tuple(f"part_of_toll={p.name}" for p in part)
    local = [p for p in local if not _statement_place(case, p)]
    pool = [p for p in local if id(p) not in reference and id(p) not in part_ids] or case.clause.regional
    # "in Kuta, Kestria": Kestria only says where Kuta is, however the gazetteer types them
    pool = [p for p in pool if p.start not in case.index.containers] or pool
    if not pool:
        return Choice(None, "", notes)
    first = min(x.start for x in d.triggers) if d.triggers else d.trigger.start
    anchor = d.trigger.start if case.index.sentence_of(d.trigger.start) == d.first else first
    # the most specific place (village before region before country), then the nearest
    return Choice(min(pool, key=lambda p: (specificity(p), abs(p.start - anchor))), "", notes)


def _statement_place(case: Case, p: PlaceMention) -> bool:
    """"Confirming the incident to reporters in Goma, the police said ...": Goma is where it was said;
    "the wounded were rushed to a hospital in Goma": where they were taken after it."""
    text = case.index.text
    a = max(0, p.start - 40)
    # both rules end at the place: "in" ends the first (before an optional "the"), "to" is one of
    # the second's last four words; a place with neither is searched no further (most places)
    words = last_words(text, a, p.start, 4)
    if "to" not in words and words[-1:] != ["in"] and words[-2:] != ["in", "the"]:
        return False
    before = text[a : p.start]
    return _AUDIENCE_BEFORE.search(before) is not None or _CARRIED_TO_BEFORE.search(before) is not None


def paragraph_place(case: Case) -> Choice | None:
    """The most specific recent place of the paragraph (places before the quote)."""
    index = case.index
    k = bisect.bisect_left(index.loc_starts, case.q_start)
    if not k or index.sentences[index.locations[k - 1].sentence].paragraph != case.draft.paragraph:
        return None
    place = case.tables.paragraph_places[k]
    return Choice(place, "paragraph") if place is not None else None


def witness_place(case: Case) -> Choice | None:
    """"Ali Sheha, a resident of Baniyas" ... "He added": the place of the witness speaking."""
    name = speaker_place(case.index.sentences, case.draft, case.index.scan)
    match = case.tables.first_location.get(name) if name else None
    return Choice(match, "witness") if match is not None else None


def named_feature(case: Case) -> Choice | None:
    """"the camp", "the village": the last place the article called so."""
    index = case.index
    m = THE_FEATURE.search(index.text, case.q_start, case.q_end)
    if not m:
        return None
    word = m.group(1).lower()
    k = bisect.bisect_left(index.loc_starts, case.q_start)
    for j in range(k - 1, max(-1, k - _FEATURE_REACH), -1):
        if index.locations[j].feature == word:
            return Choice(index.locations[j], f"the {word}")
    return None


def previous_paragraph_place(case: Case) -> Choice | None:
    """Wire copy: one-sentence paragraphs continue the previous paragraph's place: the
    latest place from the previous paragraph's start up to the quote (not a region)."""
    index, firsts = case.index, case.tables.firsts
    para_first = firsts[case.draft.first]
    lo = index.sentences[firsts[para_first - 1]].start if para_first > 0 else case.q_start
    for j in range(bisect.bisect_left(index.loc_starts, case.q_start) - 1, bisect.bisect_left(index.loc_starts, lo) - 1, -1):
        p = index.locations[j]
        if p.feature != "region" and (p.sentence, p.name) not in index.appositive_regions:
            return Choice(p, "previous paragraph")
    return None


def article_region_place(case: Case) -> Choice | None:
    region = case.tables.region
    return Choice(region, "article region") if region is not None else None


LOCATION_STRATEGIES: tuple[Strategy, ...] = (
    displacement_end,
    area_wide,
    place_in_clause,
    paragraph_place,
    witness_place,
    named_feature,
    previous_paragraph_place,
    article_region_place,
)


def locate(case: Case, strategies: tuple[Strategy, ...] = LOCATION_STRATEGIES) -> Choice:
    """The first strategy's place, with the notes of every strategy tried ("" and no place
    when none applies); a province the body then writes a place inside of gives way to that
    place (``body_place``)."""
    notes: list[str] = []
    for strategy in strategies:
        choice = strategy(case)
        if choice is None:
            continue
        notes.extend(choice.notes)
        if choice.place is not None:
            inside = body_place(case, choice.place)
            if inside is not None:
                return Choice(inside, "body", tuple(notes))
            return Choice(choice.place, choice.how, tuple(notes))
    return Choice(None, "", tuple(notes))


def body_place(case: Case, p: PlaceMention) -> PlaceMention | None:
    """"A missile attack on the province of Nortia killed 13." ... (next paragraph) "The missiles hit
    houses in Kuta district of Nortia": the lead names the province, the body the place in it. For
    an incident located at a province or district (not a region phrase), the first place written
    inside that name after the quote, in its paragraph or the next one (not a part of a town)."""
    if specificity(p) != 3 or p.cue == "region phrase":
        return None
    index, name = case.index, p.name.casefold()
    k = bisect.bisect_left(index.loc_starts, case.q_end)
    for q in index.locations[k : k + _BODY_REACH]:
        if index.sentences[q.sentence].paragraph > case.draft.paragraph + 1:
            break
        if index.within.get(q.start, "").casefold() == name and not is_part(q):
            return q
    return None


def situating(places: list[PlaceMention]) -> set[int]:
    """ids of the places that only situate the place just before them ("the Zamzam camp near
    El Fasher": El Fasher), i.e. a "near/outside/around" or compass ("north of") place that
    starts less than 30 characters after another place of its sentence ends ("in Kelva region,
    100 km north of Doro": the attack is in Kelva, not at Doro, when Doro, also a province's
    name, gets no offset point). A country is never situated so: "the forces of Nortia assumed to
    be located near Dorva" are at Dorva. By bisection over the places' ends: comparing every pair
    was quadratic in a long incident."""
    ends = sorted((q.end, q.sentence) for q in places if q.feature != "country")
    out = offset_anchors(places)
    for p in places:
        if p.cue.lower() in _SITUATING_CUES:
            k = bisect.bisect_right(ends, (p.start - 30, float("inf")))
            while k < len(ends) and ends[k][0] <= p.start:
                if ends[k][1] == p.sentence:
                    out.add(id(p))
                    break
                k += 1
    return out


def offset_anchors(places: list[PlaceMention]) -> set[int]:
    """ids of the places an offset is written from ("Kelva, 10 km east of Doro", "100 km north of
    Doro": Doro); the incident is at the offset's place or point, not at Doro as exact."""
    first: dict[tuple[int, str], int] = {}
    for q in places:
        if q.offset is not None:
            key = (q.sentence, q.offset.anchor)
            first[key] = min(first.get(key, q.start), q.start)
    return {id(p) for p in places if p.offset is None and first.get((p.sentence, p.name), p.start) < p.start}


def toll_parts(case: Case) -> list[PlaceMention]:
    """"745 were killed in the violence, including 20 in Baniyas": the places that are only
    part of an overall toll."""
    text, counts = case.index.text, case.draft.counts
    out = []
    for p in case.clause.local:
        s = case.index.sentences[p.sentence]
        m = _INCLUDING_BEFORE.search(text, max(s.start, p.start - _INCLUDING_REACH), p.start)
        # "12 militants including a commander were killed and 6 wounded ... in Nusay": a verb before
        # the number after "including" ends the breakdown; the place is the incident's own
        digit = _DIGIT.search(m.group(0)) if m else None  # the pattern holds a digit
        if m and digit and any(c.start < m.start() and c.kind == "killed" for c in counts) \
                and not RIGHT.search(m.group(0)[: digit.start()]):
            out.append(p)
    return out


def _overall_toll(case: Case, location: Choice) -> bool:
    """A violent quote that gives an overall toll: "745 killed in the violence" at a place not its
    own (a fallback ``how``), or a war's toll anywhere ("killed in the war in Darfur")."""
    text, a, b = case.index.text, case.q_start, case.q_end
    if bool(location.how) and _AGGREGATE_CUE.search(text, a, b) is not None:
        return True
    return may_hold(text[a:b], _WAR_WORDS) and _WAR_TOLL.search(text, a, b) is not None


def scope_of(case: Case, location: Choice, one_day: bool = False) -> str:
    """"aggregate" for a region phrase, an area-wide or overall toll, a whole country as the place of
    a violent event or a protest ("Ukraine's anti-government protests": no one place), ...; else "local".

    ``one_day``: the incident's own words date it to a day. An event of one day told at a region
    ("On 9 May, rebels shelled regime positions in northern Lattakia countryside") is one event
    whose place is known only roughly: a local row, approximate, as a coder codes it; a region's
    toll over a month ("300 civilians were killed in northern Ethiopia last month") is overall."""
    p, d = location.place, case.draft
    if p is None:
        return "local"
    region = p.cue == "region phrase" and not one_day
    aggregate = (region or p.cue in ("across", "throughout") or location.how == "article region"
                 or (d.trigger.event_type in (*_VIOLENT, "Protests") and p.feature == "country")
                 or (d.family in ("violence", "displacement") and _overall_toll(case, location))
                 or _countrywide_flight(case, p) or _over_a_span(case))
    return "aggregate" if aggregate else "local"


def _over_a_span(case: Case) -> bool:
    """"Friday was the deadliest in five days of protests that have left five dead in Goma": the
    trigger's sentence tells a toll or an event over a span of days, weeks or months, or since a
    past year ("have been displaced in Ituri since 2017")."""
    s = case.index.sentences[case.index.sentence_of(case.draft.trigger.start)]
    text = case.index.text
    if may_hold(text[s.start : s.end], _SPAN_UNITS) and _SPAN_TOLL.search(text, s.start, s.end) is not None:
        return True
    since = _SINCE_A_YEAR.search(text, s.start, s.end) if "since" in text[s.start : s.end] else None
    return since is not None and _SUPERLATIVE.search(text, s.start, since.start("since")) is None


def _countrywide_flight(case: Case, p: PlaceMention) -> bool:
    """"The unrest has forced two million people in Kestria to flee their homes": people displaced
    across a whole country are an overall figure; a country they fled to ("fled to Kestria") is
    the displacement's own place."""
    return case.draft.family == "displacement" and p.feature == "country" and p.name != case.ends.destination


def inferred_origin(case: Case, origin: str, destination: str, context_origin: str) -> tuple[str, Note | None]:
    """"RSF attacked the Zamzam camp ... Thousands fled to Tawila": people flee from where the
    paragraph's previous incident happened; in a report about one area with no such incident,
    from that area. Returns (origin, the note saying where it came from, or None)."""
    if case.draft.family != "displacement" or not destination or origin:
        return origin, None
    if context_origin and context_origin != destination:
        return context_origin, Note("origin_from", "previous incident")
    region = case.tables.region
    if region is not None and region.name != destination:
        return region.name, Note("origin_from", "article region")
    return origin, None
