"""The intermediate every reader produces: text blocks and tables of cells, each with its origin.

HTML, plain text and PDF look nothing alike, but once read they are the same thing: paragraphs of
text and tables of cells in reading order. The readers (``_html``, ``_text``, ``_pdf``) produce
these blocks; the interpreter turns blocks into a report. Keeping the origin of every piece of text
is what lets a diagnostic say where in the source a cell came from.
"""

from __future__ import annotations

import attrs

__all__ = ["Block", "Origin", "TableBlock", "TableCell", "TextBlock"]


@attrs.frozen
class Origin:
    """Where a piece of text was found in the source; every field that does not apply is ``None``.

    >>> Origin(page=3, bbox=(72.0, 100.5, 130.0, 112.0)).describe()
    'page 3, at (72.0, 100.5, 130.0, 112.0)'
    >>> Origin(line=12, column=5).describe()
    'line 12, column 5'
    """

    #: 1-based PDF page.
    page: int | None = None
    #: 1-based line in a text or HTML source.
    line: int | None = None
    #: 1-based column (character offset in the line) in a text source.
    column: int | None = None
    #: PDF geometry ``(x0, top, x1, bottom)`` in points, origin at the page's top-left.
    bbox: tuple[float, float, float, float] | None = None
    #: Element path in an HTML source, e.g. ``"table[2]/tr[5]/td[3]"``.
    path: str | None = None

    def describe(self) -> str:
        """A short English description for diagnostics."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.path is not None:
            parts.append(self.path)
        if self.bbox is not None:
            parts.append(f"at {self.bbox}")
        return ", ".join(parts) or "unknown position"


@attrs.frozen
class TextBlock:
    """A paragraph (or heading, or line) of running text."""

    text: str
    origin: Origin = Origin()


@attrs.frozen
class TableCell:
    """One cell of a table, placed on the table's grid (0-based), with its spans.

    ``text`` is the cell's text as found, whitespace normalised but otherwise untouched (full-width
    digits, typos and all); an empty string is a blank cell.
    """

    text: str
    row: int
    column: int
    row_span: int = 1
    column_span: int = 1
    origin: Origin = Origin()
    #: The form row a label cell names when the reader has already identified it (the plain-text
    #: reader finds rows by their labels): the interpreter takes it instead of matching again.
    key: str | None = None


@attrs.frozen
class TableBlock:
    """A table as a set of placed cells. A table that continues on the next page is a new block."""

    cells: tuple[TableCell, ...]
    origin: Origin = Origin()

    @property
    def shape(self) -> tuple[int, int]:
        """``(rows, columns)`` of the grid the cells cover.

        >>> TableBlock((TableCell("a", 0, 0, column_span=2), TableCell("b", 1, 1))).shape
        (2, 2)
        """
        rows = max((c.row + c.row_span for c in self.cells), default=0)
        columns = max((c.column + c.column_span for c in self.cells), default=0)
        return rows, columns


Block = TextBlock | TableBlock
