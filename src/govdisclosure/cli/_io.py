"""The conventions every command shares: inputs, outputs, formats, progress, counts, exit status.

- An input is a file path, a folder (its report files), a quoted glob (``'reports/*.pdf'``),
  ``-`` for standard input, or (where a report is expected) the name of a bundled example.
- ``--output`` is a file (or, for commands that write one file per input, a directory); without
  it, or with ``-``, output goes to standard output. An output never overwrites an input, and
  two inputs never write to the same output.
- ``--format`` chooses the output's form; without it, the output file's suffix does; a
  ``--format`` that contradicts the suffix is a usage error.
- Batch work over more than one input shows a progress bar on standard error when it is a
  terminal (per-file lines are printed through the bar's own writer), and ends with a count.
- Exit status (:data:`EXIT_OK` …): 0 success, 1 findings, 2 usage or input error (a bad file in a
  batch, a missing file, a wrong option), 3 internal error (a bug: please report it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from govdisclosure.errors import GovDisclosureError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from concurrent.futures import Executor

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_USAGE",
    "KNOWN_SUFFIXES",
    "Reporter",
    "UsageError",
    "batch_status",
    "check_outputs",
    "counted",
    "executor",
    "output_format",
    "read_bytes",
    "write_bytes",
    "write_json",
    "write_text",
]

STDIO = "-"
EXIT_OK = 0
"""Everything went well."""
EXIT_FINDINGS = 1
"""The work was done and found something: a failed check, an incomplete parse."""
EXIT_USAGE = 2
"""A usage or input error: a wrong option, a missing or unreadable file, a bad file in a batch."""
EXIT_INTERNAL = 3
"""An unexpected error: a bug in govdisclosure."""

BUG_REPORT = "https://github.com/govdisclosure/govdisclosure/issues"


class UsageError(GovDisclosureError):
    """The command line asks for something impossible (exit status 2)."""


def counted(count: int, word: str, lang: str = "en", zh: str = "") -> str:
    """``1 finding``, ``2 findings`` (``lang="zh"``: ``2个问题``, with ``zh`` the noun).

    >>> counted(1, "finding"), counted(2, "finding"), counted(0, "file")
    ('1 finding', '2 findings', '0 files')
    >>> counted(3, "file", "zh", "个文件")
    '3个文件'
    """
    if lang == "zh":
        return f"{count}{zh}"
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def batch_status(*, findings: int, failed: int, internal: int) -> int:
    """The exit status of a batch: a bug outranks a bad input, which outranks a finding.

    >>> batch_status(findings=2, failed=0, internal=0)
    1
    >>> batch_status(findings=2, failed=1, internal=0)
    2
    >>> batch_status(findings=0, failed=1, internal=1)
    3
    """
    if internal:
        return EXIT_INTERNAL
    if failed:
        return EXIT_USAGE
    return EXIT_FINDINGS if findings else EXIT_OK


def read_bytes(source: str) -> bytes:
    """The bytes of a file, or of standard input for ``-``."""
    if source == STDIO:
        return sys.stdin.buffer.read()
    path = Path(source)
    if not path.is_file():
        raise UsageError(f"{source!r} is not a file / {source!r}不是文件")
    return path.read_bytes()


KNOWN_SUFFIXES: Mapping[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
}
"""Output suffixes some command gives a meaning to: an output named so says which form it holds."""


def output_format(
    given: str | None, output: str | None, suffixes: Mapping[str, str], default: str
) -> str:
    """The output format: ``--format``, else the output file's suffix, else ``default``.

    A ``--format`` that contradicts the suffix is a :class:`UsageError` (a file named
    ``cells.xlsx`` that holds CSV helps nobody); so is, without ``--format``, an output whose
    suffix names a form this command does not write (``show -o report.html``: ``show`` writes
    text or JSON). Any other suffix (``.log``, none) takes ``default``.

    >>> output_format(None, "cells.parquet", {".parquet": "parquet"}, "csv")
    'parquet'
    >>> output_format("csv", "cells.parquet", {".parquet": "parquet"}, "csv")
    Traceback (most recent call last):
    ...
    govdisclosure.cli._io.UsageError: --format csv contradicts the output 'cells.parquet' ...
    >>> output_format(None, "report.html", {".json": "json"}, "text")
    Traceback (most recent call last):
    ...
    govdisclosure.cli._io.UsageError: this command does not write html (the output 'report.html')...
    >>> output_format("text", "report.html", {".json": "json"}, "text")
    'text'
    >>> output_format(None, "x.log", {}, "csv")
    'csv'
    """
    suffix = Path(output).suffix.lower() if output not in (None, STDIO) else ""
    implied = suffixes.get(suffix)
    if given is not None and implied is not None and given != implied:
        raise UsageError(
            f"--format {given} contradicts the output {output!r} (a .{implied} name)"
            f" / --format {given}与输出文件{output!r}的扩展名不符"
        )
    if given is None and implied is None and suffix in KNOWN_SUFFIXES:
        other = KNOWN_SUFFIXES[suffix]
        choices = ", ".join(sorted(set(suffixes.values()) | {default}))
        raise UsageError(
            f"this command does not write {other} (the output {output!r}); it writes"
            f" {choices}: name the output so or give --format"
            f" / 此命令不能输出{other}格式（输出文件{output!r}），可输出{choices}"
        )
    return given or implied or default


def _file_key(path: Path) -> tuple[int, int] | None:
    """An existing file's device and inode (what ``os.path.samefile`` compares), else ``None``."""
    try:
        status = path.stat()
    except OSError:  # it does not exist (or cannot be looked at): resolved names decide
        return None
    return status.st_dev, status.st_ino


