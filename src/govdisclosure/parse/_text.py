"""Plain text to blocks: text copied from web pages or extracted from PDFs.

Cells are separated by spaces or line breaks, rows wrap, page footers ("- 3 -") fall inside
tables, digits may be full-width, a PDF extraction may read a table column by column, and a
crawled page may have lost every separator between cells. Tables are found by their national
headings and read by their row labels (through the alias table), never by position alone: the
numbers between one row label and the next are that row's cells. When a whole group of labels
comes first and their numbers after (a column-by-column extraction), the numbers are placed
column by column. A run of digits that must hold several cells is kept as one cell spanning them,
for the interpreter to recover.

Everything is linear in the size of the text: the text is compacted once (whitespace removed)
with a map back to the source, and every label is searched for from where the previous one was
found.
"""

from __future__ import annotations

import bisect
import re

import attrs

from govdisclosure.model.layout import FormatVersion
from govdisclosure.parse._blocks import Block, Origin, TableBlock, TableCell, TextBlock
from govdisclosure.parse._labels import PROACTIVE_ROWS, STATISTICS_UNITS, printed_labels

__all__ = ["TextSource", "read_text"]

_FOOTER = re.compile(r"^[ \t]*[-－—–]\s{0,3}[0-9\uff10-\uff19]{1,4}\s{0,3}[-－—–][ \t]*$", re.M)
# A line of = or - only: the underline of a title or heading, or a table's rule (rendered text).
_RULE = re.compile(r"^[ \t]*[=-]{3,}(?:[ \t]+-{3,})*[ \t]*$", re.M)
# A markdown pipe table (a PDF-to-markdown conversion): its rows are read as lines of cells.
# The pipes become spaces and the separator rows blank lines, so that offsets (and origins) hold.
_PIPE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)
_PIPE_SEPARATOR = re.compile(r"^[ \t]*\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*$", re.M)
_HEADER_END = re.compile(r"^[#\s]*={3,}\s*正文\s*={3,}\s*$", re.M)
_HEADER_FIELD = re.compile(
    r"^[#\s]*(标题|发布时间|发布日期|原文链接|发布机构|来源)\s*[:：]\s*(.*)$"
)
_NUMBER = re.compile(r"[0-9\uff10-\uff19]+(?:[.\uff0e][0-9\uff10-\uff19]+)?")
_MONEY = re.compile(r"[0-9\uff10-\uff19]+(?:[.\uff0e][0-9\uff10-\uff19]+)?(?:万元|元)?")
_HEADING = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)")
_SENTENCE_END = "。！？；：!?;:”」）)"
_CHROME = re.compile(
    r"^(?:当前位置|您当前的位置|分享到|上一篇|下一篇|打印本页|关闭窗口|【|来源[:：]|时间[:：]|"
    r"发布时间[:：]|浏览次数|字号|微信|微博|QQ空间|全真版|文字版|文件下载|相关链接|-->|附件下载)"
)
# The sections are numbered 二、三、四 in the national form; some agencies number them under a
# heading of their own (一、主动公开政府信息情况), or a converter heads the table 表二：….
_SECTION_NUMBER = r"(?:[一二三四五六七八九十]、|表[二三四][:：]?)"
_TABLE_HEADINGS = (
    ("proactive", re.compile(rf"{_SECTION_NUMBER}主动公开政府信息情况")),
    ("applications", re.compile(rf"{_SECTION_NUMBER}收到和处理政府信息公开申请情况")),
    (
        "reviews",
        re.compile(
            rf"{_SECTION_NUMBER}(?:政府信息公开)?(?:因政府信息公开工作)?(?:被申请)?行政法?复议"
        ),
    ),
    ("after", re.compile(r"五、|（一）主要问题|存在的主要问题")),
)


@attrs.frozen
class TextSource:
    """What the text reader found: blocks in reading order and any crawl-header fields."""

    blocks: tuple[Block, ...]
    #: Fields of a crawler's header (标题, 发布时间, 原文链接, 发布机构), if the text has one.
    header: dict[str, str] = attrs.field(factory=dict)


