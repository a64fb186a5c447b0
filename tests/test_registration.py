"""Playing an outside package: subclass models, register them, and round-trip them.

Registration is global, permanent state. Every test defines its own classes and registers them
under tags made unique with :func:`uuid.uuid4`, so that the tests can run in any order, more than
once in a process, and without changing what other test modules see (they never use these tags).
Registrations that must fail (undecorated subclasses, the abstract bases, classes outside the
model) are rejected before anything is recorded, so those tests need no clean-up either.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import orjson
import pytest

from common import make_request
from govdisclosure.errors import GovDisclosureError, RegistrationError, ValidationError
from govdisclosure.model import (
    Agency,
    AgencyLevel,
    AnnualReport,
    AnnualReport2021,
    ApplicationTable,
    ChannelKind,
    DisclosureCategory,
    DisclosureChannel,
    DisclosureRequest,
    Figure,
    FormatVersion,
    Outcome,
    ProactiveItem,
    ProactiveRegister,
    ProactiveTable2021,
    PublicationReview,
    Quantity,
    RegionCode,
    Replied,
    RequestEvent,
    ReviewDecision,
    ReviewKind,
)
from govdisclosure.model.base import counts, field, optional_text
from govdisclosure.rules.publication import publication_due
from govdisclosure.serialize import (
    TAG_KEY,
    compiled,
    converter,
    from_dict,
    from_json,
    register,
    registered_tags,
    tag_of,
    to_dict,
    to_json,
)
from govdisclosure.stats import tabulate_proactive


def _not_registered(cls: type) -> str:
    """The exact message for serializing an unregistered subclass of a tagged model."""
    return (
        f"{cls.__qualname__} is not registered: call govdisclosure.register({cls.__name__},"
        " 'your-prefix.tag') so that it serializes with a stable tag"
    )


def _not_an_attrs_class(cls: type) -> str:
    return f"{cls!r} is not an attrs class (decorate it with @attrs.frozen)"


def _tag(name: str) -> str:
    """A tag no other test (or earlier run in this process) uses."""
    return f"example.{name}-{uuid.uuid4().hex[:12]}"


def test_outside_subclasses_round_trip_through_json() -> None:
    # A province's own agency field (the 市州 it belongs to), its own event kind (督办, a
    # supervision order from the provincial office) and its own channel (a provincial app).
    @attrs.frozen(kw_only=True)
    class SichuanAgency(Agency):
        prefecture_code: str | None = None  # 市州代码

    @attrs.frozen(kw_only=True)
    class Supervised(RequestEvent):
        by: str
        due_on: date | None = None

    @attrs.frozen(kw_only=True)
    class ProvincialApp(DisclosureChannel):
        platform: str = "天府通办"
        downloads: int = 0

    agency_tag, event_tag, channel_tag = _tag("agency"), _tag("supervised"), _tag("channel")
    assert register(SichuanAgency, agency_tag) is SichuanAgency
    assert register(Supervised, event_tag) is Supervised
    assert register(ProvincialApp, channel_tag) is ProvincialApp
    assert tag_of(Supervised) == event_tag
    assert registered_tags(RequestEvent)[event_tag] is Supervised
    assert registered_tags(Agency)[agency_tag] is SichuanAgency
    assert registered_tags(Agency)["agency"] is Agency

    request = make_request(
        Supervised(on=date(2024, 10, 9), by="四川省人民政府办公厅", due_on=date(2024, 10, 16)),
        Replied(on=date(2024, 10, 15), outcome=Outcome.GRANTED),
    )
    raw = to_json(request)
    assert [e[TAG_KEY] for e in orjson.loads(raw)["events"]] == [event_tag, "replied"]
    back = from_json(raw, DisclosureRequest)
    assert back == request
    assert type(back.events[0]) is Supervised
    assert to_json(back) == raw
    assert from_json(to_json(request.events[0]), RequestEvent) == request.events[0]

    report = AnnualReport2021(
        agency=SichuanAgency(
            name="成都市武侯区人民政府",
            level=AgencyLevel.COUNTY,
            region=RegionCode("510107"),
            prefecture_code="5101",
        ),
        year=2024,
        channels=(
            ProvincialApp(kind=ChannelKind.APP, published=Quantity(1203, "条"), downloads=98),
            DisclosureChannel(kind=ChannelKind.PORTAL, url="https://www.cdwh.gov.cn/"),
        ),
        applications=ApplicationTable.blank(FormatVersion.NATIONAL_2021),
    )
    raw = to_json(report)
    wire = orjson.loads(raw)
    assert wire[TAG_KEY] == "annual-report-2021"
    assert wire["agency"][TAG_KEY] == agency_tag
    assert wire["agency"]["prefecture_code"] == "5101"
    assert [c[TAG_KEY] for c in wire["channels"]] == [channel_tag, "channel"]
    assert wire["channels"][0]["platform"] == "天府通办"
    for back_report in (from_json(raw, AnnualReport2021), from_json(raw, AnnualReport)):
        assert back_report == report
        assert type(back_report.agency) is SichuanAgency
        assert type(back_report.channels[0]) is ProvincialApp
        assert to_json(back_report) == raw
    assert from_dict(to_dict(report), AnnualReport) == report


def test_outside_subclass_of_a_register_entry_round_trips_inside_a_register() -> None:
    # An agency's register keeps its own columns: the 索引号 of each entry, the approver of
    # each review, and the office that keeps the register.
    @attrs.frozen(kw_only=True)
    class IndexedItem(ProactiveItem):
        index_number: str = field("索引号", "The entry's index number in the catalogue.")
        pages: int | None = field("页数", "Pages.", default=None, validator=counts)

    @attrs.frozen(kw_only=True)
    class SignedReview(PublicationReview):
        approved_by: str | None = field(
            "签发人", "Who signed the review off.", default=None, validator=optional_text
        )

    @attrs.frozen(kw_only=True)
    class OfficeRegister(ProactiveRegister):
        kept_by: str = field("登记部门", "The office that keeps the register.")

    item_tag, review_tag, register_tag = _tag("item"), _tag("review"), _tag("register")
    assert register(IndexedItem, item_tag) is IndexedItem
    assert register(SignedReview, review_tag) is SignedReview
    assert register(OfficeRegister, register_tag) is OfficeRegister
    assert registered_tags(ProactiveItem) == {
        "proactive-item": ProactiveItem,
        item_tag: IndexedItem,
    }

    signed = SignedReview(
        kind=ReviewKind.CONFIDENTIALITY,
        reviewed_on=date(2024, 9, 29),
        result=ReviewDecision.PUBLISH,
        approved_by="张三",
    )
    local = IndexedItem(
        id="2024-088",
        title="关于国庆节期间的通告",
        category=DisclosureCategory.OTHER,
        formed_on=date(2024, 9, 27),
        published_on=date(2024, 9, 30),
        reviews=(signed,),
        index_number="11320800014043424Y/2024-00088",
        pages=2,
    )
    plain = ProactiveItem(
        id="2024-089",
        title="淮安市行政规范性文件管理办法",
        category=DisclosureCategory.NORMATIVE_DOCUMENT,
        formed_on=date(2024, 3, 1),
        published_on=date(2024, 3, 6),
    )
    for book in (
        ProactiveRegister(agency=Agency(name="淮安市人民政府"), items=(local, plain)),
        OfficeRegister(items=(plain, local), kept_by="市政府办公室"),
    ):
        raw = to_json(book)
        wire = orjson.loads(raw)
        assert wire[TAG_KEY] == tag_of(type(book))
        by_id = {entry["id"]: entry for entry in wire["items"]}
        assert by_id["2024-088"][TAG_KEY] == item_tag
        assert by_id["2024-088"]["index_number"] == "11320800014043424Y/2024-00088"
        assert by_id["2024-088"]["reviews"][0] == {
            "type": review_tag,
            "kind": "confidentiality",
            "reviewed_on": "2024-09-29",
            "result": "publish",
            "ground": None,
            "reviewer": None,
            "note": None,
            "approved_by": "张三",
        }
        assert by_id["2024-089"][TAG_KEY] == "proactive-item"
        for back in (from_json(raw, ProactiveRegister), from_dict(to_dict(book), type(book))):
            assert back == book
            assert type(back) is type(book)
            again = {entry.id: entry for entry in back.items}
            assert type(again["2024-088"]) is IndexedItem
            assert type(again["2024-088"].reviews[0]) is SignedReview
            assert type(again["2024-089"]) is ProactiveItem
        assert to_json(from_json(raw, ProactiveRegister)) == raw
        # The compiled fast path dispatches on the tags just as cattrs does.
        assert compiled.unstructure(book) == converter().unstructure(book)
        assert compiled.structure(converter().unstructure(book), ProactiveRegister) == book

    # The rules and the tabulation read the subclass as the entry it is.
    assert publication_due(local).due_on == date(2024, 10, 30)
    table = tabulate_proactive([local, plain], year=2024).table
    assert isinstance(table, ProactiveTable2021)
    assert table.normative_documents.issued == 1

    # The subclasses' own validators run when they are read back, and name where.
    for path, key, bad in (
        ("$.items[0].pages", "pages", -1),
        ("$.items[0].index_number", "index_number", 7),
    ):
        doc = to_dict(OfficeRegister(items=(local,), kept_by="市政府办公室"))
        doc["items"][0][key] = bad
        with pytest.raises(ValidationError) as info:
            from_dict(doc, ProactiveRegister)
        assert [e.path for e in info.value.errors] == [path]
    doc = to_dict(OfficeRegister(items=(local,), kept_by="市政府办公室"))
    doc["items"][0]["reviews"][0]["approved_by"] = " "
    with pytest.raises(ValidationError) as info:
        from_dict(doc, ProactiveRegister)
    assert [e.path for e in info.value.errors] == ["$.items[0].reviews[0].approved_by"]


def test_an_unregistered_register_entry_cannot_be_serialized() -> None:
    @attrs.frozen(kw_only=True)
    class LocalItem(ProactiveItem):
        pass

    entry = LocalItem(
        id="1", title="通知", category=DisclosureCategory.OTHER, formed_on=date(2024, 1, 2)
    )
    with pytest.raises(RegistrationError, match=rf"^{re.escape(_not_registered(LocalItem))}$"):
        to_json(ProactiveRegister(items=(entry,)))


def test_registering_again_with_the_same_tag_is_a_no_op() -> None:
    @attrs.frozen(kw_only=True)
    class Inspected(RequestEvent):
        inspector: str

    tag = _tag("inspected")
    assert register(Inspected, tag) is Inspected
    assert register(Inspected, tag) is Inspected
    assert tag_of(Inspected) == tag


def test_registration_after_the_converter_was_used_takes_effect() -> None:
    # Serialize first, so that the shared converter has built its hooks.
    plain = make_request(Replied(on=date(2024, 10, 15), outcome=Outcome.GRANTED))
    assert from_json(to_json(plain), DisclosureRequest) == plain

    @attrs.frozen(kw_only=True)
    class Urged(RequestEvent):
        times: int = 1

    register(Urged, _tag("urged"))
    request = make_request(Urged(on=date(2024, 10, 1), times=2))
    assert from_json(to_json(request), DisclosureRequest) == request


def test_subclass_of_a_built_in_event_keeps_its_own_tag() -> None:
    @attrs.frozen(kw_only=True)
    class RepliedWithFee(Replied):
        fee: Decimal = Decimal(0)

    tag = _tag("replied-with-fee")
    register(RepliedWithFee, tag)
    request = make_request(
        RepliedWithFee(on=date(2024, 10, 15), outcome=Outcome.GRANTED, fee=Decimal("12.50"))
    )
    raw = to_json(request)
    assert orjson.loads(raw)["events"][0] == {
        "type": tag,
        "on": "2024-10-15",
        "note": None,
        "outcome": "granted",
        "reference": None,
        "fee": "12.50",
    }
    assert from_json(raw, DisclosureRequest) == request
    # A field typed with the built-in class accepts the registered subclass too.
    assert from_json(to_json(request.events[0]), Replied) == request.events[0]


def test_registered_subclass_fields_are_validated_with_paths() -> None:
    @attrs.frozen(kw_only=True)
    class Supervised(RequestEvent):
        by: str
        round: int = 1

    tag = _tag("supervised")
    register(Supervised, tag)
    doc = to_dict(make_request(Supervised(on=date(2024, 10, 9), by="省政府办公厅")))
    doc["events"][0].update(by=5, round="2", deadline="2024-10-16")
    with pytest.raises(ValidationError) as info:
        from_dict(doc, DisclosureRequest)
    assert [(e.path, e.message) for e in info.value.errors] == [
        ("$.events[0].by", "expected text, got 5"),
        ("$.events[0].round", "expected an integer, got '2'"),
        ("$.events[0].deadline", "unknown key 'deadline' for Supervised"),
    ]


@pytest.mark.parametrize(
    ("validator", "tag", "message"),
    [
        # attrs.validators.in_ raises ValueError(message, attribute, options, value).
        (attrs.validators.in_([1, 2, 3]), "escalated", "'level' must be in [1, 2, 3] (got 0)"),
        (attrs.validators.ge(1), "escalated-ge", "'level' must be >= 1: 0"),
    ],
)
def test_attrs_validator_failure_in_a_subclass_is_reported_at_the_field(
    validator: Any, tag: str, message: str
) -> None:
    @attrs.frozen(kw_only=True)
    class Escalated(RequestEvent):
        level: int = attrs.field(default=1, validator=validator)

    register(Escalated, _tag(tag))
    doc = to_dict(make_request(Escalated(on=date(2024, 10, 9))))
    doc["events"][0]["level"] = 0
    with pytest.raises(ValidationError) as info:
        from_dict(doc, DisclosureRequest)
    [error] = info.value.errors
    assert (error.path, error.message, error.message_zh) == (
        "$.events[0].level",
        message,
        f"字段校验失败：{message}",
    )


def test_a_registered_tag_in_the_wrong_place_is_rejected() -> None:
    @attrs.frozen(kw_only=True)
    class Supervised(RequestEvent):
        by: str

    tag = _tag("supervised")
    register(Supervised, tag)
    doc = to_dict(make_request(Supervised(on=date(2024, 10, 9), by="省政府办公厅")))
    doc["applicant"] = doc["events"][0]
    with pytest.raises(ValidationError) as info:
        from_dict(doc, DisclosureRequest)
    [error] = info.value.errors
    assert error.path == "$.applicant.type"
    assert error.message == f"expected one of the tags applicant; got {tag!r}"
    assert error.message_zh == f"类型标记应为以下之一：applicant；实际为{tag!r}"


# --- registration errors -------------------------------------------------------------------------


def test_registering_a_non_attrs_class_fails() -> None:
    class NotAModel:
        pass

    with pytest.raises(RegistrationError, match=rf"^{re.escape(_not_an_attrs_class(NotAModel))}$"):
        register(NotAModel, _tag("not-a-model"))


def test_registering_an_instance_fails() -> None:
    with pytest.raises(RegistrationError, match="is not an attrs class"):
        register(Agency(name="x"), _tag("instance"))  # type: ignore[arg-type]


def test_registering_an_undecorated_subclass_fails() -> None:
    # attrs.has() is true for it (it inherits __attrs_attrs__), but its own fields are not
    # attrs fields and would be silently dropped.
    class Undecorated(Agency):
        prefecture_code: str | None = None

    with pytest.raises(
        RegistrationError, match=rf"^{re.escape(_not_an_attrs_class(Undecorated))}$"
    ):
        register(Undecorated, _tag("undecorated"))
    assert Undecorated not in registered_tags(Agency).values()


def test_registering_a_class_outside_the_model_fails() -> None:
    @attrs.frozen
    class Supervision:
        by: str

    message = (
        f"{Supervision.__qualname__} does not subclass an extensible model; those are: Agency,"
        " AnnualReport, Applicant, DisclosureChannel, DisclosureRequest, Litigation,"
        " ProactiveItem, ProactiveRegister, PublicationReview, Reconsideration, RequestEvent"
    )
    with pytest.raises(RegistrationError, match=rf"^{re.escape(message)}$"):
        register(Supervision, _tag("supervision"))


@pytest.mark.parametrize("base", [AnnualReport, RequestEvent])
def test_registering_an_abstract_base_itself_fails(base: type) -> None:
    # The abstract bases are never serialized themselves, so they take no tag.
    tag = _tag("abstract")
    with pytest.raises(
        RegistrationError, match=rf"^{base.__name__} is abstract: register its subclasses$"
    ):
        register(base, tag)
    assert tag not in registered_tags(object)
    with pytest.raises(RegistrationError, match=rf"^{re.escape(_not_registered(base))}$"):
        tag_of(base)


@pytest.mark.parametrize(
    "tag",
    ["Example.Tag", "", "has space", "-leading-dash", "x" * 65, "例子.tag", "example/tag", "tag\n"],
)
def test_registering_with_a_bad_tag_fails(tag: str) -> None:
    @attrs.frozen(kw_only=True)
    class Local(RequestEvent):
        pass

    with pytest.raises(RegistrationError, match="must be 1-64 lower-case letters"):
        register(Local, tag)
    with pytest.raises(RegistrationError, match="is not registered"):
        tag_of(Local)


def test_registering_with_a_non_string_tag_fails() -> None:
    @attrs.frozen(kw_only=True)
    class Local(RequestEvent):
        pass

    with pytest.raises(RegistrationError, match="tag 5 must be 1-64"):
        register(Local, 5)  # type: ignore[arg-type]


def test_a_tag_can_be_used_once() -> None:
    @attrs.frozen(kw_only=True)
    class First(RequestEvent):
        pass

    @attrs.frozen(kw_only=True)
    class Second(RequestEvent):
        pass

    tag = _tag("taken")
    register(First, tag)
    with pytest.raises(
        RegistrationError,
        match=rf"^tag '{tag}' is already used by .*First$",
    ):
        register(Second, tag)
    with pytest.raises(RegistrationError, match=r"^tag 'replied' is already used by Replied$"):
        register(Second, "replied")


def test_a_class_cannot_take_a_second_tag() -> None:
    @attrs.frozen(kw_only=True)
    class Local(RequestEvent):
        pass

    tag = _tag("first")
    register(Local, tag)
    with pytest.raises(RegistrationError, match=rf"Local is already registered as '{tag}'$"):
        register(Local, _tag("second"))
    with pytest.raises(RegistrationError, match="already registered as 'agency'"):
        register(Agency, _tag("agency"))
    assert tag_of(Local) == tag


def test_serializing_an_unregistered_subclass_fails() -> None:
    @attrs.frozen(kw_only=True)
    class Unregistered(RequestEvent):
        pass

    request = make_request(Unregistered(on=date(2024, 10, 9)))
    message = rf"^{re.escape(_not_registered(Unregistered))}$"
    with pytest.raises(RegistrationError, match=message):
        to_json(request)
    with pytest.raises(RegistrationError, match=message):
        to_dict(request)
    with pytest.raises(RegistrationError, match=rf"^{re.escape(_not_registered(AnnualReport))}$"):
        to_json(AnnualReport(agency=Agency(name="x"), year=2024))


@pytest.mark.parametrize("top_level", ["event", "agency"])
def test_serializing_an_unregistered_subclass_on_its_own_fails(top_level: str) -> None:
    @attrs.frozen(kw_only=True)
    class UnregisteredEvent(RequestEvent):
        pass

    @attrs.frozen(kw_only=True)
    class UnregisteredAgency(Agency):
        prefecture_code: str | None = None

    model: object = (
        UnregisteredEvent(on=date(2024, 10, 9))
        if top_level == "event"
        else UnregisteredAgency(name="成都市武侯区人民政府", prefecture_code="5101")
    )
    message = rf"^{re.escape(_not_registered(type(model)))}$"
    with pytest.raises(RegistrationError, match=message):
        to_json(model)
    with pytest.raises(RegistrationError, match=message):
        to_dict(model)


def test_registration_errors_are_in_the_error_family() -> None:
    with pytest.raises(GovDisclosureError):
        register(object, _tag("object"))
    assert issubclass(RegistrationError, TypeError)


def test_serializing_a_subclass_of_a_plain_model_fails() -> None:
    @attrs.frozen
    class EstimatedQuantity(Quantity):
        source: str = "估算"

    figure = Figure(label="政务微博发布信息", quantity=EstimatedQuantity(337, "条"))
    with pytest.raises(RegistrationError, match="EstimatedQuantity is a subclass of Quantity"):
        to_json(figure)
    # Alone, the subclass is its own declared type and round-trips as itself.
    alone = EstimatedQuantity(337, "条", source="抽样")
    assert from_json(to_json(alone), EstimatedQuantity) == alone
