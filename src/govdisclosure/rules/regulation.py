"""The versions of the Regulation on Open Government Information, as data.

Each version is a :class:`Regulation` value holding its periods (in working days) and the clock
rules that differ between versions. Code never branches on a year: it reads these fields. The
version that governs a request is the one in force on the day the application was received.

>>> regulation_in_force(on=date(2024, 9, 27)).reply_working_days
20
>>> regulation_in_force(on=date(2010, 3, 1)).instrument
'国务院令第492号'
"""

from __future__ import annotations

from datetime import date

import attrs

from govdisclosure.errors import GovDisclosureError
from govdisclosure.model.request import Consultee

__all__ = [
    "REGULATIONS",
    "REGULATION_2008",
    "REGULATION_2019",
    "NoRegulationInForce",
    "Regulation",
    "regulation_by_code",
    "regulation_in_force",
]


@attrs.frozen
class Regulation:
    """One version of 《中华人民共和国政府信息公开条例》 and the periods it sets.

    All periods are counted in working days (工作日); the day an act happens is not counted.

    >>> REGULATION_2019.max_reply_working_days
    40
    >>> REGULATION_2008.publication_working_days, REGULATION_2008.publication_article
    (20, '第十八条')
    >>> REGULATION_2008.pauses_for(Consultee.OTHER_AGENCY)
    False
    """

    code: str
    """Stable code: ``"2008"`` or ``"2019"``."""
    instrument: str
    """The State Council decree that enacted the text, e.g. 国务院令第711号."""
    instrument_en: str
    """The same in English."""
    in_force_from: date
    """First day the text applied."""
    in_force_until: date | None
    """Last day the text applied (``None`` while in force)."""
    reply_working_days: int
    """The reply period (答复期限)."""
    reply_article: str
    """The article setting the reply period and the extension."""
    extension_max_working_days: int
    """The longest single extension (延长答复期限)."""
    max_extensions: int
    """How many extensions are allowed (one in both versions)."""
    correction_notice_working_days: int | None
    """Deadline for the agency's correction notice (补正告知); ``None`` if the text sets none."""
    correction_restarts_clock: bool
    """Whether the reply period counts from receipt of the corrected application."""
    consultation_working_days: int | None
    """The period a consultee has to answer, or ``None`` when the text sets none."""
    paused_consultees: tuple[Consultee, ...]
    """Whose consultation time is not counted in the reply period."""
    publication_working_days: int
    """The period for publishing proactively disclosed information (主动公开), counted from the
    day it was formed or changed (形成或者变更): see :func:`~govdisclosure.rules.publication_due`.
    """
    publication_article: str
    """The article setting the proactive-publication period."""

    reasonable_period_article: str | None = None
    """The article letting the agency set a reasonable later reply day for requests whose number
    or frequency 明显超过合理范围 (2019 Art. 35), ``None`` when the text has no such rule."""
    information_fees: bool = False
    """Whether the text allows an information processing fee (2019 Art. 42), whose notice stops
    the reply clock under the fee Measures (see :class:`~govdisclosure.rules.FeeSchedule`)."""

    title: str = "中华人民共和国政府信息公开条例"
    """The title of the Regulation (the same in both versions)."""

    @property
    def max_reply_working_days(self) -> int:
        """Reply period plus the longest allowed extension(s)."""
        return self.reply_working_days + self.max_extensions * self.extension_max_working_days

    def pauses_for(self, consultee: Consultee) -> bool:
        """Whether consulting ``consultee`` stops the reply clock under this version."""
        return consultee in self.paused_consultees

    def applies_on(self, day: date) -> bool:
        """Whether this version was in force on ``day``.

        >>> REGULATION_2008.applies_on(date(2019, 5, 14))
        True
        >>> REGULATION_2008.applies_on(date(2019, 5, 15))
        False
        """
        if day < self.in_force_from:
            return False
        return self.in_force_until is None or day <= self.in_force_until

    def __str__(self) -> str:
        return f"《{self.title}》（{self.instrument}）"


