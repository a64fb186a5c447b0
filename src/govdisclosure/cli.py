"""The ``govdisclosure`` command. Thin: each command is one library call plus argument parsing.

Exit status: 0 success, 1 findings, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from govdisclosure import examples
from govdisclosure.errors import GovDisclosureError
from govdisclosure.formatting.render import render
from govdisclosure.model import AnnualReport
from govdisclosure.outline import outline
from govdisclosure.rules import explain_deadline
from govdisclosure.serialize import from_json, to_json

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]

EPILOG = """examples:
  govdisclosure show sichuan-hrss-2013
  govdisclosure show huaian-city-2024 --format json
  govdisclosure show report.json
  govdisclosure render huaian-city-2024 --format html --output huaian.html
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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govdisclosure`` command."""
    parser = argparse.ArgumentParser(
        prog="govdisclosure",
        description="China's government information disclosure (政府信息公开) as typed data.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    show = commands.add_parser(
        "show",
        help="show a report: a bundled example's name, a JSON file, or - for stdin",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    show.add_argument("source", help="bundled example name, JSON file, or -")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(run=_show)

    render_cmd = commands.add_parser(
        "render",
        help="render a report in the national layout as text, Markdown or HTML",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    render_cmd.add_argument("source", help="bundled example name, JSON file, or -")
    render_cmd.add_argument("--format", choices=("text", "markdown", "html"), default="text")
    render_cmd.add_argument("--locale", default="zh_Hans_CN", help="Babel locale for numbers")
    render_cmd.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
    render_cmd.add_argument("--output", help="file to write (default: standard output)")
    render_cmd.set_defaults(run=_render)

    deadline = commands.add_parser(
        "deadline",
        help="the reply deadline for an application received on a date, with its explanation",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
