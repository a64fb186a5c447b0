"""Serialization: the cattrs converter of record, lossless JSON, and subclass registration."""

from govdisclosure.serialize.converter import converter, make_converter
from govdisclosure.serialize.json import SCHEMA_VERSION, from_dict, from_json, to_dict, to_json
from govdisclosure.serialize.registry import TAG_KEY, register, registered_tags, tag_of

__all__ = [
    "SCHEMA_VERSION",
    "TAG_KEY",
    "converter",
    "from_dict",
    "from_json",
    "make_converter",
    "register",
    "registered_tags",
    "tag_of",
    "to_dict",
    "to_json",
]
