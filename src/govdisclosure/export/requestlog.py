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

Short labels that clerks commonly type are accepted too (:data:`LABEL_ALIASES`: 予以公开,
部分公开, 网上申请, 网络, 信函, 当面, ...). Dates are strictly ``YYYY-MM-DD`` (``20240301`` and
``2024-W09-5`` are errors, although :meth:`datetime.date.fromisoformat` would take them).

**Personal data.** Every writer takes ``privacy`` (a
:class:`~govdisclosure.export.redact.Privacy`, :attr:`~govdisclosure.export.redact.Privacy.MASK`
by default; ``include_personal=True`` is the same as ``privacy=Privacy.INCLUDE``). Masked, the
applicant's name, identity number and contact details (fields marked ``personal``) are left
out with their columns, and every request goes through
:func:`~govdisclosure.export.redact.redact` first: personal fields inside the ``events`` column
are masked, and so are identity numbers, telephone numbers and e-mail addresses quoted in the
description and in notes.

**What is checked.** Reading checks every cell of every row and raises one
:class:`RequestLogError` listing the problems, each naming its row (the header is row 1, as in
a spreadsheet) and the column as headed in the file, in English and Chinese. Beyond each cell:
an application id used by two rows, a reply dated before the day of receipt, and an extension
longer (or more extensions) than the regulation in force on the day of receipt allows
(:attr:`Regulation.extension_max_working_days
<govdisclosure.rules.Regulation.extension_max_working_days>`) are errors too. At most
:data:`~govdisclosure.errors.MAX_ERRORS` problems are listed; the error says how many more there
were.

