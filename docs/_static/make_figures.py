"""Draw the figures of the documentation from the bundled reports and two parsed ones.

Run once after a change to the examples or to the analysis tutorial, and commit the result::

    python docs/_static/make_figures.py

It draws ``docs/_static/outcome-mix.png`` exactly as ``docs/tutorial-analysis.md`` does.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from govdisclosure import examples
from govdisclosure.export.frame import to_frame
from govdisclosure.model import ApplicationRow
from govdisclosure.parse import parse_report

HERE = Path(__file__).resolve().parent
PARSED = ("pingtan-zone-2013", "pingtan-zone-2022")


def outcome_mix() -> Path:
    """The share of each outcome category in each report's table 3, as a stacked bar chart."""
    reports = [examples.load(name) for name in examples.names()]
    reports += [parse_report(examples.source(name)).report for name in PARSED]
    frame = to_frame(reports)
    table3 = frame[frame["table"] == "applications"]
    groups = {row.code: row.group.label_en for row in ApplicationRow if row.group is not None}
    outcomes = table3[table3["row"].isin(list(groups)) & (table3["column"] != "total")].copy()
    outcomes["group"] = outcomes["row"].astype(str).map(groups)
    counts = outcomes.pivot_table(
        index="year", columns="group", values="value", aggfunc="sum", observed=True
    )
    shares = counts.div(counts.sum(axis=1), axis=0)
    axes = shares.plot.bar(stacked=True, figsize=(7, 4), rot=0)
    axes.set_ylabel("share of applications handled")
    axes.set_title("Outcome mix of table 3 by report year")
    axes.legend(title="outcome", bbox_to_anchor=(1.02, 1), loc="upper left")
    path = HERE / "outcome-mix.png"
    axes.figure.savefig(path, dpi=100, bbox_inches="tight")
    return path


if __name__ == "__main__":
    print(outcome_mix())
