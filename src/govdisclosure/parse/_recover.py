"""Recover table cells from runs of digits whose separators were lost.

Crawled page text sometimes glues a table row's cells together: ``713000074`` is the row
71 | 3 | 0 | 0 | 0 | 0 | 74 of table 3 (six applicant columns, then 总计). The digits alone do not
say where the cuts go, but the table does: every row's 总计 is the sum of its six cells, the
outcome rows add up to （七）总计 column by column, and 一 + 二 = （七）总计 + 四 in every column.

* :func:`split_run` lists every way to cut one run into a row (no number with a leading zero
  except ``0`` itself; the last number the sum of the others).
* :func:`recover_application_table` keeps, for every row given as a run, only the splits that
  can be part of a whole table satisfying the identities, using the rows given as cells.
* :func:`recover_review_cells` lists the ways to cut table 4's fifteen cells (three groups of
  four results and their total).

Nothing is guessed: where the identities admit several splits, every one of them is returned.
"""

from __future__ import annotations

import functools
import itertools
from typing import TYPE_CHECKING

import attrs

from govdisclosure.errors import ParseError
from govdisclosure.model.applicant import ApplicantKind
from govdisclosure.model.base import MAX_COUNT
from govdisclosure.model.layout import ApplicationRow, FormatVersion
from govdisclosure.parse._limits import MAX_DIGIT_RUN, LimitExceeded

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = [
    "RowRecovery",
    "TooManyCandidates",
    "recover_application_table",
    "recover_review_cells",
    "split_run",
]

#: Cells in a row of table 3: the six applicant columns, then 总计.
_WIDTH = 7
#: Cells in a group of table 4: four results, then 总计.
_GROUP = 5
_COLUMN_LABELS = (*(kind.label for kind in ApplicantKind), "总计")
#: The most candidates a run may have in the table-level functions (as ``split_run``'s default).
_LIMIT = 10_000

Cells = tuple[int, ...]
#: ``(low, high)`` bounds of a cell; ``None`` as ``high`` is no upper bound.
Bounds = tuple[int, int | None]


class TooManyCandidates(ParseError):
    """A digit run can be cut in more ways than the limit allows; nothing is returned.

    >>> err = TooManyCandidates("1234567890", 3, 5)
    >>> print(err)  # doctest: +NORMALIZE_WHITESPACE
    the digit run '1234567890' has more than 5 ways to be cut into 3 cells
    / 数字串“1234567890”拆分为3个单元格的方式超过5种
    >>> err.limit
    5
    """

    def __init__(self, run: str, width: int, limit: int) -> None:
        self.run = run
        self.width = width
        self.limit = limit
        super().__init__(
            f"the digit run {run!r} has more than {limit} ways to be cut into {width} cells\n"
            f"/ 数字串“{run}”拆分为{width}个单元格的方式超过{limit}种"
        )


def _check_run(run: str, where: str) -> None:
    if not (run and run.isascii() and run.isdigit()):
        shown = run if len(run) <= 80 else f"{run[:77]}..."
        raise ParseError(
            f"{where}: expected a run of ASCII digits, got {shown!r}"
            f" / {where}：应为一串半角数字，实际为{shown!r}"
        )
    if len(run) > MAX_DIGIT_RUN:
        # The ways to cut a run grow fast with its length (51 s for 200 digits) and int()
        # refuses 4,300 digits: no real row is this long.
        raise LimitExceeded("max_digit_run", len(run), MAX_DIGIT_RUN, path=where, fixed=True)


