"""Extraction: article text -> sentences, place mentions and ACLED-style incidents.

    result = extract_article(article, lexicon)   # ArticleExtraction
    rows = merge_duplicates(all_incidents)       # list[Incident], deterministic order

Pure functions over text; no file or network I/O; the lexicon is only asked about
capitalised candidates (one lookup per distinct name per article).

Modules (each docstring lists its rules):
  sentences       paragraphs, sentences, headings, datelines (exact offsets)
  places          place mentions: gazetteer + locative cues, people/organisations/demonyms out
  numbers         casualty figures, number words, breakdowns, rival figures, explicit zero
  dates           date phrases resolved against the publication date
  lexicon_events  THE table: trigger words -> ACLED event type / sub-event type
  actors          actor1 / actor2 phrases
  incidents       sentences -> incidents: support, merging, location, scope, date
  model           the frozen dataclasses; fastscan, words: speed helper and word lists

Incident ids are "<article id>-<8 hex>", a hash of the article id, the quote offsets
and the sub-event type: stable across runs and independent of other incidents.
Notes are ";"-separated "key=value" items (qualifier, other_figures, origin,
destination, location=from ..., date=..., trigger=..., sources=...).
"""

from __future__ import annotations

from typing import Iterable

from mapper.extract.incidents import build_incidents
from mapper.extract.model import ArticleExtraction, Incident, PlaceMention, Sentence
from mapper.extract.places import scan_places
from mapper.extract.sentences import is_heading, split_sentences

__all__ = ["extract_article", "merge_duplicates", "ArticleExtraction", "Incident", "PlaceMention", "Sentence"]


def extract_article(article, lexicon) -> ArticleExtraction:
    sentences = split_sentences(article.text)
    headings = frozenset(s.index for s in sentences if is_heading(s, sentences))
    scan = scan_places(article.text, sentences, lexicon, headings)
    incidents = build_incidents(article, sentences, headings, scan)
    return ArticleExtraction(article.id, sentences, scan.places, incidents)


def merge_duplicates(incidents: Iterable[Incident]) -> list[Incident]:
    """One row per (place, date, type, sub-type, figures, scope); notes list every source article.

    Rows without a location or date are never merged (nothing shows they are the same
    event). The kept row is the first by (article, quote_start); output order is that
    order, so the result does not depend on the input order. A merged row gets
    "sources=<article>,<article>" (each source article once, in order).
    """
    from dataclasses import replace

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
        row = kept[first[key]]
        note = "sources=" + ",".join(sources[key])
        kept[first[key]] = replace(row, notes=f"{row.notes};{note}" if row.notes else note)
    return kept
