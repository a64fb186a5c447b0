"""Figures quoted in the narrative: number, unit and qualifier (余, 多, 近, 约, 超, 以上).

The pattern has no nested quantifiers and bounded repetitions, so it runs in linear time on any
text.
"""

from __future__ import annotations

import re
from decimal import Decimal

from govdisclosure.model.quantity import Money, MoneyUnit, Qualifier, Quantity
from govdisclosure.model.report import Figure
from govdisclosure.parse._labels import to_ascii

__all__ = ["extract_figures", "processing_fee"]

_UNITS = "万人次|人次|万次|万元|万条|万件|条|件|篇|个|次|期|场|项|家|份|元|%|万"
_FIGURE = re.compile(
    r"(?P<pre>近|约|超过|超)?(?<![0-9.])(?P<num>[0-9]{1,12}(?:\.[0-9]{1,6})?)"
    r"(?P<suf>余|多)?(?P<unit>" + _UNITS + r")(?P<after>以上)?"
)
_CLAUSE = re.compile(r"[，。；：,;:！？（）()\n]")
_QUALIFIERS = {
    "近": Qualifier.NEARLY,
    "约": Qualifier.ABOUT,
    "超": Qualifier.OVER,
    "超过": Qualifier.OVER,
    "余": Qualifier.MORE_THAN,
    "多": Qualifier.MORE_THAN_DUO,
    "以上": Qualifier.AT_LEAST,
}
_LEAD = re.compile(r"^(?:其中|共计|共|全年|累计|合计|另有|含|并|和|及|、)+")
_TRAIL = re.compile(r"(?:共计|共|达到|达|为|的|计|约|近|超过|超)+$")


def _label(clause: str, start: int, end: int) -> str:
    before = _TRAIL.sub("", _LEAD.sub("", clause[:start].strip()))
    if before.endswith("、"):
        before = before[:-1]
    if before:
        return before[-40:]
    after = clause[end:].strip()
    return after[:40]


def extract_figures(paragraph: str, section: str | None) -> list[Figure]:
    """The figures a paragraph quotes, in order.

    >>> [(f.label, f.quantity.value, f.quantity.unit, f.quantity.qualifier.code)
    ...  for f in extract_figures("全年在各级媒体刊发稿件近400篇，公开信息10000余条。", None)]
    [('在各级媒体刊发稿件', 400, '篇', 'nearly'), ('公开信息', 10000, '条', 'more-than')]
    """
    text = to_ascii(paragraph)
    figures: list[Figure] = []
    clause_start = 0
    bounds = [m.start() for m in _CLAUSE.finditer(text)]
    bound_index = 0
    for match in _FIGURE.finditer(text):
        while bound_index < len(bounds) and bounds[bound_index] < match.start():
            clause_start = bounds[bound_index] + 1
            bound_index += 1
        clause_end = bounds[bound_index] if bound_index < len(bounds) else len(text)
        clause = text[clause_start:clause_end]
        number = match.group("num")
        value: int | Decimal = Decimal(number) if "." in number else int(number)
        marker = match.group("pre") or match.group("suf") or match.group("after")
        qualifier = _QUALIFIERS[marker] if marker else Qualifier.EXACT
        label = _label(clause, match.start() - clause_start, match.end() - clause_start)
        quantity = Quantity(value, match.group("unit"), qualifier)
        figures.append(
            Figure(
                label=label or match.group(),
                quantity=quantity,
                section=section,
                quote=clause.strip() or None,
            )
        )
    return figures


_FEE = re.compile(r"信息处理费[^0-9。；]{0,8}?([0-9]{1,12}(?:\.[0-9]{1,4})?)(万元|元)")


def processing_fee(paragraph: str) -> Money | None:
    """The 信息处理费 a paragraph says was charged, if it states an amount.

    >>> processing_fee("全年收取政府信息公开信息处理费3940元。")
    Money(amount=Decimal('3940'), unit=<MoneyUnit.YUAN: 'yuan'>)
    """
    found = _FEE.search(to_ascii(paragraph))
    if found is None:
        return None
    unit = MoneyUnit.WAN_YUAN if found.group(2) == "万元" else MoneyUnit.YUAN
    return Money(Decimal(found.group(1)), unit)
