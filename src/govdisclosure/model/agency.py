"""Administrative agencies (行政机关) and the identifiers they carry."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import attrs

from govdisclosure.model.base import (
    InvalidValue,
    LabelledEnum,
    field,
    optional_text,
    optional_url,
    text,
)
from govdisclosure.model.guide import DisclosureGuide

__all__ = ["Agency", "AgencyKind", "AgencyLevel", "RegionCode"]


class AgencyLevel(LabelledEnum):
    """The tier of government an agency belongs to (as the regulation names the tiers).

    No official code list exists; this enum is built from the levels the texts name.

    >>> AgencyLevel.PREFECTURE.label
    '设区的市级'
    """

    STATE_COUNCIL = "state-council", "国务院", "State Council"
    CENTRAL_DEPARTMENT = "central-department", "国务院部门", "central government department"
    PROVINCE = "province", "省级", "province-level"
    PREFECTURE = "prefecture", "设区的市级", "prefecture-level city"
    COUNTY = "county", "县级", "county-level"
    TOWNSHIP = "township", "乡（镇）", "township"


class AgencyKind(LabelledEnum):
    """What sort of body the agency is (Arts. 10, 49 and 54 of the 2019 regulation).

    >>> AgencyKind.AUTHORISED_ORGANISATION.label
    '法律、法规授权的具有管理公共事务职能的组织'
    """

    PEOPLES_GOVERNMENT = "peoples-government", "人民政府", "people's government"
    GENERAL_OFFICE = "general-office", "人民政府办公厅（室）", "government general office"
    DEPARTMENT = "department", "人民政府部门", "government department"
    DISPATCHED_BODY = "dispatched-body", "派出机构", "dispatched body"
    INTERNAL_UNIT = "internal-unit", "内设机构", "internal unit"
    AUTHORISED_ORGANISATION = (
        "authorised-organisation",
        "法律、法规授权的具有管理公共事务职能的组织",
        "organisation authorised by law to manage public affairs",
    )
    PUBLIC_INSTITUTION = "public-institution", "公共企事业单位", "public enterprise or institution"


# Province-level prefixes of GB/T 2260 (the first two digits, matching ISO 3166-2:CN).
_PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)
_SIX_DIGITS = re.compile(r"[0-9]{6}")  # fullmatch: "$" would let a final "\n" through


@attrs.frozen
class RegionCode:
    """A GB/T 2260 administrative division code (行政区划代码), checked for structure.

    Codes are withdrawn when a division changes and never reused, so a code is kept with the day
    (or edition) it is valid for when that is known.

    >>> RegionCode("320800").province
    '320000'
    >>> RegionCode("320800").level
    <AgencyLevel.PREFECTURE: 'prefecture'>
    >>> RegionCode("990000")
    Traceback (most recent call last):
    ...
    govdisclosure.errors.InvalidValue: code: ...99... is not a province-level prefix ...
    """

    code: str = field("行政区划代码", "Six-digit GB/T 2260 code.")
    as_of: date | None = field(
        "代码适用日期", "The day (or edition date) the code is known to be valid for.", default=None
    )

    @code.validator
    def _check(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not _SIX_DIGITS.fullmatch(value):
            raise InvalidValue(
                attribute.name,
                f"expected six digits, got {value!r}",
                f"应为6位数字，实际为{value!r}",
            )
        if value[:2] not in _PROVINCES:
            raise InvalidValue(
                attribute.name,
                f"{value[:2]!r} is not a province-level prefix of GB/T 2260",
                f"{value[:2]!r}不是GB/T 2260规定的省级代码",
            )
        if value[2:4] == "00" and value[4:] != "00":
            raise InvalidValue(
                attribute.name,
                f"{value!r} has a county part but no prefecture part",
                f"{value!r}有县级代码但缺少地级代码",
            )

    @property
    def province(self) -> str:
        """The code of the province-level division it lies in."""
        return self.code[:2] + "0000"

    @property
    def level(self) -> AgencyLevel:
        """Province, prefecture or county, read from which digits are zero."""
        if self.code[2:] == "0000":
            return AgencyLevel.PROVINCE
        if self.code[4:] == "00":
            return AgencyLevel.PREFECTURE
        return AgencyLevel.COUNTY


def _credit_code(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise InvalidValue(
            attribute.name, f"expected text, got {value!r}", f"应为文本，实际为{value!r}"
        )
    # Imported here: python-stdnum pulls in ssl and pydoc, a quarter of the import time.
    from stdnum.cn import uscc
    from stdnum.exceptions import ValidationError as StdnumValidationError

    try:
        checked = uscc.validate(value)
    except StdnumValidationError as exc:
        raise InvalidValue(
            attribute.name,
            f"{value!r} is not a valid unified social credit code ({exc})",
            f"{value!r}不是有效的统一社会信用代码",
        ) from None
    if checked != value:
        # Kept exactly as given elsewhere; here only the canonical form is accepted so that
        # two spellings of one code never compare unequal.
        raise InvalidValue(
            attribute.name,
            f"write the credit code without spaces or separators: {checked!r}",
            f"统一社会信用代码请去掉空格和分隔符：{checked!r}",
        )


@attrs.frozen(kw_only=True)
class Agency:
    """An administrative agency that discloses information and publishes an annual report.

    >>> hrss = Agency(
    ...     name="四川省人力资源和社会保障厅",
    ...     level=AgencyLevel.PROVINCE,
    ...     kind=AgencyKind.DEPARTMENT,
    ...     parent="四川省人民政府",
    ...     region=RegionCode("510000"),
    ... )
    >>> hrss.region.code
    '510000'
    """

    name: str = field("机关名称", "Full official name.", validator=text)
    level: AgencyLevel | None = field("层级", "Tier of government.", default=None)
    kind: AgencyKind | None = field("机关类型", "What sort of body it is.", default=None)
    aliases: tuple[str, ...] = field(
        "简称或别名", "Other names the agency is known by (short forms, former names).", default=()
    )
    parent: str | None = field(
        "上级机关",
        "Name of the agency it belongs to or reports to.",
        default=None,
        validator=optional_text,
    )
    region: RegionCode | None = field(
        "行政区划", "The division it governs or sits in.", default=None
    )
    credit_code: str | None = field(
        "统一社会信用代码",
        "GB 32100 unified social credit code (check character verified).",
        default=None,
        validator=_credit_code,
    )
    website: str | None = field(
        "网站", "Address of its website.", default=None, validator=optional_url
    )
    guide: DisclosureGuide | None = field(
        "政府信息公开指南",
        "Its disclosure guide: receiving offices, how to apply, the catalogue (2019 Art. 12).",
        default=None,
    )
