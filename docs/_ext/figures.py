"""Pictures of the documentation, drawn from the library while the docs build, so they cannot drift.

- ``_static/generated/outcome-mix.png``: the outcome categories of table 3 in the bundled and two
  parsed reports (the analysis tutorial's figure);
- ``_static/generated/deadline-strip.png``: the days of a worked deadline, coloured by kind;
- the directive ``govdisclosure-form-table`` (options ``version`` and ``part``): a table of the
  national form as rendered, each row label with its row code and each cell with its column
  code (the two codes of its ``CellRef``);
- the directive ``govdisclosure-state-diagram``: the request lifecycle as an SVG state diagram
  drawn from ``govdisclosure.rules.STATE_TABLE``, the table the fold is tested against.
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


# Where each state sits (column, row): the only thing here that is not read from the rules.
_PLACES = {
    "not-received": (0, 2),
    "received": (1, 2),
    "extended": (1, 4),
    "awaiting-correction": (2, 0),
    "in-consultation": (2, 2),
    "awaiting-fee": (2, 4),
    "closed-no-correction": (3, 0),
    "closed-fee-unpaid": (3, 4),
    "answered": (4, 1),
    "withdrawn": (4, 3),
}
_SD_COL, _SD_ROW, _SD_W, _SD_H, _SD_PAD = 255, 84, 152, 46, 30


def _centre(code: str) -> tuple[float, float]:
    col, row = _PLACES[code]
    return _SD_PAD + col * _SD_COL + _SD_W / 2, _SD_PAD + 20 + row * _SD_ROW + _SD_H / 2


def _border(x0: float, y0: float, x1: float, y1: float, w: float, h: float) -> tuple[float, float]:
    """Where the line from (x0, y0) to (x1, y1) leaves the w x h box centred on (x0, y0)."""
    dx, dy = x1 - x0, y1 - y0
    scale = min(w / 2 / abs(dx) if dx else float("inf"), h / 2 / abs(dy) if dy else float("inf"))
    return x0 + dx * scale, y0 + dy * scale


def state_diagram() -> str:
    """The lifecycle as SVG: a box per state, an arrow per move of ``rules.STATE_TABLE``.

    A move possible from every open or lapsed state starts at the frame around them; a move
    with several possible targets is drawn to its usual (first) one.
    """
    from html import escape

    from govdisclosure.rules import STATE_TABLE, RequestState

    everywhere = {
        s
        for s in RequestState
        if s not in (RequestState.NOT_RECEIVED, RequestState.ANSWERED, RequestState.WITHDRAWN)
    }
    edges: dict[tuple[str, str], list[str]] = {}
    for move in STATE_TABLE:
        target = move.targets[0].code
        name = move.trigger_name[0]
        if set(move.sources) >= everywhere:
            inside = move.targets[0] in everywhere
            sources = ["received"] if inside else ["*"]
            name += " (from any open state)" if inside else ""
        else:
            sources = [s.code for s in move.sources]
            if "received" in sources:
                # 已延期答复 moves as 办理中 does; the caption says so instead of more arrows.
                sources = [c for c in sources if c != "extended"]
        for source in sources:
            if source != target:
                names = edges.setdefault((source, target), [])
                if name not in names:
                    names.append(name)
    width = _SD_PAD * 2 + 4 * _SD_COL + _SD_W
    height = _SD_PAD * 2 + 40 + 4 * _SD_ROW + _SD_H
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            'width="100%" role="img" aria-label="Request lifecycle state diagram" '
            'font-family="sans-serif" font-size="11">'
        ),
        (
            '<defs><marker id="gd-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
            'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
            'fill="#444"/></marker></defs>'
        ),
    ]
    # The frame around the open and lapsed states: the source of the moves from any of them.
    fx, fy = _SD_PAD + _SD_COL - 14, _SD_PAD + 6
    fw, fh = 2 * _SD_COL + _SD_W + 28, 4 * _SD_ROW + _SD_H + 28
    out.append(
        f'<rect x="{fx}" y="{fy}" width="{fw}" height="{fh}" rx="10" fill="#f6f8fa" '
        'stroke="#999" stroke-dasharray="5 4"/>'
        f'<text x="{fx + 8}" y="{fy + 12}" fill="#666">open or closed by a lapse</text>'
    )
    for (source, target), names in sorted(edges.items()):
        x1, y1 = _centre(target)
        x0: float
        y0: float
        if source == "*":
            x0, y0 = fx + fw, y1  # from the frame's right side, level with the target
        else:
            cx, cy = _centre(source)
            x0, y0 = _border(cx, cy, x1, y1, _SD_W, _SD_H)
        x1b, y1b = _border(x1, y1, x0, y0, _SD_W, _SD_H)
        # Two moves between the same states in opposite directions are drawn side by side,
        # each label on its own side.
        length = max(((x1b - x0) ** 2 + (y1b - y0) ** 2) ** 0.5, 1)
        nx, ny = -(y1b - y0) / length, (x1b - x0) / length
        lift = 4.0
        if (target, source) in edges:
            x0, y0, x1b, y1b = x0 + nx * 5, y0 + ny * 5, x1b + nx * 5, y1b + ny * 5
            lift = 14.0
        out.append(
            f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1b:.1f}" y2="{y1b:.1f}" stroke="#444" '
            'marker-end="url(#gd-arrow)"/>'
        )
        label = escape(" / ".join(names))
        if (target, source) not in edges and (ny > 0 or (ny == 0 and nx > 0)):
            nx, ny = -nx, -ny  # a single line's label above (or left of) it
        # On a long line the label sits nearer its start, away from the crowd in the middle.
        at = 0.5 if length < 300 else 0.3
        mx = x0 + (x1b - x0) * at + nx * lift
        my = y0 + (y1b - y0) * at + ny * lift + 3
        out.append(
            f'<text x="{mx:.1f}" y="{my:.1f}" text-anchor="middle" fill="#1a4f8b" '
            f'paint-order="stroke" stroke="#fff" stroke-width="3">{label}</text>'
        )
    for state in RequestState:
        x, y = _centre(state.code)
        final = state.is_final
        fill = "#e8f1e4" if state is RequestState.ANSWERED else "#fdecea" if final else "#fff"
        out.append(
            f'<rect x="{x - _SD_W / 2}" y="{y - _SD_H / 2}" width="{_SD_W}" height="{_SD_H}" '
            'rx="6" '
            f'fill="{fill}" stroke="#333" stroke-width="{2 if final else 1}"/>'
            f'<text x="{x}" y="{y - 4}" text-anchor="middle" font-weight="bold">'
            f"{escape(state.label)}</text>"
            f'<text x="{x}" y="{y + 12}" text-anchor="middle" fill="#555">'
            f"{escape(state.label_en)}</text>"
        )
    out.append("</svg>")
    return '<div class="gd-state-diagram">' + "".join(out) + "</div>"


class StateDiagram(Directive):
    """``govdisclosure-state-diagram``: the request lifecycle drawn from the rules' state table."""

    def run(self) -> list[nodes.Node]:
        return [nodes.raw("", state_diagram(), format="html")]


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
    app.add_directive("govdisclosure-state-diagram", StateDiagram)
    app.add_css_file("generated/report.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
