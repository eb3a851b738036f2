"""Incidents from sentences, coded the way a careful ACLED coder would.

Sentence -> triggers (lexicon_events) -> one draft per family -> drafts merged with the
next sentence(s) when those continue the same event -> location, date, actors,
figures -> Incident. Each stage is its own module, with typed inputs:

  article_index  what every stage reads, computed once (sentence of an offset, places by sentence)
  dating         the date phrases that may date an incident, relative dates, the article's onset
  drafts         support and merge rules: sentences -> Draft (one event's sentences)
  locate         the location cascade, LOCATION_STRATEGIES (named functions, tried in order), scope
  figures        fatalities, breakdown and their notes
  incidents      this module: a Draft -> Incident (actors, type in context, notes, id)

Rules (see also the module docstrings of those modules and numbers, dates, actors, lexicon_events):
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
- scope "aggregate" when the location is a region phrase (unless the trigger's sentence dates
  one event to a day: "On 9 May, rebels shelled positions in northern Lattakia" is local, at
  the region, approximate), an "across X" area or the article region, or a whole country for
  a violent event; else "local";
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

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace

from mapper.extract.actors import NON_STATE, actor_phrases, pick_actors
from mapper.extract.article_index import ArticleIndex
from mapper.extract.context import resolve_date
from mapper.extract.dates import date_words
from mapper.extract.dating import ArticleDates, article_dates
from mapper.extract.drafts import Draft, build_drafts
from mapper.extract.figures import incident_figures
from mapper.extract.lexicon_events import Trigger, is_plural_noun, names_demonstration, refine_type
from mapper.extract.locate import LocateTables, inferred_origin, locate, make_case, scope_of
from mapper.extract.model import Incident, Note, Sentence, render_notes
from mapper.extract.places import PlaceScan
from mapper.extract.tokens import Doc


@dataclass(frozen=True)
class ArticleStages:
    """What finishing each draft reads, computed once per article."""

    index: ArticleIndex
    dates: ArticleDates
    tables: LocateTables
    phrases: list[tuple[int, int, str]]  # the actor phrases of the drafts' sentences
    demonstration: bool = True  # the article names a demonstration (a riot in it is no Mob violence)


def build_incidents(article, sentences: tuple[Sentence, ...], headings: frozenset[int], scan: PlaceScan,
                    doc: Doc | None = None) -> tuple[Incident, ...]:
    """``doc``: the article's tokens (``tokenize(text, sentences)``), made here when not given."""
    index = ArticleIndex.of(article, sentences, headings, scan, doc)
    dates = article_dates(index)
    drafts = build_drafts(index, dates.by_sentence)
    # read once per article, and only when a riot is to be typed
    riot = any(d.trigger.sub_event_type in ("Violent demonstration", "Looting/property destruction") for d in drafts)
    stages = ArticleStages(index, dates, LocateTables.of(index), draft_actor_phrases(index, drafts),
                           names_demonstration(index.text) if riot else True)
    incidents = []
    last_place: dict[int, str] = {}  # paragraph -> place of its latest local, non-displacement incident
    for d in sorted(drafts, key=lambda d: (d.first, d.trigger.start)):
        incident = finish(stages, d, context_origin=last_place.get(d.paragraph, ""))
        if incident.scope == "local" and incident.location and incident.sub_event_type != "Displacement":
            last_place[d.paragraph] = incident.location
        incidents.append(incident)
    return tuple(lead_toll_joined(without_background(incidents, index.published), index.text))


# the lead and the event's account at most this far apart (the quote then spans both, verbatim)
LEAD_REACH = 600


