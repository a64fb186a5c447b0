"""The interpreter's diagnostics on small hand-made pages: bad cells, odd rows, metadata, dates."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from govdisclosure.errors import ParseError
from govdisclosure.model.layout import ApplicationRow, FormatVersion
from govdisclosure.model.quantity import Money, MoneyUnit
from govdisclosure.model.report import AnnualReport2008, AnnualReport2019, AnnualReport2021
from govdisclosure.parse import DiagnosticKind, Origin, _recover, parse_report
from govdisclosure.parse import _interpret as interpret_module
from govdisclosure.parse._html import read_html
from govdisclosure.parse._labels import match_application_row

if TYPE_CHECKING:
    from govdisclosure.parse import ParseResult

D = DiagnosticKind
R = ApplicationRow
ZEROS = ["0"] * 7


def tr(*cells: str) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def page(*tables: str, year: int = 2021, meta: str | None = None, before: str = "") -> str:
    head = (
        "" if meta is None else f"<head><meta name='govdisclosure:report' content='{meta}'></head>"
    )
    body = "".join(f"<table>{t}</table>" for t in tables)
    return (
        f"<html>{head}<body><h1>某县人民政府{year}年政府信息公开工作年度报告</h1>"
        f"<p>一、总体情况</p><p>无。</p>{before}{body}</body></html>"
    )


def problems(result: ParseResult, kind: DiagnosticKind) -> dict[str | None, str]:
    return {d.path: d.message for d in result.of_kind(kind)}


# --- table 2 -------------------------------------------------------------------------------------


def test_table2_2021_blank_invalid_missing_and_miscounted_cells() -> None:
    result = parse_report(
        page(
            tr("规章", "1", "0", "5")
            + tr("行政规范性文件", "2", "3")  # one cell short
            + tr("行政许可", "")  # blank stays blank
            + tr("行政处罚", "7")
            + tr("行政事业性收费", "约3万元"),  # not an amount
        )
    )
    report = result.report
    assert isinstance(report, AnnualReport2021)
    proactive = report.proactive
    assert proactive is not None
    assert (proactive.regulations.issued, proactive.regulations.in_force) == (1, 5)
    assert proactive.normative_documents.issued is None
    assert proactive.licensing is None
    assert proactive.penalties == 7
    assert proactive.compulsory_measures is None
    assert proactive.fee_amount is None
    assert (
        "has 2 cells, expected 3"
        in problems(result, D.CELL_COUNT)["$.proactive.normative_documents"]
    )
    assert "expected an amount" in problems(result, D.INVALID_CELL)["$.proactive.fee_amount"]
    assert "$.proactive.compulsory_measures" in problems(result, D.MISSING)
    assert result.origin("$.proactive.licensing") is not None  # a blank cell is still a cell


def test_table2_2021_fee_blank_or_missing() -> None:
    blank = parse_report(page(tr("规章", "1", "0", "5") + tr("行政事业性收费", " ")))
    assert isinstance(blank.report, AnnualReport2021)
    assert blank.report.proactive is not None
    assert blank.report.proactive.fee_amount is None
    assert "$.proactive.fee_amount" not in problems(blank, D.INVALID_CELL)
    missing = parse_report(page(tr("规章", "1", "0", "5")))
    assert "$.proactive.fee_amount" in problems(missing, D.MISSING)  # the form's path
    amount = parse_report(page(tr("规章", "1", "0", "5") + tr("行政事业性收费", "12.5万元")))
    assert isinstance(amount.report, AnnualReport2021)
    assert amount.report.proactive is not None
    assert amount.report.proactive.fee_amount == Decimal("12.5")


def test_table2_2019_procurement_missing_or_in_wan_yuan() -> None:
    rows = tr("规章", "本年新制作数量", "本年新公开数量", "对外公开总数量") + tr(
        "规章", "1", "2", "3"
    )
    missing = parse_report(page(rows, year=2019))
    report = missing.report
    assert isinstance(report, AnnualReport2019)
    assert report.proactive is not None
    assert report.proactive.procurement.total_amount is None
    assert "$.proactive.procurement" in problems(missing, D.MISSING)
    found = parse_report(page(rows + tr("政府集中采购", "4", "96.5万元"), year=2019))
    assert isinstance(found.report, AnnualReport2019)
    assert found.report.proactive is not None
    assert found.report.proactive.procurement.total_amount == Money(
        Decimal("96.5"), MoneyUnit.WAN_YUAN
    )


def test_table2_digit_runs_too_long_or_too_ambiguous_are_left_blank() -> None:
    too_long = parse_report(page(tr("规章", "1" * 60)))
    assert "expected 3 cells" in problems(too_long, D.CELL_COUNT)["$.proactive.regulations"]
    ambiguous = parse_report(page(tr("规章", "12345678901234567890")))
    (diagnostic,) = ambiguous.of_kind(D.AMBIGUOUS)
    assert diagnostic.path == "$.proactive.regulations"
    assert diagnostic.candidates == ()  # more splits than are worth listing
    report = ambiguous.report
    assert isinstance(report, AnnualReport2021)
    assert report.proactive is not None
    assert report.proactive.regulations.issued is None


# --- table 3 -------------------------------------------------------------------------------------


def test_label_split_over_two_cells_and_duplicate_and_blank_rows() -> None:
    result = parse_report(
        page(
            tr("本年新收政府信息", "公开申请数量", *["1", "0", "0", "0", "0", "0", "1"])
            + tr("二、上年结转政府信息公开申请数量", *ZEROS)
            + tr("二、上年结转政府信息公开申请数量", *["9"] * 7)  # printed twice
            + tr("五、神秘的行", "", "")  # an unknown row without numbers: nothing to report
            + tr("（一）予以公开", *ZEROS, "", "")  # trailing blank cells
        )
    )
    report = result.report
    assert isinstance(report, AnnualReport2021)
    assert report.applications is not None
    assert report.applications.row(R.NEW).total == 1
    assert report.applications.row(R.CARRIED_OVER).total == 0  # the first one is kept
    assert report.applications.row(R.GRANTED).total == 0
    unrecognised = [d.message for d in result.of_kind(D.UNRECOGNISED)]
    assert any("appears twice" in m for m in unrecognised)
    assert not any("神秘" in m for m in unrecognised)


def test_rows_of_another_format_are_reported() -> None:
    meta = json.dumps({"format_version": "2019"})
    result = parse_report(
        page(
            tr("一、本年新收政府信息公开申请数量", *ZEROS)
            + tr("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", *ZEROS),
            meta=meta,
        )
    )
    assert result.report.format_version is FormatVersion.TRIAL_2019
    assert any(
        "does not belong to format 2019" in d.message for d in result.of_kind(D.UNRECOGNISED)
    )


def test_a_2020_report_with_2021_rows_is_read_in_the_2021_format() -> None:
    result = parse_report(
        page(
            tr("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", *ZEROS),
            year=2020,
        )
    )
    assert result.report.format_version is FormatVersion.NATIONAL_2021


def test_single_other_row_in_the_2021_format() -> None:
    other = "（六）其他处理"
    split = parse_report(page(tr(other, *["1", "0", "0", "0", "0", "0", "1"])))
    report = split.report
    assert isinstance(report, AnnualReport2021)
    assert report.applications is not None
    assert report.applications.row(R.OTHER_OVERDUE_CORRECTION).total is None
    assert "cannot be split" in problems(split, D.UNRECOGNISED)["$.applications.other"]
    both = parse_report(
        page(
            tr(other, *["1", "0", "0", "0", "0", "0", "1"])
            + tr("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", *ZEROS)
        )
    )
    assert isinstance(both.report, AnnualReport2021)
    assert both.report.applications is not None
    assert both.report.applications.row(R.OTHER_OVERDUE_CORRECTION).total == 0
    assert "$.applications.other" not in problems(both, D.UNRECOGNISED)


def test_a_table3_run_that_fits_no_split_or_too_many() -> None:
    none = parse_report(page(tr("一、本年新收政府信息公开申请数量", "1" * 40)))
    (diagnostic,) = none.of_kind(D.AMBIGUOUS)
    assert diagnostic.path == "$.applications.new"
    assert "in 0 ways" in diagnostic.message
    # 720 orders of six cells add up to 111123456; more than the limit is reported as such.
    run = "1" * 24 + "111123456"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_recover, "_LIMIT", 100)
        result = parse_report(page(tr("一、本年新收政府信息公开申请数量", run)))
    assert "the cells could not be recovered" in problems(result, D.AMBIGUOUS)["$.applications"]
    report = result.report
    assert isinstance(report, AnnualReport2021)
    assert report.applications is not None
    assert report.applications.row(R.NEW).total is None


# --- table 4 -------------------------------------------------------------------------------------

_REVIEW_HEAD = tr("行政复议", "行政诉讼")


def test_table4_header_and_values_in_separate_tables() -> None:
    values = tr(*["0", "1", "0", "0", "1"], *["0"] * 10)
    result = parse_report(page(_REVIEW_HEAD, values))
    report = result.report
    assert isinstance(report, AnnualReport2021)
    assert report.reviews is not None
    assert report.reviews.reconsideration.total == 1
    # An unrelated table between the header and the values: the values are not table 4.
    apart = parse_report(page(_REVIEW_HEAD, tr("甲", "乙"), values))
    assert isinstance(apart.report, AnnualReport2021)
    assert apart.report.reviews is None


def test_table4_run_recovered_or_left_blank() -> None:
    unique = parse_report(page(_REVIEW_HEAD + tr("011021000100000")))
    report = unique.report
    assert isinstance(report, AnnualReport2021)
    assert report.reviews is not None
    assert report.reviews.reconsideration.total == 2
    assert unique.of_kind(D.RECOVERED)[0].path == "$.reviews"
    too_long = parse_report(page(_REVIEW_HEAD + tr("1" * 50)))
    assert too_long.of_kind(D.AMBIGUOUS)[0].candidates == ()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_recover, "_LIMIT", 2)
        too_many = parse_report(page(_REVIEW_HEAD + tr("72641783735113481261211620")))
    (diagnostic,) = too_many.of_kind(D.AMBIGUOUS)
    assert (diagnostic.path, diagnostic.candidates) == ("$.reviews", ())


def test_table4_with_the_wrong_number_of_cells() -> None:
    result = parse_report(page(_REVIEW_HEAD + tr("0", "1", "2")))
    assert "table 4 has 3 cells" in problems(result, D.CELL_COUNT)["$.reviews"]


# --- 2008-era statistics -----------------------------------------------------------------------


def test_statistics_table_without_a_title_with_blank_names_and_bad_numbers() -> None:
    table = (
        tr("指标名称", "计量单位", "本年度", "历年累计")
        + tr("主动公开信息数", "条", "12", "34")
        + tr("", "条", "1", "2")  # no name: not an indicator
        + tr("依申请公开", "件", "约3", "")
        + tr("收费", "", "1.5")
    )
    result = parse_report(page(table, year=2013))
    report = result.report
    assert isinstance(report, AnnualReport2008)
    assert report.statistics_title is None
    assert [s.indicator for s in report.statistics] == ["主动公开信息数", "依申请公开", "收费"]
    assert report.statistics[1].this_year is None
    assert report.statistics[2].unit is None
    assert report.statistics[2].this_year == Decimal("1.5")
    assert report.statistics[2].cumulative is None
    assert "expected a number" in problems(result, D.INVALID_CELL)["$.statistics[1]"]
    assert result.summary().endswith("0 findings") or "statistics rows" in result.summary()
    assert "3 statistics rows" in result.summary()


# --- metadata ------------------------------------------------------------------------------------


def test_unusable_metadata_fields_are_reported_and_read_from_the_page() -> None:
    meta = json.dumps(
        {
            "format_version": "1999",
            "agency": 3,
            "published_on": "yesterday",
            "url": 5,
            "figures": {},
            "channels": [1],
            "processing_fee": {"amount": "1"},
        }
    )
    text = "<p>全年公开信息10条，收取信息处理费3元。</p>"
    result = parse_report(page(meta=meta, before=text))
    report = result.report
    assert report.agency.name == "某县人民政府"
    assert report.processing_fee == Money(Decimal("3"))
    assert [f.quantity.value for f in report.figures] == [10, 3]
    assert report.published_on is None
    assert report.url is None
    assert report.channels == ()
    assert set(problems(result, D.UNRECOGNISED)) == {
        "$.format_version", "$.agency", "$.published_on", "$.url", "$.figures", "$.channels",
        "$.processing_fee",
    }  # fmt: skip


def test_metadata_that_is_not_an_object_or_not_json_is_ignored() -> None:
    for content in ("[1, 2]", "{not json", ""):
        assert read_html(page(meta=content)).meta is None
    partial = parse_report(page(meta=json.dumps({"url": None, "published_on": None})))
    assert partial.report.url is None
    assert not partial.of_kind(D.UNRECOGNISED)


# --- title, dates and the narrative --------------------------------------------------------------


def test_text_header_fields_publisher_and_dates() -> None:
    text = """标题：某县人民政府2021年政府信息公开工作年度报告
