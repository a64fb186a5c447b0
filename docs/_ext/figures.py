"""Pictures of the documentation, drawn from the library while the docs build, so they cannot drift.

- ``_static/generated/outcome-mix.png``: the outcome categories of table 3 in the bundled and two
  parsed reports (the analysis tutorial's figure);
- ``_static/generated/deadline-strip.png``: the days of a worked deadline, coloured by kind;
- the directive ``govdisclosure-form-table`` (options ``version`` and ``part``): a table of the
  national form as rendered, each row label with its row code and each cell with its column
  code (the two codes of its ``CellRef``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import matplotlib

matplotlib.use("Agg")

from docutils import nodes
from docutils.parsers.rst import Directive, directives

if TYPE_CHECKING:
    from sphinx.application import Sphinx

GENERATED = "_static/generated"


def outcome_mix(path: Path) -> None:
    """Each report's outcome categories as shares of what it handled, in the form's order."""
    import matplotlib.pyplot as plt

    from govdisclosure import examples
    from govdisclosure.export.frame import to_frame
    from govdisclosure.model import ApplicationRow, OutcomeGroup
    from govdisclosure.parse import parse_report

    reports = [examples.load(name) for name in examples.names()]
    reports += [
        parse_report(examples.source(name)).report
        for name in ("pingtan-zone-2013", "pingtan-zone-2022")
    ]
    frame = to_frame(reports)
    table3 = frame[frame["table"] == "applications"]
    groups = {row.code: row.group for row in ApplicationRow if row.group is not None}
    outcomes = table3[table3["row"].isin(list(groups)) & (table3["column"] != "total")].copy()
    outcomes["group"] = outcomes["row"].astype(str).map(lambda code: groups[code].label_en)
    # One bar per report (an agency in a year), named by the agency's level and the year: the
    # reports are of different agencies, not a time series of one.
    level_name = outcomes["level"].astype("string").fillna("unknown level")
    outcomes["report"] = level_name + " " + outcomes["year"].astype("string")
    counts = outcomes.pivot_table(
        index="report", columns="group", values="value", aggfunc="sum", observed=True
    )
    order = [g.label_en for g in OutcomeGroup if g.label_en in counts.columns]
    shares = counts[order].div(counts.sum(axis=1), axis=0)
    axes = shares.plot.barh(stacked=True, figsize=(8, 3.2), colormap="tab10")
    axes.set_xlabel("share of the applications the report says it handled")
    axes.set_ylabel("report (agency level, year)")
    axes.set_title("Outcome categories (1)-(6) of table 3, per report")
    axes.invert_yaxis()
    labels = [f"({i}) {name}" for i, name in enumerate(order, 1)]
    axes.legend(axes.get_legend_handles_labels()[0], labels, bbox_to_anchor=(1.02, 1),
                loc="upper left", title="outcome")  # fmt: skip
    axes.figure.savefig(path, dpi=110, bbox_inches="tight")
    plt.close("all")


def deadline_strip(path: Path) -> None:
    """The working days counted for an application received on 24 January 2025 (春节)."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    from govdisclosure.rules import default_calendar
    from govdisclosure.rules.calendar import DayKind

    received = date(2025, 1, 24)
    calendar = default_calendar()
    due = calendar.add_workdays(received, 20)
    colours = {
        DayKind.WORKDAY: "#4c72b0",
        DayKind.MAKEUP_WORKDAY: "#dd8452",
        DayKind.WEEKEND: "#d9d9d9",
        DayKind.HOLIDAY: "#c44e52",
    }
    days = [received + timedelta(days=i) for i in range((due - received).days + 1)]
    figure, axes = plt.subplots(figsize=(10, 1.9))
    counted = 0
    for index, day in enumerate(days):
        kind = calendar.day_kind(day)
        colour = "#ffffff" if day == received else colours.get(kind, "#999999")
        axes.add_patch(Rectangle((index, 0), 0.92, 1, color=colour, ec="#333333", lw=0.4))
        if day != received and kind.is_workday:
            counted += 1
            axes.text(index + 0.46, 0.5, str(counted), ha="center", va="center", fontsize=7,
                      color="white")  # fmt: skip
        if day.day == 1 or index == 0 or day == due:
            axes.text(index, -0.35, day.strftime("%d %b"), fontsize=7)
    axes.set_xlim(-0.2, len(days) + 0.2)
    axes.set_ylim(-0.6, 1.2)
    axes.axis("off")
    axes.set_title(
        f"Received {received:%d %b %Y} (not counted); 20 working days end on {due:%d %b %Y}",
        fontsize=9,
    )
    legend = [
        Patch(color="#ffffff", ec="#333333", label="day of receipt"),
        *(Patch(color=c, label=k.label_en.split(" (")[0]) for k, c in colours.items()),
    ]
    axes.legend(handles=legend, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=5,
                fontsize=7, frameon=False)  # fmt: skip
    figure.savefig(path, dpi=110, bbox_inches="tight")
    plt.close("all")


