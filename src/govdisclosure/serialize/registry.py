"""Stable tags for polymorphic models, and the registration of subclasses.

Where a field may hold a subclass (an event, a report of some format version, an agency with local
fields, a publication-register entry with an agency's own columns), the JSON object carries a
``"type"`` key with the class's *tag*: an explicit, stable string, never the Python class name.
Other projects register their own subclasses here.

>>> from govdisclosure.model import ProactiveItem
>>> tag_of(ProactiveItem)
'proactive-item'
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import TYPE_CHECKING

from govdisclosure import model as m
from govdisclosure.errors import RegistrationError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["TAG_KEY", "on_change", "register", "registered_tags", "snapshot", "tag_of"]

TAG_KEY = "type"
"""The JSON key that carries a polymorphic object's tag."""

_TAG_SHAPE = re.compile(r"^[a-z0-9][a-z0-9._:-]{0,63}$")

_BUILTIN: dict[type, str] = {
    m.Agency: "agency",
    m.Applicant: "applicant",
    m.DisclosureChannel: "channel",
    m.DisclosureRequest: "request",
    m.Reconsideration: "reconsideration",
    m.Litigation: "litigation",
    m.CorrectionRequested: "correction-requested",
    m.CorrectionReceived: "correction-received",
    m.ConsultationStarted: "consultation-started",
    m.ConsultationAnswered: "consultation-answered",
    m.Extended: "extended",
    m.ReasonablePeriodSet: "reasonable-period-set",
    m.FeeNoticeIssued: "fee-notice-issued",
    m.FeePaid: "fee-paid",
    m.Transferred: "transferred",
    m.Withdrawn: "withdrawn",
    m.Replied: "replied",
    m.AnnualReport2008: "annual-report-2008",
    m.AnnualReport2019: "annual-report-2019",
    m.AnnualReport2021: "annual-report-2021",
    m.PublicationReview: "publication-review",
    m.ProactiveItem: "proactive-item",
    m.ProactiveRegister: "proactive-register",
}

# Abstract bases: never serialized themselves, but fields typed with them are polymorphic.
_ABSTRACT: frozenset[type] = frozenset({m.RequestEvent, m.AnnualReport})

# Concrete built-in events and reports are leaves; their bases are the extension points.
_LEAVES = frozenset(c.__name__ for c in _BUILTIN if issubclass(c, (m.RequestEvent, m.AnnualReport)))
_POLYMORPHIC_ROOTS = (*_BUILTIN, *_ABSTRACT)

_tags: dict[type, str] = dict(_BUILTIN)
_classes: dict[str, type] = {tag: cls for cls, tag in _BUILTIN.items()}
_listeners: list[Callable[[], None]] = []


def register(cls: type, tag: str) -> type:
    """Register an attrs subclass of a model under a stable tag, so it serializes as itself.

    Returns the class, so it can be used as a decorator factory's result. Registering the same
    class under the same tag again is a no-op; a tag or class already taken raises
    :class:`~govdisclosure.errors.RegistrationError`.

    >>> import attrs
    >>> from govdisclosure.model import Agency
    >>> @attrs.frozen(kw_only=True)
    ... class CountyAgency(Agency):
    ...     township_count: int = 0
    >>> _ = register(CountyAgency, "example.county-agency")
    >>> tag_of(CountyAgency)
    'example.county-agency'
    """
    # An undecorated subclass inherits __attrs_attrs__: its own fields would be silently dropped.
    if not (isinstance(cls, type) and "__attrs_attrs__" in vars(cls)):
        raise RegistrationError(f"{cls!r} is not an attrs class (decorate it with @attrs.frozen)")
    if cls in _ABSTRACT:
        raise RegistrationError(f"{cls.__qualname__} is abstract: register its subclasses")
    if not any(issubclass(cls, base) for base in (*_BUILTIN, *_ABSTRACT)):
        extensible = ", ".join(sorted({b.__name__ for b in (*_BUILTIN, *_ABSTRACT)} - _LEAVES))
        raise RegistrationError(
            f"{cls.__qualname__} does not subclass an extensible model; those are: {extensible}"
        )
    if not isinstance(tag, str) or not _TAG_SHAPE.fullmatch(tag):
        raise RegistrationError(
            f"tag {tag!r} must be 1-64 lower-case letters, digits or . _ : - "
            "(use a prefix of your own, e.g. 'sichuan.agency')"
        )
    if _tags.get(cls) == tag:
        return cls
    if cls in _tags:
        raise RegistrationError(f"{cls.__qualname__} is already registered as {_tags[cls]!r}")
    if tag in _classes:
        raise RegistrationError(f"tag {tag!r} is already used by {_classes[tag].__qualname__}")
    _tags[cls] = tag
    _classes[tag] = cls
    for listener in _listeners:
        listener()
    return cls


def tag_of(cls: type) -> str:
    """The tag a class serializes with.

    >>> from govdisclosure.model import Replied
    >>> tag_of(Replied)
    'replied'
    """
    try:
        return _tags[cls]
    except KeyError:
        raise RegistrationError(
            f"{cls.__qualname__} is not registered: call govdisclosure.register({cls.__name__},"
            " 'your-prefix.tag') so that it serializes with a stable tag"
        ) from None


def registered_tags(base: type) -> dict[str, type]:
    """Every registered tag whose class is ``base`` or one of its subclasses."""
    return {tag: cls for tag, cls in _classes.items() if issubclass(cls, base)}


def is_polymorphic(cls: object) -> bool:
    """True for models that carry a tag: registered ones, abstract bases, and their subclasses.

    Unregistered subclasses count too, so that serializing one fails loudly (no tag) instead of
    being written silently as its base.
    """
    return isinstance(cls, type) and issubclass(cls, _POLYMORPHIC_ROOTS)


def on_change(listener: Callable[[], None]) -> None:
    """Call ``listener`` whenever a registration changes (converters rebuild their hooks)."""
    _listeners.append(listener)


@contextmanager
def snapshot() -> Iterator[None]:
    """Undo, on leaving the block, every registration made inside it (for tests of extensions).

    >>> import attrs
    >>> from govdisclosure.model import Agency
    >>> @attrs.frozen(kw_only=True)
    ... class TownAgency(Agency):
    ...     villages: int = 0
    >>> with snapshot():
    ...     _ = register(TownAgency, "example.town-agency")
    ...     "example.town-agency" in registered_tags(Agency)
    True
    >>> "example.town-agency" in registered_tags(Agency)
    False
    """
    tags, classes = dict(_tags), dict(_classes)
    try:
        yield
    finally:
        if _tags != tags or _classes != classes:
            _tags.clear()
            _tags.update(tags)
            _classes.clear()
            _classes.update(classes)
            for listener in _listeners:
                listener()
