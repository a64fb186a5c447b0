"""The statistical tables of the national report formats (tables 2, 3 and 4).

Every cell is ``int | None``: ``None`` is a cell the source left blank, which is not the same as
``0``. Printed totals are kept as printed (they are facts of the source, and sometimes wrong);
the sums they should equal are computed, never stored.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.model.applicant import ApplicantKind
from govdisclosure.model.base import (
    MAX_COUNT,
    InvalidValue,
    checks_type,
    counts,
    field,
    finite_decimal,
    non_negative,
)
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReviewColumn, ReviewGroup
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.quantity import Money

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "ApplicantCounts",
    "ApplicationTable",
    "DocumentCounts",
    "DocumentCounts2019",
    "FeeItems2019",
    "ItemCounts2019",
    "ProactiveTable2019",
    "ProactiveTable2021",
    "Procurement2019",
    "ReviewCounts",
    "ReviewTable",
    "signed_count",
    "sum_cells",
]

Cell = int | None


def sum_cells(cells: Iterable[Cell]) -> Cell:
    """The sum of cells, or ``None`` if any cell is blank (a blank is never taken as 0).

    >>> sum_cells([1, 2, 3]), sum_cells([1, None])
    (6, None)
    """
    total = 0
    for cell in cells:
        if cell is None:
            return None
        total += cell
    return total


@checks_type
def signed_count(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A cell that may be negative (2019's 本年增/减): a whole number or blank, of at most
    :data:`~govdisclosure.model.base.MAX_COUNT` in size."""
    if value is not None and type(value) is not int:
        raise InvalidValue(
            attribute.name,
            f"expected a whole number or null, got {value!r}",
            f"应为整数或空值，实际为{value!r}",
        )
    if value is not None and not -MAX_COUNT <= value <= MAX_COUNT:
        raise InvalidValue(
            attribute.name,
            f"must be at most {MAX_COUNT} in size, got {value}",
            f"绝对值不能超过{MAX_COUNT}，实际为{value}",
        )


def _cell(label: str, doc: str, label_en: str | None = None) -> Any:
    return field(label, doc, default=None, validator=counts, label_en=label_en)


@attrs.frozen(kw_only=True)
class ApplicantCounts:
    """One data row of table 3: a count per applicant column, plus the printed 总计.

    >>> row = ApplicantCounts(row=ApplicationRow.NEW, natural_person=821, commercial_enterprise=35,
    ...                       legal_service_institution=2, other=1, total=859)
    >>> row.computed_total is None  # two cells were left blank
    True
    >>> row.sum_printed()
    859
    """

    row: ApplicationRow = field("行", "Which row of table 3.")
    natural_person: int | None = _cell("自然人", "Natural persons.")
    commercial_enterprise: int | None = _cell("商业企业", "Commercial enterprises.")
    research_institution: int | None = _cell("科研机构", "Research institutions.")
    social_welfare_organisation: int | None = _cell("社会公益组织", "Social welfare organisations.")
    legal_service_institution: int | None = _cell("法律服务机构", "Legal service institutions.")
    other: int | None = _cell("其他", "Other legal persons or organisations.")
    total: int | None = _cell("总计", "The total as printed (blank if the source left it blank).")

    def cell(self, column: ApplicantKind | None) -> Cell:
        """The cell of an applicant column; ``None`` as column means the printed 总计."""
        return self.total if column is None else getattr(self, column.attribute)

    @property
    def by_applicant(self) -> tuple[Cell, ...]:
        """The six applicant cells in printed order (without 总计)."""
        return (
            self.natural_person,
            self.commercial_enterprise,
            self.research_institution,
            self.social_welfare_organisation,
            self.legal_service_institution,
            self.other,
        )

    @property
    def computed_total(self) -> Cell:
        """The sum of the six applicant cells, or None if any is blank."""
        return sum_cells(self.by_applicant)

    def sum_printed(self) -> int:
        """The sum of the printed applicant cells, blanks skipped (a lenient reading)."""
        return sum(c for c in self.by_applicant if c is not None)


def _rows_unique(
    _: object, attribute: attrs.Attribute[Any], value: Sequence[ApplicantCounts]
) -> None:
    seen: set[ApplicationRow] = set()
    for item in value:
        if item.row in seen:
            raise InvalidValue(
                attribute.name,
                f"row {item.row.code!r} appears twice",
                f"行“{item.row.label}”重复出现",
            )
        seen.add(item.row)


