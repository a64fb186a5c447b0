"""Reply due dates over arrays (numpy): the calendar's period-ends tables, indexed in bulk.

:func:`due_date_array` takes the days of receipt (and, optionally, the length of the one extension
each request had) as arrays and returns a :class:`DueDateArray`: the due days as
``datetime64[D]``, the regulation and the working days of each row, whether it rests on estimated
calendar days, and :meth:`DueDateArray.explain` for the full
:class:`~govdisclosure.rules.deadlines.DueDate` (with its explanation) of any one row. Every due
day is one lookup in :meth:`WorkdayCalendar.period_ends
<govdisclosure.rules.WorkdayCalendar.period_ends>`'s table, so holidays, weekends and
the 调休 make-up working days count exactly as :func:`~govdisclosure.rules.due_date`
counts them.

:func:`request_due_dates` does the same for request objects: requests without events, or whose
only timing event is one extension, are computed on arrays; every other request goes through
:func:`~govdisclosure.rules.due_date` (never a different answer, only a slower one).

numpy is an optional dependency (the ``fast`` extra), imported on first use.

>>> import numpy as np
>>> due = due_date_array(np.array(["2024-09-27", "2018-09-28", "2024-09-27"], "datetime64[D]"),
...                      extension_days=[0, 0, 20])
>>> due.dates
array(['2024-10-30', '2018-10-24', '2024-11-27'], dtype='datetime64[D]')
>>> due.regulation_codes, due.working_days.tolist()
(('2019', '2008', '2019'), [20, 15, 40])
>>> due.explain(2).due_on, due.explain(2).extension
(datetime.date(2024, 11, 27), Extension(granted_on=None, working_days=20))
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.errors import LifecycleError
from govdisclosure.model.request import Extended, Replied, Transferred, Withdrawn
from govdisclosure.rules.calendar import WorkdayCalendar, default_calendar
from govdisclosure.rules.deadlines import Counting, DueDate, Extension, due_date
from govdisclosure.rules.fold import _LAPSE_OUTCOME
from govdisclosure.rules.regulation import REGULATIONS, NoRegulationInForce, Regulation

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from govdisclosure.model.request import DisclosureRequest

__all__ = ["DueDateArray", "due_date_array", "request_due_dates"]

_EPOCH = dt.date(1970, 1, 1).toordinal()
# Events that leave the reply due date where receipt and the extension put it.
_NEUTRAL = (Replied, Transferred, Withdrawn)
# Replies that name an earlier notice (逾期不补正, 逾期未缴费, the outcomes of a lapse): with no
# correction or fee event in the history they are impossible, and only the general path says so.
_NEEDS_NOTICE = frozenset(_LAPSE_OUTCOME.values())


def _numpy() -> Any:
    """numpy, or an :class:`ImportError` naming the extra that brings it."""
    try:
        return importlib.import_module("numpy")
    except ImportError as exc:  # pragma: no cover - the test environment has numpy
        raise ImportError(
            "vectorised due dates need numpy: pip install 'govdisclosure[fast]'"
        ) from exc


def _regulations() -> tuple[Regulation, ...]:
    return tuple(sorted(REGULATIONS, key=lambda r: r.in_force_from))


# Markers in the reply tables (below every real day): why a row has no due day.
_NO_REGULATION = -(2**62)
_TOO_LONG = _NO_REGULATION + 1
_BEYOND_DATA = _NO_REGULATION + 2
_FIRST_VALID = _NO_REGULATION + 3


def _reply_table(cal: WorkdayCalendar, extension: int) -> Any:
    """Due day (days since 1970-01-01) of a reply extended by ``extension``, per day of receipt.

    The regulation in force on each day of receipt picks the period; the table is built from
    :meth:`WorkdayCalendar.period_ends` once per calendar and extension, and kept in its memo.
    """
    key = f"vectorised.reply_ends.{extension}"
    table = cal.memo.get(key)
    if table is None:
        np = _numpy()
        any_ends = cal.period_ends(1)
        start, width = any_ends.first, len(any_ends.ends)
        days = np.arange(start, start + width, dtype="int64")
        table = np.full(width, _NO_REGULATION, dtype="int64")
        for reg in _regulations():
            since = reg.in_force_from.toordinal()
            until = reg.in_force_until.toordinal() if reg.in_force_until else start + width
            rows = (days >= since) & (days <= until)
            if extension > reg.extension_max_working_days:
                table[rows] = _TOO_LONG
                continue
            n = reg.reply_working_days + extension
            ends = np.array(cal.period_ends(n).ends, dtype="int64")
            table[rows] = np.where(ends[rows] == 0, _BEYOND_DATA, ends[rows] - _EPOCH)
        table.flags.writeable = False
        cal.memo[key] = table
    return table


@attrs.frozen(eq=False)
class DueDateArray:
    """The reply due dates of many requests, as arrays; one row per request.

    ``dates`` are ``datetime64[D]``; the regulation and the working days of each row are
    derived on request (:attr:`regulations`, :attr:`working_days`), and :meth:`explain` gives any
    row as a :class:`~govdisclosure.rules.deadlines.DueDate`.
    """

    dates: Any
    """The due days (``numpy.ndarray`` of ``datetime64[D]``)."""
    received_on: Any = attrs.field(repr=False)
    """The days of receipt (``datetime64[D]``)."""
    extension_days: Any = attrs.field(repr=False)
    """The extension per row, 0 for none (``int64``)."""
    extended_on: Any = attrs.field(repr=False)
    """The day of each extension (``datetime64[D]``, NaT when none or not known), or ``None``."""
    estimated: Any = attrs.field(repr=False)
    """True where the row rests on estimated calendar days (``bool``)."""
    calendar: WorkdayCalendar = attrs.field(repr=False)
    """The calendar counted with."""
    regulation_table: tuple[Regulation, ...] = attrs.field(
        init=False, repr=False, factory=_regulations
    )
    """The regulations :attr:`regulations` refers to, oldest first."""

    def __len__(self) -> int:
        return len(self.dates)

    @property
    def regulations(self) -> Any:
        """Index into :attr:`regulation_table` of the regulation of each row (``int8``)."""
        np = _numpy()
        days = self.received_on.astype("int64")
        index = np.zeros(len(days), dtype="int8")
        for i, reg in enumerate(self.regulation_table[1:], start=1):
            index[days >= reg.in_force_from.toordinal() - _EPOCH] = i
        return index

    @property
    def regulation_codes(self) -> tuple[str, ...]:
        """The code of the regulation of each row (``"2008"`` or ``"2019"``)."""
        codes = [r.code for r in self.regulation_table]
        return tuple(codes[i] for i in self.regulations.tolist())

    @property
    def working_days(self) -> Any:
        """Working days counted per row: the regulation's period plus the extension."""
        np = _numpy()
        base = np.array([r.reply_working_days for r in self.regulation_table], dtype="int64")
        return base[self.regulations] + self.extension_days

    def explain(self, index: int) -> DueDate:
        """Row ``index`` as a :class:`~govdisclosure.rules.deadlines.DueDate`, explanation and all.

        It equals what :func:`~govdisclosure.rules.due_date` gives for the request.
        """
        received = _date(self.received_on[index])
        reg = self.regulation_table[int(self.regulations[index])]
        days = int(self.extension_days[index])
        extension = None
        if days:
            on = None if self.extended_on is None else self.extended_on[index]
            granted = None if on is None or _numpy().isnat(on) else _date(on)
            extension = Extension(granted, days)
        counting = Counting(reg, self.calendar, reg.reply_working_days, extension=extension)
        return DueDate(_date(self.dates[index]), received, bool(self.estimated[index]), counting)


