"""The cattrs converter of record: strict, tag-aware, and the same for every caller.

One factory builds converters (:func:`make_converter`); never customise cattrs' global converter.
Primitive hooks are strict on purpose: JSON ``"12"`` is not the integer 12, ``1.5`` is not an
integer, ``true`` is not a count. Nothing is coerced, so nothing is silently guessed.
"""

from __future__ import annotations

import re
import types
import typing
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING, Any

import attrs
import cattrs
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from govdisclosure.errors import MAX_ERRORS, RegistrationError
from govdisclosure.model.base import MAX_DECIMAL_DIGITS, InvalidValue, LabelledEnum
from govdisclosure.serialize import registry

if TYPE_CHECKING:
    from collections.abc import Callable
    from enum import Enum

__all__ = ["WrongType", "converter", "make_converter"]


class WrongType(InvalidValue):
    """A JSON value of the wrong type or shape; ``field_name`` is empty (the path says where)."""

    def __init__(self, message: str, message_zh: str) -> None:
        super().__init__("", message, message_zh)


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _int(value: Any, _: type) -> int:
    if type(value) is int:
        return value
    raise WrongType(
        f"expected an integer, got {_describe(value)}", f"应为整数，实际为{_describe(value)}"
    )


def _str(value: Any, _: type) -> str:
    if type(value) is str:
        return value
    raise WrongType(f"expected text, got {_describe(value)}", f"应为文本，实际为{_describe(value)}")


def _bool(value: Any, _: type) -> bool:
    if type(value) is bool:
        return value
    raise WrongType(
        f"expected true or false, got {_describe(value)}",
        f"应为true或false，实际为{_describe(value)}",
    )


# ASCII digits only and the whole string (fullmatch: ``$`` would let a final newline through):
# these are the JSON Schema's DATE_PATTERN and DECIMAL_PATTERN, character for character, so the
# reader and the schema accept the same documents (full-width digits, "00012", "1\n" refused).
# ``(?!\n)$``: the end of the text in ECMA-262 and in Python alike (Python's ``$`` alone also
# matches before a final newline, and Python-based JSON Schema validators use it).
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\n)$")


def _date(value: Any, _: type) -> date:
    if type(value) is str and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
        raise WrongType(f"{value!r} is not a real calendar date", f"{value!r}不是有效日期")
    raise WrongType(
        f"expected a date as YYYY-MM-DD, got {_describe(value)}",
        f"应为YYYY-MM-DD格式的日期，实际为{_describe(value)}",
    )


#: No leading zero (``"00012"`` would not come back as the same bytes); at most
#: MAX_DECIMAL_DIGITS digits before and after the point, as the model holds.
_DECIMAL = re.compile(
    rf"^-?(?:0|[1-9][0-9]{{0,{MAX_DECIMAL_DIGITS - 1}}})"
    rf"(?:\.[0-9]{{1,{MAX_DECIMAL_DIGITS}}})?(?!\n)$"
)


def _decimal(value: Any, _: type) -> Decimal:
    if type(value) is str and _DECIMAL.fullmatch(value):
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            pass
    raise WrongType(
        f'expected a decimal number as a string such as "96171.6" (at most'
        f" {MAX_DECIMAL_DIGITS} digits before and after the point), got {_describe(value)}",
        f'应为字符串形式的十进制数（如"96171.6"，小数点前后各不超过{MAX_DECIMAL_DIGITS}位），'
        f"实际为{_describe(value)}",
    )


def _unstructure_decimal(value: Decimal) -> str:
    # Fixed-point text, so that the string form is the one the structure hook accepts.
    return format(value, "f")


def _int_or_decimal(value: Any, _: type) -> int | Decimal:
    if type(value) is int:
        return value
    if type(value) is str:
        return _decimal(value, Decimal)
    raise WrongType(
        f"expected an integer, or a decimal as a string, got {_describe(value)}",
        f"应为整数或字符串形式的小数，实际为{_describe(value)}",
    )


def _unstructure_int_or_decimal(value: int | Decimal) -> int | str:
    return value if type(value) is int else _unstructure_decimal(value)  # type: ignore[arg-type]


def _optional_int_or_decimal(value: Any, _: type) -> int | Decimal | None:
    return None if value is None else _int_or_decimal(value, Decimal)


def _unstructure_optional_int_or_decimal(value: int | Decimal | None) -> int | str | None:
    return None if value is None else _unstructure_int_or_decimal(value)


