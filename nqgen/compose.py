"""Compose a Plan from a profile and the clause library (soạn kế hoạch), and Plan <-> YAML.

``compose`` is pure: the same profile and library give the same Plan. Clause texts are Jinja
templates rendered with a sandboxed, StrictUndefined environment; profile strings are passed as
data, never compiled, so ``{{`` or ``&`` in a profile print as themselves.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from . import __version__, vn
from .errors import InputError, NqgenError
from .library import PROFILES_DIR, text_env
from .models import (
    Applicability,
    Block,
    Comparison,
    DocKind,
    Issuance,
    Library,
    ParentDocument,
    Plan,
    PlanMeta,
    Profile,
    Signer,
    TargetRow,
    TaskClause,
    TaskGroupRows,
    TaskRow,
)
from .yamlio import dump_yaml, load_model, read_yaml, validate

SYMBOL = {DocKind.kh_ubnd: "KH-UBND", DocKind.kh_du: "KH/ĐU"}


# --------------------------------------------------------------------------- bodies


def _defaults() -> dict[str, Any]:
    data, _ = read_yaml(PROFILES_DIR / "defaults.yaml")
    return dict(data)


_DEFAULTS: dict[str, Any] | None = None


def defaults() -> dict[str, Any]:
    """Unit-kind defaults (``profiles/defaults.yaml``), read once."""
    global _DEFAULTS
    if _DEFAULTS is None:
        _DEFAULTS = _defaults()
    return _DEFAULTS


def _fill(template: str, profile: Profile) -> str:
    return template.replace("{kind}", profile.unit.kind.value).replace(
        "{village_term}", profile.village_term
    )


def resolve_bodies(profile: Profile) -> dict[str, str]:
    """Role key -> display name: the profile's names over the unit-kind defaults.

    Source of the defaults: NĐ 150/2025/NĐ-CP and QĐ 298-QĐ/TW (``profiles/defaults.yaml``).
    A body the profile sets to an empty string does not exist in that commune.
    """
    out: dict[str, str] = {}
    for role, value in defaults()["bodies"].items():
        if isinstance(value, dict):
            value = value[profile.unit.kind.value]
        out[role] = _fill(str(value), profile)
    out.update(profile.bodies)
    return {k: v for k, v in out.items() if v}


# --------------------------------------------------------------------------- selection


def applies(rule: Applicability, profile: Profile, kind: DocKind) -> bool:
    """Whether a clause applies to this profile and document kind.

    A clause applies when the unit kind and the document kind are listed, none of
    ``exclude_sectors`` is in the profile, and, if it names ``sectors``, the profile has one.
    An optional clause (``core: false``) without sectors is left out.
    """
    if profile.unit.kind not in rule.units or kind not in rule.documents:
        return False
    sectors = set(profile.sectors)
    if sectors & set(rule.exclude_sectors):
        return False
    if rule.sectors:
        return bool(sectors & set(rule.sectors))
    return rule.core


def context_for(profile: Profile, bodies: dict[str, str]) -> dict[str, Any]:
    """Variables a clause text may use (clauses/README.md): unit, village_term, year, bodies."""
    unit = profile.unit
    return {
        "unit": {
            "kind": unit.kind.value,
            "name": unit.name,
            "full_name": unit.full_name,
            "province": unit.province,
        },
        "village_term": profile.village_term,
        "year": profile.year,
        "bodies": bodies,
    }


@lru_cache(maxsize=8192)
def _compiled(text: str) -> jinja2.Template:
    """Clause texts compiled once per process (batches compose thousands of plans)."""
    return text_env().from_string(text)


def _render(text: str, ctx: dict[str, Any], where: str) -> str:
    if "{" not in text:  # no Jinja tag: the text renders as itself (most clause texts)
        return " ".join(text.split())
    try:
        return " ".join(_compiled(text).render(ctx).split())
    except Exception as exc:  # noqa: BLE001 - library defects surface as a clear error
        raise NqgenError(f"Điều khoản {where} không dựng được: {exc}") from None


# --------------------------------------------------------------------------- citations


def cite(doc: ParentDocument) -> str:
    """Full citation ``Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về ...``.

    An unknown number prints ``số ...`` and an unknown date is left out: never invented.
    """
    parts = [doc.kind, f"số {doc.number}" if doc.number else "số ..."]
    if doc.date:
        parts.append(f"ngày {vn.short_date(doc.date)}")
    parts.append(f"của {doc.issuer}")
    if doc.summary:
        parts.append(doc.summary)
    return " ".join(parts)


def short_name(doc: ParentDocument) -> str:
    """How a parent is named when cited again: ``Nghị quyết số 57-NQ/TW``."""
    return doc.short or f"{doc.kind} số {doc.number or '...'}"


def party_plan_parent(profile: Profile) -> ParentDocument | None:
    """The commune party plan as a parent of the UBND plan, when its number and date are known.

    Seed 003 (Xốp) cites "Kế hoạch số 04-KH/ĐU ngày 14/8/2025 của Đảng ủy xã Xốp".
    """
    party = profile.party
    if not party.number or not party.date or not party.date.as_date():
        return None
    return ParentDocument(
        kind="Kế hoạch",
        number=f"{vn.doc_number(party.number)}-KH/ĐU",
        date=party.date.as_date(),
        issuer=f"Đảng ủy {profile.unit.full_name}",
        summary=party.summary_of_plan,
    )


def parents_of(profile: Profile, kind: DocKind) -> list[ParentDocument]:
    """Parent documents in citation order; the UBND plan adds the commune party plan last."""
    parents = list(profile.parents)
    if kind == DocKind.kh_ubnd:
        own = party_plan_parent(profile)
        if own and not any(p.number == own.number for p in parents):
            parents.append(own)
    return parents


def join_vi(items: list[str]) -> str:
    """``a, b và c`` (Vietnamese list)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


