"""The msgspec mirror reader takes canonical documents only, and reads them as the general path.

:func:`govdisclosure.serialize._mirror.read` is what :func:`~govdisclosure.serialize.from_json`
tries first. Its contract, held here on random, broken and hand-written documents: it returns
None, or a value equal to, and of exactly the class of, what the general path (``parse_json``,
``_check_version``, ``_structure``) returns; it never returns a value where the general path
raises. And ``from_json`` returns and raises what the general path does.
"""

from __future__ import annotations

import copy
import functools
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common import accepts
from govdisclosure import examples, testing
from govdisclosure.errors import ValidationError
from govdisclosure.model import (
    Agency,
    AnnualReport,
    AnnualReport2021,
    Money,
    Qualifier,
    Quantity,
    RequestEvent,
    Section,
    Withdrawn,
)
from govdisclosure.model.base import LabelledEnum, counts, finite_decimal, non_negative, text
from govdisclosure.serialize import (
    _mirror,
    from_dict,
    from_json,
    parse_json,
    register,
    registry,
    to_dict,
    to_json,
)
from govdisclosure.serialize import json as json_module


def _general(data: Any, cls: type) -> Any:
    """What the general path (orjson, compiled, cattrs) makes of ``data``, or raises."""
    document = json_module._check_version(parse_json(data), cls)
    return json_module._structure(document, cls, checked=True)


def _outcome(data: Any, cls: type) -> tuple[Any, Exception | None]:
    """What the general path returns, or the exception it raises."""
    try:
        return _general(data, cls), None
    except Exception as exc:
        return None, exc


def _built() -> bool:
    """Whether the mirror has its generator (registration drops it, the next read makes it)."""
    return _mirror._gen is not None


def _check(data: Any, cls: type, *, canonical: bool = False) -> Any:
    """Holds the contract on ``data`` read as ``cls``; returns what the mirror read (or None).

    ``canonical``: also, a document the general path reads and to_json writes back byte for
    byte is one the mirror takes (true of the models' fields, not of every int field: see
    :func:`test_int_bounds_are_the_ranges_their_validators_accept`).
    """
    got = _mirror.read(data, cls)
    expected, error = _outcome(data, cls)
    if error is not None:
        assert got is None, (data, cls, got, error)
        with pytest.raises(type(error)) as caught:
            from_json(data, cls)
        assert str(caught.value) == str(error)  # the same problems, at the same paths
        return None
    if got is not None:
        assert type(got) is type(expected), (data, got, expected)
        assert got == expected, data
    elif canonical:
        assert to_json(expected) != data, data
    back: Any = from_json(data, cls)
    assert type(back) is type(expected)
    assert back == expected
    return got


def _reads(data: Any, cls: type, model: object) -> None:
    """The mirror reads ``data`` as ``cls``: ``model`` exactly."""
    got = _mirror.read(data, cls)
    assert got is not None, data
    assert type(got) is type(model)
    assert got == model


def _declines(data: Any, cls: type) -> None:
    """The mirror does not take ``data``; the general path decides (and from_json agrees)."""
    assert _mirror.read(data, cls) is None, data
    _check(data, cls)


def _tag(name: str) -> str:
    return f"test-mirror.{name}-{uuid.uuid4().hex[:8]}"


# --- documents as to_json writes them -------------------------------------------------------------

_STRATEGIES = {
    "models": testing.models(),
    "events": testing.request_events(),
    "requests": testing.requests(),
    "2008": testing.annual_reports_2008(),
    "2019": testing.annual_reports_2019(),
    "2021": testing.annual_reports_2021(),
    "reports": testing.annual_reports(),
}