class _Compact:
    """The text without whitespace, with a map from compact offsets back to the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts: list[int] = []
        offsets: list[int] = []
        pieces: list[str] = []
        at = 0
        for match in re.finditer(r"\S+", text):
            starts.append(at)
            offsets.append(match.start())
            piece = match.group()
            pieces.append(piece)
            at += len(piece)
        self.compact = "".join(pieces).translate(_DIGITS)
        self._starts = starts
        self._offsets = offsets
        # 1-based line number of each text offset is found by bisecting the line starts.
        self._lines = [0, *(m.end() for m in re.finditer("\n", text))]

    def source(self, position: int) -> int:
        """The text offset of a compact offset (the end maps just past the last character)."""
        if position >= len(self.compact):
            return len(self.text)
        index = bisect.bisect_right(self._starts, position) - 1
        return self._offsets[index] + position - self._starts[index]

    def origin(self, offset: int) -> Origin:
        line = bisect.bisect_right(self._lines, offset)
        return Origin(line=line, column=offset - self._lines[line - 1] + 1)


_DIGITS = {0xFF10 + i: str(i) for i in range(10)} | {0xFF0E: "."}  # full-width digits, point


def _strip_header(text: str) -> tuple[str, dict[str, str]]:
    end = _HEADER_END.search(text[:5000])
    if end is None:
        return text, {}
    header: dict[str, str] = {}
    for raw in text[: end.start()].splitlines():
        field = _HEADER_FIELD.match(raw)
        if field is not None and field.group(2).strip():
            header.setdefault(field.group(1), field.group(2).strip())
    # Keep offsets (and so line numbers) stable: blank the header instead of cutting it.
    blanked = re.sub(r"[^\n]", " ", text[: end.end()])
    return blanked + text[end.end() :], header


# --- tables -----------------------------------------------------------------------------------


@attrs.frozen
class _Label:
    key: str
    start: int  # compact offsets
    end: int
    block: int
    width: int


def _extend_numbering(compact: str, start: int) -> int:
    """Move a label's start back over its numbering (``2.``, ``3、``, ``（一）``)."""
    head = compact[max(0, start - 5) : start]
    found = re.search(r"(?:[0-9][.、]|（[一二三四五六七八九十]）)$", head)
    return start - len(found.group()) if found else start


def _find_labels(
    c: _Compact,
    start: int,
    end: int,
    specs: list[tuple[str, tuple[str, ...], int, int]],
) -> list[_Label]:
    found: list[_Label] = []
    at = start
    for key, aliases, block, width in specs:
        best: tuple[int, int] | None = None
        for alias in aliases:
            position = c.compact.find(alias, at, end)
            if position >= 0 and (best is None or position < best[0]):
                best = (position, position + len(alias))
        if best is None:
            continue
        found.append(_Label(key, _extend_numbering(c.compact, best[0]), best[1], block, width))
        at = best[1]
    return found


def _values(c: _Compact, start: int, end: int, money: bool) -> list[tuple[str, int]]:
    """The numbers in the text between two compact offsets, with their text offsets."""
    a, b = c.source(start), c.source(end)
    pattern = _MONEY if money else _NUMBER
    return [(m.group(), m.start()) for m in pattern.finditer(c.text, a, b)]


def _place(
    c: _Compact, labels: list[_Label], end: int, money_keys: frozenset[str]
) -> list[tuple[_Label, list[tuple[str, int]]]]:
    """Each label with its cells: row by row, or column by column for a group of labels."""
    rows: list[tuple[_Label, list[tuple[str, int]]]] = []
    pending: list[_Label] = []
    for index, label in enumerate(labels):
        stop = labels[index + 1].start if index + 1 < len(labels) else end
        values = _values(c, label.end, stop, label.key in money_keys)
        if not values and index + 1 < len(labels):
            pending.append(label)
            continue
        group = [*pending, label]
        pending = []
        if len(group) > 1 and len(values) == sum(g.width for g in group):
            # Column-major: the labels came first, then their numbers column by column
            # (grouped by the table's blocks, which may differ in width).
            at = 0
            block_start = 0
            while block_start < len(group):
                block_end = block_start
                while block_end < len(group) and group[block_end].block == group[block_start].block:
                    block_end += 1
                members = group[block_start:block_end]
                width = members[0].width
                count = len(members)
                for r, member in enumerate(members):
                    cells = [values[at + col * count + r] for col in range(width)]
                    rows.append((member, cells))
                at += width * count
                block_start = block_end
            continue
        rows.extend((g, []) for g in group[:-1])
        rows.append((label, values))
    rows.extend((p, []) for p in pending)
    return rows


