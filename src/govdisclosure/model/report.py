"""Annual reports (政府信息公开工作年度报告) in every format version.

:class:`AnnualReport` holds what every report has: the agency, the year, the narrative kept
verbatim, the figures quoted in it and the channels it names. One subclass per format version adds
that version's tables: :class:`AnnualReport2008` (free text and any local statistics table),
:class:`AnnualReport2019` (the trial national format) and :class:`AnnualReport2021`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from govdisclosure.model.agency import Agency
from govdisclosure.model.base import (
    InvalidValue,
    decimal_value,
    field,
    nesting,
    optional_text,
    optional_url,
    text,
)
from govdisclosure.model.channel import DisclosureChannel
from govdisclosure.model.layout import FormatVersion
from govdisclosure.model.quantity import Money, Quantity
from govdisclosure.model.tables import (
    ApplicationTable,
    ProactiveTable2019,
    ProactiveTable2021,
    ReviewTable,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "AnnualReport",
    "AnnualReport2008",
    "AnnualReport2019",
    "AnnualReport2021",
    "Figure",
    "LegacyIndicator",
    "Section",
]


_nested_sections = nesting("subsections")
_nested_figures = nesting("parts")


@attrs.frozen(kw_only=True)
class Section:
    """A section of the narrative: its heading and paragraphs exactly as printed.

    >>> s = Section(heading="六、其他需要报告的事项", paragraphs=("无。",))
    >>> s.text
    '无。'
    """

    heading: str = field("标题", "The heading as printed, numbering included.", validator=text)
    paragraphs: tuple[str, ...] = field("正文", "Paragraphs, verbatim.", default=())
    subsections: tuple[Section, ...] = field(
        "下级标题",
        "Nested sections, in order (at most 32 levels deep).",
        default=(),
        validator=_nested_sections,
    )

    @property
    def text(self) -> str:
        """The section's own paragraphs joined by new lines (subsections not included)."""
        return "\n".join(self.paragraphs)

    def walk(self) -> Iterator[Section]:
        """This section and all nested sections, depth first."""
        yield self
        for sub in self.subsections:
            yield from sub.walk()


@attrs.frozen(kw_only=True)
class Figure:
    """A figure quoted in the narrative: what it counts, the quantity, where it stands.

    ``parts`` break a figure down (78 items cleaned up: 27 审批件, 25 审核…).

    >>> Figure(label="政务微博公开政府信息", quantity=Quantity(337, "条")).quantity.value
    337
    """

    label: str = field("指标", "What the figure counts, in the source's words.", validator=text)
    quantity: Quantity = field("数量", "The figure as printed.")
    section: str | None = field(
        "所在章节", "Heading of the section it appears in.", default=None, validator=optional_text
    )
    quote: str | None = field(
        "原文", "The words of the source that state it.", default=None, validator=optional_text
    )
    parts: tuple[Figure, ...] = field(
        "分项",
        "Its breakdown, if the source gives one (at most 32 levels deep).",
        default=(),
        validator=_nested_figures,
    )


