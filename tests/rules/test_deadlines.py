"""Due dates: anchors, clock stops, extensions, explanations, and both sides' deadlines."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import request_on as req
from govdisclosure.errors import CalendarDataUnavailable, LifecycleError
from govdisclosure.formatting import format_explanation
from govdisclosure.model import request as ev
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.quantity import Money
from govdisclosure.rules import (
    ClockStart,
    DayKind,
    Deadline,
    DeadlineKind,
    NoRegulationInForce,
    Party,
    PauseKind,
    RemedyWindow,
    consultation_due,
    correction_notice_due,
    deadlines,
    default_calendar,
    due_date,
    due_dates,
    explain_deadline,
    regulation_in_force,
)

CAL = default_calendar()
THIRD = ev.Consultee.THIRD_PARTY
OTHER = ev.Consultee.OTHER_AGENCY


def naive_due(start: date, n: int, pauses: list[tuple[date, date]]) -> date:
    """Reference model: walk day by day with chinese_calendar, skipping paused days (S, E]."""
    day, count = start, 0
    while count < n:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day) and not any(s < day <= e for s, e in pauses):
            count += 1
    return day


def two_consultations(third: tuple[int, int], other: tuple[int, int]) -> ev.DisclosureRequest:
    """A request of 2024-11-01 consulting a third party and another agency at once: each pair is
    the November days the consultation started and was answered; the events in date order."""
    events: list[ev.RequestEvent] = []
    for consultee, (start, answer) in ((THIRD, third), (OTHER, other)):
        events.append(ev.ConsultationStarted(on=date(2024, 11, start), consultee=consultee))
        events.append(ev.ConsultationAnswered(on=date(2024, 11, answer), consultee=consultee))
    return req(date(2024, 11, 1), *sorted(events, key=lambda e: e.on))


# -- anchors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2024, 9, 27), date(2024, 10, 30)),
        (date(2025, 1, 24), date(2025, 2, 27)),
    ],
)
def test_anchor_examples_2019(received: date, due: date) -> None:
    result = due_date(req(received))
    assert result.due_on == due
    assert result.regulation.code == "2019"
    assert result.working_days == 20
    assert not result.estimated
    assert result.calendar_version.startswith("chinesecalendar ")
    assert result.kind is DeadlineKind.REPLY


def test_anchor_2008_fifteen_working_days() -> None:
    result = due_date(req(date(2018, 9, 28)))
    assert result.regulation.code == "2008"
    assert result.due_on == date(2018, 10, 24)


def test_receipt_before_2008_is_a_typed_error() -> None:
    with pytest.raises(NoRegulationInForce):
        due_date(req(date(2008, 4, 30)))


def test_year_without_data() -> None:
    with pytest.raises(CalendarDataUnavailable):
        due_date(req(date(2026, 12, 15)))
    with pytest.raises(CalendarDataUnavailable):
        due_date(req(date(2027, 2, 1)))


def test_estimate_mode_marks_results() -> None:
    est = default_calendar(estimate=True)
    result = due_date(req(date(2026, 12, 15)), calendar=est)
    assert result.estimated
    assert result.due_on == date(2027, 1, 12)
    assert "[estimated]" in str(result)
    assert "estimated" in format_explanation(result, locale="en")[-1]
    assert "估算" in format_explanation(result)[-1]
    assert not due_date(req(date(2024, 9, 27)), calendar=est).estimated
    assert explain_deadline(date(2026, 12, 15), calendar=est).estimated
    with_events = req(date(2026, 12, 15), ev.Extended(on=date(2026, 12, 20), working_days=5))
    assert due_date(with_events, calendar=est).estimated


# -- extension -------------------------------------------------------------------------------


def test_extension_adds_its_working_days() -> None:
    result = due_date(req(date(2024, 9, 27), ev.Extended(on=date(2024, 10, 25), working_days=20)))
    assert result.due_on == date(2024, 11, 27)
    assert result.working_days == 40
    assert result.base_working_days == 20
    assert result.extension is not None
    assert result.extension.granted_on == date(2024, 10, 25)


def test_extension_after_as_of_is_ignored() -> None:
    r = req(date(2024, 9, 27), ev.Extended(on=date(2024, 10, 25), working_days=10))
    assert due_date(r, as_of=date(2024, 10, 24)).due_on == date(2024, 10, 30)


# -- consultation ----------------------------------------------------------------------------


def test_consultation_pause_excludes_days_after_start_through_answer() -> None:
    r = req(
        date(2024, 11, 1),
        ev.ConsultationStarted(on=date(2024, 11, 6), consultee=THIRD),
        ev.ConsultationAnswered(on=date(2024, 11, 12), consultee=THIRD, consents=True),
    )
    result = due_date(r)
    # 11-07, 11-08, 11-11, 11-12 are not counted: 20 working days end on 12-05, not 11-29.
    assert result.due_on == date(2024, 12, 5)
    assert [(p.started_on, p.answered_on, p.working_days) for p in result.pauses] == [
        (date(2024, 11, 6), date(2024, 11, 12), 4)
    ]
    assert result.suspended_by is None
    assert result.counted_through(result.due_on) == 20
    assert result.counted_through(date(2024, 11, 12)) == 3


def test_consultation_pause_is_capped_at_the_consultees_period_2019() -> None:
    r = req(
        date(2024, 11, 1),
        ev.ConsultationStarted(on=date(2024, 11, 6), consultee=OTHER),
        ev.ConsultationAnswered(on=date(2024, 12, 10), consultee=OTHER),
    )
    result = due_date(r)
    (pause,) = result.pauses
    assert pause.capped
    assert pause.resumes_after == date(2024, 11, 27)
    assert pause.working_days == 15
    assert result.due_on == date(2024, 12, 20)
    assert isinstance(r.events[0], ev.ConsultationStarted)
    assert consultation_due(r, r.events[0]) is not None


def test_open_consultation_2019_assumes_the_full_period() -> None:
    r = req(date(2024, 11, 1), ev.ConsultationStarted(on=date(2024, 11, 6), consultee=THIRD))
    result = due_date(r)
    assert result.suspended_by is PauseKind.CONSULTATION
    assert result.due_on == date(2024, 12, 20)
    assert result.pauses[0].answered_on is None
    assert "suspended" in " ".join(format_explanation(result, locale="en"))
    assert "暂停" in " ".join(format_explanation(result))


def test_2008_only_third_party_consultation_stops_the_clock() -> None:
    received = date(2015, 11, 2)
    other = req(
        received,
        ev.ConsultationStarted(on=date(2015, 11, 4), consultee=OTHER),
        ev.ConsultationAnswered(on=date(2015, 12, 15), consultee=OTHER),
    )
    assert due_date(other).due_on == CAL.add_workdays(received, 15)
    assert due_date(other).pauses == ()
    third = req(
        received,
        ev.ConsultationStarted(on=date(2015, 11, 4), consultee=THIRD),
        ev.ConsultationAnswered(on=date(2015, 12, 15), consultee=THIRD),
    )
    # No cap under 2008: the whole consultation is excluded.
    expected = naive_due(received, 15, [(date(2015, 11, 4), date(2015, 12, 15))])
    assert due_date(third).due_on == expected
    assert isinstance(third.events[0], ev.ConsultationStarted)
    assert consultation_due(third, third.events[0]) is None


def test_2008_open_consultation_runs_to_as_of() -> None:
    received = date(2015, 11, 2)
    r = req(received, ev.ConsultationStarted(on=date(2015, 11, 4), consultee=THIRD))
    lower_bound = due_date(r)
    assert lower_bound.suspended_by is PauseKind.CONSULTATION
    assert lower_bound.due_on == CAL.add_workdays(received, 15)
    as_of = date(2015, 11, 20)
    assert due_date(r, as_of=as_of).due_on == naive_due(received, 15, [(date(2015, 11, 4), as_of)])


def test_overlapping_consultations_are_not_counted_twice() -> None:
    r = two_consultations(third=(6, 12), other=(8, 14))
    expected = naive_due(
        date(2024, 11, 1),
        20,
        [(date(2024, 11, 6), date(2024, 11, 12)), (date(2024, 11, 8), date(2024, 11, 14))],
    )
    assert due_date(r).due_on == expected == date(2024, 12, 9)
    stretches = due_date(r).explain().counted_stretches
    assert stretches == (
        (date(2024, 11, 1), date(2024, 11, 6)),
        (date(2024, 11, 14), date(2024, 12, 9)),
    )


def test_consultation_begun_on_the_due_day_does_not_move_it() -> None:
    received = date(2024, 11, 1)
    plain_due = CAL.add_workdays(received, 20)
    r = req(
        received,
        ev.ConsultationStarted(on=plain_due, consultee=THIRD),
        ev.ConsultationAnswered(on=plain_due + timedelta(days=5), consultee=THIRD),
    )
    result = due_date(r)
    assert result.due_on == plain_due
    assert result.pauses[0].working_days == 0


def test_consultation_before_a_correction_restart_is_clipped() -> None:
    r = req(
        date(2024, 11, 1),
        ev.ConsultationStarted(on=date(2024, 11, 4), consultee=THIRD),
        ev.CorrectionRequested(on=date(2024, 11, 5)),
        ev.ConsultationAnswered(on=date(2024, 11, 6), consultee=THIRD),
        ev.CorrectionReceived(on=date(2024, 11, 8)),
    )
    result = due_date(r)
    # The pause ended before the restart: the period simply counts from 11-08.
    assert result.clock_start == date(2024, 11, 8)
    assert result.due_on == CAL.add_workdays(date(2024, 11, 8), 20)


# -- correction ------------------------------------------------------------------------------


def test_correction_restarts_the_clock_2019() -> None:
    r = req(
        date(2024, 11, 1),
        ev.CorrectionRequested(on=date(2024, 11, 5), due_on=date(2024, 11, 20)),
        ev.CorrectionReceived(on=date(2024, 11, 15)),
    )
    result = due_date(r)
    assert result.clock_start == date(2024, 11, 15)
    assert result.clock_start_reason is ClockStart.CORRECTION_RECEIVED
    assert result.due_on == date(2024, 12, 13)
    assert result.suspended_by is None
    assert "corrected application" in format_explanation(result, locale="en")[1]
    assert "补正" in format_explanation(result)[1]


def test_awaiting_correction_is_suspended() -> None:
    notice = ev.CorrectionRequested(on=date(2024, 11, 5), due_on=date(2024, 11, 20))
    result = due_date(req(date(2024, 11, 1), notice))
    assert result.suspended_by is PauseKind.CORRECTION
    assert result.clock_start == date(2024, 11, 20)
    assert result.due_on == date(2024, 12, 18)
    undated = ev.CorrectionRequested(on=date(2024, 11, 5))
    assert due_date(req(date(2024, 11, 1), undated)).clock_start == date(2024, 11, 5)
    as_of = date(2024, 11, 12)
    assert due_date(req(date(2024, 11, 1), undated), as_of=as_of).clock_start == as_of
    assert "until the corrected application" in " ".join(format_explanation(result, locale="en"))
    assert "等待申请人补正" in " ".join(format_explanation(result))


def test_impossible_history_is_rejected_by_due_date() -> None:
    with pytest.raises(LifecycleError):
        due_date(req(date(2024, 11, 1), ev.CorrectionReceived(on=date(2024, 11, 8))))


# -- explanation -----------------------------------------------------------------------------


def test_explanation_of_the_national_day_anchor() -> None:
    due = explain_deadline(date(2024, 9, 27))
    explanation = due.explain()
    assert explanation is due.explain()  # computed once
    skipped = {d.day: d for d in explanation.skipped}
    assert skipped[date(2024, 9, 28)].kind is DayKind.WEEKEND
    assert skipped[date(2024, 10, 1)].kind is DayKind.HOLIDAY
    holiday = skipped[date(2024, 10, 5)].holiday
    assert holiday is not None
    assert holiday.label == "国庆节"
    assert [d.day for d in explanation.makeup_days] == [date(2024, 9, 29), date(2024, 10, 12)]
    assert all(d.kind is DayKind.MAKEUP_WORKDAY for d in explanation.makeup_days)
    assert explanation.total_working_days == 20
    assert explanation.counted_stretches == ((date(2024, 9, 27), date(2024, 10, 30)),)
    assert explanation.calendar_version == due.calendar_version
    text = "\n".join(format_explanation(explanation, locale="en"))
    assert "2024-10-01 to 2024-10-07 (National Day)" in text
    zh = "\n".join(format_explanation(due))
    assert "2024-10-01至2024-10-07（国庆节）" in zh
    assert "2024-09-29（国庆节调休）" in zh
    assert "2024-09-28（周末）" in zh


def test_explanation_of_the_spring_festival_anchor() -> None:
    explanation = explain_deadline(date(2025, 1, 24)).explain()
    assert [d.day for d in explanation.makeup_days] == [date(2025, 1, 26), date(2025, 2, 8)]
    names = {d.holiday.label for d in explanation.skipped if d.holiday}
    assert names == {"春节"}


def test_explanation_lists_pause_and_extension() -> None:
    r = req(
        date(2024, 11, 1),
        ev.ConsultationStarted(on=date(2024, 11, 6), consultee=THIRD),
        ev.ConsultationAnswered(on=date(2024, 12, 10), consultee=THIRD),
        ev.Extended(on=date(2024, 12, 12), working_days=10),
    )
    due = due_date(r)
    explanation = due.explain()
    assert explanation.pauses == due.pauses
    assert explanation.extension == due.extension
    en = "\n".join(format_explanation(due, locale="en"))
    assert "Consultation of a third party sent 2024-11-06" in en
    assert "ends with the consultee's period" in en
    assert "Extended on 2024-12-12 by 10 working days." in en
    zh = "\n".join(format_explanation(due))
    assert "征求第三方意见" in zh
    assert "2024-12-12延期答复，延长10个工作日。" in zh
    # No day inside the pause is listed as skipped: it was never counted at all.
    assert not any(date(2024, 11, 6) < d.day <= date(2024, 11, 27) for d in explanation.skipped)


def test_explanation_of_override_days() -> None:
    cal = CAL.with_overrides(
        rest_days={date(2024, 11, 4): "地方安排"}, workdays={date(2024, 11, 9): "补班"}
    )
    explanation = due_date(req(date(2024, 11, 1)), calendar=cal).explain()
    assert any(d.kind is DayKind.EXTRA_REST_DAY for d in explanation.skipped)
    assert [d.kind for d in explanation.makeup_days] == [DayKind.EXTRA_WORKDAY]
    assert "地方安排" in "".join(format_explanation(explanation))


def test_explain_deadline_options() -> None:
    extended = explain_deadline(date(2024, 9, 27), extended=True)
    assert extended.due_on == date(2024, 11, 27)
    assert extended.extension is not None
    assert extended.extension.granted_on is None
    assert "Extended by 20 working days." in format_explanation(extended, locale="en")
    assert "延期答复，延长20个工作日。" in format_explanation(extended)
    assert explain_deadline(date(2024, 9, 27), regulation="2008").working_days == 15
    assert explain_deadline(date(2018, 9, 28), extended=True).working_days == 30


def test_str_of_due_date() -> None:
    assert str(explain_deadline(date(2024, 9, 27))) == (
        "2024-10-30 (reply, 20 working days from 2024-09-27, 国务院令第711号)"
    )


# -- other deadlines -------------------------------------------------------------------------


def test_correction_notice_due() -> None:
    due = correction_notice_due(req(date(2024, 9, 27)))
    assert due is not None
    assert due.due_on == date(2024, 10, 12)
    assert due.kind is DeadlineKind.CORRECTION_NOTICE
    assert due.kind.party is Party.AGENCY
    assert "correction notice within 7 working days" in format_explanation(due, locale="en")[0]
    assert correction_notice_due(req(date(2015, 9, 25))) is None


def test_deadlines_on_both_sides() -> None:
    asked = ev.ConsultationStarted(on=date(2024, 11, 18), consultee=THIRD)
    r = req(
        date(2024, 11, 1),
        ev.CorrectionRequested(on=date(2024, 11, 5), due_on=date(2024, 11, 20)),
        ev.CorrectionReceived(on=date(2024, 11, 15)),
        asked,
        ev.ConsultationAnswered(on=date(2024, 11, 20), consultee=THIRD),
        ev.FeeNoticeIssued(
            on=date(2024, 11, 25), amount=Money(Decimal(100)), due_on=date(2024, 12, 5)
        ),
        ev.FeePaid(on=date(2024, 12, 6)),
        ev.Replied(on=date(2024, 12, 13), outcome=Outcome.GRANTED),
    )
    found = {d.kind: d for d in deadlines(r)}
    assert set(found) == set(DeadlineKind)
    assert found[DeadlineKind.REPLY].is_met()
    assert found[DeadlineKind.CORRECTION_NOTICE].due_on == date(2024, 11, 12)
    assert found[DeadlineKind.CORRECTION_NOTICE].met_on == date(2024, 11, 5)
    assert found[DeadlineKind.CONSULTATION_ANSWER].met_on == date(2024, 11, 20)
    assert found[DeadlineKind.CORRECTION].due_on == date(2024, 11, 20)
    assert found[DeadlineKind.CORRECTION].is_met()
    fee = found[DeadlineKind.FEE_PAYMENT]
    assert fee.party is Party.APPLICANT
    assert fee.is_missed(as_of=date(2024, 12, 31))
    assert not fee.is_met()
    reconsideration = found[DeadlineKind.RECONSIDERATION]
    assert isinstance(reconsideration.detail, RemedyWindow)
    assert reconsideration.due_on == date(2025, 2, 11)
    assert found[DeadlineKind.DIRECT_SUIT].due_on == date(2025, 6, 13)
    # As of an earlier day only the facts known then count.
    early = {d.kind for d in deadlines(r, as_of=date(2024, 11, 10))}
    assert early == {DeadlineKind.REPLY, DeadlineKind.CORRECTION_NOTICE, DeadlineKind.CORRECTION}


def test_withdrawn_request_owes_no_reply() -> None:
    r = req(date(2024, 11, 1), ev.Withdrawn(on=date(2024, 11, 5)))
    assert deadlines(r) == ()


def test_deadline_missed_logic() -> None:
    d = Deadline(DeadlineKind.REPLY, date(2024, 10, 30), met_on=date(2024, 11, 1))
    assert d.is_missed(as_of=date(2024, 11, 5))
    assert d.is_missed(as_of=date(2024, 10, 31))  # not met yet on that day, and past due
    assert not d.is_missed(as_of=date(2024, 10, 30))
    assert not Deadline(DeadlineKind.REPLY, date(2024, 10, 30), date(2024, 10, 29)).is_missed(
        as_of=date(2024, 12, 1)
    )


def test_2008_request_has_no_correction_notice_or_consultee_deadline() -> None:
    r = req(
        date(2015, 11, 2),
        ev.CorrectionRequested(on=date(2015, 11, 3)),
        ev.ConsultationStarted(on=date(2015, 11, 4), consultee=THIRD),
    )
    assert {d.kind for d in deadlines(r)} == {DeadlineKind.REPLY}


# -- batch and properties --------------------------------------------------------------------


def test_due_dates_batch_matches_single() -> None:
    requests = [
        req(date(2024, 9, 27)),
        req(date(2018, 9, 28)),
        req(date(2024, 9, 27), ev.Extended(on=date(2024, 10, 8), working_days=5)),
    ]
    assert due_dates(requests) == [due_date(r).due_on for r in requests]


receipts = st.dates(min_value=date(2008, 5, 1), max_value=date(2026, 10, 31))


@given(received=receipts)
def test_due_date_is_a_working_day_after_receipt(received: date) -> None:
    due = due_date(req(received))
    assert CAL.is_workday(due.due_on)
    assert due.due_on > received
    assert (
        CAL.count_workdays(received, due.due_on) == regulation_in_force(received).reply_working_days
    )


@given(a=receipts, b=receipts)
def test_due_date_is_monotonic_in_receipt(a: date, b: date) -> None:
    lo, hi = sorted((a, b))
    same_regulation = regulation_in_force(lo) is regulation_in_force(hi)
    if same_regulation:
        assert due_date(req(lo)).due_on <= due_date(req(hi)).due_on


@given(
    received=st.dates(min_value=date(2019, 5, 15), max_value=date(2026, 6, 30)),
    data=st.data(),
)
def test_pauses_match_the_day_by_day_reference(received: date, data: st.DataObject) -> None:
    events: list[ev.RequestEvent] = []
    intervals: list[tuple[date, date]] = []
    day = received
    for consultee in data.draw(st.lists(st.sampled_from([THIRD, OTHER]), max_size=2, unique=True)):
        start = day + timedelta(days=data.draw(st.integers(0, 20)))
        answer = start + timedelta(days=data.draw(st.integers(0, 40)))
        cap = CAL.add_workdays(start, 15)
        events.append(ev.ConsultationStarted(on=start, consultee=consultee))
        events.append(ev.ConsultationAnswered(on=answer, consultee=consultee))
        intervals.append((start, min(answer, cap)))
        day = answer
    due = due_date(req(received, *events))
    assert due.due_on == naive_due(received, 20, intervals)
    assert CAL.is_workday(due.due_on)
    assert due.counted_through(due.due_on) == 20


@given(
    received=st.dates(min_value=date(2008, 5, 1), max_value=date(2019, 1, 31)),
    gap=st.integers(0, 10),
    length=st.integers(0, 60),
)
def test_2008_pauses_match_the_reference(received: date, gap: int, length: int) -> None:
    start = received + timedelta(days=gap)
    answer = start + timedelta(days=length)
    r = req(
        received,
        ev.ConsultationStarted(on=start, consultee=THIRD),
        ev.ConsultationAnswered(on=answer, consultee=THIRD),
    )
    assert due_date(r).due_on == naive_due(received, 15, [(start, answer)])


def test_counted_through_before_the_start_and_nested_pauses() -> None:
    r = two_consultations(third=(6, 14), other=(7, 8))
    due = due_date(r)
    assert due.counted_through(date(2024, 10, 1)) == 0
    assert due.due_on == naive_due(date(2024, 11, 1), 20, [(date(2024, 11, 6), date(2024, 11, 14))])
    assert due.counted_through(due.due_on) == 20
    assert due.explain().counted_stretches[0] == (date(2024, 11, 1), date(2024, 11, 6))
