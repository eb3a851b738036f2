"""GeoJSON export of the joined incident table (RFC 7946)."""

from __future__ import annotations

import io
import json
import math

import numpy as np
import pandas as pd
import pytest

from mapper.render import geojson_document, geojson_text, ungeocoded, without_coordinates_count
from mapper.render.geojson import INT_COLUMNS, PROPERTY_COLUMNS
from samples import COLUMNS, hostile, synthetic, syrian_coast
from mapper.schema import INCIDENT_COLUMNS


def _all_values(doc):
    for feat in doc["features"]:
        yield from feat["properties"].values()
        yield from feat["geometry"]["coordinates"]


def test_feature_collection_shape_and_member_order():
    doc = geojson_document(syrian_coast())
    assert doc["type"] == "FeatureCollection"
    assert list(doc)[-1] == "features"
    for feat in doc["features"]:
        assert list(feat) == ["type", "id", "geometry", "properties"]
        assert feat["type"] == "Feature"
        assert feat["geometry"]["type"] == "Point"
        assert feat["id"] == feat["properties"]["incident_id"]
        assert "id" not in feat["properties"]


def test_coordinates_are_lon_lat_and_rounded():
    frame = syrian_coast()
    frame.loc[0, ["latitude", "longitude"]] = [35.123456789, 35.987654321]
    doc = geojson_document(frame)
    first = doc["features"][0]
    assert first["geometry"]["coordinates"] == [35.987654, 35.123457]
    latakia = next(f for f in doc["features"] if f["properties"]["location"] == "Latakia")
    lon, lat = latakia["geometry"]["coordinates"]
    assert (lat, lon) == (35.53, 35.79)


def test_properties_cover_schema_and_are_flat():
    doc = geojson_document(syrian_coast())
    for feat in doc["features"]:
        props = feat["properties"]
        assert list(props) == PROPERTY_COLUMNS
        assert set(INCIDENT_COLUMNS) <= set(props)
        for key in ("geo_precision", "provider", "country_code", "uncertainty_km", "approximation", "admin1", "origin",
                    "destination", "origin_latitude", "origin_longitude"):
            assert key in props
        for value in props.values():
            assert value is None or isinstance(value, (str, int, float)) and not isinstance(value, bool)


def test_json_types_are_consistent():
    doc = geojson_document(syrian_coast())
    for feat in doc["features"]:
        props = feat["properties"]
        for column in INT_COLUMNS:
            assert props[column] is None or type(props[column]) is int, column
        assert props["uncertainty_km"] is None or isinstance(props["uncertainty_km"], float)
        # empty text is null, never ""
        assert "" not in props.values()
    baniyas = next(f for f in doc["features"] if f["id"] == "SY-002")["properties"]
    assert baniyas["fatalities"] == 31
    assert baniyas["fatalities_breakdown"] == "children=9;women=4"
    assert baniyas["geo_precision"] == 1
    tuwaym = next(f for f in doc["features"] if f["id"] == "SY-009")["properties"]
    assert tuwaym["geo_precision"] == 3 and tuwaym["uncertainty_km"] == 100.0
    exodus = next(f for f in doc["features"] if f["id"] == "SY-007")["properties"]
    assert (exodus["origin"], exodus["destination"], exodus["notes"]) == ("coastal region", "Lebanon", None)
    assert (exodus["origin_latitude"], exodus["origin_longitude"]) == (35.3, 36.0)


def test_no_nan_and_valid_strict_json():
    frame = syrian_coast()
    frame.loc[1, "uncertainty_km"] = float("nan")
    frame.loc[2, "fatalities"] = np.nan
    frame.loc[3, "quote_start"] = pd.NA
    frame.loc[4, "uncertainty_km"] = float("inf")
    doc = geojson_document(frame)
    text = geojson_text(doc)
    json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in GeoJSON"))
    for value in _all_values(doc):
        assert not (isinstance(value, float) and not math.isfinite(value))


def test_incidents_without_coordinates_are_left_out_and_counted():
    frame = syrian_coast()
    frame.loc[3, "latitude"] = np.nan  # only one of the pair
    frame.loc[4, ["latitude", "longitude"]] = [200.0, 35.0]  # impossible
    doc = geojson_document(frame)
    ids = {f["id"] for f in doc["features"]}
    assert "SY-011" not in ids  # Sheikh Badr was never geocoded
    assert frame.loc[3, "incident_id"] not in ids
    assert frame.loc[4, "incident_id"] not in ids
    assert without_coordinates_count(doc) == 3
    assert len(doc["features"]) == len(frame) - 3
    missing = ungeocoded(frame)
    assert sorted(missing["incident_id"]) == sorted(["SY-011", frame.loc[3, "incident_id"], frame.loc[4, "incident_id"]])


def test_all_text_input_from_csv_gets_typed():
    """The pipeline may hand over a table read from CSV as strings."""
    buffer = io.StringIO()
    syrian_coast().to_csv(buffer, index=False)
    buffer.seek(0)
    as_text = pd.read_csv(buffer, dtype=str, keep_default_na=False)
    doc_text = geojson_document(as_text)
    doc_native = geojson_document(syrian_coast())
    assert geojson_text(doc_text) == geojson_text(doc_native)


def test_numpy_and_pandas_scalars_serialise():
    frame = syrian_coast().astype({"fatalities": "Int64"})
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    doc = geojson_document(frame)
    assert doc["features"][0]["properties"]["event_date"] == "2025-03-06"
    assert type(doc["features"][0]["properties"]["fatalities"]) is int
    json.dumps(doc, allow_nan=False)


def test_hostile_text_is_kept_verbatim():
    frame = hostile()
    doc = geojson_document(frame)
    for feat, (_, row) in zip(doc["features"], frame.iterrows(), strict=True):
        assert feat["properties"]["quote"] == row["quote"]
        assert feat["properties"]["article_url"] == row["article_url"]


def test_deterministic_text():
    first = geojson_text(geojson_document(synthetic(300)))
    second = geojson_text(geojson_document(synthetic(300)))
    assert first == second
    assert first.endswith("\n")


def test_empty_table():
    doc = geojson_document(pd.DataFrame(columns=COLUMNS))
    assert doc["features"] == [] and without_coordinates_count(doc) == 0
    json.loads(geojson_text(doc))


def test_file_text_is_valid_json_with_one_feature_per_line(tmp_path):
    from mapper.render.geojson import write_geojson
    from samples import synthetic

    doc = geojson_document(synthetic(40))
    write_geojson(doc, tmp_path / "incidents.geojson")
    text = (tmp_path / "incidents.geojson").read_text(encoding="utf-8")
    assert json.loads(text) == doc
    lines = text.splitlines()
    assert len(lines) == len(doc["features"]) + 2  # header line, one per feature, closing line
    assert all(json.loads(line.rstrip(","))["type"] == "Feature" for line in lines[1:-1])
    empty = {"type": "FeatureCollection", "features": []}
    write_geojson(empty, tmp_path / "empty.geojson")
    assert json.loads((tmp_path / "empty.geojson").read_text()) == empty
