"""Choosing among a name's candidates, as an analyst would.

Weighed by the article's country focus (``focus.country_focus``), the first-level regions it
names (``focus.named_regions``: "Columbus" in a story naming Georgia), spatial coherence (closeness to the article's other places), then kind and
population; a small namesake far abroad is refused (``implausibility``).
"""

from __future__ import annotations

import math
from collections import Counter

from geopy.location import Location

from mapper.geocode.aliases import bears
from mapper.geocode.focus import country_focus, in_named_region  # noqa: F401 -- country_focus: resolve imports it from here
from mapper.geocode.gazetteer_units import unit_words
from mapper.geocode.names import fold
from mapper.geocode.records import PlaceUse
from mapper.geocode.regions import haversine_km, median


def is_region(uses: list[PlaceUse]) -> bool:
    return any(use.feature == "region" for use in uses)


def focus_for(uses: list[PlaceUse], focus: dict[str, str]) -> str:
    """The focus country of most articles using a name; between as many, that of the first use's
    article (never the alphabetically first code)."""
    counts = Counter(focus[use.article] for use in uses if use.article in focus)
    if not counts:
        return ""
    top = max(counts.values())
    return next(focus[use.article] for use in uses if counts.get(focus.get(use.article, ""), 0) == top)


def centre_of(name, uses, article_names, anchors) -> tuple[float, float] | None:
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


def implausibility(best: Location, country: str, centre) -> str:
    raw = best.raw
    if raw.get("kind") == "country" or not country or raw.get("country_code") == country:
        return ""
    if _written_unit(raw):
        return ""  # a unit, not a namesake town: ``unit_abroad`` says how sure it is
    if raw.get("kind") == "admin1" and raw.get("match", "exact") == "fuzzy":
        # "raiders attacked a village in Mingala area" in a Central African report: a respelling
        # of a province abroad (Mongala, DR Congo) is no reading of a name the gazetteer lacks
        return (f"the only candidates are respellings abroad ('{raw.get('name', '')}', a region of "
                f"{raw.get('country_code', '')}); not used")
    if raw.get("kind") == "admin1":
        return ""  # a first-level region is no namesake town: "Bonaire" is the island, shown as the region it is
    # "the Tasang area of Dih Yak district, Ghazni": a spelling variant of a big city abroad
    # ("Tsang", China) is no reading of a name the article puts in its focus country
    if float(raw.get("population") or 0) >= SMALL_POPULATION and raw.get("match", "exact") == "exact":
        return ""
    if centre is not None and _km(centre, (best.latitude, best.longitude)) <= FAR_KM:
        return ""
    where = f"{_km(centre, (best.latitude, best.longitude)):,.0f} km from the article's other places" if centre else "with nothing else placed near it"
    return (f"the only candidates are namesakes abroad ('{raw.get('name', '')}', {raw.get('country_code', '')}, "
            f"{where}); not used")


# Kinds of place that are areas, not points: they say little about where
# the article's other places are, so they anchor nothing (``point_of``).
AREA_KINDS = frozenset({"country", "continent", "macro_region", "admin1"})
BIG_REGION_POPULATION = 1_000_000


def kind_weight(raw: dict, focus_country: str) -> float:
    """What a candidate's kind adds to its score (a country's own +6 and the focus +4 are elsewhere).

    - a first-level region in the focus country +3: with the focus bonus it
      beats the same-name country (+6) and any same-name town there
      ("Georgia" in a US story is the state; in a Tbilisi story the country,
      which then has both bonuses); outside the focus, a region of a million
      people or more +4, as prominent as the focus itself ("England" in a US
      story is not England, Arkansas; spatial coherence and population then
      decide), a smaller one nothing ("Gaza" is the city, not Mozambique's
      province); a country's name still means the country;
    - a continent or a macro-region +5, like a country ("Africa", "the
      Middle East": not a town with that name);
    - a second-level unit written with its unit word ("Licking County") +1;
      under its bare name ("Licking"), or named without one ("Bielefeld"), -1: a town of that name is the likelier
      reading, the unit the fallback when there is none.
    """
    kind = raw.get("kind")
    if kind == "admin1":
        if focus_country and raw.get("country_code") == focus_country:
            return 3.0
        return 4.0 if float(raw.get("population") or 0) >= BIG_REGION_POPULATION else 0.0
    if kind in ("continent", "macro_region"):
        return 5.0
    if kind == "admin2":
        written = set(fold(str(raw.get("matched_alias") or "")).split())
        return 1.0 if written & unit_words() else -1.0
    return 0.0


