"""Commands on reports: show, render, check, parse and export."""

from __future__ import annotations

import functools
import itertools
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import orjson

from govdisclosure.checks import Finding, Severity, check
from govdisclosure.cli._io import (
    BUG_REPORT,
    STDIO,
    Reporter,
    UsageError,
    batch_status,
    check_outputs,
    counted,
    output_format,
    write_bytes,
    write_json,
    write_text,
)
from govdisclosure.cli._sources import expand, gather, load_report, load_requests
from govdisclosure.serialize import to_dict, to_json

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator

    from govdisclosure.cli import Commands
    from govdisclosure.corpus import Failed, Outcome, Parsed
    from govdisclosure.parse import ParseResult

__all__ = ["add_commands"]

R = TypeVar("R")

SOURCE_HELP = (
    "bundled example name, JSON document, published report (HTML, text, PDF), folder,"
    " quoted glob, or -"
)
_TEXT_SUFFIXES = {".txt": "text", ".json": "json"}
_RENDER_SUFFIXES = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}
_EXPORT_SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".json": "json", ".xlsx": "xlsx"}
_LOG_SUFFIXES = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}
_PARSE_SUFFIXES = {".json": "json", ".txt": "text"}


def _zh(args: argparse.Namespace) -> bool:
    return bool(args.lang == "zh")


class _Tally:
    """What a batch command counts: ok, with findings, failed, internal errors."""

    def __init__(self, args: argparse.Namespace, noun: str, noun_zh: str) -> None:
        self.lang = args.lang
        self.noun, self.noun_zh = noun, noun_zh
        self.ok = self.findings = self.failed = self.internal = 0

    def fail(self, outcome: Failed, reporter: Reporter) -> None:
        self.failed += 1
        self.internal += outcome.internal
        reporter.line(f"{outcome.source}: {outcome.error}: {outcome.message}", err=True)

    def line(self) -> str:
        total = self.ok + self.findings + self.failed
        if self.lang == "zh":
            return (
                f"共{total}个{self.noun_zh}：{self.ok}个正常，{self.findings}个有问题，"
                f"{self.failed}个失败"
            )
        return (
            f"{counted(total, self.noun)}: {self.ok} ok, {self.findings} with findings,"
            f" {self.failed} failed"
        )

    def finish(self, reporter: Reporter) -> int:
        reporter.close()
        if self.ok + self.findings + self.failed > 1 or self.failed:
            print(self.line(), file=sys.stderr)
        if self.internal:
            print(
                f"govdisclosure: an unexpected error happened on {counted(self.internal, 'file')}:"
                f" this is a bug, please report it ({BUG_REPORT}); run again with --debug for"
                " the traceback / 发生内部错误，这是程序缺陷，请报告（加 --debug 可显示详细信息）",
                file=sys.stderr,
            )
        return batch_status(findings=self.findings, failed=self.failed, internal=self.internal)


def _debug(args: argparse.Namespace) -> bool:
    """Whether a bug should stop the batch with its traceback (``--debug``)."""
    import os

    return bool(getattr(args, "debug", False) or os.environ.get("GOVDISCLOSURE_DEBUG"))


def _failed(outcome: Outcome, exc: Exception) -> Failed:
    """A source whose per-file work raised: a bad input if a library error, else a bug."""
    from govdisclosure.corpus import Failed
    from govdisclosure.errors import GovDisclosureError

    internal = not isinstance(exc, GovDisclosureError)
    message = " ".join(str(exc).split())
    if internal:
        message += " (this is a bug in govdisclosure, please report it / 这是程序缺陷，请报告)"
    return Failed(outcome.provenance, type(exc).__name__, message, internal=internal)


def _guarded(job: Callable[[Outcome], R], debug: bool, outcome: Outcome) -> R:
    """``job(outcome)``; if it raises, ``job`` of the source's :class:`Failed` outcome instead.

    What a command does with each report (serialise, check, render) runs in the worker that
    parsed it; an exception there must cost that file, not the batch (every job maps a
    ``Failed`` outcome to its own "failed" result). ``ImportError`` (a missing extra) concerns
    every file, so it ends the command with its install hint; with ``debug`` a bug does too,
    with its traceback (a bug in reading the file is reproduced here for it).
    """
    if debug:
        from govdisclosure.cli._sources import reproduce
        from govdisclosure.corpus import Failed

        if isinstance(outcome, Failed) and outcome.internal:
            reproduce(outcome.source)
    try:
        return job(outcome)
    except ImportError:
        raise
    except Exception as exc:
        if debug:
            raise
        return job(_failed(outcome, exc))


