"""The report format versions and the rows of their tables, as data.

Versions are values, not if-statements: :class:`FormatVersion` says which rows table 3 has in a
version, and each :class:`ApplicationRow` carries its exact printed label.
"""

from __future__ import annotations

from govdisclosure.model.base import FieldEnum, LabelledEnum
from govdisclosure.model.outcome import Outcome, OutcomeGroup
from govdisclosure.model.review import LitigationRoute, ReviewResult

__all__ = ["ApplicationRow", "FormatVersion", "ReportPart", "ReviewColumn", "ReviewGroup"]


class FormatVersion(LabelledEnum):
    """The format an annual report follows.

    >>> FormatVersion.NATIONAL_2021.label
    '中华人民共和国政府信息公开工作年度报告格式'
    >>> len(FormatVersion.NATIONAL_2021.application_rows)
    25
    >>> len(FormatVersion.TRIAL_2019.application_rows)
    23
    """

    LEGACY_2008 = "2008", "各地自定格式（2008—2018年）", "2008-era free text (local formats)"
    TRIAL_2019 = (
        "2019",
        "中华人民共和国政府信息公开工作年度报告格式（试行）",
        "2019 trial national format",
    )
    NATIONAL_2021 = "2021", "中华人民共和国政府信息公开工作年度报告格式", "2021 national format"

    @property
    def notice(self) -> str:
        """The notice that issued the format ("" for the 2008-era local formats)."""
        return _NOTICES[self]

    @property
    def application_rows(self) -> tuple[ApplicationRow, ...]:
        """The data rows of table 3 in this version, in printed order (empty for 2008-era)."""
        return _ROWS[self]

    @property
    def has_tables(self) -> bool:
        """True for the national formats, which have tables 2–4."""
        return self is not FormatVersion.LEGACY_2008


_NOTICES = {
    FormatVersion.LEGACY_2008: "",
    FormatVersion.TRIAL_2019: "国办公开办函〔2019〕60号",
    FormatVersion.NATIONAL_2021: "国办公开办函〔2021〕30号",
}


