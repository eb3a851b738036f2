"""The named checks of place scanning (mapper/extract/places.py): what is never a place, what
marks a name as a place, and when a place acts. Each rule alone, on sentences an analyst reads
the same way."""

from __future__ import annotations

from test_extract_people import SUDAN, context

from mapper.extract.place_checks import (
    NAME_CHECKS, NO_PLACE, PERSON, Cue, acting_place, apposition_cue, demonym_word, feature_noun_cue, group_name,
    has_followers, in_region_cue, organisation_name, part_of_org_name, preposition_cue,
)


def test_an_organisation_word_is_no_place() -> None:
    assert organisation_name(context("the Health Ministry said", "Health Ministry", ["the"]))


def test_a_run_with_a_religion_is_no_place() -> None:
    assert group_name(context("a Sunni Muslim cleric", "Sunni Muslim", ["a"]))


def test_a_demonym_is_no_place_unless_a_feature_cue_says_so() -> None:
    assert demonym_word(context("Sudanese fled", "Sudanese", []))
    assert not demonym_word(context("the village of Sudanese", "Sudanese", ["the", "village", "of"], place_cue=True))


def test_followers_make_a_person_but_a_camp_is_a_place() -> None:
    assert has_followers(context("Hemedti loyalists attacked", "Hemedti", []))
    assert not has_followers(context("Zamzam camp was shelled", "Zamzam", []))


def test_the_checks_run_in_order_title_first() -> None:
    names = [name for name, _check, _verdict in NAME_CHECKS]
    assert names[0] == "title before"
    assert dict((name, verdict) for name, _check, verdict in NAME_CHECKS)["organisation word"] == NO_PLACE
    assert dict((name, verdict) for name, _check, verdict in NAME_CHECKS)["followers after"] == PERSON


def test_an_apposition_gives_feature_region_and_a_strong_cue() -> None:
    cue = apposition_cue(context("Tuwaym, a village in central Syria, was hit", "Tuwaym", []), Cue())
    assert cue == Cue("village", "central Syria", "village in", True)


def test_an_apposition_keeps_a_feature_the_words_before_gave() -> None:
    before = Cue("town", "", "town of", True)
    cue = apposition_cue(context("the town of Tuwaym, a village in central Syria", "Tuwaym", ["the", "town", "of"]), before)
    assert (cue.feature, cue.cue, cue.region) == ("town", "town of", "central Syria")


def test_in_region_after_the_name() -> None:
    cue = in_region_cue(context("Tawila in northern Darfur was shelled", "Tawila", []), Cue())
    assert cue.region == "northern Darfur"


def test_a_feature_noun_after_and_where_the_article_situates_it() -> None:
    cue = feature_noun_cue(context("the Zamzam camp near El Fasher was shelled", "Zamzam", ["the"]), Cue())
    assert cue == Cue("camp", "El Fasher", "X camp", True)


def test_near_is_a_strong_cue_and_from_a_weak_one() -> None:
    assert preposition_cue(context("fighting near Kutum", "Kutum", ["fighting", "near"]), Cue()) == Cue("", "", "near", True)
    assert preposition_cue(context("they fled from Kutum", "Kutum", ["they", "fled", "from"]), Cue()) == Cue("", "", "from", False)


def test_a_feature_noun_before_at_gives_the_feature() -> None:
    cue = preposition_cue(context("they reached the camp at Kalma", "Kalma", ["reached", "the", "camp", "at"]), Cue())
    assert (cue.feature, cue.cue, cue.strong) == ("camp", "at", False)


def test_a_place_inside_an_organisation_name_is_an_actor() -> None:
    text = "the Forces for the Liberation of Rwanda attacked"
    c = context(text, "Rwanda", ["liberation", "of"])
    assert part_of_org_name(c, text[: c.start])


def test_a_country_that_speaks_acts() -> None:
    assert acting_place(context("Sudan said the attack was a crime", "Sudan", [], known=SUDAN), "country")


def test_a_country_after_a_preposition_stays_a_location() -> None:
    assert not acting_place(context("a strike on Sudan killed five", "Sudan", ["a", "strike", "on"], known=SUDAN), "country")


def test_a_country_s_army_acts() -> None:
    assert acting_place(context("Sudan's army shelled the town", "Sudan", [], known=SUDAN), "country")
