"""Incidents from short reports in several conflicts; expected values read from the text."""

import datetime as dt

import pytest

from mapper.articles import Article
from mapper.extract import extract_article, merge_duplicates
from mapper.lexicon import DictLexicon, KnownName
from mapper.schema import INCIDENT_COLUMNS

SUNDAY = dt.date(2025, 3, 9)

LEX = DictLexicon({
    "Ukraine": KnownName("country", 40_000_000, "UA"), "Russia": KnownName("country", 140_000_000, "RU"),
    "Ethiopia": KnownName("country", 120_000_000, "ET"), "Sudan": KnownName("country", 45_000_000, "SD"),
    "Chad": KnownName("country", 17_000_000, "TD"), "Kharkiv": KnownName("populated", 1_400_000, "UA"),
    "Dnipro": KnownName("populated", 980_000, "UA"), "Khan Younis": KnownName("populated", 200_000, "PS"),
    "El Fasher": KnownName("populated", 250_000, "SD"), "Goma": KnownName("populated", 670_000, "CD"),
    "Culiacán": KnownName("populated", 800_000, "MX"), "Marib": KnownName("populated", 40_000, "YE"),
    "Tawila": KnownName("populated", 20_000, "SD"),
})


def extract(text, published=SUNDAY, article_id="t"):
    return extract_article(Article(article_id, text, published), LEX)


def only(result, **where):
    rows = [i for i in result.incidents if all(getattr(i, k) == v for k, v in where.items())]
    assert len(rows) == 1, [(i.event_type, i.sub_event_type, i.location) for i in result.incidents]
    return rows[0]


def test_air_strike_with_weekday_and_actor_from_demonym():
    r = extract("On Thursday, an Israeli airstrike hit a school in Khan Younis, killing 12 people, including five children.")
    i = only(r, sub_event_type="Air/drone strike")
    assert i.event_type == "Explosions/Remote violence"
    assert (i.event_date, i.time_precision, i.date_text) == ("2025-03-06", 1, "Thursday")
    assert (i.location, i.scope, i.fatalities, i.fatalities_breakdown) == ("Khan Younis", "local", 12, "children=5")
    assert i.actor1 == "Israeli forces"


def test_missile_strike_wounded_are_not_fatalities():
    r = extract("A Russian missile strike on Dnipro killed at least 14 people and wounded 73 on Saturday, governor Serhiy Lysak said.")
    i = only(r, event_type="Explosions/Remote violence")
    assert (i.sub_event_type, i.location, i.fatalities, i.event_date) == ("Shelling/artillery/missile attack", "Dnipro", 14, "2025-03-08")
    assert "Lysak" not in [p.name for p in r.places] and "Serhiy Lysak" not in [p.name for p in r.places]


def test_no_one_was_killed_is_zero_and_drones_are_not_casualties():
    r = extract("Overnight, 14 Russian drones hit Kharkiv, damaging 30 homes. No one was killed, the mayor said.")
    i = only(r, event_type="Explosions/Remote violence")
    assert i.location == "Kharkiv" and i.fatalities == 0


def test_rival_figures_take_the_lowest_and_note_the_other():
    r = extract("Gunmen attacked Tawila on Tuesday. The health ministry said 40 people were killed, while the Sudan Doctors Network put the toll at 52.")
    rows = [i for i in r.incidents if i.event_type in ("Violence against civilians", "Battles")]
    assert len(rows) == 1
    assert rows[0].fatalities == 40 and "other_figures=52" in rows[0].notes
    assert rows[0].location == "Tawila" and rows[0].event_date == "2025-03-04"


def test_displacement_origin_and_destination():
    r = extract("On Tuesday, thousands of residents fled from El Fasher to Tawila after RSF shelling.")
    i = only(r, sub_event_type="Displacement")
    assert (i.origin, i.destination, i.location) == ("El Fasher", "Tawila", "Tawila")
    assert "origin=El Fasher" in i.notes and "destination=Tawila" in i.notes
    assert i.fatalities == 0


