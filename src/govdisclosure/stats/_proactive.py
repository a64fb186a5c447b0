"""Tabulating a proactive-disclosure register into table 2 and the channel figures.

One pass over the register counts, per :class:`~govdisclosure.model.proactive.DisclosureCategory`,
what either format's table 2 needs; the decision counts, fee amount and procurement figures come
from the register's other records. How each cell is derived is documented on
:func:`tabulate_proactive` (and in the "Proactive disclosure" page of the documentation).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.model.channel import ChannelKind, DisclosureChannel
from govdisclosure.model.layout import FormatVersion
from govdisclosure.model.proactive import (
    DecisionKind,
    DisclosureCategory,
    ProactiveItem,
    ProactiveRegister,
    StatusChangeKind,
)
from govdisclosure.model.quantity import Money, MoneyUnit, Quantity
from govdisclosure.model.report import AnnualReport2019, AnnualReport2021
from govdisclosure.model.tables import (
    DocumentCounts,
    DocumentCounts2019,
    FeeItems2019,
    ItemCounts2019,
    ProactiveTable2019,
    ProactiveTable2021,
    Procurement2019,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from govdisclosure.model.agency import Agency

__all__ = [
    "CategoryCount",
    "ChannelCount",
    "ChannelStats",
    "ProactiveTabulation",
    "decision_count",
    "fee_amount",
    "tabulate_proactive",
]

_CATEGORIES = tuple(DisclosureCategory)
_INDEX = {c: i for i, c in enumerate(_CATEGORIES)}
_ISSUED = StatusChangeKind.ISSUED
_REPEALED = StatusChangeKind.REPEALED
_EXPIRED = StatusChangeKind.EXPIRED
_TEN_THOUSAND = Decimal(10000)


@attrs.frozen
class CategoryCount:
    """Items of one category published in the year.

    >>> CategoryCount(DisclosureCategory.REGULATION, 1).category.label
    '规章'
    """

    category: DisclosureCategory
    items: int


@attrs.frozen
class ChannelCount:
    """Items published through one channel in the year, in all and per category.

    >>> weibo = DisclosureChannel(kind=ChannelKind.MICROBLOG, name="政务微博")
    >>> ChannelCount(weibo, 337, ()).items
    337
    """

    channel: DisclosureChannel
    items: int
    by_category: tuple[CategoryCount, ...]

    def for_category(self, category: DisclosureCategory) -> int:
        """Items of ``category`` published through the channel (0 if none)."""
        for entry in self.by_category:
            if entry.category is category:
                return entry.items
        return 0


@attrs.frozen
class ChannelStats:
    """Where the items published in a year went out: per channel, per kind, per category.

    A channel is identified by its kind, name and web address (its ``published`` figure, if an
    item carries one, is ignored). An item published through several channels counts once per
    channel, and once in :attr:`published`.
    """

    year: int
    published: int
    """Items published in the year, through any channel or none."""
    without_channel: int
    """Items published in the year with no channel recorded."""
    channels: tuple[ChannelCount, ...]
    """Per channel, in the order of :class:`~govdisclosure.model.channel.ChannelKind`, then of
    first appearance."""
    by_category: tuple[CategoryCount, ...]
    """Items published in the year per category (categories with none left out)."""
    by_kind: tuple[tuple[ChannelKind, int], ...]
    """Items published through at least one channel of each kind (kinds with none left out)."""

    def count(self, channel: DisclosureChannel) -> int:
        """Items published through ``channel`` in the year (0 if none)."""
        key = _key(channel)
        for entry in self.channels:
            if entry.channel == key:
                return entry.items
        return 0

    def for_kind(self, kind: ChannelKind) -> int:
        """Items published through at least one channel of ``kind`` (0 if none)."""
        return dict(self.by_kind).get(kind, 0)

    def for_category(self, category: DisclosureCategory) -> int:
        """Items of ``category`` published in the year (0 if none)."""
        for entry in self.by_category:
            if entry.category is category:
                return entry.items
        return 0

    def as_channels(self, unit: str = "条") -> tuple[DisclosureChannel, ...]:
        """The channels with how much went out through each, as a report names them.

        >>> stats = tabulate_proactive([], year=2024).channels
        >>> stats.as_channels()
        ()
        """
        return tuple(
            attrs.evolve(entry.channel, published=Quantity(entry.items, unit))
            for entry in self.channels
        )


def _key(channel: DisclosureChannel) -> DisclosureChannel:
    if channel.published is None:
        return channel
    return attrs.evolve(channel, published=None)


@attrs.frozen
class ProactiveTabulation:
    """Table 2 of one year's report and the channel figures, computed from a register.

    >>> t = tabulate_proactive([], year=2024)
    >>> t.table.regulations
    DocumentCounts(issued=0, repealed=0, in_force=0)
    >>> t.table.licensing is None  # no decision count or record: blank, not 0
    True
    """

    year: int
    format_version: FormatVersion
    table: ProactiveTable2021 | ProactiveTable2019
    channels: ChannelStats

    def report(self, agency: Agency, **fields: Any) -> AnnualReport2019 | AnnualReport2021:
        """An annual report of the tabulation's format with its table 2 and channels.

        Other report fields (tables 3 and 4, title…) are passed as keyword arguments.

        >>> from govdisclosure.model import Agency
        >>> report = tabulate_proactive([], year=2024).report(Agency(name="某某市人民政府"))
        >>> type(report).__name__, report.proactive.fee_amount
        ('AnnualReport2021', None)
        """
        fields.setdefault("channels", self.channels.as_channels())
        if isinstance(self.table, ProactiveTable2019):
            return AnnualReport2019(agency=agency, year=self.year, proactive=self.table, **fields)
        return AnnualReport2021(agency=agency, year=self.year, proactive=self.table, **fields)


def decision_count(register: ProactiveRegister, kind: DecisionKind, year: int) -> int | None:
    """Decisions of ``kind`` in ``year``: from the records if the register has any of that kind,
    else the count the agency supplied for the year, else ``None`` (blank).

    >>> from govdisclosure.model.proactive import DecisionCount
    >>> register = ProactiveRegister(
    ...     decision_counts=(DecisionCount(kind=DecisionKind.PENALTY, year=2024, count=5),))
    >>> decision_count(register, DecisionKind.PENALTY, 2024)
    5
    >>> decision_count(register, DecisionKind.PENALTY, 2023) is None
    True
    """
    return _decisions(register, year)[kind]


def _decisions(register: ProactiveRegister, year: int) -> dict[DecisionKind, int | None]:
    recorded: dict[DecisionKind, int] = {}
    for record in register.decisions:
        kind = record.kind
        hit = 1 if record.decided_on.year == year else 0
        recorded[kind] = recorded.get(kind, 0) + hit
    supplied = {c.kind: c.count for c in register.decision_counts if c.year == year}
    return {kind: recorded.get(kind, supplied.get(kind)) for kind in DecisionKind}


def _plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros, and never in exponent form (``1E+2`` is ``100``)."""
    value = value.normalize()
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        value = value.quantize(Decimal(1))
    return value


