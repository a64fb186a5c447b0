"""Commands on records and rules: tabulate, deadline and schema."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from govdisclosure.cli._io import (
    UsageError,
    check_outputs,
    output_format,
    write_bytes,
    write_json,
    write_text,
)
from govdisclosure.cli._sources import load_register, load_requests
from govdisclosure.model import Agency, FormatVersion

if TYPE_CHECKING:
    import argparse

    from govdisclosure.cli import Commands
    from govdisclosure.errors import CalendarDataUnavailable
    from govdisclosure.model import AnnualReport2019, AnnualReport2021

__all__ = ["add_commands"]

_TABLE_SUFFIXES = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}
_DEADLINE_SUFFIXES = {".txt": "text", ".json": "json"}


def _tabulate(args: argparse.Namespace) -> int:
    from govdisclosure.stats import tabulate, tabulate_proactive

    if args.source is None and args.register is None:
        raise UsageError("give a request log, --register, or both / 请提供申请记录或主动公开登记册")
    fmt = output_format(args.format, args.output, _TABLE_SUFFIXES, "text")
    inputs = [x for x in (args.source, args.register) if x is not None]
    check_outputs(inputs, [args.output] if args.output else [])
    version = FormatVersion.from_code(args.version)
    agency = Agency(name=args.agency)
    report: AnnualReport2019 | AnnualReport2021
    fields: dict[str, Any] = {}
    if args.register is not None:
        proactive = tabulate_proactive(
            load_register(args.register), year=args.year, format_version=version
        )
        fields = {"proactive": proactive.table, "channels": proactive.channels.as_channels()}
        report = proactive.report(agency)
    if args.source is not None:
        tables = tabulate(load_requests(args.source), year=args.year, format_version=version)
        report = tables.report(agency, **fields)
    if fmt == "json":
        from govdisclosure.serialize import to_json

        write_bytes(to_json(report, indent=True) + b"\n", args.output)
    else:
        from govdisclosure.formatting.render import render

        write_text(render(report, fmt, lang=args.lang), args.output)  # type: ignore[arg-type]
    return 0


def _deadline(args: argparse.Namespace) -> int:
    from govdisclosure.errors import CalendarDataUnavailable
    from govdisclosure.formatting import format_explanation
    from govdisclosure.rules import estimated_calendar, explain_deadline

    fmt = output_format(args.format, args.output, _DEADLINE_SUFFIXES, "text")
    calendar = estimated_calendar() if args.estimate else None
    try:
        due = explain_deadline(
            args.received_on,
            extended=args.extended,
            regulation=args.regulation,
            calendar=calendar,
        )
    except CalendarDataUnavailable as exc:
        raise _no_calendar(exc, args.estimate) from None
    if fmt == "json":
        document: dict[str, Any] = {
            "received_on": args.received_on.isoformat(),
            "due": due.due_on.isoformat(),
            "extended": args.extended,
            "estimated": due.estimated,
            "explanation_en": list(format_explanation(due, locale="en")),
            "explanation_zh": list(format_explanation(due, locale="zh")),
        }
        write_json(document, args.output)
    else:
        write_text("\n".join(format_explanation(due, locale=args.lang)), args.output)
    return 0


def _no_calendar(exc: CalendarDataUnavailable, estimating: bool) -> UsageError:
    """What the command line says when the calendar has no working days for a date.

    A later year than the official data can be estimated: the message says how (``--estimate``),
    on the command line's terms rather than the library's.
    """
    year, first, last = exc.year, exc.first_year, exc.last_year
    covered = f"no official working-day data for {year} (covered: {first}–{last})"
    covered_zh = f"缺少{year}年的法定工作日数据（已覆盖{first}–{last}年）"
    if year <= last:  # before the data: estimates are only for years not yet published
        return UsageError(f"{covered} / {covered_zh}")
    if estimating:
        return UsageError(
            f"{year} is beyond the years the estimate covers too / {year}年也超出估算的年份范围"
        )
    return UsageError(
        f"{covered}: the State Council publishes each year's holidays late in the year before;"
        " add --estimate for an estimate (weekends and fixed-date holidays only, marked as such)"
        f" / {covered_zh}；如需估算（仅计周末和固定日期的节日，结果注明为估算），请加 --estimate"
    )


def _schema(args: argparse.Namespace) -> int:
    from govdisclosure.serialize.schema import json_schema, model_classes

    # A schema is JSON (the list of names, text): an output named for another form is refused.
    output_format(None, args.output, {".json": "json", ".txt": "text"}, "json")
    classes = model_classes()
    if args.list:
        write_text("\n".join(sorted(classes)), args.output)
        return 0
    cls = classes.get(args.model)
    if cls is None:
        raise UsageError(
            f"no model {args.model!r}; `govdisclosure schema --list` names them"
            f" / 没有名为{args.model!r}的模型"
        )
    write_json(json_schema(cls, keys=args.keys), args.output)
    return 0


def _iso_date(text: str) -> date:
    import argparse

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def add_commands(commands: Commands) -> None:
    """Add tabulate, deadline and schema."""
    from govdisclosure.cli import command

    tabulate = command(
        commands,
        "tabulate",
        "tables 2, 3 and 4 of a year from request records and a proactive register",
        "govdisclosure tabulate requests.json --year 2024 --format markdown\n"
        "govdisclosure tabulate log.xlsx --year 2024 --version 2019\n"
        "govdisclosure tabulate --register register.json --year 2024\n"
        "govdisclosure tabulate requests.json --register register.json --year 2024 --format json",
        lang="label",
    )
    tabulate.add_argument(
        "source", nargs="?", help="requests: a JSON array, a request log (.csv, .xlsx), or -"
    )
    tabulate.add_argument(
        "--register", help="a proactive register's JSON document: adds table 2 and the channels"
    )
    tabulate.add_argument("--year", type=int, required=True, help="the report year")
    tabulate.add_argument("--version", choices=("2019", "2021"), default="2021")
    tabulate.add_argument("--agency", default="（未指定机关）", help="agency name for the title")
    tabulate.add_argument(
        "--format",
        choices=("text", "markdown", "html", "json"),
        help="default: text, or the output's suffix (.txt .md .html .json)",
    )
    tabulate.set_defaults(run=_tabulate)

    deadline = command(
        commands,
        "deadline",
        "the reply deadline for an application received on a date, with its explanation",
        "govdisclosure deadline 2024-09-27\n"
        "govdisclosure deadline 2024-09-27 --extended --regulation 2019 --lang en\n"
        "govdisclosure deadline 2025-01-24 --format json\n"
        "govdisclosure deadline 2027-03-01 --estimate      # beyond the official calendar data",
        lang="explanation",
    )
    deadline.add_argument("received_on", type=_iso_date, help="day of receipt, YYYY-MM-DD")
    deadline.add_argument(
        "--extended", action="store_true", help="add the longest extension allowed"
    )
    deadline.add_argument(
        "--regulation", choices=("2008", "2019"), help="the regulation (default: the one in force)"
    )
    deadline.add_argument(
        "--estimate",
        action="store_true",
        help="beyond the official calendar data, estimate (weekends and fixed-date holidays"
        " only; the explanation says so)",
    )
    deadline.add_argument(
        "--format", choices=("text", "json"), help="default: text, or the output's suffix"
    )
    deadline.set_defaults(run=_deadline)

    schema = command(
        commands,
        "schema",
        "the JSON Schema (draft 2020-12) of a model's documents",
        "govdisclosure schema                          # AnnualReport\n"
        "govdisclosure schema DisclosureRequest --output request.schema.json\n"
        "govdisclosure schema AnnualReport --keys zh   # the Chinese-key form\n"
        "govdisclosure schema --list",
    )
    schema.add_argument("model", nargs="?", default="AnnualReport", help="model class name")
    schema.add_argument("--keys", choices=("en", "zh"), default="en", help="key language")
    schema.add_argument("--list", action="store_true", help="list the model names")
    schema.set_defaults(run=_schema)
