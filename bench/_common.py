"""Timing helpers shared by the benchmark scripts (``python bench/bench_x.py`` puts bench/ on the
path: ``import _common``)."""

from __future__ import annotations

import time
import timeit
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["best_of", "interleaved_best_of", "per_call", "reading_all"]


def best_of(
    repeat: int, run: Callable[[], object], clock: Callable[[], float] = time.process_time
) -> float:
    """The shortest of ``repeat`` timings of ``run`` by ``clock`` (CPU time unless told)."""
    times = []
    for _ in range(repeat):
        start = clock()
        run()
        times.append(clock() - start)
    return min(times)


def interleaved_best_of(repeat: int, *runs: Callable[[], object]) -> list[float]:
    """The best CPU time of each run over ``repeat`` rounds, the runs alternating in each round."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for index, run in enumerate(runs):
            start = time.process_time()
            run()
            best[index] = min(best[index], time.process_time() - start)
    return best


def per_call(run: Callable[[], object], repeat: int, number: int) -> float:
    """Seconds a call of ``run``: the best of ``repeat`` timeit rounds of ``number`` calls."""
    return min(timeit.repeat(run, repeat=repeat, number=number)) / number


def reading_all(
    read: Callable[[bytes], object], documents: Sequence[bytes], repeat: int, number: int
) -> float:
    """Seconds ``read`` takes over every document: :func:`per_call` of one pass."""

    def one_pass() -> None:
        for data in documents:
            read(data)

    return per_call(one_pass, repeat, number)
