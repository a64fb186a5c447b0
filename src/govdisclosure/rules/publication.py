"""The Art. 26 publication deadline, timeliness, and the pre-publication review, as rules.

Information within the scope of proactive disclosure is published within **20 working days** of
the day it was formed or changed (形成或者变更): Art. 26 of the 2019 regulation, Art. 18 of the
2008 text. The period is counted exactly as a request's reply period (the day of the act is not
counted; the working-day calendar with its 调休 make-up days), under the regulation in force on
the day the information was formed or changed. The period is data: the
:class:`~govdisclosure.rules.Regulation`'s ``publication_working_days`` and
``publication_article``, which :class:`PublicationRule` reads.

An item owes one publication for its formation, and one for each later amendment, repeal or
expiry of a document (each is a change of published information). Each such
:class:`Obligation` has a :class:`PublicationDue` that explains itself in the same steps as a
request's deadline (worded by :func:`govdisclosure.formatting.format_explanation`), and a
:class:`Timeliness` as of any day.

The review rule is 先审查、后公开: a published item must have a review dated on or before its
publication whose result allows publication (:func:`review_problems`).

>>> from govdisclosure.model.proactive import DisclosureCategory, ProactiveItem
>>> item = ProactiveItem(id="1", title="通知", category=DisclosureCategory.OTHER,
...                      formed_on=dt.date(2024, 9, 27))
>>> due = publication_due(item)
>>> due.due_on
datetime.date(2024, 10, 30)
>>> [type(step).__name__ for step in due.explain().steps]
['PublicationPeriodStep', 'FormedStep', 'RestDaysStep', 'MakeupDaysStep', 'DueStep']
>>> timeliness(item, as_of=dt.date(2024, 11, 1)).label
'逾期未公开'
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from govdisclosure.model.base import LabelledEnum
from govdisclosure.model.proactive import (
    ProactiveItem,
    PublicationReview,
    ReviewDecision,
    ReviewKind,
    StatusChange,
    StatusChangeKind,
)
from govdisclosure.rules._explain import (
    DueStep,
    ExplanationStep,
    FormedStep,
    MakeupDaysStep,
    PublicationPeriodStep,
    RestDaysStep,
)
from govdisclosure.rules.calendar import CalendarDay, WorkdayCalendar, default_calendar
from govdisclosure.rules.deadlines import classify
from govdisclosure.rules.regulation import (
    REGULATION_2008,
    REGULATION_2019,
    NoRegulationInForce,
    Regulation,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "PUBLICATION_RULES",
    "PUBLICATION_RULE_2008",
    "PUBLICATION_RULE_2019",
    "LatePublication",
    "Obligation",
    "PublicationDue",
    "PublicationExplanation",
    "PublicationRule",
    "ReviewProblem",
    "ReviewProblemKind",
    "Timeliness",
    "TimelinessSummary",
    "late_publications",
    "obligations",
    "publication_due",
    "publication_rule_in_force",
    "review_problems",
    "review_problems_of",
    "timeliness",
    "timeliness_summary",
]


@attrs.frozen
class PublicationRule:
    """The proactive-publication period of one version of the Regulation.

    A view on the :class:`~govdisclosure.rules.Regulation`: its period and article are the
    regulation's :attr:`~govdisclosure.rules.Regulation.publication_working_days` and
    :attr:`~govdisclosure.rules.Regulation.publication_article`, never a copy.

    >>> PUBLICATION_RULE_2008.article, PUBLICATION_RULE_2008.working_days
    ('第十八条', 20)
    >>> PUBLICATION_RULE_2019.article == REGULATION_2019.publication_article
    True
    """

    regulation: Regulation
    """The version of the Regulation that sets the period."""

    @property
    def working_days(self) -> int:
        """The period, in working days from the day the information was formed or changed."""
        return self.regulation.publication_working_days

    @property
    def article(self) -> str:
        """The article that sets it."""
        return self.regulation.publication_article

    @property
    def code(self) -> str:
        """The regulation's code, ``"2008"`` or ``"2019"``."""
        return self.regulation.code

    def __str__(self) -> str:
        return f"{self.regulation}{self.article}"


PUBLICATION_RULE_2008 = PublicationRule(REGULATION_2008)
"""2008 text, Art. 18: 自该政府信息形成或者变更之日起20个工作日内予以公开."""

