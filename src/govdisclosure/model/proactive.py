"""Proactive disclosure (主动公开): the publication register and its pre-publication reviews.

An agency's register holds one :class:`ProactiveItem` per piece of information it must publish
proactively (Art. 20 of the 2019 regulation): what it is, the day it was formed or changed (形成或者
变更), the day it was published and the channels it went out through, the reviews it passed before
publication (先审查、后公开), and, for documents, their legal history (issued, amended, repealed).
The register also holds what table 2 needs besides the items: the decision counts the agency
supplies or its decision records, its fee records and its procurement records
(:class:`ProactiveRegister`).

Everything here is a fact with its date. The Art. 26 deadline, timeliness and the review
findings are derived by the rules (:func:`~govdisclosure.rules.publication_due`,
:func:`~govdisclosure.rules.review_problems`…); table 2 and the channel figures by
:func:`~govdisclosure.stats.tabulate_proactive`.

>>> from datetime import date
>>> item = ProactiveItem(
...     id="2024-001",
...     title="淮安市行政规范性文件管理办法",
...     document_number="淮政规〔2024〕1号",
...     category=DisclosureCategory.NORMATIVE_DOCUMENT,
...     formed_on=date(2024, 3, 1),
...     published_on=date(2024, 3, 6),
...     reviews=(
...         PublicationReview(
...             kind=ReviewKind.CONFIDENTIALITY,
...             reviewed_on=date(2024, 3, 4),
...             result=ReviewDecision.PUBLISH,
...         ),
...     ),
... )
>>> item.category.item, item.issued_on, item.in_force_on(date(2024, 12, 31))
('（一）', datetime.date(2024, 3, 1), True)
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.model.agency import Agency
from govdisclosure.model.base import (
    InvalidValue,
    LabelledEnum,
    counts,
    field,
    optional_text,
    text,
)
from govdisclosure.model.channel import DisclosureChannel
from govdisclosure.model.outcome import Outcome, OutcomeGroup
from govdisclosure.model.quantity import Money

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "DecisionCount",
    "DecisionKind",
    "DecisionRecord",
    "DisclosureCategory",
    "FeeRecord",
    "ProactiveItem",
    "ProactiveRegister",
    "ProcurementRecord",
    "PublicationReview",
    "ReviewDecision",
    "ReviewKind",
    "StatusChange",
    "StatusChangeKind",
]


class DisclosureCategory(LabelledEnum):
    """What a proactively disclosed item is: the items of Art. 20 of the 2019 regulation.

    The rows of report table 2 are separate members: （一） splits into 规章 and 行政规范性文件,
    （五） into 行政许可 and 其他对外管理服务事项, （六） into 行政处罚 and 行政强制. The labels of
    those rows are the table's labels, verbatim; the other members carry a short label for their
    Art. 20 item (:attr:`item` gives its number).

    >>> DisclosureCategory.PENALTY.label, DisclosureCategory.PENALTY.item
    ('行政处罚', '（六）')
    >>> DisclosureCategory.NORMATIVE_DOCUMENT.is_document
    True
    """

    REGULATION = "regulation", "规章", "rules (规章)"
    NORMATIVE_DOCUMENT = (
        "normative-document",
        "行政规范性文件",
        "administrative normative document",
    )
    ORGANISATION = "organisation", "机关职能、机构设置", "functions and organisation"
    PLANNING = "planning", "规划及相关政策", "plans and related policies"
    STATISTICS = "statistics", "统计信息", "statistical information"
    LICENSING = "licensing", "行政许可", "administrative licensing"
    OTHER_SERVICES = "other-services", "其他对外管理服务事项", "other external management services"
    PENALTY = "penalty", "行政处罚", "administrative penalties"
    COMPULSORY_MEASURE = "compulsory-measure", "行政强制", "administrative compulsory measures"
    BUDGET = "budget", "财政预算、决算信息", "budgets and final accounts"
    FEES = "fees", "行政事业性收费", "administrative fees"
    PROCUREMENT = "procurement", "政府集中采购", "centralised government procurement"
    MAJOR_PROJECTS = "major-projects", "重大建设项目", "major construction projects"
    SOCIAL_POLICY = (
        "social-policy",
        "民生政策及实施情况",
        "social policies and their implementation",
    )
    EMERGENCIES = "emergencies", "突发公共事件", "public emergencies"
    SUPERVISION = "supervision", "监督检查情况", "supervision and inspection"
    CIVIL_SERVICE = "civil-service", "公务员招考", "civil service recruitment"
    OTHER = "other", "其他", "other information to be disclosed proactively"

    @property
    def item(self) -> str:
        """The number of the item of Art. 20 (2019) it belongs to, as printed: （一）…（十五）."""
        return _ITEMS[self]

    @property
    def is_document(self) -> bool:
        """True for 规章 and 行政规范性文件, whose 制发/废止/现行有效 table 2 counts."""
        return self in _DOCUMENTS


_ITEMS = {
    DisclosureCategory.REGULATION: "（一）",
    DisclosureCategory.NORMATIVE_DOCUMENT: "（一）",
    DisclosureCategory.ORGANISATION: "（二）",
    DisclosureCategory.PLANNING: "（三）",
    DisclosureCategory.STATISTICS: "（四）",
    DisclosureCategory.LICENSING: "（五）",
    DisclosureCategory.OTHER_SERVICES: "（五）",
    DisclosureCategory.PENALTY: "（六）",
    DisclosureCategory.COMPULSORY_MEASURE: "（六）",
    DisclosureCategory.BUDGET: "（七）",
    DisclosureCategory.FEES: "（八）",
    DisclosureCategory.PROCUREMENT: "（九）",
    DisclosureCategory.MAJOR_PROJECTS: "（十）",
    DisclosureCategory.SOCIAL_POLICY: "（十一）",
    DisclosureCategory.EMERGENCIES: "（十二）",
    DisclosureCategory.SUPERVISION: "（十三）",
    DisclosureCategory.CIVIL_SERVICE: "（十四）",
    DisclosureCategory.OTHER: "（十五）",
}
_DOCUMENTS = frozenset({DisclosureCategory.REGULATION, DisclosureCategory.NORMATIVE_DOCUMENT})


class StatusChangeKind(LabelledEnum):
    """A step in a document's legal life.

    A document is in force from its issue until it is repealed or expires (a normative document
    with a fixed period of validity, 有效期届满). Only a repeal counts in 本年废止件数.

    >>> StatusChangeKind.REPEALED.label, StatusChangeKind.REPEALED.ends_force
    ('废止', True)
    """

    ISSUED = "issued", "制发", "issued"
    AMENDED = "amended", "修改", "amended"
    REPEALED = "repealed", "废止", "repealed"
    EXPIRED = "expired", "失效", "expired (end of its period of validity)"

    @property
    def ends_force(self) -> bool:
        """True for the steps after which the document is no longer in force."""
        return self in (StatusChangeKind.REPEALED, StatusChangeKind.EXPIRED)


@attrs.frozen(kw_only=True)
class StatusChange:
    """One dated step in a document's legal history (issued, amended, repealed, expired).

    An amendment, a repeal and an expiry change published information: each must itself be
    published within the Art. 26 period, so each records the day it was published (``None`` while
    it is not). An issue is published as the item itself (:attr:`ProactiveItem.published_on`).

    >>> StatusChange(kind=StatusChangeKind.REPEALED, on=date(2024, 6, 30)).published_on is None
    True
    """

    kind: StatusChangeKind = field("状态变化", "What happened to the document.")
    on: date = field("日期", "The day it took effect (issue, amendment, repeal or expiry).")
    published_on: date | None = field(
        "公开日期",
        "The day the change was published; None if it was not (always None for an issue).",
        default=None,
    )
    note: str | None = field("备注", "Free-text remark.", default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.kind is StatusChangeKind.ISSUED and self.published_on is not None:
            raise InvalidValue(
                "published_on",
                "an issue is published as the item itself: set the item's published_on",
                "制发的公开日期即事项的公开日期，请填写事项的公开日期",
            )
        if self.published_on is not None and self.published_on < self.on:
            raise InvalidValue(
                "published_on",
                f"published on {self.published_on.isoformat()}, before the change took effect"
                f" on {self.on.isoformat()}",
                f"公开日期{self.published_on.isoformat()}早于变化日期{self.on.isoformat()}",
            )


class ReviewKind(LabelledEnum):
    """What a pre-publication review examined.

    >>> ReviewKind.CONFIDENTIALITY.label
    '保密审查'
    """

    CONFIDENTIALITY = "confidentiality", "保密审查", "confidentiality review"
    LEGALITY = "legality", "合法性审查", "legality review"
    OTHER = "other", "其他审查", "other review"


class ReviewDecision(LabelledEnum):
    """What a pre-publication review decided.

    >>> ReviewDecision.WITHHOLD.label, ReviewDecision.WITHHOLD.allows_publication
    ('不予公开', False)
    """

    PUBLISH = "publish", "同意公开", "publish"
    PUBLISH_IN_PART = "publish-in-part", "部分公开", "publish in part"
    WITHHOLD = "withhold", "不予公开", "do not publish"
    DEFER = "defer", "暂缓公开", "defer publication"

    @property
    def allows_publication(self) -> bool:
        """True if the decision lets the item (or part of it) be published."""
        return self in (ReviewDecision.PUBLISH, ReviewDecision.PUBLISH_IN_PART)


_GROUNDS = tuple(o for o in Outcome if o.group is OutcomeGroup.WITHHELD)


@attrs.frozen(kw_only=True)
class PublicationReview:
    """A review of an item before publication (保密审查, 合法性审查…): 先审查、后公开.

    A decision not to publish names its ground: one of the 不予公开 grounds of table 3
    (Arts. 14–16 of the 2019 regulation), e.g.
    :attr:`~govdisclosure.model.outcome.Outcome.WITHHELD_STATE_SECRET`. A partial publication
    may name the ground for the part withheld.

    Extensible: its JSON carries the tag ``"publication-review"``, and a registered subclass
    (:func:`~govdisclosure.serialize.register`) keeps its own fields wherever a review appears.

    >>> review = PublicationReview(
    ...     kind=ReviewKind.CONFIDENTIALITY,
    ...     reviewed_on=date(2024, 3, 4),
    ...     result=ReviewDecision.WITHHOLD,
    ...     ground=Outcome.WITHHELD_STATE_SECRET,
    ...     reviewer="市政府办公室保密科",
    ... )
    >>> review.ground.label
    '1.属于国家秘密'
    >>> PublicationReview(kind=ReviewKind.LEGALITY, reviewed_on=date(2024, 3, 4),
    ...                   result=ReviewDecision.WITHHOLD)
    Traceback (most recent call last):
    ...
    govdisclosure.errors.InvalidValue: ground: a decision not to publish must name ...
    """

    kind: ReviewKind = field("审查类型", "What the review examined.")
    reviewed_on: date = field("审查日期", "The day of the review's decision.")
    result: ReviewDecision = field("审查结论", "What the review decided.")
    ground: Outcome | None = field(
        "不予公开理由",
        "The ground for not publishing (a 不予公开 outcome of table 3); required when the result"
        " is not to publish.",
        default=None,
    )
    reviewer: str | None = field(
        "审查机构", "The unit that reviewed.", default=None, validator=optional_text
    )
    note: str | None = field("备注", "Free-text remark.", default=None, validator=optional_text)

    @ground.validator
    def _check_ground(self, attribute: attrs.Attribute[Any], value: Outcome | None) -> None:
        if value is None:
            if self.result is ReviewDecision.WITHHOLD:
                raise InvalidValue(
                    attribute.name,
                    "a decision not to publish must name its ground",
                    "不予公开的审查结论应当说明理由",
                )
            return
        if value not in _GROUNDS:
            codes = ", ".join(o.code for o in _GROUNDS)
            raise InvalidValue(
                attribute.name,
                f"{value.code!r} is not a ground for not publishing; expected one of: {codes}",
                f"“{value.label}”不是不予公开的理由",
            )
        if self.result not in (ReviewDecision.WITHHOLD, ReviewDecision.PUBLISH_IN_PART):
            raise InvalidValue(
                attribute.name,
                f"a ground is given only when not publishing (in part), not for {self.result.code}",
                f"审查结论为“{self.result.label}”时不应填写不予公开理由",
            )


def _history(
    instance: ProactiveItem, attribute: attrs.Attribute[Any], value: Sequence[StatusChange]
) -> None:
    previous: StatusChange | None = None
    for index, change in enumerate(value):
        where = f"{attribute.name}[{index}]"
        if change.kind is StatusChangeKind.ISSUED and index != 0:
            raise InvalidValue(
                where,
                "a document is issued once, as the first step of its history",
                "制发只能作为第一条状态记录出现一次",
            )
        if previous is not None:
            if change.on < previous.on:
                raise InvalidValue(
                    where,
                    f"{change.on.isoformat()} is before the previous step"
                    f" ({previous.on.isoformat()}): the history must be in date order",
                    f"{change.on.isoformat()}早于上一条记录（{previous.on.isoformat()}），"
                    "状态记录应按日期排列",
                )
            if previous.kind.ends_force:
                raise InvalidValue(
                    where,
                    f"nothing can follow a document's {previous.kind.label_en}",
                    f"文件{previous.kind.label}后不应再有状态记录",
                )
        previous = change


@attrs.frozen(kw_only=True)
class ProactiveItem:
    """One entry of the publication register: an item to be disclosed proactively.

    ``formed_on`` starts the Art. 26 clock (20 working days from the day the information was
    formed or changed); ``published_on`` is ``None`` while it is unpublished. For documents,
    ``history`` is their legal life: the issue (制发; when the history records none, the document
    counts as issued on ``formed_on``), amendments, and the repeal or expiry.

    Extensible: its JSON carries the tag ``"proactive-item"``, and an agency's registered
    subclass (:func:`~govdisclosure.serialize.register`) keeps columns of its own in a register.

    >>> item = ProactiveItem(id="G-1", title="淮安市某规章", category=DisclosureCategory.REGULATION,
    ...                      formed_on=date(2020, 5, 1), published_on=date(2020, 5, 8),
    ...                      history=(StatusChange(kind=StatusChangeKind.REPEALED,
    ...                                            on=date(2024, 7, 1)),))
    >>> item.in_force_on(date(2024, 6, 30)), item.in_force_on(date(2024, 7, 1))
    (True, False)
    >>> item.repealed_on
    datetime.date(2024, 7, 1)
    """

    id: str = field("登记编号", "The agency's identifier for the entry.", validator=text)
    title: str = field("标题", "The title of the information or document.", validator=text)
    category: DisclosureCategory = field(
        "公开类别", "Which item of Art. 20 it falls under (the table-2 row for 规章 etc.)."
    )
    formed_on: date = field(
        "形成或者变更日期", "The day the information was formed or last changed (Art. 26)."
    )
    published_on: date | None = field(
        "公开日期", "The day it was published; None while it is not.", default=None
    )
    document_number: str | None = field(
        "文号", "The document number, where it has one.", default=None, validator=optional_text
    )
    channels: tuple[DisclosureChannel, ...] = field(
        "公开渠道", "The channels it was published through.", default=()
    )
    reviews: tuple[PublicationReview, ...] = field(
        "发布前审查", "The reviews before publication (保密审查, 合法性审查…).", default=()
    )
    history: tuple[StatusChange, ...] = field(
        "文件状态",
        "For documents: issue, amendments, repeal or expiry, in date order.",
        default=(),
        validator=_history,
    )
    note: str | None = field("备注", "Free-text remark.", default=None, validator=optional_text)

    @published_on.validator
    def _check_published(self, attribute: attrs.Attribute[Any], value: date | None) -> None:
        if value is not None and value < self.formed_on:
            raise InvalidValue(
                attribute.name,
                f"published on {value.isoformat()}, before it was formed on"
                f" {self.formed_on.isoformat()}",
                f"公开日期{value.isoformat()}早于形成日期{self.formed_on.isoformat()}",
            )

    @property
    def issued_on(self) -> date:
        """The day the document was issued: its ISSUED step, else the day it was formed."""
        history = self.history
        if history and history[0].kind is StatusChangeKind.ISSUED:
            return history[0].on
        return self.formed_on

    @property
    def ended_on(self) -> date | None:
        """The first day it was no longer in force (repeal or expiry), or ``None``."""
        if self.history and self.history[-1].kind.ends_force:
            return self.history[-1].on
        return None

    @property
    def repealed_on(self) -> date | None:
        """The day it was repealed (废止), or ``None`` (an expiry is not a repeal)."""
        if self.history and self.history[-1].kind is StatusChangeKind.REPEALED:
            return self.history[-1].on
        return None

    def in_force_on(self, day: date) -> bool:
        """True if issued on or before ``day`` and not repealed or expired by then.

        A repeal or expiry takes effect on its day: the document is no longer in force that day.
        """
        ended = self.ended_on
        return self.issued_on <= day and (ended is None or day < ended)


def _year(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or not 2007 <= value <= 2100:
        raise InvalidValue(
            attribute.name,
            f"expected a year from 2007 to 2100, got {value!r}",
            f"年度应在2007至2100之间，实际为{value!r}",
        )


class DecisionKind(LabelledEnum):
    """The decisions table 2 counts (本年处理决定数量).

    >>> DecisionKind.COMPULSORY_MEASURE.label
    '行政强制'
    """

    LICENSING = "licensing", "行政许可", "licensing decisions"
    OTHER_SERVICES = "other-services", "其他对外管理服务事项", "other external management services"
    PENALTY = "penalty", "行政处罚", "penalty decisions"
    COMPULSORY_MEASURE = "compulsory-measure", "行政强制", "compulsory-measure decisions"


@attrs.frozen(kw_only=True)
class DecisionCount:
    """A count of decisions in a year, as the agency supplies it (e.g. from its case system).

    >>> DecisionCount(kind=DecisionKind.PENALTY, year=2024, count=3985758).count
    3985758
    """

    kind: DecisionKind = field("决定类型", "Which decisions.")
    year: int = field("年度", "The calendar year counted.", validator=_year)
    count: int = field(
        "本年处理决定数量", "How many decisions were made in the year.", validator=counts
    )

    @count.validator
    def _check_count(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            raise InvalidValue(
                attribute.name,
                "a supplied count must be a number (leave the count out instead of null)",
                "提供的数量不能为空，如无数据请不要填写该条记录",
            )


@attrs.frozen(kw_only=True)
class DecisionRecord:
    """One decision (a licence granted or refused, a penalty, a compulsory measure).

    >>> DecisionRecord(kind=DecisionKind.LICENSING, decided_on=date(2024, 5, 6)).reference is None
    True
    """

    kind: DecisionKind = field("决定类型", "Which kind of decision.")
    decided_on: date = field("决定日期", "The day of the decision.")
    reference: str | None = field(
        "决定书文号", "The decision's reference number.", default=None, validator=optional_text
    )


@attrs.frozen(kw_only=True)
class FeeRecord:
    """Administrative fees (行政事业性收费) collected: an amount on a day, or a period's total.

    >>> from decimal import Decimal
    >>> from govdisclosure.model.quantity import MoneyUnit
    >>> FeeRecord(collected_on=date(2024, 12, 31),
    ...           amount=Money(Decimal("96171.6"), MoneyUnit.WAN_YUAN)).amount.in_yuan()
    Decimal('961716000.0')
    """

    collected_on: date = field(
        "收费日期", "The day collected (the last day, for a period's total)."
    )
    amount: Money = field("收费金额", "The amount collected.")
    item: str | None = field(
        "收费项目", "The fee item, if recorded.", default=None, validator=optional_text
    )


@attrs.frozen(kw_only=True)
class ProcurementRecord:
    """A centralised procurement project (政府集中采购项目) and its amount.

    >>> from decimal import Decimal
    >>> ProcurementRecord(project="办公设备采购", contracted_on=date(2019, 6, 3),
    ...                   amount=Money(Decimal("251000"))).amount.amount
    Decimal('251000')
    """

    project: str = field("采购项目", "The project.", validator=text)
    contracted_on: date = field("采购日期", "The day the contract was awarded.")
    amount: Money | None = field("采购金额", "The amount, if recorded.", default=None)


def _unique_counts(
    _: object, attribute: attrs.Attribute[Any], value: Sequence[DecisionCount]
) -> None:
    seen: set[tuple[DecisionKind, int]] = set()
    for index, item in enumerate(value):
        key = (item.kind, item.year)
        if key in seen:
            raise InvalidValue(
                f"{attribute.name}[{index}]",
                f"a second count of {item.kind.code} for {item.year}",
                f"{item.year}年“{item.kind.label}”的数量重复",
            )
        seen.add(key)


def _unique_ids(_: object, attribute: attrs.Attribute[Any], value: Sequence[ProactiveItem]) -> None:
    seen: set[str] = set()
    for index, item in enumerate(value):
        if item.id in seen:
            raise InvalidValue(
                f"{attribute.name}[{index}]",
                f"the id {item.id!r} is used twice",
                f"登记编号{item.id!r}重复",
            )
        seen.add(item.id)


@attrs.frozen(kw_only=True)
class ProactiveRegister:
    """An agency's publication register and the records table 2 needs besides its items.

    Decision counts per kind come from the decision records when the register holds any record
    of that kind, otherwise from the count the agency supplies for the year, otherwise they are
    blank. The fee amount comes from the fee records, and is blank when there are none.

    Extensible: its JSON carries the tag ``"proactive-register"`` (see
    :func:`~govdisclosure.serialize.register`).

    >>> ProactiveRegister().items
    ()
    """

    agency: Agency | None = field("机关", "The agency whose register it is.", default=None)
    items: tuple[ProactiveItem, ...] = field(
        "主动公开事项", "The register entries.", default=(), validator=_unique_ids
    )
    decision_counts: tuple[DecisionCount, ...] = field(
        "处理决定数量",
        "Decision counts the agency supplies, per kind and year.",
        default=(),
        validator=_unique_counts,
    )
    decisions: tuple[DecisionRecord, ...] = field(
        "处理决定记录", "Decision records, one per decision.", default=()
    )
    fees: tuple[FeeRecord, ...] = field("收费记录", "Administrative fees collected.", default=())
    procurements: tuple[ProcurementRecord, ...] = field(
        "政府集中采购记录", "Centralised procurement projects.", default=()
    )
