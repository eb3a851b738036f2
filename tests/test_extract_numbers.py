"""Casualty figures, table-driven, from sentences in several conflicts and styles."""

import pytest

from mapper.extract.numbers import fatality_figure, find_counts, has_zero_fatalities, number_value


def figure(sentence):
    return fatality_figure(find_counts(sentence), has_zero_fatalities(sentence))


CASES = [
    # Ukraine, wire style: wounded are not fatalities
    ("A Russian missile strike on Dnipro killed at least 14 people and wounded 73, regional governor Serhiy Lysak said.", 14, ""),
    # Sudan, NGO style: the breakdown after "including" is part of the total, never added
    ("RSF fighters killed 31 people in the village, including nine children and four women, the Sudan Doctors Network said.", 31, "children=9;women=4"),
    # Gaza: two sources, two figures -> the lowest
    ("The health ministry said 40 people were killed overnight, while the civil defence agency put the toll at 52.", 40, ""),
    # Myanmar: an age, a count of homes, and an explicit zero
    ("A 57-year-old farmer said junta troops burned 120 homes in the village; no one was killed.", 0, ""),
    # DRC: a number word
    ("Two dozen civilians were killed when M23 rebels attacked the camp near Goma.", 24, "civilians=24"),
    # Mexico: "among them" breakdown
    ("Gunmen killed nine members of one family, among them three children, in Culiacán.", 9, "children=3"),
    # Yemen: counts of drones and days are not casualties
    ("Houthi forces launched 12 drones over 3 days at Marib; two drones were shot down and five soldiers died.", 5, "security_forces=5"),
    # vague quantities are not counts
    ("Hundreds of people were killed in the fighting, the UN said.", None, ""),
    ("Thousands fled the town.", None, ""),
    # groups joined by "and" share the verb and add up
    ("The shelling killed 7 civilians and 2 police officers in Kherson.", 9, "civilians=7;security_forces=2"),
    # wounded only
    ("The explosion wounded 12 people at the market in Mogadishu.", None, ""),
    ("Eight people were killed and 30 injured in the attack.", 8, ""),
    ("Rescuers recovered a dozen bodies from the rubble.", 12, ""),
    # a year and a date are not casualties
    ("In 2023, 17 soldiers were killed on 4 May near Bakhmut.", 17, "security_forces=17"),
    ("The 3 drones hit 14 houses 20 km from the front; no casualties were reported.", 0, ""),
    # households and families are not people killed
    ("About 400 households and 90 families were displaced from Tawila.", None, ""),
    ("The seed: at least 745 civilians were killed in the violence, mostly in close-range shootings.", 745, "civilians=745"),
]


@pytest.mark.parametrize("sentence,fatalities,breakdown", CASES)
def test_fatalities(sentence, fatalities, breakdown):
    fig = figure(sentence)
    assert fig.fatalities == fatalities
    assert fig.breakdown == breakdown


def test_rival_figures_are_noted():
    fig = figure("The health ministry said 40 people were killed overnight, while the civil defence agency put the toll at 52.")
    assert "other_figures=52" in fig.notes


@pytest.mark.parametrize(
    "phrase,value",
    [("nine", 9), ("twenty-one", 21), ("a dozen", 12), ("two dozen", 24), ("half a dozen", 6), ("1,200", 1200),
     ("three hundred", 300), ("hundreds", None), ("thousands", None), ("dozens", None)],
)
def test_number_words(phrase, value):
    assert number_value(phrase) == value


def test_additional_groups_across_two_sentences_sum():
    counts = find_counts("At least 745 civilians were killed.") + find_counts(
        "Additionally, 125 government security forces and 148 fighters from groups loyal to Assad were killed."
    )
    fig = fatality_figure(counts)
    assert fig.fatalities == 745 + 125 + 148
    assert fig.breakdown == "civilians=745;security_forces=125;fighters=148"


@pytest.mark.parametrize("sentence, total, breakdown", [
    ("A strike on a tent killed a woman and her three children, relatives said.", 4, "women=1;children=3"),
    ("A drone strike killed a woman and three children.", 4, "women=1;children=3"),
    ("A drone strike killed a man in Sumy.", 1, "men=1"),
])
def test_single_victims_after_a_subject_with_an_article_and_their_coordinated_kin(sentence, total, breakdown):
    figure = fatality_figure(list(find_counts(sentence)))
    assert (figure.fatalities, figure.breakdown) == (total, breakdown)
