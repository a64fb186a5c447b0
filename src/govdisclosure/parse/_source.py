"""Reading a source: what it is (HTML, plain text, PDF, Word) and how its bytes are encoded."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Literal

from govdisclosure.errors import ParseError
from govdisclosure.parse._limits import DEFAULT_LIMITS, LimitExceeded, Limits

__all__ = ["SourceKind", "decode", "detect", "load"]

SourceKind = Literal["html", "text", "pdf", "docx"]

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{1,20})""", re.I
)
_HTML_MARKERS = re.compile(
    r"<(?:!doctype\s+html|html|head|body|table|p|div|br|meta|td|tr|span|h[1-6])[\s>/]", re.I
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> str:
    """Bytes to text: a byte-order mark, else a ``<meta charset>``, else UTF-8, else GB18030.

    A declared charset the bytes do not follow is not trusted: pages that declare UTF-8 but are
    GBK (common on Chinese government sites) are decoded by what their bytes are. Bytes that fit
    no encoding are replaced (U+FFFD) rather than raising.

    >>> decode("总计".encode("gb18030")), decode(codecs.BOM_UTF8 + "总计".encode())
    ('总计', '总计')
    >>> decode('<meta charset="utf-8">总计'.encode("gbk"))
    '<meta charset="utf-8">总计'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    fallback = "utf-8"
    declared = _META_CHARSET.search(data[:4096])
    if declared is not None:
        name = declared.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "gb18030", "x-gbk"):
            name = "gb18030"
        try:
            return data.decode(name)
        except LookupError:
            pass
        except UnicodeDecodeError:
            fallback = name  # what the page says, if its bytes fit nothing better
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return data.decode(fallback, errors="replace")


def detect(text: str) -> SourceKind:
    """``"html"`` when the text looks like markup (a known tag near the start), else ``"text"``.

    >>> detect("<p>一、总体情况</p>"), detect("一、总体情况")
    ('html', 'text')
    """
    head = text[:8192]
    return "html" if _HTML_MARKERS.search(head) else "text"


def _read(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a file: enough to know it is too long, never more
    (``/dev/zero`` or a FIFO has no size to check first)."""
    try:
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except OSError as exc:
        raise ParseError(f"cannot read {path}: {exc.strerror} / 无法读取文件{path}") from None


def load(
    source: str | bytes | Path, limits: Limits = DEFAULT_LIMITS
) -> tuple[SourceKind, str | bytes, str | None]:
    """The kind of a source and its content (text, or the bytes of a PDF or .docx), and its name.

    A ``str`` is the content itself, never a file name: pass a :class:`~pathlib.Path` to read a
    file.

    A zip archive holding ``word/document.xml`` is a Word document (``"docx"``). More than
    ``limits.max_bytes`` bytes (characters for a ``str``) raise
    :class:`~govdisclosure.parse.LimitExceeded`; a file is never read further than that.

    >>> load(b"%PDF-1.7 ...")[0], load("<html><body>x</body></html>")[0]
    ('pdf', 'html')
    """
    name: str | None = None
    if isinstance(source, Path):
        name = source.name
        data: str | bytes = _read(source, limits.max_bytes)
    elif isinstance(source, str | bytes):
        data = source
    else:
        raise ParseError(
            f"expected str, bytes or pathlib.Path, got {type(source).__name__}"
            f" / 应为str、bytes或pathlib.Path，实际为{type(source).__name__}"
        )
    if len(data) > limits.max_bytes:
        # For a file, len(data) is max_bytes + 1: the reading stopped there.
        raise LimitExceeded("max_bytes", len(data), limits.max_bytes)
    if isinstance(data, bytes):
        if data.lstrip()[:5] == b"%PDF-":
            return "pdf", data, name
        if data[:4] == b"PK\x03\x04":
            from govdisclosure.parse._docx import is_docx

            if is_docx(data):
                return "docx", data, name
        data = decode(data)
    return detect(data), data, name