def split_run(
    run: str, width: int, *, total_last: bool = True, limit: int = 10_000
) -> tuple[tuple[int, ...], ...]:
    """Every way to cut a run of ASCII digits into ``width`` whole numbers.

    No number has a leading zero except ``0`` itself, nor exceeds
    :data:`~govdisclosure.model.base.MAX_COUNT` (no count does). With ``total_last`` (the
    default) the last number must equal the sum of the others, as the 总计 of a table row does.
    The splits come in a stable order (shorter leading numbers first).

    When there are more than ``limit`` splits, :class:`TooManyCandidates` is raised (a
    :class:`~govdisclosure.errors.ParseError`): a truncated list would silently drop the true
    split. A run that is not made of ASCII digits, or a ``width`` below 1, is a
    :class:`~govdisclosure.errors.ParseError` too.

    >>> split_run("713000074", 7)
    ((71, 3, 0, 0, 0, 0, 74),)
    >>> split_run("1120", 3, total_last=False)
    ((1, 1, 20), (1, 12, 0), (11, 2, 0))
    >>> split_run("1001", 3)  # 1 + 0 = 01 is not allowed: a leading zero
    ()
    >>> try:
    ...     split_run("123456789012", 4, total_last=False, limit=10)
    ... except TooManyCandidates as err:
    ...     print(err)
    the digit run '123456789012' has more than 10 ways to be cut into 4 cells
    / 数字串“123456789012”拆分为4个单元格的方式超过10种
    """
    _check_run(run, "split_run")
    if width < 1:
        raise ParseError(
            f"split_run: width must be at least 1, got {width}"
            f" / split_run：宽度至少为1，实际为{width}"
        )
    return _splits(run, width, total_last, None, limit)


def _splits(
    run: str,
    width: int,
    total_last: bool,
    bounds: Sequence[Bounds] | None,
    limit: int,
) -> tuple[Cells, ...]:
    """The splits of a run; see :func:`split_run`.

    With ``total_last``, ``bounds`` (if given) are each cell's ``(low, high)`` bounds.
    """
    n = len(run)
    if n < width:
        return ()

    def allowed(column: int, value: int) -> bool:
        if bounds is None:
            return True
        low, high = bounds[column]
        return value >= low and (high is None or value <= high)

    def check(found: int) -> None:
        if found > limit:
            raise TooManyCandidates(run, width, limit)

    if not total_last:

        @functools.cache
        def free(pos: int, column: int) -> tuple[Cells, ...]:
            left = width - column  # cells still to cut, this one included
            if left == 1:
                piece = run[pos:]
                if (len(piece) > 1 and piece[0] == "0") or int(piece) > MAX_COUNT:
                    return ()
                return ((int(piece),),)
            out: list[Cells] = []
            longest = 1 if run[pos] == "0" else n - pos - (left - 1)
            for size in range(1, longest + 1):
                value = int(run[pos : pos + size])
                if value > MAX_COUNT:
                    break  # longer pieces are larger still
                out.extend((value, *rest) for rest in free(pos + size, column + 1))
                check(len(out))
            return tuple(out)

        return free(0, 0)

    # The digit sum of a number is congruent to it modulo 9, so the digits before the total and
    # the total's own digits must have equal digit sums modulo 9.
    digit_sums = [0, *itertools.accumulate(int(d) for d in run)]

    def parts(end: int, total: int) -> tuple[Cells, ...]:
        """Cut run[:end] into width - 1 numbers summing to total."""

        @functools.cache
        def extremes(pos: int, left: int) -> tuple[int, int] | None:
            """The smallest and largest sum of cutting run[pos:end] into `left` numbers."""
            length = end - pos
            if left == 1:
                if length > 1 and run[pos] == "0":
                    return None
                value = int(run[pos:end])
                return value, value
            smallest: int | None = None
            largest = 0
            longest = 1 if run[pos] == "0" else length - (left - 1)
            for size in range(1, longest + 1):
                rest = extremes(pos + size, left - 1)
                if rest is None:
                    continue
                value = int(run[pos : pos + size])
                low, high = value + rest[0], value + rest[1]
                smallest = low if smallest is None else min(smallest, low)
                largest = max(largest, high)
            return None if smallest is None else (smallest, largest)

        @functools.cache
        def cut(pos: int, column: int, remaining: int) -> tuple[Cells, ...]:
            left = width - 1 - column
            if left == 0:
                return ((),) if pos == end and remaining == 0 else ()
            reach = extremes(pos, left)
            if reach is None or not reach[0] <= remaining <= reach[1]:
                return ()
            if left == 1:  # reach is exactly the last number, which equals `remaining`
                return ((remaining,),) if allowed(column, remaining) else ()
            out: list[Cells] = []
            longest = 1 if run[pos] == "0" else min(len(str(remaining)), end - pos - (left - 1))
            for size in range(1, longest + 1):
                value = int(run[pos : pos + size])
                if value > remaining or not allowed(column, value):
                    continue
                out.extend(
                    (value, *rest) for rest in cut(pos + size, column + 1, remaining - value)
                )
                check(len(out))
            return tuple(out)

        return cut(0, 0, total)

    found: list[Cells] = []
    for end in range(n - 1, width - 2, -1):
        tail = run[end:]
        if (len(tail) > 1 and tail[0] == "0") or (2 * digit_sums[end] - digit_sums[n]) % 9:
            continue
        total = int(tail)
        if total > MAX_COUNT or not allowed(width - 1, total):
            continue  # the other cells are at most the total: none is over MAX_COUNT
        found.extend((*cells, total) for cells in parts(end, total))
        check(len(found))
    return tuple(found)


