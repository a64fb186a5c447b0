"""One fold of a request's events: the :class:`Timeline` every rule reads.

A request stores only dated facts. :func:`timeline` walks them **once**, in order, and keeps
what the rules need: whether the history is possible (the *impossibilities*, raised as
:class:`~govdisclosure.errors.LifecycleError`), the open correction, fee and consultations, the
clock's start and pauses, the extension or Art. 35 reasonable period, the final reply or
withdrawal, and the irregular facts (*findings*). The state on a day
(:func:`~govdisclosure.rules.state`), the reply deadline
(:func:`~govdisclosure.rules.due_date`), the history check
(:func:`~govdisclosure.rules.check_history`), the findings and the report tabulation
(:func:`~govdisclosure.stats.tabulate`) all read this one value, so they cannot disagree. The
one shortcut is :func:`common_fold`: for the common histories (consultations, an extension, a
reply) :func:`~govdisclosure.rules.due_date` takes the same facts from one short pass without
building the timeline, and the test suite holds the two folds equal.

The whole history is checked, then sliced: ``as_of`` hides the events after that day (the
timeline as it stood then), never the impossibilities they contain.

>>> from datetime import date
>>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
>>> from govdisclosure.model.request import DisclosureRequest, FeeNoticeIssued, FeePaid
>>> from govdisclosure.model.quantity import Money
>>> req = DisclosureRequest(
...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
...     received_on=date(2024, 9, 2), method=SubmissionMethod.ONLINE, description="预算",
...     events=(FeeNoticeIssued(on=date(2024, 9, 9), amount=Money(200)),
...             FeePaid(on=date(2024, 9, 13))),
... )
>>> tl = timeline(req)
>>> [(p.event.on.isoformat(), p.state.code) for p in tl.points]
[('2024-09-09', 'awaiting-fee'), ('2024-09-13', 'received')]
>>> [(p.kind.code, p.started_on.isoformat(), p.ended_on.isoformat()) for p in tl.pauses]
[('fee', '2024-09-09', '2024-09-13')]
>>> tl.due.due_on  # 20 working days, plus the 4 working days the applicant took to pay
datetime.date(2024, 10, 11)

Impossible and irregular histories
----------------------------------
An *impossible* history contradicts itself or the regulation and is an error (the request log
that holds it is wrong); an *irregular* one happens in practice, must still be counted, and is a
:class:`Irregularity`. The choices, each with its reason:

* **Errors** (see :mod:`govdisclosure.rules.history` for the structural ones): a reply
  逾期不补正 (（六）1) with no correction notice, or when the correction arrived on or before the
  last day the notice gave (the applicant was not late); a reply 逾期未缴费 (（六）2) with no fee
  notice or after the fee was paid; an Art. 35 reasonable period under the 2008 text, which has
  no such rule.
* **Findings**: a correction notice later than 7 working days (2019 Art. 30), a second
  correction notice, an extension or reasonable period decided after the reply was already due,
  a late reply, and a reply 补正后仍不明确 (（三）3) with no correction asked — the agency skipped a
  step the law requires, but the reply happened and counts in its row. Likewise a direct suit
  that carries a reconsideration id (:func:`~govdisclosure.rules.case_findings`): one of the two
  fields is wrong, the record cannot say which, and table 4 counts the case by its route.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

import attrs

from govdisclosure.errors import LifecycleError
from govdisclosure.model.base import LabelledEnum
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.request import (
    ConsultationAnswered,
    ConsultationStarted,
    Consultee,
    CorrectionReceived,
    CorrectionRequested,
    DisclosureRequest,
    Extended,
    FeeNoticeIssued,
    FeePaid,
    ReasonablePeriodSet,
    Replied,
    RequestEvent,
    Transferred,
    Withdrawn,
)
from govdisclosure.rules import history
from govdisclosure.rules.calendar import WorkdayCalendar, default_calendar
from govdisclosure.rules.fees import FEE_SCHEDULES
from govdisclosure.rules.regulation import Regulation, regulation_in_force

if TYPE_CHECKING:
    from govdisclosure.rules.deadlines import DueDate

__all__ = [
    "STATE_TABLE",
    "ClockPause",
    "Irregularity",
    "IrregularityKind",
    "PauseKind",
    "RequestState",
    "Timeline",
    "TimelinePoint",
    "Transition",
    "common_fold",
    "fee_payment_due",
    "timeline",
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

# The row of table 3 a request closed without a reply counts in (（六）1 and （六）2).
_LAPSE_OUTCOME = {
    RequestState.CLOSED_NO_CORRECTION: Outcome.OTHER_OVERDUE_CORRECTION,
    RequestState.CLOSED_FEE_UNPAID: Outcome.OTHER_OVERDUE_FEE,
}


@attrs.frozen
class Transition:
    """One move of the lifecycle: from any of ``sources``, on ``trigger``, to one of ``targets``.

    ``trigger`` is the event kind, or ``"receipt"`` / ``"lapse"`` (the notice's last day passed
    with nothing done). The first target is the usual one; the others follow from the state's
    precedence (a correction received while a fee is still unpaid leaves the request
    awaiting the fee, say).
    """

    sources: tuple[RequestState, ...]
    trigger: type[RequestEvent] | str
    targets: tuple[RequestState, ...]
    basis: str
    """The rule behind the move (the 2019 text unless said otherwise)."""

    @property
    def trigger_name(self) -> tuple[str, str]:
        """English and Chinese name of the trigger.

        >>> [move.trigger_name for move in STATE_TABLE[:2]]
        [('receipt', '收到申请'), ('correction notice', '补正告知')]
        """
        if isinstance(self.trigger, str):
            return _TRIGGER_NAMES[self.trigger]
        return history.kind_name(self.trigger)


_TRIGGER_NAMES = {"receipt": ("receipt", "收到申请"), "lapse": ("period ran out", "期限届满")}

_S = RequestState
_OPEN = (
    _S.RECEIVED,
    _S.EXTENDED,
    _S.IN_CONSULTATION,
    _S.AWAITING_FEE,
    _S.AWAITING_CORRECTION,
)
_OPEN_OR_LAPSED = (*_OPEN, _S.CLOSED_NO_CORRECTION, _S.CLOSED_FEE_UNPAID)
_BASE = (_S.RECEIVED, _S.EXTENDED)

STATE_TABLE: tuple[Transition, ...] = (
    Transition((_S.NOT_RECEIVED,), "receipt", (_S.RECEIVED,), "第三十一条"),
    Transition(
        _OPEN_OR_LAPSED,
        CorrectionRequested,
        (_S.AWAITING_CORRECTION, _S.CLOSED_NO_CORRECTION),
        "第三十条",
    ),
    Transition(
        (_S.AWAITING_CORRECTION, _S.CLOSED_NO_CORRECTION),
        CorrectionReceived,
        (*_BASE, _S.IN_CONSULTATION, _S.AWAITING_FEE, _S.CLOSED_FEE_UNPAID),
        "第三十条",
    ),
    Transition((_S.AWAITING_CORRECTION,), "lapse", (_S.CLOSED_NO_CORRECTION,), "第三十条"),
    Transition(_BASE, ConsultationStarted, (_S.IN_CONSULTATION,), "第三十二条、第三十四条"),
    Transition((_S.IN_CONSULTATION,), ConsultationAnswered, _BASE, "第三十二条、第三十四条"),
    Transition(
        (*_BASE, _S.IN_CONSULTATION, _S.CLOSED_FEE_UNPAID),
        FeeNoticeIssued,
        (_S.AWAITING_FEE, _S.CLOSED_FEE_UNPAID),
        "第四十二条；国办函〔2020〕109号",
    ),
    Transition(
        (_S.AWAITING_FEE, _S.CLOSED_FEE_UNPAID),
        FeePaid,
        (*_BASE, _S.IN_CONSULTATION),
        "国办函〔2020〕109号",
    ),
    Transition((_S.AWAITING_FEE,), "lapse", (_S.CLOSED_FEE_UNPAID,), "国办函〔2020〕109号"),
    Transition((_S.RECEIVED,), Extended, (_S.EXTENDED,), "第三十三条"),
    Transition((_S.RECEIVED,), ReasonablePeriodSet, (_S.EXTENDED,), "第三十五条"),
    Transition(_OPEN_OR_LAPSED, Replied, (_S.ANSWERED,), "第三十六条"),
    Transition(_OPEN_OR_LAPSED, Withdrawn, (_S.WITHDRAWN,), "申请撤回"),
)
"""Every move between states that :func:`timeline` makes, as data (the docs draw it).

