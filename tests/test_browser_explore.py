"""Exploring the map in real headless Chromium, offline: the time slider and
its playback, the histogram brush, the list of incidents in view, search,
the actor / country / admin1 filters, live legend counts, re-fitting and
``#incident=`` links -- with hostile article text through each new path.

Same setup as the other browser tests (tests/browser_page.py: Playwright with Debian's Chromium at
/usr/bin/chromium or $MAPPER_CHROMIUM, every request but file:/data: aborted;
FAIL, never skip, without the browser). The tests act as a reader does (the
panel's controls, the mouse, the URL) and read the page through its public
API, ``window.mapperPage`` (main.js).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pandas as pd
import pytest

from mapper.render import geojson_document
from browser_page import Page
from browser_page import write_seed_like_map as _write
from samples import PAYLOADS, _place, _row, hostile, syrian_coast

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
# ------------------------------------------------------------------ helpers

def _features(frame):
    return [f["properties"] for f in geojson_document(frame)["features"]]


def _local_ids(frame):
    return [p["incident_id"] for p in _features(frame) if p["scope"] != "aggregate"]


def _seed_frame():
    """The seed's own incidents table (data/incidents.csv, as `mapper map` joins and writes it)."""
    frame = pd.read_csv(ROOT / "data" / "incidents.csv", dtype={"incident_id": str, "article": str},
                        keep_default_na=False, na_values=[""], encoding="utf-8")
    assert len(frame) > 0
    return frame


def _legend(page, group):
    """{name: count} of one checkbox group of the panel, as a reader sees it."""
    return page.eval("""(cls) => Object.fromEntries([...document.querySelectorAll('input.' + cls)].map((cb) =>
        [cb.value, +cb.parentNode.querySelector('.mapper-legend-count').textContent.replace(/,/g, '')]))""", group)


# ------------------------------------------------------------------ time

def test_slider_and_playback_change_the_shown_count(tmp_path, page):
    frame = syrian_coast()
    features = _features(frame)
    path = _write(tmp_path, frame)
    page.open(path)
    assert page.api("shownCount") == len(features)
    days = sorted({p["event_date"] for p in features if p["scope"] != "aggregate" and p["event_date"]})
    per_day = {day: sum(1 for p in features if p["event_date"] == day) for day in days}
    assert page.api("timeWindow")["window"] == "day"  # six days: played day by day

    # the slider, with the keyboard: its first step shows the second day only
    page.page.focus("input.mapper-slider")
    page.page.keyboard.press("ArrowRight")
    page.settle()
    assert page.api("timeWindow")["from"] == page.api("timeWindow")["to"] == days[1]
    assert page.api("shownCount") == per_day[days[1]]
    page.page.wait_for_function("(d) => location.hash.includes('from=' + d + '&to=' + d)", arg=days[1])

    # dragging (input events, not yet let go): drawn unclustered, as playback; letting go clusters again
    page.eval("""() => { const s = document.querySelector('input.mapper-slider');
        s.value = String(+s.min + 2); s.dispatchEvent(new Event('input', {bubbles: true})); }""")
    page.settle()
    assert page.api("timeWindow")["from"] == days[2]
    assert page.api("clustered") is False
    drawn = page.api("drawn")
    assert drawn and not any(d["cluster"] for d in drawn)
    assert sorted(d["id"] for d in drawn) == sorted(page.api("shownIds"))
    page.eval("() => document.querySelector('input.mapper-slider').dispatchEvent(new Event('change', {bubbles: true}))")
    page.settle()
    assert page.api("clustered") is True
    assert page.api("markerCount") == len(page.api("shownIds"))  # back in the cluster group

    # a week window over six days: one position, every dated incident
    page.page.select_option("select.mapper-window", "week")
    page.settle()
    assert page.api("timeWindow")["window"] == "week"
    assert page.api("shownCount") == sum(per_day.values())
    page.page.select_option("select.mapper-window", "day")
    page.page.click("text=Reset filters")  # all dates again: Play starts on the first day
    page.settle()

    # Play: every day in turn, each showing that day's incidents, then it stops on the last one
    page.page.click("button.mapper-play")
    seen = {}
    for _ in range(200):
        # one read of the page (a frame may come between two)
        state, shown, drawn, ids, clustered = page.eval("""() => [window.mapperPage.timeWindow(),
            window.mapperPage.shownCount(), window.mapperPage.visibleIds(), window.mapperPage.shownIds(),
            window.mapperPage.clustered()]""")
        if state["from"] is not None:
            seen[state["from"]] = shown
            assert set(drawn) <= set(ids)  # nothing of another day is drawn
            assert clustered is not state["playing"]  # playing: drawn unclustered
        if not state["playing"]:
            break
        page.page.wait_for_timeout(100)
    assert not page.api("timeWindow")["playing"]
    assert seen == per_day, seen
    assert page.api("timeWindow")["from"] == days[-1]
    assert page.eval("() => document.querySelector('button.mapper-play').textContent") == "Play"
    page.settle(500)  # the hash follows a time step a little later
    assert f"from={days[-1]}&to={days[-1]}" in page.hash()
    # paused: clustered again, every incident of the day drawn
    assert page.api("markerCount") == sum(1 for p in features if p["scope"] != "aggregate" and
                                          p["event_date"] == days[-1])
    assert page.errors == []


