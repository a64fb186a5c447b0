"""The commands added for parsing, export, schemas and registers, and the shared conventions."""

from __future__ import annotations

import csv
import io
import sys
from datetime import date
from typing import TYPE_CHECKING

import jsonschema  # type: ignore[import-untyped]
import orjson
import pytest

from common import extra
from govdisclosure import examples
from govdisclosure.cli import _io, main
from govdisclosure.export import read_request_log
from govdisclosure.model import (
    AnnualReport2021,
    Applicant,
    ApplicantKind,
    DisclosureRequest,
    Outcome,
    SubmissionMethod,
)
from govdisclosure.model.request import Replied
from govdisclosure.serialize import from_json, to_dict, to_json

if TYPE_CHECKING:
    from pathlib import Path

PAGE = (
    "<html><head><title>某县人民政府2019年政府信息公开工作年度报告</title></head><body>"
    "<h1>某县人民政府2019年政府信息公开工作年度报告</h1>"
    "<p>一、总体情况</p><p>全年主动公开信息1000余条。</p></body></html>"
)


def _requests(tmp_path: Path) -> Path:
    requests = [
        DisclosureRequest(
            id=f"2024-{n:03}",
            applicant=Applicant(ApplicantKind.NATURAL_PERSON),
            received_on=date(2024, 9, 27),
            method=SubmissionMethod.ONLINE,
            description="2024年度部门预算",
            events=(Replied(on=date(2024, 10, 30), outcome=Outcome.GRANTED),),
        )
        for n in range(3)
    ]
    path = tmp_path / "requests.json"
    path.write_bytes(orjson.dumps([to_dict(r) for r in requests]))
    return path


# --- parse --------------------------------------------------------------------------------------


def test_parse_one_file_writes_its_document_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "report.html"
    page.write_text(PAGE, encoding="utf-8")
    # The page has no tables: the parse is incomplete, which is a finding (exit 1).
    assert main(["parse", str(page)]) == 1
    captured = capsys.readouterr()
    report = from_json(captured.out, examples.load("shanghai-gov-office-2019").__class__)
    assert report.year == 2019
    assert captured.err.startswith(f"{page}: 不完整: 某县人民政府 2019年")
    assert main(["parse", str(page), "--lang", "en"]) == 1
    assert capsys.readouterr().err.startswith(f"{page}: incomplete: 某县人民政府 2019 format")


def test_parse_many_files_into_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = []
    for n in range(2):
        page = tmp_path / f"page{n}.html"
        page.write_text(PAGE, encoding="utf-8")
        pages.append(str(page))
    bad = tmp_path / "noise.html"
    bad.write_bytes(b"\x00\x01 not a report")
    out = tmp_path / "parsed"
    assert main(["parse", *pages, str(bad), "--output", str(out)]) == 2
    captured = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ["page0.json", "page1.json"]
    assert captured.out.count("某县人民政府 2019") == 2
    assert f"{bad}: ParseError: no title" in captured.err
    assert captured.err.endswith("共3个文件：0个正常，2个有问题，1个失败\n")
    assert main(["parse", *pages]) == 2
    assert "--output DIR" in capsys.readouterr().err


def test_published_reports_are_sources_for_every_report_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "report.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["show", str(page)]) == 0
    assert "某县人民政府" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode())))
    assert main(["check", "-", "--format", "json"]) == 0
    assert orjson.loads(capsys.readouterr().out) == []


# --- check --------------------------------------------------------------------------------------


def test_check_json_lists_findings_with_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "shanghai-gov-office-2019", "--format", "json"]) == 0
    findings = orjson.loads(capsys.readouterr().out)
    assert [f["rule"] for f in findings] == ["NARRATIVE-SUM", "NARRATIVE-SHARE", "NARRATIVE-UPHELD"]
    share = findings[1]
    assert (share["expected"], share["actual"], share["part"]) == ("32.0", "33.9", "narrative")
    assert (share["cell"], share["row"]) == (None, "予以公开及部分公开占比")
    assert share["source"] == "shanghai-gov-office-2019"


def test_progress_bar_only_on_a_terminal_for_several_inputs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    quiet = _io.Reporter(2, "x")  # not a terminal: no bar, plain lines
    quiet.line("one")
    quiet.advance()
    quiet.close()
    assert capsys.readouterr() == ("one\n", "")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    single = _io.Reporter(1, "x")
    single.line("alone", err=True)
    single.close()
    assert capsys.readouterr().err == "alone\n"
    bar = _io.Reporter(3, "working")
    bar.line("a file")  # through the bar's own writer
    bar.advance()
    bar.close()
    captured = capsys.readouterr()
    assert "a file\n" in captured.out
    assert "working" in captured.err


# --- export -------------------------------------------------------------------------------------


