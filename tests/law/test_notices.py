"""The agency's notices: golden files for every kind and every outcome, and what they refuse."""

from __future__ import annotations

import os
import tomllib
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import testing
from govdisclosure.errors import GovDisclosureError, InvalidValue
from govdisclosure.formatting import (
    NoticeText,
    format_document_date,
    notice_for,
    notice_text,
    render_notice,
)
from govdisclosure.model import (
    Agency,
    Applicant,
    ApplicantKind,
    ConsultationStarted,
    Consultee,
    CorrectionRequested,
    DisclosureRequest,
    Extended,
    FeeNoticeIssued,
    Money,
    Notice,
    NoticeKind,
    Outcome,
    Replied,
    RequestEvent,
    SubmissionMethod,
)
from govdisclosure.rules import FeeMethod, information_fee

SNAPSHOTS = Path(__file__).resolve().parents[1] / "snapshots" / "notices"
UPDATE = os.environ.get("GOVDISCLOSURE_UPDATE_SNAPSHOTS") == "1"
TEMPLATES = (
    Path(__file__).resolve().parents[2] / "src/govdisclosure/formatting/templates/notices.toml"
)
SUFFIX = {"text": "txt", "markdown": "md", "html": "html"}


def check_snapshot(name: str, actual: str) -> None:
    """Compare with the golden file; rewrite it when GOVDISCLOSURE_UPDATE_SNAPSHOTS=1."""
    path = SNAPSHOTS / name
    if UPDATE:
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"missing snapshot {name}; run with GOVDISCLOSURE_UPDATE_SNAPSHOTS=1"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its snapshot"


def request(*events: RequestEvent, received: date = date(2024, 9, 27)) -> DisclosureRequest:
    return DisclosureRequest(
        id="2024-0927-001",
        applicant=Applicant(ApplicantKind.NATURAL_PERSON, name="张三"),
        received_on=received,
        method=SubmissionMethod.ONLINE,
        description="2024年度某项目的立项批复文件",
        agency="某市人民政府办公室",
        events=events,
    )


CORRECTION = CorrectionRequested(on=date(2024, 9, 30), due_on=date(2024, 10, 15))
FEE = FeeNoticeIssued(on=date(2024, 10, 10), amount=Money(Decimal("300")))
REPLY_ON = date(2024, 10, 21)


def _kind_cases() -> dict[str, tuple[DisclosureRequest, Notice]]:
    correction = request(CORRECTION)
    extension = request(Extended(on=date(2024, 10, 25), working_days=15))
    third = request(
        ConsultationStarted(
            on=date(2024, 10, 9), consultee=Consultee.THIRD_PARTY, name="某某建设有限公司"
        )
    )
    agency = request(
        ConsultationStarted(
            on=date(2024, 10, 9), consultee=Consultee.OTHER_AGENCY, name="某市自然资源和规划局"
        )
    )
    fee = request(FEE)
    return {
        "correction": (
            correction,
            notice_for(
                correction,
                NoticeKind.CORRECTION,
                reference="某府办依补〔2024〕5号",
                items=("所申请政府信息的名称、文号或者便于查询的其他特征性描述", "获取信息的方式"),
            ),
        ),
        "extension": (
            extension,
            notice_for(
                extension,
                NoticeKind.EXTENSION,
                reasons="因您申请的信息涉及多个部门，需要进一步核查。",
            ),
        ),
        "consult-third-party": (third, notice_for(third, NoticeKind.CONSULT_THIRD_PARTY)),
        "consult-agency": (agency, notice_for(agency, NoticeKind.CONSULT_AGENCY)),
        "fee": (
            fee,
            notice_for(
                fee,
                NoticeKind.FEE,
                reference="某府办依收〔2024〕1号",
                payment="通过非税收入缴款平台缴纳",
                reconsideration_body="某市人民政府",
                court="某市某区人民法院",
            ),
        ),
    }


def _reply(outcome: Outcome, **fields: object) -> tuple[DisclosureRequest, Notice]:
    before: tuple[RequestEvent, ...] = ()
    if outcome in (Outcome.OTHER_OVERDUE_CORRECTION, Outcome.UNABLE_STILL_UNCLEAR):
        before = (CORRECTION,)
    if outcome is Outcome.OTHER_OVERDUE_FEE:
        before = (FEE,)
    req = request(
        *before, Replied(on=REPLY_ON, outcome=outcome, reference="某府办依复〔2024〕21号")
    )
    needs_reasons = outcome in (Outcome.PARTIALLY_GRANTED, Outcome.OTHER_OTHER)
    if needs_reasons:
        fields.setdefault("reasons", "其中涉及的个人信息属于个人隐私，依据第十五条不予公开。")
    return req, notice_for(req, NoticeKind.REPLY, **fields)


KINDS = _kind_cases()


