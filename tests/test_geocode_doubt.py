"""A town picked among namesakes abroad with nothing else to go on is shown as a guess, never an exact pin."""

from test_geocode_resolve import StubGeocoder, candidate, uses

from mapper.geocode.chain import RegionGeocoder
from mapper.geocode.resolve import Providers, resolve_places
from test_geocode_resolve import NoOverrides

# A coder's note "Protesters gathered in Badah": two namesakes, the more populous one abroad.
TABLE = {
    "Badah": [candidate("Badah", 24.93, 121.28, "TW", 30000, 1),
              candidate("Badah", 27.34, 68.03, "PK", 20000, 2)],
    "Larkana": [candidate("Larkana", 27.56, 68.21, "PK", 364033, 3)],
    "Karachi": [candidate("Karachi", 24.86, 67.01, "PK", 11624219, 4)],
    "Paris": [candidate("Paris", 48.85, 2.35, "FR", 2138551, 5),
              candidate("Paris", 33.66, -95.56, "US", 24782, 6)],
    "Pakistan": [candidate("Pakistan", 30.0, 70.0, "PK", 207000000, 7, kind="country")],
}


def resolve(*names):
    providers = Providers(overrides=NoOverrides(), gazetteer=StubGeocoder(TABLE), regions=RegionGeocoder(lambda: None))
    return {record.place: record for record in resolve_places(uses("a", *names), providers).places}


def test_a_lone_small_town_with_namesakes_abroad_is_a_guess_at_precision_three():
    record = resolve("Badah")["Badah"]
    assert record.geo_precision == 3 and "ambiguous" in record.resolution and "2 countries" in record.resolution
    assert record.uncertainty_km >= 50 and record.latitude is not None  # still shown, as the guess it is


def test_another_place_of_the_same_country_backs_the_pick():
    record = resolve("Badah", "Larkana")["Badah"]
    assert (record.country_code, record.geo_precision) == ("PK", 1) and "ambiguous" not in record.resolution


def test_the_countrys_own_name_backs_the_pick():
    record = resolve("Badah", "Pakistan")["Badah"]
    assert (record.country_code, record.geo_precision) == ("PK", 1)


def test_a_city_far_bigger_than_any_namesake_is_meant_by_its_name():
    assert resolve("Paris")["Paris"].geo_precision == 1
    assert resolve("Karachi")["Karachi"].geo_precision == 1  # no namesake at all


def test_namesakes_far_apart_in_one_country_with_nothing_near_are_a_guess_too():
    TABLE["Kamyanka"] = [candidate("Kamyanka", 49.03, 32.10, "UA", 14000, 10),
                         candidate("Kamyanka", 48.19, 37.86, "UA", 2000, 11)]
    TABLE["Donetsk"] = [candidate("Donetsk", 48.02, 37.80, "UA", 929063, 12)]
    alone = resolve("Kamyanka")["Kamyanka"]
    assert alone.geo_precision == 3 and "far apart in UA" in alone.resolution
    near_donetsk = resolve("Kamyanka", "Donetsk")["Kamyanka"]
    assert near_donetsk.geo_precision == 1 and near_donetsk.source_id == "geonames:11"


def test_a_pick_far_from_the_articles_other_places_among_namesakes_at_home_is_a_guess():
    # Invented towns: two Millbrooks a thousand km apart in one country, the article's other
    # town far from both -- population alone chose, so it is no exact pin.
    TABLE["Millbrook"] = [candidate("Millbrook", 39.6, -77.7, "US", 40000, 20),
                          candidate("Millbrook", 39.9, -85.2, "US", 1700, 21)]
    TABLE["Lakeview"] = [candidate("Lakeview", 33.0, -97.0, "US", 5000, 22)]
    TABLE["Ashford"] = [candidate("Ashford", 39.7, -77.5, "US", 3000, 23)]
    far = resolve("Millbrook", "Lakeview")["Millbrook"]
    assert far.geo_precision == 3 and "far apart in US" in far.resolution and "km from the article's" in far.resolution
    assert far.source_id == "geonames:20"  # still the best guess's point
    near = resolve("Millbrook", "Ashford")["Millbrook"]  # its neighbour backs it
    assert near.geo_precision == 1 and near.source_id == "geonames:20"


def test_a_pick_in_a_region_the_article_names_is_backed_by_it():
    # "Millbrook" in a story that also names the (invented) state Eastland, where that Millbrook is
    TABLE["Millbrook"] = [candidate("Millbrook", 39.6, -77.7, "US", 40000, 20, admin1="Eastland"),
                          candidate("Millbrook", 39.9, -85.2, "US", 1700, 21, admin1="Westland")]
    TABLE["Lakeview"] = [candidate("Lakeview", 37.0, -80.5, "US", 5000, 22)]  # some 380 km away
    TABLE["Eastland"] = [candidate("Eastland", 39.0, -77.0, "US", 6000000, 24, kind="admin1")]
    assert resolve("Millbrook", "Lakeview")["Millbrook"].geo_precision == 3  # without the region, a guess
    record = resolve("Millbrook", "Lakeview", "Eastland")["Millbrook"]
    assert record.geo_precision == 1 and record.source_id == "geonames:20"


def test_a_named_region_does_not_back_a_pick_far_from_all_the_articles_other_places():
    TABLE["Millbrook"] = [candidate("Millbrook", 39.6, -77.7, "US", 40000, 20, admin1="Eastland"),
                          candidate("Millbrook", 39.9, -85.2, "US", 1700, 21, admin1="Westland")]
    TABLE["Eastland"] = [candidate("Eastland", 39.0, -77.0, "US", 6000000, 24, kind="admin1")]
    TABLE["Lakeview"] = [candidate("Lakeview", 33.0, -97.0, "US", 5000, 22)]
    TABLE["Oakridge"] = [candidate("Oakridge", 33.2, -97.1, "US", 5000, 25)]
    record = resolve("Millbrook", "Lakeview", "Oakridge", "Eastland")["Millbrook"]
    assert record.geo_precision == 3 and "far apart in US" in record.resolution


