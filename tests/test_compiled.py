"""The compiled fast path agrees with the cattrs converter of record, exactly.

Unstructuring must give the same dict (same keys, same order, same values); structuring must
give the same instance, and must raise exactly when the detailed converter raises.
"""

from __future__ import annotations

import contextlib
import copy
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import init_calls
from govdisclosure import examples, testing
from govdisclosure.errors import RegistrationError
from govdisclosure.model import (
    Agency,
    AnnualReport,
    AnnualReport2021,
    ChannelKind,
    DisclosureChannel,
    Money,
    Qualifier,
    Quantity,
    RequestEvent,
    Section,
)
from govdisclosure.serialize import (
    compiled,
    converter,
    from_dict,
    from_json,
    register,
    to_dict,
    to_json,
)

_SENTINEL = object()
_AGENCY = {"type": "agency", "name": "x"}
_WIDE_DATE = "\uff12\uff10\uff12\uff14-02-01"  # full-width digits match \d


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value)


def _cattrs(data: Any, cls: type) -> Any:
    try:
        return converter(True).structure(data, cls)
    except Exception:
        return _SENTINEL


def _compiled(data: Any, cls: type) -> Any:
    try:
        return compiled.structure(data, cls)
    except Exception:
        return _SENTINEL


def _check_agrees(data: Any, cls: type) -> None:
    expected = _cattrs(copy.deepcopy(data), cls)
    got = _compiled(copy.deepcopy(data), cls)
    if expected is _SENTINEL or got is _SENTINEL:
        assert got is expected, (data, expected, got)
    else:
        assert type(got) is type(expected)
        assert got == expected


def _decided_by_generated_code(data: Any, cls: type) -> None:
    """The generated code builds ``data`` or refuses it itself, with ``_Fail``: it tests each
    case (None where a validator refuses it, each type a field may have) before using the
    value, instead of failing on some other exception of a step it did not guard."""
    with contextlib.suppress(compiled._Fail):
        compiled.structure(copy.deepcopy(data), cls)


def _declared(model: object) -> type:
    return type(model)


# --- valid models ------------------------------------------------------------------------------


REPORTS = [
    testing.annual_reports_2008(),
    testing.annual_reports_2019(),
    testing.annual_reports_2021(),
    testing.annual_reports(),
]


def _assert_round_trip(model: object) -> None:
    reference = converter().unstructure(model)
    fast = compiled.unstructure(model)
    assert fast == reference
    assert _dumps(fast) == _dumps(reference)  # same key order, all the way down
    back = compiled.structure(fast, type(model))
    assert type(back) is type(model)
    assert back == model
    assert back == converter(True).structure(reference, type(model))
    assert to_json(model) == orjson.dumps({"schema_version": 2, **reference})


@given(testing.models())
def test_models_unstructure_and_structure_like_cattrs(model: object) -> None:
    _assert_round_trip(model)


@pytest.mark.parametrize("strategy", REPORTS, ids=["2008", "2019", "2021", "any"])
@given(data=st.data())
def test_reports_round_trip_like_cattrs(strategy: Any, data: st.DataObject) -> None:
    report = data.draw(strategy)
    _assert_round_trip(report)
    assert compiled.structure(compiled.unstructure(report), AnnualReport) == report


@given(testing.request_events())
def test_polymorphic_base_structures_any_registered_subclass(event: RequestEvent) -> None:
    assert compiled.structure(compiled.unstructure(event), RequestEvent) == event


@pytest.mark.parametrize("name", examples.names())
def test_examples_round_trip_byte_for_byte(name: str) -> None:
    report = examples.load(name)
    raw = to_json(report)
    assert raw == orjson.dumps({"schema_version": 2, **converter().unstructure(report)})
    back = from_json(raw, type(report))
    assert back == report
    assert to_json(back) == raw
    assert to_json(back, indent=True) == to_json(report, indent=True)


def test_absent_optional_keys_take_the_attrs_defaults() -> None:
    data = {"heading": "一、总体情况"}
    assert compiled.structure(data, Section) == Section(heading="一、总体情况")
    assert compiled.structure(data, Section) == converter(True).structure(data, Section)
    quantity = compiled.structure({"value": "1.5", "unit": None}, Quantity)
    assert quantity == Quantity(Decimal("1.5"), None)
    assert compiled.structure({"amount": "3940"}, Money) == Money(Decimal("3940"))


