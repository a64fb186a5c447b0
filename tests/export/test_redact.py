"""Redaction is driven by the ``personal`` metadata, for the library's models and subclasses."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import given

from common import make_request
from govdisclosure import examples
from govdisclosure.errors import InvalidValue
from govdisclosure.export.redact import (
    MASK,
    Privacy,
    free_text_fields,
    is_resident_id,
    mask_contacts,
    mask_identity_number,
    mask_text,
    personal_fields,
    redact,
)
from govdisclosure.model import (
    Applicant,
    ApplicantKind,
    ConsultationStarted,
    Consultee,
    DisclosureRequest,
    Replied,
    RequestEvent,
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
    masked = redact(make_request(applicant=applicant)).applicant
    assert isinstance(masked, LocalApplicant)
    assert (masked.name, masked.id_number, masked.contact) == (MASK, "110105***********X", None)
    assert (masked.address, masked.born_on) == (MASK, None)
    assert masked.aliases == (MASK, "110105***********X")
    assert masked.channel == "窗口"


def test_events_are_redacted_and_an_unclearable_field_is_an_error() -> None:
    event = Witnessed(on=date(2024, 10, 1), witness="李四", born_on=date(1980, 1, 1))
    masked = redact(make_request(event, applicant=Applicant(ApplicantKind.NATURAL_PERSON)))
    assert masked.events == (Witnessed(on=date(2024, 10, 1), witness=MASK),)
    dated = Dated(on=date(2024, 10, 1), born_on=date(1980, 1, 1))
    with pytest.raises(TypeError, match=r"cannot redact Dated: the personal field\(s\) born_on"):
        redact(make_request(dated, applicant=Applicant(ApplicantKind.NATURAL_PERSON)))


def test_nothing_personal_comes_back_unchanged() -> None:
    request = make_request(applicant=Applicant(ApplicantKind.LEGAL_SERVICE_INSTITUTION))
    assert redact(request) is request
    huaian = examples.load("huaian-city-2024")
    assert redact(huaian) is huaian
    already = make_request(applicant=Applicant(ApplicantKind.NATURAL_PERSON, name=MASK))
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
    assert attrs.evolve(
        masked,
        applicant=request.applicant,
        description=request.description,
        events=request.events,
    ) == request  # fmt: skip
    assert masked.description == mask_contacts(request.description)
    for before, after in zip(request.events, masked.events, strict=True):
        assert type(after) is type(before)
        for a in attrs.fields(type(before)):
            old, new = getattr(before, a.name), getattr(after, a.name)
            if a.metadata["personal"]:
                assert new is None if old is None else new in (MASK, mask_text(old))
            elif a.metadata.get("free_text"):
                assert new == (None if old is None else mask_contacts(old))
            else:
                assert new == old
    assert redact(masked) == masked
    assert all(isinstance(e, RequestEvent) for e in masked.events)
    assert masked.reply == request.reply or isinstance(masked.reply, Replied)


# --------------------------------------------------------------- issue 15: what is personal


def test_the_consulted_third_party_and_free_text_are_marked() -> None:
    assert personal_fields(ConsultationStarted) == ("name",)
    assert free_text_fields(DisclosureRequest) == ("description",)
    assert free_text_fields(RequestEvent) == ("note",)


def test_free_text_contacts_are_masked_by_default_and_kept_when_asked() -> None:
    consulted = ConsultationStarted(
        on=date(2024, 10, 1),
        consultee=Consultee.THIRD_PARTY,
        name="王五",
        note="王五电话0517-83601234，邮箱wang5@example.cn",
    )
    request = attrs.evolve(
        make_request(consulted, applicant=Applicant(ApplicantKind.NATURAL_PERSON)),
        description=f"本人（身份证{VALID_RIC}，手机13812345678）的低保审批材料",
    )
    masked = redact(request)
    assert masked.description == "本人（身份证110105***********X，手机***）的低保审批材料"
    [event] = masked.events
    assert isinstance(event, ConsultationStarted)
    assert (event.name, event.note) == (MASK, "王五电话***，邮箱***")
    assert redact(request, Privacy.INCLUDE) is request
    assert redact(request, Privacy.of(True)) is request
    with pytest.raises(TypeError, match="privacy must be a Privacy"):
        redact(request, "mask")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("电话：13812345678。", "电话：***。"),
        ("+86 138-1234-5678", "***"),
        ("(010)62345678转", "***转"),
        ("010-62345678-801", "***"),
        ("a.b+c@mail.example.com.cn 收", "*** 收"),
        ("旧证号110105491231002", "旧证号110105********2"),
        ("证号110105194912310021不合法", "证号110105194912310021不合法"),  # wrong check digit
        ("文号20241381234567890", "文号20241381234567890"),  # a longer run is not a phone
        ("共138000000元，12345件", "共138000000元，12345件"),
        ("nothing here", "nothing here"),
    ],
)
def test_mask_contacts(text: str, masked: str) -> None:
    assert mask_contacts(text) == masked


def test_applicant_identity_numbers_are_validated_when_they_look_like_one() -> None:
    assert is_resident_id(VALID_RIC) and is_resident_id("110105491231002")
    assert not is_resident_id("110105491332002") and not is_resident_id("张三")
    for bad in ("110105194912310021", "110105194913310028", "110105491332002"):
        with pytest.raises(InvalidValue, match="id_number: looks like a resident identity"):
            Applicant(ApplicantKind.NATURAL_PERSON, id_number=bad)
    for other in (VALID_RIC.lower(), "91110000600037341L", "E12345678", "1234567890123456"):
        assert Applicant(ApplicantKind.NATURAL_PERSON, id_number=other).id_number == other


@attrs.frozen(kw_only=True)
class Remarked(RequestEvent):
    """An event with several free-text remarks."""

    remarks: tuple[str, ...] = field("批注", "Remarks.", default=(), free_text=True)
    count: int | None = field("份数", "Not text.", default=None, free_text=True)


def test_free_text_tuples_are_masked_item_by_item() -> None:
    event = Remarked(on=date(2024, 10, 1), remarks=("电话13812345678", "无"), count=3)
    masked = redact(make_request(event, applicant=Applicant(ApplicantKind.NATURAL_PERSON))).events[
        0
    ]
    assert masked == Remarked(on=date(2024, 10, 1), remarks=("电话***", "无"), count=3)
