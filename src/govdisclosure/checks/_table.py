"""The table of every registered rule, generated from the rules themselves (docs/checks.md)."""

from __future__ import annotations

from govdisclosure.checks._core import registered_rules

__all__ = ["rules_markdown"]


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_markdown() -> str:
    """A Markdown table of the registered rules: id, severity, how it runs, example findings.

    The example findings are the rules' own message templates filled in with their example
    values (:meth:`Rule.examples`), so the table cannot drift from what the rules say; the docs
    print it and a test holds the page to it.

    >>> print(rules_markdown().splitlines()[0])
    | id | severity | runs in | example finding | 示例 |
    """
    lines = [
        "| id | severity | runs in | example finding | 示例 |",
        "|---|---|---|---|---|",
    ]
    for rule in registered_rules().values():
        if rule.corpus:
            runs = "`outliers`"
        elif rule.series:
            runs = "`check_series`"
        elif rule.default:
            runs = "`check`"
        else:
            runs = "`completeness`"
        en, zh = rule.examples()
        lines.append(
            f"| `{rule.id}` | {rule.severity.code} | {runs} | {_escape(en)} | {_escape(zh)} |"
        )
    return "\n".join(lines)
