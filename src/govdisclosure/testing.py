"""Hypothesis strategies that build *valid* govdisclosure models, for property-based tests.

This module is an optional test utility: it imports :mod:`hypothesis` at the top level, so it
needs the ``test`` extra (``pip install govdisclosure[test]``). Nothing else in the library
imports it.

``st.from_type`` cannot be used on the models: it ignores their validators (non-negative counts,
non-blank text, check characters, table 3 row order…) and then fails on them. Every strategy
here is built explicitly with :func:`~hypothesis.strategies.builds` and constrained
sub-strategies, so every value it draws passes every validator:

* text mixes a small sample of Chinese characters with printable ASCII and is never blank;
* unified social credit codes carry a correct GB 32100 check character;
* administrative division codes are structurally valid GB/T 2260 codes;
* dates lie between 2008 (the first regulation) and 2030;
* decimals are finite and non-negative, with a fixed number of places;
* recursive :class:`~govdisclosure.model.Section` and :class:`~govdisclosure.model.Figure`
  trees have a bounded depth;
* table 3 has exactly the rows of the report's format version, in printed order;
* a document's history is in date order, issued at most once and first, with nothing after a
  repeal or an expiry; a review that withholds names a 不予公开 ground; a register's items have
  distinct ids and its supplied decision counts one per kind and year.

>>> from hypothesis import given, settings
>>> from govdisclosure.model import DisclosureRequest
>>> from govdisclosure.serialize import from_json, to_json
>>> @settings(max_examples=10)
... @given(requests())
... def test_round_trip(request):
...     assert from_json(to_json(request), DisclosureRequest) == request
>>> test_round_trip()
"""

from __future__ import annotations

import string
from datetime import date, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

from hypothesis import strategies as st
from stdnum.cn import uscc

from govdisclosure.model import (
    Agency,
    AgencyKind,
    AgencyLevel,
    AnnualReport,
    AnnualReport2008,
    AnnualReport2019,
    AnnualReport2021,
    Applicant,
    ApplicantCounts,
    ApplicantKind,
    ApplicationRow,
    ApplicationTable,
    ChannelKind,
    ConsultationAnswered,
    ConsultationStarted,
    Consultee,
    CorrectionReceived,
    CorrectionRequested,
    DecisionCount,
    DecisionKind,
    DecisionRecord,
    DisclosureCategory,
    DisclosureChannel,
    DisclosureGuide,
    DisclosureRequest,
    DocumentCounts,
    DocumentCounts2019,
    Extended,
    FeeItems2019,
    FeeNoticeIssued,
    FeePaid,
    FeeRecord,
    Figure,
    FormatVersion,
    ItemCounts2019,
    LegacyIndicator,
    LitigationRoute,
    Money,
    MoneyUnit,
    Notice,
    NoticeKind,
    Outcome,
    OutcomeGroup,
    ProactiveItem,
    ProactiveRegister,
    ProactiveTable2019,
    ProactiveTable2021,
    Procurement2019,
    ProcurementRecord,
    PublicationReview,
    Qualifier,
    Quantity,
    ReasonablePeriodSet,
    ReceivingOffice,
    Reconsideration,
    RegionCode,
    Replied,
    RequestEvent,
    ReviewCounts,
    ReviewDecision,
    ReviewKind,
    ReviewResult,
    ReviewTable,
    Section,
    StatusChange,
    StatusChangeKind,
    SubmissionMethod,
    Transferred,
    Withdrawn,
)
from govdisclosure.model.form import CellKind, CellRef, form_of
from govdisclosure.model.layout import ReportPart
from govdisclosure.model.review import Litigation

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

    from hypothesis.strategies import SearchStrategy

__all__ = [
    "agencies",
    "annual_reports",
    "annual_reports_2008",
    "annual_reports_2019",
    "annual_reports_2021",
    "applicant_counts",
    "applicants",
    "application_tables",
    "channels",
    "chinese_text",
    "consultations_answered",
    "consultations_started",
    "corrections_received",
    "corrections_requested",
    "credit_codes",
    "dates",
    "decision_counts",
    "decision_records",
    "disclosure_guides",
    "document_counts",
    "document_counts_2019",
    "document_histories",
    "email_addresses",
    "extensions",
    "fee_items_2019",
    "fee_notices",
    "fee_records",
    "fees_paid",
    "figures",
    "form_tables",
    "item_counts_2019",
    "legacy_indicators",
    "litigations",
    "models",
    "money",
    "non_negative_decimals",
    "notices",
    "phone_number_strings",
    "proactive_items",
    "proactive_registers",
    "proactive_tables_2019",
    "proactive_tables_2021",
    "procurement_records",
    "procurements_2019",
    "publication_reviews",
    "quantities",
    "reasonable_periods",
    "receiving_offices",
    "reconsiderations",
    "region_code_strings",
    "region_codes",
    "replies",
    "request_events",
    "requests",
    "review_counts",
    "review_tables",
    "sections",
    "status_changes",
    "transfers",
    "urls",
    "withdrawals",
]

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

# A small sample of the characters reports are written in, plus full-width punctuation.
_CJK = (
    "政府信息公开申请办理年度报告工作机关人民市县区省厅局委淮安四川上海"
    "条篇件人次万元予以部分不无法提供处理其他总计本年结转〇（）、，。：；“”"
)
# Printable ASCII, space included; JSON-sensitive characters (" and \) on purpose.
_ASCII = string.ascii_letters + string.digits + string.punctuation
_NOT_SPACE = _CJK + _ASCII
_ANY = _NOT_SPACE + " "

# Province-level prefixes of GB/T 2260.
_PROVINCE_PREFIXES = (
    *("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"),
    *("41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64"),
    *("65", "71", "81", "82"),
)

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

_FIRST_DAY = date(2008, 1, 1)
_LAST_DAY = date(2030, 12, 31)

_CELL_MAX = 10**7


