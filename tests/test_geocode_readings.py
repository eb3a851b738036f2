"""A country's name read as a town of a local story's own country; a big city of a country the
article names weighed with that country as its focus. All names and places are invented."""

from mapper.geocode.chain import RegionGeocoder
from mapper.geocode.readings import country_names_as_towns, named_country_focus
from mapper.geocode.resolve import PlaceUse, Providers, resolve_places
from test_geocode_focus import cand
from test_geocode_resolve import StubGeocoder as Table


def providers(table):
    return Providers(overrides=Table({}), gazetteer=Table(table), regions=RegionGeocoder(lambda: None))


def local_story():
    # "Velmoria" is a country, and also a small town of "US" next to the story's two other towns,
    # which exist only in "US".
    return {
        "Velmoria": [cand("Velmoria", 33.9, 35.9, "VM", 6_000_000, 1, kind="country"),
                     cand("Velmoria", 40.05, -86.47, "US", 15_000, 2, admin1_code="IN"),
                     cand("Velmoria", 39.4, -84.2, "US", 20_000, 3, admin1_code="OH")],
        "Birchfield": [cand("Birchfield", 39.95, -86.26, "US", 26_000, 4, admin1_code="IN")],
        "Cedar Falls": [cand("Cedar Falls", 40.1, -86.5, "US", 3_000, 5, kind="admin2", admin1_code="IN")],
    }


def by_place(uses, table):
    return {record.place: record for record in resolve_places(uses, providers(table)).places}


def test_a_countrys_name_next_to_a_local_storys_towns_is_the_town():
    uses = [PlaceUse("a", "Velmoria", weight=2.0), PlaceUse("a", "Birchfield"), PlaceUse("a", "Cedar Falls")]
    places = by_place(uses, local_story())
    assert places["Velmoria"].source_id == "geonames:2"  # the town next to the others, not the country
    assert "the country's name read as a place in US" in places["Velmoria"].resolution
    # and the story's own towns are no longer refused as "namesakes abroad"
    assert places["Birchfield"].source_id == "geonames:4"
    assert places["Cedar Falls"].country_code == "US"


def test_the_country_stays_when_its_towns_are_far_from_the_storys_places():
    table = local_story()
    table["Velmoria"] = [table["Velmoria"][0], table["Velmoria"][2]]  # only the town 200 km away
    uses = [PlaceUse("a", "Velmoria"), PlaceUse("a", "Birchfield")]
    assert by_place(uses, table)["Velmoria"].source_id == "geonames:1"


def test_the_country_stays_when_anything_else_in_the_story_is_in_it():
    table = local_story()
    table["Port Alda"] = [cand("Port Alda", 33.9, 35.5, "VM", 300_000, 6)]
    uses = [PlaceUse("a", "Velmoria"), PlaceUse("a", "Birchfield"), PlaceUse("a", "Port Alda")]
    assert by_place(uses, table)["Velmoria"].source_id == "geonames:1"
    # a nationality adjective of the country says so too
    hints = (("VM", 1.0, 0),)
    uses = [PlaceUse("a", "Velmoria", demonyms=hints), PlaceUse("a", "Birchfield", demonyms=hints)]
    assert country_names_as_towns({u.name: [u] for u in uses}, local_story(), {}) == {}


def test_the_country_stays_when_the_storys_places_lie_in_several_countries():
    table = local_story()
    table["Kestrel"] = [cand("Kestrel", 45.0, 5.0, "FR", 9_000, 7)]
    uses = {name: [PlaceUse("a", name)] for name in ("Velmoria", "Birchfield", "Kestrel")}
    assert country_names_as_towns(uses, table, {}) == {}