PUBLICATION_RULE_2019 = PublicationRule(REGULATION_2019)
"""2019 text, Art. 26: 自该政府信息形成或者变更之日起20个工作日内及时公开."""

PUBLICATION_RULES: tuple[PublicationRule, ...] = (PUBLICATION_RULE_2008, PUBLICATION_RULE_2019)
"""Every version, oldest first."""

_FIRST = REGULATION_2008.in_force_from
_FIRST_ORDINAL = _FIRST.toordinal()
_SWITCH_ORDINAL = REGULATION_2019.in_force_from.toordinal()


def publication_rule_in_force(on: dt.date) -> PublicationRule:
    """The rule for information formed or changed on ``on``.

    Raises :class:`~govdisclosure.rules.regulation.NoRegulationInForce` before 2008-05-01.

    >>> publication_rule_in_force(dt.date(2019, 5, 14)).article
    '第十八条'
    >>> publication_rule_in_force(dt.date(2008, 4, 30))
    Traceback (most recent call last):
    ...
    govdisclosure.rules.regulation.NoRegulationInForce: no regulation ... in force on 2008-04-30 ...
    """
    ordinal = on.toordinal()
    if ordinal >= _SWITCH_ORDINAL:
        return PUBLICATION_RULE_2019
    if ordinal >= _FIRST_ORDINAL:
        return PUBLICATION_RULE_2008
    raise NoRegulationInForce(on)


@attrs.frozen
class PublicationExplanation:
    """How a publication deadline was reached, as data (the days skipped and counted).

    The same facts as a request's :class:`~govdisclosure.rules.deadlines.Explanation`, for the
    single uninterrupted stretch an Art. 26 period has (no pauses, no extension).
    """

    rule: PublicationRule
    change: StatusChangeKind | None
    """What the obligation publishes: ``None`` for the item itself, else the document's change."""
    formed_on: dt.date
    skipped: tuple[CalendarDay, ...]
    makeup_days: tuple[CalendarDay, ...]
    due_on: dt.date
    estimated: bool
    calendar_version: str

    @property
    def steps(self) -> tuple[ExplanationStep, ...]:
        """The facts in the order an explanation states them, as typed steps (no wording).

        From the rest days on, the same steps as a request's
        :attr:`~govdisclosure.rules.Explanation.steps`;
        :func:`govdisclosure.formatting.format_explanation` words them.
        """
        reg = self.rule.regulation
        steps: list[ExplanationStep] = [
            PublicationPeriodStep(reg, self.rule.working_days, self.rule.article),
            FormedStep(self.formed_on, self.change),
        ]
        if self.skipped:
            steps.append(RestDaysStep(self.skipped))
        if self.makeup_days:
            steps.append(MakeupDaysStep(self.makeup_days))
        steps.append(DueStep(self.due_on, self.rule.working_days, self.estimated))
        return tuple(steps)


@attrs.frozen
class PublicationDue:
    """The last day to publish (Art. 26), the rule it comes from, and how it was reached.

    >>> from govdisclosure.model.proactive import DisclosureCategory
    >>> due = publication_due(ProactiveItem(id="1", title="通知",
    ...     category=DisclosureCategory.OTHER, formed_on=dt.date(2025, 1, 24)))
    >>> str(due)
    '2025-02-27 (publication, 20 working days from 2025-01-24, 国务院令第711号)'
    >>> due.explain().steps[-1]
    DueStep(due_on=datetime.date(2025, 2, 27), working_days=20, estimated=False)
    """

    due_on: dt.date
    """The last day to publish."""
    formed_on: dt.date
    """The day the information was formed or changed (not counted)."""
    rule: PublicationRule
    estimated: bool
    """True when the date rests on estimated (weekends-only) calendar days."""
    calendar: WorkdayCalendar = attrs.field(eq=False, repr=False)
    change: StatusChangeKind | None = None
    """``None`` for the item's own publication, else the document change being published."""

    @property
    def regulation(self) -> Regulation:
        """The regulation in force on the day the information was formed or changed."""
        return self.rule.regulation

    @property
    def working_days(self) -> int:
        """The period in working days."""
        return self.rule.working_days

    def explain(self) -> PublicationExplanation:
        """The days skipped and the make-up days counted (computed on each call)."""
        skipped, makeup = classify(self.calendar, [(self.formed_on, self.due_on)])
        return PublicationExplanation(
            rule=self.rule,
            change=self.change,
            formed_on=self.formed_on,
            skipped=skipped,
            makeup_days=makeup,
            due_on=self.due_on,
            estimated=self.estimated,
            calendar_version=self.calendar.version,
        )

    def __str__(self) -> str:
        text = (
            f"{self.due_on.isoformat()} (publication, {self.working_days} working days"
            f" from {self.formed_on.isoformat()}, {self.regulation.instrument})"
        )
        return text + (" [estimated]" if self.estimated else "")


