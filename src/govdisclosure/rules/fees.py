"""Fees for disclosure on application, as versioned data: the 2020 Measures and the 2008 rules.

**Since 2019** (2019 Regulation Art. 42) information is provided free of charge; only where the
数量、频次明显超过合理范围 may an agency charge an *information processing fee* (信息处理费). The
amounts are set by 国办函〔2020〕109号《政府信息公开信息处理费管理办法》 (dated 2020-11-17): either
按件计收 (by the number of applications an applicant filed in one natural month) or 按量计收 (by
the number of pages), each *progressive over the excess* (超额累进), and never both for one
application (Art. 3). :data:`FEE_SCHEDULE_2020` holds those bands; :func:`information_fee`
computes a fee and says how.

**Under the 2008 text** (Arts. 27–28) an agency could charge only the *cost* of 检索、复制、邮寄,
at standards the State Council's price and finance departments were to set, and an applicant in
real financial difficulty could ask for a 减免. :data:`COST_CHARGES_2008` holds those facts and
:func:`cost_charges_2008` says what the rules allowed; it computes no amount, because the
national standard is not part of this library's sources.

Sources and certainty (see ``docs/fees.md``):

- Arts. 3–5 of the Measures: **CONFIRMED** from reprints of the notice (e.g.
  http://www.by6872.com/rdxrmzf/xjxxgkzd/content/f3326c8a-f853-4e97-abda-ee7eddc2ef38.html) and
  the fee table of 江门市新会区
  (http://www.xinhui.gov.cn/zwgk/zdlyxxgk/hjbhxxgk/tzgg/content/post_2365222.html), which quotes
  the page bands.
- The rate beyond 30 件 (以10件为一档，每增加一档，收费标准提高100元/件) is read as 31–40 件 at
  200元, 41–50 at 300元 and so on: the first band of ten beyond 30 is the first 增加的一档. This
  reading is an **INFERENCE** shared by the local fee tables seen; pass your own
  :class:`FeeSchedule` to change it.
- The day the Measures took effect (2021-01-01) is **UNCONFIRMED** here (the last article was not
  read in full); :attr:`FeeSchedule.in_force_from` is data, override it if your source differs.
- The payment period (申请人应当在收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请)
  is quoted in those words by 四川省财政厅、四川省发展改革委《关于政府信息公开信息处理费有关事项的
  通知》 (2021-01-18, http://m.tube444.com/xxgk-show-18175.html, point 二) as the Measures' rule:
  **REPRO** (:attr:`FeeSchedule.payment_working_days`). The article of the Measures that holds it
  was not read here (**UNCONFIRMED**: :attr:`FeeSchedule.payment_article`).
- That the days from the fee notice to the payment are not counted in the Art. 33 reply period
  (the clock is suspended while the applicant pays) is the Measures' rule as local
  implementation notices restate it: **REPRO**, :attr:`FeeSchedule.suspends_reply_clock`.
  Unpaid by the last day, the application counts as abandoned and is not handled further: row
  （六）2 of table 3 (:class:`~govdisclosure.rules.RequestState` ``CLOSED_FEE_UNPAID``).

>>> calc = information_fee(FeeMethod.PER_PAGE, 150)
>>> calc.total
Decimal('1700')
>>> [(line.first, line.last, line.rate, line.amount) for line in calc.lines]
[(1, 30, Decimal('0'), Decimal('0')), (31, 100, Decimal('10'), Decimal('700')),
 (101, 150, Decimal('20'), Decimal('1000'))]
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from govdisclosure.errors import GovDisclosureError, InvalidValue
from govdisclosure.model.base import LabelledEnum

__all__ = [
    "COST_CHARGES_2008",
    "FEE_SCHEDULES",
    "FEE_SCHEDULE_2020",
    "CostChargeItem",
    "CostCharges2008",
    "CostChargesAllowed",
    "FeeBand",
    "FeeCalculation",
    "FeeLine",
    "FeeMethod",
    "FeeSchedule",
    "NoFeeSchedule",
    "cost_charges_2008",
    "fee_schedule_in_force",
    "information_fee",
]


class FeeMethod(LabelledEnum):
    """How the information processing fee is counted (Measures Art. 3); one per application.

    >>> FeeMethod.PER_APPLICATION.label, FeeMethod.PER_APPLICATION.unit
    ('按件计收', '件')
    >>> FeeMethod.PER_PAGE.article
    '第五条'
    """

    PER_APPLICATION = "per-application", "按件计收", "by number of applications"
    PER_PAGE = "per-page", "按量计收", "by number of pages"

    @property
    def unit(self) -> str:
        """The measure word the fee is counted in: 件 or 页."""
        return "件" if self is FeeMethod.PER_APPLICATION else "页"

    @property
    def unit_en(self) -> str:
        """The same in English (singular)."""
        return "application" if self is FeeMethod.PER_APPLICATION else "page"

    @property
    def article(self) -> str:
        """The article of the Measures that sets the bands."""
        return "第四条" if self is FeeMethod.PER_APPLICATION else "第五条"


# Bounds on counts: a month's applications or one application's pages beyond these are a typo or
# an attack. The rising 按件 band gives one line per 10 件, so its bound also caps the explanation
# at 10,000 lines; the 按量 bands are flat (four lines at most).
_MAX_UNITS = {FeeMethod.PER_APPLICATION: 100_000, FeeMethod.PER_PAGE: 10_000_000}


@attrs.frozen
class FeeBand:
    """One band of a progressive schedule: units ``first`` to ``last`` at ``rate`` 元 each.

    An open band (``last is None``) may rise by ``step_increase`` 元 for every ``step`` units,
    as the 按件 band beyond 30 件 does; ``clause`` is the item of the article, as printed.

    >>> band = FeeBand(31, None, Decimal(200), "（三）", step=10, step_increase=Decimal(100))
    >>> band.rate_for(31), band.rate_for(40), band.rate_for(41)
    (Decimal('200'), Decimal('200'), Decimal('300'))
    """

    first: int
    """The first unit (1-based, included) the band covers."""
    last: int | None
    """The last unit (included), or ``None`` for the open top band."""
    rate: Decimal
    """元 per unit at the start of the band."""
    clause: str
    """The item of the article, e.g. （二）."""
    step: int | None = None
    """For a rising open band: how many units make one 档."""
    step_increase: Decimal = Decimal(0)
    """For a rising open band: how much the rate rises per 档."""

    def rate_for(self, unit: int) -> Decimal:
        """The rate of the ``unit``-th unit, which must lie in the band."""
        if self.step is None:
            return self.rate
        return self.rate + self.step_increase * ((unit - self.first) // self.step)

    def covers(self, unit: int) -> bool:
        """Whether the ``unit``-th unit lies in this band."""
        return self.first <= unit and (self.last is None or unit <= self.last)


@attrs.frozen
class FeeSchedule:
    """One version of the information-processing fee rules, with its source.

    >>> FEE_SCHEDULE_2020.free_units(FeeMethod.PER_APPLICATION)
    10
    >>> FEE_SCHEDULE_2020.free_units(FeeMethod.PER_PAGE)
    30
    >>> print(FEE_SCHEDULE_2020)
    《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）
    """

    code: str
    """Stable code, e.g. ``"2020"``."""
    title: str
    """The title of the Measures."""
    instrument: str
    """The document number, e.g. 国办函〔2020〕109号."""
    issued_on: date
    """The date the document bears."""
    in_force_from: date
    """First day the schedule applies (see the module's note on certainty)."""
    per_application: tuple[FeeBand, ...]
    """The 按件计收 bands (Art. 4), counted per applicant per natural month."""
    per_page: tuple[FeeBand, ...]
    """The 按量计收 bands (Art. 5), counted per application."""
    payment_working_days: int
    """Working days the applicant has to pay, from the day after the fee notice is received."""
    regulation_article: str = "第四十二条"
    """The article of the 2019 Regulation that allows the fee."""
    payment_article: str = "第七条"
    """The article of the Measures setting the payment period (**UNCONFIRMED**, see above)."""
    suspends_reply_clock: bool = True
    """Whether the reply clock stops from the fee notice to the payment (**REPRO**)."""

    def bands(self, method: FeeMethod) -> tuple[FeeBand, ...]:
        """The bands of ``method``."""
        return self.per_application if method is FeeMethod.PER_APPLICATION else self.per_page

    def free_units(self, method: FeeMethod) -> int:
        """How many units are free (the first band's last unit when its rate is 0)."""
        first = self.bands(method)[0]
        return first.last or 0 if first.rate == 0 else 0

    def applies_on(self, day: date) -> bool:
        """Whether the schedule is in force on ``day``."""
        return self.in_force_from <= day

    def __str__(self) -> str:
        return f"《{self.title}》（{self.instrument}）"


FEE_SCHEDULE_2020 = FeeSchedule(
    code="2020",
    title="政府信息公开信息处理费管理办法",
    instrument="国办函〔2020〕109号",
    issued_on=date(2020, 11, 17),
    in_force_from=date(2021, 1, 1),
    per_application=(
        FeeBand(1, 10, Decimal(0), "（一）"),
        FeeBand(11, 30, Decimal(100), "（二）"),
        FeeBand(31, None, Decimal(200), "（三）", step=10, step_increase=Decimal(100)),
    ),
    per_page=(
        FeeBand(1, 30, Decimal(0), "（一）"),
        FeeBand(31, 100, Decimal(10), "（二）"),
        FeeBand(101, 200, Decimal(20), "（三）"),
        FeeBand(201, None, Decimal(40), "（四）"),
    ),
    payment_working_days=20,
)
"""国办函〔2020〕109号: 10 件 or 30 页 free, then progressive bands."""

FEE_SCHEDULES: tuple[FeeSchedule, ...] = (FEE_SCHEDULE_2020,)
"""Every fee schedule, oldest first."""


class NoFeeSchedule(GovDisclosureError, LookupError):
    """No information-processing fee schedule applies on the day asked.

    >>> print(NoFeeSchedule(date(2020, 6, 1)))
    no information processing fee schedule applies on 2020-06-01 (the first applies from
    2021-01-01; before the 2019 Regulation only cost charges existed, see cost_charges_2008) /
    2020-06-01尚无信息处理费标准（首个标准自2021-01-01起适用）
    """

    def __init__(self, day: date) -> None:
        self.day = day
        first = FEE_SCHEDULES[0].in_force_from.isoformat()
        super().__init__(
            f"no information processing fee schedule applies on {day.isoformat()}"
            f" (the first applies from {first}; before the 2019 Regulation only cost charges"
            f" existed, see cost_charges_2008) / {day.isoformat()}尚无信息处理费标准"
            f"（首个标准自{first}起适用）"
        )


def fee_schedule_in_force(on: date) -> FeeSchedule:
    """The fee schedule that applies on ``on`` (for a request, its day of receipt).

    >>> fee_schedule_in_force(date(2024, 3, 1)).instrument
    '国办函〔2020〕109号'
    """
    for schedule in reversed(FEE_SCHEDULES):
        if schedule.applies_on(on):
            return schedule
    raise NoFeeSchedule(on)


@attrs.frozen
class FeeLine:
    """The part of a fee that falls into one band (or one 档 of a rising band).

    >>> line = information_fee(FeeMethod.PER_PAGE, 40).lines[1]
    >>> line.units, line.amount
    (10, Decimal('100'))
    """

    band: FeeBand
    """The band of the schedule."""
    first: int
    """The first unit charged on this line."""
    last: int
    """The last unit charged on this line (included)."""
    rate: Decimal
    """元 per unit."""

    @property
    def units(self) -> int:
        """How many units the line covers."""
        return self.last - self.first + 1

    @property
    def amount(self) -> Decimal:
        """``units`` times ``rate``, in 元."""
        return self.rate * self.units


@attrs.frozen
class FeeCalculation:
    """A computed information processing fee and how it came about.

    ``already`` is how many units the applicant had used before this application (for
    按件计收, the applications the same applicant filed earlier in the same natural month); the
    fee covers units ``already + 1`` to ``already + units``.

    >>> calc = information_fee(FeeMethod.PER_APPLICATION, 3, already=9)
    >>> calc.total, calc.free_units_used, calc.charged_units
    (Decimal('200'), 1, 2)
    >>> print(calc.describe())
    按件计收 under 国办函〔2020〕109号 第四条: units 10–12, 1 free; 11–12: 2 application(s)
    at 100 yuan = 200 yuan; total 200 yuan.
    """

    schedule: FeeSchedule
    """The schedule applied."""
    method: FeeMethod
    """按件计收 or 按量计收 (never both)."""
    units: int
    """How many units (件 or 页) this application brings."""
    already: int
    """Units counted before it (按件: earlier applications this month)."""
    lines: tuple[FeeLine, ...]
    """The bands touched, in order, including a free band."""

    @property
    def total(self) -> Decimal:
        """The fee in 元."""
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def free_units_used(self) -> int:
        """How many of this application's units fell into free bands."""
        return sum(line.units for line in self.lines if line.rate == 0)

    @property
    def charged_units(self) -> int:
        """How many of this application's units were charged."""
        return self.units - self.free_units_used

    @property
    def basis(self) -> str:
        """The instrument and article, e.g. 国办函〔2020〕109号第五条."""
        return f"{self.schedule.instrument}{self.method.article}"

    def describe(self) -> str:
        """One English sentence (amounts in plain 元; ``formatting`` has the Chinese forms)."""
        unit = self.method.unit_en
        parts = [
            f"{self.method.label} under {self.schedule.instrument} {self.method.article}:"
            f" units {self.already + 1}–{self.already + self.units}"
            + (f", {self.free_units_used} free" if self.free_units_used else "")
        ]
        for line in self.lines:
            if line.rate:
                parts.append(
                    f"{line.first}–{line.last}: {line.units} {unit}(s) at {line.rate} yuan"
                    f" = {line.amount} yuan"
                )
        return "; ".join(parts) + f"; total {self.total} yuan."

    def describe_zh(self) -> str:
        """The same in Chinese.

        >>> print(information_fee(FeeMethod.PER_PAGE, 31).describe_zh())
        依据国办函〔2020〕109号第五条按量计收：第1—31页，其中30页不收费；第31—31页，1页，每页10元，计10元；合计10元。
        """
        unit = self.method.unit
        head = (
            f"依据{self.basis}{self.method.label}：第{self.already + 1}—"
            f"{self.already + self.units}{unit}"
        )
        if self.free_units_used:
            head += f"，其中{self.free_units_used}{unit}不收费"
        parts = [head]
        for line in self.lines:
            if line.rate:
                parts.append(
                    f"第{line.first}—{line.last}{unit}，{line.units}{unit}，"
                    f"每{unit}{line.rate}元，计{line.amount}元"
                )
        return "；".join(parts) + f"；合计{self.total}元。"


def _check_count(name: str, value: object, minimum: int, maximum: int) -> int:
    if type(value) is not int or not minimum <= value <= maximum:
        raise InvalidValue(
            name,
            f"expected a whole number from {minimum} to {maximum}, got {value!r}",
            f"应为{minimum}至{maximum}之间的整数，实际为{value!r}",
        )
    return value


def _lines(bands: tuple[FeeBand, ...], first: int, last: int) -> list[FeeLine]:
    lines: list[FeeLine] = []
    for band in bands:
        start = max(first, band.first)
        end = last if band.last is None else min(last, band.last)
        if start > end:
            continue
        if band.step is None:
            lines.append(FeeLine(band, start, end, band.rate))
            continue
        # A rising band: one line per 档 touched (bounded by _MAX_UNITS / step).
        unit = start
        while unit <= end:
            tier_end = band.first + ((unit - band.first) // band.step + 1) * band.step - 1
            stop = min(end, tier_end)
            lines.append(FeeLine(band, unit, stop, band.rate_for(unit)))
            unit = stop + 1
    return lines


def information_fee(
    method: FeeMethod,
    units: int,
    *,
    already: int = 0,
    schedule: FeeSchedule | None = None,
    on: date | None = None,
) -> FeeCalculation:
    """The information processing fee for one application, counted by ``method``.

    ``units`` is what this application brings: for :attr:`FeeMethod.PER_APPLICATION` the number
    of 件 it counts as (after splitting by 一事一申请, at least 1), for :attr:`FeeMethod.PER_PAGE`
    its pages (0 or more). ``already`` (按件 only) is how many 件 the same applicant filed
    earlier in the same natural month. The schedule is ``schedule``, else the one in force
    ``on`` (default: the latest). One method per call: the Measures forbid charging one
    application both ways, and a :class:`FeeCalculation` has exactly one method.

    Raises :class:`~govdisclosure.errors.InvalidValue` for counts that are not whole numbers in
    range, or for ``already`` with 按量计收 (pages are not carried over between applications).

    >>> information_fee(FeeMethod.PER_APPLICATION, 1, already=30).total  # the 31st this month
    Decimal('200')
    >>> information_fee(FeeMethod.PER_APPLICATION, 50).total  # 20 at 100, 10 at 200, 10 at 300
    Decimal('7000')
    >>> information_fee(FeeMethod.PER_PAGE, 30).total
    Decimal('0')
    >>> information_fee(FeeMethod.PER_PAGE, 10, already=5)
    Traceback (most recent call last):
    ...
    govdisclosure.errors.InvalidValue: already: pages are counted per application; ...
    """
    chosen = schedule if schedule is not None else fee_schedule_in_force(on or date.max)
    if not isinstance(method, FeeMethod):
        raise InvalidValue(
            "method",
            f"expected a FeeMethod, got {method!r}",
            f"应为计费方式（按件计收或按量计收），实际为{method!r}",
        )
    minimum = 1 if method is FeeMethod.PER_APPLICATION else 0
    maximum = _MAX_UNITS[method]
    _check_count("units", units, minimum, maximum)
    _check_count("already", already, 0, maximum)
    if method is FeeMethod.PER_PAGE and already:
        raise InvalidValue(
            "already",
            "pages are counted per application; already must be 0 for 按量计收",
            "按量计收按每件申请计算页数，不累计以前的申请",
        )
    if already + units > maximum:
        _check_count("already + units", already + units, minimum, maximum)
    lines = _lines(chosen.bands(method), already + 1, already + units)
    return FeeCalculation(chosen, method, units, already, tuple(lines))


# --- 2008: cost charges -------------------------------------------------------------------------


class CostChargeItem(LabelledEnum):
    """The costs an agency could charge under the 2008 text (Art. 27): 检索、复制、邮寄等.

    >>> [item.label for item in CostChargeItem]
    ['检索', '复制', '邮寄']
    """

    RETRIEVAL = "retrieval", "检索", "retrieval"
    COPYING = "copying", "复制", "copying"
    POSTAGE = "postage", "邮寄", "postage"


@attrs.frozen
class CostCharges2008:
    """The fee facts of the 2008 Regulation (Arts. 27–28), with their sources.

    >>> COST_CHARGES_2008.charge_article, COST_CHARGES_2008.waiver_article
    ('第二十七条', '第二十八条')
    """

    items: tuple[CostChargeItem, ...]
    """The cost items named (the list ends in 等, so it is not closed)."""
    charge_article: str
    """The article allowing cost charges."""
    charge_text: str
    """Its rule, quoted."""
    standard_setter: str
    """Who was to set the standards."""
    waiver_article: str
    """The article allowing a reduction or waiver (减免)."""
    waiver_text: str
    """Its rule, quoted."""
    report_item: str = "（三）政府信息公开的收费及减免情况"
    """The annual-report item that had to account for them (2008 Art. 32)."""


COST_CHARGES_2008 = CostCharges2008(
    items=tuple(CostChargeItem),
    charge_article="第二十七条",
    charge_text=(
        "行政机关依申请提供政府信息，除可以收取检索、复制、邮寄等成本费用外，不得收取其他费用。"
    ),
    standard_setter="国务院价格主管部门会同国务院财政部门",
    waiver_article="第二十八条",
    waiver_text=(
        "申请公开政府信息的公民确有经济困难的，经本人申请、政府信息公开工作机构负责人审核同意，"
        "可以减免相关费用。"
    ),
)
"""国务院令第492号 Arts. 27–28 (CONFIRMED against the 2007 text)."""


@attrs.frozen
class CostChargesAllowed:
    """What the 2008 rules allowed for one application: which costs, and whether 减免 was open.

    >>> allowed = cost_charges_2008([CostChargeItem.COPYING], hardship=True)
    >>> allowed.items, allowed.waiver_possible
    ((<CostChargeItem.COPYING: 'copying'>,), True)
    >>> print(allowed.describe_zh())
    依据2008年《政府信息公开条例》第二十七条，可以收取复制的成本费用，标准由国务院价格主管部门会同国务院财政部门制定；申请人确有经济困难的，可依第二十八条申请减免。
    """

    rules: CostCharges2008
    """The facts applied."""
    items: tuple[CostChargeItem, ...]
    """The cost items that may be charged for this application."""
    waiver_possible: bool
    """Whether the applicant (a citizen in real financial difficulty) may ask for 减免."""

    def describe(self) -> str:
        """One English sentence."""
        what = ", ".join(i.label_en for i in self.items) or "nothing"
        text = (
            f"Under Art. 27 of the 2008 Regulation only costs may be charged: {what}, at"
            " standards set by the State Council's price and finance departments"
        )
        if self.waiver_possible:
            text += "; the applicant may ask for a reduction or waiver (Art. 28)"
        return text + "."

    def describe_zh(self) -> str:
        """The same in Chinese."""
        what = "、".join(i.label for i in self.items) or "无"
        text = (
            f"依据2008年《政府信息公开条例》{self.rules.charge_article}，可以收取{what}的成本费用，"
            f"标准由{self.rules.standard_setter}制定"
        )
        if self.waiver_possible:
            text += f"；申请人确有经济困难的，可依{self.rules.waiver_article}申请减免"
        return text + "。"


def cost_charges_2008(
    items: tuple[CostChargeItem, ...] | list[CostChargeItem] | None = None,
    *,
    hardship: bool = False,
    applicant_is_citizen: bool = True,
) -> CostChargesAllowed:
    """What the 2008 rules allowed an agency to charge, for the cost ``items`` incurred.

    ``items`` defaults to every :class:`CostChargeItem`. ``hardship`` is whether the applicant
    is in real financial difficulty (确有经济困难); Art. 28 opens 减免 to *citizens* only (公民),
    hence ``applicant_is_citizen``.

    >>> cost_charges_2008(hardship=True, applicant_is_citizen=False).waiver_possible
    False
    """
    chosen = tuple(dict.fromkeys(tuple(CostChargeItem) if items is None else items))
    for item in chosen:
        if not isinstance(item, CostChargeItem):
            raise InvalidValue(
                "items",
                f"expected CostChargeItem members, got {item!r}",
                f"应为成本费用项目（检索、复制、邮寄），实际为{item!r}",
            )
    return CostChargesAllowed(COST_CHARGES_2008, chosen, hardship and applicant_is_citizen)
