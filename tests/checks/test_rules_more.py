"""The rules beyond the tables' identities, each on real reports of the corpus.

Each rule is shown holding on a real report as published and failing once the report (or its
text, re-parsed) is changed the way a source gets it wrong. The Suqian-style sentence
(备案…行政复议案件134件) gives NARRATIVE-SCOPE, never an error.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import corpus
from govdisclosure.checks import (
    COMPLETENESS_RULES,
    Finding,
    Observation,
    Severity,
    check,
    check_series,
    completeness,
    outliers,
    register_rule,
    registered_rules,
    unregister_rule,
)
from govdisclosure.checks._memo import breakdowns, fee_text, memo
from govdisclosure.checks._narrative import _UPHELD_WORDS, _says_upheld
from govdisclosure.examples import load
from govdisclosure.model import AgencyLevel, AnnualReport2019, AnnualReport2021
from govdisclosure.parse import parse_report

if TYPE_CHECKING:
    from collections.abc import Iterator

    from govdisclosure.model.report import AnnualReport


@cache
def parsed(name: str) -> AnnualReport:
    return parse_report(corpus.path(name)).report


def text_of(name: str) -> str:
    return corpus.path(name).read_text(encoding="utf-8")


def reparsed(name: str, old: str, new: str) -> AnnualReport:
    """The corpus report ``name`` parsed again with ``old`` in its text replaced by ``new``."""
    text = text_of(name)
    assert old in text
    return parse_report(text.replace(old, new)).report


def rules(findings: tuple[Finding, ...]) -> list[str]:
    return [f.rule for f in findings]


def only(findings: tuple[Finding, ...], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


# --- table 2 across years -----------------------------------------------------------------------


def hongze() -> tuple[AnnualReport2021, AnnualReport2021]:
    before, after = parsed("hongze-district-2023.pdf"), parsed("hongze-district-2024.pdf")
    assert isinstance(before, AnnualReport2021) and isinstance(after, AnnualReport2021)
    return before, after


def same_agency(report: AnnualReport) -> str:
    return "洪泽区"  # the two years print the agency's name differently


def test_t2_series_holds_on_hongze_2023_2024() -> None:
    before, after = hongze()
    assert before.proactive is not None and after.proactive is not None
    # 5 in force at the end of 2023, 3 issued and 0 repealed in 2024: 8 in force.
    assert after.proactive.normative_documents.in_force == 8
    found = check_series([before, after], key=same_agency, include_unverifiable=True)
    assert only(found, "T2-SERIES") == []


def test_t2_series_finds_a_break_between_hongze_2023_and_2024() -> None:
    before, after = hongze()
    assert after.proactive is not None
    documents = attrs.evolve(after.proactive.normative_documents, in_force=9)
    broken = attrs.evolve(
        after, proactive=attrs.evolve(after.proactive, normative_documents=documents)
    )
    (finding,) = only(check_series([before, broken], key=same_agency), "T2-SERIES")
    assert (finding.expected, finding.actual, finding.year) == (8, 9, 2024)
    assert finding.cell is not None and finding.cell.path.endswith("normative_documents.in_force")
    assert finding.message_zh == (
        "行政规范性文件：2024年现行有效9件，但上年现行有效 + 本年制发 - 本年废止 = 8件"
    )


def test_t2_series_items_in_the_2019_trial_format() -> None:
    shanghai = load("shanghai-gov-office-2019")
    assert isinstance(shanghai, AnnualReport2019) and shanghai.proactive is not None
    licensing = shanghai.proactive.licensing
    assert licensing.previous_year is not None and licensing.change is not None
    start = licensing.previous_year + licensing.change

    def next_year(previous_year: int) -> AnnualReport2019:
        assert shanghai.proactive is not None
        items = attrs.evolve(licensing, previous_year=previous_year)
        proactive = attrs.evolve(shanghai.proactive, licensing=items)
        return attrs.evolve(shanghai, year=2020, proactive=proactive)

    good = check_series([shanghai, next_year(start)], rules=["T2-SERIES-ITEMS"])
    assert [f.cell.row for f in good if f.cell is not None] != ["licensing"]
    bad = check_series([shanghai, next_year(start + 2)], rules=["T2-SERIES-ITEMS"])
    (finding,) = [f for f in bad if f.cell is not None and f.cell.row == "licensing"]
    assert (finding.expected, finding.actual) == (start, start + 2)
    assert "行政许可" in finding.message_zh


def test_t2_series_skips_other_formats_and_missing_tables() -> None:
    before, after = hongze()
    shanghai = load("shanghai-gov-office-2019")
    assert isinstance(shanghai, AnnualReport2019)
    rule = registered_rules()["T2-SERIES"]
    assert list(rule.func(shanghai, after)) == []
    assert list(rule.func(attrs.evolve(before, proactive=None), after)) == []
    items = registered_rules()["T2-SERIES-ITEMS"]
    assert list(items.func(before, after)) == []
    assert list(items.func(attrs.evolve(shanghai, proactive=None), shanghai)) == []


# --- 收到…申请, read both ways ------------------------------------------------------------------


def test_received_reads_pingtan_as_new_plus_carried_over() -> None:
    (finding,) = check(parsed("pingtan-zone-2022.txt"))
    assert finding.rule == "NARRATIVE-RECEIVED-WHOLE" and finding.severity is Severity.INFO
    assert (finding.expected, finding.actual) == (74, 75)


def test_received_that_holds_under_neither_reading_is_a_warning() -> None:
    report = reparsed(
        "pingtan-zone-2022.txt", "收到政府信息公开申请75件", "收到政府信息公开申请80件"
    )
    (finding,) = only(check(report), "NARRATIVE-RECEIVED")
    assert finding.severity is Severity.WARNING
    assert (finding.expected, finding.actual) == (74, 80)
    assert "74 new this year (I), 75 with those carried over" in finding.message
    assert "加上年结转（一 + 二）为75件" in finding.message_zh


def test_received_that_equals_row_one_is_silent() -> None:
    # Huaian 2024: 全市共受理政府信息公开申请 3119 件 is row 一 exactly.
    assert check(parsed("huaian-city-2024.pdf")) == ()


def test_the_new_vocabulary_names_cells() -> None:
    # Pingtan 2022: 行政复议案件2件 (table 4: 2), and the litigation figure in a longer label.
    report = parsed("pingtan-zone-2022.txt")
    labels = {f.label for f in report.figures}
    assert "行政复议案件" in labels
    broken = reparsed("pingtan-zone-2022.txt", "行政复议案件2件", "行政复议案件3件")
    (finding,) = only(check(broken), "NARRATIVE-FIGURE")
    assert (finding.subject, finding.expected, finding.actual) == ("行政复议案件", 2, 3)
    shuyang = reparsed("shuyang-county-2025.txt", "结转下一年 31 件", "结转下一年 30 件")
    assert [f.subject for f in check(shuyang, include_unverifiable=True)].count("结转下一年") == 1


def test_a_suqian_style_filing_figure_is_scope_information() -> None:
    report = reparsed(
        "pingtan-zone-2022.txt",
        "行政复议案件2件，均已结案。",
        "行政复议案件2件，均已结案。全区备案政府信息公开行政复议案件134件。",
    )
    found = check(report)
    (scope,) = only(found, "NARRATIVE-SCOPE")
    assert scope.severity is Severity.INFO
    assert (scope.subject, scope.expected, scope.actual) == (
        "全区备案政府信息公开行政复议案件",
        2,
        134,
    )
    assert "一类案件" in scope.message_zh
    assert not [f for f in found if f.severity is not Severity.INFO]


# --- applicants and breakdowns ------------------------------------------------------------------


def test_applicants_hold_on_pingtan_in_the_headline_reading() -> None:
    # 涉及自然人72件、商业企业3件: 71 + 1 natural persons in 一 + 二, 3 + 0 enterprises.
    assert only(check(parsed("pingtan-zone-2022.txt")), "NARRATIVE-APPLICANTS") == []


def test_applicants_that_disagree_with_table_3() -> None:
    report = reparsed("pingtan-zone-2022.txt", "涉及自然人72件", "涉及自然人73件")
    (finding,) = only(check(report), "NARRATIVE-APPLICANTS")
    assert (finding.expected, finding.actual) == (72, 73)
    assert "I. new + II. carried over (natural person)" in finding.message
    assert "一、本年新收 + 二、上年结转（自然人）" in finding.message_zh


def test_applicants_in_row_one_and_the_legal_persons_sum() -> None:
    hongze_2024 = parsed("hongze-district-2024.pdf")
    assert isinstance(hongze_2024, AnnualReport2021)
    figures = (
        *hongze_2024.figures,
        attrs.evolve(hongze_2024.figures[0], label="其中自然人申请", quantity=_count(95)),
        attrs.evolve(hongze_2024.figures[0], label="法人或其他组织申请", quantity=_count(1)),
        attrs.evolve(hongze_2024.figures[0], label="受理政府信息公开申请", quantity=_count(95)),
    )
    found = only(check(attrs.evolve(hongze_2024, figures=figures)), "NARRATIVE-APPLICANTS")
    assert [(f.subject, f.expected, f.actual) for f in found] == [("法人或其他组织申请", 0, 1)]
    assert "legal persons and other organisations" in found[0].message


def test_applicant_figures_without_a_headline_are_not_read() -> None:
    hongze_2024 = parsed("hongze-district-2024.pdf")
    assert isinstance(hongze_2024, AnnualReport2021)
    lone = attrs.evolve(hongze_2024.figures[0], label="商业企业", quantity=_count(7))
    assert only(check(attrs.evolve(hongze_2024, figures=(lone,))), "NARRATIVE-APPLICANTS") == []
    assert list(registered_rules()["NARRATIVE-APPLICANTS"].func(load("sichuan-hrss-2013"))) == []


def _count(value: int) -> Any:
    from govdisclosure.model.quantity import Quantity

    return Quantity(value, "件")


def test_a_breakdown_that_does_not_add_up() -> None:
    report = reparsed(
        "pingtan-zone-2022.txt",
        "全区收到政府信息公开申请75件，",
        "全区收到政府信息公开申请75件（管委会办公室40件、各部门30件），",
    )
    (finding,) = only(check(report), "NARRATIVE-PARTS")
    assert (finding.subject, finding.expected, finding.actual) == (
        "全区收到政府信息公开申请",
        70,
        75,
    )
    assert "管委会办公室40件、各部门30件" in finding.message_zh


def test_brackets_that_are_not_partitions_are_not_summed() -> None:
    # Huaian 2024: 答复 3050 件（含上年度结转申请 34 件，另有 103 件…）: 含 and 另, not a breakdown.
    assert breakdowns(parsed("huaian-city-2024.pdf").sections[0].paragraphs) == ()
    assert (
        breakdowns(("共3607件（市政府349件、市各有关部门933件、各县区2325件）",))[0].whole == 3607
    )
    assert breakdowns(("共5件（市政府2件、其他若干）",)) == ()
    for name in corpus.report_files():
        report = parsed(name.name)
        assert only(check(report), "NARRATIVE-PARTS") == [], name.name


# --- fees in section 六 --------------------------------------------------------------------------


SHUYANG_FEES = "收取信息处理费共计380元，其中民政局1件，收取380元。"


def test_fee_items_hold_on_shuyang_2025() -> None:
    report = parsed("shuyang-county-2025.txt")
    fees = fee_text(tuple(p for s in report.walk_sections() for p in s.paragraphs))
    assert fees is not None and fees.total == Decimal(380)
    assert fees.items == (("民政局", 1, Decimal(380)),)
    assert only(check(report), "FEE-ITEMS") == []


def test_fee_items_that_do_not_add_up() -> None:
    report = reparsed(
        "shuyang-county-2025.txt",
        SHUYANG_FEES,
        "收取信息处理费共计480元，共2件，其中民政局1件，收取380元，住建局1件，收取200元。",
    )
    found = only(check(report), "FEE-ITEMS")
    assert [(f.expected, f.actual) for f in found] == [(Decimal(580), Decimal(480))]
    assert found[0].message_zh == "第六部分：分项列明的信息处理费合计580元，所称总数为480元"
    counted = reparsed(
        "shuyang-county-2025.txt",
        SHUYANG_FEES,
        "收取信息处理费共计580元，共3件，其中民政局1件，收取380元；住建局1件，收取200元。",
    )
    (finding,) = only(check(counted), "FEE-ITEMS")
    assert (finding.expected, finding.actual) == (2, 3)
    assert "applications" in finding.message
    # A single item may be "of which", and a list that says 其余 is partial: neither is summed.
    for partial in (
        "收取信息处理费共计580元，其中民政局1件，收取380元。",
        "收取信息处理费共计580元，其中民政局收取380元、住建局100元，其余单位未单列。",
        "收取信息处理费共计580元，其中民政局收取380元，住建局收取若干元。",
    ):
        assert (
            only(check(reparsed("shuyang-county-2025.txt", SHUYANG_FEES, partial)), "FEE-ITEMS")
            == []
        )


def test_fee_schedule_against_the_2020_measures() -> None:
    per_page = reparsed(
        "shuyang-county-2025.txt",
        SHUYANG_FEES,
        SHUYANG_FEES + "民政局按量计收，申请材料共150页，收取信息处理费1500元。",
    )
    (finding,) = only(check(per_page), "FEE-SCHEDULE")
    assert (finding.expected, finding.actual) == (Decimal(1700), Decimal(1500))
    assert "国办函〔2020〕109号" in finding.message_zh and "150页" in finding.message_zh
    right = reparsed(
        "shuyang-county-2025.txt",
        SHUYANG_FEES,
        SHUYANG_FEES + "民政局按量计收，申请材料共150页，收取信息处理费1700元。"
        "同一申请人当月按件计收，共25件，收取信息处理费0.1万元。",
    )
    (pieces,) = only(check(right), "FEE-SCHEDULE")  # the 150 pages at 1700 元 hold
    from govdisclosure.rules.fees import FeeMethod, information_fee

    # 25 件 in a month: the first 10 are free, the next 15 at 100 元.
    assert pieces.expected == information_fee(FeeMethod.PER_APPLICATION, 25).total == 1500
    assert pieces.actual == Decimal(1000)  # 0.1万元
    # Pages without the method, or of several applications, and 按件 without one applicant
    # may sum several charges: not compared.
    for vague in (
        "共提供材料150页，收费1500元。",
        "3件申请按量计收，共150页，收取1500元。",
        "按件计收，共25件，收取1000元。",
    ):
        report = reparsed("shuyang-county-2025.txt", SHUYANG_FEES, SHUYANG_FEES + vague)
        assert only(check(report), "FEE-SCHEDULE") == [], vague


def test_fee_rules_skip_reports_without_fee_text() -> None:
    assert fee_text(("无。",)) is None
    for name in ("huaian-city-2024.pdf", "pingtan-zone-2022.txt", "hongze-district-2024.pdf"):
        found = check(parsed(name))
        assert only(found, "FEE-ITEMS") == only(found, "FEE-SCHEDULE") == [], name
    early = attrs.evolve(parsed("shuyang-county-2025.txt"), year=2020)
    assert list(registered_rules()["FEE-SCHEDULE"].func(early)) == []


# --- completeness -------------------------------------------------------------------------------


def test_completeness_of_shanghai_2019() -> None:
    report = parsed("shanghai-gov-office-2019.html")
    summary = completeness(report)
    assert summary.empty_sections == ("六、其他需要报告的事项",)  # it says only 无。
    assert summary.missing_tables == ()
    assert (summary.blank_cells, summary.cells) == (135, 198)
    cells = only(summary.findings, "COMPLETE-CELLS")
    assert [f.actual for f in cells] == [126, 9]
    assert cells[0].message_zh == "收到和处理政府信息公开申请情况：161个单元格中有126个为空白或“/”"
    assert all(f.severity is Severity.INFO for f in summary.findings)
    # check() runs them only when named: parse diagnostics do not list them.
    assert not set(COMPLETENESS_RULES) & set(rules(check(report)))


def test_a_section_three_without_its_table() -> None:
    report = parsed("hongze-district-2024.pdf")
    assert isinstance(report, AnnualReport2021)
    assert completeness(report).findings == ()
    summary = completeness(attrs.evolve(report, applications=None))
    assert summary.missing_tables == ("三、收到和处理政府信息公开申请情况",)
    (finding,) = only(summary.findings, "COMPLETE-TABLE")
    assert finding.message == "section “三、收到和处理政府信息公开申请情况” has no table"


def test_completeness_without_text_or_tables() -> None:
    assert completeness(load("sichuan-hrss-2013")).findings == ()
    bare = attrs.evolve(parsed("hongze-district-2024.pdf"), sections=())
    assert only(completeness(bare).findings, "COMPLETE-SECTION") == []


# --- outliers -----------------------------------------------------------------------------------


_COUNTS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_organisation",
    "legal_service_institution",
    "other",
    "total",
)


def _scaled(report: AnnualReport2021, name: str, year: int, factor: float) -> AnnualReport2021:
    """A peer of a real report: another agency's name, every count of table 3 scaled."""
    assert report.applications is not None

    def scale(row: Any) -> Any:
        changes: dict[str, Any] = {}
        for field in _COUNTS:
            value = getattr(row, field)
            changes[field] = None if value is None else round(value * factor)
        return attrs.evolve(row, **changes)

    rows = tuple(scale(row) for row in report.applications.rows)
    agency = attrs.evolve(report.agency, name=name, level=AgencyLevel.COUNTY)
    return attrs.evolve(
        report, agency=agency, year=year, applications=attrs.evolve(report.applications, rows=rows)
    )


