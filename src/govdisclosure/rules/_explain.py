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
    "TEMPLATES",
    "classify",
    "due_en",
    "due_sentence",
    "due_zh",
    "makeup",
    "makeup_en",
    "makeup_zh",
    "not_counted",
    "not_counted_en",
    "not_counted_zh",
    "runs",
    "span",
]


TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "regulation": "Regulation: {instrument_en} ({instrument}), in force from {from}: {period}.",
        "period_reply": "reply within {days} working days ({article})",
        "period_other": "{kind_en} within {days} working days",
        "receipt": "Application received on {received}; that day is not counted.",
        "corrected": (
            "Application received on {received}; the corrected application was received on"
            " {start} and the period counts from then (that day not counted)."
        ),
        "consultation": (
            "Consultation of a {consultee_en} sent {on} ({end}{cap}): {days} working days not"
            " counted."
        ),
        "answered": "answered {on}",
        "unanswered": "no answer yet, assumed to {until}",
        "capped": ", the pause ends with the consultee's period",
        "fee_paid": (
            "Fee notice sent {on}, paid {paid}: {days} working days not counted (fee Measures)."
        ),
        "fee_open": (
            "Fee notice sent {on}, not paid yet, assumed paid on the last day {until}:"
            " {days} working days not counted (fee Measures)."
        ),
        "extended_on": "Extended on {on} by {days} working days.",
        "extended": "Extended by {days} working days.",
        "reasonable": "Reasonable reply period set under Art. 35: reply by {on}.",
        "suspended_correction": "The clock is suspended until the corrected application arrives.",
        "suspended_consultation": "The clock is suspended while a consultation is open.",
        "suspended_fee": "The clock is suspended until the fee is paid.",
        "not_counted": "Not counted: {parts}.",
        "not_counted_sep": "; ",
        "range": " to ",
        "rest_day": "{span} ({why})",
        "makeup": "Counted as make-up working days (调休): {parts}.",
        "makeup_sep": ", ",
        "makeup_day": "{day} ({holiday})",
        "due": "Due on {on}: {days} working days{estimated}.",
        "estimated": (
            " (estimated: beyond the official data only weekends and fixed-date holidays are known)"
        ),
    },
    "zh": {
        "regulation": "适用{regulation}（{from}起施行），{kind}为{days}个工作日。",
        "period_reply": "",
        "period_other": "",
        "receipt": "{received}收到申请，收到当日不计入。",
        "corrected": "{received}收到申请，{start}收到补正申请，自收到补正申请次日起重新计算。",
        "consultation": "{on}征求{consultee}意见（{end}{cap}），{days}个工作日不计入。",
        "answered": "{on}答复",
        "unanswered": "尚未答复，暂计至{until}",
        "capped": "，超过答复期限部分仍计入",
        "fee_paid": "{on}发出收费通知，{paid}缴费，{days}个工作日不计入（信息处理费管理办法）。",
        "fee_open": (
            "{on}发出收费通知，尚未缴费，暂按缴费期限最后一日{until}计，"
            "{days}个工作日不计入（信息处理费管理办法）。"
        ),
        "extended_on": "{on}延期答复，延长{days}个工作日。",
        "extended": "延期答复，延长{days}个工作日。",
        "reasonable": "依第三十五条确定延迟答复的合理期限：{on}前答复。",
        "suspended_correction": "等待申请人补正，期限暂停计算。",
        "suspended_consultation": "正在征求意见，期限暂停计算。",
        "suspended_fee": "等待申请人缴费，期限暂停计算。",
        "not_counted": "不计入：{parts}。",
        "not_counted_sep": "；",
        "range": "至",
        "rest_day": "{span}（{why}）",
        "makeup": "调休上班日计入：{parts}。",
        "makeup_sep": "、",
        "makeup_day": "{day}（{holiday}调休）",
        "due": "期限届满日：{on}，共{days}个工作日{estimated}。",
        "estimated": "（超出官方数据的年份为估算，仅计周末和固定日期的节日）",
    },
}
"""The sentences of every working-day explanation, one table per language.

Each entry is a :meth:`str.format` template; the explanations fill them with their facts, so a
sentence is worded once per language and a new language is a new table.
"""


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


def _label(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def not_counted(skipped: Sequence[CalendarDay], lang: str = "zh") -> str:
    """The sentence listing the rest days not counted, in runs, with why."""
    t = TEMPLATES[lang]
    parts = [
        t["rest_day"].format(
            span=span(a, b, t["range"]),
            why=(
                _label(lang, s.holiday.label, s.holiday.label_en)
                if s.holiday
                else _label(lang, s.kind.label, s.kind.label_en)
            ),
        )
        for a, b, s in runs(skipped)
    ]
    return t["not_counted"].format(parts=t["not_counted_sep"].join(parts))


def not_counted_en(skipped: Sequence[CalendarDay]) -> str:
    """:func:`not_counted` in English."""
    return not_counted(skipped, "en")


def not_counted_zh(skipped: Sequence[CalendarDay]) -> str:
    """:func:`not_counted` in Chinese."""
    return not_counted(skipped, "zh")


def makeup(days: Sequence[CalendarDay], lang: str = "zh") -> str:
    """The sentence listing the make-up working days counted.

    >>> from datetime import date
    >>> from govdisclosure.rules.calendar import CalendarDay, DayKind, HolidayName
    >>> national_day = HolidayName("国庆节", "National Day")
    >>> day = CalendarDay(date(2024, 9, 29), DayKind.MAKEUP_WORKDAY, national_day)
    >>> makeup_en([day])
    'Counted as make-up working days (调休): 2024-09-29 (National Day).'
    >>> makeup_zh([day])
    '调休上班日计入：2024-09-29（国庆节调休）。'
    """
    t = TEMPLATES[lang]
    parts = [
        t["makeup_day"].format(
            day=d.day.isoformat(), holiday=_label(lang, d.holiday.label, d.holiday.label_en)
        )
        if d.holiday
        else d.day.isoformat()
        for d in days
    ]
    return t["makeup"].format(parts=t["makeup_sep"].join(parts))


def makeup_en(days: Sequence[CalendarDay]) -> str:
    """:func:`makeup` in English."""
    return makeup(days, "en")


def makeup_zh(days: Sequence[CalendarDay]) -> str:
    """:func:`makeup` in Chinese."""
    return makeup(days, "zh")


def due_sentence(due_on: dt.date, working_days: int, estimated: bool, lang: str = "zh") -> str:
    """The closing sentence: the due day and the working days counted.

    >>> from datetime import date
    >>> due_en(date(2027, 1, 29), 20, estimated=True)
    'Due on 2027-01-29: 20 working days (estimated: beyond the official data only weekends and
    fixed-date holidays are known).'
    >>> due_zh(date(2024, 10, 30), 20, estimated=False)
    '期限届满日：2024-10-30，共20个工作日。'
    """
    t = TEMPLATES[lang]
    return t["due"].format(
        on=due_on.isoformat(), days=working_days, estimated=t["estimated"] if estimated else ""
    )


def due_en(due_on: dt.date, working_days: int, estimated: bool) -> str:
    """:func:`due_sentence` in English."""
    return due_sentence(due_on, working_days, estimated, "en")


def due_zh(due_on: dt.date, working_days: int, estimated: bool) -> str:
    """:func:`due_sentence` in Chinese."""
    return due_sentence(due_on, working_days, estimated, "zh")
