"""Rules that hold the narrative to the tables: figures quoted in the text against the cells.

A figure is compared only when its label names a cell beyond doubt: the labels are a closed
vocabulary (:data:`NARRATIVE_LABELS`), never a fuzzy match, so a finding always points at the
right cell. Parsers and people entering reports by hand use these labels for the figures they
record.
"""

from __future__ import annotations

import functools
import re
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from govdisclosure.checks._core import (
    Observation,
    Severity,
    _register_each,
    _shortcut,
    register_rule,
)
from govdisclosure.checks._memo import SEPARATOR, _state, memo
from govdisclosure.model.applicant import ApplicantKind
from govdisclosure.model.layout import (
    ApplicationRow,
    FormatVersion,
    ReportPart,
    ReviewColumn,
    ReviewGroup,
)
from govdisclosure.model.outcome import OutcomeGroup
from govdisclosure.model.quantity import Qualifier
from govdisclosure.model.report import AnnualReport2008, AnnualReport2019, AnnualReport2021
from govdisclosure.model.tables import sum_cells

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from govdisclosure.model.form import FormTable
    from govdisclosure.model.report import AnnualReport, Figure

    #: A table of the form and the report's cells in it, in the order of its cells (the memo's).
    _Read: TypeAlias = tuple[FormTable, tuple[Any, ...]]

__all__ = ["LEGACY_LABELS", "NARRATIVE_LABELS", "RECEIVED_LABELS", "narrative_key"]

_TABLES = (FormatVersion.TRIAL_2019, FormatVersion.NATIONAL_2021)
_LITIGATION = (ReviewGroup.LITIGATION_DIRECT, ReviewGroup.LITIGATION_AFTER_RECONSIDERATION)

#: What a label names: a row of table 3, a set of outcome categories, or groups of table 4.
Target = ApplicationRow | frozenset[OutcomeGroup] | tuple[ReviewGroup, ...]

#: What a narrative figure's label names in the tables: a row of table 3 (its 总计 cell), a set of
#: outcome categories (the 总计 cells of their rows, added up), or groups of table 4 (their totals).
NARRATIVE_LABELS: Mapping[str, Target]
NARRATIVE_LABELS = MappingProxyType(
    {
        "受理政府信息公开申请": ApplicationRow.NEW,
        "收到政府信息公开申请": ApplicationRow.NEW,
        "新收政府信息公开申请": ApplicationRow.NEW,
        "本年新收政府信息公开申请": ApplicationRow.NEW,
        "答复政府信息公开申请": ApplicationRow.TOTAL,
        "办结政府信息公开申请": ApplicationRow.TOTAL,
        "收办政府信息公开申请案件": ApplicationRow.NEW,
        "收办政府信息公开申请": ApplicationRow.NEW,
        "收到各类政府信息公开申请": ApplicationRow.NEW,
        "受理各类政府信息公开申请": ApplicationRow.NEW,
        "上年度结转申请": ApplicationRow.CARRIED_OVER,
        "上年度结转": ApplicationRow.CARRIED_OVER,
        "上年结转": ApplicationRow.CARRIED_OVER,
        "上年度结转政府信息公开申请": ApplicationRow.CARRIED_OVER,
        "上年结转政府信息公开申请": ApplicationRow.CARRIED_OVER,
        "顺延到下年度答复的申请": ApplicationRow.CARRIED_FORWARD,
        "顺延至下年度答复的申请": ApplicationRow.CARRIED_FORWARD,
        "顺延到下年度办理的申请": ApplicationRow.CARRIED_FORWARD,
        "顺延至下年度办理": ApplicationRow.CARRIED_FORWARD,
        "顺延到下年度办理": ApplicationRow.CARRIED_FORWARD,
        "结转下年度继续办理的申请": ApplicationRow.CARRIED_FORWARD,
        "结转下年度继续办理": ApplicationRow.CARRIED_FORWARD,
        "结转下年度": ApplicationRow.CARRIED_FORWARD,
        "结转下一年": ApplicationRow.CARRIED_FORWARD,
        "结转下一年度": ApplicationRow.CARRIED_FORWARD,
        "予以公开": frozenset({OutcomeGroup.GRANTED}),
        "部分公开": frozenset({OutcomeGroup.PARTIALLY_GRANTED}),
        "予以公开及部分公开": frozenset({OutcomeGroup.GRANTED, OutcomeGroup.PARTIALLY_GRANTED}),
        "不予公开": frozenset({OutcomeGroup.WITHHELD}),
        "无法提供": frozenset({OutcomeGroup.UNABLE_TO_PROVIDE}),
        "因本机关不掌握等原因无法提供": frozenset({OutcomeGroup.UNABLE_TO_PROVIDE}),
        "不予处理": frozenset({OutcomeGroup.NOT_PROCESSED}),
        "其他处理": frozenset({OutcomeGroup.OTHER}),
        "政府信息公开行政复议": (ReviewGroup.RECONSIDERATION,),
        "信息公开类行政复议": (ReviewGroup.RECONSIDERATION,),
        "行政复议": (ReviewGroup.RECONSIDERATION,),
        "行政复议案件": (ReviewGroup.RECONSIDERATION,),
        "政府信息公开行政复议案件": (ReviewGroup.RECONSIDERATION,),
        "政府信息公开类行政复议案件": (ReviewGroup.RECONSIDERATION,),
        "政府信息公开行政诉讼": _LITIGATION,
        "行政诉讼案件": _LITIGATION,
        "政府信息公开行政诉讼案件": _LITIGATION,
        "政府信息公开类行政诉讼案件": _LITIGATION,
        "信息公开类诉讼": _LITIGATION,
        # In a report on open government information, its suits are the ones meant.
        "行政诉讼": _LITIGATION,
        "诉讼": _LITIGATION,
    }
)

