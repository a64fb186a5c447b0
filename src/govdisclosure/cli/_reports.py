"""Commands on reports: show, render, check, parse and export."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from govdisclosure.checks import Finding, Severity, check
from govdisclosure.cli._io import (
    STDIO,
    UsageError,
    progress,
    write_bytes,
    write_json,
    write_text,
)
from govdisclosure.cli._sources import load_report, load_requests, parse_source
from govdisclosure.errors import GovDisclosureError
from govdisclosure.serialize import to_dict, to_json

if TYPE_CHECKING:
    import argparse

    from govdisclosure.cli import Commands

__all__ = ["add_commands"]

SOURCE_HELP = "bundled example name, JSON document, published report (HTML, text, PDF), or -"


def _show(args: argparse.Namespace) -> int:
    report = load_report(args.source)
    if args.format == "json":
        write_bytes(to_json(report, indent=True) + b"\n", args.output)
    else:
        from govdisclosure.outline import outline

        write_text(outline(report), args.output)
    return 0


def _render(args: argparse.Namespace) -> int:
    from govdisclosure.formatting.render import render

    report = load_report(args.source)
    write_text(render(report, args.format, locale=args.locale, lang=args.lang), args.output)
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


def _check(args: argparse.Namespace) -> int:
    failed = False
    lines: list[str] = []
    records: list[dict[str, Any]] = []
    for source in progress(args.sources, "checking"):
        report = load_report(source)
        findings = check(report, include_unverifiable=args.all, blanks_as_zero=args.blanks_as_zero)
        for finding in findings:
            failed = failed or (finding.verifiable and finding.severity is Severity.ERROR)
            records.append(_finding_dict(source, finding))
            message = finding.message if args.lang == "en" else finding.message_zh
            severity = finding.severity.label_en if args.lang == "en" else finding.severity.label
            lines.append(f"{source}: {finding.rule} [{severity}] {message}")
        if not findings:
            lines.append(f"{source}: no findings / 未发现问题")
    if args.format == "json":
        write_bytes(
            orjson.dumps(records, option=orjson.OPT_INDENT_2, default=str) + b"\n", args.output
        )
    else:
        write_text("\n".join(lines), args.output)
    return 1 if failed else 0


def _parse(args: argparse.Namespace) -> int:
    sources: list[str] = args.sources
    out_dir = None if args.output in (None, STDIO) else Path(args.output)
    if out_dir is None and len(sources) > 1:
        raise UsageError("several files need --output DIR / 多个文件需指定 --output 目录")
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    status = 0
    for source in progress(sources, "parsing"):
        try:
            result = parse_source(source)
        except GovDisclosureError as exc:
            print(f"{source}: error: {exc}", file=sys.stderr)
            status = 2
            continue
        document = to_json(result.report, indent=True) + b"\n"
        if out_dir is None:  # the document is the output; the summary goes aside
            write_bytes(document, None)
            print(f"{source}: {result.summary()}", file=sys.stderr)
            continue
        name = Path(source).name if source != STDIO else "stdin"
        (out_dir / f"{Path(name).stem}.json").write_bytes(document)
        print(f"{source}: {result.summary()}")
    return status


def _tidy_csv(reports: list[Any]) -> bytes:
    from govdisclosure.export import TidyRow, to_rows

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TidyRow._fields)
    writer.writerows(["" if value is None else value for value in row] for row in to_rows(reports))
    return buffer.getvalue().encode("utf-8")


def _export(args: argparse.Namespace) -> int:
    if args.template:
        if args.output in (None, STDIO):
            raise UsageError("--template needs --output FILE.csv|.xlsx / 模板需指定输出文件")
        from govdisclosure.export import request_log_template

        request_log_template(Path(args.output), lang=args.lang)
        return 0
    if args.requests:
        return _export_requests(args)
    if not args.sources:
        raise UsageError("give report sources, --requests FILE or --template")
    reports = [load_report(source) for source in progress(args.sources, "exporting")]
    if args.format == "parquet":
        if args.output in (None, STDIO):
            raise UsageError("Parquet needs --output FILE / Parquet格式需指定输出文件")
        from govdisclosure.export import write_parquet

        write_parquet(reports, Path(args.output))
    elif args.format == "json":
        write_json([to_dict(report) for report in reports], args.output)
    else:
        write_bytes(_tidy_csv(reports), args.output)
    return 0


def _export_requests(args: argparse.Namespace) -> int:
    from govdisclosure.export import requests_to_csv, write_request_log

    requests = load_requests(args.requests)
    if args.format == "json":
        write_json([to_dict(r) for r in requests], args.output)
    elif args.output in (None, STDIO):
        if args.format == "xlsx":
            raise UsageError("xlsx needs --output FILE / xlsx格式需指定输出文件")
        csv_text = requests_to_csv(requests, lang=args.lang, include_personal=args.include_personal)
        write_bytes(csv_text.encode("utf-8"), None)
    else:
        write_request_log(
            requests, Path(args.output), lang=args.lang, include_personal=args.include_personal
        )
    return 0


def add_commands(commands: Commands) -> None:
    """Add show, render, check, parse and export."""
    from govdisclosure.cli import command

    show = command(
        commands,
        "show",
        "show a report's outline, or its JSON document",
        "govdisclosure show sichuan-hrss-2013\n"
        "govdisclosure show huaian-city-2024 --format json --output huaian.json\n"
        "govdisclosure show published-report.html",
    )
    show.add_argument("source", help=SOURCE_HELP)
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(run=_show)

    render = command(
        commands,
        "render",
        "render a report in the national layout as text, Markdown or HTML",
        "govdisclosure render huaian-city-2024 --format html --output huaian.html\n"
        "govdisclosure render report.json --format markdown --lang en",
    )
    render.add_argument("source", help=SOURCE_HELP)
    render.add_argument("--format", choices=("text", "markdown", "html"), default="text")
    render.add_argument("--locale", default="zh_Hans_CN", help="Babel locale for numbers")
    render.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
    render.set_defaults(run=_render)

    check_cmd = command(
        commands,
        "check",
        "check reports against the arithmetic of the national format (exit 1 on errors)",
        "govdisclosure check huaian-city-2024 shanghai-gov-office-2019\n"
        "govdisclosure check reports/*.html --format json --output findings.json\n"
        "govdisclosure check shanghai-gov-office-2019 --blanks-as-zero --lang en",
    )
    check_cmd.add_argument("sources", nargs="+", help=SOURCE_HELP)
    check_cmd.add_argument("--format", choices=("text", "json"), default="text")
    check_cmd.add_argument("--all", action="store_true", help="also list unverifiable rules")
    check_cmd.add_argument(
        "--blanks-as-zero",
        action="store_true",
        help="read blank cells as 0 and blank totals as their row's sum (an assumption: "
        "findings say so)",
    )
    check_cmd.add_argument("--lang", choices=("zh", "en"), default="zh", help="message language")
    check_cmd.set_defaults(run=_check)

    parse = command(
        commands,
        "parse",
        "parse published reports (HTML, text, PDF) into JSON documents, one per report",
        "govdisclosure parse report.html                   # JSON to standard output\n"
        "govdisclosure parse reports/* --output parsed/    # one .json per file, a summary each",
    )
    parse.add_argument("sources", nargs="+", help="published report files, or -")
    parse.set_defaults(run=_parse)

    export = command(
        commands,
        "export",
        "export report tables as tidy CSV/Parquet/JSON, or convert a request log",
        "govdisclosure export huaian-city-2024 shanghai-gov-office-2019 --output cells.csv\n"
        "govdisclosure export parsed/*.json --format parquet --output cells.parquet\n"
        "govdisclosure export --requests requests.json --format xlsx --output log.xlsx\n"
        "govdisclosure export --requests log.xlsx --format json\n"
        "govdisclosure export --template --output template.xlsx --lang en",
    )
    export.add_argument("sources", nargs="*", help=SOURCE_HELP)
    export.add_argument("--format", choices=("csv", "parquet", "json", "xlsx"), default="csv")
    export.add_argument("--requests", metavar="FILE", help="a request log (JSON, .csv, .xlsx)")
    export.add_argument("--template", action="store_true", help="write an empty request log")
    export.add_argument("--lang", choices=("zh", "en"), default="zh", help="header language")
    export.add_argument(
        "--include-personal",
        action="store_true",
        help="keep applicants' personal data in a request log (left out by default)",
    )
    export.set_defaults(run=_export)
