"""Figures that stand out in a corpus: against same-level agencies of the year, and year on year.

Beyond the identities a report must satisfy, an evaluator reading many reports wants the figures
that are unusual: an agency that received forty times what its peers did, or whose reviews went
from 2 to 90 while everyone else's stayed level. :func:`outliers` finds them with robust
statistics that one wild report cannot drag: the median and the median absolute deviation
(MAD) of each figure's logarithm (counts are skewed: a city receives a hundred times a county),
and the modified z-score ``0.6745 * (x - median) / MAD`` of Iglewicz and Hoaglin, flagged beyond
3.5. A group needs at least ``min_group`` reports (default 5), and a group whose MAD is 0 (most
agencies print the same figure) flags nothing: there is no spread to be unusual against.

Every outlier is an information finding (OUTLIER-PEER, OUTLIER-JUMP) that says which figure,
against what and by how much, with its score to sort by.
"""

from __future__ import annotations

import math
import statistics
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govdisclosure.checks._core import (
    Finding,
    Observation,
    Severity,
    _finding,
    register_rule,
    registered_rules,
)
from govdisclosure.model.form import CellRef, form_of
from govdisclosure.model.layout import ApplicationRow, ReportPart
from govdisclosure.model.report import AnnualReport

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence

__all__ = ["OUTLIER_FIGURES", "Outlier", "outliers"]

#: The modified z-score beyond which a figure is an outlier (Iglewicz and Hoaglin).
THRESHOLD = 3.5


def _application(row: ApplicationRow) -> Callable[[AnnualReport], int | None]:
    def get(report: AnnualReport) -> int | None:
        table = getattr(report, "applications", None)
        return None if table is None else table.row(row).total

    return get


def _reviews(*groups: str) -> Callable[[AnnualReport], int | None]:
    def get(report: AnnualReport) -> int | None:
        table = getattr(report, "reviews", None)
        if table is None:
            return None
        values = [getattr(table, g).total for g in groups]
        return None if None in values else sum(values)

    return get


#: The figures compared: (table, row, column of the cell named, how to read it).
OUTLIER_FIGURES: tuple[tuple[ReportPart, str, str, Callable[[AnnualReport], int | None]], ...] = (
    (ReportPart.APPLICATIONS, ApplicationRow.NEW.code, "total", _application(ApplicationRow.NEW)),
    (
        ReportPart.APPLICATIONS,
        ApplicationRow.TOTAL.code,
        "total",
        _application(ApplicationRow.TOTAL),
    ),
    (
        ReportPart.APPLICATIONS,
        ApplicationRow.CARRIED_FORWARD.code,
        "total",
        _application(ApplicationRow.CARRIED_FORWARD),
    ),
    (ReportPart.REVIEWS, "reconsideration", "total", _reviews("reconsideration")),
    (ReportPart.REVIEWS, "litigation_direct", "total", _reviews("litigation_direct")),
    (
        ReportPart.REVIEWS,
        "litigation_after_reconsideration",
        "total",
        _reviews("litigation_after_reconsideration"),
    ),
)


def _none(*reports: AnnualReport) -> Iterator[Observation]:
    """Corpus rules are run by :func:`outliers`, not by the engine."""
    return iter(())


register_rule(
    "OUTLIER-PEER",
    versions=None,
    severity=Severity.INFO,
    part=ReportPart.APPLICATIONS,
    message=(
        "{row}: {actual}, against a median of {expected} among {n} {level} agencies' reports"
        " of {year} (robust z-score {score})"
    ),
    message_zh="{row}：{actual}件，同年{n}个{level}机关的中位数为{expected}件（稳健z值{score}）",
    corpus=True,
    default=False,
    example={
        "row": ApplicationRow.NEW.label_en,
        "row_zh": ApplicationRow.NEW.label,
        "actual": 3119,
        "expected": 95,
        "n": 12,
        "level": "county-level",
        "level_zh": "县级",
        "year": 2024,
        "score": 5.1,
    },
)(_none)
register_rule(
    "OUTLIER-JUMP",
    versions=None,
    severity=Severity.INFO,
    part=ReportPart.APPLICATIONS,
    message=(
        "{row}: {expected} in {previous}, {actual} in {year} ({factor}x); the median change of"
        " {n} agencies was {median}x (robust z-score {score})"
    ),
    message_zh="{row}：{previous}年{expected}件，{year}年{actual}件（{factor}倍）；{n}个机关的中位变化为{median}倍（稳健z值{score}）",
    corpus=True,
    default=False,
    example={
        "row": ApplicationRow.NEW.label_en,
        "row_zh": ApplicationRow.NEW.label,
        "expected": 21,
        "previous": 2023,
        "actual": 950,
        "year": 2024,
        "factor": 45.2,
        "n": 9,
        "median": 1.1,
        "score": 6.3,
    },
)(_none)


