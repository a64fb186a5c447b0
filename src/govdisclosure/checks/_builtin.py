"""The built-in rules: the arithmetic identities of tables 2–4 (spec §8), read from the form.

The table rules apply to every format whose form has the table (``versions=None``): they find
the rows and the total column in the report's :class:`~govdisclosure.model.form.FormTable`, so a
new format version is checked without new rules. Every observation names the printed cell it is
read against. For speed, the rules yield only the comparisons that do not plainly hold (a
difference or a blank operand); the engine decides as for any rule.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from govdisclosure.checks._core import Observation, Severity, register_rule
from govdisclosure.checks._memo import memo
from govdisclosure.model.form import CellKind, CellRef, FormTable, form_of
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReportPart
from govdisclosure.model.report import AnnualReport2019, AnnualReport2021

if TYPE_CHECKING:
    from collections.abc import Iterator

    from govdisclosure.model.report import AnnualReport

__all__: list[str] = []


class _Shape(NamedTuple):
    """Where the identities of one table of the form read their cells (positions in read())."""

    spans: tuple[tuple[int, int], ...]
    """Each row's (start, end) in the flat cells."""
    totals: tuple[tuple[int, tuple[int, ...]], ...]
    """Per row with a total column: the total's position and the positions it sums."""
    rows: dict[str, int]
    """Row code -> row index."""
    leaves: tuple[int, ...]
    """Rows that are outcomes (三、本年度办理结果 without （七）总计)."""
    runs: tuple[tuple[int, int, int], ...]
    """The totals whose summed cells are one run before them: (start, end, total position)."""
    scattered: tuple[tuple[int, tuple[int, ...]], ...]
    """The other totals (their positions, as in ``totals``)."""
    leaf_starts: tuple[int, ...]
    """Where each outcome row starts in the flat cells."""
    width: int
    """The width of every row when every row ends in a total of all the cells before it (so
    the identities can be verified column-wise at C speed), else 0."""


@cache
def _shape(table: FormTable) -> _Shape:
    spans = []
    totals = []
    leaves = []
    start = 0
    for index, row in enumerate(table.rows):
        end = start + len(row.columns)
        spans.append((start, end))
        total = next((i for i, c in enumerate(row.columns) if c.total), None)
        if total is not None:
            summed = tuple(
                start + i
                for i, c in enumerate(row.columns)
                if i != total and c.kind is CellKind.COUNT
            )
            totals.append((start + total, summed))
        if isinstance(row.member, ApplicationRow) and row.member.is_outcome:
            leaves.append(index)
        start = end
    rows = {row.code: i for i, row in enumerate(table.rows)}
    runs = []
    scattered = []
    for total, summed in totals:
        # A slice of the flat cells is much faster than picking the cells one by one.
        if summed and summed == tuple(range(summed[0], summed[-1] + 1)):
            runs.append((summed[0], summed[-1] + 1, total))
        else:
            scattered.append((total, summed))
    leaf_starts = tuple(spans[i][0] for i in leaves)
    widths = {end - begin for begin, end in spans}
    width = widths.pop() if len(widths) == 1 else 0
    regular = (
        width > 1
        and not scattered
        and len(runs) == len(spans)
        and all(run == (b, e - 1, e - 1) for run, (b, e) in zip(runs, spans, strict=True))
    )
    return _Shape(
        tuple(spans),
        tuple(totals),
        rows,
        tuple(leaves),
        tuple(runs),
        tuple(scattered),
        leaf_starts,
        width if regular else 0,
    )


def _all_rows_add_up(values: tuple[Any, ...], width: int) -> bool:
    """True if no cell is blank and every row's last cell is the sum of the others.

    Column-wise, with ``zip`` and ``map`` over strided slices: no Python loop per row. This is
    the common case (a report whose table holds), so the rule need not look row by row.
    """
    if None in values:
        return False
    columns = [values[i::width] for i in range(width - 1)]
    return list(map(sum, zip(*columns, strict=True))) == list(values[width - 1 :: width])


# Read once per report for all the rules of a check (the memo of the report being checked).
def _read(report: AnnualReport, part: ReportPart) -> tuple[FormTable, tuple[Any, ...]] | None:
    return memo(report).table(part)


_NEW, _CARRIED = ApplicationRow.NEW.code, ApplicationRow.CARRIED_OVER.code
_TOTAL, _FORWARD = ApplicationRow.TOTAL.code, ApplicationRow.CARRIED_FORWARD.code


def _row(table: FormTable, values: tuple[Any, ...], code: str) -> tuple[Any, ...] | None:
    index = _shape(table).rows.get(code)
    if index is None:
        return None
    start, end = _shape(table).spans[index]
    return values[start:end]


def _row_refs(table: FormTable, code: str) -> tuple[CellRef, ...]:
    start, end = _shape(table).spans[_shape(table).rows[code]]
    return table.cells[start:end]


