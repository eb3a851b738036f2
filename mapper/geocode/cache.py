"""The fixed geocode cache: months of partly hand-checked answers, kept safe.

``data/geocache.json`` is plain JSON with sorted keys so it diffs and reviews
well when committed. One entry per (normalised query, provider, parameters)
holds every candidate the provider returned (its ``raw`` answers), so that
disambiguation can be re-run offline, byte for byte. An empty candidate list
is a cached "not found"; failures (timeouts, errors) are never cached.

Writes are atomic and merged under a file lock: two builds at once both keep
their entries. A cache that cannot be parsed is moved aside, never dropped.

The file is committed and hand-edited, so it is untrusted input too: an entry
that could not be a real answer (latitude 95 or NaN, a list where a
candidate should be, a lone surrogate, nesting 100,000 levels deep) is named
in a warning and treated as a miss -- asked again when online, answered by
the gazetteer offline -- while the rest of the file is used. Such an entry
is kept in the file byte for byte until a fresh answer replaces it (the
analyst may want to fix a typo in it), except one nested too deeply to
write back: that one is dropped, and the file's bytes are first copied
aside like a corrupt cache's.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from filelock import FileLock
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapper.diagnostics import Diagnostic, Emit, ignore
from mapper.errors import CacheError, MapperError
from mapper.storage import write_atomic

FORMAT_VERSION = 1

# An entry is {"query", "provider", "params", "results": [candidate, ...]} and
# a candidate has an address dict at most: 4 levels. Anything far deeper is
# not an answer, and cannot be written back without recursing that deep.
MAX_ENTRY_DEPTH = 16
# Beyond this many bad entries the summary says how many more, not each.
MAX_NAMED_PROBLEMS = 20
# A place name, an address line: a few hundred characters. Far more is not a name.
MAX_TEXT_CHARS = 4096


class NotAsked(Exception):
    """A provider declined to ask (its server stopped answering): a miss, never a cached "not found"."""


def cache_key(query_key: str, provider: str, params: dict[str, Any] | None = None) -> str:
    """A stable, readable key: ``provider|query|{"param": ...}``."""
    encoded = json.dumps(params or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"{provider}|{query_key}|{encoded}"


class GeocodeCache:
    """A JSON file of provider answers, loaded once, saved atomically."""

    def __init__(self, path: str | os.PathLike, on_warning: Emit | None = None):
        self.path = Path(path)
        self._emit = on_warning or ignore
        self._entries: dict[str, dict] = {}
        self._bad: dict[str, str] = {}  # key -> why the entry is not used (kept in the file)
        self._dirty = False
        self._load()

    # -- reading -------------------------------------------------------
    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            contents = read_cache(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
            moved = self._move_aside()
            self._warn("W301", f"geocode cache is corrupt ({error}); its bytes were kept at {moved} "
                               "and a new cache is being built (restore or merge it from there)")
            return
        self._entries, self._bad = contents.entries, contents.bad
        problems: list[tuple[str, str]] = []
        if contents.too_deep:
            # Dropping them rewrites the file without them: keep its bytes first.
            kept = self._copy_aside()
            problems += [("W303", f"entry {_shown_key(key)} dropped: {problem} (the file's bytes were kept at {kept})")
                         for key, problem in contents.too_deep.items()]
            self._dirty = True
        problems += [("W302", f"entry {_shown_key(key)} ignored: {problem}") for key, problem in self._bad.items()]
        for code, problem in problems[:MAX_NAMED_PROBLEMS]:
            self._warn(code, problem)
        if len(problems) > MAX_NAMED_PROBLEMS:
            self._warn("W304", f"{len(problems) - MAX_NAMED_PROBLEMS} more bad entries ignored (not named)")

    def _warn(self, code: str, message: str) -> None:
        """Name a problem with this cache file: ``W302 data/geocache.json: entry '...' ignored: ...``."""
        self._emit(Diagnostic(code, str(self.path), message))

    def _aside_path(self) -> Path:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        counter = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{counter}")
            counter += 1
        return target

    def _move_aside(self) -> Path:
        target = self._aside_path()
        try:
            os.replace(self.path, target)
        except OSError as error:
            raise CacheError(f"{self.path}: corrupt and cannot be moved aside ({error}); move it away by hand") from error
        return target

    def _copy_aside(self) -> Path:
        target = self._aside_path()
        try:
            shutil.copyfile(self.path, target)
        except OSError as error:
            raise CacheError(f"{self.path}: has entries to drop and cannot be copied aside first ({error})") from error
        return target

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> list[dict] | None:
        entry = self._entries.get(key)
        return None if entry is None or key in self._bad else entry["results"]

    def put(self, key: str, query: str, provider: str, params: dict | None, results: list[dict]) -> None:
        entry = {"query": query, "provider": provider, "params": params or {}, "results": results}
        self._bad.pop(key, None)  # a fresh answer replaces a bad entry
        if self._entries.get(key) != entry:
            self._entries[key] = entry
            self._dirty = True

    # -- writing -------------------------------------------------------
    def save(self) -> bool:
        """Merge with what is on disk now (another run may have added), then write.

        Returns whether the file changed. Our own answers win on conflict,
        since they were computed from the current data.
        """
        if not self._dirty:
            return False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.path) + ".lock", timeout=120):
            on_disk = self._read_for_merge()
            for key in on_disk.entries.keys() - self._entries.keys():  # added by another run meanwhile
                if key in on_disk.bad:
                    self._bad[key] = on_disk.bad[key]
            merged = {**on_disk.entries, **self._entries}
            text = render_cache(merged)
            changed = not self.path.exists() or self.path.read_text(encoding="utf-8") != text
            if changed:
                write_atomic(self.path, text)
            self._entries = merged
        self._dirty = False
        return changed

    def _read_for_merge(self) -> CacheContents:
        if not self.path.exists():
            return CacheContents({}, {}, {})
        try:
            # Entries too deep to write back were named at load time; not merged back.
            return read_cache(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
            # Corrupted since we loaded it: keep those bytes too before replacing.
            self._warn("W305", f"became unreadable during the run; kept at {self._move_aside()}")
            return CacheContents({}, {}, {})


def render_cache(entries: dict[str, dict]) -> str:
    document = {"format": "mapper-geocache", "version": FORMAT_VERSION, "entries": entries}
    text = json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    # A lone surrogate (read from a "\ud800" escape) cannot be encoded as UTF-8:
    # write it back as the same escape, so the file is valid and unchanged.
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


# -- reading an untrusted cache file ----------------------------------------------

@dataclass
class CacheContents:
    """What a cache file holds: every entry kept, and why some are not used.

    ``bad``: key -> why the entry is not served (it stays in the file);
    ``too_deep``: key -> why it was left out altogether (too deep to write back).
    """

    entries: dict[str, Any]
    bad: dict[str, str]
    too_deep: dict[str, str]


def read_cache(text: str) -> CacheContents:
    """Parse and check a cache file's text.

    Raises ValueError (or KeyError, TypeError) when the file is not a cache
    at all. An integer of thousands of digits (past Python's limit for
    ``int``) is read as an infinite float, so that it makes one entry bad
    instead of the whole file unreadable.
    """
    try:
        try:
            document = json.loads(text)
        except ValueError:
            document = json.loads(text, parse_int=_bounded_int)
        entries = document["entries"]
        too_deep: dict[str, str] = {}
    except RecursionError:
        entries, too_deep = _parse_entries_one_by_one(text)
    if not isinstance(entries, dict):
        raise ValueError("'entries' is not an object")
    # The file is UTF-8 text: a lone surrogate can only come from a "\ud800" escape.
    escapes = _SURROGATE_ESCAPE.search(text) is not None
    bad = {}
    for key, entry in entries.items():
        problem = entry_problem(entry) or (escapes and surrogate_problem(entry)) or None
        if problem and nesting_depth(entry, MAX_ENTRY_DEPTH) > MAX_ENTRY_DEPTH:
            too_deep[key] = f"nested more than {MAX_ENTRY_DEPTH} levels deep"
        elif problem:
            bad[key] = problem
    return CacheContents({k: v for k, v in entries.items() if k not in too_deep}, bad, too_deep)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def _bounded_int(digits: str) -> int | float:
    return int(digits) if len(digits) <= 100 else float(digits)


# A JSON string (escapes included) or one structural character.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]')


def _parse_entries_one_by_one(text: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The entries, and those too deep to read, of a file some part of which nests too deeply for ``json.loads``.

    Walks the tokens without recursion, cuts the top-level ``entries``
    object into one text per entry and parses only those shallow enough.
    Example: ``{"entries": {"a": {...}, "b": [[[[...100,000...]]]]}}`` gives
    entry "a" and drops "b".
    """
    entries: dict[str, Any] = {}
    too_deep: dict[str, str] = {}
    depth, entries_depth, expect_entries = 0, None, False
    key, value_start, deepest, previous = None, 0, 0, ""
    for token in _JSON_TOKEN.finditer(text):
        mark = token.group()
        if mark[0] == '"':
            if entries_depth is not None and depth == entries_depth and key is None:
                key = json.loads(mark)  # an entry's key; its value starts after the colon
            elif depth == 1 and entries_depth is None and json.loads(mark) == "entries":
                expect_entries = True
        elif mark == ":":
            if entries_depth is not None and depth == entries_depth and key is not None:
                value_start, deepest = token.end(), depth
        elif mark in "{[":
            depth += 1
            deepest = max(deepest, depth)
            if expect_entries and previous == ":" and depth == 2 and mark == "{":
                entries_depth = 2
            expect_entries = False
        else:  # one of } ] ,
            if entries_depth is not None and depth == entries_depth and key is not None:
                value = text[value_start:token.start()]
                if deepest - entries_depth > MAX_ENTRY_DEPTH:
                    too_deep[key] = f"nested more than {MAX_ENTRY_DEPTH} levels deep"
                else:
                    entries[key] = json.loads(value, parse_int=_bounded_int)
                key = None
            expect_entries = False
            if mark != ",":
                if depth == entries_depth:
                    return entries, too_deep  # the end of "entries": the rest is not needed
                depth -= 1
        previous = mark if mark[0] != '"' else previous
    raise ValueError("no 'entries' object found")


