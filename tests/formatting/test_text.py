"""Labels in a language and lists."""

from __future__ import annotations

import pytest
from babel import Locale

from govdisclosure.formatting import format_list, label
from govdisclosure.formatting._locale import conventions
from govdisclosure.model.quantity import MoneyUnit, Qualifier


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "余"),
        ("zh_Hans_CN", "余"),
        ("zh_Hant", "余"),
        ("zh-Hant-TW", "余"),
        ("ZH", "余"),
        ("en", "more than"),
        ("en_US", "more than"),
        ("de", "more than"),
        (Locale.parse("zh_Hant_HK"), "余"),
        (Locale.parse("en_GB"), "more than"),
    ],
)
def test_label(lang: str | Locale, expected: str) -> None:
    assert label(Qualifier.MORE_THAN, lang) == expected


def test_label_default_is_chinese() -> None:
    assert label(MoneyUnit.YUAN) == "元"


@pytest.mark.parametrize(
    ("items", "kwargs", "expected"),
    [
        (["甲", "乙", "丙"], {}, "甲、乙、丙"),
        (["甲", "乙", "丙"], {"conjunction": True}, "甲、乙和丙"),
        (["甲", "乙"], {"conjunction": True}, "甲和乙"),
        (["甲"], {}, "甲"),
        ([], {}, ""),
        ([], {"conjunction": True}, ""),
        (["a", "b", "c"], {"locale": "en"}, "a, b, c"),
        (["a", "b", "c"], {"locale": "en", "conjunction": True}, "a, b, and c"),
        (("甲", "乙"), {"locale": "zh_Hant_TW"}, "甲、乙"),
    ],
)
def test_format_list(items: list[str], kwargs: dict[str, object], expected: str) -> None:
    assert format_list(items, **kwargs) == expected  # type: ignore[arg-type]


def test_format_list_takes_any_iterable() -> None:
    assert format_list(str(n) for n in range(3)) == "0、1、2"
    assert format_list((str(n) for n in range(3)), conjunction=True) == "0、1和2"


def test_conventions_are_parsed_once() -> None:
    assert conventions("en") is conventions("en")
    assert conventions().lang == "zh"
    assert conventions("en").lang == "en"
