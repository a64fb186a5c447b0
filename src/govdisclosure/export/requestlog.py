"""Request logs (依申请公开台账) as CSV or Excel: one row per disclosure request.

A request log is the spreadsheet agencies keep of applications. Each row is one
:class:`~govdisclosure.model.request.DisclosureRequest`; its columns are
:data:`REQUEST_LOG_COLUMNS` (documented in ``docs/request-logs.md``):

* the request itself: id, dates, method, applicant, what was asked, the agency;
* fixed columns for the common events: the extension (延期答复), the transfer (移送) and the
  final reply (答复) with its outcome (the row of table 3) and reference;
* ``events`` (其他办理过程): every other event as a JSON array, each event a JSON object as
  :func:`govdisclosure.serialize.to_dict` writes it (``"type"`` tag, ISO dates, codes).

**Which events go to the fixed columns.** The events of a request are kept in the order they
happened. A reader puts the fixed-column events back into the ``events`` list by date: each
after the last event dated on or before it, extension first, then transfer, then reply. An
event is written to its fixed columns only if it is the request's only event of exactly that
type, it has no ``note``, and putting it back that way restores the history exactly; otherwise
it stays in ``events``. So nothing is lost and ``read(write(requests)) == requests``.

**Headers** are in Chinese (the official labels) or English (the column codes); a file may mix
them, and the columns may come in any order. On writing, ``lang`` chooses the headers and how
codes are written: ``"zh"`` writes enum members as their Chinese labels (``互联网渠道``),
``"en"`` as their codes (``online``); both are accepted on reading, as are English labels.
Dates are written ``YYYY-MM-DD``; an empty cell is a missing value.

**Personal data.** The applicant's name, identity number and contact details (fields marked
``personal``) are written only with ``include_personal=True``. Without it their columns are
left out, and personal fields inside the ``events`` column are masked with
:func:`~govdisclosure.export.redact.redact`.

**Errors.** Reading checks every cell of every row and raises one :class:`RequestLogError`
listing every problem, each naming its row (the header is row 1, as in a spreadsheet) and the
column as headed in the file, in English and Chinese.

CSV files are UTF-8 with a byte-order mark (so that Excel shows Chinese correctly); a file
without the mark is read too. Excel files (``.xlsx``) need the ``xlsx`` extra (openpyxl).

>>> from datetime import date
>>> from govdisclosure.model import (
...     Applicant, ApplicantKind, DisclosureRequest, Outcome, Replied, SubmissionMethod)
>>> request = DisclosureRequest(
...     id="2024-001",
...     applicant=Applicant(ApplicantKind.NATURAL_PERSON, name="张三"),
...     received_on=date(2024, 9, 27),
...     method=SubmissionMethod.ONLINE,
...     description="2024年度部门预算",
...     events=(Replied(on=date(2024, 10, 30), outcome=Outcome.GRANTED),),
... )
>>> text = requests_to_csv([request], lang="en")
>>> print(text.splitlines()[0])
id,received_on,submitted_on,method,applicant_kind,description,agency,extended_on,extension_days,transferred_on,transferred_to,replied_on,outcome,reply_reference,events
>>> print(text.splitlines()[1])
2024-001,2024-09-27,,online,natural-person,2024年度部门预算,,,,,,2024-10-30,granted,,
>>> [back] = requests_from_csv(text)
>>> back.applicant.name is None, back.events == request.events
(True, True)
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs
import orjson

from govdisclosure.errors import ErrorDetail, ValidationError
from govdisclosure.export.redact import redact
from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
from govdisclosure.model.base import InvalidValue, LabelledEnum
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.request import (
    DisclosureRequest,
    Extended,
    Replied,
    RequestEvent,
    Transferred,
)
from govdisclosure.serialize import SCHEMA_VERSION, from_dict, to_dict

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from os import PathLike

__all__ = [
    "REQUEST_LOG_COLUMNS",
    "LogColumn",
    "RequestLogError",
    "columns_markdown",
    "read_request_log",
    "request_log_template",
    "requests_from_csv",
    "requests_to_csv",
    "write_request_log",
]

Lang = Literal["zh", "en"]


class RequestLogError(ValidationError):
    """Problems found in a request log; each names its row and column, in English and Chinese.

    >>> requests_from_csv(
    ...     "申请编号,收到申请日期,申请方式,申请人类型,申请公开的政府信息,答复日期\\n"
    ...     "A1,2024/3/1,传真,自然人,某文件,2024-03-05\\n"
    ...     "A2,2024-03-01,信函,自然人,某文件,\\n"
    ... )
    Traceback (most recent call last):
    ...
    govdisclosure.export.requestlog.RequestLogError: 3 problems in the document / 文档中有3处错误:
      row 2, column 收到申请日期: expected a date like 2024-03-01, got '2024/3/1' / ...
      row 2, column 办理结果 (outcome): required when 答复日期 is filled in / 填写了“答复日期”时必填
      row 3, column 申请方式: '信函' is not a SubmissionMethod; expected a code or ...
    """


@attrs.frozen
class LogColumn:
    """One column of a request log.

    >>> REQUEST_LOG_COLUMNS[0]
    LogColumn(code='id', label='申请编号', format='text', required=True, personal=False, doc=...)
    """

    code: str
    """The English header, a stable code."""
    label: str
    """The Chinese header (the model's official label where it has one)."""
    format: str
    """``text``, ``date`` (YYYY-MM-DD), ``integer``, ``json``, or the enum whose code it holds."""
    required: bool
    """Every row must fill it in."""
    personal: bool
    """Personal data: written only with ``include_personal=True``."""
    doc: str
    """What it holds, in English."""


def _meta(cls: type, name: str) -> str:
    label: str = attrs.fields_dict(cls)[name].metadata["label"]
    return label


REQUEST_LOG_COLUMNS: tuple[LogColumn, ...] = (
    LogColumn(
        "id",
        _meta(DisclosureRequest, "id"),
        "text",
        True,
        False,
        "The agency's identifier for the application.",
    ),
    LogColumn(
        "received_on",
        _meta(DisclosureRequest, "received_on"),
        "date",
        True,
        False,
        "Date of receipt (Art. 31).",
    ),
    LogColumn(
        "submitted_on",
        _meta(DisclosureRequest, "submitted_on"),
        "date",
        False,
        False,
        "The day the applicant sent or handed in the application.",
    ),
    LogColumn(
        "method",
        _meta(DisclosureRequest, "method"),
        "SubmissionMethod",
        True,
        False,
        "How the application arrived.",
    ),
    LogColumn(
        "applicant_kind",
        _meta(Applicant, "kind"),
        "ApplicantKind",
        True,
        False,
        "The applicant column of table 3.",
    ),
    LogColumn(
        "applicant_name", _meta(Applicant, "name"), "text", False, True, "The applicant's name."
    ),
    LogColumn(
        "applicant_id_number",
        _meta(Applicant, "id_number"),
        "text",
        False,
        True,
        "The applicant's identity document number or credit code.",
    ),
    LogColumn(
        "applicant_contact",
        _meta(Applicant, "contact"),
        "text",
        False,
        True,
        "Address, telephone or email.",
    ),
    LogColumn(
        "description",
        _meta(DisclosureRequest, "description"),
        "text",
        True,
        False,
        "What was asked for.",
    ),
    LogColumn(
        "agency",
        _meta(DisclosureRequest, "agency"),
        "text",
        False,
        False,
        "The agency that received the application.",
    ),
    LogColumn(
        "extended_on",
        "延期日期",
        "date",
        False,
        False,
        "The day the reply period was extended (延期答复).",
    ),
    LogColumn(
        "extension_days",
        _meta(Extended, "working_days"),
        "integer",
        False,
        False,
        "Length of the extension in working days (with extended_on).",
    ),
    LogColumn(
        "transferred_on",
        "移送日期",
        "date",
        False,
        False,
        "The day the matter went to another agency.",
    ),
    LogColumn(
        "transferred_to",
        _meta(Transferred, "to"),
        "text",
        False,
        False,
        "The agency it went to (with transferred_on).",
    ),
    LogColumn("replied_on", "答复日期", "date", False, False, "The day of the final reply."),
    LogColumn(
        "outcome",
        _meta(Replied, "outcome"),
        "Outcome",
        False,
        False,
        "The reply's outcome: its row of table 3 (with replied_on).",
    ),
    LogColumn(
        "reply_reference",
        _meta(Replied, "reference"),
        "text",
        False,
        False,
        "Reference number of the reply document (with replied_on).",
    ),
    LogColumn(
        "events",
        "其他办理过程",
        "json",
        False,
        False,
        "Every other event, as a JSON array of tagged event objects.",
    ),
)
"""The columns of a request log, in the order they are written."""

_BY_HEADER: dict[str, LogColumn] = {
    **{c.label: c for c in REQUEST_LOG_COLUMNS},
    **{c.code: c for c in REQUEST_LOG_COLUMNS},
}
_ENUMS: dict[str, type[LabelledEnum]] = {
    "SubmissionMethod": SubmissionMethod,
    "ApplicantKind": ApplicantKind,
    "Outcome": Outcome,
}


def _lookup(cls: type[LabelledEnum]) -> dict[str, LabelledEnum]:
    table: dict[str, LabelledEnum] = {}
    for member in cls:
        table.setdefault(member.label_en, member)
    for member in cls:
        table[member.label] = member
    for member in cls:
        table[member.code] = member
    # A log has no schema version: the codes of earlier versions stay readable (never written).
    for code, member in cls.legacy_codes().items():
        table.setdefault(code, member)
    return table


_LOOKUPS = {name: _lookup(cls) for name, cls in _ENUMS.items()}
_FIXED = (Extended, Transferred, Replied)
_EXCEL_CELL_LIMIT = 32767


def columns_markdown() -> str:
    """The columns as a Markdown table (the one ``docs/request-logs.md`` shows).

    >>> print(columns_markdown().splitlines()[2])
    | 申请编号 | `id` | text | yes |  | The agency's identifier for the application. |
    """
    lines = [
        "| 中文表头 | English header | format | required | personal | content |",
        "|---|---|---|---|---|---|",
    ]
    for c in REQUEST_LOG_COLUMNS:
        lines.append(
            f"| {c.label} | `{c.code}` | {c.format} | {'yes' if c.required else ''} |"
            f" {'yes' if c.personal else ''} | {c.doc} |"
        )
    return "\n".join(lines)


# --- writing ------------------------------------------------------------------------------------


def _merge(rest: Sequence[RequestEvent], fixed: Sequence[RequestEvent]) -> list[RequestEvent]:
    """Put fixed-column events back into the history: each after the last one dated <= it."""
    events = list(rest)
    for event in fixed:
        position = 0
        for index, other in enumerate(events):
            if other.on <= event.on:
                position = index + 1
        events.insert(position, event)
    return events


def _split(events: tuple[RequestEvent, ...]) -> tuple[dict[type, Any], list[RequestEvent]]:
    """The events that go to fixed columns (by type), and the rest, in order."""
    chosen: dict[type, RequestEvent] = {}
    for kind in _FIXED:
        candidates = [e for e in events if type(e) is kind]
        if len(candidates) != 1 or candidates[0].note is not None:
            continue
        trial = {**chosen, kind: candidates[0]}
        rest = [e for e in events if not any(e is c for c in trial.values())]
        if _merge(rest, [trial[k] for k in _FIXED if k in trial]) == list(events):
            chosen = trial
    rest = [e for e in events if not any(e is c for c in chosen.values())]
    return chosen, rest


def _enum_text(member: LabelledEnum, lang: Lang) -> str:
    return member.label if lang == "zh" else member.code


def _event_json(events: Sequence[RequestEvent], include_personal: bool) -> str | None:
    if not events:
        return None
    items = []
    for event in events:
        document = to_dict(event if include_personal else redact(event))
        del document["schema_version"]
        items.append(document)
    return orjson.dumps(items).decode()


def _check_type(index: int, request: DisclosureRequest) -> None:
    for obj, base in ((request, DisclosureRequest), (request.applicant, Applicant)):
        if type(obj) is not base:
            raise TypeError(
                f"request {index} ({request.id!r}): a request log has columns for"
                f" {base.__name__} only, not for the subclass {type(obj).__qualname__}"
                " (its own fields would be lost); export it as JSON instead"
            )


def _record(
    index: int, request: DisclosureRequest, lang: Lang, include_personal: bool
) -> dict[str, Any]:
    _check_type(index, request)
    applicant = request.applicant
    chosen, rest = _split(request.events)
    record: dict[str, Any] = {
        "id": request.id,
        "received_on": request.received_on,
        "submitted_on": request.submitted_on,
        "method": _enum_text(request.method, lang),
        "applicant_kind": _enum_text(applicant.kind, lang),
        "applicant_name": applicant.name,
        "applicant_id_number": applicant.id_number,
        "applicant_contact": applicant.contact,
        "description": request.description,
        "agency": request.agency,
        "events": _event_json(rest, include_personal),
    }
    extended = chosen.get(Extended)
    if extended is not None:
        record["extended_on"] = extended.on
        record["extension_days"] = extended.working_days
    transferred = chosen.get(Transferred)
    if transferred is not None:
        record["transferred_on"] = transferred.on
        record["transferred_to"] = transferred.to
    replied = chosen.get(Replied)
    if replied is not None:
        record["replied_on"] = replied.on
        record["outcome"] = _enum_text(replied.outcome, lang)
        record["reply_reference"] = replied.reference
    return record


def _written_columns(include_personal: bool) -> tuple[LogColumn, ...]:
    return tuple(c for c in REQUEST_LOG_COLUMNS if include_personal or not c.personal)


def _check_lang(lang: str) -> Lang:
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    return lang  # type: ignore[return-value]


def _table(
    requests: Iterable[DisclosureRequest], lang: str, include_personal: bool
) -> tuple[list[str], Iterator[list[Any]]]:
    checked = _check_lang(lang)
    written = _written_columns(include_personal)
    headers = [c.label if checked == "zh" else c.code for c in written]

    def rows() -> Iterator[list[Any]]:
        for index, request in enumerate(requests):
            record = _record(index, request, checked, include_personal)
            yield [record.get(c.code) for c in written]

    return headers, rows()


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def requests_to_csv(
    requests: Iterable[DisclosureRequest], *, lang: str = "zh", include_personal: bool = False
) -> str:
    """A request log as CSV text (no byte-order mark; :func:`write_request_log` adds one).

    >>> requests_to_csv([]).strip()
    '申请编号,收到申请日期,提交日期,申请方式,申请人类型,申请公开的政府信息,受理机关,延期日期,延长工作日数,移送日期,移送机关,答复日期,办理结果,答复书文号,其他办理过程'
    """
    headers, rows = _table(requests, lang, include_personal)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_text(v) for v in row])
    return out.getvalue()


