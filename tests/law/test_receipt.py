"""The day of receipt (Art. 31): channels, Beijing time, rest days and office hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.errors import InvalidValue
from govdisclosure.model import SubmissionMethod
from govdisclosure.rules import (
    BEIJING,
    Arrival,
    OffHoursRule,
    ReceiptBasis,
    beijing_day,
    default_calendar,
    receipt_day,
)


def test_online_at_23_30_utc_is_the_next_day_in_beijing() -> None:
    moment = datetime(2024, 9, 26, 23, 30, tzinfo=UTC)
    receipt = receipt_day(Arrival(SubmissionMethod.ONLINE, submitted=moment, confirmed=moment))
    assert receipt.received_on == date(2024, 9, 27)
    assert receipt.basis is ReceiptBasis.CONFIRMED
    assert not receipt.moved


def test_each_channel_reads_its_own_fact() -> None:
    handed = date(2024, 9, 23)
    signed = date(2024, 9, 25)
    confirmed = date(2024, 9, 26)

    def arrive(method: SubmissionMethod, *, ordinary_letter: bool = False) -> Arrival:
        return Arrival(method, handed, signed, confirmed, ordinary_letter)

    expected = {
        SubmissionMethod.IN_PERSON: (handed, ReceiptBasis.IN_PERSON),
        SubmissionMethod.ORAL: (handed, ReceiptBasis.IN_PERSON),
        SubmissionMethod.POST: (signed, ReceiptBasis.SIGNED_FOR),
        SubmissionMethod.ONLINE: (confirmed, ReceiptBasis.CONFIRMED),
        SubmissionMethod.FAX: (confirmed, ReceiptBasis.CONFIRMED),
        SubmissionMethod.EMAIL: (confirmed, ReceiptBasis.CONFIRMED),
    }
    for method, (day, basis) in expected.items():
        receipt = receipt_day(arrive(method))
        assert (receipt.received_on, receipt.basis) == (day, basis), method
    letter = receipt_day(arrive(SubmissionMethod.POST, ordinary_letter=True))
    assert (letter.received_on, letter.basis) == (confirmed, ReceiptBasis.ORDINARY_LETTER)
    assert letter.basis.article == "第三十一条第（二）项"


@pytest.mark.parametrize(
    ("arrival", "field"),
    [
        (Arrival(SubmissionMethod.IN_PERSON), "submitted"),
        (Arrival(SubmissionMethod.POST, submitted=date(2024, 9, 2)), "signed_for"),
        (
            Arrival(SubmissionMethod.POST, ordinary_letter=True, signed_for=date(2024, 9, 2)),
            "confirmed",
        ),
        (Arrival(SubmissionMethod.ONLINE, submitted=date(2024, 9, 2)), "confirmed"),
        (Arrival(SubmissionMethod.OTHER, submitted=date(2024, 9, 2)), "method"),
    ],
)
def test_a_missing_fact_is_a_typed_error(arrival: Arrival, field: str) -> None:
    with pytest.raises(InvalidValue) as info:
        receipt_day(arrival)
    assert info.value.field_name == field
    assert info.value.message_zh


def test_naive_times_and_other_types_are_refused() -> None:
    with pytest.raises(InvalidValue, match="needs its zone"):
        Arrival(SubmissionMethod.ONLINE, confirmed=datetime(2024, 9, 26, 23, 30))
    with pytest.raises(InvalidValue, match="expected a date"):
        Arrival(SubmissionMethod.ONLINE, confirmed="2024-09-26")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="expected a date"):
        beijing_day("2024-09-26")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Arrival("online")  # type: ignore[arg-type]


def test_rest_days_follow_the_chosen_rule() -> None:
    saturday = date(2024, 10, 5)  # inside the National Day holiday
    arrival = Arrival(SubmissionMethod.IN_PERSON, submitted=saturday)
    as_dated = receipt_day(arrival)
    assert as_dated.received_on == saturday and as_dated.off_hours is OffHoursRule.AS_DATED
    moved = receipt_day(arrival, off_hours=OffHoursRule.NEXT_WORKING_DAY)
    assert moved.received_on == date(2024, 10, 8)
    assert moved.rest_day and moved.moved
    assert "rest day" in moved.describe()
    assert "为休息日，顺延至下一个工作日" in moved.describe_zh()


def test_after_hours_follows_the_chosen_rule() -> None:
    evening = datetime(2024, 9, 26, 10, 0, tzinfo=UTC)  # 18:00 in Beijing, a Thursday
    arrival = Arrival(SubmissionMethod.FAX, confirmed=evening)
    kept = receipt_day(arrival, office_closes=time(17, 30))
    assert kept.received_on == date(2024, 9, 26) and kept.after_hours and not kept.moved
    moved = receipt_day(
        arrival, off_hours=OffHoursRule.NEXT_WORKING_DAY, office_closes=time(17, 30)
    )
    assert moved.received_on == date(2024, 9, 27)
    assert "after office hours" in moved.describe()
    assert "在工作时间以外" in moved.describe_zh()
    # Without a closing time, only rest days move; before closing time, nothing moves.
    assert receipt_day(arrival, off_hours=OffHoursRule.NEXT_WORKING_DAY).received_on == date(
        2024, 9, 26
    )
    morning = Arrival(SubmissionMethod.FAX, confirmed=datetime(2024, 9, 26, 9, 0, tzinfo=BEIJING))
    early = receipt_day(
        morning, off_hours=OffHoursRule.NEXT_WORKING_DAY, office_closes=time(17, 30)
    )
    assert early.received_on == date(2024, 9, 26) and not early.after_hours


ZONES = st.sampled_from([UTC, BEIJING, timezone(timedelta(hours=-8)), timezone(timedelta(hours=5))])
MOMENTS = st.builds(
    lambda naive, zone: naive.replace(tzinfo=zone),
    st.datetimes(min_value=datetime(2010, 1, 2), max_value=datetime(2026, 12, 20)),
    ZONES,
)


@given(MOMENTS, st.sampled_from(list(SubmissionMethod)[:6]))
def test_the_day_is_the_beijing_day_of_the_fact(moment: datetime, method: SubmissionMethod) -> None:
    arrival = Arrival(method, submitted=moment, signed_for=moment, confirmed=moment)
    receipt = receipt_day(arrival)
    assert receipt.received_on == moment.astimezone(BEIJING).date() == beijing_day(moment)


@given(MOMENTS, st.times())
def test_the_next_working_day_rule_lands_on_a_working_day(moment: datetime, closes: time) -> None:
    cal = default_calendar()
    receipt = receipt_day(
        Arrival(SubmissionMethod.ONLINE, confirmed=moment),
        off_hours=OffHoursRule.NEXT_WORKING_DAY,
        office_closes=closes,
        calendar=cal,
    )
    assert cal.is_workday(receipt.received_on)
    assert receipt.dated <= receipt.received_on
    assert receipt.moved == (receipt.rest_day or receipt.after_hours)


def test_labels() -> None:
    assert OffHoursRule.NEXT_WORKING_DAY.label == "顺延至下一个工作日"
    assert ReceiptBasis.IN_PERSON.article == "第三十一条第（一）项"
    assert ReceiptBasis.CONFIRMED.article == "第三十一条第（三）项"
    assert ReceiptBasis.SIGNED_FOR.article == "第三十一条第（二）项"
