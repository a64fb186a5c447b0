"""How fast a proactive-disclosure register is tabulated, with its reviews and deadlines.

Run with ``python bench/bench_proactive.py`` (``--help`` for sizes). It builds a register of
1,000,000 items (formed 2015-2025, each with one or two channels and a confidentiality review;
three in ten documents repealed later), from a pool of distinct items (``--pool``, default
100,000) repeated to reach the count (building a million attrs items takes far longer than
tabulating them; the work per item is the same), and times for the year 2024:

* ``tabulate_proactive``: table 2 (2021 format) and the channel figures;
* ``timeliness_summary``: every item's Art. 26 deadline and whether it was met, as of 2024-12-31;
* the review rule (先审查、后公开) over every item (``review_problems_of``);
* the three together, against the target;
* the named peer, in the same run: ``stats.tabulate`` (table 3) on as many requests.

Target: the three together on 1,000,000 items in at most 3 s on one core.
"""

from __future__ import annotations

import argparse
import random
import time
import timeit
from datetime import date, timedelta

from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
from govdisclosure.model.channel import ChannelKind, DisclosureChannel
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.proactive import (
    DisclosureCategory,
    ProactiveItem,
    ProactiveRegister,
    PublicationReview,
    ReviewDecision,
    ReviewKind,
    StatusChange,
    StatusChangeKind,
)
from govdisclosure.model.request import DisclosureRequest, Replied
from govdisclosure.rules.publication import review_problems_of, timeliness_summary
from govdisclosure.stats import tabulate
from govdisclosure.stats._proactive import tabulate_proactive

YEAR = 2024
AS_OF = date(YEAR, 12, 31)
TARGET_SECONDS = 3.0
CHANNELS = (
    DisclosureChannel(kind=ChannelKind.PORTAL, name="市政府网站"),
    DisclosureChannel(kind=ChannelKind.GAZETTE, name="政府公报"),
    DisclosureChannel(kind=ChannelKind.MICROBLOG, name="政务微博"),
    DisclosureChannel(kind=ChannelKind.WECHAT, name="政务微信"),
)


def build_pool(size: int, seed: int = 2024) -> list[ProactiveItem]:
    rng = random.Random(seed)
    categories = list(DisclosureCategory)
    first = date(2015, 1, 1)
    pool = []
    for i in range(size):
        formed = first + timedelta(days=rng.randrange(3900))
        published = formed + timedelta(days=rng.randrange(35))
        category = categories[rng.randrange(len(categories))]
        history: tuple[StatusChange, ...] = ()
        if category.is_document and rng.random() < 0.3:
            repealed = published + timedelta(days=rng.randrange(1, 500))
            history = (
                StatusChange(
                    kind=StatusChangeKind.REPEALED,
                    on=repealed,
                    published_on=repealed + timedelta(days=rng.randrange(30)),
                ),
            )
        pool.append(
            ProactiveItem(
                id=str(i),
                title="主动公开事项",
                category=category,
                formed_on=formed,
                published_on=published,
                channels=tuple(rng.sample(CHANNELS, rng.randrange(1, 3))),
                reviews=(
                    PublicationReview(
                        kind=ReviewKind.CONFIDENTIALITY,
                        reviewed_on=formed + timedelta(days=rng.randrange(3)),
                        result=ReviewDecision.PUBLISH,
                    ),
                ),
                history=history,
            )
        )
    return pool


def build_requests(size: int, seed: int = 2024) -> list[DisclosureRequest]:
    rng = random.Random(seed)
    applicant = Applicant(ApplicantKind.NATURAL_PERSON)
    start = date(2023, 6, 1)
    out = []
    for i in range(size):
        received = start + timedelta(days=rng.randrange(700))
        out.append(
            DisclosureRequest(
                id=str(i),
                applicant=applicant,
                received_on=received,
                method=SubmissionMethod.ONLINE,
                description="申请公开的政府信息",
                events=(Replied(on=received + timedelta(days=20), outcome=Outcome.GRANTED),),
            )
        )
    return out


def reviews(items: list[ProactiveItem]) -> int:
    return len(review_problems_of(items))


def best(func: object, repeat: int) -> float:
    return min(timeit.repeat(func, number=1, repeat=repeat))  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--pool", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    pool = build_pool(min(args.pool, args.items))
    requests_pool = build_requests(min(args.pool, args.items))
    print(f"built {len(pool):,} items and requests in {time.perf_counter() - started:.2f} s")
    items = (pool * (args.items // len(pool) + 1))[: args.items]
    requests = (requests_pool * (args.items // len(requests_pool) + 1))[: args.items]
    # Ids repeat in the pooled list, so the register is assembled without its id check (the
    # check runs once, when a register is built or read, not when it is tabulated).
    register = object.__new__(ProactiveRegister)
    for name, value in (("agency", None), ("items", tuple(items)), ("decision_counts", ()),
                        ("decisions", ()), ("fees", ()), ("procurements", ())):  # fmt: skip
        object.__setattr__(register, name, value)

    t_table = best(lambda: tabulate_proactive(register, year=YEAR), args.repeat)
    t_time = best(lambda: timeliness_summary(items, as_of=AS_OF), args.repeat)
    t_review = best(lambda: reviews(items), args.repeat)
    total = t_table + t_time + t_review
    summary = timeliness_summary(items, as_of=AS_OF)
    print(f"tabulate_proactive: {len(items):,} items in {t_table:.3f} s")
    print(f"timeliness_summary: {t_time:.3f} s ({summary})")
    print(f"review_problems_of every item: {t_review:.3f} s")
    verdict = "met" if total <= TARGET_SECONDS else "MISSED"
    print(f"together: {total:.3f} s (target <= {TARGET_SECONDS} s: {verdict})")
    t_peer = best(lambda: tabulate(requests, year=YEAR), args.repeat)
    print(
        f"peer stats.tabulate (table 3) on {len(requests):,} requests: {t_peer:.3f} s"
        f" (tabulate_proactive / tabulate = {t_table / t_peer:.2f};"
        f" all three / tabulate = {total / t_peer:.2f})"
    )


if __name__ == "__main__":
    main()
