"""Towns of one story that lie together in one country set its focus against a big namesake's
population vote. All names and places are invented."""

from mapper.geocode.focus import country_focus
from mapper.geocode.resolve import PlaceUse
from test_geocode_focus import cand


def test_towns_that_lie_together_in_one_country_outweigh_a_big_namesakes_vote():
    # Invented: "Kingsbury" is a big city in "GB" and a town in "CA"; the story's three other towns
    # exist only in "CA", all within a few dozen km of that Kingsbury.
    table = {"Kingsbury": [cand("Kingsbury", 51.5, -0.1, "GB", 9_000_000, 40),
                           cand("Kingsbury", 42.98, -81.23, "CA", 400_000, 41)],
             "Elmdale": [cand("Elmdale", 42.77, -81.18, "CA", 39_000, 42)],
             "Port Ash": [cand("Port Ash", 43.1, -81.0, "CA", 5_000, 43)],
             "Fenwick": [cand("Fenwick", 42.9, -81.6, "CA", 3_000, 44)]}
    story = {"Kingsbury": [PlaceUse("a", "Kingsbury", weight=4.0)],
             "Elmdale": [PlaceUse("a", "Elmdale", sentence_start=10)],
             "Port Ash": [PlaceUse("a", "Port Ash", sentence_start=20)],
             "Fenwick": [PlaceUse("a", "Fenwick", sentence_start=30)]}
    assert country_focus(story, table, {}) == {"a": "CA"}
    # one other town is no cluster yet: the vote stands
    two = {name: story[name] for name in ("Kingsbury", "Elmdale")}
    assert country_focus(two, table, {}) == {"a": "GB"}
    # and a story that names the voted country keeps it
    table["Britannia"] = [cand("Britannia", 54.0, -2.0, "GB", 66_000_000, 45, kind="country")]
    named = {**story, "Britannia": [PlaceUse("a", "Britannia", sentence_start=40)]}
    assert country_focus(named, table, {})["a"] == "GB"


def test_two_names_of_the_same_place_are_no_cluster():
    table = {"Kingsbury": [cand("Kingsbury", 51.5, -0.1, "GB", 9_000_000, 40),
                           cand("Kingsbury", 42.98, -81.23, "CA", 400_000, 41)],
             "Elmdale": [cand("Elmdale", 42.77, -81.18, "CA", 39_000, 42)],
             "Elmdale Town": [cand("Elmdale", 42.77, -81.18, "CA", 39_000, 42)]}
    story = {name: [PlaceUse("a", name, weight=4.0 if name == "Kingsbury" else 1.0)] for name in table}
    assert country_focus(story, table, {}) == {"a": "GB"}
