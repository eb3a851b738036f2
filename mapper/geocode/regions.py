"""Approximate regions: "central Syria", "Syria's north", "the coastal region".

Reporting often places an event only by a part of a country. We turn that
into a point with an honest radius over the part of the country the phrase
means to a reader: the sector is cut from the country's populated places
(thirds by latitude and longitude), never from its bounding box, whose
middle may be desert or sea (see ``region_point``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

EARTH_RADIUS_KM = 6371.0088
MIN_HULL_RADIUS_KM = 10.0
SINGLE_PLACE_RADIUS_KM = 50.0  # DEFAULT_UNCERTAINTY_KM[3], a region-level guess
# How a label names each cell: "north-western Syria".
_ADJECTIVES = {
    "northwest": "north-western", "north": "northern", "northeast": "north-eastern",
    "west": "western", "central": "central", "east": "eastern",
    "southwest": "south-western", "south": "southern", "southeast": "south-eastern",
}

_DIRECTION = (r"(?:(?P<ns>north|south)[\s-]?(?P<ew>east|west)?|(?P<ew_only>east|west))(?:ern)?"
              r"|(?P<centre>central|centre|center|middle)")
_COUNTRY = r"(?P<country>[a-z][a-z .'-]*?)"
_PATTERNS = [
    re.compile(rf"^(?:the\s+)?(?:{_DIRECTION})\s+(?:part\s+of\s+)?{_COUNTRY}$"),  # "central Syria"
    re.compile(rf"^(?:the\s+)?{_COUNTRY}'s\s+(?:{_DIRECTION})$"),  # "Syria's north"
    re.compile(rf"^(?:the\s+)?(?:{_DIRECTION})\s+of\s+(?:the\s+)?{_COUNTRY}$"),  # "the north of Syria"
]


@dataclass(frozen=True)
class Region:
    latitude: float
    longitude: float
    radius_km: float
    label: str


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _direction(match: re.Match) -> str:
    if match.group("centre"):
        return "central"
    return (match.group("ns") or "") + (match.group("ew") or match.group("ew_only") or "")


def parse_region(phrase: str, gazetteer) -> tuple[str, str] | None:
    """("SY", "northwest") for "north-western Syria", "Syria's north-west", "the northwest of Syria"."""
    text = " ".join(phrase.replace("’", "'").replace("‘", "'").lower().split())
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        code = gazetteer.country_code_for(match.group("country").strip())
        if code:
            return code, _direction(match)
    return None


def region_point(gazetteer, country_code: str, direction: str) -> Region:
    """The populated part of the ``direction`` sector of a country, as a reader means it.

    The sector is cut from the country's own places, not a grid cell's
    centre: "eastern Syria" is its places in the eastern third of its extent
    (Deir ez-Zor, Hasakah; a band, "north-eastern" a corner). "central" is
    the middle of where its people live -- the middle third of its places
    by weight on both axes -- so "central Syria" is the Homs-Hama area, not
    the desert east of Palmyra at the middle of its bounding box. The point
    is the population-weighted median of the sector's places, moved to the
    nearest of them (on land, in the country); the radius reaches nine in
    ten of them.
    """
    info = gazetteer.country(country_code)
    if info is None:
        raise KeyError(f"unknown country code {country_code!r}")
    places = gazetteer.country_places(country_code)
    if not places:
        raise KeyError(f"no populated places for country code {country_code!r}")
    sector = sector_places(places, direction, (info.south, info.west, info.north, info.east)) or places
    latitude = weighted_median([(p[0], _weight(p)) for p in sector])
    longitude = weighted_median([(p[1], _weight(p)) for p in sector])
    nearest = min(sector, key=lambda p: (haversine_km(latitude, longitude, p[0], p[1]), p[3]))
    distances = sorted(haversine_km(nearest[0], nearest[1], p[0], p[1]) for p in sector)
    radius = max(MIN_HULL_RADIUS_KM, distances[min(len(distances) - 1, int(0.9 * len(distances)))])
    return Region(nearest[0], nearest[1], radius, f"{_ADJECTIVES[direction]} {info.name}")


# direction -> (latitude third, longitude third): 0 = the northern / western third,
# 2 = the southern / eastern third, None = any ("northern" is the whole band).
_SECTORS = {
    "north": (0, None), "south": (2, None), "east": (None, 2), "west": (None, 0), "central": (1, 1),
    "northwest": (0, 0), "northeast": (0, 2), "southwest": (2, 0), "southeast": (2, 2),
}
Place = tuple[float, float, int, int]  # latitude, longitude, population, geonameid


def sector_places(places: Sequence[Place], direction: str,
                  extent: tuple[float, float, float, float]) -> list[Place]:
    """The places in one sector: edges by thirds of the extent (S, W, N, E), the centre by thirds of the places."""
    lat_third, lon_third = _SECTORS[direction]
    south, west, north, east = extent
    if direction == "central":
        lat_cuts = _weighted_cuts([(p[0], _weight(p)) for p in places])
        lon_cuts = _weighted_cuts([(p[1], _weight(p)) for p in places])
    else:
        lat_cuts = (south + (north - south) / 3, south + 2 * (north - south) / 3)
        lon_cuts = (west + (east - west) / 3, west + 2 * (east - west) / 3)

    def third(value: float, cuts: tuple[float, float]) -> int:
        return 0 if value < cuts[0] else (1 if value <= cuts[1] else 2)

    return [p for p in places
            if (lat_third is None or 2 - third(p[0], lat_cuts) == lat_third)
            and (lon_third is None or third(p[1], lon_cuts) == lon_third)]


def _weighted_cuts(pairs: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The values a third and two thirds of the way through the weight."""
    ordered = sorted(pairs)
    total = sum(weight for _, weight in ordered)
    cuts: list[float] = []
    running = 0.0
    for value, weight in ordered:
        running += weight
        while len(cuts) < 2 and running >= total * (len(cuts) + 1) / 3:
            cuts.append(value)
    return cuts[0], cuts[1]