#: For 2008-era reports: narrative labels and the indicators of the local statistics table that
#: count the same thing (compared when the units agree).
LEGACY_LABELS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "主动公开政府信息": frozenset({"主动公开信息数", "主动公开政府信息数"}),
        "受理政府信息公开申请": frozenset({"受理依申请公开信息总数", "受理政府信息公开申请数"}),
        "收到政府信息公开申请": frozenset({"受理依申请公开信息总数", "受理政府信息公开申请数"}),
        "政府信息公开行政复议申请": frozenset({"行政复议数"}),
        "与政府信息公开工作有关的行政复议申请": frozenset({"行政复议数"}),
        "政府信息公开行政诉讼": frozenset({"行政诉讼数"}),
        "与政府信息公开工作有关的行政诉讼": frozenset({"行政诉讼数"}),
    }
)

_LABELS = dict(NARRATIVE_LABELS)  # a dict's get is faster than the read-only view's

# What a source puts before the words that name a figure without narrowing what it counts: the
# year ("2022年"), and words for the whole agency or the whole year ("全区", "共", "全年"…).
_LEADING = re.compile(
    r"(?:\d{4}年度?|本年度|本年|全年|今年|全区|全市|全县|全省|全镇|我区|我市|我县|我省|我委|我局|共)+"
)


@functools.lru_cache(maxsize=4096)
def narrative_key(label: str) -> str:
    """The words of a figure's label that name what it counts, as the label tables spell them.

    A leading year and words meaning "the whole agency" or "in all" are dropped; anything that
    narrows the scope ("区政府办代表区政府…") is kept, so such a figure names no table cell.

    >>> narrative_key("2022年全区共收到政府信息公开申请")
    '收到政府信息公开申请'
    >>> narrative_key("区政府办代表区政府受理政府信息公开申请")
    '区政府办代表区政府受理政府信息公开申请'
    """
    key = label.strip()
    match = _LEADING.match(key)
    if match is not None and match.end() < len(key):
        key = key[match.end() :]
    return key


@functools.lru_cache(maxsize=4096)
def _keyed(label: str) -> tuple[str, Target | None]:
    """A label's :func:`narrative_key` and the cell that key names (cached by value)."""
    key = narrative_key(label)
    return key, _LABELS.get(key)


# The category figures that together account for every reply, when a narrative gives them all.
_CATEGORIES = frozenset(OutcomeGroup)
_UPHELD_WORDS = ("均获维持", "均被维持", "全部维持", "均维持")


def _exact_count(figure: Figure) -> int | None:
    quantity = figure.quantity
    if (
        quantity.unit != "件"
        or quantity.qualifier is not Qualifier.EXACT
        or type(quantity.value) is not int
    ):
        return None
    return quantity.value


_GROUP_OF = {row: row.group for row in ApplicationRow}


_WITH_TABLES = (AnnualReport2021, AnnualReport2019)  # a tuple: faster than a union here


def _tables(report: AnnualReport) -> AnnualReport2019 | AnnualReport2021 | None:
    return report if isinstance(report, _WITH_TABLES) else None


