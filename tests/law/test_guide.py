"""The disclosure guide and the Notice model: validation, round trips, JSON Schema."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from govdisclosure import testing
from govdisclosure.errors import InvalidValue, ValidationError
from govdisclosure.model import (
    Agency,
    DisclosureGuide,
    Notice,
    NoticeKind,
    Outcome,
    ReceivingOffice,
    SubmissionMethod,
)
from govdisclosure.model.base import EMAIL_PATTERN, PHONE_PATTERN
from govdisclosure.serialize import from_dict, from_json, json_schema, to_dict, to_json
from govdisclosure.serialize.schema import PHONE_PATTERN as PHONE_SCHEMA_PATTERN

OFFICE = ReceivingOffice(
    name="某市人民政府办公室政府信息公开科",
    address="某市人民路1号",
    postcode="223001",
    hours="工作日上午8:30—12:00，下午14:30—17:30",
    phones=("0517-83601234", "12345"),
    fax="(0517)83601235",
    email="gk@example.gov.cn",
    online_url="https://www.example.gov.cn/ysqgk/",
    postal_rules="信封注明“政府信息公开申请”",
    methods=(SubmissionMethod.IN_PERSON, SubmissionMethod.POST),
)


@pytest.mark.parametrize(
    "number",
    [
        "010-12345678",
        "(0517)83601234",
        "（0517）83601234",
        "0517-83601234转8001",
        "13812345678",
        "12345",
        "+86 10 1234 5678",
        "0517-83601234 ext. 12",
        "400-123-4567",
    ],
)
def test_phone_numbers_as_printed(number: str) -> None:
    assert ReceivingOffice(name="办", phones=(number,), fax=number).fax == number
    assert PHONE_PATTERN.fullmatch(number)


@pytest.mark.parametrize("number", ["1234", "abc", "010-", "-010", "12345678901234567890123", ""])
def test_bad_phone_numbers(number: str) -> None:
    with pytest.raises(InvalidValue) as info:
        ReceivingOffice(name="办", fax=number)
    assert info.value.field_name == "fax"
    with pytest.raises(InvalidValue):
        ReceivingOffice(name="办", phones=(number,))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "gk@example"),
        ("email", "g k@example.gov.cn"),
        ("postcode", "22300"),
        ("online_url", "www.example.gov.cn"),
        ("phones", "0517-83601234"),
        ("phones", (None,)),
        ("name", " "),
    ],
)
def test_bad_contact_details(field: str, value: object) -> None:
    with pytest.raises(InvalidValue) as info:
        ReceivingOffice(**{"name": "办", field: value})  # type: ignore[arg-type]
    assert info.value.field_name == field


def test_office_for_a_channel() -> None:
    fallback = ReceivingOffice(name="综合窗口")
    online = ReceivingOffice(name="网上平台", methods=(SubmissionMethod.ONLINE,))
    guide = DisclosureGuide(offices=(OFFICE, fallback, online))
    assert guide.office_for(SubmissionMethod.POST) is OFFICE
    assert guide.office_for(SubmissionMethod.ONLINE) is online
    assert guide.office_for(SubmissionMethod.FAX) is fallback
    assert DisclosureGuide(offices=(OFFICE,)).office_for(SubmissionMethod.FAX) is None
    assert OFFICE.accepts(SubmissionMethod.FAX) is False


def test_an_agency_with_its_guide_round_trips() -> None:
    agency = Agency(
        name="某市人民政府",
        guide=DisclosureGuide(
            title="某市人民政府政府信息公开指南",
            updated_on=date(2024, 3, 1),
            offices=(OFFICE,),
            catalogue_title="某市人民政府政府信息公开目录",
            catalogue_url="https://www.example.gov.cn/ml/",
        ),
    )
    raw = to_json(agency)
    assert from_json(raw, Agency) == agency
    data = to_dict(agency)
    assert data["guide"]["offices"][0]["phones"] == ["0517-83601234", "12345"]
    assert from_dict(data, Agency) == agency
    data["guide"]["offices"][0]["email"] = "not an address"
    with pytest.raises(ValidationError) as info:
        from_dict(data, Agency)
    assert "email" in str(info.value)


def _schema_errors(cls: type, data: dict[str, object]) -> list[str]:
    validator = Draft202012Validator(json_schema(cls))
    return [e.message for e in validator.iter_errors(data)]


def test_the_schema_checks_contact_details() -> None:
    data = to_dict(OFFICE)
    assert _schema_errors(ReceivingOffice, data) == []
    for field, bad in [("fax", "abc"), ("email", "a@b"), ("postcode", "1"), ("phones", ["x"])]:
        broken = {**data, field: bad}
        assert _schema_errors(ReceivingOffice, broken), field


@given(testing.phone_number_strings())
def test_the_schema_pattern_agrees_with_the_validator(number: str) -> None:
    import re

    assert re.match(PHONE_SCHEMA_PATTERN, number)
    assert PHONE_PATTERN.fullmatch(number)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("postcode", "223001\n"),
        ("fax", "010-12345678\n"),
        ("email", "gk@sc.gov.cn\n"),
        ("phones", ("010-12345678\n",)),
    ],
)
def test_a_final_newline_is_not_part_of_a_contact_detail(field: str, value: object) -> None:
    # Python's "$" matches before a final newline: the model and the schema must not.
    with pytest.raises(InvalidValue) as info:
        ReceivingOffice(name="办", **{field: value})  # type: ignore[arg-type]
    assert info.value.field_name == field
    wire = list(value) if isinstance(value, tuple) else value  # a tuple is a JSON array
    document = to_dict(ReceivingOffice(name="办")) | {field: wire}
    errors = list(Draft202012Validator(json_schema(ReceivingOffice)).iter_errors(document))
    assert errors, f"the schema accepts {field}={value!r}"


def test_email_pattern() -> None:
    assert EMAIL_PATTERN.fullmatch("gk@sc.gov.cn")
    assert not EMAIL_PATTERN.fullmatch("gk@@sc.gov.cn")


def test_notice_validation() -> None:
    with pytest.raises(InvalidValue, match="needs its outcome"):
        Notice(kind=NoticeKind.REPLY, request_id="1", issued_on=date(2024, 1, 2))
    with pytest.raises(InvalidValue, match="only a reply has an outcome"):
        Notice(
            kind=NoticeKind.FEE, request_id="1", issued_on=date(2024, 1, 2), outcome=Outcome.GRANTED
        )
    with pytest.raises(InvalidValue, match="non-empty texts"):
        Notice(kind=NoticeKind.EXTENSION, request_id="1", issued_on=date(2024, 1, 2), items=("",))
    with pytest.raises(InvalidValue, match="non-empty texts"):
        Notice(kind=NoticeKind.EXTENSION, request_id="1", issued_on=date(2024, 1, 2), items=["a"])  # type: ignore[arg-type]
    assert [k.article for k in NoticeKind] == [
        "第三十条",
        "第三十三条第二款",
        "第三十二条",
        "第三十四条",
        "第四十二条",
        "第三十六条",
    ]


def test_the_schema_ties_the_outcome_to_a_reply() -> None:
    reply = to_dict(
        Notice(
            kind=NoticeKind.REPLY,
            request_id="1",
            issued_on=date(2024, 1, 2),
            outcome=Outcome.GRANTED,
        )
    )
    assert _schema_errors(Notice, reply) == []
    assert _schema_errors(Notice, {**reply, "outcome": None})
    fee = to_dict(Notice(kind=NoticeKind.FEE, request_id="1", issued_on=date(2024, 1, 2)))
    assert _schema_errors(Notice, fee) == []
    assert _schema_errors(Notice, {**fee, "outcome": "granted"})


@given(testing.notices())
def test_notices_round_trip(notice: Notice) -> None:
    assert from_json(to_json(notice), Notice) == notice
