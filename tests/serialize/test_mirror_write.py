"""to_json's msgspec writer (``_mirror.write``) writes exactly the general writer's bytes, or
declines (None) and leaves the decision, and any error, to the general writer."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import examples, testing
from govdisclosure.model import (
    Agency,
    AnnualReport2021,
    Money,
    Qualifier,
    Quantity,
)
from govdisclosure.serialize import _mirror, register, to_dict, to_json


def _general(model: object) -> bytes:
    """What to_json wrote before the msgspec writer: the compiled dicts through orjson."""
    return orjson.dumps(to_dict(model))


def _assert_written_alike(model: object) -> None:
    written = _mirror.write(model)
    assert written is not None
    assert written == _general(model)
    assert to_json(model) == written


@given(testing.models())
def test_every_model_is_written_as_the_general_writer_writes_it(model: object) -> None:
    _assert_written_alike(model)


@settings(max_examples=40)
@given(st.one_of(testing.annual_reports(), testing.request_events()))
def test_reports_and_events_are_written_as_the_general_writer_writes_them(model: Any) -> None:
    _assert_written_alike(model)


@given(st.text().filter(str.strip))
def test_text_is_escaped_as_orjson_escapes_it(text: str) -> None:
    # Any non-blank text a model holds (the models refuse lone surrogates, which neither
    # writer can write).
    _assert_written_alike(Quantity(1, text))


@pytest.mark.parametrize("name", examples.names())
def test_examples_are_written_byte_for_byte(name: str) -> None:
    _assert_written_alike(examples.load(name))


def test_indented_output_is_left_to_orjson() -> None:
    report = examples.load("huaian-city-2024")
    assert to_json(report, indent=True) == orjson.dumps(to_dict(report), option=orjson.OPT_INDENT_2)


def _tag(name: str) -> str:
    return f"test-mirror-write.{name}-{uuid.uuid4().hex[:8]}"


def test_ints_beyond_orjson_are_left_to_the_general_writer() -> None:
    @attrs.frozen
    class Tally:
        n: int
        maybe: int | None = None
        many: tuple[int, ...] = ()

        maybes: tuple[int | None, ...] = ()
        shares: tuple[int | Decimal, ...] = ()

    for value in (2**64 - 1, -(2**63), 0, 7):
        _assert_written_alike(Tally(value, value, (value,), (None, value), (value, Decimal(1))))
    for value in (2**64, -(2**63) - 1, 10**30):
        for model in (
            Tally(value),
            Tally(1, value),
            Tally(1, many=(value,)),
            Tally(1, maybes=(None, value)),
            Tally(1, shares=(Decimal(1), value)),
        ):
            assert _mirror.write(model) is None
            with pytest.raises(TypeError):
                to_json(model)


def test_decimals_are_written_fixed_point_as_the_general_writer_writes_them() -> None:
    # str() of these has an exponent; both writers write format(value, "f").
    # (tests/test_compiled.py holds a registered subclass with every kind of field.)
    for value in ("1E+3", "0.0000001", "12.50"):
        _assert_written_alike(Money(Decimal(value)))
        _assert_written_alike(Quantity(Decimal(value), "元", Qualifier.ABOUT))


def test_what_has_no_mirror_is_left_to_the_general_writer() -> None:
    @attrs.frozen(kw_only=True)
    class RatioAgency(Agency):
        ratio: float = 0.5

    @attrs.frozen(kw_only=True)
    class Unregistered(Agency):
        extra: int = 0

    register(RatioAgency, _tag("ratio-agency"))
    model = RatioAgency(name="某机关")
    assert _mirror.write(model) is None
    report = AnnualReport2021(agency=model, year=2024)
    assert _mirror.write(report) is None
    assert to_json(report) == _general(report)

    stray = AnnualReport2021(agency=Unregistered(name="x"), year=2024)
    assert _mirror.write(stray) is None
    with pytest.raises(Exception, match="not registered"):
        to_json(stray)
    assert _mirror.write(Unregistered(name="x")) is None
    assert _mirror.write(3) is None  # not a model at all


def test_a_subclass_of_a_plain_model_is_refused_as_the_general_writer_refuses_it() -> None:
    @attrs.frozen
    class LoudMoney(Money):
        pass

    report = AnnualReport2021(
        agency=Agency(name="x"), year=2024, processing_fee=LoudMoney(Decimal("1"))
    )
    assert _mirror.write(report) is None


def test_writers_are_made_once_per_class() -> None:
    money = Money(Decimal("1"))
    assert _mirror.write(money) == _general(money)
    gen = _mirror._generator()
    writer = gen.writer(Money)
    assert writer is not None
    assert gen.writer(Money) is writer
