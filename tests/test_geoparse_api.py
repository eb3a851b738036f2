"""``mapper.geoparse``: one text from Python, the same answers as ``mapper build`` gives for it."""

import csv
import dataclasses
import datetime as dt

import pytest
from click.testing import CliRunner

import mapper
from mapper.cli import cli
from mapper.geocode.chain import LazyGazetteer, offline_providers
from mapper.geocode.gazetteer import Gazetteer
from mapper.geocode.records import coord_text, km_text

# A report of our own: a dateline, a country, towns, a region phrase and a village no gazetteer has.
TEXT = (
    "BEIRUT (Reuters) - Israeli air strikes hit the town of Nabatieh in southern Lebanon on Tuesday, "
    "killing four people, the health ministry said.\n\n"
    "Residents of the village of Kfar Qallabiyeh fled north towards Sidon, and shelling was reported "
    "in central Syria.\n"
)


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.open()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("one-article")
    (folder / "seeds").mkdir()
    (folder / "seeds" / "report.txt").write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--workers", "1", "--seeds", str(folder / "seeds"),
                                      "--data", str(folder / "data"), "--maps", str(folder / "maps")])
    assert result.exit_code == 0, result.output
    with open(folder / "data" / "places.csv", encoding="utf-8") as handle:
        return {row["place"]: row for row in csv.DictReader(handle)}


def as_row(toponym):
    return {"latitude": coord_text(toponym.latitude), "longitude": coord_text(toponym.longitude),
            "geo_precision": "" if toponym.geo_precision is None else str(toponym.geo_precision),
            "country_code": toponym.country_code, "admin1": toponym.admin1, "matched_name": toponym.matched_name,
            "source_id": toponym.source_id, "resolution": toponym.resolution,
            "uncertainty_km": km_text(toponym.uncertainty_km), "approximation": toponym.approximation}


def test_geoparse_gives_the_places_csv_rows_of_a_one_article_build(built, gaz):
    found = mapper.geoparse(TEXT, gazetteer=gaz)
    assert {t.name for t in found} == set(built)
    for toponym in found:
        row = built[toponym.name]
        assert as_row(toponym) == {key: row[key] for key in as_row(toponym)}, toponym.name


def test_mentions_carry_their_offsets_sentence_and_role(gaz):
    found = mapper.geoparse(TEXT, gazetteer=gaz)
    assert [t.start for t in found] == sorted(t.start for t in found)
    for toponym in found:
        assert TEXT[toponym.start:toponym.end] == toponym.name
        assert toponym.sentence_start <= toponym.start < toponym.end <= toponym.sentence_end
    assert {t.name: t.role for t in found}["BEIRUT"] == "dateline"
    with pytest.raises(dataclasses.FrozenInstanceError):
        found[0].name = "elsewhere"  # type: ignore[misc]


def test_published_may_be_a_date_or_its_text(gaz):
    text = "Two people were killed in Aleppo on Monday."
    assert mapper.geoparse(text, "2024-03-05", gazetteer=gaz) == mapper.geoparse(
        text, dt.date(2024, 3, 5), gazetteer=gaz)


def test_the_default_gazetteer_and_explicit_providers_give_the_same_answers(gaz):
    text = "Clashes were reported in Homs and Hama."
    assert mapper.geoparse(text) == mapper.geoparse(text, gazetteer=gaz, providers=offline_providers(gaz))


def test_the_lazy_gazetteer_opens_nothing_until_asked(tmp_path):
    LazyGazetteer(cache_dir=tmp_path / "not-yet")  # made, not called
    assert not (tmp_path / "not-yet").exists()
    sentinel = object()
    assert LazyGazetteer(gazetteer=sentinel)() is sentinel
