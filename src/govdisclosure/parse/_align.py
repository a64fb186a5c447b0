"""Rows of table 3 whose labels were lost, aligned to the form's row order.

A PDF-to-markdown (or PDF-to-text) conversion keeps a row's seven numbers but may lose its label:
the label is split off into the text around the table, or only a fragment of it stays in the row
(``行政机关不再处理其政府信息公``). Table 3 has a fixed row order in each format version (the form,
:attr:`~govdisclosure.model.layout.FormatVersion.application_rows`), so the printed rows, in
reading order, are an increasing sequence of the form's rows: a row whose label survives is
fixed (an anchor), a row with a fragment of a label may be any row whose label contains it, an
unlabelled row any row at all. :func:`align_rows` lists every such alignment that the table's
identities allow (each outcome column adds up to （七）总计; 一 + 二 = （七） + 四; a row not
printed is an unknown count >= 0) and places a row only where every one of them puts it there.
A row whose own 总计 is not the sum of its six cells is never placed (its numbers are not
trusted), and neither is any row in a stretch between two anchors that also holds a row that
cannot be one form row (a row of the wrong width, a label that names no row): there the count of
rows is not known. Nothing is guessed: a row that could be several rows is left for the caller to
leave blank, with the rows it could be.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from govdisclosure.model.layout import ApplicationRow, FormatVersion
from govdisclosure.parse._recover import table_identities

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Alignment", "Printed", "align_rows"]

#: The most alignments tried (search steps) before giving up: a table of lost labels with more
#: ways to align than this is left blank rather than searched at any cost.
MAX_STEPS = 200_000


@attrs.frozen
class Printed:
    """One printed row of table 3, in reading order.

    ``rows`` are the rows its label allows: one when the label names a row (an anchor), the rows
    whose label contains a fragment, ``None`` for no label. ``counts`` are its seven cells as
    whole numbers, ``None`` when they are not (a blank, a run of digits). ``width`` says whether
    the row is one form row at all: ``False`` for a row of the wrong width or a label that names
    no row, which make the number of rows between its anchors unknown.
    """

    rows: frozenset[ApplicationRow] | None
    counts: tuple[int, ...] | None
    width: bool = True

    @property
    def anchor(self) -> bool:
        """The row's label names it."""
        return self.rows is not None and len(self.rows) == 1 and self.width


@attrs.frozen
class Alignment:
    """What the identities decide: ``placed`` maps a printed row's index to its form row (the
    same in every alignment that fits), ``ambiguous`` to the rows it could be (several, or none
    when no alignment fits); ``alignments`` is how many fit (``None``: too many to search)."""

    placed: dict[int, ApplicationRow]
    ambiguous: dict[int, tuple[ApplicationRow, ...]]
    alignments: int | None


def _fits(version: FormatVersion, grid: dict[ApplicationRow, tuple[int, ...] | None]) -> bool:
    """Whether every identity can hold in every column, a row not known being any count >= 0."""
    for terms in table_identities(version):
        for column in range(7):
            constant, plus, minus = 0, False, False
            for row, sign in terms:
                counts = grid.get(row)
                if counts is None:
                    plus |= sign > 0
                    minus |= sign < 0
                else:
                    constant += sign * counts[column]
            if plus and minus:
                continue
            if (plus and constant > 0) or (minus and constant < 0):
                return False
            if not plus and not minus and constant:
                return False
    return True


def _sums(counts: tuple[int, ...] | None) -> bool:
    return counts is not None and sum(counts[:-1]) == counts[-1]


def align_rows(
    version: FormatVersion, printed: Sequence[Printed], max_steps: int = MAX_STEPS
) -> Alignment:
    """Place the printed rows without a label of their own on the form's rows.

    >>> R = ApplicationRow
    >>> zero = (0,) * 7
    >>> rows = [Printed(frozenset({r}), zero) for r in FormatVersion.NATIONAL_2021.application_rows]
    >>> rows[3] = Printed(None, zero)  # the fourth row lost its label
    >>> align_rows(FormatVersion.NATIONAL_2021, rows).placed
    {3: <ApplicationRow.PARTIALLY_GRANTED: 'partially-granted'>}
    >>> del rows[4]  # and the fifth row is not printed: the unlabelled row is either
    >>> sorted(r.code for r in align_rows(FormatVersion.NATIONAL_2021, rows).ambiguous[3])
    ['partially-granted', 'withheld-state-secret']
    """
    layout = version.application_rows
    position = {row: i for i, row in enumerate(layout)}
    # Stretches between anchors holding a row that is not one form row: nothing there is placed.
    stretch, broken = 0, set()
    stretches: list[int] = []
    for entry in printed:
        if entry.anchor:
            stretch += 1
        elif not entry.width:
            broken.add(stretch)
        stretches.append(stretch)
    members: list[int] = []  # indices of the printed rows taking part
    allowed: list[list[int]] = []
    for index, entry in enumerate(printed):
        if not entry.width or (not entry.anchor and stretches[index] in broken):
            continue
        rows = layout if entry.rows is None else [r for r in layout if r in entry.rows]
        if not rows:
            continue  # a row of another format: not part of this table's order
        members.append(index)
        allowed.append(sorted(position[r] for r in rows))
    free = [k for k, index in enumerate(members) if not printed[index].anchor]
    left_out: dict[int, tuple[ApplicationRow, ...]] = {
        index: ()
        for index, entry in enumerate(printed)
        if not entry.anchor and entry.width and index not in members
    }
    count = len(members)
    if count > len(layout):  # more rows than the form has: no alignment fits
        nowhere: dict[int, tuple[ApplicationRow, ...]] = {members[j]: () for j in free}
        return Alignment({}, {**left_out, **nowhere}, 0)
    if not free:
        return Alignment({}, left_out, 1)
    low = [0] * count
    high = [len(layout) - 1] * count
    for k in range(count):
        low[k] = max(allowed[k][0], low[k - 1] + 1 if k else 0)
    for k in reversed(range(count)):
        high[k] = min(allowed[k][-1], high[k + 1] - 1 if k + 1 < count else len(layout) - 1)
    seen: list[set[int]] = [set() for _ in range(count)]
    chosen = [0] * count
    found = 0
    steps = 0
    trusted = [printed[i].anchor or _sums(printed[i].counts) for i in members]

    def search(k: int, start: int) -> None:
        nonlocal found, steps
        if k == count:
            grid = {
                layout[chosen[j]]: printed[members[j]].counts for j in range(count) if trusted[j]
            }
            if _fits(version, grid):
                found += 1
                for j in free:
                    seen[j].add(chosen[j])
            return
        for at in allowed[k]:
            if at < max(start, low[k]) or at > high[k]:
                continue
            steps += 1
            if steps > max_steps:
                raise _TooMany
            chosen[k] = at
            search(k + 1, at + 1)

    try:
        search(0, 0)
    except _TooMany:
        anywhere = {members[j]: tuple(layout[a] for a in allowed[j]) for j in free}
        return Alignment({}, {**left_out, **anywhere}, None)
    placed: dict[int, ApplicationRow] = {}
    ambiguous: dict[int, tuple[ApplicationRow, ...]] = dict(left_out)
    for j in free:
        if len(seen[j]) == 1 and trusted[j]:
            placed[members[j]] = layout[next(iter(seen[j]))]
        else:
            ambiguous[members[j]] = tuple(layout[a] for a in sorted(seen[j]))
    return Alignment(placed, ambiguous, found)


class _TooMany(Exception):
    """The search for alignments took more than its steps."""
