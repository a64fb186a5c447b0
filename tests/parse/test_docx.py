"""The Word (.docx) reader: blocks in document order, merged cells placed, limits before unzipping.

The real Word file here is the national form as agencies receive it, blank
(``tests/data/forms/national-2021-template.docx``, see tests/data/reports/README.md): its merged
cells are read as the form's grid, and filled in with python-docx it parses like a published
report. No published report as .docx was found in the public repositories searched, so the other
documents are built with python-docx the way Word lays out the national form.
"""

from __future__ import annotations

import io
import sys
import zipfile
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus
from govdisclosure.errors import ParseError
from govdisclosure.model.layout import ApplicationRow, FormatVersion
from govdisclosure.parse import TableBlock, TextBlock, _docx, parse_report
from govdisclosure.parse._docx import is_docx, read_docx
from govdisclosure.parse._source import load

if TYPE_CHECKING:
    from docx.table import Table

# The module builds its Word documents when it is imported: without python-docx it is skipped
# whole, at collection.
docx = pytest.importorskip("docx", reason="needs docx: pip install -e '.[docx]'")
oxml = pytest.importorskip("docx.oxml")
oxml_ns = pytest.importorskip("docx.oxml.ns")

R = ApplicationRow
COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _row_values(row: ApplicationRow) -> list[int]:
    """Figures of a small consistent report: 21 new, 2 carried over, 20 answered, 3 carried on."""
    values = {
        R.NEW: [19, 2, 0, 0, 0, 0, 21],
        R.CARRIED_OVER: [2, 0, 0, 0, 0, 0, 2],
        R.GRANTED: [8, 1, 0, 0, 0, 0, 9],
        R.PARTIALLY_GRANTED: [2, 0, 0, 0, 0, 0, 2],
        R.UNABLE_NOT_HELD: [5, 1, 0, 0, 0, 0, 6],
        R.OTHER_OTHER: [3, 0, 0, 0, 0, 0, 3],
        R.TOTAL: [18, 2, 0, 0, 0, 0, 20],
        R.CARRIED_FORWARD: [3, 0, 0, 0, 0, 0, 3],
    }
    return values.get(row, [0] * 7)


def national_2021_document() -> bytes:
    """A 2021-format report as Word lays it out, merged cells and all."""
    document = docx.Document()
    document.add_paragraph("某县人民政府2024年政府信息公开工作年度报告")
    document.add_paragraph("一、总体情况")
    document.add_paragraph("2024年，本机关共收到政府信息公开申请21件。")
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    rows = FormatVersion.NATIONAL_2021.application_rows
    table = document.add_table(rows=3 + len(rows), cols=10)
    header = table.cell(0, 0).merge(table.cell(2, 2))
    header.text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    table.cell(0, 3).merge(table.cell(0, 9)).text = "申请人情况"
    table.cell(1, 3).merge(table.cell(2, 3)).text = "自然人"
    table.cell(1, 4).merge(table.cell(1, 8)).text = "法人或其他组织"
    table.cell(1, 9).merge(table.cell(2, 9)).text = "总计"
    for column, label in enumerate(COLUMNS[1:6], start=4):
        table.cell(2, column).text = label
    outcome_rows = [i for i, r in enumerate(rows) if r.group is not None or r is R.TOTAL]
    first, last = 3 + outcome_rows[0], 3 + outcome_rows[-1]
    table.cell(first, 0).merge(table.cell(last, 0)).text = "三、本年度办理结果"
    for i, row in enumerate(rows):
        line = 3 + i
        if row.group is None and row is not R.TOTAL:  # 一、二、四: the label spans three columns
            table.cell(line, 0).merge(table.cell(line, 2)).text = row.label
        elif row.group is not None and sum(r.group is row.group for r in rows) == 1:
            table.cell(line, 1).merge(table.cell(line, 2)).text = row.group.numbered_label
        elif row is R.TOTAL:
            table.cell(line, 1).merge(table.cell(line, 2)).text = "（七）总计"
        else:
            table.cell(line, 2).text = row.label
        for column, value in enumerate(_row_values(row), start=3):
            table.cell(line, column).text = str(value)
    # The group labels merged down their sub-rows: 不予公开 over 8 rows, 无法提供 over 3, ...
    for group in {r.group for r in rows if r.group is not None}:
        lines = [3 + i for i, r in enumerate(rows) if r.group is group]
        if len(lines) > 1:
            table.cell(lines[0], 1).merge(table.cell(lines[-1], 1)).text = group.numbered_label
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    reviews = document.add_table(rows=3, cols=15)
    reviews.cell(0, 0).merge(reviews.cell(0, 4)).text = "行政复议"
    reviews.cell(0, 5).merge(reviews.cell(0, 14)).text = "行政诉讼"
    reviews.cell(1, 5).merge(reviews.cell(1, 9)).text = "未经复议直接起诉"
    reviews.cell(1, 10).merge(reviews.cell(1, 14)).text = "复议后起诉"
    labels = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    for column in range(5):
        reviews.cell(1, column).merge(reviews.cell(2, column)).text = labels[column]
        reviews.cell(2, 5 + column).text = labels[column]
        reviews.cell(2, 10 + column).text = labels[column]
    figures = (1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0)
    extra = reviews.add_row()
    for column, value in enumerate(figures):
        extra.cells[column].text = str(value)
    document.add_paragraph("五、存在的主要问题及改进情况")
    document.add_paragraph("无。")
    return save(document)


