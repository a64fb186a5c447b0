"""The bundled example reports: they load, round-trip, and say exactly what their sources say.

Checks against the original sources (the seed text, the Shanghai HTML, the Huaian PDF text) read
them from the corpus in ``tests/data/reports`` (see ``tests/corpus.py``); everything else runs from
the bundled data alone.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from importlib import resources
from typing import TYPE_CHECKING, Any

import pytest

import corpus
from govdisclosure import examples
from govdisclosure.errors import GovDisclosureError
from govdisclosure.model.agency import AgencyKind, AgencyLevel
from govdisclosure.model.channel import ChannelKind
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReviewColumn
from govdisclosure.model.outcome import OutcomeGroup
from govdisclosure.model.quantity import Money, MoneyUnit, Qualifier, Quantity
from govdisclosure.model.report import (
    AnnualReport,
    AnnualReport2008,
    AnnualReport2019,
    AnnualReport2021,
    Figure,
)
from govdisclosure.model.tables import ApplicationTable, ReviewCounts, sum_cells
from govdisclosure.serialize import to_json

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

NAMES = ("huaian-city-2024", "shanghai-gov-office-2019", "sichuan-hrss-2013")
CLASSES: dict[str, type[AnnualReport]] = {
    "sichuan-hrss-2013": AnnualReport2008,
    "shanghai-gov-office-2019": AnnualReport2019,
    "huaian-city-2024": AnnualReport2021,
}


def _source(name: str) -> Path:
    """A source file of the corpus."""
    return corpus.path(name)


def _bundled(name: str) -> bytes:
    return (resources.files("govdisclosure.examples") / "data" / f"{name}.json").read_bytes()


def _all_figures(figures: tuple[Figure, ...]) -> Iterator[Figure]:
    for figure in figures:
        yield figure
        yield from _all_figures(figure.parts)


def _figure(report: AnnualReport, label: str) -> Figure:
    found = [f for f in report.figures if f.label == label]
    assert len(found) == 1, f"expected one figure labelled {label!r}, found {len(found)}"
    return found[0]


def _narrative(report: AnnualReport) -> list[str]:
    """Preamble, then every heading followed by its paragraphs, depth first (printed order)."""
    lines = list(report.preamble)
    for section in report.walk_sections():
        lines.append(section.heading)
        lines.extend(section.paragraphs)
    return lines


def _section_text(report: AnnualReport, heading: str) -> str:
    matches = [s for s in report.walk_sections() if s.heading == heading]
    assert len(matches) == 1, heading
    return matches[0].text


# ----------------------------------------------------------------------------- the loader


def test_names_are_sorted_and_complete() -> None:
    assert examples.names() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_each_example_loads_as_its_format_version(name: str) -> None:
    report = examples.load(name)
    assert type(report) is CLASSES[name]
    assert examples.load(name) is report  # cached


def test_unknown_name_lists_the_available_examples() -> None:
    with pytest.raises(examples.UnknownExample) as caught:
        examples.load("no-such-report")
    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, LookupError)
    assert isinstance(caught.value, GovDisclosureError)
    message = str(caught.value)
    assert "'no-such-report'" in message
    for name in NAMES:
        assert name in message


def test_unknown_name_is_not_read_as_a_path() -> None:
    with pytest.raises(KeyError):
        examples.load("../examples/data/huaian-city-2024")


@pytest.mark.parametrize("name", NAMES)
def test_round_trip_is_canonical(name: str) -> None:
    raw = _bundled(name)
    compact = json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":"))
    assert to_json(examples.load(name)) == compact.encode()


@pytest.mark.parametrize("name", NAMES)
def test_bundled_file_is_the_pretty_printed_serialization(name: str) -> None:
    raw = _bundled(name).decode()
    expected = json.dumps(json.loads(to_json(examples.load(name))), ensure_ascii=False, indent=1)
    assert raw == expected + "\n"


@pytest.mark.parametrize("name", NAMES)
def test_every_quote_is_in_the_narrative(name: str) -> None:
    report = examples.load(name)
    headings = {s.heading for s in report.walk_sections()}
    for figure in _all_figures(report.figures):
        assert figure.quote is not None, figure.label
        assert figure.section in headings, figure.label
        assert figure.quote in _section_text(report, figure.section), figure.label


# ----------------------------------------------------------------------------- Sichuan 2013

SEED = corpus.SEED.name
TRAILER = ["- 分享到:", "上一篇:", "下一篇:"]


def _assert_agency(
    report: AnnualReport, name: str, level: AgencyLevel, kind: AgencyKind, region: str
) -> None:
    """The example's agency: its name, level, kind and region code."""
    agency = report.agency
    assert agency.name == name
    assert agency.level is level
    assert agency.kind is kind
    assert agency.region is not None
    assert agency.region.code == region