def _same_file(a: Path, b: Path) -> bool:
    """Whether two existing paths are one file (a hard link, or another spelling of the name)."""
    key = _file_key(a)
    return key is not None and key == _file_key(b)


def check_outputs(inputs: Iterable[str], outputs: Iterable[str]) -> None:
    """Refuse outputs that would overwrite an input, or that two inputs share.

    Names are compared resolved (``./log.csv`` is ``log.csv``, a symbolic link is its target)
    and, for files that exist, as files (a hard link, or ``LOG.csv`` on a case-insensitive
    file system, is the input too). Sets, not pairs: a batch of 10,000 files checks in
    linear time (one ``stat`` per name).

    >>> check_outputs(["a.csv"], ["b.csv"])
    >>> check_outputs(["log.csv"], ["./log.csv"])
    Traceback (most recent call last):
    ...
    govdisclosure.cli._io.UsageError: the output './log.csv' is an input: ...
    """
    read = {Path(i).resolve() for i in inputs if i != STDIO}
    files = {key for path in read if (key := _file_key(path)) is not None}
    seen: set[Path] = set()
    for output in outputs:
        if output == STDIO:
            continue
        path = Path(output).resolve()
        if path in read or (files and _file_key(path) in files):
            raise UsageError(
                f"the output {output!r} is an input: it would be overwritten"
                f" / 输出文件{output!r}就是输入文件，会被覆盖"
            )
        if path in seen:
            raise UsageError(
                f"two inputs would write {output!r} / 两个输入会写入同一个输出文件{output!r}"
            )
        seen.add(path)


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


def executor(jobs: int, initializer: Callable[[], object] | None = None) -> Executor | None:
    """A process pool of ``jobs`` workers, or ``None`` (work in this process) for one job.

    ``initializer`` runs once in each worker as it starts (what every task of the command
    needs, sent once rather than with every task).
    """
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {jobs} / --jobs至少为1")
    if jobs == 1:
        return None
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(jobs, initializer=initializer)


class Reporter:
    """Per-file lines and a progress bar that does not break them.

    The bar shows on standard error when it is a terminal and there is more than one item;
    lines go through the bar's own writer (``tqdm.write``) so that they scroll above it.
    """

    def __init__(self, total: int, description: str) -> None:
        self._bar: Any = None
        if total > 1 and sys.stderr.isatty():
            from tqdm import tqdm  # only batch work on a terminal pays for the import

            self._bar = tqdm(
                total=total, desc=description, unit="file", file=sys.stderr, leave=False
            )

    def line(self, text: str, *, err: bool = False) -> None:
        """Print one line to standard output (or error), above the bar."""
        stream = sys.stderr if err else sys.stdout
        if self._bar is not None:
            self._bar.write(text, file=stream)
        else:
            print(text, file=stream, flush=True)

    def advance(self) -> None:
        """One item done."""
        if self._bar is not None:
            self._bar.update(1)

    def close(self) -> None:
        """Remove the bar."""
        if self._bar is not None:
            self._bar.close()
