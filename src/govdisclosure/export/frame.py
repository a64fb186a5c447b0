"""Tidy tables as a pandas DataFrame, an Arrow table or a Parquet file.

The columns are the fields of :class:`~govdisclosure.export.tidy.TidyRow`, except that the
record's single ``value`` is split by kind so that counts and money are never mixed in one
column:

==================  ===================  =========================================================
column              pandas / Arrow type  content
==================  ===================  =========================================================
``agency``          category / dict      the agency's name
``level``           category / dict      :class:`~govdisclosure.model.agency.AgencyLevel` code
``region``          category / dict      GB/T 2260 region code
``year``            int16                the report year
``format_version``  category / dict      :class:`~govdisclosure.model.layout.FormatVersion` code
``table``           category / dict      :class:`~govdisclosure.model.layout.ReportPart` code
``row``             category / dict      row code (the enum codes of :mod:`~.export.tidy`)
``row_label``       category / dict      the row's Chinese label
``column``          category / dict      column code
``column_label``    category / dict      the column's Chinese label
``kind``            category / dict      ``count``, ``money`` or ``number``
``unit``            category / dict      the printed unit (元, 万元, 条…), null for plain counts
``value``           Int64 / int64        the count, for ``kind == "count"``; null otherwise
``amount``          Float64 / float64    money and fractional figures, as floats for analysis
``amount_exact``    string / string      the same amount exactly (``Decimal`` text), lossless
``blank``           bool / bool          the source left the cell blank
==================  ===================  =========================================================

A blank cell is null in ``value``, ``amount`` and ``amount_exact`` *and* has ``blank`` true; a
printed 0 is ``0`` with ``blank`` false. ``amount`` is a nullable float (``Float64``) so that
sums and plots work; ``amount_exact`` keeps the exact decimal (``Decimal(amount_exact)``) for
anything that must add up to the 分. Code and label columns are categoricals (pandas) or
dictionary-encoded strings (Arrow), whose categories are in order of first appearance.

The Arrow table is built directly from column buffers, not through pandas, so
:func:`to_arrow`, :func:`write_parquet` and :func:`write_dataset` need only the ``arrow`` extra.

Arrow, Parquet and the dataset are read by SQL engines, where ``table``, ``row`` and ``column``
are reserved words: there those three columns are named ``table_code``, ``row_code`` and
``column_code`` (:data:`ARROW_COLUMNS`; :data:`SQL_NAMES` maps the names). Their schema carries
pandas metadata, so :func:`pandas.read_parquet` reads counts back as ``Int64`` and amounts as
``Float64``, as :func:`to_frame` gives them.

Given ``sources`` (one per report: a path or URL), every format gets a ``source`` column after
the tidy ones, saying which file each cell was read from.

>>> from govdisclosure import examples
>>> from govdisclosure.export.frame import to_frame
>>> frame = to_frame([examples.load(n) for n in examples.names()])
>>> frame.shape
(398, 16)
>>> str(frame["value"].dtype), str(frame["amount"].dtype), str(frame["row"].dtype)
('Int64', 'Float64', 'category')
"""

from __future__ import annotations

import importlib
import itertools
import os
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from govdisclosure.errors import GovDisclosureError
from govdisclosure.export.tidy import DICTIONARY_COLUMNS, FIELDS, Columns, columns

if TYPE_CHECKING:
    from collections.abc import Iterable
    from os import PathLike

    import pandas as pd
    import pyarrow as pa

    from govdisclosure.model.report import AnnualReport

__all__ = [
    "ARROW_COLUMNS",
    "FRAME_COLUMNS",
    "SQL_NAMES",
    "DatasetExists",
    "to_arrow",
    "to_frame",
    "write_dataset",
    "write_parquet",
]

FRAME_COLUMNS: tuple[str, ...] = (
    *FIELDS[: FIELDS.index("value")],
    "value",
    "amount",
    "amount_exact",
    "blank",
)
"""The columns of :func:`to_frame`, in order."""

SQL_NAMES: dict[str, str] = {"table": "table_code", "row": "row_code", "column": "column_code"}
"""Tidy names that are reserved words in SQL, and what Arrow and Parquet call them."""

