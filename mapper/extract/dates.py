"""Date phrases and their resolution against the article's publication date.

- weekday ("on Thursday", "Thursday night") = the most recent such weekday on or
  before ``published`` ("last Thursday" on a Thursday = a week before); precision 1;
- "yesterday", "last night" = published - 1; "today", "this morning" = published;
- "the previous day", "the day before", "a day earlier" = the incident's context date - 1
  (see incidents.py; published - 1 with precision 2 when no context date is known);
  "the next/following day" = context + 1;
- "N days ago" precision 1, "last week", "N weeks ago", "this week" precision 2,
  "last month", "N months ago", "in March", "earlier this month", "last year" precision 3;
- explicit dates ("March 6", "6 March 2025", "2025-03-06"); without a year, the most
  recent such date on or before ``published``;
- without ``published`` only explicit dates with a year resolve; everything else keeps
  ``date=None`` and the phrase stays in date_text;
- a date Python cannot hold (years 1..9999 only: "in March 0000", "3000 years ago",
  "99999999 days later", "the previous day" of a sidecar dated 0001-01-01) keeps
  ``date=None`` with ``out_of_range=True``; the incident notes ``date=out_of_range``.
  All date arithmetic goes through ``calendar_date``, ``add_days`` and ``months_back``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from mapper.extract.fastscan import Scanner
from mapper.extract.lowercase import fold, lower_is_exact
from mapper.extract.vocabulary import table
from mapper.extract.words import MONTH_ABBR, MONTHS, WEEKDAYS

DATE_WORDS = table("date_words.csv")


def date_words(kind: str) -> str:
    """date_words.csv: the patterns of one kind ("onset", "yesterday"), as alternatives in file order."""
    return "|".join(r.text("pattern") for r in DATE_WORDS if r.text("kind") == kind)


# calendar.csv, in file order ("Sept" before "Sep"), written as in prose: "March", "Mar."; a
# whole word ("destroyed 12 marijuana crops" holds no 12 March, "killing of 3 separatist members" no 3 Sep)
_MONTH = "(?:" + "|".join(m.capitalize() for m in (*MONTHS, *MONTH_ABBR)) + r")\b\.?"
_WEEKDAY = "(?:" + "|".join(d.capitalize() for d in WEEKDAYS) + ")"
_WEEKDAY_NUMBER = {d: i for i, d in enumerate(WEEKDAYS)}  # "monday" 0, as date.weekday()
# "in May" is left out: "in may" would be the modal verb once the text is matched lower-cased
_MONTH_NO_MAY = "|".join(m.capitalize() for m in MONTHS if m != "may")
# "three days later": the number words up to twelve (number_words.csv), "a"/"an" for one
_NUMWORD = {"a": 1, "an": 1, **{r.text("word"): r.integer("value") for r in table("number_words.csv")
                                if r.integer("value") <= 12}}
_N = r"(?:\d{1,3}(?:,\d{3})+|\d+|" + "|".join(_NUMWORD) + ")"

_DATE = re.compile(
    rf"(?P<iso>\b\d{{4}}-\d{{2}}-\d{{2}}\b)"
    rf"|(?P<md>\b(?P<md_m>{_MONTH})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<md_y>\d{{4,}})\b)?)"
    rf"|(?P<dm>\b(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_m>{_MONTH})(?:,?\s+(?P<dm_y>\d{{4,}})\b)?)"
    rf"|(?P<wd>\b(?:(?P<wd_last>last|past|this)\s+)?(?P<wd_d>{_WEEKDAY})\b(?:\s+(?:morning|afternoon|evening|night))?)"
    rf"|(?P<yday>\b(?:{date_words('yesterday')})\b)"
    rf"|(?P<today>\b(?:{date_words('today')})\b)"
    rf"|(?P<rel>\b(?:(?P<rel_before>{date_words('day_before')})|(?P<rel_n>{_N})\s+days?\s+(?:earlier|before)"
    rf"|(?P<rel_after>{date_words('day_after')})|(?P<rel_m>{_N})\s+days?\s+later)\b)"
    rf"|(?P<ago>\b(?P<ago_n>{_N})\s+(?P<ago_u>day|week|month|year)s?\s+ago\b)"
    rf"|(?P<lastu>\b(?:last|past|earlier\s+this|this)\s+(?P<lastu_u>week|month|weekend|year)\b)"
    rf"|(?P<mon>\b(?:in|since|during|early|mid|late|(?:early|mid|late)-)\s*(?:(?:early|mid|late)[- ])?(?P<mon_m>{_MONTH_NO_MAY})(?:\s+(?P<mon_y>\d{{4,}}))?\b)",
)


_DATE_I = re.compile(_DATE.pattern, re.I)
_DATE_LOWER = Scanner(re.sub(r"[A-Z][a-z]+", lambda m: m.group(0).lower(), _DATE.pattern))


@dataclass(frozen=True)
class DatePhrase:
    start: int
    end: int
    text: str
    date: dt.date | None
    precision: int
    relative_days: int | None = None  # set for "the previous day" & co: resolve against context
    out_of_range: bool = False  # the phrase names a date outside years 1..9999 ("3000 years ago")


OUT_OF_RANGE_NOTE = "date=out_of_range"

# -- date arithmetic that may leave Python's calendar ---------------------------------
# Python's dates hold years 1..9999 only, and article text can name any number:
# "in March 0000", "3000 years ago" (year -975), "99999999 days later", or "the previous
# day" in an article whose sidecar says 0001-01-01. Every date computation of extraction
# goes through these three functions, which answer None instead of raising; the caller
# keeps the phrase as text with an empty date and says so (OUT_OF_RANGE_NOTE).


def calendar_date(year: int, month: int, day: int) -> dt.date | None:
    """``dt.date(year, month, day)``, or None when the year is outside 1..9999. An impossible
    day in a possible year (February 30) still raises ValueError: that is not a range problem."""
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    return dt.date(year, month, day)


def add_days(day: dt.date | None, days: int) -> dt.date | None:
    """``day + days`` (days may be negative), or None when that leaves the calendar."""
    if day is None:
        return None
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:  # past 9999-12-31 or before 0001-01-01, or more days than timedelta holds
        return None


def months_back(day: dt.date, months: int) -> dt.date | None:
    """The same day ``months`` earlier (clamped to the 28th, so every month has it), or None."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return calendar_date(y, m + 1, min(day.day, 28))