def test_country_as_actor_is_not_a_location():
    r = extract("Russia condemned the shelling. Ukraine said its forces shelled positions near Kharkiv on Friday.")
    for i in r.incidents:
        assert i.location not in ("Russia",)
    i = only(r, sub_event_type="Shelling/artillery/missile attack", location="Kharkiv")
    assert i.event_date == "2025-03-07"


def test_attempts_and_denials_are_not_events():
    r = extract("Police tried to arrest a cartel leader in Culiacán on Monday. The army denied shelling Goma.")
    assert [i.sub_event_type for i in r.incidents if i.sub_event_type in ("Arrests", "Shelling/artillery/missile attack")] == []


def test_without_publication_date_dates_stay_empty_but_phrase_is_kept():
    r = extract("Gunmen killed nine villagers in Marib on Thursday.", published=None)
    i = only(r, event_type="Violence against civilians")
    assert (i.event_date, i.date_text, i.fatalities, i.location, i.actor1) == ("", "Thursday", 9, "Marib", "Gunmen")


def test_aggregate_toll_over_a_region():
    r = extract("At least 300 civilians were killed in northern Ethiopia last month, the UN said.")
    i = only(r, event_type="Violence against civilians")
    assert (i.location, i.scope, i.fatalities, i.time_precision) == ("northern Ethiopia", "aggregate", 300, 3)
    assert i.event_date == "2025-02-09"


def test_funeral_does_not_recount_the_dead():
    r = extract("On Saturday, mourners in Goma held funerals for six soldiers killed in clashes with M23 rebels.")
    i = only(r, sub_event_type="Funeral or burial")
    assert (i.event_type, i.location, i.fatalities, i.event_date) == ("Strategic developments", "Goma", 0, "2025-03-08")
    assert "mourned_killed=6" in i.notes
    assert not [x for x in r.incidents if x.fatalities]


def test_protest_and_arrests():
    r = extract("Hundreds of people protested in Culiacán on Friday; police arrested 12 demonstrators.")
    assert only(r, event_type="Protests").location == "Culiacán"
    arrests = only(r, sub_event_type="Arrests")
    assert arrests.fatalities == 0


def test_sentence_without_place_takes_the_paragraph_place():
    text = "Fighters shelled El Fasher on Monday, killing 8 civilians.\nSeparately, a mass grave was found in Tawila.\nIn Goma, M23 rebels clashed with the army. A mass grave was found nearby."
    r = extract(text)
    graves = [i for i in r.incidents if i.sub_event_type == "Mass grave"]
    assert [g.location for g in graves] == ["Tawila", "Goma"]


def test_quotes_are_exact_and_rows_follow_the_schema():
    text = "On Thursday, an Israeli airstrike hit a school in Khan Younis, killing 12 people.\nThousands fled to Chad.\n“We ran. They burned everything,” said Amina, a 30-year-old mother."
    r = extract(text)
    assert r.incidents
    for i in r.incidents:
        assert text[i.quote_start : i.quote_end] == i.quote
        row = i.as_row()
        assert len(row) == len(INCIDENT_COLUMNS)
        assert row[INCIDENT_COLUMNS.index("quote_start")] == i.quote_start
        assert i.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments")
        if i.location and i.scope == "local":
            assert i.location in [p.name for p in r.places]


def test_ids_are_stable_across_runs():
    text = "On Thursday, an Israeli airstrike hit a school in Khan Younis, killing 12 people."
    assert [i.incident_id for i in extract(text).incidents] == [i.incident_id for i in extract(text).incidents]


