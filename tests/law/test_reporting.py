"""Annual-report deadlines and the 2008-era outcome mapping."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.errors import InvalidValue
from govdisclosure.model import Agency, AgencyKind, AnnualReport2008, AnnualReport2021, Outcome
from govdisclosure.model.report import LegacyIndicator
from govdisclosure.rules import (
    LEGACY_INDICATORS,
    LEGACY_REPLY_TYPES_2008,
    REPORT_DEADLINE_RULES,
    Correspondence,
    NoReportDeadline,
    legacy_mapping,
    report_deadline,
    report_timeliness,
)


@pytest.mark.parametrize(
    ("year", "kind", "due", "regulation"),
    [
        (2008, AgencyKind.DEPARTMENT, date(2009, 3, 31), "2008"),
        (2018, AgencyKind.DEPARTMENT, date(2019, 3, 31), "2008"),
        (2018, None, date(2019, 3, 31), "2008"),
        (2019, AgencyKind.DEPARTMENT, date(2020, 1, 31), "2019"),
        (2019, AgencyKind.PEOPLES_GOVERNMENT, date(2020, 3, 31), "2019"),
        (2024, AgencyKind.GENERAL_OFFICE, date(2025, 1, 31), "2019"),
        (2024, AgencyKind.AUTHORISED_ORGANISATION, date(2025, 1, 31), "2019"),
        (2007, AgencyKind.DEPARTMENT, date(2008, 3, 31), "2008"),
    ],
)
def test_deadlines(year: int, kind: AgencyKind | None, due: date, regulation: str) -> None:
    deadline = report_deadline(year, kind)
    assert deadline.due_on == due
    assert deadline.regulation.code == regulation


@pytest.mark.parametrize("kind", [None, AgencyKind.PUBLIC_INSTITUTION])
def test_no_deadline(kind: AgencyKind | None) -> None:
    with pytest.raises(NoReportDeadline) as info:
        report_deadline(2023, kind)
    assert info.value.kind is kind
    assert "2023" in str(info.value)


@pytest.mark.parametrize("year", [2006, 2101, "2023", True])
def test_bad_years(year: object) -> None:
    with pytest.raises(InvalidValue):
        report_deadline(year, AgencyKind.DEPARTMENT)  # type: ignore[arg-type]


def _report(kind: AgencyKind | None, published: date | None, year: int = 2023) -> AnnualReport2021:
    return AnnualReport2021(
        agency=Agency(name="某局", kind=kind), year=year, published_on=published
    )


def test_on_time_and_late() -> None:
    on_time = report_timeliness(_report(AgencyKind.DEPARTMENT, date(2024, 1, 31)))
    assert not on_time.late and on_time.days_late == 0
    assert on_time.describe().endswith(": on time")
    assert on_time.describe_zh().endswith("，未逾期")
    late = report_timeliness(_report(AgencyKind.DEPARTMENT, date(2024, 3, 1)))
    assert late.late and late.days_late == 30
    assert late.describe() == (
        "the 2023 report was due by 2024-01-31 (2019 Regulation 第四十九条), published"
        " 2024-03-01: 30 days late"
    )
    government = report_timeliness(
        _report(None, date(2024, 3, 1)), kind=AgencyKind.PEOPLES_GOVERNMENT
    )
    assert not government.late


def test_timeliness_needs_a_date_and_a_kind() -> None:
    with pytest.raises(InvalidValue, match="publication date"):
        report_timeliness(_report(AgencyKind.DEPARTMENT, None))
    with pytest.raises(NoReportDeadline):
        report_timeliness(_report(None, date(2024, 1, 2)))


@given(st.integers(2008, 2099), st.sampled_from(AgencyKind), st.integers(-400, 400))
def test_days_late_is_the_distance_past_the_deadline(
    year: int, kind: AgencyKind, offset: int
) -> None:
    try:
        deadline = report_deadline(year, kind)
    except NoReportDeadline:
        assert kind is AgencyKind.PUBLIC_INSTITUTION
        return
    published = deadline.due_on + timedelta(days=offset)
    timeliness = report_timeliness(_report(kind, published, year))
    assert timeliness.days_late == max(0, offset)
    assert timeliness.late == (offset > 0)


def test_rules_are_data() -> None:
    assert {r.regulation_code for r in REPORT_DEADLINE_RULES} == {"2008", "2019"}
    assert all(r.text.startswith(("各级", "县级以上")) for r in REPORT_DEADLINE_RULES)
    relaxed = tuple(
        type(r)(r.regulation_code, r.article, 3, 31, r.kinds, r.action, r.text)
        for r in REPORT_DEADLINE_RULES
    )
    assert report_deadline(2023, AgencyKind.DEPARTMENT, rules=relaxed).due_on == date(2024, 3, 31)


def test_the_2008_reply_types_map_where_they_can() -> None:
    by_label = {m.label: m for m in LEGACY_REPLY_TYPES_2008}
    assert by_label["属于公开范围的"].outcome is Outcome.GRANTED
    assert by_label["能够作区分处理的"].outcome is Outcome.PARTIALLY_GRANTED
    withheld = by_label["属于不予公开范围的"]
    assert withheld.outcome is None and withheld.group is Outcome.WITHHELD_STATE_SECRET.group
    assert withheld.comparable
    unclear = by_label["申请内容不明确的"]
    assert unclear.outcome is None and unclear.group is None and not unclear.comparable


def test_every_mapping_is_consistent() -> None:
    for mapping in (*LEGACY_REPLY_TYPES_2008, *LEGACY_INDICATORS):
        if mapping.correspondence is Correspondence.NONE:
            assert mapping.outcome is None and mapping.group is None
        elif mapping.correspondence is Correspondence.GROUP:
            assert mapping.outcome is None and mapping.group is not None
        else:
            assert mapping.outcome is not None and mapping.group is mapping.outcome.group
        assert legacy_mapping(mapping.label) is mapping


@pytest.mark.parametrize(
    ("label", "outcome"),
    [
        ("其中：同意公开答复数", Outcome.GRANTED),
        ('"信息不存在"数', Outcome.UNABLE_NOT_HELD),
        (" “非本部门掌握”数 ", Outcome.UNABLE_NOT_HELD),
        ("免予公开范围1数", Outcome.WITHHELD_STATE_SECRET),
        ("免予公开范围7", Outcome.WITHHELD_PROHIBITED_BY_LAW),
    ],
)
def test_labels_are_matched_leniently(label: str, outcome: Outcome) -> None:
    mapping = legacy_mapping(label)
    assert mapping is not None and mapping.outcome is outcome


def test_unknown_and_indicator_rows() -> None:
    assert legacy_mapping("主动公开信息数") is None
    report = AnnualReport2008(
        agency=Agency(name="某局"),
        year=2013,
        statistics=(LegacyIndicator(indicator="同意部分公开答复数", this_year=3),),
    )
    mapped = [legacy_mapping(row) for row in report.statistics]
    assert [m.outcome if m else None for m in mapped] == [Outcome.PARTIALLY_GRANTED]
    approximate = legacy_mapping("免予公开范围2")
    assert approximate is not None
    assert approximate.correspondence is Correspondence.APPROXIMATE