def _compact(strategy: SearchStrategy[T], name: str) -> SearchStrategy[T]:
    # The repr of a strategy built from many sub-strategies runs to tens of kB, and hypothesis
    # warns (an error under -W error) when it has to compute one, e.g. to report a filter; a
    # composite strategy's repr is only its name.
    def draw_one(draw: st.DrawFn) -> T:
        return draw(strategy)

    draw_one.__name__ = draw_one.__qualname__ = name
    return st.composite(draw_one)()


def _optional(strategy: SearchStrategy[T]) -> SearchStrategy[T | None]:
    return st.none() | strategy


def _tuples_of(strategy: SearchStrategy[T], max_size: int = 3) -> SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, max_size=max_size).map(tuple)


# --- primitives ------------------------------------------------------------------------------


def chinese_text(min_size: int = 1, max_size: int = 30) -> SearchStrategy[str]:
    """Non-blank text mixing Chinese characters and printable ASCII (spaces inside only).

    The first character is never a space, so the text always passes the ``text`` validator.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(chinese_text())
    ... def check(text):
    ...     assert text.strip() and len(text) <= 30
    >>> check()
    """
    if min_size < 1:
        raise ValueError("chinese_text() draws non-blank text: min_size must be at least 1")
    return st.builds(
        str.__add__,
        st.sampled_from(_NOT_SPACE),
        st.text(_ANY, min_size=min_size - 1, max_size=max(max_size - 1, min_size - 1)),
    )


def dates(min_value: date = _FIRST_DAY, max_value: date = _LAST_DAY) -> SearchStrategy[date]:
    """Dates in a sensible range (2008-01-01 to 2030-12-31 by default).

    >>> from hypothesis import given, settings
    >>> from datetime import date
    >>> @settings(max_examples=5, database=None)
    ... @given(dates())
    ... def check(day):
    ...     assert date(2008, 1, 1) <= day <= date(2030, 12, 31)
    >>> check()
    """
    return st.dates(min_value=min_value, max_value=max_value)


def non_negative_decimals(places: int = 2, max_value: int = 10**9) -> SearchStrategy[Decimal]:
    """Finite, non-negative decimals with exactly ``places`` decimal places.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(non_negative_decimals())
    ... def check(amount):
    ...     assert amount.is_finite() and amount >= 0 and amount.as_tuple().exponent == -2
    >>> check()
    """
    return st.decimals(
        min_value=0,
        max_value=max_value,
        allow_nan=False,
        allow_infinity=False,
        places=places,
    )


def urls() -> SearchStrategy[str]:
    """Absolute http(s) URLs under a ``.gov.cn`` host.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(urls())
    ... def check(url):
    ...     assert url.startswith(("http://www.", "https://www."))
    >>> check()
    """
    lower = string.ascii_lowercase + string.digits
    return st.builds(
        "{}://www.{}.gov.cn/{}".format,
        st.sampled_from(["http", "https"]),
        st.text(string.ascii_lowercase, min_size=1, max_size=8),
        st.text(lower + "/-_.", max_size=20),
    )


def credit_codes() -> SearchStrategy[str]:
    """Unified social credit codes (GB 32100) with a correct check character.

    Eight digits, nine characters of the code alphabet, then the check character computed with
    :func:`stdnum.cn.uscc.calc_check_digit`.

    >>> from hypothesis import given, settings
    >>> from stdnum.cn import uscc
    >>> @settings(max_examples=5, database=None)
    ... @given(credit_codes())
    ... def check(code):
    ...     assert uscc.is_valid(code) and len(code) == 18
    >>> check()
    """

    def with_check(body: str) -> str:
        return body + uscc.calc_check_digit(body)

    return st.builds(
        str.__add__,
        st.text(string.digits, min_size=8, max_size=8),
        st.text(_USCC_ALPHABET, min_size=9, max_size=9),
    ).map(with_check)


def region_code_strings(
    level: AgencyLevel | None = None,
) -> SearchStrategy[str]:
    """Structurally valid GB/T 2260 codes: province, prefecture or county level.

    ``level`` restricts the codes to :attr:`AgencyLevel.PROVINCE`, :attr:`AgencyLevel.PREFECTURE`
    or :attr:`AgencyLevel.COUNTY`.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(region_code_strings(AgencyLevel.COUNTY))
    ... def check(code):
    ...     assert code[2:] != "0000" and code[4:] != "00"
    >>> check()
    """
    two = st.integers(1, 99).map("{:02d}".format)
    province = st.sampled_from(_PROVINCE_PREFIXES)
    by_level = {
        AgencyLevel.PROVINCE: province.map(lambda p: p + "0000"),
        AgencyLevel.PREFECTURE: st.builds("{}{}00".format, province, two),
        AgencyLevel.COUNTY: st.builds("{}{}{}".format, province, two, two),
    }
    if level is None:
        return st.one_of(*by_level.values())
    if level not in by_level:
        raise ValueError(f"GB/T 2260 codes exist for province, prefecture and county, not {level}")
    return by_level[level]


def region_codes() -> SearchStrategy[RegionCode]:
    """:class:`~govdisclosure.model.RegionCode` values, with or without an ``as_of`` date.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(region_codes())
    ... def check(region):
    ...     assert region.level is not AgencyLevel.TOWNSHIP
    >>> check()
    """
    return st.builds(RegionCode, region_code_strings(), _optional(dates()))


def _enum(cls: type[E]) -> SearchStrategy[E]:
    return st.sampled_from(cls)


# --- agencies, applicants, channels, figures --------------------------------------------------


def agencies() -> SearchStrategy[Agency]:
    """:class:`~govdisclosure.model.Agency` values with valid credit codes and region codes.

    >>> from hypothesis import given, settings
    >>> from stdnum.cn import uscc
    >>> @settings(max_examples=5, database=None)
    ... @given(agencies())
    ... def check(agency):
    ...     assert agency.credit_code is None or uscc.is_valid(agency.credit_code)
    >>> check()
    """
    return st.builds(
        Agency,
        name=chinese_text(),
        level=_optional(_enum(AgencyLevel)),
        kind=_optional(_enum(AgencyKind)),
        aliases=_tuples_of(chinese_text(max_size=10)),
        parent=_optional(chinese_text()),
        region=_optional(region_codes()),
        credit_code=_optional(credit_codes()),
        website=_optional(urls()),
        guide=_optional(disclosure_guides()),
    )