ARROW_COLUMNS: tuple[str, ...] = tuple(SQL_NAMES.get(name, name) for name in FRAME_COLUMNS)
"""The columns of :func:`to_arrow`, :func:`write_parquet` and :func:`write_dataset`, in order.

>>> ARROW_COLUMNS[5:10]
('table_code', 'row_code', 'row_label', 'column_code', 'column_label')
"""

SOURCE_COLUMN = "source"

_SCHEMA_KEY = b"govdisclosure.tidy"
_SCHEMA_VALUE = b"2"  # 2: SQL-safe names (table_code, row_code, column_code)
# What pandas reads back: without it, a nullable int64 column becomes float64.
_PANDAS_METADATA = orjson.dumps(
    {
        "index_columns": [],
        "column_indexes": [],
        "columns": [
            {
                "name": name,
                "field_name": name,
                "pandas_type": pandas_type,
                "numpy_type": numpy_type,
                "metadata": None,
            }
            for name, pandas_type, numpy_type in (
                ("value", "int64", "Int64"),
                ("amount", "float64", "Float64"),
                ("amount_exact", "unicode", "string"),
            )
        ],
        "creator": {"library": "govdisclosure"},
    }
)


def require(module: str, extra: str, purpose: str) -> Any:
    """Import an optional dependency, or raise :class:`ImportError` naming the extra.

    >>> require("json", "none", "testing").__name__
    'json'
    >>> require("no_such_module_here", "pandas", "to_frame")
    Traceback (most recent call last):
    ...
    ImportError: to_frame needs no_such_module_here: pip install 'govdisclosure[pandas]' (from a
    checkout of the source: pip install '.[pandas]')
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{purpose} needs {module}: pip install 'govdisclosure[{extra}]'"
            f" (from a checkout of the source: pip install '.[{extra}]')"
        ) from exc


class DatasetExists(GovDisclosureError, FileExistsError):
    """:func:`write_dataset` was pointed at a folder that already holds files."""


def _built(
    reports: Iterable[AnnualReport], sources: Iterable[str] | None
) -> tuple[Columns, tuple[array[int], list[str]] | None]:
    """The columns of ``reports`` and, given ``sources``, one dictionary code per cell."""
    if sources is None:
        return columns(reports), None
    built = Columns()
    codes = array("i")
    names: dict[str, int] = {}
    for report, source in zip(reports, sources, strict=True):
        before = built.length
        built.add(report)
        code = names.setdefault(source, len(names))
        codes.extend(array("i", [code]) * (built.length - before))
    return built, (codes, list(names))


def to_frame(
    reports: Iterable[AnnualReport], *, sources: Iterable[str] | None = None
) -> pd.DataFrame:
    """A tidy pandas DataFrame: one row per table cell of every report (``pandas`` extra).

    ``sources`` (one path or URL per report) adds a categorical ``source`` column.

    >>> from govdisclosure import examples
    >>> frame = to_frame([examples.load("shanghai-gov-office-2019")])
    >>> cells = frame[(frame["row"] == "new") & (frame["table"] == "applications")]
    >>> for cell in cells[["column", "value", "blank"]].head(3).itertuples(index=False):
    ...     print(cell.column, cell.value, cell.blank)
    natural-person 821 False
    commercial-enterprise 35 False
    research-institution <NA> True
    >>> procurement = frame[frame["row"] == "procurement"]
    >>> procurement[["column", "unit", "value", "amount"]].values.tolist()
    [['projects', nan, 6, <NA>], ['total_amount', '元', <NA>, 251000.0]]
    >>> to_frame([examples.load("huaian-city-2024")], sources=["huaian.pdf"])["source"].iloc[0]
    'huaian.pdf'
    """
    pd = require("pandas", "pandas", "to_frame")
    np = require("numpy", "pandas", "to_frame")
    built, source_codes = _built(reports, sources)
    n = built.length
    data: dict[str, Any] = {}
    for name in DICTIONARY_COLUMNS:
        dictionary = built.dictionaries[name]
        codes = np.frombuffer(dictionary.codes, dtype=np.int32) if n else np.zeros(0, np.int32)
        data[name] = pd.Categorical.from_codes(codes, categories=dictionary.categories)
    data["year"] = np.frombuffer(built.year, dtype=np.int16) if n else np.zeros(0, np.int16)
    values = built.value
    mask = np.fromiter((v is None for v in values), dtype=bool, count=n)
    counts = np.fromiter((0 if v is None else v for v in values), dtype=np.int64, count=n)
    data["value"] = pd.arrays.IntegerArray(counts, mask)
    amount = np.zeros(n, dtype=np.float64)
    amount_mask = np.ones(n, dtype=bool)
    exact = np.full(n, None, dtype=object)
    if built.amounts:
        positions = np.asarray(built.amount_positions, dtype=np.int64)
        amount[positions] = [float(a) for a in built.amounts]
        amount_mask[positions] = False
        exact[positions] = [str(a) for a in built.amounts]
    data["amount"] = pd.arrays.FloatingArray(amount, amount_mask)
    data["amount_exact"] = pd.array(exact, dtype="string")
    data["blank"] = mask & amount_mask
    frame = pd.DataFrame({name: data[name] for name in FRAME_COLUMNS})
    if source_codes is not None:
        codes, names = source_codes
        source = np.frombuffer(codes, dtype=np.int32) if n else np.zeros(0, np.int32)
        frame[SOURCE_COLUMN] = pd.Categorical.from_codes(source, categories=names)
    return frame


def _dictionary_array(pa: Any, pc: Any, codes: Any, categories: list[str], n: int) -> Any:
    indices = pa.Array.from_buffers(pa.int32(), n, [None, pa.py_buffer(codes)])
    if -1 in codes:
        indices = pc.if_else(pc.equal(indices, -1), pa.scalar(None, pa.int32()), indices)
    return pa.DictionaryArray.from_arrays(indices, pa.array(categories, type=pa.string()))


def _arrow_table(
    built: Columns, source_codes: tuple[array[int], list[str]] | None = None
) -> pa.Table:
    pa = require("pyarrow", "arrow", "to_arrow")
    pc = require("pyarrow.compute", "arrow", "to_arrow")
    n = built.length
    data: dict[str, Any] = {}
    for name in DICTIONARY_COLUMNS:
        dictionary = built.dictionaries[name]
        data[name] = _dictionary_array(pa, pc, dictionary.codes, dictionary.categories, n)
    data["year"] = pa.Array.from_buffers(pa.int16(), n, [None, pa.py_buffer(built.year)])
    data["value"] = pa.array(built.value, type=pa.int64())
    amounts: list[float | None] = [None] * n
    exact: list[str | None] = [None] * n
    for position, amount in zip(built.amount_positions, built.amounts, strict=True):
        amounts[position] = float(amount)
        exact[position] = str(amount)
    data["amount"] = pa.array(amounts, type=pa.float64())
    data["amount_exact"] = pa.array(exact, type=pa.string())
    data["blank"] = pc.and_(pc.is_null(data["value"]), pc.is_null(data["amount"]))
    arrays = {SQL_NAMES.get(name, name): data[name] for name in FRAME_COLUMNS}
    if source_codes is not None:
        codes, names = source_codes
        arrays[SOURCE_COLUMN] = _dictionary_array(pa, pc, codes, names, n)
    table = pa.table(arrays)
    return table.replace_schema_metadata({_SCHEMA_KEY: _SCHEMA_VALUE, b"pandas": _PANDAS_METADATA})


def to_arrow(reports: Iterable[AnnualReport], *, sources: Iterable[str] | None = None) -> pa.Table:
    """The tidy table as a :class:`pyarrow.Table` built from column buffers (``arrow`` extra).

    Columns are :data:`ARROW_COLUMNS` (SQL-safe names), then ``source`` given ``sources``.
    The schema carries the metadata ``govdisclosure.tidy = 2`` (the layout's version) and
    pandas metadata (counts read back as ``Int64``).

    >>> from govdisclosure import examples
    >>> table = to_arrow([examples.load("huaian-city-2024")])
    >>> table.num_rows, table.schema.field("row_code").type
    (200, DictionaryType(dictionary<values=string, indices=int32, ordered=0>))
    >>> fee = next(r for r in table.to_pylist() if r["row_code"] == "fee_amount")
    >>> fee["amount"], fee["amount_exact"], fee["unit"], fee["value"]
    (96171.6, '96171.6', '万元', None)
    """
    built, source_codes = _built(reports, sources)
    return _arrow_table(built, source_codes)


def write_parquet(
    reports: Iterable[AnnualReport],
    path: str | PathLike[str],
    *,
    sources: Iterable[str] | None = None,
    **options: Any,
) -> None:
    """Write the tidy table of ``reports`` to a Parquet file (``arrow`` extra).

    ``options`` go to :func:`pyarrow.parquet.write_table` (e.g. ``compression="zstd"``).
    Read it back with :func:`pyarrow.parquet.read_table` or :func:`pandas.read_parquet`.

    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from govdisclosure import examples
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tidy.parquet"
    >>> write_parquet([examples.load("huaian-city-2024")], path)
    >>> back = pd.read_parquet(path)
    >>> len(back), str(back["value"].dtype)
    (200, 'Int64')
    """
    pq = require("pyarrow.parquet", "arrow", "write_parquet")
    pq.write_table(to_arrow(reports, sources=sources), path, **options)


def write_dataset(
    reports: Iterable[AnnualReport],
    root: str | PathLike[str],
    *,
    sources: Iterable[str] | None = None,
    batch_size: int = 1000,
    compression: str = "zstd",
) -> dict[int, int]:
    """Write a Parquet *dataset* partitioned by year (hive style), streaming (``arrow`` extra).

    ``root/year=2024/part-0.parquet`` holds the 2024 reports' cells (the ``year`` column is the
    folder's name, as hive partitioning has it). Reports are taken ``batch_size`` at a time and
    each batch is appended to its years' files as row groups, so memory stays flat however many
    reports there are (``reports`` may be a generator). ``sources`` (one per report) adds the
    ``source`` column. ``root`` must be new or empty (:class:`DatasetExists` otherwise: a
    dataset is never mixed with older files). Returns the number of cells written per year.

    Read it with pyarrow (``pyarrow.dataset.dataset(root, partitioning="hive")``), pandas
    (``pd.read_parquet(root)``), DuckDB (``read_parquet('root/*/*.parquet',
    hive_partitioning = true)``), Polars (``pl.scan_parquet("root/**/*.parquet",
    hive_partitioning=True)``) or Spark (``spark.read.parquet("root")``, which finds the
    ``year=`` folders itself).

    >>> import tempfile, pathlib
    >>> import pyarrow.dataset as ds
    >>> from govdisclosure import examples
    >>> root = pathlib.Path(tempfile.mkdtemp()) / "cells"
    >>> reports = [examples.load(n) for n in examples.names()]
    >>> write_dataset(reports, root, batch_size=2)
    {2019: 198, 2024: 200}
    >>> sorted(p.parent.name for p in root.glob("*/*.parquet"))
    ['year=2019', 'year=2024']
    >>> ds.dataset(root, partitioning="hive").to_table().num_rows
    398
    """
    pa = require("pyarrow", "arrow", "write_dataset")
    pc = require("pyarrow.compute", "arrow", "write_dataset")
    pq = require("pyarrow.parquet", "arrow", "write_dataset")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    root = Path(root)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise DatasetExists(
            f"{os.fspath(root)!r} exists and is not an empty folder"
            f" / {os.fspath(root)!r}已存在且不是空文件夹"
        )
    root.mkdir(parents=True, exist_ok=True)
    writers: dict[int, Any] = {}
    written: dict[int, int] = {}
    items: Iterable[tuple[AnnualReport, str | None]] = (
        zip(reports, itertools.repeat(None))
        if sources is None
        else zip(reports, sources, strict=True)
    )
    iterator = iter(items)
    try:
        while batch := list(itertools.islice(iterator, batch_size)):
            chosen = [report for report, _ in batch]
            names = None if sources is None else [str(source) for _, source in batch]
            table = to_arrow(chosen, sources=names)
            years = table.column("year")
            for year in sorted(set(years.to_pylist())):
                part = table.filter(pc.equal(years, pa.scalar(year, pa.int16())))
                part = part.drop_columns(["year"])
                writer = writers.get(year)
                if writer is None:
                    folder = root / f"year={year}"
                    folder.mkdir()
                    writer = writers[year] = pq.ParquetWriter(
                        folder / "part-0.parquet", part.schema, compression=compression
                    )
                writer.write_table(part)
                written[year] = written.get(year, 0) + part.num_rows
    finally:
        for writer in writers.values():
            writer.close()
    return dict(sorted(written.items()))
