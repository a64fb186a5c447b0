"""Property tests: the register's models go through the compiled fast path exactly as through
cattrs, and the tabulation agrees with a direct, per-item reading of the definitions.

The models are drawn with the strategies of :mod:`govdisclosure.testing`.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import testing
from govdisclosure.model import proactive as pm
from govdisclosure.model.channel import ChannelKind, DisclosureChannel
from govdisclosure.model.layout import FormatVersion
from govdisclosure.model.tables import ProactiveTable2019, ProactiveTable2021
from govdisclosure.rules.publication import (
    Timeliness,
    late_publications,
    obligations,
    timeliness_summary,
)
from govdisclosure.serialize import compiled, converter
from govdisclosure.stats._proactive import fee_amount, tabulate_proactive

# The counting properties compute deadlines: keep every date within the calendar's data.
_FIRST = date(2008, 1, 1)
_LAST = date(2025, 12, 31)
_CHANNELS = [
    DisclosureChannel(kind=ChannelKind.PORTAL, name="门户网站"),
    DisclosureChannel(kind=ChannelKind.MICROBLOG, name="政务微博"),
    DisclosureChannel(kind=ChannelKind.GAZETTE, name="政府公报"),
]


def _days(first: date = _FIRST, last: date = _LAST) -> st.SearchStrategy[date]:
    return st.dates(min_value=first, max_value=last)


@st.composite
def light_items(draw: st.DrawFn, id: str = "1") -> pm.ProactiveItem:
    """Items with fixed text, for properties of the counting (fast to draw)."""
    formed = draw(_days(last=date(2024, 12, 31)))
    return pm.ProactiveItem(
        id=id,
        title="通知",
        category=draw(st.sampled_from(list(pm.DisclosureCategory))),
        formed_on=formed,
        published_on=draw(st.none() | _days(formed, formed + timedelta(days=60))),
        channels=tuple(draw(st.lists(st.sampled_from(_CHANNELS), max_size=3))),
        history=draw(testing.document_histories(formed, max_value=_LAST)),
    )


@st.composite
def light_registers(draw: st.DrawFn, max_items: int = 12) -> pm.ProactiveRegister:
    size = draw(st.integers(0, max_items))
    return pm.ProactiveRegister(
        items=tuple(draw(light_items(id=f"item-{i}")) for i in range(size)),
        fees=tuple(
            draw(
                st.lists(
                    st.builds(pm.FeeRecord, collected_on=_days(), amount=testing.money()),
                    max_size=3,
                )
            )
        ),
    )


# JSON and dict round trips of these models are in tests/test_serialize_roundtrip.py, with every
# other model's; here, the compiled fast path against cattrs with as many examples per class.
STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    pm.StatusChange: testing.status_changes(),
    pm.PublicationReview: testing.publication_reviews(),
    pm.ProactiveItem: testing.proactive_items(),
    pm.DecisionCount: testing.decision_counts(),
    pm.DecisionRecord: testing.decision_records(),
    pm.FeeRecord: testing.fee_records(),
    pm.ProcurementRecord: testing.procurement_records(),
    pm.ProactiveRegister: testing.proactive_registers(),
}


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
@given(data=st.data())
def test_compiled_path_matches_cattrs(cls: type, data: st.DataObject) -> None:
    model = data.draw(STRATEGIES[cls], label=cls.__name__)
    body = compiled.unstructure(model)
    assert body == converter().unstructure(model)
    assert compiled.structure(body, type(model)) == model
    assert converter().structure(body, type(model)) == model


@given(testing.status_changes(pm.StatusChangeKind.ISSUED))
def test_an_issue_is_published_as_the_item(change: pm.StatusChange) -> None:
    assert change.kind is pm.StatusChangeKind.ISSUED
    assert change.published_on is None


@given(testing.proactive_items(min_value=_FIRST, max_value=_LAST))
def test_items_stay_within_their_dates(item: pm.ProactiveItem) -> None:
    days = [item.formed_on, *(step.on for step in item.history)]
    days += [d for d in (item.published_on, *(s.published_on for s in item.history)) if d]
    assert all(_FIRST <= day <= _LAST for day in days)
    # Every obligation's deadline can be computed on the official calendar data.
    assert all(o.due.due_on.year <= 2026 for o in obligations(item))


def test_a_history_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="cannot end by 2025-01-01"):
        testing.document_histories(date(2026, 1, 1), max_value=date(2025, 1, 1))


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
def test_every_class_is_compiled_not_delegated(cls: type) -> None:
    assert compiled.source(cls) is not None


def test_every_field_carries_label_and_doc() -> None:
    for cls in STRATEGIES:
        for field in attrs.fields(cls):
            assert field.metadata["label"].strip(), (cls, field.name)
            assert field.metadata["doc"].strip(), (cls, field.name)
            assert field.metadata["personal"] is False


# --- the tabulation against the definitions, item by item --------------------------------------


def _t21(register: pm.ProactiveRegister, year: int) -> ProactiveTable2021:
    table = tabulate_proactive(register, year=year).table
    assert isinstance(table, ProactiveTable2021)
    return table


def _t19(register: pm.ProactiveRegister, year: int) -> ProactiveTable2019:
    table = tabulate_proactive(register, year=year, format_version=FormatVersion.TRIAL_2019).table
    assert isinstance(table, ProactiveTable2019)
    return table


def _naive(register: pm.ProactiveRegister, year: int) -> dict[str, Any]:
    end, end_before = date(year, 12, 31), date(year - 1, 12, 31)
    out: dict[str, Any] = {}
    for category in (pm.DisclosureCategory.REGULATION, pm.DisclosureCategory.NORMATIVE_DOCUMENT):
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
def test_tabulation_follows_the_definitions(register: pm.ProactiveRegister, year: int) -> None:
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
def test_in_force_carries_from_year_to_year(register: pm.ProactiveRegister, year: int) -> None:
    """现行有效(Y) = 现行有效(Y-1) + 制发(Y) - 废止(Y) - expiries in Y."""
    before = _t21(register, year - 1)
    now = _t21(register, year)
    for category, counts_before, counts_now in (
        (pm.DisclosureCategory.REGULATION, before.regulations, now.regulations),
        (
            pm.DisclosureCategory.NORMATIVE_DOCUMENT,
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
def test_summary_agrees_with_each_obligation(items: list[pm.ProactiveItem], as_of: date) -> None:
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
