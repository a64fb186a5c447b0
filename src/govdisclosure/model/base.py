"""Building blocks shared by every model: labelled enums, documented fields, validators.

This module is public: classes that extend the models import :func:`field`, the validators and
:class:`LabelledEnum` from here.

Models are pure data: this module imports nothing above the model layer (no Babel, no cattrs).
"""

from __future__ import annotations

import re
import types
import typing
import weakref
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Self, TypeVar, cast

import attrs

from govdisclosure.errors import InvalidValue

__all__ = [
    "EMAIL_PATTERN",
    "MAX_COUNT",
    "MAX_DECIMAL_DIGITS",
    "MAX_NESTING",
    "PHONE_PATTERN",
    "POSTCODE_PATTERN",
    "SURROGATE",
    "URL_PATTERN",
    "FieldEnum",
    "InvalidValue",
    "LabelledEnum",
    "Nesting",
    "TypeCheck",
    "checks_type",
    "counts",
    "decimal_value",
    "field",
    "finite_decimal",
    "has_surrogate",
    "in_bounds",
    "nesting",
    "non_negative",
    "optional_email",
    "optional_phone",
    "optional_postcode",
    "optional_text",
    "optional_url",
    "phone_numbers",
    "text",
]

T = TypeVar("T")
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

#: The largest count a model holds: 2**53 - 1, the largest integer a JSON number read as a
#: double (JavaScript, most JSON tools) keeps exactly; Arrow and Parquet's int64 hold it too.
#: No table of a report comes near it; a 20-digit cell is a misprint or an attack.
MAX_COUNT = 2**53 - 1

#: The most digits a decimal has on either side of its point. Decimals are written as
#: fixed-point text (``"96171.6"``), so ``Decimal("1e999999")`` would be a megabyte of zeros
#: (and ``1e999999999`` a gigabyte): the model, the JSON reader and the JSON Schema all stop at
#: 30 digits, far beyond any amount in 万元 or percentage a report prints.
MAX_DECIMAL_DIGITS = 30

#: The deepest a model nests in itself (sections in sections, figures in figures). Printed
#: reports go three or four levels deep; JSON writers and readers recurse, and fail near 600.
MAX_NESTING = 32

#: A lone surrogate (U+D800 to U+DFFF): what Python text can hold and UTF-8 cannot.
SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE = SURROGATE


def has_surrogate(value: str) -> bool:
    """Whether text holds a lone surrogate (U+D800 to U+DFFF), which no UTF-8 output can carry.

    >>> has_surrogate("政府"), has_surrogate("a" + chr(0xDC80))
    (False, True)
    """
    return not value.isascii() and _SURROGATE.search(value) is not None


class LabelledEnum(Enum):
    """An enum whose value is a stable wire code and which carries its Chinese and English labels.

    Members are declared as ``NAME = code, label, label_en``. The code is what JSON carries and
    never changes; the labels are data from the official texts.
    """

    _value_: str
    label: str
    label_en: str

    def __new__(cls, code: str, label: str, label_en: str) -> Self:
        member = object.__new__(cls)
        member._value_ = code
        member.label = label
        member.label_en = label_en
        return member

    # Members are singletons compared by identity (Enum defines no __eq__), so identity hashing
    # agrees with equality; Enum's own __hash__ is a Python-level hash(self._name_), which was
    # about a quarter of tabulate's time. Pickling and copying return the same member (by
    # name), so nothing depends on the hash value; it differs between processes, as str hashes
    # already do.
    __hash__ = object.__hash__

    @property
    def code(self) -> str:
        """The stable code used on the wire."""
        return self._value_

    @classmethod
    def from_code(cls, code: str) -> Self:
        """The member with this code.

        Raises :class:`ValueError` naming the valid codes when there is none.
        """
        member = cls._value2member_map_.get(code)
        if member is None:
            valid = ", ".join(m.code for m in cls)
            raise ValueError(
                f"{code!r} is not a valid {cls.__name__} code; expected one of: {valid}"
            )
        return cast("Self", member)

    @classmethod
    def legacy_codes(cls) -> Mapping[str, Self]:
        """Codes this enum had in earlier schema versions, mapped to their members.

        Read only where a document says it is of such a version (see
        :func:`govdisclosure.serialize.migrate.upgrade`) and in request logs, whose columns carry no
        version; never written. Schema version 1 spelled five applicant kinds and two review
        groups in snake_case (``natural_person``); version 2 writes every code in kebab-case.
        """
        return {}

    def __str__(self) -> str:
        return self.label


