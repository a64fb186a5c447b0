"""How much of the required content a report leaves out (information, to rank reports by).

The 2019 Regulation (Art. 50) requires an annual report to cover proactive disclosure, the
applications received and handled, the reviews and suits, the problems and improvements, and
other matters; the 2021 notice gives the six sections and three tables that do so. These rules
say where a report leaves them out: a required section of text empty or only 无
(COMPLETE-SECTION; a section not found at all is not reported, since the reader may have missed
its heading), a section whose table was not found (COMPLETE-TABLE), and the number of blank (or
``/``) cells of its tables (COMPLETE-CELLS). They are information, not errors, and
:func:`check` runs them only when named; :func:`completeness` runs them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from govdisclosure.checks import _fees as _fees  # registers its rules first
from govdisclosure.checks._core import Finding, Observation, Severity, check, register_rule
from govdisclosure.model.form import form_of
from govdisclosure.model.layout import FormatVersion, ReportPart

if TYPE_CHECKING:
    from collections.abc import Iterator

    from govdisclosure.model.report import AnnualReport, Section

__all__ = ["COMPLETENESS_RULES", "Completeness", "completeness"]

_SINCE_2019 = (FormatVersion.TRIAL_2019, FormatVersion.NATIONAL_2021)

# The sections of text every report needs, by a word of their heading (一, 五, 六 of the form).
_TEXT_SECTIONS = ("总体情况", "存在的主要问题", "其他需要报告")
# The sections whose content is a table, by a word of their heading and the table's part.
_TABLE_SECTIONS = (
    ("主动公开政府信息情况", ReportPart.PROACTIVE),
    ("收到和处理", ReportPart.APPLICATIONS),
    ("行政复议", ReportPart.REVIEWS),
)
_NOTHING = frozenset({"", "无", "无。", "无.", "暂无", "暂无。", "无其他需要报告的事项。"})

#: The ids of the completeness rules, in the order :func:`completeness` runs them.
COMPLETENESS_RULES = ("COMPLETE-SECTION", "COMPLETE-TABLE", "COMPLETE-CELLS")


def _find(report: AnnualReport, word: str) -> Section | None:
    return next((s for s in report.sections if word in s.heading), None)


def _said(section: Section) -> int:
    """The paragraphs of a section (and its subsections) that say more than 无."""
    return sum(1 for s in section.walk() for p in s.paragraphs if p.strip() not in _NOTHING) + sum(
        1 for s in section.walk() if s is not section and s.heading.strip()
    )


@register_rule(
    "COMPLETE-SECTION",
    versions=_SINCE_2019,
    severity=Severity.INFO,
    part=ReportPart.NARRATIVE,
    message="section “{row}” is empty or says only 无",
    message_zh="“{row}”部分为空或仅写“无”",
    default=False,
    example={"row": "五、存在的主要问题及改进情况"},
)
def _sections(report: AnnualReport) -> Iterator[Observation]:
    if not report.sections or report.format_version not in _SINCE_2019:
        return  # no text was recorded (or no form of six sections): nothing to say of it
    for word in _TEXT_SECTIONS:
        section = _find(report, word)
        if section is None:
            # Not found is not empty: a heading the reader missed is not the source's gap.
            continue
        yield Observation(None, 1, _said(section), at_least=True, subject=section.heading.strip())


@register_rule(
    "COMPLETE-TABLE",
    versions=_SINCE_2019,
    severity=Severity.INFO,
    part=ReportPart.NARRATIVE,
    message="section “{row}” has no table",
    message_zh="“{row}”部分未见表格",
    default=False,
    example={"row": "三、收到和处理政府信息公开申请情况"},
)
def _tables(report: AnnualReport) -> Iterator[Observation]:
    if not report.sections or report.format_version not in _SINCE_2019:
        return
    form = form_of(report)
    for word, part in _TABLE_SECTIONS:
        section = _find(report, word)
        if section is None:
            continue
        found = getattr(report, form.table(part).attribute, None) is not None
        yield Observation(None, 1, int(found), at_least=True, subject=section.heading.strip())


@register_rule(
    "COMPLETE-CELLS",
    versions=_SINCE_2019,
    severity=Severity.INFO,
    part=ReportPart.NARRATIVE,
    message="{row}: {actual} of its {cells} cells are blank or “/”",
    message_zh="{row}：{cells}个单元格中有{actual}个为空白或“/”",
    default=False,
    example={
        "row": "table 3: applications",
        "row_zh": "收到和处理政府信息公开申请情况",
        "actual": 12,
        "cells": 182,
    },
)
def _cells(report: AnnualReport) -> Iterator[Observation]:
    for table in form_of(report).tables:
        obj = getattr(report, table.attribute, None)
        if obj is None or not table.rows:
            continue
        values = table.read(obj)
        blank = sum(1 for v in values if v is None)
        yield Observation(
            None,
            0,
            blank,
            subject=table.part.label,
            details=(
                ("cells", len(values)),
                ("row", table.part.label_en),
                ("row_zh", table.part.label),
            ),
        )


@attrs.frozen(kw_only=True)
class Completeness:
    """What a report leaves out: its findings and the figures to rank reports by.

    >>> from govdisclosure.examples import load
    >>> c = completeness(load("shanghai-gov-office-2019"))
    >>> c.blank_cells, c.cells, c.missing_tables, c.empty_sections
    (135, 198, (), ('六、其他需要报告的事项',))
    """

    findings: tuple[Finding, ...]
    """The COMPLETE-* findings."""
    empty_sections: tuple[str, ...]
    """Headings of the required sections of text that are empty or only 无."""
    missing_tables: tuple[str, ...]
    """Headings of the sections whose table was not found."""
    blank_cells: int
    """Blank (or ``/``) cells of the tables printed."""
    cells: int
    """The cells of the tables printed."""


def completeness(report: AnnualReport) -> Completeness:
    """Run the completeness rules (``COMPLETENESS_RULES``) on a report and sum them up."""
    findings = check(report, rules=COMPLETENESS_RULES)
    cells = blank = 0
    for table in form_of(report).tables:
        obj = getattr(report, table.attribute, None)
        if obj is not None and table.rows:
            values = table.read(obj)
            cells += len(values)
            blank += sum(1 for v in values if v is None)
    return Completeness(
        findings=findings,
        empty_sections=tuple(f.subject or "" for f in findings if f.rule == "COMPLETE-SECTION"),
        missing_tables=tuple(f.subject or "" for f in findings if f.rule == "COMPLETE-TABLE"),
        blank_cells=blank,
        cells=cells,
    )
