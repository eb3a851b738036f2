"""The incident map: one self-contained, offline-capable, deterministic HTML file.

Built with folium (so a notebook user gets a ``folium.Map`` to display or
extend) but with none of folium's CDN links: Leaflet and Leaflet.markercluster
are inlined from the pip-installed XStatic packages, and our own JS/CSS from
``mapper/render/assets``. All incidents travel once, as one GeoJSON inside a
``<script type="application/json">`` block that the page reads with
``JSON.parse``; ``assets/mapper.js`` draws them (one canvas circle per
incident, clustered), builds popups with DOM APIs and ``textContent`` only,
and runs the filters, counter, histogram and URL-hash state.

Offline background: ``assets/ne_110m_countries.json`` is Natural Earth
1:110m Admin 0 countries (public domain) as packaged in the npm package
world-atlas 2.0.2 (ISC), decoded from TopoJSON and rounded to 0.01 degree.
It is drawn under the OpenStreetMap tiles, so the map stays readable when
tiles cannot load.
"""

from __future__ import annotations

import base64
import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from mapper.render.geojson import geojson_document, without_coordinates_count

# ACLED's six event types; Okabe-Ito colours (colour-blind safe).
EVENT_COLORS = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#E69F00",
    "Violence against civilians": "#CC79A7",
    "Protests": "#0072B2",
    "Riots": "#56B4E9",
    "Strategic developments": "#009E73",
}
OTHER_COLOR = "#6b6b6b"

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


# ---------------------------------------------------------------- helpers

def script_json(value: Any) -> str:
    """JSON text safe inside any HTML <script> element (and in JS source).

    ``<``, ``>`` and ``&`` become \\u escapes so no ``</script>`` or ``<!--``
    can appear; U+2028/U+2029 are escaped for pre-ES2019 JS parsers.
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _inline_script(source: str) -> str:
    source = re.sub(r"//# sourceMappingURL=\S*\s*$", "", source.rstrip())
    # A literal "</script" inside a JS library would end the element early.
    source = re.sub(r"</(script)", r"<\\/\1", source, flags=re.IGNORECASE)
    return "<script>\n" + source + "\n</script>"


def _inline_style(source: str) -> str:
    source = re.sub(r"/\*# sourceMappingURL=\S*\s*\*/", "", source)
    source = re.sub(r"</(style)", r"<\\/\1", source, flags=re.IGNORECASE)
    return "<style>\n" + source + "\n</style>"


def _asset(name: str) -> str:
    return resources.files("mapper.render").joinpath("assets", name).read_text(encoding="utf-8")


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)


def _markercluster_dir() -> Path:
    import xstatic.pkg.leaflet_markercluster as markercluster

    return Path(markercluster.BASE_DIR)


def _leaflet_css() -> str:
    base = _leaflet_dir()
    css = (base / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match) -> str:
        image = base / "images" / match.group(1)
        if not image.is_file():
            return match.group(0)
        encoded = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", data_uri, css)


_LIBRARY_CACHE: dict[str, str] = {}


def _library_block() -> str:
    if "block" not in _LIBRARY_CACHE:
        mc = _markercluster_dir()
        parts = [
            _inline_style(_leaflet_css()),
            _inline_style((mc / "MarkerCluster.css").read_text(encoding="utf-8")),
            _inline_style(_asset("mapper.css")),
            _inline_script((_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")),
            _inline_script((mc / "leaflet.markercluster.js").read_text(encoding="utf-8")),
            _inline_script(_asset("mapper.js")),
        ]
        _LIBRARY_CACHE["block"] = "\n".join(parts)
    return _LIBRARY_CACHE["block"]


def _countries_json() -> str:
    if "countries" not in _LIBRARY_CACHE:
        doc = json.loads(_asset("ne_110m_countries.json"))
        _LIBRARY_CACHE["countries"] = script_json(doc)
    return _LIBRARY_CACHE["countries"]


# ---------------------------------------------------------------- elements

class InlineLibraries(MacroElement):
    """Leaflet, MarkerCluster and the mapper page code, inlined in <head>."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        {{ this.block }}
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "InlineLibraries"
        self.block = _library_block()


