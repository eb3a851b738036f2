"""Lasting review: an analyst's verdicts on incidents, kept in data/reviews.csv and applied at every build.

One row per review, in the order they were written::

    incident_id,action,field,value,reviewer,reason,date
    3f2a…,confirm,,,amal,matches the UN OCHA flash update,2026-12-04
    9b1c…,reject,,,amal,not an incident: a commemoration,2026-12-04
    4d0e…,edit,fatalities,3,amal,"OCHA, 5 March: three dead",2026-12-04

- ``confirm``: the row is right as extracted (``review_state`` "confirmed", confidence high);
- ``reject``: the row is no incident: it leaves every table, the GeoJSON and the map;
- ``edit``: ``field`` takes ``value`` instead of what was extracted (``review_state`` "edited",
  ``edited_fields`` lists the fields, "fatalities;location"; confidence high).

A row nobody reviewed has ``review_state`` empty (the map calls it "unreviewed").
A later review of the same incident and field supersedes an earlier one (a confirm
and a reject are both the incident's verdict: the later holds); the same review
written twice counts once. Each problem is a Diagnostic naming the file and line;
the file itself is only ever appended to (``append_review``), never rewritten, so
a review of an incident that is no longer extracted is reported and kept.

An edited ``location`` is placed again from data/places.csv when the article has that
name there (its point, precision, provider and country); otherwise the row keeps the
extracted place's point, drawn as approximate (``geo_precision`` at least 2), and a
W606 says to add the name to data/places_overrides.csv.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pandas as pd

from mapper.diagnostics import Diagnostic, Emit
from mapper.errors import InputError
from mapper.schema import REVIEW_COLUMNS
from mapper.storage import csv_field_limit, csv_text, from_spreadsheet_safe, write_atomic

ACTIONS = ("confirm", "reject", "edit")
# What an edit may change, in the order ``edited_fields`` lists them. Ids, the article,
# the quote and its offsets are what a row is (and its id is made of): never edited.
EDITABLE_FIELDS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "fatalities",
                   "origin", "destination")
FIXED_FIELDS = frozenset({"incident_id", "article", "quote", "quote_start", "quote_end", "scope", "evidence",
                          "notes", "date_text", "time_precision", "fatalities_breakdown"})
# The columns an edited location takes from its places.csv row.
_PLACE_FIELDS = ("latitude", "longitude", "geo_precision", "provider", "country_code", "admin1", "uncertainty_km",
                 "approximation")
MAX_FATALITIES = 10_000_000  # as extraction (W202): a bigger toll is a typo
MAX_CELL_CHARS = 2_000


@dataclass(frozen=True)
class Review:
    """One review row: what was decided about one incident, by whom, why, and where it is written."""

    incident_id: str
    action: str  # confirm | reject | edit
    field: str = ""  # edit only
    value: str = ""  # edit only
    reviewer: str = ""
    reason: str = ""  # the reason or a citation
    date: str = ""  # ISO date the review was written
    path: str = ""
    line: int = 0

    @property
    def key(self) -> tuple[str, str]:
        """What a later review supersedes: the incident's verdict ("") or one field."""
        return self.incident_id, self.field if self.action == "edit" else ""

    def as_row(self) -> list[str]:
        return [self.incident_id, self.action, self.field, self.value, self.reviewer, self.reason, self.date]

    def describe(self) -> str:
        """'edit fatalities = 3', 'reject', 'confirm'."""
        return f"edit {self.field} = {self.value!r}" if self.action == "edit" else self.action


def _review(cells: Sequence[str], path: str, line: int) -> Review:
    incident_id, action, field, value, reviewer, reason, date = cells
    return Review(incident_id, action, field, value, reviewer, reason, date, path, line)


# -- validation ----------------------------------------------------------------

def _types() -> tuple[frozenset[str], dict[str, str]]:
    from mapper.tables.coding import acled_types

    pairs = acled_types()
    return frozenset(event for event, _ in pairs), {sub: event for event, sub in pairs}