def test_sichuan_agency_and_metadata() -> None:
    report = examples.load("sichuan-hrss-2013")
    _assert_agency(
        report, "四川省人力资源和社会保障厅", AgencyLevel.PROVINCE, AgencyKind.DEPARTMENT, "510000"
    )
    assert report.agency.parent == "四川省人民政府"
    assert report.year == 2013
    assert report.title == "四川省人力资源和社会保障厅2013年政府信息公开工作年度报告"
    assert report.processing_fee == Money(Decimal("0"), MoneyUnit.YUAN)


def test_sichuan_text_is_the_seed_without_the_page_trailer() -> None:
    lines = _source(SEED).read_text(encoding="utf-8").split("\n")
    assert lines[-3:] == TRAILER
    report = examples.load("sichuan-hrss-2013")
    assert _narrative(report) == lines[:-3]
    assert [s.heading for s in report.sections] == [
        "一、政府信息公开工作概述和政府信息主动公开情况",
        "二、依申请公开、相关行政复议和行政诉讼情况",
        "三、存在的主要问题及下步工作打算",
    ]
    assert all("分享到" not in line for line in _narrative(report))


S1 = "一、政府信息公开工作概述和政府信息主动公开情况"
S2 = "二、依申请公开、相关行政复议和行政诉讼情况"

SICHUAN_FACTS = [
    # label, value, unit, qualifier, section, words the quote must contain
    ("公开各类信息", 10000, "条", Qualifier.MORE_THAN, S1, "各类信息10000余条"),
    ("各级媒体刊发稿件", 400, "篇", Qualifier.NEARLY, S1, "刊发稿件近400篇"),
    ("政务微博公开政府信息", 337, "条", Qualifier.EXACT, S1, "政务微博公开政府信息337条"),
    ("清理省本级行政审批项目工作的清理原则", 11, "项", Qualifier.EXACT, S1, "11项清理原则"),
    ("清理非行政许可审批项目", 78, "项", Qualifier.EXACT, S1, "清理非行政许可审批项目78项"),
    ("现行行政审批项目", 6, "项", Qualifier.EXACT, S1, "涉及我厅现行行政审批项目共6项"),
    ("在线访谈", 2, "次", Qualifier.EXACT, S1, "在线访谈2次"),
    ("新闻发布会", 4, "次", Qualifier.EXACT, S1, "新闻发布会4次"),
    ("受理政府信息公开申请", 10, "件", Qualifier.EXACT, S2, "受理政府信息公开申请10件"),
    ("按时办结率", 100, "%", Qualifier.EXACT, S2, "按时办结率100%"),
    ("与政府信息公开工作有关的行政复议申请", 0, "件", Qualifier.EXACT, S2, "全年未收到"),
    ("与政府信息公开工作有关的行政诉讼", 0, "件", Qualifier.EXACT, S2, "全年未收到"),
]


