"""Extraction: article text -> sentences, place mentions and ACLED-style incidents.

    result = extract_article(article, lexicon)   # ArticleExtraction
    rows = merge_duplicates(all_incidents)       # list[Incident], deterministic order

Pure functions over text; no file or network I/O; the lexicon is only asked about
capitalised candidates (one lookup per distinct name per article).

Modules (each docstring lists its rules), in pipeline order:
  sentences       paragraphs, sentences, headings, datelines (exact offsets)
  tokens          the token layer: each article tokenised once (offsets, lower forms, sentence
                  of an offset, datelines), carried to the incident stages in ArticleIndex.doc;
                  matcher: a phrase matcher over it
  places          place mentions: candidates and the scan; place_checks (person / no place,
                  place cues), regions ("Syria's coast", "the border region"), people (persons
                  out); place_words builds their regexes from the lexicon; capitals
                  ("the Yemeni capital", "the capital of Yemen": a place at Sanaa)
  numbers         casualty counts: quantities (number phrases and values), casualty_words,
                  single_victims ("killed a man"), tolls (the fatality figure)
  dates           date phrases resolved against the publication date; dating (per article)
  lexicon_events  THE table: trigger words -> ACLED event type / sub-event type; context (in
                  context, back-references)
  actors          actor1 / actor2 phrases; actor_rules builds their regexes from the lexicon
  incidents       sentences -> incidents, in stages: article_index (computed once), dating,
                  drafts (support, merging), locate (the location cascade, scope), figures;
                  incident_words: the word slots of the drafts and locate rules
  model           the frozen dataclasses and note items (Note)
  vocabulary      reads and checks lexicon/*.csv; lowercase (one case-folding check), fastscan
                  (prefix filter for regex tables), words (general word lists read from it)

Hostile or broken text never stops extraction: dates Python cannot hold, absurd
casualty figures and overlong sentences are kept as text and listed in
``ArticleExtraction.warnings`` (``Diagnostic``s W201-W203, "line N: ..."). The work is linear in the text (no
per-incident walk back to a paragraph's start; sentences at most MAX_SENTENCE_CHARS).

Incident ids are "<article id>-<8 hex>", a hash of the article id, the quote offsets
and the sub-event type: stable across runs and independent of other incidents.
Notes are ";"-separated "key=value" items for people (qualifier, other_figures,
location=from ..., date=..., trigger=..., sources=...), rendered once from the incident's
``note_items`` (``model.Note``); code reads those items, never the rendered text, and what a
later stage needs (origin, destination) is a field of its own.
"""

from __future__ import annotations

import sys
import types
from dataclasses import replace
from typing import Iterable

from mapper.diagnostics import Diagnostic
from mapper.extract.capitals import capital_phrases, with_capitals
from mapper.extract.incidents import build_incidents
from mapper.extract.model import ArticleExtraction, Incident, Note, PlaceMention, Sentence
from mapper.extract.containment import with_containment
from mapper.extract.language import language_of
from mapper.extract.dates import OUT_OF_RANGE_NOTE
from mapper.extract.evidence import evidence_of
from mapper.extract.numbers import MAX_FIGURE
from mapper.extract.offsets import with_offsets
from mapper.extract.places import scan_places
from mapper.extract.sentences import MAX_SENTENCE_CHARS, is_heading, page_furniture, split_sentences
from mapper.extract.tokens import tokenize

__all__ = ["extract_article", "merge_duplicates", "ArticleExtraction", "Incident", "PlaceMention", "Sentence"]


def extract_article(article, lexicon) -> ArticleExtraction:
    sentences = split_sentences(article.text)
    headings = frozenset(s.index for s in sentences if is_heading(s, sentences))
    doc = tokenize(article.text, sentences)  # the article's tokens, made once and carried
    scan = scan_places(article.text, sentences, lexicon, headings)
    # "the Yemeni capital", "the capital of Yemen": a capital named by its country is a place
    scan = replace(scan, places=with_capitals(article.text, scan.places, capital_phrases(doc, lexicon.lookup, headings)))
    # "Kelva, 10 km east of Doro", "100 km north of Doro": the offsets read onto the mentions
    scan = replace(scan, places=with_offsets(article.text, scan.places,
                                             lambda name: _kind(lexicon, name) in ("country", "admin1")))
    # the incident rules read English: another language's text gives no incidents, and says so
    language = language_of(article.text)
    # a photo caption or the title's deck only restates the story: no incident of its own
    furniture = headings | page_furniture(sentences)
    incidents = build_incidents(article, sentences, furniture, scan, doc) if language == "English" else ()
    warnings = text_warnings(article.text, sentences, incidents, article.path)
    if language != "English":
        warnings += (Diagnostic("W204", article.path, f"written in {language}, not English (by the language detector, "
                                "or its script or commonest words): no incidents extracted; its places are still listed"),)
    # "Dessa, Zamfara": within="Zamfara"; "Tolo (Dessa, Ituri)": Dessa and Ituri found too
    places = with_containment(article.text, scan.places, lambda name: lexicon.lookup(name) is not None,
                              lambda name: _kind(lexicon, name) in ("country", "admin1"), _unit_of(lexicon))
    return ArticleExtraction(article.id, sentences, places, incidents, warnings)


