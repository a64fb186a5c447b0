"""The library's one CSV reader and writer: exact round trips, safe to open in a spreadsheet.

Every CSV the library writes or reads (request logs, tidy tables) goes through
:func:`write_csv` and :func:`read_csv`, so they share these rules:

* **Formula neutralisation.** A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or
  ``@`` (and, in some, a tab or carriage return) as a formula, and the text of a request log is
  written by applicants: ``=HYPERLINK(...)`` in a description would run when a clerk opens the
  file. :func:`write_csv` writes such a text cell with a leading apostrophe (``'=1+1``), which
  spreadsheets show as text; :func:`read_csv` removes it again, so the round trip is exact. A
  text that already begins with apostrophes followed by one of those characters gets one more,
  so that it too comes back as it was. Numbers and dates are written as they are (``-3`` stays a
  number). ``neutralise_formulas=False`` turns both off.
* **Exact round trips.** Any cell holding a carriage return or a line feed is quoted (lines end
  with CRLF, as RFC 4180 says), a CRLF inside a cell stays CRLF and a bare CR stays CR, and cells
  of any length are read back (the :mod:`csv` module's field size limit is raised to the length
  of the text being read, never lowered).
* **Encodings.** Bytes are decoded as UTF-8 (with or without a byte-order mark), else as GB18030
  (what Excel on Chinese Windows saves, a superset of GBK and GB2312); anything else is a
  :class:`CsvError`.
* **Broken quoting.** A quote that is never closed would swallow every following row into one
  cell: it is a :class:`CsvError` naming the row where the quoted cell began.

>>> text = write_csv([["id", "description"], ["A1", "=HYPERLINK(\\"http://x\\")"], ["A2", "a\\rb"]])
>>> text.splitlines()[1]
'A1,"\\'=HYPERLINK(""http://x"")"'
>>> read_csv(text) == [["id", "description"], ["A1", "=HYPERLINK(\\"http://x\\")"], ["A2", "a\\rb"]]
True
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import TYPE_CHECKING

from govdisclosure.errors import ErrorDetail, ValidationError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

__all__ = [
    "FORMULA_TRIGGERS",
    "CsvError",
    "decode",
    "neutralise",
    "read_csv",
    "restore",
    "write_csv",
]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP's list)."""

# The csv module's limit is a C long; 2**31 - 1 fits every platform's.
_MAX_FIELD_SIZE = 2**31 - 1


class CsvError(ValidationError):
    """A CSV text that cannot be read faithfully: its encoding or its quoting.

    >>> read_csv('a,b\\n1,"2\\n3,4\\n')
    Traceback (most recent call last):
    ...
    govdisclosure.export.csvio.CsvError: 1 problem in the document / 文档中有1处错误:
      row 2: a quoted cell is never closed: ...
    """


def _needs_mark(text: str) -> bool:
    rest = text.lstrip("'")
    return rest != "" and rest[0] in FORMULA_TRIGGERS


def neutralise(text: str) -> str:
    """``text`` as written to a CSV cell: with a leading apostrophe if a formula could start it.

    >>> neutralise("=1+1"), neutralise("-"), neutralise("'=x"), neutralise("'a")
    ("'=1+1", "'-", "''=x", "'a")
    """
    return "'" + text if _needs_mark(text) else text


def restore(text: str) -> str:
    """The text of a CSV cell as :func:`neutralise` had it: the inverse of :func:`neutralise`.

    >>> restore("'=1+1"), restore("''=x"), restore("'a"), restore("=1")
    ('=1+1', "'=x", "'a", '=1')
    """
    return text[1:] if text.startswith("'") and _needs_mark(text[1:]) else text


def _cell(value: object, neutralise_formulas: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value) if neutralise_formulas else value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(rows: Iterable[Sequence[object]], *, neutralise_formulas: bool = True) -> str:
    """CSV text of ``rows`` (the header is the first row): ``None`` is an empty cell.

    Dates are written ``YYYY-MM-DD``, other non-text values with :class:`str`; text cells are
    neutralised (see the module) unless ``neutralise_formulas=False``.

    >>> write_csv([["a", "b"], [None, -3], ["+86", "x,y"]])
    'a,b\\r\\n,-3\\r\\n\\'+86,"x,y"\\r\\n'
    >>> write_csv([["+86"]], neutralise_formulas=False)
    '+86\\r\\n'
    """
    out = io.StringIO()
    # With CRLF as the line terminator, csv quotes every cell holding a CR or an LF.
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(value, neutralise_formulas) for value in row])
    return out.getvalue()


