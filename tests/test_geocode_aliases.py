"""A name a town bears as its own comes before a name it is only also called (mapper.geocode.aliases)."""

from test_geocode_resolve import NoOverrides, StubGeocoder, candidate, uses

from mapper.geocode.aliases import bears, own_names_first
from mapper.geocode.chain import RegionGeocoder
from mapper.geocode.resolve import Providers, resolve_places


def also_called(own_name, written, lat, lon, cc, population, gid):
    """A town GeoNames also calls ``written`` (an old name, a nickname): found under it, named otherwise."""
    place = candidate(own_name, lat, lon, cc, population, gid)
    place.raw["matched_alias"] = written
    return place


# Invented towns: "Harwick" is the old name of the big city Port Delmar, and two towns' own name.
HARWICK = [also_called("Port Delmar", "Harwick", 40.0, -83.0, "US", 900_000, 1),
           candidate("Harwick", 36.0, -86.9, "US", 70_000, 2),
           candidate("Harwick", 43.0, -88.0, "US", 35_000, 3)]


def test_a_town_that_bears_the_name_hides_the_one_only_once_called_so():
    kept = own_names_first("Harwick", HARWICK)
    assert [c.raw["geonameid"] for c in kept] == [2, 3]


def test_the_rule_holds_within_a_country_not_across_countries():
    # the only bearer is abroad: the home town known by that name stays a candidate
    table = [also_called("Port Delmar", "Harwick", 40.0, -83.0, "US", 900_000, 1),
             candidate("Harwick", 52.0, 1.0, "GB", 3_000, 4)]
    assert [c.raw["geonameid"] for c in own_names_first("Harwick", table)] == [1, 4]


def test_a_city_that_bears_the_name_hides_a_town_abroad_only_also_called_so():
    # "Puneo" is a city's own name in one country and an other name of a far bigger city abroad
    table = [also_called("Poona Nagar", "Puneo", 18.5, 73.9, "IN", 3_000_000, 7),
             candidate("Puneo", -15.8, -70.0, "PE", 128_000, 8)]
    assert [c.raw["geonameid"] for c in own_names_first("Puneo", table)] == [8]


def test_a_short_form_of_a_word_in_the_name_is_the_word():
    # "St. Harwick" is the big city GeoNames calls Saint Harwick, not only also called so: the
    # smaller city abroad that bears "St. Harwick" as written does not hide it
    table = [also_called("Saint Harwick", "St. Harwick", 60.0, 30.0, "RU", 5_000_000, 9),
             candidate("St. Harwick", 27.8, -82.6, "US", 250_000, 10)]
    assert [c.raw["geonameid"] for c in own_names_first("St. Harwick", table)] == [9, 10]
    assert bears("Mt. Dorva", {"name": "Mount Dorva"}) and bears("Ft Kelso", {"name": "Fort Kelso"})


def test_a_city_far_bigger_than_every_bearer_keeps_its_old_spelling():
    # "Kievo" is a capital of millions by its old spelling, and a village's own name
    table = [also_called("Kyivo", "Kievo", 50.45, 30.52, "UA", 2_800_000, 5),
             candidate("Kievo", 48.0, 35.0, "UA", 400, 6)]
    assert [c.raw["geonameid"] for c in own_names_first("Kievo", table)] == [5, 6]


def test_bearing_a_name_is_whole_words_of_the_own_name():
    assert bears("New Harbour", {"name": "New Harbour City"}) and bears("Trinidado", {"name": "La Trinidado"})
    assert not bears("New Harbour", {"name": "Harbour"}) and not bears("Harb", {"name": "Harbour"})
    assert bears("Sao Tomeu", {"name": "São Tomeu"})  # folded alike


def test_a_story_about_the_towns_so_called_is_not_mapped_at_the_city_once_called_so():
    providers = Providers(overrides=NoOverrides(), gazetteer=StubGeocoder({"Harwick": HARWICK}),
                          regions=RegionGeocoder(lambda: None))
    record = resolve_places(uses("a", "Harwick"), providers).places[0]
    assert record.source_id == "geonames:2" and "3 candidates" not in record.resolution


def test_a_nickname_of_a_world_city_does_not_make_it_the_place_meant():
    # "Garden Town" is a nickname of a city of millions abroad, and the own name of towns at home
    table = {"Garden Town": [also_called("Lionport", "Garden Town", 1.3, 103.8, "SG", 5_600_000, 7),
                             candidate("Garden Town", 40.7, -73.6, "US", 22_000, 8)],
             "Milltown": [candidate("Milltown", 34.0, -118.2, "US", 7_000, 9)]}  # far from it
    providers = Providers(overrides=NoOverrides(), gazetteer=StubGeocoder(table), regions=RegionGeocoder(lambda: None))
    places = {r.place: r for r in resolve_places(uses("a", "Garden Town", "Milltown"), providers).places}
    assert places["Garden Town"].source_id == "geonames:8"
    # by its own name a city of millions is still meant over the small namesake at home (choice.world_city)
    table["Garden Town"][0].raw["name"] = "Garden Town"
    places = {r.place: r for r in resolve_places(uses("a", "Garden Town", "Milltown"), providers).places}
    assert places["Garden Town"].source_id == "geonames:7"
