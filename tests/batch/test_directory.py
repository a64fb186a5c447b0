"""The agency directory and the GB/T 2260 regions it reads from python-stdnum."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.errors import ValidationError
from govdisclosure.model import Agency, AgencyKind, AgencyLevel, RegionCode
from govdisclosure.model.directory import (
    AgencyDirectory,
    AgencyName,
    DirectoryEntry,
    identity_key,
    infer_agency,
    infer_level,
)
from govdisclosure.model.regions import chain, region, regions_named, split_region


def test_regions_come_from_the_maintained_code_list() -> None:
    huaian = region("320800")
    assert huaian is not None
    assert huaian.names_in(1990) == ("淮阴市",) and huaian.name == "淮安市"
    assert not huaian.withdrawn and huaian.until is None
    old = region("320829")
    assert old is not None and old.withdrawn and old.until == 2016 and old.name == "洪泽县"
    assert [r.code for r in chain("320813")] == ["320000", "320800", "320813"]
    assert [r.code for r in chain("110000")] == ["110000"]
    assert region("000000") is None
    assert region("110000").prefecture is None  # type: ignore[union-attr]
    assert region("320813").prefecture == "320800"  # type: ignore[union-attr]
    assert region("320000").contains("320813") and not region("320813").contains("320800")  # type: ignore[union-attr]
    assert regions_named("洪泽县", year=2020) == ()
    assert [r.code for r in regions_named("洪泽县", year=2010)] == ["320829"]


def test_split_region_follows_the_chain_and_never_guesses() -> None:
    assert split_region("江苏省淮安市洪泽区人民政府")[0].code == "320813"  # type: ignore[union-attr]
    found, rest = split_region("北京市朝阳区人民政府")
    assert found is not None and found.code == "110105" and rest == "人民政府"
    assert split_region("朝阳区人民政府") == (None, "朝阳区人民政府")
    # 淮阴市 was the name of 320800 until 1999.
    assert split_region("淮阴市人民政府", 1995)[0].code == "320800"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("洪泽区人民政府", "320813:人民政府"),
        ("淮安市洪泽区人民政府", "320813:人民政府"),
        ("淮安市 洪泽区人民政府", "320813:人民政府"),
        ("平潭综合实验区管委会办公室", "平潭综合实验区"),
        ("平潭综合实验区管理委员会", "平潭综合实验区"),
        ("上海市人民政府办公厅", "310000:人民政府办公厅"),
        ("上海市人民政府", "310000:人民政府"),
        ("管委会", "管委会"),
    ],
)
def test_identity_keys(name: str, key: str) -> None:
    assert identity_key(name) == key


def test_levels_inferred_from_names() -> None:
    assert infer_level("四川省人力资源和社会保障厅") == (AgencyLevel.PROVINCE, "510000")
    assert infer_level("淮安市人民政府") == (AgencyLevel.PREFECTURE, "320800")
    assert infer_level("洪泽区岔河镇人民政府") == (AgencyLevel.TOWNSHIP, "320813")
    given_level = Agency(name="淮安市人民政府", level=AgencyLevel.COUNTY)
    inferred = infer_agency(given_level)
    assert inferred.level is AgencyLevel.COUNTY  # the report's own word wins
    assert inferred.region == RegionCode("320800")
    unknown = Agency(name="某机关")
    assert infer_agency(unknown) is unknown


def test_directory_resolves_and_merges() -> None:
    directory = AgencyDirectory.from_agencies(
        [
            (Agency(name="淮安市人民政府", kind=AgencyKind.PEOPLES_GOVERNMENT), 2024),
            (Agency(name="洪泽区人民政府", parent="淮安市人民政府"), 2023),
            (Agency(name="淮安市洪泽区人民政府", aliases=("洪泽区政府",)), 2024),
            (Agency(name="洪泽区人民政府"), 2022),
        ]
    )
    city, district = directory.entries
    assert district.parent == city.id
    assert directory.children(city.id) == (district,)
    assert [(n.name, n.since, n.until) for n in district.names] == [
        ("洪泽区人民政府", 2022, 2023),
        ("淮安市洪泽区人民政府", 2024, 2024),
    ]
    assert district.aliases == ("洪泽区政府",)
    assert directory.resolve("洪泽区政府") is district
    assert directory.identify("某县人民政府") == "某县人民政府"
    assert district.name_in(2021) == "洪泽区人民政府"
    assert district.agency(2024).region == RegionCode("320813")
    assert directory.get("nope") is None
    assert city.agency().kind is AgencyKind.PEOPLES_GOVERNMENT


def test_files_round_trip() -> None:
    directory = AgencyDirectory.from_agencies(
        [
            (Agency(name="淮安市人民政府", kind=AgencyKind.PEOPLES_GOVERNMENT), 2024),
            (Agency(name="洪泽区人民政府", parent="淮安市人民政府", aliases=("a", "b")), 2023),
            (Agency(name="某机关"), None),
        ]
    )
    assert AgencyDirectory.from_json(directory.to_json()) == directory
    assert AgencyDirectory.from_csv(directory.to_csv()) == directory


@pytest.mark.parametrize(
    ("document", "where"),
    [
        (b"[", "$"),
        (b"{}", "$"),
        (b'[{"names": []}]', "$[0]"),
        (b'[{"id": "x", "names": []}]', "$[0].names"),
        (b'[{"id": "x", "names": [{"name": "a"}], "region": "999999"}]', "$[0].region"),
        (b'[{"id": "x", "names": [{"name": "a"}], "level": "kounty"}]', "$[0].level"),
    ],
)
def test_bad_json_names_where(document: bytes, where: str) -> None:
    with pytest.raises(ValidationError) as info:
        AgencyDirectory.from_json(document)
    assert info.value.errors[0].path == where


def test_bad_csv_names_the_row() -> None:
    with pytest.raises(ValidationError, match="expected the columns"):
        AgencyDirectory.from_csv("a,b\n")
    header = "id,name,since,until,aliases,region,level,kind,parent\n"
    with pytest.raises(ValidationError) as info:
        AgencyDirectory.from_csv(header + "x,甲,soon,,,,,,\n")
    assert info.value.errors[0].path == "row 2"
    with pytest.raises(ValidationError) as info:
        AgencyDirectory.from_csv(header + "x,甲,,,,,,nonsense,\n")
    assert info.value.errors[0].path == "row 2.kind"


names = st.text(alphabet="甲乙丙丁区县市人民政府", min_size=1, max_size=8)


@given(st.lists(st.tuples(names, st.none() | st.integers(2008, 2030)), max_size=6))
def test_json_and_csv_round_trip_any_directory(items: list[tuple[str, int | None]]) -> None:
    directory = AgencyDirectory.from_agencies((Agency(name=n), y) for n, y in items)
    assert AgencyDirectory.from_json(directory.to_json()) == directory
    assert AgencyDirectory.from_csv(directory.to_csv()) == directory
    for name, year in items:
        assert directory.resolve(name, year) is not None


def test_entry_requires_a_name() -> None:
    entry = DirectoryEntry(id="x", names=(AgencyName("甲"),))
    assert entry.to_dict()["names"] == [{"name": "甲", "since": None, "until": None}]
