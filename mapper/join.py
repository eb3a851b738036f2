"""Join incidents to places (pandas): the table the map and GeoJSON are drawn from.

``incidents.location`` joins ``places.place`` exactly (both are the name as
written in the article). Each incident gains its coordinates, how they were
found, an uncertainty radius, its article's title/source/url, and, for
displacement, the coordinates of its origin.
"""

from __future__ import annotations

import re
from typing import Mapping

import pandas as pd

from mapper.articles import Article
from mapper.errors import InputError
from mapper.geocode.resolve import DEFAULT_UNCERTAINTY_KM
from mapper.schema import INCIDENT_COLUMNS, JOINED_EXTRA_COLUMNS, PLACE_COLUMNS

_RADIUS = re.compile(r"±(\d+(?:\.\d+)?) km")
_NOTE_ITEM = re.compile(r"(?:^|;)\s*(origin|destination|sources)=([^;]*)")


def read_table(path, columns: list[str]) -> pd.DataFrame:
    """Read one of our CSVs as text (no NaN guessing), checking its header."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: not found; run the stage that writes it first (or `mapper build`)") from None
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise InputError(f"{path}: not a readable CSV ({error})") from None
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise InputError(f"{path}: missing columns {', '.join(missing)}")
    return frame[columns]


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
        _uncertainty(resolution, precision)
        for resolution, precision in zip(joined["resolution"].fillna(""), joined["geo_precision"])
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


def _uncertainty(resolution: str, precision) -> float | None:
    match = _RADIUS.search(resolution)
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
