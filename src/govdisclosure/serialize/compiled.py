"""A compiled fast path for the converter of record: same input, same output, less overhead.

For every attrs model class, specialised Python source is generated and ``exec``'d, on the first
use of that class: one function that structures a JSON-ready dict into the class and one that
unstructures an instance into a dict. The strict checks of
:mod:`govdisclosure.serialize.converter` are inlined (``type(v) is int``, the same date and decimal
patterns, enum codes through the enum's own code table) and merged with the conditions of the
validators, so that each field is tested once; nested classes call each other's generated
function directly (small leaf classes are unstructured inline); polymorphic fields dispatch on the
``"type"`` tag to the generated function of the tagged class, generated when a document first
carries that tag.

The contract is narrow on purpose:

- :func:`structure` returns exactly what ``converter().structure(data, cls)`` returns, or raises
  *something* where that converter raises. It carries no error messages: the caller falls back to
  the detailed converter, which says what is wrong and where.
- :func:`unstructure` returns exactly what ``converter().unstructure(obj)`` returns (same keys,
  same order, same values, the tag first) or raises, and the caller falls back to cattrs.
- Instances are built as attrs' own ``__init__`` builds them: every validator's condition holds
  (checked inline for the model layer's validators, called for any other), or the class is
  called. The slots are filled on an instance of a private same-layout subclass, which
  ``__class__`` assignment then turns into the class itself (see ``_twin``); that subclass
  shows in ``cls.__subclasses__()`` and nowhere else. A converter is skipped only where it is
  known to return what structuring made unchanged (see ``_IDENTITY_CONVERTERS``).
- A class the generator does not understand (a field type it has no rule for, ``init=False``,
  a factory taking ``self``, ...) is handed to the cattrs converter as a whole, never guessed.

Generated code is cached per class and dropped whenever a registration changes. A document that
has every key of a class (as :func:`~govdisclosure.serialize.to_json` writes them) takes the
class's main function; the function for documents that leave keys out is generated the first
time one does.
"""

from __future__ import annotations

import abc
import builtins
import keyword
import operator
import sys
import threading
import types
import typing
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from govdisclosure.model import agency as _agency
from govdisclosure.model import base as _base
from govdisclosure.model import quantity as _quantity
from govdisclosure.model import report as _report
from govdisclosure.model import tables as _tables
from govdisclosure.model.base import LabelledEnum
from govdisclosure.model.layout import FormatVersion
from govdisclosure.serialize import registry
from govdisclosure.serialize.converter import _DECIMAL, _ISO_DATE, converter

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["clear", "source", "structure", "unstructure"]

T = TypeVar("T")

# The converter's own patterns, matched as its hooks match them (fullmatch), so that the
# compiled path accepts exactly what the hooks accept.


class _Fail(Exception):
    """Raised by generated code on any problem; the caller retries with cattrs."""


class _Unsupported(Exception):
    """The generator has no rule for something in a class: cattrs handles that class."""


# --- field types --------------------------------------------------------------------------------
# A spec is a small tuple describing how one declared type is structured and unstructured.

Spec = tuple[Any, ...]
Plan = list[tuple["attrs.Attribute[Any]", Spec]]
_PRIMITIVES = (int, str, bool)


