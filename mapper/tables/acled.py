"""The local incidents as an ACLED export: ACLED's 31 columns in ACLED's order.

So ``pandas.concat([acled_export, pd.read_csv("data/incidents_acled.csv")])`` lines up
column for column. What can be derived is (mapper/tables/data/ holds the tables):

- ``disorder_type``, ACLED's ``sub_event_type`` (our own sub-types under "Other" with a
  ``tags`` entry "mapper: displacement") and ``civilian_targeting`` from the type;
- ``inter1``/``inter2`` from the actors ("security forces" 1, "gunmen" 3, "civilians" 7;
  the crowd of a protest 6, of a riot 5), ``interaction`` from both (17; 60 for a side alone);
- ``region`` from the country; ``iso`` ACLED's numeric country code;
- an empty ``actor1`` of a protest or riot is "Protesters (<country>)" / "Rioters (<country>)",
  and the victims "civilians" are "Civilians (<country>)", as ACLED names them.

What cannot be derived stays empty: ``assoc_actor_*``, ``admin2``/``admin3``,
``source_scale``, and ``timestamp`` (ACLED's upload time: a build has none, and a
timestamp would make two builds differ). ``event_id_cnty`` is our ``incident_id``, so a
row leads back to data/incidents.csv and its machine notes; ``notes`` is one readable
line: the quote, then where it is ("[article <id>, characters 217-327]").
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from mapper.tables.coding import acled_region, acled_types, actor_type

CROWDS = {"Protests": (6, "Protesters"), "Riots": (5, "Rioters")}
CIVILIANS = 7
MAX_NOTE_CHARS = 1000  # a quote can be a whole paragraph; the full quote is in data/incidents.csv


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _number(value: Any) -> int | float | str:
    return "" if value is None or pd.isna(value) else value


def _with_country(name: str, country: str) -> str:
    return f"{name} ({country})" if country else name


def acled_actors(event_type: str, actor1: str, actor2: str, country: str) -> tuple[str, int | None, str, int | None]:
    """(actor1, inter1, actor2, inter2) as ACLED writes them."""
    inter1, inter2 = actor_type(actor1), actor_type(actor2)
    if event_type in CROWDS:
        code, name = CROWDS[event_type]
        if not actor1:
            actor1 = _with_country(name, country)
        inter1 = code if inter1 in (None, CIVILIANS) else inter1  # "farmers" marching are protesters
    if actor2.lower() == "civilians":
        actor2, inter2 = _with_country("Civilians", country), CIVILIANS
    return actor1, inter1, actor2, inter2


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two actor types, lower first (17); a side alone is N0 (60)."""
    codes = sorted(code for code in (inter1, inter2) if code is not None)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def _notes(row: Any) -> str:
    quote = " ".join(_text(row.quote).split())
    if len(quote) > MAX_NOTE_CHARS:
        quote = quote[:MAX_NOTE_CHARS - 1] + "…"
    return f"{quote} [article {row.article}, characters {row.quote_start}-{row.quote_end}]"


def acled_row(row: Any) -> list:
    """One local incident (a row of the joined table) as ACLED's columns."""
    coding = acled_types().get((row.event_type, row.sub_event_type))
    country = _text(row.country)
    actor1, inter1, actor2, inter2 = acled_actors(row.event_type, _text(row.actor1), _text(row.actor2), country)
    targeted = bool(coding and coding.civilian_targeting and CIVILIANS in (inter1, inter2))
    date = _text(row.event_date)
    return [
        row.incident_id, date, int(date[:4]) if date[:4].isdigit() else "", _number(row.time_precision),
        coding.disorder_type if coding else "", row.event_type, coding.sub_event_type if coding else row.sub_event_type,
        actor1, "", "" if inter1 is None else inter1, actor2, "", "" if inter2 is None else inter2,
        _number(interaction(inter1, inter2)), "Civilian targeting" if targeted else "",
        _number(row.iso), acled_region(_text(row.country_code)), country, _text(row.admin1), "", "",
        _text(row.location), _number(row.latitude), _number(row.longitude), _number(row.geo_precision),
        _text(row.article_source), "", _notes(row), _number(row.fatalities), coding.tag if coding else "", "",
    ]


def acled_rows(local: pd.DataFrame) -> list[list]:
    """Every row of a table of local incidents (the joined columns) as ACLED rows, in order."""
    return [acled_row(row) for row in local.itertuples(index=False)]
