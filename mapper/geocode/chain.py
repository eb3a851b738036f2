"""Assemble the providers in order: overrides, cache + gazetteer, regions, Nominatim.

Every provider is a geopy ``Geocoder``; the cache wraps the gazetteer and
Nominatim alike, so both compose the same way. The gazetteer is passed in
(``open_providers(..., gazetteer=...)``), never a module singleton, and opened
lazily (``LazyGazetteer``): a run whose every name is in the committed cache
never loads it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapper.diagnostics import Diagnostic, Emit
from mapper.geocode.cache import CachedGeocoder, GeocodeCache
from mapper.geocode.gazetteer_units import is_written_alias
from mapper.geocode.names import fold
from mapper.geocode.overrides import OverridesGeocoder, read_overrides
from mapper.geocode.resolve import Providers

# Phrases that mean "the area this article is about" rather than a named region.
_AREA_WORDS = ("coast", "coastal", "region", "area", "countryside", "province", "mountains", "border")


@dataclass(frozen=True)
class OnlineOptions:
    user_agent: str
    domain: str = "nominatim.openstreetmap.org"
    scheme: str = "https"
    timeout: float = 10.0


class LazyGazetteer:
    """A callable that opens the gazetteer of ``cache_dir`` (default: the cache folder) on its first call.

    ``LazyGazetteer(gazetteer=opened)`` hands out one already open (a notebook's, a test's).
    """

    def __init__(self, cache_dir: Any = None, gazetteer: Any = None):
        self._cache_dir = cache_dir
        self._gazetteer = gazetteer

    def __call__(self) -> Any:
        if self._gazetteer is None:
            from mapper.geocode.gazetteer import Gazetteer

            self._gazetteer = Gazetteer.open(self._cache_dir)
        return self._gazetteer


def _gazetteer_geocode(gazetteer: Callable[[], Any], query: str, **kwargs: Any):
    from mapper.geocode.gazetteer import GazetteerGeocoder

    return GazetteerGeocoder(gazetteer()).geocode(query, **kwargs)


def gazetteer_provider_name(cache_dir: Any = None) -> str:
    """"geonames@<index version>", plus "+<digest>" once GeoNames dumps are imported.

    Gazetteer answers are derived data: keyed by the version of the index
    that gave them, an upgraded mapper asks its own (offline) index again
    instead of reusing an older gazetteer's answer for ever ("Syria" at
    the old country point). Answers cached from the built-in index alone
    ("Tuwaym": not found) are not reused after an import either.
    """
    from mapper.geocode.gazetteer_index import answers_version
    from mapper.geocode.geonames_import import signature

    imported = signature(cache_dir)
    name = f"geonames@{answers_version()}"
    return f"{name}+{imported}" if imported else name


def gazetteer_query_key(name: str) -> str:
    """The cache key of a name: folded ("Kherson", "KHERSON" -> "kherson"), except a form the
    gazetteer matches only as written ("U.S.", "TX", "CAR"), which folding would confuse with
    "us", "tx", "car"."""
    return name if is_written_alias(name) else fold(name)


class RegionGeocoder(Geocoder):
    """Approximate regions: "central Syria", "northern Iraq", "the coastal region".

    A directional phrase is the populated part of that sector of the country; a first-level
    region's name ("Donetsk", "Idlib province") is that region; a direction in a city ("central
    Beirut") is that city's area; an area
    phrase ("the coastal region", "Syria's coast") is the hull of the
    article's other places, passed as ``context``. Always geo_precision 3.
    """

    def __init__(self, gazetteer: Callable[[], Any] | None = None):
        super().__init__()
        self._gazetteer = gazetteer or LazyGazetteer()

    def geocode(self, query: str, *, exactly_one: bool = True, context: dict | None = None, **_: Any):
        from mapper.geocode import regions

        location = None
        parsed = regions.parse_region(query, self._gazetteer()) if query else None
        if parsed is not None:
            country, direction = parsed
            region = regions.region_point(self._gazetteer(), country, direction)
            location = _location(region, country, f"region:{country}:{direction}", "cell")
        elif query and (named := regions.admin1_region(self._gazetteer(), query, (context or {}).get("country_code", ""))):
            region, country, code = named
            location = _location(region, country, f"admin1:{country}:{code}", "admin1", admin1=region.label)
        elif query and (named := regions.admin1_region(self._gazetteer(), _without_direction(query),
                                                        (context or {}).get("country_code", ""))):
            region, country, code = named  # "the northwestern Sagaing region": all of Sagaing
            location = _location(region, country, f"admin1:{country}:{code}", "admin1", admin1=region.label)
        elif query and (named := regions.region_of_place(self._gazetteer(), _without_direction(query),
                                                         (context or {}).get("country_code", ""))):
            region, country, code = named
            location = _location(region, country, f"admin1:{country}:{code}", "admin1", admin1=region.label)
        elif query and _without_direction(query) != query.strip() and \
                (city := regions.city_part(self._gazetteer(), _without_direction(query),
                                           (context or {}).get("country_code", ""))):
            region, country, admin1 = city  # "central Beirut", "northern Goma": a part of the city
            location = _location(region, country, f"part:{country}:{region.label}", "within", admin1=admin1)
        elif context and context.get("points") and (not query or any(w in query.lower() for w in _AREA_WORDS)):
            region = regions.hull_region(context["points"], label=query or "the area of the article's places")
            location = _location(region, context.get("country_code", ""), "region:hull", "hull")
        elif context and context.get("country_code") and (country := self._gazetteer().country(context["country_code"])):
            # Nothing nearer to go on: the article's country, with a radius to match.
            radius = regions.haversine_km(country.south, country.west, country.north, country.east) / 2
            region = regions.Region(country.latitude, country.longitude, radius, country.name)
            location = _location(region, country.code, f"region:{country.code}:country", "country")
        if location is None:
            return None
        return location if exactly_one else [location]


    def capital(self, code: str):
        """"the Yemeni capital": the capital city of the country ``code`` (a ``capitals.Capital``), or None."""
        from mapper.geocode.capitals import capital_of

        return capital_of(self._gazetteer(), code)


_DIRECTION_WORDS = re.compile(
    r"^(?:the\s+)?(?:(?:north|south)[\s-]?(?:east|west)?(?:ern)?|(?:east|west)(?:ern)?|central|upper|lower)\s+", re.I)


def _without_direction(phrase: str) -> str:
    return _DIRECTION_WORDS.sub("", phrase.strip())


def _location(region, country: str, source_id: str, approximation: str, admin1: str = "") -> Location:
    """The answer in geopy's shape; ``approximation`` (schema.APPROXIMATIONS) says what kind of
    region it is, so no caller has to read it out of ``source_id``."""
    raw = {
        "label": region.label,
        "latitude": round(region.latitude, 5),
        "longitude": round(region.longitude, 5),
        "radius_km": round(region.radius_km, 1),
        "country_code": country,
        "source_id": source_id,
        "admin1": admin1,
        "approximation": approximation,
        "kind": "region",
    }
    return Location(region.label, (raw["latitude"], raw["longitude"]), raw)


def open_providers(
    overrides_path: Path, cache_path: Path, online: OnlineOptions | None, warn: Emit,
    gazetteer: Callable[[], Any] | None = None,
) -> tuple[Providers, GeocodeCache]:
    """The providers of one run; ``gazetteer`` returns the opened Gazetteer (default: ``LazyGazetteer()``)."""
    gazetteer = gazetteer or LazyGazetteer()
    cache = GeocodeCache(cache_path, on_warning=warn)
    providers = Providers(
        overrides=OverridesGeocoder(read_overrides(overrides_path, warn), fold),
        gazetteer=CachedGeocoder(functools.partial(_gazetteer_geocode, gazetteer), gazetteer_provider_name(), cache,
                                 gazetteer_query_key),
        regions=RegionGeocoder(gazetteer),
    )
    ask = None  # offline: earlier Nominatim answers still come from the cache
    if online is not None:
        from mapper.geocode.online import nominatim_provider

        ask = nominatim_provider(online.user_agent, domain=online.domain, scheme=online.scheme, timeout=online.timeout,
                                 on_warning=warn)
    # Online answers are saved as they come: a later failure must not lose them.
    providers.online = CachedGeocoder(ask, "nominatim", cache, fold, autosave=ask is not None)
    return providers, cache


def offline_providers(gazetteer: Any) -> Providers:
    """The providers of an offline run with no overrides and an empty cache, over an opened Gazetteer:
    what ``mapper build`` asks for a new project (``mapper.geoparse``'s default)."""
    from mapper.geocode.gazetteer import GazetteerGeocoder

    return Providers(overrides=OverridesGeocoder([], fold), gazetteer=GazetteerGeocoder(gazetteer),
                     regions=RegionGeocoder(lambda: gazetteer))


def online_notes(providers: Providers) -> list[Diagnostic]:
    """One line for the summary (W312) when the online provider gave up on its server this run."""
    notes = getattr(getattr(providers.online, "provider", None), "notes", None)
    return notes() if notes is not None else []
