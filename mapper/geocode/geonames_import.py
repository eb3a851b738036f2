"""Bigger gazetteers a user brings: GeoNames dumps indexed beside the built-in index.

``mapper gazetteer import SY.zip`` reads a GeoNames dump in its standard
19-column tab-separated format (``allCountries.zip``, a country file such as
``SY.zip``, ``cities1000.zip``, or the ``.txt`` inside) into its own SQLite
file ``geonames-<name>.sqlite`` in the cache folder, with the built-in
index's ``places``/``names``/``skeletons`` layout. Which rows are kept is
``data/geonames_features.csv``.

``attach_imports`` is the one hook ``Gazetteer`` calls: it attaches every
imported file to the built-in index's connection and shadows the three tables
with TEMP views (SQLite resolves an unqualified name in ``temp`` first), so
every query of ``Gazetteer`` answers from both without knowing. An imported
place with the built-in one's geonameid replaces it ("Tuwaym" found, "Latakia"
at the dump's own point, never twice). With no import nothing is attached:
the default, offline, embedded index is used exactly as before.

Data: GeoNames (https://www.geonames.org/export/dump/), CC BY 4.0.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
import os
import re
import sqlite3
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from mapper.errors import InputError
from mapper.geocode import gazetteer_index
from mapper.geocode.gazetteer_index import default_cache_dir, is_indexable_alias
from mapper.geocode.names import fold, skeleton_of_fold
from mapper.storage import atomic_path

FEATURES_CSV = Path(__file__).parent / "data" / "geonames_features.csv"
PREFIX = "geonames-"
COLUMNS = 19  # geonameid, name, asciiname, alternatenames, latitude, longitude, class, code, country, ...
FORMAT_VERSION = "1"
_BATCH = 20000
_VIEWED = ("places", "names", "skeletons")


@dataclass(frozen=True)
class ImportInfo:
    """One imported dump, as ``mapper gazetteer list`` shows it."""

    name: str  # "SY" for SY.zip or SY.txt: a re-import of that file replaces it
    source: str  # the file as given to the import
    rows: int
    countries: tuple[str, ...]
    imported: str  # UTC, ISO 8601 to the second
    path: Path


@dataclass(frozen=True)
class _Row:
    gid: int
    name: str
    aliases: tuple[str, ...]
    latitude: float
    longitude: float
    country_code: str
    admin_codes: tuple[str, str, str]
    population: int
    kind: str


# -- which rows ------------------------------------------------------------


@lru_cache(maxsize=1)
def feature_kinds() -> dict[tuple[str, str], str]:
    """(feature class, feature code or "*") -> kind ("" = skip), from ``geonames_features.csv``."""
    with open(FEATURES_CSV, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return {(row["feature_class"], row["feature_code"]): row["kind"] for row in csv.DictReader(lines)}


def kind_of(feature_class: str, feature_code: str) -> str:
    """The gazetteer kind of a GeoNames feature, "" when it is not imported ("P", "PPLH" -> "")."""
    kinds = feature_kinds()
    return kinds.get((feature_class, feature_code), kinds.get((feature_class, "*"), ""))


# -- reading a dump --------------------------------------------------------


def import_name(path: str | os.PathLike) -> str:
    """"SY" for SY.zip and SY.txt alike, so either re-import replaces the other."""
    stem = Path(path).name
    stem = re.sub(r"\.(zip|txt)$", "", stem, flags=re.I)
    return re.sub(r"[^A-Za-z0-9_.-]", "_", stem) or "dump"


def _lines(path: Path) -> Iterator[tuple[str, int, bytes]]:
    """(where, line number, raw line) of the dump's data lines: the .txt, or every .txt of the zip but readme."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        with open(path, "rb") as handle:
            yield from ((str(path), number, line) for number, line in enumerate(handle, start=1))
        return
    with zipfile.ZipFile(path) as archive:
        members = [m for m in archive.namelist() if m.lower().endswith(".txt") and "readme" not in m.lower()]
        if not members:
            raise InputError(f"{path}: the zip holds no GeoNames .txt file")
        for member in members:
            with archive.open(member) as handle:
                yield from ((f"{path}/{member}", number, line) for number, line in enumerate(handle, start=1))


def parse_line(raw: bytes) -> _Row | None:
    """One dump line as a row to index, None if its feature is not imported; ValueError says what is wrong."""
    try:
        text = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None
    fields = text.split("\t")
    if len(fields) != COLUMNS:
        raise ValueError(f"expected {COLUMNS} tab-separated columns, found {len(fields)}")
    kind = kind_of(fields[6], fields[7])
    if not kind:
        return None
    latitude, longitude = _number(fields[4], "latitude", 90), _number(fields[5], "longitude", 180)
    gid = _integer(fields[0], "geonameid")
    aliases = tuple(dict.fromkeys(a for a in [fields[2], *fields[3].split(",")] if a))
    return _Row(gid, fields[1], aliases, latitude, longitude, fields[8], (fields[10], fields[11], fields[12]),
                _integer(fields[14] or "0", "population"), kind)


