"""Per-article resolution: a name is read in its own article, and other articles never move its pins."""

import csv
import shutil
from pathlib import Path

from click.testing import CliRunner
from test_geocode_resolve import providers, uses

from mapper.cli import cli
from mapper.geocode.resolve import PlaceUse, resolve_places

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))


def rows_of(resolution, article):
    return {record.place: record for record in resolution.places if record.article == article}


def test_another_article_never_changes_this_articles_records():
    lebanese = uses("a", "Tripoli", "Byblos", "Beirut")
    # Three Libyan stories naming Tripoli: under one row per name for the corpus they outvoted article a.
    libyan = [use for article in "bcd" for use in uses(article, "Tripoli", "Misrata", "Benghazi")]
    alone = resolve_places(lebanese, providers())
    with_others = resolve_places(lebanese + libyan, providers())
    assert rows_of(alone, "a") == rows_of(with_others, "a")
    assert rows_of(with_others, "a")["Tripoli"].country_code == "LB"
    assert {rows_of(with_others, article)["Tripoli"].country_code for article in "bcd"} == {"LY"}


def test_one_record_per_article_and_name_each_naming_its_article():
    resolution = resolve_places(uses("b", "Tripoli", "Misrata") + uses("a", "Tripoli", "Byblos"), providers())
    assert [(record.article, record.place) for record in resolution.places] == [
        ("a", "Byblos"), ("a", "Tripoli"), ("b", "Misrata"), ("b", "Tripoli")]
    assert resolution.places[0].as_row()[:2] == ["a", "Byblos"]  # places.csv: article first


def test_a_datelines_capitals_fold_to_the_same_place_as_the_body():
    # "TRIPOLI, Lebanon (AP) -- ... clashes in Tripoli and Byblos": one place, two spellings, one answer.
    dateline = PlaceUse(article="a", name="TRIPOLI", role="dateline", sentence="TRIPOLI (AP) --")
    records = rows_of(resolve_places([dateline, *uses("a", "Tripoli", "Byblos")], providers()), "a")
    assert set(records) == {"TRIPOLI", "Tripoli", "Byblos"}
    spelled = [(r.latitude, r.longitude, r.source_id, r.country_code) for r in (records["TRIPOLI"], records["Tripoli"])]
    assert spelled[0] == spelled[1] and spelled[0][3] == "LB"


# -- end to end: adding an article to seeds/ ---------------------------------------------

# The seed names "the coastal region" (Syria's coast) and "Lebanon"; so does this Kenyan story. Under one
# row per name for the corpus, the seed's coastal region was drawn round Mombasa and Malindi too.
KENYA = ("Clashes in the coastal region killed four fighters on Monday in Mombasa and Malindi, officials said. "
         "Traders from Lebanon closed their shops in Mombasa.\n")


def _build(folder: Path) -> dict[tuple[str, str], list[str]]:
    result = CliRunner().invoke(cli, ["build", "--seeds", str(folder / "seeds"), "--data", str(folder / "data"),
                                      "--maps", str(folder / "maps"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    with open(folder / "data" / "places.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["article", "place"]
    return {(row[0], row[1]): row for row in rows[1:]}


def test_adding_an_article_to_the_seeds_never_moves_another_articles_pins(tmp_path):
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    (tmp_path / "data").mkdir()
    before = _build(tmp_path)
    (tmp_path / "seeds" / "zz_kenya.txt").write_text(KENYA, encoding="utf-8")
    after = _build(tmp_path)
    seed_rows = {key: row for key, row in after.items() if key[0] == SEED.stem}
    assert seed_rows == before and before
    kenyan = {key[1]: row for key, row in after.items() if key[0] == "zz_kenya"}
    assert {"the coastal region", "Mombasa", "Malindi"} <= set(kenyan)
    assert kenyan["the coastal region"][5] == "KE" and before[(SEED.stem, "the coastal region")][5] == "SY"
