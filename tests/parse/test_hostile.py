"""Hostile and messy input to the parser: every bomb fails fast with a typed error (issue 15).

Each test here failed before the fix it guards: an allocation of gigabytes, a bare exception, or
a minute of digit-run cutting.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

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
    from govdisclosure.parse import TableBlock
    from govdisclosure.parse._html import read_html

    table = read_html(page, limits=Limits(max_cells=51)).blocks[-1]  # within the budget: read
    assert isinstance(table, TableBlock)
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


# --- crashes: counts, charsets, surrogates -------------------------------------------------------

REVIEWS = "四、政府信息公开行政复议、行政诉讼情况"


def _table4(cells: list[str]) -> str:
    row = "".join(f"<td>{c}</td>" for c in cells)
    return f"<h1>{TITLE}</h1><p>{REVIEWS}</p><table><tr><td>a</td>{row}</tr></table>"


@pytest.mark.parametrize("digits", [16, 20, 30, 31])
def test_a_cell_larger_than_any_count_is_blank_with_a_diagnostic(digits: int) -> None:
    from govdisclosure.model.base import MAX_COUNT
    from govdisclosure.parse import DiagnosticKind
    from govdisclosure.serialize import to_json

    huge = "9" * digits
    text = (
        f"{TITLE}\n{REVIEWS}\n"
        + " ".join(["1"] * 14 + [huge])
        + "\n五、存在的主要问题及改进情况\n无。"
    )
    result = parse_report(text)
    reviews = getattr(result.report, "reviews", None)
    assert reviews is not None
    cells = [c for c in _review_cells(reviews) if c is not None]
    assert all(c <= MAX_COUNT for c in cells)
    assert any(huge in d.message for d in result.of_kind(DiagnosticKind.INVALID_CELL)), (
        result.diagnostics
    )
    to_json(result.report)  # writable: no "Integer exceeds 64-bit range"


def _review_cells(reviews: Any) -> list[int | None]:
    import attrs

    out: list[int | None] = []
    for group in attrs.astuple(reviews, recurse=False):
        if attrs.has(type(group)):
            out.extend(v for v in attrs.astuple(group) if v is None or type(v) is int)
    return out


@pytest.mark.parametrize(
    ("declared", "body"),
    [
        (b"<meta charset=undefined>", "总计".encode()),
        (b"<meta charset=undefined>", "总计".encode("gbk")),
        (b'<meta charset="unicode_escape">', b"\\ud800 \\x41"),
        (b'<meta charset="rot13">', b"abc"),
    ],
)
def test_a_charset_that_is_no_text_encoding_is_ignored(declared: bytes, body: bytes) -> None:
    from govdisclosure.parse._source import decode

    notes: list[tuple[str, str]] = []
    text = decode(declared + b"<p>" + body + b"</p>", notes)
    assert "\ud800" not in text
    if b"\xe6" in body or b"\xd7" in body:
        assert "总计" in text


def test_undefined_charset_does_not_escape_parse_report() -> None:
    page = b"<meta charset=undefined><h1>" + TITLE.encode() + b"</h1><p>\xe4\xb8\x80</p>"
    result = parse_report(page)  # was a bare UnicodeError
    assert result.report.agency.name == "某县人民政府"
    assert any("undefined" in d.message for d in result.diagnostics)


@pytest.mark.parametrize("charset", [b"latin-1", b"iso-8859-1", b"utf-16", b"windows-1252"])
def test_valid_utf8_wins_over_a_declared_charset(charset: bytes) -> None:
    page = b'<meta charset="' + charset + b'"><h1>' + TITLE.encode() + b"</h1><p>\xe6\x97\xa0</p>"
    result = parse_report(page)
    assert result.report.agency.name == "某县人民政府"
    assert any("valid UTF-8" in d.message for d in result.diagnostics)


def test_a_declared_charset_is_still_used_for_what_it_fits() -> None:
    from govdisclosure.parse._source import decode

    assert decode(b'<meta charset="latin-1">caf\xe9') == '<meta charset="latin-1">café'
    notes: list[tuple[str, str]] = []
    # Bytes valid in no encoding at all: replaced, with a note.
    assert "\ufffd" in decode(b'<meta charset="ascii">\x81\x30\xff', notes)
    assert notes


def test_lone_surrogates_in_str_input_are_replaced_and_noted() -> None:
    from govdisclosure.serialize import to_json

    text = f"{TITLE}\n一、总体情况\n全\ud800年主动公开信息1000余条。\udfff"
    result = parse_report(text)
    assert any("surrogate" in d.message for d in result.diagnostics)
    assert b"\xef\xbf\xbd" in to_json(result.report)  # U+FFFD, and it can be written


# --- embedded metadata ---------------------------------------------------------------------------


def _with_meta(content: str) -> str:
    from html import escape

    return (
        f'<html><head><meta name="govdisclosure:report" content="{escape(content)}"></head>'
        f"<body><h1>{TITLE}</h1><p>一、总体情况</p><p>全年主动公开信息1000余条。</p></body></html>"
    )


def _deep_figure(levels: int) -> str:
    leaf = '{"label": "x", "quantity": {"value": 1, "unit": "条"}'
    return (leaf + ', "parts": [') * levels + leaf + "}" + "]}" * levels


@pytest.mark.parametrize(
    ("meta", "key"),
    [
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": 3}, "url"),
        ({"published_on": "20240301"}, "published_on"),
        ({"published_on": "2024-W09-5"}, "published_on"),
        ({"published_on": {"a": 1}}, "published_on"),
        ('{"figures": [' + _deep_figure(40) + "]}", "figures"),
        ('{"figures": [' + _deep_figure(250) + "]}", "figures"),
    ],
)
def test_a_malformed_metadata_field_is_noted_and_read_from_the_page(
    meta: dict[str, object] | str, key: str
) -> None:
    import json

    content = meta if isinstance(meta, str) else json.dumps(meta)
    result = parse_report(_with_meta(content))  # the page was lost
    assert result.report.agency.name == "某县人民政府"
    assert any(d.path == f"$.{key}" and "metadata" in d.message for d in result.diagnostics)
    assert result.report.figures  # from the page


def test_good_metadata_is_still_read() -> None:
    result = parse_report(_with_meta('{"url": "https://www.gov.cn/a.html"}'))
    assert result.report.url == "https://www.gov.cn/a.html"


@pytest.mark.parametrize(
    "content", ["{oops", "[" * 5000 + "]" * 5000, '"text"', '{"a": "\\ud800"}']
)
def test_unreadable_metadata_is_ignored_with_a_note(content: str) -> None:
    result = parse_report(_with_meta(content))
    assert result.report.agency.name == "某县人民政府"
    assert any("govdisclosure:report" in d.message for d in result.diagnostics)


# --- path or content -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["report.pdf", "a/b/年报.HTML", b"/tmp/x.docx", " 2024.txt\n"])
def test_a_file_name_given_as_content_is_refused_with_the_fix(name: str | bytes) -> None:
    with pytest.raises(ParseError, match=r"pass pathlib\.Path"):
        parse_report(name)


def test_content_is_never_taken_for_a_path(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(f"<h1>{TITLE}</h1><p>一、总体情况</p><p>无。</p>", encoding="utf-8")
    assert parse_report(page).report.year == 2024  # a Path is read
    with pytest.raises(ParseError, match="no title"):
        parse_report(str(page) + "\n一、总体情况")  # a str with more than a name is content
