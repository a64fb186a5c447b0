"""The calendar's public ordinal API: add_workdays_ordinal, coverage, period-end tables, memo.

Everything here is checked against the date API (add_workdays, covers), which the rest of the
calendar tests check against the official data.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.errors import CalendarDataUnavailable
from govdisclosure.rules.calendar import PeriodEnds, WorkdayCalendar, default_calendar

CAL = default_calendar()
EST = default_calendar(estimate=True)
FIRST = date(CAL.first_year, 1, 1)
LAST = date(CAL.last_year, 12, 31)
covered_days = st.dates(min_value=FIRST, max_value=LAST - timedelta(days=120))
estimated_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 9, 1))
periods = st.integers(min_value=1, max_value=60)


def _ord(day: date) -> int:
    return day.toordinal()


# -- add_workdays_ordinal ---------------------------------------------------------------------


@given(start=covered_days, n=st.integers(min_value=0, max_value=60))
def test_ordinal_add_agrees_with_add_workdays(start: date, n: int) -> None:
    assert CAL.add_workdays_ordinal(_ord(start), n) == _ord(CAL.add_workdays(start, n))


@given(start=estimated_days, n=periods)
def test_ordinal_add_agrees_with_add_workdays_when_estimating(start: date, n: int) -> None:
    assert EST.add_workdays_ordinal(_ord(start), n) == _ord(EST.add_workdays(start, n))


def test_ordinal_add_worked_examples() -> None:
    assert CAL.add_workdays_ordinal(_ord(date(2024, 9, 27)), 20) == _ord(date(2024, 10, 30))
    assert CAL.add_workdays_ordinal(_ord(date(2025, 1, 24)), 20) == _ord(date(2025, 2, 27))
    # A start on a rest day counts from the next working day: 10-01 (holiday) + 1 = 10-08.
    assert CAL.add_workdays_ordinal(_ord(date(2024, 10, 1)), 1) == _ord(date(2024, 10, 8))


def test_ordinal_add_zero_is_the_start_even_outside_the_data() -> None:
    assert CAL.add_workdays_ordinal(_ord(date(2030, 6, 1)), 0) == _ord(date(2030, 6, 1))
    assert CAL.add_workdays(date(2030, 6, 1), 0) == date(2030, 6, 1)


def test_ordinal_add_refuses_a_negative_period() -> None:
    for start in (date(2024, 9, 27), date(2030, 6, 1)):
        with pytest.raises(ValueError, match="must not be negative, got -3"):
            CAL.add_workdays_ordinal(_ord(start), -3)
    with pytest.raises(ValueError, match="must not be negative"):
        CAL.add_workdays(date(2024, 9, 27), -1)


@pytest.mark.parametrize(
    ("start", "n", "year"),
    [
        (date(2003, 12, 31), 1, 2003),  # the start is before the data
        (date(2027, 1, 4), 1, 2027),  # the start is after the data
        (date(2026, 12, 30), 3, 2027),  # the period runs past the data
    ],
)
def test_ordinal_add_outside_the_data_is_unavailable(start: date, n: int, year: int) -> None:
    with pytest.raises(CalendarDataUnavailable) as raised:
        CAL.add_workdays_ordinal(_ord(start), n)
    assert (raised.value.year, raised.value.first_year, raised.value.last_year) == (
        year,
        CAL.first_year,
        CAL.last_year,
    )
    with pytest.raises(CalendarDataUnavailable) as by_date:
        CAL.add_workdays(start, n)
    assert by_date.value.day == raised.value.day


def test_estimating_reaches_2000_to_2100_only() -> None:
    assert EST.add_workdays_ordinal(_ord(date(2026, 12, 30)), 3) == _ord(date(2027, 1, 4))
    assert EST.add_workdays_ordinal(_ord(date(2000, 1, 3)), 1) == _ord(date(2000, 1, 4))
    for start, n, year in ((date(1999, 12, 31), 1, 1999), (date(2100, 12, 30), 5, 2101)):
        with pytest.raises(CalendarDataUnavailable) as raised:
            EST.add_workdays_ordinal(_ord(start), n)
        assert raised.value.year == year


# -- coverage ---------------------------------------------------------------------------------


def test_covered_is_the_years_of_data() -> None:
    assert CAL.covered == (FIRST, LAST)
    assert EST.covered == (FIRST, LAST)  # estimating does not widen what is covered
    extended = CAL.with_overrides(extend_to_year=CAL.last_year + 1)
    assert extended.covered == (FIRST, date(CAL.last_year + 1, 12, 31))


@given(a=estimated_days, b=estimated_days)
def test_covers_range_is_covers_of_both_ends(a: date, b: date) -> None:
    first, last = min(a, b), max(a, b)
    expected = CAL.covers(first) and CAL.covers(last)
    assert CAL.covers_range(first, last) is expected
    assert CAL.covers_ordinals(_ord(first), _ord(last)) is expected
    assert EST.covers_range(first, last) is expected


def test_covers_range_edges() -> None:
    assert CAL.covers_range(FIRST, LAST)
    assert not CAL.covers_range(FIRST - timedelta(days=1), LAST)
    assert not CAL.covers_range(FIRST, LAST + timedelta(days=1))
    assert CAL.covers_range(LAST, LAST)
    assert not CAL.covers_ordinals(_ord(LAST), _ord(LAST) + 1)


def test_estimated_results_are_exactly_those_not_covered() -> None:
    start = date(2026, 12, 30)
    end = EST.add_workdays(start, 3)
    assert not EST.covers_range(start, end)
    assert EST.covers_range(start, EST.add_workdays(start, 1))


# -- period_ends ------------------------------------------------------------------------------


@given(start=covered_days, n=periods)
def test_period_ends_agree_with_add_workdays_ordinal(start: date, n: int) -> None:
    table = CAL.period_ends(n)
    offset = _ord(start) - table.first
    assert 0 <= offset < len(table.ends)
    assert table.ends[offset] == CAL.add_workdays_ordinal(_ord(start), n)
    assert table.end(_ord(start)) == table.ends[offset]


@given(start=estimated_days, n=periods)
def test_period_ends_agree_when_estimating(start: date, n: int) -> None:
    assert EST.period_ends(n).end(_ord(start)) == EST.add_workdays_ordinal(_ord(start), n)


def test_period_ends_span_every_day_the_calendar_counts_from() -> None:
    table = CAL.period_ends(20)
    assert (table.n, table.first, len(table.ends)) == (
        20,
        _ord(FIRST),
        _ord(LAST) - _ord(FIRST) + 1,
    )
    assert table.calendar is CAL
    estimating = EST.period_ends(20)
    assert estimating.first == _ord(date(2000, 1, 1))
    assert estimating.first + len(estimating.ends) == _ord(date(2101, 1, 1))
    assert "n=20" in repr(table)
    assert "ends" not in repr(table)


def test_period_ends_are_built_once_per_calendar_and_period() -> None:
    cal = CAL.with_overrides(rest_days=[date(2024, 10, 8)])
    assert cal.period_ends(20) is cal.period_ends(20)
    assert cal.period_ends(15) is not cal.period_ends(20)
    # A calendar with other days has its own tables.
    assert cal.period_ends(20).end(_ord(date(2024, 9, 27))) == _ord(date(2024, 10, 31))
    assert CAL.period_ends(20).end(_ord(date(2024, 9, 27))) == _ord(date(2024, 10, 30))


def test_period_ends_mark_ends_beyond_the_data_with_zero() -> None:
    table = CAL.period_ends(3)
    last_ok = _ord(date(2026, 12, 28))  # Monday: its third working day is Thursday 12-31
    assert table.end(last_ok) == _ord(date(2026, 12, 31))
    assert table.ends[last_ok + 1 - table.first] == 0
    assert all(end == 0 for end in table.ends[last_ok + 1 - table.first :])
    assert all(end > 0 for end in table.ends[: last_ok + 1 - table.first])


@pytest.mark.parametrize(
    ("start", "year"),
    [
        (date(2003, 6, 1), 2003),  # before the table: the start is named
        (date(2027, 3, 1), 2027),  # after the table: the start is named
        (date(2026, 12, 31), 2027),  # in the table, ending beyond it: the first day after
    ],
)
def test_period_ends_unavailable_matches_add_workdays_ordinal(start: date, year: int) -> None:
    table = CAL.period_ends(20)
    with pytest.raises(CalendarDataUnavailable) as expected:
        CAL.add_workdays_ordinal(_ord(start), 20)
    with pytest.raises(CalendarDataUnavailable) as raised:
        table.end(_ord(start))
    error = table.unavailable(_ord(start))
    for err in (raised.value, error):
        assert (err.day, err.year, err.first_year, err.last_year) == (
            expected.value.day,
            year,
            CAL.first_year,
            CAL.last_year,
        )


@pytest.mark.parametrize("n", [0, -1])
def test_period_ends_need_a_positive_period(n: int) -> None:
    with pytest.raises(ValueError, match=f"must be positive, got {n}"):
        CAL.period_ends(n)


def test_period_ends_is_a_value_of_its_calendar() -> None:
    table = PeriodEnds(1, 10, (11, 0), CAL)
    assert table.end(10) == 11
    with pytest.raises(CalendarDataUnavailable):
        table.end(11)
    assert table.unavailable(11).day == date.fromordinal(12)
    assert table.unavailable(9).day == date.fromordinal(9)


# -- memo -------------------------------------------------------------------------------------


def test_memo_belongs_to_one_calendar() -> None:
    cal = WorkdayCalendar.from_chinese_calendar()
    assert cal.memo == {}
    cal.memo["test.key"] = 1
    assert cal.with_overrides(workdays=[date(2024, 10, 5)]).memo == {}
    assert cal.estimating().memo == {}
    assert cal.memo == {"test.key": 1}
    estimating = cal.estimating()
    assert estimating.estimating() is estimating


def test_due_date_shares_one_counting_per_regulation_through_the_memo() -> None:
    from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    from govdisclosure.model.request import DisclosureRequest
    from govdisclosure.rules.deadlines import due_date

    cal = WorkdayCalendar.from_chinese_calendar()

    def request(received: date) -> DisclosureRequest:
        return DisclosureRequest(
            id="1",
            applicant=Applicant(ApplicantKind.NATURAL_PERSON),
            received_on=received,
            method=SubmissionMethod.ONLINE,
            description="预算",
        )

    first = due_date(request(date(2024, 9, 27)), calendar=cal)
    second = due_date(request(date(2025, 1, 24)), calendar=cal)
    old = due_date(request(date(2018, 9, 28)), calendar=cal)
    assert first.counting is second.counting
    assert old.counting is not first.counting
    assert set(cal.memo) == {"deadlines.counting.2019", "deadlines.counting.2008"}
    assert cal.memo["deadlines.counting.2019"] is first.counting
    assert first.counting.calendar is cal
