"""The machinery of the consistency checks: rules, their registry, findings and the engine."""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from govdisclosure.checks._memo import memo
from govdisclosure.errors import GovDisclosureError
from govdisclosure.model.base import LabelledEnum
from govdisclosure.model.form import CellRef, form_of
from govdisclosure.model.layout import FormatVersion, ReportPart

if TYPE_CHECKING:
    from govdisclosure.model.report import AnnualReport

__all__ = [
    "DuplicateRuleError",
    "Finding",
    "Observation",
    "Rule",
    "Severity",
    "Status",
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


class Observation(NamedTuple):
    """One comparison a rule makes: where, what the identity expects and what is printed.

    ``cell`` is the printed cell the comparison is read against (``None`` for the narrative);
    ``subject`` names what a narrative figure counts, in the source's words. The engine turns an
    observation into a :class:`Finding` when it fails (or, on request, when an operand is
    blank). With ``at_least=True`` the rule holds when ``actual >= expected``.

    >>> from govdisclosure.model.form import form_of
    >>> from govdisclosure.model.layout import FormatVersion
    >>> total = form_of(FormatVersion.NATIONAL_2021).cell("applications", "total", "total")
    >>> Observation(total, 3, 3).holds
    True
    >>> Observation(None, 5, 2, at_least=True, subject="规章").holds
    False
    >>> Observation(total, None, 3).holds is None
    True
    """

    cell: CellRef | None
    expected: int | Decimal | None
    actual: int | Decimal | None
    at_least: bool = False
    subject: str | None = None
    #: More values for the rule's message templates (e.g. a second reading, a median), by name.
    details: tuple[tuple[str, object], ...] = ()

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
    ...                   part=ReportPart.APPLICATIONS, message="", message_zh="")(lambda r: ())
    ... except DuplicateRuleError as error:
    ...     print(error)
    rule 'T3-BALANCE' is already registered
    """


def _versions(value: Iterable[FormatVersion] | None) -> frozenset[FormatVersion] | None:
    return None if value is None else frozenset(value)


@attrs.frozen(kw_only=True)
class Rule:
    """A numbered consistency rule.

    ``func`` reads a report (or, for a series rule, the previous and the current report) and
    yields :class:`Observation` values. ``message`` and ``message_zh`` are templates filled in
    with ``{row}`` (the cell's row, or the observation's subject), ``{column}``, ``{expected}``,
    ``{actual}`` and ``{year}``.

    >>> from govdisclosure.model.layout import FormatVersion
    >>> rule = registered_rules()["T4-TOTAL"]
    >>> rule.severity.code, rule.applies_to(FormatVersion.NATIONAL_2021)
    ('error', True)
    """

    id: str
    versions: frozenset[FormatVersion] | None = attrs.field(converter=_versions)
    """The format versions the rule checks; ``None`` for every format whose form has the cells
    the rule reads (the rule itself looks them up in the report's form)."""
    severity: Severity
    part: ReportPart
    message: str
    message_zh: str
    func: Callable[..., Iterable[Observation]] = attrs.field(repr=False)
    series: bool = False
    default: bool = True
    """False for a rule :func:`check` runs only when named in ``rules`` (the completeness
    measures, which rank reports rather than find errors)."""
    corpus: bool = False
    """True for a rule over a whole corpus (the outliers): neither :func:`check` nor
    :func:`check_series` runs it; :func:`govdisclosure.checks.outliers` does."""
    example: tuple[tuple[str, object], ...] = ()
    """Values for the message templates that give an example finding (see :meth:`examples`)."""

    def examples(self) -> tuple[str, str]:
        """An example finding of the rule, in English and in Chinese, from :attr:`example`.

        >>> registered_rules()["T4-TOTAL"].examples()[1]
        '行政复议：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 11，总计为0'
        """
        values = dict(self.example)
        en = {k: v for k, v in values.items() if not k.endswith("_zh")}
        zh = {**en, **{k.removesuffix("_zh"): v for k, v in values.items() if k.endswith("_zh")}}
        return self.message.format_map(_Defaults(en)), self.message_zh.format_map(_Defaults(zh))

    def applies_to(self, version: FormatVersion) -> bool:
        """True if the rule checks reports of this format version."""
        return self.versions is None or version in self.versions


class _Defaults(dict[str, object]):
    """Template values; a name the example does not give is shown as ``…``."""

    def __missing__(self, key: str) -> object:
        return "…"


@functools.cache
def _labels(cell: CellRef) -> tuple[str, str, str, str]:
    """A cell's row and column as printed, in Chinese and in English (cached: the form's cells
    are few, and a finding names one)."""
    row = cell.row_spec
    column = row.column(cell.column)
    return row.label, row.label_en, column.label, column.label_en


def _row_label(cell: CellRef | None, subject: str | None, zh: bool) -> str:
    if cell is None:
        return subject or ""
    return _labels(cell)[0 if zh else 1]


def _column_label(cell: CellRef | None, zh: bool) -> str:
    if cell is None:
        return ""
    return _labels(cell)[2 if zh else 3]


@attrs.frozen(kw_only=True)
class Finding:
    """A rule that failed (or could not be verified) at one place of a report.

    ``cell`` is the printed cell of the form the finding is read against (``None`` for the
    narrative, whose figure is named by ``subject``).

    >>> from govdisclosure.examples import load
    >>> finding = check(load("shanghai-gov-office-2019"), include_unverifiable=True)[0]
    >>> finding.status.code, finding.verifiable, finding.cell.path
    ('not-verifiable', False, '$.applications.total.commercial_enterprise')
    """

    rule: str
    severity: Severity
    status: Status
    part: ReportPart
    cell: CellRef | None
    subject: str | None = None
    expected: int | Decimal | None
    actual: int | Decimal | None
    year: int | None
    message: str
    message_zh: str
    #: True when the report was checked with its blank cells read as 0 (``blanks_as_zero``).
    blanks_as_zero: bool = False

    @property
    def verifiable(self) -> bool:
        """False when a blank operand kept the rule from being checked."""
        return self.status is Status.FAILED

    @property
    def row_label(self) -> str:
        """The row as printed in Chinese, or the narrative figure's subject ("" if neither)."""
        return _row_label(self.cell, self.subject, zh=True)

    @property
    def column_label(self) -> str:
        """The column as printed in Chinese ("" when the finding names no cell)."""
        return _column_label(self.cell, zh=True)


_REGISTRY: dict[str, Rule] = {}


def register_rule(
    id: str,
    *,
    versions: Iterable[FormatVersion] | None,
    severity: Severity,
    part: ReportPart,
    message: str,
    message_zh: str,
    series: bool = False,
    default: bool = True,
    corpus: bool = False,
    example: Mapping[str, object] | None = None,
) -> Callable[[Callable[..., Iterable[Observation]]], Callable[..., Iterable[Observation]]]:
    """Register a rule; use it as a decorator on the function that yields observations.

    Raises :class:`DuplicateRuleError` when the id is taken. The decorated function is returned
    unchanged. ``example`` gives template values for an example finding (:meth:`Rule.examples`;
    a key ending in ``_zh`` is the Chinese value of the key without it); ``default=False`` makes
    a rule :func:`check` runs only when named; ``corpus=True`` a rule over a corpus.

    >>> from govdisclosure.model.layout import FormatVersion, ReportPart
    >>> @register_rule("MY-NEW-COUNT", versions=[FormatVersion.NATIONAL_2021],
    ...                severity=Severity.INFO, part=ReportPart.APPLICATIONS,
    ...                message="{row}: {actual} new applications",
    ...                message_zh="{row}：新收申请{actual}件")
    ... def my_rule(report):
    ...     cell = form_of(report).cell("applications", "new", "total")
    ...     yield Observation(cell, 0, cell.get(report))
    >>> from govdisclosure.examples import load
    >>> [f.message for f in check(load("huaian-city-2024")) if f.rule == "MY-NEW-COUNT"]
    ['I. new applications this year: 3119 new applications']
    >>> unregister_rule("MY-NEW-COUNT").id
    'MY-NEW-COUNT'
    """

    def decorate(
        func: Callable[..., Iterable[Observation]],
    ) -> Callable[..., Iterable[Observation]]:
        if id in _REGISTRY:
            raise DuplicateRuleError(f"rule {id!r} is already registered")
        _forget_plans()
        _REGISTRY[id] = Rule(
            id=id,
            versions=versions,
            severity=severity,
            part=part,
            message=message,
            message_zh=message_zh,
            func=func,
            series=series,
            default=default,
            corpus=corpus,
            example=tuple((example or {}).items()),
        )
        return func

    return decorate


def _register_each(
    rules: Iterable[tuple[Mapping[str, Any], Callable[..., Iterable[Observation]]]], **common: Any
) -> None:
    """Register rules that share some parameters (``common``); each row gives the rest (id,
    messages, example…) and the function, often one function bound to the row's arguments."""
    for own, func in rules:
        register_rule(**common, **own)(func)


def unregister_rule(id: str) -> Rule:
    """Remove a registered rule and return it (raises :class:`KeyError` if there is none).

    >>> unregister_rule("NO-SUCH-RULE")
    Traceback (most recent call last):
    ...
    KeyError: "no rule 'NO-SUCH-RULE' is registered"
    """
    try:
        rule = _REGISTRY.pop(id)
    except KeyError:
        raise KeyError(f"no rule {id!r} is registered") from None
    _forget_plans()
    return rule


def registered_rules() -> dict[str, Rule]:
    """The registered rules by id, in registration order (a copy).

    >>> list(registered_rules())[:3]
    ['T3-BALANCE', 'T3-ROW-SUM', 'T3-OUTCOMES']
    """
    return dict(_REGISTRY)


def _values(obs: Observation, year: int | None, blank: str, zh: bool) -> dict[str, Any]:
    def shown(value: object) -> object:
        return blank if value is None else value

    values = {"expected": shown(obs.expected), "actual": shown(obs.actual), "year": year}
    details = dict(obs.details)
    for name, value in details.items():
        if name.endswith("_zh"):
            if zh:
                values[name[:-3]] = shown(value)
        elif not zh or f"{name}_zh" not in details:
            values[name] = shown(value)
    return values


def _plain_values(
    row: str, column: str, expected: object, actual: object, year: int | None, blank: str
) -> dict[str, object]:
    """The template values of an observation without details, in one language."""
    return {
        "row": row,
        "column": column,
        "expected": blank if expected is None else expected,
        "actual": blank if actual is None else actual,
        "year": year,
    }


#: The values a message template of an observation without details is given, in order.
_PLAIN_FIELDS = ("row", "column", "expected", "actual", "year")


@functools.lru_cache(maxsize=1024)
def _formatter(template: str) -> Callable[..., str] | None:
    """The template as a generated f-string of :data:`_PLAIN_FIELDS` (passed in that order),
    which builds the message about three times as fast as ``format_map`` with a dict (a
    finding is built for every failure). Its literal text is passed as values, never written
    into the source. None for a template that is not only literal text and plain fields of
    those names (a format spec, a conversion, another name, a malformed template): then
    ``format_map`` formats it, as ever. Both format each value with ``format(value, "")``."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    namespace: dict[str, Any] = {}
    pieces = []
    for index, (literal, field, spec, conversion) in enumerate(parsed):
        if literal:
            namespace[f"text{index}"] = literal
            pieces.append(f"{{text{index}}}")
        if field is None:
            continue
        if field not in _PLAIN_FIELDS or spec or conversion:
            return None
        pieces.append(f"{{{field}}}")
    source = f'def message({", ".join(_PLAIN_FIELDS)}):\n    return f"{"".join(pieces)}"\n'
    exec(compile(source, "<message template>", "exec"), namespace)
    formatter: Callable[..., str] = namespace["message"]
    return formatter


def _plain_message(
    template: str,
    row: str,
    column: str,
    expected: object,
    actual: object,
    year: int | None,
    blank: str,
) -> str:
    """A message template filled in with the values of an observation without details."""
    formatter = _formatter(template)
    if formatter is None:
        return template.format_map(_plain_values(row, column, expected, actual, year, blank))
    return formatter(
        row,
        column,
        blank if expected is None else expected,
        blank if actual is None else actual,
        year,
    )


def _constructor(cls: type) -> Callable[..., Any]:
    """A constructor of a frozen slotted attrs class taking its fields in order, that sets the
    slots through their descriptors (the class's own ``__init__`` goes through
    ``object.__setattr__`` by name for each field: a finding is built for every failure).

    Only for a class whose fields have no validator or converter and are all set by
    ``__init__`` (asserted): then it builds exactly what ``cls(**fields)`` builds.
    """
    fields = attrs.fields(cls)
    assert all(
        f.validator is None and f.converter is None and f.init and not f.alias.startswith("_")
        for f in fields
    )
    names = [f.name for f in fields]
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    namespace.update({f"set_{name}": cls.__dict__[name].__set__ for name in names})
    body = "".join(f"    set_{name}(o, {name})\n" for name in names)
    source = f"def make({', '.join(names)}):\n    o = new(cls)\n{body}    return o\n"
    exec(compile(source, f"<constructor of {cls.__name__}>", "exec"), namespace)
    make: Callable[..., Any] = namespace["make"]
    return make


def _finding(
    rule: Rule, obs: Observation, holds: bool | None, year: int | None, zeroed: bool
) -> Finding:
    cell, expected, actual, subject = obs.cell, obs.expected, obs.actual, obs.subject
    if cell is None:
        row_zh = row = subject or ""
        column_zh = column = ""
    else:
        row_zh, row, column_zh, column = _labels(cell)
    if obs.details:
        en_values = {"row": row, "column": column, **_values(obs, year, "blank", zh=False)}
        zh_values = {"row": row_zh, "column": column_zh, **_values(obs, year, "空白", zh=True)}
        en = rule.message.format_map(en_values)
        zh = rule.message_zh.format_map(zh_values)
    else:  # the common case, without the general merge of the details
        en = _plain_message(rule.message, row, column, expected, actual, year, "blank")
        zh = _plain_message(rule.message_zh, row_zh, column_zh, expected, actual, year, "空白")
    status = Status.FAILED
    if holds is None:
        status = Status.NOT_VERIFIABLE
        en = f"not verifiable (a cell is blank): {en}"
        zh = f"无法核对（有空白单元格）：{zh}"
    if zeroed:
        en = f"with blank cells read as 0: {en}"
        zh = f"空白单元格按0计：{zh}"
    finding: Finding = _new_finding(
        rule.id,
        rule.severity,
        status,
        rule.part,
        cell,
        subject,
        expected,
        actual,
        year,
        en,
        zh,
        zeroed,
    )
    return finding


# Finding(...) by position, built without attrs' __init__ (see _constructor).
_new_finding = _constructor(Finding)


_Func = Callable[..., Iterable[Observation]]

#: A plan of rules: steps in the rules' order, each a shortcut (or None) and the rules it covers.
_Plan = list[tuple["Callable[[AnnualReport], bool] | None", list[tuple[Rule, _Func]]]]


def _collect(
    plan: _Plan,
    args: tuple[AnnualReport, ...],
    year: int | None,
    include_unverifiable: bool,
    out: list[Finding],
    zeroed: bool = False,
) -> None:
    """The findings of a plan of rules on ``args`` (a report, or two for a series rule), into
    ``out``: a step whose shortcut holds is passed over, the others' rules are run.

    Most rules yield nothing for most reports, and this runs for every rule of every report:
    the comparison is inlined rather than left to :attr:`Observation.holds`.
    """
    for test, selected in plan:
        if test is not None and test(*args):
            continue
        for rule, func in selected:
            for obs in func(*args):
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


# The plans check() has made, per (the rule ids it was given, or None for the default rules) and
# format version: a few (emptied when full), dropped when the registry or the shortcuts change.
# A caller that swaps in its own registry or shortcuts (as the tests do) swaps this too.
_PLANS: dict[tuple[tuple[str, ...] | None, FormatVersion], _Plan] = {}
_MAX_PLANS = 256


def _forget_plans() -> None:
    """Drop every plan kept: the registry or the shortcuts changed."""
    _PLANS.clear()


# Shortcuts, by the rule functions they answer for: a test of a report that, when it is true,
# tells that each of those functions yields nothing for it (all its operands are there and every
# identity it compares holds). check() runs the test once for a run of rules instead of them,
# and runs the rules as ever when it is false. Keyed by the function objects, so a rule
# re-registered with another function is never skipped.
_SHORTCUTS: dict[_Func, Callable[[AnnualReport], bool]] = {}


def _shortcut(test: Callable[[AnnualReport], bool], funcs: Iterable[_Func]) -> None:
    """Let ``test`` answer for ``funcs`` (see ``_SHORTCUTS``)."""
    for func in funcs:
        _SHORTCUTS[func] = test
    _forget_plans()


def _plan(selected: Iterable[Rule]) -> _Plan:
    """The rules as steps: consecutive rules answered for by the same shortcut go together (the
    order of the rules, hence of the findings, is kept)."""
    plan: _Plan = []
    for rule in selected:
        func = rule.func
        test = _SHORTCUTS.get(func)
        if plan and test is not None and plan[-1][0] is test:
            plan[-1][1].append((rule, func))
        else:
            plan.append((test, [(rule, func)]))
    return plan


def _selected(rules: Iterable[str] | None, series: bool) -> list[Rule]:
    if rules is None:
        return [r for r in _REGISTRY.values() if r.series is series and r.default and not r.corpus]
    return [
        _REGISTRY[r] for r in rules if _REGISTRY[r].series is series and not _REGISTRY[r].corpus
    ]


def _planned(rules: tuple[str, ...] | None, version: FormatVersion) -> _Plan:
    """The plan of the rules named (``None``: the default rules) for a format version, kept
    once made (a name not registered raises ``KeyError``, as ever: no plan is kept for it)."""
    key = (rules, version)
    plan = _PLANS.get(key)
    if plan is None:
        plan = _plan(r for r in _selected(rules, series=False) if r.applies_to(version))
        if len(_PLANS) >= _MAX_PLANS:
            _PLANS.clear()
        _PLANS[key] = plan
    return plan


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
    ...     print(f.subject, f.actual, f.expected, f.blanks_as_zero)
    予以公开及部分公开 258 275 True
    因本机关不掌握等原因无法提供 265 337 True
    """
    version = report.format_version
    if blanks_as_zero:
        report = _fill_blanks(report)
    out: list[Finding] = []
    year = report.year
    # The default rules of the version, or the ones named: planned once either way.
    plan = _planned(None if rules is None else tuple(rules), version)
    held = memo(report)
    held.blanks = include_unverifiable  # the rules need not build what would be dropped
    try:
        _collect(plan, (report,), year, include_unverifiable, out, blanks_as_zero)
    finally:
        held.blanks = True
    return tuple(out)


def _zero_filled(values: tuple[Any, ...], widths: list[int]) -> list[Any]:
    """Blank counts as 0 and a blank total (each row's last cell) as its row's sum."""
    out: list[Any] = []
    start = 0
    for width in widths:
        cells = [0 if c is None else c for c in values[start : start + width - 1]]
        total = values[start + width - 1]
        out.extend(cells)
        out.append(sum(cells) if total is None else total)
        start += width
    return out


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
    changes: dict[str, Any] = {}
    for table in form_of(report).tables:
        obj = getattr(report, table.attribute, None)
        if obj is None or table.part not in _ZEROED:
            continue
        widths = [len(row.columns) for row in table.rows]
        changes[table.attribute] = table.build(_zero_filled(table.read(obj), widths))
    return attrs.evolve(report, **changes) if changes else report


# The tables whose rows end in a printed total of the counts before it.
_ZEROED = frozenset({ReportPart.APPLICATIONS, ReportPart.REVIEWS})


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
            pair = (previous, current)
            applying = _plan(
                rule
                for rule in selected
                if rule.applies_to(previous.format_version)
                and rule.applies_to(current.format_version)
            )
            _collect(applying, pair, year, include_unverifiable, out)
    return tuple(out)


# check() takes a flag of the same name.
_fill_blanks = blanks_as_zero
