"""The clause library: `nqgen clauses check` on the shipped library and on seeded defects,
list/show, sector-driven selection, trace and coverage (issue 3)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from nqgen import cli
from nqgen.compose import compose
from nqgen.compose.select import BUDGETS
from nqgen.coverage import THRESHOLD, Matcher, coverage, statements
from nqgen.library import check_library, load_library, load_slips
from nqgen.models import DocKind, LocalFacts, Profile, Scope, Sector, Unit, UnitKind
from nqgen.paths import CLAUSES_DIR
from nqgen.trace import trace_plan

from .conftest import nqgen, profile

SEEDS = sorted((Path(__file__).resolve().parents[2] / "shared" / "seeds").glob("0*.txt"))


def test_shipped_library_is_clean_and_big_enough(library):
    assert check_library(library) == []
    assert len(library.task_ids()) >= 80
    assert len(library.targets) >= 25
    res = nqgen("clauses", "check")
    assert res.returncode == 0 and "0 lỗi" in res.stdout


GOOD = {
    "id": "test.good",
    "text": "Tổ chức tuyên truyền về chuyển đổi số đến các {{ village_term }}.",
    "lead": "culture_society",
    "lead_party": "party_building",
    "partners": [],
    "deadline": {"kind": "year", "offset": 0},
    "product": "Tin, bài tuyên truyền",
    "sources": [{"ref": "NQ57 III.1.4"}],
    "areas": ["digital_skills"],
}

DEFECTS = {
    "duplicate id": ({"id": "test.good"}, "mã điều khoản bị trùng"),
    "unknown role": ({"lead": "ban_khong_co"}, "không có trong library.yaml"),
    "party role missing": ({"lead_party": "culture_society"}, "không có cơ quan bên Đảng"),
    "no source": ({"sources": []}, "không có nguồn"),
    "not NFC": ({"text": "Tổ chức tuyên truyền chuyển đổi số cho Nhân dân."}, "NFC"),
    "double space": ({"text": "Tổ chức tuyên truyền  chuyển đổi số cho Nhân dân."}, "hai dấu cách"),
    "space before punctuation": (
        {"text": "Tổ chức tuyên truyền chuyển đổi số , cho Nhân dân."},
        "trước dấu câu",
    ),
    "deadline out of range": (
        {"deadline": {"kind": "years", "offset": 0, "until": 2050}},
        "ngoài khoảng 2025 - 2045",
    ),
    "fixed deadline year": ({"deadline": {"kind": "year", "year": 2026}}, "năm cố định"),
    "no product": ({"product": None}, "thiếu sản phẩm"),
    "figure written out": (
        {"text": "Phấn đấu 80% người dân sử dụng dịch vụ công trực tuyến."},
        "viết cứng",
    ),
    "fixed year in text": (
        {"text": "Hoàn thành số hóa hồ sơ trong năm 2026 tại các cơ quan."},
        "năm cố định",
    ),
    "province written out": (
        {"text": "Triển khai nền tảng số dùng chung của tỉnh tại các cơ quan."},
        "province.kind",
    ),
    "hedge": ({"text": "Số hóa di tích đã xếp hạng (nếu có) trên địa bàn."}, "nếu có"),
    "unknown target": (
        {"text": "Phấn đấu {{ targets.khong_co.amount }} người dân sử dụng dịch vụ số."},
        "biến không có",
    ),
    "council leads a UBND task": ({"lead": "council"}, "chỉ đề nghị"),
    "unknown focus area": ({"areas": ["khong_co"]}, "lĩnh vực trọng tâm"),
    "drafts the plan itself": (
        {"summary": "Xây dựng Kế hoạch thực hiện Nghị quyết số 57-NQ/TW của xã"},
        "soạn chính Kế hoạch",
    ),
    "too long": ({"text": "Tổ chức tuyên truyền về chuyển đổi số. " * 12}, "tối đa 80"),
    "jinja syntax": (
        {"text": "Tổ chức tuyên truyền cho {{ unit.kind  Nhân dân."},
        "không biên dịch",
    ),
    "unknown variable": (
        {"text": "Tổ chức tuyên truyền cho {{ commune }} và Nhân dân."},
        "biến không có",
    ),
    "unknown attribute": (
        {"text": "Tổ chức tuyên truyền cho {{ unit.ten }} và Nhân dân."},
        "biến không có",
    ),
}


_GROUP_FILES = shutil.ignore_patterns("[0-9][0-9]-*.yaml")


def _library_with(tmp_path: Path, clause: dict, shipped_groups: bool = True) -> Path:
    """The shipped library plus a test group holding :data:`GOOD` and ``clause`` (id
    ``test.bad`` unless it names one). Without ``shipped_groups`` the test group is the only
    one: what the library defines (roles, areas, targets, texts, slips) stays, and loading and
    checking take a fifth of the time (a defect of the test clause is reported the same)."""
    root = tmp_path / "clauses"
    shutil.copytree(CLAUSES_DIR, root, ignore=None if shipped_groups else _GROUP_FILES)
    group = {
        "id": "test",
        "order": 99,
        "title": "Nhóm thử nghiệm",
        "tasks": [GOOD, {**GOOD, **clause, "id": clause.get("id", "test.bad")}],
    }
    (root / "groups" / "99-test.yaml").write_text(
        yaml.safe_dump(group, allow_unicode=True), encoding="utf-8"
    )
    return root


def test_good_clause_passes(tmp_path):
    root = _library_with(tmp_path, {"id": "test.also_good"})
    assert check_library(load_library(root), root) == []


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_check_fails_with_clause_id_and_reason(tmp_path, defect):
    change, reason = DEFECTS[defect]
    if defect == "not NFC":
        change = {"text": "Tổ chức tuyên truyền chuye\u0309n đổi số cho Nhân dân."}
    root = _library_with(tmp_path, change, shipped_groups=False)
    bad_id = change.get("id", "test.bad")
    problems = [str(p) for p in check_library(load_library(root), root)]
    assert any(p.startswith(bad_id + ":") and reason in p for p in problems), problems
    res = nqgen("clauses", "check", "--root", str(root))
    assert res.returncode == 1 and bad_id in res.stdout and reason in res.stdout


def test_check_refuses_every_known_ocr_slip(tmp_path):
    """Each known slip, in a clause of its own (one library for all: loading and checking a
    library per slip cost 0.6 s each), is reported against that clause."""
    slips = [s["wrong"] for s in load_slips()]
    assert len(slips) >= 20
    root = _library_with(tmp_path, {"id": "test.also_good"}, shipped_groups=False)
    group_file = root / "groups" / "99-test.yaml"
    group = yaml.safe_load(group_file.read_text(encoding="utf-8"))
    group["tasks"] += [
        {**GOOD, "id": f"test.slip_{i:02d}", "text": f"Đẩy mạnh {slip} trong các cơ quan, đơn vị."}
        for i, slip in enumerate(slips)
    ]
    group_file.write_text(yaml.safe_dump(group, allow_unicode=True), encoding="utf-8")
    problems = [str(p) for p in check_library(load_library(root), root)]
    for i, slip in enumerate(slips):
        mine = [p for p in problems if p.startswith(f"test.slip_{i:02d}:")]
        assert any("OCR" in p for p in mine), (slip, mine)
    assert not [p for p in problems if p.startswith(("test.good", "test.also_good"))], problems


def test_rendered_plans_free_of_slips_and_tasks_in_every_nq57_group(ubnd_plans, library):
    pattern = re.compile("|".join(re.escape(s["wrong"]) for s in load_slips()))
    least = BUDGETS[DocKind.kh_ubnd].group_min
    for name, plan in ubnd_plans.items():
        text = " ".join([plan.opening, plan.closing, *(b.text for b in plan.body)])
        text += " ".join(r.content for r in plan.task_rows())
        assert not pattern.search(text), (name, pattern.search(text))
        for group in (g for g in plan.task_groups if g.nq57):
            assert len(group.rows) >= least, (name, group.nq57, len(group.rows))
    full = compose(profile("xop").model_copy(update={"scope": Scope.full}), library)
    for group in (g for g in full.task_groups if g.nq57):
        assert len(group.rows) >= 3, (group.nq57, len(group.rows))


def test_party_plans_have_tasks_in_every_nq57_group(library):
    for scope, least in ((Scope.concise, BUDGETS[DocKind.kh_du].group_min), (Scope.full, 3)):
        source = profile("tan-khanh").model_copy(update={"scope": scope})
        plan = compose(source, library, DocKind.kh_du)
        groups = {g.nq57: len(g.rows) for g in plan.task_groups if g.nq57}
        assert set(groups) == {f"III.{i}" for i in range(1, 8)}, groups
        assert min(groups.values()) >= least, groups


def _unit_profile(kind: UnitKind, sectors: list[Sector]) -> Profile:
    base = profile("xop")
    return base.model_copy(
        update={
            "scope": Scope.full,
            "include": [],
            "local": LocalFacts(),
            "unit": Unit(kind=kind, name="Thử", province="Quảng Ngãi"),
            "sectors": sectors,
            "village_term": "tổ dân phố" if kind == UnitKind.phuong else "thôn",
        }
    )


def test_mountain_commune_and_urban_ward_get_different_tasks(library):
    mountain = _unit_profile(UnitKind.xa, [Sector.agriculture, Sector.ocop, Sector.ethnic_minority])
    ward = _unit_profile(UnitKind.phuong, [Sector.urban])
    m_ids = {r.clause for r in compose(mountain, library).task_rows()}
    w_ids = {r.clause for r in compose(ward, library).task_rows()}
    only_m, only_w = m_ids - w_ids, w_ids - m_ids
    assert len(only_m) >= 5 and len(only_w) >= 3, (only_m, only_w)
    by_id = {t.id: t for g in library.groups for t in g.tasks}
    assert any(Sector.ocop in by_id[c].applies.sectors for c in only_m)
    assert any(Sector.ethnic_minority in by_id[c].applies.sectors for c in only_m)
    assert all(
        Sector.urban in by_id[c].applies.sectors or UnitKind.phuong in by_id[c].applies.units
        for c in only_w
    )
    ward_text = " ".join(r.content for r in compose(ward, library).task_rows())
    assert (
        "tổ dân phố" in " ".join(b.text for b in compose(ward, library).body)
        or "phường" in ward_text
    )


def test_trace_xop_sources_and_all_groups():
    res = nqgen("trace", str(Path(__file__).resolve().parents[1] / "profiles" / "xop.yaml"))
    assert res.returncode == 0, res.stderr
    assert "(không có nguồn)" not in res.stdout
    assert "Bao phủ 7/7 nhóm." in res.stdout
    csv_out = nqgen(
        "trace", "profiles/xop.yaml", "--format", "csv", cwd=Path(__file__).resolve().parents[1]
    )
    assert csv_out.returncode == 0 and csv_out.stdout.startswith("loại,stt,mã điều khoản")


def test_trace_rows_each_have_a_source(library, ubnd_plans):
    trace = trace_plan(ubnd_plans["xop"], library)
    assert trace.rows and all(r.sources for r in trace.rows)
    assert all(trace.nq57[g] for g in trace.nq57)
    assert sum(1 for c in trace.nq03.values() if c) >= 12


def test_coverage_negative_control_stays_below_threshold(library):
    matcher = Matcher(library)
    control = Path(__file__).with_name("data") / "off_topic_statements.txt"
    found = statements(control.read_text(encoding="utf-8"))
    assert len(found) >= 15
    for st in found:
        score, _ = matcher.best(st.text)
        assert score < 0.3 < THRESHOLD, (score, st.text)


def test_coverage_statements_are_cut_whole():
    text = (
        "II. NHIỆM VỤ\n- Tổ chức quán triệt Nghị quyết số 57-NQ/TW đến toàn thể cán bộ,\n\n"
        "công chức, viên chức và Nhân dân trên địa bàn xã.\n- Ngắn.\nSTT\tNội dung\n"
        "1\tSố hóa hồ sơ, kết quả giải quyết thủ tục hành chính lĩnh vực hộ tịch tại xã\tUBND\n"
    )
    found = statements(text, "x.txt")
    assert [s.text for s in found] == [
        "Tổ chức quán triệt Nghị quyết số 57-NQ/TW đến toàn thể cán bộ, công chức, viên chức"
        " và Nhân dân trên địa bàn xã.",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính lĩnh vực hộ tịch tại xã",
    ]


@pytest.mark.skipif(
    not SEEDS and not os.environ.get("CI"), reason="../shared/seeds không có (CI luôn có)"
)
def test_seed_coverage_at_least_90_percent(library, monkeypatch, capsys):
    """CI places the clone beside shared/: there the seeds must be found, not skipped; and
    the README's ``nqgen coverage ../shared/seeds/*.txt`` works from the clone's root."""
    assert SEEDS, "../shared/seeds/0*.txt không có cạnh bản sao của kho"
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    readme = sorted(str(p) for p in Path("../shared/seeds").glob("*.txt"))  # as the shell does
    assert cli.run(["coverage", *readme]) == 0
    assert "../shared/seeds/003" in capsys.readouterr().out
    found = coverage(SEEDS, library)
    share = sum(s.covered for s in found) / len(found)
    assert share >= 0.90, f"{share:.1%}"


#: Every task point of NQ 57 III (docs/sources.md §1.3), and what a commune does for it: each
#: needs at least one clause citing it (issue 16, "every NQ 57 task point has a clause").
NQ57_TASK_POINTS = {
    "III.1.1": "quán triệt, trách nhiệm người đứng đầu",
    "III.1.2": "nhiệm vụ trong chương trình công tác năm; đánh giá, thi đua",
    "III.1.3": "cán bộ có chuyên môn khoa học kỹ thuật; dám nghĩ, dám làm",
    "III.1.4": "chương trình tuyên truyền",
    "III.1.5": "phong trào học tập số",
    "III.1.6": "tôn vinh, khen thưởng",
    "III.2.1": "rà soát quy định, thủ tục",
    "III.2.2": "thí điểm, chấp nhận rủi ro",
    "III.2.3": "quản lý nhà nước thống nhất",
    "III.2.4": "mọi nguồn lực; chi tập trung; mua sắm sản phẩm trong nước",
    "III.3.1": "công nghệ chiến lược, thử nghiệm",
    "III.3.2": "năng lượng, tài nguyên khoáng sản",
    "III.3.3": "trung tâm nghiên cứu, phòng thí nghiệm",
    "III.3.4": "đầu tư, mua, thuê sản phẩm, dịch vụ số; nền tảng dùng chung",
    "III.3.5": "hạ tầng số",
    "III.3.6": "dữ liệu",
    "III.4.1": "giáo dục, nhân tài",
    "III.4.2": "năng lực số trong xã hội",
    "III.4.3": "giáo viên, đổi mới đào tạo",
    "III.5.1": "hệ thống chính trị trên môi trường số",
    "III.5.2": "thủ tục hành chính, dịch vụ công",
    "III.5.3": "công dân số, văn hóa số",
    "III.5.4": "dữ liệu tài nguyên, môi trường",
    "III.5.5": "an ninh mạng, lừa đảo trực tuyến",
    "III.6.1": "doanh nghiệp nhỏ và vừa chuyển đổi số",
    "III.6.2": "khởi nghiệp",
    "III.6.3": "đặt hàng doanh nghiệp công nghệ số; khu công nghiệp công nghệ số",
    "III.6.4": "tiêu dùng số, sản xuất thông minh",
    "III.7.1": "hợp tác, chuyển giao công nghệ",
}


def _cited(library) -> dict[str, list[str]]:
    refs: dict[str, list[str]] = {}
    clauses = [t for g in library.groups for t in g.tasks] + list(library.targets)
    for clause in clauses:
        for src in clause.sources:
            refs.setdefault(src.ref, []).append(clause.id)
    return refs


def test_every_nq57_task_point_and_nq03_locality_task_has_a_clause(library):
    """Issue 16, point 1: every NQ 57 task point (III.1.1-III.7.1) and every task of NQ 03/NQ-CP
    Phụ lục II led by localities (the 24 of docs/sources.md §2.3) is cited by a clause."""
    from nqgen.trace import NQ03_LOCAL_TASKS

    assert len(NQ57_TASK_POINTS) == 29 and len(NQ03_LOCAL_TASKS) == 24
    cited = _cited(library)
    missing = [p for p in NQ57_TASK_POINTS if f"NQ57 {p}" not in cited]
    assert not missing, missing
    missing = [n for n in NQ03_LOCAL_TASKS if f"NQ03 PL II #{n}" not in cited]
    assert not missing, missing


def test_unconfirmed_2026_sources_are_flagged(library):
    """docs/sources.md §16: a candidate whose anchor is secondary or not confirmed is cited with
    ``unverified: true`` and a note, wherever it is cited."""
    unconfirmed = {
        "CĐ100N-2026", "TB17-TB/CQTTBCĐ", "QĐ11/QĐ-BCĐCP", "CTr02-BCĐTW", "QĐ268/QĐ-TTg",
        "Luật91/2025/QH15", "NĐ356/2025/NĐ-CP", "NĐ224/2026/NĐ-CP", "BCĐCP-PH1-2026",
        "QĐ2439/QĐ-TTg", "KH515/KH-BCA-BNN&MT", "QĐ339-QĐ/TW", "QĐ337-QĐ/TW", "QĐ338-QĐ/TW",
        "Luật116/2025/QH15", "NĐ331/2026/NĐ-CP", "QĐ826/QĐ-TTg", "QĐ940/QĐ-TTg",
    }
    clauses = [t for g in library.groups for t in g.tasks] + list(library.targets)
    seen = set()
    for clause in clauses:
        for src in clause.sources:
            if src.ref in unconfirmed:
                seen.add(src.ref)
                assert src.unverified and src.note, (clause.id, src.ref)
    assert seen == unconfirmed, unconfirmed - seen
    readme = (CLAUSES_DIR / "README.md").read_text(encoding="utf-8")
    for ref in unconfirmed:
        assert f"`{ref}`" in readme, f"{ref} thiếu trong bảng khóa nguồn (clauses/README.md §5)"
    # a plan never prints the number of a document it could not confirm
    numbers = [
        "91/2025", "356/2025", "224/2026", "116/2025", "331/2026", "2439/QĐ", "826/QĐ", "940/QĐ",
        "515/KH", "17-TB", "02-CTr", "339-QĐ", "337-QĐ", "338-QĐ", "11/QĐ-BCĐCP", "268/QĐ",
        "970/QĐ",
    ]
    for clause in clauses:
        texts = [getattr(clause, f, None) for f in ("text", "text_party", "summary", "product")]
        printed = " ".join(t for t in texts + [getattr(clause, "indicator", None)] if t)
        assert not [n for n in numbers if n in printed], (clause.id, printed)


def test_changelog_has_an_entry_for_the_library_version(library):
    """clauses/CHANGELOG.md: one section per library version, the current one first, listing
    clause ids that exist (added, reworded) or are retired."""
    text = (CLAUSES_DIR / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## (\S+)", text, re.M)
    assert versions and versions[0] == library.version, versions
    current = text.split("\n## ")[1]
    prefixes = {g.id for g in library.groups} | {"target"}
    ids = {
        x for x in re.findall(r"`([a-z0-9_]+\.[a-z0-9_.]+)`", current)
        if x.split(".")[0] in prefixes
    }
    known = set(library.task_ids()) | {t.id for t in library.targets} | set(library.retired)
    assert ids and ids <= known, ids - known


def test_clauses_list_and_show():
    res = nqgen("clauses", "list", "--search", "bình dân học vụ số")
    assert res.returncode == 0 and res.stdout.strip()
    first_id = res.stdout.split("\t", 1)[0]
    shown = nqgen("clauses", "show", first_id)
    assert shown.returncode == 0
    assert (
        f"Mã: {first_id}" in shown.stdout
        and "Nguồn:" in shown.stdout
        and "Thời hạn:" in shown.stdout
    )
    res = nqgen("clauses", "list", "--group", "awareness")
    assert res.returncode == 0 and all(
        line.startswith("awareness.") for line in res.stdout.splitlines()
    )
    missing = nqgen("clauses", "show", "khong.co")
    assert missing.returncode != 0 and "Không có điều khoản" in missing.stderr
