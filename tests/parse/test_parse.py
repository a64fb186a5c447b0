"""parse_report on the real published reports, on rendered reports, and on hostile input."""

from __future__ import annotations

import codecs
import os
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import corpus
from govdisclosure.errors import ParseError
from govdisclosure.examples import load, names
from govdisclosure.formatting.render import render
from govdisclosure.model.form import form_of
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReportPart
from govdisclosure.model.quantity import Qualifier
from govdisclosure.model.report import AnnualReport2008, AnnualReport2019, AnnualReport2021
from govdisclosure.parse import DiagnosticKind, ParseResult, parse_report
from govdisclosure.parse._html import read_html
from govdisclosure.parse._source import decode
from govdisclosure.parse._source import load as load_source
from govdisclosure.parse._text import read_text

if TYPE_CHECKING:
    from govdisclosure.model.outcome import OutcomeGroup

REPORTS = corpus.FOLDER
#: Every national-format report of the corpus, the markdown conversions included (their tables
#: are read whole since unlabelled rows are aligned to the form).
EXPECTED = [e for e in corpus.entries() if e["format_version"][:4] in ("2019", "2021")]
#: The agency as the title prints it where that is not the name entered by hand (a short name,
#: an OCR misreading kept in the source).
TITLE_AGENCY = {"shanghai-stcsm-2024.md": "上海市科委", "shuyang-county-2025.txt": "沐阳县人民政府"}


def _cases() -> list[Any]:
    cases = []
    for entry in EXPECTED:
        files = [entry["file"], *entry.get("text_extractions", [])]
        cases += [pytest.param(name, entry, id=name) for name in files]
    return cases


def _category(report: AnnualReport2019 | AnnualReport2021, group: OutcomeGroup) -> int | None:
    assert report.applications is not None
    rows = [r for r in report.applications.rows if r.row.group is group]
    if len(rows) == 1:
        return rows[0].total
    totals = [r.total for r in rows]
    return None if any(t is None for t in totals) else sum(t for t in totals if t is not None)


@pytest.mark.parametrize(("name", "entry"), _cases())
def test_real_report_figures_equal_expected(name: str, entry: dict[str, Any]) -> None:
    result = parse_report(REPORTS / name)
    report = result.report
    assert isinstance(report, AnnualReport2019 | AnnualReport2021)
    assert report.year == entry["year"]
    assert report.agency.name == TITLE_AGENCY.get(name) or report.agency.name in entry["agency"]
    assert report.format_version.code == entry["format_version"][:4]
    table = report.applications
    assert table is not None
    new = table.row(ApplicationRow.NEW)
    assert new.natural_person == entry["new_applications_natural_person"]
    assert new.total == entry["new_applications_total"]
    assert table.row(ApplicationRow.CARRIED_OVER).total == entry["carried_over_from_last_year"]
    assert table.row(ApplicationRow.CARRIED_FORWARD).total == entry["carried_to_next_year"]
    for label, value in entry["outcomes"].items():
        if label == "总计":
            assert table.row(ApplicationRow.TOTAL).total == value
        elif entry["file"] == "shanghai-gov-office-2019.html":
            # Shanghai 2019 printed no category totals: the rows' own 总计 cells are blank.
            assert all(r.total is None for r in table.rows if r.row.group is corpus.GROUP_OF[label])
        else:
            assert _category(report, corpus.GROUP_OF[label]) == value, label
    assert report.reviews is not None
    for group in ("reconsideration", "litigation_direct", "litigation_after_reconsideration"):
        counts = getattr(report.reviews, group)
        for key, value in entry[group].items():
            assert getattr(counts, corpus.REVIEW_COLUMN_OF[key]) == value, (group, key)
    proactive = entry.get("proactive")
    if proactive is not None:
        assert isinstance(report, AnnualReport2021)
        assert report.proactive is not None
        p = report.proactive
        assert [p.regulations.issued, p.regulations.repealed, p.regulations.in_force] == proactive[
            "规章"
        ]
        docs = p.normative_documents
        # Entered under the label the source prints (行政规范性文件, or 规范性文件).
        printed = proactive.get("行政规范性文件", proactive.get("规范性文件"))
        assert [docs.issued, docs.repealed, docs.in_force] == printed
        assert p.licensing == proactive["行政许可"]
        assert p.penalties == proactive["行政处罚"]
        assert p.compulsory_measures == proactive["行政强制"]
        assert p.fee_amount == Decimal(proactive["行政事业性收费_万元"])
    # The source's own inconsistencies are kept and reported, never fixed.
    rules = sorted(f.rule for f in result.findings)
    assert rules == FINDINGS.get(entry["file"].split(".")[0], []), rules


