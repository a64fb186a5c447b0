"""The model validators the compiled path tests inline (table 3's rows, region codes) decide
exactly as the validators do, and bad documents still get the detailed converter's errors.

The conditions are held equal to calling the validator itself on generated values (hypothesis),
and whole documents equal to the detailed converter; hostile table 3s and region codes give the
same typed error, path and messages in both languages as before.
"""

from __future__ import annotations

import copy
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import examples, testing
from govdisclosure.errors import ValidationError
from govdisclosure.model import (
    AnnualReport2019,
    AnnualReport2021,
    ApplicationTable,
    FormatVersion,
    RegionCode,
    Section,
)
from govdisclosure.model import report as report_module
from govdisclosure.model import tables as tables_module
from govdisclosure.model.base import MAX_NESTING, Nesting
from govdisclosure.serialize import compiled, converter, from_dict, to_dict

_REPORT = examples.load("huaian-city-2024")


def _fails(condition: str, value: Any) -> bool:
    try:  # raising also sends the document to the detailed converter
        return bool(eval(condition, compiled._generator().ns, {"v": value}))
    except Exception:
        return True


def _raises(validator: Any, attribute: Any, value: Any) -> bool:
    try:
        validator(None, attribute, value)
    except Exception:
        return True
    return False


def _rows(version: FormatVersion) -> st.SearchStrategy[tuple[Any, ...]]:
    """The rows of tables of ``version``, then shuffled, cut, repeated or swapped."""
    rows = testing.application_tables(version).map(lambda t: t.rows)
    return st.one_of(
        rows,
        rows.flatmap(st.permutations).map(tuple),
        st.tuples(rows, st.integers(0, 30), st.integers(0, 30)).map(
            lambda r: r[0][: r[1]] + r[0][r[2] : r[2] + 2]
        ),
    )


_VERSIONS = (FormatVersion.TRIAL_2019, FormatVersion.NATIONAL_2021)


@given(st.sampled_from(_VERSIONS).flatmap(_rows))
def test_rows_unique_is_decided_as_the_validator_decides(rows: tuple[Any, ...]) -> None:
    condition = compiled._inline_check(tables_module._rows_unique, "v")
    assert condition is not None
    attribute = attrs.fields(ApplicationTable).rows
    assert _fails(condition, rows) == _raises(tables_module._rows_unique, attribute, rows)


@given(st.sampled_from(_VERSIONS), st.sampled_from(_VERSIONS).flatmap(_rows))
def test_table_3_of_a_report_is_decided_as_the_validator_decides(
    version: FormatVersion, rows: tuple[Any, ...]
) -> None:
    validator = report_module._rows_of(version)
    condition = compiled._inline_check(validator, "v")
    assert condition is not None and version.name in condition
    # Built without the class's own check, so that any rows can be held.
    table: Any = object.__new__(ApplicationTable)
    object.__setattr__(table, "rows", rows)
    attribute = attrs.fields(AnnualReport2021).applications
    for value in (table, None):
        assert _fails(condition, value) == _raises(validator, attribute, value)


def test_a_table_3_check_made_by_hand_with_something_else_is_called() -> None:
    odd = report_module._rows_of("not a version")  # type: ignore[arg-type]
    assert compiled._inline_check(odd, "v") is None


_CODE_TEXT = st.text(alphabet="0123456789\n x", min_size=0, max_size=8)


@given(st.one_of(testing.region_code_strings(), _CODE_TEXT, st.integers(), st.none()))
def test_region_codes_are_decided_as_the_validator_decides(value: Any) -> None:
    check = RegionCode._check
    attribute = attrs.fields(RegionCode).code
    full = compiled._inline_check(check, "v")
    assert full is not None
    assert _fails(full, value) == _raises(check, attribute, value)
    typed = compiled._typed_check(check, "v", str)
    assert typed is not None
    if type(value) is str:
        assert _fails(typed, value) == _raises(check, attribute, value)


def _document_agrees(data: dict[str, Any], cls: type) -> None:
    try:
        expected: Any = converter(True).structure(copy.deepcopy(data), cls)
    except Exception:
        with pytest.raises(Exception):  # noqa: B017, PT011 - any exception sends it to cattrs
            compiled.structure(copy.deepcopy(data), cls)
        return
    got: Any = compiled.structure(copy.deepcopy(data), cls)
    assert type(got) is cls and got == expected


@given(st.sampled_from(_VERSIONS).flatmap(_rows), st.booleans(), st.data())
def test_reports_with_any_table_3_agree_with_the_converter(
    rows: tuple[Any, ...], national: bool, data: st.DataObject
) -> None:
    report = _REPORT if national else data.draw(testing.annual_reports_2019())
    body = to_dict(report)
    del body["schema_version"]
    body["applications"] = {"rows": [compiled.unstructure(row) for row in rows]}
    _document_agrees(body, AnnualReport2021 if national else AnnualReport2019)
    _document_agrees(body["applications"], ApplicationTable)


def _error(document: dict[str, Any]) -> tuple[str, str, str]:
    with pytest.raises(ValidationError) as caught:
        from_dict(document, AnnualReport2021)
    (detail,) = caught.value.errors
    return detail.path, detail.message, detail.message_zh


def test_hostile_table_3_and_region_codes_keep_their_errors() -> None:
    swapped = to_dict(_REPORT)
    rows = swapped["applications"]["rows"]
    rows[3], rows[4] = rows[4], rows[3]
    assert _error(swapped) == (
        "$.applications",
        "table 3 must have the 25 rows of format 2021 in order (out of order)",
        "表三应按2021年格式依次包含25行",
    )
    twice = to_dict(_REPORT)
    twice["applications"]["rows"][3] = twice["applications"]["rows"][4]
    path, message, message_zh = _error(twice)
    assert path == "$.applications.rows"
    assert message == "row 'withheld-state-secret' appears twice"
    assert message_zh.endswith("重复出现")
    for code, english in (
        ("320012", "'320012' has a county part but no prefecture part"),
        ("990000", "'99' is not a province-level prefix of GB/T 2260"),
        ("32080", "expected six digits, got '32080'"),
    ):
        bad = to_dict(_REPORT)
        bad["agency"]["region"]["code"] = code
        path, message, message_zh = _error(bad)
        assert (path, message) == ("$.agency.region.code", english)
        assert message_zh


def _section(depth: int, width: int) -> Any:
    """A section ``depth`` levels of subsections deep, built past its validator."""
    section: Any = object.__new__(Section)
    object.__setattr__(section, "heading", "1")
    object.__setattr__(section, "paragraphs", ())
    inner = () if depth == 0 else tuple(_section(depth - 1, 1) for _ in range(width))
    object.__setattr__(section, "subsections", inner)
    return section


@given(st.lists(st.tuples(st.integers(0, MAX_NESTING + 2), st.integers(1, 2)), max_size=3))
def test_nesting_is_decided_as_the_validator_decides(shapes: list[tuple[int, int]]) -> None:
    assert MAX_NESTING >= 1  # the shortcut: models with no children of their own are 1 level
    nesting = compiled._flatten(attrs.fields(Section).subsections.validator)[-1]
    assert isinstance(nesting, Nesting)
    condition = compiled._inline_check(nesting, "v")
    assert condition is not None and "_too_deep" in condition
    value = tuple(_section(depth, width) for depth, width in shapes)
    assert _fails(condition, value) == _raises(nesting, attrs.fields(Section).subsections, value)
