"""Fee calculations written out: each band, its amount and the total, with Babel's conventions.

>>> from govdisclosure.rules import FeeMethod, information_fee
>>> print(format_fee(information_fee(FeeMethod.PER_PAGE, 150)))
按量计收（国办函〔2020〕109号第五条），共150页：
第1—30页：30页，不收费
第31—100页：70页，每页10元，计700元
第101—150页：50页，每页20元，计1000元
合计：1700元（壹仟柒佰元整）
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govdisclosure.formatting._locale import DEFAULT_LOCALE, conventions
from govdisclosure.formatting.money import format_money, to_rmb_uppercase
from govdisclosure.formatting.numbers import format_count
from govdisclosure.model.quantity import Money

if TYPE_CHECKING:
    from decimal import Decimal

    from babel import Locale

    from govdisclosure.rules.fees import FeeCalculation

__all__ = ["fee_lines", "format_fee"]


def fee_lines(calc: FeeCalculation, *, locale: str | Locale = DEFAULT_LOCALE) -> tuple[str, ...]:
    """The calculation as lines: a heading, one line per band touched, the total.

    In Chinese the total carries its 人民币大写 in brackets, as fee notices print it; other
    locales write the English labels and Babel's number formats.

    >>> from govdisclosure.rules import FeeMethod, information_fee
    >>> for line in fee_lines(information_fee(FeeMethod.PER_APPLICATION, 2, already=29),
    ...                       locale="en"):
    ...     print(line)
    by number of applications (国办函〔2020〕109号 第四条), 2 applications, nos. 30–31:
    no. 30: 1 application at 100 yuan = 100 yuan
    no. 31: 1 application at 200 yuan = 200 yuan
    total: 300 yuan
    """
    conv = conventions(locale)
    method = calc.method
    first, last = calc.already + 1, calc.already + calc.units

    def money(amount: Decimal) -> str:
        return format_money(Money(amount), locale=locale)

    def count(n: int) -> str:
        return format_count(n, locale=locale)

    if conv.chinese:
        unit = method.unit
        span = f"，第{first}—{last}{unit}" if calc.already else ""
        lines = [f"{method.label}（{calc.basis}），共{count(calc.units)}{unit}{span}："]
        for line in calc.lines:
            where = (
                f"第{line.first}—{line.last}{unit}" if line.units > 1 else f"第{line.first}{unit}"
            )
            if line.rate == 0:
                lines.append(f"{where}：{count(line.units)}{unit}，不收费")
            else:
                lines.append(
                    f"{where}：{count(line.units)}{unit}，每{unit}{money(line.rate)}，"
                    f"计{money(line.amount)}"
                )
        lines.append(f"合计：{money(calc.total)}（{to_rmb_uppercase(calc.total)}）")
        return tuple(lines)
    unit = method.unit_en
    plural = f"{unit}s" if calc.units != 1 else unit
    span = f", nos. {first}–{last}" if calc.already else ""
    head = (
        f"{method.label_en} ({calc.schedule.instrument} {method.article}),"
        f" {count(calc.units)} {plural}{span}:"
    )
    lines = [head]
    for line in calc.lines:
        where = f"nos. {line.first}–{line.last}" if line.units > 1 else f"no. {line.first}"
        units = f"{count(line.units)} {unit if line.units == 1 else unit + 's'}"
        if line.rate == 0:
            lines.append(f"{where}: {units}, free")
        else:
            lines.append(f"{where}: {units} at {money(line.rate)} = {money(line.amount)}")
    lines.append(f"total: {money(calc.total)}")
    return tuple(lines)


def format_fee(calc: FeeCalculation, *, locale: str | Locale = DEFAULT_LOCALE) -> str:
    """:func:`fee_lines` joined by new lines."""
    return "\n".join(fee_lines(calc, locale=locale))