# --- malformed documents -----------------------------------------------------------------------

_WRONG_VALUES = [
    None,
    0,
    -1,
    1.5,
    True,
    "",
    " ",
    "x",
    "1.5",
    "-2",
    "2024-02-30",
    "2024-01-01",
    "2024-1-1",
    "more-than",
    "agency",
    "replied",
    [],
    ["x"],
    [1],
    {},
    {"type": "agency", "name": "x"},
]


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _nodes(item, (*path, index))
    return found


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def _mutated(draw: st.DrawFn, strategy: st.SearchStrategy[Any]) -> tuple[Any, type]:
    model = draw(strategy)
    data = copy.deepcopy(converter().unstructure(model))
    path = draw(st.sampled_from(_nodes(data)))
    kind = draw(st.sampled_from(["drop", "add", "replace", "tag", "replace", "replace"]))
    target = _get(data, path)
    if kind == "drop" and isinstance(target, dict) and target:
        del target[draw(st.sampled_from(sorted(target)))]
    elif kind == "add" and isinstance(target, dict):
        target[draw(st.sampled_from(["extra", "type", "name", "value"]))] = draw(
            st.sampled_from(_WRONG_VALUES)
        )
    elif kind == "tag" and isinstance(target, dict):
        target["type"] = draw(st.sampled_from(["nope", "agency", "replied", "withdrawn", 1, None]))
    elif path:
        _get(data, path[:-1])[path[-1]] = draw(st.sampled_from(_WRONG_VALUES))
    else:
        data = draw(st.sampled_from(_WRONG_VALUES))
    return data, type(model)


@given(_mutated(testing.models()))
def test_malformed_documents_fail_exactly_when_cattrs_fails(case: tuple[Any, type]) -> None:
    data, cls = case
    _check_agrees(data, cls)


@given(_mutated(testing.annual_reports()))
def test_malformed_reports_fail_exactly_when_cattrs_fails(case: tuple[Any, type]) -> None:
    data, cls = case
    _check_agrees(data, cls)
    _check_agrees(data, AnnualReport)


@pytest.mark.parametrize(
    ("data", "cls"),
    [
        ({"value": 1, "unit": "条", "qualifier": "nope"}, Quantity),
        ({"value": 1, "unit": "条", "qualifier": 1}, Quantity),
        ({"value": 1.5, "unit": "条"}, Quantity),
        ({"value": True, "unit": "条"}, Quantity),
        ({"value": "1e5", "unit": "条"}, Quantity),
        ({"value": "1.5\n", "unit": "条"}, Quantity),
        ({"value": 1}, Quantity),
        ({"value": 1, "unit": "条", "extra": 1}, Quantity),
        ({"value": 1, "unit": "条", "qualifier": "exact", "extra": 1}, Quantity),
        ({"value": 1, "qualifier": "exact", "extra": 1}, Quantity),
        ([], Quantity),
        ({"type": "agency", "name": "x"}, Agency),
        ({"type": "agency", "name": "x", "aliases": "ab"}, Agency),
        ({"type": "agency", "name": "x", "aliases": ["a", 1]}, Agency),
        ({"type": "channel", "name": "x"}, Agency),
        ({"type": ["agency"], "name": "x"}, Agency),
        ({"name": "x"}, Agency),
        ({**_AGENCY, "region": {"code": "320800", "as_of": "2024-1-01"}}, Agency),
        ({**_AGENCY, "region": {"code": "320800", "as_of": "2023-02-29"}}, Agency),
        ({**_AGENCY, "region": {"code": "320800", "as_of": "2024-02-29"}}, Agency),
        ({**_AGENCY, "region": {"code": "320800", "as_of": _WIDE_DATE}}, Agency),
        ({"type": "agency", "name": "x", "region": {"code": "990000"}}, Agency),
        ("agency", Agency),
        ({"type": "withdrawn", "on": "2024-01-02"}, RequestEvent),
        ({"type": "withdrawn", "on": "2024-01-02"}, AnnualReport),
        ({"type": "annual-report-2021", "agency": _AGENCY, "year": 2024}, AnnualReport2021),
        ({"type": "annual-report-2021", "agency": _AGENCY, "year": "2024"}, AnnualReport2021),
        ({"type": "annual-report-2019", "agency": _AGENCY, "year": 2024}, AnnualReport2021),
        ({"schema_version": 2}, int),
    ],
)  # fmt: skip
def test_hand_made_documents_agree_with_cattrs(data: Any, cls: type) -> None:
    _check_agrees(data, cls)