def test_merge_duplicates_across_articles():
    text = "On Thursday, an Israeli airstrike hit a school in Khan Younis, killing 12 people."
    a = extract(text, article_id="a").incidents
    b = extract("Twelve people were killed on Thursday when an Israeli airstrike hit a school in Khan Younis.", article_id="b").incidents
    merged = merge_duplicates(list(b) + list(a))
    strikes = [i for i in merged if i.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1
    assert strikes[0].article == "a" and "sources=a,b" in strikes[0].notes
    assert merge_duplicates(list(a) + list(b)) == merged


def test_merge_keeps_different_figures_apart():
    a = extract("On Thursday, an airstrike hit Khan Younis, killing 12 people.", article_id="a").incidents
    b = extract("On Thursday, an airstrike hit Khan Younis, killing 15 people.", article_id="b").incidents
    assert len(merge_duplicates(list(a) + list(b))) == 2


WIRE_LEX = DictLexicon({
    "Sudan": KnownName("country", 45_000_000, "SD"), "Khartoum": KnownName("populated", 5_000_000, "SD"),
    "El Fasher": KnownName("populated", 250_000, "SD"), "Tawila": KnownName("populated", 20_000, "SD"),
    "Bangkok": KnownName("populated", 8_000_000, "TH"), "Myanmar": KnownName("country", 54_000_000, "MM"),
    "Sagaing": KnownName("admin1", 5_000_000, "MM"), "Kostiantynivka": KnownName("populated", 67_000, "UA"),
    "Moscow": KnownName("populated", 12_000_000, "RU"), "Russia": KnownName("country", 140_000_000, "RU"),
    "Reuters": KnownName("populated", 10, "US"),
})


def wire(text, published):
    return extract_article(Article("w", text, published), WIRE_LEX)


def test_dateline_is_neither_location_nor_date_and_said_day_is_not_event_day():
    text = ("KHARTOUM, April 13 (Reuters) - The RSF attacked the Zamzam displacement camp near El Fasher on Friday, "
            "killing at least 100 people, including 20 children, the United Nations said on Sunday.\n"
            "Local activists put the death toll at more than 300.")
    r = wire(text, dt.date(2025, 4, 13))
    assert "Reuters" not in [p.name for p in r.places]
    violent = [i for i in r.incidents if i.event_type == "Violence against civilians"]
    assert len(violent) == 1
    i = violent[0]
    # the camp, not the town it is near, and not the dateline
    assert (i.location, i.event_date, i.fatalities, i.fatalities_breakdown) == ("Zamzam", "2025-04-11", 100, "children=20")
    assert i.actor1 == "RSF"
    assert "other_figures=300" in i.notes and i.quote.endswith("more than 300.")
    assert not [x for x in r.incidents if x.sub_event_type == "Displacement"]  # "displacement camp" is a camp


def test_fled_x_to_y_gives_origin_and_destination():
    r = wire("Around 400,000 people fled Zamzam camp to Tawila last week.", dt.date(2025, 4, 13))
    i = only(r, sub_event_type="Displacement")
    assert (i.origin, i.destination, i.location, i.time_precision) == ("Zamzam", "Tawila", "Tawila", 2)


def test_back_reference_in_next_paragraph_adds_place_and_date():
    text = ("BANGKOK (AP) — A military airstrike on a monastery in central Myanmar's Sagaing region killed 23 civilians, "
            "including four children, residents said Saturday.\n"
            "The attack on Lin Ta Lu village occurred about 1 a.m. Friday, a resident said.")
    r = wire(text, dt.date(2025, 5, 10))
    assert len(r.incidents) == 1
    i = r.incidents[0]
    assert (i.sub_event_type, i.location, i.event_date, i.fatalities) == ("Air/drone strike", "Lin Ta Lu", "2025-05-09", 23)
    assert i.scope == "local"


def test_one_named_victim_counts_one():
    r = wire("Russian shelling of Kostiantynivka killed a 65-year-old man on Monday, the governor said.", dt.date(2025, 6, 17))
    i = only(r, location="Kostiantynivka")
    assert (i.fatalities, i.event_date, i.actor1) == (1, "2025-06-16", "Russian forces")


def test_capture_by_a_state_is_not_a_non_state_takeover():
    r = wire("Moscow said its troops had captured the village of Andriivka.\nThe RSF said it had taken control of the town of Tawila.", dt.date(2025, 6, 17))
    andriivka = only(r, location="Andriivka")
    assert andriivka.sub_event_type == "Armed clash" and "territory=captured" in andriivka.notes
    tawila = only(r, location="Tawila")
    assert tawila.sub_event_type == "Non-state actor overtakes territory"
    assert "Moscow" not in [i.location for i in r.incidents]


def test_country_doing_something_is_an_actor_and_vague_quotes_are_not_incidents():
    r = wire('"Every day Russia kills our people," he said.', dt.date(2025, 6, 17))
    assert [p.role for p in r.places if p.name == "Russia"] == ["actor"]
    assert r.incidents == ()


def test_ngo_paragraph_chains_dates_and_places():
    text = ("On 12 January, Tatmadaw soldiers entered Kin Ma village, Pauk township, and burned more than 200 houses. "
            "Two elderly residents who could not flee were burned alive. Three days later, troops shelled nearby "
            "Hnan Khar village, killing a 7-year-old girl.")
    r = extract(text, published=dt.date(2025, 2, 1))
    burning = only(r, sub_event_type="Looting/property destruction")
    assert (burning.location, burning.event_date, burning.fatalities) == ("Kin Ma", "2025-01-12", 0)
    burned_alive = only(r, event_type="Violence against civilians")
    assert (burned_alive.location, burned_alive.event_date, burned_alive.fatalities) == ("Kin Ma", "2025-01-12", 2)
    shelling = only(r, sub_event_type="Shelling/artillery/missile attack")
    assert (shelling.location, shelling.event_date, shelling.fatalities, shelling.fatalities_breakdown) == (
        "Hnan Khar", "2025-01-15", 1, "children=1")
    assert not [i for i in r.incidents if i.sub_event_type == "Displacement"]  # "could not flee"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("On Monday, the minister attacked the opposition's budget plans in Kharkiv.", []),
        ("He protested his innocence in a Goma court on Tuesday.", []),
        ("The suspect fled the scene in Culiacán on Friday.", []),
        ("On Monday, gunmen attacked a bus in Culiacán.", [("Attack", "Culiacán")]),
        ("Hundreds of students protested in Goma on Tuesday.", [("Peaceful protest", "Goma")]),
        ("Families fled Kharkiv on Friday.", [("Displacement", "Kharkiv")]),
    ],
)
def test_polysemous_triggers_need_a_conflict_context(text, expected):
    assert [(i.sub_event_type, i.location) for i in extract(text).incidents] == expected


