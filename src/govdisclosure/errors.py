"""The exceptions govdisclosure raises.

Every error the library raises on bad input is a :class:`GovDisclosureError`, so callers can catch
one family. Errors about data say *where* the problem is (a JSON path such as
``$.applications.rows[3].natural_person``) and *what* was expected, in English and in Chinese.

The errors shared across the library are defined here. Errors that belong to one subsystem live
beside its code and derive from these: ``formatting.FormattingError`` and ``NumeralParseError``,
``checks.DuplicateRuleError``, ``examples.UnknownExample``, ``rules.NoRegulationInForce``,
``serialize.SchemaError``, ``export.RequestLogError`` (a :class:`ValidationError`) and
``parse.TooManyCandidates`` (a :class:`ParseError`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

__all__ = [
    "MAX_ERRORS",
    "CalendarDataUnavailable",
    "ErrorDetail",
    "GovDisclosureError",
    "InvalidValue",
    "LifecycleError",
    "ParseError",
    "RegistrationError",
    "ValidationError",
]


class GovDisclosureError(Exception):
    """Base class of every error govdisclosure raises on purpose."""


class InvalidValue(GovDisclosureError, ValueError):
    """A model was given a value its field does not accept (raised by the models' validators).

    ``field_name`` names the field; the messages say what was expected, in English and Chinese.

    >>> from govdisclosure.model import Quantity
    >>> try:
    ...     Quantity(-3, "件")
    ... except InvalidValue as error:
    ...     print(error.field_name, "|", error.message_zh)
    value | 不能为负数，实际为-3
    """

    def __init__(self, field_name: str, message: str, message_zh: str) -> None:
        self.field_name = field_name
        self.message = message
        self.message_zh = message_zh
        super().__init__(f"{field_name}: {message} / {message_zh}")


@attrs.frozen
class ErrorDetail:
    """One problem found in a document: where it is and what was expected.

    >>> ErrorDetail("$.year", "expected an integer", "应为整数")
    ErrorDetail(path='$.year', message='expected an integer', message_zh='应为整数')
    """

    path: str
    """JSON path of the offending value, e.g. ``$.applications.rows[3].natural_person``."""
    message: str
    """What was wrong and what was expected, in English."""
    message_zh: str
    """The same message in Chinese."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message} / {self.message_zh}"


#: The most problems a :class:`ValidationError` keeps and shows; the rest are only counted.
MAX_ERRORS = 100


class ValidationError(GovDisclosureError, ValueError):
    """A document could not be turned into a model; lists the problems found.

    The first :data:`MAX_ERRORS` problems are kept in ``errors``; ``total`` counts them all
    (a hostile document can hold hundreds of thousands, which would take seconds to format).

    >>> err = ValidationError([ErrorDetail("$.year", "expected an integer", "应为整数")])
    >>> print(err)
    1 problem in the document / 文档中有1处错误:
      $.year: expected an integer / 应为整数
    >>> err.paths
    ('$.year',)
    >>> many = ValidationError(ErrorDetail(f"$[{i}]", "bad", "错") for i in range(250))
    >>> len(many.errors), many.total, str(many).splitlines()[-1]
    (100, 250, '  ... and 150 more / 另有150处错误未列出')
    """

    def __init__(self, errors: Iterable[ErrorDetail], more: int = 0) -> None:
        # ``more``: problems a reader counted without building them (a log of a million bad
        # rows), on top of those in ``errors``.
        kept: list[ErrorDetail] = []
        count = 0
        for error in errors:
            if count < MAX_ERRORS:
                kept.append(error)
            count += 1
        self.errors: tuple[ErrorDetail, ...] = tuple(kept)
        self.total = count + more
        total = self.total
        head = (
            f"{total} problem{'s' if total != 1 else ''} in the document / 文档中有{total}处错误:"
        )
        rest = total - len(kept)
        if rest:
            head = (
                f"{total} problems in the document (the first {len(kept)} listed)"
                f" / 文档中有{total}处错误（列出前{len(kept)}处）:"
            )
        lines = [head, *map(str, self.errors)]
        if rest:
            lines.append(f"... and {rest} more / 另有{rest}处错误未列出")
        super().__init__("\n  ".join(lines))

    @property
    def more(self) -> int:
        """How many problems there were beyond those listed in ``errors``."""
        return self.total - len(self.errors)

    @property
    def paths(self) -> tuple[str, ...]:
        """The JSON paths of the problems, in the order found."""
        return tuple(e.path for e in self.errors)


class RegistrationError(GovDisclosureError, TypeError):
    """A model class could not be registered (or was used without being registered)."""


class ParseError(GovDisclosureError, ValueError):
    """Nothing usable could be read from a published report."""


class LifecycleError(GovDisclosureError, ValueError):
    """A request's event history is impossible under the regulation that governs it.

    ``event`` is the offending event (or ``None`` when the history as a whole is wrong).
    """

    def __init__(self, message: str, message_zh: str, event: object | None = None) -> None:
        self.message = message
        self.message_zh = message_zh
        self.event = event
        super().__init__(f"{message} / {message_zh}")


class CalendarDataUnavailable(GovDisclosureError, LookupError):
    """The working-day calendar has no official data for a date.

    Statutory deadlines are never guessed: a year outside the covered range is an error unless
    the caller explicitly opts in to a weekends-only *estimate*.

    >>> from datetime import date
    >>> err = CalendarDataUnavailable(date(2030, 1, 2), 2004, 2026)
    >>> print(err)  # doctest: +NORMALIZE_WHITESPACE
    no official working-day data for 2030 (covered: 2004–2026)
    / 缺少2030年的法定工作日数据（已覆盖2004–2026年）
    to estimate, pass calendar=govdisclosure.rules.estimated_calendar()
    (on the command line: --estimate)
    / 如需估算，请使用 calendar=govdisclosure.rules.estimated_calendar()（命令行：--estimate）
    >>> err.year
    2030

    A year before the data gets no hint: estimates are only for years not yet published. Nor
    does a date beyond what an estimating calendar estimates (``estimated`` gives its years):

    >>> print(CalendarDataUnavailable(date(2101, 1, 3), 2004, 2026, estimated=(2000, 2100)))
    no working-day data for 2101 (official: 2004–2026; estimated: 2000–2100)
    / 缺少2101年的工作日数据（法定数据：2004–2026年；估算：2000–2100年）
    """

    def __init__(
        self,
        day: date,
        first_year: int,
        last_year: int,
        *,
        estimated: tuple[int, int] | None = None,
    ) -> None:
        self.day = day
        self.year = day.year
        self.first_year = first_year
        self.last_year = last_year
        self.estimated = estimated
        """The first and last year an estimating calendar estimates; ``None`` if it does not."""
        message = (
            f"no official working-day data for {day.year} (covered: {first_year}–{last_year})\n"
            f"/ 缺少{day.year}年的法定工作日数据（已覆盖{first_year}–{last_year}年）"
        )
        if estimated is not None:
            low, high = estimated
            message = (
                f"no working-day data for {day.year}"
                f" (official: {first_year}–{last_year}; estimated: {low}–{high})\n"
                f"/ 缺少{day.year}年的工作日数据（法定数据：{first_year}–{last_year}年；"
                f"估算：{low}–{high}年）"
            )
        elif day.year > last_year:
            message += (
                "\nto estimate, pass calendar=govdisclosure.rules.estimated_calendar()"
                " (on the command line: --estimate)\n/ 如需估算，请使用"
                " calendar=govdisclosure.rules.estimated_calendar()（命令行：--estimate）"
            )
        super().__init__(message)
