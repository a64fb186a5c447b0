"""Tidy export of 10,000 reports: to a DataFrame, and Parquet against a flat CSV.

Run with ``python bench/bench_tidy.py`` (needs the ``pandas`` and ``arrow`` extras).

The reports are the bundled Huaian 2024 (2021 format) and Shanghai 2019 (2019 trial format)
reports, alternated, each under its own agency name and year: 10,000 reports, about two million
cells. It measures, best of a few runs on one core:

* ``to_frame`` of the 10,000 reports, against the 5 s budget;
* ``to_arrow`` and ``write_parquet`` of the same reports;
* reading the Parquet file back with pyarrow, against pyarrow reading a flat CSV of the same
  cells (the peer: the same columns as plain text, written by pyarrow's CSV writer).
"""

from __future__ import annotations

import tempfile
import timeit
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from govdisclosure import examples
from govdisclosure.export.frame import to_arrow, to_frame, write_parquet

if TYPE_CHECKING:
    from govdisclosure.model import AnnualReport

REPORTS = 10_000
BUDGET_SECONDS = 5.0
REPEAT = 3


def _reports() -> list[AnnualReport]:
    base = [examples.load("huaian-city-2024"), examples.load("shanghai-gov-office-2019")]
    built = []
    for i in range(REPORTS):
        report = base[i % 2]
        agency = attrs.evolve(report.agency, name=f"{report.agency.name}（第{i}号）")
        year = report.year - (i // 2) % 5 if i % 2 == 0 else report.year
        built.append(attrs.evolve(report, agency=agency, year=year))
    return built


def _best(statement: object) -> float:
    return min(timeit.repeat(statement, number=1, repeat=REPEAT))  # type: ignore[arg-type]


def main() -> None:
    reports = _reports()
    frame_seconds = _best(lambda: to_frame(reports))
    cells = len(to_frame(reports))
    arrow_seconds = _best(lambda: to_arrow(reports))
    print(f"{REPORTS} reports, {cells} cells")
    print(
        f"to_frame: {frame_seconds:.2f} s (budget {BUDGET_SECONDS:.0f} s,"
        f" ratio {frame_seconds / BUDGET_SECONDS:.2f})"
    )
    print(f"to_arrow: {arrow_seconds:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        parquet = Path(folder) / "tidy.parquet"
        flat = Path(folder) / "tidy.csv"
        write_seconds = _best(lambda: write_parquet(reports, parquet))
        table = pq.read_table(parquet)
        plain = pa.table(
            {
                name: column.cast(column.type.value_type)
                if pa.types.is_dictionary(column.type)
                else column
                for name, column in zip(table.column_names, table.columns, strict=True)
            }
        )
        pacsv.write_csv(plain, flat)
        parquet_read = _best(lambda: pq.read_table(parquet))
        csv_read = _best(lambda: pacsv.read_csv(flat))
        assert pq.read_table(parquet).num_rows == pacsv.read_csv(flat).num_rows == cells
        print(f"write_parquet: {write_seconds:.2f} s ({parquet.stat().st_size / 1e6:.1f} MB;"
              f" flat CSV {flat.stat().st_size / 1e6:.1f} MB)")  # fmt: skip
        print(
            f"read back with pyarrow: Parquet {parquet_read * 1000:.0f} ms,"
            f" flat CSV {csv_read * 1000:.0f} ms, ratio Parquet/CSV"
            f" {parquet_read / csv_read:.2f}"
        )


if __name__ == "__main__":
    main()
