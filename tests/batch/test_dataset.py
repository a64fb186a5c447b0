"""The partitioned Parquet dataset: streamed, read by pyarrow, pandas and DuckDB."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import attrs
import pytest

from common import extra, optional
from govdisclosure import examples
from govdisclosure.export.frame import ARROW_COLUMNS, DatasetExists, to_arrow, write_dataset
from govdisclosure.model.agency import Agency, AgencyLevel
from govdisclosure.model.layout import ApplicationRow
from govdisclosure.model.report import AnnualReport, AnnualReport2019, AnnualReport2021

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


pytestmark = extra("pandas", "arrow")
pd = optional("pandas")
ds = optional("pyarrow.dataset")
HUAIAN = examples.load("huaian-city-2024")
SHANGHAI = examples.load("shanghai-gov-office-2019")


def _many(count: int) -> Iterator[AnnualReport]:
    """Reports of many agencies and years, generated one at a time."""
    levels = itertools.cycle([AgencyLevel.PREFECTURE, AgencyLevel.COUNTY])
    for i, level in zip(range(count), levels, strict=False):
        base = HUAIAN if i % 3 else SHANGHAI
        yield attrs.evolve(
            base, agency=Agency(name=f"机关{i}", level=level), year=2019 + (i % 2) * 5
        )


def _new(report: AnnualReport) -> int | None:
    assert isinstance(report, AnnualReport2019 | AnnualReport2021)
    assert report.applications is not None
    return report.applications.row(ApplicationRow.NEW).total


def test_dataset_partitions_by_year_and_reads_back(tmp_path: Path) -> None:
    root = tmp_path / "cells"
    reports = list(_many(12))
    sources = [f"file{i}.pdf" for i in range(12)]
    written = write_dataset(iter(reports), root, sources=iter(sources), batch_size=5)
    assert sum(written.values()) == to_arrow(reports).num_rows
    assert sorted(p.parent.name for p in root.glob("*/*.parquet")) == [f"year={y}" for y in written]
    table = ds.dataset(root, partitioning="hive").to_table()
    assert table.num_rows == sum(written.values())
    assert set(table.column_names) == {*ARROW_COLUMNS, "source"}
    frame = pd.read_parquet(root)
    assert str(frame["value"].dtype) == "Int64" and str(frame["amount"].dtype) == "Float64"
    assert set(frame["source"]) == set(sources)


def test_duckdb_queries_the_dataset_without_quoting(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    root = tmp_path / "cells"
    write_dataset(_many(30), root, batch_size=7)
    rows = duckdb.sql(
        f"""
        select level, year, median(value) as median_new, count(*) as reports
        from read_parquet('{root}/*/*.parquet', hive_partitioning = true)
        where table_code = 'applications' and row_code = 'new' and column_code = 'total'
        group by level, year order by level, year
        """
    ).fetchall()
    expected = (
        pd.DataFrame(
            [(r.agency.level.code, r.year, _new(r)) for r in _many(30) if r.agency.level],
            columns=["level", "year", "new"],
        )
        .groupby(["level", "year"])["new"]
        .agg(["median", "count"])
    )
    assert [(lv, int(y), float(m), c) for lv, y, m, c in rows] == [
        (lv, y, float(m), c) for (lv, y), (m, c) in expected.iterrows()
    ]


def test_dataset_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "old.parquet").write_bytes(b"x")
    with pytest.raises(DatasetExists, match="not an empty folder"):
        write_dataset([HUAIAN], tmp_path)
    with pytest.raises(ValueError, match="batch_size"):
        write_dataset([HUAIAN], tmp_path / "new", batch_size=0)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert write_dataset([HUAIAN], empty) == {2024: 200}
