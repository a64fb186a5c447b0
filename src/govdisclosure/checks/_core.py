"""The machinery of the consistency checks: rules, their registry, findings and the engine."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from govdisclosure.errors import GovDisclosureError
from govdisclosure.model.applicant import ApplicantKind
from govdisclosure.model.base import LabelledEnum
from govdisclosure.model.layout import (
    ApplicationRow,
    FormatVersion,
    ReportPart,
    ReviewColumn,
    ReviewGroup,
)
from govdisclosure.model.report import AnnualReport2019, AnnualReport2021

if TYPE_CHECKING:
    from govdisclosure.model.report import AnnualReport
    from govdisclosure.model.tables import ApplicantCounts, ReviewCounts

_SIX_NAMES = tuple(kind.code for kind in ApplicantKind)
_SIX = attrgetter(*_SIX_NAMES)
_FOUR_NAMES = tuple(c.code for c in ReviewColumn if c is not ReviewColumn.TOTAL)
_FOUR = attrgetter(*_FOUR_NAMES)

__all__ = [
    "DuplicateRuleError",
    "Finding",
    "Observation",
    "Rule",
    "Severity",
    "Status",
    "Table",
    "blanks_as_zero",
    "check",
    "check_series",
    "register_rule",
    "registered_rules",
    "unregister_rule",
]


class Severity(LabelledEnum):
    """How serious a failed rule is.

    >>> Severity.ERROR.label, Severity.WARNING.label_en
    ('错误', 'warning')
    """

    ERROR = "error", "错误", "error"
    WARNING = "warning", "警告", "warning"
    INFO = "info", "提示", "information"


class Status(LabelledEnum):
    """Whether a rule failed or could not be verified because an operand was blank.

    >>> Status.NOT_VERIFIABLE.label
    '无法核对'
    """

    FAILED = "failed", "不一致", "failed"
    NOT_VERIFIABLE = "not-verifiable", "无法核对", "not verifiable (a cell is blank)"


#: The part of a report a rule reads (an alias of :class:`~govdisclosure.model.layout.ReportPart`).
Table = ReportPart


class Observation(NamedTuple):
    """One comparison a rule makes: where, what the identity expects and what is printed.

    The engine turns it into a :class:`Finding` when it fails (or, on request, when an operand is
    blank). With ``at_least=True`` the rule holds when ``actual >= expected``.

    >>> from govdisclosure.model.layout import ApplicationRow
    >>> Observation(ApplicationRow.TOTAL, None, 3, 3).holds
    True
    >>> Observation("规章", None, 5, 2, at_least=True).holds
    False
    >>> Observation(ApplicationRow.TOTAL, None, None, 3).holds is None
    True
    """

    row: ApplicationRow | ReviewGroup | str | None
    column: ApplicantKind | ReviewColumn | str | None
    expected: int | Decimal | None
    actual: int | Decimal | None
    at_least: bool = False

    @property
    def holds(self) -> bool | None:
        """True or False, or None when an operand is blank (not verifiable)."""
        if self.expected is None or self.actual is None:
            return None
        if self.at_least:
            return self.actual >= self.expected
        return self.actual == self.expected


class DuplicateRuleError(GovDisclosureError, ValueError):
    """A rule with this id is already registered.

    >>> try:
    ...     register_rule("T3-BALANCE", versions=(), severity=Severity.INFO,
    ...                   table=Table.APPLICATIONS, message_en="", message_zh="")(lambda r: ())
    ... except DuplicateRuleError as error:
    ...     print(error)
    rule 'T3-BALANCE' is already registered
    """


def _versions(value: Iterable[FormatVersion]) -> frozenset[FormatVersion]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class Rule:
    """A numbered consistency rule.

    ``func`` reads a report (or, for a series rule, the previous and the current report) and
    yields :class:`Observation` values. ``message_en`` and ``message_zh`` are templates filled in
    with ``{row}``, ``{column}``, ``{expected}``, ``{actual}`` and ``{year}``.

    >>> from govdisclosure.model.layout import FormatVersion
    >>> rule = registered_rules()["T4-TOTAL"]
    >>> rule.severity.code, FormatVersion.NATIONAL_2021 in rule.versions
    ('error', True)
    """

    id: str
    versions: frozenset[FormatVersion] = attrs.field(converter=_versions)
    severity: Severity
    table: Table
    message_en: str
    message_zh: str
    func: Callable[..., Iterable[Observation]] = attrs.field(repr=False)
    series: bool = False

    def applies_to(self, version: FormatVersion) -> bool:
        """True if the rule checks reports of this format version."""
        return version in self.versions


def _label(
    ref: ApplicationRow | ReviewGroup | ApplicantKind | ReviewColumn | str | None,
    table: Table,
    zh: bool,
) -> str:
    if isinstance(ref, LabelledEnum):
        return ref.label if zh else ref.label_en
    if ref is None:
        if table is Table.APPLICATIONS:
            return "总计" if zh else "total"
        return ""
    return ref


@attrs.frozen(kw_only=True)
class Finding:
    """A rule that failed (or could not be verified) at one place of a report.

    ``row`` is an :class:`~govdisclosure.model.layout.ApplicationRow` (table 3), a
    :class:`~govdisclosure.model.layout.ReviewGroup` (table 4) or a label; ``column`` is an
    applicant kind, a review column, or ``None`` for the 总计 column of table 3.

    >>> from govdisclosure.examples import load
    >>> finding = check(load("shanghai-gov-office-2019"), include_unverifiable=True)[0]
    >>> finding.status.code, finding.verifiable
    ('not-verifiable', False)
    """

    rule: str
    severity: Severity
    status: Status
    table: Table
    row: ApplicationRow | ReviewGroup | str | None
    column: ApplicantKind | ReviewColumn | str | None
    expected: int | Decimal | None
    actual: int | Decimal | None
    year: int | None
    message_en: str
    message_zh: str
    #: True when the report was checked with its blank cells read as 0 (``blanks_as_zero``).
    blanks_as_zero: bool = False

    @property
    def verifiable(self) -> bool:
        """False when a blank operand kept the rule from being checked."""
        return self.status is Status.FAILED

    @property
    def row_label(self) -> str:
        """The row as printed in Chinese (empty when the finding names no row)."""
        return _label(self.row, Table.PROACTIVE, zh=True)

    @property
    def column_label(self) -> str:
        """The column as printed in Chinese (总计 for table 3's total column)."""
        return _label(self.column, self.table, zh=True)


_REGISTRY: dict[str, Rule] = {}


def register_rule(
    id: str,
    *,
    versions: Iterable[FormatVersion],
    severity: Severity,
    table: Table,
    message_en: str,
    message_zh: str,
    series: bool = False,
) -> Callable[[Callable[..., Iterable[Observation]]], Callable[..., Iterable[Observation]]]:
    """Register a rule; use it as a decorator on the function that yields observations.

    Raises :class:`DuplicateRuleError` when the id is taken. The decorated function is returned
    unchanged.

    >>> from govdisclosure.model.layout import ApplicationRow, FormatVersion
    >>> @register_rule("MY-NEW-COUNT", versions=[FormatVersion.NATIONAL_2021],
    ...                severity=Severity.INFO, table=Table.APPLICATIONS,
    ...                message_en="{row}: {actual} new applications",
    ...                message_zh="{row}：新收申请{actual}件")
    ... def my_rule(report):
    ...     total = report.applications.row(ApplicationRow.NEW).total
    ...     yield Observation(ApplicationRow.NEW, None, 0, total)
    >>> from govdisclosure.examples import load
    >>> [f.message_en for f in check(load("huaian-city-2024")) if f.rule == "MY-NEW-COUNT"]
    ['I. new applications this year: 3119 new applications']
    >>> unregister_rule("MY-NEW-COUNT").id
    'MY-NEW-COUNT'
    """

    def decorate(
        func: Callable[..., Iterable[Observation]],
    ) -> Callable[..., Iterable[Observation]]:
        if id in _REGISTRY:
            raise DuplicateRuleError(f"rule {id!r} is already registered")
        _REGISTRY[id] = Rule(
            id=id,
            versions=versions,
            severity=severity,
            table=table,
            message_en=message_en,
            message_zh=message_zh,
            func=func,
            series=series,
        )
        return func

    return decorate


def unregister_rule(id: str) -> Rule:
    """Remove a registered rule and return it (raises :class:`KeyError` if there is none).

    >>> unregister_rule("NO-SUCH-RULE")
    Traceback (most recent call last):
    ...
    KeyError: "no rule 'NO-SUCH-RULE' is registered"
    """
    try:
        return _REGISTRY.pop(id)
    except KeyError:
        raise KeyError(f"no rule {id!r} is registered") from None


def registered_rules() -> dict[str, Rule]:
    """The registered rules by id, in registration order (a copy).

    >>> list(registered_rules())[:3]
    ['T3-BALANCE', 'T3-ROW-SUM', 'T3-OUTCOMES']
    """
    return dict(_REGISTRY)


def _values(obs: Observation, year: int | None, blank: str) -> dict[str, Any]:
    def shown(value: int | Decimal | None) -> object:
        return blank if value is None else value

    return {"expected": shown(obs.expected), "actual": shown(obs.actual), "year": year}


def _finding(
    rule: Rule, obs: Observation, holds: bool | None, year: int | None, zeroed: bool
) -> Finding:
    en = rule.message_en.format(
        row=_label(obs.row, rule.table, zh=False),
        column=_label(obs.column, rule.table, zh=False),
        **_values(obs, year, "blank"),
    )
    zh = rule.message_zh.format(
        row=_label(obs.row, rule.table, zh=True),
        column=_label(obs.column, rule.table, zh=True),
        **_values(obs, year, "空白"),
    )
    status = Status.FAILED
    if holds is None:
        status = Status.NOT_VERIFIABLE
        en = f"not verifiable (a cell is blank): {en}"
        zh = f"无法核对（有空白单元格）：{zh}"
    if zeroed:
        en = f"with blank cells read as 0: {en}"
        zh = f"空白单元格按0计：{zh}"
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        status=status,
        table=rule.table,
        row=obs.row,
        column=obs.column,
        expected=obs.expected,
        actual=obs.actual,
        year=year,
        message_en=en,
        message_zh=zh,
        blanks_as_zero=zeroed,
    )


