"""Which event histories are possible: :func:`check_history` rejects the impossible ones.

A history is impossible when it contradicts itself or the regulation that governs the request:
an event before the application was received, events out of date order, anything after the final
reply or a withdrawal, a second extension or one longer than the regulation allows, a corrected
application nobody asked for, a consultation answer or a fee payment with nothing to answer or
pay, an Art. 35 reasonable period under the 2008 text, and a reply whose outcome the history
contradicts (逾期不补正 with no correction notice or after the correction came in time, 逾期未缴费
with no fee notice or after the fee was paid). Late acts by the agency (a correction notice after
7 working days, say) are *possible* histories: they are reported as findings
(:attr:`~govdisclosure.rules.fold.Timeline.findings`), not rejected.

The checks run inside the one fold of the events (:func:`~govdisclosure.rules.timeline`); this
module words them.

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
from govdisclosure.model import request as ev

if TYPE_CHECKING:
    from datetime import date

    from govdisclosure.model.request import DisclosureRequest
    from govdisclosure.rules.regulation import Regulation

__all__ = ["check_history", "event_name", "kind_name"]

_NAMES: dict[type[ev.RequestEvent], tuple[str, str]] = {
    ev.CorrectionRequested: ("correction notice", "补正告知"),
    ev.CorrectionReceived: ("corrected application", "补正申请"),
    ev.ConsultationStarted: ("consultation", "征求意见"),
    ev.ConsultationAnswered: ("consultation answer", "征求意见答复"),
    ev.Extended: ("extension", "延期答复"),
    ev.ReasonablePeriodSet: ("reasonable period", "确定延迟答复期限"),
    ev.FeeNoticeIssued: ("fee notice", "收费通知"),
    ev.FeePaid: ("fee payment", "缴费"),
    ev.Transferred: ("transfer", "移送"),
    ev.Withdrawn: ("withdrawal", "撤回申请"),
    ev.Replied: ("reply", "答复"),
}


def event_name(event: ev.RequestEvent) -> tuple[str, str]:
    """English and Chinese name of an event's kind, for messages.

    >>> from datetime import date
    >>> from govdisclosure.model.request import Withdrawn
    >>> event_name(Withdrawn(on=date(2024, 1, 2)))
    ('withdrawal', '撤回申请')
    """
    return kind_name(type(event))


def kind_name(kind: type[ev.RequestEvent]) -> tuple[str, str]:
    """English and Chinese name of an event class (a subclass takes its base's name).

    >>> from govdisclosure.model.request import FeePaid
    >>> kind_name(FeePaid)
    ('fee payment', '缴费')
    """
    for cls in kind.__mro__:
        if cls in _NAMES:
            return _NAMES[cls]
    return ("event", "事件")


def _error(
    event: ev.RequestEvent, message: str, message_zh: str, **values: object
) -> LifecycleError:
    """The error for ``event``, its two messages being :meth:`str.format` templates.

    Every message names the event's day: the templates get it as ``{day}`` (ISO), with
    ``{event}`` and ``values``. The message is built only here, when there is an error.
    """
    day = event.on.isoformat()
    return LifecycleError(
        message.format(day=day, event=event, **values),
        message_zh.format(day=day, event=event, **values),
        event,
    )


def check_history(request: DisclosureRequest, regulation: Regulation | None = None) -> None:
    """Raise :class:`~govdisclosure.errors.LifecycleError` if the history is impossible.

    The error names the first offending event (``err.event``). ``regulation`` defaults to the
    one in force on the day of receipt. This is the fold's check
    (:func:`~govdisclosure.rules.timeline`); use that to get the folded facts as well.

    >>> from datetime import date
    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.request import CorrectionReceived, DisclosureRequest
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
    from govdisclosure.rules.fold import timeline  # the fold imports this module's wording

    timeline(request, regulation=regulation)


def order_error(
    event: ev.RequestEvent, received: date, previous: date, final: ev.RequestEvent | None
) -> LifecycleError | None:
    """The error for an event before receipt, after the final one, or out of date order.

    >>> from datetime import date
    >>> from govdisclosure.model.request import Withdrawn
    >>> late = Withdrawn(on=date(2024, 10, 8))
    >>> order_error(late, date(2024, 9, 27), date(2024, 10, 1), None) is None
    True
    >>> print(order_error(late, date(2024, 10, 9), date(2024, 10, 9), None).message)
    withdrawal on 2024-10-08 is before the application was received on 2024-10-09
    """
    name, name_zh = event_name(event)
    if event.on < received:
        return _error(
            event,
            "{name} on {day} is before the application was received on {received}",
            "{name_zh}日期{day}早于收到申请日期{received}",
            name=name,
            name_zh=name_zh,
            received=received.isoformat(),
        )
    if final is not None:
        final_name, final_zh = event_name(final)
        return _error(
            event,
            "{name} on {day} comes after the final {final_name} on {final}",
            "{final}已{final_zh}，其后不应再有{name_zh}（{day}）",
            name=name,
            name_zh=name_zh,
            final_name=final_name,
            final_zh=final_zh,
            final=final.on.isoformat(),
        )
    if event.on < previous:
        return _error(
            event,
            "{name} on {day} is out of date order (after an event on {previous})",
            "{name_zh}（{day}）排在{previous}的事件之后，日期顺序有误",
            name=name,
            name_zh=name_zh,
            previous=previous.isoformat(),
        )
    return None


def extension_error(event: ev.Extended, count: int, reg: Regulation) -> LifecycleError | None:
    """The error for the ``count``-th extension if the regulation does not allow it."""
    if count > reg.max_extensions:
        return _error(
            event,
            "a second extension on {day}: the {reg.code} regulation allows {reg.max_extensions}",
            "{day}再次延期：{reg.instrument}只允许延期{reg.max_extensions}次",
            reg=reg,
        )
    if event.working_days > reg.extension_max_working_days:
        return _error(
            event,
            "an extension of {event.working_days} working days exceeds the"
            " {reg.extension_max_working_days} allowed by the {reg.code} regulation",
            "延长{event.working_days}个工作日，超过{reg.instrument}规定的"
            "{reg.extension_max_working_days}个工作日",
            reg=reg,
        )
    return None


def unasked_correction(event: ev.CorrectionReceived) -> LifecycleError:
    """The error for a corrected application nobody asked for."""
    return _error(
        event,
        "a corrected application was received on {day} but no correction was asked",
        "{day}收到补正申请，但此前未告知补正",
    )


def unmatched_answer(event: ev.ConsultationAnswered) -> LifecycleError:
    """The error for a consultation answer with no open consultation of that consultee."""
    return _error(
        event,
        "a {event.consultee.label_en} answered on {day} but none was consulted",
        "{day}{event.consultee.label}答复意见，但此前未征求其意见",
    )


def unmatched_payment(event: ev.FeePaid) -> LifecycleError:
    """The error for a fee payment with no unpaid fee notice."""
    return _error(
        event,
        "a fee was paid on {day} but no fee notice was issued",
        "{day}缴费，但此前未发出收费通知",
    )


def no_reasonable_period(event: ev.ReasonablePeriodSet, reg: Regulation) -> LifecycleError:
    """The error for an Art. 35 reasonable period under a text without that rule."""
    return _error(
        event,
        "a reasonable reply period set on {day}: the {reg.code} regulation has no such rule"
        " (2019 Art. 35)",
        "{day}确定延迟答复的合理期限，但{reg.instrument}无此规定（见2019年条例第三十五条）",
        reg=reg,
    )


def overdue_without_notice(event: ev.Replied, *, correction: bool) -> LifecycleError:
    """The error for a reply 逾期不补正 / 逾期未缴费 with no notice to be late on."""
    if correction:
        return _error(
            event,
            "the reply on {day} says the application was not corrected in time, but no"
            " correction was asked",
            "{day}以逾期不补正答复，但此前未告知补正",
        )
    return _error(
        event,
        "the reply on {day} says the fee was not paid in time, but no fee notice was issued",
        "{day}以逾期未缴费答复，但此前未发出收费通知",
    )


def corrected_in_time(
    event: ev.Replied, notice: ev.CorrectionRequested, corrected_on: date
) -> LifecycleError:
    """The error for a reply 逾期不补正 although the correction came within the notice's period."""
    return _error(
        event,
        "the reply on {day} says the application was not corrected in time, but the"
        " correction arrived on {came}, within the period ending {last}",
        "{day}以逾期不补正答复，但补正申请已于{came}在补正期限（{last}）内收到",
        came=corrected_on.isoformat(),
        last=notice.due_on.isoformat() if notice.due_on else "",
    )


def fee_was_paid(event: ev.Replied) -> LifecycleError:
    """The error for a reply 逾期未缴费 after the fee was paid."""
    return _error(
        event,
        "the reply on {day} says the fee was not paid in time, but it was paid",
        "{day}以逾期未缴费答复，但费用已缴纳",
    )
