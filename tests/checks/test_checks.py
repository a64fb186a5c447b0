"""Consistency checks: the built-in rules on real reports, the registry, property tests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.checks import (
    DuplicateRuleError,
    Finding,
    Observation,
    Rule,
    Severity,
    Status,
    check,
    check_series,
    register_rule,
    registered_rules,
    unregister_rule,
)
from govdisclosure.examples import load
from govdisclosure.model.agency import Agency, AgencyKind, AgencyLevel
from govdisclosure.model.applicant import ApplicantKind
from govdisclosure.model.form import CellRef, form_of
from govdisclosure.model.layout import (
    ApplicationRow,
    FormatVersion,
    ReportPart,
    ReviewColumn,
    ReviewGroup,
)
from govdisclosure.model.quantity import Qualifier, Quantity
from govdisclosure.model.report import (
    AnnualReport,
    AnnualReport2008,
    AnnualReport2019,
    AnnualReport2021,
    Figure,
)
from govdisclosure.model.tables import (
    ApplicantCounts,
    ApplicationTable,
    DocumentCounts,
    ProactiveTable2021,
    ReviewCounts,
    ReviewTable,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

AGENCY = Agency(name="洪泽区人民政府", level=AgencyLevel.COUNTY, kind=AgencyKind.PEOPLES_GOVERNMENT)
KINDS = tuple(ApplicantKind)
COLUMNS: tuple[ApplicantKind | None, ...] = (*KINDS, None)


def cell_of(finding: Finding) -> CellRef:
    """The cell a table finding names (every table rule names one)."""
    assert finding.cell is not None
    return finding.cell


def report_2021(**fields: object) -> AnnualReport2021:
    return AnnualReport2021(agency=AGENCY, year=2023, **fields)  # type: ignore[arg-type]


# --- real reports -----------------------------------------------------------------------------


def test_huaian_2024_has_no_findings() -> None:
    report = load("huaian-city-2024")
    assert check(report) == ()
    assert check(report, include_unverifiable=True) == ()


def test_shanghai_2019_balance_holds_on_the_total_column() -> None:
    report = load("shanghai-gov-office-2019")
    findings = check(report, include_unverifiable=True)
    assert not [f for f in findings if f.rule == "T3-BALANCE" and cell_of(f).column == "total"]
    # Its tables hold wherever they are printed; only the narrative disagrees with them.
    assert {f.part for f in check(report)} == {ReportPart.NARRATIVE}


def test_shanghai_2019_blank_totals_are_not_verifiable() -> None:
    findings = check(load("shanghai-gov-office-2019"), include_unverifiable=True)
    findings = tuple(f for f in findings if f.part is not ReportPart.NARRATIVE)
    assert findings
    assert all(f.status is Status.NOT_VERIFIABLE and not f.verifiable for f in findings)
    granted = [f for f in findings if f.rule == "T3-ROW-SUM" and cell_of(f).row == "granted"]
    assert len(granted) == 1
    assert granted[0].actual is None
    assert granted[0].message.startswith("not verifiable")
    assert granted[0].message_zh.startswith("无法核对")
    outcomes = [f for f in findings if f.rule == "T3-OUTCOMES" and cell_of(f).column == "total"]
    assert len(outcomes) == 1
    assert outcomes[0].actual == 805
    assert outcomes[0].expected is None


def test_legacy_report_has_no_table_findings() -> None:
    assert check(load("sichuan-hrss-2013"), include_unverifiable=True) == ()


def hongze_2023_reviews() -> ReviewTable:
    return ReviewTable(
        reconsideration=ReviewCounts(maintained=10, corrected=1, other=0, pending=0, total=0),
        litigation_direct=ReviewCounts(maintained=0, corrected=0, other=0, pending=0, total=0),
        litigation_after_reconsideration=ReviewCounts(
            maintained=5, corrected=0, other=0, pending=0, total=0
        ),
    )


def test_hongze_2023_table_4_gives_two_errors() -> None:
    findings = check(report_2021(reviews=hongze_2023_reviews()))
    assert [
        (f.rule, cell_of(f).row, cell_of(f).column, f.expected, f.actual) for f in findings
    ] == [
        ("T4-TOTAL", ReviewGroup.RECONSIDERATION.code, ReviewColumn.TOTAL.code, 11, 0),
        ("T4-TOTAL", ReviewGroup.LITIGATION_AFTER_RECONSIDERATION.code, "total", 5, 0),
    ]
    assert cell_of(findings[0]).path == "$.reviews.reconsideration.total"
    first = findings[0]
    assert first.severity is Severity.ERROR
    assert first.part is ReportPart.REVIEWS
    assert first.verifiable
    assert first.year == 2023
    assert first.row_label == "行政复议"
    assert first.column_label == "总计"
    assert "= 11" in first.message
    assert "总计为0" in first.message_zh


def test_table_2_sanity_is_a_warning() -> None:
    proactive = ProactiveTable2021(
        regulations=DocumentCounts(issued=3, repealed=0, in_force=2),
        normative_documents=DocumentCounts(issued=5, repealed=0, in_force=5),
    )
    findings = check(report_2021(proactive=proactive))
    assert len(findings) == 1
    assert findings[0].rule == "T2-SANITY"
    assert findings[0].severity is Severity.WARNING
    assert findings[0].row_label == "规章"
    assert findings[0].message_zh == "规章：现行有效件数2少于本年制发件数3"


def test_table_2_sanity_with_blanks() -> None:
    findings = check(report_2021(proactive=ProactiveTable2021()), include_unverifiable=True)
    assert [f.rule for f in findings] == ["T2-SANITY", "T2-SANITY"]
    assert check(report_2021(proactive=ProactiveTable2021())) == ()


# --- tables built to hold the identities ------------------------------------------------------


@st.composite
def consistent_tables(draw: st.DrawFn, version: FormatVersion) -> ApplicationTable:
    """Table 3 of ``version`` with every identity holding."""
    cells = st.integers(0, 50)
    grid: dict[ApplicationRow, list[int]] = {}
    leaves = [r for r in version.application_rows if r.is_outcome]
    for row in (*leaves, ApplicationRow.CARRIED_FORWARD, ApplicationRow.CARRIED_OVER):
        grid[row] = [draw(cells) for _ in KINDS]
    grid[ApplicationRow.TOTAL] = [sum(grid[r][i] for r in leaves) for i in range(len(KINDS))]
    right = [
        a + b
        for a, b in zip(
            grid[ApplicationRow.TOTAL], grid[ApplicationRow.CARRIED_FORWARD], strict=True
        )
    ]
    # choose 二 so that 一 stays non-negative
    grid[ApplicationRow.CARRIED_OVER] = [
        min(c, r) for c, r in zip(grid[ApplicationRow.CARRIED_OVER], right, strict=True)
    ]
    grid[ApplicationRow.NEW] = [
        r - c for r, c in zip(right, grid[ApplicationRow.CARRIED_OVER], strict=True)
    ]
    return ApplicationTable.from_grid(
        version, [[*grid[r], sum(grid[r])] for r in version.application_rows]
    )


@st.composite
def consistent_reviews(draw: st.DrawFn) -> ReviewTable:
    def group() -> ReviewCounts:
        m, c, o, p = (draw(st.integers(0, 20)) for _ in range(4))
        return ReviewCounts(maintained=m, corrected=c, other=o, pending=p, total=m + c + o + p)

    return ReviewTable(
        reconsideration=group(),
        litigation_direct=group(),
        litigation_after_reconsideration=group(),
    )


def make_report(
    version: FormatVersion, table: ApplicationTable, reviews: ReviewTable
) -> AnnualReport:
    cls = AnnualReport2019 if version is FormatVersion.TRIAL_2019 else AnnualReport2021
    return cls(agency=AGENCY, year=2023, applications=table, reviews=reviews)


VERSIONS = st.sampled_from([FormatVersion.TRIAL_2019, FormatVersion.NATIONAL_2021])


@given(st.data(), VERSIONS)
def test_consistent_tables_have_no_findings(data: st.DataObject, version: FormatVersion) -> None:
    table = data.draw(consistent_tables(version))
    report = make_report(version, table, data.draw(consistent_reviews()))
    assert check(report, include_unverifiable=True) == ()


@given(st.data(), VERSIONS, st.integers(1, 5))
def test_perturbing_a_cell_is_found(
    data: st.DataObject, version: FormatVersion, delta: int
) -> None:
    table = data.draw(consistent_tables(version))
    index = data.draw(st.integers(0, len(table.rows) - 1))
    column = data.draw(st.sampled_from(COLUMNS))
    target = table.rows[index]
    name = "total" if column is None else column.code
    attribute = "total" if column is None else column.attribute
    change: dict[str, Any] = {attribute: (target.cell(column) or 0) + delta}
    changed = attrs.evolve(target, **change)
    rows = list(table.rows)
    rows[index] = changed
    report = make_report(version, ApplicationTable(tuple(rows)), data.draw(consistent_reviews()))
    findings = check(report)
    assert findings
    assert any(cell_of(f).row == target.row.code or cell_of(f).column == name for f in findings)


@given(
    consistent_reviews(), st.sampled_from(list(ReviewGroup)), st.sampled_from(list(ReviewColumn))
)
def test_perturbing_a_review_cell_is_found(
    reviews: ReviewTable, group: ReviewGroup, column: ReviewColumn
) -> None:
    counts = reviews.group(group)
    changed = attrs.evolve(counts, **{column.code: (counts.cell(column) or 0) + 1})
    report = report_2021(reviews=attrs.evolve(reviews, **{group.attribute: changed}))
    findings = check(report)
    assert [cell_of(f).row for f in findings] == [group.code]


# --- series -----------------------------------------------------------------------------------


def with_carry(year: int, over: int, forward: int, agency: Agency = AGENCY) -> AnnualReport2021:
    grid = [[0] * 7 for _ in FormatVersion.NATIONAL_2021.application_rows]
    rows = FormatVersion.NATIONAL_2021.application_rows
    grid[rows.index(ApplicationRow.CARRIED_OVER)] = [over, 0, 0, 0, 0, 0, over]
    grid[rows.index(ApplicationRow.NEW)] = [forward, 0, 0, 0, 0, 0, forward]
    grid[rows.index(ApplicationRow.GRANTED)] = [over, 0, 0, 0, 0, 0, over]
    grid[rows.index(ApplicationRow.TOTAL)] = [over, 0, 0, 0, 0, 0, over]
    grid[rows.index(ApplicationRow.CARRIED_FORWARD)] = [forward, 0, 0, 0, 0, 0, forward]
    table = ApplicationTable.from_grid(FormatVersion.NATIONAL_2021, grid)
    return AnnualReport2021(agency=agency, year=year, applications=table)


def test_series_carry_matches() -> None:
    reports = [with_carry(2022, 0, 4), with_carry(2023, 4, 2)]
    assert check(reports[0]) == ()
    assert check_series(reports) == ()


def test_series_carry_mismatch_is_a_warning() -> None:
    other = attrs.evolve(AGENCY, name="别的机关")
    reports = [
        with_carry(2023, 3, 2),
        with_carry(2021, 0, 4),
        with_carry(2022, 0, 1, agency=other),
        with_carry(2020, 0, 9),
    ]
    findings = check_series(reports)
    assert [(f.rule, f.year, cell_of(f).column, f.expected, f.actual) for f in findings] == [
        ("SERIES-CARRY", 2021, ApplicantKind.NATURAL_PERSON.code, 9, 0),
        ("SERIES-CARRY", 2021, "total", 9, 0),
    ]
    assert cell_of(findings[0]).row == ApplicationRow.CARRIED_OVER.code
    assert findings[0].severity is Severity.WARNING
    assert "2021" in findings[0].message
    assert "上一年度结转下年度9件" in findings[0].message_zh


def test_series_skips_reports_without_tables() -> None:
    blank = AnnualReport2021(agency=AGENCY, year=2023)
    legacy = AnnualReport2008(agency=AGENCY, year=2022)
    assert check_series([with_carry(2022, 0, 4), blank]) == ()
    assert check_series([legacy, with_carry(2023, 4, 0)]) == ()
    assert check_series([with_carry(2022, 0, 4), blank], rules=["SERIES-CARRY"]) == ()


def test_series_blank_carry_is_not_verifiable() -> None:
    blank = AnnualReport2021(
        agency=AGENCY, year=2023, applications=ApplicationTable.blank(FormatVersion.NATIONAL_2021)
    )
    reports = [with_carry(2022, 0, 4), blank]
    assert check_series(reports) == ()
    findings = check_series(reports, include_unverifiable=True)
    assert len(findings) == 7
    assert "blank" in findings[0].message


# --- registry ---------------------------------------------------------------------------------


def test_builtin_rules_are_registered() -> None:
    rules = registered_rules()
    assert set(rules) >= {
        "T3-BALANCE",
        "T3-ROW-SUM",
        "T3-OUTCOMES",
        "T4-TOTAL",
        "T2-SANITY",
        "SERIES-CARRY",
        "NARRATIVE-FIGURE",
    }
    assert rules["SERIES-CARRY"].series
    assert rules["T2-SANITY"].applies_to(FormatVersion.NATIONAL_2021)
    assert not rules["T2-SANITY"].applies_to(FormatVersion.TRIAL_2019)
    assert isinstance(rules["T3-BALANCE"], Rule)


def test_register_a_user_rule() -> None:
    @register_rule(
        "USER-NEW-POSITIVE",
        versions=[FormatVersion.NATIONAL_2021],
        severity=Severity.INFO,
        part=ReportPart.APPLICATIONS,
        message="{row}: expected at least {expected}, got {actual}",
        message_zh="{row}：至少应为{expected}，实际为{actual}",
    )
    def rule(report: AnnualReport) -> Iterator[Observation]:
        assert isinstance(report, AnnualReport2021)
        assert report.applications is not None
        new = report.applications.row(ApplicationRow.NEW).total
        cell = form_of(report).cell(ReportPart.APPLICATIONS, ApplicationRow.NEW, "total")
        yield Observation(cell, 1, new, at_least=True)

    try:
        assert registered_rules()["USER-NEW-POSITIVE"].func is rule
        with pytest.raises(DuplicateRuleError, match="already registered"):
            register_rule(
                "USER-NEW-POSITIVE",
                versions=[],
                severity=Severity.INFO,
                part=ReportPart.NARRATIVE,
                message="",
                message_zh="",
            )(rule)
        empty = with_carry(2023, 0, 0)
        findings = check(empty, rules=["USER-NEW-POSITIVE"])
        assert len(findings) == 1
        assert findings[0].severity is Severity.INFO
        assert findings[0].message == "I. new applications this year: expected at least 1, got 0"
        assert check(with_carry(2023, 0, 5), rules=["USER-NEW-POSITIVE"]) == ()
    finally:
        unregister_rule("USER-NEW-POSITIVE")
    assert "USER-NEW-POSITIVE" not in registered_rules()
    with pytest.raises(KeyError, match="no rule"):
        unregister_rule("USER-NEW-POSITIVE")


def test_finding_labels_for_labels_and_no_row() -> None:
    finding = Finding(
        rule="X",
        severity=Severity.INFO,
        status=Status.FAILED,
        part=ReportPart.NARRATIVE,
        cell=None,
        expected=1,
        actual=2,
        year=None,
        message="",
        message_zh="",
    )
    assert finding.row_label == ""
    assert finding.column_label == ""
    total = CellRef(FormatVersion.NATIONAL_2021, ReportPart.APPLICATIONS, "new", "total")
    assert attrs.evolve(finding, cell=total).column_label == "总计"
    other = attrs.evolve(total, column=ApplicantKind.OTHER_ORGANISATION.code)
    assert attrs.evolve(finding, cell=other).column_label == "其他"
    assert attrs.evolve(finding, subject="规章").row_label == "规章"


def test_observation_holds() -> None:
    assert Observation(None, 2, 2).holds is True
    assert Observation(None, 2, 3).holds is False
    assert Observation(None, 2, 3, at_least=True).holds is True
    assert Observation(None, None, None).holds is None


def test_blank_table_3_is_entirely_unverifiable() -> None:
    report = report_2021(applications=ApplicationTable.blank(FormatVersion.NATIONAL_2021))
    assert check(report) == ()
    findings = check(report, include_unverifiable=True)
    assert {f.rule for f in findings} == {"T3-BALANCE", "T3-ROW-SUM", "T3-OUTCOMES"}
    assert len(findings) == 7 + 25 + 7
    assert all(not f.verifiable for f in findings)


def test_printed_total_wrong_in_one_row() -> None:
    row = ApplicantCounts(
        row=ApplicationRow.NEW,
        natural_person=3,
        commercial_enterprise=1,
        research_institution=0,
        social_welfare_organisation=0,
        legal_service_institution=0,
        other=0,
        total=5,
    )
    table = ApplicationTable.blank(FormatVersion.NATIONAL_2021)
    table = ApplicationTable((row, *table.rows[1:]))
    findings = check(report_2021(applications=table), rules=["T3-ROW-SUM"])
    assert [(cell_of(f).row, f.expected, f.actual) for f in findings] == [("new", 4, 5)]
    assert (
        findings[0].message_zh
        == "“一、本年新收政府信息公开申请数量”行：六类申请人之和为4，总计栏为5"
    )


def test_builtin_rules_ignore_reports_without_tables() -> None:
    legacy = load("sichuan-hrss-2013")
    for rule in registered_rules().values():
        args = (legacy, legacy) if rule.series else (legacy,)
        assert list(rule.func(*args)) == []


# --- narrative figures ------------------------------------------------------------------------


def figure(
    label: str, value: int, unit: str = "件", qualifier: Qualifier = Qualifier.EXACT
) -> Figure:
    return Figure(label=label, quantity=Quantity(value, unit, qualifier))


def test_narrative_figures_against_tables() -> None:
    huaian = load("huaian-city-2024")
    assert isinstance(huaian, AnnualReport2021)
    report = attrs.evolve(
        huaian,
        figures=(
            figure("受理政府信息公开申请", 3119),
            figure("答复政府信息公开申请", 3000),
            figure("政府信息公开行政诉讼", 40),
            figure("上年度结转申请", 30, qualifier=Qualifier.MORE_THAN),
            figure("顺延到下年度答复的申请", 1, unit="条"),
            figure("政务微博公开政府信息", 337),
        ),
    )
    findings = check(report)
    assert [(f.rule, f.subject, f.expected, f.actual) for f in findings] == [
        ("NARRATIVE-FIGURE", "答复政府信息公开申请", 3050, 3000),
        ("NARRATIVE-FIGURE", "政府信息公开行政诉讼", 46, 40),
    ]
    assert findings[0].severity is Severity.WARNING
    assert findings[0].part is ReportPart.NARRATIVE
    assert findings[0].message_zh == "正文称“答复政府信息公开申请”3000件，表格为3050"


def test_narrative_figures_without_tables_are_not_verifiable() -> None:
    report = report_2021(
        figures=(figure("受理政府信息公开申请", 5), figure("信息公开类行政复议", 2))
    )
    assert check(report) == ()
    findings = check(report, include_unverifiable=True)
    # 受理… is read both ways (一, or 一 + 二): NARRATIVE-RECEIVED's, not NARRATIVE-FIGURE's.
    assert [(f.rule, f.expected, f.actual) for f in findings] == [
        ("NARRATIVE-FIGURE", None, 2),
        ("NARRATIVE-RECEIVED", None, 5),
    ]


def test_shanghai_narrative_litigation_is_not_verifiable() -> None:
    findings = check(
        load("shanghai-gov-office-2019"), rules=["NARRATIVE-FIGURE"], include_unverifiable=True
    )
    # The category totals are blank in the source: none of these can be verified as printed.
    assert [(f.subject, f.expected, f.actual) for f in findings] == [
        ("予以公开及部分公开", None, 258),
        ("不予公开", None, 35),
        ("因本机关不掌握等原因无法提供", None, 265),
        ("不予处理", None, 158),
        ("其他处理", None, 0),
        ("信息公开类诉讼", None, 9),
    ]
    assert all(not f.verifiable for f in findings)
