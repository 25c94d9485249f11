"""What a plan was composed from (cơ sở của từng đoạn): the hashes ``nqgen update`` needs.

Every text a plan prints from the library or the profile is stamped with the hash of the text
as composed — each body paragraph (:class:`~nqgen.models.Block`, with its key), each field of
a Phụ lục II row, each Phụ lục I row and the plan-level texts (:data:`PLAN_FIELDS`, in
``meta.basis``). An update compares three texts through them: the plan's (the user's, maybe
edited), the one it was composed with (its hash) and the one the current library composes
(:mod:`nqgen.update`). A hash, not the text, is kept: the plan stays one text per place.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..models import Plan, TargetRow, TaskRow

#: The fields of a Phụ lục II row a user may edit and the library may change.
ROW_FIELDS = ("content", "lead", "partners", "deadline", "note")

#: Plan-level fields stamped in ``meta.basis`` (the header's number and date, the texts
#: around the body, the recipients and signer).
PLAN_FIELDS = ("number", "date", "summary", "opening", "closing", "recipients", "storage",
               "signer")


def text_hash(value: Any) -> str:
    """A short, stable hash of a value as printed: the text (NFC, as every text of a plan is
    once validated), or the JSON of a structure."""
    if isinstance(value, str):
        data = value
    else:
        if hasattr(value, "model_dump"):
            value = value.model_dump(mode="json")
        data = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def target_value(row: TargetRow) -> tuple[str, ...]:
    """What a Phụ lục I row prints (indicator, unit, value, year, monitoring body)."""
    return (row.indicator, row.unit, row.value_text(), str(row.year), row.monitor)


def row_hashes(row: TaskRow) -> dict[str, str]:
    return {f: text_hash(getattr(row, f)) for f in ROW_FIELDS}


def plan_value(plan: Plan, name: str) -> Any:
    value = getattr(plan, name)
    return value.model_dump(mode="json") if hasattr(value, "model_dump") else value


def stamp(plan: Plan) -> Plan:
    """The plan with every place keyed and stamped with the hash of its text (in place)."""
    n = 0
    for block in plan.body:
        if block.key is None:
            n += 1
            block.key = f"p{n}"
        block.basis = text_hash(block.text)
    for row in plan.task_rows():
        row.basis = row_hashes(row)
    for target in plan.targets:
        target.basis = text_hash(target_value(target))
    plan.meta.basis = {f: text_hash(plan_value(plan, f)) for f in PLAN_FIELDS}
    plan.meta.composed = places(plan)
    return plan


def places(plan: Plan) -> list[str]:
    """The places of a plan (``body:<key>``, ``row:<clause>``, ``target:<id>``)."""
    out = [f"body:{b.key}" for b in plan.body if b.key]
    out += [f"row:{r.clause}" for r in plan.task_rows()]
    out += [f"target:{t.target}" for t in plan.targets]
    return out