@register_rule(
    "T3-BALANCE",
    versions=None,
    severity=Severity.ERROR,
    part=ReportPart.APPLICATIONS,
    message="column {column}: I + II = {expected}; (7) total + IV = {actual}",
    message_zh="“{column}”列：一 + 二 = {expected}；（七）总计 + 四 = {actual}",
    example={"column": "total", "column_zh": "总计", "expected": 3153, "actual": 3152},
)
def _balance(report: AnnualReport) -> Iterator[Observation]:
    read = _read(report, ReportPart.APPLICATIONS)
    if read is None:
        return
    table, values = read
    shape = _shape(table)
    rows = shape.rows
    found = [rows.get(code) for code in (_NEW, _CARRIED, _TOTAL, _FORWARD)]
    if None in found:
        return
    spans = shape.spans
    new, carried, total, forward = (spans[i][0] for i in found)  # type: ignore[index]
    cells = table.cells
    for offset in range(spans[found[2]][1] - total):  # type: ignore[index]
        a, b = values[new + offset], values[carried + offset]
        c, d = values[total + offset], values[forward + offset]
        expected = None if a is None or b is None else a + b
        actual = None if c is None or d is None else c + d
        if expected is None or actual is None or expected != actual:
            yield Observation(cells[total + offset], expected, actual)


def _row_totals(report: AnnualReport, part: ReportPart) -> Iterator[Observation]:
    read = _read(report, part)
    if read is None:
        return
    table, values = read
    shape = _shape(table)
    if shape.width and _all_rows_add_up(values, shape.width):
        return
    cells = table.cells
    blanks = memo(report).blanks
    # sum_cells inlined: this runs for every row of every report.
    for start, end, total in shape.runs:
        summed = values[start:end]
        expected = None if None in summed else sum(summed)
        actual = values[total]
        if expected is None or actual is None:
            if blanks:
                yield Observation(cells[total], expected, actual)
        elif expected != actual:
            yield Observation(cells[total], expected, actual)
    for total, positions in shape.scattered:
        picked = [values[i] for i in positions]
        expected = None if None in picked else sum(picked)
        actual = values[total]
        if expected is None or actual is None or expected != actual:
            yield Observation(cells[total], expected, actual)


@register_rule(
    "T3-ROW-SUM",
    versions=None,
    severity=Severity.ERROR,
    part=ReportPart.APPLICATIONS,
    message="row {row}: the six applicant columns add up to {expected}, total printed {actual}",
    message_zh="“{row}”行：六类申请人之和为{expected}，总计栏为{actual}",
    example={
        "row": ApplicationRow.NEW.label_en,
        "row_zh": ApplicationRow.NEW.label,
        "expected": 3119,
        "actual": 3120,
    },
)
def _row_sum(report: AnnualReport) -> Iterator[Observation]:
    return _row_totals(report, ReportPart.APPLICATIONS)


@register_rule(
    "T3-OUTCOMES",
    versions=None,
    severity=Severity.ERROR,
    part=ReportPart.APPLICATIONS,
    message="column {column}: the outcome rows add up to {expected}, (7) total is {actual}",
    message_zh="“{column}”列：各办理结果之和为{expected}，（七）总计为{actual}",
    example={"column": "natural person", "column_zh": "自然人", "expected": 3049, "actual": 3050},
)
def _outcomes(report: AnnualReport) -> Iterator[Observation]:
    read = _read(report, ReportPart.APPLICATIONS)
    if read is None:
        return
    table, values = read
    shape = _shape(table)
    index = shape.rows.get(_TOTAL)
    if index is None or not shape.leaves:
        return
    at, end = shape.spans[index]
    width = end - at
    # Column sums of the outcome rows, with zip over row slices (no Python loop per cell).
    leaves = [values[start : start + width] for start in shape.leaf_starts]
    cells = table.cells
    blanks = memo(report).blanks
    for offset, column in enumerate(zip(*leaves, strict=True)):
        expected = None if None in column else sum(column)
        actual = values[at + offset]
        if expected is None or actual is None:
            if blanks:
                yield Observation(cells[at + offset], expected, actual)
        elif expected != actual:
            yield Observation(cells[at + offset], expected, actual)


@register_rule(
    "T4-TOTAL",
    versions=None,
    severity=Severity.ERROR,
    part=ReportPart.REVIEWS,
    message="{row}: upheld + corrected + other + pending = {expected}, total printed {actual}",
    message_zh="{row}：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = {expected}，总计为{actual}",
    example={
        "row": "administrative reconsideration",
        "row_zh": "行政复议",
        "expected": 11,
        "actual": 0,
    },
)
def _review_total(report: AnnualReport) -> Iterator[Observation]:
    return _row_totals(report, ReportPart.REVIEWS)


