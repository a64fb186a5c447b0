"""Annual-report deadlines, and the 2008-era reply types and indicators mapped onto 2021 rows.

**Deadlines** [CONFIRMED R2008, R2019]. The 2008 text (Art. 31) gave every agency one date:
每年3月31日前公布. The 2019 text (Art. 49) gives two: 县级以上人民政府部门 submit *and* publish
their report 每年1月31日前; the 主管部门 publishes the 本级政府's report 每年3月31日前. Which text
governs a report
is the one in force on 1 January of the year after the report year (a 2018 report was due in
March 2019, before the revision took effect on 2019-05-15).

Inferences, stated so they can be overridden (pass ``rules=``):

- "X日前" includes day X (the usual reading of 前 in Chinese legal deadlines); a fixed date is
  not moved for a rest day.
- Under the 2019 text, any agency that is not a 人民政府 (departments, general offices, dispatched
  bodies, internal units, organisations authorised by law, Art. 54) has the department date;
  a 人民政府 of any tier, township included, has 3月31日. Public enterprises and institutions
  (Art. 55) follow separate rules and have no deadline here.

**2008-era outcomes.** The 2008 text's reply types (Art. 21, plus Art. 22's 区分处理) and the
indicators of 2008-era local statistics tables (定西市's 《政府信息公开情况统计报表》, and the
不予公开范围1–7 of the same era) are mapped onto the rows of the 2021 table where a mapping
exists, and left blank where none does, each with how close the correspondence is [INFERENCE
throughout].

>>> report_deadline(2023, AgencyKind.DEPARTMENT).due_on
datetime.date(2024, 1, 31)
>>> report_deadline(2017, AgencyKind.DEPARTMENT).due_on
datetime.date(2018, 3, 31)
>>> legacy_mapping("同意公开答复数").outcome
<Outcome.GRANTED: 'granted'>
"""

from __future__ import annotations

import re
from datetime import date

import attrs

from govdisclosure.errors import GovDisclosureError, InvalidValue
from govdisclosure.model.agency import AgencyKind
from govdisclosure.model.base import LabelledEnum
from govdisclosure.model.outcome import Outcome, OutcomeGroup
from govdisclosure.model.report import AnnualReport, LegacyIndicator
from govdisclosure.rules.regulation import Regulation, regulation_in_force

__all__ = [
    "LEGACY_INDICATORS",
    "LEGACY_REPLY_TYPES_2008",
    "REPORT_DEADLINE_RULES",
    "Correspondence",
    "LegacyMapping",
    "NoReportDeadline",
    "ReportDeadline",
    "ReportDeadlineRule",
    "ReportTimeliness",
    "legacy_mapping",
    "report_deadline",
    "report_timeliness",
]


@attrs.frozen
class ReportDeadlineRule:
    """One statutory deadline for the annual report, for some kinds of agency.

    >>> rule = REPORT_DEADLINE_RULES[1]
    >>> rule.regulation_code, rule.article, (rule.month, rule.day), rule.action
    ('2019', '第四十九条', (1, 31), '报送并公布')
    """

    regulation_code: str
    """The Regulation version (``"2008"`` or ``"2019"``)."""
    article: str
    """The article that sets the date."""
    month: int
    """Month of the deadline, in the year after the report year."""
    day: int
    """Day of the deadline (included)."""
    kinds: tuple[AgencyKind, ...]
    """The kinds of agency it applies to (empty: every agency)."""
    action: str
    """What must be done by then: 公布, or 报送并公布."""
    text: str
    """The rule, quoted."""

    def due_on(self, year: int) -> date:
        """The last day for the report on ``year``."""
        return date(year + 1, self.month, self.day)

    def applies_to(self, regulation: Regulation, kind: AgencyKind | None) -> bool:
        """Whether the rule governs an agency of ``kind`` under ``regulation``."""
        if regulation.code != self.regulation_code:
            return False
        return not self.kinds or kind in self.kinds


_NOT_GOVERNMENT = (
    AgencyKind.DEPARTMENT,
    AgencyKind.GENERAL_OFFICE,
    AgencyKind.DISPATCHED_BODY,
    AgencyKind.INTERNAL_UNIT,
    AgencyKind.AUTHORISED_ORGANISATION,
)