def _collect(
    rule: Rule,
    observations: Iterable[Observation],
    year: int | None,
    include_unverifiable: bool,
    out: list[Finding],
    zeroed: bool = False,
) -> None:
    for obs in observations:
        expected, actual = obs.expected, obs.actual
        if expected is None or actual is None:
            if include_unverifiable:
                out.append(_finding(rule, obs, None, year, zeroed))
            continue
        if obs.at_least:
            if actual >= expected:
                continue
        elif actual == expected:
            continue
        out.append(_finding(rule, obs, False, year, zeroed))


def _selected(rules: Iterable[str] | None, series: bool) -> list[Rule]:
    if rules is None:
        return [r for r in _REGISTRY.values() if r.series is series]
    return [_REGISTRY[r] for r in rules if _REGISTRY[r].series is series]


def check(
    report: AnnualReport,
    *,
    rules: Iterable[str] | None = None,
    include_unverifiable: bool = False,
    blanks_as_zero: bool = False,
) -> tuple[Finding, ...]:
    """Check a report against the registered rules of its format version.

    By default only real failures are listed; a rule whose operand is blank is "not verifiable",
    and such findings are listed only with ``include_unverifiable=True``. ``rules`` limits the
    check to some rule ids.

    Many agencies leave a cell blank where they mean 0. ``blanks_as_zero=True`` checks the report
    as :func:`blanks_as_zero` fills it in (a blank count is 0, a blank 总计 the sum of its row's
    cells); the findings say so (``Finding.blanks_as_zero``, and their messages). It is an
    assumption about the source, so it is never the default.

    >>> from govdisclosure.examples import load
    >>> check(load("huaian-city-2024"))
    ()
    >>> shanghai = load("shanghai-gov-office-2019")
    >>> [f.rule for f in check(shanghai)]
    ['NARRATIVE-SUM', 'NARRATIVE-SHARE', 'NARRATIVE-UPHELD']
    >>> for f in check(shanghai, blanks_as_zero=True, rules=["NARRATIVE-FIGURE"]):
    ...     print(f.row, f.actual, f.expected, f.blanks_as_zero)
    予以公开及部分公开 258 275 True
    因本机关不掌握等原因无法提供 265 337 True
    """
    version = report.format_version
    if blanks_as_zero:
        report = _fill_blanks(report)
    out: list[Finding] = []
    for rule in _selected(rules, series=False):
        if version in rule.versions:
            _collect(
                rule, rule.func(report), report.year, include_unverifiable, out, blanks_as_zero
            )
    return tuple(out)


