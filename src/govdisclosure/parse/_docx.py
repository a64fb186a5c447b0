"""Word (``.docx``) reports to blocks: paragraphs and tables in document order, merged cells placed.

Many agencies attach the annual report as a Word file. The reader opens it with python-docx (the
``docx`` extra) and walks the document body in order: every paragraph becomes a
:class:`~govdisclosure.parse.TextBlock`, every table a :class:`~govdisclosure.parse.TableBlock`
whose cells are placed on the table's grid the way the HTML reader places ``rowspan`` and
``colspan``: a horizontally merged cell (``w:gridSpan``) is one cell with a column span, a
vertically merged one (``w:vMerge``) is one cell with a row span, and the grid positions it
covers hold no cell of their own. A table that holds another table is layout: its cells' content
is read in order as if it were body text.

A ``.docx`` is a zip archive, so it is checked before anything is decompressed: at most
``MAX_ENTRIES`` entries, none over ``MAX_ENTRY_BYTES`` uncompressed, at most ``MAX_TOTAL_BYTES``
in all, and no entry that inflates more than ``MAX_RATIO`` times (a zip bomb). Past any of these,
and for an archive that is not a Word document, :class:`~govdisclosure.errors.ParseError` says
which entry and which limit. Without python-docx installed, :func:`read_docx` raises
:class:`ImportError` naming the extra to install (``pip install 'govdisclosure[docx]'``), as the
PDF reader does for its extra.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from typing import TYPE_CHECKING, Any

from govdisclosure.errors import ParseError
from govdisclosure.parse._blocks import Block, Origin, TableBlock, TableCell, TextBlock
from govdisclosure.parse._extras import require

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "MAX_ENTRIES",
    "MAX_ENTRY_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "is_docx",
    "read_docx",
]

_DOCUMENT = "word/document.xml"

#: At most this many entries in the archive (a report has a few dozen).
MAX_ENTRIES = 2_000
#: No entry may decompress to more than this many bytes.
MAX_ENTRY_BYTES = 64 * 1024 * 1024
#: All entries together may decompress to at most this many bytes.
MAX_TOTAL_BYTES = 128 * 1024 * 1024
#: No entry larger than ``_RATIO_FLOOR`` may inflate more than this many times its stored size.
MAX_RATIO = 200
#: Entries smaller than this are exempt from the ratio check (tiny XML parts compress very well).
_RATIO_FLOOR = 1024 * 1024
#: A ``gridSpan`` or ``gridBefore`` above this is not believed (the HTML reader caps spans so).
_MAX_SPAN = 100

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_SDT, _SDT_CONTENT = f"{_W}sdt", f"{_W}sdtContent"
_WS = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")


def _docx() -> Any:
    return require("docx", ("Word (.docx) reports", "Word（.docx）报告"), "python-docx", "docx")


def is_docx(data: bytes) -> bool:
    """Whether ``data`` is a zip archive holding ``word/document.xml`` (a Word document).

    Only the archive's directory is read, nothing is decompressed.

    >>> is_docx(b"PK\\x03\\x04 not really a zip"), is_docx(b"%PDF-1.7")
    (False, False)
    """
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(info.filename == _DOCUMENT for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _check_archive(data: bytes) -> None:
    """Refuse an archive past the limits before python-docx decompresses any of it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ParseError(
            f"the .docx is not a readable zip archive: {exc} / .docx文件不是可读取的zip压缩包"
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ParseError(
                f"the .docx has {len(infos)} entries; at most {MAX_ENTRIES} are read"
                f" / .docx文件含{len(infos)}个条目，上限为{MAX_ENTRIES}"
            )
        if not any(info.filename == _DOCUMENT for info in infos):
            raise ParseError(
                f"the archive has no {_DOCUMENT}: it is not a Word document"
                f" / 压缩包中没有{_DOCUMENT}，不是Word文档"
            )
        total = 0
        for info in infos:
            name, size = info.filename, info.file_size
            if size > MAX_ENTRY_BYTES:
                raise ParseError(
                    f"entry {name} of the .docx decompresses to {size} bytes;"
                    f" at most {MAX_ENTRY_BYTES} are read"
                    f" / .docx条目{name}解压后{size}字节，上限为{MAX_ENTRY_BYTES}"
                )
            if size > _RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
                raise ParseError(
                    f"entry {name} of the .docx inflates {size // max(info.compress_size, 1)}"
                    f" times; at most {MAX_RATIO} (a zip bomb?)"
                    f" / .docx条目{name}压缩比过高（上限{MAX_RATIO}倍）"
                )
            total += size
            if total > MAX_TOTAL_BYTES:
                raise ParseError(
                    f"the .docx decompresses to more than {MAX_TOTAL_BYTES} bytes"
                    f" / .docx文件解压后超过{MAX_TOTAL_BYTES}字节"
                )


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _count(element: Any, path: str, default: int) -> int:
    """The ``w:val`` of the child at ``path`` as a count of grid columns, capped.

    ``default`` when the child is absent or its value is not a number (or not positive).
    """
    found = element.find(path)
    value = "" if found is None else found.get(f"{_W}val") or ""
    return min(int(value), _MAX_SPAN) if value.isdigit() and int(value) > 0 else default


def _paragraph_text(p: Any) -> str:
    # python-docx's paragraph element (CT_P) gives its runs' text: tabs as \t, breaks as \n.
    return str(p.text or "")


def _has_table(tbl: Any) -> bool:
    """A table with a table inside one of its cells is layout, not data."""
    # iter() yields the table itself first; a second table is one nested inside it.
    return next(itertools.islice(tbl.iter(_TBL), 1, None), None) is not None


def _table(tbl: Any, index: int) -> TableBlock:
    """Place every cell of a data table on its grid, merged cells as spans."""
    cells: list[TableCell] = []
    #: The cell a vertical merge continues, by grid column (only while the merge runs).
    open_merges: dict[int, int] = {}
    for row_index, tr in enumerate(tbl.iterchildren(_TR)):
        column = _count(tr, f"{_W}trPr/{_W}gridBefore", 0)  # grid columns skipped first
        continued: set[int] = set()
        for cell_number, tc in enumerate(tr.iterchildren(_TC), start=1):
            span = _count(tc, f"{_W}tcPr/{_W}gridSpan", 1)
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(f"{_W}val") != "restart" and column in open_merges:
                # A continuation: the cell above grows one row; this position has no cell.
                at = open_merges[column]
                above = cells[at]
                cells[at] = TableCell(
                    above.text,
                    above.row,
                    above.column,
                    above.row_span + 1,
                    above.column_span,
                    above.origin,
                )
                continued.add(column)
                column += span
                continue
            text = _clean(" ".join(_paragraph_text(p) for p in tc.iter(_P)))
            origin = Origin(path=f"table[{index}]/tr[{row_index + 1}]/tc[{cell_number}]")
            cells.append(TableCell(text, row_index, column, 1, span, origin))
            if merge is not None:  # restart (or a continuation with nothing above: a start)
                open_merges[column] = len(cells) - 1
                continued.add(column)
            column += span
        # A merge ends where a row does not continue it.
        for start in [c for c in open_merges if c not in continued]:
            del open_merges[start]
    return TableBlock(tuple(cells), Origin(path=f"table[{index}]"))


def _walk(body: Any) -> Iterator[tuple[str, Any]]:
    """The body's paragraphs and tables in document order, layout tables opened up.

    An explicit stack instead of recursion: Word allows tables nested in cells to any depth.
    """
    stack: list[Iterator[Any]] = [body.iterchildren(_P, _TBL, _SDT)]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
            continue
        if element.tag == _P:
            yield "p", element
        elif element.tag == _SDT:  # a content control (a cover page, a table of contents)
            stack.append(
                child
                for content in element.iterchildren(_SDT_CONTENT)
                for child in content.iterchildren(_P, _TBL, _SDT)
            )
        elif _has_table(element):
            stack.append(
                child
                for tr in element.iterchildren(_TR)
                for tc in tr.iterchildren(_TC)
                for child in tc.iterchildren(_P, _TBL, _SDT)
            )
        else:
            yield "tbl", element


def read_docx(data: bytes) -> list[Block]:
    """Read a Word (``.docx``) report into text and table blocks in document order.

    Every paragraph and cell carries its :class:`Origin` as a path: ``p[3]`` is the body's third
    paragraph, ``table[2]/tr[5]/tc[3]`` the third cell element of the fifth row of the second
    table.

    >>> import docx
    >>> document = docx.Document()
    >>> _ = document.add_paragraph("某县人民政府2024年政府信息公开工作年度报告")
    >>> table = document.add_table(rows=2, cols=3)
    >>> merged = table.cell(0, 0).merge(table.cell(0, 1))
    >>> merged.text, table.cell(0, 2).text, table.cell(1, 2).text = "申请人情况", "总计", "21"
    >>> out = io.BytesIO()
    >>> document.save(out)
    >>> title, grid = read_docx(out.getvalue())
    >>> title.text, title.origin.describe()
    ('某县人民政府2024年政府信息公开工作年度报告', 'p[1]')
    >>> [(c.text, c.row, c.column, c.column_span) for c in grid.cells][:2]
    [('申请人情况', 0, 0, 2), ('总计', 0, 2, 1)]
    """
    if not data:
        raise ParseError("the .docx is empty / .docx文件为空")
    docx = _docx()
    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a broken package
        raise ParseError(
            f"the .docx could not be opened: {type(exc).__name__}: {exc} / 无法打开.docx文件"
        ) from exc
    blocks: list[Block] = []
    paragraphs = tables = 0
    for kind, element in _walk(document.element.body):
        if kind == "p":
            paragraphs += 1
            text = _clean(_paragraph_text(element))
            if text:
                blocks.append(TextBlock(text, Origin(path=f"p[{paragraphs}]")))
        else:
            tables += 1
            table = _table(element, tables)
            if any(cell.text for cell in table.cells):  # an empty grid says nothing
                blocks.append(table)
    return blocks
