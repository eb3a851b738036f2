"""Tables stage: the joined incidents as the tables an analyst counts from.

    joined = with_confidence(with_countries(join_incidents(...)))
    local, aggregates = split_scope(joined)
    write_csv("data/incidents.csv", TABLE_COLUMNS, table_rows(local, TABLE_COLUMNS))
    write_csv("data/incidents_acled.csv", ACLED_COLUMNS, acled_rows(local))

Local incidents and overall tolls ("at least 745 civilians were killed in the
violence") never share a table, so ``SUM(fatalities)`` over data/incidents.csv
counts each death once.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import pandas as pd

from mapper.tables.acled import acled_rows
from mapper.tables.confidence import assess, with_confidence
from mapper.tables.geography import country_of, with_countries

__all__ = ["acled_rows", "assess", "country_of", "split_scope", "table_rows", "with_confidence", "with_countries"]


def split_scope(joined: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(local incidents, aggregate rows), each in the joined table's order."""
    aggregate = joined["scope"] == "aggregate"
    return joined[~aggregate], joined[aggregate]


def _cell(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value


def table_rows(frame: pd.DataFrame, columns: Sequence[str]) -> list[list]:
    """The frame's rows as plain Python cells for write_csv: missing values are "" (never "nan")."""
    present = frame.reindex(columns=list(columns), fill_value="")
    return [[_cell(value) for value in row] for row in present.astype(object).itertuples(index=False, name=None)]
