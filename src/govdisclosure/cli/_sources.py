"""What the commands read: reports, request logs and proactive registers, from any source.

A report source is the name of a bundled example, a govdisclosure JSON document, a published
report (HTML, text or PDF, parsed on the fly), or ``-`` for standard input (JSON or published).
A request source is a JSON array of request documents or a request log (``.csv``, ``.xlsx``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import orjson

from govdisclosure import examples
from govdisclosure.cli._io import STDIO, UsageError, read_bytes
from govdisclosure.errors import ErrorDetail, ValidationError
from govdisclosure.model import AnnualReport, DisclosureRequest, ProactiveRegister
from govdisclosure.serialize import from_dict, from_json

if TYPE_CHECKING:
    from govdisclosure.parse import ParseResult

__all__ = ["load_register", "load_report", "load_requests", "parse_source"]

_LOG_SUFFIXES = (".csv", ".xlsx")


def _is_json(data: bytes) -> bool:
    return data.lstrip()[:1] == b"{"


def parse_source(source: str, data: bytes | None = None) -> ParseResult:
    """Parse a published report from a file (or the given bytes of standard input)."""
    from govdisclosure.parse import parse_report  # parsing loads lxml: only when asked for

    return parse_report(read_bytes(source) if data is None else data)


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
