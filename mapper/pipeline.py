"""The pipeline: articles -> extract -> geocode -> join -> render, with all file I/O.

Every stage is a function of folders; ``build`` runs them all on one
extraction. Problems with single inputs become ``Diagnostic``s in the
report's one collector (the run goes on; nothing here prints); only a run
that cannot produce anything raises MapperError.
"""

from __future__ import annotations

import contextlib
import functools
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd
from filelock import FileLock, Timeout

from mapper.articles import Article, article_files, iter_metadata, read_article
from mapper.diagnostics import Diagnostic, Diagnostics
from mapper.errors import InputError, OutputError
from mapper.geocode.chain import OnlineOptions, online_notes, open_providers
from mapper.extract.coordinates import WrittenPoint, find_points, owner_of
from mapper.geocode.records import SectionWeight
from mapper.geocode.resolve import PlaceUse, Resolution, resolve_places
from mapper.join import join_incidents, read_table
from mapper.schema import ACLED_COLUMNS, INCIDENT_COLUMNS, PLACE_COLUMNS, TABLE_COLUMNS, UNRESOLVED_COLUMNS
from mapper.storage import cannot_write, write_atomic, write_csv
from mapper.tables import acled_rows, split_scope, table_rows, with_confidence, with_countries

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Paths:
    seeds: Path = Path("seeds")
    data: Path = Path("data")
    maps: Path = Path("maps")
    # Which files of seeds/ count: a symbolic link out of the folder is only read with this.
    follow_symlinks: bool = False

    @property
    def incidents(self) -> Path:
        return self.data / "incidents.csv"

    @property
    def aggregates(self) -> Path:
        return self.data / "aggregates.csv"

    @property
    def rejected(self) -> Path:
        """The rows a reviewer rejected, kept aside (so ``mapper map`` can apply the reviews again)."""
        return self.data / "rejected.csv"

    @property
    def acled(self) -> Path:
        return self.data / "incidents_acled.csv"

    @property
    def places(self) -> Path:
        return self.data / "places.csv"

    @property
    def unresolved(self) -> Path:
        return self.data / "unresolved.csv"

    @property
    def texts(self) -> Path:
        """The articles' texts as read (``texts/<article>.txt``): what every quote and offset refers to."""
        return self.data / "texts"

    @property
    def cache(self) -> Path:
        return self.data / "geocache.json"

    @property
    def overrides(self) -> Path:
        return self.data / "places_overrides.csv"

    @property
    def reviews(self) -> Path:
        return self.data / "reviews.csv"

    @property
    def map_html(self) -> Path:
        return self.maps / "incident_map.html"

    @property
    def geojson(self) -> Path:
        return self.maps / "incidents.geojson"


@dataclass
class Report:
    articles: int = 0
    incidents: int = 0  # local incidents (data/incidents.csv)
    aggregates: int = 0  # overall tolls (data/aggregates.csv)
    places: int = 0
    unresolved: list[str] = field(default_factory=list)
    without_coordinates: list[str] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    outputs: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # ids a reviewer rejected (data/reviews.csv), left out

    def as_dict(self) -> dict:
        """The summary as plain JSON-ready values (``mapper build --json``)."""
        return {
            "articles": self.articles, "incidents": self.incidents, "aggregates": self.aggregates,
            "places": self.places,
            "unresolved": list(self.unresolved), "without_coordinates": list(self.without_coordinates),
            "outputs": list(self.outputs), "rejected": list(self.rejected),
            "warnings": [{"code": d.code, "path": d.path, "line": d.line, "message": d.message}
                         for d in self.diagnostics],
        }


@dataclass
class Corpus:
    """What extraction kept: article metadata, incidents and place uses (no texts)."""

    articles: dict[str, Article] = field(default_factory=dict)
    incidents: list = field(default_factory=list)
    place_uses: list[PlaceUse] = field(default_factory=list)


@dataclass(frozen=True)
class ArticleResult:
    """One article's extraction, small enough to send back from a worker."""

    path: str
    article: Article | None  # metadata only (text dropped)
    incidents: tuple
    place_uses: tuple
    diagnostics: tuple[Diagnostic, ...]
    text: str = ""  # the article's text as read, for data/texts/


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


# -- stages ------------------------------------------------------------------

_LEXICON = None
_LEXICON_KEY: tuple = ()


