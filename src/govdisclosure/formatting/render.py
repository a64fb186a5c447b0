"""Annual reports rendered in the national layout: plain text, Markdown or a full HTML5 page.

:func:`render` writes the title, the preamble, the narrative sections as printed and, for the
2019 and 2021 national formats, tables 2, 3 and 4 under their national headings with the exact
row and column labels of the report's format version. A blank cell (``None``) renders empty and
``0`` renders ``0``: blank is never zero. ``lang`` chooses the labels (official Chinese or
English); ``locale`` chooses number conventions only. The narrative is a quotation and stays as
printed in every language.

>>> from govdisclosure import examples
>>> page = render(examples.load("huaian-city-2024"), "html")
>>> page.startswith("<!DOCTYPE html>")
True
>>> '<table class="gd-table gd-table-3">' in page
True
"""

from __future__ import annotations

import html
import unicodedata
from functools import lru_cache, partial
from importlib import resources
from typing import TYPE_CHECKING, Literal

from govdisclosure.formatting._locale import DEFAULT_LOCALE, Conventions, conventions
from govdisclosure.formatting.explanations import format_explanation
from govdisclosure.formatting.money import format_money
from govdisclosure.formatting.numbers import render_number
from govdisclosure.formatting.numerals import heading
from govdisclosure.formatting.quantities import format_quantity
from govdisclosure.model.form import FormTable, Row, field_labels, form_of
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReportPart
from govdisclosure.model.outcome import OutcomeGroup
from govdisclosure.model.quantity import Money
from govdisclosure.model.report import (
    AnnualReport,
    AnnualReport2008,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from babel import Locale

    from govdisclosure.model.report import Figure, LegacyIndicator, Section
    from govdisclosure.rules.deadlines import DueDate

__all__ = [
    "RenderFormat",
    "display_width",
    "render",
    "render_deadline",
    "stylesheet",
]

RenderFormat = Literal["text", "markdown", "html"]
"""The output formats: ``"text"``, ``"markdown"`` (GitHub tables) and ``"html"`` (HTML5)."""

_FORMATS = ("text", "markdown", "html")


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters (CJK) take two.

    >>> display_width("总计"), display_width("total"), display_width("（一）")
    (4, 5, 6)
    """
    width = 0
    for ch in text:
        if ch.isascii():
            width += 1
        elif unicodedata.combining(ch):
            continue
        else:
            width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The CSS of rendered reports (inlined by :func:`render`; for pages that embed fragments).

    >>> ".gd-table td:empty" in stylesheet()
    True
    """
    return (
        resources.files("govdisclosure.formatting")
        .joinpath("data/report.css")
        .read_text(encoding="utf-8")
    )


def _is_english(lang: str) -> bool:
    return lang.replace("-", "_").split("_", 1)[0].lower() != "zh"


def _pick(labels: tuple[str | None, str | None], en: bool) -> str:
    return (labels[1] if en else labels[0]) or ""


def _separator(en: bool) -> str:
    return ": " if en else "："


def _national_heading(number: int, label: str, label_en: str, en: bool) -> str:
    return f"{heading(number, 'arabic')} {label_en}" if en else heading(number) + label


def _cell_formatter(conv: Conventions) -> Callable[[object], str]:
    fast = conv.plain_digits and not conv.group_by_default

    def cell(value: object) -> str:
        if value is None:
            return ""
        if fast and type(value) is int:
            return str(value)
        if isinstance(value, Money):
            return format_money(value, locale=conv.locale)
        return render_number(value, conv, None)  # type: ignore[arg-type]

    return cell


# --- Flat tables (text and Markdown) -----------------------------------------------------------


class _Flat:
    """A table with one header row: merged headers are flattened with "·"."""

    __slots__ = ("caption", "groups", "header", "numeric_from", "rows")

    def __init__(
        self,
        header: list[str],
        rows: list[list[str]],
        numeric_from: int = 1,
        caption: str | None = None,
        groups: list[str] | None = None,
    ) -> None:
        self.header = header
        self.rows = rows
        self.numeric_from = numeric_from
        self.caption = caption
        self.groups = groups
        """Per column, the merged header above it ("" if none)."""

    def flat_header(self) -> list[str]:
        """The header with each column's group label joined in front of its own."""
        if self.groups is None:
            return self.header
        return [_join(g, h) if g else h for g, h in zip(self.groups, self.header, strict=True)]


def _join(*parts: str) -> str:
    return "·".join(parts)


def _group_label(group: OutcomeGroup, en: bool) -> str:
    if en:
        return f"({list(OutcomeGroup).index(group) + 1}) {group.label_en}"
    return group.numbered_label


def _outcome_group(row: Row) -> OutcomeGroup | None:
    member = row.member
    return member.group if isinstance(member, ApplicationRow) else None


@lru_cache(maxsize=8)
def _row_labels(table: FormTable, en: bool) -> tuple[str, ...]:
    """Each row's own label; in English numbered as the Chinese labels are ((1), 1.)."""
    if not en:
        return tuple(row.label for row in table.rows)
    sizes = _group_sizes(table)
    labels: list[str] = []
    previous: OutcomeGroup | None = None
    index = 0
    for row in table.rows:
        group = _outcome_group(row)
        if row.member is ApplicationRow.TOTAL:
            labels.append(f"({len(OutcomeGroup) + 1}) {row.label_en}")
        elif group is None:
            labels.append(row.label_en)
        elif row.member is ApplicationRow.OTHER:
            labels.append(_group_label(group, en))
        elif sizes[group] == 1:
            labels.append(f"({list(OutcomeGroup).index(group) + 1}) {row.label_en}")
        else:
            index = index + 1 if previous is group else 1
            labels.append(f"{index}. {row.label_en}")
        previous = group
    return tuple(labels)


@lru_cache(maxsize=8)
def _group_sizes(table: FormTable) -> dict[OutcomeGroup, int]:
    sizes: dict[OutcomeGroup, int] = {}
    for row in table.rows:
        group = _outcome_group(row)
        if group is not None:
            sizes[group] = sizes.get(group, 0) + 1
    return sizes


def _chunks(values: Sequence[object], table: FormTable) -> list[Sequence[object]]:
    """The cells of a table object cut into the form's rows."""
    out = []
    start = 0
    for row in table.rows:
        out.append(values[start : start + len(row.columns)])
        start += len(row.columns)
    return out


def _blocks(table: FormTable) -> list[list[Row]]:
    """The rows of table 2 grouped into their printed blocks (第二十条第（一）项 …)."""
    blocks: list[list[Row]] = []
    for row in table.rows:
        if not blocks or blocks[-1][0].block != row.block:
            blocks.append([])
        blocks[-1].append(row)
    return blocks


def _flat_applications(
    obj: object, table: FormTable, en: bool, cell: Callable[[object], str]
) -> list[_Flat]:
    sizes = _group_sizes(table)
    names = _row_labels(table, en)
    rows = []
    for row, name, values in zip(table.rows, names, _chunks(table.read(obj), table), strict=True):
        group = _outcome_group(row)
        label = name
        if row.group is not None:
            parts = [_pick((row.group, row.group_en), en)]
            if group is not None and sizes[group] > 1:
                parts.append(_group_label(group, en))
            label = _join(*parts, name)
        rows.append([label, *(cell(v) for v in values)])
    headers = [_pick((c.label, c.label_en), en) for c in table.columns]
    groups = [_pick((c.group, c.group_en), en) if c.group else "" for c in table.columns]
    return [_Flat([table.header("note", en), *headers], rows, groups=["", *groups])]


def _flat_reviews(
    obj: object, table: FormTable, en: bool, cell: Callable[[object], str]
) -> list[_Flat]:
    header = ["", *(_pick((c.label, c.label_en), en) for c in table.columns)]
    rows = []
    for row, values in zip(table.rows, _chunks(table.read(obj), table), strict=True):
        name = _pick((row.label, row.label_en), en)
        if row.group is not None:
            name = _join(_pick((row.group, row.group_en), en), name)
        rows.append([name, *(cell(v) for v in values)])
    return [_Flat(header, rows)]


def _flat_proactive(
    obj: object, table: FormTable, en: bool, cell: Callable[[object], str]
) -> list[_Flat]:
    values = dict(zip(table.rows, _chunks(table.read(obj), table), strict=True))
    flats = []
    for block in _blocks(table):
        first = block[0]
        header = [table.header("content", en)]
        header.extend(_pick((c.label, c.label_en), en) for c in first.columns)
        rows = [[_pick((r.label, r.label_en), en), *(cell(v) for v in values[r])] for r in block]
        caption = _pick((first.block, first.block_en), en)
        flats.append(_Flat(header, rows, caption=caption))
    return flats


def _statistics_table() -> FormTable:
    return form_of(FormatVersion.LEGACY_2008).table(ReportPart.STATISTICS)


def _flat_statistics(
    indicators: Sequence[LegacyIndicator], en: bool, cell: Callable[[object], str]
) -> _Flat:
    header = [_pick((c.label, c.label_en), en) for c in _statistics_table().columns]
    rows = [[i.indicator, i.unit or "", cell(i.this_year), cell(i.cumulative)] for i in indicators]
    return _Flat(header, rows, numeric_from=2)


def _flat_grid(
    obj: object, table: FormTable, en: bool, cell: Callable[[object], str]
) -> list[_Flat]:
    """Any table of a form: column labels above, one line per row."""
    header = ["", *(_pick((c.label, c.label_en), en) for c in table.columns)]
    rows = [
        [_pick((row.label, row.label_en), en), *(cell(v) for v in values)]
        for row, values in zip(table.rows, _chunks(table.read(obj), table), strict=True)
    ]
    return [_Flat(header, rows)]


_FLAT = {
    "proactive": _flat_proactive,
    "applications": _flat_applications,
    "reviews": _flat_reviews,
    "grid": _flat_grid,
}


# --- Writers -----------------------------------------------------------------------------------


class _Writer:
    """Collects the parts of a rendered report; one subclass per output format."""

    def __init__(self, en: bool, conv: Conventions, standalone: bool = True) -> None:
        self.en = en
        self.conv = conv
        self.standalone = standalone
        self.cell = _cell_formatter(conv)
        self.parts: list[str] = []

    def title(self, text: str) -> None:
        raise NotImplementedError

    def paragraph(self, text: str) -> None:
        raise NotImplementedError

    def heading(self, level: int, text: str) -> None:
        raise NotImplementedError

    def figures(self, figures: Sequence[Figure]) -> None:
        """The figures as a nested list, one line a figure: the plain text and Markdown way."""
        lines: list[str] = []

        def add(items: Sequence[Figure], depth: int) -> None:
            for figure in items:
                lines.append(f"{'  ' * depth}- {self.escape(self.figure_line(figure))}")
                add(figure.parts, depth + 1)

        add(figures, 0)
        self.parts.append("\n".join(lines))

    def escape(self, text: str) -> str:
        """Text as the format writes it (plain text: as it is)."""
        return text

    def flat(self, table: _Flat, css: str) -> None:
        raise NotImplementedError

    def table(self, obj: object, table: FormTable) -> None:
        """A table of the form (2, 3 or 4) with the cells of ``obj``."""
        for flat in _FLAT[table.layout](obj, table, self.en, self.cell):
            self.flat(flat, str(table.number))

    def statistics(self, indicators: Sequence[LegacyIndicator]) -> None:
        self.flat(_flat_statistics(indicators, self.en, self.cell), "statistics")

    def figure_line(self, figure: Figure) -> str:
        quantity = format_quantity(figure.quantity, locale=self.conv.locale)
        return f"{figure.label}{_separator(self.en)}{quantity}"

    def finish(self, title: str, report: AnnualReport) -> str:
        return "\n\n".join(self.parts) + "\n"


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


class _TextWriter(_Writer):
    def title(self, text: str) -> None:
        self.parts.append(f"{text}\n{'=' * display_width(text)}")

    def paragraph(self, text: str) -> None:
        self.parts.append(text)

    def heading(self, level: int, text: str) -> None:
        if level == 1:
            self.parts.append(f"{text}\n{'-' * display_width(text)}")
        else:
            self.parts.append(text)

    def flat(self, table: _Flat, css: str) -> None:
        grid = [table.header, *table.rows]
        widths = [max(display_width(row[i]) for row in grid) for i in range(len(table.header))]
        lines = [] if table.caption is None else [table.caption]
        if table.groups is not None:
            lines.append(_group_line(table.groups, widths))
        for index, row in enumerate(grid):
            cells = [
                _pad(text, widths[i], right=index > 0 and i >= table.numeric_from)
                for i, text in enumerate(row)
            ]
            lines.append("  ".join(cells).rstrip())
            if index == 0:
                lines.append("  ".join("-" * w for w in widths))
        self.parts.append("\n".join(lines))


def _group_line(groups: list[str], widths: list[int]) -> str:
    """The merged headers above the columns; widens a run's last column to fit its label."""
    cells: list[str] = []
    start = 0
    while start < len(groups):
        end = start + 1
        while end < len(groups) and groups[end] == groups[start]:
            end += 1
        run = sum(widths[start:end]) + 2 * (end - start - 1)
        need = display_width(groups[start])
        if need > run:
            widths[end - 1] += need - run
            run = need
        cells.append(_pad(groups[start], run, right=False))
        start = end
    return "  ".join(cells).rstrip()


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def _md(text: str, block: bool = True) -> str:
    """Escape Markdown: inline specials, and (for a block) a start that would begin a list."""
    escaped = text.translate(_MD_SPECIAL)
    if not block:
        return escaped
    head = escaped[:1]
    if head in ("-", "+", "=", ">"):
        return "\\" + escaped
    digits = len(escaped) - len(escaped.lstrip("0123456789"))
    if digits and escaped[digits : digits + 1] in (".", ")"):
        return f"{escaped[:digits]}\\{escaped[digits:]}"
    return escaped


class _MarkdownWriter(_Writer):
    def title(self, text: str) -> None:
        self.parts.append(f"# {_md(text, block=False)}")

    def paragraph(self, text: str) -> None:
        self.parts.append(_md(text))

    def heading(self, level: int, text: str) -> None:
        self.parts.append(f"{'#' * min(level + 1, 6)} {_md(text, block=False)}")

    def escape(self, text: str) -> str:
        return _md(text)

    def flat(self, table: _Flat, css: str) -> None:
        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(_md(c, block=False) for c in cells) + " |"

        rule = ["---" if i < table.numeric_from else "---:" for i in range(len(table.header))]
        lines = [line(table.flat_header()), "| " + " | ".join(rule) + " |"]
        lines.extend(line(row) for row in table.rows)
        if table.caption is not None:
            self.parts.append(f"**{_md(table.caption)}**")
        self.parts.append("\n".join(lines))


# --- HTML ----------------------------------------------------------------------------------------

_esc = html.escape
_SINGLE_QUOTED = str.maketrans({"&": "&amp;", "'": "&#39;", "<": "&lt;", ">": "&gt;"})


def _esc_single(text: str) -> str:
    """Escape for a single-quoted attribute (JSON's many double quotes stay readable)."""
    return text.translate(_SINGLE_QUOTED)


def _attrs(css: str = "", colspan: int = 1, rowspan: int = 1) -> str:
    text = f' class="{_esc(css)}"' if css else ""
    if colspan > 1:
        text += f' colspan="{colspan}"'
    if rowspan > 1:
        text += f' rowspan="{rowspan}"'
    return text


@lru_cache(maxsize=8)
def _applications_html(table: FormTable, en: bool) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Table 3: the static head, each data row's opening, and each column's cell opening."""
    columns = table.columns
    grouped = [c for c in columns if c.group]
    first, last = columns[0], columns[-1]
    group = grouped[0]
    head = (
        '<table class="gd-table gd-table-3">\n<thead>\n'
        f"<tr><th{_attrs('gd-note', 3, 3)}>{_esc(table.header('note', en))}</th>"
        f'<th colspan="{len(columns)}">{_esc(table.header("applicants", en))}</th></tr>\n'
        f'<tr><th rowspan="2">{_esc(_pick((first.label, first.label_en), en))}</th>'
        f'<th colspan="{len(grouped)}">{_esc(_pick((group.group, group.group_en), en))}</th>'
        f'<th rowspan="2">{_esc(_pick((last.label, last.label_en), en))}</th></tr>\n'
        "<tr>"
        + "".join(f"<th>{_esc(_pick((c.label, c.label_en), en))}</th>" for c in grouped)
        + "</tr>\n</thead>\n<tbody>\n"
    )
    rows = table.rows
    sizes = _group_sizes(table)
    names = _row_labels(table, en)
    span = sum(1 for r in rows if r.group is not None)
    prefixes = []
    outcomes_open = False
    seen: set[OutcomeGroup] = set()
    for row, name in zip(rows, names, strict=True):
        cells = ""
        outcome = _outcome_group(row)
        if row.group is not None and not outcomes_open:
            outcomes_open = True
            cells += f"<th{_attrs('', 1, span)}>{_esc(_pick((row.group, row.group_en), en))}</th>"
        label = _esc(name)
        if row.group is None:
            cells += f'<th scope="row" colspan="3">{label}</th>'
        elif outcome is None or sizes[outcome] == 1:
            cells += f'<th scope="row" colspan="2">{label}</th>'
        else:
            if outcome not in seen:
                seen.add(outcome)
                cells += (
                    f"<th{_attrs('', 1, sizes[outcome])}>{_esc(_group_label(outcome, en))}</th>"
                )
            cells += f'<th scope="row">{label}</th>'
        prefixes.append(f'<tr class="gd-row-{_esc(row.code)}">{cells}')
    tds = tuple(f'<td class="gd-col-{c.code}">' for c in columns)
    return head, tuple(prefixes), tds


@lru_cache(maxsize=8)
def _reviews_html(table: FormTable, en: bool) -> tuple[str, tuple[str, ...]]:
    """Table 4: the static head and opening of its data row, and each cell's opening."""
    rows = table.rows
    columns = "".join(f"<th>{_esc(_pick((c.label, c.label_en), en))}</th>" for c in table.columns)
    width = len(table.columns)
    grouped = [r for r in rows if r.group is not None]
    alone = rows[0]
    head = (
        '<table class="gd-table gd-table-4">\n<thead>\n'
        f'<tr><th colspan="{width}">{_esc(_pick((alone.label, alone.label_en), en))}</th>'
        f'<th colspan="{width * len(grouped)}">{_esc(table.header("litigation", en))}</th>'
        "</tr>\n<tr>"
        + "".join(
            f'<th rowspan="2">{_esc(_pick((c.label, c.label_en), en))}</th>' for c in table.columns
        )
        + "".join(
            f'<th colspan="{width}">{_esc(_pick((r.label, r.label_en), en))}</th>' for r in grouped
        )
        + "</tr>\n"
        f"<tr>{columns * len(grouped)}</tr>\n"
        '</thead>\n<tbody>\n<tr class="gd-row-reviews">'
    )
    tds = tuple(f'<td class="gd-col-{r.code}-{c.code}">' for r in rows for c in r.columns)
    return head, tds


@lru_cache(maxsize=8)
def _proactive_html(table: FormTable, en: bool) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Table 2: per block, its static rows, and per data row its opening and cell openings."""
    blocks = _blocks(table)
    width = 1 + sum(c.span for c in blocks[0][0].columns)
    built: list[tuple[str, tuple[str, ...]]] = []
    for block in blocks:
        first = block[0]
        static = (
            f'<tr class="gd-block"><th colspan="{width}">'
            f"{_esc(_pick((first.block, first.block_en), en))}"
            f'</th></tr>\n<tr class="gd-head"><th>{_esc(table.header("content", en))}</th>'
            + "".join(
                f"<th{_attrs('', c.span)}>{_esc(_pick((c.label, c.label_en), en))}</th>"
                for c in first.columns
            )
            + "</tr>\n"
        )
        built.append((static, ()))
        for r in block:
            opening = (
                f'<tr class="gd-row-{r.code}"><th scope="row">'
                f"{_esc(_pick((r.label, r.label_en), en))}</th>"
            )
            cells = tuple(f"<td{_attrs('gd-col-' + c.code, c.span)}>" for c in r.columns)
            built.append((opening, cells))
    return tuple(built)


class _HtmlWriter(_Writer):
    def title(self, text: str) -> None:
        self.parts.append(f'<h1 class="gd-title">{_esc(text)}</h1>')

    def paragraph(self, text: str) -> None:
        self.parts.append(f"<p>{_esc(text)}</p>")

    def heading(self, level: int, text: str) -> None:
        tag = f"h{min(level + 1, 6)}"
        self.parts.append(f"<{tag}>{_esc(text)}</{tag}>")

    def figures(self, figures: Sequence[Figure]) -> None:
        def items(entries: Sequence[Figure]) -> str:
            out = []
            for figure in entries:
                nested = f"\n<ul>\n{items(figure.parts)}</ul>\n" if figure.parts else ""
                out.append(f"<li>{_esc(self.figure_line(figure))}{nested}</li>\n")
            return "".join(out)

        self.parts.append(f'<ul class="gd-figures">\n{items(figures)}</ul>')

    def flat(self, table: _Flat, css: str) -> None:
        codes = ["indicator", "unit", "this_year", "cumulative"]
        out = [
            f'<table class="gd-table gd-table-{css}">\n<thead>\n<tr>',
            *(f"<th>{_esc(h)}</th>" for h in table.header),
            "</tr>\n</thead>\n<tbody>\n",
        ]
        for number, row in enumerate(table.rows, 1):
            out.append(f'<tr class="gd-row-{number}"><th scope="row">{_esc(row[0])}</th>')
            out.extend(
                f'<td class="gd-col-{code}">{_esc(text)}</td>'
                for code, text in zip(codes[1:], row[1:], strict=True)
            )
            out.append("</tr>\n")
        out.append("</tbody>\n</table>")
        self.parts.append("".join(out))

    def table(self, obj: object, table: FormTable) -> None:
        if table.layout == "proactive":
            self._proactive(obj, table)
        elif table.layout == "applications":
            self._applications(obj, table)
        elif table.layout == "reviews":
            self._reviews(obj, table)
        else:
            for flat in _flat_grid(obj, table, self.en, self.cell):
                self._grid(flat, table)

    def _grid(self, flat: _Flat, table: FormTable) -> None:
        codes = [c.code for c in table.columns]
        out = [
            f'<table class="gd-table gd-table-{table.number}">\n<thead>\n<tr>',
            *(f"<th>{_esc(h)}</th>" for h in flat.header),
            "</tr>\n</thead>\n<tbody>\n",
        ]
        for spec, row in zip(table.rows, flat.rows, strict=True):
            out.append(f'<tr class="gd-row-{_esc(spec.code)}"><th scope="row">{_esc(row[0])}</th>')
            out.extend(
                f'<td class="gd-col-{_esc(code)}">{_esc(text)}</td>'
                for code, text in zip(codes, row[1:], strict=True)
            )
            out.append("</tr>\n")
        out.append("</tbody>\n</table>")
        self.parts.append("".join(out))

    def _proactive(self, obj: object, table: FormTable) -> None:
        cell = self.cell
        values = iter(table.read(obj))
        out = ['<table class="gd-table gd-table-2">\n<tbody>\n']
        for opening, tds in _proactive_html(table, self.en):
            out.append(opening)
            if tds:
                out.extend(f"{td}{_esc(cell(next(values)))}</td>" for td in tds)
                out.append("</tr>\n")
        out.append("</tbody>\n</table>")
        self.parts.append("".join(out))

    def _applications(self, obj: object, table: FormTable) -> None:
        head, prefixes, tds = _applications_html(table, self.en)
        cell = self.cell
        out = [head]
        for prefix, values in zip(prefixes, _chunks(table.read(obj), table), strict=True):
            out.append(prefix)
            out.extend(f"{td}{cell(v)}</td>" for td, v in zip(tds, values, strict=True))
            out.append("</tr>\n")
        out.append("</tbody>\n</table>")
        self.parts.append("".join(out))

    def _reviews(self, obj: object, table: FormTable) -> None:
        head, tds = _reviews_html(table, self.en)
        cell = self.cell
        out = [head]
        out.extend(f"{td}{cell(v)}</td>" for td, v in zip(tds, table.read(obj), strict=True))
        out.append("</tr>\n</tbody>\n</table>")
        self.parts.append("".join(out))

    def finish(self, title: str, report: AnnualReport) -> str:
        lang = "en" if self.en else "zh-CN"
        body = "\n".join(self.parts)
        if not self.standalone:
            return f'<article class="gd-report" lang="{lang}">\n{body}\n</article>\n'
        from govdisclosure.serialize.meta import META_NAME, report_meta

        return (
            f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<meta name=\"{META_NAME}\" content='{_esc_single(report_meta(report))}'>\n"
            f"<title>{_esc(title)}</title>\n<style>\n{stylesheet()}</style>\n</head>\n<body>\n"
            f'<main class="gd-report">\n{body}\n</main>\n</body>\n</html>\n'
        )


_WRITERS: dict[str, type[_Writer]] = {
    "text": _TextWriter,
    "markdown": _MarkdownWriter,
    "html": _HtmlWriter,
}


def _check_format(fmt: str) -> type[_Writer]:
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown format {fmt!r}; expected one of: {', '.join(_FORMATS)}")
    return writer


# --- The report --------------------------------------------------------------------------------


def _default_title(report: AnnualReport, en: bool) -> str:
    name = report.agency.name
    if en:
        return f"{name}: annual report on government information disclosure, {report.year}"
    return f"{name}{report.year}年政府信息公开工作年度报告"


def _section(writer: _Writer, section: Section, level: int) -> None:
    writer.heading(level, section.heading)
    for paragraph in section.paragraphs:
        writer.paragraph(paragraph)
    for sub in section.subsections:
        _section(writer, sub, level + 1)


def _section_number(section: Section, numbers: Sequence[int]) -> int | None:
    text = section.heading.lstrip()
    for number in numbers:
        if text.startswith(heading(number)):
            return number
    return None


def _national(writer: _Writer, report: AnnualReport) -> None:
    form = form_of(report)
    headings = {h.number: h for h in form.headings}
    pending: dict[int, Callable[[], None]] = {}
    for item in form.headings:
        if item.part is None:
            continue
        table = form.table(item.part)
        obj = getattr(report, table.attribute)
        if obj is not None:
            pending[item.number] = partial(writer.table, obj, table)
    numbers = [h.number for h in form.headings if h.part is not None]

    def title(number: int) -> str:
        item = headings[number]
        return _national_heading(number, item.label, item.label_en, writer.en)

    if not report.sections:
        for number in headings:
            writer.heading(1, title(number))
            emit = pending.pop(number, None)
            if emit is not None:
                emit()
        return
    for section in report.sections:
        _section(writer, section, 1)
        found = _section_number(section, numbers)
        if found is not None and found in pending:
            pending.pop(found)()
    for rest in sorted(pending):
        writer.heading(1, title(rest))
        pending[rest]()


def render(
    report: AnnualReport,
    fmt: RenderFormat = "text",
    *,
    locale: str | Locale = DEFAULT_LOCALE,
    lang: str = "zh",
    standalone: bool = True,
) -> str:
    """Render a report in the national layout as ``"text"``, ``"markdown"`` or ``"html"``.

    - The title (as printed, or 「机关+年度+年政府信息公开工作年度报告」), the preamble, the
      sections with their headings as printed, and the closing lines.
    - 2019 and 2021 formats: tables 2, 3 and 4 with the version's exact labels, each after the
      narrative of the section whose heading starts 二、, 三、 or 四、 (or at the end, under the
      national heading, if there is none). A report without any narrative gets the six national
      headings 一、总体情况 … 六、其他需要报告的事项.
    - 2008-era reports: the narrative, a list of the figures quoted and any local statistics table.

    Blank cells render empty, zero renders ``0``. HTML is a full HTML5 document whose tables
    reproduce the official merged cells, with classes for styling (``gd-table gd-table-3``,
    ``gd-row-<row code>``, ``gd-col-<column code>``) and the library's stylesheet in its head
    (:func:`stylesheet`: a ruled grid, centred headers, right-aligned numbers, blank cells
    visibly blank, official-document fonts with fallbacks, print-ready A4 with one table per
    page and repeated header rows). ``standalone=False`` gives an ``<article>`` fragment to embed
    in a page of your own (add :func:`stylesheet` to that page); its head carries what
    the layout cannot show (the agency's details, publication date and address, figures, channels,
    processing fee) as JSON in ``<meta name="govdisclosure:report">``
    (:mod:`govdisclosure.serialize.meta`, the contract's one owner), so that
    ``govdisclosure.parse.parse_report`` gives the report back. Markdown uses GitHub pipe tables
    with merged headers flattened (法人或其他组织·商业企业); text pads columns by
    display width (CJK characters are two columns wide).

    ``lang="en"`` gives English labels (the narrative is a quotation and stays as printed);
    ``locale`` changes number conventions only.

    >>> from govdisclosure.model import Agency, AnnualReport2021, ReviewTable, ReviewCounts
    >>> report = AnnualReport2021(
    ...     agency=Agency(name="某县人民政府"), year=2024,
    ...     reviews=ReviewTable(reconsideration=ReviewCounts(maintained=0, total=1)),
    ... )
    >>> print(render(report, "markdown"))
    # 某县人民政府2024年政府信息公开工作年度报告
    <BLANKLINE>
    ## 一、总体情况
    <BLANKLINE>
    ## 二、主动公开政府信息情况
    <BLANKLINE>
    ## 三、收到和处理政府信息公开申请情况
    <BLANKLINE>
    ## 四、政府信息公开行政复议、行政诉讼情况
    <BLANKLINE>
    |  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
    | --- | ---: | ---: | ---: | ---: | ---: |
    | 行政复议 | 0 |  |  |  | 1 |
    | 行政诉讼·未经复议直接起诉 |  |  |  |  |  |
    | 行政诉讼·复议后起诉 |  |  |  |  |  |
    <BLANKLINE>
    ## 五、存在的主要问题及改进情况
    <BLANKLINE>
    ## 六、其他需要报告的事项
    <BLANKLINE>
    """
    writer = _check_format(fmt)(_is_english(lang), conventions(locale), standalone)
    title = report.title or _default_title(report, writer.en)
    writer.title(title)
    for paragraph in report.preamble:
        writer.paragraph(paragraph)
    if form_of(report).headings:
        _national(writer, report)
    else:
        for section in report.sections:
            _section(writer, section, 1)
        if isinstance(report, AnnualReport2008):
            if report.figures:
                writer.heading(1, _pick(field_labels(AnnualReport, "figures"), writer.en))
                writer.figures(report.figures)
            if report.statistics:
                default = _pick(field_labels(AnnualReport2008, "statistics"), writer.en)
                writer.heading(1, report.statistics_title or default)
                writer.statistics(report.statistics)
    for line in report.closing:
        writer.paragraph(line)
    return writer.finish(title, report)


def render_deadline(due: DueDate, fmt: RenderFormat = "text", *, lang: str = "zh") -> str:
    """A deadline's explanation as a numbered list of sentences (Chinese, or English).

    ``due`` is a ``govdisclosure.rules.DueDate``; the sentences are
    :func:`~govdisclosure.formatting.format_explanation`'s, in Chinese (or English for
    ``lang="en"``). HTML is an ``<ol>`` fragment, to place in a page.

    >>> from datetime import date
    >>> from govdisclosure.rules import explain_deadline
    >>> print(render_deadline(explain_deadline(date(2025, 1, 24))))
    1. 适用《中华人民共和国政府信息公开条例》（国务院令第711号）...答复期限为20个工作日。
    2. 2025-01-24收到申请，收到当日不计入。
    3. 不计入：2025-01-25（周末）；2025-01-28至2025-02-04（春节）；...
    4. 调休上班日计入：2025-01-26（春节调休）、2025-02-08（春节调休）。
    5. 期限届满日：2025-02-27，共20个工作日。
    >>> print(render_deadline(explain_deadline(date(2025, 1, 24)), "html", lang="en"))
    <ol class="gd-deadline">
    <li>Regulation: State Council Decree No. 711 (国务院令第711号), ...</li>
    ...
    </ol>
    """
    _check_format(fmt)
    sentences = format_explanation(due, locale="en" if _is_english(lang) else DEFAULT_LOCALE)
    if fmt == "html":
        items = "".join(f"<li>{_esc(s)}</li>\n" for s in sentences)
        return f'<ol class="gd-deadline">\n{items}</ol>'
    if fmt == "markdown":
        sentences = tuple(_md(s) for s in sentences)
    return "\n".join(f"{n}. {s}" for n, s in enumerate(sentences, 1))
