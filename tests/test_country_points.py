"""Country points (tools/build_countries.py): the Factbook point gazetteers use, a named centre, or the capital."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("build_countries", ROOT / "tools" / "build_countries.py")
build_countries = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_countries)


def _outline(*rings):
    return {"geoJSON": {"features": [{"geometry": {"type": "MultiPolygon",
                                                    "coordinates": [[list(map(list, ring))] for ring in rings]}}]}}


MAINLAND = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]  # lon, lat


def test_the_landmass_check_is_the_centroid_of_the_largest_polygon_not_of_an_island():
    island = [(30, 30), (31, 30), (31, 31), (30, 31), (30, 30)]
    lat, lon = build_countries.landmass_centre(_outline(island, MAINLAND))
    assert abs(lat - 5) < 1e-9 and abs(lon - 5) < 1e-9


def test_a_centroid_outside_a_concave_outline_is_not_used():
    horseshoe = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 9), (9, 9), (9, 1), (0, 1), (0, 0)]  # a "C" open to the west
    assert build_countries.landmass_centre(_outline(horseshoe)) is None


def test_a_large_country_keeps_the_factbook_point_not_its_landmass_centroid():
    # An invented country of 100,000 km²: the Factbook's whole-degree point is what GeoNames and atlases give it.
    info = {"ISO": {"alpha2": "QQ"}, "latlng": [7, 3], "capital_latlng": [8, 8], "area": 100_000, **_outline(MAINLAND)}
    code, lat, lon, radius, source = build_countries.row_for(info)
    assert (code, lat, lon, source) == ("QQ", 7.0, 3.0, "latlng")
    assert radius == "178"  # sqrt(100000 / pi)


def test_a_small_state_is_at_its_capital():
    info = {"ISO": {"alpha2": "QS"}, "latlng": [7, 3], "capital_latlng": [7.1, 3.1], "area": 600}
    assert build_countries.row_for(info)[1:3] == (7.1, 3.1)
    assert build_countries.row_for(info)[4] == "capital"


def test_a_capital_far_from_the_country_is_a_data_error_not_the_point():
    info = {"ISO": {"alpha2": "QR"}, "latlng": [-21, 55], "capital_latlng": [48.9, 2.35], "area": 2_000}
    assert build_countries.row_for(info)[1:3] == (-21.0, 55.0)


def test_a_named_geographic_centre_wins_over_the_factbook_point():
    info = {"ISO": {"alpha2": "US"}, "latlng": [38, -97], "capital_latlng": [38.9, -77.0], "area": 9_500_000}
    code, lat, lon, _, source = build_countries.row_for(info)
    assert source == "centre" and (lat, lon) == build_countries.COUNTRY_CENTRES["US"][:2]
