"""The 2008–2018 reports: no national form; free text and, at most, a local statistics table.

The statistics table's rows are whatever the agency printed (an indicator, its unit, this year's
and the cumulative value), so the form fixes only its columns.
"""

from __future__ import annotations

from govdisclosure.model.form import Column, Form, FormTable, field_labels
from govdisclosure.model.layout import FormatVersion, ReportPart
from govdisclosure.model.report import AnnualReport2008, LegacyIndicator

__all__ = ["FORM"]

VERSION = FormatVersion.LEGACY_2008


def _column(name: str) -> Column:
    label, label_en = field_labels(LegacyIndicator, name)
    return Column(code=name, label=label, label_en=label_en, attribute=name)


FORM = Form(
    version=VERSION,
    report_class=AnnualReport2008,
    tables=(
        FormTable(
            part=ReportPart.STATISTICS,
            number=1,
            attribute="statistics",
            model=LegacyIndicator,
            rows=(),
            columns=tuple(_column(n) for n in ("indicator", "unit", "this_year", "cumulative")),
            version=VERSION,
        ),
    ),
)
