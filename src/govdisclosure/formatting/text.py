"""Labels in a language, and lists joined as government documents join them."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from babel import Locale
from babel.lists import format_list as babel_format_list

from govdisclosure.formatting._locale import DEFAULT_LOCALE, conventions

if TYPE_CHECKING:
    from collections.abc import Iterable

    from govdisclosure.model.base import LabelledEnum

__all__ = ["format_list", "label"]


@lru_cache(maxsize=64)
def _is_chinese(lang: str) -> bool:
    return lang.replace("-", "_").split("_", 1)[0].lower() == "zh"


def label(member: LabelledEnum, lang: str | Locale = "zh") -> str:
    """The label of an enum member in a language: Chinese or English.

    Every Chinese variant (``zh``, ``zh_Hans``, ``zh_Hant``, ``zh-TW``…) gets the official label
    exactly as the national format prints it, in simplified characters: it is a quotation, not a
    translation. Every other language gets the English label, the only translation shipped.

    >>> from govdisclosure.model.quantity import MoneyUnit
    >>> label(MoneyUnit.WAN_YUAN)
    '万元'
    >>> label(MoneyUnit.WAN_YUAN, "en")
    '10,000 yuan'
    >>> label(MoneyUnit.WAN_YUAN, "zh_Hant_TW")
    '万元'
    """
    chinese = lang.language == "zh" if isinstance(lang, Locale) else _is_chinese(lang)
    return member.label if chinese else member.label_en


def format_list(
    items: Iterable[str], *, conjunction: bool = False, locale: str | Locale = DEFAULT_LOCALE
) -> str:
    """Join items as a list.

    By default items are joined the way government documents enumerate: with 、 throughout in
    Chinese (甲、乙、丙), with commas elsewhere. ``conjunction=True`` uses CLDR's list pattern,
    which puts a conjunction before the last item (甲、乙和丙; a, b, and c).

    >>> format_list(["甲", "乙", "丙"])
    '甲、乙、丙'
    >>> format_list(["甲", "乙", "丙"], conjunction=True)
    '甲、乙和丙'
    >>> format_list(["a", "b", "c"], locale="en")
    'a, b, c'
    """
    conv = conventions(locale)
    if conjunction:
        return babel_format_list(list(items), locale=conv.locale)
    return ("、" if conv.chinese else ", ").join(items)