def _number(text: str, what: str, limit: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{what} {text!r} is not a number") from None
    if not math.isfinite(value) or abs(value) > limit:
        raise ValueError(f"{what} {text!r} is out of range")
    return value


def _integer(text: str, what: str) -> int:
    if not text.isdigit():
        raise ValueError(f"{what} {text!r} is not a whole number")
    return int(text)


# -- writing an import -----------------------------------------------------


def import_file(path: str | os.PathLike, cache_dir: str | os.PathLike | None = None) -> ImportInfo:
    """Index one dump into ``geonames-<name>.sqlite``, atomically: a bad line leaves what was there.

    Raises ``InputError`` naming the file and line ("SY.txt:3: expected 19
    tab-separated columns, found 4").
    """
    source = Path(path)
    target = Path(cache_dir or default_cache_dir()) / f"{PREFIX}{import_name(source)}.sqlite"
    gazetteer_index.remove_stale_temporaries(target)
    with atomic_path(target) as tmp:
        connection = sqlite3.connect(tmp)
        try:
            _fill(connection, source)
            connection.commit()
        finally:
            connection.close()
    return _info(target)


def _fill(connection: sqlite3.Connection, source: Path) -> None:
    connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + gazetteer_index.SCHEMA)
    # The admin codes below admin1 and an extent: columns the built-in places may gain
    # (views copy only the columns both have, so either side can grow).
    for column in ("admin2_code TEXT", "admin3_code TEXT", "radius_km REAL"):
        if column.split()[0] not in _columns(connection, "main", "places"):
            connection.execute(f"ALTER TABLE places ADD COLUMN {column}")
    batch: list[_Row] = []
    for where, number, raw in _lines(source):
        if not raw.strip():
            continue
        try:
            row = parse_line(raw)
        except ValueError as error:
            raise InputError(f"{where}:{number}: {error}; nothing of this file was indexed") from None
        if row is not None:
            batch.append(row)
        if len(batch) >= _BATCH:
            _insert(connection, batch)
            batch = []
    _insert(connection, batch)
    connection.execute("CREATE INDEX places_by_country ON places (country_code, latitude)")
    _fill_radii(connection)
    _write_meta(connection, source)


def _insert(connection: sqlite3.Connection, rows: list[_Row]) -> None:
    connection.executemany(
        "INSERT OR REPLACE INTO places (id, name, latitude, longitude, country_code, admin1_code, population, kind, "
        "admin2_code, admin3_code) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(r.gid, r.name, r.latitude, r.longitude, r.country_code, r.admin_codes[0], r.population, r.kind,
          r.admin_codes[1], r.admin_codes[2]) for r in rows])
    names = list(_names(rows))
    connection.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", names)
    connection.executemany("INSERT OR IGNORE INTO skeletons VALUES (?,?)",
                           {(skeleton_of_fold(key), key) for key, _, _ in names})


def _names(rows: Iterable[_Row]) -> Iterator[tuple[str, int, str]]:
    # As the built-in index: the place's own name unless under 3 letters, and the
    # alternates that look like real Latin-script names (gazetteer_index.is_indexable_alias).
    for row in rows:
        for alias in (row.name, *row.aliases):
            if len(alias) < 3 or (alias != row.name and not is_indexable_alias(alias)):
                continue
            key = fold(alias)
            if key:
                yield key, row.gid, alias


# An admin unit's radius covers its populated places of the same dump: half the
# diagonal of their box ("Idlib governorate" ~ 60 km), so a district is not drawn as
# a point; a unit whose places the dump lacks keeps no radius (the resolver's default).
_UNITS = {"admin1": ("admin1_code",), "admin2": ("admin1_code", "admin2_code"),
          "admin3": ("admin1_code", "admin2_code", "admin3_code")}


def _fill_radii(connection: sqlite3.Connection) -> None:
    for kind, codes in _UNITS.items():
        keys = ", ".join(("country_code", *codes))
        boxes = {tuple(box[:-4]): box[-4:] for box in connection.execute(
            f"SELECT {keys}, MIN(latitude), MIN(longitude), MAX(latitude), MAX(longitude) FROM places "
            f"WHERE kind = 'populated' GROUP BY {keys}")}
        units = connection.execute(f"SELECT id, {keys} FROM places WHERE kind = ?", (kind,)).fetchall()
        connection.executemany("UPDATE places SET radius_km = ? WHERE id = ?", [
            (_half_diagonal_km(*boxes[tuple(unit[1:])]), unit[0]) for unit in units if tuple(unit[1:]) in boxes])


def _half_diagonal_km(south: float, west: float, north: float, east: float) -> float:
    from mapper.geocode.regions import haversine_km

    return round(max(1.0, haversine_km(south, west, north, east) / 2), 1)


