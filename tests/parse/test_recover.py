"""Recovering table cells from digit runs whose separators were lost (parse._recover)."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import corpus
from govdisclosure.errors import ParseError
from govdisclosure.model.layout import ApplicationRow, FormatVersion, ReviewGroup
from govdisclosure.model.outcome import OutcomeGroup
from govdisclosure.parse import (
    RowRecovery,
    TooManyCandidates,
    _recover,
    recover_application_table,
    recover_review_cells,
    split_run,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

R = ApplicationRow
V21 = FormatVersion.NATIONAL_2021
ZERO: tuple[int | None, ...] = (0, 0, 0, 0, 0, 0, 0)
Rows = dict[ApplicationRow, str | tuple[int | None, ...]]
REPORTS = corpus.FOLDER


def brute_splits(run: str, width: int, total_last: bool) -> list[tuple[int, ...]]:
    """Every cut of the run, by trying every set of cut positions (the oracle)."""
    found = []
    for cuts in itertools.combinations(range(1, len(run)), width - 1):
        bounds = (0, *cuts, len(run))
        parts = [run[a:b] for a, b in itertools.pairwise(bounds)]
        if any(len(p) > 1 and p[0] == "0" for p in parts):
            continue
        cells = tuple(int(p) for p in parts)
        if total_last and sum(cells[:-1]) != cells[-1]:
            continue
        found.append(cells)
    return sorted(found)


def joined(cells: Sequence[int]) -> str:
    return "".join(str(c) for c in cells)


# --- split_run -----------------------------------------------------------------------------------


def test_split_run_pingtan_rows() -> None:
    assert split_run("713000074", 7) == ((71, 3, 0, 0, 0, 0, 74),)
    assert split_run("723000075", 7) == ((72, 3, 0, 0, 0, 0, 75),)
    assert split_run("0000000", 7) == (ZERO,)


def test_split_run_returns_every_split_when_ambiguous() -> None:
    assert split_run("11011", 3) == ((1, 10, 11), (11, 0, 11))
    assert set(split_run("110100012", 7)) == {
        (1, 1, 0, 10, 0, 0, 12),
        (1, 10, 1, 0, 0, 0, 12),
        (11, 0, 1, 0, 0, 0, 12),
    }


def test_split_run_rejects_leading_zeros_and_short_runs() -> None:
    assert split_run("1001", 3) == ()  # 1 + 0 = "01": a leading zero
    assert split_run("00", 2) == ((0, 0),)
    assert split_run("123", 4) == ()
    assert split_run("0", 1) == ((0,),)  # the total of no cells is 0
    assert split_run("5", 1) == ()
    assert split_run("5", 1, total_last=False) == ((5,),)
    assert split_run("05", 1, total_last=False) == ()


@pytest.mark.parametrize("run", ["", "12a", "\uff11\uff12\uff13", "-12", " 12"])
def test_split_run_rejects_what_is_not_a_digit_run(run: str) -> None:
    with pytest.raises(ParseError, match="ASCII digits"):
        split_run(run, 3)


def test_split_run_rejects_a_width_below_one() -> None:
    with pytest.raises(ParseError, match="width must be at least 1"):
        split_run("12", 0)


def test_split_run_limit_raises_rather_than_truncates() -> None:
    run = "1234567891234"
    assert len(brute_splits(run, 4, False)) > 50
    with pytest.raises(TooManyCandidates) as caught:
        split_run(run, 4, total_last=False, limit=50)
    assert (caught.value.run, caught.value.width, caught.value.limit) == (run, 4, 50)
    assert isinstance(caught.value, ParseError)
    assert "超过50种" in str(caught.value)
    # With the total identity, the limit applies the same way.
    assert len(split_run("110100012", 7)) == 3
    with pytest.raises(TooManyCandidates):
        split_run("110100012", 7, limit=2)


@given(
    st.text("0123456789", min_size=1, max_size=11),
    st.integers(1, 6),
    st.booleans(),
)
def test_split_run_matches_brute_force(run: str, width: int, total_last: bool) -> None:
    assert sorted(split_run(run, width, total_last=total_last)) == brute_splits(
        run, width, total_last
    )


@given(st.lists(st.integers(0, 10**6), min_size=6, max_size=6))
def test_split_run_finds_the_true_row(cells: list[int]) -> None:
    row = (*cells, sum(cells))
    candidates = split_run(joined(row), 7)
    assert row in candidates
    assert all(sum(c[:-1]) == c[-1] and joined(c) == joined(row) for c in candidates)


def test_split_run_of_thirty_digits_is_quick() -> None:
    rows = [
        (829619, 605157, 779589, 262597, 617125, 456110, 3550197),
        (120000, 3, 999999, 1, 0, 77777, 1197780),
    ]
    for row in rows:
        assert row in split_run(joined(row), 7)
    assert split_run("9" * 30, 7) == ()


# --- table 3 -------------------------------------------------------------------------------------


def pingtan_runs() -> dict[ApplicationRow, str]:
    """Table 3 of the Pingtan 2022 page text, one digit run per row, as the core reader would."""
    text = (REPORTS / "pingtan-zone-2022.txt").read_text(encoding="utf-8").splitlines()[9]
    text = text[text.index("三、收到和处理政府信息公开申请情况") :]
    rows = V21.application_rows
    labels = [row.label for row in rows]
    # The source prints 1、/2、 for none of these rows; labels are searched in printed order.
    runs: dict[ApplicationRow, str] = {}
    position = 0
    starts = []
    for label in labels:
        start = text.index(label, position)
        starts.append(start)
        position = start + len(label)
    starts.append(len(text))
    for i, row in enumerate(rows):
        segment = text[starts[i] + len(labels[i]) : starts[i + 1]]
        match = re.match(r"\s*(\d+)", segment)
        assert match is not None, row
        runs[row] = match.group(1)
    return runs


@pytest.fixture(scope="module")
def pingtan() -> dict[str, object]:
    report = corpus.by_file()["pingtan-zone-2022.txt"]
    return {"runs": pingtan_runs(), "expected": report}


def test_pingtan_runs_as_found(pingtan: Mapping[str, object]) -> None:
    runs = pingtan["runs"]
    assert isinstance(runs, dict)
    assert runs[R.NEW] == "713000074"
    assert runs[R.WITHHELD_STATE_SECRET] == "0000000"  # "...00000002.其他..." once separated
    assert runs[R.TOTAL] == "723000075"


def test_pingtan_table_recovered_as_split_by_hand(pingtan: Mapping[str, object]) -> None:
    runs = pingtan["runs"]
    expected = pingtan["expected"]
    assert isinstance(runs, dict)
    assert isinstance(expected, dict)
    found = recover_application_table(V21, runs)
    assert set(found) == set(runs)
    cells = {row: found[row].cells for row in runs}
    assert all(value is not None for value in cells.values())
    new, carried, total, forward = (
        cells[r] for r in (R.NEW, R.CARRIED_OVER, R.TOTAL, R.CARRIED_FORWARD)
    )
    assert new is not None and carried is not None and total is not None and forward is not None
    assert new[0] == expected["new_applications_natural_person"] == 71
    assert new[6] == expected["new_applications_total"] == 74
    assert carried[6] == expected["carried_over_from_last_year"]
    assert forward[6] == expected["carried_to_next_year"]
    outcomes = expected["outcomes"]
    assert isinstance(outcomes, dict)
    for group in OutcomeGroup:
        totals = [found[r].candidates[0][6] for r in V21.application_rows if r.group is group]
        assert sum(totals) == outcomes[group.label], group
    assert total[6] == outcomes["总计"] == 75
    assert found[R.OTHER_OTHER].cells == (0, 2, 0, 0, 0, 0, 2)


def test_pingtan_table_four() -> None:
    # The page prints table 4 with spaces; glued, it is recovered the same.
    found = recover_review_cells("011021000100000")
    assert found == ((0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0),)


def test_identities_pin_down_an_ambiguous_row() -> None:
    assert len(split_run("110100012", 7)) == 3
    alone = recover_application_table(V21, {R.NEW: "110100012"})
    assert len(alone[R.NEW].candidates) == 3
    assert alone[R.NEW].cells is None
    pinned = recover_application_table(
        V21,
        {
            R.NEW: "110100012",
            R.CARRIED_OVER: ZERO,
            R.TOTAL: (11, 0, 1, 0, 0, 0, 12),
            R.CARRIED_FORWARD: ZERO,
        },
    )
    assert pinned[R.NEW] == RowRecovery("110100012", ((11, 0, 1, 0, 0, 0, 12),))
    assert pinned[R.TOTAL] == RowRecovery("", ((11, 0, 1, 0, 0, 0, 12),))


def test_identities_that_admit_several_splits_keep_them_all() -> None:
    # 一 and （七） are both runs; 二 and 四 are 0, so 一 = （七） cell by cell, and both runs are
    # the same digits: every split of the run stays, each paired with the same split.
    rows: Rows = {
        R.NEW: "110100012",
        R.CARRIED_OVER: ZERO,
        R.TOTAL: "110100012",
        R.CARRIED_FORWARD: ZERO,
    }
    found = recover_application_table(V21, rows)
    assert found[R.NEW].candidates == split_run("110100012", 7)
    assert found[R.TOTAL].candidates == split_run("110100012", 7)


def test_a_blank_cell_is_unknown_not_zero() -> None:
    blank: tuple[int | None, ...] = (None, 0, 1, 0, 0, 0, None)
    rows: Rows = {R.NEW: "110100012", R.CARRIED_OVER: ZERO, R.TOTAL: blank, R.CARRIED_FORWARD: ZERO}
    found = recover_application_table(V21, rows)
    # 自然人 and 总计 of （七） are unknown; the others pin 一 down.
    assert found[R.NEW].candidates == ((11, 0, 1, 0, 0, 0, 12),)
    assert found[R.TOTAL] == RowRecovery("", ())  # a blank is never filled in


def test_no_candidate_when_the_given_cells_contradict_every_split() -> None:
    rows: Rows = {
        R.NEW: "713000074",
        R.CARRIED_OVER: ZERO,
        R.TOTAL: (1, 0, 0, 0, 0, 0, 1),
        R.CARRIED_FORWARD: ZERO,
    }
    found = recover_application_table(V21, rows)
    assert found[R.NEW].candidates == ()
    assert found[R.NEW].cells is None


def test_identities_without_runs_are_not_checked_here() -> None:
    # The given rows contradict the outcome identity; the balance identity still recovers 一.
    rows: Rows = {
        R.NEW: "110100012",
        R.CARRIED_OVER: ZERO,
        R.GRANTED: (5, 0, 0, 0, 0, 0, 5),
        R.TOTAL: (11, 0, 1, 0, 0, 0, 12),
        R.CARRIED_FORWARD: ZERO,
    }
    assert recover_application_table(V21, rows)[R.NEW].cells == (11, 0, 1, 0, 0, 0, 12)


def test_outcome_rows_bound_the_total() -> None:
    # Every outcome row is 0 except one run, so （七） equals that run's row.
    rows: dict[ApplicationRow, str | tuple[int | None, ...]] = {
        r: ZERO for r in V21.application_rows if r.is_outcome
    }
    rows[R.GRANTED] = "110100012"
    rows[R.TOTAL] = (11, 0, 1, 0, 0, 0, 12)
    assert recover_application_table(V21, rows)[R.GRANTED].cells == (11, 0, 1, 0, 0, 0, 12)


def test_trial_format_uses_its_single_other_row() -> None:
    v19 = FormatVersion.TRIAL_2019
    rows: dict[ApplicationRow, str | tuple[int | None, ...]] = {
        r: ZERO for r in v19.application_rows if r.is_outcome
    }
    rows[R.OTHER] = "110100012"
    rows[R.TOTAL] = (1, 10, 1, 0, 0, 0, 12)
    assert recover_application_table(v19, rows)[R.OTHER].cells == (1, 10, 1, 0, 0, 0, 12)
    with pytest.raises(ParseError, match="not a row of table 3 in format 2019"):
        recover_application_table(v19, {R.OTHER_OTHER: ZERO})


def test_bad_rows_are_named() -> None:
    with pytest.raises(ParseError, match=r"row 'new' .*expected 7 cells.*got 6"):
        recover_application_table(V21, {R.NEW: (1, 2, 3, 4, 5, 6)})
    with pytest.raises(ParseError, match=r"row 'total' .*ASCII digits"):
        recover_application_table(V21, {R.TOTAL: "7a"})


# --- table 3, generated ------------------------------------------------------------------------


@st.composite
def consistent_tables(
    draw: st.DrawFn, version: FormatVersion = V21, high: int = 12
) -> dict[ApplicationRow, tuple[int, ...]]:
    """A table 3 satisfying every identity (row sums, outcomes, balance), small counts."""
    layout = version.application_rows
    leaves = [r for r in layout if r.is_outcome]
    six = st.lists(st.integers(0, high), min_size=6, max_size=6)
    table: dict[ApplicationRow, list[int]] = {r: draw(six) for r in leaves}
    total = [sum(table[r][c] for r in leaves) for c in range(6)]
    forward = draw(six)
    carried = [draw(st.integers(0, total[c] + forward[c])) for c in range(6)]
    new = [total[c] + forward[c] - carried[c] for c in range(6)]
    table.update({R.TOTAL: total, R.CARRIED_FORWARD: forward, R.CARRIED_OVER: carried, R.NEW: new})
    return {r: (*table[r], sum(table[r])) for r in layout}


def holds(version: FormatVersion, table: Mapping[ApplicationRow, Sequence[int | None]]) -> bool:
    """Whether some completion (unknown or blank cells any count >= 0) satisfies the identities."""
    layout = version.application_rows
    leaves = [r for r in layout if r.is_outcome]
    identities = [
        [(r, 1) for r in leaves] + [(R.TOTAL, -1)],
        [(R.NEW, 1), (R.CARRIED_OVER, 1), (R.TOTAL, -1), (R.CARRIED_FORWARD, -1)],
    ]
    for terms in identities:
        for column in range(7):
            value, plus, minus = 0, False, False
            for row, sign in terms:
                cells = table.get(row)
                cell = None if cells is None else cells[column]
                if cell is None:
                    plus, minus = plus or sign > 0, minus or sign < 0
                else:
                    value += sign * cell
            if not (
                (plus and minus) or (plus and value <= 0) or (minus and value >= 0) or value == 0
            ):
                return False
    return True


@given(consistent_tables(), st.data())
def test_true_table_is_always_among_the_candidates(
    table: dict[ApplicationRow, tuple[int, ...]], data: st.DataObject
) -> None:
    layout = list(table)
    glued = data.draw(st.sets(st.sampled_from(layout), min_size=1))
    hidden = data.draw(st.sets(st.sampled_from(layout)).map(lambda s: s - glued))
    rows: dict[ApplicationRow, str | tuple[int | None, ...]] = {
        r: joined(table[r]) if r in glued else table[r] for r in layout if r not in hidden
    }
    found = recover_application_table(V21, rows)
    assert set(found) == set(rows)
    for row in glued:
        assert table[row] in found[row].candidates
        for candidate in found[row].candidates:
            assert joined(candidate) == rows[row]
            assert sum(candidate[:6]) == candidate[6]


@given(consistent_tables(high=21), st.data())
def test_candidates_are_exactly_the_completable_splits(
    table: dict[ApplicationRow, tuple[int, ...]], data: st.DataObject
) -> None:
    """Compared with brute force over every combination of the runs' splits."""
    layout = list(table)
    glued = data.draw(st.lists(st.sampled_from(layout), min_size=1, max_size=3, unique=True))
    hidden = set(data.draw(st.lists(st.sampled_from(layout), max_size=4))) - set(glued)
    rows: dict[ApplicationRow, str | tuple[int | None, ...]] = {
        r: joined(table[r]) if r in glued else table[r] for r in layout if r not in hidden
    }
    splits = {r: split_run(joined(table[r]), 7) for r in glued}
    assume(all(len(s) <= 12 for s in splits.values()))
    expected: dict[ApplicationRow, set[tuple[int, ...]]] = {r: set() for r in glued}
    for choice in itertools.product(*(splits[r] for r in glued)):
        complete: dict[ApplicationRow, Sequence[int | None]] = {
            r: v for r, v in rows.items() if not isinstance(v, str)
        }
        complete.update(zip(glued, choice, strict=True))
        if holds(V21, complete):
            for r, cells in zip(glued, choice, strict=True):
                expected[r].add(cells)
    found = recover_application_table(V21, rows)
    for r in glued:
        assert set(found[r].candidates) == expected[r]
        assert table[r] in found[r].candidates
        # Unique exactly when the identities pin the row down.
        assert (found[r].cells is not None) == (len(expected[r]) == 1)


