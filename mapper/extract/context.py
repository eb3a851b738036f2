"""Where and when: the location and date rules used by locate.py, dating.py and incidents.py.

- specificity: village/town/camp (0) before unknown/plain (1) before a part of a town
  (neighbourhood, quarter: 2) before region, district, province (3) before country (4);
- article_region: the article's most frequent region phrase (not one that only
  situates a place in an apposition), ties to the earliest;
- speaker_place: the place of the witness who speaks in the incident's sentences
  ("Ali Sheha, a resident of Baniyas" ... "Sheha said" / "He added");
- ParagraphDates: the paragraph's last exact date before the incident;
- resolve_date: the incident's date and precision (see incidents.py for the order).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from typing import Protocol

from mapper.extract.dates import OUT_OF_RANGE_NOTE, DatePhrase, resolve_relative
from mapper.extract.model import PlaceMention, Sentence
from mapper.extract.places import PlaceScan
from mapper.extract.vocabulary import table

# people_words.csv, kind pronoun_speech: "he said", "She added" is the witness speaking again
_PRONOUN_VERBS = "|".join(r.text("word") for r in table("people_words.csv") if "pronoun_speech" in r.items("kinds"))
_PRONOUN_SPEAKER = re.compile(rf"^(?:He|She)\b|\b(?:he|she)\s+(?:{_PRONOUN_VERBS})\b")  # grammar: the pronouns


def _the_feature() -> re.Pattern:
    """feature_nouns.csv, referred=yes: "the village" refers back to the last village named."""
    nouns = [r"\s+".join(r.text("word").split()) for r in table("feature_nouns.csv") if r.text("referred") == "yes"]
    return re.compile(rf"\bthe\s+({'|'.join(nouns)})\b", re.I)


THE_FEATURE = _the_feature()


# feature_nouns.csv: the class of each feature noun ranks the places a sentence names
_SETTLEMENT = frozenset(r.text("word") for r in table("feature_nouns.csv") if r.text("class") == "settlement")


_ADMIN = frozenset(r.text("word") for r in table("feature_nouns.csv") if r.text("class") == "admin")
# "in Kestria, ... shot in the Dorva neighbourhood": the town, not its neighbourhood
_PART = frozenset(r.text("feature") for r in table("feature_nouns.csv") if r.text("class") == "part")
# place_cues.csv part_prefix: "Colonia Centro", "Barrio Norte", "Zona 3": the word that opens the
# name of a part of a town (the town is usually named too: "in Kestria, Nortia, ... in Colonia Centro")
_PART_PREFIX = frozenset(r.text("word") for r in table("place_cues.csv") if "part_prefix" in r.items("kinds"))


class DraftSpan(Protocol):
    """What these rules read of an incident draft (drafts.Draft: a protocol, because drafts
    imports this module through dating): its sentences, paragraph, own date phrase and first
    trigger; read-only, so any draft type fits."""

    @property
    def first(self) -> int: ...  # index of its first sentence
    @property
    def last(self) -> int: ...  # index of its last sentence
    @property
    def paragraph(self) -> int: ...
    @property
    def date(self) -> DatePhrase | None: ...
    @property
    def onset(self) -> bool: ...  # "the violence erupted ...": takes the article's onset date
    @property
    def trigger(self) -> _Located: ...


class _Located(Protocol):
    @property
    def start(self) -> int: ...


def is_part(p: PlaceMention) -> bool:
    """A neighbourhood, suburb or quarter (feature_nouns.csv class part): "Dorva neighbourhood".
    Not a named area: "Bavo area (Lessa, Nortia)" is mostly coded at Bavo, placed within Lessa.
    A name opened by a part word is one too: "Colonia Centro", "Zona 3"."""
    return p.feature in _PART or p.name.split(maxsplit=1)[0].lower() in _PART_PREFIX


def specificity(p: PlaceMention) -> int:
    # "120 km north of Doro": a point, as specific as a village (its anchor only situates it)
    if p.feature in _SETTLEMENT or (p.cue == "offset" and p.offset is not None and p.offset.km is not None):
        return 0
    if p.feature == "country":
        return 4
    if p.feature in _ADMIN or p.cue == "region phrase":
        return 3
    return 2 if is_part(p) else 1


def article_region(places: tuple[PlaceMention, ...]) -> PlaceMention | None:
    appositive = {p.region for p in places if p.region}
    regions = [p for p in places if p.feature == "region" and p.role == "location" and p.name not in appositive]
    if not regions:
        return None
    counts: dict[str, int] = {}
    for p in regions:
        counts[p.name.casefold()] = counts.get(p.name.casefold(), 0) + 1
    best = max(counts.values())
    return next(p for p in regions if counts[p.name.casefold()] == best)


def paragraph_firsts(sentences) -> list[int]:
    """firsts[i]: the index of the first sentence of sentence i's paragraph."""
    firsts: list[int] = []
    for s in sentences:
        same = s.index > 0 and sentences[s.index - 1].paragraph == s.paragraph
        firsts.append(firsts[-1] if same else s.index)
    return firsts


