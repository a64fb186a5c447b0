"""Documents of earlier schema versions: :func:`upgrade` rewrites them as the current one.

The readers (:func:`~govdisclosure.serialize.from_dict`,
:func:`~govdisclosure.serialize.from_json` and their Chinese-key forms) call it for every version
in :data:`~govdisclosure.serialize.READABLE_VERSIONS`, so an old document is read, and written
back in the current version; :func:`upgrade` is public for tools that keep documents and want to
rewrite them without building models.

**Version 1 to 2**: only the spelling of enum codes changed.
Version 2 writes every code in kebab-case; version 1 wrote five applicant kinds and two review
groups in snake_case:

======================================  ======================================
version 1                               version 2
======================================  ======================================
``natural_person``                      ``natural-person``
``commercial_enterprise``               ``commercial-enterprise``
``research_institution``                ``research-institution``
``social_welfare_organisation``         ``social-welfare-organisation``
``legal_service_institution``           ``legal-service-institution``
``litigation_direct``                   ``litigation-direct``
``litigation_after_reconsideration``    ``litigation-after-reconsideration``
======================================  ======================================

Keys did not change (they are field names, snake_case in both versions). The rewrite follows the
model's types, so only values of those enum types change, never a free text that happens to read
``natural_person``. Each enum lists its old codes itself
(:meth:`~govdisclosure.model.base.LabelledEnum.legacy_codes`).

>>> from govdisclosure.model import Applicant
>>> old = {"schema_version": 1, "type": "applicant", "kind": "natural_person",
...        "name": "natural_person"}
>>> upgrade(old, Applicant)
{'schema_version': 2, 'type': 'applicant', 'kind': 'natural-person', 'name': 'natural_person'}

Anything else is returned as it is (a current document, an unknown version, a value of the wrong
shape): the reader then reports what is wrong, at the same paths, since an upgrade never moves a
value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govdisclosure.serialize import registry
from govdisclosure.serialize.json import READABLE_VERSIONS, SCHEMA_VERSION, VERSION_KEY
from govdisclosure.serialize.schema import Node, plan, top_node

if TYPE_CHECKING:
    from govdisclosure.model.base import LabelledEnum

__all__ = ["READABLE_VERSIONS", "upgrade"]

# Deeper than any model nests (the model layer bounds section nesting well below this); a hostile
# document deeper than this keeps its depths as they are, for the reader to refuse.
_MAX_DEPTH = 200


def upgrade(data: Any, cls: type) -> Any:
    """A JSON-ready document of ``cls`` (English keys) rewritten as the current version writes it.

    A document already of :data:`~govdisclosure.serialize.SCHEMA_VERSION`, of a version this
    library cannot read, or not a JSON object at all is returned unchanged.
    """
    if type(data) is not dict:
        return data
    version = data.get(VERSION_KEY)
    if type(version) is not int or version == SCHEMA_VERSION or version not in READABLE_VERSIONS:
        return data
    body = {k: v for k, v in data.items() if k != VERSION_KEY}
    return {VERSION_KEY: SCHEMA_VERSION, **_walk(body, top_node(cls), 0)}


def _walk(value: Any, node: Node, depth: int) -> Any:
    if depth > _MAX_DEPTH:
        return value
    kind = node[0]
    if kind == "opt":
        return None if value is None else _walk(value, node[1], depth)
    if kind == "tuple":
        if type(value) is not list:
            return value
        return [_walk(item, node[1], depth + 1) for item in value]
    if kind == "enum":
        enum: type[LabelledEnum] = node[1]
        if type(value) is str:
            member = enum.legacy_codes().get(value)
            if member is not None:
                return member.code
        return value
    if kind in ("model", "union"):
        if type(value) is not dict:
            return value
        cls = node[1]
        if kind == "union":
            tag = value.get(registry.TAG_KEY)
            cls = registry.registered_tags(cls).get(tag) if type(tag) is str else None
            if cls is None:
                return value
        fields = {f.name: f.node for f in plan(cls).fields}
        return {
            key: _walk(item, fields[key], depth + 1) if key in fields else item
            for key, item in value.items()
        }
    return value
