"""The written map in real headless Chromium, offline, with hostile article text.

Needs Playwright (Python) and a system Chromium at /usr/bin/chromium (or
$MAPPER_CHROMIUM). These tests FAIL, never skip, when the browser is missing:
CI installs chromium (apt-get install -y chromium).

The tests see the page as a reader does (its DOM, clicks, the URL hash) and
through its public API, ``window.mapperPage`` (main.js): plain values in
and out, never Leaflet's or MarkerCluster's objects.
"""

from __future__ import annotations


import pandas as pd
import pytest

from mapper.render import geojson_document
from browser_page import write_seed_like_map as _write
from samples import PAYLOADS, hostile, synthetic, syrian_coast

pytestmark = pytest.mark.browser



# ------------------------------------------------------------------ helpers

def _local_geocoded(frame):
    doc = geojson_document(frame)
    return [f for f in doc["features"] if f["properties"]["scope"] != "aggregate"]


# ------------------------------------------------------------------ tests

def test_draws_every_local_incident_offline(tmp_path, page):
    frame = syrian_coast()
    path = _write(tmp_path, frame)
    page.open(path)
    local = _local_geocoded(frame)
    doc = geojson_document(frame)
    counts = page.counter()
    assert counts["local"] == len(local)
    assert counts["total"] == len(doc["features"])
    assert counts["missing"] == doc["mapper:without_coordinates"] == 1
    assert page.eval("() => window.mapperPage.markerCount()") == len(local)
    # What is drawn (single symbols + cluster counts) adds up to the local incidents.
    assert page.eval("() => window.mapperPage.visibleSymbolCount()") == len(local)
    # Aggregate reports are listed apart, not clustered.
    assert page.eval("() => document.querySelectorAll('.mapper-aggregate-item').length") == 1
    assert "coastal region" in page.eval("() => document.querySelector('.mapper-aggregates').textContent")
    # Displacement arrow, uncertainty rings, histogram bars exist.
    assert page.eval("() => document.querySelectorAll('.mapper-hist rect').length") >= 5
    assert page.errors == []
    assert page.dialogs == []
    # Tile requests were attempted and blocked; nothing else left the machine.
    assert all("tile.openstreetmap.org" in url for url in page.blocked), page.blocked


def test_filters_change_the_count_and_live_in_the_hash(tmp_path, page):
    frame = syrian_coast()
    path = _write(tmp_path, frame)
    page.open(path)
    local = _local_geocoded(frame)
    total_shown = page.counter()["shown"]

    # event type
    page.page.locator("input.mapper-type[value='Violence against civilians']").uncheck()
    vac = sum(1 for f in geojson_document(frame)["features"] if f["properties"]["event_type"] == "Violence against civilians")
    assert page.counter()["shown"] == total_shown - vac
    assert "types=" in page.eval("() => location.hash")
    page.page.locator("input.mapper-type[value='Violence against civilians']").check()
    assert page.counter()["shown"] == total_shown

    # minimum fatalities
    page.page.fill("#mapper-min", "10")
    expected = sum(1 for f in local if (f["properties"]["fatalities"] or 0) >= 10)
    assert page.counter()["local"] == expected
    assert page.eval("() => window.mapperPage.markerCount()") == expected
    assert "min=10" in page.eval("() => location.hash")
    page.page.fill("#mapper-min", "")

    # date range
    page.page.fill("#mapper-from", "2025-03-08")
    page.page.fill("#mapper-to", "2025-03-09")
    expected = sum(1 for f in local if "2025-03-08" <= f["properties"]["event_date"] <= "2025-03-09")
    assert page.counter()["local"] == expected
    hash_ = page.eval("() => location.hash")
    assert "from=2025-03-08" in hash_ and "to=2025-03-09" in hash_
    assert page.errors == []


def test_state_is_read_back_from_the_hash(tmp_path, page):
    frame = syrian_coast()
    path = _write(tmp_path, frame)
    page.open(path, "#types=Battles,Riots&min=3")
    local = _local_geocoded(frame)
    expected = sum(1 for f in local if f["properties"]["event_type"] in ("Battles", "Riots")
                   and (f["properties"]["fatalities"] or 0) >= 3)
    assert page.counter()["local"] == expected
    assert page.eval("() => document.getElementById('mapper-min').value") == "3"
    checked = page.eval("() => [...document.querySelectorAll('input.mapper-type:checked')].map(e => e.value)")
    assert sorted(checked) == ["Battles", "Riots"]
    assert expected == 2
    assert page.errors == []


