"""First- and second-level units as readers mean them: a province at the middle of its territory,
a county read together with the towns of the same story."""

from __future__ import annotations

import pytest
from geopy.location import Location

from mapper.geocode import gazetteer_units as units
from mapper.geocode.choice import best_candidate, co_located, companions
from mapper.geocode.gazetteer import Gazetteer
from mapper.geocode.records import PlaceUse


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    gazetteer = Gazetteer.open(tmp_path_factory.mktemp("admin-units-cache"))
    yield gazetteer
    gazetteer.close()


def _locations(gaz, name: str) -> list[Location]:
    return [Location(c.name, (c.latitude, c.longitude), c.to_raw()) for c in gaz.candidates(name)]


def _pick(candidates: dict[str, list[Location]], name: str, together: bool) -> Location:
    uses = [PlaceUse(name=name, article="a1", role="location", feature="")]
    others = companions(name, candidates) if together else None
    return best_candidate(candidates[name], uses, {"a1": "US"}, None, others=others)[0]


# -- first-level regions at the middle of their territory --------------------


def test_a_province_whose_towns_crowd_its_south_is_at_the_middle_of_its_territory(gaz):
    [ontario] = [c for c in gaz.candidates("Ontario") if c.kind == "admin1"]
    # its towns lie along the Great Lakes (Thunder Bay, the northernmost city, at 48.4N); the
    # province reaches Hudson Bay at nearly 57N, and its middle lies near 50N
    assert 48.5 < ontario.latitude < 52.0
    assert ontario.radius_km >= 500


def test_a_region_point_given_by_its_territory_is_used_and_the_radius_still_reaches_its_places():
    places = [(0.0, 0.0, 1), (0.0, 1.0, 1), (0.0, 2.0, 1)]
    lat, lon, radius = units.region_point(places, territory=(3.0, 1.0))
    assert (lat, lon) == (3.0, 1.0)
    assert radius > 330  # 3 degrees north of the places
    # a territory point near the places' own (under TERRITORY_KM) leaves the places' point
    assert units.region_point(places, territory=(0.5, 1.0))[:2] == (0.0, 1.0)


def test_every_territory_point_names_a_known_region_and_lies_on_the_globe():
    known = {(row["country_code"], row["admin1_code"]) for row in units.read_tsv(units.DATA / "admin1.tsv")}
    points = units.admin1_points()
    assert len(points) > 1000
    assert set(points) <= known
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points.values())


# -- a county and a town of one story lie together ---------------------------


@pytest.mark.parametrize("county, town, state", [
    ("Brown County", "Nashville", "Indiana"),      # not the big Nashville, Tennessee
    ("Polk County", "Bartow", "Florida"),           # the county of that town, not the first of twelve
    ("Jackson County", "Independence", "Missouri"),
])
def test_a_county_and_a_town_of_one_story_are_read_together(gaz, county, town, state):
    candidates = {county: _locations(gaz, county), town: _locations(gaz, town)}
    assert _pick(candidates, county, True).raw["admin1"] == state
    assert _pick(candidates, town, True).raw["admin1"] == state


def test_without_the_town_a_county_of_many_namesakes_is_not_read_as_that_pair(gaz):
    # the rule, not the data, decides: alone, the first Polk County of twelve is not Florida's
    candidates = {"Polk County": _locations(gaz, "Polk County"), "Bartow": _locations(gaz, "Bartow")}
    assert _pick(candidates, "Polk County", False).raw["admin1"] != "Florida"


def _unit(lat: float, lon: float, alias: str, radius: float = 20.0) -> Location:
    return Location(alias, (lat, lon), {"kind": "admin2", "matched_alias": alias, "radius_km": radius})


def _town(lat: float, lon: float) -> Location:
    return Location("Town", (lat, lon), {"kind": "populated", "population": 1000})


def test_co_location_needs_the_unit_word_and_the_unit_reach():
    county, bare = _unit(40.0, -90.0, "Foster County"), _unit(40.0, -90.0, "Foster")
    near, far = _town(40.1, -90.1), _town(42.0, -90.0)
    assert co_located(county, [near]) and co_located(near, [county])
    assert not co_located(county, [far]) and not co_located(far, [county])
    # "Foster" alone is more likely a town than the county: it pulls no town to it
    assert not co_located(near, [bare]) and not co_located(bare, [near])
    # two towns near each other are no evidence of this kind
    assert not co_located(near, [_town(40.05, -90.05)])


# -- a county written with its unit word is a unit, even outside the focus ---


def _places(gaz, text: str) -> dict[str, object]:
    import mapper

    return {t.name: t for t in mapper.geoparse(text, gazetteer=gaz)}


def test_a_county_outside_the_focus_country_is_kept_as_a_guess_not_placed_in_the_focus_country(gaz):
    places = _places(gaz, "Ministers in Dublin and Cork met on Monday. A court in Tippecanoe County heard the case.")
    county = places["Tippecanoe County"]
    # the only unit so called is in Indiana: not "somewhere in Ireland", but not an exact pin either
    assert (county.country_code, county.admin1, county.geo_precision) == ("US", "Indiana", 3)
    assert "outside the article's focus country IE" in county.resolution