def _resolve(calendar: WorkdayCalendar | None) -> WorkdayCalendar:
    return calendar if calendar is not None else default_calendar()


def _due(
    formed: dt.date, cal: WorkdayCalendar, change: StatusChangeKind | None = None
) -> PublicationDue:
    rule = publication_rule_in_force(formed)
    start = formed.toordinal()
    end = cal.add_workdays_ordinal(start, rule.working_days)
    estimated = cal.estimate and not cal.covers_ordinals(start, end)
    return PublicationDue(dt.date.fromordinal(end), formed, rule, estimated, cal, change)


def publication_due(
    item: ProactiveItem, *, calendar: WorkdayCalendar | None = None
) -> PublicationDue:
    """The Art. 26 deadline for publishing ``item`` (20 working days after ``formed_on``).

    Raises :class:`~govdisclosure.rules.regulation.NoRegulationInForce` for information formed
    before 2008-05-01 and :class:`~govdisclosure.errors.CalendarDataUnavailable` when the count
    reaches a year without calendar data (unless the calendar estimates).

    >>> from govdisclosure.model.proactive import DisclosureCategory
    >>> item = ProactiveItem(id="1", title="通知", category=DisclosureCategory.OTHER,
    ...                      formed_on=dt.date(2019, 5, 14))
    >>> due = publication_due(item)
    >>> due.due_on, due.rule.article
    (datetime.date(2019, 6, 12), '第十八条')
    """
    return _due(item.formed_on, _resolve(calendar))


class Timeliness(LabelledEnum):
    """Whether a publication obligation was met in time, as of a day.

    >>> Timeliness.LATE.label, Timeliness.LATE.is_late
    ('逾期公开', True)
    """

    ON_TIME = "on-time", "按时公开", "published on time"
    LATE = "late", "逾期公开", "published late"
    OVERDUE = "overdue", "逾期未公开", "unpublished after the deadline"
    PENDING = "pending", "期限内未公开", "unpublished, not yet due"

    @property
    def is_late(self) -> bool:
        """True for an obligation that missed its deadline (late or still overdue)."""
        return self in (Timeliness.LATE, Timeliness.OVERDUE)


@attrs.frozen
class Obligation:
    """One Art. 26 publication an item owes: of itself, or of a document change.

    >>> from govdisclosure.model.proactive import DisclosureCategory, StatusChange, StatusChangeKind
    >>> item = ProactiveItem(
    ...     id="1", title="某办法", category=DisclosureCategory.NORMATIVE_DOCUMENT,
    ...     formed_on=dt.date(2023, 3, 1), published_on=dt.date(2023, 3, 2),
    ...     history=(StatusChange(kind=StatusChangeKind.REPEALED, on=dt.date(2024, 9, 27)),))
    >>> [(o.change and o.change.kind.code, o.due.due_on.isoformat()) for o in obligations(item)]
    [(None, '2023-03-29'), ('repealed', '2024-10-30')]
    """

    item: ProactiveItem
    change: StatusChange | None
    """``None`` for the item's own publication."""
    due: PublicationDue

    @property
    def published_on(self) -> dt.date | None:
        """The day it was published, or ``None``."""
        return self.item.published_on if self.change is None else self.change.published_on

    def timeliness(self, as_of: dt.date | None = None) -> Timeliness:
        """On time, late, overdue or pending as of ``as_of`` (all facts when ``None``).

        A publication after ``as_of`` is not known on that day.
        """
        return _judge(self.due.due_on.toordinal(), self.published_on, as_of)

    def _late_until(self, as_of: dt.date | None) -> dt.date | None:
        published = self.published_on
        if published is not None and (as_of is None or published <= as_of):
            return published
        return as_of

    def days_late(self, as_of: dt.date | None = None) -> int:
        """Calendar days past the deadline when published (or as of ``as_of`` if unpublished).

        0 for an obligation met in time or not yet due.
        """
        end = self._late_until(as_of)
        return 0 if end is None or end <= self.due.due_on else (end - self.due.due_on).days

    def working_days_late(self, as_of: dt.date | None = None) -> int:
        """Working days past the deadline up to publication (or ``as_of`` if unpublished).

        0 for an obligation met in time or not yet due, and also for one published late on a
        rest day right after its deadline (it is late by :meth:`days_late` only).
        """
        end = self._late_until(as_of)
        if end is None or end <= self.due.due_on:
            return 0
        return self.due.calendar.count_workdays(self.due.due_on, end)