def peers() -> list[AnnualReport2021]:
    before, after = hongze()
    reports = []
    for i, factor in enumerate((1.0, 1.2, 0.9, 1.1, 1.3, 0.8)):
        reports.append(_scaled(before, f"县{i}", 2023, factor))
        reports.append(_scaled(after, f"县{i}", 2024, factor))
    return reports


def test_an_agency_far_above_its_peers() -> None:
    _, after = hongze()
    reports = [*peers(), _scaled(after, "大县", 2024, 40)]
    found = [o for o in outliers(reports) if o.finding.rule == "OUTLIER-PEER"]
    assert {o.agency for o in found} == {"大县"}
    top = found[0]
    assert top.score > 3.5 and top.finding.severity is Severity.INFO
    assert top.finding.year == 2024 and top.finding.cell is not None
    assert "county-level agencies' reports of 2024" in top.finding.message
    assert "县级机关的中位数" in top.finding.message_zh


def test_a_jump_from_one_year_to_the_next() -> None:
    before, after = hongze()
    reports = [
        *peers(),
        _scaled(before, "跳县", 2023, 1.0),
        _scaled(after, "跳县", 2024, 30.0),
    ]
    found = [o for o in outliers(reports) if o.finding.rule == "OUTLIER-JUMP"]
    assert found and {o.agency for o in found} == {"跳县"}
    jump = found[0].finding
    new = [o.finding for o in found if o.finding.cell and o.finding.cell.row == "new"]
    assert new and new[0].expected == 21 and new[0].actual == 95 * 30
    assert "in 2023" in jump.message and "倍" in jump.message_zh