def _write_meta(connection: sqlite3.Connection, source: Path) -> None:
    rows = connection.execute("SELECT COUNT(*) FROM places").fetchone()[0]
    countries = ",".join(cc for (cc,) in connection.execute(
        "SELECT DISTINCT country_code FROM places ORDER BY country_code"))
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    connection.executemany("INSERT INTO meta VALUES (?,?)", [
        ("format_version", FORMAT_VERSION), ("source", str(source)), ("source_sha256", _file_digest(source)),
        ("rows", str(rows)),
        ("countries", countries), ("imported", stamp)])


def _columns(connection: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA {schema}.table_info({table})")]


# -- what is imported ------------------------------------------------------


def import_paths(cache_dir: str | os.PathLike | None = None) -> list[Path]:
    """The imported files of a cache folder, by name (the first one wins a geonameid two of them hold)."""
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return sorted(folder.glob(f"{PREFIX}*.sqlite")) if folder.is_dir() else []


def list_imports(cache_dir: str | os.PathLike | None = None) -> list[ImportInfo]:
    return [_info(path) for path in import_paths(cache_dir)]


def _info(path: Path) -> ImportInfo:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    finally:
        connection.close()
    return ImportInfo(path.name[len(PREFIX):-len(".sqlite")], meta.get("source", ""), int(meta.get("rows", 0)),
                      tuple(filter(None, meta.get("countries", "").split(","))), meta.get("imported", ""), path)


def remove_import(name: str, cache_dir: str | os.PathLike | None = None) -> bool:
    """Delete the import called ``name`` ("SY"); False if there is none."""
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    path = folder / f"{PREFIX}{import_name(name)}.sqlite"
    if not path.exists():
        return False
    path.unlink()
    return True


def signature(cache_dir: str | os.PathLike | None = None) -> str:
    """A short digest of what is imported ("" when nothing is): part of the geocode cache's key,
    so answers cached before an import are not reused after it. It depends on the dumps' bytes,
    not on when they were imported: two machines that imported SY.zip share their cache."""
    paths = import_paths(cache_dir)
    if not paths:
        return ""
    digest = hashlib.sha256()
    for path in paths:
        stat = path.stat()
        digest.update(f"{path.name}:{_source_digest(path, stat.st_mtime_ns, stat.st_size)}\n".encode())
    return digest.hexdigest()[:10]


@lru_cache(maxsize=64)
def _source_digest(path: Path, mtime_ns: int, size: int) -> str:  # noqa: ARG001 -- the cache key
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'source_sha256'").fetchone()
    finally:
        connection.close()
    return f"{FORMAT_VERSION}:{row[0] if row else ''}"


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- the hook: querying them with the built-in index -----------------------


def attach_imports(connection: sqlite3.Connection, cache_dir: str | os.PathLike) -> list[str]:
    """Attach the imports of ``cache_dir`` and shadow places/names/skeletons with views over all.

    Returns the attached import names ([] and no change when there is none).
    """
    paths = import_paths(cache_dir)
    limit = _attach_limit(connection)
    if len(paths) > limit:
        raise InputError(f"{len(paths)} GeoNames imports in {cache_dir}; at most {limit} can be used together: "
                         f"remove some (mapper gazetteer remove NAME) or import one bigger file")
    schemas = []
    for number, path in enumerate(paths):
        schema = f"import{number}"
        connection.execute("ATTACH DATABASE ? AS " + schema, (f"{path.resolve().as_uri()}?mode=ro&immutable=1",))
        schemas.append(schema)
    if schemas:
        for statement in _view_statements(connection, schemas):
            connection.execute(statement)
    return [path.name[len(PREFIX):-len(".sqlite")] for path in paths]


def _attach_limit(connection: sqlite3.Connection) -> int:
    # SQLite's compiled default (SQLITE_MAX_ATTACHED) is 10; Python >= 3.11 can read the build's own.
    getlimit = getattr(connection, "getlimit", None)
    return int(getlimit(getattr(sqlite3, "SQLITE_LIMIT_ATTACHED", 7))) if getlimit else 10  # 7: its C value


def _view_statements(connection: sqlite3.Connection, schemas: list[str]) -> Iterator[str]:
    """CREATE TEMP VIEW places/names/skeletons: each import's rows whose place no earlier one
    holds, then the built-in rows whose place no import holds (so never a place twice)."""
    ids = {"places": "id", "names": "place_id"}
    for table in _VIEWED:
        wanted = _columns(connection, "main", table)
        parts = []
        for position, schema in enumerate([*schemas, "main"]):
            have = set(_columns(connection, schema, table))
            columns = ", ".join(c if c in have else f"NULL AS {c}" for c in wanted)
            earlier = schemas[:position] if table in ids else []
            where = " AND ".join(f"{ids[table]} NOT IN (SELECT id FROM {s}.places)" for s in earlier)
            parts.append(f"SELECT {columns} FROM {schema}.{table}" + (f" WHERE {where}" if where else ""))
        # skeletons only map a skeleton to keys: the same pair from two files is one.
        joiner = " UNION " if table == "skeletons" else " UNION ALL "
        yield f"CREATE TEMP VIEW {table} AS " + joiner.join(parts)
