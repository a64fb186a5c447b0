"""Optional extras in the test run: tests, doctests and docs pages skip cleanly without them.

A test that needs an extra says so with ``@common.extra("arrow")`` (or a module's
``pytestmark``); a doctest, which cannot carry a mark, is listed in :data:`DOCTEST_EXTRAS`. Both
are skipped at set-up, with the command that installs what is missing.
``GOVDISCLOSURE_HIDE_EXTRAS=all`` (or a comma-separated list of extras) runs the suite as if
they were not installed, which is how the marks are kept right.
"""

from __future__ import annotations

import doctest
import importlib.abc
import re
import sys
from typing import TYPE_CHECKING, Any

import pytest

import common
from govdisclosure.serialize import registry

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from importlib.machinery import ModuleSpec
    from pathlib import Path
    from types import ModuleType


class _HideExtras(importlib.abc.MetaPathFinder):
    """Refuses the modules of the extras ``GOVDISCLOSURE_HIDE_EXTRAS`` names, as an environment
    without them would."""

    def __init__(self, modules: frozenset[str]) -> None:
        self.modules = modules

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname.partition(".")[0] in self.modules:
            raise ModuleNotFoundError(f"No module named {fullname!r} (hidden)", name=fullname)
        return None


_HIDDEN = frozenset(m for name in common.hidden_extras() for m in common.EXTRAS[name])
if _HIDDEN:
    sys.meta_path.insert(0, _HideExtras(_HIDDEN))

_LIBRARY_EXTRAS = frozenset({"pdf", "docx", "pandas", "arrow", "xlsx", "fast"})

# Doctests cannot carry a mark: the extras of the modules and pages whose examples need them.
DOCTEST_EXTRAS: dict[str, tuple[str, ...]] = {
    # The corpus API's examples parse the repository's PDF reports; the corpus page also writes
    # and queries a Parquet dataset.
    "src/govdisclosure/corpus/__init__.py": ("pdf",),
    "src/govdisclosure/stats/_columnar.py": ("fast",),
    "docs/corpus.md": ("pdf", "arrow", "pandas", "duckdb"),
}


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    """The docs' figure extension draws with matplotlib, which needs numpy (the fast extra)."""
    if "docs/_ext" in collection_path.as_posix() and not common.has_extra("fast"):
        return True
    return None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "extra(*names): needs these optional extras; skipped at set-up without them"
    )


def _needed(item: pytest.Item) -> tuple[str, ...]:
    names = [n for mark in item.iter_markers("extra") for n in mark.args]
    path = item.path.as_posix()
    for suffix, extras in DOCTEST_EXTRAS.items():
        if path.endswith(suffix) and item.__class__.__name__ == "DoctestItem":
            names.extend(extras)
    return tuple(dict.fromkeys(names))


def pytest_runtest_setup(item: pytest.Item) -> None:
    missing = [name for name in _needed(item) if not common.has_extra(name)]
    if missing:
        # dask and DuckDB come with the test extra only; the others are extras of the library.
        install = ",".join(dict.fromkeys(n if n in _LIBRARY_EXTRAS else "test" for n in missing))
        pytest.skip(f"needs {', '.join(missing)}: pip install -e '.[{install}]'")


_EXTRA_HINT = re.compile(r"govdisclosure\[(\w+)\]")


def _missing_extra(exc: BaseException | None) -> str | None:
    """The missing extra that ``exc`` (or an exception it was raised from) says it needs."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, doctest.UnexpectedException):
            exc = exc.exc_info[1]
            continue
        if isinstance(exc, ModuleNotFoundError) and exc.name:
            top = exc.name.partition(".")[0]
            for name, modules in common.EXTRAS.items():
                if top in modules and not common.has_extra(name):
                    return name
        hint = _EXTRA_HINT.search(str(exc))
        if hint and hint[1] in common.EXTRAS and not common.has_extra(hint[1]):
            return hint[1]
        exc = exc.__cause__ or exc.__context__
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """A test that fails only because an optional extra is not installed is skipped, naming it.

    Only a missing extra can turn a failure into a skip: with every extra installed (as CI and
    the test extra have them) no failure is ever hidden."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and call.excinfo is not None:
        name = _missing_extra(call.excinfo.value)
        if name is not None:
            report.outcome = "skipped"
            path, line, _ = item.location
            report.longrepr = (path, (line or 0) + 1, f"Skipped: needs the {name} extra")


@pytest.fixture(autouse=True)
def _restore_registrations() -> Iterator[None]:
    """Undo the subclasses a test registers, so no test sees another's classes.

    Registration is process-wide by design (other projects register at import time); tests that
    register odd classes on purpose (unsupported field types, clashing tags) must not leak them
    into the JSON Schema or the converters used by later tests and doctests.
    """
    with registry.snapshot():
        yield
