"""The resolver's records: a place as used in an article, and a place as decided.

``PlaceRecord.as_row`` is one row of ``places.csv`` (``schema.PLACE_COLUMNS``);
``Unresolved.as_row`` one of ``unresolved.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mapper.extract.coordinates import WrittenPoint
from mapper.extract.model import Offset

# geo_precision -> radius (km) drawn when the provider gives none
DEFAULT_UNCERTAINTY_KM = {1: 2.0, 2: 10.0, 3: 50.0}

# Feature nouns that say "a settlement": an unknown one is approximated
# at the area of the article's other places rather than left off the map.
SETTLEMENT_FEATURES = {"village", "town", "city", "hamlet", "settlement", "camp", "neighbourhood",
                       "neighborhood", "district", "suburb", "base", "airbase", "air base", ""}


@dataclass(frozen=True)
class SectionWeight:
    """A name's mentions in one section of its article (extract.sections): "Tana" twice in the
    Kenya part of a digest -> (its section, their weight, where the first of them stands)."""

    section: int
    weight: float
    start: int  # the sentence start of its first mention there (for ties, as ``sentence_start``)


@dataclass(frozen=True)
class PlaceUse:
    """One mention of a place name in one article, with its sentence."""

    article: str
    name: str
    feature: str = ""
    region: str = ""
    role: str = "location"
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    within: str = ""  # the place the article puts it in, as written ("Paris, Texas" -> "Texas")
    within_by_comma: bool = False  # read from a bare comma, which may be a list ("Geneva, Vienna")
    weight: float = 1.0  # its mentions, each weighted by where it stands (focus.position_weight)
    demonyms: tuple[tuple[str, float, int], ...] = ()  # the article's focus.demonym_votes (same on each use)
    written: WrittenPoint | None = None  # coordinates the article itself gives for it ("35.08°N 36.71°E")
    offset: Offset | None = None  # "Kelva, 10 km east of Doro": a distance and bearing from a place (geocode.offsets)
    capital_of: str = ""  # "the Yemeni capital": the ISO code of the country whose capital it is (geocode.capitals)
    # An article of several sections (extract.sections; () when it is one): the weight of the
    # name's mentions per section it is used in, and the article's nationality adjectives per
    # section (focus.demonym_votes of each section's sentences; the same on each use).
    sections: tuple[SectionWeight, ...] = ()
    section_demonyms: tuple[tuple[tuple[str, float, int], ...], ...] = ()


@dataclass(frozen=True)
class PlaceRecord:
    place: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    country_code: str
    admin1: str
    matched_name: str
    provider: str
    source_id: str
    resolution: str  # for people: why this candidate won; nothing reads it back
    uncertainty_km: float | None = None  # the radius drawn round the point; None when not placed
    approximation: str = ""  # one of schema.APPROXIMATIONS; "" when not placed
    article: str = ""  # the article whose context decided it (one record per article and name)

    def as_row(self) -> list[Any]:
        return [
            self.article,
            self.place,
            coord_text(self.latitude),
            coord_text(self.longitude),
            self.geo_precision,
            self.country_code,
            self.admin1,
            self.matched_name,
            self.provider,
            self.source_id,
            self.resolution,
            km_text(self.uncertainty_km),
            self.approximation,
        ]


@dataclass(frozen=True)
class Unresolved:
    place: str
    article: str
    sentence: str
    sentence_start: int
    sentence_end: int
    approximated_as: str

    def as_row(self) -> list[Any]:
        return [self.place, self.article, self.sentence, self.sentence_start, self.sentence_end, self.approximated_as]


@dataclass
class Resolution:
    places: list[PlaceRecord] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


@dataclass
class Providers:
    """The geocoders, each a geopy-style ``geocode(query, exactly_one=...)``."""

    overrides: Any
    gazetteer: Any
    regions: Any
    online: Any = None


def coord_text(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"


def km_text(value: float | None) -> str:
    """Whole kilometres, as ``resolution`` states them ("±2 km") and the map has always drawn them."""
    return "" if value is None else f"{value:.0f}"