NATIONAL = national_2021_document()
TEMPLATE = corpus.FOLDER.parent / "forms" / "national-2021-template.docx"


@pytest.fixture
def national() -> bytes:
    return NATIONAL


def test_a_word_report_parses_like_any_other(national: bytes) -> None:
    result = parse_report(national)
    assert result.source_format == "docx"
    report = result.report
    assert report.year == 2024
    assert report.agency.name == "某县人民政府"
    table = report.applications  # type: ignore[attr-defined]
    assert table.row(R.NEW).by_applicant == (19, 2, 0, 0, 0, 0)
    assert table.row(R.NEW).total == 21
    assert table.row(R.CARRIED_OVER).total == 2
    assert table.row(R.GRANTED).total == 9
    assert table.row(R.UNABLE_NOT_HELD).total == 6
    assert table.row(R.TOTAL).total == 20
    assert table.row(R.CARRIED_FORWARD).total == 3
    reviews = report.reviews  # type: ignore[attr-defined]
    assert (reviews.reconsideration.maintained, reviews.reconsideration.total) == (1, 1)
    assert (reviews.litigation_direct.other, reviews.litigation_direct.total) == (1, 1)
    assert reviews.litigation_after_reconsideration.total == 0
    assert not result.findings


def test_merged_cells_are_placed_as_spans(national: bytes) -> None:
    blocks = read_docx(national)
    assert [type(b).__name__ for b in blocks[:5]] == ["TextBlock"] * 4 + ["TableBlock"]
    table = blocks[4]
    assert isinstance(table, TableBlock)
    rows = FormatVersion.NATIONAL_2021.application_rows
    assert table.shape == (3 + len(rows), 10)
    by_text = {c.text: c for c in table.cells}
    corner = by_text["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"]
    assert (corner.row, corner.column, corner.row_span, corner.column_span) == (0, 0, 3, 3)
    result = by_text["三、本年度办理结果"]
    assert (result.column, result.row_span) == (0, len(rows) - 3)
    withheld = by_text["（三）不予公开"]
    assert (withheld.column, withheld.row_span, withheld.column_span) == (1, 8, 1)
    assert by_text["自然人"].row_span == 2
    assert by_text["法人或其他组织"].column_span == 5
    # Every grid position is covered exactly once: spans leave no cell of their own behind.
    covered = [
        (r, c)
        for cell in table.cells
        for r in range(cell.row, cell.row + cell.row_span)
        for c in range(cell.column, cell.column + cell.column_span)
    ]
    assert len(covered) == len(set(covered)) == (3 + len(rows)) * 10
    new = [c for c in table.cells if c.row == 3]
    assert [c.text for c in new] == [R.NEW.label, "19", "2", "0", "0", "0", "0", "21"]
    assert new[1].origin.describe() == "table[1]/tr[4]/tc[2]"


