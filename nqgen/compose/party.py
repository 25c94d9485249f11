"""The party variant (biến thể văn bản của Đảng): compose a KH/ĐU Plan.

A Kế hoạch (hành động) of the commune Đảng ủy, issued by its Ban Thường vụ, laid out by
Hướng dẫn 05-HD/VPTW (27/5/2026; docs/format.md §3) and modelled on seed 002 (Kế hoạch hành động
số 08-KH/ĐU của Đảng ủy xã Tân Khánh). The profile is the same one the UBND plan uses: its
``party`` section gives the number, date, signer and recipients, its ``bodies`` the names.

Differences from the KH-UBND plan (:mod:`nqgen.compose.ubnd`):
- header: the provincial party committee above ``ĐẢNG ỦY`` / ``XÃ ...`` (HD 05 2.1.2c), the
  unit's name kept on one line;
  symbol ``KH/ĐU`` (HD 05 3.1.2); type name ``KẾ HOẠCH HÀNH ĐỘNG``;
- headings ``I-`` ... ``IV-`` as in the seed and VPTW's own texts (docs/format.md §2, "Headings");
- at most ten targets, listed in the body under II (the seed lists them there); only tasks
  with party wording (``text_party``): a party plan leads and directs and gives no
  operational orders; their bodies from ``lead_party``/``partners_party``; Phụ lục 1 assigns
  them only when the profile asks (``party.appendix``; HD 05 II.1: Arabic appendix numbers);
- III.1 does not repeat section IV: leadership tasks of a body whose duties IV sets out are
  left to IV;
- IV- TỔ CHỨC THỰC HIỆN: the duties of the Ban Chỉ đạo, Văn phòng Đảng ủy (cơ quan thường
  trực), Ban Xây dựng Đảng, Ủy ban Kiểm tra, the UBND, the Mặt trận and the chi bộ, then
  reporting and review (seed 002 IV);
- body ends with "." (HD 05 6.2.2), not "./."; signed ``T/M BAN THƯỜNG VỤ`` / ``BÍ THƯ``
  (HD 05 7.1); storage line ``- Lưu Văn phòng Đảng ủy.`` (HD 05 9.2).

The annual plan (Kế hoạch chuyển đổi số năm Y; clauses/README.md §15) of the Ban Thường vụ:
type name ``KẾ HOẠCH``, the opening citing the parents and the party's implementation plan,
I- KẾT QUẢ NĂM Y-1 (blanks for the figures), II- MỤC ĐÍCH, YÊU CẦU, III- MỤC TIÊU NĂM Y (the
target lines of the year), IV- NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM NĂM Y, V- TỔ CHỨC THỰC HIỆN (the
duties of the implementation plan's bodies, then the year's reporting).
"""

from __future__ import annotations

from ..errors import InputError, NqgenError
from ..models import DocKind, Library, Paragraphs, Plan, Profile, TargetRow, paragraphs
from ..units import find_province
from . import core
from .rows import Groups, targets_of, task_groups, task_section

KIND = DocKind.kh_du

#: Who signs for the committee (thẩm quyền ký, HD 05 7.1.1): always T/M BAN THƯỜNG VỤ.
SIGNER_BODY = "BAN THƯỜNG VỤ"

#: The party's default standing body (cơ quan thường trực; seed 002 III.1.1, QĐ 298-QĐ/TW).
PARTY_FOCAL = "party_office"


def superior_line(profile: Profile) -> str:
    """The superior committee line (HD 05 2.1.2c): the profile's, else the province's party
    committee from the official list (``ĐẢNG BỘ TỈNH QUẢNG NGÃI``, ``ĐẢNG BỘ THÀNH PHỐ HUẾ``)."""
    if profile.party.superior:
        return profile.party.superior.upper()
    try:
        return find_province(profile.unit.province).party_committee
    except NqgenError:
        return f"ĐẢNG BỘ TỈNH {profile.unit.province.upper()}"