def test_from_dict_reports_problems_with_paths_after_the_fast_path_fails() -> None:
    with pytest.raises(Exception, match=r"\$\.value"):
        from_dict({"schema_version": 2, "value": 1.5, "unit": "条"}, Quantity)


def test_to_dict_of_something_that_is_not_a_model_still_fails() -> None:
    with pytest.raises(TypeError, match="model instance"):
        to_dict(5)
    assert compiled.unstructure(5) == 5


# --- what the generator hands to cattrs --------------------------------------------------------


def _tag(name: str) -> str:
    return f"test-compiled.{name}-{uuid.uuid4().hex[:8]}"


def test_a_registered_outside_subclass_goes_through_the_compiled_path() -> None:
    @attrs.frozen(kw_only=True)
    class RichAgency(Agency):
        founded: date | None = None
        budget: Decimal = Decimal("0")
        share: int | Decimal | None = None
        qualifiers: tuple[Qualifier, ...] = ()
        anniversaries: tuple[date, ...] = ()
        maybe_codes: tuple[str | None, ...] = ()
        audited: bool = False
        fee: Money = attrs.field(factory=lambda: Money(Decimal("1")))
        channel: DisclosureChannel | None = None

    register(RichAgency, _tag("rich-agency"))
    agency = RichAgency(
        name="四川省某厅",
        founded=date(1950, 1, 1),
        budget=Decimal("12.50"),
        share=Decimal("0.5"),
        qualifiers=(Qualifier.NEARLY, Qualifier.EXACT),
        anniversaries=(date(2000, 1, 1),),
        maybe_codes=("a", None),
        audited=True,
        channel=DisclosureChannel(kind=ChannelKind.PORTAL),
    )
    assert compiled.source(RichAgency) is not None
    _assert_round_trip(agency)
    assert compiled.structure(compiled.unstructure(agency), Agency) == agency
    report = AnnualReport2021(agency=agency, year=2024)
    _assert_round_trip(report)
    assert from_json(to_json(report), AnnualReport2021) == report

    minimal = {"type": compiled.unstructure(agency)["type"], "name": "x"}
    assert compiled.structure(minimal, Agency) == RichAgency(name="x")
    data = compiled.unstructure(agency)
    for key, bad in [
        ("qualifiers", ["nope"]),
        ("qualifiers", "nearly"),
        ("anniversaries", ["2000-13-01"]),
        ("anniversaries", [20000101]),
        ("maybe_codes", [1]),
        ("audited", 1),
        ("budget", 1),
        ("fee", None),
        ("share", 1.5),
    ]:
        _check_agrees({**data, key: bad}, Agency)


def test_unsupported_fields_hand_the_class_to_cattrs() -> None:
    @attrs.frozen(kw_only=True)
    class OddAgency(Agency):
        ratio: float = 0.5
        scores: list[int] = attrs.field(factory=list)

    @attrs.frozen(kw_only=True)
    class NoInitAgency(Agency):
        derived: str = attrs.field(init=False, default="d")

    @attrs.frozen(kw_only=True)
    class SelfFactoryAgency(Agency):
        short: str = attrs.field(default=attrs.Factory(lambda self: self.name[:1], takes_self=True))

    @attrs.frozen(kw_only=True)
    class MixedAgency(Agency):
        either: Money | Quantity | None = None

    @attrs.frozen(kw_only=True)
    class PlainUnionAgency(Agency):
        either: Money | Quantity = attrs.field(factory=lambda: Money(Decimal("1")))

    @attrs.frozen(kw_only=True)
    class TypedTagAgency(Agency):
        type: str = "t"

    @attrs.frozen(kw_only=True)
    class AliasedAgency(Agency):
        _secret: str | None = None

    @attrs.frozen(kw_only=True, init=False)
    class CustomInitAgency(Agency):
        def __init__(self, **values: Any) -> None:
            self.__attrs_init__(**values)

    for cls in (
        CustomInitAgency,
        OddAgency,
        NoInitAgency,
        SelfFactoryAgency,
        MixedAgency,
        PlainUnionAgency,
        TypedTagAgency,
        AliasedAgency,
    ):
        register(cls, _tag(cls.__name__.lower()))
        assert compiled.source(cls) is None
        model = cls(name="某机关")
        reference = converter().unstructure(model)
        assert compiled.unstructure(model) == reference
        assert to_json(model) == orjson.dumps({"schema_version": 2, **reference})
        _check_agrees(reference, Agency)
        _check_agrees({**reference, "extra": 1}, Agency)
        report = AnnualReport2021(agency=model, year=2024)
        assert compiled.unstructure(report) == converter().unstructure(report)
        if cls is TypedTagAgency:  # its field overwrites the tag: cattrs cannot read it back
            continue
        assert compiled.structure(compiled.unstructure(report), AnnualReport2021) == report
        assert from_json(to_json(report), AnnualReport2021) == report