def _show(args: argparse.Namespace) -> int:
    fmt = output_format(args.format, args.output, _TEXT_SUFFIXES, "text")
    check_outputs([args.source], [args.output] if args.output else [])
    report = load_report(args.source)
    if fmt == "json":
        write_bytes(to_json(report, indent=True) + b"\n", args.output)
    else:
        from govdisclosure.formatting.render import render

        write_text(render(report, "text", lang=args.lang), args.output)
    return 0


def _locale(name: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError, TypeError):
        raise UsageError(
            f"unknown locale {name!r} (e.g. zh_Hans_CN, en_US) / 未知的区域设置{name!r}"
        ) from None
    return name


def _render(args: argparse.Namespace) -> int:
    from govdisclosure.formatting.render import render

    fmt = output_format(args.format, args.output, _RENDER_SUFFIXES, "text")
    locale = _locale(args.locale)
    check_outputs([args.source], [args.output] if args.output else [])
    report = load_report(args.source)
    write_text(render(report, fmt, locale=locale, lang=args.lang), args.output)  # type: ignore[arg-type]
    return 0


def _finding_dict(source: str, finding: Finding) -> dict[str, Any]:
    cell = finding.cell
    return {
        "source": source,
        "rule": finding.rule,
        "severity": finding.severity.code,
        "status": finding.status.code,
        "part": finding.part.code,
        "cell": None if cell is None else cell.path,
        "row": finding.subject if cell is None else cell.row,
        "column": None if cell is None else cell.column,
        "expected": finding.expected,
        "actual": finding.actual,
        "year": finding.year,
        "blanks_as_zero": finding.blanks_as_zero,
        "message": finding.message,
        "message_zh": finding.message_zh,
    }


def _counts(finding: Finding, strict: bool) -> bool:
    """A finding that makes the exit status 1: a failed error (or warning, with --strict)."""
    serious = (Severity.ERROR, Severity.WARNING) if strict else (Severity.ERROR,)
    return finding.verifiable and finding.severity in serious


def _check(args: argparse.Namespace) -> int:
    from govdisclosure.corpus import Corpus, Parsed

    fmt = output_format(args.format, args.output, _TEXT_SUFFIXES, "text")
    sources = expand(args.sources)  # a folder's and a glob's files too: none may be an output
    check_outputs(sources.readable(), [args.output] if args.output else [])
    zh = _zh(args)
    tally = _Tally(args, "file", "文件")
    job = functools.partial(_check_job, args.all, args.blanks_as_zero, fmt == "json")
    guarded = functools.partial(_guarded, job, _debug(args))
    total, outcomes = gather(sources, args.jobs, guarded)
    reporter = Reporter(total, "checking")
    to_stdout = args.output in (None, STDIO) and fmt == "text"
    lines: list[str] = []
    records: list[dict[str, Any]] = []
    kept: list[Outcome] = []

    def emit(source: str, finding: Finding) -> None:
        records.append(_finding_dict(source, finding))
        message = finding.message_zh if zh else finding.message
        severity = finding.severity.label if zh else finding.severity.label_en
        text = f"{source}: {finding.rule} [{severity}] {message}"
        if to_stdout:
            reporter.line(text)
        else:
            lines.append(text)

    for outcome, findings in outcomes:
        reporter.advance()
        if not isinstance(outcome, Parsed):
            tally.fail(outcome, reporter)
            continue
        for finding in findings:
            emit(outcome.source, finding)
        if any(_counts(f, args.strict) for f in findings):
            tally.findings += 1
        else:
            tally.ok += 1
        if not findings:
            text = f"{outcome.source}: {'未发现问题' if zh else 'no findings'}"
            if to_stdout:
                reporter.line(text)
            else:
                lines.append(text)
        kept.append(outcome)
    corpus = Corpus.from_outcomes(kept)
    if len(corpus.reports) > 1:
        for item in corpus.series_findings(include_unverifiable=args.all):
            emit(item.source, item.finding)
            if _counts(item.finding, args.strict):
                tally.findings += 1
        for note in corpus.notes():
            text = f"{note.source}: {note.kind}: " + (note.message_zh if zh else note.message)
            if to_stdout:
                reporter.line(text)
            else:
                lines.append(text)
    if fmt == "json":
        write_bytes(
            orjson.dumps(records, option=orjson.OPT_INDENT_2, default=str) + b"\n", args.output
        )
    elif not to_stdout:
        write_text("\n".join(lines), args.output)
    return tally.finish(reporter)


