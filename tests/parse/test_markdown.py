"""PDF-to-markdown conversions: table 3 read from its pipe rows, rows whose label was lost placed
by the form's row order and the table's identities (parse._align), or left blank with the rows
they could be; table 4 read from its pipe cells."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure.examples import load
from govdisclosure.formatting.render import render
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReportPart
from govdisclosure.model.report import AnnualReport2021
from govdisclosure.parse import DiagnosticKind, parse_report
from govdisclosure.parse import _align as align_module
from govdisclosure.parse._align import Printed, align_rows

if TYPE_CHECKING:
    import pytest

    from govdisclosure.model.tables import ApplicationTable
    from govdisclosure.parse import ParseResult

R = ApplicationRow
D = DiagnosticKind
LAYOUT = FormatVersion.NATIONAL_2021.application_rows
#: The natural-person count of each row (every other applicant 0): one consistent table.
#: New 6 + carried over 1 = total 6 + carried forward 1; the outcomes add up to 6.
COUNTS = {
    R.NEW: 6,
    R.CARRIED_OVER: 1,
    R.GRANTED: 2,
    R.PARTIALLY_GRANTED: 1,
    R.WITHHELD_INTERNAL_AFFAIRS: 1,
    R.UNABLE_NOT_HELD: 1,
    R.OTHER_OTHER: 1,
    R.TOTAL: 6,
    R.CARRIED_FORWARD: 1,
}


def cells(row: ApplicationRow, counts: dict[ApplicationRow, int] = COUNTS) -> str:
    n = counts.get(row, 0)
    return " | ".join(map(str, (n, 0, 0, 0, 0, 0, n)))


def markdown(
    labels: dict[ApplicationRow, str] | None = None,
    rows: dict[ApplicationRow, str] | None = None,
    leave_out: tuple[ApplicationRow, ...] = (),
    counts: dict[ApplicationRow, int] = COUNTS,
) -> str:
    """A 2021-format report as a PDF-to-markdown conversion prints it: ``labels`` replaces a
    row's label cell (``""``: no label cell at all, the label split off above the table),
    ``rows`` a row's cells, ``leave_out`` rows not printed."""
    labels = labels or {}
    rows = rows or {}
    lines = []
    for row in LAYOUT:
        if row in leave_out:
            continue
        label = labels.get(row, row.label)
        body = rows.get(row, cells(row, counts))
        if label:
            lines.append(f"| {label} | {body} |")
            lines.append("|---|---|---|---|---|---|---|---|")
        else:
            lines.append(f"{row.label[:6]}\n{row.label[6:]}")  # the label, split off as text
            lines.append(f"| {body} |")
            lines.append("|---|---|---|---|---|---|---|")
    table = "\n".join(lines)
    return f"""# 某县人民政府2024年政府信息公开工作年度报告
一、总体情况
本年度共收到申请6件。
三、收到和处理政府信息公开申请情况
| 业 | 构 | 益组织 | 务机构 |  |  |  |  |  |
|---|---|---|---|---|---|---|---|---|
{table}

四、政府信息公开行政复议、行政诉讼情况
| 维持 | 纠正 | 结果 | 审结 | 总计 | 总计 |
|---|---|---|---|---|---|
| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |

（一）2023 年工作中存在问题的改进情况
五、存在的主要问题及改进情况
无。
"""


def applications(result: ParseResult) -> ApplicationTable:
    report = result.report
    assert isinstance(report, AnnualReport2021) and report.applications is not None
    return report.applications


def full(row: ApplicationRow) -> tuple[int | None, ...]:
    n = COUNTS.get(row, 0)
    return (n, 0, 0, 0, 0, 0, n)


def row_of(result: ParseResult, row: ApplicationRow) -> tuple[int | None, ...]:
    counts = applications(result).row(row)
    return (*counts.by_applicant, counts.total)


def test_every_labelled_pipe_row_is_read_and_table4_from_its_pipe_cells() -> None:
    result = parse_report(markdown())
    assert all(row_of(result, row) == full(row) for row in LAYOUT)
    assert result.tables[ReportPart.APPLICATIONS].complete
    report = result.report
    assert isinstance(report, AnnualReport2021) and report.reviews is not None
    # The heading's year (2023) after table 4 is not one of its cells.
    assert (report.reviews.reconsideration.maintained, report.reviews.reconsideration.total) == (
        1,
        1,
    )
    assert not result.of_kind(D.AMBIGUOUS) and not result.of_kind(D.CELL_COUNT)


