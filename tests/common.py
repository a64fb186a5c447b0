"""Shared builders and assertions of the test suite (``pythonpath = ["tests"]``: ``import common``).

One request builder instead of a private one per test module: :func:`make_request` for tests
that care about the events, :func:`request_on` for tests that count from a day of receipt.
Everything a test does not name takes a plain, lawful default.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import pytest

from govdisclosure.model import (
    Agency,
    AgencyKind,
    AgencyLevel,
    AnnualReport2019,
    AnnualReport2021,
    Applicant,
    ApplicantKind,
    DisclosureRequest,
    SubmissionMethod,
)
from govdisclosure.serialize import from_dict, from_json, to_dict, to_json

if TYPE_CHECKING:
    from collections.abc import Callable

    from hypothesis import strategies as st

    from govdisclosure.model import RequestEvent

__all__ = [
    "CITY",
    "EXTRAS",
    "RECEIVED",
    "accepts",
    "assert_dict_round_trip",
    "assert_json_round_trip",
    "consulted_request",
    "drawn_ending",
    "every_event_request",
    "extra",
    "has_extra",
    "hidden_extras",
    "init_calls",
    "make_request",
    "optional",
    "request_on",
    "with_reconsideration",
]

EXTRAS: dict[str, tuple[str, ...]] = {
    "pdf": ("pdfplumber",),
    "docx": ("docx",),
    "pandas": ("pandas",),
    "arrow": ("pyarrow",),
    "xlsx": ("openpyxl",),
    "fast": ("numpy",),
    # Not extras of the library, but of the test extra only: the corpus on a cluster, DuckDB.
    "dask": ("distributed",),
    "duckdb": ("duckdb",),
}
"""The optional extras (pyproject.toml) and the modules each one brings."""


def hidden_extras() -> frozenset[str]:
    """The extras ``GOVDISCLOSURE_HIDE_EXTRAS`` hides (comma-separated names, or ``all``): the
    suite then runs as if they were not installed, which is how the skips below are tested."""
    names = {n.strip() for n in os.environ.get("GOVDISCLOSURE_HIDE_EXTRAS", "").split(",")}
    names.discard("")
    return frozenset(EXTRAS) if "all" in names else frozenset(names)


def has_extra(name: str) -> bool:
    """Whether every module of the extra can be imported (and is not hidden)."""
    if name in hidden_extras():
        return False
    return all(importlib.util.find_spec(module) is not None for module in EXTRAS[name])


def extra(*names: str) -> pytest.MarkDecorator:
    """Mark a test (or a module, as ``pytestmark``) as needing these extras: it is skipped at
    set-up, with the command that installs them, when one is missing."""
    unknown = set(names) - set(EXTRAS)
    if unknown:
        raise ValueError(f"unknown extras {sorted(unknown)}; known: {sorted(EXTRAS)}")
    return pytest.mark.extra(*names)


class _Missing:
    """Stands for a module that is not installed; any use says so (its tests are skipped)."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):  # doctest and inspect probe modules' globals with these
            raise AttributeError(attribute)
        raise ModuleNotFoundError(
            f"{self._name} is not installed (the test should be skipped)", name=self._name
        )