@pytest.mark.parametrize("fmt", list(SUFFIX))
@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_against_its_golden_file(name: str, fmt: str) -> None:
    req, notice = KINDS[name]
    fee = information_fee(FeeMethod.PER_APPLICATION, 2, already=29) if name == "fee" else None
    check_snapshot(f"{name}.{SUFFIX[fmt]}", render_notice(req, notice, fmt, fee=fee))  # type: ignore[arg-type]


@pytest.mark.parametrize("outcome", list(Outcome), ids=lambda o: o.code)
def test_every_outcome_against_its_golden_file(outcome: Outcome) -> None:
    req, notice = _reply(outcome)
    check_snapshot(f"reply-{outcome.code}.txt", render_notice(req, notice))


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_reply_in_markdown_and_html(fmt: str) -> None:
    req, notice = _reply(Outcome.GRANTED, access="现将该政府信息以电子邮件方式发送给您。")
    rendered = render_notice(req, notice, fmt, date_style="chinese")  # type: ignore[arg-type]
    check_snapshot(f"reply-granted.{SUFFIX[fmt]}", rendered)


def test_not_held_with_the_responsible_agency() -> None:
    req, notice = _reply(
        Outcome.UNABLE_NOT_HELD,
        other_agency="某市住房和城乡建设局",
        other_agency_contact="0517-83600000",
    )
    text = render_notice(req, notice)
    check_snapshot("reply-unable-not-held-other-agency.txt", text)
    assert "第三十六条第（五）项" in text and "不存在" not in text


def test_every_outcome_and_kind_has_a_template() -> None:
    data = tomllib.loads(TEMPLATES.read_text(encoding="utf-8"))
    assert set(data["reply"]) == {o.code for o in Outcome}
    assert {k.code for k in NoticeKind} - {"reply"} <= set(data)


def test_reply_paragraphs_cite_their_article() -> None:
    for outcome in Outcome:
        req, notice = _reply(outcome)
        parts = notice_text(req, notice)
        assert isinstance(parts, NoticeText)
        assert parts.paragraphs[-1].startswith("如对本答复书不服")
        assert "60日" in parts.paragraphs[-1] and "6个月" in parts.paragraphs[-1]
        if outcome not in (Outcome.NOT_PROCESSED_CONFIRMATION, Outcome.OTHER_OTHER):
            assert parts.basis.startswith("《中华人民共和国政府信息公开条例》第"), outcome


