"""Administrative reconsideration (行政复议) and litigation (行政诉讼) about disclosure."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from govdisclosure.model.base import InvalidValue, LabelledEnum, field, optional_text, text

__all__ = ["Litigation", "LitigationRoute", "Reconsideration", "ReviewResult"]


class ReviewResult(LabelledEnum):
    """The result columns of table 4.

    >>> [r.label for r in ReviewResult]
    ['结果维持', '结果纠正', '其他结果', '尚未审结']
    """

    MAINTAINED = "maintained", "结果维持", "upheld"
    CORRECTED = "corrected", "结果纠正", "corrected"
    OTHER = "other", "其他结果", "other result"
    PENDING = "pending", "尚未审结", "pending"


class LitigationRoute(LabelledEnum):
    """How a suit reached the court: directly, or after reconsideration.

    >>> LitigationRoute.DIRECT.label
    '未经复议直接起诉'
    """

    DIRECT = "direct", "未经复议直接起诉", "direct suit"
    AFTER_RECONSIDERATION = "after-reconsideration", "复议后起诉", "suit after reconsideration"


def _decided_matches_result(
    instance: Any, attribute: attrs.Attribute[Any], value: date | None
) -> None:
    pending = instance.result is ReviewResult.PENDING
    if pending and value is not None:
        raise InvalidValue(
            attribute.name,
            "a pending case has no decision date",
            "尚未审结的案件不应有审结日期",
        )
    if value is not None and value < instance.filed_on:
        raise InvalidValue(
            attribute.name,
            f"decided on {value.isoformat()},"
            f" before it was filed ({instance.filed_on.isoformat()})",
            f"审结日期{value.isoformat()}早于立案日期{instance.filed_on.isoformat()}",
        )


@attrs.frozen(kw_only=True)
class Reconsideration:
    """An application for administrative reconsideration of a disclosure decision.

    >>> case = Reconsideration(
    ...     id="R1", filed_on=date(2024, 3, 1), body="淮安市人民政府",
    ...     result=ReviewResult.MAINTAINED, decided_on=date(2024, 4, 20), request_ids=("2024-001",),
    ... )
    >>> case.result.label
    '结果维持'
    """

    id: str = field("案件编号", "Identifier of the case.", validator=text)
    filed_on: date = field("申请日期", "The day the application was filed.")
    body: str | None = field(
        "复议机关", "The reconsideration body.", default=None, validator=optional_text
    )
    result: ReviewResult = field("结果", "Outcome, or pending.", default=ReviewResult.PENDING)
    decided_on: date | None = field(
        "审结日期",
        "The day of the decision; None while pending.",
        default=None,
        validator=_decided_matches_result,
    )
    request_ids: tuple[str, ...] = field(
        "关联申请", "Ids of the disclosure requests the case concerns.", default=()
    )


@attrs.frozen(kw_only=True)
class Litigation:
    """An administrative lawsuit about a disclosure decision.

    >>> suit = Litigation(id="L1", filed_on=date(2024, 5, 6), route=LitigationRoute.DIRECT)
    >>> suit.result.label
    '尚未审结'
    """

    id: str = field("案件编号", "Identifier of the case.", validator=text)
    filed_on: date = field("起诉日期", "The day the suit was filed.")
    route: LitigationRoute = field("起诉方式", "Direct suit or suit after reconsideration.")
    court: str | None = field("受理法院", "The court.", default=None, validator=optional_text)
    result: ReviewResult = field("结果", "Outcome, or pending.", default=ReviewResult.PENDING)
    decided_on: date | None = field(
        "审结日期",
        "The day of the judgment; None while pending.",
        default=None,
        validator=_decided_matches_result,
    )
    request_ids: tuple[str, ...] = field(
        "关联申请", "Ids of the disclosure requests the case concerns.", default=()
    )
    reconsideration_id: str | None = field(
        "复议案件编号",
        "The reconsideration case it follows, for suits after reconsideration.",
        default=None,
        validator=optional_text,
    )