def _lexicon():
    """The gazetteer, opened once per process (never shared across a fork), and again
    when the cache folder or its GeoNames imports change (``mapper gazetteer import``)."""
    global _LEXICON, _LEXICON_KEY
    from mapper.geocode.gazetteer import Gazetteer, index_path
    from mapper.geocode.geonames_import import signature

    key = (index_path(), signature())
    if _LEXICON is None or key != _LEXICON_KEY:
        _LEXICON = Gazetteer.open()
        _LEXICON_KEY = key
    return _LEXICON


def extract_one(path: str | Path, follow_symlinks: bool = False) -> ArticleResult:
    """Read and extract one article file: the unit of parallel work."""
    from mapper.extract import extract_article

    found = Diagnostics()
    article = read_article(Path(path), found.add, follow_symlinks)
    if article is None:
        return ArticleResult(str(path), None, (), (), tuple(found))
    extraction = extract_article(article, _lexicon())
    found.extend(extraction.warnings)  # "W201 seeds/a.txt: line 2: ..."
    uses = tuple(_place_uses(extraction))
    meta = replace(article, text="")  # metadata only: the text goes back once, to be kept in data/texts/
    return ArticleResult(str(path), meta, extraction.incidents, uses, tuple(found), article.text)


def _place_uses(extraction) -> Iterable[PlaceUse]:
    """One use per name per article (its first sentence); "location" if any mention is one.

    Resolution needs which articles use a name, how, and one sentence to
    show an analyst -- not every repetition, which would grow with the corpus;
    the repetitions count in ``weight`` (each by where it stands), and the article's
    nationality adjectives ride along on every use (``demonyms``) for its focus country.
    """
    from mapper.geocode.focus import demonym_votes, position_weight

    first: dict[str, PlaceUse] = {}
    weight: dict[str, float] = {}
    for mention in extraction.places:
        role = mention_role(mention)
        weight[mention.name] = weight.get(mention.name, 0.0) + position_weight(mention.sentence, role)
        known = first.get(mention.name)
        if known is not None:
            first[mention.name] = _merged(known, mention)
            continue
        sentence = extraction.sentences[mention.sentence]
        first[mention.name] = PlaceUse(
            article=extraction.article_id,
            name=mention.name,
            feature=mention.feature,
            region=mention.region,
            role=role,
            sentence=sentence.text,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            within=mention.within,
            within_by_comma=mention.within_by_comma,
            offset=mention.offset,
            capital_of=mention.capital_of,
        )
    # "the Yemeni capital" votes as the place it is, its adjective not again
    capitals = tuple((m.start, m.end) for m in extraction.places if m.capital_of)
    hints = demonym_votes(extraction.sentences, capitals) if first else ()
    written = _written_points(extraction) if first else {}
    uses = [replace(use, weight=weight[name], demonyms=hints, written=written.get(name)) for name, use in first.items()]
    return _with_sections(uses, extraction)


def mention_role(mention) -> str:
    """A mention's role for resolution: "dateline" for a dateline's place (where a story was filed
    says nothing about where it happened), else its own ("location", "actor", "embedded")."""
    return "dateline" if mention.cue == "dateline" else mention.role


def _with_sections(uses: list[PlaceUse], extraction) -> list[PlaceUse]:
    """The uses of an article of several sections (extract.sections), each with the weight of its
    mentions per section and the article's nationality adjectives per section; an article of one
    section keeps its uses as they are."""
    from mapper.extract.sections import section_of, section_starts
    from mapper.geocode.focus import demonym_votes, position_weight

    starts = section_starts(extraction.sentences) if uses else ()
    if not starts:
        return uses
    weights: dict[str, dict[int, float]] = {}
    first: dict[str, dict[int, int]] = {}
    for mention in extraction.places:
        sentence = extraction.sentences[mention.sentence]
        section = section_of(sentence.start, starts)
        role = mention_role(mention)
        by_section = weights.setdefault(mention.name, {})
        by_section[section] = by_section.get(section, 0.0) + position_weight(mention.sentence, role)
        first.setdefault(mention.name, {}).setdefault(section, sentence.start)
    section_sentences: list[list] = [[] for _ in range(len(starts) + 1)]
    for sentence in extraction.sentences:
        section_sentences[section_of(sentence.start, starts)].append(sentence)
    hints = tuple(demonym_votes(sentences) for sentences in section_sentences)
    return [replace(use, section_demonyms=hints,
                    sections=tuple(SectionWeight(k, w, first[use.name][k]) for k, w in sorted(weights[use.name].items())))
            for use in uses]


