"""The repository's real reports, copied into a folder with a corrupt file among them."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

import corpus

if TYPE_CHECKING:
    from pathlib import Path

# Reports of each source kind the batch reads (PDF, text, HTML), with the PDFs' text extractions.
NAMES = corpus.with_extractions(
    "hongze-district-2023.pdf",
    "hongze-district-2024.pdf",
    "huaian-city-2024.pdf",
    "pingtan-zone-2013.txt",
    "pingtan-zone-2022.txt",
    "shanghai-gov-office-2019.html",
)
CORRUPT = "i-corrupt.pdf"  # sorts into the middle of the corpus


@pytest.fixture(scope="session")
def corpus_names() -> tuple[str, ...]:
    """The file names of the corpus folder, the corrupt one included, in path order."""
    return tuple(sorted((*NAMES, CORRUPT)))


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reports and, between them, a PDF that is not one."""
    folder = tmp_path_factory.mktemp("corpus")
    for name in NAMES:
        shutil.copyfile(corpus.path(name), folder / name)
    (folder / CORRUPT).write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    return folder