def test_an_overall_toll_is_not_pinned_on_a_place_it_includes():
    lex = DictLexicon({"Baniyas": KnownName("populated", 41_000, "SY"), "Syria": KnownName("country", 23_000_000, "SY")})
    text = "Sectarian fighting raged in Syria on Friday.\nAt least 745 civilians were killed in the violence, including 20 in Baniyas."
    r = extract_article(Article("x", text, SUNDAY), lex)
    toll = only(r, fatalities=745)
    assert toll.location != "Baniyas" and toll.scope == "aggregate"
    assert "part_of_toll=Baniyas" in toll.notes
    assert not [i for i in r.incidents if i.location == "Baniyas"]


def test_one_sentence_two_incidents_in_two_places():
    text = "On 3 March, soldiers killed 4 villagers in Kin Ma village; on 5 March, they shelled Hnan Khar village, killing 2."
    r = extract(text)
    got = [(i.sub_event_type, i.location, i.event_date, i.fatalities) for i in r.incidents]
    assert got == [("Attack", "Kin Ma", "2025-03-03", 4), ("Shelling/artillery/missile attack", "Hnan Khar", "2025-03-05", 2)]
    assert len({i.incident_id for i in r.incidents}) == 2


MIXED_LEX = DictLexicon({
    "Haiti": KnownName("country", 11_000_000, "HT"), "Port-au-Prince": KnownName("populated", 1_200_000, "HT"),
    "Burkina Faso": KnownName("country", 22_000_000, "BF"), "Djibo": KnownName("populated", 60_000, "BF"),
    "Gondar": KnownName("populated", 300_000, "ET"), "Bahir Dar": KnownName("populated", 350_000, "ET"),
    "Mogadishu": KnownName("populated", 2_500_000, "SO"), "Abuja": KnownName("populated", 1_200_000, "NG"),
    "More": KnownName("populated", 25_000, "XX"),
})


