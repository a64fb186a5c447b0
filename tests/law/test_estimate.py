"""Estimates beyond the official calendar data: an explicit option, marked in every result."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.errors import CalendarDataUnavailable
from govdisclosure.formatting import format_explanation
from govdisclosure.rules import (
    FIXED_DATE_HOLIDAYS,
    DayKind,
    default_calendar,
    estimated_calendar,
    explain_deadline,
)

TODAY = date(2026, 12, 2)


def test_today_the_error_says_how_to_estimate() -> None:
    with pytest.raises(CalendarDataUnavailable) as info:
        explain_deadline(date(2026, 12, 4))
    message = str(info.value)
    assert "no official working-day data for 2027" in message
    assert "estimated_calendar()" in message and "--estimate" in message
    assert "如需估算" in message


def test_a_year_before_the_data_gets_no_hint() -> None:
    err = CalendarDataUnavailable(date(2003, 1, 1), 2004, 2026)
    assert "estimate" not in str(err)


def test_beyond_the_estimate_the_error_says_what_is_estimated() -> None:
    cal = estimated_calendar()
    for ask in (
        lambda: cal.add_workdays(date(2100, 12, 20), 20),
        lambda: explain_deadline(date(2100, 12, 20), calendar=cal),
    ):
        with pytest.raises(CalendarDataUnavailable) as info:
            ask()
        assert info.value.year == 2101
        assert info.value.estimated == (2000, 2100)
        message = str(info.value)
        assert "estimated: 2000–2100" in message and "估算：2000–2100年" in message
        assert "estimated_calendar()" not in message  # it is one already
    assert CalendarDataUnavailable(date(2027, 1, 1), 2004, 2026).estimated is None


def test_the_estimate_is_marked() -> None:
    due = explain_deadline(date(2026, 12, 4), calendar=estimated_calendar())
    assert due.estimated
    # 12-07…12-31 are working days 1–19; 2027-01-01 (元旦, a Friday) is a rest day: day 20 is 01-04.
    assert due.due_on == date(2027, 1, 4)
    assert "estimated" in " ".join(format_explanation(due, locale="en"))
    assert "估算" in " ".join(format_explanation(due))
    assert "estimated after 2026" in due.calendar_version
    exact = explain_deadline(date(2026, 11, 2), calendar=estimated_calendar())
    assert not exact.estimated
    assert exact.due_on == explain_deadline(date(2026, 11, 2)).due_on


def test_fixed_date_holidays_only() -> None:
    cal = estimated_calendar()
    assert cal is estimated_calendar()
    assert cal.day_kind(date(2027, 5, 3)) is DayKind.WORKDAY  # 2027-05-03 is a Monday
    assert cal.day_kind(date(2027, 5, 1)) is DayKind.WEEKEND
    assert cal.day_kind(date(2028, 5, 1)) is DayKind.EXTRA_REST_DAY
    name = cal.holiday_name(date(2028, 5, 2))
    assert name is not None and name.label_en == "Labour Day (estimated)"
    assert cal.is_workday(date(2027, 2, 8))  # Spring Festival is lunar: not estimated
    assert not cal.covers(date(2027, 1, 1))


@given(st.integers(2027, 2100), st.sampled_from(FIXED_DATE_HOLIDAYS))
def test_every_fixed_date_holiday_is_a_rest_day(
    year: int, holiday: tuple[int, int, object]
) -> None:
    month, day, _ = holiday
    assert not estimated_calendar().is_workday(date(year, month, day))


@given(st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 12, 31)))
def test_official_years_are_unchanged(day: date) -> None:
    assert estimated_calendar().day_kind(day) is default_calendar().day_kind(day)