def _spec(tp: Any) -> Spec:
    if tp in _PRIMITIVES:
        return ("prim", tp)
    if tp is date:
        return ("date",)
    if tp is Decimal:
        return ("dec",)
    if isinstance(tp, type) and issubclass(tp, LabelledEnum):
        return ("enum", tp)
    if isinstance(tp, type) and attrs.has(tp):
        return ("poly", tp) if registry.is_polymorphic(tp) else ("attrs", tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return ("tuple", _spec(args[0]))
    if origin is typing.Union or origin is types.UnionType:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == len(args):
            if set(rest) == {int, Decimal}:
                return ("intdec",)
            raise _Unsupported(tp)
        inner = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
        return ("opt", _spec(inner))
    raise _Unsupported(tp)


def _identity_item(spec: Spec) -> bool:
    # The converter unstructures these with ``identity``, so their tuples become ``list(t)``.
    return bool(spec[0] == "prim" or (spec[0] == "opt" and spec[1][0] == "prim"))


# --- building instances -------------------------------------------------------------------------

# Any: attrs keeps these classes private; only their documented attributes are read.
_AND: Any = type(attrs.validators.and_())
_OPTIONAL: Any = type(attrs.validators.optional(attrs.validators.and_()))
_HASH_CACHE = "_attrs_cached_hash"


# Converters of the model layer that return every value structuring makes for the given specs
# unchanged, so that skipping them builds what attrs' __init__ builds: ``_exact_decimal`` turns
# only an exact int into a Decimal, and a "dec" field is structured to a Decimal. A field with a
# default is not taken (attrs converts the default too); any other converter makes the class be
# called.
_IDENTITY_CONVERTERS: dict[Any, tuple[Spec, ...]] = {
    _quantity._exact_decimal: (("dec",), ("opt", ("dec",))),
}


def _converter_skipped(a: attrs.Attribute[Any], spec: Spec) -> bool:
    """Whether ``a`` has no converter, or one that is the identity on what ``spec`` makes."""
    if a.converter is None:
        return True
    try:
        specs = _IDENTITY_CONVERTERS.get(a.converter, ())
    except TypeError:  # an unhashable converter: not one of the model layer's
        return False
    return a.default is attrs.NOTHING and spec in specs


def _slot_setters(cls: type, plan: Plan) -> list[Any] | None:
    """Each field's slot setter, or None when only calling the class builds it faithfully."""
    init = getattr(vars(cls).get("__init__"), "__code__", None)
    if (
        init is None
        or not init.co_filename.startswith("<attrs generated")
        or hasattr(cls, "__attrs_pre_init__")
        or hasattr(cls, "__attrs_post_init__")
        or not all(_converter_skipped(a, spec) for a, spec in plan)
        or len(plan) != len(attrs.fields(cls))
    ):
        return None
    setters: list[Any] = []
    for a, _ in plan:
        owner = next((c for c in cls.__mro__ if a.name in vars(c)), None)
        slot = None if owner is None else vars(owner)[a.name]
        if not isinstance(slot, types.MemberDescriptorType):
            return None  # a dict class, or something attrs does not own
        # The descriptor's bound __set__ is the cheapest way Python offers to fill a slot of a
        # frozen instance (cheaper than object.__setattr__, which looks the name up again).
        setters.append(slot.__set__)
    if any(_HASH_CACHE in vars(c) for c in cls.__mro__):
        return None  # attrs' __init__ also resets the cached hash
    return setters


def _twin(cls: type) -> type | None:
    """A private subclass of ``cls``, with its exact memory layout, whose slots plain assignment
    can set (None where that cannot be had without side effects).

    Setting a slot through its descriptor's ``__set__`` is a Python-level call per field; on an
    instance of the twin, ``i.name = value`` is one (specialised) bytecode, and
    ``i.__class__ = cls`` then makes it a ``cls``: Python's own ``__class__`` assignment, which
    checks that the layouts are the same. The twin adds no slot and no field; it is visible only
    in ``cls.__subclasses__()`` (the model layer never asks).

    The twin's ``__new__`` and ``__init__`` are :class:`object`'s, so that calling it makes the
    same empty instance as ``object.__new__(twin)`` (attrs' ``__init__`` never runs) for about
    two thirds of the cost: the call goes to C's ``object_new`` directly, where
    ``object.__new__`` first unpacks and checks its arguments.
    """
    if type(cls) not in (type, abc.ABCMeta) or any(
        "__init_subclass__" in vars(c) for c in cls.__mro__[:-1]
    ):
        return None  # creating a subclass could run someone's code
    namespace = {
        "__slots__": (),
        "__module__": __name__,
        "__qualname__": f"<builder of {cls.__qualname__}>",
        # Both, or the type keeps a Python-level __setattr__ slot for attrs' frozen __delattr__.
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
        "__new__": object.__new__,
        "__init__": object.__init__,
    }
    twin: type = type(cls)(cls.__name__, (cls,), namespace)
    try:
        probe: Any = twin()
        probe.__class__ = cls
    except TypeError:  # pragma: no cover - slotted attrs classes and their twins always agree
        return None
    return twin


def _flatten(validator: Any) -> list[Any]:
    if validator is None:
        return []
    if isinstance(validator, _AND):
        return [v for inner in validator._validators for v in _flatten(inner)]
    return [validator]


# The conditions under which the model layer's common validators raise, for a value that has been
# structured already. Each is at least as strict as the validator (``type(v) is str`` where it
# asks ``isinstance``): where the inline check fails, the detailed converter decides. Text is
# known to hold no lone surrogate (the validators refuse one): from_dict has checked the whole
# document, which orjson cannot even read otherwise.
_INLINE: dict[Any, str] = {
    _base.counts: "{v} is not None and (type({v}) is not _int or {v} < 0 or {v} > _MAXC)",
    _base.non_negative: "{v} is not None and {v} < 0",
    _base.text: "type({v}) is not _str or not {v}.strip()",
    _base.optional_text: "{v} is not None and (type({v}) is not _str or not {v}.strip())",
    _base.optional_url: "{v} is not None and (type({v}) is not _str or _url_match({v}) is None)",
    _base.decimal_value: (
        "not (_MINC <= {v} <= _MAXC) if type({v}) is _int"
        " else type({v}) is not _Dec or not {v}.is_finite() or not _dec_bounds({v})"
    ),
    _base.finite_decimal: "type({v}) is not _Dec or not {v}.is_finite() or not _dec_bounds({v})",
    # Two rows of table 3 with the same row: the set of the rows is smaller than the table.
    _tables._rows_unique: "_len(_set(_map(_get_row, {v}))) != _len({v})",
    # The same pattern, prefixes and tests, in the same order, as RegionCode's own.
    _agency.RegionCode._check: (
        "type({v}) is not _str or _six_digits({v}) is None or {v}[:2] not in _PROVINCES"
        ' or ({v}[2:4] == "00" and {v}[4:] != "00")'
    ),
}

# The report classes' table-3 validator is a closure per format version (``_rows_of``): known
# by its code, with the version it holds; ``row_codes`` is ``tuple(r.row for r in rows)``.
_ROWS_OF = _report._rows_of(next(iter(FormatVersion))).__code__
_ROWS_OF_CHECK = (
    "{v} is not None and _tuple(_map(_get_row, {v}.rows)) != _FV.{version}.application_rows"
)


def _rows_of_check(validator: Any, var: str) -> str | None:
    """The condition of a report's table-3 validator (None for anything else)."""
    if getattr(validator, "__code__", None) is not _ROWS_OF:
        return None
    (cell,) = validator.__closure__  # the code is _rows_of's: its one free variable, version
    version = cell.cell_contents
    name = getattr(version, "name", "")
    if getattr(FormatVersion, name, None) is not version:
        return None  # made by hand with something else: called, as any other validator
    return _ROWS_OF_CHECK.format(v=var, version=name)


# The same conditions where the value is known to be exactly of the given type (structuring has
# just tested it, in the same expression): the test of the type is not repeated, and the None
# case is decided by the caller (see :meth:`_Generator.field_stmts`). Each entry agrees with the
# full condition above on every value of its type (a test checks it); a validator or a type not
# listed takes the full condition.
_TYPED: dict[Any, dict[type, str]] = {
    _base.counts: {int: "{v} < 0 or {v} > _MAXC"},
    _base.non_negative: {int: "{v} < 0", Decimal: "{v} < 0"},
    _base.text: {str: "not {v}.strip()"},
    _base.optional_text: {str: "not {v}.strip()"},
    _base.optional_url: {str: "_url_match({v}) is None"},
    _base.decimal_value: {
        int: "{v} < _MINC or {v} > _MAXC",
        Decimal: "not {v}.is_finite() or not _dec_bounds({v})",
    },
    _base.finite_decimal: {Decimal: "not {v}.is_finite() or not _dec_bounds({v})"},
    _agency.RegionCode._check: {
        str: (
            '_six_digits({v}) is None or {v}[:2] not in _PROVINCES or ({v}[2:4] == "00"'
            ' and {v}[4:] != "00")'
        )
    },
}


def _typed_check(validator: Any, var: str, tp: type) -> str | None:
    """Like :func:`_inline_check`, for a ``var`` known to be exactly a ``tp``."""
    if isinstance(validator, _OPTIONAL):  # not None: only the inner validators matter
        inner = [_typed_check(v, var, tp) for v in _flatten(validator.validator)]
        if not inner or None in inner:
            return None  # as _inline_check: only calling the validator checks it
        return _any(typing.cast("list[str]", inner))
    try:
        template = _TYPED.get(validator, {}).get(tp)
    except TypeError:  # an unhashable validator: not one of the model layer's
        template = None
    return _inline_check(validator, var) if template is None else template.format(v=var)


def _inline_check(validator: Any, var: str) -> str | None:
    """A condition on ``var`` that is true where ``validator`` would raise, if one is known."""
    if isinstance(validator, _OPTIONAL):
        inner = [_inline_check(v, var) for v in _flatten(validator.validator)]
        if not inner or None in inner:
            return None
        return f"{var} is not None and ({' or '.join(f'({c})' for c in inner)})"
    if isinstance(validator, _base.Nesting):
        # Most tuples of nested models are empty, and most others hold models with none of
        # their own: one level, never too deep (MAX_NESTING >= 1), known without the walk.
        children = validator.children
        return (
            f"{var} and _any_of(_map(_kids[{children!r}], {var}))"
            f" and _too_deep({var}, {children!r})"
        )
    try:
        template = _INLINE.get(validator)
    except TypeError:  # an unhashable validator: not one of the model layer's
        return None
    return _rows_of_check(validator, var) if template is None else template.format(v=var)


def _known(a: attrs.Attribute[Any]) -> list[Any]:
    """The validators of ``a`` whose conditions are tested inline (the others are called)."""
    return [v for v in _flatten(a.validator) if _inline_check(v, "v") is not None]


def _any(conditions: list[str]) -> str:
    """The conditions joined with ``or``, each in parentheses unless it is the only one."""
    return conditions[0] if len(conditions) == 1 else " or ".join(f"({c})" for c in conditions)


def _is_leaf(spec: Spec) -> bool:
    """True if nothing in ``spec`` is a model class (its values unstructure inline)."""
    if spec[0] in ("attrs", "poly"):
        return False
    return spec[0] not in ("opt", "tuple") or _is_leaf(spec[1])


def _bad() -> Any:
    """Raise :class:`_Fail` from within an expression."""
    raise _Fail


# --- the generator ------------------------------------------------------------------------------

# The generated functions of a class: structure (every key), structure (keys left out),
# unstructure.
_PARTS = ("s", "u", "g")


class _TagTable(dict[str, Any]):
    """A polymorphic base's tags -> structuring functions, each generated on its first document.

    An unknown tag raises (the detailed converter then says which tags there are).
    """

    def __init__(self, gen: _Generator, base: type) -> None:
        super().__init__()
        self.gen = gen
        self.base = base

    def __missing__(self, tag: str) -> Callable[[Any], Any]:
        return self.gen.tagged(self, tag)


class _ClassTable(dict[type, Any]):
    """Registered polymorphic classes -> unstructuring functions, each generated on first use."""

    def __init__(self, gen: _Generator) -> None:
        super().__init__()
        self.gen = gen

    def __missing__(self, cls: type) -> Callable[[Any], Any]:
        return self.gen.tagged_unstructurer(cls)


class _Getters(dict[str, Any]):
    """Attribute names -> their ``operator.attrgetter``, each made on first use."""

    def __missing__(self, name: str) -> Any:
        getter = self[name] = operator.attrgetter(name)
        return getter


def _registered(cls: type) -> bool:
    return cls in registry.registered_tags(cls).values()


class _Generator:
    """Holds the namespace of the generated functions and the names given to classes."""

    #: Whether the values read are known to be of their declared types already (a subclass
    #: reading what a typed decoder made): then only the validators' conditions are tested.
    types_checked = False

    def __init__(self) -> None:
        self.ns: dict[str, Any] = {
            "_Fail": _Fail,
            "_bad": _bad,
            "_date_match": _ISO_DATE.fullmatch,
            "_dec_match": _DECIMAL.fullmatch,
            "_dec_bounds": _base.in_bounds,
            "_fromiso": date.fromisoformat,
            "_iso": date.isoformat,
            "_Dec": Decimal,
            "_fmt": format,
            "_list": list,
            "_map": map,
            "_tuple": tuple,
            "_str": str,
            "_dict": dict,
            "_int": int,
            "_bool": bool,
            # ``_new(twin)`` calls the twin (see _twin); ``_obj_new(cls)`` is for a class with
            # no twin, whose own __init__ must not run.
            "_new": operator.call,
            "_obj_new": object.__new__,
            "_url_match": _base.URL_PATTERN.fullmatch,
            "_too_deep": _base.Nesting.too_deep,
            "_any_of": any,
            "_kids": _Getters(),
            "_MAXC": _base.MAX_COUNT,
            # Not ``-_MAXC`` in the conditions: that makes a new (big) int at every test.
            "_MINC": -_base.MAX_COUNT,
            "_len": len,
            "_set": set,
            "_get_row": operator.attrgetter("row"),
            "_six_digits": _agency._SIX_DIGITS.fullmatch,
            "_PROVINCES": _agency._PROVINCES,
            "_FV": FormatVersion,
        }
        self.ids: dict[type, int] = {}
        self.poly_ids: dict[type, int] = {}
        self.plans: dict[type, Plan | None] = {}
        self.annotations: dict[tuple[str, str], Any] = {}
        self.none_fails: dict[Any, bool] = {}
        self.classes: list[type] = []
        self.sources: dict[type, dict[str, str]] = {}
        self.done: set[tuple[int, str]] = set()
        self.unpoly = _ClassTable(self)
        self.ns["_UP"] = self.unpoly
        self.counter = 0
        self.entry_s: dict[Any, Callable[[Any], Any]] = {}
        self.entry_u: dict[Any, Callable[[Any], Any]] = {}

    # names ---------------------------------------------------------------------------------

    def _fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def class_id(self, cls: type) -> int:
        """The number of ``cls``; its functions start as stubs that generate them when called.

        ``_s{k}`` structures a document with every key, ``_g{k}`` one that leaves keys out,
        ``_u{k}`` unstructures: each is generated (compiled) the first time it is called, so a
        class that no document holds costs nothing, and reading costs nothing for writing.
        """
        k = self.ids.get(cls)
        if k is None:
            k = self.ids[cls] = len(self.classes)
            self.classes.append(cls)
            for part in _PARTS:
                self.ns[f"_{part}{k}"] = self._stub(k, part)
        return k

    def _stub(self, k: int, part: str) -> Callable[[Any], Any]:
        def generate_on_first_call(value: Any) -> Any:
            return self.materialize(k, part)(value)

        return generate_on_first_call

    def materialize(self, k: int, part: str) -> Callable[[Any], Any]:
        """The generated function ``part`` (``s``, ``g`` or ``u``) of class ``k``."""
        with _lock:
            if (k, part) not in self.done:
                self._generate(k, part)
            fn: Callable[[Any], Any] = self.ns[f"_{part}{k}"]
            return fn

    def dispatcher(self, base: type) -> str:
        """The name of the function that structures a field declared as polymorphic ``base``."""
        k = self.poly_ids.get(base)
        if k is None:
            k = self.poly_ids[base] = len(self.poly_ids)
            self.ns[f"_T{k}"] = _TagTable(self, base)
            src = (
                f"def _p{k}(o):\n"
                "    if type(o) is not _dict:\n"
                "        raise _Fail\n"
                "    t = o['type']\n"
                "    if type(t) is not _str:\n"
                "        raise _Fail\n"
                f"    return _T{k}[t](o)\n"
            )
            exec(
                compile(src, f"<govdisclosure compiled dispatch {base.__qualname__}>", "exec"),
                self.ns,
            )
        return f"_p{k}"

    def ref(self, cls: type, polymorphic: bool) -> str:
        return self.dispatcher(cls) if polymorphic else f"_s{self.class_id(cls)}"

    def tagged(self, table: _TagTable, tag: str) -> Callable[[Any], Any]:
        """The structuring function of the class ``tag`` names under ``table``'s base."""
        with _lock:
            cls = registry.registered_tags(table.base).get(tag)
            if cls is None:
                raise _Fail
            fn = table[tag] = self.materialize(self.class_id(cls), "s")
            return fn

    def tagged_unstructurer(self, cls: type) -> Callable[[Any], Any]:
        """The unstructuring function of a registered polymorphic class (else raises)."""
        with _lock:
            if not (attrs.has(cls) and registry.is_polymorphic(cls) and _registered(cls)):
                raise _Fail  # cattrs raises the registration error
            fn = self.unpoly[cls] = self.materialize(self.class_id(cls), "u")
            return fn

    # fields --------------------------------------------------------------------------------

    def plan(self, cls: type) -> Plan | None:
        """The fields of ``cls`` with their specs; None if the generator has no rule for it."""
        if cls in self.plans:
            return self.plans[cls]
        try:
            plan = self._plan(cls)
        except _Unsupported:
            plan = None
        self.plans[cls] = plan
        return plan

    def _plan(self, cls: type) -> Plan:
        if hasattr(cls, "__attrs_init__"):  # attrs was told not to write __init__
            raise _Unsupported(cls)
        polymorphic = registry.is_polymorphic(cls)
        if polymorphic and not _registered(cls):
            raise _Unsupported(cls)  # no tag: cattrs raises the registration error
        fields = attrs.fields(cls)
        for a in fields:
            if (
                not a.init
                or a.alias != a.name
                or not a.name.isidentifier()
                or keyword.iskeyword(a.name)
                or (polymorphic and a.name == registry.TAG_KEY)
                or (isinstance(a.default, attrs.Factory) and a.default.takes_self)  # type: ignore[arg-type]
            ):
                raise _Unsupported(cls)
        try:
            return [(a, _spec(tp)) for a, tp in zip(fields, self._field_types(cls), strict=True)]
        except Exception:  # anything unusual: resolve the types as attrs does, or give up
            pass
        try:
            attrs.resolve_types(cls)
        except Exception as exc:
            raise _Unsupported(cls) from exc
        return [(a, _spec(a.type)) for a in attrs.fields(cls)]

    def _field_types(self, cls: type) -> list[Any]:
        """The fields' declared types, as ``typing.get_type_hints`` evaluates them.

        That is: a string annotation in the globals of the module of the class that declares
        the field. Here each distinct string is evaluated once per module (most are
        ``int | None`` and the like) and a bare name is only looked up; ``get_type_hints``
        compiles every annotation of every class again, which was most of the cost of the first
        call. Anything it cannot evaluate so raises, and :meth:`_plan` asks attrs instead.
        """
        types: list[Any] = []
        for a in attrs.fields(cls):
            tp = a.type
            if isinstance(tp, str):
                owner = next(c for c in cls.__mro__ if a.name in vars(c).get("__annotations__", ()))
                key = (tp, owner.__module__)
                if key in self.annotations:
                    tp = self.annotations[key]
                else:
                    namespace = vars(sys.modules[owner.__module__])
                    if tp.isidentifier():
                        tp = namespace[tp] if tp in namespace else vars(builtins)[tp]
                    else:
                        tp = eval(tp, namespace)  # the annotation, as get_type_hints evaluates it
                    self.annotations[key] = tp
            types.append(tp)
        return types

    def field_stmts(
        self, a: attrs.Attribute[Any], spec: Spec, var: str, out: list[str], pad: str, check: bool
    ) -> None:
        """Statements that check the JSON value ``var`` of field ``a`` and structure it in place.

        The one place where a field's checks are generated. With ``check``, the conditions of
        the validators this module knows (:data:`_INLINE`) are tested too, in the same test as
        the type check of structuring wherever the value is used as it is (each condition is
        safe on any value, so a change to :data:`_INLINE` needs no change here); the other
        validators are left to :meth:`_build`, which calls them.
        """
        known = _known(a) if check else []
        kind = spec[0]
        inner = spec[1] if kind == "opt" else spec
        if inner[0] == "prim":
            # Used as it is: one test for the type and every known validator, the latter
            # written for a value of that type (the type test comes first in the ``or``).
            tp = inner[1]
            typed = [typing.cast("str", _typed_check(v, var, tp)) for v in known]
            tests = typed if self.types_checked else [f"type({var}) is not _{tp.__name__}", *typed]
            if not tests:
                return
            either = _any(tests)
            if kind != "opt":
                condition = either
            elif self.fails_on_none(known):
                condition = f"{var} is None or {either}"
            else:
                condition = f"{var} is not None and ({either})"
            out.append(f"{pad}if {condition}:")
            out.append(f"{pad}    raise _Fail")
            return
        if kind in ("dec", "intdec"):
            # One branch per type the value can have once structured, each with the
            # validators' conditions for that type only.
            self.number_stmts(kind, known, var, out, pad)
            return
        self.structure_stmts(spec, var, out, pad)
        conditions = [typing.cast("str", _inline_check(v, var)) for v in known]
        if conditions:
            out.append(f"{pad}if {_any(conditions)}:")
            out.append(f"{pad}    raise _Fail")

    def fails_on_none(self, validators: list[Any]) -> bool:
        """Whether one of these (inlinable) validators refuses None: decided once per
        validator, as compiling its condition is most of the cost."""
        return any(self._refuses_none(validator) for validator in validators)

    def _refuses_none(self, validator: Any) -> bool:
        try:
            return self.none_fails[validator]
        except KeyError:
            cache = True
        except TypeError:  # unhashable (an optional of a list, say): decided every time
            cache = False
        try:
            fails = bool(
                eval(typing.cast("str", _inline_check(validator, "v")), self.ns, {"v": None})
            )
        except Exception:  # pragma: no cover - the conditions are safe on any value
            fails = True
        if cache:
            self.none_fails[validator] = fails
        return fails

    def number_stmts(
        self, kind: str, validators: list[Any], var: str, out: list[str], pad: str
    ) -> None:
        """Statements for a decimal (``dec``) or int-or-decimal (``intdec``) field: structure it,
        then test the validators' conditions for the type it turned out to have."""
        if kind == "intdec":
            int_checks = [typing.cast("str", _typed_check(v, var, int)) for v in validators]
            if int_checks:
                out.append(f"{pad}if type({var}) is _int:")
                out.append(f"{pad}    if {_any(int_checks)}:")
                out.append(f"{pad}        raise _Fail")
                out.append(f"{pad}else:")
            else:
                out.append(f"{pad}if type({var}) is not _int:")
            pad += "    "
        out.append(f"{pad}if type({var}) is not _str or _dec_match({var}) is None:")
        out.append(f"{pad}    raise _Fail")
        out.append(f"{pad}{var} = _Dec({var})")
        dec_checks = [typing.cast("str", _typed_check(v, var, Decimal)) for v in validators]
        if dec_checks:
            out.append(f"{pad}if {_any(dec_checks)}:")
            out.append(f"{pad}    raise _Fail")

    def default_stmts(self, a: attrs.Attribute[Any], var: str, out: list[str], pad: str) -> None:
        """Statements that check a field's default as attrs' ``__init__`` would (any value).

        A plain default is checked here, once: only one that fails costs anything at run time.
        """
        conditions = [c for v in _flatten(a.validator) if (c := _inline_check(v, var)) is not None]
        if conditions and not isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            try:
                fails = any(eval(c, self.ns, {var: a.default}) for c in conditions)
            except Exception:
                fails = True
            conditions = ["True"] if fails else []
        if conditions:
            out.append(f"{pad}if {_any(conditions)}:")
            out.append(f"{pad}    raise _Fail")

    @staticmethod
    def called_validators(a: attrs.Attribute[Any]) -> list[Any]:
        """The validators of ``a`` that :meth:`field_stmts` does not inline."""
        # TypeCheck: structuring made the declared type already, and the text of a document
        # holds no lone surrogate (from_dict checks the whole document first).
        return [
            v
            for v in _flatten(a.validator)
            if not isinstance(v, _base.TypeCheck) and _inline_check(v, "v") is None
        ]

    # structure -----------------------------------------------------------------------------

    def structure_stmts(self, spec: Spec, var: str, out: list[str], pad: str) -> None:
        """Statements that check ``var`` and replace it with its structured value."""
        kind = spec[0]
        if kind == "prim":
            out.append(f"{pad}if type({var}) is not _{spec[1].__name__}:")
            out.append(f"{pad}    raise _Fail")
        elif kind == "date":
            out.append(f"{pad}if type({var}) is not _str or _date_match({var}) is None:")
            out.append(f"{pad}    raise _Fail")
            out.append(f"{pad}{var} = _fromiso({var})")
        elif kind == "dec":
            out.append(f"{pad}if type({var}) is not _str or _dec_match({var}) is None:")
            out.append(f"{pad}    raise _Fail")
            out.append(f"{pad}{var} = _Dec({var})")
        elif kind == "intdec":
            out.append(f"{pad}if type({var}) is not _int:")
            out.append(f"{pad}    if type({var}) is not _str or _dec_match({var}) is None:")
            out.append(f"{pad}        raise _Fail")
            out.append(f"{pad}    {var} = _Dec({var})")
        elif kind == "enum":
            table = self._fresh("_E")
            self.ns[table] = spec[1]._value2member_map_
            # The table's keys are the codes (str): a code it lacks raises KeyError, which sends
            # the document to the detailed converter like any other exception.
            out.append(f"{pad}{var} = {table}[{var}] if type({var}) is _str else _bad()")
        elif kind in ("attrs", "poly"):
            out.append(f"{pad}{var} = {self.ref(spec[1], kind == 'poly')}({var})")
        elif kind == "opt":
            out.append(f"{pad}if {var} is not None:")
            self.structure_stmts(spec[1], var, out, pad + "    ")
        else:  # tuple
            item = spec[1]
            if not self.types_checked:
                out.append(f"{pad}if type({var}) is not _list:")
                out.append(f"{pad}    raise _Fail")
            x = self._fresh("x")
            if item[0] in ("attrs", "poly"):
                fn = self.ref(item[1], item[0] == "poly")
                # ``map`` calls from C (no comprehension frame); an empty list gives the empty
                # tuple without building anything.
                out.append(f"{pad}{var} = _tuple(_map({fn}, {var})) if {var} else ()")
            elif _identity_item(item):
                if self.types_checked:
                    return  # a typed decoder made a tuple of exactly the items' type
                out.append(f"{pad}for {x} in {var}:")
                self.structure_stmts(item, x, out, pad + "    ")
                out.append(f"{pad}{var} = _tuple({var})")
            else:
                acc = self._fresh("acc")
                out.append(f"{pad}{acc} = []")
                out.append(f"{pad}for {x} in {var}:")
                self.structure_stmts(item, x, out, pad + "    ")
                out.append(f"{pad}    {acc}.append({x})")
                out.append(f"{pad}{var} = _tuple({acc})")

    # unstructure ---------------------------------------------------------------------------

    def unstructure_expr(self, spec: Spec, src: str) -> str:
        """An expression giving what the converter's hook for ``spec`` gives for ``src``."""
        kind = spec[0]
        if kind == "prim":
            return src
        if kind == "date":
            return f"_iso({src})"
        if kind == "dec":
            return f'_fmt({src}, "f")'
        if kind == "enum":
            return f"{src}._value_"
        if kind == "opt" and spec[1][0] == "prim":
            return src  # the converter registers ``identity`` for these
        if kind == "tuple":
            item = spec[1]
            if _identity_item(item):
                return f"_list({src})"
            t, bind = self._named(src)
            # Most tuples of models are empty (a figure's parts, a section's subsections): the
            # empty list is had without a call, a ``map`` or a comprehension.
            if item[0] == "attrs" and self.inlined(item[1]) is None:
                return f"(_list(_map(_u{self.class_id(item[1])}, {t})) if {bind} else [])"
            x = self._fresh("x")
            return f"([{self.unstructure_expr(item, x)} for {x} in {t}] if {bind} else [])"
        if kind == "attrs":
            k = self.class_id(spec[1])
            plan = self.inlined(spec[1])
            if plan is None:
                return f"_u{k}({src})"
            # A leaf class's dict, built in place: a function call less per instance.
            self.ns[f"_C{k}"] = spec[1]
            t, bind = self._named(src)
            return f"({self.dict_expr(spec[1], plan, t)} if {bind}.__class__ is _C{k} else _bad())"
        t, bind = self._named(src)
        if kind == "intdec":
            return f'({t} if type({bind}) is _int else _fmt({t}, "f"))'
        if kind == "poly":
            return f"_UP[{bind}.__class__]({t})"
        # opt
        return f"(None if {bind} is None else {self.unstructure_expr(spec[1], t)})"

    def _named(self, src: str) -> tuple[str, str]:
        """For an expression used more than once: (a name for it, the first use binding it)."""
        if src.isidentifier():
            return src, src
        t = self._fresh("t")
        return t, f"({t} := {src})"

    def inlined(self, cls: type) -> Plan | None:
        """The plan of a plain class whose fields hold no model (unstructured in place)."""
        plan = self.plan(cls)
        if plan is None or registry.is_polymorphic(cls) or not all(_is_leaf(s) for _, s in plan):
            return None
        return plan

    def dict_expr(self, cls: type, plan: Plan, src: str) -> str:
        """The dict literal that unstructures the instance named ``src`` (a ``cls``)."""
        items = [
            f"{a.name!r}: {self.unstructure_expr(spec, f'{src}.{a.name}')}" for a, spec in plan
        ]
        return "{" + ", ".join(items) + "}"

    # classes -------------------------------------------------------------------------------

    def _generate(self, k: int, part: str) -> None:
        cls = self.classes[k]
        plan = self.plan(cls)
        if plan is None:
            self._delegate(cls, k)
            return
        write = {
            "s": self._structure_source,
            "g": self._partial_source,
            "u": self._unstructure_source,
        }
        src = write[part](cls, k, plan)
        self.sources.setdefault(cls, {})[part] = src
        exec(compile(src, f"<govdisclosure compiled {cls.__qualname__}>", "exec"), self.ns)
        self.done.add((k, part))

    def _delegate(self, cls: type, k: int) -> None:
        def structure_with_cattrs(value: Any) -> Any:
            return converter(True).structure(value, cls)

        def unstructure_with_cattrs(value: Any) -> Any:
            return converter().unstructure(value, cls)

        self.ns[f"_s{k}"] = self.ns[f"_g{k}"] = structure_with_cattrs
        self.ns[f"_u{k}"] = unstructure_with_cattrs
        self.done.update((k, part) for part in _PARTS)

    def _structure_source(self, cls: type, k: int, plan: Plan) -> str:
        polymorphic = registry.is_polymorphic(cls)
        self.ns[f"_C{k}"] = cls
        lines = [f"def _s{k}(o):"]
        if not polymorphic:  # the dispatcher has checked it for polymorphic classes
            lines += ["    if type(o) is not _dict:", "        raise _Fail"]
        extra = 1 if polymorphic else 0  # the tag, already checked by the dispatcher
        # Documents written by to_json carry every key: with as many keys as fields, every
        # field must be there (a missing one means an unknown one), so no key is tested twice.
        # Any other document takes the function for missing keys, generated on first need.
        lines.append(f"    if len(o) != {len(plan) + extra}:")
        lines.append(f"        return _g{k}(o)")
        build, check = self._build(cls, k, plan)
        for i, (a, spec) in enumerate(plan):
            lines.append(f"    v{i} = o[{a.name!r}]")
            self.field_stmts(a, spec, f"v{i}", lines, "    ", check)
        lines += [*build, "    return i"]
        return "\n".join(lines) + "\n"

    def _unstructure_source(self, cls: type, k: int, plan: Plan) -> str:
        polymorphic = registry.is_polymorphic(cls)
        self.ns[f"_C{k}"] = cls
        items = self.dict_expr(cls, plan, "o")
        if polymorphic:
            items = f"{{{registry.TAG_KEY!r}: {registry.tag_of(cls)!r}, {items[1:]}"
        lines = [f"def _u{k}(o):"]
        if not polymorphic:  # a subclass of a plain model: cattrs raises the registration error
            lines += [f"    if o.__class__ is not _C{k}:", "        raise _Fail"]
        lines.append(f"    return {items}")
        return "\n".join(lines) + "\n"

    def _partial_source(self, cls: type, k: int, plan: Plan) -> str:
        polymorphic = registry.is_polymorphic(cls)
        build, check = self._build(cls, k, plan)
        required = sum(1 for a, _ in plan if a.default is attrs.NOTHING)
        lines = [f"def _g{k}(o):", f"    n = {required + (1 if polymorphic else 0)}"]
        for i, (a, spec) in enumerate(plan):
            var = f"v{i}"
            key = repr(a.name)
            if a.default is attrs.NOTHING:
                lines.append(f"    {var} = o[{key}]")
                self.field_stmts(a, spec, var, lines, "    ", check)
                continue
            lines.append(f"    if {key} in o:")
            lines.append("        n += 1")
            lines.append(f"        {var} = o[{key}]")
            self.field_stmts(a, spec, var, lines, "        ", check)
            lines.append("    else:")
            default = f"_d{k}_{i}"
            if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
                self.ns[default] = a.default.factory  # type: ignore[union-attr]
                lines.append(f"        {var} = {default}()")
            else:
                self.ns[default] = a.default
                lines.append(f"        {var} = {default}")
            if check:
                self.default_stmts(a, var, lines, "        ")
        lines.append("    if len(o) != n:")
        lines.append("        raise _Fail")
        lines += [*build, "    return i"]
        return "\n".join(lines) + "\n"

    def _build(
        self,
        cls: type,
        k: int,
        plan: Plan,
        *,
        into: str = "i",
        values: str = "v",
        pad: str = "    ",
    ) -> tuple[list[str], bool]:
        """Statements that build the instance ``into`` from ``v0``, ``v1``, ... (``values``
        names the prefix); and whether :meth:`field_stmts` must check the validators'
        conditions.

        Where attrs' own ``__init__`` would only assign the fields and run validators, the
        instance is built directly: the conditions of the validators this module knows are
        checked by :meth:`field_stmts` (failing with ``_Fail``, so the caller's detailed
        converter reports the problem) and each value is stored through its slot. Validators it
        does not know are called exactly as attrs calls them, after every field is set.
        Anything else calls the class, whose ``__init__`` runs the validators.
        """
        names = [f"{values}{n}" for n in range(len(plan))]
        setters = _slot_setters(cls, plan)
        if setters is None:
            kwargs = ", ".join(f"{a.name}={v}" for (a, _), v in zip(plan, names, strict=True))
            return [f"{pad}{into} = _C{k}({kwargs})"], False
        calls: list[str] = []
        for n, (a, _) in enumerate(plan):
            for validator in self.called_validators(a):
                self.ns[f"_V{k}_{n}_{len(calls)}"] = validator
                self.ns[f"_A{k}_{n}"] = a
                calls.append(f"{pad}_V{k}_{n}_{len(calls)}({into}, _A{k}_{n}, {names[n]})")
        twin = _twin(cls)
        if twin is not None:
            self.ns[f"_M{k}"] = twin
            out = [f"{pad}{into} = _new(_M{k})"]
            out += [f"{pad}{into}.{a.name} = {v}" for (a, _), v in zip(plan, names, strict=True)]
            out.append(f"{pad}{into}.__class__ = _C{k}")
        else:
            out = [f"{pad}{into} = _obj_new(_C{k})"]
            for n, setter in enumerate(setters):
                self.ns[f"_S{k}_{n}"] = setter
                out.append(f"{pad}_S{k}_{n}({into}, {names[n]})")
        return [*out, *calls], True

    def entry(self, cls: Any, structuring: bool) -> Callable[[Any], Any]:
        """The function for a top-level call (the converter's hook for ``cls``)."""
        if not (isinstance(cls, type) and attrs.has(cls)):
            return _cattrs_structurer(cls) if structuring else _cattrs_unstructurer
        polymorphic = registry.is_polymorphic(cls)
        if not structuring and polymorphic:
            try:
                found: Callable[[Any], Any] = self.unpoly[cls]
            except _Fail:  # only registered classes have a tag; cattrs raises the error
                return _cattrs_unstructurer
            return found
        if structuring and polymorphic:
            fn: Callable[[Any], Any] = self.ns[self.dispatcher(cls)]
            return fn
        return self.materialize(self.class_id(cls), "s" if structuring else "u")


# --- the cache ----------------------------------------------------------------------------------

_lock = threading.RLock()
_gen: _Generator | None = None


def _generator() -> _Generator:
    global _gen
    gen = _gen
    if gen is None:
        # Nothing is generated yet: each class is generated when a call first needs it.
        gen = _gen = _Generator()
    return gen


def clear() -> None:
    """Drop every generated function (called on every registration)."""
    global _gen
    with _lock:
        _gen = None


registry.on_change(clear)


def _entry(cls: type, structuring: bool) -> Callable[[Any], Any]:
    with _lock:
        gen = _generator()
        cache = gen.entry_s if structuring else gen.entry_u
        fn = cache.get(cls)
        if fn is None:
            fn = gen.entry(cls, structuring)
            cache[cls] = fn
        return fn


def _cattrs_structurer(cls: Any) -> Callable[[Any], Any]:
    def structure_with_cattrs(value: Any) -> Any:
        return converter(True).structure(value, cls)

    return structure_with_cattrs


def _cattrs_unstructurer(value: Any) -> Any:
    return converter().unstructure(value)


def structure(data: Any, cls: type[T]) -> T:
    """``data`` as a ``cls``, exactly as the converter of record would build it; raises otherwise.

    What it raises says nothing useful: on any exception, ask the detailed converter.

    >>> from govdisclosure.model import Money
    >>> structure({"amount": "3940", "unit": "yuan"}, Money)
    Money(amount=Decimal('3940'), unit=<MoneyUnit.YUAN: 'yuan'>)
    """
    gen = _gen
    fn = None if gen is None else gen.entry_s.get(cls)
    if fn is None:
        fn = _entry(cls, True)
    result: T = fn(data)
    return result


def unstructure(obj: object) -> Any:
    """What ``converter().unstructure(obj)`` gives, key order included; raises on any problem.

    >>> from govdisclosure.model import Quantity
    >>> unstructure(Quantity(400, "篇"))
    {'value': 400, 'unit': '篇', 'qualifier': 'exact'}
    """
    gen = _gen
    fn = None if gen is None else gen.entry_u.get(obj.__class__)
    if fn is None:
        fn = _entry(obj.__class__, False)
    return fn(obj)


def source(cls: type) -> str | None:
    """The generated source for ``cls`` (None if cattrs handles it whole), for reading."""
    with _lock:
        gen = _generator()
        if not attrs.has(cls):
            return None
        k = gen.class_id(cls)
        for part in _PARTS:  # each is otherwise generated on first need
            gen.materialize(k, part)
        parts = gen.sources.get(cls)
        return None if parts is None else "".join(parts[part] for part in _PARTS)