# --------------------------------------------------------------------------- compose


def compose(
    profile: Profile,
    library: Library,
    kind: DocKind | None = None,
    profile_path: str | None = None,
) -> Plan:
    """Compose the Plan of ``profile`` for ``kind`` (default: the profile's kind).

    Raises NqgenError when a clause names a role the commune has no body for.
    """
    kind = kind or profile.kind
    if kind == DocKind.kh_du:
        from .party import compose_party

        return compose_party(profile, library, profile_path)
    bodies = resolve_bodies(profile)
    ctx = context_for(profile, bodies)
    issuance = profile.ubnd
    parents = parents_of(profile, kind)
    if not parents:
        raise InputError(profile_path or "hồ sơ", "cần ít nhất một văn bản căn cứ", field="parents")
    issuer = f"Ủy ban nhân dân {profile.unit.full_name}"
    focal = bodies.get(profile.focal)
    if focal is None:
        raise InputError(
            profile_path or "hồ sơ", f"không có cơ quan '{profile.focal}'", field="focal"
        )
    reporting = join_vi([f"{d}/{m}" for d, m in profile.reporting]) + " hằng năm"
    tctx = ctx | {
        "parents_short": join_vi([short_name(p) for p in parents]),
        "focal": focal,
        "reporting": reporting,
        "issuer": issuer,
    }
    texts = library.texts.get(kind.value, {})

    def t(key: str) -> str:
        return _render(str(texts[key]), tctx, f"texts.{key}")

    task_groups = select_tasks(profile, library, kind, bodies, ctx)
    targets = select_targets(profile, library, kind, bodies)

    body: list[Block] = []
    h1, h2, p = (
        (lambda s: Block(style="h1", text=s)),
        (lambda s: Block(style="h2", text=s)),
        (lambda s: Block(style="body", text=s)),
    )
    body += [h1("I. MỤC ĐÍCH, YÊU CẦU"), h2("1. Mục đích")]
    body += [p("- " + _render(x, tctx, "texts.purpose")) for x in texts["purpose"]]
    body += [h2("2. Yêu cầu")]
    body += [p("- " + _render(x, tctx, "texts.requirements")) for x in texts["requirements"]]
    body += [h1("II. MỤC TIÊU"), h2("1. Mục tiêu chung"), p(t("goal_general"))]
    body += [
        h2("2. Mục tiêu cụ thể đến năm 2030"),
        p(t("goal_specific")),
        *[p("- " + _render(x, tctx, "texts.goals")) for x in texts.get("goals", [])],
        h2("3. Tầm nhìn đến năm 2045"),
        p(t("vision")),
    ]
    body += [h1("III. NHIỆM VỤ, GIẢI PHÁP")]
    for i, group in enumerate(task_groups, 1):
        body.append(h2(f"{i}. {group.title}"))
        body += [p("- " + row_text) for row_text in _full_texts(group, library, kind, ctx)]
    body += [h1("IV. PHÂN CÔNG NHIỆM VỤ"), p(t("assignment"))]
    body += [h1("V. KINH PHÍ THỰC HIỆN")]
    body += [p("- " + _render(x, tctx, "texts.funding")) for x in texts["funding"]]
    body += [h1("VI. TỔ CHỨC THỰC HIỆN")]
    used = {profile.focal} | _roles_used(profile, library, kind)
    entries = sorted(
        (
            e
            for e in texts["organisation"]
            if e["role"] in bodies and (e["role"] in used or e["role"] == "all_units")
        ),
        key=lambda e: (e["role"] != profile.focal, e["role"] == "all_units"),
    )
    for n, entry in enumerate(entries, 1):
        body.append(h2(f"{n}. {bodies[entry['role']]}"))
        body.append(p(_render(entry["text"], tctx, f"texts.organisation.{entry['role']}")))

    summary = issuance.summary or default_summary(profile, parents)
    return Plan(
        meta=meta_for(library, profile_path),
        kind=kind,
        issuer=["ỦY BAN NHÂN DÂN", profile.unit.full_name.upper()],
        issuer_short=issuer,
        number=issuance.number,
        symbol=SYMBOL[kind],
        place=profile.unit.place,
        date=issuance.date or _year_only(profile),
        title="KẾ HOẠCH",
        summary=summary,
        opening=(
            "Thực hiện "
            + "; ".join(cite(p) for p in parents)
            + f"; {issuer} ban hành Kế hoạch triển khai thực hiện trên địa bàn"
            f" {profile.unit.kind.value} như sau:"
        ),
        body=body,
        closing=t("closing"),
        recipients=recipients(issuance, profile, "ubnd_recipients"),
        storage=f"Lưu: {issuance.storage or defaults()['ubnd_storage']}.",
        signer=issuance.signer,
        signer_body="ỦY BAN NHÂN DÂN",
        signer_head_title="CHỦ TỊCH",
        targets=targets,
        task_groups=task_groups,
    )


