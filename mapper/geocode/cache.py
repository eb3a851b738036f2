"""The fixed geocode cache: months of partly hand-checked answers, kept safe.

``data/geocache.json`` is plain JSON with sorted keys so it diffs and reviews
well when committed. One entry per (normalised query, provider, parameters)
holds every candidate the provider returned (its ``raw`` answers), so that
disambiguation can be re-run offline, byte for byte. An empty candidate list
is a cached "not found"; failures (timeouts, errors) are never cached.

Writes are atomic and merged under a file lock: two builds at once both keep
their entries. A cache that cannot be parsed is moved aside, never dropped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any, Callable

from filelock import FileLock
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapper.errors import CacheError
from mapper.storage import write_atomic

FORMAT_VERSION = 1


def cache_key(query_key: str, provider: str, params: dict[str, Any] | None = None) -> str:
    """A stable, readable key: ``provider|query|{"param": ...}``."""
    encoded = json.dumps(params or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"{provider}|{query_key}|{encoded}"


class GeocodeCache:
    """A JSON file of provider answers, loaded once, saved atomically."""

    def __init__(self, path: str | os.PathLike, on_warning: Callable[[str], None] | None = None):
        self.path = Path(path)
        self._warn = on_warning or (lambda message: None)
        self._entries: dict[str, dict] = {}
        self._dirty = False
        self._load()

    # -- reading -------------------------------------------------------
    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
            entries = document["entries"]
            if not isinstance(entries, dict):
                raise ValueError("'entries' is not an object")
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
            moved = self._move_aside()
            self._warn(
                f"{self.path}: geocode cache is corrupt ({error}); its bytes were kept at {moved} "
                "and a new cache is being built (restore or merge it from there)"
            )
            return
        self._entries = entries

    def _move_aside(self) -> Path:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        counter = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{counter}")
            counter += 1
        try:
            os.replace(self.path, target)
        except OSError as error:
            raise CacheError(f"{self.path}: corrupt and cannot be moved aside ({error}); move it away by hand") from error
        return target

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> list[dict] | None:
        entry = self._entries.get(key)
        return None if entry is None else entry["results"]

    def put(self, key: str, query: str, provider: str, params: dict | None, results: list[dict]) -> None:
        entry = {"query": query, "provider": provider, "params": params or {}, "results": results}
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
            merged = {**on_disk, **self._entries}
            text = render_cache(merged)
            changed = not self.path.exists() or self.path.read_text(encoding="utf-8") != text
            if changed:
                write_atomic(self.path, text)
            self._entries = merged
        self._dirty = False
        return changed

    def _read_for_merge(self) -> dict:
        if not self.path.exists():
            return {}
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))["entries"]
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
            # Corrupted since we loaded it: keep those bytes too before replacing.
            self._warn(f"{self.path}: became unreadable during the run; kept at {self._move_aside()}")
            return {}


def render_cache(entries: dict[str, dict]) -> str:
    document = {"format": "mapper-geocache", "version": FORMAT_VERSION, "entries": entries}
    return json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


class CachedGeocoder(Geocoder):
    """Any geopy geocoder behind the fixed cache.

    The wrapped provider is always asked for *all* candidates, so that the
    cache holds enough to disambiguate later without asking again. With no
    provider (``None``) it answers from the cache alone: how earlier online
    answers keep serving offline runs.
    """

    def __init__(
        self,
        provider: Callable[..., Any] | None,
        provider_name: str,
        cache: GeocodeCache,
        query_key: Callable[[str], str],
    ):
        super().__init__()
        self.provider = provider
        self.provider_name = provider_name
        self.cache = cache
        self.query_key = query_key

    def geocode(self, query: str, *, exactly_one: bool = True, country_codes: list[str] | None = None, **_: Any):
        params = {"country_codes": sorted(country_codes)} if country_codes else {}
        key = cache_key(self.query_key(query), self.provider_name, params)
        results = self.cache.get(key)
        if results is None and self.provider is None:
            return None  # cache-only: a miss is "not asked", never a cached "not found"
        if results is None:
            # Exceptions propagate: a failure is not an answer and is not cached.
            answer = self.provider(query, exactly_one=False, **params)
            results = [location.raw for location in (answer or [])]
            self.cache.put(key, query, self.provider_name, params, results)
        locations = [location_from_raw(raw) for raw in results]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None


def location_from_raw(raw: dict) -> Location:
    """Rebuild a geopy Location from a cached raw answer (ours or Nominatim's)."""
    latitude = float(raw.get("latitude", raw.get("lat")))
    longitude = float(raw.get("longitude", raw.get("lon")))
    address = raw.get("address_line") or raw.get("display_name") or raw.get("name") or ""
    return Location(address, (latitude, longitude), raw)
