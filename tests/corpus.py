"""The corpus of real reports in ``tests/data/reports``: paths and the hand-entered figures.

Every test that reads a real report goes through this module, so that the folder and the format of
``expected.json`` are known in one place (the format is documented at the top of the folder's
README). The data is part of the repository: nothing here skips.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from govdisclosure.model.outcome import OutcomeGroup

__all__ = [
    "FOLDER",
    "GROUP_OF",
    "REVIEW_COLUMN_OF",
    "SEED",
    "SUMMARY",
    "Entry",
    "by_file",
    "entries",
    "expected_document",
    "path",
    "report_files",
    "with_extractions",
]

#: The folder of real reports, as published or crawled (never corrected).
FOLDER = Path(__file__).resolve().parent / "data" / "reports"
#: The report the project started from: 四川省人力资源和社会保障厅 2013, 2008-era free text.
SEED = FOLDER / "sichuan-hrss-2013.txt"

#: Lines the corpus test leaves for the terminal summary (its table of figures per source kind).
SUMMARY: list[str] = []

#: One report's entry of ``expected.json`` (see the README for its keys).
Entry = dict[str, Any]

#: The table-3 outcome groups of an entry's ``applications``, by their printed label.
GROUP_OF = {
    "予以公开": OutcomeGroup.GRANTED,
    "部分公开": OutcomeGroup.PARTIALLY_GRANTED,
    "不予公开": OutcomeGroup.WITHHELD,
    "无法提供": OutcomeGroup.UNABLE_TO_PROVIDE,
    "不予处理": OutcomeGroup.NOT_PROCESSED,
    "其他处理": OutcomeGroup.OTHER,
}
#: The review-count fields of table 4 by the keys of an entry's ``reviews`` groups.
REVIEW_COLUMN_OF = {"maintain": "maintained", "correct": "corrected", "other": "other",
                    "pending": "pending", "total": "total"}  # fmt: skip

#: Suffixes of the files that are reports (``expected.json`` and the README are not).
_REPORT_SUFFIXES = frozenset({".html", ".htm", ".txt", ".md", ".pdf", ".docx"})


def path(name: str) -> Path:
    """The path of the corpus file ``name``; an error if the repository does not hold it."""
    found = FOLDER / name
    if not found.is_file():
        raise FileNotFoundError(f"tests/data/reports has no file {name!r}")
    return found


@functools.cache
def expected_document() -> dict[str, Any]:
    """``expected.json`` as a whole (its ``note`` and its ``reports``)."""
    document: dict[str, Any] = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
    return document


def entries() -> list[Entry]:
    """Every report's entry of ``expected.json``, in the file's order."""
    reports: list[Entry] = expected_document()["reports"]
    return reports


def by_file() -> dict[str, Entry]:
    """The entries by the file they describe; a text extraction maps to its source's entry."""
    found: dict[str, Entry] = {}
    for entry in entries():
        found[entry["file"]] = entry
        for extraction in entry.get("text_extractions", ()):
            found[extraction] = entry
    return found


def report_files() -> list[Path]:
    """Every report file of the corpus, sorted by name."""
    return sorted(
        p for p in FOLDER.iterdir() if p.suffix in _REPORT_SUFFIXES and p.name != "README.md"
    )


def with_extractions(*names: str) -> tuple[str, ...]:
    """The corpus files ``names`` and the text extractions their entries list (the pypdf and
    pdfminer text of a PDF), sorted: reports together with the copies that stand for them."""
    extractions = {entry["file"]: entry.get("text_extractions", []) for entry in entries()}
    found: list[str] = []
    for name in names:
        found += [path(name).name, *extractions[name]]
    return tuple(sorted(found))