def value_problem(field: str, value: str) -> str:
    """Why ``value`` cannot be the new ``field`` ('' when it can): 'fatalities must be a whole number ≥ 0'."""
    if field in FIXED_FIELDS:
        return f"field {field!r} cannot be edited (editable: {', '.join(EDITABLE_FIELDS)})"
    if field not in EDITABLE_FIELDS:
        return f"no editable field {field!r} (editable: {', '.join(EDITABLE_FIELDS)})"
    if len(value) > MAX_CELL_CHARS:
        return f"the value of {field} is over {MAX_CELL_CHARS:,} characters"
    if field == "fatalities":
        if not (value.isascii() and value.isdigit()) or int(value) > MAX_FATALITIES:
            return f"fatalities must be a whole number from 0 to {MAX_FATALITIES:,}, not {value!r}"
    elif field == "event_date":
        if not _is_iso_date(value):
            return f"event_date must be an ISO date (YYYY-MM-DD), not {value!r}"
    elif field == "event_type":
        events, _ = _types()
        if value not in events:
            return f"unknown event_type {value!r} (mapper/tables/data/acled_types.csv lists them)"
    elif field == "sub_event_type":
        _, subs = _types()
        if value not in subs:
            return f"unknown sub_event_type {value!r} (mapper/tables/data/acled_types.csv lists them)"
    elif field == "location" and not value.strip():
        return "location cannot be edited to nothing"
    return ""


def pair_problem(event_type: str, sub_event_type: str) -> str:
    """'' when (event_type, sub_event_type) is a pair of acled_types.csv, else why not."""
    _, subs = _types()
    if subs.get(sub_event_type) == event_type:
        return ""
    return (f"event_type {event_type!r} does not go with sub_event_type {sub_event_type!r} "
            f"(edit sub_event_type instead: its event type follows)")


