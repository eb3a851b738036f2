"""Approximate regions: "central Syria", "Syria's north", "the coastal region".

Reporting often places an event only by a part of a country. We turn that
into a point with an honest radius: the country's (trimmed) bounding box is
cut into a 3x3 grid and the phrase picks a cell. A cell centre can fall in
the sea or across a border (bounding boxes are not shapes), so when no place
of the country lies near it we move the point to the nearest populated place
of that country inside the cell.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

EARTH_RADIUS_KM = 6371.0088
MIN_HULL_RADIUS_KM = 10.0
# A centre counts as "among the country's places" if one lies within this
# share of the cell's radius; otherwise it is snapped (see module docstring).
NEAR_PLACE_SHARE = 0.25

# direction -> (row, column) in the 3x3 grid; row 0 is north, column 0 west.
GRID_CELLS = {
    "northwest": (0, 0), "north": (0, 1), "northeast": (0, 2),
    "west": (1, 0), "central": (1, 1), "east": (1, 2),
    "southwest": (2, 0), "south": (2, 1), "southeast": (2, 2),
}

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
    """The centre of the ``direction`` cell of the country's 3x3 grid, on land in the country."""
    info = gazetteer.country(country_code)
    if info is None:
        raise KeyError(f"unknown country code {country_code!r}")
    row, column = GRID_CELLS[direction]
    cell_height = (info.north - info.south) / 3
    cell_width = (info.east - info.west) / 3
    north = info.north - row * cell_height
    south = north - cell_height
    west = info.west + column * cell_width
    east = west + cell_width
    latitude, longitude = (north + south) / 2, (west + east) / 2
    radius = haversine_km(south, west, north, east) / 2
    nearest = gazetteer.nearest_place(country_code, latitude, longitude)
    if nearest is None or haversine_km(latitude, longitude, nearest.latitude,
                                       nearest.longitude) > NEAR_PLACE_SHARE * radius:
        inside = gazetteer.nearest_place(country_code, latitude, longitude,
                                         within=(south, west, north, east))
        # A cell with no place at all (all sea): fall back to the nearest place anywhere.
        snapped = inside or nearest
        if snapped is not None:
            latitude, longitude = snapped.latitude, snapped.longitude
    return Region(latitude, longitude, radius, f"{_ADJECTIVES[direction]} {info.name}")


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
    return Region(latitude, longitude, max(MIN_HULL_RADIUS_KM, kept[-1]),
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
    candidates = [c for c in gazetteer.candidates(name, country_codes=[country_code]) if c.match == "exact"
                  and c.kind == "populated" and c.admin1_code]
    if not candidates:
        return None
    town = max(candidates, key=lambda c: (c.population, -c.geonameid))
    label = gazetteer.admin1_name(town.country_code, town.admin1_code) or name
    region = admin1_area(gazetteer, town.country_code, town.admin1_code, label)
    return (region, town.country_code, town.admin1_code) if region else None
