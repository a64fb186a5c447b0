"""Sphinx extension: the data-model reference, generated from the code.

The directive ``govdisclosure-models`` (MyST: ```` ```{govdisclosure-models} ````) walks
``govdisclosure.model.__all__`` and emits, grouped by module in definition order:

* for every attrs model, a table of its fields: name, readable type, Chinese label (field
  metadata ``label``), meaning (metadata ``doc``), default and the personal-data marker (metadata
  ``personal``);
* for every :class:`~govdisclosure.model.base.LabelledEnum`, a table of code, Chinese label and
  English label.

Nothing is generated to disk: the tables are docutils nodes built at read time.
:func:`build_reference` builds them without Sphinx, so tests can call it directly.
"""

from __future__ import annotations

import inspect
import re
import sys
import types
import typing
from typing import TYPE_CHECKING, Any, Final

import attrs
from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import govdisclosure.model
from govdisclosure.model.base import LabelledEnum
from govdisclosure.serialize import registry

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__all__ = [
    "FieldInfo",
    "GovDisclosureModels",
    "build_reference",
    "default_text",
    "field_infos",
    "missing_metadata",
    "public_enums",
    "public_models",
    "public_objects",
    "section_id",
    "setup",
    "type_text",
]

logger = logging.getLogger(__name__)

FIELD_HEADERS: Final = ("Field", "Type", "Label (标签)", "Meaning", "Default", "Personal data")
ENUM_HEADERS: Final = ("Code", "Label (标签)", "English label")
PERSONAL_MARK: Final = "个人信息"
REQUIRED_MARK: Final = "required"


# -- What is public ------------------------------------------------------------------------------


def public_objects() -> list[type]:
    """Every class named in ``govdisclosure.model.__all__``, grouped by module.

    Modules come in the order the package imports them, classes in the order their module
    defines them. Raises :class:`TypeError` for a public name that is neither an attrs model nor
    a labelled enum, so that nothing public is silently left out of the reference.
    """
    found: list[type] = []
    for name in govdisclosure.model.__all__:
        obj = getattr(govdisclosure.model, name)
        if not (isinstance(obj, type) and (attrs.has(obj) or issubclass(obj, LabelledEnum))):
            raise TypeError(
                f"govdisclosure.model.{name} is neither an attrs model nor a LabelledEnum;"
                " teach docs/_ext/modelref.py how to document it"
            )
        found.append(obj)
    module_order = {mod: i for i, mod in enumerate(_import_order())}

    def key(cls: type) -> tuple[int, int]:
        module = sys.modules[cls.__module__]
        position = list(vars(module)).index(cls.__name__)
        return module_order.get(cls.__module__, len(module_order)), position

    return sorted(found, key=key)


def _import_order() -> list[str]:
    seen: list[str] = []
    for value in vars(govdisclosure.model).values():
        module = getattr(value, "__module__", None)
        if isinstance(value, type) and module is not None and module not in seen:
            seen.append(module)
    return seen


def public_models() -> list[type]:
    """The public attrs model classes, in reference order."""
    return [cls for cls in public_objects() if attrs.has(cls)]


def public_enums() -> list[type[LabelledEnum]]:
    """The public labelled enums, in reference order."""
    return [
        cls for cls in public_objects() if isinstance(cls, type) and issubclass(cls, LabelledEnum)
    ]


def section_id(cls: type) -> str:
    """The HTML id (and ``{ref}`` label) of a class's section, e.g. ``model-applicationtable``."""
    return nodes.make_id(f"model-{cls.__name__}")


# -- Readable types and defaults -----------------------------------------------------------------

TypePart = str | type


def _type_parts(tp: object) -> Iterator[TypePart]:
    """A type annotation as text pieces and classes (classes may become links)."""
    if tp is None or tp is type(None):
        yield "None"
    elif isinstance(tp, str):
        yield tp
    elif tp is Ellipsis:
        yield "..."
    else:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing.Union or origin is types.UnionType:
            for i, arg in enumerate(args):
                if i:
                    yield " | "
                yield from _type_parts(arg)
        elif origin is not None:
            yield getattr(origin, "__name__", str(origin))
            if args:
                yield "["
                for i, arg in enumerate(args):
                    if i:
                        yield ", "
                    yield from _type_parts(arg)
                yield "]"
        elif isinstance(tp, type):
            yield tp
        else:
            yield str(tp)


def type_text(tp: object) -> str:
    """A readable annotation: ``int | None``, ``tuple[Section, ...]``, ``Decimal``."""
    return "".join(p if isinstance(p, str) else p.__qualname__ for p in _type_parts(tp))


