"""Reading PDF reports into blocks (parse._pdf): real reports and small hand-made PDFs."""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest

import corpus
from govdisclosure.errors import ParseError
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReviewGroup
from govdisclosure.model.outcome import OutcomeGroup
from govdisclosure.parse._blocks import Block, Origin, TableBlock, TableCell, TextBlock
from govdisclosure.parse._pdf import _is_white, read_pdf, table_continues

REPORTS = corpus.FOLDER
PDFS = ("huaian-city-2024", "hongze-district-2023", "hongze-district-2024")
R = ApplicationRow
#: Known typos of the sources (see expected.json's inconsistencies), mapped to the form's label.
TYPOS = {"2.其他法律行政止公开": "2.其他法律行政法规禁止公开"}
_NUMBER = re.compile(r"\d+")


# --- a tiny PDF writer for hand-made cases --------------------------------------------------------


def make_pdf(
    *pages: bytes, encrypt: bytes | None = None, size: tuple[int, int] = (595, 842)
) -> bytes:
    """A PDF whose pages draw the given content streams (Helvetica as /F1), with a real xref."""
    count = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        f"<</Type/Pages/Kids[{kids}]/Count {count}>>".encode(),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    for i, content in enumerate(pages):
        objects.append(
            f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 {size[0]} {size[1]}]"
            f"/Resources<</Font<</F1 3 0 R>>>>/Contents {5 + 2 * i} 0 R>>".encode()
        )
        objects.append(b"<</Length %d>>stream\n%s\nendstream" % (len(content), content))
    if encrypt is not None:
        objects.append(encrypt)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    extra = b""
    if encrypt is not None:
        extra = b"/Encrypt %d 0 R/ID[<%s><%s>]" % (
            len(objects),
            b"0123456789abcdef" * 2,
            b"0123456789abcdef" * 2,
        )
    out += b"trailer\n<</Size %d/Root 1 0 R%s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        extra,
        xref,
    )
    return bytes(out)


def text(x: float, y_top: float, words: str, size: float = 10, page_height: float = 842) -> bytes:
    """Draw a line of text whose top is about ``y_top`` points from the top of the page."""
    baseline = page_height - y_top - size * 0.8
    return b"BT /F1 %g Tf %g %g Td (%s) Tj ET\n" % (size, x, baseline, words.encode())


def box(
    x0: float, top: float, x1: float, bottom: float, op: bytes = b"S", page_height: float = 842
) -> bytes:
    """A rectangle given top-down, painted with ``op`` (S stroke, f fill)."""
    return b"%g %g %g %g re %s\n" % (x0, page_height - bottom, x1 - x0, bottom - top, op)


def hline(x0: float, x1: float, y: float, page_height: float = 842) -> bytes:
    return b"%g %g m %g %g l S\n" % (x0, page_height - y, x1, page_height - y)


def vline(x: float, top: float, bottom: float, page_height: float = 842) -> bytes:
    return b"%g %g m %g %g l S\n" % (x, page_height - top, x, page_height - bottom)


def grid(xs: list[float], ys: list[float]) -> bytes:
    """Every line of a full grid."""
    lines = [hline(xs[0], xs[-1], y) for y in ys] + [vline(x, ys[0], ys[-1]) for x in xs]
    return b"".join(lines)


def tables(blocks: list[Block]) -> list[TableBlock]:
    return [b for b in blocks if isinstance(b, TableBlock)]


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if isinstance(b, TextBlock)]


# --- the real reports -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reports() -> dict[str, list[Block]]:
    """Each real PDF read once for the whole module."""
    return {name: read_pdf((REPORTS / f"{name}.pdf").read_bytes()) for name in PDFS}


@pytest.fixture(scope="module")
def expected() -> dict[str, dict[str, Any]]:
    return {r["file"].removesuffix(".pdf"): r for r in corpus.entries()}


def labelled_rows(blocks: list[Block]) -> list[tuple[str, list[int]]]:
    """Every table row as (its rightmost label cell, the numbers in the cells right of it)."""
    out = []
    for table in tables(blocks):
        rows: dict[int, list[TableCell]] = {}
        for cell in table.cells:
            rows.setdefault(cell.row, []).append(cell)
        for cells in rows.values():
            cells.sort(key=lambda c: c.column)
            label, numbers = "", []
            for cell in cells:
                if _NUMBER.fullmatch(cell.text):
                    numbers.append(int(cell.text))
                elif cell.text:
                    label, numbers = cell.text, []
            out.append((label, numbers))
    return out


