"""Disambiguation and honest approximation, with stub providers (no index needed)."""

from geopy.location import Location

from mapper.geocode.chain import RegionGeocoder
from mapper.geocode.resolve import PlaceUse, Providers, resolve_places


def candidate(name, lat, lon, cc, population, gid, kind="populated", admin1=""):
    raw = {"geonameid": gid, "name": name, "latitude": lat, "longitude": lon, "country_code": cc,
           "admin1_code": "", "admin1": admin1, "population": population, "kind": kind,
           "matched_alias": name, "match": "exact"}
    return Location(name, (lat, lon), raw)


# Real coordinates (GeoNames): two Tripolis, two Lebanons, and their neighbours.
GAZETTEER = {
    "Tripoli": [candidate("Tripoli", 32.88743, 13.18733, "LY", 1150989, 2210247),
                candidate("Tripoli", 34.43667, 35.84972, "LB", 229398, 266826)],
    "Byblos": [candidate("Byblos", 34.12111, 35.64806, "LB", 40000, 273203)],
    "Beirut": [candidate("Beirut", 33.89332, 35.50157, "LB", 1916100, 276781)],
    "Misrata": [candidate("Misratah", 32.37535, 15.09254, "LY", 386120, 2214846)],
    "Benghazi": [candidate("Benghazi", 32.11486, 20.06859, "LY", 650629, 88319)],
    "Lebanon": [candidate("Lebanon", 33.89, 35.50, "LB", 6848925, 272103, kind="country"),
                candidate("Lebanon", 40.34093, -76.41135, "US", 25477, 5197517)],
}


class StubGeocoder:
    def __init__(self, table):
        self.table = table
        self.asked = []

    def geocode(self, query, exactly_one=True, **_kwargs):  # noqa: ARG002 (geopy calls it with exactly_one=)
        self.asked.append(query)
        found = self.table.get(query, [])
        if not found:
            return None
        return found[0] if exactly_one else list(found)


class NoOverrides:
    def geocode(self, query, exactly_one=True, **_kwargs):  # noqa: ARG002 (an override table that has none: geopy's signature)
        return None


def providers(regions=None):
    return Providers(overrides=NoOverrides(), gazetteer=StubGeocoder(GAZETTEER), regions=regions or RegionGeocoder(lambda: None))


def uses(article, *names, role="location"):
    return [PlaceUse(article=article, name=name, role=role, sentence=f"Fighting in {name}.") for name in names]


def by_place(resolution):
    return {record.place: record for record in resolution.places}


def test_same_name_is_decided_by_the_articles_other_places():
    lebanese = by_place(resolve_places(uses("a", "Tripoli", "Byblos", "Beirut"), providers()))
    libyan = by_place(resolve_places(uses("b", "Tripoli", "Misrata", "Benghazi"), providers()))
    assert lebanese["Tripoli"].country_code == "LB" and lebanese["Tripoli"].source_id == "geonames:266826"
    assert libyan["Tripoli"].country_code == "LY" and libyan["Tripoli"].source_id == "geonames:2210247"
    assert "focus country LB" in lebanese["Tripoli"].resolution
    assert "2 candidates" in lebanese["Tripoli"].resolution


def test_a_countrys_name_means_the_country_at_region_precision():
    record = by_place(resolve_places(uses("a", "Lebanon", "Beirut"), providers()))["Lebanon"]
    assert record.country_code == "LB" and record.geo_precision == 3
    assert record.admin1 == ""


def test_towns_are_precision_one_with_a_one_line_reason():
    record = by_place(resolve_places(uses("a", "Byblos", "Beirut"), providers()))["Byblos"]
    assert record.geo_precision == 1
    assert "\n" not in record.resolution and record.resolution.startswith("gazetteer:")


class FixedRegions:
    """Region provider stub: 'central Syria' is known; the hull is the context's centroid."""

    def __init__(self):
        self.asked = []

    def geocode(self, query, exactly_one=True, context=None, **_kwargs):  # noqa: ARG002 (geopy calls it with exactly_one=)
        self.asked.append((query, context))
        if query == "central Syria":
            raw = {"label": "central Syria", "latitude": 34.8, "longitude": 38.0, "radius_km": 120.0,
                   "country_code": "SY", "source_id": "region:SY:central", "approximation": "cell"}
            return Location("central Syria", (34.8, 38.0), raw)
        if context and context["points"]:
            lat = sum(p[0] for p in context["points"]) / len(context["points"])
            lon = sum(p[1] for p in context["points"]) / len(context["points"])
            raw = {"label": "area", "latitude": lat, "longitude": lon, "radius_km": 40.0,
                   "country_code": context["country_code"], "source_id": "region:hull", "approximation": "hull"}
            return Location("area", (lat, lon), raw)
        return None


