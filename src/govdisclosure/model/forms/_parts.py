"""Pieces the national format versions share: tables 3 and 4, and the section headings.

Labels come from the enums and the field metadata; only header texts that no model carries are
written here, once.
"""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING

import attrs

from govdisclosure.model.applicant import ApplicantKind
from govdisclosure.model.form import CellKind, Column, FormTable, Heading, Row, field_labels
from govdisclosure.model.layout import FormatVersion, ReportPart, ReviewColumn, ReviewGroup
from govdisclosure.model.quantity import Money
from govdisclosure.model.tables import (
    ApplicantCounts,
    ApplicationTable,
    ReviewCounts,
    ReviewTable,
    signed_count,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["HEADINGS", "Table2Block", "applications", "proactive", "reviews"]

# The six sections of the national formats (2019 trial and 2021 alike).
HEADINGS = (
    Heading(number=1, label="总体情况", label_en="Overview"),
    Heading(
        number=2,
        label="主动公开政府信息情况",
        label_en="Proactive disclosure of government information",
        part=ReportPart.PROACTIVE,
    ),
    Heading(
        number=3,
        label="收到和处理政府信息公开申请情况",
        label_en="Applications received and handled",
        part=ReportPart.APPLICATIONS,
    ),
    Heading(
        number=4,
        label="政府信息公开行政复议、行政诉讼情况",
        label_en="Administrative reconsideration and litigation concerning disclosure",
        part=ReportPart.REVIEWS,
    ),
    Heading(number=5, label="存在的主要问题及改进情况", label_en="Main problems and improvements"),
    Heading(number=6, label="其他需要报告的事项", label_en="Other matters to report"),
)

_ORGANISATIONS = ("法人或其他组织", "legal persons or other organisations")


def _applicant_columns() -> tuple[Column, ...]:
    columns = [
        Column(
            code=kind.code,
            label=kind.label,
            label_en=kind.label_en,
            attribute=kind.attribute,
            group=_ORGANISATIONS[0] if kind.is_organisation else None,
            group_en=_ORGANISATIONS[1] if kind.is_organisation else None,
        )
        for kind in ApplicantKind
    ]
    label, _ = field_labels(ApplicantCounts, "total")
    columns.append(
        Column(code="total", label=label, label_en="total", attribute="total", total=True)
    )
    return tuple(columns)


def applications(version: FormatVersion) -> FormTable:
    """Table 3 of a national format version: its rows are the version's application rows."""
    columns = _applicant_columns()
    outcomes = ("三、本年度办理结果", "III. outcomes this year")
    rows = tuple(
        Row(
            code=row.code,
            label=row.label,
            label_en=row.label_en,
            columns=columns,
            member=row,
            model=ApplicantCounts,
            group=outcomes[0] if row.group is not None or row.code == "total" else None,
            group_en=outcomes[1] if row.group is not None or row.code == "total" else None,
        )
        for row in version.application_rows
    )
    return FormTable(
        part=ReportPart.APPLICATIONS,
        number=3,
        attribute="applications",
        model=ApplicationTable,
        rows=rows,
        columns=columns,
        version=version,
        layout="applications",
        headers={
            "note": (
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                "(In this column, item I plus item II equals item III plus item IV)",
            ),
            "applicants": ("申请人情况", "Applicants"),
            "outcomes": outcomes,
        },
    )


def reviews(version: FormatVersion) -> FormTable:
    """Table 4: one row per group (复议, 直接起诉, 复议后起诉), five columns each."""
    columns = tuple(
        Column(
            code=c.code,
            label=c.label,
            label_en=c.label_en,
            attribute=c.code,
            total=c is ReviewColumn.TOTAL,
        )
        for c in ReviewColumn
    )
    litigation = ("行政诉讼", "administrative litigation")
    rows = tuple(
        Row(
            code=group.code,
            label=group.label,
            label_en=group.label_en,
            columns=columns,
            attribute=group.attribute,
            member=group,
            model=ReviewCounts,
            group=None if group is ReviewGroup.RECONSIDERATION else litigation[0],
            group_en=None if group is ReviewGroup.RECONSIDERATION else litigation[1],
        )
        for group in ReviewGroup
    )
    return FormTable(
        part=ReportPart.REVIEWS,
        number=4,
        attribute="reviews",
        model=ReviewTable,
        rows=rows,
        columns=columns,
        version=version,
        layout="reviews",
        headers={"litigation": litigation},
    )


class Table2Block:
    """A block of table 2 as declared by a version module: heading and the fields it prints.

    ``rows`` name fields of the table class; ``columns`` are the printed columns, each either a
    field name of the nested row class, or a :class:`Column` for one-column rows whose value is
    the row field itself.
    """

    __slots__ = ("columns", "label", "label_en", "rows", "spans")

    def __init__(
        self,
        label: str,
        label_en: str,
        rows: Sequence[str],
        columns: Sequence[str | Column],
        spans: Sequence[int] = (),
    ) -> None:
        self.label = label
        self.label_en = label_en
        self.rows = tuple(rows)
        self.columns = tuple(columns)
        self.spans = tuple(spans) or (1,) * len(self.columns)


def _column(cls: type, name: str, span: int) -> Column:
    attribute = attrs.fields_dict(cls)[name]
    label, label_en = field_labels(cls, name)
    money = Money in typing.get_args(attribute.type) or attribute.type is Money
    return Column(
        code=name,
        label=label,
        label_en=label_en,
        attribute=name,
        kind=CellKind.MONEY if money else CellKind.COUNT,
        # 2019's 本年增/减 is the one cell that may be negative; its validator says so.
        signed=attribute.validator is signed_count,
        span=span,
    )


def proactive(version: FormatVersion, model: type, blocks: Sequence[Table2Block]) -> FormTable:
    """Table 2 from its blocks; every label comes from the field metadata of ``model``."""
    fields = attrs.fields_dict(attrs.resolve_types(model))
    rows = []
    for block in blocks:
        for name in block.rows:
            nested = fields[name].type
            nested_class = nested if isinstance(nested, type) and attrs.has(nested) else None
            if nested_class is not None:
                attrs.resolve_types(nested_class)
            columns = tuple(
                attrs.evolve(spec, span=span)
                if isinstance(spec, Column)
                else _column(nested_class, spec, span)  # type: ignore[arg-type]
                for spec, span in zip(block.columns, block.spans, strict=True)
            )
            label, label_en = field_labels(model, name)
            rows.append(
                Row(
                    code=name,
                    label=label,
                    label_en=label_en,
                    columns=columns,
                    attribute=name,
                    model=nested_class,
                    block=block.label,
                    block_en=block.label_en,
                )
            )
    return FormTable(
        part=ReportPart.PROACTIVE,
        number=2,
        attribute="proactive",
        model=model,
        rows=tuple(rows),
        version=version,
        layout="proactive",
        headers={"content": ("信息内容", "information")},
    )