def test_hostile_text_is_shown_literally_and_never_runs(tmp_path, page):
    frame = pd.concat([syrian_coast(), hostile()], ignore_index=True)
    path = _write(tmp_path, frame, title="Map " + PAYLOADS[0], credit=PAYLOADS[1])
    page.open(path)
    assert page.eval("() => document.querySelector('.mapper-title').textContent") == "Map " + PAYLOADS[0]
    assert page.eval("() => document.title") == "Map " + PAYLOADS[0]
    for i, payload in enumerate(PAYLOADS):
        assert page.eval("(id) => window.mapperPage.openIncident(id)", f"X-{i}")
        page.page.wait_for_selector(".leaflet-popup-content .mapper-card")
        text = page.eval("() => POPUP().textContent")
        assert "quote " + payload in text
        assert "actor " + payload in text
        assert "place " + payload in text
        assert "title " + payload in text
        # nothing from the payload became markup
        assert page.eval("() => POPUP().querySelectorAll('img, script, svg, iframe, [onerror], [onload]').length") == 0
        # every link but the card's own #incident= one (test_browser_explore.py checks that)
        links = page.eval("() => [...POPUP().querySelectorAll('a:not(.mapper-card-link > a)')].map(a => a.getAttribute('href'))")
        assert all(link.startswith("https://") for link in links), links
        if i % 2:
            assert links == []  # javascript: URL never becomes a link
    # event types named like Object.prototype members are plain names
    counts = page.counter()
    assert counts["local"] == len(_local_geocoded(frame))
    page.page.locator("input.mapper-type[value='__proto__']").uncheck()
    assert page.counter()["local"] == counts["local"] - 1
    page.page.locator("input.mapper-type[value='constructor']").uncheck()
    assert page.counter()["local"] == counts["local"] - 2
    page.page.locator("input.mapper-type[value='__proto__']").check()
    page.page.locator("input.mapper-type[value='constructor']").check()
    # also a real click on a symbol opens its popup (first hostile point)
    page.eval("() => window.mapperPage.closePopup()")
    page.eval("""() => {
        const rec = window.mapperPage.incidents().find(r => r.id === 'X-4');
        window.mapperPage.setView(12, rec.lat, rec.lon);
    }""")
    page.page.wait_for_timeout(300)
    point = page.eval("() => window.mapperPage.screenPoint('X-4')")
    page.page.mouse.click(point[0], point[1])
    page.page.wait_for_selector(".leaflet-popup-content .mapper-card")
    assert PAYLOADS[4].strip()[:10] in page.eval("() => POPUP().textContent")
    page.page.wait_for_timeout(300)
    assert page.eval("() => window.__pwned") is None
    assert page.dialogs == []
    assert page.errors == []


def test_javascript_url_in_fixture_is_not_a_link(tmp_path, page):
    frame = syrian_coast()
    path = _write(tmp_path, frame)
    page.open(path)
    page.eval("() => window.mapperPage.openIncident('UA-001')")
    page.page.wait_for_selector(".leaflet-popup-content .mapper-card")
    assert page.eval("() => POPUP().querySelectorAll('a:not(.mapper-card-link > a)').length") == 0
    assert "not an http(s) address" in page.eval("() => POPUP().textContent")
    page.eval("() => window.mapperPage.openIncident('SY-002')")
    href = page.eval("() => POPUP().querySelector('a').href")
    assert href == "https://news.example.org/syria/coast-killings"
    text = page.eval("() => POPUP().textContent")
    assert "children 9, women 4" in text and "precision 1" in text and "exact day" in text


def test_clusters_add_up_and_leave_aggregates_out(tmp_path, page):
    frame = synthetic(3000)
    path = _write(tmp_path, frame)
    page.open(path)
    local = _local_geocoded(frame)
    aggregates = [f for f in geojson_document(frame)["features"] if f["properties"]["scope"] == "aggregate"]
    assert aggregates, "the synthetic table should contain aggregate reports"
    drawn = page.eval("""() => {
        let layers = 0, incidents = 0, killed = 0;
        for (const d of window.mapperPage.drawn()) {
            layers += 1;
            if (d.cluster) {
                incidents += d.count;
                killed += parseInt(d.caption.replace(/,/g, ''), 10);  // "1,234 killed", as the reader sees it
            } else {
                incidents += 1;
                killed += d.fatalities;
            }
        }
        return {layers, incidents, killed};
    }""")
    assert sorted(page.eval("() => window.mapperPage.visibleIds()")) == sorted(f["properties"]["incident_id"] for f in local)
    assert drawn["incidents"] == len(local)
    assert drawn["layers"] < len(local) / 10  # really clustered
    assert drawn["killed"] == sum(f["properties"]["fatalities"] or 0 for f in local)
    counts = page.counter()
    assert counts["missing"] == len(frame) - len(geojson_document(frame)["features"]) > 0
    assert counts["shown"] == len(local) + len(aggregates)
    assert page.errors == []


