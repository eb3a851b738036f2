"""Issue 13, tables: local incidents apart from overall tolls, places joined in, an ACLED-shaped
export, and a confidence per incident with its reasons."""

import csv
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from mapper.cli import cli
from mapper.extract.evidence import evidence_of
from mapper.extract.model import Incident, Note
from mapper.tables.acled import acled_actors, interaction
from mapper.tables.coding import acled_region, acled_types, actor_type
from mapper.tables.confidence import assess
from mapper.tables.geography import country_of

# ACLED's export columns in ACLED's order, as its data exports give them (written out here,
# not imported from mapper.schema, so the test fails if the project's list drifts).
ACLED_EXPORT = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
                "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,"
                "fatalities,tags,timestamp").split(",")

ARTICLE = (
    "Gunmen killed five villagers in Goma on Monday, residents said.\n\n"
    "Police fired tear gas at hundreds of protesters in Kharkiv on Tuesday, arresting 12.\n\n"
    "=HYPERLINK(\"http://x\",\"y\") Thousands of people fled Goma for Bukavu on Wednesday.\n\n"
    "Since the war began, at least 7,000 civilians have been killed across the country, the UN said.\n"
)


def rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("tables")
    (root / "seeds").mkdir()
    (root / "seeds" / "report.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "seeds" / "report.meta.json").write_text(json.dumps({"published": "2024-06-05", "source": "Wire"}))
    result = CliRunner().invoke(cli, ["build", "--seeds", str(root / "seeds"), "--data", str(root / "data"),
                                      "--maps", str(root / "maps")])
    assert result.exit_code == 0, result.output
    return root


def test_local_incidents_and_overall_tolls_are_in_two_tables(built):
    local, aggregates = rows(built / "data" / "incidents.csv"), rows(built / "data" / "aggregates.csv")
    assert local and all(row["scope"] == "local" for row in local)
    assert [row["fatalities"] for row in aggregates] == ["7000"]
    # Summing the local table counts the Goma dead once, never the country-wide toll.
    assert sum(int(row["fatalities"]) for row in local) == 5


def test_the_local_table_carries_its_places_coordinates_and_country(built):
    goma = next(row for row in rows(built / "data" / "incidents.csv") if row["location"] == "Goma"
                and row["event_type"] == "Violence against civilians")
    assert abs(float(goma["latitude"]) - (-1.68)) < 0.1 and abs(float(goma["longitude"]) - 29.22) < 0.1
    assert (goma["country_code"], goma["iso"], goma["geo_precision"]) == ("CD", "180", "1")
    assert goma["country"] == "Democratic Republic of Congo" and "Kivu" in goma["admin1"]  # ACLED's name


def test_the_acled_export_has_acleds_columns_and_appends_to_an_acled_table(built):
    path = built / "data" / "incidents_acled.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == ACLED_EXPORT
    ours = pd.read_csv(path, dtype=str, keep_default_na=False)
    theirs = pd.DataFrame([{column: "" for column in ACLED_EXPORT}])
    combined = pd.concat([theirs, ours], ignore_index=True)
    assert list(combined.columns) == ACLED_EXPORT and len(combined) == 1 + len(ours)


def test_the_acled_export_derives_types_actors_and_region(built):
    export = rows(built / "data" / "incidents_acled.csv")
    attack = next(row for row in export if row["event_type"] == "Violence against civilians")
    assert (attack["disorder_type"], attack["civilian_targeting"]) == ("Political violence", "Civilian targeting")
    assert (attack["inter1"], attack["inter2"], attack["interaction"]) == ("3", "7", "37")
    assert attack["region"] == "Middle Africa" and attack["year"] == "2024" and attack["fatalities"] == "5"
    assert attack["notes"].endswith("]") and "[article report, characters " in attack["notes"]
    protest = next(row for row in export if row["event_type"] == "Protests")
    assert protest["disorder_type"] == "Demonstrations" and protest["region"] == "Europe"
    flight = next(row for row in export if row["tags"] == "mapper: displacement")
    assert (flight["event_type"], flight["sub_event_type"]) == ("Strategic developments", "Other")


def test_no_export_cell_starts_a_formula(built):
    for name in ("incidents.csv", "incidents_acled.csv"):
        with open(built / "data" / name, encoding="utf-8", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row if cell]
        assert not [cell for cell in cells if cell[0] in "=+@"], name
        assert any(cell.startswith("'=HYPERLINK") for cell in cells), name  # the quote is there, neutralised


def test_every_row_has_a_confidence_and_its_reasons(built):
    for row in rows(built / "data" / "incidents.csv") + rows(built / "data" / "aggregates.csv"):
        assert row["confidence"] in ("high", "medium", "low") and row["confidence_reasons"]
    features = json.loads((built / "maps" / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    assert features and all(f["properties"]["confidence"] in ("high", "medium", "low") for f in features)


# -- the rules, one at a time ------------------------------------------------------------

@pytest.mark.parametrize("evidence,latitude,approximation,km,review,level", [
    ("", 35.1, "none", 2, "", "high"),  # a town, its own date and toll
    ("date:publication", 35.1, "none", 2, "", "medium"),
    ("date:publication;figures:rival", 35.1, "none", 2, "", "low"),
    ("", 35.1, "admin1", 120, "", "low"),  # only "in Idlib province"
    ("", 33.9, "none", 58, "", "low"),  # "in Lebanon": a country as the place (geo_precision 3 below)
    ("", 35.1, "near", 10, "", "medium"),  # "near El Fasher"
    ("", 35.1, "none", 40, "", "medium"),  # a place known to ±40 km
    ("", None, "", None, "", "low"),  # not placed at all
    ("date:publication;sources:3", 35.1, "none", 2, "", "high"),  # three reports of it
    ("date:publication;figures:rival", None, "", None, "confirmed", "high"),  # a reviewer checked it
])
def test_confidence_levels(evidence, latitude, approximation, km, review, level):
    got, reasons = assess(evidence, latitude, approximation, km, review, geo_precision=3 if km == 58 else 1)
    assert got == level, reasons


def test_confidence_reasons_are_words():
    assert assess("date:publication;sources:2", 1.0, "none", 2)[1] == \
        "no date in the text (the publication date stands in); 2 sources"
    assert assess("", 1.0, "admin1", 122)[1] == "place known only as a region (±122 km)"


def _incident(*notes):
    return Incident("a-1", "a", "2024-01-01", 1, "", "Battles", "Armed clash", "", "", "Goma", 3, "", "local",
                    "q", 0, 1, "", note_items=tuple(Note.of(n) for n in notes))


@pytest.mark.parametrize("notes,codes", [
    (("date=publication date (undated in text)", "trigger=killed"), "date:publication"),
    (("qualifier=at_least",), ""),  # "at least 12" is a firm floor
    (("qualifier=about",), "figures:approximate"),
    (("qualifier=10_to_15",), "figures:approximate"),
    (("other_figures=8",), "figures:rival"),
    (("fatalities_text=dozens",), "figures:words"),
    (("location=from paragraph", "trigger_strength=weak"), "place:paragraph;trigger:weak"),
    (("sources=a,b,c",), "sources:3"),
])
def test_evidence_codes_from_notes(notes, codes):
    assert evidence_of(_incident(*notes)) == codes


@pytest.mark.parametrize("actor,code", [
    ("Syrian security forces", 1), ("police", 1), ("gunmen", 3), ("unidentified armed men", 3),
    ("rebels", 2), ("al-Shabaab militants", 2), ("Fulani ethnic militia", 4), ("rioters", 5),
    ("protesters", 6), ("civilians", 7), ("UN peacekeepers", 8), ("", None), ("a committee", None),
])
def test_actor_types(actor, code):
    assert actor_type(actor) == code


def test_actors_as_acled_names_them():
    assert acled_actors("Protests", "", "police", "Kenya") == ("Protesters (Kenya)", 6, "police", 1)
    assert acled_actors("Riots", "farmers", "", "Peru") == ("farmers", 5, "", None)
    assert acled_actors("Violence against civilians", "gunmen", "civilians", "Mali") == \
        ("gunmen", 3, "Civilians (Mali)", 7)
    assert interaction(7, 1) == 17 and interaction(6, None) == 60 and interaction(None, None) is None


def test_coding_tables():
    assert acled_region("sy") == "Middle East" and acled_region("SD") == "Northern Africa"
    assert acled_region("SS") == "Eastern Africa" and acled_region("XX") == ""
    assert country_of("SY") == ("Syria", 760) and country_of("") == ("", None)
    mob = acled_types()[("Riots", "Mob violence")]
    assert mob.disorder_type == "Political violence; Demonstrations" and mob.civilian_targeting
    burial = acled_types()[("Strategic developments", "Funeral or burial")]
    assert (burial.sub_event_type, burial.tag) == ("Other", "mapper: funeral or burial")


def test_every_sub_event_type_the_triggers_give_has_an_acled_coding():
    from mapper.extract.vocabulary import table

    pairs = {(row.text("event_type"), row.text("sub_event_type")) for row in table("triggers.csv")}
    assert pairs and not pairs - set(acled_types())
