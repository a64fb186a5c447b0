"""Blocks to a report: format, year and agency; sections and figures; tables 2, 3 and 4.

The interpreter does not care which reader produced the blocks. Table rows are recognised by
their labels through the alias table; a table continued on the next page (a new block) simply
contributes more labelled rows. Every cell read is recorded with its origin; every row or label
not recognised, every cell recovered from a run of digits and every ambiguity is a diagnostic.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.errors import ParseError
from govdisclosure.model.base import MAX_COUNT, URL_PATTERN
from govdisclosure.model.form import CellKind, Column, FormTable, form_of
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReportPart
from govdisclosure.model.quantity import Money, MoneyUnit
from govdisclosure.model.report import (
    AnnualReport,
    AnnualReport2008,
    AnnualReport2019,
    AnnualReport2021,
    LegacyIndicator,
    Section,
)
from govdisclosure.parse._blocks import Block, Origin, TableBlock, TableCell, TextBlock
from govdisclosure.parse._figures import extract_figures, processing_fee
from govdisclosure.parse._labels import (
    HEADING_VARIANTS,
    PRINTED_ROW,
    agency_from_name,
    aliases_of,
    compact,
    match_application_row,
    match_proactive_row,
    number_value,
    strip_numbering,
    to_ascii,
)
from govdisclosure.parse._recover import (
    RowRecovery,
    recover_application_table,
    recover_review_cells,
    split_run,
)
from govdisclosure.parse._result import Diagnostic, DiagnosticKind, ParseResult, TableStatus

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from govdisclosure.model.report import Figure

__all__ = ["Hints", "interpret"]

_D = DiagnosticKind


@attrs.frozen
class Hints:
    """What a reader knows besides its blocks (a page title, a crawl header, embedded metadata)."""

    title: str | None = None
    published_on: str | None = None
    url: str | None = None
    publisher: str | None = None
    meta: Mapping[str, Any] | None = None
    source_format: str = "text"
    page_title: str | None = None
    """An HTML page's ``<title>`` (a title candidate when the page prints none)."""
    agency: str | None = None
    """The agency as the caller knows it (a crawled dataset keeps the title elsewhere)."""
    year: int | None = None
    """The report year as the caller knows it."""
    narrative_hints: bool = True
    """Whether a sentence naming a cell (本年新收政府信息公开申请75件) may choose among the splits
    of a run of digits."""
    notes: tuple[tuple[str, str], ...] = ()
    """What reading the source decided (a charset ignored, lone surrogates replaced), in English
    and Chinese: each becomes a format diagnostic."""


# What a report's title is about: 政府信息公开, 政务公开, or (a department's) 信息公开.
_ABOUT = r"(?:政府信息公开|政务公开|信息公开)"
_TITLE_A = re.compile(rf"^(?P<agency>.{{2,60}}?)(?P<year>(?:19|20)[0-9]{{2}})(?:年度?)?{_ABOUT}")
_TITLE_B = re.compile(rf"^(?P<year>(?:19|20)[0-9]{{2}})年度?(?P<agency>.{{2,60}}?){_ABOUT}")
# 某某市人民政府政府信息公开工作年度报告（2023年）: the year after the title.
_TITLE_C = re.compile(
    rf"^(?P<agency>.{{2,60}}?){_ABOUT}工作年度报告[（(](?P<year>(?:19|20)[0-9]{{2}})(?:年度?)?[）)]$"
)
_TITLES = (_TITLE_A, _TITLE_B, _TITLE_C)
_YEAR_AFTER = re.compile(r"\s*[（(]\s*(?:19|20)[0-9\s]{2,6}(?:年度?)?\s*[）)]")
# What precedes 政府信息公开 in a title without an agency (2023年政府信息公开工作年度报告).
_NOT_AGENCIES = frozenset({"政府", "度政府", "本机关", "我局", "本局"})
# What comes before a title in converted or crawled text: a markdown heading mark, 正文.
_TITLE_CHROME = re.compile(r"^(?:#+|正文[:：]?)+")
# A sentence, not a name: an agency's name has no sentence punctuation or book-title marks.
_NOT_IN_NAMES = re.compile(r"[，。；：！？《》〈〉“”,;:!?]|编制|根据|依据")
# The statistics period of the narrative or table (统计期限为2023年1月1日至12月31日).
_PERIOD = re.compile(
    r"(?:统计期限|统计时限|统计时间|统计期)[为是自从：:]*(?P<year>(?:19|20)[0-9]{2})年1月1日[至到—-]"
    r"(?:(?P=year)年)?12月31日"
)
# Who wrote the report, in its first sentence (本报告…由某某县人民政府办公室编制).
_COMPILER = re.compile(
    r"由(?P<agency>[^，。；、由《]{2,40}?)(?:根据[^。]{0,80}?)?(?:负责)?(?:编制|起草|编写|发布)"
)
# A name that ends like an agency (so a clause is not mistaken for one).
_AGENCY_END = re.compile(
    r"(?:人民政府|办公厅|办公室|委员会|管委会|管理委员会|局|厅|委|办|署|院|中心|公司|集团|"
    r"街道办事处|街道|镇|乡|所|站|会|部|处|队|馆|学校|大学)$"
)
_H1 = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_H2 = re.compile(r"^（[一二三四五六七八九十]{1,3}）")
_DATE_LINE = re.compile(
    r"^[〇○零一二三四五六七八九十0-9]{4}年[〇○一二三四五六七八九十0-9]{1,3}月[〇○一二三四五六七八九十0-9]{1,3}日$"
)
_PUBLISHED = re.compile(r"^(?:发布日期|发布时间|日期)[:：]\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_CHROME = re.compile(
    r"^(?:当前位置|您当前的位置|您的位置|分享到|上一篇|下一篇|打印本页|关闭窗口|【|来源[:：]|"
    r"时间[:：]|浏览次数|字号|微信$|微博$|QQ空间$|全真版$|文字版$|文件下载$|相关链接|-->|"
    r"附件下载$|首页|扫一扫|打印$|关闭$|收藏$)"
)


# What agencies print in a cell that has no figure: blank, not zero (a printed 0 is 0).
_BLANKS = frozenset({"-", "—", "\uff0d", "/", "\uff0f", "\\", "无", "——", "--"})


def _diag(kind: DiagnosticKind, en: str, zh: str, **kw: Any) -> Diagnostic:
    return Diagnostic(kind=kind, message=en, message_zh=zh, **kw)


