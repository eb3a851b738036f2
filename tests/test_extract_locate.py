"""The location cascade's strategies, each called alone on one short report.

Every expectation is how an analyst codes the sentence (where did it happen?), not a
recorded run: "Gunmen killed 12 villagers in Kuta village near Goma" happened in Kuta.
The report goes through the real earlier stages (sentences, places, drafts), so a case
is what the strategy sees in a build.
"""

import datetime as dt

from mapper.articles import Article
from mapper.extract.article_index import ArticleIndex
from mapper.extract.dating import article_dates
from mapper.extract.drafts import build_drafts
from mapper.extract.locate import (
    LOCATION_STRATEGIES, Case, LocateTables, area_wide, displacement_end, locate, make_case, named_feature,
    paragraph_place, place_in_clause, previous_paragraph_place, scope_of,
)
from mapper.extract.places import scan_places
from mapper.extract.sentences import is_heading, split_sentences
from mapper.lexicon import DictLexicon, KnownName

LEX = DictLexicon({
    "Goma": KnownName("populated", 670_000, "CD"), "Tawila": KnownName("populated", 20_000, "SD"),
    "Zamzam": KnownName("populated", 10_000, "SD"), "Sudan": KnownName("country", 45_000_000, "SD"),
    "Gaza Strip": KnownName("admin1", 2_000_000, "PS"), "Baniyas": KnownName("populated", 40_000, "SY"),
})


def cases(text: str) -> list[Case]:
    """One Case per draft of the report, in the order the drafts were opened."""
    sentences = split_sentences(text)
    headings = frozenset(s.index for s in sentences if is_heading(s, sentences))
    index = ArticleIndex.of(Article("t", text, dt.date(2025, 3, 9)), sentences, headings,
                            scan_places(text, sentences, LEX, headings))
    tables = LocateTables.of(index)
    return [make_case(index, tables, d) for d in build_drafts(index, article_dates(index).by_sentence)]


def case_of(text: str, family: str) -> Case:
    found = [c for c in cases(text) if c.draft.family == family]
    assert len(found) == 1, [(c.draft.family, c.draft.trigger.text) for c in cases(text)]
    return found[0]


def place_name(choice) -> str | None:
    return None if choice is None or choice.place is None else choice.place.name


def test_place_in_clause_takes_the_village_not_the_town_that_only_situates_it():
    case = case_of("Gunmen killed 12 villagers in Kuta village near Goma on Tuesday.", "violence")
    assert place_name(place_in_clause(case)) == "Kuta"


def test_place_in_clause_skips_a_near_place_even_when_it_is_nearer_the_trigger():
    # Goma is closer to "killed", but it only says where Kuta is
    case = case_of("In Kuta near Goma, gunmen killed 12 people on Tuesday.", "violence")
    assert place_name(place_in_clause(case)) == "Kuta"


def test_place_in_clause_does_not_pin_an_overall_toll_on_a_place_it_includes():
    # the 745 were killed across the country; Baniyas is where 20 of them died
    case = case_of("At least 745 people were killed in the violence, including 20 in Baniyas.", "violence")
    choice = place_in_clause(case)
    assert place_name(choice) is None
    assert choice is not None and choice.notes == ("part_of_toll=Baniyas",)


def test_area_wide_locates_a_toll_across_an_area_at_that_area():
    case = case_of("Air strikes across the Gaza Strip killed 44 people on Sunday.", "violence")
    choice = area_wide(case)
    assert place_name(choice) == "Gaza Strip"
    assert scope_of(case, locate(case)) == "aggregate"  # the whole strip, not one point in it


def test_area_wide_is_only_for_violent_tolls():
    case = case_of("Thousands of protesters marched across Sudan on Friday.", "protest")
    assert area_wide(case) is None


def test_displacement_end_is_the_destination_and_the_origin_stays_written():
    case = case_of("Thousands of families fled from Zamzam to Tawila on Monday.", "displacement")
    assert place_name(displacement_end(case)) == "Tawila"
    assert (case.ends.origin, case.ends.destination) == ("Zamzam", "Tawila")


def test_displacement_end_does_nothing_for_other_events():
    case = case_of("Gunmen killed 5 people in Goma on Friday.", "violence")
    assert displacement_end(case) is None


def test_paragraph_place_carries_the_place_named_earlier_in_the_paragraph():
    text = "Protesters marched in Goma on Friday. Gunmen killed 5 people there on Saturday."
    case = case_of(text, "violence")
    assert place_name(place_in_clause(case)) is None  # "there": the sentence names no place
    choice = paragraph_place(case)
    assert place_name(choice) == "Goma" and choice is not None and choice.how == "paragraph"


def test_paragraph_place_stops_at_the_paragraph_and_the_previous_paragraph_rule_takes_over():
    text = "Protesters marched in Goma on Friday.\n\nGunmen killed 5 people on Saturday."
    case = case_of(text, "violence")
    assert paragraph_place(case) is None
    assert place_name(previous_paragraph_place(case)) == "Goma"


