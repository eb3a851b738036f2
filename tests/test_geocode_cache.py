"""The fixed cache: round trip, stable bytes, atomic writes, merging, corruption."""

import json
import os

import pytest
from geopy.location import Location

from mapper.diagnostics import Diagnostics
from mapper.geocode.cache import CachedGeocoder, GeocodeCache, cache_key
from mapper.geocode.names import fold


class CountingProvider:
    def __init__(self, answers):
        self.answers = answers
        self.calls = []

    def __call__(self, query, exactly_one=False, **params):  # noqa: ARG002 (a provider's signature)
        self.calls.append((query, params))
        return [Location(r["name"], (r["latitude"], r["longitude"]), r) for r in self.answers.get(query, [])]


LATAKIA = {"name": "Latakia", "latitude": 35.53125, "longitude": 35.79088, "geonameid": 173576, "country_code": "SY"}


def test_round_trip_returns_the_same_location_without_asking_again(tmp_path):
    path = tmp_path / "geocache.json"
    provider = CountingProvider({"Latakia": [LATAKIA]})
    writer = CachedGeocoder(provider, "geonames", GeocodeCache(path), fold)
    first = writer.geocode("Latakia")
    assert writer.cache.save() is True

    reread = CachedGeocoder(CountingProvider({}), "geonames", GeocodeCache(path), fold)
    again = reread.geocode("Latakia")
    assert (again.latitude, again.longitude) == (first.latitude, first.longitude) == (35.53125, 35.79088)
    assert again.raw == LATAKIA
    assert reread.provider.calls == []  # answered from the file
    assert json.loads(path.read_text())["entries"][cache_key(fold("Latakia"), "geonames")]["query"] == "Latakia"


def test_query_spelling_variants_share_one_entry(tmp_path):
    provider = CountingProvider({"Al-Janoudiya": []})
    cached = CachedGeocoder(provider, "geonames", GeocodeCache(tmp_path / "c.json"), fold)
    cached.geocode("Al-Janoudiya")
    cached.geocode("al Janoudiya")
    assert len(provider.calls) == 1


def test_file_is_sorted_json_and_identical_whatever_the_insertion_order(tmp_path):
    a, b = GeocodeCache(tmp_path / "a.json"), GeocodeCache(tmp_path / "b.json")
    entries = [("geonames|zzz|{}", "Zzz"), ("geonames|aaa|{}", "Aaa"), ("nominatim|mmm|{}", "Mmm")]
    for key, query in entries:
        a.put(key, query, key.split("|")[0], {}, [])
    for key, query in reversed(entries):
        b.put(key, query, key.split("|")[0], {}, [])
    a.save(), b.save()
    text = (tmp_path / "a.json").read_bytes()
    assert text == (tmp_path / "b.json").read_bytes()
    keys = list(json.loads(text)["entries"])
    assert keys == sorted(keys)
    assert b"pickle" not in text and text.startswith(b"{")


def test_saving_unchanged_cache_does_not_touch_the_file(tmp_path):
    path = tmp_path / "geocache.json"
    cache = GeocodeCache(path)
    cache.put("geonames|x|{}", "X", "geonames", {}, [])
    assert cache.save() is True
    before = path.stat().st_mtime_ns
    again = GeocodeCache(path)
    again.put("geonames|x|{}", "X", "geonames", {}, [])  # same answer
    assert again.save() is False
    assert path.stat().st_mtime_ns == before


def test_failed_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "geocache.json"
    cache = GeocodeCache(path)
    cache.put("geonames|x|{}", "X", "geonames", {}, [])
    cache.save()
    before = path.read_bytes()

    def broken_replace(_src, _dst):
        raise OSError("disk full")

    cache.put("geonames|y|{}", "Y", "geonames", {}, [])
    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        cache.save()
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_two_writers_keep_both_entries(tmp_path):
    path = tmp_path / "geocache.json"
    first, second = GeocodeCache(path), GeocodeCache(path)  # both loaded an empty cache
    first.put("geonames|a|{}", "A", "geonames", {}, [])
    second.put("geonames|b|{}", "B", "geonames", {}, [])
    first.save()
    second.save()
    assert set(json.loads(path.read_text())["entries"]) == {"geonames|a|{}", "geonames|b|{}"}


def test_corrupt_cache_is_moved_aside_with_its_bytes_and_named(tmp_path):
    path = tmp_path / "geocache.json"
    path.write_bytes(b'{"entries": {"half a file')
    found = Diagnostics()
    cache = GeocodeCache(path, on_warning=found.add)
    assert len(cache) == 0
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("geocache.json.corrupt-")]
    assert len(kept) == 1 and kept[0].read_bytes() == b'{"entries": {"half a file'
    [problem] = found
    assert (problem.code, problem.path) == ("W301", str(path)) and kept[0].name in problem.message
