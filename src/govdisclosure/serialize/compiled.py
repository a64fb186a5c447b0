"""A compiled fast path for the converter of record: same input, same output, less overhead.

For every attrs model class, specialised Python source is generated once and ``exec``'d: one
function that structures a JSON-ready dict into the class and one that unstructures an instance
into a dict. The strict checks of :mod:`govdisclosure.serialize.converter` are inlined (``type(v)
is int``, the same date and decimal patterns, enum codes through the enum's own code table);
nested classes call each other's generated function directly; polymorphic fields dispatch on the
``"type"`` tag to the generated function of the tagged class.

The contract is narrow on purpose:

- :func:`structure` returns exactly what ``converter().structure(data, cls)`` returns, or raises
  *something* where that converter raises. It carries no error messages: the caller falls back to
  the detailed converter, which says what is wrong and where.
- :func:`unstructure` returns exactly what ``converter().unstructure(obj)`` returns (same keys,
  same order, same values, the tag first) or raises, and the caller falls back to cattrs.
- Instances are built as attrs' own ``__init__`` builds them: every validator's condition holds
  (checked inline for the model layer's validators, called for any other), or the class is
  called.
- A class the generator does not understand (a field type it has no rule for, ``init=False``,
  a factory taking ``self``, ...) is handed to the cattrs converter as a whole, never guessed.

Generated code is cached per class and dropped whenever a registration changes.
"""

from __future__ import annotations

import keyword
import threading
import types
import typing
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from govdisclosure.model import base as _base
from govdisclosure.model.base import LabelledEnum
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


def _slot_setters(cls: type, fields: list[attrs.Attribute[Any]]) -> list[Any] | None:
    """Each field's slot setter, or None when only calling the class builds it faithfully."""
    init = getattr(vars(cls).get("__init__"), "__code__", None)
    if (
        init is None
        or not init.co_filename.startswith("<attrs generated")
        or hasattr(cls, "__attrs_pre_init__")
        or hasattr(cls, "__attrs_post_init__")
        or any(a.converter is not None for a in fields)
        or len(fields) != len(attrs.fields(cls))
    ):
        return None
    setters: list[Any] = []
    for a in fields:
        owner = next((c for c in cls.__mro__ if a.name in vars(c)), None)
        slot = None if owner is None else vars(owner)[a.name]
        if not isinstance(slot, types.MemberDescriptorType):
            return None  # a dict class, or something attrs does not own
        setters.append(slot.__set__)
    if any(_HASH_CACHE in vars(c) for c in cls.__mro__):
        return None  # attrs' __init__ also resets the cached hash
    return setters


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
        "not (-_MAXC <= {v} <= _MAXC) if type({v}) is _int"
        " else type({v}) is not _Dec or not {v}.is_finite()"
    ),
    _base.finite_decimal: "type({v}) is not _Dec or not {v}.is_finite()",
}


def _inline_check(validator: Any, var: str) -> str | None:
    """A condition on ``var`` that is true where ``validator`` would raise, if one is known."""
    if isinstance(validator, _OPTIONAL):
        inner = [_inline_check(v, var) for v in _flatten(validator.validator)]
        if not inner or None in inner:
            return None
        return f"{var} is not None and ({' or '.join(f'({c})' for c in inner)})"
    if isinstance(validator, _base.Nesting):  # most tuples of nested models are empty
        return f"{var} and _too_deep({var}, {validator.children!r})"
    template = _INLINE.get(validator)
    return None if template is None else template.format(v=var)


# --- the generator ------------------------------------------------------------------------------