def _table_block(
    c: _Compact, rows: list[tuple[_Label, list[tuple[str, int]]]], label_text: dict[str, str]
) -> TableBlock:
    cells: list[TableCell] = []
    for r, (label, values) in enumerate(rows):
        text_at = c.source(label.start)
        cells.append(
            TableCell(
                label_text.get(label.key, label.key), r, 0, origin=c.origin(text_at), key=label.key
            )
        )
        if len(values) == 1 and label.width > 1 and len(values[0][0]) > 1:
            value, at = values[0]
            cells.append(TableCell(value, r, 1, column_span=label.width, origin=c.origin(at)))
            continue
        for col, (value, at) in enumerate(values, 1):
            cells.append(TableCell(value, r, col, origin=c.origin(at)))
    first = c.origin(c.source(rows[0][0].start)) if rows else Origin()
    return TableBlock(tuple(cells), first)


#: A markdown pipe row as found: its text offset and its cells (text, text offset).
_PipeRow = tuple[int, list[tuple[str, int]]]


def _pipe_rows(text: str) -> list[_PipeRow]:
    """Every pipe row of a markdown conversion, with each cell's text and offset."""
    rows: list[_PipeRow] = []
    for match in _PIPE_ROW.finditer(text):
        line = match.group()
        first = line.index("|")
        cells: list[tuple[str, int]] = []
        at = first + 1
        for piece in line[first + 1 : line.rindex("|")].split("|"):
            stripped = piece.strip()
            where = match.start() + at + (piece.index(stripped) if stripped else 0)
            cells.append((stripped, where))
            at += len(piece) + 1
        rows.append((match.start(), cells))
    return rows


def _pipe_table(c: _Compact, rows: list[_PipeRow]) -> TableBlock:
    """Table 3 of a markdown conversion as its pipe rows print it, row by row in reading order.

    The label search of plain text does not fit a conversion from PDF: a row's label may be
    split off into the text around the table (``5.属于三类内部事务信`` / ``息``) while its
    numbers stay in a pipe row of their own, so the numbers between one label and the next are
    not that row's. The pipe rows keep each printed row's cells together; a row without a label
    is left for the interpreter to align to the form's row order.
    """
    cells = [
        TableCell(value, r, col, origin=c.origin(at))
        for r, (_, row) in enumerate(rows)
        for col, (value, at) in enumerate(row)
    ]
    return TableBlock(tuple(cells), c.origin(rows[0][0]))


def _applications(
    c: _Compact, start: int, end: int, pipes: list[_PipeRow] | None = None
) -> TableBlock | None:
    if pipes:
        a, b = c.source(start), c.source(end)
        inside = [row for row in pipes if a <= row[0] < b]
        if inside:
            return _pipe_table(c, inside)
    region = c.compact[start:end]
    version = FormatVersion.NATIONAL_2021 if "逾期不补正" in region else FormatVersion.TRIAL_2019
    specs: list[tuple[str, tuple[str, ...], int, int]] = [
        (row.code, tuple(n.replace("\uff0e", ".") for n in printed_labels(row)), 0, 7)
        for row in version.application_rows
    ]
    labels = _find_labels(c, start, end, specs)
    if len(labels) < 3:
        return None
    text = {row.code: row.label for row in version.application_rows}
    for label in labels:
        text[label.key] = c.compact[label.start : label.end]
    return _table_block(c, _place(c, labels, end, frozenset()), text)


