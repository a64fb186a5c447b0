"""How long rendering 1,000 reports to HTML takes (target: at most 1 s on one core).

Run with ``python bench/bench_render.py``. The 1,000 reports cycle through the bundled examples
(2008-era, 2019 trial and 2021 formats), each rendered in full: title, narrative and tables.
"""

from __future__ import annotations

import functools
import timeit

from govdisclosure import examples
from govdisclosure.formatting.render import RenderFormat, render

REPORTS = [examples.load(name) for name in examples.names()]
BATCH = [REPORTS[i % len(REPORTS)] for i in range(1000)]
TARGET = 1.0


def render_all(fmt: RenderFormat = "html") -> None:
    """Render the batch of 1,000 reports."""
    for report in BATCH:
        render(report, fmt)


def main() -> None:
    """Time the batch in each format; report the best of five runs."""
    render_all()  # warm the caches (locale data, static table HTML)
    formats: tuple[RenderFormat, ...] = ("html", "markdown", "text")
    for fmt in formats:
        best = min(timeit.repeat(functools.partial(render_all, fmt), number=1, repeat=5))
        verdict = "ok" if fmt != "html" or best <= TARGET else "OVER TARGET"
        print(f"render 1,000 reports to {fmt:<8}: {best * 1000:7.1f} ms  {verdict}")


if __name__ == "__main__":
    main()
