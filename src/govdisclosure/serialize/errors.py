"""Turning cattrs' exception trees into :class:`~govdisclosure.errors.ValidationError`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from govdisclosure.errors import ErrorDetail, ValidationError
from govdisclosure.model.base import InvalidValue

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["to_validation_error"]


def to_validation_error(exc: BaseException, root: str = "$") -> ValidationError:
    """Every leaf problem of ``exc`` as an :class:`ErrorDetail` with its JSON path."""
    return ValidationError(_walk(exc, root))


def _walk(exc: BaseException, path: str) -> Iterator[ErrorDetail]:
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from _walk(sub, f"{path}.{note.name}")
        for sub in without:
            yield from _walk(sub, path)
    elif isinstance(exc, IterableValidationError):
        with_index, without = exc.group_exceptions()
        for sub, inote in with_index:
            yield from _walk(sub, f"{path}[{inote.index}]")
        for sub in without:
            yield from _walk(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield ErrorDetail(
                f"{path}.{key}",
                f"unknown key {key!r} for {exc.cl.__name__}",
                f"{exc.cl.__name__}不接受键{key!r}",
            )
    elif isinstance(exc, InvalidValue):
        where = f"{path}.{exc.field_name}" if exc.field_name else path
        yield ErrorDetail(where, exc.message, exc.message_zh)
    elif isinstance(exc, ValueError | TypeError) and _attribute_name(exc):
        # attrs' own validators (e.g. attrs.validators.ge in a user's subclass) raise with the
        # attrs.Attribute as the second argument: report at the field, not at its object.
        yield ErrorDetail(
            f"{path}.{_attribute_name(exc)}", str(exc.args[0]), f"字段校验失败：{exc.args[0]}"
        )
    elif isinstance(exc, KeyError):
        # cattrs reports a missing required key as a KeyError under the attribute's note.
        yield ErrorDetail(path, "required field is missing", "缺少必填字段")
    elif isinstance(exc, BaseExceptionGroup):  # pragma: no cover - defensive
        for member in exc.exceptions:
            yield from _walk(member, path)
    else:
        yield ErrorDetail(path, f"invalid value: {exc}", f"无效的值：{exc}")


# attrs' comparison and length validators (ge, lt, min_len…) carry only a message, which names
# the field in this fixed form.
_ATTRS_MESSAGE = re.compile(r"^(?:Length of )?'([A-Za-z_]\w*)' must ")


def _attribute_name(exc: BaseException) -> str | None:
    if len(exc.args) >= 2 and isinstance(exc.args[1], attrs.Attribute):
        name: str = exc.args[1].name
        return name
    if len(exc.args) == 1 and isinstance(exc.args[0], str):
        match = _ATTRS_MESSAGE.match(exc.args[0])
        if match:
            return match.group(1)
    return None