REPORT_DEADLINE_RULES: tuple[ReportDeadlineRule, ...] = (
    ReportDeadlineRule(
        "2008",
        "第三十一条",
        3,
        31,
        (),
        "公布",
        "各级行政机关应当在每年3月31日前公布本行政机关的政府信息公开工作年度报告。",
    ),
    ReportDeadlineRule(
        "2019",
        "第四十九条",
        1,
        31,
        _NOT_GOVERNMENT,
        "报送并公布",
        "县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度"
        "政府信息公开工作年度报告并向社会公布。",
    ),
    ReportDeadlineRule(
        "2019",
        "第四十九条",
        3,
        31,
        (AgencyKind.PEOPLES_GOVERNMENT,),
        "公布",
        "县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度"
        "政府信息公开工作年度报告。",
    ),
)
"""Every report deadline, by Regulation version and kind of agency."""


class NoReportDeadline(GovDisclosureError, LookupError):
    """No report deadline is known for this kind of agency (or the kind is not given).

    >>> print(NoReportDeadline(2023, None))
    no annual-report deadline for the 2023 report of an agency of unknown kind under the 2019
    Regulation; give the agency's kind / 未知机关类型，无法确定2023年度报告的公布期限
    """

    def __init__(self, year: int, kind: AgencyKind | None, regulation_code: str = "2019") -> None:
        self.year = year
        self.kind = kind
        what = "unknown kind" if kind is None else f"kind {kind.label_en!r}"
        zh = "未知机关类型" if kind is None else f"{kind.label}"
        super().__init__(
            f"no annual-report deadline for the {year} report of an agency of {what} under the"
            f" {regulation_code} Regulation; give the agency's kind / "
            f"{zh}，无法确定{year}年度报告的公布期限"
        )


@attrs.frozen
class ReportDeadline:
    """The deadline for one year's report of one kind of agency.

    >>> d = report_deadline(2023, AgencyKind.PEOPLES_GOVERNMENT)
    >>> d.due_on, d.regulation.code, d.basis
    (datetime.date(2024, 3, 31), '2019', '《中华人民共和国政府信息公开条例》第四十九条')
    """

    year: int
    """The report year."""
    rule: ReportDeadlineRule
    """The rule applied."""
    regulation: Regulation
    """The Regulation version that governs it."""

    @property
    def due_on(self) -> date:
        """The last day (included)."""
        return self.rule.due_on(self.year)

    @property
    def basis(self) -> str:
        """Title and article."""
        return f"《{self.regulation.title}》{self.rule.article}"


def _check_year(year: object) -> int:
    if type(year) is not int or not 2007 <= year <= 2100:
        raise InvalidValue(
            "year",
            f"expected a report year from 2007 to 2100, got {year!r}",
            f"报告年度应在2007至2100之间，实际为{year!r}",
        )
    return year


def report_deadline(
    year: int,
    kind: AgencyKind | None,
    *,
    rules: tuple[ReportDeadlineRule, ...] | None = None,
) -> ReportDeadline:
    """The deadline for the report on ``year`` of an agency of ``kind``.

    ``rules`` replaces ``REPORT_DEADLINE_RULES`` (your own reading of the texts). The
    Regulation is the one in force on 1 January of ``year + 1`` (for the 2007 report, the
    2008 text, which set the first deadline). Raises :class:`NoReportDeadline` when no rule
    covers the kind (a public institution, or ``None`` under the 2019 text).

    >>> report_deadline(2018, AgencyKind.DEPARTMENT).due_on  # the 2008 text still applied
    datetime.date(2019, 3, 31)
    >>> report_deadline(2019, AgencyKind.DEPARTMENT).due_on
    datetime.date(2020, 1, 31)
    >>> report_deadline(2023, AgencyKind.PUBLIC_INSTITUTION)
    Traceback (most recent call last):
    ...
    govdisclosure.rules.reporting.NoReportDeadline: no annual-report deadline for the 2023 ...
    """
    _check_year(year)
    regulation = regulation_in_force(max(date(year + 1, 1, 1), date(2008, 5, 1)))
    for rule in REPORT_DEADLINE_RULES if rules is None else rules:
        if rule.applies_to(regulation, kind):
            return ReportDeadline(year, rule, regulation)
    raise NoReportDeadline(year, kind, regulation.code)