def lead_toll_joined(incidents: list[Incident], text: str) -> list[Incident]:
    """"An ambush on a military patrol near Niger's border with Mali killed 16 soldiers" (the lead,
    placed only at a country or a border: an aggregate row) and "The patrol was returning ... in
    Tillia when it was attacked" (the event's own place, no toll): one event told twice. When the
    article's first incident is such an aggregate for one event (its trigger no plural: not
    "attacks"), and one local incident of its type follows with no toll of its own and no other
    date, that incident takes the lead's toll and the lead's row goes; its quote then runs from the
    lead to its own end, so the figure stays in it."""
    if not incidents:
        return incidents
    lead = min(incidents, key=lambda i: (i.quote_start, i.quote_end))
    trigger = lead.note("trigger") or ""
    if lead.scope != "aggregate" or lead.fatalities is None or is_plural_noun(trigger.split()[-1] if trigger else ""):
        return incidents
    later = [i for i in incidents if i is not lead and i.quote_start > lead.quote_start]
    # same type, or one typed by a weak word only ("it was attacked": the lead's "ambush ...
    # killed 16 soldiers" says better what it was)
    same = [i for i in later if i.event_type == lead.event_type
            or (i.event_type in _VIOLENT_TYPES and lead.event_type in _VIOLENT_TYPES and i.note("trigger_strength") == "weak")]
    local = [i for i in same if i.scope == "local"]
    if len(same) != 1 or len(local) != 1 or local[0].fatalities is not None:
        return incidents
    event = local[0]
    if event.event_type != lead.event_type:
        event = replace(event, event_type=lead.event_type, sub_event_type=lead.sub_event_type)
    if lead.date_text and event.date_text and lead.event_date != event.event_date:
        return incidents
    if event.quote_start - lead.quote_end > LEAD_REACH:
        return incidents
    notes = tuple(n for n in event.note_items if n.key != "fatalities") + (Note("fatalities", "from the lead"),)
    joined = replace(event, fatalities=lead.fatalities, fatalities_breakdown=lead.fatalities_breakdown,
                     note_items=notes, notes=render_notes(notes), quote_start=lead.quote_start,
                     quote=text[lead.quote_start:event.quote_end])
    return [joined if i is local[0] else i for i in incidents if i is not lead]


_VIOLENT_TYPES = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence"})


# how long before the report an event its text dates is the report's background, not its news
BACKGROUND_DAYS = 90
_EARLIER = re.compile(rf"\b(?:{date_words('earlier_period')})\s+$", re.I)


def without_background(incidents: list[Incident], published) -> list[Incident]:
    """"Earlier in December 2019, a man was beaten to death in Dorva" in a report of this week's
    killing: an event the text dates a season or more before the report was reported in its
    time; it is context here, not an incident of this report. A report whose every incident is
    that old (a look back at one event) keeps them all. So is an event dated "earlier last
    week", "last month" (date_words.csv, earlier_period) in a report whose news is dated to
    its day."""
    old = [_dated_long_before(i, published) for i in incidents]
    if any(old) and not all(old):
        incidents = [i for i, background in zip(incidents, old, strict=True) if not background]
    # "The attack took place on Saturday ... Earlier last week, a suicide bombing at Quetta
    # Railway Station claimed 26 lives": a report of a dated day's event recalls earlier ones
    news = any(i.scope == "local" and i.time_precision == 1 and i.date_text and not _set_earlier(i) for i in incidents)
    return [i for i in incidents if not (news and _set_earlier(i))]


def _set_earlier(incident: Incident) -> bool:
    """"Earlier last week, ...": the incident's date phrase follows an earlier_period word."""
    if not incident.date_text or incident.time_precision == 1:
        return False
    at = incident.quote.find(incident.date_text)
    return at > 0 and _EARLIER.search(incident.quote[max(0, at - 12):at]) is not None


def _dated_long_before(incident: Incident, published) -> bool:
    if published is None or not incident.event_date or not incident.date_text:
        return False  # undated in the text: dated by the report
    if any(n.key == "date" and n.value == "onset of the violence" for n in incident.note_items):
        return False  # "the violence erupted": the article's own onset
    return (published - dt.date.fromisoformat(incident.event_date)).days > BACKGROUND_DAYS


def draft_actor_phrases(index: ArticleIndex, drafts: list[Draft]) -> list[tuple[int, int, str]]:
    """Actor phrases of the drafts' sentences, read once per run of touching quotes."""
    spans = sorted((index.sentences[d.first].start, index.sentences[d.last].end) for d in drafts)
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    phrases: list[tuple[int, int, str]] = []
    for a, b in merged:
        phrases.extend(actor_phrases(index.text, a, b))
    return phrases


