"""The agency's notices (告知书) written out as text, Markdown or HTML, filled from a request.

A notice is built from three sources, each holding only its own facts: the request and its
events (the day of receipt, what was asked for, the dates of the correction, extension, fee and
consultation events), the :class:`~govdisclosure.model.notice.Notice` (what the agency
decided: outcome, reasons, items to correct, where to get the information), and the law (the
articles, the reply due date from :func:`~govdisclosure.rules.due_date`, the remedy periods
from :func:`~govdisclosure.rules.remedy_rule`). The wording is data, in ``templates/notices.toml``:
one entry per notice kind and, for replies, one per :class:`~govdisclosure.model.outcome.Outcome`.

The layout follows 《党政机关公文格式》 (GB/T 9704—2012) as agencies apply it to these letters: the
issuing agency, the title, the 文号, the addressee (主送) followed by a full-width colon, the body
in paragraphs indented by two characters, the remedy paragraph, then the agency's name and the
date. GB/T 9704—2012 writes the date in Arabic numerals (2024年10月8日, the default); the older
style (GB/T 9704—1999) with Chinese numerals (二〇二四年十月八日) is ``date_style="chinese"``.

The templates follow the 2019 Regulation; a request received under the 2008 text is refused
(its articles differ and no template for them is written yet).

>>> from datetime import date
>>> from govdisclosure.model import (Applicant, ApplicantKind, DisclosureRequest, Outcome,
...                                  Replied, SubmissionMethod)
>>> request = DisclosureRequest(
...     id="2024-001", applicant=Applicant(ApplicantKind.NATURAL_PERSON, name="张三"),
...     received_on=date(2024, 9, 27), method=SubmissionMethod.ONLINE,
...     description="2024年度部门预算", agency="某市财政局",
...     events=(Replied(on=date(2024, 10, 8), outcome=Outcome.WITHHELD_STATE_SECRET,
...                     reference="某财依复〔2024〕3号"),))
>>> for line in render_notice(request, NoticeKind.REPLY).splitlines():
...     print(line.strip())  # without the indent of paragraphs and the signature's padding
某市财政局
政府信息公开申请答复书
某财依复〔2024〕3号
<BLANKLINE>
张三：
2024年9月27日，本机关收到您提交的政府信息公开申请，申请公开“2024年度部门预算”。经审查，现答复如下：
您申请公开的政府信息依法确定为国家秘密。根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开。
如对本答复书不服，可以在收到本答复书之日起60日内依法申请行政复议，或者在收到本答复书之日起6个月内依法向人民法院提起行政诉讼。
<BLANKLINE>
某市财政局
2024年10月8日
"""

from __future__ import annotations

import functools
import html
import string
import tomllib
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

import attrs

from govdisclosure.errors import InvalidValue
from govdisclosure.formatting.dates import format_date
from govdisclosure.formatting.fees import format_fee
from govdisclosure.formatting.money import format_money, to_rmb_uppercase
from govdisclosure.formatting.numerals import to_chinese_numeral
from govdisclosure.formatting.render import display_width
from govdisclosure.model.agency import Agency
from govdisclosure.model.notice import Notice, NoticeKind
from govdisclosure.model.request import (
    ConsultationStarted,
    Consultee,
    CorrectionRequested,
    Extended,
    FeeNoticeIssued,
    Replied,
    RequestEvent,
)
from govdisclosure.rules.deadlines import due_date
from govdisclosure.rules.fees import fee_schedule_in_force
from govdisclosure.rules.regulation import regulation_in_force
from govdisclosure.rules.remedies import RemedyKind, remedy_rule

if TYPE_CHECKING:
    from govdisclosure.formatting.render import RenderFormat
    from govdisclosure.model.request import DisclosureRequest
    from govdisclosure.rules.calendar import WorkdayCalendar
    from govdisclosure.rules.fees import FeeCalculation

__all__ = [
    "DateStyle",
    "NoticeText",
    "format_document_date",
    "notice_for",
    "notice_text",
    "render_notice",
]

DateStyle = Literal["arabic", "chinese"]
"""How the date of a notice is written: ``"arabic"`` (2024年10月8日, GB/T 9704—2012) or
``"chinese"`` (二〇二四年十月八日)."""

_YEAR_DIGITS = "〇一二三四五六七八九"
_WIDTH = 60  # display columns of the text layout (30 Chinese characters)


