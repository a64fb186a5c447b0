"""Panels with year-over-year changes (tables 2-4, 2019 -> 2021); roll-ups without double counts."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest

from common import with_reconsideration
from govdisclosure import examples
from govdisclosure.model import (
    Agency,
    AgencyKind,
    AnnualReport2019,
    AnnualReport2021,
    ApplicationRow,
    Money,
    MoneyUnit,
    RegionCode,
)
from govdisclosure.model.form import form_of
from govdisclosure.model.layout import FormatVersion, ReportPart
from govdisclosure.stats import DoubleCounting, overlaps, panel, rollup_tables, within_region

if TYPE_CHECKING:
    from govdisclosure.model.report import AnnualReport


def _v2021(report: AnnualReport) -> AnnualReport2021:
    assert isinstance(report, AnnualReport2021)
    return report


def _v2019(report: AnnualReport) -> AnnualReport2019:
    assert isinstance(report, AnnualReport2019)
    return report


HUAIAN = _v2021(examples.load("huaian-city-2024"))
SHANGHAI = _v2019(examples.load("shanghai-gov-office-2019"))
DISTRICT = attrs.evolve(
    HUAIAN,
    agency=Agency(
        name="淮安市洪泽区人民政府", kind=AgencyKind.PEOPLES_GOVERNMENT, region=RegionCode("320813")
    ),
)


def _cell(rows: list, year: int, table: str, row: str, column: str):  # type: ignore[no-untyped-def, type-arg]
    [found] = [
        r
        for r in rows
        if (r.year, r.table_code, r.row_code, r.column_code) == (year, table, row, column)
    ]
    return found


def test_year_over_year_changes_of_every_table() -> None:
    later = attrs.evolve(HUAIAN, year=2025)
    assert HUAIAN.proactive is not None and HUAIAN.reviews is not None
    proactive = attrs.evolve(
        HUAIAN.proactive,
        regulations=attrs.evolve(HUAIAN.proactive.regulations, in_force=22),
        fee_amount=Decimal("100"),
    )
    later = attrs.evolve(later, proactive=proactive)
    rows = panel([("huaian", HUAIAN), ("huaian", later)])
    in_force = _cell(rows, 2025, "proactive", "regulations", "in_force")
    assert (in_force.previous, in_force.value, in_force.change, in_force.pct_change) == (
        11,
        22,
        11,
        100.0,
    )
    fee = _cell(rows, 2025, "proactive", "fee_amount", "amount")
    assert fee.previous == Decimal("96171.6") and fee.change == Decimal("100") - Decimal("96171.6")
    review = _cell(rows, 2025, "reviews", "reconsideration", "total")
    assert (review.previous, review.change) == (351, 0)
    first = _cell(rows, 2024, "applications", "new", "total")
    assert first.previous is None and first.change is None and first.pct_change is None
    per_year = len(rows) // 2
    assert len(rows) == 2 * per_year


def test_a_missing_year_and_blank_cells_give_no_change() -> None:
    two_years_later = attrs.evolve(HUAIAN, year=2026)
    rows = panel([("a", HUAIAN), ("a", two_years_later)])
    assert _cell(rows, 2026, "applications", "new", "total").previous is None
    blank = _cell(panel([("s", SHANGHAI)]), 2019, "applications", "new", "research-institution")
    assert blank.value is None and blank.change is None


def test_zero_before_gives_no_percent_change() -> None:
    assert HUAIAN.reviews is not None
    zero = with_reconsideration(HUAIAN, pending=0)
    rows = panel([("a", zero), ("a", attrs.evolve(zero, year=2025))])
    cell = _cell(rows, 2025, "reviews", "reconsideration", "pending")
    assert (cell.previous, cell.change, cell.pct_change) == (0, 0, None)


def test_the_2019_other_row_is_mapped_to_2021s_three_rows() -> None:
    old = attrs.evolve(SHANGHAI, year=2023)
    rows = panel([("x", old), ("x", HUAIAN)])
    other = _cell(rows, 2024, "applications", ApplicationRow.OTHER.code, "total")
    assert other.derived
    parts = [
        _cell(rows, 2024, "applications", code, "total").value
        for code in ("other-overdue-correction", "other-overdue-fee", "other-other")
    ]
    assert other.value == sum(parts)
    assert other.previous == _cell(rows, 2023, "applications", "other", "total").value
    assert not _cell(rows, 2023, "applications", "other", "total").derived


def test_a_blank_part_makes_the_derived_row_blank() -> None:
    assert HUAIAN.applications is not None
    table = HUAIAN.applications
    rows = [
        attrs.evolve(r, natural_person=None) if r.row is ApplicationRow.OTHER_OVERDUE_FEE else r
        for r in table.rows
    ]
    report = attrs.evolve(HUAIAN, applications=attrs.evolve(table, rows=tuple(rows)))
    other = _cell(panel([("x", report)]), 2024, "applications", "other", "natural-person")
    assert other.value is None and other.derived


def test_money_that_carries_its_unit_is_compared_in_yuan() -> None:
    rows = panel([("s", SHANGHAI)])
    amount = _cell(rows, 2019, "proactive", "procurement", "total_amount")
    assert amount.value == Decimal("251000")


def test_rollup_sums_tables_2_3_and_4() -> None:
    other = attrs.evolve(HUAIAN, agency=Agency(name="甲", region=RegionCode("320100")))
    total = rollup_tables([HUAIAN, other], Agency(name="合计"))
    assert total.count == 2 and total.overlaps == ()
    form = form_of(FormatVersion.NATIONAL_2021)
    for part in (ReportPart.PROACTIVE, ReportPart.APPLICATIONS, ReportPart.REVIEWS):
        table = form.table(part)
        single = table.read(getattr(HUAIAN, table.attribute))
        summed = table.read(getattr(total.report, table.attribute))
        assert summed == tuple(None if v is None else v * 2 for v in single)


def test_rollup_keeps_blanks_blank_and_missing_tables_missing() -> None:
    no_reviews = attrs.evolve(HUAIAN, reviews=None, proactive=None)
    total = _v2021(rollup_tables([no_reviews, no_reviews], Agency(name="合计")).report)
    assert total.reviews is None and total.proactive is None
    mixed = rollup_tables([HUAIAN, attrs.evolve(HUAIAN, reviews=None)], Agency(name="合计"))
    reviews = _v2021(mixed.report).reviews
    assert reviews is not None and reviews.reconsideration.total is None
    blank = _v2019(rollup_tables([SHANGHAI, SHANGHAI], Agency(name="合计")).report)
    assert blank.applications is not None
    assert blank.applications.row(ApplicationRow.NEW).research_institution is None
    assert blank.applications.row(ApplicationRow.NEW).natural_person == 1642


def test_money_in_two_units_is_summed_in_yuan() -> None:
    assert SHANGHAI.proactive is not None
    procurement = SHANGHAI.proactive.procurement
    in_wan = attrs.evolve(
        SHANGHAI,
        proactive=attrs.evolve(
            SHANGHAI.proactive,
            procurement=attrs.evolve(
                procurement, total_amount=Money(Decimal("25.1"), MoneyUnit.WAN_YUAN)
            ),
        ),
    )
    total = _v2019(rollup_tables([SHANGHAI, in_wan], Agency(name="合计")).report)
    assert total.proactive is not None
    assert total.proactive.procurement.total_amount == Money(Decimal("502000.0"))
    same = _v2019(rollup_tables([in_wan, in_wan], Agency(name="合计")).report)
    assert same.proactive is not None
    assert same.proactive.procurement.total_amount == Money(Decimal("50.2"), MoneyUnit.WAN_YUAN)


def test_double_counting_is_refused_or_flagged() -> None:
    with pytest.raises(DoubleCounting, match=r"淮安市人民政府.*contains.*洪泽区"):
        rollup_tables([HUAIAN, DISTRICT], Agency(name="合计"))
    flagged = rollup_tables([HUAIAN, DISTRICT], Agency(name="合计"), on_overlap="flag")
    [overlap] = flagged.overlaps
    assert (overlap.outer_region, overlap.inner_region) == ("320800", "320813")
    assert "已包含" in str(overlap)
    province = attrs.evolve(
        HUAIAN, agency=Agency(name="江苏省人民政府", region=RegionCode("320000"))
    )
    assert len(overlaps([province, HUAIAN, DISTRICT])) == 3
    department = attrs.evolve(
        HUAIAN,
        agency=Agency(name="淮安市公安局", kind=AgencyKind.DEPARTMENT, region=RegionCode("320800")),
    )
    assert overlaps([department, DISTRICT]) == ()
    with pytest.raises(DoubleCounting, match="and 2 more"):
        rollup_tables([province, HUAIAN, DISTRICT], Agency(name="合计"))


def test_rollup_refuses_mixed_or_empty_input() -> None:
    with pytest.raises(ValueError, match="one year and format version"):
        rollup_tables([HUAIAN, SHANGHAI], Agency(name="合计"))
    with pytest.raises(ValueError, match="no national tables"):
        rollup_tables([examples.load("sichuan-hrss-2013")], Agency(name="合计"))


def test_within_region() -> None:
    reports = [HUAIAN, DISTRICT, SHANGHAI]
    assert within_region(reports, "320800") == [HUAIAN, DISTRICT]
    assert within_region(reports, "320813") == [DISTRICT]
    assert within_region(reports, "320000") == [HUAIAN, DISTRICT]
    assert within_region(reports, "110000") == []