class _Reader:
    """State of one interpretation: the diagnostics collected so far."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.origins: dict[str, Origin] = {}  # cell path -> where it was read
        self.placed: set[int] = set()  # ids of cells placed by a unique recovery
        self.placed_paths: set[str] = set()

    def note(self, kind: DiagnosticKind, en: str, zh: str, **kw: Any) -> None:
        self.diagnostics.append(_diag(kind, en, zh, **kw))

    def blank(
        self,
        kind: DiagnosticKind,
        en: str,
        zh: str,
        width: int,
        path: str,
        origin: Origin | None = None,
    ) -> list[TableCell | None]:
        """``width`` cells left blank at ``path``, with the diagnostic saying why."""
        self.note(kind, f"{en}; left blank", f"{zh}，按空白处理", path=path, origin=origin)
        return [None] * width

    def miscounted(
        self, what: tuple[str, str], found: int, width: int, path: str, origin: Origin | None
    ) -> list[TableCell | None]:
        """A row or table (``what``: its English and Chinese name) printed with ``found``
        cells where the form has ``width``: blank."""
        en = f"{what[0]} has {found} cells, expected {width}"
        return self.blank(_D.CELL_COUNT, en, f"{what[1]}有{found}个单元格，应为{width}个", width,
                          path, origin)  # fmt: skip

    def missing(self, what: tuple[str, str], width: int, path: str) -> list[TableCell | None]:
        """A row (``what``: its English and Chinese name) not found: blank."""
        return self.blank(_D.MISSING, f"{what[0]} not found", f"未找到{what[1]}", width, path)

    def invalid(self, cell: TableCell, text: str, what: tuple[str, str], path: str) -> None:
        """A cell that is not what its column holds (``what``: a whole number, an amount)."""
        self.blank(_D.INVALID_CELL, f"expected {what[0]}, found {text!r}",
                   f"应为{what[1]}，实际为“{text}”", 0, path, cell.origin)  # fmt: skip

    # --- cells ------------------------------------------------------------------------------

    def source(self, cell: TableCell, path: str) -> None:
        """Record where the cell at ``path`` was read (provenance, not a diagnostic)."""
        self.origins[path] = cell.origin
        if self.placed and id(cell) in self.placed:
            self.placed_paths.add(path)

    def value(self, cell: TableCell, path: str, column: Column) -> Any:
        """A cell read as the form's column says: a count, an amount in the column's unit, or
        money carrying its own unit."""
        if column.kind is CellKind.COUNT:
            return self.count(cell, path, signed=column.signed)
        if column.unit is None:
            return self.money(cell, path)
        return self.decimal(cell, path)

    def count(self, cell: TableCell, path: str, signed: bool = False) -> int | None:
        """A count cell: blank is None, a number is an int; anything else is a diagnostic."""
        self.source(cell, path)
        text = cell.text
        if text.isascii() and text.isdigit():  # most cells
            if len(text) <= 15:  # at most 999,999,999,999,999 < MAX_COUNT
                return int(text)
            value: int | Decimal | None = int(text) if len(text) <= 30 else None
        else:
            text = text.strip()
            if not text or text in _BLANKS:
                return None
            value = number_value(text)
        if type(value) is int and (signed or value >= 0):
            if -MAX_COUNT <= value <= MAX_COUNT:
                return value
            en = f"{text!r} is larger than any count ({MAX_COUNT}, 2**53 - 1)"
            self.blank(_D.INVALID_CELL, en, f"“{text}”超出计数上限（{MAX_COUNT}）", 0, path,
                       cell.origin)  # fmt: skip
            return None
        self.invalid(cell, text, ("a whole number", "整数"), path)
        return None

    def decimal(self, cell: TableCell, path: str) -> Decimal | None:
        self.source(cell, path)
        text = to_ascii(cell.text).strip().removesuffix("万元")
        if not text:
            return None
        value = number_value(text)
        if value is None or value < 0:
            self.invalid(cell, cell.text, ("an amount", "金额"), path)
            return None
        return Decimal(str(value))

    def money(self, cell: TableCell, path: str) -> Money | None:
        text = to_ascii(cell.text).strip()
        unit = MoneyUnit.WAN_YUAN if text.endswith("万元") else MoneyUnit.YUAN
        amount = self.decimal(
            attrs.evolve(cell, text=text.removesuffix("万元").removesuffix("元")), path
        )
        return None if amount is None else Money(amount, unit)

    # --- recovery ---------------------------------------------------------------------------

    def split(
        self, cell: TableCell, width: int, path: str, total_last: bool
    ) -> list[TableCell | None]:
        """Cells recovered from a digit run (table 2), or blanks when the split is not unique."""
        run = to_ascii(cell.text)
        if not run.isdigit() or len(run) > _MAX_RUN:
            en = f"expected {width} cells, found {cell.text!r}"
            zh = f"应有{width}个单元格，实际为“{cell.text}”"
            return self.blank(_D.CELL_COUNT, en, zh, width, path, cell.origin)
        return self.recovered(
            cell, run, lambda: split_run(run, width, total_last=total_last, limit=50), width, path
        )

    def recovered(
        self,
        cell: TableCell,
        run: str,
        splits: Callable[[], Sequence[tuple[int, ...]]],
        width: int,
        path: str,
    ) -> list[TableCell | None]:
        """The cells of a digit run as ``splits`` lists its candidates (none when there are more
        than are worth listing, or the run is too long), resolved: placed if only one fits."""
        candidates: Sequence[tuple[int, ...]] = ()
        if len(run) <= _MAX_RUN:
            with contextlib.suppress(ParseError):  # more splits than are worth listing
                candidates = tuple(splits())
        return self.resolved(cell, run, candidates, width, path)

    def resolved(
        self,
        cell: TableCell,
        run: str,
        candidates: Sequence[tuple[int, ...]],
        width: int,
        path: str,
    ) -> list[TableCell | None]:
        if len(candidates) == 1:
            self.note(
                _D.RECOVERED,
                f"cells {candidates[0]} recovered from the run {run!r}",
                f"由数字串“{run}”恢复出单元格{candidates[0]}",
                path=path,
                origin=cell.origin,
                candidates=tuple(candidates),
            )
            placed: list[TableCell | None] = [
                attrs.evolve(cell, text=str(v)) for v in candidates[0]
            ]
            self.placed.update(map(id, placed))
            return placed
        shown = ", ".join(str(c) for c in candidates[:5])
        more = f" and {len(candidates) - 5} more" if len(candidates) > 5 else ""
        self.note(
            _D.AMBIGUOUS,
            f"the run {run!r} splits into {width} cells in {len(candidates)} ways"
            f" ({shown}{more}); left blank",
            f"数字串“{run}”拆分为{width}个单元格有{len(candidates)}种可能，按空白处理",
            path=path,
            origin=cell.origin,
            candidates=tuple(candidates),
        )
        return [None] * width


# --- tables -------------------------------------------------------------------------------------


def _rows(block: TableBlock) -> list[list[TableCell]]:
    """The cells of a table row by row, each row left to right."""
    # The readers give cells row by row, left to right: then one pass groups them; any other
    # order is sorted.
    rows: list[list[TableCell]] = []
    row = column = -1
    for cell in block.cells:
        if cell.row == row and cell.column > column:
            rows[-1].append(cell)
        elif cell.row > row:
            rows.append([cell])
            row = cell.row
        else:
            return _sorted_rows(block)
        column = cell.column
    return rows


def _sorted_rows(block: TableBlock) -> list[list[TableCell]]:
    by_row: dict[int, list[TableCell]] = {}
    for cell in block.cells:
        by_row.setdefault(cell.row, []).append(cell)
    return [sorted(by_row[r], key=lambda c: c.column) for r in sorted(by_row)]


_NOT_DIGITS = re.compile(r"[\s约近余多个件条元万,.%+-]")


@lru_cache(maxsize=4096)
def _is_value_text(text: str) -> bool:
    """Whether a cell's text (not plain digits: those are values) is blank or a mark for blank
    (- / 无), or a number perhaps with a unit or qualifier (约3 is a bad cell, not a label);
    cached: the same labels and marks recur in every table of every report."""
    text = to_ascii(text).strip()
    if text in _BLANKS:
        return True
    return not text or text.isdigit() or (len(text) <= 20 and _NOT_DIGITS.sub("", text).isdigit())


def _split_label(row: list[TableCell]) -> tuple[list[TableCell], list[TableCell]]:
    """Label cells (up to the last non-numeric cell) and value cells after them."""
    # The last label cell is the first non-value from the end: most cells are digits, so the
    # test is inlined (this runs for every row of every table).
    is_value = _is_value_text
    for index in range(len(row) - 1, -1, -1):
        text = row[index].text
        if text and not text.isdigit() and not is_value(text):
            return row[: index + 1], row[index + 1 :]
    return [], row


_ALL_ROWS = frozenset(ApplicationRow)
_WIDTH = 7  # cells of a row of table 3
# Seven cells of at most seven digits: a longer run is not a row whose separators were lost.
_MAX_RUN = 49


_ROW_BY_CODE = {row.code: row for row in ApplicationRow}


def _application_row(labels: list[TableCell]) -> tuple[ApplicationRow, str] | None:
    key = labels[-1].key
    if key is not None:  # the reader found the row by its label already
        row = _ROW_BY_CODE.get(key)
        return None if row is None else (row, aliases_of(row)[0])
    # The last label cell is never blank: a blank cell is a value (see _split_label).
    texts = [c.text for c in labels if c.text.strip()]
    found = match_application_row(texts[-1], _ALL_ROWS)
    if found is None and len(texts) > 1:
        found = match_application_row("".join(texts), _ALL_ROWS)
    return found


@attrs.frozen
class _Seen:
    """A printed row of table 3 in reading order: its value cells, its label cell (``None``
    for none), the rows the label allows (one when it names a row, several for a fragment,
    ``None`` for no label) and whether it can be one form row (not a label naming no row)."""

    values: list[TableCell]
    label: TableCell | None
    rows: frozenset[ApplicationRow] | None
    width: bool = True


@attrs.define
class _Tables:
    applications: dict[ApplicationRow, tuple[list[TableCell], TableCell]] = attrs.field(
        factory=dict
    )
    #: Every printed row of table 3 in reading order, labelled or not (see :mod:`._align`).
    sequence: list[_Seen] = attrs.field(factory=list)
    proactive: dict[str, tuple[list[TableCell], TableCell]] = attrs.field(factory=dict)
    reviews: list[TableCell] | None = None
    statistics: list[list[TableCell]] = attrs.field(factory=list)
    statistics_title: str | None = None
    trial_proactive: bool = False
    found_any: bool = False


def _classify(blocks: Sequence[Block], reader: _Reader) -> _Tables:
    tables = _Tables()
    previous_text: str | None = None
    expect_reviews = False
    for block in blocks:
        if isinstance(block, TextBlock):
            previous_text = block.text
            continue
        rows = _rows(block)
        texts = {compact(c.text) for c in block.cells}
        # One string to search for the header words (they never span two cells' texts).
        joined = "\n".join(texts)
        if "指标名称" in texts:
            tables.found_any = True
            tables.statistics.extend(rows[1:])
            if previous_text and previous_text.endswith("统计表") and previous_text != "统计表":
                tables.statistics_title = previous_text
            continue
        if "本年新制作" in joined or "上一年项目数量" in joined:
            tables.trial_proactive = True
        review_header = "行政复议" in joined or "结果维持" in joined
        matched_any = False
        seen: list[_Seen] = []  # this block's rows of table 3, if it is part of table 3
        fragments: list[_Seen] = []
        table3 = False
        for row in rows:
            labels, values = _split_label(row)
            if not labels:
                if (
                    (review_header or expect_reviews)
                    and tables.reviews is None
                    and any(v.text.strip() for v in values)
                ):
                    tables.reviews = values
                    tables.found_any = True
                    expect_reviews = False
                elif any(_is_count(v) for v in values):
                    seen.append(_Seen(values, None, None, _seven(values) is not None))
                continue
            if not values:
                # A label the text reader found without numbers (a column-major group): where
                # it stands still fixes the order of the rows around it.
                if (
                    labels[-1].key is not None
                    and (found := _application_row(labels))
                    and found[0] not in tables.applications
                ):
                    seen.append(_Seen([], labels[-1], frozenset({found[0]})))
                continue
            found = _application_row(labels)
            if found is not None:
                row_code, alias = found
                matched_any = True
                tables.found_any = True
                if row_code in tables.applications:
                    reader.note(
                        _D.UNRECOGNISED,
                        f"row {row_code.label!r} appears twice; the second is ignored",
                        f"行“{row_code.label}”重复出现，已忽略第二次",
                        origin=labels[-1].origin,
                    )
                    continue
                _alias_note(reader, row_code.label, aliases_of(row_code)[0], alias, labels[-1])
                tables.applications[row_code] = (values, labels[-1])
                seen.append(_Seen(values, labels[-1], frozenset({row_code})))
                table3 = True
                continue
            part_of = _fragment_rows(labels)
            if part_of and _seven(values) is not None:
                fragments.append(entry := _Seen(values, labels[-1], part_of))
                seen.append(entry)
                continue
            key = labels[-1].key or match_proactive_row(labels[-1].text)
            if key is not None:
                matched_any = True
                tables.found_any = True
                tables.proactive.setdefault(key, (values, labels[-1]))
                continue
            if review_header and compact(labels[-1].text) == "行政复议" and tables.reviews is None:
                tables.reviews = values
                tables.found_any = True
                continue
            if any(v.text.strip() for v in values):
                _unrecognised(reader, labels)
                if any(_is_count(v) for v in values):
                    seen.append(_Seen(values, labels[-1], None, width=False))
        if table3:
            tables.sequence.extend(seen)
        else:
            for entry in fragments:
                assert entry.label is not None
                _unrecognised(reader, [entry.label])
        if review_header and tables.reviews is None:
            expect_reviews = True
        elif not matched_any and not review_header:
            expect_reviews = False
    return tables


def _unrecognised(reader: _Reader, labels: Sequence[TableCell]) -> None:
    label_text = "".join(c.text for c in labels)
    reader.note(
        _D.UNRECOGNISED,
        f"row label {label_text!r} not recognised; its cells are ignored",
        f"无法识别行标签“{label_text}”，该行数据未读取",
        origin=labels[0].origin,
    )


@lru_cache(maxsize=1024)
def _rows_containing(fragment: str) -> frozenset[ApplicationRow]:
    return frozenset(row for row in ApplicationRow if fragment in compact(row.label))


def _fragment_rows(labels: Sequence[TableCell]) -> frozenset[ApplicationRow]:
    """The rows whose label contains what a row prints as its label, when that is a piece of
    a label rather than a whole one (``行政机关不再处理其政府信息公``): at least four
    characters, numbering aside."""
    for text in (labels[-1].text, "".join(c.text for c in labels)):
        fragment = compact(strip_numbering(text))
        if len(fragment) >= 4 and (rows := _rows_containing(fragment)):
            return rows
    return frozenset()


def _seven(values: Sequence[TableCell]) -> list[TableCell] | None:
    """A row's seven cells (blank cells beyond seven trimmed), or ``None`` if it has not seven
    cells that are counts or blank."""
    values = list(values)
    while len(values) > _WIDTH and not values[0].text.strip():
        values = values[1:]
    while len(values) > _WIDTH and not values[-1].text.strip():
        values = values[:-1]
    if len(values) != _WIDTH or not all(_is_count(v) or not v.text.strip() for v in values):
        return None
    return values


def _alias_note(reader: _Reader, label: str, canonical: str, alias: str, cell: TableCell) -> None:
    if compact(alias) in compact(canonical) and compact(canonical) in compact(cell.text):
        return
    if compact(alias) == compact(label) == compact(cell.text):
        return  # the row's own numbered label (3.其他), as printed
    if compact(alias) == compact(canonical):
        return
    reader.note(
        _D.LABEL_VARIANT,
        f"{cell.text!r} read as {label!r} (variant {alias!r})",
        f"“{cell.text}”按“{label}”读取（变体“{alias}”）",
        origin=cell.origin,
    )


def _is_count(cell: TableCell) -> bool:
    text = to_ascii(cell.text).strip()
    return text.isdigit() and len(text) <= 9


def _expand(sequence: Sequence[_Seen]) -> list[_Seen]:
    """The printed rows, a plain-text row holding several rows' numbers cut into rows.

    The text reader gives a label the numbers up to the next label found: where labels were
    lost, those are its row's seven and then the rows' after it (row by row; not after a group
    of labels without numbers, where they may run column by column)."""
    out: list[_Seen] = []
    for entry in sequence:
        label = entry.label
        values = [v for v in entry.values if v.text.strip()]
        if (
            label is None
            or label.key is None
            or len(values) < 2 * _WIDTH
            or len(values) % _WIDTH
            or not all(map(_is_count, values))
            or (out and not out[-1].values)
        ):
            out.append(entry)
            continue
        out.append(attrs.evolve(entry, values=values[:_WIDTH]))
        for at in range(_WIDTH, len(values), _WIDTH):
            out.append(_Seen(values[at : at + _WIDTH], None, None))
    return out


def _counts(values: Sequence[TableCell]) -> tuple[int, ...] | None:
    cells = _seven(values)
    if cells is None or not all(_is_count(c) for c in cells):
        return None
    return tuple(int(to_ascii(c.text).strip()) for c in cells)


def _align(
    tables: _Tables, version: FormatVersion, reader: _Reader
) -> dict[ApplicationRow, tuple[list[TableCell], TableCell]]:
    """Rows whose label was lost (a PDF-to-markdown or PDF-to-text conversion) placed on the
    form's rows by :func:`~govdisclosure.parse._align.align_rows`: the form fixes the order,
    the labels that survive anchor it and the identities choose among what remains; a row is
    placed only where every alignment that fits puts it, else it is left blank with the rows it
    could be. A placed row's own 总计 is the sum of its cells and every identity holds where its
    cells are known, so a run of digits recovered afterwards (held to the same identities) cannot
    break one."""
    from govdisclosure.parse._align import Printed, align_rows

    out = dict(tables.applications)
    sequence = _expand(tables.sequence)
    if all(e.label is not None and e.width and e.rows and len(e.rows) == 1 for e in sequence):
        return out  # every row has its label: nothing to align
    printed = [Printed(e.rows, _counts(e.values), e.width) for e in sequence]
    alignment = align_rows(version, printed)
    for index, entry in enumerate(sequence):
        if entry.label is not None and printed[index].anchor and alignment.splits:
            row = next(iter(entry.rows or ()))
            if row in out:
                out[row] = (entry.values, entry.label)  # its own seven, when cut from more
    for index, row in alignment.placed.items():
        entry = sequence[index]
        cells = list(entry.values)
        out[row] = (cells, entry.label or cells[0])
        reader.placed.update(map(id, cells))
        what = "an unlabelled row" if entry.label is None else f"the row {entry.label.text!r}"
        reader.note(
            _D.RECOVERED,
            f"{what} placed as {row.label!r} (the form's row order, the labels that survive"
            f" and the table's identities)",
            f"无完整标签的一行按表格行序及恒等式归入“{row.label}”",
            path=f"$.applications.{row.code}",
            origin=cells[0].origin,
        )
    layout = version.application_rows
    for index, rows in alignment.ambiguous.items():
        entry = sequence[index]
        shown = ", ".join(repr(r.code) for r in rows) or "no row (no alignment fits)"
        printed_cells = " | ".join(v.text for v in entry.values)
        reader.note(
            _D.AMBIGUOUS,
            f"a row without its label ({printed_cells}) could be {shown}; left blank",
            f"无完整标签的一行（{printed_cells}）无法唯一归位，按空白处理",
            path="$.applications",
            origin=entry.values[0].origin if entry.values else None,
            candidates=tuple((layout.index(r) + 1,) for r in rows),
        )
    return out


def _application_table(
    tables: _Tables,
    version: FormatVersion,
    reader: _Reader,
    hints: Mapping[ApplicationRow, int],
) -> Any:
    if not tables.applications:
        return None
    layout = version.application_rows
    aligned = _align(tables, version, reader)
    cells: dict[ApplicationRow, list[TableCell | None]] = {}
    runs: dict[ApplicationRow, TableCell] = {}
    for row in layout:
        path = f"$.applications.{row.code}"
        found = aligned.get(row)
        named = (f"row {row.label!r}", f"行“{row.label}”")
        if found is None:
            cells[row] = reader.missing(named, 7, path)
            continue
        values, label = found
        while len(values) > 7 and not values[0].text.strip():
            values = values[1:]  # a blank cell under the label columns
        if len(values) > 7 and not any(v.text.strip() for v in values[7:]):
            values = values[:7]
        if len(values) == 7:
            cells[row] = list(values)
        elif len(values) == 1 and to_ascii(values[0].text).strip().isdigit():
            cells[row] = [None] * 7
            if len(values[0].text.strip()) > _MAX_RUN:
                en = (f"row {row.label!r} holds a run of {len(values[0].text.strip())} digits,"
                      f" too long for 7 cells")  # fmt: skip
                zh = f"行“{row.label}”的数字串过长，无法拆分为7个单元格"
                reader.blank(_D.CELL_COUNT, en, zh, 7, path, values[0].origin)
            else:
                runs[row] = values[0]
        else:
            cells[row] = reader.miscounted(named, len(values), 7, path, label.origin)
    single = tables.applications.get(ApplicationRow.OTHER)
    if version is FormatVersion.NATIONAL_2021 and single is not None:
        _single_other_row(cells, single, reader)
    for row in tables.applications:
        if row is ApplicationRow.OTHER and version is FormatVersion.NATIONAL_2021:
            continue
        if row not in layout:
            reader.note(
                _D.UNRECOGNISED,
                f"row {row.label!r} does not belong to format {version.code}; ignored",
                f"行“{row.label}”不属于{version.code}年格式，已忽略",
            )
    if runs:
        _recover_runs(cells, runs, version, reader, hints)
    printed = {row.code: cells[row] for row in layout}
    return _fill(_form_table(version, ReportPart.APPLICATIONS), printed, reader)


@lru_cache(maxsize=16)
def _form_table(version: FormatVersion, part: ReportPart) -> FormTable:
    return form_of(version).table(part)


@lru_cache(maxsize=16)
def _plan(table: FormTable) -> tuple[tuple[str, tuple[tuple[str, Column], ...]], ...]:
    """Each row of a form table with the path and column of each of its cells, computed once."""
    cells = iter(table.cells)
    return tuple(
        (row.code, tuple((next(cells).path, column) for column in row.columns))
        for row in table.rows
    )


def _fill(
    table: FormTable, printed: Mapping[str, Sequence[TableCell | None]], reader: _Reader
) -> Any:
    """A table object from the printed cells of each form row (a row not printed is blank)."""
    values: list[Any] = []
    append = values.append
    value = reader.value
    origins = reader.origins
    count = CellKind.COUNT
    # A count printed as plain ASCII digits (nearly every cell) is read here, as Reader.count
    # would read it; anything else, and every cell once cells were placed (whose paths are
    # recorded), goes through Reader.value.
    fast = not reader.placed
    for code, cells in _plan(table):
        row = printed.get(code, ())
        size = len(row)
        for index, (path, column) in enumerate(cells):
            cell = row[index] if index < size else None
            if cell is None:
                append(None)
                continue
            text = cell.text
            if fast and column.kind is count:
                if not text:  # blank, not zero; still a cell, with its origin
                    origins[path] = cell.origin
                    append(None)
                    continue
                if text.isdigit() and text.isascii() and len(text) <= 15:  # < MAX_COUNT
                    origins[path] = cell.origin
                    append(int(text))
                    continue
            append(value(cell, path, column))
    return table.build(values)


def _single_other_row(
    cells: dict[ApplicationRow, list[TableCell | None]],
    single: tuple[list[TableCell], TableCell],
    reader: _Reader,
) -> None:
    """（六）其他处理 printed as one row in a 2021-format table (no sub-rows).

    Counts are never negative, so a row of zeros means every sub-row is zero; any other row
    cannot be split and the sub-rows stay blank.
    """
    values, label = single
    while len(values) > 7 and not values[0].text.strip():
        values = values[1:]
    subrows = (ApplicationRow.OTHER_OVERDUE_CORRECTION, ApplicationRow.OTHER_OVERDUE_FEE,
               ApplicationRow.OTHER_OTHER)  # fmt: skip
    if any(any(c is not None for c in cells[r]) for r in subrows):
        return
    if len(values) == 7 and all(number_value(v.text) == 0 for v in values):
        for row in subrows:
            cells[row] = list(values)
        reader.diagnostics[:] = [
            d
            for d in reader.diagnostics
            if not (
                d.kind is _D.MISSING and d.path in {f"$.applications.{r.code}" for r in subrows}
            )
        ]
        reader.note(
            _D.RECOVERED,
            "（六）其他处理 is printed as one row of zeros: each of its sub-rows is 0",
            "（六）其他处理仅印一行且全为0，其下各分项均为0",
            path="$.applications.other",
            origin=label.origin,
        )
        return
    reader.note(
        _D.UNRECOGNISED,
        "（六）其他处理 is printed as one row; it cannot be split into its sub-rows, left blank",
        "（六）其他处理仅印一行，无法拆分为各分项，按空白处理",
        path="$.applications.other",
        origin=label.origin,
    )


def _recover(
    version: FormatVersion,
    given: Mapping[ApplicationRow, str | tuple[int | None, ...]],
    reader: _Reader,
) -> dict[ApplicationRow, RowRecovery]:
    try:
        return dict(recover_application_table(version, given))
    except ParseError as exc:
        reader.note(_D.AMBIGUOUS, f"the cells could not be recovered: {exc}",
                    "无法恢复单元格", path="$.applications")  # fmt: skip
        return {}


# Sentences that name one cell of table 3 explicitly (its 总计): 本年新收政府信息公开申请75件.
_NARRATIVE_CELLS = (
    (
        ApplicationRow.NEW,
        re.compile(r"本年新收(?:政府信息公开)?申请(?:数量)?(?:为|共)?([0-9]{1,7})件"),
    ),
    (
        ApplicationRow.CARRIED_OVER,
        re.compile(r"上年结转(?:政府信息公开)?(?:申请)?(?:为|共)?([0-9]{1,7})件"),
    ),
    (
        ApplicationRow.CARRIED_FORWARD,
        re.compile(r"结转下年度(?:继续办理)?(?:的)?(?:申请)?([0-9]{1,7})件"),
    ),
)


def narrative_totals(texts: Sequence[str]) -> dict[ApplicationRow, int]:
    """The 总计 of table-3 rows that a sentence of the narrative names explicitly (the first
    mention; two different mentions of one row make it no hint at all).

    >>> narrative_totals(["本年新收政府信息公开申请75件，上年结转2件。"])
    {<ApplicationRow.NEW: 'new'>: 75, <ApplicationRow.CARRIED_OVER: 'carried-over'>: 2}
    """
    found: dict[ApplicationRow, set[int]] = {}
    for text in texts:
        key = compact(text)
        for row, pattern in _NARRATIVE_CELLS:
            for match in pattern.finditer(key):
                found.setdefault(row, set()).add(int(match.group(1)))
    return {row: next(iter(values)) for row, values in found.items() if len(values) == 1}


def _choose_by_narrative(
    recovered: Mapping[ApplicationRow, RowRecovery],
    runs: Mapping[ApplicationRow, TableCell],
    hints: Mapping[ApplicationRow, int],
    reader: _Reader,
) -> dict[ApplicationRow, tuple[int, ...]]:
    """Among the splits of a run that fit the identities, the one whose 总计 the narrative names
    (never over a printed cell: only rows recovered from runs with several candidates)."""
    chosen: dict[ApplicationRow, tuple[int, ...]] = {}
    for row, total in hints.items():
        outcome = recovered.get(row)
        if row not in runs or outcome is None or len(outcome.candidates) < 2:
            continue
        fits = [c for c in outcome.candidates if c[-1] == total]
        if len(fits) != 1:
            continue
        chosen[row] = fits[0]
        reader.note(
            _D.RECOVERED,
            f"of {len(outcome.candidates)} splits of {outcome.run!r}, {fits[0]} chosen: the"
            f" narrative says the row's total is {total} (narrative_hints=False to not use it)",
            f"数字串“{outcome.run}”有{len(outcome.candidates)}种拆分，按正文所述总计{total}取{fits[0]}",
            path=f"$.applications.{row.code}",
            origin=runs[row].origin,
            candidates=outcome.candidates,
        )
    return chosen


def _recover_runs(
    cells: dict[ApplicationRow, list[TableCell | None]],
    runs: dict[ApplicationRow, TableCell],
    version: FormatVersion,
    reader: _Reader,
    hints: Mapping[ApplicationRow, int],
) -> None:
    given: dict[ApplicationRow, str | tuple[int | None, ...]] = {}
    for row, row_cells in cells.items():
        if row in runs:
            given[row] = to_ascii(runs[row].text).strip()
        else:
            values = []
            for cell in row_cells:
                value = None if cell is None else number_value(cell.text)
                values.append(value if type(value) is int else None)
            given[row] = tuple(values)
    recovered = _recover(version, given, reader)
    chosen = _choose_by_narrative(recovered, runs, hints, reader)
    if chosen:
        given.update(chosen)
        recovered = _recover(version, given, reader)
        for row, cells_ in chosen.items():
            recovered[row] = RowRecovery(str(given[row]), (cells_,))
    for row, cell in runs.items():
        outcome = recovered.get(row)
        candidates = tuple(outcome.candidates) if outcome is not None else ()
        path = f"$.applications.{row.code}"
        cells[row] = reader.resolved(cell, given[row], candidates, 7, path)  # type: ignore[arg-type]


def _review_table(tables: _Tables, version: FormatVersion, reader: _Reader) -> Any:
    values = tables.reviews
    if values is None:
        return None
    table = _form_table(version, ReportPart.REVIEWS)
    width = len(table.cells)
    if len(values) == 1 and to_ascii(values[0].text).strip().isdigit():
        run = to_ascii(values[0].text).strip()
        splits = partial(recover_review_cells, run)
        resolved = reader.recovered(values[0], run, splits, width, "$.reviews")
    elif len(values) == width:
        resolved = list(values)
    else:
        origin = values[0].origin if values else None
        resolved = reader.miscounted(("table 4", "表四"), len(values), width, "$.reviews", origin)
    printed: dict[str, Sequence[TableCell | None]] = {}
    at = 0
    for row in table.rows:
        printed[row.code] = resolved[at : at + len(row.columns)]
        at += len(row.columns)
    return _fill(table, printed, reader)


def _proactive_cells(
    tables: _Tables, key: str, width: int, reader: _Reader, code: str
) -> list[TableCell | None]:
    """The printed cells of table 2's row ``key`` for the form row ``code``."""
    found = tables.proactive.get(key)
    path = f"$.proactive.{code}"
    if found is None:
        return reader.missing((f"table 2 row {key!r}", f"表二的“{key}”行"), width, path)
    values, label = found
    if len(values) == width:
        return list(values)
    if len(values) == 1 and to_ascii(values[0].text).strip().isdigit():
        return reader.split(values[0], width, path, total_last=False)
    named = (f"table 2 row {label.text!r}", f"表二“{label.text}”行")
    return reader.miscounted(named, len(values), width, path, label.origin)


