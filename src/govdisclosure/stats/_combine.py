"""Comparing two reports cell by cell, and rolling several agencies' reports up into one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.model.applicant import ApplicantKind
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReviewColumn, ReviewGroup
from govdisclosure.model.report import AnnualReport2019, AnnualReport2021
from govdisclosure.model.tables import (
    ApplicantCounts,
    ApplicationTable,
    ReviewCounts,
    ReviewTable,
    sum_cells,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from govdisclosure.model.agency import Agency
    from govdisclosure.model.report import AnnualReport

__all__ = ["CellDelta", "compare", "rollup"]

_COLUMNS: tuple[ApplicantKind | None, ...] = (*ApplicantKind, None)
_FIELDS = (*(kind.code for kind in ApplicantKind), "total")

_TABLED = (AnnualReport2019, AnnualReport2021)


@attrs.frozen(kw_only=True)
class CellDelta:
    """How one cell changed between two reports.

    ``row`` is a table-3 row or a table-4 group; ``column`` an applicant kind (``None`` is the
    总计 column of table 3) or a review column. ``delta`` is ``new - old``, or ``None`` when
    either cell is blank.

    >>> from govdisclosure.model.layout import ApplicationRow
    >>> CellDelta(row=ApplicationRow.NEW, column=None, old=3, new=5).delta
    2
    >>> CellDelta(row=ApplicationRow.NEW, column=None, old=None, new=5).delta is None
    True
    """

    row: ApplicationRow | ReviewGroup
    column: ApplicantKind | ReviewColumn | None
    old: int | None
    new: int | None

    @property
    def column_label(self) -> str:
        """The column as printed (总计 for table 3's total column).

        >>> from govdisclosure.model.layout import ApplicationRow
        >>> CellDelta(row=ApplicationRow.NEW, column=None, old=3, new=5).column_label
        '总计'
        """
        return "总计" if self.column is None else self.column.label

    @property
    def delta(self) -> int | None:
        """``new - old``, or ``None`` if either is blank."""
        if self.old is None or self.new is None:
            return None
        return self.new - self.old


def _table3_cells(
    report: AnnualReport,
) -> dict[tuple[ApplicationRow, ApplicantKind | None], int | None]:
    if not isinstance(report, _TABLED) or report.applications is None:
        return {}
    return {
        (row.row, column): row.cell(column)
        for row in report.applications.rows
        for column in _COLUMNS
    }


def _table4_cells(report: AnnualReport) -> dict[tuple[ReviewGroup, ReviewColumn], int | None]:
    if not isinstance(report, _TABLED) or report.reviews is None:
        return {}
    return {
        (group, column): report.reviews.group(group).cell(column)
        for group in ReviewGroup
        for column in ReviewColumn
    }


def _deltas(
    old: dict[Any, int | None], new: dict[Any, int | None], unchanged: bool
) -> Iterator[CellDelta]:
    for key in (*old, *(k for k in new if k not in old)):
        before, after = old.get(key), new.get(key)
        if unchanged or before != after:
            yield CellDelta(row=key[0], column=key[1], old=before, new=after)


def compare(
    old: AnnualReport, new: AnnualReport, *, include_unchanged: bool = False
) -> tuple[CellDelta, ...]:
    """The cells of tables 3 and 4 that differ between two reports, in printed order.

    A cell missing from one report (another format version's row, or a table left out) counts
    as blank there. ``include_unchanged=True`` lists every cell.

    >>> from govdisclosure.examples import load
    >>> from govdisclosure.model.layout import ApplicationRow
    >>> shanghai, huaian = load("shanghai-gov-office-2019"), load("huaian-city-2024")
    >>> first = compare(shanghai, huaian)[0]
    >>> first.row is ApplicationRow.NEW, first.old, first.new, first.delta
    (True, 821, 3001, 2180)
    """
    return (
        *_deltas(_table3_cells(old), _table3_cells(new), include_unchanged),
        *_deltas(_table4_cells(old), _table4_cells(new), include_unchanged),
    )


def _sum_applications(
    version: FormatVersion, tables: Sequence[ApplicationTable | None]
) -> ApplicationTable | None:
    if all(table is None for table in tables):
        return None
    rows = []
    for i, row in enumerate(version.application_rows):
        values = {
            name: sum_cells(
                None if table is None else getattr(table.rows[i], name) for table in tables
            )
            for name in _FIELDS
        }
        rows.append(ApplicantCounts(row=row, **values))
    return ApplicationTable(tuple(rows))


def _sum_reviews(tables: Sequence[ReviewTable | None]) -> ReviewTable | None:
    if all(table is None for table in tables):
        return None
    groups = {}
    for group in ReviewGroup:
        values = {
            column.code: sum_cells(
                None if table is None else table.group(group).cell(column) for table in tables
            )
            for column in ReviewColumn
        }
        groups[group.code] = ReviewCounts(**values)
    return ReviewTable(**groups)


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
    tabled = [r for r in items if isinstance(r, _TABLED)]
    cls = type(tabled[0])
    return cls(
        agency=agency,
        year=first.year,
        applications=_sum_applications(cls.format_version, [r.applications for r in tabled]),
        reviews=_sum_reviews([r.reviews for r in tabled]),
        **fields,
    )
