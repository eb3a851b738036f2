"""Dating: which date phrases may date an incident, and the article's onset.

- a dateline's date is the filing date, never the event's;
- a date right after a speech verb says when something was said, not when it happened
  ("the UN said on Sunday");
- "three days later", "the previous day" count from the paragraph's last exact date, in
  text order (a phrase "ago" never anchors: "two weeks ago" is relative to publication);
- the article's onset is the first date phrase after "began/erupted/broke out ..." in the
  same sentence ("the clashes began on Thursday"): a sentence saying the violence
  began takes it (see context.resolve_date for the whole order).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from mapper.extract.article_index import ArticleIndex
from mapper.extract.context import ParagraphDates
from mapper.extract.dates import DatePhrase, add_days, find_dates
from mapper.extract.fastscan import Scanner
from mapper.extract.model import Sentence
from mapper.extract.sentences import dateline_spans

_ONSET = re.compile(r"\b(?:began|begun|started|erupted|broke\s+out|flared(?:\s+up)?|was\s+triggered|were\s+triggered|sparked|first\s+broke)\b", re.I)
# a word every _ONSET match contains: a sentence without one cannot match (cheap test first)
_ONSET_SCAN = Scanner(_ONSET.pattern)  # the same matches, found from word starts in lower case
# the only letters that re.I matches to an ASCII letter without lower-casing to it (ı ſ)
_CASE_TRAPS = re.compile("[\u0131\u017f]")
_ONSET_WORDS = ("began", "begun", "started", "erupted", "broke", "flared", "triggered", "sparked")
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\w+|reported|announced|added|stated|confirmed|tweeted|wrote)\s+(?:on\s+|late\s+|early\s+)?$", re.I
)


@dataclass(frozen=True)
class ArticleDates:
    by_sentence: dict[int, list[DatePhrase]]  # sentence index -> the phrases that may date its incidents
    onset: DatePhrase | None  # "the clashes began on Thursday": Thursday
    paragraphs: ParagraphDates  # the paragraph's last exact / week date before an incident


def article_dates(index: ArticleIndex) -> ArticleDates:
    by_sentence = event_dates_by_sentence(index)
    anchor_relative_dates(index.sentences, by_sentence)
    return ArticleDates(by_sentence, article_onset(index, by_sentence), ParagraphDates(index.sentences, by_sentence))


def event_dates_by_sentence(index: ArticleIndex) -> dict[int, list[DatePhrase]]:
    text = index.text
    datelines = dateline_spans(text, index.sentences)
    out: dict[int, list[DatePhrase]] = {}
    for d in find_dates(text, index.published):
        if any(a <= d.start < b for a, b in datelines):
            continue  # the filing date, not the event's
        if _SPEECH_BEFORE.search(text[max(0, d.start - 30) : d.start]):
            continue  # "the UN said on Sunday": when it was said, not when it happened
        out.setdefault(index.sentence_of(d.start), []).append(d)
    return out


def anchor_relative_dates(sentences: tuple[Sentence, ...], by_sentence: dict[int, list[DatePhrase]]) -> None:
    """Resolve "three days later", "the previous day" in place, from the paragraph's last
    exact date before them ("On 3 March ... Two days later": 5 March, precision 1)."""
    anchor: dt.date | None = None
    paragraph = -1
    for s in sentences:
        if s.paragraph != paragraph:
            paragraph, anchor = s.paragraph, None
        for k, phrase in enumerate(by_sentence.get(s.index, ())):
            if phrase.relative_days is not None and anchor is not None:
                date = add_days(anchor, phrase.relative_days)  # None: "99999999 days later" leaves the calendar
                by_sentence[s.index][k] = replace(phrase, date=date, precision=1, relative_days=None,
                                                  out_of_range=date is None)
                anchor = date or anchor
            elif phrase.date is not None and phrase.precision == 1 and "ago" not in phrase.text:
                anchor = phrase.date


def article_onset(index: ArticleIndex, by_sentence: dict[int, list[DatePhrase]]) -> DatePhrase | None:
    """The first dated phrase after an onset verb in its sentence ("the clashes began on Thursday")."""
    text = index.text
    low = text.lower()
    if len(low) == len(text) and not _CASE_TRAPS.search(text):
        onsets = _ONSET_SCAN.finditer(low)
    else:
        onsets = _ONSET.finditer(text)
    for m in onsets:
        s = index.sentence_of(m.start())
        after = [d for d in by_sentence.get(s, []) if d.start >= m.end() and d.date and "ago" not in d.text]
        if after:
            return after[0]
    return None


def mentions_onset(sentence: str, lower: str) -> bool:
    """"the violence erupted ...": the sentence says when the violence began (``lower`` is
    ``sentence.lower()``, computed once by the caller)."""
    return any(w in lower for w in _ONSET_WORDS) and _ONSET.search(sentence) is not None