@attrs.frozen(kw_only=True)
class Outlier:
    """One unusual figure of one report: its agency, its finding and its score to sort by."""

    agency: str
    """The agency's name as printed."""
    report: AnnualReport = attrs.field(repr=False)
    finding: Finding
    score: float
    """The modified z-score (signed: negative when the figure is unusually low)."""


def _scores(values: Sequence[float]) -> list[float] | None:
    median = statistics.median(values)
    mad = statistics.median(abs(v - median) for v in values)
    if mad == 0:
        return None
    return [0.6745 * (v - median) / mad for v in values]


def _cell(report: AnnualReport, part: ReportPart, row: str, column: str) -> CellRef | None:
    form = form_of(report)
    if not form.has_tables:
        return None
    try:
        return form.table(part).cell(row, column)
    except KeyError:
        return None


def outliers(
    reports: Iterable[AnnualReport],
    *,
    key: Callable[[AnnualReport], Hashable] | None = None,
    min_group: int = 5,
    threshold: float = THRESHOLD,
) -> tuple[Outlier, ...]:
    """The unusual figures of a corpus, highest score first (see the module's text).

    OUTLIER-PEER compares each figure of ``OUTLIER_FIGURES`` with the reports of agencies of
    the same level (``Agency.level``; reports without one are left out)
    and year; OUTLIER-JUMP compares each agency's change from one year to the next (grouped by
    ``key``, default the agency's name) with the other agencies' changes between the same years.

    >>> from govdisclosure.examples import load
    >>> outliers([load("huaian-city-2024")])  # one report has no peers
    ()
    """
    reports = list(reports)
    rules = registered_rules()
    out: list[Outlier] = []
    by_group: dict[tuple[object, int], list[AnnualReport]] = {}
    for report in reports:
        if report.agency.level is not None:
            by_group.setdefault((report.agency.level, report.year), []).append(report)
    for (level, year), group in by_group.items():
        for part, row, column, get in OUTLIER_FIGURES:
            found = [(r, v) for r in group if (v := get(r)) is not None]
            if len(found) < min_group:
                continue
            scores = _scores([math.log1p(v) for _, v in found])
            if scores is None:
                continue
            middle = statistics.median(v for _, v in found)
            median = int(middle) if middle == int(middle) else Decimal(f"{middle:.1f}")
            for (report, value), score in zip(found, scores, strict=True):
                if abs(score) <= threshold:
                    continue
                details: tuple[tuple[str, object], ...] = (
                    ("n", len(found)),
                    ("level", level.label_en),  # type: ignore[attr-defined]
                    ("level_zh", level.label),  # type: ignore[attr-defined]
                    ("score", round(score, 1)),
                )
                obs = Observation(_cell(report, part, row, column), median, value, details=details)
                finding = _finding(rules["OUTLIER-PEER"], obs, False, year, False)
                out.append(Outlier(agency=report.agency.name, report=report, finding=finding,
                                   score=score))  # fmt: skip
    by_agency: dict[Hashable, dict[int, AnnualReport]] = {}
    for report in reports:
        name = report.agency.name if key is None else key(report)
        by_agency.setdefault(name, {})[report.year] = report
    pairs: dict[int, list[tuple[AnnualReport, AnnualReport]]] = {}
    for years in by_agency.values():
        for year, report in years.items():
            previous = years.get(year - 1)
            if previous is not None:
                pairs.setdefault(year, []).append((previous, report))
    for year, chained in pairs.items():
        for part, row, column, get in OUTLIER_FIGURES:
            changes = [
                (before, now, a, b)
                for before, now in chained
                if (a := get(before)) is not None and (b := get(now)) is not None
            ]
            if len(changes) < min_group:
                continue
            ratios = [math.log1p(b) - math.log1p(a) for _, _, a, b in changes]
            scores = _scores(ratios)
            if scores is None:
                continue
            change = math.exp(statistics.median(ratios))
            for (_, now, a, b), score in zip(changes, scores, strict=True):
                if abs(score) <= threshold:
                    continue
                factor = (b + 1) / (a + 1)
                jump: tuple[tuple[str, object], ...] = (
                    ("previous", year - 1),
                    ("factor", round(factor, 1)),
                    ("n", len(changes)),
                    ("median", round(change, 1)),
                    ("score", round(score, 1)),
                )
                obs = Observation(_cell(now, part, row, column), a, b, details=jump)
                finding = _finding(rules["OUTLIER-JUMP"], obs, False, year, False)
                out.append(Outlier(agency=now.agency.name, report=now, finding=finding,
                                   score=score))  # fmt: skip
    out.sort(key=lambda o: -abs(o.score))
    return tuple(out)
