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
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from govdisclosure.formatting._layout import (
    NATIONAL_HEADINGS,
    STATIC,
    TABLE_SECTIONS,
    proactive_blocks,
)
from govdisclosure.formatting._locale import DEFAULT_LOCALE, Conventions, conventions
from govdisclosure.formatting.money import format_money
from govdisclosure.formatting.numbers import render_number
from govdisclosure.formatting.numerals import heading
from govdisclosure.formatting.quantities import format_quantity
from govdisclosure.model.applicant import ApplicantKind
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReviewColumn, ReviewGroup
from govdisclosure.model.outcome import OutcomeGroup
from govdisclosure.model.quantity import Money
from govdisclosure.model.report import AnnualReport2008, AnnualReport2019, AnnualReport2021

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from babel import Locale

    from govdisclosure.model.report import AnnualReport, Figure, LegacyIndicator, Section
    from govdisclosure.model.tables import (
        ApplicationTable,
        ProactiveTable2019,
        ProactiveTable2021,
        ReviewTable,
    )
    from govdisclosure.rules.deadlines import DueDate

__all__ = ["META_NAME", "RenderFormat", "display_width", "render", "render_deadline", "report_meta"]

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


def _is_english(lang: str) -> bool:
    return lang.replace("-", "_").split("_", 1)[0].lower() != "zh"


def _static(key: str, en: bool) -> str:
    zh, english = STATIC[key]
    return english if en else zh


def _national_heading(number: int, en: bool) -> str:
    _, zh, english = NATIONAL_HEADINGS[number - 1]
    return f"{heading(number, 'arabic')} {english}" if en else heading(number) + zh


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


@lru_cache(maxsize=8)
def _row_labels(version: FormatVersion, en: bool) -> dict[ApplicationRow, str]:
    """Each row's own label; in English numbered as the Chinese labels are ((1), 1.)."""
    if not en:
        return {row: row.label for row in version.application_rows}
    sizes = _group_sizes(version)
    labels: dict[ApplicationRow, str] = {}
    index = 0
    for row in version.application_rows:
        group = row.group
        if row is ApplicationRow.TOTAL:
            labels[row] = f"({len(OutcomeGroup) + 1}) {row.label_en}"
        elif group is None:
            labels[row] = row.label_en
        elif row is ApplicationRow.OTHER:
            labels[row] = _group_label(group, en)
        elif sizes[group] == 1:
            labels[row] = f"({list(OutcomeGroup).index(group) + 1}) {row.label_en}"
        else:
            index = index + 1 if labels and _previous_group(labels) is group else 1
            labels[row] = f"{index}. {row.label_en}"
    return labels


def _previous_group(labels: dict[ApplicationRow, str]) -> OutcomeGroup | None:
    return next(reversed(labels)).group


def _group_sizes(version: FormatVersion) -> dict[OutcomeGroup, int]:
    sizes: dict[OutcomeGroup, int] = {}
    for row in version.application_rows:
        group = row.group
        if group is not None:
            sizes[group] = sizes.get(group, 0) + 1
    return sizes


def _applicant_headers(en: bool) -> tuple[list[str], list[str]]:
    headers = [kind.label_en if en else kind.label for kind in ApplicantKind]
    organisations = _static("organisations", en)
    groups = [organisations if kind.is_organisation else "" for kind in ApplicantKind]
    return [*headers, _static("total", en)], [*groups, ""]


def _flat_applications(
    table: ApplicationTable, version: FormatVersion, en: bool, cell: Callable[[object], str]
) -> list[_Flat]:
    sizes = _group_sizes(version)
    names = _row_labels(version, en)
    rows = []
    for counts in table.rows:
        row = counts.row
        group = row.group
        if group is not None:
            parts = [_static("outcomes", en)]
            if sizes[group] > 1:
                parts.append(_group_label(group, en))
            label = _join(*parts, names[row])
        elif row is ApplicationRow.TOTAL:
            label = _join(_static("outcomes", en), names[row])
        else:
            label = names[row]
        values = [*counts.by_applicant, counts.total]
        rows.append([label, *(cell(v) for v in values)])
    headers, groups = _applicant_headers(en)
    return [_Flat([_static("note", en), *headers], rows, groups=["", *groups])]