# The consistency findings (govdisclosure.checks) of each real report, by its base name.
FINDINGS = {
    # Table 4 prints total 0 under non-zero cells, twice.
    "hongze-district-2023": ["T4-TOTAL", "T4-TOTAL"],
    # 区政府办 received 17 of the district's 95 (information only).
    "hongze-district-2024": ["NARRATIVE-SCOPE"],
    # The narrative counts the carried-over request in its 75.
    "pingtan-zone-2022": ["NARRATIVE-RECEIVED-WHOLE"],
    # The narrative's 受理749 counts the 36 carried over with the 713 new.
    "shuyang-county-2025": ["NARRATIVE-RECEIVED-WHOLE"],
    # 258+35+265+158 = 716 against 805 answered; 33.9% against 32.0%; 7 upheld against 5.
    "shanghai-gov-office-2019": ["NARRATIVE-SHARE", "NARRATIVE-SUM", "NARRATIVE-UPHELD"],
}


def test_huaian_text_extractions_equal_the_bundled_report() -> None:
    bundled = load("huaian-city-2024")
    assert isinstance(bundled, AnnualReport2021)
    names = ["huaian-city-2024.pypdf.txt", "huaian-city-2024.pdfminer.txt"]
    for name in [*names, "huaian-city-2024.pdf"]:
        report = parse_report(REPORTS / name).report
        assert isinstance(report, AnnualReport2021)
        assert report.applications == bundled.applications
        assert report.proactive == bundled.proactive
        assert report.reviews == bundled.reviews
        assert report.title == bundled.title
        assert report.preamble == bundled.preamble
        assert report.processing_fee == bundled.processing_fee
        # Every paragraph, including the one that ends flush with the margin before a page
        # footer in section 五 (the next line is indented: a new paragraph).
        assert report.sections == bundled.sections, name
        assert report.closing == bundled.closing


def test_shanghai_page_equals_the_bundled_report_where_printed() -> None:
    result = parse_report(REPORTS / "shanghai-gov-office-2019.html")
    bundled = load("shanghai-gov-office-2019")
    report = result.report
    assert isinstance(report, AnnualReport2019)
    for field in ("applications", "reviews", "proactive", "preamble", "sections", "title",
                  "published_on"):  # fmt: skip
        assert getattr(report, field) == getattr(bundled, field), field
    assert result.source_format == "html"
    assert result.confident
    cell = result.origin("$.applications.granted.natural_person")
    assert cell is not None
    assert cell.path == "table[2]/tr[6]/td[3]"  # after 三、本年度办理结果 and （一）予以公开
    assert cell.line is not None


def test_pingtan_lost_separators_are_recovered_and_ambiguity_reported() -> None:
    result = parse_report(REPORTS / "pingtan-zone-2022.txt")
    recovered = {d.path: d for d in result.of_kind(DiagnosticKind.RECOVERED)}
    assert recovered["$.applications.new"].candidates == ((71, 3, 0, 0, 0, 0, 74),)
    assert recovered["$.applications.total"].candidates == ((72, 3, 0, 0, 0, 0, 75),)
    (ambiguous,) = result.of_kind(DiagnosticKind.AMBIGUOUS)
    assert ambiguous.path == "$.proactive.normative_documents"
    assert (88, 55, 698) in ambiguous.candidates
    assert len(ambiguous.candidates) > 1
    report = result.report
    assert isinstance(report, AnnualReport2021)
    assert report.proactive is not None
    assert report.proactive.normative_documents.issued is None  # never a silent guess
    assert not result.confident
    assert report.sections[3].heading == "四、政府信息公开行政法复议、行政诉讼情况"
    (variant,) = result.of_kind(DiagnosticKind.LABEL_VARIANT)  # the heading's misprint
    assert "'行政法复议' is a misprint of '行政复议'" in variant.message