def _optional_number(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        decimal_value(instance, attribute, value)


@attrs.frozen(kw_only=True)
class LegacyIndicator:
    """A row of a 2008-era local statistics table (指标名称, 计量单位, 本年度, 历年累计).

    >>> LegacyIndicator(indicator="主动公开信息数", unit="条", this_year=72804, cumulative=76424)
    LegacyIndicator(indicator='主动公开信息数', unit='条', this_year=72804, cumulative=76424)
    """

    indicator: str = field(
        "指标名称",
        "The indicator, verbatim (with any 其中 prefix).",
        validator=text,
        label_en="indicator",
    )
    unit: str | None = field(
        "计量单位", "Unit of measure.", default=None, validator=optional_text, label_en="unit"
    )
    this_year: int | Decimal | None = field(
        "本年度",
        "Value for the report year; None if blank.",
        default=None,
        validator=_optional_number,
        label_en="this year",
    )
    cumulative: int | Decimal | None = field(
        "历年累计",
        "Cumulative value; None if blank.",
        default=None,
        validator=_optional_number,
        label_en="cumulative",
    )


def _year(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or not 2007 <= value <= 2100:
        raise InvalidValue(
            attribute.name,
            f"expected a report year from 2007 to 2100, got {value!r}",
            f"报告年度应在2007至2100之间，实际为{value!r}",
        )


@attrs.frozen(kw_only=True)
class AnnualReport:
    """What every annual report has, whatever its format. Use a subclass for a real report."""

    format_version: ClassVar[FormatVersion]

    agency: Agency = field("报告机关", "The agency whose report it is.")
    year: int = field("年度", "The calendar year reported on.", validator=_year)
    title: str | None = field(
        "标题", "The title as printed.", default=None, validator=optional_text
    )
    published_on: date | None = field("发布日期", "Publication date.", default=None)
    url: str | None = field(
        "原文链接", "Where it was published.", default=None, validator=optional_url
    )
    preamble: tuple[str, ...] = field(
        "引言", "Paragraphs before the first numbered heading, verbatim.", default=()
    )
    sections: tuple[Section, ...] = field(
        "正文章节", "The numbered sections, verbatim.", default=()
    )
    closing: tuple[str, ...] = field(
        "落款", "Lines after the last section (signature, date), verbatim.", default=()
    )
    figures: tuple[Figure, ...] = field(
        "文中数据",
        "Figures quoted in the narrative.",
        default=(),
        label_en="Figures quoted in the report",
    )
    channels: tuple[DisclosureChannel, ...] = field(
        "公开渠道", "Disclosure channels the report names.", default=()
    )
    processing_fee: Money | None = field(
        "信息处理费", "Fees charged for providing information in the year (收费情况).", default=None
    )

    def walk_sections(self) -> Iterator[Section]:
        """Every section and subsection, depth first."""
        for section in self.sections:
            yield from section.walk()


@attrs.frozen(kw_only=True)
class AnnualReport2008(AnnualReport):
    """A 2008-era report (2008–2018): free text, figures, and any local statistics table."""

    format_version: ClassVar[FormatVersion] = FormatVersion.LEGACY_2008

    statistics_title: str | None = field(
        "统计表名称",
        "Title of the local statistics table, if any.",
        default=None,
        validator=optional_text,
    )
    statistics: tuple[LegacyIndicator, ...] = field(
        "统计表",
        "Rows of the local statistics table, in printed order.",
        default=(),
        label_en="Statistics table",
    )


def _rows_of(version: FormatVersion) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: ApplicationTable | None) -> None:
        if value is None:
            return
        expected = version.application_rows
        if value.row_codes != expected:
            missing = [r.code for r in expected if r not in value.row_codes]
            extra = [r.code for r in value.row_codes if r not in expected]
            detail = (
                f"missing {missing}"
                if missing
                else f"unexpected {extra}"
                if extra
                else "out of order"
            )
            raise InvalidValue(
                attribute.name,
                f"table 3 must have the {len(expected)} rows of format {version.code}"
                f" in order ({detail})",
                f"表三应按{version.code}年格式依次包含{len(expected)}行",
            )

    return check


@attrs.frozen(kw_only=True)
class AnnualReport2019(AnnualReport):
    """A report in the 2019 trial national format (国办公开办函〔2019〕60号)."""

    format_version: ClassVar[FormatVersion] = FormatVersion.TRIAL_2019

    proactive: ProactiveTable2019 | None = field("主动公开政府信息情况", "Table 2.", default=None)
    applications: ApplicationTable | None = field(
        "收到和处理政府信息公开申请情况",
        "Table 3.",
        default=None,
        validator=_rows_of(FormatVersion.TRIAL_2019),
    )
    reviews: ReviewTable | None = field(
        "政府信息公开行政复议、行政诉讼情况", "Table 4.", default=None
    )


@attrs.frozen(kw_only=True)
class AnnualReport2021(AnnualReport):
    """A report in the 2021 national format (国办公开办函〔2021〕30号)."""

    format_version: ClassVar[FormatVersion] = FormatVersion.NATIONAL_2021

    proactive: ProactiveTable2021 | None = field("主动公开政府信息情况", "Table 2.", default=None)
    applications: ApplicationTable | None = field(
        "收到和处理政府信息公开申请情况",
        "Table 3.",
        default=None,
        validator=_rows_of(FormatVersion.NATIONAL_2021),
    )
    reviews: ReviewTable | None = field(
        "政府信息公开行政复议、行政诉讼情况", "Table 4.", default=None
    )
