"""Redaction is driven by the ``personal`` metadata, for the library's models and subclasses."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import given

from govdisclosure import examples
from govdisclosure.export.redact import (
    MASK,
    mask_identity_number,
    mask_text,
    personal_fields,
    redact,
)
from govdisclosure.model import (
    Applicant,
    ApplicantKind,
    DisclosureRequest,
    Replied,
    RequestEvent,
    SubmissionMethod,
)
from govdisclosure.model.base import field, optional_text
from govdisclosure.testing import requests

VALID_RIC = "11010519491231002X"


@attrs.frozen(kw_only=True)
class LocalApplicant(Applicant):
    """An applicant with a mailing address and the day of birth (both personal)."""

    address: str | None = field("通讯地址", "Mailing address.", default=None, personal=True)
    born_on: date | None = field("出生日期", "Day of birth.", default=None, personal=True)
    aliases: tuple[str, ...] = field("曾用名", "Former names.", default=(), personal=True)
    channel: str | None = field("来源", "Not personal.", default=None, validator=optional_text)


@attrs.frozen(kw_only=True)
class Witnessed(RequestEvent):
    """An event naming a person, who must always be named."""

    witness: str = field("见证人", "Who witnessed it.", personal=True)
    born_on: date | None = field("见证人出生日期", "Day of birth.", default=None, personal=True)


@attrs.frozen(kw_only=True)
class Dated(RequestEvent):
    """An event with a personal date that its validator never lets be empty."""

    born_on: date = field(
        "出生日期", "Never empty.", validator=attrs.validators.instance_of(date), personal=True
    )


def _request(applicant: Applicant, *events: RequestEvent) -> DisclosureRequest:
    return DisclosureRequest(
        id="2024-001",
        applicant=applicant,
        received_on=date(2024, 9, 27),
        method=SubmissionMethod.ONLINE,
        description="2024年度部门预算",
        events=events,
    )


def test_identity_numbers() -> None:
    assert mask_identity_number(VALID_RIC) == "110105***********X"
    assert mask_identity_number(VALID_RIC.lower()) == "110105***********X"
    assert mask_identity_number("110105194912310021") is None  # check digit
    assert mask_identity_number("110105194913310028") is None  # no 13th month
    assert mask_identity_number("91110000600037341L") is None  # a credit code: not a RIC
    assert mask_text("110105194912310021") == MASK
    assert mask_text("13800000000") == MASK
    assert mask_text(VALID_RIC) == "110105***********X"


def test_personal_fields_come_from_metadata() -> None:
    assert personal_fields(Applicant) == ("name", "id_number", "contact")
    assert personal_fields(LocalApplicant) == (
        "name", "id_number", "contact", "address", "born_on", "aliases",
    )  # fmt: skip
    assert personal_fields(DisclosureRequest) == ()


def test_subclass_fields_are_redacted() -> None:
    applicant = LocalApplicant(
        kind=ApplicantKind.NATURAL_PERSON,
        name="张三",
        id_number=VALID_RIC,
        address="某市某路1号",
        born_on=date(1949, 12, 31),
        aliases=("张老三", VALID_RIC),
        channel="窗口",
    )
    masked = redact(_request(applicant)).applicant
    assert isinstance(masked, LocalApplicant)
    assert (masked.name, masked.id_number, masked.contact) == (MASK, "110105***********X", None)
    assert (masked.address, masked.born_on) == (MASK, None)
    assert masked.aliases == (MASK, "110105***********X")
    assert masked.channel == "窗口"


def test_events_are_redacted_and_an_unclearable_field_is_an_error() -> None:
    event = Witnessed(on=date(2024, 10, 1), witness="李四", born_on=date(1980, 1, 1))
    masked = redact(_request(Applicant(ApplicantKind.NATURAL_PERSON), event))
    assert masked.events == (Witnessed(on=date(2024, 10, 1), witness=MASK),)
    dated = Dated(on=date(2024, 10, 1), born_on=date(1980, 1, 1))
    with pytest.raises(TypeError, match=r"cannot redact Dated: the personal field\(s\) born_on"):
        redact(_request(Applicant(ApplicantKind.NATURAL_PERSON), dated))


def test_nothing_personal_comes_back_unchanged() -> None:
    request = _request(Applicant(ApplicantKind.LEGAL_SERVICE_INSTITUTION))
    assert redact(request) is request
    huaian = examples.load("huaian-city-2024")
    assert redact(huaian) is huaian
    already = _request(Applicant(ApplicantKind.NATURAL_PERSON, name=MASK))
    assert redact(already) is already
    assert redact(3) == 3


@given(requests())
def test_no_personal_value_survives(request: DisclosureRequest) -> None:
    masked = redact(request)
    applicant = masked.applicant
    for name in personal_fields(type(applicant)):
        original = getattr(request.applicant, name)
        value = getattr(applicant, name)
        assert value is None if original is None else value in (MASK, mask_text(original))
    assert attrs.evolve(masked, applicant=request.applicant) == request
    assert masked.events == request.events
    assert redact(masked) == masked
    assert all(isinstance(e, RequestEvent) for e in masked.events)
    assert masked.reply == request.reply or isinstance(masked.reply, Replied)
