"""Write small GeoNames-format dumps (the 19-column tab-separated export) for the import tests.

The places are invented (ids above 9,000,000,000, which GeoNames does not use), except where a
test needs a real geonameid to replace the built-in entry.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from mapper.geocode.gazetteer import Gazetteer, index_path

VILLAGE_ID = 9000000001
VILLAGE = "Kafr Zaytunat"  # invented: no gazetteer has it
VILLAGE_ALIAS = "Kefr Zeitunat"
VILLAGE_POINT = (35.612, 36.553)


def line(gid: int, name: str, lat: float, lon: float, feature_class: str = "P", code: str = "PPL",
         country: str = "SY", admin1: str = "12", population: int = 0, alternates: str = "",
         admin2: str = "") -> str:
    fields = [str(gid), name, name, alternates, str(lat), str(lon), feature_class, code, country, "",
              admin1, admin2, "", "", str(population), "", "350", "Asia/Damascus", "2024-05-01"]
    assert len(fields) == 19
    return "\t".join(fields)


def village_lines() -> list[str]:
    return [line(VILLAGE_ID, VILLAGE, *VILLAGE_POINT, alternates=f"{VILLAGE_ALIAS},كفر زيتونات")]


def write_txt(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(f"{text}\n" for text in lines), encoding="utf-8")
    return path


def write_zip(path: Path, lines: list[str]) -> Path:
    """As download.geonames.org ships a country file: SY.zip holding SY.txt and readme.txt."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(path.stem + ".txt", "".join(f"{text}\n" for text in lines))
        archive.writestr("readme.txt", "not data: a line without tabs\n")
    return path


def cache_with_builtin_index(folder: Path) -> Path:
    """A cache folder holding the built-in index (linked from the default one, built if missing)."""
    Gazetteer.open().close()
    folder.mkdir(parents=True, exist_ok=True)
    target = index_path(folder)
    if not target.exists():
        try:
            os.link(index_path(), target)
        except OSError:
            shutil.copyfile(index_path(), target)
    return folder