@attrs.frozen
class RowRecovery:
    """What could be recovered of one row: the candidate cells consistent with the identities.

    ``run`` is the digit run as found, or ``""`` for a row that was given as cells (whose single
    candidate is then its cells, when none is blank).

    >>> RowRecovery("713000074", ((71, 3, 0, 0, 0, 0, 74),)).cells
    (71, 3, 0, 0, 0, 0, 74)
    >>> RowRecovery("11011", ((1, 10, 11), (11, 0, 11))).cells is None  # still ambiguous
    True
    """

    #: The digit run as found (``""`` when the row's cells were given).
    run: str
    #: Every split consistent with all the table's identities, in a stable order.
    candidates: tuple[tuple[int, ...], ...]

    @property
    def cells(self) -> tuple[int, ...] | None:
        """The cells if exactly one candidate remains, else ``None``."""
        return self.candidates[0] if len(self.candidates) == 1 else None


# --- table 3 -------------------------------------------------------------------------------------

#: An identity of table 3 in one column: the sum of ``coefficient * cell`` over its terms is 0.
_Terms = tuple[tuple[ApplicationRow, int], ...]


def _identities(version: FormatVersion) -> tuple[_Terms, ...]:
    """The column identities of table 3 in a version, from its layout (see T3-OUTCOMES, T3-BALANCE).

    The layouts print no cells on the category headings （三）…（六）, so there are no
    category-versus-sub-row identities to add.
    """
    leaves = tuple((row, 1) for row in version.application_rows if row.is_outcome)
    outcomes = (*leaves, (ApplicationRow.TOTAL, -1))
    balance = (
        (ApplicationRow.NEW, 1),
        (ApplicationRow.CARRIED_OVER, 1),
        (ApplicationRow.TOTAL, -1),
        (ApplicationRow.CARRIED_FORWARD, -1),
    )
    return outcomes, balance


#: The identities of table 3 per version, for the interpreter's check of aligned rows.
table_identities = _identities