def _written_points(extraction) -> dict[str, WrittenPoint]:
    """Coordinates the article writes ("Tuwaym (35.08°N 36.71°E)"), by the name they belong to (its first)."""
    mentions = [(m.name, m.start, m.end) for m in extraction.places]
    found: dict[str, WrittenPoint] = {}
    for sentence in extraction.sentences:
        if "°" not in sentence.text:
            continue
        for point in find_points(sentence.text):
            point = replace(point, start=point.start + sentence.start, end=point.end + sentence.start)
            owner = owner_of(point, mentions)
            if owner is not None:
                found.setdefault(owner, point)
    return found


def _merged(known: PlaceUse, mention) -> PlaceUse:
    """A name's use with what a later mention adds: a location role, a region, a container."""
    if known.role != "location" and mention.role == "location":
        known = replace(known, role="location")
    if not known.region and mention.region:
        known = replace(known, region=mention.region, feature=mention.feature)
    if not known.within and mention.within:
        known = replace(known, within=mention.within, within_by_comma=mention.within_by_comma)
    if known.offset is None and mention.offset is not None:
        known = replace(known, offset=mention.offset)
    return known


def _worker_init() -> None:
    global _LEXICON
    _LEXICON = None  # a forked copy of the parent's connection must not be used


ENGINES = ("local", "dask")


