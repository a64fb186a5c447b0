"""Schema version 1 documents: read through the documented upgrade, never written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from govdisclosure import examples, testing
from govdisclosure.errors import ValidationError
from govdisclosure.model import AnnualReport, Applicant, ApplicantKind, Section
from govdisclosure.model.base import LabelledEnum
from govdisclosure.model.layout import ReviewGroup
from govdisclosure.serialize import (
    READABLE_VERSIONS,
    SCHEMA_VERSION,
    from_dict,
    from_json,
    to_dict,
    to_json,
    upgrade,
)
from govdisclosure.serialize.chinese import from_dict_zh

V1 = Path(__file__).resolve().parents[1] / "data" / "v1"

LEGACY = {
    "natural_person": ApplicantKind.NATURAL_PERSON,
    "commercial_enterprise": ApplicantKind.COMMERCIAL_ENTERPRISE,
    "research_institution": ApplicantKind.RESEARCH_INSTITUTION,
    "social_welfare_organisation": ApplicantKind.SOCIAL_WELFARE_ORGANISATION,
    "legal_service_institution": ApplicantKind.LEGAL_SERVICE_INSTITUTION,
    "litigation_direct": ReviewGroup.LITIGATION_DIRECT,
    "litigation_after_reconsideration": ReviewGroup.LITIGATION_AFTER_RECONSIDERATION,
}


def test_versions() -> None:
    assert SCHEMA_VERSION == 2
    assert READABLE_VERSIONS == (1, 2)


def test_the_legacy_codes_are_exactly_the_documented_ones() -> None:
    found = {
        code: member
        for enum in (ApplicantKind, ReviewGroup)
        for code, member in enum.legacy_codes().items()
    }
    assert found == LEGACY
    assert LabelledEnum.legacy_codes() == {}


def test_every_code_is_kebab_case() -> None:
    for enum in (ApplicantKind, ReviewGroup):
        for member in enum:
            assert "_" not in member.code, member
            assert member.attribute == member.code.replace("-", "_")


def test_a_version_1_report_reads_as_the_bundled_one() -> None:
    old = (V1 / "huaian-city-2024.json").read_bytes()
    assert b'"schema_version": 1' in old
    report = from_json(old, AnnualReport)
    assert report == examples.load("huaian-city-2024")
    assert to_json(report).startswith(b'{"schema_version":2,')


@pytest.mark.parametrize("kind", list(ApplicantKind))
def test_version_1_applicant_codes(kind: ApplicantKind) -> None:
    old_code = kind.code.replace("-", "_")
    document = {"schema_version": 1, "type": "applicant", "kind": old_code}
    assert from_dict(document, Applicant) == Applicant(kind)
    assert to_dict(Applicant(kind))["kind"] == kind.code
    # The Chinese-key form reads version 1 too.
    assert from_dict_zh(
        {"schema_version": 1, "type": "applicant", "申请人类型": old_code}, Applicant
    ) == Applicant(kind)


def test_version_2_refuses_the_old_codes() -> None:
    with pytest.raises(ValidationError) as caught:
        from_dict({"schema_version": 2, "type": "applicant", "kind": "natural_person"}, Applicant)
    assert [e.path for e in caught.value.errors] == ["$.kind"]


def test_only_values_of_the_enum_types_change() -> None:
    document = {
        "schema_version": 1,
        "type": "applicant",
        "kind": "natural_person",
        "name": "natural_person",
    }
    assert upgrade(document, Applicant) == {
        "schema_version": 2,
        "type": "applicant",
        "kind": "natural-person",
        "name": "natural_person",
    }
    assert document["kind"] == "natural_person"  # the caller's document is left as it was


@pytest.mark.parametrize(
    "document",
    [
        {"schema_version": 2, "kind": "natural_person"},
        {"schema_version": 3, "kind": "natural_person"},
        {"schema_version": "1", "kind": "natural_person"},
        {"kind": "natural_person"},
        [1, 2],
        "text",
    ],
)
def test_what_is_not_an_old_document_is_returned_as_it_is(document: Any) -> None:
    assert upgrade(document, Applicant) is document


def test_wrong_shapes_are_left_for_the_reader_to_report() -> None:
    document = {
        "schema_version": 1,
        "type": "annual-report-2021",
        "agency": "not an object",
        "sections": {"not": "a list"},
        "unknown": "natural_person",
    }
    assert upgrade(document, AnnualReport) == {**document, "schema_version": 2}
    assert upgrade({"schema_version": 1, "type": "no-such-type"}, AnnualReport) == {
        "schema_version": 2,
        "type": "no-such-type",
    }
    with pytest.raises(ValidationError):
        from_dict(document, AnnualReport)


def test_a_hostile_depth_does_not_exhaust_the_stack() -> None:
    inner: dict[str, Any] = {"heading": "x"}
    for _ in range(5000):
        inner = {"heading": "x", "subsections": [inner]}
    document = {"schema_version": 1, "heading": "x", "subsections": [inner]}
    upgraded = upgrade(document, Section)
    assert upgraded["schema_version"] == 2


@given(testing.models())
def test_a_version_1_document_without_old_codes_is_the_same_document(model: Any) -> None:
    current = to_dict(model)
    old = {**current, "schema_version": 1}
    assert upgrade(old, type(model)) == current
    assert from_dict(old, type(model)) == model
