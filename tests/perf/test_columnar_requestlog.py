"""The columnar request-log reader gives the row reader's tables, and exactly its errors."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure.export.columnar import read_request_columns
from govdisclosure.export.requestlog import (
    REQUEST_LOG_COLUMNS,
    RequestLogError,
    read_request_log,
    write_request_log,
)
from govdisclosure.model.applicant import ApplicantKind, SubmissionMethod
from govdisclosure.model.outcome import Outcome
from govdisclosure.stats import RequestColumns, tabulate, tabulate_columns

if TYPE_CHECKING:
    from pathlib import Path

DATES = ["2024-03-01", "2023-12-31", "2024-12-31", "2025-01-02", "2023-05-06"]
BAD_DATES = ["2024/3/1", "20240301", " 2024-03-01", "2024-02-30", "x", "2024-3-1"]
TEXT = ["某文件", "含,逗号", 'say "hi"', "多\n行", "《预算》", "中文 空格", "a\r\nb"]
BAD_TEXT = [" ", "\u3000", " 前导空格", "\t", "\x85", "\u2028"]
VALUES: dict[str, list[str]] = {
    "date": DATES,
    "text": TEXT,
    "integer": ["15", "20", "1", "3"],
    "json": ['[{"type": "withdrawn", "on": "2024-05-01"}]'],
    "SubmissionMethod": [m.label for m in SubmissionMethod]
    + [m.code for m in SubmissionMethod]
    + ["信函", "网上申请", "当面"],
    "ApplicantKind": [k.label for k in ApplicantKind] + [k.code for k in ApplicantKind],
    "Outcome": [o.label for o in Outcome]
    + [o.code for o in Outcome]
    + ["granted"] * 10
    + ["予以公开", "部分公开"],
}
BAD: dict[str, list[str]] = {
    "date": BAD_DATES,
    "text": BAD_TEXT,
    # A full-width 1; more than the 2019 regulation allows; 5,000 digits.
    "integer": ["0", "-1", "abc", "1.5", "\uff11", "21", "9" * 5000],
    "json": ["not json", "[]", "{}", '[{"type": "replied", "on": "2024-06-01"}]', "[1]"],
    "SubmissionMethod": ["飞鸽", " 邮寄"],
    "ApplicantKind": ["个人"],
    "Outcome": ["公开", "x"],
}
COLUMNS = {c.code: c for c in REQUEST_LOG_COLUMNS}
REQUIRED = [c.code for c in REQUEST_LOG_COLUMNS if c.required]
OPTIONAL = [c.code for c in REQUEST_LOG_COLUMNS if not c.required]
PAIRS = [("extended_on", "extension_days"), ("transferred_on", "transferred_to")]


def _format(code: str) -> str:
    return COLUMNS[code].format


@st.composite
def logs(draw: st.DrawFn, errors: bool) -> str:
    """A request log as CSV text; with ``errors``, some cells, rows and lines may be wrong."""
    optional = draw(st.lists(st.sampled_from(OPTIONAL), unique=True))
    codes = draw(st.permutations([*REQUIRED, *optional]))
    lang = draw(st.sampled_from(["zh", "en"]))
    headers = [COLUMNS[c].label if lang == "zh" else c for c in codes]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for number in range(draw(st.integers(0, 8))):
        cells: dict[str, str] = {}
        for code in codes:
            if code in REQUIRED or draw(st.booleans()):
                cells[code] = draw(st.sampled_from(VALUES[_format(code)]))
        if not errors or draw(st.booleans()):
            cells["id"] += str(number)  # distinct ids (a repeated one is an error)
        if "replied_on" in cells or "outcome" in cells:
            # A reply needs both cells (and, here, both columns).
            if "replied_on" in codes and "outcome" in codes:
                cells["replied_on"] = cells.get("replied_on") or draw(st.sampled_from(DATES))
                cells["outcome"] = cells.get("outcome") or "granted"
            else:
                cells.pop("replied_on", None)
                cells.pop("outcome", None)
        if not errors and cells.get("replied_on", "9") < cells["received_on"]:
            cells["replied_on"] = cells["received_on"]  # a reply before receipt is an error
        if "reply_reference" in cells and "replied_on" not in cells:
            del cells["reply_reference"]
        for first, second in PAIRS:
            if (first in cells) != (second in cells):
                cells.pop(first, None)
                cells.pop(second, None)
        if errors and draw(st.integers(0, 3)) == 0:
            code = draw(st.sampled_from(codes))
            kind = draw(st.sampled_from(["bad", "blank"]))
            cells[code] = draw(st.sampled_from(BAD[_format(code)])) if kind == "bad" else ""
        row = [cells.get(code, "") for code in codes]
        shape = draw(st.integers(0, 12)) if errors else 0
        if shape == 1:
            row = row[:-1]
        elif shape == 2:
            row = [*row, "多余"]
        elif shape == 3:
            row = ["" for _ in row]
        elif shape == 4:
            writer.writerow([])
        writer.writerow(row)
    text = out.getvalue()
    if errors and draw(st.integers(0, 10)) == 0:
        text = text.replace("\r\n", "\r")
    return text


def _outcome(read: Any, path: Path, year: int) -> object:
    try:
        result = read(path)
    except RequestLogError as exc:
        return [str(e) for e in exc.errors]
    if isinstance(result, RequestColumns):
        return tabulate_columns(result, year=year)
    return tabulate(result, year=year)


def _check(text: str, folder: Path, year: int) -> object:
    path = folder / "log.csv"
    path.write_text(text, encoding="utf-8-sig", newline="")
    expected = _outcome(read_request_log, path, year)
    assert _outcome(read_request_columns, path, year) == expected
    return expected


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(logs(errors=False), st.sampled_from([2023, 2024]))
def test_valid_logs_tabulate_alike(tmp_path: Path, text: str, year: int) -> None:
    expected = _check(text, tmp_path, year)
    assert not isinstance(expected, list), expected


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(logs(errors=True), st.sampled_from([2023, 2024]))
def test_any_log_reads_alike(tmp_path: Path, text: str, year: int) -> None:
    _check(text, tmp_path, year)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "id,received_on\n",
        "id,received_on,method,applicant_kind,description,nonsense\n",
        "id,received_on,method,applicant_kind,description\nA1,2024-03-01,post,natural_person,x\0\n",
        '"i\nd",received_on,method,applicant_kind,description\n',
        "id,received_on,method,applicant_kind,description\nA1,2024-03-01,post,natural_person,x\n",
        "id,received_on,method,applicant_kind,description,\nA1,2024-03-01,post,other,x,extra\n",
        "id,received_on,method,applicant_kind,description,\n,,,,,\n,,,,,kept\n",
        "id,received_on,method,applicant_kind,description\n\n,,,,\nA1,2024-01-01,post,other,x\n",
        # The 2008 regulation allows 15 working days of extension, the 2019 one 20.
        (
            "id,received_on,method,applicant_kind,description,extended_on,extension_days\n"
            "A1,2018-06-01,post,other,x,2018-06-20,15\nA2,2019-06-01,post,other,x,2019-06-20,20\n"
        ),
        (
            "id,received_on,method,applicant_kind,description,extended_on,extension_days\n"
            "A1,2018-06-01,post,other,x,2018-06-20,16\n"
        ),
        (
            "id,received_on,method,applicant_kind,description,extended_on,extension_days\n"
            "A1,2008-01-01,post,other,x,2008-01-20,30\n"
        ),  # before any regulation: not checked
        # An id twice, a reply before receipt, a neutralised formula, a GBK file's bytes.
        (
            "id,received_on,method,applicant_kind,description\nA1,2024-01-01,post,other,x\n"
            "A1,2024-01-02,post,other,y\n"
        ),
        (
            "id,received_on,method,applicant_kind,description,replied_on,outcome\n"
            "A1,2024-03-01,post,other,x,2024-02-29,granted\n"
        ),
        "id,received_on,method,applicant_kind,description\n'=A1,2024-01-01,post,other,'+x\n",
        "id,received_on,method,applicant_kind,description\n'A1,2024-01-01,post,other,'\t\n",
        "'id,received_on,method,applicant_kind,description\nA1,2024-01-01,post,other,x\n",
        'id,received_on,method,applicant_kind,description\nA1,2024-01-01,post,other,"x\n',
        'id,received_on,method,applicant_kind,description\nA1,2024-01-01,post,other,"x',
        'id,received_on,method,applicant_kind,description\nA1,2024-01-01,post,"x,y\n',
        'id,received_on,method,applicant_kind,description\nA1,2024-01-01,post,other,"x\ny"\n',
        'id,received_on,method,applicant_kind,description\nA1,2024-01-01,post,other,"x\ny"',
        "id,received_on,method,applicant_kind,description\nA1,2024-01-01,post,other," + "x" * 5000,
    ],
)
def test_edge_files(tmp_path: Path, text: str) -> None:
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8", newline="")
    expected = _outcome(read_request_log, path, 2024)
    assert _outcome(read_request_columns, path, 2024) == expected


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_bytes(b"id,received_on,method,applicant_kind,description\n\xff\n")
    with pytest.raises(RequestLogError, match="neither UTF-8 nor GB18030"):
        read_request_log(path)
    with pytest.raises(RequestLogError, match="neither UTF-8 nor GB18030"):
        read_request_columns(path)
    path.write_bytes("申请编号,收到申请日期,申请方式,申请人类型,申请公开的政府信息\n"
                     "A1,2024-03-01,信函,自然人,某文件\n".encode("gbk"))  # fmt: skip
    assert tabulate_columns(read_request_columns(path), year=2024) == tabulate(
        read_request_log(path), year=2024
    )


def test_excel_goes_through_the_row_reader(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(
        "id,received_on,method,applicant_kind,description,replied_on,outcome\n"
        "A1,2024-03-01,post,natural_person,x,2024-03-05,granted\n",
        encoding="utf-8",
    )
    workbook = tmp_path / "log.xlsx"
    write_request_log(read_request_log(path), workbook)
    assert tabulate_columns(read_request_columns(workbook), year=2024) == tabulate(
        read_request_log(path), year=2024
    )
