"""Containment as an analyst reads it: "X, Y", "X (Y)", "X in Y province", "the X district of Y",
"Y's X" put X inside Y; lists, countries and datelines are never containment."""

import re

import pytest

from mapper.extract.containment import with_containment
from mapper.extract.model import PlaceMention


def _mentions(text: str, names: list[str], countries: tuple[str, ...] = ()) -> tuple[PlaceMention, ...]:
    out, pos = [], 0
    for name in names:
        m = re.compile(re.escape(name)).search(text, pos)
        assert m is not None, name
        out.append(PlaceMention(name, m.start(), m.end(), 0, "country" if name in countries else ""))
        pos = m.end()
    return tuple(out)


def _within(text, names, countries=()):
    return {m.name: m.within for m in with_containment(text, _mentions(text, names, countries))}


@pytest.mark.parametrize("text, names, expected", [
    ("Raiders struck Dorva, Kestria, at dawn.", ["Dorva", "Kestria"], {"Dorva": "Kestria", "Kestria": ""}),
    ("Clashes near Ombel (Varda) went on.", ["Ombel", "Varda"], {"Ombel": "Varda"}),
    ("Clashes near Ombel (Varda, Nortia) went on.", ["Ombel", "Varda", "Nortia"], {"Ombel": "Varda", "Varda": "Nortia"}),
    ("Shells fell on Marto in Lessa province.", ["Marto", "Lessa"], {"Marto": "Lessa"}),
    ("Shells fell on Marto in Nortia.", ["Marto", "Nortia"], {"Marto": "Nortia"}),
    ("Troops entered the Bavo district of Kestria.", ["Bavo", "Kestria"], {"Bavo": "Kestria"}),
    ("Troops entered the Bavo area of Kestria district.", ["Bavo", "Kestria"], {"Bavo": "Kestria"}),
    ("A mine hit Bavo village of Kestria.", ["Bavo", "Kestria"], {"Bavo": "Kestria"}),
    ("A shop burned in Bavo neighborhood of Kestria.", ["Bavo", "Kestria"], {"Bavo": "Kestria"}),
    ("Gunmen raided Usa Local Government Area of Kestria State.", ["Usa", "Kestria"], {"Usa": "Kestria"}),
    ("Nortia's Ombel was hit.", ["Nortia", "Ombel"], {"Ombel": "Nortia", "Nortia": ""}),
    ("Hit were Dorva, Ombel, Nortia.", ["Dorva", "Ombel", "Nortia"], {"Dorva": "Ombel", "Ombel": "Nortia"}),
    # a run of units ending in one written with its noun: each in the next, not a list
    ("In Dorva Township, Lessa District, Kestria State, troops clashed.",
     ["Dorva Township", "Lessa District", "Kestria State"],
     {"Dorva Township": "Lessa District", "Lessa District": "Kestria State"}),
    ("In Dorva, Ombel, Kestria province, troops clashed.", ["Dorva", "Ombel", "Kestria"],
     {"Dorva": "Ombel", "Ombel": "Kestria"}),
    # "in the [direction] <area noun> of Y": a part of Y
    ("Shells hit Dorva in the southern countryside of Kestria.", ["Dorva", "Kestria"], {"Dorva": "Kestria"}),
    ("Gunmen killed a man in Dorva town in the countryside of Kestria.", ["Dorva", "Kestria"], {"Dorva": "Kestria"}),
    ("Gunmen killed a man in Dorva in the eastern part of Kestria.", ["Dorva", "Kestria"], {"Dorva": "Kestria"}),
    ("Gunmen killed a man in Dorva, in the outskirts of Kestria.", ["Dorva", "Kestria"], {"Dorva": "Kestria"}),
])
def test_containment_forms(text, names, expected):
    within = _within(text, names, countries=("Nortia",))
    assert {k: within[k] for k in expected} == expected


@pytest.mark.parametrize("text, names", [
    ("Strikes hit Dorva, Ombel and Varda.", ["Dorva", "Ombel", "Varda"]),  # a list
    ("Strikes hit Lessa, Dorva, Ombel today.", ["Lessa", "Dorva", "Ombel"]),  # three names, no country last
    # three units with the same noun: a list of districts, not a chain
    ("Strikes hit Lessa district, Dorva district, Ombel district.", ["Lessa district", "Dorva district", "Ombel district"]),
    ("Troops from Nortia in Vestia arrived.", ["Nortia", "Vestia"]),  # a country is in no other place
    ("A market in Dorva in the morning; in Ombel too.", ["Dorva", "Ombel"]),  # other sentences' distance
    ("Shells fell on Marto in Lessa yesterday.", ["Marto", "Lessa"]),  # bare "in" a town: a second location
    ("Officials in Dorva (KNA) said so.", ["Dorva", "KNA"]),  # capitals in brackets: an agency
])
def test_no_containment(text, names):
    assert set(_within(text, names, countries=("Nortia", "Vestia")).values()) == {""}


def test_lists_elsewhere_do_not_stop_a_containment():
    text = "Dorva, Kestria was hit; Ombel and Varda were not."
    assert _within(text, ["Dorva", "Kestria", "Ombel", "Varda"])["Dorva"] == "Kestria"


def test_names_in_brackets_after_a_place_become_mentions_that_situate_it():
    text = "Raiders looted Dorva town (Kestria-Sud, Upper Lessa) at night."
    found = with_containment(text, _mentions(text, ["Dorva"]), lambda name: name in ("Kestria-Sud", "Upper Lessa"))
    assert [(m.name, m.cue, m.within) for m in found] == [
        ("Dorva", "", "Kestria-Sud"), ("Kestria-Sud", "in brackets", "Upper Lessa"), ("Upper Lessa", "in brackets", "")]


