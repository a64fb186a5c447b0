"""A short plain-text outline of a report, for terminals and quick looks.

This is deliberately plain: the full national layout (numbered headings, tables with their exact
labels, locale-aware numbers) is :func:`govdisclosure.formatting.render`'s job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govdisclosure.formatting.quantities import format_quantity
from govdisclosure.model import (
    AnnualReport,
    AnnualReport2008,
    AnnualReport2019,
    AnnualReport2021,
    ApplicationRow,
    Figure,
    ReviewGroup,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["outline"]


def _cell(value: int | None) -> str:
    return "（空）" if value is None else str(value)


def _figures(figures: tuple[Figure, ...], depth: int = 0) -> Iterator[str]:
    for figure in figures:
        yield f"{'  ' * depth}- {figure.label}：{format_quantity(figure.quantity)}"
        yield from _figures(figure.parts, depth + 1)


def outline(report: AnnualReport) -> str:
    """A plain-text outline: title, agency, format, headings, figures and key table cells.

    >>> from govdisclosure.model import Agency, AnnualReport2008, Section
    >>> report = AnnualReport2008(
    ...     agency=Agency(name="某县人民政府"), year=2013,
    ...     sections=(Section(heading="一、概述"),),
    ... )
    >>> print(outline(report))
    某县人民政府 2013年政府信息公开工作年度报告
    格式：各地自定格式（2008—2018年）
    <BLANKLINE>
    一、概述
    """
    title = report.title or f"{report.agency.name} {report.year}年政府信息公开工作年度报告"
    lines = [title, f"格式：{report.format_version.label}"]
    if report.published_on is not None:
        lines.append(f"发布日期：{report.published_on.isoformat()}")
    lines.append("")
    lines.extend(s.heading for s in report.walk_sections())
    if report.figures:
        lines += ["", "文中数据："]
        lines.extend(_figures(report.figures))
    if report.channels:
        names = "、".join(c.name or c.kind.label for c in report.channels)
        lines += ["", f"公开渠道：{names}"]
    if isinstance(report, AnnualReport2019 | AnnualReport2021) and report.applications:
        lines += ["", "收到和处理政府信息公开申请情况（总计列）："]
        for row in (
            ApplicationRow.NEW,
            ApplicationRow.CARRIED_OVER,
            ApplicationRow.TOTAL,
            ApplicationRow.CARRIED_FORWARD,
        ):
            lines.append(f"  {row.label}：{_cell(report.applications.row(row).total)}")
    if isinstance(report, AnnualReport2019 | AnnualReport2021) and report.reviews:
        lines += ["", "行政复议、行政诉讼（总计）："]
        for group in ReviewGroup:
            lines.append(f"  {group.label}：{_cell(report.reviews.group(group).total)}")
    if isinstance(report, AnnualReport2008) and report.statistics:
        lines += ["", report.statistics_title or "统计表"]
        for indicator in report.statistics:
            value = "（空）" if indicator.this_year is None else indicator.this_year
            lines.append(f"  {indicator.indicator}（{indicator.unit or ''}）：{value}")
    return "\n".join(lines)
