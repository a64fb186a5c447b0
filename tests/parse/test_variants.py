"""Variants of real reports, made by small edits of the real sources and of rendered examples.

Titles and identity (issue 13: year first and split over lines, spaces in the year, 年/年度/
neither, 信息公开 without 政府, the year after the title, a crawl header, ``<title>``, a
breadcrumb, department reports, text that starts at 本报告根据…), tables that are missing, rows of
table 3 whose labels were lost, and a property: whatever row labels are lost, every cell of table 3
parses to its value or to blank, never to another number.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure.errors import ParseError
from govdisclosure.examples import load
from govdisclosure.formatting.render import render
from govdisclosure.model.agency import AgencyKind, AgencyLevel
from govdisclosure.model.form import form_of
from govdisclosure.model.layout import ApplicationRow, ReportPart
from govdisclosure.model.report import AnnualReport2021
from govdisclosure.parse import DiagnosticKind, ParseResult, parse_report
from govdisclosure.parse._labels import agency_from_name

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
HUAIAN = (REPORTS / "huaian-city-2024.pypdf.txt").read_text(encoding="utf-8")
# The real title, printed over two lines by the PDF.
HUAIAN_TITLE = "淮安市人民政府\n2024 年政府信息公开工作年度报告\n"


ZONE = "淮安经济技术开发区管委会"
TOWN = "淮安市淮阴区王营镇人民政府"
PAGE = "<html><head><title>{}</title></head><body>{}<p>一、总体情况</p><p>无。</p></body></html>"


def tables_of(result: ParseResult) -> AnnualReport2021:
    report = result.report
    assert isinstance(report, AnnualReport2021)
    return report


def retitled(title: str) -> str:
    assert HUAIAN_TITLE in HUAIAN
    return HUAIAN.replace(HUAIAN_TITLE, title, 1)


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("2024 年淮安市人民政府政府信息公开\n工作年度报告\n", "淮安市人民政府", 2024),
        ("淮安市人民政府2 0 2 4 年政府信息公开工作年度报告\n", "淮安市人民政府", 2024),
        ("淮安市人民政府2024年度政府信息公开工作年度报告\n", "淮安市人民政府", 2024),
        ("淮安市人民政府2024政府信息公开工作年度报告\n", "淮安市人民政府", 2024),
        ("淮安市人民政府政府信息公开工作年度报告（2024年）\n", "淮安市人民政府", 2024),
        ("淮安市地方税务局2024年信息公开年度报告\n", "淮安市地方税务局", 2024),
        (
            "# 淮安经济技术开发区管委会 2024 年 政府信息公开工作年度报告\n",
            "淮安经济技术开发区管委会",
            2024,
        ),
        (
            "正文\n2024 年淮安市淮阴区王营镇人民政府政府信息公开\n工作年度报告\n",
            "淮安市淮阴区王营镇人民政府",
            2024,
        ),
    ],
)
def test_title_variants(title: str, agency: str, year: int) -> None:
    result = parse_report(retitled(title))
    assert (result.report.agency.name, result.report.year) == (agency, year)
    assert tables_of(result).applications == tables_of(parse_report(HUAIAN)).applications


def test_title_in_a_crawl_header_or_the_page_title_or_a_breadcrumb() -> None:
    body = retitled("")
    header = "标题: 淮安市人民政府2024年政府信息公开工作年度报告\n=== 正文 ===\n"
    assert parse_report(header + body).report.agency.name == "淮安市人民政府"
    page = (
        "<html><head><title>{}</title></head><body>{}<p>一、总体情况</p><p>无。</p></body></html>"
    )
    crumb = "<p>当前位置：首页 &gt; 政务公开 &gt; 某某县人民政府2023年政府信息公开工作年度报告</p>"
    by_title = parse_report(page.format("某某县人民政府2023年政府信息公开工作年度报告_某某县", ""))
    by_crumb = parse_report(page.format("年报", crumb))
    for result in (by_title, by_crumb):
        assert (result.report.agency.name, result.report.year) == ("某某县人民政府", 2023)


def test_the_caller_passes_what_it_knows() -> None:
    body = retitled("")  # the text now starts at 本报告由…编制
    given_ = parse_report(
        body, agency="淮安市人民政府", year=2024, url="https://www.huaian.gov.cn/x"
    )
    assert (given_.report.agency.name, given_.report.year) == ("淮安市人民政府", 2024)
    assert given_.report.url == "https://www.huaian.gov.cn/x"
    assert not [d for d in given_.of_kind(DiagnosticKind.FORMAT) if "no title" in d.message]


def test_without_a_title_the_year_from_the_period_and_the_agency_from_the_text() -> None:
    result = parse_report(retitled(""))
    assert (result.report.agency.name, result.report.year) == ("淮安市人民政府办公室", 2024)
    notes = " ".join(d.message for d in result.of_kind(DiagnosticKind.FORMAT))
    assert "statistics period" in notes and "由…编制" in notes
    publisher = "发布机构: 淮安市人民政府\n=== 正文 ===\n" + retitled("").replace(
        "由淮安市人民政府办公室", ""
    )
    assert parse_report(publisher).report.agency.name == "淮安市人民政府"


def test_no_agency_anywhere_is_a_parse_error_that_says_what_to_pass() -> None:
    with pytest.raises(ParseError, match="pass agency= and year="):
        parse_report("本报告根据条例编制。\n一、总体情况\n全年公开信息10条。")
    with pytest.raises(ParseError, match="no title naming"):  # a sentence is not a name
        parse_report(
            "根据《条例》，市科委编制了2024年度政府信息公开工作年度报告。\n一、总体情况\n无。"
        )


def test_a_report_without_tables_says_no_table_never_zeros() -> None:
    result = parse_report("某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n无。")
    report = tables_of(result)
    assert report.proactive is None and report.applications is None and report.reviews is None
    for part in (ReportPart.PROACTIVE, ReportPart.APPLICATIONS, ReportPart.REVIEWS):
        status = result.tables[part]
        assert not status.found and not status.complete and status.blank == status.cells > 0
    missing = {d.path for d in result.of_kind(DiagnosticKind.MISSING)}
    assert {"$.proactive", "$.applications", "$.reviews"} <= missing
    assert "no table" in result.of_kind(DiagnosticKind.MISSING)[0].message
    assert result.summary().endswith("incomplete (200 blank cells)")


@pytest.mark.parametrize(
    ("name", "kind", "level"),
    [
        ("四川省人力资源和社会保障厅", AgencyKind.DEPARTMENT, AgencyLevel.PROVINCE),
        ("上海市人民政府办公厅", AgencyKind.GENERAL_OFFICE, AgencyLevel.PROVINCE),
        ("淮安市洪泽区人民政府", AgencyKind.PEOPLES_GOVERNMENT, AgencyLevel.COUNTY),
        ("沭阳县人民政府", AgencyKind.PEOPLES_GOVERNMENT, AgencyLevel.COUNTY),
        ("某某县地方税务局", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY),
        ("某某镇人民政府", AgencyKind.PEOPLES_GOVERNMENT, AgencyLevel.TOWNSHIP),
        ("某某街道办事处", AgencyKind.DISPATCHED_BODY, AgencyLevel.TOWNSHIP),
        ("某某经济开发区管委会", AgencyKind.DISPATCHED_BODY, None),
        ("国网某某供电公司", AgencyKind.PUBLIC_INSTITUTION, None),
        ("淮安市人民政府", AgencyKind.PEOPLES_GOVERNMENT, None),  # prefecture or county-level city
        ("苏州市市场监督管理局", AgencyKind.DEPARTMENT, None),
        ("平潭综合实验区", None, None),
    ],
)
def test_kind_and_tier_from_the_name_only_where_certain(
    name: str, kind: AgencyKind | None, level: AgencyLevel | None
) -> None:
    agency = agency_from_name(name)
    assert (agency.kind, agency.level, agency.region) == (kind, level, None)


# --- rows whose labels were lost --------------------------------------------------------------


def _huaian() -> AnnualReport2021:
    report = load("huaian-city-2024")
    assert isinstance(report, AnnualReport2021)
    return report


REPORT = _huaian()
TEXT = render(REPORT, "text")
LAYOUT = REPORT.format_version.application_rows
FORM = form_of(REPORT.format_version).table(ReportPart.APPLICATIONS)


def printed_label(row: ApplicationRow) -> str:
    """The label of a row as the rendered text prints it (the line's text before the cells)."""
    for line in TEXT.splitlines():
        head = line.split("  ")[0].strip()
        if head.endswith(row.label) and len(line) > len(head) + 10:
            return head
    raise AssertionError(row)


def without_labels(rows: list[ApplicationRow]) -> str:
    text = TEXT
    for row in rows:
        label = printed_label(row)
        text = text.replace(label, " " * len(label), 1)
    return text


def test_an_unlabelled_row_is_placed_by_the_form_and_counted_as_placed() -> None:
    result = parse_report(without_labels([ApplicationRow.PARTIALLY_GRANTED]))
    assert tables_of(result).applications == REPORT.applications
    status = result.tables[ReportPart.APPLICATIONS]
    assert (status.read, status.placed, status.blank, status.complete) == (168, 7, 0, True)
    (note,) = result.of_kind(DiagnosticKind.RECOVERED)
    assert note.path == "$.applications.partially-granted" and note.origin is not None


def test_an_unlabelled_row_that_breaks_an_identity_is_left_blank() -> None:
    text = without_labels([ApplicationRow.PARTIALLY_GRANTED])
    # 447 + 7 = 454: print 448 instead, and the row's own total no longer adds up.
    line = next(line for line in text.splitlines() if line.strip().startswith("447"))
    broken = parse_report(text.replace(line, line.replace("447", "448", 1), 1))
    table = tables_of(broken).applications
    assert table is not None
    row = table.row(ApplicationRow.PARTIALLY_GRANTED)
    assert row.natural_person is None and row.total is None
    assert broken.of_kind(DiagnosticKind.AMBIGUOUS)


def test_unlabelled_rows_next_to_each_other_are_placed_in_the_form_order() -> None:
    lost = [ApplicationRow.GRANTED, ApplicationRow.PARTIALLY_GRANTED]
    result = parse_report(without_labels(lost))
    assert tables_of(result).applications == REPORT.applications
    assert result.tables[ReportPart.APPLICATIONS].placed == 14


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(LAYOUT), max_size=6, unique=True))
def test_lost_labels_never_give_a_wrong_figure(lost: list[ApplicationRow]) -> None:
    result = parse_report(without_labels(lost)).report
    assert isinstance(result, AnnualReport2021) and result.applications is not None
    table = result.applications
    for expected, parsed in zip(FORM.read(REPORT.applications), FORM.read(table), strict=True):
        assert parsed is None or parsed == expected