@given(consistent_tables(high=3))
def test_a_fully_glued_small_table_comes_back(table: dict[ApplicationRow, tuple[int, ...]]) -> None:
    rows: dict[ApplicationRow, str | tuple[int | None, ...]] = {
        r: joined(cells) for r, cells in table.items()
    }
    found = recover_application_table(V21, rows)
    for row, cells in table.items():
        assert cells in found[row].candidates
        if len(split_run(rows[row], 7)) == 1:  # type: ignore[arg-type]
            assert found[row].cells == cells


# --- table 4 -------------------------------------------------------------------------------------


def test_review_cells_of_huaian_keep_every_reading() -> None:
    printed = (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20)
    found = recover_review_cells(joined(printed))
    assert printed in found
    assert len(found) == 3
    for cells in found:
        for g in range(len(ReviewGroup)):
            group = cells[5 * g : 5 * g + 5]
            assert sum(group[:4]) == group[4]


def test_review_cells_errors() -> None:
    assert recover_review_cells("12345") == ()  # too short for fifteen cells
    with pytest.raises(ParseError, match="ASCII digits"):
        recover_review_cells("1 2")


@given(st.lists(st.integers(0, 40), min_size=12, max_size=12))
def test_review_cells_contain_the_true_row(results: list[int]) -> None:
    cells: list[int] = []
    for g in range(3):
        group = results[4 * g : 4 * g + 4]
        cells.extend((*group, sum(group)))
    found = recover_review_cells(joined(cells))
    assert tuple(cells) in found
    assert all(joined(c) == joined(cells) for c in found)