def decode(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (a byte-order mark removed), else GB18030.

    >>> decode("申请".encode("utf-8-sig")), decode("申请".encode("gbk"))
    ('申请', '申请')
    >>> decode(b"\\xff\\xfe\\x00")
    Traceback (most recent call last):
    ...
    govdisclosure.export.csvio.CsvError: 1 problem in the document / 文档中有1处错误:
      byte 0: the file is neither UTF-8 nor GB18030 (GBK) text...
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise CsvError(
                [
                    ErrorDetail(
                        f"byte {utf8.start}",
                        "the file is neither UTF-8 nor GB18030 (GBK) text; save it as"
                        " 'CSV UTF-8' in Excel",
                        "文件既不是UTF-8也不是GB18030（GBK）编码的文本，"
                        "请在Excel中另存为“CSV UTF-8”",
                    )
                ]
            ) from None


def _raise_field_size_limit(length: int) -> None:
    # The limit is process-wide: it is only ever raised, to what this text needs, so a reader
    # elsewhere in the process never sees a lower one.
    needed = min(length + 1, _MAX_FIELD_SIZE)
    if csv.field_size_limit() < needed:
        csv.field_size_limit(needed)


class _Lines:
    """The lines of a text, counting the characters handed out (where each record begins)."""

    def __init__(self, text: str) -> None:
        self._lines = iter(io.StringIO(text, newline=""))
        self.consumed = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.consumed += len(line)
        return line


def read_csv(data: str | bytes, *, restore_formulas: bool = True) -> list[list[str]]:
    """The rows of a CSV text (or bytes, decoded with :func:`decode`), each a list of cells.

    Line ends inside quoted cells are kept as written (CRLF, LF or CR). Raises
    :class:`CsvError` for an encoding it cannot read, a quoted cell never closed, or a NUL
    character, naming the row (the first row is row 1).

    >>> read_csv('a,b\\r\\n"x\\r\\ny",\\'-1\\r\\n')
    [['a', 'b'], ['x\\r\\ny', '-1']]
    >>> read_csv("'-1\\n", restore_formulas=False)
    [["'-1"]]
    """
    text = decode(data) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    _raise_field_size_limit(len(text))
    lines = _Lines(text)
    reader = csv.reader(lines)
    rows: list[list[str]] = []
    begin = last = 0  # where the next record and the last one read begin in the text
    # Most texts hold no apostrophe at all: then there is nothing to restore.
    restoring = restore_formulas and "'" in text
    try:
        for row in reader:
            rows.append([restore(c) for c in row] if restoring else row)
            last, begin = begin, lines.consumed
    except csv.Error as exc:
        # Python's csv refuses a NUL character; say where, as for any other problem.
        raise CsvError([_problem(len(rows) + 1, exc)]) from None
    if rows and '"' in text[last:]:
        _check_closed(text[last:], len(rows))
    return rows


def _check_closed(tail: str, number: int) -> None:
    """Raise if the last record (``tail``, row ``number``) ends inside a quoted cell.

    An unclosed quote takes everything to the end of the text into its cell, so only the last
    record can hold one; a strict reader of that record alone tells.
    """
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise CsvError(
                [
                    ErrorDetail(
                        f"row {number}",
                        "a quoted cell is never closed: every following line would be read"
                        ' into it; close the quote (") or remove it',
                        '引号未闭合：其后的所有行都会被读入同一单元格；请补上或删除引号（"）',
                    )
                ]
            ) from None


def _problem(number: int, exc: csv.Error) -> ErrorDetail:
    return ErrorDetail(
        f"row {number}",
        f"not readable as CSV ({exc})",
        f"不是有效的CSV（{exc}）",
    )
