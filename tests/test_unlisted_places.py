"""Places no gazetteer lists, found because the text writes them inside a place it knows
(mapper/extract/unlisted.py), and the incident located there rather than at the container.

Invented names: Vorbiv, Tellab, Qarnat, Kafr Dubba are no real places; "Kestria" and "Nortia"
are the lexicon's known town and province.
"""

import datetime as dt

import pytest

from mapper.articles import Article
from mapper.extract import extract_article
from mapper.extract.places import scan_places
from mapper.extract.sentences import split_sentences
from mapper.lexicon import DictLexicon, KnownName

LEX = DictLexicon({
    "Kestria": KnownName("populated", 400_000, "UA"), "Nortia": KnownName("admin1", 2_000_000, "UA"),
    "Mali": KnownName("country", 20_000_000, "ML"), "Kenya": KnownName("country", 50_000_000, "KE"),
})


def _places(text: str) -> dict[str, tuple[str, str]]:
    found = scan_places(text, split_sentences(text), LEX).places
    return {p.name: (p.cue, p.within) for p in found}


@pytest.mark.parametrize("text, name, container", [
    ("On 7 May, troops fired mortars at positions in the area of Vorbiv, Nortia.", "Vorbiv", "Nortia"),
    ("On 7 May, regime forces shelled Tellab in Kestria countryside.", "Tellab", "Kestria"),
    ("On 7 May, regime forces shelled Kafr Dubba in the southern countryside of Kestria.", "Kafr Dubba", "Kestria"),
    ("On 7 May, forces repelled an attack on the Qarnat front (Sufla, Nortia), killing 4.", "Qarnat", "Nortia"),
    ("On 7 May, militants attacked Vorbiv (Kestria, Nortia) overnight.", "Vorbiv", "Kestria"),
    ("On 7 May, militants attacked Vorbiv (Nortia) overnight.", "Vorbiv", "Nortia"),
    ("On 7 May, troops shelled the Vorbiv sector, Nortia, with artillery.", "Vorbiv", "Nortia"),
    ("On 9 May, factions clashed on the Tellab front in Kestria, amid shelling.", "Tellab", "Kestria"),
])
def test_an_unlisted_name_written_inside_a_known_place_is_a_place_within_it(text, name, container):
    assert _places(text)[name] == ("contained", container)


@pytest.mark.parametrize("text, name", [
    ("Gunmen attacked Vorbiv, Kestria and Nortia on Monday.", "Vorbiv"),  # a list
    ("Officials met Tellab, Vorbiv, Kestria officials on Monday.", "Vorbiv"),  # the middle of a list
    ("Tellab, Kestria is quiet.", "Tellab"),  # opens its sentence: capitalised anyway
    ("The winner was Eliud Kamau (Kenya) in the race.", "Eliud Kamau"),  # a runner and his country
    ("Fighting reached Vorbiv in Kestria on Monday.", "Vorbiv"),  # "in <town>": maybe two places
    ("Michelle Tellab owns the Flower Loft in Mali.", "Flower Loft"),  # a shop in a country
    ("Donald Vorbiv beat Sufla Tellab in Nortia.", "Sufla Tellab"),  # a person in a region
    ("A show by Fig Leaf Boutique (Kestria) closed the night.", "Fig Leaf Boutique"),  # a shop at a town
    ("Trade with the Commonwealth of Sufla States (CIS, Nortia) fell.", "Sufla States"),  # capitals in brackets
    ("A nurse who fell ill with Ebola, Kestria said, is critical.", "Ebola"),  # a town is no container

    ("The NGO said HELP, Kestria would close.", "HELP"),  # capitals
])
def test_no_unlisted_place_where_the_text_is_no_containment(text, name):
    assert name not in _places(text)


