"""Join incidents to places (pandas): the table the map and GeoJSON are drawn from.

``incidents.location`` joins ``places.place`` exactly (both are the name as
written in the article). Each incident gains its coordinates, how they were
found, an uncertainty radius, its article's title/source/url, and, for
displacement, the coordinates of its origin.
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path
from typing import Callable, Mapping

import numpy as np
import pandas as pd

from mapper.articles import Article
from mapper.errors import InputError
from mapper.geocode.resolve import DEFAULT_UNCERTAINTY_KM
from mapper.schema import INCIDENT_COLUMNS, JOINED_EXTRA_COLUMNS, PLACE_COLUMNS
from mapper.storage import csv_record_lines, from_spreadsheet_safe

# The uncertainty the geocoder itself writes at the end of a resolution
# ("gazetteer: ...; ±2 km", "...; ±50 km; add an override to pin it"). Only
# that final item counts: a "±20000 km" earlier in the line came from a
# citation or a provider's name, not from us.
_RADIUS = re.compile(r"; ±(\d{1,5}(?:\.\d+)?) km(?:; add an override to pin it)?\Z")
_NOTE_ITEM = re.compile(r"(?:^|;)\s*(origin|destination|sources)=([^;]*)")


def read_table(path, columns: list[str], warn: Callable[[str], None] | None = None) -> pd.DataFrame:
    """Read one of our CSVs as text (no NaN guessing), checking its header and its number cells.

    The spreadsheet-safe quote of a text cell ("'=SUM(1)") is removed again.
    A hand-edited cell that is not what its column holds ("12.5" fatalities,
    a latitude "abc") skips its row with one message naming the file, line
    and column, given to ``warn`` (the rest is mapped); without ``warn`` it
    is raised as an InputError.
    """
    try:
        raw = Path(path).read_bytes()
        frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: not found; run the stage that writes it first (or `mapper build`)") from None
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise InputError(f"{path}: not a readable CSV ({error})") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    frame.columns = [from_spreadsheet_safe(str(name)) for name in frame.columns]
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise InputError(f"{path}: missing columns {', '.join(missing)}")
    frame = frame[columns].fillna("")  # (a row with too few fields reads as empty cells)
    if _may_have_quoted_cells(raw):
        for column in columns:
            values = frame[column].tolist()
            if any(value[:1] == "'" for value in values):
                frame[column] = [from_spreadsheet_safe(value) for value in values]
    problems = _row_problems(frame)
    if not problems:
        return frame
    lines = csv_record_lines(path)
    for position, problem in problems.items():
        line = lines[position] if position < len(lines) else position + 2
        message = f"{path} line {line}{problem}; row skipped"
        if warn is None:
            raise InputError(message)
        warn(message)
    return frame.drop(index=frame.index[list(problems)]).reset_index(drop=True)


# Whole-number columns: (lowest, highest or None, required).
_WHOLE_NUMBERS = {
    "fatalities": (0, None, True),
    "quote_start": (0, None, True),
    "quote_end": (0, None, True),
    "time_precision": (1, 3, False),
    "geo_precision": (1, 3, False),
}
_DEGREES = {"latitude": 90.0, "longitude": 180.0}
_DIGITS = re.compile(r"[0-9]{1,15}")  # ASCII digits; 15 keeps a 320-digit toll out


def _may_have_quoted_cells(raw: bytes) -> bool:
    """Whether any ' in the file follows a comma, a line end or an opening double quote.

    A cell starting with ' (a spreadsheet-safe "'=SUM(1)") must; most files
    have none, and numpy says so for 100,000 rows in ~10 ms, where looking at
    every cell in Python takes ~0.3 s.
    """
    data = np.frombuffer(raw, dtype=np.uint8)
    quotes = np.flatnonzero(data == ord("'"))
    if quotes.size == 0:
        return False
    if quotes[0] == 0:
        return True
    return bool(np.isin(data[quotes - 1], (ord(","), ord("\n"), ord('"'))).any())


def _suspects(column: str, values: list[str]) -> list[int]:
    """Positions of the cells of ``column`` that need a closer look (usually none), found at C speed."""
    if column in _WHOLE_NUMBERS:
        low, high, required = _WHOLE_NUMBERS[column]
        if high is None:
            joined = "".join(values)
            if joined.isdigit() and joined.isascii() and "" not in values and max(map(len, values), default=0) <= 15:
                return []  # "0", "745", ...: all whole numbers, none negative
        elif set(values) <= {"", *map(str, range(low, high + 1))}:
            return []
        return [position for position, value in enumerate(values) if _cell_problem(column, value)]
    if column in _DEGREES:
        series = pd.Series(values, dtype=object)
        numbers = pd.to_numeric(series, errors="coerce")
        bad = (series != "") & ~(numbers.abs() <= _DEGREES[column])
        return [int(position) for position in bad.to_numpy().nonzero()[0]]
    return []


def _row_problems(frame: pd.DataFrame) -> dict[int, str]:
    """Row position -> ', column fatalities: '1e400' is not a whole number' (the first bad cell of each row)."""
    problems: dict[int, str] = {}
    for column in frame.columns:
        values = frame[column].tolist()
        for position in _suspects(column, values):
            reason = _cell_problem(column, values[position])
            if reason and position not in problems:
                value = values[position]
                shown = value if len(value) <= 40 else value[:40] + "…"
                problems[position] = f", column {column}: {shown!r} {reason}"
    return dict(sorted(problems.items()))


def _cell_problem(column: str, text: str) -> str:
    if column in _WHOLE_NUMBERS:
        low, high, required = _WHOLE_NUMBERS[column]
        if not text.strip():
            return "is empty (a whole number is required)" if required else ""
        if not _DIGITS.fullmatch(text.strip()):
            return "is negative" if _DIGITS.fullmatch(text.strip().lstrip("-")) else "is not a whole number"
        value = int(text)
        if value < low or (high is not None and value > high):
            return f"is outside {low}..{high}" if high is not None else f"is below {low}"
        return ""
    if column in _DEGREES:
        if not text.strip():
            return ""
        try:
            value = float(text)
        except ValueError:
            return f"is not a {column} in degrees"
        if not math.isfinite(value) or abs(value) > _DEGREES[column]:
            return f"is outside -{_DEGREES[column]:g}..{_DEGREES[column]:g}"
    return ""


def join_incidents(incidents: pd.DataFrame, places: pd.DataFrame, articles: Mapping[str, Article]) -> pd.DataFrame:
    incidents = incidents[INCIDENT_COLUMNS].copy()
    places = places[PLACE_COLUMNS].drop_duplicates("place")
    joined = incidents.merge(places, how="left", left_on="location", right_on="place", validate="many_to_one")

    for column in ("latitude", "longitude"):
        joined[column] = pd.to_numeric(joined[column], errors="coerce")
    joined["geo_precision"] = pd.to_numeric(joined["geo_precision"], errors="coerce").astype("Int64")
    for column in ("fatalities", "time_precision", "quote_start", "quote_end"):
        joined[column] = pd.to_numeric(joined[column], errors="coerce").astype("Int64")
    joined["uncertainty_km"] = [
        _uncertainty(resolution, precision, provider)
        for resolution, precision, provider in zip(joined["resolution"].fillna(""), joined["geo_precision"],
                                                   joined["provider"].fillna(""))
    ]

    def meta(article_id: str, field: str) -> str:
        article = articles.get(article_id)
        return getattr(article, field) if article else ""

    joined["article_title"] = [meta(a, "title") for a in joined["article"]]
    joined["article_source"] = [meta(a, "source") for a in joined["article"]]
    joined["article_url"] = [meta(a, "url") for a in joined["article"]]

    by_place = places.set_index("place")
    origins = [note_value(notes, "origin") for notes in joined["notes"]]
    joined["origin_latitude"] = [_place_coord(by_place, origin, "latitude") for origin in origins]
    joined["origin_longitude"] = [_place_coord(by_place, origin, "longitude") for origin in origins]

    for column in ("provider", "country_code", "admin1"):
        joined[column] = joined[column].fillna("")
    return joined[INCIDENT_COLUMNS + JOINED_EXTRA_COLUMNS]


def note_value(notes: str, key: str) -> str:
    """The value of a ``key=value`` item in a ``;``-separated notes field."""
    for found_key, value in _NOTE_ITEM.findall(notes or ""):
        if found_key == key:
            return value.strip()
    return ""


def _uncertainty(resolution: str, precision, provider: str = "") -> float | None:
    """The radius the geocoder wrote at the end of ``resolution``, else the default for ``precision``.

    An override's resolution ends with the analyst's citation, so it is
    never read for a radius: "source: survey, ±20000 km" must not draw a
    circle round the Earth. Its radius comes from its geo_precision.
    """
    match = _RADIUS.search(resolution) if provider != "override" else None
    if match:
        return float(match.group(1))
    if pd.isna(precision):
        return None
    return DEFAULT_UNCERTAINTY_KM.get(int(precision))


def _place_coord(by_place: pd.DataFrame, name: str, column: str) -> float | None:
    if not name or name not in by_place.index:
        return None
    value = pd.to_numeric(by_place.at[name, column], errors="coerce")
    return None if pd.isna(value) else float(value)