def test_the_real_word_form_is_read_as_the_forms_grid() -> None:
    blocks = read_docx(TEMPLATE.read_bytes())
    tables = [b for b in blocks if isinstance(b, TableBlock)]
    assert [t.shape for t in tables] == [(14, 4), (28, 10), (4, 15)]
    texts = [b.text for b in blocks if isinstance(b, TextBlock)]
    assert texts[:4] == ["政府信息公开工作年度报告格式模板", "一、总体情况", "（文字描述）",
                         "二、主动公开政府信息情况"]  # fmt: skip
    spans = {c.text: (c.row, c.column, c.row_span, c.column_span) for c in tables[1].cells}
    assert spans["三、本年度办理结果"] == (5, 0, 22, 1)
    assert spans["（三）不予公开"] == (7, 1, 8, 1)
    assert spans["（四）无法提供"] == (15, 1, 3, 1)
    assert spans["（七）总计"] == (26, 1, 1, 2)
    assert spans["法人或其他组织"] == (1, 4, 1, 5)
    assert spans["四、结转下年度继续办理"] == (27, 0, 1, 3)
    review = {c.text: (c.row, c.column, c.row_span, c.column_span) for c in tables[2].cells}
    assert review["行政诉讼"] == (0, 5, 1, 10)
    assert review["复议后起诉"] == (1, 10, 1, 5)
    # The blank form's figure cells are there, blank: 7 columns of 25 rows.
    blank = [c for c in tables[1].cells if c.row >= 3 and c.column >= 3]
    assert len(blank) == 25 * 7
    assert all(c.text == "" for c in blank)


def test_the_real_word_form_filled_in_parses_like_a_published_report() -> None:
    document = docx.Document(io.BytesIO(TEMPLATE.read_bytes()))
    document.paragraphs[0].text = "某县人民政府2024年政府信息公开工作年度报告"
    _, applications, reviews = document.tables
    rows = FormatVersion.NATIONAL_2021.application_rows
    for line, row in enumerate(rows, start=3):
        for column, value in enumerate(_row_values(row), start=3):
            applications.cell(line, column).text = str(value)
    for column, value in enumerate((1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0)):
        reviews.cell(3, column).text = str(value)
    result = parse_report(save(document))
    report = result.report
    assert (report.agency.name, report.year, report.format_version.code) == ("某县人民政府", 2024,
                                                                             "2021")  # fmt: skip
    table = report.applications  # type: ignore[attr-defined]
    for row in rows:
        counts = table.row(row)
        assert (*counts.by_applicant, counts.total) == tuple(_row_values(row)), row
    assert report.reviews.litigation_direct.other == 1  # type: ignore[attr-defined]
    assert not result.findings


def _grid_before(table: Table, row: int, count: int) -> None:
    tr = table.rows[row]._tr
    tr_pr = tr.get_or_add_trPr()
    before = oxml.OxmlElement("w:gridBefore")
    before.set(oxml_ns.qn("w:val"), str(count))
    tr_pr.append(before)
    for _ in range(count):
        tr.remove(tr.tc_lst[0])


def test_grid_before_shifts_the_row_and_bad_spans_are_not_believed() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(("a", "b", "c")):
        table.cell(0, c).text = text
    table.cell(1, 2).text = "z"
    _grid_before(table, 1, 2)
    # A span that is not a number counts as one column.
    tc_pr = table.rows[0]._tr.tc_lst[0].get_or_add_tcPr()
    span = oxml.OxmlElement("w:gridSpan")
    span.set(oxml_ns.qn("w:val"), "wide")
    tc_pr.append(span)
    (block,) = read_docx(save(document))
    assert isinstance(block, TableBlock)
    assert [(c.text, c.row, c.column) for c in block.cells] == [
        ("a", 0, 0), ("b", 0, 1), ("c", 0, 2), ("z", 1, 2)
    ]  # fmt: skip


def test_a_vertical_merge_continuation_with_nothing_above_starts_a_cell() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for r in range(3):
        table.cell(r, 1).text = str(r)
    table.cell(0, 0).text = "top"
    table.cell(1, 0).text = "orphan"  # before the merge marks: python-docx follows them
    tc = table.rows[1]._tr.tc_lst[0]
    merge = oxml.OxmlElement("w:vMerge")  # no w:val: "continue", but the cell above is not merged
    tc.get_or_add_tcPr().append(merge)
    tc2 = table.rows[2]._tr.tc_lst[0]
    tc2.get_or_add_tcPr().append(oxml.OxmlElement("w:vMerge"))
    (block,) = read_docx(save(document))
    assert isinstance(block, TableBlock)
    found = [(c.text, c.row, c.column, c.row_span) for c in block.cells]
    assert found == [("top", 0, 0, 1), ("0", 0, 1, 1), ("orphan", 1, 0, 2), ("1", 1, 1, 1),
                     ("2", 2, 1, 1)]  # fmt: skip


