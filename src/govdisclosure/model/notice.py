"""The documents an agency sends in a request's life (告知书), as the facts the agency decided.

A :class:`Notice` stores what only the agency knows: which document, its 文号, the day it bears,
whom it is addressed to, the outcome and the reasons, what must be corrected, where the
information can be had. Everything else a notice says (the day of receipt, the deadlines, the
fee, the legal basis, the remedy periods) is derived from the request and the law when it is
rendered (:func:`govdisclosure.formatting.render_notice`), never stored twice.

The kinds follow the 2019 Regulation [CONFIRMED R2019 for the articles; the titles are those
agencies print, e.g. 补正告知书, 延期答复告知书, 征求意见函, 收费通知书, 政府信息公开申请答复书]:

>>> for kind in NoticeKind:
...     print(kind.code, kind.label)
correction 补正告知书
extension 延期答复告知书
consult-third-party 征求第三方意见函
consult-agency 征求其他机关意见函
fee 信息处理费收费通知书
reply 政府信息公开申请答复书
>>> NoticeKind.CORRECTION.article
'第三十条'
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from govdisclosure.model.base import (
    InvalidValue,
    LabelledEnum,
    checks_type,
    field,
    optional_text,
    text,
)
from govdisclosure.model.outcome import Outcome

__all__ = ["Notice", "NoticeKind"]


class NoticeKind(LabelledEnum):
    """Which document a notice is; the label is its usual title.

    >>> NoticeKind.REPLY.label_en
    'reply to an application for government information'
    >>> NoticeKind.FEE.has_remedy, NoticeKind.EXTENSION.has_remedy
    (True, False)
    """

    CORRECTION = "correction", "补正告知书", "notice to correct the application"
    EXTENSION = "extension", "延期答复告知书", "notice of an extended reply period"
    CONSULT_THIRD_PARTY = (
        "consult-third-party",
        "征求第三方意见函",
        "letter consulting a third party",
    )
    CONSULT_AGENCY = "consult-agency", "征求其他机关意见函", "letter consulting another agency"
    FEE = "fee", "信息处理费收费通知书", "notice to pay an information processing fee"
    REPLY = "reply", "政府信息公开申请答复书", "reply to an application for government information"

    @property
    def article(self) -> str:
        """The article of the 2019 Regulation the document rests on (for a reply, see the
        outcome's own basis)."""
        return _ARTICLES[self]

    @property
    def has_remedy(self) -> bool:
        """Whether the document tells the applicant of reconsideration and litigation.

        Replies do (Art. 51); so does the fee notice, which decides a charge [INFERENCE]. The
        procedural letters (补正, 延期, 征求意见) do not.
        """
        return self in (NoticeKind.REPLY, NoticeKind.FEE)


_ARTICLES = {
    NoticeKind.CORRECTION: "第三十条",
    NoticeKind.EXTENSION: "第三十三条第二款",
    NoticeKind.CONSULT_THIRD_PARTY: "第三十二条",
    NoticeKind.CONSULT_AGENCY: "第三十四条",
    NoticeKind.FEE: "第四十二条",
    NoticeKind.REPLY: "第三十六条",
}


def _outcome(instance: Notice, attribute: attrs.Attribute[Any], value: object) -> None:
    if instance.kind is NoticeKind.REPLY and not isinstance(value, Outcome):
        raise InvalidValue(
            attribute.name,
            "a reply needs its outcome (the row of table 3 it counts in)",
            "答复书须注明办理结果",
        )
    if instance.kind is not NoticeKind.REPLY and value is not None:
        raise InvalidValue(
            attribute.name,
            f"only a reply has an outcome, not a {instance.kind.label_en}",
            f"只有答复书有办理结果，{instance.kind.label}没有",
        )


@checks_type
def _items(instance: Notice, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InvalidValue(
            attribute.name, "expected a list of non-empty texts", "应为非空文本的列表"
        )
    if instance.kind is NoticeKind.CORRECTION and not value:
        raise InvalidValue(
            attribute.name,
            "Art. 30 requires the notice to state at once everything to be corrected",
            "第三十条要求一次性告知需要补正的事项",
        )


@attrs.frozen(kw_only=True)
class Notice:
    """One document an agency issued on a request, with what the agency decided in it.

    >>> n = Notice(kind=NoticeKind.REPLY, request_id="2024-001", issued_on=date(2024, 10, 8),
    ...            reference="某府办依申复〔2024〕15号", outcome=Outcome.GRANTED)
    >>> n.title
    '政府信息公开申请答复书'
    >>> Notice(kind=NoticeKind.CORRECTION, request_id="2024-002", issued_on=date(2024, 10, 8))
    Traceback (most recent call last):
    ...
    govdisclosure.errors.InvalidValue: items: Art. 30 requires the notice to state at once ...
    """

    kind: NoticeKind = field("文书类型", "Which document it is.")
    request_id: str = field("申请编号", "The application it answers.", validator=text)
    issued_on: date = field("成文日期", "The date the document bears.")
    reference: str | None = field(
        "文号",
        "Its reference number, e.g. 某府办依申复〔2024〕15号.",
        default=None,
        validator=optional_text,
    )
    addressee: str | None = field(
        "主送",
        "Whom it is addressed to (the applicant, or the party consulted).",
        default=None,
        validator=optional_text,
        personal=True,
    )
    outcome: Outcome | None = field(
        "办理结果",
        "For a reply: the outcome (row of table 3).",
        default=None,
        validator=_outcome,
    )
    reasons: str | None = field(
        "理由", "The reasons given, in the agency's words.", default=None, validator=optional_text
    )
    items: tuple[str, ...] = field(
        "补正事项",
        "For a correction notice: what must be corrected or supplemented.",
        default=(),
        validator=_items,
    )
    access: str | None = field(
        "获取方式",
        "How and where the information can be obtained.",
        default=None,
        validator=optional_text,
    )
    other_agency: str | None = field(
        "负责公开的机关",
        "The agency responsible for the information (Art. 36(五)), or the one consulted.",
        default=None,
        validator=optional_text,
    )
    other_agency_contact: str | None = field(
        "联系方式", "How to reach that agency.", default=None, validator=optional_text
    )
    payment: str | None = field(
        "缴纳方式", "For a fee notice: how to pay.", default=None, validator=optional_text
    )
    reconsideration_body: str | None = field(
        "行政复议机关",
        "Where to apply for reconsideration.",
        default=None,
        validator=optional_text,
    )
    court: str | None = field("管辖法院", "Where to sue.", default=None, validator=optional_text)

    @property
    def title(self) -> str:
        """The document's title."""
        return self.kind.label
