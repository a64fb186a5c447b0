"""The engine's fast paths give the findings the rules give when each runs on its own.

:func:`check` asks a shortcut (one generated test of tables 3 and 4) before the table rules and
runs them only when it fails; the memo reads table 3 with a generated reader; the narrative
scan classifies the shares in its one pass. Each is held here to the plain path: the same
findings, in the same order, on reports whose cells are changed or blanked at random, in every
mode of :func:`check`.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure.checks import (
    Observation,
    Severity,
    _builtin,
    _core,
    _fees,
    _narrative,
    check,
    register_rule,
    registered_rules,
    unregister_rule,
)
from govdisclosure.checks._builtin import _identities, _sum_source, _tables_hold
from govdisclosure.checks._memo import memo
from govdisclosure.examples import load
from govdisclosure.model.form import form_of
from govdisclosure.model.layout import FormatVersion, ReportPart

if TYPE_CHECKING:
    from collections.abc import Iterator

    from govdisclosure.model.report import AnnualReport

EXAMPLES = ("huaian-city-2024", "shanghai-gov-office-2019", "sichuan-hrss-2013")
TABLES = (ReportPart.APPLICATIONS, ReportPart.REVIEWS)


@cache
def example(name: str) -> AnnualReport:
    return load(name)


def changed(report: AnnualReport, edits: list[tuple[int, int, int]]) -> AnnualReport:
    """The report with some cells of tables 3 and 4 changed: (table, cell, how), ``how`` 0
    blanks the cell, else adds ``how`` to it (a blank one becomes ``how``)."""
    form = form_of(report)
    changes: dict[str, Any] = {}
    for which, at, how in edits:
        table = next((t for t in form.tables if t.part is TABLES[which % 2]), None)
        if table is None:  # a 2008-era report: no tables 3 and 4
            continue
        obj = changes.get(table.attribute, getattr(report, table.attribute, None))
        if obj is None:  # pragma: no cover - the examples with the tables print both
            continue
        values = list(table.read(obj))
        position = at % len(values)
        old = values[position]
        values[position] = None if how == 0 else max(0, (old or 0) + how)
        changes[table.attribute] = table.build(values)
    return attrs.evolve(report, **changes) if changes else report


def plain(report: AnnualReport, **options: Any) -> tuple[Any, ...]:
    """The findings with no shortcut: every rule runs."""
    saved, plans = _core._SHORTCUTS, _core._PLANS
    _core._SHORTCUTS, _core._PLANS = {}, {}
    try:
        return check(report, **options)
    finally:
        _core._SHORTCUTS, _core._PLANS = saved, plans


edits = st.lists(st.tuples(st.integers(0, 1), st.integers(0, 400), st.integers(-2, 3)), max_size=4)
subsets = st.none() | st.lists(
    st.sampled_from(
        ["T3-BALANCE", "T3-ROW-SUM", "T3-OUTCOMES", "T4-TOTAL", "NARRATIVE-FIGURE", "T2-SANITY"]
    ),
    unique=True,
)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(EXAMPLES),
    edits,
    st.booleans(),
    st.booleans(),
    subsets,
)
def test_the_shortcut_gives_the_findings_of_the_rules(
    name: str,
    cells: list[tuple[int, int, int]],
    unverifiable: bool,
    zeroed: bool,
    rules: list[str] | None,
) -> None:
    report = changed(example(name), cells)
    options: dict[str, Any] = {
        "include_unverifiable": unverifiable,
        "blanks_as_zero": zeroed,
        "rules": rules,
    }
    assert check(report, **options) == plain(report, **options)


def test_the_shortcut_stands_in_for_the_table_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The table rules' functions run only for a report whose tables do not add up: their
    reads of the tables are counted."""
    reads: list[ReportPart] = []
    read = _builtin._read

    def counting(report: AnnualReport, part: ReportPart) -> Any:
        reads.append(part)
        return read(report, part)

    monkeypatch.setattr(_builtin, "_read", counting)
    report = example("huaian-city-2024")
    assert check(report) == ()
    assert reads == []
    broken = changed(report, [(0, 0, 1)])
    assert [f.rule for f in check(broken)][:2] == ["T3-BALANCE", "T3-ROW-SUM"]
    # T3-BALANCE, T3-ROW-SUM and T3-OUTCOMES read table 3, T4-TOTAL table 4.
    assert reads == [ReportPart.APPLICATIONS] * 3 + [ReportPart.REVIEWS]


