"""A request's state, derived from its events as of any day, and its timeliness.

Nothing here is stored: :func:`state` and :func:`status` read the request's one
:class:`~govdisclosure.rules.fold.Timeline` (its events folded once, as of ``as_of``) under the
regulation in force on the day of receipt. An impossible history raises
:class:`~govdisclosure.errors.LifecycleError` (see
:func:`~govdisclosure.rules.check_history`); a possible but irregular one (a late
correction notice, an extension granted after the reply was already due, a second correction
notice) yields :class:`Irregularity` values instead, because such histories happen and must be
counted, not refused.

>>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
>>> from govdisclosure.model.request import DisclosureRequest, CorrectionRequested
>>> req = DisclosureRequest(
...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
...     received_on=date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算",
...     events=(CorrectionRequested(on=date(2024, 10, 8), due_on=date(2024, 10, 22)),),
... )
>>> state(req, as_of=date(2024, 10, 9)).label
'待补正'
>>> state(req, as_of=date(2024, 10, 23)).label_en
'closed: not corrected in time'
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import attrs

from govdisclosure.model.outcome import Outcome
from govdisclosure.rules.calendar import WorkdayCalendar, default_calendar
from govdisclosure.rules.deadlines import DueDate
from govdisclosure.rules.fold import (
    Irregularity,
    IrregularityKind,
    RequestState,
    Timeline,
    timeline,
)
from govdisclosure.rules.regulation import Regulation, regulation_in_force

if TYPE_CHECKING:
    from govdisclosure.model.request import DisclosureRequest

__all__ = [
    "Irregularity",
    "IrregularityKind",
    "RequestState",
    "RequestStatus",
    "ResponseTime",
    "findings",
    "is_overdue",
    "replied_on_time",
    "response_time",
    "state",
    "status",
]


def state(
    request: DisclosureRequest, *, as_of: date, calendar: WorkdayCalendar | None = None
) -> RequestState:
    """The state of ``request`` on ``as_of``, from the events on or before that day.

    Precedence when several hold: a final event (reply, withdrawal) wins; then awaiting
    correction (or closed for lack of one after the notice's last day); then awaiting a fee (or
    closed for non-payment after the notice's day, or the statutory 20 working days when it
    states none); then an open consultation; then an extension or Art. 35 reasonable period;
    else received. A transfer (:class:`~govdisclosure.model.request.Transferred`) does not change
    the state: the agency still owes a reply.

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.request import DisclosureRequest, Replied
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算")
    >>> state(req, as_of=date(2024, 9, 26)), state(req, as_of=date(2024, 9, 27))
    (<RequestState.NOT_RECEIVED: 'not-received'>, <RequestState.RECEIVED: 'received'>)
    """
    if as_of < request.received_on:
        return RequestState.NOT_RECEIVED
    return timeline(request, as_of=as_of, calendar=calendar).state


def findings(
    request: DisclosureRequest,
    *,
    as_of: date | None = None,
    calendar: WorkdayCalendar | None = None,
) -> tuple[Irregularity, ...]:
    """Irregular facts in the history (events on or before ``as_of``).

    A correction notice later than the 2019 text's 7 working days is a *finding*, not an error:
    the notice still happened and the reply clock still restarts on the corrected application.

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.request import CorrectionRequested, DisclosureRequest
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算",
    ...     events=(CorrectionRequested(on=date(2024, 10, 14)),))
    >>> [(f.kind.code, f.due_on.isoformat()) for f in findings(req)]
    [('late-correction-notice', '2024-10-12')]
    """
    return timeline(request, as_of=as_of, calendar=calendar).findings


@attrs.frozen
class RequestStatus:
    """Everything about a request on one day: state, deadline, overdue flag, findings.

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.request import DisclosureRequest, Replied
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算")
    >>> s = status(req, as_of=date(2024, 10, 31))
    >>> s.state.label, s.reply_due.due_on, s.overdue
    ('办理中', datetime.date(2024, 10, 30), True)
    """

    state: RequestState
    as_of: date
    regulation: Regulation
    reply_due: DueDate | None
    """The reply deadline as it stood on ``as_of`` (``None`` before receipt)."""
    overdue: bool
    outcome: Outcome | None = None
    findings: tuple[Irregularity, ...] = ()


def status(
    request: DisclosureRequest, *, as_of: date, calendar: WorkdayCalendar | None = None
) -> RequestStatus:
    """The full :class:`RequestStatus` of ``request`` on ``as_of`` (one fold of the events)."""
    reg = regulation_in_force(request.received_on)
    if as_of < request.received_on:
        return RequestStatus(RequestState.NOT_RECEIVED, as_of, reg, None, False)
    tl = timeline(request, as_of=as_of, calendar=calendar)
    current = tl.state
    return RequestStatus(
        current,
        as_of,
        reg,
        tl.due,
        _overdue(tl, as_of),
        tl.reply.outcome if tl.reply else None,
        tl.findings,
    )


def _overdue(tl: Timeline, as_of: date) -> bool:
    if tl.state.is_final:
        return False
    due = tl.due
    return due.suspended_by is None and as_of > due.due_on


def is_overdue(
    request: DisclosureRequest, *, as_of: date, calendar: WorkdayCalendar | None = None
) -> bool:
    """True if a reply is owed on ``as_of`` and its deadline has passed.

    Not overdue: answered or closed requests (see :func:`replied_on_time` for those), and a
    request whose clock is suspended (awaiting correction, an open consultation, or a fee the
    applicant has not paid yet: that time is the applicant's, not the agency's).

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.request import DisclosureRequest, Replied
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=date(2025, 1, 24), method=SubmissionMethod.ONLINE, description="预算")
    >>> is_overdue(req, as_of=date(2025, 2, 27)), is_overdue(req, as_of=date(2025, 2, 28))
    (False, True)
    """
    if as_of < request.received_on:
        return False
    return _overdue(timeline(request, as_of=as_of, calendar=calendar), as_of)


@attrs.frozen
class ResponseTime:
    """How long the agency took to reply: the inputs of response-time statistics.

    ``working_days`` counts the working days the regulation counts (from the clock start, minus
    paused consultation days); ``elapsed_working_days`` and ``calendar_days`` are the raw spans
    from receipt to reply.
    """

    replied_on: date
    outcome: Outcome
    due: DueDate
    working_days: int
    elapsed_working_days: int
    calendar_days: int

    @property
    def on_time(self) -> bool:
        """True if the reply came on or before its deadline."""
        return self.replied_on <= self.due.due_on


def response_time(
    request: DisclosureRequest, *, calendar: WorkdayCalendar | None = None
) -> ResponseTime | None:
    """Working days taken to reply and whether that was on time (``None`` without a reply).

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.request import DisclosureRequest, Replied
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算",
    ...     events=(Replied(on=date(2024, 10, 14), outcome=Outcome.GRANTED),))
    >>> rt = response_time(req)
    >>> rt.working_days, rt.calendar_days, rt.on_time
    (8, 17, True)
    """
    reply = request.reply
    if reply is None:
        return None
    cal = calendar if calendar is not None else default_calendar()
    due = timeline(request, as_of=reply.on, calendar=cal).due
    return ResponseTime(
        replied_on=reply.on,
        outcome=reply.outcome,
        due=due,
        working_days=due.counted_through(reply.on),
        elapsed_working_days=cal.count_workdays(request.received_on, reply.on),
        calendar_days=(reply.on - request.received_on).days,
    )


def replied_on_time(
    request: DisclosureRequest, *, calendar: WorkdayCalendar | None = None
) -> bool | None:
    """Whether the reply met its deadline (``None`` when there is no reply yet).

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.request import DisclosureRequest, Replied
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算")
    >>> replied_on_time(req) is None
    True
    """
    rt = response_time(request, calendar=calendar)
    return None if rt is None else rt.on_time
