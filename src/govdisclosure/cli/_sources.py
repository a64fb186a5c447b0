"""What the commands read: reports, request logs and proactive registers, from any source.

A report source is the name of a bundled example, a govdisclosure JSON document, a published
report (HTML, text or PDF, parsed on the fly), a folder of them, a quoted glob, or ``-`` for
standard input (JSON or published). A request source is a JSON array of request documents or a
request log (``.csv``, ``.xlsx``).

Batch commands read their sources through :func:`gather`: examples and standard input first,
in the order given, then every file in path order (parsed on ``--jobs`` processes through
:func:`govdisclosure.corpus.parse_reports`); a source that cannot be read is a
:class:`~govdisclosure.corpus.Failed` outcome, never the end of the batch.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, overload

import attrs
import orjson

from govdisclosure import examples
from govdisclosure.cli._io import STDIO, UsageError, read_bytes
from govdisclosure.errors import ErrorDetail, ValidationError
from govdisclosure.model import AnnualReport, DisclosureRequest, ProactiveRegister
from govdisclosure.serialize import from_dict, from_json, to_json

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from govdisclosure.corpus import Outcome
    from govdisclosure.parse import ParseResult

__all__ = [
    "expand",
    "gather",
    "load_register",
    "load_report",
    "load_requests",
    "parse_source",
    "reproduce",
]

_LOG_SUFFIXES = (".csv", ".xlsx")
T = TypeVar("T")


def _is_json(data: bytes) -> bool:
    return data.lstrip()[:1] == b"{"


def parse_source(source: str, data: bytes | None = None) -> ParseResult:
    """Parse a published report from a file (or the given bytes of standard input)."""
    from govdisclosure.parse import parse_report  # parsing loads lxml: only when asked for

    return parse_report(read_bytes(source) if data is None else data)


class Sources(NamedTuple):
    """A command's inputs, expanded once: what it checks for clashes is what it reads."""

    named: list[str]
    """Bundled examples and ``-``, in the order given."""
    files: list[str]
    """The files the paths, folders and globs name, sorted, each once."""
    missing: list[Outcome]
    """A failed outcome for each input that names nothing."""

    def readable(self) -> list[str]:
        """The sources that will be read: examples and ``-``, then the files."""
        return [*self.named, *self.files]


def expand(inputs: Sequence[str]) -> Sources:
    """Split inputs into examples and ``-`` (in order), files (sorted) and missing sources."""
    from govdisclosure.corpus import (
        Failed,
        Provenance,
        SourceNotFound,
        find_sources,
    )

    named: list[str] = []
    files: dict[str, None] = {}
    missing: list[Outcome] = []
    for item in inputs:
        if item == STDIO or (item in examples.names() and not Path(item).exists()):
            named.append(item)
            continue
        try:
            found = find_sources([item])
        except SourceNotFound as exc:
            missing.append(Failed(Provenance(item, "", "", 0), "SourceNotFound", str(exc)))
            continue
        files.update(dict.fromkeys(found))
    return Sources(named, sorted(files), missing)


def _named(source: str) -> Outcome:
    from govdisclosure.corpus import Failed, Parsed, Provenance
    from govdisclosure.errors import GovDisclosureError
    from govdisclosure.parse import ParseResult

    if source != STDIO:
        report = examples.load(source)
        data = to_json(report)
        provenance = Provenance(source, hashlib.sha256(data).hexdigest(), "json", len(data))
        return Parsed(provenance, ParseResult(report, source_format="json"))
    data = read_bytes(STDIO)
    digest = hashlib.sha256(data).hexdigest()
    try:
        if _is_json(data):
            result = ParseResult(from_json(data, AnnualReport), source_format="json")
        else:
            result = parse_source(STDIO, data)
    except GovDisclosureError as exc:
        return Failed(Provenance("-", digest, "", len(data)), type(exc).__name__, str(exc))
    except Exception as exc:  # a bug costs standard input, not the batch (as for files)
        message = f"{exc} (this is a bug in govdisclosure, please report it / 这是程序缺陷，请报告)"
        return Failed(Provenance("-", digest, "", len(data)), type(exc).__name__, message, True)
    return Parsed(Provenance("-", digest, result.source_format, len(data)), result)


