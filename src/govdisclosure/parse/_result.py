"""What a parse returns: the report and the diagnostics that say how sure the parse is."""

from __future__ import annotations

import attrs

from govdisclosure.checks import Finding
from govdisclosure.model.base import LabelledEnum
from govdisclosure.model.report import AnnualReport
from govdisclosure.parse._blocks import Origin

__all__ = ["Diagnostic", "DiagnosticKind", "ParseResult"]


class DiagnosticKind(LabelledEnum):
    """What a diagnostic is about.

    ``CELL_SOURCE`` records where a cell came from (one per table cell read); the others are
    problems or notes, ``is_problem`` says which lower the confidence of the parse.

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


@attrs.frozen
class ParseResult:
    """A parsed report and its diagnostics.

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

    def origin(self, path: str) -> Origin | None:
        """Where in the source the cell at ``path`` (e.g. ``$.applications.new.total``) was read."""
        for d in self.diagnostics:
            if d.kind is DiagnosticKind.CELL_SOURCE and d.path == path:
                return d.origin
        return None

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
        cells = len(self.of_kind(DiagnosticKind.CELL_SOURCE))
        return (
            f"{report.agency.name} {report.year} format {report.format_version.code}"
            f" ({self.source_format}): {tables}; {cells} cells;"
            f" {len(report.figures)} figures; {len(self.problems)} problems;"
            f" {len(self.findings)} findings"
        )
