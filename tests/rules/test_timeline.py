"""The one fold of a request's events: rules.timeline, the fee clock, Art. 35, odd histories."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import drawn_ending, every_event_request
from common import request_on as req
from govdisclosure.errors import LifecycleError
from govdisclosure.formatting import format_explanation
from govdisclosure.model import request as ev
from govdisclosure.model.layout import ApplicationRow
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.quantity import Money
from govdisclosure.model.review import Litigation, LitigationRoute
from govdisclosure.rules import (
    FEE_SCHEDULE_2020,
    REGULATION_2008,
    REGULATION_2019,
    STATE_TABLE,
    DeadlineKind,
    IrregularityKind,
    PauseKind,
    RequestState,
    case_findings,
    check_history,
    deadlines,
    default_calendar,
    due_date,
    fee_payment_due,
    findings,
    is_overdue,
    state,
    status,
    timeline,
)
from govdisclosure.stats import tabulate

CAL = default_calendar()
RECEIVED = date(2024, 11, 1)  # 2019 regulation; plain due day 2024-11-29
PLAIN_DUE = date(2024, 11, 29)
FEE = Money(Decimal("100"))
THIRD = ev.Consultee.THIRD_PARTY


def d(day: int, month: int = 11) -> date:
    return date(2024, month, day)


# -- the fold ------------------------------------------------------------------------------


def test_points_pauses_and_running_due() -> None:
    r = every_event_request()
    tl = timeline(r)
    assert [p.state for p in tl.points] == [
        RequestState.AWAITING_CORRECTION,
        RequestState.RECEIVED,
        RequestState.IN_CONSULTATION,
        RequestState.RECEIVED,
        RequestState.AWAITING_FEE,
        RequestState.RECEIVED,
        RequestState.EXTENDED,
        RequestState.EXTENDED,
        RequestState.ANSWERED,
    ]
    # Each point's state is the state on its day, as rules.state gives it.
    assert [p.state for p in tl.points] == [state(r, as_of=p.event.on) for p in tl.points]
    assert [(p.kind, p.started_on, p.ended_on) for p in tl.pauses] == [
        (PauseKind.CORRECTION, d(4), d(8)),
        (PauseKind.CONSULTATION, d(11), d(14)),
        (PauseKind.FEE, d(18), d(20)),
    ]
    assert tl.state is RequestState.ANSWERED and tl.final is tl.reply
    assert tl.last_day == d(2, 12)
    running = tl.running_due
    assert [event for event, _ in running] == list(r.events)
    assert running[-1][1] == due_date(r)
    # The correction restarts the clock on 11-08; the consultation (11-12..11-14: 3 working
    # days) and the fee (11-19..11-20: 2) are not counted; the extension adds 10.
    assert tl.due.due_on == CAL.add_workdays(d(8), 20 + 10 + 3 + 2)
    assert tl.due.counted_through(tl.due.due_on) == 30
    assert tl.impossibilities == ()


def test_without_events_and_before_receipt() -> None:
    r = req(RECEIVED)
    tl = timeline(r)
    assert tl.points == () and tl.pauses == () and tl.findings == ()
    assert tl.state is RequestState.RECEIVED and tl.last_day == RECEIVED
    assert tl.state_on(d(31, 10)) is RequestState.NOT_RECEIVED
    assert tl.due.due_on == PLAIN_DUE == due_date(r).due_on
    assert tl.lapse is None


def test_as_of_hides_later_events_but_checks_them() -> None:
    bad = ev.FeePaid(on=d(20))
    r = req(RECEIVED, ev.ConsultationStarted(on=d(4), consultee=THIRD), bad)
    with pytest.raises(LifecycleError) as info:
        timeline(r, as_of=d(5))
    assert info.value.event is bad
    loose = timeline(r, as_of=d(5), strict=False)
    assert [e.event for e in loose.impossibilities] == [bad]
    assert loose.events == r.events[:1]
    assert loose.state is RequestState.IN_CONSULTATION
    with pytest.raises(LifecycleError):
        loose.check()
    assert timeline(r, as_of=d(20), strict=False).at(d(4)).state is RequestState.IN_CONSULTATION


def test_non_strict_fold_keeps_going() -> None:
    # Two replies and a withdrawal in between: the last of each counts, every problem is listed.
    first, second = (
        ev.Replied(on=d(5), outcome=Outcome.GRANTED),
        ev.Replied(on=d(9), outcome=Outcome.UNABLE_NOT_HELD),
    )
    r = req(RECEIVED, first, ev.Withdrawn(on=d(7)), second, ev.CorrectionReceived(on=d(3)))
    tl = timeline(r, strict=False)
    assert tl.reply is second and tl.withdrawal is not None
    assert len(tl.impossibilities) == 3
    assert "after the final reply" in tl.impossibilities[-1].message
    assert tl.points[1].state is RequestState.ANSWERED


# -- the fee clock (国办函〔2020〕109号) ----------------------------------------------------------


def test_fee_notice_without_a_day_gets_the_statutory_twenty_working_days() -> None:
    notice = ev.FeeNoticeIssued(on=d(4), amount=FEE)
    r = req(RECEIVED, notice)
    last = fee_payment_due(notice, REGULATION_2019, CAL)
    # Worked by hand: 11-05..11-08 (4), 11-11..15 (9), 18..22 (14), 25..29 (19), 12-02 (20).
    assert (
        last == date(2024, 12, 2) == CAL.add_workdays(d(4), FEE_SCHEDULE_2020.payment_working_days)
    )
    assert state(r, as_of=last) is RequestState.AWAITING_FEE
    assert state(r, as_of=last + timedelta(days=1)) is RequestState.CLOSED_FEE_UNPAID
    assert timeline(r).lapse == (date(2024, 12, 3), Outcome.OTHER_OVERDUE_FEE)
    # The applicant's time is not the agency's: never overdue while the fee is awaited.
    assert not is_overdue(r, as_of=date(2024, 12, 1))
    s = status(r, as_of=date(2024, 12, 1))
    assert s.reply_due is not None and s.reply_due.suspended_by is PauseKind.FEE
    fee_deadline = next(x for x in deadlines(r) if x.kind is DeadlineKind.FEE_PAYMENT)
    assert fee_deadline.due_on == last and fee_deadline.met_on is None


def test_the_fee_period_is_not_counted_in_the_reply_period() -> None:
    r = req(RECEIVED, ev.FeeNoticeIssued(on=d(4), amount=FEE), ev.FeePaid(on=d(8)))
    due = due_date(r)
    # 11-05..11-08 are the applicant's four working days.
    assert due.due_on == CAL.add_workdays(PLAIN_DUE, 4)
    assert [(p.kind, p.working_days) for p in due.pauses] == [(PauseKind.FEE, 4)]
    assert due.counted_through(due.due_on) == 20
    assert "Fee notice sent 2024-11-04, paid 2024-11-08: 4 working days not counted" in (
        " ".join(format_explanation(due, locale="en"))
    )
    assert "2024-11-04发出收费通知，2024-11-08缴费，4个工作日不计入" in "".join(
        format_explanation(due)
    )
    open_fee = due_date(req(RECEIVED, ev.FeeNoticeIssued(on=d(4), amount=FEE)), as_of=d(6))
    assert open_fee.suspended_by is PauseKind.FEE
    assert "The clock is suspended until the fee is paid." in format_explanation(
        open_fee, locale="en"
    )
    assert "暂按缴费期限最后一日2024-12-02计" in "".join(format_explanation(open_fee))


def test_no_fee_clock_before_the_measures_or_under_2008() -> None:
    early = ev.FeeNoticeIssued(on=date(2020, 6, 1), amount=FEE)
    r = req(date(2020, 5, 25), early)
    assert fee_payment_due(early, REGULATION_2019, CAL) is None
    assert due_date(r).pauses == ()
    assert state(r, as_of=date(2021, 6, 1)) is RequestState.AWAITING_FEE
    old = ev.FeeNoticeIssued(on=date(2015, 6, 1), amount=FEE)
    assert fee_payment_due(old, REGULATION_2008, CAL) is None
    stated = ev.FeeNoticeIssued(on=date(2015, 6, 1), amount=FEE, due_on=date(2015, 6, 30))
    assert fee_payment_due(stated, REGULATION_2008, CAL) == date(2015, 6, 30)


@given(
    notice_day=st.dates(date(2021, 1, 1), date(2026, 10, 31)),
    paid_after=st.integers(0, 30),
)
def test_fee_properties(notice_day: date, paid_after: int) -> None:
    received = notice_day - timedelta(days=3)
    notice = ev.FeeNoticeIssued(on=notice_day, amount=FEE)
    last = fee_payment_due(notice, REGULATION_2019, CAL)
    assert last == CAL.add_workdays(notice_day, 20)
    unpaid = req(received, notice)
    assert state(unpaid, as_of=last) is RequestState.AWAITING_FEE
    assert state(unpaid, as_of=last + timedelta(days=1)) is RequestState.CLOSED_FEE_UNPAID
    assert not is_overdue(unpaid, as_of=last)
    paid_on = notice_day + timedelta(days=paid_after)
    paid = req(received, notice, ev.FeePaid(on=paid_on))
    due = due_date(paid)
    plain = due_date(req(received)).due_on
    # The payment period only ever moves the day later, by the working days it took, and the
    # agency still gets exactly its 20 working days.
    assert due.due_on >= plain
    assert due.counted_through(due.due_on) == 20
    assert due.due_on == CAL.add_workdays(plain, CAL.count_workdays(notice_day, paid_on))


# -- Art. 35: a reasonable period for an excessive request ---------------------------------


def test_reasonable_period_replaces_the_reply_day() -> None:
    later = ev.ReasonablePeriodSet(on=d(20), due_on=date(2025, 1, 24))
    r = req(RECEIVED, later)
    due = due_date(r)
    assert due.due_on == date(2025, 1, 24)
    assert "Reasonable reply period set under Art. 35: reply by 2025-01-24." in format_explanation(
        due, locale="en"
    )
    assert "依第三十五条确定延迟答复的合理期限：2025-01-24前答复。" in format_explanation(due)
    assert state(r, as_of=d(21)) is RequestState.EXTENDED
    assert not is_overdue(r, as_of=date(2025, 1, 24))
    assert is_overdue(r, as_of=date(2025, 1, 27))
    # A day earlier than the statutory one does not shorten the period.
    assert due_date(req(RECEIVED, ev.ReasonablePeriodSet(on=d(5), due_on=d(6)))).due_on == PLAIN_DUE
    # Set after the reply was due: possible, and a finding.
    late = ev.ReasonablePeriodSet(on=d(2, 12), due_on=date(2025, 1, 24))
    assert [f.kind for f in findings(req(RECEIVED, late))] == [
        IrregularityKind.LATE_REASONABLE_PERIOD
    ]


def test_no_reasonable_period_under_2008() -> None:
    event = ev.ReasonablePeriodSet(on=date(2015, 6, 5), due_on=date(2015, 8, 1))
    with pytest.raises(LifecycleError, match="no such rule") as info:
        check_history(req(date(2015, 6, 1), event))
    assert info.value.event is event
    assert "无此规定" in info.value.message_zh


@given(received=st.dates(date(2019, 5, 15), date(2026, 6, 30)), days=st.integers(1, 120))
def test_reasonable_period_property(received: date, days: int) -> None:
    set_day = received + timedelta(days=days)
    r = req(received, ev.ReasonablePeriodSet(on=received + timedelta(days=1), due_on=set_day))
    plain = due_date(req(received)).due_on
    assert due_date(r).due_on == max(plain, set_day)


# -- impossible and irregular histories (issue 16) -----------------------------------------


def _error(r: ev.DisclosureRequest, *fragments: str) -> LifecycleError:
    with pytest.raises(LifecycleError) as info:
        check_history(r)
    for fragment in fragments:
        assert fragment in str(info.value)
    return info.value


def test_overdue_correction_needs_a_late_correction() -> None:
    overdue = ev.Replied(on=d(20), outcome=Outcome.OTHER_OVERDUE_CORRECTION)
    err = _error(req(RECEIVED, overdue), "no correction was asked", "此前未告知补正")
    assert err.event is overdue
    in_time = req(
        RECEIVED,
        ev.CorrectionRequested(on=d(4), due_on=d(15)),
        ev.CorrectionReceived(on=d(15)),
        overdue,
    )
    _error(in_time, "within the period ending 2024-11-15", "在补正期限（2024-11-15）内收到")
    # Possible: no correction came, or it came late, or the notice set no day.
    for history in (
        (ev.CorrectionRequested(on=d(4), due_on=d(15)), overdue),
        (ev.CorrectionRequested(on=d(4), due_on=d(15)), ev.CorrectionReceived(on=d(18)), overdue),
        (ev.CorrectionRequested(on=d(4)), ev.CorrectionReceived(on=d(8)), overdue),
    ):
        check_history(req(RECEIVED, *history))


def test_overdue_fee_needs_an_unpaid_fee() -> None:
    overdue = ev.Replied(on=d(25), outcome=Outcome.OTHER_OVERDUE_FEE)
    _error(req(RECEIVED, overdue), "no fee notice was issued", "此前未发出收费通知")
    paid = req(RECEIVED, ev.FeeNoticeIssued(on=d(4), amount=FEE), ev.FeePaid(on=d(8)), overdue)
    _error(paid, "but it was paid", "费用已缴纳")
    check_history(req(RECEIVED, ev.FeeNoticeIssued(on=d(4), amount=FEE), overdue))


def test_still_unclear_without_correction_is_a_finding() -> None:
    unclear = ev.Replied(on=d(20), outcome=Outcome.UNABLE_STILL_UNCLEAR)
    r = req(RECEIVED, unclear)
    check_history(r)
    found = findings(r)
    assert [(f.kind, f.event) for f in found] == [
        (IrregularityKind.UNCLEAR_WITHOUT_CORRECTION, unclear)
    ]
    asked = req(RECEIVED, ev.CorrectionRequested(on=d(4)), ev.CorrectionReceived(on=d(6)), unclear)
    assert findings(asked) == ()


def test_direct_suit_with_a_reconsideration_id_is_a_finding() -> None:
    suit = Litigation(
        id="L1", filed_on=d(6, 5), route=LitigationRoute.DIRECT, reconsideration_id="R1"
    )
    assert [f.kind for f in case_findings(suit)] == [
        IrregularityKind.DIRECT_SUIT_WITH_RECONSIDERATION
    ]
    after = Litigation(
        id="L2",
        filed_on=d(6, 5),
        route=LitigationRoute.AFTER_RECONSIDERATION,
        reconsideration_id="R1",
    )
    assert case_findings(after) == ()
    # Table 4 counts it by its route, as recorded.
    assert tabulate([], [suit], year=2024).reviews.litigation_direct.total == 1


# -- the fold and the report tables agree --------------------------------------------------


@st.composite
def open_histories(draw: st.DrawFn) -> ev.DisclosureRequest:
    """Requests with no reply or withdrawal: only corrections and fees can close them."""
    received = draw(st.dates(date(2021, 1, 1), date(2025, 10, 31)))
    day = received
    events: list[ev.RequestEvent] = []
    for _ in range(draw(st.integers(0, 3))):
        day += timedelta(days=draw(st.integers(0, 40)))
        kind = draw(st.sampled_from(["correction", "corrected", "fee", "paid"]))
        stated = draw(st.booleans())
        if kind == "correction":
            due = day + timedelta(days=draw(st.integers(0, 30))) if stated else None
            events.append(ev.CorrectionRequested(on=day, due_on=due))
            if draw(st.booleans()):
                day += timedelta(days=draw(st.integers(0, 40)))
                events.append(ev.CorrectionReceived(on=day))
        elif kind == "fee":
            due = day + timedelta(days=draw(st.integers(0, 30))) if stated else None
            events.append(ev.FeeNoticeIssued(on=day, amount=FEE, due_on=due))
            if draw(st.booleans()):
                day += timedelta(days=draw(st.integers(0, 40)))
                events.append(ev.FeePaid(on=day))
    return req(received, *events)


@given(r=open_histories())
def test_tabulate_counts_what_state_says(r: ev.DisclosureRequest) -> None:
    year = r.received_on.year
    end = date(year, 12, 31)
    current = state(r, as_of=end)
    t = tabulate([r], year=year).applications
    rows = {
        RequestState.CLOSED_NO_CORRECTION: ApplicationRow.OTHER_OVERDUE_CORRECTION,
        RequestState.CLOSED_FEE_UNPAID: ApplicationRow.OTHER_OVERDUE_FEE,
    }
    if current in rows:
        assert t.row(rows[current]).total == 1
        assert t.row(ApplicationRow.CARRIED_FORWARD).total == 0
    else:
        assert not current.is_final
        assert t.row(ApplicationRow.CARRIED_FORWARD).total == 1


def test_lapse_and_pauses_of_odd_timelines() -> None:
    answered = req(RECEIVED, ev.Replied(on=d(5), outcome=Outcome.GRANTED))
    assert timeline(answered).lapse is None
    assert timeline(answered).fee_due_on is None
    waiting = timeline(req(RECEIVED, ev.CorrectionRequested(on=d(4))))
    assert waiting.lapse is None  # no last day in the notice: open indefinitely
    assert [(p.kind, p.ended_on) for p in waiting.pauses] == [(PauseKind.CORRECTION, None)]
    old_fee = timeline(req(date(2020, 5, 25), ev.FeeNoticeIssued(on=date(2020, 6, 1), amount=FEE)))
    assert old_fee.lapse is None and old_fee.fee_due_on is None
    # Under 2008 a corrected application restarts the clock too (an inference, see regulation).
    r2008 = req(date(2015, 6, 1), ev.CorrectionRequested(on=date(2015, 6, 3)))
    assert timeline(r2008).correction is not None


# -- the state table is what the fold does -------------------------------------------------


@st.composite
def any_histories(draw: st.DrawFn) -> ev.DisclosureRequest:
    """Possible histories of every kind of event (2019 regulation)."""
    received = draw(st.dates(date(2021, 1, 1), date(2025, 6, 30)))
    day = received
    events: list[ev.RequestEvent] = []
    open_kinds: dict[str, int] = {"correction": 0, "fee": 0, "consult": 0}
    extended = False
    for _ in range(draw(st.integers(0, 6))):
        day += timedelta(days=draw(st.integers(0, 25)))
        kind = draw(
            st.sampled_from(["correction", "fee", "consult", "extend", "reasonable", "transfer"])
        )
        closing = draw(st.booleans())
        stated = draw(st.booleans())
        due = day + timedelta(days=draw(st.integers(-2, 20))) if stated else None
        if kind in open_kinds and closing and open_kinds[kind]:
            open_kinds[kind] -= 1
            events.append(
                ev.CorrectionReceived(on=day)
                if kind == "correction"
                else ev.FeePaid(on=day)
                if kind == "fee"
                else ev.ConsultationAnswered(on=day, consultee=THIRD)
            )
        elif kind == "correction":
            open_kinds[kind] = 1
            events.append(ev.CorrectionRequested(on=day, due_on=due))
        elif kind == "fee":
            open_kinds[kind] = 1
            events.append(ev.FeeNoticeIssued(on=day, amount=FEE, due_on=due))
        elif kind == "consult":
            open_kinds[kind] += 1
            events.append(ev.ConsultationStarted(on=day, consultee=THIRD))
        elif kind == "extend" and not extended:
            extended = True
            events.append(ev.Extended(on=day, working_days=draw(st.integers(1, 20))))
        elif kind == "reasonable":
            events.append(ev.ReasonablePeriodSet(on=day, due_on=day + timedelta(days=60)))
        else:
            events.append(ev.Transferred(on=day, to="某局"))
    return drawn_ending(draw, received, day, events)


def _allowed(
    source: RequestState, trigger: type[ev.RequestEvent] | str, target: RequestState
) -> bool:
    return source == target or any(
        source in t.sources
        and target in t.targets
        and (t.trigger == trigger if isinstance(trigger, str) else t.trigger is trigger)
        for t in STATE_TABLE
    )


@given(r=any_histories(), after=st.integers(1, 60))
def test_the_fold_moves_only_as_the_state_table_says(r: ev.DisclosureRequest, after: int) -> None:
    tl = timeline(r)
    assert tl.state_on(r.received_on - timedelta(days=1)) is RequestState.NOT_RECEIVED
    assert _allowed(RequestState.NOT_RECEIVED, "receipt", RequestState.RECEIVED)
    day = r.received_on - timedelta(days=1)
    previous = RequestState.RECEIVED
    for point in tl.points:
        # The state on the event's day before it happened (a lapse may have come since).
        if point.event.on > day:
            before_it = timeline(r, as_of=point.event.on - timedelta(days=1))
            waiting = before_it.state_on(point.event.on)
            if waiting is not RequestState.NOT_RECEIVED:
                assert _allowed(previous, "lapse", waiting)
                previous = waiting
        assert _allowed(previous, type(point.event), point.state), (previous, point)
        previous, day = point.state, point.event.on
    later = tl.state_on(tl.last_day + timedelta(days=after))
    assert _allowed(previous, "lapse", later)
