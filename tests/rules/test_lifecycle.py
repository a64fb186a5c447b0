"""Request lifecycle: states as of any day, impossible histories, findings, timeliness."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import every_event_request
from common import request_on as req
from govdisclosure.errors import LifecycleError
from govdisclosure.model import request as ev
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.quantity import Money
from govdisclosure.rules import lifecycle as lc
from govdisclosure.rules.calendar import default_calendar
from govdisclosure.rules.history import check_history, event_name

CAL = default_calendar()
RECEIVED = date(2024, 11, 1)  # 2019 regulation; plain due day 2024-11-29
PLAIN_DUE = date(2024, 11, 29)
THIRD = ev.Consultee.THIRD_PARTY
FEE = Money(Decimal("100"))
OVERDUE_CORRECTION = Outcome.OTHER_OVERDUE_CORRECTION
OVERDUE_FEE = Outcome.OTHER_OVERDUE_FEE


def d(day: int, month: int = 11) -> date:
    return date(2024, month, day)


# -- states ----------------------------------------------------------------------------------


def test_state_timeline() -> None:
    r = every_event_request()
    expected = [
        (date(2024, 10, 31), lc.RequestState.NOT_RECEIVED),
        (d(1), lc.RequestState.RECEIVED),
        (d(4), lc.RequestState.AWAITING_CORRECTION),
        (d(8), lc.RequestState.RECEIVED),
        (d(12), lc.RequestState.IN_CONSULTATION),
        (d(14), lc.RequestState.RECEIVED),
        (d(19), lc.RequestState.AWAITING_FEE),
        (d(21), lc.RequestState.RECEIVED),
        (d(22), lc.RequestState.EXTENDED),
        (d(23), lc.RequestState.EXTENDED),
        (d(2, 12), lc.RequestState.ANSWERED),
    ]
    assert [(day, lc.state(r, as_of=day)) for day, _ in expected] == expected


def test_closed_without_handling() -> None:
    no_correction = req(RECEIVED, ev.CorrectionRequested(on=d(4), due_on=d(15)))
    assert lc.state(no_correction, as_of=d(15)) is lc.RequestState.AWAITING_CORRECTION
    closed = lc.state(no_correction, as_of=d(16))
    assert closed is lc.RequestState.CLOSED_NO_CORRECTION
    assert closed.is_final
    assert closed.is_closed_without_handling
    unpaid = req(RECEIVED, ev.FeeNoticeIssued(on=d(4), amount=FEE, due_on=d(15)))
    assert lc.state(unpaid, as_of=d(16)) is lc.RequestState.CLOSED_FEE_UNPAID
    withdrawn = req(RECEIVED, ev.Withdrawn(on=d(5)))
    assert lc.state(withdrawn, as_of=d(6)) is lc.RequestState.WITHDRAWN
    assert not lc.RequestState.ANSWERED.is_closed_without_handling
    # Without a last day in the notice a correction is awaited indefinitely; a fee has the
    # statutory 20 working days (here to 2024-12-02), then the request closes.
    open_ended = req(RECEIVED, ev.CorrectionRequested(on=d(4)))
    assert lc.state(open_ended, as_of=d(1, 12)) is lc.RequestState.AWAITING_CORRECTION
    fee_open = req(RECEIVED, ev.FeeNoticeIssued(on=d(4), amount=FEE))
    assert lc.state(fee_open, as_of=d(1, 12)) is lc.RequestState.AWAITING_FEE
    assert lc.state(fee_open, as_of=d(3, 12)) is lc.RequestState.CLOSED_FEE_UNPAID


def test_late_correction_reopens_the_request() -> None:
    r = req(
        RECEIVED, ev.CorrectionRequested(on=d(4), due_on=d(15)), ev.CorrectionReceived(on=d(20))
    )
    assert lc.state(r, as_of=d(18)) is lc.RequestState.CLOSED_NO_CORRECTION
    assert lc.state(r, as_of=d(20)) is lc.RequestState.RECEIVED


# -- impossible histories --------------------------------------------------------------------


def _raises(r: ev.DisclosureRequest, offending: ev.RequestEvent, *fragments: str) -> None:
    with pytest.raises(LifecycleError) as info:
        check_history(r)
    assert info.value.event is offending
    for fragment in fragments:
        assert fragment in str(info.value)
    assert info.value.message_zh
    # Every public entry point that reads the history refuses it too.
    with pytest.raises(LifecycleError):
        lc.state(r, as_of=d(1, 12))


def test_reply_before_receipt() -> None:
    reply = ev.Replied(on=d(31, 10), outcome=Outcome.GRANTED)
    _raises(req(RECEIVED, reply), reply, "reply on 2024-10-31 is before", "早于收到申请日期")


def test_any_event_before_receipt() -> None:
    notice = ev.CorrectionRequested(on=d(30, 10))
    _raises(req(RECEIVED, notice), notice, "correction notice on 2024-10-30")


def test_second_extension() -> None:
    second = ev.Extended(on=d(20), working_days=5)
    r = req(RECEIVED, ev.Extended(on=d(10), working_days=5), second)
    _raises(r, second, "second extension", "再次延期")


@pytest.mark.parametrize(("received", "cap"), [(RECEIVED, 20), (date(2015, 11, 2), 15)])
def test_extension_beyond_the_cap(received: date, cap: int) -> None:
    too_long = ev.Extended(on=received + timedelta(days=5), working_days=cap + 1)
    _raises(req(received, too_long), too_long, f"exceeds the {cap} allowed")
    check_history(req(received, ev.Extended(on=received + timedelta(days=5), working_days=cap)))


def test_correction_received_never_asked() -> None:
    received = ev.CorrectionReceived(on=d(8))
    _raises(req(RECEIVED, received), received, "no correction was asked", "未告知补正")
    twice = ev.CorrectionReceived(on=d(12))
    r = req(RECEIVED, ev.CorrectionRequested(on=d(4)), ev.CorrectionReceived(on=d(8)), twice)
    _raises(r, twice)


def test_consultation_answer_without_consultation() -> None:
    answer = ev.ConsultationAnswered(on=d(8), consultee=THIRD)
    _raises(req(RECEIVED, answer), answer, "none was consulted", "未征求其意见")
    other = ev.ConsultationAnswered(on=d(8), consultee=ev.Consultee.OTHER_AGENCY)
    r = req(RECEIVED, ev.ConsultationStarted(on=d(4), consultee=THIRD), other)
    _raises(r, other)


def test_events_after_final_reply_or_withdrawal() -> None:
    after = ev.Extended(on=d(25), working_days=5)
    r = req(RECEIVED, ev.Replied(on=d(20), outcome=Outcome.GRANTED), after)
    _raises(r, after, "after the final reply", "其后不应再有")
    second_reply = ev.Replied(on=d(22), outcome=Outcome.GRANTED)
    r = req(RECEIVED, ev.Withdrawn(on=d(20)), second_reply)
    _raises(r, second_reply, "after the final withdrawal")


def test_fee_paid_without_notice() -> None:
    paid = ev.FeePaid(on=d(8))
    _raises(req(RECEIVED, paid), paid, "no fee notice", "未发出收费通知")


def test_events_out_of_date_order() -> None:
    late = ev.CorrectionRequested(on=d(4))
    r = req(RECEIVED, ev.ConsultationStarted(on=d(6), consultee=THIRD), late)
    _raises(r, late, "out of date order")


def test_event_names() -> None:
    class Custom(ev.RequestEvent):
        pass

    assert event_name(Custom(on=d(1))) == ("event", "事件")
    assert event_name(ev.Transferred(on=d(1), to="某局")) == ("transfer", "移送")


def test_possible_histories_pass() -> None:
    check_history(
        req(
            RECEIVED,
            ev.CorrectionRequested(on=d(4)),
            ev.CorrectionRequested(on=d(5)),
            ev.CorrectionReceived(on=d(8)),
            ev.ConsultationStarted(on=d(11), consultee=THIRD),
            ev.ConsultationStarted(on=d(11), consultee=THIRD),
            ev.ConsultationAnswered(on=d(13), consultee=THIRD),
            ev.ConsultationAnswered(on=d(14), consultee=THIRD),
            ev.Replied(on=d(20), outcome=Outcome.WITHHELD_THIRD_PARTY),
        )
    )


# -- findings --------------------------------------------------------------------------------


def test_late_correction_notice_is_a_finding_not_an_error() -> None:
    notice = ev.CorrectionRequested(on=d(12))  # 7 working days from 11-01 end on 11-12
    assert lc.findings(req(RECEIVED, notice)) == ()
    late = ev.CorrectionRequested(on=d(13))
    (finding,) = lc.findings(req(RECEIVED, late))
    assert finding.kind is lc.IrregularityKind.LATE_CORRECTION_NOTICE
    assert finding.due_on == d(12)
    assert finding.event is late
    # The 2008 text set no period for the notice.
    assert lc.findings(req(date(2015, 11, 2), ev.CorrectionRequested(on=date(2015, 12, 1)))) == ()


def test_repeated_correction_notice_finding() -> None:
    r = req(
        RECEIVED,
        ev.CorrectionRequested(on=d(4)),
        ev.CorrectionReceived(on=d(6)),
        ev.CorrectionRequested(on=d(8)),
    )
    assert [f.kind for f in lc.findings(r)] == [lc.IrregularityKind.REPEATED_CORRECTION_NOTICE]


def test_late_extension_and_late_reply_findings() -> None:
    extension = ev.Extended(on=d(2, 12), working_days=10)
    reply = ev.Replied(on=d(20, 12), outcome=Outcome.GRANTED)
    r = req(RECEIVED, extension, reply)
    kinds = [(f.kind, f.due_on) for f in lc.findings(r)]
    assert kinds == [
        (lc.IrregularityKind.LATE_EXTENSION, PLAIN_DUE),
        (lc.IrregularityKind.LATE_REPLY, CAL.add_workdays(RECEIVED, 30)),
    ]
    in_time = ev.Replied(on=d(13, 12), outcome=Outcome.GRANTED)
    on_time = req(RECEIVED, ev.Extended(on=d(28), working_days=10), in_time)
    assert lc.findings(on_time) == ()
    assert lc.findings(r, as_of=d(1, 12)) == ()


# -- timeliness ------------------------------------------------------------------------------


def test_is_overdue() -> None:
    r = req(RECEIVED)
    assert not lc.is_overdue(r, as_of=PLAIN_DUE)
    assert lc.is_overdue(r, as_of=PLAIN_DUE + timedelta(days=1))
    assert not lc.is_overdue(r, as_of=d(31, 10))
    answered = req(RECEIVED, ev.Replied(on=d(10, 12), outcome=Outcome.GRANTED))
    assert not lc.is_overdue(answered, as_of=d(20, 12))
    assert lc.is_overdue(answered, as_of=d(5, 12))
    waiting = req(RECEIVED, ev.CorrectionRequested(on=d(4)))
    assert not lc.is_overdue(waiting, as_of=d(20, 12))


def test_status() -> None:
    r = req(RECEIVED, ev.Replied(on=d(10, 12), outcome=Outcome.GRANTED))
    s = lc.status(r, as_of=d(20, 12))
    assert s.state is lc.RequestState.ANSWERED
    assert s.outcome is Outcome.GRANTED
    assert not s.overdue
    assert s.reply_due is not None
    assert s.reply_due.due_on == PLAIN_DUE
    assert [f.kind for f in s.findings] == [lc.IrregularityKind.LATE_REPLY]
    before = lc.status(r, as_of=d(31, 10))
    assert before.state is lc.RequestState.NOT_RECEIVED
    assert before.reply_due is None
    assert lc.status(r, as_of=d(2, 12)).overdue


def test_response_time() -> None:
    assert lc.response_time(req(RECEIVED)) is None
    assert lc.replied_on_time(req(RECEIVED)) is None
    r = req(
        RECEIVED,
        ev.ConsultationStarted(on=d(6), consultee=THIRD),
        ev.ConsultationAnswered(on=d(12), consultee=THIRD),
        ev.Replied(on=d(5, 12), outcome=Outcome.PARTIALLY_GRANTED),
    )
    rt = lc.response_time(r)
    assert rt is not None
    assert rt.working_days == 20  # 24 working days elapsed, 4 of them paused
    assert rt.elapsed_working_days == 24
    assert rt.calendar_days == 34
    assert rt.on_time
    assert rt.outcome is Outcome.PARTIALLY_GRANTED
    assert lc.replied_on_time(r) is True
    late = req(RECEIVED, ev.Replied(on=d(2, 12), outcome=Outcome.GRANTED))
    assert lc.replied_on_time(late) is False


def test_reply_during_a_consultation_counts_only_the_days_before_it() -> None:
    r = req(
        RECEIVED,
        ev.ConsultationStarted(on=d(6), consultee=THIRD),
        ev.Replied(on=d(8), outcome=Outcome.GRANTED),
    )
    rt = lc.response_time(r)
    assert rt is not None
    assert rt.working_days == 3  # 11-04, 11-05, 11-06; the consultation days are not counted


# -- invariants ------------------------------------------------------------------------------


@st.composite
def histories(draw: st.DrawFn) -> ev.DisclosureRequest:
    received = draw(st.dates(min_value=date(2008, 5, 1), max_value=date(2025, 12, 31)))
    day = received
    events: list[ev.RequestEvent] = []
    extended = False
    for _ in range(draw(st.integers(0, 5))):
        day += timedelta(days=draw(st.integers(0, 12)))
        kind = draw(st.sampled_from(["correction", "consult", "extend", "fee", "transfer"]))
        if kind == "correction":
            events.append(ev.CorrectionRequested(on=day, due_on=day + timedelta(days=10)))
            if draw(st.booleans()):
                day += timedelta(days=draw(st.integers(0, 15)))
                events.append(ev.CorrectionReceived(on=day))
        elif kind == "consult":
            events.append(ev.ConsultationStarted(on=day, consultee=THIRD))
            if draw(st.booleans()):
                day += timedelta(days=draw(st.integers(0, 30)))
                events.append(ev.ConsultationAnswered(on=day, consultee=THIRD))
        elif kind == "extend" and not extended:
            events.append(ev.Extended(on=day, working_days=draw(st.integers(1, 15))))
            extended = True
        elif kind == "fee":
            events.append(ev.FeeNoticeIssued(on=day, amount=FEE, due_on=day + timedelta(days=10)))
        else:
            events.append(ev.Transferred(on=day, to="某局"))
    ending = draw(st.sampled_from(["open", "reply", "withdraw"]))
    day += timedelta(days=draw(st.integers(0, 40)))
    if ending == "reply":
        # 逾期不补正 / 逾期未缴费 need a matching history (tested on their own below).
        outcomes = [o for o in Outcome if o not in (OVERDUE_CORRECTION, OVERDUE_FEE)]
        events.append(ev.Replied(on=day, outcome=draw(st.sampled_from(outcomes))))
    elif ending == "withdraw":
        events.append(ev.Withdrawn(on=day))
    return req(received, *events)


@given(r=histories(), offset=st.integers(-5, 200))
def test_lifecycle_invariants(r: ev.DisclosureRequest, offset: int) -> None:
    as_of = r.received_on + timedelta(days=offset)
    current = lc.state(r, as_of=as_of)
    assert (current is lc.RequestState.NOT_RECEIVED) == (as_of < r.received_on)
    if current is lc.RequestState.NOT_RECEIVED:
        return
    # Final states are final: the same state on every later day.
    if current in (lc.RequestState.ANSWERED, lc.RequestState.WITHDRAWN):
        assert lc.state(r, as_of=as_of + timedelta(days=365)) is current
    overdue = lc.is_overdue(r, as_of=as_of)
    assert not (overdue and current.is_final)
    due = lc.status(r, as_of=as_of).reply_due
    assert due is not None
    assert CAL.is_workday(due.due_on)
    assert due.due_on > due.clock_start >= r.received_on
    # The deadline never comes before the plain period from receipt.
    assert due.due_on >= CAL.add_workdays(r.received_on, due.regulation.reply_working_days)