def test_pause_stops_playback_where_it_is(tmp_path, page):
    path = _write(tmp_path, syrian_coast())
    page.open(path)
    page.page.click("button.mapper-play")
    page.page.wait_for_function("() => window.mapperPage.timeWindow().from !== null")
    assert page.eval("() => document.querySelector('button.mapper-play').textContent") == "Pause"
    page.page.click("button.mapper-play")
    where = page.api("timeWindow")
    assert not where["playing"]
    page.page.wait_for_timeout(1500)  # longer than two frames
    assert page.api("timeWindow") == where


def test_approximate_places_stay_marked_while_playing_and_in_the_list(tmp_path, page):
    """The honesty rule on the slider's paths: the unclustered window (drag and playback) draws an
    approximate place hollow and dashed, never as a known one, and the list says "approximate place"
    (its text and its accessible name)."""
    frame = syrian_coast()
    path = _write(tmp_path, frame)
    page.open(path)
    days = sorted({p["event_date"] for p in _features(frame) if p["scope"] != "aggregate" and p["event_date"]})
    seen = {True: 0, False: 0}
    for k in range(len(days)):
        page.eval("""(k) => { const s = document.querySelector('input.mapper-slider');
            s.value = String(+s.min + k); s.dispatchEvent(new Event('input', {bubbles: true})); }""", k)
        page.settle()
        assert page.api("clustered") is False
        for d in page.api("drawn"):
            assert not d["cluster"]
            assert d["dashed"] is d["hollow"] is bool(d["approx"]), d
            seen[bool(d["approx"])] += 1
    assert seen[True] and seen[False], seen  # both kinds were drawn unclustered
    page.eval("() => document.querySelector('input.mapper-slider').dispatchEvent(new Event('change', {bubbles: true}))")
    page.page.click("text=Reset filters")
    page.settle()

    page.page.click("button.mapper-play")
    page.page.wait_for_function("() => window.mapperPage.timeWindow().playing && !window.mapperPage.clustered()")
    for d in page.api("drawn"):
        assert d["dashed"] is d["hollow"] is bool(d["approx"]), d
    page.page.click("button.mapper-play")  # pause
    page.page.click("text=Reset filters")  # every date: the list holds both kinds
    page.settle()

    rows = page.api("listRows")
    assert any(r["approx"] for r in rows) and not all(r["approx"] for r in rows)
    for r in rows:
        text, label = page.eval("""(id) => { const n = document.querySelector('.mapper-row[data-id="' + id + '"]');
            return [n.textContent, n.getAttribute('aria-label')]; }""", r["id"])
        assert ("approximate place" in text) is bool(r["approx"]), text
        assert ("approximate place" in label) is bool(r["approx"]), label
    assert page.errors == []