# The headline labels a narrower figure may end with ("区政府办代表区政府受理政府信息公开申请",
# "全市备案政府信息公开行政复议案件"): longest first, so the most specific names the group.
_HEADLINES = tuple(
    sorted(
        (
            (label, cell)
            for label, cell in NARRATIVE_LABELS.items()
            if isinstance(cell, ApplicationRow | tuple) and len(label) > 3
        ),
        key=lambda item: -len(item[0]),
    )
)

#: The labels of table 3's row 一 that sources also use for 一 + 二 (what came in during the year
#: with what was still open): 收到…, 受理…, 收办… . They are read both ways (NARRATIVE-RECEIVED).
RECEIVED_LABELS = frozenset(
    label
    for label, cell in NARRATIVE_LABELS.items()
    if cell is ApplicationRow.NEW and label.startswith(("收到", "受理", "收办"))
)

# The applicant columns of table 3 a narrative names ("其中自然人申请741件，法人或其他组织申请8件").
_LEGAL = (
    ApplicantKind.COMMERCIAL_ENTERPRISE,
    ApplicantKind.RESEARCH_INSTITUTION,
    ApplicantKind.SOCIAL_WELFARE_ORGANISATION,
    ApplicantKind.LEGAL_SERVICE_INSTITUTION,
    ApplicantKind.OTHER_ORGANISATION,
)
_APPLICANT_WORDS: dict[str, tuple[ApplicantKind, ...]] = {
    "自然人": (ApplicantKind.NATURAL_PERSON,),
    "法人或其他组织": _LEGAL,
    "法人和其他组织": _LEGAL,
    "法人及其他组织": _LEGAL,
    "商业企业": (ApplicantKind.COMMERCIAL_ENTERPRISE,),
    "科研机构": (ApplicantKind.RESEARCH_INSTITUTION,),
    "社会公益组织": (ApplicantKind.SOCIAL_WELFARE_ORGANISATION,),
    "法律服务机构": (ApplicantKind.LEGAL_SERVICE_INSTITUTION,),
}
_APPLICANT = re.compile(
    r"^(?:其中|涉及|来自|包括|含)?(" + "|".join(_APPLICANT_WORDS) + r")(?:提出的?)?(?:申请)?$"
)

Narrower = ApplicationRow | tuple[ReviewGroup, ...]


class _Scan(NamedTuple):
    """What the narrative rules need to know of a report's figures, worked out once."""

    #: (figure, what its label names, its exact count in 件) for the figures that name a cell,
    #: but for those read both ways (``received``).
    counts: tuple[tuple[Figure, Target, int], ...]
    #: (figure, the headline its narrower label ends with, its count) for the others.
    narrower: tuple[tuple[Figure, Narrower, int], ...]
    #: (figure, its count, table 3's 一, its 一 + 二) for the figures labelled 收到/受理/收办…申请
    #: (RECEIVED_LABELS): the two readings sources mean.
    received: tuple[tuple[Figure, int, int | None, int | None], ...]
    #: (figure, the applicant columns it names, its count), the first figure of each name.
    applicants: tuple[tuple[Figure, tuple[ApplicantKind, ...], int], ...]
    #: (what it is a share of, its label's key, the share printed) for the exact figures in %
    #: labelled …占比, or 占 / 占比 right after a count (NARRATIVE-SHARE's).
    shares: tuple[tuple[str, str, int | Decimal], ...]
    #: Each count's label key and its exact count (the last of each key), of the figures whose
    #: key names a cell (:func:`_keyed`); what the shares are read against.
    keyed: dict[str, int | None]
    #: The exact count of the first figure whose key names （七）总计 (答复…), the whole the
    #: shares are of (None if none).
    whole: int | None


def _classify(label: str) -> tuple[int, object, str, Target | None]:
    """What a figure's label names, as (kind, what, key, cell): kind 0 a cell, 1 the 收到
    headline, 2 a narrower group of a headline, 3 applicant columns, 4 nothing; and the label's
    :func:`_keyed` (its key and the cell that key names), for the shares.

    A pure function of the text (labels recur from report to report), so it is cached by value.
    """
    key, cell = _keyed(label)
    label = label.strip()
    target = _LABELS.get(label)
    if target is None:
        target = _LABELS.get(key)
    if target is not None:
        if key in RECEIVED_LABELS or label in RECEIVED_LABELS:
            return 1, None, key, cell
        return 0, target, key, cell
    applicant = _APPLICANT.match(key)
    if applicant is not None:
        return 3, _APPLICANT_WORDS[applicant.group(1)], key, cell
    row = next((r for headline, r in _HEADLINES if label.endswith(headline)), None)
    return (2, row, key, cell) if row is not None else (4, None, key, cell)