class ApplicationRow(LabelledEnum):
    """A data row of table 3 (收到和处理政府信息公开申请情况), in any format version.

    Outcome rows share their code with :class:`~govdisclosure.model.outcome.Outcome`; the 2019
    trial format's single 其他处理 row is :attr:`OTHER`.

    >>> ApplicationRow.NEW.label
    '一、本年新收政府信息公开申请数量'
    >>> ApplicationRow.from_outcome(Outcome.UNABLE_NOT_HELD).label
    '1.本机关不掌握相关政府信息'
    """

    NEW = "new", "一、本年新收政府信息公开申请数量", "I. new applications this year"
    CARRIED_OVER = (
        "carried-over",
        "二、上年结转政府信息公开申请数量",
        "II. applications carried over from last year",
    )
    GRANTED = Outcome.GRANTED.code, Outcome.GRANTED.label, Outcome.GRANTED.label_en
    PARTIALLY_GRANTED = (
        Outcome.PARTIALLY_GRANTED.code,
        Outcome.PARTIALLY_GRANTED.label,
        Outcome.PARTIALLY_GRANTED.label_en,
    )
    WITHHELD_STATE_SECRET = (
        Outcome.WITHHELD_STATE_SECRET.code,
        Outcome.WITHHELD_STATE_SECRET.label,
        Outcome.WITHHELD_STATE_SECRET.label_en,
    )
    WITHHELD_PROHIBITED_BY_LAW = (
        Outcome.WITHHELD_PROHIBITED_BY_LAW.code,
        Outcome.WITHHELD_PROHIBITED_BY_LAW.label,
        Outcome.WITHHELD_PROHIBITED_BY_LAW.label_en,
    )
    WITHHELD_SECURITY_STABILITY = (
        Outcome.WITHHELD_SECURITY_STABILITY.code,
        Outcome.WITHHELD_SECURITY_STABILITY.label,
        Outcome.WITHHELD_SECURITY_STABILITY.label_en,
    )
    WITHHELD_THIRD_PARTY = (
        Outcome.WITHHELD_THIRD_PARTY.code,
        Outcome.WITHHELD_THIRD_PARTY.label,
        Outcome.WITHHELD_THIRD_PARTY.label_en,
    )
    WITHHELD_INTERNAL_AFFAIRS = (
        Outcome.WITHHELD_INTERNAL_AFFAIRS.code,
        Outcome.WITHHELD_INTERNAL_AFFAIRS.label,
        Outcome.WITHHELD_INTERNAL_AFFAIRS.label_en,
    )
    WITHHELD_PROCESS_INFORMATION = (
        Outcome.WITHHELD_PROCESS_INFORMATION.code,
        Outcome.WITHHELD_PROCESS_INFORMATION.label,
        Outcome.WITHHELD_PROCESS_INFORMATION.label_en,
    )
    WITHHELD_ENFORCEMENT_FILE = (
        Outcome.WITHHELD_ENFORCEMENT_FILE.code,
        Outcome.WITHHELD_ENFORCEMENT_FILE.label,
        Outcome.WITHHELD_ENFORCEMENT_FILE.label_en,
    )
    WITHHELD_ADMINISTRATIVE_QUERY = (
        Outcome.WITHHELD_ADMINISTRATIVE_QUERY.code,
        Outcome.WITHHELD_ADMINISTRATIVE_QUERY.label,
        Outcome.WITHHELD_ADMINISTRATIVE_QUERY.label_en,
    )
    UNABLE_NOT_HELD = (
        Outcome.UNABLE_NOT_HELD.code,
        Outcome.UNABLE_NOT_HELD.label,
        Outcome.UNABLE_NOT_HELD.label_en,
    )
    UNABLE_NEEDS_CREATION = (
        Outcome.UNABLE_NEEDS_CREATION.code,
        Outcome.UNABLE_NEEDS_CREATION.label,
        Outcome.UNABLE_NEEDS_CREATION.label_en,
    )
    UNABLE_STILL_UNCLEAR = (
        Outcome.UNABLE_STILL_UNCLEAR.code,
        Outcome.UNABLE_STILL_UNCLEAR.label,
        Outcome.UNABLE_STILL_UNCLEAR.label_en,
    )
    NOT_PROCESSED_PETITION = (
        Outcome.NOT_PROCESSED_PETITION.code,
        Outcome.NOT_PROCESSED_PETITION.label,
        Outcome.NOT_PROCESSED_PETITION.label_en,
    )
    NOT_PROCESSED_REPEATED = (
        Outcome.NOT_PROCESSED_REPEATED.code,
        Outcome.NOT_PROCESSED_REPEATED.label,
        Outcome.NOT_PROCESSED_REPEATED.label_en,
    )
    NOT_PROCESSED_PUBLICATION = (
        Outcome.NOT_PROCESSED_PUBLICATION.code,
        Outcome.NOT_PROCESSED_PUBLICATION.label,
        Outcome.NOT_PROCESSED_PUBLICATION.label_en,
    )
    NOT_PROCESSED_EXCESSIVE = (
        Outcome.NOT_PROCESSED_EXCESSIVE.code,
        Outcome.NOT_PROCESSED_EXCESSIVE.label,
        Outcome.NOT_PROCESSED_EXCESSIVE.label_en,
    )
    NOT_PROCESSED_CONFIRMATION = (
        Outcome.NOT_PROCESSED_CONFIRMATION.code,
        Outcome.NOT_PROCESSED_CONFIRMATION.label,
        Outcome.NOT_PROCESSED_CONFIRMATION.label_en,
    )
    OTHER_OVERDUE_CORRECTION = (
        Outcome.OTHER_OVERDUE_CORRECTION.code,
        Outcome.OTHER_OVERDUE_CORRECTION.label,
        Outcome.OTHER_OVERDUE_CORRECTION.label_en,
    )
    OTHER_OVERDUE_FEE = (
        Outcome.OTHER_OVERDUE_FEE.code,
        Outcome.OTHER_OVERDUE_FEE.label,
        Outcome.OTHER_OVERDUE_FEE.label_en,
    )
    OTHER_OTHER = Outcome.OTHER_OTHER.code, Outcome.OTHER_OTHER.label, Outcome.OTHER_OTHER.label_en
    OTHER = "other", "（六）其他处理", "otherwise handled (2019 trial format, no sub-rows)"
    TOTAL = "total", "（七）总计", "total handled"
    CARRIED_FORWARD = (
        "carried-forward",
        "四、结转下年度继续办理",
        "IV. carried forward to next year",
    )

    @classmethod
    def from_outcome(cls, outcome: Outcome) -> ApplicationRow:
        """The 2021-format row an outcome counts in."""
        return cls.from_code(outcome.code)

    @property
    def outcome(self) -> Outcome | None:
        """The outcome this row counts (None for 一, 二, 其他处理 (2019), 总计 and 四)."""
        return _OUTCOME_OF.get(self)

    @property
    def group(self) -> OutcomeGroup | None:
        """The outcome category （一）…（六） of the row, if it is an outcome row."""
        if self is ApplicationRow.OTHER:
            return OutcomeGroup.OTHER
        outcome = self.outcome
        return outcome.group if outcome is not None else None

    @property
    def is_outcome(self) -> bool:
        """True for the leaf rows of 三、本年度办理结果 (not （七）总计)."""
        return self.group is not None