def _unit_of(lexicon):
    """The lexicon's test for a bare second-level unit ("Nueva Ecija"); a lexicon without one knows none."""
    unit = getattr(lexicon, "unit", None)
    return unit if callable(unit) else (lambda _name: False)


def _kind(lexicon, name: str) -> str:
    known = lexicon.lookup(name)
    return known.kind if known is not None else ""


def text_warnings(text: str, sentences, incidents, path: str = "") -> tuple[Diagnostic, ...]:
    """One diagnostic per kind of problem found in the text, with the first one's line and the count
    (a hostile file may hold thousands: the summary stays short). ``path`` is the article's file."""
    out = []
    dated = [i for i in incidents if Note.of(OUT_OF_RANGE_NOTE) in i.note_items]
    if dated:
        out.append(Diagnostic("W201", path, f"line {_line(text, dated[0].quote_start)}: {_count(len(dated), 'incident')} "
                   f"dated by a phrase outside the years 1-9999 Python holds (first {_quoted(dated[0].date_text)}): "
                   f"phrase kept in date_text, event_date left empty ({OUT_OF_RANGE_NOTE} in notes)"))
    unused = [i for i in incidents if i.note(UNUSED_FIGURES) is not None]
    if unused:
        first = (unused[0].note(UNUSED_FIGURES) or "").replace(";", ",")  # as the notes column shows it
        out.append(Diagnostic("W202", path, f"line {_line(text, unused[0].quote_start)}: "
                   f"{_count(len(unused), 'incident')} with a casualty figure over {MAX_FIGURE:,} "
                   f"(first {_quoted(first)}): kept in notes as fatalities_unused, not counted"))
    cut = [s for s in sentences if s.cut]
    if cut:
        out.append(Diagnostic("W203", path, f"line {_line(text, cut[0].start)}: {_count(len(cut), 'run')} of text over "
                   f"{MAX_SENTENCE_CHARS:,} characters without a sentence end: cut into sentences of at most "
                   f"{MAX_SENTENCE_CHARS:,} characters"))
    return tuple(out)


UNUSED_FIGURES = "fatalities_unused"  # the note key of figures over MAX_FIGURE (numbers.fatality_figure)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _quoted(phrase: str, limit: int = 40) -> str:
    """repr() of a phrase from the text, shortened: control characters and quotes escaped."""
    if len(phrase) > limit:
        phrase = phrase[: limit // 2] + "…" + phrase[-(limit // 2) :]
    return repr(phrase)


def merge_duplicates(incidents: Iterable[Incident]) -> list[Incident]:
    """One row per (place, date, type, sub-type, figures, scope); notes list every source article.

    Rows without a location or date are never merged (nothing shows they are the same
    event). The kept row is the first by (article, quote_start); output order is that
    order, so the result does not depend on the input order. A merged row gets
    "sources=<article>,<article>" (each source article once, in order). Every row
    gets its ``evidence`` codes (mapper/extract/evidence.py) once merged.
    """
    rows = sorted(incidents, key=lambda i: (i.article, i.quote_start, i.quote_end, i.incident_id))
    kept: list[Incident] = []
    first: dict[tuple, int] = {}
    sources: dict[tuple, list[str]] = {}
    repeated: set[tuple] = set()
    for row in rows:
        if not row.location or not row.event_date:
            kept.append(row)
            continue
        key = (row.location.casefold(), row.event_date, row.event_type, row.sub_event_type,
               row.fatalities, row.fatalities_breakdown, row.scope)
        if key in first:
            repeated.add(key)
            if row.article not in sources[key]:
                sources[key].append(row.article)
            continue
        first[key] = len(kept)
        sources[key] = [row.article]
        kept.append(row)
    for key in repeated:
        kept[first[key]] = kept[first[key]].with_note(Note("sources", ",".join(sources[key])))
    return [replace(row, evidence=evidence_of(row)) for row in kept]


class _CallablePackage(types.ModuleType):
    """This package, callable as the notebook function: ``mapper.extract("Gunmen killed five ...")``.

    ``import mapper.extract`` sets the attribute ``mapper.extract`` to this package, replacing
    the function mapper/__init__.py exports under that name; calling the package calls it.
    """

    def __call__(self, text: str, published=None, **options):
        from mapper.api import extract

        return extract(text, published, **options)


sys.modules[__name__].__class__ = _CallablePackage
