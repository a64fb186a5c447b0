"""Benchmark: parse_report on HTML pages of the examples' size, against lxml.html alone.

Prints reports per second on one core and the ratio to the time ``lxml.html.fromstring`` alone
takes on the same pages (the floor any HTML parser built on lxml pays), and how the time splits
between reading the page into blocks and interpreting them. The pages are the rendered HTML of
every bundled example and the real Shanghai page.

The machine may be shared: run it pinned to one core (``taskset -c 0 python bench/bench_parse.py``).
Each measurement is the best of several repeats of CPU time (``time.process_time``: another
process's load does not count), and ours and lxml's are interleaved so that both see the same
load; the ratio is the number to compare between runs.
"""

from __future__ import annotations

import time
import timeit
from pathlib import Path

from lxml import html

from govdisclosure.examples import load, names
from govdisclosure.formatting.render import render
from govdisclosure.parse import parse_report
from govdisclosure.parse._html import read_html
from govdisclosure.parse._interpret import Hints, interpret

REPORTS = Path(__file__).resolve().parents[1] / "tests" / "data" / "reports"
ROUNDS = 10
REPEATS = 9


def main() -> None:
    pages = [render(load(name), "html") for name in names()]
    pages.append((REPORTS / "shanghai-gov-office-2019.html").read_text(encoding="utf-8"))
    sizes = ", ".join(f"{len(p.encode()) // 1024} KB" for p in pages)
    read = [read_html(page) for page in pages]
    hints = [Hints(title=p.title, meta=p.meta, source_format="html") for p in read]

    def parse_all() -> None:
        for page in pages:
            parse_report(page)

    def lxml_all() -> None:
        for page in pages:
            html.fromstring(page)

    def read_all() -> None:
        for page in pages:
            read_html(page)

    def interpret_all() -> None:
        for page, hint in zip(read, hints, strict=True):
            interpret(page.blocks, hint)

    best = {name: float("inf") for name in ("parse", "lxml", "read", "interpret")}
    runs = {"parse": parse_all, "lxml": lxml_all, "read": read_all, "interpret": interpret_all}
    parse_all()  # warm caches and imports
    for _ in range(REPEATS):
        for name, run in runs.items():
            seconds = timeit.timeit(run, number=ROUNDS, timer=time.process_time) / (
                ROUNDS * len(pages)
            )
            best[name] = min(best[name], seconds)
    ours, peer = best["parse"], best["lxml"]
    print(f"pages: {len(pages)} ({sizes}); best of {REPEATS} x {ROUNDS} rounds")
    print(f"parse_report:         {ours * 1e3:7.3f} ms/page  {1 / ours:8.0f} reports/s")
    print(f"  read_html:          {best['read'] * 1e3:7.3f} ms/page")
    print(f"  interpret:          {best['interpret'] * 1e3:7.3f} ms/page")
    print(f"lxml.html.fromstring: {peer * 1e3:7.3f} ms/page  {1 / peer:8.0f} pages/s")
    print(f"ratio parse_report / lxml.html.fromstring: {ours / peer:.1f}x")


if __name__ == "__main__":
    main()
