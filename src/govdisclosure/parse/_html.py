"""HTML pages to blocks: page chrome dropped, layout tables unwrapped, merged cells placed.

Real report pages wrap the report in navigation, breadcrumbs and share buttons, lay pages out
with nested tables, export from Word with ``<o:p>`` and ``mso-`` markup, and leave blank cells as
``&nbsp;``. The reader walks the tree without recursion (so that 10,000 nested tags cannot
exhaust the stack), drops chrome, treats a table that contains another table as layout, and
places every cell of a data table on its grid with its spans.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.errors import ParseError
from govdisclosure.parse._blocks import Block, Origin, TableBlock, TableCell, TextBlock
from govdisclosure.parse._limits import DEFAULT_LIMITS, LimitExceeded, Limits

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__ = ["HtmlPage", "read_html"]

_SKIP = frozenset(
    {"script", "style", "noscript", "iframe", "form", "button", "select", "nav", "head",
     "header", "footer", "aside", "object", "embed", "svg", "template", "input", "textarea"}
)  # fmt: skip
_BLOCK = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
     "main", "blockquote", "pre", "dd", "dt", "dl", "tr", "td", "th", "table", "tbody", "thead",
     "tfoot", "caption", "center", "body", "html", "hr", "address", "figure", "figcaption"}
)  # fmt: skip
_CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|breadcrumbs?|crumbs?|share|bdshare|fenxiang|footer|menu|"
    r"sidebar|pager|pagination|position|location|toolbar)(?:$|[\s_-])",
    re.I,
)
_WS = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
_FIGURES_HEADINGS = frozenset({"文中数据", "Figures quoted in the report"})


@attrs.frozen
class HtmlPage:
    """What the HTML reader found: blocks in reading order, plus the page's own metadata."""

    blocks: tuple[Block, ...]
    #: The ``<h1 class="gd-title">`` of a rendered report, else the page's first ``<h1>``.
    title: str | None = None
    #: The ``<title>`` element's text.
    page_title: str | None = None
    #: The JSON object in ``<meta name="govdisclosure:report">``, if the page has one.
    meta: dict[str, Any] | None = None
    #: Why the page's ``<meta name="govdisclosure:report">`` could not be read, if it could not.
    meta_error: str | None = None


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


@lru_cache(maxsize=1024)
def _is_chrome(value: str) -> bool:
    """Whether a class or id names page chrome (cached: a page repeats a few class names)."""
    return _CHROME_CLASS.search(value) is not None


_SPAN = re.compile(r"\s*([0-9]{1,4})")


def _span(value: str | None, most: int) -> int:
    """A rowspan or colspan attribute: 1 when absent or unreadable, at most ``most``."""
    if not value:
        return 1
    digits = _SPAN.match(value)
    if digits is None:
        return 1
    return max(1, min(int(digits.group(1)), most))


def _cell_text(el: _Element) -> str:
    """The text of an element and its descendants (not its tail), whitespace normalised."""
    text = el.text if len(el) == 0 else "".join(el.itertext())
    return _clean(text) if text else ""


#: ``[1]``, ``[2]``, ...: the index part of a cell's path, for the cells of a usual row.
_INDEX = tuple(f"[{i}]" for i in range(64))


def _table(el: _Element, index: int, limits: Limits) -> TableBlock:
    cells: list[TableCell] = []
    most = limits.max_span
    # Grid positions the cells cover so far: the carried spans below cost as much memory, so
    # the budget is checked before they are recorded (a 150 kB page of huge spans took GBs).
    budget = limits.max_cells
    covered = 0
    append = cells.append
    # Columns that a rowspan from a row above takes in a row below: row -> columns.
    carried: dict[int, set[int]] = {}
    row_index = 0
    for tr in el.iter("tr"):
        taken = carried.pop(row_index, None)
        column = 0
        cell_index = 0
        prefix = f"table[{index}]/tr[{row_index + 1}]/"
        for td in tr:
            tag = td.tag
            if tag != "td" and tag != "th":
                continue
            cell_index += 1
            if taken:
                while column in taken:
                    column += 1
            value = td.get("rowspan")
            rows = 1 if value is None else _span(value, most)
            value = td.get("colspan")
            cols = 1 if value is None else _span(value, most)
            covered += rows * cols
            if covered > budget:
                raise LimitExceeded(
                    "max_cells",
                    covered,
                    budget,
                    path=f"{prefix}{tag}[{cell_index}]",
                    origin=Origin(line=td.sourceline, path=f"{prefix}{tag}[{cell_index}]"),
                )
            if rows > 1:
                span = range(column, column + cols)
                for below in range(row_index + 1, row_index + rows):
                    carried.setdefault(below, set()).update(span)
            # Positional arguments: Origin(page, line, column, bbox, path), measurably faster;
            # so is joining the path from ready-made pieces (formatting an int is not cheap).
            where = _INDEX[cell_index] if cell_index < len(_INDEX) else f"[{cell_index}]"
            origin = Origin(None, td.sourceline, None, None, prefix + tag + where)
            text = td.text if len(td) == 0 else "".join(td.itertext())
            if not text:
                text = ""
            elif not text.isdigit():
                text = _WS.sub(" ", text).strip()
            append(TableCell(text, row_index, column, rows, cols, origin))
            column += cols
        row_index += 1
    return TableBlock(tuple(cells), Origin(line=el.sourceline, path=f"table[{index}]"))