def _suffix(path: str | PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"a request log is a .csv or .xlsx file, got {str(path)!r}")
    return suffix


def write_request_log(
    requests: Iterable[DisclosureRequest],
    path: str | PathLike[str],
    *,
    lang: str = "zh",
    include_personal: bool = False,
) -> None:
    """Write a request log to ``path``: CSV or Excel, by the file's suffix.

    ``lang`` (``"zh"`` or ``"en"``) chooses the headers and how codes are written;
    ``include_personal=True`` writes the applicants' personal data too.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_request_log([], folder / "log.xlsx", lang="en")
    >>> read_request_log(folder / "log.xlsx")
    []
    """
    if _suffix(path) == ".csv":
        text = requests_to_csv(requests, lang=lang, include_personal=include_personal)
        Path(path).write_text(text, encoding="utf-8-sig", newline="")
        return
    headers, rows = _table(requests, lang, include_personal)
    _write_xlsx(path, headers, rows, lang)


def _write_xlsx(
    path: str | PathLike[str], headers: list[str], rows: Iterable[list[Any]], lang: str
) -> None:
    from govdisclosure.export.frame import require

    openpyxl = require("openpyxl", "xlsx", "an Excel request log")
    illegal = require("openpyxl.utils.exceptions", "xlsx", "an Excel request log")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "申请台账" if lang == "zh" else "requests"
    sheet.append(headers)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            if value is None:
                continue
            if isinstance(value, str) and len(value) > _EXCEL_CELL_LIMIT:
                raise RequestLogError([_detail(number, headers[column - 1], *_TOO_LONG)])
            try:
                cell = sheet.cell(row=number, column=column, value=value)
            except illegal.IllegalCharacterError:
                raise RequestLogError([_detail(number, headers[column - 1], *_ILLEGAL)]) from None
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
    book.save(path)