def test_histogram_brush_selects_a_range(tmp_path, page):
    frame = syrian_coast()
    features = _features(frame)
    path = _write(tmp_path, frame)
    page.open(path)
    days = sorted({p["event_date"] for p in features if p["scope"] != "aggregate" and p["event_date"]})
    first, last = pd.Timestamp(days[0]), pd.Timestamp(days[-1])
    bins = (last - first).days + 1  # one bar per day
    page.page.locator("svg.mapper-hist").scroll_into_view_if_needed()
    box = page.page.locator("svg.mapper-hist").bounding_box()
    y = box["y"] + box["height"] / 2
    # drag from the middle of the second bar to the middle of the fourth
    x0 = box["x"] + box["width"] * 1.5 / bins
    x1 = box["x"] + box["width"] * 3.5 / bins
    page.page.mouse.move(x0, y)
    page.page.mouse.down()
    page.page.mouse.move((x0 + x1) / 2, y, steps=3)
    page.page.mouse.move(x1, y, steps=3)
    assert page.eval("() => document.querySelectorAll('svg.mapper-hist .mapper-brush').length") == 1  # shaded
    page.page.mouse.up()
    page.settle()
    start, end = (first + pd.Timedelta(days=1)).date().isoformat(), (first + pd.Timedelta(days=3)).date().isoformat()
    assert page.api("timeWindow")["from"] == start
    assert page.api("timeWindow")["to"] == end
    assert page.api("shownCount") == sum(1 for p in features if p["event_date"] and start <= p["event_date"] <= end)
    assert f"from={start}&to={end}" in page.hash()
    assert page.eval("() => document.getElementById('mapper-from').value") == start
    # the bars outside are greyed, the brush shade is gone
    assert page.eval("() => document.querySelectorAll('svg.mapper-hist .mapper-bar:not(.mapper-bar-out)').length") == 3
    assert page.eval("() => document.querySelectorAll('svg.mapper-hist .mapper-brush').length") == 0


# ------------------------------------------------------------------ finding things

def test_list_and_map_sync_both_ways(tmp_path, page):
    frame = syrian_coast()
    local = _local_ids(frame)
    path = _write(tmp_path, frame)
    page.open(path)
    # the list is the local incidents in view, newest first
    rows = page.api("listRows")
    assert {r["id"] for r in rows} == set(page.in_view(local))
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True)
    assert page.eval("() => document.querySelectorAll('.mapper-list-rows .mapper-row').length") == len(rows)

    # a row -> the map goes there and opens it
    page.page.click('.mapper-row[data-id="SY-002"]')
    page.wait_open("SY-002")
    page.settle(300)
    assert "Baniyas" in page.popup_text()
    assert page.api("view")["zoom"] >= 10
    assert page.in_view(["SY-002"]) == ["SY-002"]
    assert page.eval("() => document.querySelector('.mapper-row-open').dataset.id") == "SY-002"

    # moving the map -> the list is what is in view now
    page.api("closePopup")
    page.api("setView", 9, 49.99, 36.23)  # Kharkiv
    page.settle()
    assert [r["id"] for r in page.api("listRows")] == ["UA-001"]
    assert page.eval("() => document.querySelector('.mapper-list-title').textContent") == "In view (1)"

    # a marker opened on the map -> its row is highlighted
    x, y = page.api("screenPoint", "UA-001")
    page.page.mouse.click(x, y)
    page.wait_open("UA-001")
    assert [r["open"] for r in page.api("listRows")] == [True]
    assert page.eval("() => document.querySelector('.mapper-row-open').getAttribute('aria-current')") == "true"
    page.api("closePopup")
    page.settle(300)
    assert page.eval("() => document.querySelectorAll('.mapper-row-open').length") == 0
    assert page.errors == []


def test_list_sorts_by_toll(tmp_path, page):
    frame = syrian_coast()
    page.open(_write(tmp_path, frame))
    page.page.select_option("select.mapper-list-sort", "deadliest")
    tolls = [r["fatalities"] for r in page.api("listRows")]
    assert tolls == sorted(tolls, reverse=True) and tolls[0] > 0
    first = page.eval("() => document.querySelector('.mapper-list-rows .mapper-row').dataset.id")
    assert first == page.api("listRows")[0]["id"]


