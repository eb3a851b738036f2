"""When a town's pick is a guess among namesakes: say so instead of pinning it as exact.

A coder's note "Protesters gathered in Badah" names one place and no country.
GeoNames has a Badah in Pakistan and one in Taiwan; the most populous wins,
and without this check it would be a confident (geo_precision 1) pin in
Taiwan. A pick is confident only when something besides its own name backs
it: another place of the article in the same country, the article's other
places nearby, or a city so much bigger than any namesake abroad that
readers mean it ("Paris"). Otherwise the record keeps the best guess's point
but at geo_precision 3, with the reason, for an analyst to confirm.
"""

from __future__ import annotations

from geopy.location import Location

from mapper.geocode.regions import haversine_km

# Within this distance of the article's other places, a pick is backed by them.
NEAR_OTHERS_KM = 150.0
# A city this populous, and this many times bigger than every namesake abroad, is meant by its name.
PROMINENT_POPULATION = 100_000
PROMINENCE_RATIO = 10.0


def namesake_doubt(best: Location, candidates: list[Location], backing: set[str],
                   centre: tuple[float, float] | None) -> str:
    """Why picking ``best`` among ``candidates`` is a guess, or "" when something backs it.

    ``backing``: the countries the article's *other* names point to (their
    candidates or decisions); ``centre``: the median point of its other places.
    """
    raw = best.raw
    if raw.get("kind", "populated") != "populated":
        return ""  # a country, region or district: another kind of answer, judged elsewhere
    country = raw.get("country_code", "")
    abroad = [c for c in candidates if c.raw.get("country_code", "") != country]
    if not abroad or country in backing:
        return ""
    if centre is not None and haversine_km(centre[0], centre[1], best.latitude, best.longitude) <= NEAR_OTHERS_KM:
        return ""
    population = float(raw.get("population") or 0)
    biggest_abroad = max(float(c.raw.get("population") or 0) for c in abroad)
    if population >= PROMINENT_POPULATION and population >= PROMINENCE_RATIO * max(biggest_abroad, 1.0):
        return ""
    countries = {c.raw.get("country_code", "") for c in candidates}
    return (f"ambiguous: places of this name in {len(countries)} countries and nothing else in the article "
            f"points to {country}; the most likely is shown at geo_precision 3")