A move not listed leaves the state as it was (a transfer, a second consultation, an extension
while a consultation is open); the test suite checks the fold against this table.
"""


class PauseKind(LabelledEnum):
    """Why the reply clock is stopped.

    >>> PauseKind.CONSULTATION.label, PauseKind.FEE.label
    ('征求意见', '等待缴费')
    """

    CORRECTION = "correction", "等待补正", "awaiting correction"
    CONSULTATION = "consultation", "征求意见", "consultation"
    FEE = "fee", "等待缴费", "awaiting fee payment"


class IrregularityKind(LabelledEnum):
    """Irregular but possible facts in a history.

    >>> IrregularityKind.LATE_CORRECTION_NOTICE.label
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
    LATE_REASONABLE_PERIOD = (
        "late-reasonable-period",
        "答复期限届满后确定延迟答复期限",
        "reasonable period (Art. 35) set after the reply period had run out",
    )
    LATE_REPLY = "late-reply", "逾期答复", "reply after the deadline"
    UNCLEAR_WITHOUT_CORRECTION = (
        "unclear-without-correction",
        "未告知补正即答复补正后仍不明确",
        "reply 'still unclear after correction' although no correction was asked",
    )
    DIRECT_SUIT_WITH_RECONSIDERATION = (
        "direct-suit-with-reconsideration",
        "直接起诉却载有复议案件编号",
        "a direct suit that names a reconsideration case (see rules.case_findings)",
    )