def test_outliers_need_a_group_with_spread() -> None:
    same = [_scaled(hongze()[1], f"县{i}", 2024, 1.0) for i in range(6)]
    assert outliers(same) == ()  # no spread: nothing is unusual
    assert outliers(same[:3], min_group=5) == ()
    unlevelled = [attrs.evolve(r, agency=attrs.evolve(r.agency, level=None)) for r in same]
    assert outliers(unlevelled) == ()
    assert outliers([load("sichuan-hrss-2013")] * 6) == ()


# --- the engine's additions ---------------------------------------------------------------------


def test_details_fill_the_templates_in_each_language() -> None:
    rule = registered_rules()["NARRATIVE-RECEIVED"]
    obs = Observation(None, 1, 2, subject="x", details=(("whole", 3),))
    assert obs.holds is False
    from govdisclosure.checks._core import _finding

    finding = _finding(rule, obs, False, 2024, False)
    assert "3 with those carried over" in finding.message and "为3件" in finding.message_zh
    blank = _finding(rule, obs._replace(details=(("whole", None),)), False, 2024, False)
    assert "blank with those carried over" in blank.message and "为空白件" in blank.message_zh


def test_corpus_and_completeness_rules_are_not_run_by_default() -> None:
    every = registered_rules()
    assert every["OUTLIER-PEER"].corpus and not every["OUTLIER-PEER"].default
    assert not every["COMPLETE-CELLS"].default
    report = parsed("shanghai-gov-office-2019.html")
    assert rules(check(report, rules=["COMPLETE-CELLS", "OUTLIER-PEER"])) == [
        "COMPLETE-CELLS",
        "COMPLETE-CELLS",
    ]
    assert list(every["OUTLIER-PEER"].func(report)) == []


