"""The ``govdisclosure`` command. Thin: each command is a library call plus argument parsing.

Every command follows the same conventions (:mod:`govdisclosure.cli._io`): inputs are files,
folders, quoted globs or ``-`` (reports may also be bundled example names or published reports,
parsed on the fly); ``--output`` names a file (a directory for ``parse`` of several inputs);
``--format`` chooses the output's form (or the output's suffix does); ``--lang zh|en`` chooses
the language of labels and messages; batch work shows a progress bar on a terminal and ends
with a count.

Exit status: 0 success, 1 findings, 2 usage or input error, 3 internal error (a bug; ``--debug``
or ``GOVDISCLOSURE_DEBUG=1`` prints its traceback).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import traceback
from typing import TYPE_CHECKING, NoReturn

from govdisclosure._version import __version__
from govdisclosure.cli._io import BUG_REPORT, EXIT_INTERNAL, EXIT_USAGE
from govdisclosure.errors import GovDisclosureError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TypeAlias

    Commands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = ["build_parser", "command", "main"]

EPILOG = """examples:
  govdisclosure show sichuan-hrss-2013
  govdisclosure check huaian-city-2024 shanghai-gov-office-2019
  govdisclosure check reports/ --jobs 2
  govdisclosure parse 'reports/*.pdf' --output parsed/
  govdisclosure export parsed/ --format dataset --output cells/
  govdisclosure tabulate requests.json --year 2024 --format markdown
  govdisclosure deadline 2024-09-27
  govdisclosure schema DisclosureRequest

`govdisclosure COMMAND --help` shows each command's options and examples.
exit status: 0 success, 1 findings, 2 usage or input error, 3 internal error (a bug: please report;
--debug or GOVDISCLOSURE_DEBUG=1 shows its traceback)
"""


_DEBUG_HELP = "on an internal error (a bug), print its traceback (or set GOVDISCLOSURE_DEBUG=1)"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one bilingual line after the command's own usage."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} / 参数错误（见 --help）\n")


def command(
    commands: Commands, name: str, help: str, examples: str, *, lang: str = "message"
) -> argparse.ArgumentParser:
    """A subcommand with its examples and the shared ``--output`` and ``--lang`` options.

    ``lang`` says what ``--lang`` chooses the language of (its labels, messages, headers...).
    """
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
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help=f"{lang} language")
    parser.set_defaults(subparser=parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govdisclosure`` command."""
    from govdisclosure.cli import _records, _reports

    parser = _Parser(
        prog="govdisclosure",
        description="China's government information disclosure (政府信息公开) as typed data.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"govdisclosure {__version__}")
    parser.add_argument("--debug", action="store_true", help=_DEBUG_HELP)
    commands: Commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    _reports.add_commands(commands)
    _records.add_commands(commands)
    for sub in commands.choices.values():
        # --debug after the command too (where it is usually typed); SUPPRESS keeps the
        # top level's value when it is not repeated here.
        sub.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=_DEBUG_HELP
        )
    return parser


def _debugging(args: argparse.Namespace | None) -> bool:
    return bool(getattr(args, "debug", False) or os.environ.get("GOVDISCLOSURE_DEBUG"))


def _internal_error(exc: BaseException, debug: bool) -> int:
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    else:
        where = traceback.extract_tb(exc.__traceback__)[-1:]
        place = f" at {where[0].filename}:{where[0].lineno}" if where else ""
        print(
            f"govdisclosure: internal error: {type(exc).__name__}: {exc}{place}\n"
            f"this is a bug, please report it ({BUG_REPORT}); run again with --debug (or"
            " GOVDISCLOSURE_DEBUG=1) for the traceback"
            " / 这是程序缺陷，请报告（加 --debug 可显示详细信息）",
            file=sys.stderr,
        )
    return EXIT_INTERNAL


_EXTRA = re.compile(r"pip install 'govdisclosure\[(\w+)\]'")


def _install_hint(message: str) -> str:
    """Add what works from a checkout of the source to an install hint that lacks it.

    >>> _install_hint("needs pdfplumber: pip install 'govdisclosure[pdf]'")  # doctest: +ELLIPSIS
    "needs pdfplumber: pip install 'govdisclosure[pdf]' (from a checkout ...: pip install '.[pdf]')"
    """
    found = _EXTRA.search(message)
    if found is None or "from a checkout" in message:
        return message
    return f"{message} (from a checkout of the source: pip install '.[{found.group(1)}]')"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 findings, 2 usage, 3 bug)."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # the subcommand's usage, not the top level's
        sub: argparse.ArgumentParser = getattr(args, "subparser", parser)
        sub.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        status: int = args.run(args)
    except OSError as exc:
        if isinstance(exc, GovDisclosureError):
            print(f"govdisclosure: error: {exc}", file=sys.stderr)
        else:
            name = exc.filename if exc.filename is not None else ""
            print(
                f"govdisclosure: error: {exc.strerror or exc}: {name!r} / 无法读写文件{name!r}",
                file=sys.stderr,
            )
        return EXIT_USAGE
    except (GovDisclosureError, ImportError) as exc:
        # ImportError: an optional extra is missing; its message names the extra to install.
        message = " ".join(str(exc).split())
        if isinstance(exc, ImportError) or "pip install" in message:
            message = _install_hint(message)
        print(f"govdisclosure: error: {message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # an unexpected exception is a bug: say so, with its own status
        return _internal_error(exc, _debugging(args))
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
