"""Every inconsistency that expected.json records for the real reports is found in the parsed files.

The reports are parsed from the files as published (`tests/data/reports`), then checked. Each
recorded inconsistency is tied to the finding that reports it; the reports whose tables balance
produce no table findings.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import corpus
from govdisclosure.checks import Finding, Severity, check
from govdisclosure.model.layout import ReportPart, ReviewGroup
from govdisclosure.parse import parse_report

FOLDER = corpus.FOLDER
EXPECTED = {entry["file"]: entry for entry in corpus.entries()}
#: The reports whose findings are pinned here: every report of the corpus.
FILES = (
    "hongze-district-2023.pdf",
    "hongze-district-2024.pdf",
    "huaian-city-2024.pdf",
    "huaian-city-2024.pdfminer.txt",
    "huaian-city-2024.pypdf.txt",
    "pingtan-zone-2013.txt",
    "pingtan-zone-2022.txt",
    "shanghai-gov-office-2019.html",
    "shanghai-gov-office-2025.md",
    "shanghai-stcsm-2024.md",
    "shuyang-county-2025.txt",
    "sichuan-hrss-2013.txt",
)


@pytest.fixture(scope="module")
def findings() -> dict[str, tuple[Finding, ...]]:
    found = {}
    for path in map(corpus.path, FILES):
        report = parse_report(path).report
        found[path.name] = check(report, blanks_as_zero=path.name.startswith("shanghai"))
    return found


def _summary(findings: tuple[Finding, ...]) -> list[tuple[Any, ...]]:
    return [
        (f.rule, f.subject if f.cell is None else f.cell.row, f.actual, f.expected)
        for f in findings
    ]


def test_every_file_is_checked(findings: dict[str, tuple[Finding, ...]]) -> None:
    assert len(findings) == len(FILES)
    assert set(EXPECTED) <= set(findings)


def test_reports_whose_tables_balance_have_no_table_findings(
    findings: dict[str, tuple[Finding, ...]],
) -> None:
    for name, found in findings.items():
        if name.startswith("hongze-district-2023"):
            continue  # its table 4 is wrong as printed (below)
        assert [f for f in found if f.part is not ReportPart.NARRATIVE] == [], name
    for name in (
        "huaian-city-2024.pdf",
        "huaian-city-2024.pdfminer.txt",
        "huaian-city-2024.pypdf.txt",
    ):
        assert findings[name] == (), name


def test_shanghai_2019(findings: dict[str, tuple[Finding, ...]]) -> None:
    listed = EXPECTED["shanghai-gov-office-2019.html"]["inconsistencies"]
    assert len(listed) == 5
    assert _summary(findings["shanghai-gov-office-2019.html"]) == [
        ("NARRATIVE-FIGURE", "予以公开及部分公开", 258, 275),  # listed[0]
        ("NARRATIVE-FIGURE", "因本机关不掌握等原因无法提供", 265, 337),  # listed[1]
        ("NARRATIVE-SUM", "答复政府信息公开申请", 805, 716),  # listed[2]
        (
            "NARRATIVE-SHARE",
            "予以公开及部分公开占比",
            Decimal("33.9"),
            Decimal("32.0"),
        ),  # listed[2]
        ("NARRATIVE-UPHELD", "信息公开类行政复议", 7, 5),  # listed[3]
        ("NARRATIVE-UPHELD", "诉讼", 9, 8),  # listed[3]
    ]
    # listed[4], the blank 总计 cells, is what blanks_as_zero assumes: every finding says so.
    assert all(f.blanks_as_zero for f in findings["shanghai-gov-office-2019.html"])


def test_pingtan_2022_narrative_counts_the_carried_over_application(
    findings: dict[str, tuple[Finding, ...]],
) -> None:
    assert "75" in EXPECTED["pingtan-zone-2022.txt"]["inconsistencies"][0]
    (finding,) = findings["pingtan-zone-2022.txt"]
    # 75 = 74 new + 1 carried over: the text reads 收到 as 一 + 二, which agrees with the table;
    # the finding says so (information), where it used to be a NARRATIVE-FIGURE warning.
    assert (finding.rule, finding.actual, finding.expected) == ("NARRATIVE-RECEIVED-WHOLE", 75, 74)
    assert finding.severity is Severity.INFO
    assert "一 + 二 = 75" in finding.message_zh


def test_hongze_2024_narrative_speaks_of_the_government_office(
    findings: dict[str, tuple[Finding, ...]],
) -> None:
    assert "17" in EXPECTED["hongze-district-2024.pdf"]["inconsistencies"][0]
    (finding,) = findings["hongze-district-2024.pdf"]
    assert (finding.rule, finding.actual, finding.expected) == ("NARRATIVE-SCOPE", 17, 95)
    assert finding.severity is Severity.INFO


def test_markdown_conversions_balance(findings: dict[str, tuple[Finding, ...]]) -> None:
    # The conversions lost labels and cells (expected.json's inconsistencies), not figures: read
    # whole, their tables agree with each other and with the text.
    assert findings["shanghai-gov-office-2025.md"] == ()
    assert findings["shanghai-stcsm-2024.md"] == ()


def test_shuyang_2025_narrative_counts_the_carried_over_applications(
    findings: dict[str, tuple[Finding, ...]],
) -> None:
    assert "受理749 (= 713+36)" in EXPECTED["shuyang-county-2025.txt"]["notes"]
    (finding,) = findings["shuyang-county-2025.txt"]
    assert (finding.rule, finding.actual, finding.expected) == (
        "NARRATIVE-RECEIVED-WHOLE",
        749,
        713,
    )
    assert finding.severity is Severity.INFO


def test_hongze_2023_table_4_totals(findings: dict[str, tuple[Finding, ...]]) -> None:
    assert "总计 0" in EXPECTED["hongze-district-2023.pdf"]["inconsistencies"][0]
    assert _summary(findings["hongze-district-2023.pdf"]) == [
        ("T4-TOTAL", ReviewGroup.RECONSIDERATION.code, 0, 11),
        ("T4-TOTAL", ReviewGroup.LITIGATION_AFTER_RECONSIDERATION.code, 0, 5),
    ]


def test_pingtan_2013_narrative_against_its_statistics_table(
    findings: dict[str, tuple[Finding, ...]],
) -> None:
    assert _summary(findings["pingtan-zone-2013.txt"]) == [
        ("LEGACY-NARRATIVE", "主动公开政府信息", 4970, 72804)
    ]


@pytest.mark.parametrize(
    ("name", "typo"),
    [
        ("hongze-district-2024.pdf", "其他法律行政止公开"),
        ("hongze-district-2023.pdf", "其他法律行政止公开"),
        ("pingtan-zone-2022.txt", "行政法复议"),
    ],
)
def test_label_typos_are_reported_by_the_parser(name: str, typo: str) -> None:
    assert any(typo in text for text in EXPECTED[name]["inconsistencies"])
    diagnostics = parse_report(FOLDER / name).diagnostics
    assert any(typo in str(d) for d in diagnostics)