def test_a_backed_country_does_not_back_a_pick_far_from_all_the_articles_other_places():
    # the article's other places are in Pakistan's north, 1,000 km from the Sindh Badah: backed
    # by the country, but not by anything near it, with a namesake abroad -- a guess
    TABLE["Peshawar"] = [candidate("Peshawar", 34.01, 71.58, "PK", 1218773, 30)]
    TABLE["Mardan"] = [candidate("Mardan", 34.20, 72.05, "PK", 300424, 31)]
    TABLE["Badah"] = [candidate("Badah", 24.93, 121.28, "TW", 30000, 1),
                      candidate("Badah", 27.34, 68.03, "PK", 20000, 2)]
    record = resolve("Badah", "Peshawar", "Mardan")["Badah"]
    assert record.geo_precision == 3 and record.source_id == "geonames:2" and "2 countries" in record.resolution
    assert resolve("Badah", "Karachi")["Badah"].geo_precision == 1  # some 300 km: not at odds


def test_a_city_only_some_twenty_times_its_namesake_abroad_is_a_guess_when_nothing_backs_it():
    # Invented: a capital of 1,000,000 and a town of 45,000 of the same name in another country.
    # Local news uses such names for the small town; with nothing else in the article it is a guess.
    TABLE["Dunmore"] = [candidate("Dunmore", 53.35, -6.26, "IE", 1_000_000, 30),
                        candidate("Dunmore", 40.1, -83.1, "US", 45_000, 31)]
    TABLE["Galway"] = [candidate("Galway", 53.27, -9.05, "IE", 80_000, 32)]
    alone = resolve("Dunmore")["Dunmore"]
    assert alone.geo_precision == 3 and alone.source_id == "geonames:30" and "2 countries" in alone.resolution
    assert resolve("Dunmore", "Galway")["Dunmore"].geo_precision == 1  # another place of its country backs it


def _villages(name, country, first_id, *points):
    return [candidate(name, lat, lon, country, 800, first_id + i) for i, (lat, lon) in enumerate(points)]


def test_a_small_village_among_many_namesakes_is_a_guess_even_next_to_the_articles_places():
    # Invented: four villages called Zelenyi Hai in one country, one of them next to the article's town.
    TABLE["Zelenyi Hai"] = _villages("Zelenyi Hai", "UA", 30, (46.70, 32.70), (47.9, 35.2), (49.5, 24.0), (50.6, 30.1))
    TABLE["Kherson"] = [candidate("Kherson", 46.64, 32.61, "UA", 300000, 40)]
    record = resolve("Zelenyi Hai", "Kherson")["Zelenyi Hai"]
    assert record.geo_precision == 3 and "4 villages of this name" in record.resolution
    assert record.source_id == "geonames:30"  # the one next to Kherson is still the guess shown


def test_a_village_with_few_namesakes_next_to_the_articles_places_stays_exact():
    TABLE["Stara Hreblia"] = _villages("Stara Hreblia", "UA", 50, (46.70, 32.70), (49.5, 24.0), (50.6, 30.1))
    TABLE["Kherson"] = [candidate("Kherson", 46.64, 32.61, "UA", 300000, 40)]
    record = resolve("Stara Hreblia", "Kherson")["Stara Hreblia"]
    assert record.geo_precision == 1 and record.source_id == "geonames:50"


def test_a_world_city_is_meant_by_its_name_in_a_story_from_elsewhere():
    # Invented: "Velmouth" the capital (5 million) abroad, and a town of 9,000 in the story's country.
    TABLE["Velmouth"] = [candidate("Velmouth", 51.5, -0.1, "GB", 5_000_000, 80),
                         candidate("Velmouth", 37.1, -84.1, "US", 9_000, 81)]
    TABLE["Denford"] = [candidate("Denford", 40.7, -74.0, "US", 800_000, 82)]
    TABLE["Ashcombe"] = [candidate("Ashcombe", 37.3, -84.0, "US", 20_000, 83)]
    summit = resolve("Velmouth", "Denford")["Velmouth"]
    assert summit.source_id == "geonames:80" and summit.geo_precision == 1
    assert "100 times its namesakes in US" in summit.resolution
    # but a local story with a town next to the small namesake means that one
    local = resolve("Velmouth", "Ashcombe")["Velmouth"]
    assert local.source_id == "geonames:81"


def test_the_only_small_town_of_its_name_is_unconfirmed_when_nothing_backs_its_country():
    # "cleaners protested in Koyra": the gazetteer lists one small Koyra; the one meant may be unlisted
    TABLE["Koyra"] = [candidate("Koyra", 34.2, 135.6, "JP", 3_000, 90)]
    alone = resolve("Koyra")["Koyra"]
    assert alone.geo_precision == 3 and "unconfirmed" in alone.resolution and alone.latitude == 34.2
    TABLE["Kyoto"] = [candidate("Kyoto", 35.0, 135.8, "JP", 1_400_000, 91)]
    assert resolve("Koyra", "Kyoto")["Koyra"].geo_precision == 1  # a place of the article near it backs it
    TABLE["Japan"] = [candidate("Japan", 36.0, 138.0, "JP", 126_000_000, 92, kind="country")]
    assert resolve("Koyra", "Japan")["Koyra"].geo_precision == 1  # and so does its country's name
