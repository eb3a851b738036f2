"""Date phrases: the checks that are not sentence -> first date. The table-driven cases
are data in tests/gold/dates.yaml, run by tests/test_gold_dates.py."""

import datetime as dt

from mapper.extract.dates import find_dates, resolve_relative

SUNDAY = dt.date(2025, 3, 9)  # the seed's publication date, a Sunday


def test_previous_day_counts_from_context_else_publication():
    phrase = find_dates("They buried 31 people killed the previous day.", SUNDAY)[0]
    assert phrase.relative_days == -1
    assert resolve_relative(phrase, dt.date(2025, 3, 8), SUNDAY)[:2] == (dt.date(2025, 3, 7), 1)
    assert resolve_relative(phrase, None, SUNDAY)[:2] == (dt.date(2025, 3, 8), 2)
    assert resolve_relative(phrase, None, None)[0] is None