# A longer match is not a date phrase as written in prose ("March", a million spaces, "6";
# "99…9 days later" with 5000 digits): it is skipped, and no date_text (copied into every
# incident dated by it) or number (int() refuses more than 4300 digits) comes from it.
MAX_DATE_PHRASE_CHARS = 60


def _month_number(token: str) -> int:
    t = fold(token.rstrip("."))
    if t in MONTHS:
        return MONTHS.index(t) + 1
    return MONTH_ABBR[t[:4] if t.startswith("sept") else t[:3]]


def _digits(token: str) -> int:
    """A digit string's value: "12,000" is 12000 (at most MAX_DATE_PHRASE_CHARS digits)."""
    return int(token.replace(",", ""))


def _n(token: str | None) -> int:
    if token is None:
        return 1
    return _digits(token) if token[0].isdigit() else _NUMWORD[fold(token)]


def _explicit(year: str | None, month: int, day: int, published: dt.date | None) -> tuple[dt.date | None, bool]:
    """(date, out_of_range): "6 March 2025", or "March 6" as the latest such day on or before
    ``published``. An impossible day (February 30) is (None, False)."""
    try:
        if year:
            date = calendar_date(_digits(year), month, day)
            return date, date is None
        if published is None:
            return None, False
        candidate = calendar_date(published.year, month, day)
        if candidate is not None and candidate > published:  # None only outside years 1..9999
            # "December 31" in an article published 0001-01-01 would be year 0
            candidate = calendar_date(published.year - 1, month, day)
        return candidate, candidate is None
    except ValueError:
        return None, False


@dataclass(frozen=True)
class _Reading:
    """What one date phrase says: a date (or None), its precision in days/weeks/months (1/2/3),
    a relative offset to resolve against the context date, and whether it left the calendar."""

    date: dt.date | None = None
    precision: int = 1
    relative_days: int | None = None
    out_of_range: bool = False


def _iso(m: re.Match[str], _published: dt.date | None) -> _Reading | None:
    """"2025-03-06"; "2024-13-45" is no date (None), "0000-03-06" one Python cannot hold."""
    try:
        return _Reading(dt.date.fromisoformat(m.group("iso")))
    except ValueError:
        if not m.group("iso").startswith("0000-"):
            return None
        return _Reading(out_of_range=True)


def _month_day(m: re.Match[str], published: dt.date | None) -> _Reading:
    """"March 6", "March 6, 2025"."""
    date, out_of_range = _explicit(m.group("md_y"), _month_number(m.group("md_m")), int(m.group("md_d")), published)
    return _Reading(date, out_of_range=out_of_range)


def _day_month(m: re.Match[str], published: dt.date | None) -> _Reading:
    """"6 March", "6th of March 2025"."""
    date, out_of_range = _explicit(m.group("dm_y"), _month_number(m.group("dm_m")), int(m.group("dm_d")), published)
    return _Reading(date, out_of_range=out_of_range)


def _weekday(m: re.Match[str], published: dt.date | None) -> _Reading:
    """"on Thursday": the latest Thursday on or before ``published``; "last Thursday" on a
    Thursday is a week before."""
    if published is None:
        return _Reading()
    wd = _WEEKDAY_NUMBER[fold(m.group("wd_d"))]
    delta = (published.weekday() - wd) % 7
    if delta == 0 and m.group("wd_last") in ("last", "past"):
        delta = 7
    date = add_days(published, -delta)
    return _Reading(date, out_of_range=date is None)


