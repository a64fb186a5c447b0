"""Labelled enums hash by identity and keep every Enum behaviour: equality, pickling, lookups."""

from __future__ import annotations

import copy
import pickle
from enum import Enum
from typing import TYPE_CHECKING, Any

import pytest

from govdisclosure.checks import Severity
from govdisclosure.model.applicant import ApplicantKind, SubmissionMethod
from govdisclosure.model.layout import ApplicationRow, FormatVersion
from govdisclosure.model.outcome import Outcome
from govdisclosure.rules.calendar import DayKind

if TYPE_CHECKING:
    from govdisclosure.model.base import LabelledEnum

ENUMS: list[type[LabelledEnum]] = [
    ApplicantKind,
    SubmissionMethod,
    Outcome,
    ApplicationRow,
    FormatVersion,
    DayKind,
    Severity,
]
MEMBERS = [member for enum in ENUMS for member in enum]


@pytest.mark.parametrize("member", MEMBERS, ids=lambda m: f"{type(m).__name__}.{m.name}")
def test_member_semantics(member: LabelledEnum) -> None:
    cls: Any = type(member)
    assert hash(member) == object.__hash__(member)
    assert pickle.loads(pickle.dumps(member)) is member
    assert copy.copy(member) is member
    assert copy.deepcopy(member) is member
    assert cls(member.code) is member
    assert cls[member.name] is member
    assert cls.from_code(member.code) is member
    assert {member: 1}[cls(member.code)] == 1
    assert member in frozenset(cls)
    assert member == cls(member.code)
    code: object = member.code
    assert member != code  # a member is not its code, as for any Enum
    assert all(member != other for other in cls if other is not member)


def test_members_of_different_enums_stay_distinct() -> None:
    # ApplicantKind.OTHER_ORGANISATION and SubmissionMethod.OTHER share a label, not identity.
    assert ApplicantKind.OTHER_ORGANISATION.label == SubmissionMethod.OTHER.label
    other: object = SubmissionMethod.OTHER
    assert other != ApplicantKind.OTHER_ORGANISATION
    assert len({ApplicantKind.OTHER_ORGANISATION, other}) == 2


def test_plain_enum_hashing_is_untouched() -> None:
    class Plain(Enum):
        A = 1

    assert hash(Plain.A) == hash("A")