# --- original HTML ------------------------------------------------------------------------------


def _word(html: str) -> str:
    """The rendered page as Word exports it: each cell's text in MsoNormal, <span>, <font>,
    &nbsp; runs and <o:p>, and the article inside a layout table."""
    cell = re.compile(r"<td([^>]*)>([^<]*)</td>")
    word = cell.sub(
        lambda m: (
            f'<td{m.group(1)}><p class=MsoNormal><span style="font-size:10pt"><font'
            f" face=宋体>&nbsp;{m.group(2)}&nbsp;&nbsp;</font><o:p></o:p></span></p></td>"
        ),
        html,
    )
    body = word.split("<body>", 1)[1].replace("</body>", "</td></tr></table></body>")
    return '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><table><tr><td>' + body


def test_word_exported_html_inside_a_layout_table() -> None:
    result = parse_report(_word(render(REPORT, "html")))
    assert tables_of(result).applications == REPORT.applications
    assert tables_of(result).reviews == REPORT.reviews
    assert result.complete


@pytest.mark.parametrize("mark", ["-", "/", "无", "—"])
def test_a_dash_slash_or_none_cell_is_blank_not_zero_and_no_problem(mark: str) -> None:
    html = render(REPORT, "html")
    # 维持 of 行政复议 is 72: print the mark instead.
    cell = '<td class="gd-col-reconsideration-maintained">'
    assert html.count(f"{cell}72</td>") == 1
    result = parse_report(html.replace(f"{cell}72</td>", f"{cell}{mark}</td>"))
    reviews = tables_of(result).reviews
    assert reviews is not None and reviews.reconsideration.maintained is None
    assert not result.of_kind(DiagnosticKind.INVALID_CELL)
    assert result.tables[ReportPart.REVIEWS].blank == 1