_ROW = re.compile(r'<tr class="gd-row-([\w-]+)">')
_ROW_LABEL = re.compile(r'(<th scope="row"[^>]*>)([^<]*)(</th>)')
_CELL = re.compile(r'<td class="gd-col-([\w-]+)"([^>]*)></td>')


def annotated_table(version_code: str, part_code: str) -> str:
    """A table of the form as rendered, every cell filled with the code of its cell."""
    from govdisclosure.formatting import render
    from govdisclosure.model import Agency
    from govdisclosure.model.form import form_of

    form = form_of(version_code)
    table = form.table(part_code)
    report = form.report_class(agency=Agency(name="某机关"), year=2024)
    blank = table.build([None] * len(table.cells))
    page = render(
        form.report_class(agency=report.agency, year=2024, **{table.attribute: blank}), "html"
    )
    start = page.index(f'<table class="gd-table gd-table-{table.number}">')
    html = page[start : page.index("</table>", start) + len("</table>")]
    out = []
    for piece in re.split(r"(?=<tr )", html):
        found = _ROW.match(piece)
        if found and table.part.code != "reviews":
            # The row's code under its label; each cell shows its column's code.
            piece = _ROW_LABEL.sub(rf"\1\2<br><code>{found.group(1)}</code>\3", piece)
        out.append(_CELL.sub(r'<td class="gd-col-\1"\2><code>\1</code></td>', piece))
    return '<div class="gd-report gd-annotated">' + "".join(out) + "</div>"


class FormTable(Directive):
    """``govdisclosure-form-table``: a table of the form, each cell showing its code."""

    option_spec: ClassVar[dict[str, Any]] = {
        "version": directives.unchanged_required,
        "part": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        html = annotated_table(self.options["version"], self.options["part"])
        return [nodes.raw("", html, format="html")]


def form_outline(version_code: str) -> nodes.bullet_list:
    """Report -> tables -> rows -> cells, as a nested list drawn from the form."""
    from govdisclosure.model.form import form_of

    form = form_of(version_code)

    def item(text: str, *children: nodes.Node) -> nodes.list_item:
        entry = nodes.list_item()
        entry += nodes.paragraph(text=text)
        for child in children:
            entry += child
        return entry

    tables = nodes.bullet_list()
    for table in form.tables:
        rows = nodes.bullet_list()
        for row in table.rows:
            columns = ", ".join(f"{c.code} ({c.label})" for c in row.columns)
            rows += item(f"row {row.code}: {row.label} — cells {columns}")
        fixed = f"{len(table.cells)} cells" if table.rows else "rows as printed"
        columns = ", ".join(f"{c.code} ({c.label})" for c in table.columns)
        detail = rows if table.rows else nodes.paragraph(text=f"columns {columns}")
        tables += item(
            f"table {table.number}, {table.label}: field {table.attribute}, "
            f"{table.model.__name__}, {fixed}",
            detail,
        )
    outline = nodes.bullet_list()
    outline += item(
        f"{form.report_class.__name__} (format {form.version.code}, {form.version.label})", tables
    )
    return outline


class FormOutline(Directive):
    """``govdisclosure-form-outline``: a format version's report, tables, rows and cells."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        return [form_outline(self.arguments[0])]


def _draw(app: Sphinx) -> None:
    folder = Path(app.srcdir) / GENERATED
    folder.mkdir(parents=True, exist_ok=True)
    outcome_mix(folder / "outcome-mix.png")
    deadline_strip(folder / "deadline-strip.png")
    # The annotated tables use the reports' own stylesheet, cells in a small monospace.
    from govdisclosure.formatting import stylesheet

    css = stylesheet() + (
        "\n.gd-annotated { padding: 0; max-width: none; }"
        "\n.gd-annotated code { font-size: 0.7em; white-space: normal; word-break: break-all; }\n"
    )
    (folder / "report.css").write_text(css, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    # The folder the pictures are drawn into must exist before the builder checks its paths.
    (Path(app.srcdir) / GENERATED).mkdir(parents=True, exist_ok=True)
    app.connect("builder-inited", _draw)
    app.add_directive("govdisclosure-form-table", FormTable)
    app.add_directive("govdisclosure-form-outline", FormOutline)
    app.add_css_file("generated/report.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