def test_hongze_label_typo_matched_through_the_alias_table() -> None:
    result = parse_report(REPORTS / "hongze-district-2024.pdf")
    variants = result.of_kind(DiagnosticKind.LABEL_VARIANT)
    assert any("其他法律行政止公开" in d.message for d in variants)
    report = result.report
    assert isinstance(report, AnnualReport2021)
    assert report.applications is not None
    row = report.applications.row(ApplicationRow.WITHHELD_PROHIBITED_BY_LAW)
    assert row.total is not None


def test_legacy_report_sections_figures_and_statistics() -> None:
    result = parse_report(REPORTS / "pingtan-zone-2013.txt")
    report = result.report
    assert isinstance(report, AnnualReport2008)
    assert report.format_version is FormatVersion.LEGACY_2008
    assert report.year == 2013
    assert report.statistics_title == "平潭综合实验区政府信息公开情况统计表"
    first = report.statistics[0]
    assert (first.indicator, first.unit, first.this_year, first.cumulative) == (
        "主动公开信息数", "条", 72804, 76424,
    )  # fmt: skip
    assert report.statistics[2].indicator == "2、政府公报公开"
    assert report.statistics[2].cumulative is None
    assert len(report.statistics) == 16
    values = [(f.quantity.value, f.quantity.unit) for f in report.figures]
    assert (4970, "条") in values  # the narrative disagrees with the table (72804): both kept
    assert report.closing == ("二○一四年一月十日",)
    assert report.preamble[0].startswith("本报告主要根据")
    assert report.published_on is not None
    assert report.published_on.isoformat() == "2014-01-10"
    assert report.url is not None


@pytest.mark.parametrize("name", names())
def test_render_html_round_trip(name: str) -> None:
    report = load(name)
    page = render(report, "html")
    result = parse_report(page)
    assert result.report == report
    assert result.confident
    # Tables and narrative are read from the page itself, never from the metadata.
    meta = read_html(page).meta
    assert meta is not None
    assert set(meta) == {"format_version", "agency", "published_on", "url", "figures",
                         "channels", "processing_fee"}  # fmt: skip


@pytest.mark.parametrize("name", names())
def test_render_html_round_trip_of_what_the_page_shows(name: str) -> None:
    """Without its metadata the page still gives back everything it shows."""
    report = load(name)
    page = re.sub(r"<meta name=\"govdisclosure:report\"[^>]*>\n", "", render(report, "html"))
    assert "govdisclosure:report" not in page
    parsed = parse_report(page).report
    for field in ("year", "title", "preamble", "sections", "closing", "format_version"):
        assert getattr(parsed, field) == getattr(report, field), field
    assert parsed.agency.name == report.agency.name
    for field in ("applications", "reviews", "proactive", "statistics"):
        assert getattr(parsed, field, None) == getattr(report, field, None), field


def test_render_text_round_trip_gives_back_the_tables() -> None:
    """Rendered text carries no metadata; its tables come back where no cell is blank.

    A blank cell renders as spaces in a text table, so Shanghai's blank 总计 cells cannot be
    placed (those rows are diagnosed, never guessed); its table 2 has no blank cell.
    """
    huaian = load("huaian-city-2024")
    parsed = parse_report(render(huaian, "text"))
    for field in ("title", "year", "format_version", "preamble", "sections", "closing",
                  "applications", "reviews", "proactive", "processing_fee"):  # fmt: skip
        assert getattr(parsed.report, field) == getattr(huaian, field), field
    assert parsed.confident
    sichuan = load("sichuan-hrss-2013")
    report = parse_report(render(sichuan, "text")).report
    assert isinstance(report, AnnualReport2008)
    assert isinstance(sichuan, AnnualReport2008)
    assert report.statistics == sichuan.statistics
    assert report.statistics_title == sichuan.statistics_title
    shanghai = load("shanghai-gov-office-2019")
    result = parse_report(render(shanghai, "text"))
    assert isinstance(result.report, AnnualReport2019)
    assert isinstance(shanghai, AnnualReport2019)
    assert result.report.proactive == shanghai.proactive
    assert result.report.sections == shanghai.sections
    assert result.of_kind(DiagnosticKind.CELL_COUNT)
    assert result.report.applications != shanghai.applications