def party_focal(profile: Profile, library: Library) -> str:
    """The body reports go to in a KH/ĐU: the profile's ``focal`` when it is a party body
    (its role has side ``party``), else the Văn phòng Đảng ủy."""
    role = library.roles.get(profile.focal)
    if role is not None and "party" in role.sides:
        return profile.focal
    return PARTY_FOCAL


def compose_party(ctx: core.Context) -> Plan:
    """The KH/ĐU Plan of ``ctx`` (Kế hoạch hành động của Ban Thường vụ Đảng ủy, or its annual
    plan).

    Raises InputError when the profile has no parent document or no body for the party's
    focal role, LibraryError when a clause's party lead has no body in the profile.
    """
    profile, library = ctx.profile, ctx.library
    party = profile.party
    parents = core.parents_of(profile, KIND, ctx.type)
    if not parents:
        raise InputError(ctx.where, "cần ít nhất một văn bản căn cứ", field="parents")
    core.check_dates(profile, KIND, parents, ctx.where, ctx.type, ctx.year)
    focal_role = party_focal(profile, library)
    focal = ctx.bodies.get(focal_role)
    if focal is None:
        raise InputError(ctx.where, f"không có cơ quan '{focal_role}'", field="bodies")
    title = "KẾ HOẠCH" if ctx.annual else party.title
    doc_name = "Kế hoạch hành động" if title == "KẾ HOẠCH HÀNH ĐỘNG" else "Kế hoạch"
    citations = [core.cite(d) for d in parents]
    names = [core.short_name(p) for p in parents]
    if ctx.annual:
        citations.append(core.implementation_citation(profile, KIND))
        names.append(core.implementation_name(profile, KIND))
    ctx.vars |= {
        "parents_short": core.join_vi(names),
        "focal": focal,
        "reporting": core.join_vi([f"{d}/{m}" for d, m in profile.reporting]) + " hằng năm",
        "issuer": f"Ban Thường vụ Đảng ủy {profile.unit.full_name}",
        "doc_name": doc_name,
    }
    groups = task_groups(ctx)
    targets = targets_of(ctx)
    appendix = party.appendix and bool(groups.rows)
    if ctx.annual:
        annual = library.texts.annual.kh_du
        ctx.vars |= core.annual_vars(ctx)
        body = _annual_body(ctx, groups, targets, appendix)
        summary = core.annual_summary(profile, KIND, ctx.year)
        opening = ctx.render(annual.opening, "texts.annual.opening")
        closing = ctx.render(annual.closing, "texts.annual.closing")
    else:
        texts = library.texts.kh_du
        body = _implementation_body(ctx, groups, targets, appendix)
        summary = core.implementation_summary(profile, KIND)
        opening = ctx.render(texts.opening, "texts.opening")
        closing = ctx.render(texts.closing, "texts.closing")
    number, date = core.own_issue(ctx)
    return Plan(
        meta=core.meta_for(library, ctx.path, ctx.source),
        kind=KIND,
        issuer_superior=superior_line(profile),
        issuer=["ĐẢNG ỦY", profile.unit.full_name.upper()],
        issuer_short=ctx.vars["issuer"],
        number=number,
        symbol=core.SYMBOL[KIND],
        place=profile.unit.place,
        date=date,
        title=title,
        summary=summary,
        opening="Thực hiện " + "; ".join(citations) + ", " + opening,
        body=body.blocks,
        closing=closing,
        recipients=core.recipients(party, profile, "party_recipients"),
        storage=f"Lưu {party.storage or 'Văn phòng Đảng ủy'}.",
        signer=party.signer,
        signer_body=SIGNER_BODY,
        signer_head_title="BÍ THƯ",
        targets=targets,
        task_groups=groups.rows,
        appendix=appendix,
        year=ctx.year,
        scope=profile.scope,
        reporting=profile.reporting,
        type=ctx.type,
    )


def _paras(ctx: core.Context, items: Paragraphs, where: str) -> list[str]:
    return [ctx.render(x, where) for x in paragraphs(items, ctx.profile.scope)]