def _proactive_table(tables: _Tables, version: FormatVersion, reader: _Reader) -> Any:
    """Table 2 of the 2019 or 2021 format, row by row as the form lays it out."""
    if not tables.proactive:
        return None
    table = _form_table(version, ReportPart.PROACTIVE)
    printed = {
        row.code: _proactive_cells(
            tables, PRINTED_ROW.get(row.code, row.code), len(row.columns), reader, row.code
        )
        for row in table.rows
    }
    return _fill(table, printed, reader)


def _statistics(tables: _Tables, reader: _Reader) -> tuple[LegacyIndicator, ...]:
    out: list[LegacyIndicator] = []
    for index, row in enumerate(tables.statistics):
        by_column = {c.column: c for c in row}
        name = by_column.get(0)
        if name is None or not name.text.strip():
            continue
        unit = by_column.get(1)
        path = f"$.statistics[{len(out)}]"
        values: list[int | Decimal | None] = []
        for column, field_name in ((2, "this_year"), (3, "cumulative")):
            cell = by_column.get(column)
            if cell is None:
                values.append(None)
                continue
            reader.source(cell, f"{path}.{field_name}")
            value = number_value(cell.text) if cell.text.strip() else None
            if type(value) is int and not -MAX_COUNT <= value <= MAX_COUNT:
                value = None  # larger than any count: blank, with the diagnostic below
            if value is None and cell.text.strip():
                reader.invalid(cell, cell.text, ("a number", "数字"), path)
            values.append(value)
        del index
        out.append(
            LegacyIndicator(
                indicator=name.text.strip(),
                unit=unit.text.strip() or None if unit is not None else None,
                this_year=values[0],
                cumulative=values[1],
            )
        )
    return tuple(out)


