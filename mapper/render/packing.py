"""Pack the page's GeoJSON column-wise, so 100,000 incidents stay a small file.

In a plain FeatureCollection every feature repeats every property name, and
columns such as ``event_type`` or ``article_title`` repeat the same few
values: that alone made a 100,000-incident page ~80 MB. The page embeds the
same FeatureCollection with its features packed by column -- each column
either as a plain list or, when it has few distinct values, as a dictionary
plus integer codes -- and the page (``assets/js/core/records.js``) unpacks it into ordinary GeoJSON
features on load (and for the download button). Nothing is lost: unpacking
gives back the exact features, property order included.
"""

from __future__ import annotations

from typing import Any

PACKED_MEMBER = "mapper:packed"


def pack_features(doc: dict) -> dict:
    """The FeatureCollection with ``features`` moved, column-wise, into ``mapper:packed``."""
    features = doc["features"]
    names: list[str] = []
    for feature in features:
        for name in feature["properties"]:
            if name not in names:
                names.append(name)
    columns: dict[str, Any] = {}
    for name in names:
        values = [feature["properties"].get(name) for feature in features]
        columns[name] = _encode(values)
    coordinates: list[float] = []
    for feature in features:
        coordinates.extend(feature["geometry"]["coordinates"])
    packed = {key: value for key, value in doc.items() if key != "features"}
    packed["features"] = []
    ids = [feature.get("id") for feature in features]
    incident_ids = [feature["properties"].get("incident_id") for feature in features]
    packed[PACKED_MEMBER] = {
        "count": len(features),
        # Feature ids are the incident ids: say so instead of repeating them.
        "ids": "incident_id" if ids == incident_ids else ids,
        "coordinates": coordinates,
        "columns": columns,
    }
    return packed


def _encode(values: list) -> dict:
    distinct: dict[Any, int] = {}
    for value in values:
        key = _hashable(value)
        if key not in distinct:
            distinct[key] = len(distinct)
    # A dictionary pays off when values repeat; unique text (quotes) stays plain.
    if len(distinct) * 2 <= len(values):
        dictionary = [None] * len(distinct)
        for value in values:
            dictionary[distinct[_hashable(value)]] = value
        return {"dictionary": dictionary, "codes": [distinct[_hashable(value)] for value in values]}
    return {"values": values}


def _hashable(value: Any) -> Any:
    # JSON scalars only; 1 and 1.0 and True must stay distinct values.
    return (type(value).__name__, value)


def unpack_features(packed: dict) -> dict:
    """The inverse of ``pack_features`` (the page does the same in JavaScript)."""
    body = packed[PACKED_MEMBER]
    columns = body["columns"]
    features = []
    for index in range(body["count"]):
        properties = {}
        for name, column in columns.items():
            if "codes" in column:
                properties[name] = column["dictionary"][column["codes"][index]]
            else:
                properties[name] = column["values"][index]
        feature: dict[str, Any] = {"type": "Feature"}
        fid = properties.get("incident_id") if body["ids"] == "incident_id" else body["ids"][index]
        if fid is not None:
            feature["id"] = fid
        feature["geometry"] = {"type": "Point", "coordinates": body["coordinates"][2 * index: 2 * index + 2]}
        feature["properties"] = properties
        features.append(feature)
    doc = {key: value for key, value in packed.items() if key != PACKED_MEMBER}
    doc["features"] = features
    return doc
