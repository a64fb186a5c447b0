"""Consistency checks of annual reports: numbered rules, a registry, findings.

Each :class:`Rule` tests one identity a report must satisfy (spec §8): the balance of table 3
(T3-BALANCE), its row sums (T3-ROW-SUM) and outcome total (T3-OUTCOMES), the totals of table 4
(T4-TOTAL), a sanity check of table 2 (T2-SANITY), across years the carry-over (SERIES-CARRY) and
table 2 (T2-SERIES, T2-SERIES-ITEMS), the narrative against the tables (NARRATIVE-FIGURE, -SUM,
-SHARE, -UPHELD, -SCOPE, -RECEIVED, -RECEIVED-WHOLE, -APPLICANTS, -PARTS, and LEGACY-NARRATIVE for
2008-era reports) and section 六's fees (FEE-ITEMS, FEE-SCHEDULE). :func:`completeness` says what
a report leaves out (COMPLETE-*), :func:`outliers` what stands out in a corpus (OUTLIER-*), and
:func:`rules_markdown` lists every rule. A blank operand never fails a rule: the finding is "not
verifiable" and is listed only on request. A report's table 2 can also be held to the
publication register it comes from (:func:`check_against_register`).

>>> from govdisclosure.examples import load
>>> from govdisclosure.checks import check
>>> check(load("huaian-city-2024"))
()
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from govdisclosure.checks import _builtin as _builtin
from govdisclosure.checks import _fees as _fees
from govdisclosure.checks._complete import COMPLETENESS_RULES, Completeness, completeness
from govdisclosure.checks._core import (
    DuplicateRuleError,
    Finding,
    Observation,
    Rule,
    Severity,
    Status,
    blanks_as_zero,
    check,
    check_series,
    register_rule,
    registered_rules,
    unregister_rule,
)
from govdisclosure.checks._narrative import (
    LEGACY_LABELS,
    NARRATIVE_LABELS,
    RECEIVED_LABELS,
    narrative_key,
)
from govdisclosure.checks._outliers import OUTLIER_FIGURES, Outlier, outliers
from govdisclosure.checks._table import rules_markdown

if TYPE_CHECKING:
    from govdisclosure.checks._proactive import (
        check_against_register,
        check_register,
        table2_cells,
    )

# The register checks need the rules layer (the working-day calendar): they load on first use,
# so that checking a report, or parsing one, does not.
_LAZY = {
    "check_against_register": "govdisclosure.checks._proactive",
    "check_register": "govdisclosure.checks._proactive",
    "table2_cells": "govdisclosure.checks._proactive",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govdisclosure.checks' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "COMPLETENESS_RULES",
    "LEGACY_LABELS",
    "NARRATIVE_LABELS",
    "OUTLIER_FIGURES",
    "RECEIVED_LABELS",
    "Completeness",
    "DuplicateRuleError",
    "Finding",
    "Observation",
    "Outlier",
    "Rule",
    "Severity",
    "Status",
    "blanks_as_zero",
    "check",
    "check_against_register",
    "check_register",
    "check_series",
    "completeness",
    "narrative_key",
    "outliers",
    "register_rule",
    "registered_rules",
    "rules_markdown",
    "table2_cells",
    "unregister_rule",
]