def applicants() -> SearchStrategy[Applicant]:
    """:class:`~govdisclosure.model.Applicant` values (personal fields sometimes filled in).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(applicants())
    ... def check(applicant):
    ...     assert applicant.kind in ApplicantKind
    >>> check()
    """
    return st.builds(
        Applicant,
        kind=_enum(ApplicantKind),
        name=_optional(chinese_text(max_size=12)),
        id_number=_optional(chinese_text(max_size=18)),
        contact=_optional(chinese_text()),
    )


def quantities() -> SearchStrategy[Quantity]:
    """:class:`~govdisclosure.model.Quantity` values: an ``int`` or a decimal, unit, qualifier.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(quantities())
    ... def check(quantity):
    ...     assert quantity.value >= 0
    >>> check()
    """
    return st.builds(
        Quantity,
        st.integers(0, 10**12) | non_negative_decimals(places=1) | non_negative_decimals(),
        _optional(st.sampled_from(["条", "篇", "件", "人次", "万人次", "%"]) | chinese_text(1, 4)),
        _enum(Qualifier),
    )


def money() -> SearchStrategy[Money]:
    """:class:`~govdisclosure.model.Money` values: non-negative decimals in 元 or 万元.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(money())
    ... def check(fee):
    ...     assert fee.in_yuan() >= 0
    >>> check()
    """
    return st.builds(Money, non_negative_decimals(), _enum(MoneyUnit))


def channels() -> SearchStrategy[DisclosureChannel]:
    """:class:`~govdisclosure.model.DisclosureChannel` values.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(channels())
    ... def check(channel):
    ...     assert channel.url is None or channel.url.startswith("http")
    >>> check()
    """
    return st.builds(
        DisclosureChannel,
        kind=_enum(ChannelKind),
        name=_optional(chinese_text(max_size=12)),
        url=_optional(urls()),
        published=_optional(quantities()),
    )


def figures(max_depth: int = 2) -> SearchStrategy[Figure]:
    """:class:`~govdisclosure.model.Figure` trees, ``parts`` nested at most ``max_depth`` deep.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(figures())
    ... def check(figure):
    ...     assert all(not part.parts for sub in figure.parts for part in sub.parts)
    >>> check()
    """
    parts: SearchStrategy[tuple[Figure, ...]]
    parts = st.just(()) if max_depth <= 0 else _tuples_of(figures(max_depth - 1), 2)
    return _compact(
        st.builds(
            Figure,
            label=chinese_text(),
            quantity=quantities(),
            section=_optional(chinese_text(max_size=12)),
            quote=_optional(chinese_text(max_size=60)),
            parts=parts,
        ),
        "figures",
    )


def sections(max_depth: int = 2) -> SearchStrategy[Section]:
    """:class:`~govdisclosure.model.Section` trees, subsections at most ``max_depth`` deep.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(sections())
    ... def check(section):
    ...     assert len(list(section.walk())) <= 7
    >>> check()
    """
    subsections: SearchStrategy[tuple[Section, ...]]
    subsections = st.just(()) if max_depth <= 0 else _tuples_of(sections(max_depth - 1), 2)
    return _compact(
        st.builds(
            Section,
            heading=chinese_text(max_size=20),
            paragraphs=_tuples_of(chinese_text(max_size=200)),
            subsections=subsections,
        ),
        "sections",
    )


def legacy_indicators() -> SearchStrategy[LegacyIndicator]:
    """Rows of a 2008-era local statistics table (values may be blank, whole or decimal).

    The model accepts negative values here (some local tables print changes), so these do too.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(legacy_indicators())
    ... def check(row):
    ...     assert row.indicator.strip()
    >>> check()
    """
    number = _optional(
        st.integers(-(10**9), 10**9)
        | st.decimals(-(10**9), 10**9, allow_nan=False, allow_infinity=False, places=2)
    )
    return st.builds(
        LegacyIndicator,
        indicator=chinese_text(),
        unit=_optional(chinese_text(max_size=4)),
        this_year=number,
        cumulative=number,
    )


# --- requests and their events -----------------------------------------------------------------

_NOTE = _optional(chinese_text())


def corrections_requested() -> SearchStrategy[CorrectionRequested]:
    """:class:`~govdisclosure.model.CorrectionRequested` events.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(corrections_requested())
    ... def check(event):
    ...     assert isinstance(event, CorrectionRequested)
    >>> check()
    """
    return st.builds(CorrectionRequested, on=dates(), note=_NOTE, due_on=_optional(dates()))


def corrections_received() -> SearchStrategy[CorrectionReceived]:
    """:class:`~govdisclosure.model.CorrectionReceived` events.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(corrections_received())
    ... def check(event):
    ...     assert isinstance(event, CorrectionReceived)
    >>> check()
    """
    return st.builds(CorrectionReceived, on=dates(), note=_NOTE)


def consultations_started() -> SearchStrategy[ConsultationStarted]:
    """:class:`~govdisclosure.model.ConsultationStarted` events.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(consultations_started())
    ... def check(event):
    ...     assert event.consultee in Consultee
    >>> check()
    """
    return st.builds(
        ConsultationStarted,
        on=dates(),
        note=_NOTE,
        consultee=_enum(Consultee),
        name=_optional(chinese_text(max_size=12)),
    )


def consultations_answered() -> SearchStrategy[ConsultationAnswered]:
    """:class:`~govdisclosure.model.ConsultationAnswered` events.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(consultations_answered())
    ... def check(event):
    ...     assert event.consents in (True, False, None)
    >>> check()
    """
    return st.builds(
        ConsultationAnswered,
        on=dates(),
        note=_NOTE,
        consultee=_enum(Consultee),
        consents=_optional(st.booleans()),
    )


