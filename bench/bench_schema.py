"""Time ``json_schema`` for every model class, cold and cached, against ``msgspec.json.schema``.

Run with ``python bench/bench_schema.py`` (needs the ``bench`` extra for msgspec).

- *cold*: the schema caches are dropped before each round (as after a registration), so every
  class is planned and its schema built again;
- *cached*: the schemas are built; each call copies the cached schema (a new dict per call);
- peer: ``msgspec.json.schema`` of the same attrs classes. It knows nothing of govdisclosure's
  tags, codes, formats or validators, so it does less work; the ratio says what the extra
  fidelity costs.
"""

from __future__ import annotations

import timeit
from typing import Any

import msgspec

from govdisclosure.model import AnnualReport
from govdisclosure.serialize import schema
from govdisclosure.serialize.schema import json_schema, model_classes

CLASSES = [cls for cls in model_classes().values() if cls is not AnnualReport]


def cold() -> None:
    schema._clear()
    for cls in model_classes().values():
        json_schema(cls)
        json_schema(cls, keys="zh")


def cached() -> None:
    for cls in model_classes().values():
        json_schema(cls)
        json_schema(cls, keys="zh")


def peer() -> Any:
    # msgspec cannot describe the abstract base (no tag field): the concrete classes only.
    return msgspec.json.schema_components(CLASSES)


def best(fn: Any, number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


def main() -> None:
    n = 2 * len(model_classes())
    t_cold = best(cold, 5)
    t_cached = best(cached, 20)
    t_peer = best(peer, 5)
    print(f"classes: {len(model_classes())} (en and zh: {n} schemas per round)")
    print(f"cold   : {t_cold * 1e3:8.2f} ms per round, {t_cold / n * 1e3:6.3f} ms per schema")
    print(f"cached : {t_cached * 1e3:8.2f} ms per round, {t_cached / n * 1e3:6.3f} ms per schema")
    print(
        f"msgspec.json.schema_components (en only, {len(CLASSES)} classes): {t_peer * 1e3:.2f} ms"
    )
    print(f"ratio cold (en+zh) / msgspec (en): {t_cold / t_peer:.1f}x")
    print(f"ratio cached (en+zh) / msgspec (en): {t_cached / t_peer:.2f}x")


if __name__ == "__main__":
    main()
