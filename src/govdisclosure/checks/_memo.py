"""What the rules of one check read of a report, worked out once and shared by them all.

:func:`check` runs its rules one after the other on the same report: the memo of the last report
seen is kept (by identity, holding the report, so the identity cannot be reused) and every rule
reads it instead of reading the tables, classifying the figures or scanning the text again. The
text pass is lazy: it runs only for a report some rule asks about its text, once, with
precompiled patterns and a substring test before any pattern.
"""

from __future__ import annotations

import re
import threading
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, NamedTuple

from govdisclosure.model.form import FormTable, form_of

if TYPE_CHECKING:
    from govdisclosure.model.layout import ReportPart
    from govdisclosure.model.report import AnnualReport

__all__: list[str] = []


class Breakdown(NamedTuple):
    """A count with its parts in brackets: ``3607件（市政府349件、市各有关部门933件、…）``."""

    label: str
    """The words before the whole, back to the last punctuation (what the whole counts)."""
    whole: int
    parts: tuple[tuple[str, int], ...]
    quote: str


class FeeText(NamedTuple):
    """What section 六 says of information processing fees (信息处理费), sentence by sentence."""

    total: Decimal | None
    """The fee total it states (in 元), if one."""
    applications: int | None
    """The number of applications charged it states (共…件), if one."""
    items: tuple[tuple[str, int | None, Decimal], ...]
    """Itemised charges: (who or what, 件 if given, 元)."""
    pages: tuple[tuple[int, Decimal, str], ...]
    """Sentences that give pages and the amount charged for them: (pages, 元, sentence)."""
    pieces: tuple[tuple[int, Decimal, str], ...]
    """Sentences charging 按件计收 with a count and an amount: (件, 元, sentence)."""


# A bracket of parts must not say it includes (含) or adds (另), or give shares.
_PART = re.compile(r"^\s*([^\d，、；;,]{1,30}?)\s*(\d+)\s*件\s*$")
_NOT_A_PARTITION = ("含", "另", "其中", "包括", "%", "\uff05", "占", "等", "以上", "余")
_PUNCTUATION = re.compile(r"[，。；;,、：:（）()\s\x1f]")
# Sentences end at 。 (a list of items goes on past ；).
_SENTENCES = re.compile(r"[。\n]")
_YUAN = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|元)")
_FEE_TOTAL = re.compile(
    r"信息处理费[^。；;]*?(?:共计|合计|总计|共|计)?\s*(\d+(?:\.\d+)?)\s*(万元|元)"
)
_FEE_COUNT = re.compile(r"(?:共|合计|共计)\s*(\d+)\s*件")
_FEE_ITEM = re.compile(
    r"([^\d，、；;。,：:]{1,20}?)\s*(?:(\d+)\s*件)?\s*[，,]?\s*(?:收取|收费|金额|计)?"
    r"[^\d，、；;。,]{0,6}?(\d+(?:\.\d+)?)\s*(万元|元)"
)
_PAGES = re.compile(r"(\d+)\s*页")
_PIECES = re.compile(r"(\d+)\s*件")


def _amount(value: str, unit: str) -> Decimal | None:
    try:
        amount = Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None
    return amount * 10000 if unit == "万元" else amount


def _label_before(text: str, at: int) -> str:
    start = at
    while start > 0 and not _PUNCTUATION.match(text[start - 1]) and at - start < 40:
        start -= 1
    return text[start:at].strip()


# What a breakdown starts with, searched for in the whole text at once: 件 and a bracket.
_OPENING = re.compile(r"件\s*[（(]([^（()）\n\x1f]{3,300})[）)]")
_WHOLE = re.compile(r"(\d+)\s*$")
_SPLIT = re.compile(r"[、，,；;]")


#: What joins the paragraphs into one text for the patterns (a character no text has).
SEPARATOR = "\x1f"