_OUTCOME_OF = {
    row: Outcome.from_code(row.code)
    for row in ApplicationRow
    if row.code in Outcome._value2member_map_
}

_OUTCOME_ROWS = tuple(ApplicationRow.from_outcome(o) for o in Outcome)
_ROWS = {
    FormatVersion.LEGACY_2008: (),
    FormatVersion.NATIONAL_2021: (
        ApplicationRow.NEW,
        ApplicationRow.CARRIED_OVER,
        *_OUTCOME_ROWS,
        ApplicationRow.TOTAL,
        ApplicationRow.CARRIED_FORWARD,
    ),
    FormatVersion.TRIAL_2019: (
        ApplicationRow.NEW,
        ApplicationRow.CARRIED_OVER,
        *(r for r in _OUTCOME_ROWS if r.group is not OutcomeGroup.OTHER),
        ApplicationRow.OTHER,
        ApplicationRow.TOTAL,
        ApplicationRow.CARRIED_FORWARD,
    ),
}


def _result(result: ReviewResult) -> tuple[str, str, str]:
    return result.code, result.label, result.label_en


class ReviewGroup(FieldEnum):
    """The three column groups of table 4.

    Each member's :attr:`~govdisclosure.model.base.FieldEnum.attribute` is the field of
    :class:`~govdisclosure.model.tables.ReviewTable` holding its group.

    >>> ReviewGroup.LITIGATION_DIRECT.attribute
    'litigation_direct'
    >>> ReviewGroup.LITIGATION_DIRECT.label
    '未经复议直接起诉'
    """

    RECONSIDERATION = "reconsideration", "行政复议", "administrative reconsideration"
    LITIGATION_DIRECT = "litigation-direct", "未经复议直接起诉", "direct suit"
    LITIGATION_AFTER_RECONSIDERATION = (
        "litigation-after-reconsideration",
        "复议后起诉",
        "suit after reconsideration",
    )

    @classmethod
    def of_litigation(cls, route: LitigationRoute) -> ReviewGroup:
        """The group a suit counts in, by how it reached the court.

        >>> ReviewGroup.of_litigation(LitigationRoute.DIRECT).label
        '未经复议直接起诉'
        """
        if route is LitigationRoute.DIRECT:
            return cls.LITIGATION_DIRECT
        return cls.LITIGATION_AFTER_RECONSIDERATION


class ReviewColumn(LabelledEnum):
    """The five columns of each group of table 4: a case's four results, then the printed total.

    Result columns share their code and labels with
    :class:`~govdisclosure.model.review.ReviewResult` (the result of one case).

    >>> [c.label for c in ReviewColumn]
    ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']
    >>> ReviewColumn.from_result(ReviewResult.PENDING), ReviewColumn.TOTAL.result
    (<ReviewColumn.PENDING: 'pending'>, None)
    """

    MAINTAINED = _result(ReviewResult.MAINTAINED)
    CORRECTED = _result(ReviewResult.CORRECTED)
    OTHER = _result(ReviewResult.OTHER)
    PENDING = _result(ReviewResult.PENDING)
    TOTAL = "total", "总计", "total"

    @classmethod
    def from_result(cls, result: ReviewResult) -> ReviewColumn:
        """The column a case with this result counts in."""
        return cls.from_code(result.code)

    @property
    def result(self) -> ReviewResult | None:
        """The case result this column counts (``None`` for 总计)."""
        return ReviewResult._value2member_map_.get(self.code)  # type: ignore[return-value]


class ReportPart(LabelledEnum):
    """A part of an annual report that figures are read from: one of its tables, or the narrative.

    Consistency findings name the part they concern, and tidy records the table a cell is in.

    >>> ReportPart.APPLICATIONS.label
    '收到和处理政府信息公开申请情况'
    >>> [part.code for part in ReportPart]
    ['proactive', 'applications', 'reviews', 'statistics', 'narrative']
    """

    PROACTIVE = "proactive", "主动公开政府信息情况", "table 2: proactive disclosure"
    APPLICATIONS = (
        "applications",
        "收到和处理政府信息公开申请情况",
        "table 3: applications received and handled",
    )
    REVIEWS = (
        "reviews",
        "政府信息公开行政复议、行政诉讼情况",
        "table 4: reconsideration and litigation",
    )
    STATISTICS = "statistics", "统计表", "2008-era local statistics table"
    NARRATIVE = "narrative", "正文", "narrative"
