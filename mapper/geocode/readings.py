"""Three readings of a name that the article's country focus alone gets wrong.

1. A country's name used for a town of the article's own country (``country_names_as_towns``).
   A local story: "Residents of Cedar Lake and Zionsville in Boone County ... the Lebanon
   clean-up". Every other place of the story is in one country (R) and nowhere else; the
   country's name (Lebanon) also names a town of R right next to them; nothing else in the
   story (no other place, no nationality adjective) is in the country itself. Then the name is
   read as the town: its country candidate is dropped before the focus is counted, so the country
   no longer out-votes the story's own towns, and those towns are no longer refused as
   "namesakes abroad". A story about the country that mentions a far-away town of R ("troops
   sent to Lebanon, officials in Washington said") keeps the country: the town of that name is
   not near the story's other places.

2. A namesake abroad that another name of the article backs (``backed_abroad``). A name whose
   only candidates lie outside the article's focus country is refused as a namesake abroad
   ("Tawila" in a Darfur report is not the Yemeni village) -- unless another name of the article
   lies only in that same country, or the article names the country or its nationality: "St.
   Cloud" and "Douglas County" (both only in the US) in a story whose focus went to Egypt for
   "Alexandria" are the story's second country, not two isolated namesakes. The pick is then
   judged like any other (doubt.py), not placed at the article's area.

3. A big city of another country the article names (``named_country_focus``). A US story that
   names Russia and Moscow means Moscow, Russia, not Moscow, Idaho (and one that names Canada
   and Ontario, the province, not Ontario, California): for that name only, the named country
   counts as the focus, when its city or first-level region there has at least
   ``CITY_POPULATION`` people and ``CITY_RATIO`` times the biggest namesake in the article's
   focus country.
"""

from __future__ import annotations

from collections import defaultdict

from geopy.location import Location

from mapper.geocode.records import PlaceRecord, PlaceUse
from mapper.geocode.regions import haversine_km

# A town of the story's country this close to one of its other places is "next to them".
NEXT_TO_KM = 80.0
# Kinds of candidate that can be the local reading of a country's name.
LOCAL_KINDS = frozenset({"populated", "admin2", "admin1"})

CITY_POPULATION = 100_000
CITY_RATIO = 10.0


def _kind(raw: dict) -> str:
    return str(raw.get("kind", "populated"))


def _exact(raw: dict) -> bool:
    return raw.get("match", "exact") == "exact"


def country_names_as_towns(by_name: dict[str, list[PlaceUse]], candidates: dict[str, list[Location]],
                           decided: dict[str, PlaceRecord]) -> dict[str, str]:
    """Names of countries read as a town of the story's own country: only their candidates there
    are kept in ``candidates``. Returns name -> why, for the record's resolution."""
    countries = {name: c.raw.get("country_code", "") for name, cands in candidates.items()
                 for c in cands if _kind(c.raw) == "country"}
    if not countries:
        return {}
    demonym_codes = {code for uses in by_name.values() for use in uses for code, _, _ in use.demonyms}
    others = {name: cands for name, cands in candidates.items() if name not in countries and cands}
    read: dict[str, str] = {}
    for name, code in sorted(countries.items()):
        if code in demonym_codes or any(record.country_code == code for record in decided.values()):
            continue  # the story speaks of the country itself ("Lebanese officials")
        if any(c.raw.get("country_code") == code for cands in others.values() for c in cands):
            continue  # another place of the story is in the country
        home, why = _local_reading(candidates[name], code, others)
        if why:
            read[name] = why
            candidates[name] = [c for c in candidates[name] if c.raw.get("country_code") == home and _kind(c.raw) != "country"]
    return read


