"""Plan and profile files (tệp hồ sơ, tệp kế hoạch): YAML in and out, errors naming the file,
line and field (:mod:`nqgen.yamlio`)."""

from __future__ import annotations

from pathlib import Path

from ..models import Plan, Profile
from ..yamlio import dump_yaml, load_model, read_yaml, validate


def plan_to_yaml(plan: Plan) -> str:
    """The Plan as editable YAML (Vietnamese kept readable)."""
    header = (
        "# Kế hoạch do nqgen soạn: có thể sửa nội dung rồi dựng lại bằng `nqgen render`.\n"
        f"# nqgen {plan.meta.nqgen_version}, thư viện {plan.meta.library_version}\n"
    )
    return header + dump_yaml(plan.model_dump(mode="json"))


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