def extensions() -> SearchStrategy[Extended]:
    """:class:`~govdisclosure.model.Extended` events (1 to 20 working days).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(extensions())
    ... def check(event):
    ...     assert 1 <= event.working_days <= 20
    >>> check()
    """
    return st.builds(Extended, on=dates(), note=_NOTE, working_days=st.integers(1, 20))


def reasonable_periods() -> SearchStrategy[ReasonablePeriodSet]:
    """:class:`~govdisclosure.model.ReasonablePeriodSet` events (2019 Art. 35).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(reasonable_periods())
    ... def check(event):
    ...     assert isinstance(event.due_on, date)
    >>> check()
    """
    return st.builds(ReasonablePeriodSet, on=dates(), note=_NOTE, due_on=dates())


def fee_notices() -> SearchStrategy[FeeNoticeIssued]:
    """:class:`~govdisclosure.model.FeeNoticeIssued` events.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(fee_notices())
    ... def check(event):
    ...     assert event.amount.amount >= 0
    >>> check()
    """
    return st.builds(
        FeeNoticeIssued, on=dates(), note=_NOTE, amount=money(), due_on=_optional(dates())
    )


def fees_paid() -> SearchStrategy[FeePaid]:
    """:class:`~govdisclosure.model.FeePaid` events.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(fees_paid())
    ... def check(event):
    ...     assert event.amount is None or event.amount.amount >= 0
    >>> check()
    """
    return st.builds(FeePaid, on=dates(), note=_NOTE, amount=_optional(money()))


def transfers() -> SearchStrategy[Transferred]:
    """:class:`~govdisclosure.model.Transferred` events.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(transfers())
    ... def check(event):
    ...     assert event.to.strip()
    >>> check()
    """
    return st.builds(Transferred, on=dates(), note=_NOTE, to=chinese_text())


def withdrawals() -> SearchStrategy[Withdrawn]:
    """:class:`~govdisclosure.model.Withdrawn` events.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(withdrawals())
    ... def check(event):
    ...     assert isinstance(event, Withdrawn)
    >>> check()
    """
    return st.builds(Withdrawn, on=dates(), note=_NOTE)


def replies() -> SearchStrategy[Replied]:
    """:class:`~govdisclosure.model.Replied` events, with every outcome row possible.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(replies())
    ... def check(event):
    ...     assert event.outcome in Outcome
    >>> check()
    """
    return st.builds(
        Replied,
        on=dates(),
        note=_NOTE,
        outcome=_enum(Outcome),
        reference=_optional(chinese_text(max_size=20)),
    )


def request_events() -> SearchStrategy[RequestEvent]:
    """Any built-in kind of :class:`~govdisclosure.model.RequestEvent`.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(request_events())
    ... def check(event):
    ...     assert isinstance(event, RequestEvent)
    >>> check()
    """
    kinds: list[SearchStrategy[Any]] = [
        corrections_requested(),
        corrections_received(),
        consultations_started(),
        consultations_answered(),
        extensions(),
        reasonable_periods(),
        fee_notices(),
        fees_paid(),
        transfers(),
        withdrawals(),
        replies(),
    ]
    return _compact(st.one_of(kinds), "request_events")


def requests(max_events: int = 5) -> SearchStrategy[DisclosureRequest]:
    """:class:`~govdisclosure.model.DisclosureRequest` values with up to ``max_events`` events.

    Events are valid one by one; their sequence is not checked against the regulation (use
    the lifecycle rules for that).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(requests())
    ... def check(request):
    ...     assert len(request.events) <= 5
    >>> check()
    """
    return _compact(
        st.builds(
            DisclosureRequest,
            id=chinese_text(max_size=16),
            applicant=applicants(),
            received_on=dates(),
            method=_enum(SubmissionMethod),
            description=chinese_text(max_size=80),
            agency=_optional(chinese_text()),
            submitted_on=_optional(dates()),
            events=_tuples_of(request_events(), max_events),
        ),
        "requests",
    )


# --- reconsideration and litigation ---------------------------------------------------------


def _decided_on(draw: st.DrawFn, filed_on: date, result: ReviewResult) -> date | None:
    if result is ReviewResult.PENDING:
        return None
    decided: date | None = draw(_optional(dates(min_value=filed_on)))
    return decided


def reconsiderations() -> SearchStrategy[Reconsideration]:
    """:class:`~govdisclosure.model.Reconsideration` cases (pending cases have no decision date).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(reconsiderations())
    ... def check(case):
    ...     assert case.decided_on is None or case.decided_on >= case.filed_on
    >>> check()
    """

    @st.composite
    def build(draw: st.DrawFn) -> Reconsideration:
        filed_on = draw(dates())
        result = draw(_enum(ReviewResult))
        return Reconsideration(
            id=draw(chinese_text(max_size=16)),
            filed_on=filed_on,
            body=draw(_optional(chinese_text())),
            result=result,
            decided_on=_decided_on(draw, filed_on, result),
            request_ids=draw(_tuples_of(chinese_text(max_size=16))),
        )

    return build()


def litigations() -> SearchStrategy[Litigation]:
    """:class:`~govdisclosure.model.Litigation` cases (pending cases have no decision date).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(litigations())
    ... def check(case):
    ...     assert case.result is not ReviewResult.PENDING or case.decided_on is None
    >>> check()
    """

    @st.composite
    def build(draw: st.DrawFn) -> Litigation:
        filed_on = draw(dates())
        result = draw(_enum(ReviewResult))
        return Litigation(
            id=draw(chinese_text(max_size=16)),
            filed_on=filed_on,
            route=draw(_enum(LitigationRoute)),
            court=draw(_optional(chinese_text())),
            result=result,
            decided_on=_decided_on(draw, filed_on, result),
            request_ids=draw(_tuples_of(chinese_text(max_size=16))),
            reconsideration_id=draw(_optional(chinese_text(max_size=16))),
        )

    return build()


