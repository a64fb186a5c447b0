"""The quick screen for keys given twice never lets one through, whatever the layout.

:func:`govdisclosure.serialize.json.parse_json` skips its slow pass when the colons of the
bytes and of their re-encoding agree (see ``_no_duplicate``). These tests write documents by
hand, as a hostile writer would (escapes such as ``\\u003a`` for any character, colons inside
strings and URLs, white space around colons, indentation), and check that a key given twice is
always refused with its path, and that the slow pass runs only where the screen cannot decide.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import examples
from govdisclosure.errors import ValidationError
from govdisclosure.serialize import json as json_module
from govdisclosure.serialize import parse_json, to_json

# A document as pairs: an object is a list of (key, value) pairs, so a key can be given twice.
_Pairs = list[tuple[str, Any]]


class _Object(list[tuple[str, Any]]):
    """An object of a hand-written document (its pairs, in order, duplicates kept)."""


_TEXT = st.text(alphabet=':"\\/ ab政\u3000\n', max_size=6) | st.sampled_from(
    ["https://www.gov.cn/a", "12:30", "a:b:c", "http://x.cn:8080/"]
)
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), _TEXT)
_KEYS = st.sampled_from(["a", "b", ":", "a:", "type", "数值"])


def _objects(children: st.SearchStrategy[Any]) -> st.SearchStrategy[_Object]:
    return st.lists(st.tuples(_KEYS, children), max_size=4).map(_Object)


_VALUES = st.recursive(
    _SCALARS, lambda children: st.lists(children, max_size=3) | _objects(children), max_leaves=12
)


def _string(text: str, escape: st.DataObject) -> str:
    """``text`` as a JSON string, each character written plainly or as ``\\uXXXX`` at random."""
    out = []
    for char in text:
        if char in '"\\' or char < " " or escape.draw(st.booleans(), label="escape"):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _write(value: Any, layout: tuple[str, str, str], escape: st.DataObject, depth: int = 0) -> str:
    comma, colon, indent = layout
    newline = "\n" + indent * (depth + 1) if indent else ""
    close = "\n" + indent * depth if indent else ""
    if isinstance(value, _Object):
        if not value:
            return "{}"
        members = [
            _string(key, escape) + colon + _write(item, layout, escape, depth + 1)
            for key, item in value
        ]
        return "{" + newline + (comma + newline).join(members) + close + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [_write(item, layout, escape, depth + 1) for item in value]
        return "[" + newline + (comma + newline).join(items) + close + "]"
    if isinstance(value, str):
        return _string(value, escape)
    return json.dumps(value)


def _duplicates(value: Any, path: str = "$") -> list[str]:
    """The paths parse_json reports: each key given twice, depth first, as the slow pass."""
    found: list[str] = []
    if isinstance(value, _Object):
        seen: set[str] = set()
        kept = dict(value)
        for key, _ in value:
            if key in seen:
                found.append(f"{path}.{key}")
            seen.add(key)
        for key, item in kept.items():
            found += _duplicates(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _duplicates(item, f"{path}[{i}]")
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, _Object):
        return {key: _plain(item) for key, item in value}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


# (between items, between a key and its value, one level of indentation)
_LAYOUTS = st.sampled_from(
    [
        *((",", ":", ""), (", ", ": ", ""), (",", " : ", ""), (",", ":", " ")),
        *((",", ": ", "  "), (",", " :", "\t"), (",\r\n", ":\r\n", "")),
    ]
)


@settings(max_examples=400)
@given(document=_objects(_VALUES), layout=_LAYOUTS, escape=st.data())
def test_a_key_given_twice_never_hides_from_the_screen(
    document: _Object, layout: tuple[str, str, str], escape: st.DataObject
) -> None:
    raw = _write(document, layout, escape).encode()
    expected = _duplicates(document)
    if expected:
        with pytest.raises(ValidationError) as caught:
            parse_json(raw)
        assert sorted(caught.value.paths) == sorted(expected)
    else:
        assert parse_json(raw) == _plain(document)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"a":"x","a":"\\u003a"}',  # the escape makes the colon the dropped value held
        b'{"a":"\\u003a\\u003a","b":{"a":1,"a":2}}',
        b'{"\\u0061":1,"a":2}',  # the same key, spelled two ways
        b'{"a":"x:","a":"y"}',
        b'{"a" : 1, "a" : 2}',
        b'{\n "u": "https://a.cn",\n "u": "https://b.cn"\n}',
        b'{"a":[{"b":1}],"a":[{"b":1}]}',
    ],
)
def test_hand_made_duplicates_are_refused(raw: bytes) -> None:
    with pytest.raises(ValidationError, match="more than once"):
        parse_json(raw)


def _slow_passes(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    calls: list[bytes] = []
    slow = json_module._check_duplicates

    def counted(raw: bytes) -> None:
        calls.append(raw)
        slow(raw)

    monkeypatch.setattr(json_module, "_check_duplicates", counted)
    return calls


def test_the_slow_pass_runs_only_where_the_screen_cannot_decide(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _slow_passes(monkeypatch)
    report = examples.load("huaian-city-2024")
    compact = to_json(report)
    indented_one = json.dumps(orjson.loads(compact), ensure_ascii=False, indent=1).encode()
    for raw in (compact, to_json(report, indent=True), indented_one, b'{"u" : "http://a:b"}'):
        parse_json(raw)
    assert calls == []  # every layout without a backslash is screened
    for raw in (b'{"a": "\\"", "b": 1}', b'{"a":1,"a":2}', b"[" * 300 + b"]" * 300):
        with contextlib.suppress(ValidationError):
            parse_json(raw)
    assert len(calls) == 3  # a backslash (not compact), a duplicate, too deep to re-encode
