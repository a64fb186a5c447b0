"""The one-pass fold of common histories (rules.fold.common_fold) against the general fold."""

from __future__ import annotations

import importlib
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import given
from hypothesis import strategies as st

from common import drawn_ending
from common import request_on as req
from govdisclosure.errors import CalendarDataUnavailable, LifecycleError
from govdisclosure.formatting import format_explanation
from govdisclosure.model import request as ev
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.quantity import Money
from govdisclosure.rules import (
    REGULATION_2008,
    REGULATION_2019,
    DueDate,
    default_calendar,
    due_date,
    regulation_in_force,
    timeline,
)
from govdisclosure.rules.fold import common_fold

if TYPE_CHECKING:
    import pytest

CAL = default_calendar()
ESTIMATING = default_calendar(estimate=True)
# The module (the package's `deadlines` name is the function of that name).
DEADLINES = importlib.import_module("govdisclosure.rules.deadlines")
CONSULTEES = st.sampled_from(list(ev.Consultee))
# Receipt under both texts, up to the end of the calendar data (late ones run past it).
RECEIVED = st.dates(date(2008, 5, 1), date(2026, 12, 31))


@st.composite
def common_histories(draw: st.DrawFn) -> ev.DisclosureRequest:
    """Possible histories of the common kinds: consultations, one extension, transfers, an end."""
    received = draw(RECEIVED)
    reg = regulation_in_force(received)
    day = received
    events: list[ev.RequestEvent] = []
    open_consultations: list[ev.Consultee] = []
    extended = False
    for _ in range(draw(st.integers(0, 6))):
        day += timedelta(days=draw(st.integers(0, 20)))
        kind = draw(st.sampled_from(["consult", "answer", "extend", "transfer"]))
        if kind == "answer" and open_consultations:
            consultee = open_consultations.pop(draw(st.integers(0, len(open_consultations) - 1)))
            events.append(ev.ConsultationAnswered(on=day, consultee=consultee))
        elif kind == "extend" and not extended:
            extended = True
            days = draw(st.integers(1, reg.extension_max_working_days))
            events.append(ev.Extended(on=day, working_days=days))
        elif kind == "transfer":
            events.append(ev.Transferred(on=day, to="某局"))
        else:
            consultee = draw(CONSULTEES)
            open_consultations.append(consultee)
            events.append(ev.ConsultationStarted(on=day, consultee=consultee))
    return drawn_ending(draw, received, day, events)


def _odd_event(draw: st.DrawFn, day: date) -> ev.RequestEvent:
    """An event that makes a common history impossible, or not common."""
    return draw(
        st.sampled_from(
            [
                ev.ConsultationAnswered(on=day, consultee=ev.Consultee.THIRD_PARTY),
                ev.ConsultationAnswered(on=day, consultee=ev.Consultee.OTHER_AGENCY),
                ev.Extended(on=day, working_days=10),
                ev.Extended(on=day, working_days=20),
                ev.Extended(on=day, working_days=25),
                ev.Replied(on=day, outcome=Outcome.GRANTED),
                ev.Replied(on=day, outcome=Outcome.OTHER_OVERDUE_CORRECTION),
                ev.Replied(on=day, outcome=Outcome.OTHER_OVERDUE_FEE),
                ev.Withdrawn(on=day),
                ev.CorrectionRequested(on=day, due_on=day + timedelta(days=10)),
                ev.CorrectionReceived(on=day),
                ev.FeeNoticeIssued(on=day, amount=Money(Decimal("100"))),
                ev.ReasonablePeriodSet(on=day, due_on=day + timedelta(days=60)),
            ]
        )
    )


@st.composite
def perturbed_histories(draw: st.DrawFn) -> ev.DisclosureRequest:
    """A common history with an event inserted anywhere, on any day near its neighbours."""
    request = draw(common_histories())
    events = list(request.events)
    index = draw(st.integers(0, len(events)))
    near = events[index - 1].on if index else request.received_on
    day = near + timedelta(days=draw(st.integers(-3, 10)))
    events.insert(index, _odd_event(draw, day))
    return req(request.received_on, *events)


def _outcome(compute: object) -> object:
    """The value of ``compute()``, or the type and text of the library error it raises."""
    assert callable(compute)
    try:
        return compute()
    except (LifecycleError, CalendarDataUnavailable) as error:
        return type(error), str(error)


def _assert_fold_agrees(r: ev.DisclosureRequest, as_of: date | None) -> None:
    reg = regulation_in_force(r.received_on)
    facts = common_fold(r, as_of, reg)
    general = timeline(r, as_of=as_of, calendar=CAL, strict=False)
    if facts is not None:
        assert general.impossibilities == ()
        assert general.correction is None
        assert general.fees == ()
        assert general.reasonable_period is None
        assert general.clock_start == r.received_on
        assert facts == (general.extension, general.consultations)
    for cal in (CAL, ESTIMATING):
        fast = _outcome(lambda cal=cal: due_date(r, calendar=cal, as_of=as_of))
        slow = _outcome(lambda cal=cal: timeline(r, as_of=as_of, calendar=cal).due)
        assert fast == slow
        if isinstance(fast, DueDate) and isinstance(slow, DueDate):
            assert format_explanation(fast, locale="en") == format_explanation(slow, locale="en")