def breakdowns(paragraphs: tuple[str, ...], text: str | None = None) -> tuple[Breakdown, ...]:
    """Every bracketed breakdown in 件 whose parts are all counts in 件 (two or more).

    ``text`` is the paragraphs joined by :data:`SEPARATOR`, if the caller has it already.
    """
    if text is None:
        text = SEPARATOR.join(paragraphs)
    if "件" not in text:
        return ()
    out: list[Breakdown] = []
    for match in _OPENING.finditer(text):
        inner = match.group(1)
        if any(word in inner for word in _NOT_A_PARTITION):
            continue
        at = match.start()
        whole = _WHOLE.search(text, max(0, at - 16), at)
        if whole is None:
            continue
        parts: list[tuple[str, int]] = []
        for piece in _SPLIT.split(inner):
            part = _PART.match(piece)
            if part is None:
                parts = []
                break
            parts.append((part.group(1).strip(), int(part.group(2))))
        if len(parts) >= 2:
            label = _label_before(text, whole.start())
            quote = text[whole.start() : match.end()]
            out.append(Breakdown(label, int(whole.group(1)), tuple(parts), quote))
    return tuple(out)


_PARTIAL = ("其余", "其他", "等", "另", "以上", "余")
# Who is charged, for the fee of one applicant's month (按件计收 counts per applicant and month).
_ONE_APPLICANT = ("同一申请人", "同一个申请人", "一名申请人", "一个申请人", "该申请人")


# fee_text reads items only after this word, and a charge only from a sentence with one of these.
_ITEMS_AFTER = "其中"
_CHARGE_WORDS = ("页", "按件计收")
#: The words without which fee_text reads neither items nor a charge (the fee rules' shortcut).
FEE_DETAIL_WORDS = (_ITEMS_AFTER, *_CHARGE_WORDS)


def fee_text(paragraphs: tuple[str, ...]) -> FeeText | None:
    """What the paragraphs (section 六) say of information processing fees, or None.

    Conservative, since a wrong finding is worse than none: the items are read only from the
    sentence that states the total, after its 其中, and only when every amount there is an item
    read and no word (其余, 等…) says the list is partial (else none are); a sentence on pages
    or 件 is read only when it gives one amount, and, for 按件计收, names one applicant.
    """
    text = "。".join(p for p in paragraphs if "费" in p)
    if "信息处理费" not in text:
        return None
    total: Decimal | None = None
    applications: int | None = None
    items: list[tuple[str, int | None, Decimal]] = []
    pages: list[tuple[int, Decimal, str]] = []
    pieces: list[tuple[int, Decimal, str]] = []
    for sentence in _SENTENCES.split(text):
        if "元" not in sentence:
            continue
        head, _, rest = sentence.partition(_ITEMS_AFTER)
        # The literal words the patterns need are looked for first (a substring test is much
        # faster than a pattern that can start anywhere).
        found = _FEE_TOTAL.search(head) if total is None and "信息处理费" in head else None
        if found is not None:
            total = _amount(found.group(1), found.group(2))
            counted = _FEE_COUNT.search(head) if "件" in head else None
            applications = int(counted.group(1)) if counted is not None else None
            read = []
            for item in _FEE_ITEM.finditer(rest) if "元" in rest else ():
                n = int(item.group(2)) if item.group(2) else None
                amount = _amount(item.group(3), item.group(4))
                assert amount is not None
                read.append((item.group(1).strip(), n, amount))
            # Every amount an item, and no word saying the list is partial.
            if len(read) == rest.count("元") and not any(w in rest for w in _PARTIAL):
                items = read
        if not any(word in sentence for word in _CHARGE_WORDS):
            continue  # neither the pages of an application nor a charge per application
        amounts = _YUAN.findall(sentence)
        if len(amounts) != 1:
            continue
        amount = _amount(*amounts[0])
        assert amount is not None
        page = _PAGES.findall(sentence) if "页" in sentence else ()
        counts = [int(n) for n in _PIECES.findall(sentence)] if "件" in sentence else []
        if len(page) == 1:
            if all(n <= 1 for n in counts):  # the pages of one application, not of several
                pages.append((int(page[0]), amount, sentence.strip()))
        elif (
            "按件计收" in sentence
            and len(counts) == 1
            and any(word in sentence for word in _ONE_APPLICANT)
        ):
            pieces.append((counts[0], amount, sentence.strip()))
    return FeeText(total, applications, tuple(items), tuple(pages), tuple(pieces))


