"""Rules on what section 六 says of information processing fees (信息处理费).

An agency that charged the fee says so in section 六 (其他需要报告的事项), often itemised
(``收取信息处理费共计380元，其中民政局1件，收取380元``): the items add up to the total
(FEE-ITEMS), and where a sentence names the method and gives the pages or the number of
applications, the amount is the one 国办函〔2020〕109号 sets (FEE-SCHEDULE, computed with
:func:`govdisclosure.rules.fees.information_fee`). The fee rules load only for a report whose text
gives such a sentence.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from govdisclosure.checks import _narrative as _narrative  # registers its rules first
from govdisclosure.checks._core import Observation, Severity, _shortcut, register_rule
from govdisclosure.checks._memo import FEE_DETAIL_WORDS, memo
from govdisclosure.model.layout import FormatVersion, ReportPart

if TYPE_CHECKING:
    from collections.abc import Iterator

    from govdisclosure.model.report import AnnualReport

__all__: list[str] = []

_SINCE_2019 = (FormatVersion.TRIAL_2019, FormatVersion.NATIONAL_2021)
# The Measures (国办函〔2020〕109号) apply from 2021; before, no national schedule.
_FIRST_YEAR = 2021


@register_rule(
    "FEE-ITEMS",
    versions=_SINCE_2019,
    severity=Severity.WARNING,
    part=ReportPart.NARRATIVE,
    message="section VI: the itemised information processing fees add up to {expected} {unit}, "
    "the total it states is {actual}",
    message_zh="第六部分：分项列明的信息处理费合计{expected}{unit}，所称总数为{actual}{unit}",
    example={"unit": "yuan", "unit_zh": "元", "expected": 380, "actual": 480},
)
def _fee_items(report: AnnualReport) -> Iterator[Observation]:
    if not report.sections:
        return
    fees = memo(report).fees
    # One item may be "of which" (其中民政局…) rather than the whole list: two or more are read.
    if fees is None or len(fees.items) < 2:
        return
    if fees.total is not None:
        amount = sum((amount for _, _, amount in fees.items), Decimal(0))
        yield Observation(
            None,
            amount,
            fees.total,
            subject="信息处理费",
            details=(("unit", "yuan"), ("unit_zh", "元")),
        )
    counts = [n for _, n, _ in fees.items]
    if fees.applications is not None and None not in counts:
        yield Observation(
            None,
            sum(n for n in counts if n is not None),
            fees.applications,
            subject="信息处理费",
            details=(("unit", "applications"), ("unit_zh", "件")),
        )


@register_rule(
    "FEE-SCHEDULE",
    versions=_SINCE_2019,
    severity=Severity.WARNING,
    part=ReportPart.NARRATIVE,
    message="section VI charges {actual} yuan for {units} {unit} ({method}); "
    "国办函〔2020〕109号 sets {expected} yuan",
    message_zh="第六部分：{method}{units}{unit}收取{actual}元；按国办函〔2020〕109号应为{expected}元",
    example={
        "units": 150,
        "unit": "pages",
        "unit_zh": "页",
        "method": "by pages",
        "method_zh": "按量计收",
        "actual": 1500,
        "expected": 1700,
    },
)
def _fee_schedule(report: AnnualReport) -> Iterator[Observation]:
    if not report.sections or report.year < _FIRST_YEAR:
        return
    fees = memo(report).fees
    if fees is None or not (fees.pages or fees.pieces):
        return
    from govdisclosure.rules.fees import FeeMethod, information_fee

    on = date(report.year, 12, 31)
    # The two methods read alike. Pages are read only from a sentence that names the method
    # (else the amount may cover many applications); a 按件计收 sentence always does, and
    # counts one application at least.
    methods = (
        (fees.pages, FeeMethod.PER_PAGE, 0, "pages", "页", "by pages", "按量计收"),
        (
            fees.pieces,
            FeeMethod.PER_APPLICATION,
            1,
            "applications in a month",
            "件",
            "by applications",
            "按件计收",
        ),
    )
    for charged, method, least, unit, unit_zh, name, name_zh in methods:
        for units, amount, sentence in charged:
            if name_zh not in sentence or units < least:
                continue
            yield Observation(
                None,
                information_fee(method, units, on=on).total,
                amount,
                subject=sentence,
                details=(
                    ("units", units),
                    ("unit", unit),
                    ("unit_zh", unit_zh),
                    ("method", name),
                    ("method_zh", name_zh),
                ),
            )


def _nothing_to_read(report: AnnualReport) -> bool:
    """Whether no paragraph of section 六 that speaks of a fee (费) has a word fee_text needs
    (``FEE_DETAIL_WORDS``): then neither fee rule yields anything (and fee_text need not run).
    The words have no 。, so each is in a paragraph if it is in fee_text's text (the paragraphs
    joined by 。)."""
    for paragraph in memo(report).other:
        if "费" in paragraph and any(word in paragraph for word in FEE_DETAIL_WORDS):
            return False
    return True


_shortcut(_nothing_to_read, (_fee_items, _fee_schedule))
