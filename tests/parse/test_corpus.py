"""The parser against the whole corpus of real reports: every key figure right, blank or wrong.

Each report of ``tests/data/reports`` is parsed with :func:`~govdisclosure.parse.parse_report` and
its key figures are compared with the ones entered by hand from the source (``expected.json``):

- national formats (2019, 2021): table 3 rows 一 and 二 (every applicant column where entered,
  else 自然人 and 总计), each outcome group's 总计 （一）…（六） and （七）总计,
  四 结转下年度继续办理, and the 15 cells of table 4;
- 2008-era reports with a local statistics table: its cells (this year, cumulative).

A figure is *right* when the parser gives the printed value, *blank* when it gives nothing for a
printed value, and *wrong* when it gives a value the source does not print there (including a
value where the source leaves the cell blank). Cells the source leaves blank and the parser leaves
blank are *unprinted* and do not count. The table per source kind is printed (``-s``, and in the
terminal summary).

Wrong must be 0 for every report. The share read (right / printed) per source kind may not fall
below ``FLOORS``, the parser's reading on the day the corpus was built: a ratchet that the parser
work raises towards the issue's 98% (raise a floor when the parser reads more; never lower one).
A report that does not parse today is listed in ``KNOWN_PARSE_FAILURES`` with its error, and
asserted to still fail: fixing it makes this test fail until the entry is removed.
"""

from __future__ import annotations

import functools
from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest

import corpus
from govdisclosure.errors import ParseError
from govdisclosure.model.layout import ApplicationRow
from govdisclosure.model.report import AnnualReport2008, AnnualReport2019, AnnualReport2021
from govdisclosure.parse import parse_report

if TYPE_CHECKING:
    from govdisclosure.model import AnnualReport
    from govdisclosure.model.outcome import OutcomeGroup

R = ApplicationRow
#: A key figure: a count, an amount (Decimal, in a statistics table), or blank.
Value = int | Decimal | None

#: Reports the parser cannot read today, with (a part of) the error it gives. A report added that
#: does not parse goes here with its error (and its figures count as blank).
KNOWN_PARSE_FAILURES: dict[str, str] = {}

#: The least share of printed key figures read, per source kind (today's reading; a ratchet).
FLOORS: dict[str, float] = {
    "html": 1.0,
    "pdf": 1.0,
    "pdf-text": 1.0,
    "crawled-text": 1.0,
    "markdown": 1.0,
}

_REVIEW_GROUPS = ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
_APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def _files() -> list[str]:
    return [p.name for p in corpus.report_files()]


def _kind(name: str) -> str:
    kinds: dict[str, str] = corpus.expected_document()["source_kinds"]
    return kinds[name]


def _group_total(report: AnnualReport2019 | AnnualReport2021, group: OutcomeGroup) -> Value:
    """A group's 总计: its one row's cell, or the sum of its sub-rows' (blank if any is blank)."""
    if report.applications is None:  # the parser found no table 3: every figure is blank
        return None
    totals = [r.total for r in report.applications.rows if r.row.group is group]
    if any(t is None for t in totals):
        return None
    return sum(t for t in totals if t is not None)


def _national(entry: dict[str, Any], report: AnnualReport | None) -> dict[str, tuple[Value, Value]]:
    """Key figure -> (expected, parsed) for a 2019/2021-format report."""
    national = report if isinstance(report, AnnualReport2019 | AnnualReport2021) else None
    table = national.applications if national is not None else None
    reviews = national.reviews if national is not None else None

    def row(r: ApplicationRow) -> tuple[Value, ...]:
        if table is None:
            return (None,) * 7
        counts = table.row(r)
        return (*counts.by_applicant, counts.total)

    figures: dict[str, tuple[Value, Value]] = {}
    columns = corpus.expected_document().get("applicant_columns", {}).get(entry["file"])
    if columns is not None:
        for key, r in (("new", R.NEW), ("carried_over", R.CARRIED_OVER)):
            for label, want, got in zip(_APPLICANTS, columns[key], row(r), strict=True):
                figures[f"{r.code}/{label}"] = (want, got)
    else:
        figures["new/自然人"] = (entry["new_applications_natural_person"], row(R.NEW)[0])
        figures["new/总计"] = (entry["new_applications_total"], row(R.NEW)[6])
        figures["carried-over/总计"] = (
            entry["carried_over_from_last_year"],
            row(R.CARRIED_OVER)[6],
        )
    for label, want in entry["outcomes"].items():
        if label == "总计":
            got = row(R.TOTAL)[6]
        else:
            got = None if national is None else _group_total(national, corpus.GROUP_OF[label])
        figures[f"outcome/{label}"] = (want, got)
    figures["carried-forward/总计"] = (entry["carried_to_next_year"], row(R.CARRIED_FORWARD)[6])
    for group in _REVIEW_GROUPS:
        counts = None if reviews is None else getattr(reviews, group)
        for key, value in entry[group].items():
            got = None if counts is None else getattr(counts, corpus.REVIEW_COLUMN_OF[key])
            figures[f"{group}/{key}"] = (value, got)
    return figures