# --- narrative hints --------------------------------------------------------------------------


def test_a_narrative_sentence_chooses_among_the_splits_of_a_run_and_says_so() -> None:
    from govdisclosure.parse import RowRecovery, TableCell
    from govdisclosure.parse._interpret import _choose_by_narrative, _Reader

    reader = _Reader()
    run = TableCell("1101211", 0, 1)
    two = RowRecovery("1101211", ((1, 1, 0, 1, 2, 1, 1), (11, 0, 1, 2, 1, 1, 16)))
    new, carried = ApplicationRow.NEW, ApplicationRow.CARRIED_OVER
    chosen = _choose_by_narrative({new: two}, {new: run}, {new: 16}, reader)
    assert chosen == {new: (11, 0, 1, 2, 1, 1, 16)}
    assert "narrative says" in reader.diagnostics[0].message
    assert reader.diagnostics[0].candidates == two.candidates
    # No candidate fits, or the row was printed as cells (not a run): no choice.
    assert _choose_by_narrative({new: two}, {new: run}, {new: 5}, reader) == {}
    assert _choose_by_narrative({carried: two}, {new: run}, {carried: 16}, reader) == {}


def test_narrative_totals_need_one_explicit_mention() -> None:
    from govdisclosure.parse._interpret import narrative_totals

    texts = ["本年新收政府信息公开申请75件，上年结转2件。", "结转下年度继续办理3件。"]
    assert narrative_totals(texts) == {
        ApplicationRow.NEW: 75,
        ApplicationRow.CARRIED_OVER: 2,
        ApplicationRow.CARRIED_FORWARD: 3,
    }
    assert narrative_totals(["本年新收申请75件", "本年新收申请76件"]) == {}  # two values: none
    assert narrative_totals(["全区收到政府信息公开申请75件"]) == {}  # not a cell's words


def test_narrative_hints_can_be_switched_off() -> None:
    on = parse_report(HUAIAN)
    off = parse_report(HUAIAN, narrative_hints=False)
    assert on.report == off.report  # nothing ambiguous here: the hint is never needed
    assert not [d for d in off.diagnostics if "narrative says" in d.message]
