"""The party variant (biến thể văn bản của Đảng): compose a KH/ĐU Plan.

A Kế hoạch (hành động) of the commune Đảng ủy, issued by its Ban Thường vụ, laid out by
Hướng dẫn 05-HD/VPTW (27/5/2026; FORMAT.md §3) and modelled on seed 002 (Kế hoạch hành động
số 08-KH/ĐU của Đảng ủy xã Tân Khánh). The profile is the same one the UBND plan uses: its
``party`` section gives the number, date, signer and recipients, its ``bodies`` the names.

Differences from the KH-UBND plan (:mod:`nqgen.compose.ubnd`):
- header: the provincial party committee above ``ĐẢNG ỦY`` / ``XÃ ...`` (HD 05 2.1.2c), the
  unit's name kept on one line;
  symbol ``KH/ĐU`` (HD 05 3.1.2); type name ``KẾ HOẠCH HÀNH ĐỘNG``;
- headings ``I-`` ... ``IV-`` as in the seed and VPTW's own texts (FORMAT.md §2, "Headings");
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
"""

from __future__ import annotations

from ..errors import InputError, NqgenError
from ..models import Block, DocKind, Library, Paragraphs, Plan, Profile, TargetRow, paragraphs
from ..units import find_province
from . import core
from .rows import targets_of, task_groups

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


def default_summary() -> str:
    """Trích yếu of a party plan (HD 05 5.2.1: normal case, may start lower-case, as seed 002)."""
    return (
        "thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
        "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
    )


def target_lines(rows: list[TargetRow]) -> list[str]:
    """Targets as body lines: ``- Đến năm 2030, tỷ lệ ... đạt trên 80%;`` — the last ends "."."""
    lines = []
    for row in rows:
        indicator = row.indicator[:1].lower() + row.indicator[1:]
        lines.append(f"- Đến năm {row.year}, {indicator} đạt {row.amount()};")
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    return lines


def compose_party(ctx: core.Context) -> Plan:
    """The KH/ĐU Plan of ``ctx`` (Kế hoạch hành động của Ban Thường vụ Đảng ủy).

    Raises InputError when the profile has no parent document or no body for the party's
    focal role, LibraryError when a clause's party lead has no body in the profile.
    """
    profile, library = ctx.profile, ctx.library
    party = profile.party
    parents = core.parents_of(profile, KIND)
    if not parents:
        raise InputError(ctx.where, "cần ít nhất một văn bản căn cứ", field="parents")
    core.check_dates(profile, KIND, parents, ctx.where)
    focal_role = party_focal(profile, library)
    focal = ctx.bodies.get(focal_role)
    if focal is None:
        raise InputError(ctx.where, f"không có cơ quan '{focal_role}'", field="bodies")
    doc_name = "Kế hoạch hành động" if party.title == "KẾ HOẠCH HÀNH ĐỘNG" else "Kế hoạch"
    texts = library.texts.kh_du
    ctx.vars |= {
        "parents_short": core.join_vi([core.short_name(p) for p in parents]),
        "focal": focal,
        "reporting": core.join_vi([f"{d}/{m}" for d, m in profile.reporting]) + " hằng năm",
        "issuer": f"Ban Thường vụ Đảng ủy {profile.unit.full_name}",
        "doc_name": doc_name,
    }
    groups = task_groups(ctx)
    targets = targets_of(ctx)

    def h1(s: str) -> Block:
        return Block(style="h1", text=s)

    def h2(s: str) -> Block:
        return Block(style="h2", text=s)

    def p(s: str) -> Block:
        return Block(style="body", text=s)

    def paras(items: Paragraphs, where: str) -> list[Block]:
        return [p(ctx.render(x, where)) for x in paragraphs(items, profile.scope)]

    body: list[Block] = [h1("I- MỤC ĐÍCH, YÊU CẦU"), h2("1. Mục đích")]
    body += paras(texts.purpose, "texts.purpose")
    body += [h2("2. Yêu cầu"), *paras(texts.requirements, "texts.requirements")]
    body += [h1("II- MỤC TIÊU"), h2("1. Mục tiêu chung")]
    body += [p(ctx.render(texts.goal_general, "texts.goal_general"))]
    n = 2
    goals = paras(texts.goals, "texts.goals")
    if targets or goals:
        body += [h2("2. Mục tiêu cụ thể đến năm 2030")]
        body += [p(ctx.render(texts.goal_specific, "texts.goal_specific")), *goals]
        body += [p(line) for line in target_lines(targets)]
        n = 3
    body += [h2(f"{n}. Tầm nhìn đến năm 2045"), p(ctx.render(texts.vision, "texts.vision"))]
    body += [h1("III- NHIỆM VỤ VÀ GIẢI PHÁP")]
    for i, (group, group_texts) in enumerate(groups.paragraphs, 1):
        body.append(h2(f"{i}. {group}"))
        body += [p(text) for text in group_texts]
    appendix = party.appendix and bool(groups.rows)
    if appendix:
        body.append(p(ctx.render(texts.assignment, "texts.assignment")))
    body += [h1("IV- TỔ CHỨC THỰC HIỆN")]
    entries = [e for e in texts.organisation if e.role is None or e.role in ctx.bodies]
    for i, entry in enumerate(entries, 1):
        label = f"texts.organisation.{entry.role or i}"
        if entry.role:
            heading = f"{ctx.bodies[entry.role]} {ctx.render(entry.suffix or '', label)}".strip()
        else:
            heading = ctx.render(entry.heading or "", label)
        body += [h2(f"{i}. {heading}"), p(ctx.render(entry.text, label))]

    return Plan(
        meta=core.meta_for(library, ctx.path),
        kind=KIND,
        issuer_superior=superior_line(profile),
        issuer=["ĐẢNG ỦY", profile.unit.full_name.upper()],
        issuer_short=ctx.vars["issuer"],
        number=party.number,
        symbol=core.SYMBOL[KIND],
        place=profile.unit.place,
        date=core.plan_date(party, ctx.year),
        title=party.title,
        summary=party.summary or default_summary(),
        opening="Thực hiện " + "; ".join(core.cite(d) for d in parents) + ", "
        + ctx.render(texts.opening, "texts.opening"),
        body=body,
        closing=ctx.render(texts.closing, "texts.closing"),
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
    )
