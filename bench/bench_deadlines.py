"""How fast reply due dates are, against chinese_calendar.find_workday and numpy.busday_offset.

Run with ``python bench/bench_deadlines.py`` (``--help`` for sizes). It builds 1,000,000 requests
received between 2008-05-01 and 2025-12-31 (no events: the common case of a register) and times:

* ``due_date(request)`` per request (the full result object, explanation left lazy);
* ``due_dates(requests)``, the batch API returning dates only;
* ``chinese_calendar.find_workday`` per request on a sample, scaled to the full count;
* ``numpy.busday_offset`` on the same dates (as ``datetime64[D]`` arrays) with a *correct*
  calendar: every day a business day except the official rest days given as ``holidays=``
  (``weekmask`` cannot express the 调休 make-up weekend days), the period chosen per row by the
  regulation in force;
* ``due_date_array``, the vectorised due dates (numpy, indexing the calendar's period-ends
  tables), on the same arrays.

Both array results are asserted equal to ``due_dates`` on every date before anything is timed.

Targets: at least 200,000 due dates per second per request on one core, at least 50x
``find_workday``, and ``due_date_array`` at least 10x ``numpy.busday_offset``. A smaller sample
of requests with events (a consultation and an extension, the common history) is timed too, and
must also be at least 50x ``find_workday``. Times are CPU times (``time.process_time``), so that
other load on the machine counts less.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date
from typing import TYPE_CHECKING

import chinese_calendar
import numpy as np

from _common import best_of, interleaved_best_of
from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
from govdisclosure.model.request import (
    ConsultationAnswered,
    ConsultationStarted,
    Consultee,
    DisclosureRequest,
    Extended,
    RequestEvent,
)
from govdisclosure.rules import default_calendar, due_date, due_dates, regulation_in_force
from govdisclosure.rules.vectorised import due_date_array

if TYPE_CHECKING:
    from collections.abc import Sequence

FIRST = date(2008, 5, 1)
LAST = date(2025, 12, 31)
TARGET_PER_SECOND = 200_000
TARGET_VS_FIND_WORKDAY = 50
TARGET_VS_BUSDAY = 10


def make_requests(count: int, seed: int = 2024) -> list[DisclosureRequest]:
    rng = random.Random(seed)
    applicant = Applicant(ApplicantKind.NATURAL_PERSON)
    first = FIRST.toordinal()
    days = [date.fromordinal(o) for o in range(first, LAST.toordinal() + 1)]
    return [
        DisclosureRequest(
            id="bench",
            applicant=applicant,
            received_on=days[rng.randrange(len(days))],
            method=SubmissionMethod.ONLINE,
            description="bench",
        )
        for _ in range(count)
    ]


def with_events(requests: Sequence[DisclosureRequest]) -> list[DisclosureRequest]:
    out = []
    for r in requests:
        start = date.fromordinal(r.received_on.toordinal() + 3)
        answer = date.fromordinal(start.toordinal() + 9)
        extended = date.fromordinal(answer.toordinal() + 2)
        events: tuple[RequestEvent, ...] = (
            ConsultationStarted(on=start, consultee=Consultee.THIRD_PARTY),
            ConsultationAnswered(on=answer, consultee=Consultee.THIRD_PARTY),
            Extended(on=extended, working_days=10),
        )
        out.append(
            DisclosureRequest(
                id=r.id,
                applicant=r.applicant,
                received_on=r.received_on,
                method=r.method,
                description=r.description,
                events=events,
            )
        )
    return out


def received_array(requests: Sequence[DisclosureRequest]) -> np.ndarray:
    epoch = date(1970, 1, 1).toordinal()
    days = np.array([r.received_on.toordinal() - epoch for r in requests], dtype="int64")
    return days.astype("datetime64[D]")


def correct_busdaycalendar() -> np.busdaycalendar:
    """numpy's calendar with every day a business day except the official rest days.

    ``weekmask`` alone cannot express the 调休 make-up Saturdays and Sundays, so the mask is all
    seven days and ``holidays=`` lists every rest day (weekends that are no make-up day, and the
    holidays), read from chinese_calendar's own data over its covered years.
    """
    first = date(min(chinese_calendar.holidays).year, 1, 1)
    last = date(max(chinese_calendar.holidays).year, 12, 31)
    rest = chinese_calendar.get_holidays(first, last, include_weekends=True)
    days = np.array(rest, dtype="datetime64[D]")
    return np.busdaycalendar(weekmask="1111111", holidays=days)


_SWITCH = np.datetime64(regulation_in_force(date(2019, 5, 15)).in_force_from, "D")


def busday_peer(received: np.ndarray, calendar: np.busdaycalendar) -> np.ndarray:
    """The numpy peer: the period of the regulation in force, then busday_offset."""
    offsets = np.where(received >= _SWITCH, 20, 15)
    # roll="backward": a receipt on a rest day counts from the working day before, which has
    # the same n-th next working day.
    return np.busday_offset(received, offsets, roll="backward", busdaycal=calendar)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=2_000, help="find_workday sample size")
    parser.add_argument("--events", type=int, default=20_000, help="requests with events")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    cal = default_calendar()  # built once, outside the timings (as in real use)
    print(f"calendar: {cal!r}")
    started = time.perf_counter()
    requests = make_requests(args.requests)
    print(f"built {len(requests):,} requests in {time.perf_counter() - started:.1f} s")
    n = len(requests)

    per_request = best_of(args.repeat, lambda: [due_date(r) for r in requests])
    batch = best_of(args.repeat, lambda: due_dates(requests))

    sample = requests[: args.sample]
    # find_workday counts the next working day as day 0 when it starts on a rest day, so the
    # two agree only for receipt on a working day; the statutory count is checked in the tests.
    on_workdays = [r for r in sample[:500] if cal.is_workday(r.received_on)]
    reference = [
        chinese_calendar.find_workday(
            regulation_in_force(r.received_on).reply_working_days, r.received_on
        )
        for r in on_workdays
    ]
    assert reference == [due_date(r).due_on for r in on_workdays], "results differ"

    def find_workday_loop() -> None:
        for r in sample:
            chinese_calendar.find_workday(
                regulation_in_force(r.received_on).reply_working_days, r.received_on
            )

    received = received_array(requests)
    busdaycal = correct_busdaycalendar()
    peer = busday_peer(received, busdaycal)
    ours = due_date_array(received).dates
    objects = np.array(due_dates(requests), dtype="datetime64[D]")
    assert (peer == objects).all(), "numpy.busday_offset differs from due_dates"
    assert (ours == objects).all(), "due_date_array differs from due_dates"
    print(f"numpy.busday_offset and due_date_array agree with due_dates on all {n:,} dates")
    numpy_seconds = best_of(args.repeat, lambda: busday_peer(received, busdaycal))
    array_seconds = best_of(args.repeat, lambda: due_date_array(received))

    eventful = with_events(requests[: args.events])
    # The peer and the requests with events in alternate rounds, so that both see the same load.
    find_workday_best, general_best = interleaved_best_of(
        args.repeat, find_workday_loop, lambda: [due_date(r) for r in eventful]
    )
    find_workday = find_workday_best * n / len(sample)
    general = general_best * n / len(eventful)

    def line(label: str, seconds: float) -> None:
        print(f"  {label:<46} {seconds:8.3f} s  {n / seconds:>12,.0f} /s")

    print(f"\ndue dates for {n:,} requests (best of {args.repeat}):")
    line("due_date(request), per request", per_request)
    line("due_dates(requests), batch", batch)
    line(f"find_workday per request (scaled from {len(sample):,})", find_workday)
    line("numpy.busday_offset, correct calendar", numpy_seconds)
    line("due_date_array (numpy, period-ends tables)", array_seconds)
    line(f"due_date with events (scaled from {len(eventful):,})", general)

    rate = n / per_request
    print("\nratios:")
    print(f"  due_date vs find_workday:        {find_workday / per_request:8.1f}x")
    print(f"  due_dates vs find_workday:       {find_workday / batch:8.1f}x")
    print(f"  due_date vs numpy.busday_offset: {numpy_seconds / per_request:8.3f}x")
    print(f"  due_dates vs numpy.busday_offset:{numpy_seconds / batch:8.3f}x")
    print(f"  due_date_array vs numpy.busday_offset:{numpy_seconds / array_seconds:8.1f}x")
    print(f"  due_date with events vs find_workday:{find_workday / general:8.1f}x")
    ok_busday = numpy_seconds / array_seconds >= TARGET_VS_BUSDAY
    ok_rate = rate >= TARGET_PER_SECOND
    ok_ratio = find_workday / per_request >= TARGET_VS_FIND_WORKDAY
    ok_events = find_workday / general >= TARGET_VS_FIND_WORKDAY
    print(
        f"\ntargets: >= {TARGET_PER_SECOND:,}/s per request: {'met' if ok_rate else 'MISSED'}"
        f" ({rate:,.0f}/s); >= {TARGET_VS_FIND_WORKDAY}x find_workday:"
        f" {'met' if ok_ratio else 'MISSED'}; due_date_array >= {TARGET_VS_BUSDAY}x"
        f" busday_offset: {'met' if ok_busday else 'MISSED'}; with events >="
        f" {TARGET_VS_FIND_WORKDAY}x find_workday: {'met' if ok_events else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