# --- narrative ----------------------------------------------------------------------------------


@attrs.define
class _Narrative:
    title: str | None = None
    preamble: list[str] = attrs.field(factory=list)
    sections: list[Section] = attrs.field(factory=list)
    closing: list[str] = attrs.field(factory=list)
    published_on: date | None = None
    texts: list[str] = attrs.field(factory=list)  # every narrative text, for detection


def _is_heading(text: str, pattern: re.Pattern[str]) -> bool:
    return bool(pattern.match(text)) and len(text) <= 40 and "。" not in text


def _narrative(blocks: Sequence[Block], hints: Hints) -> _Narrative:
    out = _Narrative(title=hints.title)
    texts: list[TextBlock] = []
    for index, block in enumerate(blocks):
        if not isinstance(block, TextBlock):
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            isinstance(following, TableBlock)
            and block.text.endswith("统计表")
            and any(compact(c.text) == "指标名称" for c in following.cells[:8])
        ):
            continue  # the statistics table's title
        texts.append(block)
    lines = [t.text.strip() for t in texts]
    lines = [
        t.removeprefix("-->").strip()
        for t in lines
        if t and not (_CHROME.match(t) and len(t) <= 60)
    ]
    # Drop what comes before the title (breadcrumbs and chrome) and find the title itself.
    start = 0
    title_key = compact(out.title) if out.title and hints.source_format == "text" else None
    for index, line in enumerate(lines[:15] if title_key or out.title is None else ()):
        key = compact(line)
        if title_key and title_key in key:
            start = index
            position = line.find(title_key[-6:])
            rest = line[position + 6 :].strip() if position >= 0 else ""
            if hints.publisher and rest.startswith(hints.publisher):
                rest = rest[len(hints.publisher) :].strip()
            lines[index] = rest
            break
        if out.title is None and "年度报告" in key and "。" not in line[: line.find("年度报告")]:
            end = line.find("年度报告") + 4
            year_after = _YEAR_AFTER.match(line, end)  # …年度报告（2023年）
            if year_after is not None:
                end = year_after.end()
            if end <= 80:
                out.title = _TITLE_CHROME.sub("", compact(line[:end]))
                lines[index] = line[end:].strip()
                start = index
                before = lines[index - 1] if index else ""
                if (
                    before
                    and len(before) <= 30
                    and _title_identity(out.title) is None
                    and ("。" not in before and not _CHROME.match(before))
                ):
                    out.title = compact(before) + out.title  # a title printed on two lines
                break
    # Sections are collected as lists and frozen once (appending to tuples would be quadratic).
    section: tuple[str, list[str], list[tuple[str, list[str]]]] | None = None
    in_closing = False
    for line in lines[start:]:
        if not line:
            continue
        published = _PUBLISHED.match(to_ascii(line))
        if published is not None:
            year, month, day = (int(g) for g in published.groups())
            with contextlib.suppress(ValueError):
                out.published_on = date(year, month, day)
            continue
        out.texts.append(line)
        if in_closing or (section is not None and _DATE_LINE.match(compact(line))):
            in_closing = True
            out.closing.append(line)
            continue
        if _is_heading(line, _H1):
            if section is not None:
                out.sections.append(_freeze(section))
            section = (line, [], [])
        elif section is not None and _is_heading(line, _H2):
            section[2].append((line, []))
        elif section is None:
            out.preamble.append(line)
        elif section[2]:
            section[2][-1][1].append(line)
        else:
            section[1].append(line)
    if section is not None:
        out.sections.append(_freeze(section))
    return out


