"""Unit tests of the register: validators, derived values, deadlines, tabulation and checks."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest

import corpus
from govdisclosure.checks import Severity, Status
from govdisclosure.checks._proactive import (
    check_against_register,
    check_register,
    table2_cells,
)
from govdisclosure.errors import CalendarDataUnavailable
from govdisclosure.examples import load
from govdisclosure.formatting import format_explanation
from govdisclosure.model import Agency, ChannelKind, DisclosureChannel, Money, MoneyUnit, Quantity
from govdisclosure.model import proactive as pm
from govdisclosure.model.base import InvalidValue
from govdisclosure.model.layout import FormatVersion
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.report import AnnualReport2019, AnnualReport2021
from govdisclosure.model.tables import DocumentCounts, ProactiveTable2019, ProactiveTable2021
from govdisclosure.rules import default_calendar, explain_deadline
from govdisclosure.rules.publication import (
    PUBLICATION_RULE_2008,
    PUBLICATION_RULE_2019,
    PublicationRule,
    ReviewProblemKind,
    Timeliness,
    late_publications,
    obligations,
    publication_due,
    publication_rule_in_force,
    review_problems,
    timeliness,
    timeliness_summary,
)
from govdisclosure.rules.regulation import REGULATION_2008, REGULATION_2019, NoRegulationInForce
from govdisclosure.stats._proactive import decision_count, fee_amount, tabulate_proactive

NORMATIVE = pm.DisclosureCategory.NORMATIVE_DOCUMENT
PORTAL = DisclosureChannel(kind=ChannelKind.PORTAL, name="门户网站")
WEIBO = DisclosureChannel(kind=ChannelKind.MICROBLOG, name="政务微博")


def _review(
    on: date, result: pm.ReviewDecision = pm.ReviewDecision.PUBLISH, **kw: object
) -> pm.PublicationReview:
    return pm.PublicationReview(kind=kw.pop("kind", pm.ReviewKind.CONFIDENTIALITY), reviewed_on=on,  # type: ignore[arg-type]
                             result=result, **kw)  # type: ignore[arg-type]  # fmt: skip


def _item(
    formed: date,
    published: date | None = None,
    *,
    id: str = "1",
    category: pm.DisclosureCategory = pm.DisclosureCategory.OTHER,
    history: tuple[pm.StatusChange, ...] = (),
    reviews: tuple[pm.PublicationReview, ...] = (),
    channels: tuple[DisclosureChannel, ...] = (),
) -> pm.ProactiveItem:
    return pm.ProactiveItem(id=id, title="通知", category=category, formed_on=formed,
                         published_on=published, history=history, reviews=reviews,
                         channels=channels)  # fmt: skip


def _history(*changes: pm.StatusChange) -> pm.ProactiveItem:
    """An item of 2024-01-01 with this history."""
    return _item(date(2024, 1, 1), history=changes)


def _change(kind: pm.StatusChangeKind, on: date, published: date | None = None) -> pm.StatusChange:
    return pm.StatusChange(kind=kind, on=on, published_on=published)


# --- model ---------------------------------------------------------------------------------------


def test_categories_map_to_art_20_items() -> None:
    assert {c.item for c in pm.DisclosureCategory} == {
        f"（{n}）"
        for n in ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
                  "十三", "十四", "十五")
    }  # fmt: skip
    assert [c for c in pm.DisclosureCategory if c.is_document] == [
        pm.DisclosureCategory.REGULATION,
        NORMATIVE,
    ]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: _item(date(2024, 3, 2), date(2024, 3, 1)), "before it was formed"),
        (
            lambda: pm.StatusChange(
                kind=pm.StatusChangeKind.ISSUED, on=date(2024, 1, 1), published_on=date(2024, 1, 2)
            ),
            "published as the item itself",
        ),
        (
            lambda: _change(pm.StatusChangeKind.REPEALED, date(2024, 3, 2), date(2024, 3, 1)),
            "before the change took effect",
        ),
        (
            lambda: _history(
                _change(pm.StatusChangeKind.AMENDED, date(2024, 2, 1)),
                _change(pm.StatusChangeKind.ISSUED, date(2024, 3, 1)),
            ),
            "issued once",
        ),
        (
            lambda: _history(
                _change(pm.StatusChangeKind.AMENDED, date(2024, 3, 1)),
                _change(pm.StatusChangeKind.AMENDED, date(2024, 2, 1)),
            ),
            "date order",
        ),
        (
            lambda: _history(
                _change(pm.StatusChangeKind.EXPIRED, date(2024, 3, 1)),
                _change(pm.StatusChangeKind.AMENDED, date(2024, 4, 1)),
            ),
            "nothing can follow",
        ),
        (lambda: _review(date(2024, 1, 1), pm.ReviewDecision.WITHHOLD), "must name its ground"),
        (
            lambda: _review(date(2024, 1, 1), pm.ReviewDecision.WITHHOLD, ground=Outcome.GRANTED),
            "not a ground",
        ),
        (
            lambda: _review(date(2024, 1, 1), ground=Outcome.WITHHELD_STATE_SECRET),
            "only when not publishing",
        ),
        (
            lambda: pm.ProactiveRegister(items=(_item(date(2024, 1, 1)), _item(date(2024, 1, 2)))),
            "used twice",
        ),
        (
            lambda: pm.ProactiveRegister(
                decision_counts=(
                    pm.DecisionCount(kind=pm.DecisionKind.PENALTY, year=2024, count=1),
                    pm.DecisionCount(kind=pm.DecisionKind.PENALTY, year=2024, count=2),
                )
            ),
            "a second count",
        ),
        (
            lambda: pm.DecisionCount(kind=pm.DecisionKind.PENALTY, year=2024, count=None),  # type: ignore[arg-type]
            "null",
        ),
        (
            lambda: pm.DecisionCount(kind=pm.DecisionKind.PENALTY, year=1999, count=1),
            "2007 to 2100",
        ),
    ],
)
def test_invalid_facts_are_refused(make: object, message: str) -> None:
    with pytest.raises(InvalidValue, match=message) as info:
        make()  # type: ignore[operator]
    assert info.value.message_zh


def test_document_life() -> None:
    doc = _item(date(2020, 1, 1), category=NORMATIVE, history=(
        _change(pm.StatusChangeKind.ISSUED, date(2020, 1, 5)),
        _change(pm.StatusChangeKind.AMENDED, date(2021, 1, 5)),
        _change(pm.StatusChangeKind.EXPIRED, date(2023, 1, 5)),
    ))  # fmt: skip
    assert doc.issued_on == date(2020, 1, 5)
    assert doc.ended_on == date(2023, 1, 5)
    assert doc.repealed_on is None
    assert not doc.in_force_on(date(2020, 1, 4))
    assert doc.in_force_on(date(2023, 1, 4))
    assert not doc.in_force_on(date(2023, 1, 5))
    plain = _item(
        date(2020, 1, 1), history=(_change(pm.StatusChangeKind.AMENDED, date(2021, 1, 1)),)
    )
    assert plain.issued_on == date(2020, 1, 1)
    assert plain.ended_on is None
    assert plain.repealed_on is None


# --- rules ---------------------------------------------------------------------------------------


def test_rule_in_force_switches_with_the_regulation() -> None:
    assert publication_rule_in_force(date(2008, 5, 1)) is PUBLICATION_RULE_2008
    assert publication_rule_in_force(date(2019, 5, 15)) is PUBLICATION_RULE_2019
    assert PUBLICATION_RULE_2019.code == "2019"
    assert str(PUBLICATION_RULE_2019).endswith("第二十六条")
    # The period and article are the regulation's data, not a copy of it.
    for rule, regulation, article in (
        (PUBLICATION_RULE_2008, REGULATION_2008, "第十八条"),
        (PUBLICATION_RULE_2019, REGULATION_2019, "第二十六条"),
    ):
        assert rule.regulation is regulation
        assert (rule.working_days, rule.article) == (20, article)
        assert (regulation.publication_working_days, regulation.publication_article) == (
            20,
            article,
        )
    what_if = PublicationRule(attrs.evolve(REGULATION_2019, publication_working_days=15))
    assert (what_if.working_days, what_if.article) == (15, "第二十六条")
    with pytest.raises(NoRegulationInForce):
        publication_rule_in_force(date(2008, 4, 30))


def test_explanation_reads_like_a_request_deadline() -> None:
    """Same start, same period: the same days skipped and counted, in the same words."""
    due = publication_due(_item(date(2025, 1, 24)))
    request = explain_deadline(date(2025, 1, 24))
    assert due.due_on == request.due_on
    assert format_explanation(due, locale="en")[2:] == format_explanation(request, locale="en")[2:]
    assert format_explanation(due)[2:] == format_explanation(request)[2:]
    assert format_explanation(due.explain()) == format_explanation(due)
    assert due.regulation.code == "2019"
    assert due.working_days == 20
    change = obligations(_item(date(2024, 1, 1), history=(
        _change(pm.StatusChangeKind.REPEALED, date(2025, 1, 24)),)))[1].due  # fmt: skip
    assert (
        format_explanation(change, locale="en")[1]
        == "Document repealed on 2025-01-24; that day is not counted."
    )
    assert format_explanation(change)[1] == "2025-01-24文件废止，当日不计入。"


def test_a_period_without_rest_days_or_makeup_days() -> None:
    due = publication_due(_item(date(2024, 6, 3)), calendar=default_calendar())
    explanation = due.explain()
    assert explanation.makeup_days == ()
    lines = format_explanation(due, locale="en")
    assert not any(line.startswith("Counted as make-up") for line in lines)
    short = explain_deadline(date(2024, 6, 3))
    assert lines[2:] == format_explanation(short, locale="en")[2:]


def test_estimated_dates_are_marked() -> None:
    cal = default_calendar(estimate=True)
    due = publication_due(_item(date(2026, 12, 20)), calendar=cal)
    assert due.estimated
    assert str(due).endswith("[estimated]")
    assert "estimated" in format_explanation(due, locale="en")[-1]
    assert "估算" in format_explanation(due)[-1]
    with pytest.raises(CalendarDataUnavailable):
        publication_due(_item(date(2026, 12, 20)))


def test_timeliness_states() -> None:
    item = _item(date(2024, 9, 27))
    assert timeliness(item) is Timeliness.PENDING
    assert timeliness(item, as_of=date(2024, 10, 30)) is Timeliness.PENDING
    assert timeliness(item, as_of=date(2024, 10, 31)) is Timeliness.OVERDUE
    on_time = _item(date(2024, 9, 27), date(2024, 10, 30))
    assert timeliness(on_time) is Timeliness.ON_TIME
    assert not Timeliness.ON_TIME.is_late
    with pytest.raises(NoRegulationInForce):
        timeliness(_item(date(2007, 1, 1)))


def test_late_and_overdue_obligations() -> None:
    repealed = _change(pm.StatusChangeKind.REPEALED, date(2024, 9, 27))
    amended = _change(pm.StatusChangeKind.AMENDED, date(2024, 6, 3), date(2024, 8, 30))
    doc = _item(date(2007, 3, 1), date(2007, 3, 2), category=NORMATIVE,
                history=(amended, repealed))  # fmt: skip
    weekend = _item(date(2024, 11, 1), date(2024, 11, 30), id="2")  # due Fri 11-29; Sat is late
    found = late_publications([doc, weekend], as_of=date(2024, 12, 31))
    kinds = [(x.item.id, x.obligation.change and x.obligation.change.kind.code, x.status.code)
             for x in found]  # fmt: skip
    assert kinds == [("1", "amended", "late"), ("1", "repealed", "overdue"), ("2", None, "late")]
    assert found[1].obligation.published_on is None
    assert found[1].days_late == (date(2024, 12, 31) - date(2024, 10, 30)).days
    assert found[2].days_late == 1
    assert found[2].working_days_late == 0
    summary = timeliness_summary([doc, weekend], as_of=date(2024, 12, 31))
    assert (summary.late, summary.overdue, summary.not_subject, summary.total) == (2, 1, 1, 3)
    # Without as_of nothing is overdue; facts after as_of are not known.
    assert len(late_publications([doc, weekend])) == 2
    assert timeliness_summary([doc], as_of=date(2024, 6, 1)).total == 0
    assert obligations(doc)[0].timeliness() is Timeliness.LATE
    assert obligations(weekend)[0].days_late(as_of=date(2024, 11, 5)) == 0
    assert obligations(weekend)[0].working_days_late(as_of=date(2024, 11, 5)) == 0


def test_scan_reports_missing_calendar_data() -> None:
    cal = default_calendar()
    with pytest.raises(CalendarDataUnavailable):
        timeliness_summary([_item(date(2026, 12, 20))], calendar=cal)
    late_day = date(2027, 3, 1)
    with pytest.raises(CalendarDataUnavailable):
        timeliness_summary([_item(late_day)], calendar=cal)


def test_review_problems() -> None:
    published = date(2024, 3, 6)
    ok = _item(date(2024, 3, 1), published, reviews=(_review(date(2024, 3, 5)),))
    assert review_problems(ok) == ()
    assert review_problems(_item(date(2024, 3, 1))) == ()
    assert [p.kind for p in review_problems(_item(date(2024, 3, 1), published))] == [
        ReviewProblemKind.NO_REVIEW
    ]
    against = _item(date(2024, 3, 1), published, reviews=(
        _review(date(2024, 3, 2)),
        _review(date(2024, 3, 4), pm.ReviewDecision.DEFER),
        _review(date(2024, 3, 5), kind=pm.ReviewKind.LEGALITY),
    ))  # fmt: skip
    problems = review_problems(against, required=(pm.ReviewKind.LEGALITY, pm.ReviewKind.OTHER))
    assert [(p.kind, p.review and p.review.result, p.kind_missing) for p in problems] == [
        (ReviewProblemKind.AGAINST_REVIEW, pm.ReviewDecision.DEFER, None),
        (ReviewProblemKind.MISSING_KIND, None, pm.ReviewKind.OTHER),
    ]


# --- tabulation ----------------------------------------------------------------------------------


def test_tabulation_2021_and_channels() -> None:
    items = (
        _item(date(2024, 2, 1), date(2024, 2, 2), id="a", category=NORMATIVE,
              channels=(PORTAL, WEIBO, PORTAL)),
        _item(date(2024, 2, 1), date(2024, 2, 2), id="b", category=pm.DisclosureCategory.REGULATION,
              channels=(DisclosureChannel(kind=ChannelKind.PORTAL, name="门户网站",
                                          published=Quantity(3, "条")),)),
        _item(date(2024, 5, 1), date(2024, 5, 2), id="c"),
        _item(date(2023, 5, 1), date(2023, 5, 2), id="d", channels=(WEIBO,)),
        _item(date(2024, 12, 30), date(2025, 1, 2), id="e", channels=(WEIBO,)),
        _item(date(2024, 3, 1), date(2024, 3, 4), id="f", channels=(WEIBO,)),
    )  # fmt: skip
    stats = tabulate_proactive(items, year=2024).channels
    assert (stats.published, stats.without_channel) == (4, 1)
    assert [(c.channel, c.items) for c in stats.channels] == [(PORTAL, 2), (WEIBO, 2)]
    assert stats.count(PORTAL) == 2
    assert stats.count(DisclosureChannel(kind=ChannelKind.PORTAL, published=Quantity(1, "条"))) == 0
    assert stats.for_kind(ChannelKind.PORTAL) == 2
    assert stats.for_kind(ChannelKind.GAZETTE) == 0
    assert stats.for_category(NORMATIVE) == 1
    assert stats.for_category(pm.DisclosureCategory.FEES) == 0
    assert stats.channels[0].for_category(pm.DisclosureCategory.REGULATION) == 1
    assert stats.channels[0].for_category(pm.DisclosureCategory.FEES) == 0
    assert stats.as_channels("篇")[1].published == Quantity(2, "篇")


def test_decisions_fees_and_blanks() -> None:
    register = pm.ProactiveRegister(
        decision_counts=(
            pm.DecisionCount(kind=pm.DecisionKind.LICENSING, year=2024, count=7),
            pm.DecisionCount(kind=pm.DecisionKind.PENALTY, year=2024, count=9),
        ),
        decisions=(
            pm.DecisionRecord(kind=pm.DecisionKind.PENALTY, decided_on=date(2024, 1, 2)),
            pm.DecisionRecord(kind=pm.DecisionKind.PENALTY, decided_on=date(2023, 1, 2)),
        ),
        fees=(pm.FeeRecord(collected_on=date(2024, 1, 1), amount=Money(Decimal("1000000"))),),
    )
    table = tabulate_proactive(register, year=2024).table
    assert isinstance(table, ProactiveTable2021)
    # Records first, then the supplied count, then blank.
    assert (table.licensing, table.penalties, table.compulsory_measures) == (7, 1, None)
    assert decision_count(register, pm.DecisionKind.PENALTY, 2022) == 0
    assert table.fee_amount == Decimal("100")
    assert str(table.fee_amount) == "100"
    assert fee_amount(pm.ProactiveRegister(), 2024) is None
    with pytest.raises(ValueError, match="no statistical tables"):
        tabulate_proactive(register, year=2024, format_version=FormatVersion.LEGACY_2008)


def test_tabulation_2019() -> None:
    licence = pm.DisclosureCategory.LICENSING
    regulation = pm.DisclosureCategory.REGULATION
    items = (
        _item(date(2018, 1, 1), id="l1", category=licence),
        _item(date(2018, 1, 1), id="l2", category=licence,
              history=(_change(pm.StatusChangeKind.REPEALED, date(2019, 3, 1)),)),
        _item(date(2019, 2, 1), id="l3", category=licence),
        _item(date(2019, 2, 1), id="l4", category=licence),
        _item(date(2017, 1, 1), id="f1", category=pm.DisclosureCategory.FEES),
        _item(date(2019, 2, 1), date(2019, 2, 3), id="r1", category=regulation),
        _item(date(2018, 2, 1), date(2018, 2, 3), id="r2", category=regulation),
    )  # fmt: skip
    register = pm.ProactiveRegister(
        items=items,
        decisions=(pm.DecisionRecord(kind=pm.DecisionKind.LICENSING, decided_on=date(2019, 5, 5)),),
        procurements=(
            pm.ProcurementRecord(project="甲", contracted_on=date(2019, 3, 1),
                              amount=Money(Decimal("1"), MoneyUnit.WAN_YUAN)),
            pm.ProcurementRecord(project="乙", contracted_on=date(2019, 4, 1),
                              amount=Money(Decimal("241000.00"))),
            pm.ProcurementRecord(project="丙", contracted_on=date(2018, 4, 1)),
        ),
    )  # fmt: skip
    table = tabulate_proactive(register, year=2019, format_version=FormatVersion.TRIAL_2019).table
    assert isinstance(table, ProactiveTable2019)
    assert (table.licensing.previous_year, table.licensing.change, table.licensing.decisions) == (
        2, 1, 1,
    )  # fmt: skip
    assert (table.fees.previous_year, table.fees.change) == (1, 0)
    assert table.other_services.decisions is None
    assert (table.regulations.made, table.regulations.published) == (1, 1)
    assert table.regulations.total_published == 2
    assert table.procurement.projects == 2
    assert table.procurement.total_amount == Money(Decimal("251000"))
    assert str(table.procurement.total_amount.amount) == "251000"
    open_amount = pm.ProactiveRegister(procurements=(
        pm.ProcurementRecord(project="甲", contracted_on=date(2019, 3, 1)),
        pm.ProcurementRecord(project="乙", contracted_on=date(2019, 3, 1),
                          amount=Money(Decimal("5"))),
    ))  # fmt: skip
    blank = tabulate_proactive(
        open_amount, year=2019, format_version=FormatVersion.TRIAL_2019
    ).table
    assert isinstance(blank, ProactiveTable2019)
    assert (blank.procurement.projects, blank.procurement.total_amount) == (2, None)
    report = tabulate_proactive(
        register, year=2019, format_version=FormatVersion.TRIAL_2019
    ).report(Agency(name="上海市人民政府办公厅"))
    assert isinstance(report, AnnualReport2019)
    assert report.proactive == table


# --- checks --------------------------------------------------------------------------------------


def test_table_2_against_a_register_2021() -> None:
    report = load("huaian-city-2024")
    assert isinstance(report, AnnualReport2021)
    findings = check_against_register(report, [], include_unverifiable=True)
    by_cell = {(f.row_label, f.column_label): f for f in findings}
    assert by_cell[("规章", "本年制发件数")].status is Status.FAILED
    assert ("规章", "本年废止件数") not in by_cell  # 0 = 0
    fee = by_cell[("行政事业性收费", "本年收费金额（单位：万元）")]
    assert fee.status is Status.NOT_VERIFIABLE
    # In the cell's unit, 万元, exactly as printed.
    assert (fee.expected, fee.actual) == (None, Decimal("96171.6"))
    assert type(fee.actual) is Decimal
    assert fee.message_zh.startswith("无法核对")
    wrong_fee = pm.ProactiveRegister(
        fees=(pm.FeeRecord(collected_on=date(2024, 5, 1), amount=Money(Decimal("0.5"))),)
    )
    fee = {f.column_label: f for f in check_against_register(report, wrong_fee)}[
        "本年收费金额（单位：万元）"
    ]
    assert fee.status is Status.FAILED
    # 0.5 元 is 0.00005 万元: a fraction of a 元 is kept, not dropped.
    assert (fee.expected, fee.actual) == (Decimal("0.00005"), Decimal("96171.6"))
    assert str(fee.expected) == "0.00005"
    assert "0.00005" in fee.message
    assert "96171.6" in fee.message_zh
    blank_report = AnnualReport2021(agency=report.agency, year=2024)
    assert check_against_register(blank_report, []) == ()
    assert len(check_against_register(blank_report, [], include_unverifiable=True)) == 10


def test_table_2_against_a_register_2019_and_2008() -> None:
    shanghai = load("shanghai-gov-office-2019")
    cells = table2_cells(shanghai.proactive)  # type: ignore[attr-defined]
    assert len(cells) == 22
    last, value = cells[-1]
    assert (last.row_label, last.column_label) == ("政府集中采购", "采购总金额")
    assert value == Decimal("251000")
    assert last.path == "$.proactive.procurement.total_amount"
    findings = check_against_register(shanghai, [])
    assert {f.rule for f in findings} == {"T2-REGISTER"}
    assert all(f.severity is Severity.ERROR for f in findings)
    # Money cells are compared in 元, fractions of a 元 included.
    odd = pm.ProactiveRegister(
        procurements=(
            pm.ProcurementRecord(project="甲", contracted_on=date(2019, 3, 1),
                              amount=Money(Decimal("250999.5"))),
        )
    )  # fmt: skip
    total = {f.column_label: f for f in check_against_register(shanghai, odd)}["采购总金额"]
    assert (total.expected, total.actual) == (Decimal("250999.5"), Decimal("251000"))
    blank = AnnualReport2019(agency=shanghai.agency, year=2019)
    assert check_against_register(blank, []) == ()
    legacy = load("sichuan-hrss-2013")
    late = _item(date(2013, 3, 1), date(2013, 5, 1))
    assert [f.rule for f in check_against_register(legacy, [late])] == [
        "PUB-NO-REVIEW",
        "PUB-LATE",
    ]


def test_register_findings() -> None:
    items = [
        _item(date(2024, 3, 1), date(2024, 3, 6), id="a",
              reviews=(_review(date(2024, 3, 8)),)),
        _item(date(2024, 3, 1), date(2024, 3, 6), id="b",
              reviews=(_review(date(2024, 3, 5), pm.ReviewDecision.WITHHOLD,
                               ground=Outcome.WITHHELD_STATE_SECRET),)),
        _item(date(2024, 3, 1), date(2024, 3, 6), id="c", reviews=(_review(date(2024, 3, 5)),)),
        _item(date(2024, 3, 1), id="d"),
        _item(date(2023, 3, 1), date(2023, 3, 6), id="e"),
        _item(date(2024, 3, 1), date(2024, 3, 2), id="f", reviews=(_review(date(2024, 3, 2)),),
              history=(_change(pm.StatusChangeKind.AMENDED, date(2024, 6, 3), date(2024, 7, 31)),)),
    ]  # fmt: skip
    register = pm.ProactiveRegister(
        items=tuple(items),
        decision_counts=(
            pm.DecisionCount(kind=pm.DecisionKind.PENALTY, year=2024, count=2),
            pm.DecisionCount(kind=pm.DecisionKind.PENALTY, year=2023, count=0),
            pm.DecisionCount(kind=pm.DecisionKind.LICENSING, year=2024, count=5),
        ),
        decisions=(pm.DecisionRecord(kind=pm.DecisionKind.PENALTY, decided_on=date(2024, 1, 1)),),
    )
    findings = check_register(
        register, year=2024, as_of=date(2024, 12, 31), required_reviews=(pm.ReviewKind.LEGALITY,)
    )
    rules = [(f.rule, f.row_label) for f in findings]
    assert rules == [
        ("PUB-BEFORE-REVIEW", "a 通知"),
        ("PUB-AGAINST-REVIEW", "b 通知"),
        ("PUB-MISSING-REVIEW", "b 通知"),
        ("PUB-MISSING-REVIEW", "c 通知"),
        ("PUB-MISSING-REVIEW", "f 通知"),
        ("PUB-OVERDUE", "d 通知"),
        ("PUB-LATE", "f 通知"),
        ("PUB-DECISIONS", "行政处罚"),
    ]
    against = findings[1]
    assert "不予公开" in against.message_zh
    assert "do not publish" in against.message
    late = findings[6]
    assert "（2024-06-03修改）" in late.message_zh
    assert "(amended 2024-06-03)" in late.message
    overdue = findings[5]
    assert overdue.message_zh.startswith("d 通知：截至2024-12-31尚未公开")
    assert (overdue.expected, overdue.actual) == (0, (date(2024, 12, 31) - date(2024, 3, 29)).days)
    decisions = findings[7]
    assert (decisions.expected, decisions.actual, decisions.year) == (1, 2, 2024)
    everything = check_register(register, as_of=date(2024, 12, 31))
    assert {f.rule for f in everything} >= {"PUB-NO-REVIEW", "PUB-DECISIONS"}
    assert [f.year for f in everything if f.rule == "PUB-DECISIONS"] == [2024]


def test_timeliness_findings_belong_to_the_year_the_deadline_falls_in() -> None:
    # Formed 2023-03-01, due 2023-03-29, published 2024-01-10: late, a finding of 2023 only.
    late = _item(date(2023, 3, 1), date(2024, 1, 10), reviews=(_review(date(2023, 3, 2)),))
    assert [f.rule for f in check_register([late], year=2024)] == []
    [finding] = check_register([late], year=2023)
    assert (finding.rule, finding.year, finding.expected) == ("PUB-LATE", 2023, 0)
    assert finding.actual == (date(2024, 1, 10) - date(2023, 3, 29)).days


# --- real reports --------------------------------------------------------------------------------


def _expected(file: str) -> dict[str, object]:
    entry: dict[str, object] = corpus.by_file()[file]
    return entry


def test_one_register_gives_hongze_2023_and_2024() -> None:
    """Hongze printed 行政规范性文件 [0, 5, 5] for 2023 and [3, 0, 8] for 2024: one register
    (ten documents, five of them repealed in 2023, three issued in 2024) gives both."""
    start = date(2020, 3, 2)
    docs = [
        _item(start + timedelta(days=30 * n), start + timedelta(days=30 * n + 2), id=f"old-{n}",
              category=NORMATIVE,
              history=(_change(pm.StatusChangeKind.REPEALED, date(2023, 6, 1)),) if n < 5 else ())
        for n in range(10)
    ] + [
        _item(date(2024, 4, 1) + timedelta(days=60 * n), None, id=f"new-{n}", category=NORMATIVE)
        for n in range(3)
    ]  # fmt: skip
    for year, file in ((2023, "hongze-district-2023.pdf"), (2024, "hongze-district-2024.pdf")):
        printed = _expected(file)["proactive"]
        assert isinstance(printed, dict)
        counts = {
            pm.DecisionKind.LICENSING: printed["行政许可"],
            pm.DecisionKind.PENALTY: printed["行政处罚"],
            pm.DecisionKind.COMPULSORY_MEASURE: printed["行政强制"],
        }
        register = pm.ProactiveRegister(
            items=tuple(docs),
            decision_counts=tuple(
                pm.DecisionCount(kind=kind, year=year, count=count)
                for kind, count in counts.items()
            ),
            fees=(
                pm.FeeRecord(
                    collected_on=date(year, 12, 31),
                    amount=Money(Decimal(printed["行政事业性收费_万元"]), MoneyUnit.WAN_YUAN),
                ),
            ),
        )
        table = tabulate_proactive(register, year=year).table
        assert table == ProactiveTable2021(
            regulations=DocumentCounts(**dict(zip(("issued", "repealed", "in_force"),
                                                  printed["规章"], strict=True))),
            normative_documents=DocumentCounts(**dict(zip(("issued", "repealed", "in_force"),
                                                          printed["行政规范性文件"], strict=True))),
            licensing=counts[pm.DecisionKind.LICENSING],
            penalties=counts[pm.DecisionKind.PENALTY],
            compulsory_measures=counts[pm.DecisionKind.COMPULSORY_MEASURE],
            fee_amount=Decimal(printed["行政事业性收费_万元"]),
        )  # fmt: skip
        assert str(table.fee_amount) == printed["行政事业性收费_万元"]