_NO_FIGURES = _Scan((), (), (), (), (), {}, None)

# _classify's answers by label, in a plain dict (a lookup is about half the cost of an lru_cache
# call, and the scan makes one per figure of every report); emptied when full, as labels are
# untrusted input. The one cache of them: _classify itself keeps nothing.
_CLASSES: dict[str, tuple[int, object, str, Target | None]] = {}
_MAX_CLASSES = 4096


def _class_of(label: str) -> tuple[int, object, str, Target | None]:
    """:func:`_classify` of a label not in ``_CLASSES``, kept there."""
    if len(_CLASSES) >= _MAX_CLASSES:
        _CLASSES.clear()
    found = _CLASSES[label] = _classify(label)
    return found


def _scan(report: AnnualReport) -> _Scan:
    """The scan of a report's figures; the rules of one check share it (in the report's memo).

    One pass over the figures classifies every one for all the narrative rules (the shares
    too); the cells of table 3 the 收到 figures are read against are looked up once, here.
    """
    held = _state.memo  # memo(report), inlined for the common case: the report's own memo
    if held is None or held.report is not report:
        held = memo(report)
    scan = held.scan
    if scan is not None:
        return scan  # type: ignore[no-any-return]
    counts: list[tuple[Figure, Target, int]] = []
    narrower: list[tuple[Figure, Narrower, int]] = []
    received: list[tuple[Figure, int]] = []
    applicants: list[tuple[Figure, tuple[ApplicantKind, ...], int]] = []
    named: set[tuple[ApplicantKind, ...]] = set()
    shares: list[tuple[str, str, int | Decimal]] = []
    keyed: dict[str, int | None] = {}
    whole: int | None = None
    previous: str | None = None  # the count a bare "占N%" right after it is a share of
    exact, total = Qualifier.EXACT, ApplicationRow.TOTAL
    known = _CLASSES.get
    for figure in report.figures:
        label = figure.label
        found = known(label)
        kind, what, key, cell = _class_of(label) if found is None else found
        quantity = figure.quantity
        if cell is None:
            if quantity.unit == "%" and quantity.qualifier is exact:
                if key.endswith("占比"):
                    shares.append((key.removesuffix("占比"), key, quantity.value))
                elif key in ("占", "占比") and previous is not None:
                    shares.append((previous, f"{previous}占比", quantity.value))
            previous = None
            if kind == 4:
                continue  # most figures name nothing: no count to read (and no cell)
        # _exact_count, inlined: this runs for every figure of every report.
        value = quantity.value
        count = (
            value
            if quantity.unit == "件" and quantity.qualifier is exact and type(value) is int
            else None
        )
        if cell is not None:
            keyed[key] = count
            if cell is total and whole is None:
                whole = count
            previous = key
        if count is None:
            continue
        if kind == 0:
            counts.append((figure, what, count))  # type: ignore[arg-type]
        elif kind == 1:
            received.append((figure, count))
        elif kind == 2:
            narrower.append((figure, what, count))  # type: ignore[arg-type]
        elif kind == 3 and what not in named:
            named.add(what)  # type: ignore[arg-type]
            applicants.append((figure, what, count))  # type: ignore[arg-type]
    if counts or narrower or received or applicants or shares:
        readings: tuple[tuple[Figure, int, int | None, int | None], ...] = ()
        if received:
            read = held.table(ReportPart.APPLICATIONS)
            new = None if read is None else _row_total(read, ApplicationRow.NEW)
            carried = None if read is None else _row_total(read, ApplicationRow.CARRIED_OVER)
            both = None if new is None or carried is None else new + carried
            readings = tuple((figure, value, new, both) for figure, value in received)
        scan = _Scan(
            tuple(counts),
            tuple(narrower),
            readings,
            tuple(applicants),
            tuple(shares),
            keyed,
            whole,
        )
    else:
        scan = _NO_FIGURES  # nothing for any narrative rule to read
    held.scan = scan
    return scan


@functools.cache
def _positions(
    table: FormTable,
) -> tuple[dict[ApplicationRow, int], dict[OutcomeGroup, tuple[int, ...]]]:
    """Where each row's 总计 stands in table 3's flat cells, and each category's rows' 总计."""
    rows: dict[ApplicationRow, int] = {}
    groups: dict[OutcomeGroup, list[int]] = {}
    for row in table.rows:
        member = row.member
        if not isinstance(member, ApplicationRow):
            continue  # pragma: no cover - table 3's rows are ApplicationRow members
        at = table.position(table.cell(row.code, "total"))
        rows[member] = at
        group = _GROUP_OF[member]
        if group is not None:
            groups.setdefault(group, []).append(at)
    return rows, {group: tuple(at) for group, at in groups.items()}


