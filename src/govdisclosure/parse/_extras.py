"""The readers' optional dependencies (the ``pdf`` and ``docx`` extras), imported when needed."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["require"]


def require(module: str, reading: tuple[str, str], package: str, extra: str) -> Any:
    """``module`` imported, or an :class:`ImportError` saying what needs it (``reading``, in
    English and Chinese) and how to install it (the package and the project's extra).

    >>> require("json", ("JSON", "JSON"), "json", "none").__name__
    'json'
    >>> require("no_such_module", ("PDF reports", "PDF报告"), "pdfplumber", "pdf")
    Traceback (most recent call last):
    ...
    ImportError: reading PDF reports needs pdfplumber: pip install 'govdisclosure[pdf]' / ...
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        hint = f"pip install 'govdisclosure[{extra}]'"
        raise ImportError(
            f"reading {reading[0]} needs {package}: {hint}"
            f" / 读取{reading[1]}需要安装{package}：{hint}"
        ) from exc
