"""Chinese-key JSON: the wire format with the official Chinese labels as keys.

For exchange with Chinese systems, every field's key is its official Chinese label (the
``label`` of :func:`~govdisclosure.model.base.field`, as in the data-model reference)
instead of its English name. Everything else is the English format unchanged, on purpose:

- values are the same: enum members travel as their stable *codes* (``"granted"``, not
  ``"（一）予以公开"``: labels are data that can be corrected, codes never change), dates as
  ``YYYY-MM-DD``, decimals as strings;
- the two keys that are not fields keep their names: ``"schema_version"`` and the ``"type"`` tag
  (whose values stay the tags), so that one reader can tell versions and classes apart in both
  forms;
- a field declared without a Chinese label (a plain ``attrs.field`` in another project's
  subclass) keeps its English name.

The functions map keys on top of the English dict form, so the converter of record stays the
single source of truth: ``from_json_zh(to_json_zh(x), type(x)) == x`` for every model, and every
check of the English format applies. Two fields of one class with the same label would make
the mapping lossy: that raises :class:`~govdisclosure.serialize.schema.SchemaError` naming the
class and the fields. Errors in a Chinese-key document are reported at paths with Chinese keys
(``$.申请人.申请人类型``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from govdisclosure.errors import ErrorDetail, ValidationError
from govdisclosure.serialize import registry
from govdisclosure.serialize.json import (
    READABLE_VERSIONS,
    VERSION_KEY,
    from_dict,
    parse_json,
    to_dict,
)
from govdisclosure.serialize.schema import Node, Plan, plan, rekey, top_node

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["from_dict_zh", "from_json_zh", "to_dict_zh", "to_json_zh"]

T = TypeVar("T")

# Keys of a Chinese-key document that are not labels of its class are passed on to the converter
# behind this prefix, which no field name can start with: the converter then reports them as
# unknown keys (in its own order, with its own rules) and the prefix is taken off again.
_UNKNOWN = "\x00"


def to_dict_zh(obj: object) -> dict[str, Any]:
    """A JSON-ready dict of a model with Chinese keys, ``schema_version`` first.

    >>> from govdisclosure.model import Quantity, Qualifier
    >>> to_dict_zh(Quantity(10000, "条", Qualifier.MORE_THAN))
    {'schema_version': 2, '数值': 10000, '单位': '条', '限定词': 'more-than'}
    """
    english = to_dict(obj)
    body = rekey(english, top_node(type(obj)), "zh")
    return {VERSION_KEY: english[VERSION_KEY], **body}


def to_json_zh(obj: object, *, indent: bool = False) -> bytes:
    """A model as compact UTF-8 JSON bytes with Chinese keys (``indent=True`` to indent).

    >>> from govdisclosure.model import Money
    >>> from decimal import Decimal
    >>> to_json_zh(Money(Decimal("3940"))).decode()
    '{"schema_version":2,"金额":"3940","单位":"yuan"}'
    """
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(to_dict_zh(obj), option=option)


def from_dict_zh(data: Any, cls: type[T]) -> T:
    """A model from a JSON-ready dict with Chinese keys; raises :class:`.ValidationError`.

    Every problem is listed, at a path with Chinese keys.

    >>> from govdisclosure.model import Money
    >>> from_dict_zh({"schema_version": 2, "金额": "3940", "单位": "yuan"}, Money)
    Money(amount=Decimal('3940'), unit=<MoneyUnit.YUAN: 'yuan'>)
    >>> from_dict_zh({"schema_version": 2, "金额": "-5", "amount": "5"}, Money)
    Traceback (most recent call last):
    ...
    govdisclosure.errors.ValidationError: 1 problem in the document / 文档中有1处错误:
      $.amount: unknown key 'amount' for Money / Money不接受键'amount'
    """
    node = top_node(cls)
    version = data.get(VERSION_KEY) if type(data) is dict else None
    if type(data) is not dict or type(version) is not int or version not in READABLE_VERSIONS:
        # Refused before anything else is read, with the English format's own message.
        return from_dict(data, cls)
    body = {k: v for k, v in data.items() if k != VERSION_KEY}
    english = {VERSION_KEY: version, **_to_english(body, node)}
    try:
        return from_dict(english, cls)
    except ValidationError as exc:
        raise ValidationError(_in_chinese(exc.errors, english, node)) from None


def from_json_zh(data: str | bytes, cls: type[T]) -> T:
    """A model from JSON text with Chinese keys; raises :class:`.ValidationError`.

    >>> from govdisclosure.model import Quantity
    >>> from_json_zh('{"schema_version":2,"数值":337,"单位":"条"}', Quantity)
    Quantity(value=337, unit='条', qualifier=<Qualifier.EXACT: 'exact'>)
    >>> from_json_zh('{"schema_version":2,"数值":-3,"单位":"条"}', Quantity)
    Traceback (most recent call last):
    ...
    govdisclosure.errors.ValidationError: 1 problem in the document / 文档中有1处错误:
      $.数值: must not be negative, got -3 / 不能为负数，实际为-3
    """
    return from_dict_zh(parse_json(data), cls)


# --- Chinese keys to English keys ---------------------------------------------------------------


def _class_of(value: Any, node: Node) -> Plan | None:
    """The plan of the class a JSON object stands for, or None if the object cannot say."""
    if type(value) is not dict:
        return None
    if node[0] == "model":
        return plan(node[1])
    tag = value.get(registry.TAG_KEY)
    cls = registry.registered_tags(node[1]).get(tag) if type(tag) is str else None
    return None if cls is None else plan(cls)


def _to_english(value: Any, node: Node) -> Any:
    """``value`` with English keys wherever its shape allows; the converter judges the rest."""
    kind = node[0]
    if kind == "opt":
        return _to_english(value, node[1])
    if kind == "tuple":
        if type(value) is not list:
            return value
        return [_to_english(item, node[1]) for item in value]
    if kind not in ("model", "union"):
        return value
    p = _class_of(value, node)
    if p is None:
        return value  # not an object, or an unknown tag: reported as such, body unread
    p.check_zh()
    fields = {f.key_zh: f for f in p.fields}
    out: dict[str, Any] = {}
    for key, item in value.items():
        if p.tag is not None and key == registry.TAG_KEY:
            out[key] = item
            continue
        f = fields.get(key)
        if f is None:
            out[_UNKNOWN + key] = item
        else:
            out[f.name] = _to_english(item, f.node)
    return out


# --- English paths to Chinese paths -------------------------------------------------------------

_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _steps(path: str) -> Iterator[str | int]:
    # The converter's paths: "$", then ".key" and "[index]"; keys are field names, the tag key,
    # or unknown keys (which carry the prefix and may contain anything but the prefix).
    rest = path[1:]
    while rest:
        if rest.startswith("." + _UNKNOWN):
            yield rest[1:]
            return  # an unknown key is always the last step
        match = _STEP.match(rest)
        if match is None:  # pragma: no cover - the converter writes no other paths
            yield rest
            return
        yield match.group(1) if match.group(1) is not None else int(match.group(2))
        rest = rest[match.end() :]


def _chinese_path(path: str, english: Any, node: Node | None) -> str:
    out = "$"
    value = english
    for step in _steps(path):
        if isinstance(step, int):
            out += f"[{step}]"
            node = node[1] if node is not None and node[0] == "tuple" else None
            value = value[step] if type(value) is list and step < len(value) else None
            continue
        p = _class_of(value, node) if node is not None and node[0] in ("model", "union") else None
        field = None if p is None else next((f for f in p.fields if f.name == step), None)
        out += "." + (step.removeprefix(_UNKNOWN) if field is None else field.key_zh)
        value = value.get(step) if type(value) is dict else None
        node = None if field is None else _unwrap(field.node)
    return out


def _unwrap(node: Node) -> Node:
    return node[1] if node[0] == "opt" else node


def _in_chinese(errors: tuple[ErrorDetail, ...], english: Any, node: Node) -> list[ErrorDetail]:
    translated = []
    for e in errors:
        message, message_zh = e.message, e.message_zh
        if _UNKNOWN in e.path:
            key = e.path[e.path.index(_UNKNOWN) :]
            message = message.replace(repr(key), repr(key[1:]))
            message_zh = message_zh.replace(repr(key), repr(key[1:]))
        translated.append(ErrorDetail(_chinese_path(e.path, english, node), message, message_zh))
    return translated
