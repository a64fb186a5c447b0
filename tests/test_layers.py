"""The layers import downward only: model <- rules <- stats/checks <- formatting/serialize/parse
<- cli, read from every import in the source (inside functions and TYPE_CHECKING blocks too)."""

from __future__ import annotations

import ast
from pathlib import Path

import govdisclosure

ROOT = Path(govdisclosure.__file__).parent

# A package may import its own layer and the layers below it. A new top-level module or package
# must be given its place here, so the order is a decision, not an accident.
LAYERS = {
    "_version": 0,
    "errors": 0,
    "model": 1,
    "rules": 2,
    "stats": 3,
    "checks": 3,
    "formatting": 4,
    "serialize": 4,
    "parse": 4,
    "export": 4,
    "examples": 4,
    "testing": 4,
    "outline": 4,
    "corpus": 5,
    "cli": 6,
    "__init__": 7,
}


def _top(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return parts[0]


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "govdisclosure":
                found.extend((node.lineno, f"govdisclosure.{a.name}") for a in node.names)
            else:
                found.append((node.lineno, node.module))
    return [(line, name) for line, name in found if name.startswith("govdisclosure.")]


def test_every_top_level_module_has_a_layer() -> None:
    tops = {_top(path) for path in ROOT.rglob("*.py")}
    assert tops <= set(LAYERS), sorted(tops - set(LAYERS))


def test_imports_point_down_only() -> None:
    upward = []
    for path in sorted(ROOT.rglob("*.py")):
        source = _top(path)
        for line, name in _imports(path):
            target = name.split(".")[1]
            if target not in LAYERS:
                continue  # a submodule of the root package itself, e.g. govdisclosure._version
            if LAYERS[target] > LAYERS[source]:
                upward.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert upward == []


def test_no_relative_imports() -> None:
    relative = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in ROOT.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level
    ]
    assert relative == []
