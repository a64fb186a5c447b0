"""Tidy export: one record per table cell of every report, and the way back.

:func:`to_rows` turns reports into :class:`TidyRow` records, one per cell of every statistical
table a report has: table 2 (主动公开政府信息情况), table 3
(收到和处理政府信息公开申请情况) and table 4 (政府信息公开行政复议、行政诉讼情况) of the 2019 and
2021 national formats, and the rows of a 2008-era report's local statistics table
(:class:`~govdisclosure.model.report.LegacyIndicator`).
:func:`from_rows` rebuilds the tables from such records.

Codes
    ``table`` is a :class:`~govdisclosure.model.layout.ReportPart` code. Every code and label
    comes from the report's form (:mod:`govdisclosure.model.form`). Table 3's rows and columns
    are the codes of
    :class:`~govdisclosure.model.layout.ApplicationRow` and
    :class:`~govdisclosure.model.applicant.ApplicantKind` (plus ``total`` for the printed 总计);
    table 4's are :class:`~govdisclosure.model.layout.ReviewGroup` and
    :class:`~govdisclosure.model.layout.ReviewColumn`; table 2 has no enum, so its codes are
    the field names of :class:`~govdisclosure.model.tables.ProactiveTable2021` /
    :class:`~govdisclosure.model.tables.ProactiveTable2019` (the keys JSON carries), and the
    2021 format's one-column rows use the column ``decisions`` (本年处理决定数量) or ``amount``
    (本年收费金额（单位：万元）). A 2008-era statistics row is coded by its position (``"1"``,
    ``"2"``…), its label is the indicator as printed, its columns are ``this_year`` (本年度) and
    ``cumulative`` (历年累计).

Values
    ``kind`` (a :class:`CellKind` code) says what ``value`` holds: ``count`` an ``int`` (table
    cells, including 2019's signed 本年增/减), ``money`` a :class:`~decimal.Decimal` amount in
    ``unit`` (元 or 万元), ``number`` a non-whole :class:`~decimal.Decimal` figure of a 2008-era
    table. A blank cell has ``value=None`` and ``blank=True``; a printed 0 is ``0``. A blank
    2008-era cell is of kind ``count``; a blank money cell keeps kind ``money``.

What is not exported
    Only cells: the narrative, figures, channels, ``processing_fee`` and a 2008-era table's
    title are not table cells. A table the report does not have (``None``) gives no rows, which
    is how it stays different from a table whose every cell is blank. Reports hold no personal
    data (applicants appear only in request logs), so tidy rows never carry any.

The record is a :class:`~typing.NamedTuple`: the fastest immutable record to build in CPython
(a plain tuple underneath), typed, and accepted as is by :mod:`csv`, pandas and pyarrow.

>>> from govdisclosure import examples
>>> rows = to_rows([examples.load("shanghai-gov-office-2019")])
>>> cell = next(r for r in rows if r.row == "new" and r.column == "natural-person")
>>> cell.table, cell.row_label, cell.column_label, cell.value, cell.blank
('applications', '一、本年新收政府信息公开申请数量', '自然人', 821, False)
>>> blank = next(r for r in rows if r.row == "new" and r.column == "research-institution")
>>> blank.value, blank.blank
(None, True)
>>> [report] = from_rows(rows)
>>> report.applications == examples.load("shanghai-gov-office-2019").applications
True
"""

from __future__ import annotations

from array import array
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from govdisclosure.errors import ErrorDetail, ValidationError
from govdisclosure.model.agency import Agency, AgencyLevel, RegionCode
from govdisclosure.model.base import InvalidValue
from govdisclosure.model.form import CellKind, FormTable, form_of
from govdisclosure.model.layout import FormatVersion, ReportPart
from govdisclosure.model.quantity import Money, MoneyUnit
from govdisclosure.model.report import AnnualReport, LegacyIndicator

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["FIELDS", "CellKind", "TidyRow", "from_rows", "report_key", "tidy_to_csv", "to_rows"]


