"""Benchmark: reading a Word report into blocks, against python-docx's own table extraction.

``read_docx`` checks the archive, opens it with python-docx and places every paragraph and table
cell (merged cells as spans); the peer opens the same file with python-docx and reads every
paragraph's text and every cell's text through ``table.rows[i].cells`` (python-docx's own way to
get a table's cells, which resolves merges too). Prints documents per second for both and the
ratio of the times (the issue's target: within 2x).

The documents: the real national form (``tests/data/forms/national-2021-template.docx``) filled
with figures, and the same with its body repeated ten times (a long report).

Run: ``python bench/bench_docx.py`` (needs the ``docx`` extra).
"""

from __future__ import annotations

import copy
import io
from pathlib import Path

import docx

from _common import reading_all
from govdisclosure.parse._docx import read_docx

FORM = (
    Path(__file__).resolve().parents[1] / "tests" / "data" / "forms" / "national-2021-template.docx"
)


def _filled(times: int) -> bytes:
    document = docx.Document(str(FORM))
    for table in document.tables:
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                if not cell.text.strip():
                    cell.text = str(r * c % 97)
    body = document.element.body
    parts = [child for child in body if child.tag != body[-1].tag]  # keep sectPr last
    for _ in range(times - 1):
        for child in parts:
            body.insert(len(body) - 1, copy.deepcopy(child))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def peer(data: bytes) -> int:
    document = docx.Document(io.BytesIO(data))
    size = sum(len(p.text) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            size += sum(len(cell.text) for cell in row.cells)
    return size


def main() -> None:
    documents = [_filled(1), _filled(10)]
    repeat, number = 5, 5

    ours_s = reading_all(read_docx, documents, repeat, number)
    peer_s = reading_all(peer, documents, repeat, number)
    n = len(documents)
    print(
        f"{n} documents (the national form filled, once and ten times; best of {repeat} x {number})"
    )
    print(f"read_docx                   {n / ours_s:8.1f} docs/s  ({ours_s * 1000:.1f} ms)")
    print(f"python-docx paragraphs+rows {n / peer_s:8.1f} docs/s  ({peer_s * 1000:.1f} ms)")
    print(f"ratio read_docx / python-docx time: {ours_s / peer_s:.2f}x")


if __name__ == "__main__":
    main()
