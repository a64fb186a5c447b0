"""Benchmark: reading a PDF report into blocks, against pdfplumber's own ``extract_text()``.

``read_pdf`` finds the tables from their ruling lines, takes the running text around them and
builds paragraphs; pdfplumber's ``extract_text()`` on the same pages is the floor (it parses the
same page content but does no table work). Prints pages per second for both and the ratio.

Run: ``python bench/bench_pdf.py`` (needs the ``pdf`` extra; reads ``tests/data/reports``).
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from _common import reading_all
from govdisclosure.parse._pdf import read_pdf

REPORTS = Path(__file__).resolve().parents[1] / "tests" / "data" / "reports"
NAMES = ("huaian-city-2024", "hongze-district-2023", "hongze-district-2024")


def extract_text(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(page.extract_text()) for page in pdf.pages)


def main() -> None:
    documents = [(REPORTS / f"{name}.pdf").read_bytes() for name in NAMES]
    pages = 0
    for data in documents:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages += len(pdf.pages)
    repeat, number = 3, 2

    ours_s = reading_all(read_pdf, documents, repeat, number)
    peer_s = reading_all(extract_text, documents, repeat, number)
    print(f"{len(documents)} PDFs, {pages} pages (best of {repeat} x {number})")
    print(f"read_pdf                  {pages / ours_s:8.1f} pages/s  ({ours_s * 1000:.0f} ms)")
    print(f"pdfplumber extract_text() {pages / peer_s:8.1f} pages/s  ({peer_s * 1000:.0f} ms)")
    print(f"ratio read_pdf / extract_text time: {ours_s / peer_s:.2f}x")


if __name__ == "__main__":
    main()
