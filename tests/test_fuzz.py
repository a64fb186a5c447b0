"""A bounded fuzz suite: random and mutated input to the readers raises only library errors.

Issue 15's acceptance: ``from_json``, ``from_json_zh`` and ``parse_report`` (HTML, text and PDF
bytes) fed random bytes and mutations of real documents either return or raise a
:class:`~govdisclosure.errors.GovDisclosureError`. Time is bounded by the parser's own limits
(``Limits(max_seconds=...)``), never by a wall-clock assertion, and the parser's memory is
checked through the process's peak resident size. Sized for CI: the whole file runs in well under
a minute on a loaded two-core machine.
"""

from __future__ import annotations

import contextlib
import resource
import sys
import zlib

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import corpus
from govdisclosure import examples
from govdisclosure.errors import GovDisclosureError
from govdisclosure.model import AnnualReport
from govdisclosure.parse import Limits, parse_report
from govdisclosure.serialize import from_json, from_json_zh, to_json, to_json_zh

#: Bounds that keep one example cheap; the defaults are tested in parse/test_hostile.py.
LIMITS = Limits(max_seconds=20, max_inflated_bytes=20_000_000, max_pages=20)
FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)

_REPORT = examples.load("huaian-city-2024")
_JSON = to_json(_REPORT)
_JSON_ZH = to_json_zh(_REPORT)
_HTML = corpus.path("shanghai-gov-office-2019.html").read_bytes()[:60_000]
_TEXT = corpus.SEED.read_bytes()[:30_000]


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """The seed with a few bytes replaced, ranges cut or repeated, and random bytes inserted."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert", "repeat"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        elif action == "insert":
            data[at:at] = draw(st.binary(max_size=40))
        else:
            piece = data[at : at + draw(st.integers(1, 60))]
            data[at:at] = piece * draw(st.integers(2, 50))
    return bytes(data)


def _tokens() -> st.SearchStrategy[bytes]:
    token = st.sampled_from(
        [b"{", b"}", b"[", b"]", b",", b":", b'"', b"null", b"1e999", b"-0", b"\\ud800",
         b'"schema_version":2', b'"type":"annual-report-2021"', b"99999999999999999999",
         b'"\\u0000"', b'"2024-02-30"', b'"00012"']
    )  # fmt: skip
    return st.lists(token, max_size=30).map(b"".join)


# --- JSON ----------------------------------------------------------------------------------------


@FUZZ
@given(st.one_of(st.binary(max_size=300), _tokens(), mutated(_JSON)))
@example(b'{"schema_version":2,"year":2024,"year":2025}')
@example(b"[" * 2000 + b"]" * 2000)
def test_from_json_raises_only_library_errors(data: bytes) -> None:
    with contextlib.suppress(GovDisclosureError):
        from_json(data, AnnualReport)


@FUZZ
@given(st.one_of(st.binary(max_size=300), mutated(_JSON_ZH)))
def test_from_json_zh_raises_only_library_errors(data: bytes) -> None:
    with contextlib.suppress(GovDisclosureError):
        from_json_zh(data, AnnualReport)


# --- the parser ----------------------------------------------------------------------------------


def _parse(data: bytes | str) -> None:
    try:
        result = parse_report(data, limits=LIMITS)
    except GovDisclosureError:
        return
    to_json(result.report)  # whatever was read can be written


@pytest.fixture(scope="module", autouse=True)
def memory_before() -> float:
    return _peak_mb()


@FUZZ
@given(st.one_of(mutated(_HTML), st.binary(max_size=500)))
@example(b"<table>" + b"<tr>" + b"<td rowspan=9999 colspan=9999>1</td>" * 400 + b"</tr>" * 10)
@example(b"<meta charset=undefined><p>\xff\xfe</p>")
def test_parse_report_on_html_raises_only_library_errors(data: bytes) -> None:
    _parse(data)


@FUZZ
@given(st.one_of(mutated(_TEXT), st.text(max_size=400)))
@example("某县人民政府2024年政府信息公开工作年度报告\n" + "1" * 5000)
@example("某县人民政府2024年政府信息公开工作年度报告\n四、行政复议\n" + "9" * 30)
def test_parse_report_on_text_raises_only_library_errors(data: bytes | str) -> None:
    _parse(data)


def _pdf(content: bytes) -> bytes:
    packed = zlib.compress(content)
    return (
        b"%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources"
        b"<</Font<</F1<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>>>endobj\n"
        b"4 0 obj<</Length %d/Filter/FlateDecode>>stream\n%s\nendstream endobj\n"
        b"trailer<</Root 1 0 R>>\n%%%%EOF" % (len(packed), packed)
    )


_PDF = _pdf(
    b"BT /F1 12 Tf 72 740 Td (Report 2024) Tj ET "
    b"72 700 300 -40 re 72 680 m 372 680 l 222 700 m 222 660 l S "
    b"BT /F1 10 Tf 80 686 Td (New) Tj 150 0 Td (21) Tj ET"
)


@settings(FUZZ, max_examples=30)
@given(mutated(_PDF))
@example(_pdf(b"\0" * 30_000_000))  # inflates past LIMITS.max_inflated_bytes
def test_parse_report_on_pdf_bytes_raises_only_library_errors(data: bytes) -> None:
    pytest.importorskip("pdfplumber")
    _parse(data)


def test_the_parser_stayed_within_its_memory(memory_before: float) -> None:
    # Runs after the parser fuzzing in this module (pytest keeps file order): the process's peak
    # grew by far less than 500 MB, bombs included.
    assert _peak_mb() - memory_before < 500