REGULATION_2008 = Regulation(
    code="2008",
    instrument="国务院令第492号",
    instrument_en="State Council Decree No. 492",
    in_force_from=date(2008, 5, 1),
    in_force_until=date(2019, 5, 14),
    reply_working_days=15,
    reply_article="第二十四条",
    extension_max_working_days=15,
    max_extensions=1,
    correction_notice_working_days=None,
    # Art. 21(四) only says the applicant is told to change or supplement the application; the
    # 2008 text has no restart rule. Counting from the changed application is an inference that
    # matches the 2019 text and local practice: the unclear application could not be answered.
    correction_restarts_clock=True,
    consultation_working_days=None,
    paused_consultees=(Consultee.THIRD_PARTY,),
    # Art. 18: 自该政府信息形成或者变更之日起20个工作日内予以公开.
    publication_working_days=20,
    publication_article="第十八条",
)
"""The 2007 text (国务院令第492号), in force 2008-05-01 to 2019-05-14."""

REGULATION_2019 = Regulation(
    code="2019",
    instrument="国务院令第711号",
    instrument_en="State Council Decree No. 711",
    in_force_from=date(2019, 5, 15),
    in_force_until=None,
    reply_working_days=20,
    reply_article="第三十三条",
    extension_max_working_days=20,
    max_extensions=1,
    correction_notice_working_days=7,
    correction_restarts_clock=True,
    consultation_working_days=15,
    paused_consultees=(Consultee.THIRD_PARTY, Consultee.OTHER_AGENCY),
    # Art. 26: 自该政府信息形成或者变更之日起20个工作日内及时公开.
    publication_working_days=20,
    publication_article="第二十六条",
    reasonable_period_article="第三十五条",
    information_fees=True,
)
"""The 2019 revision (国务院令第711号), in force from 2019-05-15."""

REGULATIONS: tuple[Regulation, ...] = (REGULATION_2008, REGULATION_2019)
"""Every version, oldest first."""

_BY_CODE = {r.code: r for r in REGULATIONS}
_FIRST_DAY = REGULATION_2008.in_force_from
_LATEST = REGULATIONS[-1]


class NoRegulationInForce(GovDisclosureError, LookupError):
    """No version of the Regulation applies to the date (before 2008-05-01), or a code is unknown.

    >>> print(NoRegulationInForce(date(2007, 12, 3)))
    no regulation on open government information was in force on 2007-12-03
    (the first took effect on 2008-05-01) /
    2007-12-03《政府信息公开条例》尚未施行（2008-05-01起施行）
    """

    def __init__(self, day: date | None, code: str | None = None) -> None:
        self.day = day
        self.code = code
        if day is not None:
            first = _FIRST_DAY.isoformat()
            message = (
                f"no regulation on open government information was in force on {day.isoformat()}"
                f" (the first took effect on {first})"
                f" / {day.isoformat()}《政府信息公开条例》尚未施行（{first}起施行）"
            )
        else:
            valid = ", ".join(_BY_CODE)
            message = (
                f"unknown regulation version {code!r}; expected one of: {valid}"
                f" / 未知的条例版本{code!r}，应为：{valid}"
            )
        super().__init__(message)


def regulation_in_force(on: date) -> Regulation:
    """The version of the Regulation in force on ``on``.

    For a request, pass its day of receipt: that day fixes the rules for its whole life.

    >>> regulation_in_force(on=date(2019, 5, 15)).code
    '2019'
    >>> try:
    ...     regulation_in_force(on=date(2008, 4, 30))
    ... except NoRegulationInForce as err:
    ...     print(err)
    no regulation on open government information was in force on 2008-04-30 ...
    """
    if _LATEST.in_force_from <= on:
        return _LATEST
    for regulation in REGULATIONS:
        if regulation.applies_on(on):
            return regulation
    raise NoRegulationInForce(on)


def regulation_by_code(code: str) -> Regulation:
    """The version with this code (``"2008"`` or ``"2019"``).

    >>> regulation_by_code("2008").reply_working_days
    15
    """
    try:
        return _BY_CODE[code]
    except KeyError:
        raise NoRegulationInForce(None, code) from None