# A county and a town of one article that lie together are read together: "Brown County" and
# "Nashville" in one story are the Indiana pair (that Nashville is Brown County's seat), not the
# first Brown County of nine and the big Nashville in Tennessee. A second-level unit written with its unit word
# gains this when another name of the article has a candidate inside it (its radius, plus
# CO_LOCATED_SLACK_KM), and a town gains it inside such a unit of another name.
CO_LOCATED = 1.5
CO_LOCATED_SLACK_KM = 10.0


def _written_unit(raw: dict) -> bool:
    return raw.get("kind") == "admin2" and bool(set(fold(str(raw.get("matched_alias") or "")).split()) & unit_words())


def unit_abroad(best: Location, country: str, centre) -> str:
    """Why a county written with its unit word, outside the article's focus country and far from its
    other places, is shown at geo_precision 3 rather than refused.

    "Tippecanoe County" names a unit, and the only ones so called are in one country: reading it as a
    namesake abroad and placing it "somewhere in" the focus country (a focus that a local story's
    one foreign name can set) is surely wrong, while the unit is likely right. It is kept, as a guess.
    """
    raw = best.raw
    if not _written_unit(raw) or not country or raw.get("country_code") == country:
        return ""
    if centre is not None and _km(centre, (best.latitude, best.longitude)) <= FAR_KM:
        return ""
    return (f"a unit of {raw.get('country_code', '')} outside the article's focus country {country}; "
            "shown at geo_precision 3")


def companions(name: str, candidates: dict[str, list[Location]]) -> list[Location]:
    """The candidates of an article's other names that can lie with a county: towns and units."""
    return [c for other, cands in candidates.items() if other != name for c in cands
            if c.raw.get("kind") not in AREA_KINDS]


def co_located(location: Location, others: list[Location]) -> bool:
    """Whether ``location`` (a written unit or a town) lies together with one of ``others``."""
    raw = location.raw
    if _written_unit(raw):
        reach = float(raw.get("radius_km") or 0.0) + CO_LOCATED_SLACK_KM
        return any(other.raw.get("kind") != "admin2" and _km((location.latitude, location.longitude),
                                                          (other.latitude, other.longitude)) <= reach
                   for other in others)
    if raw.get("kind") in AREA_KINDS or raw.get("kind") == "admin2":
        return False
    return any(_written_unit(other.raw) and _km((location.latitude, location.longitude), (other.latitude, other.longitude))
               <= float(other.raw.get("radius_km") or 0.0) + CO_LOCATED_SLACK_KM for other in others)


# A town in a region the article names beats its namesakes elsewhere in the country
# ("Columbus" in a story that names Georgia the state), but not the focus country.
IN_NAMED_REGION = 1.5


def best_candidate(cands, uses, focus, centre, regions: frozenset[tuple[str, str]] = frozenset(),
                   others: list[Location] | None = None) -> tuple[Location, str]:
    """The candidate an analyst would pick, and why; ``others``: ``companions`` of the name."""
    country = focus_for(uses, focus)

    own = uses[0].name if uses else ""

    def in_region(raw: dict) -> bool:
        return in_named_region(raw, regions, own)

    world = world_city(cands, country, centre, own)

    def score(location: Location) -> tuple:
        raw = location.raw
        s = 0.0
        if raw.get("kind") == "country":
            s += 6.0
        if country and (raw.get("country_code") == country or location is world):
            s += 4.0
        s += kind_weight(raw, country)
        if in_region(raw):
            s += IN_NAMED_REGION
        if others and co_located(location, others):
            s += CO_LOCATED
        if centre is not None and raw.get("kind") != "country":
            s += 2.0 * math.exp(-_km(centre, (location.latitude, location.longitude)) / 150.0)
        s += min(math.log10(float(raw.get("population") or 0) + 1.0), 7.0) / 7.0
        if raw.get("match", "exact") == "exact":
            s += 1.0
        return (-s, str(raw.get("geonameid", raw.get("osm_id", ""))))

    best = sorted(cands, key=score)[0]
    together = bool(others) and co_located(best, others or [])
    region = in_region(best.raw)
    return best, f"{len(cands)} candidate{'s' if len(cands) != 1 else ''}; " + "; ".join(
        _reasons(best, country, region, together, centre, best is world))