_TOO_LONG = (
    f"text longer than an Excel cell holds ({_EXCEL_CELL_LIMIT} characters); use CSV",
    f"文本超过Excel单元格上限（{_EXCEL_CELL_LIMIT}个字符），请改用CSV",
)
_ILLEGAL = (
    "contains control characters that Excel files cannot hold; use CSV",
    "含有Excel文件不能保存的控制字符，请改用CSV",
)


def request_log_template(
    path: str | PathLike[str], *, lang: str = "zh", include_personal: bool = True
) -> None:
    """Write an empty request log (headers only) to fill in, as CSV or Excel.

    An Excel template has a second sheet describing each column.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "template.csv"
    >>> request_log_template(path)
    >>> path.read_text(encoding="utf-8-sig").split(",")[:3]
    ['申请编号', '收到申请日期', '提交日期']
    """
    checked = _check_lang(lang)
    if _suffix(path) == ".csv":
        write_request_log([], path, lang=checked, include_personal=include_personal)
        return
    headers, rows = _table([], checked, include_personal)
    _write_xlsx(path, headers, rows, checked)
    from govdisclosure.export.frame import require

    openpyxl = require("openpyxl", "xlsx", "an Excel request log")
    book = openpyxl.load_workbook(path)
    notes = book.create_sheet("说明" if checked == "zh" else "columns")
    notes.append(["中文表头", "English header", "format", "required", "personal", "content"])
    for c in _written_columns(include_personal):
        notes.append(
            [
                c.label,
                c.code,
                c.format,
                "yes" if c.required else "",
                "yes" if c.personal else "",
                c.doc,
            ]
        )
    book.save(path)


