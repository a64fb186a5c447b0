"""The day of receipt (收到申请之日) of an application, derived from how and when it arrived.

Art. 31 of the 2019 Regulation fixes the day by channel [CONFIRMED, R2019]:

- （一）当面提交: the day the applicant hands the application in;
- （二）邮寄: the day the agency signs for the letter (签收之日); for an ordinary letter that needs
  no signature (平常信函), the day the agency confirms receipt with the applicant (确认之日);
- （三）互联网渠道 or 传真: the day both sides confirm (双方确认之日). E-mail is a 数据电文
  (Art. 29) and is treated the same way.

The 2008 text has no such rule; the same derivation is applied to older requests as an
[INFERENCE].

Every timestamp is read in Beijing time (``Asia/Shanghai``): an online submission at 23:30 UTC is
the next day in Beijing. A naive ``datetime`` is refused (its zone would be a guess); pass an
aware one, or a ``date`` that is already the Beijing day.

What the Regulation does not say is what a submission on a rest day or after office hours
counts as. :class:`OffHoursRule` lets the user choose; the default,
:attr:`OffHoursRule.AS_DATED`, takes the day itself, which is what Art. 31's wording gives (the
day of signing or confirming, whatever day it is). :attr:`OffHoursRule.NEXT_WORKING_DAY` moves
such a day to the next working day of the project's :class:`~govdisclosure.rules.WorkdayCalendar`,
as many agencies' guides (政府信息公开指南) state.

>>> from datetime import datetime, timezone
>>> arrival = Arrival(
...     SubmissionMethod.ONLINE,
...     submitted=datetime(2024, 9, 26, 23, 30, tzinfo=timezone.utc),
...     confirmed=datetime(2024, 9, 26, 23, 30, tzinfo=timezone.utc),
... )
>>> receipt_day(arrival).received_on
datetime.date(2024, 9, 27)
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from govdisclosure.errors import InvalidValue
from govdisclosure.model.applicant import SubmissionMethod
from govdisclosure.model.base import LabelledEnum
from govdisclosure.rules.calendar import WorkdayCalendar, default_calendar

__all__ = [
    "BEIJING",
    "Arrival",
    "OffHoursRule",
    "Receipt",
    "ReceiptBasis",
    "beijing_day",
    "receipt_day",
]

BEIJING = ZoneInfo("Asia/Shanghai")
"""The zone every timestamp is read in (China Standard Time, UTC+8; no daylight saving since
1991)."""


class OffHoursRule(LabelledEnum):
    """What a submission on a rest day or after office hours counts as (the user's choice).

    >>> OffHoursRule.AS_DATED.label
    '以实际日期为准'
    """

    AS_DATED = "as-dated", "以实际日期为准", "the day itself (default)"
    NEXT_WORKING_DAY = "next-working-day", "顺延至下一个工作日", "the next working day"


class ReceiptBasis(LabelledEnum):
    """Which clause of Art. 31 fixed the day.

    >>> ReceiptBasis.ORDINARY_LETTER.article
    '第三十一条第（二）项'
    """

    IN_PERSON = "in-person", "当面提交的，以提交之日为收到申请之日", "in person: the day handed in"
    SIGNED_FOR = (
        "signed-for",
        "以邮寄方式提交的，以行政机关签收之日为收到申请之日",
        "by post: the day the agency signed for it",
    )
    ORDINARY_LETTER = (
        "ordinary-letter",
        "以平常信函等无需签收的邮寄方式提交的，以与申请人确认之日为收到申请之日",
        "ordinary letter: the day receipt was confirmed with the applicant",
    )
    CONFIRMED = (
        "confirmed",
        "通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日",
        "online, fax or e-mail: the day both sides confirmed",
    )

    @property
    def article(self) -> str:
        """The item of Art. 31 of the 2019 Regulation."""
        return {
            ReceiptBasis.IN_PERSON: "第三十一条第（一）项",
            ReceiptBasis.SIGNED_FOR: "第三十一条第（二）项",
            ReceiptBasis.ORDINARY_LETTER: "第三十一条第（二）项",
            ReceiptBasis.CONFIRMED: "第三十一条第（三）项",
        }[self]


def beijing_day(moment: date | datetime, *, name: str = "moment") -> date:
    """The Beijing calendar day of ``moment`` (a ``date`` is taken as a Beijing day already).

    >>> from datetime import timezone
    >>> beijing_day(datetime(2024, 9, 26, 16, 0, tzinfo=timezone.utc))
    datetime.date(2024, 9, 27)
    >>> beijing_day(datetime(2024, 9, 26, 16, 0))
    Traceback (most recent call last):
    ...
    govdisclosure.errors.InvalidValue: moment: a time of day needs its zone ...
    """
    return _beijing(moment, name)[0]


def _beijing(moment: object, name: str) -> tuple[date, time | None]:
    if isinstance(moment, datetime):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise InvalidValue(
                name,
                "a time of day needs its zone (pass an aware datetime, or a date in Beijing time)",
                "带时刻的时间须注明时区（请使用带时区的时间，或直接给出北京时间的日期）",
            )
        local = moment.astimezone(BEIJING)
        return local.date(), local.time()
    if isinstance(moment, date):
        return moment, None
    raise InvalidValue(
        name,
        f"expected a date or an aware datetime, got {moment!r}",
        f"应为日期或带时区的时间，实际为{moment!r}",
    )


def _moment(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _beijing(value, attribute.name)


@attrs.frozen
class Arrival:
    """How and when an application arrived: the facts Art. 31 reads.

    ``submitted`` is when the applicant handed it in or sent it; ``signed_for`` when the agency
    signed for a letter; ``confirmed`` when receipt was confirmed (both sides, for online, fax
    and e-mail; with the applicant, for an ordinary letter). Each is a ``date`` (a Beijing day)
    or an aware ``datetime``.

    >>> Arrival(SubmissionMethod.POST, submitted=date(2024, 9, 20), signed_for=date(2024, 9, 23))
    Arrival(method=<SubmissionMethod.POST: 'post'>, submitted=datetime.date(2024, 9, 20),
            signed_for=datetime.date(2024, 9, 23), confirmed=None, ordinary_letter=False)
    """

    method: SubmissionMethod = attrs.field(validator=attrs.validators.instance_of(SubmissionMethod))
    """The channel (申请方式)."""
    submitted: date | datetime | None = attrs.field(default=None, validator=_moment)
    """When it was handed in or sent."""
    signed_for: date | datetime | None = attrs.field(default=None, validator=_moment)
    """When the agency signed for a letter (邮寄)."""
    confirmed: date | datetime | None = attrs.field(default=None, validator=_moment)
    """When receipt was confirmed (online, fax, e-mail; ordinary letters)."""
    ordinary_letter: bool = False
    """Whether a letter was sent as 平常信函 (no signature on delivery)."""


@attrs.frozen
class Receipt:
    """The day of receipt and how it was derived.

    >>> r = receipt_day(Arrival(SubmissionMethod.IN_PERSON, submitted=date(2024, 9, 28)),
    ...                 off_hours=OffHoursRule.NEXT_WORKING_DAY)
    >>> r.received_on, r.dated, r.moved
    (datetime.date(2024, 9, 29), datetime.date(2024, 9, 28), True)
    >>> print(r.describe())
    received on 2024-09-29: in person: the day handed in (2019 Regulation 第三十一条第（一）项);
    2024-09-28 is a rest day, moved to the next working day
    """

    received_on: date
    """The day of receipt (收到申请之日): the reply clock counts from the day after it."""
    dated: date
    """The Beijing day of the fact Art. 31 names, before any move for off hours."""
    basis: ReceiptBasis
    """The clause that fixed the day."""
    off_hours: OffHoursRule
    """The rule applied to rest days and after-hours submissions."""
    after_hours: bool = False
    """Whether the fact happened after office hours (only known with a time and a closing time)."""
    rest_day: bool = False
    """Whether ``dated`` is a rest day (only looked up under ``NEXT_WORKING_DAY``)."""

    @property
    def moved(self) -> bool:
        """Whether the day was moved from ``dated``."""
        return self.received_on != self.dated

    def describe(self) -> str:
        """One English sentence."""
        text = (
            f"received on {self.received_on.isoformat()}: {self.basis.label_en}"
            f" (2019 Regulation {self.basis.article})"
        )
        if self.moved:
            why = "a rest day" if self.rest_day else "after office hours"
            text += f"; {self.dated.isoformat()} is {why}, moved to the next working day"
        return text

    def describe_zh(self) -> str:
        """The same in Chinese.

        >>> fax = Arrival(SubmissionMethod.FAX, confirmed=date(2024, 9, 27))
        >>> print(receipt_day(fax).describe_zh())
        收到申请之日为2024-09-27：通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日（《政府信息公开条例》第三十一条第（三）项）
        """
        text = (
            f"收到申请之日为{self.received_on.isoformat()}：{self.basis.label}"
            f"（《政府信息公开条例》{self.basis.article}）"
        )
        if self.moved:
            why = "为休息日" if self.rest_day else "在工作时间以外"
            text += f"；{self.dated.isoformat()}{why}，顺延至下一个工作日"
        return text


def _missing(name: str, method: SubmissionMethod, zh: str) -> InvalidValue:
    return InvalidValue(
        name,
        f"Art. 31 dates an application {method.label_en} by {name}, which is missing",
        f"第三十一条规定{method.label}的申请以{zh}为准，但未提供该时间",
    )


def receipt_day(
    arrival: Arrival,
    *,
    off_hours: OffHoursRule = OffHoursRule.AS_DATED,
    office_closes: time | None = None,
    calendar: WorkdayCalendar | None = None,
) -> Receipt:
    """The day of receipt of an application that arrived as ``arrival`` (Art. 31).

    ``off_hours`` chooses what a rest day or an after-hours time counts as (default: the day
    itself). ``office_closes`` is the Beijing time the receiving office closes (e.g. 17:30, from
    the agency's guide); a time at or after it counts as after hours. ``calendar`` decides rest
    days (default: :func:`~govdisclosure.rules.default_calendar`).

    Raises :class:`~govdisclosure.errors.InvalidValue` when the fact Art. 31 needs is missing,
    and for ``SubmissionMethod.OTHER``, which Art. 31 does not date (give ``received_on``
    directly then).

    >>> receipt_day(Arrival(SubmissionMethod.POST, ordinary_letter=True,
    ...                     confirmed=date(2024, 10, 9))).basis.code
    'ordinary-letter'
    >>> from datetime import timezone
    >>> late = Arrival(SubmissionMethod.EMAIL,
    ...                confirmed=datetime(2024, 9, 27, 18, 5, tzinfo=BEIJING))
    >>> receipt_day(late, off_hours=OffHoursRule.NEXT_WORKING_DAY,
    ...             office_closes=time(17, 30)).received_on
    datetime.date(2024, 9, 29)
    >>> receipt_day(Arrival(SubmissionMethod.POST, submitted=date(2024, 9, 20)))
    Traceback (most recent call last):
    ...
    govdisclosure.errors.InvalidValue: signed_for: Art. 31 dates an application by post by ...
    """
    method = arrival.method
    moment: date | datetime | None
    if method in (SubmissionMethod.IN_PERSON, SubmissionMethod.ORAL):
        moment, basis = arrival.submitted, ReceiptBasis.IN_PERSON
        if moment is None:
            raise _missing("submitted", method, "提交之日")
    elif method is SubmissionMethod.POST and not arrival.ordinary_letter:
        moment, basis = arrival.signed_for, ReceiptBasis.SIGNED_FOR
        if moment is None:
            raise _missing("signed_for", method, "签收之日")
    elif method is SubmissionMethod.POST:
        moment, basis = arrival.confirmed, ReceiptBasis.ORDINARY_LETTER
        if moment is None:
            raise _missing("confirmed", method, "确认之日")
    elif method in (SubmissionMethod.ONLINE, SubmissionMethod.FAX, SubmissionMethod.EMAIL):
        moment, basis = arrival.confirmed, ReceiptBasis.CONFIRMED
        if moment is None:
            raise _missing("confirmed", method, "双方确认之日")
    else:
        raise InvalidValue(
            "method",
            f"Art. 31 does not date an application received {method.label_en};"
            " give the day of receipt directly",
            f"第三十一条未规定{method.label}申请的收到日期，请直接填写收到申请日期",
        )
    day, clock = _beijing(moment, "moment")
    after = clock is not None and office_closes is not None and clock >= office_closes
    if off_hours is OffHoursRule.AS_DATED:
        return Receipt(day, day, basis, off_hours, after_hours=after)
    cal = calendar if calendar is not None else default_calendar()
    rest = not cal.is_workday(day)
    if rest:
        received = cal.next_workday(day)
    elif after:
        received = cal.add_workdays(day, 1)
    else:
        received = day
    return Receipt(received, day, basis, off_hours, after_hours=after, rest_day=rest)