def _judge(due: int, published: dt.date | None, as_of: dt.date | None) -> Timeliness:
    if published is not None and (as_of is None or published <= as_of):
        return Timeliness.ON_TIME if published.toordinal() <= due else Timeliness.LATE
    if as_of is not None and as_of.toordinal() > due:
        return Timeliness.OVERDUE
    return Timeliness.PENDING


_CHANGES = (StatusChangeKind.AMENDED, StatusChangeKind.REPEALED, StatusChangeKind.EXPIRED)


def obligations(
    item: ProactiveItem, *, calendar: WorkdayCalendar | None = None
) -> tuple[Obligation, ...]:
    """The publications ``item`` owes under Art. 26: itself, then each later document change.

    Information formed (or a change made) before 2008-05-01 owed nothing under the Regulation:
    it has no obligation here.
    """
    cal = _resolve(calendar)
    out: list[Obligation] = []
    if item.formed_on >= _FIRST:
        out.append(Obligation(item, None, _due(item.formed_on, cal)))
    for change in item.history:
        if change.kind in _CHANGES and change.on >= _FIRST:
            out.append(Obligation(item, change, _due(change.on, cal, change.kind)))
    return tuple(out)


def timeliness(
    item: ProactiveItem,
    *,
    as_of: dt.date | None = None,
    calendar: WorkdayCalendar | None = None,
) -> Timeliness:
    """Whether the item itself was (or is being) published in time, as of ``as_of``.

    Raises :class:`~govdisclosure.rules.regulation.NoRegulationInForce` for information formed
    before 2008-05-01 (no deadline applied to it).

    >>> from govdisclosure.model.proactive import DisclosureCategory
    >>> item = ProactiveItem(id="1", title="通知", category=DisclosureCategory.OTHER,
    ...                      formed_on=dt.date(2024, 9, 27), published_on=dt.date(2024, 10, 31))
    >>> timeliness(item).code, timeliness(item, as_of=dt.date(2024, 10, 30)).code
    ('late', 'pending')
    """
    due = publication_due(item, calendar=calendar)
    return _judge(due.due_on.toordinal(), item.published_on, as_of)


@attrs.frozen
class LatePublication:
    """An obligation that missed its deadline: published late, or still unpublished after it."""

    obligation: Obligation
    status: Timeliness
    days_late: int
    """Calendar days past the deadline (always at least 1)."""
    working_days_late: int
    """Working days past the deadline (0 when published on a rest day right after it)."""

    @property
    def item(self) -> ProactiveItem:
        """The register entry."""
        return self.obligation.item


def _scan(
    items: Iterable[ProactiveItem],
    cal: WorkdayCalendar,
    as_of: dt.date | None,
    late_out: list[tuple[ProactiveItem, StatusChange | None, Timeliness]] | None,
) -> list[int]:
    """Judge every obligation of ``items`` as of ``as_of``: the fast path of the batch functions.

    Returns the counts [on time, late, overdue, pending, not subject]; with ``late_out``, the
    late and overdue obligations are appended to it. Information formed, and changes made,
    after ``as_of`` are not known on that day and are skipped.
    """
    # The calendar's tables of period ends by start day: one list lookup per item, no call.
    ends19 = cal.period_ends(PUBLICATION_RULE_2019.working_days)
    ends08 = cal.period_ends(PUBLICATION_RULE_2008.working_days)
    base, size = ends19.first, len(ends19.ends)
    new_ends, old_ends = ends19.ends, ends08.ends
    judged = as_of is not None
    horizon = as_of.toordinal() if as_of is not None else dt.date.max.toordinal()
    first, switch = _FIRST_ORDINAL, _SWITCH_ORDINAL
    changes = _CHANGES
    late_kind, overdue_kind = Timeliness.LATE, Timeliness.OVERDUE
    on_time = late = overdue = pending = not_subject = 0
    for item in items:
        start = item.formed_on.toordinal()
        if start > horizon:
            continue
        if start < first:
            not_subject += 1
        else:
            offset = start - base
            due = (new_ends if start >= switch else old_ends)[offset] if 0 <= offset < size else 0
            if not due:
                raise ends19.unavailable(start)
            published = item.published_on
            day = -1 if published is None else published.toordinal()
            if 0 <= day <= horizon:
                if day <= due:
                    on_time += 1
                else:
                    late += 1
                    if late_out is not None:
                        late_out.append((item, None, late_kind))
            elif judged and horizon > due:
                overdue += 1
                if late_out is not None:
                    late_out.append((item, None, overdue_kind))
            else:
                pending += 1
        if item.history:
            for change in item.history:
                start = change.on.toordinal()
                if change.kind not in changes or start > horizon or start < first:
                    continue
                due = (ends19 if start >= switch else ends08).end(start)
                status = _judge(due, change.published_on, as_of)
                if status is Timeliness.ON_TIME:
                    on_time += 1
                elif status is Timeliness.PENDING:
                    pending += 1
                else:
                    if status is late_kind:
                        late += 1
                    else:
                        overdue += 1
                    if late_out is not None:
                        late_out.append((item, change, status))
    return [on_time, late, overdue, pending, not_subject]