def _wan(yuan: Decimal) -> Decimal:
    """An amount in 元 as 万元, exact."""
    return _plain(yuan / _TEN_THOUSAND)


def fee_amount(register: ProactiveRegister, year: int) -> Decimal | None:
    """Fees collected in ``year``, in 万元 (exact), or ``None`` when the register has no fee
    records at all (blank, not zero).

    >>> from govdisclosure.model.proactive import FeeRecord
    >>> register = ProactiveRegister(fees=(
    ...     FeeRecord(collected_on=date(2024, 6, 30), amount=Money(Decimal("1500.50"))),
    ...     FeeRecord(collected_on=date(2024, 12, 31),
    ...               amount=Money(Decimal("2"), MoneyUnit.WAN_YUAN)),
    ... ))
    >>> fee_amount(register, 2024), fee_amount(register, 2023)
    (Decimal('2.15005'), Decimal('0'))
    """
    if not register.fees:
        return None
    total = Decimal(0)
    for record in register.fees:
        if record.collected_on.year == year:
            total += record.amount.in_yuan()
    return _wan(total)


def _procurement(register: ProactiveRegister, year: int) -> Procurement2019:
    if not register.procurements:
        return Procurement2019()
    projects = 0
    total: Decimal | None = Decimal(0)
    for record in register.procurements:
        if record.contracted_on.year != year:
            continue
        projects += 1
        if record.amount is None:
            total = None
        elif total is not None:
            total += record.amount.in_yuan()
    amount = None if total is None else Money(_plain(total), MoneyUnit.YUAN)
    return Procurement2019(projects=projects, total_amount=amount)


