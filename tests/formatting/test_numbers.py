"""Numbers, counts and percentages, checked against Babel where Babel applies."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure.formatting import (
    FormattingError,
    format_count,
    format_number,
    format_percent,
)

LOCALES = ["zh_Hans_CN", "zh_Hant_TW", "en", "de", "fr", "hi", "ar_EG"]


@settings(max_examples=200)
@given(st.integers(-(10**15), 10**15), st.sampled_from(LOCALES))
def test_grouped_integers_match_babel(value: int, locale: str) -> None:
    assert format_number(value, grouping=True, locale=locale) == format_decimal(
        value, locale=locale
    )


@settings(max_examples=200)
@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False),
    st.sampled_from(LOCALES),
)
def test_grouped_decimals_match_babel(value: Decimal, locale: str) -> None:
    # Babel drops trailing zeros of the fraction; compare on values written without them.
    value = value.normalize() if value != value.to_integral_value() else value.quantize(1)
    expected = format_decimal(value, locale=locale, decimal_quantization=False)
    assert format_number(value, grouping=True, locale=locale) == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (10000, {}, "10000"),
        (-10000, {}, "-10000"),
        (1234567, {"grouping": True}, "1,234,567"),
        (1234567, {"locale": "en"}, "1,234,567"),
        (1234567, {"locale": "en", "grouping": False}, "1234567"),
        (1234567, {"locale": "hi"}, "12,34,567"),
        (123, {"locale": "en"}, "123"),
        (Decimal("96171.60"), {}, "96171.60"),
        (Decimal("-0.5"), {}, "-0.5"),
        (Decimal("1E+3"), {}, "1000"),
        (Decimal("0.00001"), {}, "0.00001"),
        (Decimal("1234.5"), {"locale": "de"}, "1.234,5"),
        (Decimal("1234.5"), {"locale": "de", "grouping": False}, "1234,5"),
        (-5, {"locale": "ar_EG", "grouping": False}, "-5"),
        (None, {}, ""),
        (None, {"blank": "—"}, "—"),
    ],
)
def test_format_number(
    value: int | Decimal | None, kwargs: dict[str, object], expected: str
) -> None:
    assert format_number(value, **kwargs) == expected  # type: ignore[arg-type]


def test_babel_locale_objects_are_accepted() -> None:
    from babel import Locale

    assert format_number(1234, locale=Locale.parse("en")) == "1,234"
    assert format_number(1234, locale="en-US") == "1,234"


@pytest.mark.parametrize("bad", [1.5, True, "1"])
def test_floats_and_other_types_are_refused(bad: object) -> None:
    with pytest.raises(TypeError):
        format_number(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity")])
def test_non_finite_decimals_are_refused(bad: Decimal) -> None:
    with pytest.raises(FormattingError):
        format_number(bad)


def test_format_count() -> None:
    assert format_count(10, "件") == "10件"
    assert format_count(337, "条") == "337条"
    assert format_count(10000, "条") == "10000条"
    assert format_count(10000, "条", grouping=True) == "10,000条"
    assert format_count(0) == "0"
    assert format_count(None, "条") == ""
    assert format_count(None, "条", blank="-") == "-"


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (100, {}, "100%"),
        (0, {}, "0%"),
        (Decimal("33.9"), {}, "33.9%"),
        (Decimal("33.90"), {}, "33.90%"),
        (Decimal("33.85"), {"places": 1}, "33.9%"),
        (Decimal("33.85"), {"places": 1, "rounding": ROUND_HALF_EVEN}, "33.8%"),
        (Decimal("33.333"), {"places": 0}, "33%"),
        (7, {"places": 1}, "7.0%"),
        (Decimal("-2.5"), {}, "-2.5%"),
        (Decimal("1234.5"), {"locale": "en"}, "1,234.5%"),
        (Decimal("33.9"), {"locale": "de"}, "33,9\xa0%"),
        (Decimal("-33.9"), {"locale": "de"}, "-33,9\xa0%"),
    ],
)
def test_format_percent(value: int | Decimal, kwargs: dict[str, object], expected: str) -> None:
    assert format_percent(value, **kwargs) == expected  # type: ignore[arg-type]


def test_format_percent_refuses_floats() -> None:
    with pytest.raises(TypeError):
        format_percent(33.9)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_percent(33.9, places=1)  # type: ignore[arg-type]
