"""Analyst overrides: ``data/places_overrides.csv``, the first word on any place.

Columns: place, aliases (``|``-separated), latitude, longitude, geo_precision
(1-3), country_code, citation (where the coordinate comes from). One row per
line: a malformed row (an unclosed quote, a field over 128 KiB, latitude 95)
is reported with its line number and skipped; the others still apply. A
name (place or alias, folded) given by two rows is reported, and the first
row wins, so a later row cannot silently move a place. A file that is not
UTF-8 is decoded like a legacy article, with a warning. Problems go to ``warn`` as
``Diagnostic``s (W101, W401-W404).
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapper.readers import _decode_legacy
from mapper.diagnostics import Diagnostic, Emit
from mapper.geocode.names import fold
from mapper.schema import OVERRIDE_COLUMNS
from mapper.storage import csv_field_limit

# A place name, alias list or citation is a line of text; 128 KiB (the csv
# module's own default limit) is far beyond any real one.
MAX_FIELD_CHARS = 128 * 1024


@dataclass(frozen=True)
class Override:
    place: str
    aliases: tuple[str, ...]
    latitude: float
    longitude: float
    geo_precision: int
    country_code: str
    citation: str
    line: int

    def to_raw(self) -> dict:
        return {
            "place": self.place,
            "aliases": "|".join(self.aliases),
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "country_code": self.country_code,
            "citation": self.citation,
            "line": self.line,
        }


def read_overrides(path: str | os.PathLike, warn: Emit,
                   query_key: Callable[[str], str] = fold) -> list[Override]:
    path = Path(path)
    if not path.exists():
        return []
    text = _read_text(path, warn)
    if text is None:
        return []
    # One row per line, parsed on its own: an unclosed quote cannot swallow the rows after it.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    try:
        header = [name.strip() for name in _cells(lines[0])]
    except ValueError as error:
        warn(Diagnostic("W402", str(path), f"overrides ignored, the header is not a CSV row: {error}", line=1))
        return []
    missing = [column for column in ("place", "latitude", "longitude") if column not in header]
    if missing:
        warn(Diagnostic("W402", str(path),
                        f"overrides ignored, header lacks {', '.join(missing)} (expected {', '.join(OVERRIDE_COLUMNS)})"))
        return []
    overrides = []
    for line, row_text in enumerate(lines[1:], start=2):
        if not row_text.strip():
            continue
        try:
            overrides.append(_parse_row(_row(header, _cells(row_text)), line))
        except ValueError as error:
            warn(Diagnostic("W401", str(path), f"override skipped: {error}", line=line))
    _warn_duplicates(path, overrides, query_key, warn)
    return overrides


def _read_text(path: Path, warn: Emit) -> str | None:
    if not path.is_file():
        warn(Diagnostic("W403", str(path), "overrides not read: not a regular file"))
        return None
    try:
        raw = path.read_bytes()
    except OSError as error:
        warn(Diagnostic("W403", str(path), f"overrides not read ({error.strerror or error})"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text, note = _decode_legacy(raw)  # one cp1252 byte in a citation must not drop every override
        warn(Diagnostic("W101", str(path), note))
        return text


def _cells(row_text: str) -> list[str]:
    """The cells of one line; ValueError for an unclosed quote or a field over the limit."""
    try:
        with csv_field_limit(max(len(row_text) + 1, MAX_FIELD_CHARS)):
            return next(csv.reader([row_text], strict=True))
    except csv.Error as error:
        if row_text.count('"') % 2:
            raise ValueError("unclosed quote (a quoted field must end on its own line)") from None
        raise ValueError(f"not a CSV row ({error})") from None


def _row(header: list[str], cells: list[str]) -> dict[str, str]:
    if len(cells) != len(header):
        raise ValueError(f"wrong number of fields ({len(cells)}, the header has {len(header)})")
    for name, cell in zip(header, cells, strict=True):
        if len(cell) > MAX_FIELD_CHARS:
            raise ValueError(f"{name} is {len(cell):,} characters (limit {MAX_FIELD_CHARS:,})")
    return dict(zip(header, cells, strict=True))


def _warn_duplicates(path: Path, overrides: list[Override], query_key: Callable[[str], str],
                     warn: Emit) -> None:
    """'places_overrides.csv:5: 'Khmeimim' repeats 'Hmeimim' from line 2; line 2 wins'."""
    first: dict[str, tuple[str, int]] = {}
    for override in overrides:
        for name in (override.place, *override.aliases):
            key = query_key(name)
            known = first.setdefault(key, (name, override.line))
            if known[1] != override.line:
                warn(Diagnostic("W404", str(path), f"{name!r} repeats {known[0]!r} from line {known[1]}; "
                                f"line {known[1]} wins", line=override.line))


def _parse_row(row: dict[str, Any], line: int) -> Override:
    if any(row.get(column) is None for column in ("place", "latitude", "longitude")):
        raise ValueError("wrong number of fields")
    place = row["place"].strip()
    if not place:
        raise ValueError("empty place")
    latitude = _number(row, "latitude", -90, 90)
    longitude = _number(row, "longitude", -180, 180)
    precision_text = (row.get("geo_precision") or "1").strip()
    if precision_text not in {"1", "2", "3"}:
        raise ValueError(f"geo_precision must be 1, 2 or 3, not {precision_text!r}")
    aliases = tuple(alias.strip() for alias in (row.get("aliases") or "").split("|") if alias.strip())
    return Override(
        place=place,
        aliases=aliases,
        latitude=latitude,
        longitude=longitude,
        geo_precision=int(precision_text),
        country_code=(row.get("country_code") or "").strip().upper(),
        citation=(row.get("citation") or "").strip(),
        line=line,
    )


def _number(row: dict[str, Any], column: str, low: float, high: float) -> float:
    text = (row.get(column) or "").strip()
    try:
        value = float(text)
    except ValueError:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise ValueError(f"{column} is not a number: {shown!r}") from None
    if not low <= value <= high:
        raise ValueError(f"{column} {value} is outside {low}..{high}")
    return value


class OverridesGeocoder(Geocoder):
    """A geopy geocoder over the analyst's overrides (matched on folded names)."""

    def __init__(self, overrides: list[Override], query_key: Callable[[str], str]):
        super().__init__()
        self.query_key = query_key
        self._by_key: dict[str, Override] = {}
        for override in overrides:
            for name in (override.place, *override.aliases):
                # First row wins, so a later duplicate cannot silently move a place.
                self._by_key.setdefault(query_key(name), override)

    def geocode(self, query: str, *, exactly_one: bool = True, **_: Any):
        override = self._by_key.get(self.query_key(query))
        if override is None:
            return None
        location = Location(override.place, (override.latitude, override.longitude), override.to_raw())
        return location if exactly_one else [location]