# --- tables ------------------------------------------------------------------------------------


def _cells() -> SearchStrategy[int | None]:
    return _optional(st.integers(0, _CELL_MAX))


def _signed_cells() -> SearchStrategy[int | None]:
    return _optional(st.integers(-_CELL_MAX, _CELL_MAX))


def _cell_values(cell: CellRef) -> SearchStrategy[Any]:
    if cell.kind is CellKind.MONEY:
        if cell.unit is None:  # the value carries its unit
            return _optional(money())
        return _optional(non_negative_decimals(places=2) | non_negative_decimals(places=4))
    return _signed_cells() if cell.signed else _cells()


def form_tables(version: FormatVersion, part: ReportPart) -> SearchStrategy[Any]:
    """Any fixed table of a format version's form, every cell drawn by its kind; may be blank.

    Built from the form (:mod:`govdisclosure.model.form`), so a new format version's tables
    have strategies with no code of their own.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(form_tables(FormatVersion.TRIAL_2019, ReportPart.PROACTIVE))
    ... def check(table):
    ...     assert isinstance(table, ProactiveTable2019)
    >>> check()
    """
    table = form_of(version).table(part)
    if not table.rows:
        raise ValueError(f"format {version.code} has no fixed table {part.code!r}")
    cells = st.tuples(*(_cell_values(cell) for cell in table.cells))
    return _compact(cells.map(table.build), f"form_tables_{version.code}_{part.code}")


def applicant_counts(row: ApplicationRow | None = None) -> SearchStrategy[ApplicantCounts]:
    """One row of table 3 (:class:`~govdisclosure.model.ApplicantCounts`); cells may be blank.

    Printed totals are drawn independently of the cells: sources print wrong totals too.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(applicant_counts())
    ... def check(row):
    ...     assert row.natural_person is None or row.natural_person >= 0
    >>> check()
    """
    return st.builds(
        ApplicantCounts,
        row=st.just(row) if row is not None else _enum(ApplicationRow),
        natural_person=_cells(),
        commercial_enterprise=_cells(),
        research_institution=_cells(),
        social_welfare_organisation=_cells(),
        legal_service_institution=_cells(),
        other=_cells(),
        total=_cells(),
    )


def application_tables(
    version: FormatVersion = FormatVersion.NATIONAL_2021,
) -> SearchStrategy[ApplicationTable]:
    """Table 3 with exactly the rows of a national format ``version``, in printed order.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(application_tables())
    ... def check(table):
    ...     assert table.row_codes == FormatVersion.NATIONAL_2021.application_rows
    >>> check()
    """
    if not version.has_tables:
        raise ValueError(f"format {version.code} has no table 3")
    strategy: SearchStrategy[ApplicationTable] = form_tables(version, ReportPart.APPLICATIONS)
    return strategy


def review_counts() -> SearchStrategy[ReviewCounts]:
    """One column group of table 4 (:class:`~govdisclosure.model.ReviewCounts`).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(review_counts())
    ... def check(counts):
    ...     assert counts.total is None or counts.total >= 0
    >>> check()
    """
    return st.builds(
        ReviewCounts,
        maintained=_cells(),
        corrected=_cells(),
        other=_cells(),
        pending=_cells(),
        total=_cells(),
    )


def review_tables() -> SearchStrategy[ReviewTable]:
    """Table 4 (:class:`~govdisclosure.model.ReviewTable`).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(review_tables())
    ... def check(table):
    ...     assert isinstance(table.reconsideration, ReviewCounts)
    >>> check()
    """
    strategy: SearchStrategy[ReviewTable] = form_tables(
        FormatVersion.NATIONAL_2021, ReportPart.REVIEWS
    )
    return strategy


def document_counts() -> SearchStrategy[DocumentCounts]:
    """Documents issued, repealed and in force (2021 table 2, :class:`DocumentCounts`).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(document_counts())
    ... def check(counts):
    ...     assert counts.issued is None or counts.issued >= 0
    >>> check()
    """
    return st.builds(DocumentCounts, issued=_cells(), repealed=_cells(), in_force=_cells())


def proactive_tables_2021() -> SearchStrategy[ProactiveTable2021]:
    """Table 2 of the 2021 format (:class:`~govdisclosure.model.ProactiveTable2021`).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(proactive_tables_2021())
    ... def check(table):
    ...     assert table.fee_amount is None or table.fee_amount >= 0
    >>> check()
    """
    strategy: SearchStrategy[ProactiveTable2021] = form_tables(
        FormatVersion.NATIONAL_2021, ReportPart.PROACTIVE
    )
    return strategy


def document_counts_2019() -> SearchStrategy[DocumentCounts2019]:
    """Documents made and published (2019 table 2, :class:`DocumentCounts2019`).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(document_counts_2019())
    ... def check(counts):
    ...     assert counts.made is None or counts.made >= 0
    >>> check()
    """
    return st.builds(
        DocumentCounts2019, made=_cells(), published=_cells(), total_published=_cells()
    )


def item_counts_2019() -> SearchStrategy[ItemCounts2019]:
    """Item counts of 2019 table 2 (:class:`ItemCounts2019`); ``change`` may be negative.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(item_counts_2019())
    ... def check(counts):
    ...     assert counts.decisions is None or counts.decisions >= 0
    >>> check()
    """
    return st.builds(
        ItemCounts2019, previous_year=_cells(), change=_signed_cells(), decisions=_cells()
    )


def fee_items_2019() -> SearchStrategy[FeeItems2019]:
    """Fee items of 2019 table 2 (:class:`FeeItems2019`); ``change`` may be negative.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(fee_items_2019())
    ... def check(items):
    ...     assert items.previous_year is None or items.previous_year >= 0
    >>> check()
    """
    return st.builds(FeeItems2019, previous_year=_cells(), change=_signed_cells())