def _flat_reviews(table: ReviewTable, en: bool, cell: Callable[[object], str]) -> list[_Flat]:
    header = ["", *(c.label_en if en else c.label for c in ReviewColumn)]
    rows = []
    for group in ReviewGroup:
        name = group.label_en if en else group.label
        if group is not ReviewGroup.RECONSIDERATION:
            name = _join(_static("litigation", en), name)
        counts = table.group(group)
        rows.append([name, *(cell(counts.cell(c)) for c in ReviewColumn)])
    return [_Flat(header, rows)]


def _flat_proactive(
    table: ProactiveTable2019 | ProactiveTable2021,
    version: FormatVersion,
    en: bool,
    cell: Callable[[object], str],
) -> list[_Flat]:
    flats = []
    for block in proactive_blocks(version):
        header = [_static("content", en), *(c.en if en else c.zh for c in block.columns)]
        rows = [[r.en if en else r.zh, *(cell(v) for v in r.get(table))] for r in block.rows]
        flats.append(_Flat(header, rows, caption=block.en if en else block.zh))
    return flats


def _flat_statistics(
    indicators: Sequence[LegacyIndicator], en: bool, cell: Callable[[object], str]
) -> _Flat:
    header = [_static(k, en) for k in ("indicator", "unit", "this_year", "cumulative")]
    rows = [[i.indicator, i.unit or "", cell(i.this_year), cell(i.cumulative)] for i in indicators]
    return _Flat(header, rows, numeric_from=2)


# --- Writers -----------------------------------------------------------------------------------


class _Writer:
    """Collects the parts of a rendered report; one subclass per output format."""

    def __init__(self, en: bool, conv: Conventions) -> None:
        self.en = en
        self.conv = conv
        self.cell = _cell_formatter(conv)
        self.parts: list[str] = []

    def title(self, text: str) -> None:
        raise NotImplementedError

    def paragraph(self, text: str) -> None:
        raise NotImplementedError

    def heading(self, level: int, text: str) -> None:
        raise NotImplementedError

    def figures(self, figures: Sequence[Figure]) -> None:
        raise NotImplementedError

    def flat(self, table: _Flat, css: str) -> None:
        raise NotImplementedError

    def proactive(
        self, table: ProactiveTable2019 | ProactiveTable2021, version: FormatVersion
    ) -> None:
        for flat in _flat_proactive(table, version, self.en, self.cell):
            self.flat(flat, "2")

    def applications(self, table: ApplicationTable, version: FormatVersion) -> None:
        for flat in _flat_applications(table, version, self.en, self.cell):
            self.flat(flat, "3")

    def reviews(self, table: ReviewTable) -> None:
        for flat in _flat_reviews(table, self.en, self.cell):
            self.flat(flat, "4")

    def statistics(self, indicators: Sequence[LegacyIndicator]) -> None:
        self.flat(_flat_statistics(indicators, self.en, self.cell), "statistics")

    def figure_line(self, figure: Figure) -> str:
        quantity = format_quantity(figure.quantity, locale=self.conv.locale)
        return f"{figure.label}{_static('separator', self.en)}{quantity}"

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

    def figures(self, figures: Sequence[Figure]) -> None:
        lines: list[str] = []

        def add(items: Sequence[Figure], depth: int) -> None:
            for figure in items:
                lines.append(f"{'  ' * depth}- {self.figure_line(figure)}")
                add(figure.parts, depth + 1)

        add(figures, 0)
        self.parts.append("\n".join(lines))

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

    def figures(self, figures: Sequence[Figure]) -> None:
        lines: list[str] = []

        def add(items: Sequence[Figure], depth: int) -> None:
            for figure in items:
                lines.append(f"{'  ' * depth}- {_md(self.figure_line(figure))}")
                add(figure.parts, depth + 1)

        add(figures, 0)
        self.parts.append("\n".join(lines))

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

META_NAME = "govdisclosure:report"
"""The ``name`` of the ``<meta>`` tag in which rendered HTML carries what its layout cannot show."""


