"""The documentation's contracts: the generated data-model reference is complete, and every
public model field carries the metadata it is generated from (a Chinese label and a meaning).
"""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from docutils import nodes

import govdisclosure.model
from govdisclosure.model.base import LabelledEnum

if TYPE_CHECKING:
    from types import ModuleType

EXTENSION = Path(__file__).resolve().parents[1] / "docs" / "_ext" / "modelref.py"

PUBLIC = {name: getattr(govdisclosure.model, name) for name in govdisclosure.model.__all__}
MODELS = {name: obj for name, obj in PUBLIC.items() if attrs.has(obj)}
ENUMS = {
    name: obj
    for name, obj in PUBLIC.items()
    if isinstance(obj, type) and issubclass(obj, LabelledEnum)
}


@pytest.fixture(scope="module")
def modelref() -> ModuleType:
    """docs/_ext/modelref.py, imported from its file (docs/_ext is not a package)."""
    spec = importlib.util.spec_from_file_location("modelref", EXTENSION)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("modelref", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def reference(modelref: ModuleType) -> list[nodes.section]:
    sections: list[nodes.section] = modelref.build_reference()
    return sections


def _class_sections(reference: list[nodes.section]) -> dict[str, nodes.section]:
    found: dict[str, nodes.section] = {}
    for module_section in reference:
        for section in module_section.children:
            if isinstance(section, nodes.section):
                found[section[0].astext()] = section
    return found


def test_every_public_name_is_a_model_or_an_enum() -> None:
    assert sorted(PUBLIC) == sorted([*MODELS, *ENUMS])


def test_every_public_name_is_in_the_reference(reference: list[nodes.section]) -> None:
    sections = _class_sections(reference)
    assert sorted(sections) == sorted(govdisclosure.model.__all__)
    for name, section in sections.items():
        tables = list(section.findall(nodes.table))
        assert len(tables) == 1, name


def test_reference_sections_have_stable_ids(
    modelref: ModuleType, reference: list[nodes.section]
) -> None:
    sections = _class_sections(reference)
    for name, section in sections.items():
        assert section["ids"] == [modelref.section_id(PUBLIC[name])]
    assert modelref.section_id(govdisclosure.model.ApplicationTable) == "model-applicationtable"


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_field_has_label_and_doc(name: str) -> None:
    for field in attrs.fields(MODELS[name]):
        label = field.metadata.get("label")
        doc = field.metadata.get("doc")
        assert isinstance(label, str), f"{name}.{field.name}: no label metadata"
        assert label.strip(), f"{name}.{field.name}: empty label"
        assert isinstance(doc, str), f"{name}.{field.name}: no doc metadata"
        assert doc.strip(), f"{name}.{field.name}: empty doc"
        assert isinstance(field.metadata.get("personal"), bool), f"{name}.{field.name}"


def test_extension_finds_no_missing_metadata(modelref: ModuleType) -> None:
    assert modelref.missing_metadata() == []


@pytest.mark.parametrize("name", sorted(ENUMS))
def test_every_enum_member_has_a_code_and_an_english_label(name: str) -> None:
    enum = ENUMS[name]
    # A repeated code would silently make a member an alias of another.
    assert list(enum.__members__.values()) == list(enum), f"{name} has aliased members"
    for member in enum:
        assert member.code.strip(), f"{name}.{member.name}: empty code"
        assert member.label_en.strip(), f"{name}.{member.name}: empty English label"


def _rows(table: nodes.table) -> list[list[str]]:
    return [[entry.astext() for entry in row.children] for row in table.findall(nodes.row)]


def test_model_table_shows_types_labels_defaults_and_personal_data(
    modelref: ModuleType,
) -> None:
    rows = _rows(modelref.model_table(govdisclosure.model.Applicant))
    assert rows[0] == list(modelref.FIELD_HEADERS)
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["kind"] == [
        "kind",
        "ApplicantKind",
        "申请人类型",
        "Which column of table 3 the applicant counts in.",
        "required",
        "",
    ]
    assert by_name["name"][1:] == [
        "str | None",
        "姓名或者名称",
        "Name of the person or organisation.",
        "None",
        "个人信息",
    ]


def test_model_table_marks_inherited_fields_and_factories(modelref: ModuleType) -> None:
    rows = _rows(modelref.model_table(govdisclosure.model.AnnualReport2021))
    by_name = {row[0].split()[0]: row for row in rows[1:]}
    assert by_name["agency"][0] == "agency inherited"
    assert by_name["sections"][1] == "tuple[Section, ...]"
    assert by_name["sections"][4] == "()"
    assert by_name["applications"][0] == "applications"
    review_rows = _rows(modelref.model_table(govdisclosure.model.ReviewTable))
    assert review_rows[1][4] == "ReviewCounts()"


def test_enum_table_lists_code_and_labels(modelref: ModuleType) -> None:
    rows = _rows(modelref.enum_table(govdisclosure.model.MoneyUnit))
    assert rows == [
        list(modelref.ENUM_HEADERS),
        ["yuan", "元", "yuan"],
        ["wan-yuan", "万元", "10,000 yuan"],
    ]


@pytest.mark.parametrize(
    ("annotation", "text"),
    [
        (int | None, "int | None"),
        (tuple[govdisclosure.model.Section, ...], "tuple[Section, ...]"),
        (int | Decimal | None, "int | Decimal | None"),
        (dict[str, Any], "dict[str, Any]"),
        ("Unresolved", "Unresolved"),
    ],
)
def test_type_text_is_readable(modelref: ModuleType, annotation: object, text: str) -> None:
    assert modelref.type_text(annotation) == text
