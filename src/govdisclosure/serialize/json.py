"""Lossless JSON: ``to_json`` / ``from_json`` and their dict variants.

Every document carries ``schema_version``. Enums travel as stable codes, dates as ISO 8601
(``YYYY-MM-DD``), decimals as strings; polymorphic objects carry a ``"type"`` tag. Unknown keys are
rejected. ``from_json(to_json(x)) == x`` for every model, and ``to_json`` output is canonical
(compact UTF-8, field order as declared), so it also round-trips byte for byte.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs
import orjson

from govdisclosure.errors import ErrorDetail, ValidationError
from govdisclosure.serialize import _mirror, compiled
from govdisclosure.serialize.converter import converter
from govdisclosure.serialize.errors import to_validation_error

__all__ = ["SCHEMA_VERSION", "from_dict", "from_json", "parse_json", "to_dict", "to_json"]

T = TypeVar("T")

SCHEMA_VERSION = 2
"""Version of the wire format written; bumped on any incompatible change.

Version 2 spells every enum code in kebab-case (see :mod:`govdisclosure.serialize.migrate`).
"""

READABLE_VERSIONS = (1, 2)
"""The versions the readers take: older ones are upgraded first
(:func:`govdisclosure.serialize.migrate.upgrade`)."""

VERSION_KEY = "schema_version"
"""The key of the version in every document."""


def to_dict(obj: object) -> dict[str, Any]:
    """A JSON-ready dict of a model, with ``schema_version`` first.

    >>> from govdisclosure.model import Money
    >>> from decimal import Decimal
    >>> to_dict(Money(Decimal("3940")))
    {'schema_version': 2, 'amount': '3940', 'unit': 'yuan'}
    """
    try:
        body = compiled.unstructure(obj)
    except Exception:
        # Whatever the compiled path cannot do, cattrs does (or raises the right error).
        body = converter().unstructure(obj)
    if type(body) is not dict:
        raise TypeError(f"to_dict needs a model instance, got {type(obj).__name__}")
    return {VERSION_KEY: SCHEMA_VERSION, **body}


def to_json(obj: object, *, indent: bool = False) -> bytes:
    """A model as compact UTF-8 JSON bytes (``indent=True`` for two-space indentation).

    >>> from govdisclosure.model import Quantity, Qualifier
    >>> to_json(Quantity(400, "篇", Qualifier.NEARLY)).decode()
    '{"schema_version":2,"value":400,"unit":"篇","qualifier":"nearly"}'
    """
    if not indent:
        # Mirror structs written by msgspec, where that gives the same bytes (most models).
        written = _mirror.write(obj)
        if written is not None:
            return written
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(to_dict(obj), option=option)


def from_dict(data: Any, cls: type[T]) -> T:
    """A model from a JSON-ready dict; raises :class:`.ValidationError` listing every problem.

    >>> from govdisclosure.model import Money
    >>> from_dict({"schema_version": 2, "amount": "3940", "unit": "yuan"}, Money)
    Money(amount=Decimal('3940'), unit=<MoneyUnit.YUAN: 'yuan'>)
    >>> from_dict({"schema_version": 2, "amount": 3940, "unit": "yuan"}, Money)
    Traceback (most recent call last):
    ...
    govdisclosure.errors.ValidationError: 1 problem in the document / 文档中有1处错误:
      $.amount: expected a decimal number as a string such as "96171.6" ..., got 3940 / ...
    """
    document = _check_version(data, cls)
    return _structure(document, cls, checked=False)


def _check_version(data: Any, cls: type) -> dict[str, Any]:
    """``data`` if it is a document of a readable version, upgraded to the current one."""
    if not (isinstance(cls, type) and attrs.has(cls)):
        # A document is one model: read as anything else (list[int], say) it would be a guess.
        raise TypeError(f"from_dict and from_json need a model class, got {cls!r}")
    if type(data) is not dict:
        raise ValidationError([ErrorDetail("$", "expected a JSON object", "应为JSON对象")])
    version = data.get(VERSION_KEY)
    if type(version) is not int or version not in READABLE_VERSIONS:
        got = "nothing" if version is None else repr(version)
        got_zh = "空" if version is None else repr(version)
        readable = " or ".join(map(str, READABLE_VERSIONS))
        raise ValidationError(
            [
                ErrorDetail(
                    f"$.{VERSION_KEY}",
                    f"expected schema_version {readable}, got {got}",
                    f"schema_version应为{'或'.join(map(str, READABLE_VERSIONS))}，实际为{got_zh}",
                )
            ]
        )
    if version != SCHEMA_VERSION:
        from govdisclosure.serialize.migrate import upgrade  # rare: loaded on first old document

        upgraded: dict[str, Any] = upgrade(data, cls)
        return upgraded
    return data


def _structure(data: dict[str, Any], cls: type[T], *, checked: bool) -> T:
    """``data`` (a dict with the right ``schema_version``) as ``cls``. ``checked`` says orjson
    read it, so that its text holds no lone surrogate, which the compiled path assumes, and
    that the dict is this module's own (no caller holds it)."""
    # The caller's dict is left alone: a copy, cheaper than filtering; a dict read here is
    # nobody else's, and loses its version in place.
    body = data if checked else dict(data)
    body.pop(VERSION_KEY, None)
    try:
        if not checked:
            orjson.dumps(body)  # a C-speed check: raises on a lone surrogate (or a non-JSON value)
        # Valid documents take the compiled path; only a failure pays for detailed validation.
        return compiled.structure(body, cls)
    except Exception:
        pass
    try:
        result: T = converter(True).structure(body, cls)
    except Exception as exc:
        raise to_validation_error(exc) from None
    return result  # pragma: no cover - the fast path failed where the detailed one did not


