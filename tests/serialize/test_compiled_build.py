"""How the compiled path builds instances: the cheaper construction agrees with attrs' own.

The twin of a class is called (not ``object.__new__``'d) to make the empty instance, and the
model layer's ``_exact_decimal`` converter is skipped where structuring has already made a
Decimal; each test holds the result equal to what calling the class (or the detailed converter)
gives, on good input and hostile input alike.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import init_calls
from govdisclosure.errors import ValidationError
from govdisclosure.model import Money, MoneyUnit
from govdisclosure.model.quantity import _exact_decimal
from govdisclosure.serialize import compiled, converter, from_dict, from_json, to_json


def _agrees(data: Any, cls: type) -> None:
    """The compiled path gives what the detailed converter gives, or fails where it fails."""
    try:
        expected: Any = converter(True).structure(data, cls)
    except Exception:
        with pytest.raises(Exception):  # noqa: B017, PT011 - any exception sends it to cattrs
            compiled.structure(data, cls)
        return
    got: Any = compiled.structure(data, cls)
    assert type(got) is type(expected)
    assert got == expected


def test_money_is_built_directly_past_its_known_converter() -> None:
    assert init_calls(Money, {"amount": "96171.6", "unit": "wan-yuan"}) == 0
    built = compiled.structure({"amount": "96171.6", "unit": "wan-yuan"}, Money)
    assert type(built) is Money
    assert built == Money(Decimal("96171.6"), MoneyUnit.WAN_YUAN)
    assert hash(built) == hash(Money(Decimal("96171.6"), MoneyUnit.WAN_YUAN))


@given(
    st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.integers(min_value=-(10**40), max_value=10**40),
        st.sampled_from(
            ["-1", "0", "1e31", "1e-31", "NaN", "Infinity", "\uff11\uff12", " 1", "", None]
        ),
        st.floats(allow_nan=False),
    ),
    st.sampled_from(["yuan", "wan-yuan", "dollar", 1, None]),
    st.booleans(),
)
def test_money_agrees_with_the_converter_on_any_amount(amount: Any, unit: Any, full: bool) -> None:
    data: dict[str, Any] = {"amount": amount}
    if full:
        data["unit"] = unit
    _agrees(data, Money)


def test_hostile_money_documents_still_report_the_path_in_both_languages() -> None:
    for amount, fragment in (("-1", "amount"), (3940, "amount"), ("NaN", "amount")):
        document = {"schema_version": 2, "amount": amount, "unit": "yuan"}
        with pytest.raises(ValidationError) as caught:
            from_dict(document, Money)
        (detail,) = caught.value.errors
        assert detail.path == f"$.{fragment}"
        assert detail.message and detail.message_zh
    raw = to_json(Money(Decimal("3940")))
    assert to_json(from_json(raw, Money)) == raw


def _strip(value: str) -> str:
    return value.strip()


def test_the_known_converter_is_skipped_only_where_it_is_the_identity() -> None:
    @attrs.frozen
    class Defaulted:  # attrs converts a default too: the class is called
        amount: Decimal = attrs.field(default=Decimal(3), converter=_exact_decimal)

    @attrs.frozen
    class IntOrDecimal:  # an int would become a Decimal: the class is called
        amount: int | Decimal = attrs.field(converter=_exact_decimal)

    @attrs.frozen
    class Plain:
        amount: Decimal = attrs.field(converter=_exact_decimal)

    @attrs.frozen
    class Other:  # any other converter: the class is called
        amount: str = attrs.field(converter=_strip)

    assert init_calls(Defaulted, {}) == 1
    assert init_calls(IntOrDecimal, {"amount": 4}) == 1
    assert init_calls(Other, {"amount": " x "}) == 1
    assert init_calls(Plain, {"amount": "2.5"}) == 0
    assert compiled.structure({}, Defaulted) == Defaulted()
    assert compiled.structure({}, Defaulted).amount.__class__ is Decimal
    assert compiled.structure({"amount": 4}, IntOrDecimal).amount == Decimal(4)
    assert type(compiled.structure({"amount": 4}, IntOrDecimal).amount) is Decimal
    assert compiled.structure({"amount": " x "}, Other) == Other("x")
    assert compiled.structure({"amount": "2.5"}, Plain) == Plain(Decimal("2.5"))


class _Unhashable:
    __hash__ = None  # type: ignore[assignment]

    def __call__(self, value: object) -> object:
        return value


def test_an_unhashable_converter_makes_the_class_be_called() -> None:
    @attrs.frozen
    class Odd:
        amount: Decimal = attrs.field(converter=_Unhashable())  # type: ignore[misc]

    assert init_calls(Odd, {"amount": "1"}) == 1
    assert compiled.structure({"amount": "1"}, Odd) == Odd(Decimal(1))


def test_twins_are_called_and_never_escape() -> None:
    built = compiled.structure({"amount": "1", "unit": "yuan"}, Money)
    assert type(built) is Money
    twins = Money.__subclasses__()  # one per generation of the code (a registration clears it)
    assert twins and all(t.__qualname__ == "<builder of Money>" for t in twins)
    twin = twins[-1]
    assert vars(twin)["__new__"] is object.__new__ and vars(twin)["__init__"] is object.__init__
    empty: Any = twin()
    with pytest.raises(AttributeError):
        _ = empty.amount  # nothing set: the twin adds no field and runs no __init__


def test_from_dict_leaves_the_callers_document_alone_and_from_json_reads_the_same() -> None:
    from govdisclosure import examples

    report = examples.load("huaian-city-2024")
    document = to_json(report)
    data = orjson.loads(document)
    before = copy.deepcopy(data)
    assert from_dict(data, type(report)) == report
    assert data == before and next(iter(data)) == "schema_version"  # not even reordered
    assert from_json(document, type(report)) == report
    bad = {**before, "year": "2024"}
    with pytest.raises(ValidationError):
        from_dict(bad, type(report))
    assert bad["schema_version"] == 2
