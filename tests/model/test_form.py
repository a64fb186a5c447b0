"""The report form as data: every reader and writer interprets it, and a new format is data.

The second half defines a small fictitious format version (a revised table 3 with three columns)
as a data entry plus a model class, and gets render, tidy, JSON, the JSON Schema and the checks
without touching any of them.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

import attrs
import pytest

import govdisclosure
from govdisclosure import examples
from govdisclosure.checks import check
from govdisclosure.export import from_rows, to_rows
from govdisclosure.formatting import render
from govdisclosure.model import (
    AnnualReport,
    AnnualReport2021,
    ApplicationRow,
    FormatVersion,
    ReportPart,
)
from govdisclosure.model.base import LabelledEnum, counts, field
from govdisclosure.model.form import (
    CellKind,
    CellRef,
    Column,
    Form,
    FormTable,
    Heading,
    Row,
    form_of,
    forms,
    register_form,
    unregister_form,
)
from govdisclosure.serialize import from_json, json_schema, register, to_json
from govdisclosure.serialize import registry as serialize_registry

if TYPE_CHECKING:
    from collections.abc import Iterator

# --- the built-in forms ---------------------------------------------------------------------


def test_every_version_has_a_form_in_enum_order() -> None:
    assert [f.version for f in forms()] == list(FormatVersion)
    assert not form_of(FormatVersion.LEGACY_2008).has_tables
    assert form_of("2019") is form_of(FormatVersion.TRIAL_2019)
    with pytest.raises(KeyError, match="expected one of: 2008, 2019, 2021"):
        form_of("1999")


@pytest.mark.parametrize("version", [FormatVersion.TRIAL_2019, FormatVersion.NATIONAL_2021])
def test_table_3_rows_are_the_versions_rows_with_their_enum_labels(
    version: FormatVersion,
) -> None:
    table = form_of(version).table(ReportPart.APPLICATIONS)
    assert [row.member for row in table.rows] == list(version.application_rows)
    assert [row.label for row in table.rows] == [r.label for r in version.application_rows]
    assert [c.code for c in table.columns][-1] == "total"
    assert [c.total for c in table.columns].count(True) == 1


def test_cell_addresses() -> None:
    form = form_of(FormatVersion.NATIONAL_2021)
    cell = form.cell("proactive", "fee_amount", "amount")
    assert cell.path == "$.proactive.fee_amount"
    assert (cell.kind, cell.unit, cell.signed) == (CellKind.MONEY, "万元", False)
    assert cell.label == "行政事业性收费·本年收费金额（单位：万元）"
    huaian = examples.load("huaian-city-2024")
    assert isinstance(huaian, AnnualReport2021)
    assert str(cell.get(huaian)) == "96171.6"
    review = form.cell(ReportPart.REVIEWS, "litigation-direct", "pending")
    assert review.path == "$.reviews.litigation_direct.pending"
    assert review.get(attrs.evolve(huaian, reviews=None)) is None
    with pytest.raises(KeyError, match="no column 'nope'"):
        form.cell(ReportPart.REVIEWS, "litigation-direct", "nope")
    with pytest.raises(KeyError, match="no row 'nope'"):
        form.cell(ReportPart.REVIEWS, "nope", "total")
    with pytest.raises(KeyError, match="has no table 'statistics'"):
        form.table(ReportPart.STATISTICS)
    # Addresses are values: equal, hashable, ordered.
    again = CellRef(FormatVersion.NATIONAL_2021, ReportPart.REVIEWS, "litigation-direct", "pending")
    assert again == review
    assert {review: 1}[again] == 1
    assert sorted([review, cell])[0] is cell


@pytest.mark.parametrize("name", ["huaian-city-2024", "shanghai-gov-office-2019"])
def test_read_and_build_are_inverse_for_every_table(name: str) -> None:
    report = examples.load(name)
    form = form_of(report)
    for table in form.tables:
        obj = getattr(report, table.attribute)
        values = table.read(obj)
        assert len(values) == len(table.cells)
        assert table.build(values) == obj
        assert table.build(dict(zip(table.cells, values, strict=True))) == obj
        assert [c.get(report) for c in table.cells] == list(values)
    with pytest.raises(ValueError, match="got 1 values"):
        form.tables[0].build([1])


def _string_literals(source: str) -> set[str]:
    """Every string constant of a module's code (docstrings left out)."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    }


