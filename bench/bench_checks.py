"""How fast tabulation and the consistency checks are, against pandas and numpy in the same run.

Run with ``python bench/bench_checks.py`` (``--help`` for sizes). It times:

* ``tabulate`` on 1,000,000 synthetic requests (received 2023-06-01 to 2025-06-30, half of them
  with a reply, one in twenty withdrawn), for the year 2024. Building a million attrs requests
  takes far longer than tabulating them, so the script builds a pool of distinct requests
  (``--pool``, default 200,000) and repeats references to reach the count; tabulation does the
  same work per item either way.
* The same job on columns (dates, outcome and applicant codes as arrays, which is what a request
  log read by a columnar engine holds), three ways, each timed end to end from the same raw
  columns (year logic and counting):

  - ``tabulate_columns`` (govdisclosure's columnar tabulation);
  - pandas: the year logic vectorised on a DataFrame, then ``pandas.crosstab``;
  - numpy: the year logic vectorised, then one ``numpy.bincount`` over row x column codes.

  All four tables are asserted equal before anything is timed.
* ``check`` on 10,000 *distinct* reports: the three bundled examples and the same three parsed
  back from their rendered HTML (``tests/snapshots``), each rebuilt with every count of tables
  3 and 4 and every narrative count scaled by a different factor (so the identities and the
  narrative figures still agree), one in ten with one cell off by one (so findings are built).
  Every report, table, row, figure, section and paragraph string is a fresh object (asserted
  before timing): no identity-keyed cache can hide cost. The narrative text keeps its words
  (a cache keyed by the text's value would hit here; the checks keep none). ``--by-rule``
  also times each family of rules alone (``check(rules=...)``, so each pays for what it reads).

Times are CPU times (``time.process_time``), the best of ``--repeat`` rounds, since the machine
may be shared.

Targets: ``tabulate_columns`` at least 1.0x the numpy ``bincount`` version; ``check`` on 10,000
distinct reports under 0.5 s.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from govdisclosure.checks import check, registered_rules
from govdisclosure.examples import load
from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
from govdisclosure.model.layout import ApplicationRow, FormatVersion
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.report import AnnualReport2008, AnnualReport2019, AnnualReport2021
from govdisclosure.model.request import DisclosureRequest, Replied, RequestEvent, Withdrawn
from govdisclosure.parse import parse_report
from govdisclosure.stats import RequestColumns, tabulate, tabulate_columns

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from govdisclosure.model.report import AnnualReport, Figure, Section
    from govdisclosure.model.tables import ApplicantCounts, ReviewCounts

ROOT = Path(__file__).resolve().parents[1]
START = date(2023, 6, 1)
SPAN = (date(2025, 6, 30) - START).days
YEAR = 2024
EXAMPLES = ("huaian-city-2024", "shanghai-gov-office-2019", "sichuan-hrss-2013")
TARGET_CHECK_SECONDS = 0.5
KINDS = tuple(ApplicantKind)
OUTCOMES = tuple(Outcome)


def build_pool(size: int, seed: int = 2024) -> list[DisclosureRequest]:
    rng = random.Random(seed)
    applicants = {kind: Applicant(kind) for kind in KINDS}
    pool = []
    for i in range(size):
        received = START + timedelta(days=rng.randrange(SPAN))
        events: tuple[RequestEvent, ...] = ()
        draw = rng.random()
        if draw < 0.5:
            on = received + timedelta(days=rng.randrange(40))
            events = (Replied(on=on, outcome=rng.choice(OUTCOMES)),)
        elif draw < 0.55:
            events = (Withdrawn(on=received + timedelta(days=rng.randrange(10))),)
        pool.append(
            DisclosureRequest(
                id=str(i),
                applicant=applicants[KINDS[rng.randrange(len(KINDS)) if i % 4 else 0]],
                received_on=received,
                method=SubmissionMethod.ONLINE,
                description="申请公开的政府信息",
                events=events,
            )
        )
    return pool


# --- the raw columns every columnar peer starts from ---------------------------------------------

_EPOCH = date(1970, 1, 1).toordinal()
NAT = np.datetime64("NaT", "D")


def raw_columns(requests: Sequence[DisclosureRequest]) -> dict[str, np.ndarray]:
    """received, replied and withdrawn days (datetime64[D], NaT when none), outcome and kind codes.

    This is what a request log holds per row; it is built outside the timings.
    """
    n = len(requests)
    received = np.empty(n, "int64")
    replied = np.full(n, np.iinfo("int64").min, "int64")  # NaT
    withdrawn = np.full(n, np.iinfo("int64").min, "int64")
    outcome = np.full(n, -1, "int8")
    kind = np.empty(n, "int8")
    outcome_index = {o: i for i, o in enumerate(OUTCOMES)}
    kind_index = {k: i for i, k in enumerate(KINDS)}
    for i, r in enumerate(requests):
        received[i] = r.received_on.toordinal() - _EPOCH
        kind[i] = kind_index[r.applicant.kind]
        for event in r.events:
            if isinstance(event, Replied):
                replied[i] = event.on.toordinal() - _EPOCH
                outcome[i] = outcome_index[event.outcome]
            elif isinstance(event, Withdrawn):
                withdrawn[i] = event.on.toordinal() - _EPOCH
    return {
        "received": received.view("M8[D]"),
        "replied": replied.view("M8[D]"),
        "withdrawn": withdrawn.view("M8[D]"),
        "outcome": outcome,
        "kind": kind,
    }


def _layout(version: FormatVersion) -> tuple[list[str], np.ndarray, int, int, int]:
    """Row codes of table 3, the row index of each outcome (withdrawn last), new/over/forward."""
    rows = [row.code for row in version.application_rows]
    index = {row: i for i, row in enumerate(version.application_rows)}
    outcome_rows = [index[ApplicationRow.from_outcome(o)] for o in OUTCOMES]
    outcome_rows.append(index[ApplicationRow.from_outcome(Outcome.OTHER_OTHER)])  # withdrawn
    return (
        rows,
        np.array(outcome_rows, "int64"),
        index[ApplicationRow.NEW],
        index[ApplicationRow.CARRIED_OVER],
        index[ApplicationRow.CARRIED_FORWARD],
    )


_LEAF_ROWS = np.array(
    [row.is_outcome for row in FormatVersion.NATIONAL_2021.application_rows], "bool"
)
_TOTAL_ROW = FormatVersion.NATIONAL_2021.application_rows.index(ApplicationRow.TOTAL)


def numpy_tabulate(cols: dict[str, np.ndarray], year: int) -> np.ndarray:
    """The numpy peer: year logic vectorised, then one bincount over row x column codes."""
    rows, outcome_rows, new, over, forward = _layout(FormatVersion.NATIONAL_2021)
    width = len(KINDS)
    received = cols["received"].astype("M8[Y]").astype("int64") + 1970
    replied, withdrawn = cols["replied"], cols["withdrawn"]
    has_reply = ~np.isnat(replied)
    gave_up = ~has_reply & ~np.isnat(withdrawn)
    done_day = np.where(has_reply, replied, withdrawn)
    done = done_day.astype("M8[Y]").astype("int64") + 1970
    finished = has_reply | gave_up
    done = np.where(finished, np.maximum(done, received), 0)
    at = np.where(has_reply, outcome_rows[cols["outcome"].astype("int64")], outcome_rows[-1])
    kind = cols["kind"].astype("int64")
    counted = received <= year
    is_new = counted & (received == year)
    is_over = counted & ~is_new & (~finished | (done >= year))
    first = np.where(is_new, new, over) * width + kind
    closes = finished & (done == year)
    second = np.where(closes, at, forward) * width + kind
    live = is_new | is_over
    codes = np.concatenate((first[live], second[live]))
    table = np.bincount(codes, minlength=len(rows) * width).reshape(len(rows), width)
    table[_TOTAL_ROW] = table[_LEAF_ROWS].sum(axis=0)
    return table


def pandas_tabulate(frame: Any, year: int) -> Any:
    """The pandas peer: the same year logic on a DataFrame, then a crosstab."""
    import pandas as pd

    rows, outcome_rows, new, over, forward = _layout(FormatVersion.NATIONAL_2021)
    received = frame["received"].dt.year
    has_reply = frame["replied"].notna()
    gave_up = ~has_reply & frame["withdrawn"].notna()
    finished = has_reply | gave_up
    done = frame["replied"].where(has_reply, frame["withdrawn"]).dt.year
    done = done.where(~finished | (done >= received), received)
    at = pd.Series(outcome_rows[frame["outcome"].to_numpy().astype("int64")], index=frame.index)
    at = at.where(has_reply, outcome_rows[-1])
    counted = received <= year
    is_new = counted & (received == year)
    is_over = counted & ~is_new & (~finished | (done >= year))
    live = is_new | is_over
    first = pd.Series(np.where(is_new, new, over), index=frame.index)[live]
    second = at.where(finished & (done == year), forward)[live]
    kinds = frame["kind"][live]
    table = pd.crosstab(
        pd.concat((first, second), ignore_index=True), pd.concat((kinds, kinds), ignore_index=True)
    )
    table = table.reindex(index=range(len(rows)), columns=range(len(KINDS)), fill_value=0)
    table.iloc[_TOTAL_ROW] = table[_LEAF_ROWS].sum(axis=0)
    return table


def object_table(requests: Sequence[DisclosureRequest]) -> np.ndarray:
    t = tabulate(requests, year=YEAR)
    return np.array([row.by_applicant for row in t.applications.rows], "int64")


# --- distinct reports ---------------------------------------------------------------------------


def _scaled(value: int | None, factor: int) -> int | None:
    return None if value is None else value * factor


def _scale_row(row: ApplicantCounts, factor: int) -> ApplicantCounts:
    values: dict[str, Any] = {
        k.attribute: _scaled(getattr(row, k.attribute), factor) for k in KINDS
    }
    return attrs.evolve(row, total=_scaled(row.total, factor), **values)


def _scale_group(group: ReviewCounts, factor: int) -> ReviewCounts:
    names = ("maintained", "corrected", "other", "pending", "total")
    return attrs.evolve(group, **{n: _scaled(getattr(group, n), factor) for n in names})


def _scale_figure(figure: Figure, factor: int) -> Figure:
    quantity = figure.quantity
    if quantity.unit == "件" and type(quantity.value) is int:
        quantity = attrs.evolve(quantity, value=quantity.value * factor)
    else:
        quantity = attrs.evolve(quantity)
    return attrs.evolve(figure, quantity=quantity)


def _fresh(text: str) -> str:
    """An equal string that is a new object (``str(text)`` and slicing may return ``text``)."""
    return text.encode().decode()


def _fresh_section(section: Section) -> Section:
    return attrs.evolve(
        section,
        heading=_fresh(section.heading),
        paragraphs=tuple(_fresh(p) for p in section.paragraphs),
        subsections=tuple(_fresh_section(s) for s in section.subsections),
    )


def vary(report: AnnualReport, factor: int, broken: bool) -> AnnualReport:
    """A new report: counts scaled by ``factor`` (identities kept), one cell off if ``broken``."""
    changes: dict[str, Any] = {
        "figures": tuple(_scale_figure(f, factor) for f in report.figures),
        "sections": tuple(_fresh_section(s) for s in report.sections),
    }
    if isinstance(report, AnnualReport2019 | AnnualReport2021):
        if report.applications is not None:
            rows = [_scale_row(r, factor) for r in report.applications.rows]
            if broken and rows[0].natural_person is not None:
                rows[0] = attrs.evolve(rows[0], natural_person=rows[0].natural_person + 1)
            changes["applications"] = attrs.evolve(report.applications, rows=tuple(rows))
        if report.reviews is not None:
            reviews = report.reviews
            changes["reviews"] = attrs.evolve(
                reviews,
                reconsideration=_scale_group(reviews.reconsideration, factor),
                litigation_direct=_scale_group(reviews.litigation_direct, factor),
                litigation_after_reconsideration=_scale_group(
                    reviews.litigation_after_reconsideration, factor
                ),
            )
    if getattr(report, "proactive", None) is not None:
        changes["proactive"] = attrs.evolve(report.proactive)  # type: ignore[attr-defined]
    if isinstance(report, AnnualReport2008):
        changes["statistics"] = tuple(attrs.evolve(s) for s in report.statistics)
    return attrs.evolve(report, **changes)


def distinct_reports(count: int) -> list[AnnualReport]:
    bases: list[AnnualReport] = [load(name) for name in EXAMPLES]
    for name in EXAMPLES:
        bases.append(parse_report(ROOT / "tests" / "snapshots" / f"{name}.html").report)
    return [vary(bases[i % len(bases)], 1 + i // len(bases), i % 10 == 9) for i in range(count)]


def _parts(report: AnnualReport) -> Iterator[object]:
    """The objects a report is made of that a cache could key on (by identity)."""
    yield report
    yield from report.figures
    for figure in report.figures:
        yield figure.quantity
    stack = list(report.sections)
    while stack:
        section = stack.pop()
        yield section
        yield from (p for p in section.paragraphs if len(p) > 1)  # 1-char strings are shared
        stack.extend(section.subsections)
    for name in ("applications", "reviews", "proactive", "statistics"):
        table = getattr(report, name, None)
        if isinstance(table, tuple):
            yield from table
        elif table is not None:
            yield table
            yield from getattr(table, "rows", ())


def assert_distinct(reports: Sequence[AnnualReport]) -> None:
    """No two reports share an object a cache could key on (the bases are not checked)."""
    seen: set[int] = set()
    count = 0
    for report in reports:
        for part in _parts(report):
            seen.add(id(part))
            count += 1
    assert len(seen) == count, f"{count - len(seen)} objects are shared between reports"


def best(repeat: int, func: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        func()
        times.append(time.process_time() - start)
    return min(times)


def check_all(reports: Sequence[AnnualReport], rules: list[str]) -> None:
    for report in reports:
        check(report, rules=rules)


def families() -> dict[str, list[str]]:
    """The rules check() runs by default, by family (the id up to its first hyphen)."""
    out: dict[str, list[str]] = {}
    for rule in registered_rules().values():
        if rule.default and not rule.series and not rule.corpus:
            family = rule.id.split("-")[0]
            out.setdefault("T2-T4 (tables)" if family[0] == "T" else family, []).append(rule.id)
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--pool", type=int, default=200_000)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--by-rule", action="store_true", help="time each family of rules alone")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    pool = build_pool(min(args.pool, args.requests))
    print(f"built {len(pool):,} distinct requests in {time.perf_counter() - started:.2f} s")
    requests = (pool * (args.requests // len(pool) + 1))[: args.requests]
    n = len(requests)

    objects = best(args.repeat, lambda: tabulate(requests, year=YEAR))
    print(f"tabulate (objects): {n:,} requests in {objects:.3f} s ({n / objects:,.0f}/s)")

    cols = raw_columns(requests)
    expected = object_table(requests)
    assert (numpy_tabulate(cols, YEAR) == expected).all(), "numpy peer differs"
    timings = {"numpy bincount": best(args.repeat, lambda: numpy_tabulate(cols, YEAR))}
    try:
        import pandas as pd
    except ImportError:
        print("pandas is not importable: its peer is skipped")
    else:
        frame = pd.DataFrame(cols)
        assert (pandas_tabulate(frame, YEAR).to_numpy() == expected).all(), "pandas peer differs"
        timings["pandas crosstab"] = best(args.repeat, lambda: pandas_tabulate(frame, YEAR))
    columns = RequestColumns.from_arrays(
        received_on=cols["received"],
        kind=cols["kind"],
        replied_on=cols["replied"],
        outcome=cols["outcome"],
        withdrawn_on=cols["withdrawn"],
    )
    got = tabulate_columns(columns, year=YEAR).applications
    assert got == tabulate(requests, year=YEAR).applications, "tabulate_columns differs"
    ours = best(args.repeat, lambda: tabulate_columns(columns, year=YEAR))
    print(f"tabulate_columns: {ours:.4f} s")
    for label, seconds in timings.items():
        print(f"  {label:<16} {seconds:.4f} s   tabulate_columns is {seconds / ours:6.2f}x it")
    print(f"  tabulate (objects) / tabulate_columns: {objects / ours:.1f}x slower")
    for label, seconds in timings.items():
        print(f"{label}: {seconds:.4f} s (tabulate on objects is {seconds / objects:.2f}x it)")

    started = time.perf_counter()
    reports = distinct_reports(args.reports)
    print(f"\nbuilt {len(reports):,} distinct reports in {time.perf_counter() - started:.1f} s")
    assert_distinct(reports)
    failures = sum(1 for r in reports if check(r))
    print(f"reports with findings: {failures:,}")
    seconds = best(args.repeat, lambda: [check(r) for r in reports])
    status = "met" if seconds < TARGET_CHECK_SECONDS else "MISSED"
    print(
        f"check: {len(reports):,} distinct reports in {seconds:.3f} s"
        f" (target < {TARGET_CHECK_SECONDS} s: {status})"
    )
    seconds = best(args.repeat, lambda: [check(r, include_unverifiable=True) for r in reports])
    print(f"check(include_unverifiable=True): {seconds:.3f} s")
    if args.by_rule:
        for family, ids in families().items():
            alone = best(args.repeat, partial(check_all, reports, ids))
            print(f"  {family:<16} alone: {alone:.3f} s ({', '.join(ids)})")


if __name__ == "__main__":
    main()