@pytest.mark.parametrize(
    ("label", "value", "unit", "qualifier", "section", "words"),
    SICHUAN_FACTS,
    ids=[f"{fact[1]}{fact[3].code}" for fact in SICHUAN_FACTS],
)
def test_sichuan_figure(
    label: str, value: int, unit: str, qualifier: Qualifier, section: str, words: str
) -> None:
    figure = _figure(examples.load("sichuan-hrss-2013"), label)
    assert figure.quantity == Quantity(value, unit, qualifier)
    assert type(figure.quantity.value) is int
    assert figure.section == section
    assert figure.quote is not None
    assert words in figure.quote


def test_sichuan_qualifiers_are_kept() -> None:
    report = examples.load("sichuan-hrss-2013")
    assert _figure(report, "公开各类信息").quantity.qualifier is Qualifier.MORE_THAN
    assert _figure(report, "各级媒体刊发稿件").quantity.qualifier is Qualifier.NEARLY
    inexact = {f.label for f in _all_figures(report.figures) if not f.quantity.is_exact}
    assert inexact == {"公开各类信息", "各级媒体刊发稿件"}


def test_sichuan_breakdowns() -> None:
    report = examples.load("sichuan-hrss-2013")
    cleaned = _figure(report, "清理非行政许可审批项目")
    parts = [(p.label, p.quantity.value, p.quantity.unit) for p in cleaned.parts]
    assert parts == [
        ("审批件", 27, "项"),
        ("审核", 25, "项"),
        ("核准", 6, "项"),
        ("同意", 1, "项"),
        ("确认", 2, "项"),
        ("审查", 1, "项"),
        ("备案", 12, "项"),
        ("登记", 4, "项"),
    ]
    assert sum(int(p.quantity.value) for p in cleaned.parts) == cleaned.quantity.value
    licensing = _figure(report, "现行行政审批项目")
    assert [(p.label, p.quantity) for p in licensing.parts] == [("清理后保留", Quantity(1, "项"))]


def test_sichuan_channels() -> None:
    report = examples.load("sichuan-hrss-2013")
    channels = {(c.kind, c.name) for c in report.channels}
    expected = {
        (ChannelKind.PORTAL, "厅门户网站"),
        (ChannelKind.WEBSITE, "四川人才网"),
        (ChannelKind.WEBSITE, "四川人事考试网"),
        (ChannelKind.WEBSITE, "四川人才培训网"),
        (ChannelKind.WEBSITE, "四川就业服务网"),
        (ChannelKind.WEBSITE, "四川社保公众服务网"),
        (ChannelKind.MICROBLOG, "政务微博"),
        (ChannelKind.ELECTRONIC_SCREEN, "厅机关电子显示屏"),
        (ChannelKind.HOTLINE, "12333咨询服务电话"),
        (ChannelKind.MAILBOX, "厅长信箱"),
        (ChannelKind.MAILBOX, "举报信箱"),
        (ChannelKind.HOTLINE, "举报电话"),
        (ChannelKind.NEWSPAPER, "《中国组织人事报》"),
        (ChannelKind.NEWSPAPER, "《中国劳动保障报》"),
        (ChannelKind.NEWSPAPER, "《四川日报》"),
        (ChannelKind.NEWSPAPER, "《华西都市报》"),
        (ChannelKind.RADIO, "四川广播电台“阳光政务”政风行风热线"),
        (ChannelKind.ONLINE_INTERVIEW, "在线访谈"),
        (ChannelKind.PRESS_CONFERENCE, "新闻发布会"),
    }
    assert channels == expected
    assert len(report.channels) == len(expected)
    weibo = next(c for c in report.channels if c.kind is ChannelKind.MICROBLOG)
    assert weibo.published == Quantity(337, "条")


# ----------------------------------------------------------------------------- national formats

