"""Comparing reports cell by cell and rolling reports up."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import CITY, with_reconsideration
from govdisclosure.checks import check
from govdisclosure.examples import load
from govdisclosure.model.applicant import Applicant, ApplicantKind, SubmissionMethod
from govdisclosure.model.form import form_of
from govdisclosure.model.layout import (
    ApplicationRow,
    FormatVersion,
    ReportPart,
    ReviewColumn,
    ReviewGroup,
)
from govdisclosure.model.outcome import Outcome
from govdisclosure.model.report import AnnualReport2019, AnnualReport2021
from govdisclosure.model.request import DisclosureRequest, Replied, RequestEvent
from govdisclosure.model.tables import ReviewCounts, ReviewTable
from govdisclosure.stats import CellDelta, compare, rollup, tabulate


def test_compare_a_report_with_itself() -> None:
    huaian = load("huaian-city-2024")
    assert compare(huaian, huaian) == ()
    every = compare(huaian, huaian, include_unchanged=True)
    assert len(every) == 25 * 7 + 3 * 5
    assert all(d.delta == 0 for d in every)


def test_compare_one_changed_cell_and_blanks() -> None:
    huaian = load("huaian-city-2024")
    assert isinstance(huaian, AnnualReport2021)
    assert huaian.reviews is not None
    changed = with_reconsideration(huaian, total=None)
    assert compare(huaian, changed) == (
        CellDelta(
            cell=form_of(huaian).cell(ReportPart.REVIEWS, ReviewGroup.RECONSIDERATION, "total"),
            old=351,
            new=None,
        ),
    )
    assert compare(huaian, changed)[0].delta is None


def test_compare_across_format_versions_and_missing_tables() -> None:
    shanghai, huaian = load("shanghai-gov-office-2019"), load("huaian-city-2024")
    deltas = compare(shanghai, huaian, include_unchanged=True)
    other = [d for d in deltas if d.cell.row == ApplicationRow.OTHER.code]
    assert other
    assert all(d.new is None for d in other)
    only_new = [d for d in deltas if d.cell.row == ApplicationRow.OTHER_OTHER.code]
    assert len(only_new) == 7
    assert all(d.old is None for d in only_new)
    granted = [d for d in compare(shanghai, huaian) if d.cell.row == "granted"]
    assert granted[0].cell.column == ApplicantKind.NATURAL_PERSON.code
    empty = AnnualReport2021(agency=CITY, year=2024)
    assert len(compare(empty, huaian)) == 25 * 7 + 15
    assert compare(load("sichuan-hrss-2013"), empty) == ()


def test_rollup_blank_stays_blank() -> None:
    shanghai = load("shanghai-gov-office-2019")
    assert isinstance(shanghai, AnnualReport2019)
    rolled = rollup([shanghai, shanghai], CITY, title="合计")
    assert isinstance(rolled, AnnualReport2019)
    assert rolled.title == "合计"
    assert rolled.applications is not None
    assert rolled.applications.row(ApplicationRow.NEW).total == 2 * 859
    assert rolled.applications.row(ApplicationRow.GRANTED).total is None
    assert rolled.reviews is not None
    assert rolled.reviews.reconsideration.corrected is None
    assert check(rolled) == ()


def test_rollup_missing_tables() -> None:
    huaian = load("huaian-city-2024")
    empty = AnnualReport2021(agency=CITY, year=2024)
    rolled = rollup([huaian, empty], CITY)
    assert rolled.applications is not None
    assert rolled.applications.row(ApplicationRow.NEW).total is None
    assert rolled.reviews == ReviewTable(
        reconsideration=ReviewCounts(),
        litigation_direct=ReviewCounts(),
        litigation_after_reconsideration=ReviewCounts(),
    )
    nothing = rollup([empty, empty], CITY)
    assert nothing.applications is None
    assert nothing.reviews is None


def test_rollup_refuses_mixed_inputs() -> None:
    huaian = load("huaian-city-2024")
    with pytest.raises(ValueError, match="no reports"):
        rollup([], CITY)
    with pytest.raises(ValueError, match="share one year"):
        rollup([huaian, load("shanghai-gov-office-2019")], CITY)
    with pytest.raises(ValueError, match="share one year"):
        rollup([huaian, AnnualReport2021(agency=CITY, year=2023)], CITY)
    with pytest.raises(ValueError, match="no national tables"):
        rollup([load("sichuan-hrss-2013")], CITY)


DAYS = st.dates(min_value=date(2023, 6, 1), max_value=date(2025, 6, 30))


@st.composite
def logs(draw: st.DrawFn) -> list[DisclosureRequest]:
    out = []
    for i in range(draw(st.integers(0, 12))):
        received = draw(DAYS)
        events: tuple[RequestEvent, ...] = ()
        if draw(st.booleans()):
            on = draw(st.dates(min_value=received, max_value=date(2025, 12, 31)))
            events = (Replied(on=on, outcome=draw(st.sampled_from(list(Outcome)))),)
        out.append(
            DisclosureRequest(
                id=str(i),
                applicant=Applicant(draw(st.sampled_from(list(ApplicantKind)))),
                received_on=received,
                method=SubmissionMethod.ONLINE,
                description="预算",
                events=events,
            )
        )
    return out


@given(st.lists(logs(), min_size=1, max_size=4), st.sampled_from(list(FormatVersion)[1:]))
def test_rollup_of_tabulations_is_the_tabulation_of_all(
    agencies: list[list[DisclosureRequest]], version: FormatVersion
) -> None:
    parts = [tabulate(log, year=2024, format_version=version).report(CITY) for log in agencies]
    whole = tabulate([q for log in agencies for q in log], year=2024, format_version=version)
    rolled = rollup(parts, CITY)
    assert rolled.applications == whole.applications
    assert rolled.reviews == whole.reviews
    assert compare(rolled, whole.report(CITY)) == ()


def test_cell_delta_labels() -> None:
    form = form_of(FormatVersion.NATIONAL_2021)
    pending = form.cell(ReportPart.REVIEWS, ReviewGroup.RECONSIDERATION, ReviewColumn.PENDING)
    assert CellDelta(cell=pending, old=1, new=1).column_label == "尚未审结"
