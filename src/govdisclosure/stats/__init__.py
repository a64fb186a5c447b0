"""Statistics: tables 3 and 4 from request logs, comparisons and roll-ups of reports.

>>> from govdisclosure.model.layout import ApplicationRow
>>> from govdisclosure.stats import tabulate
>>> tabulate([], year=2024).applications.row(ApplicationRow.NEW).total
0
"""

from __future__ import annotations

from govdisclosure.stats._columnar import RequestColumns, tabulate_columns
from govdisclosure.stats._combine import CellDelta, compare, rollup
from govdisclosure.stats._proactive import (
    CategoryCount,
    ChannelCount,
    ChannelStats,
    ProactiveTabulation,
    decision_count,
    fee_amount,
    tabulate_proactive,
)
from govdisclosure.stats._tabulate import Tabulation, tabulate
from govdisclosure.stats._timing import ResponseStats, TimingReport, response_stats

__all__ = [
    "CategoryCount",
    "CellDelta",
    "ChannelCount",
    "ChannelStats",
    "ProactiveTabulation",
    "RequestColumns",
    "ResponseStats",
    "Tabulation",
    "TimingReport",
    "compare",
    "decision_count",
    "fee_amount",
    "response_stats",
    "rollup",
    "tabulate",
    "tabulate_columns",
    "tabulate_proactive",
]
