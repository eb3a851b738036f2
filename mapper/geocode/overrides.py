"""Analyst overrides: ``data/places_overrides.csv``, the first word on any place.

Columns: place, aliases (``|``-separated), latitude, longitude, geo_precision
(1-3), country_code, citation (where the coordinate comes from). A malformed
row is reported with its line number and skipped; the others still apply.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapper.schema import OVERRIDE_COLUMNS


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


def read_overrides(path: str | os.PathLike, warn: Callable[[str], None]) -> list[Override]:
    path = Path(path)
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        warn(f"{path}: overrides not read ({error})")
        return []
    reader = csv.DictReader(text.splitlines())
    missing = [column for column in ("place", "latitude", "longitude") if column not in (reader.fieldnames or [])]
    if missing:
        warn(f"{path}: overrides ignored, header lacks {', '.join(missing)} (expected {', '.join(OVERRIDE_COLUMNS)})")
        return []
    overrides = []
    for line, row in enumerate(reader, start=2):
        try:
            overrides.append(_parse_row(row, line))
        except ValueError as error:
            warn(f"{path}:{line}: override skipped: {error}")
    return overrides


def _parse_row(row: dict[str, Any], line: int) -> Override:
    if None in row or any(row.get(column) is None for column in ("place", "latitude", "longitude")):
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
        raise ValueError(f"{column} is not a number: {text!r}") from None
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
