"""The 2019 trial national format (国办公开办函〔2019〕60号), used for the reports on 2019.

Table 2's labels are those Shanghai printed (the trial format's instructions are not in the
spec); table 3 has a single 其他处理 row instead of the 2021 format's three.
"""

from __future__ import annotations

from govdisclosure.model.form import Form
from govdisclosure.model.forms._parts import HEADINGS, Table2Block, applications, proactive, reviews
from govdisclosure.model.layout import FormatVersion
from govdisclosure.model.report import AnnualReport2019
from govdisclosure.model.tables import ProactiveTable2019

__all__ = ["FORM"]

VERSION = FormatVersion.TRIAL_2019

_ITEMS = ("previous_year", "change", "decisions")

_BLOCKS = (
    Table2Block(
        "第二十条第（一）项",
        "Article 20 (1)",
        ("regulations", "normative_documents"),
        ("made", "published", "total_published"),
        (1, 2, 1),
    ),
    Table2Block(
        "第二十条第（五）项", "Article 20 (5)", ("licensing", "other_services"), _ITEMS, (1, 2, 1)
    ),
    Table2Block(
        "第二十条第（六）项",
        "Article 20 (6)",
        ("penalties", "compulsory_measures"),
        _ITEMS,
        (1, 2, 1),
    ),
    Table2Block(
        "第二十条第（八）项", "Article 20 (8)", ("fees",), ("previous_year", "change"), (2, 2)
    ),
    Table2Block(
        "第二十条第（九）项",
        "Article 20 (9)",
        ("procurement",),
        ("projects", "total_amount"),
        (2, 2),
    ),
)

FORM = Form(
    version=VERSION,
    report_class=AnnualReport2019,
    tables=(
        proactive(VERSION, ProactiveTable2019, _BLOCKS),
        applications(VERSION),
        reviews(VERSION),
    ),
    headings=HEADINGS,
    notice=VERSION.notice,
)