def test_rows_whose_label_was_split_off_are_placed_by_the_form_order() -> None:
    lost = {R.PARTIALLY_GRANTED: "", R.WITHHELD_PROHIBITED_BY_LAW: "", R.UNABLE_NOT_HELD: ""}
    # A blank cell before one row's numbers (a column of the label's) is no cell of its own.
    rows = {R.UNABLE_NOT_HELD: " | " + cells(R.UNABLE_NOT_HELD)}
    result = parse_report(markdown(labels=lost, rows=rows))
    assert all(row_of(result, row) == full(row) for row in LAYOUT)
    assert result.tables[ReportPart.APPLICATIONS].placed == 21
    paths = {d.path for d in result.of_kind(D.RECOVERED)}
    assert {f"$.applications.{row.code}" for row in lost} <= paths


def test_a_label_fragment_allows_only_the_rows_whose_label_holds_it() -> None:
    # The middle half of 1.逾期不补正's label in its row; 2.逾期未按收费's with its own head.
    labels = {
        R.OTHER_OVERDUE_CORRECTION: "行政机关不再处理其政府信息公",
        R.OTHER_OVERDUE_FEE: "缴纳费用、 | 行政机关不再处理其政",
    }
    rows = {R.OTHER_OVERDUE_CORRECTION: "1 | 0 | 0 | 0 | 0 | 0 | 1"}
    counts = dict(COUNTS)
    COUNTS[R.OTHER_OVERDUE_CORRECTION], COUNTS[R.OTHER_OTHER] = 1, 0
    try:
        result = parse_report(markdown(labels=labels, rows=rows))
        assert all(row_of(result, row) == full(row) for row in LAYOUT)
    finally:
        COUNTS.clear()
        COUNTS.update(counts)
    (note,) = (d for d in result.of_kind(D.RECOVERED) if "other-overdue-correction" in str(d.path))
    assert "行政机关不再处理其政府信息公" in note.message


def test_an_ambiguous_placement_is_blank_with_the_rows_it_could_be() -> None:
    # 部分公开 lost its label and 1.属于国家秘密 is not printed: the row (1 | … | 1) after
    # （一）予以公开 is either, and the identities cannot tell (both are outcome rows).
    result = parse_report(
        markdown(labels={R.PARTIALLY_GRANTED: ""}, leave_out=(R.WITHHELD_STATE_SECRET,))
    )
    assert row_of(result, R.PARTIALLY_GRANTED) == (None,) * 7
    assert row_of(result, R.WITHHELD_STATE_SECRET) == (None,) * 7
    (note,) = result.of_kind(D.AMBIGUOUS)
    assert "'partially-granted', 'withheld-state-secret'" in note.message
    assert note.candidates == (
        (LAYOUT.index(R.PARTIALLY_GRANTED) + 1,),
        (LAYOUT.index(R.WITHHELD_STATE_SECRET) + 1,),
    )
    assert all(row_of(result, row) == full(row) for row in LAYOUT[:3])


def test_the_identities_choose_where_the_order_alone_does_not() -> None:
    # （七）总计 not printed and 四's label lost: the last row (1 | … | 1) is 四, not （七）,
    # whose cells would have to be the outcomes' sum (6).
    result = parse_report(markdown(labels={R.CARRIED_FORWARD: ""}, leave_out=(R.TOTAL,)))
    assert row_of(result, R.CARRIED_FORWARD) == full(R.CARRIED_FORWARD)
    assert row_of(result, R.TOTAL) == (None,) * 7


def test_a_row_whose_cells_do_not_add_up_is_not_placed() -> None:
    result = parse_report(
        markdown(labels={R.PARTIALLY_GRANTED: ""}, rows={R.PARTIALLY_GRANTED: "1|0|0|0|0|0|2"})
    )
    assert row_of(result, R.PARTIALLY_GRANTED) == (None,) * 7
    assert any("1 | 0 | 0 | 0 | 0 | 0 | 2" in d.message for d in result.of_kind(D.AMBIGUOUS))


def test_a_row_of_the_wrong_width_leaves_its_stretch_unplaced() -> None:
    # Between （一） and 3.危及: 部分公开 and 2.其他法律 unlabelled, 1.国家秘密 lost a cell.
    result = parse_report(
        markdown(
            labels={
                R.PARTIALLY_GRANTED: "",
                R.WITHHELD_STATE_SECRET: "",
                R.WITHHELD_PROHIBITED_BY_LAW: "",
            },
            rows={R.WITHHELD_STATE_SECRET: "0 | 0 | 0 | 0 | 0 | 0"},
        )
    )
    for row in (R.PARTIALLY_GRANTED, R.WITHHELD_STATE_SECRET, R.WITHHELD_PROHIBITED_BY_LAW):
        assert row_of(result, row) == (None,) * 7
    assert row_of(result, R.WITHHELD_SECURITY_STABILITY) == full(R.WITHHELD_SECURITY_STABILITY)