@attrs.frozen
class Irregularity:
    """An irregular fact in a request's history, with the event it concerns.

    >>> Irregularity(IrregularityKind.LATE_REPLY, dt.date(2024, 11, 1)).kind.label
    '逾期答复'
    """

    kind: IrregularityKind
    on: dt.date
    """The day of the irregular act."""
    due_on: dt.date | None = None
    """The deadline it missed, if any."""
    event: RequestEvent | None = None


@attrs.frozen
class ClockPause:
    """A stretch during which the reply clock is stopped: correction, consultation or fee.

    ``ended_on`` is the day the clock could run again (corrected application, answer, payment),
    ``None`` while the pause is open. Whether and how much a pause moves the deadline is the
    due date's business (:attr:`~govdisclosure.rules.DueDate.pauses`): a correction restarts the
    clock instead of pausing it, and the 2008 text does not stop it for another agency.
    """

    kind: PauseKind
    started_on: dt.date
    ended_on: dt.date | None
    event: RequestEvent
    """The event that opened the pause."""


@attrs.frozen
class TimelinePoint:
    """One event of the timeline and the request's state at the end of that day."""

    event: RequestEvent
    state: RequestState


def fee_payment_due(
    notice: FeeNoticeIssued, regulation: Regulation, calendar: WorkdayCalendar
) -> dt.date | None:
    """The last day to pay a fee notice: the day it states, else the statutory one.

    The statutory period is the fee schedule's
    :attr:`~govdisclosure.rules.FeeSchedule.payment_working_days` (20 working days under
    国办函〔2020〕109号), counted from the day of the notice: the Measures count from the day
    after the applicant *receives* it, which the history does not record, so the notice day is
    taken for that day (state ``due_on`` in the notice to use another). Before the Measures and
    under the 2008 text no period is set and ``None`` is returned.

    >>> from govdisclosure.model.quantity import Money
    >>> from govdisclosure.rules.regulation import REGULATION_2019
    >>> notice = FeeNoticeIssued(on=dt.date(2024, 9, 9), amount=Money(200))
    >>> fee_payment_due(notice, REGULATION_2019, default_calendar())
    datetime.date(2024, 10, 12)
    """
    if notice.due_on is not None:
        return notice.due_on
    if not regulation.information_fees:
        return None
    for schedule in reversed(FEE_SCHEDULES):
        if schedule.applies_on(notice.on):
            return calendar.add_workdays(notice.on, schedule.payment_working_days)
    return None


