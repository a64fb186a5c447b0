"""Chinese-locale formatting: numerals, numbers, money, figures, dates, lists, labels and the
explanations of deadlines.

Every formatter takes ``locale`` (a Babel identifier or a ``babel.Locale``, default
``"zh_Hans_CN"``). The locale changes number and date conventions; official labels and the
measure words of figures are data and stay as printed. Locale data is parsed once per locale.

>>> from datetime import date
>>> format_date_range(date(2024, 1, 1), date(2024, 12, 31))
'2024年1月1日至12月31日'
>>> heading(2, "parenthesized") + "部分公开"
'（二）部分公开'
"""

from __future__ import annotations

from govdisclosure.formatting._errors import FormattingError, NumeralParseError
from govdisclosure.formatting._locale import DEFAULT_LOCALE
from govdisclosure.formatting.dates import format_date, format_date_range
from govdisclosure.formatting.explanations import ExplanationDates, format_explanation
from govdisclosure.formatting.fees import fee_lines, format_fee
from govdisclosure.formatting.money import format_money, to_rmb_uppercase, to_wan_yuan, to_yuan
from govdisclosure.formatting.notices import (
    DateStyle,
    NoticeText,
    format_document_date,
    notice_for,
    notice_text,
    render_notice,
)
from govdisclosure.formatting.numbers import format_count, format_number, format_percent
from govdisclosure.formatting.numerals import (
    HeadingStyle,
    heading,
    parse_chinese_numeral,
    to_chinese_numeral,
    to_financial_numeral,
)
from govdisclosure.formatting.pdf import BrowserError, find_browser, render_pdf
from govdisclosure.formatting.quantities import DurationUnit, format_duration, format_quantity
from govdisclosure.formatting.render import (
    RenderFormat,
    display_width,
    render,
    render_deadline,
    stylesheet,
)
from govdisclosure.formatting.text import format_list, label

__all__ = [
    "DEFAULT_LOCALE",
    "BrowserError",
    "DateStyle",
    "DurationUnit",
    "ExplanationDates",
    "FormattingError",
    "HeadingStyle",
    "NoticeText",
    "NumeralParseError",
    "RenderFormat",
    "display_width",
    "fee_lines",
    "find_browser",
    "format_count",
    "format_date",
    "format_date_range",
    "format_document_date",
    "format_duration",
    "format_explanation",
    "format_fee",
    "format_list",
    "format_money",
    "format_number",
    "format_percent",
    "format_quantity",
    "heading",
    "label",
    "notice_for",
    "notice_text",
    "parse_chinese_numeral",
    "render",
    "render_deadline",
    "render_notice",
    "render_pdf",
    "stylesheet",
    "to_chinese_numeral",
    "to_financial_numeral",
    "to_rmb_uppercase",
    "to_wan_yuan",
    "to_yuan",
]
