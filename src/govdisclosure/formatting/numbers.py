"""Numbers, counts and percentages in a locale's conventions.

Chinese government documents print large counts without grouping separators (10000条, not
10,000条), so for Chinese locales grouping is off unless asked for; every other locale groups as
CLDR says. Decimals keep the places they were given (``Decimal("96171.60")`` prints ``96171.60``):
a figure is printed as the source printed it, and any rounding is asked for explicitly.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from govdisclosure.formatting._errors import FormattingError
from govdisclosure.formatting._locale import DEFAULT_LOCALE, Conventions, conventions

if TYPE_CHECKING:
    from babel import Locale

__all__ = ["format_count", "format_number", "format_percent", "render_number"]


def _group(digits: str, conv: Conventions) -> str:
    primary, secondary = conv.grouping
    if len(digits) <= primary:
        return digits
    head, groups = digits[:-primary], [digits[-primary:]]
    while len(head) > secondary:
        groups.append(head[-secondary:])
        head = head[:-secondary]
    groups.append(head)
    return conv.group.join(reversed(groups))


def render_number(value: int | Decimal, conv: Conventions, grouping: bool | None) -> str:
    """Render ``value`` with already looked-up conventions (for other formatters' hot paths).

    >>> render_number(12345, conventions("en"), None)
    '12,345'
    """
    if grouping is None:
        grouping = conv.group_by_default
    if type(value) is int:
        if not grouping and conv.plain_digits:
            return str(value)
        negative = value < 0
        whole, fraction = str(abs(value)), ""
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise FormattingError(f"cannot format {value} as a number")
        negative = value < 0
        whole, _, fraction = format(abs(value), "f").partition(".")
    else:
        raise TypeError(
            f"expected an int or a Decimal, got {type(value).__name__}"
            " (floats are not accepted: they cannot hold 0.1 exactly)"
        )
    if grouping:
        whole = _group(whole, conv)
    text = f"{whole}{conv.decimal}{fraction}" if fraction else whole
    return conv.minus + text if negative else text


def format_number(
    value: int | Decimal | None,
    *,
    grouping: bool | None = None,
    blank: str = "",
    locale: str | Locale = DEFAULT_LOCALE,
) -> str:
    """Format an integer or a Decimal; ``None`` (a blank cell) gives ``blank``.

    ``grouping=None`` follows the house style: none for Chinese, CLDR grouping elsewhere.

    >>> format_number(1234567)
    '1234567'
    >>> format_number(1234567, grouping=True)
    '1,234,567'
    >>> format_number(Decimal("96171.60"), locale="de")
    '96.171,60'
    >>> format_number(None, blank="—")
    '—'
    """
    if value is None:
        return blank
    return render_number(value, conventions(locale), grouping)


def format_count(
    value: int | None,
    unit: str = "",
    *,
    grouping: bool | None = None,
    blank: str = "",
    locale: str | Locale = DEFAULT_LOCALE,
) -> str:
    """A count followed by its measure word as printed (件, 条, 篇…); ``None`` gives ``blank``.

    The measure word is data and stays as given in every locale.

    >>> format_count(337, "条")
    '337条'
    >>> format_count(10000, "条")
    '10000条'
    >>> format_count(10000, "条", locale="en")
    '10,000条'
    """
    if value is None:
        return blank
    return render_number(value, conventions(locale), grouping) + unit


def format_percent(
    value: int | Decimal,
    *,
    places: int | None = None,
    rounding: str = ROUND_HALF_UP,
    locale: str | Locale = DEFAULT_LOCALE,
) -> str:
    """A percentage given in percent points (33.9 means 33.9%), as reports print them.

    The value keeps its own places unless ``places`` is given; then it is rounded with
    ``rounding`` (四舍五入 by default; pass ``decimal.ROUND_HALF_EVEN`` for GB/T 8170).

    >>> format_percent(100)
    '100%'
    >>> format_percent(Decimal("33.9"))
    '33.9%'
    >>> format_percent(Decimal("33.85"), places=1)
    '33.9%'
    >>> format_percent(Decimal("33.9"), locale="de")
    '33,9\\xa0%'
    """
    conv = conventions(locale)
    if places is not None:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise TypeError(f"expected an int or a Decimal, got {type(value).__name__}")
        value = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=rounding)
    negative = value < 0
    text = render_number(-value if negative else value, conv, None)
    sign = conv.minus if negative else ""
    return f"{sign}{conv.percent_prefix}{text}{conv.percent_suffix}"
