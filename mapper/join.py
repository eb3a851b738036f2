"""Join incidents to places (pandas): the table the map and GeoJSON are drawn from.

A plain merge on typed columns: ``incidents.location`` joins ``places.place``
exactly (both are the name as written in the article), and for displacement
``incidents.origin`` joins it again for the origin's coordinates. Each incident
gains its coordinates, how they were found, the geocoder's ``uncertainty_km``
and ``approximation``, and its article's title/source/url. Nothing is read
back out of prose (``resolution``, ``notes``): what a later stage needs is a
column.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Mapping

import numpy as np
import pandas as pd

from mapper.articles import Article
from mapper.diagnostics import Diagnostic, Emit
from mapper.errors import InputError
from mapper.schema import INCIDENT_COLUMNS, PLACE_COLUMNS, PLACE_JOIN_COLUMNS
from mapper.storage import csv_record_lines, from_spreadsheet_safe

# Columns newer than some tables users still have, and the command that writes them.
# A places.csv from before them is read with the columns empty (see _add_missing).
ADDED_COLUMNS = {
    "article": "mapper geocode",
    "uncertainty_km": "mapper geocode",
    "approximation": "mapper geocode",
    "origin": "mapper extract",
    "destination": "mapper extract",
    "evidence": "mapper extract",
}


def read_table(path, columns: list[str], warn: Emit | None = None) -> pd.DataFrame:
    """Read one of our CSVs as text (no NaN guessing), checking its header and its number cells.

    The spreadsheet-safe quote of a text cell ("'=SUM(1)") is removed again.
    A hand-edited cell that is not what its column holds ("12.5" fatalities,
    a latitude "abc") skips its row with one message naming the file, line
    and column, given to ``warn`` (the rest is mapped); without ``warn`` it
    is raised as an InputError.
    """
    try:
        raw = Path(path).read_bytes()
        frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: not found; run the stage that writes it first (or `mapper build`)") from None
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise InputError(f"{path}: not a readable CSV ({error})") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    frame.columns = [from_spreadsheet_safe(str(name)) for name in frame.columns]
    frame = _add_missing(frame, path, columns, warn)
    frame = frame[columns].fillna("")  # (a row with too few fields reads as empty cells)
    if _may_have_quoted_cells(raw):
        for column in columns:
            values = frame[column].tolist()
            if any(value[:1] == "'" for value in values):
                frame[column] = [from_spreadsheet_safe(value) for value in values]
    problems = _row_problems(frame)
    if not problems:
        return frame
    lines = csv_record_lines(path)
    for position, problem in problems.items():
        line = lines[position] if position < len(lines) else position + 2
        message = f"{path} line {line}{problem}; row skipped"
        if warn is None:
            raise InputError(message)
        warn(Diagnostic("W501", "", message))  # the message names its file, line and column itself
    return frame.drop(index=frame.index[list(problems)]).reset_index(drop=True)


# Whole-number columns: (lowest, highest or None, required).
_WHOLE_NUMBERS = {
    "fatalities": (0, None, True),
    "quote_start": (0, None, True),
    "quote_end": (0, None, True),
    "time_precision": (1, 3, False),
    "geo_precision": (1, 3, False),
}
# Decimal columns: (lowest, highest, what the column holds). 20,038 km is half the
# Earth's circumference: no uncertainty is wider.
_DECIMALS = {"latitude": (-90.0, 90.0, "a latitude in degrees"), "longitude": (-180.0, 180.0, "a longitude in degrees"),
             "uncertainty_km": (0.0, 20_038.0, "a distance in km")}


def _is_digits(text: str) -> bool:
    """ASCII digits only ("745"; not "٧٤٥", "1e400"), at most 15 of them: a 320-digit toll stays out."""
    return text.isascii() and text.isdigit() and len(text) <= 15


def _add_missing(frame: pd.DataFrame, path, columns: list[str], warn: Emit | None) -> pd.DataFrame:
    """The table with every column of ``columns``: only ADDED_COLUMNS may be missing.

    A places.csv written before ``uncertainty_km`` existed is still mapped, with
    the new columns empty (no uncertainty rings), and one line says how to fill
    them. Nothing is derived from ``resolution``'s prose: that is the parsing
    the columns replace ("source: survey, ±20000 km" once drew a circle round
    the Earth). Without ``warn`` the message is raised as an InputError.
    """
    missing = [column for column in columns if column not in frame.columns]
    if not missing:
        return frame
    if any(column not in ADDED_COLUMNS for column in missing):
        raise InputError(f"{path}: missing columns {', '.join(missing)}")
    commands = sorted({ADDED_COLUMNS[column] for column in missing})
    message = (f"written by an older mapper, without {', '.join(missing)}; read with them empty; "
               f"run `{'` and `'.join(commands)}` (or `mapper build`) to fill them")
    if warn is None:
        raise InputError(f"{path}: {message}")
    warn(Diagnostic("W502", str(path), message))
    return frame.assign(**{column: "" for column in missing})


def _may_have_quoted_cells(raw: bytes) -> bool:
    """Whether any ' in the file follows a comma, a line end or an opening double quote.

    A cell starting with ' (a spreadsheet-safe "'=SUM(1)") must; most files
    have none, and numpy says so for 100,000 rows in ~10 ms, where looking at
    every cell in Python takes ~0.3 s.
    """
    data = np.frombuffer(raw, dtype=np.uint8)
    quotes = np.flatnonzero(data == ord("'"))
    if quotes.size == 0:
        return False
    if quotes[0] == 0:
        return True
    return bool(np.isin(data[quotes - 1], (ord(","), ord("\n"), ord('"'))).any())


def _suspects(column: str, values: list[str]) -> list[int]:
    """Positions of the cells of ``column`` that need a closer look (usually none), found at C speed."""
    if column in _WHOLE_NUMBERS:
        low, high, required = _WHOLE_NUMBERS[column]
        if high is None:
            joined = "".join(values)
            if joined.isdigit() and joined.isascii() and "" not in values and max(map(len, values), default=0) <= 15:
                return []  # "0", "745", ...: all whole numbers, none negative
        elif set(values) <= {"", *map(str, range(low, high + 1))}:
            return []
        return [position for position, value in enumerate(values) if _cell_problem(column, value)]
    if column in _DECIMALS:
        lowest, highest, _ = _DECIMALS[column]
        series = pd.Series(values, dtype=object)
        numbers = pd.to_numeric(series, errors="coerce")
        bad = (series != "") & ~((numbers >= lowest) & (numbers <= highest))
        return [int(position) for position in bad.to_numpy().nonzero()[0]]
    return []


def _row_problems(frame: pd.DataFrame) -> dict[int, str]:
    """Row position -> ', column fatalities: '1e400' is not a whole number' (the first bad cell of each row)."""
    problems: dict[int, str] = {}
    for column in frame.columns:
        values = frame[column].tolist()
        for position in _suspects(column, values):
            reason = _cell_problem(column, values[position])
            if reason and position not in problems:
                value = values[position]
                shown = value if len(value) <= 40 else value[:40] + "…"
                problems[position] = f", column {column}: {shown!r} {reason}"
    return dict(sorted(problems.items()))


def _cell_problem(column: str, text: str) -> str:
    if column in _WHOLE_NUMBERS:
        low, high, required = _WHOLE_NUMBERS[column]
        if not text.strip():
            return "is empty (a whole number is required)" if required else ""
        if not _is_digits(text.strip()):
            return "is negative" if _is_digits(text.strip().lstrip("-")) else "is not a whole number"
        value = int(text)
        if value < low or (high is not None and value > high):
            return f"is outside {low}..{high}" if high is not None else f"is below {low}"
        return ""
    if column in _DECIMALS:
        return _decimal_problem(text, *_DECIMALS[column])
    return ""


def _decimal_problem(text: str, low: float, high: float, what: str) -> str:
    """"is outside -90..90" for a latitude "95"; "" for an empty cell or a number in range."""
    if not text.strip():
        return ""
    try:
        value = float(text)
    except ValueError:
        return f"is not {what}"
    if not math.isfinite(value) or not low <= value <= high:
        return f"is outside {low:g}..{high:g}"
    return ""


def join_incidents(incidents: pd.DataFrame, places: pd.DataFrame, articles: Mapping[str, Article]) -> pd.DataFrame:
    """incidents x places on (article, ``location``) (and again on ``origin``), with each article's metadata.

    places.csv has one row per (article, place): the same name may sit in two
    places in two articles ("Columbus" in a Georgia story and an Ohio one).
    A places.csv written before the ``article`` column joins on the name alone.
    """
    incidents = incidents[INCIDENT_COLUMNS].copy()
    places = places[PLACE_COLUMNS]
    keys = ["article", "place"]
    if not (places["article"] != "").any():  # an older places.csv: one row per name
        places = places.drop_duplicates("place").drop(columns="article")
        keys = ["place"]
    places = places.drop_duplicates(keys)
    left = ["article", "location"] if len(keys) == 2 else ["location"]
    joined = incidents.merge(places, how="left", left_on=left, right_on=keys, validate="many_to_one")
    # "Thousands fled El Fasher for Tawila": the arrow starts at El Fasher's point.
    origins = places[[*keys[:-1], "place", "latitude", "longitude"]].rename(
        columns={"place": "origin", "latitude": "origin_latitude", "longitude": "origin_longitude"})
    origins = origins[origins["origin"] != ""]
    joined = joined.merge(origins, how="left", on=[*keys[:-1], "origin"], validate="many_to_one")

    for column in ("latitude", "longitude", "uncertainty_km", "origin_latitude", "origin_longitude"):
        joined[column] = pd.to_numeric(joined[column], errors="coerce")
    for column in ("fatalities", "time_precision", "quote_start", "quote_end", "geo_precision"):
        joined[column] = pd.to_numeric(joined[column], errors="coerce").astype("Int64")
    for field in ("title", "source", "url"):
        joined[f"article_{field}"] = [_article_field(articles, article_id, field) for article_id in joined["article"]]
    for column in ("provider", "country_code", "admin1", "approximation"):
        joined[column] = joined[column].fillna("")
    return joined[INCIDENT_COLUMNS + PLACE_JOIN_COLUMNS]


def _article_field(articles: Mapping[str, Article], article_id: str, field: str) -> str:
    article = articles.get(article_id)
    return getattr(article, field) if article else ""
