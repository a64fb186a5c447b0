"""GB/T 2260 administrative divisions, read from python-stdnum's maintained code list.

python-stdnum ships the division codes with their names over time (``stdnum/cn/loc.dat``, read
through :mod:`stdnum.numdb`, the data ``stdnum.cn.ric`` uses for birth places). This module turns
it into lookups: a code's names and validity years, whether it was withdrawn, the province /
prefecture / county chain, and the divisions a name can mean. No table is copied here: a new
python-stdnum release brings new divisions.

>>> huaian = region("320800")
>>> huaian.name, huaian.names_in(1995), huaian.province
('淮安市', ('淮阴市',), '320000')
>>> region("320829").withdrawn, region("320829").until
(True, 2016)
>>> [r.code for r in regions_named("洪泽区")]
['320813']
>>> [r.name for r in chain("320813")]
['江苏省', '淮安市', '洪泽区']
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Region", "RegionName", "chain", "region", "regions_named", "split_region"]

_SPAN = re.compile(r"^\[(\d{4})?-(\d{4})?\](.+)$")
# Placeholders of the code list, never the name of a place an agency governs.
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


@attrs.frozen
class RegionName:
    """One name a division carried, with the years it carried it (``None``: open)."""

    name: str
    since: int | None = None
    until: int | None = None

    def valid_in(self, year: int | None) -> bool:
        """True if the name was in use in ``year`` (any year when ``year`` is None)."""
        if year is None:
            return True
        return (self.since is None or self.since <= year) and (
            self.until is None or year <= self.until
        )


@attrs.frozen
class Region:
    """A GB/T 2260 division: its six-digit code and its names over time.

    >>> region("110000").name, region("110000").prefecture
    ('北京市', None)
    """

    code: str
    names: tuple[RegionName, ...]

    @property
    def name(self) -> str:
        """The latest name."""
        return self.names[-1].name

    def names_in(self, year: int | None) -> tuple[str, ...]:
        """The names in use in ``year``."""
        return tuple(n.name for n in self.names if n.valid_in(year))

    @property
    def until(self) -> int | None:
        """The last year the code was in use, if it was withdrawn."""
        ends = [n.until for n in self.names]
        return None if None in ends else max(e for e in ends if e is not None)

    @property
    def withdrawn(self) -> bool:
        """True when the code is no longer in use (codes are never reused)."""
        return self.until is not None

    @property
    def province(self) -> str:
        """The province-level division's code."""
        return self.code[:2] + "0000"

    @property
    def prefecture(self) -> str | None:
        """The prefecture-level division's code, for a prefecture or a county."""
        return None if self.code[2:] == "0000" else self.code[:4] + "00"

    def contains(self, other: str) -> bool:
        """True if division ``other`` lies within this one (or is this one).

        >>> region("320800").contains("320813"), region("320813").contains("320800")
        (True, False)
        """
        if self.code[2:] == "0000":
            return other[:2] == self.code[:2]
        if self.code[4:] == "00":
            return other[:4] == self.code[:4]
        return other == self.code


def _names(value: str) -> tuple[RegionName, ...]:
    names = []
    for part in value.split(","):
        match = _SPAN.match(part)
        if match is None:
            names.append(RegionName(part))
        else:
            since, until, name = match.groups()
            names.append(
                RegionName(name, int(since) if since else None, int(until) if until else None)
            )
    return tuple(names)


@cache
def _table() -> dict[str, Region]:
    from stdnum import numdb  # python-stdnum pulls in ssl and pydoc: only when asked for

    table: dict[str, Region] = {}
    for _, province, _, props, children in numdb.get("cn/loc").prefixes:
        province_name = props.get("province", "")
        for _, low, high, child, _ in children:
            if low != high:  # pragma: no cover - the code list names every code singly
                continue
            code = province + low
            if low == "0000":
                table[code] = Region(code, (RegionName(province_name),))
            elif "county" in child:
                table[code] = Region(code, _names(child["county"]))
    return table


@cache
def _index() -> dict[str, tuple[Region, ...]]:
    index: dict[str, list[Region]] = {}
    for item in _table().values():
        for name in {n.name for n in item.names}:
            if name not in _PLACEHOLDERS:
                index.setdefault(name, []).append(item)
    return {name: tuple(items) for name, items in index.items()}


@cache
def _prefix_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(name) for name in _index()}, reverse=True))


def region(code: str) -> Region | None:
    """The division of a six-digit code, or ``None`` if the code list does not know it.

    >>> region("320813").names
    (RegionName(name='洪泽区', since=2016, until=None),)
    >>> region("329999") is None
    True
    """
    return _table().get(code)


def chain(code: str) -> tuple[Region, ...]:
    """The province, prefecture and county a code lies in, from the top (known ones only)."""
    codes = (code[:2] + "0000", code[:4] + "00", code)
    out: list[Region] = []
    for item in dict.fromkeys(codes):
        found = region(item)
        if found is not None:
            out.append(found)
    return tuple(out)


def regions_named(
    name: str, *, within: str | None = None, year: int | None = None
) -> tuple[Region, ...]:
    """The divisions named ``name`` (in ``year``, inside division ``within``), by code.

    >>> [r.code for r in regions_named("朝阳区")]
    ['110105', '220104']
    >>> [r.code for r in regions_named("朝阳区", within="110000")]
    ['110105']
    """
    outer = region(within) if within is not None else None
    found = []
    for item in _index().get(name, ()):
        if year is not None and name not in item.names_in(year):
            continue
        if outer is not None and (item.code == outer.code or not outer.contains(item.code)):
            continue
        found.append(item)
    return tuple(sorted(found, key=lambda r: r.code))


def _candidates(text: str, within: str | None, year: int | None) -> Iterator[tuple[int, Region]]:
    for length in _prefix_lengths():
        if length > len(text):
            continue
        matches = regions_named(text[:length], within=within, year=year)
        if len(matches) > 1 and year is None:
            # Several divisions with this name: the current one, if only one is current.
            current = [m for m in matches if not m.withdrawn]
            matches = tuple(current) if len(current) == 1 else matches
        if len(matches) == 1:
            yield length, matches[0]
            return
        if matches:  # ambiguous: stop rather than guess
            return


def split_region(name: str, year: int | None = None) -> tuple[Region | None, str]:
    """The division a name starts with (following its chain of prefixes), and the rest.

    Only a division the name itself identifies is taken: a prefix several divisions share
    (``朝阳区``) with nothing before it to tell them apart is left in the rest.

    >>> split_region("淮安市洪泽区人民政府")[0].code, split_region("洪泽区人民政府")[0].code
    ('320813', '320813')
    >>> split_region("江苏省淮安市人民政府", 2024)
    (Region(code='320800', ...), '人民政府')
    >>> split_region("朝阳区人民政府")
    (None, '朝阳区人民政府')
    >>> split_region("平潭综合实验区")
    (None, '平潭综合实验区')
    """
    found: Region | None = None
    rest = name
    while True:
        within = found.code if found is not None else None
        step = next(_candidates(rest, within, year), None)
        if step is None:
            return found, rest
        length, found = step
        rest = rest[length:]