def _weight(place: Place) -> float:
    # People, not villages: a city of a million outweighs a hamlet, but a
    # sector of many small places still pulls (log, not linear, weights).
    return 1.0 + math.log10(1.0 + max(0, place[2]))


def weighted_median(pairs: Sequence[tuple[float, float]]) -> float:
    """The value at which half the weight lies on each side."""
    ordered = sorted(pairs)
    half = sum(weight for _, weight in ordered) / 2
    running = 0.0
    for value, weight in ordered:
        running += weight
        if running >= half:
            return value
    return ordered[-1][0]


def hull_region(points: Iterable[Sequence[float]], label: str = "") -> Region:
    """The area an article's places cluster in: median centre, radius reaching the cluster.

    A place far from the others (the capital named as the seat of government
    in a report about a province) would stretch a plain hull over half the
    country, so points more than three times the median distance from the
    centre are left out of the radius (never all of them).
    """
    points = [(float(lat), float(lon)) for lat, lon in points]
    if not points:
        raise ValueError("hull_region needs at least one point")
    latitude = median([lat for lat, _ in points])
    # The median of longitudes is fine for an article's local places; they
    # never straddle the antimeridian in this project's theatres.
    longitude = median([lon for _, lon in points])
    distances = sorted(haversine_km(latitude, longitude, lat, lon) for lat, lon in points)
    typical = median(distances)
    kept = [d for d in distances if d <= 3 * typical] or distances
    # one town is no area: what lies "in the article's area" of a single town is somewhere
    # around it, as unsure as any region-level guess -- not within 10 km of it
    least = MIN_HULL_RADIUS_KM if len(points) > 1 else SINGLE_PLACE_RADIUS_KM
    return Region(latitude, longitude, max(least, kept[-1]),
                  label or f"area of {len(points)} place{'s' if len(points) != 1 else ''}")


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def admin1_region(gazetteer, name: str, country_code: str = "") -> tuple[Region, str, str] | None:
    """A named first-level region ("the Donetsk region", "Idlib province").

    Its point is its most populous place (usually its capital, as ACLED
    codes region-level events); its radius reaches nine in ten of its places.
    Among same-named regions the one in ``country_code`` wins, then the most
    populous. Returns (region, country code, admin1 code) or None.
    """
    matches = gazetteer.admin1_matches(name)
    if not matches:
        return None
    preferred = [m for m in matches if m[0] == country_code.upper()] or matches
    cc, code, label, _ = preferred[0]
    region = admin1_area(gazetteer, cc, code, label)
    return (region, cc, code) if region else None


def admin1_area(gazetteer, country_code: str, admin1_code: str, label: str) -> Region | None:
    """One first-level region: at its most populous place, radius reaching 9 in 10 of its places."""
    places = gazetteer.admin1_places(country_code, admin1_code)
    if not places:
        return None
    lat, lon, _, _ = min(places, key=lambda p: (-p[2], p[3]))
    distances = sorted(haversine_km(lat, lon, p[0], p[1]) for p in places)
    radius = distances[min(len(distances) - 1, int(0.9 * len(distances)))]
    return Region(lat, lon, max(MIN_HULL_RADIUS_KM, radius), label)


def region_of_place(gazetteer, name: str, country_code: str) -> tuple[Region, str, str] | None:
    """"the Sagaing region" when GeoNames spells the region differently ("Sagain"):
    the first-level region containing the country's main place of that name."""
    if not country_code:
        return None
    town = _main_town(gazetteer, name, [country_code], lambda c: bool(c.admin1_code))
    if town is None:
        return None
    label = gazetteer.admin1_name(town.country_code, town.admin1_code) or name
    region = admin1_area(gazetteer, town.country_code, town.admin1_code, label)
    return (region, town.country_code, town.admin1_code) if region else None


# "central Beirut", "northern Goma": a city of at least this many people has parts a reporter
# names so; a smaller place is one spot, and a phrase on it is more likely a region's name
CITY_PART_MIN_POPULATION = 100_000
CITY_PART_RADIUS_KM = 10.0


def city_part(gazetteer, name: str, country_code: str) -> tuple[Region, str, str] | None:
    """A part of a city ("central Beirut": the city's area, ``CITY_PART_RADIUS_KM`` round its point),
    the city the most populous of its name (in ``country_code`` when given), or None."""
    city = _main_town(gazetteer, name, [country_code] if country_code else None,
                      lambda c: c.population >= CITY_PART_MIN_POPULATION)
    if city is None:
        return None
    admin1 = gazetteer.admin1_name(city.country_code, city.admin1_code) if city.admin1_code else ""
    return Region(city.latitude, city.longitude, CITY_PART_RADIUS_KM, city.name), city.country_code, admin1 or ""


def _main_town(gazetteer, name: str, country_codes: list[str] | None, keep: Callable[[Any], bool]):
    """The most populous populated place spelt exactly ``name`` (in ``country_codes``) that ``keep``
    accepts, or None: the town a region phrase is read by."""
    candidates = [c for c in gazetteer.candidates(name, country_codes=country_codes)
                  if c.match == "exact" and c.kind == "populated" and keep(c)]
    return max(candidates, key=lambda c: (c.population, -c.geonameid)) if candidates else None
