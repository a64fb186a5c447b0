"""The conventions every command shares: inputs, outputs, progress, JSON output, errors.

- An input is a file path, ``-`` for standard input, or (where a report is expected) the name of
  a bundled example.
- ``--output`` is a file (or, for commands that write one file per input, a directory); without
  it, or with ``-``, output goes to standard output.
- Batch work over more than one input shows a progress bar on standard error when it is a
  terminal.
- Exit status: 0 success, 1 findings, 2 usage or input error (:class:`UsageError`, or any
  library error, which names what is wrong).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from govdisclosure.errors import GovDisclosureError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

__all__ = ["UsageError", "progress", "read_bytes", "write_bytes", "write_json", "write_text"]

T = TypeVar("T")

STDIO = "-"


class UsageError(GovDisclosureError):
    """The command line asks for something impossible (exit status 2)."""


def read_bytes(source: str) -> bytes:
    """The bytes of a file, or of standard input for ``-``."""
    if source == STDIO:
        return sys.stdin.buffer.read()
    path = Path(source)
    if not path.is_file():
        raise UsageError(f"{source!r} is not a file")
    return path.read_bytes()


def write_bytes(data: bytes, output: str | None) -> None:
    """Write to the ``--output`` file, or to standard output."""
    if output in (None, STDIO):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        Path(output).write_bytes(data)


def write_text(text: str, output: str | None) -> None:
    """Write text (UTF-8, ending with a newline) to ``--output`` or standard output."""
    if not text.endswith("\n"):
        text += "\n"
    if output in (None, STDIO):
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        Path(output).write_text(text, encoding="utf-8")


def write_json(value: Any, output: str | None) -> None:
    """Write a JSON-ready value, indented, to ``--output`` or standard output."""
    write_bytes(orjson.dumps(value, option=orjson.OPT_INDENT_2) + b"\n", output)


def progress(items: Sequence[T], description: str) -> Iterator[T]:
    """Iterate, with a progress bar on a terminal when there is more than one item."""
    if len(items) < 2 or not sys.stderr.isatty():
        return iter(items)
    from tqdm import tqdm  # only batch work on a terminal pays for the import

    bar: Iterable[T] = tqdm(items, desc=description, unit="file", file=sys.stderr, leave=False)
    return iter(bar)
