"""Countries at the centre of their main landmass (tools/build_countries.py), not a whole-degree guess."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("build_countries", ROOT / "tools" / "build_countries.py")
build_countries = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_countries)


def _outline(*rings):
    return {"geoJSON": {"features": [{"geometry": {"type": "MultiPolygon",
                                                    "coordinates": [[list(map(list, ring))] for ring in rings]}}]}}


def test_the_point_is_the_centroid_of_the_largest_polygon_not_of_an_island():
    mainland = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]  # lon, lat
    island = [(30, 30), (31, 30), (31, 31), (30, 31), (30, 30)]
    lat, lon = build_countries.landmass_centre(_outline(island, mainland))
    assert abs(lat - 5) < 1e-9 and abs(lon - 5) < 1e-9


def test_a_centroid_outside_a_concave_outline_is_not_used():
    horseshoe = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 9), (9, 9), (9, 1), (0, 1), (0, 0)]  # a "C" open to the west
    assert build_countries.landmass_centre(_outline(horseshoe)) is None
