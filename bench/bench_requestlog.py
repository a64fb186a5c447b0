"""Request log (CSV) to table 3, end to end: the columnar reader against pandas, in one run.

Run with ``python bench/bench_requestlog.py`` (``--help`` for sizes). It writes a request log of
1,000,000 rows to a temporary folder, in the repository's own format (the Chinese headers and
labels of ``REQUEST_LOG_COLUMNS``, as ``write_request_log(lang="zh")`` writes them): received
2023-06-01 to 2025-06-30, six in ten replied, one in twenty extended, one in fifty transferred,
one in a thousand with a JSON ``events`` cell (a withdrawal). Then it times, each end to end from
the file to the counts of table 3 for 2024:

* ``read_request_columns`` + ``tabulate_columns`` (pyarrow's CSV reader, every cell checked
  with the request log's rules, one ``numpy.bincount``);
* pandas: ``read_csv``, dates parsed, labels mapped to rows and columns, the year logic
  vectorised, ``pandas.crosstab`` (no checks at all);
* ``read_request_log`` + ``tabulate`` (one object per request) on the first ``--object-rows``
  rows, scaled, for reference.

Then the object reader alone (``read_request_log``, CSV to ``DisclosureRequest`` objects) on the
``--object-rows`` rows, in ``--repeat`` interleaved rounds of CPU time; each ``--against REV``
adds the reader of that git revision (``git show REV:src/govdisclosure/export/requestlog.py``
imported as a module of its own, on today's models), asserted to read the same requests:
rows/s of each round and the ratios. ``--objects-only`` runs that part alone. For example
``python bench/bench_requestlog.py --objects-only --object-rows 50000 --against 79ca9e8``
times the reader of before the hardening of request logs (strict dates, duplicate ids, ...).

The tables are asserted equal first. The peak memory of the columnar path is measured in a
fresh process (``ru_maxrss``). Targets: at least 1.0x pandas, peak memory under 1 GB.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from _common import best_of
from govdisclosure.export.columnar import read_request_columns
from govdisclosure.export.requestlog import REQUEST_LOG_COLUMNS, read_request_log
from govdisclosure.model.applicant import ApplicantKind, SubmissionMethod
from govdisclosure.model.layout import ApplicationRow, FormatVersion
from govdisclosure.model.outcome import Outcome
from govdisclosure.stats import tabulate, tabulate_columns

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from types import ModuleType

YEAR = 2024
START = date(2023, 6, 1)
SPAN = (date(2025, 6, 30) - START).days
TARGET_VS_PANDAS = 1.0
TARGET_MEMORY = 1 << 30
LAYOUT = FormatVersion.NATIONAL_2021.application_rows


def write_log(path: Path, rows: int, seed: int = 2024) -> None:
    rng = random.Random(seed)
    kinds = [k.label for k in ApplicantKind]
    outcomes = [o.label for o in Outcome]
    methods = [m.label for m in SubmissionMethod]
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([c.label for c in REQUEST_LOG_COLUMNS if not c.personal])
        for i in range(rows):
            received = START + timedelta(days=rng.randrange(SPAN))
            draw = rng.random()
            extended = transferred = replied = events = ""
            days = to = outcome = ""
            if rng.random() < 0.05:
                extended, days = (received + timedelta(days=20)).isoformat(), "15"
            if rng.random() < 0.02:
                transferred, to = (received + timedelta(days=3)).isoformat(), "某某区人民政府"
            if draw < 0.6:
                replied = (received + timedelta(days=rng.randrange(45))).isoformat()
                outcome = outcomes[rng.randrange(len(outcomes))]
            elif draw < 0.601:
                day = (received + timedelta(days=5)).isoformat()
                events = json.dumps([{"type": "withdrawn", "on": day}])
            writer.writerow(
                [
                    f"2024-{i:07d}",
                    received.isoformat(),
                    "",
                    methods[i % len(methods)],
                    kinds[0 if i % 4 == 0 else rng.randrange(len(kinds))],
                    "申请公开某某项目的审批文件",
                    "某某市人民政府办公室",
                    extended,
                    days,
                    transferred,
                    to,
                    replied,
                    outcome,
                    "",
                    events,
                ]
            )


def ours(path: Path) -> np.ndarray:
    table = tabulate_columns(read_request_columns(path), year=YEAR).applications
    return np.array([row.by_applicant for row in table.rows], dtype="int64")


def objects(path: Path) -> np.ndarray:
    table = tabulate(read_request_log(path), year=YEAR).applications
    return np.array([row.by_applicant for row in table.rows], dtype="int64")


def pandas_peer(path: Path) -> np.ndarray:
    """pandas end to end: read_csv, the same year logic vectorised, crosstab."""
    import pandas as pd

    by = {c.code: c.label for c in REQUEST_LOG_COLUMNS}
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    received = pd.to_datetime(frame[by["received_on"]], format="%Y-%m-%d")
    replied = pd.to_datetime(frame[by["replied_on"]], format="%Y-%m-%d", errors="coerce")
    index = {row: i for i, row in enumerate(LAYOUT)}
    rows = {o.label: index[ApplicationRow.from_outcome(o)] for o in Outcome}
    rows.update({o.code: index[ApplicationRow.from_outcome(o)] for o in Outcome})
    columns = {k.label: i for i, k in enumerate(ApplicantKind)}
    columns.update({k.code: i for i, k in enumerate(ApplicantKind)})
    # The peer reads the events cells the simple way: a withdrawal counts as （六）3.其他.
    events = frame[by["events"]]
    withdrawn = events.str.contains('"withdrawn"', regex=False)
    withdrawn_on = pd.to_datetime(
        events.str.extract(r'"on": "(\d{4}-\d{2}-\d{2})"')[0], format="%Y-%m-%d"
    )
    has_reply = replied.notna()
    gave_up = ~has_reply & withdrawn
    finished = has_reply | gave_up
    done = replied.where(has_reply, withdrawn_on).dt.year
    year_in = received.dt.year
    done = done.where(~finished | (done >= year_in), year_in)
    at = frame[by["outcome"]].map(rows)
    at = at.where(has_reply, index[ApplicationRow.from_outcome(Outcome.OTHER_OTHER)])
    kind = frame[by["applicant_kind"]].map(columns)
    counted = year_in <= YEAR
    is_new = counted & (year_in == YEAR)
    is_over = counted & ~is_new & (~finished | (done >= YEAR))
    live = is_new | is_over
    first = pd.Series(
        np.where(is_new, index[ApplicationRow.NEW], index[ApplicationRow.CARRIED_OVER]),
        index=frame.index,
    )[live]
    second = at.where(finished & (done == YEAR), index[ApplicationRow.CARRIED_FORWARD])[live]
    kinds = kind[live]
    table = pd.crosstab(
        pd.concat((first, second), ignore_index=True),
        pd.concat((kinds, kinds), ignore_index=True),
    )
    table = table.reindex(index=range(len(LAYOUT)), columns=range(len(ApplicantKind)))
    cells: np.ndarray = table.fillna(0).to_numpy().astype("int64")
    leaves = np.array([row.is_outcome for row in LAYOUT])
    cells[LAYOUT.index(ApplicationRow.TOTAL)] = cells[leaves].sum(axis=0)
    return cells


def peak_memory(path: Path) -> int:
    """Peak resident memory (bytes) of a fresh process that runs the columnar path once."""
    code = (
        "import resource, sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]);"
        " import bench_requestlog as b; b.ours(Path(sys.argv[1]));"
        " print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    here = str(Path(__file__).parent)
    out = subprocess.run(
        [sys.executable, "-c", code, str(path), here], check=True, capture_output=True, text=True
    )
    return int(out.stdout.split()[-1]) * 1024  # ru_maxrss is in KiB on Linux


def reader_of(revision: str, folder: Path) -> ModuleType:
    """The request-log module of a git revision of this repository, imported on its own."""
    root = Path(__file__).resolve().parents[1]
    source = subprocess.run(
        ["git", "show", f"{revision}:src/govdisclosure/export/requestlog.py"],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    name = f"requestlog_at_{len(list(folder.iterdir()))}"
    path = folder / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def object_reader(rows: int, repeat: int, against: Sequence[str]) -> None:
    """The object reader in interleaved rounds of CPU time, with those of other revisions."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        write_log(path, rows)
        readers: dict[str, Callable[[Path], object]] = {"now": read_request_log}
        for revision in against:
            readers[revision] = reader_of(revision, Path(folder)).read_request_log
        expected = read_request_log(path)
        for label, read in readers.items():
            assert read(path) == expected, f"the reader of {label} reads other requests"
        times: dict[str, list[float]] = {label: [] for label in readers}
        for _ in range(repeat):
            for label, read in readers.items():
                started = time.process_time()
                read(path)
                times[label].append(time.process_time() - started)
    print(f"\nread_request_log, {rows:,} rows to objects (CPU time, {repeat} interleaved rounds):")
    for label, spent in times.items():
        rates = ", ".join(f"{rows / t:,.0f}" for t in spent)
        print(f"  {label:>12}: {rates} rows/s (best {rows / min(spent):,.0f})")
    for revision in against:
        ratio = min(times[revision]) / min(times["now"])
        print(f"  now vs {revision}: {ratio:.2f}x as fast (best round of each)")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--object-rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--against",
        metavar="REV",
        action="append",
        default=[],
        help="also time the object reader of this git revision (may be repeated)",
    )
    parser.add_argument("--objects-only", action="store_true", help="time the object reader only")
    args = parser.parse_args(argv)
    if not args.objects_only:
        columnar_and_pandas(args.rows, args.object_rows, args.repeat)
    object_reader(args.object_rows, args.repeat, args.against)