def table3(blocks: list[Block]) -> dict[ApplicationRow | str, tuple[int, ...]]:
    """Table 3's rows found by their label cell (7 number cells each); category rows by label."""
    labels: dict[str, ApplicationRow | str] = {
        r.label: r for r in FormatVersion.NATIONAL_2021.application_rows
    }
    labels.update({g.numbered_label: g.numbered_label for g in OutcomeGroup})
    found: dict[ApplicationRow | str, tuple[int, ...]] = {}
    for label, numbers in labelled_rows(blocks):
        if len(numbers) != 7:
            continue
        key = TYPOS.get(label, label)
        key = re.sub(r"^(\d)、", r"\1.", key)
        assert key in labels, f"unexpected row label {label!r}"
        assert labels[key] not in found, f"row {label!r} found twice"
        found[labels[key]] = tuple(numbers)
    return found


@pytest.mark.parametrize("name", PDFS)
def test_table3_cells(
    name: str, reports: dict[str, list[Block]], expected: dict[str, dict[str, Any]]
) -> None:
    rows, want = table3(reports[name]), expected[name]
    assert rows[R.NEW][0] == want["new_applications_natural_person"]
    assert rows[R.NEW][6] == want["new_applications_total"]
    assert rows[R.CARRIED_OVER][6] == want["carried_over_from_last_year"]
    assert rows[R.CARRIED_FORWARD][6] == want["carried_to_next_year"]
    assert rows[R.TOTAL][6] == want["outcomes"]["总计"]
    for group in OutcomeGroup:
        subrows = [
            rows[r][6]
            for r in FormatVersion.NATIONAL_2021.application_rows
            if r.group is group and r in rows
        ]
        printed = rows.get(group.numbered_label)
        total = printed[6] if printed is not None else sum(subrows)
        assert total == want["outcomes"][group.label], group
    for cells in rows.values():
        assert sum(cells[:6]) == cells[6]  # every row of these three tables adds up


@pytest.mark.parametrize("name", PDFS)
def test_table4_cells(
    name: str, reports: dict[str, list[Block]], expected: dict[str, dict[str, Any]]
) -> None:
    (row,) = [numbers for _, numbers in labelled_rows(reports[name]) if len(numbers) == 15]
    want = expected[name]
    keys = ("maintain", "correct", "other", "pending", "total")
    for g, group in enumerate(ReviewGroup):
        assert row[5 * g : 5 * g + 5] == [want[group.attribute][k] for k in keys], group
    if name == "hongze-district-2023":
        # Totals of 0 under non-zero results, as the PDF says: kept, not corrected.
        assert row[:5] == [10, 1, 0, 0, 0]


def test_table4_header_spans(reports: dict[str, list[Block]]) -> None:
    table = next(t for t in tables(reports["huaian-city-2024"]) if t.shape == (4, 15))
    spans = {c.text: (c.row, c.column, c.row_span, c.column_span) for c in table.cells if c.row < 2}
    assert spans["行政复议"] == (0, 0, 1, 5)
    assert spans["行政诉讼"] == (0, 5, 1, 10)
    assert spans["未经复议直接起诉"] == (1, 5, 1, 5)
    assert spans["结果维持"] == (1, 0, 2, 1)


def test_huaian_tables_span_pages(reports: dict[str, list[Block]]) -> None:
    blocks = reports["huaian-city-2024"]
    found = tables(blocks)
    pages = [t.origin.page for t in found]
    assert pages == [3, 4, 4, 5, 5]
    table2a, table2b, table3a, table3b, table4 = found
    # Table 3 goes on on page 5 right after page 4: nothing between the two blocks.
    assert blocks.index(table3b) == blocks.index(table3a) + 1
    assert table_continues(table3a, table3b)
    assert table_continues(table2a, table2b)
    assert not table_continues(table3b, table4)  # same page
    assert not table_continues(table2b, table3a)  # same page
    # The merged （四）无法提供 cell is cut by the page break: its halves are in both blocks.
    last_a = [c.text for c in table3a.cells if c.row == table3a.shape[0] - 1]
    first_b = [c.text for c in table3b.cells if c.row == 0]
    assert last_a[:3] == ["（四）无", "1.本机关不掌握相关政府信息", "746"]
    assert first_b[:4] == ["", "法提供", "2.没有现成信息需要另行制作", "11"]
    # Every cell knows its page and box, inside its table's box.
    for table in found:
        assert table.origin.bbox is not None
        x0, top, x1, bottom = table.origin.bbox
        for cell in table.cells:
            assert cell.origin.page == table.origin.page
            assert cell.origin.bbox is not None
            cx0, ctop, cx1, cbottom = cell.origin.bbox
            assert x0 - 1 <= cx0 < cx1 <= x1 + 1 and top - 1 <= ctop < cbottom <= bottom + 1


