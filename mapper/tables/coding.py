"""The coding tables of ``mapper/tables/data/``: ACLED's types, actor types and regions, read once.

Each file is CSV with ``#`` comment lines on top (what the columns mean, with
examples) and a ``note`` column; an analyst extends them without touching code.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).with_name("data")


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


@dataclass(frozen=True)
class AcledType:
    """How one of our (event type, sub-event type) pairs is written in an ACLED export."""

    event_type: str
    sub_event_type: str  # ACLED's name ("Other" for our extension sub-types)
    disorder_type: str
    civilian_targeting: bool  # when the actor is civilians
    tag: str  # "mapper: displacement" for an extension sub-type, else ""


@functools.cache
def acled_types() -> dict[tuple[str, str], AcledType]:
    table = {}
    for row in _rows("acled_types.csv"):
        sub = row["acled_sub_event_type"] or row["sub_event_type"]
        table[(row["event_type"], row["sub_event_type"])] = AcledType(
            row["event_type"], sub, row["disorder_type"], row["civilian_targeting"] == "yes", row["tag"])
    return table


@functools.cache
def _actor_rules() -> tuple[tuple[re.Pattern[str], int], ...]:
    return tuple((re.compile(rf"\b(?:{row['pattern']})\b"), int(row["inter"])) for row in _rows("actor_types.csv"))


def actor_type(actor: str) -> int | None:
    """ACLED's inter code of an actor as written: "Syrian security forces" -> 1, "gunmen" -> 3, "" -> None."""
    text = actor.lower()
    if not text:
        return None
    return next((code for pattern, code in _actor_rules() if pattern.search(text)), None)


@functools.cache
def _regions() -> dict[str, str]:
    return {code: row["region"] for row in _rows("acled_regions.csv") for code in row["countries"].split()}


def acled_region(country_code: str) -> str:
    """ACLED's region of a country (ISO alpha-2): "SY" -> "Middle East"; unknown -> ""."""
    return _regions().get(country_code.upper(), "")


@functools.cache
def acled_country_names() -> dict[str, str]:
    """ACLED's name of a country where it differs from GeoNames': {"CD": "Democratic Republic of Congo"}."""
    return {row["code"]: row["name"] for row in _rows("country_names.csv")}