@functools.cache
def _review_positions(table: FormTable) -> dict[ReviewGroup, tuple[int, int]]:
    """Where each group's 总计 and 结果维持 stand in table 4's flat cells."""
    return {
        row.member: (
            table.position(table.cell(row.code, ReviewColumn.TOTAL.code)),
            table.position(table.cell(row.code, ReviewColumn.MAINTAINED.code)),
        )
        for row in table.rows
        if isinstance(row.member, ReviewGroup)
    }


def _row_total(read: _Read, row: ApplicationRow) -> int | None:
    """The 总计 of a row of table 3, from its flat cells (the memo's)."""
    value: int | None = read[1][_positions(read[0])[0][row]]
    return value


def _outcome_total(read: _Read, groups: frozenset[OutcomeGroup]) -> int | None:
    """The 总计 cells of the rows of some outcome categories, added up (None if one is blank)."""
    where, values = _positions(read[0])[1], read[1]
    total = 0
    for group in groups:
        for at in where.get(group, ()):
            value = values[at]
            if value is None:
                return None
            total += value
    return total


_TOTAL, _UPHELD = 0, 1  # which cell of a group of table 4 _review_sum adds up


def _review_sum(read: _Read, groups: tuple[ReviewGroup, ...], column: int) -> int | None:
    """The 总计 (or 结果维持) of some groups of table 4, added up (None if one is blank)."""
    where, values = _review_positions(read[0]), read[1]
    total = 0
    for group in groups:
        value = values[where[group][column]]
        if value is None:
            return None
        total += value
    return total


@register_rule(
    "NARRATIVE-FIGURE",
    versions=_TABLES,
    severity=Severity.WARNING,
    part=ReportPart.NARRATIVE,
    message="the narrative says “{row}” {actual}, the table gives {expected}",
    message_zh="正文称“{row}”{actual}件，表格为{expected}",
    example={"row": "予以公开及部分公开", "actual": 258, "expected": 275},
)
def _narrative(report: AnnualReport) -> Iterator[Observation]:
    if not isinstance(report, _WITH_TABLES):  # _tables, inlined (as in every rule here)
        return
    tables = report
    counts = _scan(tables).counts
    if not counts:
        return
    # The cells of tables 3 and 4, read once for all the rules (the memo).
    held = memo(report)
    applications = held.table(ReportPart.APPLICATIONS)
    reviews = held.table(ReportPart.REVIEWS)
    blanks = held.blanks
    if applications is not None:
        rows_at, cells = _positions(applications[0])[0], applications[1]
    for figure, cell, value in counts:
        expected: int | None = None
        if isinstance(cell, ApplicationRow):
            if applications is not None:
                expected = cells[rows_at[cell]]  # _row_total, inlined
        elif isinstance(cell, frozenset):
            if applications is not None:
                expected = _outcome_total(applications, cell)
        elif reviews is not None:
            expected = _review_sum(reviews, cell, _TOTAL)
        # Only the comparisons that do not plainly hold (and the blank ones only if they are
        # listed): the engine decides as for any rule.
        if expected is None:
            if blanks:
                yield Observation(None, expected, value, subject=figure.label)
        elif expected != value:
            yield Observation(None, expected, value, subject=figure.label)


@register_rule(
    "NARRATIVE-SUM",
    versions=_TABLES,
    severity=Severity.WARNING,
    part=ReportPart.NARRATIVE,
    message="the narrative's outcome categories add up to {expected}, its “{row}” is {actual}",
    message_zh="正文各类办理结果之和为{expected}，而正文“{row}”为{actual}件",
    example={"row": "答复政府信息公开申请", "expected": 716, "actual": 805},
)
def _narrative_sum(report: AnnualReport) -> Iterator[Observation]:
    if not isinstance(report, _WITH_TABLES):  # _tables, inlined (as in every rule here)
        return
    tables = report
    covered: set[OutcomeGroup] = set()
    parts: list[int] = []
    replies: Figure | None = None
    for figure, cell, value in _scan(tables).counts:
        if cell is ApplicationRow.TOTAL and replies is None:
            replies = figure
        elif isinstance(cell, frozenset) and covered.isdisjoint(cell):
            covered |= cell
            parts.append(value)
    # Only a narrative that names every category, each once, states the whole breakdown.
    if replies is not None and covered == _CATEGORIES:
        yield Observation(None, sum(parts), _exact_count(replies), subject=replies.label)


