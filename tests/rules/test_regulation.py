"""Regulation versions as data."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from govdisclosure.errors import GovDisclosureError
from govdisclosure.model.request import Consultee
from govdisclosure.rules.regulation import (
    REGULATION_2008,
    REGULATION_2019,
    REGULATIONS,
    NoRegulationInForce,
    regulation_by_code,
    regulation_in_force,
)


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2008, 5, 1), "2008"),
        (date(2013, 6, 30), "2008"),
        (date(2019, 5, 14), "2008"),
        (date(2019, 5, 15), "2019"),
        (date(2030, 1, 1), "2019"),
    ],
)
def test_regulation_in_force_by_day(day: date, code: str) -> None:
    assert regulation_in_force(on=day).code == code


def test_before_first_regulation_is_a_typed_error() -> None:
    with pytest.raises(NoRegulationInForce) as info:
        regulation_in_force(on=date(2008, 4, 30))
    assert isinstance(info.value, GovDisclosureError)
    assert isinstance(info.value, LookupError)
    assert info.value.day == date(2008, 4, 30)
    assert "2008-05-01" in str(info.value)
    assert "尚未施行" in str(info.value)


def test_periods_of_each_version() -> None:
    assert (REGULATION_2008.reply_working_days, REGULATION_2008.extension_max_working_days) == (
        15,
        15,
    )
    assert (REGULATION_2019.reply_working_days, REGULATION_2019.extension_max_working_days) == (
        20,
        20,
    )
    assert REGULATION_2019.correction_notice_working_days == 7
    assert REGULATION_2008.correction_notice_working_days is None
    assert REGULATION_2019.consultation_working_days == 15
    assert REGULATION_2008.max_reply_working_days == 30
    assert REGULATION_2019.pauses_for(Consultee.OTHER_AGENCY)
    assert REGULATION_2008.pauses_for(Consultee.THIRD_PARTY)
    assert not REGULATION_2008.pauses_for(Consultee.OTHER_AGENCY)


def test_versions_are_contiguous_and_ordered() -> None:
    for older, newer in itertools.pairwise(REGULATIONS):
        assert older.in_force_until is not None
        assert older.in_force_until.toordinal() + 1 == newer.in_force_from.toordinal()
    assert REGULATIONS[-1].in_force_until is None


def test_lookup_by_code() -> None:
    assert regulation_by_code("2019") is REGULATION_2019
    with pytest.raises(NoRegulationInForce, match="unknown regulation version '2007'"):
        regulation_by_code("2007")


def test_str_names_the_instrument() -> None:
    assert str(REGULATION_2019) == "《中华人民共和国政府信息公开条例》（国务院令第711号）"