@pytest.mark.parametrize("rule", sorted(registered_rules()))
def test_every_rule_has_an_example(rule: str) -> None:
    en, zh = registered_rules()[rule].examples()
    assert en and zh and "…" not in en + zh


def test_an_example_value_not_given_shows_as_an_ellipsis() -> None:
    from govdisclosure.checks import register_rule, unregister_rule
    from govdisclosure.model.layout import ReportPart

    register_rule(
        "TEST-NO-EXAMPLE",
        versions=(),
        severity=Severity.INFO,
        part=ReportPart.NARRATIVE,
        message="{row}: {actual}",
        message_zh="{row}：{actual}",
    )(lambda report: iter(()))
    try:
        assert registered_rules()["TEST-NO-EXAMPLE"].examples() == ("…: …", "…：…")
    finally:
        unregister_rule("TEST-NO-EXAMPLE")


def test_scope_and_pieces_without_what_they_compare() -> None:
    report = reparsed(
        "pingtan-zone-2022.txt",
        "行政复议案件2件，均已结案。",
        "行政复议案件2件，均已结案。全区备案政府信息公开行政复议案件134件。"
        "区政府办代表区政府受理政府信息公开申请17件。",
    )
    assert isinstance(report, AnnualReport2021)
    scope = registered_rules()["NARRATIVE-SCOPE"].func
    assert [o.actual for o in scope(attrs.evolve(report, reviews=None))] == [17]
    # 共有行政诉讼案件1件 (a longer label of the litigation figure) and the filings.
    assert [o.actual for o in scope(attrs.evolve(report, applications=None))] == [1, 134]
    none = reparsed(
        "shuyang-county-2025.txt", SHUYANG_FEES, SHUYANG_FEES + "按件计收，共0件，收取0元。"
    )
    assert only(check(none), "FEE-SCHEDULE") == []


