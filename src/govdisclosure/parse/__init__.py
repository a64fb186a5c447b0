"""Parse published annual reports (HTML pages, plain text, PDF, Word) into typed reports.

:func:`parse_report` reads a report from ``str`` (the content), ``bytes`` or a
:class:`~pathlib.Path`, finds out what it is (HTML, plain text, PDF or Word ``.docx``; UTF-8,
GB18030, a BOM or a ``<meta charset>``), reads it into blocks and interprets them: format
version, year and agency; the narrative's sections and figures; tables 2, 3 and 4 (or a 2008-era
statistics table).
The :class:`ParseResult` carries diagnostics: where every cell came from, what was not recognised,
which cells were recovered from runs of digits and which could not be, and the consistency
findings of the parsed report. Inconsistencies of the source are kept and reported, never fixed.

>>> from govdisclosure.parse import parse_report
>>> text = '''淮安市人民政府2024年政府信息公开工作年度报告
... 四、政府信息公开行政复议、行政诉讼情况
... 72 64 178 37 351 13 4 8 1 26 12 1 1 6 20
... 五、存在的主要问题及改进情况
... 无。'''
>>> result = parse_report(text)
>>> result.report.reviews.reconsideration.total
351
>>> result.origin("$.reviews.reconsideration.total").describe()
'line 3, column 14'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govdisclosure.errors import ParseError
from govdisclosure.parse._blocks import Block, Origin, TableBlock, TableCell, TextBlock
from govdisclosure.parse._limits import DEFAULT_LIMITS, MAX_DIGIT_RUN, LimitExceeded, Limits
from govdisclosure.parse._pdf import read_pdf, table_continues
from govdisclosure.parse._recover import (
    RowRecovery,
    TooManyCandidates,
    recover_application_table,
    recover_review_cells,
    split_run,
)
from govdisclosure.parse._result import Diagnostic, DiagnosticKind, ParseResult, TableStatus

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path


__all__ = [
    "DEFAULT_LIMITS",
    "MAX_DIGIT_RUN",
    "Block",
    "Diagnostic",
    "DiagnosticKind",
    "LimitExceeded",
    "Limits",
    "Origin",
    "ParseResult",
    "RowRecovery",
    "TableBlock",
    "TableCell",
    "TableStatus",
    "TextBlock",
    "TooManyCandidates",
    "parse_report",
    "read_pdf",
    "recover_application_table",
    "recover_review_cells",
    "split_run",
    "table_continues",
]


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _read_pdf(data: bytes, limits: Limits) -> list[Block]:
    try:
        return list(read_pdf(data, limits=limits))
    except ImportError as exc:  # the pdf extra is not installed; the message says how to get it
        raise ParseError(str(exc)) from None


def _read_docx(data: bytes) -> list[Block]:
    from govdisclosure.parse._docx import read_docx

    try:
        return read_docx(data)
    except ImportError as exc:  # the docx extra is not installed; the message says how to get it
        raise ParseError(str(exc)) from None


def parse_report(
    source: str | bytes | Path,
    *,
    agency: str | None = None,
    year: int | None = None,
    url: str | None = None,
    narrative_hints: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> ParseResult:
    """Parse one published annual report.

    ``source`` is the report itself as ``str`` or ``bytes``, or a :class:`~pathlib.Path` to read.
    ``agency``, ``year`` and ``url`` are what the caller already knows (a crawled dataset often
    keeps the title in another field and the text starts at 本报告根据…): they are taken as given.
    Otherwise the agency and year come from the title (in the text, a crawl header, ``<title>``
    or a breadcrumb), failing that the year from the statistics period (统计期限为…) and the
    agency from the publisher or the sentence saying who compiled the report, each with a
    diagnostic saying so. With ``narrative_hints`` a sentence that names a cell of table 3
    (本年新收政府信息公开申请75件) may choose among the splits of a run of digits that fit the
    table's identities, reported as such; it never overrides a printed cell.
    ``limits`` bounds what one document may cost (:class:`Limits`: bytes, table cells, PDF
    pages, inflated bytes, seconds); past one, :class:`LimitExceeded` names it and how to raise
    it.
    Returns a :class:`ParseResult`; raises :class:`~govdisclosure.errors.ParseError` when nothing
    usable is found (no title naming agency and year, no narrative, no table) and never another
    exception type on bad input.

    >>> result = parse_report("<h1>某县人民政府2019年政府信息公开工作年度报告</h1>"
    ...                       "<p>一、总体情况</p><p>全年主动公开信息1000余条。</p>")
    >>> result.report.format_version.code, result.report.figures[0].quantity.qualifier.code
    ('2019', 'more-than')
    >>> parse_report(b"\\x00\\x01 random bytes")
    Traceback (most recent call last):
    ...
    govdisclosure.errors.ParseError: no title naming the agency and the year was found ...
    """
    import attrs

    from govdisclosure.parse._interpret import Hints
    from govdisclosure.parse._interpret import interpret as _interpret
    from govdisclosure.parse._source import load

    def interpret(blocks: Sequence[Block], hints: Hints) -> ParseResult:
        return _interpret(
            blocks,
            attrs.evolve(
                hints,
                agency=agency or hints.agency,
                year=year or hints.year,
                url=url or hints.url,
                narrative_hints=narrative_hints,
                notes=tuple(notes),
            ),
        )

    notes: list[tuple[str, str]] = []
    kind, content, _ = load(source, limits, notes)
    try:
        if kind == "pdf":
            assert isinstance(content, bytes)
            blocks = _read_pdf(content, limits)
            return interpret(blocks, Hints(source_format="pdf"))
        if kind == "docx":
            assert isinstance(content, bytes)
            return interpret(_read_docx(content), Hints(source_format="docx"))
        assert isinstance(content, str)
        if kind == "html":
            from govdisclosure.parse._html import read_html

            page = read_html(content, limits=limits)
            meta = page.meta
            if page.meta_error is not None:
                en = (
                    f'the page\'s <meta name="govdisclosure:report"> is unusable and was'
                    f" ignored ({page.meta_error}); everything is read from the page"
                )
                zh = (
                    '页面的<meta name="govdisclosure:report">元数据无法使用，已忽略，'
                    "全部内容改从页面读取"
                )
                notes.append((en, zh))
            return interpret(
                page.blocks,
                Hints(
                    title=page.title,
                    page_title=page.page_title,
                    meta=meta,
                    published_on=_text_or_none(meta.get("published_on")) if meta else None,
                    source_format="html",
                ),
            )
        from govdisclosure.parse._text import read_text

        text = read_text(content)
        header = text.header
        return interpret(
            text.blocks,
            Hints(
                title=header.get("标题"),
                published_on=header.get("发布时间") or header.get("发布日期"),
                url=header.get("原文链接"),
                publisher=header.get("发布机构"),
                source_format="text",
            ),
        )
    except ParseError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, RecursionError) as exc:
        # Untrusted input must never escape as another exception type; keep the cause chained.
        raise ParseError(
            f"the source could not be read: {type(exc).__name__}: {exc} / 无法读取该文件"
        ) from exc