class TidyRow(NamedTuple):
    """One cell of one table of one report.

    >>> TidyRow._fields[:6]
    ('agency', 'level', 'region', 'year', 'format_version', 'table')
    """

    agency: str
    """The agency's name."""
    level: str | None
    """Its :class:`~govdisclosure.model.agency.AgencyLevel` code, if known."""
    region: str | None
    """Its GB/T 2260 region code, if known."""
    year: int
    """The report year."""
    format_version: str
    """The :class:`~govdisclosure.model.layout.FormatVersion` code."""
    table: str
    """The :class:`~govdisclosure.model.layout.ReportPart` code."""
    row: str
    """The row code (see the module documentation)."""
    row_label: str
    """The row's Chinese label (the indicator as printed, for 2008-era tables)."""
    column: str
    """The column code."""
    column_label: str
    """The column's Chinese label."""
    kind: str
    """The :class:`CellKind` code: what ``value`` holds."""
    unit: str | None
    """The unit as printed (元, 万元, 条…); ``None`` for the counts of the national tables."""
    value: int | Decimal | None
    """The cell: ``int`` for counts, :class:`~decimal.Decimal` otherwise, ``None`` if blank."""
    blank: bool
    """True when the source left the cell blank (``value is None``)."""


FIELDS: tuple[str, ...] = TidyRow._fields
"""The names of a tidy record's fields, in order (the columns of every tidy format)."""

_COUNT = CellKind.COUNT.code
_MONEY = CellKind.MONEY.code
_NUMBER = CellKind.NUMBER.code
_WAN_YUAN = MoneyUnit.WAN_YUAN.label

ReportKey = tuple[str, str | None, str | None, int, str]


def report_key(report: AnnualReport) -> ReportKey:
    """What identifies a report in tidy records: agency, level, region, year, format version.

    >>> from govdisclosure import examples
    >>> report_key(examples.load("huaian-city-2024"))
    ('淮安市人民政府', 'prefecture', '320800', 2024, '2021')
    """
    agency = report.agency
    return (
        agency.name,
        agency.level.code if agency.level is not None else None,
        agency.region.code if agency.region is not None else None,
        report.year,
        report.format_version.code,
    )


# --- layouts ------------------------------------------------------------------------------------


class _Cell(NamedTuple):
    row: str
    row_label: str
    column: str
    column_label: str
    kind: str
    unit: str | None
    signed: bool


class _Layout:
    """A table of the form, with what a record repeats for each of its cells precomputed."""

    def __init__(self, table: FormTable) -> None:
        self.table = table.part
        self.attribute = table.attribute
        self.read = table.read
        self.build = table.build
        specs = [(row, column) for row in table.rows for column in row.columns]
        self.cells = tuple(
            _Cell(r.code, r.label, c.code, c.label, c.kind.code, c.unit, c.signed) for r, c in specs
        )
        self.positions = {(c.row, c.column): i for i, c in enumerate(self.cells)}
        self.money = tuple(i for i, c in enumerate(self.cells) if c.kind == _MONEY)
        # What a record repeats for this cell: table, row, labels, column, kind, unit.
        self.statics = tuple(
            (self.table.code, c.row, c.row_label, c.column, c.column_label, c.kind, c.unit)
            for c in self.cells
        )


@cache
def _layouts(version: FormatVersion) -> tuple[_Layout, ...]:
    return tuple(_Layout(t) for t in form_of(version).tables if t.rows)


_STATISTICS = ReportPart.STATISTICS.code
_LEGACY_COLUMNS = tuple(
    (c.code, c.label)
    for c in form_of(FormatVersion.LEGACY_2008).table(ReportPart.STATISTICS).columns
    if c.code in ("this_year", "cumulative")
)


def _legacy_kind(value: object) -> str:
    return _NUMBER if isinstance(value, Decimal) else _COUNT


def _split_money(value: object, unit: str | None) -> tuple[object, str | None]:
    """A money cell's amount and unit (procurement carries its unit in a Money)."""
    if isinstance(value, Money):
        return value.amount, value.unit.label
    return value, unit


# --- to_rows ------------------------------------------------------------------------------------


_new_row = tuple.__new__


