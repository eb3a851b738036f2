"""The seed article end to end, as a user runs it: offline, twice, byte-identical."""

import csv
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open an internet socket fails the test."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError(f"network used: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def workdir(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "places_overrides.csv", tmp_path / "data")
    return tmp_path


def build(folder):
    result = CliRunner().invoke(
        cli, ["build", "--seeds", str(folder / "seeds"), "--data", str(folder / "data"), "--maps", str(folder / "maps")]
    )
    assert result.exit_code == 0, result.output
    return result


def rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def near(row, lat, lon, tolerance=0.05):
    return abs(float(row["latitude"]) - lat) < tolerance and abs(float(row["longitude"]) - lon) < tolerance


@pytest.mark.usefixtures("no_network")
def test_seed_places_are_right_offline(workdir):
    build(workdir)
    places = {row["place"]: row for row in rows(workdir / "data" / "places.csv")}
    # Coordinates are the towns' own (GeoNames / the aerodrome reference point), not regions.
    expected_towns = {
        "Latakia": (35.53, 35.79, "SY"),
        "Baniyas": (35.18, 35.95, "SY"),
        "Jableh": (35.36, 35.93, "SY"),
        "Damascus": (33.51, 36.29, "SY"),
        "Al-Janoudiya": (35.88, 36.29, "SY"),
        "Hmeimim": (35.401, 35.949, "SY"),
    }
    for name, (lat, lon, cc) in expected_towns.items():
        row = places[name]
        assert near(row, lat, lon), (name, row)
        assert row["geo_precision"] == "1" and row["country_code"] == cc, row
    assert places["Hmeimim"]["provider"] == "override"
    assert places["Lebanon"]["country_code"] == "LB" and places["Lebanon"]["geo_precision"] == "3"
    # Tuwaym is in no gazetteer here: approximate in central Syria, never a pin.
    tuwaym = places["Tuwaym"]
    assert tuwaym["geo_precision"] == "3" and tuwaym["country_code"] == "SY" and tuwaym["provider"] == "region"
    assert 34.0 < float(tuwaym["latitude"]) < 35.6 and 36.5 < float(tuwaym["longitude"]) < 40.0
    assert "Tuwaym" in [row["place"] for row in rows(workdir / "data" / "unresolved.csv")]
    # People, organisations, sects and agencies are not places.
    for not_a_place in ("Ali Sheha", "Sheha", "Haidar Nasser", "Nasser", "Rami Abdurrahman", "Syrian Observatory",
                        "Associated Press", "Alawite", "Alawites", "Sunni", "Assad", "Russian"):
        assert not_a_place not in places
    for row in places.values():
        assert row["resolution"] and "\n" not in row["resolution"]


@pytest.mark.usefixtures("no_network")
def test_second_build_with_the_cache_changes_no_byte(workdir):
    build(workdir)
    outputs = ["data/places.csv", "data/geocache.json", "data/incidents.csv", "data/unresolved.csv",
               "maps/incidents.geojson", "maps/incident_map.html"]
    first = {name: (workdir / name).read_bytes() for name in outputs}
    build(workdir)
    for name in outputs:
        assert (workdir / name).read_bytes() == first[name], name


@pytest.mark.usefixtures("no_network")
def test_committed_outputs_are_what_build_makes(workdir):
    """The repository's data/ and maps/ are regenerated from the current code."""
    shutil.copy(ROOT / "data" / "geocache.json", workdir / "data")
    build(workdir)
    texts = [f"data/texts/{path.stem}.txt" for path in sorted((ROOT / "seeds").glob("*.txt"))]
    for name in ["data/places.csv", "data/geocache.json", "data/incidents.csv", "data/unresolved.csv",
                 "data/aggregates.csv", "data/incidents_acled.csv", "data/rejected.csv", *texts,
                 "maps/incidents.geojson", "maps/incident_map.html"]:
        assert (workdir / name).read_bytes() == (ROOT / name).read_bytes(), f"{name} is stale: run mapper build"
