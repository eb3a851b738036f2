"""Containment in resolution: a place written inside another ("Paris, Texas") lies inside it.

Extraction gives a use ``within`` = the name it is written in (mapper.extract.containment).
Here that becomes a rule on the candidates:

- X's candidates are those inside one of Y's, and Y's those holding one of X's: "Paris, Texas"
  keeps Paris (US, TX) and Texas the state, not the town of Texas abroad;
- once Y is chosen, X is chosen among its candidates inside Y; when none is and Y is an area
  (a country, a region), X is put at Y (geo_precision 3, the reason stated), never pinned
  elsewhere -- unless X is a city of 100,000 or more, which its name places better than a
  container that holds none of its namesakes ("Chennai (Chennai, TN)" is not in Tennessee);
  a town Y holding none of X's candidates says nothing (a list: "Toronto, Vancouver").

"Inside" by the container's kind: a country holds its country code, a first-level region its
country and admin1 code, a second-level unit what lies within its radius, a town what lies
within ``TOWN_KM`` of it.
"""

from __future__ import annotations

from typing import TypeAlias

from geopy.location import Location

from mapper.geocode.gazetteer_index import ADMIN_WORDS
from mapper.geocode.names import fold
from mapper.geocode.records import DEFAULT_UNCERTAINTY_KM, PlaceRecord, PlaceUse
from mapper.geocode.regions import haversine_km

# "Kafr Nabl (Idlib)": a place "in" a town is in its district, not kilometres across the country.
TOWN_KM = 50.0

Container: TypeAlias = Location | PlaceRecord


def written_by_comma(by_name: dict[str, list[PlaceUse]]) -> set[str]:
    """The names whose container is read from a bare comma ("Dessa, Zamfara"), which may be a list."""
    return {name for name, uses in by_name.items() if next((use for use in uses if use.within), PlaceUse("", "")).within_by_comma}


def container_names(by_name: dict[str, list[PlaceUse]]) -> dict[str, str]:
    """name -> the name it is written inside, when that name is placed here too (not itself)."""
    out = {}
    for name, uses in by_name.items():
        within = next((use.within for use in uses if use.within), "")
        if within and within != name and within in by_name:
            out[name] = within
    return out


def containment_order(names, containers: dict[str, str]) -> list[str]:
    """``names`` with every container before what it contains ("Syria" before "Idlib" before "Kafr Nabl")."""
    def depth(name: str) -> int:
        seen = {name}
        while name in containers and containers[name] not in seen:
            name = containers[name]
            seen.add(name)
        return len(seen)

    return sorted(names, key=lambda name: (depth(name), name))


def inside(candidate: Location, container: Container) -> bool:
    """Whether ``candidate`` lies in ``container`` (a chosen Location, or a decided record)."""
    raw = candidate.raw
    if isinstance(container, PlaceRecord):
        if container.latitude is None or container.longitude is None:
            return False
        if container.country_code and raw.get("country_code") != container.country_code:
            return False
        reach = max(container.uncertainty_km or 0.0, TOWN_KM)
        return _km(candidate, container.latitude, container.longitude) <= reach
    box = container.raw
    kind = box.get("kind")
    if raw.get("country_code") != box.get("country_code") or candidate is container:
        return False
    if kind == "country":
        return raw.get("kind") != "country"
    if kind == "admin1":
        return raw.get("kind") not in ("country", "admin1") and raw.get("admin1_code") == box.get("admin1_code")
    reach = float(box.get("radius_km") or 0.0) if kind == "admin2" else TOWN_KM
    return raw.get("kind") not in ("country", "admin1") and _km(candidate, container.latitude, container.longitude) <= max(reach, TOWN_KM)


def fit_containers(candidates: dict[str, list[Location]], containers: dict[str, str]) -> None:
    """Narrow both sides of every containment to the candidates that fit each other, in place.

    When no candidate of the container holds one of X's, X's candidates whose first-level region
    is called what the container is written as are kept ("Hagerstown, Indiana": the Hagerstown
    whose admin1 is Indiana, even if "Indiana" itself resolved to a town), and that containment is
    then settled (dropped from ``containers``). Else a container that can be a second-level unit,
    whose towns are all villages (< ``VILLAGE_POPULATION``), keeps only its units. A side nothing
    fits is left as it is (the gazetteer may lack the right one).
    """
    for inner, outer in sorted(containers.items()):
        xs, ys = candidates.get(inner) or [], candidates.get(outer) or []
        holding = [y for y in ys if any(inside(x, y) for x in xs)]
        if holding:
            candidates[outer] = holding
            candidates[inner] = [x for x in xs if any(inside(x, y) for y in holding)]
            continue
        named = [x for x in xs if admin1_key(x.raw.get("admin1", "")) == admin1_key(outer)]
        if named:
            candidates[inner] = named
            del containers[inner]
            continue
        units = [y for y in ys if y.raw.get("kind") == "admin2"]
        if units and all(float(y.raw.get("population") or 0) < VILLAGE_POPULATION for y in ys if y not in units):
            # "Gaskinde (Pobe-Mengao, Soum)": written as the place another lies in, a name that
            # can be a province is the province, not a village called Soum abroad
            candidates[outer] = units
            if xs and all(_village_abroad(x, units) for x in xs):
                # "Mansila (Mansila, Yagha)": the Mansila of Yagha province is a village the
                # gazetteer lacks, not the only one it lists (2,000 people in Argentina)
                candidates[inner] = []