class FieldEnum(LabelledEnum):
    """A labelled enum whose members each name a field of a model class.

    The wire code is kebab-case and the field is its Python spelling. Schema version 1 wrote the
    field names as the codes, so those are the legacy codes.

    >>> from govdisclosure.model import ApplicantKind
    >>> ApplicantKind.NATURAL_PERSON.code, ApplicantKind.NATURAL_PERSON.attribute
    ('natural-person', 'natural_person')
    >>> ApplicantKind.legacy_codes()["natural_person"]
    <ApplicantKind.NATURAL_PERSON: 'natural-person'>
    """

    @property
    def attribute(self) -> str:
        """The name of the field holding this member's value."""
        return self._value_.replace("-", "_")

    @classmethod
    def legacy_codes(cls) -> Mapping[str, Self]:
        """The snake_case codes of schema version 1, for the members whose code has a hyphen."""
        return {m.attribute: m for m in cls if "-" in m._value_}


def field(
    label: str,
    doc: str,
    *,
    default: Any = attrs.NOTHING,
    factory: Callable[[], Any] | None = None,
    validator: Validator | Sequence[Validator] | None = None,
    converter: Callable[[Any], Any] | None = None,
    personal: bool = False,
    label_en: str | None = None,
    free_text: bool = False,
) -> Any:
    """An attrs field carrying its Chinese label, its documentation and a personal-data flag.

    ``label`` is the official Chinese label (kept verbatim); ``doc`` is the English meaning.
    ``personal=True`` marks applicants' personal data, which exports leave out unless asked.
    ``label_en`` is a short English label for fields that are cells or rows of the printed
    form (:mod:`govdisclosure.model.form` reads both labels from here).
    ``free_text=True`` marks text written by people (a description, a note) that may quote
    personal data: exports mask the identity numbers, telephone numbers and e-mail addresses
    in it (:func:`govdisclosure.export.redact.mask_contacts`).
    The value's declared type is checked at construction (:class:`TypeCheck`) unless one of
    ``validator`` checks it already.
    """
    metadata = {"label": label, "doc": doc, "personal": personal}
    if label_en is not None:
        metadata["label_en"] = label_en
    if free_text:
        metadata["free_text"] = True
    # The declared type is checked first: Agency(level="kounty") or a str received_on must fail
    # here, naming the field, not far away with an AttributeError. Validators that check the
    # type themselves (counts, text, ...) keep their own, more precise messages.
    given: list[Validator] = (
        list(validator)
        if isinstance(validator, Sequence)
        else []
        if validator is None
        else [validator]
    )
    validators = given if any(map(_checks_type, given)) else [_TYPE_CHECK, *given]
    return attrs.field(
        default=default,
        factory=factory,
        # One validator as itself (code that reads attribute.validator sees what it declared).
        validator=cast("Any", validators[0] if len(validators) == 1 else validators or None),
        converter=converter,
        metadata=metadata,
    )


def _name(attribute: attrs.Attribute[Any]) -> str:
    return attribute.name


Predicate = Callable[[object], bool]