def tabulate_proactive(
    register: ProactiveRegister | Iterable[ProactiveItem],
    *,
    year: int,
    format_version: FormatVersion = FormatVersion.NATIONAL_2021,
) -> ProactiveTabulation:
    """Count a register into table 2 of ``year``'s report, and the year's channel figures.

    Documents (规章, 行政规范性文件), 2021 format:

    - 本年制发件数: documents issued in ``year`` (their ISSUED step, else the day formed);
    - 本年废止件数: documents repealed in ``year`` (an expiry is not a repeal);
    - 现行有效件数: documents in force on 31 December of ``year``: issued by then and neither
      repealed nor expired on or before that day.

    A document issued and repealed in the same year counts in both 制发 and 废止, so that
    现行有效 (year) = 现行有效 (year - 1) + 制发 - 废止 - expiries always holds.

    2019 trial format: 本年新制作数量 is 制发 as above, 本年新公开数量 the documents published in
    ``year``, 对外公开总数量 those published on or before 31 December of ``year`` (all of them,
    including any repealed since). For 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制 and
    行政事业性收费, 上一年项目数量 is the register's items of that category in force on 31
    December of the year before and 本年增/减 the change to 31 December of ``year``; 政府集中采购
    comes from the procurement records (blank without any).

    Decision counts (本年处理决定数量): see :func:`decision_count`; the fee amount: see
    :func:`fee_amount`. Items count whether or not (or when) they were published: timeliness is
    a separate question (:func:`~govdisclosure.rules.timeliness_summary`).

    Channel figures count the items *published* in ``year`` (:class:`ChannelStats`).

    A plain iterable of items is taken as a register holding only those items.

    >>> from govdisclosure.model.proactive import StatusChange, StatusChangeKind
    >>> doc = ProactiveItem(
    ...     id="1", title="某办法", category=DisclosureCategory.NORMATIVE_DOCUMENT,
    ...     formed_on=date(2024, 2, 1), published_on=date(2024, 2, 5),
    ...     history=(StatusChange(kind=StatusChangeKind.REPEALED, on=date(2024, 11, 1)),))
    >>> tabulate_proactive([doc], year=2024).table.normative_documents
    DocumentCounts(issued=1, repealed=1, in_force=0)
    """
    if not format_version.has_tables:
        raise ValueError(f"format {format_version.code} has no statistical tables")
    if not isinstance(register, ProactiveRegister):
        register = ProactiveRegister(items=tuple(register))
    first, last = date(year, 1, 1), date(year, 12, 31)
    before = date(year - 1, 12, 31)
    width = len(_CATEGORIES)
    issued_n = [0] * width
    repealed_n = [0] * width
    in_force = [0] * width
    in_force_before = [0] * width
    published_n = [0] * width
    published_by_end = [0] * width
    index = _INDEX
    issued_kind, repealed_kind, expired_kind = _ISSUED, _REPEALED, _EXPIRED
    per_channel: dict[DisclosureChannel, list[int]] = {}
    per_kind: dict[ChannelKind, int] = {}
    without_channel = 0

    for item in register.items:
        at = index[item.category]
        issued = item.formed_on
        ended = None
        history = item.history
        if history:
            step = history[0]
            if step.kind is issued_kind:
                issued = step.on
            step = history[-1]
            step_kind = step.kind
            if step_kind is repealed_kind or step_kind is expired_kind:
                ended = step.on
                if step_kind is repealed_kind and first <= ended <= last:
                    repealed_n[at] += 1
        if issued <= last:
            if issued >= first:
                issued_n[at] += 1
            if ended is None or ended > last:
                in_force[at] += 1
            if issued <= before and (ended is None or ended > before):
                in_force_before[at] += 1
        published = item.published_on
        if published is None or published > last:
            continue
        published_by_end[at] += 1
        if published < first:
            continue
        published_n[at] += 1
        channels = item.channels
        if not channels:
            without_channel += 1
        elif len(channels) == 1:
            channel = _key(channels[0])
            counts = per_channel.get(channel)
            if counts is None:
                counts = per_channel[channel] = [0] * width
            counts[at] += 1
            per_kind[channel.kind] = per_kind.get(channel.kind, 0) + 1
        else:
            kinds: set[ChannelKind] = set()
            seen: set[DisclosureChannel] = set()
            for channel in channels:
                key = _key(channel)
                if key in seen:
                    continue
                seen.add(key)
                counts = per_channel.get(key)
                if counts is None:
                    counts = per_channel[key] = [0] * width
                counts[at] += 1
                kinds.add(channel.kind)
            for kind in kinds:
                per_kind[kind] = per_kind.get(kind, 0) + 1

    decisions = _decisions(register, year)
    table: ProactiveTable2021 | ProactiveTable2019
    if format_version is FormatVersion.TRIAL_2019:

        def docs_2019(category: DisclosureCategory) -> DocumentCounts2019:
            i = index[category]
            return DocumentCounts2019(
                made=issued_n[i], published=published_n[i], total_published=published_by_end[i]
            )

        def items_2019(category: DisclosureCategory, kind: DecisionKind) -> ItemCounts2019:
            i = index[category]
            return ItemCounts2019(
                previous_year=in_force_before[i],
                change=in_force[i] - in_force_before[i],
                decisions=decisions[kind],
            )

        fees = index[DisclosureCategory.FEES]
        table = ProactiveTable2019(
            regulations=docs_2019(DisclosureCategory.REGULATION),
            normative_documents=docs_2019(DisclosureCategory.NORMATIVE_DOCUMENT),
            licensing=items_2019(DisclosureCategory.LICENSING, DecisionKind.LICENSING),
            other_services=items_2019(
                DisclosureCategory.OTHER_SERVICES, DecisionKind.OTHER_SERVICES
            ),
            penalties=items_2019(DisclosureCategory.PENALTY, DecisionKind.PENALTY),
            compulsory_measures=items_2019(
                DisclosureCategory.COMPULSORY_MEASURE, DecisionKind.COMPULSORY_MEASURE
            ),
            fees=FeeItems2019(
                previous_year=in_force_before[fees], change=in_force[fees] - in_force_before[fees]
            ),
            procurement=_procurement(register, year),
        )
    else:

        def docs(category: DisclosureCategory) -> DocumentCounts:
            i = index[category]
            return DocumentCounts(issued=issued_n[i], repealed=repealed_n[i], in_force=in_force[i])

        table = ProactiveTable2021(
            regulations=docs(DisclosureCategory.REGULATION),
            normative_documents=docs(DisclosureCategory.NORMATIVE_DOCUMENT),
            licensing=decisions[DecisionKind.LICENSING],
            penalties=decisions[DecisionKind.PENALTY],
            compulsory_measures=decisions[DecisionKind.COMPULSORY_MEASURE],
            fee_amount=fee_amount(register, year),
        )
    return ProactiveTabulation(
        year=year,
        format_version=format_version,
        table=table,
        channels=_channel_stats(year, published_n, without_channel, per_channel, per_kind),
    )


def _by_category(counts: list[int]) -> tuple[CategoryCount, ...]:
    return tuple(CategoryCount(c, n) for c, n in zip(_CATEGORIES, counts, strict=True) if n)


def _channel_stats(
    year: int,
    published: list[int],
    without_channel: int,
    per_channel: dict[DisclosureChannel, list[int]],
    per_kind: dict[ChannelKind, int],
) -> ChannelStats:
    order = {kind: i for i, kind in enumerate(ChannelKind)}
    # A stable sort: channels of the same kind stay in order of first appearance.
    ranked = sorted(per_channel.items(), key=lambda entry: order[entry[0].kind])
    return ChannelStats(
        year=year,
        published=sum(published),
        without_channel=without_channel,
        channels=tuple(
            ChannelCount(channel, sum(counts), _by_category(counts)) for channel, counts in ranked
        ),
        by_category=_by_category(published),
        by_kind=tuple((kind, per_kind[kind]) for kind in ChannelKind if kind in per_kind),
    )