def recent_paragraph_places(locations, sentences, appositive_regions,
                            containers: frozenset[int] = frozenset()) -> list[PlaceMention | None]:
    """best[k]: "the most specific recent place of the paragraph" for an incident quoted after
    ``locations[:k]``: among the places of locations[k - 1]'s paragraph up to it (a place that
    only situates another in an apposition left out, and a container at a start offset of
    ``containers``: "Police raided a house in Kuta, Kestria. A man was arrested." -- the arrest
    is in Kuta, Kestria only says where Kuta is), the latest of the most specific
    (``specificity``), a region phrase only when there is nothing else. best[0] is None.
    The caller checks that locations[k - 1] is in the incident's paragraph.

    One pass over the places: scanning the paragraph's places again for every incident was
    quadratic when a whole article is one paragraph.
    """
    best: list[PlaceMention | None] = [None]
    paragraph = None
    local = any_place = None  # the latest most specific place so far, without / with region phrases
    local_rank = any_rank = 0
    for p in locations:
        if sentences[p.sentence].paragraph != paragraph:
            paragraph, local, any_place = sentences[p.sentence].paragraph, None, None
        if (p.sentence, p.name) not in appositive_regions and p.start not in containers:
            rank = specificity(p)
            if any_place is None or rank <= any_rank:
                any_place, any_rank = p, rank
            if p.cue != "region phrase" and (local is None or rank <= local_rank):
                local, local_rank = p, rank
        best.append(local if local is not None else any_place)
    return best


def sentence_index(sentences, pos: int) -> int:
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].start <= pos:
            lo = mid + 1
        else:
            hi = mid
    return max(0, lo - 1)


def speaker_place(sentences, d: DraftSpan, scan: PlaceScan) -> str:
    for i in range(d.first, d.last + 1):
        s = sentences[i]
        spans = scan.person_spans  # sorted: only the sentence's own spans are looked at
        k = bisect.bisect_left(spans, (s.start,))
        for _start, _end, name in spans[k : bisect.bisect_left(spans, (s.end,))]:
            for w in name.split():
                if w in scan.person_places:
                    return scan.person_places[w]
        if _PRONOUN_SPEAKER.search(s.text):
            before = [spans[k - 1]] if k > 0 else []
            if before:
                for w in before[-1][2].split():
                    if w in scan.person_places:
                        return scan.person_places[w]
    return ""


class ParagraphDates:
    """The paragraph's last date before an incident: exact (precision 1) for anchoring
    "the previous day"; a week ("last week", precision 2) is accepted as an undated
    sentence's context.

    Computed once per article in one pass over the sentences: walking back to the
    paragraph's start for every incident was quadratic when the whole article is one
    paragraph (a 5 MiB article on a single line).
    """

    def __init__(self, sentences: Sequence[Sentence], dates_by_sentence: Mapping[int, list[DatePhrase]]) -> None:
        self._sentences = sentences
        # _last[p][i]: the last date of precision <= p in sentences[paragraph start .. i]
        days: list[DatePhrase | None] = []
        weeks: list[DatePhrase | None] = []
        self._last: dict[int, list[DatePhrase | None]] = {1: days, 2: weeks}
        day = week = None
        paragraph = None
        for s in sentences:
            if s.paragraph != paragraph:
                day = week = None
                paragraph = s.paragraph
            for x in dates_by_sentence.get(s.index, ()):
                if x.date and "ago" not in x.text:  # "three days ago" anchors nothing
                    if x.precision <= 1:
                        day = x
                    if x.precision <= 2:
                        week = x
            days.append(day)
            weeks.append(week)

    def before(self, d: DraftSpan, max_precision: int = 1) -> DatePhrase | None:
        i = d.first - 1
        if i < 0 or self._sentences[i].paragraph != d.paragraph:
            return None
        return self._last[max_precision][i]


def resolve_date(d: DraftSpan, dates_by_sentence, paragraph_dates: ParagraphDates, onset, published, notes,
                 labelled=None) -> tuple[str, int, str]:
    phrase = d.date
    if phrase is None:
        for i in range(d.first, d.last + 1):
            if dates_by_sentence.get(i):
                phrase = min(dates_by_sentence[i], key=lambda x: abs(x.start - d.trigger.start))
                break
    if phrase is not None:
        if phrase.relative_days is not None:
            ctx = paragraph_dates.before(d)
            date, precision, note = resolve_relative(phrase, ctx.date if ctx else None, published)
            if note:
                notes.append(note)
        else:
            date, precision = phrase.date, phrase.precision
            if phrase.out_of_range:
                notes.append(OUT_OF_RANGE_NOTE)  # "in March 0000": the phrase stays, the date is empty
        return (date.isoformat() if date else ""), precision, phrase.text
    if d.onset and onset is not None:
        notes.append("date=onset of the violence")
        return onset.date.isoformat(), onset.precision, onset.text
    ctx = paragraph_dates.before(d, max_precision=2)
    if ctx is not None and ctx.date is not None:  # ParagraphDates keeps dated phrases only
        notes.append("date=from paragraph")
        return ctx.date.isoformat(), ctx.precision, ctx.text
    if labelled is not None and labelled.date is not None:
        # "Date of incident: July 19, 2006" above an undated account of the attack
        notes.append("date=the report's incident date")
        return labelled.date.isoformat(), labelled.precision, labelled.text
    if published is None:
        return "", 3, ""
    notes.append("date=publication date (undated in text)")
    week = onset is not None and onset.date is not None and 0 <= (published - onset.date).days <= 7
    return published.isoformat(), 2 if week else 3, ""

