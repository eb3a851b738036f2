"""Lasting review (data/reviews.csv, mapper/review.py, `mapper review`): expected values written by hand."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from mapper.cli import cli
from mapper.diagnostics import Diagnostics
from mapper.review import Review, append_review, apply_reviews, current, new_review, read_reviews
from mapper.schema import PLACE_COLUMNS, REVIEW_COLUMNS, TABLE_COLUMNS
from mapper.tables import with_confidence
from samples import syrian_coast

ROOT = Path(__file__).resolve().parent.parent
HEADER = ",".join(REVIEW_COLUMNS) + "\n"


def _reviews(tmp_path, body: str) -> tuple[Path, list[Review], Diagnostics]:
    path = tmp_path / "reviews.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    found = Diagnostics()
    return path, read_reviews(path, found.add), found


# -- reading: each problem named with its file and line ----------------------------

def test_each_bad_row_is_named_with_file_and_line_and_the_rest_is_read(tmp_path):
    path, reviews, found = _reviews(tmp_path, (
        "SY-001,confirm,,,amal,,2026-12-01\n"            # line 2: good
        "SY-002,approve,,,amal,,2026-12-01\n"            # line 3: unknown action
        "SY-003,confirm,,amal\n"                         # line 4: 4 fields
        ",confirm,,,amal,,2026-12-01\n"                  # line 5: no id
        "SY-002,edit,incident_id,SY-9,amal,,\n"          # line 6: not editable
        "SY-002,edit,fatalities,-3,amal,,\n"             # line 7: not a toll
        "SY-002,edit,sub_event_type,Picnic,amal,,\n"     # line 8: unknown sub-type
        "SY-002,edit,event_date,7 March,amal,,\n"        # line 9: not ISO
        "SY-002,reject,,,amal,,\n"                       # line 10: a reject without a reason
        "SY-002,edit,fatalities,30,amal,OCHA,2026-12-01\n"  # line 11: good
    ))
    assert [(r.incident_id, r.action, r.line) for r in reviews] == [("SY-001", "confirm", 2), ("SY-002", "edit", 11)]
    lines = found.lines()
    assert lines == [
        f"W601 {path}:3: review skipped: unknown action 'approve' (confirm, reject or edit)",
        f"W601 {path}:4: review skipped: 4 fields where the header has 7 "
        "(incident_id, action, field, value, reviewer, reason, date)",
        f"W601 {path}:5: review skipped: no incident_id",
        f"W601 {path}:6: review skipped: field 'incident_id' cannot be edited (editable: event_date, event_type, "
        "sub_event_type, actor1, actor2, location, fatalities, origin, destination)",
        f"W601 {path}:7: review skipped: fatalities must be a whole number from 0 to 10,000,000, not '-3'",
        f"W601 {path}:8: review skipped: unknown sub_event_type 'Picnic' (mapper/tables/data/acled_types.csv lists them)",
        f"W601 {path}:9: review skipped: event_date must be an ISO date (YYYY-MM-DD), not '7 March'",
        f"W601 {path}:10: review skipped: a reject needs a reason",
    ]


def test_a_duplicate_counts_once_and_a_later_review_supersedes(tmp_path):
    path, reviews, found = _reviews(tmp_path, (
        "SY-002,edit,fatalities,30,amal,,\n"
        "SY-002,edit,fatalities,30,omar,,\n"   # line 3: the same review
        "SY-002,edit,fatalities,29,omar,,\n"   # line 4: supersedes line 2
        "SY-001,confirm,,,amal,,\n"
        "SY-001,reject,,,omar,a commemoration,\n"  # line 6: the verdict changes
    ))
    assert found.lines() == [
        f"W602 {path}:3: edit fatalities = '30' of SY-002 repeats line 2: counted once",
        f"W603 {path}:4: edit fatalities = '29' of SY-002 supersedes line 2 (edit fatalities = '30')",
        f"W603 {path}:6: reject of SY-001 supersedes line 5 (confirm)",
    ]
    assert [(r.incident_id, r.describe(), r.line) for r in current(reviews)] == [
        ("SY-002", "edit fatalities = '29'", 4), ("SY-001", "reject", 6)]


def test_no_file_is_no_review_and_a_wrong_header_is_named(tmp_path):
    found = Diagnostics()
    assert read_reviews(tmp_path / "reviews.csv", found.add) == [] and len(found) == 0
    (tmp_path / "reviews.csv").write_text("id,what\nSY-001,confirm\n", encoding="utf-8")
    assert read_reviews(tmp_path / "reviews.csv", found.add) == []
    assert [d.code for d in found] == ["W607"]


# -- applying ----------------------------------------------------------------------

def _coast() -> pd.DataFrame:
    """The sample table as the join leaves it: text columns empty, not None."""
    frame = syrian_coast()
    return frame.assign(evidence=frame["evidence"].fillna(""), approximation=frame["approximation"].fillna(""))


def _applied(tmp_path, body: str, places=None):
    _, reviews, found = _reviews(tmp_path, body)
    table, rejected = apply_reviews(_coast(), reviews, found.add, places)
    return with_confidence(table), rejected, found


def test_reject_removes_the_row_and_a_review_of_a_missing_incident_is_named(tmp_path):
    table, rejected, found = _applied(tmp_path, (
        "SY-003,reject,,,amal,not an air strike: a drill,\n"
        "SY-404,confirm,,,amal,,\n"
    ))
    assert rejected == ["SY-003"]
    assert "SY-003" not in set(table["incident_id"])
    assert len(table) == len(syrian_coast()) - 1
    assert found.lines() == [f"W604 {tmp_path / 'reviews.csv'}:3: confirm of SY-404: no such incident is extracted "
                             "any more (its article changed or is gone); kept in the file, not applied"]


def test_edit_of_fatalities_changes_the_row_and_makes_it_high(tmp_path):
    table, rejected, found = _applied(tmp_path, "SY-002,edit,fatalities,29,amal,OCHA 8 March,\n")
    row = table.set_index("incident_id").loc["SY-002"]
    assert (row["fatalities"], row["review_state"], row["edited_fields"]) == (29, "edited", "fatalities")
    assert (row["confidence"], row["confidence_reasons"]) == ("high", "checked by a reviewer")
    other = table.set_index("incident_id").loc["SY-003"]
    assert (other["fatalities"], other["review_state"], other["edited_fields"]) == (3, "", "")
    assert rejected == [] and len(found) == 0


def test_confirm_makes_an_approximate_row_high(tmp_path):
    before = with_confidence(_coast()).set_index("incident_id").loc["SY-009"]
    assert (before["confidence"], before["confidence_reasons"]) == ("low", "place known only as a region (±100 km)")
    table, _, _ = _applied(tmp_path, "SY-009,confirm,,,amal,,\n")
    row = table.set_index("incident_id").loc["SY-009"]
    assert (row["confidence"], row["review_state"], row["edited_fields"]) == ("high", "confirmed", "")


def test_an_edited_location_is_placed_from_places_csv_or_kept_and_marked(tmp_path):
    places = pd.DataFrame([["2025-03-09-coast.txt", "Latakia", "35.53", "35.79", "1", "SY", "Latakia", "Latakia",
                            "gazetteer", "", "", "2", "none"]], columns=PLACE_COLUMNS)
    table, _, found = _applied(tmp_path, (
        "SY-001,edit,location,Latakia,amal,,\n"
        "SY-002,edit,location,Nowhere,amal,,\n"
        "SY-002,edit,sub_event_type,Armed clash,amal,,\n"
        "SY-003,edit,origin,Latakia,amal,,\n"
    ), places)
    rows = table.set_index("incident_id")
    assert (rows.loc["SY-003", "origin"], rows.loc["SY-003", "origin_latitude"],
            rows.loc["SY-003", "origin_longitude"], rows.loc["SY-003", "edited_fields"]) == ("Latakia", 35.53, 35.79, "origin")
    assert (rows.loc["SY-001", "location"], rows.loc["SY-001", "latitude"], rows.loc["SY-001", "longitude"]) == \
        ("Latakia", 35.53, 35.79)
    # Nowhere is not in places.csv: Baniyas's point is kept, drawn as approximate (precision 2)
    assert (rows.loc["SY-002", "location"], rows.loc["SY-002", "latitude"], rows.loc["SY-002", "geo_precision"]) == \
        ("Nowhere", 35.18, 2)
    assert (rows.loc["SY-002", "event_type"], rows.loc["SY-002", "sub_event_type"]) == ("Battles", "Armed clash")
    assert rows.loc["SY-002", "edited_fields"] == "sub_event_type;location"
    assert [d.code for d in found] == ["W606"] and "'Nowhere'" in found.lines()[0] and ":3:" in found.lines()[0]


def test_an_event_type_that_does_not_go_with_the_sub_type_is_not_applied(tmp_path):
    table, _, found = _applied(tmp_path, "SY-002,edit,event_type,Battles,amal,,\n")
    row = table.set_index("incident_id").loc["SY-002"]
    assert (row["event_type"], row["review_state"]) == ("Violence against civilians", "")
    assert [d.code for d in found] == ["W605"]


# -- writing ------------------------------------------------------------------------

def _tables(data: Path) -> None:
    data.mkdir(exist_ok=True)
    rows = [["SY-001", "a.txt", "", "", "", "Battles", "Armed clash"] + [""] * (len(TABLE_COLUMNS) - 7)]
    with open(data / "incidents.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(TABLE_COLUMNS)
        writer.writerows(rows)


def test_append_keeps_every_row_and_neutralises_formulas(tmp_path):
    _tables(tmp_path)
    (tmp_path / "reviews.csv").write_text(HEADER + "SY-001,confirm,,,amal,,2026-12-01", encoding="utf-8")  # no newline
    review = new_review(tmp_path, "SY-001", "edit", "location", "=HYPERLINK(\"http://x\")", "omar", "+1 source")
    append_review(tmp_path, review)
    text = (tmp_path / "reviews.csv").read_text(encoding="utf-8")
    assert text.splitlines()[1] == "SY-001,confirm,,,amal,,2026-12-01"
    assert text.splitlines()[2].startswith("SY-001,edit,location,\"'=HYPERLINK(\"\"http://x\"\")\",omar,'+1 source,")
    found = Diagnostics()
    back = read_reviews(tmp_path / "reviews.csv", found.add)
    assert [(r.value, r.reason) for r in back] == [("", ""), ("=HYPERLINK(\"http://x\")", "+1 source")]
    assert len(found) == 0


def test_the_review_commands_have_help():
    result = CliRunner().invoke(cli, ["review", "--help"])
    assert result.exit_code == 0
    assert [name for name in ("confirm", "reject", "edit", "list") if f"  {name} " in result.output] == \
        ["confirm", "reject", "edit", "list"]


def test_a_review_of_an_unknown_incident_or_field_is_refused_in_one_line(tmp_path):
    _tables(tmp_path / "data")
    runner = CliRunner()
    result = runner.invoke(cli, ["review", "confirm", "SY-404", "--data", str(tmp_path / "data")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: no incident 'SY-404' in {tmp_path / 'data' / 'incidents.csv'} or "
        f"{tmp_path / 'data' / 'aggregates.csv'} (see `mapper review list` or the tables)"]
    result = runner.invoke(cli, ["review", "edit", "SY-001", "quote_start", "3", "--data", str(tmp_path / "data")])
    assert result.exit_code == 1 and "field 'quote_start' cannot be edited" in result.output
    result = runner.invoke(cli, ["review", "reject", "SY-001", "--data", str(tmp_path / "data")])
    assert result.exit_code == 1 and "a reject needs --reason" in result.output
    assert not (tmp_path / "data" / "reviews.csv").exists()


# -- the round trip, as an analyst runs it ----------------------------------------------

ARTICLE = "000_d06298040ac627ef"
LATAKIA_OUTAGE = f"{ARTICLE}-a5cc2948"  # "the city was left without electricity": rejected below
BANIYAS_ATTACK = f"{ARTICLE}-84644355"  # "at least 20 of his neighbors were killed": 20 -> 3


def _run(*args):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return {row[next(iter(row))]: row for row in csv.DictReader(handle)}


def test_reject_and_edit_hold_through_builds_and_a_second_build_changes_no_byte(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "places_overrides.csv", tmp_path / "data")
    folders = ["--seeds", str(tmp_path / "seeds"), "--data", str(tmp_path / "data"), "--maps", str(tmp_path / "maps")]
    _run("build", *folders)
    before = _rows(tmp_path / "data" / "incidents.csv")
    assert before[BANIYAS_ATTACK]["fatalities"] == "20" and LATAKIA_OUTAGE in before
    data = ["--data", str(tmp_path / "data")]
    said = _run("review", "reject", LATAKIA_OUTAGE, "--reason", "an outage, not an incident", "--reviewer", "amal", *data)
    assert "takes effect at the next `mapper build`" in said
    _run("review", "edit", BANIYAS_ATTACK, "fatalities", "3", "--reason", "OCHA flash update", *data)
    assert "3" in _run("review", "list", *data)

    summary = _run("build", *folders)
    assert f"rejected by a reviewer, left out (1): {LATAKIA_OUTAGE}" in summary
    incidents = _rows(tmp_path / "data" / "incidents.csv")
    assert LATAKIA_OUTAGE not in incidents
    assert len(incidents) == len(before) - 1
    edited = incidents[BANIYAS_ATTACK]
    assert (edited["fatalities"], edited["review_state"], edited["edited_fields"], edited["confidence"]) == \
        ("3", "edited", "fatalities", "high")
    acled = _rows(tmp_path / "data" / "incidents_acled.csv")
    assert LATAKIA_OUTAGE not in acled and acled[BANIYAS_ATTACK]["fatalities"] == "3"
    doc = json.loads((tmp_path / "maps" / "incidents.geojson").read_text(encoding="utf-8"))
    features = {f["id"]: f["properties"] for f in doc["features"]}
    assert LATAKIA_OUTAGE not in features
    assert (features[BANIYAS_ATTACK]["fatalities"], features[BANIYAS_ATTACK]["review_state"],
            features[BANIYAS_ATTACK]["edited_fields"]) == (3, "edited", "fatalities")
    assert LATAKIA_OUTAGE not in (tmp_path / "maps" / "incident_map.html").read_text(encoding="utf-8")

    outputs = ["data/incidents.csv", "data/aggregates.csv", "data/incidents_acled.csv", "data/reviews.csv",
               "maps/incidents.geojson", "maps/incident_map.html"]
    first = {name: (tmp_path / name).read_bytes() for name in outputs}
    _run("build", *folders)
    for name in outputs:
        assert (tmp_path / name).read_bytes() == first[name], name


MASS_GRAVE = f"{ARTICLE}-56a53506"  # "lined in a mass grave", placed at Tuwaym


def test_a_location_edited_to_an_unknown_name_keeps_its_point_through_build_and_map(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "places_overrides.csv", tmp_path / "data")
    folders = ["--seeds", str(tmp_path / "seeds"), "--data", str(tmp_path / "data"), "--maps", str(tmp_path / "maps")]
    _run("build", *folders)
    point = {k: _rows(tmp_path / "data" / "incidents.csv")[MASS_GRAVE][k] for k in ("latitude", "longitude")}
    assert point["latitude"]  # Tuwaym is placed (approximately)
    _run("review", "edit", MASS_GRAVE, "location", "Nowhere town", "--data", str(tmp_path / "data"))
    for command in ("build", "map"):
        said = _run(command, *folders)
        assert "W606" in said and "'Nowhere town'" in said
        row = _rows(tmp_path / "data" / "incidents.csv")[MASS_GRAVE]
        assert (row["location"], row["latitude"], row["longitude"], row["edited_fields"]) == \
            ("Nowhere town", point["latitude"], point["longitude"], "location"), command
        doc = json.loads((tmp_path / "maps" / "incidents.geojson").read_text(encoding="utf-8"))
        assert MASS_GRAVE in {f["id"] for f in doc["features"]}, command
