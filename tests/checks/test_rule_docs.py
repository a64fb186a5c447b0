"""docs/checks.md lists every registered rule as the rules themselves describe it."""

from __future__ import annotations

from pathlib import Path

from govdisclosure.checks import registered_rules, rules_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "checks.md"


def test_the_rule_table_is_the_generated_one() -> None:
    assert rules_markdown() in DOC.read_text(encoding="utf-8")


def test_every_rule_has_an_example_in_both_languages() -> None:
    for rule in registered_rules().values():
        en, zh = rule.examples()
        assert "…" not in en and "…" not in zh, rule.id
        assert f"`{rule.id}`" in DOC.read_text(encoding="utf-8")