def test_search_finds_baniyas_in_the_seed_map_and_its_link_opens_it(tmp_path, page, browser):
    frame = _seed_frame()
    path = _write(tmp_path, frame)
    page.open(path)
    features = _features(frame)
    expected = [p for p in features if "baniyas" in " ".join(
        str(p.get(k) or "") for k in ("location", "admin1", "actor1", "actor2", "quote")).lower()]
    assert expected, "the seed has incidents in Baniyas"
    page.page.fill("#mapper-search", "Baniyas")
    page.settle()
    assert page.api("shownCount") == len(expected)
    listed = page.api("listRows")
    # re-fitted to what the search shows: every match is in view and listed
    assert sorted(r["id"] for r in listed) == sorted(p["incident_id"] for p in expected)
    assert page.in_view([p["incident_id"] for p in expected]) == [p["incident_id"] for p in expected]
    assert "q=Baniyas" in page.hash()
    # the quote: its excerpt in the row, in full on the card
    deadliest = max(expected, key=lambda p: p["fatalities"] or 0)
    row = f'.mapper-row[data-id="{deadliest["incident_id"]}"]'
    assert deadliest["quote"][:60] in page.page.text_content(row)
    page.page.click(row)
    page.wait_open(deadliest["incident_id"])
    assert deadliest["quote"] in page.popup_text()
    link = page.eval("() => [...document.querySelectorAll('.leaflet-popup-content .mapper-card-link a')].pop().href")
    assert link == path.as_uri() + "#incident=" + quote(deadliest["incident_id"], safe="-_.!~*'()")

    # the link, opened by someone else: that incident, open
    other = Page(browser)
    try:
        other.page.goto(link)
        other.settle(300)
        other.wait_open(deadliest["incident_id"])
        assert deadliest["quote"] in other.popup_text()
        assert other.in_view([deadliest["incident_id"]]) == [deadliest["incident_id"]]
        assert other.errors == []
    finally:
        other.close()


def test_actor_country_and_admin1_filters_with_counts_that_follow(tmp_path, page):
    frame = syrian_coast()
    features = _features(frame)
    path = _write(tmp_path, frame)
    page.open(path)
    # the tables carry country (here its code), admin1 and actors: a select for each
    assert page.eval("() => [...document.querySelectorAll('select.mapper-facet-select')].map(s => s.dataset.facet)") == \
        ["actors", "countries", "admin1s"]
    types_before = _legend(page, "mapper-type")
    assert sum(types_before.values()) == len(features)

    syrian = [p for p in features if p["country_code"] == "SY"]
    page.page.select_option('select[data-facet="countries"]', "SY")
    page.settle()
    assert page.api("shownCount") == len(syrian)
    assert "country=SY" in page.hash()
    # the type legend counts what the country filter lets through
    by_type = {}
    for p in syrian:
        by_type[p["event_type"]] = by_type.get(p["event_type"], 0) + 1
    assert {k: v for k, v in _legend(page, "mapper-type").items() if v} == by_type
    levels = {}
    for p in syrian:
        if p["confidence"]:
            levels[p["confidence"]] = levels.get(p["confidence"], 0) + 1
    assert {k: v for k, v in _legend(page, "mapper-confidence").items() if v} == levels

    # unticking a type: its own count stays (what ticking it adds back); the other facets' counts drop
    page.page.uncheck('input.mapper-type[value="Battles"]')
    page.settle()
    assert _legend(page, "mapper-type")["Battles"] == by_type["Battles"]
    no_battles = [p for p in syrian if p["event_type"] != "Battles"]
    assert page.api("shownCount") == len(no_battles)
    admin1 = page.api("legendCounts")["admin1s"]
    expected_admin1 = {}
    for p in no_battles:
        if p["admin1"]:
            expected_admin1[p["admin1"]] = expected_admin1.get(p["admin1"], 0) + 1
    assert {k: v for k, v in admin1.items() if v} == expected_admin1
    option = page.eval("() => document.querySelector('select[data-facet=\"admin1s\"] option[value=\"Latakia\"]').textContent")
    assert option == f"Latakia ({expected_admin1['Latakia']})"
    page.page.check('input.mapper-type[value="Battles"]')

    # admin1 and actor choices narrow further; an actor matches either side
    page.page.select_option('select[data-facet="admin1s"]', "Latakia")
    page.settle()
    assert page.api("shownCount") == sum(1 for p in syrian if p["admin1"] == "Latakia")
    page.page.select_option('select[data-facet="admin1s"]', "")
    actor = "Unidentified armed group"
    page.page.select_option('select[data-facet="actors"]', actor)
    page.settle()
    assert sorted(page.api("shownIds")) == sorted(p["incident_id"] for p in features if actor in (p["actor1"], p["actor2"])
                                                  and p["country_code"] == "SY" and p["scope"] != "aggregate")

    # a shared link carries them
    shared = page.hash()
    page.page.goto(path.as_uri() + shared)
    page.settle()
    assert page.eval("() => document.querySelector('select[data-facet=\"actors\"]').value") == actor
    assert page.eval("() => document.querySelector('select[data-facet=\"countries\"]').value") == "SY"
    assert page.errors == []


