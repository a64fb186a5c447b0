"""A report as a print-ready PDF, through a headless Chromium's print-to-PDF.

The PDF is the rendered HTML page (:func:`~govdisclosure.formatting.render`) printed on A4 with
the library's stylesheet: one table per page, header rows repeated. No Python dependency is
needed; the browser is found on ``PATH`` (``chromium``, ``chromium-browser``, ``google-chrome``)
or given as ``browser=``. On Debian and Ubuntu: ``apt-get install chromium fonts-noto-cjk``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from govdisclosure.errors import GovDisclosureError
from govdisclosure.formatting._locale import DEFAULT_LOCALE
from govdisclosure.formatting.render import render

if TYPE_CHECKING:
    from babel import Locale

    from govdisclosure.model.report import AnnualReport

__all__ = ["BrowserError", "find_browser", "render_pdf"]

_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# A closed network and no user profile: the browser must not reach out or keep state.
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-pdf-header-footer",
)


class BrowserError(GovDisclosureError, RuntimeError):
    """No headless browser could be found or run to print the report."""


def find_browser() -> str | None:
    """The path of a Chromium-family browser on ``PATH``, or ``None``."""
    for name in _BROWSERS:
        found = shutil.which(name)
        if found is not None:
            return found
    return None


def render_pdf(
    report: AnnualReport,
    path: str | Path,
    *,
    lang: str = "zh",
    locale: str | Locale = DEFAULT_LOCALE,
    browser: str | None = None,
    timeout: float = 60.0,
) -> Path:
    """Print a report to an A4 PDF at ``path`` (returned); the browser does the layout.

    Raises :class:`BrowserError` (bilingual) when no browser is found, it fails or it takes
    longer than ``timeout`` seconds.
    """
    executable = browser or find_browser()
    if executable is None:
        raise BrowserError(
            "no Chromium browser found to print the PDF (install chromium, or pass browser=)"
            " / 未找到用于生成PDF的Chromium浏览器（请安装chromium或传入browser参数）"
        )
    target = Path(path).resolve()
    page = render(report, "html", lang=lang, locale=locale)
    with tempfile.TemporaryDirectory(prefix="govdisclosure-pdf-") as work:
        source = Path(work) / "report.html"
        source.write_text(page, encoding="utf-8")
        command = [
            executable,
            *_FLAGS,
            f"--user-data-dir={Path(work) / 'profile'}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=True)
        except (OSError, subprocess.SubprocessError) as exc:
            raise BrowserError(
                f"the browser could not print the PDF: {exc} / 浏览器未能生成PDF：{exc}"
            ) from exc
    if not target.is_file() or target.read_bytes()[:5] != b"%PDF-":
        raise BrowserError(f"the browser wrote no PDF at {target} / 浏览器未在{target}生成PDF文件")
    return target