def test_the_shortcut_passes_over_blank_operands_unless_they_are_listed() -> None:
    report = changed(example("huaian-city-2024"), [(1, 0, 0)])  # a blank of table 4
    held = memo(report)
    held.blanks = False
    assert _tables_hold(report)
    held.blanks = True
    assert not _tables_hold(report)
    assert [f.rule for f in check(report, include_unverifiable=True)] == ["T4-TOTAL"]


def test_a_rule_registered_again_under_a_table_rule_id_is_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The shortcut stands in for the built-in functions only, never for a rule's new one."""
    monkeypatch.setattr(_core, "_REGISTRY", dict(_core._REGISTRY))
    monkeypatch.setattr(_core, "_PLANS", {})
    old = unregister_rule("T3-BALANCE")

    @register_rule(
        "T3-BALANCE",
        versions=None,
        severity=old.severity,
        part=old.part,
        message=old.message,
        message_zh=old.message_zh,
    )
    def always(report: AnnualReport) -> Iterator[Observation]:
        yield Observation(None, 1, 2)

    @register_rule(
        "MY-RULE",
        versions=[FormatVersion.NATIONAL_2021],
        severity=Severity.INFO,
        part=ReportPart.APPLICATIONS,
        message="{actual}",
        message_zh="{actual}",
    )
    def mine(report: AnnualReport) -> Iterator[Observation]:
        yield Observation(None, 0, 1)

    report = example("huaian-city-2024")
    assert [f.rule for f in check(report)] == ["T3-BALANCE", "MY-RULE"]
    assert [f.rule for f in check(report, rules=["MY-RULE", "T3-ROW-SUM"])] == ["MY-RULE"]
    assert registered_rules()["T3-ROW-SUM"].func in _core._SHORTCUTS
    assert always not in _core._SHORTCUTS


def test_the_plan_keeps_the_order_of_the_rules() -> None:
    """Rules a shortcut answers for go together only when they follow one another."""
    rules = registered_rules()
    order = [rules[i] for i in ("T3-BALANCE", "NARRATIVE-SUM", "T3-ROW-SUM", "T4-TOTAL")]
    plan = _core._plan(order)
    assert [[rule.id for rule, _ in members] for _, members in plan] == [
        ["T3-BALANCE"],
        ["NARRATIVE-SUM"],
        ["T3-ROW-SUM", "T4-TOTAL"],
    ]
    assert plan[1][0] is None
    assert plan[0][0] is plan[2][0] is _tables_hold


def test_sums_of_one_cell_or_none_still_raise_on_a_blank() -> None:
    cells = (1, 20, 300, 4000)
    assert eval(_sum_source([]), {"v": cells}) == 0
    assert eval(_sum_source([3]), {"v": cells}) == 4000
    assert eval(_sum_source([1, 2]), {"v": cells}) == 320
    for positions in ([0], [0, 1]):  # a blank operand raises as in a sum, one cell or more
        with pytest.raises(TypeError):
            eval(_sum_source(positions), {"v": (None, 2)})


def test_a_table_without_identities_always_holds() -> None:
    table = form_of(FormatVersion.NATIONAL_2021).table(ReportPart.PROACTIVE)
    holds = _identities(table)
    assert holds((), False)
    assert holds((), True)


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_generated_reader_reads_every_cell_in_order(name: str) -> None:
    # FormTable.read of table 3 is generated code: it must read what the rows hold, in order.
    report = example(name)
    for table in form_of(report).tables:
        obj = getattr(report, table.attribute, None)
        if obj is not None and table.positional:
            columns = table.rows[0].columns
            expected = tuple(getattr(row, c.attribute) for row in obj.rows for c in columns)
            assert table.read(obj) == expected