# --- sources --------------------------------------------------------------------------------


def test_decoding_and_detection() -> None:
    page = '<html><head><meta charset="gbk"></head><body><p>总计</p></body></html>'
    assert decode(page.encode("gb18030")) == page
    assert decode(codecs.BOM_UTF16_LE + "总计".encode("utf-16-le")) == "总计"
    assert decode("总计".encode("gb18030")) == "总计"
    assert decode(b'<meta charset="nonsense">\xe6\x80\xbb') == '<meta charset="nonsense">总'
    assert decode(b"\xfe\xfd\x81") == "\ufffd\ufffd\ufffd"  # fits no encoding: replaced
    with pytest.raises(ParseError, match=r"expected str, bytes or pathlib\.Path"):
        load_source(3)  # type: ignore[arg-type]
    with pytest.raises(ParseError, match="cannot read"):
        parse_report(Path("/nonexistent/report.html"))


def test_html_chrome_layout_tables_word_markup() -> None:
    page = """<html><body>
    <div class="breadcrumb">首页 &gt; 政务公开</div>
    <table><tr><td><table>
      <tr><td><p class=MsoNormal><span lang=EN-US>某县人民政府2022年政府信息公开工作年度报告
      <o:p></o:p></span></p></td></tr>
    </table></td></tr>
    <tr><td><p>一、总体情况</p><p>全年公开信息\uff11\uff12\uff10\uff10条。</p>
    <p>四、政府信息公开行政复议、行政诉讼情况</p>
    <table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
    <tr><td>0</td><td>&nbsp;</td><td>0</td><td>0</td><td>0</td>
        <td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
    </table></td></tr></table>
    <div class="share">分享到：微信 微博</div><p>上一篇：无</p><script>var x = 1;</script>
    </body></html>"""
    result = parse_report(page)
    report = result.report
    assert isinstance(report, AnnualReport2021)
    assert report.agency.name == "某县人民政府"
    assert report.reviews is not None
    assert report.reviews.reconsideration.corrected is None  # &nbsp; stays blank
    assert report.reviews.litigation_direct.total == 1
    assert report.figures[0].quantity.value == 1200
    assert [s.heading for s in report.sections] == [
        "一、总体情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    assert all("分享" not in p and "上一篇" not in p for s in report.sections for p in s.paragraphs)
    assert {d.kind for d in result.problems} == {DiagnosticKind.MISSING}


def test_text_full_width_digits_footers_and_wrapped_rows() -> None:
    text = """某市人民政府2023年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 \uff13 0 0 0 0 0 \uff13
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
- 4 -
（二）部分公开（区分处理的，只计这一情
形，不计其他情形） 1 0 0 0 0 0 1
四、政府信息公开行政复议、行政诉讼情况
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
五、存在的主要问题及改进情况
无。"""
    result = parse_report(text)
    report = result.report
    assert isinstance(report, AnnualReport2021)
    assert report.applications is not None
    assert report.applications.row(ApplicationRow.NEW).total == 3
    assert report.applications.row(ApplicationRow.PARTIALLY_GRANTED).natural_person == 1
    missing = {d.path for d in result.of_kind(DiagnosticKind.MISSING)}
    assert "$.applications.granted" in missing
    assert "$.proactive" in missing
    origin = result.origin("$.applications.partially-granted.total")
    assert origin is not None
    assert origin.line == 7


def test_bad_cells_and_unrecognised_rows_are_diagnosed() -> None:
    page = """<h1>某县人民政府2021年政府信息公开工作年度报告</h1><table>
    <tr><td>一、本年新收政府信息公开申请数量</td><td>约3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>
    <tr><td>二、上年结转政府信息公开申请数量</td><td>1</td><td>2</td></tr>
    <tr><td>五、神秘的行</td><td>4</td></tr>
    </table>"""
    result = parse_report(page)
    kinds = {d.kind for d in result.problems}
    assert {DiagnosticKind.INVALID_CELL, DiagnosticKind.CELL_COUNT,
            DiagnosticKind.UNRECOGNISED} <= kinds  # fmt: skip
    assert "神秘的行" in " ".join(d.message for d in result.problems)
    assert not result.confident
    assert "problems" in result.summary()


def test_parse_result_api() -> None:
    result = parse_report(REPORTS / "huaian-city-2024.pypdf.txt")
    assert isinstance(result, ParseResult)
    assert result.summary().startswith("淮安市人民政府 2024 format 2021 (text): tables 2/3/4;")
    assert result.origin("$.nowhere") is None
    assert not result.of_kind(DiagnosticKind.CELL_SOURCE)  # provenance is not a diagnostic
    form = form_of(result.report)
    cell = form.cell(ReportPart.APPLICATIONS, "new", "total")
    assert result.origin(cell) == result.origins[cell.path] is not None
    status = result.tables[ReportPart.APPLICATIONS]
    assert status.found and status.cells == 175 and status.read + status.placed == 175
    assert result.complete and result.summary().endswith("; complete")
    fees = [f for f in result.report.figures if f.quantity.unit == "元"]
    assert fees[0].quantity.value == 3940
    approx = [f for f in result.report.figures if f.quantity.qualifier is Qualifier.MORE_THAN]
    assert approx[0].quantity.value == 5500


# --- hostile input ----------------------------------------------------------------------------


def _counted(source: str | bytes) -> tuple[int, ParseResult | None]:
    """Parse, counting the function calls it makes (Python and C): work, not wall-clock time."""
    calls = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profile)
    try:
        result: ParseResult | None = parse_report(source)
    except ParseError:
        result = None
    finally:
        sys.setprofile(None)
    return calls, result


