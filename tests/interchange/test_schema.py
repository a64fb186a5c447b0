"""The JSON Schema of the wire format matches what the converter writes and reads.

- every document ``to_json`` writes (bundled examples, hypothesis-generated models of every
  class, with English and Chinese keys) is valid under the class's schema and under the schema of
  each polymorphic base it can stand for;
- every malformed document of the converter's error catalogue (tests/test_serialize_errors.py)
  is rejected by the schema too, at the same place, except a short, explicit list of checks JSON
  Schema cannot express;
- the schema's structure follows the models: keys in declared order, required fields, labels,
  enum codes, tags, defaults, registered subclasses.
"""

from __future__ import annotations

import importlib.util
import re
import uuid
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from common import accepts
from govdisclosure import examples, testing
from govdisclosure.errors import RegistrationError
from govdisclosure.model import (
    Agency,
    AnnualReport,
    AnnualReport2008,
    AnnualReport2019,
    AnnualReport2021,
    Applicant,
    ApplicationTable,
    DisclosureChannel,
    DisclosureRequest,
    FormatVersion,
    Litigation,
    LitigationRoute,
    Money,
    MoneyUnit,
    Outcome,
    Quantity,
    Reconsideration,
    RegionCode,
    Replied,
    RequestEvent,
    ReviewTable,
    Section,
)
from govdisclosure.model.agency import _credit_code
from govdisclosure.model.base import LabelledEnum, field, optional_text
from govdisclosure.serialize import (
    SCHEMA_VERSION,
    TAG_KEY,
    from_dict,
    register,
    registered_tags,
    tag_of,
    to_dict,
)
from govdisclosure.serialize.chinese import to_dict_zh
from govdisclosure.serialize.schema import (
    CREDIT_CODE_PATTERN,
    DATE_PATTERN,
    DECIMAL_PATTERN,
    DIALECT,
    NON_NEGATIVE_DECIMAL_PATTERN,
    REGION_CODE_PATTERN,
    URL_PATTERN,
    SchemaError,
    json_schema,
    leaf_validators,
    model_classes,
    rule_for,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hypothesis.strategies import SearchStrategy

ROOT = Path(__file__).resolve().parents[2]

# The classes of the library itself (other tests register more; these never change).
BUILT_IN: dict[str, type] = {
    name: cls for name, cls in model_classes().items() if cls.__module__.startswith("govdisclosure")
}

STRATEGIES: dict[type, SearchStrategy[Any]] = {
    RegionCode: testing.region_codes(),
    Agency: testing.agencies(),
    Applicant: testing.applicants(),
    DisclosureChannel: testing.channels(),
    Quantity: testing.quantities(),
    Money: testing.money(),
    Section: testing.sections(),
    DisclosureRequest: testing.requests(),
    RequestEvent: testing.request_events(),
    Reconsideration: testing.reconsiderations(),
    Litigation: testing.litigations(),
    ApplicationTable: testing.application_tables(FormatVersion.NATIONAL_2021),
    ReviewTable: testing.review_tables(),
    AnnualReport2008: testing.annual_reports_2008(),
    AnnualReport2019: testing.annual_reports_2019(),
    AnnualReport2021: testing.annual_reports_2021(),
    AnnualReport: testing.annual_reports(),
}


@cache
def _validator(cls: type, keys: str, registrations: int) -> Draft202012Validator:
    # Keyed on the number of registrations too: a registration changes the unions.
    schema = json_schema(cls, keys=keys)  # type: ignore[arg-type]
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validator(cls: type, keys: str = "en") -> Draft202012Validator:
    return _validator(cls, keys, len(registered_tags(object)))


def _bases(cls: type) -> Iterator[type]:
    """The classes a document of ``cls`` can be read as: itself and its polymorphic bases."""
    for base in cls.__mro__:
        if attrs.has(base) and base in BUILT_IN.values() and issubclass(cls, base):
            yield base


def _assert_valid(model: object) -> None:
    english, chinese = to_dict(model), to_dict_zh(model)
    for cls in _bases(type(model)):
        errors = list(validator(cls).iter_errors(english))
        assert not errors, [e.message for e in errors]
        errors = list(validator(cls, "zh").iter_errors(chinese))
        assert not errors, [e.message for e in errors]


# --- every document the converter writes is valid -------------------------------------------------


@pytest.mark.parametrize("keys", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_every_schema_is_a_valid_draft_2020_12_schema(name: str, keys: str) -> None:
    schema = json_schema(BUILT_IN[name], keys=keys)  # type: ignore[arg-type]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DIALECT
    assert schema["$id"] == f"urn:govdisclosure:schema:{SCHEMA_VERSION}:{keys}:{name}"


@pytest.mark.parametrize("name", examples.names())
def test_bundled_examples_are_valid(name: str) -> None:
    report = examples.load(name)
    _assert_valid(report)
    assert {AnnualReport, type(report)} <= set(_bases(type(report)))


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
@given(data=st.data())
def test_generated_models_are_valid(cls: type, data: st.DataObject) -> None:
    _assert_valid(data.draw(STRATEGIES[cls], label=cls.__name__))


@given(testing.models())
def test_any_generated_model_is_valid(model: object) -> None:
    _assert_valid(model)


# --- what the converter rejects, the schema rejects -----------------------------------------------


def _load_catalogue() -> dict[str, Any]:
    path = ROOT / "tests" / "test_serialize_errors.py"
    spec = importlib.util.spec_from_file_location("_serialize_error_catalogue", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases: dict[str, Any] = module.CASES
    return cases


CATALOGUE = _load_catalogue()
JSON_CASES = sorted(name for name, case in CATALOGUE.items() if not isinstance(case.doc, bytes))

# What JSON Schema cannot say, case by case. Everything else in the catalogue must be rejected.
NOT_EXPRESSIBLE = {
    # JSON has one number type: 2024.0 *is* the integer 2024 for JSON Schema ("integer" matches
    # any number with a zero fractional part); govdisclosure refuses floats where it wants ints.
    "float-for-int": "integral float",
    "legacy-value-float": "integral float",
    # A check character is arithmetic over the code.
    "bad-credit-code": "check character",
    # Comparing two values of one document is beyond JSON Schema.
    "decided-before-filed": "date order",
}


def _locations(errors: Any) -> Iterator[tuple[str, str, str]]:
    for error in errors:
        yield error.json_path, str(error.validator), error.message
        yield from _locations(error.context)


def _parent(path: str) -> tuple[str, str]:
    match = re.fullmatch(r"(.*)\.([^.\[\]]+)", path)
    assert match is not None, path
    return match.group(1), match.group(2)


def _points_at(path: str, locations: list[tuple[str, str, str]]) -> bool:
    """Whether the schema's errors point where the converter's error does.

    JSON Schema reports a missing or unknown key at the object that should (not) have it, and
    a problem in a table at the cell it finds first.
    """
    for where, keyword, message in locations:
        if where == path or where.startswith((path + ".", path + "[")):
            return True
        if keyword in ("required", "additionalProperties") and path != "$":
            parent, key = _parent(path)
            if where == parent and repr(key) in message:
                return True
    return False


def test_the_catalogue_is_loaded() -> None:
    assert len(JSON_CASES) >= 60
    assert set(NOT_EXPRESSIBLE) <= set(JSON_CASES)


@pytest.mark.parametrize("name", JSON_CASES)
def test_the_schema_rejects_what_the_converter_rejects(name: str) -> None:
    case = CATALOGUE[name]
    errors = list(validator(case.cls).iter_errors(case.doc))
    if name in NOT_EXPRESSIBLE:
        assert errors == [], "the schema now says this: take the case off NOT_EXPRESSIBLE"
        return
    assert errors, f"the schema accepts {name}"
    locations = list(_locations(errors))
    for path, _, _ in case.expected:
        assert _points_at(path, locations), (path, locations)


def test_integral_floats_are_the_only_type_gap() -> None:
    # The converter itself refuses them, from JSON text and from dicts alike.
    doc = CATALOGUE["float-for-int"].doc
    assert validator(AnnualReport2021).is_valid(doc)
    with pytest.raises(ValueError, match=r"expected an integer, got 2024\.0"):
        from_dict(doc, AnnualReport2021)
    doc = dict(doc, year=2024.5)
    assert not validator(AnnualReport2021).is_valid(doc)


# --- structure ------------------------------------------------------------------------------------


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node and len(node) == 1:
        node = schema["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return node


@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_objects_follow_the_fields(name: str) -> None:
    cls = BUILT_IN[name]
    schema = json_schema(cls)
    branches = schema.get("oneOf", [schema])
    # Other tests register subclasses too: check the library's own classes.
    own = [b for b in branches if BUILT_IN.get(b["title"]) is not None]
    assert own
    for sub in own:
        member = BUILT_IN[sub["title"]]
        fields = attrs.fields(member)
        tagged = TAG_KEY in sub["properties"]
        assert tagged is (member in registered_tags(member).values())
        head = ["schema_version", TAG_KEY] if tagged else ["schema_version"]
        assert list(sub["properties"]) == head + [f.name for f in fields]
        required = [f.name for f in fields if f.default is attrs.NOTHING]
        assert sub["required"] == head + required
        assert sub["additionalProperties"] is False
        assert sub["type"] == "object"
        assert sub["properties"]["schema_version"]["const"] == SCHEMA_VERSION
        for f in fields:
            prop = sub["properties"][f.name]
            assert prop["x-label-zh"] == f.metadata["label"]
            assert prop["description"] == f.metadata["doc"]
            assert ("default" in prop) is (f.default is not attrs.NOTHING)
        if tagged:
            assert sub["properties"][TAG_KEY]["const"] == tag_of(member)


def test_every_def_is_closed() -> None:
    schema = json_schema(AnnualReport)
    for name, definition in schema["$defs"].items():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False, name
            assert "schema_version" not in definition["properties"], name


def test_enums_travel_as_codes_with_their_labels() -> None:
    schema = json_schema(Money)
    unit = schema["$defs"]["MoneyUnit"]
    assert unit["enum"] == ["yuan", "wan-yuan"]
    assert unit["x-enum-labels-zh"] == {"yuan": "元", "wan-yuan": "万元"}
    assert unit["x-enum-labels-en"] == {"yuan": "yuan", "wan-yuan": "10,000 yuan"}
    assert schema["properties"]["unit"]["default"] == "yuan"
    outcome = json_schema(Replied)["$defs"]["Outcome"]
    assert outcome["enum"] == [o.code for o in Outcome]


def test_dates_decimals_and_numbers() -> None:
    request = json_schema(DisclosureRequest)["properties"]
    assert request["received_on"]["format"] == "date"
    assert DATE_PATTERN == r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\n)$"
    assert request["received_on"]["pattern"] == DATE_PATTERN
    assert request["submitted_on"]["type"] == ["string", "null"]
    value = json_schema(Quantity)["properties"]["value"]
    assert value["anyOf"] == [
        {"type": "integer", "minimum": 0, "maximum": 2**53 - 1},
        {"type": "string", "pattern": NON_NEGATIVE_DECIMAL_PATTERN},
    ]
    legacy = json_schema(AnnualReport2008)["$defs"]["LegacyIndicator"]["properties"]
    assert legacy["this_year"]["anyOf"] == [
        {
            "anyOf": [
                {"type": "integer", "minimum": -(2**53 - 1), "maximum": 2**53 - 1},
                {"type": "string", "pattern": DECIMAL_PATTERN},
            ]
        },
        {"type": "null"},
    ]
    cell = json_schema(ApplicationTable)["$defs"]["ApplicantCounts"]["properties"]["total"]
    assert cell["type"] == ["integer", "null"]
    assert cell["minimum"] == 0
    change = json_schema(AnnualReport2019)["$defs"]["ItemCounts2019"]["properties"]["change"]
    assert change["minimum"] == -(2**53 - 1)  # signed, but a count


def test_text_urls_and_identifiers() -> None:
    agency = json_schema(Agency)["properties"]
    assert agency["name"]["minLength"] == 1
    assert agency["name"]["pattern"] == r"\S"
    assert agency["website"]["pattern"] == URL_PATTERN
    assert agency["credit_code"]["pattern"] == CREDIT_CODE_PATTERN
    assert "check character" in agency["credit_code"]["$comment"]
    region = json_schema(RegionCode)["properties"]["code"]
    assert region["pattern"] == REGION_CODE_PATTERN
    assert "x-personal" not in agency["name"]
    applicant = json_schema(Applicant)["properties"]
    assert applicant["name"]["x-personal"] is True


def test_pending_cases_have_no_decision_date() -> None:
    cases: list[Reconsideration | Litigation] = [
        Reconsideration(id="R1", filed_on=date(2024, 3, 1)),
        Litigation(id="L1", filed_on=date(2024, 3, 1), route=LitigationRoute.DIRECT),
    ]
    for case in cases:
        check = validator(type(case))
        doc = to_dict(case)
        assert check.is_valid(doc)
        assert not check.is_valid(dict(doc, decided_on="2024-04-01"))
        assert check.is_valid(dict(doc, decided_on="2024-04-01", result="maintained"))
        absent = {k: v for k, v in doc.items() if k != "result"}
        assert not check.is_valid(dict(absent, decided_on="2024-04-01"))  # default: pending


def test_table_3_has_the_rows_of_the_format_version() -> None:
    for cls, version in (
        (AnnualReport2019, FormatVersion.TRIAL_2019),
        (AnnualReport2021, FormatVersion.NATIONAL_2021),
    ):
        prop = json_schema(cls)["properties"]["applications"]
        rows = prop["anyOf"][0]["properties"]["rows"]
        assert [item["properties"]["row"]["const"] for item in rows["prefixItems"]] == [
            r.code for r in version.application_rows
        ]
        assert rows["items"] is False
    # A table on its own may have any rows.
    assert "prefixItems" not in orjson.dumps(json_schema(ApplicationTable)).decode()


def test_format_checking_catches_impossible_dates() -> None:
    doc = to_dict(RegionCode("320800", as_of=date(2024, 2, 29)))
    plain = Draft202012Validator(json_schema(RegionCode))
    assert plain.is_valid(doc)
    impossible = dict(doc, as_of="2024-02-30")
    assert plain.is_valid(impossible)  # the pattern alone cannot tell
    assert not validator(RegionCode).is_valid(impossible)


@given(st.from_regex(r"\A[0-9]{6}\Z"))
def test_region_pattern_agrees_with_the_model(code: str) -> None:
    assert bool(re.search(REGION_CODE_PATTERN, code)) is accepts(lambda: RegionCode(code))


@given(st.from_regex(r"\A-?[0-9]{1,4}(\.[0-9]{1,3})?\Z"))
def test_non_negative_decimal_pattern_agrees_with_the_reader(text: str) -> None:
    # The reader, not Decimal: "00" is a Decimal but not what the reader (or schema) accepts.
    document = {"schema_version": 2, "amount": text, "unit": "yuan"}
    accepted = accepts(lambda: from_dict(document, Money))
    assert bool(re.search(NON_NEGATIVE_DECIMAL_PATTERN, text)) is accepted


@given(testing.credit_codes())
def test_credit_code_pattern_accepts_valid_codes(code: str) -> None:
    assert re.search(CREDIT_CODE_PATTERN, code)


@pytest.mark.parametrize("code", ["9131011 5MA1G4L1WX", "91310115ma1g4l1wxk", "9131O115MA1G4L1WXK"])
def test_credit_code_pattern_rejects_malformed_codes(code: str) -> None:
    assert not re.search(CREDIT_CODE_PATTERN, code)
    with pytest.raises(ValueError, match="credit"):
        _credit_code(None, attrs.fields(Agency).credit_code, code)


def test_recursive_models_refer_to_themselves() -> None:
    schema = json_schema(Section)
    assert schema["properties"]["subsections"]["items"] == {"$ref": "#/$defs/Section"}
    section = schema["$defs"]["Section"]
    assert section["properties"]["subsections"]["items"] == {"$ref": "#/$defs/Section"}
    assert "schema_version" not in section["properties"]


def test_unions_list_every_registered_class() -> None:
    schema = json_schema(AnnualReport)
    assert schema["title"] == "AnnualReport"
    tags = [branch["properties"][TAG_KEY]["const"] for branch in schema["oneOf"]]
    assert tags == sorted(registered_tags(AnnualReport))
    events = json_schema(DisclosureRequest)["properties"]["events"]["items"]
    union = _resolve(json_schema(DisclosureRequest), events)
    assert union["title"] == "RequestEvent"
    assert len(union["oneOf"]) == len(registered_tags(RequestEvent))


def test_the_class_descriptions_leave_out_the_examples() -> None:
    schema = json_schema(Quantity)
    assert schema["description"].startswith("A figure as printed: value, unit and qualifier.")
    assert ">>>" not in schema["description"]


# --- the cache and the registry -------------------------------------------------------------------


def test_each_call_returns_a_new_schema() -> None:
    first = json_schema(Money)
    first["properties"].clear()
    second = json_schema(Money)
    assert second["properties"]
    assert second == json_schema(Money)
    assert second is not json_schema(Money)


def test_registered_subclasses_join_the_unions() -> None:
    tag = f"example.county-agency-{uuid.uuid4().hex[:12]}"

    @attrs.frozen(kw_only=True)
    class CountyAgency(Agency):
        """A county agency with its townships."""

        townships: int = field(
            "乡镇数",
            "Townships it governs.",
            default=0,
            validator=attrs.validators.ge(0),
        )
        hall: str | None = field("受理场所", "Service hall.", default=None, validator=optional_text)

    before = json_schema(AnnualReport2021)
    assert "CountyAgency" not in before["$defs"]
    register(CountyAgency, tag)
    after = json_schema(AnnualReport2021)
    assert after["properties"]["agency"] == {
        "description": "The agency whose report it is.",
        "x-label-zh": "报告机关",
        "$ref": "#/$defs/AnyAgency",
    }
    branches = after["$defs"]["AnyAgency"]["oneOf"]
    assert {"$ref": "#/$defs/CountyAgency"} in branches
    county = after["$defs"]["CountyAgency"]
    assert county["properties"][TAG_KEY] == {
        "description": "The type tag of CountyAgency.",
        "const": tag,
    }
    assert county["properties"]["townships"]["minimum"] == 0
    own = json_schema(CountyAgency)
    assert own["properties"][TAG_KEY]["const"] == tag
    titles = [branch["title"] for branch in json_schema(Agency)["oneOf"]]
    assert {"Agency", "CountyAgency"} <= set(titles)

    report = AnnualReport2021(agency=CountyAgency(name="某县人民政府", townships=12), year=2024)
    doc = to_dict(report)
    assert validator(AnnualReport2021).is_valid(doc)
    assert validator(AnnualReport).is_valid(doc)
    doc["agency"]["townships"] = -1
    assert not validator(AnnualReport2021).is_valid(doc)
    zh = to_dict_zh(report)
    assert zh["报告机关"]["乡镇数"] == 12
    assert validator(AnnualReport2021, "zh").is_valid(zh)


def test_attrs_validators_of_other_projects_become_constraints() -> None:
    @attrs.frozen(kw_only=True)
    class Audited(RequestEvent):
        """An audit step."""

        level: int = field("级别", "Level.", default=1, validator=attrs.validators.in_([1, 2, 3]))
        rounds: int = field(
            "轮次", "Rounds.", default=1, validator=[attrs.validators.gt(0), attrs.validators.lt(9)]
        )
        code: str = field(
            "编号", "Code.", default="A1", validator=attrs.validators.matches_re(r"[A-Z][0-9]+")
        )
        prefix: str = field(
            "前缀",
            "Prefix.",
            default="AB",
            validator=attrs.validators.matches_re(r"[A-Z]+", func=re.match),
        )
        anywhere: str = field(
            "片段",
            "Fragment.",
            default="x",
            validator=attrs.validators.matches_re(r"x", func=re.search),
        )
        careless: str = field(
            "忽略大小写",
            "Case-insensitive: not expressible.",
            default="a",
            validator=attrs.validators.matches_re(r"a", flags=re.IGNORECASE),
        )
        parts: tuple[str, ...] = field(
            "部分",
            "Parts.",
            default=("a",),
            validator=[attrs.validators.min_len(1), attrs.validators.max_len(3)],
        )
        name: str = field(
            "名称",
            "Name.",
            default="ab",
            validator=[attrs.validators.min_len(2), attrs.validators.max_len(8)],
        )
        unit: MoneyUnit = field(
            "单位",
            "Unit.",
            default=MoneyUnit.YUAN,
            validator=attrs.validators.in_([MoneyUnit.YUAN]),
        )
        ratio: int = field(
            "比例", "Not an int bound.", default=1, validator=attrs.validators.le(Decimal("1.5"))
        )
        odd: str = field(
            "杂项", "Options not JSON.", default="a", validator=attrs.validators.in_([b"a", "a"])
        )

    register(Audited, f"example.audited-{uuid.uuid4().hex[:12]}")
    props = json_schema(Audited)["properties"]
    assert props["level"]["enum"] == [1, 2, 3]
    assert props["rounds"]["exclusiveMinimum"] == 0
    assert props["rounds"]["exclusiveMaximum"] == 9
    assert props["code"]["pattern"] == r"^(?:[A-Z][0-9]+)(?!\n)$"
    assert props["prefix"]["pattern"] == "^(?:[A-Z]+)"
    assert props["anywhere"]["pattern"] == "x"
    assert "pattern" not in props["careless"]
    assert (props["parts"]["minItems"], props["parts"]["maxItems"]) == (1, 3)
    assert (props["name"]["minLength"], props["name"]["maxLength"]) == (2, 8)
    unit = props["unit"]
    assert unit["enum"] == ["yuan"]
    assert unit["$ref"].endswith("/MoneyUnit")
    assert "maximum" not in props["ratio"]
    assert "enum" not in props["odd"]
    event = Audited(on=date(2024, 1, 2))
    assert validator(Audited).is_valid(to_dict(event))
    assert not validator(Audited).is_valid(dict(to_dict(event), level=4))


def test_classes_with_the_same_name_get_distinct_defs() -> None:
    def make() -> type:
        @attrs.frozen(kw_only=True)
        class Noted(RequestEvent):
            """A note."""

        return Noted

    first, second = make(), make()
    register(first, f"example.noted-{uuid.uuid4().hex[:12]}")
    register(second, f"example.noted-{uuid.uuid4().hex[:12]}")
    defs = json_schema(DisclosureRequest)["$defs"]
    assert "Noted" in defs
    assert "Noted_2" in defs
    assert defs["Noted"]["properties"][TAG_KEY] != defs["Noted_2"]["properties"][TAG_KEY]


def test_an_unregistered_subclass_has_no_schema() -> None:
    @attrs.frozen(kw_only=True)
    class Unregistered(Agency):
        """Never registered."""

    with pytest.raises(RegistrationError, match="Unregistered is not registered"):
        json_schema(Unregistered)

    holder = attrs.make_class("Holder", {"agency": attrs.field(type=Unregistered)}, frozen=True)
    with pytest.raises(RegistrationError, match="Unregistered is not registered"):
        json_schema(holder)


# --- classes the converter cannot write -----------------------------------------------------------


@attrs.frozen
class _Floaty:
    ratio: float


@attrs.frozen
class _Mapping:
    counts: dict[str, int]


@attrs.frozen
class _Either:
    value: int | str


@attrs.frozen
class _Hidden:
    shown: int
    hidden: int = attrs.field(init=False, default=0)


@attrs.frozen
class _Versioned:
    schema_version: int


@attrs.frozen
class _SelfDefault:
    a: int = 1
    b: int = attrs.field(default=attrs.Factory(lambda self: self.a, takes_self=True))


@pytest.mark.parametrize(
    ("cls", "message"),
    [
        (_Floaty, "_Floaty.ratio: no JSON rule for the type <class 'float'>"),
        (_Mapping, r"_Mapping.counts: no JSON rule for the type dict\[str, int\]"),
        (_Either, r"_Either.value: no JSON rule for the union int \| str"),
        (_Hidden, "_Hidden.hidden: fields with init=False cannot travel as JSON"),
        (_Versioned, "'schema_version' is a reserved key of the wire format"),
        (_SelfDefault, "b: a default computed from the instance cannot be stated"),
        (int, "expected a model class"),
    ],
)
def test_what_cannot_be_described_is_an_error(cls: type, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        json_schema(cls)


def test_unresolvable_annotations_are_an_error() -> None:
    @attrs.frozen
    class Forward:
        other: Missing  # type: ignore[name-defined]  # noqa: F821

    with pytest.raises(SchemaError, match="Forward: cannot resolve its field types"):
        json_schema(Forward)


def test_keys_must_be_en_or_zh() -> None:
    with pytest.raises(ValueError, match="keys must be 'en' or 'zh', got 'fr'"):
        json_schema(Money, keys="fr")  # type: ignore[arg-type]


# --- every validator of the library has been looked at --------------------------------------------


def _validators() -> Iterator[tuple[str, Any]]:
    for name, cls in BUILT_IN.items():
        for f in attrs.fields(cls):
            for v in leaf_validators(f.validator):
                yield f"{name}.{f.name}", v


def test_every_built_in_validator_has_a_rule() -> None:
    # A new validator in a model must be translated (or declared inexpressible, with a
    # comment) in schema.py: the schema would silently become looser otherwise.
    missing = sorted({where for where, v in _validators() if rule_for(v) is None})
    assert missing == []


def test_the_model_classes_are_the_public_models_and_the_registered_ones() -> None:
    classes = model_classes()
    assert {"AnnualReport", "RequestEvent", "Quantity", "ReviewTable"} <= set(classes)
    for tag, cls in registered_tags(object).items():
        assert classes.get(cls.__name__) is cls or classes[tag] is cls


@pytest.mark.parametrize(
    ("validator_", "kind"),
    [
        (attrs.fields(Agency).name.validator, "integer"),
        (attrs.fields(Money).amount.validator, "string"),
        (attrs.fields(Agency).website.validator, "integer"),
        (attrs.fields(AnnualReport2021).year.validator, "string"),
        (attrs.fields(AnnualReport2021).applications.validator, "array"),
        (attrs.validators.ge(1), "decimal"),
        (attrs.validators.min_len(1), "integer"),
    ],
)
def test_rules_apply_to_their_kind_of_value_only(validator_: Any, kind: str) -> None:
    schema: dict[str, Any] = {}
    for leaf in leaf_validators(validator_):
        rule = rule_for(leaf)
        assert rule is not None
        if rule.value is not None:
            rule.value(None, kind, schema)  # type: ignore[arg-type]
    assert schema == {}


class _Unhashable:
    """A validator object that cannot be hashed (it defines __eq__ only)."""

    def __eq__(self, other: object) -> bool:
        return other is self

    __hash__ = None  # type: ignore[assignment]

    def __call__(self, instance: object, attribute: object, value: object) -> None:
        return None


class _Colour(LabelledEnum):
    RED = "red", "红", "red"


@attrs.frozen
class _Undocumented:
    value: int = attrs.field(default=0, validator=_Unhashable())
    colour: _Colour = attrs.field(default=_Colour.RED)


def test_unknown_validators_and_missing_docs_are_left_out() -> None:
    schema = json_schema(_Undocumented)
    assert "description" not in schema
    assert schema["properties"]["value"] == {"default": 0, "type": "integer"}
    assert schema["$defs"]["_Colour"] == {
        "title": "_Colour",
        "type": "string",
        "enum": ["red"],
        "x-enum-labels-zh": {"red": "红"},
        "x-enum-labels-en": {"red": "red"},
    }


def test_a_union_of_undocumented_classes_has_no_description() -> None:
    @attrs.frozen(kw_only=True)
    class Plain(Agency):
        pass

    @attrs.frozen(kw_only=True)
    class PlainChild(Plain):
        pass

    register(Plain, f"example.plain-{uuid.uuid4().hex[:12]}")
    register(PlainChild, f"example.plain-child-{uuid.uuid4().hex[:12]}")
    schema = json_schema(Plain)
    assert [branch["title"] for branch in schema["oneOf"]] in (
        ["Plain", "PlainChild"],
        ["PlainChild", "Plain"],
    )
    assert "description" not in schema
    assert all("description" not in branch for branch in schema["oneOf"])
    holder = attrs.make_class("Holder", {"agency": attrs.field(type=Plain)}, frozen=True)
    union = json_schema(holder)["$defs"]["AnyPlain"]
    assert union == {"title": "AnyPlain", "oneOf": union["oneOf"]}
    assert len(union["oneOf"]) == 2


@pytest.mark.parametrize("name", sorted(model_classes()))
def test_descriptions_are_plain_text_for_frontends(name: str) -> None:
    text = orjson.dumps(json_schema(model_classes()[name])).decode()
    assert not re.search(r":[a-z]+:`|``", text), name