@attrs.frozen
class ReportTimeliness:
    """Whether a report was published by its deadline, and by how many days it missed it.

    >>> from govdisclosure.model import Agency, AnnualReport2021
    >>> report = AnnualReport2021(
    ...     agency=Agency(name="某市统计局", kind=AgencyKind.DEPARTMENT),
    ...     year=2023, published_on=date(2024, 2, 5))
    >>> t = report_timeliness(report)
    >>> t.late, t.days_late, t.deadline.due_on
    (True, 5, datetime.date(2024, 1, 31))
    >>> print(t.describe_zh())
    2023年度报告应于2024-01-31前报送并公布（《中华人民共和国政府信息公开条例》第四十九条），实际2024-02-05公布，逾期5日
    """

    deadline: ReportDeadline
    """The deadline applied."""
    published_on: date
    """The day the report was published."""

    @property
    def days_late(self) -> int:
        """Calendar days after the deadline (0 when on time)."""
        return max(0, (self.published_on - self.deadline.due_on).days)

    @property
    def late(self) -> bool:
        """Whether it was published after the deadline."""
        return self.days_late > 0

    def describe(self) -> str:
        """One English sentence."""
        d = self.deadline
        text = (
            f"the {d.year} report was due by {d.due_on.isoformat()} ({d.regulation.code}"
            f" Regulation {d.rule.article}), published {self.published_on.isoformat()}"
        )
        return text + (f": {self.days_late} days late" if self.late else ": on time")

    def describe_zh(self) -> str:
        """The same in Chinese."""
        d = self.deadline
        text = (
            f"{d.year}年度报告应于{d.due_on.isoformat()}前{d.rule.action}（{d.basis}），"
            f"实际{self.published_on.isoformat()}公布"
        )
        return text + (f"，逾期{self.days_late}日" if self.late else "，未逾期")


def report_timeliness(
    report: AnnualReport,
    *,
    kind: AgencyKind | None = None,
    rules: tuple[ReportDeadlineRule, ...] | None = None,
) -> ReportTimeliness:
    """Whether ``report`` was published on time. ``kind`` overrides the agency's own kind.

    Raises :class:`~govdisclosure.errors.InvalidValue` when the report has no ``published_on``,
    and :class:`NoReportDeadline` when the kind decides nothing.
    """
    if report.published_on is None:
        raise InvalidValue(
            "published_on",
            "the report has no publication date, so its timeliness cannot be judged",
            "报告未注明发布日期，无法判断是否按时公布",
        )
    chosen = kind if kind is not None else report.agency.kind
    deadline = report_deadline(report.year, chosen, rules=rules)
    return ReportTimeliness(deadline, report.published_on)


# --- 2008-era outcomes ---------------------------------------------------------------------------


class Correspondence(LabelledEnum):
    """How closely a 2008-era category matches a 2021 row [INFERENCE].

    >>> Correspondence.APPROXIMATE.label
    '近似对应'
    """

    EXACT = "exact", "对应", "same category"
    GROUP = "group", "对应类别", "matches a category （一）…（六）, not one row"
    APPROXIMATE = "approximate", "近似对应", "close, but the scopes differ"
    NONE = "none", "无对应", "no 2021 row"


@attrs.frozen
class LegacyMapping:
    """A 2008-era category and the 2021 row (or category) it maps onto, if any.

    >>> m = legacy_mapping("“信息不存在”数")
    >>> m.outcome.label, m.correspondence.code
    ('1.本机关不掌握相关政府信息', 'exact')
    """

    label: str
    """The 2008-era label, as printed."""
    outcome: Outcome | None
    """The 2021 row, or ``None``."""
    group: OutcomeGroup | None
    """The 2021 category: the row's own, or the category alone for a group-level match."""
    correspondence: Correspondence
    """How close the match is."""
    note: str = ""
    """Why, in English."""

    @property
    def comparable(self) -> bool:
        """Whether a 2018/2019 series can compare this figure with a 2021 row."""
        return self.correspondence in (Correspondence.EXACT, Correspondence.GROUP)


def _m(
    label: str,
    outcome: Outcome | None,
    kind: Correspondence,
    note: str = "",
    *,
    group: bool = False,
) -> LegacyMapping:
    if group:
        assert outcome is not None
        return LegacyMapping(label, None, outcome.group, kind, note)
    return LegacyMapping(label, outcome, outcome.group if outcome else None, kind, note)


_E, _G, _A, _N = (
    Correspondence.EXACT,
    Correspondence.GROUP,
    Correspondence.APPROXIMATE,
    Correspondence.NONE,
)