def _legacy(entry: dict[str, Any], report: AnnualReport | None) -> dict[str, tuple[Value, Value]]:
    """Key figure -> (expected, parsed) for the statistics table of a 2008-era report."""
    parsed = {}
    if isinstance(report, AnnualReport2008):
        parsed = {s.indicator: (s.this_year, s.cumulative) for s in report.statistics}
    figures: dict[str, tuple[Value, Value]] = {}
    for indicator, _unit, this_year, cumulative in entry.get("statistics_table", ()):
        got = parsed.get(indicator, (None, None))
        figures[f"{indicator}/本年"] = (this_year, got[0])
        figures[f"{indicator}/累计"] = (cumulative, got[1])
    return figures


def _verdict(want: Value, got: Value) -> str:
    if got is None:
        return "unprinted" if want is None else "blank"
    return "right" if got == want else "wrong"


@functools.cache
def _results() -> dict[str, dict[str, tuple[Value, Value, str]]]:
    """File -> key figure -> (expected, parsed, verdict), every corpus file parsed once."""
    entries = corpus.by_file()
    found: dict[str, dict[str, tuple[Value, Value, str]]] = {}
    for name in _files():
        entry = entries[name]
        report = None
        if name not in KNOWN_PARSE_FAILURES:
            report = parse_report(corpus.path(name)).report
        if entry["format_version"][:4] in ("2019", "2021"):
            figures = _national(entry, report)
        else:
            figures = _legacy(entry, report)
        found[name] = {k: (w, g, _verdict(w, g)) for k, (w, g) in figures.items()}
    return found


def _by_kind() -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {}
    for name, figures in _results().items():
        tally = counts.setdefault(_kind(name), Counter())
        tally["reports"] += 1
        tally.update(verdict for _, _, verdict in figures.values())
    return counts


def _read(tally: Counter[str]) -> float:
    printed = tally["right"] + tally["blank"] + tally["wrong"]
    return tally["right"] / printed if printed else 1.0


def _table() -> list[str]:
    lines = [
        "corpus: key figures per source kind (right / blank / wrong of the printed; unprinted)",
        (
            f"{'source kind':<14}{'reports':>8}{'right':>7}{'blank':>7}{'wrong':>7}"
            f"{'unprinted':>10}{'read':>8}{'floor':>7}"
        ),
    ]
    for kind, t in sorted(_by_kind().items()):
        lines.append(
            f"{kind:<14}{t['reports']:>8}{t['right']:>7}{t['blank']:>7}{t['wrong']:>7}"
            f"{t['unprinted']:>10}{_read(t):>8.1%}{FLOORS.get(kind, 0.0):>7.0%}"
        )
    failing = ", ".join(sorted(KNOWN_PARSE_FAILURES)) or "none"
    lines.append(f"known parse failures: {failing}")
    return lines


def test_every_file_of_the_corpus_has_hand_entered_figures() -> None:
    entries = corpus.by_file()
    kinds = corpus.expected_document()["source_kinds"]
    assert set(_files()) == set(entries) == set(kinds)
    assert set(kinds.values()) <= {"html", "pdf", "pdf-text", "markdown", "crawled-text", "docx"}


@pytest.mark.parametrize("name", _files())
def test_no_key_figure_is_wrong(name: str) -> None:
    wrong = {k: (w, g) for k, (w, g, verdict) in _results()[name].items() if verdict == "wrong"}
    assert not wrong, f"{name}: (expected, parsed) {wrong}"


def test_known_parse_failures_still_fail() -> None:
    assert set(KNOWN_PARSE_FAILURES) <= set(_files())
    for name, error in KNOWN_PARSE_FAILURES.items():
        with pytest.raises(ParseError, match=error):
            parse_report(corpus.path(name))


def test_the_share_read_per_source_kind_holds_its_floor() -> None:
    table = _table()
    corpus.SUMMARY[:] = table  # printed in the terminal summary (tests/conftest.py)
    print("\n" + "\n".join(table))  # and here, with -s
    by_kind = _by_kind()
    assert set(FLOORS) == set(by_kind), "every source kind of the corpus has a floor"
    low = {kind: _read(t) for kind, t in by_kind.items() if _read(t) < FLOORS[kind]}
    assert not low, "\n".join(table)
