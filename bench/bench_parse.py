"""Benchmark: parse_report on HTML pages of the examples' size, against lxml.html alone.

Prints reports per second on one core and the ratio to the time ``lxml.html.fromstring`` alone
takes on the same pages (the floor any HTML parser built on lxml pays).
"""

from __future__ import annotations

import timeit
from pathlib import Path

from lxml import html

from govdisclosure.examples import load, names
from govdisclosure.formatting.render import render
from govdisclosure.parse import parse_report

REPORTS = Path(__file__).resolve().parents[1] / ".." / "shared" / "examples" / "reports"


def main() -> None:
    pages = [render(load(name), "html") for name in names()]
    pages.append((REPORTS / "shanghai-gov-office-2019.html").read_text(encoding="utf-8"))
    sizes = ", ".join(f"{len(p.encode()) // 1024} KB" for p in pages)

    def parse_all() -> None:
        for page in pages:
            parse_report(page)

    def lxml_all() -> None:
        for page in pages:
            html.fromstring(page)

    rounds = 20
    ours = min(timeit.repeat(parse_all, number=rounds, repeat=3)) / (rounds * len(pages))
    peer = min(timeit.repeat(lxml_all, number=rounds, repeat=3)) / (rounds * len(pages))
    print(f"pages: {len(pages)} ({sizes})")
    print(f"parse_report:        {ours * 1e3:7.3f} ms/page  {1 / ours:8.0f} reports/s")
    print(f"lxml.html.fromstring:{peer * 1e3:7.3f} ms/page  {1 / peer:8.0f} pages/s")
    print(f"ratio parse_report / lxml.html.fromstring: {ours / peer:.1f}x")


if __name__ == "__main__":
    main()