def _bounded(source: str | bytes, per_character: int = 10) -> ParseResult | None:
    """Parse hostile input: the work stays within a few calls per character of the input."""
    calls, result = _counted(source)
    assert calls <= per_character * len(source) + 100_000, f"{calls} calls for {len(source)}"
    return result


@given(st.binary(max_size=2000))
def test_random_bytes_never_raise_another_exception(data: bytes) -> None:
    _bounded(data, 5)


_PIECES = st.sampled_from(
    ["<table>", "<tr>", "<td rowspan='99999'>", "</td>", "<p>", "一、总体情况", "（一）",
     "某市人民政府2024年政府信息公开工作年度报告", "本年新收政府信息公开申请数量", "713000074",
     "7" * 80, " ", "\n", "\u3000", "- 3 -", "\uff13", "四、政府信息公开行政复议", "五、", "&nbsp;",
     "指标名称 计量单位", "条", "0", "结转下年度继续办理", "统计表", "近", "余条", "<br>"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=60).map("".join))
def test_report_like_garbage_never_raises_another_exception(text: str) -> None:
    _bounded(text, 5)


TITLE = "某市人民政府2024年政府信息公开工作年度报告"
SLOW = os.environ.get("GOVDISCLOSURE_SLOW_TESTS") == "1"


def _page(paragraphs: int) -> str:
    return f"<html><body><h1>{TITLE}</h1>{'<p>全年公开信息10条。</p>' * paragraphs}</body></html>"


def _work(source: str) -> int:
    calls, result = _counted(source)
    assert result is not None
    assert len(result.report.figures) == 2000  # capped, with a diagnostic
    return calls


def test_large_pages_take_linear_work() -> None:
    """The work grows linearly with the page: 4x the page makes well under 16x the calls."""
    small, large = _page(15_000), _page(60_000)
    assert len(large.encode()) > 1_900_000  # a 2 MB page
    ratio = _work(large) / _work(small)
    assert ratio < 6, f"2 MB took {ratio:.1f}x the work of 0.5 MB (linear would be about 4x)"


@pytest.mark.skipif(not SLOW, reason="a 20 MB page; set GOVDISCLOSURE_SLOW_TESTS=1 to run it")
def test_a_20_mb_page_is_bounded() -> None:  # pragma: no cover - run on demand
    huge = _page(600_000)
    assert len(huge.encode()) > 19_000_000
    result = _bounded(huge, 60)
    assert result is not None


