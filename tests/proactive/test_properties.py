"""Property tests: the register's models round-trip through JSON (and the compiled fast path),
and the tabulation agrees with a direct, per-item reading of the definitions.

The strategies here build only valid models; they are the ones proposed for
``govdisclosure.testing``.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import testing
from govdisclosure.model.agency import Agency
from govdisclosure.model.channel import ChannelKind, DisclosureChannel
from govdisclosure.model.layout import FormatVersion
from govdisclosure.model.outcome import Outcome, OutcomeGroup
from govdisclosure.model.proactive import (
    DecisionCount,
    DecisionKind,
    DecisionRecord,
    DisclosureCategory,
    FeeRecord,
    ProactiveItem,
    ProactiveRegister,
    ProcurementRecord,
    PublicationReview,
    ReviewDecision,
    ReviewKind,
    StatusChange,
    StatusChangeKind,
)
from govdisclosure.model.tables import ProactiveTable2019, ProactiveTable2021
from govdisclosure.rules.publication import (
    Timeliness,
    late_publications,
    obligations,
    timeliness_summary,
)
from govdisclosure.serialize import compiled, from_dict, from_json, to_dict, to_json
from govdisclosure.stats._proactive import fee_amount, tabulate_proactive

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

_FIRST = date(2008, 1, 1)
_LAST = date(2025, 12, 31)
_GROUNDS = [o for o in Outcome if o.group is OutcomeGroup.WITHHELD]


def _days(first: date = _FIRST, last: date = _LAST) -> SearchStrategy[date]:
    return st.dates(min_value=first, max_value=last)


def _after(day: date, max_days: int = 400) -> SearchStrategy[date]:
    return st.integers(0, max_days).map(lambda n: day + timedelta(days=n))


@st.composite
def status_changes(draw: st.DrawFn, kind: StatusChangeKind | None = None) -> StatusChange:
    kind = kind or draw(st.sampled_from(list(StatusChangeKind)))
    on = draw(_days())
    published = None
    if kind is not StatusChangeKind.ISSUED:
        published = draw(st.none() | _after(on, 60))
    return StatusChange(
        kind=kind, on=on, published_on=published, note=draw(st.none() | testing.chinese_text())
    )


@st.composite
def histories(draw: st.DrawFn, start: date) -> tuple[StatusChange, ...]:
    """A document history in date order: optional issue, amendments, optional end."""
    steps: list[StatusChange] = []
    day = start
    if draw(st.booleans()):
        steps.append(StatusChange(kind=StatusChangeKind.ISSUED, on=day))
    for _ in range(draw(st.integers(0, 2))):
        day = draw(_after(day, 900))
        steps.append(
            StatusChange(
                kind=StatusChangeKind.AMENDED,
                on=day,
                published_on=draw(st.none() | _after(day, 40)),
            )
        )
    if draw(st.booleans()):
        day = draw(_after(day, 1500))
        kind = draw(st.sampled_from([StatusChangeKind.REPEALED, StatusChangeKind.EXPIRED]))
        steps.append(
            StatusChange(kind=kind, on=day, published_on=draw(st.none() | _after(day, 40)))
        )
    return tuple(steps)


@st.composite
def publication_reviews(draw: st.DrawFn) -> PublicationReview:
    result = draw(st.sampled_from(list(ReviewDecision)))
    ground = None
    if result is ReviewDecision.WITHHOLD or (
        result is ReviewDecision.PUBLISH_IN_PART and draw(st.booleans())
    ):
        ground = draw(st.sampled_from(_GROUNDS))
    return PublicationReview(
        kind=draw(st.sampled_from(list(ReviewKind))),
        reviewed_on=draw(_days()),
        result=result,
        ground=ground,
        reviewer=draw(st.none() | testing.chinese_text(max_size=12)),
        note=draw(st.none() | testing.chinese_text()),
    )


@st.composite
def proactive_items(draw: st.DrawFn, id: str | None = None) -> ProactiveItem:
    formed = draw(_days(last=date(2024, 12, 31)))
    return ProactiveItem(
        id=id if id is not None else draw(testing.chinese_text(max_size=10)),
        title=draw(testing.chinese_text()),
        category=draw(st.sampled_from(list(DisclosureCategory))),
        formed_on=formed,
        published_on=draw(st.none() | _after(formed, 60)),
        document_number=draw(st.none() | testing.chinese_text(max_size=15)),
        channels=draw(st.lists(testing.channels(), max_size=2).map(tuple)),
        reviews=draw(st.lists(publication_reviews(), max_size=2).map(tuple)),
        history=draw(histories(formed)),
        note=draw(st.none() | testing.chinese_text()),
    )


def decision_counts() -> SearchStrategy[DecisionCount]:
    return st.builds(
        DecisionCount,
        kind=st.sampled_from(list(DecisionKind)),
        year=st.integers(2007, 2100),
        count=st.integers(0, 10**7),
    )


def decision_records() -> SearchStrategy[DecisionRecord]:
    return st.builds(
        DecisionRecord,
        kind=st.sampled_from(list(DecisionKind)),
        decided_on=_days(),
        reference=st.none() | testing.chinese_text(max_size=15),
    )


def fee_records() -> SearchStrategy[FeeRecord]:
    return st.builds(
        FeeRecord,
        collected_on=_days(),
        amount=testing.money(),
        item=st.none() | testing.chinese_text(max_size=12),
    )


def procurement_records() -> SearchStrategy[ProcurementRecord]:
    return st.builds(
        ProcurementRecord,
        project=testing.chinese_text(max_size=15),
        contracted_on=_days(),
        amount=st.none() | testing.money(),
    )


_CHANNELS = [
    DisclosureChannel(kind=ChannelKind.PORTAL, name="门户网站"),
    DisclosureChannel(kind=ChannelKind.MICROBLOG, name="政务微博"),
    DisclosureChannel(kind=ChannelKind.GAZETTE, name="政府公报"),
]


@st.composite
def light_items(draw: st.DrawFn, id: str = "1") -> ProactiveItem:
    """Items with fixed text, for properties of the counting (fast to draw)."""
    formed = draw(_days(last=date(2024, 12, 31)))
    return ProactiveItem(
        id=id,
        title="通知",
        category=draw(st.sampled_from(list(DisclosureCategory))),
        formed_on=formed,
        published_on=draw(st.none() | _after(formed, 60)),
        channels=tuple(draw(st.lists(st.sampled_from(_CHANNELS), max_size=3))),
        history=draw(histories(formed)),
    )


@st.composite
def light_registers(draw: st.DrawFn, max_items: int = 12) -> ProactiveRegister:
    size = draw(st.integers(0, max_items))
    return ProactiveRegister(
        items=tuple(draw(light_items(id=f"item-{i}")) for i in range(size)),
        fees=tuple(
            draw(
                st.lists(
                    st.builds(FeeRecord, collected_on=_days(), amount=testing.money()), max_size=3
                )
            )
        ),
    )


@st.composite
def registers(draw: st.DrawFn, max_items: int = 3) -> ProactiveRegister:
    size = draw(st.integers(0, max_items))
    counts = draw(st.lists(decision_counts(), max_size=3, unique_by=lambda c: (c.kind, c.year)))
    return ProactiveRegister(
        agency=draw(st.none() | st.just(Agency(name="淮安市人民政府"))),
        items=tuple(draw(proactive_items(id=f"item-{i}")) for i in range(size)),
        decision_counts=tuple(counts),
        decisions=tuple(draw(st.lists(decision_records(), max_size=3))),
        fees=tuple(draw(st.lists(fee_records(), max_size=3))),
        procurements=tuple(draw(st.lists(procurement_records(), max_size=2))),
    )


STRATEGIES: dict[str, SearchStrategy[Any]] = {
    "StatusChange": status_changes(),
    "PublicationReview": publication_reviews(),
    "ProactiveItem": proactive_items(),
    "DecisionCount": decision_counts(),
    "DecisionRecord": decision_records(),
    "FeeRecord": fee_records(),
    "ProcurementRecord": procurement_records(),
    "ProactiveRegister": registers(),
}


@pytest.mark.parametrize("name", sorted(STRATEGIES))
@given(data=st.data())
def test_json_round_trip(name: str, data: st.DataObject) -> None:
    model = data.draw(STRATEGIES[name], label=name)
    raw = to_json(model)
    back = from_json(raw, type(model))
    assert back == model
    assert to_json(back) == raw
    assert from_dict(to_dict(model), type(model)) == model


@pytest.mark.parametrize("name", sorted(STRATEGIES))
@given(data=st.data())
def test_compiled_path_matches_cattrs(name: str, data: st.DataObject) -> None:
    from govdisclosure.serialize import converter

    model = data.draw(STRATEGIES[name], label=name)
    body = compiled.unstructure(model)
    assert body == converter().unstructure(model)
    assert compiled.structure(body, type(model)) == model


@pytest.mark.parametrize(
    "cls",
    [
        StatusChange,
        PublicationReview,
        ProactiveItem,
        DecisionCount,
        DecisionRecord,
        FeeRecord,
        ProcurementRecord,
        ProactiveRegister,
    ],
)
def test_every_class_is_compiled_not_delegated(cls: type) -> None:
    assert compiled.source(cls) is not None


def test_every_field_carries_label_and_doc() -> None:
    for cls in (StatusChange, PublicationReview, ProactiveItem, DecisionCount, DecisionRecord,
                FeeRecord, ProcurementRecord, ProactiveRegister):  # fmt: skip
        for field in attrs.fields(cls):
            assert field.metadata["label"].strip(), (cls, field.name)
            assert field.metadata["doc"].strip(), (cls, field.name)
            assert field.metadata["personal"] is False


# --- the tabulation against the definitions, item by item --------------------------------------


def _t21(register: ProactiveRegister, year: int) -> ProactiveTable2021:
    table = tabulate_proactive(register, year=year).table
    assert isinstance(table, ProactiveTable2021)
    return table


def _t19(register: ProactiveRegister, year: int) -> ProactiveTable2019:
    table = tabulate_proactive(register, year=year, format=FormatVersion.TRIAL_2019).table
    assert isinstance(table, ProactiveTable2019)
    return table


def _naive(register: ProactiveRegister, year: int) -> dict[str, Any]:
    end, end_before = date(year, 12, 31), date(year - 1, 12, 31)
    out: dict[str, Any] = {}
    for category in (DisclosureCategory.REGULATION, DisclosureCategory.NORMATIVE_DOCUMENT):
        docs = [i for i in register.items if i.category is category]
        out[category.code] = (
            sum(1 for d in docs if d.issued_on.year == year),
            sum(1 for d in docs if d.repealed_on is not None and d.repealed_on.year == year),
            sum(1 for d in docs if d.in_force_on(end)),
            sum(1 for d in docs if d.in_force_on(end_before)),
            sum(1 for d in docs if d.published_on is not None and d.published_on.year == year),
        )
    return out


@given(light_registers(), st.integers(2008, 2026))
def test_tabulation_follows_the_definitions(register: ProactiveRegister, year: int) -> None:
    table = _t21(register, year)
    naive = _naive(register, year)
    regs = naive["regulation"]
    assert (table.regulations.issued, table.regulations.repealed, table.regulations.in_force) == (
        regs[:3]
    )
    docs = naive["normative-document"]
    counts = table.normative_documents
    assert (counts.issued, counts.repealed, counts.in_force) == docs[:3]
    trial = _t19(register, year)
    assert trial.regulations.made == regs[0]
    assert trial.normative_documents.published == docs[4]
    expected_fee = None
    if register.fees:
        total = sum(
            (f.amount.in_yuan() for f in register.fees if f.collected_on.year == year), Decimal(0)
        )
        expected_fee = total / 10000
    assert table.fee_amount == expected_fee
    assert fee_amount(register, year) == expected_fee


@given(light_registers(), st.integers(2009, 2025))
def test_in_force_carries_from_year_to_year(register: ProactiveRegister, year: int) -> None:
    """现行有效(Y) = 现行有效(Y-1) + 制发(Y) - 废止(Y) - expiries in Y."""
    before = _t21(register, year - 1)
    now = _t21(register, year)
    for category, counts_before, counts_now in (
        (DisclosureCategory.REGULATION, before.regulations, now.regulations),
        (
            DisclosureCategory.NORMATIVE_DOCUMENT,
            before.normative_documents,
            now.normative_documents,
        ),
    ):
        assert counts_now.in_force is not None
        assert counts_before.in_force is not None
        assert counts_now.issued is not None
        assert counts_now.repealed is not None
        expired = sum(
            1
            for item in register.items
            if item.category is category
            and item.ended_on is not None
            and item.repealed_on is None
            and item.ended_on.year == year
            and item.issued_on <= item.ended_on
        )
        assert counts_now.in_force == (
            counts_before.in_force + counts_now.issued - counts_now.repealed - expired
        )


@given(st.lists(light_items(), max_size=8), _days(date(2008, 5, 1), date(2026, 6, 30)))
def test_summary_agrees_with_each_obligation(items: list[ProactiveItem], as_of: date) -> None:
    summary = timeliness_summary(items, as_of=as_of)
    tally = dict.fromkeys(Timeliness, 0)
    for item in items:
        if item.formed_on > as_of:
            continue
        for obligation in obligations(item):
            made = obligation.due.formed_on
            if made <= as_of:
                tally[obligation.timeliness(as_of)] += 1
    assert (summary.on_time, summary.late, summary.overdue, summary.pending) == (
        tally[Timeliness.ON_TIME],
        tally[Timeliness.LATE],
        tally[Timeliness.OVERDUE],
        tally[Timeliness.PENDING],
    )
    assert summary.not_subject == sum(1 for i in items if i.formed_on < date(2008, 5, 1))
    late = late_publications(items, as_of=as_of)
    assert len(late) == summary.late + summary.overdue
    for entry in late:
        assert entry.status.is_late
        assert entry.days_late > 0
        assert entry.working_days_late <= entry.days_late
