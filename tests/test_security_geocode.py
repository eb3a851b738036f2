"""Red-team cases for the geocode cache and Nominatim answers (issue #9).

Each hostile or broken input is named and survived: a poisoned cache entry is
ignored (asked again), a bad Nominatim result is dropped, a redirect to
another host is refused, a dead server is given up on, answers already
received are saved, and a bad --nominatim-url is refused up front.
"""

import csv
import json
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from geopy.exc import GeopyError
from geopy.location import Location

from mapper.cli import cli
from mapper.diagnostics import Diagnostics
from mapper.geocode.cache import CachedGeocoder, GeocodeCache, cache_key
from mapper.geocode.chain import gazetteer_provider_name
from mapper.geocode.names import fold
from mapper.geocode.online import nominatim_provider

from fake_nominatim import FakeNominatim, many_places, place, redirect_to

ROOT = Path(__file__).resolve().parent.parent
AGENT = "mapper-tests/0.1 (tests@example.org)"

GOOD_KEY = cache_key("latakia", "geonames")
GOOD = {"name": "Latakia", "latitude": 35.53125, "longitude": 35.79088, "geonameid": 173576, "country_code": "SY"}
BAD_KEY = cache_key("tuwaim", "geonames")


def candidate(**changes):
    raw = {"name": "Tuwaym", "latitude": 35.1, "longitude": 36.2, "geonameid": 1, "country_code": "SY"}
    raw.update(changes)
    return raw


def entry_json(results_json: str) -> str:
    return '{"params": {}, "provider": "geonames", "query": "Tuwaym", "results": %s}' % results_json


def cache_text(bad_entry_json: str) -> str:
    """A cache file with one good entry and one hand-written (possibly non-standard) bad one."""
    good = json.dumps({"params": {}, "provider": "geonames", "query": "Latakia", "results": [GOOD]})
    return '{"entries": {%s: %s, %s: %s}, "format": "mapper-geocache", "version": 1}\n' % (
        json.dumps(GOOD_KEY), good, json.dumps(BAD_KEY), bad_entry_json)


DEEP = 100_000
POISONED_ENTRIES = {
    # case: (entry as JSON text, words the warning must give as the reason)
    "latitude NaN": (entry_json('[{"name": "Tuwaym", "latitude": NaN, "longitude": 36.2}]'), "latitude nan is not finite"),
    "latitude Infinity": (entry_json('[{"name": "Tuwaym", "latitude": Infinity, "longitude": 36.2}]'), "not finite"),
    "latitude 1e308": (entry_json(json.dumps([candidate(latitude=1e308)])), "latitude 1e+308 is out of range"),
    "latitude 95": (entry_json(json.dumps([candidate(latitude=95)])), "latitude 95 is out of range"),
    "longitude 500": (entry_json(json.dumps([candidate(longitude=500)])), "longitude 500 is out of range"),
    "latitude 'abc'": (entry_json(json.dumps([candidate(latitude="abc")])), "latitude 'abc' is not a number"),
    "latitude null": (entry_json(json.dumps([candidate(latitude=None)])), "no coordinates"),
    "entry is a list": (json.dumps([candidate()]), "not an object"),
    "candidate is a list": (entry_json(json.dumps([[35.1, 36.2]])), "not an object"),
    "no results key": ('{"query": "Tuwaym", "provider": "geonames"}', "no 'results' list"),
    "results not a list": (entry_json('"Tuwaym"'), "no 'results' list"),
    "population not a number": (entry_json(json.dumps([candidate(population="many")])), "population"),
    "country code not text": (entry_json(json.dumps([candidate(country_code=["SY"])])), "country_code"),
    "lone surrogate in a name": (entry_json('[{"name": "Tuw\\ud800aym", "latitude": 35.1, "longitude": 36.2}]'),
                                 "lone surrogate"),
    "nested 100,000 levels": (entry_json("[" * DEEP + "]" * DEEP), "nested"),
    "nested 500 levels": (entry_json('[{"latitude": 1, "longitude": 1, "x": %s}]' % ("[" * 500 + "]" * 500)), "nested"),
}


