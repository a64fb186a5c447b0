"""How fast tabulation and the consistency checks are.

Run with ``python bench/bench_checks.py`` (``--help`` for sizes). It times:

* ``tabulate`` on 1,000,000 synthetic requests (received 2023-06-01 to 2025-06-30, half of them
  with a reply, one in twenty withdrawn), for the year 2024. Building a million attrs requests
  with their validators takes far longer than tabulating them, so the script builds a pool of
  distinct requests (``--pool``, default 200,000) and repeats references to reach the count;
  tabulation does the same work per item either way. ``--pool 1000000`` builds them all.
* ``pandas.crosstab`` of the same records (applicant kind by table-3 row, with the year logic
  done beforehand, i.e. less work than ``tabulate``), if pandas is importable, and the ratio.
* ``check`` on 10,000 full 2021-format reports (the bundled Huaian 2024 report, whose 25 x 7
  table 3 and table 4 are complete, so every rule runs on every cell).

Targets: 1,000,000 requests tabulated in at most 2 s, and 10,000 reports checked in at most 1 s.
"""

from __future__ import annotations

import argparse
import random
import time
import timeit
from datetime import date, timedelta
from typing import TYPE_CHECKING

from govdisclosure.checks import check
from govdisclosure.examples import load
from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
from govdisclosure.model.layout import FormatVersion
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.request import DisclosureRequest, Replied, RequestEvent, Withdrawn
from govdisclosure.stats import tabulate

if TYPE_CHECKING:
    from collections.abc import Sequence

START = date(2023, 6, 1)
SPAN = (date(2025, 6, 30) - START).days
YEAR = 2024


def build_pool(size: int, seed: int = 2024) -> list[DisclosureRequest]:
    rng = random.Random(seed)
    kinds = list(ApplicantKind)
    outcomes = list(Outcome)
    applicants = {kind: Applicant(kind) for kind in kinds}
    pool = []
    for i in range(size):
        received = START + timedelta(days=rng.randrange(SPAN))
        events: tuple[RequestEvent, ...] = ()
        draw = rng.random()
        if draw < 0.5:
            on = received + timedelta(days=rng.randrange(40))
            events = (Replied(on=on, outcome=rng.choice(outcomes)),)
        elif draw < 0.55:
            events = (Withdrawn(on=received + timedelta(days=rng.randrange(10))),)
        pool.append(
            DisclosureRequest(
                id=str(i),
                applicant=applicants[kinds[rng.randrange(len(kinds)) if i % 4 else 0]],
                received_on=received,
                method=SubmissionMethod.ONLINE,
                description="申请公开的政府信息",
                events=events,
            )
        )
    return pool


def crosstab_records(requests: Sequence[DisclosureRequest]) -> tuple[list[str], list[str]]:
    """The (applicant kind, row) pairs pandas is given; rows for the year are derived here."""
    kinds, rows = [], []
    for request in requests:
        reply = request.reply
        received = request.received_on.year
        if received > YEAR:
            continue
        done = reply.on.year if reply is not None else None
        if received < YEAR and done is not None and done < YEAR:
            continue
        kind = request.applicant.kind.code
        kinds.append(kind)
        rows.append("new" if received == YEAR else "carried-over")
        kinds.append(kind)
        rows.append(reply.outcome.code if done == YEAR and reply else "carried-forward")
    return kinds, rows


def best(func: object, repeat: int) -> float:
    return min(timeit.repeat(func, number=1, repeat=repeat))  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--pool", type=int, default=200_000)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    pool = build_pool(min(args.pool, args.requests))
    built = time.perf_counter() - started
    print(f"built {len(pool):,} distinct requests in {built:.2f} s")
    requests = (pool * (args.requests // len(pool) + 1))[: args.requests]

    seconds = best(lambda: tabulate(requests, year=YEAR), args.repeat)
    rate = len(requests) / seconds
    print(f"tabulate: {len(requests):,} requests in {seconds:.3f} s ({rate:,.0f}/s; target <= 2 s)")
    seconds_2019 = best(
        lambda: tabulate(requests, year=YEAR, format=FormatVersion.TRIAL_2019), args.repeat
    )
    print(f"tabulate (2019 trial format): {seconds_2019:.3f} s")

    try:
        import pandas as pd  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        print("pandas is not importable: crosstab comparison skipped")
    else:
        kinds, rows = crosstab_records(requests)
        frame = pd.DataFrame({"kind": kinds, "row": rows})
        seconds_pd = best(lambda: pd.crosstab(frame["row"], frame["kind"]), args.repeat)
        print(
            f"pandas.crosstab on the {len(kinds):,} pre-derived records: {seconds_pd:.3f} s"
            f" (tabulate / crosstab = {seconds / seconds_pd:.2f})"
        )

    report = load("huaian-city-2024")
    reports = [report] * args.reports
    seconds = best(lambda: [check(r) for r in reports], args.repeat)
    print(f"check: {len(reports):,} reports in {seconds:.3f} s (target <= 1 s)")
    seconds = best(lambda: [check(r, include_unverifiable=True) for r in reports], args.repeat)
    print(f"check(include_unverifiable=True): {seconds:.3f} s")


if __name__ == "__main__":
    main()
