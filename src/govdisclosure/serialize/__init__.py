"""Serialization: the cattrs converter of record, lossless JSON, and subclass registration."""

from typing import TYPE_CHECKING, Any

from govdisclosure.serialize.converter import converter, make_converter
from govdisclosure.serialize.json import (
    SCHEMA_VERSION,
    from_dict,
    from_json,
    parse_json,
    to_dict,
    to_json,
)
from govdisclosure.serialize.registry import TAG_KEY, register, registered_tags, tag_of

if TYPE_CHECKING:
    from govdisclosure.serialize.chinese import from_dict_zh, from_json_zh, to_dict_zh, to_json_zh
    from govdisclosure.serialize.migrate import READABLE_VERSIONS, upgrade
    from govdisclosure.serialize.schema import DIALECT, SchemaError, json_schema, model_classes

# Schemas and the Chinese-key form are built on first use, keeping `import govdisclosure` light.
_LAZY = {
    "DIALECT": "schema",
    "SchemaError": "schema",
    "json_schema": "schema",
    "model_classes": "schema",
    "from_dict_zh": "chinese",
    "from_json_zh": "chinese",
    "to_dict_zh": "chinese",
    "to_json_zh": "chinese",
    "READABLE_VERSIONS": "migrate",
    "upgrade": "migrate",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govdisclosure.serialize' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"govdisclosure.serialize.{module}"), name)


__all__ = [
    "DIALECT",
    "READABLE_VERSIONS",
    "SCHEMA_VERSION",
    "TAG_KEY",
    "SchemaError",
    "converter",
    "from_dict",
    "from_dict_zh",
    "from_json",
    "from_json_zh",
    "json_schema",
    "make_converter",
    "model_classes",
    "parse_json",
    "register",
    "registered_tags",
    "tag_of",
    "to_dict",
    "to_dict_zh",
    "to_json",
    "to_json_zh",
    "upgrade",
]
