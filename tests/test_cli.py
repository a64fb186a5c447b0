"""The command line: each command is one library call; exit status 0 / 1 / 2 / 3."""

from __future__ import annotations

import io
import re
import sys
from datetime import date
from typing import TYPE_CHECKING

import pytest

from common import make_request, with_reconsideration
from govdisclosure import examples
from govdisclosure.cli import main
from govdisclosure.model import (
    AnnualReport2021,
    Outcome,
    Replied,
)
from govdisclosure.serialize import from_json, to_json

if TYPE_CHECKING:
    from pathlib import Path


def test_show_seed_outline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "sichuan-hrss-2013"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("四川省人力资源和社会保障厅2013年政府信息公开工作年度报告\n")
    assert "10000余条" in out
    assert "近400篇" in out


def test_show_is_the_text_rendering(capsys: pytest.CaptureFixture[str]) -> None:
    from govdisclosure.formatting.render import render

    report = examples.load("shanghai-gov-office-2019")
    assert main(["show", "shanghai-gov-office-2019"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip("\n") == render(report, "text").rstrip("\n")
    assert re.search(r"一、本年新收政府信息公开申请数量 +821 +35 +2 +1 +859", out)
    assert main(["show", "shanghai-gov-office-2019", "--lang", "en"]) == 0
    assert "I. new applications this year" in capsys.readouterr().out


def test_show_json_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "huaian-city-2024", "--format", "json"]) == 0
    out = capsys.readouterr().out
    report = from_json(out, type(examples.load("huaian-city-2024")))
    assert report == examples.load("huaian-city-2024")


def test_show_file_and_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = to_json(examples.load("sichuan-hrss-2013"))
    path = tmp_path / "report.json"
    path.write_bytes(raw)
    assert main(["show", str(path)]) == 0
    from_file = capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    assert main(["show", "-"]) == 0
    assert capsys.readouterr().out == from_file


def test_input_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "no-such-report"]) == 2
    assert "neither a bundled example" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 3}', encoding="utf-8")
    assert main(["show", str(bad)]) == 2
    assert "$.schema_version" in capsys.readouterr().err


def test_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2


def test_deadline_explains_itself(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "2024-09-27"]) == 0
    out = capsys.readouterr().out
    assert "期限届满日：2024-10-30，共20个工作日。" in out
    assert "2024-09-29（国庆节调休）" in out


def test_deadline_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["deadline", "2024-09-27", "--extended", "--regulation", "2019", "--lang", "en"]) == 0
    )
    assert "Due on 2024-11-27" in capsys.readouterr().out


def test_deadline_outside_the_data_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "2031-01-05"]) == 2
    assert "no official working-day data for 2031" in capsys.readouterr().err


def test_deadline_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["deadline", "2024-13-01"])
    assert info.value.code == 2
    assert "expected a date as YYYY-MM-DD" in capsys.readouterr().err


def test_render_to_stdout_and_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "huaian-city-2024", "--format", "markdown"]) == 0
    assert "三、收到和处理政府信息公开申请情况" in capsys.readouterr().out
    target = tmp_path / "huaian.html"
    assert main(["render", "huaian-city-2024", "--format", "html", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_render_english_labels(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "shanghai-gov-office-2019", "--lang", "en", "--locale", "en"]) == 0
    assert "natural person" in capsys.readouterr().out


def test_check_clean_and_failing_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "huaian-city-2024"]) == 0
    assert "huaian-city-2024: 未发现问题" in capsys.readouterr().out
    assert main(["check", "huaian-city-2024", "--lang", "en"]) == 0
    assert "huaian-city-2024: no findings" in capsys.readouterr().out
    report = examples.load("huaian-city-2024")
    assert isinstance(report, AnnualReport2021)
    assert report.reviews is not None
    broken = with_reconsideration(report, total=0)
    path = tmp_path / "broken.json"
    path.write_bytes(to_json(broken))
    assert main(["check", str(path), "--lang", "en"]) == 1
    assert "T4-TOTAL [error]" in capsys.readouterr().out


def test_check_lists_unverifiable_rules_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "shanghai-gov-office-2019", "--all"]) == 0
    assert "T3-OUTCOMES" in capsys.readouterr().out


def test_check_with_blanks_read_as_zero(capsys: pytest.CaptureFixture[str]) -> None:
    # Warnings only: the exit status stays 0.
    assert main(["check", "shanghai-gov-office-2019", "--blanks-as-zero"]) == 0
    out = capsys.readouterr().out
    assert out.count("空白单元格按0计") == 6
    assert "予以公开及部分公开" in out


def test_tabulate_requests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    request = make_request(Replied(on=date(2024, 10, 30), outcome=Outcome.GRANTED))
    path = tmp_path / "requests.json"
    path.write_bytes(b"[" + to_json(request) + b"]")
    assert main(["tabulate", str(path), "--year", "2024", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "一、本年新收政府信息公开申请数量 | 1 |" in out


def test_tabulate_reports_the_index_of_a_bad_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "requests.json"
    path.write_text('[{"schema_version": 2, "type": "request", "id": 3}]', encoding="utf-8")
    assert main(["tabulate", str(path), "--year", "2024"]) == 2
    assert "$[0].id: expected text" in capsys.readouterr().err
    path.write_text("{}", encoding="utf-8")
    assert main(["tabulate", str(path), "--year", "2024"]) == 2
    assert "expected an array of request documents" in capsys.readouterr().err
    path.write_text("[", encoding="utf-8")
    assert main(["tabulate", str(path), "--year", "2024"]) == 2
    assert "not valid JSON" in capsys.readouterr().err