def _is_iso_date(text: str) -> bool:
    if len(text) != 10:
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _is_iso_timestamp(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def row_problem(cells: Sequence[str]) -> str:
    """Why a row of reviews.csv is no review ('' when it is one)."""
    if len(cells) != len(REVIEW_COLUMNS):
        return f"{len(cells)} fields where the header has {len(REVIEW_COLUMNS)} ({', '.join(REVIEW_COLUMNS)})"
    incident_id, action, field, value, _reviewer, reason, date = cells
    if not incident_id.strip():
        return "no incident_id"
    if action not in ACTIONS:
        return f"unknown action {action!r} (confirm, reject or edit)"
    if action == "edit":
        problem = value_problem(field, value)
        if problem:
            return problem
    elif field or value:
        return f"a {action} names no field or value (only an edit does)"
    if action == "reject" and not reason.strip():
        return "a reject needs a reason"
    if date and not _is_iso_timestamp(date):
        return f"date must be ISO (YYYY-MM-DD), not {date!r}"
    return ""


# -- reading -------------------------------------------------------------------

def read_reviews(path: str | os.PathLike, emit: Emit) -> list[Review]:
    """The usable reviews of ``path`` in file order (none when there is no file).

    A row that is no review is skipped (W601), a repeated review counted once (W602),
    and a review superseded by a later one of the same incident and field is named
    (W603: it stays in the list; ``current`` drops it).
    """
    path = Path(path)
    text = _read_text(path, emit)
    if text is None:
        return []
    where = str(path)
    reviews: list[Review] = []
    seen: dict[tuple[str, ...], int] = {}
    with csv_field_limit(1024 * 1024):
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = [from_spreadsheet_safe(cell) for cell in next(reader, [])]
        except csv.Error as error:
            emit(Diagnostic("W607", where, f"not read: {error}"))
            return []
        if header != REVIEW_COLUMNS:
            emit(Diagnostic("W607", where, f"not read: its header is not {','.join(REVIEW_COLUMNS)}"))
            return []
        line = reader.line_num + 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                emit(Diagnostic("W601", where, f"review skipped: {error}", line=line))
                break
            if cells and any(cell.strip() for cell in cells):
                cells = [from_spreadsheet_safe(cell) for cell in cells]
                problem = row_problem(cells)
                if problem:
                    emit(Diagnostic("W601", where, f"review skipped: {problem}", line=line))
                else:
                    review = _review([cell if i == 3 else cell.strip() for i, cell in enumerate(cells)], where, line)
                    identity = (review.incident_id, review.action, review.field, review.value)
                    if identity in seen:
                        emit(Diagnostic("W602", where, f"{review.describe()} of {review.incident_id} repeats "
                                                       f"line {seen[identity]}: counted once", line=line))
                    else:
                        seen[identity] = line
                        reviews.append(review)
            line = reader.line_num + 1
    _name_superseded(reviews, emit)
    return reviews


def _read_text(path: Path, emit: Emit) -> str | None:
    try:
        if not path.exists() and not path.is_symlink():
            return None
        if path.is_symlink() or not path.is_file():
            emit(Diagnostic("W607", str(path), "not read: not a regular file (a symbolic link is never followed)"))
            return None
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        emit(Diagnostic("W607", str(path), "not read: not UTF-8"))
    except OSError as error:
        emit(Diagnostic("W607", str(path), f"not read: {error.strerror or error}"))
    return None


def _name_superseded(reviews: list[Review], emit: Emit) -> None:
    last: dict[tuple[str, str], Review] = {}
    for review in reviews:
        earlier = last.get(review.key)
        if earlier is not None:
            emit(Diagnostic("W603", review.path, f"{review.describe()} of {review.incident_id} supersedes "
                                                 f"line {earlier.line} ({earlier.describe()})", line=review.line))
        last[review.key] = review


def current(reviews: Iterable[Review]) -> list[Review]:
    """The reviews that hold: of those with one key (incident and field, or its verdict), the last."""
    last: dict[tuple[str, str], Review] = {}
    for review in reviews:
        last.pop(review.key, None)  # the latest goes to the end: file order of what holds
        last[review.key] = review
    return list(last.values())


# -- applying ------------------------------------------------------------------

def apply_reviews(table: pd.DataFrame, reviews: Sequence[Review], emit: Emit,
                  places: pd.DataFrame | None = None,
                  previous: Mapping[str, dict] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """(the table with the reviews applied, ids of the rows rejected), in the table's row order.

    ``table`` is the joined table (incidents x places); it comes back with ``review_state``
    ("confirmed", "edited" or "") and ``edited_fields`` ("fatalities;location"). ``places``
    (data/places.csv) re-places an edited location; ``previous`` (``previous_points``: the point
    the last build gave each row) keeps the point of a location edited to a name places.csv lacks
    when the table read already has the new name (``mapper map`` after a build). The input frame
    is not changed.
    """
    table = table.copy()
    table["review_state"] = ""
    table["edited_fields"] = ""
    known = set(table["incident_id"])
    holding = current(reviews)
    for review in holding:
        if review.incident_id not in known:
            emit(Diagnostic("W604", review.path, f"{review.describe()} of {review.incident_id}: no such incident "
                                                 "is extracted any more (its article changed or is gone); kept in the "
                                                 "file, not applied", line=review.line))
    verdicts = {review.incident_id: review for review in holding if review.action != "edit"}
    edits: dict[str, list[Review]] = {}
    for review in holding:
        if review.action == "edit":
            edits.setdefault(review.incident_id, []).append(review)
    rejected = [i for i in table["incident_id"] if i in verdicts and verdicts[i].action == "reject"]
    lookup = _place_lookup(places)
    positions = {incident_id: position for position, incident_id in enumerate(table["incident_id"])}
    for incident_id, review in verdicts.items():
        if review.action == "confirm" and incident_id in positions:
            table.iat[positions[incident_id], table.columns.get_loc("review_state")] = "confirmed"
    for incident_id, changes in edits.items():
        if incident_id in positions and incident_id not in rejected:
            _edit_row(table, table.index[positions[incident_id]], changes, lookup, previous or {}, emit)
    if rejected:
        table = table[~table["incident_id"].isin(set(rejected))]
    return table, rejected


def _place_lookup(places: pd.DataFrame | None) -> Mapping[tuple[str, str], dict]:
    if places is None or len(places) == 0:
        return {}
    found: dict[tuple[str, str], dict] = {}
    for row in places.to_dict("records"):
        if str(row.get("latitude", "")).strip():
            found.setdefault((str(row.get("article", "")), str(row["place"])), row)
            found.setdefault(("", str(row["place"])), row)  # an older places.csv has no article column
    return found


def _edit_row(table: pd.DataFrame, index, changes: list[Review], lookup: Mapping[tuple[str, str], dict],
              previous: Mapping[str, dict], emit: Emit) -> None:
    row = table.loc[index]
    values = {review.field: review for review in changes}
    applied: list[str] = []
    if "sub_event_type" in values:  # a sub-type brings its event type
        _, subs = _types()
        new_type = subs[values["sub_event_type"].value]
        if "event_type" in values and values["event_type"].value != new_type:
            review = values.pop("event_type")
            emit(Diagnostic("W605", review.path, f"{review.describe()} of {review.incident_id} not applied: "
                            f"{pair_problem(review.value, values['sub_event_type'].value)}", line=review.line))
        if "event_type" not in values:  # not listed in edited_fields: it follows the sub-type edited
            table.at[index, "event_type"] = new_type
    elif "event_type" in values:
        problem = pair_problem(values["event_type"].value, str(row["sub_event_type"]))
        if problem:
            review = values.pop("event_type")
            emit(Diagnostic("W605", review.path, f"{review.describe()} of {review.incident_id} not applied: {problem}",
                            line=review.line))
    for field, review in values.items():
        if field == "fatalities":
            table.at[index, field] = int(review.value)
        else:
            table.at[index, field] = review.value
        if field == "location":
            _replace(table, index, row, review, lookup, previous, emit)
        elif field == "origin":  # the arrow starts at the new origin when places.csv has it, else as before
            place = lookup.get((str(row["article"]), review.value)) or lookup.get(("", review.value))
            if place is not None:
                table.at[index, "origin_latitude"] = pd.to_numeric(place["latitude"], errors="coerce")
                table.at[index, "origin_longitude"] = pd.to_numeric(place["longitude"], errors="coerce")
        applied.append(field)
    if not applied:
        return
    table.at[index, "review_state"] = "edited"
    table.at[index, "edited_fields"] = ";".join(field for field in EDITABLE_FIELDS if field in applied)


def _replace(table: pd.DataFrame, index, row: pd.Series, review: Review, lookup: Mapping[tuple[str, str], dict],
             previous: Mapping[str, dict], emit: Emit) -> None:
    """An edited location's point: its places.csv row for the article, else the old point marked approximate."""
    place = lookup.get((str(row["article"]), review.value)) or lookup.get(("", review.value))
    before = previous.get(review.incident_id)
    kept = f"the point of {str(row['location'])!r}"
    if place is None and pd.isna(row["latitude"]) and before and before.get("location") == review.value:
        place, kept = before, "the point the last build gave it"  # the table read has the edited name already
    if place is not None:
        for column in _PLACE_FIELDS:
            if column not in place:  # the tables have no provider column
                continue
            value = place[column]
            if column in ("latitude", "longitude", "uncertainty_km"):
                value = pd.to_numeric(value, errors="coerce")
            elif column == "geo_precision":
                value = pd.to_numeric(value, errors="coerce")
                value = pd.NA if pd.isna(value) else int(value)
            table.at[index, column] = value
        if place is not before:
            return
    precision = table.at[index, "geo_precision"]
    if not pd.isna(precision) and int(precision) < 2:
        table.at[index, "geo_precision"] = 2
    emit(Diagnostic("W606", review.path, f"location of {review.incident_id} edited to {review.value!r}, which "
                    f"data/places.csv does not have for article {row['article']!r}: "
                    f"{kept} kept, drawn as approximate; add {review.value!r} to "
                    "data/places_overrides.csv to place it", line=review.line))


_POINT_COLUMNS = frozenset({"incident_id", "location", "edited_fields", *_PLACE_FIELDS})


def previous_points(tables: Iterable[str | os.PathLike]) -> dict[str, dict]:
    """The point each row of the tables a build wrote has, by incident id, for rows with an edited location."""
    found: dict[str, dict] = {}
    for path in tables:
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8",
                                usecols=lambda name: name in _POINT_COLUMNS)  # not the quotes: a big table
        except (OSError, ValueError, pd.errors.ParserError):
            continue
        if not {"incident_id", "location", "edited_fields", "latitude", "longitude"} <= set(frame.columns):
            continue
        for row in frame[frame["edited_fields"].str.contains("location", regex=False)].to_dict("records"):
            found[from_spreadsheet_safe(row["incident_id"])] = {key: from_spreadsheet_safe(value)
                                                                for key, value in row.items()}
    return found


# -- writing (``mapper review``) -------------------------------------------------

@dataclass(frozen=True)
class Known:
    """An incident as the tables have it: enough to check a new review against."""

    incident_id: str
    event_type: str
    sub_event_type: str
    location: str


_KNOWN_COLUMNS = frozenset({"incident_id", "event_type", "sub_event_type", "location"})


def known_incidents(data: str | os.PathLike) -> dict[str, Known]:
    """The incidents of data/incidents.csv and data/aggregates.csv by id (InputError without either)."""
    data = Path(data)
    found: dict[str, Known] = {}
    tables = [data / "incidents.csv", data / "aggregates.csv"]
    if not any(path.is_file() for path in tables):
        raise InputError(f"{data}: no incidents.csv or aggregates.csv; run `mapper build` first")
    for path in tables:
        if not path.is_file():
            continue
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8",
                                usecols=lambda name: name in _KNOWN_COLUMNS)
        except (OSError, ValueError, pd.errors.ParserError) as error:
            raise InputError(f"{path}: not a readable CSV ({error})") from None
        for column in ("incident_id", "event_type", "sub_event_type", "location"):
            if column not in frame.columns:
                raise InputError(f"{path}: no {column} column")
        for row in frame[["incident_id", "event_type", "sub_event_type", "location"]].itertuples(index=False):
            incident_id = from_spreadsheet_safe(row.incident_id)
            found.setdefault(incident_id, Known(incident_id, from_spreadsheet_safe(row.event_type),
                                                from_spreadsheet_safe(row.sub_event_type),
                                                from_spreadsheet_safe(row.location)))
    return found


