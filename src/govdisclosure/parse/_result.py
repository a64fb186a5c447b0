"""What a parse returns: the report and the diagnostics that say how sure the parse is."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.checks import Finding
from govdisclosure.model.base import LabelledEnum
from govdisclosure.model.layout import ReportPart
from govdisclosure.model.report import AnnualReport
from govdisclosure.parse._blocks import Origin

if TYPE_CHECKING:
    from govdisclosure.model.form import CellRef

__all__ = ["Diagnostic", "DiagnosticKind", "ParseResult", "TableStatus"]


class DiagnosticKind(LabelledEnum):
    """What a diagnostic is about.

    ``CELL_SOURCE`` is kept for compatibility and no longer emitted: where each cell came from is
    :attr:`ParseResult.origins`. The others are problems or notes; ``is_problem`` says which lower
    the confidence of the parse.

    >>> DiagnosticKind.AMBIGUOUS.label, DiagnosticKind.AMBIGUOUS.is_problem
    ('多种拆分', True)
    """

    CELL_SOURCE = "cell-source", "单元格来源", "where a cell was read"
    FORMAT = "format", "格式识别", "format, year and agency detection"
    LABEL_VARIANT = "label-variant", "标签变体", "a label matched through an alias or typo"
    UNRECOGNISED = "unrecognised", "无法识别", "a row or label that was not recognised"
    MISSING = "missing", "缺失", "an expected row, table or cell was not found"
    CELL_COUNT = "cell-count", "单元格数量不符", "a row has the wrong number of cells"
    INVALID_CELL = "invalid-cell", "单元格无效", "a cell that is not a number"
    RECOVERED = "recovered", "已恢复", "cells recovered from a run of digits"
    AMBIGUOUS = "ambiguous", "多种拆分", "more than one split fits; cells left blank"
    CHECK = "check", "一致性检查", "a consistency finding of the parsed report"

    @property
    def is_problem(self) -> bool:
        """True for kinds that make the parse less certain (not sources, notes or checks)."""
        return self in _PROBLEMS


_PROBLEMS = frozenset(
    {
        DiagnosticKind.UNRECOGNISED,
        DiagnosticKind.MISSING,
        DiagnosticKind.CELL_COUNT,
        DiagnosticKind.INVALID_CELL,
        DiagnosticKind.AMBIGUOUS,
    }
)


@attrs.frozen(kw_only=True)
class Diagnostic:
    """One thing the parser wants the reader to know, with where it is in report and source.

    ``path`` is a JSON-path-like location in the report (``$.applications.new.total``);
    ``origin`` is where in the source the text was found; ``candidates`` lists the splits that
    fit when cells had to be recovered from a run of digits.

    >>> d = Diagnostic(kind=DiagnosticKind.MISSING, path="$.reviews",
    ...                message="table 4 not found", message_zh="未找到表四")
    >>> str(d)
    'missing: $.reviews: table 4 not found / 未找到表四'
    """

    kind: DiagnosticKind
    message: str
    message_zh: str
    path: str | None = None
    origin: Origin | None = None
    candidates: tuple[tuple[int, ...], ...] = ()
    finding: Finding | None = None

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        at = f" (at {self.origin.describe()})" if self.origin is not None else ""
        return f"{self.kind.code}: {where}{self.message} / {self.message_zh}{at}"


@attrs.frozen(kw_only=True)
class TableStatus:
    """How much of one table of the form the parse filled, for a batch user to filter on.

    ``cells`` is the number of cells the form gives the table; each is ``read`` (from a printed
    cell), ``placed`` (recovered from a run of digits with exactly one split consistent with the
    table's identities) or ``blank``. A table not found in the source has ``found == False`` and
    every cell blank ("no table": the table is ``None`` in the report, never zeros).

    >>> status = TableStatus(part=ReportPart.REVIEWS, found=True, cells=15, read=12, placed=3)
    >>> status.blank, status.complete
    (0, True)
    """

    part: ReportPart
    found: bool
    cells: int
    read: int = 0
    placed: int = 0

    @property
    def blank(self) -> int:
        """Cells left blank (not printed, not readable, or ambiguous)."""
        return self.cells - self.read - self.placed

    @property
    def complete(self) -> bool:
        """True when the table was found and every one of its cells has a value."""
        return self.found and self.blank == 0


def _frozen_origins(value: Mapping[str, Origin]) -> Mapping[str, Origin]:
    return MappingProxyType(dict(value))


def _frozen_statuses(value: Mapping[ReportPart, TableStatus]) -> Mapping[ReportPart, TableStatus]:
    return MappingProxyType(dict(value))


def _rebuild(
    report: AnnualReport,
    diagnostics: tuple[Diagnostic, ...],
    source_format: str,
    origins: dict[str, Origin],
    tables: dict[ReportPart, TableStatus],
) -> ParseResult:
    return ParseResult(report, diagnostics, source_format, origins=origins, tables=tables)


@attrs.frozen
class ParseResult:
    """A parsed report, its diagnostics, where each cell came from and how complete each table is.

    >>> from govdisclosure.parse import parse_report
    >>> result = parse_report("淮安市人民政府2024年政府信息公开工作年度报告\\n一、总体情况\\n无。")
    >>> result.report.year, result.report.agency.name
    (2024, '淮安市人民政府')
    >>> result.summary()  # doctest: +ELLIPSIS
    '淮安市人民政府 2024 format 2021 (text): tables 2/3/4 missing; 0 cells; ...'
    """

    report: AnnualReport
    diagnostics: tuple[Diagnostic, ...] = ()
    source_format: str = "text"
    origins: Mapping[str, Origin] = attrs.field(
        factory=dict, converter=_frozen_origins, kw_only=True
    )
    """Where in the source each cell was read, by the cell's JSON path."""
    tables: Mapping[ReportPart, TableStatus] = attrs.field(
        factory=dict, converter=_frozen_statuses, kw_only=True
    )
    """Per table of the report's form (tables 2, 3 and 4): found, read, placed, blank."""

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Read-only mappings do not pickle; results cross process boundaries (parse_reports on
        # a process pool or a cluster), so they travel as plain dicts and are frozen again.
        fields = (self.report, self.diagnostics, self.source_format)
        return _rebuild, (*fields, dict(self.origins), dict(self.tables))

    @property
    def complete(self) -> bool:
        """True when every table of the form was found and has no blank cell."""
        return bool(self.tables) and all(t.complete for t in self.tables.values())

    @property
    def problems(self) -> tuple[Diagnostic, ...]:
        """The diagnostics that make the parse less certain."""
        return tuple(d for d in self.diagnostics if d.kind.is_problem)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The consistency findings of the parsed report (``govdisclosure.checks.check``)."""
        return tuple(d.finding for d in self.diagnostics if d.finding is not None)

    @property
    def confident(self) -> bool:
        """True when every expected table was found and every cell was read unambiguously."""
        return not self.problems

    def of_kind(self, kind: DiagnosticKind) -> tuple[Diagnostic, ...]:
        """The diagnostics of one kind, in order."""
        return tuple(d for d in self.diagnostics if d.kind is kind)

    def origin(self, cell: CellRef | str) -> Origin | None:
        """Where in the source a cell (a :class:`~govdisclosure.model.form.CellRef` or its path,
        e.g. ``$.applications.new.total``) was read; ``None`` if it was not read."""
        return self.origins.get(cell if isinstance(cell, str) else cell.path)

    def summary(self) -> str:
        """A one-line summary: agency, year, format, tables found, cells, problems, findings."""
        report = self.report
        found = [
            str(n)
            for n, name in ((2, "proactive"), (3, "applications"), (4, "reviews"))
            if getattr(report, name, None) is not None
        ]
        if not report.format_version.has_tables:
            tables = f"{len(getattr(report, 'statistics', ()))} statistics rows"
        elif len(found) == 3:
            tables = "tables 2/3/4"
        elif found:
            tables = f"tables {'/'.join(found)} (others missing)"
        else:
            tables = "tables 2/3/4 missing"
        cells = len(self.origins)
        line = (
            f"{report.agency.name} {report.year} format {report.format_version.code}"
            f" ({self.source_format}): {tables}; {cells} cells;"
            f" {len(report.figures)} figures; {len(self.problems)} problems;"
            f" {len(self.findings)} findings"
        )
        if not self.tables:
            return line
        blank = sum(t.blank for t in self.tables.values())
        return f"{line}; {'complete' if self.complete else f'incomplete ({blank} blank cells)'}"
