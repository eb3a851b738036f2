"""`mapper gazetteer import/list/remove`: GeoNames dumps indexed beside the built-in index.

The dumps are small files in GeoNames' own export format, written by the tests
(tests/geonames_dump.py); the village in them is invented, so only the import can know it.
"""

import csv
import sqlite3

import pytest
from click.testing import CliRunner
from geonames_dump import (VILLAGE, VILLAGE_ALIAS, VILLAGE_ID, VILLAGE_POINT, cache_with_builtin_index, line,
                           village_lines, write_txt, write_zip)

from mapper.cli import cli
from mapper.errors import InputError
from mapper.geocode import geonames_import
from mapper.geocode.chain import gazetteer_provider_name
from mapper.geocode.gazetteer_index import answers_version
from mapper.geocode.gazetteer import Gazetteer, index_path

LATAKIA = 173576  # a geonameid the built-in index has


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = cache_with_builtin_index(tmp_path / "cache")
    monkeypatch.setenv("MAPPER_CACHE_DIR", str(folder))
    return folder


def opened(cache):
    return Gazetteer(index_path(cache))


def test_without_an_import_the_builtin_index_is_queried_as_before(cache):
    gaz = opened(cache)
    assert gaz.imports == []
    # no views shadow the built-in tables
    assert gaz._db.execute("SELECT COUNT(*) FROM sqlite_temp_master").fetchone()[0] == 0
    assert gaz.candidates(VILLAGE) == [] and gaz.lookup(VILLAGE) is None


@pytest.mark.parametrize("writer, file_name", [(write_txt, "SY.txt"), (write_zip, "SY.zip")])
def test_an_imported_village_is_a_candidate_and_a_known_name(cache, tmp_path, writer, file_name):
    geonames_import.import_file(writer(tmp_path / file_name, village_lines()), cache)
    gaz = opened(cache)
    assert gaz.imports == ["SY"]
    (found,) = gaz.candidates(VILLAGE_ALIAS)
    assert (found.geonameid, found.name, found.matched_alias) == (VILLAGE_ID, VILLAGE, VILLAGE_ALIAS)
    assert (found.latitude, found.longitude, found.country_code) == (*VILLAGE_POINT, "SY")
    assert found.admin1 == "Idlib" and found.kind == "populated"  # admin1 name from the built-in table
    assert gaz.lookup(VILLAGE).country_code == "SY"
    assert gaz.candidates("Damascus")[0].country_code == "SY"  # the built-in places still answer


def test_an_imported_geonameid_replaces_the_builtin_entry_without_duplicates(cache, tmp_path):
    moved = line(LATAKIA, "Latakia", 35.5, 35.8, code="PPLA", admin1="02", population=700000)
    geonames_import.import_file(write_txt(tmp_path / "SY.txt", [moved]), cache)
    latakias = [c for c in opened(cache).candidates("Latakia") if c.geonameid == LATAKIA]
    assert [(c.latitude, c.longitude, c.population) for c in latakias] == [(35.5, 35.8, 700000)]


def test_feature_classes_follow_the_data_file(cache, tmp_path):
    lines = [*village_lines(),
             line(9000000002, "Old Zaytunat Ruins", 35.6, 36.5, code="PPLH"),  # historical: skipped
             line(9000000003, "Zaytunat Air Base", 35.6, 36.6, feature_class="S", code="AIRB"),
             line(9000000004, "Zaytunat Hill", 35.6, 36.6, feature_class="T", code="HLL"),  # terrain: skipped
             line(9000000005, "Republic of Zaytunat", 35.0, 36.0, feature_class="A", code="PCLI"),  # country: skipped
             line(9000000006, "Zaytunat District", 35.6, 36.5, feature_class="A", code="ADM2", admin2="07"),
             line(9000000007, "Kafr Saghir", 35.9, 36.5, admin2="07"),
             line(9000000008, "Kafr Kabir", 35.3, 36.5, admin2="07")]
    info = geonames_import.import_file(write_txt(tmp_path / "SY.txt", lines), cache)
    assert info.rows == 5
    gaz = opened(cache)
    kinds = {c.name: c.kind for name in ("Old Zaytunat Ruins", "Zaytunat Air Base", "Zaytunat Hill",
                                         "Republic of Zaytunat", "Zaytunat District") for c in gaz.candidates(name)
             if c.geonameid > 9000000000}
    assert kinds == {"Zaytunat Air Base": "site", "Zaytunat District": "admin2"}
    # a unit's radius covers its places in the dump: 0.6 degrees of latitude apart, ~33 km each way
    (radius,) = sqlite3.connect(info.path).execute("SELECT radius_km FROM places WHERE id = 9000000006").fetchone()
    assert 30 < radius < 36


def test_a_bad_line_is_named_and_the_earlier_import_is_kept(cache, tmp_path):
    geonames_import.import_file(write_txt(tmp_path / "SY.txt", village_lines()), cache)
    broken = write_txt(tmp_path / "SY.txt", [*village_lines(), "9000000009\tHalf a line\t35.1"])
    with pytest.raises(InputError, match=r"SY\.txt:2: expected 19 tab-separated columns, found 3"):
        geonames_import.import_file(broken, cache)
    assert [info.rows for info in geonames_import.list_imports(cache)] == [1]
    assert opened(cache).candidates(VILLAGE)[0].geonameid == VILLAGE_ID
    assert not list(cache.glob(".*.tmp"))