def optional(module: str) -> Any:
    """``module`` imported, or a stand-in when it is missing, so that a test module importing an
    extra at its top is still collected and its marked tests skip cleanly."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return _Missing(module)


CITY = Agency(
    name="某某市人民政府", level=AgencyLevel.PREFECTURE, kind=AgencyKind.PEOPLES_GOVERNMENT
)
"""A city's people's government: the reporting agency of tests that build reports from scratch."""

RECEIVED = date(2024, 9, 27)
"""The default day of receipt: a Friday before the National Day holiday (a deadline that skips
seven rest days and counts two make-up working days)."""


def make_request(
    *events: RequestEvent,
    received: date = RECEIVED,
    kind: ApplicantKind = ApplicantKind.NATURAL_PERSON,
    applicant: Applicant | None = None,
    **changes: Any,
) -> DisclosureRequest:
    """A disclosure request with these events; any other field by keyword (``id=``, ``method=``,
    ``description=``, ``agency=``...). ``kind`` is the applicant's column unless ``applicant`` is
    given whole."""
    request = DisclosureRequest(
        id="2024-001",
        applicant=applicant if applicant is not None else Applicant(kind),
        received_on=received,
        method=SubmissionMethod.ONLINE,
        description="2024年度部门预算",
        events=events,
    )
    return attrs.evolve(request, **changes) if changes else request


def request_on(received: date, *events: RequestEvent, **changes: Any) -> DisclosureRequest:
    """:func:`make_request` received on ``received`` (the form the deadline tests read best)."""
    return make_request(*events, received=received, **changes)


def consulted_request() -> DisclosureRequest:
    """The request the error catalogues edit: a consultation answered (events[0]), an extension
    of 20 working days (events[1]) and a granting reply (events[2])."""
    from govdisclosure.model import Outcome
    from govdisclosure.model import request as ev

    return make_request(
        ev.ConsultationAnswered(on=date(2024, 10, 8), consultee=ev.Consultee.THIRD_PARTY),
        ev.Extended(on=date(2024, 10, 20), working_days=20),
        ev.Replied(on=date(2024, 11, 15), outcome=Outcome.GRANTED),
    )


def drawn_ending(
    draw: st.DrawFn, received: date, day: date, events: list[RequestEvent]
) -> DisclosureRequest:
    """The drawn history ``events`` (the last on ``day``) left open, or closed 0 to 30 days later
    by a granting reply or a withdrawal: the one ending of the tests' drawn histories."""
    from datetime import timedelta

    from hypothesis import strategies as st

    from govdisclosure.model import Outcome
    from govdisclosure.model import request as ev

    ending = draw(st.sampled_from(["open", "reply", "withdraw"]))
    day += timedelta(days=draw(st.integers(0, 30)))
    if ending == "reply":
        events.append(ev.Replied(on=day, outcome=Outcome.GRANTED))
    elif ending == "withdraw":
        events.append(ev.Withdrawn(on=day))
    return request_on(received, *events)


def every_event_request() -> DisclosureRequest:
    """A request of 2024-11-01 that goes through every kind of event once, each on time:
    correction, consultation, fee, extension, transfer, reply (2024-12-02)."""
    from decimal import Decimal

    from govdisclosure.model import Money, Outcome
    from govdisclosure.model import request as ev

    def d(day: int, month: int = 11) -> date:
        return date(2024, month, day)

    third = ev.Consultee.THIRD_PARTY
    return request_on(
        d(1),
        ev.CorrectionRequested(on=d(4), due_on=d(15)),
        ev.CorrectionReceived(on=d(8)),
        ev.ConsultationStarted(on=d(11), consultee=third),
        ev.ConsultationAnswered(on=d(14), consultee=third),
        ev.FeeNoticeIssued(on=d(18), amount=Money(Decimal("100")), due_on=d(25)),
        ev.FeePaid(on=d(20)),
        ev.Extended(on=d(22), working_days=10),
        ev.Transferred(on=d(23), to="某局"),
        ev.Replied(on=d(2, 12), outcome=Outcome.GRANTED),
    )


def assert_json_round_trip(model: object) -> None:
    """The model survives JSON exactly: equal and of the same class after reading, the same bytes
    when written again."""
    data = to_json(model)
    back = from_json(data, type(model))
    assert back == model
    assert type(back) is type(model)
    assert to_json(back) == data


def assert_dict_round_trip(model: object) -> None:
    """As :func:`assert_json_round_trip`, through the JSON-ready dict."""
    data = to_dict(model)
    back = from_dict(data, type(model))
    assert back == model
    assert type(back) is type(model)
    assert to_dict(back) == data


def init_calls(cls: type, data: dict[str, Any]) -> int:
    """How many times the compiled path's structuring of ``data`` runs ``cls.__init__`` (0: it
    builds the instance directly; 1: it calls the class)."""
    from govdisclosure.serialize import compiled

    compiled.structure(data, cls)  # the code is generated from the class as it is
    calls = 0
    original: Any = vars(cls)["__init__"]  # attrs writes one into every class

    def counted(self: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal calls
        calls += 1
        original(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cls, "__init__", counted)
        compiled.structure(data, cls)
    return calls


_Tabled = TypeVar("_Tabled", AnnualReport2019, AnnualReport2021)


def with_reconsideration(report: _Tabled, **counts: int | None) -> _Tabled:
    """``report`` with these counts of table 4's administrative reconsideration row changed
    (``total=0``, ``pending=None``...): the edit the tests of a changed or broken cell make."""
    assert report.reviews is not None, "the report has no table 4"
    reconsideration = attrs.evolve(report.reviews.reconsideration, **counts)
    return attrs.evolve(
        report, reviews=attrs.evolve(report.reviews, reconsideration=reconsideration)
    )


def accepts(build: Callable[[], object], error: type[Exception] = ValueError) -> bool:
    """Whether ``build()`` returns rather than raising ``error`` (anything else it raises goes
    on): the model's or reader's verdict, for tests that hold a pattern or a schema against it."""
    try:
        build()
    except error:
        return False
    return True
