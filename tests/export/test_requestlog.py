"""Request logs: exact CSV and Excel round trips, personal data left out, every error named."""

from __future__ import annotations

import sys
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common import make_request, optional
from govdisclosure.errors import ValidationError
from govdisclosure.export.redact import MASK, redact
from govdisclosure.export.requestlog import (
    REQUEST_LOG_COLUMNS,
    RequestLogError,
    columns_markdown,
    read_request_log,
    request_log_template,
    requests_from_csv,
    requests_to_csv,
    write_request_log,
)
from govdisclosure.model import (
    Applicant,
    ApplicantKind,
    CorrectionReceived,
    CorrectionRequested,
    DisclosureRequest,
    Extended,
    FeeNoticeIssued,
    Money,
    Outcome,
    Replied,
    RequestEvent,
    SubmissionMethod,
    Transferred,
)
from govdisclosure.model.base import field
from govdisclosure.rules import NoRegulationInForce, regulation_in_force
from govdisclosure.serialize import register
from govdisclosure.testing import requests

if TYPE_CHECKING:
    from pathlib import Path


openpyxl = optional("openpyxl")
D = date(2024, 9, 27)
HEADERS_ZH = [c.label for c in REQUEST_LOG_COLUMNS if not c.personal]
HEADERS_EN = [c.code for c in REQUEST_LOG_COLUMNS if not c.personal]


@attrs.frozen(kw_only=True)
class Visited(RequestEvent):
    """The applicant came to read the documents, with a companion (personal)."""

    companion: str | None = field("陪同人", "Who came along.", default=None, personal=True)


register(Visited, "tests-export.visited")

PERSON = Applicant(
    ApplicantKind.NATURAL_PERSON, name="张三", id_number="11010519491231002X", contact="13800000000"
)


def _request(*events: RequestEvent, **changes: Any) -> DisclosureRequest:
    """A request of a person whose personal data the log must leave out or mask."""
    return make_request(*events, **{"received": D, "applicant": PERSON, **changes})


def _without_personal(request: DisclosureRequest) -> DisclosureRequest:
    return attrs.evolve(request, applicant=Applicant(request.applicant.kind))


def _most_days(received_on: date) -> int:
    try:
        return regulation_in_force(received_on).extension_max_working_days
    except NoRegulationInForce:  # before 2008-05-01: not checked
        return 10**6


def _lawful(request: DisclosureRequest) -> DisclosureRequest:
    """The request without what a log refuses: a reply before receipt, an unlawful extension."""
    events: list[RequestEvent] = []
    extended = False
    for event in request.events:
        if isinstance(event, Replied) and event.on < request.received_on:
            continue
        if isinstance(event, Extended):
            if extended or event.working_days > _most_days(request.received_on):
                continue
            extended = True
        events.append(event)
    return attrs.evolve(request, events=tuple(events))


def logged_requests(max_size: int) -> st.SearchStrategy[list[DisclosureRequest]]:
    """Lists of requests a request log holds: distinct ids, lawful histories."""
    return st.lists(requests().map(_lawful), max_size=max_size, unique_by=lambda r: r.id)


def _masked(request: DisclosureRequest) -> DisclosureRequest:
    """What a log written without personal data reads back as."""
    return _without_personal(redact(request))


def _rows(text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(text)))


# ----------------------------------------------------------------------------- round trips


@given(logged_requests(4), st.sampled_from(["zh", "en"]))
def test_csv_round_trip_is_exact(items: list[DisclosureRequest], lang: str) -> None:
    text = requests_to_csv(items, lang=lang, include_personal=True)
    assert requests_from_csv(text) == items
    assert requests_from_csv(requests_to_csv(items, lang=lang)) == [_masked(r) for r in items]


@settings(max_examples=10)
@given(logged_requests(3), st.sampled_from(["zh", "en"]))
def test_files_round_trip_is_exact(
    tmp_path_factory: pytest.TempPathFactory, items: list[DisclosureRequest], lang: str
) -> None:
    folder = tmp_path_factory.mktemp("logs")
    for name in ("log.csv", "log.xlsx"):
        write_request_log(items, folder / name, lang=lang, include_personal=True)
        assert read_request_log(folder / name) == items