def test_rows_other_than_the_printed_ones_are_read_all_the_same() -> None:
    table = form_of(FormatVersion.NATIONAL_2021).table(ReportPart.APPLICATIONS)
    rows = example("huaian-city-2024").applications.rows  # type: ignore[attr-defined]
    first = tuple(getattr(rows[0], column.attribute) for column in table.rows[0].columns)
    assert table.read(SimpleNamespace(rows=rows[:1])) == first
    assert table.read(SimpleNamespace(rows=())) == ()


# --- the fee rules' shortcut ------------------------------------------------------------------

# Pieces of section 六 that the fee text's reading turns on, and some that it does not.
_FEE_PIECES = (
    "收取信息处理费",
    "信息处理费",
    "共计380元",
    "其中",
    "民政局1件，收取380元",
    "申请材料共150页",
    "按件计收",
    "同一申请人",
    "共2件",
    "1500元",
    "费",
    "。",
    "，",
    "\n",
    "无",
)


def with_section_six(report: AnnualReport, paragraphs: tuple[str, ...]) -> AnnualReport:
    sections = tuple(
        attrs.evolve(s, paragraphs=paragraphs) if s.heading.startswith("六") else s
        for s in report.sections
    )
    return attrs.evolve(report, sections=sections)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(EXAMPLES[:2]),
    st.lists(
        st.lists(st.sampled_from(_FEE_PIECES), max_size=8).map("".join), min_size=1, max_size=3
    ),
    st.booleans(),
)
def test_the_fee_shortcut_gives_the_findings_of_the_fee_rules(
    name: str, paragraphs: list[str], unverifiable: bool
) -> None:
    report = with_section_six(example(name), tuple(paragraphs))
    rules = ["FEE-ITEMS", "FEE-SCHEDULE"]
    options: dict[str, Any] = {"include_unverifiable": unverifiable}
    assert check(report, **options) == plain(report, **options)
    assert check(report, rules=rules, **options) == plain(report, rules=rules, **options)
    if _fees._nothing_to_read(report):  # then neither rule has anything to say
        memo(report).blanks = True
        assert [list(registered_rules()[r].func(report)) for r in rules] == [[], []]


def test_the_fee_shortcut_runs_the_rules_when_section_six_itemises_or_charges() -> None:
    report = example("huaian-city-2024")
    assert _fees._nothing_to_read(report)  # 收取…信息处理费3940元: nothing itemised
    for words in ("其中民政局1件，收取380元", "申请材料共150页", "按件计收"):
        assert not _fees._nothing_to_read(with_section_six(report, (f"信息处理费{words}。",)))
    # A paragraph without 费 is not read for fees, whatever it says.
    assert _fees._nothing_to_read(with_section_six(report, ("其中共150页，按件计收。",)))
    # Without sections, the shortcut holds, and the rules (run alone) say nothing either.
    bare = attrs.evolve(report, sections=())
    assert _fees._nothing_to_read(bare)
    assert [list(registered_rules()[r].func(bare)) for r in ("FEE-ITEMS", "FEE-SCHEDULE")] == [
        [],
        [],
    ]


# --- findings built without attrs' __init__ ----------------------------------------------------


def test_findings_are_built_as_their_class_builds_them() -> None:
    fields: dict[str, Any] = {
        "rule": "T3-BALANCE",
        "severity": Severity.ERROR,
        "status": _core.Status.NOT_VERIFIABLE,
        "part": ReportPart.APPLICATIONS,
        "cell": None,
        "subject": "s",
        "expected": 1,
        "actual": None,
        "year": 2024,
        "message": "en",
        "message_zh": "zh",
        "blanks_as_zero": True,
    }
    assert [f.name for f in attrs.fields(_core.Finding)] == list(fields)
    made = _core._new_finding(*fields.values())
    built = _core.Finding(**fields)
    assert type(made) is _core.Finding
    assert made == built and repr(made) == repr(built) and hash(made) == hash(built)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.rule = "x"  # type: ignore[misc]


def test_only_classes_without_validation_get_a_constructor() -> None:
    @attrs.frozen
    class Checked:
        value: int = attrs.field(validator=attrs.validators.instance_of(int))

    with pytest.raises(AssertionError):
        _core._constructor(Checked)


# --- the narrative scan's table of labels ------------------------------------------------------