@attrs.frozen
class _Constraint:
    """One identity in one column, the given cells folded into a constant.

    Runs are numbered (their index in the list of runs); ``variables`` pairs a run's number with
    its coefficient in the identity.
    """

    column: int
    constant: int
    variables: tuple[tuple[int, int], ...]
    #: Unknown (not given or blank) cells with coefficient +1 / -1: any count >= 0.
    free_plus: bool
    free_minus: bool

    def feasible(self, low: Sequence[Sequence[int]], high: Sequence[Sequence[int]]) -> bool:
        """Whether the identity can hold with run ``i``'s cell anywhere in ``[low[i], high[i]]``."""
        if self.free_plus and self.free_minus:
            return True
        column = self.column
        smallest = largest = self.constant
        for i, sign in self.variables:
            if sign > 0:
                smallest += low[i][column]
                largest += high[i][column]
            else:
                smallest -= high[i][column]
                largest -= low[i][column]
        if self.free_plus:
            return smallest <= 0
        if self.free_minus:
            return largest >= 0
        return smallest <= 0 <= largest

    def bounds(self, index: int, known: Sequence[Sequence[Bounds]]) -> Bounds:
        """Bounds this identity puts on run ``index``'s cell, the other runs within ``known``."""
        sign = next(s for i, s in self.variables if i == index)
        # sign * x = -(constant + rest of the runs + free_plus - free_minus)
        low_rest: int | None = self.constant  # smallest value of the rest (None: -infinity)
        high_rest: int | None = self.constant  # largest value of the rest (None: +infinity)
        for other, s in self.variables:
            if other == index:
                continue
            lo, hi = known[other][self.column]
            if s > 0:
                low_rest = None if low_rest is None else low_rest + lo
                high_rest = None if high_rest is None or hi is None else high_rest + hi
            else:
                low_rest = None if low_rest is None or hi is None else low_rest - hi
                high_rest = None if high_rest is None else high_rest - lo
        if self.free_plus:
            high_rest = None
        if self.free_minus:
            low_rest = None
        if sign > 0:  # x = -rest
            low = 0 if high_rest is None else max(0, -high_rest)
            return low, None if low_rest is None else -low_rest
        low = 0 if low_rest is None else max(0, low_rest)  # x = rest
        return low, high_rest


def _constraints(
    version: FormatVersion,
    runs: Sequence[ApplicationRow],
    given: Mapping[ApplicationRow, tuple[int | None, ...]],
) -> list[_Constraint]:
    number = {row: i for i, row in enumerate(runs)}
    out = []
    for terms in _identities(version):
        if not any(row in number for row, _ in terms):
            continue  # nothing to recover here: checking given cells is the checks' job
        for column in range(_WIDTH):
            constant, free_plus, free_minus = 0, False, False
            variables = []
            for row, sign in terms:
                if row in number:
                    variables.append((number[row], sign))
                    continue
                cell = given[row][column] if row in given else None
                if cell is None:
                    free_plus |= sign > 0
                    free_minus |= sign < 0
                else:
                    constant += sign * cell
            out.append(_Constraint(column, constant, tuple(variables), free_plus, free_minus))
    return out


def _where(row: ApplicationRow) -> str:
    return f"row {row.code!r} ({row.label})"