def _proactive(c: _Compact, start: int, end: int) -> TableBlock | None:
    region = c.compact[start:end]
    trial = "本年新制作" in region or "上一年项目数量" in region
    specs = [
        (key, aliases, block, w2019 if trial else w2021)
        for key, aliases, block, w2021, w2019 in PROACTIVE_ROWS
        if (w2019 if trial else w2021) > 0
    ]
    labels = _find_labels(c, start, end, specs)
    if not labels:
        return None
    found = {label.key for label in labels}
    if len(found) < len(specs):
        # A PDF-to-markdown conversion may float the rows printed as text (行政许可 97) above
        # the pipe table of the first rows (规章): look for the rows not found there too.
        missing = [spec for spec in specs if spec[0] not in found]
        labels = _find_labels(c, start, labels[0].start, missing) + labels
    text = {label.key: c.compact[label.start : label.end] for label in labels}
    money = frozenset({"procurement"})
    return _table_block(c, _place(c, labels, end, money), text)


def _reviews(
    c: _Compact, start: int, end: int, pipes: list[_PipeRow] | None = None
) -> TableBlock | None:
    values = _values(c, start, end, money=False)
    if pipes:
        # A markdown conversion prints table 4's cells in pipe rows (one row of fifteen, or a
        # table per group): the numbers of the text around them (a heading's year) are not cells.
        a, b = c.source(start), c.source(end)
        numbers = [
            (value, at)
            for offset, row in pipes
            if a <= offset < b
            for value, at in row
            if _NUMBER.fullmatch(value)
        ]
        values = numbers or values
    if not values:
        return None
    cells = [TableCell("行政复议", 0, 0, origin=c.origin(c.source(start)))]
    if len(values) == 1 and len(values[0][0]) > 1:
        value, at = values[0]
        cells.append(TableCell(value, 0, 1, column_span=15, origin=c.origin(at)))
    else:
        cells.extend(TableCell(v, 0, i, origin=c.origin(at)) for i, (v, at) in enumerate(values, 1))
    return TableBlock(tuple(cells), c.origin(c.source(start)))


_STAT_HEAD = re.compile(r"指标名称\s*计量单位")
_TOKEN = re.compile(r"\S+")


def _statistics(
    text: str, c: _Compact, start: int
) -> tuple[TableBlock, str | None, int, int] | None:
    """A 2008-era statistics table (指标名称 计量单位 本年度 历年累计), read token by token."""
    head = _STAT_HEAD.search(text, start)
    if head is None:
        return None
    before = text[max(start, head.start() - 200) : head.start()]
    title_match = re.search(r"(\S{0,40}统计表)\s*$", before)
    title = title_match.group(1) if title_match else None
    title_start = head.start() - (len(title_match.group(0)) if title_match else 0)
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text, head.end())]
    index = 0
    # Skip the remaining header cells (本年度 / 2013年度, 历年累计).
    while index < len(tokens) and (
        tokens[index][0].endswith("年度") or tokens[index][0] in ("本年度", "历年累计", "累计")
    ):
        index += 1
    cells: list[TableCell] = [
        TableCell(h, 0, i) for i, h in enumerate(("指标名称", "计量单位", "本年度", "历年累计"))
    ]
    row = 0
    end = head.end()
    while index < len(tokens):
        name_tokens: list[tuple[str, int]] = []
        while index < len(tokens) and tokens[index][0] not in STATISTICS_UNITS:
            if _NUMBER.fullmatch(tokens[index][0]) or len(name_tokens) >= 4:
                break
            name_tokens.append(tokens[index])
            index += 1
        if not name_tokens or index >= len(tokens) or tokens[index][0] not in STATISTICS_UNITS:
            break
        unit, unit_at = tokens[index]
        index += 1
        numbers: list[tuple[str, int]] = []
        while index < len(tokens) and len(numbers) < 2 and _NUMBER.fullmatch(tokens[index][0]):
            numbers.append(tokens[index])
            index += 1
        row += 1
        name = " ".join(t for t, _ in name_tokens)
        cells.append(TableCell(name, row, 0, origin=c.origin(name_tokens[0][1])))
        cells.append(TableCell(unit, row, 1, origin=c.origin(unit_at)))
        for col, (value, at) in enumerate(numbers, 2):
            cells.append(TableCell(value, row, col, origin=c.origin(at)))
        end = numbers[-1][1] + len(numbers[-1][0]) if numbers else unit_at + len(unit)
    if row == 0:
        return None
    return TableBlock(tuple(cells), c.origin(head.start())), title, title_start, end


