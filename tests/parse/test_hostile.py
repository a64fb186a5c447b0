"""Hostile and messy input to the parser: every bomb fails fast with a typed error (issue 15).

Each test here failed before the fix it guards: an allocation of gigabytes, a bare exception, or
a minute of digit-run cutting.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from govdisclosure.errors import ParseError
from govdisclosure.model.layout import ApplicationRow, FormatVersion
from govdisclosure.parse import (
    MAX_DIGIT_RUN,
    LimitExceeded,
    Limits,
    parse_report,
    recover_application_table,
    recover_review_cells,
    split_run,
)
from govdisclosure.parse._pdf import read_pdf

TITLE = "某县人民政府2024年政府信息公开工作年度报告"


def flate_pdf(*streams: bytes) -> bytes:
    """A PDF whose pages draw the given content streams, each Flate-compressed."""
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(streams)))
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        f"<</Type/Pages/Kids[{kids}]/Count {len(streams)}>>".encode(),
    ]
    for i, content in enumerate(streams):
        packed = zlib.compress(content, 9)
        objects.append(
            f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents {4 + 2 * i} 0 R>>".encode()
        )
        objects.append(
            b"<</Length %d/Filter/FlateDecode>>stream\n%s\nendstream" % (len(packed), packed)
        )
    out = bytearray(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    out += b"trailer\n<</Root 1 0 R>>\n%%EOF\n"
    return bytes(out)


# --- memory and time bombs -----------------------------------------------------------------------


def test_huge_spans_fail_before_the_grid_is_built() -> None:
    # 150 kB of cells 9999 x 9999 took 2.8 GB and 15 s: now the budget stops it at once.
    row = "<tr>" + "<td rowspan=9999 colspan=9999>1</td>" * 200 + "</tr>"
    page = f"<h1>{TITLE}</h1><table>{row * 20}</table>"
    with pytest.raises(LimitExceeded) as caught:
        parse_report(page)
    assert caught.value.limit == "max_cells"
    assert caught.value.maximum == Limits().max_cells
    assert "limits=Limits(max_cells=...)" in str(caught.value)
    assert caught.value.diagnostic.origin is not None


def test_spans_are_capped_and_the_cell_budget_is_configurable() -> None:
    page = f"<h1>{TITLE}</h1><table><tr><td colspan=50>a</td><td>b</td></tr></table>"
    with pytest.raises(LimitExceeded, match="max_cells: 50 > 10"):
        parse_report(page, limits=Limits(max_cells=10))
    with pytest.raises(LimitExceeded, match="max_cells: 6 > 5"):
        parse_report(page, limits=Limits(max_cells=5, max_span=5))
    from govdisclosure.parse._html import read_html

    table = read_html(page, limits=Limits(max_cells=51)).blocks[0]  # within the budget: read
    assert table.shape == (1, 51)


def test_a_path_to_an_endless_file_reads_at_most_the_limit(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():  # pragma: no cover - every POSIX system has it
        pytest.skip("no /dev/zero")
    with pytest.raises(LimitExceeded, match="max_bytes: 1001 > 1000"):
        parse_report(Path("/dev/zero"), limits=Limits(max_bytes=1000))
    big = tmp_path / "big.html"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(LimitExceeded, match="max_bytes"):
        parse_report(big, limits=Limits(max_bytes=1999))
    with pytest.raises(LimitExceeded, match="max_bytes"):
        parse_report(b"x" * 2000, limits=Limits(max_bytes=1999))


def test_limits_are_validated() -> None:
    with pytest.raises(ParseError, match="max_seconds"):
        Limits(max_seconds=-1)
    with pytest.raises(ParseError, match="max_pages"):
        Limits(max_pages=True)


def test_a_pdf_inflating_past_the_limit_fails_before_pdfminer_inflates_it() -> None:
    pytest.importorskip("pdfplumber")
    bomb = flate_pdf(b"\0" * 3_000_000)  # 3 kB inflating to 3 MB
    assert len(bomb) < 10_000
    with pytest.raises(LimitExceeded, match="max_inflated_bytes") as caught:
        parse_report(bomb, limits=Limits(max_inflated_bytes=1_000_000))
    assert caught.value.value > 1_000_000
    # Within the limit it is read (and fails for what it is: a page without a title).
    with pytest.raises(ParseError) as read:
        parse_report(bomb)
    assert not isinstance(read.value, LimitExceeded)


def test_pdf_pages_and_time_are_bounded() -> None:
    pytest.importorskip("pdfplumber")
    pages = flate_pdf(b"BT ET", b"BT ET", b"BT ET")
    with pytest.raises(LimitExceeded, match="max_pages: 3 > 2"):
        read_pdf(pages, limits=Limits(max_pages=2))
    assert read_pdf(pages, limits=Limits(max_pages=3)) == []
    with pytest.raises(LimitExceeded, match="max_seconds") as caught:
        read_pdf(pages, limits=Limits(max_seconds=0))
    assert caught.value.diagnostic.path == "page 1"


def test_corrupt_and_foreign_streams_do_not_count_as_inflated() -> None:
    from govdisclosure.parse._pdf import _inflated_size

    assert _inflated_size(b"stream\nxyz-not-zlib\nendstream", 10) == 0
    assert _inflated_size(b"stream\nx\x9c\xff\xff\xff garbage\nendstream", 10) == 0
    assert _inflated_size(b"stream\n" + zlib.compress(b"a" * 50), 100) == 50  # no endstream


@pytest.mark.parametrize("length", [MAX_DIGIT_RUN + 1, 200, 5000])
def test_digit_run_functions_refuse_runs_past_the_bound(length: int) -> None:
    # 200 digits took 51 s; past 4,300 digits int() raised a bare ValueError.
    run = "1" * length
    for call in (
        lambda: split_run(run, 7),
        lambda: split_run(run, 7, total_last=False),
        lambda: recover_review_cells(run),
        lambda: recover_application_table(FormatVersion.NATIONAL_2021, {ApplicationRow.NEW: run}),
    ):
        with pytest.raises(LimitExceeded, match="max_digit_run") as caught:
            call()
        assert caught.value.value == length
        assert "Limits(" not in str(caught.value)  # a fixed bound: nothing to pass


def test_a_run_at_the_bound_is_still_cut() -> None:
    assert split_run("1" * MAX_DIGIT_RUN, MAX_DIGIT_RUN, total_last=False) == ((1,) * 64,)
    # No piece is larger than any count (MAX_COUNT = 2**53 - 1, 16 digits).
    run = "7" + "0" * (MAX_DIGIT_RUN - 2) + "7"
    assert split_run(run, 2, total_last=False) == ()
    assert split_run("1" + "0" * 20 + "1" + "0" * 20, 2) == ()
    with pytest.raises(ParseError, match=r"\.\.\."):  # a long non-digit run is shown shortened
        split_run("x" * 200, 7)
