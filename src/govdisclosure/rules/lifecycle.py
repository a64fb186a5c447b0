"""A request's state, derived from its events as of any day, and its timeliness.

Nothing here is stored: :func:`state` and :func:`status` read the events on or before ``as_of``
under the regulation in force on the day of receipt. An impossible history raises
:class:`~govdisclosure.errors.LifecycleError` (see
:func:`~govdisclosure.rules.check_history`); a possible but irregular one (a late
correction notice, an extension granted after the reply was already due, a second correction
notice) yields :class:`Finding` values instead, because such histories happen and must be
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

import attrs

from govdisclosure.model.base import LabelledEnum
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.request import (
    ConsultationAnswered,
    ConsultationStarted,
    CorrectionReceived,
    CorrectionRequested,
    DisclosureRequest,
    Extended,
    FeeNoticeIssued,
    FeePaid,
    Replied,
    RequestEvent,
    Withdrawn,
)
from govdisclosure.rules.calendar import WorkdayCalendar, default_calendar
from govdisclosure.rules.deadlines import DueDate, due_date
from govdisclosure.rules.history import check_history
from govdisclosure.rules.regulation import Regulation, regulation_in_force

__all__ = [
    "Finding",
    "FindingKind",
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


class RequestState(LabelledEnum):
    """Where a request stands on a given day.

    >>> RequestState.IN_CONSULTATION.label, RequestState.ANSWERED.is_final
    ('征求意见中', True)
    """

    NOT_RECEIVED = "not-received", "尚未收到", "not yet received"
    RECEIVED = "received", "办理中", "received, being handled"
    AWAITING_CORRECTION = "awaiting-correction", "待补正", "awaiting correction"
    IN_CONSULTATION = "in-consultation", "征求意见中", "in consultation"
    AWAITING_FEE = "awaiting-fee", "待缴费", "awaiting fee payment"
    EXTENDED = "extended", "已延期答复", "extended"
    ANSWERED = "answered", "已答复", "answered"
    CLOSED_NO_CORRECTION = (
        "closed-no-correction",
        "逾期未补正，不再处理",
        "closed: not corrected in time",
    )
    CLOSED_FEE_UNPAID = "closed-fee-unpaid", "逾期未缴费，不再处理", "closed: fee not paid in time"
    WITHDRAWN = "withdrawn", "已撤回", "withdrawn"

    @property
    def is_final(self) -> bool:
        """True once the request is answered or closed (no reply is owed any more)."""
        return self in _FINAL

    @property
    def is_closed_without_handling(self) -> bool:
        """True when the request ended without a reply on the merits."""
        return self in _FINAL and self is not RequestState.ANSWERED


_FINAL = frozenset(
    {
        RequestState.ANSWERED,
        RequestState.CLOSED_NO_CORRECTION,
        RequestState.CLOSED_FEE_UNPAID,
        RequestState.WITHDRAWN,
    }
)


class FindingKind(LabelledEnum):
    """Irregular but possible facts in a history.

    >>> FindingKind.LATE_CORRECTION_NOTICE.label
    '补正告知超过7个工作日'
    """

    LATE_CORRECTION_NOTICE = (
        "late-correction-notice",
        "补正告知超过7个工作日",
        "correction notice later than 7 working days after receipt",
    )
    REPEATED_CORRECTION_NOTICE = (
        "repeated-correction-notice",
        "多次告知补正",
        "more than one correction notice (the law asks for one notice listing everything)",
    )
    LATE_EXTENSION = (
        "late-extension",
        "答复期限届满后延期",
        "extension decided after the reply period had run out",
    )
    LATE_REPLY = "late-reply", "逾期答复", "reply after the deadline"


@attrs.frozen
class Finding:
    """An irregular fact in a request's history, with the event it concerns.

    >>> Finding(FindingKind.LATE_REPLY, date(2024, 11, 1)).kind.label
    '逾期答复'
    """

    kind: FindingKind
    on: date
    """The day of the irregular act."""
    due_on: date | None = None
    """The deadline it missed, if any."""
    event: RequestEvent | None = None


def _visible(request: DisclosureRequest, as_of: date | None) -> tuple[RequestEvent, ...]:
    if as_of is None:
        return request.events
    return tuple(e for e in request.events if e.on <= as_of)


def state(request: DisclosureRequest, *, as_of: date) -> RequestState:
    """The state of ``request`` on ``as_of``, from the events on or before that day.

    Precedence when several hold: a final event (reply, withdrawal) wins; then awaiting
    correction (or closed for lack of one after the notice's last day); then awaiting a fee (or
    closed for non-payment); then an open consultation; then an extension; else received.
    A transfer (:class:`~govdisclosure.model.request.Transferred`) does not change the state: the
    agency still owes a reply.

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算")
    >>> state(req, as_of=date(2024, 9, 26)), state(req, as_of=date(2024, 9, 27))
    (<RequestState.NOT_RECEIVED: 'not-received'>, <RequestState.RECEIVED: 'received'>)
    """
    if as_of < request.received_on:
        return RequestState.NOT_RECEIVED
    check_history(request)
    correction: CorrectionRequested | None = None
    fee: FeeNoticeIssued | None = None
    consulting = 0
    extended = False
    for event in _visible(request, as_of):
        if isinstance(event, Replied):
            return RequestState.ANSWERED
        if isinstance(event, Withdrawn):
            return RequestState.WITHDRAWN
        if isinstance(event, CorrectionRequested):
            correction = event
        elif isinstance(event, CorrectionReceived):
            correction = None
        elif isinstance(event, FeeNoticeIssued):
            fee = event
        elif isinstance(event, FeePaid):
            fee = None
        elif isinstance(event, ConsultationStarted):
            consulting += 1
        elif isinstance(event, ConsultationAnswered):
            consulting -= 1
        elif isinstance(event, Extended):
            extended = True
    if correction is not None:
        if correction.due_on is not None and as_of > correction.due_on:
            return RequestState.CLOSED_NO_CORRECTION
        return RequestState.AWAITING_CORRECTION
    if fee is not None:
        if fee.due_on is not None and as_of > fee.due_on:
            return RequestState.CLOSED_FEE_UNPAID
        return RequestState.AWAITING_FEE
    if consulting:
        return RequestState.IN_CONSULTATION
    if extended:
        return RequestState.EXTENDED
    return RequestState.RECEIVED


def findings(
    request: DisclosureRequest,
    *,
    as_of: date | None = None,
    calendar: WorkdayCalendar | None = None,
) -> tuple[Finding, ...]:
    """Irregular facts in the history (events on or before ``as_of``).

    A correction notice later than the 2019 text's 7 working days is a *finding*, not an error:
    the notice still happened and the reply clock still restarts on the corrected application.

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算",
    ...     events=(CorrectionRequested(on=date(2024, 10, 14)),))
    >>> [(f.kind.code, f.due_on.isoformat()) for f in findings(req)]
    [('late-correction-notice', '2024-10-12')]
    """
    cal = calendar if calendar is not None else default_calendar()
    reg = regulation_in_force(request.received_on)
    check_history(request, reg)
    events = _visible(request, as_of)
    out: list[Finding] = []
    notices = [e for e in events if isinstance(e, CorrectionRequested)]
    if notices and reg.correction_notice_working_days is not None:
        notice_due = cal.add_workdays(request.received_on, reg.correction_notice_working_days)
        if notices[0].on > notice_due:
            out.append(
                Finding(FindingKind.LATE_CORRECTION_NOTICE, notices[0].on, notice_due, notices[0])
            )
    out.extend(
        Finding(FindingKind.REPEATED_CORRECTION_NOTICE, notice.on, None, notice)
        for notice in notices[1:]
    )
    for event in events:
        if isinstance(event, Extended):
            due = due_date(request, calendar=cal, as_of=_day_before(event.on))
            if event.on > due.date:
                out.append(Finding(FindingKind.LATE_EXTENSION, event.on, due.date, event))
        elif isinstance(event, Replied):
            due = due_date(request, calendar=cal, as_of=event.on)
            if event.on > due.date:
                out.append(Finding(FindingKind.LATE_REPLY, event.on, due.date, event))
    return tuple(out)


def _day_before(day: date) -> date:
    return date.fromordinal(day.toordinal() - 1)


@attrs.frozen
class RequestStatus:
    """Everything about a request on one day: state, deadline, overdue flag, findings.

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算")
    >>> s = status(req, as_of=date(2024, 10, 31))
    >>> s.state.label, s.reply_due.date, s.overdue
    ('办理中', datetime.date(2024, 10, 30), True)
    """

    state: RequestState
    as_of: date
    regulation: Regulation
    reply_due: DueDate | None
    """The reply deadline as it stood on ``as_of`` (``None`` before receipt)."""
    overdue: bool
    outcome: Outcome | None = None
    findings: tuple[Finding, ...] = ()


def status(
    request: DisclosureRequest, *, as_of: date, calendar: WorkdayCalendar | None = None
) -> RequestStatus:
    """The full :class:`RequestStatus` of ``request`` on ``as_of``."""
    reg = regulation_in_force(request.received_on)
    current = state(request, as_of=as_of)
    if current is RequestState.NOT_RECEIVED:
        return RequestStatus(current, as_of, reg, None, False)
    due = due_date(request, calendar=calendar, as_of=as_of)
    reply = next((e for e in _visible(request, as_of) if isinstance(e, Replied)), None)
    return RequestStatus(
        current,
        as_of,
        reg,
        due,
        _overdue(current, due, as_of),
        reply.outcome if reply else None,
        findings(request, as_of=as_of, calendar=calendar),
    )


def _overdue(current: RequestState, due: DueDate, as_of: date) -> bool:
    if current.is_final or due.suspended_by is not None:
        return False
    return as_of > due.date


def is_overdue(
    request: DisclosureRequest, *, as_of: date, calendar: WorkdayCalendar | None = None
) -> bool:
    """True if a reply is owed on ``as_of`` and its deadline has passed.

    Not overdue: answered or closed requests (see :func:`replied_on_time` for those), and a
    request whose clock is suspended (awaiting correction, open consultation).

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=date(2025, 1, 24), method=SubmissionMethod.ONLINE, description="预算")
    >>> is_overdue(req, as_of=date(2025, 2, 27)), is_overdue(req, as_of=date(2025, 2, 28))
    (False, True)
    """
    current = state(request, as_of=as_of)
    if current is RequestState.NOT_RECEIVED or current.is_final:
        return False
    return _overdue(current, due_date(request, calendar=calendar, as_of=as_of), as_of)


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
        return self.replied_on <= self.due.date


def response_time(
    request: DisclosureRequest, *, calendar: WorkdayCalendar | None = None
) -> ResponseTime | None:
    """Working days taken to reply and whether that was on time (``None`` without a reply).

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
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
    due = due_date(request, calendar=cal, as_of=reply.on)
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
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算")
    >>> replied_on_time(req) is None
    True
    """
    rt = response_time(request, calendar=calendar)
    return None if rt is None else rt.on_time
