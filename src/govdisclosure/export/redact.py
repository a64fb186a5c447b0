"""Masking personal data: applicants' names, identity numbers and contact details.

What is personal is not a list kept here: it is the ``personal`` flag in each field's metadata
(set with ``field(..., personal=True)``, see :mod:`govdisclosure.model.base`). :func:`redact`
walks a model (and every model nested in it, in fields and in tuples), so the personal fields
of subclasses defined elsewhere are masked too.

Free text written by people (a request's description, the note of an event) is not personal as
a whole, but may quote contact details: fields marked ``field(..., free_text=True)`` keep their
text with every resident identity card number, mobile or landline telephone number and e-mail
address in it masked (:func:`mask_contacts`).

Every export of the library masks through :func:`redact`, chosen by a :class:`Privacy` setting:
:attr:`Privacy.MASK` (the default everywhere) or :attr:`Privacy.INCLUDE` (personal data in
clear, for the agency's own records). ``docs/personal-data.md`` lists what is masked where.

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
>>> redact(request, Privacy.INCLUDE) is request
True
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, TypeVar

import attrs

from govdisclosure.model.applicant import is_resident_id

__all__ = [
    "MASK",
    "Privacy",
    "free_text_fields",
    "is_resident_id",
    "mask_contacts",
    "mask_identity_number",
    "mask_text",
    "personal_fields",
    "redact",
]

T = TypeVar("T")

MASK = "***"
"""What a fully masked text becomes."""


class Privacy(Enum):
    """What an export does with personal data.

    >>> Privacy.MASK.value, Privacy("include") is Privacy.INCLUDE
    ('mask', True)
    """

    MASK = "mask"
    """Personal fields masked (or their columns left out) and contact details in free text
    masked: the default of every export."""
    INCLUDE = "include"
    """Everything in clear: only for the agency's own records, never for publication."""

    @classmethod
    def of(cls, include_personal: bool) -> Privacy:
        """The setting for a yes/no ``include_personal`` flag (as the command line has).

        >>> Privacy.of(False), Privacy.of(True)
        (<Privacy.MASK: 'mask'>, <Privacy.INCLUDE: 'include'>)
        """
        return cls.INCLUDE if include_personal else cls.MASK


def free_text_fields(cls: type) -> tuple[str, ...]:
    """The names of the fields of an attrs class marked ``free_text`` in their metadata.

    >>> from govdisclosure.model import DisclosureRequest, Replied
    >>> free_text_fields(DisclosureRequest), free_text_fields(Replied)
    (('description',), ('note',))
    """
    return tuple(a.name for a in attrs.fields(cls) if a.metadata.get("free_text", False))


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


# A number is matched only whole: no ASCII digit or letter right before or after it, so that a
# document number or an amount is never cut into a "telephone number".
_ID = r"[0-9]{17}[0-9Xx]|[0-9]{15}"
_MOBILE = r"(?:\+?86[- ]?)?1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4}"
# A landline only with its area code (0 and two or three digits): a bare 7-8 digit number is
# too often something else (a file number, an amount).
_LANDLINE = r"(?:[(（]0[0-9]{2,3}[)）]|0[0-9]{2,3}-?)[2-9][0-9]{6,7}(?:-[0-9]{1,6})?"
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
_CONTACTS = re.compile(
    rf"(?<![0-9A-Za-z])(?:(?P<id>{_ID})|(?P<phone>{_MOBILE}|{_LANDLINE}))(?![0-9A-Za-z])"
    rf"|(?P<email>{_EMAIL})"
)


def _mask_match(match: re.Match[str]) -> str:
    number = match.group("id")
    if number is not None:
        # Not a valid identity number (a document number of the same shape): left as it is.
        return _mask_id(number) if is_resident_id(number) else number
    return MASK


def _mask_id(number: str) -> str:
    return number[:6] + "*" * (len(number) - 7) + number[-1].upper()


def mask_contacts(text: str) -> str:
    """Free text with its identity numbers, telephone numbers and e-mail addresses masked.

    A valid resident identity card number keeps its place code and check digit (as
    :func:`mask_text` does); a mobile number (``13812345678``, ``+86 138-1234-5678``), a
    landline with its area code (``010-12345678``, ``（0517）83601234``) or an e-mail address
    becomes :data:`MASK`. The rest of the text is kept.

    >>> mask_contacts("请寄至张三，电话13812345678，邮箱zhang.san@example.com")
    '请寄至张三，电话***，邮箱***'
    >>> mask_contacts("身份证11010519491231002X；固话（010）62345678")
    '身份证110105***********X；固话***'
    >>> mask_contacts("2024年第12345678号文件，金额138000000元")  # no telephone in it
    '2024年第12345678号文件，金额138000000元'
    """
    if not any(c.isdigit() or c == "@" for c in text):  # the common case: nothing to find
        return text
    return _CONTACTS.sub(_mask_match, text)


def _mask_free_text(value: Any) -> Any:
    if isinstance(value, str):
        return mask_contacts(value)
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        return tuple(mask_contacts(item) for item in value)
    return value


def _mask_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        return tuple(mask_text(item) for item in value)
    return _CLEARED


_CLEARED = object()


def redact(obj: T, privacy: Privacy = Privacy.MASK) -> T:
    """A copy of a model with every personal field masked (see the module for the rule).

    Works on any attrs model: a request, an applicant, an event, a report. Models without
    personal data come back unchanged (the same object), and so does every model with
    ``privacy=Privacy.INCLUDE``.

    >>> from govdisclosure.model import Applicant, ApplicantKind
    >>> company = Applicant(ApplicantKind.COMMERCIAL_ENTERPRISE, name="某某有限公司")
    >>> redact(company).name, redact(company).id_number
    ('***', None)
    >>> redact(ApplicantKind.OTHER_ORGANISATION) is ApplicantKind.OTHER_ORGANISATION
    True
    """
    if privacy is Privacy.INCLUDE:
        return obj
    if not isinstance(privacy, Privacy):
        raise TypeError(f"privacy must be a Privacy, got {privacy!r}")
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
        elif attribute.metadata.get("free_text", False):
            masked = _mask_free_text(value)
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
