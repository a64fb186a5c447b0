"""Rendered reports in a real browser: the table geometry as Chromium lays it out, and the PDF.

Skipped where no Chromium is installed; CI installs Debian's ``chromium`` and CJK fonts. The
geometry is read from the browser's layout (``getBoundingClientRect``), not from the HTML text:
a script added to the rendered page writes it into the DOM, which ``--dump-dom`` returns.
"""

from __future__ import annotations

import json
import subprocess
from typing import TYPE_CHECKING, Any

import pytest

from govdisclosure import examples
from govdisclosure.formatting import find_browser, render, render_pdf

if TYPE_CHECKING:
    from pathlib import Path

BROWSER = find_browser()
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium browser installed")

NAMES = ("huaian-city-2024", "shanghai-gov-office-2019", "sichuan-hrss-2013")

_GEOMETRY = """
<pre id="gd-geometry"></pre>
<script>
const out = {};
for (const table of document.querySelectorAll("table.gd-table")) {
  const box = table.getBoundingClientRect();
  const rows = [];
  for (const tr of table.querySelectorAll("tr")) {
    rows.push([...tr.children].map((cell) => {
      const r = cell.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(cell);
      const text = range.getBoundingClientRect();
      const lines = new Set([...range.getClientRects()].map((x) => Math.round(x.top))).size;
      const style = getComputedStyle(cell);
      return {
        tag: cell.tagName, cls: cell.className, head: cell.closest("thead") !== null,
        text: cell.textContent, left: r.left, right: r.right,
        textLeft: text.left, textRight: text.right, lines: lines,
        pad: parseFloat(style.paddingRight) + parseFloat(style.borderRightWidth),
      };
    }));
  }
  out[table.className] = {left: box.left, right: box.right, rows: rows};
}
out.page = document.documentElement.scrollWidth;
out.view = document.documentElement.clientWidth;
document.getElementById("gd-geometry").textContent = JSON.stringify(out);
</script>
"""


def _flags(profile: Path) -> list[str]:
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=1000,2000",
        f"--user-data-dir={profile}",
    ]


def _layout(name: str, tmp_path: Path) -> dict[str, Any]:
    page = render(examples.load(name), "html").replace("</body>", _GEOMETRY + "</body>")
    source = tmp_path / f"{name}.html"
    source.write_text(page, encoding="utf-8")
    assert BROWSER is not None
    flags = _flags(tmp_path / "profile")
    dom = subprocess.run(
        [BROWSER, *flags, "--dump-dom", source.as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    start = dom.index('<pre id="gd-geometry">') + len('<pre id="gd-geometry">')
    geometry: dict[str, Any] = json.loads(dom[start : dom.index("</pre>", start)])
    shot = tmp_path / f"{name}.png"
    subprocess.run(
        [BROWSER, *flags, f"--screenshot={shot}", source.as_uri()],
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert shot.stat().st_size > 10_000  # a page was drawn
    return geometry


def _body_cells(table: dict[str, Any]) -> list[list[dict[str, Any]]]:
    return [
        [c for c in row if c["tag"] == "TD"] for row in table["rows"] if row and not row[0]["head"]
    ]


def _assert_numbers_right_aligned(table: dict[str, Any]) -> None:
    for row in _body_cells(table):
        for cell in row:
            if cell["text"]:
                inner_right = cell["right"] - cell["pad"]
                assert abs(inner_right - cell["textRight"]) <= 2, cell
                assert cell["textLeft"] > cell["left"] + 2, cell


def _assert_headers_unbroken(table: dict[str, Any]) -> None:
    for row in table["rows"]:
        for cell in row:
            if cell["head"] and "gd-note" not in cell["cls"] and len(cell["text"]) <= 8:
                assert cell["lines"] == 1, cell


@pytest.mark.parametrize("name", NAMES)
def test_rendered_tables_as_the_browser_lays_them_out(name: str, tmp_path: Path) -> None:
    geometry = _layout(name, tmp_path)
    assert geometry["page"] <= geometry["view"]  # nothing runs off the page
    tables = {k: v for k, v in geometry.items() if k.startswith("gd-table")}
    if name == "sichuan-hrss-2013":
        assert tables == {}  # a 2008-era report without a statistics table
        return
    table3 = tables["gd-table gd-table-3"]
    rows = _body_cells(table3)
    assert len(rows) == (25 if name == "huaian-city-2024" else 23)
    # Every row of table 3 has the same grid columns: seven cells, each under its column.
    assert {len(row) for row in rows} == {7}
    for column in range(7):
        lefts = {round(row[column]["left"]) for row in rows}
        rights = {round(row[column]["right"]) for row in rows}
        assert max(lefts) - min(lefts) <= 1, (column, lefts)
        assert max(rights) - min(rights) <= 1, (column, rights)
    assert all(abs(row[-1]["right"] - table3["right"]) <= 2 for row in rows)
    for table in tables.values():
        _assert_numbers_right_aligned(table)
        _assert_headers_unbroken(table)
    # Table 4: fifteen cells, each under its own column header.
    table4 = tables["gd-table gd-table-4"]
    [cells] = _body_cells(table4)
    # Under 行政复议 the five columns are in the second header row; under 行政诉讼, the third.
    header_lefts = [round(c["left"]) for c in table4["rows"][1][:5]] + [
        round(c["left"]) for c in table4["rows"][2]
    ]
    assert len(cells) == 15
    assert [round(c["left"]) for c in cells] == pytest.approx(header_lefts, abs=1)


def test_a_report_prints_to_pdf(tmp_path: Path) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    out = render_pdf(examples.load("huaian-city-2024"), tmp_path / "huaian.pdf")
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 4  # narrative, then one page per table
        width, height = pdf.pages[0].width, pdf.pages[0].height
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "本年新收政府信息公开申请数量" in text
    assert "3119" in text