def _suspends_clock(notice: FeeNoticeIssued, regulation: Regulation) -> bool:
    return regulation.information_fees and any(
        s.applies_on(notice.on) and s.suspends_reply_clock for s in FEE_SCHEDULES
    )


# What is open at the end of an event's day: correction notice, fee notice, consulting, more
# time (extension or reasonable period), and the final state if the request has ended.
_Snapshot = tuple[
    CorrectionRequested | None, FeeNoticeIssued | None, bool, bool, "RequestState | None"
]


@attrs.frozen(eq=False)
class Timeline:
    """A request's events folded once, as they stood on ``as_of`` (all events when ``None``).

    Built by :func:`timeline`. The folded facts are attributes; the state, the points, the
    reply deadline and the findings are derived from them on first use and cached.
    """

    request: DisclosureRequest
    as_of: dt.date | None
    regulation: Regulation
    calendar: WorkdayCalendar = attrs.field(repr=False)
    events: tuple[RequestEvent, ...]
    """The events on or before ``as_of``."""
    impossibilities: tuple[LifecycleError, ...]
    """What makes the whole history impossible, in event order (empty for a possible one)."""
    reply: Replied | None
    """The last reply on or before ``as_of``."""
    withdrawal: Withdrawn | None
    """The last withdrawal on or before ``as_of``."""
    correction: CorrectionRequested | None
    """The correction notice still unanswered on ``as_of``."""
    correction_notices: tuple[CorrectionRequested, ...]
    fee: FeeNoticeIssued | None
    """The fee notice still unpaid on ``as_of``."""
    clock_start: dt.date
    """The day the reply period counts from: receipt, or the last corrected application."""
    extension: Extended | None
    reasonable_period: ReasonablePeriodSet | None
    consultations: tuple[tuple[ConsultationStarted, dt.date | None], ...]
    """Each consultation that stops the clock under the regulation, with its answer day."""
    fees: tuple[tuple[FeeNoticeIssued, dt.date | None], ...]
    """Each fee notice that stops the clock (under the Measures), with its payment day."""
    open_consultations: int
    """How many consultations (of any consultee) are unanswered on ``as_of``."""
    snapshots: tuple[_Snapshot, ...] = attrs.field(repr=False)
    """What was open at the end of each visible event's day (for :attr:`points`)."""

    @property
    def received_on(self) -> dt.date:
        """The day the application was received."""
        return self.request.received_on

    @property
    def final(self) -> Replied | Withdrawn | None:
        """The reply, else the withdrawal: the event that ended the request."""
        return self.reply or self.withdrawal

    @functools.cached_property
    def fee_due_on(self) -> dt.date | None:
        """The last day to pay the open fee notice (stated or statutory), if one is open."""
        if self.fee is None:
            return None
        return fee_payment_due(self.fee, self.regulation, self.calendar)

    def state_on(self, day: dt.date) -> RequestState:
        """The state on ``day`` (on or after the last visible event).

        Precedence when several hold: a final event (reply, withdrawal) wins; then awaiting
        correction (or closed for lack of one after the notice's last day); then awaiting a fee
        (or closed for non-payment after the stated or statutory day); then an open consultation;
        then an extension or reasonable period; else received.
        """
        if day < self.received_on:
            return RequestState.NOT_RECEIVED
        if self.reply is not None:
            return RequestState.ANSWERED
        if self.withdrawal is not None:
            return RequestState.WITHDRAWN
        return self._open_state(
            day,
            self.correction,
            self.fee_due_on if self.fee is not None else None,
            self.fee is not None,
            self.open_consultations > 0,
            self.has_more_time,
        )

    @staticmethod
    def _open_state(
        day: dt.date,
        correction: CorrectionRequested | None,
        fee_due: dt.date | None,
        fee_open: bool,
        consulting: bool,
        more_time: bool,
    ) -> RequestState:
        if correction is not None:
            if correction.due_on is not None and day > correction.due_on:
                return RequestState.CLOSED_NO_CORRECTION
            return RequestState.AWAITING_CORRECTION
        if fee_open:
            if fee_due is not None and day > fee_due:
                return RequestState.CLOSED_FEE_UNPAID
            return RequestState.AWAITING_FEE
        if consulting:
            return RequestState.IN_CONSULTATION
        if more_time:
            return RequestState.EXTENDED
        return RequestState.RECEIVED

    @property
    def has_more_time(self) -> bool:
        """True once the period was extended or an Art. 35 reasonable period set."""
        return self.extension is not None or self.reasonable_period is not None

    @functools.cached_property
    def points(self) -> tuple[TimelinePoint, ...]:
        """Each visible event with the state at the end of its day."""
        out = []
        for event, snap in zip(self.events, self.snapshots, strict=True):
            correction, fee, consulting, more_time, ended = snap
            if ended is not None:
                current = ended
            else:
                fee_due = (
                    fee_payment_due(fee, self.regulation, self.calendar)
                    if fee is not None
                    else None
                )
                current = self._open_state(
                    event.on, correction, fee_due, fee is not None, consulting, more_time
                )
            out.append(TimelinePoint(event, current))
        return tuple(out)

    @functools.cached_property
    def state(self) -> RequestState:
        """The state on ``as_of`` (on the last event's day, or receipt, when ``as_of`` is None)."""
        return self.state_on(self.as_of or self.last_day)

    @property
    def last_day(self) -> dt.date:
        """The day of the last visible event, or of receipt."""
        return self.events[-1].on if self.events else self.received_on

    @functools.cached_property
    def lapse(self) -> tuple[dt.date, Outcome] | None:
        """The day a request still open (no reply, no withdrawal) closed, and its table-3 row.

        A correction not made by the notice's last day closes it the day after (（六）1, Art. 30);
        a fee not paid by the stated or statutory day likewise (（六）2, Art. 42 and the Measures).
        ``None`` while the request is open indefinitely or already ended.
        """
        if self.final is not None:
            return None
        if self.correction is not None:
            last = self.correction.due_on
            state = RequestState.CLOSED_NO_CORRECTION
        elif self.fee is not None:
            last = self.fee_due_on
            state = RequestState.CLOSED_FEE_UNPAID
        else:
            return None
        if last is None:
            return None
        return last + dt.timedelta(days=1), _LAPSE_OUTCOME[state]

    @functools.cached_property
    def pauses(self) -> tuple[ClockPause, ...]:
        """The stretches the clock stopped for: corrections, consultations and fees, by start."""
        out: list[ClockPause] = []
        open_notice: CorrectionRequested | None = None
        for event in self.events:
            if isinstance(event, CorrectionRequested):
                open_notice = event
            elif isinstance(event, CorrectionReceived) and open_notice is not None:
                out.append(ClockPause(PauseKind.CORRECTION, open_notice.on, event.on, open_notice))
                open_notice = None
        if open_notice is not None:
            out.append(ClockPause(PauseKind.CORRECTION, open_notice.on, None, open_notice))
        out.extend(ClockPause(PauseKind.CONSULTATION, s.on, a, s) for s, a in self.consultations)
        out.extend(ClockPause(PauseKind.FEE, n.on, p, n) for n, p in self.fees)
        return tuple(sorted(out, key=lambda p: p.started_on))

    @functools.cached_property
    def due(self) -> DueDate:
        """The reply deadline as it stood on ``as_of`` (what :func:`.due_date` returns)."""
        from govdisclosure.rules.deadlines import due_from_timeline

        return due_from_timeline(self)

    def at(self, day: dt.date) -> Timeline:
        """The same request's timeline as it stood on ``day`` (the history is checked again)."""
        return timeline(
            self.request,
            as_of=day,
            calendar=self.calendar,
            regulation=self.regulation,
            strict=False,
        )

    @functools.cached_property
    def running_due(self) -> tuple[tuple[RequestEvent, DueDate], ...]:
        """Each visible event with the reply deadline as it stood at the end of its day."""
        return tuple((event, self.at(event.on).due) for event in self.events)

    @functools.cached_property
    def findings(self) -> tuple[Irregularity, ...]:
        """The irregular facts among the visible events, in the order they happened."""
        reg, cal = self.regulation, self.calendar
        out: list[Irregularity] = []
        notices = self.correction_notices
        if notices and reg.correction_notice_working_days is not None:
            notice_due = cal.add_workdays(self.received_on, reg.correction_notice_working_days)
            if notices[0].on > notice_due:
                out.append(
                    Irregularity(
                        IrregularityKind.LATE_CORRECTION_NOTICE,
                        notices[0].on,
                        notice_due,
                        notices[0],
                    )
                )
        out.extend(
            Irregularity(IrregularityKind.REPEATED_CORRECTION_NOTICE, n.on, None, n)
            for n in notices[1:]
        )
        for event in self.events:
            if isinstance(event, Extended | ReasonablePeriodSet):
                due = self.at(event.on - dt.timedelta(days=1)).due.due_on
                if event.on > due:
                    kind = (
                        IrregularityKind.LATE_EXTENSION
                        if isinstance(event, Extended)
                        else IrregularityKind.LATE_REASONABLE_PERIOD
                    )
                    out.append(Irregularity(kind, event.on, due, event))
            elif isinstance(event, Replied):
                due = self.at(event.on).due.due_on
                if event.on > due:
                    out.append(Irregularity(IrregularityKind.LATE_REPLY, event.on, due, event))
                if event.outcome is Outcome.UNABLE_STILL_UNCLEAR and not notices:
                    out.append(
                        Irregularity(
                            IrregularityKind.UNCLEAR_WITHOUT_CORRECTION, event.on, None, event
                        )
                    )
        return tuple(out)

    def check(self) -> None:
        """Raise the first impossibility, if any (what :func:`timeline` does by default)."""
        if self.impossibilities:
            raise self.impossibilities[0]