def late_publications(
    items: Iterable[ProactiveItem],
    *,
    as_of: dt.date | None = None,
    calendar: WorkdayCalendar | None = None,
) -> tuple[LatePublication, ...]:
    """Every obligation of ``items`` that missed its deadline, as of ``as_of``.

    Without ``as_of``, only publications that came late are known (an unpublished item is never
    overdue without a day to judge on).

    >>> from govdisclosure.model.proactive import DisclosureCategory
    >>> late = ProactiveItem(id="1", title="通知", category=DisclosureCategory.OTHER,
    ...                      formed_on=dt.date(2024, 9, 27), published_on=dt.date(2024, 11, 1))
    >>> [(x.item.id, x.status.code, x.days_late, x.working_days_late)
    ...  for x in late_publications([late])]
    [('1', 'late', 2, 2)]
    """
    cal = _resolve(calendar)
    found: list[tuple[ProactiveItem, StatusChange | None, Timeliness]] = []
    _scan(items, cal, as_of, found)
    out: list[LatePublication] = []
    dues: dict[tuple[dt.date, StatusChangeKind | None], PublicationDue] = {}
    for item, change, status in found:
        key = (item.formed_on, None) if change is None else (change.on, change.kind)
        due = dues.get(key)
        if due is None:
            due = dues[key] = _due(key[0], cal, key[1])
        obligation = Obligation(item, change, due)
        out.append(
            LatePublication(
                obligation,
                status,
                obligation.days_late(as_of),
                obligation.working_days_late(as_of),
            )
        )
    return tuple(out)


@attrs.frozen
class TimelinessSummary:
    """How many Art. 26 obligations were met on time, late, or are overdue or pending.

    ``not_subject`` counts items formed before 2008-05-01, which owed no publication deadline.
    """

    as_of: dt.date | None
    on_time: int
    late: int
    overdue: int
    pending: int
    not_subject: int

    @property
    def total(self) -> int:
        """Obligations judged (``not_subject`` not included)."""
        return self.on_time + self.late + self.overdue + self.pending


def timeliness_summary(
    items: Iterable[ProactiveItem],
    *,
    as_of: dt.date | None = None,
    calendar: WorkdayCalendar | None = None,
) -> TimelinessSummary:
    """Counts of every obligation of ``items`` by :class:`Timeliness`, as of ``as_of``.

    >>> from govdisclosure.model.proactive import DisclosureCategory
    >>> item = ProactiveItem(id="1", title="通知", category=DisclosureCategory.OTHER,
    ...                      formed_on=dt.date(2024, 9, 27), published_on=dt.date(2024, 10, 8))
    >>> timeliness_summary([item]).on_time
    1
    """
    on_time, late, overdue, pending, not_subject = _scan(items, _resolve(calendar), as_of, None)
    return TimelinessSummary(as_of, on_time, late, overdue, pending, not_subject)


class ReviewProblemKind(LabelledEnum):
    """What is wrong with an item's pre-publication review (先审查、后公开).

    >>> ReviewProblemKind.BEFORE_REVIEW.label
    '先公开后审查'
    """

    NO_REVIEW = "no-review", "未经审查即公开", "published without a recorded review"
    BEFORE_REVIEW = "before-review", "先公开后审查", "published before its review"
    AGAINST_REVIEW = (
        "against-review",
        "违反审查结论公开",
        "published although the review decided not to publish (or to defer)",
    )
    MISSING_KIND = "missing-kind", "缺少必要审查", "published without a required kind of review"


