"""The KH-UBND plan (Kế hoạch của Ủy ban nhân dân xã, phường, đặc khu): its skeleton.

Sections as in the real plans (DESIGN.md, "Sections of a KH-UBND plan"): the opening citing the
parent documents, I. MỤC ĐÍCH, YÊU CẦU, II. MỤC TIÊU, III. NHIỆM VỤ, GIẢI PHÁP (one heading per
task group, the full text of each selected clause), IV. PHÂN CÔNG NHIỆM VỤ (Phụ lục II),
V. KINH PHÍ THỰC HIỆN, VI. TỔ CHỨC THỰC HIỆN (the duties of each body with a task), the closing
sentence ending "./." (NĐ 30/2020, Phụ lục III, Mẫu 1.4), Phụ lục I (targets) and Phụ lục II
(task assignment).
"""

from __future__ import annotations

from ..errors import InputError
from ..models import Block, DocKind, Paragraphs, Plan, paragraphs
from . import core
from .rows import targets_of, task_groups

KIND = DocKind.kh_ubnd


def compose_ubnd(ctx: core.Context) -> Plan:
    """The KH-UBND Plan of ``ctx`` (see the module docstring for the skeleton).

    Raises InputError when the profile has no parent document or no body for its focal role.
    """
    profile, library = ctx.profile, ctx.library
    issuance = profile.ubnd
    parents = core.parents_of(profile, KIND)
    if not parents:
        raise InputError(ctx.where, "cần ít nhất một văn bản căn cứ", field="parents")
    core.check_dates(profile, KIND, parents, ctx.where)
    focal = ctx.bodies.get(profile.focal)
    if focal is None:
        raise InputError(ctx.where, f"không có cơ quan '{profile.focal}'", field="focal")
    issuer = f"Ủy ban nhân dân {profile.unit.full_name}"
    texts = library.texts.kh_ubnd
    ctx.vars |= {
        "parents_short": core.join_vi([core.short_name(p) for p in parents]),
        "focal": focal,
        "reporting": core.join_vi([f"{d}/{m}" for d, m in profile.reporting]) + " hằng năm",
        "issuer": issuer,
    }
    groups = task_groups(ctx)
    targets = targets_of(ctx)

    def h1(s: str) -> Block:
        return Block(style="h1", text=s)

    def h2(s: str) -> Block:
        return Block(style="h2", text=s)

    def p(s: str) -> Block:
        return Block(style="body", text=s)

    def bullets(items: Paragraphs, where: str) -> list[Block]:
        return [p("- " + ctx.render(x, where)) for x in paragraphs(items, profile.scope)]

    body = [h1("I. MỤC ĐÍCH, YÊU CẦU"), h2("1. Mục đích")]
    body += bullets(texts.purpose, "texts.purpose")
    body += [h2("2. Yêu cầu"), *bullets(texts.requirements, "texts.requirements")]
    body += [h1("II. MỤC TIÊU"), h2("1. Mục tiêu chung")]
    body += [p(ctx.render(texts.goal_general, "texts.goal_general"))]
    body += [h2("2. Mục tiêu cụ thể đến năm 2030")]
    body += [p(ctx.render(texts.goal_specific, "texts.goal_specific"))]
    body += bullets(texts.goals, "texts.goals")
    body += [h2("3. Tầm nhìn đến năm 2045"), p(ctx.render(texts.vision, "texts.vision"))]
    body += [h1("III. NHIỆM VỤ, GIẢI PHÁP")]
    for i, (group, group_texts) in enumerate(groups.paragraphs, 1):
        body.append(h2(f"{i}. {group}"))
        body += [p("- " + text) for text in group_texts]
    body += [h1("IV. PHÂN CÔNG NHIỆM VỤ"), p(ctx.render(texts.assignment, "texts.assignment"))]
    body += [h1("V. KINH PHÍ THỰC HIỆN"), *bullets(texts.funding, "texts.funding")]
    body += [h1("VI. TỔ CHỨC THỰC HIỆN")]
    used = {profile.focal} | groups.roles
    entries = sorted(
        (
            e
            for e in texts.organisation
            if e.role in ctx.bodies and (e.role in used or e.role == "all_units" or e.always)
        ),
        key=lambda e: (e.role != profile.focal, e.always, e.role == "all_units"),
    )
    for n, entry in enumerate(entries, 1):
        assert entry.role is not None
        suffix = ctx.render(entry.suffix or "", f"texts.organisation.{entry.role}")
        body.append(h2(f"{n}. {ctx.bodies[entry.role]} {suffix}".strip()))
        body.append(p(ctx.render(entry.text, f"texts.organisation.{entry.role}")))

    summary = issuance.summary or (
        "Triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá "
        "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trên địa bàn "
        f"{profile.unit.full_name}"
    )
    return Plan(
        meta=core.meta_for(library, ctx.path),
        kind=KIND,
        issuer=["ỦY BAN NHÂN DÂN", profile.unit.full_name.upper()],
        issuer_short=issuer,
        number=issuance.number,
        symbol=core.SYMBOL[KIND],
        place=profile.unit.place,
        date=core.plan_date(issuance, ctx.year),
        title="KẾ HOẠCH",
        summary=summary,
        opening=(
            "Thực hiện "
            + "; ".join(core.cite(d) for d in parents)
            + f"; {issuer} ban hành Kế hoạch triển khai thực hiện trên địa bàn"
            f" {profile.unit.kind.value} như sau:"
        ),
        body=body,
        closing=ctx.render(texts.closing, "texts.closing"),
        recipients=core.recipients(issuance, profile, "ubnd_recipients"),
        storage=f"Lưu: {issuance.storage or core.defaults()['ubnd_storage']}.",
        signer=issuance.signer,
        signer_body="ỦY BAN NHÂN DÂN",
        signer_head_title="CHỦ TỊCH",
        targets=targets,
        task_groups=groups.rows,
        year=ctx.year,
        scope=profile.scope,
    )