def timeline(
    request: DisclosureRequest,
    *,
    as_of: dt.date | None = None,
    calendar: WorkdayCalendar | None = None,
    regulation: Regulation | None = None,
    strict: bool = True,
) -> Timeline:
    """Fold ``request``'s events once into a :class:`Timeline` as of ``as_of``.

    The whole history is checked: with ``strict`` (the default) the first impossibility is
    raised as :class:`~govdisclosure.errors.LifecycleError`; with ``strict=False`` they are all
    collected in :attr:`Timeline.impossibilities` and the fold goes on as best it can (the last
    reply and the last withdrawal count), which is what tabulating a messy log needs.
    ``regulation`` defaults to the one in force on the day of receipt.

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.request import CorrectionRequested
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=dt.date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算",
    ...     events=(CorrectionRequested(on=dt.date(2024, 10, 8), due_on=dt.date(2024, 10, 22)),),
    ... )
    >>> timeline(req, as_of=dt.date(2024, 10, 9)).state.label
    '待补正'
    >>> tl = timeline(req, as_of=dt.date(2024, 10, 23))
    >>> tl.state.label_en
    'closed: not corrected in time'
    >>> day, row = tl.lapse
    >>> day, row.code
    (datetime.date(2024, 10, 23), 'other-overdue-correction')
    """
    cal = calendar if calendar is not None else default_calendar()
    reg = regulation if regulation is not None else regulation_in_force(request.received_on)
    received = request.received_on
    errors: list[LifecycleError] = []
    # What the whole history has done so far (for the checks) ...
    previous = received
    final: RequestEvent | None = None
    extensions = 0
    asked: CorrectionRequested | None = None  # the correction notice still unanswered
    last_notice: CorrectionRequested | None = None
    corrected_on: dt.date | None = None
    consulted: dict[Consultee, int] = {}
    fee_open = fee_noticed = False
    # ... and what the events on or before ``as_of`` have (the timeline's facts).
    visible: list[RequestEvent] = []
    snapshots: list[_Snapshot] = []
    reply: Replied | None = None
    withdrawal: Withdrawn | None = None
    correction: CorrectionRequested | None = None
    notices: list[CorrectionRequested] = []
    fee: FeeNoticeIssued | None = None
    start = received
    extension: Extended | None = None
    reasonable: ReasonablePeriodSet | None = None
    consulting = 0
    open_pauses: list[ConsultationStarted] = []
    consultations: list[tuple[ConsultationStarted, dt.date | None]] = []
    open_fees: list[FeeNoticeIssued] = []
    fees: list[tuple[FeeNoticeIssued, dt.date | None]] = []
    ended: RequestState | None = None
    more_time = False
    for event in request.events:
        on = event.on
        shown = as_of is None or on <= as_of
        error: LifecycleError | None = None
        if final is not None or on < previous:
            error = history.order_error(event, received, previous, final)
        if on > previous:
            previous = on
        if isinstance(event, ConsultationStarted):
            consulted[event.consultee] = consulted.get(event.consultee, 0) + 1
            if shown:
                consulting += 1
                if reg.pauses_for(event.consultee):
                    open_pauses.append(event)
        elif isinstance(event, ConsultationAnswered):
            if not consulted.get(event.consultee):
                error = error or history.unmatched_answer(event)
            else:
                consulted[event.consultee] -= 1
            if shown:
                consulting -= 1
                for index, started in enumerate(open_pauses):
                    if started.consultee is event.consultee:
                        consultations.append((open_pauses.pop(index), on))
                        break
        elif isinstance(event, Extended):
            extensions += 1
            error = error or history.extension_error(event, extensions, reg)
            if shown:
                extension = extension or event
                more_time = True
        elif isinstance(event, Replied):
            final = final or event
            error = error or _reply_error(event, last_notice, corrected_on, fee_noticed, fee_open)
            if shown:
                reply, ended = event, RequestState.ANSWERED
        elif isinstance(event, Withdrawn):
            final = final or event
            if shown:
                withdrawal = event
                ended = ended or RequestState.WITHDRAWN
        elif isinstance(event, CorrectionRequested):
            asked = last_notice = event
            corrected_on = None
            if shown:
                correction = event
                notices.append(event)
        elif isinstance(event, CorrectionReceived):
            if asked is None:
                error = error or history.unasked_correction(event)
            asked, corrected_on = None, on
            if shown:
                correction = None
                if reg.correction_restarts_clock:
                    start = on
        elif isinstance(event, FeeNoticeIssued):
            fee_open = fee_noticed = True
            if shown:
                fee = event
                if _suspends_clock(event, reg):
                    open_fees.append(event)
        elif isinstance(event, FeePaid):
            if not fee_open:
                error = error or history.unmatched_payment(event)
            fee_open = False
            if shown:
                fee = None
                if open_fees:
                    fees.append((open_fees.pop(), on))
        elif isinstance(event, ReasonablePeriodSet):
            if reg.reasonable_period_article is None:
                error = error or history.no_reasonable_period(event, reg)
            if shown:
                reasonable = event
                more_time = True
        if error is not None:
            errors.append(error)
        if shown:
            visible.append(event)
            snapshots.append((correction, fee, consulting > 0, more_time, ended))
    consultations.extend((started, None) for started in open_pauses)
    fees.extend((notice, None) for notice in open_fees)
    result = Timeline(
        request=request,
        as_of=as_of,
        regulation=reg,
        calendar=cal,
        events=tuple(visible),
        impossibilities=tuple(errors),
        reply=reply,
        withdrawal=withdrawal,
        correction=correction,
        correction_notices=tuple(notices),
        fee=fee,
        clock_start=start,
        extension=extension,
        reasonable_period=reasonable,
        consultations=tuple(consultations),
        fees=tuple(fees),
        open_consultations=consulting,
        snapshots=tuple(snapshots),
    )
    if strict and errors:
        raise errors[0]
    return result


