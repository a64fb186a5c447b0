"""Masking personal data: applicants' names, identity numbers and contact details.

What is personal is not a list kept here: it is the ``personal`` flag in each field's metadata
(set with ``field(..., personal=True)``, see :mod:`govdisclosure.model.base`). :func:`redact`
walks a model (and every model nested in it, in fields and in tuples), so the personal fields
of subclasses defined elsewhere are masked too.

The masking rule, for each personal field:

* ``None`` stays ``None`` (nothing to hide, and a blank is not a value).
* Text that is a valid resident identity card number (居民身份证号码, checked with
  :mod:`stdnum.cn.ric`: birth date and check digit) keeps its first six characters (the GB/T
  2260 code of the place of registration) and its check digit; the eleven characters between
  (date of birth and sequence number, which gives the sex) become ``*``:
  ``11010519491231002X`` → ``110105***********X``.
* Any other text (a name, an address, a telephone number, an identity number that is *not*
  valid) is masked entirely: it becomes :data:`MASK`, whatever its length, so that not even
  the length is disclosed.
* A tuple of texts is masked item by item.
* Any other value of a personal field (a date, a number, a nested model) is replaced by
  ``None``. If the field's validator rejects ``None``, :func:`redact` raises
  :class:`TypeError` naming the field rather than keep the value.

>>> from datetime import date
>>> from govdisclosure.model import (
...     Applicant, ApplicantKind, DisclosureRequest, SubmissionMethod)
>>> request = DisclosureRequest(
...     id="2024-001",
...     applicant=Applicant(
...         ApplicantKind.NATURAL_PERSON, name="张三", id_number="11010519491231002X",
...         contact="13800000000"),
...     received_on=date(2024, 9, 27),
...     method=SubmissionMethod.ONLINE,
...     description="2024年度部门预算",
... )
>>> masked = redact(request).applicant
>>> masked.name, masked.id_number, masked.contact
('***', '110105***********X', '***')
>>> redact(request).description
'2024年度部门预算'
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

__all__ = ["MASK", "mask_identity_number", "mask_text", "personal_fields", "redact"]

T = TypeVar("T")

MASK = "***"
"""What a fully masked text becomes."""


def personal_fields(cls: type) -> tuple[str, ...]:
    """The names of the fields of an attrs class marked ``personal`` in their metadata.

    >>> from govdisclosure.model import Applicant
    >>> personal_fields(Applicant)
    ('name', 'id_number', 'contact')
    """
    return tuple(a.name for a in attrs.fields(cls) if a.metadata.get("personal", False))


def mask_identity_number(value: str) -> str | None:
    """A valid resident identity card number with its middle masked; ``None`` if not valid.

    >>> mask_identity_number("11010519491231002X")
    '110105***********X'
    >>> mask_identity_number("110105194912310021") is None  # wrong check digit
    True
    """
    from stdnum.cn import ric

    if not ric.is_valid(value):
        return None
    number: str = ric.compact(value)
    return number[:6] + "*" * (len(number) - 7) + number[-1]


def mask_text(value: str) -> str:
    """A personal text masked: a valid identity card number partly, anything else entirely.

    >>> mask_text("11010519491231002X"), mask_text("张三"), mask_text("123456789012345678")
    ('110105***********X', '***', '***')
    """
    masked = mask_identity_number(value)
    return masked if masked is not None else MASK


def _mask_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        return tuple(mask_text(item) for item in value)
    return _CLEARED


_CLEARED = object()


def redact(obj: T) -> T:
    """A copy of a model with every personal field masked (see the module for the rule).

    Works on any attrs model: a request, an applicant, an event, a report. Models without
    personal data come back unchanged (the same object).

    >>> from govdisclosure.model import Applicant, ApplicantKind
    >>> company = Applicant(ApplicantKind.COMMERCIAL_ENTERPRISE, name="某某有限公司")
    >>> redact(company).name, redact(company).id_number
    ('***', None)
    >>> redact(ApplicantKind.OTHER_ORGANISATION) is ApplicantKind.OTHER_ORGANISATION
    True
    """
    result: T = _redact(obj)
    return result


def _redact(obj: Any) -> Any:
    if isinstance(obj, tuple):
        items = tuple(_redact(item) for item in obj)
        return obj if all(a is b for a, b in zip(items, obj, strict=True)) else items
    cls = type(obj)
    if not attrs.has(cls):
        return obj
    changes: dict[str, Any] = {}
    for attribute in attrs.fields(cls):
        value = getattr(obj, attribute.name)
        if attribute.metadata.get("personal", False):
            masked = _mask_value(value)
            if masked is _CLEARED:
                masked = None
            if masked != value:
                changes[attribute.alias] = masked
        else:
            redacted = _redact(value)
            if redacted is not value:
                changes[attribute.alias] = redacted
    if not changes:
        return obj
    try:
        return attrs.evolve(obj, **changes)
    except (TypeError, ValueError) as exc:
        fields = ", ".join(changes)
        raise TypeError(
            f"cannot redact {cls.__qualname__}: the personal field(s) {fields} cannot be"
            f" masked or cleared ({exc})"
        ) from exc
