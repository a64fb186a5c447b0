"""Read a PDF report into blocks: tables from their ruling lines, the rest as paragraphs.

:func:`read_pdf` turns the bytes of a PDF into the :mod:`~govdisclosure.parse._blocks` every
reader produces, using pdfplumber (the ``pdf`` extra, imported only when a PDF is read):

* **Tables** come from cell geometry, not from the text: the ruling lines and rectangles drawn on
  the page give the cells (``page.find_tables()``), and a merged cell keeps its extent as
  ``row_span``/``column_span`` on the table's grid. Word-made PDFs often draw part of a table
  only with white-filled cell rectangles and no line; such invisible rectangles are used as cell
  edges only where they touch a table found from visible lines and are narrower than it (the
  white bands behind lines of running text are not cells). A table without any visible ruling
  line is not recognised: its text comes out as running text. A framed box of a single cell is
  running text too (pdfplumber finds no table of one cell).
* **Running text** outside the tables comes as one :class:`TextBlock` per paragraph, in reading
  order (top to bottom, one column): a paragraph ends where a line stops short of the right
  margin, the next line is indented, the font size changes or the vertical gap widens. A
  paragraph that continues on the next page is one block, whose origin is where it starts.
  The text inside tables is not repeated as running text.
* **Page furniture** is dropped: a page number alone on the top or bottom line of a page
  (``- 3 -``, ``— 3 —``, ``3``, ``第3页``, ``第3页 共5页``, ``3/5``), and a running header or
  footer repeated on most pages.
* **Whitespace** is normalised the way Chinese text reads: runs of whitespace become one space
  between two narrow (Latin) characters and disappear next to a Chinese character or full-width
  punctuation (``2024 年`` -> ``2024年``, line breaks inside a cell or paragraph vanish). Nothing
  else is changed.

A table continued on the next page is a new :class:`TableBlock`; :func:`table_continues` tells
from the geometry whether a table plausibly continues the one before it.

A PDF that cannot be read (encrypted with a password, corrupt, not a PDF at all, empty input)
raises :class:`~govdisclosure.errors.ParseError`, whatever pdfminer raised underneath. Without
pdfplumber installed, :func:`read_pdf` raises :class:`ImportError` naming the extra to install
(``pip install 'govdisclosure[pdf]'``): a missing dependency is a problem of the environment, not
of the document, so it is deliberately not a :class:`~govdisclosure.errors.GovDisclosureError`.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import unicodedata
import zlib
from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.errors import ParseError
from govdisclosure.parse._blocks import Block, Origin, TableBlock, TableCell, TextBlock
from govdisclosure.parse._extras import require
from govdisclosure.parse._limits import DEFAULT_LIMITS, Deadline, LimitExceeded, Limits

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["read_pdf", "table_continues"]


#: Distance (points) under which two cell edges are the same grid line.
_SNAP = 2.5
#: How far (points) an invisible rectangle may be from a table and still be one of its cells.
_TOUCH = 2.0
#: Page furniture lives in this fraction of the page height at the top and at the bottom.
_MARGIN_BAND = 0.12

_PAGE_NUMBER = re.compile(
    r"""^(?:
        [-－—–_~·.\s]*\d{1,4}[-－—–_~·.\s]*             # - 3 -, — 3 —, 3
      | 第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?  # 第3页, 第3页 共5页
      | \d{1,4}\s*/\s*\d{1,4}                           # 3/5
      | (?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?   # Page 3 of 5
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


def _pdfplumber() -> Any:
    return require("pdfplumber", ("PDF reports", "PDF报告"), "pdfplumber", "pdf")


_STREAM = re.compile(rb"stream\r?\n")
_CHUNK = 1 << 20


def _inflated_size(data: bytes, limit: int) -> int:
    """The bytes the zlib (Flate) streams of a PDF inflate to, counted up to ``limit + 1``.

    pdfminer inflates a stream whole in memory, so a 3 MB file of compressed zeros takes
    gigabytes before any page is read; this pass counts in 1 MB steps and stops past the limit.
    A stream that is not zlib data (another filter, encrypted) counts as nothing here.
    """
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        header = data[start : start + 2]
        if len(header) < 2 or header[0] & 0x0F != 8 or (header[0] << 8 | header[1]) % 31:
            continue  # no zlib header: uncompressed content, another filter, encrypted data
        inflater = zlib.decompressobj()
        pending = memoryview(data)[start : len(data) if end < 0 else end]
        try:
            while pending:
                total += len(inflater.decompress(pending, _CHUNK))
                if total > limit:
                    return total
                pending = memoryview(inflater.unconsumed_tail)
                if inflater.eof:
                    break
        except zlib.error:
            continue  # corrupt data: pdfminer decides what it is
    return total


def read_pdf(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> list[Block]:
    r"""Read a PDF report into text and table blocks in reading order.

    ``limits`` bounds the pages read (``max_pages``), what the compressed streams may inflate to
    (``max_inflated_bytes``, counted before pdfminer inflates anything) and the time spent
    (``max_seconds``, checked between pages); past one, :class:`~govdisclosure.parse.LimitExceeded`.

    Every cell and paragraph carries its :class:`Origin`: the 1-based page and the bounding box
    ``(x0, top, x1, bottom)`` in points from the page's top-left corner.

    A one-page PDF (842 points high) with a heading over a ruled table of two rows and columns:

    >>> content = (b"BT /F1 12 Tf 72 740 Td (Table 3) Tj ET "
    ...            b"72 700 300 -40 re 72 680 m 372 680 l 222 700 m 222 660 l S "
    ...            b"BT /F1 10 Tf 80 686 Td (New applications) Tj 150 0 Td (21) Tj ET "
    ...            b"BT /F1 10 Tf 80 666 Td (Carried over) Tj 150 0 Td (0) Tj ET")
    >>> data = (b"%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    ...         b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    ...         b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources"
    ...         b"<</Font<</F1<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>>>endobj\n"
    ...         b"4 0 obj<</Length %d>>stream\n%s\nendstream endobj\n"
    ...         b"trailer<</Root 1 0 R>>\n%%%%EOF" % (len(content), content))
    >>> heading, table = read_pdf(data)
    >>> heading.text, heading.origin.page
    ('Table 3', 1)
    >>> table.shape
    (2, 2)
    >>> [(cell.row, cell.column, cell.text) for cell in table.cells]
    [(0, 0, 'New applications'), (0, 1, '21'), (1, 0, 'Carried over'), (1, 1, '0')]
    >>> table.cells[1].origin.bbox
    (222.0, 142.0, 372.0, 162.0)
    >>> read_pdf(b"%PDF-1.4 not really")
    Traceback (most recent call last):
    ...
    govdisclosure.errors.ParseError: cannot read the PDF: ... / 无法读取PDF：...
    """
    pdfplumber = _pdfplumber()
    if not data.strip():
        raise ParseError("the PDF is empty (no bytes) / PDF为空（没有内容）")
    if b"%PDF-" not in data[:1024]:
        raise ParseError(
            "not a PDF: no %PDF- header in the first 1024 bytes"
            " / 不是PDF文件：前1024字节中没有%PDF-文件头"
        )
    deadline = Deadline(limits)
    inflated = _inflated_size(data, limits.max_inflated_bytes)
    if inflated > limits.max_inflated_bytes:
        raise LimitExceeded("max_inflated_bytes", inflated, limits.max_inflated_bytes)
    pages: list[_Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                if number > limits.max_pages:
                    raise LimitExceeded("max_pages", number, limits.max_pages)
                deadline.check(f"page {number}")
                pages.append(_read_page(page, number))
    except LimitExceeded:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types: this is the boundary
        reason = _reason(exc)
        if "password" in reason.lower() or "encrypt" in reason.lower():
            raise ParseError(
                f"cannot read the PDF: it is encrypted with a password ({reason})"
                f" / 无法读取PDF：文件已加密，需要密码（{reason}）"
            ) from exc
        raise ParseError(f"cannot read the PDF: {reason} / 无法读取PDF：{reason}") from exc
    return _assemble(pages)


def _reason(exc: BaseException) -> str:
    """The innermost error's type and message (pdfplumber wraps pdfminer's errors)."""
    seen = {id(exc)}
    while True:
        inner = next((a for a in exc.args if isinstance(a, BaseException)), None)
        inner = inner or exc.__cause__
        if inner is None or id(inner) in seen:
            break
        seen.add(id(inner))
        exc = inner
    message = str(exc).strip()
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def table_continues(previous: TableBlock, following: TableBlock, *, tolerance: float = 6.0) -> bool:
    """Whether ``following`` plausibly continues ``previous`` across a page break.

    A hint from the geometry only: ``following`` starts on the page after the one
    ``previous`` ends on, and both tables have the same left and right edges (within
    ``tolerance`` points). Whether they are adjacent in the block list (nothing between them but
    the page break) and whether the contents fit together is for the caller to judge; sections
    of table 2, for instance, change their column count from one page to the next.

    >>> def table(page, x0, x1):
    ...     return TableBlock((), Origin(page=page, bbox=(x0, 80.0, x1, 700.0)))
    >>> table_continues(table(4, 72.8, 520.0), table(5, 70.2, 522.7))
    True
    >>> table_continues(table(4, 72.8, 520.0), table(4, 70.2, 522.7))  # same page
    False
    >>> table_continues(table(4, 72.8, 520.0), table(5, 72.8, 400.0))  # narrower
    False
    """
    before, after = previous.origin, following.origin
    if before.page is None or after.page is None or before.bbox is None or after.bbox is None:
        return False
    last_page = max((c.origin.page or before.page for c in previous.cells), default=before.page)
    if after.page != last_page + 1:
        return False
    return (
        abs(before.bbox[0] - after.bbox[0]) <= tolerance
        and abs(before.bbox[2] - after.bbox[2]) <= tolerance
    )


# --- reading one page ----------------------------------------------------------------------------


@attrs.frozen
class _Line:
    """A line of running text as found on a page."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float


@attrs.frozen
class _Page:
    """What one page holds: its running-text lines and its tables, each in top-down order."""

    number: int
    height: float
    lines: tuple[_Line, ...]
    tables: tuple[TableBlock, ...]


def _is_white(colour: object) -> bool:
    if not isinstance(colour, tuple | list):
        return colour is None or colour == 1
    values = [float(v) for v in colour if isinstance(v, int | float)]
    if len(values) != len(colour):  # a pattern or a named colour space: assume it shows
        return False
    if len(values) == 4:  # CMYK white is no ink at all
        return all(abs(v) < 1e-6 for v in values)
    return all(abs(v - 1) < 1e-6 for v in values)


def _is_invisible_rect(obj: dict[str, Any]) -> bool:
    """A rectangle painted white (or not painted at all): a background, maybe a table cell."""
    if obj.get("object_type") != "rect":
        return False
    stroked = bool(obj.get("stroke")) and not _is_white(obj.get("stroking_color"))
    filled = bool(obj.get("fill")) and not _is_white(obj.get("non_stroking_color"))
    return not (stroked or filled)


def _touches(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return (
        a[0] <= b[2] + _TOUCH
        and b[0] <= a[2] + _TOUCH
        and a[1] <= b[3] + _TOUCH
        and b[1] <= a[3] + _TOUCH
    )


def _cell_rects(
    regions: list[tuple[float, float, float, float]], rects: list[dict[str, Any]]
) -> set[int]:
    """The invisible rectangles that are cells of the tables found from visible lines.

    A rectangle inside a table region is one of its cells. One that sticks out of a region but
    touches it is a cell too when it is narrower than the table (the region grows to include
    it); a white band as wide as the table or wider is the background of running text.
    """
    chosen: set[int] = set()
    grown = list(regions)
    changed = True
    while changed:
        changed = False
        for rect in rects:
            if id(rect) in chosen:
                continue
            box = (rect["x0"], rect["top"], rect["x1"], rect["bottom"])
            for i, region in enumerate(grown):
                if not _touches(box, region):
                    continue
                inside = (
                    box[0] >= region[0] - _TOUCH
                    and box[2] <= region[2] + _TOUCH
                    and box[1] >= region[1] - _TOUCH
                    and box[3] <= region[3] + _TOUCH
                )
                narrower = (
                    box[0] >= region[0] - _TOUCH
                    and box[2] <= region[2] + _TOUCH
                    and box[2] - box[0] < region[2] - region[0] - 2 * _TOUCH
                )
                if inside or narrower:
                    chosen.add(id(rect))
                    grown[i] = (
                        min(region[0], box[0]),
                        min(region[1], box[1]),
                        max(region[2], box[2]),
                        max(region[3], box[3]),
                    )
                    changed = True
                    break
    return chosen


def _find_tables(page: Any) -> list[Any]:
    """pdfplumber tables from visible ruling lines, refined by the invisible cell rectangles."""
    invisible = [obj for obj in page.rects if _is_invisible_rect(obj)]
    visible_page = page.filter(lambda obj: not _is_invisible_rect(obj)) if invisible else page
    tables: list[Any] = visible_page.find_tables()
    if not tables or not invisible:
        return tables
    chosen = _cell_rects([t.bbox for t in tables], invisible)
    if not chosen:
        return tables
    refined: list[Any] = page.filter(
        lambda obj: not _is_invisible_rect(obj) or id(obj) in chosen
    ).find_tables()
    return refined


def _read_page(page: Any, number: int) -> _Page:
    tables = _find_tables(page)
    blocks = [_table_block(table, number) for table in tables]
    areas = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(a[0] <= x <= a[2] and a[1] <= y <= a[3] for a in areas)

    text_page = page.filter(outside) if areas else page
    lines = []
    for found in text_page.extract_text_lines(strip=True, return_chars=True):
        text = _normalise(found["text"])
        if not text:  # pragma: no cover - strip=True leaves no blank line
            continue
        sizes = [float(c["size"]) for c in found["chars"]]
        lines.append(
            _Line(
                page=number,
                x0=float(found["x0"]),
                top=float(found["top"]),
                x1=float(found["x1"]),
                bottom=float(found["bottom"]),
                text=text,
                size=statistics.median(sizes),
            )
        )
    return _Page(number, float(page.height), tuple(lines), tuple(blocks))


def _snap(values: Iterable[float]) -> list[float]:
    """Cluster coordinates closer than the snap distance; one representative per cluster."""
    grid: list[float] = []
    for value in sorted(values):
        if not grid or value - grid[-1] > _SNAP:
            grid.append(value)
    return grid


def _position(grid: Sequence[float], value: float) -> int:
    return min(range(len(grid)), key=lambda i: abs(grid[i] - value))


def _table_block(table: Any, page: int) -> TableBlock:
    texts = table.extract()
    found: list[tuple[tuple[float, float, float, float], str]] = []
    for row, row_texts in zip(table.rows, texts, strict=True):
        for bbox, text in zip(row.cells, row_texts, strict=True):
            if bbox is not None:
                x0, top, x1, bottom = (float(v) for v in bbox)
                found.append(((x0, top, x1, bottom), _normalise(text or "")))
    xs = _snap(v for bbox, _ in found for v in (bbox[0], bbox[2]))
    ys = _snap(v for bbox, _ in found for v in (bbox[1], bbox[3]))
    cells = []
    for bbox, text in found:
        row, column = _position(ys, bbox[1]), _position(xs, bbox[0])
        cells.append(
            TableCell(
                text,
                row,
                column,
                row_span=max(1, _position(ys, bbox[3]) - row),
                column_span=max(1, _position(xs, bbox[2]) - column),
                origin=Origin(page=page, bbox=_rounded(bbox)),
            )
        )
    cells.extend(_uncovered(table.page.chars, xs, ys, cells, page))
    cells.sort(key=lambda c: (c.row, c.column))
    return TableBlock(tuple(cells), Origin(page=page, bbox=_rounded(table.bbox)))


def _uncovered(
    chars: Sequence[dict[str, Any]],
    xs: Sequence[float],
    ys: Sequence[float],
    cells: Sequence[TableCell],
    page: int,
) -> list[TableCell]:
    """Cells for the grid positions no found cell covers but text fills.

    When one edge of a cell is not drawn, pdfplumber finds no cell there and its text would be
    lost; the position on the grid is still known, so its text becomes a cell of its own.
    """
    covered = {
        (r, c)
        for cell in cells
        for r in range(cell.row, cell.row + cell.row_span)
        for c in range(cell.column, cell.column + cell.column_span)
    }
    extra = []
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            if (r, c) in covered:
                continue
            bbox = (xs[c], ys[r], xs[c + 1], ys[r + 1])
            inside = [
                char
                for char in chars
                if bbox[0] <= (char["x0"] + char["x1"]) / 2 < bbox[2]
                and bbox[1] <= (char["top"] + char["bottom"]) / 2 < bbox[3]
            ]
            if inside:
                text = _normalise(_pdfplumber().utils.extract_text(inside))
                extra.append(TableCell(text, r, c, origin=Origin(page=page, bbox=_rounded(bbox))))
    return extra


def _rounded(bbox: Sequence[float]) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = (round(float(v), 2) for v in bbox)
    return x0, top, x1, bottom


# --- text ----------------------------------------------------------------------------------------


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WFA"


def _normalise(text: str) -> str:
    """Collapse whitespace as Chinese text reads: none next to a wide character.

    >>> _normalise(" 2024 年，全市共受理\\n申请 3119 件 ")
    '2024年，全市共受理申请3119件'
    >>> _normalise("hazwgkc@163.com  and\\nmore")
    'hazwgkc@163.com and more'
    """
    parts = text.split()
    if not parts:
        return ""
    out = [parts[0]]
    for part in parts[1:]:
        if not (_is_wide(out[-1][-1]) or _is_wide(part[0])):
            out.append(" ")
        out.append(part)
    return "".join(out)


def _furniture(pages: Sequence[_Page]) -> set[_Line]:
    """Page numbers and running headers/footers: the top or bottom line of a page, in its margin."""
    edges: list[_Line] = []
    for page in pages:
        if not page.lines:
            continue
        band = page.height * _MARGIN_BAND
        for line in {page.lines[0], page.lines[-1]}:
            if line.bottom <= band or line.top >= page.height - band:
                edges.append(line)
    dropped = {line for line in edges if _PAGE_NUMBER.match(line.text)}
    # A running header or footer: the same text (page numbers aside) on most pages.
    if len(pages) >= 3:
        shapes = Counter(_DIGITS.sub("#", line.text) for line in edges)
        repeated = {text for text, count in shapes.items() if count * 2 > len(pages)}
        dropped.update(line for line in edges if _DIGITS.sub("#", line.text) in repeated)
    return dropped


@attrs.frozen
class _Layout:
    """The body text's geometry, measured over the whole document."""

    left: float
    right: float
    gap: float

    @classmethod
    def measure(cls, lines: Sequence[_Line]) -> _Layout:
        lefts = Counter(round(line.x0) for line in lines)
        rights = Counter(round(line.x1) for line in lines)
        gaps = [
            b.top - a.bottom
            for a, b in itertools.pairwise(lines)
            if a.page == b.page and b.top > a.bottom
        ]
        return cls(
            left=float(lefts.most_common(1)[0][0]),
            right=float(rights.most_common(1)[0][0]),
            gap=statistics.median(gaps) if gaps else 0.0,
        )

    def continues(self, a: _Line, b: _Line) -> bool:
        """Whether line ``b`` continues the paragraph that line ``a`` is part of."""
        size = max(a.size, b.size)
        if abs(a.size - b.size) > 1.0:
            return False
        if a.x1 < self.right - 1.5 * size:  # a stopped short of the margin: a paragraph's end
            return False
        if b.x0 > self.left + 0.9 * size:  # b is indented: a new paragraph
            return False
        if b.page != a.page:
            return b.page == a.page + 1
        return b.top - a.bottom <= max(1.6 * self.gap, self.gap + 0.6 * size)


def _assemble(pages: Sequence[_Page]) -> list[Block]:
    dropped = _furniture(pages)
    items: list[tuple[int, float, int, Block | _Line]] = []
    for page in pages:
        for line in page.lines:
            if line not in dropped:
                items.append((page.number, line.top, 1, line))
        for table in page.tables:
            assert table.origin.bbox is not None
            items.append((page.number, table.origin.bbox[1], 0, table))
    items.sort(key=lambda item: item[:3])
    body = [item[3] for item in items if isinstance(item[3], _Line)]
    layout = _Layout.measure(body) if body else None
    blocks: list[Block] = []
    paragraph: list[_Line] = []
    for *_, item in items:
        if isinstance(item, _Line):
            assert layout is not None
            if paragraph and not layout.continues(paragraph[-1], item):
                blocks.append(_paragraph(paragraph))
                paragraph = []
            paragraph.append(item)
            continue
        if paragraph:
            blocks.append(_paragraph(paragraph))
            paragraph = []
        blocks.append(item)
    if paragraph:
        blocks.append(_paragraph(paragraph))
    return blocks


def _paragraph(lines: Sequence[_Line]) -> TextBlock:
    first = lines[0]
    here = [line for line in lines if line.page == first.page]
    bbox = (
        min(line.x0 for line in here),
        min(line.top for line in here),
        max(line.x1 for line in here),
        max(line.bottom for line in here),
    )
    text = _normalise("\n".join(line.text for line in lines))
    return TextBlock(text, Origin(page=first.page, bbox=_rounded(bbox)))
