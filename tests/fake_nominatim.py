"""A local fake Nominatim (loopback only) that answers from a script of responses."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class FakeNominatim:
    """Serves ``/search``; each request pops the next scripted response.

    A response is (status, headers, body), the string "hang" (no answer
    until the client times out), ("sleep", seconds, response) (answer late),
    or a function of the request's query parameters returning a response
    (to answer each name differently). When the script runs out, the last
    response repeats. Every request's query parameters and headers are kept.
    """

    def __init__(self, responses):
        self.responses = list(responses)
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server API)
                query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                fake.requests.append({"path": urlsplit(self.path).path, "query": query, "headers": dict(self.headers)})
                response = fake.responses.pop(0) if len(fake.responses) > 1 else fake.responses[0]
                if callable(response):
                    response = response(query)
                if isinstance(response, tuple) and response[0] == "sleep":
                    time.sleep(response[1])
                    response = response[2]
                if response == "hang":
                    fake.release.wait(5)
                    return
                status, headers, body = response
                payload = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.release = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.server.server_address[1]}"

    @property
    def url(self) -> str:
        return f"http://{self.domain}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def place(name, lat, lon, *, osm_id=1, addresstype="village", country_code="sy", state="Latakia Governorate"):
    """One Nominatim jsonv2 search result, as the real service shapes it."""
    return {
        "place_id": osm_id * 10,
        "osm_type": "node",
        "osm_id": osm_id,
        "lat": str(lat),
        "lon": str(lon),
        "name": name,
        "display_name": f"{name}, {state}, Syria",
        "addresstype": addresstype,
        "type": addresstype,
        "class": "place",
        "importance": 0.3,
        "address": {"village": name, "state": state, "country": "Syria", "country_code": country_code},
    }


def many_places(count):
    """An answer with ``count`` results (a hostile or broken server ignoring ``limit``)."""
    return [{"osm_type": "node", "osm_id": index + 1, "lat": "35.1", "lon": "36.2", "display_name": f"Place {index}"}
            for index in range(count)]


def redirect_to(url, status=302):
    """A redirect answer: where the client goes next is the question."""
    return (status, {"Location": url}, b"")