class CountingProvider:
    def __init__(self, answers=None):
        self.answers = answers or {}
        self.calls = []

    def __call__(self, query, exactly_one=False, **params):  # noqa: ARG002 (a provider's signature)
        self.calls.append(query)
        return [Location(r["name"], (r["latitude"], r["longitude"]), r) for r in self.answers.get(query, [])]


# -- 1. poisoned cache entries -------------------------------------------------

@pytest.mark.parametrize("case", list(POISONED_ENTRIES))
def test_poisoned_cache_entry_is_named_ignored_and_asked_again(tmp_path, case):
    entry, reason = POISONED_ENTRIES[case]
    path = tmp_path / "geocache.json"
    path.write_text(cache_text(entry), encoding="utf-8")
    warnings = Diagnostics()
    cache = GeocodeCache(path, on_warning=warnings.add)

    named = [w for w in warnings.lines() if BAD_KEY in w]
    assert len(named) == 1, warnings
    code = "W303" if case.startswith("nested") else "W302"
    assert named[0].startswith(f"{code} {path}: entry ") and reason in named[0]
    assert ("dropped" if case.startswith("nested") else "ignored") in named[0]
    assert not list(tmp_path.glob("geocache.json.corrupt-*")) or case.startswith("nested")  # the file is kept
    assert cache.get(GOOD_KEY) == [GOOD]  # the rest of the cache is used
    assert cache.get(BAD_KEY) is None  # the bad entry is a miss...

    asked = CountingProvider({"Tuwaym": [candidate()]})
    geocoder = CachedGeocoder(asked, "geonames", cache, fold)
    assert geocoder.geocode("Latakia").latitude == 35.53125
    found = geocoder.geocode("Tuwaym")
    assert asked.calls == ["Tuwaym"] and found.latitude == 35.1  # ...asked again, and answered

    cache.save()  # the saved file is UTF-8 JSON again, the good entry kept
    saved = json.loads(path.read_text(encoding="utf-8"))["entries"]
    assert saved[GOOD_KEY]["results"] == [GOOD] and saved[BAD_KEY]["results"] == [candidate()]


def test_bad_entries_not_asked_again_are_kept_in_the_file_byte_for_byte_when_saving(tmp_path):
    # Keeping the user's bytes: a hand-edited entry with a typo (latitude 95, a
    # lone surrogate) stays in the file for the analyst to fix; only a fresh
    # answer for the same key replaces it.
    path = tmp_path / "geocache.json"
    path.write_text(cache_text(POISONED_ENTRIES["lone surrogate in a name"][0]), encoding="utf-8")
    cache = GeocodeCache(path)
    cache.put(cache_key("jabla", "geonames"), "Jableh", "geonames", {}, [candidate(name="Jableh")])
    assert cache.save() is True
    text = path.read_text(encoding="utf-8")  # would raise if a raw surrogate had been written
    assert "Tuw\\ud800aym" in text
    assert GeocodeCache(path).get(BAD_KEY) is None  # still named and ignored next time


