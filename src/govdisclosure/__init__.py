"""govdisclosure: China's government information disclosure system (政府信息公开) as typed data.

>>> import govdisclosure as gd
>>> report = gd.examples.load("huaian-city-2024")
>>> report.applications.row(gd.ApplicationRow.NEW).total
3119
>>> gd.from_json(gd.to_json(report), gd.AnnualReport) == report
True
"""

import typing as _typing

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
    ReasonablePeriodSet,
    Reconsideration,
    RegionCode,
    Replied,
    ReportPart,
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
from govdisclosure.model.form import form_of
from govdisclosure.serialize import (
    SCHEMA_VERSION,
    from_dict,
    from_json,
    register,
    to_dict,
    to_json,
)

if _typing.TYPE_CHECKING:
    from govdisclosure import checks, export, formatting, parse, rules, stats
    from govdisclosure.checks import check, check_series
    from govdisclosure.export import from_rows, to_rows
    from govdisclosure.formatting.explanations import format_explanation
    from govdisclosure.formatting.render import render
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
    from govdisclosure.stats import tabulate

# Names that load on first use, and the module each comes from: the rules layer reads the
# official working-day data, formatting loads Babel, and the export formats their libraries, so
# ``import govdisclosure`` stays fast for code that only reads and writes models. A module name
# maps to itself.
_LAZY: dict[str, str] = {
    **{
        name: f"govdisclosure.{name}"
        for name in ("checks", "export", "formatting", "parse", "rules", "stats")
    },
    **dict.fromkeys(("check", "check_series"), "govdisclosure.checks"),
    **dict.fromkeys(("from_rows", "to_rows"), "govdisclosure.export"),
    **dict.fromkeys(("format_explanation", "render"), "govdisclosure.formatting"),
    **dict.fromkeys(("ParseResult", "parse_report"), "govdisclosure.parse"),
    **dict.fromkeys(
        (
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
        ),
        "govdisclosure.rules",
    ),
    **dict.fromkeys(("from_json_zh", "json_schema", "to_json_zh"), "govdisclosure.serialize"),
    "tabulate": "govdisclosure.stats",
}


def __getattr__(name: str) -> _typing.Any:
    import importlib

    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govdisclosure' has no attribute {name!r}")
    if module == f"govdisclosure.{name}":
        return importlib.import_module(module)
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)


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
    "ReasonablePeriodSet",
    "Reconsideration",
    "RegionCode",
    "RegistrationError",
    "Regulation",
    "Replied",
    "ReportPart",
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
    "check",
    "check_history",
    "check_series",
    "checks",
    "deadlines",
    "default_calendar",
    "due_date",
    "due_dates",
    "examples",
    "explain_deadline",
    "export",
    "form_of",
    "format_explanation",
    "formatting",
    "from_dict",
    "from_json",
    "from_json_zh",
    "from_rows",
    "is_overdue",
    "json_schema",
    "parse",
    "parse_report",
    "register",
    "regulation_in_force",
    "remedy_window",
    "render",
    "response_time",
    "rules",
    "state",
    "stats",
    "tabulate",
    "to_dict",
    "to_json",
    "to_json_zh",
    "to_rows",
]
