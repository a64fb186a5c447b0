"""A corpus of reports: many sources parsed (in parallel if asked), each report kept once.

:func:`parse_reports` reads paths, folders and globs and yields one outcome per source, sorted by
path: a :class:`Parsed` (the parse result and the source's :class:`Provenance`: path, SHA-256 of
the bytes, format, parser version) or a :class:`Failed` value; a bad file costs only itself. It
takes any ``concurrent.futures.Executor`` (a process pool, ``dask.distributed``'s
``Client.get_executor()``, Ray's) and sends the work in chunks; the library runs no scheduler.
A :class:`Corpus` groups the reports by agency identity
(:class:`~govdisclosure.model.directory.AgencyDirectory`), keeps a report read from several
sources once with all its sources, checks each report and each agency's series, and gives the
panel view and roll-ups. See the docs page "Working with a whole corpus".

>>> from govdisclosure.corpus import Corpus
>>> corpus = Corpus.read(["tests/data/reports/huaian-city-2024.pdf",
...                       "tests/data/reports/huaian-city-2024.pypdf.txt",
...                       "tests/data/reports/huaian-city-2024.pdfminer.txt"])
>>> [(r.identity, [s.source_format for s in r.sources]) for r in corpus.reports]
[('320800:人民政府', ['pdf', 'text', 'text'])]
"""

from __future__ import annotations

from types import FunctionType

from govdisclosure.corpus._corpus import (
    Corpus,
    CorpusFinding,
    CorpusReport,
    SeriesNote,
    fingerprint,
    map_reports,
    parse_reports,
)
from govdisclosure.corpus._sources import (
    REPORT_SUFFIXES,
    Failed,
    Outcome,
    Parsed,
    Provenance,
    SourceNotFound,
    find_sources,
    parse_one,
)

__all__ = [
    "REPORT_SUFFIXES",
    "Corpus",
    "CorpusFinding",
    "CorpusReport",
    "Failed",
    "Outcome",
    "Parsed",
    "Provenance",
    "SeriesNote",
    "SourceNotFound",
    "find_sources",
    "fingerprint",
    "map_reports",
    "parse_one",
    "parse_reports",
]

# Document (and cross-reference, and pickle) every name where users import it.
for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type | FunctionType):
        _value.__module__ = __name__
del _name, _value
