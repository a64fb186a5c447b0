"""Hostile JSON and models built by hand: typed errors with paths, reader and schema agree.

Each test here (issue 15) failed before its fix: a key given twice read silently (last wins),
decimals in full-width digits accepted and rewritten, a 20-digit count that could not be
written, wrong types accepted at construction, sections nested past what JSON writers survive,
minutes to report a document of a hundred thousand errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, Literal, TypeVar

import attrs
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import examples
from govdisclosure.errors import MAX_ERRORS, InvalidValue, ValidationError
from govdisclosure.model import (
    Agency,
    AgencyLevel,
    AnnualReport,
    Money,
    MoneyUnit,
    Quantity,
    Section,
)
from govdisclosure.model.base import (
    MAX_COUNT,
    MAX_DECIMAL_DIGITS,
    MAX_NESTING,
    TypeCheck,
    checks_type,
    in_bounds,
)
from govdisclosure.model.base import field as field_
from govdisclosure.model.report import Figure
from govdisclosure.model.tables import ApplicantCounts
from govdisclosure.serialize import (
    from_dict,
    from_json,
    from_json_zh,
    json_schema,
    parse_json,
    to_json,
)
from govdisclosure.serialize.schema import DATE_PATTERN, DECIMAL_PATTERN

# --- duplicate keys ------------------------------------------------------------------------------


def test_a_key_given_twice_is_refused_with_its_path() -> None:
    doc = b'{"schema_version":2,"amount":"1","amount":"2","unit":"yuan"}'
    with pytest.raises(ValidationError) as caught:
        from_json(doc, Money)
    assert caught.value.paths == ("$.amount",)
    nested = b'{"a":[{"b":1},{"c":1,"c":2}],"d":{"e":{"f":1,"f":1}}}'
    with pytest.raises(ValidationError) as caught:
        parse_json(nested)
    assert caught.value.paths == ("$.a[1].c", "$.d.e.f")


def test_the_chinese_reader_refuses_duplicate_keys_too() -> None:
    doc = '{"schema_version":2,"数值":337,"数值":338,"单位":"条"}'
    with pytest.raises(ValidationError, match="more than once"):
        from_json_zh(doc, Quantity)


def test_documents_without_duplicates_read_as_before() -> None:
    report = examples.load("huaian-city-2024")
    for data in (to_json(report), to_json(report, indent=True)):
        assert from_json(data, AnnualReport) == report  # the fast screen: canonical bytes
    spaced = orjson.dumps(orjson.loads(to_json(report))).replace(b'":', b'" :')
    assert from_json(spaced, AnnualReport) == report  # the slow pass finds nothing
    assert parse_json("[1, 2]") == [1, 2]


# --- decimals and dates: the reader accepts what the schema accepts ------------------------------


WIDE_123 = "\uff11\uff12\uff13"


@pytest.mark.parametrize("text", [WIDE_123, "00012", "1\n", "-00", "1.", ".5", "1e3", " 1", "+1"])
def test_decimals_that_would_not_round_trip_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        from_dict({"schema_version": 2, "amount": text, "unit": "yuan"}, Money)
    assert caught.value.paths == ("$.amount",)
    assert re.search(DECIMAL_PATTERN, text) is None  # the schema refuses it too


@pytest.mark.parametrize(
    "text", ["\uff12\uff10\uff12\uff14-03-01", "2024-03-01\n", "20240301", "2024-W09-5"]
)
def test_dates_must_be_yyyy_mm_dd_in_ascii(text: str) -> None:
    report = orjson.loads(to_json(examples.load("huaian-city-2024")))
    schema = json_schema(AnnualReport)
    assert DATE_PATTERN in orjson.dumps(schema).decode().replace("\\\\", "\\")
    report["published_on"] = text
    with pytest.raises(ValidationError) as caught:
        from_dict(report, AnnualReport)
    assert caught.value.paths == ("$.published_on",)


_CANDIDATES = st.one_of(
    st.from_regex(r"\A-?[0-9]{1,5}(\.[0-9]{0,3})?\Z"),
    st.text(alphabet="0123456789.-\n \uff11\uff12", max_size=6),
)


@settings(max_examples=150, deadline=None)
@given(_CANDIDATES)
def test_reader_and_schema_agree_on_decimals(text: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema(Money)
    try:
        from_dict({"schema_version": 2, "amount": text, "unit": "yuan"}, Money)
    except ValidationError:
        read = False
    else:
        read = True
    valid = jsonschema.Draft202012Validator(schema).is_valid(
        {"schema_version": 2, "amount": text, "unit": "yuan"}
    )
    assert read is valid, text


# --- counts --------------------------------------------------------------------------------------


def test_counts_are_bounded_by_max_count_everywhere() -> None:
    assert ApplicantCounts(row=_new_row(), total=MAX_COUNT).total == MAX_COUNT
    for value in (MAX_COUNT + 1, 10**25):
        with pytest.raises(InvalidValue, match="at most 9007199254740991") as caught:
            ApplicantCounts(row=_new_row(), total=value)
        assert caught.value.field_name == "total"
        with pytest.raises(InvalidValue, match="value"):
            Quantity(value, "条")
    cell = json_schema(AnnualReport)["$defs"]["ApplicantCounts"]["properties"]["total"]
    assert cell["maximum"] == MAX_COUNT
    doc = orjson.loads(to_json(Quantity(MAX_COUNT, "条")))
    assert from_dict(doc, Quantity).value == MAX_COUNT
    doc["value"] = MAX_COUNT + 1
    with pytest.raises(ValidationError) as refused:
        from_dict(doc, Quantity)
    assert refused.value.paths == ("$.value",)
    with pytest.raises(ValidationError):  # orjson reads 30 digits as a float: not a count
        from_json(
            b'{"schema_version":2,"value":123456789012345678901234567890,"unit":"x"}', Quantity
        )


_DECIMALS = st.builds(
    lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
    st.integers(0, 1),
    st.lists(st.integers(0, 9), min_size=1, max_size=40),
    st.integers(-45, 45),
)


@given(_DECIMALS)
def test_the_decimal_bound_is_the_json_pattern(value: Decimal) -> None:
    # Decided without writing the number out, the bound is exactly the text the reader and the
    # schema accept (a zero with an exponent is written "0", so only the one way round holds).
    text = format(value, "f")
    if in_bounds(value):
        assert re.fullmatch(DECIMAL_PATTERN, text), text
    elif value:
        assert not re.fullmatch(DECIMAL_PATTERN, text), text


def test_decimals_are_bounded_everywhere() -> None:
    most = Decimal("9" * MAX_DECIMAL_DIGITS + "." + "9" * MAX_DECIMAL_DIGITS)
    assert from_json(to_json(Money(most, MoneyUnit.YUAN)), Money).amount == most
    # Decimal("1e999999") is nine characters; written out it would be a megabyte of zeros.
    for value in (Decimal("1e999999"), Decimal("1e30"), Decimal("1e-31"), -most * 10):
        with pytest.raises(InvalidValue, match="at most 30 digits") as caught:
            Money(value, MoneyUnit.YUAN)
        assert "小数点前后各不能超过30位数字" in caught.value.message_zh
        with pytest.raises(InvalidValue, match="at most 30 digits"):
            Quantity(value, "万元")
    for text in ("1" + "0" * 30, "0." + "0" * 30 + "1"):
        doc = {"schema_version": 2, "amount": text, "unit": "yuan"}
        for read in (from_dict, lambda d, cls: from_json(orjson.dumps(d), cls)):
            with pytest.raises(ValidationError, match="at most 30 digits") as refused:
                read(doc, Money)
            assert refused.value.paths == ("$.amount",)


def _new_row() -> Any:
    from govdisclosure.model.layout import ApplicationRow

    return ApplicationRow.NEW


# --- models built in Python ----------------------------------------------------------------------


def test_wrong_types_fail_at_construction_naming_the_field() -> None:
    from govdisclosure.model import DisclosureRequest

    with pytest.raises(InvalidValue, match="AgencyLevel") as caught:
        Agency(name="某县人民政府", level="kounty")  # type: ignore[arg-type]
    assert caught.value.field_name == "level"
    assert Agency(name="某县人民政府", level=AgencyLevel.COUNTY).level is AgencyLevel.COUNTY
    request = _a_request()
    with pytest.raises(InvalidValue) as caught:
        attrs.evolve(request, received_on="2024-03-01")
    assert caught.value.field_name == "received_on"
    with pytest.raises(InvalidValue, match="received_on"):
        attrs.evolve(request, received_on=datetime(2024, 3, 1))
    assert attrs.evolve(request, received_on=date(2024, 3, 1)).received_on.day == 1
    assert isinstance(request, DisclosureRequest)
    with pytest.raises(InvalidValue, match="paragraphs"):
        Section(heading="一", paragraphs=("a", 3))  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="paragraphs"):
        Section(heading="一", paragraphs="abc")  # type: ignore[arg-type]


def _a_request() -> Any:
    from govdisclosure.model import Applicant, ApplicantKind, DisclosureRequest, SubmissionMethod

    return DisclosureRequest(
        id="2024-001",
        applicant=Applicant(ApplicantKind.NATURAL_PERSON),
        received_on=date(2024, 9, 27),
        method=SubmissionMethod.ONLINE,
        description="2024年度部门预算",
    )


def test_lone_surrogates_are_refused_at_construction() -> None:
    bad = "政府" + chr(0xD800)
    with pytest.raises(InvalidValue, match="surrogate") as caught:
        Section(heading=bad)
    assert caught.value.field_name == "heading"
    with pytest.raises(InvalidValue, match="paragraphs"):
        Section(heading="一", paragraphs=("ok", bad))
    with pytest.raises(InvalidValue, match="surrogate"):
        Quantity(1, bad)
    # Through a dict built in Python the compiled path refuses it too, with the path.
    with pytest.raises(ValidationError) as caught_doc:
        from_dict({"schema_version": 2, "heading": "一", "paragraphs": [bad]}, Section)
    assert caught_doc.value.paths[0].startswith("$.paragraphs")


def test_nesting_is_bounded_where_the_model_is_built() -> None:
    section = Section(heading="1")
    for _ in range(MAX_NESTING):
        section = Section(heading="1", subsections=(section,))
    assert to_json(section)  # 32 levels below: written and read back
    assert from_json(to_json(section), Section) == section
    with pytest.raises(InvalidValue, match="nests more than 32"):
        Section(heading="1", subsections=(section,))
    figure = Figure(label="x", quantity=Quantity(1, "条"))
    for _ in range(MAX_NESTING):
        figure = Figure(label="x", quantity=Quantity(1, "条"), parts=(figure,))
    with pytest.raises(InvalidValue, match="parts"):
        Figure(label="x", quantity=Quantity(1, "条"), parts=(figure,))
    deep = '{"heading":"1","subsections":[' * 127 + '{"heading":"1"}' + "]}" * 127
    with pytest.raises(ValidationError):
        from_json('{"schema_version":2,' + deep[1:], Section)


# --- many errors ---------------------------------------------------------------------------------


def test_a_document_with_many_errors_reports_the_first_and_counts_the_rest() -> None:
    bad = {"label": "", "quantity": {"value": -1, "unit": "条"}}
    doc = {
        "schema_version": 2,
        "type": "annual-report-2021",
        "agency": {"type": "agency", "name": "x"},
        "year": 2024,
        "figures": [bad] * 100_000,
    }
    with pytest.raises(ValidationError) as caught:
        from_json(orjson.dumps(doc), AnnualReport)
    error = caught.value
    assert len(error.errors) == MAX_ERRORS
    assert error.total > MAX_ERRORS
    assert "more items not checked" in str(error) or "more /" in str(error)
    assert len(str(error)) < 50_000


def test_the_error_list_is_capped_for_any_source() -> None:
    from govdisclosure.errors import ErrorDetail

    error = ValidationError(ErrorDetail(f"$[{i}]", "bad", "错") for i in range(1_000_000))
    assert error.total == 1_000_000
    assert len(error.errors) == MAX_ERRORS
    assert str(error).endswith(f"... and {1_000_000 - MAX_ERRORS} more / 另有999900处错误未列出")


def test_type_checks_skip_what_cannot_be_resolved() -> None:
    from govdisclosure.model.base import TypeCheck, field

    @attrs.frozen
    class Odd:
        value: NotDefinedAnywhere = field("值", "A value.")  # type: ignore[name-defined]  # noqa: F821
        amount: Decimal | None = field("金额", "An amount.", default=None)

    assert Odd(value=object()).amount is None  # the annotation names nothing: not checked
    assert repr(TypeCheck()) == "<declared type check>"


def test_type_checks_keep_no_class_alive() -> None:
    import gc
    import weakref

    from govdisclosure.model.base import field

    def make() -> type:
        @attrs.frozen
        class Made:
            value: int = field("值", "A value.")

        assert Made(value=1).value == 1  # the first instance records the class's tests
        with pytest.raises(InvalidValue):
            Made(value="1")  # type: ignore[arg-type]
        return Made

    made = make()
    assert id(made) in TypeCheck._cache
    alive = weakref.ref(made)
    key = id(made)
    del made
    gc.collect()
    assert alive() is None
    assert key not in TypeCheck._cache  # dropped with the class, before its id can be reused


@attrs.frozen(kw_only=True)
class _Shapes:
    """Every kind of annotation the declared-type check knows (and some it does not)."""

    number: float = field_("数", "A float.", default=1.0)
    word: Literal["a", "b"] = field_("词", "A literal.", default="a")
    pair: tuple[int, str] = field_("对", "A fixed tuple.", default=(1, "x"))
    anything: tuple[Any, ...] = field_("任意", "Any items.", default=())
    items: list[int] = field_("列表", "A list.", default=attrs.Factory(list))
    call: Callable[[], None] | None = field_("函数", "Unknown to the check.", default=None)
    free: Any = field_("自由", "Anything.", default=None)
    texts: tuple[str | None, ...] = field_("文本", "Optional texts.", default=())


def test_the_declared_type_check_knows_the_common_annotations() -> None:
    assert _Shapes(number=2, anything=(1, "x"), items=[1], call=print, free=object())
    for bad in (
        {"number": True},
        {"number": "1"},
        {"word": "c"},
        {"pair": [1, "x"]},
        {"anything": [1]},
        {"items": (1,)},
        {"texts": ("a", 3)},
    ):
        with pytest.raises(InvalidValue) as caught:
            _Shapes(**bad)
        assert caught.value.field_name == next(iter(bad))
    with pytest.raises(InvalidValue, match="surrogate"):
        _Shapes(texts=("ok", None, "x" + chr(0xDFFF)))
    assert TypeCheck.writable(("a", None)) and not TypeCheck.writable(("a", chr(0xD800)))


def test_marked_validators_keep_their_own_messages() -> None:
    def whole(_: object, attribute: Any, value: object) -> None:
        if type(value) is not int:
            raise InvalidValue(attribute.name, "my own message", "自己的消息")

    checks_type(whole)

    @attrs.frozen
    class Marked:
        value: int = field_("值", "A value.", validator=whole)
        other: int = field_("另", "Another.", default=0, validator=[whole])

    with pytest.raises(InvalidValue, match="my own message"):
        Marked(value="x")  # type: ignore[arg-type]
    assert Marked(value=1).other == 0


def test_counts_of_many_digits_are_described_not_printed() -> None:
    with pytest.raises(InvalidValue, match="a number of 100 digits"):
        Quantity(10**99, "条")


def test_documents_nested_past_every_writer_are_refused_not_crashed() -> None:
    assert parse_json("[" * 300 + "]" * 300)  # past orjson's writer: the slow pass reads it
    with pytest.raises(ValidationError, match="nests too deeply"):
        parse_json("[" * 1000 + "]" * 1000)


def test_nesting_and_generic_annotations() -> None:
    from govdisclosure.model.base import Nesting, nesting

    assert repr(nesting("parts")) == "nesting('parts')"
    assert Nesting.depth((), "parts") == 0
    assert _Generic(value=object()).value is not None  # a TypeVar: not checked


T_ = TypeVar("T_")


@attrs.frozen
class _Generic(Generic[T_]):
    value: T_ = field_("值", "A value of any type.")


@pytest.mark.parametrize("kind", [bytearray, memoryview])
def test_bytes_like_documents_are_read_as_bytes_are(kind: Callable[[bytes], Any]) -> None:
    money = Money(Decimal("3940"))
    for raw in (to_json(money), to_json(money, indent=True)):
        assert from_json(kind(raw), Money) == money
    twice = b'{"schema_version":2,"amount":"1","amount":"1","unit":"yuan"}'
    with pytest.raises(ValidationError, match=r"\$\.amount: the key 'amount' is given more"):
        from_json(kind(twice), Money)
