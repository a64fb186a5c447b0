"""The render/parse contract: what rendered HTML carries in ``<meta name="govdisclosure:report">``.

A rendered page (:func:`govdisclosure.formatting.render`) shows the title, the narrative and the
tables; what its layout cannot show travels in this one tag, so that
``parse_report(render(report, "html")).report == report``. This module is the contract's one
owner: the renderer writes the tag with :func:`report_meta`, the parser reads it with
:func:`decode_meta` and :func:`meta_fields`.

The fields: ``format_version`` (a code), ``agency`` (an :class:`~govdisclosure.model.agency.Agency`
document), ``published_on`` (``YYYY-MM-DD``), ``url`` (an absolute http(s) URL), ``figures``,
``channels`` and ``processing_fee``, each as :func:`~govdisclosure.serialize.to_dict` writes it.
The tag is untrusted like the rest of the page: a field that does not hold what it should is a
problem to report, and the page is still read.

>>> from govdisclosure import examples
>>> text = report_meta(examples.load("huaian-city-2024"))
>>> found, problems = meta_fields(decode_meta(text))
>>> found["agency"].name, found["processing_fee"].amount, problems
('淮安市人民政府', Decimal('3940'), [])
>>> meta_fields({"url": "www.example.cn", "published_on": "20240301"})[1]
[('published_on', "expected a date as YYYY-MM-DD, got '20240301'"), \
('url', "expected an absolute http(s) URL, got 'www.example.cn'")]
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

import orjson

from govdisclosure.model.base import URL_PATTERN
from govdisclosure.model.layout import FormatVersion
from govdisclosure.serialize.json import from_dict, to_dict

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from govdisclosure.model.report import AnnualReport

__all__ = ["META_NAME", "decode_meta", "meta_fields", "report_meta"]

META_NAME = "govdisclosure:report"
"""The ``name`` of the ``<meta>`` tag in which rendered HTML carries what its layout cannot show."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def report_meta(report: AnnualReport) -> str:
    """The JSON a rendered page carries in ``<meta name="govdisclosure:report">``: compact, with
    Chinese characters as they are.

    >>> from govdisclosure import examples
    >>> import json
    >>> meta = json.loads(report_meta(examples.load("huaian-city-2024")))
    >>> sorted(meta)
    ['agency', 'channels', 'figures', 'format_version', 'processing_fee', 'published_on', 'url']
    >>> meta["agency"]["level"], meta["processing_fee"]["amount"]
    ('prefecture', '3940')
    """
    import json

    fee = report.processing_fee
    data = {
        "format_version": report.format_version.code,
        "agency": to_dict(report.agency),
        "published_on": None if report.published_on is None else report.published_on.isoformat(),
        "url": report.url,
        "figures": [to_dict(figure) for figure in report.figures],
        "channels": [to_dict(channel) for channel in report.channels],
        "processing_fee": None if fee is None else to_dict(fee),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode_meta(content: str) -> dict[str, Any]:
    """The tag's content as a JSON object; :class:`ValueError` saying why when it is not one.

    orjson reads it: no recursion limit to hit in Python, no lone surrogates, and a depth limit
    of its own for a hostile page.

    >>> decode_meta('{"url": null}')
    {'url': None}
    >>> decode_meta("[1]")
    Traceback (most recent call last):
    ...
    ValueError: expected a JSON object, got list
    """
    try:
        value = orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise ValueError(f"expected a JSON object, got {type(value).__name__}")
    return value


def meta_fields(meta: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The fields of a decoded tag as model values, and the ``(key, why)`` of each unusable one.

    Keys the contract does not name are ignored (tables and narrative always come from the page).
    """
    from govdisclosure.model.agency import Agency
    from govdisclosure.model.channel import DisclosureChannel
    from govdisclosure.model.quantity import Money
    from govdisclosure.model.report import Figure

    def many(cls: type[Any]) -> Callable[[Any], Any]:
        return lambda value: tuple(from_dict(v, cls) for v in _expect(value, list))

    readers: dict[str, Callable[[Any], Any]] = {
        "format_version": lambda value: FormatVersion.from_code(_expect(value, str)),
        "agency": lambda value: from_dict(value, Agency),
        "published_on": lambda value: None if value is None else _date(value),
        "url": lambda value: None if value is None else _url(value),
        "figures": many(Figure),
        "channels": many(DisclosureChannel),
        "processing_fee": lambda value: None if value is None else from_dict(value, Money),
    }
    found: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for key, read in readers.items():
        if key not in meta:
            continue
        try:
            found[key] = read(meta[key])
        except (ValueError, TypeError, RecursionError) as exc:  # ValidationError: ValueError
            problems.append((key, str(exc)))
    return found, problems


def _date(value: Any) -> date:
    """A ``YYYY-MM-DD`` date, as the JSON reader reads one (not 20240301 nor 2024-W09-5)."""
    text = _expect(value, str)
    if not _DATE.fullmatch(text):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {text!r}")
    return date.fromisoformat(text)


def _url(value: Any) -> str:
    """An absolute http(s) URL, as the report's ``url`` field accepts (the model's pattern)."""
    text: str = _expect(value, str)
    if not URL_PATTERN.fullmatch(text):
        raise ValueError(f"expected an absolute http(s) URL, got {text!r}")
    return text


_JSON_NAMES: dict[type[Any], str] = {str: "string", list: "array"}


def _expect(value: Any, kind: type[Any]) -> Any:
    if not isinstance(value, kind):
        raise TypeError(f"expected a JSON {_JSON_NAMES[kind]}, found {value!r:.40}")
    return value
