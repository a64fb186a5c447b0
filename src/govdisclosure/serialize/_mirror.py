"""Canonical JSON through msgspec: documents read into and written from mirror structs.

For a model class, a *mirror* ``msgspec.Struct`` is made per class reachable from it: the same
fields in the same order, every one required, unknown keys refused, polymorphic classes tagged
with their ``"type"``; text, dates and decimals are ``str``, codes the enum, counts ``int``
within their validators' bounds, arrays tuples.

:func:`read` (tried first by :func:`~govdisclosure.serialize.from_json`): msgspec parses the
document into mirrors and checks those types in C, without the dicts the general path builds.
The mirrors are then encoded again: only if that gives back the very same bytes is the document
taken. That makes the path exact on what it accepts: a key given twice, a key left out, another
order, indentation, a number written ``1.0`` or ``-0``, an escape the writer would not use: each
changes the bytes and sends the document to the general reader (``parse_json`` and
:mod:`compiled`), which also says what is wrong and where. Documents written by
:func:`~govdisclosure.serialize.to_json` pass. From the mirrors, generated functions build the
models exactly as :mod:`compiled` does (its generator, with its checks of the validators'
conditions, is reused: only reading a field and the nested classes differ), so that both paths
give equal instances of the same classes.

:func:`write` (tried first by ``to_json``): compiled's unstructuring, making mirrors where it
makes dicts, and msgspec writes them; msgspec escapes text as orjson does, writes a member as
its value and the tag first. The one difference, ints beyond 64 bits (orjson refuses them), is
checked where no validator bounds a field.

The tests hold both paths equal to the general ones on random and on broken documents.
Anything unusual (a class the compiled path hands to cattrs, a field named ``schema_version``)
has no mirror: :func:`read` and :func:`write` return None and the general path decides.
"""

from __future__ import annotations

import threading
import typing
from typing import TYPE_CHECKING, Annotated, Any, Literal

import attrs
import msgspec

