"""The top-level namespace: a curated, sorted ``__all__`` whose every name resolves."""

from __future__ import annotations

import subprocess
import sys

import pytest

import govdisclosure


def test_all_is_sorted_and_unique() -> None:
    names = govdisclosure.__all__
    assert len(set(names)) == len(names)
    kinds = [(0 if n.isupper() else 1 if n[0].isupper() else 2, n) for n in names]
    assert kinds == sorted(kinds)


@pytest.mark.parametrize("name", govdisclosure.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(govdisclosure, name) is not None


def test_unknown_attribute_raises() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = govdisclosure.nope


def test_import_does_not_load_the_rules_or_babel() -> None:
    code = (
        "import sys, govdisclosure; "
        "print(sorted(m for m in ('govdisclosure.rules', 'chinese_calendar', 'babel') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