def from_json(data: str | bytes, cls: type[T]) -> T:
    """A model from JSON text; raises :class:`.ValidationError` listing every problem.

    >>> from govdisclosure.model import Quantity
    >>> from_json('{"schema_version":2,"value":337,"unit":"条","qualifier":"exact"}', Quantity)
    Quantity(value=337, unit='条', qualifier=<Qualifier.EXACT: 'exact'>)
    >>> from_json('{"schema_version":2,"value":337', Quantity)
    Traceback (most recent call last):
    ...
    govdisclosure.errors.ValidationError: 1 problem in the document / 文档中有1处错误:
      $: not valid JSON: ... / JSON格式错误：...
    """
    # A document as to_json writes it is read by msgspec into mirror structs (the fastest
    # way); any other, and any problem, takes the general path, which says what is wrong.
    found: T | None = _mirror.read(data, cls)
    if found is not None:
        return found
    document = _check_version(parse_json(data), cls)
    return _structure(document, cls, checked=True)


class _Pairs(dict[str, Any]):
    """An object of the slow duplicate-key pass that had a key more than once."""

    duplicates: list[str]


def parse_json(data: str | bytes) -> Any:
    """JSON text to Python values, refusing what would be read differently elsewhere.

    Invalid JSON, a lone surrogate and a key given twice in one object (most readers keep the
    last, some the first: the document does not say one thing) raise :class:`.ValidationError`
    with the path of the object.

    >>> parse_json(b'{"a":[1,{"b":"x"}]}')
    {'a': [1, {'b': 'x'}]}
    >>> parse_json('{"a":{"b":1,"b":2}}')
    Traceback (most recent call last):
    ...
    govdisclosure.errors.ValidationError: 1 problem in the document / 文档中有1处错误:
      $.a.b: the key 'b' is given more than once in this object / 该对象中键'b'出现了不止一次
    """
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ValidationError(
            [ErrorDetail("$", f"not valid JSON: {exc}", f"JSON格式错误：{exc}")]
        ) from None
    # bytes() of the bytearray or memoryview orjson also reads: the screens count its bytes.
    raw = data.encode() if isinstance(data, str) else bytes(data)
    if not _no_duplicate(parsed, raw):
        try:
            _check_duplicates(raw)
        except RecursionError:
            raise ValidationError(
                [ErrorDetail("$", "the document nests too deeply", "文档嵌套层数过多")]
            ) from None
    return parsed


def _no_duplicate(parsed: Any, raw: bytes) -> bool:
    """True if no key can have been given twice in ``raw`` (False: the slow pass decides).

    ``parsed`` is what orjson read from ``raw``; ``again`` is its compact encoding. If ``raw``
    is ``again`` (a document as to_json writes it), nothing was lost in reading. Otherwise (an
    indented document, say) the colons are counted, which is exact when ``raw`` holds no
    backslash. Why: orjson makes one dict of each object of ``raw``, with one key per member
    unless a key is given twice, so the dicts hold K' <= K keys, K being the members of
    ``raw``, and K' == K exactly when no key is given twice. Each member is followed by its own
    ``:`` byte (0x3A) outside any string, and no byte of a multi-byte UTF-8 character is below
    0x80, so ``raw`` holds K + C colons, C being those inside its strings. ``again`` holds
    K' + C' colons: one per key, and one per colon of each string read (orjson escapes only
    quotes, backslashes and control characters). Without a backslash there is no escape: each
    string read is the text of its own string of ``raw``, and the strings read are some of
    those of ``raw`` (a duplicate's value is dropped), so C' <= C. Equal counts therefore give
    (K - K') + (C - C') == 0 with both terms >= 0: K' == K. An escape such as ``\u003a``
    could make a colon that ``raw`` does not show, which is why a backslash sends the document
    to the slow pass.
    """
    try:
        again = orjson.dumps(parsed)
    except TypeError:  # nested deeper than orjson writes (254 levels): the slow pass reports it
        return False
    if again == raw:
        return True
    return b"\\" not in raw and again.count(b":") == raw.count(b":")


def _check_duplicates(raw: bytes) -> None:
    import json

    found = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal found
        value = dict(items)
        if len(value) == len(items):
            return value
        found = True
        marked = _Pairs(value)
        seen: set[str] = set()
        marked.duplicates = []
        for key, _ in items:
            if key in seen:
                marked.duplicates.append(key)
            seen.add(key)
        return marked

    tree = json.loads(raw, object_pairs_hook=pairs)
    if not found:
        return
    errors: list[ErrorDetail] = []
    stack: list[tuple[str, Any]] = [("$", tree)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key in getattr(value, "duplicates", ()):
                errors.append(
                    ErrorDetail(
                        f"{path}.{key}",
                        f"the key {key!r} is given more than once in this object",
                        f"该对象中键{key!r}出现了不止一次",
                    )
                )
            stack.extend((f"{path}.{k}", v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v) for i, v in reversed(list(enumerate(value))))
    raise ValidationError(errors)
