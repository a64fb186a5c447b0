"""A disclosure application (依申请公开申请) and the facts of its life.

A request stores only what happened, each fact with its date. Its state, due date and the report
cell it falls into are derived from these facts by ``govdisclosure.rules`` under the regulation
in force on the day of receipt.
"""

from __future__ import annotations

from datetime import date

import attrs

from govdisclosure.model.applicant import Applicant, SubmissionMethod
from govdisclosure.model.base import (
    InvalidValue,
    LabelledEnum,
    field,
    optional_text,
    text,
)
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.quantity import Money

__all__ = [
    "ConsultationAnswered",
    "ConsultationStarted",
    "Consultee",
    "CorrectionReceived",
    "CorrectionRequested",
    "DisclosureRequest",
    "Extended",
    "FeeNoticeIssued",
    "FeePaid",
    "ReasonablePeriodSet",
    "Replied",
    "RequestEvent",
    "Transferred",
    "Withdrawn",
]


class Consultee(LabelledEnum):
    """Whom the agency consulted before deciding (the time is not counted, Arts. 32 and 34)."""

    THIRD_PARTY = "third-party", "第三方", "third party"
    OTHER_AGENCY = "other-agency", "其他机关", "other agency"


@attrs.frozen(kw_only=True)
class RequestEvent:
    """One dated fact in a request's life. Subclasses are the kinds of fact.

    Every event has the day it happened (``on``) and an optional free-text ``note``.
    """

    on: date = field("日期", "The day the fact happened.")
    note: str | None = field(
        "备注",
        "Free-text remark (may quote contact details: masked in exports unless asked).",
        default=None,
        validator=optional_text,
        free_text=True,
    )


@attrs.frozen(kw_only=True)
class CorrectionRequested(RequestEvent):
    """The agency asked the applicant to correct the application (补正, Art. 30).

    The 2019 regulation requires the notice within 7 working days of receipt; the reply clock
    restarts when the corrected application is received.
    """

    due_on: date | None = field(
        "补正期限", "The last day the agency's notice gives the applicant to correct.", default=None
    )


@attrs.frozen(kw_only=True)
class CorrectionReceived(RequestEvent):
    """The corrected application was received (the reply clock restarts from this day)."""


@attrs.frozen(kw_only=True)
class ConsultationStarted(RequestEvent):
    """The agency asked a third party or another agency for its opinion (征求意见).

    Consultation time is not counted in the reply period.
    """

    consultee: Consultee = field("征求意见对象", "Third party or other agency.")
    name: str | None = field(
        "被征求意见方",
        "Name of the party consulted (personal data when the third party is a person).",
        default=None,
        validator=optional_text,
        personal=True,
    )


@attrs.frozen(kw_only=True)
class ConsultationAnswered(RequestEvent):
    """The consulted party answered (or its 15 working days ran out)."""

    consultee: Consultee = field("征求意见对象", "Third party or other agency.")
    consents: bool | None = field(
        "是否同意公开", "Whether the party agreed to disclosure; None if not stated.", default=None
    )


@attrs.frozen(kw_only=True)
class Extended(RequestEvent):
    """The reply period was extended once (延期答复, Art. 33).

    ``working_days`` is the length of the extension the agency set (at most 20 under the 2019
    regulation, 15 under the 2008 one).
    """

    working_days: int = field("延长工作日数", "Length of the extension in working days.")

    @working_days.validator
    def _check_days(self, attribute: attrs.Attribute[int], value: int) -> None:
        if type(value) is not int or value < 1:
            raise InvalidValue(
                attribute.name,
                f"an extension is a positive number of working days, got {value!r}",
                f"延长期限应为正整数个工作日，实际为{value!r}",
            )


@attrs.frozen(kw_only=True)
class ReasonablePeriodSet(RequestEvent):
    """The agency set a reasonable later reply day for an excessive request (2019 Art. 35).

    Where the number or frequency of a person's requests 明显超过合理范围 and the agency accepts
    the reasons given but cannot answer within the Art. 33 period, it may 确定延迟答复的合理期限
    and tell the applicant. ``due_on`` is that day; it replaces the Art. 33 deadline when it is
    later (it never shortens it). The 2008 text has no such rule.
    """

    due_on: date = field("延迟答复期限", "The reply day the agency set under Art. 35.")


@attrs.frozen(kw_only=True)
class FeeNoticeIssued(RequestEvent):
    """The agency issued a notice to pay an information processing fee (收费通知).

    Without ``due_on`` the statutory period applies (20 working days under 国办函〔2020〕109号,
    see ``govdisclosure.rules.FEE_SCHEDULE_2020``), counted from the day of the notice.
    """

    amount: Money = field("收费金额", "The fee demanded.")
    due_on: date | None = field(
        "缴费期限",
        "Last day to pay, as set in the notice (None: the statutory period).",
        default=None,
    )


@attrs.frozen(kw_only=True)
class FeePaid(RequestEvent):
    """The applicant paid the fee."""

    amount: Money | None = field("实缴金额", "Amount paid, if recorded.", default=None)


@attrs.frozen(kw_only=True)
class Transferred(RequestEvent):
    """The application was forwarded to, or its applicant told to apply to, another agency."""

    to: str = field("移送机关", "The agency the matter went to.", validator=text)


@attrs.frozen(kw_only=True)
class Withdrawn(RequestEvent):
    """The applicant withdrew the application (申请撤回)."""


@attrs.frozen(kw_only=True)
class Replied(RequestEvent):
    """The agency's final reply (答复), with its outcome: the row of table 3 it counts in."""

    outcome: Outcome = field("办理结果", "The outcome row of table 3.")
    reference: str | None = field(
        "答复书文号",
        "Reference number of the reply document.",
        default=None,
        validator=optional_text,
    )


@attrs.frozen(kw_only=True)
class DisclosureRequest:
    """An application for government information and the facts of its handling.

    >>> from govdisclosure.model.applicant import ApplicantKind
    >>> req = DisclosureRequest(
    ...     id="2024-001",
    ...     applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=date(2024, 9, 27),
    ...     method=SubmissionMethod.ONLINE,
    ...     description="2024年度部门预算",
    ...     events=(Replied(on=date(2024, 10, 30), outcome=Outcome.GRANTED),),
    ... )
    >>> req.reply.outcome.label
    '（一）予以公开'
    """

    id: str = field("申请编号", "The agency's identifier for the application.", validator=text)
    applicant: Applicant = field("申请人", "Who applied.")
    received_on: date = field(
        "收到申请日期",
        "Date of receipt as defined by Art. 31 (depends on the submission method).",
    )
    method: SubmissionMethod = field("申请方式", "How the application arrived.")
    description: str = field(
        "申请公开的政府信息",
        "What was asked for, as described by the applicant (may quote contact details).",
        validator=text,
        free_text=True,
    )
    agency: str | None = field(
        "受理机关",
        "Name of the agency that received the application.",
        default=None,
        validator=optional_text,
    )
    submitted_on: date | None = field(
        "提交日期",
        "The day the applicant sent or handed in the application, if known.",
        default=None,
    )
    events: tuple[RequestEvent, ...] = field(
        "办理过程", "Dated facts of the handling, in the order they happened.", default=()
    )

    @property
    def reply(self) -> Replied | None:
        """The final reply, if there is one."""
        for event in reversed(self.events):
            if isinstance(event, Replied):
                return event
        return None