def test_the_incident_is_located_at_the_unlisted_village_not_at_its_container():
    text = "On 7 May 2020, the army fired 120mm mortars at the positions of the militia in the area of Vorbiv, Nortia."
    extraction = extract_article(Article("a", text, dt.date(2020, 5, 8)), LEX)
    assert [i.location for i in extraction.incidents] == ["Vorbiv"]
    assert {p.name: p.within for p in extraction.places}["Vorbiv"] == "Nortia"


@pytest.mark.parametrize("word, never", [
    ("LoC", True), ("DoD", True), ("HoA", True), ("McAllen", False), ("DeKalb", False), ("Lyon", False), ("UK", False), ("USA", False),
    ("UAE", False),
])
def test_a_short_mixed_case_abbreviation_is_never_a_place(word, never):
    from mapper.extract.place_checks import not_a_place_word
    assert not_a_place_word(word) is never


def test_fire_across_the_line_of_control_abbreviation_is_located_at_the_place_after_it():
    text = "On 6 May 2020, troops exchanged fire across the LoC in Kestria district."
    assert "LoC" not in _places(text)


def test_a_place_written_in_a_first_level_region_lies_in_it():
    from mapper.extract.containment import with_containment
    text = "Rebels looted crops in Dorva in Nortia. Police in Dorva in Kestria said so."
    found = scan_places(text, split_sentences(text), DictLexicon({
        "Dorva": KnownName("populated", 30_000, "UA"), **{n: LEX.lookup(n) for n in ("Kestria", "Nortia")}}))
    marked = with_containment(text, found.places, region=lambda name: name == "Nortia")
    assert [(p.name, p.within) for p in marked if p.name == "Dorva"] == [("Dorva", "Nortia"), ("Dorva", "")]


def test_a_persian_ezafe_written_apart_joins_the_name():
    text = "On 4 May 2020, about 50 workers in Kut e Vorbiv protested over unpaid salaries."
    assert "Kut e Vorbiv" in _places(text)


def test_two_particles_in_a_row_join_one_name():
    text = "On 4 May 2020, in San Vorbiv de los Tellab, Nortia, a man was shot in Colonia Jardines de la Sufla."
    assert {"San Vorbiv de los Tellab", "Colonia Jardines de la Sufla"} <= set(_places(text))


def test_a_place_written_in_a_unit_found_with_its_noun_lies_in_it():
    from mapper.extract.containment import with_containment
    text = "Gunmen attacked Dorva in Lessa Local Government Area of Nortia State, killing 20."
    found = scan_places(text, split_sentences(text), DictLexicon({
        "Dorva": KnownName("populated", 30_000, "NG"), "Nortia": KnownName("admin1", 2_000_000, "NG")}))
    marked = with_containment(text, found.places)
    assert {p.name: p.within for p in marked}["Dorva"] == "Lessa Local Government Area"


def test_a_weapon_named_after_a_town_is_no_place():
    # GeoNames keeps "Molotov" as a former name of a large city: a lexicon hit alone
    text = "On 29 April 2020, rioters hurled a Molotov cocktail at soldiers in Kestria."
    lexicon = DictLexicon({"Molotov": KnownName("populated", 900_000, "RU"), "Kestria": LEX.lookup("Kestria")})
    assert [p.name for p in scan_places(text, split_sentences(text), lexicon).places] == ["Kestria"]


@pytest.mark.parametrize("text, name", [
    ("On 1 May 2020, demonstrators gathered in el Kestria on Friday.", "el Kestria"),
    ("On 1 May 2020, a man was shot near al Kestria.", "al Kestria"),
    ("On 1 May 2020, demonstrators gathered in Kestria on Friday.", "Kestria"),
    ("Based in Kestria, al Vorbiv fired mortars at Nortia.", "Kestria"),  # "al Vorbiv": a group, no article joined
])
def test_the_arabic_article_written_apart_is_part_of_the_name(text, name):
    found = _places(text)
    assert name in found and not any(n.startswith(("al ", "el ")) and n != name for n in found)