def _village_abroad(x: Location, units: list[Location]) -> bool:
    """A village (under ``VILLAGE_POPULATION``) in none of the units' countries."""
    return float(x.raw.get("population") or 0) < VILLAGE_POPULATION and x.raw.get("kind", "populated") == "populated" \
        and all(x.raw.get("country_code") != u.raw.get("country_code") for u in units)


def admin1_key(name: str) -> str:
    """A first-level region's name for comparison: folded, without its admin word
    ("Idlib Governorate" and "Idlib" -> "idlib"); "" for no name."""
    return " ".join(word for word in fold(name).split() if word not in ADMIN_WORDS)


def container_of(name: str, containers: dict[str, str], chosen: dict[str, Location],
                 decided: dict[str, PlaceRecord]) -> tuple[str, Container | None]:
    """The container's name and where it was placed (its chosen candidate or its record), if placed."""
    outer = containers.get(name, "")
    if not outer:
        return "", None
    if outer in chosen:
        return outer, chosen[outer]
    record = decided.get(outer)
    return outer, record if record is not None and record.latitude is not None else None


def within_record(name: str, outer: str, container: Container, why: str) -> PlaceRecord:
    """``name`` put at its container: geo_precision 3, the container's radius, the reason given."""
    if isinstance(container, PlaceRecord):
        lat, lon, cc, admin1 = container.latitude, container.longitude, container.country_code, container.admin1
        radius = container.uncertainty_km or DEFAULT_UNCERTAINTY_KM[3]
        source = container.source_id
    else:
        raw = container.raw
        lat, lon, cc = container.latitude, container.longitude, raw.get("country_code", "")
        admin1 = raw.get("admin1", "") if raw.get("kind") != "country" else ""
        radius = float(raw.get("radius_km") or DEFAULT_UNCERTAINTY_KM[3])
        source = f"geonames:{raw.get('geonameid', '')}"
    radius = max(radius, TOWN_KM)  # "in" a town is in its district: never the town's own 2 km
    return PlaceRecord(
        place=name, latitude=lat, longitude=lon, geo_precision=3, country_code=cc, admin1=admin1,
        matched_name=outer, provider="region", source_id=f"within:{source}",
        resolution=(f"approximate: {why}; the article places it in {outer}: placed at {outer}; "
                    f"±{radius:.0f} km; add an override to pin it"),
        uncertainty_km=radius, approximation="within",
    )


def _km(candidate: Location, lat: float, lon: float) -> float:
    return haversine_km(candidate.latitude, candidate.longitude, lat, lon)


def narrow_to_container(name: str, cands: list[Location], outer: str, container: Container | None,
                        by_comma: bool = True, focus: str = "") -> tuple[list[Location], PlaceRecord | None]:
    """``cands`` inside the container; when none is and the container is an area (a country or
    region), the record putting ``name`` at the container. A town that holds none of them only
    fails to narrow when they hold a city and the two are written "X, Y" (``by_comma``):
    "Toronto, Vancouver" is a list, not Toronto in Vancouver; "Mansura town in the countryside
    of Raqqa" is no list. ``focus``: the article's focus country (see ``_misread_area``)."""
    if container is None:
        return cands, None
    held = [c for c in cands if inside(c, container)]
    if held:
        return held, None
    if any(c.raw.get("kind", "") in _LARGE_AREAS for c in cands):
        return cands, None
    if not is_area(container):
        if any(c.raw.get("kind", "") == "admin1" for c in cands):
            return cands, None  # "Toronto's Ontario card holders": a province lies in no town's area
        return _near_a_town(name, cands, outer, container, by_comma)
    if _has_a_city(cands) and _misread_area(cands, container, focus):
        # "Chennai city (Chennai, TN)": a city this size is known by its own name; an area that
        # holds none of its namesakes is the wrong reading of the container (Tennessee), not its place
        return cands, None
    why = (f"none of the {len(cands)} places called '{name}' lies in {outer}" if cands else
           f"the gazetteer lists no '{name}' in {outer} (only small namesakes abroad)")
    return [], within_record(name, outer, container, why)


