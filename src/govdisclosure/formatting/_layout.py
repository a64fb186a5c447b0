"""The static layout of the national tables, in Chinese and English (used by ``render``).

Labels that are not members of a model enum (the blocks and columns of table 2, the header cells
of tables 3 and 4, the national section headings) are kept here as ``(code, zh, en)`` data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govdisclosure.model.layout import FormatVersion

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "NATIONAL_HEADINGS",
    "STATIC",
    "TABLE_SECTIONS",
    "Block",
    "Column",
    "RowSpec",
    "proactive_blocks",
]

# Static labels: key -> (zh, en).
STATIC: dict[str, tuple[str, str]] = {
    "note": (
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "(In this column, item I plus item II equals item III plus item IV)",
    ),
    "applicants": ("申请人情况", "Applicants"),
    "organisations": ("法人或其他组织", "legal persons or other organisations"),
    "total": ("总计", "total"),
    "outcomes": ("三、本年度办理结果", "III. outcomes this year"),
    "content": ("信息内容", "information"),
    "reconsideration": ("行政复议", "administrative reconsideration"),
    "litigation": ("行政诉讼", "administrative litigation"),
    "figures": ("文中数据", "Figures quoted in the report"),
    "statistics": ("统计表", "Statistics table"),
    "indicator": ("指标名称", "indicator"),
    "unit": ("计量单位", "unit"),
    "this_year": ("本年度", "this year"),
    "cumulative": ("历年累计", "cumulative"),
    "separator": ("：", ": "),
}

# The six sections of the national format: (number, zh, en).
NATIONAL_HEADINGS: tuple[tuple[int, str, str], ...] = (
    (1, "总体情况", "Overview"),
    (2, "主动公开政府信息情况", "Proactive disclosure of government information"),
    (3, "收到和处理政府信息公开申请情况", "Applications received and handled"),
    (
        4,
        "政府信息公开行政复议、行政诉讼情况",
        "Administrative reconsideration and litigation concerning disclosure",
    ),
    (5, "存在的主要问题及改进情况", "Main problems and improvements"),
    (6, "其他需要报告的事项", "Other matters to report"),
)

# Which national section each table goes under.
TABLE_SECTIONS = {"proactive": 2, "applications": 3, "reviews": 4}


class Column:
    """A data column of a table-2 block: code, labels and how many grid columns it spans."""

    __slots__ = ("code", "en", "span", "zh")

    def __init__(self, code: str, zh: str, en: str, span: int = 1) -> None:
        self.code = code
        self.zh = zh
        self.en = en
        self.span = span


class RowSpec:
    """A data row of a table-2 block: code, labels and a getter for its cells."""

    __slots__ = ("code", "en", "get", "zh")

    def __init__(self, code: str, zh: str, en: str, get: Callable[[Any], tuple[Any, ...]]) -> None:
        self.code = code
        self.zh = zh
        self.en = en
        self.get = get


class Block:
    """A block of table 2 (第二十条第（一）项 …): its title, columns and rows."""

    __slots__ = ("columns", "en", "rows", "zh")

    def __init__(
        self, zh: str, en: str, columns: tuple[Column, ...], rows: tuple[RowSpec, ...]
    ) -> None:
        self.zh = zh
        self.en = en
        self.columns = columns
        self.rows = rows


def _documents_2019(name: str) -> Callable[[Any], tuple[Any, ...]]:
    def get(table: Any) -> tuple[Any, ...]:
        counts = getattr(table, name)
        return (counts.made, counts.published, counts.total_published)

    return get


def _items_2019(name: str) -> Callable[[Any], tuple[Any, ...]]:
    def get(table: Any) -> tuple[Any, ...]:
        counts = getattr(table, name)
        return (counts.previous_year, counts.change, counts.decisions)

    return get


def _documents_2021(name: str) -> Callable[[Any], tuple[Any, ...]]:
    def get(table: Any) -> tuple[Any, ...]:
        counts = getattr(table, name)
        return (counts.issued, counts.repealed, counts.in_force)

    return get


def _single(name: str) -> Callable[[Any], tuple[Any, ...]]:
    def get(table: Any) -> tuple[Any, ...]:
        return (getattr(table, name),)

    return get


_ITEMS_2019 = (
    Column("previous_year", "上一年项目数量", "items last year"),
    Column("change", "本年增/减", "change this year", 2),
    Column("decisions", "处理决定数量", "decisions"),
)

_BLOCKS_2019 = (
    Block(
        "第二十条第（一）项",
        "Article 20 (1)",
        (
            Column("made", "本年新制作数量", "newly made this year"),
            Column("published", "本年新公开数量", "newly published this year", 2),
            Column("total_published", "对外公开总数量", "published in total"),
        ),
        (
            RowSpec("regulations", "规章", "rules", _documents_2019("regulations")),
            RowSpec(
                "normative_documents",
                "规范性文件",
                "normative documents",
                _documents_2019("normative_documents"),
            ),
        ),
    ),
    Block(
        "第二十条第（五）项",
        "Article 20 (5)",
        _ITEMS_2019,
        (
            RowSpec("licensing", "行政许可", "administrative licensing", _items_2019("licensing")),
            RowSpec(
                "other_services",
                "其他对外管理服务事项",
                "other external management services",
                _items_2019("other_services"),
            ),
        ),
    ),
    Block(
        "第二十条第（六）项",
        "Article 20 (6)",
        _ITEMS_2019,
        (
            RowSpec("penalties", "行政处罚", "administrative penalties", _items_2019("penalties")),
            RowSpec(
                "compulsory_measures",
                "行政强制",
                "administrative compulsory measures",
                _items_2019("compulsory_measures"),
            ),
        ),
    ),
    Block(
        "第二十条第（八）项",
        "Article 20 (8)",
        (
            Column("previous_year", "上一年项目数量", "items last year", 2),
            Column("change", "本年增/减", "change this year", 2),
        ),
        (
            RowSpec(
                "fees",
                "行政事业性收费",
                "administrative fees",
                lambda t: (t.fees.previous_year, t.fees.change),
            ),
        ),
    ),
    Block(
        "第二十条第（九）项",
        "Article 20 (9)",
        (
            Column("projects", "采购项目数量", "procurement projects", 2),
            Column("total_amount", "采购总金额", "total amount", 2),
        ),
        (
            RowSpec(
                "procurement",
                "政府集中采购",
                "centralised government procurement",
                lambda t: (t.procurement.projects, t.procurement.total_amount),
            ),
        ),
    ),
)

_DECISIONS_2021 = (Column("decisions", "本年处理决定数量", "decisions this year", 3),)

_BLOCKS_2021 = (
    Block(
        "第二十条第（一）项",
        "Article 20 (1)",
        (
            Column("issued", "本年制发件数", "issued this year"),
            Column("repealed", "本年废止件数", "repealed this year"),
            Column("in_force", "现行有效件数", "in force"),
        ),
        (
            RowSpec("regulations", "规章", "rules", _documents_2021("regulations")),
            RowSpec(
                "normative_documents",
                "行政规范性文件",
                "administrative normative documents",
                _documents_2021("normative_documents"),
            ),
        ),
    ),
    Block(
        "第二十条第（五）项",
        "Article 20 (5)",
        _DECISIONS_2021,
        (RowSpec("licensing", "行政许可", "administrative licensing", _single("licensing")),),
    ),
    Block(
        "第二十条第（六）项",
        "Article 20 (6)",
        _DECISIONS_2021,
        (
            RowSpec("penalties", "行政处罚", "administrative penalties", _single("penalties")),
            RowSpec(
                "compulsory_measures",
                "行政强制",
                "administrative compulsory measures",
                _single("compulsory_measures"),
            ),
        ),
    ),
    Block(
        "第二十条第（八）项",
        "Article 20 (8)",
        (
            Column(
                "fee_amount",
                "本年收费金额（单位：万元）",
                "fees collected this year (10,000 yuan)",
                3,
            ),
        ),
        (RowSpec("fees", "行政事业性收费", "administrative fees", _single("fee_amount")),),
    ),
)


def proactive_blocks(version: FormatVersion) -> tuple[Block, ...]:
    """The blocks of table 2 in a national format version."""
    return _BLOCKS_2019 if version is FormatVersion.TRIAL_2019 else _BLOCKS_2021
