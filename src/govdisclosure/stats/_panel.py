"""A panel of reports: one record per agency x year x table cell, with year-over-year changes.

Cells are addressed by table, row and column code (:mod:`govdisclosure.model.form`), so a cell
keeps its address across format versions where both forms have it (table 4, most of table 3,
table 2's shared rows). Where the 2021 format split a row of the 2019 trial format, the 2021
report also gets the 2019 row, derived (the single （六）其他处理 row is the sum of the 2021
format's （六）1-3, blank if any of them is blank), so that 2020 -> 2021 has a successor for
every 2019 cell; such records have ``derived`` true.

>>> from govdisclosure import examples
>>> rows = panel([("huaian", examples.load("huaian-city-2024"))])
>>> new = next(r for r in rows if r.row_code == "new" and r.column_code == "total")
>>> new.table_code, new.value, new.previous, new.change
('applications', 3119, None, None)
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from govdisclosure.model.form import form_of
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReportPart
from govdisclosure.model.quantity import Money

if TYPE_CHECKING:
    from collections.abc import Iterable

    from govdisclosure.model.report import AnnualReport

__all__ = ["PanelRow", "panel"]

Number = int | Decimal  # a count, or an amount

_SPLIT_ROWS = {
    ApplicationRow.OTHER.code: (
        ApplicationRow.OTHER_OVERDUE_CORRECTION.code,
        ApplicationRow.OTHER_OVERDUE_FEE.code,
        ApplicationRow.OTHER_OTHER.code,
    )
}
_APPLICATIONS = ReportPart.APPLICATIONS.code


class PanelRow(NamedTuple):
    """One cell of one agency's report of one year, against the same cell a year before."""

    identity: str
    """The agency's identity (a directory entry's ``id``; reports sharing it are one agency)."""
    agency: str
    """The agency's name as the report prints it."""
    year: int
    """The report year."""
    format_version: str
    """The report's :class:`~govdisclosure.model.layout.FormatVersion` code."""
    table_code: str
    """The :class:`~govdisclosure.model.layout.ReportPart` code."""
    row_code: str
    """The row's code."""
    column_code: str
    """The column's code."""
    value: int | Decimal | None
    """The cell, ``None`` when blank: a count, or an amount in the column's printed unit (in 元
    for a cell that carries its own unit, 2019's procurement)."""
    previous: int | Decimal | None
    """The same cell in the agency's report of the year before, ``None`` if blank or absent."""
    change: int | Decimal | None
    """``value - previous``, ``None`` unless both are there."""
    pct_change: float | None
    """``change / previous`` in percent, ``None`` unless both are there and ``previous != 0``."""
    derived: bool
    """True for a 2019 row derived from the 2021 format's rows that replaced it."""


def _number(value: object) -> Number | None:
    if isinstance(value, Money):
        return value.in_yuan()
    if value is None or isinstance(value, int | Decimal):
        return value
    return None  # pragma: no cover - table cells are counts or money


def _cells(report: AnnualReport) -> dict[tuple[str, str, str], tuple[Number | None, bool]]:
    cells: dict[tuple[str, str, str], tuple[Number | None, bool]] = {}
    for table in form_of(report.format_version).tables:
        if not table.rows:
            continue
        value = getattr(report, table.attribute, None)
        if value is None:
            continue
        for cell, item in zip(table.cells, table.read(value), strict=True):
            cells[(cell.part.code, cell.row, cell.column)] = (_number(item), False)
    if report.format_version is FormatVersion.NATIONAL_2021:
        _derive_split_rows(cells)
    return cells


def _derive_split_rows(cells: dict[tuple[str, str, str], tuple[Number | None, bool]]) -> None:
    columns = [k[2] for k in cells if k[0] == _APPLICATIONS and k[1] == ApplicationRow.NEW.code]
    for old, parts in _SPLIT_ROWS.items():
        for column in columns:
            values = [cells[(_APPLICATIONS, part, column)][0] for part in parts]
            known = [v for v in values if v is not None]
            total = sum(known) if len(known) == len(values) else None
            cells[(_APPLICATIONS, old, column)] = (total, True)


def _change(value: Number | None, previous: Number | None) -> tuple[Number | None, float | None]:
    if value is None or previous is None:
        return None, None
    change = value - previous
    return change, (float(change) / float(previous) * 100 if previous else None)


def panel(reports: Iterable[tuple[str, AnnualReport]]) -> list[PanelRow]:
    """The panel of ``(identity, report)`` pairs, by identity, year and the form's cell order.

    ``previous`` is the cell of the same identity's report of the year before (not an earlier
    one: a missing year leaves it ``None``). Two reports of one identity and year: the first
    is kept. 2008-era reports have no fixed cells and give no records.

    >>> from govdisclosure import examples
    >>> import attrs
    >>> report = examples.load("huaian-city-2024")
    >>> older = attrs.evolve(report, year=2023)
    >>> rows = panel([("huaian", report), ("huaian", older)])
    >>> total = [r for r in rows if r.row_code == "new" and r.column_code == "total"]
    >>> [(r.year, r.value, r.previous, r.change, r.pct_change) for r in total]
    [(2023, 3119, None, None, None), (2024, 3119, 3119, 0, 0.0)]
    """
    by_identity: dict[str, dict[int, AnnualReport]] = {}
    for identity, report in reports:
        by_identity.setdefault(identity, {}).setdefault(report.year, report)
    out: list[PanelRow] = []
    for identity in sorted(by_identity):
        years = by_identity[identity]
        cached: dict[int, dict[tuple[str, str, str], tuple[Number | None, bool]]] = {}
        for year in sorted(years):
            report = years[year]
            cells = cached.setdefault(year, _cells(report))
            before = years.get(year - 1)
            previous_cells = cached.setdefault(year - 1, _cells(before)) if before else {}
            for (table, row, column), (value, derived) in cells.items():
                previous = previous_cells.get((table, row, column), (None, False))[0]
                change, pct = _change(value, previous)
                out.append(
                    PanelRow(
                        identity,
                        report.agency.name,
                        year,
                        report.format_version.code,
                        table,
                        row,
                        column,
                        value,
                        previous,
                        change,
                        pct,
                        derived,
                    )
                )
    return out
