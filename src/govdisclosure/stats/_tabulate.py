"""Tabulating request logs and review cases into tables 3 and 4."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.errors import CalendarDataUnavailable
from govdisclosure.model.applicant import ApplicantKind
from govdisclosure.model.layout import ApplicationRow, FormatVersion
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.report import AnnualReport2019, AnnualReport2021
from govdisclosure.model.review import Litigation, LitigationRoute, ReviewResult
from govdisclosure.model.tables import ApplicantCounts, ApplicationTable, ReviewCounts, ReviewTable
from govdisclosure.rules.fold import timeline
from govdisclosure.rules.regulation import REGULATIONS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from govdisclosure.model.agency import Agency
    from govdisclosure.model.request import DisclosureRequest
    from govdisclosure.model.review import Reconsideration
    from govdisclosure.rules.fold import Timeline

__all__ = ["Tabulation", "tabulate"]

_KINDS = tuple(ApplicantKind)
_KIND_INDEX = {kind: i for i, kind in enumerate(_KINDS)}
_WIDTH = len(_KINDS)
_RESULT_FIELDS = {
    ReviewResult.MAINTAINED: 0,
    ReviewResult.CORRECTED: 1,
    ReviewResult.OTHER: 2,
    ReviewResult.PENDING: 3,
}


def _outcome_rows(version: FormatVersion) -> dict[Outcome, int]:
    """Offset in the flat counter list of the row each outcome counts in."""
    index = {row: i for i, row in enumerate(version.application_rows)}
    if version is FormatVersion.TRIAL_2019:
        rows = {o: ApplicationRow.from_code(o.trial_row_code) for o in Outcome}
    else:
        rows = {o: ApplicationRow.from_outcome(o) for o in Outcome}
    return {o: index[row] * _WIDTH for o, row in rows.items()}


@attrs.frozen(kw_only=True)
class Tabulation:
    """Tables 3 and 4 computed from request logs and review cases for one year.

    >>> from govdisclosure.model.layout import ApplicationRow
    >>> t = tabulate([], year=2024)
    >>> t.applications.row(ApplicationRow.TOTAL).total, t.reviews.reconsideration.total
    (0, 0)
    """

    year: int
    format_version: FormatVersion
    applications: ApplicationTable
    reviews: ReviewTable

    def report(self, agency: Agency, **fields: Any) -> AnnualReport2019 | AnnualReport2021:
        """An annual report of the tabulation's format holding its tables 3 and 4.

        Other report fields (title, sections…) are passed as keyword arguments.

        >>> from govdisclosure.model import Agency, AgencyLevel, AgencyKind
        >>> agency = Agency(name="某某市人民政府", level=AgencyLevel.PREFECTURE,
        ...                 kind=AgencyKind.PEOPLES_GOVERNMENT)
        >>> type(tabulate([], year=2024).report(agency)).__name__
        'AnnualReport2021'
        """
        cls = (
            AnnualReport2019
            if self.format_version is FormatVersion.TRIAL_2019
            else AnnualReport2021
        )
        return cls(
            agency=agency,
            year=self.year,
            applications=self.applications,
            reviews=self.reviews,
            **fields,
        )


def tabulate(
    requests: Iterable[DisclosureRequest],
    reviews: Iterable[Reconsideration | Litigation] = (),
    *,
    year: int,
    format_version: FormatVersion = FormatVersion.NATIONAL_2021,
    withdrawn: Outcome | None = Outcome.OTHER_OTHER,
) -> Tabulation:
    """Count requests and review cases into tables 3 and 4 of ``year``'s report.

    - 一、本年新收: received in ``year``.
    - 二、上年结转: received before ``year`` and not finished when it began.
    - 三: finished in ``year``, in the row of its final reply's outcome (under the 2019 trial
      format the three 其他处理 outcomes count in the single （六）其他处理 row).
    - 四、结转下年度: received by the end of ``year`` and not finished then.

    Each request's events are folded once (:func:`govdisclosure.rules.timeline`, tolerant of
    an impossible history). A request is finished on the day of its last
    :class:`~govdisclosure.model.request.Replied` event. A request withdrawn without a reply is
    finished on the day of withdrawal and counts as the ``withdrawn`` outcome (default
    （六）3.其他); with ``withdrawn=None`` it is left out of every table, as if never received.
    Either way the identities of table 3 hold. A request with neither whose correction (or fee)
    was not made by the notice's last day (for a fee, the statutory day when the notice states
    none) is finished the day after, in row （六）1 (or （六）2), exactly when
    :func:`govdisclosure.rules.state` calls it closed. A reply dated before receipt counts as
    given on receipt.

    Review cases count in the year they were filed, in the column of their result as it stood
    at the end of that year: a case filed in November and decided the next January is 尚未审结
    in this year's report (a decided case without a decision date counts by its result).

    >>> from datetime import date
    >>> from govdisclosure.model import Applicant, ApplicantKind, ApplicationRow, Outcome
    >>> from govdisclosure.model import SubmissionMethod
    >>> from govdisclosure.model.request import DisclosureRequest, Replied
    >>> req = DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
    ...     received_on=date(2023, 12, 20), method=SubmissionMethod.ONLINE, description="预算",
    ...     events=(Replied(on=date(2024, 1, 10), outcome=Outcome.GRANTED),),
    ... )
    >>> tabulate([req], year=2023).applications.row(ApplicationRow.CARRIED_FORWARD).total
    1
    >>> t = tabulate([req], year=2024).applications
    >>> t.row(ApplicationRow.CARRIED_OVER).natural_person, t.row(ApplicationRow.GRANTED).total
    (1, 1)
    """
    if not format_version.has_tables:
        raise ValueError(f"format {format_version.code} has no statistical tables")
    layout = format_version.application_rows
    outcome_at = _outcome_rows(format_version)
    withdrawn_at = None if withdrawn is None else outcome_at[withdrawn]
    new_at = layout.index(ApplicationRow.NEW) * _WIDTH
    over_at = layout.index(ApplicationRow.CARRIED_OVER) * _WIDTH
    forward_at = layout.index(ApplicationRow.CARRIED_FORWARD) * _WIDTH
    kind_index = _KIND_INDEX
    counts = [0] * (len(layout) * _WIDTH)
    earliest = REGULATIONS[0]

    for request in requests:
        received = request.received_on
        received_year = received.year
        if received_year > year:
            continue
        done_year, at = 0, -1
        if request.events:
            # The request's one fold, tolerant of a messy log: the last reply and the last
            # withdrawal count, and a correction or fee left past its last day closes the request
            # the day after (（六）1 / （六）2), as rules.state says.
            # A request received before the Regulation (a messy log) is folded under the first
            # text: only its reply or withdrawal can count, and those the fold finds either way.
            reg = earliest if received < earliest.in_force_from else None
            tl = timeline(request, regulation=reg, strict=False)
            if tl.reply is not None:
                done_year, at = tl.reply.on.year, outcome_at[tl.reply.outcome]
            elif tl.withdrawal is not None:
                if withdrawn_at is None:
                    continue
                done_year, at = tl.withdrawal.on.year, withdrawn_at
            else:
                # Closed by a lapse as the request stood at the year's end (a late correction
                # after it reopens the request only from that day on, as rules.state says).
                if received_year < year and _closed_by(tl, year - 1) is not None:
                    continue  # finished before the year began
                lapse = _closed_by(tl, year)
                if lapse is not None:
                    done_year, at = year, outcome_at[lapse]
        column = kind_index[request.applicant.kind]
        if at >= 0 and done_year < received_year:
            done_year = received_year
        if received_year == year:
            counts[new_at + column] += 1
        elif at < 0 or done_year >= year:
            counts[over_at + column] += 1
        else:
            continue
        if at >= 0 and done_year == year:
            counts[at + column] += 1
        else:
            counts[forward_at + column] += 1

    rows = []
    total_row = [0] * _WIDTH
    for i, row in enumerate(layout):
        cells = counts[i * _WIDTH : (i + 1) * _WIDTH]
        if row.is_outcome:
            total_row = [a + b for a, b in zip(total_row, cells, strict=True)]
        elif row is ApplicationRow.TOTAL:
            cells = total_row
        rows.append(_row(row, cells))
    return Tabulation(
        year=year,
        format_version=format_version,
        applications=ApplicationTable(tuple(rows)),
        reviews=_reviews(reviews, year),
    )


def _closed_by(tl: Timeline, year: int) -> Outcome | None:
    """The row an open request closed in by the end of ``year``, if it had closed by then."""
    end = date(year, 12, 31)
    if tl.events and tl.events[-1].on > end:
        tl = tl.at(end)
    try:
        lapse = tl.lapse
    except CalendarDataUnavailable:
        # The statutory fee day lies beyond the calendar data. 20 working days take at least 26
        # calendar days, so a notice from the last 26 days of ``year`` cannot lapse within it:
        # the request is carried forward, which is all this year's tables need to know.
        fee = tl.fee
        if fee is not None and fee.on + timedelta(days=26) > end:
            return None
        raise
    return lapse[1] if lapse is not None and lapse[0] <= end else None


def _row(row: ApplicationRow, cells: list[int]) -> ApplicantCounts:
    values = {kind.attribute: cell for kind, cell in zip(_KINDS, cells, strict=True)}
    return ApplicantCounts(row=row, total=sum(cells), **values)


def _result_at_year_end(case: Reconsideration | Litigation, year: int) -> ReviewResult:
    """The result the report of ``year`` prints: pending if the decision came after the year."""
    decided = case.decided_on
    if decided is not None and decided.year > year:
        return ReviewResult.PENDING
    return case.result


def _reviews(cases: Iterable[Reconsideration | Litigation], year: int) -> ReviewTable:
    groups = [[0, 0, 0, 0] for _ in range(3)]
    for case in cases:
        if case.filed_on.year != year:
            continue
        if isinstance(case, Litigation):
            group = 1 if case.route is LitigationRoute.DIRECT else 2
        else:
            group = 0
        groups[group][_RESULT_FIELDS[_result_at_year_end(case, year)]] += 1
    built = [
        ReviewCounts(maintained=m, corrected=c, other=o, pending=p, total=m + c + o + p)
        for m, c, o, p in groups
    ]
    return ReviewTable(
        reconsideration=built[0],
        litigation_direct=built[1],
        litigation_after_reconsideration=built[2],
    )
