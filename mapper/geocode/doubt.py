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
# A named region backs a pick only if the article's other places are not this far from it: a
# "Parkland" in a story naming "Washington" (the state, or the capital?) while all its other
# places are in Florida is still a guess.
AT_ODDS_KM = 500.0
# A city this populous, and this many times bigger than every namesake elsewhere in its country,
# is meant by its name.
PROMINENT_POPULATION = 100_000
PROMINENCE_RATIO = 10.0
# Against namesakes abroad, with nothing else in the article for its country, it takes more: local
# news says "Dublin" for Dublin, Ohio (45,000 people; Dublin, Ireland has 22 times as many) and
# "London" for London, Ontario (a 21st of London, England); but "Paris" alone (86 times Paris,
# Texas) or "Moscow" is meant as the capital.
PROMINENCE_ABROAD_RATIO = 50.0
# A village (under this many people) whose name this many populated places of its country share is
# a guess even next to the article's other places: "shelling in the village of Sadove" in a story
# from one oblast, where the gazetteer lists seven Sadoves (and the country has dozens more that
# are too small to be listed), names one village the gazetteer may not know at all. Only a place
# the text writes it in ("Sadove, in the X district") settles it: resolve.py skips the doubt then.
VILLAGE_POPULATION = 5_000
CROWDED_NAMESAKES = 4


def namesake_doubt(best: Location, candidates: list[Location], backing: set[str],
                   centre: tuple[float, float] | None, in_region: bool = False, situated: bool = False) -> str:
    """Why picking ``best`` among ``candidates`` is a guess, or "" when something backs it.

    ``backing``: the countries the article's *other* names point to (their
    candidates or decisions); ``centre``: the median point of its other places.
    Namesakes far apart inside one country count too: "Kamyanka" with no
    oblast and no neighbour named could be any of Ukraine's Kamyankas; and
    so does a pick far from the article's other places ("Springfield" in a
    story whose other towns are all in one state, picked in another state for
    its population). ``in_region``: the pick lies in a first-level region the
    article names ("Springfield" in a story naming Illinois), which backs it
    when the article's other places are not far away (``AT_ODDS_KM``).
    ``situated``: the text writes it inside another place, or another name of the
    article has a candidate near it; a lone town is no guess then (``lone_town``).
    """
    raw = best.raw
    if raw.get("kind", "populated") != "populated":
        return ""  # a country, region or district: another kind of answer, judged elsewhere
    crowded = crowded_village(best, candidates)
    if crowded:
        return crowded
    if centre is not None and _km(best, centre) <= NEAR_OTHERS_KM:
        return ""
    country = raw.get("country_code", "")
    abroad = [c for c in candidates if c.raw.get("country_code", "") != country]
    if country in backing and (centre is None or _km(best, centre) <= AT_ODDS_KM):
        # another place of the article is in this country: namesakes abroad are out -- unless the
        # article's places are all far from this pick ("Vancouver" in the US, its others in Canada)
        abroad = []
    far_at_home = [c for c in candidates if c.raw.get("country_code", "") == country
                   and c.raw.get("kind", "populated") == "populated"
                   and _km(c, (best.latitude, best.longitude)) > NEAR_OTHERS_KM]
    if in_region and (centre is None or _km(best, centre) <= AT_ODDS_KM):
        far_at_home = []  # the region backs it, unless the article's other places are far away
    # here the pick is not near the article's other places (or there are none)
    lone = "" if situated or in_region else lone_town(best, abroad, far_at_home, backing)
    if lone:
        return lone
    if _prominent(best, far_at_home, PROMINENCE_RATIO) and _prominent(best, abroad, PROMINENCE_ABROAD_RATIO):
        return ""
    if not _prominent(best, abroad, PROMINENCE_ABROAD_RATIO):
        countries = {c.raw.get("country_code", "") for c in candidates}
        where = f"in {len(countries)} countries and nothing else in the article points to {country}"
    else:
        near = "no other place of the article near any" if centre is None else \
            f"this one {_km(best, centre):,.0f} km from the article's other places"
        where = f"{len(far_at_home) + 1} far apart in {country} and {near}"
    return f"ambiguous: places of this name {where}; the most likely is shown at geo_precision 3"


def lone_town(best: Location, abroad: list[Location], far_at_home: list[Location], backing: set[str]) -> str:
    """Why the only town of its name the gazetteer lists is still a guess, or "": "cleaners protested
    in Koya" names one place and no country; the gazetteer (towns of 500 people or more) lists a
    small Koya in Japan only, and the Koya meant may be one it does not list. A town under
    ``PROMINENT_POPULATION`` with no namesake listed, far from the article's other places (the
    caller's test) and in a country nothing else in the article points to, is shown at
    geo_precision 3."""
    country = best.raw.get("country_code", "")
    population = float(best.raw.get("population") or 0)
    if abroad or far_at_home or country in backing or population >= PROMINENT_POPULATION:
        return ""
    return (f"unconfirmed: the only place of this name the gazetteer lists is a town of {population:,.0f} in "
            f"{country}, and nothing else in the article points to {country}; shown at geo_precision 3")


def crowded_village(best: Location, candidates: list[Location]) -> str:
    """Why a small village among many same-name villages of its country is a guess, or ""."""
    if float(best.raw.get("population") or 0) >= VILLAGE_POPULATION:
        return ""
    country = best.raw.get("country_code", "")
    same = [c for c in candidates if c.raw.get("country_code", "") == country
            and c.raw.get("kind", "populated") == "populated"]
    if len(same) < CROWDED_NAMESAKES:
        return ""
    return (f"ambiguous: {len(same)} villages of this name in {country} and nothing written with it says which "
            "(smaller ones are not listed); the most likely is shown at geo_precision 3")


def _prominent(best: Location, rivals: list[Location], ratio: float) -> bool:
    """A city ``ratio`` times bigger than every namesake among ``rivals``: "Paris", "Aleppo"
    (no rivals: nothing to be prominent against, and nothing to doubt)."""
    if not rivals:
        return True
    population = float(best.raw.get("population") or 0)
    biggest = max(float(c.raw.get("population") or 0) for c in rivals)
    return population >= PROMINENT_POPULATION and population >= ratio * max(biggest, 1.0)


def _km(place: Location, point: tuple[float, float]) -> float:
    return haversine_km(point[0], point[1], place.latitude, place.longitude)
