"""The applicant's remedy periods after a reply: reconsideration and litigation, as versioned data.

These periods are in calendar days or months, not working days. Following the general rule of
Chinese procedural law: the day the period starts from is not counted, a period in months ends
on the corresponding day of the last month (the month's last day when there is none), and a
period whose last day is a rest day ends on the first working day after it.

>>> window = remedy_window(RemedyKind.RECONSIDERATION, date(2024, 8, 2))
>>> window.nominal_last_day, window.last_day
(datetime.date(2024, 10, 1), datetime.date(2024, 10, 8))
"""

from __future__ import annotations

import calendar as _gregorian
from datetime import date, timedelta

import attrs

from govdisclosure.model.base import LabelledEnum
from govdisclosure.model.review import Litigation, LitigationRoute, Reconsideration
from govdisclosure.rules.calendar import WorkdayCalendar, default_calendar
from govdisclosure.rules.fold import Irregularity, IrregularityKind

__all__ = [
    "REMEDY_RULES",
    "PeriodUnit",
    "RemedyKind",
    "RemedyRule",
    "RemedyWindow",
    "add_months",
    "case_findings",
    "remedy_rule",
    "remedy_window",
]


class RemedyKind(LabelledEnum):
    """The applicant's ways to challenge a reply (2019 Art. 51; 2008 Art. 33).

    >>> RemedyKind.DIRECT_SUIT.label
    '直接提起行政诉讼'
    """

    RECONSIDERATION = "reconsideration", "申请行政复议", "apply for administrative reconsideration"
    DIRECT_SUIT = "direct-suit", "直接提起行政诉讼", "sue without reconsideration"
    SUIT_AFTER_RECONSIDERATION = (
        "suit-after-reconsideration",
        "复议后提起行政诉讼",
        "sue after the reconsideration decision",
    )


class PeriodUnit(LabelledEnum):
    """Unit of a calendar period.

    >>> PeriodUnit.MONTHS.label
    '个月'
    """

    DAYS = "days", "日", "days"
    MONTHS = "months", "个月", "months"


def add_months(day: date, months: int) -> date:
    """The corresponding day ``months`` later, or the last day of that month if there is none.

    >>> add_months(date(2024, 8, 31), 6)
    datetime.date(2025, 2, 28)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _gregorian.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@attrs.frozen
class RemedyRule:
    """One statutory remedy period and the years it applied in.

    Which rule applies is decided by the day the period starts from (the day the applicant knew
    of the act, or received the reconsideration decision).

    >>> remedy_rule(RemedyKind.DIRECT_SUIT, date(2015, 4, 30)).length
    3
    """

    kind: RemedyKind
    length: int
    unit: PeriodUnit
    law: str
    """The statute, in Chinese, with its version."""
    article: str
    """The article, in Chinese, e.g. 第四十六条."""
    in_force_from: date | None = None
    in_force_until: date | None = None

    def applies_on(self, day: date) -> bool:
        """Whether this rule governs a period starting on ``day``."""
        if self.in_force_from is not None and day < self.in_force_from:
            return False
        return self.in_force_until is None or day <= self.in_force_until

    def nominal_last_day(self, start: date) -> date:
        """The last day before any move for a rest day (the start day itself is not counted).

        >>> rule = remedy_rule(RemedyKind.RECONSIDERATION, date(2024, 1, 5))
        >>> rule.nominal_last_day(date(2024, 1, 5))
        datetime.date(2024, 3, 5)
        """
        if self.unit is PeriodUnit.MONTHS:
            return add_months(start, self.length)
        return start + timedelta(days=self.length)

    @property
    def basis(self) -> str:
        """Statute and article, e.g. 《中华人民共和国行政诉讼法》第四十六条."""
        return f"{self.law}{self.article}"


_OLD_ALL = "《中华人民共和国行政诉讼法》（1989年）"
_NEW_ALL = "《中华人民共和国行政诉讼法》（2014年修正）"
_ALL_CHANGE = date(2015, 5, 1)

REMEDY_RULES: tuple[RemedyRule, ...] = (
    RemedyRule(
        RemedyKind.RECONSIDERATION,
        60,
        PeriodUnit.DAYS,
        "《中华人民共和国行政复议法》（1999年）",
        "第九条",
        in_force_until=date(2023, 12, 31),
    ),
    RemedyRule(
        RemedyKind.RECONSIDERATION,
        60,
        PeriodUnit.DAYS,
        "《中华人民共和国行政复议法》（2023年修订）",
        "第二十条",
        in_force_from=date(2024, 1, 1),
    ),
    RemedyRule(
        RemedyKind.DIRECT_SUIT,
        3,
        PeriodUnit.MONTHS,
        _OLD_ALL,
        "第三十九条",
        in_force_until=_ALL_CHANGE - timedelta(days=1),
    ),
    RemedyRule(
        RemedyKind.DIRECT_SUIT,
        6,
        PeriodUnit.MONTHS,
        _NEW_ALL,
        "第四十六条",
        in_force_from=_ALL_CHANGE,
    ),
    RemedyRule(
        RemedyKind.SUIT_AFTER_RECONSIDERATION,
        15,
        PeriodUnit.DAYS,
        _OLD_ALL,
        "第三十八条",
        in_force_until=_ALL_CHANGE - timedelta(days=1),
    ),
    RemedyRule(
        RemedyKind.SUIT_AFTER_RECONSIDERATION,
        15,
        PeriodUnit.DAYS,
        _NEW_ALL,
        "第四十五条",
        in_force_from=_ALL_CHANGE,
    ),
)
"""Every remedy period, each with the years it governed."""


def remedy_rule(kind: RemedyKind, on: date) -> RemedyRule:
    """The rule for ``kind`` governing a period that starts on ``on``.

    >>> remedy_rule(RemedyKind.DIRECT_SUIT, date(2015, 5, 1)).basis
    '《中华人民共和国行政诉讼法》（2014年修正）第四十六条'
    """
    for rule in REMEDY_RULES:
        if rule.kind is kind and rule.applies_on(on):
            return rule
    raise LookupError(f"no rule for {kind.label_en} on {on.isoformat()}")  # pragma: no cover


@attrs.frozen
class RemedyWindow:
    """The period an applicant has for one remedy, from a given start day.

    >>> w = remedy_window(RemedyKind.DIRECT_SUIT, date(2014, 11, 3))
    >>> w.last_day, w.rule.length, w.rule.unit.label
    (datetime.date(2015, 2, 3), 3, '个月')
    >>> w.is_open(on=date(2015, 2, 3)), w.is_open(on=date(2015, 2, 4))
    (True, False)
    """

    kind: RemedyKind
    rule: RemedyRule
    starts_on: date
    """The day the period runs from (not counted): when the applicant knew of the act."""
    nominal_last_day: date
    """The last day by the statute's count, before a move for a rest day."""
    last_day: date
    """The last day to act: ``nominal_last_day`` or, if that is a rest day, the next working day."""
    estimated: bool = False
    """True when the rest-day move rests on estimated calendar days."""

    @property
    def moved_for_rest_day(self) -> bool:
        """Whether the period was lengthened because its last day was a rest day."""
        return self.last_day != self.nominal_last_day

    def is_open(self, *, on: date) -> bool:
        """Whether the remedy can still be sought on ``on``."""
        return self.starts_on <= on <= self.last_day

    def describe(self) -> str:
        """A short English sentence.

        >>> print(remedy_window(RemedyKind.RECONSIDERATION, date(2024, 8, 2)).describe())
        apply for administrative reconsideration: 60 days from 2024-08-02, last day 2024-10-08
        (2024-10-01 is a rest day)
        """
        text = (
            f"{self.kind.label_en}: {self.rule.length} {self.rule.unit.label_en} from"
            f" {self.starts_on.isoformat()}, last day {self.last_day.isoformat()}"
        )
        if self.moved_for_rest_day:
            text += f" ({self.nominal_last_day.isoformat()} is a rest day)"
        return text

    def describe_zh(self) -> str:
        """The same in Chinese.

        >>> print(remedy_window(RemedyKind.RECONSIDERATION, date(2024, 8, 2)).describe_zh())
        申请行政复议：自2024-08-02起60日，最后一日为2024-10-08（2024-10-01为休息日，顺延）
        """
        text = (
            f"{self.kind.label}：自{self.starts_on.isoformat()}起{self.rule.length}"
            f"{self.rule.unit.label}，最后一日为{self.last_day.isoformat()}"
        )
        if self.moved_for_rest_day:
            text += f"（{self.nominal_last_day.isoformat()}为休息日，顺延）"
        return text


