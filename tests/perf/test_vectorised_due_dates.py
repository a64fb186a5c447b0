"""The vectorised due dates equal rules.due_date on every request, errors included."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import extra, optional, request_on
from govdisclosure.errors import CalendarDataUnavailable, LifecycleError
from govdisclosure.model.applicant import Applicant, ApplicantKind
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.request import (
    ConsultationAnswered,
    ConsultationStarted,
    Consultee,
    DisclosureRequest,
    Extended,
    Replied,
    RequestEvent,
    Transferred,
    Withdrawn,
)
from govdisclosure.rules import due_date
from govdisclosure.rules.calendar import default_calendar
from govdisclosure.rules.regulation import NoRegulationInForce
from govdisclosure.rules.vectorised import due_date_array, request_due_dates

pytestmark = extra("fast")
np = optional("numpy")

FIRST = date(2008, 5, 1)
LAST = date(2026, 11, 30)  # periods from here still end inside the official data
APPLICANT = Applicant(ApplicantKind.NATURAL_PERSON)


@st.composite
def requests(draw: st.DrawFn) -> DisclosureRequest:
    """Requests without events, with one extension, with neutral events, or with others."""
    received = draw(st.dates(FIRST, LAST))
    events: list[RequestEvent] = []
    day = received
    for _ in range(draw(st.integers(0, 3))):
        day += timedelta(days=draw(st.integers(-2, 15)))
        kind = draw(st.sampled_from(["extended", "transferred", "replied", "withdrawn", "other"]))
        if kind == "extended":
            events.append(Extended(on=day, working_days=draw(st.integers(1, 22))))
        elif kind == "transferred":
            events.append(Transferred(on=day, to="某局"))
        elif kind == "replied":
            events.append(Replied(on=day, outcome=draw(st.sampled_from(Outcome))))
        elif kind == "withdrawn":
            events.append(Withdrawn(on=day))
        else:
            events.append(ConsultationStarted(on=day, consultee=Consultee.THIRD_PARTY))
            events.append(
                ConsultationAnswered(on=day + timedelta(3), consultee=Consultee.THIRD_PARTY)
            )
    return request_on(received, *events)


def _outcome(request: DisclosureRequest) -> object:
    try:
        return due_date(request).due_on
    except (LifecycleError, LookupError) as exc:
        return type(exc)


@given(st.lists(requests(), max_size=12))
def test_request_due_dates_equal_due_date(items: list[DisclosureRequest]) -> None:
    expected = [_outcome(r) for r in items]
    errors = [e for e in expected if isinstance(e, type)]
    if errors:
        with pytest.raises(errors[0]):
            request_due_dates(items)
    else:
        assert request_due_dates(items) == expected


@given(
    st.lists(
        # Up to October: 20 + 20 working days from there still end inside the official data.
        st.tuples(st.dates(FIRST, date(2026, 10, 1)), st.integers(0, 20), st.dates(FIRST, LAST)),
        max_size=20,
    ),
    st.booleans(),
)
def test_arrays_and_explanations_equal_due_date(
    rows: list[tuple[date, int, date]], estimate: bool
) -> None:
    cal = default_calendar(estimate=estimate)
    rows = [(r, e if r >= date(2019, 5, 15) else min(e, 15), on) for r, e, on in rows]
    requests = [
        request_on(r, *((Extended(on=max(on, r), working_days=e),) if e else ()))
        for r, e, on in rows
    ]
    result = due_date_array(
        [r for r, _, _ in rows],
        [e for _, e, _ in rows],
        extended_on=[max(on, r) for r, _, on in rows],
        calendar=cal,
    )
    assert len(result) == len(rows)
    for i, request in enumerate(requests):
        expected = due_date(request, calendar=cal)
        assert result.dates[i] == np.datetime64(expected.due_on, "D")
        assert bool(result.estimated[i]) is expected.estimated
        explained = result.explain(i)
        assert explained == expected
        assert explained.explain().steps == expected.explain().steps
        assert result.regulation_codes[i] == expected.regulation.code
        assert int(result.working_days[i]) == expected.working_days


def test_estimating_calendar_reaches_beyond_the_data() -> None:
    cal = default_calendar(estimate=True)
    result = due_date_array(["2026-12-30", "2024-09-27"], calendar=cal)
    assert result.estimated.tolist() == [True, False]
    assert result.explain(0) == due_date(request_on(date(2026, 12, 30)), calendar=cal)


@pytest.mark.parametrize(
    ("received", "extension", "error", "match"),
    [
        (["2008-04-30"], None, NoRegulationInForce, "2008-04-30"),
        (["2003-06-01"], None, NoRegulationInForce, "2003-06-01"),
        (["2024-09-27", "2026-12-30"], None, CalendarDataUnavailable, "2027"),
        (["2024-09-27", "2027-03-01"], None, CalendarDataUnavailable, "2027"),
        (["2024-09-27", "2018-03-01"], [0, 16], LifecycleError, "row 1: .* 16 .* 15 "),
        (["2024-09-27"], [-1], LifecycleError, "positive"),
        (["2024-09-27", "NaT"], None, ValueError, r"received_on\[1\] is missing"),
    ],
)
def test_errors_name_the_first_row_at_fault(
    received: list[str], extension: list[int] | None, error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        due_date_array(received, extension)


def test_shapes_are_checked() -> None:
    with pytest.raises(ValueError, match="one-dimensional"):
        due_date_array([["2024-09-27"]])
    with pytest.raises(ValueError, match="extension_days"):
        due_date_array(["2024-09-27"], [1, 2])
    with pytest.raises(ValueError, match="extended_on"):
        due_date_array(["2024-09-27"], [1], extended_on=["2024-09-28", "2024-09-29"])


def test_empty_input() -> None:
    result = due_date_array(np.array([], "datetime64[D]"))
    assert len(result) == 0
    assert request_due_dates([]) == []


def test_explanation_without_extension_day() -> None:
    for extended_on in (None, np.array(["NaT"], "datetime64[D]")):
        extension = (
            due_date_array(["2024-09-27"], [20], extended_on=extended_on).explain(0).extension
        )
        assert extension is not None
        assert extension.granted_on is None
        assert extension.working_days == 20


def test_request_errors_come_from_due_date_in_order() -> None:
    too_long = request_on(date(2018, 3, 1), Extended(on=date(2018, 3, 2), working_days=16))
    consulted = request_on(
        date(2024, 9, 27),
        *(
            ConsultationStarted(on=date(2024, 9, 30), consultee=Consultee.THIRD_PARTY),
            Extended(on=date(2024, 9, 29), working_days=5),
        ),
    )
    with pytest.raises(LifecycleError, match="16 working days exceeds the 15"):
        request_due_dates([request_on(date(2024, 9, 27)), too_long])
    with pytest.raises(LifecycleError, match="16 working days exceeds the 15"):
        request_due_dates([too_long, consulted])
    with pytest.raises(LifecycleError, match="out of date order"):
        request_due_dates([request_on(date(2024, 9, 27)), consulted, too_long])