def test_common_events_go_to_fixed_columns() -> None:
    request = _request(
        CorrectionRequested(on=date(2024, 9, 30)),
        CorrectionReceived(on=date(2024, 10, 8)),
        Extended(on=date(2024, 10, 20), working_days=20),
        Transferred(on=date(2024, 10, 21), to="某区人民政府"),
        Replied(on=date(2024, 11, 15), outcome=Outcome.UNABLE_NOT_HELD, reference="某〔2024〕1号"),
    )
    header, row = _rows(requests_to_csv([request], lang="zh"))
    cells = dict(zip(header, row, strict=True))
    assert cells["延期日期"] == "2024-10-20"
    assert cells["延长工作日数"] == "20"
    assert (cells["移送日期"], cells["移送机关"]) == ("2024-10-21", "某区人民政府")
    assert (cells["答复日期"], cells["办理结果"]) == ("2024-11-15", "1.本机关不掌握相关政府信息")
    assert cells["答复书文号"] == "某〔2024〕1号"
    assert cells["其他办理过程"] == (
        '[{"type":"correction-requested","on":"2024-09-30","note":null,"due_on":null},'
        '{"type":"correction-received","on":"2024-10-08","note":null}]'
    )
    assert cells["申请方式"] == "互联网渠道"
    assert requests_from_csv(requests_to_csv([request])) == [_without_personal(request)]


def test_events_that_cannot_be_put_back_by_date_stay_in_the_events_column() -> None:
    reply = Replied(on=date(2024, 10, 30), outcome=Outcome.GRANTED)
    after = CorrectionReceived(on=date(2024, 10, 30), note="同日补正")
    noted = Extended(on=date(2024, 10, 20), working_days=5, note="经负责人批准")
    two = (Transferred(on=date(2024, 10, 1), to="甲"), Transferred(on=date(2024, 10, 2), to="乙"))
    request = _request(noted, *two, reply, after)
    header, row = _rows(requests_to_csv([request], lang="en"))
    cells = dict(zip(header, row, strict=True))
    assert cells["replied_on"] == cells["extended_on"] == cells["transferred_on"] == ""
    assert cells["events"].count('"type"') == 5
    assert requests_from_csv(requests_to_csv([request])) == [_without_personal(request)]


def test_personal_data_only_when_asked() -> None:
    request = _request(Visited(on=date(2024, 10, 9), companion="李四"))
    text = requests_to_csv([request])
    assert "张三" not in text and "13800000000" not in text and "李四" not in text
    assert "姓名或者名称" not in _rows(text)[0]
    [back] = requests_from_csv(text)
    assert back.events == (Visited(on=date(2024, 10, 9), companion=MASK),)
    full = requests_to_csv([request], include_personal=True)
    assert "张三" in full and "李四" in full
    assert requests_from_csv(full) == [request]


def test_headers_in_either_language_in_any_order() -> None:
    text = (
        "description,申请人类型,received_on,申请编号,method,答复日期,outcome\n"
        "某文件,natural person,2024-03-01,A1,当面提交,2024-03-05,（一）予以公开\n"
    )
    [request] = requests_from_csv("\ufeff" + text)
    assert request.applicant.kind is ApplicantKind.NATURAL_PERSON
    assert request.method is SubmissionMethod.IN_PERSON
    assert request.events == (Replied(on=date(2024, 3, 5), outcome=Outcome.GRANTED),)


