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

The file format is in ``cache_file``, the checks on entries in
``cache_checks``; here: loading, merging under the lock, saving, and
``CachedGeocoder``, which puts any provider behind the cache.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import shutil
import time
from pathlib import Path
from typing import Any, Callable

from filelock import FileLock
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapper.diagnostics import Diagnostic, Emit, ignore
from mapper.errors import CacheError, GeocodeError, MapperError
from mapper.geocode.cache_checks import (  # noqa: F401 -- re-exported: the checks stay importable from here
    MAX_ENTRY_DEPTH,
    MAX_TEXT_CHARS,
    coordinate_problem,
    entry_problem,
    nesting_depth,
    result_problem,
    shown,
    surrogate_problem,
)
from mapper.geocode.cache_file import FORMAT_VERSION, CacheContents, read_cache, render_cache  # noqa: F401
from mapper.storage import write_atomic

# Beyond this many bad entries the summary says how many more, not each.
MAX_NAMED_PROBLEMS = 20


class NotAsked(GeocodeError):
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


def _shown_key(key: str) -> str:
    return shown(key, limit=120)


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
