"""Sphinx configuration for the govdisclosure documentation.

Build (warnings are errors, every cross-reference must resolve)::

    sphinx-build -W -n -b html docs docs/_build/html

Intersphinx is used only when ``GOVDISCLOSURE_DOCS_ONLINE=1`` is set; offline (the default, and
CI) references to the standard library and to attrs/cattrs are left unlinked and listed in
``nitpick_ignore`` so that nitpicky mode only checks govdisclosure's own names.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))
sys.path.insert(0, str(ROOT / "src"))

from govdisclosure._version import __version__  # noqa: E402

# -- Project -------------------------------------------------------------------------------------

project = "govdisclosure"
author = "govdisclosure developers"
copyright = "govdisclosure developers"
release = __version__
version = ".".join(__version__.split(".")[:2])
# An English site about Chinese documents: English prose and interface, the official Chinese
# labels as data; the search index still segments Chinese words.
language = "en"
html_search_language = "zh"

# -- General -------------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "modelref",
    "figures",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
nitpicky = True

# -- MyST ----------------------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc -------------------------------------------------------------------------------------

# Types go in the signature: a model's fields are then documented once, as its attributes
# (label, meaning, type), not a second time as an undocumented "Parameters" list.
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_class_signature = "mixed"
autodoc_default_options = {"members": True, "undoc-members": True}

# -- intersphinx / nitpicky ----------------------------------------------------------------------

ONLINE = os.environ.get("GOVDISCLOSURE_DOCS_ONLINE") == "1"

if ONLINE:
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "attrs": ("https://www.attrs.org/en/stable/", None),
        "cattrs": ("https://catt.rs/en/stable/", None),
    }
    nitpick_ignore: list[tuple[str, str]] = []
    nitpick_ignore_regex: list[tuple[str, str]] = []
else:
    intersphinx_mapping = {}
    # Offline: external targets cannot resolve. Ignore exactly those (stdlib, typing, attrs,
    # cattrs, orjson, Babel), never a govdisclosure name.
    _EXTERNAL_MODULES = (
        "datetime",
        "decimal",
        "enum",
        "typing",
        "collections",
        "collections.abc",
        "types",
        "attr",
        "attrs",
        "cattrs",
        "cattr",
        "orjson",
        "babel",
        "pandas",
        "pyarrow",
        "stdnum",
        "openpyxl",
        "pathlib",
        "os",
        "csv",
        "lxml",
        "pdfplumber",
        "matplotlib",
        "numpy",
    )
    _BUILTINS = (
        "None",
        "True",
        "False",
        "bool",
        "bytes",
        "dict",
        "float",
        "int",
        "list",
        "object",
        "set",
        "frozenset",
        "str",
        "tuple",
        "type",
        "Exception",
        "BaseException",
        "ExceptionGroup",
        "BaseExceptionGroup",
        "KeyError",
        "LookupError",
        "TypeError",
        "ValueError",
        # stdlib and typing names that autodoc renders unqualified when a module imports them
        # only under TYPE_CHECKING
        "date",
        "datetime",
        "Decimal",
        "Enum",
        "Locale",
        "Any",
        "Callable",
        "ClassVar",
        "Iterable",
        "Iterator",
        "Self",
        "Sequence",
        "T",
        "Path",
        "PathLike",
        "Mapping",
        "Executor",
    )
    nitpick_ignore = [
        (role, name)
        for name in _BUILTINS
        for role in ("py:class", "py:obj", "py:exc", "py:data", "py:func")
    ]
    nitpick_ignore_regex = [(r"py:.*", re.escape(module) + r"\..+") for module in _EXTERNAL_MODULES]
    # ``import datetime as dt`` renders as dt.date; pandas and pyarrow as pd. and pa.
    nitpick_ignore_regex.append((r"py:class", r"(dt|pd|pa)\..+"))
    # Type variables of generic functions (``from_json_zh(data, cls: type[T]) -> T``).
    nitpick_ignore_regex.append((r"py:class", r"govdisclosure\.[\w.]+\.T"))
    nitpick_ignore += [("py:mod", "csv")]

# "more than one target found": an unqualified ``date`` in an annotation (``datetime.date``
# imported under TYPE_CHECKING) also matched the ``date`` attributes DueDate and
# PublicationDue once had. The stdlib type is meant; unresolved targets are still reported.
suppress_warnings = ["ref.python"]

# Private helpers (a leading underscore) are not documented, so annotations naming them cannot
# resolve; public names are always checked.
nitpick_ignore_regex.append((r"py:class", r"(govdisclosure\.[\w.]+\.)?_[A-Za-z]\w*"))

# -- HTML ----------------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"govdisclosure {release}"
html_static_path = ["_static"]
