"""The sentences every working-day explanation shares: the days not counted, the make-up days.

A request's reply deadline (:class:`~govdisclosure.rules.deadlines.Explanation`) and an
Art. 26 publication deadline (:class:`~govdisclosure.rules.publication.PublicationExplanation`)
list the rest days they skipped, the 调休 make-up working days they counted and the day they
reach in the same words; both word them here, so that the two can never drift apart.

>>> from datetime import date
>>> from govdisclosure.rules.calendar import CalendarDay, DayKind, HolidayName
>>> national_day = HolidayName("国庆节", "National Day")
>>> skipped = [
...     CalendarDay(date(2024, 9, 28), DayKind.WEEKEND),
...     *(CalendarDay(date(2024, 10, d), DayKind.HOLIDAY, national_day) for d in range(1, 8)),
... ]
>>> not_counted_en(skipped)
'Not counted: 2024-09-28 (weekend); 2024-10-01 to 2024-10-07 (National Day).'
>>> not_counted_zh(skipped)
'不计入：2024-09-28（周末）；2024-10-01至2024-10-07（国庆节）。'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govdisclosure.rules.calendar import DayKind

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Sequence

    from govdisclosure.rules.calendar import CalendarDay, WorkdayCalendar

__all__ = [
    "classify",
    "due_en",
    "due_zh",
    "makeup_en",
    "makeup_zh",
    "not_counted_en",
    "not_counted_zh",
    "runs",
    "span",
]


def classify(
    calendar: WorkdayCalendar, stretches: Iterable[tuple[dt.date, dt.date]]
) -> tuple[tuple[CalendarDay, ...], tuple[CalendarDay, ...]]:
    """The rest days skipped and the 调休 make-up working days counted over counted stretches.

    Each stretch is ``(first, last)`` as :meth:`~WorkdayCalendar.days_between` takes it.

    >>> from datetime import date
    >>> from govdisclosure.rules.calendar import default_calendar
    >>> stretch = (date(2024, 9, 27), date(2024, 10, 8))
    >>> skipped, makeup = classify(default_calendar(), [stretch])
    >>> len(skipped), [day.day.isoformat() for day in makeup]
    (8, ['2024-09-29'])
    """
    skipped: list[CalendarDay] = []
    makeup: list[CalendarDay] = []
    for first, last in stretches:
        for day in calendar.days_between(first, last):
            if not day.is_workday:
                skipped.append(day)
            elif day.kind is not DayKind.WORKDAY:
                makeup.append(day)
    return tuple(skipped), tuple(makeup)


def runs(days: Sequence[CalendarDay]) -> list[tuple[dt.date, dt.date, CalendarDay]]:
    """Group consecutive days of the same kind and holiday into (first, last, sample) runs.

    >>> from datetime import date
    >>> from govdisclosure.rules.calendar import CalendarDay, DayKind
    >>> weekend = [CalendarDay(date(2024, 6, d), DayKind.WEEKEND) for d in (1, 2, 8)]
    >>> [(a.day, b.day) for a, b, _ in runs(weekend)]
    [(1, 2), (8, 8)]
    """
    out: list[tuple[dt.date, dt.date, CalendarDay]] = []
    for day in days:
        if out:
            first, last, sample = out[-1]
            if (
                (day.day - last).days == 1
                and day.kind is sample.kind
                and day.holiday == sample.holiday
            ):
                out[-1] = (first, day.day, sample)
                continue
        out.append((day.day, day.day, day))
    return out


def span(first: dt.date, last: dt.date, joiner: str) -> str:
    """One day in ISO form, or a range of days joined by ``joiner`` (" to ", "至").

    >>> from datetime import date
    >>> first = date(2024, 10, 1)
    >>> span(first, date(2024, 10, 7), "至"), span(first, first, " to ")
    ('2024-10-01至2024-10-07', '2024-10-01')
    """
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()}{joiner}{last.isoformat()}"


def not_counted_en(skipped: Sequence[CalendarDay]) -> str:
    """The sentence listing the rest days not counted, in runs, with why (English)."""
    parts = [
        f"{span(a, b, ' to ')} ({s.holiday.label_en if s.holiday else s.kind.label_en})"
        for a, b, s in runs(skipped)
    ]
    return f"Not counted: {'; '.join(parts)}."


def not_counted_zh(skipped: Sequence[CalendarDay]) -> str:
    """The same sentence in Chinese."""
    parts = [
        f"{span(a, b, '至')}（{s.holiday.label if s.holiday else s.kind.label}）"
        for a, b, s in runs(skipped)
    ]
    return f"不计入：{'；'.join(parts)}。"


def makeup_en(makeup: Sequence[CalendarDay]) -> str:
    """The sentence listing the make-up working days counted (English).

    >>> from datetime import date
    >>> from govdisclosure.rules.calendar import CalendarDay, DayKind, HolidayName
    >>> national_day = HolidayName("国庆节", "National Day")
    >>> day = CalendarDay(date(2024, 9, 29), DayKind.MAKEUP_WORKDAY, national_day)
    >>> makeup_en([day])
    'Counted as make-up working days (调休): 2024-09-29 (National Day).'
    >>> makeup_zh([day])
    '调休上班日计入：2024-09-29（国庆节调休）。'
    """
    parts = [d.day.isoformat() + (f" ({d.holiday.label_en})" if d.holiday else "") for d in makeup]
    return f"Counted as make-up working days (调休): {', '.join(parts)}."


def makeup_zh(makeup: Sequence[CalendarDay]) -> str:
    """The same sentence in Chinese."""
    parts = [
        d.day.isoformat() + (f"（{d.holiday.label}调休）" if d.holiday else "") for d in makeup
    ]
    return f"调休上班日计入：{'、'.join(parts)}。"


def due_en(due_on: dt.date, working_days: int, estimated: bool) -> str:
    """The closing sentence: the due day and the working days counted (English).

    >>> from datetime import date
    >>> due_en(date(2027, 1, 29), 20, estimated=True)
    'Due on 2027-01-29: 20 working days (estimated: beyond the official data only weekends and
    fixed-date holidays are known).'
    >>> due_zh(date(2024, 10, 30), 20, estimated=False)
    '期限届满日：2024-10-30，共20个工作日。'
    """
    return f"Due on {due_on.isoformat()}: {working_days} working days" + (
        " (estimated: beyond the official data only weekends and fixed-date holidays are known)."
        if estimated
        else "."
    )


def due_zh(due_on: dt.date, working_days: int, estimated: bool) -> str:
    """The same sentence in Chinese."""
    return f"期限届满日：{due_on.isoformat()}，共{working_days}个工作日" + (
        "（超出官方数据的年份为估算，仅计周末和固定日期的节日）。" if estimated else "。"
    )
