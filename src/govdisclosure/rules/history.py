"""Which event histories are possible: :func:`check_history` rejects the impossible ones.

A history is impossible when it contradicts itself or the regulation that governs the request:
an event before the application was received, events out of date order, anything after the final
reply or a withdrawal, a second extension or one longer than the regulation allows, a corrected
application nobody asked for, a consultation answer or a fee payment with nothing to answer or
pay. Late acts by the agency (a correction notice after 7 working days, say) are *possible*
histories: they are reported as findings by :mod:`govdisclosure.rules.lifecycle`, not rejected.

>>> from datetime import date
>>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
>>> from govdisclosure.model.request import DisclosureRequest, Extended
>>> req = DisclosureRequest(
...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
...     received_on=date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算",
...     events=(Extended(on=date(2024, 10, 8), working_days=25),),
... )
>>> check_history(req)
Traceback (most recent call last):
...
govdisclosure.errors.LifecycleError: an extension of 25 working days exceeds the 20 allowed ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govdisclosure.errors import LifecycleError
from govdisclosure.model.request import (
    ConsultationAnswered,
    ConsultationStarted,
    Consultee,
    CorrectionReceived,
    CorrectionRequested,
    DisclosureRequest,
    Extended,
    FeeNoticeIssued,
    FeePaid,
    Replied,
    RequestEvent,
    Transferred,
    Withdrawn,
)
from govdisclosure.rules.regulation import Regulation, regulation_in_force

if TYPE_CHECKING:
    from datetime import date

__all__ = ["check_history", "event_name"]

_NAMES: dict[type[RequestEvent], tuple[str, str]] = {
    CorrectionRequested: ("correction notice", "补正告知"),
    CorrectionReceived: ("corrected application", "补正申请"),
    ConsultationStarted: ("consultation", "征求意见"),
    ConsultationAnswered: ("consultation answer", "征求意见答复"),
    Extended: ("extension", "延期答复"),
    FeeNoticeIssued: ("fee notice", "收费通知"),
    FeePaid: ("fee payment", "缴费"),
    Transferred: ("transfer", "移送"),
    Withdrawn: ("withdrawal", "撤回申请"),
    Replied: ("reply", "答复"),
}


def event_name(event: RequestEvent) -> tuple[str, str]:
    """English and Chinese name of an event's kind, for messages.

    >>> from datetime import date
    >>> event_name(Withdrawn(on=date(2024, 1, 2)))
    ('withdrawal', '撤回申请')
    """
    for cls in type(event).__mro__:
        if cls in _NAMES:
            return _NAMES[cls]
    return ("event", "事件")


def _error(event: RequestEvent, message: str, message_zh: str) -> LifecycleError:
    return LifecycleError(message, message_zh, event)


def check_history(request: DisclosureRequest, regulation: Regulation | None = None) -> None:
    """Raise :class:`~govdisclosure.errors.LifecycleError` if the history is impossible.

    The error names the first offending event (``err.event``). ``regulation`` defaults to the
    one in force on the day of receipt.

    >>> from datetime import date
    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.request import DisclosureRequest
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=date(2024, 9, 27), method=SubmissionMethod.ONLINE, description="预算",
    ...     events=(CorrectionReceived(on=date(2024, 10, 8)),),
    ... )
    >>> try:
    ...     check_history(req)
    ... except LifecycleError as err:
    ...     print(err.message_zh)
    2024-10-08收到补正申请，但此前未告知补正
    """
    reg = regulation if regulation is not None else regulation_in_force(request.received_on)
    received = request.received_on
    previous: date = received
    final: RequestEvent | None = None
    extended = 0
    correction_open = False
    consultations: dict[Consultee, int] = {}
    fee_open = False
    for event in request.events:
        name, name_zh = event_name(event)
        day = event.on.isoformat()
        if event.on < received:
            raise _error(
                event,
                f"{name} on {day} is before the application was received on {received.isoformat()}",
                f"{name_zh}日期{day}早于收到申请日期{received.isoformat()}",
            )
        if final is not None:
            final_name, final_zh = event_name(final)
            raise _error(
                event,
                f"{name} on {day} comes after the final {final_name} on {final.on.isoformat()}",
                f"{final.on.isoformat()}已{final_zh}，其后不应再有{name_zh}（{day}）",
            )
        if event.on < previous:
            raise _error(
                event,
                f"{name} on {day} is out of date order (after an event on {previous.isoformat()})",
                f"{name_zh}（{day}）排在{previous.isoformat()}的事件之后，日期顺序有误",
            )
        previous = event.on
        if isinstance(event, Replied | Withdrawn):
            final = event
        elif isinstance(event, Extended):
            if extended >= reg.max_extensions:
                raise _error(
                    event,
                    f"a second extension on {day}: the {reg.code} regulation allows"
                    f" {reg.max_extensions}",
                    f"{day}再次延期：{reg.instrument}只允许延期{reg.max_extensions}次",
                )
            if event.working_days > reg.extension_max_working_days:
                raise _error(
                    event,
                    f"an extension of {event.working_days} working days exceeds the"
                    f" {reg.extension_max_working_days} allowed by the {reg.code} regulation",
                    f"延长{event.working_days}个工作日，超过{reg.instrument}规定的"
                    f"{reg.extension_max_working_days}个工作日",
                )
            extended += 1
        elif isinstance(event, CorrectionRequested):
            correction_open = True
        elif isinstance(event, CorrectionReceived):
            if not correction_open:
                raise _error(
                    event,
                    f"a corrected application was received on {day} but no correction was asked",
                    f"{day}收到补正申请，但此前未告知补正",
                )
            correction_open = False
        elif isinstance(event, ConsultationStarted):
            consultations[event.consultee] = consultations.get(event.consultee, 0) + 1
        elif isinstance(event, ConsultationAnswered):
            if not consultations.get(event.consultee):
                raise _error(
                    event,
                    f"a {event.consultee.label_en} answered on {day} but none was consulted",
                    f"{day}{event.consultee.label}答复意见，但此前未征求其意见",
                )
            consultations[event.consultee] -= 1
        elif isinstance(event, FeeNoticeIssued):
            fee_open = True
        elif isinstance(event, FeePaid):
            if not fee_open:
                raise _error(
                    event,
                    f"a fee was paid on {day} but no fee notice was issued",
                    f"{day}缴费，但此前未发出收费通知",
                )
            fee_open = False