def remedy_window(
    kind: RemedyKind, starts_on: date, *, calendar: WorkdayCalendar | None = None
) -> RemedyWindow:
    """The window for ``kind`` counted from ``starts_on`` (which is itself not counted).

    ``starts_on`` is the day the applicant knew of the act (for a reply, usually the day it was
    received) or, for :attr:`RemedyKind.SUIT_AFTER_RECONSIDERATION`, the day the reconsideration
    decision was received. Raises :class:`~govdisclosure.errors.CalendarDataUnavailable` when the
    last day falls in a year without data, unless the calendar estimates.

    >>> remedy_window(RemedyKind.SUIT_AFTER_RECONSIDERATION, date(2025, 1, 13)).last_day
    datetime.date(2025, 2, 5)
    """
    cal = calendar if calendar is not None else default_calendar()
    rule = remedy_rule(kind, starts_on)
    nominal = rule.nominal_last_day(starts_on)
    last = cal.next_workday(nominal)
    return RemedyWindow(kind, rule, starts_on, nominal, last, not cal.covers(last))


def case_findings(case: Reconsideration | Litigation) -> tuple[Irregularity, ...]:
    """Irregular facts in a review case's record.

    A direct suit (直接起诉) that carries a reconsideration case id is a *finding*, not an
    error: either the route or the id was entered wrongly and the record cannot tell which;
    table 4 counts the case by its route, as recorded.

    >>> from datetime import date
    >>> suit = Litigation(id="L1", filed_on=date(2024, 5, 6), route=LitigationRoute.DIRECT,
    ...                   reconsideration_id="R1")
    >>> [(f.kind.code, f.on.isoformat()) for f in case_findings(suit)]
    [('direct-suit-with-reconsideration', '2024-05-06')]
    >>> case_findings(Reconsideration(id="R1", filed_on=date(2024, 3, 1)))
    ()
    """
    if (
        isinstance(case, Litigation)
        and case.route is LitigationRoute.DIRECT
        and case.reconsideration_id is not None
    ):
        return (Irregularity(IrregularityKind.DIRECT_SUIT_WITH_RECONSIDERATION, case.filed_on),)
    return ()
