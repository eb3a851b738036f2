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
    # two towns that lie together in "CA" only: the story is there too (Kingsbury GB is 22 times its namesake)
    two = {name: story[name] for name in ("Kingsbury", "Elmdale")}
    assert country_focus(two, table, {}) == {"a": "CA"}
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


def test_two_towns_together_abroad_do_not_beat_two_capitals():
    # Invented: "Lutece" and "Kingsbury" are two capitals of millions, and two Ontario-like towns
    # 70 km apart; a story naming both is about the capitals
    table = {"Kingsbury": [cand("Kingsbury", 51.5, -0.1, "GB", 9_000_000, 40),
                           cand("Kingsbury", 42.98, -81.23, "CA", 400_000, 41)],
             "Lutece": [cand("Lutece", 48.85, 2.35, "FR", 2_100_000, 46),
                        cand("Lutece", 43.2, -80.38, "CA", 12_000, 47)]}
    story = {"Kingsbury": [PlaceUse("a", "Kingsbury", weight=2.0)], "Lutece": [PlaceUse("a", "Lutece", sentence_start=10)]}
    assert country_focus(story, table, {}) == {"a": "GB"}


def test_two_towns_together_in_one_country_and_far_apart_in_the_voted_one_are_read_together():
    # Invented: "Edgeton" is a city of a million in "CA" and a London district in "GB"; "Endwick" a
    # small "CA" town 4,000 km from it, and the district next door in "GB"
    table = {"Edgeton": [cand("Edgeton", 53.55, -113.47, "CA", 1_000_000, 50),
                         cand("Edgeton", 51.61, -0.06, "GB", 80_000, 51)],
             "Endwick": [cand("Endwick", 44.93, -63.53, "CA", 6_500, 52),
                         cand("Endwick", 51.65, -0.08, "GB", 130_000, 53)]}
    story = {"Edgeton": [PlaceUse("a", "Edgeton", weight=2.0)], "Endwick": [PlaceUse("a", "Endwick", sentence_start=10)]}
    assert country_focus(story, table, {}) == {"a": "GB"}


def test_a_county_and_a_town_together_beat_a_middling_namesake_abroad():
    # Invented: "Cornwick" is a town of 48,000 in "CA" and a county (no population counted) in "GB",
    # where "Camber" lies inside it; only a city of a million would keep the vote
    table = {"Cornwick": [cand("Cornwick", 45.0, -74.7, "CA", 48_000, 60),
                          cand("Cornwick", 50.4, -4.9, "GB", 0, 61, kind="admin2")],
             "Camber": [cand("Camber", 50.2, -5.3, "GB", 20_000, 62)]}
    story = {"Cornwick": [PlaceUse("a", "Cornwick", weight=3.0)], "Camber": [PlaceUse("a", "Camber", sentence_start=10)]}
    assert country_focus(story, table, {}) == {"a": "GB"}


def test_a_story_naming_a_region_of_the_voted_country_keeps_it():
    # the two towns lie together in "CA", but the story names "Bretonia", a first-level region of "GB"
    table = {"Kingsbury": [cand("Kingsbury", 51.5, -0.1, "GB", 9_000_000, 40),
                           cand("Kingsbury", 42.98, -81.23, "CA", 400_000, 41)],
             "Elmdale": [cand("Elmdale", 42.77, -81.18, "CA", 39_000, 42)],
             "Bretonia": [cand("Bretonia", 52.0, -1.0, "GB", 50_000_000, 48, kind="admin1", admin1_code="ENG")]}
    story = {"Kingsbury": [PlaceUse("a", "Kingsbury", weight=4.0)], "Elmdale": [PlaceUse("a", "Elmdale", sentence_start=10)],
             "Bretonia": [PlaceUse("a", "Bretonia", sentence_start=20)]}
    assert country_focus(story, table, {}) == {"a": "GB"}