def _freeze(section: tuple[str, list[str], list[tuple[str, list[str]]]]) -> Section:
    heading, paragraphs, subsections = section
    return Section(
        heading=heading,
        paragraphs=tuple(paragraphs),
        subsections=tuple(Section(heading=h, paragraphs=tuple(p)) for h, p in subsections),
    )


# --- report -------------------------------------------------------------------------------------


def _title_identity(text: str) -> tuple[str, int] | None:
    key = _TITLE_CHROME.sub("", compact(text))
    for pattern in _TITLES:
        found = pattern.match(key)
        if found is not None and found.group("agency").strip("的"):
            agency = found.group("agency")
            if agency.endswith("关于") or agency in _NOT_AGENCIES or _NOT_IN_NAMES.search(agency):
                continue
            return agency, int(found.group("year"))
    return None


def _identity(
    narrative: _Narrative, hints: Hints, blocks: Sequence[Block], reader: _Reader
) -> tuple[str, int]:
    """The agency and the year: given by the caller, else from a title, else from the text."""
    if hints.agency is not None and hints.year is not None:
        return hints.agency, hints.year
    candidates = [narrative.title] if narrative.title else []
    candidates.extend(t for t in (hints.title, hints.page_title) if t and t != narrative.title)
    candidates.extend(narrative.preamble[:1])
    # A title only in the page's chrome (a breadcrumb's last crumb, a crawl header).
    heads = [b.text for b in blocks[:15] if isinstance(b, TextBlock) and len(b.text) <= 200]
    candidates.extend(re.split(r"[>\uff1e»/|]", text)[-1] for text in heads)
    for text in candidates:
        found = _title_identity(text)
        if found is not None:
            return hints.agency or found[0], hints.year or found[1]
    return _identity_from_text(narrative, hints, reader)


