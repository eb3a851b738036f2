"""Coordinates written in the text, and the place they belong to.

A Wikipedia page or an NGO incident record often gives the point itself:
"Tuwaym 35.08°N 36.71°E" or an infobox line "Coordinates: 35°04′48″N
36°42′36″E". That beats any gazetteer guess, so it is used as given, with the
text it came from as the citation. Only forms that cannot be anything else
are read: degrees with a hemisphere letter (decimal or degrees-minutes-
seconds) for both axes. A bare "35.08, 36.71" could be a score or a price.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

# 35.08°N | 35°04′48″N | 35° 4' 48" N   (minutes/seconds marks: ′ ' ’ and ″ " ”)
_AXIS = (r"(?P<{a}d>\d{{1,3}}(?:\.\d+)?)\s?°\s?"
         r"(?:(?P<{a}m>\d{{1,2}}(?:\.\d+)?)\s?[′'’]\s?(?:(?P<{a}s>\d{{1,2}}(?:\.\d+)?)\s?[″\"”]\s?)?)?"
         r"(?P<{a}h>[{h}])\b")
_PAIR = re.compile(_AXIS.format(a="lat", h="NS") + r"[\s,;/]{1,3}" + _AXIS.format(a="lon", h="EW"))


@dataclass(frozen=True)
class WrittenPoint:
    start: int
    end: int
    latitude: float
    longitude: float
    text: str  # as written, for the citation
    decimals: int  # how finely it is written: 2+ decimals (or seconds) is a town's point


def find_points(text: str) -> list[WrittenPoint]:
    """Every latitude/longitude pair written with hemisphere letters, in text order."""
    points = []
    for match in _PAIR.finditer(text):
        latitude = _degrees(match, "lat")
        longitude = _degrees(match, "lon")
        if latitude is None or longitude is None or abs(latitude) > 90 or abs(longitude) > 180:
            continue
        points.append(WrittenPoint(match.start(), match.end(), round(latitude, 5), round(longitude, 5),
                                   match.group(0), _fineness(match)))
    return points


def _degrees(match: re.Match, axis: str) -> float | None:
    degrees = float(match.group(f"{axis}d"))
    minutes = float(match.group(f"{axis}m") or 0)
    seconds = float(match.group(f"{axis}s") or 0)
    if minutes >= 60 or seconds >= 60:
        return None
    value = degrees + minutes / 60 + seconds / 3600
    return -value if match.group(f"{axis}h") in "SW" else value


def _fineness(match: re.Match) -> int:
    if match.group("lats") or match.group("latm"):
        return 4 if match.group("lats") else 2
    fraction = match.group("latd").partition(".")[2]
    return len(fraction)


# A point belongs to the name just before it ("Tuwaym (35.08°N 36.71°E)", an infobox's
# "Tuwaym ... Coordinates: 35°04′48″N 36°42′36″E"); further than this, to nobody.
OWNER_WITHIN_CHARS = 300


def owner_of(point: WrittenPoint, mentions: Sequence[tuple[str, int, int]]) -> str | None:
    """The place a written point belongs to: the nearest place name ending before it, if close enough.

    ``mentions``: (name, start, end) of the article's place mentions.
    """
    before = [m for m in mentions if m[2] <= point.start and point.start - m[2] <= OWNER_WITHIN_CHARS]
    return max(before, key=lambda m: m[2])[0] if before else None