**Files.** CSV is read and written by :mod:`govdisclosure.export.csvio`: UTF-8 with a
byte-order mark on writing (so that Excel shows Chinese correctly); UTF-8 with or without the
mark, or GB18030/GBK (what Excel on Chinese Windows saves), on reading; cells that a spreadsheet
would run as formulas are written with a leading apostrophe, removed again on reading
(``neutralise_formulas=False`` turns that off); every text round-trips exactly. Excel files
(``.xlsx``) need the ``xlsx`` extra (openpyxl); before a workbook is opened its zip archive is
checked against :class:`XlsxLimits` (a zip bomb is an error, not an allocation), and a corrupt
workbook is a :class:`RequestLogError` naming the file.

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
>>> requests_from_csv(text.replace("online", "网上申请"))[0].method.label
'互联网渠道'
>>> [back] = requests_from_csv(text)
>>> back.applicant.name is None, back.events == request.events
(True, True)
"""

from __future__ import annotations

import contextlib
import operator
import re
import zipfile
import zlib
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs
import orjson

from govdisclosure.errors import MAX_ERRORS, ErrorDetail, ValidationError
from govdisclosure.export.csvio import CsvError, read_csv, write_csv
from govdisclosure.export.redact import Privacy, redact
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
from govdisclosure.rules.regulation import NoRegulationInForce, regulation_in_force
from govdisclosure.serialize import SCHEMA_VERSION, from_dict, to_dict

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
    from os import PathLike

__all__ = [
    "LABEL_ALIASES",
    "REQUEST_LOG_COLUMNS",
    "LogColumn",
    "RequestLogError",
    "XlsxLimits",
    "columns_markdown",
    "read_request_log",
    "request_log_template",
    "requests_from_csv",
    "requests_to_csv",
    "requests_to_json",
    "write_request_log",
    "write_requests",
]


Lang = Literal["zh", "en"]


class RequestLogError(ValidationError):
    """Problems found in a request log; each names its row and column, in English and Chinese.

    ``errors`` lists at most :data:`~govdisclosure.errors.MAX_ERRORS` of them; ``more`` counts
    the ones left out (the one mechanism of every :class:`~govdisclosure.errors.ValidationError`).

    >>> requests_from_csv(
    ...     "申请编号,收到申请日期,申请方式,申请人类型,申请公开的政府信息,答复日期\\n"
    ...     "A1,2024/3/1,传真,自然人,某文件,2024-03-05\\n"
    ...     "A2,2024-03-01,飞鸽,自然人,某文件,\\n"
    ... )
    Traceback (most recent call last):
    ...
    govdisclosure.export.requestlog.RequestLogError: 3 problems in the document / 文档中有3处错误:
      row 2, column 收到申请日期: expected a date like 2024-03-01, got '2024/3/1' / ...
      row 2, column 办理结果 (outcome): required when 答复日期 is filled in / 填写了“答复日期”时必填
      row 3, column 申请方式: '飞鸽' is not a value of this column; expected a Chinese label or ...
    """


class _Problems:
    """The problems of a file being read: the first ``MAX_ERRORS`` kept, the rest counted.

    A file with a million bad rows costs a million checks, not a million-line message.
    """

    def __init__(self) -> None:
        self.items: list[ErrorDetail] = []
        self.count = 0

    def append(self, detail: ErrorDetail) -> None:
        self.count += 1
        if len(self.items) < MAX_ERRORS:
            self.items.append(detail)

    def __len__(self) -> int:
        return self.count

    def error(self) -> RequestLogError:
        return RequestLogError(self.items, self.count - len(self.items))


@attrs.frozen
class XlsxLimits:
    """What an ``.xlsx`` request log may declare in its zip archive before it is opened.

    An ``.xlsx`` file is a zip archive of XML; a small archive can inflate to gigabytes (a
    "zip bomb"). The sizes each entry declares are checked first (Python's ``zipfile`` never
    inflates an entry beyond its declared size: it reports a bad CRC instead), so reading costs
    at most ``max_inflated_bytes``. Pass your own to :func:`read_request_log` for larger logs.

    >>> XlsxLimits().max_ratio
    200
    """

    max_entries: int = 10_000
    """Files in the archive (a workbook has a few dozen)."""
    max_inflated_bytes: int = 1 << 30
    """Sum of the declared uncompressed sizes: 1 GiB (a million-row log is a few hundred MB)."""
    max_ratio: int = 200
    """Uncompressed / compressed size of an entry over 1 MiB (sheet XML is 10-50 to one; a bomb
    is near deflate's limit of about 1,000)."""


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
    """Personal data: written only with ``privacy=Privacy.INCLUDE`` (``include_personal=True``)."""
    doc: str
    """What it holds, in English."""
    doc_zh: str = ""
    """What it holds, in Chinese (the template's 说明 sheet)."""


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

_DOCS_ZH = {
    "id": "本机关给申请的编号，每行不同",
    "received_on": "收到申请之日（条例第三十一条）",
    "submitted_on": "申请人寄出或提交申请之日",
    "method": "申请到达的方式",
    "applicant_kind": "申请人类型，即年报表三的列",
    "applicant_name": "申请人姓名或者名称",
    "applicant_id_number": "身份证件号码或统一社会信用代码",
    "applicant_contact": "通讯地址、电话或电子邮箱",
    "description": "申请公开的政府信息的内容描述",
    "agency": "收到申请的机关",
    "extended_on": "决定延期答复之日",
    "extension_days": "延长的工作日数（与延期日期同填），不得超过条例允许的期限",
    "transferred_on": "移送其他机关之日",
    "transferred_to": "移送至的机关（与移送日期同填）",
    "replied_on": "最终答复之日，不得早于收到申请日期",
    "outcome": "答复结果，即年报表三的行（与答复日期同填）",
    "reply_reference": "答复书文号（与答复日期同填）",
    "events": "其他办理过程：JSON数组，每项为带type标记的事件对象",
}
REQUEST_LOG_COLUMNS = tuple(attrs.evolve(c, doc_zh=_DOCS_ZH[c.code]) for c in REQUEST_LOG_COLUMNS)

_BY_HEADER: dict[str, LogColumn] = {
    **{c.label: c for c in REQUEST_LOG_COLUMNS},
    **{c.code: c for c in REQUEST_LOG_COLUMNS},
}
_ENUMS: dict[str, type[LabelledEnum]] = {
    "SubmissionMethod": SubmissionMethod,
    "ApplicantKind": ApplicantKind,
    "Outcome": Outcome,
}
# A numbered label of table 3 ("（一）予以公开", "1.属于国家秘密") without its number, and without
# the explanation in brackets that follows 部分公开: how clerks write them.
_NUMBERING = re.compile(r"^(?:（[一二三四五六七]）|[0-9]+\.)|（区分处理的.*）$")


def _outcome_aliases() -> dict[str, LabelledEnum]:
    aliases: dict[str, LabelledEnum] = {}
    for member in Outcome:
        short = _NUMBERING.sub("", member.label)
        if short != member.label:
            aliases[short] = member
    return aliases


LABEL_ALIASES: Mapping[type[LabelledEnum], Mapping[str, LabelledEnum]] = {
    SubmissionMethod: {
        "网上申请": SubmissionMethod.ONLINE,
        "网络": SubmissionMethod.ONLINE,
        "网络申请": SubmissionMethod.ONLINE,
        "在线申请": SubmissionMethod.ONLINE,
        "信函": SubmissionMethod.POST,
        "信函申请": SubmissionMethod.POST,
        "当面": SubmissionMethod.IN_PERSON,
        "当面申请": SubmissionMethod.IN_PERSON,
        "现场申请": SubmissionMethod.IN_PERSON,
        "口头": SubmissionMethod.ORAL,
    },
    Outcome: _outcome_aliases(),
}
"""Short labels accepted on reading besides the codes and the official labels, by enum.

For outcomes: each label of table 3 without its number (予以公开, 部分公开, 属于国家秘密, ...).

>>> LABEL_ALIASES[SubmissionMethod]["信函"], LABEL_ALIASES[Outcome]["部分公开"]
(<SubmissionMethod.POST: 'post'>, <Outcome.PARTIALLY_GRANTED: 'partially-granted'>)
"""


def _lookup(cls: type[LabelledEnum]) -> dict[str, LabelledEnum]:
    table: dict[str, LabelledEnum] = {}
    for member in cls:
        table.setdefault(member.label_en, member)
    table.update(LABEL_ALIASES.get(cls, {}))
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


def _event_json(events: Sequence[RequestEvent]) -> str | None:
    if not events:
        return None
    items = []
    for event in events:
        document = to_dict(event)
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


def _record(index: int, request: DisclosureRequest, lang: Lang, privacy: Privacy) -> dict[str, Any]:
    _check_type(index, request)
    request = redact(request, privacy)
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
        "events": _event_json(rest),
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


def _written_columns(privacy: Privacy) -> tuple[LogColumn, ...]:
    include = privacy is Privacy.INCLUDE
    return tuple(c for c in REQUEST_LOG_COLUMNS if include or not c.personal)


def _privacy(privacy: Privacy, include_personal: bool) -> Privacy:
    if not isinstance(privacy, Privacy):
        raise TypeError(f"privacy must be a Privacy, got {privacy!r}")
    return Privacy.INCLUDE if include_personal else privacy


def _check_lang(lang: str) -> Lang:
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    return lang  # type: ignore[return-value]


def _table(
    requests: Iterable[DisclosureRequest], lang: str, privacy: Privacy
) -> tuple[list[str], Iterator[list[Any]]]:
    checked = _check_lang(lang)
    written = _written_columns(privacy)
    headers = [c.label if checked == "zh" else c.code for c in written]

    def rows() -> Iterator[list[Any]]:
        for index, request in enumerate(requests):
            record = _record(index, request, checked, privacy)
            yield [record.get(c.code) for c in written]

    return headers, rows()


def requests_to_csv(
    requests: Iterable[DisclosureRequest],
    *,
    lang: str = "zh",
    privacy: Privacy = Privacy.MASK,
    include_personal: bool = False,
    neutralise_formulas: bool = True,
) -> str:
    """A request log as CSV text (no byte-order mark; :func:`write_request_log` adds one).

    Written by :func:`govdisclosure.export.csvio.write_csv`: lines end with CRLF, and a text
    cell a spreadsheet would run as a formula gets a leading apostrophe unless
    ``neutralise_formulas=False`` (:func:`requests_from_csv` removes it).

    >>> requests_to_csv([]).strip()
    '申请编号,收到申请日期,提交日期,申请方式,申请人类型,申请公开的政府信息,受理机关,延期日期,延长工作日数,移送日期,移送机关,答复日期,办理结果,答复书文号,其他办理过程'
    """
    headers, rows = _table(requests, lang, _privacy(privacy, include_personal))
    return write_csv([headers, *rows], neutralise_formulas=neutralise_formulas)


def requests_to_json(
    requests: Iterable[DisclosureRequest], *, privacy: Privacy = Privacy.MASK
) -> str:
    """Requests as a JSON array of request documents, personal data masked unless asked.

    Each request is :func:`~govdisclosure.export.redact.redact`-ed with ``privacy``, then
    written as :func:`govdisclosure.serialize.to_dict` writes it.

    >>> from govdisclosure.model import Applicant, ApplicantKind, SubmissionMethod
    >>> request = DisclosureRequest(
    ...     id="A1", applicant=Applicant(ApplicantKind.NATURAL_PERSON, name="张三"),
    ...     received_on=date(2024, 3, 1), method=SubmissionMethod.POST,
    ...     description="请寄至13812345678")
    >>> document = orjson.loads(requests_to_json([request]))[0]
    >>> document["applicant"]["name"], document["description"]
    ('***', '请寄至***')
    >>> orjson.loads(requests_to_json([request], privacy=Privacy.INCLUDE))[0]["applicant"]["name"]
    '张三'
    """
    checked = _privacy(privacy, False)
    documents = [to_dict(redact(request, checked)) for request in requests]
    return orjson.dumps(documents, option=orjson.OPT_INDENT_2).decode()


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
    privacy: Privacy = Privacy.MASK,
    include_personal: bool = False,
    neutralise_formulas: bool = True,
) -> None:
    """Write a request log to ``path``: CSV or Excel, by the file's suffix.

    ``lang`` (``"zh"`` or ``"en"``) chooses the headers and how codes are written;
    ``privacy=Privacy.INCLUDE`` (or ``include_personal=True``) writes the applicants' personal
    data too. ``neutralise_formulas`` is for CSV (Excel cells are always typed as text).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_request_log([], folder / "log.xlsx", lang="en")
    >>> read_request_log(folder / "log.xlsx")
    []
    """
    checked = _privacy(privacy, include_personal)
    if _suffix(path) == ".csv":
        text = requests_to_csv(
            requests, lang=lang, privacy=checked, neutralise_formulas=neutralise_formulas
        )
        Path(path).write_text(text, encoding="utf-8-sig", newline="")
        return
    headers, rows = _table(requests, lang, checked)
    _write_xlsx(path, headers, rows, lang)