class _Generator:
    """Holds the namespace of the generated functions and the names given to classes."""

    def __init__(self) -> None:
        self.ns: dict[str, Any] = {
            "_Fail": _Fail,
            "_date_match": _ISO_DATE.fullmatch,
            "_dec_match": _DECIMAL.fullmatch,
            "_fromiso": date.fromisoformat,
            "_iso": date.isoformat,
            "_Dec": Decimal,
            "_fmt": format,
            "_list": list,
            "_tuple": tuple,
            "_str": str,
            "_dict": dict,
            "_int": int,
            "_bool": bool,
            "_new": object.__new__,
            "_url_match": _base.URL_PATTERN.match,
            "_too_deep": _base.Nesting.too_deep,
            "_MAXC": _base.MAX_COUNT,
        }
        self.ids: dict[type, int] = {}
        self.poly_ids: dict[type, int] = {}
        self.sources: dict[type, str] = {}
        self.pending: list[type] = []
        self.unresolved: list[tuple[dict[str, Any], str, str]] = []
        self.unpoly: dict[type, Callable[[Any], Any]] = {}
        self.ns["_UP"] = self.unpoly
        self.counter = 0
        self.entry_s: dict[Any, Callable[[Any], Any]] = {}
        self.entry_u: dict[Any, Callable[[Any], Any]] = {}

    # names ---------------------------------------------------------------------------------

    def _fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def class_id(self, cls: type) -> int:
        k = self.ids.get(cls)
        if k is None:
            k = self.ids[cls] = len(self.ids)
            self.pending.append(cls)
        return k

    def dispatcher(self, base: type) -> str:
        """The name of the function that structures a field declared as polymorphic ``base``."""
        k = self.poly_ids.get(base)
        if k is None:
            k = self.poly_ids[base] = len(self.poly_ids)
            table: dict[str, Callable[[Any], Any]] = {}
            self.ns[f"_T{k}"] = table
            for tag, cls in registry.registered_tags(base).items():
                # Filled in by resolve(), once the class's function has been generated.
                self.unresolved.append((table, tag, f"_b{self.class_id(cls)}"))
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
            out.append(f"{pad}{var} = {table}.get({var}) if type({var}) is _str else None")
            out.append(f"{pad}if {var} is None:")
            out.append(f"{pad}    raise _Fail")
        elif kind in ("attrs", "poly"):
            out.append(f"{pad}{var} = {self.ref(spec[1], kind == 'poly')}({var})")
        elif kind == "opt":
            out.append(f"{pad}if {var} is not None:")
            self.structure_stmts(spec[1], var, out, pad + "    ")
        else:  # tuple
            item = spec[1]
            out.append(f"{pad}if type({var}) is not _list:")
            out.append(f"{pad}    raise _Fail")
            x = self._fresh("x")
            if item[0] in ("attrs", "poly"):
                fn = self.ref(item[1], item[0] == "poly")
                # ``tuple([])`` is the empty-tuple singleton: skip building nothing.
                out.append(f"{pad}{var} = _tuple([{fn}({x}) for {x} in {var}]) if {var} else ()")
            elif _identity_item(item):
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
        if kind == "attrs":
            return f"_u{self.class_id(spec[1])}({src})"
        if kind == "opt" and spec[1][0] == "prim":
            return src  # the converter registers ``identity`` for these
        if kind == "tuple":
            item = spec[1]
            if _identity_item(item):
                return f"_list({src})"
            x = self._fresh("x")
            return f"[{self.unstructure_expr(item, x)} for {x} in {src}]"
        # The value is used twice: name it unless it already is a plain name.
        if src.isidentifier():
            t, bind = src, src
        else:
            t = self._fresh("t")
            bind = f"({t} := {src})"
        if kind == "intdec":
            return f'({t} if type({bind}) is _int else _fmt({t}, "f"))'
        if kind == "poly":
            return f"_UP[{bind}.__class__]({t})"
        # opt
        return f"(None if {bind} is None else {self.unstructure_expr(spec[1], t)})"

    # classes -------------------------------------------------------------------------------

    def generate(self, cls: type) -> None:
        k = self.ids[cls]
        polymorphic = registry.is_polymorphic(cls)
        try:
            src = self._class_source(cls, k, polymorphic)
        except _Unsupported:
            self._delegate(cls, k)
            return
        self.sources[cls] = src
        exec(compile(src, f"<govdisclosure compiled {cls.__qualname__}>", "exec"), self.ns)
        if polymorphic and cls in registry.registered_tags(cls).values():
            self.unpoly[cls] = self.ns[f"_u{k}"]

    def _delegate(self, cls: type, k: int) -> None:
        def structure_with_cattrs(value: Any) -> Any:
            return converter(True).structure(value, cls)

        def unstructure_with_cattrs(value: Any) -> Any:
            return converter().unstructure(value, cls)

        self.ns[f"_s{k}"] = self.ns[f"_b{k}"] = structure_with_cattrs
        self.ns[f"_u{k}"] = unstructure_with_cattrs
        if registry.is_polymorphic(cls) and cls in registry.registered_tags(cls).values():
            self.unpoly[cls] = unstructure_with_cattrs

    def _class_source(self, cls: type, k: int, polymorphic: bool) -> str:
        if "__attrs_init__" in dir(cls):  # attrs was told not to write __init__
            raise _Unsupported(cls)
        try:
            attrs.resolve_types(cls)
        except Exception as exc:
            raise _Unsupported(cls) from exc
        fields = attrs.fields(cls)
        plan: list[tuple[attrs.Attribute[Any], Spec]] = []
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
            plan.append((a, _spec(a.type)))

        self.ns[f"_C{k}"] = cls
        required = sum(1 for a, _ in plan if a.default is attrs.NOTHING)
        head = f"_b{k}" if polymorphic else f"_s{k}"
        lines = [f"def {head}(o):"]
        if not polymorphic:  # the dispatcher has checked it for polymorphic classes
            lines += ["    if type(o) is not _dict:", "        raise _Fail"]
        extra = 1 if polymorphic else 0  # the tag, already checked by the dispatcher
        build = self._build(cls, k, [a for a, _ in plan])
        # Documents written by to_json carry every key: with as many keys as fields, every
        # field must be there (a missing one means an unknown one), so no key is tested twice.
        lines.append(f"    if len(o) == {len(plan) + extra}:")
        for i, (a, spec) in enumerate(plan):
            lines.append(f"        v{i} = o[{a.name!r}]")
            self.structure_stmts(spec, f"v{i}", lines, "        ")
        lines += ["    " + line for line in build]
        lines.append(f"    n = {required + extra}")
        for i, (a, spec) in enumerate(plan):
            var = f"v{i}"
            key = repr(a.name)
            if a.default is attrs.NOTHING:
                lines.append(f"    {var} = o[{key}]")
                self.structure_stmts(spec, var, lines, "    ")
                continue
            lines.append(f"    if {key} in o:")
            lines.append("        n += 1")
            lines.append(f"        {var} = o[{key}]")
            self.structure_stmts(spec, var, lines, "        ")
            lines.append("    else:")
            default = f"_d{k}_{i}"
            if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
                self.ns[default] = a.default.factory  # type: ignore[union-attr]
                lines.append(f"        {var} = {default}()")
            else:
                self.ns[default] = a.default
                lines.append(f"        {var} = {default}")
        lines.append("    if len(o) != n:")
        lines.append("        raise _Fail")
        lines += build

        items = [f"{a.name!r}: {self.unstructure_expr(spec, 'o.' + a.name)}" for a, spec in plan]
        if polymorphic:
            if cls not in registry.registered_tags(cls).values():
                raise _Unsupported(cls)  # no tag: cattrs raises the registration error
            items.insert(0, f"{registry.TAG_KEY!r}: {registry.tag_of(cls)!r}")
        lines.append(f"def _u{k}(o):")
        if not polymorphic:  # a subclass of a plain model: cattrs raises the registration error
            lines += [f"    if o.__class__ is not _C{k}:", "        raise _Fail"]
        lines.append("    return {" + ", ".join(items) + "}")
        return "\n".join(lines) + "\n"

    def _build(self, cls: type, k: int, fields: list[attrs.Attribute[Any]]) -> list[str]:
        """Statements that build the instance from ``v0``, ``v1``, ... and return it.

        Where attrs' own ``__init__`` would only assign the fields and run validators this code
        knows, the instance is built directly: the validators' conditions are checked inline
        (failing with ``_Fail``, so the caller's detailed converter reports the problem) and
        each value is stored through its slot. Validators it does not know are called exactly
        as attrs calls them, after every field is set. Anything else calls the class.
        """
        call = f"    return _C{k}({', '.join(f'{a.name}=v{i}' for i, a in enumerate(fields))})"
        setters = _slot_setters(cls, fields)
        if setters is None:
            return [call]
        checks: list[str] = []
        calls: list[str] = []
        for i, a in enumerate(fields):
            for validator in _flatten(a.validator):
                if isinstance(validator, _base.TypeCheck):
                    # Structuring made the declared type already, and the text of a document
                    # holds no lone surrogate (from_dict checks the whole document first).
                    continue
                inline = _inline_check(validator, f"v{i}")
                if inline is not None:
                    checks.append(f"    if {inline}:")
                    checks.append("        raise _Fail")
                else:
                    self.ns[f"_V{k}_{i}_{len(calls)}"] = validator
                    self.ns[f"_A{k}_{i}"] = a
                    calls.append(f"    _V{k}_{i}_{len(calls)}(i, _A{k}_{i}, v{i})")
        out = [*checks, f"    i = _new(_C{k})"]
        for i, setter in enumerate(setters):
            self.ns[f"_S{k}_{i}"] = setter
            out.append(f"    _S{k}_{i}(i, v{i})")
        return [*out, *calls, "    return i"]

    def resolve(self) -> None:
        """Generate every class still pending and fill the tag tables with their functions."""
        while self.pending:
            self.generate(self.pending.pop())
        for table, tag, name in self.unresolved:
            table[tag] = self.ns[name]
        self.unresolved.clear()

    def entry(self, cls: Any, structuring: bool) -> Callable[[Any], Any]:
        """The function for a top-level call (the converter's hook for ``cls``)."""
        if not (isinstance(cls, type) and attrs.has(cls)):
            return _cattrs_structurer(cls) if structuring else _cattrs_unstructurer
        polymorphic = registry.is_polymorphic(cls)
        if not structuring and polymorphic:
            # Only registered classes have a tag; cattrs raises the registration error.
            return self.unpoly.get(cls, _cattrs_unstructurer)
        name = self.ref(cls, polymorphic) if structuring else f"_u{self.class_id(cls)}"
        self.resolve()
        fn: Callable[[Any], Any] = self.ns[name]
        return fn


# --- the cache ----------------------------------------------------------------------------------

_lock = threading.RLock()
_gen: _Generator | None = None


def _generator() -> _Generator:
    global _gen
    gen = _gen
    if gen is None:
        gen = _Generator()
        # Every registered class, so that polymorphic fields find the class they hold.
        for cls in registry.registered_tags(object).values():
            gen.class_id(cls)
        gen.resolve()
        _gen = gen
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
        if attrs.has(cls):
            gen.class_id(cls)
            gen.resolve()
        return gen.sources.get(cls)
