"""The tidy DataFrame, Arrow table and Parquet file hold exactly the tidy records."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common import extra, optional
from govdisclosure import examples
from govdisclosure.export.frame import (
    ARROW_COLUMNS,
    FRAME_COLUMNS,
    SQL_NAMES,
    require,
    to_arrow,
    to_frame,
    write_parquet,
)
from govdisclosure.export.tidy import DICTIONARY_COLUMNS, TidyRow, report_key, to_rows
from govdisclosure.model import AnnualReport2008, LegacyIndicator
from govdisclosure.testing import annual_reports

if TYPE_CHECKING:
    import pandas

    from govdisclosure.model import AnnualReport


pytestmark = extra("pandas", "arrow")
pd = optional("pandas")
pa = optional("pyarrow")
pq = optional("pyarrow.parquet")
REPORTS = [examples.load(name) for name in examples.names()]
SICHUAN = examples.load("sichuan-hrss-2013")
assert isinstance(SICHUAN, AnnualReport2008)
WITH_STATISTICS = attrs.evolve(
    SICHUAN,
    statistics=(
        LegacyIndicator(indicator="主动公开信息数", unit="条", this_year=72804, cumulative=76424),
        LegacyIndicator(indicator="网站访问量", unit="万人次", this_year=Decimal("12.5")),
    ),
)


def _expected_records(rows: list[TidyRow]) -> list[dict[str, Any]]:
    records = []
    for r in rows:
        record: dict[str, Any] = {name: getattr(r, name) for name in FRAME_COLUMNS[:12]}
        decimal = isinstance(r.value, Decimal)
        record["value"] = None if decimal else r.value
        record["amount"] = float(r.value) if isinstance(r.value, Decimal) else None
        record["amount_exact"] = str(r.value) if isinstance(r.value, Decimal) else None
        record["blank"] = r.blank
        records.append(record)
    return records


def _arrow_records(rows: list[TidyRow]) -> list[dict[str, Any]]:
    """The records as Arrow names them (SQL-safe names for table, row and column)."""
    return [
        {SQL_NAMES.get(k, k): v for k, v in record.items()} for record in _expected_records(rows)
    ]


def _frame_records(frame: pandas.DataFrame) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = frame.astype(object).to_dict("records")
    for record in records:
        for name, value in record.items():
            if value is pd.NA or (isinstance(value, float) and value != value):
                record[name] = None
    return records


def test_frame_columns_and_dtypes() -> None:
    frame = to_frame([*REPORTS, WITH_STATISTICS])
    assert tuple(frame.columns) == FRAME_COLUMNS
    for name in DICTIONARY_COLUMNS:
        assert isinstance(frame[name].dtype, pd.CategoricalDtype), name
    assert str(frame["year"].dtype) == "int16"
    assert str(frame["value"].dtype) == "Int64"
    assert str(frame["amount"].dtype) == "Float64"
    assert str(frame["amount_exact"].dtype) == "string"
    assert str(frame["blank"].dtype) == "bool"
    assert list(frame["row"].cat.categories[:3]) == [
        "regulations",
        "normative_documents",
        "licensing",
    ]


def test_frame_holds_exactly_the_records() -> None:
    reports = [*REPORTS, WITH_STATISTICS]
    assert _frame_records(to_frame(reports)) == _expected_records(to_rows(reports))


def test_counts_and_money_are_never_mixed() -> None:
    frame = to_frame([*REPORTS, WITH_STATISTICS])
    counts = frame[frame["kind"] == "count"]
    assert counts["amount"].isna().all() and counts["amount_exact"].isna().all()
    others = frame[frame["kind"] != "count"]
    assert others["value"].isna().all()
    assert set(others["amount_exact"].dropna()) == {"96171.6", "251000", "12.5"}
    blank = frame[frame["blank"]]
    assert blank["value"].isna().all() and blank["amount"].isna().all()
    zero = frame[frame["value"] == 0]
    assert not zero["blank"].any()


def test_empty_input() -> None:
    frame = to_frame([])
    assert frame.shape == (0, len(FRAME_COLUMNS))
    assert to_frame([SICHUAN]).shape == (0, len(FRAME_COLUMNS))
    assert to_arrow([]).num_rows == 0


def test_arrow_table_matches_the_frame() -> None:
    reports = [*REPORTS, WITH_STATISTICS]
    table = to_arrow(reports)
    assert tuple(table.column_names) == ARROW_COLUMNS
    assert table.schema.metadata[b"govdisclosure.tidy"] == b"2"
    for name in DICTIONARY_COLUMNS:
        assert pa.types.is_dictionary(table.schema.field(SQL_NAMES.get(name, name)).type), name
    assert table.schema.field("year").type == pa.int16()
    assert table.schema.field("value").type == pa.int64()
    assert table.schema.field("amount").type == pa.float64()
    assert table.schema.field("amount_exact").type == pa.string()
    assert table.schema.field("blank").type == pa.bool_()
    assert table.to_pylist() == _arrow_records(to_rows(reports))
    levels = table.column("level").to_pylist()
    assert levels.count(None) == 0  # every bundled agency has a level
    assert table.column("unit").null_count > 0


@settings(max_examples=10)
@given(st.lists(annual_reports(), max_size=3, unique_by=report_key))
def test_frame_and_arrow_agree_with_records(reports: list[AnnualReport]) -> None:
    expected = _expected_records(to_rows(reports))
    assert _frame_records(to_frame(reports)) == expected
    assert to_arrow(reports).to_pylist() == _arrow_records(to_rows(reports))


def test_parquet_round_trip(tmp_path: Path) -> None:
    reports = [*REPORTS, WITH_STATISTICS]
    path = tmp_path / "tidy.parquet"
    write_parquet(reports, path, compression="zstd")
    back = pq.read_table(path)
    assert back.equals(to_arrow(reports))
    back_frame = pd.read_parquet(path)
    assert str(back_frame["value"].dtype) == "Int64"
    assert str(back_frame["amount"].dtype) == "Float64"
    assert _frame_records(back_frame) == _arrow_records(to_rows(reports))


def test_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"pip install 'govdisclosure\[arrow\]'"):
        to_arrow(REPORTS)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"to_frame needs pandas: .*\[pandas\]"):
        to_frame(REPORTS)
    assert require("decimal", "none", "x") is sys.modules["decimal"]


def test_the_docs_pictures_are_drawn_from_the_library(tmp_path: Path) -> None:
    """The figures the docs build draws (docs/_ext/figures.py): real PNGs, and the annotated
    form tables name every cell of the form."""
    import importlib.util

    docs = Path(__file__).resolve().parents[2] / "docs"
    spec = importlib.util.spec_from_file_location("figures", docs / "_ext" / "figures.py")
    assert spec is not None
    assert spec.loader is not None
    figures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(figures)
    for draw in (figures.outcome_mix, figures.deadline_strip):
        path = tmp_path / f"{draw.__name__}.png"
        draw(path)
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = figures.annotated_table("2021", "applications")
    assert html.count("<code>") == 175 + 25  # every cell, and every row's code
    assert "<code>carried-over</code>" in html
    assert '<td class="gd-col-natural-person"><code>natural-person</code></td>' in html
    assert figures.annotated_table("2021", "reviews").count("<code>") == 15
    outline = figures.form_outline("2021").astext()
    assert "AnnualReport2021" in outline
    assert "row carried-over: 二、上年结转政府信息公开申请数量" in outline
    assert "rows as printed" in figures.form_outline("2008").astext()
    page = (docs / "tutorial-analysis.md").read_text(encoding="utf-8")
    assert "```{image} _static/generated/outcome-mix.png" in page
