"""``mapper.geoparse``: one text in, its place mentions out, as ``mapper build`` would place them.

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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def geoparse(text: str, published: dt.date | str | None = None, *, gazetteer: "Gazetteer | None" = None,
             providers: "Providers | None" = None) -> list[Toponym]:
    """The place mentions of ``text`` in text order, each with its resolution.

    >>> import mapper
    >>> [(t.name, t.country_code, t.geo_precision) for t in mapper.geoparse(
    ...     "Shelling hit Latakia in Syria on Monday, residents said.")]
    [('Latakia', 'SY', 1), ('Syria', 'SY', 3)]

    ``published`` (a date or "YYYY-MM-DD") is the article's date, as a sidecar's ``published``.
    """
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
