"""Parsing many sources (on any executor), and the corpus: reports kept once, by identity."""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from govdisclosure.checks import Finding, check, check_series
from govdisclosure.corpus._sources import (
    Failed,
    Outcome,
    Parsed,
    Provenance,
    find_sources,
    parse_one,
)
from govdisclosure.model.directory import AgencyDirectory, identity_key, infer_agency
from govdisclosure.model.report import AnnualReport
from govdisclosure.parse import ParseResult
from govdisclosure.stats._panel import PanelRow, panel
from govdisclosure.stats._rollup import Rollup, rollup_tables, within_region

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable, Iterator
    from concurrent.futures import Executor

    from govdisclosure.model.agency import Agency

T = TypeVar("T")

__all__ = [
    "Corpus",
    "CorpusFinding",
    "CorpusReport",
    "SeriesNote",
    "fingerprint",
    "map_reports",
    "parse_reports",
]


def _apply_chunk(function: Callable[[Outcome], T], sources: list[str]) -> list[T]:
    return [function(parse_one(source)) for source in sources]


def map_reports(
    function: Callable[[Outcome], T],
    sources: Iterable[str | os.PathLike[str]],
    *,
    executor: Executor | None = None,
    chunksize: int | None = None,
) -> Iterator[T]:
    """``function`` of each source's outcome, computed where the source is parsed, in path order.

    Like :func:`parse_reports`, but the worker that parses a source also applies ``function``
    (a picklable, module-level function) to its outcome and sends back only what it returns:
    a summary, a document's bytes, findings. Parse results (with every cell's origin) are large;
    sending less is what lets several processes go faster than one.

    >>> lines = map_reports(str, ["tests/data/reports/no-such-*.txt"])
    Traceback (most recent call last):
    ...
    govdisclosure.corpus.SourceNotFound: 'tests/data/reports/no-such-*.txt' matches ...
    >>> list(map_reports(lambda o: o.result.report.year, ["tests/data/reports/pingtan-*.txt"]))
    [2013, 2022]
    """
    paths = find_sources(sources)  # now, not at the first next(): a wrong input fails the call
    return _mapped(function, paths, executor, chunksize)


def _mapped(
    function: Callable[[Outcome], T],
    paths: list[str],
    executor: Executor | None,
    chunksize: int | None,
) -> Iterator[T]:
    if executor is None:
        for path in paths:
            yield function(parse_one(path))
        return
    chunks = _chunks(paths, chunksize) if chunksize else _guided(paths)
    for chunk in executor.map(functools.partial(_apply_chunk, function), chunks):
        yield from chunk


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


_LARGEST = 64
"""The most paths a default chunk holds (a task's overhead is then small beside its work)."""
_SHARE = 16
"""A default chunk is at most 1/16 of the paths left: the last ones are small."""


def _guided(items: list[str]) -> list[list[str]]:
    """Chunks that shrink as the work runs out, from 64 paths to one.

    Large chunks first keep the tasks few; small ones last keep a worker from being left with
    a long chunk while the others have nothing more to do (the executor hands chunks out in
    order, to whichever worker is free).

    >>> [len(c) for c in _guided([str(i) for i in range(40)])]
    [3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    >>> sizes = [len(c) for c in _guided([str(i) for i in range(2000)])]
    >>> sizes[:2], sizes[-2:], len(sizes), sum(sizes)
    ([64, 64], [1, 1], 90, 2000)
    """
    chunks = []
    start = 0
    while start < len(items):
        size = min(_LARGEST, math.ceil((len(items) - start) / _SHARE))
        chunks.append(items[start : start + size])
        start += size
    return chunks


