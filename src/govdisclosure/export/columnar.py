"""Request logs read as columns: pyarrow's CSV reader, the request-log rules column-wise.

:func:`read_request_columns` reads a request log (the format of
:mod:`govdisclosure.export.requestlog`) into :class:`~govdisclosure.stats.RequestColumns`, ready
for :func:`~govdisclosure.stats.tabulate_columns`, without building a Python object per request:

* CSV is parsed by pyarrow (the ``arrow`` extra), every cell as text;
* each column is checked with the reader's own cell rules (its :data:`REQUEST_LOG_COLUMNS
  <govdisclosure.export.requestlog.REQUEST_LOG_COLUMNS>` and the functions that read a cell),
  applied once per *distinct* value of the column, then spread to the rows by the column's
  dictionary codes; free-text columns are checked with vectorised string kernels;
* rows those checks cannot settle (a JSON ``events`` cell, a cell that might be invalid, a
  cell with the apostrophe of a neutralised formula) are read by the row reader of
  :mod:`~govdisclosure.export.requestlog` and kept as objects;
* the checks across rows and dates are made column-wise too: a duplicate application id, a
  reply dated before receipt, an extension longer than the regulation allows.

The result is the same as :func:`~govdisclosure.export.requestlog.read_request_log`'s: when a
file has any problem, it is read by that function, so the :class:`RequestLogError
<govdisclosure.export.requestlog.RequestLogError>` lists exactly the same rows and messages. An
Excel workbook is read by that function too (openpyxl has no columnar reader), then turned into
columns.

>>> import tempfile, pathlib
>>> from govdisclosure.model import ApplicationRow
>>> from govdisclosure.stats import tabulate_columns
>>> path = pathlib.Path(tempfile.mkdtemp()) / "log.csv"
>>> _ = path.write_text(
...     "申请编号,收到申请日期,申请方式,申请人类型,申请公开的政府信息,答复日期,办理结果\\n"
...     "A1,2024-03-01,邮寄,自然人,某文件,2024-03-20,granted\\n"
...     "A2,2024-12-30,online,commercial_enterprise,某文件,,\\n", encoding="utf-8-sig")
>>> columns = read_request_columns(path)
>>> table = tabulate_columns(columns, year=2024).applications
>>> table.row(ApplicationRow.GRANTED).total, table.row(ApplicationRow.CARRIED_FORWARD).total
(1, 1)
"""

from __future__ import annotations

import csv
import functools
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govdisclosure.export.csvio import restore
from govdisclosure.export.frame import require
from govdisclosure.export.requestlog import (
    REQUEST_LOG_COLUMNS,
    LogColumn,
    XlsxLimits,
    _Problems,
    _read_headers,
    _read_row,
    _Row,
    _suffix,
    read_request_log,
)
from govdisclosure.model.applicant import ApplicantKind
from govdisclosure.model.outcome import Outcome
from govdisclosure.rules.regulation import REGULATIONS
from govdisclosure.stats import RequestColumns

if TYPE_CHECKING:
    from os import PathLike

    from govdisclosure.errors import ErrorDetail
    from govdisclosure.model.request import DisclosureRequest

__all__ = ["read_request_columns"]

_EPOCH = date(1970, 1, 1).toordinal()


@functools.cache
def _exact_first(neutralise_formulas: bool) -> tuple[int, ...]:
    """The first characters that send a text cell to the row reader.

    A cell that starts with a character str.strip() removes may be blank text to the models: the
    row reader decides. (All of them are below U+10000, so one to three bytes of UTF-8.) With
    formulas neutralised, a text cell starting with an apostrophe may be a neutralised formula:
    the row reader restores it. Built on first use: scanning every code point takes about 0.1 s,
    which ``import govdisclosure.export`` used to pay.
    """
    if not neutralise_formulas:
        return tuple(ord(c) for c in map(chr, range(0x110000)) if c.isspace())
    return (*_exact_first(False), ord("'"))


_INDEX: dict[str, dict[Any, int]] = {
    "ApplicantKind": {k: i for i, k in enumerate(ApplicantKind)},
    "Outcome": {o: i for i, o in enumerate(Outcome)},
    "SubmissionMethod": {},
}


