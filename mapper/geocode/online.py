"""Nominatim, opt-in only: polite, rate limited, retried, never cached on failure.

Nominatim's usage policy (https://operations.osmfoundation.org/policies/nominatim/)
asks for an identifying User-Agent, at most one request per second, and
caching of results. We refuse to run without a user agent, wrap the provider
in geopy's ``RateLimiter`` (1 s minimum delay) and back off on timeouts,
HTTP 429 (honouring Retry-After) and 5xx answers.
"""

from __future__ import annotations

import os
import time
from typing import Any, Callable

from geopy.exc import (
    GeocoderQueryError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.adapters import URLLibAdapter
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from mapper.errors import ConfigurationError

USER_AGENT_ENV = "MAPPER_USER_AGENT"
MIN_DELAY_SECONDS = 1.0


def user_agent_from(option: str | None) -> str:
    agent = (option or os.environ.get(USER_AGENT_ENV, "")).strip()
    if not agent:
        raise ConfigurationError(
            f"online geocoding needs a user agent that identifies you: pass --user-agent "
            f"'yourproject/1.0 (you@example.org)' or set {USER_AGENT_ENV} (Nominatim usage policy)"
        )
    if agent.lower().startswith(("python", "geopy", "mozilla")):
        raise ConfigurationError(f"user agent {agent!r} is a library default, not an identification of you")
    return agent


class Backoff:
    """Retry a geocode call on transient faults, with exponential backoff.

    Query errors (HTTP 400) and authentication problems are not transient
    and are raised at once. ``sleep`` is injectable so tests do not wait.
    """

    RETRYABLE = (GeocoderTimedOut, GeocoderUnavailable, GeocoderRateLimited, GeocoderServiceError)

    def __init__(
        self,
        func: Callable[..., Any],
        *,
        attempts: int = 4,
        base_delay: float = 2.0,
        max_delay: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.func = func
        self.attempts = attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.sleep = sleep
        self.retries = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        for attempt in range(self.attempts):
            try:
                return self.func(*args, **kwargs)
            except GeocoderQueryError:
                raise
            except self.RETRYABLE as error:
                if attempt == self.attempts - 1 or not _transient(error):
                    raise
                delay = min(self.max_delay, self.base_delay * 2**attempt)
                retry_after = getattr(error, "retry_after", None)
                if retry_after:
                    delay = min(self.max_delay, max(delay, float(retry_after)))
                self.retries += 1
                self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover


def _transient(error: Exception) -> bool:
    # geopy maps 401/403 to subclasses of GeocoderServiceError as well; those
    # will not heal by waiting.
    name = type(error).__name__
    return name not in {"GeocoderAuthenticationFailure", "GeocoderInsufficientPrivileges"}


def nominatim_provider(
    user_agent: str,
    *,
    domain: str = "nominatim.openstreetmap.org",
    scheme: str = "https",
    timeout: float = 10.0,
    sleep: Callable[[float], None] | None = None,
) -> Callable[..., Any]:
    """A callable ``geocode(query, exactly_one=False, country_codes=[...])``.

    Layers, innermost first: geopy's Nominatim, our Backoff (retries), then
    geopy's RateLimiter so that retries are also spaced at least 1 s apart.
    """
    # Looked up at call time (not bound at import), so a test can stop the clock.
    sleep = sleep or (lambda seconds: time.sleep(seconds))
    # URLLibAdapter: no hidden retries inside the HTTP client, so our Backoff
    # and the RateLimiter see (and space) every single request.
    geocoder = Nominatim(
        user_agent=user_agent, domain=domain, scheme=scheme, timeout=timeout, adapter_factory=URLLibAdapter
    )

    def ask(query: str, exactly_one: bool = False, country_codes: list[str] | None = None):
        return geocoder.geocode(
            query,
            exactly_one=exactly_one,
            country_codes=country_codes or None,
            addressdetails=True,
            limit=10,
        )

    limited = RateLimiter(ask, min_delay_seconds=MIN_DELAY_SECONDS, max_retries=0, swallow_exceptions=False)
    limited._sleep = sleep  # geopy's hook; lets tests run without real waiting
    return Backoff(limited, sleep=sleep)


# Nominatim's addresstype -> ACLED geo_precision
NOMINATIM_PRECISION = {
    "city": 1, "town": 1, "village": 1, "hamlet": 1, "suburb": 1, "neighbourhood": 1,
    "quarter": 1, "aeroway": 1, "military": 1, "municipality": 2, "county": 2,
    "district": 2, "state_district": 3, "state": 3, "region": 3, "province": 3, "country": 3,
}


def nominatim_precision(raw: dict) -> int:
    kind = raw.get("addresstype") or raw.get("type") or ""
    return NOMINATIM_PRECISION.get(kind, 2)
