"""Real annual reports, entered by hand and bundled with the library as JSON.

Each example is a complete, typed :class:`~govdisclosure.model.report.AnnualReport` of a real
published report: the narrative verbatim, every figure it quotes (with its qualifier and unit),
the channels it names and, for the national formats, every table cell exactly as printed
(blank cells stay ``None``). They are useful for trying the library out, for documentation
and as test material.

- ``sichuan-hrss-2013``: 四川省人力资源和社会保障厅, 2013, a 2008-era free-text report;
- ``shanghai-gov-office-2019``: 上海市人民政府办公厅, 2019, the 2019 trial national format;
- ``huaian-city-2024``: 淮安市人民政府, 2024, the 2021 national format.

Sources are kept as published, errors included: the Shanghai report leaves most 总计 cells blank
and its narrative disagrees with its tables; nothing was corrected.

A few of the published sources themselves are bundled too, byte for byte, so that parsing can be
tried without downloading anything: :func:`sources` lists them and :func:`source` returns one as
``bytes``, ready for :func:`govdisclosure.parse.parse_report`.

>>> from govdisclosure import examples
>>> examples.names()
('huaian-city-2024', 'shanghai-gov-office-2019', 'sichuan-hrss-2013')
>>> report = examples.load("sichuan-hrss-2013")
>>> report.agency.name
'四川省人力资源和社会保障厅'
>>> [f.quantity for f in report.figures if f.label == "各级媒体刊发稿件"]
[Quantity(value=400, unit='篇', qualifier=<Qualifier.NEARLY: 'nearly'>)]
>>> examples.source("shanghai-gov-office-2019")[:11]
b'<!-- Source'
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from govdisclosure.errors import GovDisclosureError
from govdisclosure.model import AnnualReport
from govdisclosure.serialize import from_json

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["UnknownExample", "load", "names", "source", "sources"]

_DATA = "data"
_SUFFIX = ".json"
_SOURCES = "sources"


class UnknownExample(GovDisclosureError, KeyError):
    """There is no bundled example of that name; the message lists the names there are.

    It is a :class:`KeyError` (and so a :class:`LookupError`), like a missing key of a mapping.
    """

    def __init__(self, name: object, available: tuple[str, ...]) -> None:
        self.name = name
        self.available = available
        super().__init__(name)

    def __str__(self) -> str:
        listed = ", ".join(self.available)
        return f"no example named {self.name!r}; available examples: {listed}"


def _data() -> Traversable:
    # importlib.resources is imported on first use: it costs ~25 ms of `import govdisclosure`.
    from importlib import resources

    return resources.files(__name__) / _DATA


def _sources() -> Traversable:
    from importlib import resources

    return resources.files(__name__) / _SOURCES


@functools.cache
def _source_files() -> dict[str, str]:
    """Source name (the file name without its last suffix) -> file name."""
    files = (entry.name for entry in _sources().iterdir() if entry.is_file())
    return {name.rsplit(".", 1)[0]: name for name in sorted(files)}


@functools.cache
def names() -> tuple[str, ...]:
    """The names of the bundled examples, sorted.

    >>> "huaian-city-2024" in names()
    True
    """
    folder = _data()
    found = (
        entry.name.removesuffix(_SUFFIX)
        for entry in folder.iterdir()
        if entry.is_file() and entry.name.endswith(_SUFFIX)
    )
    return tuple(sorted(found))


@functools.cache
def load(name: str) -> AnnualReport:
    """The bundled example report ``name`` (loaded once, then cached: models are immutable).

    The concrete class follows the report's format version.

    >>> from govdisclosure.model import ApplicationRow
    >>> huaian = load("huaian-city-2024")
    >>> type(huaian).__name__, huaian.year
    ('AnnualReport2021', 2024)
    >>> huaian.applications.row(ApplicationRow.NEW).total
    3119
    >>> load("huaian-city-2024") is huaian
    True
    >>> load("beijing")
    Traceback (most recent call last):
    ...
    govdisclosure.examples.UnknownExample: no example named 'beijing'; available examples: ...
    """
    available = names()
    if name not in available:
        raise UnknownExample(name, available)
    raw = (_data() / f"{name}{_SUFFIX}").read_bytes()
    return from_json(raw, AnnualReport)


def sources() -> tuple[str, ...]:
    """The names of the bundled published sources, sorted.

    A name is the published file's name without its last suffix: ``huaian-city-2024.pypdf`` is
    the text pypdf extracted from the Huaian PDF.

    >>> for name in sources():
    ...     print(name)
    huaian-city-2024.pdfminer
    huaian-city-2024.pypdf
    pingtan-zone-2013
    pingtan-zone-2022
    shanghai-gov-office-2019
    """
    return tuple(_source_files())


def source(name: str) -> bytes:
    """The bundled published source ``name``, byte for byte as published or crawled.

    The bytes carry their own encoding and kind (HTML or text); pass them to
    :func:`govdisclosure.parse.parse_report` as they are.

    >>> from govdisclosure.parse import parse_report
    >>> parse_report(source("pingtan-zone-2022")).report.year
    2022
    >>> source("beijing")
    Traceback (most recent call last):
    ...
    govdisclosure.examples.UnknownExample: no example named 'beijing'; available examples: ...
    """
    files = _source_files()
    if name not in files:
        raise UnknownExample(name, tuple(files))
    return (_sources() / files[name]).read_bytes()
