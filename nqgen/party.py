"""The party variant (biến thể văn bản của Đảng): compose a KH/ĐU Plan.

A Kế hoạch (hành động) of the commune Đảng ủy, issued by its Ban Thường vụ, laid out by
Hướng dẫn 05-HD/VPTW (27/5/2026; FORMAT.md §3) and modelled on seed 002 (Kế hoạch hành động
số 08-KH/ĐU của Đảng ủy xã Tân Khánh). The profile is the same one the UBND plan uses: its
``party`` section gives the number, date, signer and recipients, its ``bodies`` the names.

Differences from the KH-UBND plan (nqgen.compose.compose):
- header: the provincial party committee above ``ĐẢNG ỦY XÃ ...`` (HD 05 2.1.2c);
  symbol ``KH/ĐU`` (HD 05 3.1.2); type name ``KẾ HOẠCH HÀNH ĐỘNG``;
- headings ``I-`` ... ``IV-`` as in the seed and VPTW's own texts (FORMAT.md §2, "Headings");
- targets listed in the body under II (the seed lists them there); tasks in the party wording
  (``text_party``), their bodies from ``lead_party``/``partners_party``; the optional
  Phụ lục 1 assigns them (HD 05 II.1: Arabic appendix numbers);
- IV- TỔ CHỨC THỰC HIỆN: the duties of the Ban Chỉ đạo, Văn phòng Đảng ủy (cơ quan thường
  trực), Ban Xây dựng Đảng, Ủy ban Kiểm tra, the UBND, the Mặt trận and the chi bộ, then
  reporting and review (seed 002 IV);
- body ends with "." (HD 05 6.2.2), not "./."; signed ``T/M BAN THƯỜNG VỤ`` / ``BÍ THƯ``
  (HD 05 7.1); storage line ``- Lưu Văn phòng Đảng ủy.`` (HD 05 9.2).
"""

from __future__ import annotations

from typing import Any

from .compose import (
    _PREFIX,
    _render,
    _year_only,
    cite,
    context_for,
    join_vi,
    meta_for,
    parents_of,
    recipients,
    resolve_bodies,
    select_targets,
    select_tasks,
    short_name,
)
from .errors import InputError
from .library import Library
from .models import Block, Comparison, DocKind, Plan, Profile, TargetRow

KIND = DocKind.kh_du

#: Who signs for the committee (thẩm quyền ký, HD 05 7.1.1): always T/M BAN THƯỜNG VỤ.
SIGNER_BODY = "BAN THƯỜNG VỤ"

#: The party's default standing body (cơ quan thường trực; seed 002 III.1.1, QĐ 298-QĐ/TW).
PARTY_FOCAL = "party_office"

#: How a target's comparison reads in a sentence: "đạt trên 80%", "đạt từ 80% trở lên".
_AMOUNT = {
    Comparison.gt: ("trên ", ""),
    Comparison.ge: ("từ ", " trở lên"),
    Comparison.eq: ("", ""),
}


def superior_line(profile: Profile) -> str:
    """The superior committee line (HD 05 2.1.2c): the profile's, else the province's party
    committee from the official list (``ĐẢNG BỘ TỈNH QUẢNG NGÃI``, ``ĐẢNG BỘ THÀNH PHỐ HUẾ``)."""
    if profile.party.superior:
        return profile.party.superior.upper()
    from .errors import NqgenError
    from .units import find_province

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
    by_prefix = {prefix: comp for comp, prefix in _PREFIX.items()}
    lines = []
    for row in rows:
        prefix = next((p for p in by_prefix if p and row.value.startswith(p)), "")
        before, after = _AMOUNT[by_prefix[prefix]]
        unit = row.unit if row.unit.startswith("%") else " " + row.unit
        amount = f"{before}{row.value.removeprefix(prefix)}{unit}{after}"
        indicator = row.indicator[:1].lower() + row.indicator[1:]
        lines.append(f"- Đến năm {row.year}, {indicator} đạt {amount};")
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    return lines


