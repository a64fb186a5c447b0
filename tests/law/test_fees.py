"""Fees: the 2020 Measures' bands by hand, properties of the calculator, the 2008 cost charges."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.errors import GovDisclosureError, InvalidValue
from govdisclosure.formatting import fee_lines, format_fee
from govdisclosure.rules import (
    COST_CHARGES_2008,
    FEE_SCHEDULE_2020,
    CostChargeItem,
    FeeMethod,
    NoFeeSchedule,
    cost_charges_2008,
    fee_schedule_in_force,
    information_fee,
)

UNITS = st.integers(min_value=1, max_value=400)
PAGES = st.integers(min_value=0, max_value=1000)


def by_hand_per_application(n: int) -> Decimal:
    """The 按件 fee for the first n applications of a month, summed one by one."""
    total = Decimal(0)
    for k in range(1, n + 1):
        if k <= 10:
            continue
        if k <= 30:
            total += 100
        else:
            total += 200 + 100 * ((k - 31) // 10)
    return total


def by_hand_per_page(n: int) -> Decimal:
    total = Decimal(0)
    for k in range(1, n + 1):
        total += 0 if k <= 30 else 10 if k <= 100 else 20 if k <= 200 else 40
    return total


@pytest.mark.parametrize(
    ("units", "expected"),
    [(1, 0), (10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000), (41, 4300), (60, 11000)],
)
def test_per_application_worked_examples(units: int, expected: int) -> None:
    assert information_fee(FeeMethod.PER_APPLICATION, units).total == expected


@pytest.mark.parametrize(
    ("pages", "expected"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)],
)
def test_per_page_worked_examples(pages: int, expected: int) -> None:
    assert information_fee(FeeMethod.PER_PAGE, pages).total == expected


@given(UNITS)
def test_per_application_matches_the_count_by_hand(n: int) -> None:
    assert information_fee(FeeMethod.PER_APPLICATION, n).total == by_hand_per_application(n)


@given(PAGES)
def test_per_page_matches_the_count_by_hand(n: int) -> None:
    assert information_fee(FeeMethod.PER_PAGE, n).total == by_hand_per_page(n)


@given(UNITS, UNITS)
def test_monotone_in_count(a: int, b: int) -> None:
    low, high = sorted((a, b))
    for method in FeeMethod:
        assert information_fee(method, low).total <= information_fee(method, high).total


@given(st.integers(0, 200), st.integers(1, 100), st.integers(1, 100))
def test_months_applications_add_up(already: int, first: int, second: int) -> None:
    whole = information_fee(FeeMethod.PER_APPLICATION, first + second, already=already)
    one = information_fee(FeeMethod.PER_APPLICATION, first, already=already)
    two = information_fee(FeeMethod.PER_APPLICATION, second, already=already + first)
    assert one.total + two.total == whole.total


@given(st.integers(0, 300), st.integers(1, 50))
def test_a_later_application_never_costs_less(already: int, units: int) -> None:
    earlier = information_fee(FeeMethod.PER_APPLICATION, units, already=already)
    later = information_fee(FeeMethod.PER_APPLICATION, units, already=already + 1)
    assert later.total >= earlier.total


@given(st.integers(1, 10), st.integers(0, 30))
def test_the_free_allowance(applications: int, pages: int) -> None:
    assert information_fee(FeeMethod.PER_APPLICATION, applications).total == 0
    assert information_fee(FeeMethod.PER_PAGE, pages).total == 0
    assert FEE_SCHEDULE_2020.free_units(FeeMethod.PER_APPLICATION) == 10
    assert FEE_SCHEDULE_2020.free_units(FeeMethod.PER_PAGE) == 30


@given(st.sampled_from(FeeMethod), UNITS)
def test_never_both_methods(method: FeeMethod, units: int) -> None:
    calc = information_fee(method, units)
    assert calc.method is method
    bands = FEE_SCHEDULE_2020.bands(method)
    assert all(line.band in bands for line in calc.lines)
    assert sum(line.units for line in calc.lines) == units
    assert calc.total == sum((line.amount for line in calc.lines), Decimal(0))
    assert calc.free_units_used + calc.charged_units == units
    # Lines are contiguous and in order.
    assert [line.first for line in calc.lines[1:]] == [line.last + 1 for line in calc.lines[:-1]]


def test_the_rising_band_has_one_line_per_tier() -> None:
    calc = information_fee(FeeMethod.PER_APPLICATION, 25, already=28)
    assert [(line.first, line.last, line.rate) for line in calc.lines] == [
        (29, 30, Decimal(100)),
        (31, 40, Decimal(200)),
        (41, 50, Decimal(300)),
        (51, 53, Decimal(400)),
    ]
    assert calc.basis == "国办函〔2020〕109号第四条"


def test_descriptions() -> None:
    calc = information_fee(FeeMethod.PER_PAGE, 150)
    assert calc.describe() == (
        "按量计收 under 国办函〔2020〕109号 第五条: units 1–150, 30 free;"
        " 31–100: 70 page(s) at 10 yuan = 700 yuan; 101–150: 50 page(s) at 20 yuan = 1000 yuan;"
        " total 1700 yuan."
    )
    charged = information_fee(FeeMethod.PER_APPLICATION, 1, already=10)
    assert "free" not in charged.describe()
    assert "不收费" not in charged.describe_zh()
    assert charged.describe_zh().endswith("合计100元。")


def test_formatted_in_chinese_and_english() -> None:
    calc = information_fee(FeeMethod.PER_APPLICATION, 1, already=11)
    assert fee_lines(calc) == (
        "按件计收（国办函〔2020〕109号第四条），共1件，第12—12件：",
        "第12件：1件，每件100元，计100元",
        "合计：100元（壹佰元整）",
    )
    english = format_fee(information_fee(FeeMethod.PER_PAGE, 31), locale="en")
    assert english.splitlines() == [
        "by number of pages (国办函〔2020〕109号 第五条), 31 pages:",
        "nos. 1–30: 30 pages, free",
        "no. 31: 1 page at 10 yuan = 10 yuan",
        "total: 10 yuan",
    ]
    one = format_fee(information_fee(FeeMethod.PER_APPLICATION, 1), locale="en")
    assert one.splitlines()[0].endswith(", 1 application:")


@pytest.mark.parametrize(
    ("method", "units", "already", "field"),
    [
        (FeeMethod.PER_APPLICATION, 0, 0, "units"),
        (FeeMethod.PER_PAGE, -1, 0, "units"),
        (FeeMethod.PER_PAGE, True, 0, "units"),
        (FeeMethod.PER_PAGE, 1.5, 0, "units"),
        (FeeMethod.PER_APPLICATION, 100_001, 0, "units"),
        (FeeMethod.PER_PAGE, 10**7 + 1, 0, "units"),
        (FeeMethod.PER_APPLICATION, 1, -1, "already"),
        (FeeMethod.PER_APPLICATION, 99_999, 99_999, "already + units"),
        (FeeMethod.PER_PAGE, 5, 1, "already"),
    ],
)
def test_bad_counts_are_typed_errors(
    method: FeeMethod, units: object, already: object, field: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        information_fee(method, units, already=already)  # type: ignore[arg-type]
    assert info.value.field_name == field
    assert info.value.message_zh


def test_a_method_that_is_not_a_fee_method() -> None:
    with pytest.raises(InvalidValue, match="FeeMethod"):
        information_fee("per-page", 3)  # type: ignore[arg-type]


def test_schedule_in_force() -> None:
    assert fee_schedule_in_force(date(2021, 1, 1)) is FEE_SCHEDULE_2020
    with pytest.raises(NoFeeSchedule) as info:
        fee_schedule_in_force(date(2020, 12, 31))
    assert isinstance(info.value, GovDisclosureError)
    assert info.value.day == date(2020, 12, 31)
    with pytest.raises(NoFeeSchedule):
        information_fee(FeeMethod.PER_PAGE, 40, on=date(2019, 6, 1))
    assert information_fee(FeeMethod.PER_PAGE, 40, on=date(2024, 6, 1)).total == 100
    assert information_fee(FeeMethod.PER_PAGE, 40, schedule=FEE_SCHEDULE_2020).total == 100


def test_fee_method_labels() -> None:
    assert FeeMethod.PER_PAGE.unit == "页"
    assert FeeMethod.PER_PAGE.unit_en == "page"
    assert FeeMethod.PER_APPLICATION.unit_en == "application"
    assert FeeMethod.PER_APPLICATION.article == "第四条"
    assert str(FEE_SCHEDULE_2020) == "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


def test_2008_cost_charges() -> None:
    allowed = cost_charges_2008()
    assert allowed.items == tuple(CostChargeItem)
    assert allowed.rules is COST_CHARGES_2008
    assert not allowed.waiver_possible
    assert allowed.describe() == (
        "Under Art. 27 of the 2008 Regulation only costs may be charged: retrieval, copying,"
        " postage, at standards set by the State Council's price and finance departments."
    )
    assert "减免" not in allowed.describe_zh()
    waived = cost_charges_2008([CostChargeItem.POSTAGE, CostChargeItem.POSTAGE], hardship=True)
    assert waived.items == (CostChargeItem.POSTAGE,)
    assert waived.waiver_possible
    assert "Art. 28" in waived.describe()
    assert "第二十八条申请减免" in waived.describe_zh()
    nothing = cost_charges_2008(())
    assert "nothing" in nothing.describe()
    assert "可以收取无的成本费用" in nothing.describe_zh()
    assert COST_CHARGES_2008.report_item == "（三）政府信息公开的收费及减免情况"
    with pytest.raises(InvalidValue):
        cost_charges_2008(["复制"])  # type: ignore[list-item]


def test_bands_and_a_schedule_without_a_free_band() -> None:
    band = FEE_SCHEDULE_2020.per_page[1]
    assert band.covers(31) and band.covers(100) and not band.covers(101)
    assert FEE_SCHEDULE_2020.per_page[-1].covers(10**6)
    import attrs

    paying = attrs.evolve(FEE_SCHEDULE_2020, per_page=FEE_SCHEDULE_2020.per_page[1:])
    assert paying.free_units(FeeMethod.PER_PAGE) == 0


def test_a_flat_band_has_one_rate() -> None:
    assert FEE_SCHEDULE_2020.per_page[1].rate_for(50) == Decimal(10)


def test_the_largest_month_is_bounded() -> None:
    calc = information_fee(FeeMethod.PER_APPLICATION, 100_000)
    assert len(calc.lines) == 2 + (100_000 - 30) // 10
    assert calc.total == by_hand_per_application(100_000)
    assert information_fee(FeeMethod.PER_PAGE, 10**7).total == by_hand_per_page(201) + 40 * (
        10**7 - 201
    )
