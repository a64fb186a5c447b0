"""The narrative rules: figures quoted in the text held to the tables and to each other."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import corpus
from govdisclosure.checks import (
    LEGACY_LABELS,
    NARRATIVE_LABELS,
    Status,
    blanks_as_zero,
    check,
)
from govdisclosure.examples import load
from govdisclosure.model.agency import Agency
from govdisclosure.model.layout import ApplicationRow, ReviewGroup
from govdisclosure.model.outcome import OutcomeGroup
from govdisclosure.model.quantity import Qualifier, Quantity
from govdisclosure.model.report import (
    AnnualReport2008,
    AnnualReport2019,
    AnnualReport2021,
    Figure,
    LegacyIndicator,
)
from govdisclosure.model.tables import ReviewCounts, ReviewTable

AGENCY = Agency(name="平潭综合实验区管委会办公室")


def figure(
    label: str,
    value: int | Decimal,
    unit: str = "件",
    quote: str | None = None,
    qualifier: Qualifier = Qualifier.EXACT,
) -> Figure:
    return Figure(label=label, quantity=Quantity(value, unit, qualifier), quote=quote)


def huaian(*figures: Figure) -> AnnualReport2021:
    report = load("huaian-city-2024")
    assert isinstance(report, AnnualReport2021)
    return attrs.evolve(report, figures=figures)


def rules(findings: tuple[object, ...]) -> list[tuple[object, ...]]:
    return [(f.rule, f.subject, f.actual, f.expected) for f in findings]  # type: ignore[attr-defined]


# --- the real reports ---------------------------------------------------------------------------


def test_every_inconsistency_expected_for_shanghai_is_found() -> None:
    entry = corpus.by_file()["shanghai-gov-office-2019.html"]
    listed = entry["inconsistencies"]
    assert len(listed) == 5
    shanghai = load("shanghai-gov-office-2019")
    found = rules(check(shanghai, blanks_as_zero=True))
    # 1. 予以公开及部分公开258件 against 272 + 3 in the table.
    assert "258" in listed[0]
    assert ("NARRATIVE-FIGURE", "予以公开及部分公开", 258, 275) in found
    # 2. 无法提供265件 against the 337 of its rows.
    assert "265" in listed[1]
    assert ("NARRATIVE-FIGURE", "因本机关不掌握等原因无法提供", 265, 337) in found
    # 3. The categories add up to 716, not 805; 258/805 is 32.0 %, not 33.9 %.
    assert "716" in listed[2]
    assert ("NARRATIVE-SUM", "答复政府信息公开申请", 805, 716) in found
    assert ("NARRATIVE-SHARE", "予以公开及部分公开占比", Decimal("33.9"), Decimal("32.0")) in found
    # 4. 均获维持, while 2 reconsiderations and 1 suit are pending.
    assert "均获维持" in listed[3]
    assert ("NARRATIVE-UPHELD", "信息公开类行政复议", 7, 5) in found
    assert ("NARRATIVE-UPHELD", "信息公开类诉讼", 9, 8) in found
    # 5. The blank 总计 cells: every rule that needs one says it cannot be verified.
    assert "left empty" in listed[4]
    blank = [f for f in check(shanghai, include_unverifiable=True) if not f.verifiable]
    assert {f.rule for f in blank} >= {"T3-ROW-SUM", "T3-OUTCOMES", "T4-TOTAL"}
    assert all(f.status is Status.NOT_VERIFIABLE for f in blank)
    # Nothing else: the tables themselves hold once the blanks are read as 0.
    assert len(found) == 6


def test_shanghai_as_printed_finds_what_needs_no_assumption() -> None:
    found = rules(check(load("shanghai-gov-office-2019")))
    assert found == [
        ("NARRATIVE-SUM", "答复政府信息公开申请", 805, 716),
        ("NARRATIVE-SHARE", "予以公开及部分公开占比", Decimal("33.9"), Decimal("32.0")),
        ("NARRATIVE-UPHELD", "信息公开类行政复议", 7, 5),
    ]


def test_bundled_reports_without_narrative_errors_have_no_narrative_findings() -> None:
    assert check(load("huaian-city-2024"), include_unverifiable=True) == ()
    assert check(load("sichuan-hrss-2013"), include_unverifiable=True) == ()


# --- NARRATIVE-FIGURE on categories -------------------------------------------------------------


def test_category_figures_sum_the_rows_of_their_categories() -> None:
    found = rules(
        check(
            huaian(
                figure("予以公开及部分公开", 1362 + 454),
                figure("不予公开", 170),
                figure("无法提供", 781),
                figure("其他处理", 187, unit="条"),  # not in 件: not compared
            )
        )
    )
    assert found == [("NARRATIVE-FIGURE", "不予公开", 170, 178)]


def test_category_labels_cover_every_outcome_group() -> None:
    groups = set().union(*(v for v in NARRATIVE_LABELS.values() if isinstance(v, frozenset)))
    assert groups == set(OutcomeGroup)
    assert isinstance(NARRATIVE_LABELS["受理政府信息公开申请"], ApplicationRow)


# --- NARRATIVE-SUM ------------------------------------------------------------------------------


CATEGORIES = [
    figure("予以公开及部分公开", 1816),
    figure("不予公开", 178),
    figure("无法提供", 781),
    figure("不予处理", 88),
    figure("其他处理", 187),
]


def test_narrative_sum_holds_when_the_categories_account_for_every_reply() -> None:
    assert check(huaian(figure("答复政府信息公开申请", 3050), *CATEGORIES)) == ()


def test_narrative_sum_needs_every_category_once() -> None:
    partial = huaian(figure("答复政府信息公开申请", 3000), *CATEGORIES[:4])
    assert [f.rule for f in check(partial)] == ["NARRATIVE-FIGURE"]
    # 予以公开 after 予以公开及部分公开 overlaps it: not counted twice.
    twice = huaian(figure("答复政府信息公开申请", 3050), *CATEGORIES, figure("予以公开", 5))
    assert [f.rule for f in check(twice)] == ["NARRATIVE-FIGURE"]


def test_narrative_sum_compares_with_the_narrative_own_total() -> None:
    report = huaian(figure("答复政府信息公开申请", 3050), *CATEGORIES[:4], figure("其他处理", 180))
    assert rules(check(report)) == [
        ("NARRATIVE-FIGURE", "其他处理", 180, 187),
        ("NARRATIVE-SUM", "答复政府信息公开申请", 3050, 3043),
    ]


# --- NARRATIVE-SHARE ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stated", "holds"),
    [
        (Decimal("59.5"), True),  # 1816 / 3050 = 59.541 %
        (Decimal("59.54"), True),
        (Decimal("59.55"), True),  # within one unit of the last place printed
        (Decimal("60"), True),
        (Decimal("59.3"), False),
        (58, False),
    ],
)
def test_shares_hold_at_the_precision_printed(stated: Decimal | int, holds: bool) -> None:
    report = huaian(
        figure("答复政府信息公开申请", 3050),
        figure("予以公开及部分公开", 1816),
        figure("予以公开及部分公开占比", stated, unit="%"),
    )
    findings = check(report, rules=["NARRATIVE-SHARE"])
    assert (findings == ()) is holds
    if not holds:
        assert findings[0].actual == Decimal(stated)
        assert findings[0].message_zh.startswith("正文称“予以公开及部分公开占比”为")


def test_shares_without_their_figures_are_not_compared() -> None:
    report = huaian(
        figure("予以公开及部分公开占比", Decimal("10"), unit="%"),
        figure("不予公开占比", Decimal("10"), unit="%"),
        figure("不予公开", 178),
        figure("不予处理占比", Decimal("10"), unit="件"),
        figure("不予处理占比", Decimal("10"), unit="%", qualifier=Qualifier.ABOUT),
    )
    assert check(report, rules=["NARRATIVE-SHARE"], include_unverifiable=True) == ()


@given(part=st.integers(0, 5000), whole=st.integers(1, 5000), places=st.integers(0, 3))
def test_a_share_rounded_from_its_figures_always_holds(part: int, whole: int, places: int) -> None:
    share = (Decimal(100 * part) / whole).quantize(Decimal(1).scaleb(-places))
    report = huaian(
        figure("答复政府信息公开申请", whole),
        figure("不予公开", part),
        figure("不予公开占比", share, unit="%"),
    )
    assert check(report, rules=["NARRATIVE-SHARE"]) == ()


# --- NARRATIVE-UPHELD ---------------------------------------------------------------------------


def test_all_upheld_is_held_to_table_4() -> None:
    quote = "行政复议351件，均获维持"
    report = huaian(figure("政府信息公开行政复议", 351, quote=quote))
    assert rules(check(report)) == [("NARRATIVE-UPHELD", "政府信息公开行政复议", 351, 72)]
    assert check(huaian(figure("政府信息公开行政复议", 351, quote="行政复议351件"))) == ()


def test_all_upheld_without_table_4_is_not_verifiable() -> None:
    report = AnnualReport2019(
        agency=AGENCY, year=2019, figures=(figure("信息公开类诉讼", 2, quote="诉讼2件，全部维持"),)
    )
    findings = check(report, include_unverifiable=True, rules=["NARRATIVE-UPHELD"])
    assert [(f.status, f.actual, f.expected) for f in findings] == [
        (Status.NOT_VERIFIABLE, 2, None)
    ]
    held = attrs.evolve(
        report,
        reviews=ReviewTable(
            litigation_direct=ReviewCounts(maintained=1),
            litigation_after_reconsideration=ReviewCounts(maintained=1),
        ),
    )
    assert check(held, rules=["NARRATIVE-UPHELD"]) == ()


# --- LEGACY-NARRATIVE ---------------------------------------------------------------------------


def pingtan_2013(*figures: Figure) -> AnnualReport2008:
    # The figures and statistics table of pingtan-zone-2013.txt, as printed.
    return AnnualReport2008(
        agency=AGENCY,
        year=2013,
        figures=figures,
        statistics=(
            LegacyIndicator(
                indicator="主动公开信息数", unit="条", this_year=72804, cumulative=76424
            ),
            LegacyIndicator(
                indicator="受理依申请公开信息总数", unit="条", this_year=0, cumulative=0
            ),
            LegacyIndicator(indicator="行政复议数", unit="件", this_year=0, cumulative=0),
            LegacyIndicator(indicator="行政诉讼数", unit=None, this_year=Decimal("0.5")),
        ),
    )


def test_pingtan_2013_narrative_disagrees_with_its_statistics_table() -> None:
    report = pingtan_2013(
        figure("主动公开政府信息", 4970, unit="条"),
        figure("政府信息公开行政复议申请", 1, unit="份"),  # another unit: not compared
        figure("受理政府信息公开申请", 0, unit="条"),
    )
    findings = check(report)
    assert rules(findings) == [("LEGACY-NARRATIVE", "主动公开政府信息", 4970, 72804)]
    assert findings[0].message_zh == "正文称“主动公开政府信息”4970，统计表为72804"


def test_legacy_figures_compare_only_exact_whole_numbers() -> None:
    report = pingtan_2013(
        figure("与政府信息公开工作有关的行政诉讼", 1),
        figure("主动公开政府信息", 70000, unit="条", qualifier=Qualifier.MORE_THAN),
        figure("政府信息公开行政复议申请", 0),
    )
    findings = check(report, include_unverifiable=True)
    assert [(f.subject, f.status) for f in findings] == [
        ("与政府信息公开工作有关的行政诉讼", Status.NOT_VERIFIABLE)
    ]
    assert set(LEGACY_LABELS["主动公开政府信息"]) == {"主动公开信息数", "主动公开政府信息数"}


# --- blanks read as 0 ---------------------------------------------------------------------------


def test_blanks_as_zero_fills_blanks_and_keeps_printed_cells() -> None:
    shanghai = load("shanghai-gov-office-2019")
    assert isinstance(shanghai, AnnualReport2019)
    filled = blanks_as_zero(shanghai)
    assert isinstance(filled, AnnualReport2019)
    assert filled.applications is not None and shanghai.applications is not None
    for before, after in zip(shanghai.applications.rows, filled.applications.rows, strict=True):
        for a, b in zip(before.by_applicant, after.by_applicant, strict=True):
            assert b == (0 if a is None else a)
        assert after.total == (sum(after.by_applicant) if before.total is None else before.total)  # type: ignore[arg-type]
    assert filled.reviews is not None
    after_group = filled.reviews.group(ReviewGroup.LITIGATION_AFTER_RECONSIDERATION)
    assert (after_group.maintained, after_group.total) == (0, 0)
    assert filled.figures == shanghai.figures


def test_blanks_as_zero_leaves_reports_without_tables_alone() -> None:
    legacy = load("sichuan-hrss-2013")
    assert blanks_as_zero(legacy) is legacy
    empty = AnnualReport2021(agency=AGENCY, year=2022)
    assert blanks_as_zero(empty) == empty