class _Balanced(HTMLParser):
    VOID = frozenset({"meta", "br"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag


def test_html_is_balanced_and_escaped() -> None:
    req = request(Replied(on=REPLY_ON, outcome=Outcome.OTHER_OTHER))
    notice = notice_for(req, NoticeKind.REPLY, reasons="<script>alert(1)</script> & 其他")
    page = render_notice(req, notice, "html")
    parser = _Balanced()
    parser.feed(page)
    assert parser.stack == []
    assert "<script>" not in page and "&lt;script&gt;" in page
    md = render_notice(req, notice, "markdown")
    assert "\\<script\\>" in md


def test_redacted_addressee() -> None:
    req, notice = _reply(Outcome.GRANTED)
    assert "张三" in render_notice(req, notice)
    assert "张三" not in render_notice(req, notice, redact=True)
    assert notice_text(req, notice, redact=True).addressee == "申请人"
    anonymous = DisclosureRequest(
        id=req.id,
        applicant=Applicant(ApplicantKind.NATURAL_PERSON),
        received_on=req.received_on,
        method=req.method,
        description=req.description,
        agency=req.agency,
        events=req.events,
    )
    assert notice_text(anonymous, notice).addressee == "申请人"
    third_req, third = KINDS["consult-third-party"]
    assert notice_text(third_req, third).addressee == "某某建设有限公司"
    assert notice_text(third_req, third, redact=True).addressee == "第三方"
    agency_req, agency = KINDS["consult-agency"]
    assert notice_text(agency_req, agency, redact=True).addressee == "有关机关"


def test_the_agency_comes_from_the_request_or_the_caller() -> None:
    req, notice = _reply(Outcome.GRANTED)
    assert notice_text(req, notice, agency="某县人民政府").issuer == "某县人民政府"
    assert notice_text(req, notice, agency=Agency(name="某区人民政府")).signature == "某区人民政府"
    nameless = attrs.evolve(req, agency=None)
    with pytest.raises(InvalidValue) as info:
        render_notice(nameless, notice)
    assert info.value.field_name == "agency"


@pytest.mark.parametrize(
    ("outcome", "missing"),
    [
        (Outcome.PARTIALLY_GRANTED, "reasons"),
        (Outcome.OTHER_OTHER, "reasons"),
        (Outcome.OTHER_OVERDUE_CORRECTION, "correction_requested"),
        (Outcome.OTHER_OVERDUE_FEE, "fee_notice_on"),
    ],
)
def test_required_content_is_an_error(outcome: Outcome, missing: str) -> None:
    req = request(Replied(on=REPLY_ON, outcome=outcome))
    with pytest.raises(InvalidValue) as info:
        render_notice(req, NoticeKind.REPLY)
    assert info.value.field_name == missing
    assert "缺少必需的内容" in info.value.message_zh


def test_other_refusals() -> None:
    req, notice = _reply(Outcome.GRANTED)
    with pytest.raises(ValueError, match="unknown format"):
        render_notice(req, notice, "pdf")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown date style"):
        format_document_date(date(2024, 1, 1), "roman")  # type: ignore[arg-type]
    other = Notice(
        kind=NoticeKind.REPLY, request_id="x", issued_on=REPLY_ON, outcome=Outcome.GRANTED
    )
    with pytest.raises(InvalidValue, match="not '2024-0927-001'"):
        render_notice(req, other)
    old = request(Replied(on=date(2018, 3, 1), outcome=Outcome.GRANTED), received=date(2018, 2, 1))
    with pytest.raises(InvalidValue, match="2019 Regulation") as info:
        render_notice(old, NoticeKind.REPLY)
    assert info.value.field_name == "received_on"
    with pytest.raises(InvalidValue, match="no reply event"):
        render_notice(request(), NoticeKind.REPLY)
    with pytest.raises(InvalidValue, match="no consult-agency event"):
        notice_for(request(), NoticeKind.CONSULT_AGENCY)
    correction_due_missing = request(CorrectionRequested(on=date(2024, 9, 30)))
    with pytest.raises(InvalidValue) as due:
        render_notice(
            correction_due_missing,
            notice_for(correction_due_missing, NoticeKind.CORRECTION, items=("x",)),
        )
    assert due.value.field_name == "correction_due"


def test_a_fee_calculation_must_match_the_notice() -> None:
    req, notice = KINDS["fee"]
    wrong = information_fee(FeeMethod.PER_PAGE, 31)
    with pytest.raises(InvalidValue, match="calculation gives 10 yuan"):
        render_notice(req, notice, fee=wrong)
    due = FeeNoticeIssued(
        on=date(2024, 10, 10), amount=Money(Decimal("300")), due_on=date(2024, 11, 7)
    )
    dated = request(due)
    text = render_notice(dated, notice_for(dated, NoticeKind.FEE, payment="银行转账"))
    assert "请于2024年11月7日前缴纳上述费用" in text
    assert "叁佰元整" in text


def test_an_extension_states_the_new_due_date() -> None:
    req, notice = KINDS["extension"]
    text = render_notice(req, notice)
    # 20 working days from 2024-09-27 end on 10-30; 15 more end on 11-20.
    assert "延长15个工作日，本机关将于2024年11月20日前作出答复" in text


def test_document_dates() -> None:
    assert format_document_date(date(2024, 10, 8)) == "2024年10月8日"
    assert format_document_date(date(2020, 1, 10), "chinese") == "二〇二〇年一月十日"


def test_the_consultation_letter_finds_its_own_consultee() -> None:
    both = request(
        ConsultationStarted(on=date(2024, 10, 8), consultee=Consultee.THIRD_PARTY, name="甲公司"),
        ConsultationStarted(on=date(2024, 10, 9), consultee=Consultee.OTHER_AGENCY, name="乙局"),
    )
    assert notice_for(both, NoticeKind.CONSULT_THIRD_PARTY).addressee == "甲公司"
    assert notice_for(both, NoticeKind.CONSULT_AGENCY).addressee == "乙局"


def test_a_fee_calculation_without_a_fee_event_is_not_enough() -> None:
    req = request()
    notice = Notice(
        kind=NoticeKind.FEE, request_id=req.id, issued_on=date(2024, 10, 10), payment="x"
    )
    with pytest.raises(InvalidValue) as info:
        render_notice(req, notice, fee=information_fee(FeeMethod.PER_PAGE, 40))
    assert info.value.field_name == "amount"


FUZZ_REQUEST = request(
    CORRECTION,
    ConsultationStarted(on=date(2024, 10, 8), consultee=Consultee.THIRD_PARTY, name="甲公司"),
    ConsultationStarted(on=date(2024, 10, 9), consultee=Consultee.OTHER_AGENCY),
    FEE,
)


@settings(max_examples=60)
@given(testing.notices(), st.sampled_from(list(SUFFIX)), st.booleans())
def test_any_notice_renders_or_says_what_is_missing(notice: Notice, fmt: str, redact: bool) -> None:
    notice = attrs.evolve(notice, request_id=FUZZ_REQUEST.id)
    try:
        page = render_notice(FUZZ_REQUEST, notice, fmt, redact=redact)  # type: ignore[arg-type]
    except GovDisclosureError:  # a typed error naming what is missing; nothing else escapes
        return
    assert notice.title in page
    if redact:
        assert "张三" not in page