def test_too_deep_entry_is_dropped_and_the_original_bytes_are_kept_aside(tmp_path):
    path = tmp_path / "geocache.json"
    original = cache_text(POISONED_ENTRIES["nested 100,000 levels"][0])
    path.write_text(original, encoding="utf-8")
    warnings = Diagnostics()
    cache = GeocodeCache(path, on_warning=warnings.add)
    assert cache.get(GOOD_KEY) == [GOOD]
    kept = list(tmp_path.glob("geocache.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == original
    assert any(kept[0].name in w for w in warnings.messages())
    cache.save()
    assert set(json.loads(path.read_text(encoding="utf-8"))["entries"]) == {GOOD_KEY}


def test_offline_a_poisoned_nominatim_entry_is_not_served_and_not_asked(tmp_path):
    path = tmp_path / "geocache.json"
    key = cache_key("tuwaim", "nominatim")
    path.write_text(json.dumps({"entries": {key: {"query": "Tuwaym", "provider": "nominatim", "params": {},
                                                   "results": [place("Tuwaym", 95, 36.2)]}}}), encoding="utf-8")
    warnings = Diagnostics()
    cache_only = CachedGeocoder(None, "nominatim", GeocodeCache(path, on_warning=warnings.add), fold)
    assert cache_only.geocode("Tuwaym") is None
    assert any(key in w and "latitude '95' is out of range" in w for w in warnings.messages())


def workdir(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    seed = next((ROOT / "seeds").glob("*.txt"))
    shutil.copy(seed, seeds / seed.name)
    shutil.copy(seed.with_name(seed.stem + ".meta.json"), seeds)
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "places_overrides.csv", tmp_path / "data")
    return tmp_path


def build(folder, *extra):
    return CliRunner().invoke(cli, ["build", "--seeds", str(folder / "seeds"), "--data", str(folder / "data"),
                                    "--maps", str(folder / "maps"), "--workers", "1", *extra])


def test_build_with_every_kind_of_poisoned_entry_names_them_and_maps_the_rest(tmp_path):
    folder = workdir(tmp_path)
    provider = gazetteer_provider_name()  # the committed seed entries, keyed by this gazetteer's version
    entries = json.loads((ROOT / "data" / "geocache.json").read_text(encoding="utf-8"))["entries"]
    poison = {
        "latakia": POISONED_ENTRIES["latitude 95"][0],
        "baniyas": POISONED_ENTRIES["latitude NaN"][0],
        "jabla": POISONED_ENTRIES["lone surrogate in a name"][0],
        "damascus": POISONED_ENTRIES["nested 100,000 levels"][0],
        "syria": POISONED_ENTRIES["entry is a list"][0],
    }
    poisoned = {cache_key(name, provider): entry for name, entry in poison.items()}
    members = [f"{json.dumps(key)}: {poisoned.get(key) or json.dumps(entry)}" for key, entry in sorted(entries.items())]
    text = '{"entries": {%s}, "format": "mapper-geocache", "version": 1}\n' % ", ".join(members)
    (folder / "data" / "geocache.json").write_text(text, encoding="utf-8")

    result = build(folder)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    for name in poison:
        assert f"entry '{cache_key(name, provider)}' ignored" in result.output or \
               f"entry '{cache_key(name, provider)}' dropped" in result.output, name
    places = {row["place"]: row for row in csv.DictReader(open(folder / "data" / "places.csv", encoding="utf-8"))}
    assert places["Latakia"]["latitude"] == "35.53125"  # asked the gazetteer again
    assert places["Baniyas"]["latitude"] == "35.18188"
    assert "\ufffd" not in places["Jableh"]["matched_name"] and places["Jableh"]["latitude"] == "35.36211"
    assert places["Damascus"]["latitude"] == "33.51020"
    assert (folder / "maps" / "incident_map.html").exists()
    saved = json.loads((folder / "data" / "geocache.json").read_text(encoding="utf-8"))["entries"]
    assert saved[cache_key("france", provider)] == entries[cache_key("france", provider)]  # the rest kept


# -- 2. Nominatim answers validated ---------------------------------------------

def ask(fake, warnings, **options):
    provider = nominatim_provider(AGENT, domain=fake.domain, scheme="http", timeout=options.pop("timeout", 1),
                                  sleep=lambda _seconds: None, on_warning=warnings.add, **options)
    stop_the_clock(provider)
    return provider


def stop_the_clock(provider):
    """Let the RateLimiter's 1 s spacing pass without waiting (it busy-waits on a real clock otherwise)."""
    limiter, waited = provider.breaker.func, []
    limiter._sleep = waited.append
    limiter._clock = lambda: time.monotonic() + sum(waited)


def bad(**changes):
    raw = place("Bad", 35.0, 36.0, osm_id=2)
    raw.update(changes)
    return {k: v for k, v in raw.items() if v is not ...}


@pytest.mark.parametrize("result,reason", [
    (bad(lat="95"), "latitude '95' is out of range"),
    (bad(lon="500"), "longitude '500' is out of range"),
    (bad(lat="NaN"), "latitude 'NaN' is not finite"),
    (bad(lat=..., lon=...), "no coordinates"),
    (bad(lat="abc"), "latitude 'abc' is not a number"),
    (bad(lat=[35]), "latitude [35] is not a number"),
    (bad(display_name={"x": 1}), "display_name"),
    ("a string", "not an object"),
])
def test_nominatim_result_with_bad_coordinates_is_dropped_and_named(result, reason):
    warnings = Diagnostics()
    good = place("Tuwaym", 35.1, 36.2, osm_id=1)
    with FakeNominatim([(200, {}, [good, result])]) as fake:
        found = ask(fake, warnings)("Tuwaym", exactly_one=False)
    assert [(loc.latitude, loc.longitude) for loc in found] == [(35.1, 36.2)]
    [warning] = warnings
    assert warning.code == "W311"
    assert warning.message.startswith("Nominatim answer for 'Tuwaym': result 2 dropped: ") and reason in warning.message


def test_nominatim_answer_with_only_bad_results_is_an_error_not_a_cached_not_found(tmp_path):
    cache = GeocodeCache(tmp_path / "geocache.json")
    warnings = Diagnostics()
    with FakeNominatim([(200, {}, [bad(lat="95")])]) as fake:
        cached = CachedGeocoder(ask(fake, warnings), "nominatim", cache, fold)
        with pytest.raises(GeopyError, match="no usable result"):
            cached.geocode("Tuwaym", exactly_one=False)
    assert len(fake.requests) == 1  # not retried: the server will say the same again
    assert len(cache) == 0


def test_huge_nominatim_answer_is_cut_to_the_number_asked_for_before_caching(tmp_path):
    cache = GeocodeCache(tmp_path / "geocache.json")
    warnings = Diagnostics()
    with FakeNominatim([(200, {}, many_places(60_000))]) as fake:
        cached = CachedGeocoder(ask(fake, warnings), "nominatim", cache, fold)
        found = cached.geocode("Tuwaym", exactly_one=False)
    asked_for = int(fake.requests[0]["query"]["limit"])
    assert len(found) == asked_for == 10
    assert len(cache.get(cache_key("tuwaim", "nominatim"))) == asked_for
    assert any("60000 results" in w and "kept the first 10" in w for w in warnings.messages())


def test_nominatim_answer_over_16_mib_is_not_read():
    body = json.dumps([place("Tuwaym", 35.1, 36.2, state="x" * 2**20)] * 17).encode()
    with FakeNominatim([(200, {}, body)]) as fake:
        with pytest.raises(GeopyError, match="larger than 16 MiB"):
            ask(fake, Diagnostics())("Tuwaym", exactly_one=False)


def test_lone_surrogate_in_a_nominatim_name_is_replaced_and_never_breaks_writing(tmp_path):
    body = json.dumps([place("Tuwaym", 35.1, 36.2)]).replace('"Tuwaym, ', '"Tuw\\ud800aym, ').encode()
    cache = GeocodeCache(tmp_path / "geocache.json")
    warnings = Diagnostics()
    with FakeNominatim([(200, {}, body)]) as fake:
        found = CachedGeocoder(ask(fake, warnings), "nominatim", cache, fold).geocode("Tuwaym")
    assert found.raw["display_name"].startswith("Tuw\ufffdaym")
    assert any("lone surrogate" in w for w in warnings.messages())
    assert cache.save() is True
    (tmp_path / "geocache.json").read_text(encoding="utf-8")
    (tmp_path / "out.csv").write_text(found.raw["display_name"], encoding="utf-8")


def test_deeply_nested_nominatim_answer_is_a_parse_error_not_a_crash():
    body = ("[" * DEEP + "]" * DEEP).encode()
    with FakeNominatim([(200, {}, body)]) as fake:
        with pytest.raises(GeopyError, match="nested too deeply"):
            ask(fake, Diagnostics())("Tuwaym", exactly_one=False)


def test_redirect_to_another_host_is_refused_and_reported_not_followed():
    with FakeNominatim([(200, {}, [place("Elsewhere", 1, 1)])]) as other:
        # 'localhost' vs '127.0.0.1': another host name, as a hostile redirect would be.
        target = f"http://localhost:{other.server.server_address[1]}/search?q=x"
        with FakeNominatim([redirect_to(target)]) as fake:
            with pytest.raises(GeopyError, match="redirected to another host") as raised:
                ask(fake, Diagnostics())("Tuwaym", exactly_one=False)
    assert other.requests == []
    assert len(fake.requests) == 1  # refused at once, not retried
    assert "localhost" in str(raised.value)


def test_redirect_on_the_same_host_is_still_followed():
    with FakeNominatim([(200, {}, [place("Tuwaym", 35.1, 36.2)])]) as fake:
        fake.responses.insert(0, redirect_to(f"{fake.url}/search-moved?q=Tuwaym&format=json"))
        found = ask(fake, Diagnostics())("Tuwaym", exactly_one=False)
    assert [r["path"] for r in fake.requests] == ["/search", "/search-moved"]
    assert found[0].latitude == 35.1


def ask_all(provider, cache, names):
    cached = CachedGeocoder(provider, "nominatim", cache, fold)
    failures = []
    for name in names:
        try:
            cached.geocode(name, exactly_one=False)
        except GeopyError as error:
            failures.append(str(error))
    return failures


NAMES = [f"Unknown {index}" for index in range(20)]


def test_circuit_breaker_stops_asking_a_server_that_hangs_and_says_so_once(tmp_path):
    cache = GeocodeCache(tmp_path / "geocache.json")
    with FakeNominatim(["hang"]) as fake:
        provider = ask(fake, Diagnostics(), timeout=0.2)
        failures = ask_all(provider, cache, NAMES)
    assert len(fake.requests) == 5  # 4 attempts for the first name, 1 for the second, then none
    assert len(failures) == 1  # the first name's own failure; the rest are covered by one note
    notes = provider.notes()
    assert len(notes) == 1 and notes[0].code == "W312"
    assert f"Nominatim at {fake.url} stopped answering after 5 failed requests" in notes[0].message
    assert "18 more names not asked" in notes[0].message
    assert len(cache) == 0  # nothing cached as "not found"


def test_circuit_breaker_stops_asking_a_server_that_refuses_connections(tmp_path):
    with FakeNominatim([(200, {}, [])]) as fake:
        domain = fake.domain  # closed when the block ends: every connection is refused
    calls = []
    provider = nominatim_provider(AGENT, domain=domain, scheme="http", timeout=1, sleep=calls.append)
    stop_the_clock(provider)
    failures = ask_all(provider, GeocodeCache(tmp_path / "geocache.json"), NAMES)
    assert len(failures) == 1 and "refused" in failures[0]
    assert len([seconds for seconds in calls if seconds >= 2]) == 3  # one name's backoff, not twenty
    assert "18 more names not asked" in provider.notes()[0].message


def test_circuit_breaker_counts_refused_redirects_and_any_answer_resets_it(tmp_path):
    script = [redirect_to("http://localhost:1/search")] * 4 + [(200, {}, [])] + [redirect_to("http://localhost:1/")]
    with FakeNominatim(script) as fake:
        provider = ask(fake, Diagnostics())
        failures = ask_all(provider, GeocodeCache(tmp_path / "geocache.json"), NAMES)
    # 4 refused, one answer (resets), then 5 refused in a row: stop.
    assert len(fake.requests) == 10
    assert len(failures) == 8 and all("redirected to another host" in f for f in failures)
    assert "10 more names not asked" in provider.notes()[0].message


VILLAGES = """Shelling hits villages in central Syria

Gunmen killed three people in the village of Zarqawiyat on Monday, residents said.
Two civilians were killed in the village of Umm Tuwaylat on Tuesday.
Four people were killed in the village of Khirbat Balqasiyah on Wednesday.
A shell killed a child in the village of Tall Nuwayhir on Thursday.
Five fighters were killed in clashes near the village of Marj Qasrayn on Friday.
"""


def test_build_with_a_dead_server_says_once_that_it_stopped_asking_and_maps_everything(tmp_path, monkeypatch):
    import mapper.geocode.online as online

    monkeypatch.setattr(online.time, "sleep", lambda _seconds: None)  # backoff without waiting
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "villages.txt").write_text(VILLAGES, encoding="utf-8")
    with FakeNominatim([(200, {}, [])]) as fake:
        url = fake.url  # closed when the block ends: every connection is refused
    result = build(tmp_path, "--online", "--user-agent", AGENT, "--nominatim-url", url)
    assert result.exit_code == 0, result.output
    # Five unknown villages: the first fails (4 attempts), the second's first attempt stops it.
    assert result.output.count("online geocoding failed for") == 1
    assert result.output.count(f"Nominatim at {url} stopped answering after 5 failed requests") == 1
    assert "3 more names not asked" in result.output
    unresolved = list(csv.DictReader(open(tmp_path / "data" / "unresolved.csv", encoding="utf-8")))
    assert len(unresolved) == 5 and (tmp_path / "maps" / "incident_map.html").exists()


# -- 3. answers already received are kept -----------------------------------------

def test_online_answers_are_saved_as_they_arrive_so_a_later_crash_loses_none(tmp_path):
    path = tmp_path / "geocache.json"
    cache = GeocodeCache(path)

    def by_name(query):
        if query["q"] == "Tuwaym":
            return (200, {}, [place("Tuwaym", 35.1, 36.2)])
        return (200, {}, b"\x00garbage")

    with FakeNominatim([by_name]) as fake:
        provider = ask(fake, Diagnostics())

        def crashing_after_first(query, **params):
            if query != "Tuwaym":
                raise RuntimeError("the process dies here")
            return provider(query, **params)

        cached = CachedGeocoder(crashing_after_first, "nominatim", cache, fold, autosave=True)
        cached.geocode("Tuwaym")
        with pytest.raises(RuntimeError):
            cached.geocode("Unknown")
    entries = json.loads(path.read_text(encoding="utf-8"))["entries"]  # never saved explicitly
    assert entries[cache_key("tuwaim", "nominatim")]["results"][0]["lat"] == "35.1"


def test_online_answers_are_saved_as_they_arrive_when_the_server_then_sends_garbage(tmp_path):
    path = tmp_path / "geocache.json"
    script = [(200, {}, [place("Tuwaym", 35.1, 36.2)]), (200, {}, b"{garbage")]
    with FakeNominatim(script) as fake:
        cached = CachedGeocoder(ask(fake, Diagnostics()), "nominatim", GeocodeCache(path), fold, autosave=True)
        cached.geocode("Tuwaym")
        with pytest.raises(GeopyError):
            cached.geocode("Unknown")
    assert cache_key("tuwaim", "nominatim") in json.loads(path.read_text(encoding="utf-8"))["entries"]


# -- 4. --nominatim-url checked up front ------------------------------------------

@pytest.mark.parametrize("url", [
    "localhost:8080", "file:///etc/passwd", "ftp://example.org", "http://", "garbage", "http://exa mple.org",
    "javascript:alert(1)", "http://[::1", "https://example.org:99999", "https://user:pw@example.org",
    "https://example.org/?q=x",
])
def test_bad_nominatim_url_is_refused_with_one_line_naming_it(tmp_path, url):
    result = CliRunner().invoke(cli, ["geocode", "--online", "--user-agent", AGENT, "--nominatim-url", url,
                                      "--seeds", str(tmp_path / "seeds"), "--data", str(tmp_path / "data")])
    assert result.exit_code in (1, 2) and isinstance(result.exception, SystemExit)
    assert f"--nominatim-url must be an http(s) URL with a host: {url!r}" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "data").exists()  # refused before any work


@pytest.mark.parametrize("url,scheme,domain", [
    ("https://nominatim.openstreetmap.org", "https", "nominatim.openstreetmap.org"),
    ("http://127.0.0.1:8080/", "http", "127.0.0.1:8080"),
    ("https://geo.example.org/nominatim/", "https", "geo.example.org/nominatim"),
])
def test_good_nominatim_urls_are_accepted(url, scheme, domain):
    from mapper.geocode.online import nominatim_endpoint

    assert nominatim_endpoint(url) == (scheme, domain)