def _report_rows(report: AnnualReport) -> Iterator[TidyRow]:
    head = report_key(report)
    for layout in _layouts(report.format_version):
        table = getattr(report, layout.attribute)
        if table is None:
            continue
        statics = layout.statics
        values = list(layout.read(table))
        if layout.money:
            for position in layout.money:
                amount, unit = _split_money(values[position], layout.cells[position].unit)
                values[position] = amount
                statics = (
                    *statics[:position],
                    (*statics[position][:-1], unit),
                    *statics[position + 1 :],
                )
        for static, value in zip(statics, values, strict=True):
            yield _new_row(TidyRow, head + static + (value, value is None))
    for position, indicator in enumerate(getattr(report, "statistics", ()), start=1):
        for column, column_label in _LEGACY_COLUMNS:
            value = getattr(indicator, column)
            yield TidyRow(
                *head,
                _STATISTICS,
                str(position),
                indicator.indicator,
                column,
                column_label,
                _legacy_kind(value),
                indicator.unit,
                value,
                value is None,
            )


def to_rows(reports: Iterable[AnnualReport]) -> list[TidyRow]:
    """One :class:`TidyRow` per cell of every table of every report, in printed order.

    >>> from govdisclosure import examples
    >>> rows = to_rows([examples.load("huaian-city-2024")])
    >>> len(rows)  # table 2: 10 cells, table 3: 25 x 7, table 4: 3 x 5
    200
    >>> fee = next(r for r in rows if r.row == "fee_amount")
    >>> fee.kind, fee.value, fee.unit
    ('money', Decimal('96171.6'), '万元')
    """
    return [row for report in reports for row in _report_rows(report)]


def tidy_to_csv(reports: Iterable[AnnualReport], *, neutralise_formulas: bool = True) -> str:
    """The tidy rows of ``reports`` as CSV text, a header of :class:`TidyRow`'s field names.

    Written by :func:`govdisclosure.export.csvio.write_csv`, as request logs are: a text cell
    that a spreadsheet would run as a formula gets a leading apostrophe unless
    ``neutralise_formulas=False`` (numbers never do: ``-3`` stays a number), quoted line breaks
    are kept exactly, lines end with CRLF. A blank cell is empty.

    >>> from govdisclosure import examples
    >>> text = tidy_to_csv([examples.load("huaian-city-2024")])
    >>> text.splitlines()[0].split(",")[:4]
    ['agency', 'level', 'region', 'year']
    >>> len(text.splitlines())
    201
    """
    from govdisclosure.export.csvio import write_csv

    return write_csv([TidyRow._fields, *to_rows(reports)], neutralise_formulas=neutralise_formulas)


# --- from_rows ----------------------------------------------------------------------------------


def _problem(index: int, name: str, message: str, message_zh: str) -> ErrorDetail:
    return ErrorDetail(f"rows[{index}].{name}", message, message_zh)


def _check_value(index: int, row: TidyRow, signed: bool, errors: list[ErrorDetail]) -> None:
    value = row.value
    if row.blank is not (value is None):
        errors.append(
            _problem(
                index,
                "blank",
                f"blank is {row.blank!r} but value is {value!r}",
                f"空白标记为{row.blank!r}，但数值为{value!r}",
            )
        )
        return
    if value is None:
        return
    if row.kind == _COUNT:
        if type(value) is not int:
            errors.append(
                _problem(
                    index,
                    "value",
                    f"a count must be a whole number, got {value!r}",
                    f"数量应为整数，实际为{value!r}",
                )
            )
        elif value < 0 and not signed:
            errors.append(
                _problem(
                    index,
                    "value",
                    f"must not be negative, got {value}",
                    f"不能为负数，实际为{value}",
                )
            )
    elif not (isinstance(value, Decimal) and value.is_finite()):
        errors.append(
            _problem(
                index,
                "value",
                f"a {row.kind} cell must be a finite Decimal, got {value!r}",
                f"该单元格应为有限的Decimal小数，实际为{value!r}",
            )
        )
    elif value < 0 and row.kind == _MONEY:
        errors.append(
            _problem(
                index,
                "value",
                f"must not be negative, got {value}",
                f"不能为负数，实际为{value}",
            )
        )