def compose_party(profile: Profile, library: Library, profile_path: str | None = None) -> Plan:
    """Compose the KH/ĐU Plan of ``profile`` (Kế hoạch hành động của Ban Thường vụ Đảng ủy).

    Raises InputError when the profile has no parent document, NqgenError when a clause's
    party lead has no body in the profile.
    """
    where = profile_path or "hồ sơ"
    party = profile.party
    bodies = resolve_bodies(profile)
    ctx = context_for(profile, bodies)
    parents = parents_of(profile, KIND)
    if not parents:
        raise InputError(where, "cần ít nhất một văn bản căn cứ", field="parents")
    focal_role = party_focal(profile, library)
    focal = bodies.get(focal_role)
    if focal is None:
        raise InputError(where, f"không có cơ quan '{focal_role}'", field="bodies")
    doc_name = "Kế hoạch hành động" if party.title == "KẾ HOẠCH HÀNH ĐỘNG" else "Kế hoạch"
    texts: dict[str, Any] = library.texts.get(KIND.value, {})
    if not texts:
        raise InputError(
            "clauses/texts.yaml", "thiếu các đoạn văn của Kế hoạch Đảng ủy", field=KIND
        )
    tctx = ctx | {
        "parents_short": join_vi([short_name(p) for p in parents]),
        "focal": focal,
        "reporting": join_vi([f"{d}/{m}" for d, m in profile.reporting]) + " hằng năm",
        "issuer": f"Ban Thường vụ Đảng ủy {profile.unit.full_name}",
        "doc_name": doc_name,
    }

    def t(key: str, value: Any = None) -> str:
        return _render(str(texts[key] if value is None else value), tctx, f"texts.{key}")

    def h1(s: str) -> Block:
        return Block(style="h1", text=s)

    def h2(s: str) -> Block:
        return Block(style="h2", text=s)

    def p(s: str) -> Block:
        return Block(style="body", text=s)

    task_groups = select_tasks(profile, library, KIND, bodies, ctx)
    targets = select_targets(profile, library, KIND, bodies)
    by_id = {task.id: task for g in library.groups for task in g.tasks}

    body: list[Block] = [h1("I- MỤC ĐÍCH, YÊU CẦU"), h2("1. Mục đích")]
    body += [p(t("purpose", x)) for x in texts["purpose"]]
    body += [h2("2. Yêu cầu")]
    body += [p(t("requirements", x)) for x in texts["requirements"]]
    body += [h1("II- MỤC TIÊU"), h2("1. Mục tiêu chung"), p(t("goal_general"))]
    n = 2
    goals = [p(t("goals", x)) for x in texts.get("goals", [])]  # optional, as for the UBND
    if targets or goals:
        body += [h2("2. Mục tiêu cụ thể đến năm 2030"), p(t("goal_specific")), *goals]
        body += [p(line) for line in target_lines(targets)]
        n = 3
    body += [h2(f"{n}. Tầm nhìn đến năm 2045"), p(t("vision"))]
    body += [h1("III- NHIỆM VỤ VÀ GIẢI PHÁP")]
    for i, group in enumerate(task_groups, 1):
        body.append(h2(f"{i}. {group.title}"))
        body += [p(_render(by_id[r.clause].wording(KIND), ctx, r.clause)) for r in group.rows]
    if party.appendix and task_groups:
        body.append(p(t("assignment")))
    body += [h1("IV- TỔ CHỨC THỰC HIỆN")]
    entries = [e for e in texts["organisation"] if "role" not in e or e["role"] in bodies]
    for i, entry in enumerate(entries, 1):
        role = entry.get("role")
        label = f"texts.organisation.{role or i}"
        if role:
            suffix = _render(entry.get("suffix", ""), tctx, label)
            heading = f"{bodies[role]} {suffix}".strip()
        else:
            heading = _render(entry["heading"], tctx, label)
        body += [h2(f"{i}. {heading}"), p(_render(entry["text"], tctx, label))]

    return Plan(
        meta=meta_for(library, profile_path),
        kind=KIND,
        issuer_superior=superior_line(profile),
        issuer=[f"ĐẢNG ỦY {profile.unit.full_name.upper()}"],
        issuer_short=tctx["issuer"],
        number=party.number,
        symbol="KH/ĐU",
        place=profile.unit.place,
        date=party.date or _year_only(profile),
        title=party.title,
        summary=party.summary or default_summary(),
        opening="Thực hiện " + "; ".join(cite(d) for d in parents) + ", " + t("opening"),
        body=body,
        closing=t("closing"),
        recipients=recipients(party, profile, "party_recipients"),
        storage=f"Lưu {party.storage or 'Văn phòng Đảng ủy'}.",
        signer=party.signer,
        signer_body=SIGNER_BODY,
        signer_head_title="BÍ THƯ",
        targets=targets,
        task_groups=task_groups,
        appendix=party.appendix and bool(task_groups),
    )