def format_document_date(day: date, style: DateStyle = "arabic") -> str:
    """The date as a document bears it.

    >>> format_document_date(date(2024, 10, 8))
    '2024年10月8日'
    >>> format_document_date(date(2024, 10, 8), "chinese")
    '二〇二四年十月八日'
    >>> format_document_date(date(2030, 12, 31), "chinese")
    '二〇三〇年十二月三十一日'
    """
    if style == "arabic":
        return format_date(day)
    if style != "chinese":
        raise ValueError(f"unknown date style {style!r}; expected 'arabic' or 'chinese'")
    year = "".join(_YEAR_DIGITS[int(d)] for d in str(day.year))
    return f"{year}年{to_chinese_numeral(day.month)}月{to_chinese_numeral(day.day)}日"


@functools.cache
def _templates() -> dict[str, Any]:
    raw = resources.files("govdisclosure.formatting").joinpath("templates/notices.toml")
    return tomllib.loads(raw.read_text(encoding="utf-8"))


def _template(notice: Notice) -> dict[str, Any]:
    data = _templates()
    if notice.kind is NoticeKind.REPLY:
        assert notice.outcome is not None  # the model's validator guarantees it
        entry: dict[str, Any] = data["reply"][notice.outcome.code]
        return entry
    other: dict[str, Any] = data[notice.kind.code]
    return other


@attrs.frozen
class NoticeText:
    """A notice's parts as they will be printed, before layout.

    >>> text = notice_text(_example(), Notice(kind=NoticeKind.CORRECTION, request_id="R1",
    ...     issued_on=date(2024, 9, 30), items=("所需信息的文号",)))
    >>> text.title, text.addressee
    ('补正告知书', '李四')
    >>> text.paragraphs[1]
    '1. 所需信息的文号'
    """

    issuer: str
    """The issuing agency (发文机关)."""
    title: str
    """The document's title."""
    reference: str | None
    """Its 文号."""
    addressee: str
    """主送: the applicant, or the party consulted."""
    paragraphs: tuple[str, ...]
    """The body, one paragraph each (the remedy paragraph last, where there is one)."""
    signature: str
    """The agency's name at the foot."""
    dated: str
    """The date as printed."""
    basis: str
    """The legal basis the body cites (may be empty)."""


def _last(events: tuple[RequestEvent, ...], kind: type[RequestEvent]) -> RequestEvent | None:
    for event in reversed(events):
        if isinstance(event, kind):
            return event
    return None


_EVENT_OF = {
    NoticeKind.CORRECTION: CorrectionRequested,
    NoticeKind.EXTENSION: Extended,
    NoticeKind.CONSULT_THIRD_PARTY: ConsultationStarted,
    NoticeKind.CONSULT_AGENCY: ConsultationStarted,
    NoticeKind.FEE: FeeNoticeIssued,
    NoticeKind.REPLY: Replied,
}


def _consultation(request: DisclosureRequest, kind: NoticeKind) -> ConsultationStarted | None:
    wanted = (
        Consultee.THIRD_PARTY if kind is NoticeKind.CONSULT_THIRD_PARTY else Consultee.OTHER_AGENCY
    )
    for event in reversed(request.events):
        if isinstance(event, ConsultationStarted) and event.consultee is wanted:
            return event
    return None


def notice_for(request: DisclosureRequest, kind: NoticeKind, **fields: Any) -> Notice:
    """The :class:`~govdisclosure.model.notice.Notice` of ``kind`` for ``request``, from its events.

    The date is that of the event the notice goes with (the reply, the correction request, the
    extension, the consultation, the fee notice); a reply takes its outcome and 文号 from the
    :class:`~govdisclosure.model.request.Replied` event; a consultation letter is addressed to
    the party consulted. ``fields`` set or override any field of the notice (``items``, ``reasons``,
    ``access`` …).

    Raises :class:`~govdisclosure.errors.InvalidValue` when the request has no such event and
    ``issued_on`` is not given.

    >>> notice_for(_example(), NoticeKind.CORRECTION, items=("文号",)).issued_on
    datetime.date(2024, 9, 30)
    >>> notice_for(_example(), NoticeKind.FEE)
    Traceback (most recent call last):
    ...
    govdisclosure.errors.InvalidValue: issued_on: the request has no fee-notice event; ...
    """
    if kind in (NoticeKind.CONSULT_THIRD_PARTY, NoticeKind.CONSULT_AGENCY):
        event: RequestEvent | None = _consultation(request, kind)
    else:
        event = _last(request.events, _EVENT_OF[kind])
    values: dict[str, Any] = {"kind": kind, "request_id": request.id}
    if event is not None:
        values["issued_on"] = event.on
    if isinstance(event, Replied):
        values["outcome"] = event.outcome
        values["reference"] = event.reference
    if isinstance(event, ConsultationStarted):
        values["addressee"] = event.name
    values.update(fields)
    if "issued_on" not in values:
        name = {NoticeKind.FEE: "fee-notice", NoticeKind.REPLY: "reply"}.get(kind, kind.code)
        raise InvalidValue(
            "issued_on",
            f"the request has no {name} event; give issued_on for the {kind.label_en}",
            f"申请没有对应的办理记录，请注明{kind.label}的成文日期",
        )
    return Notice(**values)


