"""The built-in rules: the arithmetic identities of tables 2–4 (spec §8), read from the form.

The table rules apply to every format whose form has the table (``versions=None``): they find
the rows and the total column in the report's :class:`~govdisclosure.model.form.FormTable`, so a
new format version is checked without new rules. Every observation names the printed cell it is
read against. For speed, the rules yield only the comparisons that do not plainly hold (a
difference or a blank operand); the engine decides as for any rule.
"""

from __future__ import annotations

from functools import cache, partial
from typing import TYPE_CHECKING, Any, NamedTuple

from govdisclosure.checks._core import (
    Observation,
    Severity,
    _register_each,
    _shortcut,
    register_rule,
)
from govdisclosure.checks._memo import memo
from govdisclosure.model.form import CellKind, CellRef, Form, FormTable, form_of
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReportPart
from govdisclosure.model.report import AnnualReport2019, AnnualReport2021

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from govdisclosure.model.report import AnnualReport

__all__: list[str] = []


class _Shape(NamedTuple):
    """Where the identities of one table of the form read their cells (positions in read())."""

    spans: tuple[tuple[int, int], ...]
    """Each row's (start, end) in the flat cells."""
    rows: dict[str, int]
    """Row code -> row index."""
    leaves: tuple[int, ...]
    """Rows that are outcomes (三、本年度办理结果 without （七）总计)."""
    runs: tuple[tuple[int, int, int], ...]
    """The totals whose summed cells are one run before them: (start, end, total position)."""
    scattered: tuple[tuple[int, tuple[int, ...]], ...]
    """The other totals (their position and the positions they sum)."""


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
    return _Shape(
        tuple(spans),
        rows,
        tuple(leaves),
        tuple(runs),
        tuple(scattered),
    )


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


class _Columns(NamedTuple):
    """Where a column-wise identity of table 3 reads: in each column, the cells of the rows
    ``added`` add up to those of the rows ``against`` (starts of rows in the flat cells)."""

    added: tuple[int, ...]
    against: tuple[int, ...]
    width: int
    """The width of the first ``against`` row, whose cells the observations name."""


_OUTCOME_ROWS = ()  # in place of row codes: the outcome rows (三 without （七）总计)


@cache
def _columns(table: FormTable, added: tuple[str, ...], against: tuple[str, ...]) -> _Columns | None:
    """The plan of a column-wise identity in this form's table (None if it lacks a row)."""
    shape = _shape(table)
    found = [shape.rows.get(code) for code in added] if added else list(shape.leaves)
    found_against = [shape.rows.get(code) for code in against]
    if not found or None in found or None in found_against:
        return None
    left = [shape.spans[i] for i in found]  # type: ignore[index]
    right = [shape.spans[i] for i in found_against]  # type: ignore[index]
    return _Columns(
        tuple(start for start, _ in left),
        tuple(start for start, _ in right),
        right[0][1] - right[0][0],
    )


def _column_sums(
    added: tuple[str, ...], against: tuple[str, ...], report: AnnualReport
) -> Iterator[Observation]:
    """T3-BALANCE and T3-OUTCOMES: column by column, the rows ``added`` against ``against``."""
    read = _read(report, ReportPart.APPLICATIONS)
    if read is None:
        return
    table, values = read
    plan = _columns(table, added, against)
    if plan is None:
        return
    blanks = memo(report).blanks
    if _column_test(table, added, against)(values, blanks):
        return  # no column would give a finding (the common case): one generated test
    width = plan.width
    columns = zip(*[values[start : start + width] for start in plan.added], strict=True)
    wholes = zip(*[values[start : start + width] for start in plan.against], strict=True)
    cells = table.cells
    at = plan.against[0]
    for offset, (parts, whole) in enumerate(zip(columns, wholes, strict=True)):
        expected = None if None in parts else sum(parts)
        actual = None if None in whole else sum(whole)
        if expected is None or actual is None:
            if blanks:
                yield Observation(cells[at + offset], expected, actual)
        elif expected != actual:
            yield Observation(cells[at + offset], expected, actual)


