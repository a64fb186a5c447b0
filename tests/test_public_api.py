"""The top-level namespace: a curated, sorted ``__all__`` whose every name resolves."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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


def _imported_names(nodes: list[ast.stmt]) -> set[str]:
    return {
        alias.asname or alias.name
        for node in nodes
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def test_the_lazy_map_is_the_one_list_of_lazy_names() -> None:
    # The lazy names are written twice for good reasons: in the map that loads them, and under
    # TYPE_CHECKING for type checkers, which cannot read the map. They must not drift apart,
    # and ``__all__`` is exactly the eager imports plus the lazy names.
    tree = ast.parse(Path(govdisclosure.__file__).read_text(encoding="utf-8"))
    checking = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
    )
    lazy = set(govdisclosure._LAZY)
    assert _imported_names(checking.body) == lazy
    eager = _imported_names(tree.body)
    assert not eager & lazy
    assert set(govdisclosure.__all__) == eager | lazy
