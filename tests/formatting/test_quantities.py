"""Approximate figures and statutory periods."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govdisclosure.formatting import DurationUnit, format_duration, format_quantity
from govdisclosure.model.quantity import Qualifier, Quantity


@pytest.mark.parametrize(
    ("quantity", "zh", "en"),
    [
        (Quantity(10000, "条", Qualifier.MORE_THAN), "10000余条", "more than 10,000条"),
        (Quantity(300, "件", Qualifier.MORE_THAN_DUO), "300多件", "more than 300件"),
        (Quantity(400, "篇", Qualifier.NEARLY), "近400篇", "nearly 400篇"),
        (Quantity(3, "万人次", Qualifier.ABOUT), "约3万人次", "about 3万人次"),
        (Quantity(100, "件", Qualifier.AT_LEAST), "100件以上", "at least 100件"),
        (Quantity(1000, "件", Qualifier.OVER), "超1000件", "over 1,000件"),
        (Quantity(337, "条"), "337条", "337条"),
        (Quantity(Decimal("33.9"), "%"), "33.9%", "33.9%"),
        (Quantity(Decimal("2.5"), "万", Qualifier.NEARLY), "近2.5万", "nearly 2.5万"),
        (Quantity(10000, None, Qualifier.MORE_THAN), "10000余", "more than 10,000"),
        (Quantity(100, None, Qualifier.AT_LEAST), "100以上", "at least 100"),
        (Quantity(7, None), "7", "7"),
    ],
)
def test_format_quantity(quantity: Quantity, zh: str, en: str) -> None:
    assert format_quantity(quantity) == zh
    assert format_quantity(quantity, locale="en") == en


def test_format_quantity_grouping() -> None:
    quantity = Quantity(10000, "条", Qualifier.MORE_THAN)
    assert format_quantity(quantity, grouping=True) == "10,000余条"
    assert format_quantity(quantity, locale="en", grouping=False) == "more than 10000条"


@pytest.mark.parametrize(
    ("length", "unit", "zh", "en"),
    [
        (20, DurationUnit.WORKING_DAY, "20个工作日", "20 working days"),
        (1, DurationUnit.WORKING_DAY, "1个工作日", "1 working day"),
        (15, DurationUnit.DAY, "15日", "15 days"),
        (60, "day", "60日", "60 days"),
        (6, "month", "6个月", "6 months"),
        (3, DurationUnit.MONTH, "3个月", "3 months"),
        (1, "year", "1年", "1 year"),
    ],
)
def test_format_duration(length: int, unit: DurationUnit | str, zh: str, en: str) -> None:
    assert format_duration(length, unit) == zh
    assert format_duration(length, unit, locale="en") == en


def test_twenty_days_stay_twenty_days() -> None:
    # Babel's format_timedelta would say 3周.
    assert format_duration(20, "day") == "20日"
    assert format_duration(21, "day", locale="en") == "21 days"


def test_duration_unit_codes() -> None:
    with pytest.raises(ValueError, match="DurationUnit"):
        format_duration(1, "week")
    assert [unit.counter for unit in DurationUnit] == ["个工作日", "日", "个月", "年"]
