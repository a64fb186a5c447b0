"""Exports for analysis and exchange: tidy tables, DataFrames, Arrow/Parquet, request logs.

Layer: the same as :mod:`govdisclosure.serialize` and :mod:`govdisclosure.formatting` (it may
import the model, rules, stats and serialize). pandas, pyarrow and openpyxl are imported lazily,
inside the functions that need them, behind the ``pandas``, ``arrow`` and ``xlsx`` extras; a
missing one raises :class:`ImportError` naming the extra to install.

>>> from govdisclosure import examples
>>> from govdisclosure.export import to_rows
>>> len(to_rows([examples.load("shanghai-gov-office-2019")]))
198
"""

from __future__ import annotations

from govdisclosure.export.columnar import read_request_columns
from govdisclosure.export.csvio import CsvError, read_csv, write_csv
from govdisclosure.export.frame import (
    ARROW_COLUMNS,
    FRAME_COLUMNS,
    SQL_NAMES,
    DatasetExists,
    to_arrow,
    to_frame,
    write_dataset,
    write_parquet,
)
from govdisclosure.export.redact import MASK, Privacy, mask_contacts, personal_fields, redact
from govdisclosure.export.requestlog import (
    LABEL_ALIASES,
    REQUEST_LOG_COLUMNS,
    LogColumn,
    RequestLogError,
    XlsxLimits,
    read_request_log,
    request_log_template,
    requests_from_csv,
    requests_to_csv,
    requests_to_json,
    write_request_log,
    write_requests,
)
from govdisclosure.export.tidy import (
    CellKind,
    TidyRow,
    from_rows,
    report_key,
    tidy_to_csv,
    to_rows,
)

__all__ = [
    "ARROW_COLUMNS",
    "FRAME_COLUMNS",
    "LABEL_ALIASES",
    "MASK",
    "REQUEST_LOG_COLUMNS",
    "SQL_NAMES",
    "CellKind",
    "CsvError",
    "DatasetExists",
    "LogColumn",
    "Privacy",
    "RequestLogError",
    "TidyRow",
    "XlsxLimits",
    "from_rows",
    "mask_contacts",
    "personal_fields",
    "read_csv",
    "read_request_columns",
    "read_request_log",
    "redact",
    "report_key",
    "request_log_template",
    "requests_from_csv",
    "requests_to_csv",
    "requests_to_json",
    "tidy_to_csv",
    "to_arrow",
    "to_frame",
    "to_rows",
    "write_csv",
    "write_dataset",
    "write_parquet",
    "write_request_log",
    "write_requests",
]
