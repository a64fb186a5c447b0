"""How an application was handled: one member per leaf row of 三、本年度办理结果.

Tabulating requests into the annual report is exact by construction: every reply has exactly one
:class:`Outcome`, and every outcome is one row of the national table (2021 format). The 2019 trial
format had a single 其他处理 row; :attr:`Outcome.trial_row_code` says where each outcome falls
there.
"""

from __future__ import annotations

from govdisclosure.model.base import LabelledEnum

__all__ = ["Outcome", "OutcomeGroup"]


class OutcomeGroup(LabelledEnum):
    """The seven categories （一）…（六） of 三、本年度办理结果 (（七）总计 is their sum).

    >>> OutcomeGroup.WITHHELD.numbered_label
    '（三）不予公开'
    """

    GRANTED = "granted", "予以公开", "granted"
    PARTIALLY_GRANTED = "partially-granted", "部分公开", "partially granted"
    WITHHELD = "withheld", "不予公开", "withheld"
    UNABLE_TO_PROVIDE = "unable-to-provide", "无法提供", "unable to provide"
    NOT_PROCESSED = "not-processed", "不予处理", "not processed"
    OTHER = "other", "其他处理", "otherwise handled"

    @property
    def number(self) -> str:
        """The heading number as printed: （一） to （六）."""
        return _GROUP_NUMBERS[self]

    @property
    def numbered_label(self) -> str:
        """Number and label as printed in the form, e.g. （三）不予公开."""
        return f"{self.number}{self.label}"


_GROUP_NUMBERS = dict(
    zip(OutcomeGroup, ("（一）", "（二）", "（三）", "（四）", "（五）", "（六）"), strict=True)
)


class Outcome(LabelledEnum):
    """A final reply's outcome, i.e. one leaf row of table 3 in the 2021 format.

    ``label`` is the row label exactly as the form prints it (with its number, e.g.
    ``1.属于国家秘密``); ``basis`` is the article of the 2019 regulation the outcome rests on (an
    inference documented in the spec, not an official mapping).

    >>> Outcome.WITHHELD_STATE_SECRET.label
    '1.属于国家秘密'
    >>> Outcome.WITHHELD_STATE_SECRET.group
    <OutcomeGroup.WITHHELD: 'withheld'>
    >>> Outcome.OTHER_OVERDUE_FEE.trial_row_code
    'other'
    """

    GRANTED = "granted", "（一）予以公开", "granted"
    PARTIALLY_GRANTED = (
        "partially-granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "partially granted (counted here only)",
    )
    WITHHELD_STATE_SECRET = "withheld-state-secret", "1.属于国家秘密", "state secret"
    WITHHELD_PROHIBITED_BY_LAW = (
        "withheld-prohibited-by-law",
        "2.其他法律行政法规禁止公开",
        "disclosure prohibited by other laws or administrative regulations",
    )
    WITHHELD_SECURITY_STABILITY = (
        "withheld-security-stability",
        "3.危及“三安全一稳定”",
        "endangers national, public or economic security or social stability",
    )
    WITHHELD_THIRD_PARTY = (
        "withheld-third-party",
        "4.保护第三方合法权益",
        "protects a third party's lawful rights",
    )
    WITHHELD_INTERNAL_AFFAIRS = (
        "withheld-internal-affairs",
        "5.属于三类内部事务信息",
        "internal affairs information",
    )
    WITHHELD_PROCESS_INFORMATION = (
        "withheld-process-information",
        "6.属于四类过程性信息",
        "process information",
    )
    WITHHELD_ENFORCEMENT_FILE = (
        "withheld-enforcement-file",
        "7.属于行政执法案卷",
        "administrative enforcement case file",
    )
    WITHHELD_ADMINISTRATIVE_QUERY = (
        "withheld-administrative-query",
        "8.属于行政查询事项",
        "administrative query matter",
    )
    UNABLE_NOT_HELD = (
        "unable-not-held",
        "1.本机关不掌握相关政府信息",
        "the agency does not hold the information",
    )
    UNABLE_NEEDS_CREATION = (
        "unable-needs-creation",
        "2.没有现成信息需要另行制作",
        "no existing information; it would have to be created",
    )
    UNABLE_STILL_UNCLEAR = (
        "unable-still-unclear",
        "3.补正后申请内容仍不明确",
        "still unclear after correction",
    )
    NOT_PROCESSED_PETITION = (
        "not-processed-petition",
        "1.信访举报投诉类申请",
        "petition, report or complaint",
    )
    NOT_PROCESSED_REPEATED = "not-processed-repeated", "2.重复申请", "repeated application"
    NOT_PROCESSED_PUBLICATION = (
        "not-processed-publication",
        "3.要求提供公开出版物",
        "asks for a public publication",
    )
    NOT_PROCESSED_EXCESSIVE = (
        "not-processed-excessive",
        "4.无正当理由大量反复申请",
        "mass or repeated applications without good reason",
    )
    NOT_PROCESSED_CONFIRMATION = (
        "not-processed-confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        "asks the agency to confirm or reissue information already obtained",
    )
    OTHER_OVERDUE_CORRECTION = (
        "other-overdue-correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "not handled further: no correction within the period",
    )
    OTHER_OVERDUE_FEE = (
        "other-overdue-fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "not handled further: fee not paid within the period",
    )
    OTHER_OTHER = "other-other", "3.其他", "other"

    @property
    def group(self) -> OutcomeGroup:
        """The category （一）…（六） the row belongs to."""
        return _GROUP_OF[self]

    @property
    def basis(self) -> str:
        """The article(s) of the 2019 regulation this outcome rests on (an inference)."""
        return _BASIS[self]

    @property
    def trial_row_code(self) -> str:
        """The row code of this outcome in the 2019 trial format (其他处理 had no sub-rows)."""
        return "other" if self.group is OutcomeGroup.OTHER else self.code

    @property
    def is_disclosure(self) -> bool:
        """True when information was (at least partly) provided."""
        return self.group in (OutcomeGroup.GRANTED, OutcomeGroup.PARTIALLY_GRANTED)


