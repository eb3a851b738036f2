"""Places no provider could pin: at the region the article gives, near a known town, or the article's area.

A name nobody can place is not dropped and not guessed: it is put at the
region the article gives for it ("a village in central Syria") or, failing
that, at the area of the article's other places, with geo_precision 3 and
an uncertainty radius, and listed for an analyst in ``unresolved.csv``.
"""

from __future__ import annotations

from dataclasses import replace

from geopy.exc import GeopyError
from geopy.location import Location

from mapper.geocode.choice import focus_for, is_region
from mapper.geocode.context import within_record
from mapper.geocode.records import DEFAULT_UNCERTAINTY_KM, PlaceRecord, PlaceUse, Providers, Resolution, Unresolved


def approximate_the_rest(by_name: dict[str, list[PlaceUse]], article_names: dict[str, set[str]],
                         decided: dict[str, PlaceRecord], rejected: dict[str, str], focus: dict[str, str],
                         providers: Providers, result: Resolution, own_focus: dict[str, dict[str, str]] | None = None) -> None:
    """Every name not decided yet, approximated into ``decided``; unknown names listed for an analyst
    (each in its article's focus country, or in the one ``own_focus`` gives it: focus.section_focus)."""
    # A name that situates another ("Let Yet Kone village in Tabayin") is placed first.
    situating = {use.region or use.within for name_uses in by_name.values() for use in name_uses if use.region or use.within}
    # Region phrases first (others may fall back on them), then names that situate others.
    for name in sorted(by_name, key=lambda n: (not is_region(by_name[n]), n not in situating, n)):
        if name in decided:
            continue
        neighbours = {other: decided[other] for use in by_name[name]
                      for other in article_names[use.article] if other in decided}
        record, approximated, for_analyst = _approximate(
            name, by_name[name], neighbours, (own_focus or {}).get(name, focus), providers, result, rejected.get(name, ""))
        decided[name] = record
        if for_analyst:
            first = by_name[name][0]
            result.unresolved.append(
                Unresolved(name, first.article, first.sentence, first.sentence_start, first.sentence_end, approximated)
            )


def _approximate(name, uses, decided, focus, providers, result, rejected: str = "") -> tuple[PlaceRecord, str, bool]:
    """Place a region phrase, or an unknown name at the region the article gives.

    Returns the record, the region it was approximated as, and whether an
    analyst should look at it (every unknown name; a region phrase only when
    even the region could not be placed).
    """
    a_region = is_region(uses)
    # "the Yisbal region (Dessa, Nortia)": a region no gazetteer has, written inside a placed town, is in its area
    within = next((use.within for use in uses if use.within), "")
    if a_region and within and (outer := decided.get(within)) is not None and outer.latitude is not None \
            and outer.approximation not in _REGION_APPROXIMATIONS:
        return within_record(name, within, outer, rejected or "in no gazetteer"), within, True
    # "Dessa, Zamfara": an unknown name is placed by the place the article puts it in
    phrase = name if a_region else next((use.region or use.within for use in uses if use.region or use.within), "")
    context = _context_points(uses, decided, focus)
    town = decided.get(phrase)
    # (a region phrase such as "central Syria" is no town: the region path below words it right)
    if not a_region and town is not None and town.latitude is not None \
            and town.approximation not in _REGION_APPROXIMATIONS:
        if not any(use.region for use in uses):
            # "Kiboro village (Dessa, Nord-Kivu)": somewhere in the unit written with it (often a
            # district the gazetteer calls a town), geo_precision 3, not "near" its point
            return within_record(name, phrase, town, rejected or "in no gazetteer"), phrase, True
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
        why = _region_reason(region) if a_region else f"the article places it in {phrase}: {_region_reason(region)}"
        return _approx_record(name, region, why, unknown=not a_region, rejected=rejected), phrase, not a_region
    if not a_region and (mate := _sentence_mate(name, uses, decided, focus)) is not None:
        # "in the Aqi Bai and Naw Abad villages of Imam Sahib district, Kunduz": the village no
        # gazetteer has is somewhere in the area of the place its sentence names with it
        why = f"{rejected or 'in no gazetteer'}; its sentence names it with {mate}"
        return within_record(name, mate, decided[mate], why), mate, True
    if not a_region:
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
# a sentence mate farther into the sentence than this is no longer the unknown name's area
MATE_REACH = 120


def _sentence_mate(name: str, uses: list[PlaceUse], decided: dict[str, PlaceRecord], focus: dict[str, str]) -> str | None:
    """The placed place written with ``name`` in its first sentence that situates it best: the
    nearest after it (a village, then its district or province), else the nearest before, within
    ``MATE_REACH`` characters; a town or unit of the article's focus country, not a country or a
    region already approximated."""
    use = uses[0]
    here = use.sentence.find(name)
    if here < 0:
        return None
    country = focus_for(uses, focus)
    best: tuple[int, str] | None = None
    for other, record in decided.items():
        at = use.sentence.find(other)
        if other == name or at < 0 or record.latitude is None or record.approximation in _REGION_APPROXIMATIONS \
                or record.approximation in ("within", "near") or (country and record.country_code != country) \
                or (record.uncertainty_km or 0.0) > _MATE_MAX_KM:
            continue
        gap = at - here if at > here else MATE_REACH + here - at  # after it first
        if abs(at - here) <= MATE_REACH and (best is None or gap < best[0]):
            best = (gap, other)
    return best[1] if best else None


_MATE_MAX_KM = 250.0  # a first-level region at most; a country says too little


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
    if kind == "within":  # "central Beirut": RegionGeocoder's part of a city
        return f"a part of the city {raw.get('label', '')} ({raw.get('country_code', '')}), its area round its point"
    return f"'{raw.get('label', '')}', the populated part of that sector of the country (its places' weighted median)"


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
    country = focus_for(uses, focus)
    points = []
    for record in decided.values():
        if record.latitude is None or record.geo_precision != 1:
            continue
        if country and record.country_code != country:
            continue
        points.append((record.latitude, record.longitude))
    return {"country_code": country, "points": sorted(points)}