def reproduce(source: str) -> None:
    """Read a file again in this process, letting any exception out (``--debug``).

    A batch turns a bug in reading one file into a failed outcome, without its traceback;
    asked for the traceback, the command reads that file again here, where the exception
    propagates with it. Standard input cannot be read twice: it is left alone.
    """
    if source == STDIO or not Path(source).is_file():
        return
    data = read_bytes(source)
    if _is_json(data):
        from_json(data, AnnualReport)
    else:
        parse_source(source, data)


@overload
def gather(sources: Sources, jobs: int = 1) -> tuple[int, Iterator[Outcome]]: ...


@overload
def gather(
    sources: Sources,
    jobs: int,
    function: Callable[[Outcome], T],
    initializer: Callable[[], object] | None = None,
) -> tuple[int, Iterator[T]]: ...


def gather(
    sources: Sources,
    jobs: int = 1,
    function: Callable[[Outcome], Any] | None = None,
    initializer: Callable[[], object] | None = None,
) -> tuple[int, Iterator[Any]]:
    """How many results there will be, and the results (examples, ``-``, files, missing).

    A result is the source's outcome, or ``function`` of it: computed in the worker that parsed
    the file (:func:`govdisclosure.corpus.map_reports`), so that only what a command needs comes
    back from the worker. ``initializer`` runs here and in each worker, before any ``function``.
    """
    from govdisclosure.cli._io import executor
    from govdisclosure.corpus import map_reports

    apply: Callable[[Outcome], Any] = function if function is not None else _same
    named, files, missing = sources
    if initializer is not None:
        initializer()
    pool = executor(jobs, initializer) if len(files) > 1 else None

    def run() -> Iterator[Any]:
        for source in named:
            yield apply(_named(source))
        try:
            yield from map_reports(apply, files, executor=pool)
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        for outcome in missing:
            yield apply(outcome)

    return len(named) + len(files) + len(missing), run()


def _same(outcome: Outcome) -> Outcome:
    return outcome


def load_report(source: str) -> AnnualReport:
    """A report from an example name, a JSON document, a published report, or ``-``."""
    if source != STDIO and source in examples.names():
        return examples.load(source)
    if source != STDIO and not Path(source).is_file():
        raise UsageError(
            f"{source!r} is neither a bundled example ({', '.join(examples.names())}) nor a file"
            f" / {source!r}既不是内置示例也不是文件"
        )
    data = read_bytes(source)
    if _is_json(data):
        return from_json(data, AnnualReport)
    return parse_source(source, data).report


def _json_array(data: bytes) -> list[object]:
    try:
        items = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ValidationError(
            [ErrorDetail("$", f"not valid JSON: {exc}", "JSON格式错误")]
        ) from None
    if type(items) is not list:
        raise ValidationError(
            [ErrorDetail("$", "expected an array of request documents", "应为申请文档数组")]
        )
    return items


def load_requests(source: str) -> list[DisclosureRequest]:
    """Requests from a JSON array of request documents or a request log (.csv / .xlsx)."""
    if Path(source).suffix.lower() in _LOG_SUFFIXES and source != STDIO:
        from govdisclosure.export import read_request_log

        return read_request_log(Path(source))
    requests = []
    for index, item in enumerate(_json_array(read_bytes(source))):
        try:
            requests.append(from_dict(item, DisclosureRequest))
        except ValidationError as exc:
            raise ValidationError(
                attrs.evolve(e, path=f"$[{index}]{e.path[1:]}") for e in exc.errors
            ) from None
    return requests


def load_register(source: str) -> ProactiveRegister:
    """A proactive register from its JSON document (a file or ``-``)."""
    return from_json(read_bytes(source), ProactiveRegister)
