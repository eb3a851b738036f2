"""Column names of every table the pipeline writes, in file order.

One place for them, so the extractor, the join, the CSV writers, the GeoJSON
and the map all agree. ACLED names are used where ACLED has the concept.
"""

# data/incidents.csv (extract stage)
INCIDENT_COLUMNS = [
    "incident_id",
    "article",
    "event_date",
    "time_precision",
    "date_text",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "fatalities",
    "fatalities_breakdown",
    "scope",
    "quote",
    "quote_start",
    "quote_end",
    "notes",
    "origin",  # displacement: where people fled from, as written ("El Fasher")
    "destination",  # displacement: where they fled to, as written ("Tawila", "the surrounding mountains")
    "evidence",  # what the row rests on, as codes ("date:publication;sources:2"): mapper/extract/evidence.py
]

# data/places.csv (geocode stage): one row per (article, place name as written)
PLACE_COLUMNS = [
    "article",  # the article id, as in incidents.csv: a name is resolved in its article's context
    "place",
    "latitude",
    "longitude",
    "geo_precision",
    "country_code",
    "admin1",
    "matched_name",
    "provider",
    "source_id",
    "resolution",
    "uncertainty_km",
    "approximation",
]

# places.approximation: how a place that is not itself in a gazetteer was placed.
# "none": the place itself (gazetteer, Nominatim, override); "near": at the town the
# article puts it near ("the Zamzam camp near El Fasher"); "within": in the region the
# article names elsewhere; "admin1": a first-level region ("Idlib province"); "cell": the
# populated part of a sector of the country ("central Syria"); "hull": the area of the article's
# other places ("the coastal region"); "country": somewhere in the article's country; "offset": a
# known place's point moved by the distance and bearing the article gives ("10 km east of Doro").
# Empty when the place could not be placed at all.
APPROXIMATIONS = ("none", "near", "within", "admin1", "cell", "hull", "country", "offset")

# data/unresolved.csv: names no provider could place, for an analyst to override
UNRESOLVED_COLUMNS = [
    "place",
    "article",
    "sentence",
    "sentence_start",
    "sentence_end",
    "approximated_as",
]

# data/places_overrides.csv: analyst-maintained, highest priority
OVERRIDE_COLUMNS = [
    "place",
    "aliases",
    "latitude",
    "longitude",
    "geo_precision",
    "country_code",
    "citation",
]

# Added by the join (incidents x places).
PLACE_JOIN_COLUMNS = [
    "latitude",
    "longitude",
    "geo_precision",
    "provider",
    "country_code",
    "admin1",
    "uncertainty_km",
    "approximation",
    "article_title",
    "article_source",
    "article_url",
    "origin_latitude",
    "origin_longitude",
]

# What the joined table has besides INCIDENT_COLUMNS once the tables stage has run: the
# join's columns, then the country's name and code and the confidence (the GeoJSON's properties).
JOINED_EXTRA_COLUMNS = [
    *PLACE_JOIN_COLUMNS,
    "country",  # the country's name ("Syria"), from country_code
    "iso",  # ACLED's country code: ISO 3166-1 numeric (760)
    "admin2",  # second-level region: empty (the offline gazetteer does not name it)
    "confidence",  # high / medium / low (mapper/tables/confidence.py)
    "confidence_reasons",  # why, in words: "date from the publication date; place approximate (±122 km)"
    "review_state",  # confirmed / edited / "" (unreviewed): data/reviews.csv (mapper/review.py)
    "edited_fields",  # the fields a reviewer edited, ";"-joined ("fatalities;location")
]

# data/incidents.csv (local incidents) and data/aggregates.csv (overall tolls): what
# extraction found with where it is and how sure we are, so one table is enough to map or count.
TABLE_COLUMNS = [
    *INCIDENT_COLUMNS,
    "latitude",
    "longitude",
    "geo_precision",
    "uncertainty_km",
    "approximation",
    "country",
    "iso",
    "country_code",
    "admin1",
    "admin2",
    "confidence",
    "confidence_reasons",
    "review_state",
    "edited_fields",
]

# data/reviews.csv: an analyst's reviews, one a row, appended by `mapper review` (mapper/review.py)
REVIEW_COLUMNS = ["incident_id", "action", "field", "value", "reviewer", "reason", "date"]

# data/incidents_acled.csv: ACLED's export columns, in ACLED's order (mapper/tables/acled.py)
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]

# Columns written as numbers in our CSVs (never given a spreadsheet-safe quote;
# "-33.9" is a latitude). Every other column is text.
NUMERIC_COLUMNS = frozenset({
    "time_precision", "fatalities", "quote_start", "quote_end",  # incidents.csv
    "latitude", "longitude", "geo_precision", "uncertainty_km",  # places.csv
    "sentence_start", "sentence_end",  # unresolved.csv
    "iso", "year", "inter1", "inter2", "interaction",  # incidents_acled.csv
})