def _group(outcome: Outcome) -> OutcomeGroup:
    prefix = outcome.code.split("-", 1)[0]
    return {
        "granted": OutcomeGroup.GRANTED,
        "partially": OutcomeGroup.PARTIALLY_GRANTED,
        "withheld": OutcomeGroup.WITHHELD,
        "unable": OutcomeGroup.UNABLE_TO_PROVIDE,
        "not": OutcomeGroup.NOT_PROCESSED,
        "other": OutcomeGroup.OTHER,
    }[prefix]


_GROUP_OF = {o: _group(o) for o in Outcome}

_BASIS = {
    Outcome.GRANTED: "第三十六条第（一）（二）项",
    Outcome.PARTIALLY_GRANTED: "第三十七条",
    Outcome.WITHHELD_STATE_SECRET: "第十四条",
    Outcome.WITHHELD_PROHIBITED_BY_LAW: "第十四条",
    Outcome.WITHHELD_SECURITY_STABILITY: "第十四条",
    Outcome.WITHHELD_THIRD_PARTY: "第十五条",
    Outcome.WITHHELD_INTERNAL_AFFAIRS: "第十六条第一款",
    Outcome.WITHHELD_PROCESS_INFORMATION: "第十六条第二款",
    Outcome.WITHHELD_ENFORCEMENT_FILE: "第十六条第二款",
    Outcome.WITHHELD_ADMINISTRATIVE_QUERY: "第三十六条第（七）项",
    Outcome.UNABLE_NOT_HELD: "第三十六条第（四）（五）项",
    Outcome.UNABLE_NEEDS_CREATION: "第三十八条",
    Outcome.UNABLE_STILL_UNCLEAR: "第三十条",
    Outcome.NOT_PROCESSED_PETITION: "第三十九条第一款",
    Outcome.NOT_PROCESSED_REPEATED: "第三十六条第（六）项",
    Outcome.NOT_PROCESSED_PUBLICATION: "第三十九条第二款",
    Outcome.NOT_PROCESSED_EXCESSIVE: "第三十五条",
    Outcome.NOT_PROCESSED_CONFIRMATION: "",
    Outcome.OTHER_OVERDUE_CORRECTION: "第三十条",
    Outcome.OTHER_OVERDUE_FEE: "第四十二条",
    Outcome.OTHER_OTHER: "",
}
