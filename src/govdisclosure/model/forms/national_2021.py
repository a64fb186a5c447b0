"""The 2021 national format (国办公开办函〔2021〕30号), in force for the reports on 2020 onward.

Source: 《中华人民共和国政府信息公开工作年度报告格式》, the notice's attachment; the labels are
those of the enums and model fields it is read from (see ``spec/ogi-facts.md`` §7).
"""

from __future__ import annotations

from govdisclosure.model.form import CellKind, Column, Form
from govdisclosure.model.forms._parts import HEADINGS, Table2Block, applications, proactive, reviews
from govdisclosure.model.layout import FormatVersion
from govdisclosure.model.quantity import MoneyUnit
from govdisclosure.model.report import AnnualReport2021
from govdisclosure.model.tables import ProactiveTable2021

__all__ = ["FORM"]

VERSION = FormatVersion.NATIONAL_2021

# One-column rows: the row's own field is the cell, under this printed column.
_DECISIONS = Column(
    code="decisions", label="本年处理决定数量", label_en="decisions this year", attribute=""
)
_FEES = Column(
    code="amount",
    label="本年收费金额（单位：万元）",
    label_en="fees collected this year (10,000 yuan)",
    attribute="",
    kind=CellKind.MONEY,
    unit=MoneyUnit.WAN_YUAN.label,
)

_BLOCKS = (
    Table2Block(
        "第二十条第（一）项",
        "Article 20 (1)",
        ("regulations", "normative_documents"),
        ("issued", "repealed", "in_force"),
    ),
    Table2Block("第二十条第（五）项", "Article 20 (5)", ("licensing",), (_DECISIONS,), (3,)),
    Table2Block(
        "第二十条第（六）项",
        "Article 20 (6)",
        ("penalties", "compulsory_measures"),
        (_DECISIONS,),
        (3,),
    ),
    Table2Block("第二十条第（八）项", "Article 20 (8)", ("fee_amount",), (_FEES,), (3,)),
)

FORM = Form(
    version=VERSION,
    report_class=AnnualReport2021,
    tables=(
        proactive(VERSION, ProactiveTable2021, _BLOCKS),
        applications(VERSION),
        reviews(VERSION),
    ),
    headings=HEADINGS,
    notice=VERSION.notice,
)
