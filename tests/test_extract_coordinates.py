"""Coordinates written in the text: read only in unambiguous forms, and given to the name just before them."""

import pytest

from mapper.extract.coordinates import find_points, owner_of


@pytest.mark.parametrize("text,expected", [
    ("Tuwaym 35.08°N 36.71°E is a village.", (35.08, 36.71, 2)),
    ("Coordinates: 35°04′48″N 36°42′36″E", (35.08, 36.71, 4)),
    ("a camp at 12.345°N, 6.789°W", (12.345, -6.789, 3)),
    ("south of the equator at 3°S 29°E.", (-3.0, 29.0, 0)),
    ("35° 4' 48\" N 36° 42' 36\" E", (35.08, 36.71, 4)),
])
def test_points_with_hemisphere_letters_are_read(text, expected):
    [point] = find_points(text)
    assert (point.latitude, point.longitude, point.decimals) == expected
    assert text[point.start:point.end] == point.text


@pytest.mark.parametrize("text", [
    "The score was 35.08, 36.71 at half time.",  # bare numbers: could be anything
    "It was 35°C in the shade and 36°E",  # a temperature, then a lone longitude
    "95°N 10°E",  # no such latitude
    "35°75′N 36°E",  # 75 minutes is no angle
])
def test_anything_else_is_not_a_point(text):
    assert find_points(text) == []


def test_a_point_belongs_to_the_name_just_before_it_and_to_nobody_far_away():
    text = "Shelling hit Tuwaym (35.08°N 36.71°E), near Hama."
    [point] = find_points(text)
    mentions = [("Tuwaym", 13, 19), ("Hama", 45, 49)]
    assert owner_of(point, mentions) == "Tuwaym"
    far = "Tuwaym was shelled. " + "x" * 400 + " 35.08°N 36.71°E"
    assert owner_of(find_points(far)[0], [("Tuwaym", 0, 6)]) is None


def test_a_point_the_article_writes_is_the_places_point_cited_and_used_as_given():
    import mapper

    text = "Shelling hit the village of Tuwaym (35.08°N 36.71°E) in central Syria on Monday, residents said."
    [tuwaym] = [t for t in mapper.geoparse(text) if t.name == "Tuwaym"]
    assert (tuwaym.latitude, tuwaym.longitude, tuwaym.geo_precision) == (35.08, 36.71, 1)
    assert "coordinates written in the article: '35.08°N 36.71°E'" in tuwaym.resolution
    assert tuwaym.source_id == f"article:{text.index('35.08')}-{text.index('E)') + 1}"


def test_whole_degrees_are_only_as_precise_as_written():
    import mapper

    [tuwaym] = [t for t in mapper.geoparse("Shelling hit the village of Tuwaym (35°N 37°E) on Monday.") if t.name == "Tuwaym"]
    assert (tuwaym.latitude, tuwaym.geo_precision, tuwaym.uncertainty_km) == (35.0, 3, 60.0)
