"""Tabulating request logs and review cases into tables 3 and 4."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import CITY, request_on
from govdisclosure.checks import check, check_series
from govdisclosure.model.applicant import ApplicantKind
from govdisclosure.model.layout import ApplicationRow, FormatVersion
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.report import AnnualReport2019, AnnualReport2021
from govdisclosure.model.request import (
    DisclosureRequest,
    Extended,
    Replied,
    RequestEvent,
    Withdrawn,
)
from govdisclosure.model.review import Litigation, LitigationRoute, Reconsideration, ReviewResult
from govdisclosure.stats import Tabulation, tabulate
from govdisclosure.testing import litigations, reconsiderations, requests


def reply(on: date, outcome: Outcome = Outcome.GRANTED) -> Replied:
    return Replied(on=on, outcome=outcome)


def cell(t: Tabulation, row: ApplicationRow, column: ApplicantKind | None = None) -> int | None:
    return t.applications.row(row).cell(column)


def test_new_answered_and_carried() -> None:
    log = [
        request_on(date(2023, 5, 1), reply(date(2023, 5, 20))),  # before the year: not counted
        request_on(date(2023, 12, 28), reply(date(2024, 1, 5), Outcome.UNABLE_NOT_HELD)),
        request_on(
            date(2024, 3, 1), reply(date(2024, 3, 20)), kind=ApplicantKind.OTHER_ORGANISATION
        ),
        request_on(date(2024, 12, 30)),  # unanswered: carried forward
        request_on(date(2024, 12, 1), reply(date(2025, 1, 3))),  # answered next year
        request_on(date(2025, 1, 2)),  # after the year
    ]
    t = tabulate(log, year=2024)
    assert cell(t, ApplicationRow.NEW) == 3
    assert cell(t, ApplicationRow.NEW, ApplicantKind.OTHER_ORGANISATION) == 1
    assert cell(t, ApplicationRow.CARRIED_OVER) == 1
    assert cell(t, ApplicationRow.GRANTED) == 1
    assert cell(t, ApplicationRow.UNABLE_NOT_HELD, ApplicantKind.NATURAL_PERSON) == 1
    assert cell(t, ApplicationRow.TOTAL) == 2
    assert cell(t, ApplicationRow.CARRIED_FORWARD) == 2
    assert t.year == 2024
    assert t.format_version is FormatVersion.NATIONAL_2021
    assert check(t.report(CITY), include_unverifiable=True) == ()


def test_last_reply_counts_and_reply_before_receipt_counts_on_receipt() -> None:
    log = [
        request_on(
            date(2024, 2, 1),
            reply(date(2024, 2, 10), Outcome.GRANTED),
            Extended(on=date(2024, 2, 11), working_days=5),
            reply(date(2024, 2, 20), Outcome.PARTIALLY_GRANTED),
        ),
        request_on(date(2024, 2, 1), reply(date(2023, 1, 1), Outcome.GRANTED)),
    ]
    t = tabulate(log, year=2024)
    assert cell(t, ApplicationRow.PARTIALLY_GRANTED) == 1
    assert cell(t, ApplicationRow.GRANTED) == 1
    assert cell(t, ApplicationRow.CARRIED_FORWARD) == 0


def test_withdrawn_counts_as_other_by_default() -> None:
    log = [
        request_on(date(2024, 2, 1), Withdrawn(on=date(2024, 2, 3))),
        request_on(date(2024, 12, 1), Withdrawn(on=date(2025, 1, 3))),
        request_on(date(2024, 3, 1), Withdrawn(on=date(2024, 3, 2)), reply(date(2024, 3, 5))),
    ]
    t = tabulate(log, year=2024)
    assert cell(t, ApplicationRow.NEW) == 3
    assert cell(t, ApplicationRow.OTHER_OTHER) == 1
    assert cell(t, ApplicationRow.GRANTED) == 1
    assert cell(t, ApplicationRow.CARRIED_FORWARD) == 1
    t = tabulate(log, year=2024, withdrawn=None)
    assert cell(t, ApplicationRow.NEW) == 1
    assert cell(t, ApplicationRow.OTHER_OTHER) == 0
    assert cell(t, ApplicationRow.CARRIED_FORWARD) == 0


def test_trial_format_maps_other_outcomes_to_one_row() -> None:
    log = [
        request_on(date(2019, 2, 1), reply(date(2019, 2, 10), Outcome.OTHER_OVERDUE_FEE)),
        request_on(date(2019, 2, 1), reply(date(2019, 2, 10), Outcome.OTHER_OTHER)),
        request_on(date(2019, 2, 1), reply(date(2019, 2, 10), Outcome.WITHHELD_STATE_SECRET)),
    ]
    t = tabulate(log, year=2019, format_version=FormatVersion.TRIAL_2019)
    assert cell(t, ApplicationRow.OTHER) == 2
    assert cell(t, ApplicationRow.WITHHELD_STATE_SECRET) == 1
    report = t.report(CITY, title="2019年政府信息公开工作年度报告")
    assert isinstance(report, AnnualReport2019)
    assert report.title == "2019年政府信息公开工作年度报告"
    assert check(report, include_unverifiable=True) == ()


def test_legacy_format_has_no_tables() -> None:
    with pytest.raises(ValueError, match="no statistical tables"):
        tabulate([], year=2015, format_version=FormatVersion.LEGACY_2008)


def test_reviews_count_by_filing_year_and_result() -> None:
    after = LitigationRoute.AFTER_RECONSIDERATION
    cases: list[Reconsideration | Litigation] = [
        Reconsideration(id="R1", filed_on=date(2024, 3, 1)),
        Reconsideration(
            id="R2",
            filed_on=date(2024, 3, 1),
            result=ReviewResult.CORRECTED,
            decided_on=date(2024, 5, 1),
        ),
        Reconsideration(id="R0", filed_on=date(2023, 3, 1)),
        Litigation(id="L1", filed_on=date(2024, 6, 1), route=LitigationRoute.DIRECT),
        *(
            Litigation(
                id=f"L{n}",
                filed_on=date(2024, 6, 1),
                route=after,
                result=result,
                decided_on=date(2024, 9, 1),
            )
            for n, result in ((2, ReviewResult.MAINTAINED), (3, ReviewResult.OTHER))
        ),
    ]
    reviews = tabulate([], cases, year=2024).reviews
    assert (reviews.reconsideration.pending, reviews.reconsideration.corrected) == (1, 1)
    assert reviews.reconsideration.total == 2
    assert reviews.litigation_direct.pending == 1
    assert reviews.litigation_after_reconsideration.maintained == 1
    assert reviews.litigation_after_reconsideration.other == 1
    assert reviews.litigation_after_reconsideration.total == 2


# --- properties -------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2021, 6, 1), max_value=date(2025, 6, 30))


@st.composite
def simple_requests(draw: st.DrawFn) -> DisclosureRequest:
    received = draw(DAYS)
    events: list[RequestEvent] = []
    if draw(st.booleans()):
        events.append(Withdrawn(on=draw(st.dates(min_value=received, max_value=date(2026, 1, 1)))))
    if draw(st.booleans()):
        events.append(
            reply(
                draw(st.dates(min_value=received, max_value=date(2026, 6, 1))),
                draw(st.sampled_from(list(Outcome))),
            )
        )
    return request_on(received, *events, kind=draw(st.sampled_from(list(ApplicantKind))))


FORMATS = st.sampled_from([FormatVersion.TRIAL_2019, FormatVersion.NATIONAL_2021])


@given(
    st.lists(simple_requests(), max_size=30),
    st.lists(st.one_of(reconsiderations(), litigations()), max_size=5),
    FORMATS,
    st.sampled_from([Outcome.OTHER_OTHER, Outcome.NOT_PROCESSED_REPEATED, None]),
)
def test_tabulated_reports_pass_every_check(
    log: list[DisclosureRequest],
    cases: list[Reconsideration | Litigation],
    version: FormatVersion,
    withdrawn: Outcome | None,
) -> None:
    reports = [
        tabulate(log, cases, year=y, format_version=version, withdrawn=withdrawn).report(CITY)
        for y in range(2021, 2027)
    ]
    for report in reports:
        assert check(report, include_unverifiable=True) == ()
    assert check_series(reports, include_unverifiable=True) == ()
    received = sum(
        r.applications.row(ApplicationRow.NEW).total or 0 for r in reports if r.applications
    )
    counted = sum(
        1
        for q in log
        if withdrawn is not None
        or q.reply is not None
        or not any(isinstance(e, Withdrawn) for e in q.events)
    )
    assert received == counted


@given(st.lists(requests(max_events=3), max_size=10), st.integers(2000, 2030))
def test_arbitrary_histories_still_balance(log: list[DisclosureRequest], year: int) -> None:
    t = tabulate(log, year=year)
    report = AnnualReport2021(agency=CITY, year=max(year, 2007), applications=t.applications)
    assert check(report, include_unverifiable=True) == ()


def test_lapsed_requests_close_in_row_six_as_the_state_says() -> None:
    # Issue 12: a correction or fee left past its last day closes the request (rules.state),
    # so table 3 counts it in （六）1 / （六）2 the year it closed, not carried forward for ever.
    from decimal import Decimal

    from govdisclosure.model.quantity import Money
    from govdisclosure.model.request import CorrectionRequested, FeeNoticeIssued
    from govdisclosure.rules import RequestState, state

    no_correction = request_on(
        date(2024, 3, 1), CorrectionRequested(on=date(2024, 3, 5), due_on=date(2024, 3, 20))
    )
    unpaid = request_on(  # no payment day stated: 20 working days from 2024-12-02 is 2024-12-30
        date(2024, 11, 25), FeeNoticeIssued(on=date(2024, 12, 2), amount=Money(Decimal(100)))
    )
    late_notice = request_on(  # statutory day 2025-01-02: carried into 2025, closed there
        date(2024, 11, 25), FeeNoticeIssued(on=date(2024, 12, 4), amount=Money(Decimal(100)))
    )
    log = [no_correction, unpaid, late_notice]
    assert state(no_correction, as_of=date(2024, 12, 31)) is RequestState.CLOSED_NO_CORRECTION
    assert state(unpaid, as_of=date(2024, 12, 31)) is RequestState.CLOSED_FEE_UNPAID
    assert state(late_notice, as_of=date(2024, 12, 31)) is RequestState.AWAITING_FEE
    t = tabulate(log, year=2024)
    assert cell(t, ApplicationRow.NEW) == 3
    assert cell(t, ApplicationRow.OTHER_OVERDUE_CORRECTION) == 1
    assert cell(t, ApplicationRow.OTHER_OVERDUE_FEE) == 1
    assert cell(t, ApplicationRow.CARRIED_FORWARD) == 1
    t = tabulate(log, year=2025)
    assert cell(t, ApplicationRow.CARRIED_OVER) == 1
    assert cell(t, ApplicationRow.OTHER_OVERDUE_FEE) == 1
    assert cell(t, ApplicationRow.CARRIED_FORWARD) == 0
    assert check(t.report(CITY), include_unverifiable=True) == ()


def test_a_fee_notice_beyond_the_calendar_data_is_carried_forward() -> None:
    from decimal import Decimal

    from govdisclosure.errors import CalendarDataUnavailable
    from govdisclosure.model.quantity import Money
    from govdisclosure.model.request import FeeNoticeIssued
    from govdisclosure.rules import default_calendar

    last = default_calendar().last_year
    notice = FeeNoticeIssued(on=date(last, 12, 20), amount=Money(Decimal(100)))
    t = tabulate([request_on(date(last, 12, 10), notice)], year=last)
    assert cell(t, ApplicationRow.CARRIED_FORWARD) == 1
    # In the next year the day matters and cannot be known: the calendar's error says so.
    with pytest.raises(CalendarDataUnavailable):
        tabulate([request_on(date(last, 12, 10), notice)], year=last + 1)


def test_table_4_counts_a_case_by_its_result_at_the_end_of_the_year() -> None:
    late = Reconsideration(
        id="R9",
        filed_on=date(2024, 11, 20),
        result=ReviewResult.CORRECTED,
        decided_on=date(2025, 1, 15),
    )
    early = attrs.evolve(late, id="R8", decided_on=date(2024, 12, 31))
    suit = Litigation(
        id="L9",
        filed_on=date(2024, 12, 1),
        route=LitigationRoute.DIRECT,
        result=ReviewResult.MAINTAINED,
        decided_on=date(2025, 3, 1),
    )
    reviews = tabulate([], [late, early, suit], year=2024).reviews
    assert (reviews.reconsideration.pending, reviews.reconsideration.corrected) == (1, 1)
    assert (reviews.litigation_direct.pending, reviews.litigation_direct.maintained) == (1, 0)