def test_outliers_of_reports_without_the_cells() -> None:
    legacy = load("sichuan-hrss-2013")
    county = attrs.evolve(legacy.agency, level=AgencyLevel.COUNTY)
    from govdisclosure.checks._outliers import _cell
    from govdisclosure.model.layout import ReportPart

    assert _cell(legacy, ReportPart.APPLICATIONS, "new", "total") is None
    assert _cell(parsed("hongze-district-2024.pdf"), ReportPart.APPLICATIONS, "x", "y") is None
    # Changes without spread flag nothing.
    before, after = hongze()
    level = [
        r
        for i in range(6)
        for r in (_scaled(before, f"县{i}", 2023, 1.0), _scaled(after, f"县{i}", 2024, 1.0))
    ]
    assert [o for o in outliers(level) if o.finding.rule == "OUTLIER-JUMP"] == []
    assert outliers([attrs.evolve(legacy, agency=county)] * 6) == ()


def test_the_memo_is_per_thread_and_per_report() -> None:
    import threading

    from govdisclosure.checks._memo import memo

    report = parsed("huaian-city-2024.pdf")
    here = memo(report)
    assert memo(report) is here and here.blanks
    other: list[object] = []
    thread = threading.Thread(target=lambda: other.append(memo(report)))
    thread.start()
    thread.join()
    assert other[0] is not here
    # check() turns blanks off only while it runs.
    check(report)
    assert memo(report).blanks


