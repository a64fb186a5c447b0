"""The published report form as data: a :class:`~govdisclosure.model.form.Form` per version.

The State Council publishes the annual report's form (国办公开办函〔2019〕60号, 〔2021〕30号) and
revises it every few years. A :class:`Form` describes one version completely: its tables
(:class:`FormTable`), their rows (:class:`Row`) and columns (:class:`Column`) with the official
labels, each cell's kind (a count, money, a signed change) and unit, and the headings of the
national sections. Every reader and writer of the library interprets this description instead of
restating it: the tidy export, the renderer, the consistency checks, the statistics, the parser,
the JSON Schema and the test strategies.

Labels are not retyped here: a row or column label comes from the enum member or the attrs field
metadata it stands for (``ApplicationRow.NEW.label``, the ``label`` of
``DocumentCounts.issued``). What the models do not carry (the header cells of the printed
tables, the headings of table 2's blocks, the section headings) is data in the one module of
each version (``govdisclosure.model.forms``).

A cell is addressed by a :class:`CellRef` — format version, table, row code and column code —
which knows its JSON path, its labels and how to read itself from a report:

>>> from govdisclosure import examples
>>> form = form_of(FormatVersion.NATIONAL_2021)
>>> cell = form.cell(ReportPart.APPLICATIONS, "new", "total")
>>> cell.path, cell.row_label, cell.column_label
('$.applications.new.total', '一、本年新收政府信息公开申请数量', '总计')
>>> cell.get(examples.load("huaian-city-2024"))
3119
>>> [table.number for table in form.tables]
[2, 3, 4]
>>> len(form.table(ReportPart.APPLICATIONS).cells), len(form.table(ReportPart.PROACTIVE).cells)
(175, 10)

Adding a format version is a data entry (a :class:`Form`, registered with :func:`register_form`)
plus a model class; ``docs/extending.md`` walks through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.model.base import LabelledEnum
from govdisclosure.model.layout import FormatVersion, ReportPart
from govdisclosure.model.report import AnnualReport

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = [
    "CellKind",
    "CellRef",
    "Column",
    "Form",
    "FormTable",
    "Heading",
    "Row",
    "field_labels",
    "form_of",
    "forms",
    "register_form",
    "unregister_form",
]


class CellKind(LabelledEnum):
    """What a cell holds: counts, money and other numbers are never mixed.

    >>> [k.code for k in CellKind]
    ['count', 'money', 'number']
    """

    COUNT = "count", "数量", "a whole number (int)"
    MONEY = "money", "金额", "an amount of money (Decimal) in the cell's unit"
    NUMBER = "number", "数值", "a fractional figure (Decimal) of a 2008-era table"


def field_labels(cls: type, name: str) -> tuple[str, str]:
    """The Chinese and English labels of a model field, from its metadata.

    The English label falls back to the field's documentation without its final full stop.

    >>> from govdisclosure.model.tables import DocumentCounts
    >>> field_labels(DocumentCounts, "issued")
    ('本年制发件数', 'issued this year')
    """
    metadata = attrs.fields_dict(cls)[name].metadata
    label: str = metadata["label"]
    label_en: str = metadata.get("label_en") or metadata["doc"].rstrip(".")
    return label, label_en


def _row_reader(names: Sequence[str], count: int) -> Callable[[Any], tuple[Any, ...]]:
    """A generated reader of the cells of ``count`` rows with the attributes ``names``, in order:
    attribute loads of local names, which Python runs about three times as fast as
    ``attrgetter`` over the rows (table 3 is read for every report a check or an export sees)."""
    rows = [f"r{i}" for i in range(count)]
    cells = ", ".join(f"{row}.{name}" for row in rows for name in names)
    source = f"def read(rows):\n    {', '.join(rows)}, = rows\n    return ({cells},)\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, "<row reader>", "exec"), namespace)
    reader: Callable[[Any], tuple[Any, ...]] = namespace["read"]
    return reader


@attrs.frozen(kw_only=True)
class Column:
    """A column of a table of the form.

    ``attribute`` is the field of the row object that holds the cell (``""`` when the row's own
    field is the cell, as for the 2021 format's one-column rows of table 2). ``span`` is how many
    grid columns the printed form gives it; ``group`` is the merged header above it, if any.
    """

    code: str
    label: str
    label_en: str
    attribute: str
    kind: CellKind = CellKind.COUNT
    unit: str | None = None
    """The unit printed in the header (万元); ``None`` for counts and for money whose value
    carries its own unit (:class:`~govdisclosure.model.quantity.Money`)."""
    signed: bool = False
    """True for a change that may be negative (2019's 本年增/减)."""
    total: bool = False
    """True for a printed total of the row's other count cells (总计): the checks hold it to
    their sum."""
    span: int = 1
    group: str | None = None
    group_en: str | None = None


@attrs.frozen(kw_only=True)
class Row:
    """A row of a table of the form, with the columns it has.

    ``member`` is the enum member the row stands for (an
    :class:`~govdisclosure.model.layout.ApplicationRow` or
    :class:`~govdisclosure.model.layout.ReviewGroup`), if any. ``attribute`` is the field of the
    table object that holds the row (``""`` for table 3, whose rows are held in printed order);
    ``model`` the class of that field's value when it is a nested group of cells.
    ``block`` is the block of table 2 the row is printed in (第二十条第（一）项 …).
    """

    code: str
    label: str
    label_en: str
    columns: tuple[Column, ...]
    attribute: str = ""
    member: LabelledEnum | None = None
    model: type | None = None
    block: str | None = None
    block_en: str | None = None
    group: str | None = None
    group_en: str | None = None

    def column(self, code: str) -> Column:
        """The column with this code (:class:`KeyError` naming the valid codes otherwise)."""
        for column in self.columns:
            if column.code == code:
                return column
        valid = ", ".join(c.code for c in self.columns)
        raise KeyError(f"row {self.code!r} has no column {code!r}; expected one of: {valid}")


@attrs.frozen(kw_only=True)
class Heading:
    """A numbered section heading of the national format (一、总体情况 …)."""

    number: int
    label: str
    label_en: str
    part: ReportPart | None = None
    """The table printed under this heading, if any."""


@attrs.frozen(kw_only=True, eq=False)
class FormTable:
    """One table of a format version: its rows and columns, and how to read and build it.

    ``model`` is the attrs class that holds the table in a report (the report's field named
    ``attribute``). Tables whose rows are not fixed (a 2008-era local statistics table) have
    ``rows == ()`` and only ``columns``. Header texts the models do not carry are in
    ``headers`` (code -> (label, label_en)).
    """

    part: ReportPart
    number: int
    attribute: str
    model: type
    rows: tuple[Row, ...]
    columns: tuple[Column, ...] = ()
    headers: Mapping[str, tuple[str, str]] = attrs.field(factory=dict)
    layout: str = "grid"
    """How the printed table is laid out: ``"grid"`` (a header row of column labels, one row per
    form row) or the merged-cell layout of a national table (``"proactive"``,
    ``"applications"``, ``"reviews"``), whose header texts ``headers`` holds."""
    version: FormatVersion
    cells: tuple[CellRef, ...] = attrs.field(init=False)
    _positions: dict[tuple[str, str], int] = attrs.field(init=False, repr=False)
    _read: Callable[[Any], tuple[Any, ...]] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        cells = tuple(
            CellRef(self.version, self.part, row.code, column.code)
            for row in self.rows
            for column in row.columns
        )
        object.__setattr__(self, "cells", cells)
        positions = {(c.row, c.column): i for i, c in enumerate(cells)}
        object.__setattr__(self, "_positions", positions)
        object.__setattr__(self, "_read", self._reader())

    @property
    def label(self) -> str:
        """The table's title as printed."""
        return self.part.label

    @property
    def label_en(self) -> str:
        """The table's title in English."""
        return self.part.label_en

    @property
    def positional(self) -> bool:
        """True when the table object holds its rows as a tuple in printed order (table 3)."""
        return bool(self.rows) and not self.rows[0].attribute

    def header(self, code: str, en: bool = False) -> str:
        """A header text of the printed table (e.g. ``"note"``, ``"applicants"``)."""
        zh, english = self.headers[code]
        return english if en else zh

    def row(self, code: str | LabelledEnum) -> Row:
        """The row with this code or enum member (:class:`KeyError` naming the valid codes)."""
        key = code.code if isinstance(code, LabelledEnum) else code
        for row in self.rows:
            if row.code == key:
                return row
        valid = ", ".join(r.code for r in self.rows)
        raise KeyError(f"table {self.part.code!r} has no row {key!r}; expected one of: {valid}")

    def cell(self, row: str | LabelledEnum, column: str | LabelledEnum) -> CellRef:
        """The address of one cell (:class:`KeyError` if the table has no such cell)."""
        row_code = row.code if isinstance(row, LabelledEnum) else row
        column_code = column.code if isinstance(column, LabelledEnum) else column
        position = self._positions.get((row_code, column_code))
        if position is None:
            self.row(row_code).column(column_code)  # raises, naming what is valid
        return self.cells[self._positions[(row_code, column_code)]]

    def position(self, cell: CellRef) -> int:
        """Where a cell stands in :attr:`cells` (and in :meth:`read`'s result)."""
        return self._positions[(cell.row, cell.column)]

    def read(self, table: Any) -> tuple[Any, ...]:
        """Every cell of a table object, in the order of :attr:`cells`."""
        return self._read(table)

    def build(self, values: Sequence[Any] | Mapping[CellRef, Any]) -> Any:
        """A table object from its cells: a sequence in the order of :attr:`cells`, or a mapping
        from cells to values (a cell it does not name is blank).

        >>> table = form_of(FormatVersion.NATIONAL_2021).table(ReportPart.REVIEWS)
        >>> built = table.build({table.cell("reconsideration", "total"): 4})
        >>> built.reconsideration.total, built.litigation_direct.total
        (4, None)
        """
        if isinstance(values, Mapping):
            flat: list[Any] = [None] * len(self.cells)
            for cell, value in values.items():
                flat[self.position(cell)] = value
        else:
            flat = list(values)
            if len(flat) != len(self.cells):
                raise ValueError(
                    f"table {self.part.code!r} of format {self.version.code} has"
                    f" {len(self.cells)} cells, got {len(flat)} values"
                )
        return self._builder()(flat)

    def _reader(self) -> Callable[[Any], tuple[Any, ...]]:
        if not self.rows:
            return lambda table: ()
        if self.positional:
            names = [c.attribute for c in self.rows[0].columns]
            getter = attrgetter(*names)
            count = len(self.rows)
            printed = _row_reader(names, count)

            def read_rows(table: Any) -> tuple[Any, ...]:
                rows = table.rows
                if len(rows) == count:  # the printed rows: the generated reader
                    return printed(rows)
                return tuple(chain.from_iterable(map(getter, rows)))

            return read_rows
        paths = [
            ".".join(part for part in (row.attribute, column.attribute) if part)
            for row in self.rows
            for column in row.columns
        ]
        many = attrgetter(*paths)
        if len(paths) == 1:
            return lambda table: (many(table),)
        return many

    def _builder(self) -> Callable[[list[Any]], Any]:
        if self.positional:
            names = [c.attribute for c in self.rows[0].columns]
            width = len(names)
            row_model = self.rows[0].model
            assert row_model is not None

            def build_rows(values: list[Any]) -> Any:
                return self.model(
                    tuple(
                        row_model(
                            row=row.member,
                            **dict(zip(names, values[i * width : (i + 1) * width], strict=True)),
                        )
                        for i, row in enumerate(self.rows)
                    )
                )

            return build_rows

        def build_fields(values: list[Any]) -> Any:
            kwargs: dict[str, Any] = {}
            index = 0
            for row in self.rows:
                if row.model is None:
                    kwargs[row.attribute] = values[index]
                    index += 1
                    continue
                kwargs[row.attribute] = row.model(
                    **{
                        c.attribute: values[index + i]
                        for i, c in enumerate(row.columns)
                        if c.attribute
                    }
                )
                index += len(row.columns)
            return self.model(**kwargs)

        return build_fields


@attrs.frozen(kw_only=True, eq=False)
class Form:
    """A format version of the annual report: its tables and section headings.

    >>> form = form_of(FormatVersion.TRIAL_2019)
    >>> form.notice, form.report_class.__name__
    ('国办公开办函〔2019〕60号', 'AnnualReport2019')
    >>> [h.label for h in form.headings][:2]
    ['总体情况', '主动公开政府信息情况']
    """

    version: FormatVersion
    report_class: type[AnnualReport]
    tables: tuple[FormTable, ...]
    headings: tuple[Heading, ...] = ()
    notice: str = ""

    @property
    def has_tables(self) -> bool:
        """True when the form has fixed tables (the national formats)."""
        return any(table.rows for table in self.tables)

    def table(self, part: ReportPart | str) -> FormTable:
        """The table for a part of the report (:class:`KeyError` if the form has none)."""
        key = part.code if isinstance(part, ReportPart) else part
        for table in self.tables:
            if table.part.code == key:
                return table
        valid = ", ".join(t.part.code for t in self.tables)
        raise KeyError(f"format {self.version.code} has no table {key!r}; expected one of: {valid}")

    def cell(
        self, part: ReportPart | str, row: str | LabelledEnum, column: str | LabelledEnum
    ) -> CellRef:
        """The address of a cell of this form (:class:`KeyError` if there is none)."""
        return self.table(part).cell(row, column)

    def cells(self, part: ReportPart | str | None = None) -> Iterator[CellRef]:
        """Every fixed cell of the form (or of one table), in printed order."""
        tables = self.tables if part is None else (self.table(part),)
        for table in tables:
            yield from table.cells

    def heading(self, part: ReportPart) -> Heading | None:
        """The section heading a table is printed under."""
        for item in self.headings:
            if item.part is part:
                return item
        return None


@attrs.frozen(order=True)
class CellRef:
    """The address of one cell of the printed form: format version, table, row and column.

    >>> form = form_of(FormatVersion.TRIAL_2019)
    >>> cell = form.cell("proactive", "fees", "change")
    >>> cell.path, cell.label, cell.signed
    ('$.proactive.fees.change', '行政事业性收费·本年增/减', True)
    >>> cell.label_en
    'administrative fees · change this year'
    """

    version: FormatVersion = attrs.field(order=lambda v: v.code)
    part: ReportPart = attrs.field(order=lambda p: p.code)
    row: str
    column: str

    @property
    def table(self) -> FormTable:
        """The table of the form the cell is in."""
        return form_of(self.version).table(self.part)

    @property
    def row_spec(self) -> Row:
        """The form's row."""
        return self.table.row(self.row)

    @property
    def column_spec(self) -> Column:
        """The form's column."""
        return self.row_spec.column(self.column)

    @property
    def path(self) -> str:
        """The JSON path of the cell in a report (rows of table 3 named by their code)."""
        row = self.row_spec
        parts = [self.table.attribute, row.attribute or row.code, self.column_spec.attribute]
        return "$." + ".".join(p for p in parts if p)

    @property
    def row_label(self) -> str:
        """The row's label as printed."""
        return self.row_spec.label

    @property
    def column_label(self) -> str:
        """The column's label as printed."""
        return self.column_spec.label

    @property
    def label(self) -> str:
        """Row and column label, joined by ``·``."""
        return f"{self.row_label}·{self.column_label}"

    @property
    def label_en(self) -> str:
        """Row and column label in English."""
        return f"{self.row_spec.label_en} · {self.column_spec.label_en}"

    @property
    def kind(self) -> CellKind:
        """What the cell holds."""
        return self.column_spec.kind

    @property
    def unit(self) -> str | None:
        """The unit printed in the column header, if any."""
        return self.column_spec.unit

    @property
    def signed(self) -> bool:
        """True if the cell may be negative."""
        return self.column_spec.signed

    def get(self, report: AnnualReport) -> int | Decimal | Any | None:
        """The cell's value in a report (``None`` if blank or if the report lacks the table)."""
        table = self.table
        obj = getattr(report, table.attribute, None)
        if obj is None:
            return None
        return table.read(obj)[table.position(self)]


_FORMS: dict[FormatVersion, Form] = {}


def register_form(form: Form, *, replace: bool = False) -> Form:
    """Make a form known to every reader and writer (returns it, to use as a decorator value).

    Raises :class:`ValueError` if its version already has a form, unless ``replace=True``.
    """
    _load()
    if form.version in _FORMS and not replace:
        raise ValueError(f"format {form.version.code} already has a form")
    _FORMS[form.version] = form
    return form


def unregister_form(version: FormatVersion) -> Form:
    """Forget the form of a version (for tests of extensions); returns it."""
    _load()
    return _FORMS.pop(version)


def form_of(version: FormatVersion | AnnualReport | str) -> Form:
    """The form of a format version (the member or its code), or of a report's version.

    >>> form_of(FormatVersion.LEGACY_2008).has_tables
    False
    >>> form_of("2021").notice
    '国办公开办函〔2021〕30号'
    """
    if not _FORMS:
        _load()
    if isinstance(version, str):
        for form in _FORMS.values():
            if form.version.code == version:
                return form
        valid = ", ".join(v.code for v in _FORMS)
        raise KeyError(f"no form is registered for format {version!r}; expected one of: {valid}")
    # Any labelled enum member can key a form (a format added by an extension, in tests).
    key = version if isinstance(version, LabelledEnum) else version.format_version
    try:
        return _FORMS[key]
    except KeyError:
        raise KeyError(f"no form is registered for format {key.code!r}") from None


def forms() -> tuple[Form, ...]:
    """Every registered form: the built-in versions in order, then those registered later."""
    if not _FORMS:
        _load()
    return tuple(_FORMS.values())


def _load() -> None:
    if _FORMS:
        return
    # The data of each version has its own module; importing them registers nothing twice.
    from govdisclosure.model.forms import legacy_2008, national_2021, trial_2019

    for module in (legacy_2008, trial_2019, national_2021):
        _FORMS[module.FORM.version] = module.FORM