def test_table_3_row_labels_live_only_in_the_enums_and_the_form() -> None:
    """The acceptance of the one-form design: no code restates the printed row labels."""
    root = Path(govdisclosure.__file__).parent
    homes = {"model/layout.py", "model/outcome.py"}
    labels = {row.label for version in FormatVersion for row in version.application_rows}
    offenders = {
        (name, literal)
        for path in root.rglob("*.py")
        if (name := path.relative_to(root).as_posix()) not in homes
        for literal in _string_literals(path.read_text(encoding="utf-8"))
        if literal in labels
    }
    assert offenders == set()


# --- a fictitious format: a data entry plus a model class -------------------------------------


class Future(LabelledEnum):
    V2030 = "2030-test", "虚构的2030年格式", "a fictitious 2030 format"


@attrs.frozen(kw_only=True)
class Counts2030:
    row: ApplicationRow = field("行", "Which row.")
    persons: int | None = field(
        "自然人", "Natural persons.", default=None, validator=counts, label_en="persons"
    )
    organisations: int | None = field(
        "法人或其他组织", "Organisations.", default=None, validator=counts, label_en="organisations"
    )
    total: int | None = field("总计", "Total.", default=None, validator=counts, label_en="total")


@attrs.frozen
class Table2030:
    rows: tuple[Counts2030, ...] = field("行", "The rows, in printed order.")


VERSION = cast("FormatVersion", Future.V2030)


@attrs.frozen(kw_only=True)
class AnnualReport2030(AnnualReport):
    format_version: ClassVar[FormatVersion] = VERSION

    applications: Table2030 | None = field("收到和处理申请情况", "Table 3.", default=None)


ROWS = (
    ApplicationRow.NEW,
    ApplicationRow.CARRIED_OVER,
    ApplicationRow.GRANTED,
    ApplicationRow.NOT_PROCESSED_REPEATED,
    ApplicationRow.TOTAL,
    ApplicationRow.CARRIED_FORWARD,
)


def _form() -> Form:
    columns = (
        Column(code="persons", label="自然人", label_en="persons", attribute="persons"),
        Column(
            code="organisations",
            label="法人或其他组织",
            label_en="organisations",
            attribute="organisations",
        ),
        Column(code="total", label="总计", label_en="total", attribute="total", total=True),
    )
    rows = tuple(
        Row(
            code=r.code,
            label=r.label,
            label_en=r.label_en,
            columns=columns,
            member=r,
            model=Counts2030,
        )
        for r in ROWS
    )
    table = FormTable(
        part=ReportPart.APPLICATIONS,
        number=3,
        attribute="applications",
        model=Table2030,
        rows=rows,
        columns=columns,
        version=VERSION,
    )
    return Form(
        version=VERSION,
        report_class=AnnualReport2030,
        tables=(table,),
        headings=(
            Heading(number=1, label="总体情况", label_en="Overview"),
            Heading(
                number=2, label="申请情况", label_en="Applications", part=ReportPart.APPLICATIONS
            ),
        ),
    )


@pytest.fixture
def future() -> Iterator[Form]:
    form = register_form(_form())
    with serialize_registry.snapshot():
        register(AnnualReport2030, "example.annual-report-2030")
        yield form
    unregister_form(VERSION)


