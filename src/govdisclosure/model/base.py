"""Building blocks shared by every model: labelled enums, documented fields, validators.

This module is public: classes that extend the models import :func:`field`, the validators and
:class:`LabelledEnum` from here.

Models are pure data: this module imports nothing above the model layer (no Babel, no cattrs).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any, Self, TypeVar, cast

import attrs

from govdisclosure.errors import InvalidValue

__all__ = [
    "EMAIL_PATTERN",
    "PHONE_PATTERN",
    "POSTCODE_PATTERN",
    "URL_PATTERN",
    "InvalidValue",
    "LabelledEnum",
    "counts",
    "decimal_value",
    "field",
    "finite_decimal",
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
    """
    metadata = {"label": label, "doc": doc, "personal": personal}
    if label_en is not None:
        metadata["label_en"] = label_en
    if free_text:
        metadata["free_text"] = True
    validators: Validator | list[Validator] | None
    validators = list(validator) if isinstance(validator, Sequence) else validator
    return attrs.field(
        default=default,
        factory=factory,
        validator=validators,
        converter=converter,
        metadata=metadata,
    )


def _name(attribute: attrs.Attribute[Any]) -> str:
    return attribute.name


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


def decimal_value(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An ``int`` or a finite :class:`~decimal.Decimal` (never a float or a bool)."""
    if type(value) is int:
        return
    if isinstance(value, Decimal) and value.is_finite():
        return
    raise InvalidValue(
        _name(attribute),
        f"expected an integer or a finite decimal, got {value!r}",
        f"应为整数或有限小数，实际为{value!r}",
    )


def finite_decimal(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A finite :class:`~decimal.Decimal` (no NaN, no infinity, never a float)."""
    if not (isinstance(value, Decimal) and value.is_finite()):
        raise InvalidValue(
            _name(attribute),
            f"expected a finite decimal, got {value!r}",
            f"应为有限小数，实际为{value!r}",
        )


def text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Non-empty text that is not only white space."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(
            _name(attribute),
            "must be non-empty text",
            "不能为空文本",
        )


def optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or non-empty text."""
    if value is not None:
        text(instance, attribute, value)


#: What :func:`optional_url` accepts (the compiled serializer inlines the same check).
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def optional_url(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or an absolute http(s) URL."""
    if value is not None and not (isinstance(value, str) and URL_PATTERN.match(value)):
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
        if value is not None and not (isinstance(value, str) and pattern.match(value)):
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
