"""The incident map: one self-contained, offline-capable, deterministic HTML file.

Built with folium (so a notebook user gets a ``folium.Map`` to display or
extend) but with none of folium's CDN links: Leaflet and Leaflet.markercluster
are inlined from the pip-installed XStatic packages, and our own JS/CSS from
``mapper/render/assets``. All incidents travel once, as one GeoJSON inside a
``<script type="application/json">`` block that the page reads with
``JSON.parse``; the page code (ES modules in ``assets/js/``, concatenated
into one script by ``bundle.py``) draws them (one canvas circle per
incident, clustered), builds popups with DOM APIs and ``textContent`` only,
and runs the filters, counter, histogram and URL-hash state.

Offline background: ``assets/ne_110m_countries.json`` and
``assets/ne_50m_countries.json`` are Natural Earth 1:110m and 1:50m Admin 0
countries (public domain) as packaged in the npm package world-atlas 2.0.2
(ISC), decoded from TopoJSON, rounded to 0.01 degree, Antarctica dropped
(no maintained pip package ships them without a GIS stack). The page gets
1:50m near the incidents and 1:110m elsewhere.
It is drawn under the OpenStreetMap tiles, so the map stays readable when
tiles cannot load.
"""

from __future__ import annotations

import base64
import copy
import html
import itertools
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from branca.element import Element, Figure, MacroElement
from folium.elements import ElementAddToElement

from mapper.render.bundle import bundle
from mapper.render.geojson import geojson_document, without_coordinates_count
from mapper.render.packing import pack_features
from mapper.schema import NUMERIC_COLUMNS, TABLE_COLUMNS

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

# A "{" that would open a Jinja tag ("{{", "{%", "{#"). In compact JSON a
# structural "{" is always followed by '"' or "}", so every match lies inside
# a string, where "\u007b" decodes to the same "{".
_TEMPLATE_OPENER = re.compile(r"\{(?=[{%#])")


def script_json(value: Any) -> str:
    """JSON text safe inside any HTML <script> element (and in JS source).

    ``<``, ``>`` and ``&`` become \\u escapes so no ``</script>`` or ``<!--``
    can appear; U+2028/U+2029 are escaped for pre-ES2019 JS parsers; a ``{``
    that would open template syntax (``{{ 7*7 }}`` in an article) becomes
    ``\\u007b``, so the text is inert even if a template engine ever sees it.
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    text = (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return _TEMPLATE_OPENER.sub(r"\\u007b", text)


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
    # one name per joinpath: Python 3.10's Traversable.joinpath takes a single child
    return (resources.files("mapper.render") / "assets" / name).read_text(encoding="utf-8")


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


_LIBRARY_CACHE: dict[str, Any] = {}  # "block": the inlined libraries; a basemap file: its features


def _library_block() -> str:
    if "block" not in _LIBRARY_CACHE:
        mc = _markercluster_dir()
        parts = [
            _inline_style(_leaflet_css()),
            _inline_style((mc / "MarkerCluster.css").read_text(encoding="utf-8")),
            _inline_style(_asset("mapper.css")),
            _inline_script((_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")),
            _inline_script((mc / "leaflet.markercluster.js").read_text(encoding="utf-8")),
            _inline_script(bundle()),
        ]
        _LIBRARY_CACHE["block"] = "\n".join(parts)
    return _LIBRARY_CACHE["block"]


def _countries(name: str) -> list[dict]:
    if name not in _LIBRARY_CACHE:
        _LIBRARY_CACHE[name] = json.loads(_asset(name))["features"]
    return _LIBRARY_CACHE[name]


def _feature_bbox(feature: dict) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for polygon in feature["geometry"]["coordinates"]:
        for x, y in polygon[0]:
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def _labelled(feature: dict) -> dict:
    """Feature plus label_lat/label_lon: centroid of its largest polygon."""
    best = None
    for polygon in feature["geometry"]["coordinates"]:
        ring = polygon[0]
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if area and (best is None or abs(area) > best[0]):
            best = (abs(area), cx / (3 * area), cy / (3 * area))
    properties = dict(feature["properties"])
    if best:
        properties["label_lat"] = round(best[2], 2)
        properties["label_lon"] = round(best[1], 2)
    return {**feature, "properties": properties}


def basemap_document(bounds) -> dict:
    """Country polygons for the offline background.

    Natural Earth 1:50m for the countries around the incidents (bounds
    padded by half their size, at least 5 degrees), 1:110m for the rest of
    the world, so the file stays small but the area of interest is drawn
    with a recognisable coastline.
    """
    coarse = _countries("ne_110m_countries.json")
    if not bounds:
        return {"type": "FeatureCollection", "features": coarse}
    (south, west), (north, east) = bounds
    pad_lat = max(5.0, (north - south) / 2)
    pad_lon = max(5.0, (east - west) / 2)
    box = (west - pad_lon, south - pad_lat, east + pad_lon, north + pad_lat)
    detailed = []
    for feature in _countries("ne_50m_countries.json"):
        x0, y0, x1, y1 = _feature_bbox(feature)
        if x0 <= box[2] and x1 >= box[0] and y0 <= box[3] and y1 >= box[1]:
            detailed.append(feature)
    detailed = [_labelled(f) for f in detailed]
    names = {f["properties"]["name"] for f in detailed}
    rest = [f for f in coarse if f["properties"]["name"] not in names]
    return {"type": "FeatureCollection", "features": rest + detailed}


# ---------------------------------------------------------------- elements

class RawElement(Element):
    """Text placed in the page exactly as given: never compiled as a template.

    branca's ``MacroElement.render`` wraps each macro's output in
    ``Element(text)``, which compiles ``text`` as a Jinja2 template, so an
    article sentence holding ``{{ cycler.__init__.__globals__.os.system(...) }}``
    ran at build time. Our elements hand their parts to the page as these.
    """

    def __init__(self, text: str):
        super().__init__()
        self._name = "RawElement"
        self.text = text

    # branca renders every element with the figure's keywords; raw text has no use for them.
    def render(self, **kwargs) -> str:  # noqa: ARG002
        return self.text


class PagePart(MacroElement):
    """A folium element whose header, body and script are Python strings.

    Subclasses return their parts from ``header_html``/``body_html``/
    ``script_js`` (or None); no template engine sees them, so data inside
    them stays data.
    """

    def header_html(self) -> str | None:
        return None

    def body_html(self) -> str | None:
        return None

    def script_js(self) -> str | None:
        return None

    def parent_name(self) -> str:
        """The JavaScript name of the map (or layer) this part was added to."""
        assert self._parent is not None, "a page part is rendered only once added to a map"
        return self._parent.get_name()

    def render(self, **kwargs) -> str:
        """Writes the parts into the figure's header, body and script; no markup of its own ("")."""
        figure = self.get_root()
        assert isinstance(figure, Figure), "You cannot render this Element if it is not in a Figure."
        for part, text in ((figure.header, self.header_html()), (figure.html, self.body_html()),
                           (figure.script, self.script_js())):
            if text is not None:
                part.add_child(RawElement(text), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)
        return ""