def report_meta(report: AnnualReport) -> str:
    """The JSON a rendered HTML page carries in ``<meta name="govdisclosure:report">``.

    The page shows the title, the narrative and the tables; what its layout cannot show travels
    in this one tag so that ``parse_report(render(report, "html")).report == report``: the format
    version, the agency's details (level, kind, parent, region...), the publication date and
    address, the figures quoted (with their sections and quotes), the disclosure channels and the
    processing fee. Models are written with :func:`govdisclosure.serialize.to_dict`; the JSON is
    compact and keeps Chinese characters as they are.

    >>> from govdisclosure import examples
    >>> import json
    >>> meta = json.loads(report_meta(examples.load("huaian-city-2024")))
    >>> sorted(meta)
    ['agency', 'channels', 'figures', 'format_version', 'processing_fee', 'published_on', 'url']
    >>> meta["agency"]["level"], meta["processing_fee"]["amount"]
    ('prefecture', '3940')
    """
    import json

    from govdisclosure.serialize import to_dict

    fee = report.processing_fee
    data = {
        "format_version": report.format_version.code,
        "agency": to_dict(report.agency),
        "published_on": None if report.published_on is None else report.published_on.isoformat(),
        "url": report.url,
        "figures": [to_dict(figure) for figure in report.figures],
        "channels": [to_dict(channel) for channel in report.channels],
        "processing_fee": None if fee is None else to_dict(fee),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


_esc = html.escape
_SINGLE_QUOTED = str.maketrans({"&": "&amp;", "'": "&#39;", "<": "&lt;", ">": "&gt;"})


def _esc_single(text: str) -> str:
    """Escape for a single-quoted attribute (JSON's many double quotes stay readable)."""
    return text.translate(_SINGLE_QUOTED)


_APPLICANT_COLUMNS = (*(k.code for k in ApplicantKind), "total")


def _attrs(css: str = "", colspan: int = 1, rowspan: int = 1) -> str:
    text = f' class="{_esc(css)}"' if css else ""
    if colspan > 1:
        text += f' colspan="{colspan}"'
    if rowspan > 1:
        text += f' rowspan="{rowspan}"'
    return text


@lru_cache(maxsize=8)
def _applications_html(version: FormatVersion, en: bool) -> tuple[str, tuple[str, ...]]:
    """Table 3: the static head, and each data row's opening up to its first data cell."""
    kinds = list(ApplicantKind)

    def name(kind: ApplicantKind) -> str:
        return kind.label_en if en else kind.label

    head = (
        '<table class="gd-table gd-table-3">\n<thead>\n'
        f"<tr><th{_attrs('gd-note', 3, 3)}>{_esc(_static('note', en))}</th>"
        f'<th colspan="7">{_esc(_static("applicants", en))}</th></tr>\n'
        f'<tr><th rowspan="2">{_esc(name(kinds[0]))}</th>'
        f'<th colspan="5">{_esc(_static("organisations", en))}</th>'
        f'<th rowspan="2">{_esc(_static("total", en))}</th></tr>\n'
        "<tr>" + "".join(f"<th>{_esc(name(k))}</th>" for k in kinds[1:]) + "</tr>\n"
        "</thead>\n<tbody>\n"
    )
    rows = version.application_rows
    sizes = _group_sizes(version)
    names = _row_labels(version, en)
    span = sum(1 for r in rows if r.group is not None or r is ApplicationRow.TOTAL)
    prefixes = []
    outcomes_open = False
    seen: set[OutcomeGroup] = set()
    for row in rows:
        cells = ""
        group = row.group
        if (group is not None or row is ApplicationRow.TOTAL) and not outcomes_open:
            outcomes_open = True
            cells += f"<th{_attrs('', 1, span)}>{_esc(_static('outcomes', en))}</th>"
        label = _esc(names[row])
        if group is None and row is not ApplicationRow.TOTAL:
            cells += f'<th scope="row" colspan="3">{label}</th>'
        elif group is None or sizes[group] == 1:
            cells += f'<th scope="row" colspan="2">{label}</th>'
        else:
            if group not in seen:
                seen.add(group)
                cells += f"<th{_attrs('', 1, sizes[group])}>{_esc(_group_label(group, en))}</th>"
            cells += f'<th scope="row">{label}</th>'
        prefixes.append(f'<tr class="gd-row-{_esc(row.code)}">{cells}')
    return head, tuple(prefixes)


_TD3 = tuple(f'<td class="gd-col-{code}">' for code in _APPLICANT_COLUMNS)


@lru_cache(maxsize=4)
def _reviews_html(en: bool) -> str:
    """Table 4: the static head and the opening of its data row."""

    def name(member: ReviewColumn | ReviewGroup) -> str:
        return _esc(member.label_en if en else member.label)

    columns = "".join(f"<th>{name(c)}</th>" for c in ReviewColumn)
    return (
        '<table class="gd-table gd-table-4">\n<thead>\n'
        f'<tr><th colspan="5">{name(ReviewGroup.RECONSIDERATION)}</th>'
        f'<th colspan="10">{_esc(_static("litigation", en))}</th></tr>\n'
        "<tr>"
        + "".join(f'<th rowspan="2">{name(c)}</th>' for c in ReviewColumn)
        + f'<th colspan="5">{name(ReviewGroup.LITIGATION_DIRECT)}</th>'
        f'<th colspan="5">{name(ReviewGroup.LITIGATION_AFTER_RECONSIDERATION)}</th></tr>\n'
        f"<tr>{columns}{columns}</tr>\n"
        '</thead>\n<tbody>\n<tr class="gd-row-reviews">'
    )


_TD4 = tuple(
    tuple(f'<td class="gd-col-{g.code}-{c.code}">' for c in ReviewColumn) for g in ReviewGroup
)


@lru_cache(maxsize=8)
def _proactive_html(
    version: FormatVersion, en: bool
) -> tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]:
    """Table 2: per block, its static rows and per data row its opening and cell openings."""
    blocks = proactive_blocks(version)
    width = 1 + sum(c.span for c in blocks[0].columns)
    built = []
    for block in blocks:
        static = (
            f'<tr class="gd-block"><th colspan="{width}">{_esc(block.en if en else block.zh)}'
            f'</th></tr>\n<tr class="gd-head"><th>{_esc(_static("content", en))}</th>'
            + "".join(
                f"<th{_attrs('', c.span)}>{_esc(c.en if en else c.zh)}</th>" for c in block.columns
            )
            + "</tr>\n"
        )
        rows = tuple(
            (
                f'<tr class="gd-row-{r.code}"><th scope="row">{_esc(r.en if en else r.zh)}</th>',
                tuple(f"<td{_attrs('gd-col-' + c.code, c.span)}>" for c in block.columns),
            )
            for r in block.rows
        )
        built.append((static, rows))
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

    def proactive(
        self, table: ProactiveTable2019 | ProactiveTable2021, version: FormatVersion
    ) -> None:
        cell = self.cell
        out = ['<table class="gd-table gd-table-2">\n<tbody>\n']
        for (static, rows), block in zip(
            _proactive_html(version, self.en), proactive_blocks(version), strict=True
        ):
            out.append(static)
            for (opening, tds), spec in zip(rows, block.rows, strict=True):
                out.append(opening)
                for td, value in zip(tds, spec.get(table), strict=True):
                    out.append(f"{td}{_esc(cell(value))}</td>")
                out.append("</tr>\n")
        out.append("</tbody>\n</table>")
        self.parts.append("".join(out))

    def applications(self, table: ApplicationTable, version: FormatVersion) -> None:
        head, prefixes = _applications_html(version, self.en)
        cell = self.cell
        a, b, c, d, e, f, g = _TD3
        out = [head]
        for prefix, r in zip(prefixes, table.rows, strict=True):
            out.append(
                f"{prefix}{a}{cell(r.natural_person)}</td>{b}{cell(r.commercial_enterprise)}</td>"
                f"{c}{cell(r.research_institution)}</td>"
                f"{d}{cell(r.social_welfare_organisation)}</td>"
                f"{e}{cell(r.legal_service_institution)}</td>{f}{cell(r.other)}</td>"
                f"{g}{cell(r.total)}</td></tr>\n"
            )
        out.append("</tbody>\n</table>")
        self.parts.append("".join(out))

    def reviews(self, table: ReviewTable) -> None:
        cell = self.cell
        out = [_reviews_html(self.en)]
        for group, tds in zip(ReviewGroup, _TD4, strict=True):
            counts = table.group(group)
            out.extend(
                f"{td}{cell(counts.cell(column))}</td>"
                for td, column in zip(tds, ReviewColumn, strict=True)
            )
        out.append("</tr>\n</tbody>\n</table>")
        self.parts.append("".join(out))

    def finish(self, title: str, report: AnnualReport) -> str:
        lang = "en" if self.en else "zh-CN"
        body = "\n".join(self.parts)
        return (
            f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<meta name=\"{META_NAME}\" content='{_esc_single(report_meta(report))}'>\n"
            f"<title>{_esc(title)}</title>\n</head>\n<body>\n"
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


def _section_number(section: Section) -> int | None:
    text = section.heading.lstrip()
    for number in TABLE_SECTIONS.values():
        if text.startswith(heading(number)):
            return number
    return None


def _national(writer: _Writer, report: AnnualReport2019 | AnnualReport2021) -> None:
    version = report.format_version
    pending: dict[int, Callable[[], None]] = {}
    proactive, applications, reviews = report.proactive, report.applications, report.reviews
    if proactive is not None:
        pending[TABLE_SECTIONS["proactive"]] = lambda: writer.proactive(proactive, version)
    if applications is not None:
        pending[TABLE_SECTIONS["applications"]] = lambda: writer.applications(applications, version)
    if reviews is not None:
        pending[TABLE_SECTIONS["reviews"]] = lambda: writer.reviews(reviews)
    if not report.sections:
        for number, _, _ in NATIONAL_HEADINGS:
            writer.heading(1, _national_heading(number, writer.en))
            emit = pending.pop(number, None)
            if emit is not None:
                emit()
        return
    for section in report.sections:
        _section(writer, section, 1)
        found = _section_number(section)
        if found is not None and found in pending:
            pending.pop(found)()
    for rest in sorted(pending):
        writer.heading(1, _national_heading(rest, writer.en))
        pending[rest]()


def render(
    report: AnnualReport,
    fmt: RenderFormat = "text",
    *,
    locale: str | Locale = DEFAULT_LOCALE,
    lang: str = "zh",
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
    ``gd-row-<row code>``, ``gd-col-<column code>``) and no inline styles; its head carries what
    the layout cannot show (the agency's details, publication date and address, figures, channels,
    processing fee) as JSON in ``<meta name="govdisclosure:report">`` (see :func:`report_meta`), so
    that ``govdisclosure.parse.parse_report`` gives the report back. Markdown uses GitHub
    pipe tables with merged headers flattened (法人或其他组织·商业企业); text pads columns by
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
    writer = _check_format(fmt)(_is_english(lang), conventions(locale))
    title = report.title or _default_title(report, writer.en)
    writer.title(title)
    for paragraph in report.preamble:
        writer.paragraph(paragraph)
    if isinstance(report, AnnualReport2019 | AnnualReport2021):
        _national(writer, report)
    else:
        for section in report.sections:
            _section(writer, section, 1)
        if isinstance(report, AnnualReport2008):
            if report.figures:
                writer.heading(1, _static("figures", writer.en))
                writer.figures(report.figures)
            if report.statistics:
                writer.heading(1, report.statistics_title or _static("statistics", writer.en))
                writer.statistics(report.statistics)
    for line in report.closing:
        writer.paragraph(line)
    return writer.finish(title, report)


def render_deadline(due: DueDate, fmt: RenderFormat = "text", *, lang: str = "zh") -> str:
    """A deadline's explanation as a numbered list of sentences (Chinese, or English).

    ``due`` is a ``govdisclosure.rules.DueDate``; the sentences are its ``describe_zh()`` (or
    ``describe()`` for ``lang="en"``). HTML is an ``<ol>`` fragment, to place in a page.

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
    sentences = due.describe() if _is_english(lang) else due.describe_zh()
    if fmt == "html":
        items = "".join(f"<li>{_esc(s)}</li>\n" for s in sentences)
        return f'<ol class="gd-deadline">\n{items}</ol>'
    if fmt == "markdown":
        sentences = tuple(_md(s) for s in sentences)
    return "\n".join(f"{n}. {s}" for n, s in enumerate(sentences, 1))