def _enum_structure(cls: type[LabelledEnum]) -> Callable[[Any, type], LabelledEnum]:
    members = cls._value2member_map_
    codes = ", ".join(member.code for member in cls)

    def structure(value: Any, _: type) -> LabelledEnum:
        member = members.get(value) if type(value) is str else None
        if member is None:
            raise WrongType(
                f"{_describe(value)} is not a valid {cls.__name__} code; expected one of: {codes}",
                f"{_describe(value)}不是有效的代码；应为以下之一：{codes}",
            )
        return member  # type: ignore[return-value]

    return structure


def _is_labelled_enum(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, LabelledEnum)


def _enum_value(member: Enum) -> Any:
    return member.value


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """Build a new converter configured for govdisclosure models.

    ``detailed_validation=True`` (the default) collects every problem with its path;
    ``False`` stops at the first problem and is somewhat faster. (The JSON functions use a
    compiled fast path first and this converter only to report errors.)

    >>> from govdisclosure.model import Quantity, Qualifier
    >>> conv = make_converter()
    >>> conv.unstructure(Quantity(10000, "条", Qualifier.MORE_THAN))
    {'value': 10000, 'unit': '条', 'qualifier': 'more-than'}
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed_validation)
    conv.register_structure_hook(int, _int)
    conv.register_structure_hook(str, _str)
    conv.register_structure_hook(bool, _bool)
    conv.register_structure_hook(date, _date)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    conv.register_structure_hook(int | Decimal, _int_or_decimal)
    conv.register_unstructure_hook(int | Decimal, _unstructure_int_or_decimal)
    conv.register_structure_hook(int | Decimal | None, _optional_int_or_decimal)
    conv.register_unstructure_hook(int | Decimal | None, _unstructure_optional_int_or_decimal)
    conv.register_structure_hook_factory(_is_labelled_enum, _enum_structure)
    conv.register_unstructure_hook_func(_is_labelled_enum, _enum_value)
    _install_strict_containers(conv, detailed_validation)
    _install_polymorphism(conv)
    _install_fast_unstructure(conv)
    return conv


def _install_fast_unstructure(conv: cattrs.Converter) -> None:
    # JSON-native values need no hook: with ``identity`` cattrs' generated code reads the
    # attribute directly instead of calling a per-value Optional dispatcher.
    for native in (int, str, bool, int | None, str | None, bool | None):
        conv.register_unstructure_hook(native, identity)

    def tuple_factory(cls: Any) -> Callable[[Any], Any]:
        item_hook = conv.get_unstructure_hook(cls.__args__[0])
        if item_hook == identity:
            return list

        def unstructure(value: Any) -> list[Any]:
            return [item_hook(item) for item in value]

        return unstructure

    conv.register_unstructure_hook_factory(_is_homogeneous_tuple, tuple_factory)

    # A field declared as a plain (non-extensible) model holds exactly that class: a subclass
    # would come back as its base, its own fields dropped, so it is refused, never silently cut.
    def plain_factory(cls: type) -> Callable[[Any], Any]:
        inner: Callable[[Any], Any] = make_dict_unstructure_fn(cls, conv)

        def unstructure(obj: Any) -> Any:
            if obj.__class__ is not cls:
                raise _subclass_error(cls, obj.__class__)
            return inner(obj)

        return unstructure

    def optional_factory(tp: Any) -> Callable[[Any], Any]:
        inner = conv.get_unstructure_hook(_optional_model(tp))

        def unstructure(obj: Any) -> Any:
            return None if obj is None else inner(obj)

        return unstructure

    conv.register_unstructure_hook_factory(_is_plain_model, plain_factory)
    conv.register_unstructure_hook_factory(
        lambda tp: _is_plain_model(_optional_model(tp)), optional_factory
    )


def _is_plain_model(cls: Any) -> bool:
    return isinstance(cls, type) and attrs.has(cls) and not registry.is_polymorphic(cls)


def _optional_model(tp: Any) -> Any:
    """``X`` for a declared ``X | None`` (else None)."""
    if typing.get_origin(tp) not in (typing.Union, types.UnionType):
        return None
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    return args[0] if len(args) == 1 and len(typing.get_args(tp)) == 2 else None


def _subclass_error(declared: type, actual: type) -> RegistrationError:
    return RegistrationError(
        f"{actual.__qualname__} is a subclass of {declared.__qualname__}, which is not an "
        f"extensible model: serializing it as a {declared.__qualname__} would lose its class and "
        f"its own fields. Store a {declared.__qualname__}, or extend an extensible model and "
        f"register it (govdisclosure.register) / {actual.__qualname__}是{declared.__qualname__}"
        f"的子类，而{declared.__qualname__}不可扩展：按{declared.__qualname__}序列化会丢失其类型和"
        "新增字段"
    )


def _is_homogeneous_tuple(cls: Any) -> bool:
    args: tuple[Any, ...] = getattr(cls, "__args__", ())
    return getattr(cls, "__origin__", None) is tuple and args[1:] == (Ellipsis,)


def _not_an_array(value: Any) -> WrongType:
    return WrongType(
        f"expected an array, got {_describe(value)}", f"应为数组，实际为{_describe(value)}"
    )


def _install_strict_containers(conv: cattrs.Converter, detailed_validation: bool) -> None:
    # cattrs would turn a string into a tuple of characters and a dict into a tuple of keys;
    # JSON arrays are the only thing a tuple field accepts. Attrs classes accept only objects.
    def tuple_factory(cls: Any) -> Callable[[Any, type], Any]:
        item_type = cls.__args__[0]
        item_hook = conv.get_structure_hook(item_type)

        def fast(value: Any, _: type) -> tuple[Any, ...]:
            if type(value) is not list:
                raise _not_an_array(value)
            return tuple([item_hook(item, item_type) for item in value])

        def detailed(value: Any, _: type) -> tuple[Any, ...]:
            if type(value) is not list:
                raise _not_an_array(value)
            items: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                if len(errors) >= MAX_ERRORS:
                    # A hostile array of a million bad items would take minutes to report in
                    # full; what follows is counted, not checked.
                    rest = len(value) - index
                    more = WrongType(
                        f"{rest} more items not checked after {MAX_ERRORS} problems",
                        f"已有{MAX_ERRORS}处错误，其余{rest}项未检查",
                    )
                    more.__notes__ = [
                        IterableValidationNote(f"Structuring @ index {index}", index, item_type)
                    ]
                    errors.append(more)
                    break
                try:
                    items.append(item_hook(item, item_type))
                except Exception as exc:  # collected, reported with its index
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"Structuring @ index {index}", index, item_type),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
            return tuple(items)

        return detailed if detailed_validation else fast

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_factory)

    def attrs_factory(cls: type) -> Callable[[Any, type], Any]:
        inner: Callable[[Any, type], Any] = make_dict_structure_fn(cls, conv)

        def structure(value: Any, _: type) -> Any:
            if type(value) is not dict:
                raise WrongType(
                    f"expected an object, got {_describe(value)}",
                    f"应为对象，实际为{_describe(value)}",
                )
            return inner(value, cls)

        return structure

    conv.register_structure_hook_factory(attrs.has, attrs_factory)


def _install_polymorphism(conv: cattrs.Converter) -> None:
    plain_structure: dict[type, Callable[[Any, type], Any]] = {}
    plain_unstructure: dict[type, Callable[[Any], dict[str, Any]]] = {}

    def structure_fn(cls: type) -> Callable[[Any, type], Any]:
        fn = plain_structure.get(cls)
        if fn is None:
            fn = plain_structure[cls] = make_dict_structure_fn(cls, conv)
        return fn

    def unstructure_fn(cls: type) -> Callable[[Any], dict[str, Any]]:
        fn = plain_unstructure.get(cls)
        if fn is None:
            fn = plain_unstructure[cls] = make_dict_unstructure_fn(cls, conv)
        return fn

    def structure_factory(base: type) -> Callable[[Any, type], Any]:
        def structure(value: Any, _: type) -> Any:
            if type(value) is not dict:
                raise WrongType(
                    f"expected an object, got {_describe(value)}",
                    f"应为对象，实际为{_describe(value)}",
                )
            tag = value.get(registry.TAG_KEY)
            candidates = registry.registered_tags(base)
            cls = candidates.get(tag) if type(tag) is str else None
            if cls is None:
                expected = ", ".join(sorted(candidates))
                got = "nothing" if tag is None else _describe(tag)
                raise InvalidValue(
                    registry.TAG_KEY,
                    f"expected one of the tags {expected}; got {got}",
                    f"类型标记应为以下之一：{expected}；实际为{'空' if tag is None else got}",
                )
            body = {k: v for k, v in value.items() if k != registry.TAG_KEY}
            return structure_fn(cls)(body, cls)

        return structure

    def unstructure(obj: Any) -> dict[str, Any]:
        cls = type(obj)
        return {registry.TAG_KEY: registry.tag_of(cls), **unstructure_fn(cls)(obj)}

    conv.register_structure_hook_factory(registry.is_polymorphic, structure_factory)
    conv.register_unstructure_hook_func(registry.is_polymorphic, unstructure)


@cache
def converter(detailed_validation: bool = True) -> cattrs.Converter:
    """The shared converter (built once; rebuilt after :func:`~govdisclosure.serialize.register`).

    >>> converter() is converter()
    True
    """
    return make_converter(detailed_validation=detailed_validation)


registry.on_change(converter.cache_clear)