# --- reading ------------------------------------------------------------------------------------


def _detail(row: int, column: str | None, message: str, message_zh: str) -> ErrorDetail:
    where = f"row {row}" if column is None else f"row {row}, column {column}"
    return ErrorDetail(where, message, message_zh)


class _Row:
    """One data row being read: its cells by column code, and the problems found."""

    def __init__(
        self,
        number: int,
        cells: dict[str, Any],
        headers: dict[str, str],
        errors: list[ErrorDetail],
    ) -> None:
        self.number = number
        self.cells = cells
        self.headers = headers
        self.errors = errors

    def fail(self, code: str, message: str, message_zh: str) -> None:
        header = self.headers.get(code) or f"{_BY_HEADER[code].label} ({code})"
        self.errors.append(_detail(self.number, header, message, message_zh))

    def raw(self, code: str) -> Any:
        value = self.cells.get(code)
        return None if value is None or value == "" else value

    def text(self, code: str) -> str | None:
        value = self.raw(code)
        if value is None or isinstance(value, str):
            return value
        if type(value) is int:
            return str(value)
        self.fail(code, f"expected text, got {value!r}", f"应为文本，实际为{value!r}")
        return None

    def date(self, code: str) -> date | None:
        value = self.raw(code)
        if value is None:
            return None
        if isinstance(value, datetime):
            if value.time() == datetime.min.time():
                return value.date()
        elif isinstance(value, date):
            return value
        elif isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(
            code,
            f"expected a date like 2024-03-01, got {value!r}",
            f"应为形如2024-03-01的日期，实际为{value!r}",
        )
        return None

    def integer(self, code: str) -> int | None:
        value = self.raw(code)
        if value is None:
            return None
        if type(value) is int:
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.isascii() and value.isdigit():
            return int(value)
        self.fail(
            code,
            f"expected a whole number, got {value!r}",
            f"应为整数，实际为{value!r}",
        )
        return None

    def member(self, code: str, enum: str) -> Any:
        value = self.raw(code)
        if value is None:
            return None
        member = _LOOKUPS[enum].get(value) if isinstance(value, str) else None
        if member is None:
            valid = ", ".join(m.code for m in _ENUMS[enum])
            self.fail(
                code,
                f"{value!r} is not a {enum}; expected a code or Chinese label: {valid}",
                f"{value!r}不是有效的取值，应为代码或中文名称：{valid}",
            )
        return member

    def require(self, code: str, value: Any) -> None:
        if value is None and self.raw(code) is None:
            self.fail(code, "required, but empty", "必填，但为空")

    def pair(self, first: str, second: str, a: Any, b: Any) -> bool:
        """Both of two linked columns are filled in, or neither; True if both are."""
        for filled, missing, value in ((first, second, b), (second, first, a)):
            if self.raw(filled) is not None and value is None and self.raw(missing) is None:
                header = self.headers[filled]
                self.fail(
                    missing,
                    f"required when {header} is filled in",
                    f"填写了“{header}”时必填",
                )
        return a is not None and b is not None

    def events(self, code: str) -> list[RequestEvent]:
        value = self.text(code)
        if value is None:
            return []
        try:
            items = orjson.loads(value)
        except orjson.JSONDecodeError as exc:
            self.fail(code, f"not valid JSON: {exc}", f"JSON格式错误：{exc}")
            return []
        if type(items) is not list:
            self.fail(code, "expected a JSON array of events", "应为事件的JSON数组")
            return []
        events: list[RequestEvent] = []
        for index, item in enumerate(items):
            if type(item) is not dict:
                self.fail(code, f"$[{index}]: expected a JSON object", f"$[{index}]：应为JSON对象")
                continue
            try:
                events.append(from_dict({"schema_version": SCHEMA_VERSION, **item}, RequestEvent))
            except ValidationError as exc:
                for e in exc.errors:
                    where = f"$[{index}]{e.path[1:]}"
                    self.fail(code, f"{where}: {e.message}", f"{where}：{e.message_zh}")
        return events