def test_table_functions_raise_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # With six free cells and their total, real runs stay far below 10 000 splits; a lower
    # limit shows what happens past it.
    monkeypatch.setattr(_recover, "_LIMIT", 2)
    with pytest.raises(TooManyCandidates) as caught:
        recover_application_table(V21, {R.NEW: "110100012"})
    assert caught.value.run == "110100012"
    with pytest.raises(TooManyCandidates) as caught:  # one group alone has three splits
        recover_review_cells("72641783735113481261211620")
    assert (caught.value.run, caught.value.width) == ("72641783735113481261211620", 15)
    # Each group has two splits: 2 x 2 x 2 combinations.
    assert [len(split_run("0011011", 5))] * 3 == [2, 2, 2]
    with pytest.raises(TooManyCandidates) as caught:
        recover_review_cells("0011011" * 3)
    assert caught.value.run == "0011011" * 3


def test_one_impossible_run_leaves_no_table() -> None:
    # 一 has splits, but 四 = "1001" has none: no whole table exists, so 一 has no candidate.
    found = recover_application_table(V21, {R.NEW: "110100012", R.CARRIED_FORWARD: "10000001"})
    assert split_run("10000001", 7) == ()
    assert found[R.NEW].candidates == ()
    assert found[R.CARRIED_FORWARD].candidates == ()
