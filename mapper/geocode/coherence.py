"""Within-country coherence: among a name's namesakes in one country, the one that sits with the article's other places.

A local story names "Millbrook" and "Asher County". The country has a big Millbrook in one
state and a smaller one in another, and Asher Counties in three states; only in the smaller
Millbrook's state do the two sit together. Choosing each name on its own (population, or the
median of the other names' population picks) puts both in the wrong state; choosing them
together, as a reader does, puts both in the right one.

The joint choice (the idea of Topocluster and Mordecai's spatial features, kept small) is
the assignment of one same-country candidate to each ambiguous name that scores best: each
pick's population (its log, halved: a town of 40,000 against one of 2 million is a gap of 2)
plus, for every pair of picks, how close they sit (1 when they touch, 1/e at ``SCALE_KM``
beyond their radii) times the pair's weight. A name with one candidate (or a decided point,
or a first-level region the article names: "Tennessee" for its towns) is sure evidence, worth
``STRENGTH``; a neighbour with twenty namesakes could sit near anything by chance and is worth
less (half the log of the candidate pairs is taken off), so a coincidence between two very
common names does not outweigh a big population gap.

Only the country stays as the first pass chose it: this never moves a name abroad (focus.py
and choice.py decide the country). The picks it returns are anchors for resolve's later
passes, and a pick nothing supports is left as it was (doubt.py then shows it as a guess).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from geopy.location import Location

from mapper.geocode.records import PlaceRecord
from mapper.geocode.regions import haversine_km, median

# Places of one local story lie within about this of each other (a county, a metro area):
# support falls to 1/e at this distance beyond the two places' own radii.
SCALE_KM = 50.0
# What one sure neighbour next to a candidate is worth against the population prior: 5, more than
# the gap between a village of 1,000 and a city of 2 million (0.5 * ln 1000 ~ 3.5).
STRENGTH = 5.0
# Populations enter as their square root (plus a floor for villages nobody counted).
PRIOR_POWER = 0.5
POPULATION_FLOOR = 1000.0
# Rounds of the name-by-name polish of an assignment, how many seeds the search tries and how
# many names it weighs together (a bound on its work: about MAX_SEEDS * ROUNDS * MAX_NAMES^2 * 20).
ROUNDS = 8
MAX_SEEDS = 100
MAX_NAMES = 20
# A city this populous and this many times bigger than a namesake is meant by its name (as in doubt.py).
PROMINENT_POPULATION = 100_000
PROMINENCE_RATIO = 10.0
# A pick is moved only when the other names back it at least this much (in sure neighbours next to it).
MIN_SUPPORT = 0.3
# A place this close (kernel e^-3: 150 km beyond the radii) is a neighbour whose point makes the centre.
NEIGHBOUR_KERNEL = math.exp(-3.0)
# Beyond this (333 km of latitude, support e^-6), the distance is not computed.
FAR_DEGREES = 3.0
POINT_KINDS = frozenset({"populated", "admin2"})


Point = tuple[float, float]


@dataclass
class Coherent:
    """The first pass's picks, some replaced by coherence, and for every pick the article's other
    places back, where those places are (the median of the picks and points near it): the centre
    resolve weighs it by, instead of the median of the whole article ("St. George" near the
    Kansas towns of a story that also names towns in Illinois and Colorado)."""
    picks: dict[str, Location]
    centres: dict[str, Point] = field(default_factory=dict)


def coherent_choices(first_pass: dict[str, Location], candidates: dict[str, list[Location]],
                     decided: dict[str, PlaceRecord]) -> Coherent:
    """``first_pass`` with each town's or district's pick replaced, when the article's other places
    support another, by the same-country namesake they support most (see the module doc)."""
    domains = {name: _domain(pick, candidates.get(name) or [])
               for name, pick in first_pass.items() if _is_point(pick)}
    # a long list of names: the MAX_NAMES with fewest namesakes (the most telling) are weighed together
    domains = dict(sorted(domains.items(), key=lambda item: (len(item[1]), item[0]))[:MAX_NAMES])
    fixed = _fixed_points(decided, first_pass)
    regions = {(pick.raw.get("country_code", ""), pick.raw.get("admin1_code", ""))
               for pick in first_pass.values() if pick.raw.get("kind") == "admin1" and pick.raw.get("admin1_code")}
    if len(domains) + len(fixed) + len(regions) < 2 or all(len(cands) == 1 for cands in domains.values()):
        return Coherent(dict(first_pass))
    article = _Article(domains, fixed, regions)
    chosen = article.best_assignment()
    out = Coherent(dict(first_pass))
    for name, k in chosen.items():
        if len(domains[name]) > 1 and article.support(name, k, chosen) >= MIN_SUPPORT:
            out.picks[name] = domains[name][k]
            centre = _neighbourhood(domains[name][k], [domains[other][j] for other, j in chosen.items() if other != name], fixed)
            if centre is not None:
                out.centres[name] = centre
    return out


def _neighbourhood(pick: Location, others: list[Location], fixed: list[tuple[float, float, float]]) -> Point | None:
    """The median of the other picks and fixed points near ``pick`` (``NEIGHBOUR_KERNEL``), if any."""
    here = _where(pick)
    near = [(p.latitude, p.longitude) for p in others if _kernel(_where(p), here) >= NEIGHBOUR_KERNEL]
    near += [(lat, lon) for lat, lon, radius in fixed if _kernel((lat, lon, radius), here) >= NEIGHBOUR_KERNEL]
    if not near:
        return None
    return (median([q[0] for q in near]), median([q[1] for q in near]))


def _is_point(pick: Location) -> bool:
    return pick.raw.get("kind", "populated") in POINT_KINDS


def _domain(pick: Location, cands: list[Location]) -> list[Location]:
    """The pick and its namesakes of the same kind of answer (a town or district) in its country,
    the pick first; never a small namesake of a city far bigger than it ("Dallas" the city of a
    million stays, whatever small Dallas lies next to the article's Portland)."""
    country = pick.raw.get("country_code", "")
    others = [c for c in cands if c is not pick and _is_point(c) and c.raw.get("country_code", "") == country
              and not _dwarfs(pick, c)]
    return [pick, *others]


def _dwarfs(big: Location, small: Location) -> bool:
    population = _population(big)
    return population >= PROMINENT_POPULATION and population >= PROMINENCE_RATIO * max(_population(small), 1.0)


def _population(place: Location) -> float:
    return float(place.raw.get("population") or 0)


def _fixed_points(decided: dict[str, PlaceRecord], first_pass: dict[str, Location]) -> list[tuple[float, float, float]]:
    """Points no choice moves: decided records placed as towns (overrides, written coordinates)."""
    return [(record.latitude, record.longitude, 0.0) for name, record in decided.items()
            if name not in first_pass and record.latitude is not None
            and record.longitude is not None and (record.geo_precision or 3) < 3]


class _Article:
    """One article's ambiguous names, their candidates' priors and how much each pair sits together.

    An assignment (name -> index into its domain) scores the sum of its picks' log priors plus
    ``STRENGTH`` times every pair's closeness and every pick's closeness to the fixed points and
    named regions. The best is searched from every candidate as a seed: each other name takes its
    candidate best placed for that seed, the assignment is then polished name by name. Exact for
    two names, a good search for more (a story's places are few).
    """

    def __init__(self, domains: dict[str, list[Location]], fixed: list[tuple[float, float, float]],
                 regions: set[tuple[str, str]]):
        self.names = sorted(domains)
        self.domains = domains
        self.prior = {name: _log_priors(domains[name]) for name in self.names}
        self.base = {name: [sum(_kernel(_where(c), point) for point in fixed) + _in_regions(c, regions)
                            for c in domains[name]] for name in self.names}
        # closeness times the pair's weight: a neighbour with one candidate is sure evidence, one with
        # twenty namesakes could sit near anything by chance and counts less (log of the pairs possible)
        self.pair = {(a, b): _kernels(domains[a], domains[b], _weight(len(domains[a]), len(domains[b])))
                     for a in self.names for b in self.names if a != b}

    def support(self, name: str, k: int, chosen: dict[str, int]) -> float:
        """How much the other picks (and fixed points, named regions) back candidate ``k`` of ``name``,
        in units of one sure neighbour next to it."""
        others = sum(self.pair[name, other][k][chosen[other]] for other in self.names if other != name)
        return self.base[name][k] + others / STRENGTH

    def score(self, chosen: dict[str, int]) -> float:
        total = sum(self.prior[n][chosen[n]] + STRENGTH * self.base[n][chosen[n]] for n in self.names)
        return total + sum(self.pair[a, b][chosen[a]][chosen[b]] for i, a in enumerate(self.names) for b in self.names[i + 1:])

    def best_assignment(self) -> dict[str, int]:
        best = self._polished({name: 0 for name in self.names})
        best_score = self.score(best)
        # seeds from the names with fewest namesakes first (the most telling), at most MAX_SEEDS: a
        # long list of common town names must not make the search quadratic in its length
        seeds = [(seed, k) for seed in sorted(self.names, key=lambda n: (len(self.domains[n]), n))
                 for k in range(1, len(self.domains[seed]))][:MAX_SEEDS]
        for seed, k in seeds:
            trial = self._polished(self._around(seed, k))
            if (trial_score := self.score(trial)) > best_score + 1e-9:
                best, best_score = trial, trial_score
        return best

    def _around(self, seed: str, k: int) -> dict[str, int]:
        """Every other name at its candidate best placed for candidate ``k`` of ``seed``."""
        chosen = {seed: k}
        for name in self.names:
            if name != seed:
                row = self.pair[name, seed]
                chosen[name] = max(range(len(self.domains[name])),
                                   key=lambda j: (self.prior[name][j] + row[j][k] + STRENGTH * self.base[name][j], -j))
        return chosen

    def _polished(self, chosen: dict[str, int]) -> dict[str, int]:
        """Each name in turn at its best candidate given the others, until nothing changes."""
        for _ in range(ROUNDS):
            moved = False
            for name in self.names:
                k = max(range(len(self.domains[name])),
                        key=lambda j: (self.prior[name][j] + STRENGTH * self.support(name, j, chosen), -j))
                if k != chosen[name]:
                    chosen = {**chosen, name: k}
                    moved = True
            if not moved:
                break
        return chosen


def _log_priors(cands: list[Location]) -> list[float]:
    """Each candidate's log prior from its population, 0 for the most populous."""
    logs = [PRIOR_POWER * math.log(_population(c) + POPULATION_FLOOR) for c in cands]
    top = max(logs)
    return [v - top for v in logs]


def _weight(kx: int, ky: int) -> float:
    """A pair's weight: ``STRENGTH`` less half the log of the candidate pairs it could be."""
    return max(0.0, STRENGTH - 0.5 * math.log(kx * ky))


def _kernels(xs: list[Location], ys: list[Location], weight: float) -> list[list[float]]:
    return [[weight * _kernel(_where(x), _where(y)) for y in ys] for x in xs]


def _where(place: Location) -> tuple[float, float, float]:
    """Latitude, longitude and radius (a district's extent; a town is a point)."""
    radius = float(place.raw.get("radius_km") or 0.0) if place.raw.get("kind") == "admin2" else 0.0
    return (place.latitude, place.longitude, radius)


def _kernel(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """How much two places sit together: 1 when they touch, e^-1 at SCALE_KM beyond their radii."""
    if abs(a[0] - b[0]) > FAR_DEGREES or abs(a[1] - b[1]) > FAR_DEGREES / max(math.cos(math.radians(a[0])), 0.1):
        return 0.0
    gap = max(0.0, haversine_km(a[0], a[1], b[0], b[1]) - a[2] - b[2])
    return math.exp(-gap / SCALE_KM)


def _in_regions(place: Location, regions: set[tuple[str, str]]) -> float:
    """1 when the place lies in a first-level region the article names (its pick for that name)."""
    return 1.0 if (place.raw.get("country_code", ""), place.raw.get("admin1_code", "")) in regions else 0.0