@register_rule(
    "T2-SANITY",
    versions=(FormatVersion.NATIONAL_2021,),
    severity=Severity.WARNING,
    part=ReportPart.PROACTIVE,
    message="{row}: {actual} in force is below the {expected} issued this year",
    message_zh="{row}：现行有效件数{actual}少于本年制发件数{expected}",
    example={"row": "rules", "row_zh": "规章", "expected": 3, "actual": 2},
)
def _documents(report: AnnualReport) -> Iterator[Observation]:
    if not isinstance(report, AnnualReport2021) or report.proactive is None:
        return
    table = form_of(report).table(ReportPart.PROACTIVE)
    for name in ("regulations", "normative_documents"):
        counts = getattr(report.proactive, name)
        issued, in_force = counts.issued, counts.in_force
        if issued is None or in_force is None or in_force < issued:
            cell = table.cell(name, "in_force")
            yield Observation(cell, issued, in_force, at_least=True)


@register_rule(
    "SERIES-CARRY",
    versions=None,
    severity=Severity.WARNING,
    part=ReportPart.APPLICATIONS,
    message=(
        "column {column}: {year} carried over {actual}, but {expected} were carried forward"
        " the year before"
    ),
    message_zh="“{column}”列：{year}年上年结转{actual}件，但上一年度结转下年度{expected}件",
    series=True,
    example={"column": "total", "column_zh": "总计", "year": 2023, "actual": 3, "expected": 4},
)
def _carry(previous: AnnualReport, current: AnnualReport) -> Iterator[Observation]:
    before, now = _read(previous, ReportPart.APPLICATIONS), _read(current, ReportPart.APPLICATIONS)
    if before is None or now is None:
        return
    forward = _row(*before, _FORWARD)
    over = _row(*now, _CARRIED)
    if forward is None or over is None:
        return
    codes = [c.column for c in _row_refs(before[0], _FORWARD)]
    by_code = dict(zip(codes, forward, strict=True))
    for cell, actual in zip(_row_refs(now[0], _CARRIED), over, strict=True):
        yield Observation(cell, by_code.get(cell.column), actual)


@register_rule(
    "T2-SERIES",
    versions=(FormatVersion.NATIONAL_2021,),
    severity=Severity.WARNING,
    part=ReportPart.PROACTIVE,
    message=(
        "{row}: {year} has {actual} in force, but last year's in force + issued - repealed"
        " = {expected}"
    ),
    message_zh=(
        "{row}：{year}年现行有效{actual}件，但上年现行有效 + 本年制发 - 本年废止 = {expected}件"
    ),
    series=True,
    example={
        "row": "administrative normative documents",
        "row_zh": "行政规范性文件",
        "year": 2024,
        "actual": 9,
        "expected": 8,
    },
)
def _documents_series(previous: AnnualReport, current: AnnualReport) -> Iterator[Observation]:
    if not isinstance(previous, AnnualReport2021) or not isinstance(current, AnnualReport2021):
        return
    if previous.proactive is None or current.proactive is None:
        return
    table = form_of(current).table(ReportPart.PROACTIVE)
    for name in ("regulations", "normative_documents"):
        before, now = getattr(previous.proactive, name), getattr(current.proactive, name)
        parts = (before.in_force, now.issued, now.repealed)
        expected = None if None in parts else before.in_force + now.issued - now.repealed
        yield Observation(table.cell(name, "in_force"), expected, now.in_force)


_ITEMS_2019 = ("licensing", "other_services", "penalties", "compulsory_measures", "fees")


@register_rule(
    "T2-SERIES-ITEMS",
    versions=(FormatVersion.TRIAL_2019,),
    severity=Severity.WARNING,
    part=ReportPart.PROACTIVE,
    message=(
        "{row}: {year} starts from {actual} items last year, but the year before had"
        " items last year + change = {expected}"
    ),
    message_zh=(
        "{row}：{year}年上一年项目数量为{actual}，"
        "但上一年度的上一年项目数量 + 本年增减 = {expected}"
    ),
    series=True,
    example={
        "row": "administrative licensing",
        "row_zh": "行政许可",
        "year": 2020,
        "actual": 12,
        "expected": 14,
    },
)
def _items_series(previous: AnnualReport, current: AnnualReport) -> Iterator[Observation]:
    if not isinstance(previous, AnnualReport2019) or not isinstance(current, AnnualReport2019):
        return
    if previous.proactive is None or current.proactive is None:
        return
    table = form_of(current).table(ReportPart.PROACTIVE)
    for name in _ITEMS_2019:
        before, now = getattr(previous.proactive, name), getattr(current.proactive, name)
        start, change = before.previous_year, before.change
        expected = None if start is None or change is None else start + change
        yield Observation(table.cell(name, "previous_year"), expected, now.previous_year)