def test_an_unrecognised_label_among_lost_ones_leaves_its_stretch_unplaced() -> None:
    text = markdown(labels={R.PARTIALLY_GRANTED: "", R.WITHHELD_STATE_SECRET: "某某某某行"})
    text = text.replace("| 3.危及", "| 说明 | 约3 |\n| 3.危及")  # and a note that is no row
    result = parse_report(text)
    assert row_of(result, R.PARTIALLY_GRANTED) == (None,) * 7
    assert any("not recognised" in d.message for d in result.of_kind(D.UNRECOGNISED))


def test_a_fragment_outside_table3_is_an_unrecognised_row() -> None:
    # A table of its own holding only a fragment of a label: not part of table 3.
    row = "".join(f"<td>{c}</td>" for c in ("行政机关不再处理其政府信息公", *"0000000"))
    table3 = "".join(
        f"<tr><td>{r.label}</td>" + "".join(f"<td>{c}</td>" for c in full(r)) + "</tr>"
        for r in LAYOUT
    )
    result = parse_report(
        "<h1>某县人民政府2024年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>无。</p>"
        f"<table><tr>{row}</tr></table><table>{table3}</table>"
    )
    assert all(row_of(result, r) == full(r) for r in LAYOUT)
    assert any("行政机关不再处理其政府信息公" in d.message for d in result.of_kind(D.UNRECOGNISED))


def test_no_alignment_fits_when_there_are_more_rows_than_the_form() -> None:
    zero = (0,) * 7
    alignment = align_rows(FormatVersion.NATIONAL_2021, [Printed(None, zero)] * 30)
    assert alignment.splits == 0 and not alignment.placed
    assert set(alignment.ambiguous) == set(range(30))


def test_the_work_does_not_grow_with_the_ways_to_align(monkeypatch: pytest.MonkeyPatch) -> None:
    # Twenty unlabelled rows and no label: C(25, 20) alignments, checked as a few splits.
    calls: list[object] = []
    fits = align_module._fits

    def counted(*args: Any) -> bool:
        calls.append(args)
        return fits(*args)

    monkeypatch.setattr(align_module, "_fits", counted)
    zero = (0,) * 7
    alignment = align_rows(FormatVersion.NATIONAL_2021, [Printed(None, zero)] * 20)
    assert alignment.splits > 0 and not alignment.placed
    assert all(len(rows) > 1 for rows in alignment.ambiguous.values())
    assert len(calls) <= 3 * 3 * 2 * 2


def test_rows_that_break_an_identity_in_every_alignment_are_not_placed() -> None:
    layout = FormatVersion.NATIONAL_2021.application_rows
    zero = (0,) * 7
    printed = [Printed(frozenset({row}), zero) for row in layout]
    printed[3] = Printed(None, (5, 0, 0, 0, 0, 0, 5))  # 5 more outcomes than （七）总计 counts
    del printed[10]  # even with a row not printed (any count >= 0)
    alignment = align_rows(FormatVersion.NATIONAL_2021, printed)
    assert alignment.splits == 0 and alignment.ambiguous == {3: ()}


def test_a_row_of_another_format_takes_no_part_in_the_order() -> None:
    zero = (0,) * 7
    printed = [
        Printed(frozenset({row}), zero) for row in FormatVersion.NATIONAL_2021.application_rows
    ]
    printed.insert(3, Printed(frozenset({R.OTHER}), zero))  # the 2019 form's one 其他处理 row
    assert align_rows(FormatVersion.NATIONAL_2021, printed).ambiguous == {}


# --- plain text (a PDF-to-text extraction): a label's numbers run on into the lost rows' ------


