"""Test configuration: hypothesis profiles sized for CI and local runs (registrations are
isolated by the root conftest.py, for doctests too)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    import pytest

settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The corpus test's table of key figures per source kind, when it ran (tests/corpus.py)."""
    import corpus

    if corpus.SUMMARY:
        terminalreporter.section("real-report corpus")
        for line in corpus.SUMMARY:
            terminalreporter.write_line(line)