发布时间：2022-02-30
发布机构：某县人民政府办公室
原文链接：not a url
=== 正文 ===
某县人民政府2021年政府信息公开工作年度报告 某县人民政府办公室 一、总体情况
一、总体情况
全年公开信息10条。"""
    report = parse_report(text).report
    assert report.published_on is None  # 2月30日 does not exist
    assert report.url is None
    assert report.preamble == ()
    unreadable = text.replace("2022-02-30", "去年")
    assert parse_report(unreadable).report.published_on is None


def test_a_url_with_a_final_newline_is_left_out() -> None:
    # The model's URL pattern applies whole: before, its "$" let the newline through.
    body = "某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n全年公开信息10条。"
    assert parse_report(body, url="https://www.gov.cn/x\n").report.url is None
    assert parse_report(body, url="https://www.gov.cn/x").report.url == "https://www.gov.cn/x"


def test_titles_that_do_not_name_agency_and_year() -> None:
    with pytest.raises(ParseError, match="no title naming the agency"):
        parse_report("某县人民政府关于2019年政府信息公开工作年度报告的说明\n一、总体情况\n无。")
    long_title = "一" * 90 + "年度报告"
    with pytest.raises(ParseError, match="no title naming the agency"):
        parse_report(f"<p>{long_title}</p><p>一、总体情况</p><p>无。</p>")


def test_a_year_the_model_rejects_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="expected a report year") as caught:
        parse_report("某县人民政府1999年政府信息公开工作年度报告\n一、总体情况\n无。")
    assert caught.value.__cause__ is not None


def test_a_source_over_the_limit_is_refused() -> None:
    from govdisclosure.parse import LimitExceeded, Limits

    with pytest.raises(LimitExceeded, match="max_bytes: 101 > 100") as caught:
        parse_report("某" * 101, limits=Limits(max_bytes=100))
    assert isinstance(caught.value, ParseError)


# --- small helpers -------------------------------------------------------------------------------


def test_origin_label_matching_and_max_figures() -> None:
    assert Origin(line=3, path="table[1]/tr[2]/td[3]").describe() == "line 3, table[1]/tr[2]/td[3]"
    assert Origin().describe() == "unknown position"
    assert match_application_row(" \n", tuple(ApplicationRow)) is None
    assert interpret_module._MAX_FIGURES == 2000


def test_a_cell_of_more_than_30_digits_is_not_a_count() -> None:
    result = parse_report(page(tr("一、本年新收政府信息公开申请数量", "1" * 31, *["0"] * 6)))
    path = "$.applications.new.natural_person"
    assert "expected a whole number" in problems(result, D.INVALID_CELL)[path]


def test_a_parse_result_pickles_whole() -> None:
    """Results cross process boundaries (parse_reports on a pool): pickling keeps everything."""
    import pickle

    from govdisclosure import examples
    from govdisclosure.parse import parse_report

    result = parse_report(examples.source("huaian-city-2024.pypdf"))
    back = pickle.loads(pickle.dumps(result))
    assert back == result
    assert dict(back.origins) == dict(result.origins)
    assert back.tables == result.tables