def _results(files: list[Path], workers: int, engine: str = "local", follow_symlinks: bool = False) -> Iterator[ArticleResult]:
    """Per-article results in file order, whatever the engine and number of workers."""
    extract_file = functools.partial(extract_one, follow_symlinks=follow_symlinks)  # picklable for the workers
    if engine == "dask":
        yield from _dask_results(files, workers, extract_file)
        return
    if workers <= 1 or len(files) < 2 * workers:
        yield from map(extract_file, files)
        return
    import multiprocessing

    chunk = max(1, min(64, len(files) // (workers * 8)))
    with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_init) as pool:
        yield from pool.imap(extract_file, files, chunksize=chunk)


def _dask_results(files: list[Path], workers: int, extract_file=extract_one) -> Iterator[ArticleResult]:
    """The same per-article function on Dask (``pip install -e '.[dask]'``).

    Locally this uses Dask's process scheduler; point Dask at a distributed
    cluster (dask.config / a distributed Client) and the same code scales out.
    Partitions keep file order, so the output is identical to the local path.
    """
    try:
        import dask
        import dask.bag as bag
    except ImportError:
        raise InputError("the dask engine needs Dask: pip install -e '.[dask]'") from None
    paths = [str(path) for path in files]
    partitions = max(1, min(len(paths), workers * 4))
    scheduler = "synchronous" if workers <= 1 else "processes"
    with dask.config.set(scheduler=scheduler, num_workers=workers):
        yield from bag.from_sequence(paths, npartitions=partitions).map(extract_file).compute()


def default_workers() -> int:
    return os.cpu_count() or 1


def extract_corpus(paths: Paths, report: Report, progress: Progress = _no_progress, workers: int = 1,
                   engine: str = "local", keep_texts: bool = False) -> Corpus:
    """Every article's extraction, in file order; with ``keep_texts``, each article's text as read
    is written to ``data/texts/<article>.txt`` (and a text of an article no longer read removed)."""
    from mapper.geocode.gazetteer import index_path

    files = article_files(paths.seeds, report.diagnostics.add)  # two files with one article id
    corpus = Corpus()
    if not index_path().exists():
        progress("gazetteer", 0, 0)  # a first run builds the offline index: say why it waits
        _lexicon()
    for done, result in enumerate(_results(files, workers, engine, paths.follow_symlinks), start=1):
        report.diagnostics.extend(result.diagnostics)
        if result.article is not None:
            corpus.articles[result.article.id] = result.article
            corpus.incidents.extend(result.incidents)
            corpus.place_uses.extend(result.place_uses)
            if keep_texts:
                keep_text(paths.texts, result.article.id, result.text)
        progress("extract", done, len(files))
    report.articles = len(corpus.articles)
    if not corpus.articles:
        raise InputError(f"{paths.seeds}: no readable article (.txt, .md, .html, .pdf, .docx) found")
    if keep_texts:
        remove_stale_texts(paths.texts, set(corpus.articles))
        report.outputs.append(str(paths.texts))
    return corpus


TEXT_SUFFIX = ".txt"


def keep_text(folder: Path, article_id: str, text: str) -> None:
    """``folder/<article>.txt``: the article's text as read, UTF-8, "\n" newlines; the file is only
    rewritten when its bytes would change (a second run leaves it as it is)."""
    path = folder / (article_id + TEXT_SUFFIX)
    payload = text.encode("utf-8", errors="surrogateescape")
    try:
        if path.is_file() and not path.is_symlink() and path.read_bytes() == payload:
            return
    except OSError:
        pass
    write_atomic(path, payload)


def remove_stale_texts(folder: Path, kept: set[str]) -> None:
    """Remove the texts of articles no longer read (every ``*.txt`` there is mapper's own)."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for path in entries:
        if path.suffix == TEXT_SUFFIX and not path.name.startswith(".") and path.stem not in kept:
            try:
                if path.is_file() or path.is_symlink():
                    path.unlink()
            except OSError as error:
                raise cannot_write(path, error) from None


def write_incidents(corpus: Corpus, paths: Paths, report: Report) -> list:
    from mapper.extract import merge_duplicates

    incidents = merge_duplicates(corpus.incidents)
    # Before the join (``mapper extract``), the tables have their place and confidence columns empty.
    blank = [""] * (len(TABLE_COLUMNS) - len(INCIDENT_COLUMNS))
    for path, scope in ((paths.incidents, "local"), (paths.aggregates, "aggregate")):
        write_csv(path, TABLE_COLUMNS, (incident.as_row() + blank for incident in incidents if incident.scope == scope))
    write_csv(paths.rejected, TABLE_COLUMNS, ())  # every row extracted is in the two tables, none set aside yet
    report.aggregates = sum(incident.scope == "aggregate" for incident in incidents)
    report.incidents = len(incidents) - report.aggregates
    report.outputs += [str(paths.incidents), str(paths.aggregates)]
    return incidents


def geocode_corpus(corpus: Corpus, paths: Paths, report: Report, online: OnlineOptions | None = None,
                   progress: Progress = _no_progress) -> Resolution:
    providers, cache = open_providers(paths.overrides, paths.cache, online, report.diagnostics.add, _lexicon)
    resolution = resolve_places(corpus.place_uses, providers, lambda done, total: progress("geocode", done, total))
    cache.save()
    write_csv(paths.places, PLACE_COLUMNS, (record.as_row() for record in resolution.places))
    write_csv(paths.unresolved, UNRESOLVED_COLUMNS, (row.as_row() for row in resolution.unresolved))
    report.places = len(resolution.places)
    report.unresolved = [row.place for row in resolution.unresolved]
    # resolve words each failure whole ("online geocoding failed for 'X' (not cached; ...)")
    report.diagnostics.extend(Diagnostic("W310", "", failure) for failure in resolution.failures)
    report.diagnostics.extend(online_notes(providers))  # "W312 Nominatim at ... stopped answering ..."
    report.outputs += [str(paths.places), str(paths.unresolved), str(paths.cache)]
    return resolution


def render_outputs(articles: dict[str, Article], paths: Paths, report: Report,
                   progress: Progress = _no_progress) -> pd.DataFrame:
    from mapper.render import build_map, geojson_document, write_geojson, write_map
    from mapper.review import apply_reviews, previous_points, read_reviews

    places = read_table(paths.places, PLACE_COLUMNS, report.diagnostics.add)
    extracted = join_incidents(read_incidents(paths, report), places, articles)
    # data/reviews.csv: rejected rows leave every output (kept aside in rejected.csv), edits replace
    # what was extracted
    joined, report.rejected = apply_reviews(extracted, read_reviews(paths.reviews, report.diagnostics.add),
                                            report.diagnostics.add, places,
                                            previous_points([paths.incidents, paths.aggregates]))
    joined = with_confidence(with_countries(joined))
    write_tables(joined, paths, report)
    set_aside = extracted[extracted["incident_id"].isin(set(report.rejected))].assign(review_state="rejected",
                                                                                   edited_fields="")
    write_csv(paths.rejected, TABLE_COLUMNS, table_rows(with_confidence(with_countries(set_aside)), TABLE_COLUMNS))
    report.outputs.append(str(paths.rejected))
    unplaced = joined[joined["latitude"].isna()]
    report.without_coordinates = [f"{row.incident_id} ({row.location or 'no place'})" for row in unplaced.itertuples()]
    progress("render", 0, 1)
    document = geojson_document(joined)
    write_geojson(document, paths.geojson)
    fmap = build_map(joined, title=_title(articles), credit=_credit(articles), document=document)
    write_map(fmap, paths.map_html)
    progress("render", 1, 1)
    report.outputs += [str(paths.geojson), str(paths.map_html)]
    return joined


def read_incidents(paths: Paths, report: Report) -> pd.DataFrame:
    """data/incidents.csv and data/aggregates.csv as one frame (an older data/ has no aggregates.csv:
    its incidents.csv holds both, split when the tables are written again)."""
    frames = [read_table(paths.incidents, INCIDENT_COLUMNS, report.diagnostics.add)]
    for path in (paths.aggregates, paths.rejected):  # rejected.csv: the rows the last build's reviews set aside
        if path.exists():
            frames.append(read_table(path, INCIDENT_COLUMNS, report.diagnostics.add))
    return pd.concat(frames, ignore_index=True)


def write_tables(joined: pd.DataFrame, paths: Paths, report: Report) -> None:
    """The local incidents, the aggregates and the ACLED-shaped export, from the joined table."""
    local, aggregates = split_scope(joined)
    report.incidents, report.aggregates = len(local), len(aggregates)
    write_csv(paths.incidents, TABLE_COLUMNS, table_rows(local, TABLE_COLUMNS))
    write_csv(paths.aggregates, TABLE_COLUMNS, table_rows(aggregates, TABLE_COLUMNS))
    write_csv(paths.acled, ACLED_COLUMNS, acled_rows(local))
    report.outputs += [str(path) for path in (paths.incidents, paths.aggregates, paths.acled)
                       if str(path) not in report.outputs]


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
    lock_path = paths.data / ".mapper.lock"
    try:
        paths.data.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(paths.data, error) from None
    lock = FileLock(str(lock_path), timeout=LOCK_TIMEOUT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise InputError(f"{paths.data}: another mapper run has held the lock for {LOCK_TIMEOUT_SECONDS} s; "
                         f"if none is running, delete {lock_path}") from None
    except OSError as error:
        # A symlink (filelock refuses to follow it: ELOOP), a folder, no permission, a read-only data/.
        reason = "it is a symbolic link, which is never followed" if lock_path.is_symlink() else error.strerror
        advice = "; if no mapper run is going, delete it (it holds nothing)" if os.path.lexists(lock_path) else ""
        raise OutputError(f"cannot use the lock file {lock_path}: {reason}{advice}") from None
    try:
        yield
    finally:
        lock.release()


def build(paths: Paths, online: OnlineOptions | None = None, progress: Progress = _no_progress, workers: int = 1,
          engine: str = "local") -> Report:
    report = Report()
    with _exclusive(paths):
        corpus = extract_corpus(paths, report, progress, workers, engine, keep_texts=True)
        write_incidents(corpus, paths, report)
        geocode_corpus(corpus, paths, report, online, progress)
        render_outputs(corpus.articles, paths, report, progress)
    return report


def extract(paths: Paths, progress: Progress = _no_progress, workers: int = 1) -> Report:
    report = Report()
    with _exclusive(paths):
        write_incidents(extract_corpus(paths, report, progress, workers, keep_texts=True), paths, report)
    return report


def geocode(paths: Paths, online: OnlineOptions | None = None, progress: Progress = _no_progress, workers: int = 1) -> Report:
    report = Report()
    with _exclusive(paths):
        geocode_corpus(extract_corpus(paths, report, progress, workers), paths, report, online, progress)
    return report


def render(paths: Paths, progress: Progress = _no_progress) -> Report:
    report = Report()
    with _exclusive(paths):
        metadata = iter_metadata(paths.seeds, report.diagnostics.add, paths.follow_symlinks)
        articles = {article.id: article for article in metadata}
        report.articles = len(articles)
        render_outputs(articles, paths, report, progress)
    return report
