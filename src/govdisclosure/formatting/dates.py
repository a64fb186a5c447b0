"""Dates and date ranges (2024年1月31日; 2024年1月1日至12月31日)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel.dates import format_date as babel_format_date
from babel.dates import format_interval, format_skeleton

from govdisclosure.formatting._locale import DEFAULT_LOCALE, Conventions, conventions

if TYPE_CHECKING:
    from datetime import date

    from babel import Locale

__all__ = ["format_date", "format_date_range"]


def _long(day: date, conv: Conventions) -> str:
    if conv.cjk_long_date:
        return f"{day.year}年{day.month}月{day.day}日"
    return babel_format_date(day, "long", locale=conv.locale)


def format_date(day: date, *, locale: str | Locale = DEFAULT_LOCALE) -> str:
    """A date in the locale's long form, which for Chinese is how documents write it.

    >>> from datetime import date
    >>> format_date(date(2024, 1, 31))
    '2024年1月31日'
    >>> format_date(date(2024, 1, 31), locale="en")
    'January 31, 2024'
    """
    return _long(day, conventions(locale))


def format_date_range(start: date, end: date, *, locale: str | Locale = DEFAULT_LOCALE) -> str:
    """A period from ``start`` to ``end``, both included.

    In Chinese the end date drops the year when both dates are in the same year, but always
    keeps its month (2024年1月1日至1月31日, where CLDR would write 至31日); other locales use
    CLDR's interval format.

    >>> from datetime import date
    >>> format_date_range(date(2024, 1, 1), date(2024, 12, 31))
    '2024年1月1日至12月31日'
    >>> format_date_range(date(2023, 12, 1), date(2024, 1, 31))
    '2023年12月1日至2024年1月31日'
    >>> format_date_range(date(2024, 1, 1), date(2024, 12, 31), locale="en")
    'Jan 1\\u2009–\\u2009Dec 31, 2024'
    """
    if end < start:
        raise ValueError(f"a period cannot end ({end}) before it starts ({start})")
    conv = conventions(locale)
    if not conv.chinese:
        return format_interval(start, end, "yMMMd", locale=conv.locale)
    if start == end:
        return _long(start, conv)
    if start.year != end.year:
        return f"{_long(start, conv)}至{_long(end, conv)}"
    if conv.cjk_long_date:
        return f"{_long(start, conv)}至{end.month}月{end.day}日"
    return f"{_long(start, conv)}至{format_skeleton('MMMd', end, locale=conv.locale)}"