LEGACY_REPLY_TYPES_2008: tuple[LegacyMapping, ...] = (
    _m("属于公开范围的", Outcome.GRANTED, _E, "Art. 21(一)"),
    _m("能够作区分处理的", Outcome.PARTIALLY_GRANTED, _E, "Art. 22"),
    _m(
        "属于不予公开范围的",
        Outcome.WITHHELD_STATE_SECRET,
        _G,
        "Art. 21(二): the category （三）不予公开; the ground decides the row",
        group=True,
    ),
    _m(
        "依法不属于本行政机关公开或者该政府信息不存在的",
        Outcome.UNABLE_NOT_HELD,
        _E,
        "Art. 21(三); the 2021 row covers both (2019 Art. 36(四)(五))",
    ),
    _m(
        "申请内容不明确的",
        None,
        _N,
        "Art. 21(四) asks for a change; the 2021 rows count only the end after correction",
    ),
)
"""The reply types of the 2008 text (Art. 21 （一）–（四）, and Art. 22's 区分处理)."""

LEGACY_INDICATORS: tuple[LegacyMapping, ...] = (
    _m("同意公开答复数", Outcome.GRANTED, _E),
    _m("同意部分公开答复数", Outcome.PARTIALLY_GRANTED, _E),
    _m("否决公开答复总数", None, _N, "spans 不予公开, 无法提供 and 不予处理"),
    _m("不予公开", Outcome.WITHHELD_STATE_SECRET, _G, "the category （三）", group=True),
    _m("“非《规定》所指政府信息”数", None, _N, "a local category with no 2021 row"),
    _m("“信息不存在”数", Outcome.UNABLE_NOT_HELD, _E),
    _m("“非本部门掌握”数", Outcome.UNABLE_NOT_HELD, _E),
    _m("“申请内容不明确”数", None, _N, "counted before any correction"),
    _m("免予公开范围1", Outcome.WITHHELD_STATE_SECRET, _E, "国家秘密"),
    _m(
        "免予公开范围2",
        Outcome.WITHHELD_THIRD_PARTY,
        _A,
        "商业秘密: a third-party ground",
    ),
    _m(
        "免予公开范围3",
        Outcome.WITHHELD_THIRD_PARTY,
        _A,
        "个人隐私: a third-party ground",
    ),
    _m("免予公开范围4", None, _N, "内部政府信息及政府内部公文: split between rows 5 and 6"),
    _m("免予公开范围5", Outcome.WITHHELD_PROCESS_INFORMATION, _A, "正在内部研究、讨论或审议过程中"),
    _m("免予公开范围6", Outcome.WITHHELD_ENFORCEMENT_FILE, _A, "与行政执法有关"),
    _m(
        "免予公开范围7",
        Outcome.WITHHELD_PROHIBITED_BY_LAW,
        _A,
        "法律、法规、规章禁止公开: wider than 2021's 法律行政法规",
    ),
    _m("其它原因", None, _N),
)
"""Indicators of 2008-era local tables (定西市 统计报表; 不予公开范围1–7), mapped where possible."""

_QUOTES = str.maketrans({'"': "“", "'": "“"})
_PREFIX = re.compile(r"^(其中[:：]?|\s+)")


def _key(label: str) -> str:
    text = _PREFIX.sub("", label.strip()).translate(_QUOTES)
    # ASCII quotes come in pairs: the second of each pair closes.
    out, opened = [], False
    for ch in text:
        if ch == "“":
            ch = "”" if opened else "“"
            opened = not opened
        out.append(ch)
    return "".join(out).replace("数", "").replace(" ", "")


_BY_KEY = {_key(m.label): m for m in (*LEGACY_REPLY_TYPES_2008, *LEGACY_INDICATORS)}


def legacy_mapping(indicator: LegacyIndicator | str) -> LegacyMapping | None:
    """The mapping of a 2008-era indicator or reply type, or ``None`` when it is not known.

    Matching ignores a leading 其中, ASCII versus Chinese quotes, white space and 数, so
    ``"免予公开范围1数"`` and ``"其中：同意公开答复数"`` are found. An unknown label gives ``None``:
    it is not an outcome indicator this table knows, which is different from a known indicator
    with no 2021 row (:attr:`Correspondence.NONE`).

    >>> legacy_mapping('"申请内容不明确"数').correspondence.code
    'none'
    >>> legacy_mapping("其中：同意部分公开答复数").outcome.code
    'partially-granted'
    >>> legacy_mapping("网站专栏页面访问量") is None
    True
    >>> legacy_mapping(LegacyIndicator(indicator="免予公开范围5数", this_year=2)).note
    '正在内部研究、讨论或审议过程中'
    """
    label = indicator.indicator if isinstance(indicator, LegacyIndicator) else indicator
    return _BY_KEY.get(_key(label))
