"""From place names as written to one coordinate each, chosen as an analyst would.

For every distinct name the providers are asked in order -- analyst
overrides, then the offline gazetteer (through the fixed cache), then
Nominatim when the user opted in -- and the candidates are weighed by:

1. the article's country focus (where most of its places point),
2. spatial coherence (closeness to the article's other places),
3. kind and population (a country's own name means the country).

A name nobody can place is not dropped and not guessed: it is put at the
region the article gives for it ("a village in central Syria") or, failing
that, at the area of the article's other places, with geo_precision 3 and
an uncertainty radius, and listed for an analyst in ``unresolved.csv``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from geopy.exc import GeopyError
from geopy.location import Location

from mapper.geocode.online import nominatim_precision
from mapper.geocode.regions import haversine_km, median

# geo_precision -> radius (km) drawn when the provider gives none
DEFAULT_UNCERTAINTY_KM = {1: 2.0, 2: 10.0, 3: 50.0}

# Feature nouns that say "a settlement": an unknown one is approximated
# at the area of the article's other places rather than left off the map.
SETTLEMENT_FEATURES = {"village", "town", "city", "hamlet", "settlement", "camp", "neighbourhood",
                       "neighborhood", "district", "suburb", "base", "airbase", "air base", ""}


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

    def as_row(self) -> list[Any]:
        return [
            self.place,
            _coord(self.latitude),
            _coord(self.longitude),
            self.geo_precision,
            self.country_code,
            self.admin1,
            self.matched_name,
            self.provider,
            self.source_id,
            self.resolution,
            _km_text(self.uncertainty_km),
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


def _coord(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"


def _km_text(value: float | None) -> str:
    """Whole kilometres, as ``resolution`` states them ("±2 km") and the map has always drawn them."""
    return "" if value is None else f"{value:.0f}"


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
        elif not _is_region(by_name[name]):
            candidates[name] = _gazetteer_candidates(name, providers, result)

    focus = _country_focus(by_name, candidates, decided)
    if providers.online is not None:  # asks Nominatim, or (offline) only its cached answers
        for name in names:
            if name in candidates and not candidates[name]:
                candidates[name] = _online_candidates(name, by_name[name], focus, providers, result)

    # Pass 1 by focus and prominence; pass 2 again, now near the article's other places.
    article_names: dict[str, set[str]] = defaultdict(set)
    for name, name_uses in by_name.items():
        for use in name_uses:
            article_names[use.article].add(name)
    first_pass = {name: _best(cands, by_name[name], focus, centre=None)[0]
                  for name, cands in candidates.items() if cands}
    # Only first choices inside their article's focus country anchor others: a
    # namesake abroad picked in pass 1 must not pull its neighbours away.
    anchors = {**{name: _point_of(choice) for name, choice in first_pass.items()
                  if choice.raw.get("country_code") == _focus_for(by_name[name], focus)},
               **{name: _point_of(record) for name, record in decided.items()}}
    rejected: dict[str, str] = {}
    for name, cands in candidates.items():
        if not cands:
            continue
        centre = _centre(name, by_name[name], article_names, anchors)
        location, why = _best(cands, by_name[name], focus, centre)
        implausible = _implausible(location, _focus_for(by_name[name], focus), centre)
        if implausible:
            rejected[name] = implausible
            continue
        decided[name] = _from_candidate(name, location, why)

    _approximate_the_rest(by_name, article_names, decided, rejected, focus, providers, result)
    result.places = [decided[name] for name in names]
    return result


def _approximate_the_rest(by_name: dict[str, list[PlaceUse]], article_names: dict[str, set[str]],
                          decided: dict[str, PlaceRecord], rejected: dict[str, str], focus: dict[str, str],
                          providers: Providers, result: Resolution) -> None:
    """Every name not decided yet, approximated into ``decided``; unknown names listed for an analyst."""
    # A name that situates another ("Let Yet Kone village in Tabayin") is placed first.
    situating = {use.region for name_uses in by_name.values() for use in name_uses if use.region}
    # Region phrases first (others may fall back on them), then names that situate others.
    for name in sorted(by_name, key=lambda n: (not _is_region(by_name[n]), n not in situating, n)):
        if name in decided:
            continue
        neighbours = {other: decided[other] for use in by_name[name]
                      for other in article_names[use.article] if other in decided}
        record, approximated, for_analyst = _approximate(
            name, by_name[name], neighbours, focus, providers, result, rejected.get(name, ""))
        decided[name] = record
        if for_analyst:
            first = by_name[name][0]
            result.unresolved.append(
                Unresolved(name, first.article, first.sentence, first.sentence_start, first.sentence_end, approximated)
            )


# -- asking providers ------------------------------------------------------

def _gazetteer_candidates(name: str, providers: Providers, result: Resolution) -> list[Location]:
    try:
        return list(providers.gazetteer.geocode(name, exactly_one=False) or [])
    except GeopyError as error:  # the offline index should not fail; say so if it does
        result.failures.append(f"gazetteer failed for {name!r}: {error}")
        return []


def _online_candidates(name, uses, focus, providers, result) -> list[Location]:
    country = _focus_for(uses, focus)
    try:
        found = providers.online.geocode(name, exactly_one=False, country_codes=[country.lower()] if country else None)
    except GeopyError as error:
        result.failures.append(f"online geocoding failed for {name!r} (not cached; offline answer kept): {type(error).__name__}: {error}")
        return []
    return [_normalise_nominatim(location) for location in (found or [])]


def _normalise_nominatim(location: Location) -> Location:
    raw = dict(location.raw)
    address = raw.get("address") or {}
    raw.setdefault("provider", "nominatim")
    raw.setdefault("country_code", str(address.get("country_code", "")).upper())
    raw.setdefault("admin1", address.get("state", ""))
    raw.setdefault("name", raw.get("name") or raw.get("display_name", ""))
    raw.setdefault("kind", "country" if raw.get("addresstype") == "country" else "populated")
    return Location(location.address, (location.latitude, location.longitude), raw)


# -- country focus and choice ---------------------------------------------

def _is_region(uses: list[PlaceUse]) -> bool:
    return any(use.feature == "region" for use in uses)


def _country_focus(by_name, candidates, decided) -> dict[str, str]:
    """Per article, the country most of its places point to.

    A country named in any role counts ("Myanmar's military" says what the
    story is about); other places count where the story locates something,
    not a dateline; a fuzzy spelling match counts a quarter.
    """
    votes: dict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    for name, uses in by_name.items():
        countries = _countries_of(name, candidates, decided)
        if not countries:
            continue
        cands = candidates.get(name) or []
        is_country = any(c.raw.get("kind") == "country" for c in cands)
        fuzzy = bool(cands) and all(c.raw.get("match") == "fuzzy" for c in cands)
        weight = (0.25 if fuzzy else 1.0) / len(countries)
        for use in uses:
            if use.role == "dateline" or (use.role != "location" and not is_country):
                continue
            for country in countries:
                votes[use.article][country] += weight
    # Ties go to the alphabetically first code, so runs are reproducible.
    return {article: min(counter.items(), key=lambda item: (-item[1], item[0]))[0] for article, counter in votes.items()}


def _countries_of(name, candidates, decided) -> list[str]:
    if name in decided:
        return [decided[name].country_code] if decided[name].country_code else []
    cands = candidates.get(name) or []
    country_named = [c for c in cands if c.raw.get("kind") == "country"]
    if country_named:
        return [country_named[0].raw.get("country_code", "")]
    return sorted({c.raw.get("country_code", "") for c in cands if c.raw.get("country_code")})


def _focus_for(uses: list[PlaceUse], focus: dict[str, str]) -> str:
    counts = Counter(focus[use.article] for use in uses if use.article in focus)
    if not counts:
        return ""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def _centre(name, uses, article_names, anchors) -> tuple[float, float] | None:
    """The median point of the other places in the articles that use ``name``."""
    others = sorted({other for use in uses for other in article_names[use.article] if other != name})
    points = [anchors[other] for other in others if anchors.get(other) is not None]
    return _median_point(points) if points else None


# A candidate abroad, far from everything else the article names and small,
# is far more likely a namesake than the place meant: "Tawila" in a Darfur
# report is not the Yemeni village of that name. Big cities abroad are kept
# ("talks in Geneva"); countries always are.
FAR_KM = 500.0
SMALL_POPULATION = 100_000


def _implausible(best: Location, country: str, centre) -> str:
    raw = best.raw
    if raw.get("kind") == "country" or not country or raw.get("country_code") == country:
        return ""
    if float(raw.get("population") or 0) >= SMALL_POPULATION:
        return ""
    if centre is not None and _km(centre, (best.latitude, best.longitude)) <= FAR_KM:
        return ""
    where = f"{_km(centre, (best.latitude, best.longitude)):,.0f} km from the article's other places" if centre else "with nothing else placed near it"
    return (f"the only candidates are namesakes abroad ('{raw.get('name', '')}', {raw.get('country_code', '')}, "
            f"{where}); not used")


def _best(cands, uses, focus, centre) -> tuple[Location, str]:
    country = _focus_for(uses, focus)

    def score(location: Location) -> tuple:
        raw = location.raw
        s = 0.0
        if raw.get("kind") == "country":
            s += 6.0
        if country and raw.get("country_code") == country:
            s += 4.0
        if centre is not None and raw.get("kind") != "country":
            s += 2.0 * math.exp(-_km(centre, (location.latitude, location.longitude)) / 150.0)
        s += min(math.log10(float(raw.get("population") or 0) + 1.0), 7.0) / 7.0
        if raw.get("match", "exact") == "exact":
            s += 1.0
        return (-s, str(raw.get("geonameid", raw.get("osm_id", ""))))

    ranked = sorted(cands, key=score)
    best = ranked[0]
    reasons = []
    if best.raw.get("kind") == "country":
        reasons.append("a country's name")
    if country:
        reasons.append(f"in the article's focus country {country}" if best.raw.get("country_code") == country
                       else f"outside the article's focus country {country}")
    if centre is not None and best.raw.get("kind") != "country":
        reasons.append(f"{_km(centre, (best.latitude, best.longitude)):.0f} km from the article's other places")
    population = int(float(best.raw.get("population") or 0))
    if population:
        reasons.append(f"population {population:,}")
    if best.raw.get("match") == "fuzzy":
        reasons.append(f"fuzzy spelling match to '{best.raw.get('matched_alias') or best.raw.get('name')}'")
    return best, f"{len(cands)} candidate{'s' if len(cands) != 1 else ''}; " + "; ".join(reasons)


def _point_of(anchor) -> tuple[float, float] | None:
    """Where a chosen place is, if it is a town (countries and regions say little)."""
    if isinstance(anchor, Location):
        if anchor.raw.get("kind") == "country":
            return None
        return (anchor.latitude, anchor.longitude)
    if anchor.latitude is None or anchor.geo_precision == 3:
        return None
    return (anchor.latitude, anchor.longitude)


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (median([p[0] for p in points]), median([p[1] for p in points]))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine_km(a[0], a[1], b[0], b[1])


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
    if raw.get("provider") == "nominatim":
        precision = nominatim_precision(raw)
        source_id = f"osm:{raw.get('osm_type', '')}/{raw.get('osm_id', '')}"
        provider = "nominatim"
        matched = raw.get("display_name", "")
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


def _approximate(name, uses, decided, focus, providers, result, rejected: str = "") -> tuple[PlaceRecord, str, bool]:
    """Place a region phrase, or an unknown name at the region the article gives.

    Returns the record, the region it was approximated as, and whether an
    analyst should look at it (every unknown name; a region phrase only when
    even the region could not be placed).
    """
    is_region = _is_region(uses)
    phrase = name if is_region else next((use.region for use in uses if use.region), "")
    context = _context_points(uses, decided, focus)
    town = decided.get(phrase)
    # (a region phrase such as "central Syria" is no town: the region path below words it right)
    if not is_region and town is not None and town.latitude is not None \
            and town.approximation not in _REGION_APPROXIMATIONS:
        # "the Zamzam camp near El Fasher": ACLED's precision 2, near a known town;
        # in a place that is itself approximate, as approximate as it is.
        return _near_record(name, town, rejected), f"near {phrase}", True
    region = None
    if phrase:
        try:
            region = providers.regions.geocode(phrase, context=context)
        except GeopyError as error:
            result.failures.append(f"region {phrase!r}: {error}")
    if region is not None:
        why = _region_reason(region) if is_region else f"the article places it in {phrase}: {_region_reason(region)}"
        return _approx_record(name, region, why, unknown=not is_region, rejected=rejected), phrase, not is_region
    if not is_region:
        region = providers.regions.geocode("", context=context)
        named_regions = [r for r in decided.values() if _is_named_region(r)]
        best = min(named_regions, key=lambda r: (r.uncertainty_km or 0.0, r.place)) if named_regions else None
        hull_radius = float(region.raw.get("radius_km", 0)) if region is not None else None
        if best is not None and (region is None or region.raw.get("approximation") == "country"
                                 or (best.uncertainty_km or 0.0) < (hull_radius or 0.0)):
            # "Tabayin township" in a story about "the northwestern Sagaing region": the
            # tighter of the region the article names and the area of its other places
            record = replace(best, place=name, source_id=f"within:{best.source_id}", approximation="within", resolution=(
                f"approximate: {rejected or 'in no gazetteer'}; the article gives no region for it; placed in "
                f"the article's region '{best.place}'; ±{best.uncertainty_km:.0f} km; add an override to pin it"))
            return record, best.place, True
        if region is not None:
            why = "the article gives no region; placed at " + _region_reason(region)
            return _approx_record(name, region, why, unknown=True, rejected=rejected), region.raw.get("label", ""), True
    empty = PlaceRecord(name, None, None, None, "", "", "", "none", "",
                        "not placed: " + (rejected or "no provider knows it") + "; the article gives nothing to place it by")
    return empty, "", True


NEAR_KM = 15.0


def _near_record(name: str, town: PlaceRecord, rejected: str) -> PlaceRecord:
    precision = max(2, town.geo_precision or 2)
    radius = max(NEAR_KM, town.uncertainty_km or 0.0)
    return PlaceRecord(
        place=name,
        latitude=town.latitude,
        longitude=town.longitude,
        geo_precision=precision,
        country_code=town.country_code,
        admin1=town.admin1,
        matched_name=town.matched_name,
        provider="region",
        source_id=f"near:{town.source_id}",
        resolution=(f"approximate: {rejected or 'in no gazetteer'}; the article places it in or near {town.place}: "
                    f"at {town.place}, geo_precision {precision}; ±{radius:.0f} km; add an override to pin it"),
        uncertainty_km=radius,
        approximation="near",
    )


# Approximations that are a region, not a town: a name "near" one of them is in
# that region, not near a town ("a village near central Syria" is not at a town).
_REGION_APPROXIMATIONS = frozenset({"admin1", "cell", "hull", "country"})


def _is_named_region(record: PlaceRecord) -> bool:
    """A region the article names ("central Syria", "the Sagaing region"), not a hull or a whole country."""
    return record.provider == "region" and record.latitude is not None and record.approximation in ("admin1", "cell")


def _region_reason(region: Location) -> str:
    raw = region.raw
    kind = raw.get("approximation")
    if kind == "hull":
        return "the area of the article's other places (their median, radius reaching them)"
    if kind == "country":
        return f"somewhere in {raw.get('label', '')}, the article's country"
    if kind == "admin1":
        return f"the first-level region {raw.get('label', '')} ({raw.get('country_code', '')}), at its most populous place"
    return f"'{raw.get('label', '')}', a cell of the country's 3x3 grid"


def _approx_record(name: str, region: Location, why: str, *, unknown: bool, rejected: str = "") -> PlaceRecord:
    raw = region.raw
    radius = float(raw.get("radius_km") or DEFAULT_UNCERTAINTY_KM[3])
    prefix = f"approximate: {rejected or 'in no gazetteer'}; " if unknown else "region: "
    advice = "; add an override to pin it" if unknown else ""
    return PlaceRecord(
        place=name,
        latitude=region.latitude,
        longitude=region.longitude,
        geo_precision=3,
        country_code=raw.get("country_code", ""),
        admin1=raw.get("admin1", ""),
        matched_name=raw.get("label", ""),
        provider="region",
        source_id=raw.get("source_id", ""),
        resolution=f"{prefix}{why}; ±{radius:.0f} km{advice}",
        uncertainty_km=radius,
        approximation=raw.get("approximation", ""),
    )


def _context_points(uses, decided, focus) -> dict:
    """The article's already-placed local places, for hull regions."""
    country = _focus_for(uses, focus)
    points = []
    for record in decided.values():
        if record.latitude is None or record.geo_precision != 1:
            continue
        if country and record.country_code != country:
            continue
        points.append((record.latitude, record.longitude))
    return {"country_code": country, "points": sorted(points)}