def parse_reports(
    sources: Iterable[str | os.PathLike[str]],
    *,
    executor: Executor | None = None,
    chunksize: int | None = None,
    on_progress: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """Parse every report ``sources`` name (files, folders, globs): one outcome each, in order.

    Outcomes come sorted by path whatever order the work finishes in: a :class:`Parsed` (the
    :class:`~govdisclosure.parse.ParseResult` and the source's :class:`Provenance`) or a
    :class:`Failed` value; no source stops the others. With ``executor`` (any
    ``concurrent.futures.Executor``: a ``ProcessPoolExecutor``,
    ``dask.distributed.Client.get_executor()``, Ray's executor) the sources are sent in chunks of
    ``chunksize`` paths (by default chunks that shrink from 64 paths to one as the work runs
    out, so that no worker is left parsing a long last chunk alone); every worker must be able
    to read the paths. Outcomes are picklable.

    An input that names nothing raises :class:`~govdisclosure.corpus.SourceNotFound` before any
    work starts (it is a mistake in the call, not a bad file).

    >>> outcomes = list(parse_reports(["tests/data/reports/pingtan-zone-2013.txt",
    ...                                "tests/data/reports/pingtan-zone-2022.txt"]))
    >>> [(o.ok, o.result.report.year) for o in outcomes]
    [(True, 2013), (True, 2022)]
    """
    paths = find_sources(sources)  # now, not at the first next(): a wrong input fails the call
    return _reported(_mapped(_same, paths, executor, chunksize), on_progress)


def _same(outcome: Outcome) -> Outcome:
    return outcome


def _reported(
    outcomes: Iterator[Outcome], on_progress: Callable[[Outcome], None] | None
) -> Iterator[Outcome]:
    for outcome in outcomes:
        if on_progress is not None:
            on_progress(outcome)
        yield outcome


@attrs.frozen
class CorpusReport:
    """A report of the corpus: the identity of its agency, the report, and every source of it.

    ``report`` has the level and region its name implies filled in where the source did not say
    (:func:`~govdisclosure.model.directory.infer_agency`); ``result`` is the parse of the first
    source (by path).
    """

    identity: str
    report: AnnualReport
    result: ParseResult
    sources: tuple[Provenance, ...]

    @property
    def source(self) -> str:
        """The first source's path or URL."""
        return self.sources[0].source


@attrs.frozen
class SeriesNote:
    """Something about an agency's series that no single report shows: a gap, a format change.

    ``kind`` is ``missing-year`` (no report from ``year`` on, between two that exist) or
    ``format-changed`` (``year``'s report uses another format version than the year before).
    """

    identity: str
    kind: str
    year: int
    message: str
    message_zh: str
    source: str = ""
    """The source of the report after the gap or change."""


@attrs.frozen
class CorpusFinding:
    """A consistency finding of a corpus report (or of two consecutive ones), with its source."""

    identity: str
    source: str
    finding: Finding


def fingerprint(report: AnnualReport, identity: str | None = None) -> str:
    """What makes two reports the same report: identity, year, format and every table cell.

    ``identity`` defaults to the identity key of the agency's name
    (:func:`~govdisclosure.model.directory.identity_key`). A SHA-256 digest, so that a stream
    of any length can be told apart in little memory.

    >>> from govdisclosure import examples
    >>> import attrs
    >>> huaian = examples.load("huaian-city-2024")
    >>> longer = attrs.evolve(huaian.agency, name="江苏省淮安市人民政府")
    >>> fingerprint(huaian) == fingerprint(attrs.evolve(huaian, agency=longer))
    True
    >>> fingerprint(huaian) == fingerprint(attrs.evolve(huaian, year=2023))
    False
    """
    # Imported here: the export package is heavy to import (its request-log readers), and
    # parsing (``parse_reports``, the ``parse`` command) never needs it.
    from govdisclosure.export.tidy import to_rows

    key = identity if identity is not None else identity_key(report.agency.name, report.year)
    cells = [(r.table, r.row, r.column, r.value) for r in to_rows([report])]
    text = repr((key, report.year, report.format_version.code, cells))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@attrs.frozen
class Corpus:
    """Reports read from many sources, each kept once, with the sources that failed.

    Reports are grouped by agency identity (an
    :class:`~govdisclosure.model.directory.AgencyDirectory`, built from the reports' names when
    none is given): the same report read
    from several sources (same identity, year, format version and table cells) is one
    :class:`CorpusReport` that lists every source.

    >>> corpus = Corpus.read(["tests/data/reports/huaian-city-2024.pypdf.txt",
    ...                       "tests/data/reports/huaian-city-2024.pdfminer.txt"])
    >>> [(r.report.agency.name, len(r.sources)) for r in corpus.reports]
    [('淮安市人民政府', 2)]
    >>> corpus.reports[0].report.agency.region.code
    '320800'
    """

    reports: tuple[CorpusReport, ...]
    failures: tuple[Failed, ...] = ()
    directory: AgencyDirectory = attrs.field(factory=AgencyDirectory)

    @classmethod
    def from_outcomes(
        cls, outcomes: Iterable[Outcome], directory: AgencyDirectory | None = None
    ) -> Corpus:
        """The corpus of parse outcomes (:func:`parse_reports`), kept in their order."""
        parsed: list[Parsed] = []
        failures: list[Failed] = []
        for outcome in outcomes:
            if isinstance(outcome, Parsed):
                parsed.append(outcome)
            else:
                failures.append(outcome)
        if directory is None:
            directory = AgencyDirectory.from_agencies(
                (p.result.report.agency, p.result.report.year) for p in parsed
            )
        kept: dict[str, CorpusReport] = {}
        for item in parsed:
            report = item.result.report
            identity = directory.identify(report.agency, report.year)
            report = attrs.evolve(report, agency=_with_directory(directory, report))
            key = fingerprint(report, identity)
            found = kept.get(key)
            if found is None:
                kept[key] = CorpusReport(identity, report, item.result, (item.provenance,))
            else:
                kept[key] = attrs.evolve(found, sources=(*found.sources, item.provenance))
        return cls(tuple(kept.values()), tuple(failures), directory)

    @classmethod
    def read(
        cls,
        sources: Iterable[str | os.PathLike[str]],
        *,
        executor: Executor | None = None,
        chunksize: int | None = None,
        directory: AgencyDirectory | None = None,
    ) -> Corpus:
        """Parse ``sources`` (:func:`parse_reports`) and build the corpus of the outcomes."""
        outcomes = parse_reports(sources, executor=executor, chunksize=chunksize)
        return cls.from_outcomes(outcomes, directory)

    @property
    def identities(self) -> tuple[str, ...]:
        """The agency identities, sorted."""
        return tuple(sorted({r.identity for r in self.reports}))

    def series(self, identity: str) -> tuple[CorpusReport, ...]:
        """One agency's reports, by year."""
        return tuple(sorted((r for r in self.reports if r.identity == identity), key=_year))

    def _all_series(self) -> dict[str, tuple[CorpusReport, ...]]:
        """Every identity's reports by year, in one pass (by identity, sorted)."""
        grouped: dict[str, list[CorpusReport]] = {}
        for item in self.reports:
            grouped.setdefault(item.identity, []).append(item)
        return {k: tuple(sorted(grouped[k], key=_year)) for k in sorted(grouped)}

    def check(
        self, *, include_unverifiable: bool = False, blanks_as_zero: bool = False
    ) -> tuple[CorpusFinding, ...]:
        """Every report's findings, then the series rules over each identity's reports.

        >>> corpus = Corpus.read(["tests/data/reports/hongze-district-2023.pdf",
        ...                       "tests/data/reports/hongze-district-2024.pdf"])
        >>> corpus.identities
        ('320813:人民政府',)
        >>> [f.finding.rule for f in corpus.check() if f.finding.rule.startswith("SERIES")]
        []
        """
        out: list[CorpusFinding] = []
        for item in self.reports:
            for finding in check(
                item.report,
                include_unverifiable=include_unverifiable,
                blanks_as_zero=blanks_as_zero,
            ):
                out.append(CorpusFinding(item.identity, item.source, finding))
        return (*out, *self.series_findings(include_unverifiable=include_unverifiable))

    def series_findings(self, *, include_unverifiable: bool = False) -> tuple[CorpusFinding, ...]:
        """The series rules (SERIES-CARRY) over each identity's reports, year to next year.

        A finding's source is the later report's.
        """
        out: list[CorpusFinding] = []
        for identity, items in self._all_series().items():
            if len(items) < 2:
                continue
            by_year = {r.report.year: r for r in items}
            for finding in check_series(
                [r.report for r in items],
                include_unverifiable=include_unverifiable,
                key=lambda _: identity,
            ):
                assert finding.year is not None  # a series finding names the later year
                later = by_year[finding.year]
                out.append(CorpusFinding(identity, later.source, finding))
        return tuple(out)

    def notes(self) -> tuple[SeriesNote, ...]:
        """Gaps and format changes in each identity's series of reports."""
        out: list[SeriesNote] = []
        for identity, items in self._all_series().items():
            for before, after in itertools.pairwise(items):
                first, last = before.report.year + 1, after.report.year - 1
                if first <= last:
                    span = str(first) if first == last else f"{first}-{last}"
                    out.append(
                        SeriesNote(
                            identity,
                            "missing-year",
                            first,
                            f"no report for {span} (between {before.report.year} and"
                            f" {after.report.year})",
                            f"缺少{span}年度报告",
                            after.source,
                        )
                    )
                old, new = before.report.format_version, after.report.format_version
                if old is not new:
                    out.append(
                        SeriesNote(
                            identity,
                            "format-changed",
                            after.report.year,
                            f"the format changed from {old.code} to {new.code}",
                            f"报告格式由{old.code}年版改为{new.code}年版",
                            after.source,
                        )
                    )
        return tuple(out)

    def panel(self) -> list[PanelRow]:
        """The panel of the corpus (:func:`govdisclosure.stats.panel`)."""
        return panel((r.identity, r.report) for r in self.reports)

    def panel_frame(self) -> Any:
        """The panel as a pandas DataFrame (``pandas`` extra).

        Counts are ``Int64`` in ``value``, ``previous`` and ``change``; money cells are there
        ``<NA>`` and in ``amount``, ``previous_amount`` and ``change_amount`` (``Float64``)
        instead, so that counts and money are never mixed in one column.
        """
        from decimal import Decimal

        from govdisclosure.export.frame import require

        pd = require("pandas", "pandas", "panel_frame")
        rows = self.panel()
        frame = pd.DataFrame(rows, columns=PanelRow._fields)
        money = [isinstance(r.value, Decimal) or isinstance(r.previous, Decimal) for r in rows]
        for name, other in (
            ("value", "amount"),
            ("previous", "previous_amount"),
            ("change", "change_amount"),
        ):
            values = [getattr(r, name) for r in rows]
            frame[name] = pd.array(
                [None if m else v for v, m in zip(values, money, strict=True)], dtype="Int64"
            )
            frame[other] = pd.array(
                [
                    float(v) if m and v is not None else None
                    for v, m in zip(values, money, strict=True)
                ],
                dtype="Float64",
            )
        frame["pct_change"] = frame["pct_change"].astype("Float64")
        return frame

    def rollup(
        self,
        agency: Agency,
        year: int,
        *,
        region: str | None = None,
        parent: str | None = None,
        on_overlap: Literal["raise", "flag"] = "raise",
    ) -> Rollup:
        """Tables 2, 3 and 4 summed over ``year``'s reports of a region or of a parent's children.

        ``region`` is a GB/T 2260 code (reports of agencies in it); ``parent`` a directory
        ``id`` (reports of its children). Double counting is refused or flagged
        (:func:`govdisclosure.stats.rollup_tables`).
        """
        chosen = [r.report for r in self.reports if r.report.year == year]
        if region is not None:
            chosen = within_region(chosen, region)
        if parent is not None:
            children = {e.id for e in self.directory.children(parent)}
            chosen = [r for r in chosen if self.directory.identify(r.agency, r.year) in children]
        return rollup_tables(chosen, agency, on_overlap=on_overlap)


def _year(item: CorpusReport) -> int:
    return item.report.year


def _with_directory(directory: AgencyDirectory, report: AnnualReport) -> Agency:
    agency = infer_agency(report.agency, report.year)
    entry = directory.resolve(agency, report.year)
    if entry is None:
        return agency
    changes: dict[str, Any] = {}
    if agency.level is None and entry.level is not None:
        changes["level"] = entry.level
    if agency.region is None and entry.region is not None:
        from govdisclosure.model.agency import RegionCode

        changes["region"] = RegionCode(entry.region)
    return attrs.evolve(agency, **changes) if changes else agency
