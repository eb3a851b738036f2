"""Frozen result types of extraction. Pure data: no I/O, no behaviour beyond formatting."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import NamedTuple

from mapper.diagnostics import Diagnostic
from mapper.schema import INCIDENT_COLUMNS


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str  # == article.text[start:end]
    paragraph: int
    cut: bool = False  # ends at sentences.MAX_SENTENCE_CHARS, not at a sentence end


@dataclass(frozen=True)
class Offset:
    """A distance and a bearing written from a known place: "some 60 km south-west of Doro"
    (mapper.extract.offsets); the geocoder moves the anchor's point by it (mapper.geocode.offsets)."""

    anchor: str  # the known place as written ("Doro")
    bearing: float | None  # degrees clockwise from north (south-west: 225); None: "near Doro" gives no direction
    km: float | None  # None: "north-east of Doro" gives no distance
    text: str  # the phrase as written, for resolution


@dataclass(frozen=True)
class PlaceMention:
    name: str  # exactly as written in the article
    start: int
    end: int
    sentence: int
    feature: str = ""  # cue noun: village, town, city, country, region, base, province, ...
    region: str = ""  # region the article gives for it ("central Syria"), else ""
    role: str = "location"  # "location" | "actor" | "embedded" (in an organisation's name: "Texas Forest Service")
    cue: str = ""  # why it is a place: "gazetteer", "village of", "residents of", "in", ...
    within: str = ""  # the place the text puts it in, as written ("Dessa, Zamfara" -> "Zamfara")
    # ``within`` read from a bare comma ("Dessa, Zamfara"), which may also be a list of towns
    # ("talks in Geneva, Vienna"); not from brackets, "in the countryside of", "X town of Y"
    within_by_comma: bool = False
    offset: Offset | None = None  # "Kelva, 10 km east of Doro": Kelva's offset from Doro
    capital_of: str = ""  # "the Yemeni capital": the ISO code of the country whose capital it names (capitals.py)


class Note(NamedTuple):
    """One item of an incident's ``notes``: "key=value" ("trigger=shelled", "location=unknown"),
    or a remark without a value (``value`` None). The ``notes`` column is rendered from these
    once (``render_notes``); no stage reads the rendered text back."""

    key: str
    value: str | None = None

    @classmethod
    def of(cls, item: Note | str) -> Note:
        """A Note, or a note handed over as "key=value" text by a stage that builds no Notes."""
        if isinstance(item, Note):
            return item
        key, sep, value = item.partition("=")
        return cls(key, value) if sep else cls(item)

    def render(self) -> str:
        """The item as written in the notes column (";" separates items, so none inside one)."""
        text = self.key if self.value is None else f"{self.key}={self.value}"
        return text.replace(";", ",")


def render_notes(items: tuple[Note, ...]) -> str:
    return ";".join(n.render() for n in items)


@dataclass(frozen=True)
class Incident:
    incident_id: str
    article: str
    event_date: str  # ISO date or "" when the article has no publication date to anchor it
    time_precision: int  # ACLED: 1 day, 2 week, 3 month
    date_text: str
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    location: str
    fatalities: int | None  # None = not reported; the row shows 0 (ACLED), notes say "fatalities=not reported"
    fatalities_breakdown: str
    scope: str  # "local" | "aggregate"
    quote: str
    quote_start: int
    quote_end: int
    notes: str  # rendered from note_items (render_notes)
    origin: str = ""  # displacement: where people fled from, as written; a column, never a note
    destination: str = ""  # displacement: where they fled to, as written
    evidence: str = ""  # "date:publication;sources:2": what the row rests on (mapper/extract/evidence.py)
    note_items: tuple[Note, ...] = ()  # what ``notes`` is rendered from, for the stages that read notes

    def note(self, key: str) -> str | None:
        """The value of the first note item with this key (None when there is none)."""
        return next((n.value for n in self.note_items if n.key == key), None)

    def with_note(self, note: Note) -> Incident:
        """This incident with one more note item (the notes column rendered again)."""
        items = (*self.note_items, note)
        return replace(self, note_items=items, notes=render_notes(items))

    def as_row(self) -> list:
        row = []
        for name in INCIDENT_COLUMNS:
            value = getattr(self, name)
            if value is None:
                # ACLED convention: no reported figure is coded 0; the notes keep the difference.
                value = 0 if name == "fatalities" else ""
            row.append(value)
        return row


# The API promises one field per column, same names, same order.
assert [f.name for f in fields(Incident)][: len(INCIDENT_COLUMNS)] == INCIDENT_COLUMNS


@dataclass(frozen=True)
class ArticleExtraction:
    article_id: str
    sentences: tuple[Sentence, ...]
    places: tuple[PlaceMention, ...]
    incidents: tuple[Incident, ...]
    # problems of the article's text for the build summary (W201-W203), each "line N: reason"
    # about the article's file: dates and figures out of range, overlong sentences
    warnings: tuple[Diagnostic, ...] = ()
