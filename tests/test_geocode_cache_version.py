"""Gazetteer answers are cached under the gazetteer's version: an older gazetteer's answer is not reused."""

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from mapper.cli import cli
from mapper.geocode.chain import gazetteer_provider_name
from mapper.geocode.gazetteer_index import answers_version

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))


def _build(folder):
    result = CliRunner().invoke(cli, ["build", "--seeds", str(folder / "seeds"), "--data", str(folder / "data"),
                                      "--maps", str(folder / "maps"), "--workers", "1"])
    assert result.exit_code == 0, result.output


def _latakia(folder):
    rows = (folder / "data" / "places.csv").read_text(encoding="utf-8").splitlines()
    return next(row for row in rows if ",Latakia," in row)


def test_the_provider_name_carries_the_gazetteer_version():
    assert gazetteer_provider_name() == f"geonames@{answers_version()}"
    assert answers_version().startswith("gnc")


def test_an_answer_of_another_gazetteer_version_is_kept_in_the_file_but_not_used(tmp_path):
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    (tmp_path / "data").mkdir()
    _build(tmp_path)
    before = _latakia(tmp_path)
    path = tmp_path / "data" / "geocache.json"
    cache = json.loads(path.read_text(encoding="utf-8"))
    stale = {"params": {}, "provider": "geonames", "query": "Latakia", "results": [
        {"admin1": "", "admin1_code": "", "country_code": "GR", "geonameid": 1, "kind": "populated",
         "latitude": 38.0, "longitude": 23.7, "match": "exact", "matched_alias": "Latakia", "name": "Latakia",
         "population": 9999999}]}
    cache["entries"]["geonames|latakia|{}"] = stale  # as an older mapper keyed it
    path.write_text(json.dumps(cache), encoding="utf-8")
    _build(tmp_path)
    assert _latakia(tmp_path) == before and ",SY," in before
    assert json.loads(path.read_text(encoding="utf-8"))["entries"]["geonames|latakia|{}"] == stale