def _check_kind_unit(index: int, row: TidyRow, cell: _Cell, errors: list[ErrorDetail]) -> bool:
    if row.kind != cell.kind:
        errors.append(
            _problem(
                index,
                "kind",
                f"expected kind {cell.kind!r} for {row.row}/{row.column}, got {row.kind!r}",
                f"{row.row}/{row.column}的类型应为{cell.kind!r}，实际为{row.kind!r}",
            )
        )
        return False
    if cell.kind == _MONEY and cell.unit is None:
        allowed: tuple[str | None, ...] = (
            (None,) if row.value is None else tuple(u.label for u in MoneyUnit)
        )
    else:
        allowed = (cell.unit,)
    if row.unit not in allowed:
        expected = " or ".join(repr(u) for u in allowed)
        errors.append(
            _problem(
                index,
                "unit",
                f"expected unit {expected}, got {row.unit!r}",
                f"单位应为{expected}，实际为{row.unit!r}",
            )
        )
    return True


def _missing(
    key: ReportKey, table: str, cells: Iterable[tuple[str, str]], errors: list[ErrorDetail]
) -> bool:
    absent = [f"{r}/{c}" for r, c in cells]
    if not absent:
        return False
    shown = ", ".join(absent[:5]) + (", …" if len(absent) > 5 else "")
    errors.append(
        ErrorDetail(
            f"report {key[0]} {key[3]}, table {table}",
            f"{len(absent)} cell(s) missing: {shown}",
            f"缺少{len(absent)}个单元格：{shown}",
        )
    )
    return True


def _rebuild_fixed(
    key: ReportKey,
    layout: _Layout,
    found: dict[tuple[str, str], tuple[int, TidyRow]],
    errors: list[ErrorDetail],
) -> Any:
    positions = layout.positions
    values: list[Any] = [None] * len(layout.cells)
    ok = True
    for (row_code, column), (index, row) in found.items():
        position = positions.get((row_code, column))
        if position is None:
            errors.append(
                _problem(
                    index,
                    "row",
                    f"table {layout.table.code} of format {key[4]} has no cell {row_code}/{column}",
                    f"{key[4]}年格式的{layout.table.label}没有单元格{row_code}/{column}",
                )
            )
            ok = False
            continue
        cell = layout.cells[position]
        before = len(errors)
        if _check_kind_unit(index, row, cell, errors):
            _check_value(index, row, cell.signed, errors)
        if len(errors) > before:
            ok = False
            continue
        value: Any = row.value
        if cell.kind == _MONEY and cell.unit is None and value is not None:
            value = Money(value, _MONEY_UNITS[str(row.unit)])
        values[position] = value
    if _missing(key, layout.table.code, (k for k in positions if k not in found), errors):
        return None
    return layout.build(values) if ok else None


_MONEY_UNITS = {u.label: u for u in MoneyUnit}


