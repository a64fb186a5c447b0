"""Parsing the seed's real text gives the bundled hand-entered seed report, difference by
difference.

``govdisclosure.examples.load("sichuan-hrss-2013")`` was entered by hand from
``tests/data/reports/sichuan-hrss-2013.txt``. The test lists every field where the parse differs;
the differences the parser cannot close are listed in ``EXPECTED`` with the reason, and the test
fails both on a new difference and on an expected one that has gone (so the list only shrinks).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from govdisclosure.examples import load
from govdisclosure.parse import parse_report

if TYPE_CHECKING:
    from govdisclosure.model.report import AnnualReport, Figure

SOURCE = Path(__file__).resolve().parents[1] / "data" / "reports" / "sichuan-hrss-2013.txt"

EXPECTED: dict[str, str] = {
    "agency.parent": "the text does not name the parent (四川省人民政府): an editor's fact",
    "agency.region": "the region code comes from a directory of GB/T 2260 codes, not the text",
    "channels": "the 19 channels are not yet read from the narrative (typed DisclosureChannel)",
    "preamble": "the seed's preamble repeats the title the source prints on its own line",
    "sections[2]": "the seed joins two paragraphs of section 三 that the source prints apart",
    "figures: 清理省本级行政审批项目工作的清理原则": "the editor's label takes words after the"
    " number (11项清理原则); the parser's label is the clause before it",
    "figures: 现行行政审批项目": "the editor nests 清理后保留1项 under 现行行政审批项目6项"
    " without a 其中; the parser keeps them side by side",
    "figures: 公开各类信息": "the editor's label keeps the verb 公开 before a 50-character list",
    "figures: parsed only: 各类信息": "the same figure as 公开各类信息 (10000余条), without 公开",
    "figures: parsed only: 进一步做好清理省本级行政审批项目工作": "the same figure as the editor's"
    " 清理原则 (11项)",
    "figures: parsed only: 清理后只保留": "the editor's part 清理后保留 of 现行行政审批项目",
    "figures: quotes": "the editor's quote spans the whole breakdown, a parenthesis or the full"
    " stop; the parser's is the clause the figure stands in",
}


def _unquoted(figure: Figure) -> Figure:
    return attrs.evolve(figure, quote=None, parts=tuple(map(_unquoted, figure.parts)))


def differences(seed: AnnualReport, parsed: AnnualReport) -> dict[str, tuple[Any, Any]]:
    """Every field where the parse differs from the seed (figures by label)."""
    out: dict[str, tuple[Any, Any]] = {}
    for field in attrs.fields(type(seed)):
        name = field.name
        want, got = getattr(seed, name), getattr(parsed, name)
        if want == got:
            continue
        if name == "agency":
            for sub in attrs.fields(type(want)):
                if getattr(want, sub.name) != getattr(got, sub.name):
                    out[f"agency.{sub.name}"] = (getattr(want, sub.name), getattr(got, sub.name))
        elif name == "sections":
            for index, (a, b) in enumerate(zip(want, got, strict=True)):
                if a != b:
                    out[f"sections[{index}]"] = (a, b)
        elif name == "figures":
            parsed_by_label = {f.label: f for f in got}
            for figure in want:
                other = parsed_by_label.pop(figure.label, None)
                if other is None or _unquoted(other) != _unquoted(figure):
                    out[f"figures: {figure.label}"] = (figure, other)
                elif other != figure:
                    out["figures: quotes"] = (figure.quote, other.quote)
            for label, figure in parsed_by_label.items():
                out[f"figures: parsed only: {label}"] = (None, figure)
        else:
            out[name] = (want, got)
    return out


def test_the_seed_text_parses_to_the_seed_report() -> None:
    seed = load("sichuan-hrss-2013")
    parsed = parse_report(SOURCE).report
    found = differences(seed, parsed)
    unexpected = sorted(set(found) - set(EXPECTED))
    closed = sorted(set(EXPECTED) - set(found))
    assert not unexpected, {k: found[k] for k in unexpected}
    assert not closed, f"closed, remove from EXPECTED: {closed}"


def test_the_seed_figures_values_qualifiers_units_and_fee() -> None:
    seed = load("sichuan-hrss-2013")
    parsed = parse_report(SOURCE).report
    quantities = sorted((f.quantity.value, f.quantity.unit, f.quantity.qualifier.code)
                        for f in parsed.figures)  # fmt: skip
    for figure in seed.figures:
        q = figure.quantity
        assert (q.value, q.unit, q.qualifier.code) in quantities, figure.label
    assert parsed.processing_fee == seed.processing_fee
    assert [s.heading for s in parsed.sections] == [s.heading for s in seed.sections]
