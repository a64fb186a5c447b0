"""The command line in a batch: jobs, counts, exit statuses, collisions, formats, languages."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import attrs
import orjson
import pytest

import govdisclosure
from govdisclosure import examples
from govdisclosure.cli import _reports, build_parser, main
from govdisclosure.model import AnnualReport2021, ApplicationRow
from govdisclosure.serialize import from_json, to_json

REPORTS = Path(__file__).parent / "data" / "reports"
TEXTS = ("huaian-city-2024.pdfminer.txt", "huaian-city-2024.pypdf.txt", "pingtan-zone-2022.txt")


@pytest.fixture
def texts(tmp_path: Path) -> Path:
    """A folder of three text reports (two of them one report) and a file that is none."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in TEXTS:
        shutil.copyfile(REPORTS / name, folder / name)
    (folder / "m-noise.txt").write_bytes(b"\x00\x01 not a report")
    return folder


@pytest.fixture
def hongze_break(tmp_path: Path) -> Path:
    """Hongze 2024 as JSON, with 5 added to its 上年结转 (carried over from 2023)."""
    from govdisclosure.parse import parse_report

    report = parse_report(REPORTS / "hongze-district-2024.pdf").report
    assert isinstance(report, AnnualReport2021) and report.applications is not None
    rows = tuple(
        attrs.evolve(r, total=(r.total or 0) + 5) if r.row is ApplicationRow.CARRIED_OVER else r
        for r in report.applications.rows
    )
    path = tmp_path / "hongze-2024-broken.json"
    path.write_bytes(
        to_json(attrs.evolve(report, applications=attrs.evolve(report.applications, rows=rows)))
    )
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"govdisclosure {govdisclosure.__version__}\n"


def test_every_command_takes_lang() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if hasattr(a, "choices") and a.choices)
    assert isinstance(commands.choices, dict)
    for name, sub in commands.choices.items():
        assert "--lang" in sub._option_string_actions, name


def test_a_mistyped_option_shows_the_commands_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "huaian-city-2024", "--balnks-as-zero"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: govdisclosure check")
    assert "unrecognized arguments: --balnks-as-zero / 参数错误" in err


def test_an_unknown_locale_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "huaian-city-2024", "--locale", "xx_YY"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown locale 'xx_YY'" in err and "未知的区域设置" in err


def _show_raises(monkeypatch: pytest.MonkeyPatch, exc: Exception) -> None:
    """``show`` raises a fresh ``exc`` (same class and arguments) at every call."""

    def raising(args: object) -> int:
        raise type(exc)(*exc.args)

    monkeypatch.setattr(_reports, "_show", raising)


def test_an_unexpected_exception_is_a_bug_with_its_own_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _show_raises(monkeypatch, RuntimeError("boom"))
    assert main(["show", "huaian-city-2024"]) == 3
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err and "this is a bug" in err
    assert "Traceback" not in err
    monkeypatch.setenv("GOVDISCLOSURE_DEBUG", "1")
    assert main(["show", "huaian-city-2024"]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_install_hints_say_what_works_from_a_checkout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _show_raises(
        monkeypatch,
        ImportError("reading PDFs needs pdfplumber: pip install 'govdisclosure[pdf]'"),
    )
    assert main(["show", "huaian-city-2024"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'govdisclosure[pdf]'" in err and "pip install '.[pdf]'" in err


def test_a_missing_file_is_named_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "no/such.pdf"]) == 2
    err = capsys.readouterr().err
    assert "no/such.pdf" in err and "matches no file" in err and "找不到文件" in err
    assert main(["show", "no/such.pdf"]) == 2
    assert "不是文件" in capsys.readouterr().err


def test_check_goes_on_past_a_bad_file_and_counts(
    texts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(texts), "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert f"{texts / 'm-noise.txt'}: ParseError" in captured.err
    assert "huaian-city-2024.pypdf.txt: no findings" in captured.out
    assert "pingtan-zone-2022.txt: NARRATIVE-RECEIVED-WHOLE [information]" in captured.out
    assert captured.err.endswith("4 files: 3 ok, 0 with findings, 1 failed\n")
    assert main(["check", str(texts / "m-noise.txt"), str(texts / TEXTS[0])]) == 2
    assert capsys.readouterr().err.endswith("共2个文件：1个正常，0个有问题，1个失败\n")


def test_jobs_give_the_same_output(texts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(texts), "--format", "json"]) == 2
    one = capsys.readouterr().out
    assert main(["check", str(texts), "--format", "json", "--jobs", "2"]) == 2
    assert capsys.readouterr().out == one
    assert main(["check", str(texts), "--jobs", "0"]) == 2
    assert "--jobs must be at least 1" in capsys.readouterr().err


def test_a_carry_over_break_is_found_across_files(
    hongze_break: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = [str(REPORTS / "hongze-district-2023.pdf"), str(hongze_break)]
    assert main(["check", *sources, "--lang", "en"]) == 1  # 2023's table 4 has errors too
    out = capsys.readouterr().out
    assert f"{hongze_break}: SERIES-CARRY [warning]" in out
    assert main(["check", str(REPORTS / "hongze-district-2024.pdf"), *sources[:1]]) == 1
    assert "SERIES-CARRY" not in capsys.readouterr().out


def test_strict_makes_warnings_findings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "shanghai-gov-office-2019"]) == 0
    assert main(["check", "shanghai-gov-office-2019", "--strict"]) == 1
    assert "NARRATIVE-SUM" in capsys.readouterr().out