def _missing(name: str, notice: Notice) -> InvalidValue:
    return InvalidValue(
        name,
        f"the {notice.kind.label_en} needs {name} (the Regulation requires that content)",
        f"{notice.title}缺少必需的内容：{name}",
    )


def _remedy(notice: Notice, law: dict[str, str]) -> str:
    reconsideration = remedy_rule(RemedyKind.RECONSIDERATION, notice.issued_on)
    suit = remedy_rule(RemedyKind.DIRECT_SUIT, notice.issued_on)
    body = notice.reconsideration_body
    court = notice.court
    return law["remedy"].format(
        document="通知书" if notice.kind is NoticeKind.FEE else "答复书",
        reconsideration_period=f"{reconsideration.length}{reconsideration.unit.label}",
        reconsideration_where=f"向{body}" if body else "依法",
        suit_period=f"{suit.length}{suit.unit.label}",
        suit_where=f"向{court}" if court else "依法向人民法院",
    )


def _values(
    request: DisclosureRequest,
    notice: Notice,
    *,
    calendar: WorkdayCalendar | None,
    fee: FeeCalculation | None,
    agency: str,
) -> dict[str, str | None]:
    law = _templates()["common"]["law"]
    values: dict[str, str | None] = {
        "law": law,
        "agency": agency,
        "received": format_date(request.received_on),
        "description": request.description,
        "access": notice.access,
        "reasons": notice.reasons,
        "other_agency": notice.other_agency,
        "other_agency_contact": notice.other_agency_contact,
        "payment": notice.payment,
        "items": "\n".join(f"{i}. {item}" for i, item in enumerate(notice.items, 1)) or None,
        "consult_days": str(regulation_in_force(request.received_on).consultation_working_days),
        "closing": _templates()["common"]["closing"],
    }
    correction = _last(request.events, CorrectionRequested)
    if isinstance(correction, CorrectionRequested):
        values["correction_requested"] = format_date(correction.on)
        if correction.due_on is not None:
            values["correction_due"] = format_date(correction.due_on)
    extension = _last(request.events, Extended)
    if isinstance(extension, Extended) and notice.kind is NoticeKind.EXTENSION:
        values["extension_days"] = str(extension.working_days)
        due = due_date(request, calendar=calendar, as_of=extension.on)
        values["reply_due"] = format_date(due.due_on)
    fee_event = _last(request.events, FeeNoticeIssued)
    schedule = fee_schedule_in_force(notice.issued_on) if fee_event or fee else None
    if schedule is not None:
        values["fee_basis"] = str(schedule)
    if isinstance(fee_event, FeeNoticeIssued):
        values["fee_notice_on"] = format_date(fee_event.on)
        values["amount"] = format_money(fee_event.amount)
        values["amount_upper"] = to_rmb_uppercase(fee_event.amount)
        if fee_event.due_on is not None:
            values["payment_due"] = f"于{format_date(fee_event.due_on)}前"
        else:
            assert schedule is not None  # a fee event always has its schedule (or raised)
            values["payment_due"] = f"自收到本通知书次日起{schedule.payment_working_days}个工作日内"
    if fee is not None:
        if isinstance(fee_event, FeeNoticeIssued) and fee_event.amount.in_yuan() != fee.total:
            raise InvalidValue(
                "fee",
                f"the calculation gives {fee.total} yuan but the fee notice demands"
                f" {fee_event.amount.in_yuan()} yuan",
                f"计费结果{fee.total}元与收费通知金额{fee_event.amount.in_yuan()}元不一致",
            )
        values["fee_calc"] = "计费明细：" + "；".join(format_fee(fee).splitlines()[1:-1]) + "。"
    return values


def _fill(text: str, values: dict[str, str | None]) -> tuple[str | None, str | None]:
    """The filled text, or (None, name of the first missing placeholder)."""
    names = [name for _, name, _, _ in string.Formatter().parse(text) if name]
    for name in names:
        if values.get(name) is None:
            return None, name
    return text.format(**{n: values[n] for n in names}), None