@attrs.frozen
class ApplicationTable:
    """Table 3, 收到和处理政府信息公开申请情况: every data row in printed order.

    A report checks that the rows are exactly those of its format version; use :meth:`blank`
    to start from an all-blank table.

    >>> table = ApplicationTable.blank(FormatVersion.NATIONAL_2021)
    >>> len(table.rows), table.row(ApplicationRow.TOTAL).total
    (25, None)
    """

    rows: tuple[ApplicantCounts, ...] = field(
        "行", "The data rows of the table, in printed order.", validator=_rows_unique
    )

    @classmethod
    def blank(cls, version: FormatVersion) -> ApplicationTable:
        """A table of the given format version with every cell blank."""
        return cls(tuple(ApplicantCounts(row=r) for r in version.application_rows))

    @classmethod
    def from_grid(cls, version: FormatVersion, grid: Sequence[Sequence[Cell]]) -> ApplicationTable:
        """Build a table from a grid of 7-cell rows in the version's printed order.

        >>> rows = [[1, 0, 0, 0, 0, 0, 1]] * 25
        >>> ApplicationTable.from_grid(FormatVersion.NATIONAL_2021, rows).rows[0].total
        1
        """
        layout = version.application_rows
        if len(grid) != len(layout):
            raise ValueError(
                f"expected {len(layout)} rows for format {version.code}, got {len(grid)}"
            )
        built = []
        for row, cells in zip(layout, grid, strict=True):
            if len(cells) != 7:
                raise ValueError(f"row {row.code!r}: expected 7 cells, got {len(cells)}")
            values = dict(zip(_COLUMNS, cells, strict=True))
            built.append(ApplicantCounts(row=row, **values))
        return cls(tuple(built))

    def row(self, row: ApplicationRow | Outcome | str) -> ApplicantCounts:
        """The data row for a row, an outcome, or a row code.

        Raises :class:`KeyError` naming the valid codes if the table does not have it, and
        :class:`TypeError` for anything else.

        >>> table = ApplicationTable.blank(FormatVersion.TRIAL_2019)
        >>> table.row("new") is table.row(ApplicationRow.NEW)
        True
        >>> table.row(Outcome.GRANTED).row
        <ApplicationRow.GRANTED: 'granted'>
        >>> table.row(Outcome.OTHER_OTHER)
        Traceback (most recent call last):
        ...
        KeyError: "the table has no row 'other-other' (3.其他); it has: new, carried-over, ..."
        """
        if isinstance(row, ApplicationRow | Outcome):
            code = row.code
        elif isinstance(row, str):
            code = row
        else:
            raise TypeError(
                f"a row is an ApplicationRow, an Outcome or a row code, got {type(row).__name__}"
            )
        for item in self.rows:
            if item.row.code == code:
                return item
        label = ApplicationRow._value2member_map_.get(code)
        shown = f" ({label})" if label is not None else ""
        codes = ", ".join(r.row.code for r in self.rows)
        raise KeyError(f"the table has no row {code!r}{shown}; it has: {codes}")

    def to_grid(self) -> list[list[Cell]]:
        """The table as 7-cell rows in printed order (the inverse of :meth:`from_grid`).

        >>> table = ApplicationTable.blank(FormatVersion.NATIONAL_2021)
        >>> ApplicationTable.from_grid(FormatVersion.NATIONAL_2021, table.to_grid()) == table
        True
        """
        return [[getattr(row, name) for name in _COLUMNS] for row in self.rows]

    @property
    def row_codes(self) -> tuple[ApplicationRow, ...]:
        """The rows the table has, in order."""
        return tuple(r.row for r in self.rows)


_COLUMNS = (*(k.attribute for k in ApplicantKind), "total")


@attrs.frozen(kw_only=True)
class ReviewCounts:
    """One group of table 4: results and the printed total.

    >>> ReviewCounts(maintained=5, pending=2, total=7).computed_total is None
    True
    >>> ReviewCounts(maintained=1, corrected=1, other=0, pending=0, total=0).computed_total
    2
    """

    maintained: int | None = _cell("结果维持", "Decisions upheld.")
    corrected: int | None = _cell("结果纠正", "Decisions corrected.")
    other: int | None = _cell("其他结果", "Other results.")
    pending: int | None = _cell("尚未审结", "Cases not yet decided.")
    total: int | None = _cell("总计", "The total as printed.")

    def cell(self, column: ReviewColumn) -> Cell:
        """The cell in a column of the group."""
        value: Cell = getattr(self, column.code)
        return value

    @property
    def computed_total(self) -> Cell:
        """维持 + 纠正 + 其他 + 尚未审结, or None if any is blank."""
        return sum_cells((self.maintained, self.corrected, self.other, self.pending))


@attrs.frozen(kw_only=True)
class ReviewTable:
    """Table 4, 政府信息公开行政复议、行政诉讼情况: 15 cells in three groups.

    >>> table = ReviewTable()
    >>> table.group(ReviewGroup.RECONSIDERATION).total is None
    True
    """

    reconsideration: ReviewCounts = field(
        "行政复议", "Administrative reconsideration.", factory=ReviewCounts
    )
    litigation_direct: ReviewCounts = field(
        "未经复议直接起诉", "Suits filed without reconsideration.", factory=ReviewCounts
    )
    litigation_after_reconsideration: ReviewCounts = field(
        "复议后起诉", "Suits filed after reconsideration.", factory=ReviewCounts
    )

    def group(self, group: ReviewGroup | str) -> ReviewCounts:
        """The counts of one column group, by member or code.

        >>> ReviewTable().group("litigation-direct").total is None
        True
        """
        member = group if isinstance(group, ReviewGroup) else ReviewGroup.from_code(group)
        value: ReviewCounts = getattr(self, member.attribute)
        return value