def test_merged_cells_keep_their_spans(reports: dict[str, list[Block]]) -> None:
    table = tables(reports["huaian-city-2024"])[2]
    spans = {c.text: (c.row, c.column, c.row_span, c.column_span) for c in table.cells}
    assert spans["三、本年度办理结果"] == (5, 0, 11, 1)
    assert spans["（三）不予公开"] == (7, 1, 8, 1)
    assert spans["申请人情况"] == (0, 3, 1, 7)
    assert spans["一、本年新收政府信息公开申请数量"] == (3, 0, 1, 3)


def test_running_text(reports: dict[str, list[Block]]) -> None:
    paragraphs = texts(reports["huaian-city-2024"])
    assert paragraphs[:2] == ["淮安市人民政府", "2024年政府信息公开工作年度报告"]
    assert "一、总体情况" in paragraphs
    # A figure whose line broke in the middle comes back whole, with its paragraph.
    (applications,) = [p for p in paragraphs if "全市共受理政府信息公开申请3119件" in p]
    assert applications.startswith("（二）依申请公开情况。")
    assert "答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）" in applications
    # A paragraph that goes on over the page break is one block.
    (problems,) = [p for p in paragraphs if p.startswith("对照上级新要求和公众新期待")]
    assert problems.endswith("兼职多、变动频繁等问题。") or "兼职多" in problems
    everything = "\n".join(paragraphs)
    # Page numbers are gone; the tables' text is not repeated as running text.
    assert not re.search(r"-\s*\d\s*-", everything)
    assert "本年新收政府信息公开申请数量" not in everything
    assert "勾稽关系" not in everything


def test_blocks_come_in_reading_order(reports: dict[str, list[Block]]) -> None:
    for blocks in reports.values():
        keys = [(b.origin.page or 0, (b.origin.bbox or (0, 0, 0, 0))[1]) for b in blocks]
        assert keys == sorted(keys)


def test_invisible_cell_rectangles(reports: dict[str, list[Block]]) -> None:
    """Hongze draws parts of its tables with white cell rectangles and no line."""
    rows = dict(labelled_rows(reports["hongze-district-2023"]))
    assert rows["2.没有现成信息需要另行制作"] == [3, 0, 0, 0, 0, 0, 3]  # below the last line
    assert rows["行政处罚"] == [4119]
    table = tables(reports["hongze-district-2023"])[1]
    first = [c.text for c in table.cells if c.row == 0]
    assert first == ["信息内容", "本年处理决定数量"]  # its top edge is not drawn
    # The white bands behind the running text are not tables.
    assert all(t.origin.page != 1 for t in tables(reports["hongze-district-2023"]))
    assert all(t.shape[1] > 1 for t in tables(reports["hongze-district-2024"]))


# --- hand-made PDFs -------------------------------------------------------------------------------


def test_empty_input_and_not_a_pdf() -> None:
    with pytest.raises(ParseError, match="empty"):
        read_pdf(b"")
    with pytest.raises(ParseError, match="not a PDF"):
        read_pdf(b"<html>an annual report</html>")


def test_empty_pdf_has_no_blocks() -> None:
    assert read_pdf(make_pdf(b"")) == []
    assert read_pdf(make_pdf()) == []


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj garbage",
        b"%PDF-1.7\n" + bytes(range(256)) * 4,
        make_pdf(text(72, 100, "cut short"))[:200],
    ],
    ids=["garbage", "binary", "truncated"],
)
def test_corrupt_pdf(data: bytes) -> None:
    with pytest.raises(ParseError, match="cannot read the PDF") as caught:
        read_pdf(data)
    assert "无法读取PDF" in str(caught.value)


