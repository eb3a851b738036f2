"""The HTML incident map: self-contained, deterministic, data embedded once, safe."""

from __future__ import annotations

import json
import re

import folium
import pandas as pd

from mapper.render.packing import unpack_features
from mapper.render import build_map, geojson_document, render_html, write_map
from mapper.render.map import script_json
from samples import COLUMNS, PAYLOADS, hostile, synthetic, syrian_coast


def _html(frame, **kwargs):
    kwargs.setdefault("title", "Syrian coast")
    kwargs.setdefault("credit", "Example Wire")
    return render_html(build_map(frame, **kwargs))


def _data_block(html):
    match = re.search(r'<script type="application/json" id="mapper-data">(.*?)</script>', html, re.S)
    assert match, "data block missing"
    return match.group(1)


def test_returns_a_folium_map():
    fmap = build_map(syrian_coast(), title="t", credit="c")
    assert isinstance(fmap, folium.Map)


def test_two_builds_are_byte_identical():
    assert _html(syrian_coast()) == _html(syrian_coast())
    assert _html(synthetic(500)) == _html(synthetic(500))


def test_write_map_writes_the_rendered_page(tmp_path):
    target = tmp_path / "out" / "map.html"
    fmap = build_map(syrian_coast(), title="t", credit="c")
    write_map(fmap, target)
    first = target.read_bytes()
    write_map(build_map(syrian_coast(), title="t", credit="c"), target)
    assert target.read_bytes() == first
    assert first.startswith(b"<!DOCTYPE html>")


def test_no_external_scripts_or_stylesheets():
    html = _html(syrian_coast())
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    assert not re.search(r"<link[^>]*>", html, re.I)
    assert not re.search(r"@import", html)
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "code.jquery" not in html
    # url(...) references in CSS are inlined data URIs or fragments only
    for url in re.findall(r"url\(([^)]*)\)", html):
        assert url.startswith(("data:", "#", "'#", '"#')), url
    # Leaflet and MarkerCluster really are inlined
    assert "L.MarkerClusterGroup" in html
    assert "Leaflet" in html and "window.L" in html


def test_data_is_embedded_once_and_round_trips():
    frame = syrian_coast()
    html = _html(frame)
    quote = frame.loc[frame.incident_id == "SY-002", "quote"].item()
    assert html.count(quote) == 1
    embedded = unpack_features(json.loads(_data_block(html)))
    assert embedded == geojson_document(frame)
    assert html.count('id="mapper-data"') == 1


def test_hostile_text_cannot_leave_its_script_block():
    benign = _html(syrian_coast())
    frame = pd.concat([syrian_coast(), hostile()], ignore_index=True)
    evil = _html(frame, title=PAYLOADS[0], credit=PAYLOADS[2])
    # Same number of script elements whatever the data: nothing was injected.
    assert len(re.findall(r"<script", evil, re.I)) == len(re.findall(r"<script", benign, re.I))
    assert len(re.findall(r"</script", evil, re.I)) == len(re.findall(r"</script", benign, re.I))
    assert "<img src=x" not in evil and "<svg onload" not in evil
    block = _data_block(evil)
    assert "<" not in block and ">" not in block and "\u2028" not in block
    assert unpack_features(json.loads(block)) == geojson_document(frame)
    title = re.search(r"<title>(.*?)</title>", evil).group(1)
    assert "<script>" not in title and "&lt;script&gt;" in title


def test_script_json_escapes_html_significant_characters():
    text = script_json({"a": "</script><!-- & \u2028\u2029"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029"}


def test_no_random_ids_left():
    html = _html(syrian_coast())
    assert not re.search(r"_[0-9a-f]{32}\b", html)
    assert 'id="map_0001"' in html or "map_0001" in html


def test_empty_and_all_missing_tables_still_render():
    empty = pd.DataFrame(columns=COLUMNS)
    assert "mapper-data" in _html(empty)
    frame = syrian_coast()
    frame["latitude"] = None
    html = _html(frame)
    assert json.loads(_data_block(html))["mapper:without_coordinates"] == len(frame)


def test_user_can_extend_the_map_and_stay_deterministic():
    def build():
        fmap = build_map(syrian_coast(), title="t", credit="c")
        folium.Marker([35.5, 35.8], tooltip="office").add_to(fmap)
        return render_html(fmap)

    assert build() == build()


def test_displaying_first_does_not_change_the_written_page():
    fresh = _html(syrian_coast())
    fmap = build_map(syrian_coast(), title="Syrian coast", credit="Example Wire")
    fmap._repr_html_()  # what a notebook does
    fmap.get_root().render()
    assert render_html(fmap) == fresh
    assert render_html(fmap) == fresh
    assert fresh.count("window.mapperIncidents = function") == 1
    assert fresh.count('id="mapper-data"') == 1
