"""The corpus: one report per identity, year and tables; every source kept; series checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest

from common import extra
from govdisclosure.corpus import (
    Corpus,
    Failed,
    Parsed,
    SourceNotFound,
    find_sources,
    parse_one,
    parse_reports,
)
from govdisclosure.model import AnnualReport2021, ApplicationRow
from govdisclosure.serialize import to_json

REPORTS = Path(__file__).parent.parent / "data" / "reports"

HUAIAN = [
    REPORTS / n
    for n in ("huaian-city-2024.pdf", "huaian-city-2024.pypdf.txt", "huaian-city-2024.pdfminer.txt")
]
HONGZE = [REPORTS / "hongze-district-2023.pdf", REPORTS / "hongze-district-2024.pdf"]


@pytest.fixture(scope="module")
def hongze() -> Corpus:
    return Corpus.read(HONGZE)


@extra("pdf")
def test_three_sources_of_one_report_are_one_report() -> None:
    corpus = Corpus.read(HUAIAN)
    [item] = corpus.reports
    assert [s.source for s in item.sources] == sorted(str(p) for p in HUAIAN)
    assert len({s.sha256 for s in item.sources}) == 3
    assert item.identity == "320800:人民政府"
    assert item.report.agency.level is not None and item.report.agency.level.code == "prefecture"


def test_a_different_table_is_a_different_report(tmp_path: Path) -> None:
    result = parse_one(str(HUAIAN[1]))
    assert isinstance(result, Parsed)
    report = result.result.report
    assert isinstance(report, AnnualReport2021)
    applications = report.applications
    assert applications is not None
    rows = list(applications.rows)
    rows[0] = attrs.evolve(rows[0], total=(rows[0].total or 0) + 1)
    changed = attrs.evolve(report, applications=attrs.evolve(applications, rows=tuple(rows)))
    path = tmp_path / "changed.json"
    path.write_bytes(to_json(changed))
    corpus = Corpus.read([HUAIAN[1], path])
    assert len(corpus.reports) == 2
    assert {r.identity for r in corpus.reports} == {"320800:人民政府"}


@extra("pdf")
def test_hongze_2023_and_2024_chain_as_one_agency(hongze: Corpus) -> None:
    assert hongze.identities == ("320813:人民政府",)
    series = hongze.series("320813:人民政府")
    assert [r.report.agency.name for r in series] == ["洪泽区人民政府", "淮安市洪泽区人民政府"]
    assert [r.report.year for r in series] == [2023, 2024]
    assert hongze.series_findings() == ()
    assert hongze.notes() == ()
    entry = hongze.directory.resolve("洪泽区人民政府")
    assert entry is not None and entry.level is not None and entry.level.code == "county"


@extra("pdf")
def test_a_break_in_the_carry_over_is_found(hongze: Corpus, tmp_path: Path) -> None:
    later = hongze.series("320813:人民政府")[1].report
    assert isinstance(later, AnnualReport2021) and later.applications is not None
    rows = [
        attrs.evolve(r, total=(r.total or 0) + 5) if r.row is ApplicationRow.CARRIED_OVER else r
        for r in later.applications.rows
    ]
    broken = attrs.evolve(later, applications=attrs.evolve(later.applications, rows=tuple(rows)))
    path = tmp_path / "hongze-2024-broken.json"
    path.write_bytes(to_json(broken))
    corpus = Corpus.read([HONGZE[0], path])
    [finding] = corpus.series_findings()
    assert finding.finding.rule == "SERIES-CARRY" and finding.finding.year == 2024
    assert finding.source == str(path)
    assert finding in corpus.check()


def test_gaps_and_format_changes_are_noted() -> None:
    corpus = Corpus.read([REPORTS / "pingtan-zone-2013.txt", REPORTS / "pingtan-zone-2022.txt"])
    assert corpus.identities == ("平潭综合实验区",)
    notes = corpus.notes()
    assert [(n.kind, n.year) for n in notes] == [("missing-year", 2014), ("format-changed", 2022)]
    assert "2014-2021" in notes[0].message and "2014-2021" in notes[0].message_zh
    assert "2008" in notes[1].message


def test_find_sources_expands_folders_and_globs(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    names = ("a.txt", "sub/b.html", "sub/c.pdf", "sub/d.docx", "sub/e.md", "notes.csv", "README.md")
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    # Every form parse_report reads is found (markdown conversions and Word documents too); a
    # folder's README.md describes it and is not a report.
    assert find_sources([tmp_path]) == [str(tmp_path / n) for n in sorted(names[:5])]
    assert find_sources([f"{tmp_path}/**/*.pdf", tmp_path / "a.txt"]) == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "sub/c.pdf"),
    ]
    with pytest.raises(SourceNotFound, match="找不到文件"):
        find_sources([f"{tmp_path}/*.docx"])
    with pytest.raises(SourceNotFound):
        list(parse_reports([tmp_path / "missing.pdf"]))


def test_a_folder_without_reports_is_not_an_empty_corpus(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("x", encoding="utf-8")
    with pytest.raises(SourceNotFound, match="holds no report files"):
        find_sources([tmp_path])
    with pytest.raises(SourceNotFound, match="没有报告文件"):
        list(parse_reports([tmp_path]))


def test_unreadable_and_oversized_sources_are_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = parse_one(str(tmp_path / "gone.txt"))
    assert isinstance(missing, Failed) and missing.error == "FileNotFoundError"
    assert "文件不存在" in missing.message and str(missing).startswith(str(tmp_path))
    folder = parse_one(str(tmp_path))
    assert isinstance(folder, Failed) and "无法读取" in folder.message
    from govdisclosure.corpus import _sources

    monkeypatch.setattr(_sources, "_LIMIT", 10)
    big = tmp_path / "big.txt"
    big.write_text("x" * 11, encoding="utf-8")
    large = parse_one(str(big))
    assert isinstance(large, Failed) and large.error == "ValidationError"


def test_an_unexpected_exception_is_an_internal_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govdisclosure.corpus import _sources

    def broken(data: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(_sources, "parse_report", broken)
    shutil.copyfile(REPORTS / "pingtan-zone-2022.txt", tmp_path / "p.txt")
    outcome = parse_one(str(tmp_path / "p.txt"))
    assert isinstance(outcome, Failed) and outcome.internal
    assert outcome.error == "RuntimeError" and "this is a bug" in outcome.message


def test_progress_callback_and_invalid_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 2}', encoding="utf-8")
    seen: list[str] = []
    [outcome] = parse_reports([bad], on_progress=lambda o: seen.append(o.source))
    assert seen == [str(bad)]
    assert isinstance(outcome, Failed) and outcome.provenance.source_format == "json"
    corpus = Corpus.from_outcomes([outcome])
    assert corpus.reports == () and corpus.failures == (outcome,)


def test_panel_frame_and_rollup_of_a_corpus(hongze: Corpus) -> None:
    frame = hongze.panel_frame()
    assert str(frame["value"].dtype) == "Int64"
    assert set(frame["year"]) == {2023, 2024}
    carried = frame[
        (frame["row_code"] == "carried-over")
        & (frame["column_code"] == "total")
        & (frame["year"] == 2024)
    ]
    assert len(carried) == 1
    total = hongze.rollup(hongze.reports[1].report.agency, 2024, region="320800")
    assert total.count == 1
    with pytest.raises(ValueError, match="nothing to roll up"):
        hongze.rollup(hongze.reports[1].report.agency, 2024, parent="nobody")


@extra("pdf")
def test_rollup_over_a_parent_uses_the_directory(hongze: Corpus) -> None:
    from govdisclosure.model.directory import AgencyDirectory, AgencyName, DirectoryEntry

    directory = AgencyDirectory(
        (
            DirectoryEntry(id="huaian", names=(AgencyName("淮安市人民政府"),), region="320800"),
            DirectoryEntry(
                id="hongze",
                names=(AgencyName("洪泽区人民政府"), AgencyName("淮安市洪泽区人民政府")),
                region="320813",
                parent="huaian",
            ),
        )
    )
    corpus = Corpus.read(HONGZE, directory=directory)
    assert corpus.identities == ("hongze",)
    city = directory.get("huaian")
    assert city is not None
    total = corpus.rollup(city.agency(2024), 2024, parent="huaian")
    assert total.count == 1
    assert total.report.agency.name == "淮安市人民政府"


def test_a_directory_supplies_what_a_name_cannot_say() -> None:
    from govdisclosure.model import AgencyLevel
    from govdisclosure.model.directory import AgencyDirectory, AgencyName, DirectoryEntry

    directory = AgencyDirectory(
        (
            DirectoryEntry(
                id="pingtan",
                names=(AgencyName("平潭综合实验区"),),
                aliases=("平潭综合实验区管委会办公室",),
                region="350128",
                level=AgencyLevel.COUNTY,
            ),
        )
    )
    corpus = Corpus.read(
        [REPORTS / "pingtan-zone-2013.txt", REPORTS / "pingtan-zone-2022.txt"], directory=directory
    )
    assert corpus.identities == ("pingtan",)
    for item in corpus.reports:
        assert item.report.agency.level is AgencyLevel.COUNTY
        assert item.report.agency.region is not None
        assert item.report.agency.region.code == "350128"