def _rebuild_statistics(
    key: ReportKey,
    found: dict[tuple[str, str], tuple[int, TidyRow]],
    errors: list[ErrorDetail],
) -> tuple[LegacyIndicator, ...] | None:
    by_row: dict[int, dict[str, tuple[int, TidyRow]]] = {}
    ok = True
    for (row_code, column), (index, row) in found.items():
        position = int(row_code) if row_code.isdigit() and row_code[0] != "0" else None
        if position is None or column not in dict(_LEGACY_COLUMNS):
            errors.append(
                _problem(
                    index,
                    "row" if position is None else "column",
                    f"a statistics cell is coded by a row position 1, 2, … and a column"
                    f" this_year or cumulative, got {row_code}/{column}",
                    f"统计表单元格应以行序号（1、2…）和列this_year或cumulative编码，"
                    f"实际为{row_code}/{column}",
                )
            )
            ok = False
            continue
        before = len(errors)
        if row.kind != _legacy_kind(row.value):
            expected = _legacy_kind(row.value)
            errors.append(
                _problem(
                    index,
                    "kind",
                    f"expected kind {expected!r} for {row.value!r}, got {row.kind!r}",
                    f"{row.value!r}的类型应为{expected!r}，实际为{row.kind!r}",
                )
            )
        else:
            _check_value(index, row, True, errors)
        ok = ok and len(errors) == before
        by_row.setdefault(position, {})[column] = (index, row)
    count = max(by_row, default=0)
    expected_cells = ((str(p), c) for p in range(1, count + 1) for c, _ in _LEGACY_COLUMNS)
    if _missing(key, _STATISTICS, (k for k in expected_cells if k not in found), errors):
        return None
    indicators = []
    for position in range(1, count + 1):
        cells = by_row[position]
        (_, first), (index, second) = cells["this_year"], cells["cumulative"]
        if (first.row_label, first.unit) != (second.row_label, second.unit):
            errors.append(
                _problem(
                    index,
                    "row_label" if first.row_label != second.row_label else "unit",
                    f"the two cells of statistics row {position} disagree on its label or unit",
                    f"统计表第{position}行两个单元格的指标名称或单位不一致",
                )
            )
            ok = False
            continue
        if not ok:
            continue
        try:
            indicators.append(
                LegacyIndicator(
                    indicator=first.row_label,
                    unit=first.unit,
                    this_year=first.value,
                    cumulative=second.value,
                )
            )
        except InvalidValue as exc:
            errors.append(_problem(index, "row_label", exc.message, exc.message_zh))
            ok = False
    return tuple(indicators) if ok else None


def _minimal(key: ReportKey, index: int, errors: list[ErrorDetail]) -> AnnualReport | None:
    name, level, region, year, version = key
    try:
        agency = Agency(
            name=name,
            level=AgencyLevel.from_code(level) if level is not None else None,
            region=RegionCode(region) if region is not None else None,
        )
        return form_of(version).report_class(agency=agency, year=year)
    except InvalidValue as exc:
        errors.append(_problem(index, exc.field_name, exc.message, exc.message_zh))
    except KeyError as exc:
        errors.append(
            _problem(index, "format_version", str(exc.args[0]), f"未知的报告格式：{version!r}")
        )
    except (ValueError, TypeError) as exc:
        errors.append(_problem(index, "agency", str(exc), f"报告标识无效：{exc}"))
    return None


def from_rows(
    rows: Iterable[TidyRow], reports: Iterable[AnnualReport] | None = None
) -> list[AnnualReport]:
    """Rebuild the tables of reports from tidy records (the inverse of :func:`to_rows`).

    Records are grouped by :func:`report_key`. Without ``reports``, one minimal report is built
    per key, in order of first appearance: an :class:`~govdisclosure.model.agency.Agency` with
    only name, level and region, the year, the class of the format version, and the tables.
    With ``reports``, the result is those reports in their order, each with its tables replaced
    by the ones the records give (a table no record mentions becomes ``None``, or ``()`` for
    2008-era statistics) and everything else kept.

    What round-trips exactly: every table cell, blank or not, the table's presence, and the
    order and labels of 2008-era statistics rows; so ``from_rows(to_rows(rs), rs) == rs`` for
    reports with distinct keys. Not carried by records (so taken from ``reports`` or left at
    their defaults): everything that is not a table cell, a region code's ``as_of`` date, and a
    2008-era table's title. Row and column labels of the national tables are ignored on the way
    back (codes are what count; labels may be corrected in later versions).

    Every problem is collected and raised as one
    :class:`~govdisclosure.errors.ValidationError` whose paths name the record
    (``rows[7].value``): unknown tables, rows or columns, a value of the wrong kind or sign, a
    ``blank`` flag that contradicts the value, a cell given twice or missing.

    >>> from govdisclosure import examples
    >>> huaian = examples.load("huaian-city-2024")
    >>> from_rows(to_rows([huaian]), [huaian]) == [huaian]
    True
    >>> rows = to_rows([huaian])
    >>> rows[20] = rows[20]._replace(value=-1, blank=False)
    >>> from_rows(rows)
    Traceback (most recent call last):
    ...
    govdisclosure.errors.ValidationError: 1 problem in the document / 文档中有1处错误:
      rows[20].value: must not be negative, got -1 / 不能为负数，实际为-1
    """
    errors: list[ErrorDetail] = []
    given: dict[ReportKey, AnnualReport] | None = None
    if reports is not None:
        given = {}
        for position, report in enumerate(reports):
            known = report_key(report)
            if known in given:
                errors.append(
                    ErrorDetail(
                        f"reports[{position}]",
                        f"two reports have the same key {known!r}",
                        f"两份报告的标识相同：{known!r}",
                    )
                )
            given[known] = report
    collected: dict[ReportKey, tuple[int, dict[str, dict[tuple[str, str], tuple[int, TidyRow]]]]]
    collected = {}
    for index, row in enumerate(rows):
        key: ReportKey = (row.agency, row.level, row.region, row.year, row.format_version)
        if given is not None and key not in given:
            errors.append(
                _problem(
                    index,
                    "agency",
                    f"no report given for {key!r}",
                    f"未提供与{key!r}对应的报告",
                )
            )
            continue
        first, tables = collected.setdefault(key, (index, {}))
        cells = tables.setdefault(row.table, {})
        cell_key = (row.row, row.column)
        if cell_key in cells:
            errors.append(
                _problem(
                    index,
                    "column",
                    f"cell {row.table}/{row.row}/{row.column} is given twice"
                    f" (first in rows[{cells[cell_key][0]}])",
                    f"单元格{row.table}/{row.row}/{row.column}重复出现",
                )
            )
            continue
        cells[cell_key] = (index, row)
    keys = list(given) if given is not None else list(collected)
    built = []
    for key in keys:
        first, tables = collected.get(key, (0, {}))
        result = _rebuild(key, first, tables, given, errors)
        if result is not None:
            built.append(result)
    if errors:
        raise ValidationError(errors)
    return built