def test_series_notes_are_printed(capsys: pytest.CaptureFixture[str]) -> None:
    sources = [str(REPORTS / "pingtan-zone-2013.txt"), str(REPORTS / "pingtan-zone-2022.txt")]
    assert main(["check", *sources, "--lang", "en", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert "missing-year: no report for 2014-2021" in out and "format-changed" in out


def test_check_text_to_a_file(texts: Path, tmp_path: Path) -> None:
    target = tmp_path / "findings.txt"
    assert main(["check", str(texts / TEXTS[2]), str(texts / TEXTS[0]), "-o", str(target)]) == 0
    assert "NARRATIVE-RECEIVED-WHOLE" in target.read_text(encoding="utf-8")


def test_parse_outputs_never_collide_or_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copyfile(REPORTS / TEXTS[2], tmp_path / "a" / "report.html")
    shutil.copyfile(REPORTS / TEXTS[2], tmp_path / "b" / "report.txt")
    out = tmp_path / "out"
    sources = [str(tmp_path / "a" / "report.html"), str(tmp_path / "b" / "report.txt")]
    assert main(["parse", *sources, "-o", str(out)]) == 1  # pingtan 2022 is incomplete
    assert sorted(p.name for p in out.iterdir()) == ["report.html.json", "report.txt.json"]
    capsys.readouterr()
    document = tmp_path / "doc.json"
    document.write_bytes(to_json(examples.load("huaian-city-2024")))
    before = document.read_bytes()
    assert main(["parse", str(document), "-o", str(tmp_path)]) == 2
    assert "would be overwritten" in capsys.readouterr().err
    assert document.read_bytes() == before
    afile = tmp_path / "a" / "report.html"
    assert main(["parse", *sources, "-o", str(afile)]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_parse_with_jobs_text_format_and_english(
    texts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "outlines"
    assert (
        main(["parse", str(texts), "-o", str(out), "--format", "text", "-j", "2", "--lang", "en"])
        == 2
    )
    captured = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == sorted(TEXTS)
    assert "huaian-city-2024.pypdf.txt: complete: 淮安市人民政府 2024 format 2021" in captured.out
    assert "pingtan-zone-2022.txt: incomplete:" in captured.out
    assert "4 files: 2 ok, 1 with findings, 1 failed" in captured.err
    assert "三、收到和处理政府信息公开申请情况" in (out / TEXTS[0]).read_text(encoding="utf-8")


def test_parse_says_complete_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(REPORTS / TEXTS[0])]) == 0
    captured = capsys.readouterr()
    assert from_json(captured.out, AnnualReport2021).year == 2024
    assert "完整: 淮安市人民政府 2024年 2021年格式（text）：表二、三、四齐全" in captured.err


def test_format_from_the_suffix_and_conflicts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "huaian.json"
    assert main(["show", "huaian-city-2024", "-o", str(target)]) == 0
    assert orjson.loads(target.read_bytes())["year"] == 2024
    page = tmp_path / "huaian.html"
    assert main(["render", "huaian-city-2024", "-o", str(page)]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (
        main(["export", "huaian-city-2024", "-o", str(tmp_path / "c.xlsx"), "--format", "csv"]) == 2
    )
    assert "contradicts the output" in capsys.readouterr().err
    assert not (tmp_path / "c.xlsx").exists()


def test_export_xlsx_is_a_workbook(tmp_path: Path) -> None:
    import openpyxl

    target = tmp_path / "cells.xlsx"
    assert main(["export", "huaian-city-2024", "-o", str(target)]) == 0
    assert zipfile.is_zipfile(target)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("agency", "level", "region") and len(rows) == 201
    fee = next(r for r in rows if r[6] == "fee_amount")
    assert fee[12] == "96171.6"  # exact, as text
    assert main(["export", "huaian-city-2024", "--format", "xlsx"]) == 2


def test_export_keeps_a_report_read_twice_once(
    texts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cells.csv"
    assert main(["export", str(texts), "-o", str(target), "--lang", "en"]) == 2
    lines = target.read_text(encoding="utf-8").splitlines()
    agencies = {line.split(",")[0] for line in lines[1:]}
    assert agencies == {"淮安市人民政府", "平潭综合实验区"}
    assert len([x for x in lines if x.startswith("淮安市人民政府")]) == 200
    err = capsys.readouterr().err
    assert "huaian-city-2024.pypdf.txt: the same report as" in err


def test_export_parquet_carries_the_source(texts: Path, tmp_path: Path) -> None:
    import pandas as pd

    target = tmp_path / "cells.parquet"
    assert main(["export", str(texts / TEXTS[0]), str(texts / TEXTS[2]), "-o", str(target)]) == 0
    frame = pd.read_parquet(target)
    assert set(frame["source"]) == {str(texts / TEXTS[0]), str(texts / TEXTS[2])}
    assert str(frame["value"].dtype) == "Int64"


def test_export_dataset_with_jobs(
    texts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pyarrow.dataset as ds

    root = tmp_path / "cells"
    assert main(["export", str(texts), "--format", "dataset", "-o", str(root), "-j", "2"]) == 2
    assert sorted(p.name for p in root.iterdir()) == ["year=2022", "year=2024"]
    assert ds.dataset(root, partitioning="hive").to_table().num_rows == 200 + 200
    assert "cells in 2 years" in capsys.readouterr().err
    assert main(["export", str(texts), "--format", "dataset", "-o", str(root)]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert main(["export", str(texts), "--format", "parquet"]) == 2


def test_export_requests_never_overwrites_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "log.csv"
    assert main(["export", "--template", "-o", str(log)]) == 0
    before = log.read_bytes()
    assert main(["export", "--requests", str(log), "-o", str(log)]) == 2
    assert "would be overwritten" in capsys.readouterr().err
    assert log.read_bytes() == before
    assert main(["export", "--requests", str(log), "-o", str(tmp_path / "x.parquet")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "written as .csv, .xlsx or .json" in err
    assert main(["export", "--requests", str(log), "--format", "parquet"]) == 2
    assert main(["export", "--template", "-o", str(tmp_path / "t.json")]) == 2
    assert main(["export"]) == 2


def test_stdin_is_a_source_of_a_batch(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    data = (REPORTS / TEXTS[0]).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["check", "-", "huaian-city-2024", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "-: no findings" in out and "huaian-city-2024: no findings" in out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00 nothing")))
    assert main(["check", "-"]) == 2
    assert "-: ParseError" in capsys.readouterr().err


def test_an_unwritable_output_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "folder" / "x.txt"
    assert main(["show", "huaian-city-2024", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No such file or directory" in err and "无法读写文件" in err


def test_an_interrupt_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(_reports, "_show", interrupted)
    assert main(["show", "huaian-city-2024"]) == 130


def test_pdfs_without_text_or_without_a_header_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    figure = plt.figure(figsize=(2, 2))
    figure.figimage(np.random.default_rng(1).random((40, 40)))
    scanned = tmp_path / "scanned.pdf"
    figure.savefig(scanned)
    plt.close(figure)
    noise = tmp_path / "noise.pdf"
    noise.write_bytes(b"\x00\x01 random bytes")
    assert main(["parse", str(scanned), str(noise), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"{scanned}: ParseError: the PDF has no text layer" in err and "OCR" in err
    assert f"{noise}: ParseError: not a PDF" in err and "不是PDF文件" in err


def test_export_xlsx_never_writes_a_formula(tmp_path: Path) -> None:
    import openpyxl

    report = examples.load("huaian-city-2024")
    hostile = attrs.evolve(report, agency=attrs.evolve(report.agency, name='=HYPERLINK("x")'))
    source = tmp_path / "hostile.json"
    source.write_bytes(to_json(hostile))
    target = tmp_path / "cells.xlsx"
    assert main(["export", str(source), "-o", str(target)]) == 0
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    cell = sheet.cell(row=2, column=1)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")


def test_checking_outputs_is_linear_in_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One ``stat`` per name, not one per (output, input) pair: 10,000 files check at once."""
    from govdisclosure.cli import _io

    inputs = []
    for i in range(200):
        path = tmp_path / f"r{i}.txt"
        path.write_bytes(b"x")
        inputs.append(str(path))
    outputs = [str(tmp_path / "out" / f"r{i}.json") for i in range(200)]
    (tmp_path / "out").mkdir()
    for output in outputs[:100]:  # half the outputs exist already (a second run)
        Path(output).write_bytes(b"{}")
    looked: list[Path] = []
    real = _io._file_key

    def counting(path: Path) -> tuple[int, int] | None:
        looked.append(path)
        return real(path)

    monkeypatch.setattr(_io, "_file_key", counting)
    _io.check_outputs(inputs, outputs)
    assert len(looked) == len(inputs) + len(outputs)
    link = tmp_path / "out" / "r7.json"
    link.unlink()
    link.hardlink_to(inputs[3])  # an existing output that is an input under another name
    with pytest.raises(_io.UsageError, match="is an input"):
        _io.check_outputs(inputs, outputs)


def test_parse_jobs_write_the_same_documents(
    texts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --jobs 2 the workers write the documents: the same files, bytes and lines."""
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["parse", str(texts), "-o", str(one), "--lang", "en"]) == 2
    first = capsys.readouterr()
    assert main(["parse", str(texts), "-o", str(two), "--lang", "en", "-j", "2"]) == 2
    second = capsys.readouterr()
    assert (second.out, second.err) == (first.out, first.err)
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir()) and len(names) == 3
    for name in names:
        assert (two / name).read_bytes() == (one / name).read_bytes()
    assert _reports._destination is None  # nothing of the batch stays behind in this process


def test_a_parse_job_writes_where_its_batch_says(tmp_path: Path) -> None:
    from govdisclosure.corpus import parse_one

    source = str(REPORTS / TEXTS[0])
    outcome = parse_one(source)
    kept = _reports._parse_job("json", "en", outcome)
    assert isinstance(kept, _reports._ParseDone) and not kept.written and kept.document
    _reports._set_destination(_reports._Destination(tmp_path, {source: "huaian.json"}))
    try:
        done = _reports._parse_job("json", "en", outcome)
    finally:
        _reports._set_destination(None)
    assert isinstance(done, _reports._ParseDone)
    assert done.written and done.document == b"" and done.line == kept.line
    assert (tmp_path / "huaian.json").read_bytes() == kept.document


def test_an_output_that_cannot_be_written_stops_the_parse_as_before(
    texts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A worker that cannot write a document leaves it to the command, which says why."""
    out = tmp_path / "out"
    (out / "huaian-city-2024.pypdf.json").mkdir(parents=True)  # a folder where a file goes
    for jobs in ("1", "2"):
        assert main(["parse", str(texts), "-o", str(out), "-j", jobs]) == 2
        err = capsys.readouterr().err
        assert "huaian-city-2024.pypdf.json" in err and "无法读写文件" in err
    assert (out / "huaian-city-2024.pdfminer.json").is_file()