def _describe_type(tp: Any) -> str:
    if tp is type(None):
        return "null"
    if isinstance(tp, type):
        if issubclass(tp, LabelledEnum):
            codes = ", ".join(repr(m.code) for m in tp)
            return f"{tp.__name__} (one of {codes})"
        return {int: "an integer", str: "text", bool: "true or false", date: "a date"}.get(
            tp, tp.__name__
        )
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple:
        return "a tuple"
    return " or ".join(_describe_type(a) for a in args) if args else str(tp)


def _plain(tp: Any) -> bool:
    """A class whose instances (subclasses included) are exactly what it declares."""
    return isinstance(tp, type) and tp not in (int, float, date, bool) and not _generic(tp)


def _generic(tp: Any) -> bool:
    return typing.get_origin(tp) is not None


def _predicate(tp: Any) -> Predicate | None:
    """A test that a value is of the declared type ``tp``; ``None`` where no test is known."""
    if tp is Any or tp is object:
        return None
    if tp is type(None):
        return lambda v: v is None
    if tp is int:  # bool is an int to Python, never a count
        return lambda v: type(v) is int
    if tp is float:
        return lambda v: type(v) is float or type(v) is int
    if tp is date:  # a datetime is a date to Python, but not on the wire
        return lambda v: isinstance(v, date) and not isinstance(v, datetime)
    if isinstance(tp, type):
        return lambda v: isinstance(v, tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union or origin is types.UnionType:
        # Models are built often (the parser, the rules): one isinstance where it can be.
        if all(_plain(a) for a in args):
            classes = tuple(args)
            return lambda v: isinstance(v, classes)
        members = [_predicate(a) for a in args]
        if any(m is None for m in members):
            return None
        checks = cast("list[Predicate]", members)
        if len(checks) == 2 and type(None) in args:
            inner = checks[1] if args[0] is type(None) else checks[0]
            return lambda v: v is None or inner(v)
        return lambda v: any(check(v) for check in checks)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _predicate(args[0])
            if item is None:
                return lambda v: isinstance(v, tuple)
            each = item
            return lambda v: isinstance(v, tuple) and all(map(each, v))
        return lambda v: isinstance(v, tuple)
    if origin is typing.Literal:
        return lambda v: v in args
    if isinstance(origin, type):
        return lambda v: isinstance(v, origin)
    return None


def _mentions_str(tp: Any) -> bool:
    return tp is str or any(_mentions_str(a) for a in typing.get_args(tp))


def _no_surrogate(value: object) -> bool:
    if type(value) is str:
        return not has_surrogate(value)
    if type(value) is tuple:
        return all(_no_surrogate(x) for x in value)
    return True


class TypeCheck:
    """The validator :func:`field` puts first: the value is of the field's declared type.

    Enums must be members (not their codes), dates real :class:`~datetime.date` objects (not
    text, not datetimes), counts ``int`` (not ``bool``), tuples hold what they declare, and text
    holds no lone surrogate. The annotation is resolved once per class, on first use; a field
    whose annotation cannot be resolved is not checked.

    >>> from govdisclosure.model import Agency
    >>> try:
    ...     Agency(name="某县人民政府", level="kounty")
    ... except InvalidValue as error:
    ...     print(error.field_name, "|", error.message[:36])
    level | expected AgencyLevel (one of 'state-
    """

    __slots__ = ()

    #: Each class's fields' tests, keyed by the class's id: not by the class, which the cache
    #: would then keep alive (a process that makes classes at run time would keep every one).
    #: A finalizer drops a class's entry when the class goes, before its id can be reused.
    _cache: typing.ClassVar[dict[int, dict[str, tuple[Predicate | None, bool, Any]]]] = {}

    def __repr__(self) -> str:
        return "<declared type check>"

    @staticmethod
    def writable(value: object) -> bool:
        """Whether the value (text, or a tuple of it) holds no lone surrogate."""
        return _no_surrogate(value)

    @classmethod
    def rule(cls, owner: type, name: str) -> tuple[Predicate | None, bool, Any]:
        """The test of field ``name`` of class ``owner``, whether it holds text, and its type."""
        rules = cls._cache.get(id(owner))
        if rules is None:
            rules = cls._cache[id(owner)] = {}
            weakref.finalize(owner, cls._cache.pop, id(owner), None)
        found = rules.get(name)
        if found is None:
            try:
                tp = typing.get_type_hints(owner)[name]
            except Exception:  # an annotation naming what the module imports only for typing
                tp = Any
            found = (_predicate(tp), _mentions_str(tp), tp)
            rules[name] = found
        return found

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        # Called for every field of every model built in Python: the lookup is inlined.
        rules = self._cache.get(id(type(instance)))
        found = None if rules is None else rules.get(attribute.name)
        if found is None:
            found = self.rule(type(instance), attribute.name)
        check, texts, tp = found
        if check is not None and not check(value):
            shown = repr(value)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            raise InvalidValue(
                _name(attribute),
                f"expected {_describe_type(tp)}, got {shown} ({type(value).__name__})",
                f"类型应为{_describe_type(tp)}，实际为{shown}（{type(value).__name__}）",
            )
        if texts and value is not None:
            if type(value) is str:
                if not value.isascii() and _SURROGATE.search(value) is not None:
                    _surrogate(attribute, value)
            elif not _no_surrogate(value):
                _surrogate(attribute, value)


def non_negative(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Counts and amounts are never negative (None, a blank, passes)."""
    if value is not None and value < 0:  # type: ignore[operator]
        raise InvalidValue(
            _name(attribute),
            f"must not be negative, got {value}",
            f"不能为负数，实际为{value}",
        )


def counts(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A table cell: a non-negative ``int`` or ``None`` (blank). ``bool`` is not a count."""
    if value is None:
        return
    if type(value) is not int:
        raise InvalidValue(
            _name(attribute),
            f"expected a whole number or null, got {value!r}",
            f"应为整数或空值，实际为{value!r}",
        )
    if value < 0:
        raise InvalidValue(
            _name(attribute),
            f"must not be negative, got {value}",
            f"不能为负数，实际为{value}",
        )
    if value > MAX_COUNT:
        _too_large(attribute, value)


def _too_large(attribute: attrs.Attribute[Any], value: int) -> None:
    raise InvalidValue(
        _name(attribute),
        f"must be at most {MAX_COUNT} (2**53 - 1), got {_digits(value)}",
        f"不能超过{MAX_COUNT}（2**53 - 1），实际为{_digits(value)}",
    )


def _digits(value: int) -> str:
    return str(value) if abs(value) < 10**60 else f"a number of {len(str(abs(value)))} digits"


def in_bounds(value: Decimal) -> bool:
    """Whether a finite decimal's fixed-point text has at most :data:`MAX_DECIMAL_DIGITS` digits
    before and after its point (decided without writing it out).

    >>> in_bounds(Decimal("96171.6")), in_bounds(Decimal("1e30")), in_bounds(Decimal("1e-31"))
    (True, False, False)
    """
    return (
        value.adjusted() < MAX_DECIMAL_DIGITS and value.as_tuple().exponent >= -MAX_DECIMAL_DIGITS  # type: ignore[operator]
    )


def _decimal_bounds(attribute: attrs.Attribute[Any], value: Decimal) -> None:
    if not in_bounds(value):
        raise InvalidValue(
            _name(attribute),
            f"must have at most {MAX_DECIMAL_DIGITS} digits before and after the point,"
            f" got {value:.3E}",
            f"小数点前后各不能超过{MAX_DECIMAL_DIGITS}位数字，实际为{value:.3E}",
        )


def decimal_value(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An ``int`` of at most :data:`MAX_COUNT` in size or a finite :class:`~decimal.Decimal`
    within :data:`MAX_DECIMAL_DIGITS` (never a float or a bool)."""
    if type(value) is int:
        if not -MAX_COUNT <= value <= MAX_COUNT:
            _too_large(attribute, value)
        return
    if isinstance(value, Decimal) and value.is_finite():
        _decimal_bounds(attribute, value)
        return
    raise InvalidValue(
        _name(attribute),
        f"expected an integer or a finite decimal, got {value!r}",
        f"应为整数或有限小数，实际为{value!r}",
    )


def finite_decimal(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A finite :class:`~decimal.Decimal` within :data:`MAX_DECIMAL_DIGITS` (no NaN, no
    infinity, never a float)."""
    if not (isinstance(value, Decimal) and value.is_finite()):
        raise InvalidValue(
            _name(attribute),
            f"expected a finite decimal, got {value!r}",
            f"应为有限小数，实际为{value!r}",
        )
    _decimal_bounds(attribute, value)


def text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Non-empty text that is not only white space (and holds no lone surrogate)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(
            _name(attribute),
            "must be non-empty text",
            "不能为空文本",
        )
    if not value.isascii() and _SURROGATE.search(value) is not None:
        _surrogate(attribute, value)


def _surrogate(attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):  # a tuple holding such text
        value = next(x for x in cast("tuple[str, ...]", value) if not _no_surrogate(x))
    at = _SURROGATE.search(value)
    index = at.start() if at is not None else 0
    raise InvalidValue(
        _name(attribute),
        f"holds a lone surrogate {value[index]!r} at index {index}, which UTF-8 cannot carry",
        f"第{index}个字符为孤立代理项{value[index]!r}，无法以UTF-8编码",
    )


def optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or non-empty text."""
    if value is not None:
        text(instance, attribute, value)


#: What :func:`optional_url` accepts (the compiled serializer inlines the same check). Every
#: pattern here is applied with ``fullmatch``: their ``$`` alone would accept a final newline.
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def optional_url(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or an absolute http(s) URL."""
    if value is not None and not (isinstance(value, str) and URL_PATTERN.fullmatch(value)):
        raise InvalidValue(
            _name(attribute),
            f"expected an absolute http(s) URL, got {value!r}",
            f"应为以http(s)://开头的完整网址，实际为{value!r}",
        )


# -- contact details (the disclosure guide's offices) ----------------------------------------------

#: What :func:`optional_phone` accepts: a Chinese telephone number as printed, e.g.
#: ``010-12345678``, ``(0517)83601234``, ``0517-83601234-8001``, ``13812345678``, ``12345`` or
#: ``+86 10 1234 5678``; an extension may follow 转 or ``ext``. 5 to 20 digits in all.
PHONE_PATTERN = re.compile(
    r"^(?=(?:\D*\d){5,20}\D*$)\+?[0-9（(][0-9 ()（）\-]*[0-9](?: ?(?:转|ext\.?|x) ?[0-9]{1,6})?$",
    re.IGNORECASE,
)

#: What :func:`optional_email` accepts: one address ``local@domain.tld``, no spaces.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$")

#: What :func:`optional_postcode` accepts: a six-digit Chinese postal code (邮政编码).
POSTCODE_PATTERN = re.compile(r"^[0-9]{6}$")


def _matches(
    pattern: re.Pattern[str], what: str, what_zh: str
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not (isinstance(value, str) and pattern.fullmatch(value)):
            raise InvalidValue(
                _name(attribute),
                f"expected {what}, got {value!r}",
                f"应为{what_zh}，实际为{value!r}",
            )

    return check


optional_phone = _matches(
    PHONE_PATTERN, "a telephone number (digits, spaces, -, parentheses)", "电话号码"
)
optional_phone.__doc__ = "``None`` or a telephone or fax number as printed (:data:`PHONE_PATTERN`)."
optional_email = _matches(EMAIL_PATTERN, "an e-mail address", "电子邮箱地址")
optional_email.__doc__ = "``None`` or one e-mail address (:data:`EMAIL_PATTERN`)."
optional_postcode = _matches(POSTCODE_PATTERN, "a six-digit postal code", "6位邮政编码")
optional_postcode.__doc__ = "``None`` or a six-digit postal code (:data:`POSTCODE_PATTERN`)."


def phone_numbers(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A tuple of telephone numbers, each as :func:`optional_phone` accepts (none blank)."""
    if not isinstance(value, tuple):
        raise InvalidValue(
            _name(attribute),
            f"expected a list of telephone numbers, got {value!r}",
            f"应为电话号码列表，实际为{value!r}",
        )
    for number in value:
        if number is None:
            raise InvalidValue(_name(attribute), "a number must not be null", "电话号码不能为空")
        optional_phone(instance, attribute, number)


def _checks_type(validator: object) -> bool:
    """Whether a validator (or one inside attrs' optional/and_) checks the value's type."""
    inner = getattr(validator, "validator", None)  # attrs.validators.optional
    if inner is not None:
        return _checks_type(inner)
    parts = getattr(validator, "_validators", None)  # attrs.validators.and_
    if parts is not None:
        return any(map(_checks_type, parts))
    return any(validator is known for known in _TYPED) or validator in _MARKED


_MARKED: set[object] = set()


def checks_type(validator: Validator) -> Validator:
    """Mark a validator as checking the value's type itself: :func:`field` then adds no
    :class:`TypeCheck` before it, so the validator's own message is the one raised.

    >>> @checks_type
    ... def whole(_, attribute, value):
    ...     if type(value) is not int:
    ...         raise InvalidValue(attribute.name, "expected a whole number", "应为整数")
    >>> whole in _MARKED
    True
    """
    _MARKED.add(validator)
    return validator


_TYPE_CHECK = TypeCheck()
#: Validators that check the value's type themselves; a field using one gets no TypeCheck.
_TYPED: frozenset[Validator] = frozenset(
    {
        counts,
        decimal_value,
        finite_decimal,
        text,
        optional_text,
        optional_url,
        optional_phone,
        optional_email,
        optional_postcode,
        phone_numbers,
    }
)


class Nesting:
    """The validator :func:`nesting` makes: at most :data:`MAX_NESTING` levels of ``children``."""

    __slots__ = ("children",)

    def __init__(self, children: str) -> None:
        self.children = children

    def __repr__(self) -> str:
        return f"nesting({self.children!r})"

    @staticmethod
    def depth(value: object, children: str) -> int:
        """How many levels a tuple of nested models goes down (counted without recursion),
        or ``MAX_NESTING + 1`` as soon as it goes deeper than allowed."""
        level = 0
        frontier: Sequence[Any] = value if isinstance(value, tuple) else ()
        while frontier:
            level += 1
            if level > MAX_NESTING:
                break
            frontier = [inner for item in frontier for inner in getattr(item, children, ())]
        return level

    @staticmethod
    def too_deep(value: object, children: str) -> bool:
        """Whether the tuple nests deeper than :data:`MAX_NESTING`."""
        return Nesting.depth(value, children) > MAX_NESTING

    def __call__(self, _: object, attribute: attrs.Attribute[Any], value: object) -> None:
        level = self.depth(value, self.children)
        if level > MAX_NESTING:
            raise InvalidValue(
                _name(attribute),
                f"nests more than {MAX_NESTING} levels deep",
                f"嵌套超过{MAX_NESTING}层",
            )


def nesting(children: str) -> Nesting:
    """A validator of a tuple of nested models (``children`` names their own tuple): at most
    :data:`MAX_NESTING` levels below, counted without recursion.

    >>> from govdisclosure.model import Section
    >>> section = Section(heading="1")
    >>> for level in range(MAX_NESTING + 1):
    ...     section = Section(heading="1", subsections=(section,))
    Traceback (most recent call last):
    ...
    govdisclosure.errors.InvalidValue: subsections: nests more than 32 levels deep / 嵌套超过32层
    """
    return Nesting(children)