def _rebuild(
    key: ReportKey,
    first: int,
    tables: dict[str, dict[tuple[str, str], tuple[int, TidyRow]]],
    given: dict[ReportKey, AnnualReport] | None,
    errors: list[ErrorDetail],
) -> AnnualReport | None:
    base = given[key] if given is not None else _minimal(key, first, errors)
    if base is None:
        return None
    version = base.format_version
    changes: dict[str, Any] = {}
    allowed = {layout.table.code: layout for layout in _layouts(version)}
    for layout in _layouts(version):
        changes[layout.attribute] = None
    if version is FormatVersion.LEGACY_2008:
        changes["statistics"] = ()
    for table, found in tables.items():
        fixed = allowed.get(table)
        if fixed is not None:
            changes[fixed.attribute] = _rebuild_fixed(key, fixed, found, errors)
        elif table == _STATISTICS and version is FormatVersion.LEGACY_2008:
            # () when the rows had problems (reported): the model refuses None for a tuple.
            changes["statistics"] = _rebuild_statistics(key, found, errors) or ()
        else:
            index = min(i for i, _ in found.values())
            valid = ", ".join(allowed) if allowed else _STATISTICS
            errors.append(
                _problem(
                    index,
                    "table",
                    f"format {version.code} has no table {table!r}; expected one of: {valid}",
                    f"{version.code}年格式没有表{table!r}，应为：{valid}",
                )
            )
    try:
        return attrs.evolve(base, **changes)
    except (InvalidValue, TypeError) as exc:  # pragma: no cover - every cell was checked
        errors.append(ErrorDetail(f"report {key[0]} {key[3]}", str(exc), str(exc)))
        return None


# --- columnar building (shared by the DataFrame and Arrow exports) ------------------------------


class _Dictionary:
    """A dictionary-encoded string column: int32 codes (-1 for null) and categories."""

    __slots__ = ("codes", "index")

    def __init__(self) -> None:
        self.codes = array("i")
        self.index: dict[str, int] = {}

    def code(self, value: str | None) -> int:
        if value is None:
            return -1
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.index)
        return found

    @property
    def categories(self) -> list[str]:
        return list(self.index)


DICTIONARY_COLUMNS = (
    "agency",
    "level",
    "region",
    "format_version",
    "table",
    "row",
    "row_label",
    "column",
    "column_label",
    "kind",
    "unit",
)
_LAYOUT_COLUMNS = DICTIONARY_COLUMNS[4:]


