"""How a whole corpus fares: parallel parsing, a streamed Parquet dataset, a DuckDB aggregate.

Run with ``python bench/bench_corpus.py`` (``--help`` for sizes). It measures, in one run:

* ``govdisclosure parse FOLDER --output OUT --jobs N`` on ``--files`` report files (default
  10,000: copies of the repository's text reports, under distinct names), with ``--jobs 1`` (the
  peer) and ``--jobs 2``, each in a fresh process, in ``--rounds`` interleaved rounds, and
  prints the throughput ratio (medians). Target: at least 1.8x on a 2-core machine. As the
  wall-clock ratio needs an idle machine, it also prints the CPU split of ``--jobs 2`` (the
  command's own process against its workers) and the ratio that split implies.
* :func:`govdisclosure.export.write_dataset` of ``--reports`` reports (default 100,000, built
  one at a time from the bundled Huaian 2024 report with distinct agencies and years, so that
  nothing is held) to a Parquet dataset partitioned by year, in a child process whose peak
  resident memory (``ru_maxrss``) is read when it ends. Target: under 500 MB.
* a DuckDB aggregate over that dataset (the median of 本年新收 by level and year), timed against
  the same aggregate in pandas after ``pandas.read_parquet`` (the peer). Target: under 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "data" / "reports"
TEXTS = (
    "huaian-city-2024.pdfminer.txt",
    "huaian-city-2024.pypdf.txt",
    "pingtan-zone-2013.txt",
    "pingtan-zone-2022.txt",
)
QUERY = """
    select level, year, median(value) as median_new, count(*) as reports
    from read_parquet('{root}/*/*.parquet', hive_partitioning = true)
    where table_code = 'applications' and row_code = 'new' and column_code = 'total'
    group by level, year order by level, year
