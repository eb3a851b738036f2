"""The page's column-packed GeoJSON unpacks to exactly the features it came from."""

import json

from mapper.render import geojson_document
from mapper.render.packing import PACKED_MEMBER, pack_features, unpack_features
from samples import synthetic


def test_round_trip_is_exact_including_nulls_ints_and_order():
    doc = geojson_document(synthetic(500))
    unpacked = unpack_features(pack_features(doc))
    assert unpacked == doc
    for before, after in zip(doc["features"], unpacked["features"], strict=True):
        assert list(before["properties"]) == list(after["properties"])
        assert json.dumps(before) == json.dumps(after)


def test_repeated_columns_are_dictionary_coded_and_unique_text_is_not():
    packed = pack_features(geojson_document(synthetic(500)))[PACKED_MEMBER]["columns"]
    assert "codes" in packed["event_type"] and len(packed["event_type"]["dictionary"]) <= 6
    assert "values" in packed["incident_id"]


def test_packing_makes_a_large_page_much_smaller():
    doc = geojson_document(synthetic(5000))
    plain = len(json.dumps(doc, separators=(",", ":")))
    packed = len(json.dumps(pack_features(doc), separators=(",", ":")))
    assert packed < plain / 2