def default_reviewer() -> str:
    return os.environ.get("USER") or os.environ.get("USERNAME") or "analyst"


def new_review(data: str | os.PathLike, incident_id: str, action: str, field: str = "", value: str = "",
               reviewer: str = "", reason: str = "", today: dt.date | None = None) -> Review:
    """A checked review of an incident of the tables in ``data`` (InputError naming what is wrong)."""
    path = Path(data) / "reviews.csv"
    incidents = known_incidents(data)
    if incident_id not in incidents:
        undo = action == "confirm" and any(r.incident_id == incident_id and r.action == "reject"
                                           for r in read_reviews(path, lambda _: None))
        if not undo:  # a confirm may take back a reject (its row is no longer in the tables)
            raise InputError(f"no incident {incident_id!r} in {Path(data) / 'incidents.csv'} or "
                             f"{Path(data) / 'aggregates.csv'} (see `mapper review list` or the tables)")
    date = (today or dt.datetime.now(dt.timezone.utc).date()).isoformat()
    cells = [incident_id, action, field, value, reviewer or default_reviewer(), reason, date]
    problem = row_problem(cells)
    if problem:
        raise InputError(f"review of {incident_id} not written: {problem}")
    known = incidents.get(incident_id)
    if known is not None and field == "event_type":
        problem = pair_problem(value, known.sub_event_type)
        if problem:
            raise InputError(f"review of {incident_id} not written: {problem}")
    return _review(cells, str(path), 0)


