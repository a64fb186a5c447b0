"""Table 3 from columns: request logs as arrays, counted with one ``numpy.bincount``.

A :class:`RequestColumns` holds, per request, what table 3 needs (day of receipt, applicant
column, day and outcome of the reply, day of withdrawal) as numpy arrays, plus any requests whose
histories need more than that as objects. :func:`tabulate_columns` counts them into the same
:class:`~govdisclosure.stats.Tabulation` as :func:`~govdisclosure.stats.tabulate` gives for the
same requests: the year logic is vectorised, and the requests kept as objects are tabulated by
:func:`~govdisclosure.stats.tabulate` itself and added in.

numpy is an optional dependency (the ``fast`` extra), imported on first use.

>>> import numpy as np
>>> from govdisclosure.model import ApplicationRow
>>> columns = RequestColumns.from_arrays(
...     received_on=np.array(["2023-12-20", "2024-03-01", "2024-06-01"], "datetime64[D]"),
...     kind=[0, 1, 0],
...     replied_on=np.array(["2024-01-10", "NaT", "2024-06-20"], "datetime64[D]"),
...     outcome=[0, -1, 2],
... )
>>> table = tabulate_columns(columns, year=2024).applications
>>> table.row(ApplicationRow.NEW).total, table.row(ApplicationRow.CARRIED_OVER).total
(2, 1)
>>> table.row(ApplicationRow.GRANTED).total, table.row(ApplicationRow.CARRIED_FORWARD).total
(1, 1)
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.model.layout import ApplicationRow, FormatVersion
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.request import DisclosureRequest, Extended, Replied, Transferred, Withdrawn
from govdisclosure.model.tables import ApplicationTable
from govdisclosure.stats._tabulate import (
    _KIND_INDEX,
    _WIDTH,
    Tabulation,
    _outcome_rows,
    _reviews,
    _row,
    tabulate,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from govdisclosure.model.review import Litigation, Reconsideration

__all__ = ["RequestColumns", "tabulate_columns"]

_OUTCOMES = tuple(Outcome)
_OUTCOME_INDEX = {o: i for i, o in enumerate(_OUTCOMES)}
_EPOCH = date(1970, 1, 1).toordinal()


def _numpy() -> Any:
    try:
        return importlib.import_module("numpy")
    except ImportError as exc:  # pragma: no cover - the test environment has numpy
        raise ImportError(
            "columnar tabulation needs numpy: pip install 'govdisclosure[fast]'"
        ) from exc


def _day_array(values: Any, size: int | None, name: str) -> Any:
    np = _numpy()
    if values is None:
        return np.full(size or 0, np.datetime64("NaT"), dtype="datetime64[D]")
    array = np.asarray(values, dtype="datetime64[D]")
    if array.ndim != 1 or (size is not None and len(array) != size):
        raise ValueError(f"{name} must be one-dimensional like received_on, got {array.shape}")
    return array


@attrs.frozen(eq=False)
class RequestColumns:
    """Requests as columns: what table 3 needs of each, as numpy arrays of one length.

    ``kind`` holds the index of the applicant's
    :class:`~govdisclosure.model.applicant.ApplicantKind` (in declaration order), ``outcome`` the
    index of the reply's :class:`~govdisclosure.model.outcome.Outcome` (``-1`` without a reply);
    a missing day is ``NaT``.
    ``others`` are requests tabulated as objects (histories the columns cannot express).
    Build one with :meth:`from_arrays` (arrays are checked) or :meth:`from_requests`.
    """

    received_on: Any
    """Day of receipt per request (``datetime64[D]``, never NaT)."""
    kind: Any
    """Applicant column per request (``int8`` index into
    :class:`~govdisclosure.model.applicant.ApplicantKind`)."""
    replied_on: Any
    """Day of the final reply (``datetime64[D]``, NaT for none)."""
    outcome: Any
    """Outcome of the final reply (``int8`` index into
    :class:`~govdisclosure.model.outcome.Outcome`, -1 for none)."""
    withdrawn_on: Any
    """Day of withdrawal (``datetime64[D]``, NaT for none)."""
    others: tuple[DisclosureRequest, ...] = ()
    """Requests kept as objects, tabulated by :func:`~govdisclosure.stats.tabulate`."""

    def __len__(self) -> int:
        return len(self.received_on) + len(self.others)

    @classmethod
    def from_arrays(
        cls,
        *,
        received_on: Any,
        kind: Any,
        replied_on: Any = None,
        outcome: Any = None,
        withdrawn_on: Any = None,
        others: Iterable[DisclosureRequest] = (),
    ) -> RequestColumns:
        """Columns from arrays (anything :func:`numpy.asarray` takes), checked.

        A reply needs both its day and its outcome; every request has a day of receipt and an
        applicant column. Raises :class:`ValueError` naming the first row at fault.

        >>> RequestColumns.from_arrays(received_on=["2024-01-02"], kind=[7])
        Traceback (most recent call last):
        ...
        ValueError: kind[0] is 7: expected an ApplicantKind index from 0 to 5
        """
        np = _numpy()
        received = _day_array(received_on, None, "received_on")
        size = len(received)
        kinds = np.asarray(kind, dtype="int64")
        replied = _day_array(replied_on, size, "replied_on")
        withdrawn = _day_array(withdrawn_on, size, "withdrawn_on")
        outcomes = np.full(size, -1, "int64") if outcome is None else np.asarray(outcome, "int64")
        for name, array in (("kind", kinds), ("outcome", outcomes)):
            if array.shape != received.shape:
                raise ValueError(f"{name} must be one-dimensional like received_on")
        if np.isnat(received).any():
            row = int(np.flatnonzero(np.isnat(received))[0])
            raise ValueError(f"received_on[{row}] is missing (NaT)")
        bad = (kinds < 0) | (kinds >= _WIDTH)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise ValueError(
                f"kind[{row}] is {kinds[row]}: expected an ApplicantKind index from 0 to"
                f" {_WIDTH - 1}"
            )
        bad = (outcomes < -1) | (outcomes >= len(_OUTCOMES))
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise ValueError(
                f"outcome[{row}] is {outcomes[row]}: expected an Outcome index from 0 to"
                f" {len(_OUTCOMES) - 1}, or -1 for no reply"
            )
        bad = np.isnat(replied) != (outcomes < 0)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise ValueError(f"row {row}: a reply needs both replied_on and outcome")
        return cls(
            received,
            kinds.astype("int8"),
            replied,
            outcomes.astype("int8"),
            withdrawn,
            tuple(others),
        )

    @classmethod
    def from_requests(cls, requests: Iterable[DisclosureRequest]) -> RequestColumns:
        """Columns from request objects: those with at most one reply and one withdrawal (and
        extensions or transfers) become rows, every other one stays an object.

        >>> from datetime import date
        >>> from govdisclosure.model import (
        ...     Applicant, ApplicantKind, DisclosureRequest, SubmissionMethod)
        >>> request = DisclosureRequest(
        ...     id="1", applicant=Applicant(ApplicantKind.NATURAL_PERSON),
        ...     received_on=date(2024, 3, 1), method=SubmissionMethod.ONLINE, description="预算")
        >>> len(RequestColumns.from_requests([request]).received_on)
        1
        """
        np = _numpy()
        received: list[int] = []
        kinds: list[int] = []
        replied: list[int] = []
        outcomes: list[int] = []
        withdrawn: list[int] = []
        others: list[DisclosureRequest] = []
        nat = np.iinfo("int64").min
        for request in requests:
            reply: Replied | None = None
            gave_up: Withdrawn | None = None
            simple = True
            # The reply and the withdrawal are columns; an extension or a transfer does not
            # change where a request counts. Any other history stays an object.
            for event in request.events:
                kind = type(event)
                if kind is Replied and reply is None:
                    reply = event  # type: ignore[assignment]
                elif kind is Withdrawn and gave_up is None:
                    gave_up = event  # type: ignore[assignment]
                elif kind not in (Extended, Transferred):
                    simple = False
                    break
            if not simple:
                others.append(request)
                continue
            received.append(request.received_on.toordinal() - _EPOCH)
            kinds.append(_KIND_INDEX[request.applicant.kind])
            replied.append(nat if reply is None else reply.on.toordinal() - _EPOCH)
            outcomes.append(-1 if reply is None else _OUTCOME_INDEX[reply.outcome])
            withdrawn.append(nat if gave_up is None else gave_up.on.toordinal() - _EPOCH)
        return cls(
            np.array(received, "int64").view("datetime64[D]"),
            np.array(kinds, "int8"),
            np.array(replied, "int64").view("datetime64[D]"),
            np.array(outcomes, "int8"),
            np.array(withdrawn, "int64").view("datetime64[D]"),
            tuple(others),
        )


def _layout(format_version: FormatVersion, withdrawn: Outcome | None) -> tuple[Any, int, int, int]:
    """Row indices: of each outcome (the withdrawn one last, -1 if left out), new, over, forward."""
    np = _numpy()
    layout = format_version.application_rows
    at = _outcome_rows(format_version)
    rows = [at[o] // _WIDTH for o in _OUTCOMES]
    rows.append(-1 if withdrawn is None else at[withdrawn] // _WIDTH)
    return (
        np.array(rows, dtype="int64"),
        layout.index(ApplicationRow.NEW),
        layout.index(ApplicationRow.CARRIED_OVER),
        layout.index(ApplicationRow.CARRIED_FORWARD),
    )


def _count(
    columns: RequestColumns, year: int, format_version: FormatVersion, withdrawn: Any
) -> Any:
    """The cells of table 3 (rows x applicant columns) for the rows of ``columns``."""
    np = _numpy()
    height = len(format_version.application_rows)
    size = len(columns.received_on)
    if not size:
        return np.zeros((height, _WIDTH), dtype="int64")
    outcome_rows, new, over, forward = _layout(format_version, withdrawn)
    first_day = date(year, 1, 1).toordinal() - _EPOCH
    next_day = date(year + 1, 1, 1).toordinal() - _EPOCH
    received = columns.received_on.view("int64")
    replied = columns.replied_on.view("int64")
    gave_up = columns.withdrawn_on.view("int64")
    nat = np.iinfo("int64").min
    has_reply = replied != nat
    # Finished on the day of the reply, else of the withdrawal; never (the largest day) if
    # neither. NaT is the smallest int64, so a plain maximum picks the day that is there.
    done = np.where(has_reply, replied, gave_up)
    done[done == nat] = np.iinfo("int64").max
    # The outcome's row; -1 (the last entry) stands for the withdrawal's row.
    at = outcome_rows[columns.outcome]
    live = (received < next_day) & ((received >= first_day) | (done >= first_day))
    if withdrawn is None:
        live &= has_reply | (gave_up == nat)
    # A reply dated before receipt counts as given on receipt, so it closes in the year of
    # receipt: among the rows counted, a request closes this year iff it finished before the
    # next one began.
    trash = height * _WIDTH
    kind = columns.kind.astype("int64")
    first = np.where(received >= first_day, new * _WIDTH, over * _WIDTH) + kind
    second = np.where(done < next_day, at * _WIDTH, forward * _WIDTH) + kind
    np.copyto(first, trash, where=~live)
    np.copyto(second, trash, where=~live)
    counts = np.bincount(first, minlength=trash + 1) + np.bincount(second, minlength=trash + 1)
    return counts[:trash].reshape(height, _WIDTH)


def tabulate_columns(
    columns: RequestColumns,
    reviews: Iterable[Reconsideration | Litigation] = (),
    *,
    year: int,
    format_version: FormatVersion = FormatVersion.NATIONAL_2021,
    withdrawn: Outcome | None = Outcome.OTHER_OTHER,
) -> Tabulation:
    """Tables 3 and 4 of ``year`` from columns; equal to :func:`~govdisclosure.stats.tabulate`.

    The arguments and the counting rules are those of :func:`~govdisclosure.stats.tabulate`.

    >>> tabulate_columns(RequestColumns.from_requests([]), year=2024).applications.rows[0].total
    0
    """
    if not format_version.has_tables:
        raise ValueError(f"format {format_version.code} has no statistical tables")
    np = _numpy()
    cells = _count(columns, year, format_version, withdrawn)
    layout = format_version.application_rows
    if columns.others:
        rest = tabulate(
            columns.others, year=year, format_version=format_version, withdrawn=withdrawn
        )
        cells = cells + np.array([row.by_applicant for row in rest.applications.rows], "int64")
    leaves = np.array([row.is_outcome for row in layout], dtype="bool")
    total = layout.index(ApplicationRow.TOTAL)
    cells[total] = cells[leaves].sum(axis=0)
    grid = cells.tolist()
    rows = tuple(_row(row, grid[i]) for i, row in enumerate(layout))
    return Tabulation(
        year=year,
        format_version=format_version,
        applications=ApplicationTable(rows),
        reviews=_reviews(reviews, year),
    )