# --- narrative ----------------------------------------------------------------------------------


def _segments(line: str) -> list[str]:
    """Split a run-on line (a crawled page on one line) at paragraph and heading boundaries."""
    if len(line) < 120 or " " not in line:
        return [line]
    out: list[str] = []
    current: list[str] = []
    for word in line.split():
        if current:
            previous = current[-1]
            if previous[-1] in _SENTENCE_END or _HEADING.match(word) or _CHROME.match(word):
                out.append(" ".join(current))
                current = []
        current.append(word)
    out.append(" ".join(current))  # a line of 120 characters has at least one word
    result: list[str] = []
    for segment in out:
        heading = _HEADING.match(segment)
        if heading and " " in segment:
            head, rest = segment.split(" ", 1)
            if len(head) <= 3 + len(heading.group()):  # "一、 概述": the number stood apart
                more = rest.split(" ", 1)
                head = f"{head} {more[0]}"
                rest = more[1] if len(more) > 1 else ""
            if len(head) <= 40 and "。" not in head:
                result.append(head)
                if rest:
                    result.append(rest)
                continue
        result.append(segment)
    return result


_CJK_GAP = re.compile(r"(?<=[0-9%])[ \t]+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])[ \t]+(?=[0-9])")


_NARROW = re.compile(r"[\x00-\u2000]+")


def _columns(line: str) -> int:
    """Columns a printed line takes: CJK and full-width characters two, ASCII one.

    The gaps an extraction puts between CJK and digits are not counted.

    >>> _columns("针对存在问题，下一步"), _columns("截至 2024 年")
    (20, 10)
    """
    line = _CJK_GAP.sub("", line)
    return len(line) + len(_NARROW.sub("", line))


def _narrative(text: str, c: _Compact, start: int, end: int) -> list[TextBlock]:
    """Lines of narrative between two text offsets, joined into paragraphs."""
    lines: list[tuple[str, int]] = []
    offset = start
    for raw in text[start:end].split("\n"):
        stripped = raw.strip()
        if stripped:
            lines.append((stripped, offset + raw.index(stripped[0])))
        offset += len(raw) + 1
    if not lines:
        return []
    wrapped = (
        len(lines) > 5 and sum(1 for s, _ in lines if s[-1] not in _SENTENCE_END) > len(lines) / 2
    )
    width = columns = 0
    if wrapped:
        width = sorted(len(s) for s, _ in lines)[int(len(lines) * 0.9)]
        columns = sorted(_columns(s) for s, _ in lines)[int(len(lines) * 0.9)]
    blocks: list[TextBlock] = []
    paragraph: list[str] = []
    at = 0
    for stripped, where in lines:
        if not wrapped:
            cursor = 0
            for segment in _segments(stripped):
                found = stripped.find(segment[:8], cursor)
                cursor = found if found >= 0 else cursor
                blocks.append(TextBlock(_CJK_GAP.sub("", segment), c.origin(where + cursor)))
            continue
        starts_new = bool(_HEADING.match(stripped)) or not paragraph
        if paragraph and not starts_new:
            previous = paragraph[-1]
            if previous[-1] in _SENTENCE_END and len(previous) < width * 0.9:
                starts_new = True
            elif (
                previous[-1] in _SENTENCE_END
                and stripped[-1] not in _SENTENCE_END
                and _columns(stripped) <= columns - 3
            ):
                # The paragraph ended flush with the margin; the next line runs on yet is two
                # characters short of a full line: it is indented (首行缩进), a new paragraph.
                starts_new = True
            elif (
                _HEADING.match(paragraph[0])
                and len(paragraph[0]) <= 40
                and "。" not in "".join(paragraph)
            ):
                starts_new = len("".join(paragraph)) <= 40 and len(previous) < width * 0.9
        if starts_new and paragraph:
            blocks.append(TextBlock(_join(paragraph), c.origin(at)))
            paragraph = []
        if not paragraph:
            at = where
        paragraph.append(stripped)
    if paragraph:
        blocks.append(TextBlock(_join(paragraph), c.origin(at)))
    return blocks