def test_a_filter_change_refits_the_view_unless_the_reader_moved_it(tmp_path, page):
    frame = syrian_coast()
    path = _write(tmp_path, frame)
    page.open(path)
    start = page.api("view")
    page.page.select_option('select[data-facet="countries"]', "UA")
    page.settle()
    assert page.api("shownIds") == ["UA-001"]
    fitted = page.api("view")
    assert fitted != start and fitted["zoom"] == 10  # one incident: as close as a fit goes
    assert page.in_view(["UA-001"]) == ["UA-001"]
    x, _ = page.api("screenPoint", "UA-001")
    assert x < 1280 - 320  # not under the panel
    # the search re-fits too
    page.page.select_option('select[data-facet="countries"]', "")
    page.page.fill("#mapper-search", "Kharkiv")
    page.settle()
    assert page.api("view")["zoom"] == 10 and page.in_view(["UA-001"]) == ["UA-001"]
    page.page.fill("#mapper-search", "")
    page.settle()
    assert page.in_view(_local_ids(frame)) == _local_ids(frame)  # everything again, fitted

    # the reader drags the map: later filters leave the view alone
    page.page.mouse.move(500, 400)
    page.page.mouse.down()
    page.page.mouse.move(420, 350, steps=5)
    page.page.mouse.up()
    page.settle()
    moved = page.api("view")
    for _ in range(20):  # a drag's inertia may still carry the map a little
        page.page.wait_for_timeout(300)
        if page.api("view") == moved:
            break
        moved = page.api("view")
    page.page.select_option('select[data-facet="countries"]', "UA")
    page.settle()
    assert page.api("view") == moved
    # Reset filters shows everything again, fitted
    page.page.click("text=Reset filters")
    page.settle()
    assert page.in_view(_local_ids(frame)) == _local_ids(frame)