def test_unknown_village_goes_to_the_region_the_article_gives_and_is_listed():
    regions = FixedRegions()
    mention = PlaceUse("a", "Tuwaym", feature="village", region="central Syria",
                       sentence="Residents of Tuwaym, a village in central Syria, buried 31 people.", sentence_start=10, sentence_end=76)
    resolution = resolve_places([mention, *uses("a", "Beirut")], providers(regions))
    record = by_place(resolution)["Tuwaym"]
    assert (record.latitude, record.longitude, record.geo_precision) == (34.8, 38.0, 3)
    assert record.provider == "region" and "central Syria" in record.resolution and "±120 km" in record.resolution
    [listed] = resolution.unresolved
    assert listed.place == "Tuwaym" and listed.sentence.startswith("Residents of Tuwaym")
    assert (listed.sentence_start, listed.sentence_end) == (10, 76)


def test_unknown_name_without_region_is_placed_at_the_area_of_the_articles_places_not_pinned():
    resolution = resolve_places(uses("a", "Nowhere Hamlet", "Byblos", "Beirut"), providers(FixedRegions()))
    record = by_place(resolution)["Nowhere Hamlet"]
    assert record.geo_precision == 3 and record.provider == "region"
    assert 33.8 < record.latitude < 34.2  # between Beirut and Byblos, not on either
    assert [u.place for u in resolution.unresolved] == ["Nowhere Hamlet"]


def test_unknown_name_is_put_in_the_area_of_the_place_its_sentence_names_with_it():
    # "in the Nowhere Hamlet village of Kalto district, Byblos": a village no gazetteer has, and
    # the town its sentence situates it by; the article's other places are far off
    sentence = "Gunmen killed two men in the Nowhere Hamlet village of Kalto district, Byblos."
    near_byblos = [PlaceUse("a", "Nowhere Hamlet", sentence=sentence), PlaceUse("a", "Byblos", sentence=sentence),
                   *uses("a", "Tripoli", "Beirut")]
    record = by_place(resolve_places(near_byblos, providers(FixedRegions())))["Nowhere Hamlet"]
    assert (record.latitude, record.longitude, record.geo_precision) == (34.12111, 35.64806, 3)
    assert record.approximation == "within" and "names it with Byblos" in record.resolution


def test_a_region_no_gazetteer_has_written_inside_a_town_is_in_the_towns_area():
    # "the Kalto region (Byblos, Lebanon)": not somewhere in the whole country
    kalto = PlaceUse("a", "Kalto", feature="region", within="Byblos", sentence="Clashes in the Kalto region (Byblos).")
    record = by_place(resolve_places([kalto, *uses("a", "Byblos", "Beirut")], providers(FixedRegions())))["Kalto"]
    assert (record.latitude, record.longitude, record.approximation) == (34.12111, 35.64806, "within")


def test_nothing_to_go_on_leaves_the_place_without_coordinates():
    resolution = resolve_places(uses("a", "Nowhere Hamlet"), providers(FixedRegions()))
    record = by_place(resolution)["Nowhere Hamlet"]
    assert record.latitude is None and record.geo_precision is None
    assert record.as_row()[2:5] == ["", "", None]  # (article, place, latitude, longitude, geo_precision, ...)
    assert [u.place for u in resolution.unresolved] == ["Nowhere Hamlet"]


def test_override_wins_over_the_gazetteer():
    class OneOverride:
        def geocode(self, query, exactly_one=True, **_kwargs):  # noqa: ARG002 (geopy calls it with exactly_one=)
            if query != "Tripoli":
                return None
            raw = {"place": "Tripoli", "latitude": 34.4, "longitude": 35.8, "geo_precision": 2,
                   "country_code": "LB", "citation": "field team", "line": 2}
            return Location("Tripoli", (34.4, 35.8), raw)

    p = providers()
    p.overrides = OneOverride()
    record = by_place(resolve_places(uses("b", "Tripoli", "Misrata"), p))["Tripoli"]
    assert record.provider == "override" and record.geo_precision == 2
    assert "field team" in record.resolution
    assert "Tripoli" not in p.gazetteer.asked


def test_region_phrases_are_placed_as_regions_and_not_listed_for_an_analyst():
    region_use = PlaceUse("a", "central Syria", feature="region", sentence="Fighting in central Syria.")
    resolution = resolve_places([region_use, *uses("a", "Beirut")], providers(FixedRegions()))
    record = by_place(resolution)["central Syria"]
    assert (record.latitude, record.longitude, record.geo_precision) == (34.8, 38.0, 3)
    assert record.resolution.startswith("region: ") and "±120 km" in record.resolution
    assert resolution.unresolved == []