def test_unresolvable_annotations_hand_the_class_to_cattrs() -> None:
    @attrs.frozen
    class Dangling:
        ghost: NotDefinedAnywhere  # type: ignore[name-defined]  # noqa: F821

    assert compiled.source(Dangling) is None
    assert _compiled({"ghost": 1}, Dangling) is _SENTINEL


def test_non_polymorphic_classes_outside_the_model_are_compiled() -> None:
    @attrs.frozen
    class Pair:
        left: Quantity
        right: Quantity | None = None

    pair = Pair(Quantity(1, "条"))
    assert compiled.source(Pair) is not None
    assert compiled.unstructure(pair) == converter().unstructure(pair)
    assert compiled.structure(compiled.unstructure(pair), Pair) == pair
    assert compiled.source(int) is None


def test_unregistered_subclass_fails_like_cattrs() -> None:
    @attrs.frozen(kw_only=True)
    class Unregistered(Agency):
        extra: int = 0

    model = Unregistered(name="x")
    assert compiled.source(Unregistered) is None
    with pytest.raises(Exception, match="not registered"):
        to_dict(model)
    with pytest.raises(Exception, match="not registered"):
        compiled.unstructure(model)
    report = AnnualReport2021(agency=model, year=2024)
    with pytest.raises(Exception, match="not registered"):
        to_json(report)
    _check_agrees({"type": "agency", "name": "x"}, Unregistered)


def test_registration_after_use_rebuilds_the_generated_code() -> None:
    assert compiled.structure({"type": "agency", "name": "x"}, Agency) == Agency(name="x")

    @attrs.frozen(kw_only=True)
    class LateAgency(Agency):
        late: int = 1

    tag = _tag("late-agency")
    assert _compiled({"type": tag, "name": "x"}, Agency) is _SENTINEL
    register(LateAgency, tag)
    assert compiled.structure({"type": tag, "name": "x"}, Agency) == LateAgency(name="x")
    compiled.clear()
    assert compiled.unstructure(LateAgency(name="x"))["type"] == tag


# --- building instances without attrs' __init__ ---------------------------------------------------

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.text(alphabet=" \t\u3000x政", max_size=3),
    st.sampled_from(["http://a.cn", "https://gov.cn/x", "ftp://x", "http://", "https://a b"]),
    st.sampled_from(
        [Decimal(s) for s in ("1.5", "-2", "NaN", "Infinity", "1e30", "-1e-31", "1e999999")]
    ),
    st.floats(allow_nan=False, max_value=5, min_value=-5),
)


@pytest.mark.parametrize("validator", list(compiled._INLINE), ids=lambda v: v.__name__)
@given(value=_VALUES)
def test_inline_checks_fail_exactly_where_the_validators_raise(validator: Any, value: Any) -> None:
    condition = compiled._inline_check(validator, "v")
    assert condition is not None
    namespace = compiled._generator().ns
    try:  # any exception in generated code also sends the document to the detailed converter
        fails = eval(condition, namespace, {"v": value})  # the generated code's own expression
    except Exception:
        fails = True
    attribute = attrs.fields(Quantity).unit
    try:
        validator(None, attribute, value)
    except Exception:
        raises = True
    else:
        raises = False
    # Stricter than the validator only for str/Decimal subclasses, which structuring never makes.
    assert fails == raises


