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
:func:`to_arrow` and :func:`write_parquet` need only the ``arrow`` extra.

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
from typing import TYPE_CHECKING, Any

from govdisclosure.export.tidy import DICTIONARY_COLUMNS, FIELDS, columns

if TYPE_CHECKING:
    from collections.abc import Iterable
    from os import PathLike

    import pandas as pd
    import pyarrow as pa

    from govdisclosure.export.tidy import Columns
    from govdisclosure.model.report import AnnualReport

__all__ = ["FRAME_COLUMNS", "to_arrow", "to_frame", "write_parquet"]

FRAME_COLUMNS: tuple[str, ...] = (
    *FIELDS[: FIELDS.index("value")],
    "value",
    "amount",
    "amount_exact",
    "blank",
)
"""The columns of :func:`to_frame` and :func:`to_arrow`, in order."""

_SCHEMA_KEY = b"govdisclosure.tidy"
_SCHEMA_VALUE = b"1"


def require(module: str, extra: str, purpose: str) -> Any:
    """Import an optional dependency, or raise :class:`ImportError` naming the extra.

    >>> require("json", "none", "testing").__name__
    'json'
    >>> require("no_such_module_here", "pandas", "to_frame")
    Traceback (most recent call last):
    ...
    ImportError: to_frame needs no_such_module_here: pip install 'govdisclosure[pandas]'
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{purpose} needs {module}: pip install 'govdisclosure[{extra}]'"
        ) from exc


def to_frame(reports: Iterable[AnnualReport]) -> pd.DataFrame:
    """A tidy pandas DataFrame: one row per table cell of every report (``pandas`` extra).

    >>> from govdisclosure import examples
    >>> frame = to_frame([examples.load("shanghai-gov-office-2019")])
    >>> cells = frame[(frame["row"] == "new") & (frame["table"] == "applications")]
    >>> for cell in cells[["column", "value", "blank"]].head(3).itertuples(index=False):
    ...     print(cell.column, cell.value, cell.blank)
    natural_person 821 False
    commercial_enterprise 35 False
    research_institution <NA> True
    >>> procurement = frame[frame["row"] == "procurement"]
    >>> procurement[["column", "unit", "value", "amount"]].values.tolist()
    [['projects', nan, 6, <NA>], ['total_amount', '元', <NA>, 251000.0]]
    """
    pd = require("pandas", "pandas", "to_frame")
    np = require("numpy", "pandas", "to_frame")
    built = columns(reports)
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
    return pd.DataFrame({name: data[name] for name in FRAME_COLUMNS})


def _dictionary_array(pa: Any, pc: Any, codes: Any, categories: list[str], n: int) -> Any:
    indices = pa.Array.from_buffers(pa.int32(), n, [None, pa.py_buffer(codes)])
    if -1 in codes:
        indices = pc.if_else(pc.equal(indices, -1), pa.scalar(None, pa.int32()), indices)
    return pa.DictionaryArray.from_arrays(indices, pa.array(categories, type=pa.string()))


def _arrow_table(built: Columns) -> pa.Table:
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
    table = pa.table({name: data[name] for name in FRAME_COLUMNS})
    return table.replace_schema_metadata({_SCHEMA_KEY: _SCHEMA_VALUE})


def to_arrow(reports: Iterable[AnnualReport]) -> pa.Table:
    """The tidy table as a :class:`pyarrow.Table` built from column buffers (``arrow`` extra).

    The schema carries the metadata ``govdisclosure.tidy = 1`` (the layout's version).

    >>> from govdisclosure import examples
    >>> table = to_arrow([examples.load("huaian-city-2024")])
    >>> table.num_rows, table.schema.field("row").type
    (200, DictionaryType(dictionary<values=string, indices=int32, ordered=0>))
    >>> fee = next(r for r in table.to_pylist() if r["row"] == "fee_amount")
    >>> fee["amount"], fee["amount_exact"], fee["unit"], fee["value"]
    (96171.6, '96171.6', '万元', None)
    """
    return _arrow_table(columns(reports))


def write_parquet(
    reports: Iterable[AnnualReport], path: str | PathLike[str], **options: Any
) -> None:
    """Write the tidy table of ``reports`` to a Parquet file (``arrow`` extra).

    ``options`` go to :func:`pyarrow.parquet.write_table` (e.g. ``compression="zstd"``).
    Read it back with :func:`pyarrow.parquet.read_table` or :func:`pandas.read_parquet`.

    >>> import tempfile, pathlib
    >>> import pyarrow.parquet as pq
    >>> from govdisclosure import examples
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tidy.parquet"
    >>> write_parquet([examples.load("huaian-city-2024")], path)
    >>> pq.read_table(path).num_rows
    200
    """
    pq = require("pyarrow.parquet", "arrow", "write_parquet")
    pq.write_table(to_arrow(reports), path, **options)