def test_wire_roundup_from_four_conflicts():
    text = (
        "PORT-AU-PRINCE, Haiti (AP) — Gang members armed with machetes killed at least 70 people, including 10 children, "
        "in the town of Pont-Sondé early Thursday, the UN said. More than 6,270 people fled the area.\n"
        "In Burkina Faso, suspected jihadists attacked an army convoy near Djibo on Sunday, killing 12 soldiers.\n"
        "Federal forces and Fano militiamen clashed in Gondar last week. Residents said five civilians were killed by stray "
        "bullets and that the regional capital, Bahir Dar, was under curfew.\n"
        "A car bomb exploded outside a police station in Mogadishu on Saturday, wounding 8 people. No group claimed "
        "responsibility, but al-Shabaab has carried out similar attacks.\n"
        "Hundreds of farmers rallied in Abuja on Tuesday."
    )
    r = extract_article(Article("roundup", text, dt.date(2024, 10, 8)), MIXED_LEX)
    assert "More" not in [p.name for p in r.places]
    haiti = only(r, fatalities=70)
    assert (haiti.location, haiti.scope, haiti.event_date, haiti.fatalities_breakdown) == ("Pont-Sondé", "local", "2024-10-03", "children=10")
    assert only(r, sub_event_type="Displacement").location == "Pont-Sondé"
    convoy = only(r, location="Djibo")
    assert (convoy.event_type, convoy.sub_event_type, convoy.fatalities) == ("Battles", "Armed clash", 12)  # soldiers died
    stray = only(r, fatalities=5)
    assert (stray.location, stray.event_date, stray.time_precision) == ("Gondar", "2024-10-01", 2)
    assert only(r, sub_event_type="Other").location == "Bahir Dar"
    bomb = only(r, location="Mogadishu")
    assert (bomb.sub_event_type, bomb.fatalities, bomb.actor1) == ("Remote explosive/landmine/IED", None, "")
    protest = only(r, event_type="Protests")
    assert (protest.location, protest.actor1, protest.event_date) == ("Abuja", "farmers", "2024-10-08")


def test_ngo_report_dateline_and_victims_breakdown_in_next_sentence():
    lex = DictLexicon({"Nairobi": KnownName("populated", 4_000_000, "KE"), "Rutshuru": KnownName("populated", 70_000, "CD")})
    text = ("(Nairobi) – M23 armed group fighters summarily executed at least 21 civilians in and around the town of "
            "Rutshuru between November 29 and 30, 2024, Human Rights Watch said today. The victims included 4 women and 3 children.")
    r = extract_article(Article("hrw", text, dt.date(2024, 12, 10)), lex)
    assert [p.cue for p in r.places if p.name == "Nairobi"] == ["dateline"]
    i = only(r, event_type="Violence against civilians")
    assert (i.location, i.event_date, i.fatalities) == ("Rutshuru", "2024-11-29", 21)
    assert i.fatalities_breakdown == "civilians=21;women=4;children=3"
    assert i.actor1 == "M23 armed group fighters"
    assert i.quote.endswith("3 children.")


def test_unreported_toll_is_coded_zero_with_a_note():
    r = extract("On Monday, gunmen attacked a checkpoint in Marib.")
    [i] = [i for i in r.incidents if i.location == "Marib"]
    assert i.fatalities is None  # nothing reported ...
    assert i.as_row()[INCIDENT_COLUMNS.index("fatalities")] == 0  # ... is coded 0, as ACLED does
    assert "fatalities=not reported" in i.notes


def test_fleeing_abroad_without_a_stated_origin_comes_from_the_articles_area():
    text = ("Fighting raged across northern Ethiopia on Saturday.\n"
            "Residents said thousands of people were fleeing to Sudan.")
    r = extract(text)
    flight = only(r, sub_event_type="Displacement")
    assert flight.destination == "Sudan" and flight.location == "Sudan"
    assert flight.origin == "northern Ethiopia"
    assert "origin=northern Ethiopia" in flight.notes