def test_the_scan_reads_the_same_with_its_table_of_labels_emptied_when_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = {name: check(example(name)) for name in EXAMPLES}
    monkeypatch.setattr(_narrative, "_MAX_CLASSES", 3)
    monkeypatch.setattr(_narrative, "_CLASSES", {})
    for name in EXAMPLES:
        fresh = attrs.evolve(example(name))  # a new object: a new memo, a new scan
        assert check(fresh) == expected[name]
        assert len(_narrative._CLASSES) <= 3


# --- the narrative rules' shortcut -------------------------------------------------------------

_HEADLINE_LABELS = (
    "受理政府信息公开申请",
    "收到政府信息公开申请",
    "2024年全区共收到政府信息公开申请",
    "区政府办代表区政府受理政府信息公开申请",
    "全市备案政府信息公开行政复议案件",
    "其中自然人申请",
    "法人或其他组织",
    "答复政府信息公开申请",
    "上年度结转申请",
    "不予公开",
    "不予公开占比",
    "制作政策解读",
)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(EXAMPLES[:2]),
    st.lists(
        st.tuples(
            st.sampled_from(_HEADLINE_LABELS),
            st.sampled_from((0, 1, 18, 34, 72, 74, 859, 877, 3119, 3153)),
            st.sampled_from(("件", "%")),
        ),
        max_size=4,
    ),
    st.booleans(),
    edits,
)
def test_the_headline_shortcut_gives_the_findings_of_the_narrative_rules(
    name: str,
    added: list[tuple[str, int, str]],
    unverifiable: bool,
    cells: list[tuple[int, int, int]],
) -> None:
    from govdisclosure.model.quantity import Quantity
    from govdisclosure.model.report import Figure

    report = changed(example(name), cells)
    figures = tuple(Figure(label=label, quantity=Quantity(n, unit)) for label, n, unit in added)
    report = attrs.evolve(report, figures=report.figures + figures)
    options: dict[str, Any] = {"include_unverifiable": unverifiable}
    assert check(report, **options) == plain(report, **options)


def test_the_headline_shortcut_holds_for_reports_without_tables() -> None:
    assert _narrative._no_headline_findings(example("sichuan-hrss-2013"))


# --- messages filled in by generated f-strings -------------------------------------------------

_TEMPLATE_PIECES = (
    "{row}",
    "{column}",
    "{expected}",
    "{actual}",
    "{year}",
    "{expected:>6}",
    "{actual!r}",
    "{whole}",
    "{0}",
    "{}",
    "{{",
    "}}",
    "{",
    "}",
    '"',
    "'",
    "\\",
    "\\n",
    "正文称“",
    "”为",
    "件，表格为",
    " and ",
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_TEMPLATE_PIECES), max_size=8).map("".join),
    st.sampled_from((None, 0, 3119, Decimal("33.9"), Decimal("1E+1"), "x")),
    st.sampled_from((None, 7, Decimal("32.0"))),
    st.sampled_from((None, 2024)),
)
def test_a_generated_message_is_the_template_filled_in(
    template: str, expected: object, actual: object, year: int | None
) -> None:
    values = ("行", "列", expected, actual, year, "空白")
    try:
        want: str | type[Exception] = template.format_map(_core._plain_values(*values))
    except (KeyError, IndexError, ValueError) as error:
        want = type(error)
    try:
        got: str | type[Exception] = _core._plain_message(template, *values)
    except (KeyError, IndexError, ValueError) as error:
        got = type(error)
    assert got == want
    if _core._formatter(template) is not None:  # only plain fields of the five names
        assert isinstance(want, str)


# --- the table rules' own generated tests ------------------------------------------------------