def test_incident_links_open_the_incident_and_keep_the_filters(tmp_path, page):
    frame = syrian_coast()
    odd = "odd&id=1#<img src=x onerror=alert(1)>"
    extra = _row(incident_id=odd, article="odd.txt", event_date="2025-03-08", time_precision=1,
                 event_type="Battles", sub_event_type="Armed clash", actor1="a", location="Jableh", fatalities=1,
                 scope="local", quote="An odd id.", quote_start=0, quote_end=10, **_place("Jableh"))
    frame = pd.concat([frame, pd.DataFrame([extra])], ignore_index=True)
    path = _write(tmp_path, frame)

    page.open(path, "#incident=SY-012")
    page.wait_open("SY-012")
    assert "Baniyas" in page.popup_text()
    assert page.in_view(["SY-012"]) == ["SY-012"]
    assert page.eval("() => document.querySelector('.mapper-row-open').dataset.id") == "SY-012"
    assert "incident=SY-012" in page.hash()
    # every card has its link
    for incident_id in _local_ids(frame)[:4] + ["SY-010"]:  # an aggregate report's card too
        page.api("openIncident", incident_id)
        page.wait_open(incident_id)
        href = page.eval("() => [...document.querySelectorAll('.leaflet-popup-content .mapper-card-link a')].pop()"
                         ".getAttribute('href')")
        assert href == "#incident=" + quote(incident_id, safe="-_.!~*'()")

    # with a filter on, a card's link opens its incident and the filter stays
    page.page.uncheck('input.mapper-type[value="Protests"]')
    page.settle()
    page.api("openIncident", "SY-001")
    page.wait_open("SY-001")
    # the reader follows the link (a click event: whether the panel covers the popup is another test's)
    page.page.locator(".leaflet-popup-content .mapper-card-link a").last.dispatch_event("click")
    page.page.wait_for_function("() => location.hash.includes('incident=SY-001')")
    page.settle()
    assert page.api("openId") == "SY-001"
    assert "Protests" not in page.api("filters")
    assert page.api("filters").startswith("#types=")

    # an id full of URL and HTML syntax: encoded in the link, opened by it, never markup
    page.page.goto(path.as_uri() + "#incident=" + quote(odd, safe=""))
    page.settle()
    page.wait_open(odd)
    assert "An odd id." in page.popup_text()
    href = page.eval("() => [...document.querySelectorAll('.leaflet-popup-content .mapper-card-link a')].pop()"
                     ".getAttribute('href')")
    assert href == "#incident=" + quote(odd, safe="-_.!~*'()")
    page.api("closePopup")
    page.api("openIncident", "SY-001")
    page.wait_open("SY-001")
    page.eval("(href) => { location.hash = href; }", href)  # the odd card's link, followed
    page.wait_open(odd)
    assert page.eval("() => document.querySelectorAll('.leaflet-popup-content img, .mapper-list img').length") == 0
    assert page.dialogs == [] and page.errors == []


def test_hostile_text_through_the_list_search_and_filters_stays_text(tmp_path, page):
    frame = pd.concat([syrian_coast(), hostile()], ignore_index=True)
    path = _write(tmp_path, frame)
    page.open(path, "#q=" + quote("place", safe=""))
    hostile_ids = [f"X-{i}" for i in range(len(PAYLOADS))]
    assert set(hostile_ids) <= set(page.api("shownIds"))  # "place <payload>" rows, the view fitted to them
    assert set(hostile_ids) <= {r["id"] for r in page.api("listRows")}
    rows = page.eval("() => [...document.querySelectorAll('.mapper-list-rows .mapper-row')].map(r => r.textContent)")
    for payload in PAYLOADS:
        assert any("place " + payload in text for text in rows), payload
    # the search box gets the payload itself: found as text
    for i, payload in enumerate(PAYLOADS):
        page.page.fill("#mapper-search", "")
        page.page.fill("#mapper-search", payload)
        page.settle(50)
        assert f"X-{i}" in page.api("shownIds"), payload
        assert page.eval("() => document.getElementById('mapper-search').value") == payload
    # the facet selects list the payloads as option text
    options = page.eval("() => [...document.querySelectorAll('select[data-facet=\"actors\"] option')].map(o => o.textContent)")
    for payload in PAYLOADS:
        assert any(o.startswith("actor " + payload + " (") for o in options), payload
    page.page.fill("#mapper-search", "")
    page.page.select_option('select[data-facet="admin1s"]', PAYLOADS[1])
    page.settle()
    assert page.api("shownIds") == ["X-1"]
    # a hostile search in a shared link
    page.page.goto(path.as_uri() + "#q=" + quote(PAYLOADS[1], safe=""))
    page.settle()
    assert page.eval("() => document.getElementById('mapper-search').value") == PAYLOADS[1]
    assert "X-1" in page.api("shownIds")
    # nothing became markup, nothing ran
    markup = "img, script, iframe, object, embed, [onerror], [onload], [onclick]"
    assert page.eval("(sel) => document.querySelectorAll('.mapper-panel :is(' + sel + ')').length", markup) == 0
    assert page.eval("() => document.querySelectorAll('.mapper-list svg, .mapper-facet svg').length") == 0
    assert page.eval("() => window.__pwned") is None
    assert page.dialogs == [] and page.errors == []