class PageTitle(Element):
    """<title> and a description, HTML-escaped."""

    def __init__(self, title: str):
        super().__init__()
        self._name = "PageTitle"
        self.title = title

    def render(self, **kwargs) -> str:
        return f"<title>{html.escape(self.title)}</title>"


class OfflineBasemap(MacroElement):
    """Natural Earth 110m country polygons drawn under the tiles."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <script type="application/json" id="mapper-countries">{{ this.countries }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        mapperBasemap({{ this._parent.get_name() }}, "mapper-countries");
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "OfflineBasemap"
        self.countries = _countries_json()


class IncidentLayer(MacroElement):
    """All incidents as one embedded GeoJSON plus the controls that drive it."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <script type="application/json" id="mapper-data">{{ this.data }}</script>
        <script type="application/json" id="mapper-config">{{ this.config }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        mapperIncidents({{ this._parent.get_name() }}, "mapper-data", "mapper-config");
        {% endmacro %}
        """
    )

    def __init__(self, doc: dict, *, title: str, credit: str):
        super().__init__()
        self._name = "IncidentLayer"
        self.doc = doc
        self.data = script_json(doc)
        self.config = script_json(
            {
                "title": title,
                "credit": credit,
                "colors": EVENT_COLORS,
                "otherColor": OTHER_COLOR,
                "withoutCoordinates": without_coordinates_count(doc),
            }
        )


# ---------------------------------------------------------------- API

def _bounds(doc: dict):
    lats = [f["geometry"]["coordinates"][1] for f in doc["features"]]
    lons = [f["geometry"]["coordinates"][0] for f in doc["features"]]
    if not lats:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def build_map(joined: pd.DataFrame, title: str = "Incident map", credit: str = "") -> folium.Map:
    """The incident map as a ``folium.Map`` (display it, extend it, or ``write_map`` it)."""
    doc = geojson_document(joined)
    bounds = _bounds(doc)
    if bounds:
        center = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]
    else:
        center = [20.0, 20.0]
    fmap = folium.Map(
        location=center,
        zoom_start=6 if bounds else 2,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        world_copy_jump=True,
    )
    # folium's defaults are CDN links (Leaflet, jQuery, Bootstrap, ...):
    # nothing of them is needed; Leaflet itself is inlined below.
    fmap.default_js = []
    fmap.default_css = []
    figure = fmap.get_root()
    figure.header.add_child(PageTitle(title), name="mapper_title")
    fmap.add_child(InlineLibraries(), name="mapper_libraries")
    folium.TileLayer(
        tiles=OSM_TILES,
        attr=OSM_ATTRIBUTION,
        name="OpenStreetMap",
        max_zoom=19,
    ).add_to(fmap)
    fmap.add_child(OfflineBasemap(), name="mapper_basemap")
    fmap.add_child(IncidentLayer(doc, title=title, credit=credit), name="mapper_incidents")
    if bounds:
        fmap.fit_bounds(bounds, padding_top_left=(40, 40), padding_bottom_right=(340, 40), max_zoom=10)
    return fmap


def _walk(element):
    yield element
    for child in list(element._children.values()):
        yield from _walk(child)


def assign_stable_ids(fmap: folium.Map) -> None:
    """Replace folium's random element ids by ones derived from tree position.

    Called by ``render_html``; also re-run after a notebook user added
    elements, so any map written by ``write_map`` is byte-for-byte stable.
    """
    root = fmap.get_root()
    for index, element in enumerate(_walk(root)):
        element._id = f"{index:04d}"


def render_html(fmap: folium.Map) -> str:
    assign_stable_ids(fmap)
    root = fmap.get_root()
    if not isinstance(root, Figure):  # pragma: no cover - folium always adds one
        root = Figure()
        root.add_child(fmap)
    text = root.render()
    # Jinja leaves trailing spaces and blank runs; keep the file tidy & stable.
    text = re.sub(r"[ \t]+\n", "\n", text)
    return text


def write_map(fmap: folium.Map, path) -> None:
    """Write the single self-contained HTML file atomically."""
    from mapper.storage import write_atomic

    write_atomic(path, render_html(fmap))
