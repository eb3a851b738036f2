"""Issue #9: the CSV/GeoJSON outputs, the overrides file and the file edges.

Red-team cases: formula cells in the CSVs (OWASP CSV injection), overrides
that lose rows or take their radius from prose, hand-edited tables that
crash `mapper map`, per-article metadata repeated per feature, and disk
full / read-only folders / an unusable lock or cache folder ending in a
traceback. Each is named in one line and survived (or, at the edges, ends
with exit 1 and nothing lost).

Tests run as root, where chmod does not stop a write: read-only folders and
a full disk are simulated by making the system call raise the errno the
kernel would (EROFS, EACCES, ENOSPC); a symlinked lock, a lock that is a
folder and a cache folder that is a file are real.
"""

import csv
import errno
import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from mapper.articles import Article
from mapper.cli import cli
from mapper.diagnostics import Diagnostics
from mapper.errors import InputError
from mapper.geocode.names import fold
from mapper.geocode.overrides import OverridesGeocoder, read_overrides
from mapper.geocode.resolve import DEFAULT_UNCERTAINTY_KM
from mapper.join import join_incidents, read_table
from mapper.schema import INCIDENT_COLUMNS, PLACE_COLUMNS, UNRESOLVED_COLUMNS
from mapper.storage import write_csv

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))
OVERRIDES_HEADER = "place,aliases,latitude,longitude,geo_precision,country_code,citation\n"
FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-cmd", "@SUM(1)", "\tTAB", "\rCR"]


def make_workdir(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    shutil.copy(SEED.with_name(SEED.stem + ".meta.json"), seeds)
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "places_overrides.csv", tmp_path / "data")
    return tmp_path


def run(command, folder, *extra):
    args = [command, "--seeds", str(folder / "seeds"), "--data", str(folder / "data")]
    if command in ("build", "map"):
        args += ["--maps", str(folder / "maps")]
    if command != "map":
        args += ["--workers", "1"]
    return CliRunner().invoke(cli, [*args, *extra])


def csv_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def snapshot(folder):
    """Every output's bytes, to prove that a failed run lost nothing."""
    return {str(path.relative_to(folder)): path.read_bytes()
            for sub in ("data", "maps") for path in sorted((folder / sub).glob("*"))
            if path.is_file() and path.suffix != ".lock"}  # lock files come and go with filelock