def _zero_row(row: ApplicantCounts) -> ApplicantCounts:
    cells = [0 if c is None else c for c in _SIX(row)]
    total = sum(cells) if row.total is None else row.total
    values: dict[str, Any] = dict(zip(_SIX_NAMES, cells, strict=True))
    return attrs.evolve(row, **values, total=total)


def _zero_group(group: ReviewCounts) -> ReviewCounts:
    cells = [0 if c is None else c for c in _FOUR(group)]
    total = sum(cells) if group.total is None else group.total
    values: dict[str, Any] = dict(zip(_FOUR_NAMES, cells, strict=True))
    return attrs.evolve(group, **values, total=total)


def blanks_as_zero(report: AnnualReport) -> AnnualReport:
    """The report with the blank cells of tables 3 and 4 filled in, the way many sources mean them.

    A blank count becomes 0; a blank 总计 becomes the sum of its row (or group), so a row whose
    total was left empty no longer hides its figures. Printed cells are never changed, and a
    report without tables is returned as it is. Use it to ask "what if the blanks meant 0?";
    :func:`check` does so with ``blanks_as_zero=True``.

    >>> from govdisclosure.examples import load
    >>> from govdisclosure.model import ApplicationRow
    >>> report = load("shanghai-gov-office-2019")
    >>> report.applications.row(ApplicationRow.GRANTED).total is None
    True
    >>> blanks_as_zero(report).applications.row(ApplicationRow.GRANTED).total
    272
    """
    if not isinstance(report, AnnualReport2019 | AnnualReport2021):
        return report
    changes: dict[str, Any] = {}
    if report.applications is not None:
        rows = tuple(_zero_row(row) for row in report.applications.rows)
        changes["applications"] = attrs.evolve(report.applications, rows=rows)
    if report.reviews is not None:
        changes["reviews"] = attrs.evolve(
            report.reviews, **{g.code: _zero_group(report.reviews.group(g)) for g in ReviewGroup}
        )
    return attrs.evolve(report, **changes)


