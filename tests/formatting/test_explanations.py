"""formatting.format_explanation: the wording of the rules' explanation steps, per language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from common import request_on as req
from govdisclosure.formatting import format_explanation
from govdisclosure.model import request as ev
from govdisclosure.model.proactive import (
    DisclosureCategory,
    ProactiveItem,
    StatusChange,
    StatusChangeKind,
)
from govdisclosure.model.quantity import Money
from govdisclosure.rules import (
    ClockStartStep,
    DueStep,
    ExtensionStep,
    PauseStep,
    PeriodStep,
    RestDaysStep,
    correction_notice_due,
    default_calendar,
    due_date,
    explain_deadline,
    obligations,
    publication_due,
)


def test_the_steps_carry_the_facts_and_the_words_come_from_the_tables() -> None:
    r = req(
        date(2024, 11, 1),
        ev.ConsultationStarted(on=date(2024, 11, 6), consultee=ev.Consultee.THIRD_PARTY),
        ev.ConsultationAnswered(on=date(2024, 11, 12), consultee=ev.Consultee.THIRD_PARTY),
        ev.Extended(on=date(2024, 12, 2), working_days=10),
    )
    due = due_date(r)
    steps = due.explain().steps
    assert [type(s) for s in steps[:4]] == [PeriodStep, ClockStartStep, PauseStep, ExtensionStep]
    assert isinstance(steps[-1], DueStep)
    assert steps[-1].due_on == due.due_on
    assert steps[-1].working_days == 30
    en = format_explanation(due, locale="en")
    assert en == format_explanation(due.explain(), locale="en_GB")  # any non-Chinese locale
    assert len(en) == len(steps)
    assert en[2] == (
        "Consultation of a third party sent 2024-11-06 (answered 2024-11-12):"
        " 4 working days not counted."
    )
    assert en[3] == "Extended on 2024-12-02 by 10 working days."
    zh = format_explanation(due, locale="zh_Hant_TW")
    assert zh == format_explanation(due)
    assert zh[2] == "2024-11-06征求第三方意见（2024-11-12答复），4个工作日不计入。"
    assert zh[3] == "2024-12-02延期答复，延长10个工作日。"


def test_long_dates_are_written_as_the_locale_writes_them() -> None:
    r = req(
        date(2024, 9, 27),
        ev.CorrectionRequested(on=date(2024, 9, 30), due_on=date(2024, 10, 15)),
        ev.CorrectionReceived(on=date(2024, 10, 9)),
    )
    zh = format_explanation(due_date(r), dates="long")
    assert zh[0] == (
        "适用《中华人民共和国政府信息公开条例》（国务院令第711号）（2019年5月15日起施行），"
        "答复期限为20个工作日。"
    )
    assert zh[1] == (
        "2024年9月27日收到申请，2024年10月9日收到补正申请，自收到补正申请次日起重新计算。"
    )
    en = format_explanation(due_date(r), locale="en", dates="long")
    assert en[1] == (
        "Application received on September 27, 2024; the corrected application was received on"
        " October 9, 2024 and the period counts from then (that day not counted)."
    )
    iso = format_explanation(due_date(r))
    assert iso[1] == "2024-09-27收到申请，2024-10-09收到补正申请，自收到补正申请次日起重新计算。"


def test_ranges_in_long_dates() -> None:
    # Spring Festival 2025 runs 01-28 to 02-04: a range within one year drops the end's year.
    due = explain_deadline(date(2025, 1, 24))
    zh = format_explanation(due, dates="long")
    assert "2025年1月28日至2月4日（春节）" in zh[2]
    assert "2025年1月25日（周末）" in zh[2]
    en = format_explanation(due, locale="en", dates="long")
    assert "January 28, 2025 to February 4, 2025 (Spring Festival)" in en[2]
    # Across New Year the end keeps its year.
    winter = format_explanation(explain_deadline(date(2022, 12, 20)), dates="long")
    assert "；2022年12月31日至2023年1月2日（元旦）；" in winter[2]


def test_unnamed_make_up_days_and_other_periods() -> None:
    # An override working day given without a name is listed by its date alone.
    cal = default_calendar().with_overrides(workdays=[date(2024, 11, 3)])
    due = explain_deadline(date(2024, 11, 1), calendar=cal)
    assert format_explanation(due)[3] == "调休上班日计入：2024-11-03。"
    assert format_explanation(due, locale="en", dates="long")[3] == (
        "Counted as make-up working days (调休): November 3, 2024."
    )
    notice = correction_notice_due(req(date(2024, 9, 27)))
    assert notice is not None
    assert format_explanation(notice)[0].endswith("补正告知期限为7个工作日。")
    assert "correction notice within 7 working days" in format_explanation(notice, locale="en")[0]


def test_publication_explanations() -> None:
    item = ProactiveItem(
        id="1",
        title="通知",
        category=DisclosureCategory.NORMATIVE_DOCUMENT,
        formed_on=date(2024, 9, 27),
        history=(StatusChange(kind=StatusChangeKind.REPEALED, on=date(2025, 1, 24)),),
    )
    due = publication_due(item)
    assert isinstance(due.explain().steps[2], RestDaysStep)
    assert (
        format_explanation(due, dates="long")[1]
        == "2024年9月27日政府信息形成或者变更，当日不计入。"
    )
    change = obligations(item)[1].due
    assert format_explanation(change, locale="en", dates="long")[1] == (
        "Document repealed on January 24, 2025; that day is not counted."
    )
    assert format_explanation(change.explain())[1] == "2025-01-24文件废止，当日不计入。"


def test_unknown_date_style_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown dates 'short'"):
        format_explanation(explain_deadline(date(2024, 9, 27)), dates="short")  # type: ignore[arg-type]


def test_fees_the_reasonable_period_and_a_suspended_clock() -> None:
    fee = ev.FeeNoticeIssued(on=date(2024, 11, 4), amount=Money(Decimal("100")))
    paid = due_date(req(date(2024, 11, 1), fee, ev.FeePaid(on=date(2024, 11, 8))))
    assert format_explanation(paid, dates="long")[2] == (
        "2024年11月4日发出收费通知，2024年11月8日缴费，4个工作日不计入（信息处理费管理办法）。"
    )
    unpaid = format_explanation(
        due_date(req(date(2024, 11, 1), fee), as_of=date(2024, 11, 6)), locale="en"
    )
    assert unpaid[2].startswith("Fee notice sent 2024-11-04, not paid yet, assumed paid on")
    assert "The clock is suspended until the fee is paid." in unpaid
    later = ev.ReasonablePeriodSet(on=date(2024, 11, 20), due_on=date(2025, 1, 24))
    reasonable = format_explanation(due_date(req(date(2024, 11, 1), later)), dates="long")
    assert "依第三十五条确定延迟答复的合理期限：2025年1月24日前答复。" in reasonable
