"""Plan and profile files (tệp hồ sơ, tệp kế hoạch): YAML in and out, errors naming the file,
line and field (:mod:`nqgen.yamlio`)."""

from __future__ import annotations

from pathlib import Path

from ..models import Plan, Profile
from ..yamlio import Flow, FlowList, dump_yaml, load_model, read_yaml, validate
from .basis import stamp


def plan_to_yaml(plan: Plan) -> str:
    """The Plan as editable YAML (Vietnamese kept readable): the recorded profile with only
    what differs from the defaults, the hashes of what each text was composed from on one
    line (``basis``). A plan never written before is stamped first, in place
    (:func:`nqgen.compose.basis.stamp`): edit a composed plan only after that."""
    header = (
        "# Kế hoạch do nqgen soạn: có thể sửa nội dung rồi dựng lại bằng `nqgen render`.\n"
        f"# nqgen {plan.meta.nqgen_version}, thư viện {plan.meta.library_version}\n"
        "# Khi thư viện có phiên bản mới: `nqgen update` soạn lại và giữ những chỗ bạn đã sửa.\n"
        "# Không sửa meta, key, basis: chúng ghi mỗi đoạn được soạn từ đâu.\n"
    )
    if not plan.meta.composed:  # composed, never written: record what each text came from
        stamp(plan)
    data = plan.model_dump(mode="json")
    meta = data["meta"]
    if plan.meta.profile_copy is not None:
        meta["profile_copy"] = plan.meta.profile_copy.model_dump(mode="json", exclude_defaults=True)
    meta["basis"] = Flow(meta["basis"])
    meta["composed"] = FlowList(meta["composed"])
    for group in data["task_groups"]:
        for row in group["rows"]:
            row["basis"] = Flow(row["basis"])
    return header + dump_yaml(data)


def load_plan(path: Path) -> Plan:
    """Read a Plan YAML (errors name file, line, field)."""
    return load_model(Plan, path)


def load_profile(path: Path) -> Profile:
    """Read a profile YAML (errors name file, line, field)."""
    return load_model(Profile, path)


def load_source(path: Path) -> Plan | Profile:
    """Read a plan file (top-level ``meta`` and ``body``) or else a profile, parsing once.

    Errors name file, line and field, as :func:`load_plan` and :func:`load_profile` do.
    """
    data, node = read_yaml(path)
    if isinstance(data, dict) and "meta" in data and "body" in data:
        return validate(Plan, data, path, node)
    return validate(Profile, data, path, node)
