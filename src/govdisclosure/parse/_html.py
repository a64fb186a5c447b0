"""HTML pages to blocks: page chrome dropped, layout tables unwrapped, merged cells placed.

Real report pages wrap the report in navigation, breadcrumbs and share buttons, lay pages out
with nested tables, export from Word with ``<o:p>`` and ``mso-`` markup, and leave blank cells as
``&nbsp;``. The reader walks the tree without recursion (so that 10,000 nested tags cannot
exhaust the stack), drops chrome, treats a table that contains another table as layout, and
places every cell of a data table on its grid with its spans.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.errors import ParseError
from govdisclosure.parse._blocks import Block, Origin, TableBlock, TableCell, TextBlock

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["HtmlPage", "read_html"]

META_NAME = "govdisclosure:report"
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
_MAX_SPAN = 100
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


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _is_chrome(el: HtmlElement) -> bool:
    for attr in ("class", "id"):
        value = el.get(attr)
        if value and _CHROME_CLASS.search(value):
            return True
    return False


def _int_attr(el: HtmlElement, name: str) -> int:
    value = el.get(name)
    if not value:
        return 1
    if value.isdigit() and len(value) <= 4:
        return max(1, min(int(value), _MAX_SPAN))
    digits = re.match(r"\s*([0-9]{1,4})", value)
    if digits is None:
        return 1
    return max(1, min(int(digits.group(1)), _MAX_SPAN))


def _cell_text(el: HtmlElement) -> str:
    text: str = el.text_content()
    return _clean(text) if text else ""


def _table(el: HtmlElement, index: int) -> TableBlock:
    occupied: set[tuple[int, int]] = set()
    cells: list[TableCell] = []
    row_index = 0
    for tr in el.iter("tr"):
        column = 0
        cell_index = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            cell_index += 1
            while (row_index, column) in occupied:
                column += 1
            rows = _int_attr(td, "rowspan")
            cols = _int_attr(td, "colspan")
            for r in range(row_index, row_index + rows):
                for c in range(column, column + cols):
                    occupied.add((r, c))
            origin = Origin(
                line=td.sourceline,
                path=f"table[{index}]/tr[{row_index + 1}]/{td.tag}[{cell_index}]",
            )
            cells.append(TableCell(_cell_text(td), row_index, column, rows, cols, origin))
            column += cols
        row_index += 1
    return TableBlock(tuple(cells), Origin(line=el.sourceline, path=f"table[{index}]"))


def _layout_tables(root: HtmlElement) -> set[HtmlElement]:
    """Tables that contain another table (layout, not data); linear in the number of tables."""
    layout: set[HtmlElement] = set()
    for table in root.iter("table"):
        parent = table.getparent()
        while parent is not None:
            if parent.tag == "table":
                if parent in layout:
                    break
                layout.add(parent)
            parent = parent.getparent()
    return layout


def _has_columns(table: HtmlElement) -> bool:
    """A data table has a row of at least two cells; a one-column table is a layout box."""
    return any(sum(1 for c in tr if c.tag in ("td", "th")) >= 2 for tr in table.iter("tr"))


def _meta(root: HtmlElement) -> dict[str, Any] | None:
    for el in root.iter("meta"):
        if el.get("name") == META_NAME:
            try:
                value = json.loads(el.get("content") or "")
            except ValueError:
                return None
            return value if isinstance(value, dict) else None
    return None


def read_html(text: str) -> HtmlPage:
    """Read an HTML page into blocks.

    >>> page = read_html("<div class='breadcrumb'>首页 &gt; 年报</div><p>一、总体情况</p>"
    ...                  "<table><tr><td rowspan='2'>a</td><td>&nbsp;</td></tr></table>")
    >>> [type(b).__name__ for b in page.blocks]
    ['TextBlock', 'TableBlock']
    >>> page.blocks[1].cells[1].text, page.blocks[1].cells[0].row_span
    ('', 2)
    """
    from lxml import etree, html

    if not text.strip():
        raise ParseError("the page is empty / 页面为空")
    try:
        parser = html.HTMLParser(remove_comments=True, remove_pis=True)
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"cannot parse the HTML: {exc} / 无法解析HTML") from None
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

    def add(piece: str | None, at: int | None) -> None:
        if piece:
            if line_no[0] is None and piece.strip():
                line_no[0] = at
            line.append(piece)

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else None
        if closing:
            if tag in _BLOCK:
                flush()
            add(el.tail, el.sourceline)
            continue
        if tag is None:
            add(el.tail, el.sourceline)
            continue
        tag = tag.lower()
        if tag == "ul" and el.get("class") == "gd-figures":
            # A rendered report's list of figures (carried in its metadata) and its heading.
            flush()
            last = blocks[-1] if blocks else None
            if isinstance(last, TextBlock) and last.text in _FIGURES_HEADINGS:
                blocks.pop()
            add(el.tail, el.sourceline)
            continue
        if tag in _SKIP or _is_chrome(el):
            add(el.tail, el.sourceline)
            continue
        if tag == "h1" and title is None:
            flush()
            title = _cell_text(el) or None
            add(el.tail, el.sourceline)
            continue
        if tag == "table" and el not in layout and _has_columns(el):
            flush()
            table_count += 1
            blocks.append(_table(el, table_count))
            add(el.tail, el.sourceline)
            continue
        if tag == "br":
            flush()
            add(el.tail, el.sourceline)
            continue
        if tag in _BLOCK:
            flush()
        add(el.text, el.sourceline)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    flush()
    page_title = None
    found = root.find(".//title")
    if found is not None:
        page_title = _clean(found.text_content()) or None
    return HtmlPage(tuple(blocks), title, page_title, _meta(root))