# The event kinds of a common history, by exact type (a subclass takes the general fold).
_COMMON_KINDS = frozenset(
    {ConsultationStarted, ConsultationAnswered, Extended, Transferred, Replied, Withdrawn}
)
# Reply outcomes that need a correction or a fee notice in the history (see _reply_error).
_OVERDUE_OUTCOMES = frozenset({Outcome.OTHER_OVERDUE_CORRECTION, Outcome.OTHER_OVERDUE_FEE})

# What the reply deadline of a common history depends on: the extension and the consultations.
_CommonFacts = tuple[Extended | None, tuple[tuple[ConsultationStarted, dt.date | None], ...]]


def common_fold(
    request: DisclosureRequest, as_of: dt.date | None, regulation: Regulation
) -> _CommonFacts | None:
    """The reply-deadline facts of a *common* history in one short pass, else ``None``.

    A common history holds only consultations and their answers, at most one extension,
    transfers, and a reply or withdrawal as its last event, in date order from receipt; and it is
    possible: each answer has an open consultation of its consultee, the extension is one the
    regulation allows, and the reply's outcome needs no correction or fee notice. Its clock
    counts from receipt and nothing but the consultations and the extension moves it, so the
    extension and the clock-stopping consultations (with their answer days) as of ``as_of`` are
    all the due date needs: exactly :attr:`Timeline.extension` and
    :attr:`Timeline.consultations` of :func:`timeline` (the test suite holds them equal). Any
    other history, impossible ones included, gives ``None`` and is left to :func:`timeline`.

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.rules.regulation import REGULATION_2019
    >>> asked = ConsultationStarted(on=dt.date(2024, 10, 8), consultee=Consultee.THIRD_PARTY)
    >>> answer = ConsultationAnswered(on=dt.date(2024, 10, 14), consultee=Consultee.THIRD_PARTY)
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=dt.date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算",
    ...     events=(asked, answer))
    >>> common_fold(req, None, REGULATION_2019) == (None, ((asked, answer.on),))
    True
    >>> common_fold(req, None, REGULATION_2019) == (
    ...     timeline(req).extension, timeline(req).consultations)
    True
    >>> common_fold(attrs.evolve(req, events=(answer,)), None, REGULATION_2019) is None
    True
    """
    previous = request.received_on
    final = False
    extension: Extended | None = None
    extensions = 0
    # Consultations still unanswered, per consultee (all events: the answers' check) ...
    consulted: dict[Consultee, int] = {}
    # ... and those on or before as_of that stop the clock, as timeline() pairs them.
    pausing = regulation.paused_consultees
    open_pauses: list[ConsultationStarted] = []
    consultations: list[tuple[ConsultationStarted, dt.date | None]] = []
    for event in request.events:
        on = event.on
        if final or on < previous or type(event) not in _COMMON_KINDS:
            return None
        previous = on
        shown = as_of is None or on <= as_of
        if isinstance(event, ConsultationStarted):
            consultee = event.consultee
            consulted[consultee] = consulted.get(consultee, 0) + 1
            if shown and consultee in pausing:
                open_pauses.append(event)
        elif isinstance(event, ConsultationAnswered):
            consultee = event.consultee
            if not consulted.get(consultee):
                return None
            consulted[consultee] -= 1
            if shown:
                for index, started in enumerate(open_pauses):
                    if started.consultee is consultee:
                        consultations.append((open_pauses.pop(index), on))
                        break
        elif isinstance(event, Extended):
            extensions += 1
            if (
                extensions > regulation.max_extensions
                or event.working_days > regulation.extension_max_working_days
            ):
                return None
            if shown and extension is None:
                extension = event
        elif isinstance(event, Replied):
            if event.outcome in _OVERDUE_OUTCOMES:
                return None
            final = True
        elif isinstance(event, Withdrawn):
            final = True
    if open_pauses:
        consultations.extend((started, None) for started in open_pauses)
    return extension, tuple(consultations)


def _reply_error(
    reply: Replied,
    last_notice: CorrectionRequested | None,
    corrected_on: dt.date | None,
    fee_noticed: bool,
    fee_open: bool,
) -> LifecycleError | None:
    """The error for a reply whose outcome the history before it contradicts."""
    if reply.outcome is Outcome.OTHER_OVERDUE_CORRECTION:
        if last_notice is None:
            return history.overdue_without_notice(reply, correction=True)
        if (
            corrected_on is not None
            and last_notice.due_on is not None
            and corrected_on <= last_notice.due_on
        ):
            return history.corrected_in_time(reply, last_notice, corrected_on)
    elif reply.outcome is Outcome.OTHER_OVERDUE_FEE:
        if not fee_noticed:
            return history.overdue_without_notice(reply, correction=False)
        if not fee_open:
            return history.fee_was_paid(reply)
    return None
