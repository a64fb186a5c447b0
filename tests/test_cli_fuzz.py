"""The command line's contract under random input (issue 15): whatever the files and options,
an exit status with a message, never an escaping exception or a traceback (without --debug).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure.cli import main

if TYPE_CHECKING:
    import pytest

REPORTS = Path(__file__).parent / "data" / "reports"
SEED = (REPORTS / "pingtan-zone-2022.txt").read_bytes()[:6000]

COMMANDS = ("show", "render", "check", "parse", "export", "tabulate", "deadline", "schema")
SUFFIXES = (".txt", ".html", ".pdf", ".json", ".csv", ".xlsx", ".md", "")
OPTIONS = (
    "--format",
    "json",
    "text",
    "csv",
    "xlsx",
    "html",
    "--lang",
    "en",
    "--locale",
    "xx",
    "--requests",
    "--include-personal",
    "--estimate",
    "--year",
    "2024",
    "-j",
    "0",
    "--strict",
    "--all",
    "2030-02-30",
    "2026-12-31",
    "-",
)


def _mutated(data: st.DataObject) -> bytes:
    """Random bytes, or a real report with a few bytes changed or cut."""
    if data.draw(st.booleans()):
        return data.draw(st.binary(max_size=300))
    seed = bytearray(SEED[: data.draw(st.integers(0, len(SEED)))])
    for _ in range(data.draw(st.integers(0, 8))):
        if seed:
            seed[data.draw(st.integers(0, len(seed) - 1))] = data.draw(st.integers(0, 255))
    return bytes(seed)


# capsys and monkeypatch span the examples on purpose: each example reads its own output.
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_files_and_options_get_a_status_and_a_message(
    data: st.DataObject, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GOVDISCLOSURE_DEBUG", raising=False)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"input{data.draw(st.sampled_from(SUFFIXES))}"
        source.write_bytes(_mutated(data))
        output = Path(folder) / f"out{data.draw(st.sampled_from(SUFFIXES))}"
        argv = [data.draw(st.sampled_from(COMMANDS))]
        argv += data.draw(st.lists(st.sampled_from((*OPTIONS, str(source))), max_size=5))
        if data.draw(st.booleans()):
            argv += ["-o", str(output)]
        try:
            status = main(argv)
        except SystemExit as exit_:  # argparse: --help, --version, a usage error
            status = exit_.code if isinstance(exit_.code, int) else 2
        err = capsys.readouterr().err
        assert status in (0, 1, 2, 3, 130)
        assert "Traceback" not in err
        if status in (2, 3):
            assert err.strip(), argv
