"""From place names as written to one coordinate each, chosen as an analyst would.

For every distinct name the providers are asked in order -- analyst
overrides, then the offline gazetteer (through the fixed cache), then
Nominatim when the user opted in -- and the candidates are weighed by:

0. containment: a name written inside another ("Paris, Texas") among the candidates
   inside it, or at it when none is (context.py),
1. the article's country focus (focus.py: its countries, regions and nationality adjectives,
   weighted by where they stand; never an alphabetical tie-break), then the regions it names,
2. spatial coherence (closeness to the article's other places),
3. kind and population (a country's own name means the country).

A name nobody can place is not dropped and not guessed: it is put at the
region the article gives for it ("a village in central Syria") or, failing
that, at the area of the article's other places, with geo_precision 3 and
an uncertainty radius, and listed for an analyst in ``unresolved.csv``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from geopy.exc import GeopyError
from geopy.location import Location

from mapper.geocode import nominatim
from mapper.geocode.approximate import approximate_the_rest
from mapper.geocode.context import (
    container_names, container_of, containment_order, fit_containers, inside, narrow_to_container,
)
from mapper.geocode.focus import named_regions, regions_for
from mapper.geocode.choice import best_candidate, centre_of, country_focus, focus_for, implausibility, is_region, point_of
from mapper.geocode.records import (  # noqa: F401 -- re-exported: the records stay importable from here
    DEFAULT_UNCERTAINTY_KM,
    SETTLEMENT_FEATURES,
    PlaceRecord,
    PlaceUse,
    Providers,
    Resolution,
    Unresolved,
)


def resolve_places(uses: Iterable[PlaceUse], providers: Providers) -> Resolution:
    uses = list(uses)
    by_name: dict[str, list[PlaceUse]] = defaultdict(list)
    for use in uses:
        by_name[use.name].append(use)
    names = sorted(by_name)
    result = Resolution()

    decided: dict[str, PlaceRecord] = {}
    candidates: dict[str, list[Location]] = {}
    for name in names:
        override = providers.overrides.geocode(name)
        if override is not None:
            decided[name] = _from_override(name, override)
        elif not is_region(by_name[name]):
            candidates[name] = _gazetteer_candidates(name, providers, result)

    containers = container_names(by_name)  # "Paris, Texas": Paris in Texas, Texas holding a Paris
    fit_containers(candidates, containers)
    focus = country_focus(by_name, candidates, decided)
    regions = named_regions(by_name, candidates)  # "Columbus" in a story naming Georgia (the state)
    if providers.online is not None:  # asks Nominatim, or (offline) only its cached answers
        for name in names:
            if name in candidates and not candidates[name]:
                candidates[name] = _online_candidates(name, by_name[name], focus, providers, result)

    # Pass 1 by focus and prominence; pass 2 again, now near the article's other places.
    article_names: dict[str, set[str]] = defaultdict(set)
    for name, name_uses in by_name.items():
        for use in name_uses:
            article_names[use.article].add(name)
    first_pass = {name: best_candidate(cands, by_name[name], focus, centre=None)[0]
                  for name, cands in candidates.items() if cands}
    # Only first choices inside their article's focus country anchor others: a
    # namesake abroad picked in pass 1 must not pull its neighbours away.
    anchors = {**{name: point_of(choice) for name, choice in first_pass.items()
                  if choice.raw.get("country_code") == focus_for(by_name[name], focus)},
               **{name: point_of(record) for name, record in decided.items()}}
    rejected: dict[str, str] = {}
    chosen: dict[str, Location] = {}
    for name in containment_order(candidates, containers):  # a container is chosen before what it holds
        outer, container = container_of(name, containers, chosen, decided)
        cands, at_container = narrow_to_container(name, candidates[name], outer, container)
        if at_container is not None:
            decided[name] = at_container
        if not cands:
            continue
        centre = centre_of(name, by_name[name], article_names, anchors)
        location, why = best_candidate(cands, by_name[name], focus, centre, regions_for(by_name[name], regions))
        # inside the place the article puts it in, it is no namesake abroad
        held = container is not None and inside(location, container)
        implausible = "" if held else implausibility(location, focus_for(by_name[name], focus), centre)
        if implausible:
            rejected[name] = implausible
            continue
        decided[name] = _from_candidate(name, location, why)
        chosen[name] = location

    approximate_the_rest(by_name, article_names, decided, rejected, focus, providers, result)
    result.places = [decided[name] for name in names]
    return result


# -- asking providers ------------------------------------------------------


def _gazetteer_candidates(name: str, providers: Providers, result: Resolution) -> list[Location]:
    try:
        return list(providers.gazetteer.geocode(name, exactly_one=False) or [])
    except GeopyError as error:  # the offline index should not fail; say so if it does
        result.failures.append(f"gazetteer failed for {name!r}: {error}")
        return []


def _online_candidates(name, uses, focus, providers, result) -> list[Location]:
    country = focus_for(uses, focus)
    try:
        found = providers.online.geocode(name, exactly_one=False, country_codes=[country.lower()] if country else None)
    except GeopyError as error:
        result.failures.append(f"online geocoding failed for {name!r} (not cached; offline answer kept): {type(error).__name__}: {error}")
        return []
    return [nominatim.normalise(location) for location in (found or [])]


# -- building records ------------------------------------------------------


def _from_override(name: str, location: Location) -> PlaceRecord:
    raw = location.raw
    precision = int(raw["geo_precision"])
    citation = raw.get("citation") or "no citation given"
    return PlaceRecord(
        place=name,
        latitude=location.latitude,
        longitude=location.longitude,
        geo_precision=precision,
        country_code=raw.get("country_code", ""),
        admin1="",
        matched_name=raw["place"],
        provider="override",
        source_id=f"places_overrides.csv:{raw.get('line', '')}",
        resolution=f"analyst override; source: {citation}",
        # from geo_precision, never from the citation's prose ("survey error ±20000 km")
        uncertainty_km=DEFAULT_UNCERTAINTY_KM[precision],
        approximation="none",
    )


def _from_candidate(name: str, location: Location, why: str) -> PlaceRecord:
    raw = location.raw
    if raw.get("provider") == nominatim.PROVIDER:
        precision, source_id, matched = nominatim.record_fields(raw)
        provider = nominatim.PROVIDER
    else:
        country = raw.get("kind") == "country"
        precision = 3 if country else (2 if raw.get("match") == "fuzzy" else 1)
        source_id = f"geonames:{raw.get('geonameid', '')}"
        provider = "gazetteer"
        matched = raw.get("name", "")
    uncertainty = float(raw.get("radius_km") or DEFAULT_UNCERTAINTY_KM[precision])
    return PlaceRecord(
        place=name,
        latitude=location.latitude,
        longitude=location.longitude,
        geo_precision=precision,
        country_code=raw.get("country_code", ""),
        admin1=raw.get("admin1", "") if raw.get("kind") != "country" else "",
        matched_name=matched,
        provider=provider,
        source_id=source_id,
        resolution=f"{provider}: {why}; ±{uncertainty:.0f} km",
        uncertainty_km=uncertainty,
        approximation="none",
    )