@pytest.mark.parametrize("sentence", [
    "Talks on a ceasefire are expected to resume next month.",
    "A ceasefire is due to take effect on Friday.",
    "Both sides will hold talks in Marib next week.",
])
def test_what_is_only_foreseen_is_not_an_event(sentence):
    assert extract("Houthi fighters shelled Marib on Monday, killing three civilians.\n" + sentence).incidents[1:] == ()


def test_due_to_meaning_because_of_keeps_the_event():
    r = extract("Parts of Kharkiv were left without electricity due to the shelling on Monday.")
    assert [i.sub_event_type for i in r.incidents if i.location == "Kharkiv"]


def test_words_ending_in_number_words_are_not_counts_for_actors():
    # "often" ends in "ten": it must not turn "soldiers" into a victim count.
    often = only(extract("Villagers in Marib were attacked often by soldiers on Monday."), location="Marib")
    again = only(extract("Villagers in Marib were attacked again by soldiers on Monday."), location="Marib")
    assert often.actor1 == again.actor1 != ""


def test_flight_after_an_attack_starts_from_the_attacked_place():
    text = ("Fighters attacked the town of Tawila on Friday, killing 12 civilians. "
            "Thousands of people fled to Chad, residents said.")
    flight = only(extract(text), sub_event_type="Displacement")
    assert (flight.origin, flight.destination) == ("Tawila", "Chad")


def test_flight_in_another_paragraph_does_not_borrow_an_earlier_attack_as_origin():
    text = ("Fighters attacked the town of Tawila on Friday, killing 12 civilians.\n"
            "A lawmaker said that many families are fleeing to Chad.")
    flight = only(extract(text), sub_event_type="Displacement")
    assert (flight.origin, flight.destination) == ("", "Chad")


def test_no_one_was_killed_belongs_to_the_incident_before_it():
    r = extract("Police fired tear gas at protesters in Kharkiv on Saturday. No one was killed.")
    assert [i.event_type for i in r.incidents] == ["Protests"]
    assert r.incidents[0].fatalities == 0 and "No one was killed" in r.incidents[0].quote


def test_displaced_people_described_are_not_a_displacement():
    r = extract("One strike hit a school sheltering displaced families in Khan Younis on Tuesday, killing 18 people.")
    assert [i.sub_event_type for i in r.incidents] == ["Air/drone strike"]


@pytest.mark.parametrize("sentence, sub", [
    ("Hundreds of people protested in Kharkiv on Monday against corruption.", "Peaceful protest"),
    ("Police fired tear gas at protesters in Kharkiv on Saturday.", "Protest with intervention"),
    ("Security forces opened fire on protesters in Kharkiv on Friday, killing three demonstrators.",
     "Excessive force against protesters"),
])
def test_protest_sub_types_follow_what_the_state_did(sentence, sub):
    [protest] = [i for i in extract(sentence).incidents if i.event_type == "Protests"]
    assert protest.sub_event_type == sub


def test_a_definite_back_reference_adds_the_named_village_to_the_lead_incident():
    lex = DictLexicon({"Myanmar": KnownName("country", 54_000_000, "MM")})
    text = ("A Myanmar military airstrike on a village in the northwestern Sagaing region killed at least 27 people, "
            "including nine children, a resistance group said Wednesday.\n"
            "The strike hit Let Yet Kone village in Tabayin township on Monday afternoon, residents said.")
    r = extract_article(Article("m", text, dt.date(2025, 2, 12)), lex)
    [strike] = r.incidents
    assert (strike.location, strike.scope, strike.fatalities) == ("Let Yet Kone", "local", 27)
    assert (strike.event_date, strike.time_precision) == ("2025-02-10", 1)
    assert [p.role for p in r.places if p.name == "Myanmar"] == ["actor"]