@attrs.frozen(kw_only=True)
class DocumentCounts:
    """2021 format, 第二十条第（一）项: documents issued, repealed and in force."""

    issued: int | None = _cell("本年制发件数", "Issued this year.", "issued this year")
    repealed: int | None = _cell("本年废止件数", "Repealed this year.", "repealed this year")
    in_force: int | None = _cell("现行有效件数", "In force at the end of the year.", "in force")


@attrs.frozen(kw_only=True)
class ProactiveTable2021:
    """Table 2 of the 2021 format, 主动公开政府信息情况.

    >>> ProactiveTable2021(fee_amount=Decimal("96171.6")).fee_amount
    Decimal('96171.6')
    """

    regulations: DocumentCounts = field(
        "规章", "Rules (规章).", factory=DocumentCounts, label_en="rules"
    )
    normative_documents: DocumentCounts = field(
        "行政规范性文件",
        "Administrative normative documents.",
        factory=DocumentCounts,
        label_en="administrative normative documents",
    )
    licensing: int | None = _cell(
        "行政许可", "本年处理决定数量: licensing decisions this year.", "administrative licensing"
    )
    penalties: int | None = _cell(
        "行政处罚", "本年处理决定数量: penalty decisions this year.", "administrative penalties"
    )
    compulsory_measures: int | None = _cell(
        "行政强制",
        "本年处理决定数量: compulsory-measure decisions this year.",
        "administrative compulsory measures",
    )
    fee_amount: Decimal | None = field(
        "行政事业性收费",
        "本年收费金额（单位：万元）: administrative fees collected, in 万元, as printed.",
        default=None,
        validator=attrs.validators.optional([finite_decimal, non_negative]),
        label_en="administrative fees",
    )


@attrs.frozen(kw_only=True)
class DocumentCounts2019:
    """2019 trial format, 第二十条第（一）项: documents made and published."""

    made: int | None = _cell("本年新制作数量", "Newly made this year.", "newly made this year")
    published: int | None = _cell(
        "本年新公开数量", "Newly published this year.", "newly published this year"
    )
    total_published: int | None = _cell(
        "对外公开总数量", "Published in total.", "published in total"
    )


@attrs.frozen(kw_only=True)
class ItemCounts2019:
    """2019 trial format, items of 第二十条第（五）（六）项."""

    previous_year: int | None = _cell("上一年项目数量", "Items last year.", "items last year")
    change: int | None = field(
        "本年增/减",
        "Change this year (may be negative).",
        default=None,
        validator=signed_count,
        label_en="change this year",
    )
    decisions: int | None = _cell("处理决定数量", "Decisions made.", "decisions")


@attrs.frozen(kw_only=True)
class FeeItems2019:
    """2019 trial format, 第二十条第（八）项 行政事业性收费."""

    previous_year: int | None = _cell("上一年项目数量", "Fee items last year.", "items last year")
    change: int | None = field(
        "本年增/减",
        "Change this year (may be negative).",
        default=None,
        validator=signed_count,
        label_en="change this year",
    )


@attrs.frozen(kw_only=True)
class Procurement2019:
    """2019 trial format, 第二十条第（九）项 政府集中采购."""

    projects: int | None = _cell(
        "采购项目数量", "Number of procurement projects.", "procurement projects"
    )
    total_amount: Money | None = field(
        "采购总金额",
        "Total amount, with the unit the source printed (e.g. 251000元).",
        default=None,
        label_en="total amount",
    )


@attrs.frozen(kw_only=True)
class ProactiveTable2019:
    """Table 2 of the 2019 trial format (labels as Shanghai printed them)."""

    regulations: DocumentCounts2019 = field(
        "规章", "Rules.", factory=DocumentCounts2019, label_en="rules"
    )
    normative_documents: DocumentCounts2019 = field(
        "规范性文件",
        "Normative documents.",
        factory=DocumentCounts2019,
        label_en="normative documents",
    )
    licensing: ItemCounts2019 = field(
        "行政许可",
        "Administrative licensing.",
        factory=ItemCounts2019,
        label_en="administrative licensing",
    )
    other_services: ItemCounts2019 = field(
        "其他对外管理服务事项",
        "Other external management services.",
        factory=ItemCounts2019,
        label_en="other external management services",
    )
    penalties: ItemCounts2019 = field(
        "行政处罚",
        "Administrative penalties.",
        factory=ItemCounts2019,
        label_en="administrative penalties",
    )
    compulsory_measures: ItemCounts2019 = field(
        "行政强制",
        "Administrative compulsory measures.",
        factory=ItemCounts2019,
        label_en="administrative compulsory measures",
    )
    fees: FeeItems2019 = field(
        "行政事业性收费",
        "Administrative fees.",
        factory=FeeItems2019,
        label_en="administrative fees",
    )
    procurement: Procurement2019 = field(
        "政府集中采购",
        "Centralised government procurement.",
        factory=Procurement2019,
        label_en="centralised government procurement",
    )
