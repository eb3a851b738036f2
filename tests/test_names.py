"""Place-name folding: spelling variants meet, unrelated names stay apart."""

import pytest

from mapper.geocode.names import fold, skeleton

# Spellings of one place seen in news copy, GeoNames and Wikipedia.
SAME_FOLD = [
    ("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "Deir al-Zour"),
    ("Tartus", "Tartous"),
    ("Qamishli", "Al Qamishli", "Kamishly", "Al Qāmishlī"),
    ("Jableh", "Jablah"),
    ("Al-Janoudiya", "Al Jānūdīyah", "Janudiyah"),
    ("Baniyas", "Bāniyās"),
    ("Khan Shaykhun", "Khan Sheikhoun"),
    ("Latakia", "Lattakia", "LATAKIA"),
]


@pytest.mark.parametrize("variants", SAME_FOLD, ids=lambda v: v[0])
def test_variants_share_one_fold(variants):
    assert len({fold(v) for v in variants}) == 1, {v: fold(v) for v in variants}


def test_kharkiv_and_kharkov_differ_by_a_vowel_so_meet_by_skeleton():
    # i/o is not folded (it would merge too much); the gazetteer decides this pair.
    assert fold("Kharkiv") != fold("Kharkov")
    assert skeleton("Kharkiv") == skeleton("Kharkov")


@pytest.mark.parametrize("a, b", [
    ("Homs", "Hama"), ("Idlib", "Aleppo"), ("Gaza", "Gaziantep"), ("Kyiv", "Kiev"),
    ("Damascus", "Daraa"), ("Latakia", "Tartus"), ("Beirut", "Baalbek"),
    ("Gaza", "Gazakh"),  # -ah folding must not eat the h of a final kh
])
def test_unrelated_names_do_not_collide(a, b):
    assert fold(a) != fold(b)


def test_articles_dropped_only_as_whole_words():
    assert fold("Al Qamishli") == fold("Qamishli")
    assert fold("ad-Dawr") == fold("Dawr")
    assert fold("Alan") == "alan"  # starts like "al", is not an article
    assert fold("Ashdod").startswith("ashd")
    assert fold("Al") == "al"  # nothing but an article: keep it, do not return ""


def test_glued_article_only_stripped_after_the_first_word():
    assert fold("Deir Ezzor") == fold("Deir Zor")
    assert fold("Essen") != fold("Sen")
    assert fold("Ennis") != fold("Nis")


def test_fold_rules():
    assert fold("Khan") == "han"  # kh -> h
    assert fold("Qusayr") == fold("Kusair")  # q -> k, ay -> ai
    assert fold("Beirut") == fold("Bayrut")  # ei / ay -> ai
    assert fold("Ma'arrat al-Nu'man") == fold("Maarat Numan")  # apostrophes vanish, doubles collapse
    assert fold("Dayr") == fold("Deyr") == "dair"
    assert fold("Hawija") == "hawija"  # aw before a vowel: w stays a consonant
    assert fold("  Tell   Abyad ") == fold("Tell Abyad")
    assert fold("Qamışlı") == fold("Qamishli").replace("sh", "s")  # dotless i handled


def test_skeleton_drops_inner_vowels_and_keeps_a_leading_one():
    assert skeleton("Idlib") == "idlb"
    assert skeleton("Tuwaym") == skeleton("Tuwaim") == "tvm"
    assert skeleton("Homs") != skeleton("Hama")