# The key figures of expected.json, copied exactly (None = the source cell is blank).
EXPECTED: dict[str, dict[str, Any]] = {
    "shanghai-gov-office-2019": {
        "file": "shanghai-gov-office-2019.html",
        "new_applications_natural_person": 821,
        "new_applications_total": 859,
        "carried_over_from_last_year": 18,
        "outcomes": {
            "予以公开": None,
            "部分公开": None,
            "不予公开": None,
            "无法提供": None,
            "不予处理": None,
            "其他处理": None,
            "总计": 805,
        },
        "outcomes_natural_person": {"予以公开": 258, "部分公开": 3, "总计": 767},
        "carried_to_next_year": 72,
        "reconsideration": {
            "maintain": 5,
            "correct": None,
            "other": None,
            "pending": 2,
            "total": 7,
        },
        "litigation_direct": {
            "maintain": 8,
            "correct": None,
            "other": None,
            "pending": 1,
            "total": 9,
        },
        "litigation_after_reconsideration": {
            "maintain": None,
            "correct": None,
            "other": None,
            "pending": None,
            "total": None,
        },
    },
    "huaian-city-2024": {
        "file": "huaian-city-2024.pdf",
        "new_applications_natural_person": 3001,
        "new_applications_total": 3119,
        "carried_over_from_last_year": 34,
        "outcomes": {
            "予以公开": 1362,
            "部分公开": 454,
            "不予公开": 178,
            "无法提供": 781,
            "不予处理": 88,
            "其他处理": 187,
            "总计": 3050,
        },
        "carried_to_next_year": 103,
        "reconsideration": {
            "maintain": 72,
            "correct": 64,
            "other": 178,
            "pending": 37,
            "total": 351,
        },
        "litigation_direct": {"maintain": 13, "correct": 4, "other": 8, "pending": 1, "total": 26},
        "litigation_after_reconsideration": {
            "maintain": 12,
            "correct": 1,
            "other": 1,
            "pending": 6,
            "total": 20,
        },
    },
}
NATIONAL = tuple(EXPECTED)
_REVIEW_COLUMNS = tuple(ReviewColumn)
REVIEW_GROUPS = ("reconsideration", "litigation_direct", "litigation_after_reconsideration")


def _table(name: str) -> ApplicationTable:
    report = examples.load(name)
    assert isinstance(report, AnnualReport2019 | AnnualReport2021)
    assert report.applications is not None
    return report.applications


def _category_total(table: ApplicationTable, group: OutcomeGroup) -> int | None:
    """expected.json's outcome category: the printed 总计 of its rows, summed (blank if any is)."""
    return sum_cells(r.total for r in table.rows if r.row.group is group)


def _review(counts: ReviewCounts) -> dict[str, int | None]:
    return {
        "maintain": counts.maintained,
        "correct": counts.corrected,
        "other": counts.other,
        "pending": counts.pending,
        "total": counts.total,
    }


def test_expected_figures_match_expected_json() -> None:
    document = corpus.expected_document()
    by_file = {r["file"]: r for r in document["reports"]}
    for figures in EXPECTED.values():
        source = by_file[figures["file"]]
        for key, value in figures.items():
            assert source[key] == value, key


@pytest.mark.parametrize("name", NATIONAL)
def test_table3_key_figures(name: str) -> None:
    expected = EXPECTED[name]
    table = _table(name)
    new = table.row(ApplicationRow.NEW)
    assert new.natural_person == expected["new_applications_natural_person"]
    assert new.total == expected["new_applications_total"]
    assert table.row(ApplicationRow.CARRIED_OVER).total == expected["carried_over_from_last_year"]
    assert table.row(ApplicationRow.CARRIED_FORWARD).total == expected["carried_to_next_year"]
    outcomes = {group.label: _category_total(table, group) for group in OutcomeGroup}
    outcomes["总计"] = table.row(ApplicationRow.TOTAL).total
    assert outcomes == expected["outcomes"]


def test_shanghai_natural_person_outcomes() -> None:
    table = _table("shanghai-gov-office-2019")
    person = EXPECTED["shanghai-gov-office-2019"]["outcomes_natural_person"]
    assert table.row(ApplicationRow.GRANTED).natural_person == person["予以公开"]
    assert table.row(ApplicationRow.PARTIALLY_GRANTED).natural_person == person["部分公开"]
    assert table.row(ApplicationRow.TOTAL).natural_person == person["总计"]