def test_a_table_holding_a_table_is_layout() -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=1)
    cell = outer.cell(0, 0)
    cell.paragraphs[0].text = "某市人民政府2023年政府信息公开工作年度报告"
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "行政许可", "12"
    cell.add_paragraph("五、存在的主要问题及改进情况")
    document.add_paragraph("  正文　结束 ")
    blocks = read_docx(save(document))
    assert [type(b).__name__ for b in blocks] == ["TextBlock", "TableBlock", "TextBlock",
                                                  "TextBlock"]  # fmt: skip
    assert isinstance(blocks[0], TextBlock)
    assert blocks[0].text == "某市人民政府2023年政府信息公开工作年度报告"
    assert [c.text for c in blocks[1].cells] == ["行政许可", "12"]  # type: ignore[union-attr]
    assert blocks[3].text == "正文 结束"  # type: ignore[union-attr]


def test_content_controls_are_read_and_empty_parts_dropped() -> None:
    document = docx.Document()
    document.add_paragraph("")
    document.add_table(rows=1, cols=1)  # an empty table: no block
    sdt = oxml.OxmlElement("w:sdt")
    content = oxml.OxmlElement("w:sdtContent")
    sdt.append(content)
    paragraph = document.add_paragraph("封面：某区人民政府")
    content.append(paragraph._p)  # moves the paragraph into the content control
    document.element.body.insert(0, sdt)
    blocks = read_docx(save(document))
    assert [b.text for b in blocks if isinstance(b, TextBlock)] == ["封面：某区人民政府"]
    assert len(blocks) == 1


# --- detection and the missing extra ----------------------------------------------------------


def test_a_docx_is_told_from_other_zips_and_text() -> None:
    data = NATIONAL
    assert load(data)[0] == "docx"
    assert is_docx(data)
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("content.xml", "<office/>")
    assert not is_docx(other.getvalue())
    assert load(other.getvalue())[0] == "text"  # then the interpreter finds no report in it
    with pytest.raises(ParseError):
        parse_report(other.getvalue())
    assert not is_docx(b"PK\x03\x04 truncated")


def test_without_the_extra_the_error_says_what_to_install(
    national: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(ParseError, match=r"pip install 'govdisclosure\[docx\]'"):
        parse_report(national)
    with pytest.raises(ImportError, match="python-docx"):
        read_docx(national)


# --- limits ----------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    bomb = _zip({"word/document.xml": b"<w:document/>", "word/media/x.bin": b"\0" * (4 << 20)})
    with pytest.raises(ParseError, match=r"word/media/x\.bin .* inflates \d+ times"):
        read_docx(bomb)
    with pytest.raises(ParseError, match="zip bomb"):
        parse_report(bomb)


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [
        ("MAX_ENTRIES", 1, "entries; at most 1"),
        ("MAX_ENTRY_BYTES", 10, r"entry \S+ of the \.docx decompresses to \d+ bytes"),
        ("MAX_TOTAL_BYTES", 20, "decompresses to more than 20 bytes"),
    ],
)
def test_archive_limits(
    national: bytes, monkeypatch: pytest.MonkeyPatch, limit: str, value: int, message: str
) -> None:
    monkeypatch.setattr(_docx, limit, value)
    if limit == "MAX_TOTAL_BYTES":
        monkeypatch.setattr(_docx, "MAX_ENTRY_BYTES", 1 << 30)
    with pytest.raises(ParseError, match=message):
        read_docx(national)


def test_broken_archives() -> None:
    with pytest.raises(ParseError, match="empty"):
        read_docx(b"")
    with pytest.raises(ParseError, match="not a readable zip"):
        read_docx(b"PK\x03\x04 not a zip at all")
    with pytest.raises(ParseError, match=r"no word/document\.xml"):
        read_docx(_zip({"content.xml": b"<x/>"}))
    broken = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<not xml"})
    with pytest.raises(ParseError, match="could not be opened"):
        read_docx(broken)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_after_a_zip_header_give_a_parse_error_or_blocks(tail: bytes) -> None:
    data = b"PK\x03\x04" + tail
    try:
        blocks = read_docx(data)
    except ParseError:
        return
    assert all(isinstance(b, TextBlock | TableBlock) for b in blocks)  # pragma: no cover


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=20_000), st.binary(min_size=1, max_size=64))
def test_a_damaged_real_docx_gives_a_parse_error_or_blocks(at: int, junk: bytes) -> None:
    data = bytearray(NATIONAL)
    at %= len(data)
    data[at : at + len(junk)] = junk
    try:
        blocks = read_docx(bytes(data))
    except ParseError:
        return
    assert all(isinstance(b, TextBlock | TableBlock) for b in blocks)