def procurements_2019() -> SearchStrategy[Procurement2019]:
    """Centralised procurement of 2019 table 2 (:class:`Procurement2019`).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(procurements_2019())
    ... def check(item):
    ...     assert item.total_amount is None or item.total_amount.amount >= 0
    >>> check()
    """
    return st.builds(Procurement2019, projects=_cells(), total_amount=_optional(money()))


def proactive_tables_2019() -> SearchStrategy[ProactiveTable2019]:
    """Table 2 of the 2019 trial format (:class:`~govdisclosure.model.ProactiveTable2019`).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(proactive_tables_2019())
    ... def check(table):
    ...     assert isinstance(table.procurement, Procurement2019)
    >>> check()
    """
    strategy: SearchStrategy[ProactiveTable2019] = form_tables(
        FormatVersion.TRIAL_2019, ReportPart.PROACTIVE
    )
    return strategy


# --- annual reports ----------------------------------------------------------------------------


def _report_fields() -> dict[str, SearchStrategy[Any]]:
    return {
        "agency": agencies(),
        "year": st.integers(2008, 2030),
        "title": _optional(chinese_text(max_size=40)),
        "published_on": _optional(dates()),
        "url": _optional(urls()),
        "preamble": _tuples_of(chinese_text(max_size=200), 2),
        "sections": _tuples_of(sections(), 3),
        "closing": _tuples_of(chinese_text(max_size=20), 2),
        "figures": _tuples_of(figures(), 3),
        "channels": _tuples_of(channels(), 3),
        "processing_fee": _optional(money()),
    }


def annual_reports_2008() -> SearchStrategy[AnnualReport2008]:
    """2008-era reports (:class:`~govdisclosure.model.AnnualReport2008`).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(annual_reports_2008())
    ... def check(report):
    ...     assert report.format_version is FormatVersion.LEGACY_2008
    >>> check()
    """
    return _compact(
        st.builds(
            AnnualReport2008,
            **_report_fields(),
            statistics_title=_optional(chinese_text()),
            statistics=_tuples_of(legacy_indicators(), 5),
        ),
        "annual_reports_2008",
    )


def annual_reports_2019() -> SearchStrategy[AnnualReport2019]:
    """Reports in the 2019 trial format; table 3, when present, has its 23 rows in order.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(annual_reports_2019())
    ... def check(report):
    ...     assert report.applications is None or len(report.applications.rows) == 23
    >>> check()
    """
    return _compact(
        st.builds(
            AnnualReport2019,
            **_report_fields(),
            proactive=_optional(proactive_tables_2019()),
            applications=_optional(application_tables(FormatVersion.TRIAL_2019)),
            reviews=_optional(review_tables()),
        ),
        "annual_reports_2019",
    )


def annual_reports_2021() -> SearchStrategy[AnnualReport2021]:
    """Reports in the 2021 national format; table 3, when present, has its 25 rows in order.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(annual_reports_2021())
    ... def check(report):
    ...     assert report.applications is None or len(report.applications.rows) == 25
    >>> check()
    """
    return _compact(
        st.builds(
            AnnualReport2021,
            **_report_fields(),
            proactive=_optional(proactive_tables_2021()),
            applications=_optional(application_tables(FormatVersion.NATIONAL_2021)),
            reviews=_optional(review_tables()),
        ),
        "annual_reports_2021",
    )


def annual_reports() -> SearchStrategy[AnnualReport]:
    """Annual reports of every format version.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(annual_reports())
    ... def check(report):
    ...     assert isinstance(report, AnnualReport)
    >>> check()
    """
    versions: list[SearchStrategy[Any]] = [
        annual_reports_2008(),
        annual_reports_2019(),
        annual_reports_2021(),
    ]
    return _compact(st.one_of(versions), "annual_reports")


# --- the proactive-disclosure register -------------------------------------------------------

_GROUNDS = tuple(o for o in Outcome if o.group is OutcomeGroup.WITHHELD)
_ENDS = (StatusChangeKind.REPEALED, StatusChangeKind.EXPIRED)


def _within(day: date, max_days: int, max_value: date) -> SearchStrategy[date]:
    """``day`` or one of the ``max_days`` days after it, never past ``max_value``."""
    last = min(day + timedelta(days=max_days), max_value)
    return dates(min_value=day, max_value=max(day, last))


def status_changes(kind: StatusChangeKind | None = None) -> SearchStrategy[StatusChange]:
    """:class:`~govdisclosure.model.StatusChange` steps, of ``kind`` or of any kind.

    An issue (制发) has no publication day of its own; another step is published within 60 days
    of taking effect, or not (yet).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(status_changes())
    ... def check(change):
    ...     assert change.published_on is None or change.published_on >= change.on
    >>> check()
    """

    @st.composite
    def build(draw: st.DrawFn) -> StatusChange:
        step = kind if kind is not None else draw(_enum(StatusChangeKind))
        on = draw(dates())
        published: date | None = None
        if step is not StatusChangeKind.ISSUED:
            published = draw(_optional(_within(on, 60, _LAST_DAY)))
        return StatusChange(kind=step, on=on, published_on=published, note=draw(_NOTE))

    return build()


def document_histories(
    start: date, max_value: date = _LAST_DAY
) -> SearchStrategy[tuple[StatusChange, ...]]:
    """A document's legal history from ``start``: what :attr:`ProactiveItem.history` accepts.

    In date order, every step on or after ``start`` and on or before ``max_value``: an issue on
    ``start`` (or none), up to two amendments, then a repeal or an expiry (or neither). The
    steps carry no note (:func:`status_changes` draws notes).

    >>> from hypothesis import given, settings
    >>> from datetime import date
    >>> @settings(max_examples=5, database=None)
    ... @given(document_histories(date(2020, 1, 1), max_value=date(2025, 12, 31)))
    ... def check(history):
    ...     days = [step.on for step in history]
    ...     assert days == sorted(days) and all(date(2020, 1, 1) <= d <= date(2025, 12, 31)
    ...                                         for d in days)
    >>> check()
    """

    if start > max_value:
        raise ValueError(f"a history starting on {start} cannot end by {max_value}")

    @st.composite
    def build(draw: st.DrawFn) -> tuple[StatusChange, ...]:
        steps: list[StatusChange] = []
        day = start
        if draw(st.booleans()):
            steps.append(StatusChange(kind=StatusChangeKind.ISSUED, on=day))
        for _ in range(draw(st.integers(0, 2))):
            day = draw(_within(day, 900, max_value))
            published = draw(_optional(_within(day, 40, max_value)))
            steps.append(
                StatusChange(kind=StatusChangeKind.AMENDED, on=day, published_on=published)
            )
        if draw(st.booleans()):
            day = draw(_within(day, 1500, max_value))
            published = draw(_optional(_within(day, 40, max_value)))
            steps.append(
                StatusChange(kind=draw(st.sampled_from(_ENDS)), on=day, published_on=published)
            )
        return tuple(steps)

    return build()