# The precision of a printed share (1, 0.1, 0.01…) by its exponent, for the exponents shares are
# printed with (a step is exact, 1 scaled by a power of ten); any other is worked out each time.
_STEPS = {exponent: Decimal(1).scaleb(exponent) for exponent in range(-12, 13)}


@register_rule(
    "NARRATIVE-SHARE",
    versions=_TABLES,
    severity=Severity.WARNING,
    part=ReportPart.NARRATIVE,
    message="the narrative gives “{row}” as {actual}%; its own figures make it {expected}%",
    message_zh="正文称“{row}”为{actual}%，按正文数字计算为{expected}%",
    example={"row": "予以公开及部分公开占比", "actual": 33.9, "expected": 32.0},
)
def _narrative_share(report: AnnualReport) -> Iterator[Observation]:
    if not isinstance(report, _WITH_TABLES):  # _tables, inlined (as in every rule here)
        return
    tables = report
    # The scan's one pass found the shares, the counts (the last of each label) and the first
    # 答复 total.
    scan = _scan(tables)
    whole = scan.whole
    if not scan.shares or not whole:
        return
    counts = scan.keyed
    for of, label, printed in scan.shares:
        part = counts.get(of)
        if part is None:
            continue
        stated = Decimal(printed)
        # Compare at the precision printed; a share truncated instead of rounded still holds.
        exponent: int = stated.as_tuple().exponent  # type: ignore[assignment]
        step = _STEPS.get(exponent)
        if step is None:
            step = Decimal(1).scaleb(exponent)
        exact_share = Decimal(100 * part) / whole
        if abs(exact_share - stated) >= step:
            expected = exact_share.quantize(step, rounding=ROUND_HALF_UP)
            yield Observation(None, expected, stated, subject=label)


_UNSEEN: Any = object()  # a table not looked up yet (None is a table not printed)


def _says_upheld(text: str) -> bool:
    """Whether ``text`` has a word of :data:`_UPHELD_WORDS` (均获维持, 均维持…) anywhere.

    Every word ends in 维持, and 维持 is rare: the pattern starts with it (a literal the
    regular expression engine searches for in C) and looks behind each place for the words
    (most are 结果维持, ruled out there), much faster than looking for each word.
    """
    return _UPHELD_WORD.search(text) is not None


# 维持, then whether one of the words ends there (a look-behind per word: each is of one width).
assert all(word.endswith("维持") for word in _UPHELD_WORDS)
_UPHELD_WORD = re.compile("维持(?:" + "|".join(f"(?<={re.escape(w)})" for w in _UPHELD_WORDS) + ")")


def _said_after(quote: str, text: str) -> bool:
    """Whether the rest of the sentence that starts with ``quote`` (a figure's words) says all
    the cases were upheld.

    ``text`` is the report's paragraphs joined by the memo's separator: the rest of the
    sentence ends at 。 or at the end of the paragraph. It may be "" when it has no word of
    :data:`_UPHELD_WORDS` (then it says nothing).
    """
    if not quote or not text:
        return False
    at = text.find(quote)
    if at < 0:
        return False
    # The rest of the sentence, found in place (no copy of the rest of the text).
    start = at + len(quote)
    end = text.find(SEPARATOR, start)
    if end < 0:
        end = len(text)
    stop = text.find("。", start, end)
    return _says_upheld(text[start : end if stop < 0 else stop])


@register_rule(
    "NARRATIVE-UPHELD",
    versions=_TABLES,
    severity=Severity.WARNING,
    part=ReportPart.NARRATIVE,
    message="the narrative says all {actual} “{row}” cases were upheld; table 4 upholds {expected}",
    message_zh="正文称“{row}”{actual}件均获维持，表四中结果维持为{expected}件",
    example={"row": "信息公开类行政复议", "actual": 7, "expected": 5},
)
def _narrative_upheld(report: AnnualReport) -> Iterator[Observation]:
    if not isinstance(report, _WITH_TABLES):  # _tables, inlined (as in every rule here)
        return
    tables = report
    text: str | None = None
    held = memo(report)
    reviews: _Read | None = _UNSEEN
    for figure, cell, value in _scan(tables).counts:
        if not isinstance(cell, tuple):
            continue
        if reviews is _UNSEEN:
            reviews = held.table(ReportPart.REVIEWS)
        upheld = None if reviews is None else _review_sum(reviews, cell, _UPHELD)
        if upheld == value or (upheld is None and not held.blanks):
            continue  # holds whatever the text says, or would be dropped: no need to read it
        # The figure's own words first: when they say it, the text need not be read at all.
        quote = figure.quote or ""
        if not _says_upheld(quote):
            if text is None:
                text = held.text
                if not _says_upheld(text):  # then only a quote can say it
                    text = ""
            if not _said_after(quote, text):
                continue
        yield Observation(None, upheld, value, subject=figure.label)


