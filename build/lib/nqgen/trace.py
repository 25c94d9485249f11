"""Traceability (truy xuất nguồn): where every task and target of a plan comes from, and which
NQ 57 task groups and locality-led NQ 03 tasks the plan covers.

NQ 57 has seven task groups (III.1-III.7, SOURCES.md §1.3). NQ 03/NQ-CP Phụ lục II assigns 24
of its 140 tasks to localities (SOURCES.md §2.3); a plan covers one when a clause it contains
cites ``NQ03 PL II #n``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, field

from .models import Library, Plan

#: NQ 57 III.1-III.7 (SOURCES.md §1.3), short Vietnamese titles for reports.
NQ57_GROUPS = {
    "III.1": "Nâng cao nhận thức, đổi mới tư duy, quyết tâm chính trị",
    "III.2": "Hoàn thiện thể chế",
    "III.3": "Tăng cường đầu tư, hoàn thiện hạ tầng",
    "III.4": "Phát triển nhân lực chất lượng cao, nhân tài",
    "III.5": "Chuyển đổi số trong hệ thống chính trị; quốc phòng, an ninh",
    "III.6": "Khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số trong doanh nghiệp",
    "III.7": "Hợp tác quốc tế",
}

#: The 24 tasks of NQ 03/NQ-CP Phụ lục II led by localities (SOURCES.md §2.3).
NQ03_LOCAL_TASKS = {
    2: "Chương trình chuyên đề về KH,CN và CĐS trên báo chí, mạng xã hội",
    3: 'Phong trào "học tập số" trên nền tảng số',
    6: "Đưa nhiệm vụ CĐS, KH,CN, ĐMST vào kế hoạch công tác hằng năm",
    7: "Ban hành kế hoạch thực hiện Chương trình hành động của Chính phủ",
    9: "Tỷ lệ lãnh đạo có chuyên môn KH,CN phù hợp",
    12: "Đào tạo, bồi dưỡng CBCCVC về KH,CN, ĐMST và kỹ năng số",
    46: "Mạng lưới trung tâm đổi mới sáng tạo, khởi nghiệp",
    55: "Ứng dụng AI trên dữ liệu lớn ở lĩnh vực trọng điểm",
    58: "Triển khai nền tảng số dùng chung",
    63: "Thí điểm bản sao số",
    64: "Đề án đô thị thông minh",
    65: "Đề án ứng dụng IoT",
    66: "5G/IoT cho khu, cụm công nghiệp",
    70: "Hoàn thành cơ sở dữ liệu quốc gia, chuyên ngành",
    71: "Hoàn thành cơ sở dữ liệu dùng chung của địa phương",
    72: "Kết nối, chia sẻ dữ liệu; mở dữ liệu",
    73: "Nâng cấp hệ thống thông tin, bảo đảm an toàn; kết nối CSDL dân cư",
    93: "Hỗ trợ doanh nghiệp tham gia dịch vụ số theo PPP",
    96: "Công dân số: danh tính số, thiết bị, kỹ năng, tài khoản",
    115: "Số hóa dữ liệu để cắt giảm thủ tục (hộ tịch, giáo dục, y tế, đất đai)",
    121: "Hỗ trợ chuyển đổi số cho doanh nghiệp nhỏ, hộ kinh doanh, HTX",
    124: 'Công bố "bài toán lớn" trên cổng thông tin',
    127: "Khu công nghệ số tập trung",
    129: "Phát triển tiêu dùng số",
}

_NQ03_TASK = re.compile(r"^NQ03 PL II #(\d+)")
_NQ57 = re.compile(r"^NQ57 (III\.[1-7])")


@dataclass
class TraceRow:
    """One task or target of the plan, the sources of its clause and why it is in the plan
    (the selection's reason, :mod:`nqgen.compose.select`)."""

    kind: str  # "nhiệm vụ" | "chỉ tiêu"
    number: str
    clause: str
    content: str
    sources: list[str]
    reason: str = ""


@dataclass
class Trace:
    """The trace of a plan: rows, then coverage per NQ 57 group and per locality NQ 03 task."""

    rows: list[TraceRow]
    nq57: dict[str, list[str]] = field(default_factory=dict)  # group -> clause ids
    nq03: dict[int, list[str]] = field(default_factory=dict)  # task number -> clause ids
    library_matches: bool = True

    def to_json(self) -> str:
        data = {
            "rows": [asdict(r) for r in self.rows],
            "nq57": {g: {"title": NQ57_GROUPS[g], "clauses": c} for g, c in self.nq57.items()},
            "nq03_local_tasks": {
                str(n): {"title": NQ03_LOCAL_TASKS[n], "clauses": c} for n, c in self.nq03.items()
            },
            "library_matches_plan": self.library_matches,
        }
        return json.dumps(data, ensure_ascii=False, indent=2)

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["loại", "stt", "mã điều khoản", "nội dung", "nguồn", "lý do có mặt"])
        for r in self.rows:
            writer.writerow(
                [r.kind, r.number, r.clause, r.content, "; ".join(r.sources), r.reason]
            )
        for g, clauses in self.nq57.items():
            writer.writerow(["NQ57", g, " ".join(clauses), NQ57_GROUPS[g], len(clauses)])
        for n, clauses in self.nq03.items():
            writer.writerow(["NQ03 PL II", n, " ".join(clauses), NQ03_LOCAL_TASKS[n], len(clauses)])
        return out.getvalue()

    def to_text(self) -> str:
        lines = []
        if not self.library_matches:
            lines.append(
                "Lưu ý: kế hoạch được soạn từ một phiên bản thư viện khác phiên bản hiện có."
            )
        lines.append("NHIỆM VỤ VÀ CHỈ TIÊU — NGUỒN VÀ LÝ DO CÓ MẶT TRONG KẾ HOẠCH")
        for r in self.rows:
            src = "; ".join(r.sources) or "(không có nguồn)"
            lines.append(f"{r.kind} {r.number:>3}  {r.clause:<40} {src}")
            if r.reason:
                lines.append(f"{'':>14}lý do: {r.reason}")
        lines.append("")
        lines.append("NHÓM NHIỆM VỤ CỦA NGHỊ QUYẾT 57-NQ/TW")
        covered = sum(1 for c in self.nq57.values() if c)
        for g, clauses in self.nq57.items():
            mark = f"có ({len(clauses)} nhiệm vụ)" if clauses else "CHƯA CÓ"
            lines.append(f"  {g:<6} {NQ57_GROUPS[g]:<70} {mark}")
        lines.append(f"  Bao phủ {covered}/7 nhóm.")
        lines.append("")
        lines.append("NHIỆM VỤ CỦA NQ 03/NQ-CP GIAO ĐỊA PHƯƠNG (PHỤ LỤC II)")
        hit = sum(1 for c in self.nq03.values() if c)
        for n, clauses in self.nq03.items():
            mark = ", ".join(clauses) if clauses else "chưa có"
            lines.append(f"  #{n:<4} {NQ03_LOCAL_TASKS[n]:<70} {mark}")
        lines.append(f"  Bao phủ {hit}/{len(self.nq03)} nhiệm vụ.")
        return "\n".join(lines)


