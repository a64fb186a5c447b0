"""The working-day calendar (工作日) the Regulation counts its periods in.

The data is the official State Council holiday arrangement as packaged by ``chinese_calendar``
(rest days with their holiday names, and the 调休 make-up working days). It is read from that
package, never copied here, and its version is recorded on every calendar.

Lookups are precomputed once per calendar: a cumulative count of working days per day and the
sorted ordinals of all working days. Adding *n* working days is then two list lookups, counting
the working days between two dates is one subtraction; nothing ever loops day by day. Code that
counts very many periods uses the ordinal forms (:meth:`WorkdayCalendar.add_workdays_ordinal`,
:meth:`WorkdayCalendar.count_workdays_ordinal`, :meth:`WorkdayCalendar.period_ends`,
:meth:`WorkdayCalendar.covers_ordinals`) and no date objects.

>>> cal = default_calendar()
>>> cal.add_workdays(date(2024, 9, 27), 20)
datetime.date(2024, 10, 30)
>>> cal.day_kind(date(2024, 9, 29)).label, cal.holiday_name(date(2024, 9, 29)).label
('调休上班日', '国庆节')
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs
import chinese_calendar
import chinese_calendar.constants as cc_data

from govdisclosure.errors import CalendarDataUnavailable
from govdisclosure.model.base import LabelledEnum

__all__ = [
    "FIXED_DATE_HOLIDAYS",
    "CalendarDay",
    "DayKind",
    "HolidayName",
    "PeriodEnds",
    "WorkdayCalendar",
    "default_calendar",
    "estimated_calendar",
]

# Estimate mode reaches this far around the official data: far enough for any request a
# register holds, near enough that a typo such as 2240 for 2024 is still an error.
_ESTIMATE_FIRST_YEAR = 2000
_ESTIMATE_LAST_YEAR = 2100


class DayKind(LabelledEnum):
    """What kind of day a date is, and why: the reasons an explanation gives for a day.

    >>> DayKind.WEEKEND.label, DayKind.WEEKEND.is_workday
    ('周末', False)
    >>> DayKind.MAKEUP_WORKDAY.label_en
    'make-up working day (调休)'
    """

    WORKDAY = "workday", "工作日", "working day"
    MAKEUP_WORKDAY = "makeup-workday", "调休上班日", "make-up working day (调休)"
    EXTRA_WORKDAY = "extra-workday", "另行安排的工作日", "additional working day (override)"
    WEEKEND = "weekend", "周末", "weekend"
    HOLIDAY = "holiday", "法定节假日", "public holiday"
    EXTRA_REST_DAY = "extra-rest-day", "另行安排的休息日", "additional rest day (override)"

    @property
    def is_workday(self) -> bool:
        """True for the kinds of day that count as working days."""
        return self in _WORKDAY_KINDS


_WORKDAY_KINDS = frozenset({DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY, DayKind.EXTRA_WORKDAY})


@attrs.frozen
class HolidayName:
    """The name of a holiday (or of an override), in Chinese and English.

    >>> HolidayName.from_chinese_calendar("National Day")
    HolidayName(label='国庆节', label_en='National Day')
    """

    label: str
    """Chinese name as the data gives it, e.g. 国庆节, 春节, 清明."""
    label_en: str
    """English name, e.g. National Day."""

    @classmethod
    def from_chinese_calendar(cls, value: str) -> HolidayName:
        """Name a holiday from the English value ``chinese_calendar`` stores for it."""
        try:
            holiday = chinese_calendar.Holiday(value)
        except ValueError:
            # A holiday added by a newer data release than this code knows: keep its name.
            return cls(value, value)
        return cls(str(holiday.chinese), value)

    def __str__(self) -> str:
        return self.label


@attrs.frozen
class CalendarDay:
    """One date with its kind and, for holidays and make-up days, the holiday it belongs to.

    >>> CalendarDay(date(2024, 10, 1), DayKind.HOLIDAY, HolidayName("国庆节", "National Day"))
    CalendarDay(day=datetime.date(2024, 10, 1), kind=<DayKind.HOLIDAY: 'holiday'>,
                holiday=HolidayName(label='国庆节', label_en='National Day'))
    """

    day: date
    kind: DayKind
    holiday: HolidayName | None = None

    @property
    def is_workday(self) -> bool:
        """True if the day counts as a working day."""
        return self.kind.is_workday


def _data_version() -> str:
    version = getattr(chinese_calendar, "__version__", None)
    if version is None:  # pragma: no cover - every release so far sets __version__
        from importlib.metadata import version as dist_version

        version = dist_version("chinesecalendar")
    return f"chinesecalendar {version}"


@attrs.frozen
class _Source:
    """Official data: rest days and make-up working days with holiday names, and its years."""

    rest_days: Mapping[date, HolidayName]
    makeup_workdays: Mapping[date, HolidayName]
    first_year: int
    last_year: int
    version: str

    @classmethod
    def from_chinese_calendar(cls) -> _Source:
        names: dict[str, HolidayName] = {}

        def name(value: str) -> HolidayName:
            if value not in names:
                names[value] = HolidayName.from_chinese_calendar(value)
            return names[value]

        rest = {day: name(value) for day, value in cc_data.holidays.items()}
        makeup = {day: name(value) for day, value in cc_data.workdays.items()}
        # chinese_calendar itself takes its covered years from the rest-day keys.
        return cls(rest, makeup, min(rest).year, max(rest).year, _data_version())


@functools.cache
def _official_source() -> _Source:
    return _Source.from_chinese_calendar()


def _as_names(days: Iterable[date] | Mapping[date, str]) -> dict[date, HolidayName | None]:
    if isinstance(days, Mapping):
        return {d: (HolidayName(str(n), str(n)) if n else None) for d, n in days.items()}
    return dict.fromkeys(days)


class WorkdayCalendar:
    """Working days from the official data, with optional overrides and an opt-in estimate mode.

    Build one with :func:`default_calendar` (cached) or :meth:`from_chinese_calendar`, and derive
    variants with :meth:`with_overrides`. A date in a year the data does not cover raises
    :class:`~govdisclosure.errors.CalendarDataUnavailable`, unless the calendar was built with
    ``estimate=True``: then years beyond the data count weekends only, and :meth:`covers` tells
    whether a result rests on estimated days.

    >>> cal = default_calendar()
    >>> cal.first_year, cal.last_year
    (2004, 2026)
    >>> cal.is_workday(date(2024, 10, 12))
    True
    >>> cal.count_workdays(date(2024, 9, 27), date(2024, 10, 30))
    20
    >>> cal.add_workdays(date(2027, 1, 4), 1)
    Traceback (most recent call last):
    ...
    govdisclosure.errors.CalendarDataUnavailable: no official working-day data for 2027 ...
    """

    __slots__ = (
        "_base",
        "_covered_first",
        "_covered_last",
        "_cum",
        "_extended",
        "_kinds",
        "_n",
        "_names",
        "_ords",
        "_overrides",
        "_period_ends",
        "_source",
        "estimate",
        "first_year",
        "last_year",
        "memo",
        "version",
    )

    estimate: bool
    """Whether days beyond the official data are estimated (weekends only) instead of refused."""
    first_year: int
    """First year of official data."""
    last_year: int
    """Last year of official data (or of the caller's extension, see :meth:`with_overrides`)."""
    version: str
    """The data version, e.g. ``chinesecalendar 1.11.0``, plus a note on overrides."""
    memo: dict[str, Any]
    """A cache for values that other code derives from this calendar and reuses.

    The calendar itself never reads it; a derived value lives (and dies) with its calendar, and
    each new calendar (from :meth:`with_overrides` or :meth:`estimating`) starts with an empty
    one. Name keys after their owner, e.g. ``govdisclosure.rules.deadlines`` keeps the shared
    :class:`~govdisclosure.rules.deadlines.Counting` of each regulation under
    ``"deadlines.counting.2019"``.

    >>> cal = default_calendar().with_overrides(rest_days=[date(2024, 10, 8)])
    >>> cal.memo
    {}
    >>> cal.memo.setdefault("example.answer", 42)
    42
    """

    def __init__(
        self,
        source: _Source,
        *,
        estimate: bool = False,
        rest_days: Mapping[date, HolidayName | None] | None = None,
        workdays: Mapping[date, HolidayName | None] | None = None,
        extend_to_year: int | None = None,
    ) -> None:
        rest_days = dict(rest_days or {})
        workdays = dict(workdays or {})
        both = sorted(rest_days.keys() & workdays.keys())
        if both:
            raise ValueError(
                f"{both[0].isoformat()} is overridden as both a rest day and a workday"
            )
        if extend_to_year is not None and extend_to_year <= source.last_year:
            raise ValueError(
                f"extend_to_year must be after the data's last year {source.last_year},"
                f" got {extend_to_year}"
            )
        self._source = source
        self.memo = {}
        self._period_ends: dict[int, PeriodEnds] = {}
        self._overrides = (rest_days, workdays)
        self._extended = extend_to_year
        self.estimate = estimate
        self.first_year = source.first_year
        self.last_year = extend_to_year or source.last_year
        notes = []
        if rest_days or workdays:
            notes.append(f"{len(rest_days) + len(workdays)} overrides")
        if extend_to_year is not None:
            notes.append(f"extended to {extend_to_year}")
        self.version = source.version + (f" + {', '.join(notes)}" if notes else "")

        self._covered_first = date(self.first_year, 1, 1).toordinal()
        self._covered_last = date(self.last_year, 12, 31).toordinal()
        if estimate:
            span_first = date(min(_ESTIMATE_FIRST_YEAR, self.first_year), 1, 1).toordinal()
            span_last = date(max(_ESTIMATE_LAST_YEAR, self.last_year), 12, 31).toordinal()
        else:
            span_first, span_last = self._covered_first, self._covered_last
        for day in (*rest_days, *workdays):
            if not span_first <= day.toordinal() <= span_last:
                raise ValueError(
                    f"override {day.isoformat()} lies outside the calendar's years"
                    f" {self.first_year}–{self.last_year}; pass extend_to_year to add a year"
                )
        self._base = span_first
        self._n = span_last - span_first + 1
        self._build(source, rest_days, workdays)

    def _build(
        self,
        source: _Source,
        rest_days: Mapping[date, HolidayName | None],
        workdays: Mapping[date, HolidayName | None],
    ) -> None:
        # The one day-by-day pass, at construction: every query afterwards is a lookup.
        rest = {d.toordinal(): n for d, n in source.rest_days.items()}
        makeup = {d.toordinal(): n for d, n in source.makeup_workdays.items()}
        extra_rest = {d.toordinal(): n for d, n in rest_days.items()}
        extra_work = {d.toordinal(): n for d, n in workdays.items()}
        kinds: list[DayKind] = []
        names: dict[int, HolidayName] = {}
        cum: list[int] = []
        ords: list[int] = []
        count = 0
        for ordinal in range(self._base, self._base + self._n):
            name: HolidayName | None = None
            if ordinal in extra_rest:
                kind, name = DayKind.EXTRA_REST_DAY, extra_rest[ordinal]
            elif ordinal in extra_work:
                kind, name = DayKind.EXTRA_WORKDAY, extra_work[ordinal]
            elif ordinal in makeup:
                kind, name = DayKind.MAKEUP_WORKDAY, makeup[ordinal]
            elif ordinal in rest:
                kind, name = DayKind.HOLIDAY, rest[ordinal]
            elif (ordinal - 1) % 7 >= 5:  # date.weekday() from the ordinal: 0001-01-01 is a Monday
                kind = DayKind.WEEKEND
            else:
                kind = DayKind.WORKDAY
            if kind in _WORKDAY_KINDS:
                count += 1
                ords.append(ordinal)
            kinds.append(kind)
            cum.append(count)
            if name is not None:
                names[ordinal] = name
        self._kinds = kinds
        self._names = names
        self._cum = cum
        self._ords = ords

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def from_chinese_calendar(cls, *, estimate: bool = False) -> WorkdayCalendar:
        """A fresh calendar from the installed ``chinese_calendar`` data.

        Prefer :func:`default_calendar`, which builds each variant once.

        >>> WorkdayCalendar.from_chinese_calendar(estimate=True).estimate
        True
        """
        return cls(_official_source(), estimate=estimate)

    def with_overrides(
        self,
        *,
        rest_days: Iterable[date] | Mapping[date, str] = (),
        workdays: Iterable[date] | Mapping[date, str] = (),
        extend_to_year: int | None = None,
    ) -> WorkdayCalendar:
        """A new calendar with extra rest days or extra working days on top of this one's.

        Use it for local arrangements or for a holiday notice newer than the installed data.
        Pass a mapping to name the days (the name shows in explanations). ``extend_to_year``
        declares that the overrides complete the arrangement for the years after the data, up to
        that year: those years then count as covered (weekends plus the overrides given).

        >>> cal = default_calendar().with_overrides(rest_days={date(2024, 10, 8): "地方安排"})
        >>> cal.add_workdays(date(2024, 9, 27), 20)
        datetime.date(2024, 10, 31)
        >>> cal.holiday_name(date(2024, 10, 8)).label, cal.version
        ('地方安排', 'chinesecalendar ... + 1 overrides')
        """
        new_rest, new_work = _as_names(rest_days), _as_names(workdays)
        # A new override replaces an older one of the other kind for the same day.
        rest = {d: n for d, n in self._overrides[0].items() if d not in new_work}
        work = {d: n for d, n in self._overrides[1].items() if d not in new_rest}
        rest.update(new_rest)
        work.update(new_work)
        return WorkdayCalendar(
            self._source,
            estimate=self.estimate,
            rest_days=rest,
            workdays=work,
            extend_to_year=extend_to_year if extend_to_year is not None else self._extended,
        )

    def estimating(self) -> WorkdayCalendar:
        """The same calendar in estimate mode (weekends only beyond the data).

        >>> default_calendar().estimating().add_workdays(date(2026, 12, 30), 3)
        datetime.date(2027, 1, 4)
        """
        if self.estimate:
            return self
        return WorkdayCalendar(
            self._source,
            estimate=True,
            rest_days=self._overrides[0],
            workdays=self._overrides[1],
            extend_to_year=self._extended,
        )

    # -- queries -----------------------------------------------------------------------------

    def _unavailable(self, ordinal: int) -> CalendarDataUnavailable:
        estimated = None
        if self.estimate:  # the hint to estimate would be wrong: say what is estimated instead
            first, last = date.fromordinal(self._base), date.fromordinal(self._base + self._n - 1)
            estimated = (first.year, last.year)
        return CalendarDataUnavailable(
            date.fromordinal(ordinal), self.first_year, self.last_year, estimated=estimated
        )

    def _offset(self, day: date) -> int:
        offset = day.toordinal() - self._base
        if 0 <= offset < self._n:
            return offset
        raise self._unavailable(day.toordinal())

    def covers(self, day: date) -> bool:
        """Whether ``day`` lies in the years of official data (False means estimated or unknown).

        >>> cal = default_calendar()
        >>> cal.covers(date(2026, 12, 31)), cal.covers(date(2027, 1, 1))
        (True, False)
        """
        return self._covered_first <= day.toordinal() <= self._covered_last

    @property
    def covered(self) -> tuple[date, date]:
        """The first and the last day of the covered years (official data, or extended).

        >>> default_calendar().covered
        (datetime.date(2004, 1, 1), datetime.date(2026, 12, 31))
        >>> default_calendar().with_overrides(extend_to_year=2027).covered[1]
        datetime.date(2027, 12, 31)
        """
        return date.fromordinal(self._covered_first), date.fromordinal(self._covered_last)

    def covers_range(self, first: date, last: date) -> bool:
        """Whether every day from ``first`` to ``last`` (both included) lies in covered years.

        ``first`` must not be after ``last``. A result computed from ``first`` to ``last`` by an
        estimating calendar is an estimate exactly when this is False.

        >>> cal = default_calendar(estimate=True)
        >>> cal.covers_range(date(2026, 12, 1), date(2026, 12, 31))
        True
        >>> cal.covers_range(date(2026, 12, 30), cal.add_workdays(date(2026, 12, 30), 3))
        False
        """
        return self.covers_ordinals(first.toordinal(), last.toordinal())

    def covers_ordinals(self, first: int, last: int) -> bool:
        """:meth:`covers_range` for proleptic ordinals (:meth:`datetime.date.toordinal`).

        >>> cal = default_calendar()
        >>> cal.covers_ordinals(date(2004, 1, 1).toordinal(), date(2026, 12, 31).toordinal())
        True
        >>> cal.covers_ordinals(date(2003, 12, 31).toordinal(), date(2024, 1, 1).toordinal())
        False
        """
        return self._covered_first <= first and last <= self._covered_last

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day.

        >>> default_calendar().is_workday(date(2024, 10, 1))
        False
        """
        return self._kinds[self._offset(day)] in _WORKDAY_KINDS

    def day_kind(self, day: date) -> DayKind:
        """The kind of day ``day`` is.

        >>> default_calendar().day_kind(date(2024, 10, 5))
        <DayKind.HOLIDAY: 'holiday'>
        """
        return self._kinds[self._offset(day)]

    def holiday_name(self, day: date) -> HolidayName | None:
        """The holiday a rest day or a make-up working day belongs to (``None`` for other days).

        >>> str(default_calendar().holiday_name(date(2025, 1, 28)))
        '春节'
        """
        self._offset(day)
        return self._names.get(day.toordinal())

    def describe_day(self, day: date) -> CalendarDay:
        """The day with its kind and holiday name.

        >>> default_calendar().describe_day(date(2024, 9, 28)).kind.label
        '周末'
        """
        offset = self._offset(day)
        return CalendarDay(day, self._kinds[offset], self._names.get(day.toordinal()))

    def days_between(self, start: date, end: date) -> tuple[CalendarDay, ...]:
        """Every day after ``start`` up to and including ``end``, described.

        This is for explanations; it is proportional to the length of the interval.

        >>> days = default_calendar().days_between(date(2024, 9, 27), date(2024, 9, 29))
        >>> [d.kind.code for d in days]
        ['weekend', 'makeup-workday']
        """
        first = self._offset(start) + 1
        last = self._offset(end)
        names = self._names
        return tuple(
            CalendarDay(date.fromordinal(self._base + i), self._kinds[i], names.get(self._base + i))
            for i in range(first, last + 1)
        )

    def add_workdays(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself is not counted).

        ``n == 0`` gives ``start``. This is the statutory count: a period of ``n`` working days
        from an act on ``start`` ends on the returned day.

        >>> default_calendar().add_workdays(date(2025, 1, 24), 20)
        datetime.date(2025, 2, 27)
        """
        if n == 0:
            return start
        return date.fromordinal(self.add_workdays_ordinal(start.toordinal(), n))

    def add_workdays_ordinal(self, start: int, n: int) -> int:
        """:meth:`add_workdays` on proleptic ordinals (:meth:`datetime.date.toordinal`).

        This is the fast path for code that counts many periods: no date object is made. Bind
        the method to a local name in a loop. Raises
        :class:`~govdisclosure.errors.CalendarDataUnavailable` when ``start`` or the result lies
        outside the calendar's years (in estimate mode, outside 2000–2100), and ``ValueError`` for
        a negative ``n``.

        >>> cal = default_calendar()
        >>> start = date(2024, 9, 27).toordinal()
        >>> date.fromordinal(cal.add_workdays_ordinal(start, 20))
        datetime.date(2024, 10, 30)
        >>> cal.add_workdays_ordinal(start, 0) == start
        True
        >>> cal.add_workdays_ordinal(date(2026, 12, 30).toordinal(), 3)
        Traceback (most recent call last):
        ...
        govdisclosure.errors.CalendarDataUnavailable: no official working-day data for 2027 ...
        >>> estimating = default_calendar(estimate=True)
        >>> date.fromordinal(estimating.add_workdays_ordinal(date(2026, 12, 30).toordinal(), 3))
        datetime.date(2027, 1, 4)
        >>> cal.add_workdays_ordinal(start, -1)
        Traceback (most recent call last):
        ...
        ValueError: n must not be negative, got -1
        """
        offset = start - self._base
        if n > 0 and 0 <= offset < self._n:
            index = self._cum[offset] + n - 1
            if index < len(self._ords):
                return self._ords[index]
            raise self._unavailable(self._base + self._n)
        if n == 0:
            return start
        if n < 0:
            raise ValueError(f"n must not be negative, got {n}")
        raise self._unavailable(start)

    def add_workdays_many(self, starts: Iterable[date], n: int) -> list[date]:
        """:meth:`add_workdays` for many start days at once (the same ``n``).

        >>> default_calendar().add_workdays_many([date(2024, 9, 27), date(2025, 1, 24)], 20)
        [datetime.date(2024, 10, 30), datetime.date(2025, 2, 27)]
        """
        if n <= 0:
            return [self.add_workdays(s, n) for s in starts]
        base, size, cum, ords = self._base, self._n, self._cum, self._ords
        limit = len(ords)
        fromordinal = date.fromordinal
        out: list[date] = []
        append = out.append
        for start in starts:
            offset = start.toordinal() - base
            if not 0 <= offset < size:
                raise self._unavailable(start.toordinal())
            index = cum[offset] + n - 1
            if index >= limit:
                raise self._unavailable(base + size)
            append(fromordinal(ords[index]))
        return out

    def period_ends(self, n: int) -> PeriodEnds:
        """The end of a period of ``n`` working days from every day, as a lookup table.

        For loops over very many records, where even a call of :meth:`add_workdays_ordinal` per
        record counts: see :class:`PeriodEnds`. Built on the first call for each ``n``, then
        kept with the calendar.

        >>> cal = default_calendar()
        >>> ends = cal.period_ends(20)
        >>> ends is cal.period_ends(20), ends.n, date.fromordinal(ends.first)
        (True, 20, datetime.date(2004, 1, 1))
        >>> date.fromordinal(ends.end(date(2024, 9, 27).toordinal()))
        datetime.date(2024, 10, 30)
        >>> cal.period_ends(0)
        Traceback (most recent call last):
        ...
        ValueError: n must be positive, got 0
        """
        table = self._period_ends.get(n)
        if table is None:
            if n <= 0:
                raise ValueError(f"n must be positive, got {n}")
            cum, ords = self._cum, self._ords
            limit = len(ords)
            # 0 is no ordinal (date.min is 1): it marks a period that ends beyond the data.
            ends = tuple(ords[i] if i < limit else 0 for i in (c + n - 1 for c in cum))
            table = self._period_ends[n] = PeriodEnds(n, self._base, ends, self)
        return table

    def count_workdays(self, start: date, end: date) -> int:
        """The working days after ``start`` up to and including ``end``.

        Negative when ``end`` is before ``start``, so that
        ``count_workdays(s, add_workdays(s, n)) == n``.

        >>> default_calendar().count_workdays(date(2024, 9, 30), date(2024, 10, 8))
        1
        """
        return self._cum[self._offset(end)] - self._cum[self._offset(start)]

    def count_workdays_ordinal(self, start: int, end: int) -> int:
        """:meth:`count_workdays` on proleptic ordinals (:meth:`datetime.date.toordinal`).

        Raises :class:`~govdisclosure.errors.CalendarDataUnavailable` for a day outside the
        calendar's years (``end`` is checked first, as :meth:`count_workdays` does).

        >>> cal = default_calendar()
        >>> cal.count_workdays_ordinal(date(2024, 9, 30).toordinal(), date(2024, 10, 8).toordinal())
        1
        >>> cal.count_workdays_ordinal(date(2024, 9, 30).toordinal(), date(2027, 1, 1).toordinal())
        Traceback (most recent call last):
        ...
        govdisclosure.errors.CalendarDataUnavailable: no official working-day data for 2027 ...
        >>> cal.count_workdays_ordinal(date(2003, 12, 31).toordinal(), date(2024, 1, 2).toordinal())
        Traceback (most recent call last):
        ...
        govdisclosure.errors.CalendarDataUnavailable: no official working-day data for 2003 ...
        """
        base, size = self._base, self._n
        last = end - base
        if not 0 <= last < size:
            raise self._unavailable(end)
        first = start - base
        if not 0 <= first < size:
            raise self._unavailable(start)
        return self._cum[last] - self._cum[first]

    def next_workday(self, day: date) -> date:
        """``day`` if it is a working day, else the first working day after it.

        >>> default_calendar().next_workday(date(2024, 10, 1))
        datetime.date(2024, 10, 8)
        """
        offset = self._offset(day)
        before = self._cum[offset] - (self._kinds[offset] in _WORKDAY_KINDS)
        if before < len(self._ords):
            return date.fromordinal(self._ords[before])
        raise self._unavailable(self._base + self._n)

    def __repr__(self) -> str:
        mode = ", estimate" if self.estimate else ""
        return f"<WorkdayCalendar {self.first_year}–{self.last_year} ({self.version}){mode}>"


@attrs.frozen(eq=False)
class PeriodEnds:
    """Where a period of ``n`` working days ends, for every day a calendar counts from.

    The table form of :meth:`WorkdayCalendar.add_workdays_ordinal`, from
    :meth:`WorkdayCalendar.period_ends`, for loops over very many records: the end of a period
    that starts on ordinal ``start`` is ``ends[start - first]``, one list lookup with no call.
    Check the offset first (``0 <= start - first < len(ends)``); an entry of ``0`` means the
    period ends beyond the calendar's years. Raise :meth:`unavailable` in both cases, or use
    :meth:`end`, which does all of this.

    >>> ends = default_calendar().period_ends(20)
    >>> start = date(2024, 9, 27).toordinal()
    >>> offset = start - ends.first
    >>> date.fromordinal(ends.ends[offset]) if 0 <= offset < len(ends.ends) else None
    datetime.date(2024, 10, 30)
    >>> ends.ends[date(2026, 12, 31).toordinal() - ends.first]
    0
    >>> ends.end(date(2026, 12, 31).toordinal())
    Traceback (most recent call last):
    ...
    govdisclosure.errors.CalendarDataUnavailable: no official working-day data for 2027 ...
    """

    n: int
    """The period, in working days (at least 1)."""
    first: int
    """The ordinal of the first start day in the table (January 1 of the calendar's first year,
    or of 2000 in estimate mode)."""
    ends: tuple[int, ...] = attrs.field(repr=False)
    """``ends[start - first]``: the ordinal of the ``n``-th working day after ``start``, or 0
    when it lies beyond the calendar's years."""
    calendar: WorkdayCalendar = attrs.field(repr=False)
    """The calendar the table was computed from."""

    def end(self, start: int) -> int:
        """The ordinal of the ``n``-th working day after ordinal ``start``, checked.

        Raises :class:`~govdisclosure.errors.CalendarDataUnavailable` like
        :meth:`WorkdayCalendar.add_workdays_ordinal`.

        >>> ends = default_calendar().period_ends(20)
        >>> date.fromordinal(ends.end(date(2025, 1, 24).toordinal()))
        datetime.date(2025, 2, 27)
        """
        offset = start - self.first
        end = self.ends[offset] if 0 <= offset < len(self.ends) else 0
        if end:
            return end
        raise self.unavailable(start)

    def unavailable(self, start: int) -> CalendarDataUnavailable:
        """The error for a period from ordinal ``start`` that the table has no end for.

        It names ``start`` when the calendar does not count from that day, else the first day
        after the calendar's years (where the period would end).

        >>> ends = default_calendar().period_ends(20)
        >>> ends.unavailable(date(2003, 6, 1).toordinal()).day
        datetime.date(2003, 6, 1)
        >>> ends.unavailable(date(2026, 12, 31).toordinal()).day
        datetime.date(2027, 1, 1)
        """
        offset = start - self.first
        day = start if not 0 <= offset < len(self.ends) else self.first + len(self.ends)
        return self.calendar._unavailable(day)


@functools.cache
def default_calendar(*, estimate: bool = False) -> WorkdayCalendar:
    """The calendar from the installed official data, built once per mode and then reused.

    >>> default_calendar() is default_calendar()
    True
    >>> default_calendar(estimate=True).estimate
    True
    """
    return WorkdayCalendar.from_chinese_calendar(estimate=estimate)


# -- estimates beyond the official data (added; the calendar above is unchanged) ----------------

FIXED_DATE_HOLIDAYS: tuple[tuple[int, int, HolidayName], ...] = (
    (1, 1, HolidayName("元旦", "New Year's Day")),
    (5, 1, HolidayName("劳动节", "Labour Day")),
    (5, 2, HolidayName("劳动节", "Labour Day")),
    (10, 1, HolidayName("国庆节", "National Day")),
    (10, 2, HolidayName("国庆节", "National Day")),
    (10, 3, HolidayName("国庆节", "National Day")),
)
"""The statutory holidays on fixed Gregorian dates: (month, day, name).

From 《全国年节及纪念日放假办法》 as revised in 2024 (国务院令第795号, in force 2025-01-01): 元旦
1 day, 劳动节 2 days (5月1日、2日), 国庆节 3 days (10月1日至3日) [REPRO: widely reprinted; the
official text was not read here]. The other holidays (春节, 清明节, 端午节, 中秋节) follow the lunar
calendar or the solar terms, and every year's notice also moves days (调休); neither can be known
before the notice, so an estimate leaves them out.
"""


@functools.cache
def estimated_calendar() -> WorkdayCalendar:
    """A calendar that estimates beyond the official data: weekends and fixed-date holidays.

    Years with official data are exact, as in :func:`default_calendar`. Later years (up to 2100)
    count Saturdays and Sundays as rest days, and the ``FIXED_DATE_HOLIDAYS`` that fall on a
    weekday (kind :attr:`DayKind.EXTRA_REST_DAY`, named e.g. ``国庆节（估算）``); they have no
    make-up working days and no lunar holidays, so an estimate may end a few days early. Every
    result resting on those years is marked ``estimated`` (see :meth:`WorkdayCalendar.covers`),
    and :attr:`WorkdayCalendar.version` says what was estimated. Built once, then reused.

    >>> cal = estimated_calendar()
    >>> cal.estimate, cal.is_workday(date(2027, 10, 1)), cal.is_workday(date(2027, 10, 4))
    (True, False, True)
    >>> str(cal.holiday_name(date(2027, 10, 1)))
    '国庆节（估算）'
    >>> cal.version
    'chinesecalendar ... + estimated after 2026: weekends and 元旦、劳动节、国庆节'
    >>> cal.add_workdays(date(2026, 12, 30), 3)  # 2027-01-01 is 元旦
    datetime.date(2027, 1, 5)
    >>> cal.add_workdays(date(2024, 9, 27), 20)  # official years are unchanged
    datetime.date(2024, 10, 30)
    """
    source = _official_source()
    rest: dict[date, HolidayName | None] = {}
    for year in range(source.last_year + 1, _ESTIMATE_LAST_YEAR + 1):
        for month, day, name in FIXED_DATE_HOLIDAYS:
            when = date(year, month, day)
            if when.weekday() < 5:  # a weekend holiday is a rest day already
                rest[when] = HolidayName(f"{name.label}（估算）", f"{name.label_en} (estimated)")
    cal = WorkdayCalendar(source, estimate=True, rest_days=rest)
    names = "、".join(dict.fromkeys(name.label for _, _, name in FIXED_DATE_HOLIDAYS))
    cal.version = f"{source.version} + estimated after {source.last_year}: weekends and {names}"
    return cal
