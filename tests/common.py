"""Shared builders and assertions of the test suite (``pythonpath = ["tests"]``: ``import common``).

One request builder instead of a private one per test module: :func:`make_request` for tests
that care about the events, :func:`request_on` for tests that count from a day of receipt.
Everything a test does not name takes a plain, lawful default.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.model import Applicant, ApplicantKind, DisclosureRequest, SubmissionMethod
from govdisclosure.serialize import from_json, to_json

if TYPE_CHECKING:
    from govdisclosure.model import RequestEvent

__all__ = ["RECEIVED", "assert_json_round_trip", "make_request", "request_on"]

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


def assert_json_round_trip(model: object) -> None:
    """The model survives JSON exactly: equal after reading, the same bytes when written again."""
    data = to_json(model)
    back = from_json(data, type(model))
    assert back == model
    assert to_json(back) == data
