"""Remedy periods: versioned rules, calendar-day counting, rest-day moves."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.errors import CalendarDataUnavailable
from govdisclosure.rules.calendar import default_calendar
from govdisclosure.rules.remedies import (
    REMEDY_RULES,
    PeriodUnit,
    RemedyKind,
    add_months,
    remedy_rule,
    remedy_window,
)

CAL = default_calendar()


def test_reconsideration_sixty_days_start_day_not_counted() -> None:
    w = remedy_window(RemedyKind.RECONSIDERATION, date(2024, 3, 1))
    assert w.nominal_last_day == date(2024, 4, 30)
    assert w.last_day == date(2024, 4, 30)
    assert not w.moved_for_rest_day
    assert w.rule.basis == "《中华人民共和国行政复议法》（2023年修订）第二十条"
    assert remedy_rule(RemedyKind.RECONSIDERATION, date(2023, 12, 31)).article == "第九条"


def test_last_day_on_a_rest_day_moves_to_the_next_working_day() -> None:
    w = remedy_window(RemedyKind.RECONSIDERATION, date(2024, 8, 2))
    assert w.nominal_last_day == date(2024, 10, 1)
    assert w.last_day == date(2024, 10, 8)
    assert w.moved_for_rest_day
    assert "rest day" in w.describe()
    assert "顺延" in w.describe_zh()
    plain = remedy_window(RemedyKind.RECONSIDERATION, date(2024, 3, 1))
    assert "rest day" not in plain.describe()
    assert "顺延" not in plain.describe_zh()


def test_weekend_last_day_moves_to_monday_but_a_makeup_saturday_does_not() -> None:
    # 2024-06-01 + 15 days = 2024-06-16, a Sunday: the period ends on Monday.
    w = remedy_window(RemedyKind.SUIT_AFTER_RECONSIDERATION, date(2024, 6, 1))
    assert w.nominal_last_day == date(2024, 6, 16)
    assert w.last_day == date(2024, 6, 17)
    # 2024-09-14 + 15 days = 2024-09-29, a Sunday worked as a 调休 day: the period ends there.
    makeup = remedy_window(RemedyKind.SUIT_AFTER_RECONSIDERATION, date(2024, 9, 14))
    assert makeup.last_day == makeup.nominal_last_day == date(2024, 9, 29)


@pytest.mark.parametrize(
    ("known", "months", "last"),
    [
        (date(2015, 4, 30), 3, date(2015, 7, 30)),
        (date(2015, 5, 1), 6, date(2015, 11, 2)),  # 11-01 is a Sunday
        (date(2024, 8, 30), 6, date(2025, 2, 28)),  # no 02-30: last day of the month
    ],
)
def test_direct_suit_changed_from_three_to_six_months(known: date, months: int, last: date) -> None:
    w = remedy_window(RemedyKind.DIRECT_SUIT, known)
    assert w.rule.length == months
    assert w.rule.unit is PeriodUnit.MONTHS
    assert w.last_day == last


def test_suit_after_reconsideration_fifteen_days() -> None:
    assert remedy_rule(RemedyKind.SUIT_AFTER_RECONSIDERATION, date(2014, 1, 1)).article == (
        "第三十八条"
    )
    w = remedy_window(RemedyKind.SUIT_AFTER_RECONSIDERATION, date(2025, 1, 13))
    assert w.nominal_last_day == date(2025, 1, 28)
    assert w.last_day == date(2025, 2, 5)  # Spring Festival


def test_window_is_open() -> None:
    w = remedy_window(RemedyKind.RECONSIDERATION, date(2024, 3, 1))
    assert w.is_open(on=date(2024, 3, 1))
    assert w.is_open(on=date(2024, 4, 30))
    assert not w.is_open(on=date(2024, 5, 1))
    assert not w.is_open(on=date(2024, 2, 29))


def test_beyond_the_data() -> None:
    with pytest.raises(CalendarDataUnavailable):
        remedy_window(RemedyKind.DIRECT_SUIT, date(2026, 10, 1))
    w = remedy_window(
        RemedyKind.DIRECT_SUIT, date(2026, 10, 1), calendar=default_calendar(estimate=True)
    )
    assert w.estimated


def test_every_kind_has_contiguous_rules() -> None:
    for kind in RemedyKind:
        rules = [r for r in REMEDY_RULES if r.kind is kind]
        assert rules[0].in_force_from is None
        assert rules[-1].in_force_until is None


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 24))
def test_add_months_stays_within_the_target_month(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day


@given(st.dates(min_value=date(2008, 5, 1), max_value=date(2026, 6, 30)))
def test_last_day_is_a_working_day_on_or_after_the_nominal_one(known: date) -> None:
    for kind in RemedyKind:
        w = remedy_window(kind, known)
        assert CAL.is_workday(w.last_day)
        assert w.last_day >= w.nominal_last_day > known
