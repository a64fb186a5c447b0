"""The law as versioned rules: regulation versions, working days, deadlines, lifecycle, remedies.

Everything here is derived from a request's facts under the regulation in force on its day of
receipt; nothing is stored.

>>> from datetime import date
>>> explain_deadline(date(2024, 9, 27)).date
datetime.date(2024, 10, 30)
"""

from govdisclosure.rules.calendar import (
    CalendarDay,
    DayKind,
    HolidayName,
    WorkdayCalendar,
    default_calendar,
)
from govdisclosure.rules.deadlines import (
    ClockStart,
    Counting,
    Deadline,
    DeadlineKind,
    DueDate,
    Explanation,
    Extension,
    Party,
    Pause,
    PauseKind,
    consultation_due,
    correction_notice_due,
    deadlines,
    due_date,
    due_dates,
    explain_deadline,
)
from govdisclosure.rules.history import check_history
from govdisclosure.rules.lifecycle import (
    Finding,
    FindingKind,
    RequestState,
    RequestStatus,
    ResponseTime,
    findings,
    is_overdue,
    replied_on_time,
    response_time,
    state,
    status,
)
from govdisclosure.rules.regulation import (
    REGULATION_2008,
    REGULATION_2019,
    REGULATIONS,
    NoRegulationInForce,
    Regulation,
    regulation_by_code,
    regulation_in_force,
)
from govdisclosure.rules.remedies import (
    REMEDY_RULES,
    PeriodUnit,
    RemedyKind,
    RemedyRule,
    RemedyWindow,
    add_months,
    remedy_rule,
    remedy_window,
)

__all__ = [
    "REGULATIONS",
    "REGULATION_2008",
    "REGULATION_2019",
    "REMEDY_RULES",
    "CalendarDay",
    "ClockStart",
    "Counting",
    "DayKind",
    "Deadline",
    "DeadlineKind",
    "DueDate",
    "Explanation",
    "Extension",
    "Finding",
    "FindingKind",
    "HolidayName",
    "NoRegulationInForce",
    "Party",
    "Pause",
    "PauseKind",
    "PeriodUnit",
    "Regulation",
    "RemedyKind",
    "RemedyRule",
    "RemedyWindow",
    "RequestState",
    "RequestStatus",
    "ResponseTime",
    "WorkdayCalendar",
    "add_months",
    "check_history",
    "consultation_due",
    "correction_notice_due",
    "deadlines",
    "default_calendar",
    "due_date",
    "due_dates",
    "explain_deadline",
    "findings",
    "is_overdue",
    "regulation_by_code",
    "regulation_in_force",
    "remedy_rule",
    "remedy_window",
    "replied_on_time",
    "response_time",
    "state",
    "status",
]
