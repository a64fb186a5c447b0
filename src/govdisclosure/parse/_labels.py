"""The alias table: every row and column label of the national tables and its printed variants.

Rows are matched by label, never by position alone. Each row has its canonical label and the
variants found in published reports (总计 / 合计, shortened labels, typos such as
其他法律行政止公开); a match through a variant other than the canonical label is reported.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING

from govdisclosure.model.agency import Agency, AgencyKind, AgencyLevel
from govdisclosure.model.layout import ApplicationRow

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

__all__ = [
    "HEADING_VARIANTS",
    "PRINTED_ROW",
    "PROACTIVE_ROWS",
    "ROW_VARIANTS",
    "STATISTICS_UNITS",
    "agency_from_name",
    "aliases_of",
    "compact",
    "match_application_row",
    "match_proactive_row",
    "number_value",
    "official_core",
    "printed_labels",
    "strip_numbering",
    "to_ascii",
]

# Full-width digits (U+FF10-FF19), point, minus, plus and percent.
_FULLWIDTH = {0xFF10 + i: str(i) for i in range(10)} | {
    0xFF0E: ".", 0xFF0D: "-", 0xFF0B: "+", 0xFF05: "%"
}  # fmt: skip
_SPACE = re.compile(r"\s+")


_HAS_FULLWIDTH = re.compile("[\uff05\uff0b\uff0d\uff0e\uff10-\uff19]")


def to_ascii(text: str) -> str:
    """Full-width digits, point, signs and percent to ASCII (nothing else changes).

    >>> to_ascii("\\uff17\\uff11\\uff13\\uff0e\\uff15\\uff05")
    '713.5%'
    """
    # str.translate looks every character up in a dict: first ask (in C) whether it must.
    if text.isascii() or _HAS_FULLWIDTH.search(text) is None:
        return text
    return text.translate(_FULLWIDTH)


@lru_cache(maxsize=8192)
def compact(text: str) -> str:
    """The text without any whitespace, with ASCII digits (for label matching only).

    >>> compact("（二）部分公开（区分处理的，只计这一情\\n形， 不计其他情形）")
    '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'
    """
    return _SPACE.sub("", to_ascii(text))


_NUMBER = re.compile(r"[+-]?[0-9]{1,30}(?:\.[0-9]{1,12})?")


def number_value(text: str) -> int | Decimal | None:
    """A cell's number (full-width digits allowed, thousands commas dropped), else ``None``.

    >>> number_value("\\uff13,\\uff11\\uff11\\uff19"), number_value("96171.6"), number_value("约3")
    (3119, Decimal('96171.6'), None)
    """
    clean = to_ascii(text).strip().replace(",", "")
    if not _NUMBER.fullmatch(clean):
        return None
    if "." in clean:
        try:
            return Decimal(clean)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            return None
    return int(clean)


# The variant spellings agencies print, keyed by the form's row code (the official label is the
# form's own, see official_core): shortened labels, 合计 for 总计, misprints.
ROW_VARIANTS: Mapping[str, tuple[str, ...]] = {
    "new": ("本年新收",),
    "carried-over": ("上年结转",),
    "withheld-state-secret": ("国家秘密",),
    "withheld-prohibited-by-law": ("其他法律行政止公开", "法律行政法规禁止公开", "禁止公开"),
    "withheld-security-stability": ("三安全一稳定",),
    "withheld-third-party": ("第三方合法权益",),
    "withheld-internal-affairs": ("内部事务信息",),
    "withheld-process-information": ("过程性信息",),
    "withheld-enforcement-file": ("行政执法案卷",),
    "withheld-administrative-query": ("行政查询事项",),
    "unable-not-held": ("不掌握相关政府信息",),
    "unable-needs-creation": ("另行制作",),
    "unable-still-unclear": ("仍不明确",),
    "not-processed-petition": ("信访举报投诉",),
    "not-processed-publication": ("公开出版物",),
    "not-processed-excessive": ("大量反复申请",),
    "not-processed-confirmation": ("重新出具已获取信息", "重新出具"),
    "other-overdue-correction": ("逾期不补正",),
    "other-overdue-fee": ("逾期未按收费通知要求缴纳费用", "缴纳费用"),
    "total": ("合计",),
    "carried-forward": ("结转下年度",),
}

# A label's numbering: 一、 （一） 1. 1、 (and the full-width point U+FF0E).
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[.、\uff0e])"
)
# The part of an official label that is a gloss, not the name (（区分处理的，只计这一情形…）).
_GLOSS = re.compile(r"（[^（）]{6,}）$")


def official_core(row: ApplicationRow) -> str:
    """The form's label of a row without its numbering and gloss: what every printing contains.

    >>> official_core(ApplicationRow.PARTIALLY_GRANTED), official_core(ApplicationRow.TOTAL)
    ('部分公开', '总计')
    """
    return _GLOSS.sub("", _NUMBERING.sub("", row.label, count=1))


def aliases_of(row: ApplicationRow) -> tuple[str, ...]:
    """The official core label of a row (from the form) followed by its printed variants.

    >>> aliases_of(ApplicationRow.WITHHELD_PROHIBITED_BY_LAW)[:2]
    ('其他法律行政法规禁止公开', '其他法律行政止公开')
    """
    return (official_core(row), *ROW_VARIANTS.get(row.code, ()))


def printed_labels(row: ApplicationRow) -> tuple[str, ...]:
    """What a plain-text reader looks for to find a row: the row's aliases, except for the rows
    whose core alone is too common a word (其他, 总计, 其他处理): those need their numbering.

    >>> printed_labels(ApplicationRow.OTHER_OTHER)
    ('3.其他', '3、其他')
    """
    if row not in _NUMBERED:
        return aliases_of(row)
    numbered = compact(row.label)
    core = official_core(row)
    spellings = [numbered, *(numbered.replace(core, v) for v in ROW_VARIANTS.get(row.code, ()))]
    if "." in numbered:
        spellings.append(numbered.replace(".", "、"))
    return tuple(spellings)


_NUMBERED = frozenset({ApplicationRow.OTHER_OTHER, ApplicationRow.OTHER, ApplicationRow.TOTAL})


_OTHER_OTHER = re.compile(r"(?:（[一二三四五六七八九十]）)?(?:其他处理)?[0-9][.、]其他")


def match_application_row(
    label: str, rows: Collection[ApplicationRow]
) -> tuple[ApplicationRow, str] | None:
    """The row (among ``rows``) a printed label names, and the alias that matched (cached).

    The label is compared without whitespace; the most specific (longest) alias wins.

    >>> from govdisclosure.model.layout import FormatVersion
    >>> rows = FormatVersion.NATIONAL_2021.application_rows
    >>> row, alias = match_application_row("2.其他法律行政止公开", rows)
    >>> row.code, alias
    ('withheld-prohibited-by-law', '其他法律行政止公开')
    >>> match_application_row("3、其他", rows)[0]
    <ApplicationRow.OTHER_OTHER: 'other-other'>
    """
    # A frozenset keeps its hash: a cache keyed by a tuple of enums would hash each one per call.
    return _match_row(label, rows if isinstance(rows, frozenset) else frozenset(rows))


@lru_cache(maxsize=4096)
def _match_row(label: str, rows: frozenset[ApplicationRow]) -> tuple[ApplicationRow, str] | None:
    text = compact(label)
    if not text:
        return None
    if ApplicationRow.OTHER_OTHER in rows and _OTHER_OTHER.fullmatch(text):
        return ApplicationRow.OTHER_OTHER, ApplicationRow.OTHER_OTHER.label
    best: tuple[int, ApplicationRow, str] | None = None
    for row, alias, key in _COMPACT_ALIASES:
        if row in rows and key in text and (best is None or len(key) > best[0]):
            best = (len(key), row, alias)
    if best is None:
        return None
    return best[1], best[2]


_COMPACT_ALIASES = tuple(
    (row, alias, compact(alias))
    for row in ApplicationRow
    if row is not ApplicationRow.OTHER_OTHER
    for alias in aliases_of(row)
)


def strip_numbering(label: str) -> str:
    """A label without its leading numbering (一、 （一） 1.).

    >>> strip_numbering("（三）不予公开")
    '不予公开'
    """
    return _NUMBERING.sub("", label.strip(), count=1)


# Table 2: (key, aliases, block, width in the 2021 format, width in the 2019 format).
PROACTIVE_ROWS: tuple[tuple[str, tuple[str, ...], int, int, int], ...] = (
    ("regulations", ("规章",), 1, 3, 3),
    ("normative_documents", ("行政规范性文件", "规范性文件"), 1, 3, 3),
    ("licensing", ("行政许可",), 5, 1, 3),
    ("other_services", ("其他对外管理服务事项",), 5, 0, 3),
    ("penalties", ("行政处罚",), 6, 1, 3),
    ("compulsory_measures", ("行政强制",), 6, 1, 3),
    ("fees", ("行政事业性收费",), 8, 1, 2),
    ("procurement", ("政府集中采购",), 9, 0, 2),
)


# A form row printed under another row's key: the 2021 form's one fee cell is the row the 2019
# form calls 行政事业性收费 (fees).
PRINTED_ROW: Mapping[str, str] = {"fee_amount": "fees"}


def match_proactive_row(label: str) -> str | None:
    """The table-2 row key a label names.

    >>> match_proactive_row("行政规范性文件"), match_proactive_row("本年处理决定数量")
    ('normative_documents', None)
    """
    text = compact(label)
    for key, aliases, _, _, _ in PROACTIVE_ROWS:
        if any(text == a or (len(text) <= len(a) + 4 and a in text) for a in aliases):
            return key
    return None


# Misprints of the national section headings that the readers accept: (misprint, as printed in
# the form, the table the section holds). Reported as label variants.
HEADING_VARIANTS: tuple[tuple[str, str, int], ...] = (("行政法复议", "行政复议", 4),)

STATISTICS_UNITS = frozenset(
    {"条", "件", "个", "次", "人次", "项", "份", "篇", "期", "万元", "元", "%", "人", "场", "家"}
)


# --- agencies: kind and level from the name's suffix ---------------------------------------------

# (pattern on the compacted name, kind), first match wins.
_AGENCY_KINDS: tuple[tuple[re.Pattern[str], AgencyKind], ...] = (
    (re.compile(r"(?:办公厅|人民政府办公室|政府办公室|政府办)$"), AgencyKind.GENERAL_OFFICE),
    (re.compile(r"人民政府$"), AgencyKind.PEOPLES_GOVERNMENT),
    (re.compile(r"(?:管委会|管理委员会|街道办事处|行政公署)$"), AgencyKind.DISPATCHED_BODY),
    (re.compile(r"(?:公司|集团|医院|学校|大学|学院)$"), AgencyKind.PUBLIC_INSTITUTION),
    (
        re.compile(r"(?:省|市|州|盟|县|旗|区).{2,30}(?:厅|局|委员会|委|办公室|办)$"),
        AgencyKind.DEPARTMENT,
    ),
)
_UNIT = r"(?:局|委员会|委|办公室)"
# (pattern, level): only names whose tier is unambiguous (a 市 alone may be a prefecture or a
# county-level city, a 州 may be part of a city's name: left to a directory of region codes).
_AGENCY_LEVELS: tuple[tuple[re.Pattern[str], AgencyLevel], ...] = (
    (re.compile(r"(?:镇|乡|街道)(?:人民政府|党政办公室|办事处|$)"), AgencyLevel.TOWNSHIP),
    (re.compile(r"^[^省市州盟]{1,10}(?:县|自治县|旗)"), AgencyLevel.COUNTY),
    (
        re.compile(
            rf"^(?:[^省]{{2,8}}?(?:省|自治区))?[^省市]{{2,8}}?市[^市]{{1,8}}?(?:区|县)"
            rf"(?:人民政府|[^市]{{2,20}}{_UNIT})"
        ),
        AgencyLevel.COUNTY,
    ),
    (re.compile(r"^(?:北京|上海|天津|重庆)市(?!.{1,8}?(?:区|县))"), AgencyLevel.PROVINCE),
    (
        re.compile(r"^[^市州县区]{2,8}?(?:省|自治区)(?![^市州县区]*?(?:市|州|盟|县|区))"),
        AgencyLevel.PROVINCE,
    ),
    (re.compile(r"^[^市县区]{2,12}?(?:自治州|地区|盟)"), AgencyLevel.PREFECTURE),
)


def agency_from_name(name: str) -> Agency:
    """An :class:`~govdisclosure.model.agency.Agency` with the kind and tier its name shows.

    Only what the name's suffix makes certain is filled in: a 市 on its own may be a prefecture
    or a county-level city, so its tier is left blank (the region, too, is a directory's job).

    >>> a = agency_from_name("四川省人力资源和社会保障厅")
    >>> a.kind.code, a.level.code
    ('department', 'province')
    >>> names = ("某某县地方税务局", "某某镇人民政府", "淮安市人民政府", "上海市人民政府办公厅")
    >>> for a in map(agency_from_name, names):
    ...     print(a.kind.code, a.level and a.level.code)
    department county
    peoples-government township
    peoples-government None
    general-office province
    """
    key = compact(name)
    kind = next((k for pattern, k in _AGENCY_KINDS if pattern.search(key)), None)
    level = next((v for pattern, v in _AGENCY_LEVELS if pattern.search(key)), None)
    return Agency(name=name, kind=kind, level=level)
