"""The KH-UBND plan (Kế hoạch của Ủy ban nhân dân xã, phường, đặc khu): its skeletons.

The implementation plan (Kế hoạch triển khai thực hiện Nghị quyết số 57-NQ/TW), as in the real
plans (docs/architecture.md, "Sections of a KH-UBND plan"): the opening citing the parent
documents, I. MỤC ĐÍCH, YÊU CẦU, II. MỤC TIÊU, III. NHIỆM VỤ, GIẢI PHÁP (one heading per task
group, the full text of each selected clause), IV. PHÂN CÔNG NHIỆM VỤ (Phụ lục II), V. KINH PHÍ
THỰC HIỆN, VI. TỔ CHỨC THỰC HIỆN (the duties of each body with a task), the closing sentence ending
"./." (NĐ 30/2020, Phụ lục III, Mẫu 1.4), Phụ lục I (targets) and Phụ lục II (task assignment).

The annual plan (Kế hoạch chuyển đổi số năm Y; clauses/README.md §15), as the real annual plans
(Lạng Sơn 333/KH-UBND and Đắk Lắk 0155/KH-UBND of December 2025 for 2026; xã Thạch Kim, xã
Thanh Hương): the opening citing the parents and the implementation plan, I. ĐÁNH GIÁ KẾT QUẢ
THỰC HIỆN NĂM Y-1 (with the blanks a draft leaves for the figures), II. MỤC ĐÍCH, YÊU CẦU,
III. MỤC TIÊU, CHỈ TIÊU NĂM Y (the first targets as lines, all in Phụ lục I), IV. NHIỆM VỤ, GIẢI
PHÁP TRỌNG TÂM NĂM Y, V. PHÂN CÔNG NHIỆM VỤ, VI. KINH PHÍ THỰC HIỆN, VII. TỔ CHỨC THỰC HIỆN, the
closing; the same appendices, held to the year.
"""

from __future__ import annotations

from ..errors import InputError
from ..models import DocKind, Paragraphs, Plan, TargetRow, paragraphs
from . import core
from .rows import Groups, targets_of, task_groups, task_section

KIND = DocKind.kh_ubnd

#: Target lines the annual plan's section III lists before "chi tiết tại Phụ lục I" (Thanh
#: Hương's 2025 plan names seven figures of the year).
ANNUAL_TARGET_LINES = 6


def compose_ubnd(ctx: core.Context) -> Plan:
    """The KH-UBND Plan of ``ctx`` (see the module docstring for the skeletons).

    Raises InputError when the profile has no parent document or no body for its focal role.
    """
    profile, library = ctx.profile, ctx.library
    issuance = profile.ubnd
    parents = core.parents_of(profile, KIND, ctx.type)
    if not parents:
        raise InputError(ctx.where, "cần ít nhất một văn bản căn cứ", field="parents")
    core.check_dates(profile, KIND, parents, ctx.where, ctx.type, ctx.year)
    focal = ctx.bodies.get(profile.focal)
    if focal is None:
        raise InputError(ctx.where, f"không có cơ quan '{profile.focal}'", field="focal")
    issuer = f"Ủy ban nhân dân {profile.unit.full_name}"
    citations = [core.cite(d) for d in parents]
    names = [core.short_name(p) for p in parents]
    if ctx.annual:
        citations.append(core.implementation_citation(profile, KIND))
        names.append(core.implementation_name(profile, KIND))
    ctx.vars |= {
        "parents_short": core.join_vi(names),
        "focal": focal,
        "reporting": core.join_vi([f"{d}/{m}" for d, m in profile.reporting]) + " hằng năm",
        "issuer": issuer,
    }
    groups = task_groups(ctx)
    targets = targets_of(ctx)
    if ctx.annual:
        body = _annual_body(ctx, groups, targets)
        doc = f"Kế hoạch chuyển đổi số năm {ctx.year}"
        summary = core.annual_summary(profile, KIND, ctx.year)
        closing = ctx.render(library.texts.annual.kh_ubnd.closing, "texts.annual.closing")
    else:
        body = _implementation_body(ctx, groups)
        doc = f"Kế hoạch triển khai thực hiện trên địa bàn {profile.unit.kind.value}"
        summary = core.implementation_summary(profile, KIND)
        closing = ctx.render(library.texts.kh_ubnd.closing, "texts.closing")
    _organisation(ctx, groups, body)
    number, date = core.own_issue(ctx)
    return Plan(
        meta=core.meta_for(library, ctx.path, ctx.source),
        kind=KIND,
        issuer=["ỦY BAN NHÂN DÂN", profile.unit.full_name.upper()],
        issuer_short=issuer,
        number=number,
        symbol=core.SYMBOL[KIND],
        place=profile.unit.place,
        date=date,
        title="KẾ HOẠCH",
        summary=summary,
        opening="Thực hiện " + "; ".join(citations) + f"; {issuer} ban hành {doc} như sau:",
        body=body.blocks,
        closing=closing,
        recipients=core.recipients(issuance, profile, "ubnd_recipients"),
        storage=f"Lưu: {issuance.storage or core.defaults()['ubnd_storage']}.",
        signer=issuance.signer,
        signer_body="ỦY BAN NHÂN DÂN",
        signer_head_title="CHỦ TỊCH",
        targets=targets,
        task_groups=groups.rows,
        year=ctx.year,
        scope=profile.scope,
        type=ctx.type,
        reporting=profile.reporting,
    )


