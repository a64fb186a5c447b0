"""Where reports come from: expanding paths, folders and globs; provenance; one source's parse."""

from __future__ import annotations

import glob
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from govdisclosure._version import __version__
from govdisclosure.errors import ErrorDetail, GovDisclosureError, ValidationError
from govdisclosure.parse import ParseResult, parse_report

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "REPORT_SUFFIXES",
    "Failed",
    "Outcome",
    "Parsed",
    "Provenance",
    "SourceNotFound",
    "find_sources",
    "parse_one",
]

REPORT_SUFFIXES = (".html", ".htm", ".txt", ".md", ".pdf", ".docx", ".json")
"""The file suffixes a folder is searched for (the forms :func:`parse_report` reads, and JSON).

A file named ``README.md`` is a folder's description, not a report, and is left out.
"""

_MAGIC = frozenset("*?[")
_LIMIT = 50_000_000  # the size parse_report reads at most; larger files are refused unread


class SourceNotFound(GovDisclosureError, FileNotFoundError):
    """An input names no file, no folder and matches no file (a glob)."""


@attrs.frozen
class Provenance:
    """Where a report was read: the source, a digest of its bytes, its format, the parser.

    >>> p = Provenance(source="a.txt", sha256="0" * 64, source_format="text", size=3)
    >>> p.parser_version == __import__("govdisclosure").__version__
    True
    """

    source: str
    """The path or URL read."""
    sha256: str
    """SHA-256 of the bytes read (hex), empty when the file could not be read."""
    source_format: str
    """``html``, ``text``, ``pdf`` or ``json`` (empty when unknown)."""
    size: int
    """The number of bytes read."""
    parser_version: str = __version__
    """The ``govdisclosure`` version that parsed it."""


@attrs.frozen
class Parsed:
    """A source that gave a report: its provenance and the
    :class:`~govdisclosure.parse.ParseResult`."""

    provenance: Provenance
    result: ParseResult
    ok = True

    @property
    def source(self) -> str:
        """The path or URL read."""
        return self.provenance.source


@attrs.frozen
class Failed:
    """A source that gave no report, as a value: which error, its message in both languages.

    ``internal`` is true when the error was not a library error (a bug to report); it is kept
    as a value like the others so that one file never stops a batch.
    """

    provenance: Provenance
    error: str
    """The exception's class name (``ParseError``, ``FileNotFoundError``…)."""
    message: str
    internal: bool = False
    ok = False

    @property
    def source(self) -> str:
        """The path or URL read."""
        return self.provenance.source

    def __str__(self) -> str:
        return f"{self.source}: {self.error}: {self.message}"


Outcome = Parsed | Failed
"""What reading one source gives: a :class:`Parsed` or a :class:`Failed`."""


def _is_glob(text: str) -> bool:
    return any(c in _MAGIC for c in text)