def recover_application_table(
    version: FormatVersion,
    rows: Mapping[ApplicationRow, str | tuple[int | None, ...]],
) -> dict[ApplicationRow, RowRecovery]:
    """Recover the rows of table 3 given as digit runs, using the rows given as cells.

    ``rows`` maps rows whose separators were lost to their digit run, and the other rows to
    their seven cells (six applicant columns, then 总计; ``None`` for a blank cell). Rows not
    given are unknown. A run's candidates are its splits (:func:`split_run`, the last cell the
    sum of the others) that can be completed into a table satisfying, in every column, the
    outcome identity (the outcome rows add up to （七）总计) and the balance identity
    (一 + 二 = （七）总计 + 四), with unknown and blank cells standing for any count >= 0.
    Identities that involve no run are not checked here (that is what the checks do), so a wrong
    printed cell elsewhere does not stop the recovery; a run whose every split contradicts the
    given cells comes back with no candidate.

    Every given row is returned: a run with its remaining candidates, a row given as cells with
    those cells as its single candidate (no candidate when a cell is blank: a blank is never
    filled in). A run with more than 10 000 splits raises :class:`TooManyCandidates`; rows not
    in the version's layout, cells that are not seven, or a run that is not digits raise
    :class:`~govdisclosure.errors.ParseError`.

    >>> R, zero = ApplicationRow, (0, 0, 0, 0, 0, 0, 0)
    >>> split_run("110100012", 7)  # alone, the run of 一 can be cut three ways ...
    ((1, 1, 0, 10, 0, 0, 12), (1, 10, 1, 0, 0, 0, 12), (11, 0, 1, 0, 0, 0, 12))
    >>> found = recover_application_table(FormatVersion.NATIONAL_2021, {
    ...     R.NEW: "110100012", R.CARRIED_OVER: zero,
    ...     R.TOTAL: (11, 0, 1, 0, 0, 0, 12), R.CARRIED_FORWARD: zero})
    >>> found[R.NEW].cells  # ... but 一 + 二 = （七） + 四 leaves one
    (11, 0, 1, 0, 0, 0, 12)
    >>> found[R.TOTAL]
    RowRecovery(run='', candidates=((11, 0, 1, 0, 0, 0, 12),))
    >>> alone = recover_application_table(FormatVersion.NATIONAL_2021, {R.NEW: "110100012"})
    >>> len(alone[R.NEW].candidates)  # with nothing else known, all three stay
    3
    """
    layout = set(version.application_rows)
    runs: dict[ApplicationRow, str] = {}
    given: dict[ApplicationRow, tuple[int | None, ...]] = {}
    for row, value in rows.items():
        if row not in layout:
            raise ParseError(
                f"{_where(row)} is not a row of table 3 in format {version.code}"
                f" / “{row.label}”不是{version.label}表三的行"
            )
        if isinstance(value, str):
            _check_run(value, _where(row))
            runs[row] = value
            continue
        if len(value) != _WIDTH:
            raise ParseError(
                f"{_where(row)}: expected {_WIDTH} cells"
                f" ({'、'.join(_COLUMN_LABELS)}), got {len(value)}"
                f" / “{row.label}”行应有{_WIDTH}个单元格，实际为{len(value)}个"
            )
        given[row] = tuple(value)
    domains = _recover(version, runs, given)
    result: dict[ApplicationRow, RowRecovery] = {}
    for row in rows:
        if row in runs:
            result[row] = RowRecovery(runs[row], domains[row])
        else:
            cells = given[row]
            numbers = tuple(c for c in cells if c is not None)
            result[row] = RowRecovery("", (numbers,) if len(numbers) == _WIDTH else ())
    return result


def _recover(
    version: FormatVersion,
    runs: Mapping[ApplicationRow, str],
    given: Mapping[ApplicationRow, tuple[int | None, ...]],
) -> dict[ApplicationRow, tuple[Cells, ...]]:
    rows = list(runs)
    count = len(rows)
    constraints = _constraints(version, rows, given)
    touching: list[list[_Constraint]] = [[] for _ in rows]
    for constraint in constraints:
        for i, _ in constraint.variables:
            touching[i].append(constraint)

    # 1. Each run's splits, cut within the bounds the identities already put on its cells
    #    (shorter runs first: their splits then bound the longer ones).
    known: list[list[Bounds]] = [[(0, None)] * _WIDTH for _ in rows]
    domains: list[list[Cells]] = [[] for _ in rows]
    layout = version.application_rows
    for i in sorted(range(count), key=lambda i: (len(runs[rows[i]]), layout.index(rows[i]))):
        bounds = list(known[i])
        for constraint in touching[i]:
            low, high = constraint.bounds(i, known)
            old_low, old_high = bounds[constraint.column]
            if old_high is not None and (high is None or high > old_high):
                high = old_high
            bounds[constraint.column] = (max(low, old_low), high)
        domains[i] = list(_splits(runs[rows[i]], _WIDTH, True, bounds, _LIMIT))
        known[i] = list(_hull(domains[i]))

    # 2. Forward checking to a fixed point: drop a split if some identity cannot hold with it
    #    and the other runs anywhere within the range of their remaining splits.
    hulls = [_hull(domain) for domain in domains]
    lows = [[lo for lo, _ in hull] for hull in hulls]
    highs = [[hi for _, hi in hull] for hull in hulls]
    changed = True
    while changed:
        changed = False
        for i in range(count):
            kept = [cells for cells in domains[i] if _fits(i, cells, touching[i], lows, highs)]
            if len(kept) != len(domains[i]):
                domains[i] = kept
                hull = _hull(kept)
                lows[i], highs[i] = [lo for lo, _ in hull], [hi for _, hi in hull]
                changed = True

    # 3. Keep only the splits that are part of a whole solution (one witness each).
    supported: list[set[Cells]] = [set() for _ in rows]
    for i in sorted(range(count), key=lambda i: len(domains[i])):
        for cells in domains[i]:
            if cells in supported[i]:
                continue
            trial = list(domains)
            trial[i] = [cells]
            witness = _solve(trial, touching)
            if witness is not None:
                for j, value in enumerate(witness):
                    supported[j].add(value)
    return {row: tuple(c for c in domains[i] if c in supported[i]) for i, row in enumerate(rows)}


