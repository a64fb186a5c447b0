"""Working-day explanations in words: the steps of a deadline, one sentence each, per language.

The rules explain a reply deadline (:class:`~govdisclosure.rules.Explanation`) or an Art. 26
publication deadline (:class:`~govdisclosure.rules.PublicationExplanation`) as typed steps
(:class:`~govdisclosure.rules.PeriodStep`, :class:`~govdisclosure.rules.PauseStep`, ...): facts
with their values and no words. :func:`format_explanation` words each step from
``templates/explanations.toml``, one table of :meth:`str.format` templates per language, so a
sentence is written once per language and the rules and the two kinds of deadline cannot drift
apart. Dates are ISO (2024-10-01) unless ``dates="long"`` asks for the locale's long form
(2024年10月1日, with ranges as 2024年10月1日至10月7日).

>>> from datetime import date
>>> from govdisclosure.rules import explain_deadline
>>> due = explain_deadline(date(2024, 9, 27))
>>> print("\\n".join(format_explanation(due, locale="en")))
Regulation: State Council Decree No. 711 (国务院令第711号), in force from 2019-05-15:
reply within 20 working days (第三十三条).
Application received on 2024-09-27; that day is not counted.
Not counted: 2024-09-28 (weekend); 2024-10-01 to 2024-10-07 (National Day); ...
Counted as make-up working days (调休): 2024-09-29 (National Day), 2024-10-12 (National Day).
Due on 2024-10-30: 20 working days.
>>> format_explanation(due)[-1]
'期限届满日：2024-10-30，共20个工作日。'
>>> print("\\n".join(format_explanation(due, dates="long")[2:]))
不计入：2024年9月28日（周末）；2024年10月1日至10月7日（国庆节）；2024年10月13日（周末）；...
调休上班日计入：2024年9月29日（国庆节调休）、2024年10月12日（国庆节调休）。
期限届满日：2024年10月30日，共20个工作日。
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import TYPE_CHECKING, Literal, assert_never

from govdisclosure.formatting._locale import DEFAULT_LOCALE, conventions
from govdisclosure.formatting.dates import format_date, format_date_range
from govdisclosure.model.request import Consultee
from govdisclosure.rules import (
    ClockStart,
    ClockStartStep,
    DeadlineKind,
    DueDate,
    DueStep,
    ExtensionStep,
    FormedStep,
    MakeupDaysStep,
    PauseKind,
    PauseStep,
    PeriodStep,
    PublicationDue,
    PublicationPeriodStep,
    ReasonablePeriodStep,
    RestDaysStep,
    SuspendedStep,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import date

    from babel import Locale

    from govdisclosure.rules import (
        CalendarDay,
        Explanation,
        ExplanationStep,
        Pause,
        PublicationExplanation,
    )

__all__ = ["ExplanationDates", "format_explanation"]

ExplanationDates = Literal["iso", "long"]
"""How an explanation writes its dates: ``"iso"`` (2024-10-01, the default) or ``"long"``, the
locale's long form (2024年10月1日; October 1, 2024) with ranges as the locale writes them."""


@functools.cache
def _templates() -> dict[str, dict[str, str]]:
    raw = resources.files("govdisclosure.formatting").joinpath("templates/explanations.toml")
    data: dict[str, dict[str, str]] = tomllib.loads(raw.read_text(encoding="utf-8"))
    return data


def format_explanation(
    explanation: Explanation | PublicationExplanation | DueDate | PublicationDue,
    *,
    locale: str | Locale = DEFAULT_LOCALE,
    dates: ExplanationDates = "iso",
) -> tuple[str, ...]:
    """The explanation of a deadline as short sentences, one per step, in ``locale``'s language.

    ``explanation`` is an :class:`~govdisclosure.rules.Explanation` or a
    :class:`~govdisclosure.rules.PublicationExplanation`, or the
    :class:`~govdisclosure.rules.DueDate` or :class:`~govdisclosure.rules.PublicationDue` to
    explain. Chinese locales get the Chinese table, every other locale the English one.

    >>> from datetime import date
    >>> from govdisclosure.model.proactive import DisclosureCategory, ProactiveItem
    >>> from govdisclosure.rules import publication_due
    >>> item = ProactiveItem(id="1", title="通知", category=DisclosureCategory.OTHER,
    ...                      formed_on=date(2024, 9, 27))
    >>> format_explanation(publication_due(item))[:2]
    ('适用《中华人民共和国政府信息公开条例》（国务院令第711号）（2019-05-15起施行），主动公开期限为20个工作日（第二十六条）。',
     '2024-09-27政府信息形成或者变更，当日不计入。')
    >>> format_explanation(publication_due(item), locale="en", dates="long")[1]
    'Information formed or changed on September 27, 2024; that day is not counted.'
    >>> format_explanation(publication_due(item), dates="short")
    Traceback (most recent call last):
    ...
    ValueError: unknown dates 'short'; expected 'iso' or 'long'
    """
    conv = conventions(locale)
    t = _templates()[conv.lang]
    day: Callable[[date], str]
    span: Callable[[date, date], str]
    if dates == "iso":
        day = _iso
        span = functools.partial(_iso_span, joiner=t["range"])
    elif dates == "long":
        day = functools.partial(format_date, locale=conv.locale)
        # Chinese drops the end's year within one year (2024年10月1日至10月7日); other
        # languages join two long dates with the table's word.
        span = (
            functools.partial(format_date_range, locale=conv.locale)
            if conv.chinese
            else functools.partial(_joined_span, day=day, joiner=t["range"])
        )
    else:
        raise ValueError(f"unknown dates {dates!r}; expected 'iso' or 'long'")
    if isinstance(explanation, DueDate | PublicationDue):
        explanation = explanation.explain()
    return tuple(_sentence(step, t, day, span) for step in explanation.steps)


