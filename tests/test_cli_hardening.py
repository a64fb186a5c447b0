"""The command line under untrusted input (issue 15): batches that go on past any failure,
outputs that never leave their folder or collide, personal data masked in every format,
formats that never contradict the output's name, and deadlines beyond the calendar data.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from common import extra
from govdisclosure import export
from govdisclosure.checks import check
from govdisclosure.cli import _reports, main
from govdisclosure.errors import ValidationError
from govdisclosure.export import read_request_log
from govdisclosure.model import (
    AnnualReport,
    Applicant,
    ApplicantKind,
    DisclosureRequest,
    Outcome,
    SubmissionMethod,
)
from govdisclosure.model.request import Replied
from govdisclosure.serialize import to_dict, to_json

CLI = "govdisclosure.cli._reports"  # where the commands look the library calls up
REPORTS = Path(__file__).parent / "data" / "reports"
GOOD = "huaian-city-2024.pypdf.txt"  # parses completely, no findings
BAD = "pingtan-zone-2013.txt"  # the one the patched library call fails on (its year, 2013)
NAME, ID_NUMBER, PHONE = "张三", "11010519491231002X", "13800000000"


@pytest.fixture
def pair(tmp_path: Path) -> list[str]:
    """Two report files: GOOD, then BAD."""
    for name in (GOOD, BAD):
        shutil.copyfile(REPORTS / name, tmp_path / name)
    return [str(tmp_path / GOOD), str(tmp_path / BAD)]


def _failing_on_2013(real: Any, error: Exception) -> Any:
    def patched(report: AnnualReport, *args: Any, **kwargs: Any) -> Any:
        if report.year == 2013:
            raise error
        return real(report, *args, **kwargs)

    return patched


def _fail_on_2013(monkeypatch: pytest.MonkeyPatch, name: str, real: Any, error: Exception) -> None:
    """The library call ``name`` (``real``) of the commands raises ``error`` on the 2013 report."""
    monkeypatch.setattr(f"{CLI}.{name}", _failing_on_2013(real, error))


def _failing_on_2013_list(real: Any, error: Exception) -> Any:
    def patched(reports: list[AnnualReport], *args: Any, **kwargs: Any) -> Any:
        if any(r.year == 2013 for r in reports):
            raise error
        return real(reports, *args, **kwargs)

    return patched


# --- a file that fails after it was read costs that file, not the batch ------------------------


def test_parse_goes_on_past_a_crash_in_one_file(
    pair: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _fail_on_2013(monkeypatch, "to_json", to_json, TypeError("Integer exceeds 64-bit range"))
    out = tmp_path / "out"
    assert main(["parse", *pair, "-o", str(out), "--lang", "en"]) == 3
    assert sorted(p.name for p in out.iterdir()) == ["huaian-city-2024.pypdf.json"]
    captured = capsys.readouterr()
    assert f"{GOOD}: complete" in captured.out
    assert f"{pair[1]}: TypeError: Integer exceeds 64-bit range (this is a bug" in captured.err
    assert "2 files: 1 ok, 0 with findings, 1 failed" in captured.err
    assert "an unexpected error happened on 1 file: this is a bug" in captured.err
    assert "run again with --debug" in captured.err and "Traceback" not in captured.err


def test_debug_stops_at_the_bug_with_its_traceback(
    pair: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("GOVDISCLOSURE_DEBUG", raising=False)
    _fail_on_2013(monkeypatch, "to_json", to_json, TypeError("Integer exceeds 64-bit range"))
    for argv in (
        ["parse", *pair, "-o", str(tmp_path / "a"), "--debug"],
        ["--debug", "parse", *pair, "-o", str(tmp_path / "b")],
    ):
        assert main(argv) == 3
        err = capsys.readouterr().err
        assert "Traceback" in err and "TypeError: Integer exceeds 64-bit range" in err


def test_the_internal_error_message_says_how_to_see_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GOVDISCLOSURE_DEBUG", raising=False)

    def broken(args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(_reports, "_show", broken)
    assert main(["show", "huaian-city-2024"]) == 3
    err = capsys.readouterr().err
    assert "run again with --debug" in err and "这是程序缺陷" in err and "Traceback" not in err


def test_a_library_error_in_one_file_is_an_input_error(
    pair: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from govdisclosure.errors import ErrorDetail

    error = ValidationError([ErrorDetail("$.year", "bad year", "年份错误")])
    _fail_on_2013(monkeypatch, "to_json", to_json, error)
    assert main(["parse", *pair, "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"{pair[1]}: ValidationError:" in err and "bug" not in err


def test_check_goes_on_past_a_crash_in_one_file(
    pair: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fail_on_2013(monkeypatch, "check", check, KeyError("x"))
    assert main(["check", *pair, "--lang", "en"]) == 3
    captured = capsys.readouterr()
    assert f"{pair[0]}: no findings" in captured.out
    assert f"{pair[1]}: KeyError:" in captured.err
    assert "this is a bug" in captured.err


@pytest.mark.parametrize(
    "suffix", [".json", pytest.param(".parquet", marks=extra("arrow")), ".csv"]
)
def test_export_goes_on_past_a_report_it_cannot_write(
    suffix: str,
    pair: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    crash = OverflowError("Python int too large to convert to C long")
    _fail_on_2013(monkeypatch, "to_dict", to_dict, crash)
    monkeypatch.setattr(export, "to_arrow", _failing_on_2013_list(export.to_arrow, crash))
    target = tmp_path / f"cells{suffix}"
    expected = 3 if suffix != ".csv" else 0  # CSV takes any integer: nothing to fail
    assert main(["export", *pair, "-o", str(target), "--lang", "en"]) == expected
    err = capsys.readouterr().err
    if suffix == ".json":
        assert [d["year"] for d in orjson.loads(target.read_bytes())] == [2024]
    elif suffix == ".parquet":
        import pandas as pd

        assert set(pd.read_parquet(target)["year"]) == {2024}
    if expected:
        assert f"{pair[1]}: OverflowError:" in err and "1 failed" in err


@extra("pdf", "arrow")
def test_a_figure_beyond_64_bits_costs_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reported case itself: a 25-digit cell crashed every batch it was in."""
    page = (REPORTS / "shanghai-gov-office-2019.html").read_text(encoding="utf-8")
    big = tmp_path / "big.html"
    big.write_text(page.replace("<td>524</td>", f"<td>{10**24 + 7}</td>", 1), encoding="utf-8")
    shutil.copyfile(REPORTS / GOOD, tmp_path / GOOD)
    sources = [str(big), str(tmp_path / GOOD)]
    out = tmp_path / "out"
    main(["parse", *sources, "-o", str(out)])
    assert (out / "huaian-city-2024.pypdf.json").exists()
    for name in ("cells.json", "cells.parquet"):
        main(["export", *sources, "-o", str(tmp_path / name)])
        assert (tmp_path / name).exists()
    capsys.readouterr()


