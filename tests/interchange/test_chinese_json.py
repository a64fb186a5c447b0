"""Chinese-key JSON: lossless like the English format, same values, errors at Chinese paths."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import orjson
import pytest
from hypothesis import given

from common import consulted_request
from govdisclosure import examples, testing
from govdisclosure.errors import ValidationError
from govdisclosure.model import (
    Agency,
    AnnualReport,
    AnnualReport2021,
    ApplicationTable,
    DisclosureRequest,
    FormatVersion,
    Money,
    Quantity,
    RequestEvent,
    ReviewTable,
    Section,
)
from govdisclosure.model.base import field
from govdisclosure.serialize import TAG_KEY, from_json, register, to_dict, to_json
from govdisclosure.serialize.chinese import from_dict_zh, from_json_zh, to_dict_zh, to_json_zh
from govdisclosure.serialize.schema import SchemaError, json_schema, model_classes

if TYPE_CHECKING:
    from collections.abc import Callable

BUILT_IN = {
    name: cls for name, cls in model_classes().items() if cls.__module__.startswith("govdisclosure")
}


def _assert_round_trip(model: object) -> None:
    raw = to_json_zh(model)
    for cls in {type(model), *(c for c in type(model).__mro__ if c in BUILT_IN.values())}:
        back: object = from_json_zh(raw, cls)
        assert back == model
        assert type(back) is type(model)
    assert to_json_zh(from_json_zh(raw, type(model))) == raw
    assert from_dict_zh(to_dict_zh(model), type(model)) == model


def _same_values(english: Any, chinese: Any) -> None:
    """The two forms differ in their keys only: same values, same order, same tags."""
    if isinstance(english, dict):
        assert isinstance(chinese, dict)
        assert len(english) == len(chinese)
        for (ek, ev), (ck, cv) in zip(english.items(), chinese.items(), strict=True):
            if ek in ("schema_version", TAG_KEY):
                assert ck == ek
            _same_values(ev, cv)
    elif isinstance(english, list):
        assert isinstance(chinese, list)
        assert len(english) == len(chinese)
        for e, c in zip(english, chinese, strict=True):
            _same_values(e, c)
    else:
        assert english == chinese
        assert type(english) is type(chinese)


# --- labels ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_labels_are_unique_within_every_model_class(name: str) -> None:
    labels = [f.metadata.get("label") for f in attrs.fields(BUILT_IN[name])]
    assert all(isinstance(label, str) and label.strip() for label in labels), labels
    assert len(set(labels)) == len(labels), labels
    assert not {"schema_version", TAG_KEY} & set(labels)


@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_the_chinese_schema_uses_the_labels(name: str) -> None:
    schema = json_schema(BUILT_IN[name], keys="zh")
    english = json_schema(BUILT_IN[name])
    assert schema["$id"].endswith(f":zh:{name}")
    for zh, en in zip(schema.get("oneOf", [schema]), english.get("oneOf", [english]), strict=True):
        # Same fields in the same order; the protocol keys keep their names.
        names = [prop.get("x-name-en", key) for key, prop in zh["properties"].items()]
        assert names == list(en["properties"])
        for key, prop in zh["properties"].items():
            if key in ("schema_version", TAG_KEY):
                assert "x-name-en" not in prop
            else:
                assert en["properties"][prop["x-name-en"]]["x-label-zh"] == key
                assert "x-label-zh" not in prop
        assert zh["required"] == [
            key
            for key, name_en in zip(zh["properties"], names, strict=True)
            if name_en in en["required"]
        ]


@attrs.frozen(kw_only=True)
class _Clashing:
    """Two fields with one label, and a label that is a reserved key."""

    hall: str | None = field("名称", "Service hall.", default=None)
    name: str = field("名称", "Name.")
    note: str | None = field("type", "A note.", default=None)


def test_a_label_shared_by_two_fields_is_an_error() -> None:
    value = _Clashing(name="某局", hall="大厅")
    message = (
        r"_Clashing cannot be written with Chinese keys: fields share a label "
        r"\('名称': hall, name; 'type': note, the reserved key 'type'\)"
    )
    with pytest.raises(SchemaError, match=message):
        json_schema(_Clashing, keys="zh")
    with pytest.raises(SchemaError, match=message):
        to_json_zh(value)
    with pytest.raises(SchemaError, match=message):
        from_dict_zh({"schema_version": 2, "名称": "x"}, _Clashing)
    # The English format is not affected.
    assert from_json(to_json(value), _Clashing) == value
    assert json_schema(_Clashing)["properties"]["hall"]["x-label-zh"] == "名称"


def test_a_field_without_a_label_keeps_its_name() -> None:
    @attrs.frozen(kw_only=True)
    class Reminded(RequestEvent):
        """A reminder, declared without field()."""

        times: int = 1

    register(Reminded, f"example.reminded-{uuid.uuid4().hex[:12]}")
    event = Reminded(on=date(2024, 10, 21), times=2)
    doc = to_dict_zh(event)
    assert list(doc) == ["schema_version", TAG_KEY, "日期", "备注", "times"]
    assert from_dict_zh(doc, RequestEvent) == event
    props = json_schema(Reminded, keys="zh")["properties"]
    assert props["times"] == {"x-name-en": "times", "default": 1, "type": "integer"}


# --- round trips ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", examples.names())
def test_bundled_examples_round_trip(name: str) -> None:
    report = examples.load(name)
    _assert_round_trip(report)
    _same_values(to_dict(report), to_dict_zh(report))


def test_keys_are_the_labels() -> None:
    report = examples.load("huaian-city-2024")
    doc = to_dict_zh(report)
    assert list(doc)[:4] == ["schema_version", "type", "报告机关", "年度"]
    assert doc["type"] == "annual-report-2021"
    assert doc["报告机关"]["机关名称"] == "淮安市人民政府"
    row = doc["收到和处理政府信息公开申请情况"]["行"][0]
    assert list(row) == [
        "行",
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert row["行"] == "new"  # codes stay codes
    assert to_json_zh(report, indent=True).startswith(b'{\n  "schema_version": 2,\n')


@given(testing.models())
def test_every_model_round_trips(model: object) -> None:
    _assert_round_trip(model)
    _same_values(to_dict(model), to_dict_zh(model))


@given(testing.requests())
def test_requests_round_trip_through_the_base_class(request: DisclosureRequest) -> None:
    for event in request.events:
        assert from_json_zh(to_json_zh(event), RequestEvent) == event
    assert from_json_zh(to_json_zh(request), DisclosureRequest) == request


# --- errors at Chinese paths ----------------------------------------------------------------------

_REPORT = to_dict_zh(
    AnnualReport2021(
        agency=Agency(name="淮安市人民政府"),
        year=2024,
        applications=ApplicationTable.blank(FormatVersion.NATIONAL_2021),
        reviews=ReviewTable(),
    )
)
_REQUEST = to_dict_zh(consulted_request())


def _edited(doc: dict[str, Any], edit: Any) -> dict[str, Any]:
    new: dict[str, Any] = orjson.loads(orjson.dumps(doc))
    edit(new)
    return new


ERRORS: dict[str, tuple[type, Any, list[tuple[str, str]]]] = {
    "wrong-type": (
        AnnualReport2021,
        _edited(_REPORT, lambda d: d.update({"年度": "2024"})),
        [("$.年度", "expected an integer, got '2024'")],
    ),
    "nested-cell": (
        AnnualReport2021,
        _edited(
            _REPORT, lambda d: d["收到和处理政府信息公开申请情况"]["行"][3].update({"自然人": -1})
        ),
        [("$.收到和处理政府信息公开申请情况.行[3].自然人", "must not be negative, got -1")],
    ),
    "missing-required": (
        DisclosureRequest,
        _edited(_REQUEST, lambda d: d.pop("申请公开的政府信息")),
        [("$.申请公开的政府信息", "required field is missing")],
    ),
    "english-key-in-a-chinese-document": (
        AnnualReport2021,
        _edited(_REPORT, lambda d: d["报告机关"].update({"name": "某局"})),
        [("$.报告机关.name", "unknown key 'name' for Agency")],
    ),
    "unknown-chinese-key": (
        AnnualReport2021,
        _edited(_REPORT, lambda d: d["报告机关"].update({"所在区": "清江浦区"})),
        [("$.报告机关.所在区", "unknown key '所在区' for Agency")],
    ),
    "tag-key-in-an-untagged-object": (
        AnnualReport2021,
        _edited(_REPORT, lambda d: d["政府信息公开行政复议、行政诉讼情况"].update({"type": "x"})),
        [("$.政府信息公开行政复议、行政诉讼情况.type", "unknown key 'type' for ReviewTable")],
    ),
    "event-field": (
        DisclosureRequest,
        _edited(_REQUEST, lambda d: d["办理过程"][1].update({"延长工作日数": 0})),
        [
            (
                "$.办理过程[1].延长工作日数",
                "an extension is a positive number of working days, got 0",
            )
        ],
    ),
    "unknown-tag": (
        DisclosureRequest,
        _edited(_REQUEST, lambda d: d["办理过程"][1].update({"type": "supervised", "级别": 1})),
        [("$.办理过程[1].type", "expected one of the tags ")],
    ),
    "english-tag-key-missing": (
        DisclosureRequest,
        _edited(_REQUEST, lambda d: d["办理过程"][2].pop("type")),
        [("$.办理过程[2].type", "expected one of the tags ")],
    ),
    "wrong-shapes": (
        DisclosureRequest,
        _edited(_REQUEST, lambda d: d.update({"申请人": [], "办理过程": {}})),
        [("$.申请人", "expected an object, got []"), ("$.办理过程", "expected an array, got {}")],
    ),
    "list-item-of-wrong-type": (
        Section,
        {"schema_version": 2, "标题": "一、总体情况", "正文": ["无。", None], "下级标题": ["x"]},
        [
            ("$.正文[1]", "expected text, got None"),
            ("$.下级标题[0]", "expected an object, got 'x'"),
        ],
    ),
    "several-in-document-order": (
        AnnualReport2021,
        _edited(
            _REPORT,
            lambda d: (
                d["报告机关"].update({"district": 1, "机关名称": None}),
                d.update({"年度": "2024", "发布日期": "2024-02-30", "remarks": "x"}),
                d["政府信息公开行政复议、行政诉讼情况"]["行政复议"].update({"总计": 1.5}),
            ),
        ),
        [
            ("$.报告机关.机关名称", "expected text, got None"),
            ("$.报告机关.district", "unknown key 'district' for Agency"),
            ("$.年度", "expected an integer, got '2024'"),
            ("$.发布日期", "'2024-02-30' is not a real calendar date"),
            ("$.政府信息公开行政复议、行政诉讼情况.行政复议.总计", "expected an integer, got 1.5"),
            ("$.remarks", "unknown key 'remarks' for AnnualReport2021"),
        ],
    ),
    "unknown-key-with-dots": (
        Money,
        {"schema_version": 2, "金额": "1", "a.b[0]": 1},
        [("$.a.b[0]", "unknown key 'a.b[0]' for Money")],
    ),
    "schema-version": (
        Money,
        {"schema_version": 3, "金额": "1"},
        [("$.schema_version", "expected schema_version 1 or 2, got 3")],
    ),
    "not-an-object": (Money, [1], [("$", "expected a JSON object")]),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors_name_chinese_paths(name: str) -> None:
    cls, doc, expected = ERRORS[name]
    readers: list[Callable[[], object]] = [
        lambda: from_dict_zh(doc, cls),
        lambda: from_json_zh(orjson.dumps(doc), cls),
    ]
    for read in readers:
        with pytest.raises(ValidationError) as info:
            read()
        got = info.value.errors
        assert [e.path for e in got] == [path for path, _ in expected]
        for detail, (_, message) in zip(got, expected, strict=True):
            assert detail.message.startswith(message), detail.message
            assert "\x00" not in detail.message + detail.message_zh + detail.path
        assert info.value.__cause__ is None


def test_unknown_key_messages_are_bilingual() -> None:
    doc = _edited(_REPORT, lambda d: d["报告机关"].update({"所在区": "清江浦区"}))
    with pytest.raises(ValidationError) as info:
        from_dict_zh(doc, AnnualReport)
    (detail,) = info.value.errors
    assert detail.message_zh == "Agency不接受键'所在区'"


def test_invalid_json_text() -> None:
    with pytest.raises(ValidationError) as info:
        from_json_zh('{"schema_version": 2, "金额": '.encode(), Money)
    assert info.value.paths == ("$",)
    assert info.value.errors[0].message_zh.startswith("JSON格式错误：")


def test_values_are_checked_like_the_english_format() -> None:
    assert from_dict_zh(
        {"schema_version": 2, "数值": "3.5", "单位": "万人次"}, Quantity
    ) == Quantity(Decimal("3.5"), "万人次")
    with pytest.raises(ValidationError, match=r"\$\.数值: expected an integer, or a decimal"):
        from_dict_zh({"schema_version": 2, "数值": 3.5, "单位": "万人次"}, Quantity)
