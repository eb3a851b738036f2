"""The person checks of mapper/extract/people.py, one rule at a time, on sentences an analyst
would read the same way."""

from __future__ import annotations

from mapper.extract.people import (
    NameContext, People, after_role_noun, described_as_person, followers_after, in_person_pair,
    possessed_by_person, titled,
)
from mapper.lexicon import KnownName

SUDAN = KnownName("country", 45_000_000, "SD")


def context(text: str, name: str, tail: list[str], known: KnownName | None = None, place_cue: bool = False) -> NameContext:
    """``name`` as it stands in ``text``; ``tail`` the lower-case words before it, as a reader sees them."""
    start = text.index(name)
    end = start + len(name)
    possessive = text[end : end + 2] in ("'s", "’s")
    words = name.split()
    country_like = known is not None and known.kind in ("country", "admin1")
    return NameContext(text, start, end, name, words, [w.lower() for w in words], tail, text[end : end + 120],
                       possessive, known, country_like, place_cue)


def test_a_title_makes_a_person() -> None:
    assert titled(context("President Salva Kiir said on Monday", "President Salva Kiir", []))


def test_a_title_alone_is_not_a_name() -> None:
    assert not titled(context("The President said on Monday", "President", ["the"]))


def test_a_role_noun_before_makes_a_person() -> None:
    assert after_role_noun(context("said army spokesman Nabil Abdallah on Monday", "Nabil Abdallah", ["said", "army", "spokesman"]))


def test_a_role_noun_before_a_country_is_no_person() -> None:
    # "the commander Sudan" does not occur; a country stays a country whatever precedes it
    assert not after_role_noun(context("the commander Sudan", "Sudan", ["the", "commander"], known=SUDAN))


def test_an_age_after_the_name_makes_a_person() -> None:
    assert described_as_person(context("Musa Ali, 45, said the gunmen came at night", "Musa Ali", []))
    assert described_as_person(context("Khalid, a 57-year-old farmer, fled", "Khalid", []))
    assert described_as_person(context("Hassan, who fled the town, said", "Hassan", []))


def test_a_place_with_an_apposition_is_not_described_as_a_person() -> None:
    assert not described_as_person(context("Tawila, a town in North Darfur, was shelled", "Tawila", []))


def test_a_person_relation_before_makes_a_person() -> None:
    assert in_person_pair(context("fighters loyal to Hemedti attacked", "Hemedti", ["fighters", "loyal", "to"]))
    assert in_person_pair(context("since the fall of Bashir", "Bashir", ["since", "the", "fall", "of"]))


def test_a_relation_before_a_country_is_no_person() -> None:
    assert not in_person_pair(context("militias loyal to Sudan", "Sudan", ["militias", "loyal", "to"], known=SUDAN))


def test_followers_after_the_name() -> None:
    assert followers_after(" loyalists clashed with protesters")
    assert not followers_after(" said the attack was over")


def test_a_possession_of_a_person() -> None:
    assert possessed_by_person(context("Kiir's spokesman denied it", "Kiir", []))


def test_a_known_place_s_possession_is_not_a_person_s() -> None:
    assert not possessed_by_person(context("Sudan's army denied it", "Sudan", [], known=SUDAN))


def test_people_remember_the_name_and_the_place_a_person_is_from() -> None:
    text = "Musa Ali, a resident of Tawila, said the shelling went on all night."
    people = People()
    people.mark(text, 0, len("Musa Ali"), "Musa Ali")
    assert people.tokens == {"Musa", "Ali"}
    assert people.places == {"Musa": "Tawila", "Ali": "Tawila"}
    assert people.spans == [(0, 8, "Musa Ali")]


def test_a_title_is_not_a_word_of_the_person_s_name() -> None:
    people = People()
    people.mark("President Salva Kiir said", 0, 20, "President Salva Kiir")
    assert people.tokens == {"Salva", "Kiir"}


def test_a_person_seen_earlier_is_seen_again_unless_a_feature_cue_says_place() -> None:
    people = People(tokens={"Kiir"})
    assert people.seen(context("Kiir said", "Kiir", []))
    assert not people.seen(context("the village of Kiir was burnt", "Kiir", ["the", "village", "of"], place_cue=True))
