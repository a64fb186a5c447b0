"""Statistics: tables 3 and 4 from request logs, comparisons and roll-ups of reports.

>>> from govdisclosure.model.layout import ApplicationRow
>>> from govdisclosure.stats import tabulate
>>> tabulate([], year=2024).applications.row(ApplicationRow.NEW).total
0
"""

from __future__ import annotations

from govdisclosure.stats._columnar import RequestColumns, tabulate_columns
from govdisclosure.stats._combine import CellDelta, compare, rollup
from govdisclosure.stats._panel import PanelRow, panel
from govdisclosure.stats._proactive import (
    CategoryCount,
    ChannelCount,
    ChannelStats,
    ProactiveTabulation,
    decision_count,
    fee_amount,
    tabulate_proactive,
)
from govdisclosure.stats._rollup import (
    DoubleCounting,
    Overlap,
    Rollup,
    overlaps,
    rollup_tables,
    within_region,
)
from govdisclosure.stats._tabulate import Tabulation, tabulate
from govdisclosure.stats._timing import ResponseStats, TimingReport, response_stats

__all__ = [
    "CategoryCount",
    "CellDelta",
    "ChannelCount",
    "ChannelStats",
    "DoubleCounting",
    "Overlap",
    "PanelRow",
    "ProactiveTabulation",
    "RequestColumns",
    "ResponseStats",
    "Rollup",
    "Tabulation",
    "TimingReport",
    "compare",
    "decision_count",
    "fee_amount",
    "overlaps",
    "panel",
    "response_stats",
    "rollup",
    "rollup_tables",
    "tabulate",
    "tabulate_columns",
    "tabulate_proactive",
    "within_region",
]

# Document (and cross-reference) the request statistics where users import them; the proactive
# tabulation stays documented in its own module, whose namespace its examples use.
_REQUEST_STATS = ("CellDelta", "ResponseStats", "Tabulation", "TimingReport")
# The panel and the roll-ups by region are documented here too.
_CORPUS_STATS = (
    "DoubleCounting",
    "Overlap",
    "PanelRow",
    "Rollup",
    "overlaps",
    "panel",
    "rollup_tables",
    "within_region",
)
for _name in (*_REQUEST_STATS, *_CORPUS_STATS, "compare", "response_stats", "rollup", "tabulate"):
    globals()[_name].__module__ = __name__
del _name