def test_the_engine_edges_on_real_reports() -> None:
    from govdisclosure.checks import register_rule, unregister_rule
    from govdisclosure.checks._memo import breakdowns, memo
    from govdisclosure.model.layout import FormatVersion, ReportPart

    register_rule(
        "TEST-AT-LEAST",
        versions=[FormatVersion.NATIONAL_2021],
        severity=Severity.INFO,
        part=ReportPart.NARRATIVE,
        message="{actual}",
        message_zh="{actual}",
    )(lambda report: iter((Observation(None, 1, 2, at_least=True),)))
    try:
        assert only(check(parsed("huaian-city-2024.pdf")), "TEST-AT-LEAST") == []
    finally:
        unregister_rule("TEST-AT-LEAST")
    # Text without 件, a bracket without a whole before it; a form without tables.
    assert breakdowns(("无",)) == ()
    assert breakdowns(("多件（A1件、B2件）",)) == ()
    assert memo(load("sichuan-hrss-2013")).table(ReportPart.APPLICATIONS) is None
    # A section of the form not found is not reported (neither text nor table).
    report = parsed("pingtan-zone-2022.txt")
    assert isinstance(report, AnnualReport2021)
    kept = tuple(
        s
        for s in report.sections
        if "其他需要报告" not in s.heading and "收到和处理" not in s.heading
    )
    assert completeness(attrs.evolve(report, sections=kept, applications=None)).findings[
        0
    ].rule == ("COMPLETE-CELLS")
    # 按件计收 of one applicant with no 件 to charge; 均获维持 whose quote is not in the text.
    none = reparsed(
        "shuyang-county-2025.txt",
        SHUYANG_FEES,
        SHUYANG_FEES + "同一申请人按件计收，共0件，收取0元。",
    )
    assert only(check(none), "FEE-SCHEDULE") == []
    shanghai = load("shanghai-gov-office-2019")
    moved = tuple(
        attrs.evolve(f, quote="不在正文中的引文") if f.label == "信息公开类行政复议" else f
        for f in shanghai.figures
    )
    found = check(attrs.evolve(shanghai, figures=moved), blanks_as_zero=True)
    assert [f.subject for f in only(found, "NARRATIVE-UPHELD")] == ["信息公开类诉讼"]
    assert list(registered_rules()["LEGACY-NARRATIVE"].func(shanghai)) == []