def notice_text(
    request: DisclosureRequest,
    notice: Notice,
    *,
    agency: str | Agency | None = None,
    calendar: WorkdayCalendar | None = None,
    fee: FeeCalculation | None = None,
    date_style: DateStyle = "arabic",
    redact: bool = False,
) -> NoticeText:
    """The parts of ``notice`` for ``request``, filled in: see :func:`render_notice`."""
    if notice.request_id != request.id:
        raise InvalidValue(
            "request_id",
            f"the notice is for request {notice.request_id!r}, not {request.id!r}",
            f"告知书所对应的申请编号{notice.request_id!r}与申请{request.id!r}不符",
        )
    regulation = regulation_in_force(request.received_on)
    if regulation.code != "2019":
        raise InvalidValue(
            "received_on",
            f"notices follow the 2019 Regulation; this request is governed by the"
            f" {regulation.code} text ({regulation.instrument})",
            f"告知书模板依据2019年修订的条例，该申请适用{regulation.instrument}",
        )
    name = agency.name if isinstance(agency, Agency) else agency or request.agency
    if name is None:
        raise InvalidValue(
            "agency",
            "the notice needs the issuing agency (pass agency= or set the request's agency)",
            "告知书须注明发文机关",
        )
    common = _templates()["common"]
    template = _template(notice)
    values = _values(request, notice, calendar=calendar, fee=fee, agency=name)
    for key, value in template.get("defaults", {}).items():
        if values.get(key) is None:
            values[key] = value
    articles = template["articles"]
    if notice.other_agency and "articles_other_agency" in template:
        articles = template["articles_other_agency"]
    basis = f"{common['law']}{articles}" if articles else ""
    values["basis"] = basis or common["law"]
    values["opening"], _ = _fill(common["opening"], values)
    paragraphs: list[str] = []
    if notice.kind is NoticeKind.REPLY:
        paragraphs.append(common["reply_opening"].format(**values))
    for paragraph in template["paragraphs"]:
        if "when" in paragraph and values.get(paragraph["when"]) is None:
            continue
        if "unless" in paragraph and values.get(paragraph["unless"]) is not None:
            continue
        text, missing = _fill(paragraph["text"], values)
        if text is None:
            if paragraph.get("optional"):
                continue
            raise _missing(str(missing), notice)
        paragraphs.extend(text.split("\n"))
    if notice.kind.has_remedy:
        paragraphs.append(_remedy(notice, common))
    if notice.addressee is not None and not redact:
        addressee = notice.addressee
    elif notice.kind in (NoticeKind.CONSULT_THIRD_PARTY, NoticeKind.CONSULT_AGENCY):
        addressee = "第三方" if notice.kind is NoticeKind.CONSULT_THIRD_PARTY else "有关机关"
    elif request.applicant.name is not None and not redact:
        addressee = request.applicant.name
    else:
        addressee = common["addressee_default"]
    return NoticeText(
        issuer=name,
        title=notice.title,
        reference=notice.reference,
        addressee=addressee,
        paragraphs=tuple(paragraphs),
        signature=name,
        dated=format_document_date(notice.issued_on, date_style),
        basis=basis,
    )


_INDENT = "\u3000\u3000"  # two full-width spaces: a paragraph's first-line indent


def _text(parts: NoticeText) -> str:
    lines = [parts.issuer, parts.title]
    if parts.reference:
        lines.append(parts.reference)
    lines += ["", f"{parts.addressee}："]
    lines += [f"{_INDENT}{p}" for p in parts.paragraphs]
    # The date stands four characters from the right edge (右空四字); the agency's name is
    # centred above it.
    dated = display_width(parts.dated)
    date_pad = max(0, _WIDTH - 8 - dated)
    name_pad = max(0, date_pad + (dated - display_width(parts.signature)) // 2)
    lines += ["", " " * name_pad + parts.signature, " " * date_pad + parts.dated]
    return "\n".join(lines) + "\n"


def _markdown(parts: NoticeText) -> str:
    def md(text: str) -> str:
        return "".join("\\" + ch if ch in "\\`*_[]#<>|" else ch for ch in text)

    lines = [f"**{md(parts.issuer)}**", "", f"# {md(parts.title)}", ""]
    if parts.reference:
        lines += [md(parts.reference), ""]
    lines += [f"{md(parts.addressee)}：", ""]
    for paragraph in parts.paragraphs:
        lines += [f"{_INDENT}{md(paragraph)}", ""]
    lines += [f"{md(parts.signature)}\\", md(parts.dated)]
    return "\n".join(lines) + "\n"


def _html(parts: NoticeText, kind: NoticeKind) -> str:
    e = html.escape
    body = [
        f'<p class="gd-issuer">{e(parts.issuer)}</p>',
        f'<h1 class="gd-title">{e(parts.title)}</h1>',
    ]
    if parts.reference:
        body.append(f'<p class="gd-reference">{e(parts.reference)}</p>')
    body.append(f'<p class="gd-addressee">{e(parts.addressee)}：</p>')
    body += [f"<p>{e(p)}</p>" for p in parts.paragraphs]
    body.append(f'<p class="gd-signature">{e(parts.signature)}<br>{e(parts.dated)}</p>')
    inner = "\n".join(body)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(parts.title)}</title>\n</head>\n<body>\n"
        f'<article class="gd-notice gd-notice-{kind.code}">\n{inner}\n</article>\n'
        "</body>\n</html>\n"
    )