def test_closeness_is_measured_only_to_places_of_the_same_article():
    both = uses("a", "Byblos", "Beirut") + uses("b", "Misrata", "Benghazi")
    record = by_place(resolve_places(both, providers()))["Byblos"]
    # Beirut is ~30 km away; the Libyan towns of the other article must not count.
    assert "km from the article's other places" in record.resolution
    distance = int(record.resolution.split(" km from")[0].rsplit("; ", 1)[-1])
    assert distance < 60


SUDAN = {
    "El Fasher": [candidate("El Fasher", 13.62793, 25.34936, "SD", 252609, 379555)],
    "Nyala": [candidate("Nyala", 12.04888, 24.88069, "SD", 565734, 369004)],
    # GeoNames has no Sudanese Tawila in cities500, only a Yemeni namesake.
    "Tawila": [candidate("At Tawilah", 15.49389, 43.74778, "YE", 2500, 69372)],
    "Geneva": [candidate("Geneva", 46.20222, 6.14569, "CH", 183981, 2660646)],
}


def test_a_small_namesake_far_abroad_is_not_pinned():
    p = providers(FixedRegions())
    p.gazetteer = StubGeocoder(SUDAN)
    resolution = resolve_places(uses("s", "El Fasher", "Nyala", "Tawila"), p)
    record = by_place(resolution)["Tawila"]
    assert record.country_code != "YE" and record.geo_precision == 3
    assert "namesakes abroad" in record.resolution and "YE" in record.resolution
    assert [u.place for u in resolution.unresolved] == ["Tawila"]


def test_a_small_first_level_region_abroad_is_that_region_not_a_namesake_refused():
    # Invented: an island territory of 20,000 people, its only candidate a first-level region
    # of another country than the story's focus; it is the place meant, shown as the region it is
    p = providers(FixedRegions())
    p.gazetteer = StubGeocoder({**SUDAN, "Isla Verdana": [
        candidate("Isla Verdana", 12.2, -68.3, "BQ", 20000, 77, kind="admin1")]})
    record = by_place(resolve_places(uses("s", "El Fasher", "Nyala", "Isla Verdana"), p))["Isla Verdana"]
    assert (record.provider, record.country_code, record.geo_precision) == ("gazetteer", "BQ", 3)
    assert "first-level region Isla Verdana" in record.resolution


def test_a_big_city_abroad_is_still_accepted():
    p = providers(FixedRegions())
    p.gazetteer = StubGeocoder(SUDAN)
    record = by_place(resolve_places(uses("s", "El Fasher", "Nyala", "Geneva"), p))["Geneva"]
    assert (record.country_code, record.geo_precision, record.source_id) == ("CH", 1, "geonames:2660646")


def test_a_spelling_variant_of_a_big_city_abroad_is_a_namesake_not_accepted():
    # "the Tasang area ...": only a fuzzy match, a big city of another country ("Tsang")
    fuzzy = candidate("Tsang", 38.3, 116.9, "CN", 527_000, 88)
    fuzzy.raw["match"] = "fuzzy"
    p = providers(FixedRegions())
    p.gazetteer = StubGeocoder({**SUDAN, "Tasang": [fuzzy]})
    record = by_place(resolve_places(uses("s", "El Fasher", "Nyala", "Tasang"), p))["Tasang"]
    assert record.country_code != "CN" and "namesakes abroad" in record.resolution


def test_unknown_place_near_a_known_town_is_at_that_town_with_precision_two():
    p = providers(FixedRegions())
    p.gazetteer = StubGeocoder(SUDAN)
    camp = PlaceUse("s", "Zamzam", feature="camp", region="El Fasher",
                    sentence="Fighters attacked the Zamzam camp near El Fasher.")
    resolution = resolve_places([camp, *uses("s", "El Fasher", "Nyala")], p)
    record = by_place(resolution)["Zamzam"]
    assert (record.latitude, record.longitude, record.geo_precision) == (13.62793, 25.34936, 2)
    assert "near El Fasher" in record.resolution and record.source_id == "near:geonames:379555"
    assert [u.place for u in resolution.unresolved] == ["Zamzam"]


def test_datelines_and_fuzzy_matches_do_not_decide_the_articles_country():
    table = {
        "Bangkok": [candidate("Bangkok", 13.75, 100.50, "TH", 5_104_476, 1609350)],
        "Myanmar": [candidate("Myanmar", 19.16, 96.35, "MM", 53_708_395, 1327865, kind="country")],
        "Tabayin": [Location("Tabazin", (35.5267, 51.3463), {
            "geonameid": 404444, "name": "Tabazin", "latitude": 35.5267, "longitude": 51.3463, "country_code": "IR",
            "admin1": "Tehran", "population": 1182, "kind": "populated", "match": "fuzzy"})],
    }
    p = providers(FixedRegions())
    p.gazetteer = StubGeocoder(table)
    found = [PlaceUse("m", "Bangkok", role="dateline"), PlaceUse("m", "Myanmar", role="actor"), PlaceUse("m", "Tabayin")]
    records = by_place(resolve_places(found, p))
    assert records["Tabayin"].country_code != "IR"  # focus is Myanmar, so the Iranian namesake is refused
    assert "namesakes abroad" in records["Tabayin"].resolution