def publication_reviews() -> SearchStrategy[PublicationReview]:
    """:class:`~govdisclosure.model.PublicationReview` values, with every decision possible.

    A decision not to publish names one of the 不予公开 grounds of table 3; a partial
    publication sometimes does.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(publication_reviews())
    ... def check(review):
    ...     assert review.result is not ReviewDecision.WITHHOLD or review.ground is not None
    >>> check()
    """

    @st.composite
    def build(draw: st.DrawFn) -> PublicationReview:
        result = draw(_enum(ReviewDecision))
        ground: Outcome | None = None
        if result is ReviewDecision.WITHHOLD or (
            result is ReviewDecision.PUBLISH_IN_PART and draw(st.booleans())
        ):
            ground = draw(st.sampled_from(_GROUNDS))
        return PublicationReview(
            kind=draw(_enum(ReviewKind)),
            reviewed_on=draw(dates()),
            result=result,
            ground=ground,
            reviewer=draw(_optional(chinese_text(max_size=12))),
            note=draw(_NOTE),
        )

    return build()


def proactive_items(
    id: str | None = None, min_value: date = _FIRST_DAY, max_value: date = _LAST_DAY
) -> SearchStrategy[ProactiveItem]:
    """:class:`~govdisclosure.model.ProactiveItem` entries, formed in ``[min_value, max_value]``.

    ``id`` fixes the entry's id (a register needs distinct ones); otherwise it is drawn. The
    item is published within 60 days of being formed, or not (yet); its history
    (:func:`document_histories`) and every publication day also stay on or before
    ``max_value``: keep it within the calendar's data (2026) to compute every deadline. Reviews
    are dated independently of the item (a review after publication is a finding, not an
    invalid item).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(proactive_items(id="2024-001"))
    ... def check(item):
    ...     assert item.id == "2024-001" and item.issued_on >= item.formed_on
    >>> check()
    """

    @st.composite
    def build(draw: st.DrawFn) -> ProactiveItem:
        formed = draw(dates(min_value, max_value))
        return ProactiveItem(
            id=id if id is not None else draw(chinese_text(max_size=10)),
            title=draw(chinese_text()),
            category=draw(_enum(DisclosureCategory)),
            formed_on=formed,
            published_on=draw(_optional(_within(formed, 60, max_value))),
            document_number=draw(_optional(chinese_text(max_size=15))),
            channels=draw(_tuples_of(channels(), 2)),
            reviews=draw(_tuples_of(publication_reviews(), 2)),
            history=draw(document_histories(formed, max_value)),
            note=draw(_NOTE),
        )

    return build()


def decision_counts() -> SearchStrategy[DecisionCount]:
    """:class:`~govdisclosure.model.DecisionCount` values, for any year the model accepts.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(decision_counts())
    ... def check(count):
    ...     assert 2007 <= count.year <= 2100 and count.count >= 0
    >>> check()
    """
    return st.builds(
        DecisionCount,
        kind=_enum(DecisionKind),
        year=st.integers(2007, 2100),
        count=st.integers(0, _CELL_MAX),
    )


def decision_records() -> SearchStrategy[DecisionRecord]:
    """:class:`~govdisclosure.model.DecisionRecord` values (one decision each).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(decision_records())
    ... def check(record):
    ...     assert record.kind in DecisionKind
    >>> check()
    """
    return st.builds(
        DecisionRecord,
        kind=_enum(DecisionKind),
        decided_on=dates(),
        reference=_optional(chinese_text(max_size=15)),
    )


def fee_records() -> SearchStrategy[FeeRecord]:
    """:class:`~govdisclosure.model.FeeRecord` values, in 元 or 万元.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(fee_records())
    ... def check(record):
    ...     assert record.amount.in_yuan() >= 0
    >>> check()
    """
    return st.builds(
        FeeRecord,
        collected_on=dates(),
        amount=money(),
        item=_optional(chinese_text(max_size=12)),
    )


def procurement_records() -> SearchStrategy[ProcurementRecord]:
    """:class:`~govdisclosure.model.ProcurementRecord` values (the amount is sometimes blank).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(procurement_records())
    ... def check(record):
    ...     assert record.amount is None or record.amount.amount >= 0
    >>> check()
    """
    return st.builds(
        ProcurementRecord,
        project=chinese_text(max_size=15),
        contracted_on=dates(),
        amount=_optional(money()),
    )


def proactive_registers(max_items: int = 3) -> SearchStrategy[ProactiveRegister]:
    """:class:`~govdisclosure.model.ProactiveRegister` values with up to ``max_items`` items.

    Item ids are distinct, and so are the supplied decision counts' (kind, year) pairs.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(proactive_registers())
    ... def check(register):
    ...     assert len({item.id for item in register.items}) == len(register.items) <= 3
    >>> check()
    """

    @st.composite
    def build(draw: st.DrawFn) -> ProactiveRegister:
        items = st.lists(proactive_items(), max_size=max_items, unique_by=lambda i: i.id)
        counts = st.lists(decision_counts(), max_size=3, unique_by=lambda c: (c.kind, c.year))
        return ProactiveRegister(
            agency=draw(_optional(agencies())),
            items=tuple(draw(items)),
            decision_counts=tuple(draw(counts)),
            decisions=draw(_tuples_of(decision_records())),
            fees=draw(_tuples_of(fee_records())),
            procurements=draw(_tuples_of(procurement_records(), 2)),
        )

    return build()