from govdisclosure.model import base as _base
from govdisclosure.serialize import compiled, registry
from govdisclosure.serialize.compiled import (
    Plan,
    Spec,
    _flatten,
    _Generator,
    _identity_item,
    _known,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["clear", "read", "write"]

VERSION_KEY = "schema_version"
# Must match json.SCHEMA_VERSION (json imports this module, so the constant is restated; a
# test holds them equal). Older versions take the general path, which upgrades them.
SCHEMA_VERSION = 2

# orjson reads an integer of 64 bits (signed or not) as an int and a longer one as a float, which
# the general path then refuses; msgspec would read any length as an int. Its bounds stop at
# int64: an integer above that takes the general path.
_INT_RANGE = (-(2**63), 2**63 - 1)
_INT = Annotated[int, msgspec.Meta(ge=_INT_RANGE[0], le=_INT_RANGE[1])]

# The model layer's validators of int fields that msgspec can check instead, as the range of the
# ints each accepts (each also accepts None): a field with only these has no statement of its
# own. A test holds each range to its validator.
_INT_BOUNDS: dict[Any, tuple[int, int]] = {
    _base.counts: (0, _base.MAX_COUNT),
    _base.non_negative: (0, _INT_RANGE[1]),
}


# The same for the int of an int-or-decimal field, from its validators that compiled tests inline
# (the others are called on the instance). The same test holds these.
_INTDEC_BOUNDS: dict[Any, tuple[int, int]] = {
    _base.decimal_value: (-_base.MAX_COUNT, _base.MAX_COUNT),
    _base.non_negative: (0, _INT_RANGE[1]),
}


# The specs whose ints msgspec writes at any size (orjson: 64 bits at most).
_INTS = (("prim", int), ("opt", ("prim", int)), ("intdec",))
# The ints orjson writes.
_ORJSON_INTS = (-(2**63), 2**64 - 1)


def _bounds(validators: list[Any], table: dict[Any, tuple[int, int]]) -> tuple[int, int] | None:
    """The ints every one of ``validators`` accepts, by ``table`` (None if one is not there)."""
    low, high = _INT_RANGE
    for validator in validators:
        if isinstance(validator, _base.TypeCheck):
            continue  # what msgspec reads is of the declared type
        try:
            bounds = table.get(validator)
        except TypeError:  # an unhashable validator: not one of the model layer's
            bounds = None
        if bounds is None:
            return None
        low, high = max(low, bounds[0]), min(high, bounds[1])
    return low, high


class _NoMirror(Exception):
    """A class reachable from the one asked for has no mirror: the general path reads it."""


class _Reader:
    """What reads documents of one class: decoder, top-level converter."""

    __slots__ = ("convert", "decoder")

    def __init__(self, decoder: msgspec.json.Decoder[Any], convert: Callable[[Any], Any]) -> None:
        self.decoder = decoder
        self.convert = convert


class _MirrorGenerator(_Generator):
    """:class:`compiled._Generator`, reading each field from a mirror struct instead of a dict."""

    types_checked = True  # msgspec made each value of exactly its declared type, or None

    def __init__(self) -> None:
        super().__init__()
        self.mirrors: dict[type, Any] = {}  # model class -> its mirror struct (tagged if poly)
        self.by_mirror: dict[Any, Callable[[Any], Any]] = {}  # mirror struct -> converter
        by_mirror = self.by_mirror
        self.ns["_cv"] = lambda value: by_mirror[value.__class__](value)
        self.ns["_I64"], self.ns["_U64"] = _ORJSON_INTS
        self.readers: dict[type, _Reader | None] = {}
        self.tags: dict[type, dict[str, type]] = {}  # polymorphic class -> registered_tags
        self.writers: dict[type, Callable[[Any], Any] | None] = {}
        self.documents: dict[type, Any] = {}  # model class -> its document struct, or None

    # mirrors -------------------------------------------------------------------------------

    def mirror(self, cls: type) -> Any:
        """The mirror struct of ``cls``, made with those of every class its fields reach."""
        found = self.mirrors.get(cls)
        if found is not None:
            return found
        plan = self.plan(cls)
        if plan is None:
            raise _NoMirror(cls)
        polymorphic = registry.is_polymorphic(cls)
        options: dict[str, Any] = {}
        if polymorphic:
            options = {"tag_field": registry.TAG_KEY, "tag": registry.tag_of(cls)}
        # gc=False: mirrors are short-lived trees that never form cycles.
        struct = msgspec.defstruct(
            f"Mirror{cls.__name__}",
            [(a.name, object) for a, _ in plan],
            forbid_unknown_fields=True,
            gc=False,
            **options,
        )
        self.mirrors[cls] = struct  # before the fields: a class may hold itself
        # msgspec resolves a struct's field types when a decoder first needs them.
        struct.__annotations__ = {a.name: self.field_type(a, spec) for a, spec in plan}
        k = self.class_id(cls)
        self.ns[f"_C{k}"] = cls

        def convert_on_first_call(value: Any) -> Any:
            return self.converter(cls)(value)

        # Generated on first use, as compiled's functions are: writing needs none of them.
        self.ns[f"_c{k}"] = self.by_mirror[struct] = convert_on_first_call
        return struct

    def converter(self, cls: type) -> Callable[[Any], Any]:
        """The generated function building a ``cls`` from its mirror struct."""
        k = self.class_id(cls)
        with _lock:
            if (k, "c") not in self.done:
                source = self._convert_source(cls, k, typing.cast("Plan", self.plan(cls)))
                self.sources.setdefault(cls, {})["c"] = source
                exec(compile(source, f"<govdisclosure mirror {cls.__qualname__}>", "exec"), self.ns)
                self.by_mirror[self.mirrors[cls]] = self.ns[f"_c{k}"]
                self.done.add((k, "c"))
            fn: Callable[[Any], Any] = self.ns[f"_c{k}"]
            return fn

    @staticmethod
    def int_bounds(a: attrs.Attribute[Any], spec: Spec) -> tuple[int, int] | None:
        """The range msgspec checks for an int field whose every validator it can check."""
        inner = spec[1] if spec[0] == "opt" else spec
        if inner != ("prim", int):
            return None
        return _bounds(_flatten(a.validator), _INT_BOUNDS)

    def field_type(self, a: attrs.Attribute[Any], spec: Spec) -> Any:
        """The type msgspec checks field ``a`` against."""
        inner = spec[1] if spec[0] == "opt" else spec
        bounds = self.int_bounds(a, spec)
        if bounds is not None:
            tp: Any = Annotated[int, msgspec.Meta(ge=bounds[0], le=bounds[1])]
        elif inner == ("intdec",) and (ints := _bounds(_known(a), _INTDEC_BOUNDS)) is not None:
            # The int of an int-or-decimal field, bounded as its (inlined) validators bound it:
            # number_stmts then tests only a decimal.
            tp = Annotated[int, msgspec.Meta(ge=ints[0], le=ints[1])] | str
        else:
            return self.mirror_type(spec)
        return tp | None if spec[0] == "opt" else tp

    def mirror_type(self, spec: Spec) -> Any:
        """The type msgspec checks a field of ``spec`` against."""
        kind = spec[0]
        if kind == "prim":
            return _INT if spec[1] is int else spec[1]
        if kind == "enum":
            return spec[1]  # msgspec reads a member by its value, as _value2member_map_ does
        if kind in ("date", "dec"):
            return str  # checked and converted by the generated code, as compiled does
        if kind == "intdec":
            return _INT | str
        if kind == "attrs":
            return self.mirror(spec[1])
        if kind == "poly":
            tagged = [self.mirror(c) for c in registry.registered_tags(spec[1]).values()]
            if not tagged:
                raise _NoMirror(spec[1])
            return typing.Union[tuple(tagged)]  # noqa: UP007 - a runtime union of classes
        if kind == "opt":
            return self.mirror_type(spec[1]) | None
        return tuple[self.mirror_type(spec[1]), ...]  # type: ignore[misc]

    def _convert_source(self, cls: type, k: int, plan: Plan) -> str:
        build, check = self._build(cls, k, plan)
        lines = [f"def _c{k}(o):"]
        for i, (a, spec) in enumerate(plan):
            lines.append(f"    v{i} = o.{a.name}")
            self.field_stmts(a, spec, f"v{i}", lines, "    ", check)
        lines += [*build, "    return i"]
        return "\n".join(lines) + "\n"

    # structure: what differs from a dict ---------------------------------------------------

    def field_stmts(
        self, a: attrs.Attribute[Any], spec: Spec, var: str, out: list[str], pad: str, check: bool
    ) -> None:
        if self.int_bounds(a, spec) is None:  # else msgspec has checked it all
            super().field_stmts(a, spec, var, out, pad, check)

    def number_stmts(
        self, kind: str, validators: list[Any], var: str, out: list[str], pad: str
    ) -> None:
        if kind != "intdec" or _bounds(validators, _INTDEC_BOUNDS) is None:
            super().number_stmts(kind, validators, var, out, pad)
            return
        # msgspec has checked an int against the same validators (field_type): only a decimal,
        # still text, is left.
        out.append(f"{pad}if type({var}) is not _int:")
        super().number_stmts("dec", validators, var, out, pad + "    ")

    def structure_stmts(self, spec: Spec, var: str, out: list[str], pad: str) -> None:
        kind = spec[0]
        if kind == "enum":
            pass  # msgspec has made the member
        elif kind == "opt":
            inner: list[str] = []
            self.structure_stmts(spec[1], var, inner, pad + "    ")
            if inner:  # else None and the value alike are used as they are
                out.append(f"{pad}if {var} is not None:")
                out.extend(inner)
        elif kind == "attrs" and (plan := self.inlined(spec[1])) is not None:
            # A leaf class (a quantity, a region code, a row of counts) is built in place: a
            # call less per instance.
            cls = spec[1]
            k = self.class_id(cls)
            self.ns[f"_C{k}"] = cls
            values = f"{self._fresh('w')}_"
            build, check = self._build(cls, k, plan, into=var, values=values, pad=pad)
            for n, (a, field_spec) in enumerate(plan):
                out.append(f"{pad}{values}{n} = {var}.{a.name}")
                self.field_stmts(a, field_spec, f"{values}{n}", out, pad, check)
            out.extend(build)
        else:  # a nested class or a tuple, as compiled writes them, with ref below
            super().structure_stmts(spec, var, out, pad)

    def ref(self, cls: type, polymorphic: bool) -> str:
        # msgspec has chosen a polymorphic field's mirror by its tag: _cv dispatches on it.
        return "_cv" if polymorphic else f"_c{self.class_id(cls)}"

    # readers -------------------------------------------------------------------------------

    def document(self, cls: type) -> Any:
        """The struct of a whole document of ``cls`` (None if ``cls`` has no mirror)."""
        if cls in self.documents:
            return self.documents[cls]
        made = set(self.mirrors)
        try:
            found = self._document(cls)
        except (_NoMirror, compiled._Unsupported):
            # Mirrors made on the way may hold one that failed (a class can reach itself):
            # none of them is kept.
            for other in set(self.mirrors) - made:
                self.by_mirror.pop(self.mirrors.pop(other), None)
            found = None
        self.documents[cls] = found
        return found

    def _document(self, cls: type) -> Any:
        if not (isinstance(cls, type) and attrs.has(cls)):
            raise _NoMirror(cls)
        plan = self.plan(cls)
        if plan is None or any(a.name in (VERSION_KEY, registry.TAG_KEY) for a, _ in plan):
            raise _NoMirror(cls)
        nested = self.mirror(cls)
        head: list[tuple[str, Any]] = [(VERSION_KEY, Literal[SCHEMA_VERSION])]
        if registry.is_polymorphic(cls):
            # The document's own tag comes after its version (as to_json writes it), where a
            # tagged struct would write it first: the top level names it as a field.
            head.append((registry.TAG_KEY, Literal[registry.tag_of(cls)]))
        top = msgspec.defstruct(
            f"Document{cls.__name__}",
            [*head, *((name, object) for name in nested.__struct_fields__)],
            forbid_unknown_fields=True,
            gc=False,
        )
        top.__annotations__ = {**dict(head), **nested.__annotations__}
        return top

    def reader(self, cls: type) -> _Reader | None:
        """The reader of documents of ``cls`` (a concrete class), or None if it has none."""
        if cls in self.readers:
            return self.readers[cls]
        top = self.document(cls)
        found: _Reader | None = None
        if top is not None:
            try:
                decoder = msgspec.json.Decoder(top)
            except (TypeError, ValueError):  # msgspec refuses a type (none of the model layer's)
                pass
            else:
                found = _Reader(decoder, self.converter(cls))
        self.readers[cls] = found
        return found

    # writing: compiled's unstructuring, building mirror structs instead of dicts ---------------

    def dict_expr(self, cls: type, plan: Plan, src: str) -> str:
        k = self.class_id(cls)
        self.ns[f"_W{k}"] = self.mirrors[cls]  # made with the reader of every class reaching it
        values = [self.field_expr(a, spec, f"{src}.{a.name}") for a, spec in plan]
        return f"_W{k}({', '.join(values)})"

    def field_expr(self, a: attrs.Attribute[Any], spec: Spec, src: str) -> str:
        """What field ``a`` of ``src`` is written as: its unstructured value, where orjson (the
        other writer) would write it the same way."""
        if spec in _INTS and self.bounded(a):
            # Its ints are within MAX_COUNT: written as compiled writes them, untested.
            return super().unstructure_expr(spec, src)
        return self.unstructure_expr(spec, src)

    @staticmethod
    def bounded(a: attrs.Attribute[Any]) -> bool:
        """Whether a validator of ``a`` keeps its ints within :data:`~govdisclosure.model.base.
        MAX_COUNT` (far inside 64 bits)."""
        return any(v in (_base.counts, _base.decimal_value) for v in _flatten(a.validator))

    def unstructure_expr(self, spec: Spec, src: str) -> str:
        kind = spec[0]
        if spec in _INTS:
            # orjson refuses an int beyond 64 bits, which msgspec writes: the general writer
            # decides (and raises) there, wherever the int is (a field, an item, an option).
            t, bind = self._named(src if spec[0] == "opt" else super().unstructure_expr(spec, src))
            return f"({t} if type({bind}) is not _int or _I64 <= {t} <= _U64 else _bad())"
        inner = spec[1] if kind in ("opt", "tuple") else spec
        if kind == "tuple" and inner in _INTS:
            t, bind = self._named(src)
            x = self._fresh("x")
            return f"([{self.unstructure_expr(inner, x)} for {x} in {t}] if {bind} else [])"
        if inner[0] == "enum" or (kind == "tuple" and _identity_item(inner)):
            return src  # msgspec writes a member as its value, and a tuple as an array
        return super().unstructure_expr(spec, src)

    def _unstructure_source(self, cls: type, k: int, plan: Plan) -> str:
        # As compiled's, without the tag: a polymorphic class's mirror is tagged.
        self.ns[f"_C{k}"] = cls
        lines = [f"def _u{k}(o):"]
        if not registry.is_polymorphic(cls):
            lines += [f"    if o.__class__ is not _C{k}:", "        raise _Fail"]
        lines.append(f"    return {self.dict_expr(cls, plan, 'o')}")
        return "\n".join(lines) + "\n"

    def writer(self, cls: type) -> Callable[[Any], Any] | None:
        """The function making the document struct of an instance of exactly ``cls``."""
        if cls in self.writers:
            return self.writers[cls]
        top = self.document(cls)
        found: Callable[[Any], Any] | None = None
        if top is not None:
            k = self.class_id(cls)
            plan = typing.cast("Plan", self.plan(cls))
            self.ns[f"_D{k}"] = top
            head = [repr(SCHEMA_VERSION)]
            if registry.is_polymorphic(cls):
                head.append(repr(registry.tag_of(cls)))
            values = [*head, *(self.field_expr(a, spec, f"o.{a.name}") for a, spec in plan)]
            source = f"def _d{k}(o):\n    return _D{k}({', '.join(values)})\n"
            self.sources.setdefault(cls, {})["d"] = source
            exec(
                compile(source, f"<govdisclosure mirror writer {cls.__qualname__}>", "exec"),
                self.ns,
            )
            found = self.ns[f"_d{k}"]
        self.writers[cls] = found
        return found


_ENCODER = msgspec.json.Encoder()
_TAGGED_HEAD = b'{"%s":%d,"%s":"' % (
    VERSION_KEY.encode(),
    SCHEMA_VERSION,
    registry.TAG_KEY.encode(),
)

_UNKNOWN: Any = object()
_lock = threading.RLock()
_gen: _MirrorGenerator | None = None


def clear() -> None:
    """Drop every mirror and reader (called on every registration)."""
    global _gen
    with _lock:
        _gen = None


registry.on_change(clear)


def _generator() -> _MirrorGenerator:
    global _gen
    with _lock:
        gen = _gen
        if gen is None:
            gen = _gen = _MirrorGenerator()
        return gen


def _target(gen: _MirrorGenerator, raw: bytes, cls: type) -> type | None:
    """The concrete class a document of ``cls`` is, by its tag if ``cls`` is polymorphic."""
    tags = gen.tags.get(cls)
    if tags is None:
        if not registry.is_polymorphic(cls):
            return cls
        with _lock:
            tags = gen.tags[cls] = registry.registered_tags(cls)
    if not raw.startswith(_TAGGED_HEAD):
        return None
    end = raw.find(b'"', len(_TAGGED_HEAD))
    try:
        tag = raw[len(_TAGGED_HEAD) : end].decode()
    except UnicodeDecodeError:
        return None
    return tags.get(tag)


def _u_escape(raw: bytes) -> bool:
    r"""Whether ``raw`` holds an escape ``\uXXXX``, not only the bytes ``\u``: text with a
    backslash before a ``u`` (``C:\users``) is written ``"C:\\users"``, an escaped backslash.

    In a JSON string a backslash starts an escape, and only ``\\`` has a backslash after one:
    the backslashes of a run pair up from its start, and the ``u`` after the run is the letter
    of an escape exactly when the run is odd. (Outside strings a backslash is not JSON: msgspec
    refuses the document.) No run is counted twice, so the search stays linear.
    """
    at = raw.find(b"\\u")
    while at != -1:
        start = at
        while start and raw[start - 1] == 0x5C:  # the backslashes before this one
            start -= 1
        if (at - start) % 2 == 0:
            return True
        at = raw.find(b"\\u", at + 2)
    return False


def read(data: object, cls: type) -> Any:
    """``data`` (JSON text) read as ``cls`` if it is a canonical document, else None.

    Returns exactly what the general reader returns for the same document; None says only that
    this path does not take it.

    >>> from govdisclosure.model import Money
    >>> read(b'{"schema_version":2,"amount":"3940","unit":"yuan"}', Money)
    Money(amount=Decimal('3940'), unit=<MoneyUnit.YUAN: 'yuan'>)
    >>> read(b'{"schema_version":2,"amount":"3940","unit":"yuan","unit":"yuan"}', Money) is None
    True
    """
    if type(data) is bytes:
        raw = data
    elif type(data) is str:
        try:
            raw = data.encode()
        except UnicodeEncodeError:  # a lone surrogate: the general path reports it
            return None
    else:
        return None
    # An escape \\uXXXX can spell a lone surrogate, which the general path refuses; to_json
    # writes one only for a control character.
    if b"\\" in raw and _u_escape(raw):  # one byte is found far faster than two
        return None
    if b"\n" in raw:  # to_json writes none (one in text is escaped): indented, not canonical
        return None
    gen = _gen
    if gen is None:
        gen = _generator()
    try:
        target = _target(gen, raw, cls)
        reader = None if target is None else gen.readers.get(target, _UNKNOWN)
    except TypeError:  # cls is not even hashable: the general path says what is wrong
        return None
    if reader is _UNKNOWN:
        with _lock:
            reader = gen.reader(typing.cast("type", target))
    if reader is None:
        return None
    try:
        mirror = reader.decoder.decode(raw)
    except (msgspec.DecodeError, RecursionError):
        return None
    if _ENCODER.encode(mirror) != raw:
        return None
    try:
        return reader.convert(mirror)
    except Exception:  # any check failed: the general path says which
        return None


def write(obj: object) -> bytes | None:
    """``obj`` as the bytes :func:`~govdisclosure.serialize.to_json` writes, or None where only
    the general writer (compiled's dicts and orjson) may decide.

    >>> from decimal import Decimal
    >>> from govdisclosure.model import Money
    >>> write(Money(Decimal("3940")))
    b'{"schema_version":2,"amount":"3940","unit":"yuan"}'
    """
    cls = obj.__class__
    gen = _gen
    if gen is None:
        gen = _generator()
    fn = gen.writers.get(cls, _UNKNOWN)
    if fn is _UNKNOWN:
        with _lock:
            fn = gen.writer(cls)
    if fn is None:
        return None
    try:
        return _ENCODER.encode(fn(obj))
    except Exception:  # anything unusual: the general writer writes it or raises the error
        return None