class _Fallback(Exception):
    """The file needs the row reader (it has a problem, or a shape pyarrow reads differently)."""


def read_request_columns(
    path: str | PathLike[str],
    *,
    neutralise_formulas: bool = True,
    limits: XlsxLimits | None = None,
) -> RequestColumns:
    """Read a request log (``.csv``, or ``.xlsx`` through the row reader) as columns.

    Raises :class:`~govdisclosure.export.requestlog.RequestLogError` exactly as
    :func:`~govdisclosure.export.requestlog.read_request_log` does, and takes its options. CSV
    needs the ``arrow`` extra (pyarrow) and numpy.
    """

    def by_rows() -> RequestColumns:
        requests = read_request_log(path, neutralise_formulas=neutralise_formulas, limits=limits)
        return RequestColumns.from_requests(requests)

    if _suffix(path) != ".csv":
        return by_rows()
    try:
        return _read_csv(Path(path), neutralise_formulas)
    except _Fallback:
        return by_rows()


def _header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return next(csv.reader(stream), [])
    except (UnicodeDecodeError, csv.Error):  # GB18030, a NUL: the row reader reads or says
        raise _Fallback from None


def _has_nul(path: Path) -> bool:
    with path.open("rb") as stream:
        return any(b"\x00" in block for block in iter(lambda: stream.read(1 << 24), b""))