def columnar_and_pandas(rows: int, object_rows: int, repeat: int) -> None:
    """The columnar path against pandas (and the object path, scaled), end to end."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        small = Path(folder) / "small.csv"
        started = time.perf_counter()
        write_log(path, rows)
        write_log(small, object_rows)
        size, took = path.stat().st_size, time.perf_counter() - started
        print(f"wrote {rows:,} rows ({size / 1e6:.0f} MB) in {took:.1f} s")

        reference = objects(small)
        assert (ours(small) == reference).all(), "columnar path differs from the row reader"
        assert (pandas_peer(small) == reference).all(), "pandas peer differs from the row reader"

        timings: dict[str, float] = {}
        results: dict[str, np.ndarray] = {}
        for _ in range(repeat):  # interleaved, best of each
            for label, func in (("columnar", ours), ("pandas", pandas_peer)):
                started = time.perf_counter()
                results[label] = func(path)
                elapsed = time.perf_counter() - started
                timings[label] = min(elapsed, timings.get(label, elapsed))
        assert (results["columnar"] == results["pandas"]).all(), "pandas differs on the full log"
        print("the three paths give the same table 3")
        scaled = best_of(1, lambda: objects(small), clock=time.perf_counter) * rows / object_rows
        memory = peak_memory(path)

    n = rows
    print(f"\nrequest log of {n:,} rows to table 3 (best of {repeat}):")
    print(f"  read_request_columns + tabulate_columns  {timings['columnar']:7.2f} s")
    print(f"  pandas read_csv + year logic + crosstab  {timings['pandas']:7.2f} s")
    print(f"  read_request_log + tabulate (scaled)      {scaled:7.2f} s")
    ratio = timings["pandas"] / timings["columnar"]
    rows_ratio = scaled / timings["columnar"]
    print(f"\ncolumnar vs pandas: {ratio:.2f}x; vs the row reader: {rows_ratio:.1f}x")
    print(f"peak memory of the columnar path: {memory / 2**20:,.0f} MiB")
    print(
        f"targets: >= {TARGET_VS_PANDAS}x pandas:"
        f" {'met' if ratio >= TARGET_VS_PANDAS else 'MISSED'};"
        f" memory < 1 GiB: {'met' if memory < TARGET_MEMORY else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