def _yesterday(_m: re.Match[str], published: dt.date | None) -> _Reading:
    """"yesterday", "last night"."""
    date = add_days(published, -1)
    return _Reading(date, out_of_range=published is not None and date is None)


def _today(_m: re.Match[str], published: dt.date | None) -> _Reading:
    """"today", "this morning", "tonight"."""
    return _Reading(published)


def _relative(m: re.Match[str], _published: dt.date | None) -> _Reading:
    """"the previous day" (-1), "three days later" (+3): resolved later against the context date."""
    if m.group("rel_n"):
        rel = -_n(m.group("rel_n"))
    elif m.group("rel_m"):
        rel = _n(m.group("rel_m"))
    else:
        rel = 1 if m.group("rel_after") else -1
    return _Reading(relative_days=rel)


def _ago(m: re.Match[str], published: dt.date | None) -> _Reading:
    """"3 days ago" (precision 1), "two weeks ago" (2), "a month ago", "a year ago" (3)."""
    n, unit = _n(m.group("ago_n")), fold(m.group("ago_u"))
    if published is None:
        return _Reading(precision={"day": 1, "week": 2}.get(unit, 3))
    if unit == "day":
        date, precision = add_days(published, -n), 1
    elif unit == "week":
        date, precision = add_days(published, -7 * n), 2
    elif unit == "month":
        date, precision = months_back(published, n), 3
    else:
        date, precision = months_back(published, 12 * n), 3
    return _Reading(date, precision, out_of_range=date is None)


def _last_unit(m: re.Match[str], published: dt.date | None) -> _Reading:
    """"last week", "this weekend" (precision 2), "last month", "earlier this month", "last year" (3)."""
    unit = fold(m.group("lastu_u"))
    back = fold(m.group("lastu")).startswith(("last", "past"))
    if unit in ("week", "weekend"):
        date, precision = add_days(published, -7 if back else 0), 2
    else:
        date = (months_back(published, 12 if unit == "year" else 1) if back else published) if published else None
        precision = 3
    return _Reading(date, precision, out_of_range=published is not None and date is None)


def _in_month(m: re.Match[str], published: dt.date | None) -> _Reading:
    """"in March" (the latest March on or before ``published``), "since March 2024"; precision 3.
    "In mid-January 2022": the 15th, precision 2 (the middle of the month, not its first day)."""
    month = _month_number(m.group("mon_m"))
    year = m.group("mon_y")
    mid = "mid" in m.group("mon").lower().replace("-", " ").split()[:2]
    day, precision = (MID_MONTH_DAY, 2) if mid else (1, 3)
    if year:
        date = calendar_date(_digits(year), month, day)
        return _Reading(date, precision, out_of_range=date is None)
    if published is None:
        return _Reading(precision=precision)
    date = calendar_date(published.year if month <= published.month else published.year - 1, month, day)
    return _Reading(date, precision, out_of_range=date is None)


MID_MONTH_DAY = 15


# The alternatives of _DATE, each read by its own rule, in the pattern's order.
DATE_READINGS: tuple[tuple[str, Callable[[re.Match[str], dt.date | None], _Reading | None]], ...] = (
    ("iso", _iso), ("md", _month_day), ("dm", _day_month), ("wd", _weekday), ("yday", _yesterday),
    ("today", _today), ("rel", _relative), ("ago", _ago), ("lastu", _last_unit), ("mon", _in_month),
)


_RULE_OF = dict(DATE_READINGS)


def _read(m: re.Match[str], published: dt.date | None) -> _Reading | None:
    """The reading of the alternative that matched: its named group closes last, so it is
    ``m.lastgroup`` (the groups inside it close before it)."""
    rule = _RULE_OF.get(m.lastgroup or "")
    return rule(m, published) if rule is not None else _Reading()


def find_dates(text: str, published: dt.date | None) -> tuple[DatePhrase, ...]:
    found = []
    low = text.lower()
    subject, regex = (low, _DATE_LOWER) if lower_is_exact(text, low) else (text, _DATE_I)
    for m in regex.finditer(subject):
        if m.end() - m.start() > MAX_DATE_PHRASE_CHARS:
            continue
        reading = _read(m, published)
        if reading is None:
            continue
        found.append(DatePhrase(m.start(), m.end(), text[m.start() : m.end()], reading.date, reading.precision,
                                reading.relative_days, reading.out_of_range))
    return tuple(found)


def resolve_relative(phrase: DatePhrase, anchor: dt.date | None, published: dt.date | None) -> tuple[dt.date | None, int, str]:
    """Resolve "the previous day" & co. Returns (date, precision, note)."""
    if phrase.relative_days is None:
        return phrase.date, phrase.precision, OUT_OF_RANGE_NOTE if phrase.out_of_range else ""
    if anchor is not None:
        date = add_days(anchor, phrase.relative_days)
        return date, 1, "" if date else OUT_OF_RANGE_NOTE
    if published is not None:
        date = add_days(published, phrase.relative_days)
        return date, 2, "date=relative to publication (no context date)" if date else OUT_OF_RANGE_NOTE
    return None, 1, ""