def _read_csv(path: Path, neutralise_formulas: bool) -> RequestColumns:
    pa = require("pyarrow", "arrow", "a columnar request log")
    pacsv = require("pyarrow.csv", "arrow", "a columnar request log")
    np = require("numpy", "fast", "a columnar request log")
    # Where the row reader (Python's csv module) and pyarrow part ways, the row reader reads the
    # file: a NUL byte (an error to csv), a header cell across lines, text that is not UTF-8.
    header = _header(path)
    if neutralise_formulas and any(h.startswith("'") for h in header):
        raise _Fallback
    errors: list[ErrorDetail] = []
    found = _read_headers(header, errors)
    if errors or not header or any("\n" in h or "\r" in h for h in header) or _has_nul(path):
        raise _Fallback
    names = [f"c{i}" for i in range(len(header))]
    invalid: list[object] = []

    def invalid_row(row: object) -> str:
        invalid.append(row)
        return "skip"

    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(
                newlines_in_values=True, invalid_row_handler=invalid_row
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:  # not UTF-8, for one: the row reader says where
        raise _Fallback from None
    # A row with more or fewer cells than the header: the row reader decides what it means.
    if invalid or _may_end_in_quotes(path, table, len(header)):
        raise _Fallback
    return _Columns(table, found, header, np, neutralise_formulas).build()


_TAIL = 4096


def _may_end_in_quotes(path: Path, table: Any, width: int) -> bool:
    """Whether the file may end inside a quoted cell (pyarrow reads it; the row reader refuses).

    An unclosed quote takes the rest of the file into the last cell of the last record: a cell
    of an earlier column leaves the record short (an invalid row already), one of the last
    column ends with the file's final line break, or, without one, a quote is on the last line.
    """
    with path.open("rb") as stream:
        size = stream.seek(0, 2)
        stream.seek(max(0, size - _TAIL))
        tail = stream.read()
    if tail.endswith((b"\n", b"\r")):
        if not table.num_rows:
            return False
        last = table.column(width - 1)[table.num_rows - 1].as_py()
        return bool(last) and last.endswith(("\n", "\r"))
    breaks = max(tail.rfind(b"\n"), tail.rfind(b"\r"))
    if breaks < 0 and size > _TAIL:
        return True  # a last line longer than the tail read: let the row reader decide
    return b'"' in tail[breaks + 1 :]


def _days(row: _Row, code: str) -> int | None:
    # Only whether it is at least 1 matters here (the model's rule); keep it in int64.
    value = row.integer(code)
    return None if value is None else min(value, 2**31)


class _Columns:
    """The checks and conversions of one parsed CSV table (its columns stay in pyarrow chunks)."""

    def __init__(
        self,
        table: Any,
        found: list[LogColumn | None],
        header: list[str],
        np: Any,
        neutralise_formulas: bool,
    ) -> None:
        import pyarrow.compute as pc

        self.np, self.pc = np, pc
        self.neutralise_formulas = neutralise_formulas
        self.size = table.num_rows
        self.cells: dict[str, Any] = {}
        self.headers: dict[str, str] = {}
        self.unnamed: list[Any] = []
        for index, column in enumerate(found):
            if column is not None:
                self.cells[column.code] = table.column(index)
                self.headers[column.code] = header[index].strip()
            else:
                self.unnamed.append(table.column(index))
        self._first: dict[str, Any] = {}
        # Rows the column checks cannot settle.
        self.exact = np.zeros(self.size, dtype="bool")

    def first_chars(self, code: str) -> Any:
        """The first character of each cell as a code point, -1 for an empty cell (cached)."""
        first = self._first.get(code)
        if first is None:
            first = self._first[code] = _first_chars(self.np, self.cells[code])
        return first

    def filled(self, code: str) -> Any:
        if code not in self.cells:
            return self.np.zeros(self.size, dtype="bool")
        return self.first_chars(code) >= 0

    def empty_rows(self) -> Any:
        """Rows empty in every column (the row reader skips them)."""
        np = self.np
        # Only a row without an id can be empty: look at the others for those rows only.
        empty = ~self.filled("id")
        if empty.any():
            for code in self.cells:
                empty &= ~self.filled(code)
            for column in self.unnamed:
                empty &= _first_chars(np, column) < 0
        return empty

    def text(self, code: str) -> None:
        """A text cell: blank, or text that is not only white space (the models' rule).

        A cell starting with white space (or an apostrophe, when formulas are neutralised) goes
        to the row reader, which decides.
        """
        if code in self.cells:
            first = _exact_first(self.neutralise_formulas)
            self.exact |= self.np.isin(self.first_chars(code), first)

    def per_value(self, code: str, read: Any, missing: Any) -> Any:
        """Read each distinct value of a column with the row reader's cell rule, spread to rows.

        ``read(row_reader, code)`` returns the value; the row reader records any problem, and
        rows with a problem become exact rows (the row reader will say what it is).
        """
        np = self.np
        array = self.cells.get(code)
        if array is None:
            return np.full(self.size, missing)
        encoded = self.pc.dictionary_encode(array).unify_dictionaries()
        if encoded.num_chunks == 0:
            return np.full(self.size, missing)
        values: list[Any] = []
        bad: list[bool] = []
        for value in encoded.chunk(0).dictionary.to_pylist():
            problems = _Problems()
            result = read(_Row(0, {code: value}, self.headers, problems), code)
            values.append(missing if result is None else result)
            bad.append(bool(problems))
        indices = np.concatenate(
            [chunk.indices.to_numpy(zero_copy_only=False) for chunk in encoded.chunks]
        )
        self.exact |= np.array(bad, dtype="bool")[indices]
        return np.array(values, dtype=np.asarray(missing).dtype)[indices]

    def date(self, code: str) -> Any:
        def read(row: _Row, code: str) -> int | None:
            day = row.date(code)
            return None if day is None else day.toordinal() - _EPOCH

        return self.per_value(code, read, self.np.int64(self.np.iinfo("int64").min))

    def member(self, code: str, enum: str) -> Any:
        index = _INDEX[enum]

        def read(row: _Row, code: str) -> int | None:
            member = row.member(code, enum)
            return None if member is None else index.get(member, 0)

        return self.per_value(code, read, self.np.int64(-1))

    def build(self) -> RequestColumns:
        np = self.np
        for column in REQUEST_LOG_COLUMNS:
            if column.format == "text":
                self.text(column.code)
            elif column.format == "json":
                self.exact |= self.filled(column.code)
        received = self.date("received_on")
        self.date("submitted_on")
        self.member("method", "SubmissionMethod")
        kind = self.member("applicant_kind", "ApplicantKind")
        self.date("extended_on")
        days = self.per_value("extension_days", _days, np.int64(0))
        self.date("transferred_on")
        replied = self.date("replied_on")
        outcome = self.member("outcome", "Outcome")
        # Required cells, linked cells (both or neither), and what the models check beyond.
        self.exact |= (received == np.iinfo("int64").min) | (kind < 0)
        for code in ("id", "method", "description"):
            self.exact |= ~self.filled(code)
        for first, second in (
            ("extended_on", "extension_days"),
            ("transferred_on", "transferred_to"),
            ("replied_on", "outcome"),
        ):
            self.exact |= self.filled(first) != self.filled(second)
        self.exact |= self.filled("reply_reference") & ~self.filled("replied_on")
        self.exact |= self.filled("extension_days") & (days < 1)
        # What the regulation rules out (the row reader says so): a reply before receipt, an
        # extension longer than the regulation in force on the day of receipt allows.
        self.exact |= self.filled("replied_on") & (replied < received)
        self.exact |= self.filled("extension_days") & (days > _most_days(np, received))
        empty = self.empty_rows()
        self._check_unique(empty)
        self.exact &= ~empty
        others = self._exact_rows()
        keep = ~(self.exact | empty)
        return RequestColumns(
            received[keep].view("datetime64[D]"),
            kind[keep].astype("int8"),
            replied[keep].view("datetime64[D]"),
            outcome[keep].astype("int8"),
            np.full(int(keep.sum()), np.datetime64("NaT"), dtype="datetime64[D]"),
            others,
        )

    def _check_unique(self, empty: Any) -> None:
        """A duplicate application id: the row reader names both rows."""
        import pyarrow as pa

        filled = self.filled("id") & ~empty
        ids = self.cells["id"].filter(pa.array(filled, type=pa.bool_()))
        if self.pc.count_distinct(ids).as_py() != int(filled.sum()):
            raise _Fallback

    def _exact_rows(self) -> tuple[DisclosureRequest, ...]:
        rows = self.np.flatnonzero(self.exact)
        if not len(rows):
            return ()
        columns = {code: array.take(rows).to_pylist() for code, array in self.cells.items()}
        out: list[DisclosureRequest] = []
        for i, row in enumerate(rows.tolist()):
            problems = _Problems()
            # As the row reader has them: the apostrophe of a neutralised formula removed.
            if self.neutralise_formulas:
                cells = {code: restore(values[i]) for code, values in columns.items()}
            else:
                cells = {code: values[i] for code, values in columns.items()}
            request = _read_row(_Row(row + 2, cells, self.headers, problems))
            if problems or request is None:
                raise _Fallback
            out.append(request)
        return tuple(out)


def _most_days(np: Any, received: Any) -> Any:
    """The longest extension allowed for each row, by the regulation in force on its receipt.

    Rows received before the first regulation (or without a date) have no limit, as in the
    row reader.
    """
    most = np.full(len(received), np.iinfo("int64").max, dtype="int64")
    for regulation in REGULATIONS:
        start = regulation.in_force_from.toordinal() - _EPOCH
        last = (  # the last day in force, inclusive
            np.iinfo("int64").max
            if regulation.in_force_until is None
            else regulation.in_force_until.toordinal() - _EPOCH
        )
        most = np.where(
            (received >= start) & (received <= last), regulation.extension_max_working_days, most
        )
    return most


def _first_chars(np: Any, column: Any) -> Any:
    """The first code point of each string of a chunked pyarrow string column, -1 if empty.

    Read from the column's buffers: UTF-8 is decoded from the first one to three bytes (a
    white-space character is never longer).
    """
    parts = []
    for chunk in column.chunks:
        _, offsets_buffer, data_buffer = chunk.buffers()
        offsets = np.frombuffer(offsets_buffer, dtype="int32")[
            chunk.offset : chunk.offset + len(chunk) + 1
        ]
        data = (
            np.frombuffer(data_buffer, dtype="uint8")
            if data_buffer is not None
            else np.zeros(0, "uint8")
        )
        starts, lengths = offsets[:-1], np.diff(offsets)
        padded = np.concatenate((data, np.zeros(3, "uint8")))
        b0 = padded[starts].astype("int32")
        b1 = padded[starts + 1].astype("int32") & 0x3F
        b2 = padded[starts + 2].astype("int32") & 0x3F
        point = np.where(
            b0 < 0x80,
            b0,
            np.where(b0 < 0xE0, ((b0 & 0x1F) << 6) | b1, ((b0 & 0x0F) << 12) | (b1 << 6) | b2),
        )
        parts.append(np.where(lengths > 0, point, -1))
    if not parts:
        return np.zeros(0, dtype="int32")
    return np.concatenate(parts)
