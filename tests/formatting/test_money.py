"""Money: exact 元/万元 conversion, formatting, and 人民币大写."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure.formatting import (
    FormattingError,
    format_money,
    parse_chinese_numeral,
    to_rmb_uppercase,
    to_wan_yuan,
    to_yuan,
)
from govdisclosure.model.quantity import Money, MoneyUnit

WAN = MoneyUnit.WAN_YUAN


def test_format_money() -> None:
    assert format_money(Money(Decimal("96171.6"), WAN)) == "96171.6万元"
    assert format_money(Money(Decimal("3940"))) == "3940元"
    assert format_money(Money(Decimal("3940.50"))) == "3940.50元"
    assert format_money(Money(Decimal("1234567"), WAN), grouping=True) == "1,234,567万元"
    assert format_money(Money(Decimal("3940.5")), locale="en") == "3,940.5 yuan"
    assert format_money(Money(Decimal("96171.6"), WAN), locale="en") == "961,716,000 yuan"
    assert format_money(Money(Decimal("0.01"), WAN), locale="de") == "100 yuan"


@pytest.mark.parametrize(
    ("money", "expected"),
    [
        (Money(Decimal("96171.6"), WAN), Decimal("961716000")),
        (Money(Decimal("0.0001"), WAN), Decimal("1")),
        (Money(Decimal("1.23456"), WAN), Decimal("12345.6")),
        (Money(Decimal("0"), WAN), Decimal("0")),
        (Money(Decimal("12.50")), Decimal("12.50")),
    ],
)
def test_to_yuan(money: Money, expected: Decimal) -> None:
    result = to_yuan(money)
    assert result.unit is MoneyUnit.YUAN
    assert result.amount == expected
    assert str(result.amount) == str(expected)


@pytest.mark.parametrize(
    ("money", "expected"),
    [
        (Money(Decimal("3940")), "0.394"),
        (Money(Decimal("10000")), "1"),
        (Money(Decimal("123456789.01")), "12345.678901"),
        (Money(Decimal("0")), "0"),
        (Money(Decimal("0.00")), "0"),
        (Money(Decimal("1E+5")), "10"),
        (Money(Decimal("96171.60"), WAN), "96171.6"),
    ],
)
def test_to_wan_yuan_is_exact(money: Money, expected: str) -> None:
    result = to_wan_yuan(money)
    assert result.unit is WAN
    assert str(result.amount) == expected


def test_to_wan_yuan_rounds_only_when_asked() -> None:
    money = Money(Decimal("12345.67"))
    assert to_wan_yuan(money, places=2).amount == Decimal("1.23")
    assert to_wan_yuan(Money(Decimal("12350")), places=2).amount == Decimal("1.24")
    assert to_wan_yuan(Money(Decimal("12350")), places=2, rounding=ROUND_DOWN).amount == Decimal(
        "1.23"
    )


@settings(max_examples=200)
@given(st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False))
def test_conversions_round_trip(amount: Decimal) -> None:
    money = Money(amount)
    assert to_yuan(to_wan_yuan(money)).amount == amount
    assert to_wan_yuan(money).amount * 10000 == amount


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("100.5"), "壹佰元伍角"),
        (Decimal("100"), "壹佰元整"),
        (Decimal("100.00"), "壹佰元整"),
        (Decimal("1.05"), "壹元零伍分"),
        (Decimal("0"), "零元整"),
        (Decimal("0.00"), "零元整"),
        (Decimal("10"), "壹拾元整"),
        (Decimal("0.05"), "伍分"),
        (Decimal("0.5"), "伍角"),
        (Decimal("0.55"), "伍角伍分"),
        # The examples of 《支付结算办法》 (where it allows a choice, the form without 零):
        (Decimal("1409.50"), "壹仟肆佰零玖元伍角"),
        (Decimal("6007.14"), "陆仟零柒元壹角肆分"),
        (Decimal("1680.32"), "壹仟陆佰捌拾元叁角贰分"),
        (Decimal("107000.53"), "壹拾万柒仟元伍角叁分"),
        (Decimal("16409.02"), "壹万陆仟肆佰零玖元零贰分"),
        (Decimal("325.04"), "叁佰贰拾伍元零肆分"),
        (Decimal("200003000"), "贰亿零叁仟元整"),
        (Decimal("1E+4"), "壹万元整"),
        (Decimal("1.500"), "壹元伍角"),
        (12, "壹拾贰元整"),
        (Money(Decimal("96171.6"), WAN), "玖亿陆仟壹佰柒拾壹万陆仟元整"),
        (Money(Decimal("0.000001"), WAN), "壹分"),
    ],
)
def test_rmb_uppercase(amount: Money | Decimal | int, expected: str) -> None:
    assert to_rmb_uppercase(amount) == expected


@settings(max_examples=200)
@given(st.integers(0, 10**12), st.integers(0, 99))
def test_rmb_uppercase_structure(whole: int, cents: int) -> None:
    text = to_rmb_uppercase(Decimal(whole) + Decimal(cents) / 100)
    jiao, fen = divmod(cents, 10)
    if whole:
        head, _, tail = text.partition("元")
        assert parse_chinese_numeral(head) == whole
    else:
        tail = text
    assert text.endswith("整") == (cents == 0)
    assert ("角" in tail) == (jiao != 0)
    assert ("分" in tail) == (fen != 0)
    if whole and not jiao and fen:
        assert tail.startswith("零")


@pytest.mark.parametrize(
    "bad", [Decimal("1.005"), Decimal("0.001"), Money(Decimal("0.0000001"), WAN)]
)
def test_rmb_uppercase_refuses_fractions_of_a_fen(bad: Money | Decimal) -> None:
    with pytest.raises(FormattingError, match="two decimal places"):
        to_rmb_uppercase(bad)


def test_rmb_uppercase_refuses_negative_sums() -> None:
    with pytest.raises(FormattingError, match="negative"):
        to_rmb_uppercase(Decimal("-1"))
    with pytest.raises(ValueError, match="negative"):
        to_rmb_uppercase(-1)


@pytest.mark.parametrize("bad", [1.5, True, "1", Decimal("NaN"), Decimal("-Infinity")])
def test_rmb_uppercase_refuses_other_types(bad: object) -> None:
    with pytest.raises(TypeError):
        to_rmb_uppercase(bad)  # type: ignore[arg-type]