def _row_totals(part: ReportPart, report: AnnualReport) -> Iterator[Observation]:
    """T3-ROW-SUM and T4-TOTAL: every row's total column against the counts it sums."""
    read = _read(report, part)
    if read is None:
        return
    table, values = read
    blanks = memo(report).blanks
    if _row_test(table)(values, blanks):
        # No row would give a finding (the common case): one generated test. (A scattered
        # total's blank operand, yielded below whatever ``blanks`` says, is one the engine
        # drops when ``blanks`` is off.)
        return
    shape = _shape(table)
    cells = table.cells
    # sum_cells inlined: this runs for every row of a report whose table does not add up.
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


# The identities of tables 3 and 4: one function each kind, the rules told apart by their
# parameters (id, part, messages, example, and what the function compares). The partials bind
# positional arguments, before the report: a keyword one costs a dict per call.
_TABLE_RULES: tuple[tuple[dict[str, Any], Callable[..., Iterator[Observation]]], ...] = (
    (
        {
            "id": "T3-BALANCE",
            "part": ReportPart.APPLICATIONS,
            "message": "column {column}: I + II = {expected}; (7) total + IV = {actual}",
            "message_zh": "“{column}”列：一 + 二 = {expected}；（七）总计 + 四 = {actual}",
            "example": {"column": "total", "column_zh": "总计", "expected": 3153, "actual": 3152},
        },
        partial(_column_sums, (_NEW, _CARRIED), (_TOTAL, _FORWARD)),
    ),
    (
        {
            "id": "T3-ROW-SUM",
            "part": ReportPart.APPLICATIONS,
            "message": (
                "row {row}: the six applicant columns add up to {expected}, total printed {actual}"
            ),
            "message_zh": "“{row}”行：六类申请人之和为{expected}，总计栏为{actual}",
            "example": {
                "row": ApplicationRow.NEW.label_en,
                "row_zh": ApplicationRow.NEW.label,
                "expected": 3119,
                "actual": 3120,
            },
        },
        partial(_row_totals, ReportPart.APPLICATIONS),
    ),
    (
        {
            "id": "T3-OUTCOMES",
            "part": ReportPart.APPLICATIONS,
            "message": (
                "column {column}: the outcome rows add up to {expected}, (7) total is {actual}"
            ),
            "message_zh": "“{column}”列：各办理结果之和为{expected}，（七）总计为{actual}",
            "example": {
                "column": "natural person",
                "column_zh": "自然人",
                "expected": 3049,
                "actual": 3050,
            },
        },
        partial(_column_sums, _OUTCOME_ROWS, (_TOTAL,)),
    ),
    (
        {
            "id": "T4-TOTAL",
            "part": ReportPart.REVIEWS,
            "message": (
                "{row}: upheld + corrected + other + pending = {expected}, total printed {actual}"
            ),
            "message_zh": (
                "{row}：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = {expected}，总计为{actual}"
            ),
            "example": {
                "row": "administrative reconsideration",
                "row_zh": "行政复议",
                "expected": 11,
                "actual": 0,
            },
        },
        partial(_row_totals, ReportPart.REVIEWS),
    ),
)
_register_each(_TABLE_RULES, versions=None, severity=Severity.ERROR)


def _sum_source(positions: Iterable[int]) -> str:
    """Python source adding up some flat cells; a blank one (None) makes it raise TypeError, so
    it has two operands at least (``+ 0``)."""
    terms = [f"v[{i}]" for i in positions]
    return " + ".join(terms) if len(terms) > 1 else " + ".join([*terms, "0", "0"][:2])


_Identities = list[tuple[tuple[int, ...], tuple[int, ...]]]


def _row_cells(table: FormTable) -> _Identities:
    """The identities T3-ROW-SUM and T4-TOTAL compare in a table (``_row_totals``): each
    total's summed cells against it, as flat cells added up on each side."""
    shape = _shape(table)
    out: _Identities = [(tuple(range(start, end)), (total,)) for start, end, total in shape.runs]
    return out + [(positions, (total,)) for total, positions in shape.scattered]


