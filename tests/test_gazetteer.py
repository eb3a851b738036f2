"""The offline GeoNames gazetteer, its geopy geocoder, and approximate regions.

Expected values are GeoNames facts (geonameids, coordinates, admin1 names as
GeoNames publishes them), not outputs copied from this code.
"""

import json
import os
import socket
from pathlib import Path

import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location

from mapper.geocode import gazetteer as gazetteer_module
from mapper.geocode.gazetteer import (Candidate, Gazetteer, GazetteerGeocoder, build_index,
                                      default_cache_dir, index_path)
from mapper.geocode.regions import haversine_km, hull_region, parse_region, region_point
from mapper.lexicon import KnownName

# GeoNames ids
LATAKIA, BANIYAS, JABLAH, DAMASCUS, JANOUDIYA = 173576, 171830, 169304, 170654, 173715
DEIR_EZ_ZOR, QAMISHLI, KHARKIV = 170794, 173377, 706483
TRIPOLI_LY, TRIPOLI_LB, LEBANON = 2210247, 266826, 272103


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    # CI starts clean, so the index is built once per session (~20 s), here.
    folder = tmp_path_factory.mktemp("mapper-cache")
    Gazetteer.open(folder).close()
    return folder


@pytest.fixture(scope="session")
def gaz(cache_dir):
    return Gazetteer.open(cache_dir)


def ids(candidates):
    return [c.geonameid for c in candidates]


# -- finding places ---------------------------------------------------------

def test_latakia_is_found_with_its_admin1(gaz):
    (latakia,) = [c for c in gaz.candidates("Latakia") if c.country_code == "SY"]
    assert latakia.geonameid == LATAKIA
    assert latakia.latitude == pytest.approx(35.53, abs=0.02)
    assert latakia.longitude == pytest.approx(35.79, abs=0.02)
    assert (latakia.admin1_code, latakia.admin1) == ("02", "Latakia")
    assert latakia.kind == "populated" and latakia.match == "exact"


@pytest.mark.parametrize("query, geonameid, admin1", [
    ("Baniyas", BANIYAS, "Tartus"),
    ("Bāniyās", BANIYAS, "Tartus"),
    ("Jableh", JABLAH, "Latakia"),
    ("Damascus", DAMASCUS, "Dimashq"),
    ("Al-Janoudiya", JANOUDIYA, "Idlib"),
    ("Janudiyah", JANOUDIYA, "Idlib"),
])
def test_syrian_places_are_found(gaz, query, geonameid, admin1):
    found = gaz.candidates(query, country_codes=["SY"])
    assert found and found[0].geonameid == geonameid
    assert found[0].admin1 == admin1


def test_lebanon_is_a_country(gaz):
    first = gaz.candidates("Lebanon")[0]
    assert (first.geonameid, first.kind, first.country_code) == (LEBANON, "country", "LB")
    # its point is one of Lebanon's own places, so it lies in Lebanon
    assert 33.0 < first.latitude < 34.7 and 35.1 < first.longitude < 36.7


@pytest.mark.parametrize("name", ["Hmeimim", "Khmeimim", "Tuwaym"])
def test_places_missing_from_cities500_are_not_invented(gaz, name):
    # Neither Hmeimim (the air base village) nor Tuwaym is in GeoNames cities500;
    # fuzzy fallback must not swap in some other, merely similar, place.
    assert gaz.candidates(name) == []


def test_fuzzy_fallback_needs_every_word_to_be_close(gaz):
    # "Shah Maqsud" (Afghanistan) shares the long word; "Sheikh" vs "Shah" is too far.
    assert gaz.candidates("Sheikh Maqsoud") == []


def test_fuzzy_fallback_finds_a_one_letter_misspelling(gaz):
    found = gaz.candidates("Kafranbal")  # GeoNames: Kafranbel, Idlib
    assert found and found[0].match == "fuzzy"
    assert (found[0].country_code, found[0].admin1) == ("SY", "Idlib")


def test_homonyms_in_several_countries_and_country_filter(gaz):
    tripolis = gaz.candidates("Tripoli")
    assert {TRIPOLI_LY, TRIPOLI_LB} <= set(ids(tripolis))
    assert ids(tripolis)[0] == TRIPOLI_LY  # Libya's capital is the larger
    assert ids(gaz.candidates("Tripoli", country_codes=["LB"])) == [TRIPOLI_LB]
    assert ids(gaz.candidates("Tripoli", country_codes=["lb", "LY"])) == [TRIPOLI_LY, TRIPOLI_LB]


