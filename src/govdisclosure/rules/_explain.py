"""The steps of a working-day explanation, as data: the facts, with their values and no words.

A request's reply deadline (:class:`~govdisclosure.rules.deadlines.Explanation`) and an Art. 26
publication deadline (:class:`~govdisclosure.rules.publication.PublicationExplanation`) each
give their :attr:`steps`: one typed fact per step (the regulation and its period, the clock's
start, each pause, the extension, the rest days skipped, the 调休 make-up days counted, the day
reached), with dates, counts and articles as values. The wording belongs to formatting:
:func:`govdisclosure.formatting.format_explanation` words each step from one template table
per language, so the rules hold no prose and a new language is a new table.

The step types live here, apart from the explanations that make them, because they name the
types of :mod:`govdisclosure.rules.deadlines` (:class:`~govdisclosure.rules.Pause`,
:class:`~govdisclosure.rules.Extension`, ...), whose explanations import them when asked.

>>> from datetime import date
>>> from govdisclosure.rules import explain_deadline
>>> explain_deadline(date(2024, 9, 27)).explain().steps[0]
PeriodStep(regulation=Regulation(code='2019', ...), kind=<DeadlineKind.REPLY: 'reply'>,
           working_days=20)
"""

from __future__ import annotations

import datetime as dt

import attrs

from govdisclosure.model.proactive import StatusChangeKind
from govdisclosure.rules.calendar import CalendarDay
from govdisclosure.rules.deadlines import ClockStart, DeadlineKind, Extension, Pause
from govdisclosure.rules.fold import PauseKind
from govdisclosure.rules.regulation import Regulation

__all__ = [
    "ClockStartStep",
    "DueStep",
    "ExplanationStep",
    "ExtensionStep",
    "FormedStep",
    "MakeupDaysStep",
    "PauseStep",
    "PeriodStep",
    "PublicationPeriodStep",
    "ReasonablePeriodStep",
    "RestDaysStep",
    "SuspendedStep",
]


@attrs.frozen
class PeriodStep:
    """The regulation that governs a deadline and the period it sets (reply, notice, answer).

    >>> from govdisclosure.rules import REGULATION_2019, DeadlineKind
    >>> PeriodStep(REGULATION_2019, DeadlineKind.REPLY, 20).regulation.reply_article
    '第三十三条'
    """

    regulation: Regulation
    kind: DeadlineKind
    working_days: int
    """The statutory period, before any extension."""


@attrs.frozen
class PublicationPeriodStep:
    """The regulation that sets the Art. 26 publication period, the period and its article."""

    regulation: Regulation
    working_days: int
    article: str


@attrs.frozen
class ClockStartStep:
    """What the period counts from: receipt, or the corrected application (not counted)."""

    received_on: dt.date
    clock_start: dt.date
    reason: ClockStart


@attrs.frozen
class FormedStep:
    """The day the information was formed or changed (the publication period counts from it).

    ``change`` is ``None`` for the item itself, else the change of the document published.
    """

    formed_on: dt.date
    change: StatusChangeKind | None


@attrs.frozen
class PauseStep:
    """A consultation or fee payment whose working days are not counted."""

    pause: Pause


@attrs.frozen
class ExtensionStep:
    """The extension added to the period."""

    extension: Extension


@attrs.frozen
class ReasonablePeriodStep:
    """The reply day the agency set under Art. 35."""

    due_on: dt.date


@attrs.frozen
class RestDaysStep:
    """The rest days inside the counted stretches, in order, each with its kind and holiday."""

    days: tuple[CalendarDay, ...]


@attrs.frozen
class MakeupDaysStep:
    """The 调休 make-up (or override) working days counted, in order."""

    days: tuple[CalendarDay, ...]


@attrs.frozen
class SuspendedStep:
    """The clock is stopped (the date is provisional) until what ``kind`` waits for happens."""

    kind: PauseKind


@attrs.frozen
class DueStep:
    """The day reached, the working days counted in all, and whether it rests on estimates."""

    due_on: dt.date
    working_days: int
    estimated: bool


ExplanationStep = (
    PeriodStep
    | PublicationPeriodStep
    | ClockStartStep
    | FormedStep
    | PauseStep
    | ExtensionStep
    | ReasonablePeriodStep
    | RestDaysStep
    | MakeupDaysStep
    | SuspendedStep
    | DueStep
)
"""One step of an explanation: any of the step types above."""
