"""The parser's resource limits: what one untrusted document may cost in bytes, cells, pages, time.

Reports come from crawled pages and PDFs nobody vetted. A page of 150 kB whose cells carry huge
``rowspan``/``colspan`` values, a PDF of 3 MB whose streams inflate to gigabytes, a path to
``/dev/zero``: each would take the machine's memory or minutes of time. :class:`Limits` bounds
what :func:`~govdisclosure.parse.parse_report` spends on one document; past a limit it raises
:class:`LimitExceeded` (a :class:`~govdisclosure.errors.ParseError`) before allocating, naming
the limit and how to raise it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.errors import ParseError
from govdisclosure.parse._result import Diagnostic, DiagnosticKind

if TYPE_CHECKING:
    from govdisclosure.parse._blocks import Origin

__all__ = ["DEFAULT_LIMITS", "MAX_DIGIT_RUN", "Deadline", "LimitExceeded", "Limits"]

#: The longest digit run :func:`~govdisclosure.parse.split_run` and the table recoveries cut.
#: Real rows are far shorter (table 4's fifteen cells of a large city are about 40 digits); the
#: number of ways to cut a run grows fast with its length, and ``int`` refuses 4,300 digits.
MAX_DIGIT_RUN = 64


def _positive(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
        raise ParseError(
            f"Limits.{attribute.name} must be a non-negative number, got {value!r}"
            f" / Limits.{attribute.name}应为非负数，实际为{value!r}"
        )


@attrs.frozen(kw_only=True)
class Limits:
    """What parsing one document may cost; pass ``parse_report(..., limits=Limits(...))``.

    The defaults are far above any real report (the largest published reports are a few MB,
    a hundred pages and tables of a few hundred cells) and far below what hurts a machine.

    >>> Limits().max_bytes
    50000000
    >>> Limits(max_pages=1000).max_pages
    1000
    >>> Limits(max_pages=-1)
    Traceback (most recent call last):
    ...
    govdisclosure.errors.ParseError: Limits.max_pages must be a non-negative number, got -1 ...
    """

    max_bytes: int = attrs.field(default=50_000_000, validator=_positive)
    """The most bytes read from a file or given as ``bytes`` (characters for a ``str``)."""
    max_span: int = attrs.field(default=100, validator=_positive)
    """The largest ``rowspan``/``colspan`` of an HTML cell; larger values count as this."""
    max_cells: int = attrs.field(default=100_000, validator=_positive)
    """The most grid positions one table may cover (each cell counts rows x columns spanned)."""
    max_pages: int = attrs.field(default=500, validator=_positive)
    """The most pages of a PDF that are read."""
    max_inflated_bytes: int = attrs.field(default=200_000_000, validator=_positive)
    """The most bytes the compressed (Flate) streams of a PDF may inflate to, in all."""
    max_seconds: float = attrs.field(default=120.0, validator=_positive)
    """The most seconds spent reading one PDF (checked between pages)."""


#: The limits ``parse_report`` applies when given none.
DEFAULT_LIMITS = Limits()


class LimitExceeded(ParseError):
    """A document exceeds one of the parser's :class:`Limits`; nothing of it is returned.

    ``limit`` names the limit (a field of :class:`Limits`, or ``max_digit_run`` for
    ``MAX_DIGIT_RUN``, which is fixed), ``value`` is what the document
    needed (at least), ``maximum`` the limit in force; ``diagnostic`` says the same as a
    :class:`~govdisclosure.parse.Diagnostic` with where it was found.

    >>> err = LimitExceeded("max_pages", 900, 500)
    >>> print(err.diagnostic.message_zh)
    文档超出限制max_pages：900 > 500；如需读取，请传入 limits=Limits(max_pages=...)
    >>> err.limit, err.diagnostic.kind.code
    ('max_pages', 'unrecognised')
    """

    def __init__(
        self,
        limit: str,
        value: int | float,
        maximum: int | float,
        *,
        path: str | None = None,
        origin: Origin | None = None,
        fixed: bool = False,
    ) -> None:
        self.limit = limit
        self.value = value
        self.maximum = maximum
        if fixed:  # a bound of the algorithm, not of the document: nothing to raise
            message = f"the input exceeds {limit}: {value} > {maximum}"
            message_zh = f"输入超出限制{limit}：{value} > {maximum}"
        else:
            message = (
                f"the document exceeds {limit}: {value} > {maximum}; to read it, pass"
                f" parse_report(..., limits=Limits({limit}=...))"
            )
            message_zh = (
                f"文档超出限制{limit}：{value} > {maximum}；"
                f"如需读取，请传入 limits=Limits({limit}=...)"
            )
        self.diagnostic = Diagnostic(
            kind=DiagnosticKind.UNRECOGNISED,
            message=message,
            message_zh=message_zh,
            path=path,
            origin=origin,
        )
        super().__init__(f"{message} / {message_zh}")


class Deadline:
    """The time budget of one document (``Limits.max_seconds``), checked at safe points."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.start = time.monotonic()

    def check(self, where: str | None = None) -> None:
        """Raise :class:`LimitExceeded` once the budget is spent."""
        spent = time.monotonic() - self.start
        if spent > self.limits.max_seconds:
            raise LimitExceeded("max_seconds", round(spent, 1), self.limits.max_seconds, path=where)
