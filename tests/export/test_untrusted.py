"""Request logs and CSV from outside: hostile, broken or merely messy input (issues 15 and 16).

Each test fails without its fix: personal data in clear, a zip bomb or a corrupt workbook
escaping as a bare exception, a GBK file refused, formulas written as they are, cells that do
not round-trip, an unclosed quote swallowing rows, lax dates, a million-line error, a log whose
history the regulation rules out accepted.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import optional
from govdisclosure.errors import MAX_ERRORS
from govdisclosure.export import (
    LABEL_ALIASES,
    MASK,
    Privacy,
    RequestLogError,
    XlsxLimits,
    read_csv,
    read_request_columns,
    read_request_log,
    request_log_template,
    requests_from_csv,
    requests_to_csv,
    requests_to_json,
    tidy_to_csv,
    write_csv,
    write_request_log,
    write_requests,
)
from govdisclosure.export.csvio import CsvError, decode, neutralise, restore
from govdisclosure.model import (
    Applicant,
    ApplicantKind,
    ConsultationStarted,
    Consultee,
    DisclosureRequest,
    Extended,
    Outcome,
    Replied,
    SubmissionMethod,
)

if TYPE_CHECKING:
    from pathlib import Path


openpyxl = optional("openpyxl")
RIC = "11010519491231002X"
HEAD = "申请编号,收到申请日期,申请方式,申请人类型,申请公开的政府信息"


def _request(**changes: Any) -> DisclosureRequest:
    request = DisclosureRequest(
        id="2024-001",
        applicant=Applicant(
            ApplicantKind.NATURAL_PERSON, name="张三", id_number=RIC, contact="13800000000"
        ),
        received_on=date(2024, 9, 27),
        method=SubmissionMethod.ONLINE,
        description="本人（手机13912345678，zhang@example.com）的低保材料",
        events=(
            ConsultationStarted(
                on=date(2024, 10, 8),
                consultee=Consultee.THIRD_PARTY,
                name="李四",
                note="电话010-62345678",
            ),
            Replied(on=date(2024, 10, 30), outcome=Outcome.GRANTED),
        ),
    )
    return attrs.evolve(request, **changes)


def _errors(text: str | bytes) -> list[str]:
    with pytest.raises(RequestLogError) as caught:
        requests_from_csv(text)
    return [f"{e.path}: {e.message}" for e in caught.value.errors]


# ------------------------------------------------------------------------- personal data


PERSONAL = ("张三", RIC, "13800000000", "13912345678", "zhang@example.com", "李四", "62345678")


def test_json_of_requests_is_masked_unless_asked(tmp_path: Path) -> None:
    text = requests_to_json([_request()])
    assert not any(value in text for value in PERSONAL)
    [document] = orjson.loads(text)
    assert document["applicant"]["id_number"] == "110105***********X"
    assert document["description"] == "本人（手机***，***）的低保材料"
    assert document["events"][0]["name"] == MASK
    full = requests_to_json([_request()], privacy=Privacy.INCLUDE)
    assert all(value in full for value in PERSONAL)
    write_requests([_request()], tmp_path / "r.json")
    assert not any(value in (tmp_path / "r.json").read_text() for value in PERSONAL)


@pytest.mark.parametrize("name", ["log.csv", "log.xlsx", "log.json"])
def test_every_file_format_masks_by_default(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_requests([_request()], path)
    if name.endswith(".xlsx"):
        sheet = openpyxl.load_workbook(path).active
        text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row)
    else:
        text = path.read_text(encoding="utf-8-sig")
    assert not any(value in text for value in PERSONAL)
    write_requests([_request()], path, privacy=Privacy.INCLUDE)
    if name != "log.json":
        assert read_request_log(path) == [_request()]


def test_privacy_must_be_a_setting() -> None:
    with pytest.raises(TypeError, match="privacy must be a Privacy"):
        requests_to_csv([], privacy="include")  # type: ignore[arg-type]


# ------------------------------------------------------------------------- CSV rules


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_formulas_are_neutralised_and_restored(first: str) -> None:
    request = _request(id=f"{first}1+1", description=f'{first}HYPERLINK("http://x")')
    text = requests_to_csv([request], privacy=Privacy.INCLUDE)
    rows = read_csv(text, restore_formulas=False)
    assert rows[1][0] == f"'{first}1+1"
    assert rows[1][8].startswith(f"'{first}")
    assert requests_from_csv(text) == [request]
    raw = requests_to_csv([request], privacy=Privacy.INCLUDE, neutralise_formulas=False)
    assert read_csv(raw, restore_formulas=False)[1][0] == f"{first}1+1"
    assert requests_from_csv(raw, neutralise_formulas=False) == [request]


@given(st.text(alphabet="'=+-@\t\rab", max_size=6))
def test_neutralise_is_reversible(text: str) -> None:
    assert restore(neutralise(text)) == text
    cell = neutralise(text)
    assert not cell or cell[0] not in "=+-@\t\r"


def test_numbers_are_never_neutralised() -> None:
    assert write_csv([[-3, None, date(2024, 1, 2)]]) == "-3,,2024-01-02\r\n"
    assert "'" not in tidy_to_csv([]) and tidy_to_csv([]).startswith("agency,level,")


@pytest.mark.parametrize(
    "description", ["a\rb", "a\r\nb", "a\nb", "x\r", "x" * 200_000, 'q"u,o\r\nte']
)
def test_text_round_trips_exactly(tmp_path: Path, description: str) -> None:
    request = _request(description=description, events=())
    assert requests_from_csv(requests_to_csv([request])) == [
        attrs.evolve(request, applicant=Applicant(ApplicantKind.NATURAL_PERSON))
    ]
    path = tmp_path / "log.csv"
    write_request_log([request], path, privacy=Privacy.INCLUDE)
    assert read_request_log(path) == [request]
    assert tabulate_alike(path)


def tabulate_alike(path: Path) -> bool:
    from govdisclosure.stats import tabulate, tabulate_columns

    return bool(
        tabulate_columns(read_request_columns(path), year=2024)
        == tabulate(read_request_log(path), year=2024)
    )


def test_gbk_and_utf8_files_are_read(tmp_path: Path) -> None:
    text = f"{HEAD}\nA1,2024-03-01,信函,自然人,某文件\n"
    for encoding in ("gbk", "gb18030", "utf-8", "utf-8-sig"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        [request] = read_request_log(path)
        assert (request.description, request.method) == ("某文件", SubmissionMethod.POST)
        assert tabulate_alike(path)
    assert decode("某机关政府信息公开申请".encode("gb18030")) == "某机关政府信息公开申请"
    assert _errors(b"\xff\xfe")[0].startswith("byte 0: the file is neither UTF-8 nor GB18030")


def test_an_unclosed_quote_is_reported_with_its_row(tmp_path: Path) -> None:
    text = f'{HEAD}\nA1,2024-03-01,邮寄,自然人,某文件\nA2,2024-03-01,邮寄,自然人,"某\nA3,x,y,z,w\n'
    assert _errors(text) == [
        (
            "row 3: a quoted cell is never closed: every following line would be read into it;"
            ' close the quote (") or remove it'
        )
    ]
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RequestLogError, match="row 3: a quoted cell is never closed"):
        read_request_columns(path)
    assert read_csv('"ab"c,d\n') == [["abc", "d"]]  # a stray quote, read as spreadsheets do


def test_dates_are_strictly_yyyy_mm_dd() -> None:
    for day in ("20240301", "2024-W09-5", "2024-061", "\uff12024-03-01"):
        assert _errors(f"{HEAD}\nA1,{day},邮寄,自然人,某文件\n") == [
            f"row 2, column 收到申请日期: expected a date like 2024-03-01, got {day!r}"
        ]


def test_a_huge_number_is_an_error_not_a_crash(tmp_path: Path) -> None:
    digits = "9" * 5000
    text = f"{HEAD},延期日期,延长工作日数\nA1,2024-03-01,邮寄,自然人,某文件,2024-03-05,{digits}\n"
    assert _errors(text) == [
        "row 2, column 延长工作日数: a number of 5000 digits is too large (at most 9)"
    ]
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RequestLogError, match="5000 digits"):
        read_request_columns(path)


def test_a_million_bad_rows_give_a_bounded_error() -> None:
    rows = "".join(f"A{i},2024/3/1,邮寄,自然人,某文件\n" for i in range(MAX_ERRORS + 2500))
    with pytest.raises(RequestLogError) as caught:
        requests_from_csv(f"{HEAD}\n{rows}")
    error = caught.value
    assert len(error.errors) == MAX_ERRORS and error.more == 2500
    message = str(error)
    assert message.startswith(
        f"{MAX_ERRORS + 2500} problems in the document (the first {MAX_ERRORS} listed)"
    )
    assert message.endswith("... and 2500 more / 另有2500处错误未列出")
    assert len(message.splitlines()) == MAX_ERRORS + 2


# ------------------------------------------------------------------------- Excel files


def _bomb(path: Path, size: int = 8 << 20) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * size)


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    _bomb(path)
    with pytest.raises(RequestLogError, match=r"file bomb\.xlsx: the entry xl/worksheets/sheet1"):
        read_request_log(path)
    with pytest.raises(RequestLogError, match="a zip bomb"):
        read_request_columns(path)
    request_log_template(tmp_path / "ok.xlsx")
    with pytest.raises(RequestLogError, match=r"inflates to .* bytes"):
        read_request_log(tmp_path / "ok.xlsx", limits=XlsxLimits(max_inflated_bytes=100))
    with pytest.raises(RequestLogError, match="entries"):
        read_request_log(tmp_path / "ok.xlsx", limits=XlsxLimits(max_entries=2))
    assert read_request_log(tmp_path / "ok.xlsx", limits=XlsxLimits()) == []


def _corrupt_variants(good: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        names = archive.namelist()
        parts = {name: archive.read(name) for name in names}
    missing = io.BytesIO()
    with zipfile.ZipFile(missing, "w") as archive:  # the workbook part left out
        for name, data in parts.items():
            if name != "xl/workbook.xml":
                archive.writestr(name, data)
    bad_xml = io.BytesIO()
    with zipfile.ZipFile(bad_xml, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, b"<worksheet><sheetData><row" if "sheet1" in name else data)
    middle = len(good) // 2
    return {
        "not a zip": b"PK\3\4 this is not a workbook",
        "text": "申请编号,收到申请日期\n".encode(),
        "truncated": good[:middle],
        "flipped": good[:200] + bytes(b ^ 0x5A for b in good[200:600]) + good[600:],
        "missing part": missing.getvalue(),
        "bad xml": bad_xml.getvalue(),
    }


def test_every_corrupt_workbook_is_a_typed_error_naming_the_file(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    write_request_log([_request()], good)
    for kind, data in _corrupt_variants(good.read_bytes()).items():
        path = tmp_path / "broken.xlsx"
        path.write_bytes(data)
        for read in (read_request_log, read_request_columns):
            with pytest.raises(RequestLogError, match=r"file broken\.xlsx: ") as caught:
                read(path)
            assert "broken.xlsx" in str(caught.value), kind


# ------------------------------------------------------------------------- what the law rules out


def test_a_duplicate_id_is_an_error_naming_both_rows(tmp_path: Path) -> None:
    text = (
        f"{HEAD}\nA1,2024-03-01,邮寄,自然人,甲\nA2,2024-03-01,邮寄,自然人,乙\n"
        "A1,2024-03-02,邮寄,自然人,丙\n"
    )
    assert _errors(text) == ["row 4, column 申请编号: the application id 'A1' is used by row 2 too"]
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RequestLogError, match="row 4, column 申请编号"):
        read_request_columns(path)


def test_a_reply_before_receipt_is_an_error() -> None:
    text = f"{HEAD},答复日期,办理结果\nA1,2024-03-01,邮寄,自然人,甲,2024-02-29,予以公开\n"
    assert _errors(text) == [
        (
            "row 2, column 答复日期: the reply (2024-02-29) is dated before the day of receipt"
            " (2024-03-01)"
        )
    ]
    events = '"[{""type"": ""replied"", ""on"": ""2024-02-01"", ""outcome"": ""granted""}]"'
    assert _errors(f"{HEAD},其他办理过程\nA1,2024-03-01,邮寄,自然人,甲,{events}\n") == [
        (
            "row 2, column 其他办理过程: the reply (2024-02-01) is dated before the day of receipt"
            " (2024-03-01)"
        )
    ]


def test_an_extension_longer_than_the_regulation_allows_is_an_error() -> None:
    head = f"{HEAD},延期日期,延长工作日数"
    assert _errors(f"{head}\nA1,2019-05-15,邮寄,自然人,甲,2019-06-01,21\n") == [
        (
            "row 2, column 延长工作日数: an extension of 21 working days is longer than the 2019"
            " regulation allows (20, 第三十三条)"
        )
    ]
    assert _errors(f"{head}\nA1,2019-05-14,邮寄,自然人,甲,2019-06-01,16\n") == [
        (
            "row 2, column 延长工作日数: an extension of 16 working days is longer than the 2008"
            " regulation allows (15, 第二十四条)"
        )
    ]
    [ok] = requests_from_csv(f"{head}\nA1,2019-05-15,邮寄,自然人,甲,2019-06-01,20\n")
    assert ok.events == (Extended(on=date(2019, 6, 1), working_days=20),)
    twice = (
        '"[{""type"": ""extended"", ""on"": ""2024-03-10"", ""working_days"": 5},'
        ' {""type"": ""extended"", ""on"": ""2024-03-20"", ""working_days"": 5}]"'
    )
    assert _errors(f"{HEAD},其他办理过程\nA1,2024-03-01,邮寄,自然人,甲,{twice}\n") == [
        "row 2, column 其他办理过程: extended 2 times; the 2019 regulation allows 1"
    ]


# ------------------------------------------------------------------------- labels and template


@pytest.mark.parametrize(
    ("method", "outcome", "expected"),
    [
        ("网上申请", "予以公开", (SubmissionMethod.ONLINE, Outcome.GRANTED)),
        ("网络", "部分公开", (SubmissionMethod.ONLINE, Outcome.PARTIALLY_GRANTED)),
        ("信函", "本机关不掌握相关政府信息", (SubmissionMethod.POST, Outcome.UNABLE_NOT_HELD)),
        ("当面", "（一）予以公开", (SubmissionMethod.IN_PERSON, Outcome.GRANTED)),
    ],
)
def test_common_short_labels_are_accepted(method: str, outcome: str, expected: Any) -> None:
    text = f"{HEAD},答复日期,办理结果\nA1,2024-03-01,{method},自然人,甲,2024-03-05,{outcome}\n"
    [request] = requests_from_csv(text)
    assert (request.method, request.reply.outcome if request.reply else None) == expected
    assert set(LABEL_ALIASES) == {SubmissionMethod, Outcome}


def test_an_unknown_label_lists_the_chinese_labels() -> None:
    with pytest.raises(RequestLogError) as caught:
        requests_from_csv(f"{HEAD}\nA1,2024-03-01,飞鸽,自然人,甲\n")
    [detail] = caught.value.errors
    assert "SubmissionMethod" not in detail.message + detail.message_zh
    assert detail.message_zh == (
        "'飞鸽'不是本列的有效取值，应为以下中文名称之一：当面提交、邮寄、互联网渠道、传真、"
        "电子邮件、口头提出、其他（或代码：in-person, post, online, fax, email, oral, other）"
    )


def test_the_excel_template_has_drop_downs_and_a_chinese_sheet(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    request_log_template(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["申请台账", "取值", "说明"]
    assert book["取值"].sheet_state == "hidden"
    sheet = book["申请台账"]
    header = [c.value for c in sheet[1]]
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    letters = {h: openpyxl.utils.get_column_letter(i) for i, h in enumerate(header, start=1)}
    assert set(lists) == {
        f"{letters[h]}2:{letters[h]}1048576" for h in ("申请方式", "申请人类型", "办理结果")
    }
    assert lists[f"{letters['办理结果']}2:{letters['办理结果']}1048576"] == "'取值'!$C$2:$C$22"
    values = book["取值"]
    assert [values.cell(row=r, column=1).value for r in range(2, 9)] == [
        m.label for m in SubmissionMethod
    ]
    notes = book["说明"]
    cells = [str(c.value) for row in notes.iter_rows() for c in row if c.value is not None]
    assert cells[:6] == ["中文表头", "英文表头", "格式", "必填", "个人信息", "内容"]
    assert not any(
        name in cell for cell in cells for name in ("SubmissionMethod", "ApplicantKind", "Outcome")
    )
    assert "从下拉列表中选择：当面提交、邮寄、互联网渠道、传真、电子邮件、口头提出、其他" in cells
    assert read_request_log(path) == []
    english = tmp_path / "template-en.xlsx"
    request_log_template(english, lang="en")
    book = openpyxl.load_workbook(english)
    assert book["values"].cell(row=2, column=1).value == "in-person"
    assert "one of (drop-down list): in-person, post, online, fax, email, oral, other" in [
        c.value for c in book["columns"]["C"]
    ]


def test_a_csv_error_is_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    # Only a cell over the csv module's limit makes it raise (the limit is raised to the text's
    # length, up to a C long): make the cap small to see the error is typed and names the row.
    import govdisclosure.export.csvio as csvio

    monkeypatch.setattr(csvio, "_MAX_FIELD_SIZE", 10)
    before = csv.field_size_limit(131_072)  # earlier tests may have raised it
    try:
        with pytest.raises(CsvError, match="row 2: not readable as CSV"):
            read_csv("a\n" + "x" * 200_000 + "\n")
    finally:
        csv.field_size_limit(before)


def test_an_error_built_with_too_many_problems_lists_the_first() -> None:
    from govdisclosure.errors import ErrorDetail

    detail = ErrorDetail("row 2", "x", "x")
    error = RequestLogError([detail] * (MAX_ERRORS + 1), more=2)
    assert (len(error.errors), error.more) == (MAX_ERRORS, 3)


def test_a_workbook_damaged_inside_its_sheet(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    many = [_request(id=f"A{i}", events=()) for i in range(400)]
    write_request_log(many, good)
    damaged = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # the rows end in the middle of a tag
            target.writestr(name, data)
    path = tmp_path / "cut.xlsx"
    path.write_bytes(damaged.getvalue())
    with pytest.raises(RequestLogError, match=r"file cut\.xlsx: the workbook is damaged"):
        read_request_log(path)


def test_the_columnar_reader_takes_the_reader_options(tmp_path: Path) -> None:
    events = '"[{""type"": ""withdrawn"", ""on"": ""2024-03-05""}]"'
    path = tmp_path / "log.csv"
    path.write_text(f"{HEAD},其他办理过程\n'=A1,2024-03-01,邮寄,自然人,甲,{events}\n", "utf-8")
    from govdisclosure.stats import tabulate, tabulate_columns

    for on in (True, False):
        [request] = read_request_log(path, neutralise_formulas=on)
        assert request.id == ("=A1" if on else "'=A1")
        columns = read_request_columns(path, neutralise_formulas=on)
        assert tabulate_columns(columns, year=2024) == tabulate([request], year=2024)