def trace_plan(plan: Plan, library: Library) -> Trace:
    """Trace ``plan`` against ``library`` (clauses are looked up by id)."""
    tasks = {t.id: t for g in library.groups for t in g.tasks}
    targets = {t.id: t for t in library.targets}
    rows: list[TraceRow] = []
    nq57: dict[str, list[str]] = {g: [] for g in NQ57_GROUPS}
    nq03: dict[int, list[str]] = {n: [] for n in NQ03_LOCAL_TASKS}
    for group in plan.task_groups:
        for row in group.rows:
            clause = tasks.get(row.clause)
            if clause:
                refs = [
                    s.ref + (" (chưa xác minh)" if s.unverified else "") for s in clause.sources
                ]
            else:  # a task of the commune's own
                refs = ["hồ sơ đơn vị (local.tasks)"] if row.clause.startswith("local.") else []
            rows.append(
                TraceRow("nhiệm vụ", row.number, row.clause, row.content, refs, row.reason)
            )
            if group.nq57 in nq57:
                nq57[group.nq57].append(row.clause)
            for s in clause.sources if clause else []:
                m = _NQ03_TASK.match(s.ref)
                if m and int(m.group(1)) in nq03:
                    nq03[int(m.group(1))].append(row.clause)
                m57 = _NQ57.match(s.ref)
                if m57 and row.clause not in nq57[m57.group(1)] and group.nq57 is None:
                    nq57[m57.group(1)].append(row.clause)
    for trow in plan.targets:
        target = targets.get(trow.target)
        refs = [s.ref for s in target.sources] if target else []
        rows.append(
            TraceRow("chỉ tiêu", trow.number, trow.target, trow.indicator, refs, trow.reason)
        )
    return Trace(rows, nq57, nq03, plan.meta.library_hash == library.content_hash)
