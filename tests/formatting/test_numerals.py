"""Chinese numerals: known vectors, an independent reference, round trips and the parser."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure.errors import GovDisclosureError, ParseError
from govdisclosure.formatting import (
    HeadingStyle,
    NumeralParseError,
    heading,
    parse_chinese_numeral,
    to_chinese_numeral,
    to_financial_numeral,
)

# The reference writes every place of every four-digit group, zeros included, and then cleans
# the string up with regular expressions. It shares nothing with the library's writer. A zero
# group stands for the gap it leaves (a single 零), except that 亿 is still written when a group
# above it exists (一万亿). Valid below 10**16.
_REF_DIGITS = "零一二三四五六七八九"
_REF_PLACES = ("千", "百", "十", "")
_REF_GROUPS = ("", "万", "亿", "万")  # the fourth group is the 万 of the 亿 part: 一万亿


def reference_numeral(value: int) -> str:
    if value == 0:
        return "零"
    padded = str(value).zfill(-(-len(str(value)) // 4) * 4)
    groups = [padded[i : i + 4] for i in range(0, len(padded), 4)]
    out = []
    for index, group in enumerate(groups):
        level = len(groups) - 1 - index
        if group == "0000":
            out.append("亿" if level == 2 else "零")
            continue
        for ch, place in zip(group, _REF_PLACES, strict=True):
            out.append("零" if ch == "0" else _REF_DIGITS[int(ch)] + place)
        out.append(_REF_GROUPS[level])
    text = re.sub("零+", "零", "".join(out))
    text = re.sub("零(万|亿)", r"\1", text).strip("零")
    return text[1:] if text.startswith("一十") else text


def reference_financial(value: int) -> str:
    text = reference_numeral(value).translate(
        str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
    )
    return "壹" + text if text.startswith("拾") else text


VECTORS = [
    (0, "零", "零"),
    (1, "一", "壹"),
    (10, "十", "壹拾"),
    (11, "十一", "壹拾壹"),
    (20, "二十", "贰拾"),
    (99, "九十九", "玖拾玖"),
    (100, "一百", "壹佰"),
    (101, "一百零一", "壹佰零壹"),
    (110, "一百一十", "壹佰壹拾"),
    (1001, "一千零一", "壹仟零壹"),
    (1010, "一千零一十", "壹仟零壹拾"),
    (1100, "一千一百", "壹仟壹佰"),
    (10001, "一万零一", "壹万零壹"),
    (10010, "一万零一十", "壹万零壹拾"),
    (10100, "一万零一百", "壹万零壹佰"),
    (11000, "一万一千", "壹万壹仟"),
    (100000, "十万", "壹拾万"),
    (100010, "十万零一十", "壹拾万零壹拾"),
    (110000, "十一万", "壹拾壹万"),
    (1100000, "一百一十万", "壹佰壹拾万"),
    (10000000, "一千万", "壹仟万"),
    (100000000, "一亿", "壹亿"),
    (100000001, "一亿零一", "壹亿零壹"),
    (100010000, "一亿零一万", "壹亿零壹万"),
    (100100000, "一亿零一十万", "壹亿零壹拾万"),
    (110000000, "一亿一千万", "壹亿壹仟万"),
    (200003000, "二亿零三千", "贰亿零叁仟"),
    (1000000001, "十亿零一", "壹拾亿零壹"),
    (1000010000, "十亿零一万", "壹拾亿零壹万"),
    (100000000000, "一千亿", "壹仟亿"),
    (100000000001, "一千亿零一", "壹仟亿零壹"),
    (10**12, "一万亿", "壹万亿"),
    (10**12 + 10**8, "一万零一亿", "壹万零壹亿"),
    (15 * 10**11, "一万五千亿", "壹万伍仟亿"),
    (10**13, "十万亿", "壹拾万亿"),
    (10**16, "一亿亿", "壹亿亿"),
    (10**16 + 1, "一亿亿零一", "壹亿亿零壹"),
    (123456789, "一亿二千三百四十五万六千七百八十九", "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖"),
]


@pytest.mark.parametrize(("value", "ordinary", "financial"), VECTORS)
def test_vectors(value: int, ordinary: str, financial: str) -> None:
    assert to_chinese_numeral(value) == ordinary
    assert to_financial_numeral(value) == financial
    assert parse_chinese_numeral(ordinary) == value
    assert parse_chinese_numeral(financial) == value


@pytest.mark.parametrize(("value", "ordinary", "financial"), VECTORS)
def test_reference_agrees_with_vectors(value: int, ordinary: str, financial: str) -> None:
    if value < 10**16:
        assert reference_numeral(value) == ordinary
        assert reference_financial(value) == financial


@settings(max_examples=300)
@given(st.integers(0, 10**12))
def test_round_trip_against_reference(value: int) -> None:
    ordinary = to_chinese_numeral(value)
    financial = to_financial_numeral(value)
    assert ordinary == reference_numeral(value)
    assert financial == reference_financial(value)
    assert parse_chinese_numeral(ordinary) == value
    assert parse_chinese_numeral(financial) == value


@settings(max_examples=200)
@given(st.integers(-(10**20), 10**20))
def test_round_trip_beyond_wan_yi(value: int) -> None:
    assert parse_chinese_numeral(to_chinese_numeral(value)) == value
    assert parse_chinese_numeral(to_financial_numeral(value)) == value


def test_negative() -> None:
    assert to_chinese_numeral(-101) == "负一百零一"
    assert to_financial_numeral(-10) == "负壹拾"
    assert parse_chinese_numeral("负十") == -10
    assert parse_chinese_numeral("-12") == -12


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一十一", 11),
        ("十一", 11),
        ("两千", 2000),
        ("两万", 20000),
        ("两亿", 200000000),
        ("两百", 200),
        ("一千两百", 1200),
        ("一〇一", None),
        ("一百〇一", 101),
        ("廿", 20),
        ("廿一", 21),
        ("卅", 30),
        ("一百廿", 120),
        ("1万", 10000),
        ("12万", 120000),
        ("3千", 3000),
        ("1200万", 12000000),
        ("１万", 10000),
        ("10000", 10000),
        ("  一百 ", 100),
        ("萬", None),
        ("一萬零一", 10001),
        ("貳億", 200000000),
        ("負十", -10),
        ("壹佰零壹", 101),
        ("壹百零一", 101),
    ],
)
def test_accepted_variants(text: str, value: int | None) -> None:
    if value is None:
        with pytest.raises(NumeralParseError):
            parse_chinese_numeral(text)
    else:
        assert parse_chinese_numeral(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "负",
        "abc",
        "一二",
        "十十",
        "百",
        "万",
        "亿",
        "万亿",
        "一百一",  # colloquial 110 or 101: refused
        "一万五",
        "二亿三千",  # cn2an's spelling of 200003000
        "一百零零一",
        "一百零十",
        "零一",
        "负零",
        "十两",
        "两",
        "两十",
        "一兆",
        "1.5万",
        "一万万",
    ],
)
def test_garbage_is_rejected(text: str) -> None:
    with pytest.raises(NumeralParseError) as info:
        parse_chinese_numeral(text)
    assert info.value.text == text
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, ParseError)
    assert isinstance(info.value, GovDisclosureError)


def test_error_names_the_well_formed_spelling() -> None:
    with pytest.raises(NumeralParseError, match="二亿零三千"):
        parse_chinese_numeral("二亿三千")


def test_digit_sequences() -> None:
    assert parse_chinese_numeral("二〇二四", digit_sequence=True) == 2024
    assert parse_chinese_numeral("二零二四", digit_sequence=True) == 2024
    assert parse_chinese_numeral("一百零一", digit_sequence=True) == 101
    assert parse_chinese_numeral("五", digit_sequence=True) == 5
    with pytest.raises(NumeralParseError, match="digit_sequence"):
        parse_chinese_numeral("二〇二四")
    with pytest.raises(NumeralParseError, match="零"):
        parse_chinese_numeral("〇一", digit_sequence=True)


@pytest.mark.parametrize("bad", [1.0, True, "1", None])
def test_writers_need_an_int(bad: object) -> None:
    with pytest.raises(TypeError):
        to_chinese_numeral(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        to_financial_numeral(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("number", "style", "expected"),
    [
        (1, HeadingStyle.CHINESE, "一、"),
        (3, "chinese", "三、"),
        (10, "chinese", "十、"),
        (11, "chinese", "十一、"),
        (3, "parenthesized", "（三）"),
        (16, HeadingStyle.PARENTHESIZED, "（十六）"),
        (3, "arabic", "3."),
        (3, "arabic-parenthesized", "（3）"),
    ],
)
def test_heading(number: int, style: HeadingStyle | str, expected: str) -> None:
    assert heading(number, style) == expected


def test_heading_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        heading(0)
    with pytest.raises(ValueError, match="HeadingStyle"):
        heading(1, "roman")


def test_heading_style_labels() -> None:
    assert [style.label for style in HeadingStyle] == ["一、", "（一）", "1.", "（1）"]