def _walk(report: AnnualReport) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every paragraph in order, and those of section 六 (其他需要报告的事项), in one walk."""
    every: list[str] = []
    other: list[str] = []
    for top in report.sections:
        heading = top.heading
        into = other if "其他需要报告" in heading or heading.lstrip().startswith("六") else None
        if not top.subsections:  # the common case: no walk
            every.extend(top.paragraphs)
            if into is not None:
                into.extend(top.paragraphs)
            continue
        stack = [top]
        while stack:  # depth first, without a generator per level
            section = stack.pop()
            every.extend(section.paragraphs)
            if into is not None:
                into.extend(section.paragraphs)
            if section.subsections:
                stack.extend(reversed(section.subsections))
    return tuple(every), tuple(other)


_UNREAD: Any = object()  # a table not read yet (None is a table not printed)


class Memo:
    """One report's tables, read once, and its text, scanned once on first use."""

    __slots__ = (
        "_breakdowns",
        "_fees",
        "_joined",
        "_tables",
        "_text",
        "blanks",
        "report",
        "scan",
    )

    def __init__(self, report: AnnualReport) -> None:
        self.report = report
        self._tables: dict[ReportPart, tuple[FormTable, tuple[Any, ...]] | None] = {}
        self._text: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self._joined: str | None = None
        self._breakdowns: tuple[Breakdown, ...] | None = None
        self._fees: tuple[FeeText | None] | None = None
        #: The classification of the figures (set by the narrative rules on first use).
        self.scan: Any = None
        #: Whether the rules should yield the comparisons a blank operand keeps from being
        #: verified. :func:`check` turns it off while it runs without ``include_unverifiable``
        #: (it would drop them), so that the table rules need not build them.
        self.blanks = True

    def table(self, part: ReportPart) -> tuple[FormTable, tuple[Any, ...]] | None:
        """The form's table of ``part`` and the report's cells in it (None if not printed)."""
        tables = self._tables
        read: tuple[FormTable, tuple[Any, ...]] | None = tables.get(part, _UNREAD)
        if read is _UNREAD:
            # Each table on first use (the default rules read tables 3 and 4, never table 2).
            read = None
            report = self.report
            for table in form_of(report).tables:
                if table.part is part:
                    obj = getattr(report, table.attribute, None)
                    read = None if obj is None else (table, table.read(obj))
                    break
            tables[part] = read
        return read

    def _walked(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if self._text is None:
            self._text = _walk(self.report)
        return self._text

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """Every paragraph of every section, in order."""
        return self._walked()[0]

    @property
    def other(self) -> tuple[str, ...]:
        """The paragraphs of section 六 (其他需要报告的事项), in order."""
        return self._walked()[1]

    @property
    def text(self) -> str:
        """Every paragraph, joined by :data:`SEPARATOR` (so one search covers them all)."""
        if self._joined is None:
            self._joined = SEPARATOR.join(self.paragraphs)
        return self._joined

    @property
    def breakdowns(self) -> tuple[Breakdown, ...]:
        """The bracketed breakdowns of the text (:func:`breakdowns`)."""
        if self._breakdowns is None:
            found: tuple[Breakdown, ...] = ()
            if self.report.sections:
                found = breakdowns(self.paragraphs, self.text)
            self._breakdowns = found
        return self._breakdowns

    @property
    def fees(self) -> FeeText | None:
        """What section 六 (其他需要报告的事项) says of information processing fees."""
        if self._fees is None:
            other = self.other if self.report.sections else ()
            self._fees = (fee_text(other) if other else None,)
        return self._fees[0]


class _Last(threading.local):
    """The memo of the last report seen, per thread (so that threads never share one)."""

    memo: Memo | None = None


_state = _Last()


def memo(report: AnnualReport) -> Memo:
    """The memo of ``report``: the last one's if it is the same object, else a new one."""
    state = _state
    last = state.memo
    if last is not None and last.report is report:
        return last
    made = Memo(report)
    state.memo = made
    return made