def _identity_from_text(narrative: _Narrative, hints: Hints, reader: _Reader) -> tuple[str, int]:
    """No title names agency and year: the year from the statistics period, the agency from
    the publisher of a crawl header or the sentence saying who compiled the report."""
    year = hints.year
    if year is None:
        for text in narrative.texts[:40]:
            period = _PERIOD.search(compact(text))
            if period is not None:
                year = int(period.group("year"))
                reader.note(
                    _D.FORMAT,
                    f"no title gives the year: {year} read from the statistics period",
                    f"标题未写明年度，按统计期限读作{year}年",
                )
                break
    agency = hints.agency
    if agency is None and hints.publisher and _AGENCY_END.search(compact(hints.publisher)):
        agency = compact(hints.publisher)
        reader.note(
            _D.FORMAT,
            f"no title names the agency: {agency!r} read from the publisher field",
            f"标题未写明机关，按发布机构读作“{agency}”",
        )
    if agency is None:
        for text in narrative.texts[:5]:
            compiler = _COMPILER.search(compact(text))
            if compiler is not None and _AGENCY_END.search(compiler.group("agency")):
                agency = compiler.group("agency")
                reader.note(
                    _D.FORMAT,
                    f"no title names the agency: {agency!r} read from the text (由…编制)",
                    f"标题未写明机关，按正文（由…编制）读作“{agency}”",
                )
                break
    if agency is not None and year is not None:
        return agency, year
    raise ParseError(
        "no title naming the agency and the year was found (expected e.g."
        " 「淮安市人民政府2024年政府信息公开工作年度报告」; pass agency= and year= when the"
        " title is kept elsewhere)"
        " / 未找到写明机关和年度的标题（例如「淮安市人民政府2024年政府信息公开工作年度报告」；"
        "标题另存时请传入agency和year）"
    )