def test_optional_validators_are_inlined_only_when_all_their_parts_are_known() -> None:
    from govdisclosure.model.base import finite_decimal, non_negative

    known = attrs.validators.optional([finite_decimal, non_negative])  # type: ignore[arg-type]
    source = compiled._inline_check(known, "v")
    assert source is not None
    # What the inlined check does, not how it is spelled: it fails exactly where the validator
    # raises.
    attribute = attrs.fields(Money).amount
    namespace = compiled._generator().ns
    values = ("1.5", "0", "-1", "NaN", "Inf", "1e30", "1e-31")
    for value in (None, *map(Decimal, values)):
        fails = eval(source, namespace, {"v": value})
        try:
            known(None, attribute, value)  # type: ignore[arg-type]
        except Exception:
            raises = True
        else:
            raises = False
        assert fails == raises, value
    unknown = attrs.validators.optional(attrs.validators.instance_of(str))
    assert compiled._inline_check(unknown, "v") is None


def _strip(value: str) -> str:
    return value.strip()


def test_classes_attrs_init_does_more_for_are_built_by_calling_them() -> None:
    calls: list[str] = []

    @attrs.frozen
    class PostInit:
        unit: str

        def __attrs_post_init__(self) -> None:
            calls.append(self.unit)

    @attrs.frozen
    class Converted:
        unit: str = attrs.field(converter=_strip)

    @attrs.frozen(slots=False)
    class DictClass:
        unit: str

    @attrs.frozen(cache_hash=True)
    class CachedHash:
        unit: str

    for cls in (PostInit, Converted, DictClass, CachedHash):
        assert compiled.source(cls) is not None
        assert compiled.structure({"unit": " 条"}, cls) == cls(" 条")
    assert calls == [" 条", " 条"]
    for cls in (PostInit, Converted, DictClass, CachedHash):
        assert init_calls(cls, {"unit": " 条"}) == 1, cls
    assert hash(compiled.structure({"unit": "x"}, CachedHash)) == hash(CachedHash("x"))


