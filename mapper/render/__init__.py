"""Render stage: the joined incident table as GeoJSON and as a web map.

    from mapper.render import geojson_document, build_map, write_map
    doc = geojson_document(joined)          # RFC 7946 FeatureCollection (dict)
    fmap = build_map(joined, title=..., credit=...)   # folium.Map
    write_map(fmap, "out/map.html")        # one self-contained HTML file
"""

from mapper.render.geojson import (
    geojson_document,
    geojson_text,
    ungeocoded,
    without_coordinates_count,
    write_geojson,
)
from mapper.render.map import EVENT_COLORS, build_map, render_html, write_map

__all__ = [
    "EVENT_COLORS",
    "build_map",
    "geojson_document",
    "geojson_text",
    "render_html",
    "ungeocoded",
    "without_coordinates_count",
    "write_geojson",
    "write_map",
]