def nesting_depth(value: Any, limit: int) -> int:
    """How deeply ``value`` nests lists and objects, counting at most to ``limit + 1`` (no recursion).

    ``{"results": [{"address": {}}]}`` -> 4. Walks one level at a time.
    """
    depth, level = 0, [value]
    while True:
        containers = [item for item in level if isinstance(item, (dict, list))]
        if not containers:
            return depth
        depth += 1
        if depth > limit:
            return depth
        level = [child for item in containers for child in (item.values() if isinstance(item, dict) else item)]


def entry_problem(entry: Any) -> str | None:
    """Why a cache entry cannot be served, or None. Example: 'candidate 1: latitude 95 is out of range'.

    The shape is checked all the way down -- an entry, its results, their
    fields, and at most lists or objects of plain values in those -- so an
    entry that passes is at most 4 levels deep.
    """
    if not isinstance(entry, dict):
        return f"it is {_kind(entry)}, not an object"
    results = entry.get("results")
    if not isinstance(results, list):
        return "it has no 'results' list"
    for field in ("query", "provider"):
        if field in entry and not isinstance(entry[field], str):
            return f"its {field} is {_kind(entry[field])}, not text"
    params = entry.get("params", {})
    if not isinstance(params, dict) or not all(_flat(value) for value in params.values()):
        return "its params are not an object of plain values"
    for number, raw in enumerate(results, 1):
        if problem := result_problem(raw):
            return f"candidate {number}: {problem}"
    return None