def _check_job(
    include_unverifiable: bool, blanks_as_zero: bool, as_json: bool, outcome: Outcome
) -> tuple[Outcome, tuple[Finding, ...]]:
    """A source's findings, computed in the worker that parsed it.

    The outcome sent back keeps only the report (the series rules need it): the parse
    diagnostics, the bulk of a parse result, stay in the worker.
    """
    from govdisclosure.corpus import Parsed
    from govdisclosure.parse import ParseResult

    if not isinstance(outcome, Parsed):
        return outcome, ()
    report = outcome.result.report
    findings = check(
        report, include_unverifiable=include_unverifiable, blanks_as_zero=blanks_as_zero
    )
    if as_json:  # a finding JSON cannot hold (beyond 64 bits) fails this file, not the output
        orjson.dumps([_finding_dict(outcome.source, f) for f in findings], default=str)
    return Parsed(outcome.provenance, ParseResult(report)), findings


def _export_job(fmt: str, outcome: Outcome) -> Outcome:
    """The outcome with only the report of its parse result, checked to export as ``fmt``.

    The report is converted alone, in the worker that parsed it, so that a report that cannot
    be written (a figure beyond 64 bits, say) fails its own file instead of the whole output.
    """
    from govdisclosure.corpus import Parsed
    from govdisclosure.parse import ParseResult

    if not isinstance(outcome, Parsed):
        return outcome
    report = outcome.result.report
    if fmt == "json":
        orjson.dumps(to_dict(report))
    elif fmt in ("parquet", "dataset"):
        from govdisclosure.export import to_arrow

        to_arrow([report])
    return Parsed(outcome.provenance, ParseResult(report))


def _summary(result: ParseResult, lang: str) -> str:
    """The parse's one-line summary, in English or Chinese."""
    if lang == "en":
        return result.summary()
    report = result.report
    found = [
        name
        for name, attribute in (("二", "proactive"), ("三", "applications"), ("四", "reviews"))
        if getattr(report, attribute, None) is not None
    ]
    if not report.format_version.has_tables:
        tables = f"统计表{len(getattr(report, 'statistics', ()))}行"
    elif len(found) == 3:
        tables = "表二、三、四齐全"
    elif found:
        tables = f"有表{'、'.join(found)}（其余缺失）"
    else:
        tables = "表二、三、四均缺失"
    from govdisclosure.parse import DiagnosticKind

    cells = len(result.of_kind(DiagnosticKind.CELL_SOURCE))
    return (
        f"{report.agency.name} {report.year}年 {report.format_version.code}年格式"
        f"（{result.source_format}）：{tables}；{cells}个单元格；{len(report.figures)}个数字；"
        f"{len(result.problems)}个问题；{len(result.findings)}条检查发现"
    )


_NAME_LEVELS = 4


