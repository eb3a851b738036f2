"""A capital written as a phrase ("the Yemeni capital", "the capital of Yemen") -> that country's capital city.

Extraction gives such a mention its country's ISO code (``PlaceUse.capital_of``, from
mapper.extract.capitals); the gazetteer knows each country's capital by name
(``CountryInfo.capital``). The city is that name's populated place in the country: the one
spelled as the capital first ("New Delhi", not Delhi, whose aliases hold it), then the most
populous. The resolver decides it before any candidate is weighed, like an override: its record
is the city's (geo_precision 1), and its resolution says why ("the capital of Yemen, as the
article writes 'the Yemeni capital'"). A bare "the capital" is the capital of the article's focus
country, decided once the focus is known, at geo_precision 2 (the article only implies it); with
no focus it is left to the approximations like any unknown name (unresolved.csv).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from geopy.location import Location

from mapper.extract.capitals import FOCUS
from mapper.geocode.names import fold
from mapper.geocode.records import DEFAULT_UNCERTAINTY_KM, PlaceRecord, PlaceUse


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


def bare_capital(uses: list[PlaceUse]) -> bool:
    """"the capital" with no country: the capital of the article's focus country, decided once
    the focus is known (never asked of the gazetteer as a name)."""
    return any(use.capital_of == FOCUS for use in uses)


def focus_capital_record(record: PlaceRecord, capital: Capital, name: str) -> PlaceRecord:
    """The city's record for a bare "the capital", near it (geo_precision 2): the article only
    implies which country's capital it means."""
    radius = DEFAULT_UNCERTAINTY_KM[2]
    why = (f"the capital of {capital.country}, the country the article is about (its focus), "
           f"as it writes {name!r}")
    return replace(record, geo_precision=2, uncertainty_km=radius, resolution=f"gazetteer: {why}; ±{radius:.0f} km")


def capital_code(uses: list[PlaceUse]) -> str:
    """The country whose capital a name's uses write it as ("the Yemeni capital" -> "YE"), or ""."""
    return next((use.capital_of for use in uses if use.capital_of and use.capital_of != FOCUS), "")


def capital_reason(capital: Capital, name: str) -> str:
    return f"the capital of {capital.country}, as the article writes {name!r}"
