"""Test configuration: hypothesis profiles sized for CI and local runs; isolated registrations."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

from govdisclosure.serialize import registry

if TYPE_CHECKING:
    from collections.abc import Iterator


settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _restore_registrations() -> Iterator[None]:
    """Undo the subclasses a test registers, so no test sees another's classes.

    Registration is process-wide by design (other projects register at import time); tests that
    register odd classes on purpose (unsupported field types, clashing tags) must not leak them
    into the JSON Schema or the converters used by later tests and doctests.
    """
    with registry.snapshot():
        yield


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The corpus test's table of key figures per source kind, when it ran (tests/corpus.py)."""
    import corpus

    if corpus.SUMMARY:
        terminalreporter.section("real-report corpus")
        for line in corpus.SUMMARY:
            terminalreporter.write_line(line)