def _name_candidates(source: str, suffix: str, common: str) -> tuple[str, ...]:
    """A source's output names, from the shortest to one that names it alone.

    The stem (``report``), the file name (``report.html``), the path from the sources' common
    folder with ``_`` for ``/`` (``a_report.html``), then the stem with a digest of the source's
    absolute path (``report-1a2b3c4d``). Each is a bare file name: never a folder or a path
    outside the output folder.
    """
    import hashlib
    import os

    if source == STDIO:
        return ("stdin" + suffix,) * _NAME_LEVELS
    path = Path(source)
    absolute = os.path.abspath(source)
    relative = os.path.relpath(absolute, common) if common else path.name
    joined = "_".join(part for part in Path(relative).parts if part not in ("", os.sep, ".."))
    digest = hashlib.sha256(absolute.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return (
        path.stem + suffix,
        path.name + suffix,
        (joined or path.name) + suffix,
        f"{path.stem}-{digest}{suffix}",
    )


def _output_names(sources: list[str], suffix: str) -> dict[str, str]:
    """One output file name per source, never two alike (``a/report.html``, ``b/report.txt``).

    Each source takes its stem; the sources whose names clash (ignoring case, for file systems
    that do) take their next candidate (:func:`_name_candidates`), until none clash. The names
    depend only on the sources, not on their order or the output folder.

    >>> _output_names(["a/report.html", "b/report.txt", "c.pdf"], ".json")
    {'a/report.html': 'report.html.json', 'b/report.txt': 'report.txt.json', 'c.pdf': 'c.json'}
    >>> _output_names(["a/report.html", "b/report.html"], ".json")
    {'a/report.html': 'a_report.html.json', 'b/report.html': 'b_report.html.json'}
    >>> _output_names(["/srv/a/report.html", "/srv/b/report.html"], ".json")
    {'/srv/a/report.html': 'a_report.html.json', '/srv/b/report.html': 'b_report.html.json'}
    >>> _output_names(["x/Report.txt", "y/report.txt", "-"], ".json")
    {'x/Report.txt': 'x_Report.txt.json', 'y/report.txt': 'y_report.txt.json', '-': 'stdin.json'}
    """
    import os

    files = [os.path.dirname(os.path.abspath(s)) for s in sources if s != STDIO]
    common = os.path.commonpath(files) if files else ""
    candidates = {s: _name_candidates(s, suffix, common) for s in sources}
    level = dict.fromkeys(sources, 0)
    while True:
        names = {s: candidates[s][level[s]] for s in sources}
        counts: dict[str, int] = {}
        for name in names.values():
            counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
        clashes = [
            s for s in sources if counts[names[s].casefold()] > 1 and level[s] < _NAME_LEVELS - 1
        ]
        if not clashes:  # check_outputs refuses any clash left (one file named twice)
            return names
        for source in clashes:
            level[source] += 1


def _parse(args: argparse.Namespace) -> int:
    fmt = args.format or "json"
    out_dir = None if args.output in (None, STDIO) else Path(args.output)
    expanded = expand(args.sources)
    sources, missing = expanded.readable(), expanded.missing
    target = None  # one input and --output a .json or .txt file (not a folder): that file
    if (
        out_dir is not None
        and len(sources) + len(missing) == 1
        and out_dir.suffix.lower() in _PARSE_SUFFIXES
        and not out_dir.is_dir()
    ):
        fmt = output_format(args.format, args.output, _PARSE_SUFFIXES, "json")
        target, out_dir = out_dir, None
        check_outputs(sources, [str(target)])
    if out_dir is None and len(sources) + len(missing) > 1:
        raise UsageError("several files need --output DIR / 多个文件需指定 --output 目录")
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--output {args.output!r} is not a folder / 输出路径不是文件夹")
    suffix = ".json" if fmt == "json" else ".txt"
    names = _output_names(sources, suffix)
    if out_dir is not None:
        check_outputs(sources, [str(out_dir / names[s]) for s in sources])
        out_dir.mkdir(parents=True, exist_ok=True)
    tally = _Tally(args, "file", "文件")
    job = functools.partial(_parse_job, fmt, args.lang)
    guarded = functools.partial(_guarded, job, _debug(args))
    # With an output folder, whichever process parses a source writes its document there
    # (each worker is told the names once, as it starts), so that the documents neither cross
    # a pipe nor queue for this process to write them one by one.
    destination = None if out_dir is None else _Destination(out_dir, names)
    setup = functools.partial(_set_destination, destination)
    total, results = gather(expanded, args.jobs, guarded, setup)
    reporter = Reporter(total, "parsing")
    try:
        return _parse_results(results, tally, reporter, target, out_dir, names)
    finally:
        _set_destination(None)


def _parse_results(
    results: Iterator[_ParseDone | _ParseFailed],
    tally: _Tally,
    reporter: Reporter,
    target: Path | None,
    out_dir: Path | None,
    names: dict[str, str],
) -> int:
    for result in results:
        reporter.advance()
        if isinstance(result, _ParseFailed):
            tally.fail(result.outcome, reporter)
            continue
        if result.complete:
            tally.ok += 1
        else:
            tally.findings += 1
        if result.written:
            reporter.line(result.line)
            continue
        if target is not None:
            target.write_bytes(result.document)
            reporter.line(result.line)
            continue
        if out_dir is None:  # the document is the output; the summary goes aside
            write_bytes(result.document, None)
            reporter.line(result.line, err=True)
            continue
        (out_dir / names[result.source]).write_bytes(result.document)
        reporter.line(result.line)
    return tally.finish(reporter)


class _ParseDone(NamedTuple):
    source: str
    complete: bool
    document: bytes
    """The document, for the command to write; empty when the job wrote it (``written``)."""
    line: str
    written: bool = False


class _ParseFailed(NamedTuple):
    outcome: Failed


class _Destination(NamedTuple):
    """Where the parse jobs of a batch write their documents: a folder, a name per source."""

    folder: Path
    names: dict[str, str]


_destination: _Destination | None = None
"""The batch's destination in this process (:func:`_set_destination`), if it has a folder."""


def _set_destination(destination: _Destination | None) -> None:
    """Tell this process where parse jobs write (run here and as each worker starts)."""
    global _destination  # per process: set once per batch, and once in each worker
    _destination = destination


def _write(source: str, document: bytes) -> bool:
    """Write ``source``'s document into the batch's folder here; whether it was written.

    Not written: there is no folder (standard output, one output file), or writing failed;
    the command then writes the document itself, and reports the error as it always did.
    """
    destination = _destination
    if destination is None:
        return False
    try:
        (destination.folder / destination.names[source]).write_bytes(document)
    except OSError:
        return False
    return True


def _parse_job(fmt: str, lang: str, outcome: Outcome) -> _ParseDone | _ParseFailed:
    """What ``parse`` needs of one source, computed in the worker that parsed it."""
    from govdisclosure.corpus import Parsed

    if not isinstance(outcome, Parsed):
        return _ParseFailed(outcome)
    result = outcome.result
    if fmt == "json":
        document = to_json(result.report, indent=True) + b"\n"
    else:
        from govdisclosure.formatting.render import render

        document = render(result.report, "text", lang=lang).encode("utf-8")
    complete = result.confident
    if lang == "zh":
        state = "完整" if complete else "不完整"
    else:
        state = "complete" if complete else "incomplete"
    line = f"{outcome.source}: {state}: {_summary(result, lang)}"
    if _write(outcome.source, document):
        return _ParseDone(outcome.source, complete, b"", line, written=True)
    return _ParseDone(outcome.source, complete, document, line)


def _tidy_csv(reports: list[Any]) -> bytes:
    """The tidy records as the library writes CSV (formulas neutralised, CRLF lines)."""
    from govdisclosure.export import tidy_to_csv

    return tidy_to_csv(reports).encode("utf-8")


def _tidy_xlsx(reports: list[Any], path: Path) -> None:
    """The tidy records as a real Excel workbook (one sheet, a header row)."""
    from govdisclosure.export import TidyRow, to_rows
    from govdisclosure.export.frame import require

    openpyxl = require("openpyxl", "xlsx", "export --format xlsx")
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("cells")
    sheet.append(list(TidyRow._fields))
    cell_class = openpyxl.cell.WriteOnlyCell
    for row in to_rows(reports):
        sheet.append([_text_cell(cell_class, sheet, _cell(v)) for v in row])
    book.save(path)


_EXACT_IN_EXCEL = 10**15
"""Excel keeps 15 significant digits: a count from this size up is written as text, exactly."""


def _cell(value: Any) -> Any:
    """A tidy value as an Excel cell: counts as numbers while Excel holds them exactly, else text.

    >>> _cell(None), _cell(75), _cell(10**15), _cell(True)
    (None, 75, '1000000000000000', True)
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int) and -_EXACT_IN_EXCEL < value < _EXACT_IN_EXCEL:
        return value
    return str(value)


def _text_cell(cell_class: Any, sheet: Any, value: Any) -> Any:
    """Text as a text cell: a name or label beginning with ``=`` from a crawled report must never
    become a formula in the analyst's spreadsheet."""
    if not isinstance(value, str):
        return value
    cell = cell_class(sheet, value=value)
    cell.data_type = "s"
    return cell


def _parsed(
    outcomes: Iterator[Outcome], tally: _Tally, reporter: Reporter, zh: bool
) -> Iterator[Parsed]:
    """The reports of a batch, each once: a report read again from another source is named."""
    from govdisclosure.corpus import fingerprint

    seen: dict[str, str] = {}
    for outcome in outcomes:
        reporter.advance()
        if not outcome.ok:
            tally.fail(outcome, reporter)  # type: ignore[arg-type]
            continue
        tally.ok += 1
        key = fingerprint(outcome.result.report)  # type: ignore[union-attr]
        first = seen.setdefault(key, outcome.source)
        if first != outcome.source:
            reporter.line(
                f"{outcome.source}: "
                + (
                    f"与{first}是同一份报告，只导出一次"
                    if zh
                    else f"the same report as {first}, exported once"
                ),
                err=True,
            )
            continue
        yield outcome  # type: ignore[misc]


def _export(args: argparse.Namespace) -> int:
    if args.template:
        if args.output in (None, STDIO) or Path(args.output).suffix.lower() not in (
            ".csv",
            ".xlsx",
        ):
            raise UsageError("--template needs --output FILE.csv|.xlsx / 模板需指定输出文件")
        from govdisclosure.export import request_log_template

        request_log_template(Path(args.output), lang=args.lang)
        return 0
    if args.requests:
        return _export_requests(args)
    if not args.sources:
        raise UsageError(
            "give report sources, --requests FILE or --template"
            " / 请指定报告、--requests或--template"
        )
    fmt = output_format(args.format, args.output, _EXPORT_SUFFIXES, "csv")
    if fmt in ("parquet", "dataset", "xlsx") and args.output in (None, STDIO):
        raise UsageError(f"{fmt} needs --output / {fmt}格式需指定输出路径")
    sources = expand(args.sources)  # a folder's and a glob's files too: none may be an output
    check_outputs(sources.readable(), [args.output] if args.output else [])
    tally = _Tally(args, "file", "文件")
    job = functools.partial(_guarded, functools.partial(_export_job, fmt), _debug(args))
    total, outcomes = gather(sources, args.jobs, job)
    reporter = Reporter(total, "exporting")
    parsed = _parsed(outcomes, tally, reporter, _zh(args))
    if fmt == "dataset":
        from govdisclosure.export.frame import write_dataset

        first, second = itertools.tee(parsed)
        written = write_dataset(
            (p.result.report for p in first), Path(args.output), sources=(p.source for p in second)
        )
        reporter.line(
            f"{args.output}: {sum(written.values())} cells in {counted(len(written), 'year')}",
            err=True,
        )
        return tally.finish(reporter)
    items = list(parsed)
    reports = [p.result.report for p in items]
    if fmt == "parquet":
        from govdisclosure.export import write_parquet

        write_parquet(reports, Path(args.output), sources=[p.source for p in items])
    elif fmt == "json":
        write_json([to_dict(report) for report in reports], args.output)
    elif fmt == "xlsx":
        _tidy_xlsx(reports, Path(args.output))
    else:
        write_bytes(_tidy_csv(reports), args.output)
    return tally.finish(reporter)


def _export_requests(args: argparse.Namespace) -> int:
    from govdisclosure.export import Privacy, requests_to_csv, requests_to_json, write_request_log

    if args.output not in (None, STDIO) and Path(args.output).suffix.lower() not in _LOG_SUFFIXES:
        raise UsageError(
            f"a request log is written as .csv, .xlsx or .json, not {args.output!r}"
            f" / 申请记录只能导出为.csv、.xlsx或.json"
        )
    if args.format in ("parquet", "dataset"):
        raise UsageError(
            "a request log is written as csv, xlsx or json / 申请记录只能导出为csv、xlsx或json"
        )
    fmt = output_format(args.format, args.output, _LOG_SUFFIXES, "csv")
    check_outputs([args.requests], [args.output] if args.output else [])
    # Every writer masks through the library's one mechanism (export.redact with this Privacy);
    # CSV and XLSX also leave the personal columns out unless --include-personal.
    privacy = Privacy.of(args.include_personal)
    requests = load_requests(args.requests)
    if fmt == "json":
        write_bytes((requests_to_json(requests, privacy=privacy) + "\n").encode(), args.output)
    elif args.output in (None, STDIO):
        if fmt == "xlsx":
            raise UsageError("xlsx needs --output FILE / xlsx格式需指定输出文件")
        csv_text = requests_to_csv(requests, lang=args.lang, privacy=privacy)
        write_bytes(csv_text.encode("utf-8"), None)
    else:
        write_request_log(requests, Path(args.output), lang=args.lang, privacy=privacy)
    return 0


def _jobs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=1,
        metavar="N",
        help="parse on N processes (default 1)",
    )