def default_text(attribute: attrs.Attribute[Any]) -> str:
    """The default of a field as code, or ``required`` when it has none."""
    default = attribute.default
    if default is attrs.NOTHING:
        return REQUIRED_MARK
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        factory: object = getattr(default, "factory", None)
        name = getattr(factory, "__qualname__", repr(factory))
        return f"{name}()"
    if isinstance(default, LabelledEnum):
        return f"{type(default).__name__}.{default.name}"
    return repr(default)


def _resolved_types(cls: type) -> dict[str, object]:
    try:
        return typing.get_type_hints(cls)
    except (NameError, TypeError):  # pragma: no cover - annotations only importable for mypy
        return {a.name: a.type for a in attrs.fields(cls)}


@attrs.frozen
class FieldInfo:
    """One row of a model's table, as plain data."""

    name: str
    type: str
    label: str
    doc: str
    default: str
    personal: bool
    inherited: bool


def field_infos(cls: type) -> list[FieldInfo]:
    """The rows of a model's field table (inherited fields first, as attrs orders them)."""
    hints = _resolved_types(cls)
    return [
        FieldInfo(
            name=a.name,
            type=type_text(hints.get(a.name, a.type)),
            label=str(a.metadata.get("label", "")),
            doc=str(a.metadata.get("doc", "")),
            default=default_text(a),
            personal=bool(a.metadata.get("personal", False)),
            inherited=a.inherited,
        )
        for a in attrs.fields(cls)
    ]


def missing_metadata() -> list[str]:
    """``Model.field: what is missing`` for every public field without a label or a doc."""
    problems = []
    for cls in public_models():
        for info in field_infos(cls):
            missing = [key for key in ("label", "doc") if not getattr(info, key).strip()]
            if missing:
                problems.append(f"{cls.__name__}.{info.name}: no {' or '.join(missing)}")
    return problems


# -- Docstring summaries -------------------------------------------------------------------------

_INLINE = re.compile(r":(?:py:)?(?P<role>[a-z]+):`(?P<target>[^`]+)`|``(?P<code>[^`]+)``")
_PY_ROLES = {"class", "func", "meth", "attr", "mod", "exc", "data", "obj"}


