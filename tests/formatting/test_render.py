"""Rendering reports in the national layout: golden files, HTML validity, blank versus zero."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from govdisclosure import examples
from govdisclosure.formatting.render import _group_line, _md, display_width, render, render_deadline
from govdisclosure.model import (
    Agency,
    AnnualReport2008,
    AnnualReport2019,
    AnnualReport2021,
    ApplicationRow,
    ApplicationTable,
    FormatVersion,
    ReviewCounts,
    ReviewTable,
    Section,
)
from govdisclosure.model.quantity import Money, Qualifier, Quantity
from govdisclosure.model.report import Figure, LegacyIndicator
from govdisclosure.model.tables import (
    DocumentCounts,
    ItemCounts2019,
    ProactiveTable2019,
    ProactiveTable2021,
    Procurement2019,
)
from govdisclosure.rules import explain_deadline

if TYPE_CHECKING:
    from govdisclosure.formatting.render import RenderFormat

SNAPSHOTS = Path(__file__).resolve().parents[1] / "snapshots"
UPDATE = os.environ.get("GOVDISCLOSURE_UPDATE_SNAPSHOTS") == "1"
FORMATS: tuple[RenderFormat, ...] = ("text", "markdown", "html")
SUFFIX = {"text": "txt", "markdown": "md", "html": "html"}
AGENCY = Agency(name="某县人民政府")


# A standalone page inlines formatting/data/report.css; its golden file holds this line in its
# place, so the stylesheet has one home and a change to it does not rewrite every golden page.
STYLESHEET_PLACEHOLDER = "/* formatting/data/report.css, inlined here by render */\n"


def _without_stylesheet(name: str, actual: str) -> str:
    """The page with its inlined stylesheet (there exactly once) replaced by the placeholder."""
    if not name.endswith(".html"):
        return actual
    from govdisclosure.formatting import stylesheet

    inlined = f"<style>\n{stylesheet()}</style>"
    assert actual.count(inlined) == 1, f"{name} does not inline report.css exactly once"
    return actual.replace(inlined, f"<style>\n{STYLESHEET_PLACEHOLDER}</style>")


def check_snapshot(name: str, actual: str) -> None:
    """Compare with the golden file; rewrite it when GOVDISCLOSURE_UPDATE_SNAPSHOTS=1."""
    path = SNAPSHOTS / name
    actual = _without_stylesheet(name, actual)
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"missing snapshot {name}; run with GOVDISCLOSURE_UPDATE_SNAPSHOTS=1"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its snapshot"


# --- HTML checks ----------------------------------------------------------------------------------


class _Tables(HTMLParser):
    """Collects each table's rows as lists of (colspan, rowspan), and checks tags balance."""

    VOID = frozenset({"meta", "br", "hr", "img", "link", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tables: list[list[list[tuple[int, int]]]] = []
        self.classes: list[str] = []
        self.styles = 0
        self.style_elements = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "style" in values:
            self.styles += 1
        if tag == "style":
            self.style_elements += 1
        if values.get("class"):
            self.classes.extend((values["class"] or "").split())
        if tag not in self.VOID:
            self.stack.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            span = (int(values.get("colspan") or 1), int(values.get("rowspan") or 1))
            self.tables[-1][-1].append(span)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"unexpected </{tag}>"
        assert self.stack.pop() == tag, f"</{tag}> closes the wrong element"


def _widths(rows: list[list[tuple[int, int]]]) -> list[int]:
    """Each row's width, counting cells that a rowspan above carries into it."""
    carried: dict[int, int] = {}  # row index -> columns taken by rowspans from above
    widths = []
    for index, row in enumerate(rows):
        width = carried.get(index, 0) + sum(colspan for colspan, _ in row)
        for colspan, rowspan in row:
            for below in range(index + 1, index + rowspan):
                carried[below] = carried.get(below, 0) + colspan
        widths.append(width)
    return widths


def test_fragment_mode_embeds_without_a_document_or_stylesheet() -> None:
    from govdisclosure.formatting import stylesheet

    fragment = render(examples.load("huaian-city-2024"), "html", standalone=False)
    assert fragment.startswith('<article class="gd-report" lang="zh-CN">')
    assert "<style>" not in fragment
    assert "<html" not in fragment
    assert '<table class="gd-table gd-table-3">' in fragment
    css = stylesheet()
    assert "@media print" in css
    assert "text-align: right" in css


def check_html(page: str) -> _Tables:
    try:
        import html5lib  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - html5lib is optional
        pass
    else:
        parser = html5lib.HTMLParser(strict=True)
        parser.parse(page)
        assert not parser.errors
    tables = _Tables()
    tables.feed(page)
    tables.close()
    assert tables.stack == []
    assert tables.styles == 0  # no inline style attributes: the one stylesheet styles the page
    assert tables.style_elements == 1
    assert page.startswith('<!DOCTYPE html>\n<html lang="')
    assert '<meta charset="utf-8">' in page
    for rows in tables.tables:
        widths = _widths(rows)
        assert len(set(widths)) == 1, widths
    return tables


# --- Golden files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", examples.names())
def test_snapshot(name: str, fmt: RenderFormat) -> None:
    page = render(examples.load(name), fmt)
    check_snapshot(f"{name}.{SUFFIX[fmt]}", page)
    if fmt == "html":
        check_html(page)


def test_snapshot_english() -> None:
    page = render(examples.load("huaian-city-2024"), "html", lang="en")
    check_snapshot("huaian-city-2024.en.html", page)
    check_html(page)
    assert '<html lang="en">' in page
    assert '<th rowspan="2">natural person</th>' in page
    assert "3119" in page


def test_table_widths() -> None:
    tables = check_html(render(examples.load("shanghai-gov-office-2019"), "html"))
    widths = [_widths(rows)[0] for rows in tables.tables]
    assert widths == [5, 10, 15]
    tables = check_html(render(examples.load("huaian-city-2024"), "html"))
    assert [_widths(rows)[0] for rows in tables.tables] == [4, 10, 15]


def test_html_merged_cells_2021() -> None:
    page = render(examples.load("huaian-city-2024"), "html")
    assert '<th class="gd-note" colspan="3" rowspan="3">（本列数据的勾稽关系为' in page
    assert '<th colspan="7">申请人情况</th>' in page
    assert '<th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th>' in page
    assert '<th rowspan="22">三、本年度办理结果</th>' in page
    assert '<th rowspan="8">（三）不予公开</th>' in page
    assert '<th rowspan="3">（六）其他处理</th>' in page
    assert '<th colspan="5">行政复议</th><th colspan="10">行政诉讼</th>' in page
    assert '<td class="gd-col-amount" colspan="3">96171.6</td>' in page
    for label in ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额（单位：万元）"):
        assert label in page
    assert '<table class="gd-table gd-table-3">' in page


def test_html_2019_labels() -> None:
    page = render(examples.load("shanghai-gov-office-2019"), "html")
    assert '<th rowspan="20">三、本年度办理结果</th>' in page
    assert '<th scope="row" colspan="2">（六）其他处理</th>' in page
    for label in ("本年新制作数量", "第二十条第（九）项", "政府集中采购", "251000元"):
        assert label in page
    assert "本年制发件数" not in page


# --- Blank versus zero ---------------------------------------------------------------------


def _blank_and_zero() -> AnnualReport2021:
    grid = [[0, None, 0, None, 0, None, 0]] * 25
    return AnnualReport2021(
        agency=AGENCY,
        year=2024,
        proactive=ProactiveTable2021(regulations=DocumentCounts(issued=0), licensing=None),
        applications=ApplicationTable.from_grid(FormatVersion.NATIONAL_2021, grid),
        reviews=ReviewTable(reconsideration=ReviewCounts(maintained=0)),
    )


def test_blank_is_not_zero_html() -> None:
    page = render(_blank_and_zero(), "html")
    check_html(page)
    assert '<td class="gd-col-natural-person">0</td>' in page
    assert '<td class="gd-col-commercial-enterprise"></td>' in page
    assert '<td class="gd-col-issued">0</td><td class="gd-col-repealed"></td>' in page
    assert '<td class="gd-col-reconsideration-maintained">0</td>' in page
    assert '<td class="gd-col-reconsideration-corrected"></td>' in page


def test_blank_is_not_zero_markdown_and_text() -> None:
    report = _blank_and_zero()
    assert "| 一、本年新收政府信息公开申请数量 | 0 |  | 0 |  | 0 |  | 0 |" in render(
        report, "markdown"
    )
    text = render(report, "text")
    line = next(x for x in text.splitlines() if x.startswith("一、本年新收"))
    assert line.split()[1:] == ["0", "0", "0", "0"]


# --- Placement of tables and headings -----------------------------------------------------------


def test_skeleton_without_narrative() -> None:
    text = render(AnnualReport2019(agency=AGENCY, year=2019), "text")
    headings = [line for line in text.splitlines() if line.endswith(("情况", "事项"))]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert text.startswith("某县人民政府2019年政府信息公开工作年度报告\n")


def test_tables_follow_their_sections_or_go_to_the_end() -> None:
    report = AnnualReport2019(
        agency=AGENCY,
        year=2019,
        title="年报",
        sections=(
            Section(heading="一、概述", paragraphs=("正文。",)),
            Section(heading="三、依申请公开", paragraphs=("申请。",)),
            Section(
                heading="七、其他",
            ),
        ),
        proactive=ProactiveTable2019(
            licensing=ItemCounts2019(change=-3),
            procurement=Procurement2019(projects=6, total_amount=Money(Decimal("251000"))),
        ),
        applications=ApplicationTable.blank(FormatVersion.TRIAL_2019),
        reviews=ReviewTable(),
        closing=("某县人民政府办公室", "2020年1月20日"),
    )
    text = render(report, "text")
    order = [
        text.index(s)
        for s in (
            "三、依申请公开",
            "申请。",
            "（本列数据",
            "七、其他",
            "二、主动公开",
            "本年新制作数量",
            "四、政府信息公开行政复议",
            "结果维持",
            "2020年1月20日",
        )
    ]
    assert order == sorted(order)
    assert "-3" in text
    assert "251000元" in text
    md = render(report, "markdown", locale="en", lang="en")
    assert "251,000 yuan" in md
    assert "## 2. Proactive disclosure of government information" in md


def test_english_labels_and_locale() -> None:
    report = examples.load("huaian-city-2024")
    md = render(report, "markdown", lang="en", locale="en")
    assert "| III. outcomes this year·(3) withheld·1. state secret |" in md
    assert "| III. outcomes this year·(1) granted |" in md
    assert "| III. outcomes this year·(7) total handled |" in md
    assert "447,228" in md
    assert "legal persons or other organisations·commercial enterprise" in md
    # the narrative is a quotation: it stays as printed
    assert "## 一、总体情况" in md
    zh = render(report, "markdown", locale="en")
    assert "447,228" in zh
    assert "本年制发件数" in zh
    shanghai = render(examples.load("shanghai-gov-office-2019"), "markdown", lang="en")
    assert "| III. outcomes this year·(6) otherwise handled |" in shanghai


def test_2008_statistics_and_figures() -> None:
    report = AnnualReport2008(
        agency=AGENCY,
        year=2010,
        sections=(Section(heading="一、概述", paragraphs=("- 不是列表 | 也不是表格",)),),
        figures=(
            Figure(
                label="主动公开信息",
                quantity=Quantity(10000, "条", Qualifier.MORE_THAN),
                parts=(Figure(label="其中文件", quantity=Quantity(27, "件")),),
            ),
        ),
        statistics=(
            LegacyIndicator(indicator="主动公开信息数", unit="条", this_year=72804, cumulative=0),
            LegacyIndicator(indicator="行政复议数", this_year=Decimal("1.5")),
        ),
    )
    text = render(report, "text")
    assert "- 主动公开信息：10000余条\n  - 其中文件：27件" in text
    assert "统计表" in text
    assert "主动公开信息数  条         72804         0" in text
    md = render(report, "markdown")
    assert "\\- 不是列表 \\| 也不是表格" in md
    assert "| 行政复议数 |  | 1.5 |  |" in md
    assert "  - 其中文件：27件" in md
    page = render(report, "html", lang="en")
    check_html(page)
    assert '<table class="gd-table gd-table-statistics">' in page
    assert '<td class="gd-col-this_year">72804</td><td class="gd-col-cumulative">0</td>' in page
    assert '<td class="gd-col-unit"></td><td class="gd-col-this_year">1.5</td>' in page
    assert "<h2>Figures quoted in the report</h2>" in page
    assert "- 不是列表 | 也不是表格" in page
    titled = render(
        AnnualReport2008(
            agency=AGENCY,
            year=2010,
            statistics_title="政府信息公开情况统计报表",
            statistics=(LegacyIndicator(indicator="申请总数"),),
        ),
        "text",
        lang="en",
    )
    assert "政府信息公开情况统计报表" in titled
    assert titled.startswith(
        "某县人民政府: annual report on government information disclosure, 2010"
    )


def test_escaping() -> None:
    report = AnnualReport2021(
        agency=Agency(name="<机关> & 办公室"),
        year=2024,
        preamble=("1.第一段 <b>粗体</b> & *星号*",),
        sections=(Section(heading="一、概况", subsections=(Section(heading="（一）x"),)),),
    )
    page = render(report, "html")
    check_html(page)
    assert "&lt;b&gt;粗体&lt;/b&gt; &amp; *星号*" in page
    assert "<title>&lt;机关&gt; &amp; 办公室2024年政府信息公开工作年度报告</title>" in page
    assert "<h3>（一）x</h3>" in page
    md = render(report, "markdown")
    assert "1\\.第一段 \\<b\\>粗体\\</b\\> & \\*星号\\*" in md
    assert "### （一）x" in md


def test_md_escape() -> None:
    assert _md("12) 项") == "12\\) 项"
    assert _md("2024年") == "2024年"
    assert _md("+1") == "\\+1"
    assert _md("1.5", block=False) == "1.5"


def test_group_line_widens() -> None:
    widths = [2, 2]
    assert _group_line(["很长的分组名称", "很长的分组名称"], widths) == "很长的分组名称"
    assert widths == [2, 10]
    assert _group_line(["", "x"], [3, 1]) == "     x"


def test_display_width() -> None:
    assert display_width("三、ab") == 6
    assert display_width("e\u0301") == 1
    assert display_width("·") == 1


def test_unknown_format() -> None:
    report = examples.load("sichuan-hrss-2013")
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render(report, "pdf")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown format"):
        render_deadline(explain_deadline(date(2025, 1, 24)), "rtf")  # type: ignore[arg-type]


def test_render_deadline() -> None:
    due = explain_deadline(date(2025, 1, 24))
    text = render_deadline(due)
    assert text.splitlines()[0].startswith("1. 适用《中华人民共和国政府信息公开条例》")
    assert text.splitlines()[-1] == "5. 期限届满日：2025-02-27，共20个工作日。"
    md = render_deadline(due, "markdown", lang="en")
    assert md.splitlines()[-1] == "5. Due on 2025-02-27: 20 working days."
    assert "make-up working days (调休)" in md
    page = render_deadline(due, "html")
    assert page.startswith('<ol class="gd-deadline">\n<li>适用《')
    assert page.count("<li>") == 5


def test_table2_blocks_of_each_version_are_rendered() -> None:
    for name, blocks in (("shanghai-gov-office-2019", 5), ("huaian-city-2024", 4)):
        page = render(examples.load(name), "html")
        assert page.count('<tr class="gd-block">') == blocks


def test_table3_rows_in_html() -> None:
    page = render(_blank_and_zero(), "html")
    for row in FormatVersion.NATIONAL_2021.application_rows:
        assert f'<tr class="gd-row-{row.code}">' in page
    assert ApplicationRow.OTHER.code not in {
        r.code for r in FormatVersion.NATIONAL_2021.application_rows
    }


def test_html_meta_carries_what_the_layout_cannot_show() -> None:
    import json
    from html.parser import HTMLParser as _Parser

    from govdisclosure.model import ChannelKind, DisclosureChannel
    from govdisclosure.serialize import from_dict
    from govdisclosure.serialize.meta import META_NAME

    quote = 'it\'s <b>&amp; "quoted"</b>'
    report = AnnualReport2008(
        agency=Agency(name="某县人民政府"),
        year=2013,
        published_on=date(2014, 1, 10),
        url="https://example.gov.cn/a?b=1&c='2'",
        figures=(Figure(label=quote, quantity=Quantity(3, "件"), quote=quote),),
        channels=(DisclosureChannel(kind=ChannelKind.PORTAL, name="门户网站'</head>"),),
        processing_fee=Money(Decimal("0")),
    )
    page = render(report, "html")
    check_html(page)
    found: list[str | None] = []

    class Meta(_Parser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)
            if tag == "meta" and values.get("name") == META_NAME:
                found.append(values.get("content"))

    Meta().feed(page)
    (content,) = found
    assert content is not None
    data = json.loads(content)
    assert data["published_on"] == "2014-01-10"
    assert data["url"] == report.url
    assert data["format_version"] == "2008"
    assert from_dict(data["agency"], Agency) == report.agency
    assert from_dict(data["figures"][0], Figure) == report.figures[0]
    assert from_dict(data["channels"][0], DisclosureChannel) == report.channels[0]
    assert from_dict(data["processing_fee"], Money) == report.processing_fee
    assert "</head>" not in page.split("<body>")[0].split("<meta name")[1].split(">", 1)[0]
    # Text and Markdown carry no metadata.
    assert META_NAME not in render(report, "text") + render(report, "markdown")


def test_render_pdf_says_what_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govdisclosure.formatting import BrowserError, pdf, render_pdf

    report = examples.load("huaian-city-2024")
    monkeypatch.setattr(pdf, "find_browser", lambda: None)
    with pytest.raises(BrowserError, match="no Chromium browser found"):
        render_pdf(report, tmp_path / "a.pdf")
    with pytest.raises(BrowserError, match="could not print"):
        render_pdf(report, tmp_path / "a.pdf", browser="/bin/false")
    with pytest.raises(BrowserError, match="wrote no PDF"):
        render_pdf(report, tmp_path / "a.pdf", browser="/bin/true")
    with pytest.raises(BrowserError, match="could not print"):
        render_pdf(report, tmp_path / "a.pdf", browser=str(tmp_path / "no-such-browser"))


def test_find_browser_looks_on_the_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from govdisclosure.formatting import find_browser

    monkeypatch.setattr("shutil.which", lambda name: None)
    assert find_browser() is None

    def which(name: str) -> str | None:
        return f"/opt/{name}" if "chrome" in name else None

    monkeypatch.setattr("shutil.which", which)
    assert find_browser() == "/opt/google-chrome"
