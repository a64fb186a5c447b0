"""The HTML and text readers on small hand-made inputs: odd markup, run-on lines, statistics."""

from __future__ import annotations

import pytest

from govdisclosure.errors import ParseError
from govdisclosure.model.report import AnnualReport2008, AnnualReport2021
from govdisclosure.parse import TableBlock, TextBlock, parse_report
from govdisclosure.parse._figures import extract_figures
from govdisclosure.parse._html import read_html
from govdisclosure.parse._text import read_text

TITLE = "某县人民政府2021年政府信息公开工作年度报告"


# --- HTML ----------------------------------------------------------------------------------------


def _only_table(html: str) -> TableBlock:
    """The one block of the page ``html``, which must be a table."""
    (table,) = read_html(html).blocks
    assert isinstance(table, TableBlock)
    return table


def test_html_spans_that_are_empty_or_not_numbers_and_stray_elements_in_rows() -> None:
    table = _only_table(
        "<table><tr><td rowspan=''>a</td><span>stray</span><td colspan='x2'>b</td>"
        "<td colspan=' 3 '>c</td></tr><tr><td>d</td><td>e</td></tr></table>"
    )
    assert [(c.text, c.row, c.column, c.row_span, c.column_span) for c in table.cells] == [
        ("a", 0, 0, 1, 1),
        ("b", 0, 1, 1, 1),
        ("c", 0, 2, 1, 3),
        ("d", 1, 0, 1, 1),
        ("e", 1, 1, 1, 1),
    ]
    assert table.cells[1].origin.path == "table[1]/tr[1]/td[2]"  # the stray span is not a cell


def test_html_rowspans_carry_into_the_rows_below() -> None:
    table = _only_table(
        "<table><tr><th rowspan='3'>a</th><td>1</td><td rowspan='2'>2</td></tr>"
        "<tr><td>3</td></tr><tr><td>4</td><td>5</td></tr></table>"
    )
    assert [(c.text, c.row, c.column) for c in table.cells] == [
        ("a", 0, 0), ("1", 0, 1), ("2", 0, 2), ("3", 1, 1), ("4", 2, 1), ("5", 2, 2),
    ]  # fmt: skip
    assert table.shape == (3, 3)


def test_html_pages_that_hold_nothing() -> None:
    with pytest.raises(ParseError, match="the page is empty"):
        read_html(" \n ")
    with pytest.raises(ParseError, match="the document is empty"):
        read_html("<!-- only a comment -->")


def test_html_xml_declaration_title_and_text_around_tags() -> None:
    page = read_html(
        '<?xml version="1.0" encoding="utf-8"?>\n<html><head><title> 年报 \n 2021 </title></head>'
        f"<body><h1></h1><h1>{TITLE}</h1>前言<b>加粗</b>之后<br>换行<div>块</div>尾</body></html>"
    )
    assert page.page_title == "年报 2021"
    assert page.title == TITLE  # the first <h1> is empty: the next one is the title
    texts = [b.text for b in page.blocks if isinstance(b, TextBlock)]
    assert texts == ["前言加粗之后", "换行", "块", "尾"]


def test_html_figure_list_without_its_heading_is_dropped() -> None:
    page = read_html("<p>一、总体情况</p><ul class='gd-figures'><li>公开：3条</li></ul><p>无。</p>")
    assert [b.text for b in page.blocks if isinstance(b, TextBlock)] == ["一、总体情况", "无。"]
    page = read_html("<p>文中数据</p><ul class='gd-figures'><li>公开：3条</li></ul>")
    assert page.blocks == ()


# --- text ----------------------------------------------------------------------------------------


def test_text_table4_digits_glued_into_one_run() -> None:
    text = f"""{TITLE}
四、政府信息公开行政复议、行政诉讼情况
011021000100000
五、存在的主要问题及改进情况
无。"""
    source = read_text(text)
    (table,) = [b for b in source.blocks if isinstance(b, TableBlock)]
    assert [(c.text, c.column_span) for c in table.cells] == [
        ("行政复议", 1),
        ("011021000100000", 15),
    ]
    report = parse_report(text).report
    assert isinstance(report, AnnualReport2021)
    assert report.reviews is not None
    assert report.reviews.litigation_direct.total == 1