def _implementation_body(
    ctx: core.Context, groups: Groups, targets: list[TargetRow], appendix: bool
) -> core.Body:
    texts = ctx.library.texts.kh_du
    body = core.Body()
    body.h1("I- MỤC ĐÍCH, YÊU CẦU")
    body.h2("1. Mục đích")
    body.ps(_paras(ctx, texts.purpose, "texts.purpose"))
    body.h2("2. Yêu cầu")
    body.ps(_paras(ctx, texts.requirements, "texts.requirements"))
    body.h1("II- MỤC TIÊU")
    body.h2("1. Mục tiêu chung")
    body.p(ctx.render(texts.goal_general, "texts.goal_general"))
    n = 2
    goals = _paras(ctx, texts.goals, "texts.goals")
    if targets or goals:
        body.h2("2. Mục tiêu cụ thể đến năm 2030")
        body.p(ctx.render(texts.goal_specific, "texts.goal_specific"))
        body.ps(goals)
        body.ps(core.target_lines(targets))
        n = 3
    body.h2(f"{n}. Tầm nhìn đến năm 2045")
    body.p(ctx.render(texts.vision, "texts.vision"))
    body.h1("III- NHIỆM VỤ VÀ GIẢI PHÁP")
    task_section(body, groups)
    if appendix:
        body.p(ctx.render(texts.assignment, "texts.assignment"))
    body.h1("IV- TỔ CHỨC THỰC HIỆN")
    _organisation(ctx, body, with_headings=True)
    return body


def _annual_body(
    ctx: core.Context, groups: Groups, targets: list[TargetRow], appendix: bool
) -> core.Body:
    texts = ctx.library.texts.annual.kh_du
    year = ctx.year
    body = core.Body()
    body.h1(f"I- KẾT QUẢ NĂM {year - 1}")
    core.review_sections(ctx, body, texts.review)
    body.h1("II- MỤC ĐÍCH, YÊU CẦU")
    body.h2("1. Mục đích")
    body.ps(_paras(ctx, texts.purpose, "texts.annual.purpose"))
    body.h2("2. Yêu cầu")
    body.ps(_paras(ctx, texts.requirements, "texts.annual.requirements"))
    body.h1(f"III- MỤC TIÊU NĂM {year}")
    body.h2("1. Mục tiêu chung")
    body.p(ctx.render(texts.goal_general, "texts.annual.goal_general"))
    if targets:
        body.h2(f"2. Chỉ tiêu năm {year}")
        body.p(ctx.render(texts.goal_specific, "texts.annual.goal_specific"))
        body.ps(core.target_lines(targets, annual=True))
    body.h1(f"IV- NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM NĂM {year}")
    task_section(body, groups)
    if appendix:
        body.p(ctx.render(texts.assignment, "texts.annual.assignment"))
    body.h1("V- TỔ CHỨC THỰC HIỆN")
    n = _organisation(ctx, body, with_headings=False)
    label = "texts.annual.reporting"
    body.h2(f"{n + 1}. {ctx.render(texts.reporting.heading or '', label)}")
    body.p(ctx.render(texts.reporting.text, label))
    return body


def _organisation(ctx: core.Context, body: core.Body, with_headings: bool) -> int:
    """The duties of each party body the profile has (seed 002 IV), and the common points
    (``heading`` entries) when ``with_headings``; returns how many were written."""
    entries = [
        e for e in ctx.library.texts.kh_du.organisation
        if (e.role is None and with_headings) or (e.role is not None and e.role in ctx.bodies)
    ]
    for i, entry in enumerate(entries, 1):
        label = f"texts.organisation.{entry.role or i}"
        if entry.role:
            heading = f"{ctx.bodies[entry.role]} {ctx.render(entry.suffix or '', label)}".strip()
            key = f"duty:{entry.role}"
        else:
            heading = ctx.render(entry.heading or "", label)
            key = f"duty:{i}"
        body.h2(f"{i}. {heading}", key=f"{key}:h")
        body.p(ctx.render(entry.text, label), key=key)
    return len(entries)