def features(folder):
    return json.loads((folder / "maps" / "incidents.geojson").read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One good build of the seed article, copied by the tests that edit it."""
    folder = make_workdir(tmp_path_factory.mktemp("built"))
    result = run("build", folder)
    assert result.exit_code == 0, result.output
    return folder


def copy_of(built, tmp_path):
    folder = tmp_path / "work"
    shutil.copytree(built, folder)
    return folder


# -- 1. spreadsheet-safe CSV ---------------------------------------------------------

@pytest.mark.parametrize("payload", FORMULAS)
def test_formula_text_cells_are_quoted_and_number_cells_never(tmp_path, payload):
    write_csv(tmp_path / "places.csv", PLACE_COLUMNS,
              [[payload, payload, "-33.90000", "-70.50000", 1, "CL", payload, payload, "gazetteer", "geonames:1", payload,
                "2", payload]])
    write_csv(tmp_path / "incidents.csv", INCIDENT_COLUMNS,
              [["a-1", payload, "2024-01-01", 1, payload, "Battles", "Armed clash", payload, payload, payload,
                -3, payload, "local", payload, 0, 10, payload, payload, payload, payload]])
    write_csv(tmp_path / "unresolved.csv", UNRESOLVED_COLUMNS, [[payload, payload, payload, 0, 10, payload]])
    place = dict(zip(PLACE_COLUMNS, csv_rows(tmp_path / "places.csv")[1], strict=True))
    assert place["article"] == "'" + payload and place["place"] == "'" + payload
    assert place["resolution"] == "'" + payload
    assert place["approximation"] == "'" + payload
    assert (place["latitude"], place["longitude"], place["geo_precision"], place["uncertainty_km"]) == \
        ("-33.90000", "-70.50000", "1", "2")
    incident = dict(zip(INCIDENT_COLUMNS, csv_rows(tmp_path / "incidents.csv")[1], strict=True))
    for column in ("article", "actor1", "location", "quote", "notes", "origin", "destination", "evidence"):
        assert incident[column] == "'" + payload, column
    assert (incident["fatalities"], incident["quote_start"], incident["time_precision"]) == ("-3", "0", "1")
    unresolved = dict(zip(UNRESOLVED_COLUMNS, csv_rows(tmp_path / "unresolved.csv")[1], strict=True))
    assert unresolved["sentence"] == "'" + payload and unresolved["sentence_start"] == "0"


def test_mapper_reads_its_own_csvs_back_exactly_and_the_join_still_matches(tmp_path):
    # A place named "-Foo" is written "'-Foo" in both files; reading removes the quote again.
    names = ["-Foo", '=HYPERLINK("http://x","y")', "'=already quoted", "'Amuda"]
    write_csv(tmp_path / "places.csv", PLACE_COLUMNS,
              [["a", name, "-33.90000", "-70.50000", 1, "CL", "", name, "gazetteer", "geonames:1", "gazetteer: x; ±2 km",
                "2", "none"] for name in names])
    write_csv(tmp_path / "incidents.csv", INCIDENT_COLUMNS,
              [[f"a-{i}", "a", "", "", "", "Battles", "Armed clash", "", "", name, 2, "", "local", name, 0, 5, "", name,
                "", ""] for i, name in enumerate(names)])
    assert [row[1] for row in csv_rows(tmp_path / "places.csv")[1:]] == \
        ["'-Foo", '\'=HYPERLINK("http://x","y")', "''=already quoted", "'Amuda"]
    incidents = read_table(tmp_path / "incidents.csv", INCIDENT_COLUMNS)
    places = read_table(tmp_path / "places.csv", PLACE_COLUMNS)
    assert list(places["place"]) == names and list(incidents["quote"]) == names
    joined = join_incidents(incidents, places, {})
    assert list(joined["latitude"]) == [-33.9] * 4 and list(joined["longitude"]) == [-70.5] * 4
    assert list(joined["origin_latitude"]) == [-33.9] * 4  # the origin joins the same names


def test_build_quotes_formula_file_names_in_the_csvs_and_keeps_them_raw_in_the_geojson(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    stems = ['=HYPERLINK("x","y")', "+1", "-cmd", "@SUM(1)"]
    for stem in stems:
        (seeds / f"{stem}.txt").write_text("Clashes in Aleppo killed two fighters on Monday.\n", encoding="utf-8")
    result = run("build", tmp_path)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(open(tmp_path / "data" / "incidents.csv", encoding="utf-8", newline="")))
    assert sorted(row["article"] for row in rows) == sorted("'" + stem for stem in stems)
    assert all(row["incident_id"].startswith("'") for row in rows)
    acled = list(csv.DictReader(open(tmp_path / "data" / "incidents_acled.csv", encoding="utf-8", newline="")))
    assert len(acled) == len(stems) and all(row["event_id_cnty"].startswith("'") for row in acled)
    for command in ("build", "map"):  # `mapper map` reads the CSVs back: the same raw text, still joined
        if command == "map":
            assert run("map", tmp_path).exit_code == 0
        found = features(tmp_path)
        assert sorted(f["properties"]["article"] for f in found) == sorted(stems)
        assert all(f["properties"]["location"] == "Aleppo" and f["geometry"]["coordinates"] for f in found)
        assert all(f["id"].startswith(f["properties"]["article"] + "-") for f in found)


# -- 2. overrides --------------------------------------------------------------------

def write_overrides(tmp_path, *rows, encoding="utf-8"):
    path = tmp_path / "places_overrides.csv"
    path.write_bytes((OVERRIDES_HEADER + "".join(row + "\n" for row in rows)).encode(encoding))
    return path


def test_duplicate_override_is_named_with_the_row_that_wins(tmp_path):
    path = write_overrides(tmp_path,
                           "Hmeimim,Khmeimim,35.401,35.949,1,SY,aerodrome reference point",  # line 2
                           "Latakia,,35.52,35.79,1,SY,city centre",  # line 3
                           "Khmeimim,Hmeimim Air Base,10.0,10.0,1,SY,a later guess")  # line 4
    found = Diagnostics()
    geocoder = OverridesGeocoder(read_overrides(path, found.add), fold)
    warnings = found.lines()  # "W401 <path>:3: override skipped: ..."
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"W404 {path}:4:") and "'Khmeimim'" in warnings[0] and "line 2 wins" in warnings[0]
    assert (geocoder.geocode("Khmeimim").latitude, geocoder.geocode("Hmeimim Air Base").latitude) == (35.401, 10.0)


def test_unclosed_quote_is_named_by_line_and_does_not_swallow_the_next_rows(tmp_path):
    path = write_overrides(tmp_path,
                           "Good One,,35.0,36.0,1,SY,a map",  # line 2
                           'Broken,,35.0,36.0,1,SY,"a citation with no closing quote',  # line 3
                           "Good Two,,34.0,37.0,2,SY,a report",  # line 4
                           "Good Three,,33.0,38.0,1,SY,\"quoted, properly\"")  # line 5
    found = Diagnostics()
    overrides = read_overrides(path, found.add)
    warnings = found.lines()  # "W401 <path>:3: override skipped: ..."
    assert [(o.place, o.line) for o in overrides] == [("Good One", 2), ("Good Two", 4), ("Good Three", 5)]
    assert len(warnings) == 1 and warnings[0].startswith(f"W401 {path}:3:") and "quote" in warnings[0]


def test_one_cp1252_byte_decodes_the_overrides_with_a_warning(tmp_path):
    path = write_overrides(tmp_path, "Hmeimim,,35.401,35.949,1,SY,Caf\u00e9 map \u2019s sheet", encoding="cp1252")
    found = Diagnostics()
    overrides = read_overrides(path, found.add)
    warnings = found.lines()  # "W401 <path>:3: override skipped: ..."
    assert [o.place for o in overrides] == ["Hmeimim"]
    assert overrides[0].citation.startswith("Caf\u00e9 map")
    assert len(warnings) == 1 and warnings[0].startswith(f"W101 {path}: not UTF-8")


def test_override_field_over_128_kib_is_named_and_its_row_skipped(tmp_path):
    path = write_overrides(tmp_path,
                           "Good One,,35.0,36.0,1,SY,a map",
                           "Huge,,35.0,36.0,1,SY," + "x" * 200_000,  # line 3
                           "Good Two,,34.0,37.0,2,SY,a report")
    found = Diagnostics()
    overrides = read_overrides(path, found.add)
    warnings = found.lines()  # "W401 <path>:3: override skipped: ..."
    assert [o.place for o in overrides] == ["Good One", "Good Two"]
    assert len(warnings) == 1 and warnings[0].startswith(f"W401 {path}:3:") and "citation" in warnings[0]
    assert len(warnings[0]) < 300  # named, not echoed


def test_citation_prose_does_not_set_the_drawn_radius(tmp_path):
    folder = make_workdir(tmp_path)
    write_overrides(folder / "data",
                    "Hmeimim,Hmeimim Air Base|Khmeimim,35.401,35.949,1,SY,survey error ±20000 km; ±20000 km")
    result = run("build", folder)
    assert result.exit_code == 0, result.output
    hmeimim = [f for f in features(folder) if f["properties"]["location"] == "Hmeimim"]
    assert hmeimim and {f["properties"]["provider"] for f in hmeimim} == {"override"}
    assert {f["properties"]["uncertainty_km"] for f in hmeimim} == {DEFAULT_UNCERTAINTY_KM[1]}


def test_the_drawn_radius_is_the_uncertainty_column_never_the_resolution_prose():
    # A provider's name in the prose ("X ±9999 km") and the prose's own "±10 km" are for people.
    places = pd.DataFrame([["a", "X", "1.0", "2.0", "2", "SY", "", "X ±9999 km", "nominatim", "osm:n/1",
                            "nominatim: matched 'X ±9999 km' (1 candidate); ±10 km", "12", "none"]], columns=PLACE_COLUMNS)
    incidents = pd.DataFrame([["a-1", "a", "", "", "", "Battles", "Armed clash", "", "", "X", "0", "", "local",
                               "q", "0", "1", "", "", "", ""]], columns=INCIDENT_COLUMNS)
    joined = join_incidents(incidents, places, {})
    assert list(joined["uncertainty_km"]) == [12.0] and list(joined["approximation"]) == ["none"]


def test_displacement_origin_is_joined_from_its_column_not_from_notes():
    places = pd.DataFrame([["a", name, lat, "30.0", "1", "SD", "", name, "gazetteer", "geonames:1", "gazetteer: x; ±2 km",
                            "2", "none"] for name, lat in (("El Fasher", "13.6"), ("Tawila", "14.0"), ("Decoy", "1.0"))],
                          columns=PLACE_COLUMNS)
    flight = ["a-1", "a", "", "", "", "Strategic developments", "Displacement", "", "", "Tawila", "0", "", "local",
              "q", "0", "1"]
    incidents = pd.DataFrame([flight + ["origin=Decoy", "El Fasher", "Tawila", ""], flight + ["origin=Decoy", "", "Tawila", ""]],
                             columns=INCIDENT_COLUMNS)
    joined = join_incidents(incidents, places, {})
    assert joined["origin_latitude"].iloc[0] == 13.6 and joined["origin_longitude"].iloc[0] == 30.0
    assert pd.isna(joined["origin_latitude"].iloc[1])  # no origin: no arrow, whatever notes say


def test_a_places_table_from_before_the_new_columns_is_read_with_one_line_saying_to_geocode_again(tmp_path):
    old_columns = [c for c in PLACE_COLUMNS if c not in ("article", "uncertainty_km", "approximation")]
    write_csv(tmp_path / "places.csv", old_columns,
              [["X", "1.00000", "2.00000", 3, "SY", "", "X", "region", "region:SY:central", "region: x; ±120 km"]])
    messages = []
    places = read_table(tmp_path / "places.csv", PLACE_COLUMNS, messages.append)
    # the radius is not parsed back out of the prose: it stays empty until `mapper geocode` runs
    assert list(places["uncertainty_km"]) == [""] and list(places["approximation"]) == [""]
    assert list(places["article"]) == [""]  # an older table: one row per name, joined on the name alone
    [message] = [str(m) for m in messages]  # "W502 <path>: written by an older mapper, ..."
    assert message.startswith("W502 ") and "article, uncertainty_km, approximation" in message and "`mapper geocode`" in message and "\n" not in message
    with pytest.raises(InputError, match="mapper geocode"):
        read_table(tmp_path / "places.csv", PLACE_COLUMNS)
    with pytest.raises(InputError, match="missing columns resolution$"):  # any other missing column is an error
        read_table(_without(tmp_path / "places.csv", "resolution"), old_columns, messages.append)


def _without(path, column):
    rows = csv_rows(path)
    keep = [i for i, name in enumerate(rows[0]) if name != column]
    out = path.with_name("cut-" + path.name)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([[row[i] for i in keep] for row in rows])
    return out


def test_map_on_an_incidents_table_from_before_origin_and_destination_maps_it_and_says_so(built, tmp_path):
    folder = copy_of(built, tmp_path)
    for path in (folder / "data" / "incidents.csv", folder / "data" / "aggregates.csv"):
        rows = csv_rows(path)
        keep = [i for i, name in enumerate(rows[0]) if name not in ("origin", "destination")]
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows([[row[i] for i in keep] for row in rows])
    result = run("map", folder)
    assert result.exit_code == 0, result.output
    assert "without origin, destination" in result.output and "`mapper extract`" in result.output
    found = features(folder)
    assert found and all(f["properties"]["origin"] is None and f["properties"]["origin_latitude"] is None
                         for f in found)


# -- 3. `mapper map` on hand-edited tables ----------------------------------------------

@pytest.mark.parametrize("table,column,value,reason", [
    ("incidents.csv", "fatalities", "12.5", "is not a whole number"),
    ("incidents.csv", "fatalities", "1e400", "is not a whole number"),
    ("incidents.csv", "fatalities", "abc", "is not a whole number"),
    ("incidents.csv", "fatalities", "-3", "is negative"),
    ("incidents.csv", "quote_start", "", "is empty"),
    ("places.csv", "latitude", "abc", "is not a latitude"),
    ("places.csv", "uncertainty_km", "abc", "is not a distance in km"),
    ("places.csv", "uncertainty_km", "-5", "is outside 0..20038"),
])
def test_map_names_a_bad_hand_edited_cell_by_file_line_and_column_and_maps_the_rest(built, tmp_path, table, column,
                                                                                     value, reason):
    folder = copy_of(built, tmp_path)
    path = folder / "data" / table
    rows = csv_rows(path)
    header = rows[0]
    target = 1 if table == "incidents.csv" else next(i for i, row in enumerate(rows) if row[1] == "Latakia")
    # Rows before the target may span lines (quotes): its line is 1 + the lines of all before it.
    line = 1 + sum(1 + sum(cell.count("\n") for cell in row) for row in rows[:target])
    rows[target][header.index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    before = len(features(folder))
    result = run("map", folder)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    expected = f"{path} line {line}, column {column}: {value!r} {reason}"
    assert any(expected in output_line for output_line in result.output.splitlines()), result.output
    assert 0 < len(features(folder)) == before - 1  # that row is left out, the rest mapped


# -- 4. GeoJSON: per-article metadata bounded ------------------------------------------------

def test_per_article_title_source_and_url_are_bounded_in_every_feature():
    title = "T" * 1_000_000
    article = Article(id="a", text="", title=title, source="S" * 1_000_000, url="https://example.org/" + "u" * 5000)
    short = Article(id="b", text="", title="A short title", source="Agency", url="https://example.org/b")
    incidents = pd.DataFrame([[f"{a}-{i}", a, "", "", "", "Battles", "Armed clash", "", "", "X", "0", "", "local",
                               "q", "0", "1", "", "", "", ""] for a in "ab" for i in range(50)], columns=INCIDENT_COLUMNS)
    places = pd.DataFrame([[a, "X", "1.0", "2.0", "1", "SY", "", "X", "gazetteer", "geonames:1", "gazetteer: x; ±2 km",
                            "2", "none"] for a in "ab"], columns=PLACE_COLUMNS)
    from mapper.render.geojson import geojson_document, geojson_text

    document = geojson_document(join_incidents(incidents, places, {"a": article, "b": short}))
    text = geojson_text(document)
    assert len(text.encode("utf-8")) < 1_000_000  # unbounded: 100 MB of repeated title and source
    long = [f["properties"] for f in document["features"] if f["properties"]["article"] == "a"]
    assert len(long) == 50
    for props in long:
        assert title.startswith(props["article_title"][:-1]) and props["article_title"].endswith("…")
        assert 100 <= len(props["article_title"]) <= 5000 and len(props["article_source"]) <= 5000
        assert props["article_url"] is None  # a cut URL would lead somewhere else
    kept = {(f["properties"]["article_title"], f["properties"]["article_source"], f["properties"]["article_url"])
            for f in document["features"] if f["properties"]["article"] == "b"}
    assert kept == {("A short title", "Agency", "https://example.org/b")}


# -- 5. the file edges: one line naming the path and the reason, exit 1, nothing lost -------------

def fail_writes_to(monkeypatch, name, error_number):
    """Make fsync of any temporary file for ``name`` fail as a full disk would."""
    real_fsync = os.fsync

    def fsync(fd):
        target = os.readlink(f"/proc/self/fd/{fd}")
        if os.path.basename(target).startswith(f".{name}."):
            raise OSError(error_number, os.strerror(error_number))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def assert_one_line_error(result, *words):
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, OSError)
    error_lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1, result.output
    for word in words:
        assert word in error_lines[0], (word, result.output)


@pytest.mark.parametrize("name", ["incidents.csv", "places.csv", "incidents.geojson", "incident_map.html"])
def test_disk_full_names_the_file_exits_1_and_keeps_every_saved_file(built, tmp_path, monkeypatch, name):
    folder = copy_of(built, tmp_path)
    (folder / "seeds" / "extra.txt").write_text("Clashes in Aleppo killed two fighters on Monday.\n")
    before = snapshot(folder)
    fail_writes_to(monkeypatch, name, errno.ENOSPC)
    result = run("build", folder)
    assert_one_line_error(result, "cannot write", name, "No space left on device")
    after = snapshot(folder)
    assert set(after) == set(before)  # no temporary file left behind, none removed
    changed = {key for key in before if after[key] != before[key]}
    assert not any(key.endswith(name) for key in changed)  # the file that failed is the old one, whole
    for key in changed:  # files written before the failure are the new, complete version
        assert after[key].endswith(b"\n"), key


@pytest.mark.parametrize("folder_name,error_number,reason", [
    ("data", errno.EROFS, "Read-only file system"),
    ("data", errno.EACCES, "Permission denied"),
    ("maps", errno.EROFS, "Read-only file system"),
])
def test_read_only_folder_names_the_path_and_exits_1(built, tmp_path, monkeypatch, folder_name, error_number,
                                                      reason):
    folder = copy_of(built, tmp_path)
    before = snapshot(folder)
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).resolve() == (folder / folder_name).resolve():
            raise OSError(error_number, os.strerror(error_number), str(dir))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    result = run("build", folder)
    assert_one_line_error(result, "cannot write", str(folder / folder_name), reason)
    assert snapshot(folder).keys() == before.keys()
    assert all(snapshot(folder)[key] == before[key] for key in before if key.startswith(folder_name))


@pytest.mark.parametrize("kind", ["symlink", "folder"])
def test_unusable_lock_file_is_named_and_nothing_is_followed(built, tmp_path, kind):
    folder = copy_of(built, tmp_path)
    lock = folder / "data" / ".mapper.lock"
    secret = tmp_path / "private.txt"
    secret.write_text("do not truncate me\n")
    if kind == "symlink":
        lock.unlink(missing_ok=True)
        lock.symlink_to(secret)
    else:
        lock.unlink(missing_ok=True)
        lock.mkdir()
    before = snapshot(folder)
    result = run("build", folder)
    assert_one_line_error(result, "lock file", str(lock), "symbolic link" if kind == "symlink" else "directory")
    assert secret.read_text() == "do not truncate me\n"
    assert snapshot(folder) == before


@pytest.fixture
def fresh_gazetteer(monkeypatch, tmp_path):
    """No index built yet in this process, and the cache folder under the test's control."""
    import mapper.pipeline as pipeline

    monkeypatch.setattr(pipeline, "_LEXICON", None)
    cache = tmp_path / "cache"
    monkeypatch.setenv("MAPPER_CACHE_DIR", str(cache))
    return cache


def test_cache_folder_that_cannot_be_made_is_one_line(tmp_path, fresh_gazetteer):
    fresh_gazetteer.write_text("a file where the cache folder should be")
    folder = make_workdir(tmp_path)
    result = run("build", folder)
    assert_one_line_error(result, "gazetteer index", str(fresh_gazetteer), "MAPPER_CACHE_DIR")


def test_full_cache_folder_while_building_the_index_is_one_line_and_leaves_no_partial_index(
        tmp_path, monkeypatch, fresh_gazetteer):
    import mapper.geocode.gazetteer as gazetteer

    def disk_full(_connection):
        raise sqlite3.OperationalError("database or disk is full")  # what SQLite says on ENOSPC

    monkeypatch.setattr(gazetteer, "_fill", disk_full)
    folder = make_workdir(tmp_path)
    result = run("build", folder)
    assert_one_line_error(result, "gazetteer index", str(fresh_gazetteer), "disk is full")
    assert not list(fresh_gazetteer.glob("*.sqlite")) and not list(fresh_gazetteer.glob(".*.tmp"))
