"""The map honest at every zoom, usable by keyboard and on a phone, exporting what it shows.

Real headless Chromium (Debian's, /usr/bin/chromium) through Playwright, network
blocked, as in the other browser tests (tests/browser_page.py). The page
is seen as a reader sees it (DOM, keys, clicks, downloads) and through its public
API ``window.mapperPage``. Missing Chromium, Playwright or axe-core FAILS, never skips.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from mapper.render import geojson_document
from mapper.schema import TABLE_COLUMNS
from mapper.storage import csv_text
from samples import PAYLOADS, _frame, _row, hostile, syrian_coast
from browser_page import Page
from browser_page import write_seed_like_map as _write

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
ROOT = Path(__file__).resolve().parent.parent
FORMULA = '=HYPERLINK("http://evil.example/x","click me")'
IMG = "<img src=x onerror=\"window.__pwned=7;alert(1)\">"


def _page(browser, viewport):
    opened = Page(browser)
    opened.page.set_viewport_size(viewport)
    return opened


@pytest.fixture()
def page(browser):
    opened = _page(browser, DESKTOP)
    yield opened
    opened.close()


@pytest.fixture()
def phone(browser):
    opened = _page(browser, PHONE)
    yield opened
    opened.close()


def _mixed() -> pd.DataFrame:
    """Known and approximate places close enough to cluster, hostile text among them."""
    base = dict(article="a.txt", event_date="2025-03-07", time_precision=1, scope="local", provider="geonames",
                country_code="SY", admin1="Tartus", article_title="Coast", article_url="https://news.example.org/a")
    rows = [
        _row(incident_id="K-1", location="Baniyas", event_type="Violence against civilians", fatalities=20,
             latitude=35.18, longitude=35.95, geo_precision=1, quote="Twenty killed in Baniyas.", **base),
        _row(incident_id="K-2", location=FORMULA, event_type="Battles", fatalities=2,
             latitude=35.185, longitude=35.955, geo_precision=1, quote=IMG, actor1=FORMULA, **base),
        _row(incident_id="A-1", location="near Baniyas", event_type="Battles", fatalities=5,
             latitude=35.19, longitude=35.96, geo_precision=2, uncertainty_km=25.0, quote="Near Baniyas.", **base),
        _row(incident_id="A-2", location=IMG, event_type="Riots", fatalities=1,
             latitude=35.175, longitude=35.945, geo_precision=3, uncertainty_km=40.0, quote=FORMULA, **base),
        _row(incident_id="K-3", location="Latakia", event_type="Protests", fatalities=0,
             latitude=35.53, longitude=35.79, geo_precision=1, quote="-5 degrees and a protest", **base),
        _row(incident_id="K-4", location="Jableh", event_type="Protests", fatalities=0,
             latitude=35.535, longitude=35.795, geo_precision=1, quote="+ a second protest", **base),
    ]
    return _frame(rows)


def _clusters(page):
    return [d for d in page.eval("() => window.mapperPage.drawn()") if d["cluster"]]


def _rect(page, selector):
    return page.eval("(s) => { const r = document.querySelector(s).getBoundingClientRect();"
                     " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }", selector)


def _overlap(a, b):
    return a["left"] < b["right"] and a["right"] > b["left"] and a["top"] < b["bottom"] and a["bottom"] > b["top"]


# ------------------------------------------------------------------ honesty

def test_a_cluster_with_approximate_places_says_so_and_shows_their_rings(tmp_path, page):
    path = _write(tmp_path, _mixed())
    page.open(path)
    page.eval("() => window.mapperPage.setView(9, 35.3, 35.9)")
    page.page.wait_for_timeout(400)
    clusters = _clusters(page)
    mixed = [c for c in clusters if c["count"] == 4]
    plain = [c for c in clusters if c["count"] == 2]
    assert len(mixed) == 1 and len(plain) == 1, clusters
    assert mixed[0]["approx"] == 2 and plain[0]["approx"] == 0
    assert mixed[0]["name"] == "4 incidents, includes 2 approximate, 28 killed"
    assert plain[0]["name"] == "2 incidents, 0 killed"
    # the approximate cluster is hatched (its own class), says so on screen and in its tooltip
    icons = page.eval("""() => [...document.querySelectorAll('.leaflet-marker-icon.mapper-cluster')].map(n => ({
        approx: n.classList.contains('mapper-cluster-approx'), label: n.getAttribute('aria-label'),
        caption: (n.querySelector('.mapper-cluster-a') || {}).textContent || null,
        title: n.querySelector('.mapper-cluster-ring').getAttribute('title'),
        inner: getComputedStyle(n.querySelector('.mapper-cluster-inner')).backgroundImage}))""")
    approx_icon = next(i for i in icons if i["label"].startswith("4 incidents"))
    plain_icon = next(i for i in icons if i["label"].startswith("2 incidents"))
    assert approx_icon["approx"] and not plain_icon["approx"]
    assert approx_icon["caption"] == "includes 2 approximate" and plain_icon["caption"] is None
    assert "includes 2 approximate" in approx_icon["title"]
    assert "repeating-linear-gradient" in approx_icon["inner"] and plain_icon["inner"] == "none"
    # hovering it draws the union of the approximate places' uncertainty (25 km and 40 km), leaving clears it
    assert page.eval("() => window.mapperPage.clusterRingCount()") == 0
    box = _rect(page, ".leaflet-marker-icon.mapper-cluster-approx")
    page.page.mouse.move((box["left"] + box["right"]) / 2, (box["top"] + box["bottom"]) / 2)
    page.page.wait_for_timeout(150)
    assert page.eval("() => window.mapperPage.clusterRingCount()") == 2
    page.page.mouse.move(5, 450)
    page.page.wait_for_timeout(150)
    assert page.eval("() => window.mapperPage.clusterRingCount()") == 0
    # keyboard focus shows them too
    page.eval("() => document.querySelector('.leaflet-marker-icon.mapper-cluster-approx').focus()")
    assert page.eval("() => window.mapperPage.clusterRingCount()") == 2
    assert page.errors == []


def test_an_approximate_place_never_looks_known_at_any_zoom(tmp_path, page):
    path = _write(tmp_path, _mixed())
    page.open(path)
    approx_ids = {"A-1", "A-2"}
    seen_single_approx = seen_single_known = seen_cluster = 0
    for zoom in range(3, 19):
        page.eval("(z) => window.mapperPage.setView(z, 35.185, 35.955)", zoom)
        page.page.wait_for_function("window.mapperPage.ready()")
        page.page.wait_for_timeout(120)
        for item in page.eval("() => window.mapperPage.drawn()"):
            if item["cluster"]:
                seen_cluster += 1
                ids = set(page.eval("() => window.mapperPage.visibleIds()"))
                assert ids  # something is drawn
                if item["approx"]:
                    assert "approximate" in item["name"], (zoom, item)
                continue
            if item["id"] in approx_ids:
                seen_single_approx += 1
                assert item["approx"] and item["dashed"] and item["hollow"], (zoom, item)
            else:
                seen_single_known += 1
                assert not item["dashed"] and not item["hollow"], (zoom, item)
        # every cluster drawn that holds an approximate place is marked as such
        icons = page.eval("""() => [...document.querySelectorAll('.leaflet-marker-icon.mapper-cluster')].map(n =>
            [n.classList.contains('mapper-cluster-approx'), n.getAttribute('aria-label')])""")
        for hatched, label in icons:
            assert hatched == ("approximate" in label), (zoom, label)
    assert seen_cluster and seen_single_approx and seen_single_known
    assert page.errors == []


# ------------------------------------------------------------------ layout

@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_card_is_never_under_the_panel(tmp_path, browser, viewport):
    page = _page(browser, DESKTOP if viewport == "desktop" else PHONE)
    try:
        frame = syrian_coast()
        path = _write(tmp_path, frame)
        page.open(path)
        size = DESKTOP if viewport == "desktop" else PHONE
        if viewport == "phone":
            # the sheet is folded on a phone; open it as a reader would, then open a card
            assert page.eval("() => document.querySelector('.mapper-panel').classList.contains('mapper-collapsed')")
            page.page.get_by_role("button", name="Filters").click()
            hist = _rect(page, ".mapper-hist")
            sheet = _rect(page, ".mapper-panel")
            assert sheet["left"] >= 0 and sheet["right"] <= size["width"] and sheet["bottom"] <= size["height"] + 1
            assert hist["left"] >= sheet["left"] and hist["right"] <= sheet["right"], (hist, sheet)
            # nothing of the map (scale bar, attribution) lies over the open sheet
            for corner in (".leaflet-control-attribution", ".leaflet-control-scale"):
                assert page.eval("""(s) => { const r = document.querySelector(s).getBoundingClientRect();
                    const n = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                    return n !== null && n.closest('.mapper-panel') !== null; }""", corner), corner
        ids = [r["id"] for r in page.eval("() => window.mapperPage.incidents()")]
        for rec_id in ids:
            page.eval("() => window.mapperPage.closePopup()")
            page.page.wait_for_timeout(50)
            # the incident where the panel is: under the side panel, or under the folded sheet
            spot = [size["width"] - 120, 420] if viewport == "desktop" else [size["width"] / 2, size["height"] - 25]
            assert page.eval("([id, x, y]) => window.mapperPage.placeIncident(id, x, y)", [rec_id, *spot])
            assert page.eval("(id) => window.mapperPage.openIncident(id)", rec_id)
            page.page.wait_for_timeout(450)  # autoPan's animation
            popup = page.eval("""() => { const r = [...document.querySelectorAll('.leaflet-popup')].pop()
                .querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
                return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }""")
            panel = _rect(page, ".mapper-panel")
            assert not _overlap(popup, panel), (rec_id, popup, panel)
            assert popup["left"] >= 0 and popup["top"] >= 0, (rec_id, popup)
            assert popup["right"] <= size["width"] and popup["bottom"] <= size["height"], (rec_id, popup)
            # the close button is what a click there reaches (not the panel, not the zoom buttons)
            hit = page.eval("""() => { const b = [...document.querySelectorAll('.leaflet-popup-close-button')].pop();
                const r = b.getBoundingClientRect();
                return b.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)); }""")
            assert hit, rec_id
            # so are the date and the place rows
            for row in ("Date", "Place"):
                assert page.eval("""(label) => { const dt = [...[...document.querySelectorAll('.leaflet-popup-content')]
                    .pop().querySelectorAll('dt')].find(d => d.textContent === label); const r = dt.getBoundingClientRect();
                    const n = document.elementFromPoint(r.left + 2, r.top + r.height / 2);
                    return n !== null && n.closest('.leaflet-popup') !== null; }""", row), (rec_id, row)
        if viewport == "desktop":
            # folded to its header, the panel still holds the top right corner
            page.eval("() => window.mapperPage.closePopup()")
            page.page.get_by_role("button", name="Hide").click()
            assert page.eval("() => window.mapperPage.placeIncident('SY-001', 1400, 60)")
            assert page.eval("() => window.mapperPage.openIncident('SY-001')")
            page.page.wait_for_timeout(450)
            popup = _rect(page, ".leaflet-popup-content-wrapper")
            assert not _overlap(popup, _rect(page, ".mapper-panel")), popup
        assert page.errors == []
    finally:
        page.close()


def test_country_names_do_not_pile_up_at_world_zoom(tmp_path, page):
    path = _write(tmp_path, syrian_coast())
    page.open(path)

    def shown_boxes():
        return page.eval("""() => [...document.querySelectorAll('.mapper-country span')]
            .filter(n => getComputedStyle(n).visibility === 'visible').map(n => {
              const r = n.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })""")

    total = page.eval("() => document.querySelectorAll('.mapper-country span').length")
    page.eval("() => window.mapperPage.setView(2, 30, 30)")
    page.page.wait_for_timeout(400)
    world = shown_boxes()
    page.eval("() => window.mapperPage.setView(7, 35, 36)")
    page.page.wait_for_timeout(400)
    near = shown_boxes()
    assert total > 10
    assert len(world) < total / 3, (len(world), total)
    for i, a in enumerate(world):
        for b in world[i + 1:]:
            assert not _overlap(a, b), (a, b)
    assert len(near) >= 1


# ------------------------------------------------------------------ keyboard and names

def _tab_to(page, predicate, limit=80):
    for _ in range(limit):
        page.page.keyboard.press("Tab")
        label = page.eval("() => document.activeElement && document.activeElement.getAttribute('aria-label')")
        if label and predicate(label):
            return label
    raise AssertionError("never reached by Tab")


def test_the_keyboard_reaches_and_opens_an_incident(tmp_path, page):
    frame = syrian_coast()
    path = _write(tmp_path, frame)
    page.open(path)
    page.eval("() => window.mapperPage.setView(11, 35.53, 35.79)")  # Latakia, one incident alone
    page.page.wait_for_timeout(400)
    names = page.eval("() => window.mapperPage.focusables()")
    assert names, "no focusable incident in view"
    target = next(n for n in names if n["id"] == "SY-007") if any(n["id"] == "SY-007" for n in names) else names[0]
    label = _tab_to(page, lambda text: text == target["name"])
    assert label == target["name"]
    assert page.eval("() => document.activeElement.getAttribute('role')") == "button"
    page.page.keyboard.press("Enter")
    page.page.wait_for_selector(".leaflet-popup-content .mapper-card")
    # the card has the focus, and says which incident it is
    assert page.eval("() => document.activeElement.classList.contains('mapper-card')")
    assert f"Incident {target['id']}" in page.eval("() => POPUP().textContent")
    # Escape closes it and gives the focus back to the incident
    page.page.keyboard.press("Escape")
    page.page.wait_for_timeout(300)
    assert page.eval("() => document.querySelectorAll('.leaflet-popup').length") == 0
    assert page.eval("() => document.activeElement.getAttribute('aria-label')") == target["name"]
    # Space opens it too
    page.page.keyboard.press(" ")
    page.page.wait_for_selector(".leaflet-popup-content .mapper-card")
    assert page.errors == []


def test_accessible_names_of_incidents_and_clusters(tmp_path, page):
    frame = syrian_coast()
    path = _write(tmp_path, frame)
    page.open(path)
    page.eval("() => window.mapperPage.setView(14, 35.36, 35.93)")  # Jableh
    page.page.wait_for_timeout(400)
    names = {n["id"]: n["name"] for n in page.eval("() => window.mapperPage.focusables()")}
    assert names["SY-001"] == "Jableh, 2025-03-06, Battles, 16 killed"
    page.eval("() => window.mapperPage.setView(14, 35.46, 36.06)")  # near Qardaha
    page.page.wait_for_timeout(400)
    names = {n["id"]: n["name"] for n in page.eval("() => window.mapperPage.focusables()")}
    assert names["SY-003"] == "near Qardaha, 2025-03-07, Explosions/Remote violence, 3 killed, approximate place, ±10 km"
    # every cluster's focusable element is named by its counts
    page.eval("() => window.mapperPage.setView(6, 35.3, 36.2)")
    page.page.wait_for_timeout(400)
    labels = page.eval("""() => [...document.querySelectorAll('.leaflet-marker-icon.mapper-cluster')].map(n =>
        [n.getAttribute('aria-label'), n.getAttribute('role'), n.tabIndex])""")
    assert labels
    for label, role, tab in labels:
        assert role == "button" and tab == 0
        assert label and label[0].isdigit() and " incidents" in label and label.endswith(" killed"), label


def test_enter_on_a_cluster_zooms_into_it_and_keeps_the_focus_on_the_map(tmp_path, page):
    path = _write(tmp_path, _mixed())
    page.open(path)
    page.eval("() => window.mapperPage.setView(9, 35.3, 35.9)")
    page.page.wait_for_timeout(400)
    zoom = page.eval("() => window.mapperPage.view().zoom")
    _tab_to(page, lambda text: text.startswith("4 incidents"))
    page.page.keyboard.press("Enter")
    page.page.wait_for_timeout(900)
    assert page.eval("() => window.mapperPage.view().zoom") > zoom
    label = page.eval("() => document.activeElement && document.activeElement.getAttribute('aria-label')")
    assert label and ("incidents" in label or "killed" in label), label  # a cluster or an incident of it
    assert page.errors == []


def test_at_the_last_zoom_enter_spreads_a_cluster_and_its_incidents_are_named(tmp_path, page):
    path = _write(tmp_path, syrian_coast())
    page.open(path)
    page.eval("() => window.mapperPage.setView(18, 35.18, 35.95)")  # Baniyas: two incidents at one point
    page.page.wait_for_timeout(400)
    _tab_to(page, lambda text: text == "2 incidents, 39 killed")
    page.page.keyboard.press("Enter")
    page.page.wait_for_timeout(700)
    names = {n["id"]: n["name"] for n in page.eval("() => window.mapperPage.focusables()")}
    assert names["SY-002"] == "Baniyas, 2025-03-07, Violence against civilians, 31 killed"
    assert names["SY-012"].startswith("Baniyas, 2025-03-08, ")
    assert page.eval("() => document.activeElement.getAttribute('aria-label')") in names.values()
    page.page.keyboard.press("Enter")
    page.page.wait_for_selector(".leaflet-popup-content .mapper-card")
    assert page.errors == []


def test_hostile_text_in_names_stays_text(tmp_path, page):
    path = _write(tmp_path, pd.concat([_mixed(), hostile()], ignore_index=True))
    page.open(path)
    page.eval("() => window.mapperPage.setView(18, 35.175, 35.945)")
    page.page.wait_for_timeout(500)
    names = {n["id"]: n["name"] for n in page.eval("() => window.mapperPage.focusables()")}
    assert names["A-2"].startswith(IMG + ", 2025-03-07, Riots, 1 killed, approximate place")
    for i, payload in enumerate(PAYLOADS):
        rec = page.eval("(id) => window.mapperPage.incidents().find(r => r.id === id)", f"X-{i}")
        page.eval("(r) => window.mapperPage.setView(16, r.lat, r.lon)", rec)
        page.page.wait_for_timeout(250)
        names = {n["id"]: n["name"] for n in page.eval("() => window.mapperPage.focusables()")}
        assert names[f"X-{i}"].startswith("place " + payload + ", 2025-03-07")
    assert page.eval("() => document.querySelectorAll('.leaflet-container img:not(.leaflet-tile), "
                     ".leaflet-container script, .leaflet-container iframe, [onerror], [onload]').length") == 0
    assert page.eval("() => window.__pwned") is None
    assert page.dialogs == [] and page.errors == []


# ------------------------------------------------------------------ page-level accessibility

def test_lang_is_set_and_page_zoom_is_allowed(tmp_path, page):
    path = _write(tmp_path, syrian_coast())
    page.open(path)
    assert page.eval("() => document.documentElement.lang") == "en"
    viewports = page.eval("() => [...document.querySelectorAll('meta[name=viewport]')].map(m => m.content)")
    assert len(viewports) == 1
    assert "user-scalable" not in viewports[0] and "maximum-scale" not in viewports[0], viewports


def _axe_source() -> str:
    try:
        import axe_playwright_python
    except ImportError:
        pytest.fail("axe-playwright-python is not installed (it ships axe-core): pip install -e '.[test]'",
                    pytrace=False)
    from importlib import resources

    return (resources.files(axe_playwright_python) / "axe.min.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_axe_finds_no_serious_critical_or_moderate_violation(tmp_path, browser, viewport):
    page = _page(browser, DESKTOP if viewport == "desktop" else PHONE)
    try:
        path = _write(tmp_path, pd.concat([syrian_coast(), _mixed()], ignore_index=True))
        page.open(path)
        page.page.add_script_tag(content=_axe_source())
        # the page as a reader leaves it: the panel open, one card open
        if viewport == "phone":
            page.page.get_by_role("button", name="Filters").click()
        checks = []
        for step in ("panel", "card"):
            if step == "card":
                page.eval("() => window.mapperPage.openIncident('SY-002')")
                page.page.wait_for_timeout(400)
            result = page.page.evaluate("async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
                                        " return r.violations.map(v => ({id: v.id, impact: v.impact,"
                                        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})); }")
            checks.append((step, result))
        # none serious or critical (the bar), and none moderate either (landmarks: the map is a named region)
        bad = [(step, v) for step, result in checks for v in result if v["impact"] in ("moderate", "serious", "critical")]
        assert bad == [], json.dumps(bad, indent=1)
        assert page.errors == []
    finally:
        page.close()


# ------------------------------------------------------------------ export what you see

def _expected_csv(doc, keep) -> str:
    rows = []
    for feature in doc["features"]:
        p = feature["properties"]
        if p["scope"] == "aggregate" or not keep(p):
            continue
        lon, lat = feature["geometry"]["coordinates"]
        cells = [lat if c == "latitude" else lon if c == "longitude" else p.get(c) for c in TABLE_COLUMNS]
        # JSON (the page's data) keeps no 10.0 apart from 10: a whole number is written as one, as
        # data/incidents.csv writes its radii ("2")
        rows.append([int(v) if isinstance(v, float) and v.is_integer() else v for v in cells])
    return csv_text(TABLE_COLUMNS, rows)


def _download(page, tmp_path, label, name):
    with page.page.expect_download() as info:
        page.page.get_by_role("button", name=label).click()
    saved = tmp_path / name
    info.value.save_as(saved)
    return saved.read_text(encoding="utf-8"), info.value.suggested_filename


def test_the_download_gives_the_filtered_incidents_as_csv_and_geojson(tmp_path, page):
    frame = pd.concat([syrian_coast(), _mixed(), hostile()], ignore_index=True)
    path = _write(tmp_path, frame)
    page.open(path)
    doc = geojson_document(frame)
    # the filters: no protests, at least 1 killed
    page.page.locator("input.mapper-type[value='Protests']").uncheck()
    page.page.fill("#mapper-min", "1")

    def keep(p):
        return p["event_type"] != "Protests" and (p["fatalities"] or 0) >= 1

    shown = page.counter()
    text, name = _download(page, tmp_path, "Download the data (CSV)", "shown.csv")
    assert name == "incidents.csv"
    expected = _expected_csv(doc, keep)
    assert text == expected  # mapper's own CSV writer, cell for cell, on the same rows
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0].keys()) == TABLE_COLUMNS
    with open(ROOT / "data" / "incidents.csv", encoding="utf-8") as seed:
        assert next(csv.reader(seed)) == TABLE_COLUMNS  # the same columns as the project's table
    assert len(rows) == shown["local"] and 0 < len(rows) < len([f for f in doc["features"]
                                                               if f["properties"]["scope"] != "aggregate"])
    by_id = {r["incident_id"]: r for r in rows}
    assert "K-3" not in by_id and "K-4" not in by_id  # filtered out
    # formula-safe: what a spreadsheet would run starts with a quote; numbers stay numbers
    assert by_id["K-2"]["location"] == "'" + FORMULA and by_id["K-2"]["actor1"] == "'" + FORMULA
    assert by_id["A-2"]["quote"] == "'" + FORMULA
    assert by_id["K-2"]["quote"] == IMG  # text stays text
    assert by_id["K-1"]["latitude"] == "35.18" and by_id["K-1"]["fatalities"] == "20"

    text, name = _download(page, tmp_path, "Download the data (GeoJSON)", "shown.geojson")
    assert name == "incidents.geojson"
    got = json.loads(text)
    want = {**doc, "features": [f for f in doc["features"] if keep(f["properties"])]}
    assert got == want
    assert len(got["features"]) == shown["shown"]
    assert page.eval("() => window.__pwned") is None
    assert page.dialogs == [] and page.errors == []


def test_the_download_of_everything_is_the_whole_table(tmp_path, page):
    frame = syrian_coast()
    path = _write(tmp_path, frame)
    page.open(path)
    doc = geojson_document(frame)
    text, _ = _download(page, tmp_path, "Download the data (CSV)", "all.csv")
    assert text == _expected_csv(doc, lambda _p: True)
    text, _ = _download(page, tmp_path, "Download the data (GeoJSON)", "all.geojson")
    assert json.loads(text) == doc


def test_print_carries_the_filters_legend_and_sources_as_text(tmp_path, page):
    frame = pd.concat([syrian_coast(), hostile()], ignore_index=True)
    path = _write(tmp_path, frame)
    page.open(path)
    page.page.locator("input.mapper-type[value='Protests']").uncheck()
    page.page.fill("#mapper-min", "2")
    page.eval("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.page.get_by_role("button", name="Print this view").click()
    assert page.eval("() => window.__printed") == 1
    page.page.emulate_media(media="print")
    sheet = page.eval("""() => { const s = document.querySelector('.mapper-print-sheet');
        return {shown: getComputedStyle(s).display !== 'none', text: s.textContent,
                panel: getComputedStyle(document.querySelector('.mapper-panel')).display,
                markup: s.querySelectorAll('img, script, svg, iframe, a, [onerror], [onload]').length}; }""")
    assert sheet["shown"] and sheet["panel"] == "none"
    text = sheet["text"]
    assert "Syrian coast, March 2025" in text
    assert "Filters: Event types: Battles, Explosions/Remote violence, Violence against civilians, Riots," in text
    assert "at least 2 killed" in text
    assert "Days of killing on Syria's coast — Example Wire <https://news.example.org/syria/coast-killings>" in text
    assert "title " + PAYLOADS[2] in text and "title " + PAYLOADS[3] in text  # hostile titles are printed as text
    assert "javascript:" not in text  # a non-http(s) address is left out
    assert sheet["markup"] == 0
    assert "incidents dated 2025-03-06 to " in text
    page.page.emulate_media(media="screen")
    assert page.eval("() => getComputedStyle(document.querySelector('.mapper-print-sheet')).display") == "none"
    assert page.eval("() => window.__pwned") is None
    assert page.errors == []
