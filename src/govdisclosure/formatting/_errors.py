"""Errors raised by the formatting layer."""

from __future__ import annotations

from govdisclosure.errors import GovDisclosureError, ParseError

__all__ = ["FormattingError", "NumeralParseError"]


class FormattingError(GovDisclosureError, ValueError):
    """A value cannot be written in the form asked for (e.g. 人民币大写 of 1.005元).

    >>> issubclass(FormattingError, ValueError)
    True
    """


class NumeralParseError(FormattingError, ParseError):
    """Text is not a well-formed Chinese numeral.

    ``text`` is the text as given and ``reason`` says what is wrong with it.

    >>> err = NumeralParseError("十十", "a unit repeats")
    >>> print(err)
    '十十' is not a Chinese numeral: a unit repeats
    >>> isinstance(err, ValueError)
    True
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"{text!r} is not a Chinese numeral: {reason}")
