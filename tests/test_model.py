"""Model invariants: validators, derived values and the layouts of the format versions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

from govdisclosure.model.agency import Agency, AgencyLevel, RegionCode
from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
from govdisclosure.model.base import InvalidValue
from govdisclosure.model.channel import ChannelKind, DisclosureChannel
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReviewColumn, ReviewGroup
from govdisclosure.model.outcome import Outcome, OutcomeGroup
from govdisclosure.model.quantity import Money, MoneyUnit, Qualifier, Quantity
from govdisclosure.model.report import (
    AnnualReport2019,
    AnnualReport2021,
    Figure,
    LegacyIndicator,
    Section,
)
from govdisclosure.model.request import DisclosureRequest, Extended, Replied, Withdrawn
from govdisclosure.model.review import Litigation, LitigationRoute, Reconsideration, ReviewResult
from govdisclosure.model.tables import (
    ApplicantCounts,
    ApplicationTable,
    ItemCounts2019,
    ProactiveTable2021,
    ReviewCounts,
    sum_cells,
)


def test_every_model_is_frozen() -> None:
    agency = Agency(name="某市人民政府")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        agency.name = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("12345", "expected six digits"),
        ("32080a", "expected six digits"),
        ("320800\n", "expected six digits"),  # a pattern ending in "$" let this through
        ("\uff13\uff12\uff10\uff18\uff10\uff10", "expected six digits"),  # full-width digits
        ("990000", "'99' is not a province-level prefix"),
        ("320012", "has a county part but no prefecture part"),
    ],
)
def test_region_code_rejects(code: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=message) as info:
        RegionCode(code)
    assert info.value.field_name == "code"


def test_region_code_levels() -> None:
    assert RegionCode("510000").level is AgencyLevel.PROVINCE
    assert RegionCode("320800").level is AgencyLevel.PREFECTURE
    assert RegionCode("320831").level is AgencyLevel.COUNTY
    assert RegionCode("320831").province == "320000"


@pytest.mark.parametrize("code", ["91110000600037341L", "91512081MA62K0260E", "11341702486344515H"])
def test_credit_code_accepts_spec_vectors(code: str) -> None:
    assert Agency(name="x", credit_code=code).credit_code == code


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91310115MA1G4L1WXK", "is not a valid unified social credit code"),
        ("9131", "is not a valid unified social credit code"),
        ("91110000 600037341L", "without spaces or separators"),
    ],
)
def test_credit_code_rejects(code: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        Agency(name="x", credit_code=code)


def test_credit_code_must_be_text() -> None:
    with pytest.raises(InvalidValue, match="expected text"):
        Agency(name="x", credit_code=123)  # type: ignore[arg-type]


def test_text_and_url_validators() -> None:
    with pytest.raises(InvalidValue, match="non-empty text"):
        Agency(name="  ")
    with pytest.raises(InvalidValue, match="absolute http"):
        Agency(name="x", website="www.gov.cn")
    assert Agency(name="x", website="https://www.gov.cn/").website == "https://www.gov.cn/"


def test_quantity_and_money() -> None:
    assert Quantity(337, "条").is_exact
    assert not Quantity(400, "篇", Qualifier.NEARLY).is_exact
    assert Quantity(Decimal("33.9"), "%").value == Decimal("33.9")
    with pytest.raises(InvalidValue, match="integer or a finite decimal"):
        Quantity(1.5, "件")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="integer or a finite decimal"):
        Quantity(True, "件")
    with pytest.raises(InvalidValue, match="must not be negative"):
        Quantity(-1, "件")
    with pytest.raises(InvalidValue, match="finite decimal"):
        Money(Decimal("NaN"))
    assert Money(Decimal("1.5"), MoneyUnit.WAN_YUAN).in_yuan() == Decimal("15000.0")
    assert MoneyUnit.YUAN.factor == 1


def test_qualifier_positions() -> None:
    assert Qualifier.EXACT.is_exact
    assert Qualifier.AT_LEAST.position == "after-unit"
    assert Qualifier.MORE_THAN.marker == "余"
    assert {q.position for q in Qualifier} == {"", "prefix", "suffix", "after-unit"}


def test_labelled_enum_codes() -> None:
    assert Outcome.from_code("granted") is Outcome.GRANTED
    with pytest.raises(ValueError, match="expected one of: granted, partially-granted"):
        Outcome.from_code("nope")
    assert str(Outcome.GRANTED) == "（一）予以公开"
    codes = [m.code for enum in (Outcome, ApplicationRow, ChannelKind) for m in enum]
    assert all(codes)


def test_outcomes_cover_the_2021_table() -> None:
    assert len(Outcome) == 21
    groups = [o.group for o in Outcome]
    assert groups.count(OutcomeGroup.WITHHELD) == 8
    assert groups.count(OutcomeGroup.UNABLE_TO_PROVIDE) == 3
    assert groups.count(OutcomeGroup.NOT_PROCESSED) == 5
    assert groups.count(OutcomeGroup.OTHER) == 3
    assert Outcome.GRANTED.is_disclosure and not Outcome.OTHER_OTHER.is_disclosure
    assert Outcome.WITHHELD_THIRD_PARTY.basis == "第十五条"
    assert Outcome.GRANTED.trial_row_code == "granted"
    assert OutcomeGroup.OTHER.numbered_label == "（六）其他处理"


def test_layouts() -> None:
    rows21 = FormatVersion.NATIONAL_2021.application_rows
    rows19 = FormatVersion.TRIAL_2019.application_rows
    assert rows21[0] is ApplicationRow.NEW and rows21[-1] is ApplicationRow.CARRIED_FORWARD
    assert ApplicationRow.OTHER in rows19 and ApplicationRow.OTHER not in rows21
    assert ApplicationRow.OTHER_OVERDUE_FEE in rows21
    assert FormatVersion.LEGACY_2008.application_rows == ()
    assert not FormatVersion.LEGACY_2008.has_tables
    assert FormatVersion.TRIAL_2019.notice == "国办公开办函〔2019〕60号"
    assert ApplicationRow.OTHER.group is OutcomeGroup.OTHER
    assert ApplicationRow.TOTAL.group is None and not ApplicationRow.TOTAL.is_outcome
    assert ApplicationRow.GRANTED.outcome is Outcome.GRANTED
    assert ApplicantKind.COMMERCIAL_ENTERPRISE.group_label == "法人或其他组织"
    assert ApplicantKind.NATURAL_PERSON.group_label == "自然人"


def test_application_table_cells() -> None:
    row = ApplicantCounts(row=ApplicationRow.NEW, natural_person=1, total=None)
    assert row.cell(ApplicantKind.NATURAL_PERSON) == 1
    assert row.cell(None) is None
    assert row.computed_total is None
    full = ApplicantCounts(
        row=ApplicationRow.NEW,
        natural_person=1,
        commercial_enterprise=2,
        research_institution=0,
        social_welfare_organisation=0,
        legal_service_institution=0,
        other=0,
        total=3,
    )
    assert full.computed_total == 3
    assert sum_cells([]) == 0
    with pytest.raises(InvalidValue, match="whole number or null"):
        ApplicantCounts(row=ApplicationRow.NEW, natural_person=True)
    with pytest.raises(InvalidValue, match="must not be negative"):
        ApplicantCounts(row=ApplicationRow.NEW, natural_person=-1)


def test_application_table_shape() -> None:
    table = ApplicationTable.blank(FormatVersion.TRIAL_2019)
    assert table.row(ApplicationRow.OTHER).total is None
    with pytest.raises(KeyError, match="other-overdue-fee"):
        table.row(ApplicationRow.OTHER_OVERDUE_FEE)
    with pytest.raises(ValueError, match="expected 25 rows"):
        ApplicationTable.from_grid(FormatVersion.NATIONAL_2021, [[0] * 7])
    with pytest.raises(ValueError, match="expected 7 cells"):
        ApplicationTable.from_grid(FormatVersion.NATIONAL_2021, [[0] * 6] * 25)
    row = ApplicantCounts(row=ApplicationRow.NEW)
    with pytest.raises(InvalidValue, match="appears twice"):
        ApplicationTable((row, row))


def test_report_requires_the_rows_of_its_version() -> None:
    agency = Agency(name="x")
    table19 = ApplicationTable.blank(FormatVersion.TRIAL_2019)
    with pytest.raises(InvalidValue, match="missing") as info:
        AnnualReport2021(agency=agency, year=2024, applications=table19)
    assert info.value.field_name == "applications"
    table21 = ApplicationTable.blank(FormatVersion.NATIONAL_2021)
    with pytest.raises(InvalidValue, match="unexpected"):
        AnnualReport2019(
            agency=agency,
            year=2019,
            applications=ApplicationTable(
                (*table19.rows, ApplicantCounts(row=ApplicationRow.OTHER_OTHER))
            ),
        )
    with pytest.raises(InvalidValue, match="out of order"):
        AnnualReport2021(
            agency=agency, year=2024, applications=ApplicationTable(tuple(reversed(table21.rows)))
        )
    with pytest.raises(InvalidValue, match="report year"):
        AnnualReport2021(agency=agency, year=1999)


def test_review_tables() -> None:
    counts = ReviewCounts(maintained=10, corrected=1, other=0, pending=0, total=0)
    assert counts.computed_total == 11 and counts.total == 0
    assert counts.cell(ReviewColumn.MAINTAINED) == 10
    assert [g.code for g in ReviewGroup] == [
        "reconsideration",
        "litigation-direct",
        "litigation-after-reconsideration",
    ]


def test_review_cases() -> None:
    with pytest.raises(InvalidValue, match="no decision date"):
        Reconsideration(id="R", filed_on=date(2024, 1, 1), decided_on=date(2024, 2, 1))
    with pytest.raises(InvalidValue, match="before it was filed"):
        Litigation(
            id="L",
            filed_on=date(2024, 1, 1),
            route=LitigationRoute.DIRECT,
            result=ReviewResult.MAINTAINED,
            decided_on=date(2023, 1, 1),
        )


def test_request_reply_and_events() -> None:
    request = DisclosureRequest(
        id="1",
        applicant=Applicant(ApplicantKind.NATURAL_PERSON),
        received_on=date(2024, 1, 2),
        method=SubmissionMethod.POST,
        description="x",
        events=(Withdrawn(on=date(2024, 1, 5)),),
    )
    assert request.reply is None
    replied = attrs.evolve(request, events=(Replied(on=date(2024, 1, 5), outcome=Outcome.GRANTED),))
    assert replied.reply is not None
    with pytest.raises(InvalidValue, match="positive number of working days"):
        Extended(on=date(2024, 1, 3), working_days=0)


def test_sections_and_figures() -> None:
    nested = Section(heading="一、总体情况", subsections=(Section(heading="（一）主动公开"),))
    assert [s.heading for s in nested.walk()] == ["一、总体情况", "（一）主动公开"]
    figure = Figure(
        label="清理非行政许可审批项目",
        quantity=Quantity(78, "项"),
        parts=(Figure(label="审批件", quantity=Quantity(27, "项")),),
    )
    assert figure.parts[0].quantity.value == 27
    assert LegacyIndicator(indicator="x", this_year=Decimal("1.5")).this_year == Decimal("1.5")
    with pytest.raises(InvalidValue):
        LegacyIndicator(indicator="x", cumulative=1.5)  # type: ignore[arg-type]


def test_tables_2() -> None:
    assert ItemCounts2019(change=-3).change == -3
    with pytest.raises(InvalidValue, match="whole number or null"):
        ItemCounts2019(change=1.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="must not be negative"):
        ProactiveTable2021(fee_amount=Decimal("-1"))


def test_channel() -> None:
    channel = DisclosureChannel(kind=ChannelKind.HOTLINE, name="12333")
    assert channel.published is None