def add_commands(commands: Commands) -> None:
    """Add show, render, check, parse and export."""
    from govdisclosure.cli import command

    show = command(
        commands,
        "show",
        "show a report in the national layout as text, or its JSON document",
        "govdisclosure show sichuan-hrss-2013\n"
        "govdisclosure show huaian-city-2024 --output huaian.json      # JSON, from the suffix\n"
        "govdisclosure show published-report.html --lang en",
        lang="label",
    )
    show.add_argument("source", help=SOURCE_HELP)
    show.add_argument("--format", choices=("text", "json"), help="default: text, or the suffix")
    show.set_defaults(run=_show)

    render = command(
        commands,
        "render",
        "render a report in the national layout as text, Markdown or HTML",
        "govdisclosure render huaian-city-2024 --output huaian.html\n"
        "govdisclosure render report.json --format markdown --lang en",
        lang="label",
    )
    render.add_argument("source", help=SOURCE_HELP)
    render.add_argument(
        "--format", choices=("text", "markdown", "html"), help="default: text, or the suffix"
    )
    render.add_argument("--locale", default="zh_Hans_CN", help="Babel locale for numbers")
    render.set_defaults(run=_render)

    check_cmd = command(
        commands,
        "check",
        "check reports against the arithmetic of the national format and across years"
        " (exit 1 on errors)",
        "govdisclosure check huaian-city-2024 shanghai-gov-office-2019\n"
        "govdisclosure check reports/ --jobs 2 --format json --output findings.json\n"
        "govdisclosure check 'reports/*.pdf' --strict --lang en",
    )
    check_cmd.add_argument("sources", nargs="+", help=SOURCE_HELP)
    check_cmd.add_argument("--format", choices=("text", "json"), help="default: text, or suffix")
    check_cmd.add_argument("--all", action="store_true", help="also list unverifiable rules")
    check_cmd.add_argument(
        "--blanks-as-zero",
        action="store_true",
        help="read blank cells as 0 and blank totals as their row's sum (an assumption: "
        "findings say so)",
    )
    check_cmd.add_argument(
        "--strict", action="store_true", help="warnings (e.g. a broken carry-over) exit 1 too"
    )
    _jobs(check_cmd)
    check_cmd.set_defaults(run=_check)

    parse = command(
        commands,
        "parse",
        "parse published reports (HTML, text, PDF) into JSON documents, one per report",
        "govdisclosure parse report.html                   # JSON to standard output\n"
        "govdisclosure parse report.html -o report.json    # one input: a file\n"
        "govdisclosure parse reports/ --output parsed/ -j 2 # one .json per file, a line each\n"
        "govdisclosure parse 'reports/*.pdf' --format text --output outlines/",
        lang="summary",
    )
    parse.add_argument("sources", nargs="+", help="published report files, folders, globs, or -")
    parse.add_argument(
        "--format",
        choices=("json", "text"),
        help="json (default): the JSON document; text: the report in the national layout",
    )
    _jobs(parse)
    parse.set_defaults(run=_parse)

    export = command(
        commands,
        "export",
        "export report tables as tidy CSV/XLSX/Parquet/JSON or a Parquet dataset,"
        " or convert a request log",
        "govdisclosure export huaian-city-2024 shanghai-gov-office-2019 --output cells.csv\n"
        "govdisclosure export parsed/ --output cells.parquet\n"
        "govdisclosure export reports/ --format dataset --output cells/ --jobs 2\n"
        "govdisclosure export --requests requests.json --output log.xlsx\n"
        "govdisclosure export --requests log.xlsx --format json\n"
        "govdisclosure export --template --output template.xlsx --lang en",
        lang="header",
    )
    export.add_argument("sources", nargs="*", help=SOURCE_HELP)
    export.add_argument(
        "--format",
        choices=("csv", "xlsx", "parquet", "dataset", "json"),
        help="default: csv, or the output's suffix; dataset: a folder partitioned by year",
    )
    export.add_argument("--requests", metavar="FILE", help="a request log (JSON, .csv, .xlsx)")
    export.add_argument("--template", action="store_true", help="write an empty request log")
    export.add_argument(
        "--include-personal",
        action="store_true",
        help="keep applicants' personal data (names, ID numbers, contacts) in a request log,"
        " in every format; by default it is masked (JSON) or left out (CSV, XLSX)",
    )
    _jobs(export)
    export.set_defaults(run=_export)
