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
    when no alignment fits); ``splits`` is how many ways of sharing the rows out among the
    table's parts (一, 二, the outcomes, （七）总计, 四) fit: 0 when none does."""

    placed: dict[int, ApplicationRow]
    ambiguous: dict[int, tuple[ApplicationRow, ...]]
    splits: int


Counts = tuple[int, ...]


def _fits(
    version: FormatVersion,
    parts: dict[ApplicationRow, Counts | None],
    outcomes: Counts,
    outcomes_known: bool,
) -> bool:
    """Whether every identity can hold in every column: ``parts`` are the rows other than the
    outcomes (``None`` or absent: not known), ``outcomes`` the sum of the outcome rows known,
    ``outcomes_known`` whether that is all of them. A count not known is any count >= 0."""
    for terms in table_identities(version):
        # An identity holds all the outcome rows, with one sign, or none of them.
        sign_of_outcomes = next((sign for row, sign in terms if row.is_outcome), 0)
        for column in range(7):
            constant = sign_of_outcomes * outcomes[column]
            plus = minus = False
            if not outcomes_known:
                plus, minus = sign_of_outcomes > 0, sign_of_outcomes < 0
            for row, sign in terms:
                if row.is_outcome:
                    continue
                counts = parts.get(row)
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


def _reachable(allowed: Sequence[Sequence[int]], first: int, last: int) -> list[list[int]] | None:
    """The positions in ``first..last`` each of a run of rows can take in an increasing
    alignment where each row takes one of its ``allowed`` positions, or ``None`` if none
    exists: a position is reachable from the left (above the least reachable position of the
    row before) and from the right (below the greatest of the row after)."""
    forward: list[list[int]] = []
    bound = first - 1
    for positions in allowed:
        here = [p for p in positions if bound < p <= last]
        if not here:
            return None
        forward.append(here)
        bound = here[0]
    out: list[list[int]] = [[] for _ in forward]
    bound = last + 1
    for k in reversed(range(len(forward))):
        out[k] = [p for p in forward[k] if p < bound]
        bound = out[k][-1]
    return out


def align_rows(version: FormatVersion, printed: Sequence[Printed]) -> Alignment:
    """Place the printed rows without a label of their own on the form's rows.

    The identities see only which rows are 一, 二, （七）总计 and 四 and the sum of the rest
    (the outcomes), so each way of sharing the printed rows out among those parts is checked
    once, and within the outcomes every increasing alignment of a split that fits fits: the
    work is polynomial in the rows, however many are unlabelled.

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
    ambiguous: dict[int, tuple[ApplicationRow, ...]] = {
        index: ()
        for index, entry in enumerate(printed)
        if not entry.anchor and entry.width and index not in members
    }
    if not free:
        return Alignment({}, ambiguous, 1)
    count = len(members)
    trusted = [printed[i].anchor or _sums(printed[i].counts) for i in members]
    known = [printed[i].counts if trusted[k] else None for k, i in enumerate(members)]
    # The form's parts: the rows before the outcomes (一, 二) and after them (（七）, 四).
    head = 0
    while head < len(layout) and not layout[head].is_outcome:
        head += 1
    tail = len(layout)
    while tail > head and not layout[tail - 1].is_outcome:
        tail -= 1
    assert all(row.is_outcome for row in layout[head:tail]), "the outcomes are one run of rows"
    seen: list[set[int]] = [set() for _ in range(count)]
    splits = 0
    for before in range(min(head, count) + 1):
        for after in range(min(len(layout) - tail, count - before) + 1):
            # The first ``before`` rows take positions among the head's, the last ``after``
            # among the tail's, the others the outcomes'.
            middle = range(before, count - after)
            inner = _reachable([allowed[k] for k in middle], head, tail - 1)
            outer_head = _reachable(allowed[:before], 0, head - 1)
            outer_tail = _reachable(allowed[count - after :], tail, len(layout) - 1)
            if inner is None or outer_head is None or outer_tail is None:
                continue
            total = [0] * 7
            outcomes_known = len(middle) == tail - head
            for k in middle:
                cells = known[k]
                if cells is None:
                    outcomes_known = False
                    continue
                for column in range(7):
                    total[column] += cells[column]
            # Each way of placing the head's and the tail's rows is checked (a few at most).
            heads = _choices(outer_head)
            tails = _choices(outer_tail)
            fitting_heads: set[tuple[int, ...]] = set()
            fitting_tails: set[tuple[int, ...]] = set()
            for h in heads:
                for t in tails:
                    parts = {layout[p]: known[k] for k, p in enumerate(h)}
                    parts.update({layout[p]: known[count - after + k] for k, p in enumerate(t)})
                    if _fits(version, parts, tuple(total), outcomes_known):
                        fitting_heads.add(h)
                        fitting_tails.add(t)
            if not fitting_heads:
                continue
            splits += 1
            for choice in fitting_heads:
                for k, p in enumerate(choice):
                    seen[k].add(p)
            for choice in fitting_tails:
                for k, p in enumerate(choice):
                    seen[count - after + k].add(p)
            for offset, positions in enumerate(inner):
                seen[before + offset].update(positions)
    placed: dict[int, ApplicationRow] = {}
    for j in free:
        if len(seen[j]) == 1 and trusted[j]:
            placed[members[j]] = layout[next(iter(seen[j]))]
        else:
            ambiguous[members[j]] = tuple(layout[a] for a in sorted(seen[j]))
    return Alignment(placed, ambiguous, splits)


def _choices(reachable: Sequence[Sequence[int]]) -> list[tuple[int, ...]]:
    """Every increasing choice of one position per row (a head or tail: two rows at most)."""
    out: list[tuple[int, ...]] = [()]
    for positions in reachable:
        out = [(*c, p) for c in out for p in positions if not c or p > c[-1]]
    return out