def surrogate_problem(value: Any) -> str | None:
    """'a lone surrogate in its text (...)' when ``value`` holds one ("\\ud800" cannot be written as UTF-8)."""
    text = json.dumps(value, ensure_ascii=False)
    found = _LONE_SURROGATE.search(text)
    return None if found is None else f"a lone surrogate in its text ({_shown(text[max(0, found.start() - 20):found.end() + 20])})"


# Fields a candidate may carry (GeoNames' or Nominatim's) that must be text, or numbers.
_TEXT_FIELDS = frozenset((
    "name", "display_name", "address_line", "label", "country_code", "admin1", "admin1_code", "kind", "match",
    "matched_alias", "addresstype", "type", "class", "osm_type", "source_id", "provider",
))
_NUMBER_FIELDS = frozenset(("population", "radius_km", "importance"))
_PLAIN = (str, int, float, bool, type(None))


def _flat(value: Any) -> bool:
    """A plain value, or a list or object of plain values (Nominatim's "boundingbox": ["35.0", ...])."""
    if isinstance(value, list):
        return all(isinstance(item, _PLAIN) for item in value)
    if isinstance(value, dict):
        return all(isinstance(item, _PLAIN) for item in value.values())
    return isinstance(value, _PLAIN)


def result_problem(raw: Any) -> str | None:
    """Why one provider candidate cannot be used as a place, or None.

    Shared by the cache and the Nominatim provider's parsing (which deal
    with lone surrogates themselves): coordinates finite and on Earth, text
    fields text, no text absurdly long, numbers numbers, an address of texts,
    anything else plain values at most one list or object deep.
    Example: ``{"lat": "95", "lon": "36"}`` -> "latitude '95' is out of range".
    """
    if not isinstance(raw, dict):
        return f"it is {_kind(raw)}, not an object"
    latitude, longitude = raw.get("latitude", raw.get("lat")), raw.get("longitude", raw.get("lon"))
    if latitude is None or longitude is None:
        return "it has no coordinates"
    if problem := coordinate_problem(latitude, longitude):
        return problem
    for field, value in raw.items():  # one pass: caches hold hundreds of thousands of candidates
        if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
            return f"{_shown(field)} is {len(value)} characters long (at most {MAX_TEXT_CHARS})"
        if field in _TEXT_FIELDS:
            if not isinstance(value, str):
                return f"{field} {_shown(value)} is not text"
        elif field in _NUMBER_FIELDS:
            if not _finite(_number(value)):
                return f"{field} {_shown(value)} is not a finite number"
        elif field == "address":
            if not isinstance(value, dict) or not all(isinstance(item, str) and len(item) <= MAX_TEXT_CHARS
                                                      for item in value.values()):
                return "its address is not an object of short texts"
        elif not _flat(value):
            return f"{_shown(field)} nests deeper than a list of plain values"
    return None