def _date(day: Any) -> dt.date:
    return dt.date.fromordinal(int(day.astype("int64")) + _EPOCH)


def _days(values: Any, name: str, shape: tuple[int, ...] | None = None) -> Any:
    np = _numpy()
    array = np.asarray(values, dtype="datetime64[D]")
    if array.ndim != 1 or (shape is not None and array.shape != shape):
        raise ValueError(f"{name} must be one-dimensional like received_on, got {array.shape}")
    return array


def due_date_array(
    received_on: Any,
    extension_days: Any = None,
    *,
    extended_on: Any = None,
    calendar: WorkdayCalendar | None = None,
) -> DueDateArray:
    """The reply due day of every request given by its day of receipt (and its extension).

    ``received_on`` is anything :func:`numpy.asarray` turns into ``datetime64[D]`` (an array of
    dates, ISO strings or ``datetime64``); ``extension_days`` the working days of each request's
    one extension (0 for none), ``extended_on`` the days they were granted (only shown in
    explanations). The rules are those of :func:`~govdisclosure.rules.due_date`:
    receipt before 2008-05-01 raises
    :class:`~govdisclosure.rules.regulation.NoRegulationInForce`, an extension longer than its
    regulation allows raises :class:`~govdisclosure.errors.LifecycleError`, a period reaching a
    year without calendar data raises :class:`~govdisclosure.errors.CalendarDataUnavailable`
    (unless the calendar estimates); each names the first row at fault.

    >>> import numpy as np
    >>> due_date_array(np.array(["2025-01-24"], "datetime64[D]")).dates
    array(['2025-02-27'], dtype='datetime64[D]')
    >>> due_date_array(np.array(["2008-04-30"], "datetime64[D]"))
    Traceback (most recent call last):
    ...
    govdisclosure.rules.regulation.NoRegulationInForce: no regulation ... in force on 2008-04-30 ...
    >>> due_date_array(["2024-09-27"], [25])
    Traceback (most recent call last):
    ...
    govdisclosure.errors.LifecycleError: row 0: an extension of 25 working days exceeds the 20 ...
    >>> due_date_array(["2026-12-30"])
    Traceback (most recent call last):
    ...
    govdisclosure.errors.CalendarDataUnavailable: no official working-day data for 2027 ...
    """
    np = _numpy()
    cal = calendar if calendar is not None else default_calendar()
    received = _days(received_on, "received_on")
    size = len(received)
    days = received.view("int64")  # days since 1970-01-01; NaT is the smallest int64
    if extension_days is None:
        extension = np.zeros(size, dtype="int64")
    else:
        extension = np.asarray(extension_days, dtype="int64")
        if extension.shape != received.shape:
            raise ValueError(
                f"extension_days must be one-dimensional like received_on, got {extension.shape}"
            )
    granted = None if extended_on is None else _days(extended_on, "extended_on", received.shape)

    base_table = _reply_table(cal, 0)
    start = cal.period_ends(1).first - _EPOCH
    width = len(base_table)
    ends = base_table[:0]
    if size:
        lo, hi = int(days.min()), int(days.max())
        if lo < start or hi >= start + width:
            _raise_outside(cal, received, days, start, width)
        # int32 offsets: half the memory traffic of the one temporary array.
        offset = np.empty(size, dtype="int32")
        np.subtract(days, start, out=offset, casting="unsafe")
        if extension_days is not None and int(extension.min()) < 0:
            _raise_extension(extension, received, int(np.flatnonzero(extension < 0)[0]))
        if extension_days is None or not extension.any():
            ends = base_table.take(offset)
        else:
            present = np.flatnonzero(np.bincount(extension))
            code = np.zeros(int(present[-1]) + 1, dtype="int64")
            code[present] = np.arange(len(present))
            flat = np.concatenate([_reply_table(cal, int(e)) for e in present])
            ends = flat.take(code[extension] * width + offset)
        if int(ends.min()) < _FIRST_VALID:
            _raise_row(cal, received, extension, ends)
    if cal.estimate:
        first_covered, last_covered = cal.covered
        estimated = (days < first_covered.toordinal() - _EPOCH) | (
            ends > last_covered.toordinal() - _EPOCH
        )
    else:
        estimated = np.zeros(size, dtype="bool")
    return DueDateArray(
        dates=ends.view("datetime64[D]"),
        received_on=received,
        extension_days=extension,
        extended_on=granted,
        estimated=estimated,
        calendar=cal,
    )