def test_twenty_thousand_incidents_stay_responsive(tmp_path, page):
    """A scale check CI can afford (the report measures 100,000)."""
    import time

    frame = synthetic(20000)
    path = _write(tmp_path, frame, name="big.html")
    started = time.monotonic()
    page.open(path)
    loaded = time.monotonic() - started
    local = _local_geocoded(frame)
    assert page.counter()["local"] == len(local)
    assert page.eval("() => window.mapperPage.visibleSymbolCount()") == len(local)
    started = time.monotonic()
    page.page.fill("#mapper-min", "8")
    page.page.wait_for_function("window.mapperPage.ready()", timeout=60000)
    filtered = time.monotonic() - started
    expected = sum(1 for f in local if (f["properties"]["fatalities"] or 0) >= 8)
    assert page.counter()["local"] == expected
    assert page.eval("() => window.mapperPage.markerCount()") == expected
    assert loaded < 20 and filtered < 10, (loaded, filtered)
    assert page.errors == []


def test_download_button_gives_the_embedded_geojson(tmp_path, page):
    import json

    frame = syrian_coast()
    path = _write(tmp_path, frame)
    page.open(path)
    with page.page.expect_download() as info:
        page.page.get_by_text("Download the data (GeoJSON)").click()
    saved = tmp_path / "downloaded.geojson"
    info.value.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8")) == geojson_document(frame)
    assert page.errors == []


def test_view_is_shared_through_the_hash(tmp_path, page):
    frame = syrian_coast()
    path = _write(tmp_path, frame)
    page.open(path, "#min=1&view=10/35.4000/36.0000")
    view = page.eval("() => window.mapperPage.view()")
    assert view["zoom"] == 10
    assert abs(view["lat"] - 35.4) < 1e-3 and abs(view["lon"] - 36.0) < 1e-3
    page.eval("() => window.mapperPage.setView(9, 35.5, 35.8)")
    page.page.wait_for_timeout(100)
    hash_ = page.eval("() => location.hash")
    assert "view=9/35.5000/35.8000" in hash_ and "min=1" in hash_
    assert page.errors == []


def test_arrows_and_uncertainty_rings(tmp_path, page):
    frame = syrian_coast()
    path = _write(tmp_path, frame)
    page.open(path)
    # one displacement incident with an origin -> one arrow (line, head, origin dot)
    assert page.eval("() => window.mapperPage.arrows()") == [{"id": "SY-007", "parts": 3}]
    # zoomed on Tuwaym (approximate, 100 km) its dashed ring is drawn at that radius
    radius = page.eval("""() => new Promise(done => {
        const p = window.mapperPage;
        p.setView(8, 34.9, 38.5);
        setTimeout(() => {
            const rings = p.rings().filter(r => Math.abs(r.lat - 34.9) < 1e-6);
            done(rings.length === 1 ? rings[0].radiusM : rings.length);
        }, 200);
    })""")
    assert radius == 100000
    # its popup says where people fled from and to, from the origin/destination columns
    assert page.eval("(id) => window.mapperPage.openIncident(id)", "SY-007")
    page.page.wait_for_selector(".leaflet-popup-content .mapper-card")
    assert "Fledcoastal region → Lebanon" in page.eval("() => POPUP().textContent")
    # filtering the arrow's event type out removes the arrow
    page.page.locator("input.mapper-type[value='Strategic developments']").uncheck()
    assert page.eval("() => window.mapperPage.arrows()") == []
    assert page.errors == []