@pytest.mark.parametrize("strategy", list(_STRATEGIES.values()), ids=list(_STRATEGIES))
@settings(max_examples=40)
@given(data=st.data())
def test_canonical_documents_are_read_by_the_mirror(
    strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    model = data.draw(strategy)
    raw = to_json(model)
    bases = [type(model), *(b for b in (AnnualReport, RequestEvent) if isinstance(model, b))]
    for cls in bases:
        _reads(raw, cls, model)
        _reads(raw.decode(), cls, model)
    assert from_json(raw, type(model)) == model


@pytest.mark.parametrize("name", examples.names())
def test_the_bundled_examples_are_read_by_the_mirror(name: str) -> None:
    report = examples.load(name)
    raw = to_json(report)
    _reads(raw, type(report), report)
    _reads(raw, AnnualReport, report)
    assert _check(raw, AnnualReport) == report


def test_the_constants_restated_are_those_of_the_json_module() -> None:
    assert _mirror.SCHEMA_VERSION == json_module.SCHEMA_VERSION
    assert _mirror.VERSION_KEY == json_module.VERSION_KEY


# --- broken documents ----------------------------------------------------------------------------


class _Raw:
    """JSON text put into a document as it is: what orjson would not write (``2**64``, ``1.0``,
    ``-0``, an object with a key twice)."""

    def __init__(self, text: bytes) -> None:
        self.text = text


_MARK = uuid.uuid4().hex


def _dumps(document: Any) -> bytes:
    """``document`` as compact JSON, each :class:`_Raw` in it written as its text."""
    raws: list[bytes] = []

    def default(value: object) -> str:
        if not isinstance(value, _Raw):
            raise TypeError(value)
        raws.append(value.text)
        return f"{_MARK}{len(raws) - 1}"

    out = orjson.dumps(document, default=default)
    for i, raw in enumerate(raws):
        out = out.replace(f'"{_MARK}{i}"'.encode(), raw, 1)
    return out


_ODD = [
    None,
    True,
    False,
    0,
    1,
    -1,
    -5,
    2**53 - 1,
    2**53,
    2**63 - 1,
    -(2**63),
    2**63,
    2**64 - 1,
    1.5,
    -0.0,
    "",
    " ",
    "\u3000",
    "x",
    "-0",
    "0",
    "1.5",
    "1e5",
    "2024-01-01",
    "2024-02-30",
    "nearly",
    "yuan",
    "agency",
    "replied",
    [],
    [1],
    ["x"],
    [None],
    {},
    {"type": "agency", "name": "x"},
    *map(_Raw, (b"18446744073709551616", b"-9223372036854775809", b"1" + b"0" * 30)),
    *map(_Raw, (b"1.0", b"-0", b"0.0", b"1e2", b"-0.0", b"2.0")),
]
_TAGS = ["nope", "agency", "replied", "withdrawn", "annual-report-2019", "channel", 1, None]


def _slots(holder: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of a document tree, its root included."""
    found: list[tuple[Any, Any]] = []
    pending: list[Any] = [holder]
    while pending:
        node = pending.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node))
        for key in keys:
            found.append((node, key))
            if isinstance(node[key], dict | list):
                pending.append(node[key])
    return found


@st.composite
def _broken(draw: st.DrawFn, strategy: st.SearchStrategy[Any]) -> tuple[bytes, type]:
    """A document of a drawn model (version first) with one node changed, and the model's class."""
    model = draw(strategy)
    holder = [to_dict(model)]
    slots = _slots(holder)
    container, key = draw(st.sampled_from(slots))
    value = container[key]
    change = draw(st.sampled_from(["replace", "replace", "move", "drop", "add", "tag", "negate"]))
    if change == "replace":
        container[key] = draw(st.sampled_from(_ODD))
    elif change == "move":  # another node's value: often well typed, sometimes valid
        other, at = draw(st.sampled_from(slots))
        container[key] = copy.deepcopy(other[at])
    elif change == "drop" and isinstance(container, dict):
        del container[key]
    elif change == "add" and isinstance(value, dict):
        name = draw(st.sampled_from(["extra", "type", "name", "value", "schema_version"]))
        value[name] = draw(st.sampled_from(_ODD))
    elif change == "tag" and isinstance(value, dict):
        value["type"] = draw(st.sampled_from(_TAGS))
    elif change == "negate" and type(value) is int:
        container[key] = -value if value else -1
    else:
        container[key] = draw(st.sampled_from(_ODD))
    return _dumps(holder[0]), type(model)


@settings(max_examples=300)
@given(_broken(testing.models()))
def test_broken_documents_read_as_the_general_path_reads_them(case: tuple[bytes, type]) -> None:
    _check(*case, canonical=True)


@pytest.mark.parametrize(
    ("strategy", "base"),
    [(testing.annual_reports(), AnnualReport), (testing.request_events(), RequestEvent)],
    ids=["reports", "events"],
)
@settings(max_examples=150)
@given(data=st.data())
def test_broken_documents_read_through_their_base_as_the_general_path_reads_them(
    strategy: st.SearchStrategy[Any], base: type, data: st.DataObject
) -> None:
    document, cls = data.draw(_broken(strategy))
    _check(document, cls, canonical=True)
    _check(document, base, canonical=True)


_MONEY = b'{"schema_version":2,"amount":"3940","unit":"yuan"}'
_QUANTITY = b'{"schema_version":2,"value":%s,"unit":"\xe6\x9d\xa1","qualifier":"exact"}'


@pytest.mark.parametrize(
    "value",
    [
        b"0", b"337", b"9007199254740991", b"9007199254740992", b"9223372036854775807",
        b"9223372036854775808", b"18446744073709551615", b"18446744073709551616",
        b"1" + b"0" * 30, b"-1", b"-0", b"1.0", b"0.0", b"1e2", b"true", b"false", b"null",
        b'"1"', b'"1.5"', b'"-0"', b'"-1.5"', b'"1e5"', b'"NaN"', b'" 1"', b"[]", b"{}",
    ],
)  # fmt: skip
def test_hand_written_values_read_as_the_general_path_reads_them(value: bytes) -> None:
    _check(_QUANTITY % value, Quantity)


def test_what_the_mirror_takes_it_reads_exactly() -> None:
    assert _check(_QUANTITY % b"337", Quantity) == Quantity(337, "条", Qualifier.EXACT)
    assert _check(_MONEY, Money) == Money(Decimal("3940"))
    assert _check(_QUANTITY % b'"1.5"', Quantity) == Quantity(Decimal("1.5"), "条")
    _declines(_QUANTITY.replace("条".encode(), b" "), Quantity)  # a blank unit: refused


# --- what changes the bytes only -----------------------------------------------------------------


def _twice(document: Any, path: tuple[Any, ...], key: str) -> bytes:
    """``document`` with the object at ``path`` giving ``key`` a second time (the same value)."""
    holder = [copy.deepcopy(document)]
    parent, at = holder, 0
    for step in path:
        parent, at = parent[at], step
    node = parent[at]
    members = [*node.items(), (key, node[key])]
    parent[at] = _Raw(b"{%s}" % b",".join(orjson.dumps(k) + b":" + _dumps(v) for k, v in members))
    return _dumps(holder[0])


def _objects(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The paths of every non-empty object of a document."""
    if isinstance(value, dict):
        found = [path] if value else []
        for key, item in value.items():
            found += _objects(item, (*path, key))
        return found
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _objects(item, (*path, i))]
    return []


def _json_path(path: tuple[Any, ...], key: str) -> str:
    steps = "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in path)
    return f"${steps}.{key}"


def _refused_twice(data: bytes, cls: type, path: str) -> None:
    assert _mirror.read(data, cls) is None
    with pytest.raises(ValidationError) as caught:
        from_json(data, cls)
    assert path in caught.value.paths
    assert "more than once" in str(caught.value)
    _check(data, cls)


@settings(max_examples=40)
@given(data=st.data())
def test_a_key_given_twice_anywhere_is_refused(data: st.DataObject) -> None:
    model = data.draw(testing.models())
    document = to_dict(model)
    path = data.draw(st.sampled_from(_objects(document)))
    node = document
    for step in path:
        node = node[step]
    key = data.draw(st.sampled_from(sorted(node)))
    _refused_twice(_twice(document, path, key), type(model), _json_path(path, key))


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ((), "schema_version"),
        ((), "type"),
        ((), "year"),
        (("agency",), "name"),
        (("applications", "rows", 0), "natural_person"),
        (("reviews", "reconsideration"), "total"),
    ],
)
def test_a_key_given_twice_in_a_real_report_is_refused(path: tuple[Any, ...], key: str) -> None:
    report = examples.load("huaian-city-2024")
    raw = _twice(to_dict(report), path, key)
    _refused_twice(raw, AnnualReport, _json_path(path, key))
    _refused_twice(raw, type(report), _json_path(path, key))


@settings(max_examples=40)
@given(testing.models())
def test_other_layouts_of_the_same_document_take_the_general_path(model: Any) -> None:
    cls = type(model)
    _declines(to_json(model, indent=True), cls)
    assert from_json(to_json(model, indent=True), cls) == model
    document = to_dict(model)
    _declines(orjson.dumps(dict(reversed(document.items()))), cls)  # the version last
    assert from_json(orjson.dumps(dict(reversed(document.items()))), cls) == model
    _declines(b" " + to_json(model), cls)
    _declines(to_json(model) + b"\n", cls)
    for path in _objects(document)[1:]:
        node = document
        for step in path[:-1]:
            node = node[step]
        inner = node[path[-1]]
        if len(inner) > 1:  # a nested object's keys in another order
            node[path[-1]] = dict(reversed(inner.items()))
            _declines(orjson.dumps(document), cls)
            assert from_json(orjson.dumps(document), cls) == model
            break


def test_escapes_take_the_general_path() -> None:
    agency = Agency(name="某局/办公室")
    raw = to_json(agency)
    assert _mirror.read(raw, Agency) == agency
    escaped = [
        raw.replace(b"schema_version", b"schema\\u005fversion"),  # an escaped plain character
        raw.replace("某".encode(), b"\\u67d0"),
        raw.replace(b"/", b"\\/"),  # an escape that is not \u
        raw.replace("某".encode(), b"\\ud83d\\ude00"),  # a surrogate pair: a valid character
    ]
    for data in escaped:
        _declines(data, Agency)
    assert from_json(escaped[0], Agency) == agency
    assert from_json(escaped[2], Agency) == agency
    lone = raw.replace("某".encode(), b"\\ud800")
    _declines(lone, Agency)
    with pytest.raises(ValidationError):
        from_json(lone, Agency)
    # Text with a control character is written with an escape: the general path reads it.
    tabbed = Agency(name="某\x01局")
    assert b"\\u0001" in to_json(tabbed)
    _declines(to_json(tabbed), Agency)
    assert from_json(to_json(tabbed), Agency) == tabbed


@settings(max_examples=60)
@given(st.text(alphabet='\\u"x政', max_size=8))
def test_text_with_backslashes_before_a_u_is_read_by_the_mirror(tail: str) -> None:
    # Written "\\u": an escaped backslash, then the letter; no escape \uXXXX.
    agency = Agency(name="C:\\users\\" + tail)
    _reads(to_json(agency), Agency, agency)
    _check(to_json(agency), Agency, canonical=True)


def test_an_escape_after_escaped_backslashes_takes_the_general_path() -> None:
    raw = to_json(Agency(name="某\\局"))
    assert b"\\\\" in raw
    for escape in (b"\\u0041", b"\\ud800", b"\\\\\\u0041"):
        _declines(raw.replace(b"\\\\", b"\\\\" + escape), Agency)
    with pytest.raises(ValidationError):
        from_json(raw.replace(b"\\\\", b"\\\\\\ud800"), Agency)
    _reads(raw.replace(b"\\\\", b"\\\\\\\\u"), Agency, Agency(name="某\\\\u局"))


def test_text_that_is_not_utf_8_takes_the_general_path() -> None:
    raw = to_json(Agency(name="某局"))
    for data in (
        raw.replace("某".encode(), b"\xff"),
        raw.replace("某".encode(), b"\xed\xa0\x80"),  # a surrogate spelled in UTF-8
        raw.replace(b'"agency"', b'"\xff"', 1),  # where the tag is read
        raw.replace(b'"agency"', b'"agency\xff"', 1),
    ):
        _declines(data, Agency)
        with pytest.raises(ValidationError):
            from_json(data, Agency)
    _declines('{"schema_version":2,"type":"agency","name":"\ud800"}', Agency)


def test_version_1_documents_are_upgraded_by_the_general_path() -> None:
    report = examples.load("huaian-city-2024")
    old = orjson.dumps({**to_dict(report), "schema_version": 1})
    _declines(old, AnnualReport)
    assert from_json(old, AnnualReport) == report
    for version in (b"3", b"0", b"2.0", b'"2"', b"null"):
        _declines(_MONEY.replace(b":2,", b":" + version + b",", 1), Money)
    _declines(_MONEY.replace(b'"schema_version":2,', b""), Money)


def test_only_bytes_and_str_are_read() -> None:
    raw = to_json(Money(Decimal("3940")))

    class Raw(bytes):
        pass

    for data in (bytearray(raw), memoryview(raw)):
        _declines(data, Money)
        assert from_json(data, Money) == Money(Decimal("3940"))  # type: ignore[arg-type]
    _declines(Raw(raw), Money)  # which orjson refuses
    for other in (5, None, [raw]):
        assert _mirror.read(other, Money) is None
        with pytest.raises(ValidationError):
            from_json(other, Money)  # type: ignore[arg-type]


def test_tags_that_name_no_class_take_the_general_path() -> None:
    event = to_json(Withdrawn(on=date(2024, 1, 2)))
    assert _check(event, RequestEvent) is not None
    _declines(event, AnnualReport)  # a registered tag, but not of a report
    _declines(event.replace(b"withdrawn", b"nope"), RequestEvent)
    _declines(event.replace(b'"type":"withdrawn",', b""), RequestEvent)
    _declines(event[:-2], RequestEvent)  # not JSON
    _declines(b'{"schema_version":2,"type":"withdrawn"', RequestEvent)
    _declines(
        event.replace(
            b'"schema_version":2,"type":"withdrawn"', b'"type":"withdrawn","schema_version":2'
        ),
        RequestEvent,
    )


def test_documents_nested_too_deeply_take_the_general_path() -> None:
    depth = 3000
    inner = b'{"heading":"x","paragraphs":[],"subsections":['
    data = b'{"schema_version":2,"heading":"x","paragraphs":[],"subsections":['
    data += inner * depth + b"]}" * (depth + 1)
    _declines(data, Section)
    shallow = Section(
        heading="x", subsections=(Section(heading="y", subsections=(Section(heading="z"),)),)
    )
    _reads(to_json(shallow), Section, shallow)


# --- int fields msgspec checks alone ----------------------------------------------------------


_BOUND_TABLES = [
    *(("int", _mirror._INT_BOUNDS, v) for v in _mirror._INT_BOUNDS),
    *(("int-or-decimal", _mirror._INTDEC_BOUNDS, v) for v in _mirror._INTDEC_BOUNDS),
]


@pytest.mark.parametrize(
    ("kind", "table", "validator"),
    _BOUND_TABLES,
    ids=[f"{kind}-{v.__name__}" for kind, _, v in _BOUND_TABLES],
)
@settings(max_examples=60)
@given(drawn=st.integers(*_mirror._INT_RANGE))
def test_int_bounds_are_the_ranges_their_validators_accept(
    kind: str, table: dict[Any, tuple[int, int]], validator: Any, drawn: int
) -> None:
    low, high = table[validator]
    assert _mirror._INT_RANGE[0] <= low <= high <= _mirror._INT_RANGE[1]
    attribute = attrs.fields(Quantity).value
    if kind == "int":  # an int field with only these validators may be None
        assert accepts(functools.partial(validator, None, attribute, None))
    # Above int64 msgspec refuses the int whatever the range says (orjson reads it, and the
    # document takes the general path): the range is the validator's within that.
    probes = {low - 2, low - 1, low, low + 1, high - 1, high, high + 1, high + 2, 0, -1, drawn}
    for value in sorted(v for v in probes if _mirror._INT_RANGE[0] <= v <= _mirror._INT_RANGE[1]):
        inside = low <= value <= high
        assert accepts(functools.partial(validator, None, attribute, value)) == inside, value


@attrs.frozen
class _Tally:
    """Int fields of every kind the mirror checks: by msgspec alone, or by the validators left."""

    cells: int | None = attrs.field(default=None, validator=counts)
    total: int = attrs.field(default=0, validator=non_negative)
    low: int | None = attrs.field(default=None, validator=attrs.validators.optional([non_negative]))  # type: ignore[arg-type]
    floor: int = attrs.field(default=0, validator=attrs.validators.ge(-3))
    note: str | None = attrs.field(default="n", validator=text)
    label: str | None = attrs.field(default=None, validator=attrs.validators.optional(text))
    flags: tuple[bool, ...] = ()
    days: tuple[date, ...] = ()
    kinds: tuple[Qualifier | None, ...] = ()
    when: date | None = None
    money: Money | None = None


@pytest.mark.parametrize(
    "field", ["cells", "total", "low", "floor", "note", "label", "flags", "days", "kinds", "when"]
)
@settings(max_examples=40)
@given(value=st.sampled_from(_ODD))
def test_int_and_text_fields_are_checked_as_the_general_path_checks_them(
    field: str, value: Any
) -> None:
    document = {**to_dict(_Tally()), field: value}
    _check(_dumps(document), _Tally)


def test_a_class_outside_the_model_is_read_by_the_mirror() -> None:
    tally = _Tally(
        cells=3,
        total=2**62,
        low=1,
        floor=-3,
        note="某",
        label="标",
        flags=(True, False),
        days=(date(2024, 2, 29),),
        kinds=(Qualifier.NEARLY, None),
        when=date(2024, 1, 1),
        money=Money(Decimal("1.5")),
    )
    _reads(to_json(tally), _Tally, tally)
    _reads(to_json(_Tally()), _Tally, _Tally())


# --- registration -------------------------------------------------------------------------------


def test_a_registered_subclass_clears_the_mirrors_and_reads_through_them() -> None:
    agency = Agency(name="某局")
    _reads(to_json(agency), Agency, agency)
    assert _built()
    with registry.snapshot():

        @attrs.frozen(kw_only=True)
        class CountyAgency(Agency):
            townships: int | None = attrs.field(default=None, validator=counts)
            share: int | Decimal = 0
            deputy: Agency | None = None  # any registered agency: this class too
            seats: tuple[int, ...] = ()
            sections: tuple[Section, ...] = ()

        register(CountyAgency, _tag("county-agency"))
        assert not _built()  # every reader is made again, with the new tag
        county = CountyAgency(
            name="某县",
            townships=12,
            share=Decimal("0.5"),
            deputy=CountyAgency(name="某乡", deputy=agency),
            seats=(1, 2),
            sections=(Section(heading="一、总体情况"),),
        )
        _reads(to_json(county), CountyAgency, county)
        _reads(to_json(county), Agency, county)
        report = AnnualReport2021(agency=county, year=2024)
        _reads(to_json(report), AnnualReport, report)
        data = to_dict(county)
        for key, bad in [
            ("townships", -1),
            ("townships", 2**53),
            ("share", 1.5),
            ("share", "x"),
            ("seats", [True]),
            ("deputy", {"type": "nope", "name": "x"}),
            ("deputy", {**data, "townships": -1}),
        ]:
            _check(_dumps({**data, key: bad}), Agency)
        tagged = to_json(county)
    assert not _built()  # and again on leaving: the tag is gone
    _declines(tagged, Agency)


def _made(gen: Any) -> dict[type, Any]:
    """The mirrors made so far, each with its converter (none is left half made)."""
    mirrors = dict(gen.mirrors)
    assert all(struct in gen.by_mirror for struct in mirrors.values())
    return mirrors


class _Mixed(LabelledEnum):
    """An enum whose codes msgspec cannot read (a str and an int): msgspec refuses the type."""

    TEXT = "text", "文", "text"
    NUMBER = 1, "数", "number"


@attrs.frozen(kw_only=True)
class _Unregistered(Agency):
    extra: int = 0


@attrs.frozen
class _Holder:
    name: str
    other: _Unregistered | None = None  # polymorphic with no tag: no mirror


class _Lenient(LabelledEnum):
    """An enum whose ``_missing_`` takes its code in any case: msgspec calls it, the general
    path does not (it refuses any other spelling), and only the bytes written again differ."""

    TEXT = "text", "文", "text"

    @classmethod
    def _missing_(cls, value: object) -> _Lenient | None:
        return cls.TEXT if isinstance(value, str) and value.lower() == "text" else None


@attrs.frozen
class _Coded:
    code: _Lenient = _Lenient.TEXT


def test_an_enum_read_through_its_missing_hook_takes_the_general_path() -> None:
    _reads(b'{"schema_version":2,"code":"text"}', _Coded, _Coded())
    for code in (b'"TEXT"', b'"Text"', b'"nope"'):
        _declines(b'{"schema_version":2,"code":%s}' % code, _Coded)


def test_classes_without_a_mirror_are_left_to_the_general_path() -> None:
    report = AnnualReport2021(agency=Agency(name="某局"), year=2024)
    money = Money(Decimal("1"))
    _reads(to_json(report), AnnualReport2021, report)

    @attrs.frozen
    class Typed:
        type: str  # a key the top level of a document cannot have

    @attrs.frozen
    class Versioned:
        schema_version: int

    @attrs.frozen
    class Coded:
        code: _Mixed = _Mixed.TEXT

    with registry.snapshot():

        @attrs.frozen(kw_only=True)
        class OddAgency(Agency):
            ratio: float = 0.5  # the compiled path hands the class to cattrs

        register(OddAgency, _tag("odd-agency"))
        _reads(to_json(money), Money, money)
        gen = _mirror._gen
        assert gen is not None
        before = _made(gen)
        # Every agency field may hold an OddAgency now: no report has a mirror.
        _declines(to_json(report), AnnualReport2021)
        _declines(to_json(report), AnnualReport)
        odd = OddAgency(name="某局")
        _declines(to_json(odd), Agency)
        _declines(to_json(AnnualReport2021(agency=odd, year=2024)), AnnualReport)
        for data, cls in [
            (b'{"schema_version":2,"name":"x","other":null}', _Holder),
            (b'{"schema_version":2,"type":"x"}', Typed),
            (b'{"schema_version":2,"schema_version":2}', Versioned),
            (b'{"schema_version":2,"code":"text"}', Coded),
            (b'{"schema_version":2,"code":1}', Coded),
        ]:
            _declines(data, cls)
            assert gen.readers[cls] is None  # remembered: not tried again
        # What was made on the way was dropped, but for Coded's mirror: msgspec cannot decode
        # its enum (mixed values), yet writes it as orjson does, so the writer keeps it.
        assert set(_made(gen)) - set(before) == {Coded}
        coded = Coded()
        assert _mirror.write(coded) == orjson.dumps(to_dict(coded))
        _reads(to_json(money), Money, money)
    _reads(to_json(report), AnnualReport2021, report)


def test_readers_and_the_generator_are_made_once() -> None:
    _mirror.clear()
    assert not _built()
    _reads(_MONEY, Money, Money(Decimal("3940")))
    gen = _mirror._generator()
    assert gen is _mirror._gen
    reader = gen.reader(Money)
    assert reader is not None and gen.reader(Money) is reader


def test_an_int_or_decimal_field_with_other_validators_is_tested_in_python() -> None:
    @attrs.frozen
    class Share:
        # finite_decimal is inlined, but msgspec has no bound for it: the int is not
        # bounded by msgspec, and Python tests the value as compiled does.
        value: int | Decimal = attrs.field(validator=finite_decimal)

    share = Share(Decimal("1.5"))
    _reads(to_json(share), Share, share)
    _declines(b'{"schema_version":2,"value":1}', Share)  # an int: finite_decimal refuses it


@pytest.mark.parametrize("cls", [int, dict, list[int], Money | Quantity, "Money", [Money]])
def test_a_class_that_is_not_a_model_is_refused(cls: Any) -> None:
    # A document is one model: read as list[int] it would be a guess ([] from its keys).
    assert _mirror.read(_MONEY, cls) is None
    with pytest.raises(TypeError, match="need a model class"):
        from_json(_MONEY, cls)
    with pytest.raises(TypeError, match="need a model class"):
        from_dict(orjson.loads(_MONEY), cls)
