"""The notebook API: ``mapper.geoparse`` (place mentions), ``mapper.extract`` (the incident table
of one text) and ``mapper.build`` (the pipeline on folders, its tables as DataFrames).

``mapper.geoparse``: one text in, its place mentions out, as ``mapper build`` would place them.

For notebooks and benchmarks: no folders, no files written. The text is read
as one article (its newlines normalised as the CLI does), its place mentions
found by the extractor, and resolved by the same providers the CLI uses
offline: the offline GeoNames gazetteer (with any ``mapper gazetteer import``)
and the approximate regions. Pass ``gazetteer=`` to reuse an opened index
across calls, or ``providers=`` to compose your own (analyst overrides,
a cached Nominatim: see ``mapper.geocode.chain``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any, Literal, overload

if TYPE_CHECKING:
    import pandas as pd

    from mapper.geocode.gazetteer import Gazetteer
    from mapper.geocode.records import PlaceRecord, Providers


@dataclass(frozen=True)
class Toponym:
    """One place mention of the text, and where it was placed (the ``places.csv`` row of its name).

    ``start``/``end`` index the text; ``sentence_start``/``sentence_end`` its sentence.
    ``role``: "location", "actor" ("Syrian forces") or "dateline". ``geo_precision`` 1 is
    the place itself, 2 near it, 3 a region; None (and no coordinates) when not placed.
    """

    name: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    role: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    country_code: str
    admin1: str
    uncertainty_km: float | None
    approximation: str
    resolution: str
    matched_name: str
    source_id: str


@overload
def geoparse(text: str, published: dt.date | str | None = None, *, gazetteer: "Gazetteer | None" = None,
             providers: "Providers | None" = None, as_frame: Literal[False] = False) -> list[Toponym]: ...


@overload
def geoparse(text: str, published: dt.date | str | None = None, *, gazetteer: "Gazetteer | None" = None,
             providers: "Providers | None" = None, as_frame: Literal[True]) -> "pd.DataFrame": ...


def geoparse(text: str, published: dt.date | str | None = None, *, gazetteer: "Gazetteer | None" = None,
             providers: "Providers | None" = None, as_frame: bool = False) -> "list[Toponym] | pd.DataFrame":
    """The place mentions of ``text`` in text order, each with its resolution.

    >>> import mapper
    >>> [(t.name, t.country_code, t.geo_precision) for t in mapper.geoparse(
    ...     "Shelling hit Latakia in Syria on Monday, residents said.")]
    [('Latakia', 'SY', 1), ('Syria', 'SY', 3)]

    ``published`` (a date or "YYYY-MM-DD") is the article's date, as a sidecar's ``published``.
    ``as_frame=True``: the same mentions as a DataFrame, one row each, a column per ``Toponym``
    field (an empty frame with those columns when the text names no place).
    """
    toponyms = _toponyms(text, published, gazetteer, providers)
    if not as_frame:
        return toponyms
    import pandas as pd

    return pd.DataFrame([asdict(t) for t in toponyms], columns=[f.name for f in fields(Toponym)])


def _toponyms(text: str, published: dt.date | str | None, gazetteer: "Gazetteer | None",
              providers: "Providers | None") -> list[Toponym]:
    from mapper.articles import Article
    from mapper.extract import extract_article
    from mapper.geocode.chain import offline_providers
    from mapper.geocode.gazetteer import Gazetteer
    from mapper.geocode.resolve import resolve_places
    from mapper.pipeline import _place_uses

    gaz = gazetteer or Gazetteer.open()
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    # As decode_article: offsets in places.csv and incidents.csv index the text with "\n" newlines.
    article = Article(id="text", text=text.replace("\r\n", "\n").replace("\r", "\n"), published=published)
    extraction = extract_article(article, gaz)
    resolution = resolve_places(_place_uses(extraction), providers or offline_providers(gaz))
    records = {record.place: record for record in resolution.places}
    return [_toponym(mention, extraction.sentences[mention.sentence], records[mention.name])
            for mention in extraction.places]


def _toponym(mention: Any, sentence: Any, record: "PlaceRecord") -> Toponym:
    from mapper.pipeline import mention_role

    return Toponym(
        name=mention.name, start=mention.start, end=mention.end,
        sentence_start=sentence.start, sentence_end=sentence.end,
        role=mention_role(mention),  # as the pipeline's place uses
        latitude=record.latitude, longitude=record.longitude, geo_precision=record.geo_precision,
        country_code=record.country_code, admin1=record.admin1, uncertainty_km=record.uncertainty_km,
        approximation=record.approximation, resolution=record.resolution,
        matched_name=record.matched_name, source_id=record.source_id,
    )


def extract(text: str, published: dt.date | str | None = None, *, gazetteer: "Gazetteer | None" = None,
            providers: "Providers | None" = None, article_id: str = "text") -> "pd.DataFrame":
    """The incidents of one text as ``mapper build`` would table them: a DataFrame of
    data/incidents.csv's columns (local rows and aggregates, told apart by ``scope``), places joined.

    >>> import mapper
    >>> table = mapper.extract("Gunmen killed five villagers in Goma on Monday.", published="2024-06-05")
    >>> table[["event_date", "event_type", "location", "fatalities", "country", "confidence"]].values.tolist()
    [['2024-06-03', 'Violence against civilians', 'Goma', 5, 'Democratic Republic of Congo', 'high']]

    ``quote_start``/``quote_end`` index ``text`` (with its newlines normalised to "\\n").
    """
    import pandas as pd

    from mapper.extract import extract_article, merge_duplicates
    from mapper.geocode.chain import offline_providers
    from mapper.geocode.gazetteer import Gazetteer
    from mapper.geocode.resolve import resolve_places
    from mapper.join import join_incidents
    from mapper.pipeline import _place_uses
    from mapper.schema import INCIDENT_COLUMNS, PLACE_COLUMNS, TABLE_COLUMNS
    from mapper.tables import with_confidence, with_countries

    gaz = gazetteer or Gazetteer.open()
    article = _article(text, published, article_id)
    extraction = extract_article(article, gaz)
    resolution = resolve_places(_place_uses(extraction), providers or offline_providers(gaz))
    incidents = pd.DataFrame([row.as_row() for row in merge_duplicates(extraction.incidents)],
                             columns=INCIDENT_COLUMNS, dtype=object)
    places = pd.DataFrame([record.as_row() for record in resolution.places], columns=PLACE_COLUMNS, dtype=object)
    joined = with_confidence(with_countries(join_incidents(incidents, places.fillna(""), {article.id: article})))
    return joined[TABLE_COLUMNS].reset_index(drop=True)


@dataclass(frozen=True)
class Built:
    """What ``mapper.build`` wrote, read back as DataFrames (the files' columns, typed)."""

    incidents: "pd.DataFrame"  # data/incidents.csv: local incidents
    aggregates: "pd.DataFrame"  # data/aggregates.csv: overall tolls
    places: "pd.DataFrame"  # data/places.csv
    acled: "pd.DataFrame"  # data/incidents_acled.csv
    report: Any  # mapper.pipeline.Report: counts, diagnostics, files written


def build(seeds: str = "seeds", data: str = "data", maps: str = "maps", *, workers: int = 1) -> Built:
    """Run ``mapper build`` on folders and return its tables.

    >>> built = mapper.build("seeds", "data", "maps")          # doctest: +SKIP
    >>> built.incidents.groupby("admin1")["fatalities"].sum()  # doctest: +SKIP
    """
    from pathlib import Path

    from mapper import pipeline

    paths = pipeline.Paths(Path(seeds), Path(data), Path(maps))
    report = pipeline.build(paths, workers=workers)
    return Built(incidents=_read(paths.incidents), aggregates=_read(paths.aggregates), places=_read(paths.places),
                 acled=_read(paths.acled), report=report)


def _read(path) -> "pd.DataFrame":
    import pandas as pd

    from mapper.storage import from_spreadsheet_safe

    frame = pd.read_csv(path, dtype={"incident_id": str, "article": str, "event_id_cnty": str}, keep_default_na=False,
                        na_values=[""], encoding="utf-8")
    # The spreadsheet-safe quote ("'=x") is for spreadsheets; a notebook gets the text as written.
    return frame.apply(lambda column: column.map(from_spreadsheet_safe) if column.dtype == object else column)


def _article(text: str, published: dt.date | str | None, article_id: str):
    from mapper.articles import Article

    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    # As decode_article: offsets index the text with "\n" newlines.
    return Article(id=article_id, text=text.replace("\r\n", "\n").replace("\r", "\n"), published=published)
