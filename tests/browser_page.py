"""The browser the map's tests open pages in: Debian's Chromium through Playwright, offline.

Shared by tests/test_browser_*.py. A missing Chromium or Playwright FAILS, never skips (CI
installs both). A ``Page`` may load only file:// and data: URLs: every other request is
aborted and kept in ``blocked``; script errors and dialogs are recorded. Tests read the page
through its public API, ``window.mapperPage`` (main.js).
"""

from __future__ import annotations

import os
import shutil

import pytest

from mapper.render import build_map, write_map

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def chromium_path() -> str:
    for path in (os.environ.get("MAPPER_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                 shutil.which("chromium-browser")):
        if path and os.path.exists(path):
            return path
    pytest.fail("Chromium not found at /usr/bin/chromium (or $MAPPER_CHROMIUM): the browser tests need it. "
                "Install it with `apt-get install -y chromium`.", pytrace=False)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        pytest.fail("playwright is not installed: pip install playwright (the Python package).", pytrace=False)
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Page:
    """A page that may only load file:// and data: URLs and records every alarm."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.blocked: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, path, hash_=""):
        self.page.goto(path.as_uri() + hash_)
        self.settle(200)
        return self

    def settle(self, ms=150):
        self.page.wait_for_function("window.mapperPage !== undefined && window.mapperPage.ready()", timeout=60000)
        self.page.wait_for_timeout(ms)

    def api(self, name, *args):
        return self.page.evaluate(f"(args) => window.mapperPage.{name}(...args)", list(args))

    def eval(self, script, arg=None):
        # POPUP(): the newest popup (a closing one fades out for 200 ms)
        script = script.replace("POPUP()", "[...document.querySelectorAll('.leaflet-popup-content')].pop()")
        return self.page.evaluate(script, arg)

    def counter(self):
        return self.eval("""() => {
            const c = document.getElementById('mapper-counter');
            return {shown: +c.dataset.shown, total: +c.dataset.total, missing: +c.dataset.missing,
                    local: +c.dataset.localShown, text: c.textContent};
        }""")

    def in_view(self, ids):
        """The ids whose symbol is inside the map's box on the screen now."""
        return self.eval("""(ids) => {
            const box = document.querySelector('.leaflet-container').getBoundingClientRect();
            return ids.filter((id) => {
                const p = window.mapperPage.screenPoint(id);
                return p && p[0] >= box.left && p[0] <= box.right && p[1] >= box.top && p[1] <= box.bottom;
            });
        }""", ids)

    def wait_open(self, incident_id):
        self.page.wait_for_function("(id) => window.mapperPage.openId() === id", arg=incident_id, timeout=10000)
        self.page.wait_for_selector(".leaflet-popup-content .mapper-card")

    def popup_text(self):
        return self.eval("() => POPUP().textContent")

    def hash(self):
        return self.eval("() => window.location.hash")

    def close(self):
        self.page.close()


@pytest.fixture()
def page(browser):
    opened = Page(browser)
    yield opened
    opened.close()


def write_seed_like_map(tmp_path, frame, name="map.html", **kwargs):
    """``frame`` written as the map the tests open (title and credit of the Syrian-coast sample)."""
    path = tmp_path / name
    kwargs.setdefault("title", "Syrian coast, March 2025")
    kwargs.setdefault("credit", "Example Wire")
    write_map(build_map(frame, **kwargs), path)
    return path