AREA_KINDS = frozenset({"country", "admin1", "admin2"})
# A name that can read as a continent, a world region or a country, none of whose candidates
# lies in the place written after it, is not *in* that place: "In Asia, Canada remains a small
# trader" is a clause break, not an Asia somewhere in Canada. ("Lebanon, Indiana" is held: a
# town Lebanon lies in Indiana.)
_LARGE_AREAS = frozenset({"continent", "macro_region", "country"})  # choice.AREA_KINDS without admin1
# A place this small, written next to a town of another country, is in that town's area:
# "Varda village (Dessa, Sindh)" is no Varda abroad. Big places are kept: "talks in
# Geneva, Vienna" may be a list of cities.
SMALL_PLACE_POPULATION = 100_000
# Towns this small, under a name that is also a district's, are not what a container names: "Gaskinde
# (Pobe-Mengao, Soum)" is in Burkina Faso's Soum province, not by a village Soum in Senegal; a town of
# 60,000 ("Nefza (Beja)": Béja, Tunisia) is as likely as a Portuguese district of that name.
VILLAGE_POPULATION = 10_000
# "X, <town>" names the town's part of the country (often its province, called as the town is):
# a small namesake farther than this from the town is not the place meant
TOWN_REGION_KM = 200.0


def _has_a_city(cands: list[Location]) -> bool:
    """Whether one of ``cands`` is a place of ``SMALL_PLACE_POPULATION`` or more."""
    return any(float(c.raw.get("population") or 0) >= SMALL_PLACE_POPULATION for c in cands)


def _near_a_town(name: str, cands: list[Location], outer: str, container: Container,
                 by_comma: bool = True) -> tuple[list[Location], PlaceRecord | None]:
    """A town container holding none of ``cands``: those in its country within ``TOWN_REGION_KM`` of
    it; when none is near it, or none is in its country, and all are small or the text is no
    comma that may list towns (``by_comma`` False), ``name`` within the town's area (geo_precision 3);
    else all of them."""
    country = _country_of(container)
    same_country = [c for c in cands if c.raw.get("country_code", "") == country]
    lat, lon = container.latitude, container.longitude
    if same_country:
        if lat is None or lon is None:
            return same_country, None
        # "Orikhove, Luhansk": the Orikhove meant is in Luhansk's part of the country; when the
        # gazetteer's are all far from it (one in Crimea), the place is in Luhansk's area, not there
        region = _region_called_as(container, outer)
        if region:
            # "Yasne, Donetsk": Donetsk is the town and its oblast; the Yasne meant is in the oblast,
            # not one 170 km off in the next oblast
            close = [c for c in same_country if admin1_key(c.raw.get("admin1", "")) == region]
            far = f"in {country} all lie outside the region {outer}"
        else:
            close = [c for c in same_country if _km(c, lat, lon) <= TOWN_REGION_KM]
            far = f"in {country} are all more than {TOWN_REGION_KM:.0f} km from it"
        if close or (by_comma and _has_a_city(same_country)):
            return close or same_country, None
        return [], within_record(name, outer, container, f"the article writes it at {outer}; the {len(same_country)} "
                                 f"places called '{name}' {far}")
    if not country or (by_comma and _has_a_city(cands)):
        return cands, None
    return [], within_record(name, outer, container,
                             f"the article writes it at {outer} ({country}); its namesakes are all in other countries")


def _region_called_as(container: Container, outer: str) -> str:
    """The admin1 key of the container town's own first-level region when the region is called as
    the container is written ("Donetsk": the town in Donetsk oblast), else ""."""
    written = admin1_key(outer)
    region = container.admin1 if isinstance(container, PlaceRecord) else container.raw.get("admin1", "")
    return written if written and admin1_key(region or "") == written else ""


def _misread_area(cands: list[Location], container: Container, focus: str) -> bool:
    """Whether an area holding none of ``cands`` may be a wrong reading of the container: not when
    it lies in the article's focus country and none of them does ("Al Arish (Sabir, Taizz)" in a
    Yemen report: a city of that name abroad is a namesake, Taizz is read right)."""
    country = _country_of(container)
    if not focus or country != focus:
        return True
    return any(c.raw.get("country_code", "") == focus for c in cands)


def _country_of(container: Container) -> str:
    return container.country_code if isinstance(container, PlaceRecord) else container.raw.get("country_code", "")


def is_area(container: Container) -> bool:
    """A country or an administrative region (a decided record: one placed at region precision)."""
    if isinstance(container, PlaceRecord):
        return container.geo_precision == 3
    return container.raw.get("kind") in AREA_KINDS
