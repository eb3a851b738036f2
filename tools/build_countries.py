"""Build mapper/geocode/data/countries.tsv: one representative point and radius per country.

A country mentioned in a report means the country as a whole; its point
should be where readers (and gazetteers) put it, not the town nearest the
middle of its bounding box (that puts the United States in Arizona). The
``countryinfo`` package (MIT licence, Copyright (c) 2018 Porimol Chandro)
ships restcountries' data, whose ``latlng`` is the conventional country
point (the US at 38N 97W, Kansas), with ``area`` in km² and
``capital_latlng``. It is read here at build time only, not a runtime
dependency.

Rules (general, one per column):
- point: restcountries' ``latlng``, the CIA World Factbook's "geographic
  coordinates" of the country, which GeoNames' own country features follow
  for most countries (Russia 60N 100E, China 35N 105E, Canada 60N 95W):
  the point gazetteers, atlases and other geoparsers give a country, so a
  pin for "Russia" agrees with what a reader checks it against. A country
  whose geographic centre is named in COUNTRY_CENTRES uses that point
  instead, with its note (the US: the centre of the contiguous states in
  Kansas, which GeoNames uses, where the Factbook's 38N 97W is 235 km
  south-east). The capital for small states (area < SMALL_STATE_KM2,
  e.g. Bahrain, Singapore, Malta: the capital is the state), and for
  countries with no ``latlng`` (Palestine -> Jerusalem). A capital more
  than CAPITAL_SANITY_KM from ``latlng`` is a data error (Réunion's
  capital_latlng is Paris) and is not used. ``landmass_centre`` (the
  centroid of the largest outline polygon) is kept as a check: a Factbook
  point more than LANDMASS_SANITY_KM from it is reported, not used
  silently.
- radius_km: the radius of a disc of the country's area, sqrt(area / pi),
  between MIN_RADIUS_KM and MAX_RADIUS_KM (Russia's 2,340 km would say
  nothing); blank when the area is unknown (the index then uses the spread
  of the country's places).

It also writes data/macro_regions.tsv: the UN M49 sub-regions and
intermediate regions countryinfo names for each country ("Western Asia",
"South-eastern Asia", "Western Africa"), each at the median of its member
countries' points, its radius reaching 90% of them (at most
MACRO_MAX_RADIUS_KM), with the member codes.

Usage:
    python tools/build_countries.py                      # runs `pip download countryinfo`
    python tools/build_countries.py --wheel countryinfo-1.0.1-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "mapper" / "geocode" / "data" / "countries.tsv"
CI_VERSION = "1.0.1"
SMALL_STATE_KM2 = 2_500.0
CAPITAL_SANITY_KM = 500.0
MIN_RADIUS_KM = 10.0
MAX_RADIUS_KM = 1_500.0
LANDMASS_SANITY_KM = 1_500.0
# A country's named geographic centre where GeoNames and atlases use it rather than the Factbook's rounded
# point: code -> (lat, lon, note). One entry, with its source; add others only with a published centre.
COUNTRY_CENTRES = {
    "US": (39.8283, -98.5795, "geographic centre of the contiguous United States near Lebanon, Kansas (NGS)"),
}
MACRO_OUTPUT = REPO / "mapper" / "geocode" / "data" / "macro_regions.tsv"
MACRO_MAX_RADIUS_KM = 3_000.0


def download_wheel(folder: str) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                    f"countryinfo=={CI_VERSION}", "-d", folder], check=True)
    (found,) = Path(folder).glob("countryinfo-*.whl")
    return found


def read_countries(wheel: Path) -> list[dict]:
    with zipfile.ZipFile(wheel) as archive:
        members = sorted(n for n in archive.namelist() if n.startswith("countryinfo/data/") and n.endswith(".json"))
        return [json.loads(archive.read(name)) for name in members]


def _km(a: list[float], b: list[float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _pair(value) -> list[float] | None:
    # capital_latlng is sometimes a list of pairs (Bonaire, Sint Eustatius and Saba): no single capital.
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        return [float(value[0]), float(value[1])]
    return None


def _rings(info: dict) -> list[list[tuple[float, float]]]:
    """The outer rings (lon, lat) of the country's outline polygons."""
    outline = info.get("geoJSON")
    if isinstance(outline, str):
        outline = ast.literal_eval(outline)  # countryinfo stores it as a Python literal
    rings = []
    for feature in (outline or {}).get("features", []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            rings.append(geometry["coordinates"][0])
        elif geometry.get("type") == "MultiPolygon":
            rings += [polygon[0] for polygon in geometry["coordinates"]]
    return [[(float(x), float(y)) for x, y, *_ in ring] for ring in rings if len(ring) >= 4]


def _area_and_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Shoelace area (degrees²) and centroid (lat, lon) of a ring."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if area == 0:
        return 0.0, 0.0, 0.0
    return abs(area / 2), cy / (3 * area), cx / (3 * area)


def _inside(ring: list[tuple[float, float]], lat: float, lon: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def landmass_centre(info: dict) -> list[float] | None:
    """The centroid of the largest polygon, if it lies inside it."""
    rings = _rings(info)
    if not rings:
        return None
    ring = max(rings, key=lambda r: _area_and_centroid(r)[0])
    area, lat, lon = _area_and_centroid(ring)
    return [lat, lon] if area and _inside(ring, lat, lon) else None


def row_for(info: dict) -> tuple[str, float, float, str, str] | None:
    code = (info.get("ISO") or {}).get("alpha2", "")
    latlng, capital = _pair(info.get("latlng")), _pair(info.get("capital_latlng"))
    area = info.get("area")
    if capital and latlng and _km(capital, latlng) > CAPITAL_SANITY_KM:
        capital = None
    if code in COUNTRY_CENTRES:
        point, source = list(COUNTRY_CENTRES[code][:2]), "centre"
    elif latlng and not (capital and area and area < SMALL_STATE_KM2):
        point, source = latlng, "latlng"
    elif capital:
        point, source = capital, "capital"
    else:
        return None
    centre = landmass_centre(info)
    if centre and _km(centre, point) > LANDMASS_SANITY_KM:
        print(f"warning: {code}'s point {point} is {_km(centre, point):.0f} km from its main landmass", file=sys.stderr)
    radius = ""
    if area:
        radius = f"{min(MAX_RADIUS_KM, max(MIN_RADIUS_KM, math.sqrt(float(area) / math.pi))):.0f}"
    return code, round(point[0], 5), round(point[1], 5), radius, source


def build(wheel: Path) -> list[tuple]:
    rows = {}
    for info in read_countries(wheel):
        row = row_for(info)
        if row and len(row[0]) == 2 and row[0] not in rows:
            rows[row[0]] = row
    return [rows[code] for code in sorted(rows)]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


# countryinfo's top level ("region") where no continent is called so: "the Americas" is both
# Americas; Africa, Asia, Europe and Oceania are continents of their own (continents.json).
WHOLE_REGIONS = frozenset({"Americas"})


def macro_regions(wheel: Path, rows: list[tuple]) -> list[tuple]:
    points = {row[0]: [row[1], row[2]] for row in rows}
    members: dict[str, set[str]] = {}
    for info in read_countries(wheel):
        code = (info.get("ISO") or {}).get("alpha2", "")
        for field in ("subregion", "intermediateregion", "region"):
            if info.get(field) and code in points and (field != "region" or info[field] in WHOLE_REGIONS):
                members.setdefault(info[field], set()).add(code)
    result = []
    for name, codes in sorted(members.items()):
        lat = _median([points[c][0] for c in codes])
        lon = _median([points[c][1] for c in codes])
        reach = sorted(_km([lat, lon], points[c]) for c in codes)
        radius = min(MACRO_MAX_RADIUS_KM, max(MIN_RADIUS_KM, reach[min(len(reach) - 1, int(0.9 * len(reach)))]))
        result.append((name, round(lat, 3), round(lon, 3), f"{radius:.0f}", " ".join(sorted(codes))))
    return result


def write_atomically(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="countryinfo wheel (.whl)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        wheel = args.wheel or download_wheel(folder)
        rows = build(wheel)
        macros = macro_regions(wheel, rows)
    header = (
        f"# Representative point and radius of each country, from countryinfo {CI_VERSION}'s data/*.json\n"
        "# (restcountries data and Natural Earth outlines; MIT licence, Copyright (c) 2018 Porimol Chandro):\n"
        "# latlng (the Factbook's geographic coordinates, as GeoNames), a named geographic centre (source centre,\n"
        f"# COUNTRY_CENTRES), or the capital (capital_latlng) for states under {SMALL_STATE_KM2:.0f} km² or without latlng;\n"
        f"# radius_km = sqrt(area/pi) within {MIN_RADIUS_KM:.0f}-{MAX_RADIUS_KM:.0f} km, blank if the area is unknown.\n"
        "# Generated by tools/build_countries.py; do not edit by hand.\n"
        "code\tlatitude\tlongitude\tradius_km\tsource\n"
    )
    write_atomically(args.output, header + "".join("\t".join(str(v) for v in row) + "\n" for row in rows))
    print(f"wrote {len(rows)} countries to {args.output}")
    macro_header = (
        f"# UN M49 sub-regions and intermediate regions of countryinfo {CI_VERSION}'s data/*.json (subregion,\n"
        "# intermediateregion; and the region Americas, which no continent names; MIT licence): median of the\n"
        "# member countries' points in countries.tsv,\n"
        f"# radius_km reaching 90% of them (at most {MACRO_MAX_RADIUS_KM:.0f}). Common names for them are in\n"
        "# macro_region_aliases.tsv. Generated by tools/build_countries.py; do not edit by hand.\n"
        "name\tlatitude\tlongitude\tradius_km\tcountries\n"
    )
    write_atomically(MACRO_OUTPUT, macro_header + "".join("\t".join(str(v) for v in row) + "\n" for row in macros))
    print(f"wrote {len(macros)} macro-regions to {MACRO_OUTPUT}")


if __name__ == "__main__":
    main()
