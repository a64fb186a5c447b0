"""Due dates under the Regulation, with explanations that are data.

:func:`due_date` gives the agency's reply deadline for a request as a :class:`DueDate`: the day,
the regulation, whether the day rests on estimated calendar data, and — computed only when asked,
by :meth:`DueDate.explain` — an :class:`Explanation` listing the days skipped and why, the 调休
make-up days counted, the paused intervals and the extension.

Counting rules
--------------
* A period of *n* working days from an act on day *d* ends on the *n*-th working day after *d*:
  the day of the act (of receipt) is not counted.
* **Correction (补正)**: once the corrected application is received, the reply period counts
  afresh from that day (2019 Art. 30; applied to the 2008 text by inference). While a correction
  is awaited the clock is suspended; the date shown then assumes the correction arrives on the
  last day the agency's notice allowed (or ``as_of``, or the notice day, when no day is set).
* **Consultation (征求意见)**: for a consultation sent on day *S* and answered on day *E*, the
  working days *after S up to and including E* are not counted. The day the request for opinion
  is sent still counts as the agency's day (just as the consultee's own 15 working days start
  the day after it is sent); counting resumes the day after the answer. Under the 2019 text the
  consultee has 15 working days, after which the agency decides alone, so the pause never
  exceeds those 15 days (it is *capped*); a consultation still open is assumed to run to that
  cap. Under the 2008 text only third-party consultation stops the clock and there is no cap; an
  open one is assumed to run to ``as_of`` (or to end at once when no ``as_of`` is given, which
  makes the date a lower bound). Overlapping consultations are merged, never counted twice. A
  consultation begun on or after the day the reply falls due does not move that day.
* **Extension (延期)**: its working days are added to the reply period.

>>> due = explain_deadline(dt.date(2024, 9, 27))
>>> due.due_on, due.regulation.code, due.estimated
(datetime.date(2024, 10, 30), '2019', False)
>>> steps = due.explain().steps
>>> steps[1]
ClockStartStep(received_on=datetime.date(2024, 9, 27), clock_start=datetime.date(2024, 9, 27),
               reason=<ClockStart.RECEIPT: 'receipt'>)
>>> [(d.day.isoformat(), d.holiday.label) for d in steps[3].days]
[('2024-09-29', '国庆节'), ('2024-10-12', '国庆节')]
>>> steps[-1]
DueStep(due_on=datetime.date(2024, 10, 30), working_days=20, estimated=False)

The explanation is facts only; :func:`govdisclosure.formatting.format_explanation` words it, in
Chinese or English.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, TypeVar

import attrs

from govdisclosure.model import request as ev
from govdisclosure.model.base import LabelledEnum
from govdisclosure.model.request import Consultee, DisclosureRequest
from govdisclosure.rules.calendar import CalendarDay, DayKind, WorkdayCalendar, default_calendar
from govdisclosure.rules.fold import PauseKind, Timeline, common_fold, fee_payment_due, timeline
from govdisclosure.rules.regulation import (
    REGULATIONS,
    Regulation,
    regulation_by_code,
    regulation_in_force,
)
from govdisclosure.rules.remedies import RemedyKind, RemedyWindow, remedy_window

if TYPE_CHECKING:
    from collections.abc import Iterable

    from govdisclosure.rules._explain import ExplanationStep

__all__ = [
    "ClockStart",
    "Counting",
    "Deadline",
    "DeadlineKind",
    "DueDate",
    "Explanation",
    "Extension",
    "Party",
    "Pause",
    "PauseKind",
    "consultation_due",
    "correction_notice_due",
    "deadlines",
    "due_date",
    "due_dates",
    "due_from_timeline",
    "explain_deadline",
]


class Party(LabelledEnum):
    """Who must act by a deadline.

    >>> Party.CONSULTEE.label
    '被征求意见方'
    """

    AGENCY = "agency", "行政机关", "agency"
    APPLICANT = "applicant", "申请人", "applicant"
    CONSULTEE = "consultee", "被征求意见方", "consulted party"


class DeadlineKind(LabelledEnum):
    """The deadlines in a request's life, on both sides.

    >>> DeadlineKind.REPLY.label, DeadlineKind.REPLY.party.label
    ('答复期限', '行政机关')
    """

    REPLY = "reply", "答复期限", "reply"
    CORRECTION_NOTICE = "correction-notice", "补正告知期限", "correction notice"
    CONSULTATION_ANSWER = "consultation-answer", "征求意见答复期限", "consultee's answer"
    CORRECTION = "correction", "补正期限", "correction by the applicant"
    FEE_PAYMENT = "fee-payment", "缴费期限", "fee payment"
    RECONSIDERATION = "reconsideration", "申请行政复议期限", "administrative reconsideration"
    DIRECT_SUIT = "direct-suit", "提起行政诉讼期限", "administrative suit"

    @property
    def party(self) -> Party:
        """Who must act by this deadline."""
        return _PARTY[self]


_PARTY = {
    DeadlineKind.REPLY: Party.AGENCY,
    DeadlineKind.CORRECTION_NOTICE: Party.AGENCY,
    DeadlineKind.CONSULTATION_ANSWER: Party.CONSULTEE,
    DeadlineKind.CORRECTION: Party.APPLICANT,
    DeadlineKind.FEE_PAYMENT: Party.APPLICANT,
    DeadlineKind.RECONSIDERATION: Party.APPLICANT,
    DeadlineKind.DIRECT_SUIT: Party.APPLICANT,
}


# The calendar's memo keys under which requests without events share one Counting.
_COUNTING_KEYS = {r.code: f"deadlines.counting.{r.code}" for r in REGULATIONS}


class ClockStart(LabelledEnum):
    """What the reply period counts from.

    >>> ClockStart.CORRECTION_RECEIVED.label
    '收到补正申请'
    """

    RECEIPT = "receipt", "收到申请", "receipt of the application"
    CORRECTION_RECEIVED = (
        "correction-received",
        "收到补正申请",
        "receipt of the corrected application",
    )


@attrs.frozen
class Pause:
    """A consultation, or a fee payment, whose time is not counted in the reply period.

    >>> from govdisclosure.model.request import Consultee
    >>> p = Pause(Consultee.THIRD_PARTY, dt.date(2024, 10, 8), dt.date(2024, 10, 15),
    ...           dt.date(2024, 10, 15), 5)
    >>> p.kind.label, p.working_days
    ('征求意见', 5)
    """

    consultee: Consultee | None
    """Whom the agency consulted (``None`` for a fee pause)."""
    started_on: dt.date
    """The day the request for opinion (or the fee notice) was sent (counted as the agency's)."""
    answered_on: dt.date | None
    """The day of the answer (or payment), ``None`` if none has come."""
    resumes_after: dt.date
    """The last day not counted: the answer day, or the cap, or the assumed end of an open one."""
    working_days: int
    """Working days not counted because of this consultation (0 if it did not move the date)."""
    capped: bool = False
    """True when the answer came after the consultee's period, which ends the pause."""
    kind: PauseKind = PauseKind.CONSULTATION
    """A consultation (Art. 33 ¶2) or the fee payment period (the fee Measures)."""


@attrs.frozen
class Extension:
    """An extension of the reply period.

    >>> Extension(dt.date(2024, 10, 20), 20).working_days
    20
    """

    granted_on: dt.date | None
    """The day the extension was decided, ``None`` for a hypothetical one (what-if)."""
    working_days: int


@attrs.frozen
class Explanation:
    """How a due date was reached, as data (worded in any language by
    :func:`govdisclosure.formatting.format_explanation`).

    ``skipped`` lists the rest days inside the counted stretches with their kind (周末, a named
    holiday, an override); ``makeup_days`` the weekend days counted because they are 调休
    make-up working days (or override working days); ``pauses`` the consultations not counted.
    """

    kind: DeadlineKind
    regulation: Regulation
    received_on: dt.date
    clock_start: dt.date
    clock_start_reason: ClockStart
    base_working_days: int
    extension: Extension | None
    pauses: tuple[Pause, ...]
    counted_stretches: tuple[tuple[dt.date, dt.date], ...]
    """The stretches counted, each from the day after its first date through its second."""
    skipped: tuple[CalendarDay, ...]
    makeup_days: tuple[CalendarDay, ...]
    due_on: dt.date
    estimated: bool
    suspended_by: PauseKind | None
    calendar_version: str
    reasonable_period: dt.date | None = None
    """The reply day set under Art. 35, when the agency set one."""

    @property
    def total_working_days(self) -> int:
        """Working days counted in all: the period plus any extension."""
        return self.base_working_days + (self.extension.working_days if self.extension else 0)

    @property
    def steps(self) -> tuple[ExplanationStep, ...]:
        """The facts in the order an explanation states them, as typed steps (no wording).

        The regulation and period, the clock's start, each pause, the extension, the Art. 35
        day, the rest days skipped, the make-up days counted, the suspension, and the day
        reached. :func:`govdisclosure.formatting.format_explanation` words them.

        >>> [type(step).__name__ for step in explain_deadline(dt.date(2024, 9, 27)).explain().steps]
        ['PeriodStep', 'ClockStartStep', 'RestDaysStep', 'MakeupDaysStep', 'DueStep']
        """
        # The step types name this module's types, so they import it (not the other way).
        from govdisclosure.rules._explain import (
            ClockStartStep,
            DueStep,
            ExtensionStep,
            MakeupDaysStep,
            PauseStep,
            PeriodStep,
            ReasonablePeriodStep,
            RestDaysStep,
            SuspendedStep,
        )

        steps: list[ExplanationStep] = [
            PeriodStep(self.regulation, self.kind, self.base_working_days),
            ClockStartStep(self.received_on, self.clock_start, self.clock_start_reason),
        ]
        steps.extend(PauseStep(pause) for pause in self.pauses)
        if self.extension is not None:
            steps.append(ExtensionStep(self.extension))
        if self.reasonable_period is not None:
            steps.append(ReasonablePeriodStep(self.reasonable_period))
        if self.skipped:
            steps.append(RestDaysStep(self.skipped))
        if self.makeup_days:
            steps.append(MakeupDaysStep(self.makeup_days))
        if self.suspended_by is not None:
            steps.append(SuspendedStep(self.suspended_by))
        steps.append(DueStep(self.due_on, self.total_working_days, self.estimated))
        return tuple(steps)


@attrs.frozen
class Counting:
    """How a period is counted: regulation, calendar, period, clock start, pauses, extension.

    Requests without events share one :class:`Counting` per regulation and calendar, which is
    what keeps :func:`due_date` cheap; a :class:`DueDate` exposes all of its fields.

    >>> from govdisclosure.rules.regulation import REGULATION_2019
    >>> Counting(REGULATION_2019, default_calendar(), 20).clock_start_reason.label
    '收到申请'
    """

    regulation: Regulation
    calendar: WorkdayCalendar = attrs.field(eq=False, repr=False)
    base_working_days: int
    kind: DeadlineKind = DeadlineKind.REPLY
    clock_start: dt.date | None = None
    """The day the period counts from, when it is not the day of receipt."""
    clock_start_reason: ClockStart = ClockStart.RECEIPT
    extension: Extension | None = None
    pauses: tuple[Pause, ...] = ()
    suspended_by: PauseKind | None = None
    reasonable_period: dt.date | None = None
    """The reply day the agency set under Art. 35, when it set one."""


@attrs.frozen
class DueDate:
    """A deadline in working days: the day, the regulation and how it was reached.

    The explanation is computed on demand (:meth:`explain`), so that computing many due dates
    stays cheap.

    >>> due = explain_deadline(dt.date(2025, 1, 24))
    >>> str(due)
    '2025-02-27 (reply, 20 working days from 2025-01-24, 国务院令第711号)'
    >>> [d.day.isoformat() for d in due.explain().makeup_days]
    ['2025-01-26', '2025-02-08']
    """

    due_on: dt.date
    """The last day to act."""
    received_on: dt.date
    """The day the application was received."""
    estimated: bool
    """True when the date rests on estimated (weekends-only) calendar days."""
    counting: Counting
    """How the period was counted (its fields are also available directly on the due date)."""

    @property
    def regulation(self) -> Regulation:
        """The regulation that governs the request (the one in force on the day of receipt)."""
        return self.counting.regulation

    @property
    def calendar(self) -> WorkdayCalendar:
        """The calendar used (its ``version`` records the data)."""
        return self.counting.calendar

    @property
    def kind(self) -> DeadlineKind:
        """Which deadline this is."""
        return self.counting.kind

    @property
    def base_working_days(self) -> int:
        """The statutory period, before any extension."""
        return self.counting.base_working_days

    @property
    def clock_start(self) -> dt.date:
        """The day the period counts from (itself not counted)."""
        return self.counting.clock_start or self.received_on

    @property
    def clock_start_reason(self) -> ClockStart:
        """What the period counts from: receipt, or receipt of the corrected application."""
        return self.counting.clock_start_reason

    @property
    def extension(self) -> Extension | None:
        """The extension applied, if any."""
        return self.counting.extension

    @property
    def pauses(self) -> tuple[Pause, ...]:
        """The consultations whose time is not counted."""
        return self.counting.pauses

    @property
    def suspended_by(self) -> PauseKind | None:
        """Set when the clock is stopped (awaiting correction, open consultation).

        The date is then provisional, computed on the assumptions stated in the module
        documentation.
        """
        return self.counting.suspended_by

    @property
    def working_days(self) -> int:
        """Working days counted in all: the period plus any extension."""
        extension = self.counting.extension
        return self.counting.base_working_days + (extension.working_days if extension else 0)

    @property
    def calendar_version(self) -> str:
        """The calendar data the date was computed with."""
        return self.calendar.version

    @functools.cached_property
    def _explanation(self) -> Explanation:
        cal = self.calendar
        # Replay the counting: stretches between the (merged) pauses that moved the date.
        stretches: list[tuple[dt.date, dt.date]] = []
        cursor = self.clock_start
        for start, end in _merge(
            (p.started_on, p.resumes_after) for p in self.pauses if p.working_days
        ):
            if start > cursor:
                stretches.append((cursor, start))
            cursor = max(cursor, end)
        stretches.append((cursor, self.due_on))
        skipped, makeup = classify(cal, stretches)
        return Explanation(
            kind=self.kind,
            regulation=self.regulation,
            received_on=self.received_on,
            clock_start=self.clock_start,
            clock_start_reason=self.clock_start_reason,
            base_working_days=self.base_working_days,
            extension=self.extension,
            pauses=self.pauses,
            counted_stretches=tuple(stretches),
            skipped=skipped,
            makeup_days=makeup,
            due_on=self.due_on,
            estimated=self.estimated,
            suspended_by=self.suspended_by,
            calendar_version=cal.version,
            reasonable_period=self.counting.reasonable_period,
        )

    def counted_through(self, day: dt.date) -> int:
        """Working days of the period used up from the clock start through ``day``.

        Paused consultation and fee days are left out, so on :attr:`due_on` this is
        :attr:`working_days`.

        >>> due = explain_deadline(dt.date(2024, 9, 27))
        >>> due.counted_through(dt.date(2024, 10, 8)), due.counted_through(due.due_on)
        (3, 20)
        """
        cal = self.calendar
        start = self.clock_start
        if day <= start:
            return 0
        total = cal.count_workdays(start, day)
        for first, last in _merge(
            (p.started_on, p.resumes_after) for p in self.pauses if p.working_days
        ):
            lo, hi = max(first, start), min(last, day)
            if hi > lo:
                total -= cal.count_workdays(lo, hi)
        return total

    def explain(self) -> Explanation:
        """How the date was reached (computed once, on the first call).

        Its :attr:`~Explanation.steps` are the facts;
        :func:`govdisclosure.formatting.format_explanation` words them.
        """
        return self._explanation

    def __str__(self) -> str:
        text = (
            f"{self.due_on.isoformat()} ({self.kind.label_en}, {self.working_days} working days"
            f" from {self.clock_start.isoformat()}, {self.regulation.instrument})"
        )
        return text + (" [estimated]" if self.estimated else "")


def classify(
    calendar: WorkdayCalendar, stretches: Iterable[tuple[dt.date, dt.date]]
) -> tuple[tuple[CalendarDay, ...], tuple[CalendarDay, ...]]:
    """The rest days skipped and the 调休 make-up working days counted over counted stretches.

    Each stretch is ``(first, last)`` as :meth:`~WorkdayCalendar.days_between` takes it.

    >>> from datetime import date
    >>> from govdisclosure.rules.calendar import default_calendar
    >>> stretch = (date(2024, 9, 27), date(2024, 10, 8))
    >>> skipped, makeup = classify(default_calendar(), [stretch])
    >>> len(skipped), [day.day.isoformat() for day in makeup]
    (8, ['2024-09-29'])
    """
    skipped: list[CalendarDay] = []
    makeup: list[CalendarDay] = []
    for first, last in stretches:
        for day in calendar.days_between(first, last):
            if not day.is_workday:
                skipped.append(day)
            elif day.kind is not DayKind.WORKDAY:
                makeup.append(day)
    return tuple(skipped), tuple(makeup)


_Day = TypeVar("_Day", dt.date, int)  # a day, or its ordinal


def _merge(intervals: Iterable[tuple[_Day, _Day]]) -> list[tuple[_Day, _Day]]:
    merged: list[tuple[_Day, _Day]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _estimated(cal: WorkdayCalendar, first: int, last: int) -> bool:
    return cal.estimate and not cal.covers_ordinals(first, last)


def _resolve(calendar: WorkdayCalendar | None) -> WorkdayCalendar:
    return calendar if calendar is not None else default_calendar()


def due_date(
    request: DisclosureRequest,
    *,
    calendar: WorkdayCalendar | None = None,
    as_of: dt.date | None = None,
) -> DueDate:
    """The agency's reply deadline for ``request``, under the regulation in force on receipt.

    Events after ``as_of`` are ignored (the deadline as it stood that day). A request with
    events has its history checked first (:func:`~govdisclosure.rules.check_history`).
    See the module documentation for how corrections, consultations and extensions count.

    Raises :class:`~govdisclosure.rules.regulation.NoRegulationInForce` for receipt before
    2008-05-01 and :class:`~govdisclosure.errors.CalendarDataUnavailable` when the count reaches
    a year without calendar data (unless the calendar estimates).

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.request import DisclosureRequest, Extended
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=dt.date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算",
    ...     events=(Extended(on=dt.date(2024, 10, 25), working_days=20),),
    ... )
    >>> due_date(req).due_on
    datetime.date(2024, 11, 27)
    """
    cal = calendar if calendar is not None else default_calendar()
    received = request.received_on
    reg = regulation_in_force(received)
    if not request.events:
        # The hot path: one shared Counting, two list lookups, one small object.
        key = _COUNTING_KEYS[reg.code]
        counting = cal.memo.get(key)
        if counting is None:
            counting = cal.memo[key] = Counting(reg, cal, reg.reply_working_days)
        start = received.toordinal()
        end = cal.add_workdays_ordinal(start, counting.base_working_days)
        return DueDate(
            dt.date.fromordinal(end),
            received,
            cal.estimate and _estimated(cal, start, end),
            counting,
        )
    facts = common_fold(request, as_of, reg)
    if facts is not None:
        # A common history (consultations, an extension, a reply): its one-pass fold gives the
        # same facts as timeline() without building the Timeline.
        extended, consultations = facts
        return _reply_due(
            reg, cal, as_of, received, received, None, extended, consultations, (), None
        )
    return timeline(request, as_of=as_of, calendar=cal, regulation=reg).due


def due_from_timeline(tl: Timeline) -> DueDate:
    """The reply deadline from a folded :class:`~govdisclosure.rules.fold.Timeline`.

    This is what :attr:`Timeline.due <govdisclosure.rules.fold.Timeline.due>` and
    :func:`due_date` return; see the module documentation for the counting.
    """
    return _reply_due(
        tl.regulation,
        tl.calendar,
        tl.as_of,
        tl.received_on,
        tl.clock_start,
        tl.correction,
        tl.extension,
        tl.consultations,
        tl.fees,
        tl.reasonable_period,
    )


def _reply_due(
    reg: Regulation,
    cal: WorkdayCalendar,
    as_of: dt.date | None,
    received: dt.date,
    start: dt.date,
    correction: ev.CorrectionRequested | None,
    extended: ev.Extended | None,
    consultations: tuple[tuple[ev.ConsultationStarted, dt.date | None], ...],
    fees: tuple[tuple[ev.FeeNoticeIssued, dt.date | None], ...],
    reasonable_period: ev.ReasonablePeriodSet | None,
) -> DueDate:
    # The folded facts the reply deadline depends on, from timeline() or common_fold(). The
    # counting runs on ordinals, and enum members are read from module constants: this is the
    # per-request cost of every request with events.
    reason = _RECEIPT if start == received else _CORRECTION_RECEIVED
    extension = Extension(extended.on, extended.working_days) if extended else None
    suspended: PauseKind | None = None
    if correction is not None and reg.correction_restarts_clock:
        suspended = PauseKind.CORRECTION
        reason = _CORRECTION_RECEIVED
        start = correction.due_on or as_of or correction.on
    # (consultee, started, answered, last day not counted, capped)
    candidates: list[tuple[Consultee | None, dt.date, dt.date | None, dt.date, bool]] = []
    cap_days = reg.consultation_working_days
    for started, answered in consultations:
        on = started.on
        capped = False
        if answered is None:
            suspended = suspended or PauseKind.CONSULTATION
        if cap_days is None:
            # 2008: no cap; an open consultation is assumed to run to as_of.
            resume = answered or max(as_of or on, on)
        else:
            cap = cal.add_workdays_ordinal(on.toordinal(), cap_days)
            if answered is not None and answered.toordinal() <= cap:
                resume = answered
            else:
                # Open (assumed to run to the cap), or answered after the cap (capped).
                resume, capped = dt.date.fromordinal(cap), answered is not None
        candidates.append((started.consultee, on, answered, resume, capped))
    for notice, paid in fees:
        if paid is None:
            suspended = suspended or PauseKind.FEE
            # While unpaid, assume payment on the last day allowed (the date is provisional).
            resume = fee_payment_due(notice, reg, cal) or as_of or notice.on
            resume = max(resume, notice.on)
        else:
            resume = paid
        candidates.append((None, notice.on, paid, resume, False))
    if len(candidates) > 1:
        candidates.sort(key=_started_on)  # stable: the pauses are listed by start

    remaining = reg.reply_working_days + (extension.working_days if extension else 0)
    count = cal.count_workdays_ordinal
    first_day = cursor = start.toordinal()
    # Walk the merged pauses in order (from their start, or the clock start, through their last
    # day not counted); a pause only moves the date if it starts before the date reached so far.
    intervals: list[tuple[int, int]] = []
    for c in candidates:
        if c[3] > start:
            intervals.append(((c[1] if c[1] > start else start).toordinal(), c[3].toordinal()))
    for first, last in _merge(intervals) if len(intervals) > 1 else intervals:
        before = count(cursor, first)
        if before >= remaining:
            break
        remaining -= before
        cursor = last
    end = cal.add_workdays_ordinal(cursor, remaining)
    end_day = dt.date.fromordinal(end)
    if reasonable_period is not None and reasonable_period.due_on > end_day:
        # Art. 35: the agency's reasonable day replaces the Art. 33 one (never shortens it).
        end_day = reasonable_period.due_on
        end = end_day.toordinal()
    pauses: list[Pause] = []
    for consultee, started_on, answer_day, resume, capped in candidates:
        # The working days of this pause before the due day (0 if it moved nothing).
        days = 0
        if resume > start:
            lo = (started_on if started_on > start else start).toordinal()
            hi = resume.toordinal()
            if hi > end:
                hi = end
            if hi > lo and lo < end:
                days = count(lo, hi)
        kind = _CONSULTATION if consultee is not None else _FEE
        pauses.append(Pause(consultee, started_on, answer_day, resume, days, capped, kind))
    estimated = cal.estimate and _estimated(cal, min(received.toordinal(), first_day), end)
    counting = Counting(
        reg,
        cal,
        reg.reply_working_days,
        _REPLY,
        start if start != received else None,
        reason,
        extension,
        tuple(pauses),
        suspended,
        reasonable_period.due_on if reasonable_period else None,
    )
    return DueDate(end_day, received, estimated, counting)


_RECEIPT, _CORRECTION_RECEIVED = ClockStart.RECEIPT, ClockStart.CORRECTION_RECEIVED
_CONSULTATION, _FEE = PauseKind.CONSULTATION, PauseKind.FEE
_REPLY = DeadlineKind.REPLY


def _started_on(candidate: tuple[object, dt.date, object, object, object]) -> dt.date:
    return candidate[1]


def due_dates(
    requests: Iterable[DisclosureRequest], *, calendar: WorkdayCalendar | None = None
) -> list[dt.date]:
    """The reply due day of each request (just the dates: the batch fast path).

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.request import DisclosureRequest
    >>> mk = lambda d: DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON), received_on=d,
    ...     method=SubmissionMethod.ONLINE, description="预算")
    >>> due_dates([mk(dt.date(2024, 9, 27)), mk(dt.date(2018, 9, 28))])
    [datetime.date(2024, 10, 30), datetime.date(2018, 10, 24)]
    """
    cal = _resolve(calendar)
    out: list[dt.date] = []
    append = out.append
    add = cal.add_workdays_ordinal
    fromordinal = dt.date.fromordinal
    for request in requests:
        received = request.received_on
        if request.events:
            append(due_date(request, calendar=cal).due_on)
        else:
            n = regulation_in_force(received).reply_working_days
            append(fromordinal(add(received.toordinal(), n)))
    return out


def explain_deadline(
    received_on: dt.date,
    *,
    extended: bool = False,
    regulation: str | None = None,
    calendar: WorkdayCalendar | None = None,
) -> DueDate:
    """The reply deadline for an application received on ``received_on`` (one CLI call).

    ``extended=True`` adds the longest extension the regulation allows; ``regulation``
    (``"2008"`` or ``"2019"``) overrides the version in force on that day, for what-if questions.

    >>> explain_deadline(dt.date(2024, 9, 27), extended=True).due_on
    datetime.date(2024, 11, 27)
    >>> explain_deadline(dt.date(2024, 9, 27), regulation="2008").due_on
    datetime.date(2024, 10, 23)
    """
    cal = _resolve(calendar)
    reg = regulation_by_code(regulation) if regulation else regulation_in_force(received_on)
    extension = Extension(None, reg.extension_max_working_days) if extended else None
    n = reg.reply_working_days + (extension.working_days if extension else 0)
    end = cal.add_workdays(received_on, n)
    estimated = _estimated(cal, received_on.toordinal(), end.toordinal())
    counting = Counting(reg, cal, reg.reply_working_days, extension=extension)
    return DueDate(end, received_on, estimated, counting)


def correction_notice_due(
    request: DisclosureRequest, *, calendar: WorkdayCalendar | None = None
) -> DueDate | None:
    """The last day for the agency's correction notice (补正告知), or ``None`` if none is set.

    The 2019 text allows 7 working days from receipt; the 2008 text set no period.

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.request import DisclosureRequest
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=dt.date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算")
    >>> correction_notice_due(req).due_on
    datetime.date(2024, 10, 12)
    """
    reg = regulation_in_force(request.received_on)
    if reg.correction_notice_working_days is None:
        return None
    return _simple(
        DeadlineKind.CORRECTION_NOTICE,
        reg,
        request.received_on,
        request.received_on,
        reg.correction_notice_working_days,
        _resolve(calendar),
    )


def consultation_due(
    request: DisclosureRequest,
    consultation: ev.ConsultationStarted,
    *,
    calendar: WorkdayCalendar | None = None,
) -> DueDate | None:
    """The last day for a consultee's answer (15 working days under 2019), or ``None``.

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.request import ConsultationStarted, Consultee, DisclosureRequest
    >>> asked = ConsultationStarted(on=dt.date(2024, 10, 8), consultee=Consultee.THIRD_PARTY)
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=dt.date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算",
    ...     events=(asked,))
    >>> consultation_due(req, asked).due_on
    datetime.date(2024, 10, 28)
    """
    reg = regulation_in_force(request.received_on)
    if reg.consultation_working_days is None:
        return None
    return _simple(
        DeadlineKind.CONSULTATION_ANSWER,
        reg,
        request.received_on,
        consultation.on,
        reg.consultation_working_days,
        _resolve(calendar),
    )


def _simple(
    kind: DeadlineKind,
    reg: Regulation,
    received: dt.date,
    start: dt.date,
    n: int,
    cal: WorkdayCalendar,
) -> DueDate:
    end = cal.add_workdays(start, n)
    estimated = _estimated(cal, start.toordinal(), end.toordinal())
    counting = Counting(reg, cal, n, kind, clock_start=start if start != received else None)
    return DueDate(end, received, estimated, counting)


@attrs.frozen
class Deadline:
    """One deadline in a request's life, for either side, and whether it was met.

    ``detail`` says how the date was reached: a :class:`DueDate` for working-day periods, a
    :class:`~govdisclosure.rules.remedies.RemedyWindow` for remedies, ``None`` when the day was
    set in the agency's notice (correction period, fee payment).

    >>> Deadline(DeadlineKind.FEE_PAYMENT, dt.date(2024, 11, 1)).party.label
    '申请人'
    """

    kind: DeadlineKind
    due_on: dt.date
    met_on: dt.date | None = None
    """The day the obligation was met (reply, notice, answer, correction, payment), if it was."""
    detail: DueDate | RemedyWindow | None = None
    estimated: bool = False

    @property
    def party(self) -> Party:
        """Who must act."""
        return self.kind.party

    def is_met(self) -> bool:
        """True if the act happened on or before the due day."""
        return self.met_on is not None and self.met_on <= self.due_on

    def is_missed(self, *, as_of: dt.date) -> bool:
        """True if the act came late, or had not come by ``as_of`` after the due day.

        >>> Deadline(DeadlineKind.FEE_PAYMENT, dt.date(2024, 11, 1)).is_missed(
        ...     as_of=dt.date(2024, 11, 2))
        True
        """
        if self.met_on is not None and self.met_on <= as_of:
            return self.met_on > self.due_on
        return as_of > self.due_on


def deadlines(
    request: DisclosureRequest,
    *,
    as_of: dt.date | None = None,
    calendar: WorkdayCalendar | None = None,
) -> tuple[Deadline, ...]:
    """Every deadline of ``request`` known as of ``as_of`` (all events when ``None``).

    The reply (unless the application was withdrawn); under 2019 the correction notice (when a
    correction was asked) and each consultee's answer; the applicant's correction and fee periods
    as set in the notices; and, after a reply, the windows for reconsideration and a direct suit,
    counted from the reply day (taken as the day the applicant knew of it).

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.outcome import Outcome
    >>> from govdisclosure.model.request import DisclosureRequest, Replied
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=dt.date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算",
    ...     events=(Replied(on=dt.date(2024, 10, 30), outcome=Outcome.GRANTED),))
    >>> [(d.kind.code, d.due_on.isoformat(), d.is_met()) for d in deadlines(req)]
    [('reply', '2024-10-30', True), ('reconsideration', '2024-12-30', False),
     ('direct-suit', '2025-04-30', False)]
    """
    cal = _resolve(calendar)
    tl = timeline(request, as_of=as_of, calendar=cal)
    events = tl.events
    reply_due = tl.due if request.events else due_date(request, calendar=cal)
    reply = tl.reply
    out: list[Deadline] = []
    # A withdrawn application is owed no reply: listing its deadline would report it missed.
    if tl.withdrawal is None:
        out.append(
            Deadline(
                DeadlineKind.REPLY,
                reply_due.due_on,
                reply.on if reply else None,
                reply_due,
                reply_due.estimated,
            )
        )
    corrections = tl.correction_notices
    notice_due = correction_notice_due(request, calendar=cal) if corrections else None
    if notice_due is not None:
        out.append(
            Deadline(
                DeadlineKind.CORRECTION_NOTICE,
                notice_due.due_on,
                corrections[0].on,
                notice_due,
                notice_due.estimated,
            )
        )
    for index, event in enumerate(events):
        later = events[index + 1 :]
        if isinstance(event, ev.ConsultationStarted):
            answer_due = consultation_due(request, event, calendar=cal)
            if answer_due is not None:
                answer = next(
                    (
                        e
                        for e in later
                        if isinstance(e, ev.ConsultationAnswered) and e.consultee is event.consultee
                    ),
                    None,
                )
                out.append(
                    Deadline(
                        DeadlineKind.CONSULTATION_ANSWER,
                        answer_due.due_on,
                        answer.on if answer else None,
                        answer_due,
                        answer_due.estimated,
                    )
                )
        elif isinstance(event, ev.CorrectionRequested) and event.due_on is not None:
            received = next((e for e in later if isinstance(e, ev.CorrectionReceived)), None)
            out.append(
                Deadline(DeadlineKind.CORRECTION, event.due_on, received.on if received else None)
            )
        elif isinstance(event, ev.FeeNoticeIssued):
            fee_due = fee_payment_due(event, tl.regulation, cal)
            if fee_due is not None:
                paid = next((e for e in later if isinstance(e, ev.FeePaid)), None)
                out.append(Deadline(DeadlineKind.FEE_PAYMENT, fee_due, paid.on if paid else None))
    if reply is not None:
        for kind, remedy in (
            (DeadlineKind.RECONSIDERATION, RemedyKind.RECONSIDERATION),
            (DeadlineKind.DIRECT_SUIT, RemedyKind.DIRECT_SUIT),
        ):
            window = remedy_window(remedy, reply.on, calendar=cal)
            out.append(Deadline(kind, window.last_day, None, window, window.estimated))
    return tuple(out)
