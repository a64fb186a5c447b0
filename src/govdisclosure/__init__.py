"""govdisclosure: China's government information disclosure system (政府信息公开) as typed data.

>>> import govdisclosure as gd
>>> report = gd.examples.load("huaian-city-2024")
>>> report.applications.row(gd.ApplicationRow.NEW).total
3119
>>> gd.from_json(gd.to_json(report), gd.AnnualReport) == report
True
"""

from typing import TYPE_CHECKING, Any

from govdisclosure import examples
from govdisclosure._version import __version__
from govdisclosure.errors import (
    CalendarDataUnavailable,
    ErrorDetail,
    GovDisclosureError,
    InvalidValue,
    LifecycleError,
    ParseError,
    RegistrationError,
    ValidationError,
)
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
    DisclosureChannel,
    DisclosureRequest,
    DocumentCounts,
    DocumentCounts2019,
    Extended,
    FeeItems2019,
    FeeNoticeIssued,
    FeePaid,
    Figure,
    FormatVersion,
    ItemCounts2019,
    LegacyIndicator,
    Litigation,
    LitigationRoute,
    Money,
    MoneyUnit,
    Outcome,
    OutcomeGroup,
    ProactiveTable2019,
    ProactiveTable2021,
    Procurement2019,
    Qualifier,
    Quantity,
    Reconsideration,
    RegionCode,
    Replied,
    RequestEvent,
    ReviewColumn,
    ReviewCounts,
    ReviewGroup,
    ReviewResult,
    ReviewTable,
    Section,
    SubmissionMethod,
    Transferred,
    Withdrawn,
)
from govdisclosure.serialize import (
    SCHEMA_VERSION,
    from_dict,
    from_json,
    register,
    to_dict,
    to_json,
)

if TYPE_CHECKING:
    from govdisclosure import export, formatting, parse, rules
    from govdisclosure.parse import ParseResult, parse_report
    from govdisclosure.rules import (
        Deadline,
        DeadlineKind,
        DueDate,
        Regulation,
        RequestState,
        WorkdayCalendar,
        check_history,
        deadlines,
        default_calendar,
        due_date,
        due_dates,
        explain_deadline,
        is_overdue,
        regulation_in_force,
        remedy_window,
        response_time,
        state,
    )
    from govdisclosure.serialize import from_json_zh, json_schema, to_json_zh

# The rules layer loads the official working-day data; it is imported on first use so that
# `import govdisclosure` stays fast for code that only reads and writes models.
_LAZY_FROM_RULES = frozenset(
    {
        "Deadline",
        "DeadlineKind",
        "DueDate",
        "Regulation",
        "RequestState",
        "WorkdayCalendar",
        "check_history",
        "deadlines",
        "default_calendar",
        "due_date",
        "due_dates",
        "explain_deadline",
        "is_overdue",
        "regulation_in_force",
        "remedy_window",
        "response_time",
        "state",
    }
)


_LAZY_FROM_SERIALIZE = frozenset({"from_json_zh", "json_schema", "to_json_zh"})

# Subpackages that bring heavier imports (working-day data, Babel, export formats) load on use.
_LAZY_MODULES = frozenset({"export", "formatting", "parse", "rules"})


def __getattr__(name: str) -> Any:
    import importlib

    if name in _LAZY_MODULES:
        return importlib.import_module(f"govdisclosure.{name}")
    if name in _LAZY_FROM_RULES:
        return getattr(importlib.import_module("govdisclosure.rules"), name)
    if name in ("ParseResult", "parse_report"):
        return getattr(importlib.import_module("govdisclosure.parse"), name)
    if name in _LAZY_FROM_SERIALIZE:
        return getattr(importlib.import_module("govdisclosure.serialize"), name)
    raise AttributeError(f"module 'govdisclosure' has no attribute {name!r}")


__all__ = [
    "SCHEMA_VERSION",
    "Agency",
    "AgencyKind",
    "AgencyLevel",
    "AnnualReport",
    "AnnualReport2008",
    "AnnualReport2019",
    "AnnualReport2021",
    "Applicant",
    "ApplicantCounts",
    "ApplicantKind",
    "ApplicationRow",
    "ApplicationTable",
    "CalendarDataUnavailable",
    "ChannelKind",
    "ConsultationAnswered",
    "ConsultationStarted",
    "Consultee",
    "CorrectionReceived",
    "CorrectionRequested",
    "Deadline",
    "DeadlineKind",
    "DisclosureChannel",
    "DisclosureRequest",
    "DocumentCounts",
    "DocumentCounts2019",
    "DueDate",
    "ErrorDetail",
    "Extended",
    "FeeItems2019",
    "FeeNoticeIssued",
    "FeePaid",
    "Figure",
    "FormatVersion",
    "GovDisclosureError",
    "InvalidValue",
    "ItemCounts2019",
    "LegacyIndicator",
    "LifecycleError",
    "Litigation",
    "LitigationRoute",
    "Money",
    "MoneyUnit",
    "Outcome",
    "OutcomeGroup",
    "ParseError",
    "ParseResult",
    "ProactiveTable2019",
    "ProactiveTable2021",
    "Procurement2019",
    "Qualifier",
    "Quantity",
    "Reconsideration",
    "RegionCode",
    "RegistrationError",
    "Regulation",
    "Replied",
    "RequestEvent",
    "RequestState",
    "ReviewColumn",
    "ReviewCounts",
    "ReviewGroup",
    "ReviewResult",
    "ReviewTable",
    "Section",
    "SubmissionMethod",
    "Transferred",
    "ValidationError",
    "Withdrawn",
    "WorkdayCalendar",
    "__version__",
    "check_history",
    "deadlines",
    "default_calendar",
    "due_date",
    "due_dates",
    "examples",
    "explain_deadline",
    "export",
    "formatting",
    "from_dict",
    "from_json",
    "from_json_zh",
    "is_overdue",
    "json_schema",
    "parse",
    "parse_report",
    "register",
    "regulation_in_force",
    "remedy_window",
    "response_time",
    "rules",
    "state",
    "to_dict",
    "to_json",
    "to_json_zh",
]
