"""Per-locale conventions, parsed once.

Formatters run for every table cell, so nothing here may touch Babel's locale data per call: the
first call for a locale builds a :class:`Conventions` and every later call is a dictionary hit.
"""

from __future__ import annotations

from functools import lru_cache

import attrs
from babel import Locale

__all__ = ["DEFAULT_LOCALE", "Conventions", "LocaleArg", "conventions"]

DEFAULT_LOCALE = "zh_Hans_CN"
"""The locale every formatter uses unless told otherwise."""

LocaleArg = str | Locale

# CLDR's long date pattern for Chinese; when a locale has it, dates are built with an f-string.
_CJK_LONG_DATE = "y年M月d日"


@attrs.frozen
class Conventions:
    """What the formatters need to know about one locale.

    >>> conv = conventions("en")
    >>> conv.lang, conv.group, conv.grouping, conv.group_by_default
    ('en', ',', (3, 3), True)
    """

    locale: Locale
    chinese: bool
    """The language is Chinese: official (simplified) labels and government typography."""
    decimal: str
    group: str
    minus: str
    grouping: tuple[int, int]
    percent_prefix: str
    percent_suffix: str
    group_by_default: bool
    """Chinese government documents print 10000, not 10,000; other languages group."""
    plain_digits: bool
    """``str(int)`` is already this locale's ungrouped rendering (ASCII minus sign)."""
    cjk_long_date: bool

    @property
    def lang(self) -> str:
        """The language of labels: ``"zh"`` or ``"en"`` (the only two the library ships)."""
        return "zh" if self.chinese else "en"


@lru_cache(maxsize=64)
def conventions(locale: LocaleArg = DEFAULT_LOCALE) -> Conventions:
    """The conventions of ``locale`` (a Babel identifier such as ``"en"`` or a Locale).

    >>> conventions("de").decimal
    ','
    >>> conventions().group_by_default
    False
    """
    loc = locale if isinstance(locale, Locale) else Locale.parse(locale.replace("-", "_"))
    symbols = loc.number_symbols["latn"]
    decimal_pattern = loc.decimal_formats[None]
    percent_pattern = loc.percent_formats[None]
    percent_sign = symbols["percentSign"]
    chinese = loc.language == "zh"
    # Babel writes the pattern's negative prefix, not CLDR's minusSign (which differs in ar).
    minus = decimal_pattern.prefix[1]
    return Conventions(
        locale=loc,
        chinese=chinese,
        decimal=symbols["decimal"],
        group=symbols["group"],
        minus=minus,
        grouping=decimal_pattern.grouping,
        percent_prefix=percent_pattern.prefix[0].replace("%", percent_sign),
        percent_suffix=percent_pattern.suffix[0].replace("%", percent_sign),
        group_by_default=not chinese,
        plain_digits=minus == "-",
        cjk_long_date=loc.date_formats["long"].pattern == _CJK_LONG_DATE,
    )