@attrs.frozen
class ReviewProblem:
    """A problem with the review of a published item.

    ``review`` is the review concerned (the first one after publication, the one whose result
    forbade publication), ``kind_missing`` the required kind of review that is absent.
    """

    kind: ReviewProblemKind
    item: ProactiveItem
    review: PublicationReview | None = None
    kind_missing: ReviewKind | None = None


def review_problems(
    item: ProactiveItem, *, required: Iterable[ReviewKind] = ()
) -> tuple[ReviewProblem, ...]:
    """The problems with a published item's review: none for an unpublished item.

    - no review recorded at all: :attr:`ReviewProblemKind.NO_REVIEW`;
    - reviews recorded, none on or before the day of publication:
      :attr:`ReviewProblemKind.BEFORE_REVIEW`;
    - the latest review of each kind done by publication did not allow publication (不予公开,
      暂缓公开): :attr:`ReviewProblemKind.AGAINST_REVIEW`;
    - with ``required`` kinds (e.g. :attr:`~govdisclosure.model.proactive.ReviewKind.LEGALITY`
      for normative documents), a kind with no review by publication:
      :attr:`ReviewProblemKind.MISSING_KIND`.

    >>> from govdisclosure.model.proactive import (
    ...     DisclosureCategory, PublicationReview, ReviewDecision, ReviewKind)
    >>> review = PublicationReview(kind=ReviewKind.CONFIDENTIALITY, reviewed_on=dt.date(2024, 3, 8),
    ...                            result=ReviewDecision.PUBLISH)
    >>> item = ProactiveItem(id="1", title="通知", category=DisclosureCategory.OTHER,
    ...                      formed_on=dt.date(2024, 3, 1), published_on=dt.date(2024, 3, 6),
    ...                      reviews=(review,))
    >>> [p.kind.code for p in review_problems(item)]
    ['before-review']
    """
    published = item.published_on
    if published is None:
        return ()
    reviews = item.reviews
    needed = tuple(required)
    if not reviews:
        return (ReviewProblem(ReviewProblemKind.NO_REVIEW, item),)
    done = [r for r in reviews if r.reviewed_on <= published]
    if not done:
        first = min(reviews, key=lambda r: r.reviewed_on)
        return (ReviewProblem(ReviewProblemKind.BEFORE_REVIEW, item, first),)
    out: list[ReviewProblem] = []
    latest: dict[ReviewKind, PublicationReview] = {}
    for review in sorted(done, key=lambda r: r.reviewed_on):
        latest[review.kind] = review
    for review in latest.values():
        if not review.result.allows_publication:
            out.append(ReviewProblem(ReviewProblemKind.AGAINST_REVIEW, item, review))
    for kind in needed:
        if kind not in latest:
            out.append(ReviewProblem(ReviewProblemKind.MISSING_KIND, item, kind_missing=kind))
    return tuple(out)


_ALLOWED = frozenset(d for d in ReviewDecision if d.allows_publication)


def review_problems_of(
    items: Iterable[ProactiveItem],
    *,
    required: Iterable[ReviewKind] = (),
    year: int | None = None,
) -> tuple[ReviewProblem, ...]:
    """:func:`review_problems` of every item (published in ``year``, if given): the batch path.

    An item with a single review, done by publication and allowing it, is passed over at once.

    >>> from govdisclosure.model.proactive import DisclosureCategory
    >>> items = [ProactiveItem(id=str(n), title="通知", category=DisclosureCategory.OTHER,
    ...                        formed_on=dt.date(2024, 3, 1), published_on=dt.date(2024, 3, 6))
    ...          for n in range(3)]
    >>> [p.item.id for p in review_problems_of(items)]
    ['0', '1', '2']
    >>> review_problems_of(items, year=2023)
    ()
    """
    needed = tuple(required)
    allowed = _ALLOWED
    out: list[ReviewProblem] = []
    for item in items:
        published = item.published_on
        if published is None or (year is not None and published.year != year):
            continue
        reviews = item.reviews
        if not needed and len(reviews) == 1:
            review = reviews[0]
            if review.reviewed_on <= published and review.result in allowed:
                continue
        out.extend(review_problems(item, required=needed))
    return tuple(out)
