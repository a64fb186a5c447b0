"""Tidy records: one per table cell, stable enum codes, blank kept apart from zero, and back."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeVar

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus
from govdisclosure import examples
from govdisclosure.errors import ValidationError
from govdisclosure.export.tidy import (
    FIELDS,
    CellKind,
    TidyRow,
    columns,
    from_rows,
    report_key,
    to_rows,
)
from govdisclosure.model import (
    AnnualReport,
    AnnualReport2008,
    AnnualReport2019,
    AnnualReport2021,
    ApplicantKind,
    ApplicationRow,
    DocumentCounts,
    FormatVersion,
    LegacyIndicator,
    Money,
    MoneyUnit,
    OutcomeGroup,
    ProactiveTable2021,
    ReportPart,
    ReviewColumn,
    ReviewGroup,
)
from govdisclosure.model.agency import Agency, AgencyLevel, RegionCode
from govdisclosure.testing import (
    agencies,
    annual_reports,
    application_tables,
    legacy_indicators,
    proactive_tables_2019,
    proactive_tables_2021,
    review_tables,
)

T = TypeVar("T")


def _load(name: str, cls: type[T]) -> T:
    report = examples.load(name)
    assert isinstance(report, cls)
    return report


HUAIAN = _load("huaian-city-2024", AnnualReport2021)
SHANGHAI = _load("shanghai-gov-office-2019", AnnualReport2019)
SICHUAN = _load("sichuan-hrss-2013", AnnualReport2008)
REVIEW_KEYS = {"maintain": "maintained", "correct": "corrected", "other": "other",
               "pending": "pending", "total": "total"}  # fmt: skip


def _cell(rows: list[TidyRow], table: str, row: str, column: str) -> TidyRow:
    found = [r for r in rows if (r.table, r.row, r.column) == (table, row, column)]
    assert len(found) == 1, (table, row, column)
    return found[0]


def _expected(file: str) -> dict[str, Any]:
    return corpus.by_file()[file]


def _minimal(report: AnnualReport) -> AnnualReport:
    agency = report.agency
    region = RegionCode(agency.region.code) if agency.region is not None else None
    tables = {
        name: getattr(report, name)
        for name in ("proactive", "applications", "reviews", "statistics")
        if hasattr(report, name)
    }
    return type(report)(
        agency=Agency(name=agency.name, level=agency.level, region=region),
        year=report.year,
        **tables,
    )


# ----------------------------------------------------------------------------- layout and codes


def test_record_fields() -> None:
    assert FIELDS == (
        "agency", "level", "region", "year", "format_version", "table", "row", "row_label",
        "column", "column_label", "kind", "unit", "value", "blank",
    )  # fmt: skip


def test_every_cell_of_every_table_in_printed_order() -> None:
    rows = to_rows([HUAIAN])
    assert [r.table for r in rows] == ["proactive"] * 10 + ["applications"] * 175 + ["reviews"] * 15
    table3 = [r for r in rows if r.table == "applications"]
    codes = [(r.row, r.column) for r in table3]
    assert codes == [
        (row.code, column)
        for row in FormatVersion.NATIONAL_2021.application_rows
        for column in (*(k.code for k in ApplicantKind), "total")
    ]
    assert {r.row_label for r in table3} == {
        row.label for row in FormatVersion.NATIONAL_2021.application_rows
    }
    table4 = [(r.row, r.column, r.row_label, r.column_label) for r in rows if r.table == "reviews"]
    assert table4 == [(g.code, c.code, g.label, c.label) for g in ReviewGroup for c in ReviewColumn]
    assert {r.kind for r in rows} == {"count", "money"}
    assert all(r[:5] == report_key(HUAIAN) for r in rows)
    assert {r.table for r in rows} <= {t.code for t in ReportPart}


def test_table_3_values_match_the_model() -> None:
    rows = to_rows([HUAIAN])
    assert HUAIAN.applications is not None
    for counts in HUAIAN.applications.rows:
        for kind in ApplicantKind:
            cell = _cell(rows, "applications", counts.row.code, kind.code)
            assert cell.value == counts.cell(kind)
        assert _cell(rows, "applications", counts.row.code, "total").value == counts.total


def test_2019_rows_have_the_single_other_row() -> None:
    rows = to_rows([SHANGHAI])
    table3 = {r.row for r in rows if r.table == "applications"}
    assert ApplicationRow.OTHER.code in table3
    assert ApplicationRow.OTHER_OVERDUE_FEE.code not in table3
    assert len(rows) == 22 + 23 * 7 + 15


def test_blank_is_not_zero() -> None:
    rows = to_rows([SHANGHAI])
    blank = _cell(rows, "applications", "new", "research-institution")
    assert (blank.value, blank.blank) == (None, True)
    zero = _cell(rows, "proactive", "licensing", "decisions")
    assert (zero.value, zero.blank) == (0, False)
    assert all(r.blank is (r.value is None) for r in rows)


def test_money_cells_keep_their_unit_and_exact_decimal() -> None:
    fee = _cell(to_rows([HUAIAN]), "proactive", "fee_amount", "amount")
    assert (fee.kind, fee.unit, fee.value) == ("money", "万元", Decimal("96171.6"))
    rows = to_rows([SHANGHAI])
    total = _cell(rows, "proactive", "procurement", "total_amount")
    assert (total.kind, total.unit, total.value) == ("money", "元", Decimal("251000"))
    projects = _cell(rows, "proactive", "procurement", "projects")
    assert (projects.kind, projects.unit, projects.value) == ("count", None, 6)
    change = _cell(rows, "proactive", "licensing", "change")
    assert change.column_label == "本年增/减"


def test_blank_money_keeps_its_kind() -> None:
    report = attrs.evolve(HUAIAN, proactive=ProactiveTable2021())
    fee = _cell(to_rows([report]), "proactive", "fee_amount", "amount")
    assert (fee.kind, fee.unit, fee.value, fee.blank) == ("money", "万元", None, True)


def test_missing_tables_give_no_rows_and_a_report_without_tables_none() -> None:
    assert to_rows([SICHUAN]) == []
    only4 = attrs.evolve(HUAIAN, proactive=None, applications=None)
    assert {r.table for r in to_rows([only4])} == {"reviews"}


def test_legacy_statistics() -> None:
    report = attrs.evolve(
        SICHUAN,
        statistics=(
            LegacyIndicator(
                indicator="主动公开信息数", unit="条", this_year=72804, cumulative=76424
            ),
            LegacyIndicator(indicator="全文电子化率", unit="%", this_year=Decimal("98.5")),
        ),
    )
    rows = to_rows([report])
    assert [(r.row, r.row_label, r.column, r.kind, r.unit, r.value) for r in rows] == [
        ("1", "主动公开信息数", "this_year", "count", "条", 72804),
        ("1", "主动公开信息数", "cumulative", "count", "条", 76424),
        ("2", "全文电子化率", "this_year", "number", "%", Decimal("98.5")),
        ("2", "全文电子化率", "cumulative", "count", "%", None),
    ]
    assert {r.table for r in rows} == {"statistics"}
    assert [r.column_label for r in rows[:2]] == ["本年度", "历年累计"]
    assert from_rows(rows, [SICHUAN]) == [report]


def test_columns_agree_with_rows() -> None:
    reports = [HUAIAN, SHANGHAI, SICHUAN]
    rows = to_rows(reports)
    built = columns(reports)
    assert built.length == len(rows)
    for name, dictionary in built.dictionaries.items():
        categories = dictionary.categories
        decoded = [None if c == -1 else categories[c] for c in dictionary.codes]
        assert decoded == [getattr(r, name) for r in rows], name
    assert list(built.year) == [r.year for r in rows]
    exact = dict(zip(built.amount_positions, built.amounts, strict=True))
    assert [exact.get(i, v) for i, v in enumerate(built.value)] == [r.value for r in rows]


# ----------------------------------------------------------------------------- real reports


@pytest.mark.parametrize(
    ("name", "file"),
    [("huaian-city-2024", "huaian-city-2024.pdf"),
     ("shanghai-gov-office-2019", "shanghai-gov-office-2019.html")],
)  # fmt: skip
def test_tidy_cells_say_what_the_sources_print(name: str, file: str) -> None:
    expected = _expected(file)
    rows = to_rows([examples.load(name)])
    assert rows[0].year == expected["year"]
    new = expected["new_applications_natural_person"]
    assert _cell(rows, "applications", "new", "natural-person").value == new
    assert _cell(rows, "applications", "new", "total").value == expected["new_applications_total"]
    carried = _cell(rows, "applications", "carried-over", "total").value
    assert carried == expected["carried_over_from_last_year"]
    forward = _cell(rows, "applications", "carried-forward", "total").value
    assert forward == expected["carried_to_next_year"]
    assert _cell(rows, "applications", "total", "total").value == expected["outcomes"]["总计"]
    for group in ReviewGroup:
        for key, column in REVIEW_KEYS.items():
            cell = _cell(rows, "reviews", group.code, column)
            # expected.json names the groups by their field (snake_case), as the model does
            assert cell.value == expected[group.attribute][key], (group, key)
            assert cell.blank is (expected[group.attribute][key] is None)


def test_outcome_groups_of_huaian_add_up_as_printed() -> None:
    expected = _expected("huaian-city-2024.pdf")["outcomes"]
    rows = to_rows([HUAIAN])
    sums: dict[str, int] = {}
    for r in rows:
        if r.table == "applications" and r.column == "total":
            group = ApplicationRow.from_code(r.row).group
            if group is not None:
                assert isinstance(r.value, int)
                sums[group.label] = sums.get(group.label, 0) + r.value
    assert sums == {g.label: expected[g.label] for g in OutcomeGroup}


def test_hongze_table_2_as_printed() -> None:
    printed = _expected("hongze-district-2024.pdf")["proactive"]
    table = ProactiveTable2021(
        regulations=DocumentCounts(**dict(zip(("issued", "repealed", "in_force"), printed["规章"],
                                              strict=True))),
        normative_documents=DocumentCounts(
            **dict(zip(("issued", "repealed", "in_force"), printed["行政规范性文件"], strict=True))
        ),
        licensing=printed["行政许可"],
        penalties=printed["行政处罚"],
        compulsory_measures=printed["行政强制"],
        fee_amount=Decimal(printed["行政事业性收费_万元"]),
    )  # fmt: skip
    report = AnnualReport2021(
        agency=Agency(name="淮安市洪泽区人民政府"), year=2024, proactive=table
    )
    rows = to_rows([report])
    labels = {r.row_label for r in rows}
    assert labels == {
        "规章",
        "行政规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
    }
    assert _cell(rows, "proactive", "fee_amount", "amount").value == Decimal("7545")
    assert _cell(rows, "proactive", "licensing", "decisions").value == 9487
    assert from_rows(rows) == [report]


# ----------------------------------------------------------------------------- round trip


def _table_reports() -> st.SearchStrategy[AnnualReport]:
    """Reports with every kind of table but no narrative (what tidy records are about)."""
    identity = {"agency": agencies(), "year": st.integers(2008, 2030)}
    maybe = st.none
    return st.one_of(
        st.builds(AnnualReport2008, **identity, statistics=st.lists(legacy_indicators(),
                  max_size=4).map(tuple)),
        st.builds(AnnualReport2019, **identity, proactive=maybe() | proactive_tables_2019(),
                  applications=maybe() | application_tables(FormatVersion.TRIAL_2019),
                  reviews=maybe() | review_tables()),
        st.builds(AnnualReport2021, **identity, proactive=maybe() | proactive_tables_2021(),
                  applications=maybe() | application_tables(FormatVersion.NATIONAL_2021),
                  reviews=maybe() | review_tables()),
    )  # fmt: skip


@given(st.lists(_table_reports(), max_size=4, unique_by=report_key))
def test_round_trip(reports: list[AnnualReport]) -> None:
    rows = to_rows(reports)
    assert from_rows(rows, reports) == reports
    with_rows = [r for r in reports if to_rows([r])]
    assert from_rows(rows) == [_minimal(r) for r in with_rows]
    assert all(r.blank is (r.value is None) for r in rows)


@settings(max_examples=10)
@given(st.lists(annual_reports(), max_size=2, unique_by=report_key))
def test_round_trip_keeps_the_narrative(reports: list[AnnualReport]) -> None:
    assert from_rows(to_rows(reports), reports) == reports


def test_given_reports_without_rows_lose_their_tables() -> None:
    assert from_rows([], [HUAIAN, SICHUAN]) == [
        attrs.evolve(HUAIAN, proactive=None, applications=None, reviews=None),
        SICHUAN,
    ]


# ----------------------------------------------------------------------------- errors


def _problems(rows: list[TidyRow], reports: list[AnnualReport] | None = None) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        from_rows(rows, reports)
    return [f"{e.path}: {e.message}" for e in caught.value.errors]


def _replace(rows: list[TidyRow], index: int, **changes: Any) -> list[TidyRow]:
    changed = list(rows)
    changed[index] = changed[index]._replace(**changes)
    return changed


def test_values_of_the_wrong_kind_or_sign() -> None:
    rows = to_rows([SHANGHAI])
    index = {(r.row, r.column): i for i, r in enumerate(rows)}
    change = index[("licensing", "change")]
    assert from_rows(_replace(rows, change, value=-3))[0] is not None  # 本年增/减 is signed
    amount = index[("procurement", "total_amount")]
    new = index[("new", "natural-person")]
    assert _problems(_replace(rows, new, value=Decimal("1"))) == [
        f"rows[{new}].value: a count must be a whole number, got Decimal('1')"
    ]
    assert _problems(_replace(rows, new, value=-1)) == [
        f"rows[{new}].value: must not be negative, got -1"
    ]
    assert _problems(_replace(rows, amount, value=1)) == [
        f"rows[{amount}].value: a money cell must be a finite Decimal, got 1"
    ]
    assert _problems(_replace(rows, amount, value=Decimal("-1"))) == [
        f"rows[{amount}].value: must not be negative, got -1"
    ]
    assert _problems(_replace(rows, amount, unit="美元")) == [
        f"rows[{amount}].unit: expected unit '元' or '万元', got '美元'"
    ]
    assert _problems(_replace(rows, amount, value=None, blank=True)) == [
        f"rows[{amount}].unit: expected unit None, got '元'"
    ]
    assert _problems(_replace(rows, amount, kind="count")) == [
        f"rows[{amount}].kind: expected kind 'money' for procurement/total_amount, got 'count'"
    ]
    assert _problems(_replace(rows, new, blank=True)) == [
        f"rows[{new}].blank: blank is True but value is 821"
    ]
    assert SHANGHAI.proactive is not None
    wan = attrs.evolve(
        SHANGHAI,
        proactive=attrs.evolve(
            SHANGHAI.proactive,
            procurement=attrs.evolve(
                SHANGHAI.proactive.procurement,
                total_amount=Money(Decimal("25.1"), MoneyUnit.WAN_YUAN),
            ),
        ),
    )
    assert from_rows(to_rows([wan]), [wan]) == [wan]


def test_unknown_missing_and_repeated_cells() -> None:
    rows = to_rows([HUAIAN])
    assert _problems(_replace(rows, 12, column="nobody")) == [
        "rows[12].row: table applications of format 2021 has no cell new/nobody",
        (
            "report 淮安市人民政府 2024, table applications: 1 cell(s) missing:"
            " new/research-institution"
        ),
    ]
    assert _problems(rows[:-7]) == [
        (
            "report 淮安市人民政府 2024, table reviews: 7 cell(s) missing:"
            " litigation-direct/pending, litigation-direct/total,"
            " litigation-after-reconsideration/maintained,"
            " litigation-after-reconsideration/corrected, litigation-after-reconsideration/other, …"
        )
    ]
    assert _problems([*rows, rows[3]]) == [
        (
            f"rows[{len(rows)}].column: cell proactive/normative_documents/issued is given twice"
            " (first in rows[3])"
        )
    ]
    assert _problems(_replace(rows, 0, table="statistics")) == [
        (
            "rows[0].table: format 2021 has no table 'statistics'; expected one of:"
            " proactive, applications, reviews"
        ),
        "report 淮安市人民政府 2024, table proactive: 1 cell(s) missing: regulations/issued",
    ]


def test_statistics_problems() -> None:
    report = attrs.evolve(
        SICHUAN,
        statistics=(
            LegacyIndicator(indicator="申请总数", unit="件", this_year=3),
            LegacyIndicator(indicator="答复总数", unit="件", this_year=Decimal("2.5")),
        ),
    )
    rows = to_rows([report])
    assert _problems(_replace(rows, 0, row="01")) == [
        (
            "rows[0].row: a statistics cell is coded by a row position 1, 2, … and a column"
            " this_year or cumulative, got 01/this_year"
        ),
        "report 四川省人力资源和社会保障厅 2013, table statistics: 1 cell(s) missing: 1/this_year",
    ]
    assert _problems(_replace(rows, 1, column="total"))[0].startswith("rows[1].column: ")
    assert _problems(_replace(rows, 2, kind="count")) == [
        "rows[2].kind: expected kind 'number' for Decimal('2.5'), got 'count'"
    ]
    assert _problems(_replace(rows, 0, value=Decimal("NaN"))) == [
        "rows[0].kind: expected kind 'number' for Decimal('NaN'), got 'count'"
    ]
    assert _problems(_replace(rows, 2, kind="number", value=Decimal("Infinity"))) == [
        "rows[2].value: a number cell must be a finite Decimal, got Decimal('Infinity')"
    ]
    assert _problems(_replace(rows, 1, unit="个")) == [
        "rows[1].unit: the two cells of statistics row 1 disagree on its label or unit"
    ]
    assert _problems(_replace(rows, 1, row_label="别的")) == [
        "rows[1].row_label: the two cells of statistics row 1 disagree on its label or unit"
    ]
    blank_label = [r._replace(row_label=" ") for r in rows[:2]]
    assert _problems(blank_label) == ["rows[1].row_label: must be non-empty text"]
    assert _problems(rows[:1])[0].endswith("1 cell(s) missing: 1/cumulative")


def test_report_identity_problems() -> None:
    rows = to_rows([HUAIAN])
    assert _problems([rows[0]._replace(level="galaxy")]) == [
        (
            "rows[0].agency: 'galaxy' is not a valid AgencyLevel code; expected one of:"
            " state-council, central-department, province, prefecture, county, township"
        )
    ]
    assert _problems([rows[0]._replace(region="99")]) == [
        "rows[0].code: expected six digits, got '99'"
    ]
    assert _problems([rows[0]._replace(year=1999)])[0].startswith("rows[0].year: expected a report")
    assert _problems(rows, [SHANGHAI])[0].startswith("rows[0].agency: no report given for")
    assert _problems([], [HUAIAN, HUAIAN]) == [
        (
            "reports[1]: two reports have the same key"
            " ('淮安市人民政府', 'prefecture', '320800', 2024, '2021')"
        )
    ]


def test_a_2008_report_has_only_statistics() -> None:
    row = TidyRow(
        "某局", None, None, 2013, "2008", "reviews", "reconsideration", "行政复议", "total", "总计",
        CellKind.COUNT.code, None, 1, False,
    )  # fmt: skip
    assert _problems([row]) == [
        "rows[0].table: format 2008 has no table 'reviews'; expected one of: statistics"
    ]
    legacy = AnnualReport2008(agency=Agency(name="某局", level=AgencyLevel.COUNTY), year=2013)
    assert from_rows([], [legacy]) == [legacy]
    assert isinstance(_minimal(HUAIAN), AnnualReport2021)
    assert isinstance(_minimal(SHANGHAI), AnnualReport2019)
