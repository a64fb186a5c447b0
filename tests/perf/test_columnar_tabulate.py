"""tabulate_columns gives the tables tabulate gives, for any requests, year, format and option."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import extra, optional
from govdisclosure.model import request as ev
from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
from govdisclosure.model.layout import FormatVersion
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.quantity import Money
from govdisclosure.model.review import Reconsideration, ReviewResult
from govdisclosure.stats import RequestColumns, tabulate, tabulate_columns

pytestmark = extra("fast")
np = optional("numpy")

FIRST = date(2021, 6, 1)


@st.composite
def requests(draw: st.DrawFn) -> ev.DisclosureRequest:
    received = FIRST + timedelta(days=draw(st.integers(0, 3 * 365)))
    events: list[ev.RequestEvent] = []
    for _ in range(draw(st.integers(0, 3))):
        # Days before receipt too: a reply dated before receipt counts as given on receipt.
        day = received + timedelta(days=draw(st.integers(-30, 500)))
        kind = draw(
            st.sampled_from(
                ["replied", "withdrawn", "extended", "transferred", "correction", "fee"]
            )
        )
        if kind == "replied":
            events.append(ev.Replied(on=day, outcome=draw(st.sampled_from(Outcome))))
        elif kind == "withdrawn":
            events.append(ev.Withdrawn(on=day))
        elif kind == "extended":
            events.append(ev.Extended(on=day, working_days=draw(st.integers(1, 20))))
        elif kind == "transferred":
            events.append(ev.Transferred(on=day, to="某局"))
        elif kind == "correction":
            events.append(ev.CorrectionRequested(on=day, due_on=day + timedelta(15)))
        else:
            events.append(ev.FeeNoticeIssued(on=day, amount=Money(Decimal(10)), due_on=day))
    return ev.DisclosureRequest(
        id="1",
        applicant=Applicant(draw(st.sampled_from(ApplicantKind))),
        received_on=received,
        method=SubmissionMethod.ONLINE,
        description="预算",
        events=tuple(events),
    )


FORMATS = [f for f in FormatVersion if f.has_tables]


@given(
    st.lists(requests(), max_size=30),
    st.integers(2021, 2025),
    st.sampled_from(FORMATS),
    st.sampled_from([Outcome.OTHER_OTHER, Outcome.OTHER_OVERDUE_FEE, None]),
)
def test_columns_equal_objects(
    items: list[ev.DisclosureRequest], year: int, format: FormatVersion, withdrawn: Outcome | None
) -> None:
    reviews = [Reconsideration(id="R1", filed_on=date(year, 3, 1), result=ReviewResult.MAINTAINED)]
    expected = tabulate(items, reviews, year=year, format_version=format, withdrawn=withdrawn)
    columns = RequestColumns.from_requests(items)
    assert len(columns) == len(items)
    got = tabulate_columns(columns, reviews, year=year, format_version=format, withdrawn=withdrawn)
    assert got == expected


@given(st.lists(requests(), max_size=30), st.integers(2021, 2025))
def test_arrays_equal_objects(items: list[ev.DisclosureRequest], year: int) -> None:
    columns = RequestColumns.from_requests(items)
    # Every field of the columns back through the checked constructor (its arguments are them).
    rebuilt = RequestColumns.from_arrays(**attrs.asdict(columns, recurse=False))
    assert tabulate_columns(rebuilt, year=year) == tabulate(items, year=year)


def test_no_tables_in_the_2008_format() -> None:
    with pytest.raises(ValueError, match="no statistical tables"):
        tabulate_columns(
            RequestColumns.from_requests([]), year=2010, format_version=FormatVersion.LEGACY_2008
        )


@pytest.mark.parametrize(
    ("arrays", "match"),
    [
        ({"received_on": ["NaT"], "kind": [0]}, r"received_on\[0\] is missing"),
        ({"received_on": ["2024-01-01"], "kind": [-1]}, r"kind\[0\] is -1"),
        ({"received_on": ["2024-01-01"], "kind": [0], "outcome": [99]}, r"outcome\[0\] is 99"),
        ({"received_on": ["2024-01-01"], "kind": [0], "outcome": [1]}, "row 0: a reply needs"),
        (
            {"received_on": ["2024-01-01"], "kind": [0], "replied_on": ["2024-01-02"]},
            "row 0: a reply needs",
        ),
        ({"received_on": ["2024-01-01"], "kind": [0, 1]}, "kind must be one-dimensional"),
        ({"received_on": [["2024-01-01"]], "kind": [0]}, "received_on must be one-dimensional"),
        (
            {"received_on": ["2024-01-01"], "kind": [0], "withdrawn_on": ["NaT", "NaT"]},
            "withdrawn_on must be one-dimensional",
        ),
    ],
)
def test_arrays_are_checked(arrays: dict[str, object], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        RequestColumns.from_arrays(**arrays)  # type: ignore[arg-type]


def test_empty_columns() -> None:
    columns = RequestColumns.from_arrays(
        received_on=np.array([], "datetime64[D]"), kind=np.array([], "int8")
    )
    assert len(columns) == 0
    assert tabulate_columns(columns, year=2024) == tabulate([], year=2024)