_FIELD_COLUMNS = {
    (DisclosureRequest, "id"): "id",
    (DisclosureRequest, "description"): "description",
    (DisclosureRequest, "agency"): "agency",
    (Applicant, "name"): "applicant_name",
    (Applicant, "id_number"): "applicant_id_number",
    (Applicant, "contact"): "applicant_contact",
    (Extended, "working_days"): "extension_days",
    (Transferred, "to"): "transferred_to",
    (Replied, "reference"): "reply_reference",
}


def _build(row: _Row, cls: type, **kwargs: Any) -> Any:
    try:
        return cls(**kwargs)
    except InvalidValue as exc:
        code = _FIELD_COLUMNS.get((cls, exc.field_name), "id")
        row.fail(code, exc.message, exc.message_zh)
        return None


def _read_row(row: _Row) -> DisclosureRequest | None:
    before = len(row.errors)
    request_id = row.text("id")
    received_on = row.date("received_on")
    submitted_on = row.date("submitted_on")
    method = row.member("method", "SubmissionMethod")
    kind = row.member("applicant_kind", "ApplicantKind")
    description = row.text("description")
    for code, value in (
        ("id", request_id),
        ("received_on", received_on),
        ("method", method),
        ("applicant_kind", kind),
        ("description", description),
    ):
        row.require(code, value)
    applicant_fields = {
        "name": row.text("applicant_name"),
        "id_number": row.text("applicant_id_number"),
        "contact": row.text("applicant_contact"),
    }
    agency = row.text("agency")
    fixed: list[RequestEvent] = []
    extended_on, days = row.date("extended_on"), row.integer("extension_days")
    transferred_on, to = row.date("transferred_on"), row.text("transferred_to")
    replied_on, outcome = row.date("replied_on"), row.member("outcome", "Outcome")
    reference = row.text("reply_reference")
    if reference is not None and replied_on is None and row.raw("replied_on") is None:
        row.fail("replied_on", "required when 答复书文号 is filled in", "填写了答复书文号时必填")
    events = row.events("events")
    extension = row.pair("extended_on", "extension_days", extended_on, days)
    transfer = row.pair("transferred_on", "transferred_to", transferred_on, to)
    reply = row.pair("replied_on", "outcome", replied_on, outcome)
    if len(row.errors) > before:
        return None
    if extension:
        fixed.append(_build(row, Extended, on=extended_on, working_days=days))
    if transfer:
        fixed.append(_build(row, Transferred, on=transferred_on, to=to))
    if reply:
        fixed.append(_build(row, Replied, on=replied_on, outcome=outcome, reference=reference))
    applicant = _build(row, Applicant, kind=kind, **applicant_fields)
    if len(row.errors) > before:
        return None
    result: DisclosureRequest | None = _build(
        row,
        DisclosureRequest,
        id=request_id,
        applicant=applicant,
        received_on=received_on,
        method=method,
        description=description,
        agency=agency,
        submitted_on=submitted_on,
        events=tuple(_merge(events, fixed)),
    )
    return result


