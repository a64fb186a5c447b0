"""Figures as reports print them (近400篇, 10000余条, 100件以上) and statutory periods.

Statutory periods are written from their number and unit, never with Babel's
``format_timedelta``, which rounds 20 days to "3周".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govdisclosure.formatting._locale import DEFAULT_LOCALE, conventions
from govdisclosure.formatting.numbers import render_number
from govdisclosure.model.base import LabelledEnum
from govdisclosure.model.quantity import Qualifier, Quantity

if TYPE_CHECKING:
    from babel import Locale

__all__ = ["DurationUnit", "format_duration", "format_quantity"]


def format_quantity(
    quantity: Quantity, *, grouping: bool | None = None, locale: str | Locale = DEFAULT_LOCALE
) -> str:
    """A figure with its qualifier and unit, where the source put them.

    The unit is data (the measure word as printed) and stays as given in every locale. Outside
    Chinese the qualifier becomes its English label in front of the number.

    >>> format_quantity(Quantity(10000, "条", Qualifier.MORE_THAN))
    '10000余条'
    >>> format_quantity(Quantity(400, "篇", Qualifier.NEARLY))
    '近400篇'
    >>> format_quantity(Quantity(3, "万人次", Qualifier.ABOUT))
    '约3万人次'
    >>> format_quantity(Quantity(100, "件", Qualifier.AT_LEAST))
    '100件以上'
    >>> format_quantity(Quantity(337, "条"))
    '337条'
    >>> format_quantity(Quantity(10000, "条", Qualifier.MORE_THAN), locale="en")
    'more than 10,000条'
    """
    conv = conventions(locale)
    number = render_number(quantity.value, conv, grouping)
    unit = quantity.unit or ""
    qualifier = quantity.qualifier
    if qualifier is Qualifier.EXACT:
        return number + unit
    if not conv.chinese:
        return f"{qualifier.label_en} {number}{unit}"
    position = qualifier.position
    if position == "prefix":
        return qualifier.marker + number + unit
    if position == "suffix":
        return number + qualifier.marker + unit
    return number + unit + qualifier.marker


class DurationUnit(LabelledEnum):
    """The units statutory periods are counted in (《条例》 counts most in 工作日).

    >>> DurationUnit.WORKING_DAY.counter
    '个工作日'
    """

    WORKING_DAY = "working-day", "工作日", "working day"
    DAY = "day", "日", "day"
    MONTH = "month", "月", "month"
    YEAR = "year", "年", "year"

    @property
    def counter(self) -> str:
        """What follows the number in Chinese: the unit with its measure word 个 if it takes one."""
        return _COUNTERS[self]


_COUNTERS = {
    DurationUnit.WORKING_DAY: "个工作日",
    DurationUnit.DAY: "日",
    DurationUnit.MONTH: "个月",
    DurationUnit.YEAR: "年",
}


def format_duration(
    length: int, unit: DurationUnit | str, *, locale: str | Locale = DEFAULT_LOCALE
) -> str:
    """A statutory period as the statutes write it: 20个工作日, 15日, 6个月.

    ``unit`` is a :class:`DurationUnit` or its code. The length is never converted into another
    unit (20 days stay 20 days).

    >>> format_duration(20, DurationUnit.WORKING_DAY)
    '20个工作日'
    >>> format_duration(15, "day")
    '15日'
    >>> format_duration(6, "month")
    '6个月'
    >>> format_duration(20, "working-day", locale="en")
    '20 working days'
    """
    if isinstance(unit, str):
        unit = DurationUnit.from_code(unit)
    conv = conventions(locale)
    number = render_number(length, conv, None)
    if conv.chinese:
        return number + unit.counter
    return f"{number} {unit.label_en}{'' if length == 1 else 's'}"