@pytest.mark.parametrize("spellings, geonameid", [
    (["Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "Deir al-Zor"], DEIR_EZ_ZOR),
    (["Kharkiv", "Kharkov"], KHARKIV),
    (["Qamishli", "Al Qamishli", "Kamishly", "Al-Qamishli"], QAMISHLI),
])
def test_spelling_variants_resolve_to_one_place(gaz, spellings, geonameid):
    assert {gaz.candidates(s)[0].geonameid for s in spellings} == {geonameid}


def test_matched_alias_is_the_spelling_used(gaz):
    assert gaz.candidates("Kharkov")[0].matched_alias == "Kharkov"


def test_candidate_raw_round_trip_is_json_safe(gaz):
    candidate = gaz.candidates("Latakia")[0]
    raw = json.loads(json.dumps(candidate.to_raw()))
    assert Candidate.from_raw(raw) == candidate
    assert list(candidate.to_raw())[:3] == ["geonameid", "name", "latitude"]


# -- lexicon, countries, admin1 ----------------------------------------------

def test_lookup_prefers_country_then_admin1_then_population(gaz):
    assert gaz.lookup("Syria") == KnownName("country", gaz.country("SY").population, "SY")
    assert gaz.lookup("Lebanon").kind == "country"  # not Lebanon, Tennessee
    latakia = gaz.lookup("Latakia")  # the governorate outranks the city
    assert (latakia.kind, latakia.country_code) == ("admin1", "SY")
    assert gaz.lookup("Jableh") == KnownName("populated", gaz.candidates("Jableh")[0].population, "SY")
    assert gaz.lookup("Xqzvtplk") is None
    assert gaz.lookup("Al") is None


def test_lookup_gaza_is_the_city_not_a_foreign_province(gaz):
    # GeoNames has Gaza Province (Mozambique, admin1) and Gaza City (PS, ~410k people).
    gaza = gaz.lookup("Gaza")
    assert (gaza.kind, gaza.country_code) == ("populated", "PS")


@pytest.mark.parametrize("word", ["Eastern", "Capital", "Western"])
def test_generic_admin1_names_are_not_known_regions(gaz, word):
    # Ghana's "Eastern", Venezuela's "Capital"... are regions only with their country.
    known = gaz.lookup(word)
    assert known is None or known.kind != "admin1"


def test_a_state_named_like_a_landform_is_a_known_region(gaz):
    # GeoNames: NG.49 "Plateau", a state of a million people; "Miango (Bassa LGA, Plateau)"
    assert ("NG", "49", "Plateau") in [row[:3] for row in gaz.admin1_matches("Plateau")]


def test_admin1_found_without_its_wrapper_word(gaz):
    # GeoNames: IQ.02 "Basra Governorate"; copy says "Basra"
    assert gaz.lookup("Basra").kind == "admin1"


@pytest.mark.parametrize("name, code", [
    ("Syria", "SY"), ("Lebanon", "LB"), ("Burma", "MM"), ("Ivory Coast", "CI"),
    ("Gaza Strip", "PS"), ("Palestine", "PS"), ("Czech Republic", "CZ"), ("Damascus", None),
])
def test_country_code_for(gaz, name, code):
    assert gaz.country_code_for(name) == code


def test_country_info_point_and_bbox(gaz):
    syria = gaz.country("sy")
    assert syria.name == "Syria" and syria.capital == "Damascus"
    # Syria spans about 32.3-37.3 N, 35.7-42.4 E
    assert 32.0 < syria.south < 33.0 and 36.8 < syria.north < 37.4
    assert 35.5 < syria.west < 36.2 and 41.0 < syria.east < 42.5
    assert syria.south < syria.latitude < syria.north and syria.west < syria.longitude < syria.east
    assert gaz.nearest_place("SY", syria.latitude, syria.longitude).country_code == "SY"
    assert gaz.country("ZZ") is None


@pytest.mark.parametrize("cc, code, name", [
    ("SY", "02", "Latakia"), ("SY", "14", "Tartus"), ("SY", "12", "Idlib"), ("UA", "07", "Kharkiv"),
])
def test_admin1_names(gaz, cc, code, name):
    assert gaz.admin1_name(cc, code) == name


# -- the index file --------------------------------------------------------------

def test_cache_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MAPPER_CACHE_DIR", str(tmp_path / "a"))
    assert default_cache_dir() == tmp_path / "a"
    monkeypatch.delenv("MAPPER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "mapper"
    name = index_path(tmp_path).name
    assert "3.0.2" in name and f"schema{gazetteer_module.SCHEMA_VERSION}" in name


def test_failed_build_leaves_no_index(monkeypatch, tmp_path):
    def crash_midway(connection):
        connection.execute("CREATE TABLE places (id INTEGER)")
        connection.execute("INSERT INTO places VALUES (1)")
        raise RuntimeError("disk full")

    monkeypatch.setattr(gazetteer_module, "_fill", crash_midway)
    with pytest.raises(RuntimeError, match="disk full"):
        Gazetteer.open(tmp_path)
    assert not index_path(tmp_path).exists()
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == []


def test_abandoned_build_files_are_removed(monkeypatch, tmp_path):
    path = index_path(tmp_path)
    abandoned = tmp_path / f".{path.name}.dead.tmp"
    recent = tmp_path / f".{path.name}.live.tmp"
    abandoned.write_bytes(b"half an index")
    recent.write_bytes(b"another process, still building")
    os.utime(abandoned, (0, 0))
    monkeypatch.setattr(gazetteer_module, "_fill",
                        lambda connection: connection.executescript(gazetteer_module._SCHEMA))
    build_index(path)
    assert path.exists() and recent.exists() and not abandoned.exists()


def test_concurrent_opens_build_once(monkeypatch, tmp_path):
    import threading
    import time

    builds = []

    def slow_tiny_fill(connection):
        builds.append(threading.get_ident())
        connection.executescript(gazetteer_module._SCHEMA)
        time.sleep(0.3)  # long enough for the other opener to arrive mid-build

    monkeypatch.setattr(gazetteer_module, "_fill", slow_tiny_fill)
    opened, errors = [], []

    def open_index():
        try:
            opened.append(Gazetteer.open(tmp_path))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=open_index) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(opened) == 2
    assert len(builds) == 1
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".sqlite"] == [index_path(tmp_path).name]


def test_second_open_reuses_the_index(monkeypatch, cache_dir):
    path = index_path(cache_dir)
    before = os.stat(path)

    def must_not_build(_path):
        raise AssertionError("index rebuilt although present")

    monkeypatch.setattr(gazetteer_module, "build_index", must_not_build)
    reopened = Gazetteer.open(cache_dir)
    assert reopened.candidates("Latakia")[0].geonameid == LATAKIA
    reopened.close()
    after = os.stat(path)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


# -- geopy geocoder ------------------------------------------------------------

def test_geocoder_returns_locations(gaz):
    geocoder = GazetteerGeocoder(gaz)
    latakia = geocoder.geocode("Latakia")
    assert isinstance(latakia, Location)
    assert latakia.raw["geonameid"] == LATAKIA
    assert latakia.address == "Latakia, Latakia, Syria"
    assert (latakia.latitude, latakia.longitude) == (latakia.raw["latitude"], latakia.raw["longitude"])
    many = geocoder.geocode("Tripoli", exactly_one=False)
    populations = [loc.raw["population"] for loc in many]
    assert populations == sorted(populations, reverse=True) and len(many) >= 2
    assert geocoder.geocode("Tripoli", country_codes="LB").raw["geonameid"] == TRIPOLI_LB
    assert geocoder.geocode("Hmeimim") is None


def test_geocoder_never_opens_a_socket(gaz, monkeypatch):
    def no_network(*_args, **_kwargs):
        raise AssertionError("socket opened")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert GazetteerGeocoder(gaz).geocode("Damascus").raw["geonameid"] == DAMASCUS


class FakeClockRateLimiter(RateLimiter):
    """geopy's RateLimiter with time that only moves when it sleeps."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.now, self.sleeps = 100.0, []

    def _clock(self):
        return self.now

    def _sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def test_geocoder_behind_rate_limiter(gaz):
    geocoder = GazetteerGeocoder(gaz)
    limited = FakeClockRateLimiter(geocoder.geocode, min_delay_seconds=2.0)
    first = limited("Latakia")
    second = limited("Latakia")
    assert first == second == geocoder.geocode("Latakia")
    assert first.raw == second.raw
    assert limited.sleeps == [2.0]  # the second call waited for its slot
    assert limited("Tripoli", country_codes=["LB"]).raw["geonameid"] == TRIPOLI_LB


# -- regions ----------------------------------------------------------------------

@pytest.mark.parametrize("phrase, expected", [
    ("central Syria", ("SY", "central")),
    ("northern Iraq", ("IQ", "north")),
    ("eastern Ukraine", ("UA", "east")),
    ("southern Lebanon", ("LB", "south")),
    ("north-west Syria", ("SY", "northwest")),
    ("northwestern Syria", ("SY", "northwest")),
    ("Syria's north", ("SY", "north")),
    ("Syria’s north-west", ("SY", "northwest")),
    ("the north of Syria", ("SY", "north")),
    ("the coastal region", None),
    ("Tripoli", None),
])
def test_parse_region(gaz, phrase, expected):
    assert parse_region(phrase, gaz) == expected


def test_region_point_lies_in_the_right_part_of_the_country(gaz):
    north = region_point(gaz, "SY", "north")
    south = region_point(gaz, "SY", "south")
    west = region_point(gaz, "SY", "west")
    east = region_point(gaz, "SY", "east")
    assert north.latitude > south.latitude and east.longitude > west.longitude
    assert north.label == "northern Syria"
    assert east.longitude > 39.5  # "eastern Syria": the Euphrates and Hasakah, not east Aleppo
    for region in (north, south, west, east, region_point(gaz, "LB", "south")):
        nearest = gaz.nearest_place("SY" if "Syria" in region.label else "LB",
                                    region.latitude, region.longitude)
        # on a populated place of the country
        assert haversine_km(region.latitude, region.longitude, nearest.latitude, nearest.longitude) < 1e-6
        assert 10 <= region.radius_km < 600


def test_central_syria_is_the_homs_hama_area_not_the_middle_of_its_box(gaz):
    central = region_point(gaz, "SY", "central")
    homs, hama = (34.72682, 36.72339), (35.13179, 36.75783)
    assert min(haversine_km(central.latitude, central.longitude, *town) for town in (homs, hama)) < 60
    assert central.radius_km >= haversine_km(central.latitude, central.longitude, *homs)


class _Country:
    """A made-up country 600 km wide whose people all live in its western strip (a coast, then desert)."""

    def country(self, code):
        from mapper.geocode.gazetteer import CountryInfo

        return CountryInfo(code, "Testland", 1, 1000, 30.0, 0.0, 27.0, 0.0, 33.0, 6.0, "")

    def country_places(self, _code):
        strip = [(27.0 + i * 0.25, 0.2 + (i % 3) * 0.3, 5000 + 100 * i, i) for i in range(24)]
        return [*strip, (30.0, 5.8, 600, 99)]  # one oasis in the east


def test_a_central_region_is_where_the_places_are_not_the_middle_of_the_box():
    central = region_point(_Country(), "TL", "central")
    assert 28.5 <= central.latitude <= 31.5 and central.longitude <= 1.0  # in the strip, not at (30, 3)
    east = region_point(_Country(), "TL", "east")
    assert (east.latitude, east.longitude) == (30.0, 5.8)  # the east third holds only the oasis
    assert central.label == "central Testland"


def test_hull_region_covers_its_points():
    coast = [(35.53, 35.79), (35.36, 35.93), (35.18, 35.95)]  # Latakia, Jableh, Baniyas
    region = hull_region(coast)
    assert (region.latitude, region.longitude) == (35.36, 35.93)  # the median point: Jableh
    assert all(haversine_km(region.latitude, region.longitude, *p) <= region.radius_km + 1e-9
               for p in coast)
    assert hull_region([(35.0, 36.0), (35.01, 36.0)]).radius_km == 10.0  # two towns side by side: at least 10 km
    assert hull_region([(35.0, 36.0)]).radius_km == 50.0  # one town is no area: a region-level guess round it
    with pytest.raises(ValueError):
        hull_region([])


def test_hull_region_is_not_stretched_by_one_far_place():
    coast = [(35.53, 35.79), (35.36, 35.93), (35.18, 35.95), (35.40, 35.95)]
    damascus = (33.51, 36.29)  # ~210 km inland: the seat of government, not the coast
    region = hull_region(coast + [damascus])
    assert region.radius_km < 40
    assert haversine_km(region.latitude, region.longitude, *damascus) > 3 * region.radius_km


def test_a_new_index_replaces_indexes_of_other_versions(tmp_path):
    from mapper.geocode.gazetteer import _remove_superseded

    old = tmp_path / "gazetteer-gnc3.0.1-schema1-deadbeef.sqlite"
    old.write_bytes(b"old index")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("keep me")
    current = index_path(tmp_path)
    current.write_bytes(b"new index")
    _remove_superseded(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([current.name, "notes.txt"])


def test_named_first_level_regions_are_placed_at_their_main_city(gaz):
    from mapper.geocode.regions import admin1_region

    region, country, code = admin1_region(gaz, "the Donetsk region".replace("the ", ""), "UA")
    # Donetsk oblast's most populous place is the city of Donetsk (48.02 N, 37.80 E).
    assert (country, region.label) == ("UA", "Donetsk")
    assert haversine_km(region.latitude, region.longitude, 48.023, 37.802) < 5
    assert 50 < region.radius_km < 250  # an oblast, not a town
    idlib, cc, _ = admin1_region(gaz, "Idlib province", "SY")
    assert cc == "SY" and haversine_km(idlib.latitude, idlib.longitude, 35.93, 36.63) < 5
    assert admin1_region(gaz, "Atlantis province") is None


def test_region_geocoder_reads_regions_as_an_analyst_would(gaz):
    from mapper.geocode.chain import RegionGeocoder

    regions = RegionGeocoder(lambda: gaz)
    # GeoNames spells the region "Sagain"; the town of Sagaing leads to it, direction words aside.
    sagaing = regions.geocode("northwestern Sagaing", context={"country_code": "MM", "points": []})
    assert sagaing.raw["country_code"] == "MM" and sagaing.raw["source_id"].startswith("admin1:MM:")
    assert 100 < sagaing.raw["radius_km"] < 600
    # nothing but the article's country to go on: the whole country, with a country-sized radius
    country = regions.geocode("", context={"country_code": "MM", "points": []})
    assert country.raw["source_id"] == "region:MM:country" and country.raw["radius_km"] > 500
    assert regions.geocode("", context={"country_code": "", "points": []}) is None
    # the kind of region is said in a field of its own, never left to the source id's prefix
    assert (sagaing.raw["approximation"], country.raw["approximation"]) == ("admin1", "country")
    cell = regions.geocode("central Syria", context={"country_code": "SY", "points": []})
    hull = regions.geocode("the coastal region", context={"country_code": "SY", "points": [(35.5, 35.8), (35.2, 35.9)]})
    assert (cell.raw["approximation"], hull.raw["approximation"]) == ("cell", "hull")


def test_a_direction_in_a_city_is_that_citys_area_not_a_region_nor_nothing(gaz):
    from mapper.geocode.chain import RegionGeocoder

    regions = RegionGeocoder(lambda: gaz)
    # "central Beirut" in a note with no country focus yet: Beirut's own area, ±10 km
    beirut = regions.geocode("central Beirut", context={"country_code": "", "points": []})
    assert beirut.raw["country_code"] == "LB" and beirut.raw["approximation"] == "within"
    assert haversine_km(beirut.latitude, beirut.longitude, 33.89, 35.50) < 5 and beirut.raw["radius_km"] == 10.0
    goma = regions.geocode("northern Goma", context={"country_code": "CD", "points": []})
    assert goma.raw["country_code"] == "CD" and haversine_km(goma.latitude, goma.longitude, -1.68, 29.23) < 5
    # a country's sector is still a sector, and a phrase on no city of 100,000 is no city's part
    assert regions.geocode("central Syria", context={"country_code": "SY", "points": []}).raw["approximation"] == "cell"
    assert regions.geocode("northern Atlantis", context={"country_code": "", "points": []}) is None


def test_the_index_is_versioned_by_the_code_that_builds_it_too():
    # a change to which keys a region gets (gazetteer_index.py) must rebuild the index, like a data change
    from mapper.geocode import gazetteer_index, gazetteer_units, names

    sources = {path.name for path in gazetteer_index.fingerprint_sources()}
    assert {Path(gazetteer_index.__file__).name, Path(names.__file__).name, Path(gazetteer_units.__file__).name} <= sources
    assert {"admin1.tsv", "countries.tsv", "admin1_aliases.tsv"} <= sources