@pytest.mark.parametrize("bad, message", [
    (line(9000000010, "Nowhere", 95.0, 36.0), "latitude '95.0' is out of range"),
    (line(9000000010, "Nowhere", 35.0, 36.0).replace("9000000010", "12ab", 1), "geonameid '12ab' is not a whole number"),
])
def test_bad_values_are_named_with_their_line(cache, tmp_path, bad, message):
    with pytest.raises(InputError, match=f"SY.zip/SY.txt:1: {message}"):
        geonames_import.import_file(write_zip(tmp_path / "SY.zip", [bad]), cache)
    assert geonames_import.list_imports(cache) == []


def test_a_reimport_replaces_the_earlier_one(cache, tmp_path):
    geonames_import.import_file(write_txt(tmp_path / "SY.txt", village_lines()), cache)
    second = [line(9000000011, "Tell Zaytunat", 35.7, 36.4, country="LB")]
    geonames_import.import_file(write_zip(tmp_path / "SY.zip", second), cache)  # SY.zip replaces SY.txt
    (info,) = geonames_import.list_imports(cache)
    assert (info.name, info.rows, info.countries) == ("SY", 1, ("LB",))
    gaz = opened(cache)
    assert gaz.candidates(VILLAGE) == [] and gaz.candidates("Tell Zaytunat")[0].country_code == "LB"


def test_cached_gazetteer_answers_are_not_reused_across_an_import(cache, tmp_path):
    before = gazetteer_provider_name(cache)
    geonames_import.import_file(write_txt(tmp_path / "SY.txt", village_lines()), cache)
    after = gazetteer_provider_name(cache)
    assert before == f"geonames@{answers_version()}" and after.startswith(before + "+")


def test_the_cache_key_depends_on_the_dump_not_on_when_or_where_it_was_imported(tmp_path):
    dump = write_txt(tmp_path / "SY.txt", village_lines())
    signatures = []
    for folder in (tmp_path / "one", tmp_path / "two"):
        geonames_import.import_file(dump, folder)
        signatures.append(geonames_import.signature(folder))
    geonames_import.import_file(write_txt(tmp_path / "SY.txt", [*village_lines(), line(9000000012, "Tell Abyad Sharqi", 36.6, 38.9)]),
                                tmp_path / "two")
    assert signatures[0] == signatures[1] != geonames_import.signature(tmp_path / "two")


# -- the commands ------------------------------------------------------------


def test_import_list_and_remove_commands(cache, tmp_path):
    dump = write_zip(tmp_path / "SY.zip", village_lines())
    imported = CliRunner().invoke(cli, ["gazetteer", "import", str(dump)])
    assert imported.exit_code == 0, imported.output
    listed = CliRunner().invoke(cli, ["gazetteer", "list"])
    (shown,) = listed.stdout.splitlines()
    assert shown.startswith(f"SY: {dump}, 1 places, countries SY, imported 20")
    removed = CliRunner().invoke(cli, ["gazetteer", "remove", "SY"])
    assert removed.exit_code == 0 and geonames_import.list_imports(cache) == []
    assert "no GeoNames dump imported" in CliRunner().invoke(cli, ["gazetteer", "list"]).stdout


@pytest.mark.usefixtures("cache")
def test_a_bad_file_is_one_line_naming_file_and_line(tmp_path):
    broken = write_txt(tmp_path / "SY.txt", ["not\ta\tdump"])
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(broken)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {broken}:1: expected 19 tab-separated columns, found 3; nothing of this file was indexed")


def test_an_imported_village_is_found_and_placed_by_build(cache, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "report.txt").write_text(
        f"Government shelling killed three civilians in {VILLAGE} in Idlib province on Monday, "
        "residents said.\n", encoding="utf-8")
    geonames_import.import_file(write_txt(tmp_path / "SY.txt", village_lines()), cache)
    result = CliRunner().invoke(cli, ["build", "--workers", "1", "--seeds", str(seeds),
                                      "--data", str(tmp_path / "data"), "--maps", str(tmp_path / "maps")])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "data" / "places.csv", encoding="utf-8") as handle:
        places = {row["place"]: row for row in csv.DictReader(handle)}
    village = places[VILLAGE]
    assert (village["source_id"], village["geo_precision"], village["provider"]) == (
        f"geonames:{VILLAGE_ID}", "1", "gazetteer")
    assert (float(village["latitude"]), float(village["longitude"])) == VILLAGE_POINT


def test_more_imports_than_sqlite_can_attach_is_one_clear_error(cache, tmp_path, monkeypatch):
    for name in ("SY", "LB"):
        geonames_import.import_file(write_txt(tmp_path / f"{name}.txt", village_lines()), cache)
    monkeypatch.setattr(geonames_import, "_attach_limit", lambda _connection: 1)
    with pytest.raises(InputError, match="2 GeoNames imports .* at most 1 can be used together"):
        opened(cache)
