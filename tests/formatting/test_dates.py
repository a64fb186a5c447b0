"""Dates and date ranges."""

from __future__ import annotations

from datetime import date

import pytest

from govdisclosure.formatting import format_date, format_date_range


@pytest.mark.parametrize(
    ("day", "locale", "expected"),
    [
        (date(2024, 1, 31), "zh_Hans_CN", "2024年1月31日"),
        (date(2019, 5, 15), "zh_Hans_CN", "2019年5月15日"),
        (date(2024, 1, 31), "zh_Hant_TW", "2024年1月31日"),
        (date(2024, 1, 31), "en", "January 31, 2024"),
        (date(2024, 1, 31), "de", "31. Januar 2024"),
    ],
)
def test_format_date(day: date, locale: str, expected: str) -> None:
    assert format_date(day, locale=locale) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 1, 1), date(2024, 12, 31), "2024年1月1日至12月31日"),
        (date(2024, 1, 1), date(2024, 1, 31), "2024年1月1日至1月31日"),
        (date(2023, 12, 1), date(2024, 1, 31), "2023年12月1日至2024年1月31日"),
        (date(2023, 1, 1), date(2024, 12, 31), "2023年1月1日至2024年12月31日"),
        (date(2024, 3, 5), date(2024, 3, 5), "2024年3月5日"),
    ],
)
def test_format_date_range_zh(start: date, end: date, expected: str) -> None:
    assert format_date_range(start, end) == expected


def test_format_date_range_other_locales() -> None:
    same_year = format_date_range(date(2024, 1, 1), date(2024, 12, 31), locale="en")
    assert same_year == "Jan 1\u2009\u2013\u2009Dec 31, 2024"
    across = format_date_range(date(2023, 12, 1), date(2024, 1, 31), locale="en")
    assert across == "Dec 1, 2023\u2009\u2013\u2009Jan 31, 2024"


def test_chinese_locale_with_another_date_pattern() -> None:
    # zh_Latn (pinyin) is Chinese but writes dates as "2024 M1 31": Babel does the work.
    start, end = date(2024, 1, 1), date(2024, 12, 31)
    expected_start = format_date(start, locale="zh_Latn")
    assert "年" not in expected_start
    assert format_date_range(start, end, locale="zh_Latn").startswith(expected_start + "至")
    assert not format_date_range(start, end, locale="zh_Latn").endswith("2024")


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        format_date_range(date(2024, 2, 1), date(2024, 1, 31))