def find_sources(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The files ``inputs`` name, sorted and without repeats: files, folders, globs.

    A folder gives the report files under it (every depth, suffixes ``REPORT_SUFFIXES``);
    a glob (``reports/**/*.pdf``, quoted on the command line) its matching files. An input that
    names nothing, or a folder without a report file, raises :class:`SourceNotFound`.

    >>> find_sources(["tests/data/reports/*2024.pdf"])  # doctest: +NORMALIZE_WHITESPACE
    ['tests/data/reports/hongze-district-2024.pdf', 'tests/data/reports/huaian-city-2024.pdf']
    >>> find_sources(["no/such/file.pdf"])
    Traceback (most recent call last):
    ...
    govdisclosure.corpus.SourceNotFound: 'no/such/file.pdf' matches no file / ...
    """
    found: dict[str, None] = {}
    for item in inputs:
        text = os.fspath(item)
        path = Path(text)
        if path.is_dir():
            files = [
                str(child)
                for child in sorted(path.rglob("*"))
                if child.is_file()
                and child.suffix.lower() in REPORT_SUFFIXES
                and child.name.lower() != "readme.md"
            ]
            if not files:
                # A folder with no report file is a mistyped or wrong folder, not an empty
                # corpus: saying nothing would let a batch "succeed" having read nothing.
                raise SourceNotFound(
                    f"the folder {text!r} holds no report files ({', '.join(REPORT_SUFFIXES)})"
                    f" / 文件夹{text!r}中没有报告文件"
                )
            found.update(dict.fromkeys(files))
        elif path.is_file():
            found[text] = None
        elif _is_glob(text) and (matches := sorted(glob.glob(text, recursive=True))):
            for match in matches:
                if Path(match).is_file():
                    found[match] = None
        else:
            raise SourceNotFound(f"{text!r} matches no file / 找不到文件{text!r}")
    return sorted(found)


def _format_of(data: bytes) -> str:
    head = data.lstrip()[:1]
    if data[:5] == b"%PDF-":
        return "pdf"
    return "json" if head == b"{" else ""


def _read(source: str) -> bytes:
    with open(source, "rb") as handle:
        data = handle.read(_LIMIT + 1)
    if len(data) > _LIMIT:
        raise ValidationError(
            [
                ErrorDetail(
                    source,
                    f"the file is larger than {_LIMIT} bytes",
                    f"文件超过{_LIMIT}字节",
                )
            ]
        )
    return data


def parse_one(source: str) -> Outcome:
    """Read and parse one source; every error becomes a :class:`Failed` value, never raised.

    >>> outcome = parse_one("tests/data/reports/pingtan-zone-2022.txt")
    >>> outcome.ok, outcome.result.report.year, outcome.provenance.source_format
    (True, 2022, 'text')
    >>> parse_one("no/such/file.txt").error
    'FileNotFoundError'
    """
    try:
        data = _read(source)
    except (OSError, GovDisclosureError) as exc:
        return Failed(Provenance(source, "", "", 0), type(exc).__name__, _message(exc))
    digest = hashlib.sha256(data).hexdigest()
    source_format = _format_of(data)
    if source.lower().endswith(".pdf") and b"%PDF-" not in data[:1024]:
        # Named a PDF but not one: say so, rather than "no title" from reading it as text.
        return Failed(
            Provenance(source, digest, "", len(data)),
            "ParseError",
            "not a PDF: no %PDF- header in the first 1024 bytes"
            " / 不是PDF文件：前1024字节中没有%PDF-文件头",
        )
    try:
        if source_format == "json":
            from govdisclosure.model import AnnualReport
            from govdisclosure.serialize import from_json

            result = ParseResult(from_json(data, AnnualReport), source_format="json")
        else:
            result = parse_report(data)
            source_format = result.source_format
        return Parsed(Provenance(source, digest, source_format, len(data)), result)
    except GovDisclosureError as exc:
        message = _message(exc)
        if source_format == "pdf" and message.startswith("no report text") and _no_text(data):
            message = (
                "the PDF has no text layer (a scanned image?): it needs OCR before it can be"
                " parsed / PDF没有文字层（可能是扫描图像），需先进行文字识别（OCR）"
            )
        return Failed(
            Provenance(source, digest, source_format, len(data)), type(exc).__name__, message
        )
    except Exception as exc:  # a bug must cost one file, not the batch
        return Failed(
            Provenance(source, digest, source_format, len(data)),
            type(exc).__name__,
            f"{exc} (this is a bug in govdisclosure, please report it / 这是程序缺陷，请报告)",
            internal=True,
        )


def _no_text(data: bytes) -> bool:
    """True when a PDF's pages carry no text at all (only images)."""
    from govdisclosure.parse import TableBlock, read_pdf

    try:
        blocks = list(read_pdf(data))
    except GovDisclosureError:  # pragma: no cover - it was read once already
        return False
    return not any(isinstance(b, TableBlock) or getattr(b, "text", "").strip() for b in blocks)


def _message(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"no such file: {exc.filename!r} / 文件不存在"
    if isinstance(exc, OSError):
        return f"cannot read {exc.filename!r}: {exc.strerror} / 无法读取文件"
    return " ".join(str(exc).split())