# --- everything --------------------------------------------------------------------------------

_EVERY_MODEL: tuple[Callable[[], SearchStrategy[Any]], ...] = (
    region_codes,
    agencies,
    applicants,
    channels,
    quantities,
    money,
    figures,
    sections,
    legacy_indicators,
    request_events,
    requests,
    reconsiderations,
    litigations,
    applicant_counts,
    application_tables,
    review_counts,
    review_tables,
    document_counts,
    proactive_tables_2021,
    document_counts_2019,
    item_counts_2019,
    fee_items_2019,
    procurements_2019,
    proactive_tables_2019,
    annual_reports,
    status_changes,
    publication_reviews,
    proactive_items,
    decision_counts,
    decision_records,
    fee_records,
    procurement_records,
    proactive_registers,
)


def models() -> SearchStrategy[Any]:
    """Any public model: agencies, requests and events, cases, figures, tables, reports, registers.

    >>> from hypothesis import given, settings
    >>> import attrs
    >>> @settings(max_examples=5, database=None)
    ... @given(models())
    ... def check(model):
    ...     assert attrs.has(type(model))
    >>> check()
    """
    return _compact(st.one_of([make() for make in _EVERY_MODEL]), "models")


# --- the disclosure guide and the agency's notices (appended) ---------------------------------


def phone_number_strings() -> SearchStrategy[str]:
    """Telephone numbers as agencies print them: landlines with an area code, mobiles, hotlines.

    >>> from hypothesis import given, settings
    >>> from govdisclosure.model.base import PHONE_PATTERN
    >>> @settings(max_examples=10, database=None)
    ... @given(phone_number_strings())
    ... def check(number):
    ...     assert PHONE_PATTERN.fullmatch(number)
    >>> check()
    """
    digits = string.digits
    landline = st.builds(
        "{}{}-{}{}".format,
        st.just("0"),
        st.text(digits, min_size=2, max_size=3),
        st.text(digits, min_size=7, max_size=8),
        st.sampled_from(["", "转8001", "-12"]),
    )
    mobile = st.builds("1{}".format, st.text(digits, min_size=10, max_size=10))
    return st.one_of(
        landline, mobile, st.sampled_from(["12345", "(010)12345678", "+86 10 1234 5678"])
    )


def email_addresses() -> SearchStrategy[str]:
    """E-mail addresses under a ``.gov.cn`` domain.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(email_addresses())
    ... def check(address):
    ...     assert address.endswith(".gov.cn")
    >>> check()
    """
    name = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=10)
    return st.builds(
        "{}@{}.gov.cn".format, name, st.text(string.ascii_lowercase, min_size=1, max_size=8)
    )


def receiving_offices() -> SearchStrategy[ReceivingOffice]:
    """:class:`~govdisclosure.model.ReceivingOffice` values with valid contact details.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(receiving_offices())
    ... def check(office):
    ...     assert office.name.strip()
    >>> check()
    """
    return st.builds(
        ReceivingOffice,
        name=chinese_text(),
        address=_optional(chinese_text()),
        postcode=_optional(st.text(string.digits, min_size=6, max_size=6)),
        hours=_optional(chinese_text()),
        phones=_tuples_of(phone_number_strings(), max_size=2),
        fax=_optional(phone_number_strings()),
        email=_optional(email_addresses()),
        online_url=_optional(urls()),
        postal_rules=_optional(chinese_text()),
        methods=st.lists(_enum(SubmissionMethod), max_size=3, unique=True).map(tuple),
    )


def disclosure_guides() -> SearchStrategy[DisclosureGuide]:
    """:class:`~govdisclosure.model.DisclosureGuide` values (up to two offices).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(disclosure_guides())
    ... def check(guide):
    ...     assert len(guide.offices) <= 2
    >>> check()
    """
    return st.builds(
        DisclosureGuide,
        title=_optional(chinese_text()),
        url=_optional(urls()),
        updated_on=_optional(dates()),
        classification=_optional(chinese_text()),
        access=_optional(chinese_text()),
        offices=_tuples_of(receiving_offices(), max_size=2),
        catalogue_title=_optional(chinese_text()),
        catalogue_url=_optional(urls()),
    )


def notices() -> SearchStrategy[Notice]:
    """:class:`~govdisclosure.model.Notice` values of every kind: a reply has an outcome, a
    correction notice its items.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None)
    ... @given(notices())
    ... def check(notice):
    ...     assert (notice.outcome is not None) == (notice.kind is NoticeKind.REPLY)
    >>> check()
    """

    def build(kind: NoticeKind, outcome: Outcome, items: tuple[str, ...]) -> SearchStrategy[Notice]:
        return st.builds(
            Notice,
            kind=st.just(kind),
            request_id=chinese_text(max_size=12),
            issued_on=dates(),
            reference=_optional(chinese_text(max_size=20)),
            addressee=_optional(chinese_text(max_size=12)),
            outcome=st.just(outcome if kind is NoticeKind.REPLY else None),
            reasons=_optional(chinese_text()),
            items=st.just(items) if kind is NoticeKind.CORRECTION else _tuples_of(chinese_text()),
            access=_optional(chinese_text()),
            other_agency=_optional(chinese_text()),
            other_agency_contact=_optional(chinese_text()),
            payment=_optional(chinese_text()),
            reconsideration_body=_optional(chinese_text()),
            court=_optional(chinese_text()),
        )

    items = st.lists(chinese_text(), min_size=1, max_size=3).map(tuple)
    return st.tuples(_enum(NoticeKind), _enum(Outcome), items).flatmap(lambda t: build(*t))


_EVERY_MODEL = (*_EVERY_MODEL, receiving_offices, disclosure_guides, notices)