def test_a_big_city_of_a_country_the_article_names_is_that_city():
    table = {"Ostrava Nova": [cand("Ostrava Nova", 55.7, 37.6, "RU", 10_000_000, 10),
                              cand("Ostrava Nova", 46.7, -117.0, "US", 25_000, 11)],
             "Rusland": [cand("Rusland", 60.0, 90.0, "RU", 144_000_000, 12, kind="country")],
             "Lakeside": [cand("Lakeside", 41.9, -87.6, "US", 2_700_000, 13)],
             "Hillcrest": [cand("Hillcrest", 33.7, -84.4, "US", 500_000, 14)]}
    story = [PlaceUse("a", "Lakeside", weight=2.0), PlaceUse("a", "Hillcrest"), PlaceUse("a", "Ostrava Nova"),
             PlaceUse("a", "Rusland")]
    places = by_place(story, table)
    assert places["Ostrava Nova"].source_id == "geonames:10"
    assert "focus country RU" in places["Ostrava Nova"].resolution
    # without the country named, a city 400 times its namesake is still meant (choice.world_city) ...
    assert by_place(story[:3], table)["Ostrava Nova"].source_id == "geonames:10"
    # ... but one only 40 times bigger is left to the story's focus
    table["Ostrava Nova"][0].raw["population"] = 1_000_000
    assert by_place(story[:3], table)["Ostrava Nova"].source_id == "geonames:11"


def test_a_small_town_of_a_named_country_does_not_beat_the_focus():
    table = {"Ostrava Nova": [cand("Ostrava Nova", 55.7, 37.6, "RU", 50_000, 10),
                              cand("Ostrava Nova", 46.7, -117.0, "US", 25_000, 11)],
             "Rusland": [cand("Rusland", 60.0, 90.0, "RU", 144_000_000, 12, kind="country")]}
    uses = {"Ostrava Nova": [PlaceUse("a", "Ostrava Nova")], "Rusland": [PlaceUse("a", "Rusland")]}
    first = {"Rusland": table["Rusland"][0], "Ostrava Nova": table["Ostrava Nova"][1]}
    assert named_country_focus(uses, table, first, {"a": "US"}) == {}



def test_a_namesake_abroad_backed_by_another_name_of_that_country_is_not_refused():
    # Invented: the story's focus goes to "EG" for its big "Alexandra"; two other names lie only in "US".
    table = {"Alexandra": [cand("Alexandra", 31.2, 29.9, "EG", 5_000_000, 50),
                           cand("Alexandra", 45.9, -95.4, "US", 13_000, 51)],
             "Stonecloud": [cand("Stonecloud", 44.0, -92.5, "US", 65_000, 52)],
             "Dunmere County": [cand("Dunmere County", 45.9, -95.5, "US", 0, 53, kind="admin2")]}
    story = [PlaceUse("a", "Alexandra", weight=4.0), PlaceUse("a", "Stonecloud")]
    alone = by_place(story, table)["Stonecloud"]
    assert alone.provider == "region" and "namesakes abroad" in alone.resolution  # refused, approximated
    backed = by_place(story + [PlaceUse("a", "Dunmere County")], table)["Stonecloud"]
    assert backed.source_id == "geonames:52"  # its own point, not the article's area
    assert backed.geo_precision == 3 and "backed by 'Dunmere County'" in backed.resolution


def test_a_big_region_of_a_country_the_article_names_beats_a_town_of_the_focus():
    table = {"Tarrio": [cand("Tarrio", 34.06, -117.65, "US", 175_000, 70),
                        cand("Tarrio", 50.0, -86.0, "CA", 13_000_000, 71, kind="admin1", admin1_code="08")],
             "Kanadia": [cand("Kanadia", 60.0, -100.0, "CA", 37_000_000, 72, kind="country")],
             "Lakeside": [cand("Lakeside", 41.9, -87.6, "US", 2_700_000, 73)],
             "Hillcrest": [cand("Hillcrest", 33.7, -84.4, "US", 500_000, 74)]}
    story = [PlaceUse("a", "Lakeside", weight=2.0), PlaceUse("a", "Hillcrest"), PlaceUse("a", "Tarrio"),
             PlaceUse("a", "Kanadia")]
    assert by_place(story, table)["Tarrio"].source_id == "admin1:CA.08"
