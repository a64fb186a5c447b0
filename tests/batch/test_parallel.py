"""The corpus parses the same on one process, a process pool and a dask cluster."""

from __future__ import annotations

import hashlib
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import govdisclosure
from common import extra
from govdisclosure.corpus import Failed, Parsed, parse_reports

CORRUPT = "i-corrupt.pdf"

if TYPE_CHECKING:
    from govdisclosure.corpus import Outcome


@pytest.fixture(scope="module")
def serial(corpus_dir: Path) -> list[Outcome]:
    return list(parse_reports([corpus_dir]))


@extra("pdf")
def test_one_outcome_per_source_in_path_order(
    serial: list[Outcome], corpus_dir: Path, corpus_names: tuple[str, ...]
) -> None:
    names = corpus_names
    assert [o.source for o in serial] == [str(corpus_dir / n) for n in names]
    assert [o.ok for o in serial] == [n != CORRUPT for n in names]


@extra("pdf")
def test_a_corrupt_file_costs_only_itself(serial: list[Outcome]) -> None:
    [failed] = [o for o in serial if isinstance(o, Failed)]
    assert failed.source.endswith(CORRUPT)
    assert failed.error == "ParseError" and not failed.internal
    assert failed.provenance.sha256 and failed.provenance.source_format == "pdf"
    assert len([o for o in serial if isinstance(o, Parsed)]) == len(serial) - 1


def test_provenance(serial: list[Outcome]) -> None:
    for outcome in serial:
        data = Path(outcome.source).read_bytes()
        assert outcome.provenance.sha256 == hashlib.sha256(data).hexdigest()
        assert outcome.provenance.size == len(data)
        assert outcome.provenance.parser_version == govdisclosure.__version__
    formats = {o.source.rsplit(".", 1)[1]: o.provenance.source_format for o in serial}
    assert formats == {"pdf": "pdf", "txt": "text", "html": "html"}


def test_outcomes_are_picklable(serial: list[Outcome]) -> None:
    assert pickle.loads(pickle.dumps(serial)) == serial


def test_a_process_pool_gives_the_same_outcomes(serial: list[Outcome], corpus_dir: Path) -> None:
    with ProcessPoolExecutor(2) as pool:
        assert list(parse_reports([corpus_dir], executor=pool, chunksize=2)) == serial


def test_a_dask_cluster_gives_the_same_outcomes(serial: list[Outcome], corpus_dir: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        outcomes = list(parse_reports([corpus_dir], executor=client.get_executor()))
    assert outcomes == serial