def test_corrupt_real_pdf() -> None:
    path = corpus.path("huaian-city-2024.pdf")
    data = bytearray(path.read_bytes())
    data[len(data) // 3 :] = b"\0" * (len(data) - len(data) // 3)
    with pytest.raises(ParseError):
        read_pdf(bytes(data))


def test_encrypted_pdf() -> None:
    # RC4 40-bit, with /O and /U values no password opens: the empty password is refused.
    encrypt = b"<</Filter/Standard/V 1/R 2/Length 40/P -44/O<%s>/U<%s>>>" % (b"11" * 32, b"22" * 32)
    data = make_pdf(text(72, 100, "secret"), encrypt=encrypt)
    with pytest.raises(ParseError, match="encrypted with a password") as caught:
        read_pdf(data)
    assert "文件已加密" in str(caught.value)


def test_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(ImportError, match=r"pip install 'govdisclosure\[pdf\]'"):
        read_pdf(make_pdf(b""))


def test_merged_cells_from_geometry() -> None:
    # A 3x3 grid whose first row is one cell and whose first column merges rows 2 and 3.
    xs, ys = [72.0, 172.0, 272.0, 372.0], [100.0, 120.0, 140.0, 160.0]
    lines = (
        hline(72, 372, 100)
        + hline(72, 372, 120)
        + hline(172, 372, 140)
        + hline(72, 372, 160)
        + vline(72, 100, 160)
        + vline(372, 100, 160)
        + vline(172, 120, 160)
        + vline(272, 120, 160)
    )
    content = lines + text(80, 106, "Header") + text(80, 136, "Merged") + text(180, 126, "1")
    content += text(280, 126, "2") + text(180, 146, "3")
    (table,) = read_pdf(make_pdf(content))
    assert isinstance(table, TableBlock)
    assert table.shape == (3, 3)
    cells = {(c.row, c.column): c for c in table.cells}
    assert (cells[0, 0].text, cells[0, 0].column_span, cells[0, 0].row_span) == ("Header", 3, 1)
    assert (cells[1, 0].text, cells[1, 0].row_span) == ("Merged", 2)
    assert cells[1, 1].text == "1" and cells[1, 2].text == "2" and cells[2, 1].text == "3"
    assert cells[2, 2].text == ""  # a blank cell is an empty string
    assert cells[1, 0].origin == Origin(page=1, bbox=(xs[0], ys[1], xs[1], ys[3]))


def test_white_rectangles() -> None:
    table = grid([72, 172, 272], [100, 120, 140])
    # A white cell below the table and narrower than it: part of the table.
    cells = b"1 g " + box(72, 140, 172, 160, b"f") + box(172, 140, 272, 160, b"f") + b"0 g "
    # A white band as wide as the page's text, above: the background of running text.
    band = b"1 g " + box(60, 60, 400, 99, b"f") + b"0 g "
    words = text(80, 106, "a") + text(180, 106, "b") + text(80, 146, "c") + text(180, 146, "7")
    words += text(72, 70, "Some running text above the table.")
    blocks = read_pdf(make_pdf(band + table + cells + words))
    heading, found = blocks
    assert isinstance(heading, TextBlock) and heading.text == "Some running text above the table."
    assert isinstance(found, TableBlock)
    assert found.shape == (3, 2)
    assert [c.text for c in found.cells if c.row == 2] == ["c", "7"]


def test_colours() -> None:
    assert _is_white(None) and _is_white(1) and _is_white((1.0,)) and _is_white((1, 1, 1))
    assert _is_white((0, 0, 0, 0))  # CMYK: no ink
    assert not _is_white((0,)) and not _is_white((0.8, 0.85, 0.95)) and not _is_white((0, 0, 0, 1))
    assert not _is_white(("P0",)) and not _is_white("pattern")


def test_shaded_cells_are_visible() -> None:
    # A table drawn only by grey-filled cells (no line at all) is still a table.
    shaded = b"0.8 g " + box(72, 100, 172, 120, b"f") + box(172, 100, 272, 120, b"f") + b"0 g "
    shaded += b"0.8 g " + box(72, 120, 172, 140, b"f") + box(172, 120, 272, 140, b"f") + b"0 g "
    words = text(80, 106, "x") + text(180, 106, "y") + text(80, 126, "z") + text(180, 126, "9")
    (found,) = read_pdf(make_pdf(shaded + words))
    assert isinstance(found, TableBlock)
    assert [c.text for c in found.cells] == ["x", "y", "z", "9"]


def test_single_cell_box_is_a_paragraph() -> None:
    content = box(72, 100, 372, 130) + text(80, 108, "Note: figures as printed.")
    content += box(72, 200, 372, 230)  # an empty frame: nothing at all
    (note,) = read_pdf(make_pdf(content))
    assert note == TextBlock("Note: figures as printed.", note.origin)


def test_uncovered_grid_position_keeps_its_text() -> None:
    # The top edge of the first cell is not drawn: its text still becomes a cell.
    lines = hline(172, 372, 100) + hline(72, 372, 120) + hline(72, 372, 140)
    lines += vline(72, 120, 140) + vline(172, 100, 140) + vline(372, 100, 140)
    words = (
        text(80, 106, "Label") + text(180, 106, "Head") + text(80, 126, "a") + text(180, 126, "1")
    )
    (found,) = read_pdf(make_pdf(lines + words))
    assert isinstance(found, TableBlock)
    assert [(c.row, c.column, c.text) for c in found.cells] == [
        (0, 0, "Label"),
        (0, 1, "Head"),
        (1, 0, "a"),
        (1, 1, "1"),
    ]


BODY = [
    "Government information disclosure annual report of the city",
    "government for the year, compiled under the regulation and",
    "covering the whole year.",
]


def paragraph_page(top: float, lines: list[str], indent: float = 20, size: float = 10) -> bytes:
    out = b""
    for i, words in enumerate(lines):
        out += text(72 + (indent if i == 0 else 0), top + 14 * i, words, size)
    return out


def test_paragraphs() -> None:
    full = "x" * 20  # sets the right margin: most lines end there
    filler = [f"{full} {full} {full}"] * 3
    content = paragraph_page(100, [*filler, "short end."])
    content += paragraph_page(170, ["Indented start", *filler[:1]], indent=20)
    content += paragraph_page(204, ["I. HEADING"], indent=0, size=14)
    content += paragraph_page(240, filler[:2], indent=0)  # a wider gap before: new paragraph
    content += paragraph_page(400, filler[:1], indent=0)
    blocks = read_pdf(make_pdf(content))
    found = texts(blocks)
    assert found[0] == " ".join([*filler, "short end."])
    assert found[1] == "Indented start"  # short line: the paragraph ends
    assert found[2] == filler[0]
    assert found[3] == "I. HEADING"
    assert found[4] == " ".join(filler[:2])
    assert found[5] == filler[0]


def test_paragraph_over_a_page_break_and_page_furniture() -> None:
    full = "y" * 20
    line = f"{full} {full} {full}"
    pages = []
    for number in range(1, 4):
        page = text(250, 30, "City report header")  # running header, every page
        page += paragraph_page(100, [line, line, line], indent=0 if number < 3 else 20)
        page += paragraph_page(800, [line], indent=0) if number == 1 else b""
        page += text(280, 810 if number != 1 else 826, f"- {number} -")
        pages.append(page)
    pages[2] += text(72, 500, "Page 3 of 3")  # not at the edge of the page: kept
    blocks = read_pdf(make_pdf(*pages))
    found = texts(blocks)
    assert "City report header" not in found
    assert not any(re.fullmatch(r"- \d -", t) for t in found)
    # Page 1's last line goes on at the top of page 2.
    assert found[1] == " ".join([line] * 4)
    assert blocks[1].origin.page == 1
    assert found[-1] == "Page 3 of 3"


def test_page_number_only_page() -> None:
    blocks = read_pdf(make_pdf(text(280, 810, "3"), text(280, 20, "Page 4"), b""))
    assert blocks == []


def test_table_continues_needs_geometry() -> None:
    bare = TableBlock(())
    placed = TableBlock((), Origin(page=1, bbox=(72.0, 80.0, 500.0, 700.0)))
    assert not table_continues(bare, placed)
    assert not table_continues(placed, bare)
    later = TableBlock((), Origin(page=3, bbox=(72.0, 80.0, 500.0, 700.0)))
    assert not table_continues(placed, later)  # a page skipped


def test_uncovered_grid_position_without_text_stays_empty() -> None:
    lines = hline(172, 372, 100) + hline(72, 372, 120) + hline(72, 372, 140)
    lines += vline(72, 120, 140) + vline(172, 100, 140) + vline(372, 100, 140)
    words = text(180, 106, "Head") + text(80, 126, "a") + text(180, 126, "1")
    (found,) = read_pdf(make_pdf(lines + words))
    assert isinstance(found, TableBlock)
    assert [(c.row, c.column) for c in found.cells] == [(0, 1), (1, 0), (1, 1)]