def _layout_tables(root: _Element) -> set[_Element]:
    """Tables that contain another table (layout, not data); linear in the number of tables."""
    layout: set[_Element] = set()
    for table in root.iter("table"):
        parent = table.getparent()
        while parent is not None:
            if parent.tag == "table":
                if parent in layout:
                    break
                layout.add(parent)
            parent = parent.getparent()
    return layout


def _has_columns(table: _Element) -> bool:
    """A data table has a row of at least two cells; a one-column table is a layout box."""
    return any(sum(1 for c in tr if c.tag in ("td", "th")) >= 2 for tr in table.iter("tr"))


def _meta(root: _Element) -> tuple[dict[str, Any] | None, str | None]:
    """The embedded metadata object, or why it could not be read."""
    from govdisclosure.serialize.meta import META_NAME, decode_meta

    for el in root.iter("meta"):
        if el.get("name") == META_NAME:
            try:
                return decode_meta(el.get("content") or ""), None
            except ValueError as exc:
                return None, str(exc)
    return None, None


def read_html(text: str, *, limits: Limits = DEFAULT_LIMITS) -> HtmlPage:
    """Read an HTML page into blocks.

    A table covering more than ``limits.max_cells`` grid positions raises
    :class:`~govdisclosure.parse.LimitExceeded` before its grid is built; spans are capped at
    ``limits.max_span``.

    >>> page = read_html("<div class='breadcrumb'>首页 &gt; 年报</div><p>一、总体情况</p>"
    ...                  "<table><tr><td rowspan='2'>a</td><td>&nbsp;</td></tr></table>")
    >>> [type(b).__name__ for b in page.blocks]
    ['TextBlock', 'TableBlock']
    >>> page.blocks[1].cells[1].text, page.blocks[1].cells[0].row_span
    ('', 2)
    """
    from lxml import etree

    if not text.strip():
        raise ParseError("the page is empty / 页面为空")
    # lxml.etree's own elements: lxml.html's element classes cost a Python call per element.
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True)
    # An XHTML page's XML declaration names an encoding, which lxml refuses in decoded text.
    root = etree.fromstring(_XML_DECLARATION.sub("", text, count=1), parser)
    if root is None:
        raise ParseError("cannot parse the HTML: the document is empty / 无法解析HTML：文档为空")
    blocks: list[Block] = []
    line: list[str] = []
    line_no: list[int | None] = [None]
    layout = _layout_tables(root)
    title: str | None = None
    table_count = 0

    def flush() -> None:
        if line:
            joined = _clean("".join(line))
            if joined:
                blocks.append(TextBlock(joined, Origin(line=line_no[0])))
            line.clear()
        line_no[0] = None

    def add(piece: str, at: int | None) -> None:
        if line_no[0] is None and piece.strip():
            line_no[0] = at
        line.append(piece)

    # lxml walks the tree in C (no recursion, so 10,000 nested tags cannot exhaust the stack);
    # an element handled whole (a table, a heading, chrome) has its subtree skipped. Every
    # element gets its end event, where its tail (the text after it) is added.
    walker = etree.iterwalk(root, events=("start", "end"))
    skip = walker.skip_subtree
    for event, el in walker:
        tag = el.tag
        if event == "end":
            if tag in _BLOCK:
                flush()
            tail = el.tail
            if tail:
                add(tail, el.sourceline)
            continue
        if not isinstance(tag, str):  # pragma: no cover - comments and PIs are removed
            skip()
            continue
        if tag in _SKIP:
            skip()
            continue
        css = el.get("class")
        ident = el.get("id")
        if (css and _is_chrome(css)) or (ident and _is_chrome(ident)):
            skip()
            continue
        if tag == "ul" and css == "gd-figures":
            # A rendered report's list of figures (carried in its metadata) and its heading.
            flush()
            last = blocks[-1] if blocks else None
            if isinstance(last, TextBlock) and last.text in _FIGURES_HEADINGS:
                blocks.pop()
            skip()
            continue
        if tag == "h1" and title is None:
            flush()
            title = _cell_text(el) or None
            skip()
            continue
        if tag == "table" and el not in layout and _has_columns(el):
            flush()
            table_count += 1
            blocks.append(_table(el, table_count, limits))
            skip()
            continue
        if tag in _BLOCK or tag == "br":
            flush()
        text = el.text
        if text:
            add(text, el.sourceline)
    flush()
    page_title = None
    found = root.find(".//title")
    if found is not None:
        page_title = _cell_text(found) or None
    meta, meta_error = _meta(root)
    return HtmlPage(tuple(blocks), title, page_title, meta, meta_error)
