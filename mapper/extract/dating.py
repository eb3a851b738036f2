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
from mapper.extract.dates import DATE_WORDS, DatePhrase, add_days, calendar_date, date_words, find_dates
from mapper.extract.fastscan import Scanner
from mapper.extract.lowercase import lower_is_exact
from mapper.extract.model import Sentence
from mapper.extract.sentences import dateline_spans

_ONSET = re.compile(rf"\b(?:{date_words('onset')})\b", re.I)  # "began", "broke out" (date_words.csv)
_ONSET_SCAN = Scanner(_ONSET.pattern)  # the same matches, found from word starts in lower case
# "the UN said on Sunday" (date_words.csv, said_before_date)
_SPEECH_BEFORE = re.compile(rf"\b(?:{date_words('said_before_date')})\s+(?:(?:{date_words('after_said')})\s+)?$", re.I)


def necessary_word(pattern: str) -> str | None:
    """A word every match of ``pattern`` contains ("was\\s+triggered" -> "triggered", "flared(?:\\s+up)?"
    -> "flared"), its longest literal word outside optional groups; None when the pattern has
    syntax this reading does not follow (an alternation, a class outside a group)."""
    bare = re.sub(r"\(\?:[^()]*\)[?*]", " ", pattern).replace(r"\s+", " ")
    if re.search(r"[^a-z' -]", bare):
        return None
    found = max(bare.split(), key=len, default="")
    return found or None


def _onset_words() -> tuple[str, ...] | None:
    """The words one of which any onset match holds (None: no such list, always search)."""
    found = [necessary_word(r.text("pattern")) for r in DATE_WORDS if r.text("kind") == "onset"]
    return None if None in found else tuple(dict.fromkeys(w for w in found if w))


_ONSET_WORDS = _onset_words()


# "Date of incident:\nJuly 19, 2006": a field label (date_words.csv, incident_label), its colon,
# and the date within a few characters after it (the value may stand on the next line)
_LABEL = re.compile(rf"\b(?:{date_words('incident_label')})[ \t]*:", re.I)
LABEL_REACH = 12


@dataclass(frozen=True)
class ArticleDates:
    by_sentence: dict[int, list[DatePhrase]]  # sentence index -> the phrases that may date its incidents
    onset: DatePhrase | None  # "the clashes began on Thursday": Thursday
    paragraphs: ParagraphDates  # the paragraph's last exact / week date before an incident
    labelled: DatePhrase | None = None  # "Date of incident: July 19, 2006": the report's own date


def article_dates(index: ArticleIndex) -> ArticleDates:
    by_sentence = event_dates_by_sentence(index)
    anchor_relative_dates(index.sentences, by_sentence)
    return ArticleDates(by_sentence, article_onset(index, by_sentence), ParagraphDates(index.sentences, by_sentence),
                        labelled_date(index.text, by_sentence))


def labelled_date(text: str, by_sentence: dict[int, list[DatePhrase]]) -> DatePhrase | None:
    """The exact date a form's field gives for the report's events ("Date of incident: July 19,
    2006"), or None: the first label whose value, within ``LABEL_REACH`` characters after its
    colon, is a date phrase with a day."""
    if ":" not in text:
        return None
    phrases = sorted((d for ds in by_sentence.values() for d in ds), key=lambda d: d.start)
    for m in _LABEL.finditer(text):
        value = next((d for d in phrases if m.end() <= d.start <= m.end() + LABEL_REACH), None)
        if value is not None and value.date is not None and value.precision == 1 and value.relative_days is None:
            return value
    return None


def event_dates_by_sentence(index: ArticleIndex) -> dict[int, list[DatePhrase]]:
    text = index.text
    datelines = dateline_spans(text, index.sentences)
    out: dict[int, list[DatePhrase]] = {}
    for d in find_dates(text, index.published):
        if any(a <= d.start < b for a, b in datelines):
            continue  # the filing date, not the event's
        if _NAME_AFTER.match(text, d.end):
            continue  # "July 7 neighbourhood", "the 26 September Street": a name, not a date
        sentence = index.sentence_of(d.start)
        start = index.sentences[sentence].start if index.sentences else 0
        if said_before(text, start, d.start) and not _AS_REPORTED.search(text, max(start, d.start - 24), d.start):
            continue  # "the UN said on Sunday": when it was said, not when it happened
        out.setdefault(sentence, []).append(d)
    return {sentence: _years_from_the_sentence(_outside_brackets(text, phrases)) for sentence, phrases in out.items()}


def _outside_brackets(text: str, phrases: list[DatePhrase]) -> list[DatePhrase]:
    """"Around 2 May 2020 (from 2 - 4 May), residents demonstrated": the dates in brackets only
    spell out the range of the one before them; they date nothing when another date stands outside."""
    def bracketed(d: DatePhrase) -> bool:
        return text.rfind("(", max(0, d.start - 40), d.start) > text.rfind(")", max(0, d.start - 40), d.start)
    outside = [d for d in phrases if not bracketed(d)]
    return outside if outside and len(outside) < len(phrases) else phrases


# "As reported on 2 May 2020, regime forces looted ...": a coder's note dates its event so
_AS_REPORTED = re.compile(r"\bas\s+reported\s+(?:on\s+)?$", re.I)
# a date that names a street, a neighbourhood or a square ("July 7 neighbourhood in Hodeidah")
_NAME_AFTER = re.compile(r"[ \t]+(?:neighbou?rhoods?|streets?|st\.|roads?|squares?|districts?|bridges?|camps?|brigades?)\b", re.I)


def _years_from_the_sentence(phrases: list[DatePhrase]) -> list[DatePhrase]:
    """"Around 2 May 2020 (from 2 - 4 May)": a day and month written without a year, in a sentence
    that gives a year to another date, is in that year (not the May 4 of the year before the
    report, when the report is dated 3 May)."""
    dated = [d.date for d in phrases if d.date is not None and _YEAR_IN.search(d.text)]
    if len({day.year for day in dated}) != 1:
        return phrases
    year = dated[0].year
    out = []
    for d in phrases:
        if d.date is not None and d.precision == 1 and d.relative_days is None and not _YEAR_IN.search(d.text) \
                and d.date.year != year:
            moved = calendar_date(year, d.date.month, d.date.day)
            # within a month of the dated one only ("On 3 January 2021, ... since 28 December" stays)
            if moved is not None and any(abs((moved - day).days) <= 31 for day in dated):
                d = replace(d, date=moved)
        out.append(d)
    return out


_YEAR_IN = re.compile(r"\b(?:1[89]|20)\d\d\b")


def said_before(text: str, sentence_start: int, start: int) -> bool:
    """"the UN said on Sunday", "told AFP late Friday": a said_before_date word (and maybe an
    after_said word) is what the date at ``start`` follows, read in the last three words
    before it in its sentence (from ``sentence_start``)."""
    if not text[start - 1 : start].isspace():
        return False
    words = text[max(0, min(sentence_start, start)) : start].rsplit(None, 3)[-3:]
    return bool(words) and _SPEECH_BEFORE.search(" ".join(words) + " ") is not None


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
    if lower_is_exact(text, low):
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
    if _ONSET_WORDS is not None:
        for word in _ONSET_WORDS:
            if word in lower:
                return _ONSET.search(sentence) is not None
        return False
    return _ONSET.search(sentence) is not None