def test_template_syntax_from_an_article_stays_text_in_the_browser(tmp_path, page):
    """An article, sidecar and file name full of template syntax, built by `mapper build`."""
    from click.testing import CliRunner

    from mapper.cli import cli

    payload = "{{ 7*7 }} {{ '</script><script>window.__pwned=7;alert(1)</script>' }} {% raw %} {#"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    stem = "{{ 6*6 }}"
    (seeds / f"{stem}.txt").write_text(
        f"Gunmen killed 12 civilians in Baniyas on Thursday, residents said, writing {payload} on a wall.\n",
        encoding="utf-8")
    (seeds / f"{stem}.meta.json").write_text(
        '{"published": "2025-03-09", "title": "T {{ 5*5 }}", "source": "S {% if 1 %}"}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--seeds", str(seeds), "--data", str(tmp_path / "data"),
                                      "--maps", str(tmp_path / "maps")])
    assert result.exit_code == 0, result.output
    page.open(tmp_path / "maps" / "incident_map.html")
    assert page.eval("() => document.title") == "T {{ 5*5 }}"
    assert page.eval("() => document.querySelector('.mapper-title').textContent") == "T {{ 5*5 }}"
    incident = page.eval("() => window.mapperPage.incidents().find(r => r.scope === 'local').id")
    assert page.eval("(id) => window.mapperPage.openIncident(id)", incident)
    page.page.wait_for_selector(".leaflet-popup-content .mapper-card")
    text = page.eval("() => POPUP().textContent")
    assert payload in text and "T {{ 5*5 }}" in text and "S {% if 1 %}" in text
    assert page.eval("() => window.__pwned") is None
    assert page.dialogs == []
    assert page.errors == []


# ------------------------------------------------------------------ confidence and review

def _reviewed_coast():
    """The sample coast with confidence and review states written by hand: 13 features, 12 local."""
    frame = syrian_coast()
    levels = {"SY-001": "high", "SY-002": "high", "SY-007": "low", "SY-009": "low"}
    frame["confidence"] = [levels.get(i, "medium") for i in frame["incident_id"]]
    frame["confidence_reasons"] = ["checked by a reviewer" if i in ("SY-001", "SY-002") else "place approximate (±10 km)"
                                   for i in frame["incident_id"]]
    frame["review_state"] = [{"SY-001": "confirmed", "SY-002": "edited"}.get(i, "") for i in frame["incident_id"]]
    frame["edited_fields"] = ["fatalities;location" if i == "SY-002" else "" for i in frame["incident_id"]]
    return frame


def _legend_counts(page, cls):
    return page.eval("""(cls) => [...document.querySelectorAll('input.' + cls)].map(
        e => [e.value, e.parentElement.querySelector('.mapper-legend-count').textContent])""", cls)


def test_confidence_and_review_filters_change_the_count_and_live_in_the_hash(tmp_path, page):
    path = _write(tmp_path, _reviewed_coast())
    page.open(path)
    assert page.counter()["shown"] == 13
    assert _legend_counts(page, "mapper-confidence") == [["high", "2"], ["medium", "9"], ["low", "2"]]
    assert _legend_counts(page, "mapper-review") == [["confirmed", "1"], ["edited", "1"], ["unreviewed", "11"]]

    page.page.locator("input.mapper-confidence[value='medium']").uncheck()
    assert page.counter()["shown"] == 4  # SY-001, SY-002 high; SY-007, SY-009 low
    assert "confidence=high,low" in page.eval("() => location.hash")
    page.page.locator("input.mapper-review[value='unreviewed']").uncheck()
    assert page.counter()["shown"] == 2
    assert "review=confirmed,edited" in page.eval("() => location.hash")

    page.page.click("text=Reset filters")
    assert page.counter()["shown"] == 13
    assert page.eval("() => location.hash") == ""
    assert page.errors == []


def test_confidence_and_review_filters_are_read_back_from_the_hash(tmp_path, page):
    path = _write(tmp_path, _reviewed_coast())
    page.open(path, "#confidence=low&review=unreviewed")
    assert page.counter()["shown"] == 2  # SY-007 (Lebanon) and SY-009 (Tuwaym)
    checked = page.eval("() => [...document.querySelectorAll('input.mapper-confidence:checked, "
                        "input.mapper-review:checked')].map(e => e.value)")
    assert checked == ["low", "unreviewed"]
    assert page.eval("() => location.hash") == "#confidence=low&review=unreviewed"
    assert page.errors == []