class Columns:
    """Tidy records as columns: dictionary codes, years, counts and sparse exact amounts.

    Internal to the export package: :mod:`govdisclosure.export.frame` turns it into a pandas
    DataFrame or an Arrow table without building one Python object per cell.
    """

    def __init__(self) -> None:
        self.dictionaries = {name: _Dictionary() for name in DICTIONARY_COLUMNS}
        self.year = array("h")
        self.value: list[int | None] = []
        self.amount_positions: list[int] = []
        self.amounts: list[Decimal] = []
        self.length = 0
        self._layout_codes: dict[int, dict[str, array[int]]] = {}

    def _codes_of(self, layout: _Layout) -> dict[str, array[int]]:
        codes = self._layout_codes.get(id(layout))
        if codes is None:
            table = layout.table.code
            codes = {}
            for name in _LAYOUT_COLUMNS:
                dictionary = self.dictionaries[name]
                if name == "table":
                    codes[name] = array("i", [dictionary.code(table)] * len(layout.cells))
                else:
                    codes[name] = array(
                        "i", [dictionary.code(getattr(c, name)) for c in layout.cells]
                    )
            self._layout_codes[id(layout)] = codes
        return codes

    def add(self, report: AnnualReport) -> None:
        start = self.length
        dictionaries = self.dictionaries
        value = self.value
        for layout in _layouts(report.format_version):
            table = getattr(report, layout.attribute)
            if table is None:
                continue
            codes = self._codes_of(layout)
            for name, column in codes.items():
                dictionaries[name].codes.extend(column)
            cells = list(layout.read(table))
            if layout.money:
                unit_codes = dictionaries["unit"].codes
                base = len(value)
                for position in layout.money:
                    amount, unit = _split_money(cells[position], layout.cells[position].unit)
                    cells[position] = None
                    if amount is not None:
                        self.amount_positions.append(base + position)
                        self.amounts.append(amount)  # type: ignore[arg-type]
                    unit_codes[base + position] = dictionaries["unit"].code(unit)
            value.extend(cells)
        for position, indicator in enumerate(getattr(report, "statistics", ()), start=1):
            row_code = dictionaries["row"].code(str(position))
            label_code = dictionaries["row_label"].code(indicator.indicator)
            unit_code = dictionaries["unit"].code(indicator.unit)
            for column_code, column_label in _LEGACY_COLUMNS:
                cell = getattr(indicator, column_code)
                dictionaries["table"].codes.append(dictionaries["table"].code(_STATISTICS))
                dictionaries["row"].codes.append(row_code)
                dictionaries["row_label"].codes.append(label_code)
                dictionaries["column"].codes.append(dictionaries["column"].code(column_code))
                dictionaries["column_label"].codes.append(
                    dictionaries["column_label"].code(column_label)
                )
                dictionaries["kind"].codes.append(dictionaries["kind"].code(_legacy_kind(cell)))
                dictionaries["unit"].codes.append(unit_code)
                if isinstance(cell, Decimal):
                    self.amount_positions.append(len(value))
                    self.amounts.append(cell)
                    value.append(None)
                else:
                    value.append(cell)
        count = len(value) - start
        self.length = len(value)
        if not count:
            return
        key = report_key(report)
        for name, item in zip(("agency", "level", "region"), key[:3], strict=True):
            dictionaries[name].codes.extend(array("i", [dictionaries[name].code(item)]) * count)
        version = dictionaries["format_version"]
        version.codes.extend(array("i", [version.code(key[4])]) * count)
        self.year.extend(array("h", [key[3]]) * count)


def columns(reports: Iterable[AnnualReport]) -> Columns:
    """The tidy records of ``reports`` as :class:`Columns` (same cells, same order as to_rows).

    >>> from govdisclosure import examples
    >>> built = columns([examples.load("huaian-city-2024")])
    >>> built.length, built.amounts
    (200, [Decimal('96171.6')])
    """
    built = Columns()
    for report in reports:
        built.add(report)
    return built