def _column_cells(
    table: FormTable, added: tuple[str, ...], against: tuple[str, ...]
) -> _Identities:
    """The identities T3-BALANCE or T3-OUTCOMES compares in a table (``_column_sums``): per
    column, the cells of the rows ``added`` against those of the rows ``against``."""
    plan = _columns(table, added, against)
    if plan is None:
        return []
    return [
        (
            tuple(start + column for start in plan.added),
            tuple(start + column for start in plan.against),
        )
        for column in range(plan.width)
    ]


def _identity_cells(table: FormTable) -> _Identities:
    """Every identity the rules of ``_TABLE_RULES`` compare in a table: the flat cells added
    up on each side (the same plans as the rules, ``_shape`` and ``_columns``)."""
    out: _Identities = []
    for _, func in _TABLE_RULES:
        assert isinstance(func, partial)
        if func.func is _row_totals:
            if func.args[0] is table.part:
                out += _row_cells(table)
        elif table.part is ReportPart.APPLICATIONS:
            out += _column_cells(table, *func.args)
    return out


def _generated(identities: _Identities, name: str) -> Callable[[tuple[Any, ...], bool], bool]:
    """One generated test of a table's flat cells, ``holds(v, blanks)``: True when none of the
    ``identities`` would give a finding. With ``blanks`` (blank operands are listed) every
    identity must hold with no blank operand; without, an identity with a blank operand is
    passed over, as the rules pass it over.

    Written out as expressions of constant indexes: far fewer Python steps than the rules'
    loops, for the common case (a table that adds up). The rules' loops run when it is False.
    """
    strict = []
    lenient = []
    for left, right in identities:
        condition = f"{_sum_source(left)} == {_sum_source(right)}"
        strict.append(condition)
        blank = " or ".join(f"v[{i}] is None" for i in (*left, *right))
        lenient.append(f"({blank} or {condition})")
    source = (
        "def holds(v, blanks):\n"
        "    try:\n"
        f"        return {' and '.join(strict) or 'True'}\n"
        "    except TypeError:\n"
        "        if blanks:\n"
        "            return False\n"
        f"    return {' and '.join(lenient) or 'True'}\n"
    )
    namespace: dict[str, Any] = {}
    exec(compile(source, name, "exec"), namespace)
    test: Callable[[tuple[Any, ...], bool], bool] = namespace["holds"]
    return test


@cache
def _identities(table: FormTable) -> Callable[[tuple[Any, ...], bool], bool]:
    """The generated test (``_generated``) of every identity the table rules compare in a
    table: :func:`check` runs it once for them all (``_tables_hold``)."""
    return _generated(
        _identity_cells(table), f"<identities of {table.version.code} {table.part.code}>"
    )


@cache
def _row_test(table: FormTable) -> Callable[[tuple[Any, ...], bool], bool]:
    """The generated test of the identities of T3-ROW-SUM or T4-TOTAL (``_row_totals``),
    which they run first, alone (the rules run alone, or with the others when some fails)."""
    name = f"<row totals of {table.version.code} {table.part.code}>"
    return _generated(_row_cells(table), name)


@cache
def _column_test(
    table: FormTable, added: tuple[str, ...], against: tuple[str, ...]
) -> Callable[[tuple[Any, ...], bool], bool]:
    """The generated test of the identities of T3-BALANCE or T3-OUTCOMES (``_column_sums``)."""
    return _generated(
        _column_cells(table, added, against), f"<column sums of {table.version.code}>"
    )


@cache
def _tests_of(form: Form) -> tuple[tuple[ReportPart, Callable[[tuple[Any, ...], bool], bool]], ...]:
    """The parts of tables 3 and 4 a form has, each with the generated test of its table (the
    first of the part, the one the memo reads): none for a 2008-era form. Keyed by the form
    object (a format registered again has a new one)."""
    out = []
    for part in (ReportPart.APPLICATIONS, ReportPart.REVIEWS):
        table = next((t for t in form.tables if t.part is part), None)
        if table is not None:
            out.append((part, _identities(table)))
    return tuple(out)


