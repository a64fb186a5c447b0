"""A catalogue of malformed documents and the exact errors they must produce.

Each case names the model class the document is read as, the document (a JSON-ready value, or
raw bytes for JSON syntax errors) and every :class:`~govdisclosure.errors.ErrorDetail` expected,
as ``(path, message, message_zh)`` triples in the order reported (document order).

Every case is read both from JSON bytes and (when it is a JSON-ready value) with
:func:`~govdisclosure.serialize.from_dict`, and must give exactly the same errors: arrays and
objects of the wrong JSON type are reported at their own path ("expected an array, got ..." /
"expected an object, got ..."), never by iterating a string or leaking an ``AttributeError``.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson
import pytest

from common import consulted_request
from govdisclosure.errors import ErrorDetail, GovDisclosureError, ValidationError
from govdisclosure.model import (
    Agency,
    AgencyLevel,
    AnnualReport,
    AnnualReport2008,
    AnnualReport2019,
    AnnualReport2021,
    ApplicationTable,
    DisclosureRequest,
    FormatVersion,
    Money,
    ProactiveTable2021,
    Quantity,
    Reconsideration,
    RegionCode,
    RequestEvent,
    ReviewTable,
    Section,
)
from govdisclosure.model.outcome import Outcome
from govdisclosure.serialize import from_dict, from_json, registered_tags, to_dict

if TYPE_CHECKING:
    from collections.abc import Callable

Path = tuple[str | int, ...]
Expected = tuple[tuple[str, str, str], ...]

# --- valid documents the cases start from ---------------------------------------------------------

_REPORT = to_dict(
    AnnualReport2021(
        agency=Agency(
            name="淮安市人民政府",
            level=AgencyLevel.PREFECTURE,
            region=RegionCode("320800"),
        ),
        year=2024,
        proactive=ProactiveTable2021(fee_amount=Decimal("96171.6")),
        applications=ApplicationTable.blank(FormatVersion.NATIONAL_2021),
        reviews=ReviewTable(),
    )
)
_REQUEST = to_dict(consulted_request())
_MONEY = to_dict(Money(Decimal("3940")))
_QUANTITY = to_dict(Quantity(337, "条"))
_REGION = to_dict(RegionCode("320800"))
_SECTION = to_dict(
    Section(heading="一、总体情况", subsections=(Section(heading="（一）主动公开"),))
)
_TRIAL_TABLE = {
    k: v
    for k, v in to_dict(ApplicationTable.blank(FormatVersion.TRIAL_2019)).items()
    if k != "schema_version"
}
_CASE = {
    "schema_version": 2,
    "type": "reconsideration",
    "id": "R1",
    "filed_on": "2024-03-01",
    "result": "maintained",
    "decided_on": "2024-04-20",
}
_LEGACY = {
    "schema_version": 2,
    "type": "annual-report-2008",
    "agency": {"type": "agency", "name": "四川省人力资源和社会保障厅"},
    "year": 2013,
    "statistics": [{"indicator": "主动公开信息数", "unit": "条", "this_year": 72804}],
}


def _set(doc: dict[str, Any], path: Path, value: Any) -> dict[str, Any]:
    """A deep copy of ``doc`` with the value at ``path`` replaced."""
    new = copy.deepcopy(doc)
    target: Any = new
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return new


def _del(doc: dict[str, Any], path: Path) -> dict[str, Any]:
    """A deep copy of ``doc`` without the key at ``path``."""
    new = copy.deepcopy(doc)
    target: Any = new
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]
    return new


def _edit(doc: dict[str, Any], *edits: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    new = copy.deepcopy(doc)
    for edit in edits:
        edit(new)
    return new


def _rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = doc["applications"]["rows"]
    return rows


def _swap_first_rows(doc: dict[str, Any]) -> None:
    rows = _rows(doc)
    rows[0], rows[1] = rows[1], rows[0]


def _drop_row_3(doc: dict[str, Any]) -> None:
    del _rows(doc)[3]


def _repeat_row_2(doc: dict[str, Any]) -> None:
    _rows(doc)[3]["row"] = "granted"


# Tag lists depend on what is registered (other tests register their own event kinds), so the
# expected messages name them with a token replaced when the case is checked.
_EVENT_TAGS = "<EVENT_TAGS>"
_REPORT_TAGS = "<REPORT_TAGS>"
_BUILT_IN_EVENT_TAGS = (
    "consultation-answered, consultation-started, correction-received, correction-requested, "
    "extended, fee-notice-issued, fee-paid, replied, transferred, withdrawn"
)
_NOT_JSON_EN = "not valid JSON: "
_NOT_JSON_ZH = "JSON格式错误："
_DECIMAL_EN = (
    'expected a decimal number as a string such as "96171.6"'
    " (at most 30 digits before and after the point), got "
)
_DECIMAL_ZH = '应为字符串形式的十进制数（如"96171.6"，小数点前后各不超过30位），实际为'


class Case(NamedTuple):
    cls: type
    doc: Any
    expected: Expected


CASES: dict[str, Case] = {
    # --- wrong JSON types ----------------------------------------------------------------------
    "string-for-int": Case(
        AnnualReport2021,
        _set(_REPORT, ("year",), "2024"),
        (("$.year", "expected an integer, got '2024'", "应为整数，实际为'2024'"),),
    ),
    "float-for-int": Case(
        AnnualReport2021,
        _set(_REPORT, ("year",), 2024.0),
        (("$.year", "expected an integer, got 2024.0", "应为整数，实际为2024.0"),),
    ),
    "bool-for-count-deep": Case(
        AnnualReport2021,
        _set(_REPORT, ("applications", "rows", 3, "natural_person"), True),
        (
            (
                "$.applications.rows[3].natural_person",
                "expected an integer, got True",
                "应为整数，实际为True",
            ),
        ),
    ),
    "bool-for-working-days": Case(
        DisclosureRequest,
        _set(_REQUEST, ("events", 1, "working_days"), True),
        (("$.events[1].working_days", "expected an integer, got True", "应为整数，实际为True"),),
    ),
    "int-for-string": Case(
        AnnualReport2021,
        _set(_REPORT, ("agency", "name"), 5),
        (("$.agency.name", "expected text, got 5", "应为文本，实际为5"),),
    ),
    "null-for-required-text": Case(
        Section,
        _set(_SECTION, ("heading",), None),
        (("$.heading", "expected text, got None", "应为文本，实际为None"),),
    ),
    "null-in-list-of-text": Case(
        Section,
        _set(_SECTION, ("paragraphs",), ["无。", None]),
        (("$.paragraphs[1]", "expected text, got None", "应为文本，实际为None"),),
    ),
    "int-for-bool": Case(
        DisclosureRequest,
        _set(_REQUEST, ("events", 0, "consents"), 1),
        (("$.events[0].consents", "expected true or false, got 1", "应为true或false，实际为1"),),
    ),
    "list-for-tagged-object": Case(
        DisclosureRequest,
        _set(_REQUEST, ("applicant",), []),
        (("$.applicant", "expected an object, got []", "应为对象，实际为[]"),),
    ),
    "null-for-tagged-object": Case(
        AnnualReport2021,
        _set(_REPORT, ("agency",), None),
        (("$.agency", "expected an object, got None", "应为对象，实际为None"),),
    ),
    "string-for-list": Case(
        AnnualReport2021,
        _set(_REPORT, ("agency", "aliases"), "淮安"),
        (("$.agency.aliases", "expected an array, got '淮安'", "应为数组，实际为'淮安'"),),
    ),
    "object-for-list": Case(
        DisclosureRequest,
        _set(_REQUEST, ("events",), {}),
        (("$.events", "expected an array, got {}", "应为数组，实际为{}"),),
    ),
    "null-for-list": Case(
        AnnualReport2021,
        _set(_REPORT, ("applications", "rows"), None),
        (("$.applications.rows", "expected an array, got None", "应为数组，实际为None"),),
    ),
    "string-for-object": Case(
        AnnualReport2021,
        _set(_REPORT, ("agency", "region"), "320800"),
        (("$.agency.region", "expected an object, got '320800'", "应为对象，实际为'320800'"),),
    ),
    "list-for-object": Case(
        AnnualReport2021,
        _set(_REPORT, ("reviews",), []),
        (("$.reviews", "expected an object, got []", "应为对象，实际为[]"),),
    ),
    "float-for-int-or-decimal": Case(
        Quantity,
        _set(_QUANTITY, ("value",), 1.5),
        (
            (
                "$.value",
                "expected an integer, or a decimal as a string, got 1.5",
                "应为整数或字符串形式的小数，实际为1.5",
            ),
        ),
    ),
    # --- values out of range ----------------------------------------------------------------------
    "negative-count-deep": Case(
        AnnualReport2021,
        _set(_REPORT, ("applications", "rows", 3, "natural_person"), -1),
        (
            (
                "$.applications.rows[3].natural_person",
                "must not be negative, got -1",
                "不能为负数，实际为-1",
            ),
        ),
    ),
    "negative-decimal": Case(
        Money,
        _set(_MONEY, ("amount",), "-1.5"),
        (("$.amount", "must not be negative, got -1.5", "不能为负数，实际为-1.5"),),
    ),
    "year-out-of-range": Case(
        AnnualReport2021,
        _set(_REPORT, ("year",), 2006),
        (
            (
                "$.year",
                "expected a report year from 2007 to 2100, got 2006",
                "报告年度应在2007至2100之间，实际为2006",
            ),
        ),
    ),
    "blank-text-nested": Case(
        Section,
        _set(_SECTION, ("subsections", 0, "heading"), "  "),
        (("$.subsections[0].heading", "must be non-empty text", "不能为空文本"),),
    ),
    "bad-url": Case(
        AnnualReport2021,
        _set(_REPORT, ("agency", "website"), "www.gov.cn"),
        (
            (
                "$.agency.website",
                "expected an absolute http(s) URL, got 'www.gov.cn'",
                "应为以http(s)://开头的完整网址，实际为'www.gov.cn'",
            ),
        ),
    ),
    "url-trailing-newline": Case(
        AnnualReport2021,
        _set(_REPORT, ("agency", "website"), "https://www.gov.cn\n"),
        (
            (
                "$.agency.website",
                "expected an absolute http(s) URL, got 'https://www.gov.cn\\n'",
                "应为以http(s)://开头的完整网址，实际为'https://www.gov.cn\\n'",
            ),
        ),
    ),
    # --- enums and tags ---------------------------------------------------------------------------
    "unknown-enum-code": Case(
        DisclosureRequest,
        _set(_REQUEST, ("method",), "wechat"),
        (
            (
                "$.method",
                (
                    "'wechat' is not a valid SubmissionMethod code;"
                    " expected one of: in-person, post, online, fax, email, oral, other"
                ),
                (
                    "'wechat'不是有效的代码；应为以下之一："
                    "in-person, post, online, fax, email, oral, other"
                ),
            ),
        ),
    ),
    "enum-label-instead-of-code": Case(
        Money,
        _set(_MONEY, ("unit",), "元"),
        (
            (
                "$.unit",
                "'元' is not a valid MoneyUnit code; expected one of: yuan, wan-yuan",
                "'元'不是有效的代码；应为以下之一：yuan, wan-yuan",
            ),
        ),
    ),
    "unknown-type-tag": Case(
        DisclosureRequest,
        _set(_REQUEST, ("events", 1, "type"), "supervised"),
        (
            (
                "$.events[1].type",
                f"expected one of the tags {_EVENT_TAGS}; got 'supervised'",
                f"类型标记应为以下之一：{_EVENT_TAGS}；实际为'supervised'",
            ),
        ),
    ),
    "missing-type-tag": Case(
        DisclosureRequest,
        _del(_REQUEST, ("events", 2, "type")),
        (
            (
                "$.events[2].type",
                f"expected one of the tags {_EVENT_TAGS}; got nothing",
                f"类型标记应为以下之一：{_EVENT_TAGS}；实际为空",
            ),
        ),
    ),
    "tag-of-another-class": Case(
        Reconsideration,
        _set(_CASE, ("type",), "litigation"),
        (
            (
                "$.type",
                "expected one of the tags reconsideration; got 'litigation'",
                "类型标记应为以下之一：reconsideration；实际为'litigation'",
            ),
        ),
    ),
    "report-of-another-format": Case(
        AnnualReport2019,
        _REPORT,
        (
            (
                "$.type",
                "expected one of the tags annual-report-2019; got 'annual-report-2021'",
                "类型标记应为以下之一：annual-report-2019；实际为'annual-report-2021'",
            ),
        ),
    ),
    "non-string-tag-via-base-class": Case(
        AnnualReport,
        _set(_REPORT, ("type",), 2021),
        (
            (
                "$.type",
                f"expected one of the tags {_REPORT_TAGS}; got 2021",
                f"类型标记应为以下之一：{_REPORT_TAGS}；实际为2021",
            ),
        ),
    ),
    # --- keys ------------------------------------------------------------------------------------
    "extra-key-top-level": Case(
        AnnualReport2021,
        _set(_REPORT, ("remarks",), "x"),
        (
            (
                "$.remarks",
                "unknown key 'remarks' for AnnualReport2021",
                "AnnualReport2021不接受键'remarks'",
            ),
        ),
    ),
    "extra-key-nested": Case(
        AnnualReport2021,
        _set(_REPORT, ("agency", "district"), "清江浦区"),
        (("$.agency.district", "unknown key 'district' for Agency", "Agency不接受键'district'"),),
    ),
    "extra-key-in-event": Case(
        DisclosureRequest,
        _set(_REQUEST, ("events", 1, "days"), 20),
        (("$.events[1].days", "unknown key 'days' for Extended", "Extended不接受键'days'"),),
    ),
    "missing-required-field": Case(
        DisclosureRequest,
        _del(_REQUEST, ("description",)),
        (("$.description", "required field is missing", "缺少必填字段"),),
    ),
    "missing-required-nested": Case(
        AnnualReport2021,
        _del(_REPORT, ("agency", "name")),
        (("$.agency.name", "required field is missing", "缺少必填字段"),),
    ),
    # --- dates -----------------------------------------------------------------------------------
    "impossible-date": Case(
        AnnualReport2021,
        _set(_REPORT, ("published_on",), "2024-02-30"),
        (
            (
                "$.published_on",
                "'2024-02-30' is not a real calendar date",
                "'2024-02-30'不是有效日期",
            ),
        ),
    ),
    "impossible-month-in-event": Case(
        DisclosureRequest,
        _set(_REQUEST, ("events", 0, "on"), "2024-13-01"),
        (
            (
                "$.events[0].on",
                "'2024-13-01' is not a real calendar date",
                "'2024-13-01'不是有效日期",
            ),
        ),
    ),
    "date-without-dashes": Case(
        DisclosureRequest,
        _set(_REQUEST, ("received_on",), "20240131"),
        (
            (
                "$.received_on",
                "expected a date as YYYY-MM-DD, got '20240131'",
                "应为YYYY-MM-DD格式的日期，实际为'20240131'",
            ),
        ),
    ),
    "date-with-slashes": Case(
        DisclosureRequest,
        _set(_REQUEST, ("received_on",), "2024/01/31"),
        (
            (
                "$.received_on",
                "expected a date as YYYY-MM-DD, got '2024/01/31'",
                "应为YYYY-MM-DD格式的日期，实际为'2024/01/31'",
            ),
        ),
    ),
    "date-without-padding": Case(
        RegionCode,
        _set(_REGION, ("as_of",), "2024-1-1"),
        (
            (
                "$.as_of",
                "expected a date as YYYY-MM-DD, got '2024-1-1'",
                "应为YYYY-MM-DD格式的日期，实际为'2024-1-1'",
            ),
        ),
    ),
    "decided-before-filed": Case(
        Reconsideration,
        _set(_CASE, ("decided_on",), "2024-02-01"),
        (
            (
                "$.decided_on",
                "decided on 2024-02-01, before it was filed (2024-03-01)",
                "审结日期2024-02-01早于立案日期2024-03-01",
            ),
        ),
    ),
    "pending-with-decision-date": Case(
        Reconsideration,
        _set(_CASE, ("result",), "pending"),
        (("$.decided_on", "a pending case has no decision date", "尚未审结的案件不应有审结日期"),),
    ),
    # --- identifiers (validators reported at the field path) ------------------------------------
    "bad-credit-code": Case(
        AnnualReport2021,
        _set(_REPORT, ("agency", "credit_code"), "91310115MA1G4L1WXK"),
        (
            (
                "$.agency.credit_code",
                (
                    "'91310115MA1G4L1WXK' is not a valid unified social credit code"
                    " (The number's checksum or check digit is invalid.)"
                ),
                "'91310115MA1G4L1WXK'不是有效的统一社会信用代码",
            ),
        ),
    ),
    "credit-code-with-spaces": Case(
        AnnualReport2021,
        _set(_REPORT, ("agency", "credit_code"), "91110000 600037341L"),
        (
            (
                "$.agency.credit_code",
                "write the credit code without spaces or separators: '91110000600037341L'",
                "统一社会信用代码请去掉空格和分隔符：'91110000600037341L'",
            ),
        ),
    ),
    "bad-region-prefix": Case(
        AnnualReport2021,
        _set(_REPORT, ("agency", "region", "code"), "990000"),
        (
            (
                "$.agency.region.code",
                "'99' is not a province-level prefix of GB/T 2260",
                "'99'不是GB/T 2260规定的省级代码",
            ),
        ),
    ),
    "region-code-five-digits": Case(
        RegionCode,
        _set(_REGION, ("code",), "12345"),
        (("$.code", "expected six digits, got '12345'", "应为6位数字，实际为'12345'"),),
    ),
    "region-code-trailing-newline": Case(
        RegionCode,
        _set(_REGION, ("code",), "320800\n"),
        (("$.code", "expected six digits, got '320800\\n'", "应为6位数字，实际为'320800\\n'"),),
    ),
    "region-county-without-prefecture": Case(
        RegionCode,
        _set(_REGION, ("code",), "320080"),
        (
            (
                "$.code",
                "'320080' has a county part but no prefecture part",
                "'320080'有县级代码但缺少地级代码",
            ),
        ),
    ),
    "extension-of-zero-days": Case(
        DisclosureRequest,
        _set(_REQUEST, ("events", 1, "working_days"), 0),
        (
            (
                "$.events[1].working_days",
                "an extension is a positive number of working days, got 0",
                "延长期限应为正整数个工作日，实际为0",
            ),
        ),
    ),
    # --- schema_version and the document itself -----------------------------------------------
    "schema-version-3": Case(
        Money,
        _set(_MONEY, ("schema_version",), 3),
        (
            (
                "$.schema_version",
                "expected schema_version 1 or 2, got 3",
                "schema_version应为1或2，实际为3",
            ),
        ),
    ),
    "schema-version-string": Case(
        Money,
        _set(_MONEY, ("schema_version",), "1"),
        (
            (
                "$.schema_version",
                "expected schema_version 1 or 2, got '1'",
                "schema_version应为1或2，实际为'1'",
            ),
        ),
    ),
    "schema-version-true": Case(
        Money,
        _set(_MONEY, ("schema_version",), True),
        (
            (
                "$.schema_version",
                "expected schema_version 1 or 2, got True",
                "schema_version应为1或2，实际为True",
            ),
        ),
    ),
    "schema-version-missing": Case(
        Money,
        _del(_MONEY, ("schema_version",)),
        (
            (
                "$.schema_version",
                "expected schema_version 1 or 2, got nothing",
                "schema_version应为1或2，实际为空",
            ),
        ),
    ),
    "truncated-json": Case(
        Money,
        b'{"schema_version":2,"amount":"1"',
        (
            (
                "$",
                _NOT_JSON_EN + "unexpected end of data: line 1 column 33 (char 32)",
                _NOT_JSON_ZH + "unexpected end of data: line 1 column 33 (char 32)",
            ),
        ),
    ),
    "trailing-comma": Case(
        Money,
        b'{"schema_version":2,"amount":"1",}',
        (
            (
                "$",
                _NOT_JSON_EN + "trailing comma is not allowed: line 1 column 33 (char 32)",
                _NOT_JSON_ZH + "trailing comma is not allowed: line 1 column 33 (char 32)",
            ),
        ),
    ),
    "top-level-list": Case(
        Money,
        [_MONEY],
        (("$", "expected a JSON object", "应为JSON对象"),),
    ),
    "top-level-string": Case(Money, "3940", (("$", "expected a JSON object", "应为JSON对象"),)),
    # --- decimals --------------------------------------------------------------------------------
    "decimal-as-number": Case(
        Money,
        _set(_MONEY, ("amount",), 3940),
        (("$.amount", _DECIMAL_EN + "3940", _DECIMAL_ZH + "3940"),),
    ),
    "decimal-as-float-nested": Case(
        AnnualReport2021,
        _set(_REPORT, ("proactive", "fee_amount"), 96171.6),
        (("$.proactive.fee_amount", _DECIMAL_EN + "96171.6", _DECIMAL_ZH + "96171.6"),),
    ),
    "decimal-nan": Case(
        Money,
        _set(_MONEY, ("amount",), "NaN"),
        (("$.amount", _DECIMAL_EN + "'NaN'", _DECIMAL_ZH + "'NaN'"),),
    ),
    "decimal-infinity": Case(
        Money,
        _set(_MONEY, ("amount",), "Infinity"),
        (("$.amount", _DECIMAL_EN + "'Infinity'", _DECIMAL_ZH + "'Infinity'"),),
    ),
    "decimal-exponent": Case(
        Money,
        _set(_MONEY, ("amount",), "1e5"),
        (("$.amount", _DECIMAL_EN + "'1e5'", _DECIMAL_ZH + "'1e5'"),),
    ),
    "decimal-nan-for-int-or-decimal": Case(
        Quantity,
        _set(_QUANTITY, ("value",), "NaN"),
        (("$.value", _DECIMAL_EN + "'NaN'", _DECIMAL_ZH + "'NaN'"),),
    ),
    "legacy-value-wrong-type": Case(
        AnnualReport2008,
        _set(_LEGACY, ("statistics", 0, "this_year"), "七万"),
        (("$.statistics[0].this_year", _DECIMAL_EN + "'七万'", _DECIMAL_ZH + "'七万'"),),
    ),
    "legacy-value-float": Case(
        AnnualReport2008,
        _set(_LEGACY, ("statistics", 0, "cumulative"), 5.0),
        (
            (
                "$.statistics[0].cumulative",
                "expected an integer, or a decimal as a string, got 5.0",
                "应为整数或字符串形式的小数，实际为5.0",
            ),
        ),
    ),
    # --- table 3 ---------------------------------------------------------------------------------
    "table-3-row-missing": Case(
        AnnualReport2021,
        _edit(_REPORT, _drop_row_3),
        (
            (
                "$.applications",
                (
                    "table 3 must have the 25 rows of format 2021 in order"
                    " (missing ['partially-granted'])"
                ),
                "表三应按2021年格式依次包含25行",
            ),
        ),
    ),
    "table-3-out-of-order": Case(
        AnnualReport2021,
        _edit(_REPORT, _swap_first_rows),
        (
            (
                "$.applications",
                "table 3 must have the 25 rows of format 2021 in order (out of order)",
                "表三应按2021年格式依次包含25行",
            ),
        ),
    ),
    "table-3-trial-rows-in-2021-report": Case(
        AnnualReport2021,
        _set(_REPORT, ("applications",), _TRIAL_TABLE),
        (
            (
                "$.applications",
                (
                    "table 3 must have the 25 rows of format 2021 in order"
                    " (missing ['other-overdue-correction', 'other-overdue-fee', 'other-other'])"
                ),
                "表三应按2021年格式依次包含25行",
            ),
        ),
    ),
    "table-3-row-repeated": Case(
        AnnualReport2021,
        _edit(_REPORT, _repeat_row_2),
        (
            (
                "$.applications.rows",
                "row 'granted' appears twice",
                "行“（一）予以公开”重复出现",
            ),
        ),
    ),
    "table-3-unknown-row": Case(
        AnnualReport2021,
        _set(_REPORT, ("applications", "rows", 3, "row"), "secret"),
        (
            (
                "$.applications.rows[3].row",
                "'secret' is not a valid ApplicationRow code; expected one of: "
                + ", ".join(r.code for r in FormatVersion.NATIONAL_2021.application_rows[:-2])
                + ", other, total, carried-forward",
                "'secret'不是有效的代码；应为以下之一："
                + ", ".join(r.code for r in FormatVersion.NATIONAL_2021.application_rows[:-2])
                + ", other, total, carried-forward",
            ),
        ),
    ),
    # --- several problems at once: every one is listed, in document order ---------------------
    "several-errors": Case(
        AnnualReport2021,
        _edit(
            _REPORT,
            lambda d: d["agency"].update(district="清江浦区", name=None),
            lambda d: d.update(year="2024", published_on="2024-02-30"),
            lambda d: d["applications"]["rows"][3].update(natural_person=-1, total="1"),
            lambda d: d["reviews"]["reconsideration"].update(total=1.5),
        ),
        (
            ("$.agency.name", "expected text, got None", "应为文本，实际为None"),
            ("$.agency.district", "unknown key 'district' for Agency", "Agency不接受键'district'"),
            ("$.year", "expected an integer, got '2024'", "应为整数，实际为'2024'"),
            (
                "$.published_on",
                "'2024-02-30' is not a real calendar date",
                "'2024-02-30'不是有效日期",
            ),
            ("$.applications.rows[3].total", "expected an integer, got '1'", "应为整数，实际为'1'"),
            (
                "$.reviews.reconsideration.total",
                "expected an integer, got 1.5",
                "应为整数，实际为1.5",
            ),
        ),
    ),
    "several-errors-in-events": Case(
        DisclosureRequest,
        _edit(
            _REQUEST,
            lambda d: d["events"][0].update(on="2024-13-01"),
            lambda d: d["events"][1].update(working_days=0),
            lambda d: d["events"][2].update(outcome="granted-in-part"),
        ),
        (
            (
                "$.events[0].on",
                "'2024-13-01' is not a real calendar date",
                "'2024-13-01'不是有效日期",
            ),
            (
                "$.events[1].working_days",
                "an extension is a positive number of working days, got 0",
                "延长期限应为正整数个工作日，实际为0",
            ),
            (
                "$.events[2].outcome",
                "'granted-in-part' is not a valid Outcome code; expected one of: "
                + ", ".join(o.code for o in Outcome),
                "'granted-in-part'不是有效的代码；应为以下之一："
                + ", ".join(o.code for o in Outcome),
            ),
        ),
    ),
}


def _read(case: Case) -> object:
    if isinstance(case.doc, bytes):
        return from_json(case.doc, case.cls)
    return from_json(orjson.dumps(case.doc), case.cls)


def _details(exc: ValidationError) -> Expected:
    return tuple((e.path, e.message, e.message_zh) for e in exc.errors)


def _expected(case: Case) -> Expected:
    tokens = {
        _EVENT_TAGS: ", ".join(sorted(registered_tags(RequestEvent))),
        _REPORT_TAGS: ", ".join(sorted(registered_tags(AnnualReport))),
    }

    def fill(text: str) -> str:
        for token, value in tokens.items():
            text = text.replace(token, value)
        return text

    return tuple((fill(p), fill(en), fill(zh)) for p, en, zh in case.expected)


def test_tag_lists_name_every_built_in_tag() -> None:
    events = ", ".join(sorted(registered_tags(RequestEvent)))
    assert all(tag in events.split(", ") for tag in _BUILT_IN_EVENT_TAGS.split(", "))
    reports = sorted(registered_tags(AnnualReport))
    assert {"annual-report-2008", "annual-report-2019", "annual-report-2021"} <= set(reports)


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_document_reports_exact_errors(name: str) -> None:
    case = CASES[name]
    with pytest.raises(ValidationError) as info:
        _read(case)
    assert _details(info.value) == _expected(case)


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if isinstance(c.doc, dict)))
def test_from_dict_reports_the_same_errors(name: str) -> None:
    case = CASES[name]
    with pytest.raises(ValidationError) as info:
        from_dict(case.doc, case.cls)
    assert _details(info.value) == _expected(case)


@pytest.mark.parametrize("data", [[], "x", 1, None])
def test_from_dict_rejects_non_objects(data: object) -> None:
    with pytest.raises(ValidationError) as info:
        from_dict(data, Money)
    assert _details(info.value) == (("$", "expected a JSON object", "应为JSON对象"),)


def test_the_catalogue_is_large_enough() -> None:
    assert len(CASES) >= 25


def test_validation_error_is_in_the_error_family_and_lists_everything() -> None:
    with pytest.raises(ValidationError) as info:
        _read(CASES["several-errors"])
    exc = info.value
    assert isinstance(exc, GovDisclosureError)
    assert isinstance(exc, ValueError)
    assert exc.paths == tuple(path for path, _, _ in CASES["several-errors"].expected)
    text = str(exc)
    assert text.startswith("6 problems in the document / 文档中有6处错误:")
    assert (
        "  $.applications.rows[3].total: expected an integer, got '1' / 应为整数，实际为'1'" in text
    )
    assert all(isinstance(e, ErrorDetail) for e in exc.errors)


def test_errors_do_not_chain_internal_exceptions() -> None:
    with pytest.raises(ValidationError) as info:
        _read(CASES["bad-credit-code"])
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__


@pytest.mark.parametrize("value", [5, "text", [Money(Decimal("1"))], None])
def test_to_dict_needs_a_model_instance(value: object) -> None:
    with pytest.raises(TypeError, match=r"^to_dict needs a model instance, got \w+$"):
        to_dict(value)