# --- the shared scans: the same answers as the plain searches they replace ---------------------


@given(st.text(alphabet="均获被全部维持件。，x", max_size=16))
def test_upheld_words_are_found_through_their_common_ending(text: str) -> None:
    # NARRATIVE-UPHELD finds 均获维持, 均维持… through the places of 维持 (one str.find each).
    assert _says_upheld(text) == any(word in text for word in _UPHELD_WORDS)


def test_check_with_named_rules_builds_no_blank_comparison_it_drops() -> None:
    # Counted through the memo's flag, which the table rules read: with rules named, as without,
    # a blank operand's comparison is built only when include_unverifiable asks for it.
    shanghai = load("shanghai-gov-office-2019")
    built: list[bool] = []
    rule = registered_rules()["T3-ROW-SUM"]

    def spy(report: AnnualReport) -> Iterator[Observation]:
        built.append(memo(report).blanks)
        yield from rule.func(report)

    register_rule(
        "SPY-BLANKS",
        versions=None,
        severity=Severity.INFO,
        part=rule.part,
        message=rule.message,
        message_zh=rule.message_zh,
    )(spy)
    try:
        named = check(shanghai, rules=["SPY-BLANKS"])
        listed = check(shanghai, rules=["SPY-BLANKS"], include_unverifiable=True)
    finally:
        unregister_rule("SPY-BLANKS")
    assert built == [False, True]
    assert named == () and listed and all(not f.verifiable for f in listed)
    assert memo(shanghai).blanks  # restored after the check