class InlineLibraries(PagePart):
    """Leaflet, MarkerCluster and the mapper page code, inlined in <head>."""

    def __init__(self):
        super().__init__()
        self._name = "InlineLibraries"
        self.block = _library_block()

    def header_html(self) -> str:
        return self.block


class PageTitle(Element):
    """<title> and a description, HTML-escaped."""

    def __init__(self, title: str):
        super().__init__()
        self._name = "PageTitle"
        self.title = title

    def render(self, **kwargs) -> str:  # noqa: ARG002 (branca's render keywords, see RawElement)
        return f"<title>{html.escape(self.title)}</title>"


def _json_block(element_id: str, json_text: str) -> str:
    """A ``<script type="application/json">`` block; ``json_text`` comes from ``script_json``."""
    return f'<script type="application/json" id="{element_id}">{json_text}</script>'


class OfflineBasemap(PagePart):
    """Natural Earth country polygons (and names) drawn under the tiles."""

    def __init__(self, bounds=None):
        super().__init__()
        self._name = "OfflineBasemap"
        self.countries = script_json(basemap_document(bounds))

    def body_html(self) -> str:
        return _json_block("mapper-countries", self.countries)

    def script_js(self) -> str:
        return f'mapperBasemap({self.parent_name()}, "mapper-countries");'


class IncidentLayer(PagePart):
    """All incidents as one embedded GeoJSON plus the controls that drive it."""

    def __init__(self, doc: dict, *, title: str, credit: str, bounds=None):
        super().__init__()
        self._name = "IncidentLayer"
        self.data = script_json(pack_features(doc))
        self.config = script_json(
            {
                "title": title,
                "credit": credit,
                "colors": EVENT_COLORS,
                "otherColor": OTHER_COLOR,
                "withoutCoordinates": without_coordinates_count(doc),
                # "Download the data (CSV)" writes data/incidents.csv's columns, numbers as mapper writes them
                "tableColumns": TABLE_COLUMNS,
                "numericColumns": sorted(NUMERIC_COLUMNS),
                # initial view, fitted by the page before drawing (no animation)
                "bounds": bounds,
            }
        )

    def body_html(self) -> str:
        return _json_block("mapper-data", self.data) + "\n" + _json_block("mapper-config", self.config)

    def script_js(self) -> str:
        return f'mapperIncidents({self.parent_name()}, "mapper-data", "mapper-config");'


