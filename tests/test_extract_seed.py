"""End to end on the seed article, coded by hand by an analyst (see the brief)."""

from pathlib import Path

import pytest

from mapper.articles import load_articles
from mapper.extract import extract_article, merge_duplicates
from mapper.lexicon import DictLexicon, KnownName

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_ID = "000_d06298040ac627ef"

LEX = DictLexicon({
    "Syria": KnownName("country", 22_933_531, "SY"),
    "Lebanon": KnownName("country", 6_848_925, "LB"),
    "France": KnownName("country", 67_848_156, "FR"),
    "Latakia": KnownName("populated", 383_786, "SY"),
    "Damascus": KnownName("populated", 1_569_394, "SY"),
    "Baniyas": KnownName("populated", 41_264, "SY"),
    "Jableh": KnownName("populated", 65_915, "SY"),
    # small or unknown places the article itself marks as places
    "Al-Janoudiya": KnownName("populated", 3_000, "SY"),
    # GeoNames-style homonyms of common words and names: traps
    "Friday": KnownName("populated", 50, "US"),
    "Death": KnownName("populated", 10, "US"),
    "Photos": KnownName("populated", 10, "GR"),
    "Government": KnownName("populated", 10, "PH"),
    "Assad": KnownName("populated", 300, "SY"),
    "Nasser": KnownName("populated", 2_000, "EG"),
})


@pytest.fixture(scope="module")
def seed():
    articles, _warnings = load_articles(SEEDS)
    article = next(a for a in articles if a.id == SEED_ID)
    return article, extract_article(article, LEX)


def rows(result, **where):
    return [i for i in result.incidents if all(getattr(i, k) == v for k, v in where.items())]


def one(result, **where):
    found = rows(result, **where)
    assert len(found) == 1, [(i.location, i.event_type, i.sub_event_type, i.fatalities) for i in result.incidents]
    return found[0]


def test_places_are_the_places(seed):
    _, result = seed
    names = {p.name for p in result.places}
    for place in ("Baniyas", "Tuwaym", "Jableh", "Al-Janoudiya", "Hmeimim", "Latakia", "Lebanon", "France", "Damascus"):
        assert place in names, place
    for not_place in ("Sheha", "Ali Sheha", "Haidar Nasser", "Nasser", "Rami Abdurrahman", "Abdurrahman", "Assad",
                      "Alawite", "Alawites", "Sunni", "Sunni Muslim", "Syrian", "Russian", "Lebanese", "Friday",
                      "Saturday", "Thursday", "Death", "Photos", "Government", "Associated Press", "Syrian Observatory"):
        assert not_place not in names, not_place
    assert "the coastal region" in names and "central Syria" in names
    france = [p.role for p in result.places if p.name == "France"]
    assert france and set(france) == {"actor"}
    assert "location" in {p.role for p in result.places if p.name == "Lebanon"}


def test_baniyas(seed):
    _, r = seed
    killing = one(r, location="Baniyas", event_type="Violence against civilians")
    assert killing.fatalities == 20 and killing.scope == "local"
    assert "at least 20 of his neighbors were killed" in killing.quote
    looting = one(r, location="Baniyas", sub_event_type="Looting/property destruction")
    assert "cars were stolen" in looting.quote and looting.fatalities == 0


def test_tuwaym(seed):
    _, r = seed
    killing = one(r, location="Tuwaym", event_type="Violence against civilians")
    assert (killing.fatalities, killing.fatalities_breakdown, killing.scope) == (31, "children=9;women=4", "local")
    assert killing.date_text == "the previous day"
    grave = one(r, location="Tuwaym", sub_event_type="Mass grave")
    assert grave.event_type == "Strategic developments" and grave.fatalities == 0


def test_jableh_ambush_on_thursday(seed):
    _, r = seed
    ambush = one(r, location="Jableh")
    assert ambush.event_type == "Battles" and ambush.sub_event_type == "Armed clash"
    assert (ambush.event_date, ambush.time_precision) == ("2025-03-06", 1)
    assert ambush.actor1 == "Assad loyalists"


def test_al_janoudiya_funeral_does_not_double_count(seed):
    _, r = seed
    funeral = one(r, location="Al-Janoudiya")
    assert (funeral.sub_event_type, funeral.event_date, funeral.fatalities) == ("Funeral or burial", "2025-03-08", 0)
    assert "4" in funeral.notes


def test_displacement_and_infrastructure(seed):
    _, r = seed
    assert one(r, location="Hmeimim").sub_event_type == "Displacement"
    lebanon = one(r, location="Lebanon")
    assert lebanon.sub_event_type == "Displacement" and lebanon.destination == "Lebanon"
    assert one(r, location="Latakia").sub_event_type == "Infrastructure disruption"


def test_coastal_region_aggregate(seed):
    _, r = seed
    tolls = [i for i in r.incidents if i.scope == "aggregate" and i.fatalities]
    assert len(tolls) == 1
    toll = tolls[0]
    assert toll.location == "the coastal region"
    assert toll.fatalities == 745 + 125 + 148
    assert toll.fatalities_breakdown == "civilians=745;security_forces=125;fighters=148"
    coastal = rows(r, location="the coastal region")
    assert {"Displacement", "Government regains territory"} <= {i.sub_event_type for i in coastal}
    flight = next(i for i in coastal if i.sub_event_type == "Displacement")
    assert flight.destination == "the surrounding mountains"


def test_no_incident_in_france_or_damascus_and_locations_are_places(seed):
    _, r = seed
    places = {p.name for p in r.places}
    for i in r.incidents:
        assert i.location not in ("France", "Damascus", "Syria", "")
        assert i.location in places


def test_map_total_counts_each_death_once(seed):
    _, r = seed
    local = sum(i.fatalities or 0 for i in r.incidents if i.scope == "local")
    assert local == 20 + 31  # Baniyas and Tuwaym; the funeral's four are not re-added


def test_quotes_are_exact_slices(seed):
    article, r = seed
    for i in r.incidents:
        assert article.text[i.quote_start : i.quote_end] == i.quote
        assert i.article == article.id


def test_merging_the_seed_with_itself_keeps_one_row_each(seed):
    article, r = seed
    again = extract_article(article.__class__(**{**article.__dict__, "id": "copy"}), LEX)
    merged = merge_duplicates(list(r.incidents) + list(again.incidents))
    assert len(merged) == len(r.incidents)
    assert all(f"sources={article.id},copy" in i.notes for i in merged if i.location and i.event_date)


def test_seed_with_the_real_gazetteer(seed):
    """Same locations with the project's GeoNames index (built here if missing; never skipped)."""
    from mapper.geocode.gazetteer import Gazetteer

    real = Gazetteer.open()
    article, expected = seed
    result = extract_article(article, real)
    assert [(i.location, i.event_type, i.sub_event_type, i.fatalities) for i in result.incidents] == [
        (i.location, i.event_type, i.sub_event_type, i.fatalities) for i in expected.incidents
    ]
