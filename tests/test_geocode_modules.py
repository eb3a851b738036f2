"""The geocode package's module split: Nominatim's dialect in its provider module, old import paths kept."""

from geopy.location import Location

from mapper.geocode import nominatim

# One Nominatim search result as the server sends it (addressdetails=1), trimmed.
IDLIB = {
    "place_id": 1, "osm_type": "relation", "osm_id": 2420934, "lat": "35.93", "lon": "36.63",
    "display_name": "Idlib, Idlib Governorate, Syria", "addresstype": "city", "type": "city",
    "address": {"city": "Idlib", "state": "Idlib Governorate", "country": "Syria", "country_code": "sy"},
}


def test_a_nominatim_result_gets_the_fields_the_resolver_compares():
    raw = nominatim.normalise(Location("Idlib", (35.93, 36.63), IDLIB)).raw
    assert (raw["provider"], raw["country_code"], raw["admin1"], raw["name"], raw["kind"]) == (
        "nominatim", "SY", "Idlib Governorate", "Idlib, Idlib Governorate, Syria", "populated")
    assert "provider" not in IDLIB  # the answer itself is left as it came


def test_a_nominatim_country_is_a_country_and_fields_already_set_are_kept():
    country = {**IDLIB, "addresstype": "country", "name": "Syria", "provider": "nominatim"}
    raw = nominatim.normalise(Location("Syria", (35.0, 38.0), country)).raw
    assert (raw["kind"], raw["name"]) == ("country", "Syria")


def test_a_chosen_nominatim_result_says_its_precision_osm_id_and_matched_name():
    assert nominatim.record_fields(IDLIB) == (1, "osm:relation/2420934", "Idlib, Idlib Governorate, Syria")
    assert nominatim.record_fields({"addresstype": "state"})[:2] == (3, "osm:/")
    assert nominatim.record_fields({"type": "unheard-of"})[0] == 2


def test_the_old_import_paths_name_the_same_objects():
    from mapper.geocode import cache, cache_checks, cache_file, fuzzy, gazetteer, gazetteer_index, online, records, resolve

    assert resolve.PlaceRecord is records.PlaceRecord and resolve.DEFAULT_UNCERTAINTY_KM is records.DEFAULT_UNCERTAINTY_KM
    assert online.nominatim_precision is nominatim.nominatim_precision and online.CheckedNominatim is nominatim.CheckedNominatim
    assert cache.result_problem is cache_checks.result_problem and cache.read_cache is cache_file.read_cache
    assert gazetteer.index_path is gazetteer_index.index_path and gazetteer.similarity is fuzzy.similarity
    assert gazetteer._fill is gazetteer_index.fill_index


def test_the_geocode_errors_share_one_base_and_stay_geopy_errors():
    from geopy.exc import GeocoderParseError, GeocoderServiceError, GeopyError

    from mapper.errors import GeocodeError, MapperError
    from mapper.geocode.cache import NotAsked
    from mapper.geocode.nominatim import InvalidAnswer
    from mapper.geocode.online import RedirectRefused

    for error in (NotAsked, InvalidAnswer, RedirectRefused):
        assert issubclass(error, GeocodeError) and issubclass(error, MapperError)
    # geopy callers (RateLimiter, resolve's `except GeopyError`) still see the geopy kinds
    assert issubclass(InvalidAnswer, GeocoderParseError) and issubclass(RedirectRefused, GeocoderServiceError)
    assert not issubclass(NotAsked, GeopyError)  # a miss, not a provider failure to report
