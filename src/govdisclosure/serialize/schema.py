"""JSON Schema (draft 2020-12) of the wire format, generated from the models and the converter.

:func:`json_schema` describes exactly the documents that :func:`~govdisclosure.serialize.to_json`
writes: one object per attrs class with its keys in declared order, ``schema_version`` at the top,
the ``"type"`` tag of polymorphic models, enums as their codes, dates as ``YYYY-MM-DD``, decimals
as fixed-point strings, and ``additionalProperties: false`` everywhere. It is built by walking
:func:`attrs.fields` with the converter's own rules (:mod:`~govdisclosure.serialize.converter`:
which Python type becomes which JSON type, the date and decimal patterns) and the registry's
tags (:func:`~govdisclosure.serialize.register`), so subclasses registered by other projects
appear in every union that accepts them.

Annotations:

- ``description``: the field's English documentation (``doc`` of
  :func:`~govdisclosure.model.base.field`); for a class or an enum, its docstring;
- ``x-label-zh``: the field's official Chinese label (a custom keyword rather than ``title``,
  because code generators turn every ``title`` into a type name); in the Chinese-key schema the
  English name is given as ``x-name-en`` instead;
- ``x-enum-labels-zh`` / ``x-enum-labels-en``: each enum code's Chinese and English label;
- ``x-personal``: ``true`` on applicants' personal data;
- ``default``: the value an optional field takes when it is left out;
- ``$comment``: checks govdisclosure makes that JSON Schema cannot say (a credit code's check
  character, a decision date after the filing date…).

Validators become constraints where JSON Schema can say them: non-negative counts
(``minimum: 0``), non-blank text (``minLength: 1`` and ``pattern: "\\S"``), URLs, region and
credit code shapes, the report year's range, the rows of table 3 in the order of the report's
format version, no decision date while a case is pending, and ``attrs.validators`` ``ge``/``gt``/
``le``/``lt``, ``min_len``/``max_len``, ``matches_re`` and ``in_`` in other projects' subclasses.
"""

from __future__ import annotations

import inspect
import re
import threading
import types
import typing
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs
import orjson

