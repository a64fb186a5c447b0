"""How fast the formatters are per call, and what rendering 1,000 reports would cost.

Run with ``python bench/bench_numerals.py``. A report has about 300 figures (table 3 alone is
26 rows x 7 columns), so the budget of 1,000 reports in 1 s leaves about 3 µs per figure for
everything, formatting included.
"""

from __future__ import annotations

import timeit
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from govdisclosure.formatting import (
    format_count,
    format_date,
    format_money,
    format_number,
    format_quantity,
    heading,
    parse_chinese_numeral,
    to_chinese_numeral,
    to_rmb_uppercase,
)
from govdisclosure.model.quantity import Money, MoneyUnit, Qualifier, Quantity

if TYPE_CHECKING:
    from collections.abc import Callable

FEE = Money(Decimal("96171.6"), MoneyUnit.WAN_YUAN)
FIGURE = Quantity(10000, "条", Qualifier.MORE_THAN)
DAY = date(2024, 1, 31)

CASES: dict[str, Callable[[], object]] = {
    "str(int) (baseline)": lambda: str(12345),
    "format_number(int)": lambda: format_number(12345),
    "format_number(None)": lambda: format_number(None),
    "format_number(int, en)": lambda: format_number(12345, locale="en"),
    "format_count(int, 条)": lambda: format_count(337, "条"),
    "format_quantity": lambda: format_quantity(FIGURE),
    "format_money(万元)": lambda: format_money(FEE),
    "format_date": lambda: format_date(DAY),
    "format_date(en)": lambda: format_date(DAY, locale="en"),
    "heading(3)": lambda: heading(3),
    "to_chinese_numeral(200003000)": lambda: to_chinese_numeral(200003000),
    "parse_chinese_numeral": lambda: parse_chinese_numeral("二亿零三千"),
    "to_rmb_uppercase": lambda: to_rmb_uppercase(Decimal("16409.02")),
}


def per_call(func: Callable[[], object], number: int = 20000) -> float:
    """Best of five runs, in microseconds per call."""
    return min(timeit.repeat(func, number=number, repeat=5)) / number * 1e6


def main() -> None:
    for name, func in CASES.items():
        print(f"{name:32} {per_call(func):7.2f} µs")
    cells = [None if i % 9 == 0 else i * 7 for i in range(300)]

    def report() -> None:
        for cell in cells:
            format_number(cell)

    seconds = min(timeit.repeat(report, number=100, repeat=5)) / 100 * 1000
    print(f"{'1,000 reports x 300 cells':32} {seconds:7.3f} s")


if __name__ == "__main__":
    main()