def check_series(
    reports: Sequence[AnnualReport],
    *,
    rules: Iterable[str] | None = None,
    include_unverifiable: bool = False,
    key: Callable[[AnnualReport], Hashable] | None = None,
) -> tuple[Finding, ...]:
    """Check consecutive reports of the same agency against the series rules (SERIES-CARRY).

    Reports are grouped by ``key`` (default: the agency's name; a corpus passes the resolved
    identity, :meth:`govdisclosure.corpus.Corpus.check`) and compared year to consecutive year;
    a finding's ``year`` is the later year.

    >>> from govdisclosure.examples import load
    >>> check_series([load("huaian-city-2024")])
    ()
    """
    by_agency: dict[Hashable, dict[int, AnnualReport]] = {}
    for report in reports:
        group = report.agency.name if key is None else key(report)
        by_agency.setdefault(group, {})[report.year] = report
    selected = _selected(rules, series=True)
    out: list[Finding] = []
    for years in by_agency.values():
        for year in sorted(years):
            previous = years.get(year - 1)
            if previous is None:
                continue
            current = years[year]
            for rule in selected:
                if (
                    previous.format_version in rule.versions
                    and current.format_version in rule.versions
                ):
                    _collect(rule, rule.func(previous, current), year, include_unverifiable, out)
    return tuple(out)


# check() takes a flag of the same name.
_fill_blanks = blanks_as_zero
