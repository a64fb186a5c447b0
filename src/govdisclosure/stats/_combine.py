"""Comparing two reports cell by cell, and rolling several agencies' reports up into one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.model.form import CellRef, form_of
from govdisclosure.model.layout import ReportPart
from govdisclosure.model.report import AnnualReport2019, AnnualReport2021
from govdisclosure.model.tables import sum_cells

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from govdisclosure.model.agency import Agency
    from govdisclosure.model.form import Form
    from govdisclosure.model.report import AnnualReport

__all__ = ["CellDelta", "compare", "rollup"]

_TABLED = (AnnualReport2019, AnnualReport2021)
# The tables compare and rollup combine (table 2's cells differ between the formats).
_PARTS = (ReportPart.APPLICATIONS, ReportPart.REVIEWS)


@attrs.frozen(kw_only=True)
class CellDelta:
    """How one cell changed between two reports.

    ``cell`` is the cell's address in the form (of the newer report, or of the older one for a
    cell the newer format lacks). ``delta`` is ``new - old``, or ``None`` when either cell is
    blank.

    >>> from govdisclosure.model.form import form_of
    >>> from govdisclosure.model.layout import FormatVersion
    >>> cell = form_of(FormatVersion.NATIONAL_2021).cell("applications", "new", "total")
    >>> CellDelta(cell=cell, old=3, new=5).delta
    2
    >>> CellDelta(cell=cell, old=None, new=5).delta is None
    True
    """

    cell: CellRef
    old: int | None
    new: int | None

    @property
    def column_label(self) -> str:
        """The column as printed.

        >>> from govdisclosure.model.form import form_of
        >>> from govdisclosure.model.layout import FormatVersion
        >>> cell = form_of(FormatVersion.NATIONAL_2021).cell("applications", "new", "total")
        >>> CellDelta(cell=cell, old=3, new=5).column_label
        '总计'
        """
        return self.cell.column_label

    @property
    def delta(self) -> int | None:
        """``new - old``, or ``None`` if either is blank."""
        if self.old is None or self.new is None:
            return None
        return self.new - self.old


def _cells(report: AnnualReport) -> dict[tuple[str, str, str], tuple[CellRef, int | None]]:
    """The cells of tables 3 and 4 keyed by (table, row, column) codes, in printed order."""
    if not isinstance(report, _TABLED):
        return {}
    form = form_of(report)
    out = {}
    for part in _PARTS:
        table = form.table(part)
        obj = getattr(report, table.attribute)
        if obj is None:
            continue
        for cell, value in zip(table.cells, table.read(obj), strict=True):
            out[(part.code, cell.row, cell.column)] = (cell, value)
    return out


def _deltas(
    old: dict[tuple[str, str, str], tuple[CellRef, int | None]],
    new: dict[tuple[str, str, str], tuple[CellRef, int | None]],
    unchanged: bool,
) -> Iterator[CellDelta]:
    for key in (*old, *(k for k in new if k not in old)):
        cell = (new.get(key) or old[key])[0]
        before = old[key][1] if key in old else None
        after = new[key][1] if key in new else None
        if unchanged or before != after:
            yield CellDelta(cell=cell, old=before, new=after)


def compare(
    old: AnnualReport, new: AnnualReport, *, include_unchanged: bool = False
) -> tuple[CellDelta, ...]:
    """The cells of tables 3 and 4 that differ between two reports, in printed order.

    A cell missing from one report (another format version's row, or a table left out) counts
    as blank there. ``include_unchanged=True`` lists every cell.

    >>> from govdisclosure.examples import load
    >>> shanghai, huaian = load("shanghai-gov-office-2019"), load("huaian-city-2024")
    >>> first = compare(shanghai, huaian)[0]
    >>> first.cell.path, first.old, first.new, first.delta
    ('$.applications.new.natural_person', 821, 3001, 2180)
    """
    return tuple(_deltas(_cells(old), _cells(new), include_unchanged))


def _summed(form: Form, part: ReportPart, reports: list[AnnualReport]) -> object | None:
    table = form.table(part)
    objects = [getattr(r, table.attribute) for r in reports]
    if all(obj is None for obj in objects):
        return None
    blank = (None,) * len(table.cells)
    columns = zip(*(blank if obj is None else table.read(obj) for obj in objects), strict=True)
    summed: object = table.build([sum_cells(values) for values in columns])
    return summed


def rollup(
    reports: Iterable[AnnualReport], agency: Agency, **fields: Any
) -> AnnualReport2019 | AnnualReport2021:
    """One report whose tables 3 and 4 are the cell-by-cell sums of several agencies' reports.

    All reports must be of the same year and national format version. A cell of the sum is
    blank unless the cell has a value in every report (a missing table counts as blank cells);
    a table missing from every report stays missing. Other report fields are keyword arguments.

    >>> from govdisclosure.examples import load
    >>> from govdisclosure.model.layout import ApplicationRow
    >>> huaian = load("huaian-city-2024")
    >>> both = rollup([huaian, huaian], huaian.agency)
    >>> both.applications.row(ApplicationRow.NEW).total, both.reviews.reconsideration.total
    (6238, 702)
    """
    items = list(reports)
    if not items:
        raise ValueError("nothing to roll up: no reports given")
    first = items[0]
    for report in items:
        if not isinstance(report, _TABLED):
            raise ValueError(f"a {type(report).__name__} has no national tables to roll up")
        if type(report) is not type(first) or report.year != first.year:
            raise ValueError(
                "reports to roll up must share one year and format version; got"
                f" {first.year}/{first.format_version.code}"
                f" and {report.year}/{report.format_version.code}"
            )
    form = form_of(first)
    tables: dict[str, Any] = {form.table(p).attribute: _summed(form, p, items) for p in _PARTS}
    built = form.report_class(agency=agency, year=first.year, **tables, **fields)
    assert isinstance(built, _TABLED)
    return built