def test_text_run_on_line_split_at_headings_and_sentences() -> None:
    body = "全年公开信息10条。" * 8
    line = (
        f"{TITLE} 一、 总体情况 {body} 二、这是一个非常长的小标题它超过了四十个字符的限制"
        f"因此不能当作标题来处理而是当作正文段落来看待的 {body} 三、 结语"
    )
    blocks = [b.text for b in read_text(line).blocks if isinstance(b, TextBlock)]
    assert "一、 总体情况" in blocks
    assert any(b.startswith("二、这是一个非常长的小标题") for b in blocks)
    assert blocks[-1] == "三、 结语"  # the number stood apart from its heading


def test_text_wrapped_lines_join_english_words_with_a_space() -> None:
    lines = [TITLE, "一、总体情况"]
    lines += ["本机关在政府网站 www.example.gov.cn 公开了信息并且运行良好的系统名为Open"] * 3
    lines += ["Data平台继续建设中相关工作稳步推进并且取得良好效果各项工作都在按计划进行"] * 3
    report = parse_report("\n".join(lines)).report
    paragraph = report.sections[0].paragraphs[0]
    assert "Open Data" in paragraph


def test_text_statistics_without_title_and_with_long_or_numeric_names() -> None:
    text = """某县人民政府2013年政府信息公开工作年度报告
一、概述
全年公开信息10条。
指标名称 计量单位 本年度 历年累计
主动 公开 信息 数 条 12 34
一 二 三 四 五 条 1 2
"""
    source = read_text(text)
    tables = [b for b in source.blocks if isinstance(b, TableBlock)]
    assert len(tables) == 1
    report = parse_report(text).report
    assert isinstance(report, AnnualReport2008)
    assert report.statistics_title is None
    assert [s.indicator for s in report.statistics] == ["主动 公开 信息 数"]
    numeric = text.replace("一 二 三 四 五", "2 主动")
    assert len(parse_report(numeric).report.statistics) == 1  # type: ignore[attr-defined]


def test_text_title_without_the_publisher_after_it() -> None:
    text = f"""标题：{TITLE}
=== 正文 ===
{TITLE} 前言在此。
一、总体情况
无。"""
    report = parse_report(text).report
    assert report.preamble == ("前言在此。",)


# --- figures -------------------------------------------------------------------------------------


def test_figure_label_drops_a_trailing_enumeration_comma() -> None:
    (figure,) = extract_figures("公开文件、3件。", None)
    assert figure.label == "公开文件"


def _wrap(paragraph: str, width: int = 24, indent: int = 2) -> list[str]:
    """A paragraph printed in lines of ``width`` characters, its first line indented."""
    first = width - indent
    return [paragraph[:first]] + [
        paragraph[i : i + width] for i in range(first, len(paragraph), width)
    ]


def test_text_paragraph_ending_flush_with_the_margin_before_an_indented_line() -> None:
    one = "本年度政府信息公开工作围绕中心服务大局，持续深化公开内容，提升公开质量，" * 2
    one = one[: 22 + 24 * 2 - 1] + "。"  # ends flush with the margin
    two = "下一步我市将着力加强政策解读质效，重点提升解读的针对性和通俗化，" * 2 + "全面提升水平。"
    lines = [TITLE, "一、总体情况", *_wrap(one), *_wrap(two)]
    assert len(lines[4]) == 24
    assert lines[4].endswith("。")
    assert len(lines[5]) == 22
    report = parse_report("\n".join(lines)).report
    assert report.sections[0].paragraphs == (one, two)


def test_the_path_of_a_cell_far_along_its_row_names_its_index() -> None:
    row = "".join(f"<td>{i}</td>" for i in range(1, 71))
    page = read_html(f"<p>x</p><table><tr>{row}</tr></table>")
    table = page.blocks[-1]
    assert isinstance(table, TableBlock)
    paths = [c.origin.path for c in table.cells]
    assert paths[0] == "table[1]/tr[1]/td[1]" and paths[69] == "table[1]/tr[1]/td[70]"
