import datetime as dt

import pytest

from mapper.extract.dates import find_dates, resolve_relative

SUNDAY = dt.date(2025, 3, 9)  # the seed's publication date, a Sunday


@pytest.mark.parametrize(
    "sentence,date,precision",
    [
        ("The clashes began on Thursday.", dt.date(2025, 3, 6), 1),
        ("A funeral was held on Saturday.", dt.date(2025, 3, 8), 1),
        ("Shelling resumed on Sunday morning.", dt.date(2025, 3, 9), 1),
        ("It happened last Sunday.", dt.date(2025, 3, 2), 1),
        ("Drones struck the port yesterday.", dt.date(2025, 3, 8), 1),
        ("Fighting intensified last week.", dt.date(2025, 3, 2), 2),
        ("Assad was ousted three months ago.", dt.date(2024, 12, 9), 3),
        ("The raid took place on March 6.", dt.date(2025, 3, 6), 1),
        ("The massacre happened on December 25.", dt.date(2024, 12, 25), 1),
        ("The attack on 6 March 2024 killed two.", dt.date(2024, 3, 6), 1),
        ("The camp was attacked in February.", dt.date(2025, 2, 1), 3),
        ("Two days ago, gunmen attacked the convoy.", dt.date(2025, 3, 7), 1),
    ],
)
def test_dates_resolve_against_publication(sentence, date, precision):
    found = find_dates(sentence, SUNDAY)
    assert found, sentence
    assert (found[0].date, found[0].precision) == (date, precision)


def test_without_publication_date_weekdays_stay_unresolved():
    found = find_dates("The clashes began on Thursday.", None)
    assert found[0].date is None and found[0].text == "Thursday"
    assert find_dates("The attack on 6 March 2024.", None)[0].date == dt.date(2024, 3, 6)


def test_previous_day_counts_from_context_else_publication():
    phrase = find_dates("They buried 31 people killed the previous day.", SUNDAY)[0]
    assert phrase.relative_days == -1
    assert resolve_relative(phrase, dt.date(2025, 3, 8), SUNDAY)[:2] == (dt.date(2025, 3, 7), 1)
    assert resolve_relative(phrase, None, SUNDAY)[:2] == (dt.date(2025, 3, 8), 2)
    assert resolve_relative(phrase, None, None)[0] is None


def test_may_the_modal_is_not_a_month():
    assert find_dates("Officials said more people may die.", SUNDAY) == ()