def _iso(day: date) -> str:
    return day.isoformat()


def _iso_span(first: date, last: date, *, joiner: str) -> str:
    return _joined_span(first, last, day=_iso, joiner=joiner)


def _joined_span(first: date, last: date, *, day: Callable[[date], str], joiner: str) -> str:
    if first == last:
        return day(first)
    return f"{day(first)}{joiner}{day(last)}"


def _sentence(
    step: ExplanationStep,
    t: dict[str, str],
    day: Callable[[date], str],
    span: Callable[[date, date], str],
) -> str:
    match step:
        case PeriodStep(regulation=reg, kind=kind, working_days=days):
            fields = {
                "instrument": reg.instrument,
                "instrument_en": reg.instrument_en,
                "regulation": str(reg),
                "from": day(reg.in_force_from),
                "article": reg.reply_article,
                "days": days,
                "kind": kind.label,
                "kind_en": kind.label_en,
            }
            period = t["period_reply" if kind is DeadlineKind.REPLY else "period_other"]
            return t["regulation"].format(period=period.format(**fields), **fields)
        case PublicationPeriodStep(regulation=reg, working_days=days, article=article):
            return t["publication"].format(
                instrument=reg.instrument,
                instrument_en=reg.instrument_en,
                regulation=str(reg),
                days=days,
                article=article,
                **{"from": day(reg.in_force_from)},
            )
        case ClockStartStep(received_on=received, clock_start=start, reason=reason):
            key = "receipt" if reason is ClockStart.RECEIPT else "corrected"
            return t[key].format(received=day(received), start=day(start))
        case FormedStep(formed_on=formed, change=change):
            if change is None:
                return t["formed"].format(on=day(formed))
            return t["changed"].format(
                on=day(formed), change=change.label, change_en=change.label_en
            )
        case PauseStep(pause=pause):
            return _pause(pause, t, day)
        case ExtensionStep(extension=extension):
            granted = extension.granted_on
            key = "extended_on" if granted else "extended"
            return t[key].format(on=day(granted) if granted else "", days=extension.working_days)
        case ReasonablePeriodStep(due_on=due_on):
            return t["reasonable"].format(on=day(due_on))
        case RestDaysStep(days=skipped):
            return t["not_counted"].format(
                parts=t["not_counted_sep"].join(_rest_days(skipped, t, span))
            )
        case MakeupDaysStep(days=counted):
            parts = [
                t["makeup_day"].format(
                    day=day(d.day), holiday=d.holiday.label, holiday_en=d.holiday.label_en
                )
                if d.holiday
                else t["makeup_unnamed_day"].format(day=day(d.day))
                for d in counted
            ]
            return t["makeup"].format(parts=t["makeup_sep"].join(parts))
        case SuspendedStep(kind=kind):
            return t[f"suspended_{kind.code}"]
        case DueStep(due_on=due_on, working_days=days, estimated=estimated):
            return t["due"].format(
                on=day(due_on), days=days, estimated=t["estimated"] if estimated else ""
            )
        case _:  # pragma: no cover - the match covers every step type
            assert_never(step)


def _pause(pause: Pause, t: dict[str, str], day: Callable[[date], str]) -> str:
    if pause.kind is PauseKind.FEE:
        key = "fee_paid" if pause.answered_on else "fee_open"
        return t[key].format(
            on=day(pause.started_on),
            paid=day(pause.answered_on) if pause.answered_on else "",
            until=day(pause.resumes_after),
            days=pause.working_days,
        )
    consultee = pause.consultee or Consultee.THIRD_PARTY
    end = (
        t["answered"].format(on=day(pause.answered_on))
        if pause.answered_on
        else t["unanswered"].format(until=day(pause.resumes_after))
    )
    return t["consultation"].format(
        consultee=consultee.label,
        consultee_en=consultee.label_en,
        on=day(pause.started_on),
        end=end,
        cap=t["capped"] if pause.capped else "",
        days=pause.working_days,
    )


def _rest_days(
    days: Sequence[CalendarDay], t: dict[str, str], span: Callable[[date, date], str]
) -> list[str]:
    """Each run of consecutive rest days of one kind and holiday, with why it is not counted."""
    runs: list[tuple[date, date, CalendarDay]] = []
    for d in days:
        if runs:
            first, last, sample = runs[-1]
            if (d.day - last).days == 1 and d.kind is sample.kind and d.holiday == sample.holiday:
                runs[-1] = (first, d.day, sample)
                continue
        runs.append((d.day, d.day, d))
    return [
        t["rest_day"].format(
            span=span(first, last),
            why=sample.holiday.label if sample.holiday else sample.kind.label,
            why_en=sample.holiday.label_en if sample.holiday else sample.kind.label_en,
        )
        for first, last, sample in runs
    ]