def test_the_popup_shows_the_confidence_and_the_review(tmp_path, page):
    frame = _reviewed_coast()
    frame.loc[frame["incident_id"] == "SY-004", ["confidence_reasons", "edited_fields"]] = [PAYLOADS[0], PAYLOADS[1]]
    frame.loc[frame["incident_id"] == "SY-004", "review_state"] = "edited"
    path = _write(tmp_path, frame)
    page.open(path)
    assert page.eval("(id) => window.mapperPage.openIncident(id)", "SY-002")
    text = page.eval("() => POPUP().textContent")
    assert "Confidencehigh — checked by a reviewer" in text
    assert "Reviewchecked by a reviewer, edited: fatalities, location" in text
    assert page.eval("(id) => window.mapperPage.openIncident(id)", "SY-001")
    assert "Reviewchecked by a reviewer (confirmed)" in page.eval("() => POPUP().textContent")
    assert page.eval("(id) => window.mapperPage.openIncident(id)", "SY-003")
    text = page.eval("() => POPUP().textContent")
    assert "Confidencemedium — place approximate (±10 km)" in text and "Reviewnot reviewed" in text
    assert page.eval("(id) => window.mapperPage.openIncident(id)", "SY-004")  # untrusted text stays text
    text = page.eval("() => POPUP().textContent")
    assert PAYLOADS[0] in text
    assert page.eval("() => POPUP().querySelectorAll('img, script, svg, iframe, [onerror], [onload]').length") == 0
    assert page.errors == [] and page.dialogs == []


# ------------------------------------------------------------------ the public API and hostile hashes

def test_the_public_api_sets_filters_and_lists_what_is_shown_and_drawn(tmp_path, page):
    frame = syrian_coast()
    path = _write(tmp_path, frame)
    page.open(path)
    local = _local_geocoded(frame)
    ids = sorted(f["properties"]["incident_id"] for f in local)
    assert sorted(page.eval("() => window.mapperPage.shownIds()")) == ids
    assert sorted(page.eval("() => window.mapperPage.visibleIds()")) == ids
    page.eval("() => window.mapperPage.setFilters({types: ['Battles', 'Riots'], min: 3})")
    page.page.wait_for_function("window.mapperPage.ready()")
    page.page.wait_for_timeout(100)
    expected = sorted(f["properties"]["incident_id"] for f in local
                      if f["properties"]["event_type"] in ("Battles", "Riots") and (f["properties"]["fatalities"] or 0) >= 3)
    assert sorted(page.eval("() => window.mapperPage.shownIds()")) == expected
    assert sorted(page.eval("() => window.mapperPage.visibleIds()")) == expected
    assert page.eval("() => window.mapperPage.filters()") == "#types=Battles,Riots&min=3"
    # the controls follow the state, as after a click
    checked = page.eval("() => [...document.querySelectorAll('input.mapper-type:checked')].map(e => e.value)")
    assert sorted(checked) == ["Battles", "Riots"]
    assert page.eval("() => document.getElementById('mapper-min').value") == "3"
    page.eval("() => window.mapperPage.setFilters({from: '2025-03-09', to: null})")
    assert "from=2025-03-09" in page.eval("() => location.hash")
    # a click on a histogram bar shows that day only (2025-03-06: the first day of the sample)
    page.page.click("text=Reset filters")
    assert page.eval("() => window.mapperPage.filters()") == ""
    page.page.locator(".mapper-hist rect").first.click()
    assert page.eval("() => document.getElementById('mapper-from').value") == "2025-03-06"
    assert page.eval("() => document.getElementById('mapper-to').value") == "2025-03-06"
    assert "from=2025-03-06&to=2025-03-06" in page.eval("() => location.hash")
    assert page.eval("() => window.mapperPage.openIncident('no such id')") is False
    assert page.errors == []


def test_a_hostile_hash_selects_nothing_unknown_and_runs_nothing(tmp_path, page):
    frame = syrian_coast()
    path = _write(tmp_path, frame)
    page.open(path, "#types=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E,Battles,<img onerror=alert(2)>"
                    "&min=<script>alert(3)</script>&review=__proto__,unreviewed&view=javascript:alert(4)")
    battles = [f for f in _local_geocoded(frame) if f["properties"]["event_type"] == "Battles"]
    assert page.counter()["local"] == len(battles) > 0
    assert page.eval("() => location.hash") == "#types=Battles&review=unreviewed"
    assert page.eval("() => document.querySelectorAll('[onerror], [onload]').length") == 0
    page.page.wait_for_timeout(200)
    assert page.dialogs == [] and page.errors == []
