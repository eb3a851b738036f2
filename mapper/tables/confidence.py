"""Confidence per incident: ``high`` / ``medium`` / ``low``, with its reasons in words.

Rules an analyst can check by hand (the README lists them):

- every doubt costs one step, a place only known as a region two: 0 doubts is high,
  1 medium, 2 or more low;
- the doubts: a place not found (two), a place known only as a first-level region, a
  country sector or the country, or named as one (two: "somewhere in central Syria", "in Lebanon"), another approximate
  place or one more than 25 km uncertain (one: "near El Fasher", "±40 km"); an event
  sentence without a place (one: the paragraph's or article's place stands in); a date
  from the publication date or counted back from it (one); rival tolls, an approximate
  toll or a toll only in words (one each); a weak event word (one);
- several sources (two or more articles reporting the same event) take one doubt off;
- a row a reviewer confirmed or edited is high, whatever the rest ("checked by a reviewer").
"""

from __future__ import annotations

import math

import pandas as pd

# approximation values (mapper/schema.py APPROXIMATIONS) that only name an area
_REGION_ONLY = frozenset({"admin1", "cell", "hull", "country"})
UNCERTAIN_KM = 25.0

_EVIDENCE_DOUBTS = {
    "place:paragraph": "the event's sentence names no place (the paragraph's stands in)",
    "place:article": "the event's sentence names no place (the article's region stands in)",
    "date:publication": "no date in the text (the publication date stands in)",
    "date:relative": "date counted back from the publication date",
    "figures:rival": "sources give rival tolls",
    "figures:approximate": "approximate toll",
    "figures:words": "toll only in words (\"dozens\")",
    "trigger:weak": "event word weak without its context",
}
LEVELS = ("high", "medium", "low")
REVIEWED = frozenset({"confirmed", "edited"})


def _place_doubts(latitude, approximation: str, uncertainty_km, geo_precision=None) -> list[tuple[int, str]]:
    if latitude is None or pd.isna(latitude):
        return [(2, "place not found")]
    km = None if uncertainty_km is None or pd.isna(uncertainty_km) else float(uncertainty_km)
    size = f" (±{km:,.0f} km)" if km is not None and math.isfinite(km) else ""
    # geo_precision 3 (ACLED: a region or province) is also a country or region named as the place ("in Lebanon")
    if approximation in _REGION_ONLY or (geo_precision is not None and not pd.isna(geo_precision) and geo_precision >= 3):
        return [(2, f"place known only as a region{size}")]
    if approximation not in ("", "none"):
        return [(1, f"place approximate{size}")]
    if km is not None and km > UNCERTAIN_KM:
        return [(1, f"place uncertain{size}")]
    return []


def assess(evidence: str, latitude, approximation: str, uncertainty_km, review_state: str = "",
           geo_precision=None) -> tuple[str, str]:
    """(level, reasons) of one row; ``evidence`` is the row's evidence codes ("date:publication;sources:2")."""
    if review_state in REVIEWED:
        return "high", "checked by a reviewer"
    doubts = _place_doubts(latitude, approximation, uncertainty_km, geo_precision)
    support = ""
    for code in filter(None, evidence.split(";")):
        if code in _EVIDENCE_DOUBTS:
            doubts.append((1, _EVIDENCE_DOUBTS[code]))
        elif code.startswith("sources:"):
            support = f"{code.split(':', 1)[1]} sources"
    cost = sum(step for step, _ in doubts) - (1 if support else 0)
    level = LEVELS[min(max(cost, 0), 2)]
    reasons = [reason for _, reason in doubts] + ([support] if support else [])
    return level, "; ".join(reasons) if reasons else "place, date and toll as written in the event's sentence"


def with_confidence(joined: pd.DataFrame) -> pd.DataFrame:
    """The joined table with ``confidence`` and ``confidence_reasons`` for every row (and ``review_state``
    and ``edited_fields``, empty, when no reviews were applied: mapper/review.py)."""
    if "review_state" not in joined.columns:
        joined = joined.assign(review_state="", edited_fields="")
    reviews = joined["review_state"]
    pairs = [assess(evidence, latitude, approximation, km, review, precision)
             for evidence, latitude, approximation, km, review, precision in zip(
                 joined["evidence"], joined["latitude"], joined["approximation"], joined["uncertainty_km"], reviews,
                 joined["geo_precision"], strict=True)]
    return joined.assign(confidence=[level for level, _ in pairs], confidence_reasons=[why for _, why in pairs])
