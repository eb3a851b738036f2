"""Towns of one story that lie together: the local reading a population vote misses.

A local story names "London", "St. Thomas" and "Middlesex County". By population London is the
British capital and the story's focus would be Britain -- where neither other name is. In Canada
all three lie within a few dozen kilometres of each other. When the towns of one country cluster
like that (``CLUSTER_KM``), for at least ``CLUSTER_MARGIN`` names more than any cluster in the
country the votes chose, the cluster's country is the story's focus -- unless the story names the
voted country itself or uses its nationality adjective ("British police").

A story of two towns is read the same way when both lie together in one country and not in the
voted one ("London" and "St. Thomas"; "Edmonton" and "Enfield", the London pair, not the Canadian
city and a Nova Scotia town 4,000 km apart) -- unless one of them is, in the voted reading, a city
``WHOLE_STORY_RATIO`` times its namesake in the cluster: "Paris" and "London" are the capitals,
not the two Ontario towns that happen to lie 70 km apart.
"""

from __future__ import annotations

from collections import defaultdict

from geopy.location import Location

from mapper.geocode.regions import haversine_km

CLUSTER_KM = 100.0
CLUSTER_MARGIN = 2
WHOLE_STORY_RATIO = 100.0
WORLD_CITY = 1_000_000  # (a county's population is 0 here: "Cornwall" the town of 48,000 abroad is no world city)
# Kinds of candidate that stand for a spot on the map (not a whole region or country).
SPOT_KINDS = frozenset({"populated", "admin2"})


def spots_by_country(names: list[str], candidates: dict[str, list[Location]]) -> dict[str, list[tuple[str, float, float]]]:
    """Per country, its exact town and district candidates as (name, latitude, longitude); names
    that are also a country, a region or a continent are left out (they are no spot)."""
    out: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for name in names:
        cands = candidates.get(name) or []
        if any(c.raw.get("kind", "populated") not in SPOT_KINDS for c in cands):
            continue
        for c in cands:
            if c.raw.get("match", "exact") == "exact" and c.raw.get("country_code"):
                out[c.raw["country_code"]].append((name, c.latitude, c.longitude))
    return out


def cluster_size(spots: list[tuple[str, float, float]]) -> int:
    """The most distinct names with a spot within ``CLUSTER_KM`` of one of the spots."""
    best = 0
    for _, lat, lon in spots:
        near = [(name, (lat2, lon2)) for name, lat2, lon2 in spots
                if abs(lat2 - lat) <= 1.0 and haversine_km(lat, lon, lat2, lon2) <= CLUSTER_KM]
        # two names of one place ("Trinidad", "Trinidad and Tobago" read as the same town) are one
        best = max(best, min(len({name for name, _ in near}), len({point for _, point in near})))
    return best


def clustered_focus(voted: str, names: list[str], candidates: dict[str, list[Location]]) -> str:
    """The country whose towns of the story cluster well beyond the voted country's, or ``voted``."""
    spots = spots_by_country(names, candidates)
    spot_names = {name for entries in spots.values() for name, _, _ in entries}
    if len(spot_names) == 2:
        return _two_towns_focus(voted, spot_names, spots, candidates)
    if len(spot_names) < CLUSTER_MARGIN + 1:
        return voted
    at_voted = cluster_size(spots.get(voted, []))
    sizes = {code: cluster_size(entries) for code, entries in sorted(spots.items())
             if code != voted and len({name for name, _, _ in entries}) >= at_voted + CLUSTER_MARGIN}
    if not sizes:
        return voted
    top = max(sizes.values())
    leaders = [code for code, size in sizes.items() if size == top]
    # two countries clustering alike decide nothing (never the alphabetically first)
    return leaders[0] if len(leaders) == 1 and top >= at_voted + CLUSTER_MARGIN else voted


def _two_towns_focus(voted: str, names: set[str], spots: dict[str, list[tuple[str, float, float]]],
                     candidates: dict[str, list[Location]]) -> str:
    """The one country where a two-town story's towns lie together, when they do not in ``voted``
    and neither is, by ``voted``'s reading, a city far bigger than its namesake there (see above)."""
    if cluster_size(spots.get(voted, [])) >= 2:
        return voted
    together = [code for code, entries in sorted(spots.items()) if code != voted and cluster_size(entries) == 2]
    if len(together) != 1:
        return voted
    for name in names:
        here = [c for c in candidates.get(name) or [] if c.raw.get("country_code") == together[0]]
        biggest = max((float(c.raw.get("population") or 0) for c in candidates.get(name) or []), default=0.0)
        local = max((float(c.raw.get("population") or 0) for c in here), default=0.0)
        if biggest >= WORLD_CITY and biggest >= WHOLE_STORY_RATIO * max(local, 1.0):
            return voted
    return together[0]
