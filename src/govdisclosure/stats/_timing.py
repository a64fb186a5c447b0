"""Response-time statistics from the request lifecycle: how fast, and how often on time."""

from __future__ import annotations

import statistics
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

import attrs

from govdisclosure.model.applicant import ApplicantKind
from govdisclosure.model.outcome import OutcomeGroup
from govdisclosure.rules.fold import timeline
from govdisclosure.rules.lifecycle import ResponseTime, is_overdue, response_time

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from govdisclosure.model.request import DisclosureRequest
    from govdisclosure.rules.calendar import WorkdayCalendar

__all__ = ["ResponseStats", "TimingReport", "response_stats"]

K = TypeVar("K", OutcomeGroup, ApplicantKind)


@attrs.frozen
class ResponseStats:
    """Working days to reply over a group of answered requests (the regulation's counting).

    ``on_time_rate`` is a fraction (0 to 1) as an exact :class:`~decimal.Decimal`.
    """

    count: int
    median_working_days: Decimal
    mean_working_days: Decimal
    max_working_days: int
    on_time: int

    @property
    def on_time_rate(self) -> Decimal:
        """Share of replies given on or before their deadline."""
        return Decimal(self.on_time) / Decimal(self.count)

    @classmethod
    def of(cls, times: Iterable[ResponseTime]) -> ResponseStats | None:
        """Statistics of some response times, or ``None`` if there are none."""
        items = list(times)
        if not items:
            return None
        days = [t.working_days for t in items]
        return cls(
            count=len(items),
            median_working_days=Decimal(str(statistics.median(days))),
            mean_working_days=Decimal(sum(days)) / Decimal(len(days)),
            max_working_days=max(days),
            on_time=sum(1 for t in items if t.on_time),
        )


@attrs.frozen
class TimingReport:
    """Response-time statistics overall, per outcome group and per applicant kind.

    Groups with no answered request are absent (never reported as zero). ``overdue`` counts the
    unanswered requests whose deadline had passed on the report's ``as_of`` (0 without one):
    they are late too, and :attr:`on_time_rate` counts them against the agency.
    """

    overall: ResponseStats | None
    by_outcome_group: tuple[tuple[OutcomeGroup, ResponseStats], ...]
    by_applicant: tuple[tuple[ApplicantKind, ResponseStats], ...]
    unanswered: int
    overdue: int = 0

    @property
    def on_time_rate(self) -> Decimal | None:
        """Replies on time among the replies and the overdue unanswered requests.

        ``None`` when there is neither.
        """
        answered = self.overall.count if self.overall else 0
        if answered + self.overdue == 0:
            return None
        on_time = self.overall.on_time if self.overall else 0
        return Decimal(on_time) / Decimal(answered + self.overdue)

    def for_group(self, group: OutcomeGroup) -> ResponseStats | None:
        """The statistics of one outcome group, or ``None`` if no reply fell in it."""
        return dict(self.by_outcome_group).get(group)

    def for_applicant(self, kind: ApplicantKind) -> ResponseStats | None:
        """The statistics of one applicant kind, or ``None`` if none of them was answered."""
        return dict(self.by_applicant).get(kind)


def response_stats(
    requests: Iterable[DisclosureRequest],
    *,
    calendar: WorkdayCalendar | None = None,
    as_of: date | None = None,
) -> TimingReport:
    """Median, mean and maximum working days to reply, and the on-time rate.

    Only answered requests count in the working-day figures; ``unanswered`` says how many were
    left out. With ``as_of`` the requests are read as they stood that day (a later reply is not
    there yet; a request received after it is left out) and the unanswered ones already past
    their deadline are counted as ``overdue``, so that one request eleven months overdue does not
    leave a report "100% on time".

    >>> from datetime import date
    >>> from govdisclosure.model import (
    ...     Applicant, ApplicantKind, DisclosureRequest, Outcome, OutcomeGroup, Replied,
    ...     SubmissionMethod,
    ... )
    >>> def answered(received, replied, outcome=Outcome.GRANTED):
    ...     return DisclosureRequest(
    ...         id=str(received), applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...         received_on=received, method=SubmissionMethod.ONLINE, description="预算",
    ...         events=(Replied(on=replied, outcome=outcome),))
    >>> report = response_stats([
    ...     answered(date(2024, 9, 27), date(2024, 10, 14)),
    ...     answered(date(2024, 3, 1), date(2024, 4, 30), Outcome.UNABLE_NOT_HELD),
    ... ])
    >>> report.overall.count, report.overall.max_working_days, report.overall.on_time_rate
    (2, 42, Decimal('0.5'))
    >>> report.for_group(OutcomeGroup.GRANTED).median_working_days
    Decimal('8')
    >>> report.for_group(OutcomeGroup.WITHHELD) is None
    True
    >>> late = DisclosureRequest(
    ...     id="3", applicant=Applicant(ApplicantKind.NATURAL_PERSON), received_on=date(2024, 1, 2),
    ...     method=SubmissionMethod.ONLINE, description="预算")
    >>> later = response_stats([answered(date(2024, 9, 27), date(2024, 10, 14)), late],
    ...                        as_of=date(2024, 12, 31))
    >>> later.overall.on_time_rate, later.overdue, later.on_time_rate
    (Decimal('1'), 1, Decimal('0.5'))
    """
    times: list[tuple[ApplicantKind, ResponseTime]] = []
    unanswered = overdue = 0
    for request in requests:
        if as_of is not None:
            if request.received_on > as_of:
                continue
            reply = timeline(request, as_of=as_of, calendar=calendar).reply
            if reply is None:
                unanswered += 1
                overdue += is_overdue(request, as_of=as_of, calendar=calendar)
                continue
        timing = response_time(request, calendar=calendar)
        if timing is None:
            unanswered += 1
        else:
            times.append((request.applicant.kind, timing))
    by_group: defaultdict[OutcomeGroup, list[ResponseTime]] = defaultdict(list)
    by_kind: defaultdict[ApplicantKind, list[ResponseTime]] = defaultdict(list)
    for kind, timing in times:
        by_group[timing.outcome.group].append(timing)
        by_kind[kind].append(timing)
    return TimingReport(
        overall=ResponseStats.of(t for _, t in times),
        by_outcome_group=_stats_of(by_group, OutcomeGroup),
        by_applicant=_stats_of(by_kind, ApplicantKind),
        unanswered=unanswered,
        overdue=overdue,
    )


def _stats_of(
    groups: dict[K, list[ResponseTime]], order: Iterable[K]
) -> tuple[tuple[K, ResponseStats], ...]:
    pairs = ((key, ResponseStats.of(groups.get(key, ()))) for key in order)
    return tuple((key, stats) for key, stats in pairs if stats is not None)