def test_export_tidy_csv_keeps_blanks_apart_from_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "shanghai-gov-office-2019", "huaian-city-2024"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    shanghai = [r for r in rows if r["agency"] == "上海市人民政府办公厅"]
    granted = next(r for r in shanghai if r["row"] == "granted" and r["column"] == "total")
    assert (granted["value"], granted["blank"]) == ("", "True")
    assert {r["agency"] for r in rows} == {"上海市人民政府办公厅", "淮安市人民政府"}


def test_export_parquet_and_json(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    target = tmp_path / "cells.parquet"
    assert main(["export", "huaian-city-2024", "--format", "parquet", "--output", str(target)]) == 0
    assert pq.read_table(target).num_rows == 200
    documents = tmp_path / "reports.json"
    assert main(["export", "huaian-city-2024", "--format", "json", "-o", str(documents)]) == 0
    (document,) = orjson.loads(documents.read_bytes())
    assert document["year"] == 2024


def test_export_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export"]) == 2
    assert main(["export", "huaian-city-2024", "--format", "parquet"]) == 2
    assert main(["export", "--template"]) == 2
    assert capsys.readouterr().err.count("govdisclosure: error:") == 3


@extra("xlsx")
def test_request_logs_convert_both_ways(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _requests(tmp_path)
    log = tmp_path / "log.xlsx"
    assert main(["export", "--requests", str(source), "--format", "xlsx", "-o", str(log)]) == 0
    assert [r.id for r in read_request_log(log)] == ["2024-000", "2024-001", "2024-002"]
    assert main(["export", "--requests", str(log), "--format", "json"]) == 0
    assert orjson.loads(capsys.readouterr().out) == orjson.loads(source.read_bytes())
    assert main(["export", "--requests", str(source), "--lang", "en"]) == 0
    assert capsys.readouterr().out.lstrip("\ufeff").startswith("id,")
    assert main(["export", "--requests", str(source), "--format", "xlsx"]) == 2
    template = tmp_path / "template.csv"
    assert main(["export", "--template", "-o", str(template)]) == 0
    assert read_request_log(template) == []


# --- tabulate with logs and registers -----------------------------------------------------------


def test_tabulate_reads_request_logs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _requests(tmp_path)
    log = tmp_path / "log.csv"
    assert main(["export", "--requests", str(source), "-o", str(log)]) == 0
    assert main(["tabulate", str(log), "--year", "2024", "--format", "json"]) == 0
    report = from_json(capsys.readouterr().out, AnnualReport2021)
    assert report.applications is not None
    assert report.applications.rows[0].total == 3


def test_tabulate_a_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from govdisclosure.model import ProactiveRegister

    register = tmp_path / "register.json"
    register.write_bytes(to_json(ProactiveRegister()))
    assert main(["tabulate", "--register", str(register), "--year", "2024"]) == 0
    assert "主动公开" in capsys.readouterr().out
    requests = _requests(tmp_path)
    args = ["tabulate", str(requests), "--register", str(register), "--year", "2024"]
    assert main([*args, "--format", "json"]) == 0
    document = orjson.loads(capsys.readouterr().out)
    assert document["proactive"] is not None and document["applications"] is not None
    assert main(["tabulate", "--year", "2024"]) == 2


# --- deadline and schema ------------------------------------------------------------------------


def test_deadline_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "2024-09-27", "--format", "json"]) == 0
    document = orjson.loads(capsys.readouterr().out)
    assert document["due"] == "2024-10-30"
    assert document["explanation_zh"] and document["explanation_en"]


def test_schema_validates_the_documents_it_describes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.schema.json"
    assert main(["schema", "--output", str(target)]) == 0
    schema = orjson.loads(target.read_bytes())
    for name in examples.names():
        jsonschema.validate(orjson.loads(to_json(examples.load(name))), schema)
    assert main(["schema", "--list"]) == 0
    names = capsys.readouterr().out.split()
    assert "DisclosureRequest" in names and names == sorted(names)
    assert main(["schema", "Quantity", "--keys", "zh"]) == 0
    keys = list(orjson.loads(capsys.readouterr().out)["properties"])
    assert keys[0] == "schema_version"
    assert keys[1:] and not any(key.isascii() for key in keys[1:])  # the official labels
    assert main(["schema", "NoSuchModel"]) == 2
    assert "schema --list" in capsys.readouterr().err


def test_every_command_documents_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("show", "render", "check", "parse", "export", "tabulate", "deadline", "schema"):
        with pytest.raises(SystemExit) as info:
            main([name, "--help"])
        assert info.value.code == 0
        out = capsys.readouterr().out
        assert "examples:" in out and f"govdisclosure {name}" in out and "--output" in out


def test_a_missing_extra_is_an_input_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if the arrow extra were not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    target = tmp_path / "cells.parquet"
    assert main(["export", "huaian-city-2024", "--format", "parquet", "-o", str(target)]) == 2
    assert "pip install 'govdisclosure[arrow]'" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert main(["parse", str(pdf)]) == 2
    err = capsys.readouterr().err
    assert "pip install 'govdisclosure[pdf]'" in err
    # Said once, in each language.
    assert err.count("reading PDF") == 1 and err.count("读取PDF") == 1
