"""Figures as reports print them: a number, how exact it is, and its unit.

Reports are full of approximate figures ("10000余条", "近400篇", "约3万人次"). They are data, not
noise: the qualifier is kept next to the value so that nothing the source said is lost and nothing
it did not say is invented.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from govdisclosure.model.base import (
    LabelledEnum,
    decimal_value,
    field,
    finite_decimal,
    non_negative,
    optional_text,
)

__all__ = ["Money", "MoneyUnit", "Qualifier", "Quantity"]


class Qualifier(LabelledEnum):
    """How exact a printed figure is, with the marker the source used.

    ``marker`` is the Chinese word and ``position`` says where it stands: ``"prefix"`` before the
    number (近400篇), ``"suffix"`` right after the number (10000余条), ``"after-unit"`` after the
    unit (100件以上).

    >>> Qualifier.MORE_THAN.label
    '余'
    >>> Qualifier.NEARLY.position
    'prefix'
    """

    EXACT = "exact", "", "exact"
    MORE_THAN = "more-than", "余", "more than"
    MORE_THAN_DUO = "more-than-duo", "多", "more than"
    OVER = "over", "超", "over"
    NEARLY = "nearly", "近", "nearly"
    ABOUT = "about", "约", "about"
    AT_LEAST = "at-least", "以上", "at least"

    @property
    def marker(self) -> str:
        """The Chinese marker word ("" for an exact figure)."""
        return self.label

    @property
    def position(self) -> str:
        """Where the marker stands: ``"prefix"``, ``"suffix"``, ``"after-unit"`` or ``""``."""
        return _POSITIONS[self]

    @property
    def is_exact(self) -> bool:
        """True only for :attr:`EXACT`."""
        return self is Qualifier.EXACT


_POSITIONS = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: "suffix",
    Qualifier.MORE_THAN_DUO: "suffix",
    Qualifier.OVER: "prefix",
    Qualifier.NEARLY: "prefix",
    Qualifier.ABOUT: "prefix",
    Qualifier.AT_LEAST: "after-unit",
}


@attrs.frozen
class Quantity:
    """A figure as printed: value, unit and qualifier.

    The value is kept exactly as printed: an ``int`` for whole numbers, a
    :class:`~decimal.Decimal` when the source printed a fraction (``96171.6``) so that no float
    rounding can creep in. The unit is the measure word the source used (条, 篇, 件, 万人次, %).

    >>> Quantity(10000, "条", Qualifier.MORE_THAN)
    Quantity(value=10000, unit='条', qualifier=<Qualifier.MORE_THAN: 'more-than'>)
    >>> Quantity(400, "篇", Qualifier.NEARLY).is_exact
    False
    """

    value: int | Decimal = field(
        "数值", "The number as printed.", validator=[decimal_value, non_negative]
    )
    unit: str | None = field(
        "单位",
        "The measure word as printed (条, 篇, 件, 人次, %…); None if there was none.",
        validator=optional_text,
    )
    qualifier: Qualifier = field(
        "限定词", "How exact the figure is (余, 近, 约, 以上…).", default=Qualifier.EXACT
    )

    @property
    def is_exact(self) -> bool:
        """True when the source gave the figure without any qualifier."""
        return self.qualifier is Qualifier.EXACT


class MoneyUnit(LabelledEnum):
    """The unit a sum of money is stated in.

    >>> MoneyUnit.WAN_YUAN.factor
    Decimal('10000')
    """

    YUAN = "yuan", "元", "yuan"
    WAN_YUAN = "wan-yuan", "万元", "10,000 yuan"

    @property
    def factor(self) -> Decimal:
        """How many 元 one unit is worth."""
        return Decimal(1) if self is MoneyUnit.YUAN else Decimal(10000)


def _exact_decimal(value: object) -> object:
    # An int is exact; a float (or a bool) is not converted, so the validator refuses it.
    return Decimal(value) if type(value) is int else value


@attrs.frozen
class Money:
    """A sum of money as a :class:`~decimal.Decimal` in 元 or 万元, never a float.

    >>> fee = Money(Decimal("96171.6"), MoneyUnit.WAN_YUAN)
    >>> fee.in_yuan()
    Decimal('961716000.0')
    >>> Money(Decimal("3940"), MoneyUnit.YUAN) == Money(Decimal("3940"))
    True
    >>> Money(3940).amount
    Decimal('3940')
    """

    amount: Decimal = field(
        "金额",
        "The amount as printed, in `unit` (an exact int is taken as a Decimal).",
        validator=[finite_decimal, non_negative],
        converter=_exact_decimal,
    )
    unit: MoneyUnit = field("单位", "元 or 万元.", default=MoneyUnit.YUAN)

    def in_yuan(self) -> Decimal:
        """The amount converted to 元 (exact, no rounding)."""
        return self.amount * self.unit.factor