def meta_for(library: Library, profile_path: str | None) -> PlanMeta:
    """Provenance block of a Plan (nqgen version, library version and hash, profile)."""
    return PlanMeta(
        nqgen_version=__version__,
        library_version=library.version,
        library_hash=library.content_hash,
        profile=profile_path,
    )


def _year_only(profile: Profile) -> vn.PartialDate:
    return vn.PartialDate(year=profile.year)


def default_summary(profile: Profile, parents: list[ParentDocument]) -> str:
    """Trích yếu when the profile gives none (NĐ 30 PL I II.5b: normal case, no final stop)."""
    return (
        "Triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá "
        "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trên địa bàn "
        f"{profile.unit.full_name}"
    )


def recipients(issuance: Issuance, profile: Profile, default_key: str) -> list[str]:
    """Recipient lines (nơi nhận) without the leading "- " and the trailing ";"."""
    lines = issuance.recipients or [_fill(r, profile) for r in defaults()[default_key]]
    return [line.rstrip(";,. ") for line in lines]


def task_roles(task: TaskClause, kind: DocKind) -> tuple[str, list[str]]:
    """Lead and partner role keys of a task in a document kind (cơ quan chủ trì, phối hợp):
    a KH/ĐU uses ``lead_party``/``partners_party`` where the clause sets them."""
    if kind != DocKind.kh_du:
        return task.lead, task.partners
    partners = task.partners_party if task.partners_party is not None else task.partners
    return task.lead_party or task.lead, partners


