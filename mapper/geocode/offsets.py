"""Places written as an offset from a known place: "Kelva, 10 km east of Doro", "100 km north of Doro".

Extraction reads the phrase into a typed ``Offset`` on the use (mapper.extract.offsets). Once the
article's names are chosen, and before the rest is approximated:

- a distance given: the point is the anchor's point moved by the distance on the bearing (a great
  circle), geo_precision 2 (3 when the radius is region-sized), with an uncertainty of a third of
  the distance plus the anchor's own radius -- a writer's "some 60 km" is rounded, and the bearing
  is one of eight. A place the gazetteer knows that lies within twice that radius of the point is
  kept (the offset backs it; distances are often by road); one farther away is a namesake and gives way;
- "near Doro", "close to Doro" (no bearing, no distance): a place the gazetteer knows within 50 km
  of Doro is kept; else Doro's point at geo_precision 2 (Doro's radius plus 15 km), or its area
  when Doro is one;
- no distance ("north-east of Doro"), or an anchor that is an area ("100 km west of Syria": a
  country's point is no place to measure from): the anchor's area at geo_precision 3.

An override or coordinates written in the article always win; an anchor not placed yet gives nothing.
"""

from __future__ import annotations

from geopy.distance import great_circle

from mapper.extract.model import Offset
from mapper.geocode.names import fold
from mapper.geocode.records import DEFAULT_UNCERTAINTY_KM, PlaceRecord, PlaceUse

_AS_GIVEN = ("override", "article")  # providers whose answer no offset overrides
_AREA_KM = 100.0  # a radius beyond this is a region, not a point near a town: geo_precision 3


def offset_of(uses: list[PlaceUse]) -> Offset | None:
    return next((use.offset for use in uses if use.offset is not None), None)


def only_offset(uses: list[PlaceUse]) -> bool:
    """The name is the offset phrase itself ("100 km north of Doro"): no gazetteer knows it."""
    return any(use.offset is not None and use.name == use.offset.text for use in uses)


def place_offsets(by_name: dict[str, list[PlaceUse]], decided: dict[str, PlaceRecord]) -> None:
    """Each name written as an offset, placed from its anchor into ``decided`` (see the module doc)."""
    for name, uses in by_name.items():
        offset = offset_of(uses)
        known = decided.get(name)
        if offset is None or (known is not None and known.provider in _AS_GIVEN):
            continue
        anchor = _anchor(offset.anchor, name, decided)
        if anchor is None:
            continue
        if offset.bearing is None:  # "Kelva military base close to Doro"
            if known is None or known.latitude is None or not _near(known, anchor):
                decided[name] = near_anchor(name, offset, anchor)
            continue
        # "100 km west of Syria": a distance from an area's representative point means nothing
        record = moved(name, offset, anchor) if offset.km and (anchor.geo_precision or 3) < 3 else \
            at_anchor(name, offset, anchor)
        if known is None or known.latitude is None or not _backs(known, record):
            decided[name] = record


def _anchor(written: str, name: str, decided: dict[str, PlaceRecord]) -> PlaceRecord | None:
    key = fold(written) or written
    for other, record in decided.items():
        if other != name and (fold(other) or other) == key and record.latitude is not None:
            return record
    return None


def _backs(known: PlaceRecord, record: PlaceRecord) -> bool:
    """A gazetteer place within the offset's radius of its point: the offset backs it (keep it)."""
    if record.approximation != "offset":  # no distance: any known place beats the anchor's area
        return True
    gap = great_circle((known.latitude, known.longitude), (record.latitude, record.longitude)).km
    return gap <= 2 * (record.uncertainty_km or 0.0)  # a writer's "about 45 miles" is often by road


# "close to Doro": a place the gazetteer knows within this of Doro is the one meant; beyond, a namesake
NEAR_KM = 50.0
# how far "near" reaches around a town: the radius added to the anchor's own
_NEAR_RADIUS_KM = 15.0


def _near(known: PlaceRecord, anchor: PlaceRecord) -> bool:
    return great_circle((known.latitude, known.longitude), (anchor.latitude, anchor.longitude)).km <= NEAR_KM


def near_anchor(name: str, offset: Offset, anchor: PlaceRecord) -> PlaceRecord:
    """"Kelva base close to Doro", Kelva unknown (or only a namesake far away): at Doro's point, near
    (geo_precision 2, Doro's radius plus 15 km) when Doro is a town; in Doro's area when it is one."""
    if (anchor.geo_precision or 3) >= 3:
        return at_anchor(name, offset, anchor)
    radius = (anchor.uncertainty_km or DEFAULT_UNCERTAINTY_KM[anchor.geo_precision or 3]) + _NEAR_RADIUS_KM
    return PlaceRecord(
        place=name, latitude=anchor.latitude, longitude=anchor.longitude, geo_precision=2,
        country_code=anchor.country_code, admin1=anchor.admin1, matched_name=anchor.matched_name,
        provider="offset", source_id=f"near:{anchor.source_id}",
        resolution=f"offset: '{offset.text}': near {anchor.matched_name}, no distance given; ±{radius:.0f} km",
        uncertainty_km=round(radius, 1), approximation="near",
    )


def moved(name: str, offset: Offset, anchor: PlaceRecord) -> PlaceRecord:
    """The anchor's point moved ``offset.km`` on ``offset.bearing``: "10 km east of Doro"."""
    km = float(offset.km or 0.0)
    own = anchor.uncertainty_km or DEFAULT_UNCERTAINTY_KM[anchor.geo_precision or 3]
    radius = km / 3.0 + own
    point = great_circle(kilometers=km).destination((anchor.latitude, anchor.longitude), bearing=offset.bearing or 0.0)
    precision = 3 if radius > _AREA_KM else 2
    return PlaceRecord(
        place=name, latitude=round(point.latitude, 6), longitude=round(point.longitude, 6), geo_precision=precision,
        country_code=anchor.country_code, admin1="", matched_name=anchor.matched_name,
        provider="offset", source_id=f"offset:{anchor.source_id}",
        resolution=(f"offset: '{offset.text}': {anchor.matched_name}'s point moved {km:.0f} km on bearing "
                    f"{offset.bearing:.0f}° (a third of the distance plus {anchor.matched_name}'s ±{own:.0f} km); "
                    f"±{radius:.0f} km"),
        uncertainty_km=round(radius, 1), approximation="offset",
    )


def at_anchor(name: str, offset: Offset, anchor: PlaceRecord) -> PlaceRecord:
    """"north-east of Doro" with no distance, or a distance from an area: somewhere in the anchor's area,
    never the anchor as exact."""
    radius = max(anchor.uncertainty_km or 0.0, DEFAULT_UNCERTAINTY_KM[3])
    return PlaceRecord(
        place=name, latitude=anchor.latitude, longitude=anchor.longitude, geo_precision=3,
        country_code=anchor.country_code, admin1=anchor.admin1, matched_name=anchor.matched_name,
        provider="offset", source_id=f"near:{anchor.source_id}",
        resolution=(f"offset: '{offset.text}' gives {'no distance' if not offset.km else 'a distance from an area'}: "
                    f"{anchor.matched_name}'s area; ±{radius:.0f} km"),
        uncertainty_km=radius, approximation="near",
    )