# --- output names ---------------------------------------------------------------------------------


def test_parse_outputs_stay_in_the_output_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Absolute sources of one name in two folders once wrote to the file system's root."""
    sources = []
    for folder in ("a", "b", "c"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        name = "Report.txt" if folder == "c" else "report.txt"
        shutil.copyfile(REPORTS / GOOD, tmp_path / "in" / folder / name)
        sources.append(str((tmp_path / "in" / folder / name).resolve()))
    out = tmp_path / "out"
    assert main(["parse", *sources, "-o", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["a_report.txt.json", "b_report.txt.json", "c_Report.txt.json"]
    assert not any(Path(os.sep).glob("*_report.txt.json"))
    shutil.rmtree(out)
    assert main(["parse", *reversed(sources), "-o", str(out)]) == 0  # the order does not matter
    assert sorted(p.name for p in out.iterdir()) == names
    capsys.readouterr()


def test_output_names_fall_back_to_a_digest() -> None:
    sources = ["x/a_b/report.txt", "x/a/b/report.txt"]  # both a_b_report.txt from x/
    names = _reports._output_names(sources, ".json")
    assert len(set(names.values())) == 2
    assert all(n.startswith("report-") and n.endswith(".json") for n in names.values())
    assert _reports._output_names(sources[::-1], ".json") == names


def test_an_output_that_is_the_input_under_another_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "log.csv"
    assert main(["export", "--template", "-o", str(log)]) == 0
    link = tmp_path / "link.csv"
    os.link(log, link)
    before = log.read_bytes()
    assert main(["export", "--requests", str(log), "-o", str(link)]) == 2
    assert "would be overwritten" in capsys.readouterr().err
    assert log.read_bytes() == before


# --- personal data --------------------------------------------------------------------------------


def _personal(tmp_path: Path) -> Path:
    request = DisclosureRequest(
        id="2024-001",
        applicant=Applicant(
            ApplicantKind.NATURAL_PERSON, name=NAME, id_number=ID_NUMBER, contact=PHONE
        ),
        received_on=date(2024, 9, 27),
        method=SubmissionMethod.ONLINE,
        description="2024年度部门预算",
        events=(Replied(on=date(2024, 10, 30), outcome=Outcome.GRANTED),),
    )
    path = tmp_path / "requests.json"
    path.write_bytes(orjson.dumps([to_dict(request)]))
    return path


def _clear(text: str) -> set[str]:
    return {value for value in (NAME, ID_NUMBER, PHONE) if value in text}


@extra("xlsx")
def test_request_exports_mask_personal_data_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _personal(tmp_path)
    assert main(["export", "--requests", str(source), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert _clear(out) == set()
    applicant = orjson.loads(out)[0]["applicant"]
    assert applicant["id_number"] == "110105***********X" and applicant["name"] == "***"
    assert main(["export", "--requests", str(source)]) == 0  # CSV to standard output
    assert _clear(capsys.readouterr().out) == set()
    for name in ("log.csv", "log.xlsx", "log.json"):
        target = tmp_path / name
        assert main(["export", "--requests", str(source), "-o", str(target)]) == 0
        if name == "log.json":
            assert _clear(target.read_text(encoding="utf-8")) == set()
        else:
            assert read_request_log(target)[0].applicant.name is None


@extra("xlsx")
def test_include_personal_is_honoured_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _personal(tmp_path)
    assert (
        main(["export", "--requests", str(source), "--format", "json", "--include-personal"]) == 0
    )
    assert _clear(capsys.readouterr().out) == {NAME, ID_NUMBER, PHONE}
    assert main(["export", "--requests", str(source), "--include-personal"]) == 0
    assert _clear(capsys.readouterr().out) == {NAME, ID_NUMBER, PHONE}
    for name in ("log.csv", "log.xlsx"):
        target = tmp_path / name
        assert (
            main(["export", "--requests", str(source), "-o", str(target), "--include-personal"])
            == 0
        )
        applicant = read_request_log(target)[0].applicant
        assert (applicant.name, applicant.id_number, applicant.contact) == (NAME, ID_NUMBER, PHONE)


# --- formats and output names ---------------------------------------------------------------------


def test_tabulate_and_deadline_take_the_format_from_the_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    requests = _personal(tmp_path)
    page = tmp_path / "tables.html"
    assert main(["tabulate", str(requests), "--year", "2024", "-o", str(page)]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (
        main(
            [
                "tabulate",
                str(requests),
                "--year",
                "2024",
                "--format",
                "json",
                "-o",
                str(tmp_path / "t.md"),
            ]
        )
        == 2
    )
    assert "contradicts the output" in capsys.readouterr().err
    due = tmp_path / "due.json"
    assert main(["deadline", "2024-09-27", "-o", str(due)]) == 0
    assert orjson.loads(due.read_bytes())["due"] == "2024-10-30"
    assert main(["tabulate", str(requests), "--year", "2024", "-o", str(requests)]) == 2
    assert "would be overwritten" in capsys.readouterr().err


def test_an_output_named_for_a_form_the_command_does_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "huaian.html"
    assert main(["show", "huaian-city-2024", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not write html" in err and "不能输出html" in err
    assert not target.exists()
    assert main(["show", "huaian-city-2024", "--format", "text", "-o", str(target)]) == 0
    assert main(["export", "huaian-city-2024", "-o", str(tmp_path / "cells.txt")]) == 2
    capsys.readouterr()


# --- deadlines beyond the official calendar data --------------------------------------------------


def test_deadline_beyond_the_data_suggests_estimate(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "2026-12-04"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "add --estimate" in err and "请加 --estimate" in err
    assert "calendar=" not in err  # the command line's terms, not the library's


def test_deadline_estimate(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "2026-12-04", "--estimate", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Due on 2027-01-04: 20 working days (estimated" in out
    assert main(["deadline", "2026-12-04", "--estimate"]) == 0
    assert "估算" in capsys.readouterr().out
    assert main(["deadline", "2026-12-04", "--estimate", "--format", "json"]) == 0
    document = orjson.loads(capsys.readouterr().out)
    assert document["estimated"] is True and document["due"] == "2027-01-04"
    assert main(["deadline", "2024-09-27", "--estimate", "--format", "json"]) == 0
    document = orjson.loads(capsys.readouterr().out)
    assert document["estimated"] is False and document["due"] == "2024-10-30"
    assert main(["deadline", "2100-12-20", "--estimate"]) == 2
    err = capsys.readouterr().err
    assert "beyond the years the estimate covers" in err and "add --estimate" not in err


def test_deadline_before_the_data_has_no_estimate_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from govdisclosure import rules
    from govdisclosure.errors import CalendarDataUnavailable

    def before(*args: object, **kwargs: object) -> object:
        raise CalendarDataUnavailable(date(2003, 6, 1), 2004, 2026)

    monkeypatch.setattr(rules, "explain_deadline", before)
    assert main(["deadline", "2008-06-01"]) == 2
    err = capsys.readouterr().err
    assert "no official working-day data for 2003" in err and "--estimate" not in err


def test_json_request_export_round_trips_when_masked(tmp_path: Path) -> None:
    """A masked JSON export is still a valid request document."""
    from govdisclosure.serialize import from_json

    source = _personal(tmp_path)
    target = tmp_path / "masked.json"
    assert main(["export", "--requests", str(source), "-o", str(target)]) == 0
    back = [
        from_json(orjson.dumps(item), DisclosureRequest)
        for item in orjson.loads(target.read_bytes())
    ]
    assert back[0].applicant.contact == "***" and to_json(back[0])


def test_check_outputs_compares_files_and_names(tmp_path: Path) -> None:
    from govdisclosure.cli import _io

    assert not _io._same_file(tmp_path / "none.csv", tmp_path / "other.csv")
    with pytest.raises(_io.UsageError, match="two inputs would write"):
        _io.check_outputs(["in.txt"], [str(tmp_path / "o.json"), str(tmp_path / "." / "o.json")])


def test_debug_shows_the_traceback_of_a_bug_in_reading_a_file(
    pair: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from govdisclosure.parse import parse_report

    monkeypatch.delenv("GOVDISCLOSURE_DEBUG", raising=False)

    def crash(data: bytes, *args: Any, **kwargs: Any) -> Any:
        if b"2013" in data[:2000]:
            raise ZeroDivisionError("in the parser")
        return parse_report(data, *args, **kwargs)

    monkeypatch.setattr("govdisclosure.corpus._sources.parse_report", crash)
    monkeypatch.setattr("govdisclosure.cli._sources.parse_source", lambda s, d: crash(d))
    assert main(["check", *pair, "--lang", "en"]) == 3
    err = capsys.readouterr().err
    assert f"{pair[1]}: ZeroDivisionError: in the parser (this is a bug" in err
    assert "Traceback" not in err
    assert main(["check", *pair, "--debug"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError: in the parser" in err


def test_a_bug_in_reading_standard_input_costs_only_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    def crash(source: str, data: bytes | None = None) -> Any:
        raise ZeroDivisionError("in the parser")

    monkeypatch.setattr("govdisclosure.cli._sources.parse_source", crash)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"some text")))
    assert main(["check", "-", "huaian-city-2024", "--lang", "en"]) == 3
    captured = capsys.readouterr()
    assert "huaian-city-2024: no findings" in captured.out
    assert "-: ZeroDivisionError: in the parser (this is a bug" in captured.err


def test_python_m_runs_the_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import runpy
    import sys

    monkeypatch.setattr(sys, "argv", ["govdisclosure", "deadline", "2024-09-27", "--lang", "en"])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("govdisclosure.cli", run_name="__main__")
    assert info.value.code == 0
    assert "Due on 2024-10-30" in capsys.readouterr().out


def test_reproduce_reads_a_file_again(tmp_path: Path) -> None:
    from govdisclosure import examples
    from govdisclosure.cli._sources import reproduce

    document = tmp_path / "huaian.json"
    document.write_bytes(to_json(examples.load("huaian-city-2024")))
    reproduce(str(document))  # reads without error: nothing to show
    reproduce("-")  # standard input cannot be read twice
    reproduce(str(tmp_path / "gone.txt"))
    (tmp_path / "bad.json").write_bytes(b'{"year": "x"}')
    with pytest.raises(ValidationError):
        reproduce(str(tmp_path / "bad.json"))


def test_a_folder_without_reports_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "reports"
    empty.mkdir()
    (empty / "notes.xlsx").write_bytes(b"not a report")
    assert main(["check", str(empty)]) == 2
    err = capsys.readouterr().err
    assert f"the folder {str(empty)!r} holds no report files" in err and "没有报告文件" in err
    assert main(["check", str(empty), "huaian-city-2024", "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert "huaian-city-2024: no findings" in captured.out and "1 failed" in captured.err


@pytest.mark.parametrize("command", ["check", "export"])
def test_an_input_found_in_a_folder_or_glob_is_never_overwritten(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from govdisclosure import examples

    folder = tmp_path / "reports"
    folder.mkdir()
    document = folder / "huaian.json"
    document.write_bytes(to_json(examples.load("huaian-city-2024")))
    before = document.read_bytes()
    for source in (str(folder), str(folder / "*.json")):
        assert main([command, source, "--format", "json", "-o", str(document)]) == 2
        assert "would be overwritten" in capsys.readouterr().err
        assert document.read_bytes() == before


def test_parse_one_input_into_a_named_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(REPORTS / GOOD)
    document = tmp_path / "huaian.json"
    assert main(["parse", source, "-o", str(document)]) == 0
    assert document.is_file() and orjson.loads(document.read_bytes())["year"] == 2024
    outline = tmp_path / "huaian.txt"
    assert main(["parse", source, "-o", str(outline)]) == 0
    assert "三、收到和处理政府信息公开申请情况" in outline.read_text(encoding="utf-8")
    assert main(["parse", source, "--format", "text", "-o", str(document)]) == 2
    assert "contradicts the output" in capsys.readouterr().err
    folder = tmp_path / "parsed.json"  # an existing folder stays a folder, whatever its name
    folder.mkdir()
    assert main(["parse", source, "-o", str(folder)]) == 0
    assert [p.name for p in folder.iterdir()] == ["huaian-city-2024.pypdf.json"]
    capsys.readouterr()


def test_schema_refuses_an_output_named_for_another_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "-o", str(tmp_path / "schema.html")]) == 2
    assert "does not write html" in capsys.readouterr().err
    assert main(["schema", "-o", str(tmp_path / "schema.json")]) == 0


def test_check_json_fails_only_the_file_json_cannot_hold(
    pair: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import attrs

    def huge(report: AnnualReport, **kwargs: Any) -> Any:
        findings = check(report, **kwargs)
        if report.year == 2013 and findings:
            return tuple(attrs.evolve(f, expected=2**70) for f in findings)
        return findings

    monkeypatch.setattr(f"{CLI}.check", huge)
    assert main(["check", *pair, "--lang", "en"]) in (0, 1)  # text holds any number
    assert "2 failed" not in capsys.readouterr().err
    status = main(["check", *pair, "--format", "json", "--lang", "en"])
    captured = capsys.readouterr()
    assert status == 3 and f"{pair[1]}: TypeError" in captured.err
    assert orjson.loads(captured.out) == []  # huaian has no findings; pingtan 2013 failed