def _roles_used(profile: Profile, library: Library, kind: DocKind) -> set[str]:
    used: set[str] = set()
    for g in library.groups:
        for task in g.tasks:
            if task.id not in profile.exclude and applies(task.applies, profile, kind):
                lead, partners = task_roles(task, kind)
                used.add(lead)
                used.update(partners)
    return used


def _applicable_tasks(group: Any, profile: Profile, kind: DocKind) -> list[Any]:
    if not applies(group.applies, profile, kind):
        return []
    return [
        task
        for task in group.tasks
        if task.id not in profile.exclude and applies(task.applies, profile, kind)
    ]


def _full_texts(
    rows: TaskGroupRows, library: Library, kind: DocKind, ctx: dict[str, Any]
) -> list[str]:
    by_id = {task.id: task for g in library.groups for task in g.tasks}
    return [_render(by_id[r.clause].wording(kind), ctx, r.clause) for r in rows.rows]


def select_tasks(
    profile: Profile, library: Library, kind: DocKind, bodies: dict[str, str], ctx: dict[str, Any]
) -> list[TaskGroupRows]:
    """The appendix task groups: every applicable clause, its bodies and deadline resolved.

    Raises NqgenError naming the clause when its lead role has no body in the profile.
    """
    out: list[TaskGroupRows] = []
    n = 0
    for group in library.groups:
        tasks = _applicable_tasks(group, profile, kind)
        if not tasks:
            continue
        rows: list[TaskRow] = []
        for task in tasks:
            n += 1
            lead, partners = task_roles(task, kind)
            if lead not in bodies:
                raise NqgenError(
                    f"Điều khoản {task.id}: hồ sơ không có cơ quan cho vai trò chủ trì '{lead}'."
                )
            content = task.summary or task.wording(kind)
            rows.append(
                TaskRow(
                    number=str(n),
                    clause=task.id,
                    content=_render(content, ctx, task.id),
                    lead=bodies[lead],
                    partners="; ".join(bodies[r] for r in partners if r in bodies and r != lead),
                    deadline=task.deadline.text(),
                    note=_render(task.product, ctx, task.id) if task.product else "",
                )
            )
        out.append(
            TaskGroupRows(
                number=vn.roman(len(out) + 1),
                title=_render(group.heading(kind), ctx, group.id),
                group=group.id,
                nq57=group.nq57,
                rows=rows,
            )
        )
    return out


_PREFIX = {Comparison.gt: "Trên ", Comparison.ge: "≥ ", Comparison.eq: ""}


def select_targets(
    profile: Profile, library: Library, kind: DocKind, bodies: dict[str, str]
) -> list[TargetRow]:
    """Phụ lục I rows: applicable targets, the profile's overrides applied, values in ``vi``."""
    rows: list[TargetRow] = []
    for target in library.targets:
        if target.id in profile.exclude or not applies(target.applies, profile, kind):
            continue
        monitor = (
            (target.monitor_party or target.monitor) if kind == DocKind.kh_du else target.monitor
        )
        value = profile.targets.get(target.id, target.value)
        rows.append(
            TargetRow(
                number=str(len(rows) + 1),
                target=target.id,
                indicator=target.indicator,
                unit=target.unit,
                value=_PREFIX[target.comparison] + vn.number(value),
                year=target.year,
                monitor=bodies.get(monitor, monitor),
            )
        )
    return rows


# --------------------------------------------------------------------------- Plan <-> YAML


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


__all__ = ["compose", "plan_to_yaml", "load_plan", "load_profile", "load_source", "Signer"]