def finish(stages: ArticleStages, d: Draft, context_origin: str = "") -> Incident:
    """One draft as an incident: located, counted, dated, with its actors and type."""
    index = stages.index
    text = index.text
    case = make_case(index, stages.tables, d)
    q_start, q_end = case.q_start, case.q_end
    location = locate(case)
    notes = [Note.of(n) for n in location.notes]
    if location.how:
        notes.append(Note("location", f"from {location.how}"))
    name = location.place.name if location.place else ""
    if not name:
        notes.append(Note("location", "unknown"))
    figures = incident_figures(d.family, d.counts, d.zero)
    notes.extend(Note.of(n) for n in figures.notes)
    date_notes: list[str] = []  # resolve_date hands its notes as "key=value" text
    event_date, precision, date_text = resolve_date(d, stages.dates.by_sentence, stages.dates.paragraphs,
                                                    stages.dates.onset, index.published, date_notes, stages.dates.labelled)
    notes.extend(Note.of(n) for n in date_notes)
    actor1, actor2 = incident_actors(index, d, stages.phrases)
    t = d.trigger
    # whose dead (or, when the split is not given, whose dead and wounded) the text counts
    harmed = figures.breakdown or ";".join(sorted({f"{c.group}=" for c in d.counts if c.kind == "mixed" and c.group}))
    event_type, sub_event_type, note = refine_type(t, text[q_start:q_end], NON_STATE.search(actor1) is not None,
                                                   harmed, text[t.end:min(q_end, t.end + 60)],
                                                   stages.demonstration, text[max(q_start, t.start - 60):t.start])
    if note:
        notes.append(Note.of(note))
    if event_type != t.event_type and actor2 == "civilians":
        actor2 = ""
    origin, origin_note = inferred_origin(case, case.ends.origin, case.ends.destination, context_origin)
    if origin_note is not None:
        notes.append(origin_note)
    notes.append(Note("trigger", t.text.lower()))
    if t.strength == "weak":  # "the violence in Goma": an event only in its context (evidence trigger:weak)
        notes.append(Note("trigger_strength", "weak"))
    items = tuple(notes)
    return Incident(
        incident_id=incident_id(index.article_id, q_start, q_end, sub_event_type, d.segment),
        article=index.article_id,
        event_date=event_date,
        time_precision=precision,
        date_text=date_text,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor1,
        actor2=actor2,
        location=name,
        fatalities=figures.fatalities,
        fatalities_breakdown=figures.breakdown,
        scope=scope_of(case, location, one_day=_one_event_of_a_day(index, t, precision, date_text, date_notes)),
        quote=text[q_start:q_end],
        quote_start=q_start,
        quote_end=q_end,
        notes=render_notes(items),
        origin=origin,
        destination=case.ends.destination,
        note_items=items,
    )


def _one_event_of_a_day(index: ArticleIndex, trigger: Trigger, precision: int, date_text: str,
                        date_notes: list[str]) -> bool:
    """Whether the trigger's own sentence dates one event to a day: "On 9 May, rebels shelled
    regime positions"; not a day the paragraph or an earlier sentence gave ("Friday ... revenge
    killings. According to eyewitnesses in the coastal region, gunmen shot Alawites": many
    events over the region), and not a plural event noun ("clashes on Friday across the north")."""
    if precision != 1 or not date_text or date_notes:
        return False
    sentence = index.sentences[index.sentence_of(trigger.start)]
    last = trigger.text.lower().split()[-1] if trigger.text.strip() else ""
    # "rioters", "protesters": the people of one crowd, not many events
    return date_text in sentence.text and not (last.endswith("s") and not last.endswith(("ss", "ers", "ors")))


def incident_actors(index: ArticleIndex, d: Draft, phrases: list[tuple[int, int, str]]) -> tuple[str, str]:
    """Agents named up to the primary trigger's sentence (later sentences only add context):
    the first of the draft's first two triggers (then the primary) that has an actor1; else
    what the primary trigger's own reading gives (actor2 alone, or nothing)."""
    text, t = index.text, d.trigger
    q_start = index.sentences[d.first].start
    home = index.sentence_of(t.start)
    # triggers up to the end of the primary's sentence (before the next sentence's start)
    limit = index.starts[home + 1] if home + 1 < len(index.starts) else len(text) + 1
    firsts = sorted((x for x in d.triggers if x.start < limit), key=lambda x: x.start)[:2]
    primary = ("", "")
    for trig in firsts + ([t] if t not in firsts else []):
        s_end = index.sentences[index.sentence_of(trig.start)].end
        actors = pick_actors(text, q_start, s_end, trig.start, trig.end, t.event_type, phrases)
        if actors[0]:
            return actors
        if trig == t:  # the primary trigger is always tried: its reading is the answer when none has an actor1
            primary = actors
    return primary


def incident_id(article_id: str, q_start: int, q_end: int, sub_event_type: str, segment: tuple[int, int] | None) -> str:
    """"<article id>-<8 hex>": stable across runs and independent of other incidents."""
    key = f"{article_id}:{q_start}:{q_end}:{sub_event_type}" + (f":{segment[0]}" if segment else "")
    return f"{article_id}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"