def _as_of(data: st.DataObject, r: ev.DisclosureRequest) -> date | None:
    """None, a day after receipt, or (often) the day of one of the events, where it matters."""
    days = [e.on for e in r.events] or [r.received_on]
    after = st.integers(0, 120).map(lambda n: r.received_on + timedelta(days=n))
    return data.draw(st.none() | after | st.sampled_from(days))


@given(r=common_histories(), data=st.data())
def test_the_common_fold_takes_every_common_history_and_agrees(
    r: ev.DisclosureRequest, data: st.DataObject
) -> None:
    as_of = _as_of(data, r)
    assert common_fold(r, as_of, regulation_in_force(r.received_on)) is not None
    _assert_fold_agrees(r, as_of)


@given(r=perturbed_histories(), data=st.data())
def test_the_common_fold_agrees_or_leaves_the_history_to_the_general_fold(
    r: ev.DisclosureRequest, data: st.DataObject
) -> None:
    _assert_fold_agrees(r, _as_of(data, r))


def test_the_common_fold_refuses_what_it_cannot_take() -> None:
    received = date(2024, 9, 27)
    asked = ev.ConsultationStarted(on=date(2024, 10, 8), consultee=ev.Consultee.THIRD_PARTY)
    answer = ev.ConsultationAnswered(on=date(2024, 10, 9), consultee=ev.Consultee.THIRD_PARTY)
    ext = ev.Extended(on=date(2024, 10, 10), working_days=10)
    refused = [
        (asked, ev.Transferred(on=date(2024, 10, 7), to="某局")),  # out of date order
        (ev.Transferred(on=date(2024, 9, 26), to="某局"),),  # before receipt
        (answer,),  # nobody was consulted
        (asked, ev.ConsultationAnswered(on=date(2024, 10, 9), consultee=ev.Consultee.OTHER_AGENCY)),
        (ext, ev.Extended(on=date(2024, 10, 11), working_days=5)),  # a second extension
        (ev.Extended(on=date(2024, 10, 10), working_days=21),),  # longer than allowed
        (ev.Replied(on=date(2024, 10, 10), outcome=Outcome.GRANTED), ext),  # after the reply
        (ev.Withdrawn(on=date(2024, 10, 10)), ext),  # after the withdrawal
        (ev.Replied(on=date(2024, 10, 10), outcome=Outcome.OTHER_OVERDUE_FEE),),
        (ev.CorrectionRequested(on=date(2024, 10, 8)),),  # not a common kind
    ]
    for events in refused:
        assert common_fold(req(received, *events), None, REGULATION_2019) is None, events


def test_the_common_fold_reads_the_regulation() -> None:
    # Under 2008 only third-party consultation stops the clock; the answer is still checked.
    received = date(2018, 9, 3)
    other = ev.ConsultationStarted(on=date(2018, 9, 5), consultee=ev.Consultee.OTHER_AGENCY)
    third = ev.ConsultationStarted(on=date(2018, 9, 6), consultee=ev.Consultee.THIRD_PARTY)
    answer = ev.ConsultationAnswered(on=date(2018, 9, 10), consultee=ev.Consultee.OTHER_AGENCY)
    r = req(received, other, third, answer)
    assert common_fold(r, None, REGULATION_2008) == (None, ((third, None),))
    assert common_fold(r, date(2018, 9, 5), REGULATION_2008) == (None, ())
    # An extension the 2019 text allows is too long under 2008 (15 working days).
    ext = req(received, ev.Extended(on=date(2018, 9, 10), working_days=20))
    assert common_fold(ext, None, REGULATION_2019) is not None
    assert common_fold(ext, None, REGULATION_2008) is None


def test_due_date_takes_the_common_fold_without_the_timeline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[ev.DisclosureRequest] = []
    general = DEADLINES.timeline

    def counting_timeline(request: ev.DisclosureRequest, **kwargs: object) -> object:
        calls.append(request)
        return general(request, **kwargs)

    monkeypatch.setattr(DEADLINES, "timeline", counting_timeline)
    received = date(2024, 9, 27)
    common = req(
        received,
        ev.ConsultationStarted(on=date(2024, 9, 30), consultee=ev.Consultee.THIRD_PARTY),
        ev.ConsultationAnswered(on=date(2024, 10, 9), consultee=ev.Consultee.THIRD_PARTY),
        ev.Extended(on=date(2024, 10, 11), working_days=10),
    )
    other = req(received, ev.CorrectionRequested(on=date(2024, 10, 8)))
    # 20 + 10 working days; 2024-10-08 and 10-09 (the consultation) are not counted.
    assert due_date(common).due_on == date(2024, 11, 15)
    assert calls == []
    due_date(other)
    assert calls == [other]
