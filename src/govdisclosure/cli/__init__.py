"""The ``govdisclosure`` command. Thin: each command is a library call plus argument parsing.

Every command follows the same conventions (:mod:`govdisclosure.cli._io`): inputs are files or
``-`` (reports may also be bundled example names or published reports, parsed on the fly);
``--output`` names a file (a directory for ``parse``); ``--format`` chooses human or JSON output;
batch work shows a progress bar on a terminal. Exit status: 0 success, 1 findings, 2 usage or
input error.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from govdisclosure.errors import GovDisclosureError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TypeAlias

    Commands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = ["build_parser", "command", "main"]

EPILOG = """examples:
  govdisclosure show sichuan-hrss-2013
  govdisclosure check huaian-city-2024 shanghai-gov-office-2019
  govdisclosure parse reports/* --output parsed/
  govdisclosure export parsed/*.json --format parquet --output cells.parquet
  govdisclosure tabulate requests.json --year 2024 --format markdown
  govdisclosure deadline 2024-09-27
  govdisclosure schema DisclosureRequest

`govdisclosure COMMAND --help` shows each command's options and examples.
exit status: 0 success, 1 findings (check), 2 usage or input error
"""


def command(commands: Commands, name: str, help: str, examples: str) -> argparse.ArgumentParser:
    """A subcommand with its examples and the shared ``--output`` option."""
    epilog = "examples:\n" + "".join(f"  {line}\n" for line in examples.splitlines())
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=help,
        description=help,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--output", "-o", metavar="PATH", help="where to write (default: standard output)"
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govdisclosure`` command."""
    from govdisclosure.cli import _records, _reports

    parser = argparse.ArgumentParser(
        prog="govdisclosure",
        description="China's government information disclosure (政府信息公开) as typed data.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _reports.add_commands(commands)
    _records.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except (GovDisclosureError, OSError, ImportError) as exc:
        # ImportError: an optional extra is missing; its message names the extra to install.
        print(f"govdisclosure: error: {exc}", file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