def _join(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        if out[-1].isascii() and line[0].isascii() and out[-1].isalnum() and line[0].isalnum():
            out += " " + line
        else:
            out += line
    return _CJK_GAP.sub("", out)


def _spaces(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _unpipe(match: re.Match[str]) -> str:
    return match.group().replace("|", " ")


def read_text(text: str) -> TextSource:
    """Read plain text into blocks: narrative paragraphs and the tables found in it.

    >>> src = read_text("四、政府信息公开行政复议、行政诉讼情况\\n"
    ...                 "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0\\n五、存在的主要问题及改进情况\\n无。")
    >>> [type(b).__name__ for b in src.blocks]
    ['TextBlock', 'TableBlock', 'TextBlock', 'TextBlock']
    >>> len(src.blocks[1].cells)
    16
    """
    text, header = _strip_header(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _FOOTER.sub(_spaces, text)
    text = _RULE.sub(_spaces, text)
    pipes: list[_PipeRow] = []
    if "|" in text:
        text = _PIPE_SEPARATOR.sub(_spaces, text)
        pipes = _pipe_rows(text)
        text = _PIPE_ROW.sub(_unpipe, text)
    c = _Compact(text)
    # Where the national table sections start (compact offsets), searched in order.
    marks: dict[str, tuple[int, int]] = {}
    at = 0
    for key, pattern in _TABLE_HEADINGS:
        if key == "after" and "reviews" not in marks:
            break
        found = pattern.search(c.compact, at)
        if found is None:
            continue
        marks[key] = (found.start(), found.end())
        at = found.end()
    tables: list[tuple[int, int, TableBlock | None, int]] = []  # text start, end, block, head end
    order = [k for k in ("proactive", "applications", "reviews", "after") if k in marks]
    for index, key in enumerate(order[:-1] if "after" in marks else order):
        head_start, head_end = marks[key]
        stop = marks[order[index + 1]][0] if index + 1 < len(order) else len(c.compact)
        body_start = head_end
        if key == "reviews":
            # The heading's own tail (、行政诉讼情况) belongs to the heading.
            tail = re.match(r"[^。]{0,12}?情况", c.compact[head_end:stop])
            body_start = head_end + (tail.end() if tail else 0)
        if key == "proactive":
            block = _proactive(c, body_start, stop)
        elif key == "applications":
            block = _applications(c, body_start, stop, pipes)
        else:
            block = _reviews(c, body_start, stop, pipes)
        tables.append((c.source(body_start), c.source(stop), block, c.source(head_start)))
    blocks: list[Block] = []
    position = 0
    for t_start, t_end, block, _ in tables:
        if block is None:
            continue
        blocks.extend(_narrative(text, c, position, t_start))
        blocks.append(block)
        position = t_end
    found_tables = any(block is not None for _, _, block, _ in tables)
    statistics = _statistics(text, c, position) if not found_tables else None
    if statistics is not None:
        block, title, s_start, s_end = statistics
        blocks.extend(_narrative(text, c, position, s_start))
        if title is not None:
            blocks.append(TextBlock(title, c.origin(s_start)))
        blocks.append(block)
        blocks.extend(_narrative(text, c, s_end, len(text)))
    else:
        blocks.extend(_narrative(text, c, position, len(text)))
    return TextSource(tuple(blocks), header)
