"""Nominatim, opt-in only: polite, rate limited, retried, never cached on failure.

Nominatim's usage policy (https://operations.osmfoundation.org/policies/nominatim/)
asks for an identifying User-Agent, at most one request per second, and
caching of results. We refuse to run without a user agent, wrap the provider
in geopy's ``RateLimiter`` (1 s minimum delay) and back off on timeouts,
HTTP 429 (honouring Retry-After) and 5xx answers.

Its answers are untrusted input: each result is checked before geopy builds
a Location from it (coordinates finite and on Earth, at most the number of
results asked for, lone surrogates replaced; that is Nominatim's dialect, in
``nominatim``), a redirect to another host is refused, an answer over 16 MiB
is not read, and after 5 failed requests in a row the server is not asked
again for the rest of the run.
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
from typing import Any, Callable
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, build_opener

from geopy.adapters import URLLibAdapter
from geopy.exc import (
    GeocoderParseError,
    GeocoderQueryError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.extra.rate_limiter import RateLimiter

from mapper.diagnostics import Diagnostic, Emit, ignore
from mapper.errors import ConfigurationError, GeocodeError
from mapper.geocode.cache import NotAsked
from mapper.geocode.nominatim import (  # noqa: F401 -- re-exported: Nominatim's dialect, importable from here too
    NOMINATIM_PRECISION,
    RESULTS_ASKED,
    CheckedNominatim,
    InvalidAnswer,
    checked_results,
    nominatim_precision,
)

USER_AGENT_ENV = "MAPPER_USER_AGENT"
MIN_DELAY_SECONDS = 1.0
MAX_ANSWER_BYTES = 16 * 2**20  # ten results are a few kB; 16 MiB is no answer
FAILURES_BEFORE_STOP = 5  # failed requests in a row before the server is given up on


class RedirectRefused(GeocodeError, GeocoderServiceError):
    """The server sent us to another host (or from https to http): not followed."""


# -- the URL ------------------------------------------------------------------------

# A host name or IP address as Nominatim's would be written: no spaces, no control characters.
_HOST = re.compile(r"[A-Za-z0-9.\-]+|[0-9A-Fa-f:.]+")
_PATH = re.compile(r"[A-Za-z0-9._~/%+\-]*")


def nominatim_endpoint(url: str) -> tuple[str, str]:
    """The scheme and domain (with any path) geopy takes, from a --nominatim-url.

    'https://geo.example.org/nominatim/' -> ('https', 'geo.example.org/nominatim').
    Anything but an http(s) URL with a host is refused, naming the value:
    'localhost:8080' (no scheme), 'file:///etc/passwd', 'ftp://...', 'http://',
    credentials, a query or a port out of range.
    """
    refused = ConfigurationError(f"--nominatim-url must be an http(s) URL with a host: {url!r}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError when out of range
    except ValueError:
        raise refused from None
    if (parts.scheme not in ("http", "https") or not parts.hostname or not _HOST.fullmatch(parts.hostname)
            or "@" in parts.netloc or parts.query or parts.fragment or not _PATH.fullmatch(parts.path)):
        raise refused
    return parts.scheme, parts.netloc + parts.path.rstrip("/")


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
    # will not heal by waiting. Nor will a refused redirect or an answer whose
    # every result is invalid: the server would say the same again.
    if isinstance(error, (RedirectRefused, InvalidAnswer)):
        return False
    name = type(error).__name__
    return name not in {"GeocoderAuthenticationFailure", "GeocoderInsufficientPrivileges"}


def _server_failed(error: Exception) -> bool:
    """A failure that says the server is not answering (not one that says it answered badly)."""
    if isinstance(error, RedirectRefused):
        return True
    return isinstance(error, Backoff.RETRYABLE) and not isinstance(error, GeocoderParseError) and _transient(error)


class CircuitBreaker:
    """Stop asking a server that has stopped answering; say so once.

    A dead server costs every unknown name four timeouts and 14 s of backoff
    (~55 s a name). After ``threshold`` failed requests in a row (timeouts,
    refused connections, 5xx, 429, refused redirects) every later call raises
    ``NotAsked`` at once: those names keep their offline answer and nothing is
    cached for them. Any answer, even a bad one, resets the count.
    """

    def __init__(self, func: Callable[..., Any], *, url: str, threshold: int = FAILURES_BEFORE_STOP):
        self.func = func
        self.url = url
        self.threshold = threshold
        self.failures = 0
        self.stopped_by: Exception | None = None
        self.not_asked = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.stopped_by is not None:
            self.not_asked += 1
            raise NotAsked(self._stopped())
        try:
            result = self.func(*args, **kwargs)
        except GeocoderServiceError as error:
            if not _server_failed(error):
                self.failures = 0
                raise
            self.failures += 1
            if self.failures >= self.threshold:
                self.stopped_by = error
                raise NotAsked(self._stopped()) from error
            raise
        self.failures = 0
        return result

    def _stopped(self) -> str:
        error = self.stopped_by
        return (f"Nominatim at {self.url} stopped answering after {self.threshold} failed requests in a row "
                f"(last: {type(error).__name__}: {_short(str(error))})")

    def notes(self) -> list[Diagnostic]:
        """The one line for the summary (W312), when the breaker opened this run."""
        if self.stopped_by is None:
            return []
        return [Diagnostic("W312", "", f"{self._stopped()}; {self.not_asked} more names not asked "
                                       "(nothing cached for them, their offline answers stand; run again later)")]


# -- reading answers ------------------------------------------------------------------


def _same_host(old_url: str, new_url: str) -> bool:
    """A redirect we follow: same host and port, same scheme or http -> https. Example:
    http://geo.example.org/search -> https://geo.example.org/search is followed;
    -> http://elsewhere.example/ or https -> http is not."""
    old, new = urlsplit(old_url), urlsplit(new_url)
    defaults = {"http": 80, "https": 443}
    if new.scheme not in defaults or (old.hostname or "").lower() != (new.hostname or "").lower():
        return False
    if old.scheme == new.scheme:
        return (old.port or defaults[old.scheme]) == (new.port or defaults[new.scheme])
    return old.scheme == "http" and new.scheme == "https" and new.port in (None, 443)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return _short(f"{parts.scheme}://{parts.netloc}")