from govdisclosure import model as m
from govdisclosure.errors import GovDisclosureError
from govdisclosure.model import base as _base
from govdisclosure.model.form import form_of
from govdisclosure.serialize import registry
from govdisclosure.serialize.converter import _DECIMAL, _ISO_DATE, converter
from govdisclosure.serialize.json import SCHEMA_VERSION, VERSION_KEY

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["DIALECT", "SchemaError", "json_schema", "model_classes"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of every generated schema (``$schema``)."""

Keys = Literal["en", "zh"]
_RESERVED = (VERSION_KEY, registry.TAG_KEY)


class SchemaError(GovDisclosureError, TypeError):
    """A class cannot be described (or written with Chinese keys) as it stands.

    Raised for a field type the converter has no rule for, and for Chinese labels that would
    make two keys of one object the same.
    """


# --- patterns: the converter's own, in the portable subset of regular expressions -------------


def _portable(pattern: re.Pattern[str]) -> str:
    # ``\d`` is any Unicode digit in Python but ASCII in ECMA-262: say [0-9] for both.
    return pattern.pattern.replace(r"\d", "[0-9]")


_END = "(?!\\n)$"


def _whole(pattern: str) -> str:
    r"""A pattern the converter fullmatches, for validators that search (Python's jsonschema).

    ``$`` also matches before a final newline in Python, where the converter's ``fullmatch``
    does not: ``(?!\n)$`` is the end in both Python and ECMA-262. Every pattern the schema
    writes goes through here (``_pattern``); one already ending so is unchanged.
    """
    if pattern.endswith("$") and not pattern.endswith(_END):
        return f"{pattern[:-1]}{_END}"
    return pattern


DATE_PATTERN = _portable(_ISO_DATE)
DECIMAL_PATTERN = _portable(_DECIMAL)
# Non-negative decimals: what ``value < 0`` lets through, including "-0" and "-0.00".
NON_NEGATIVE_DECIMAL_PATTERN = r"^(?:(?:0|[1-9][0-9]*)(?:\.[0-9]+)?|-0(?:\.0+)?)(?!\n)$"
NON_BLANK_PATTERN = r"\S"
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/$.?#][^\s]*(?!\n)$"
# GB 32100: 8 digits, then 10 characters of the code alphabet (no I, O, S, V, Z).
CREDIT_CODE_PATTERN = r"^[0-9]{8}[0-9A-HJ-NPQRTUWXY]{10}(?!\n)$"
_PROVINCES = "|".join(sorted(m.agency._PROVINCES))
# GB/T 2260: a province prefix, then either 0000, or a prefecture part other than 00 and any
# county part.
REGION_CODE_PATTERN = rf"^(?:{_PROVINCES})(?:0000|(?:0[1-9]|[1-9][0-9])[0-9]{{2}})(?!\n)$"


# --- the plan: how the converter writes each field ----------------------------------------------

# A node says how one declared type travels:
# ("prim", int|str|bool), ("date",), ("dec",), ("intdec",), ("enum", E), ("model", C),
# ("union", Base), ("tuple", node), ("opt", node).
Node = tuple[Any, ...]

_PRIMITIVES: dict[Any, str] = {int: "integer", str: "string", bool: "boolean"}


def _node(tp: Any, where: str) -> Node:
    if tp in _PRIMITIVES:
        return ("prim", tp)
    if tp is date:
        return ("date",)
    if tp is Decimal:
        return ("dec",)
    if isinstance(tp, type) and issubclass(tp, _base.LabelledEnum):
        return ("enum", tp)
    if isinstance(tp, type) and attrs.has(tp):
        return ("union", tp) if registry.is_polymorphic(tp) else ("model", tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return ("tuple", _node(args[0], where))
    if origin is typing.Union or origin is types.UnionType:
        rest = tuple(a for a in args if a is not type(None))
        if set(rest) == {int, Decimal}:
            inner: Node = ("intdec",)
        elif len(rest) == 1:
            inner = _node(rest[0], where)
        else:
            raise SchemaError(f"{where}: no JSON rule for the union {tp!r}")
        return ("opt", inner) if len(rest) < len(args) else inner
    raise SchemaError(f"{where}: no JSON rule for the type {tp!r}")


@attrs.frozen
class WireField:
    """One key of a model's JSON object."""

    name: str
    label: str | None
    doc: str | None
    node: Node
    required: bool
    personal: bool
    attribute: attrs.Attribute[Any]

    @property
    def key_zh(self) -> str:
        """The Chinese-key form's key: the label, or the name for a field declared without one."""
        return self.label if self.label is not None else self.name


@attrs.frozen
class Plan:
    """How the converter writes one class: its tag (if polymorphic) and its fields in order."""

    cls: type
    tag: str | None
    fields: tuple[WireField, ...]
    zh_problem: str | None

    def check_zh(self) -> None:
        """Raise :class:`SchemaError` if the Chinese keys of this class are not all distinct."""
        if self.zh_problem is not None:
            raise SchemaError(self.zh_problem)


def _label_of(attribute: attrs.Attribute[Any]) -> str | None:
    label = attribute.metadata.get("label")
    return label if isinstance(label, str) and label else None


def _zh_problem(cls: type, fields: tuple[WireField, ...]) -> str | None:
    seen: dict[str, list[str]] = {}
    for f in fields:
        seen.setdefault(f.key_zh, []).append(f.name)
    for key in _RESERVED:
        if key in seen:
            seen[key].append(f"the reserved key {key!r}")
    clashes = {key: names for key, names in seen.items() if len(names) > 1}
    if not clashes:
        return None
    detail = "; ".join(f"{key!r}: {', '.join(names)}" for key, names in clashes.items())
    return (
        f"{cls.__qualname__} cannot be written with Chinese keys: fields share a label ({detail})."
        " Give each field of a class its own label."
    )


def _build_plan(cls: type) -> Plan:
    try:
        attrs.resolve_types(cls)
    except Exception as exc:
        raise SchemaError(f"{cls.__qualname__}: cannot resolve its field types ({exc})") from None
    polymorphic = registry.is_polymorphic(cls)
    tag = registry.tag_of(cls) if polymorphic else None
    fields = []
    for a in attrs.fields(cls):
        where = f"{cls.__qualname__}.{a.name}"
        if not a.init:
            raise SchemaError(f"{where}: fields with init=False cannot travel as JSON")
        if a.name in _RESERVED:
            raise SchemaError(f"{where}: {a.name!r} is a reserved key of the wire format")
        doc = a.metadata.get("doc")
        fields.append(
            WireField(
                name=a.name,
                label=_label_of(a),
                doc=doc if isinstance(doc, str) and doc else None,
                node=_node(a.type, where),
                required=a.default is attrs.NOTHING,
                personal=a.metadata.get("personal") is True,
                attribute=a,
            )
        )
    frozen = tuple(fields)
    return Plan(cls, tag, frozen, _zh_problem(cls, frozen))


_lock = threading.RLock()
_plans: dict[type, Plan] = {}
_schemas: dict[tuple[type, str], bytes] = {}


def _clear() -> None:
    with _lock:
        _plans.clear()
        _schemas.clear()


# Plans name tags and unions list registered classes: both change with every registration.
registry.on_change(_clear)


def plan(cls: type) -> Plan:
    """The (cached) plan of an attrs model class; raises :class:`SchemaError` if it has none."""
    found = _plans.get(cls)
    if found is None:
        with _lock:
            found = _plans[cls] = _build_plan(cls)
    return found


def union_members(base: type) -> tuple[type, ...]:
    """The registered classes a field declared as polymorphic ``base`` accepts, in tag order.

    Raises :class:`~govdisclosure.errors.RegistrationError` when there is none (an unregistered
    subclass), as serializing it would.
    """
    members = tuple(cls for _, cls in sorted(registry.registered_tags(base).items()))
    if not members:
        registry.tag_of(base)  # raises the registration error that names the class
    return members


def key_of(plan_: Plan, keys: Keys) -> Callable[[WireField], str]:
    """The function giving each field's key in the ``keys`` form."""
    if keys == "zh":
        plan_.check_zh()
        return lambda f: f.key_zh
    return lambda f: f.name


# --- validators -----------------------------------------------------------------------------------


@attrs.frozen
class _Rule:
    """What JSON Schema can say of a validator.

    ``value`` adds keywords to the schema of a field's (non-null) value, given the kind of value
    ("integer", "string", "boolean", "decimal", "enum", "array", "model") and the builder (for
    the keys of nested classes); ``owner`` gives a subschema of the object that holds the field
    (for checks across fields); ``comment`` says what govdisclosure checks beyond that.
    """

    value: Callable[[_Builder, str, dict[str, Any]], None] | None = None
    owner: Callable[[_Builder, Plan], dict[str, Any]] | None = None
    comment: str | None = None


def _non_blank(_: _Builder, kind: str, schema: dict[str, Any]) -> None:
    if kind == "string":
        schema["minLength"] = 1
        schema["pattern"] = NON_BLANK_PATTERN


def _non_negative(_: _Builder, kind: str, schema: dict[str, Any]) -> None:
    if kind == "integer":
        schema["minimum"] = 0
    elif kind == "decimal":
        schema["pattern"] = NON_NEGATIVE_DECIMAL_PATTERN


def _count(builder: _Builder, kind: str, schema: dict[str, Any]) -> None:
    _non_negative(builder, kind, schema)
    if kind == "integer":
        schema["maximum"] = _base.MAX_COUNT  # 2**53 - 1: exact in every JSON reader


def _bounded(_: _Builder, kind: str, schema: dict[str, Any]) -> None:
    if kind == "integer":  # a non_negative after it raises the minimum to 0
        schema.setdefault("minimum", -_base.MAX_COUNT)
        schema["maximum"] = _base.MAX_COUNT


def _pattern(pattern: str) -> Callable[[_Builder, str, dict[str, Any]], None]:
    pattern = _whole(pattern)

    def rule(_: _Builder, kind: str, schema: dict[str, Any]) -> None:
        if kind == "string":
            schema["pattern"] = pattern

    return rule


def _int_range(
    minimum: int, maximum: int | None
) -> Callable[[_Builder, str, dict[str, Any]], None]:
    def rule(_: _Builder, kind: str, schema: dict[str, Any]) -> None:
        if kind == "integer":
            schema["minimum"] = minimum
            if maximum is not None:
                schema["maximum"] = maximum

    return rule


def _pending_has_no_decision(builder: _Builder, owner: Plan) -> dict[str, Any]:
    key = key_of(owner, builder.keys)
    by_name = {f.name: key(f) for f in owner.fields}
    return {
        "if": {"properties": {by_name["result"]: {"const": m.ReviewResult.PENDING.code}}},
        "then": {"properties": {by_name["decided_on"]: {"type": "null"}}},
    }


def _validator(cls: type, name: str) -> Any:
    """The field's own validator (the declared-type check that ``field`` adds left out)."""
    validator = getattr(attrs.fields(cls), name).validator
    inner = getattr(validator, "_validators", (validator,))  # an and_ of validators
    leaves = [v for v in inner if not isinstance(v, _base.TypeCheck)]
    return leaves[0] if len(leaves) == 1 else validator


_RULES: dict[Any, _Rule] = {
    _base.text: _Rule(_non_blank),
    _base.optional_text: _Rule(_non_blank),
    _base.counts: _Rule(_count),
    _base.non_negative: _Rule(_non_negative),
    _base.optional_url: _Rule(_pattern(URL_PATTERN)),
    # The type already says these: an integer (of at most MAX_COUNT), or a decimal string.
    _base.decimal_value: _Rule(_bounded),
    _base.finite_decimal: _Rule(),
    _validator(m.LegacyIndicator, "this_year"): _Rule(_bounded),
    _validator(m.ItemCounts2019, "change"): _Rule(_bounded),
    _validator(m.RegionCode, "code"): _Rule(_pattern(REGION_CODE_PATTERN)),
    _validator(m.Section, "subsections"): _Rule(
        comment=f"govdisclosure also bounds the nesting at {_base.MAX_NESTING} levels"
    ),
    _validator(m.Figure, "parts"): _Rule(
        comment=f"govdisclosure also bounds the nesting at {_base.MAX_NESTING} levels"
    ),
    _validator(m.Agency, "credit_code"): _Rule(
        _pattern(CREDIT_CODE_PATTERN),
        comment="govdisclosure also verifies the GB 32100 check character",
    ),
    _validator(m.AnnualReport, "year"): _Rule(_int_range(2007, 2100)),
    _validator(m.Extended, "working_days"): _Rule(_int_range(1, None)),
    _validator(m.ApplicationTable, "rows"): _Rule(
        comment="govdisclosure also checks that no row appears twice"
    ),
    _validator(m.Reconsideration, "decided_on"): _Rule(
        owner=_pending_has_no_decision,
        comment="govdisclosure also checks that the decision is not dated before the filing",
    ),
}


# ``_rows_of(version)`` makes one closure per format version: recognised by its code object.
_ROWS_OF_CODE = _validator(m.AnnualReport2021, "applications").__code__


def _rows_in_order(version: m.FormatVersion) -> Callable[[_Builder, str, dict[str, Any]], None]:
    def rule(builder: _Builder, kind: str, schema: dict[str, Any]) -> None:
        if kind != "model":
            return
        table = plan(m.ApplicationTable)
        counts = plan(m.ApplicantCounts)
        rows_key = key_of(table, builder.keys)(table.fields[0])
        row_key = key_of(counts, builder.keys)(counts.fields[0])
        codes = [row.code for row in form_of(version).table(m.ReportPart.APPLICATIONS).rows]
        schema["properties"] = {
            rows_key: {
                "prefixItems": [{"properties": {row_key: {"const": code}}} for code in codes],
                "items": False,
                "minItems": len(codes),
            }
        }

    return rule


_AND: Any = type(attrs.validators.and_())
_OPTIONAL: Any = type(attrs.validators.optional(attrs.validators.instance_of(int)))
_NUMBER: Any = type(attrs.validators.ge(0))
_MIN_LEN: Any = type(attrs.validators.min_len(0))
_MAX_LEN: Any = type(attrs.validators.max_len(0))
_MATCHES: Any = type(attrs.validators.matches_re("x"))
_IN: Any = type(attrs.validators.in_([0]))
_BOUNDS = {">=": "minimum", ">": "exclusiveMinimum", "<=": "maximum", "<": "exclusiveMaximum"}


def leaf_validators(validator: Any) -> Iterator[Any]:
    """The validators inside ``and_`` / ``optional`` wrappers (and lists), one by one."""
    if validator is None or isinstance(validator, _base.TypeCheck):
        return  # the declared type: what the schema's "type" already says
    if isinstance(validator, _AND):
        for inner in validator._validators:
            yield from leaf_validators(inner)
    elif isinstance(validator, _OPTIONAL):
        yield from leaf_validators(validator.validator)
    else:
        yield validator


def _add_rule(cls_name: str, field_name: str, rule: _Rule) -> None:
    # For models that are still changing: a class or field that is not there is skipped, and
    # tests/interchange/test_schema.py then names the validators left without a rule.
    cls: Any = getattr(m, cls_name, None)
    known = isinstance(cls, type) and attrs.has(cls)
    field = getattr(attrs.fields(cls), field_name, None) if known else None
    for validator in leaf_validators(getattr(field, "validator", None)):
        _RULES.setdefault(validator, rule)


_add_rule("DecisionCount", "year", _Rule(_int_range(2007, 2100)))
_add_rule("DecisionCount", "count", _Rule(_non_negative))  # and not null: the type says so
_add_rule(
    "ProactiveItem",
    "history",
    _Rule(comment="govdisclosure also checks the order and the kinds of the status changes"),
)
_add_rule(
    "ProactiveItem",
    "published_on",
    _Rule(comment="govdisclosure also checks that it is not published before it was formed"),
)
_add_rule(
    "ProactiveRegister", "items", _Rule(comment="govdisclosure also checks that ids are unique")
)
_add_rule(
    "ProactiveRegister",
    "decision_counts",
    _Rule(comment="govdisclosure also checks that no kind and year is counted twice"),
)
_add_rule(
    "PublicationReview",
    "ground",
    _Rule(comment="govdisclosure also checks the ground against the result of the review"),
)

# The disclosure guide's contact details and the agency's notices.
PHONE_PATTERN = (
    r"^(?=(?:\D*\d){5,20}\D*$)\+?[0-9（(][0-9 ()（）\-]*[0-9]"
    r"(?: ?(?:转|[Ee][Xx][Tt]\.?|[Xx]) ?[0-9]{1,6})?(?!\n)$"
)
"""JSON Schema form of :data:`govdisclosure.model.base.PHONE_PATTERN` (no case flag in ECMA)."""


def _items_pattern(pattern: str) -> Callable[[_Builder, str, dict[str, Any]], None]:
    pattern = _whole(pattern)

    def rule(_: _Builder, kind: str, schema: dict[str, Any]) -> None:
        if kind == "array":
            schema["items"] = {"type": "string", "pattern": pattern}

    return rule


def _notice_outcome(builder: _Builder, owner: Plan) -> dict[str, Any]:
    key = key_of(owner, builder.keys)
    by_name = {f.name: key(f) for f in owner.fields}
    reply = {"properties": {by_name["kind"]: {"const": m.NoticeKind.REPLY.code}}}
    return {
        "if": reply,
        "then": {"properties": {by_name["outcome"]: {"type": "string"}}},
        "else": {"properties": {by_name["outcome"]: {"type": "null"}}},
    }


_RULES[_base.optional_phone] = _Rule(_pattern(PHONE_PATTERN))
_RULES[_base.optional_email] = _Rule(_pattern(_base.EMAIL_PATTERN.pattern))
_RULES[_base.optional_postcode] = _Rule(_pattern(_base.POSTCODE_PATTERN.pattern))
_RULES[_base.phone_numbers] = _Rule(_items_pattern(PHONE_PATTERN))
_add_rule("Notice", "outcome", _Rule(owner=_notice_outcome))
_add_rule(
    "Notice",
    "items",
    _Rule(comment="govdisclosure also checks that a correction notice lists at least one item"),
)


def _attrs_rule(v: Any) -> _Rule | None:
    """Rules for the validators of :mod:`attrs.validators` that JSON Schema can say."""
    if isinstance(v, _NUMBER) and v.compare_op in _BOUNDS and type(v.bound) is int:
        keyword, bound = _BOUNDS[v.compare_op], v.bound

        def number(_: _Builder, kind: str, schema: dict[str, Any]) -> None:
            if kind == "integer":
                schema[keyword] = bound

        return _Rule(number)
    if isinstance(v, _MIN_LEN | _MAX_LEN):
        size = v.min_length if isinstance(v, _MIN_LEN) else v.max_length
        edge = "min" if isinstance(v, _MIN_LEN) else "max"

        def length(_: _Builder, kind: str, schema: dict[str, Any]) -> None:
            if kind == "string":
                schema[f"{edge}Length"] = size
            elif kind == "array":
                schema[f"{edge}Items"] = size

        return _Rule(length)
    if isinstance(v, _MATCHES) and not v.pattern.flags & ~re.UNICODE:
        source = v.pattern.pattern
        # attrs calls one of these three methods of the compiled pattern.
        func = getattr(v.match_func, "__name__", "fullmatch")
        # A search keeps Python's "$" (a final newline may follow): grouped, _pattern's
        # _whole leaves it so; only fullmatch is whole.
        searched = f"(?:{source})" if source.endswith("$") else source
        wrapped = {"match": f"^(?:{source})", "search": searched}
        return _Rule(_pattern(wrapped.get(func, f"^(?:{source})$")))
    if isinstance(v, _IN):
        options = list(v.options)
        codes = [o.value if isinstance(o, _base.LabelledEnum) else o for o in options]
        if all(type(c) in (str, int, bool) for c in codes):

            def one_of(_: _Builder, kind: str, schema: dict[str, Any]) -> None:
                schema["enum"] = codes

            return _Rule(one_of)
    return None


def rule_for(validator: Any) -> _Rule | None:
    """The rule for one leaf validator, or None if govdisclosure does not know it."""
    try:
        known = _RULES.get(validator)
    except TypeError:  # an unhashable validator object
        known = None
    if known is not None:
        return known
    code = getattr(validator, "__code__", None)
    if code is _ROWS_OF_CODE:
        version = inspect.getclosurevars(validator).nonlocals["version"]
        return _Rule(_rows_in_order(version))
    return _attrs_rule(validator)


# --- the builder --------------------------------------------------------------------------------


# Sphinx roles (:class:`~a.b.C`, :func:`f`) and reST literals (``x``) are markup for the docs
# build; a frontend shows the description as plain text.
_ROLE = re.compile(r":[a-z]+(?::[a-z]+)?:`~?(?:[^`<]*<)?([^`>]+?)>?`")
_LITERAL = re.compile(r"``([^`]+)``")


def _plain_text(doc: str) -> str:
    """Documentation text without Sphinx markup: a role becomes the last part of its target.

    >>> _plain_text("A :class:`~govdisclosure.model.Money` in ``元``, see :func:`to_json`.")
    'A Money in 元, see to_json.'
    """
    return _LITERAL.sub(r"\1", _ROLE.sub(lambda m: m.group(1).rsplit(".", 1)[-1], doc))


def _describe(obj: object) -> str | None:
    # The class's own docstring: inspect.getdoc would fall back to a base class's.
    doc = inspect.cleandoc(getattr(obj, "__doc__", None) or "")
    lines: list[str] = []
    for line in doc.splitlines():
        if line.lstrip().startswith(">>>"):
            break
        lines.append(line)
    text = _plain_text("\n".join(lines).strip())
    return text or None


# Keywords that apply to one JSON type only: ``{"type": ["string", "null"], "minLength": 1}``
# still accepts null.
_TYPED_KEYWORDS = frozenset(
    {
        "type",
        "minLength",
        "maxLength",
        "pattern",
        "format",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minItems",
        "maxItems",
        "items",
    }
)


class _Builder:
    def __init__(self, keys: Keys) -> None:
        self.keys: Keys = keys
        self.defs: dict[str, Any] = {}
        self.names: dict[Any, str] = {}

    # $defs ---------------------------------------------------------------------------------

    def _name(self, obj: Any, base: str) -> tuple[str, bool]:
        name = self.names.get(obj)
        if name is not None:
            return name, False
        name, n = base, 1
        while name in self.defs:
            n += 1
            name = f"{base}_{n}"
        self.names[obj] = name
        self.defs[name] = {}  # reserved now, so that recursive classes refer to it
        return name, True

    @staticmethod
    def ref(name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def enum_ref(self, enum: type[_base.LabelledEnum]) -> dict[str, Any]:
        name, new = self._name(enum, enum.__name__)
        if new:
            members: list[Any] = list(enum)
            schema: dict[str, Any] = {"title": enum.__name__}
            description = _describe(enum)
            if description:
                schema["description"] = description
            schema["type"] = "string"
            schema["enum"] = [member.code for member in members]
            schema["x-enum-labels-zh"] = {e.code: e.label for e in members}
            schema["x-enum-labels-en"] = {e.code: e.label_en for e in members}
            self.defs[name] = schema
        return self.ref(name)

    def class_ref(self, cls: type) -> dict[str, Any]:
        name, new = self._name(cls, cls.__name__)
        if new:
            self.defs[name] = self.object_schema(cls, document=False)
        return self.ref(name)

    def union_ref(self, base: type) -> dict[str, Any]:
        members = union_members(base)
        if len(members) == 1:
            return self.class_ref(members[0])
        registered = base in registry.registered_tags(base).values()
        name, new = self._name(
            ("union", base), f"Any{base.__name__}" if registered else base.__name__
        )
        if new:
            schema: dict[str, Any] = {"title": name}
            description = _describe(base)
            if description:
                schema["description"] = description
            schema["oneOf"] = [self.class_ref(cls) for cls in members]
            self.defs[name] = schema
        return self.ref(name)

    # values --------------------------------------------------------------------------------

    def value(self, node: Node, rules: list[_Rule]) -> dict[str, Any]:
        """The schema of a value of ``node``, with the rules of its field applied."""
        kind = node[0]
        if kind == "opt":
            inner = self.value(node[1], rules)
            if isinstance(inner.get("type"), str) and set(inner) <= _TYPED_KEYWORDS:
                return {**inner, "type": [inner["type"], "null"]}
            return {"anyOf": [inner, {"type": "null"}]}
        if kind == "intdec":
            whole: dict[str, Any] = {"type": "integer"}
            fraction: dict[str, Any] = {"type": "string", "pattern": DECIMAL_PATTERN}
            self._apply(rules, "integer", whole)
            self._apply(rules, "decimal", fraction)
            return {"anyOf": [whole, fraction]}
        schema: dict[str, Any]
        if kind == "prim":
            schema = {"type": _PRIMITIVES[node[1]]}
            self._apply(rules, _PRIMITIVES[node[1]], schema)
        elif kind == "date":
            schema = {"type": "string", "format": "date", "pattern": DATE_PATTERN}
        elif kind == "dec":
            schema = {"type": "string", "pattern": DECIMAL_PATTERN}
            self._apply(rules, "decimal", schema)
        elif kind == "enum":
            schema = self.enum_ref(node[1])
            self._apply(rules, "enum", schema)
        elif kind == "model":
            schema = self.class_ref(node[1])
            self._apply(rules, "model", schema)
        elif kind == "union":
            schema = self.union_ref(node[1])
            self._apply(rules, "model", schema)
        else:  # tuple: the field's rules are about the array; its items have none
            schema = {"type": "array", "items": self.value(node[1], [])}
            self._apply(rules, "array", schema)
        return schema

    def _apply(self, rules: list[_Rule], kind: str, schema: dict[str, Any]) -> None:
        for rule in rules:
            if rule.value is not None:
                rule.value(self, kind, schema)

    # objects -------------------------------------------------------------------------------

    def field_schema(self, f: WireField) -> dict[str, Any]:
        rules = [r for r in map(rule_for, leaf_validators(f.attribute.validator)) if r]
        schema: dict[str, Any] = {}
        if f.doc:
            schema["description"] = _plain_text(f.doc)
        if self.keys == "zh":
            schema["x-name-en"] = f.name
        elif f.label is not None:
            schema["x-label-zh"] = f.label
        if f.personal:
            schema["x-personal"] = True
        comments = [r.comment for r in rules if r.comment]
        if comments:
            schema["$comment"] = "; ".join(comments)
        if not f.required:
            schema["default"] = self.default(f)
        schema.update(self.value(f.node, rules))
        return schema

    def default(self, f: WireField) -> Any:
        default = f.attribute.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:  # type: ignore[union-attr]
                raise SchemaError(
                    f"{f.attribute.name}: a default computed from the instance cannot be stated"
                )
            default = default.factory()  # type: ignore[union-attr]
        value = converter().unstructure(default)
        if self.keys == "zh":
            value = rekey(value, f.node, "zh")
        return value

    def object_schema(self, cls: type, *, document: bool) -> dict[str, Any]:
        p = plan(cls)
        key = key_of(p, self.keys)
        properties: dict[str, Any] = {}
        required: list[str] = []
        if document:
            properties[VERSION_KEY] = {
                "description": "Version of the wire format.",
                "const": SCHEMA_VERSION,
            }
            required.append(VERSION_KEY)
        if p.tag is not None:
            properties[registry.TAG_KEY] = {
                "description": f"The type tag of {cls.__name__}.",
                "const": p.tag,
            }
            required.append(registry.TAG_KEY)
        owner_rules: list[dict[str, Any]] = []
        for f in p.fields:
            properties[key(f)] = self.field_schema(f)
            if f.required:
                required.append(key(f))
            for validator in leaf_validators(f.attribute.validator):
                rule = rule_for(validator)
                if rule is not None and rule.owner is not None:
                    owner_rules.append(rule.owner(self, p))
        schema: dict[str, Any] = {"title": cls.__name__}
        description = _describe(cls)
        if description:
            schema["description"] = description
        schema["type"] = "object"
        schema["properties"] = properties
        schema["required"] = required
        schema["additionalProperties"] = False
        if owner_rules:
            schema["allOf"] = owner_rules
        return schema

    def document(self, cls: type) -> dict[str, Any]:
        if registry.is_polymorphic(cls):
            members = union_members(cls)
            if len(members) == 1:
                body = self.object_schema(members[0], document=True)
            else:
                body = {"title": cls.__name__}
                description = _describe(cls)
                if description:
                    body["description"] = description
                body["oneOf"] = [self.object_schema(c, document=True) for c in members]
        else:
            body = self.object_schema(cls, document=True)
        schema: dict[str, Any] = {
            "$schema": DIALECT,
            "$id": f"urn:govdisclosure:schema:{SCHEMA_VERSION}:{self.keys}:{cls.__name__}",
            **body,
        }
        if self.defs:
            schema["$defs"] = dict(sorted(self.defs.items()))
        return schema


# --- keys ---------------------------------------------------------------------------------------


def rekey(value: Any, node: Node, keys: Keys) -> Any:
    """An English-key JSON value of ``node`` (as the converter writes it) with ``keys`` keys.

    The value must be one the converter wrote: this does not validate.
    """
    if keys == "en" or value is None:
        return value
    kind = node[0]
    if kind == "opt":
        return rekey(value, node[1], keys)
    if kind == "tuple":
        return [rekey(item, node[1], keys) for item in value]
    if kind == "model":
        return _rekey_object(value, plan(node[1]), keys)
    if kind == "union":
        return _rekey_object(
            value, plan(registry.registered_tags(node[1])[value[registry.TAG_KEY]]), keys
        )
    return value


def _rekey_object(value: dict[str, Any], p: Plan, keys: Keys) -> dict[str, Any]:
    key = key_of(p, keys)
    out: dict[str, Any] = {}
    if p.tag is not None:
        out[registry.TAG_KEY] = value[registry.TAG_KEY]
    for f in p.fields:
        out[key(f)] = rekey(value[f.name], f.node, keys)
    return out


def top_node(cls: type) -> Node:
    """The node of a whole document of ``cls``."""
    if not (isinstance(cls, type) and attrs.has(cls)):
        raise SchemaError(f"expected a model class (an attrs class), got {cls!r}")
    return ("union", cls) if registry.is_polymorphic(cls) else ("model", cls)


# --- the public functions -----------------------------------------------------------------------


def json_schema(cls: type, *, keys: Keys = "en") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the documents ``to_json`` writes for ``cls``.

    ``keys="zh"`` gives the schema of the Chinese-key form
    (:func:`~govdisclosure.serialize.chinese.to_json_zh`). For a polymorphic class (an
    abstract base such as :class:`~govdisclosure.model.report.AnnualReport`, or a class with
    registered subclasses), the schema is the union of every registered class, told apart by
    ``"type"``.

    The result is a new dict on every call (built once per class and registry state, then
    copied). Raises :class:`SchemaError` for a class the converter has no rule for, and
    :class:`~govdisclosure.errors.RegistrationError` for an unregistered subclass of a tagged
    model.

    >>> from govdisclosure.model import Money
    >>> schema = json_schema(Money)
    >>> schema["required"], schema["additionalProperties"]
    (['schema_version', 'amount'], False)
    >>> schema["properties"]["amount"]["x-label-zh"], schema["properties"]["amount"]["pattern"]
    ('金额', '^(?:(?:0|[1-9][0-9]*)(?:\\\\.[0-9]+)?|-0(?:\\\\.0+)?)(?!\\\\n)$')
    >>> list(json_schema(Money, keys="zh")["properties"])
    ['schema_version', '金额', '单位']
    """
    if keys not in ("en", "zh"):
        raise ValueError(f"keys must be 'en' or 'zh', got {keys!r}")
    top_node(cls)
    cache_key = (cls, keys)
    raw = _schemas.get(cache_key)
    if raw is None:
        with _lock:
            raw = orjson.dumps(_Builder(keys).document(cls))
            _schemas[cache_key] = raw
    result: dict[str, Any] = orjson.loads(raw)
    return result


def model_classes() -> dict[str, type]:
    """Every class a document can be read as, by name: for ``govdisclosure schema MODEL``.

    The public models of :mod:`govdisclosure.model` by class name, then the registered
    subclasses of other projects by tag (class names need not be unique across projects).

    >>> classes = model_classes()
    >>> classes["AnnualReport"].__name__, classes["Quantity"].__name__
    ('AnnualReport', 'Quantity')
    """
    classes: dict[str, type] = {}
    for name in m.__all__:
        obj = getattr(m, name)
        if isinstance(obj, type) and attrs.has(obj):
            classes[name] = obj
    builtin = set(classes.values())
    for tag, cls in registry.registered_tags(object).items():
        if cls not in builtin:
            classes[tag] = cls
    return classes