def test_csv_files_carry_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    write_request_log([_request()], path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_request_log(path) == [_without_personal(_request())]


# ----------------------------------------------------------------------------- Excel


def test_excel_cells_are_typed_and_text_is_never_a_formula(tmp_path: Path) -> None:
    request = _request(
        Extended(on=date(2024, 10, 20), working_days=15), id="=1+1", description="+SUM(A1)"
    )
    path = tmp_path / "log.xlsx"
    write_request_log([request], path, include_personal=True)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet.title == "申请台账"
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert row["申请编号"].value == "=1+1" and row["申请编号"].data_type == "s"
    assert row["收到申请日期"].value == datetime(2024, 9, 27)
    assert row["延长工作日数"].value == 15
    assert read_request_log(path) == [request]


def test_excel_edited_by_hand(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["申请编号", "收到申请日期", "申请方式", "申请人类型", "申请公开的政府信息",
                  "延期日期", "延长工作日数"])  # fmt: skip
    sheet.append([101, datetime(2024, 3, 1), "post", "自然人", "某文件", "2024-03-20", 10.0])
    sheet.append([None] * 7)
    sheet.append([102, datetime(2024, 3, 1, 9, 30), "post", "自然人", 3.5, None, 1.5])
    path = tmp_path / "hand.xlsx"
    book.save(path)
    with pytest.raises(RequestLogError) as caught:
        read_request_log(path)
    assert [str(e) for e in caught.value.errors] == [
        (
            "row 4, column 收到申请日期: expected a date like 2024-03-01,"
            " got datetime.datetime(2024, 3, 1, 9, 30) / 应为形如2024-03-01的日期，"
            "实际为datetime.datetime(2024, 3, 1, 9, 30)"
        ),
        "row 4, column 申请公开的政府信息: expected text, got 3.5 / 应为文本，实际为3.5",
        "row 4, column 延长工作日数: expected a whole number, got 1.5 / 应为整数，实际为1.5",
        (
            "row 4, column 延期日期: required when 延长工作日数 is filled in"
            " / 填写了“延长工作日数”时必填"
        ),
    ]
    sheet.delete_rows(4)
    book.save(path)
    [request] = read_request_log(path)
    assert request.id == "101"
    assert request.events == (Extended(on=date(2024, 3, 20), working_days=10),)


def test_excel_template_and_limits(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    request_log_template(path, lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["requests", "values", "columns"]
    assert [c.value for c in book["requests"][1]] == [c.code for c in REQUEST_LOG_COLUMNS]
    assert book["columns"].max_row == len(REQUEST_LOG_COLUMNS) + 1
    assert read_request_log(path) == []
    with pytest.raises(RequestLogError, match=r"row 2, column 申请公开的政府信息: text longer"):
        write_request_log([_request(description="长" * 40000)], tmp_path / "long.xlsx")
    with pytest.raises(RequestLogError, match=r"row 2, column 申请编号: contains control"):
        write_request_log([_request(id="A\x01")], tmp_path / "ctl.xlsx")
    write_request_log([_request(id="A\x01")], tmp_path / "ctl.csv")
    assert read_request_log(tmp_path / "ctl.csv")[0].id == "A\x01"


def test_csv_template(tmp_path: Path) -> None:
    path = tmp_path / "template.csv"
    request_log_template(path, include_personal=False)
    assert _rows(path.read_text(encoding="utf-8-sig")) == [HEADERS_ZH]


def test_missing_excel_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ImportError, match=r"pip install 'govdisclosure\[xlsx\]'"):
        read_request_log(tmp_path / "log.xlsx")


# ----------------------------------------------------------------------------- errors


def _errors(text: str) -> list[str]:
    with pytest.raises(RequestLogError) as caught:
        requests_from_csv(text)
    assert isinstance(caught.value, ValidationError)
    return [f"{e.path}: {e.message}" for e in caught.value.errors]


HEAD = "申请编号,收到申请日期,申请方式,申请人类型,申请公开的政府信息"


def test_every_problem_is_reported_with_its_row_and_column() -> None:
    text = (
        f"{HEAD},答复日期,办理结果,答复书文号,延期日期,延长工作日数,移送日期,移送机关\n"
        "A1,2024-03-01,传真,自然人,某文件,2024-03-05,,,,,,\n"
        ",2024-13-01,飞鸽,公民,,,,X-1,2024-03-02,0,2024-03-03,\n"
        "A3,2024-03-01,传真,自然人,某文件,,,,,,,某局\n"
        "A4,2024-03-01,传真,自然人,某文件,,,,2024-03-02,-5,,\n"
    )
    assert _errors(text) == [
        "row 2, column 办理结果: required when 答复日期 is filled in",
        "row 3, column 收到申请日期: expected a date like 2024-03-01, got '2024-13-01'",
        (
            "row 3, column 申请方式: '飞鸽' is not a value of this column; expected a Chinese"
            " label or code: 当面提交 (in-person), 邮寄 (post), 互联网渠道 (online), 传真 (fax),"
            " 电子邮件 (email), 口头提出 (oral), 其他 (other)"
        ),
        (
            "row 3, column 申请人类型: '公民' is not a value of this column; expected a Chinese"
            " label or code: 自然人 (natural-person), 商业企业 (commercial-enterprise),"
            " 科研机构 (research-institution), 社会公益组织 (social-welfare-organisation),"
            " 法律服务机构 (legal-service-institution), 其他 (other)"
        ),
        "row 3, column 申请编号: required, but empty",
        "row 3, column 申请公开的政府信息: required, but empty",
        "row 3, column 答复日期: required when 答复书文号 is filled in",
        "row 3, column 移送机关: required when 移送日期 is filled in",
        "row 4, column 移送日期: required when 移送机关 is filled in",
        "row 5, column 延长工作日数: expected a whole number, got '-5'",
    ]
    assert _errors(
        f"{HEAD},延期日期,延长工作日数\nA1,2024-03-01,传真,自然人,某文件,2024-03-02,0\n"
    ) == ["row 2, column 延长工作日数: an extension is a positive number of working days, got 0"]
    assert _errors(f"{HEAD}\nA1,2024-03-01,传真,自然人, \n") == [
        "row 2, column 申请公开的政府信息: must be non-empty text"
    ]


def test_events_column_problems() -> None:
    head = f"{HEAD},其他办理过程\nA1,2024-03-01,传真,自然人,某文件,"
    assert _errors(head + "[oops\n")[0].startswith("row 2, column 其他办理过程: not valid JSON")
    assert _errors(head + '"{""a"": 1}"\n') == [
        "row 2, column 其他办理过程: expected a JSON array of events"
    ]
    assert _errors(head + "[1]\n") == ["row 2, column 其他办理过程: $[0]: expected a JSON object"]
    bad = '"[{""type"": ""withdrawn"", ""on"": ""2024-02-30""}]"'
    [problem] = _errors(head + bad + "\n")
    assert problem.startswith("row 2, column 其他办理过程: $[0].on: ")


def test_header_problems() -> None:
    assert _errors("") == ["row 1: the file is empty: no header row"]
    assert _errors(f"{HEAD},备注栏,申请编号\n") == [
        (
            "row 1, column 备注栏: unknown column; expected one of the headers of"
            " REQUEST_LOG_COLUMNS (Chinese label or English code)"
        ),
        "row 1, column 申请编号: the column id appears twice (also as 申请编号)",
    ]
    assert _errors("申请编号,,description\n") == [
        "row 1: missing required column 收到申请日期 (received_on)",
        "row 1: missing required column 申请方式 (method)",
        "row 1: missing required column 申请人类型 (applicant_kind)",
    ]
    assert _errors(f"{HEAD}\nA1,2024-03-01,传真,自然人,某文件,多余\n") == [
        "row 2: 6 cells but only 5 columns"
    ]
    short = requests_from_csv(f"{HEAD},受理机关\nA1,2024-03-01,传真,自然人,某文件\n\n")
    assert [r.agency for r in short] == [None]


def test_writing_problems(tmp_path: Path) -> None:
    @attrs.frozen(kw_only=True)
    class Local(Applicant):
        """An applicant with one more field."""

        hall: str | None = None

    with pytest.raises(TypeError, match=r"request 0 \('2024-001'\): .* not for the subclass"):
        requests_to_csv([_request(applicant=Local(ApplicantKind.NATURAL_PERSON))])
    with pytest.raises(ValueError, match="lang must be 'zh' or 'en'"):
        requests_to_csv([], lang="fr")
    with pytest.raises(ValueError, match=r"a \.csv or \.xlsx file"):
        write_request_log([], tmp_path / "log.txt")
    with pytest.raises(ValueError, match=r"a \.csv or \.xlsx file"):
        read_request_log(tmp_path / "log.json")


def test_fee_notices_keep_their_decimals() -> None:
    notice = FeeNoticeIssued(on=D, amount=Money(Decimal("100.50")))
    [back] = requests_from_csv(requests_to_csv([_request(notice)], include_personal=True))
    assert back.events == (notice,)


def test_columns_markdown_lists_every_column() -> None:
    table = columns_markdown().splitlines()
    assert len(table) == 2 + len(REQUEST_LOG_COLUMNS)
    assert "| 身份证明 | `applicant_id_number` | text |  | yes |" in table[8]
    assert HEADERS_EN[0] == "id"


def test_the_docs_page_shows_the_columns_of_the_code() -> None:
    from pathlib import Path

    page = Path(__file__).resolve().parents[2] / "docs" / "request-logs.md"
    assert columns_markdown() in page.read_text(encoding="utf-8")


# --- the happy path reads exactly what the row reader reads ------------------------------------

_BASE = {
    "id": "A1",
    "received_on": "2024-03-01",
    "method": "邮寄",
    "applicant_kind": "自然人",
    "description": "某文件",
}
_WITHDRAWN = '[{"type": "withdrawn", "on": "2024-03-04"}]'
_EXTENDED = '[{"type": "extended", "on": "2024-03-06", "working_days": 15}]'
_REPLY = {"replied_on": "2024-03-20", "outcome": "予以公开"}
# Rows the happy path reads itself.
_CLEAN: list[dict[str, Any]] = [
    {},
    {"submitted_on": "2024-02-28", "agency": "某机关"},
    {"applicant_name": "张三", "applicant_id_number": "11010519491231002X"},
    {"applicant_contact": "13800000000", "applicant_kind": "natural_person"},
    {"extended_on": "2024-03-10", "extension_days": "15"},
    {"transferred_on": "2024-03-05", "transferred_to": "某区人民政府"},
    {**_REPLY, "reply_reference": "某函〔2024〕1号"},
    {"events": _WITHDRAWN},
    {"events": _EXTENDED, **_REPLY},
    # A reply dated before the extension: put back before it, as the row reader does.
    {"extended_on": "2024-03-25", "extension_days": "20", **_REPLY, "outcome": "granted"},
    # Before 2008-05-01 no regulation limits the extension.
    {"received_on": "2008-01-02", "extended_on": "2008-01-10", "extension_days": "30"},
]
# Rows with a problem (the row reader names it) or a cell the happy path leaves to it.
_UNCLEAR: list[dict[str, Any]] = [
    {"id": ""},
    {"received_on": "2024/3/1"},
    {"received_on": "2024-02-30"},
    {"method": "飞鸽"},
    {"applicant_kind": "x"},
    {"submitted_on": "20240228"},
    {"extended_on": "2024-03-10"},
    {"extension_days": "15"},
    {"extended_on": "2024-03-10", "extension_days": "x"},
    {"extended_on": "2024-03-10", "extension_days": "\u0661\u0665"},  # Arabic-Indic digits
    {"extended_on": "2024-03-10", "extension_days": "1234567890"},
    {"extended_on": "2024-03-10", "extension_days": "0"},
    {"extended_on": "2024-03-10", "extension_days": "25"},
    {"extended_on": "3/10", "extension_days": "15"},
    {"transferred_on": "2024-03-05"},
    {"transferred_to": "某区人民政府"},
    {"transferred_on": "2024-3-5", "transferred_to": "某区人民政府"},
    {"transferred_on": "2024-03-05", "transferred_to": " "},
    {"replied_on": "2024-03-20"},
    {"outcome": "予以公开"},
    {"replied_on": "x", "outcome": "予以公开"},
    {"replied_on": "2024-03-20", "outcome": "x"},
    {"replied_on": "2024-02-01", "outcome": "予以公开"},
    {"reply_reference": "某函〔2024〕1号"},
    {"events": "not json"},
    {"events": "{}"},
    {"events": "[1]"},
    {"events": '[{"type": "nope"}]'},
    {"events": '[{"type": "replied", "on": "2024-01-01", "outcome": "granted"}]'},
    {"events": _EXTENDED, "extended_on": "2024-03-10", "extension_days": "15"},
    {"description": " "},
    {"applicant_name": " "},
    {"applicant_id_number": "110105194912310021"},
]
# What a workbook's cells may hold besides text, and whether the row reader reads the row.
_TYPED: list[tuple[dict[str, Any], bool]] = [
    ({"received_on": datetime(2024, 3, 1)}, False),
    (
        {"received_on": date(2024, 3, 1), "replied_on": datetime(2024, 3, 20), "outcome": "准予"},
        True,
    ),
    ({"received_on": date(2024, 3, 1), "replied_on": datetime(2024, 3, 20), **_REPLY}, False),
    ({"received_on": datetime(2024, 3, 1, 12)}, True),
    ({"received_on": 45352}, True),
    ({"id": 7}, True),
    ({"extended_on": datetime(2024, 3, 10), "extension_days": 15}, True),
    ({"extended_on": datetime(2024, 3, 10), "extension_days": 15.0}, True),
    ({"extended_on": datetime(2024, 3, 10), "extension_days": 0}, True),
    ({"extension_days": 0}, True),
    ({"applicant_kind": 1}, True),
    ({"description": datetime(2024, 3, 1)}, True),
    ({"agency": 0}, True),
]


def _read_both(rows: list[list[Any]], *, text_only: bool) -> tuple[Any, Any, int]:
    """What a log reads to with and without the happy path, and how many rows it left over."""
    from govdisclosure.export import requestlog

    calls = 0
    row_reader = requestlog._read_row

    def counted(row: Any) -> Any:
        nonlocal calls
        calls += 1
        return row_reader(row)

    def read() -> Any:
        try:
            return requestlog._read_rows(rows, text_only=text_only)
        except RequestLogError as error:
            return error.errors, error.total

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(requestlog, "_read_row", counted)
        fast = read()
        patch.setattr(requestlog, "_fast_reader", lambda *_: lambda *_: None)
        left_over = calls
        slow = read()
    return fast, slow, left_over


def _log(*rows: dict[str, Any]) -> list[list[Any]]:
    codes = [c.code for c in REQUEST_LOG_COLUMNS]
    return [codes, *([{**_BASE, **row}.get(code, "") for code in codes] for row in rows)]


@pytest.mark.parametrize("row", _CLEAN)
def test_a_clean_row_is_read_by_the_happy_path(row: dict[str, Any]) -> None:
    fast, slow, left_over = _read_both(_log(row), text_only=True)
    assert isinstance(fast, list) and len(fast) == 1
    assert fast == slow
    assert left_over == 0


@pytest.mark.parametrize("row", _UNCLEAR)
def test_a_row_with_a_problem_is_left_to_the_row_reader(row: dict[str, Any]) -> None:
    fast, slow, left_over = _read_both(_log(row), text_only=True)
    assert isinstance(fast, tuple)  # an error, the row reader's
    assert fast == slow
    assert left_over == 1


@pytest.mark.parametrize(("row", "left_over"), _TYPED)
def test_workbook_cells_read_as_the_row_reader_reads_them(
    row: dict[str, Any], left_over: bool
) -> None:
    fast, slow, calls = _read_both(_log(row), text_only=False)
    assert fast == slow
    assert calls == left_over


def test_the_happy_path_knows_duplicates_short_rows_and_blank_rows() -> None:
    log = _log(_BASE, {"id": "A2"}, _BASE)
    log[2] = log[2][:9]  # the cells after the last one given are empty
    log.insert(3, ["", None])
    log.append([*log[1], "", None])
    fast, slow, left_over = _read_both(log, text_only=False)
    assert fast == slow
    assert [e.path for e in fast[0]] == ["row 5, column id", "row 6, column id"]
    assert left_over == 2


def test_each_distinct_date_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from govdisclosure.export import requestlog

    parsed: list[Any] = []
    as_date = requestlog._as_date

    def counted(value: Any) -> Any:
        parsed.append(value)
        return as_date(value)

    monkeypatch.setattr(requestlog, "_as_date", counted)
    rows = [{"id": f"A{i}", **_REPLY, "received_on": f"2024-03-0{1 + i % 2}"} for i in range(50)]
    read = requestlog._read_rows(_log(*rows), text_only=True)
    assert [r.id for r in read] == [f"A{i}" for i in range(50)]
    assert sorted(parsed) == ["2024-03-01", "2024-03-02", "2024-03-20"]
    # Without personal data, the applicants of one kind are one (frozen) value.
    assert len({id(r.applicant) for r in read}) == 1
    assert read[0].applicant == Applicant(ApplicantKind.NATURAL_PERSON)


_CELL_CHOICES: dict[str, list[Any]] = {
    "id": ["A1", "A2", "", " ", 7],
    "received_on": ["2024-03-01", "2008-04-01", "2024/3/1", "", datetime(2024, 3, 1)],
    "submitted_on": ["", "2024-02-28", "x", date(2024, 2, 28)],
    "method": ["online", "网上申请", "飞鸽", ""],
    "applicant_kind": ["自然人", "natural_person", "x", ""],
    "applicant_name": ["", "张三", " "],
    "applicant_id_number": ["", "11010519491231002X", "110105194912310021"],
    "applicant_contact": ["", "13800000000"],
    "description": ["某文件", "", " "],
    "agency": ["", "某机关", 0],
    "extended_on": ["", "2024-03-10", "x"],
    "extension_days": ["", "15", "25", "0", "x", 15, None],
    "transferred_on": ["", "2024-03-05"],
    "transferred_to": ["", "某区", " "],
    "replied_on": ["", "2024-03-20", "2024-02-01", "x", datetime(2024, 3, 20, 9)],
    "outcome": ["", "予以公开", "granted", "x"],
    "reply_reference": ["", "某函〔2024〕1号"],
    "events": ["", _WITHDRAWN, _EXTENDED, "[1]", '[{"type": "nope"}]'],
}


@st.composite
def _logs(draw: st.DrawFn) -> list[list[Any]]:
    codes = [c.code for c in REQUEST_LOG_COLUMNS if c.required or draw(st.booleans())]
    columns = draw(st.permutations(codes))
    header = [draw(st.sampled_from([code, _meta_label(code)])) for code in columns]
    rows: list[list[Any]] = [header]
    for _ in range(draw(st.integers(1, 4))):
        row = [draw(st.sampled_from(_CELL_CHOICES[code])) for code in columns]
        size = draw(st.integers(0, len(row) + 2))
        rows.append(row[:size] + [draw(st.sampled_from(["", None, "x"]))] * (size - len(row)))
    return rows


def _meta_label(code: str) -> str:
    return next(c.label for c in REQUEST_LOG_COLUMNS if c.code == code)


@settings(max_examples=200)
@given(_logs())
def test_the_happy_path_reads_any_log_as_the_row_reader_does(rows: list[list[Any]]) -> None:
    fast, slow, _ = _read_both(rows, text_only=False)
    assert fast == slow
    text_rows = [[v if isinstance(v, str) else "" for v in row] for row in rows]
    fast, slow, _ = _read_both(text_rows, text_only=True)
    assert fast == slow