def test_unknown_validators_are_called_as_attrs_calls_them() -> None:
    seen: list[tuple[object, str, object]] = []

    def record(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        seen.append((instance, attribute.name, value))
        if value == "bad":
            raise ValueError("bad")

    @attrs.frozen
    class Checked:
        first: str = attrs.field(validator=record)
        second: int = attrs.field(default=0, validator=[record, attrs.validators.ge(0)])

    assert init_calls(Checked, {"first": "ok"}) == 0
    seen.clear()
    built = compiled.structure({"first": "ok", "second": 2}, Checked)
    assert built == Checked("ok", 2)
    # Called with the finished instance, in field order, like attrs' own __init__.
    assert [(name, value) for _, name, value in seen[:2]] == [("first", "ok"), ("second", 2)]
    assert seen[0][0] is built
    _check_agrees({"first": "bad"}, Checked)
    _check_agrees({"first": "ok", "second": -1}, Checked)


def test_a_subclass_where_a_plain_model_is_declared_is_refused_everywhere() -> None:
    @attrs.frozen
    class Estimated(Quantity):
        basis: str = "估算"

    @attrs.frozen
    class Holder:
        one: Quantity
        maybe: Quantity | None = None
        many: tuple[Quantity, ...] = ()

    exact = Quantity(1, "条")
    for holder in (
        Holder(Estimated(1, "条")),
        Holder(exact, maybe=Estimated(1, "条")),
        Holder(exact, many=(exact, Estimated(1, "条"))),
    ):
        with pytest.raises(RegistrationError, match="Estimated is a subclass of Quantity"):
            converter().unstructure(holder)
        with pytest.raises(RegistrationError, match="不可扩展"):
            to_json(holder)
        with pytest.raises(Exception):  # noqa: B017, PT011 - the fast path only says "no"
            compiled.unstructure(holder)
    holder = Holder(exact, maybe=exact, many=(exact,))
    assert compiled.unstructure(holder) == converter().unstructure(holder)
    assert from_json(to_json(holder), Holder) == holder


# --- merged checks, lazy generation, the builder ---------------------------------------------


def test_unhashable_validators_are_called_as_attrs_calls_them() -> None:
    class Positive:
        __hash__ = None  # type: ignore[assignment]

        def __call__(self, _: object, attribute: attrs.Attribute[Any], value: int) -> None:
            if value <= 0:
                raise ValueError(attribute.name)

    @attrs.frozen
    class Checked:
        count: int = attrs.field(validator=Positive())

    assert compiled._inline_check(Positive(), "v") is None
    assert compiled.structure({"count": 1}, Checked) == Checked(1)
    _check_agrees({"count": 0}, Checked)


def test_functions_are_generated_on_first_use_only() -> None:
    compiled.clear()
    gen = compiled._generator()
    agency = compiled.structure({"type": "agency", "name": "某机关", "region": None}, Agency)
    assert agency == Agency(name="某机关")
    from govdisclosure.model import DisclosureGuide, RegionCode

    # The document leaves keys out and holds no region nor guide: neither class is generated,
    # nor Agency's writing side, nor its function for documents with every key... which exists.
    assert DisclosureGuide not in gen.sources
    assert RegionCode not in gen.sources
    assert set(gen.sources[Agency]) == {"s", "g"}
    compiled.unstructure(agency)
    assert set(gen.sources[Agency]) == {"s", "g", "u"}
    assert DisclosureGuide not in gen.sources  # None: nothing to write


def test_built_instances_are_exactly_the_class() -> None:
    import pickle

    quantity = compiled.structure({"value": 5, "unit": "条", "qualifier": "about"}, Quantity)
    assert type(quantity) is Quantity
    assert quantity == Quantity(5, "条", Qualifier.ABOUT)
    assert hash(quantity) == hash(Quantity(5, "条", Qualifier.ABOUT))
    assert pickle.loads(pickle.dumps(quantity)) == quantity
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        quantity.value = 6  # type: ignore[misc]


class _Meta(type):
    pass


def test_classes_a_builder_cannot_be_made_for_use_their_slots() -> None:
    @attrs.frozen
    class Hooked:
        unit: str

        def __init_subclass__(cls) -> None:  # pragma: no cover - never subclassed here
            raise AssertionError("subclassed")

    @attrs.frozen
    class Metaclassed(metaclass=_Meta):
        unit: str

    for cls in (Hooked, Metaclassed):
        assert compiled._twin(cls) is None
        assert init_calls(cls, {"unit": "条"}) == 0, cls
        built = compiled.structure({"unit": "条"}, cls)
        assert type(built) is cls and built == cls("条")


def test_defaults_are_checked_as_attrs_checks_them() -> None:
    from govdisclosure.model.base import non_negative, text

    @attrs.frozen
    class BadDefaults:
        label: str = attrs.field(default=" ", validator=text)
        count: int | None = attrs.field(default="x", validator=non_negative)  # type: ignore[assignment]

    @attrs.frozen
    class FactoryDefault:
        label: str = attrs.field(factory=lambda: " ", validator=text)

    @attrs.frozen
    class GoodDefaults:
        label: str = attrs.field(default="条", validator=text)
        count: int | None = attrs.field(default=None, validator=non_negative)

    for data, cls in [
        ({}, BadDefaults),
        ({"label": "x"}, BadDefaults),
        ({"count": 1}, BadDefaults),
        ({"label": "x", "count": 1}, BadDefaults),
        ({}, FactoryDefault),
        ({"label": "x"}, FactoryDefault),
        ({}, GoodDefaults),
        ({"count": -1}, GoodDefaults),
    ]:
        _check_agrees(data, cls)
    assert compiled.structure({}, GoodDefaults) == GoodDefaults()


def test_annotations_that_need_the_class_namespace_are_resolved_as_attrs_does() -> None:
    @attrs.frozen
    class Outer:
        Count = int  # a class attribute, not a field: only get_type_hints sees it
        value: Count  # type: ignore[valid-type]

    assert compiled.source(Outer) is not None
    assert compiled.structure({"value": 3}, Outer) == Outer(3)
    _check_agrees({"value": "3"}, Outer)


# --- conditions written for a value of a known type ---------------------------------------------

_MAX = 2**53 - 1
_TYPED_VALUES: dict[type, st.SearchStrategy[Any]] = {
    int: st.one_of(
        st.integers(-3, 3),
        st.sampled_from([_MAX, _MAX + 1, -_MAX, -_MAX - 1, 2**64, -(2**64)]),
        st.integers(),
    ),
    str: st.text(alphabet=" \t\n\u3000\u2028x政:/.h", max_size=4)
    | st.sampled_from(["http://a.cn", "https://gov.cn/x", "ftp://x", "http://", "https://a b"]),
    Decimal: st.sampled_from(
        [
            Decimal(s)
            for s in ("1.5", "-2", "0", "-0", "NaN", "sNaN", "Inf", "-Inf", "1e999", "1e-31")
        ]
    ),
}


@pytest.mark.parametrize(
    ("validator", "tp"),
    [(v, tp) for v, table in compiled._TYPED.items() for tp in table],
    ids=lambda x: getattr(x, "__name__", str(x)),
)
@given(data=st.data())
def test_typed_conditions_agree_with_the_full_ones_on_their_type(
    validator: Any, tp: type, data: st.DataObject
) -> None:
    value = data.draw(_TYPED_VALUES[tp])
    namespace = compiled._generator().ns
    typed = compiled._typed_check(validator, "v", tp)
    full = compiled._inline_check(validator, "v")
    assert typed is not None and full is not None

    def fails(condition: str) -> bool:
        try:  # raising also sends the document to the detailed converter
            return bool(eval(condition, namespace, {"v": value}))
        except Exception:
            return True

    assert fails(typed) == fails(full)


def test_typed_conditions_of_optional_validators_need_every_part_known() -> None:
    from govdisclosure.model.base import counts, finite_decimal, non_negative

    both = attrs.validators.optional([finite_decimal, non_negative])  # type: ignore[arg-type]
    assert compiled._typed_check(both, "v", Decimal) == (
        "(not v.is_finite() or not _dec_bounds(v)) or (v < 0)"
    )
    # counts has no condition for a Decimal: its full condition stands in for it.
    mixed = attrs.validators.optional([counts, non_negative])  # type: ignore[arg-type]
    assert compiled._typed_check(mixed, "v", Decimal) == (
        f"({compiled._inline_check(counts, 'v')}) or (v < 0)"
    )
    assert compiled._typed_check(counts, "v", str) == compiled._inline_check(counts, "v")
    unknown = attrs.validators.optional([non_negative, attrs.validators.instance_of(int)])
    assert compiled._typed_check(unknown, "v", int) is None
    assert compiled._typed_check(attrs.validators.optional([]), "v", int) is None

    class Unhashable:
        __hash__ = None  # type: ignore[assignment]

        def __call__(self, *_: object) -> None:
            pass

    assert compiled._typed_check(Unhashable(), "v", int) is None


def test_an_optional_field_whose_validator_refuses_none_refuses_it() -> None:
    from govdisclosure.model.base import non_negative, optional_url, text

    @attrs.frozen
    class Noted:
        note: str | None = attrs.field(default="x", validator=text)
        count: int | None = attrs.field(default=None, validator=non_negative)
        # An unhashable validator (an optional of a list); two, one of which refuses None.
        low: int | None = attrs.field(
            default=None,
            validator=attrs.validators.optional([non_negative]),  # type: ignore[arg-type]
        )
        link: str | None = attrs.field(default="http://a.cn", validator=[optional_url, text])

    assert compiled.source(Noted) is not None
    for data in (
        *({"note": None}, {"note": " "}, {"note": "y"}, {"count": None}, {"count": -1}),
        *({"low": None}, {"low": -1}, {"low": 2}, {"link": None}, {"link": "http://b.cn"}),
        {"link": "b.cn"},
    ):
        for document in (data, {"note": "y", "count": 1, **data}):
            _check_agrees(document, Noted)
            _decided_by_generated_code(document, Noted)


def test_int_or_decimal_fields_without_validators_are_structured_by_type() -> None:
    @attrs.frozen
    class Loose:
        value: int | Decimal

    assert compiled.source(Loose) is not None
    for value in (5, -5, "1.5", "-1.5", "x", 1.5, None, True):
        _check_agrees({"value": value}, Loose)
        _decided_by_generated_code({"value": value}, Loose)
    assert compiled.structure({"value": "-1.5"}, Loose) == Loose(Decimal("-1.5"))