def _bullets(ctx: core.Context, items: Paragraphs, where: str) -> list[str]:
    return ["- " + ctx.render(x, where) for x in paragraphs(items, ctx.profile.scope)]


def _implementation_body(ctx: core.Context, groups: Groups) -> core.Body:
    texts = ctx.library.texts.kh_ubnd
    body = core.Body()
    body.h1("I. MỤC ĐÍCH, YÊU CẦU")
    body.h2("1. Mục đích")
    body.ps(_bullets(ctx, texts.purpose, "texts.purpose"))
    body.h2("2. Yêu cầu")
    body.ps(_bullets(ctx, texts.requirements, "texts.requirements"))
    body.h1("II. MỤC TIÊU")
    body.h2("1. Mục tiêu chung")
    body.p(ctx.render(texts.goal_general, "texts.goal_general"))
    body.h2("2. Mục tiêu cụ thể đến năm 2030")
    body.p(ctx.render(texts.goal_specific, "texts.goal_specific"))
    body.ps(_bullets(ctx, texts.goals, "texts.goals"))
    body.h2("3. Tầm nhìn đến năm 2045")
    body.p(ctx.render(texts.vision, "texts.vision"))
    body.h1("III. NHIỆM VỤ, GIẢI PHÁP")
    task_section(body, groups, "- ")
    body.h1("IV. PHÂN CÔNG NHIỆM VỤ")
    body.p(ctx.render(texts.assignment, "texts.assignment"))
    body.h1("V. KINH PHÍ THỰC HIỆN")
    body.ps(_bullets(ctx, texts.funding, "texts.funding"))
    body.h1("VI. TỔ CHỨC THỰC HIỆN")
    return body


def _annual_body(ctx: core.Context, groups: Groups, targets: list[TargetRow]) -> core.Body:
    texts = ctx.library.texts.annual.kh_ubnd
    year, previous = ctx.year, ctx.year - 1
    ctx.vars |= core.annual_vars(ctx)
    body = core.Body()
    body.h1(f"I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM {previous}")
    core.review_sections(ctx, body, texts.review)
    body.h1("II. MỤC ĐÍCH, YÊU CẦU")
    body.h2("1. Mục đích")
    body.ps(_bullets(ctx, texts.purpose, "texts.annual.purpose"))
    body.h2("2. Yêu cầu")
    body.ps(_bullets(ctx, texts.requirements, "texts.annual.requirements"))
    body.h1(f"III. MỤC TIÊU, CHỈ TIÊU NĂM {year}")
    body.h2("1. Mục tiêu chung")
    body.p(ctx.render(texts.goal_general, "texts.annual.goal_general"))
    body.h2(f"2. Chỉ tiêu cụ thể năm {year}")
    body.p(ctx.render(texts.goal_specific, "texts.annual.goal_specific"))
    body.ps(core.target_lines(targets[:ANNUAL_TARGET_LINES], annual=True))
    body.h1(f"IV. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM NĂM {year}")
    task_section(body, groups, "- ")
    body.h1("V. PHÂN CÔNG NHIỆM VỤ")
    body.p(ctx.render(texts.assignment, "texts.annual.assignment"))
    body.h1("VI. KINH PHÍ THỰC HIỆN")
    body.ps(_bullets(ctx, texts.funding, "texts.annual.funding"))
    body.h1("VII. TỔ CHỨC THỰC HIỆN")
    return body


def _organisation(ctx: core.Context, groups: Groups, body: core.Body) -> None:
    """The duties of the focal body and of every body with a task (section VI, VII of the
    annual plan), then the requests to the HĐND and the Front."""
    profile = ctx.profile
    texts = ctx.library.texts.kh_ubnd
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
        where = f"texts.organisation.{entry.role}"
        suffix = ctx.render(entry.suffix or "", where)
        body.h2(f"{n}. {ctx.bodies[entry.role]} {suffix}".strip(), key=f"duty:{entry.role}:h")
        body.p(ctx.render(entry.text, where), key=f"duty:{entry.role}")
