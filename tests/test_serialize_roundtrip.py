"""Property tests: every public model survives JSON and dict round trips, byte for byte.

Strategies come from :mod:`govdisclosure.testing`, which builds only valid models.

Every public model class has a strategy in ``STRATEGIES`` (a test checks it), including the
2008-era ``AnnualReport2008`` and its ``LegacyIndicator`` rows, whose values are
``int | Decimal | None``: whole numbers are written as JSON integers, decimals as strings and
blanks as ``null``, and each reads back as the same type. The examples at the end of the module
pin those three cases.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import assert_dict_round_trip, assert_json_round_trip
from govdisclosure import model as public_models
from govdisclosure import testing
from govdisclosure.model.agency import Agency
from govdisclosure.model.layout import FormatVersion
from govdisclosure.model.proactive import ProactiveRegister
from govdisclosure.model.report import (
    AnnualReport,
    AnnualReport2008,
    AnnualReport2019,
    AnnualReport2021,
    LegacyIndicator,
)
from govdisclosure.model.request import DisclosureRequest, RequestEvent
from govdisclosure.model.tables import ApplicationTable, ReviewTable
from govdisclosure.serialize import (
    SCHEMA_VERSION,
    TAG_KEY,
    from_dict,
    from_json,
    tag_of,
    to_dict,
    to_json,
)

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


# One strategy per public model class.
STRATEGIES: dict[str, SearchStrategy[Any]] = {
    "RegionCode": testing.region_codes(),
    "Agency": testing.agencies(),
    "Applicant": testing.applicants(),
    "DisclosureChannel": testing.channels(),
    "Quantity": testing.quantities(),
    "Money": testing.money(),
    "Figure": testing.figures(),
    "Section": testing.sections(),
    "LegacyIndicator": testing.legacy_indicators(),
    "CorrectionRequested": testing.corrections_requested(),
    "CorrectionReceived": testing.corrections_received(),
    "ConsultationStarted": testing.consultations_started(),
    "ConsultationAnswered": testing.consultations_answered(),
    "Extended": testing.extensions(),
    "ReasonablePeriodSet": testing.reasonable_periods(),
    "FeeNoticeIssued": testing.fee_notices(),
    "FeePaid": testing.fees_paid(),
    "Transferred": testing.transfers(),
    "Withdrawn": testing.withdrawals(),
    "Replied": testing.replies(),
    "DisclosureRequest": testing.requests(),
    "Reconsideration": testing.reconsiderations(),
    "Litigation": testing.litigations(),
    "ApplicantCounts": testing.applicant_counts(),
    "ApplicationTable2021": testing.application_tables(FormatVersion.NATIONAL_2021),
    "ApplicationTable2019": testing.application_tables(FormatVersion.TRIAL_2019),
    "ReviewCounts": testing.review_counts(),
    "ReviewTable": testing.review_tables(),
    "DocumentCounts": testing.document_counts(),
    "ProactiveTable2021": testing.proactive_tables_2021(),
    "DocumentCounts2019": testing.document_counts_2019(),
    "ItemCounts2019": testing.item_counts_2019(),
    "FeeItems2019": testing.fee_items_2019(),
    "Procurement2019": testing.procurements_2019(),
    "ProactiveTable2019": testing.proactive_tables_2019(),
    "AnnualReport2008": testing.annual_reports_2008(),
    "AnnualReport2019": testing.annual_reports_2019(),
    "AnnualReport2021": testing.annual_reports_2021(),
    "StatusChange": testing.status_changes(),
    "PublicationReview": testing.publication_reviews(),
    "ProactiveItem": testing.proactive_items(),
    "DecisionCount": testing.decision_counts(),
    "DecisionRecord": testing.decision_records(),
    "FeeRecord": testing.fee_records(),
    "ProcurementRecord": testing.procurement_records(),
    "ProactiveRegister": testing.proactive_registers(),
    "ReceivingOffice": testing.receiving_offices(),
    "DisclosureGuide": testing.disclosure_guides(),
    "Notice": testing.notices(),
}


def test_every_public_model_has_a_strategy() -> None:
    # The abstract bases are never serialized themselves; their subclasses are.
    abstract = {"AnnualReport", "RequestEvent"}
    public = {
        name
        for name in public_models.__all__
        if isinstance(cls := getattr(public_models, name), type) and attrs.has(cls)
    }
    covered = {"ApplicationTable" if n.startswith("ApplicationTable") else n for n in STRATEGIES}
    assert covered == public - abstract


@pytest.mark.parametrize("name", sorted(STRATEGIES))
@given(data=st.data())
def test_json_round_trip_every_model(name: str, data: st.DataObject) -> None:
    assert_json_round_trip(data.draw(STRATEGIES[name], label=name))


@pytest.mark.parametrize("name", sorted(STRATEGIES))
@given(data=st.data())
def test_dict_round_trip_every_model(name: str, data: st.DataObject) -> None:
    assert_dict_round_trip(data.draw(STRATEGIES[name], label=name))


@given(testing.models())
def test_to_dict_is_the_parsed_json(model: object) -> None:
    data = to_dict(model)
    assert next(iter(data)) == "schema_version"
    assert data["schema_version"] == SCHEMA_VERSION
    assert orjson.loads(to_json(model)) == data
    # JSON-native: only dicts, lists, str, int, bool and None.
    assert orjson.loads(orjson.dumps(data)) == data


@given(testing.models())
def test_indented_json_reads_back_the_same(model: object) -> None:
    indented = to_json(model, indent=True)
    back = from_json(indented, type(model))
    assert back == model
    assert to_json(back) == to_json(model)
    assert from_json(indented.decode(), type(model)) == model


@given(testing.annual_reports())
def test_reports_round_trip_through_the_base_class(report: AnnualReport) -> None:
    raw = to_json(report)
    assert orjson.loads(raw)[TAG_KEY] == tag_of(type(report))
    back = from_json(raw, AnnualReport)
    assert type(back) is type(report)
    assert back == report
    assert to_json(back) == raw
    dict_back = from_dict(to_dict(report), AnnualReport)
    assert dict_back == report


@given(testing.annual_reports())
def test_report_agency_and_channels_are_tagged(report: AnnualReport) -> None:
    data = to_dict(report)
    assert data["agency"][TAG_KEY] == tag_of(Agency) == "agency"
    assert all(channel[TAG_KEY] == "channel" for channel in data["channels"])


@given(testing.requests())
def test_events_keep_their_kind_inside_requests(req: DisclosureRequest) -> None:
    raw = to_json(req)
    wire_events = orjson.loads(raw)["events"]
    assert [e[TAG_KEY] for e in wire_events] == [tag_of(type(e)) for e in req.events]
    back = from_json(raw, DisclosureRequest)
    assert back == req
    assert [type(e) for e in back.events] == [type(e) for e in req.events]
    assert to_json(back) == raw


@given(testing.request_events())
def test_events_round_trip_through_the_base_class(event: RequestEvent) -> None:
    raw = to_json(event)
    back = from_json(raw, RequestEvent)
    assert type(back) is type(event)
    assert back == event
    assert to_json(back) == raw


@given(testing.proactive_registers())
def test_register_items_and_reviews_are_tagged(register: ProactiveRegister) -> None:
    raw = to_json(register)
    wire = orjson.loads(raw)
    assert wire[TAG_KEY] == "proactive-register"
    assert all(item[TAG_KEY] == "proactive-item" for item in wire["items"])
    reviews = [review for item in wire["items"] for review in item["reviews"]]
    assert all(review[TAG_KEY] == "publication-review" for review in reviews)
    # The records are plain models: no tag.
    assert all(TAG_KEY not in fee for fee in wire["fees"])
    back = from_json(raw, ProactiveRegister)
    assert back == register
    assert to_json(back) == raw


@pytest.mark.parametrize(
    ("report_cls", "version"),
    [
        (AnnualReport2019, FormatVersion.TRIAL_2019),
        (AnnualReport2021, FormatVersion.NATIONAL_2021),
    ],
)
def test_blank_tables_round_trip(report_cls: type[AnnualReport], version: FormatVersion) -> None:
    # A table of blanks (null, not 0) survives: blank is not zero.
    report = report_cls(  # type: ignore[call-arg]
        agency=Agency(name="淮安市人民政府"),
        year=2024,
        applications=ApplicationTable.blank(version),
        reviews=ReviewTable(),
    )
    assert_json_round_trip(report)
    rows = orjson.loads(to_json(report))["applications"]["rows"]
    assert len(rows) == len(version.application_rows)
    assert all(row["natural_person"] is None for row in rows)


# --- 2008-era statistics: int | Decimal | None ----------------------------------------------------


@pytest.mark.parametrize(
    ("this_year", "wire"),
    [(72804, 72804), (Decimal("96171.6"), "96171.6"), (Decimal("5.00"), "5.00"), (None, None)],
)
def test_legacy_indicator_round_trips(this_year: int | Decimal | None, wire: object) -> None:
    row = LegacyIndicator(indicator="主动公开信息数", unit="条", this_year=this_year)
    assert_json_round_trip(row)
    raw = to_json(row)
    assert orjson.loads(raw)["this_year"] == wire
    # Decimal("72804") == 72804, so equality alone would not show a whole number read back as a
    # Decimal (or the reverse): the type must survive too.
    assert type(from_json(raw, LegacyIndicator).this_year) is type(this_year)


def test_2008_report_without_statistics_round_trips() -> None:
    assert_json_round_trip(AnnualReport2008(agency=Agency(name="四川省人民政府"), year=2013))


def test_2008_report_with_statistics_round_trips_through_the_base_class() -> None:
    report = AnnualReport2008(
        agency=Agency(name="四川省人力资源和社会保障厅"),
        year=2013,
        statistics_title="政府信息公开情况统计表",
        statistics=(
            LegacyIndicator(indicator="主动公开信息数", unit="条", this_year=72804),
            LegacyIndicator(indicator="其中：主动公开规范性文件数", unit="条", cumulative=76424),
        ),
    )
    assert from_json(to_json(report), AnnualReport) == report