"""
EXPORT = textwrap.dedent(
    """
    import itertools, resource, sys, attrs
    from govdisclosure import examples
    from govdisclosure.export import write_dataset
    from govdisclosure.model import Agency, AgencyLevel, RegionCode

    huaian = examples.load("huaian-city-2024")
    levels = [AgencyLevel.PREFECTURE, AgencyLevel.COUNTY, AgencyLevel.PROVINCE]

    def reports(count):
        for i in range(count):
            agency = Agency(name=f"机关{i}", level=levels[i % 3], region=RegionCode("320800"))
            yield attrs.evolve(huaian, agency=agency, year=2019 + i % 6)

    count, root = int(sys.argv[1]), sys.argv[2]
    written = write_dataset(reports(count), root, sources=(f"r{i}.pdf" for i in range(count)))
    print(sum(written.values()), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    return env


def make_files(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    sources = [(REPORTS / name).read_bytes() for name in TEXTS]
    for i in range(count):
        (folder / f"report-{i:06d}.txt").write_bytes(sources[i % len(sources)])


# The command in a fresh process, which then says what CPU it used (process_time: every thread
# of it) and what its worker processes used (RUSAGE_CHILDREN: the pool is joined by then).
PARSE = textwrap.dedent(
    """
    import json, resource, sys, time
    from govdisclosure.cli import main

    try:
        code = main(sys.argv[1:])
    finally:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = {"parent": time.process_time(), "workers": children.ru_utime + children.ru_stime}
        print(json.dumps(cpu), file=sys.stderr)
    sys.exit(code)
    """
)


class Run(NamedTuple):
    wall: float
    parent: float
    """CPU seconds of the command's own process (all its threads, imports included)."""
    workers: float
    """CPU seconds of its worker processes, together."""


def parse_run(folder: Path, out: Path, jobs: int) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    arguments = ["parse", str(folder), "--output", str(out), "--jobs", str(jobs), "--lang", "en"]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PARSE, *arguments],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: some parses are incomplete (Pingtan 2022)
        raise SystemExit(f"parse failed ({done.returncode}): {done.stderr[-500:]}")
    *_, summary, figures = done.stderr.strip().splitlines()
    cpu = json.loads(figures)
    print(f"    --jobs {jobs}: {summary}")
    return Run(seconds, cpu["parent"], cpu["workers"])


def _median(runs: list[Run]) -> Run:
    return Run(*(statistics.median(getattr(r, f) for r in runs) for f in Run._fields))


def bench_parse(count: int, work: Path, rounds: int) -> None:
    folder = work / "reports"
    make_files(folder, count)
    print(f"parse {count} report files (text), one JSON document each, {rounds} rounds:")
    runs: dict[int, list[Run]] = {1: [], 2: []}
    for _ in range(rounds):  # interleaved, so that a change in the machine's load hits both
        for jobs in (1, 2):
            runs[jobs].append(parse_run(folder, work / f"out{jobs}", jobs))
    one, two = _median(runs[1]), _median(runs[2])
    serial = one.parent + one.workers
    print(f"  --jobs 1: {one.wall:.1f} s ({count / one.wall:.0f} files/s), CPU {serial:.2f} s")
    print(
        f"  --jobs 2: {two.wall:.1f} s ({count / two.wall:.0f} files/s), CPU: parent"
        f" {two.parent:.2f} s, workers {two.workers:.2f} s"
    )
    # What the CPU split allows, whatever else loads the machine: the parent's share is serial,
    # the workers' is split in two; on 2 cores the parent also takes time from the workers.
    bound = serial / max(two.parent, two.workers / 2)
    shared = serial / max(two.parent, (two.parent + two.workers) / 2)
    print(
        f"  implied by CPU: {bound:.2f}x (jobs 1 CPU / max(parent, workers / 2));"
        f" {shared:.2f}x with the parent sharing the 2 cores"
    )
    ratio = one.wall / two.wall
    print(
        f"  wall ratio: {ratio:.2f}x (target >= 1.8x on 2 idle cores; other load on the machine"
        f" lowers it) {'ok' if ratio >= 1.8 else 'MISSED'}"
    )
    shutil.rmtree(folder)


def bench_export(count: int, root: Path) -> None:
    print(f"write_dataset of {count} reports, partitioned by year:")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", EXPORT, str(count), str(root)],
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    cells, peak_kb = (int(v) for v in done.stdout.split())
    peak = peak_kb / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  {cells} cells in {seconds:.1f} s ({count / seconds:.0f} reports/s)")
    print(f"  peak RSS {peak:.0f} MB (largest child so far {children:.0f} MB; target < 500 MB)")
    print(f"  {'ok' if peak < 500 else 'MISSED'}")


def bench_query(root: Path) -> None:
    import duckdb
    import pandas as pd

    print("median of 本年新收 by level and year over the dataset:")
    connection = duckdb.connect()
    sql = QUERY.format(root=root)
    connection.sql(sql).fetchall()  # warm the file cache, as the peer's read does
    start = time.perf_counter()
    rows = connection.sql(sql).fetchall()
    duck = time.perf_counter() - start
    start = time.perf_counter()
    frame = pd.read_parquet(
        root,
        columns=["level", "table_code", "row_code", "column_code", "value", "year"],
        filters=[("row_code", "==", "new"), ("column_code", "==", "total")],
    )
    frame = frame[frame["table_code"] == "applications"]
    peer = frame.groupby(["level", "year"], observed=True)["value"].median()
    pandas_seconds = time.perf_counter() - start
    assert len(peer) == len(rows)
    print(f"  DuckDB: {duck * 1000:.0f} ms, {len(rows)} groups (target < 1 s)")
    print(f"  pandas (read_parquet + groupby): {pandas_seconds * 1000:.0f} ms")
    print(f"  ratio: DuckDB {pandas_seconds / duck:.1f}x faster {'ok' if duck < 1 else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="report files to parse")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved parse rounds (median)")
    parser.add_argument("--reports", type=int, default=100_000, help="reports to export")
    parser.add_argument("--skip-parse", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        if not args.skip_parse:
            bench_parse(args.files, work, args.rounds)
        root = work / "cells"
        bench_export(args.reports, root)
        bench_query(root)


if __name__ == "__main__":
    main()
