"""The agency registry: who an agency named in a report is, across names, years and compilers.

Reports name their agency as the agency printed it: ``洪泽区人民政府`` one year,
``淮安市洪泽区人民政府`` the next. An :class:`AgencyDirectory` holds :class:`DirectoryEntry`
records (an identifier, names over time, aliases, region code, level, kind, parent) and resolves
a printed name to one of them. Names are compared through their *identity key*
(:func:`identity_key`): the GB/T 2260 division the name starts with (its region prefixes, read
from python-stdnum's code list through :mod:`govdisclosure.model.regions`) and the rest of the
name, with a development zone's compiler (管委会, 管理委员会, their 办公室) read as the zone itself.
A government's general office (人民政府办公厅 / 办公室) is an agency of its own and is never
merged with its government.

>>> directory = AgencyDirectory()
>>> directory = directory.add(Agency(name="洪泽区人民政府"), year=2023)
>>> directory = directory.add(Agency(name="淮安市洪泽区人民政府"), year=2024)
>>> [entry] = directory.entries
>>> entry.id, entry.region, entry.level.code, [n.name for n in entry.names]
('320813:人民政府', '320813', 'county', ['洪泽区人民政府', '淮安市洪泽区人民政府'])
>>> directory.resolve("淮安市洪泽区人民政府") is entry
True
>>> AgencyDirectory.from_json(directory.to_json()) == directory
True
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import attrs
import orjson

from govdisclosure.errors import ErrorDetail, ValidationError
from govdisclosure.model.agency import Agency, AgencyKind, AgencyLevel, RegionCode
from govdisclosure.model.regions import region, split_region

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "AgencyDirectory",
    "AgencyName",
    "DirectoryEntry",
    "identity_key",
    "infer_agency",
    "infer_level",
]

# A development zone's report is compiled by its management committee or that committee's office.
_COMPILER = re.compile(r"(?:管委会|管理委员会)(?:办公室)?$")
_TOWNSHIP = re.compile(r"(?:镇|乡|街道)(?:人民政府|办事处)$")
_CSV_FIELDS = ("id", "name", "since", "until", "aliases", "region", "level", "kind", "parent")


@lru_cache(maxsize=65536)
def identity_key(name: str, year: int | None = None) -> str:
    """The key two names of one agency share: ``region:rest``, or the normalised name.

    >>> identity_key("洪泽区人民政府"), identity_key("淮安市洪泽区人民政府", 2024)
    ('320813:人民政府', '320813:人民政府')
    >>> identity_key("平潭综合实验区管委会办公室"), identity_key("平潭综合实验区")
    ('平潭综合实验区', '平潭综合实验区')
    >>> identity_key("上海市人民政府办公厅")
    '310000:人民政府办公厅'
    """
    name = "".join(name.split())
    found, rest = split_region(name, year)
    rest = _COMPILER.sub("", rest) or rest
    return rest if found is None else f"{found.code}:{rest}"


def infer_level(name: str, year: int | None = None) -> tuple[AgencyLevel | None, str | None]:
    """The tier and the GB/T 2260 code a name implies, where its region prefix says.

    >>> infer_level("淮安市洪泽区人民政府")
    (<AgencyLevel.COUNTY: 'county'>, '320813')
    >>> infer_level("上海市人民政府办公厅")
    (<AgencyLevel.PROVINCE: 'province'>, '310000')
    >>> infer_level("洪泽区高良涧街道办事处")
    (<AgencyLevel.TOWNSHIP: 'township'>, '320813')
    >>> infer_level("平潭综合实验区")
    (None, None)
    """
    found, rest = split_region("".join(name.split()), year)
    if found is None:
        return None, None
    if _TOWNSHIP.search(rest):
        return AgencyLevel.TOWNSHIP, found.code
    return RegionCode(found.code).level, found.code


def infer_agency(agency: Agency, year: int | None = None) -> Agency:
    """The agency with level and region filled in from its name where the report left them out.

    >>> infer_agency(Agency(name="淮安市人民政府")).region.code
    '320800'
    """
    level, code = infer_level(agency.name, year)
    changes: dict[str, Any] = {}
    if agency.level is None and level is not None:
        changes["level"] = level
    if agency.region is None and code is not None:
        changes["region"] = RegionCode(code)
    return attrs.evolve(agency, **changes) if changes else agency


@attrs.frozen
class AgencyName:
    """A name an agency used, and the report years it is known to have used it in."""

    name: str
    since: int | None = None
    until: int | None = None


def _optional_enum(enum: Any, value: object, where: str) -> Any:
    if value in (None, ""):
        return None
    try:
        return enum.from_code(value)
    except (ValueError, KeyError):
        raise ValidationError(
            [ErrorDetail(where, f"unknown code {value!r}", f"未知代码{value!r}")]
        ) from None


@attrs.frozen(kw_only=True)
class DirectoryEntry:
    """One agency of the directory.

    ``id`` is stable (by default the identity key of its first name); ``names`` are in order of
    use; ``region`` a GB/T 2260 code; ``parent`` the ``id`` of the entry it belongs to.
    """

    id: str
    names: tuple[AgencyName, ...]
    aliases: tuple[str, ...] = ()
    region: str | None = None
    level: AgencyLevel | None = None
    kind: AgencyKind | None = None
    parent: str | None = None

    @property
    def name(self) -> str:
        """The latest name."""
        return self.names[-1].name

    def name_in(self, year: int) -> str:
        """The name used in ``year`` (the latest earlier one otherwise).

        >>> entry = DirectoryEntry(id="x", names=(AgencyName("甲", 2019, 2020),
        ...                                        AgencyName("乙", 2021)))
        >>> entry.name_in(2020), entry.name_in(2023)
        ('甲', '乙')
        """
        chosen = self.names[0].name
        for item in self.names:
            if item.since is None or item.since <= year:
                chosen = item.name
        return chosen

    def agency(self, year: int | None = None) -> Agency:
        """The entry as a model :class:`~govdisclosure.model.agency.Agency`."""
        return Agency(
            name=self.name if year is None else self.name_in(year),
            level=self.level,
            kind=self.kind,
            aliases=tuple(dict.fromkeys([*(n.name for n in self.names), *self.aliases])),
            region=RegionCode(self.region) if self.region else None,
        )

    def to_dict(self) -> dict[str, Any]:
        """The entry as JSON-ready data."""
        return {
            "id": self.id,
            "names": [attrs.asdict(n) for n in self.names],
            "aliases": list(self.aliases),
            "region": self.region,
            "level": self.level.code if self.level else None,
            "kind": self.kind.code if self.kind else None,
            "parent": self.parent,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "$") -> DirectoryEntry:
        """An entry from :meth:`to_dict`'s data.

        A :class:`~govdisclosure.errors.ValidationError` names what is wrong.
        """
        try:
            names = tuple(
                AgencyName(str(n["name"]), n.get("since"), n.get("until")) for n in data["names"]
            )
            entry_id = str(data["id"])
        except (KeyError, TypeError) as exc:
            raise ValidationError(
                [ErrorDetail(where, f"an entry needs id and names ({exc})", "条目需有id和names")]
            ) from None
        if not names:
            raise ValidationError([ErrorDetail(f"{where}.names", "no name", "缺少名称")])
        code = data.get("region") or None
        if code is not None and region(str(code)) is None:
            raise ValidationError(
                [
                    ErrorDetail(
                        f"{where}.region",
                        f"{code!r} is not a GB/T 2260 code",
                        f"{code!r}不是GB/T 2260行政区划代码",
                    )
                ]
            )
        return cls(
            id=entry_id,
            names=names,
            aliases=tuple(str(a) for a in data.get("aliases") or ()),
            region=code,
            level=_optional_enum(AgencyLevel, data.get("level"), f"{where}.level"),
            kind=_optional_enum(AgencyKind, data.get("kind"), f"{where}.kind"),
            parent=data.get("parent") or None,
        )


def _add_name(names: tuple[AgencyName, ...], name: str, year: int | None) -> tuple[AgencyName, ...]:
    out = list(names)
    for i, item in enumerate(out):
        if item.name == name:
            if year is not None:
                since = year if item.since is None else min(item.since, year)
                until = year if item.until is None else max(item.until, year)
                out[i] = AgencyName(name, since, until)
            return tuple(out)
    out.append(AgencyName(name, year, year))
    return tuple(sorted(out, key=lambda n: (n.since is None, n.since or 0)))


def _new_entry(agency: Agency, year: int | None, key: str, parent: str | None) -> DirectoryEntry:
    inferred = infer_agency(agency, year)
    return DirectoryEntry(
        id=key,
        names=(AgencyName(agency.name, year, year),),
        aliases=agency.aliases,
        region=inferred.region.code if inferred.region else None,
        level=inferred.level,
        kind=agency.kind,
        parent=parent if parent is not None else agency.parent,
    )


def _merged(found: DirectoryEntry, agency: Agency, year: int | None) -> DirectoryEntry:
    level, code = infer_level(agency.name, year)
    return attrs.evolve(
        found,
        names=_add_name(found.names, agency.name, year),
        aliases=tuple(dict.fromkeys([*found.aliases, *agency.aliases])),
        region=found.region or (agency.region.code if agency.region else code),
        level=found.level or agency.level or level,
        kind=found.kind or agency.kind,
    )


@attrs.frozen
class AgencyDirectory:
    """Agencies by identity, with the names, region, level, kind and parent of each.

    Immutable: :meth:`add` returns a new directory. Save with :meth:`to_json` / :meth:`to_csv`,
    load with :meth:`from_json` / :meth:`from_csv`.
    """

    entries: tuple[DirectoryEntry, ...] = ()
    _by_name: dict[str, DirectoryEntry] = attrs.field(init=False, repr=False, eq=False)
    _by_key: dict[str, DirectoryEntry] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_name: dict[str, DirectoryEntry] = {}
        by_key: dict[str, DirectoryEntry] = {}
        for entry in self.entries:
            for item in (*(n.name for n in entry.names), *entry.aliases):
                by_name.setdefault(item, entry)
                by_key.setdefault(identity_key(item), entry)
            by_key.setdefault(entry.id, entry)
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_by_key", by_key)

    def get(self, entry_id: str) -> DirectoryEntry | None:
        """The entry with this ``id``."""
        return next((e for e in self.entries if e.id == entry_id), None)

    def resolve(self, name: str | Agency, year: int | None = None) -> DirectoryEntry | None:
        """The entry a printed name (or an agency) means: by name or alias, else by identity key.

        >>> directory = AgencyDirectory().add(Agency(name="淮安市人民政府"))
        >>> directory.resolve("江苏省淮安市人民政府").id
        '320800:人民政府'
        >>> directory.resolve("淮安市人民政府办公室") is None
        True
        """
        text = name.name if isinstance(name, Agency) else name
        found = self._by_name.get(text)
        return found if found is not None else self._by_key.get(identity_key(text, year))

    def identify(self, name: str | Agency, year: int | None = None) -> str:
        """The identity of a name: its entry's ``id``, or its identity key when it has none."""
        text = name.name if isinstance(name, Agency) else name
        found = self.resolve(text, year)
        return found.id if found is not None else identity_key(text, year)

    def children(self, entry_id: str) -> tuple[DirectoryEntry, ...]:
        """The entries whose parent is ``entry_id``."""
        return tuple(e for e in self.entries if e.parent == entry_id)

    def add(self, agency: Agency, year: int | None = None) -> AgencyDirectory:
        """The directory with ``agency`` in it: a new name of its entry, or a new entry.

        Level and region come from the agency, else from its name (:func:`infer_level`).
        """
        found = self.resolve(agency, year)
        if found is not None:
            merged = _merged(found, agency, year)
            return AgencyDirectory(tuple(merged if e is found else e for e in self.entries))
        parent = self.identify(agency.parent) if agency.parent else None
        entry = _new_entry(agency, year, identity_key(agency.name, year), parent)
        return AgencyDirectory((*self.entries, entry))

    @classmethod
    def from_agencies(cls, agencies: Iterable[tuple[Agency, int | None]]) -> AgencyDirectory:
        """A directory of ``(agency, year)`` pairs, e.g. of every report of a corpus.

        The same as calling :meth:`add` for each pair, in one pass (linear in the number of
        pairs: a corpus of 100,000 reports builds its directory in seconds).

        >>> directory = AgencyDirectory.from_agencies(
        ...     [(Agency(name="洪泽区人民政府"), 2023), (Agency(name="淮安市洪泽区人民政府"), 2024)]
        ... )
        >>> len(directory.entries), directory.entries[0].names[1].since
        (1, 2024)
        """
        entries: dict[str, DirectoryEntry] = {}
        by_name: dict[str, str] = {}
        by_key: dict[str, str] = {}
        for agency, year in agencies:
            key = identity_key(agency.name, year)
            found_id = by_name.get(agency.name) or by_key.get(key)
            if found_id is None:
                entry = _new_entry(agency, year, key, None)
                entries[entry.id] = entry
                found_id = entry.id
            else:
                entries[found_id] = _merged(entries[found_id], agency, year)
            by_name.setdefault(agency.name, found_id)
            by_key.setdefault(key, found_id)
            for alias in agency.aliases:
                by_name.setdefault(alias, found_id)
        for entry_id, entry in entries.items():
            if entry.parent is not None:
                parent = by_name.get(entry.parent) or by_key.get(identity_key(entry.parent))
                entries[entry_id] = attrs.evolve(entry, parent=parent or identity_key(entry.parent))
        return cls(tuple(entries.values()))

    # --- files --------------------------------------------------------------------------------

    def to_json(self) -> bytes:
        """The directory as a JSON array of entries."""
        return orjson.dumps([e.to_dict() for e in self.entries], option=orjson.OPT_INDENT_2)

    @classmethod
    def from_json(cls, data: bytes | str) -> AgencyDirectory:
        """A directory from :meth:`to_json`'s document."""
        try:
            items = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise ValidationError(
                [ErrorDetail("$", f"not valid JSON: {exc}", "JSON格式错误")]
            ) from None
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ValidationError(
                [ErrorDetail("$", "expected an array of entries", "应为条目数组")]
            )
        return cls(tuple(DirectoryEntry.from_dict(item, f"$[{i}]") for i, item in enumerate(items)))

    def to_csv(self) -> str:
        """The directory as CSV: one line per name (an entry's other fields on each line).

        >>> print(AgencyDirectory().add(Agency(name="淮安市人民政府"), 2024).to_csv())
        id,name,since,until,aliases,region,level,kind,parent
        320800:人民政府,淮安市人民政府,2024,2024,,320800,prefecture,,
        <BLANKLINE>
        """
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(_CSV_FIELDS)
        for e in self.entries:
            for n in e.names:
                writer.writerow(
                    [
                        e.id,
                        n.name,
                        "" if n.since is None else n.since,
                        "" if n.until is None else n.until,
                        "|".join(e.aliases),
                        e.region or "",
                        e.level.code if e.level else "",
                        e.kind.code if e.kind else "",
                        e.parent or "",
                    ]
                )
        return buffer.getvalue()

    @classmethod
    def from_csv(cls, text: str) -> AgencyDirectory:
        """A directory from :meth:`to_csv`'s text."""
        reader = csv.DictReader(io.StringIO(text))
        if tuple(reader.fieldnames or ()) != _CSV_FIELDS:
            raise ValidationError(
                [
                    ErrorDetail(
                        "row 1",
                        f"expected the columns {', '.join(_CSV_FIELDS)}",
                        f"表头应为{', '.join(_CSV_FIELDS)}",
                    )
                ]
            )
        grouped: dict[str, dict[str, Any]] = {}
        for line, row in enumerate(reader, start=2):
            try:
                since = int(row["since"]) if row["since"] else None
                until = int(row["until"]) if row["until"] else None
            except ValueError:
                raise ValidationError(
                    [ErrorDetail(f"row {line}", "since/until must be years", "年份应为整数")]
                ) from None
            data = grouped.setdefault(
                row["id"],
                {
                    "id": row["id"],
                    "names": [],
                    "aliases": [a for a in row["aliases"].split("|") if a],
                    "region": row["region"],
                    "level": row["level"],
                    "kind": row["kind"],
                    "parent": row["parent"],
                    "line": line,
                },
            )
            data["names"].append({"name": row["name"], "since": since, "until": until})
        return cls(tuple(DirectoryEntry.from_dict(d, f"row {d['line']}") for d in grouped.values()))