# ---------------------------------------------------------------- API

def _bounds(doc: dict):
    lats = [f["geometry"]["coordinates"][1] for f in doc["features"]]
    lons = [f["geometry"]["coordinates"][0] for f in doc["features"]]
    if not lats:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def build_map(joined: pd.DataFrame, title: str = "Incident map", credit: str = "", *,
              document: dict | None = None) -> folium.Map:
    """The incident map as a ``folium.Map`` (display it, extend it, or ``write_map`` it).

    The page needs nothing from the network but map tiles. Folium elements a
    user adds afterwards may bring their own CDN links back (folium plugins
    and icons declare them); the ones built here do not. ``document`` is
    ``geojson_document(joined)`` when the caller has already built it.
    """
    doc = document if document is not None else geojson_document(joined)
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
    assert isinstance(figure, Figure)  # folium puts every Map in a Figure
    figure.header.add_child(PageTitle(title), name="mapper_title")
    fmap.add_child(InlineLibraries(), name="mapper_libraries")
    folium.TileLayer(
        tiles=OSM_TILES,
        attr=OSM_ATTRIBUTION,
        name="OpenStreetMap",
        max_zoom=19,
    ).add_to(fmap)
    fmap.add_child(OfflineBasemap(bounds), name="mapper_basemap")
    fmap.add_child(IncidentLayer(doc, title=title, credit=credit, bounds=bounds), name="mapper_incidents")
    return fmap


def _walk(element):
    yield element
    for child in list(element._children.values()):
        yield from _walk(child)


_RENDERED_KEY = re.compile(r"_(?:[0-9a-f]{32}|\d{4})$")


def assign_stable_ids(root) -> None:
    """Replace folium's random element ids by ones derived from tree position."""
    for index, element in enumerate(_walk(root)):
        element._id = f"{index:04d}"


def render_html(fmap: folium.Map) -> str:
    """The page as text, byte-for-byte the same for the same map.

    Renders a copy of the figure: folium's element ids are random and a
    render leaves its output in the figure (a notebook display does), so the
    copy drops the output of earlier renders and numbers the elements by
    their place in the tree. ``fmap`` itself is left as it was.
    """
    root = copy.deepcopy(fmap.get_root())
    if not isinstance(root, Figure):  # a Map detached from its Figure
        figure = Figure()
        figure.add_child(root)
        root = figure
    # Layer.render adds an ElementAddToElement child holding the names of the
    # moment as plain strings; it is re-added at every render.
    for element in list(_walk(root)):
        for key, child in list(element._children.items()):
            if isinstance(child, ElementAddToElement):
                del element._children[key]
    # Output of earlier renders sits in the figure under the element's name
    # (camel name + random 32-hex id, or our 4-digit one): drop it all.
    for part in (root.header, root.html, root.script):
        for key in [k for k in part._children if _RENDERED_KEY.search(k)]:
            del part._children[key]
    assign_stable_ids(root)
    text = _accessible_page(root.render())
    # Jinja leaves trailing spaces; strip them so the file diffs cleanly.
    return re.sub(r"[ \t]+\n", "\n", text)


# folium's Map header forbids page zoom (maximum-scale=1.0, user-scalable=no) and
# branca's Figure writes <html> without a language: readers who zoom the page, and
# screen readers choosing a voice, need both (WCAG 1.4.4, 3.1.1).
_FOLIUM_VIEWPORT = re.compile(r'<meta name="viewport" content="width=device-width,\s*initial-scale=1\.0,'
                              r'\s*maximum-scale=1\.0,\s*user-scalable=no"\s*/>')
PAGE_LANGUAGE = "en"


def _accessible_page(text: str) -> str:
    text = _FOLIUM_VIEWPORT.sub('<meta name="viewport" content="width=device-width, initial-scale=1.0" />', text)
    if text.startswith("<!DOCTYPE html>\n<html>"):
        text = text.replace("<html>", f'<html lang="{PAGE_LANGUAGE}">', 1)
    return text


def write_map(fmap: folium.Map, path) -> None:
    """Write the single self-contained HTML file atomically."""
    from mapper.storage import write_atomic

    write_atomic(path, render_html(fmap))
