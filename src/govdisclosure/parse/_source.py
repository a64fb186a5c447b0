"""Reading a source: what it is (HTML, plain text, PDF, Word) and how its bytes are encoded."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Literal

from govdisclosure.errors import ParseError
from govdisclosure.parse._limits import DEFAULT_LIMITS, LimitExceeded, Limits

__all__ = ["SourceKind", "clean_text", "decode", "detect", "load"]

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


#: Declared charsets that are honoured (GB2312 and GBK read as their superset GB18030). Any
#: other name (``undefined``, ``rot13``, ``unicode_escape``...) is ignored, with a note.
_HONOURED = frozenset(
    {"utf-8", "utf8", "gb18030", "big5", "big5-hkscs", "ascii", "us-ascii", "latin-1",
     "latin1", "iso-8859-1", "iso-8859-15", "windows-1252", "cp1252", "shift_jis", "euc-jp",
     "euc-kr"}
)  # fmt: skip
_GB = frozenset({"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80"})
_SURROGATES = re.compile("[\ud800-\udfff]")


def decode(data: bytes, notes: list[tuple[str, str]] | None = None) -> str:
    """Bytes to text: a byte-order mark, else valid UTF-8, else a ``<meta charset>``, else
    GB18030.

    Bytes that are valid UTF-8 are UTF-8 whatever the page declares (a page saying latin-1 or
    utf-16 whose bytes are UTF-8 is common and never the other way round); a declared charset
    the bytes do not follow is not trusted either: pages that declare UTF-8 but are GBK (common
    on Chinese government sites) are decoded by what their bytes are. A declared name that is
    no text encoding (``undefined``) is ignored. Bytes that fit no encoding are replaced
    (U+FFFD) rather than raising. Each such decision is appended to ``notes`` as an
    (English, Chinese) pair when a list is given.

    >>> decode("总计".encode("gb18030")), decode(codecs.BOM_UTF8 + "总计".encode())
    ('总计', '总计')
    >>> decode('<meta charset="utf-8">总计'.encode("gbk"))
    '<meta charset="utf-8">总计'
    >>> notes = []
    >>> decode('<meta charset="latin-1">总计'.encode()), notes == []
    ('<meta charset="latin-1">总计', True)
    >>> decode(b"<meta charset=undefined>" + "总".encode("gbk"), notes), notes[0][0][:44]
    ('<meta charset=undefined>总', "the page declares charset 'undefined', which")
    """

    def note(en: str, zh: str) -> None:
        if notes is not None:
            notes.append((en, zh))

    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    declared = _META_CHARSET.search(data[:4096])
    name = declared.group(1).decode("ascii").lower() if declared is not None else None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if name is not None and name not in ("utf-8", "utf8") and not data.isascii():
            note(
                f"the page declares charset {name!r} but its bytes are valid UTF-8: read as UTF-8",
                f"页面声明的字符集为{name!r}，但其字节是有效的UTF-8：按UTF-8读取",
            )
        return text
    fallback = "utf-8"
    if name is not None:
        if name in _GB:
            name = "gb18030"
        if name in _HONOURED:
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                fallback = name  # what the page says, if its bytes fit nothing better
        else:
            note(
                f"the page declares charset {name!r}, which is not a text encoding; ignored",
                f"页面声明的字符集{name!r}不是可用的文本编码，已忽略",
            )
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    note(
        f"the bytes fit no encoding; read as {fallback} with the undecodable bytes replaced",
        f"字节不符合任何编码，按{fallback}读取，无法解码的字节已替换",
    )
    return data.decode(fallback, errors="replace")


def clean_text(text: str, notes: list[tuple[str, str]] | None = None) -> str:
    """Text with any lone surrogate (which no output can carry) replaced by U+FFFD, noted.

    >>> clean_text("a" + chr(0xD800) + "b")
    'a\ufffdb'
    """
    if text.isascii():
        return text
    try:
        # Surrogates are the only code points UTF-8 cannot encode: the C encoder finds out
        # several times faster than a regular expression scanning every character.
        text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return text
    count = len(_SURROGATES.findall(text))
    if notes is not None:
        notes.append(
            (
                f"the text holds {count} lone surrogate(s), replaced by U+FFFD",
                f"文本含{count}个孤立代理项，已替换为U+FFFD",
            )
        )
    return _SURROGATES.sub("\ufffd", text)


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


_FILE_NAME = re.compile(r"[^\n<>]{0,1000}\.(?:html?|txt|md|pdf|docx|xlsx|csv)", re.I)


def _not_a_file_name(source: str | bytes) -> None:
    """A ``str`` or ``bytes`` is content, never a file name; one that is only a file name
    (``"report.pdf"``) is refused with the fix, rather than parsed as a one-line report."""
    text = source if isinstance(source, str) else source[:1100].decode("utf-8", "replace")
    if len(text) <= 1000 and _FILE_NAME.fullmatch(text.strip()):
        raise ParseError(
            f"{text.strip()!r} looks like a file name, but str and bytes are read as the report"
            f" itself: pass pathlib.Path({text.strip()!r}) to read the file"
            f" / {text.strip()!r}像是文件名，而str和bytes会被当作报告内容：请传入pathlib.Path"
        )


def load(
    source: str | bytes | Path,
    limits: Limits = DEFAULT_LIMITS,
    notes: list[tuple[str, str]] | None = None,
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
        _not_a_file_name(source)
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
        data = decode(data, notes)
    else:
        data = clean_text(data, notes)
    return detect(data), data, name
