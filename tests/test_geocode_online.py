"""Online geocoding (Nominatim) against a local fake server: never the real service."""

import pytest
from geopy.exc import GeocoderParseError, GeocoderServiceError

from mapper.errors import ConfigurationError
from mapper.geocode.cache import CachedGeocoder, GeocodeCache
from mapper.geocode.names import fold
from mapper.geocode.online import nominatim_precision, nominatim_provider, user_agent_from

from fake_nominatim import FakeNominatim, place

AGENT = "mapper-tests/0.1 (tests@example.org)"


def provider(fake, sleeps):
    ask = nominatim_provider(AGENT, domain=fake.domain, scheme="http", timeout=1, sleep=sleeps.append)
    return ask


def test_refuses_to_run_without_a_user_agent(monkeypatch):
    monkeypatch.delenv("MAPPER_USER_AGENT", raising=False)
    with pytest.raises(ConfigurationError, match="user agent"):
        user_agent_from(None)
    with pytest.raises(ConfigurationError):
        user_agent_from("python-requests/2.31")
    monkeypatch.setenv("MAPPER_USER_AGENT", AGENT)
    assert user_agent_from(None) == AGENT


def test_sends_user_agent_country_bias_and_parses_answer():
    with FakeNominatim([(200, {}, [place("Tuwaym", 35.1, 36.2, osm_id=42)])]) as fake:
        found = provider(fake, [])("Tuwaym", exactly_one=False, country_codes=["sy"])
    assert fake.requests[0]["headers"]["User-Agent"] == AGENT
    assert fake.requests[0]["query"]["countrycodes"] == "sy"
    assert fake.requests[0]["query"]["q"] == "Tuwaym"
    assert [(loc.latitude, loc.longitude) for loc in found] == [(35.1, 36.2)]
    assert found[0].raw["osm_id"] == 42
    assert nominatim_precision(found[0].raw) == 1


def test_retries_429_honouring_retry_after_then_succeeds():
    script = [(429, {"Retry-After": "7"}, []), (200, {}, [place("Tuwaym", 35.1, 36.2)])]
    sleeps = []
    with FakeNominatim(script) as fake:
        found = provider(fake, sleeps)("Tuwaym", exactly_one=False)
    assert len(fake.requests) == 2
    assert found[0].latitude == 35.1
    assert 7 in sleeps  # waited what the server asked, not less


def test_retries_5xx_with_growing_backoff_then_gives_up():
    sleeps = []
    with FakeNominatim([(503, {}, {"error": "busy"})]) as fake:
        with pytest.raises(GeocoderServiceError):
            provider(fake, sleeps)("Tuwaym", exactly_one=False)
    assert len(fake.requests) == 4
    backoffs = [s for s in sleeps if s >= 2]
    assert backoffs == sorted(backoffs) and len(backoffs) == 3 and backoffs[-1] > backoffs[0]


def test_rate_limiter_spaces_requests_at_least_one_second():
    sleeps = []
    with FakeNominatim([(200, {}, [place("A", 1, 1)])]) as fake:
        ask = provider(fake, sleeps)
        ask("A", exactly_one=False)
        ask("B", exactly_one=False)
    # geopy's RateLimiter asked to sleep (almost) a full second before the 2nd call.
    assert any(0.5 < s <= 1.0 for s in sleeps)


def test_timeout_is_retried_and_reported_not_cached(tmp_path):
    cache = GeocodeCache(tmp_path / "geocache.json")
    with FakeNominatim(["hang"]) as fake:
        cached = CachedGeocoder(provider(fake, []), "nominatim", cache, fold)
        with pytest.raises(GeocoderServiceError):
            cached.geocode("Tuwaym", exactly_one=False)
    assert len(fake.requests) == 4
    assert len(cache) == 0  # a failure is not an answer


def test_malformed_json_is_an_error_not_a_not_found(tmp_path):
    cache = GeocodeCache(tmp_path / "geocache.json")
    with FakeNominatim([(200, {}, b"{not json")]) as fake:
        cached = CachedGeocoder(provider(fake, []), "nominatim", cache, fold)
        with pytest.raises(GeocoderParseError):
            cached.geocode("Tuwaym")
    assert len(cache) == 0


def test_not_found_is_cached_and_not_asked_again(tmp_path):
    cache = GeocodeCache(tmp_path / "geocache.json")
    with FakeNominatim([(200, {}, [])]) as fake:
        cached = CachedGeocoder(provider(fake, []), "nominatim", cache, fold)
        assert cached.geocode("Nowhereville") is None
        assert cached.geocode("Nowhereville") is None
    assert len(fake.requests) == 1
    assert cache.save() is True
    assert GeocodeCache(tmp_path / "geocache.json").get(next(iter(cache._entries))) == []


def test_connection_refused_is_retried_then_raised():
    with FakeNominatim([(200, {}, [])]) as fake:
        domain = fake.domain  # the server is closed when the block ends
    sleeps = []
    ask = nominatim_provider(AGENT, domain=domain, scheme="http", timeout=1, sleep=sleeps.append)
    with pytest.raises(GeocoderServiceError, match="refused"):
        ask("Tuwaym", exactly_one=False)
    assert len([s for s in sleeps if s >= 2]) == 3
