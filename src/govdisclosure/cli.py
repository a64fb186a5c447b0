"""The ``govdisclosure`` command. Thin: each command is one library call plus argument parsing.

Exit status: 0 success, 1 findings, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import orjson

from govdisclosure import examples
from govdisclosure.checks import Severity, check
from govdisclosure.errors import ErrorDetail, GovDisclosureError, ValidationError
from govdisclosure.formatting.render import render
from govdisclosure.model import Agency, AnnualReport, DisclosureRequest, FormatVersion
from govdisclosure.outline import outline
from govdisclosure.rules import explain_deadline
from govdisclosure.serialize import from_dict, from_json, to_json
from govdisclosure.stats import tabulate

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]

EPILOG = """examples:
  govdisclosure show sichuan-hrss-2013
  govdisclosure show huaian-city-2024 --format json
  govdisclosure show report.json
  govdisclosure render huaian-city-2024 --format html --output huaian.html
  govdisclosure check huaian-city-2024 shanghai-gov-office-2019
  govdisclosure tabulate requests.json --year 2024 --format markdown
  govdisclosure deadline 2024-09-27
  govdisclosure deadline 2024-09-27 --extended --regulation 2019 --lang en
"""


def _load(source: str) -> AnnualReport:
    if source == "-":
        return from_json(sys.stdin.buffer.read(), AnnualReport)
    if source in examples.names():
        return examples.load(source)
    path = Path(source)
    if not path.is_file():
        raise FileNotFoundError(
            f"{source!r} is neither a bundled example ({', '.join(examples.names())}) nor a file"
        )
    return from_json(path.read_bytes(), AnnualReport)


def _show(args: argparse.Namespace) -> int:
    report = _load(args.source)
    if args.format == "json":
        sys.stdout.write(to_json(report, indent=True).decode() + "\n")
    else:
        sys.stdout.write(outline(report) + "\n")
    return 0


def _render(args: argparse.Namespace) -> int:
    text = render(_load(args.source), args.format, locale=args.locale, lang=args.lang)
    if args.output in (None, "-"):
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


def _check(args: argparse.Namespace) -> int:
    failed = False
    for source in args.sources:
        findings = check(
            _load(source), include_unverifiable=args.all, blanks_as_zero=args.blanks_as_zero
        )
        for finding in findings:
            message = finding.message_en if args.lang == "en" else finding.message_zh
            severity = finding.severity.label_en if args.lang == "en" else finding.severity.label
            sys.stdout.write(f"{source}: {finding.rule} [{severity}] {message}\n")
            failed = failed or (finding.verifiable and finding.severity is Severity.ERROR)
        if not findings:
            sys.stdout.write(f"{source}: no findings / 未发现问题\n")
    return 1 if failed else 0


def _load_requests(source: str) -> list[DisclosureRequest]:
    raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    try:
        items = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ValidationError(
            [ErrorDetail("$", f"not valid JSON: {exc}", "JSON格式错误")]
        ) from None
    if type(items) is not list:
        raise ValidationError(
            [ErrorDetail("$", "expected an array of request documents", "应为申请文档数组")]
        )
    requests = []
    for index, item in enumerate(items):
        try:
            requests.append(from_dict(item, DisclosureRequest))
        except ValidationError as exc:
            raise ValidationError(
                attrs.evolve(e, path=f"$[{index}]{e.path[1:]}") for e in exc.errors
            ) from None
    return requests


def _tabulate(args: argparse.Namespace) -> int:
    version = FormatVersion.from_code(args.version)
    result = tabulate(_load_requests(args.source), year=args.year, format=version)
    report = result.report(Agency(name=args.agency))
    sys.stdout.write(render(report, args.format, lang=args.lang) + "\n")
    return 0


def _deadline(args: argparse.Namespace) -> int:
    due = explain_deadline(args.received_on, extended=args.extended, regulation=args.regulation)
    lines = due.describe() if args.lang == "en" else due.describe_zh()
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help: str
) -> argparse.ArgumentParser:
    return commands.add_parser(
        name, help=help, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govdisclosure`` command."""
    parser = argparse.ArgumentParser(
        prog="govdisclosure",
        description="China's government information disclosure (政府信息公开) as typed data.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    show = _command(
        commands, "show", "show a report: a bundled example's name, a JSON file, or - for stdin"
    )
    show.add_argument("source", help="bundled example name, JSON file, or -")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(run=_show)

    render_cmd = _command(
        commands, "render", "render a report in the national layout as text, Markdown or HTML"
    )
    render_cmd.add_argument("source", help="bundled example name, JSON file, or -")
    render_cmd.add_argument("--format", choices=("text", "markdown", "html"), default="text")
    render_cmd.add_argument("--locale", default="zh_Hans_CN", help="Babel locale for numbers")
    render_cmd.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
    render_cmd.add_argument("--output", help="file to write (default: standard output)")
    render_cmd.set_defaults(run=_render)

    check_cmd = _command(
        commands,
        "check",
        "check reports against the arithmetic of the national format (exit 1 on errors)",
    )
    check_cmd.add_argument("sources", nargs="+", help="bundled example names, JSON files, or -")
    check_cmd.add_argument("--all", action="store_true", help="also list unverifiable rules")
    check_cmd.add_argument(
        "--blanks-as-zero",
        action="store_true",
        help="read blank cells as 0 and blank totals as their row's sum (an assumption: "
        "findings say so)",
    )
    check_cmd.add_argument("--lang", choices=("zh", "en"), default="zh", help="message language")
    check_cmd.set_defaults(run=_check)

    tabulate_cmd = _command(
        commands, "tabulate", "tables 3 and 4 of a year from a JSON array of request documents"
    )
    tabulate_cmd.add_argument("source", help="JSON file with an array of requests, or -")
    tabulate_cmd.add_argument("--year", type=int, required=True, help="the report year")
    tabulate_cmd.add_argument("--version", choices=("2019", "2021"), default="2021")
    tabulate_cmd.add_argument(
        "--agency", default="（未指定机关）", help="agency name for the title"
    )
    tabulate_cmd.add_argument("--format", choices=("text", "markdown", "html"), default="text")
    tabulate_cmd.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
    tabulate_cmd.set_defaults(run=_tabulate)

    deadline = _command(
        commands,
        "deadline",
        "the reply deadline for an application received on a date, with its explanation",
    )
    deadline.add_argument("received_on", type=_iso_date, help="day of receipt, YYYY-MM-DD")
    deadline.add_argument(
        "--extended", action="store_true", help="add the longest extension allowed"
    )
    deadline.add_argument(
        "--regulation", choices=("2008", "2019"), help="the regulation (default: the one in force)"
    )
    deadline.add_argument("--lang", choices=("zh", "en"), default="zh", help="explanation language")
    deadline.set_defaults(run=_deadline)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except (GovDisclosureError, OSError) as exc:
        print(f"govdisclosure: error: {exc}", file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
