"""Issue 13: the notebook API (DataFrames) and the summary for scripts (--json, --quiet, progress)."""

import io
import json

import click
import pandas as pd
import pytest
from click.testing import CliRunner

import mapper
from mapper.cli import ProgressLine, cli
from mapper.schema import TABLE_COLUMNS

TEXT = ("Gunmen killed five villagers in Goma on Monday, residents said.\n\n"
        "Since the war began, at least 7,000 civilians have been killed across the country, the UN said.\n")


def test_extract_gives_the_incident_table_of_one_text():
    table = mapper.extract(TEXT, published="2024-06-05")
    assert isinstance(table, pd.DataFrame) and list(table.columns) == TABLE_COLUMNS
    goma = table[table["scope"] == "local"].iloc[0]
    assert (goma["event_date"], goma["location"], goma["fatalities"], goma["country_code"]) == \
        ("2024-06-03", "Goma", 5, "CD")
    assert TEXT[goma["quote_start"]:goma["quote_end"]] == goma["quote"]
    assert list(table["scope"]) == ["local", "aggregate"]


def test_mapper_extract_is_callable_after_the_extraction_package_is_imported():
    import mapper.extract as package  # sets the attribute mapper.extract to the package

    assert mapper.extract is package
    assert list(mapper.extract(TEXT, published="2024-06-05")["location"])[:1] == ["Goma"]


def test_geoparse_as_a_frame_has_a_row_per_mention_and_a_column_per_field():
    frame = mapper.geoparse("Shelling hit Latakia in Syria on Monday, residents said.", as_frame=True)
    assert isinstance(frame, pd.DataFrame)
    assert frame[["name", "start", "end", "country_code"]].values.tolist() == [["Latakia", 13, 20, "SY"],
                                                                             ["Syria", 24, 29, "SY"]]
    assert list(frame.columns)[:6] == ["name", "start", "end", "sentence_start", "sentence_end", "role"]
    empty = mapper.geoparse("Nothing happened here.", as_frame=True)
    assert empty.empty and list(empty.columns) == list(frame.columns)


def test_build_returns_its_tables(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "seeds" / "a.meta.json").write_text('{"published": "2024-06-05"}')
    built = mapper.build(tmp_path / "seeds", tmp_path / "data", tmp_path / "maps")
    assert list(built.incidents["location"]) == ["Goma"] and built.incidents["fatalities"].sum() == 5
    assert list(built.aggregates["fatalities"]) == [7000]
    assert built.acled["event_id_cnty"].tolist() == built.incidents["incident_id"].tolist()
    assert "Goma" in set(built.places["place"]) and built.report.incidents == 1


@pytest.fixture
def seeds(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "seeds" / "b.html").write_bytes(b"\x00\x01binary")  # a warning either way
    return tmp_path


def _build(folder, *options):
    return CliRunner().invoke(cli, ["build", "--seeds", str(folder / "seeds"), "--data", str(folder / "data"),
                                    "--maps", str(folder / "maps"), *options])


def test_json_summary_is_one_object_with_counts_files_and_warnings(seeds):
    result = _build(seeds, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["articles"], summary["incidents"], summary["aggregates"]) == (1, 1, 1)
    assert str(seeds / "data" / "incidents_acled.csv") in summary["outputs"]
    assert all(set(w) == {"code", "path", "line", "message"} for w in summary["warnings"])


def test_quiet_prints_no_summary(seeds):
    result = _build(seeds, "--quiet")
    assert result.exit_code == 0 and result.stdout == ""
    assert (seeds / "data" / "incidents.csv").exists()


def test_the_summary_counts_local_incidents_apart_from_overall_tolls(seeds):
    result = _build(seeds)
    assert "incidents: 1 (+1 overall tolls)" in result.output


def test_progress_is_silent_off_a_terminal_and_a_line_on_one(monkeypatch):
    written = io.StringIO()

    def echo(message="", err=False, nl=True):
        assert err  # progress goes to stderr, never into the summary
        written.write(message + ("\n" if nl else ""))

    monkeypatch.setattr(click, "echo", echo)
    ProgressLine(enabled=False)("extract", 3, 10)
    assert written.getvalue() == ""
    line = ProgressLine(enabled=True)
    line("extract", 10, 10)
    line("geocode", 4, 4)
    assert written.getvalue().split("\n") == ["\r\x1b[Kextract: 10/10 articles", "\r\x1b[Kgeocode: 4/4 articles geocoded", ""]