def test_hostile_inputs_are_bounded() -> None:
    # libxml2 stops nesting at depth 256 (and drops what is deeper): an error, not a crash.
    deep = "<div>" * 10_000 + TITLE + "</div>" * 10_000
    _bounded(deep)
    digits = (
        TITLE
        + "\n三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量 "
        + "1" * 5000
        + " 上年结转政府信息公开申请数量 "
        + "2" * 300
        + " （一）予以公开 "
        + "12" * 40
    )
    result = _bounded(digits)
    assert result is not None
    assert result.of_kind(DiagnosticKind.AMBIGUOUS) or result.of_kind(DiagnosticKind.CELL_COUNT)
    _bounded(TITLE + " \u3000\n\t" * 200_000)
    _bounded("<td colspan='99999999' rowspan='99999999'>" * 50)
    with pytest.raises(ParseError):
        parse_report("")
    with pytest.raises(ParseError):
        parse_report("<html></html>")


def test_html_reader_keeps_spans_and_blank_cells() -> None:
    page = read_html("<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr><tr><td>c</td>"
                     "<td>&nbsp;</td></tr></table>")  # fmt: skip
    (table,) = page.blocks
    assert [(c.text, c.row, c.column) for c in table.cells] == [  # type: ignore[union-attr]
        ("a", 0, 0),
        ("b", 0, 1),
        ("c", 1, 1),
        ("", 1, 2),
    ]


def test_text_reader_column_major_extraction() -> None:
    text = """二、主动公开政府信息情况
第二十条 第（一）项
信息内容
规章
行政规范性文件
第二十条 第（五）项
行政许可
本年制发件数
1
8
0
26
11
66
447228
三、收到和处理政府信息公开申请情况"""
    (_, table, _) = read_text(text).blocks
    rows: dict[int, list[str]] = {}
    for cell in table.cells:  # type: ignore[union-attr]
        rows.setdefault(cell.row, []).append(cell.text)
    assert rows == {0: ["规章", "1", "0", "11"], 1: ["行政规范性文件", "8", "26", "66"],
                    2: ["行政许可", "447228"]}  # fmt: skip


# --- encodings ----------------------------------------------------------------------------------

_GBK_PAGE = """<html><head><meta charset=gbk><title>年报</title></head><body>
<h1>某县人民政府2021年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>全年主动公开信息１０００余条，收取信息处理费0元。</p>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td>
<td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>
</body></html>"""


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda page: page.encode("gb18030"), id="gb18030-meta-gbk"),
        pytest.param(
            lambda page: page.replace("charset=gbk", "charset=gb2312").encode("gb18030"),
            id="gb18030-meta-gb2312",
        ),
        pytest.param(
            lambda page: page.replace("<meta charset=gbk>", "").encode("gb18030"),
            id="gb18030-undeclared",
        ),
        pytest.param(
            lambda page: codecs.BOM_UTF8 + page.replace("charset=gbk", "charset=utf-8").encode(),
            id="utf-8-bom",
        ),
        pytest.param(lambda page: page.encode("utf-16"), id="utf-16-bom"),
        pytest.param(lambda page: codecs.BOM_UTF16_BE + page.encode("utf-16-be"), id="utf-16-be"),
    ],
)
def test_whole_pages_in_every_encoding(encode: Any) -> None:
    expected = parse_report(_GBK_PAGE).report
    data = encode(_GBK_PAGE)
    assert isinstance(data, bytes)
    result = parse_report(data)
    assert result.source_format == "html"
    report = result.report
    assert report == expected
    assert report.agency.name == "某县人民政府"
    assert report.figures[0].quantity.value == 1000  # full-width digits read
    assert report.processing_fee is not None
    assert isinstance(report, AnnualReport2021)
    assert report.reviews is not None
    assert report.reviews.reconsideration.total == 1


def test_a_page_declaring_utf8_but_written_in_gbk_is_read_by_its_bytes() -> None:
    page = _GBK_PAGE.replace("charset=gbk", "charset=utf-8")
    assert parse_report(page.encode("gbk")).report == parse_report(_GBK_PAGE).report
    # Bytes that fit nothing keep the declared encoding, with replacement characters.
    garbled = decode(b'<meta charset="utf-8">\xff\xfe\x80')
    assert garbled == '<meta charset="utf-8">\ufffd\ufffd\ufffd'


def test_a_wrong_declared_charset_still_reads_utf8() -> None:
    page = _GBK_PAGE.replace("charset=gbk", "charset=latin-1x")
    assert parse_report(page.encode()).report == parse_report(_GBK_PAGE).report