def append_review(data: str | os.PathLike, review: Review) -> Path:
    """Add one row to data/reviews.csv: the file is written whole beside itself and renamed (no row lost),
    one writer at a time (data/.reviews.lock: two analysts reviewing at once both keep their row)."""
    from filelock import FileLock, Timeout

    path = Path(data) / "reviews.csv"
    lock = FileLock(str(Path(data) / ".reviews.lock"), timeout=30)
    try:
        lock.acquire()
    except Timeout:
        raise InputError(f"{lock.lock_file}: another `mapper review` holds it; try again") from None
    except OSError as error:
        raise InputError(f"cannot lock {lock.lock_file}: {error.strerror or error}; nothing written") from None
    try:
        _append(path, review)  # a failed write is one OutputError naming the file; the file is as it was
    finally:
        lock.release()
    return path


def _append(path: Path, review: Review) -> None:
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise InputError(f"{path}: not a regular file; not written")
    if path.exists():
        try:
            old = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{path}: cannot be read to add a review ({error}); nothing written") from None
        if old.split("\n", 1)[0].lstrip("\ufeff").rstrip("\r") != ",".join(REVIEW_COLUMNS):
            raise InputError(f"{path}: its header is not {','.join(REVIEW_COLUMNS)}; nothing written")
        if not old.endswith("\n"):
            old += "\n"
    else:
        old = csv_text(REVIEW_COLUMNS, [])
    write_atomic(path, old + csv_text(REVIEW_COLUMNS, [review.as_row()]).split("\n", 1)[1])