def test_plain_text_rows_after_a_label_are_cut_into_rows_but_not_after_a_bare_label() -> None:
    report = load("huaian-city-2024")
    assert isinstance(report, AnnualReport2021) and report.applications is not None
    lines = render(report, "text").splitlines()

    def at(row: ApplicationRow) -> int:
        return next(
            i for i, line in enumerate(lines) if line.split("  ")[0].strip().endswith(row.label)
        )

    # 部分公开 prints no numbers (its label stands alone before 1.属于国家秘密's), 2. and 3.
    # lost their labels (their numbers run on after 1.属于国家秘密's): a bare label may head a
    # column-by-column group, so those 21 numbers are not cut; 2.没有现成信息 lost its label
    # after 1.本机关不掌握's numbers, which are cut.
    label = lines[at(R.PARTIALLY_GRANTED)]
    lines[at(R.PARTIALLY_GRANTED)] = label[: label.index(R.PARTIALLY_GRANTED.label)] + (
        R.PARTIALLY_GRANTED.label
    )
    for row in (
        R.WITHHELD_PROHIBITED_BY_LAW,
        R.WITHHELD_SECURITY_STABILITY,
        R.UNABLE_NEEDS_CREATION,
    ):
        lines[at(row)] = lines[at(row)].replace(row.label, " " * len(row.label))
    result = parse_report("\n".join(lines))
    table = applications(result)
    expected = report.applications
    assert table.row(R.UNABLE_NEEDS_CREATION) == expected.row(R.UNABLE_NEEDS_CREATION)
    assert table.row(R.WITHHELD_STATE_SECRET).total is None
    for row in LAYOUT:
        got = (*table.row(row).by_applicant, table.row(row).total)
        want = (*expected.row(row).by_applicant, expected.row(row).total)
        assert all(g is None or g == w for g, w in zip(got, want, strict=True)), row


def test_pipe_rows_outside_table3_leave_its_text_to_the_label_search() -> None:
    text = (
        "某县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n无。\n"
        "二、主动公开政府信息情况\n| 规章 | 1 | 0 | 5 |\n|---|---|---|---|\n"
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n"
        "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
        "（一）予以公开 1 0 0 0 0 0 1\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
        + " ".join("0" * 15)
        + "\n五、存在的主要问题\n无。\n"
    )
    result = parse_report(text)
    assert row_of(result, R.NEW) == (1, 0, 0, 0, 0, 0, 1)
    assert row_of(result, R.GRANTED) == (1, 0, 0, 0, 0, 0, 1)


# Every outcome row a different count, so that a row placed in the wrong place shows.
_OUTCOMES = [row for row in LAYOUT if row.is_outcome]
DISTINCT = {row: i + 1 for i, row in enumerate(_OUTCOMES)}
DISTINCT[R.TOTAL] = sum(DISTINCT.values())
DISTINCT[R.CARRIED_OVER] = 2
DISTINCT[R.CARRIED_FORWARD] = 3
DISTINCT[R.NEW] = DISTINCT[R.TOTAL] + 1


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(LAYOUT), max_size=10, unique=True),
    st.lists(st.sampled_from(LAYOUT), max_size=3, unique=True),
)
def test_lost_and_missing_rows_never_give_a_wrong_figure(
    lost: list[ApplicationRow], missing: list[ApplicationRow]
) -> None:
    result = parse_report(
        markdown(labels=dict.fromkeys(lost, ""), leave_out=tuple(missing), counts=DISTINCT)
    )
    for row in LAYOUT:
        n = DISTINCT.get(row, 0)
        want = (None,) * 7 if row in missing else (n, 0, 0, 0, 0, 0, n)
        got = row_of(result, row)
        assert all(g is None or g == w for g, w in zip(got, want, strict=True)), (row, got)


def test_cells_out_of_order_are_sorted_into_rows() -> None:
    from govdisclosure.parse import TableBlock, TableCell
    from govdisclosure.parse._interpret import _rows

    block = TableBlock((TableCell("b", 1, 1), TableCell("a", 1, 0), TableCell("c", 0, 0)))
    assert [[c.text for c in row] for row in _rows(block)] == [["c"], ["a", "b"]]


def test_table2_rows_floated_above_its_pipe_table_are_read() -> None:
    # The conversion printed 第二十条 (五)/(六)/(八) as text lines before table 2's pipe rows.
    text = (
        "某县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n无。\n"
        "二、主动公开政府信息情况\n第二十条第（五）项\n行政许可 97\n行政处罚 3\n行政强制 0\n"
        "行政事业性收费 1.5\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "|---|---|---|---|\n| 规章 | 0 | 0 | 0 |\n| 规范性文件 | 13 | 0 | 55 |\n"
        "三、收到和处理政府信息公开申请情况\n"
        + "\n".join(f"| {r.label} | {cells(r)} |" for r in LAYOUT)
        + "\n四、政府信息公开行政复议、行政诉讼情况\n"
        + " ".join("0" * 15)
        + "\n五、存在的主要问题\n无。\n"
    )
    report = parse_report(text).report
    assert isinstance(report, AnnualReport2021) and report.proactive is not None
    p = report.proactive
    assert (p.licensing, p.penalties, p.compulsory_measures) == (97, 3, 0)
    assert str(p.fee_amount) == "1.5"
    assert (p.normative_documents.issued, p.normative_documents.in_force) == (13, 55)