def _raise_outside(cal: WorkdayCalendar, received: Any, days: Any, start: int, width: int) -> None:
    np = _numpy()
    if np.isnat(received).any():
        row = int(np.flatnonzero(np.isnat(received))[0])
        raise ValueError(f"received_on[{row}] is missing (NaT): every request has a day of receipt")
    row = int(np.flatnonzero((days < start) | (days >= start + width))[0])
    day = _date(received[row])
    if day < _regulations()[0].in_force_from:
        raise NoRegulationInForce(day)
    raise cal.period_ends(1).unavailable(day.toordinal())


def _raise_extension(extension: Any, received: Any, row: int) -> None:
    days = int(extension[row])
    if days < 0:
        raise LifecycleError(
            f"row {row}: an extension is a positive number of working days, got {days}",
            f"第{row}行：延长期限应为正整数个工作日，实际为{days}",
        )
    reg = next(r for r in _regulations() if r.applies_on(_date(received[row])))
    most = reg.extension_max_working_days
    raise LifecycleError(
        f"row {row}: an extension of {days} working days exceeds the {most} allowed by the"
        f" {reg.code} regulation",
        f"第{row}行：延长{days}个工作日，超过{reg.instrument}规定的{most}个工作日",
    )


def _raise_row(cal: WorkdayCalendar, received: Any, extension: Any, ends: Any) -> None:
    np = _numpy()
    row = int(np.flatnonzero(ends < _FIRST_VALID)[0])
    marker = int(ends[row])
    day = _date(received[row])
    if marker == _NO_REGULATION:
        raise NoRegulationInForce(day)
    if marker == _TOO_LONG:
        _raise_extension(extension, received, row)
    reg = next(r for r in _regulations() if r.applies_on(day))
    n = reg.reply_working_days + int(extension[row])
    raise cal.period_ends(n).unavailable(day.toordinal())


