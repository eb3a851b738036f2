"""The hex-bin density view in real headless Chromium, offline: toggling it
draws cells of the shown local incidents only (aggregate reports never
binned), weighted by count or by people killed, redrawn on a filter change
and a zoom, in the URL hash and reset with the filters; toggling back
restores the points and clusters; tooltips are text and say "approximate".

Same setup as the other browser tests (tests/browser_page.py: Playwright with Debian's Chromium at
/usr/bin/chromium or $MAPPER_CHROMIUM, every request but file:/data: aborted;
FAIL, never skip, without the browser); the page is read through
``window.mapperPage`` only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mapper.render import geojson_document
from browser_page import Page
from browser_page import write_seed_like_map as _write
from samples import syrian_coast

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
# ------------------------------------------------------------------ helpers

def _features(frame):
    return [f["properties"] for f in geojson_document(frame)["features"]]




def _local(frame):
    return [p for p in _features(frame) if p["scope"] != "aggregate"]


def _killed(props):
    return sum(p["fatalities"] for p in props if isinstance(p.get("fatalities"), (int, float)) and p["fatalities"] > 0)


def _choose(page, name, value):
    page.page.check(f"input.{name}[value='{value}']")
    page.settle()


def _local_shown(page):
    return int(page.eval("() => document.getElementById('mapper-counter').getAttribute('data-local-shown')"))


# ------------------------------------------------------------------ tests

def test_density_cells_hold_the_shown_local_incidents_never_the_aggregates(tmp_path, page):
    frame = syrian_coast()
    local = _local(frame)
    features = _features(frame)
    assert len(local) < len(features), "the sample must hold an aggregate report"
    page.open(_write(tmp_path, frame))
    assert page.api("densityCells")["on"] is False
    assert page.eval("() => document.querySelector('.mapper-density-weight').hidden") is True
    points = page.api("visibleSymbolCount")
    assert points > 0

    _choose(page, "mapper-view", "density")
    cells = page.api("densityCells")
    assert cells["on"] is True and cells["weight"] == "count"
    assert 0 < cells["cells"] <= len(local)
    assert cells["count"] == len(local) == _local_shown(page)
    assert cells["killed"] == _killed(local)  # the aggregate's 1383 not among them
    assert cells["approx"] == sum(1 for p in local if (p.get("geo_precision") or 0) >= 2) > 0
    # the points and clusters are off the map
    assert page.api("visibleSymbolCount") == 0 and page.api("clustered") is False
    assert page.api("arrows") == []
    assert "mode=density" in page.hash()
    # the weight control appears; weighting by the killed: same cells, the killed summed
    assert page.eval("() => document.querySelector('.mapper-density-weight').hidden") is False
    _choose(page, "mapper-weight", "fat")
    fat = page.api("densityCells")
    assert fat["weight"] == "fat" and fat["cells"] == cells["cells"] and fat["killed"] == _killed(local)
    assert "mode=density&weight=fat" in page.hash()
    # tooltips: "N incidents, K killed", "includes N approximate" where there are some
    texts = fat["texts"]
    assert all(re.fullmatch(r"\d+ incidents?, \d+ killed( \(includes \d+ approximate\))?", t) for t in texts), texts
    assert any("approximate" in t for t in texts)
    assert page.errors == []


def test_a_filter_change_and_a_zoom_rebin_the_cells(tmp_path, page):
    frame = syrian_coast()
    local = _local(frame)
    page.open(_write(tmp_path, frame), "#mode=density")
    assert page.api("densityCells")["count"] == len(local)
    kept = [p for p in local if p["event_type"] == "Violence against civilians"]
    assert 0 < len(kept) < len(local)
    page.api("setFilters", {"types": ["Violence against civilians"]})
    page.settle()
    cells = page.api("densityCells")
    assert cells["on"] is True
    assert cells["count"] == len(kept) == _local_shown(page)
    assert cells["killed"] == _killed(kept)
    # a panel checkbox too
    page.page.check("input.mapper-type[value='Battles']")
    page.settle()
    both = [p for p in local if p["event_type"] in ("Violence against civilians", "Battles")]
    assert page.api("densityCells")["count"] == len(both) > len(kept)
    # zooming far out: fewer, fuller cells, the same totals
    before = page.api("densityCells")
    view = page.api("view")
    page.api("setView", 3, view["lat"], view["lon"])
    page.settle()
    after = page.api("densityCells")
    assert after["count"] == before["count"] and after["killed"] == before["killed"]
    assert after["cells"] < before["cells"]
    assert page.errors == []


def test_the_hash_round_trips_and_reset_and_points_restore_the_map(tmp_path, page, browser):
    frame = syrian_coast()
    local = _local(frame)
    path = _write(tmp_path, frame)
    page.open(path, "#mode=density&weight=fat")
    assert page.eval("() => document.querySelector(\"input.mapper-view[value='density']\").checked") is True
    assert page.eval("() => document.querySelector(\"input.mapper-weight[value='fat']\").checked") is True
    cells = page.api("densityCells")
    assert cells["on"] is True and cells["weight"] == "fat" and cells["count"] == len(local)
    assert "mode=density&weight=fat" in page.api("filters")
    # a link written by the page opens the same view in a new page
    link = page.hash()
    other = Page(browser)
    try:
        other.open(path, link)
        assert other.api("densityCells")["weight"] == "fat"
        assert other.api("densityCells")["count"] == len(local)
    finally:
        other.close()

    # back to points: the cells go, the points and clusters come back
    _choose(page, "mapper-view", "points")
    assert page.api("densityCells") == {**page.api("densityCells"), "on": False, "cells": 0}
    assert page.api("clustered") is True
    assert page.api("markerCount") == len(local)
    assert page.api("visibleSymbolCount") > 0
    assert "mode=" not in page.hash() and "weight=" not in page.hash()

    # Reset filters switches density off with the rest
    _choose(page, "mapper-view", "density")
    assert page.api("densityCells")["on"] is True
    page.page.click("button.mapper-reset:text('Reset filters')")
    page.settle()
    assert page.api("densityCells")["on"] is False
    assert page.eval("() => document.querySelector(\"input.mapper-view[value='points']\").checked") is True
    assert page.api("visibleSymbolCount") > 0
    assert page.errors == []


def test_hovering_a_cell_shows_its_tooltip_as_text(tmp_path, page):
    frame = syrian_coast()
    page.open(_write(tmp_path, frame), "#mode=density")
    target = next(p["incident_id"] for p in _local(frame) if p["location"] == "Tuwaym")
    x, y = page.api("screenPoint", target)
    page.page.mouse.move(x, y)
    page.page.wait_for_selector(".leaflet-tooltip .mapper-density-tip", timeout=5000)
    text = page.eval("() => document.querySelector('.leaflet-tooltip').textContent")
    assert re.fullmatch(r"\d+ incidents?, \d+ killed \(includes \d+ approximate\)", text), text
    assert page.eval("() => document.querySelector('.leaflet-tooltip .mapper-density-tip').children.length") == 0
    assert page.errors == []