def coordinate_problem(latitude: Any, longitude: Any) -> str | None:
    """Why (latitude, longitude) is not a point on Earth, or None: (95, 36) -> 'latitude 95 is out of range'."""
    for axis, value, limit in (("latitude", latitude, 90.0), ("longitude", longitude, 180.0)):
        number = _number(value)
        if number is None:
            return f"{axis} {_shown(value)} is not a number"
        if not math.isfinite(number):
            return f"{axis} {_shown(value)} is not finite"
        if abs(number) > limit:
            return f"{axis} {_shown(value)} is out of range"
    return None


def _number(value: Any) -> float | None:
    """A JSON number or numeric text (Nominatim sends "35.1") as a float; None otherwise (True, "abc", [35])."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            return float(value)
        except OverflowError:
            return math.inf
    if isinstance(value, str) and len(value) <= 64:
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _finite(number: float | None) -> bool:
    return number is not None and math.isfinite(number)


def _kind(value: Any) -> str:
    return {list: "a list", dict: "an object", str: "text", type(None): "null", bool: "a boolean"}.get(
        type(value), "a number")


def _shown(value: Any, limit: int = 40) -> str:
    """A short, printable repr for a message: control characters and surrogates escaped, long values cut."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _shown_key(key: str) -> str:
    return _shown(key, limit=120)


class CachedGeocoder(Geocoder):
    """Any geopy geocoder behind the fixed cache.

    The wrapped provider is always asked for *all* candidates, so that the
    cache holds enough to disambiguate later without asking again. With no
    provider (``None``) it answers from the cache alone: how earlier online
    answers keep serving offline runs. A provider that raises ``NotAsked``
    (its server stopped answering) is treated the same way for that query.

    ``autosave``: save the cache as the provider's answers come. For online
    answers, which are slow and rate limited: a later failure or crash in the
    run must not lose the ones already received. The first answer is saved at
    once, later ones after each answer unless the last save took more than a
    tenth of the time since (a 50 MB cache takes seconds to merge and write;
    answers come at most one a second): saving then costs at most ~10% of the
    run, and the save at the end of the run writes what is still pending.
    """

    def __init__(
        self,
        provider: Callable[..., Any] | None,
        provider_name: str,
        cache: GeocodeCache,
        query_key: Callable[[str], str],
        *,
        autosave: bool = False,
    ):
        super().__init__()
        self.provider = provider
        self.provider_name = provider_name
        self.cache = cache
        self.query_key = query_key
        self.autosave = autosave
        self._autosave_failed = False
        self._last_save_seconds = 0.0
        self._last_save_end = -math.inf

    def geocode(self, query: str, *, exactly_one: bool = True, country_codes: list[str] | None = None, **_: Any):
        params = {"country_codes": sorted(country_codes)} if country_codes else {}
        key = cache_key(self.query_key(query), self.provider_name, params)
        results = self.cache.get(key)
        if results is None:
            if self.provider is None:
                return None  # cache-only: a miss is "not asked", never a cached "not found"
            # Exceptions propagate: a failure is not an answer and is not cached.
            try:
                answer = self.provider(query, exactly_one=False, **params)
            except NotAsked:
                return None
            results = [location.raw for location in (answer or [])]
            self.cache.put(key, query, self.provider_name, params, results)
            if self.autosave:
                self._save_now()
        locations = [location_from_raw(raw) for raw in results]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def _save_now(self) -> None:
        if time.monotonic() - self._last_save_end < 10 * self._last_save_seconds:
            return  # pending until a later answer or the end of the run
        started = time.monotonic()
        try:
            self.cache.save()
            self._last_save_end = time.monotonic()
            self._last_save_seconds = self._last_save_end - started
        except (OSError, MapperError) as error:
            # The answers stay in memory; the save at the end of the run tries again.
            if not self._autosave_failed:
                self.cache._warn("W306", f"could not save online answers as they came ({error}); "
                                         "they are kept for the save at the end of the run")
            self._autosave_failed = True


def location_from_raw(raw: dict) -> Location:
    """Rebuild a geopy Location from a cached raw answer (ours or Nominatim's)."""
    latitude, longitude = raw.get("latitude", raw.get("lat")), raw.get("longitude", raw.get("lon"))
    if latitude is None or longitude is None:  # result_problem keeps such answers out of the cache
        raise CacheError(f"a cached answer has no coordinates (fields: {', '.join(sorted(map(str, raw)))})")
    latitude, longitude = float(latitude), float(longitude)
    address = raw.get("address_line") or raw.get("display_name") or raw.get("name") or ""
    return Location(address, (latitude, longitude), raw)
