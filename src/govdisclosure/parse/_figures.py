"""Figures quoted in the narrative: number, unit and qualifier (余, 多, 近, 约, 超, 以上).

The pattern has no nested quantifiers and bounded repetitions, so it runs in linear time on any
text.
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from govdisclosure.model.quantity import Money, MoneyUnit, Qualifier, Quantity
from govdisclosure.model.report import Figure
from govdisclosure.parse._labels import to_ascii

__all__ = ["extract_figures", "figures_in_words", "processing_fee"]

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
_LEAD = re.compile(
    r"^(?:其中|共计|共|全年|累计|合计|另有|含|并|和|及|与|、|涉及|(?:19|20)[0-9]{2}年度?|"
    r"我(?:厅|局|委|办|市|县|区|镇|乡))+"
)
# A label longer than this is a sentence: keep what follows its last 的 or 等 (the thing counted).
_LONG = 14
_HEAD = re.compile(r"^.*[的等]")
_TRAIL = re.compile(r"(?:共计|共|达到|达|为|的|计|约|近|超过|超)+$")


def _label(clause: str, start: int, end: int, after_previous: int = 0) -> str:
    before = _TRAIL.sub("", _LEAD.sub("", clause[after_previous:start].strip()))
    if before.endswith("、"):
        before = before[:-1]
    if len(before) > _LONG:
        rest = _HEAD.sub("", before)
        before = rest if len(rest) >= 2 else before
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
    parts: dict[int, list[Figure]] = {}  # index of a figure in figures -> its breakdown
    parent: int | None = None
    previous_end = 0
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
        gap = text[previous_end : match.start()]
        if "。" in gap or "；" in gap or ";" in gap:
            parent = None
        if "其中" in gap and figures:
            parent = len(figures) - 1
        label = _label(
            clause,
            match.start() - clause_start,
            match.end() - clause_start,
            max(previous_end - clause_start, 0),
        )
        quantity = Quantity(value, match.group("unit"), qualifier)
        figure = Figure(
            label=label or match.group(),
            quantity=quantity,
            section=section,
            quote=clause.strip() or None,
        )
        if parent is not None:
            parts.setdefault(parent, []).append(figure)
        else:
            figures.append(figure)
        previous_end = match.end()
    out: list[Figure] = []
    for index, figure in enumerate(figures):
        breakdown = parts.get(index, [])
        if breakdown and _adds_up(figure, breakdown):
            out.append(attrs.evolve(figure, parts=tuple(breakdown)))
        else:  # not a breakdown of it after all: the figures stay side by side
            out.append(figure)
            out.extend(breakdown)
    out.extend(figures_in_words(paragraph, section))
    return out


def _adds_up(total: Figure, parts: list[Figure]) -> bool:
    """True when the figures after 其中 are a breakdown of the total: same unit, and they sum to
    it (a breakdown that does not is kept flat, so the consistency checks still see it)."""
    unit = total.quantity.unit
    return (
        all(p.quantity.unit == unit for p in parts)
        and sum(p.quantity.value for p in parts) == total.quantity.value
    )


# 全年未收到…行政复议申请和行政诉讼: zero stated in words, one figure per thing named.
_NONE_RECEIVED = re.compile(
    r"(?:全年|本年度?)?未(?:收到|发生|出现)(?P<what>[^，。；,;]{2,60}?)(?=[，。；,;]|$)"
)
_AND = re.compile(r"和|及|以及|、")


def figures_in_words(paragraph: str, section: str | None) -> list[Figure]:
    """Zero counts stated in words (全年未收到…行政复议申请和行政诉讼): one figure of 0件 per thing
    named, a shared qualifier (与…有关的) carried over to the later names. The quote is the
    sentence, so a reader can see the figure was stated in words.

    >>> [(f.label, f.quantity.value) for f in figures_in_words(
    ...     "全年未收到与政府信息公开工作有关的行政复议申请和行政诉讼。", None)]
    [('与政府信息公开工作有关的行政复议申请', 0), ('与政府信息公开工作有关的行政诉讼', 0)]
    """
    out: list[Figure] = []
    for found in _NONE_RECEIVED.finditer(paragraph):
        names = [n for n in _AND.split(found.group("what")) if len(n) >= 2]
        prefix = names[0][: names[0].rfind("的") + 1] if names else ""
        quote = found.group().strip()
        for index, name in enumerate(names):
            label = prefix + name if index and "的" not in name else name
            out.append(
                Figure(label=label, quantity=Quantity(0, "件"), section=section, quote=quote)
            )
    return out


_FEE = re.compile(r"信息处理费[^0-9。；]{0,8}?([0-9]{1,12}(?:\.[0-9]{1,4})?)(万元|元)")


# No fee, stated in words.
_NO_FEE = re.compile(r"未收取(?:任何)?(?:费用|信息处理费)|不收取任何费用|没有收取任何费用")


def processing_fee(paragraph: str) -> Money | None:
    """The 信息处理费 a paragraph says was charged, if it states an amount (or 0元 when it says
    in words that none was: 未收取任何费用).

    >>> processing_fee("对申请人一律实行无偿服务,未收取任何费用。")
    Money(amount=Decimal('0'), unit=<MoneyUnit.YUAN: 'yuan'>)

    >>> processing_fee("全年收取政府信息公开信息处理费3940元。")
    Money(amount=Decimal('3940'), unit=<MoneyUnit.YUAN: 'yuan'>)
    """
    found = _FEE.search(to_ascii(paragraph))
    if found is None:
        return Money(Decimal(0), MoneyUnit.YUAN) if _NO_FEE.search(paragraph) else None
    unit = MoneyUnit.WAN_YUAN if found.group(2) == "万元" else MoneyUnit.YUAN
    return Money(Decimal(found.group(1)), unit)
