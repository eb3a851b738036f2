"""Faults and bad input: keep working, lose nothing, say what happened."""

import csv
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli import cli

from fake_nominatim import FakeNominatim

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))


def make_workdir(tmp_path, copies=1):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for index in range(copies):
        shutil.copy(SEED, seeds / f"{index:04d}.txt")
        shutil.copy(SEED.with_name(SEED.stem + ".meta.json"), seeds / f"{index:04d}.meta.json")
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "places_overrides.csv", tmp_path / "data")
    return tmp_path


def invoke(folder, *extra):
    return CliRunner().invoke(cli, ["build", "--seeds", str(folder / "seeds"), "--data", str(folder / "data"),
                                    "--maps", str(folder / "maps"), *extra])


def mapper_process(folder, seeds="seeds"):
    return subprocess.Popen(
        [sys.executable, "-m", "mapper", "build", "--seeds", str(folder / seeds), "--data", str(folder / "data"),
         "--maps", str(folder / "maps"), "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def assert_outputs_readable(folder):
    """Every file in data/ and maps/ parses: JSON loads, CSV has its header, HTML is whole."""
    for path in list((folder / "data").rglob("*")) + list((folder / "maps").glob("*")):
        if path.name.startswith(".") or path.suffix == ".lock" or path.is_dir():
            continue  # data/texts/ is a folder: its files are checked one by one
        text = path.read_text(encoding="utf-8")
        if path.suffix in (".json", ".geojson"):
            json.loads(text)
        elif path.suffix == ".csv":
            assert text.endswith("\n") and next(csv.reader(text.splitlines())), path
        elif path.suffix == ".html":
            assert text.rstrip().endswith("</html>"), path


def test_kill_9_at_any_moment_leaves_every_file_readable(tmp_path):
    folder = make_workdir(tmp_path, copies=60)
    assert invoke(folder).exit_code == 0  # a complete earlier run to be (not) destroyed
    (folder / "data" / "geocache.json").unlink()  # force the next runs to rewrite the cache too
    for delay in (0.3, 0.6, 0.9, 1.2, 1.6, 2.0):
        process = mapper_process(folder)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert_outputs_readable(folder)
        leftovers = [p.name for p in (folder / "data").iterdir() if p.name.endswith(".tmp")]
        # A killed writer may leave its temporary file, never a half-written real one.
        assert all(name.startswith(".") for name in leftovers)


def test_two_builds_at_once_both_finish_and_the_cache_keeps_both(tmp_path):
    folder = make_workdir(tmp_path)
    other = folder / "other_seeds"
    other.mkdir()
    (other / "ukraine.txt").write_text("Russian shelling hit Kharkiv on Monday, killing three civilians, officials said.")
    (other / "ukraine.meta.json").write_text(json.dumps({"published": "2024-05-13"}))
    first, second = mapper_process(folder), mapper_process(folder, seeds="other_seeds")
    outputs = [first.communicate(timeout=300), second.communicate(timeout=300)]
    assert first.returncode == 0 and second.returncode == 0, outputs
    entries = json.loads((folder / "data" / "geocache.json").read_text())["entries"]
    queries = {entry["query"] for entry in entries.values()}
    assert {"Baniyas", "Kharkiv"} <= queries


def test_corrupt_cache_is_kept_aside_named_and_rebuilt(tmp_path):
    folder = make_workdir(tmp_path)
    cache = folder / "data" / "geocache.json"
    cache.write_bytes(b'{"entries": {"geonames|latakia|{}": [truncated')
    result = invoke(folder)
    assert result.exit_code == 0, result.output
    kept = list((folder / "data").glob("geocache.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b'{"entries": {"geonames|latakia|{}": [truncated'
    assert str(cache) in result.output and kept[0].name in result.output
    assert json.loads(cache.read_text())["entries"]  # rebuilt


def test_bad_articles_are_named_and_the_rest_is_mapped(tmp_path):
    folder = make_workdir(tmp_path)
    seeds = folder / "seeds"
    (seeds / "blank.txt").write_text("\n\n")
    (seeds / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    (seeds / "folder.txt").mkdir()
    (seeds / "huge.txt").write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    (seeds / "arabic.txt").write_bytes("اشتباكات في حلب".encode("cp1256"))
    (seeds / "late.txt").write_text("Clashes in Aleppo killed two fighters on Monday.")
    (seeds / "late.meta.json").write_text('{"published": "2024-02-31"}')
    (seeds / "broken.txt").write_text("Clashes in Aleppo killed two fighters.")
    (seeds / "broken.meta.json").write_text("{published: 2024")
    result = invoke(folder)
    assert result.exit_code == 0, result.output
    for name, reason in [("blank.txt", "empty"), ("photo.txt", "binary"), ("folder.txt", "directory"),
                         ("huge.txt", "limit"), ("arabic.txt", "cp1256"), ("late.meta.json", "2024-02-31"),
                         ("broken.meta.json", "JSON")]:
        line = next((l for l in result.output.splitlines() if name in l), "")
        assert reason in line, (name, result.output)
    incidents = list(csv.DictReader(open(folder / "data" / "incidents.csv", encoding="utf-8")))
    articles = {row["article"] for row in incidents}
    assert {"0000", "late", "broken"} <= articles  # kept, without a date where the sidecar was bad
    assert all(row["event_date"] == "" for row in incidents if row["article"] in ("late", "broken"))


def test_nothing_to_build_is_a_one_line_error_with_non_zero_status(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "blank.txt").write_text("")
    result = CliRunner().invoke(cli, ["build", "--seeds", str(tmp_path / "seeds"), "--data", str(tmp_path / "data"),
                                      "--maps", str(tmp_path / "maps")])
    assert result.exit_code != 0
    assert "no readable article" in result.output and "Traceback" not in result.output


def test_debug_flag_shows_the_traceback(tmp_path):
    result = CliRunner().invoke(cli, ["--debug", "extract", "--seeds", str(tmp_path / "nope")])
    assert result.exit_code != 0 and result.exception is not None
    assert "nope" in str(result.exception)


@pytest.mark.parametrize("script,kind", [
    ([(500, {}, {"error": "boom"})], "GeocoderServiceError"),
    ([(429, {"Retry-After": "0"}, [])], "GeocoderRateLimited"),
    ([(200, {}, b"<html>not json")], "GeocoderParseError"),
])
def test_online_faults_are_reported_not_cached_and_the_map_still_builds(tmp_path, monkeypatch, script, kind):
    import mapper.geocode.online as online

    monkeypatch.setattr(online.time, "sleep", lambda _seconds: None)  # backoff without waiting
    folder = make_workdir(tmp_path)
    with FakeNominatim(script) as fake:
        result = invoke(folder, "--online", "--user-agent", "mapper-tests/1 (t@example.org)",
                        "--nominatim-url", fake.url)
    assert result.exit_code == 0, result.output
    assert "online geocoding failed for 'Tuwaym'" in result.output and kind in result.output
    entries = json.loads((folder / "data" / "geocache.json").read_text())["entries"]
    assert not [key for key in entries if key.startswith("nominatim|")]
    assert (folder / "maps" / "incident_map.html").exists()
    tuwaym = next(r for r in csv.DictReader(open(folder / "data" / "places.csv")) if r["place"] == "Tuwaym")
    assert tuwaym["geo_precision"] == "3"  # the offline approximation stands


def test_connection_refused_online_is_reported_and_the_map_still_builds(tmp_path, monkeypatch):
    import mapper.geocode.online as online

    monkeypatch.setattr(online.time, "sleep", lambda _seconds: None)
    folder = make_workdir(tmp_path)
    with FakeNominatim([(200, {}, [])]) as fake:
        url = fake.url
    result = invoke(folder, "--online", "--user-agent", "mapper-tests/1 (t@example.org)", "--nominatim-url", url)
    assert result.exit_code == 0, result.output
    assert "online geocoding failed for 'Tuwaym'" in result.output


def test_malformed_override_rows_are_named_and_good_ones_apply(tmp_path):
    folder = make_workdir(tmp_path)
    with open(folder / "data" / "places_overrides.csv", "a", encoding="utf-8") as handle:
        handle.write("Tuwaym,,95,38.0,1,SY,typo\n")  # line 3: latitude 95
    result = invoke(folder)
    assert result.exit_code == 0
    assert "places_overrides.csv:3" in result.output and "latitude" in result.output
    places = {r["place"]: r for r in csv.DictReader(open(folder / "data" / "places.csv"))}
    assert places["Hmeimim"]["provider"] == "override"  # line 2 still applies
    assert places["Tuwaym"]["provider"] == "region"


def test_online_answer_is_used_cached_and_then_served_offline(tmp_path):
    from fake_nominatim import place

    folder = make_workdir(tmp_path)
    with FakeNominatim([(200, {}, [place("Tuwaym", 35.3, 37.2, osm_id=99, state="Hama Governorate")])]) as fake:
        result = invoke(folder, "--online", "--user-agent", "mapper-tests/1 (t@example.org)", "--nominatim-url", fake.url)
    assert result.exit_code == 0, result.output
    asked = [r["query"]["q"] for r in fake.requests]
    assert asked == ["Tuwaym"]  # only what the offline providers could not place
    assert fake.requests[0]["query"]["countrycodes"] == "sy"  # biased to the article's country

    def tuwaym():
        return next(r for r in csv.DictReader(open(folder / "data" / "places.csv")) if r["place"] == "Tuwaym")

    online_row = tuwaym()
    assert (online_row["provider"], online_row["source_id"], online_row["geo_precision"]) == ("nominatim", "osm:node/99", "1")
    assert (float(online_row["latitude"]), float(online_row["longitude"])) == (35.3, 37.2)
    before = (folder / "data" / "places.csv").read_bytes()
    offline = invoke(folder)  # no --online: the cached answer must still serve
    assert offline.exit_code == 0
    assert (folder / "data" / "places.csv").read_bytes() == before