def _read_headers(header: Sequence[Any], errors: list[ErrorDetail]) -> list[LogColumn | None]:
    found: list[LogColumn | None] = []
    seen: dict[str, str] = {}
    for cell in header:
        text = cell.strip() if isinstance(cell, str) else cell
        column = _BY_HEADER.get(text) if isinstance(text, str) else None
        if text is None or text == "":
            found.append(None)
            continue
        if column is None:
            errors.append(
                _detail(
                    1,
                    str(text),
                    "unknown column; expected one of the headers of REQUEST_LOG_COLUMNS"
                    " (Chinese label or English code)",
                    "未知的列；应为台账规定的中文或英文表头",
                )
            )
        elif column.code in seen:
            errors.append(
                _detail(
                    1,
                    str(text),
                    f"the column {column.code} appears twice (also as {seen[column.code]})",
                    f"列{column.label}重复出现（另见“{seen[column.code]}”）",
                )
            )
            column = None
        else:
            seen[column.code] = str(text)
        found.append(column)
    for column in REQUEST_LOG_COLUMNS:
        if column.required and column.code not in seen:
            errors.append(
                _detail(
                    1,
                    None,
                    f"missing required column {column.label} ({column.code})",
                    f"缺少必填列“{column.label}”",
                )
            )
    return found