def write_requests(
    requests: Iterable[DisclosureRequest],
    path: str | PathLike[str],
    *,
    lang: str = "zh",
    privacy: Privacy = Privacy.MASK,
) -> None:
    """Write requests to ``path`` as JSON (``.json``) or a request log (``.csv``, ``.xlsx``).

    The one export of requests to a file, for every format, with one ``privacy`` setting
    (masked by default: see :mod:`govdisclosure.export.redact`).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_requests([], folder / "requests.json")
    >>> (folder / "requests.json").read_text()
    '[]'
    """
    if Path(path).suffix.lower() == ".json":
        Path(path).write_text(requests_to_json(requests, privacy=privacy), encoding="utf-8")
        return
    write_request_log(requests, path, lang=lang, privacy=privacy)


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
    path: str | PathLike[str],
    *,
    lang: str = "zh",
    include_personal: bool = True,
) -> None:
    """Write an empty request log (headers only) to fill in, as CSV or Excel.

    An Excel template has a drop-down list (data validation) on every coded column (申请方式,
    申请人类型, 办理结果), listing the Chinese labels (``lang="zh"``) or the codes (``"en"``)
    from a hidden sheet of values, and a sheet describing each column: 说明 in Chinese for
    ``lang="zh"``, ``columns`` in English for ``"en"``.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "template.csv"
    >>> request_log_template(path)
    >>> path.read_text(encoding="utf-8-sig").split(",")[:3]
    ['申请编号', '收到申请日期', '提交日期']
    """
    checked = _check_lang(lang)
    privacy = Privacy.of(include_personal)
    if _suffix(path) == ".csv":
        write_request_log([], path, lang=checked, privacy=privacy)
        return
    from govdisclosure.export.frame import require

    openpyxl = require("openpyxl", "xlsx", "an Excel request log")
    validation = require("openpyxl.worksheet.datavalidation", "xlsx", "an Excel request log")
    written = _written_columns(privacy)
    headers, rows = _table([], checked, privacy)
    _write_xlsx(path, headers, rows, checked)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    values = book.create_sheet("取值" if checked == "zh" else "values")
    values.sheet_state = "hidden"
    coded = [(i, c) for i, c in enumerate(written, start=1) if c.format in _ENUMS]
    for n, (index, column) in enumerate(coded, start=1):
        members = list(_ENUMS[column.format])
        letter = openpyxl.utils.get_column_letter(n)
        values.cell(row=1, column=n, value=headers[index - 1])
        for row, member in enumerate(members, start=2):
            values.cell(row=row, column=n, value=_enum_text(member, checked)).data_type = "s"
        rule = validation.DataValidation(
            type="list",
            formula1=f"'{values.title}'!${letter}$2:${letter}${len(members) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="无效的取值" if checked == "zh" else "Invalid value",
            error="请从下拉列表中选择" if checked == "zh" else "Choose a value from the list",
        )
        target = openpyxl.utils.get_column_letter(index)
        rule.add(f"{target}2:{target}1048576")
        sheet.add_data_validation(rule)
    zh = checked == "zh"
    notes = book.create_sheet("说明" if zh else "columns")
    notes.append(
        ["中文表头", "英文表头", "格式", "必填", "个人信息", "内容"]
        if zh
        else ["Chinese header", "English header", "format", "required", "personal", "content"]
    )
    yes = "是" if zh else "yes"
    for c in written:
        notes.append(
            [
                c.label,
                c.code,
                _format_zh(c) if zh else _format_en(c),
                yes if c.required else "",
                yes if c.personal else "",
                c.doc_zh if zh else c.doc,
            ]
        )
    book.save(path)


