"""The agency's disclosure guide (政府信息公开指南) and the offices that receive applications.

Art. 12 of the 2019 Regulation: an agency compiles and publishes a 政府信息公开指南 and a
政府信息公开目录 and keeps them up to date. The guide gives 政府信息的分类、编排体系、获取方式 and,
for the 政府信息公开工作机构, its 名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式; the
catalogue gives each item's 索引、名称、内容概述、生成日期 [CONFIRMED R2019]. Where applications go
(the 受理机构, Art. 29) and how letters must be marked are what guides print in practice; their
fields here follow those guides [INFERENCE: no national template of the guide is known].

>>> office = ReceivingOffice(
...     name="某市人民政府办公室政府信息公开科",
...     address="某市人民路1号",
...     postcode="223001",
...     hours="工作日上午8:30—12:00，下午14:30—17:30",
...     phones=("0517-83601234",),
...     email="gk@example.gov.cn",
...     methods=(SubmissionMethod.IN_PERSON, SubmissionMethod.POST, SubmissionMethod.ONLINE),
... )
>>> guide = DisclosureGuide(offices=(office,), catalogue_url="https://www.example.gov.cn/ml/")
>>> guide.office_for(SubmissionMethod.POST).name
'某市人民政府办公室政府信息公开科'
"""

from __future__ import annotations

from datetime import date

import attrs

from govdisclosure.model.applicant import SubmissionMethod
from govdisclosure.model.base import (
    field,
    optional_email,
    optional_phone,
    optional_postcode,
    optional_text,
    optional_url,
    phone_numbers,
    text,
)

__all__ = ["DisclosureGuide", "ReceivingOffice"]


@attrs.frozen(kw_only=True)
class ReceivingOffice:
    """An office that receives applications (受理机构), with the contact details the guide prints.

    ``methods`` lists the channels it accepts (empty: not stated). Telephone and fax numbers are
    kept as printed (``0517-83601234``, ``(010)12345678``, ``12345``), checked for shape only.

    >>> ReceivingOffice(name="信息公开办", phones=("abc",))
    Traceback (most recent call last):
    ...
    govdisclosure.errors.InvalidValue: phones: expected a telephone number ...
    """

    name: str = field("受理机构名称", "Name of the receiving office.", validator=text)
    address: str | None = field(
        "办公地址", "Street address (visits, letters).", default=None, validator=optional_text
    )
    postcode: str | None = field(
        "邮政编码", "Six-digit postal code.", default=None, validator=optional_postcode
    )
    hours: str | None = field(
        "办公时间", "Office hours, as printed.", default=None, validator=optional_text
    )
    phones: tuple[str, ...] = field(
        "联系电话", "Telephone numbers, as printed.", default=(), validator=phone_numbers
    )
    fax: str | None = field("传真号码", "Fax number.", default=None, validator=optional_phone)
    email: str | None = field(
        "电子邮箱",
        "E-mail address for applications or enquiries.",
        default=None,
        validator=optional_email,
    )
    online_url: str | None = field(
        "网上申请平台",
        "Address of the online application platform.",
        default=None,
        validator=optional_url,
    )
    postal_rules: str | None = field(
        "邮寄要求",
        "What a letter must say or carry (e.g. 信封注明“政府信息公开申请”).",
        default=None,
        validator=optional_text,
    )
    methods: tuple[SubmissionMethod, ...] = field(
        "受理方式", "The channels the office accepts (empty: not stated).", default=()
    )

    def accepts(self, method: SubmissionMethod) -> bool | None:
        """Whether the office accepts ``method``; ``None`` when the guide does not say.

        >>> ReceivingOffice(name="信息公开办").accepts(SubmissionMethod.FAX) is None
        True
        """
        if not self.methods:
            return None
        return method in self.methods


@attrs.frozen(kw_only=True)
class DisclosureGuide:
    """An agency's 政府信息公开指南 (2019 Art. 12): its offices, how to apply, the catalogue.

    >>> DisclosureGuide(url="ftp://x")
    Traceback (most recent call last):
    ...
    govdisclosure.errors.InvalidValue: url: expected an absolute http(s) URL, got 'ftp://x' ...
    """

    title: str | None = field(
        "指南名称", "Title as published.", default=None, validator=optional_text
    )
    url: str | None = field(
        "指南网址", "Where the guide is published.", default=None, validator=optional_url
    )
    updated_on: date | None = field(
        "更新日期", "The day the guide was last published or updated.", default=None
    )
    classification: str | None = field(
        "政府信息的分类、编排体系",
        "How the agency's information is classified and arranged, as the guide says.",
        default=None,
        validator=optional_text,
    )
    access: str | None = field(
        "获取方式",
        "How information is obtained (proactive channels, application), as the guide says.",
        default=None,
        validator=optional_text,
    )
    offices: tuple[ReceivingOffice, ...] = field(
        "政府信息公开工作机构",
        "The offices that receive applications, main office first.",
        default=(),
    )
    catalogue_title: str | None = field(
        "政府信息公开目录",
        "Title of the disclosure catalogue.",
        default=None,
        validator=optional_text,
    )
    catalogue_url: str | None = field(
        "政府信息公开目录网址",
        "Where the catalogue is published.",
        default=None,
        validator=optional_url,
    )

    def office_for(self, method: SubmissionMethod) -> ReceivingOffice | None:
        """The first office that accepts ``method``, else the first whose methods are not
        stated, else ``None``.

        >>> DisclosureGuide().office_for(SubmissionMethod.ONLINE) is None
        True
        """
        unstated = None
        for office in self.offices:
            accepts = office.accepts(method)
            if accepts:
                return office
            if accepts is None and unstated is None:
                unstated = office
        return unstated
