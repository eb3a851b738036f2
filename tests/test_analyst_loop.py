"""The analyst's loop, as a newcomer runs it: a saved web page and a situation-report PDF dropped
into seeds/, `mapper build`, one row rejected and one corrected with `mapper review`, a rebuild,
and the corrections hold; the ACLED-shaped export appends to an ACLED table. Expected values are
read from the documents written here, never from a run."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from documents import saved_page, text_pdf
from mapper.cli import cli

PAGE = saved_page(
    "Gunmen kill 11 villagers in eastern Congo's Ituri province", "2024-06-12",
    "https://news.example.org/africa/ituri-attack", "Example News", [
        "BUNIA, Congo — Gunmen killed 11 villagers in an overnight attack on the village of Mongbwalu in Congo's "
        "Ituri province, a local official said on Wednesday.",
        "On Tuesday, hundreds of residents protested in Bunia against the insecurity, blocking the main road for "
        "several hours.",
        "The United Nations says more than 1.5 million people have been displaced in Ituri since 2017.",
    ])

# a flash update as a humanitarian office exports it: sentences printed over two lines, made on 14 June
REPORT = text_pdf([
    "Flash Update No. 3: Displacement in North Kivu",
    "On 13 June, armed men attacked a displacement site near Goma, killing four people,",
    "including two children, according to local authorities. Humanitarian partners said",
    "the site hosted some 12,000 people.",
    "Following clashes between armed groups in Kitshanga on 12 June, an estimated 8,000 people",
    "fled towards Mweso, humanitarian partners report.",
], made="20240614", title="Flash Update No. 3: Displacement in North Kivu")

# ACLED's export columns, in its order (the list; the real export's header)
ACLED_EXPORT = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
                "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,"
                "fatalities,tags,timestamp").split(",")


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _rows(path: Path, key: str = "incident_id") -> dict[str, dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return {row[key]: row for row in csv.DictReader(handle)}


def _one(rows: dict[str, dict], **fields: str) -> str:
    found = [i for i, row in rows.items() if all(row[k] == v for k, v in fields.items())]
    assert len(found) == 1, (fields, [(r["location"], r["sub_event_type"]) for r in rows.values()])
    return found[0]


@pytest.fixture()
def newcomer(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ituri-attack.html").write_text(PAGE, encoding="utf-8")
    (seeds / "flash-update-3.PDF").write_bytes(REPORT)
    folders = ["--seeds", str(seeds), "--data", str(tmp_path / "data"), "--maps", str(tmp_path / "maps")]
    return tmp_path, folders


def test_a_saved_page_and_a_pdf_are_built_reviewed_and_the_corrections_hold(newcomer):
    tmp_path, folders = newcomer
    summary = _run("build", *folders)
    assert "W1" not in summary  # both documents read, nothing named as unread
    data = tmp_path / "data"
    incidents = _rows(data / "incidents.csv")

    # the page: its story, dated by its own metadata, without its menu or related links
    attack = _one(incidents, location="Mongbwalu", sub_event_type="Attack")
    assert incidents[attack]["fatalities"] == "11"
    protest = _one(incidents, location="Bunia", event_type="Protests")
    assert incidents[protest]["event_date"] == "2024-06-11"  # "On Tuesday" before the page's Wednesday
    # the report: a sentence printed over two lines is one quote, dated by the day the PDF was made
    site = _one(incidents, location="Goma")
    assert incidents[site]["quote"] == ("On 13 June, armed men attacked a displacement site near Goma, killing four "
                                        "people, including two children, according to local authorities.")
    assert (incidents[site]["fatalities"], incidents[site]["event_date"]) == ("4", "2024-06-13")
    # every quote is where its offsets say, in the text kept beside the tables
    for row in incidents.values():
        text = (data / "texts" / f"{row['article']}.txt").read_text(encoding="utf-8")
        assert text[int(row["quote_start"]):int(row["quote_end"])] == row["quote"]
    # the UN's running total since 2017 is an overall figure, not a local displacement
    assert not any(row["sub_event_type"] == "Displacement" and row["location"] == "Ituri" for row in incidents.values())

    # the analyst rejects the protest and corrects the attack's toll from another source
    said = _run("review", "reject", protest, "--reason", "a road blockade, coded elsewhere", "--reviewer", "amal",
                "--data", str(data))
    assert protest in said
    _run("review", "edit", attack, "fatalities", "12", "--reason", "MONUSCO statement, 13 June", "--reviewer", "amal",
         "--data", str(data))
    summary = _run("build", *folders)
    assert protest in summary

    for rebuilt in (_rows(data / "incidents.csv"), _rows(data / "incidents_acled.csv", "event_id_cnty")):
        assert protest not in rebuilt
    incidents = _rows(data / "incidents.csv")
    assert (incidents[attack]["fatalities"], incidents[attack]["review_state"], incidents[attack]["edited_fields"],
            incidents[attack]["confidence"]) == ("12", "edited", "fatalities", "high")
    assert _rows(data / "incidents_acled.csv", "event_id_cnty")[attack]["fatalities"] == "12"
    assert _rows(data / "rejected.csv")[protest]["review_state"] == "rejected"
    assert protest not in (tmp_path / "maps" / "incidents.geojson").read_text(encoding="utf-8")

    # `mapper map` alone applies the same reviews again, with no complaint about the rejected row
    first = {name: (data / name).read_bytes() for name in ("incidents.csv", "incidents_acled.csv", "rejected.csv")}
    summary = _run("map", "--data", str(data), "--maps", str(tmp_path / "maps"), "--seeds", folders[1])
    assert "W604" not in summary
    for name, content in first.items():
        assert (data / name).read_bytes() == content, name


def test_a_reject_taken_back_out_of_the_file_brings_the_row_back_at_the_next_map(newcomer):
    tmp_path, folders = newcomer
    _run("build", *folders)
    data = tmp_path / "data"
    protest = _one(_rows(data / "incidents.csv"), location="Bunia", event_type="Protests")
    _run("review", "reject", protest, "--reason", "checking", "--data", str(data))
    _run("build", *folders)
    assert protest not in _rows(data / "incidents.csv")
    reviews = data / "reviews.csv"
    header = reviews.read_text(encoding="utf-8").splitlines()[0]
    reviews.write_text(header + "\n", encoding="utf-8")  # the analyst deletes the reject line
    _run("map", "--data", str(data), "--maps", str(tmp_path / "maps"), "--seeds", folders[1])
    assert protest in _rows(data / "incidents.csv")
    assert protest not in _rows(data / "rejected.csv")


def test_the_acled_export_of_the_loop_appends_to_an_acled_export_without_a_column_mismatch(newcomer):
    tmp_path, folders = newcomer
    _run("build", *folders)
    ours = pd.read_csv(tmp_path / "data" / "incidents_acled.csv", dtype=str, keep_default_na=False)
    # two rows as ACLED's own export writes them (values invented, columns and order ACLED's)
    theirs = pd.DataFrame([
        ["COD12345", "2024-06-10", "2024", "1", "Political violence", "Violence against civilians", "Attack",
         "CODECO: Cooperative for the Development of Congo", "", "3", "Civilians (Democratic Republic of Congo)", "",
         "7", "37", "Civilian targeting", "180", "Middle Africa", "Democratic Republic of Congo", "Ituri", "Djugu", "",
         "Mongbwalu", "1.9500", "30.0333", "1", "Radio Okapi", "National", "On 10 June 2024, ...", "3", "",
         "1718600000"],
        ["COD12346", "2024-06-11", "2024", "1", "Demonstrations", "Protests", "Peaceful protest",
         "Protesters (Democratic Republic of Congo)", "", "6", "", "", "0", "60", "", "180", "Middle Africa",
         "Democratic Republic of Congo", "Ituri", "Irumu", "", "Bunia", "1.5594", "30.2522", "1", "Radio Okapi",
         "National", "On 11 June 2024, ...", "0", "crowd size=hundreds", "1718600000"],
    ], columns=ACLED_EXPORT)
    combined = pd.concat([theirs, ours], ignore_index=True)
    assert list(ours.columns) == ACLED_EXPORT
    assert list(combined.columns) == ACLED_EXPORT and len(combined) == 2 + len(ours) and len(ours) >= 3
    mongbwalu = combined[(combined["location"] == "Mongbwalu") & (combined["event_id_cnty"] != "COD12345")]
    assert mongbwalu.iloc[0][["country", "iso", "region", "disorder_type"]].tolist() == \
        ["Democratic Republic of Congo", "180", "Middle Africa", "Political violence"]


def test_a_hand_edited_reviews_file_with_bad_rows_is_named_line_by_line_and_the_rest_is_built(newcomer):
    tmp_path, folders = newcomer
    _run("build", *folders)
    data = tmp_path / "data"
    incidents = _rows(data / "incidents.csv")
    attack = _one(incidents, location="Mongbwalu", sub_event_type="Attack")
    site = _one(incidents, location="Goma")
    reviews = data / "reviews.csv"
    reviews.write_text(
        "incident_id,action,field,value,reviewer,reason,date\n"
        f"{attack},edit,fatalities,12,amal,MONUSCO,2026-12-01\n"      # line 2: applied
        f"{attack},edit,fatalities,12,amal,MONUSCO,2026-12-01\n"      # line 3: the same again
        "ituri-attack-00000000,confirm,,,amal,,2026-12-01\n"          # line 4: no such incident
        f"{site},approve,,,amal,,2026-12-01\n"                        # line 5: unknown action
        f"{site},confirm,amal\n",                                     # line 6: malformed
        encoding="utf-8")
    saved = reviews.read_bytes()
    summary = _run("build", *folders)
    named = [line.strip().removeprefix("- ") for line in summary.splitlines() if str(reviews) in line]
    by_line = {line.split()[1].rsplit(":", 2)[1]: line.split()[0] for line in named}
    assert by_line == {"3": "W602", "4": "W604", "5": "W601", "6": "W601"} and len(named) == 4
    incidents = _rows(data / "incidents.csv")
    assert (incidents[attack]["fatalities"], incidents[attack]["review_state"]) == ("12", "edited")
    assert incidents[site]["review_state"] == ""  # neither bad row touched it
    assert reviews.read_bytes() == saved  # a build reads the reviews, never rewrites them
