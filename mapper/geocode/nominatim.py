"""Nominatim's dialect: what its answers look like, how they are checked and read.

The transport (user agent, rate limit, retries, circuit breaker, redirects)
is in ``online``; this module owns everything that knows Nominatim's fields
("lat", "display_name", "addresstype", "osm_type"...): checking an answer
before geopy builds Locations from it, turning a result into the fields the
resolver compares (``normalise``), and into a place record's precision,
source id and matched name (``record_fields``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geopy.exc import GeocoderParseError
from geopy.geocoders import Nominatim
from geopy.location import Location

from mapper.errors import GeocodeError
from mapper.geocode.cache_checks import LONE_SURROGATE, MAX_ENTRY_DEPTH, nesting_depth, result_problem

PROVIDER = "nominatim"
RESULTS_ASKED = 10  # Nominatim's ``limit``: candidates enough to disambiguate


class InvalidAnswer(GeocodeError, GeocoderParseError):
    """The server answered, but not one result in the answer is usable (latitude 95...)."""


class CheckedNominatim(Nominatim):
    """geopy's Nominatim, but each answer is checked before geopy builds Locations from it.

    ``problems`` holds what the last answer had wrong ("result 2 dropped:
    latitude '95' is out of range"), for the caller to report with the query.
    """

    def __init__(self, *args: Any, limit: int = RESULTS_ASKED, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.limit = limit
        self.problems: list[str] = []

    def _parse_json(self, places, exactly_one):
        if isinstance(places, Mapping) and "error" in places:
            return super()._parse_json(places, exactly_one)
        if not isinstance(places, list):
            raise InvalidAnswer(f"the answer is {type(places).__name__}, not a list of results")
        kept, self.problems = checked_results(places, self.limit)
        if places and not kept:
            raise InvalidAnswer(f"the answer has no usable result ({self.problems[-1]})")
        return super()._parse_json(kept, exactly_one)


def checked_results(places: list, limit: int) -> tuple[list[dict], list[str]]:
    """The usable results (at most ``limit``), and what was wrong with the others.

    ``[{"lat": "95", ...}, {"lat": "35.1", ...}]`` -> the second, and
    ["result 1 dropped: latitude '95' is out of range"]. Lone surrogates
    ("\\ud800" escapes, which cannot be written as UTF-8) become U+FFFD.
    """
    problems = []
    if len(places) > limit:
        problems.append(f"the answer had {len(places)} results, more than the {limit} asked for; kept the first {limit}")
    kept = []
    for number, place in enumerate(places[:limit], 1):
        if nesting_depth(place, MAX_ENTRY_DEPTH) > MAX_ENTRY_DEPTH:
            problems.append(f"result {number} dropped: nested more than {MAX_ENTRY_DEPTH} levels deep")
            continue
        clean = _without_lone_surrogates(place)
        if problem := result_problem(clean):
            problems.append(f"result {number} dropped: {problem}")
            continue
        if clean != place:
            problems.append(f"result {number}: lone surrogates in its text replaced by U+FFFD")
        kept.append(clean)
    return kept, problems


def _without_lone_surrogates(value: Any) -> Any:
    """The same JSON value with each lone surrogate replaced by U+FFFD (depth already bounded)."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_lone_surrogates(key): _without_lone_surrogates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    return value



# Nominatim's addresstype -> ACLED geo_precision
NOMINATIM_PRECISION = {
    "city": 1, "town": 1, "village": 1, "hamlet": 1, "suburb": 1, "neighbourhood": 1,
    "quarter": 1, "aeroway": 1, "military": 1, "municipality": 2, "county": 2,
    "district": 2, "state_district": 3, "state": 3, "region": 3, "province": 3, "country": 3,
}


def nominatim_precision(raw: dict) -> int:
    kind = raw.get("addresstype") or raw.get("type") or ""
    return NOMINATIM_PRECISION.get(kind, 2)


def normalise(location: Location) -> Location:
    """A Nominatim result with the fields the resolver compares (provider, country_code, admin1, name, kind)."""
    raw = dict(location.raw)
    address = raw.get("address") or {}
    raw.setdefault("provider", PROVIDER)
    raw.setdefault("country_code", str(address.get("country_code", "")).upper())
    raw.setdefault("admin1", address.get("state", ""))
    raw.setdefault("name", raw.get("name") or raw.get("display_name", ""))
    raw.setdefault("kind", "country" if raw.get("addresstype") == "country" else "populated")
    return Location(location.address, (location.latitude, location.longitude), raw)


def record_fields(raw: dict) -> tuple[int, str, str]:
    """(geo_precision, source_id, matched name) of a chosen Nominatim result: (1, 'osm:node/123', 'Idlib, Syria')."""
    return nominatim_precision(raw), f"osm:{raw.get('osm_type', '')}/{raw.get('osm_id', '')}", raw.get("display_name", "")