def _report(new: int = 5, total_new: int = 5) -> AnnualReport2030:
    grid = {
        ApplicationRow.NEW: (3, 2, total_new),
        ApplicationRow.CARRIED_OVER: (1, 0, 1),
        ApplicationRow.GRANTED: (new - 1, 2, new + 1),
        ApplicationRow.NOT_PROCESSED_REPEATED: (0, 0, 0),
        ApplicationRow.TOTAL: (new - 1, 2, new + 1),
        ApplicationRow.CARRIED_FORWARD: (0, 0, 0),
    }
    rows = tuple(
        Counts2030(row=r, persons=p, organisations=o, total=t) for r, (p, o, t) in grid.items()
    )
    return AnnualReport2030(
        agency=examples.load("huaian-city-2024").agency, year=2030, applications=Table2030(rows)
    )


def test_a_new_format_is_rendered(future: Form) -> None:
    text = render(_report(), "text")
    assert "二、申请情况" in text
    assert "法人或其他组织" in text
    page = render(_report(), "html", lang="en")
    assert '<tr class="gd-row-carried-over"><th scope="row">II. applications carried over' in page
    assert '<td class="gd-col-organisations">2</td>' in page


def test_a_new_format_is_exported_and_rebuilt(future: Form) -> None:
    report = _report()
    rows = to_rows([report])
    assert len(rows) == len(ROWS) * 3
    assert {(r.format_version, r.table) for r in rows} == {("2030-test", "applications")}
    assert rows[1].column_label == "法人或其他组织"
    assert from_rows(rows, [report]) == [report]
    [minimal] = from_rows(rows)
    assert minimal.applications == report.applications  # type: ignore[attr-defined]


def test_a_new_format_round_trips_and_has_a_schema(future: Form) -> None:
    report = _report()
    assert from_json(to_json(report), AnnualReport) == report
    schema = json_schema(AnnualReport2030)
    assert "applications" in schema["properties"]


def test_a_new_format_is_checked_by_the_table_rules(future: Form) -> None:
    assert check(_report()) == ()
    findings = check(_report(total_new=6))
    assert {f.rule for f in findings} == {"T3-ROW-SUM", "T3-BALANCE"}
    row_sum = next(f for f in findings if f.rule == "T3-ROW-SUM")
    assert row_sum.cell is not None
    assert row_sum.cell.path == "$.applications.new.total"
    assert "一、本年新收政府信息公开申请数量" in row_sum.message_zh


def test_forms_iterate_and_name_their_parts() -> None:
    form = form_of(FormatVersion.NATIONAL_2021)
    assert len(list(form.cells())) == 10 + 175 + 15
    assert [c.row for c in form.cells(ReportPart.REVIEWS)][:1] == ["reconsideration"]
    heading = form.heading(ReportPart.REVIEWS)
    assert heading is not None
    assert heading.number == 4
    assert form.heading(ReportPart.NARRATIVE) is None
    table = form.table(ReportPart.APPLICATIONS)
    assert (table.label, table.label_en) == (
        ReportPart.APPLICATIONS.label,
        "table 3: applications received and handled",
    )
    with pytest.raises(ValueError, match="already has a form"):
        register_form(form)
    assert register_form(form, replace=True) is form
    with pytest.raises(KeyError, match="no form is registered for format '2030-test'"):
        form_of(VERSION)
    legacy = form_of(FormatVersion.LEGACY_2008).table(ReportPart.STATISTICS)
    assert legacy.read(()) == ()


def test_a_one_cell_table_reads_and_builds() -> None:
    @attrs.frozen
    class One:
        count: int | None = field("件数", "A count.", default=None, validator=counts)

    column = Column(code="count", label="件数", label_en="count", attribute="")
    row = Row(code="count", label="件数", label_en="count", columns=(column,), attribute="count")
    table = FormTable(
        part=ReportPart.PROACTIVE, number=9, attribute="one", model=One, rows=(row,),
        version=VERSION,
    )  # fmt: skip
    assert table.read(One(count=3)) == (3,)
    assert table.build([4]) == One(count=4)
