"""The pipeline: articles -> extract -> geocode -> join -> render, with all file I/O.

Every stage is a function of folders; ``build`` runs them all on one
extraction. Problems with single inputs become warnings in the report (the
run goes on); only a run that cannot produce anything raises MapperError.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd
from filelock import FileLock, Timeout

from mapper.articles import Article, iter_articles
from mapper.errors import InputError
from mapper.geocode.chain import OnlineOptions, open_providers
from mapper.geocode.resolve import PlaceUse, Resolution, resolve_places
from mapper.join import join_incidents, read_table
from mapper.schema import INCIDENT_COLUMNS, PLACE_COLUMNS, UNRESOLVED_COLUMNS
from mapper.storage import write_atomic, write_csv

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Paths:
    seeds: Path = Path("seeds")
    data: Path = Path("data")
    maps: Path = Path("maps")

    @property
    def incidents(self) -> Path:
        return self.data / "incidents.csv"

    @property
    def places(self) -> Path:
        return self.data / "places.csv"

    @property
    def unresolved(self) -> Path:
        return self.data / "unresolved.csv"

    @property
    def cache(self) -> Path:
        return self.data / "geocache.json"

    @property
    def overrides(self) -> Path:
        return self.data / "places_overrides.csv"

    @property
    def map_html(self) -> Path:
        return self.maps / "incident_map.html"

    @property
    def geojson(self) -> Path:
        return self.maps / "incidents.geojson"


@dataclass
class Report:
    articles: int = 0
    incidents: int = 0
    places: int = 0
    unresolved: list[str] = field(default_factory=list)
    without_coordinates: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


@dataclass
class Corpus:
    """What extraction produced, plus each article's metadata (not its text)."""

    articles: dict[str, Article]
    extractions: list


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


# -- stages ------------------------------------------------------------------

def extract_corpus(paths: Paths, report: Report, progress: Progress = _no_progress) -> Corpus:
    from mapper.extract import extract_article
    from mapper.geocode.gazetteer import Gazetteer

    if not paths.seeds.is_dir():
        raise InputError(f"seeds folder not found: {paths.seeds}")
    lexicon = Gazetteer.open()
    warnings = []
    articles: dict[str, Article] = {}
    extractions = []
    for article in iter_articles(paths.seeds, warnings):
        extractions.append(extract_article(article, lexicon))
        # Keep metadata only: texts are not needed after extraction.
        articles[article.id] = Article(article.id, "", article.published, article.title, article.source, article.url, article.path)
        progress("extract", len(extractions), 0)
    report.warnings.extend(str(w) for w in warnings)
    report.articles = len(articles)
    if not articles:
        raise InputError(f"{paths.seeds}: no readable article (*.txt) found")
    return Corpus(articles, extractions)


def write_incidents(corpus: Corpus, paths: Paths, report: Report) -> list:
    from mapper.extract import merge_duplicates

    incidents = merge_duplicates(incident for extraction in corpus.extractions for incident in extraction.incidents)
    write_csv(paths.incidents, INCIDENT_COLUMNS, (incident.as_row() for incident in incidents))
    report.incidents = len(incidents)
    report.outputs.append(str(paths.incidents))
    return incidents


def place_uses(corpus: Corpus) -> Iterable[PlaceUse]:
    for extraction in corpus.extractions:
        for mention in extraction.places:
            sentence = extraction.sentences[mention.sentence]
            yield PlaceUse(
                article=extraction.article_id,
                name=mention.name,
                feature=mention.feature,
                region=mention.region,
                role=mention.role,
                sentence=sentence.text,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
            )


def geocode_corpus(corpus: Corpus, paths: Paths, report: Report, online: OnlineOptions | None = None) -> Resolution:
    providers, cache = open_providers(paths.overrides, paths.cache, online, report.warn)
    resolution = resolve_places(place_uses(corpus), providers)
    cache.save()
    write_csv(paths.places, PLACE_COLUMNS, (record.as_row() for record in resolution.places))
    write_csv(paths.unresolved, UNRESOLVED_COLUMNS, (row.as_row() for row in resolution.unresolved))
    report.places = len(resolution.places)
    report.unresolved = [row.place for row in resolution.unresolved]
    report.warnings.extend(resolution.failures)
    report.outputs += [str(paths.places), str(paths.unresolved), str(paths.cache)]
    return resolution


def render_outputs(articles: dict[str, Article], paths: Paths, report: Report) -> pd.DataFrame:
    from mapper.render import build_map, geojson_document, write_map

    incidents = read_table(paths.incidents, INCIDENT_COLUMNS)
    places = read_table(paths.places, PLACE_COLUMNS)
    joined = join_incidents(incidents, places, articles)
    unplaced = joined[joined["latitude"].isna()]
    report.without_coordinates = [f"{row.incident_id} ({row.location or 'no place'})" for row in unplaced.itertuples()]
    document = geojson_document(joined)
    write_atomic(paths.geojson, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    fmap = build_map(joined, title=_title(articles), credit=_credit(articles))
    write_map(fmap, paths.map_html)
    report.outputs += [str(paths.geojson), str(paths.map_html)]
    return joined


def _title(articles: dict[str, Article]) -> str:
    if len(articles) == 1:
        only = next(iter(articles.values()))
        return only.title or only.id
    return f"Incidents from {len(articles)} articles"


def _credit(articles: dict[str, Article]) -> str:
    sources = sorted({article.source for article in articles.values() if article.source})
    return "Sources: " + "; ".join(sources) if sources else ""


# -- commands ----------------------------------------------------------------

# How long a second run on the same folder waits for the first to finish.
LOCK_TIMEOUT_SECONDS = 600


@contextlib.contextmanager
def _exclusive(paths: Paths):
    """One run at a time per data folder: a second one waits, then goes on."""
    if not paths.seeds.is_dir():
        raise InputError(f"seeds folder not found: {paths.seeds}")
    paths.data.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(paths.data / ".mapper.lock"), timeout=LOCK_TIMEOUT_SECONDS)
    try:
        with lock:
            yield
    except Timeout:
        raise InputError(f"{paths.data}: another mapper run has held the lock for {LOCK_TIMEOUT_SECONDS} s; "
                         f"if none is running, delete {paths.data / '.mapper.lock'}") from None


def build(paths: Paths, online: OnlineOptions | None = None, progress: Progress = _no_progress) -> Report:
    report = Report()
    with _exclusive(paths):
        corpus = extract_corpus(paths, report, progress)
        write_incidents(corpus, paths, report)
        geocode_corpus(corpus, paths, report, online)
        render_outputs(corpus.articles, paths, report)
    return report


def extract(paths: Paths, progress: Progress = _no_progress) -> Report:
    report = Report()
    with _exclusive(paths):
        write_incidents(extract_corpus(paths, report, progress), paths, report)
    return report


def geocode(paths: Paths, online: OnlineOptions | None = None, progress: Progress = _no_progress) -> Report:
    report = Report()
    with _exclusive(paths):
        geocode_corpus(extract_corpus(paths, report, progress), paths, report, online)
    return report


def render(paths: Paths) -> Report:
    report = Report()
    warnings = []
    articles = {
        article.id: Article(article.id, "", article.published, article.title, article.source, article.url, article.path)
        for article in iter_articles(paths.seeds, warnings)
    }
    report.articles = len(articles)
    report.warnings.extend(str(w) for w in warnings)
    with _exclusive(paths):
        joined = render_outputs(articles, paths, report)
    report.incidents = len(joined)
    return report
