"""Checks on provider answers read from an untrusted source (the committed cache, Nominatim).

The cache file is committed and hand-edited, and Nominatim's answers come
over the network: an entry or result that could not be a real answer
(latitude 95 or NaN, a list where a candidate should be, a lone surrogate,
nesting 100,000 levels deep) is named by these functions -- "candidate 1:
latitude 95 is out of range" -- so the caller can refuse it and say why.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

# An entry is {"query", "provider", "params", "results": [candidate, ...]} and
# a candidate has an address dict at most: 4 levels. Anything far deeper is
# not an answer, and cannot be written back without recursing that deep.
MAX_ENTRY_DEPTH = 16
# A place name, an address line: a few hundred characters. Far more is not a name.
MAX_TEXT_CHARS = 4096

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def nesting_depth(value: Any, limit: int) -> int:
    """How deeply ``value`` nests lists and objects, counting at most to ``limit + 1`` (no recursion).

    ``{"results": [{"address": {}}]}`` -> 4. Walks one level at a time.
    """
    depth, level = 0, [value]
    while True:
        containers = [item for item in level if isinstance(item, (dict, list))]
        if not containers:
            return depth
        depth += 1
        if depth > limit:
            return depth
        level = [child for item in containers for child in (item.values() if isinstance(item, dict) else item)]


def entry_problem(entry: Any) -> str | None:
    """Why a cache entry cannot be served, or None. Example: 'candidate 1: latitude 95 is out of range'.

    The shape is checked all the way down -- an entry, its results, their
    fields, and at most lists or objects of plain values in those -- so an
    entry that passes is at most 4 levels deep.
    """
    if not isinstance(entry, dict):
        return f"it is {_kind(entry)}, not an object"
    results = entry.get("results")
    if not isinstance(results, list):
        return "it has no 'results' list"
    for field in ("query", "provider"):
        if field in entry and not isinstance(entry[field], str):
            return f"its {field} is {_kind(entry[field])}, not text"
    params = entry.get("params", {})
    if not isinstance(params, dict) or not all(_flat(value) for value in params.values()):
        return "its params are not an object of plain values"
    for number, raw in enumerate(results, 1):
        if problem := result_problem(raw):
            return f"candidate {number}: {problem}"
    return None


def surrogate_problem(value: Any) -> str | None:
    """'a lone surrogate in its text (...)' when ``value`` holds one ("\\ud800" cannot be written as UTF-8)."""
    text = json.dumps(value, ensure_ascii=False)
    found = LONE_SURROGATE.search(text)
    return None if found is None else f"a lone surrogate in its text ({shown(text[max(0, found.start() - 20):found.end() + 20])})"


# Fields a candidate may carry (GeoNames' or Nominatim's) that must be text, or numbers.
_TEXT_FIELDS = frozenset((
    "name", "display_name", "address_line", "label", "country_code", "admin1", "admin1_code", "kind", "match",
    "matched_alias", "addresstype", "type", "class", "osm_type", "source_id", "provider",
))
_NUMBER_FIELDS = frozenset(("population", "radius_km", "importance"))
_PLAIN = (str, int, float, bool, type(None))


def _flat(value: Any) -> bool:
    """A plain value, or a list or object of plain values (Nominatim's "boundingbox": ["35.0", ...])."""
    if isinstance(value, list):
        return all(isinstance(item, _PLAIN) for item in value)
    if isinstance(value, dict):
        return all(isinstance(item, _PLAIN) for item in value.values())
    return isinstance(value, _PLAIN)


def result_problem(raw: Any) -> str | None:
    """Why one provider candidate cannot be used as a place, or None.

    Shared by the cache and the Nominatim provider's parsing (which deal
    with lone surrogates themselves): coordinates finite and on Earth, text
    fields text, no text absurdly long, numbers numbers, an address of texts,
    anything else plain values at most one list or object deep.
    Example: ``{"lat": "95", "lon": "36"}`` -> "latitude '95' is out of range".
    """
    if not isinstance(raw, dict):
        return f"it is {_kind(raw)}, not an object"
    latitude, longitude = raw.get("latitude", raw.get("lat")), raw.get("longitude", raw.get("lon"))
    if latitude is None or longitude is None:
        return "it has no coordinates"
    if problem := coordinate_problem(latitude, longitude):
        return problem
    for field, value in raw.items():  # one pass: caches hold hundreds of thousands of candidates
        if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
            return f"{shown(field)} is {len(value)} characters long (at most {MAX_TEXT_CHARS})"
        if field in _TEXT_FIELDS:
            if not isinstance(value, str):
                return f"{field} {shown(value)} is not text"
        elif field in _NUMBER_FIELDS:
            if not _finite(_number(value)):
                return f"{field} {shown(value)} is not a finite number"
        elif field == "address":
            if not isinstance(value, dict) or not all(isinstance(item, str) and len(item) <= MAX_TEXT_CHARS
                                                      for item in value.values()):
                return "its address is not an object of short texts"
        elif not _flat(value):
            return f"{shown(field)} nests deeper than a list of plain values"
    return None


def coordinate_problem(latitude: Any, longitude: Any) -> str | None:
    """Why (latitude, longitude) is not a point on Earth, or None: (95, 36) -> 'latitude 95 is out of range'."""
    for axis, value, limit in (("latitude", latitude, 90.0), ("longitude", longitude, 180.0)):
        number = _number(value)
        if number is None:
            return f"{axis} {shown(value)} is not a number"
        if not math.isfinite(number):
            return f"{axis} {shown(value)} is not finite"
        if abs(number) > limit:
            return f"{axis} {shown(value)} is out of range"
    return None


def _number(value: Any) -> float | None:
    """A JSON number or numeric text (Nominatim sends "35.1") as a float; None otherwise (True, "abc", [35])."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            return float(value)
        except OverflowError:
            return math.inf
    if isinstance(value, str) and len(value) <= 64:
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _finite(number: float | None) -> bool:
    return number is not None and math.isfinite(number)


def _kind(value: Any) -> str:
    return {list: "a list", dict: "an object", str: "text", type(None): "null", bool: "a boolean"}.get(
        type(value), "a number")


def shown(value: Any, limit: int = 40) -> str:
    """A short, printable repr for a message: control characters and surrogates escaped, long values cut."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