def _summary(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    return " ".join(doc.split("\n\n", 1)[0].split())


def _inline(text: str, cls: type | None) -> list[nodes.Node]:
    """The little reST a summary line uses: ``literals`` and :py:roles: (as cross-references)."""
    out: list[nodes.Node] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            out.append(nodes.Text(text[pos : match.start()]))
        pos = match.end()
        if match["code"] is not None:
            out.append(nodes.literal(match["code"], match["code"]))
            continue
        role, target = match["role"], match["target"]
        short = target.startswith("~")
        target = target.lstrip("~")
        shown = target.rsplit(".", 1)[-1] if short else target
        if role not in _PY_ROLES:
            out.append(nodes.literal(shown, shown))
            continue
        xref = addnodes.pending_xref(
            "",
            nodes.literal(shown, shown, classes=["xref", "py", f"py-{role}"]),
            refdomain="py",
            reftype=role,
            reftarget=target,
            refexplicit=False,
            refwarn=True,
        )
        if cls is not None:
            xref["py:module"] = cls.__module__
            xref["py:class"] = cls.__name__
        out.append(xref)
    if pos < len(text):
        out.append(nodes.Text(text[pos:]))
    return out


# -- Tables --------------------------------------------------------------------------------------


def _table(headers: Iterable[str], rows: list[list[nodes.Node]], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["govdisclosure-reference", "longtable"])
    group = nodes.tgroup(cols=len(widths))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row([nodes.paragraph(text=h) for h in headers])
    body = nodes.tbody()
    group += body
    for cells in rows:
        body += _row(cells)
    return table


def _row(cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        entry += content
        row += entry
    return row


def _para(*children: nodes.Node) -> nodes.paragraph:
    para = nodes.paragraph()
    para.extend(children)
    return para


def _type_cell(tp: object, known: dict[type, str]) -> nodes.paragraph:
    literal = nodes.literal()
    for part in _type_parts(tp):
        if isinstance(part, str):
            literal += nodes.Text(part)
        elif part in known:
            literal += nodes.reference(part.__qualname__, part.__qualname__, refid=known[part])
        else:
            literal += nodes.Text(part.__qualname__)
    return _para(literal)


def model_table(cls: type, known: dict[type, str] | None = None) -> nodes.table:
    """The field table of one attrs model (types of other models link to their sections)."""
    known = known or {}
    hints = _resolved_types(cls)
    rows: list[list[nodes.Node]] = []
    for a, info in zip(attrs.fields(cls), field_infos(cls), strict=True):
        name = _para(nodes.literal(info.name, info.name))
        if info.inherited:
            name += nodes.Text(" ")
            name += nodes.emphasis("inherited", "inherited")
        rows.append(
            [
                name,
                _type_cell(hints.get(a.name, a.type), known),
                _para(nodes.Text(info.label)),
                _para(*_inline(info.doc, cls)),
                _para(nodes.literal(info.default, info.default)),
                _para(nodes.strong(PERSONAL_MARK, PERSONAL_MARK)) if info.personal else _para(),
            ]
        )
    return _table(FIELD_HEADERS, rows, [14, 18, 16, 34, 12, 8])


def enum_table(cls: type[LabelledEnum]) -> nodes.table:
    """The member table of one labelled enum: code, Chinese label, English label."""
    rows: list[list[nodes.Node]] = [
        [
            _para(nodes.literal(member.code, member.code)),
            _para(nodes.Text(member.label)) if member.label else _para(nodes.Text("—")),
            _para(nodes.Text(member.label_en)),
        ]
        for member in cls
    ]
    return _table(ENUM_HEADERS, rows, [25, 45, 30])


def _class_section(cls: type, known: dict[type, str]) -> nodes.section:
    section = nodes.section(ids=[section_id(cls)], names=[section_id(cls)])
    section += nodes.title("", "", nodes.literal(cls.__name__, cls.__name__))
    summary = _summary(cls)
    if summary:
        section += _para(*_inline(summary, cls))

    facts = _para()
    api_name = f"{cls.__module__}.{cls.__qualname__}"
    facts += nodes.Text("API: ")
    facts += addnodes.pending_xref(
        "",
        nodes.literal(api_name, api_name, classes=["xref", "py", "py-class"]),
        refdomain="py",
        reftype="class",
        reftarget=api_name,
        refexplicit=True,
        refwarn=True,
    )
    bases = [b for b in cls.__bases__ if b in known]
    if bases:
        facts += nodes.Text("; extends ")
        for i, base in enumerate(bases):
            if i:
                facts += nodes.Text(", ")
            facts += nodes.reference(
                "", "", nodes.literal(base.__name__, base.__name__), refid=known[base]
            )
    if attrs.has(cls) and cls in registry.registered_tags(object).values():
        tag = registry.tag_of(cls)
        facts += nodes.Text(f"; JSON {registry.TAG_KEY!r} tag: ")
        facts += nodes.literal(tag, tag)
    facts += nodes.Text(".")
    section += facts

    if attrs.has(cls):
        section += model_table(cls, known)
    else:
        section += enum_table(cls)
    return section


def build_reference() -> list[nodes.section]:
    """The whole reference: one section per model module, one subsection per public class."""
    classes = public_objects()
    known = {cls: section_id(cls) for cls in classes}
    sections: list[nodes.section] = []
    by_module: dict[str, nodes.section] = {}
    for cls in classes:
        section = by_module.get(cls.__module__)
        if section is None:
            module = sys.modules[cls.__module__]
            ident = nodes.make_id(f"modelref-{cls.__module__}")
            section = by_module[cls.__module__] = nodes.section(ids=[ident], names=[ident])
            section += nodes.title("", "", nodes.literal(cls.__module__, cls.__module__))
            summary = _summary(module)
            if summary:
                section += _para(*_inline(summary, None))
            sections.append(section)
        section += _class_section(cls, known)
    return sections


# -- Sphinx glue ---------------------------------------------------------------------------------


class GovDisclosureModels(SphinxDirective):
    """``.. govdisclosure-models::`` emits :func:`build_reference` and warns on missing metadata."""

    has_content = False
    required_arguments = 0
    optional_arguments = 0

    def run(self) -> list[nodes.Node]:
        for problem in missing_metadata():
            logger.warning(
                "model field without metadata: %s", problem, location=self.get_location()
            )
        modules = {sys.modules[cls.__module__] for cls in public_objects()}
        for module in sorted(modules, key=lambda m: m.__name__):
            self.env.note_dependency(inspect.getfile(module))
        sections = build_reference()
        document = self.state.document
        for section in sections:
            for node in section.findall(nodes.section):
                document.note_explicit_target(node, node)
        return list(sections)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the ``govdisclosure-models`` directive."""
    app.add_directive("govdisclosure-models", GovDisclosureModels)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