class _SameHostRedirects(HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not _same_host(req.full_url, newurl):
            raise RedirectRefused(
                f"Nominatim at {_origin(req.full_url)} redirected to another host ({_origin(newurl)}); not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class GuardedURLLibAdapter(URLLibAdapter):
    """geopy's urllib adapter that follows redirects only on the same host, reads
    at most ``MAX_ANSWER_BYTES`` and turns JSON it cannot read into a parse error."""

    def __init__(self, *, proxies, ssl_context):
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        # Same handlers (proxies, TLS context) with our redirect rule instead of urllib's.
        handlers = [h for h in self.urlopen.__self__.handlers if not isinstance(h, HTTPRedirectHandler)]
        self.urlopen = build_opener(*handlers, _SameHostRedirects()).open

    def get_text(self, url, *, timeout, headers):
        try:
            return super().get_text(url, timeout=timeout, headers=headers)
        except GeocoderServiceError as error:
            # geopy re-raises whatever urlopen raised as a plain GeocoderServiceError.
            if isinstance(error.__context__, RedirectRefused):
                raise error.__context__ from None
            raise

    def get_json(self, url, *, timeout, headers):
        text = self.get_text(url, timeout=timeout, headers=headers)
        try:
            return json.loads(text)
        except RecursionError:
            raise GeocoderParseError("the answer is nested too deeply to read") from None
        except ValueError:
            raise GeocoderParseError(f"the answer is not JSON: {_short(text)}") from None

    def _decode_page(self, page):
        try:
            body = page.read(MAX_ANSWER_BYTES + 1)
        except (socket.timeout, TimeoutError):
            raise GeocoderTimedOut("Service timed out while sending its answer") from None
        except Exception:
            raise GeocoderServiceError("Unable to read the response") from None
        if len(body) > MAX_ANSWER_BYTES:
            raise GeocoderParseError(f"the answer is larger than {MAX_ANSWER_BYTES // 2**20} MiB; not read")
        try:
            return str(body, encoding=page.headers.get_content_charset() or "utf-8")
        except (ValueError, LookupError):
            raise GeocoderParseError("Unable to decode the response bytes") from None


def _short(text: str, limit: int = 80) -> str:
    shown = repr(text)[1:-1]  # control characters and surrogates escaped
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


class NominatimProvider:
    """``geocode(query, exactly_one=False, country_codes=[...])`` with retries, spacing and a circuit breaker."""

    def __init__(self, backoff: "Backoff", breaker: CircuitBreaker):
        self.backoff = backoff
        self.breaker = breaker

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.backoff(*args, **kwargs)

    def notes(self) -> list[Diagnostic]:
        return self.breaker.notes()


def nominatim_provider(
    user_agent: str,
    *,
    domain: str = "nominatim.openstreetmap.org",
    scheme: str = "https",
    timeout: float = 10.0,
    sleep: Callable[[float], None] | None = None,
    on_warning: Emit | None = None,
    failures_before_stop: int = FAILURES_BEFORE_STOP,
) -> NominatimProvider:
    """A callable ``geocode(query, exactly_one=False, country_codes=[...])``.

    Layers, innermost first: geopy's Nominatim (answers checked), geopy's
    RateLimiter (every request at least 1 s apart), the circuit breaker
    (counts failed requests), then our Backoff (retries). ``on_warning``
    hears about results dropped from an answer (W311).
    """
    # Looked up at call time (not bound at import), so a test can stop the clock.
    sleep = sleep or (lambda seconds: time.sleep(seconds))
    warn = on_warning or ignore
    # A urllib adapter: no hidden retries inside the HTTP client, so our Backoff
    # and the RateLimiter see (and space) every single request.
    geocoder = CheckedNominatim(
        user_agent=user_agent, domain=domain, scheme=scheme, timeout=timeout,
        adapter_factory=GuardedURLLibAdapter, limit=RESULTS_ASKED,
    )

    def ask(query: str, exactly_one: bool = False, country_codes: list[str] | None = None):
        geocoder.problems = []
        found = geocoder.geocode(
            query,
            exactly_one=exactly_one,
            country_codes=country_codes or None,
            addressdetails=True,
            limit=geocoder.limit,
        )
        for problem in geocoder.problems:
            warn(Diagnostic("W311", "", f"Nominatim answer for {query!r}: {problem}"))
        return found

    limited = RateLimiter(ask, min_delay_seconds=MIN_DELAY_SECONDS, max_retries=0, swallow_exceptions=False)
    limited._sleep = sleep  # geopy's hook; lets tests run without real waiting
    breaker = CircuitBreaker(limited, url=f"{scheme}://{domain}", threshold=failures_before_stop)
    return NominatimProvider(Backoff(breaker, sleep=sleep), breaker)