def test_named_feature_finds_the_place_the_article_called_the_village():
    text = "Fighters entered the village of Kibumba on Monday.\n\nOn Tuesday gunmen killed 7 people in the village."
    case = case_of(text, "violence")
    choice = named_feature(case)
    assert place_name(choice) == "Kibumba" and choice is not None and choice.how == "the village"


def test_locate_takes_the_first_strategy_that_names_a_place_in_order():
    text = "Fighters entered the village of Kibumba on Monday.\n\nOn Tuesday gunmen killed 7 people in the village."
    case = case_of(text, "violence")
    # "the village" is a better clue than "the last place of the previous paragraph" (same
    # place here; the note says which rule found it)
    assert locate(case).how == "the village"
    assert locate(case, (previous_paragraph_place, named_feature)).how == "previous paragraph"
    assert LOCATION_STRATEGIES.index(named_feature) < LOCATION_STRATEGIES.index(previous_paragraph_place)


def test_locate_keeps_the_notes_of_a_strategy_that_found_nothing():
    choice = locate(case_of("At least 745 people were killed in the violence, including 20 in Baniyas.", "violence"))
    assert "part_of_toll=Baniyas" in choice.notes
    assert place_name(choice) != "Baniyas"


def test_a_place_inside_an_organisation_name_never_locates_an_incident():
    # Goma is where the hospital is, but "Goma General Hospital staff" says nothing about where the
    # shooting was; the place found is role "embedded" and no location strategy takes it
    text = "Gunmen killed 12 people on Tuesday, Goma General Hospital staff said."
    case = case_of(text, "violence")
    embedded = [p for p in case.index.scan.places if p.name == "Goma"]
    assert [p.role for p in embedded] == ["embedded"]
    assert all(place_name(strategy(case)) != "Goma" for strategy in LOCATION_STRATEGIES)
    assert place_name(locate(case)) != "Goma"


def test_place_in_clause_takes_the_place_not_the_unit_written_after_it_as_its_container():
    # "X, Y": Goma only says where Zamzam is, though Goma is nearer the trigger
    case = case_of("On Tuesday, in Zamzam, Goma, gunmen killed 12 people.", "violence")
    assert place_name(place_in_clause(case)) == "Zamzam"


def test_place_in_clause_takes_the_district_not_its_container_even_when_the_district_is_less_specific():
    # "the Zamzam district (Goma)": the district noun ranks Zamzam below a plain name, but it lies in Goma
    case = case_of("Gunmen killed 12 people in Zamzam district (Goma) on Tuesday.", "violence")
    assert place_name(place_in_clause(case)) == "Zamzam"


def test_place_in_clause_keeps_a_container_when_it_is_the_only_place_of_the_clause():
    case = case_of("Gunmen killed 12 people in Goma on Tuesday.", "violence")
    assert place_name(place_in_clause(case)) == "Goma"


def test_place_in_clause_takes_the_town_not_its_neighbourhood():
    # the neighbourhood is part of Goma; a gazetteer's place of that name is mostly another town
    case = case_of("On Tuesday, in Goma, a man was shot dead in the Tawila neighbourhood.", "violence")
    assert place_name(place_in_clause(case)) == "Goma"


def test_place_in_clause_takes_a_neighbourhood_before_a_province():
    case = case_of("A man was shot dead in the Tawila neighbourhood, Kivu province, on Tuesday.", "violence")
    assert place_name(place_in_clause(case)) == "Tawila"


def test_place_in_clause_takes_the_town_a_neighbourhood_is_written_in():
    # "X neighbourhood, Y": Y is a container, but a neighbourhood's town is where the incident is coded
    case = case_of("A man was shot dead in the Tawila neighbourhood, Goma, on Tuesday.", "violence")
    assert place_name(place_in_clause(case)) == "Goma"



def test_place_in_clause_takes_a_named_area_before_the_units_it_is_written_in():
    # "the Tawila area (Goma)": an area of Goma, coded at Tawila, which the geocoder places within Goma
    case = case_of("Gunmen killed 12 people in the Tawila area (Goma) on Tuesday.", "violence")
    assert place_name(place_in_clause(case)) == "Tawila"


def test_paragraph_place_skips_the_container_written_after_the_town():
    # "in Zamzam, Goma": Goma only says where Zamzam is; the arrest after it is in Zamzam too
    text = "Police raided a house in Zamzam, Goma on Friday. A man was arrested."
    case = case_of(text, "arrests")
    assert place_name(paragraph_place(case)) == "Zamzam"


def test_place_in_clause_skips_the_town_a_distance_is_written_from():
    # "100 km north of Goma" situates Zamzam district; the killing was in the district, not in Goma
    case = case_of("Gunmen killed 5 people in Zamzam district, 100 km north of Goma, on Friday.", "violence")
    assert place_name(place_in_clause(case)) == "Zamzam"
