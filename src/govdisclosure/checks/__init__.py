"""Consistency checks of annual reports: numbered rules, a registry, findings.

Each :class:`Rule` tests one identity a report must satisfy (spec §8): the balance of table 3
(T3-BALANCE), its row sums (T3-ROW-SUM) and outcome total (T3-OUTCOMES), the totals of table 4
(T4-TOTAL), a sanity check of table 2 (T2-SANITY), across years the carry-over (SERIES-CARRY), and
the narrative against the tables (NARRATIVE-FIGURE, -SUM, -SHARE, -UPHELD, -SCOPE, and
LEGACY-NARRATIVE for 2008-era reports). A blank operand never fails a rule: the finding is "not
verifiable" and is listed only on request. A report's table 2 can also be held to the
publication register it comes from (:func:`check_against_register`).

>>> from govdisclosure.examples import load
>>> from govdisclosure.checks import check
>>> check(load("huaian-city-2024"))
()
"""

from __future__ import annotations

from govdisclosure.checks import _builtin as _builtin
from govdisclosure.checks import _core
from govdisclosure.checks._core import (
    DuplicateRuleError,
    Finding,
    Observation,
    Rule,
    Severity,
    Status,
    Table,
    blanks_as_zero,
    check,
    check_series,
    register_rule,
    registered_rules,
    unregister_rule,
)
from govdisclosure.checks._narrative import LEGACY_LABELS, NARRATIVE_LABELS, narrative_key
from govdisclosure.checks._proactive import (
    check_against_register,
    check_register,
    table2_cells,
)

__all__ = [
    "LEGACY_LABELS",
    "NARRATIVE_LABELS",
    "DuplicateRuleError",
    "Finding",
    "Observation",
    "Rule",
    "Severity",
    "Status",
    "Table",
    "blanks_as_zero",
    "check",
    "check_against_register",
    "check_register",
    "check_series",
    "narrative_key",
    "register_rule",
    "registered_rules",
    "table2_cells",
    "unregister_rule",
]

# Document (and cross-reference) the engine's names where users import them. The register checks
# and the label tables stay documented in their own modules, whose namespace their examples use.
for _name in _core.__all__:
    if _name != "Table":  # an alias of model.layout.ReportPart, documented there
        globals()[_name].__module__ = __name__
del _name
