"""Response-time statistics: grouping, blanks absent (not zero), exact decimals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from common import request_on
from govdisclosure.model import (
    ApplicantKind,
    DisclosureRequest,
    Extended,
    Outcome,
    OutcomeGroup,
    Replied,
)
from govdisclosure.stats import ResponseStats, response_stats


def _request(
    received: date,
    *events: Extended | Replied,
    kind: ApplicantKind = ApplicantKind.NATURAL_PERSON,
) -> DisclosureRequest:
    return request_on(received, *events, kind=kind, id=f"{received}-{len(events)}-{kind.code}")


def test_groups_and_rates() -> None:
    requests = [
        # 2024-09-27 + 20 working days = 2024-10-30 (调休 counted): on time, 20 days.
        _request(date(2024, 9, 27), Replied(on=date(2024, 10, 30), outcome=Outcome.GRANTED)),
        # One working day late.
        _request(
            date(2024, 9, 27),
            Replied(on=date(2024, 10, 31), outcome=Outcome.UNABLE_NOT_HELD),
            kind=ApplicantKind.COMMERCIAL_ENTERPRISE,
        ),
        # Extended by 20: 2024-10-30 + 20 working days is on time.
        _request(
            date(2024, 9, 27),
            Extended(on=date(2024, 10, 20), working_days=20),
            Replied(on=date(2024, 11, 1), outcome=Outcome.GRANTED),
        ),
        _request(date(2024, 12, 20)),
    ]
    report = response_stats(requests)
    assert report.unanswered == 1
    overall = report.overall
    assert overall is not None
    assert (overall.count, overall.max_working_days, overall.on_time) == (3, 22, 2)
    assert overall.median_working_days == Decimal(21)
    assert overall.mean_working_days == Decimal(63) / Decimal(3)
    assert overall.on_time_rate == Decimal(2) / Decimal(3)
    granted = report.for_group(OutcomeGroup.GRANTED)
    assert granted is not None
    assert (granted.count, granted.median_working_days) == (2, Decimal(21))
    assert report.for_group(OutcomeGroup.WITHHELD) is None
    company = report.for_applicant(ApplicantKind.COMMERCIAL_ENTERPRISE)
    assert company is not None
    assert company.on_time_rate == 0
    assert report.for_applicant(ApplicantKind.RESEARCH_INSTITUTION) is None


def test_no_answered_requests() -> None:
    report = response_stats([])
    assert report.overall is None
    assert report.by_outcome_group == ()
    assert ResponseStats.of([]) is None


def test_as_of_counts_unanswered_overdue_requests() -> None:
    # Issue 12: one reply on time and one request eleven months overdue is not "100% on time".
    on_time = _request(date(2024, 9, 27), Replied(on=date(2024, 10, 14), outcome=Outcome.GRANTED))
    forgotten = _request(date(2024, 1, 2))
    answered_later = _request(
        date(2024, 12, 2), Replied(on=date(2025, 1, 6), outcome=Outcome.GRANTED)
    )
    not_yet = _request(date(2025, 1, 2))
    report = response_stats([on_time, forgotten, answered_later, not_yet], as_of=date(2024, 12, 31))
    assert report.overall is not None and report.overall.on_time_rate == 1
    # The reply of 2025-01-06 is not there yet on 2024-12-31, and that request was due on
    # 2024-12-30 (received 2024-12-02, 20 working days), so it is overdue then too.
    assert report.unanswered == 2 and report.overdue == 2
    assert report.on_time_rate == Decimal(1) / Decimal(3)
    everything = response_stats([on_time, forgotten, answered_later])
    assert everything.overdue == 0 and everything.unanswered == 1
    assert response_stats([]).on_time_rate is None
