"""Checks that need a publication register: a report's table 2 against the register, and the
register's own problems (review, timeliness, decision counts).

A registered rule sees only a report; these checks see a report *and* a register, so they are
functions returning the same :class:`~govdisclosure.checks.Finding` values as
:func:`~govdisclosure.checks.check`. Their rule ids:

==================  ========  ===============================================================
rule                severity  finding
==================  ========  ===============================================================
T2-REGISTER         error     a cell of table 2 differs from the register's tabulation
PUB-NO-REVIEW       error     an item was published without a recorded review
PUB-BEFORE-REVIEW   error     an item was published before its review
PUB-AGAINST-REVIEW  error     an item was published although its review said not to (yet)
PUB-MISSING-REVIEW  error     a required kind of review is missing (``required_reviews``)
PUB-LATE            warning   published after the Art. 26 deadline (expected 0 days late)
PUB-OVERDUE         warning   still unpublished after the Art. 26 deadline
PUB-DECISIONS       warning   a supplied decision count differs from the decision records
==================  ========  ===============================================================

A T2-REGISTER finding's ``expected`` (the register) and ``actual`` (the report) are in the cell's
own unit: the 2021 fee amount is a :class:`~decimal.Decimal` in 万元 as printed, the 2019
procurement total a :class:`~decimal.Decimal` in 元.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from govdisclosure.checks._core import Finding, Severity, Status
from govdisclosure.model.form import CellRef, form_of
from govdisclosure.model.layout import FormatVersion, ReportPart
from govdisclosure.model.proactive import DecisionKind, ProactiveItem, ProactiveRegister
from govdisclosure.model.quantity import Money
from govdisclosure.model.report import AnnualReport2019, AnnualReport2021
from govdisclosure.model.tables import ProactiveTable2019, ProactiveTable2021
from govdisclosure.rules.publication import (
    ReviewProblemKind,
    Timeliness,
    late_publications,
    review_problems_of,
)
from govdisclosure.stats._proactive import tabulate_proactive

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from govdisclosure.model.proactive import ReviewKind
    from govdisclosure.model.report import AnnualReport
    from govdisclosure.rules.calendar import WorkdayCalendar

__all__ = ["check_against_register", "check_register", "table2_cells"]

Value = int | Decimal | None


def table2_cells(
    table: ProactiveTable2021 | ProactiveTable2019,
) -> tuple[tuple[CellRef, Value], ...]:
    """Every cell of a table 2 with its address in the form, in printed order.

    Money (the 2019 procurement total) is given in 元; the 2021 fee amount stays in 万元.

    >>> from govdisclosure.examples import load
    >>> cell, value = table2_cells(load("huaian-city-2024").proactive)[-1]
    >>> cell.label, value
    ('行政事业性收费·本年收费金额（单位：万元）', Decimal('96171.6'))
    """
    version = (
        FormatVersion.TRIAL_2019
        if isinstance(table, ProactiveTable2019)
        else FormatVersion.NATIONAL_2021
    )
    form_table = form_of(version).table(ReportPart.PROACTIVE)
    return tuple(
        (cell, value.in_yuan() if isinstance(value, Money) else value)
        for cell, value in zip(form_table.cells, form_table.read(table), strict=True)
    )


def _shown(value: Value, blank: str) -> str:
    if value is None:
        return blank
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _finding(
    rule: str,
    severity: Severity,
    cell: CellRef | None,
    subject: str | None,
    expected: Value,
    actual: Value,
    year: int | None,
    message: str,
    message_zh: str,
    status: Status = Status.FAILED,
) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        status=status,
        part=ReportPart.PROACTIVE,
        cell=cell,
        subject=subject,
        expected=expected,
        actual=actual,
        year=year,
        message=message,
        message_zh=message_zh,
    )


def _compare(
    report_table: ProactiveTable2021 | ProactiveTable2019,
    register_table: ProactiveTable2021 | ProactiveTable2019,
    year: int,
    include_unverifiable: bool,
) -> Iterator[Finding]:
    for (cell, printed), (_, derived) in zip(
        table2_cells(report_table), table2_cells(register_table), strict=True
    ):
        row, column = cell.row_label, cell.column_label
        if printed is None or derived is None:
            if not include_unverifiable:
                continue
            status = Status.NOT_VERIFIABLE
            en_prefix, zh_prefix = (
                "not verifiable (a cell is blank): ",
                "无法核对（有空白单元格）：",
            )
        elif printed == derived:
            continue
        else:
            status, en_prefix, zh_prefix = Status.FAILED, "", ""
        # The cell's own unit: 万元 for the 2021 fee amount, 元 for the 2019 procurement total.
        yield _finding(
            "T2-REGISTER",
            Severity.ERROR,
            cell,
            None,
            derived,
            printed,
            year,
            f"{en_prefix}{row} / {column}: the register gives {_shown(derived, 'blank')},"
            f" the report prints {_shown(printed, 'blank')}",
            f"{zh_prefix}{row}“{column}”：登记簿统计为{_shown(derived, '空白')}，"
            f"报告为{_shown(printed, '空白')}",
            status,
        )


_REVIEW_RULES = {
    ReviewProblemKind.NO_REVIEW: ("PUB-NO-REVIEW", "published without a recorded review"),
    ReviewProblemKind.BEFORE_REVIEW: ("PUB-BEFORE-REVIEW", "published before its review"),
    ReviewProblemKind.AGAINST_REVIEW: (
        "PUB-AGAINST-REVIEW",
        "published although the review decided",
    ),
    ReviewProblemKind.MISSING_KIND: ("PUB-MISSING-REVIEW", "published without a"),
}


def _label(item: ProactiveItem) -> str:
    return f"{item.id} {item.title}"


def _review_findings(
    items: Iterable[ProactiveItem], year: int | None, required: tuple[ReviewKind, ...]
) -> Iterator[Finding]:
    for problem in review_problems_of(items, required=required, year=year):
        item = problem.item
        published = item.published_on
        assert published is not None
        rule, text = _REVIEW_RULES[problem.kind]
        when = published.isoformat()
        review = problem.review
        if problem.kind is ReviewProblemKind.BEFORE_REVIEW:
            assert review is not None
            en = f"{text} (published {when}, {review.kind.label_en} {review.reviewed_on})"
            zh = (
                f"{when}公开，{review.reviewed_on.isoformat()}才进行{review.kind.label}"
                "（先公开后审查）"
            )
        elif problem.kind is ReviewProblemKind.AGAINST_REVIEW:
            assert review is not None
            en = (
                f"{text} “{review.result.label_en}” on {review.reviewed_on.isoformat()}"
                f" (published {when})"
            )
            zh = (
                f"{review.reviewed_on.isoformat()}{review.kind.label}结论为"
                f"“{review.result.label}”，仍于{when}公开"
            )
        elif problem.kind is ReviewProblemKind.MISSING_KIND:
            missing = problem.kind_missing
            assert missing is not None
            en = f"{text} {missing.label_en} (published {when})"
            zh = f"{when}公开，未经{missing.label}"
        else:
            en = f"{text} (published {when})"
            zh = f"{when}公开，未记录发布前审查（未经审查即公开）"
        yield _finding(
            rule,
            Severity.ERROR,
            None,
            _label(item),
            None,
            None,
            year,
            f"{_label(item)}: {en}",
            f"{_label(item)}：{zh}",
        )


def _timeliness_findings(
    items: Iterable[ProactiveItem],
    year: int | None,
    as_of: dt.date | None,
    calendar: WorkdayCalendar | None,
) -> Iterator[Finding]:
    for late in late_publications(items, as_of=as_of, calendar=calendar):
        obligation = late.obligation
        due = obligation.due
        if year is not None and due.due_on.year != year:
            continue
        change = obligation.change
        what_en = "" if change is None else f" ({change.kind.label_en} {change.on.isoformat()})"
        what_zh = "" if change is None else f"（{change.on.isoformat()}{change.kind.label}）"
        item = late.item
        days, workdays = late.days_late, late.working_days_late
        if late.status is Timeliness.LATE:
            rule = "PUB-LATE"
            published = obligation.published_on
            assert published is not None
            en = (
                f"published {published.isoformat()}, {days} days ({workdays} working days)"
                f" after the deadline {due.due_on.isoformat()} ({due.rule.article})"
            )
            zh = (
                f"{published.isoformat()}公开，超过{due.rule.article}规定的期限"
                f"（{due.due_on.isoformat()}）{days}天（{workdays}个工作日）"
            )
        else:
            rule = "PUB-OVERDUE"
            en = (
                f"not published by {as_of}, {days} days ({workdays} working days)"
                f" after the deadline {due.due_on.isoformat()} ({due.rule.article})"
            )
            zh = (
                f"截至{as_of}尚未公开，已超过{due.rule.article}规定的期限"
                f"（{due.due_on.isoformat()}）{days}天（{workdays}个工作日）"
            )
        yield _finding(
            rule,
            Severity.WARNING,
            None,
            _label(item),
            0,
            days,
            year,
            f"{_label(item)}{what_en}: {en}",
            f"{_label(item)}{what_zh}：{zh}",
        )


def _decision_findings(register: ProactiveRegister, year: int | None) -> Iterator[Finding]:
    recorded: dict[tuple[DecisionKind, int], int] = {}
    kinds: set[DecisionKind] = set()
    for record in register.decisions:
        kinds.add(record.kind)
        key = (record.kind, record.decided_on.year)
        recorded[key] = recorded.get(key, 0) + 1
    for supplied in register.decision_counts:
        if supplied.kind not in kinds or (year is not None and supplied.year != year):
            continue
        count = recorded.get((supplied.kind, supplied.year), 0)
        if count == supplied.count:
            continue
        label = supplied.kind.label
        yield _finding(
            "PUB-DECISIONS",
            Severity.WARNING,
            None,
            label,
            count,
            supplied.count,
            supplied.year,
            f"{supplied.kind.label_en} {supplied.year}: the supplied count is {supplied.count},"
            f" the decision records give {count}",
            f"{supplied.year}年{label}：提供的处理决定数量为{supplied.count}，"
            f"处理决定记录为{count}件",
        )


def check_register(
    register: ProactiveRegister | Iterable[ProactiveItem],
    *,
    year: int | None = None,
    as_of: dt.date | None = None,
    required_reviews: Iterable[ReviewKind] = (),
    calendar: WorkdayCalendar | None = None,
) -> tuple[Finding, ...]:
    """The register's own problems, as findings: reviews, timeliness, decision counts.

    With ``year``, only what belongs to that year: items published in it (review findings),
    obligations falling due in it (timeliness) and its decision counts. ``as_of`` is the day
    timeliness is judged on (without it, only publications that came late are known).
    ``required_reviews`` names kinds of review every published item must have had.

    >>> from govdisclosure.model.proactive import DisclosureCategory
    >>> item = ProactiveItem(id="7", title="通知", category=DisclosureCategory.OTHER,
    ...                      formed_on=dt.date(2024, 9, 27), published_on=dt.date(2024, 11, 1))
    >>> for finding in check_register([item]):
    ...     print(finding.rule, finding.message_zh)
    PUB-NO-REVIEW 7 通知：2024-11-01公开，未记录发布前审查（未经审查即公开）
    PUB-LATE 7 通知：2024-11-01公开，超过第二十六条规定的期限（2024-10-30）2天（2个工作日）
    """
    if not isinstance(register, ProactiveRegister):
        register = ProactiveRegister(items=tuple(register))
    items = register.items
    return (
        *_review_findings(items, year, tuple(required_reviews)),
        *_timeliness_findings(items, year, as_of, calendar),
        *_decision_findings(register, year),
    )


def check_against_register(
    report: AnnualReport,
    register: ProactiveRegister | Iterable[ProactiveItem],
    *,
    as_of: dt.date | None = None,
    required_reviews: Iterable[ReviewKind] = (),
    calendar: WorkdayCalendar | None = None,
    include_unverifiable: bool = False,
) -> tuple[Finding, ...]:
    """Compare a report's table 2 with the register's tabulation, and check the register.

    Every cell of table 2 the register's tabulation
    (:func:`~govdisclosure.stats.tabulate_proactive`, in the report's format) differs from is a
    T2-REGISTER finding, its ``expected`` (the register) and ``actual`` (the report) in the cell's
    own unit (the 2021 fee amount a :class:`~decimal.Decimal` in 万元); a cell blank on either
    side is "not verifiable" and listed only with ``include_unverifiable=True``. Then the
    register's own findings for the report's year (:func:`check_register`), judged as of
    ``as_of`` (default: 31 December of the report's year). A report without table 2 (2008 era)
    is compared with nothing.

    >>> from govdisclosure.examples import load
    >>> report = load("huaian-city-2024")
    >>> findings = check_against_register(report, [])
    >>> [(f.row_label, f.column_label, f.expected, f.actual) for f in findings][:2]
    [('规章', '本年制发件数', 0, 1), ('规章', '现行有效件数', 0, 11)]
    """
    if not isinstance(register, ProactiveRegister):
        register = ProactiveRegister(items=tuple(register))
    year = report.year
    out: list[Finding] = []
    if isinstance(report, AnnualReport2019 | AnnualReport2021):
        derived = tabulate_proactive(
            register, year=year, format_version=report.format_version
        ).table
        printed = report.proactive
        if printed is None:
            blank = (
                ProactiveTable2019 if isinstance(report, AnnualReport2019) else ProactiveTable2021
            )
            printed = blank()
        out.extend(_compare(printed, derived, year, include_unverifiable))
    out.extend(
        check_register(
            register,
            year=year,
            as_of=as_of if as_of is not None else dt.date(year, 12, 31),
            required_reviews=required_reviews,
            calendar=calendar,
        )
    )
    return tuple(out)
