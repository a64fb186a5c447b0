"""Rolling reports up over a region or a parent: tables 2, 3 and 4, and no double counting.

A whole-city report already counts its districts: summing 淮安市人民政府's report with
淮安市洪泽区人民政府's counts 洪泽区 twice. :func:`overlaps` finds such pairs (a people's
government whose division contains another report's division), and :func:`rollup_tables`
refuses them (:class:`DoubleCounting`) unless asked only to flag them.

>>> from govdisclosure import examples
>>> huaian = examples.load("huaian-city-2024")
>>> total = rollup_tables([huaian, huaian], huaian.agency)
>>> total.report.proactive.regulations.in_force, total.report.reviews.reconsideration.total
(22, 702)
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from govdisclosure.errors import GovDisclosureError
from govdisclosure.model.agency import AgencyKind
from govdisclosure.model.form import form_of
from govdisclosure.model.quantity import Money
from govdisclosure.model.report import AnnualReport

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from govdisclosure.model.agency import Agency

__all__ = ["DoubleCounting", "Overlap", "Rollup", "overlaps", "rollup_tables", "within_region"]


class DoubleCounting(GovDisclosureError, ValueError):
    """A roll-up would count an area twice (a whole-area report with one of its parts)."""


@attrs.frozen
class Overlap:
    """Two reports of a roll-up where ``outer``'s area contains ``inner``'s."""

    outer: str
    """The agency whose report covers the larger area."""
    inner: str
    """The agency inside it."""
    outer_region: str
    inner_region: str

    def __str__(self) -> str:
        return (
            f"{self.outer} ({self.outer_region}) contains {self.inner} ({self.inner_region})"
            f" / {self.outer}已包含{self.inner}"
        )


@attrs.frozen
class Rollup:
    """The summed report, the reports it sums and the overlaps found (flagged, not refused)."""

    report: AnnualReport
    count: int
    overlaps: tuple[Overlap, ...] = ()


def _contains(outer: str, inner: str) -> bool:
    if outer == inner:
        return False
    if outer[2:] == "0000":
        return inner[:2] == outer[:2]
    if outer[4:] == "00":
        return inner[:4] == outer[:4]
    return False


def within_region(reports: Iterable[AnnualReport], code: str) -> list[AnnualReport]:
    """The reports whose agency's division is ``code`` or lies within it.

    >>> from govdisclosure import examples
    >>> [r.agency.name for r in within_region([examples.load("huaian-city-2024")], "320000")]
    ['淮安市人民政府']
    """
    return [
        r
        for r in reports
        if r.agency.region is not None
        and (r.agency.region.code == code or _contains(code, r.agency.region.code))
    ]


def overlaps(reports: Sequence[AnnualReport]) -> tuple[Overlap, ...]:
    """The pairs of reports where a people's government's area contains another's.

    >>> from govdisclosure import examples
    >>> from govdisclosure.model.agency import Agency, AgencyKind, RegionCode
    >>> import attrs
    >>> city = examples.load("huaian-city-2024")
    >>> district = attrs.evolve(city, agency=Agency(name="淮安市洪泽区人民政府",
    ...                                               region=RegionCode("320813")))
    >>> [(o.outer, o.inner) for o in overlaps([city, district])]
    [('淮安市人民政府', '淮安市洪泽区人民政府')]
    """
    found = []
    for outer in reports:
        region = outer.agency.region
        if region is None or outer.agency.kind not in (AgencyKind.PEOPLES_GOVERNMENT, None):
            continue
        for inner in reports:
            other = inner.agency.region
            if other is not None and _contains(region.code, other.code):
                found.append(Overlap(outer.agency.name, inner.agency.name, region.code, other.code))
    return tuple(found)


def _sum(values: list[Any]) -> Any:
    """The sum of one cell over reports: blank if any is blank; money only in one unit."""
    if any(v is None for v in values):
        return None
    if all(isinstance(v, Money) for v in values):
        units = {v.unit for v in values}
        if len(units) != 1:
            total = sum((v.in_yuan() for v in values), Decimal(0))
            return Money(total)
        return Money(sum((v.amount for v in values), Decimal(0)), values[0].unit)
    return sum(values)


def rollup_tables(
    reports: Iterable[AnnualReport],
    agency: Agency,
    *,
    on_overlap: Literal["raise", "flag"] = "raise",
    **fields: Any,
) -> Rollup:
    """Tables 2, 3 and 4 summed cell by cell over reports of one year and format version.

    A cell of the sum is blank unless it has a value in every report (a missing table counts as
    blank cells); a table missing from every report stays missing. Money in different units is
    summed in 元. Reports whose areas contain one another (:func:`overlaps`) raise
    :class:`DoubleCounting`, or with ``on_overlap="flag"`` are summed and listed in
    :attr:`Rollup.overlaps`. Other report fields are keyword arguments.

    >>> from govdisclosure import examples
    >>> rollup_tables([], examples.load("huaian-city-2024").agency)
    Traceback (most recent call last):
    ...
    ValueError: nothing to roll up: no reports given
    """
    items = list(reports)
    if not items:
        raise ValueError("nothing to roll up: no reports given")
    first = items[0]
    form = form_of(first.format_version)
    if not form.has_tables:
        raise ValueError(f"a {type(first).__name__} has no national tables to roll up")
    for report in items:
        if report.format_version is not first.format_version or report.year != first.year:
            raise ValueError(
                "reports to roll up must share one year and format version; got"
                f" {first.year}/{first.format_version.code}"
                f" and {report.year}/{report.format_version.code}"
            )
    found = overlaps(items)
    if found and on_overlap == "raise":
        raise DoubleCounting(
            f"double counting: {found[0]}"
            + (f" (and {len(found) - 1} more)" if len(found) > 1 else "")
        )
    tables: dict[str, Any] = {}
    for table in form.tables:
        if not table.rows:
            continue
        present = [getattr(r, table.attribute) for r in items]
        if all(t is None for t in present):
            tables[table.attribute] = None
            continue
        columns = [table.read(t) if t is not None else (None,) * len(table.cells) for t in present]
        tables[table.attribute] = table.build(
            [_sum(list(cell)) for cell in zip(*columns, strict=True)]
        )
    report = form.report_class(agency=agency, year=first.year, **tables, **fields)
    return Rollup(report, len(items), found)