def _tables_hold(report: AnnualReport) -> bool:
    """Whether no identity of tables 3 and 4 would give a finding (``_identities``)."""
    held = memo(report)
    blanks = held.blanks
    for part, holds in _tests_of(form_of(report)):
        read = held.table(part)
        if read is not None and not holds(read[1], blanks):
            return False
    return True


_shortcut(_tables_hold, (func for _, func in _TABLE_RULES))


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
    proactive = report.proactive
    for name in ("regulations", "normative_documents"):
        counts = getattr(proactive, name)
        issued, in_force = counts.issued, counts.in_force
        if issued is None or in_force is None or in_force < issued:
            # The cell is looked up only for an observation (the rule holds for most reports).
            cell = form_of(report).table(ReportPart.PROACTIVE).cell(name, "in_force")
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


def _signed_sum(*cells: int | None, minus: int | None = 0) -> int | None:
    """The cells added up, less ``minus``; None if any is blank."""
    if minus is None or None in cells:
        return None
    return sum(cells) - minus  # type: ignore[arg-type]


def _proactive_series(
    kind: type[AnnualReport2019 | AnnualReport2021],
    names: tuple[str, ...],
    column: str,
    expected: Callable[[Any, Any], int | None],
    previous: AnnualReport,
    current: AnnualReport,
) -> Iterator[Observation]:
    """T2-SERIES and T2-SERIES-ITEMS: each row of table 2 this year against last year's."""
    if not isinstance(previous, kind) or not isinstance(current, kind):
        return
    if previous.proactive is None or current.proactive is None:
        return
    table = form_of(current).table(ReportPart.PROACTIVE)
    for name in names:
        before, now = getattr(previous.proactive, name), getattr(current.proactive, name)
        yield Observation(table.cell(name, column), expected(before, now), getattr(now, column))


_ITEMS_2019 = ("licensing", "other_services", "penalties", "compulsory_measures", "fees")

# Table 2 across years, per format: one function, told apart by the rows and cells it reads.
_register_each(
    (
        (
            {
                "id": "T2-SERIES",
                "versions": (FormatVersion.NATIONAL_2021,),
                "message": (
                    "{row}: {year} has {actual} in force, but last year's in force + issued"
                    " - repealed = {expected}"
                ),
                "message_zh": (
                    "{row}：{year}年现行有效{actual}件，但上年现行有效 + 本年制发 - 本年废止"
                    " = {expected}件"
                ),
                "example": {
                    "row": "administrative normative documents",
                    "row_zh": "行政规范性文件",
                    "year": 2024,
                    "actual": 9,
                    "expected": 8,
                },
            },
            partial(
                _proactive_series,
                AnnualReport2021,
                ("regulations", "normative_documents"),
                "in_force",
                lambda before, now: _signed_sum(before.in_force, now.issued, minus=now.repealed),
            ),
        ),
        (
            {
                "id": "T2-SERIES-ITEMS",
                "versions": (FormatVersion.TRIAL_2019,),
                "message": (
                    "{row}: {year} starts from {actual} items last year, but the year before had"
                    " items last year + change = {expected}"
                ),
                "message_zh": (
                    "{row}：{year}年上一年项目数量为{actual}，"
                    "但上一年度的上一年项目数量 + 本年增减 = {expected}"
                ),
                "example": {
                    "row": "administrative licensing",
                    "row_zh": "行政许可",
                    "year": 2020,
                    "actual": 12,
                    "expected": 14,
                },
            },
            partial(
                _proactive_series,
                AnnualReport2019,
                _ITEMS_2019,
                "previous_year",
                lambda before, now: _signed_sum(before.previous_year, before.change),
            ),
        ),
    ),
    severity=Severity.WARNING,
    part=ReportPart.PROACTIVE,
    series=True,
)
