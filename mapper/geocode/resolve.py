"""From place names as written to one coordinate each, chosen as an analyst would.

Each article is resolved on its own: a name is read in its article's
context, and adding another article never moves this one's pins. For every
distinct name the providers are asked once, in order -- analyst overrides,
then the offline gazetteer (through the fixed cache), then Nominatim when
the user opted in -- and, per article, the candidates are weighed by:

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
from dataclasses import dataclass, replace
from typing import Callable, Iterable

from geopy.exc import GeopyError
from geopy.location import Location

from mapper.extract.coordinates import WrittenPoint
from mapper.geocode import nominatim
from mapper.geocode.aliases import own_names_first
from mapper.geocode.gazetteer_units import unit_words
from mapper.geocode.names import fold
from mapper.geocode.approximate import approximate_the_rest
from mapper.geocode.capitals import Capital, bare_capital, capital_code, capital_reason, focus_capital_record
from mapper.geocode.coherence import coherent_choices
from mapper.geocode.context import (
    AREA_KINDS as CONTAINER_KINDS, container_names, container_of, containment_order, fit_containers, inside, narrow_to_container,
    written_by_comma,
)
from mapper.geocode.doubt import NEAR_OTHERS_KM, namesake_doubt
from mapper.geocode.readings import backed_abroad, country_names_as_towns, named_country_focus
from mapper.geocode.offsets import only_offset, place_offsets
from mapper.geocode.focus import in_named_region, named_regions, regions_for, section_focus, town_regions
from mapper.geocode.regions import haversine_km
from mapper.geocode.choice import (AREA_KINDS, best_candidate, centre_of, companions, country_focus, focus_for, implausibility,
                                   is_region, point_of, unit_abroad)
from mapper.geocode.records import (  # noqa: F401 -- re-exported: the records stay importable from here
    DEFAULT_UNCERTAINTY_KM,
    SETTLEMENT_FEATURES,
    PlaceRecord,
    PlaceUse,
    Providers,
    Resolution,
    Unresolved,
)


def resolve_places(uses: Iterable[PlaceUse], providers: Providers,
                   progress: Callable[[int, int], None] | None = None) -> Resolution:
    """One record per (article, name as written), each article resolved on its own.

    A name is read in its article's context (its focus country, its other
    places), so adding or removing other articles never moves an article's
    pins. Providers are still asked once per distinct name. ``progress(done, total)``
    hears of each article resolved (online geocoding can take minutes).
    """
    by_article: dict[str, list[PlaceUse]] = defaultdict(list)
    for use in uses:
        by_article[use.article].append(use)
    result = Resolution()
    asked = _Asked(providers, result)
    for done, article in enumerate(sorted(by_article), start=1):
        result.places += _resolve_article(by_article[article], asked, result)
        if progress is not None:
            progress(done, len(by_article))
    return result


class _Asked:
    """Provider answers per distinct name, shared by every article of the run."""

    def __init__(self, providers: Providers, result: Resolution):
        self.providers = providers
        self._result = result
        self._overrides: dict[str, Location | None] = {}
        self._gazetteer: dict[str, list[Location]] = {}
        self._capitals: dict[str, Capital | None] = {}

    def override(self, name: str) -> Location | None:
        if name not in self._overrides:
            self._overrides[name] = self.providers.overrides.geocode(name)
        return self._overrides[name]

    def capital(self, code: str) -> Capital | None:
        """The capital of the country ``code`` ("" or a providers' set without one: None)."""
        if code and code not in self._capitals:
            ask = getattr(self.providers.regions, "capital", None)
            self._capitals[code] = ask(code) if ask is not None else None
        return self._capitals.get(code)

    def gazetteer(self, name: str) -> list[Location]:
        if name not in self._gazetteer:
            self._gazetteer[name] = _gazetteer_candidates(name, self.providers, self._result)
        return self._gazetteer[name]


def _spellings(uses: list[PlaceUse]) -> dict[str, str]:
    """Each name as written -> the spelling its article resolves it under.

    A dateline's "KHERSON" and the body's "Kherson" are one place: names of
    one article that fold alike are resolved once, under the spelling that
    is not all capitals (then the first in order).
    """
    families: dict[str, list[str]] = defaultdict(list)
    for name in sorted({use.name for use in uses}):
        families[fold(name) or name].append(name)
    chosen = {}
    for names in families.values():
        lead = min(names, key=lambda n: (n.isupper() and len(names) > 1, n))
        chosen.update({name: lead for name in names})
    return chosen


def _resolve_article(uses: list[PlaceUse], asked: _Asked, result: Resolution) -> list[PlaceRecord]:
    spelling = _spellings(uses)
    by_name: dict[str, list[PlaceUse]] = defaultdict(list)
    for use in uses:
        by_name[spelling[use.name]].append(use)
    names = sorted(by_name)
    providers = asked.providers

    decided, candidates = _first_answers(names, by_name, asked)
    containers = container_names(by_name)  # "Paris, Texas": Paris in Texas, Texas holding a Paris
    fit_containers(candidates, containers)
    # "Lebanon" in a story whose other places are all next to Lebanon, Indiana: the town (readings.py)
    read_as_towns = country_names_as_towns(by_name, candidates, decided)
    focus = country_focus(by_name, candidates, decided)
    decided.update(_focus_capitals(names, by_name, focus, asked))  # "clashes in the capital"
    # "Tana" under a "Kenya" heading of a digest led by Yemen: weighed by its section's focus (focus.py)
    by_section = {name: {**focus, **own} for name, own in section_focus(by_name, candidates, decided, focus).items()}
    regions = named_regions(by_name, candidates)  # "Columbus" in a story naming Georgia (the state)
    for article, agreed in town_regions(by_name, candidates, focus).items():  # or whose towns are there
        regions[article] = regions.get(article, frozenset()) | agreed
    if providers.online is not None:  # asks Nominatim, or (offline) only its cached answers
        for name in names:
            if name in candidates and not candidates[name]:
                candidates[name] = _online_candidates(name, by_name[name], by_section.get(name, focus), providers, result)

    # Pass 1 by focus and prominence; pass 2 again, now near the article's other places.
    article_names: dict[str, set[str]] = {uses[0].article: set(names)}
    # "Franklin": chosen among the towns called so, not the capital once called so (aliases.py);
    # the focus and the doubts still count every place of the name
    choosable = {name: own_names_first(name, cands) for name, cands in candidates.items()}
    first_pass = {name: best_candidate(cands, by_name[name], by_section.get(name, focus), centre=None,
                                       others=companions(name, candidates))[0]
                  for name, cands in choosable.items() if cands}
    # among namesakes in one country, the ones that sit with the article's other places (coherence.py)
    coherent = coherent_choices(first_pass, choosable, decided)
    first_pass = coherent.picks
    # Only first choices inside their article's focus country anchor others: a
    # namesake abroad picked in pass 1 must not pull its neighbours away.
    anchors = {**{name: point_of(choice) for name, choice in first_pass.items()
                  if choice.raw.get("country_code") == focus_for(by_name[name], by_section.get(name, focus))},
               **{name: point_of(record) for name, record in decided.items()}}
    pointed = _countries_pointed_to(first_pass, candidates, decided)
    # "Moscow" in a US story that names Russia: weighed with Russia as its focus (readings.py)
    named_abroad = named_country_focus(by_name, candidates, first_pass, focus, by_section)
    own_focus = {**by_section, **named_abroad}
    context = _Context(by_name, candidates, containers, focus, regions, article_names, pointed, own_focus,
                       coherent.centres, written_by_comma(by_name))
    # Pass 2 near the first choices; pass 3 again, near the confident picks of pass 2 only: a
    # population pick in the wrong state ("Columbus, OH" in a Georgia story) no longer pulls
    # its neighbours there once it is doubted.
    trial, _ = _choose(context, anchors, dict(decided))
    settled = {name: point_of(record) for name, record in trial.items()}
    decided, rejected = _choose(context, settled, decided)
    place_offsets(by_name, decided)  # "Kelva, 10 km east of Doro": Doro's point moved, or Kelva backed by it

    approximate_the_rest(by_name, article_names, decided, rejected, focus, providers, result, by_section)
    for name, why in read_as_towns.items():
        decided[name] = replace(decided[name], resolution=f"{decided[name].resolution}; {why}")
    article = uses[0].article
    for name in sorted(set(by_section) - set(named_abroad)):
        if candidates.get(name):
            decided[name] = replace(decided[name], resolution=f"{decided[name].resolution}; weighed by the focus "
                                    f"country of its section of the article, {by_section[name][article]}")
    return [replace(decided[spelling[name]], place=name, article=article)
            for name in sorted(spelling)]


def _first_answers(names: list[str], by_name: dict[str, list[PlaceUse]],
                   asked: _Asked) -> tuple[dict[str, PlaceRecord], dict[str, list[Location]]]:
    """The names decided before any candidate is weighed (overrides, written coordinates, capital
    phrases), and the candidates of the others."""
    decided: dict[str, PlaceRecord] = {}
    candidates: dict[str, list[Location]] = {}
    for name in names:
        override = asked.override(name)
        if override is not None:
            decided[name] = _from_override(name, override)
        elif (point := next((use.written for use in by_name[name] if use.written), None)) is not None:
            decided[name] = _from_written(name, point)
        elif (capital := asked.capital(capital_code(by_name[name]))) is not None:
            # "the Yemeni capital": Sanaa, whatever else the article names
            decided[name] = _from_candidate(name, capital.city, capital_reason(capital, name))
        elif bare_capital(by_name[name]):
            continue  # "the capital": the focus country's, once the focus is known (_focus_capitals)
        elif not is_region(by_name[name]) and not only_offset(by_name[name]):
            candidates[name] = asked.gazetteer(name) or unit_seats(name, asked.gazetteer)
        elif not only_offset(by_name[name]) and (areas := named_areas(name, asked.gazetteer)):
            candidates[name] = areas  # "the eastern region of Chad": Chad is the country
    return decided, candidates


def _focus_capitals(names: list[str], by_name: dict[str, list[PlaceUse]], focus: dict[str, str],
                    asked: _Asked) -> dict[str, PlaceRecord]:
    """"clashes in the capital": the capital of the country the article is about (geocode.capitals)."""
    out = {}
    for name in names:
        if bare_capital(by_name[name]) and (capital := asked.capital(focus_for(by_name[name], focus))) is not None:
            out[name] = focus_capital_record(_from_candidate(name, capital.city, ""), capital, name)
    return out


@dataclass(frozen=True)
class _Context:
    """What one article's choices are weighed by."""
    by_name: dict[str, list[PlaceUse]]
    candidates: dict[str, list[Location]]
    containers: dict
    focus: dict[str, str]
    regions: dict[str, frozenset[tuple[str, str]]]
    article_names: dict[str, set[str]]
    pointed: dict[str, set[str]]
    own_focus: dict[str, dict[str, str]]  # a name weighed by another focus than its article's (its section's, a named country's)
    centres: dict[str, tuple[float, float]]  # where the places that back a name's pick are (coherence.py)
    by_comma: set[str]  # names whose container is read from a bare comma, which may be a list (context.py)


def _choose(context: _Context, anchors: dict, decided: dict[str, PlaceRecord]) -> tuple[dict[str, PlaceRecord], dict[str, str]]:
    """Each name's pick near ``anchors`` (the article's other places), added to ``decided``;
    the names whose only candidates are implausible namesakes, with why."""
    by_name, candidates, containers, regions = context.by_name, context.candidates, context.containers, context.regions
    rejected: dict[str, str] = {}
    chosen: dict[str, Location] = {}
    for name in containment_order(candidates, containers):  # a container is chosen before what it holds
        outer, container = container_of(name, containers, chosen, decided)
        focus = context.own_focus.get(name, context.focus)
        cands, at_container = narrow_to_container(name, candidates[name], outer, container, name in context.by_comma,
                                                  focus_for(by_name[name], focus))
        if at_container is not None:
            decided[name] = at_container
        if not cands:
            continue
        centre = centre_of(name, by_name[name], context.article_names, anchors)
        named = regions_for(by_name[name], regions)
        # chosen near the places that back it (coherence.py), doubted against the whole article's
        location, why = best_candidate(own_names_first(name, cands), by_name[name], focus,
                                       context.centres.get(name) or centre, named, companions(name, candidates))
        # inside the place the article puts it in, it is no namesake abroad
        held = container is not None and inside(location, container)
        implausible = "" if held else implausibility(location, focus_for(by_name[name], focus), centre)
        abroad_doubt = backed_abroad(name, location, candidates, by_name[name]) if implausible else ""
        if implausible and not abroad_doubt:
            rejected[name] = implausible
            continue
        backing = {country for other, countries in context.pointed.items() if other != name for country in countries}
        backing |= _demonym_countries(by_name[name])
        # a place the article puts it in backs it, like another place of the same country
        in_region = in_named_region(location.raw, named, name)
        doubt = "" if held else (abroad_doubt or namesake_doubt(
            location, cands, backing, centre, in_region, bool(outer) or _companion_near(name, location, candidates))
                                 or unit_abroad(location, focus_for(by_name[name], focus), centre))
        record = _from_candidate(name, location, why)
        decided[name] = _doubted(record, doubt) if doubt else record
        chosen[name] = location
    return decided, rejected


# The kinds a name written as a region ("the region of X") may be: X is an area (a country,
# continent or region: choice's areas, or a unit that holds places: context's), never a town.
_AREA_KINDS = AREA_KINDS | CONTAINER_KINDS


def unit_seats(name: str, gazetteer: Callable[[str], list[Location]]) -> list[Location]:
    """A unit written with its unit word that no gazetteer lists as a unit ("Mangu District", "Muqur
    LGA"): the towns of its bare name, as the seat the unit is called after (match ``SEAT``,
    geo_precision 2: the district, not the town's own point); containment and the article's
    other places then pick among them. [] when the name holds no unit word."""
    words = name.split()
    bare = words
    while bare and fold(bare[-1]) in _UNIT_WORDS:
        bare = bare[:-1]
    if not bare or len(bare) == len(words):
        return []
    seats = []
    for town in gazetteer(" ".join(bare)):
        if town.raw.get("kind", "populated") == "populated" and town.raw.get("match") != "fuzzy":
            seats.append(Location(town.address, (town.latitude, town.longitude),
                                  {**town.raw, "match": SEAT, "radius_km": SEAT_RADIUS_KM}))
    return seats


SEAT = "seat"
SEAT_RADIUS_KM = 25.0  # a district around the town it is called after
_UNIT_WORDS = unit_words() | {fold(w) for w in ("local", "government", "area")}  # "Mangu Local Government Area"


def _companion_near(name: str, location: Location, candidates: dict[str, list[Location]]) -> bool:
    """Whether another name of the article has a candidate near ``location`` ("Velmouth" and
    "Ashcombe", two small towns 20 km apart, back each other whatever the first picks were)."""
    return any(haversine_km(location.latitude, location.longitude, c.latitude, c.longitude) <= NEAR_OTHERS_KM
               for other, cands in candidates.items() if other != name for c in cands)


def named_areas(name: str, gazetteer: Callable[[str], list[Location]]) -> list[Location]:
    """A proper name written as a region -- every word capitalised ("Chad" in "the eastern region
    of Chad", "Anhui" in "the province of Anhui") -- is looked up too: its country or region
    candidates, exact matches only. A region phrase ("the eastern region", "central Syria")
    is not: it is approximated as before."""
    words = name.split()
    if not words or not all(w[:1].isupper() for w in words):
        return []
    return [c for c in gazetteer(name) if c.raw.get("kind") in _AREA_KINDS and c.raw.get("match", "exact") == "exact"]


def _countries_pointed_to(first_pass: dict[str, Location], candidates: dict[str, list[Location]],
                          decided: dict[str, PlaceRecord]) -> dict[str, set[str]]:
    """Per name, the countries it points to: its override, its country's own name, or its first choice."""
    pointed: dict[str, set[str]] = defaultdict(set)
    for name, record in decided.items():
        if record.country_code:
            pointed[name].add(record.country_code)
    for name, cands in candidates.items():
        countries = {c.raw.get("country_code", "") for c in cands if c.raw.get("kind") == "country"}
        if not countries and name in first_pass and first_pass[name].raw.get("match", "exact") == "exact":
            countries = {first_pass[name].raw.get("country_code", "")}
        pointed[name] |= countries - {""}
    return pointed


def _demonym_countries(uses: list[PlaceUse]) -> set[str]:
    """The countries the article's nationality adjectives name ("Pakistani police" -> PK)."""
    return {code for use in uses for code, _, _ in use.demonyms}


def _doubted(record: PlaceRecord, doubt: str) -> PlaceRecord:
    """The best guess among namesakes, kept on the map but never as an exact pin."""
    radius = max(record.uncertainty_km or 0.0, DEFAULT_UNCERTAINTY_KM[3])
    return replace(record, geo_precision=3, uncertainty_km=radius,
                   resolution=f"{record.resolution.rsplit('; ±', 1)[0]}; {doubt}; ±{radius:.0f} km")


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


def _from_written(name: str, point: WrittenPoint) -> PlaceRecord:
    """Coordinates the article gives ("Tuwaym (35.08°N 36.71°E)"), used as given, cited.

    As precise as they are written: two decimals or seconds is a town's
    point (geo_precision 1), one decimal 2, whole degrees 3.
    """
    precision = 1 if point.decimals >= 2 else (2 if point.decimals == 1 else 3)
    radius = DEFAULT_UNCERTAINTY_KM[precision] if precision < 3 else 60.0  # a whole degree is ~110 km across
    return PlaceRecord(
        place=name, latitude=point.latitude, longitude=point.longitude, geo_precision=precision,
        country_code="", admin1="", matched_name=point.text, provider="article",
        source_id=f"article:{point.start}-{point.end}",
        resolution=(f"coordinates written in the article: '{point.text}' (characters {point.start}-{point.end}); "
                    f"used as given; ±{radius:.0f} km"),
        uncertainty_km=radius, approximation="none",
    )


def _from_candidate(name: str, location: Location, why: str) -> PlaceRecord:
    raw = location.raw
    if raw.get("provider") == nominatim.PROVIDER:
        precision, source_id, matched = nominatim.record_fields(raw)
        provider = nominatim.PROVIDER
    else:
        precision = _precision(raw)
        source_id = _source_id(raw)
        provider = "gazetteer"
        matched = raw.get("name", "")
        why = f"{_KIND_WORDS[raw['kind']]} {_where(raw)}; {why}" if raw.get("kind") in _KIND_WORDS else why
    uncertainty = float(raw.get("radius_km") or DEFAULT_UNCERTAINTY_KM[precision])
    return PlaceRecord(
        place=name,
        latitude=location.latitude,
        longitude=location.longitude,
        geo_precision=precision,
        country_code=raw.get("country_code", ""),
        admin1=raw.get("admin1", "") if raw.get("kind") not in ("country", "continent", "macro_region") else "",
        matched_name=matched,
        provider=provider,
        source_id=source_id,
        resolution=f"{provider}: {why}; ±{uncertainty:.0f} km",
        uncertainty_km=uncertainty,
        approximation="none",
    )


# How resolution names a unit: "first-level region Texas, US; ..."
_KIND_WORDS = {"country": "country", "continent": "continent", "macro_region": "world region",
               "admin1": "first-level region",
               "admin2": "second-level unit"}


def _precision(raw: dict) -> int:
    """3 for an area (country, continent, world region, first-level region), 2 for a county/district,
    a fuzzy match or a unit's seat (``unit_seats``), else 1."""
    if raw.get("kind") in ("country", "continent", "macro_region", "admin1"):
        return 3
    return 2 if raw.get("kind") == "admin2" or raw.get("match") in ("fuzzy", SEAT) else 1


def _source_id(raw: dict) -> str:
    """geonames:<id>; a unit without a GeoNames id in our data by its codes: "admin1:US.TX"."""
    if raw.get("kind") == "admin1":
        return f"admin1:{raw.get('country_code', '')}.{raw.get('admin1_code', '')}"
    if raw.get("kind") == "macro_region":
        return f"m49:{raw.get('name', '')}"
    if raw.get("kind") == "admin2":
        return f"admin2:{raw.get('country_code', '')}.{raw.get('admin1_code', '')}.{raw.get('name', '')}"
    return f"geonames:{raw.get('geonameid', '')}"


def _where(raw: dict) -> str:
    parts = [str(raw.get("name", ""))]
    if raw.get("kind") == "admin2" and raw.get("admin1"):
        parts.append(str(raw["admin1"]))
    if raw.get("kind") != "country" and raw.get("country_code"):
        parts.append(str(raw["country_code"]))
    return ", ".join(p for p in parts if p)