def _heading_variants(narrative: _Narrative, reader: _Reader) -> None:
    for section in narrative.sections:
        key = compact(section.heading)
        for variant, canonical, table in HEADING_VARIANTS:
            if variant in key:
                reader.note(
                    _D.LABEL_VARIANT,
                    f"{section.heading!r} read as the heading of table {table}"
                    f" ({variant!r} is a misprint of {canonical!r})",
                    f"“{section.heading}”按表{table}的标题读取（“{variant}”系“{canonical}”之误）",
                )


def _version(tables: _Tables, year: int) -> FormatVersion:
    rows = set(tables.applications)
    if year >= 2021 and not tables.trial_proactive:
        return FormatVersion.NATIONAL_2021
    if rows & {ApplicationRow.OTHER_OVERDUE_CORRECTION, ApplicationRow.OTHER_OVERDUE_FEE,
               ApplicationRow.OTHER_OTHER}:  # fmt: skip
        return FormatVersion.NATIONAL_2021
    if ApplicationRow.OTHER in rows or tables.trial_proactive:
        return FormatVersion.TRIAL_2019
    if tables.statistics or year <= 2018:
        return FormatVersion.LEGACY_2008
    return FormatVersion.TRIAL_2019 if year <= 2020 else FormatVersion.NATIONAL_2021


