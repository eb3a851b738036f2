"""A capital written as a phrase ("the Yemeni capital", "the capital of Yemen") -> that country's capital city.

Extraction gives such a mention its country's ISO code (``PlaceUse.capital_of``, from
mapper.extract.capitals); the gazetteer knows each country's capital by name
(``CountryInfo.capital``). The city is that name's populated place in the country: the one
spelled as the capital first ("New Delhi", not Delhi, whose aliases hold it), then the most
populous. The resolver decides it before any candidate is weighed, like an override: its record
is the city's (geo_precision 1), and its resolution says why ("the capital of Yemen, as the
article writes 'the Yemeni capital'").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from geopy.location import Location

from mapper.geocode.names import fold
from mapper.geocode.records import PlaceUse


@dataclass(frozen=True)
class Capital:
    country: str  # the country's name in the gazetteer: "Yemen"
    city: Location  # the capital as the gazetteer answers for it (raw: ``Candidate.to_raw()``)


def capital_of(gazetteer: Any, code: str) -> Capital | None:
    """The capital city of the country ``code`` in ``gazetteer`` (a ``Gazetteer``), or None when
    there is no gazetteer, no such country, or its capital is no place of it the gazetteer holds."""
    info = gazetteer.country(code) if gazetteer is not None and code else None
    if info is None or not info.capital:
        return None
    found = [c for c in gazetteer.candidates(info.capital, country_codes=[info.code])
             if c.kind == "populated" and c.match == "exact"]
    if not found:
        return None
    key = fold(info.capital)
    city = next((c for c in found if fold(c.name) == key), found[0])
    address = ", ".join(part for part in (city.name, city.admin1, info.name) if part)
    return Capital(info.name, Location(address, (city.latitude, city.longitude), city.to_raw()))


def capital_code(uses: list[PlaceUse]) -> str:
    """The country whose capital a name's uses write it as ("the Yemeni capital" -> "YE"), or ""."""
    return next((use.capital_of for use in uses if use.capital_of), "")


def capital_reason(capital: Capital, name: str) -> str:
    return f"the capital of {capital.country}, as the article writes {name!r}"
