"""The joined incident table as an RFC 7946 GeoJSON FeatureCollection.

One Point Feature per incident that has coordinates, in input row order.
Incidents without coordinates are left out; ``ungeocoded`` returns them and
the document carries their count in the foreign member
``"mapper:without_coordinates"`` (RFC 7946 section 6.1 allows foreign
members; QGIS and kepler.gl ignore them).

Property conventions (the same for every file, so downstream tools can rely
on them):

* Properties are flat: strings, numbers or ``null``. No nested objects.
* Every INCIDENT_COLUMNS column is present (``origin`` and ``destination``
  among them), plus ``geo_precision``, ``provider``, ``country_code``,
  ``admin1``, ``uncertainty_km``, ``approximation``, ``article_title``,
  ``article_source``, ``article_url``, ``origin_latitude`` and
  ``origin_longitude``, then ``country``, ``iso``, ``admin2``, ``confidence``,
  ``confidence_reasons``, ``review_state`` (confirmed / edited / null: unreviewed)
  and ``edited_fields`` (mapper.schema.JOINED_EXTRA_COLUMNS). Latitude and
  longitude live only in the geometry.
* A missing or empty value is ``null`` whatever the column's type (never
  ``""``, never NaN, which is not valid JSON).
* Integer columns (``fatalities``, ``time_precision``, ``quote_start``,
  ``quote_end``, ``geo_precision``) are JSON integers; ``uncertainty_km`` and
  the origin coordinates are JSON numbers; everything else is a string.
* The Feature ``id`` is the ``incident_id`` (as a string); ``incident_id``
  also stays in the properties so tools that drop Feature ids keep it.
* Coordinates are ``[longitude, latitude]`` rounded to 6 decimals (~0.1 m).
* The article's ``article_title`` and ``article_source``, repeated in each
  of its features, are cut to ``ARTICLE_TEXT_MAX_CHARS`` (ending in "…"), and
  an ``article_url`` longer than ``ARTICLE_URL_MAX_CHARS`` is ``null`` (a cut
  URL would lead somewhere else): the full values are in the sidecar.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

from mapper.schema import INCIDENT_COLUMNS, JOINED_EXTRA_COLUMNS

COORD_DECIMALS = 6

# Every joined column but the coordinates themselves (they are the geometry).
EXTRA_PROPERTIES = [column for column in JOINED_EXTRA_COLUMNS if column not in ("latitude", "longitude")]

PROPERTY_COLUMNS = list(INCIDENT_COLUMNS) + EXTRA_PROPERTIES

INT_COLUMNS = frozenset({"fatalities", "time_precision", "quote_start", "quote_end", "geo_precision"})
FLOAT_COLUMNS = frozenset({"uncertainty_km", "origin_latitude", "origin_longitude"})

WITHOUT_COORDINATES_MEMBER = "mapper:without_coordinates"

# Per-article text is repeated in every feature of its article: unbounded, a
# 40 MB sidecar title made 756 MB of outputs. A real title or outlet name is
# far shorter than this, and a real URL shorter than the URL limit.
ARTICLE_TEXT_MAX_CHARS = 1000
ARTICLE_URL_MAX_CHARS = 4096


def _is_missing(value: Any) -> bool:
    # Fast paths for the common cells (called once per cell: millions of times).
    if value is None:
        return True
    if isinstance(value, str):
        return False
    if isinstance(value, float):
        return value != value  # NaN
    if isinstance(value, int):
        return False
    try:
        missing = pd.isna(value)
    except (TypeError, ValueError):
        return False
    return bool(missing) if not hasattr(missing, "__len__") else False


def _as_float(value: Any) -> float | None:
    if _is_missing(value):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return number


def _as_int(value: Any) -> int | None:
    number = _as_float(value)
    if number is None:
        return None
    return int(round(number))


def _as_str(value: Any) -> str | None:
    if _is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        # a text column read by pandas as float (e.g. "12" -> 12.0)
        value = int(value)
    text = str(value)
    return text if text.strip() else None


def _clean(column: str, value: Any) -> Any:
    if column in INT_COLUMNS:
        return _as_int(value)
    if column in FLOAT_COLUMNS:
        number = _as_float(value)
        return None if number is None else round(number, COORD_DECIMALS if "itude" in column else 3)
    return _as_str(value)


def _bounded_article_text(column: str, text: str | None) -> str | None:
    """A 40 MB title -> its first 999 characters and "…"; a 5,000-character URL -> None."""
    if text is None:
        return None
    if column == "article_url":
        return text if len(text) <= ARTICLE_URL_MAX_CHARS else None
    if len(text) > ARTICLE_TEXT_MAX_CHARS:
        return text[:ARTICLE_TEXT_MAX_CHARS - 1] + "…"
    return text


def _coordinates(row: dict) -> tuple[float, float] | None:
    lat = _as_float(row.get("latitude"))
    lon = _as_float(row.get("longitude"))
    if lat is None or lon is None:
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS)


def _rows(joined: pd.DataFrame):
    columns = [c for c in joined.columns]
    for values in joined.itertuples(index=False, name=None):
        yield dict(zip(columns, values, strict=True))


def has_coordinates(joined: pd.DataFrame) -> pd.Series:
    """Boolean mask: rows that will become a Feature."""
    return pd.Series([_coordinates(row) is not None for row in _rows(joined)], index=joined.index, dtype=bool)


def ungeocoded(joined: pd.DataFrame) -> pd.DataFrame:
    """The incidents left out of the GeoJSON and the map (no usable coordinates)."""
    if len(joined) == 0:
        return joined.copy()
    return joined.loc[~has_coordinates(joined)].copy()


def feature(row: dict) -> dict | None:
    """One incident row (a dict) as a Feature, or None without coordinates."""
    coords = _coordinates(row)
    if coords is None:
        return None
    properties = {column: _clean(column, row.get(column)) for column in PROPERTY_COLUMNS}
    for column in ("article_title", "article_source", "article_url"):
        properties[column] = _bounded_article_text(column, properties[column])
    fid = properties["incident_id"]
    out: dict[str, Any] = {"type": "Feature"}
    if fid is not None:
        out["id"] = fid
    out["geometry"] = {"type": "Point", "coordinates": [coords[0], coords[1]]}
    out["properties"] = properties
    return out


def geojson_document(joined: pd.DataFrame) -> dict:
    """RFC 7946 FeatureCollection of the geocoded incidents of ``joined``.

    ``doc["mapper:without_coordinates"]`` is the number of incidents left out
    because they have no coordinates (``ungeocoded(joined)`` lists them).
    """
    features = []
    missing = 0
    for row in _rows(joined):
        item = feature(row)
        if item is None:
            missing += 1
        else:
            features.append(item)
    return {
        "type": "FeatureCollection",
        WITHOUT_COORDINATES_MEMBER: missing,
        "features": features,
    }


def without_coordinates_count(doc: dict) -> int:
    return int(doc.get(WITHOUT_COORDINATES_MEMBER, 0))


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def geojson_lines(doc: dict):
    """The document as text, one feature per line: compact, yet diffs line by line.

    Yielded piece by piece so a 100,000-feature file is never one string in memory.
    """
    head = {key: value for key, value in doc.items() if key != "features"}
    yield _dump(head)[:-1] + ("," if head else "") + '"features":['
    for index, feature in enumerate(doc["features"]):
        yield ("\n" if index == 0 else ",\n") + _dump(feature)
    yield "\n]}\n"


def geojson_text(doc: dict) -> str:
    """Deterministic, valid JSON text for a document (no NaN, UTF-8 kept)."""
    return "".join(geojson_lines(doc))


def write_geojson(doc: dict, path) -> None:
    """Stream the document to ``path``, replacing it atomically."""
    from mapper.storage import atomic_path

    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        for piece in geojson_lines(doc):
            handle.write(piece)