def render_notice(
    request: DisclosureRequest,
    notice: Notice | NoticeKind,
    fmt: RenderFormat = "text",
    *,
    agency: str | Agency | None = None,
    calendar: WorkdayCalendar | None = None,
    fee: FeeCalculation | None = None,
    date_style: DateStyle = "arabic",
    redact: bool = False,
) -> str:
    """A notice on ``request`` as text, Markdown or HTML.

    ``notice`` is a :class:`~govdisclosure.model.notice.Notice`, or a
    :class:`~govdisclosure.model.notice.NoticeKind` to build one from the request's events with
    :func:`notice_for` (use :func:`notice_for` with fields for content that only the agency
    knows, such as the items to correct). ``agency`` is the issuing agency (default: the
    request's ``agency``); ``calendar`` counts the reply due date of an extension notice;
    ``fee`` adds the fee calculation to a fee notice (its total must match the notice's
    amount). The addressee is the applicant's name: the document is addressed to that person;
    ``redact=True`` writes 申请人 instead, for publishing a sample.

    Raises :class:`~govdisclosure.errors.InvalidValue` naming what is missing when the
    Regulation requires content the notice and the request do not give (e.g. the reasons for
    partial disclosure, the deadline for a correction), and for requests governed by the 2008
    Regulation; :class:`~govdisclosure.rules.NoFeeSchedule` for a fee notice dated before the
    2020 Measures applied.

    >>> request = _example()
    >>> notice = notice_for(request, NoticeKind.CORRECTION, items=("所需信息的文号或名称",))
    >>> for line in render_notice(request, notice, "markdown", date_style="chinese").splitlines():
    ...     print(line.strip())  # without the two-character indent of paragraphs
    **某县人民政府办公室**
    <BLANKLINE>
    # 补正告知书
    <BLANKLINE>
    李四：
    <BLANKLINE>
    2024年9月27日，本机关收到您提交的政府信息公开申请，申请公开“某项目的审批文件”。经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对申请作出以下补正：
    <BLANKLINE>
    1. 所需信息的文号或名称
    <BLANKLINE>
    请于2024年10月15日前将补正后的申请提交本机关。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。
    <BLANKLINE>
    特此告知。
    <BLANKLINE>
    某县人民政府办公室\\
    二〇二四年九月三十日
    """
    if fmt not in ("text", "markdown", "html"):
        raise ValueError(f"unknown format {fmt!r}; expected one of: text, markdown, html")
    built = notice_for(request, notice) if isinstance(notice, NoticeKind) else notice
    parts = notice_text(
        request,
        built,
        agency=agency,
        calendar=calendar,
        fee=fee,
        date_style=date_style,
        redact=redact,
    )
    if fmt == "text":
        return _text(parts)
    if fmt == "markdown":
        return _markdown(parts)
    return _html(parts, built.kind)


def _example() -> DisclosureRequest:
    """A request with a correction notice, for the examples."""
    from govdisclosure.model import Applicant, ApplicantKind, DisclosureRequest, SubmissionMethod

    return DisclosureRequest(
        id="R1",
        applicant=Applicant(ApplicantKind.NATURAL_PERSON, name="李四"),
        received_on=date(2024, 9, 27),
        method=SubmissionMethod.POST,
        description="某项目的审批文件",
        agency="某县人民政府办公室",
        events=(CorrectionRequested(on=date(2024, 9, 30), due_on=date(2024, 10, 15)),),
    )