# A city of a million or more, this many times every namesake of the article's focus country, is
# meant by its name wherever the story is from: "London" in a US story about a summit is London,
# not London, Kentucky (10,000) -- unless that namesake lies by the article's other places (a
# Kentucky story: then it is the local one).
WORLD_CITY_POPULATION = 1_000_000
WORLD_CITY_RATIO = 100.0
LOCAL_NAMESAKE_KM = 150.0


def world_city(cands: list[Location], country: str, centre: tuple[float, float] | None, own: str = "") -> Location | None:
    """The candidate abroad that outranks the focus country's namesakes (see above), if any."""
    if not country:
        return None
    home = [c for c in cands if c.raw.get("country_code") == country and c.raw.get("kind", "populated") == "populated"]
    # by its own name: "Garden City" is a nickname of a city of millions, not its name
    abroad = [c for c in cands if c.raw.get("country_code") != country and c.raw.get("kind", "populated") == "populated"
              and (not own or bears(own, c.raw))]
    if not home or not abroad:
        return None
    if centre is not None and any(_km(centre, (c.latitude, c.longitude)) <= LOCAL_NAMESAKE_KM for c in home):
        return None
    biggest = max(abroad, key=lambda c: float(c.raw.get("population") or 0))
    population = float(biggest.raw.get("population") or 0)
    at_home = max(float(c.raw.get("population") or 0) for c in home)
    return biggest if population >= WORLD_CITY_POPULATION and population >= WORLD_CITY_RATIO * max(at_home, 1.0) else None


def _reasons(best: Location, country: str, region: bool, together: bool, centre, world: bool = False) -> list[str]:
    """Why ``best`` won, in the order the score weighs it."""
    raw = best.raw
    reasons = []
    if raw.get("kind") == "country":
        reasons.append("a country's name")
    if country:
        reasons.append(f"in the article's focus country {country}" if raw.get("country_code") == country
                       else f"outside the article's focus country {country}")
        if world:
            reasons.append(f"a city over {WORLD_CITY_RATIO:.0f} times its namesakes in {country}, none by the article's places")
    if region:
        reasons.append(f"in a region the article names or its towns agree on ({raw.get('admin1') or raw.get('admin1_code')})")
    if together:
        reasons.append("a county and a town of the article lie together")
    if centre is not None and raw.get("kind") != "country":
        reasons.append(f"{_km(centre, (best.latitude, best.longitude)):.0f} km from the article's other places")
    population = int(float(raw.get("population") or 0))
    if population:
        reasons.append(f"population {population:,}")
    if raw.get("match") == "fuzzy":
        reasons.append(f"fuzzy spelling match to '{raw.get('matched_alias') or raw.get('name')}'")
    if raw.get("match") == "seat":
        reasons.append("no unit of this name is listed: the town it is called after, as the unit's seat (geo_precision 2)")
    return reasons


def point_of(anchor) -> tuple[float, float] | None:
    """Where a chosen place is, if it is a town (countries and regions say little)."""
    if isinstance(anchor, Location):
        if anchor.raw.get("kind") in AREA_KINDS:
            return None
        return (anchor.latitude, anchor.longitude)
    if anchor.latitude is None or anchor.geo_precision == 3:
        return None
    return (anchor.latitude, anchor.longitude)


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (median([p[0] for p in points]), median([p[1] for p in points]))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine_km(a[0], a[1], b[0], b[1])

