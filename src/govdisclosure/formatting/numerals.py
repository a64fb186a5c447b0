"""Chinese numerals: writing (一百零一, 壹佰零壹), reading them back, and heading numbers.

Babel has no spell-out rules for Chinese, and cn2an drops the 零 when a whole 万 group is zero
(it writes 200003000 as 二亿三千), so numerals are written here.

Large numbers use the 万 and 亿 units only, applied recursively: 10^12 is 一万亿 and 10^16 is
一亿亿. 兆 is never written and never read, because it means 10^6 in everyday and scientific use
and 10^12 in older texts; nothing in a government report needs it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from govdisclosure.formatting._errors import NumeralParseError
from govdisclosure.model.base import LabelledEnum

__all__ = [
    "HeadingStyle",
    "heading",
    "parse_chinese_numeral",
    "to_chinese_numeral",
    "to_financial_numeral",
]

_ORDINARY = ("零一二三四五六七八九", ("", "十", "百", "千"))
_FINANCIAL = ("零壹贰叁肆伍陆柒捌玖", ("", "拾", "佰", "仟"))
_Style = tuple[str, tuple[str, str, str, str]]


@lru_cache(maxsize=4096)
def _section(value: int, style: _Style) -> str:
    """A group of four places (0 < value < 10000), always with 一 before 十."""
    digits, units = style
    parts: list[str] = []
    gap = False
    for place, power in ((3, 1000), (2, 100), (1, 10), (0, 1)):
        digit = value // power % 10
        if digit == 0:
            gap = bool(parts)
        else:
            if gap:
                parts.append(digits[0])
                gap = False
            parts.append(digits[digit] + units[place])
    return "".join(parts)


def _spell(value: int, style: _Style) -> str:
    """Any positive integer; a 零 marks every run of zero places between non-zero ones."""
    if value >= 100_000_000:
        high, low = divmod(value, 100_000_000)
        text = _spell(high, style) + "亿"
        if low:
            text += (style[0][0] if low < 10_000_000 else "") + _spell(low, style)
        return text
    if value >= 10_000:
        high, low = divmod(value, 10_000)
        text = _section(high, style) + "万"
        if low:
            text += (style[0][0] if low < 1000 else "") + _section(low, style)
        return text
    return _section(value, style)


def _check_int(value: object) -> int:
    if type(value) is not int:
        raise TypeError(f"expected an int, got {type(value).__name__}")
    return value


def to_chinese_numeral(value: int) -> str:
    """Write an integer in ordinary Chinese numerals.

    A leading 一十 is written 十 (十一, 十万), but 一十 stays inside a number (一百一十). Every
    gap of zero places gets one 零, also when a whole 万 group is zero (二亿零三千).

    >>> to_chinese_numeral(11)
    '十一'
    >>> to_chinese_numeral(1010)
    '一千零一十'
    >>> to_chinese_numeral(200_003_000)
    '二亿零三千'
    >>> to_chinese_numeral(10**12)
    '一万亿'
    >>> to_chinese_numeral(-20)
    '负二十'
    """
    value = _check_int(value)
    if value == 0:
        return "零"
    text = _spell(abs(value), _ORDINARY)
    if text.startswith("一十"):
        text = text[1:]
    return "负" + text if value < 0 else text


def to_financial_numeral(value: int) -> str:
    """Write an integer in financial capitals (大写数字), which always write 壹拾.

    >>> to_financial_numeral(10)
    '壹拾'
    >>> to_financial_numeral(100_010)
    '壹拾万零壹拾'
    >>> to_financial_numeral(1409)
    '壹仟肆佰零玖'
    """
    value = _check_int(value)
    if value == 0:
        return "零"
    text = _spell(abs(value), _FINANCIAL)
    return "负" + text if value < 0 else text


# Reading: every accepted spelling is first normalised to the ordinary form with an explicit
# 一十; the text is accepted only if it is then exactly the canonical spelling of its value.
# That makes the reader as strict as the writer without a separate grammar to keep in step.
_NORMALISE = str.maketrans(
    {
        "〇": "零",
        "○": "零",
        "壹": "一",
        "贰": "二",
        "貳": "二",
        "两": "二",
        "兩": "二",
        "叁": "三",
        "參": "三",
        "肆": "四",
        "伍": "五",
        "陆": "六",
        "陸": "六",
        "柒": "七",
        "捌": "八",
        "玖": "九",
        "拾": "十",
        "佰": "百",
        "仟": "千",
        "萬": "万",
        "億": "亿",
        "負": "负",
        **{chr(0xFF10 + i): str(i) for i in range(10)},
    }
)
_SCORES = {"廿": "二十", "卅": "三十", "卌": "四十"}
_DIGITS = {ch: i for i, ch in enumerate(_ORDINARY[0])}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_ARABIC = re.compile(r"[0-9]+")
_LIANG = re.compile(r"[两兩](?![百千万亿佰仟萬億])")
_ALLOWED = frozenset("零一二三四五六七八九十百千万亿")


def _evaluate_section(text: str) -> int:
    total = 0
    digit = 0
    for ch in text:
        if ch in _UNITS:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
        else:
            digit = _DIGITS[ch]
    return total + digit


def _evaluate(text: str, original: str) -> int:
    """The value of a numeral assumed well formed; the caller checks that it was."""
    for unit, factor in (("亿", 100_000_000), ("万", 10_000)):
        index = text.rfind(unit)
        if index >= 0:
            if index == 0:
                raise NumeralParseError(original, f"{unit} has no number before it")
            return _evaluate(text[:index], original) * factor + _evaluate(
                text[index + 1 :], original
            )
    return _evaluate_section(text)


def parse_chinese_numeral(text: str, *, digit_sequence: bool = False) -> int:
    """Read a Chinese numeral back into an integer.

    Accepts ordinary and financial numerals (and their traditional characters), 两 before
    百/千/万/亿, 〇 for 零, 廿/卅/卌, both 十一 and 一十一, and Arabic digits before a unit (1万,
    3千). With ``digit_sequence=True`` a numeral read digit by digit, as years are written
    (二〇二四), is accepted too.

    Raises :class:`NumeralParseError` (a :class:`ValueError`) unless the text is the one
    well-formed spelling of its value: a missing 零 (二亿三千) or a colloquial abbreviation
    (一万五) is rejected rather than guessed.

    >>> parse_chinese_numeral("一百零一")
    101
    >>> parse_chinese_numeral("壹拾万零壹拾")
    100010
    >>> parse_chinese_numeral("两千")
    2000
    >>> parse_chinese_numeral("1万")
    10000
    >>> parse_chinese_numeral("二〇二四", digit_sequence=True)
    2024
    >>> parse_chinese_numeral("二亿三千")
    Traceback (most recent call last):
    ...
    govdisclosure.formatting._errors.NumeralParseError: '二亿三千' is not a Chinese numeral: ...
    """
    original = text
    text = text.strip()
    if _LIANG.search(text):
        raise NumeralParseError(original, "两 stands only before 百, 千, 万 or 亿")
    text = text.translate(_NORMALISE)
    negative = text.startswith(("负", "-"))
    if negative:
        text = text[1:]
    if text.isascii() and text.isdigit():
        return -int(text) if negative else int(text)
    for score, spelled in _SCORES.items():
        text = text.replace(score, spelled)
    text = _ARABIC.sub(lambda m: to_chinese_numeral(int(m.group())), text)
    if not text:
        raise NumeralParseError(original, "there is no number")
    for position, ch in enumerate(text):
        if ch not in _ALLOWED:
            raise NumeralParseError(original, f"unexpected character {ch!r} at {position}")
    has_units = any(ch in _UNITS or ch in "万亿" for ch in text)
    if len(text) > 1 and not has_units:
        if not digit_sequence:
            raise NumeralParseError(
                original, "digits without units; pass digit_sequence=True to read 二〇二四"
            )
        if text[0] == "零":
            raise NumeralParseError(original, "a digit sequence must not start with 零")
        value = int("".join(str(_DIGITS[ch]) for ch in text))
    else:
        if text.startswith("十"):
            text = "一" + text
        value = _evaluate(text, original)
        canonical = _spell(value, _ORDINARY) if value else "零"
        if text != canonical:
            raise NumeralParseError(
                original, f"read as {value} it would be written {to_chinese_numeral(value)}"
            )
    if negative and value == 0:
        raise NumeralParseError(original, "zero has no sign")
    return -value if negative else value


class HeadingStyle(LabelledEnum):
    """How headings are numbered in official documents (the levels of GB/T 9704).

    >>> HeadingStyle.PARENTHESIZED.label
    '（一）'
    """

    CHINESE = "chinese", "一、", "Chinese numeral and enumeration comma"
    PARENTHESIZED = "parenthesized", "（一）", "Chinese numeral in full-width parentheses"
    ARABIC = "arabic", "1.", "Arabic numeral and full stop"
    ARABIC_PARENTHESIZED = (
        "arabic-parenthesized",
        "（1）",
        "Arabic numeral in full-width parentheses",
    )


def heading(number: int, style: HeadingStyle | str = HeadingStyle.CHINESE) -> str:
    """The number of a heading as it is printed, from 1 up.

    ``style`` is a :class:`HeadingStyle` or its code.

    >>> heading(3)
    '三、'
    >>> heading(3, "parenthesized")
    '（三）'
    >>> heading(3, "arabic")
    '3.'
    >>> heading(12, HeadingStyle.ARABIC_PARENTHESIZED)
    '（12）'
    """
    if _check_int(number) < 1:
        raise ValueError(f"heading numbers start at 1, got {number}")
    if isinstance(style, str):
        style = HeadingStyle.from_code(style)
    if style is HeadingStyle.CHINESE:
        return to_chinese_numeral(number) + "、"
    if style is HeadingStyle.PARENTHESIZED:
        return f"（{to_chinese_numeral(number)}）"
    if style is HeadingStyle.ARABIC:
        return f"{number}."
    return f"（{number}）"