def test_a_county_in_the_focus_country_keeps_its_precision(gaz):
    county = _places(gaz, "The road through Tippecanoe County reopened.")["Tippecanoe County"]
    assert (county.country_code, county.geo_precision) == ("US", 2)


def test_a_former_country_name_means_the_country_not_a_province_named_after_it(gaz):
    candidates = {"Zaire": _locations(gaz, "Zaire")}
    uses = [PlaceUse(name="Zaire", article="a1", role="location", feature="")]
    chosen = best_candidate(candidates["Zaire"], uses, {}, None)[0]
    assert (chosen.raw["kind"], chosen.raw["country_code"]) == ("country", "CD")


# -- unit words before or after the name ------------------------------------------------


@pytest.mark.parametrize("written, bare", [
    ("Departement de la Somme", "Somme"), ("Departement de l'Essonne", "Essonne"), ("Provincia di Roma", "Roma"),
    ("Province du Houet", "Houet"), ("Partido de La Matanza", "La Matanza"), ("Departamento Rivadavia", "Rivadavia"),
    ("Province of Agusan del Sur", "Agusan del Sur"),
    ("Licking County", ""), ("Provincetown", ""), ("Provincia", ""),
])
def test_a_leading_unit_word_and_its_connector_are_not_the_name(written, bare):
    assert units.without_leading_unit(written) == bare


def test_a_unit_named_with_its_word_first_is_found_by_its_bare_name(gaz):
    # GeoNames writes Burkina Faso's provinces "Province du ...", France's departments "Departement de ..."
    [houet] = [c for c in gaz.candidates("Houet") if c.kind == "admin2"]
    assert (houet.country_code, houet.name) == ("BF", "Province du Houet")
    assert any(c.kind == "admin2" and c.country_code == "FR" for c in gaz.candidates("Essonne"))


def test_a_first_level_unit_is_found_with_its_countrys_unit_word(gaz):
    # Japan's first-level units are prefectures: "Akita Prefecture" is Akita
    assert [(c.kind, c.country_code, c.name) for c in gaz.candidates("Akita Prefecture")] == [("admin1", "JP", "Akita")]


def test_a_philippine_province_is_found_by_its_bare_name(gaz):
    # GeoNames writes them "Province of ...": "Barangay Guibonon, Esperanza, Agusan del Sur"
    assert any(c.kind == "admin2" and c.country_code == "PH" for c in gaz.candidates("Agusan del Sur"))


# -- first-level regions renamed or split since the names were taken ---------------


def test_a_province_split_off_is_found_by_its_current_name(gaz):
    # DR Congo's 2015 provinces: Bunia's province is Ituri, not the old "Eastern Province"
    [ituri] = [c for c in gaz.candidates("Ituri") if c.kind == "admin1"]
    [bunia] = [c for c in gaz.candidates("Bunia") if c.country_code == "CD"]
    assert (ituri.country_code, ituri.admin1_code) == ("CD", bunia.admin1_code)
    assert bunia.admin1 == "Ituri"


def test_an_old_name_no_region_keeps_finds_the_regions_it_was_split_into(gaz):
    katanga = {c.name for c in gaz.candidates("Katanga") if c.kind == "admin1" and c.country_code == "CD"}
    assert {"Haut-Katanga", "Lualaba", "Tanganyika", "Haut-Lomami"} <= katanga


def test_an_old_name_a_region_still_bears_is_that_regions_alone(gaz):
    # Mali's Ménaka was cut from the Gao region, which keeps its name: "Gao" is no name of Ménaka
    assert not [c for c in gaz.candidates("Gao") if c.kind == "admin1" and c.name == "Ménaka"]


def test_a_renamed_region_is_found_by_the_town_it_holds(tmp_path):
    renamed = tmp_path / "renamed.tsv"
    renamed.write_text("# note\ncountry_code\ttown\tname\tnote\nXX\tDorva\tNew Kestria\t\n", encoding="utf-8")
    cities = {1: {"countrycode": "XX", "name": "Dorva", "admin1code": "07", "population": 900},
              2: {"countrycode": "XX", "name": "Dorva", "admin1code": "03", "population": 50}}
    rows, old = units.current_admin1([("XX", "03", "Kestria"), ("XX", "07", "Kestria")], cities, renamed)
    assert rows == [("XX", "03", "Kestria"), ("XX", "07", "New Kestria")]
    assert old == {}  # "Kestria" is still the name of XX.03


def test_a_renamed_region_whose_town_the_gazetteer_lacks_is_named(tmp_path):
    renamed = tmp_path / "renamed.tsv"
    renamed.write_text("country_code\ttown\tname\tnote\nXX\tTolvin\tNortia\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="renamed.tsv: no town 'Tolvin' in XX"):
        units.current_admin1([("XX", "01", "Old")], {}, renamed)


def test_a_bare_unit_named_as_a_part_is_a_place_word_and_one_named_after_a_person_is_not(gaz):
    # "Barangay X, Esperanza, Agusan del Sur": the province ends the chain; "on the highway, Jose
    # Antonio Paez in Guanare": a Venezuelan municipality's bare name is also the highway's hero
    assert gaz.lookup("Agusan del Sur") is not None
    assert gaz.lookup("Jose Antonio Paez") is None