def _hull(domain: Sequence[Cells]) -> list[tuple[int, int]]:
    """Per column, the smallest and largest cell of the splits ((0, 0) when there is none)."""
    if not domain:
        return [(0, 0)] * _WIDTH
    return [(min(column), max(column)) for column in zip(*domain, strict=True)]


def _fits(
    index: int,
    cells: Cells,
    constraints: Sequence[_Constraint],
    low: list[list[int]],
    high: list[list[int]],
) -> bool:
    """Whether run ``index`` can be ``cells`` with the other runs within ``[low, high]``."""
    saved = low[index], high[index]
    low[index] = high[index] = list(cells)
    try:
        return all(constraint.feasible(low, high) for constraint in constraints)
    finally:
        low[index], high[index] = saved


def _solve(
    domains: Sequence[Sequence[Cells]], touching: Sequence[Sequence[_Constraint]]
) -> list[Cells] | None:
    """One split for every run such that every identity holds, or None if there is none."""
    if any(not domain for domain in domains):
        return None
    order = sorted(range(len(domains)), key=lambda i: len(domains[i]))
    hulls = [_hull(domain) for domain in domains]
    low = [[lo for lo, _ in hull] for hull in hulls]
    high = [[hi for _, hi in hull] for hull in hulls]
    chosen: list[Cells] = [() for _ in domains]

    def search(step: int) -> bool:
        if step == len(order):
            return True
        i = order[step]
        saved = low[i], high[i]
        for cells in domains[i]:
            low[i] = high[i] = list(cells)
            if all(c.feasible(low, high) for c in touching[i]) and search(step + 1):
                chosen[i] = cells
                return True
        low[i], high[i] = saved
        return False

    return chosen if search(0) else None


# --- table 4 -------------------------------------------------------------------------------------


def recover_review_cells(run: str) -> tuple[tuple[int, ...], ...]:
    """Candidate 15-cell splits of table 4's row: three groups of four results and their total.

    The groups are 行政复议, 未经复议直接起诉 and 复议后起诉, each 结果维持, 结果纠正,
    其他结果, 尚未审结, 总计; each group's 总计 must be the sum of its four results. More than
    10 000 candidates raise :class:`TooManyCandidates`.

    >>> recover_review_cells("011021000100000")
    ((0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0),)
    >>> for cells in recover_review_cells("72641783735113481261211620"):  # Huaian 2024
    ...     print(cells[10:])
    (1, 2, 1, 16, 20)
    (1, 2, 11, 6, 20)
    (12, 1, 1, 6, 20)
    """
    _check_run(run, "recover_review_cells")
    limit = _LIMIT
    try:
        return _review_splits(run, limit)
    except TooManyCandidates as exc:  # a group's own run had too many: name the whole run
        raise TooManyCandidates(run, 3 * _GROUP, limit) from exc


def _review_splits(run: str, limit: int) -> tuple[Cells, ...]:
    found: list[Cells] = []
    n = len(run)
    for first in range(_GROUP, n - 2 * _GROUP + 1):
        head = _splits(run[:first], _GROUP, True, None, limit)
        if not head:
            continue
        for second in range(first + _GROUP, n - _GROUP + 1):
            middle = _splits(run[first:second], _GROUP, True, None, limit)
            if not middle:
                continue
            tail = _splits(run[second:], _GROUP, True, None, limit)
            for a, b, c in itertools.product(head, middle, tail):
                found.append((*a, *b, *c))
                if len(found) > limit:
                    raise TooManyCandidates(run, 3 * _GROUP, limit)
    return tuple(found)