def test_unknown_name_without_region_falls_back_on_the_region_the_article_names():
    regions = FixedRegions()
    p = providers(regions)
    found = [PlaceUse("a", "central Syria", feature="region"), PlaceUse("a", "Hamlet X", feature="village")]
    record = by_place(resolve_places(found, p))["Hamlet X"]
    assert (record.latitude, record.longitude, record.geo_precision) == (34.8, 38.0, 3)
    assert "the article's region 'central Syria'" in record.resolution


def test_the_tighter_of_the_named_region_and_the_articles_area_wins():
    found = [PlaceUse("a", "central Syria", feature="region"), PlaceUse("a", "Hamlet X", feature="village"),
             *uses("a", "Byblos", "Beirut")]
    record = by_place(resolve_places(found, providers(FixedRegions())))["Hamlet X"]
    # FixedRegions: central Syria is ±120 km, the area of Byblos and Beirut ±40 km
    assert record.source_id == "region:hull" and record.uncertainty_km == 40.0


# -- the stage contract: uncertainty_km and approximation as columns of places.csv ----------

def row_of(record):
    from mapper.schema import PLACE_COLUMNS

    return dict(zip(PLACE_COLUMNS, record.as_row(), strict=True))


def test_each_place_says_how_it_was_placed_and_how_far_off_it_may_be_in_columns():
    p = providers(FixedRegions())
    p.gazetteer = StubGeocoder({**GAZETTEER, **SUDAN})
    found = [*uses("a", "Beirut"),
             PlaceUse("a", "Tuwaym", feature="village", region="central Syria"),
             PlaceUse("s", "Zamzam", feature="camp", region="El Fasher"), *uses("s", "El Fasher"),
             *uses("n", "Nowhere Hamlet")]
    rows = {record.place: row_of(record) for record in resolve_places(found, p).places}
    # a town the gazetteer knows: itself, with the gazetteer's default 2 km
    assert (rows["Beirut"]["approximation"], rows["Beirut"]["uncertainty_km"]) == ("none", "2")
    # "a village in central Syria": the grid cell the region provider answered, at its radius
    assert (rows["Tuwaym"]["approximation"], rows["Tuwaym"]["uncertainty_km"]) == ("cell", "120")
    # "the Zamzam camp near El Fasher": at El Fasher, at least 15 km off
    assert (rows["Zamzam"]["approximation"], rows["Zamzam"]["uncertainty_km"]) == ("near", "15")
    # nothing to place it by: no point, so no radius and no kind of approximation
    assert (rows["Nowhere Hamlet"]["approximation"], rows["Nowhere Hamlet"]["uncertainty_km"]) == ("", "")


def test_an_override_radius_comes_from_its_precision_not_its_citation():
    class CitedOverride:
        def geocode(self, query, exactly_one=True, **_kwargs):  # noqa: ARG002 (geopy calls it with exactly_one=)
            raw = {"place": query, "latitude": 34.4, "longitude": 35.8, "geo_precision": 2, "country_code": "LB",
                   "citation": "survey error ±20000 km", "line": 2}
            return Location(query, (34.4, 35.8), raw) if query == "Tripoli" else None

    p = providers()
    p.overrides = CitedOverride()
    row = row_of(by_place(resolve_places(uses("a", "Tripoli"), p))["Tripoli"])
    assert (row["approximation"], row["uncertainty_km"]) == ("none", "10")


def test_decisions_read_the_approximation_field_not_the_source_ids_prefix():
    class OtherRegions(FixedRegions):
        """A region provider with its own ids: only ``approximation`` says "a cell of a country"."""

        def geocode(self, query, exactly_one=True, context=None, **kwargs):
            found = super().geocode(query, exactly_one, context, **kwargs)
            if found is None:
                return None
            return Location(found.address, (found.latitude, found.longitude), {**found.raw, "source_id": "grid-7"})

    found = [PlaceUse("a", "central Syria", feature="region"), PlaceUse("a", "Hamlet X", feature="village")]
    record = by_place(resolve_places(found, providers(OtherRegions())))["Hamlet X"]
    # "Hamlet X" is put in the region the article names, as with the project's own ids
    assert (record.latitude, record.longitude, record.approximation) == (34.8, 38.0, "within")
    assert record.source_id == "within:grid-7" and record.uncertainty_km == 120.0
