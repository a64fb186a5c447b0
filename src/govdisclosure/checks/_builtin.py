"""The built-in rules: the arithmetic identities of tables 2–4 (spec §8).

For speed, these rules yield only the comparisons that do not plainly hold (a difference or a
blank operand); the engine decides as for any rule.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from govdisclosure.checks._core import Observation, Severity, Table, register_rule
from govdisclosure.model.applicant import ApplicantKind
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReviewColumn, ReviewGroup
from govdisclosure.model.report import AnnualReport2019, AnnualReport2021

if TYPE_CHECKING:
    from collections.abc import Iterator

    from govdisclosure.model.report import AnnualReport
    from govdisclosure.model.tables import ApplicationTable

__all__: list[str] = []

_TABLES = (FormatVersion.TRIAL_2019, FormatVersion.NATIONAL_2021)
_COLUMNS: tuple[ApplicantKind | None, ...] = (*ApplicantKind, None)
# The seven cells of a row (six applicants, then 总计) in one call: rules read every cell.
_CELLS = attrgetter(*(kind.code for kind in ApplicantKind), "total")
_SIX = attrgetter(*(kind.code for kind in ApplicantKind))
_LEAVES = frozenset(row for row in ApplicationRow if row.is_outcome)


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _applications(report: AnnualReport) -> ApplicationTable | None:
    if isinstance(report, AnnualReport2019 | AnnualReport2021):
        return report.applications
    return None


@register_rule(
    "T3-BALANCE",
    versions=_TABLES,
    severity=Severity.ERROR,
    table=Table.APPLICATIONS,
    message_en="column {column}: I + II = {expected}; (7) total + IV = {actual}",
    message_zh="“{column}”列：一 + 二 = {expected}；（七）总计 + 四 = {actual}",
)
def _balance(report: AnnualReport) -> Iterator[Observation]:
    table = _applications(report)
    if table is None:
        return
    # A report's table 3 has its rows in printed order: 一, 二, …, （七）总计, 四.
    new, carried, *_, total, forward = table.rows
    cells = zip(_COLUMNS, _CELLS(new), _CELLS(carried), _CELLS(total), _CELLS(forward), strict=True)
    for column, a, b, c, d in cells:
        expected, actual = _add(a, b), _add(c, d)
        if expected is None or actual is None or expected != actual:
            yield Observation(None, column, expected, actual)


@register_rule(
    "T3-ROW-SUM",
    versions=_TABLES,
    severity=Severity.ERROR,
    table=Table.APPLICATIONS,
    message_en="row {row}: the six applicant columns add up to {expected}, total printed {actual}",
    message_zh="“{row}”行：六类申请人之和为{expected}，总计栏为{actual}",
)
def _row_sum(report: AnnualReport) -> Iterator[Observation]:
    table = _applications(report)
    if table is None:
        return
    for row in table.rows:
        cells = _SIX(row)
        # sum_cells inlined: this runs for every row of every report.
        expected = None if None in cells else sum(cells)
        total = row.total
        if expected is None or total is None or expected != total:
            yield Observation(row.row, None, expected, total)


@register_rule(
    "T3-OUTCOMES",
    versions=_TABLES,
    severity=Severity.ERROR,
    table=Table.APPLICATIONS,
    message_en="column {column}: the outcome rows add up to {expected}, (7) total is {actual}",
    message_zh="“{column}”列：各办理结果之和为{expected}，（七）总计为{actual}",
)
def _outcomes(report: AnnualReport) -> Iterator[Observation]:
    table = _applications(report)
    if table is None:
        return
    leaves = [_CELLS(row) for row in table.rows if row.row in _LEAVES]
    printed = _CELLS(table.rows[-2])  # （七）总计: a report's rows are in printed order
    for column, cells, actual in zip(_COLUMNS, zip(*leaves, strict=True), printed, strict=True):
        expected = None if None in cells else sum(cells)
        if expected is None or actual is None or expected != actual:
            yield Observation(ApplicationRow.TOTAL, column, expected, actual)


@register_rule(
    "T4-TOTAL",
    versions=_TABLES,
    severity=Severity.ERROR,
    table=Table.REVIEWS,
    message_en="{row}: upheld + corrected + other + pending = {expected}, total printed {actual}",
    message_zh="{row}：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = {expected}，总计为{actual}",
)
def _review_total(report: AnnualReport) -> Iterator[Observation]:
    if not isinstance(report, AnnualReport2019 | AnnualReport2021) or report.reviews is None:
        return
    for group in ReviewGroup:
        counts = report.reviews.group(group)
        expected, total = counts.computed_total, counts.total
        if expected is None or total is None or expected != total:
            yield Observation(group, ReviewColumn.TOTAL, expected, total)


@register_rule(
    "T2-SANITY",
    versions=(FormatVersion.NATIONAL_2021,),
    severity=Severity.WARNING,
    table=Table.PROACTIVE,
    message_en="{row}: {actual} in force is below the {expected} issued this year",
    message_zh="{row}：现行有效件数{actual}少于本年制发件数{expected}",
)
def _documents(report: AnnualReport) -> Iterator[Observation]:
    if not isinstance(report, AnnualReport2021) or report.proactive is None:
        return
    for label, counts in (
        ("规章", report.proactive.regulations),
        ("行政规范性文件", report.proactive.normative_documents),
    ):
        issued, in_force = counts.issued, counts.in_force
        if issued is None or in_force is None or in_force < issued:
            yield Observation(label, "现行有效件数", issued, in_force, at_least=True)


@register_rule(
    "SERIES-CARRY",
    versions=_TABLES,
    severity=Severity.WARNING,
    table=Table.APPLICATIONS,
    message_en=(
        "column {column}: {year} carried over {actual}, but {expected} were carried forward"
        " the year before"
    ),
    message_zh="“{column}”列：{year}年上年结转{actual}件，但上一年度结转下年度{expected}件",
    series=True,
)
def _carry(previous: AnnualReport, current: AnnualReport) -> Iterator[Observation]:
    before, now = _applications(previous), _applications(current)
    if before is None or now is None:
        return
    forward = before.row(ApplicationRow.CARRIED_FORWARD)
    over = now.row(ApplicationRow.CARRIED_OVER)
    for column, expected, actual in zip(_COLUMNS, _CELLS(forward), _CELLS(over), strict=True):
        yield Observation(ApplicationRow.CARRIED_OVER, column, expected, actual)