def _extension_only(request: DisclosureRequest) -> int | None:
    """The extension of a request whose due date only receipt and one extension decide.

    ``0`` when it has no extension, ``None`` when some event needs the general path.
    """
    days = 0
    previous = request.received_on
    final = False
    for event in request.events:
        # An early or out-of-order event, anything after the reply or withdrawal, a second
        # extension: the general path checks the history and raises, exactly as due_date does.
        if event.on < previous or final:
            return None
        previous = event.on
        kind = type(event)
        if kind is Extended:
            if days:
                return None
            days = event.working_days  # type: ignore[attr-defined]
        elif kind in _NEUTRAL:
            if kind is Replied and event.outcome in _NEEDS_NOTICE:  # type: ignore[attr-defined]
                return None
            final = kind is not Transferred
        else:
            return None
    return days


def _first_error(items: list[DisclosureRequest], rows: list[int], cal: WorkdayCalendar) -> None:
    """Raise the error due_date raises for the first of ``rows`` at fault, if any is."""
    for i in rows:
        due_date(items[i], calendar=cal)


def request_due_dates(
    requests: Iterable[DisclosureRequest] | Sequence[DisclosureRequest],
    *,
    calendar: WorkdayCalendar | None = None,
) -> list[dt.date]:
    """The reply due day of each request, the simple ones computed on arrays.

    The result equals ``[due_date(r).due_on for r in requests]``: requests without events (or with
    one extension and only replies, transfers or withdrawals besides) are computed by
    :func:`due_date_array`; every other request by
    :func:`~govdisclosure.rules.due_date`.

    >>> from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
    >>> from govdisclosure.model.request import DisclosureRequest
    >>> mk = lambda d: DisclosureRequest(
    ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON), received_on=d,
    ...     method=SubmissionMethod.ONLINE, description="预算")
    >>> request_due_dates([mk(dt.date(2024, 9, 27)), mk(dt.date(2018, 9, 28))])
    [datetime.date(2024, 10, 30), datetime.date(2018, 10, 24)]
    """
    np = _numpy()
    cal = calendar if calendar is not None else default_calendar()
    items = list(requests)
    simple: list[int] = []
    received: list[int] = []
    extension: list[int] = []
    out: list[dt.date | None] = [None] * len(items)
    for i, request in enumerate(items):
        days = _extension_only(request) if request.events else 0
        if days is None:
            try:
                out[i] = due_date(request, calendar=cal).due_on
            except (LifecycleError, LookupError):
                # An earlier request on the array path may be at fault first: raise its error.
                _first_error(items, simple, cal)
                raise
            continue
        simple.append(i)
        received.append(request.received_on.toordinal() - _EPOCH)
        extension.append(days)
    if simple:
        try:
            result = due_date_array(
                np.array(received, dtype="int64").astype("datetime64[D]"),
                np.array(extension, dtype="int64"),
                calendar=cal,
            )
        except (LifecycleError, LookupError):
            _first_error(items, simple, cal)
            raise  # pragma: no cover - _first_error raised
        fromordinal = dt.date.fromordinal
        for i, day in zip(simple, (result.dates.astype("int64") + _EPOCH).tolist(), strict=True):
            out[i] = fromordinal(day)
    return out  # type: ignore[return-value]