def never(*_: object) -> Any:
    """A generated test that never holds: the rule goes through its cells one by one."""
    return lambda values, blanks: False


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(EXAMPLES), edits, st.booleans(), st.booleans())
def test_each_table_rule_finds_what_its_loop_finds(
    name: str, cells: list[tuple[int, int, int]], unverifiable: bool, zeroed: bool
) -> None:
    report = changed(example(name), cells)
    rules = ["T3-BALANCE", "T3-ROW-SUM", "T3-OUTCOMES", "T4-TOTAL"]
    options: dict[str, Any] = {"include_unverifiable": unverifiable, "blanks_as_zero": zeroed}
    fast = [plain(report, rules=[rule], **options) for rule in rules]
    observed = [list(registered_rules()[rule].func(report)) for rule in rules]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_builtin, "_row_test", never)
        patch.setattr(_builtin, "_column_test", never)
        assert [plain(report, rules=[rule], **options) for rule in rules] == fast
        # Run alone (every operand's comparison is yielded), a rule whose test holds yields
        # nothing: its loop yields nothing either.
        loop = [list(registered_rules()[rule].func(report)) for rule in rules]
    assert loop == observed


@pytest.mark.parametrize(
    "printed", [Decimal("33.9"), Decimal("32"), 33, Decimal("3.2E+1"), Decimal("3E-13")]
)
def test_share_steps_kept_by_exponent_are_the_steps_worked_out(
    printed: Decimal | int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govdisclosure.model.quantity import Quantity
    from govdisclosure.model.report import Figure

    share = Figure(label="予以公开及部分公开占比", quantity=Quantity(printed, "%"))
    shanghai = example("shanghai-gov-office-2019")
    report = attrs.evolve(shanghai, figures=(*shanghai.figures, share))
    kept = check(report, rules=["NARRATIVE-SHARE"])
    monkeypatch.setattr(_narrative, "_STEPS", {})
    assert check(attrs.evolve(report), rules=["NARRATIVE-SHARE"]) == kept


# --- plans of named rules, kept ------------------------------------------------------------------


def test_plans_of_named_rules_follow_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    report = example("huaian-city-2024")
    assert check(report, rules=["T3-BALANCE", "NARRATIVE-FIGURE"]) == ()
    kept = _core._PLANS[(("T3-BALANCE", "NARRATIVE-FIGURE"), report.format_version)]
    assert [rule.id for _, steps in kept for rule, _ in steps] == ["T3-BALANCE", "NARRATIVE-FIGURE"]
    assert check(report, rules=iter(["T3-BALANCE", "NARRATIVE-FIGURE"])) == ()  # any iterable

    def always(report: AnnualReport) -> Iterator[Observation]:
        yield Observation(None, 1, 2)

    template = registered_rules()["T4-TOTAL"]  # its severity and part
    options: dict[str, Any] = {"severity": template.severity, "part": template.part}
    register_rule("MY-PLANNED", versions=None, message="", message_zh="", **options)(always)
    try:
        assert _core._PLANS == {}  # registering forgets every plan kept
        assert [f.rule for f in check(report, rules=["MY-PLANNED"])] == ["MY-PLANNED"]
        # A registry swapped in with its own plans (as a test does) is planned afresh, and the
        # plan made with it is not used once the registry is back.
        registry = dict(_core._REGISTRY)
        del registry["MY-PLANNED"]
        monkeypatch.setattr(_core, "_REGISTRY", registry)
        monkeypatch.setattr(_core, "_PLANS", {})
        with pytest.raises(KeyError):
            check(report, rules=["MY-PLANNED"])
        monkeypatch.undo()
        assert [f.rule for f in check(report, rules=["MY-PLANNED"])] == ["MY-PLANNED"]
    finally:
        unregister_rule("MY-PLANNED")
    with pytest.raises(KeyError):
        check(report, rules=["MY-PLANNED"])


def test_plans_of_named_rules_are_a_few(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_core, "_MAX_PLANS", 2)
    monkeypatch.setattr(_core, "_PLANS", {})
    report = example("huaian-city-2024")
    for rules in (["T3-BALANCE"], ["T4-TOTAL"], ["T3-ROW-SUM"]):
        assert check(report, rules=rules) == ()
    assert list(_core._PLANS) == [(("T3-ROW-SUM",), report.format_version)]


def test_a_column_identity_of_rows_a_table_lacks_compares_nothing() -> None:
    reviews = form_of(FormatVersion.NATIONAL_2021).table(ReportPart.REVIEWS)
    assert _builtin._column_cells(reviews, ("new", "carried-over"), ("total",)) == []
    assert _builtin._column_test(reviews, ("new",), ("total",))((), False)
