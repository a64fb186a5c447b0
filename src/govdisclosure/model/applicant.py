"""Who asks: the applicant columns of the national table, and how an application arrives."""

from __future__ import annotations

import re
from datetime import date

import attrs

from govdisclosure.model.base import FieldEnum, InvalidValue, LabelledEnum, field, optional_text

__all__ = [
    "Applicant",
    "ApplicantKind",
    "SubmissionMethod",
    "is_resident_id",
]


class ApplicantKind(FieldEnum):
    """The six applicant columns of table 3 (申请人情况); the seventh column, 总计, is their sum.

    The last five are the sub-columns of 法人或其他组织 (legal persons or other organisations).
    Each member's :attr:`~govdisclosure.model.base.FieldEnum.attribute` is the field of
    :class:`~govdisclosure.model.tables.ApplicantCounts` holding its column.

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


_LOOKS_LIKE_RESIDENT_ID = re.compile(r"[0-9]{17}[0-9Xx]|[0-9]{15}")


def is_resident_id(value: str) -> bool:
    """Whether ``value`` is a valid resident identity card number (居民身份证号码).

    An 18-character number is checked with :mod:`stdnum.cn.ric` (place code, date of birth,
    check digit); a 15-digit number of the first generation (1984-2004, no check digit) has its
    date of birth (``19YYMMDD``) checked.

    >>> is_resident_id("11010519491231002X"), is_resident_id("110105194912310021")
    (True, False)
    >>> is_resident_id("110105491231002"), is_resident_id("110105491331002")
    (True, False)
    """
    if not _LOOKS_LIKE_RESIDENT_ID.fullmatch(value):
        return False
    if len(value) == 15:
        try:
            date(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]))
        except ValueError:
            return False
        return True
    from stdnum.cn import ric

    valid: bool = ric.is_valid(value)
    return valid


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
        "Identity document number (or an organisation's credit code). Text that looks like a"
        " resident identity card number (18 characters, digits and a final X, or 15 digits) must"
        " be a valid one: date of birth and check digit (GB 11643).",
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

    def __attrs_post_init__(self) -> None:
        # Checked here rather than by a field validator: JSON Schema cannot say a check digit,
        # and every field validator must have a schema rule (tests/interchange/test_schema.py).
        number = self.id_number
        looks_like_one = number is not None and _LOOKS_LIKE_RESIDENT_ID.fullmatch(number)
        if looks_like_one and not is_resident_id(number):  # type: ignore[arg-type]
            # The number itself is personal data: the message does not repeat it.
            raise InvalidValue(
                "id_number",
                "looks like a resident identity card number (居民身份证号码) but its date of"
                " birth or check digit is wrong",
                "形似居民身份证号码，但出生日期或校验码有误",
            )