@pytest.mark.parametrize("name", NATIONAL)
def test_table4(name: str) -> None:
    report = examples.load(name)
    assert isinstance(report, AnnualReport2019 | AnnualReport2021)
    assert report.reviews is not None
    for group in REVIEW_GROUPS:
        assert _review(getattr(report.reviews, group)) == EXPECTED[name][group], group


@pytest.mark.parametrize("name", NATIONAL)
def test_table3_balances(name: str) -> None:
    table = _table(name)
    for column in ("natural_person", "total"):
        one, two, three, four = (
            getattr(table.row(r), column)
            for r in (
                ApplicationRow.NEW,
                ApplicationRow.CARRIED_OVER,
                ApplicationRow.TOTAL,
                ApplicationRow.CARRIED_FORWARD,
            )
        )
        assert one + two == three + four, column


# ----------------------------------------------------------------------------- Shanghai 2019

SHANGHAI_HTML = "shanghai-gov-office-2019.html"


class _Paragraphs(HTMLParser):
    """Texts of the <p> elements outside tables, and the cell texts of each table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._table_depth = 0
        self._text: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._table_depth += 1
            self.tables.append([])
        elif tag == "tr" and self._table_depth:
            self.tables[-1].append([])
        elif tag == "td" and self._table_depth:
            self._cell = []
        elif tag == "p" and not self._table_depth:
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table_depth -= 1
        elif tag == "td" and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "p" and self._text is not None:
            self.paragraphs.append("".join(self._text))
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._text is not None:
            self._text.append(data)


def _shanghai_html() -> _Paragraphs:
    parser = _Paragraphs()
    parser.feed(_source(SHANGHAI_HTML).read_text(encoding="utf-8"))
    parser.close()
    return parser


def _cell(text: str) -> int | None:
    stripped = text.replace("\xa0", " ").strip()
    return None if stripped == "" else int(stripped)


def test_shanghai_metadata() -> None:
    report = examples.load("shanghai-gov-office-2019")
    _assert_agency(
        report, "上海市人民政府办公厅", AgencyLevel.PROVINCE, AgencyKind.GENERAL_OFFICE, "310000"
    )
    assert report.title == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert report.published_on is not None
    assert report.published_on.isoformat() == "2020-01-31"
    assert report.processing_fee is None


def test_shanghai_narrative_is_the_html_paragraphs() -> None:
    report = examples.load("shanghai-gov-office-2019")
    assert report.published_on is not None
    expected = _shanghai_html().paragraphs
    dateline = f"发布日期：{report.published_on.isoformat()}"
    assert [report.title, dateline, *_narrative(report)] == expected
    assert any("《上海市贯彻<长江三角洲区域一体化发展规划纲要>实施方案》" in p for p in expected)


def test_shanghai_sections() -> None:
    report = examples.load("shanghai-gov-office-2019")
    assert [s.heading for s in report.sections] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、政府信息公开工作存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert [s.heading for s in report.sections[0].subsections] == [
        "（一）主动公开方面",
        "（二）依申请公开方面",
        "（三）政府信息管理方面",
        "（四）平台建设方面",
        "（五）监督保障方面",
    ]
    assert report.sections[-1].paragraphs == ("无。",)


def test_shanghai_table3_is_every_cell_as_printed() -> None:
    rows = _shanghai_html().tables[1][3:]
    grid = [[_cell(text) for text in row[-7:]] for row in rows]
    assert len(grid) == 23
    expected = ApplicationTable.from_grid(FormatVersion.TRIAL_2019, grid)
    assert _table("shanghai-gov-office-2019") == expected


def test_shanghai_table4_is_every_cell_as_printed() -> None:
    cells = [_cell(text) for text in _shanghai_html().tables[2][3]]
    report = examples.load("shanghai-gov-office-2019")
    assert isinstance(report, AnnualReport2019)
    assert report.reviews is not None
    printed = [
        counts.cell(column)
        for counts in (
            report.reviews.reconsideration,
            report.reviews.litigation_direct,
            report.reviews.litigation_after_reconsideration,
        )
        for column in _REVIEW_COLUMNS
    ]
    assert printed == cells


def test_shanghai_table2() -> None:
    report = examples.load("shanghai-gov-office-2019")
    assert isinstance(report, AnnualReport2019)
    table = report.proactive
    assert table is not None
    documents = [table.regulations, table.normative_documents]
    assert [(d.made, d.published, d.total_published) for d in documents] == [
        (13, 13, 524),
        (60, 60, 368),
    ]
    items = [table.licensing, table.other_services, table.penalties, table.compulsory_measures]
    assert all((i.previous_year, i.change, i.decisions) == (0, 0, 0) for i in items)
    assert (table.fees.previous_year, table.fees.change) == (0, 0)
    assert table.procurement.projects == 6
    assert table.procurement.total_amount == Money(Decimal("251000"), MoneyUnit.YUAN)


A2 = "（二）依申请公开方面"
SHANGHAI_FACTS = [
    ("受理政府信息公开申请", 859, "件"),
    ("答复政府信息公开申请", 805, "件"),
    ("上年度结转申请", 18, "件"),
    ("顺延到下年度答复的申请", 72, "件"),
    ("予以公开及部分公开", 258, "件"),
    ("予以公开及部分公开占比", Decimal("33.9"), "%"),
    ("不予公开", 35, "件"),
    ("因本机关不掌握等原因无法提供", 265, "件"),
    ("不予处理", 158, "件"),
    ("其他处理", 0, "件"),
    ("信息公开类行政复议", 7, "件"),
    ("信息公开类诉讼", 9, "件"),
]


@pytest.mark.parametrize(
    ("label", "value", "unit"), SHANGHAI_FACTS, ids=[str(f[1]) for f in SHANGHAI_FACTS]
)
def test_shanghai_narrative_figure(label: str, value: int | Decimal, unit: str) -> None:
    figure = _figure(examples.load("shanghai-gov-office-2019"), label)
    assert figure.quantity == Quantity(value, unit)
    assert type(figure.quantity.value) is type(value)
    assert figure.section == A2


def test_shanghai_narrative_disagrees_with_its_tables_as_published() -> None:
    # Kept as printed: expected.json lists these as the source's inconsistencies.
    report = examples.load("shanghai-gov-office-2019")
    table = _table("shanghai-gov-office-2019")
    granted = table.row(ApplicationRow.GRANTED)
    assert _figure(report, "予以公开及部分公开").quantity.value == granted.natural_person
    assert granted.sum_printed() + table.row(ApplicationRow.PARTIALLY_GRANTED).sum_printed() == 275
    unable = [r for r in table.rows if r.row.group is OutcomeGroup.UNABLE_TO_PROVIDE]
    assert sum(r.sum_printed() for r in unable) == 337
    assert _figure(report, "因本机关不掌握等原因无法提供").quantity.value == 265


# ----------------------------------------------------------------------------- Huaian 2024

HUAIAN_TEXT = "huaian-city-2024.pypdf.txt"


def test_huaian_metadata() -> None:
    report = examples.load("huaian-city-2024")
    _assert_agency(
        report, "淮安市人民政府", AgencyLevel.PREFECTURE, AgencyKind.PEOPLES_GOVERNMENT, "320800"
    )
    assert report.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert report.processing_fee == Money(Decimal("3940"))


def test_huaian_narrative_follows_the_pdf_text() -> None:
    # The PDF text with line wraps, page footers and the extractor's spaces removed.
    lines = _source(HUAIAN_TEXT).read_text(encoding="utf-8").splitlines()
    kept = [x for x in lines if not x.startswith("#") and not re.fullmatch(r"- \d+ -", x)]
    flat = re.sub(r"\s+", "", "".join(kept))
    report = examples.load("huaian-city-2024")
    assert report.title is not None
    position = flat.index(report.title)
    for piece in _narrative(report):
        assert " " not in piece
        found = flat.find(piece, position)
        assert found >= position, piece[:20]
        position = found + len(piece)


def test_huaian_table2() -> None:
    report = examples.load("huaian-city-2024")
    assert isinstance(report, AnnualReport2021)
    table = report.proactive
    assert table is not None
    regulations, normative = table.regulations, table.normative_documents
    assert (regulations.issued, regulations.repealed, regulations.in_force) == (1, 0, 11)
    assert (normative.issued, normative.repealed, normative.in_force) == (8, 26, 66)
    assert (table.licensing, table.penalties, table.compulsory_measures) == (
        447228,
        3985758,
        88283,
    )
    assert table.fee_amount == Decimal("96171.6")


def test_huaian_table3_sums_hold_everywhere() -> None:
    table = _table("huaian-city-2024")
    assert all(r.computed_total == r.total for r in table.rows)
    outcome_rows = [r for r in table.rows if r.row.is_outcome]
    assert len(outcome_rows) == 21
    total = table.row(ApplicationRow.TOTAL)
    for column in ("natural_person", "commercial_enterprise", "legal_service_institution", "total"):
        assert sum(getattr(r, column) for r in outcome_rows) == getattr(total, column), column


HUAIAN_FACTS = [
    ("市政府网站主动公开各类政府信息", Quantity(5500, "条", Qualifier.MORE_THAN)),
    ("新增公开市政府规章", Quantity(1, "件")),
    ("新增公开市政府及市政府办政策性文件", Quantity(11, "件")),
    ("制作政策解读", Quantity(21, "个")),
    ("制作《淮安市人民政府公报》", Quantity(6, "期")),
    ("组织召开新闻发布会", Quantity(12, "场")),
    ("受理政府信息公开申请", Quantity(3119, "件")),
    ("答复政府信息公开申请", Quantity(3050, "件")),
    ("上年度结转申请", Quantity(34, "件")),
    ("顺延到下年度答复的申请", Quantity(103, "件")),
    ("政府信息公开行政复议", Quantity(351, "件")),
    ("政府信息公开行政诉讼", Quantity(46, "件")),
    ("全市在运维政务新媒体", Quantity(95, "个")),
    ("政府信息公开信息处理费", Quantity(3940, "元")),
]


@pytest.mark.parametrize(
    ("label", "quantity"), HUAIAN_FACTS, ids=[str(f[1].value) for f in HUAIAN_FACTS]
)
def test_huaian_narrative_figure(label: str, quantity: Quantity) -> None:
    assert _figure(examples.load("huaian-city-2024"), label).quantity == quantity


def test_huaian_review_breakdowns_agree_with_table4() -> None:
    report = examples.load("huaian-city-2024")
    assert isinstance(report, AnnualReport2021)
    assert report.reviews is not None
    reviews = report.reviews
    reconsideration = _figure(report, "政府信息公开行政复议")
    assert [p.quantity.value for p in reconsideration.parts] == [
        reviews.reconsideration.cell(c) for c in _REVIEW_COLUMNS[:4]
    ]
    litigation = _figure(report, "政府信息公开行政诉讼")
    assert [(p.label, p.quantity.value) for p in litigation.parts] == [
        ("结果维持", 25),
        ("结果纠正", 5),
        ("其他结果", 9),
        ("尚未审结", 7),
    ]
    both = (reviews.litigation_direct, reviews.litigation_after_reconsideration)
    for part, column in zip(litigation.parts, _REVIEW_COLUMNS[:4], strict=True):
        assert part.quantity.value == sum(int(g.cell(column) or 0) for g in both)
    assert litigation.quantity.value == sum(int(g.total or 0) for g in both)