# A report quotes tens of figures; a page with more than this is not a report's narrative.
_MAX_FIGURES = 2000


def _figures(narrative: _Narrative, reader: _Reader) -> tuple[Figure, ...]:
    figures: list[Figure] = []
    places: list[tuple[str, str | None]] = [(p, None) for p in narrative.preamble]
    for section in narrative.sections:
        for part in section.walk():
            places.extend((p, part.heading) for p in part.paragraphs)
    for paragraph, heading in places:
        figures.extend(extract_figures(paragraph, heading))
        if len(figures) >= _MAX_FIGURES:
            reader.note(
                _D.UNRECOGNISED,
                f"more than {_MAX_FIGURES} figures in the narrative; the rest are not read",
                f"正文数据超过{_MAX_FIGURES}项，其余未读取",
            )
            return tuple(figures[:_MAX_FIGURES])
    return tuple(figures)


def _read_meta(meta: Mapping[str, Any] | None, reader: _Reader) -> dict[str, Any]:
    """The fields a rendered page's ``<meta name="govdisclosure:report">`` carries, as values
    (read by the contract's owner, :mod:`govdisclosure.serialize.meta`).

    Only these fields are read from it (tables and narrative always come from the page). A field
    that does not hold what it should is reported and read from the page instead.
    """
    if not meta:
        return {}
    from govdisclosure.serialize.meta import meta_fields

    found, problems = meta_fields(meta)
    for key, why in problems:
        reader.note(
            _D.UNRECOGNISED,
            f"the page's {_META} metadata has an unusable {key!r}, read from the page"
            f" instead: {why}",
            f"页面{_META}元数据中的“{key}”无法使用，改从页面读取",
            path=f"$.{key}",
        )
    return found


_META = '<meta name="govdisclosure:report">'


def interpret(blocks: Sequence[Block], hints: Hints) -> ParseResult:
    """Turn blocks into a report with its diagnostics (see :func:`parse_report`)."""
    reader = _Reader()
    for en, zh in hints.notes:
        reader.note(_D.FORMAT, en, zh)
    narrative = _narrative(blocks, hints)
    tables = _classify(blocks, reader)
    if not tables.found_any and not narrative.sections and not narrative.preamble:
        raise ParseError("no report text or table was found / 未找到年度报告的正文或表格")
    agency_name, year = _identity(narrative, hints, blocks, reader)
    _heading_variants(narrative, reader)
    meta = _read_meta(hints.meta, reader)
    version = meta.get("format_version") or _version(tables, year)
    reader.note(
        _D.FORMAT,
        f"{agency_name} {year}, format {version.code} ({version.label_en})",
        f"{agency_name}{year}年，{version.label}",
    )
    published = narrative.published_on
    if hints.published_on:
        found = re.match(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", to_ascii(hints.published_on))
        if found is not None:
            try:
                published = date(*(int(g) for g in found.groups()))
            except ValueError:
                published = None
    fields: dict[str, Any] = {
        "agency": meta["agency"] if "agency" in meta else agency_from_name(agency_name),
        "year": year,
        "title": narrative.title,
        "published_on": published,
        "url": hints.url if hints.url and URL_PATTERN.fullmatch(hints.url) else None,
        "preamble": tuple(narrative.preamble),
        "sections": tuple(narrative.sections),
        "closing": tuple(narrative.closing),
    }
    for key in ("published_on", "url", "channels"):
        if key in meta:
            fields[key] = meta[key]
    fields["figures"] = meta["figures"] if "figures" in meta else _figures(narrative, reader)
    if "processing_fee" in meta:
        fields["processing_fee"] = meta["processing_fee"]
    else:
        fees = (processing_fee(text) for text in narrative.texts)
        fields["processing_fee"] = next((fee for fee in fees if fee is not None), None)
    report: AnnualReport
    if version is FormatVersion.LEGACY_2008:
        title = tables.statistics_title
        report = AnnualReport2008(
            **fields, statistics_title=title, statistics=_statistics(tables, reader)
        )
    else:
        totals = narrative_totals(narrative.texts) if hints.narrative_hints else {}
        applications = _application_table(tables, version, reader, totals)
        reviews = _review_table(tables, version, reader)
        proactive = _proactive_table(tables, version, reader)
        parts = {"proactive": proactive, "applications": applications, "reviews": reviews}
        for table in form_of(version).tables:
            if parts[table.attribute] is None:
                reader.note(
                    _D.MISSING,
                    f"no table {table.number} in the source; it is left blank, not zero",
                    f"原文未见表{table.number}，该表按空白处理（不作为0）",
                    path=f"$.{table.attribute}",
                )
        cls = AnnualReport2019 if version is FormatVersion.TRIAL_2019 else AnnualReport2021
        report = cls(**fields, **parts)
    from govdisclosure.checks import check

    for finding in check(report):
        reader.note(_D.CHECK, finding.message, finding.message_zh, finding=finding)
    return ParseResult(
        report,
        tuple(reader.diagnostics),
        hints.source_format,
        origins=reader.origins,
        tables=_statuses(report, reader),
    )


def _statuses(report: AnnualReport, reader: _Reader) -> dict[ReportPart, TableStatus]:
    """How many cells of each table of the report's form were read, placed or left blank."""
    out: dict[ReportPart, TableStatus] = {}
    for table in form_of(report.format_version).tables:
        if not table.rows:
            continue
        obj = getattr(report, table.attribute)
        if obj is None:
            out[table.part] = TableStatus(part=table.part, found=False, cells=len(table.cells))
            continue
        filled = [path for (path, _), value in zip(_paths(table), table.read(obj), strict=True)
                  if value is not None]  # fmt: skip
        placed = sum(path in reader.placed_paths for path in filled)
        out[table.part] = TableStatus(
            part=table.part,
            found=True,
            cells=len(table.cells),
            read=len(filled) - placed,
            placed=placed,
        )
    return out


def _paths(table: FormTable) -> list[tuple[str, Column]]:
    return [cell for _, cells in _plan(table) for cell in cells]
