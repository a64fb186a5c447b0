"""Sums of money: 元 and 万元 figures, exact conversions, and 人民币大写.

Everything is :class:`~decimal.Decimal` arithmetic that cannot round: converting between 元 and
万元 only moves the decimal point.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from govdisclosure.formatting._errors import FormattingError
from govdisclosure.formatting._locale import DEFAULT_LOCALE, conventions
from govdisclosure.formatting.numbers import render_number
from govdisclosure.formatting.numerals import to_financial_numeral
from govdisclosure.formatting.text import label
from govdisclosure.model.quantity import Money, MoneyUnit

if TYPE_CHECKING:
    from babel import Locale

__all__ = ["format_money", "to_rmb_uppercase", "to_wan_yuan", "to_yuan"]

_FINANCIAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def _shift(value: Decimal, places: int) -> Decimal:
    """``value * 10**places`` without a context, so without rounding."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # Money holds finite amounts only
    return Decimal((sign, digits, exponent + places))


def _plain(value: Decimal) -> Decimal:
    """Drop trailing zeros of the fraction; write an integer without an exponent."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    kept = list(digits)
    while exponent < 0 and kept and kept[-1] == 0:
        kept.pop()
        exponent += 1
    if not kept:
        return Decimal(0)
    if exponent > 0:
        kept.extend([0] * exponent)
        exponent = 0
    return Decimal((sign, tuple(kept), exponent))


def to_yuan(money: Money) -> Money:
    """The same sum in 元, exactly.

    >>> to_yuan(Money(Decimal("96171.6"), MoneyUnit.WAN_YUAN))
    Money(amount=Decimal('961716000'), unit=<MoneyUnit.YUAN: 'yuan'>)
    """
    if money.unit is MoneyUnit.YUAN:
        return money
    return Money(_plain(_shift(money.amount, 4)), MoneyUnit.YUAN)


def to_wan_yuan(money: Money, *, places: int | None = None, rounding: str = ROUND_HALF_UP) -> Money:
    """The same sum in 万元, exactly, with trailing zeros of the fraction dropped.

    Only ``places`` rounds (with ``rounding``, 四舍五入 by default), because a report table
    may print fees to a fixed number of places.

    >>> to_wan_yuan(Money(Decimal("3940")))
    Money(amount=Decimal('0.394'), unit=<MoneyUnit.WAN_YUAN: 'wan-yuan'>)
    >>> to_wan_yuan(Money(Decimal("12345.67")), places=2).amount
    Decimal('1.23')
    """
    amount = money.amount if money.unit is MoneyUnit.WAN_YUAN else _shift(money.amount, -4)
    amount = _plain(amount)
    if places is not None:
        amount = amount.quantize(Decimal(1).scaleb(-places), rounding=rounding)
    return Money(amount, MoneyUnit.WAN_YUAN)


def format_money(
    money: Money, *, grouping: bool | None = None, locale: str | Locale = DEFAULT_LOCALE
) -> str:
    """A sum with its unit, the amount exactly as stored (no float, no rounding).

    Outside Chinese a sum in 万元 is converted (exactly) to yuan, the unit English readers use.

    >>> format_money(Money(Decimal("96171.6"), MoneyUnit.WAN_YUAN))
    '96171.6万元'
    >>> format_money(Money(Decimal("3940.00")))
    '3940.00元'
    >>> format_money(Money(Decimal("96171.6"), MoneyUnit.WAN_YUAN), locale="en")
    '961,716,000 yuan'
    """
    conv = conventions(locale)
    if conv.chinese:
        return render_number(money.amount, conv, grouping) + money.unit.label
    yuan = to_yuan(money)
    return f"{render_number(yuan.amount, conv, grouping)} {label(yuan.unit, conv.lang)}"


def to_rmb_uppercase(amount: Money | Decimal | int) -> str:
    """Write a sum as 人民币大写 (the capitals of cheques and receipts), in 元, 角 and 分.

    Follows the rules of 《支付结算办法》: 整 after 元 when there are no 角 or 分; 零 after 元
    when 角 is 0 but 分 is not; a single 零 for a gap of zeros inside the 元 part. Where the
    rules let the writer choose (元 place 0 and 角 not 0), no 零 is written: 壹佰元伍角. A sum
    below 1元 starts at its 角 or 分 (伍分). A :class:`Decimal` or ``int`` is in 元.

    Raises :class:`FormattingError` for negative sums and for fractions of a 分.

    >>> to_rmb_uppercase(Decimal("100.50"))
    '壹佰元伍角'
    >>> to_rmb_uppercase(100)
    '壹佰元整'
    >>> to_rmb_uppercase(Decimal("1.05"))
    '壹元零伍分'
    >>> to_rmb_uppercase(Decimal("0"))
    '零元整'
    >>> to_rmb_uppercase(Money(Decimal("1.2"), MoneyUnit.WAN_YUAN))
    '壹万贰仟元整'
    >>> to_rmb_uppercase(Decimal("1.005"))
    Traceback (most recent call last):
    ...
    govdisclosure.formatting._errors.FormattingError: 1.005元 has more than two decimal places...
    """
    if isinstance(amount, Money):
        yuan = to_yuan(amount).amount
    elif type(amount) is int:
        yuan = Decimal(amount)
    elif isinstance(amount, Decimal) and amount.is_finite():
        yuan = amount
    else:
        raise TypeError(f"expected Money, a finite Decimal or an int, got {amount!r}")
    if yuan < 0:
        raise FormattingError(f"{yuan}元 is negative: 人民币大写 writes only sums of money")
    fen_total = _shift(yuan, 2)
    if fen_total != fen_total.to_integral_value():
        raise FormattingError(
            f"{yuan}元 has more than two decimal places: 分 is the smallest unit, round first"
        )
    whole, cents = divmod(int(fen_total), 100)
    jiao, fen = divmod(cents, 10)
    if not whole and not cents:
        return "零元整"
    parts = [to_financial_numeral(whole) + "元"] if whole else []
    if not cents:
        parts.append("整")
    else:
        if jiao:
            parts.append(_FINANCIAL_DIGITS[jiao] + "角")
        elif whole:
            parts.append("零")
        if fen:
            parts.append(_FINANCIAL_DIGITS[fen] + "分")
    return "".join(parts)