@register_rule(
    "NARRATIVE-SCOPE",
    versions=_TABLES,
    severity=Severity.INFO,
    part=ReportPart.NARRATIVE,
    message="the narrative's “{row}” {actual} differs from the table's {expected}: it may "
    "speak of part of the agency, or of a narrower group of cases, only",
    message_zh="正文“{row}”{actual}件与表格{expected}件不一致，正文可能仅指机关的一部分或其中一类案件",
    example={"row": "全市备案政府信息公开行政复议案件", "actual": 134, "expected": 12},
)
def _narrative_scope(report: AnnualReport) -> Iterator[Observation]:
    if not isinstance(report, _WITH_TABLES):  # _tables, inlined (as in every rule here)
        return
    tables = report
    # Figures that name a whole-agency cell are NARRATIVE-FIGURE's; these are the narrower ones
    # (a part of the agency, or a narrower group of cases: 备案…行政复议案件). Never an error.
    held = memo(report)
    for figure, headline, value in _scan(tables).narrower:
        total: int | None = None
        if isinstance(headline, ApplicationRow):
            read = held.table(ReportPart.APPLICATIONS)
            if read is None:
                continue
            total = _row_total(read, headline)
        else:
            read = held.table(ReportPart.REVIEWS)
            if read is None:
                continue
            total = _review_sum(read, headline, _TOTAL)
        if total is not None or held.blanks:
            yield Observation(None, total, value, subject=figure.label.strip())


def _received(whole: bool, report: AnnualReport) -> Iterator[Observation]:
    """The 收到…申请 figures that neither reading holds for (``whole=False``), or that only the
    reading 一 + 二 holds for (``whole=True``). Both are compared with 一, so that the engine
    lists them; the -WHOLE message says 一 + 二 holds."""
    if not isinstance(report, _WITH_TABLES):  # _tables, inlined (as in every rule here)
        return
    tables = report
    for figure, value, new, both in _scan(tables).received:
        if value != new and (both is not None and value == both) is whole:
            yield Observation(None, new, value, subject=figure.label, details=(("whole", both),))


# The two readings of a 收到…申请 figure: one function, told apart by ``whole``.
_RECEIVED_RULES: tuple[tuple[dict[str, Any], functools.partial[Iterator[Observation]]], ...] = (
    (
        {
            "id": "NARRATIVE-RECEIVED",
            "severity": Severity.WARNING,
            "message": (
                "the narrative says “{row}” {actual}; table 3 gives {expected} new this year"
                " (I), {whole} with those carried over (I + II)"
            ),
            "message_zh": (
                "正文称“{row}”{actual}件；表三本年新收（一）为{expected}件，"
                "加上年结转（一 + 二）为{whole}件"
            ),
            "example": {
                "row": "全区收到政府信息公开申请",
                "actual": 80,
                "expected": 74,
                "whole": 75,
            },
        },
        functools.partial(_received, False),
    ),
    (
        {
            "id": "NARRATIVE-RECEIVED-WHOLE",
            "severity": Severity.INFO,
            "message": (
                "the narrative's “{row}” {actual} counts the year's new applications with"
                " those carried over (I + II = {whole}; I alone is {expected}): it agrees"
                " with the table read so"
            ),
            "message_zh": (
                "正文“{row}”{actual}件包含上年结转（一 + 二 = {whole}件；"
                "本年新收为{expected}件），按此口径与表格一致"
            ),
            "example": {
                "row": "全区收到政府信息公开申请",
                "actual": 75,
                "expected": 74,
                "whole": 75,
            },
        },
        functools.partial(_received, True),
    ),
)
_register_each(_RECEIVED_RULES, versions=_TABLES, part=ReportPart.NARRATIVE)