def _local_reading(cands: list[Location], code: str, others: dict[str, list[Location]]) -> tuple[str, str]:
    """The story's own country and why the name reads as a place there, or ("", "")."""
    only_in = _single_country_names(others)
    homes = set(only_in.values())
    if len(homes) != 1 or code in homes:
        return "", ""  # the story's unambiguous places are not all in one other country
    home = homes.pop()
    anchors = [c for other in only_in for c in others[other] if _exact(c.raw) and _kind(c.raw) in ("populated", "admin2")]
    for local in (c for c in cands if c.raw.get("country_code") == home and _exact(c.raw) and _kind(c.raw) in LOCAL_KINDS):
        if any(_next_to(local, anchor) for anchor in anchors):
            return home, (f"the country's name read as a place in {home}: the article's other places are "
                          f"all in {home}, one next to a place of this name, and nothing else in it is in {code}")
    return "", ""


def backed_abroad(name: str, location: Location, candidates: dict[str, list[Location]],
                  uses: list[PlaceUse]) -> str:
    """Why a namesake abroad (``location``) is kept as a guess, or "" when it is refused: its
    country is backed by another name of the article (``candidates``: the article's names) that
    lies only there, or by the country's nationality adjective (module doc, 2)."""
    code = location.raw.get("country_code", "")
    if not code:
        return ""
    by = next((other for other, country in sorted(_single_country_names(candidates).items())
               if other != name and country == code), "")
    if not by and not any(hint == code for use in uses for hint, _, _ in use.demonyms):
        return ""
    what = f"'{by}', also only in {code}" if by else f"the article's {code} nationality adjectives"
    return (f"outside the article's focus country, far from its other places, but backed by {what}; "
            "shown at geo_precision 3")


def _single_country_names(others: dict[str, list[Location]]) -> dict[str, str]:
    """The names whose exact candidates all lie in one country, with that country."""
    out = {}
    for name, cands in others.items():
        codes = {c.raw.get("country_code", "") for c in cands if _exact(c.raw)}
        if len(codes) == 1 and "" not in codes:
            out[name] = codes.pop()
    return out


def _next_to(local: Location, anchor: Location) -> bool:
    if _kind(local.raw) == "admin1":  # a state holding the story's towns ("Georgia" and Atlanta)
        return bool(local.raw.get("admin1_code")) and local.raw.get("admin1_code") == anchor.raw.get("admin1_code")
    return haversine_km(local.latitude, local.longitude, anchor.latitude, anchor.longitude) <= NEXT_TO_KM


def named_country_focus(by_name: dict[str, list[PlaceUse]], candidates: dict[str, list[Location]],
                        first_pass: dict[str, Location], focus: dict[str, str],
                        own: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, str]]:
    """Per name, the focus it is weighed by when it is a big city of another country the article
    names (module doc, 3); names not listed use the article's focus, or theirs in ``own`` (the
    focus of their section: focus.section_focus)."""
    named: dict[str, set[str]] = defaultdict(set)
    for name, choice in first_pass.items():
        if _kind(choice.raw) == "country":
            for use in by_name.get(name, []):
                named[use.article].add(choice.raw.get("country_code", ""))
    out: dict[str, dict[str, str]] = {}
    for name, cands in candidates.items():
        uses = by_name.get(name, [])
        if not uses or any(_kind(c.raw) == "country" for c in cands):
            continue
        article = uses[0].article
        base = (own or {}).get(name, focus)
        home = base.get(article, "")
        abroad = _big_city_abroad(cands, named.get(article, set()) - {home, ""}, home)
        if abroad:
            out[name] = {**base, **{use.article: abroad for use in uses}}
    return out


def _big_city_abroad(cands: list[Location], named: set[str], home: str) -> str:
    """The named country whose city of this name dwarfs every namesake at home, or ""."""
    def population(c: Location) -> float:
        return float(c.raw.get("population") or 0)

    at_home = max((population(c) for c in cands if c.raw.get("country_code") == home), default=0.0)
    best = ""
    best_population = 0.0
    for code in sorted(named):
        cities = [population(c) for c in cands if c.raw.get("country_code") == code
                  and _kind(c.raw) in ("populated", "admin1") and _exact(c.raw)]
        biggest = max(cities, default=0.0)
        if biggest >= CITY_POPULATION and biggest >= CITY_RATIO * max(at_home, 1.0) and biggest > best_population:
            best, best_population = code, biggest
    return best