def _read_rows(rows: Iterable[Sequence[Any]]) -> list[DisclosureRequest]:
    errors: list[ErrorDetail] = []
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        raise RequestLogError(
            [_detail(1, None, "the file is empty: no header row", "文件为空，没有表头行")]
        )
    columns = _read_headers(header, errors)
    if errors:
        raise RequestLogError(errors)
    headers = {c.code: str(h).strip() for c, h in zip(columns, header, strict=True) if c}
    requests: list[DisclosureRequest] = []
    for number, cells in enumerate(iterator, start=2):
        if all(v is None or v == "" for v in cells):
            continue
        if len(cells) > len(columns) and any(
            v is not None and v != "" for v in cells[len(columns) :]
        ):
            errors.append(
                _detail(
                    number,
                    None,
                    f"{len(cells)} cells but only {len(columns)} columns",
                    f"有{len(cells)}个单元格，但只有{len(columns)}列",
                )
            )
            continue
        values = {c.code: v for c, v in zip(columns, cells, strict=False) if c is not None}
        request = _read_row(_Row(number, values, headers, errors))
        if request is not None:
            requests.append(request)
    if errors:
        raise RequestLogError(errors)
    return requests


def requests_from_csv(text: str) -> list[DisclosureRequest]:
    """Read a request log from CSV text; raises :class:`RequestLogError` listing every problem.

    >>> requests_from_csv("id,received_on,method,applicant_kind,description\\n"
    ...                   "A1,2024-03-01,邮寄,自然人,某文件\\n")[0].method.label
    '邮寄'
    """
    return _read_rows(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def read_request_log(path: str | PathLike[str]) -> list[DisclosureRequest]:
    """Read a request log from a ``.csv`` or ``.xlsx`` file (the first sheet of a workbook).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "log.csv"
    >>> _ = path.write_text("申请编号,收到申请日期,申请方式,申请人类型,申请公开的政府信息\\n"
    ...                     "A1,2024-03-01,post,natural-person,某文件\\n", encoding="utf-8")
    >>> [request.id for request in read_request_log(path)]
    ['A1']
    """
    if _suffix(path) == ".csv":
        return requests_from_csv(Path(path).read_text(encoding="utf-8-sig"))
    from govdisclosure.export.frame import require

    openpyxl = require("openpyxl", "xlsx", "an Excel request log")
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return _read_rows(list(r) for r in sheet.iter_rows(values_only=True))
    finally:
        book.close()
