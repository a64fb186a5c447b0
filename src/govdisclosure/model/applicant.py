"""Who asks: the applicant columns of the national table, and how an application arrives."""

from __future__ import annotations

import attrs

from govdisclosure.model.base import LabelledEnum, field, optional_text

__all__ = ["Applicant", "ApplicantKind", "SubmissionMethod"]


class ApplicantKind(LabelledEnum):
    """The six applicant columns of table 3 (申请人情况); the seventh column, 总计, is their sum.

    The last five are the sub-columns of 法人或其他组织 (legal persons or other organisations).

    >>> ApplicantKind.NATURAL_PERSON.label
    '自然人'
    >>> [k.label for k in ApplicantKind if k.is_organisation]
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']
    """

    NATURAL_PERSON = "natural-person", "自然人", "natural person"
    COMMERCIAL_ENTERPRISE = "commercial-enterprise", "商业企业", "commercial enterprise"
    RESEARCH_INSTITUTION = "research-institution", "科研机构", "research institution"
    SOCIAL_WELFARE_ORGANISATION = (
        "social-welfare-organisation",
        "社会公益组织",
        "social welfare organisation",
    )
    LEGAL_SERVICE_INSTITUTION = (
        "legal-service-institution",
        "法律服务机构",
        "legal service institution",
    )
    OTHER_ORGANISATION = "other", "其他", "other organisation"

    @property
    def attribute(self) -> str:
        """The field of :class:`~govdisclosure.model.tables.ApplicantCounts` holding this column.

        Codes on the wire are kebab-case; attributes are Python names.

        >>> ApplicantKind.NATURAL_PERSON.code, ApplicantKind.NATURAL_PERSON.attribute
        ('natural-person', 'natural_person')
        """
        return self._value_.replace("-", "_")

    @classmethod
    def legacy_codes(cls) -> dict[str, ApplicantKind]:
        """The snake_case codes of schema version 1 (``natural_person``)."""
        return {m._value_.replace("-", "_"): m for m in cls if "-" in m._value_}

    @property
    def is_organisation(self) -> bool:
        """True for the five 法人或其他组织 columns."""
        return self is not ApplicantKind.NATURAL_PERSON

    @property
    def group_label(self) -> str:
        """The column group: 自然人 or 法人或其他组织."""
        return "法人或其他组织" if self.is_organisation else "自然人"


class SubmissionMethod(LabelledEnum):
    """How an application reached the agency (Art. 29 and Art. 31 of the 2019 regulation).

    The method decides the date of receipt: the day of submission in person, the day the agency
    signs for a letter, the day both sides confirm an online or fax application.

    >>> SubmissionMethod.POST.label
    '邮寄'
    """

    IN_PERSON = "in-person", "当面提交", "in person"
    POST = "post", "邮寄", "by post"
    ONLINE = "online", "互联网渠道", "online"
    FAX = "fax", "传真", "by fax"
    EMAIL = "email", "电子邮件", "by email"
    ORAL = "oral", "口头提出", "orally (form filled in by the agency)"
    OTHER = "other", "其他", "other"


@attrs.frozen
class Applicant:
    """The person or organisation that applied.

    Name, identity number and contact details are personal data: they are marked ``personal`` in
    field metadata and left out of exports unless asked for explicitly.

    >>> Applicant(ApplicantKind.NATURAL_PERSON).kind.label
    '自然人'
    """

    kind: ApplicantKind = field("申请人类型", "Which column of table 3 the applicant counts in.")
    name: str | None = field(
        "姓名或者名称",
        "Name of the person or organisation.",
        default=None,
        validator=optional_text,
        personal=True,
    )
    id_number: str | None = field(
        "身份证明",
        "Identity document number (or an organisation's credit code).",
        default=None,
        validator=optional_text,
        personal=True,
    )
    contact: str | None = field(
        "联系方式",
        "Address, telephone or email.",
        default=None,
        validator=optional_text,
        personal=True,
    )
