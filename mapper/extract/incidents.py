"""Incidents from sentences, coded the way a careful ACLED coder would.

Sentence -> triggers (lexicon_events) -> one draft per family -> drafts merged with the
next sentence(s) when those continue the same event -> location, date, actors,
figures -> Incident.

Rules (see also the module docstrings of numbers, dates, actors, lexicon_events):
- headings are never incidents; a dateline's place and date are never the incident's;
- triggers after "attempt to", "tried to", "would", "not", "denied" ... are not events;
  "who fled" / "he fled" (one person's story) is not a displacement; a participle used
  as an adjective ("the return of 3 kidnapped teenagers") is not an event;
- protesters blocking roads are part of the protest (no separate "Other" row);
- a weak trigger ("attacks", "clashes", "killings", "bodies") needs a place, a figure or
  a date in its sentence, and a definite back-reference ("the clashes began on
  Thursday") needs a place or a figure; unsupported sentences only extend an
  incident coded in the sentence just before (same paragraph, same family);
- a killing with no place, no figure and no date ("some had been killed") is too vague
  to code on its own;
- one sentence, several violent clauses each with its own place ("soldiers killed 4 in
  A; on 5 March they shelled B, killing 2") gives one incident per clause (same quote,
  own place, figures and date);
- an overall toll is not pinned on a place it only includes ("745 killed in the
  violence, including 20 in Baniyas": noted part_of_toll=Baniyas);
- a funeral or mass grave sentence is coded as that development; the dead it mentions
  are reported in notes (fatalities 0), because they were killed in an event coded
  elsewhere and must not be counted twice on the map;
- consecutive sentences of one family merge when they agree on place and date and do
  not both give figures — unless the second opens with "Additionally", "Also",
  "In addition", "Moreover", "Furthermore" (then the figures add up by group);
  a definite back-reference ("The attack on Lin Ta Lu village ... Friday") merges into the
  incident just before even across a paragraph break and adds its place and date;
  a "death toll" sentence right after a violent incident is a rival figure for it
  (lowest kept, others in notes), not a new incident; "The victims included 4 women
  and 3 children" right after it adds to its breakdown;
- polysemous triggers need context and some rows are re-typed by context: see
  lexicon_events.in_context / refine_type (attacks on armed forces are battles; a
  capture by a state is an Armed clash noted "territory=captured");
- location: a place named in the incident's sentences — in the trigger's own clause
  when the sentence has several ("..., and that the capital, Bahir Dar, was under
  curfew" is not where the killing was) — (for displacement the
  destination, else the origin — "fled from X"/"fled X" is the origin; for other events
  the most specific place — village/town/camp before district/region before country —
  nearest the trigger; "the camp near El Fasher": a place after "near" that only
  situates the one before it is skipped; "strikes across the Gaza Strip killed 44": an
  area-wide toll located at that area); else "the camp"/"the village" -> the last place
  the article called so; else the most specific recent place of the paragraph; else the
  place of the witness speaking ("Ali Sheha, a resident of Baniyas" ... "He added");
  else the previous paragraph's last place; else the article's main region phrase;
  never a person, a dateline or a place used as an actor; "" (noted
  "location=unknown") when nothing applies;
- scope "aggregate" when the location is a region phrase, an "across X" area or the
  article region, or a whole country for a violent event; else "local";
- fatalities: None (empty cell, noted "fatalities=not reported") for a violent event
  without a figure; 0 when the text says nobody died and for every non-violent row;
- date: a date phrase in the incident's sentences (nearest the first trigger), not
  one that says when something was said ("the UN said on Sunday"); "the previous
  day", "three days later" count from the paragraph's last exact date, else from
  publication (precision 2);
  a sentence saying the violence "erupted/began/broke out" takes the article's onset
  date; else the paragraph's last exact or week date ("last week", precision 2);
  else the publication date with
  precision 2 when the article's onset is within the week before publication, else
  precision 3 (noted as "date=publication date"). Without a publication date,
  unresolved dates stay empty and the phrase stays in date_text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import re
from dataclasses import dataclass, field, replace

from mapper.extract.actors import NON_STATE, actor_phrases, pick_actors
from mapper.extract.context import (
    THE_FEATURE, ParagraphDates, article_region, paragraph_firsts, recent_paragraph_places, resolve_date, speaker_place,
    specificity,
)
from mapper.extract.dates import DatePhrase, add_days, find_dates
from mapper.extract.fastscan import Scanner
from mapper.extract.lexicon_events import (VAC, Trigger, find_triggers, in_context, is_definite, is_irrealis,
                                           is_prospective, refine_type)
from mapper.extract.model import Incident, PlaceMention, Sentence
from mapper.extract.numbers import Count, fatality_figure, find_counts, has_zero_fatalities
from mapper.extract.places import PlaceScan
from mapper.extract.sentences import dateline_spans

_CONTINUATION = re.compile(r"^(?:Additionally|Also|In\s+addition|Moreover|Furthermore|Besides)\b")
_ONSET = re.compile(r"\b(?:began|begun|started|erupted|broke\s+out|flared(?:\s+up)?|was\s+triggered|were\s+triggered|sparked|first\s+broke)\b", re.I)
_INDIVIDUAL = re.compile(r"\b(?:who|he|she|I|we)\s+(?:\w+\s+)?$")
_DEST = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:to|into|towards|toward|at|in|inside|across)\s+(?P<np>(?:the\s+)?(?:[\w’'-]+\s+){0,3}?[\w’'-]+?)(?=\s+(?:for|and|after|as|where|because|in|to|with|from|on|while|amid)\b|[,.;”\"]|$)", re.I)
_ORIGIN = re.compile(r"\bfrom\s+(?:the\s+)?$")
_DEST_BEFORE = re.compile(r"\b(?:to|into|towards|toward|at|in|inside|across)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$", re.I)
_ONSET_SCAN = Scanner(_ONSET.pattern)
# the only letters that re.I matches to an ASCII letter without lower-casing to it (ı ſ)
_CASE_TRAPS = re.compile("[\u0131\u017f]")
_ONSET_WORDS = ("began", "begun", "started", "erupted", "broke", "flared", "triggered", "sparked")
_VICTIMS_INCLUDED = re.compile(
    r"^(?:The\s+|Those\s+)?(?:victims|dead|those\s+killed|people\s+killed)\s+(?:included|include|were)\b|^Among\s+the\s+(?:dead|victims|killed)\b"
)
_TOLL = re.compile(r"\b(?:death\s+toll|toll)\b", re.I)
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\w+|reported|announced|added|stated|confirmed|tweeted|wrote)\s+(?:on\s+|late\s+|early\s+)?$", re.I
)




_SHELTERED = re.compile(r"\s+(?:(?:displaced|\d[\d,]*|some|hundreds\s+of|thousands\s+of)\s+)?"
                        r"(?:families|people|persons|civilians|residents|villagers|refugees|children|women)\b", re.I)
# "the kidnapped teenagers", "a school sheltering displaced families", "aid for displaced people":
# the participle describes people, it does not report an event.
_ATTRIBUTIVE_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|of|their|his|her|two|three|four|five|six|seven|eight|nine|ten|for|with|among|to|from|"
    r"internally|newly|recently|\w+ing)|\d)\s+$",
    re.I,
)
_ATTRIBUTIVE_AFTER = re.compile(
    r"\s+(?:teenagers|students|people|persons|civilians|children|women|men|girls|boys|journalists|workers|migrants|families|"
    r"residents|villagers|soldiers|fighters|hostages|victims|relatives)\b",
    re.I,
)
_INCLUDING_BEFORE = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+[^.;,]*\d[^.;,]*\b(?:in|at|from)\s+(?:the\s+)?$")
_AGGREGATE_CUE = re.compile(
    r"\b(?:in\s+the\s+(?:violence|fighting|clashes|unrest|war|conflict)|in\s+total|overall|so\s+far|since\s+the\s+(?:start|beginning)|"
    r"nationwide|countrywide|across\s+the\s+(?:country|region))\b",
    re.I,
)
_INCLUDING_REACH = 300
_VIOLENT = ("Battles", "Explosions/Remote violence", VAC, "Riots")


@dataclass
class _Draft:
    family: str
    trigger: Trigger
    first: int  # sentence index
    last: int
    paragraph: int
    counts: list[Count] = field(default_factory=list)
    zero: bool = False
    date: DatePhrase | None = None
    place: bool = False
    onset: bool = False
    triggers: list[Trigger] = field(default_factory=list)
    segment: tuple[int, int] | None = None  # one clause of a sentence holding several incidents
    # the place names (casefolded) of sentences first..names_upto, grown as the draft grows:
    # rebuilt from its first sentence at every merge it was quadratic in a long run of
    # sentences about one event ("Gunmen attacked Goma on Friday." x 100,000)
    names: set[str] = field(default_factory=set)
    names_upto: int = -1

    def place_names(self, by_sentence) -> set[str]:
        for i in range(max(self.first, self.names_upto + 1), self.last + 1):
            self.names.update(p.name.casefold() for p in by_sentence.get(i, []))
        self.names_upto = max(self.names_upto, self.last)
        return self.names




def build_incidents(article, sentences: tuple[Sentence, ...], headings: frozenset[int], scan: PlaceScan) -> tuple[Incident, ...]:
    text = article.text
    published: dt.date | None = article.published
    starts = [s.start for s in sentences]

    def sentence_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    person_spans = sorted(scan.person_spans)
    person_starts = [a for a, _, _ in person_spans]
    locations = [
        p for p in scan.places
        if p.role == "location" and p.cue != "dateline" and not _inside(p.start, person_spans, person_starts)
    ]
    datelines = dateline_spans(text, sentences)
    by_sentence: dict[int, list[PlaceMention]] = {}
    for p in locations:
        by_sentence.setdefault(p.sentence, []).append(p)
    appositive_regions = {(p.sentence, p.region) for p in scan.places if p.region}

    dates = find_dates(text, published)
    dates_by_sentence: dict[int, list[DatePhrase]] = {}
    for d in dates:
        if any(a <= d.start < b for a, b in datelines):
            continue  # the filing date, not the event's
        if _SPEECH_BEFORE.search(text[max(0, d.start - 30) : d.start]):
            continue  # "the UN said on Sunday": when it was said, not when it happened
        dates_by_sentence.setdefault(sentence_of(d.start), []).append(d)

    # "three days later", "the previous day": from the paragraph's last exact date, in text order
    anchor: dt.date | None = None
    paragraph = -1
    for s in sentences:
        if s.paragraph != paragraph:
            paragraph, anchor = s.paragraph, None
        phrases = dates_by_sentence.get(s.index)
        if not phrases:
            continue
        for k, phrase in enumerate(phrases):
            if phrase.relative_days is not None and anchor is not None:
                date = add_days(anchor, phrase.relative_days)  # None: "99999999 days later" leaves the calendar
                phrases[k] = replace(phrase, date=date, precision=1, relative_days=None, out_of_range=date is None)
                anchor = date or anchor
            elif phrase.date is not None and phrase.precision == 1 and "ago" not in phrase.text:
                anchor = phrase.date

    # the article's onset: "the clashes began on Thursday"
    onset: DatePhrase | None = None
    low_text = text.lower()
    if len(low_text) == len(text) and not _CASE_TRAPS.search(text):
        onsets = _ONSET_SCAN.finditer(low_text)  # same matches, found from word starts in lower case
    else:
        onsets = _ONSET.finditer(text)
    for m in onsets:
        s = sentence_of(m.start())
        after = [d for d in dates_by_sentence.get(s, []) if d.start >= m.end() and d.date and "ago" not in d.text]
        if after:
            onset = after[0]
            break

    triggers_by_sentence: dict[int, list[Trigger]] = {}
    for t in find_triggers(text):
        triggers_by_sentence.setdefault(sentence_of(t.start), []).append(t)

    drafts: list[_Draft] = []
    open_by_family: dict[str, _Draft] = {}
    for sent in sentences:
        if sent.index in headings:
            continue
        if "toll" in sent.text and _TOLL.search(sent.text):
            # "Local activists put the death toll at more than 300": a rival figure for
            # the violent incident just coded, not a new incident
            prev = open_by_family.get("violence")
            if prev is not None and sent.index - prev.last <= 3 and not [
                p for p in by_sentence.get(sent.index, []) if p.feature != "region"
            ]:
                toll = list(find_counts(sent.text, sent.start))
                if any(c.kind == "killed" and c.value is not None for c in toll):
                    prev.counts.extend(toll)
                    prev.last = sent.index
                    continue
        m = _VICTIMS_INCLUDED.search(sent.text)
        if m:
            # "The victims included 4 women and 3 children": the breakdown of the toll just coded
            prev = open_by_family.get("violence")
            if prev is not None and sent.index - prev.last <= 2 and any(
                c.kind == "killed" and c.value and not c.including for c in prev.counts
            ):
                parts = [
                    Count(c.value, c.text, c.start + sent.start, c.end + sent.start, "killed", c.group, c.qualifier, True)
                    for c in find_counts(sent.text[m.end():]) if c.value is not None and c.group
                ]
                parts = [replace(c, start=c.start + m.end(), end=c.end + m.end()) for c in parts]
                if parts:
                    prev.counts.extend(parts)
                    prev.last = sent.index
                    continue
        triggers = []
        prospective = sent.index in triggers_by_sentence and is_prospective(sent.text)
        for t in triggers_by_sentence.get(sent.index, []) if not prospective else ():
            before = text[max(sent.start, t.start - 40) : t.start]
            if is_irrealis(before):
                continue
            if t.family == "displacement" and _INDIVIDUAL.search(before):
                continue
            if t.text[-2:].lower() == "ed" and _ATTRIBUTIVE_BEFORE.search(before) and _ATTRIBUTIVE_AFTER.match(text, t.end):
                continue  # "the return of 3 kidnapped teenagers": a description, not this event
            if t.text.lower() in ("sheltering", "housing") and _SHELTERED.match(text, t.end):
                continue  # "a school sheltering displaced families": describes the building
            triggers.append(t)
        if not triggers:
            continue
        families: dict[str, list[Trigger]] = {}
        for t in triggers:
            families.setdefault(t.family, []).append(t)
        if "protest" in families and "other" in families:
            del families["other"]  # protesters blocking roads are part of the protest
        if ("funeral" in families or "grave" in families) and "violence" in families:
            del families["violence"]  # the dead mourned/found were killed in an event coded elsewhere
        counts = None
        low = sent.text.lower()
        zero = "violence" in families and ("no" in low or "without" in low) and has_zero_fatalities(sent.text)
        onset_here = any(w in low for w in _ONSET_WORDS) and _ONSET.search(sent.text) is not None
        if len(families.get("violence", ())) > 1:
            segments = _clauses(text, sent, families["violence"], by_sentence.get(sent.index, []))
            if segments:
                # "soldiers killed 4 villagers in A; on 5 March they shelled B, killing 2": two incidents
                del families["violence"]
                sent_counts = list(find_counts(sent.text, sent.start))
                for a, b, group in segments:
                    primary = max(group, key=lambda t: (t.priority, -t.start))
                    seg_dates = [x for x in dates_by_sentence.get(sent.index, []) if a <= x.start < b]
                    draft = _Draft("violence", primary, sent.index, sent.index, sent.paragraph,
                                   [c for c in sent_counts if a <= c.start < b], zero, seg_dates[0] if seg_dates else None,
                                   True, onset_here, list(group), (a, b))
                    drafts.append(draft)
                    open_by_family["violence"] = draft
        if zero and set(families) == {"violence"} and drafts and drafts[-1].last == sent.index - 1 \
                and drafts[-1].paragraph == sent.paragraph and not by_sentence.get(sent.index):
            # "Police fired tear gas at protesters. No one was killed.": says the previous
            # incident had no dead; it is not an incident of its own.
            drafts[-1].zero = True
            drafts[-1].last = sent.index
            continue
        for family, group in families.items():
            primary = max(group, key=lambda t: (t.priority, -t.start))
            if counts is None and family in ("violence", "funeral", "grave"):
                counts = list(find_counts(sent.text, sent.start))
            fam_counts = counts if family in ("violence", "funeral", "grave") and counts else []
            killed = [c for c in fam_counts if c.kind == "killed" and c.value is not None]
            own_places = [p for p in by_sentence.get(sent.index, []) if (p.sentence, p.name) not in appositive_regions]
            sdates = dates_by_sentence.get(sent.index, [])
            first_trigger = min(t.start for t in group)
            date = min(sdates, key=lambda d: abs(d.start - first_trigger)) if sdates else None
            definite = is_definite(text[max(sent.start, primary.start - 30) : primary.start])
            if primary.strength == "strong":
                supported = bool(own_places or killed or zero or date) or family != "violence"
            else:
                supported = bool(own_places or killed or zero or (date and not definite))
            if supported and not killed and not in_context(family, primary, sent.text):
                supported = False  # "the minister attacked the budget", "he protested his innocence"
            draft = _Draft(family, primary, sent.index, sent.index, sent.paragraph, list(fam_counts), zero, date,
                           bool(own_places), onset_here, list(group))
            prev = open_by_family.get(family)
            adjacent = prev is not None and prev.last == sent.index - 1 and prev.paragraph == sent.paragraph
            follows = prev is not None and prev.last == sent.index - 1 and sentences[prev.last].index not in headings
            # "The strike hit Let Yet Kone village on Monday": more on the incident just coded
            back_reference = definite and not killed
            if follows and back_reference and not (prev.date and date and prev.date.date != date.date):
                adjacent = True  # a back-reference may open the next paragraph
                supported = False  # "The attack on Lin Ta Lu village ...": more on the incident just coded
                if date and not prev.date:
                    prev.date = date
            if not supported:
                if adjacent:
                    prev.last = sent.index
                    prev.triggers.extend(group)
                continue
            if adjacent and _compatible(prev, draft, by_sentence, sent):
                prev.last = sent.index
                prev.counts.extend(draft.counts)
                prev.zero = prev.zero or draft.zero
                prev.date = prev.date or draft.date
                prev.place = prev.place or draft.place
                prev.triggers.extend(group)
                if primary.priority > prev.trigger.priority:
                    prev.trigger = primary
                continue
            drafts.append(draft)
            open_by_family[family] = draft

    region = article_region(scan.places)
    loc_starts = [p.start for p in locations]
    tables = _Tables.of(sentences, locations, appositive_regions, dates_by_sentence)
    phrases: list = []
    spans = sorted((sentences[d.first].start, sentences[d.last].end) for d in drafts)
    merged_spans: list[list[int]] = []
    for a, b in spans:
        if merged_spans and a <= merged_spans[-1][1] + 1:
            merged_spans[-1][1] = max(merged_spans[-1][1], b)
        else:
            merged_spans.append([a, b])
    for a, b in merged_spans:
        phrases.extend(actor_phrases(text, a, b))
    incidents = []
    last_place: dict[int, str] = {}  # paragraph -> place of its latest local, non-displacement incident
    for d in sorted(drafts, key=lambda d: (d.first, d.trigger.start)):
        incident = _finish(article, d, sentences, by_sentence, appositive_regions, locations, region, dates_by_sentence,
                           onset, scan, phrases, loc_starts, starts, context_origin=last_place.get(d.paragraph, ""),
                           tables=tables)
        if incident.scope == "local" and incident.location and incident.sub_event_type != "Displacement":
            last_place[d.paragraph] = incident.location
        incidents.append(incident)
    return tuple(incidents)


_LOC_CLAUSE = re.compile(r";\s+|,\s+(?:while|whereas|but)\s+|,?\s+and\s+that\s+|,\s+and\s+(?=(?:on|in|a|an|another|the|later|then)\b)")
# the same matches, written to start with a character class (the engine then skips every
# position that is not ";", "," or a space) and to check that character with lookbehinds
_LOC_CLAUSE_FAST = re.compile(
    r"[;,\s](?:(?<=;)\s+|(?<=,)\s+(?:while|whereas|but)\s+|(?<=,)\s+and\s+that\s+|(?<=\s)\s*and\s+that\s+"
    r"|(?<=,)\s+and\s+(?=(?:on|in|a|an|another|the|later|then)\b))"
)
_CLAUSE_SPLIT = re.compile(r";\s+|,\s+(?:while|whereas)\s+|,\s+and\s+(?=(?:on|in|a|an|another|the|later|then)\b)|\.\s+(?=[A-Z])")


# More violent clauses than this in one sentence is a list or a dump, not prose: the
# sentence stays one incident (each clause incident repeats the whole sentence as its quote).
MAX_CLAUSES = 12


def _clauses(text: str, sent: Sentence, group: list[Trigger], places: list[PlaceMention]):
    """Split a sentence into clauses when each has its own violent trigger and its own place."""
    cuts = [sent.start] + [m.end() for m in _CLAUSE_SPLIT.finditer(text, sent.start, sent.end)] + [sent.end]
    if len(cuts) < 3:
        return None
    group = sorted(group, key=lambda t: t.start)
    trigger_starts = [t.start for t in group]
    place_starts = sorted(p.start for p in places if p.cue != "region phrase")
    segments = []
    for a, b in itertools.pairwise(cuts):
        trig = group[bisect.bisect_left(trigger_starts, a) : bisect.bisect_left(trigger_starts, b)]
        if not trig:
            continue
        if bisect.bisect_left(place_starts, a) == bisect.bisect_left(place_starts, b):
            return None  # a violent clause without its own place
        segments.append((a, b, trig))
        if len(segments) > MAX_CLAUSES:
            return None
    if len(segments) < 2:
        return None
    # each segment runs to the start of the next one, so its own words stay with it
    out = []
    for k, (a, _end, trig) in enumerate(segments):
        end = segments[k + 1][0] if k + 1 < len(segments) else sent.end
        start = sent.start if k == 0 else a
        out.append((start, end, trig))
    return out


def _situating(places: list[PlaceMention]) -> set[int]:
    """ids of the places that only situate the place just before them ("the Zamzam camp near
    El Fasher": El Fasher), i.e. a "near/outside/around" place that starts less than 30
    characters after another place of its sentence ends. By bisection over the places' ends:
    comparing every pair was quadratic in a long incident."""
    ends = sorted((q.end, q.sentence) for q in places)
    out = set()
    for p in places:
        if p.cue in ("near", "outside", "around"):
            k = bisect.bisect_right(ends, (p.start - 30, float("inf")))
            while k < len(ends) and ends[k][0] <= p.start:
                if ends[k][1] == p.sentence:
                    out.add(id(p))
                    break
                k += 1
    return out


def _inside(pos: int, spans: list, starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _compatible(prev: _Draft, new: _Draft, by_sentence, sent) -> bool:
    prev_names = prev.place_names(by_sentence)
    new_names = {p.name.casefold() for p in by_sentence.get(sent.index, [])}
    if prev_names and new_names and not (prev_names & new_names):
        return False
    if prev.date and new.date and prev.date.date != new.date.date:
        return False
    prev_killed = any(c.kind == "killed" and c.value is not None for c in prev.counts)
    new_killed = any(c.kind == "killed" and c.value is not None for c in new.counts)
    if prev_killed and new_killed and not _CONTINUATION.match(sent.text):
        return False
    return True


@dataclass(frozen=True)
class _Tables:
    """What _finish looks up per incident, computed once per article, so that no incident
    walks back to its paragraph's start or scans every place (quadratic when a whole article
    is one paragraph: a 5 MiB article on a single line)."""

    firsts: list[int]  # sentence index -> the first sentence of its paragraph
    paragraph_places: list  # see context.recent_paragraph_places
    dates: ParagraphDates
    first_location: dict[str, PlaceMention]  # name as written -> its first location mention

    @classmethod
    def of(cls, sentences, locations, appositive_regions, dates_by_sentence) -> "_Tables":
        first_location: dict[str, PlaceMention] = {}
        for p in locations:
            first_location.setdefault(p.name, p)
        return cls(paragraph_firsts(sentences), recent_paragraph_places(locations, sentences, appositive_regions),
                   ParagraphDates(sentences, dates_by_sentence), first_location)


def _finish(article, d: _Draft, sentences, by_sentence, appositive_regions, locations, region, dates_by_sentence, onset, scan,
            phrases=None, loc_starts=None, sentence_starts=None, context_origin: str = "", *, tables: _Tables) -> Incident:
    text = article.text
    starts = [s.start for s in sentences] if sentence_starts is None else sentence_starts
    loc_starts = [p.start for p in locations] if loc_starts is None else loc_starts

    def sentence_index(_sentences, pos: int) -> int:  # context.sentence_index with the starts computed once
        return max(0, bisect.bisect_right(starts, pos) - 1)

    published = article.published
    q_start, q_end = sentences[d.first].start, sentences[d.last].end
    notes: list[str] = []
    t = d.trigger
    in_span = [p for i in range(d.first, d.last + 1) for p in by_sentence.get(i, [])]
    if d.segment is not None:
        in_span = [p for p in in_span if d.segment[0] <= p.start < d.segment[1]]
    elif d.first == d.last and in_span:
        # "five civilians were killed ..., and that the capital, Bahir Dar, was under curfew":
        # a place in another clause of the sentence is not this incident's place
        s = sentences[d.first]
        cuts = [s.start] + [m.end() for m in _LOC_CLAUSE_FAST.finditer(text, s.start, s.end)] + [s.end]
        if len(cuts) > 2:
            k = bisect.bisect_right(cuts, t.start) - 1
            a, b = cuts[max(k, 0)], cuts[min(k + 1, len(cuts) - 1)]
            in_span = [p for p in in_span if a <= p.start < b]
    local = [p for p in in_span if p.cue != "region phrase" and (p.sentence, p.name) not in appositive_regions]
    regional = [p for p in in_span if p.cue == "region phrase" and (p.sentence, p.name) not in appositive_regions]

    origin = destination = ""
    location: PlaceMention | None = None
    how = ""
    if d.family == "displacement":
        for p in in_span:
            if p.start >= t.end and p.start - t.end < 60 and _DEST_BEFORE.search(text[t.end : p.start]):
                destination, location = p.name, p
                break
        for p in in_span:
            gap = text[t.end : p.start] if p.start >= t.end else "x"
            if _ORIGIN.search(text[max(q_start, p.start - 12) : p.start]) or re.fullmatch(r"\s+(?:the\s+)?", gap):
                origin = p.name  # "fled from Tawila", "fled Zamzam"
                location = location or p
                break
        if not destination:
            m = _DEST.match(text[t.end : q_end])
            if m:
                destination = m.group("np")
    across = [p for p in in_span if p.cue in ("across", "throughout") and p.sentence == sentence_index(sentences, t.start)]
    if location is None and across and d.family == "violence":
        location, how = across[0], ""  # "strikes across the Gaza Strip killed 44": an area-wide toll
    if location is None:
        # "the Zamzam camp near El Fasher": El Fasher only situates Zamzam
        reference = _situating(local)
        # "745 were killed in the violence, including 20 in Baniyas": Baniyas is part of the toll
        part = set()
        if d.family == "violence":
            for p in local:
                s = sentences[p.sentence]
                # the phrase is local ("including 20 in Baniyas"); a bounded look back keeps
                # this linear when one sentence holds thousands of places
                m = _INCLUDING_BEFORE.search(text, max(s.start, p.start - _INCLUDING_REACH), p.start)
                if m and any(c.start < m.start() and c.kind == "killed" for c in d.counts):
                    part.add(id(p))
                    notes.append(f"part_of_toll={p.name}")
        pool = [p for p in local if id(p) not in reference and id(p) not in part] or regional
        if pool:
            first = min(x.start for x in d.triggers) if d.triggers else t.start
            anchor = t.start if sentence_index(sentences, t.start) == d.first else first
            # the most specific place (village before region before country), then the nearest
            location = min(pool, key=lambda p: (specificity(p), abs(p.start - anchor)))
    para_first = tables.firsts[d.first]
    if location is None:
        # the most specific recent place of the paragraph (places before the quote)
        k = bisect.bisect_left(loc_starts, q_start)
        if k and sentences[locations[k - 1].sentence].paragraph == d.paragraph and tables.paragraph_places[k] is not None:
            location, how = tables.paragraph_places[k], "paragraph"
    if location is None:
        witness_place = speaker_place(sentences, d, scan)
        if witness_place:
            match = tables.first_location.get(witness_place)
            if match is not None:
                location, how = match, "witness"
    if location is None:
        # "the camp", "the village": the last place the article called so
        m = THE_FEATURE.search(text, q_start, q_end)
        if m:
            word = m.group(1).lower()
            k = bisect.bisect_left(loc_starts, q_start)
            named = next((locations[j] for j in range(k - 1, max(-1, k - 200), -1) if locations[j].feature == word), None)
            if named is not None:
                location, how = named, f"the {word}"
    if location is None:
        # wire copy: one-sentence paragraphs continue the previous paragraph's place
        lo = sentences[tables.firsts[para_first - 1]].start if para_first > 0 else q_start
        # the latest such place from the previous paragraph's start up to the quote
        for j in range(bisect.bisect_left(loc_starts, q_start) - 1, bisect.bisect_left(loc_starts, lo) - 1, -1):
            p = locations[j]
            if p.feature != "region" and (p.sentence, p.name) not in appositive_regions:
                location, how = p, "previous paragraph"
                break
    if location is None and region is not None:
        location, how = region, "article region"
    if how:
        notes.append(f"location=from {how}")
    name = location.name if location else ""
    if not name:
        notes.append("location=unknown")

    # scope
    aggregate = location is not None and (location.cue in ("region phrase", "across", "throughout") or how == "article region" or (
        t.event_type in _VIOLENT and location.feature == "country") or (
        d.family == "violence" and how and _AGGREGATE_CUE.search(text, q_start, q_end) is not None))
    scope = "aggregate" if aggregate else "local"

    # figures
    fatalities: int | None
    breakdown = ""
    if d.family == "violence":
        fig = fatality_figure(d.counts, d.zero)
        fatalities, breakdown = fig.fatalities, fig.breakdown
        notes.extend(fig.notes)
        if fatalities is None:
            notes.append("fatalities=not reported")
    else:
        fatalities = 0
        fig = fatality_figure(d.counts)
        if fig.fatalities:
            label = {"funeral": "mourned_killed", "grave": "bodies"}.get(d.family, "killed_mentioned")
            notes.append(f"{label}={fig.fatalities}" + (f" ({fig.breakdown.replace(';', ', ')})" if fig.breakdown else ""))
            notes.append("not added to fatalities: counted with the event that killed them")

    # date
    event_date, precision, date_text = resolve_date(d, dates_by_sentence, tables.dates, onset, published, notes)

    actor1 = actor2 = ""
    home = sentence_index(sentences, t.start)
    # agents named up to the primary trigger's sentence; later sentences only add context
    firsts = sorted((x for x in d.triggers if sentence_index(sentences, x.start) <= home), key=lambda x: x.start)[:2]
    for trig in firsts + ([t] if t not in firsts else []):
        s_end = sentences[sentence_index(sentences, trig.start)].end
        actor1, actor2 = pick_actors(text, q_start, s_end, trig.start, trig.end, t.event_type, phrases)
        if actor1:
            break
    if not actor1:
        s_end = sentences[sentence_index(sentences, t.start)].end
        actor1, actor2 = pick_actors(text, q_start, s_end, t.start, t.end, t.event_type, phrases)
    event_type, sub_event_type, note = refine_type(t, text[q_start:q_end], NON_STATE.search(actor1) is not None,
                                                   breakdown)
    if note:
        notes.append(note)
    if event_type != t.event_type and actor2 == "civilians":
        actor2 = ""
    if d.family == "displacement" and destination and not origin:
        # "RSF attacked the Zamzam camp ... Thousands fled to Tawila": people flee from
        # where the paragraph's previous incident happened; in a report about one area
        # with no such incident, from that area.
        if context_origin and context_origin != destination:
            origin = context_origin
            notes.append("origin_from=previous incident")
        elif region is not None and region.name != destination:
            origin = region.name
            notes.append("origin_from=article region")
    notes.append(f"trigger={t.text.lower()}")
    key = f"{article.id}:{q_start}:{q_end}:{sub_event_type}" + (f":{d.segment[0]}" if d.segment else "")
    incident_id = f"{article.id}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"
    return Incident(
        incident_id=incident_id,
        article=article.id,
        event_date=event_date,
        time_precision=precision,
        date_text=date_text,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor1,
        actor2=actor2,
        location=name,
        fatalities=fatalities,
        fatalities_breakdown=breakdown,
        scope=scope,
        quote=text[q_start:q_end],
        quote_start=q_start,
        quote_end=q_end,
        notes=";".join(n.replace(";", ",") for n in notes),
        origin=origin,
        destination=destination,
    )