@pytest.mark.parametrize("brackets", ["(KNA)", "(Reuters)", "(Monday)", "(the capital)"])
def test_agencies_acronyms_and_other_words_in_brackets_are_no_places(brackets):
    text = f"Officials in Dorva {brackets} said so."
    assert [m.name for m in with_containment(text, _mentions(text, ["Dorva"]), lambda _name: True)] == ["Dorva"]


def test_a_name_in_brackets_the_gazetteer_does_not_know_is_no_new_mention():
    text = "The race went to Dorva (Kenji Mori) again."  # a horse and its trainer
    assert [m.name for m in with_containment(text, _mentions(text, ["Dorva"]), lambda name: name == "Lessa")] == ["Dorva"]


def test_a_name_the_scan_found_inside_the_brackets_stands_and_situates():
    text = "Clashes hit Dorva (As Kestria, Upper Lessa) at dawn."
    found = with_containment(text, _mentions(text, ["Dorva", "Kestria"]), lambda _name: True)
    assert [(m.name, m.within) for m in found] == [("Dorva", "Kestria"), ("Kestria", "Upper Lessa"), ("Upper Lessa", "")]


def test_an_unknown_name_in_brackets_is_passed_over_for_the_next_one():
    text = "Gunmen struck near Dorva (Zedko, Lessa) on Monday."
    found = with_containment(text, _mentions(text, ["Dorva"]), lambda name: name == "Lessa")
    assert [(m.name, m.within) for m in found] == [("Dorva", "Lessa"), ("Lessa", "")]


def test_the_part_of_a_place_may_be_a_region_phrase_mention_of_its_own():
    # extraction marks "the western countryside" as a region phrase; Dorva is still in Kestria
    text = "Gunmen opened fire in the town of Dorva in the western countryside of Kestria."
    dorva, kestria = _mentions(text, ["Dorva", "Kestria"])
    start = text.index("the western")
    phrase = PlaceMention("the western countryside", start, start + len("the western countryside"), 0, "region",
                          cue="region phrase")
    within = {m.name: m.within for m in with_containment(text, (dorva, phrase, kestria))}
    assert within == {"Dorva": "Kestria", "the western countryside": "", "Kestria": ""}


@pytest.mark.parametrize("text, by_comma", [
    ("Raiders struck Dorva, Kestria, at dawn.", True),  # a bare comma: may also be a list of towns
    ("Clashes near Dorva (Kestria) went on.", False),
    ("Shells hit Dorva in the southern countryside of Kestria.", False),
    ("A mine hit Dorva village of Kestria.", False),
])
def test_a_container_read_from_a_bare_comma_says_so(text, by_comma):
    dorva = with_containment(text, _mentions(text, ["Dorva", "Kestria"]))[0]
    assert (dorva.within, dorva.within_by_comma) == ("Kestria", by_comma)


def test_a_comma_run_ending_in_a_region_is_a_chain_and_one_of_regions_a_list():
    # "Barangay Dorva, Kelso, Agusan del Sur": a village, its town, its province (a region the gazetteer knows)
    regions = {"Lessa", "Vestia", "Kestria"}
    text = "Troops clashed in Barangay Dorva, Kelso, Lessa on Monday."
    within = {m.name: m.within for m in with_containment(text, _mentions(text, ["Barangay Dorva", "Kelso", "Lessa"]),
                                                         region=lambda name: name in regions)}
    assert within == {"Barangay Dorva": "Kelso", "Kelso": "Lessa", "Lessa": ""}
    text = "Protests spread to Vestia, Kestria, Lessa on Monday."
    listed = with_containment(text, _mentions(text, ["Vestia", "Kestria", "Lessa"]), region=lambda name: name in regions)
    assert {m.within for m in listed} == {""}


@pytest.mark.parametrize("text, cue", [
    ("A man was killed in Dorva, Lessa.", "unit after a comma"),
    ("A man was killed in Dorva, Lessa, police said.", "unit after a comma"),
    ("Gunmen raided Dorva town, Lessa; two died.", "unit after a comma"),
    ("A man was killed in Dorva (Ombel, Lessa) on Monday.", "in brackets"),
])
def test_a_bare_unit_closing_a_town_and_comma_clause_becomes_its_container(text, cue):
    # "Zaragoza, Nueva Ecija": a province the gazetteer knows only as a second-level unit situates the town
    names = ["Dorva", "Ombel"] if "Ombel" in text else ["Dorva"]
    found = with_containment(text, _mentions(text, names), lambda name: name == "Ombel", unit=lambda name: name == "Lessa")
    assert [m.cue for m in found if m.name == "Lessa"] == [cue]
    assert {m.name: m.within for m in found}[names[-1]] == "Lessa"


@pytest.mark.parametrize("text", [
    "A man was killed in Dorva, Lessa Mori said.",  # a person's name, not a clause's end
    "A man was killed in Dorva, and Lessa was calm.",
    "A man was killed in Dorva, LESSA.",
])
def test_a_unit_name_not_closing_the_clause_or_in_capitals_is_no_new_mention(text):
    found = with_containment(text, _mentions(text, ["Dorva"]), unit=lambda name: name in ("Lessa", "LESSA", "Lessa Mori"))
    assert [m.name for m in found] == ["Dorva"]


def test_a_small_town_the_gazetteer_knows_closing_a_town_and_comma_clause_situates_it():
    # "released from prison in Bagram city, Parwan, on Monday": Parwan, too small to be a place word alone
    text = "Prisoners were released in Dorva city, Ombel, on Monday."
    found = with_containment(text, _mentions(text, ["Dorva"]), lambda name: name == "Ombel")
    assert [(m.name, m.within) for m in found] == [("Dorva", "Ombel"), ("Ombel", "")]