_FORMATS_ZH = {
    "text": "文本",
    "date": "日期，形如2024-03-01",
    "integer": "正整数",
    "json": "JSON数组",
}


def _format_zh(column: LogColumn) -> str:
    if column.format in _ENUMS:
        labels = "、".join(m.label for m in _ENUMS[column.format])
        return f"从下拉列表中选择：{labels}"
    return _FORMATS_ZH[column.format]


def _format_en(column: LogColumn) -> str:
    if column.format in _ENUMS:
        codes = ", ".join(m.code for m in _ENUMS[column.format])
        return f"one of (drop-down list): {codes}"
    return column.format


# --- reading ------------------------------------------------------------------------------------


def _detail(row: int, column: str | None, message: str, message_zh: str) -> ErrorDetail:
    where = f"row {row}" if column is None else f"row {row}, column {column}"
    return ErrorDetail(where, message, message_zh)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Longer than any count of working days: refused before int() (which refuses 4,300 digits).
_MAX_DIGITS = 9


def _as_date(value: Any) -> date | None:
    """The day a filled-in date cell holds, or None if it holds none."""
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else None
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        # fromisoformat alone takes 20240301 and 2024-W09-5 too: the documented form only.
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


class _Row:
    """One data row being read: its cells by column code, and the problems found."""

    def __init__(
        self,
        number: int,
        cells: dict[str, Any],
        headers: dict[str, str],
        errors: _Problems | list[ErrorDetail],
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
        day = _as_date(value)
        if day is not None:
            return day
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
            if len(value) <= _MAX_DIGITS:
                return int(value)
            self.fail(
                code,
                f"a number of {len(value)} digits is too large (at most {_MAX_DIGITS})",
                f"数字有{len(value)}位，过大（最多{_MAX_DIGITS}位）",
            )
            return None
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
            members = list(_ENUMS[enum])
            valid = ", ".join(f"{m.label} ({m.code})" for m in members)
            labels = "、".join(m.label for m in members)
            codes = ", ".join(m.code for m in members)
            self.fail(
                code,
                f"{value!r} is not a value of this column; expected a Chinese label or code:"
                f" {valid}",
                f"{value!r}不是本列的有效取值，应为以下中文名称之一：{labels}（或代码：{codes}）",
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
    history = _merge(events, fixed)
    _check_history(row, received_on, history, fixed)
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
        events=tuple(history),
    )
    return result


def _check_history(
    row: _Row, received_on: Any, history: list[RequestEvent], fixed: list[RequestEvent]
) -> None:
    """What the regulation rules out: a reply before receipt, too long or too many extensions.

    ``fixed`` are the events of the fixed columns: a problem with one of them names its column,
    any other names the events column.
    """
    for code, message, message_zh in _history_problems(received_on, history, fixed):
        row.fail(code, message, message_zh)


def _history_problems(
    received_on: Any, history: list[RequestEvent], fixed: list[RequestEvent]
) -> Iterator[tuple[str, str, str]]:
    """The problems :func:`_check_history` reports: (column code, message, Chinese message)."""
    if not history or not isinstance(received_on, date):
        return
    regulation = None
    if any(isinstance(event, Extended) for event in history):
        # Before 2008-05-01 there is no regulation to hold the history to.
        with contextlib.suppress(NoRegulationInForce):
            regulation = regulation_in_force(received_on)
    extensions = 0
    for event in history:
        is_fixed = any(event is f for f in fixed)
        if isinstance(event, Replied) and event.on < received_on:
            yield (
                "replied_on" if is_fixed else "events",
                (
                    f"the reply ({event.on.isoformat()}) is dated before the day of receipt"
                    f" ({received_on.isoformat()})"
                ),
                f"答复日期（{event.on.isoformat()}）早于收到申请日期（{received_on.isoformat()}）",
            )
        if isinstance(event, Extended) and regulation is not None:
            extensions += 1
            most = regulation.extension_max_working_days
            if event.working_days > most:
                yield (
                    "extension_days" if is_fixed else "events",
                    (
                        f"an extension of {event.working_days} working days is longer than the"
                        f" {regulation.code} regulation allows ({most}, {regulation.reply_article})"
                    ),
                    (
                        f"延长{event.working_days}个工作日，超过{regulation.code}年条例允许的"
                        f"{most}个工作日（{regulation.reply_article}）"
                    ),
                )
            if extensions > regulation.max_extensions:
                yield (
                    "events",
                    (
                        f"extended {extensions} times; the {regulation.code} regulation allows"
                        f" {regulation.max_extensions}"
                    ),
                    f"延期{extensions}次，{regulation.code}年条例只允许{regulation.max_extensions}次",
                )


# The columns in the order the happy path unpacks them.
_FAST_ORDER = (
    "id",
    "received_on",
    "submitted_on",
    "method",
    "applicant_kind",
    "applicant_name",
    "applicant_id_number",
    "applicant_contact",
    "description",
    "agency",
    "extended_on",
    "extension_days",
    "transferred_on",
    "transferred_to",
    "replied_on",
    "outcome",
    "reply_reference",
    "events",
)
_DATE_COLUMNS = frozenset(c.code for c in REQUEST_LOG_COLUMNS if c.format == "date")
# The types of cell the happy path takes (a workbook's cells hold others: the row reader decides).
_TEXT_TYPES = frozenset({str, type(None)})
_DATE_TYPES = frozenset({str, type(None), datetime, date})


def _fast_reader(
    columns: Sequence[LogColumn | None], text_only: bool
) -> Callable[[list[Any], int, dict[str, int]], DisclosureRequest | None]:
    """The row reader's happy path for a file with these columns.

    ``read(cells, number, first_row)`` is the request of a row in which nothing is wrong, or
    None: then :func:`_read_row` reads the row again and says what is wrong, so every message
    is the row reader's own. It reads by the row reader's rules (the same cell helpers, the same
    models built with the same values, the same checks across cells and of the history), but
    a row at a time: the cells by one ``itemgetter``, the days of the date cells parsed once per
    distinct text, the labels looked up in the tables built at import, no message formatted,
    the empty applicant (a masked log's) built once per kind: frozen, it is the same value.
    ``text_only`` says every cell is text (CSV); a workbook's row with any other kind of cell
    outside the date columns goes to the row reader.
    """
    width = len(columns)
    where = {c.code: i for i, c in enumerate(columns) if c is not None}
    # A column the file lacks reads the cell just after the last one, which is always empty.
    positions = [where.get(code, width) for code in _FAST_ORDER]
    cells_of = operator.itemgetter(*positions)
    texts_of = operator.itemgetter(
        *(i for i, code in enumerate(_FAST_ORDER) if code not in _DATE_COLUMNS)
    )
    dates_of = operator.itemgetter(
        *(i for i, code in enumerate(_FAST_ORDER) if code in _DATE_COLUMNS)
    )
    pads: list[list[Any]] = [[None] * k for k in range(width + 2)]
    known: dict[Any, date] = {}
    # Typed as the row reader's member() is: each table holds members of its own enum only.
    methods: dict[str, Any] = _LOOKUPS["SubmissionMethod"]
    kinds: dict[str, Any] = _LOOKUPS["ApplicantKind"]
    outcomes: dict[str, Any] = _LOOKUPS["Outcome"]
    anonymous: dict[Any, Applicant] = {}

    def day(value: Any) -> date | None:
        found = _as_date(value)
        if found is not None and type(value) is str:
            known[value] = found
        return found

    def read(cells: list[Any], number: int, first_row: dict[str, int]) -> DisclosureRequest | None:
        size = len(cells)
        values = cells_of(cells + pads[width + 1 - size] if size <= width else cells)
        if not text_only and not (
            _TEXT_TYPES.issuperset(map(type, texts_of(values)))
            and _DATE_TYPES.issuperset(map(type, dates_of(values)))
        ):
            return None
        # Every cell is now text, None or (a date column of a workbook) a date: an empty cell
        # is exactly a false one.
        (
            request_id,
            received,
            submitted,
            method,
            kind,
            name,
            id_number,
            contact,
            description,
            agency,
            extended,
            days,
            transferred,
            to,
            replied,
            outcome,
            reference,
            events,
        ) = values
        if not (request_id and received and method and kind and description):
            return None
        if first_row.setdefault(request_id, number) != number:
            return None
        received_on = known.get(received) or day(received)
        method = methods.get(method)
        kind = kinds.get(kind)
        if received_on is None or method is None or kind is None:
            return None
        submitted_on = None
        if submitted:
            submitted_on = known.get(submitted) or day(submitted)
            if submitted_on is None:
                return None
        extended_on = transferred_on = replied_on = None
        if extended or days:
            if not (extended and days and days.isdigit() and days.isascii()):
                return None
            extended_on = known.get(extended) or day(extended)
            if extended_on is None or len(days) > _MAX_DIGITS:
                return None
        if transferred or to:
            if not (transferred and to):
                return None
            transferred_on = known.get(transferred) or day(transferred)
            if transferred_on is None:
                return None
        if replied or outcome:
            if not (replied and outcome):
                return None
            replied_on = known.get(replied) or day(replied)
            outcome = outcomes.get(outcome)
            if replied_on is None or outcome is None:
                return None
        elif reference:
            return None
        try:
            listed: list[RequestEvent] = []
            if events:
                try:
                    items = orjson.loads(events)
                except orjson.JSONDecodeError:
                    return None
                if type(items) is not list:
                    return None
                for item in items:
                    if type(item) is not dict:
                        return None
                    document = {"schema_version": SCHEMA_VERSION, **item}
                    listed.append(from_dict(document, RequestEvent))
            fixed: list[RequestEvent] = []
            if extended_on is not None:
                fixed.append(Extended(on=extended_on, working_days=int(days)))
            if transferred_on is not None:
                fixed.append(Transferred(on=transferred_on, to=to))
            if replied_on is not None:
                fixed.append(Replied(on=replied_on, outcome=outcome, reference=reference or None))
            if name or id_number or contact:
                applicant = Applicant(kind, name or None, id_number or None, contact or None)
            else:
                applicant = anonymous.get(kind) or anonymous.setdefault(kind, Applicant(kind))
            history = _merge(listed, fixed) if listed or len(fixed) > 1 else fixed
            if listed or extended_on is not None:
                for _ in _history_problems(received_on, history, fixed):
                    return None
            elif replied_on is not None and replied_on < received_on:
                return None
            return DisclosureRequest(
                id=request_id,
                applicant=applicant,
                received_on=received_on,
                method=method,
                description=description,
                agency=agency or None,
                submitted_on=submitted_on,
                events=tuple(history),
            )
        except (InvalidValue, ValidationError):
            return None

    return read


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


def _read_rows(
    rows: Iterable[Sequence[Any]], *, text_only: bool = False
) -> list[DisclosureRequest]:
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        raise RequestLogError(
            [_detail(1, None, "the file is empty: no header row", "文件为空，没有表头行")]
        )
    header_errors: list[ErrorDetail] = []
    columns = _read_headers(header, header_errors)
    if header_errors:
        raise RequestLogError(header_errors)
    headers = {c.code: str(h).strip() for c, h in zip(columns, header, strict=True) if c}
    errors = _Problems()
    requests: list[DisclosureRequest] = []
    first_row: dict[str, int] = {}
    width = len(columns)
    fast = _fast_reader(columns, text_only)
    for number, cells in enumerate(iterator, start=2):
        # A row with a true cell is not empty (a cell is text, a number, a date or None).
        if not any(cells) and all(v is None or v == "" for v in cells):
            continue
        if len(cells) > width and any(v is not None and v != "" for v in cells[width:]):
            errors.append(
                _detail(
                    number,
                    None,
                    f"{len(cells)} cells but only {width} columns",
                    f"有{len(cells)}个单元格，但只有{width}列",
                )
            )
            continue
        request = fast(cells if type(cells) is list else list(cells), number, first_row)
        if request is not None:
            requests.append(request)
            continue
        values = {c.code: v for c, v in zip(columns, cells, strict=False) if c is not None}
        row = _Row(number, values, headers, errors)
        _check_unique(row, first_row)
        request = _read_row(row)
        if request is not None:
            requests.append(request)
    if errors:
        raise errors.error()
    return requests


def _check_unique(row: _Row, first_row: dict[str, int]) -> None:
    """An application id names one application: a second row with it is an error."""
    value = row.raw("id")
    key = str(value) if type(value) is int else value
    if not isinstance(key, str):
        return
    first = first_row.setdefault(key, row.number)
    if first != row.number:
        row.fail(
            "id",
            f"the application id {key!r} is used by row {first} too",
            f"申请编号{key!r}与第{first}行重复",
        )


def _csv_rows(text: str | bytes, neutralise_formulas: bool) -> list[list[str]]:
    try:
        return read_csv(text, restore_formulas=neutralise_formulas)
    except CsvError as exc:
        raise RequestLogError(exc.errors) from None


def requests_from_csv(
    text: str | bytes, *, neutralise_formulas: bool = True
) -> list[DisclosureRequest]:
    """Read a request log from CSV text; raises :class:`RequestLogError` listing every problem.

    Bytes are decoded as UTF-8 or GB18030 (:func:`govdisclosure.export.csvio.decode`); the
    apostrophe that :func:`requests_to_csv` puts before a would-be formula is removed unless
    ``neutralise_formulas=False``.

    >>> requests_from_csv("id,received_on,method,applicant_kind,description\\n"
    ...                   "A1,2024-03-01,邮寄,自然人,某文件\\n")[0].method.label
    '邮寄'
    """
    return _read_rows(_csv_rows(text, neutralise_formulas), text_only=True)


def read_request_log(
    path: str | PathLike[str],
    *,
    neutralise_formulas: bool = True,
    limits: XlsxLimits | None = None,
) -> list[DisclosureRequest]:
    """Read a request log from a ``.csv`` or ``.xlsx`` file (the first sheet of a workbook).

    A CSV file may be UTF-8 (with or without a byte-order mark) or GB18030/GBK. A workbook is
    first checked against ``limits`` (:class:`XlsxLimits`, its defaults if not given).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "log.csv"
    >>> _ = path.write_text("申请编号,收到申请日期,申请方式,申请人类型,申请公开的政府信息\\n"
    ...                     "A1,2024-03-01,post,natural-person,某文件\\n", encoding="gbk")
    >>> [request.id for request in read_request_log(path)]
    ['A1']
    """
    if _suffix(path) == ".csv":
        return _read_rows(_csv_rows(Path(path).read_bytes(), neutralise_formulas), text_only=True)
    return _read_rows(_xlsx_rows(Path(path), limits or XlsxLimits()))


def _file_error(path: Path, message: str, message_zh: str) -> RequestLogError:
    return RequestLogError([ErrorDetail(f"file {path.name}", message, message_zh)])


def _check_archive(path: Path, limits: XlsxLimits) -> None:
    """Refuse a workbook whose zip archive declares too much (a zip bomb) before inflating it."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise _file_error(
            path,
            f"not an Excel workbook (.xlsx is a zip archive): {exc}",
            f"不是Excel工作簿（.xlsx文件应为zip压缩包）：{exc}",
        ) from None
    if len(entries) > limits.max_entries:
        raise _file_error(
            path,
            f"the archive has {len(entries)} entries (at most {limits.max_entries})",
            f"压缩包内有{len(entries)}个文件（最多{limits.max_entries}个）",
        )
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_inflated_bytes:
        raise _file_error(
            path,
            f"the archive inflates to {total} bytes (at most {limits.max_inflated_bytes});"
            " pass larger XlsxLimits if the file is trusted",
            f"压缩包解压后为{total}字节（最多{limits.max_inflated_bytes}字节）",
        )
    for entry in entries:
        ratio = entry.file_size // max(entry.compress_size, 1)
        if entry.file_size > 1 << 20 and ratio > limits.max_ratio:
            raise _file_error(
                path,
                f"the entry {entry.filename} inflates {ratio} times (at most {limits.max_ratio}):"
                " a zip bomb?",
                f"压缩包内的{entry.filename}压缩比过高（最多{limits.max_ratio}倍），疑为压缩炸弹",
            )


def _corrupt(path: Path, exc: BaseException) -> RequestLogError:
    return _file_error(
        path,
        f"the workbook is damaged and cannot be read ({type(exc).__name__}: {exc})",
        f"工作簿已损坏，无法读取（{type(exc).__name__}：{exc}）",
    )


def _xlsx_rows(path: Path, limits: XlsxLimits) -> Iterator[list[Any]]:
    from govdisclosure.export.frame import require

    openpyxl = require("openpyxl", "xlsx", "an Excel request log")
    _check_archive(path, limits)
    # What a damaged workbook raises inside openpyxl: the archive, the inflater, a part missing
    # from the archive, XML that is not well formed, values that are not what they declare.
    from xml.etree.ElementTree import ParseError as XmlError

    damaged = (
        zipfile.BadZipFile,
        zlib.error,
        KeyError,
        IndexError,
        EOFError,
        XmlError,
        TypeError,
        ValueError,
        openpyxl.utils.exceptions.InvalidFileException,
    )
    # Opened here, so that it is closed whatever openpyxl raises.
    with path.open("rb") as stream:
        try:
            book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
            sheet = book.worksheets[0]
        except damaged as exc:
            raise _corrupt(path, exc) from None
        try:
            rows = sheet.iter_rows(values_only=True)
            while True:
                try:
                    row = next(rows, None)
                except damaged as exc:
                    raise _corrupt(path, exc) from None
                if row is None:
                    return
                yield list(row)
        finally:
            book.close()