@register_rule(
    "NARRATIVE-APPLICANTS",
    versions=_TABLES,
    severity=Severity.WARNING,
    part=ReportPart.NARRATIVE,
    message=(
        "the narrative counts {actual} applications of “{row}”; table 3's {columns} give {expected}"
    ),
    message_zh="正文称“{row}”申请{actual}件；表三{columns}为{expected}件",
    example={
        "row": "自然人",
        "actual": 741,
        "expected": 740,
        "columns": "I. new (natural person)",
        "columns_zh": "一、本年新收（自然人）",
    },
)
def _applicants(report: AnnualReport) -> Iterator[Observation]:
    tables = _tables(report)
    if tables is None or tables.applications is None:
        return
    scan = _scan(tables)
    if not scan.applicants or not (
        scan.received or any(cell is ApplicationRow.NEW for _, cell, _ in scan.counts)
    ):
        return  # applicant figures are read only beside a headline of what came in
    # The reading the headline holds under: 一, or 一 + 二 when only that one holds.
    rows = [ApplicationRow.NEW]
    readings = scan.received
    if readings and all(v == w and v != n for _, v, n, w in readings):
        rows.append(ApplicationRow.CARRIED_OVER)
    counts = [tables.applications.row(row) for row in rows]
    en = " + ".join(("I. new", "II. carried over")[: len(rows)])
    zh = " + ".join(("一、本年新收", "二、上年结转")[: len(rows)])
    for figure, kinds, value in scan.applicants:
        names = (
            "natural person"
            if len(kinds) == 1 and kinds[0] is ApplicantKind.NATURAL_PERSON
            else (kinds[0].label_en if len(kinds) == 1 else "legal persons and other organisations")
        )
        names_zh = kinds[0].label if len(kinds) == 1 else "法人或其他组织"
        expected = sum_cells(row.cell(kind) for row in counts for kind in kinds)
        yield Observation(
            None,
            expected,
            value,
            subject=figure.label.strip(),
            details=(("columns", f"{en} ({names})"), ("columns_zh", f"{zh}（{names_zh}）")),
        )


def _no_headline_findings(report: AnnualReport) -> bool:
    """Whether NARRATIVE-SCOPE, -RECEIVED, -RECEIVED-WHOLE and -APPLICANTS yield nothing for the
    report (their shortcut, see ``_core._SHORTCUTS``): its narrative gives no narrower figure
    and no applicant figure, and each 收到…申请 figure agrees with table 3's 一 (the two
    received rules list only a figure that does not). Most reports: one call for four rules."""
    if not isinstance(report, _WITH_TABLES):
        return True  # the four rules read only reports with tables
    scan = _scan(report)
    if scan.narrower or scan.applicants:
        return False
    return all(value == new for _, value, new, _ in scan.received)


_shortcut(
    _no_headline_findings,
    (_narrative_scope, *(rule for _, rule in _RECEIVED_RULES), _applicants),
)


@register_rule(
    "NARRATIVE-PARTS",
    versions=None,
    severity=Severity.WARNING,
    part=ReportPart.NARRATIVE,
    message="the narrative's breakdown of “{row}” {actual} ({parts}) adds up to {expected}",
    message_zh="正文“{row}”{actual}件的分项（{parts}）之和为{expected}件",
    example={
        "row": "全年共收到申请",
        "actual": 3607,
        "expected": 3507,
        "parts": "市政府349件、市各有关部门933件、各县区2225件",
    },
)
def _parts(report: AnnualReport) -> Iterator[Observation]:
    if not report.sections:
        return
    for found in memo(report).breakdowns:
        total = sum(value for _, value in found.parts)
        if total != found.whole:
            parts = "、".join(f"{label}{value}件" for label, value in found.parts)
            yield Observation(
                None,
                total,
                found.whole,
                subject=found.label or found.quote,
                details=(("parts", parts),),
            )


@register_rule(
    "LEGACY-NARRATIVE",
    versions=(FormatVersion.LEGACY_2008,),
    severity=Severity.WARNING,
    part=ReportPart.NARRATIVE,
    message="the narrative says “{row}” {actual}, the statistics table gives {expected}",
    message_zh="正文称“{row}”{actual}，统计表为{expected}",
    example={"row": "主动公开政府信息", "actual": 5200, "expected": 5100},
)
def _legacy(report: AnnualReport) -> Iterator[Observation]:
    if not isinstance(report, AnnualReport2008):
        return
    for figure in report.figures:
        names = LEGACY_LABELS.get(narrative_key(figure.label))
        quantity = figure.quantity
        if names is None or quantity.qualifier is not Qualifier.EXACT:
            continue
        for indicator in report.statistics:
            name = indicator.indicator.strip()
            if name in names and (indicator.unit or quantity.unit) == quantity.unit:
                value = indicator.this_year
                yield Observation(
                    None,
                    value if type(value) is int else None,
                    quantity.value if type(quantity.value) is int else None,
                    subject=figure.label,
                )
                break
