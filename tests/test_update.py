"""`nqgen update` (issue 16, point 4): a plan composed again with a newer library keeps the
user's edits, takes the library's new texts, shows both-sides changes as conflicts, and prints a
clause-level changelog in Vietnamese.

The acceptance scenario: a Xốp plan.yaml with two clauses edited by hand; a fixture library
copied from clauses/ with one clause reworded, one added, one retired, and one of the edited
clauses reworded too; ``nqgen update`` run as a user would.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document

from nqgen.compose import compose, load_plan, load_profile, plan_to_yaml
from nqgen.compose.basis import stamp, text_hash
from nqgen.library import load_library
from nqgen.models import Block, Plan
from nqgen.paths import CLAUSES_DIR, PROFILES_DIR
from nqgen.update import read_changelog, three_way, update_plan
from nqgen.yamlio import dump_yaml

from .conftest import nqgen

XOP = PROFILES_DIR / "xop.yaml"

EDITED_BODY = "awareness.local_channels"  # the user rewrites its paragraph in section III
EDITED_ROW = "digital_government.digitization"  # the user rewrites its Phụ lục II content
REWORDED = "infrastructure.data_sharing"  # the library rewords it (the user did not touch it)
RETIRED = "human_resources.leaders_st_expertise"  # the library retires it
ADDED = "international.twin_communes"  # the library adds it

USER_PARAGRAPH = (
    "- Phát huy hệ thống truyền thanh cơ sở và nhóm Zalo của 09 thôn để đưa tin về chuyển đổi số"
    " hằng tuần (bản xã Xốp sửa)."
)
USER_CONTENT = "Số hóa hồ sơ thủ tục hành chính ngay khi tiếp nhận tại Trung tâm (bản xã Xốp sửa)"
NEW_DATA_TEXT = (
    "Xây dựng, hoàn thiện các cơ sở dữ liệu của {{ unit.kind }}, kết nối, chia sẻ với cơ sở dữ"
    " liệu quốc gia; rà soát hằng quý (lời mới của thư viện)."
)
NEW_DATA_SUMMARY = "Hoàn thiện, kết nối, chia sẻ cơ sở dữ liệu của xã; rà soát hằng quý (lời mới)"
NEW_DIGITIZATION_SUMMARY = (
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính khi tiếp nhận và trả kết quả (lời mới)"
)
WHY_REWORDED = "theo lời của Chương trình 02-CTr/BCĐTW, mục II.3"
WHY_ADDED = "nhiệm vụ mới: kết nghĩa chuyển đổi số giữa các xã"
WHY_RETIRED = "gộp vào human_resources.cadre_training"

#: The shipped library's version (the plan's) and the fixture library's bumped one.
OLD_VERSION = load_library().version
NEW_VERSION = "2099.1.0"

CHANGELOG = f"""# Nhật ký thay đổi của thư viện điều khoản

Phiên bản thử cho tests/test_update.py.

## {NEW_VERSION}

- `{REWORDED}` (sửa lời): {WHY_REWORDED}.
- `{EDITED_ROW}` (sửa lời): theo Chỉ thị số 24/CT-TTg,
  bảo đảm số hóa ngay khi tiếp nhận.
- `{ADDED}` (mới): {WHY_ADDED}.
- `{RETIRED}` (thôi dùng): {WHY_RETIRED}.

## {OLD_VERSION}

- `{EDITED_BODY}` (sửa lời): một thay đổi cũ hơn bản kế hoạch, không được nêu.
"""


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _save(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _task(group: dict, clause: str) -> dict:
    return next(t for t in group["tasks"] if t["id"] == clause)


def bumped_library(root: Path) -> Path:
    """clauses/ copied to ``root`` with the changes of the acceptance scenario."""
    lib = root / "clauses"
    shutil.copytree(CLAUSES_DIR, lib)
    groups = {p.stem.split("-", 1)[1]: p for p in (lib / "groups").glob("*.yaml")}

    infra = _load(groups["infrastructure"])
    _task(infra, REWORDED).update(text=NEW_DATA_TEXT, summary=NEW_DATA_SUMMARY)
    _save(groups["infrastructure"], infra)

    gov = _load(groups["digital_government"])
    _task(gov, EDITED_ROW)["summary"] = NEW_DIGITIZATION_SUMMARY
    _save(groups["digital_government"], gov)

    people = _load(groups["human_resources"])
    people["tasks"] = [t for t in people["tasks"] if t["id"] != RETIRED]
    _save(groups["human_resources"], people)

    international = _load(groups["international"])
    international["tasks"].append({
        "id": ADDED,
        "text": "Kết nghĩa, trao đổi kinh nghiệm chuyển đổi số với một xã, phường trong "
                "{{ province.kind }}; học tập, áp dụng mô hình hay phù hợp với {{ unit.kind }}.",
        "summary": "Kết nghĩa, trao đổi kinh nghiệm chuyển đổi số với một xã, phường bạn",
        "lead": "culture_society",
        "partners": ["office"],
        "deadline": {"kind": "year", "offset": 0},
        "product": "Chương trình kết nghĩa; mô hình hay được áp dụng",
        "areas": ["digital_government"],
        "sources": [{"ref": f"seed 00{i} II.7"} for i in range(5)]
        + [{"ref": "NQ03 PL II #6"}],
    })
    _save(groups["international"], international)

    head = _load(lib / "library.yaml")
    head["version"] = NEW_VERSION
    head["retired"] = {**(head.get("retired") or {}), RETIRED: None}
    _save(lib / "library.yaml", head)
    (lib / "CHANGELOG.md").write_text(CHANGELOG, encoding="utf-8")
    return lib


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> dict:
    """The plan, its hand edits, the bumped library and one run of ``nqgen update``."""
    tmp = tmp_path_factory.mktemp("update")
    plan_path = tmp / "xop.plan.yaml"
    made = nqgen("plan", str(XOP), "-o", str(plan_path))
    assert made.returncode == 0, made.stderr
    original = load_plan(plan_path)
    assert {EDITED_BODY, EDITED_ROW, REWORDED, RETIRED} <= {r.clause for r in original.task_rows()}
    assert ADDED not in {r.clause for r in original.task_rows()}

    data = _load(plan_path)  # the two edits, made in the YAML as a user would
    block = next(b for b in data["body"] if b.get("key") == EDITED_BODY)
    block["text"] = USER_PARAGRAPH
    row = next(r for g in data["task_groups"] for r in g["rows"] if r["clause"] == EDITED_ROW)
    row["content"] = USER_CONTENT
    plan_path.write_text(dump_yaml(data), encoding="utf-8")

    lib = bumped_library(tmp)
    out = tmp / f"xop-{NEW_VERSION}.plan.yaml"
    run = nqgen("update", str(plan_path), "-o", str(out), "--library", str(lib))
    assert run.returncode == 0, run.stderr
    return {"tmp": tmp, "plan": plan_path, "lib": lib, "out": out, "run": run,
            "original": original, "updated": load_plan(out)}


def _row(plan: Plan, clause: str):
    return next((r for r in plan.task_rows() if r.clause == clause), None)


def _block(plan: Plan, key: str) -> Block | None:
    return next((b for b in plan.body if b.key == key), None)


def test_the_users_edits_are_kept(scenario):
    updated = scenario["updated"]
    assert _block(updated, EDITED_BODY).text == USER_PARAGRAPH
    assert _row(updated, EDITED_ROW).content == USER_CONTENT


def test_the_librarys_new_texts_are_taken(scenario):
    updated, original = scenario["updated"], scenario["original"]
    assert _row(updated, REWORDED).content == NEW_DATA_SUMMARY
    assert "rà soát hằng quý (lời mới của thư viện)" in _block(updated, REWORDED).text
    assert "{{" not in _block(updated, REWORDED).text and "xã" in _block(updated, REWORDED).text
    assert _block(updated, REWORDED).text != _block(original, REWORDED).text
    added = _row(updated, ADDED)
    assert added is not None and added.content.startswith("Kết nghĩa")
    assert _block(updated, ADDED) is not None
    assert _row(updated, RETIRED) is None and _block(updated, RETIRED) is None
    assert updated.meta.library_version == NEW_VERSION
    numbers = [r.number for r in updated.task_rows()]
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)]


def test_both_sides_changed_is_a_conflict_kept_until_resolved(scenario, tmp_path):
    updated = scenario["updated"]
    (conflict,) = updated.meta.conflicts
    assert conflict.where == f"row:{EDITED_ROW}.content"
    assert conflict.library == NEW_DIGITIZATION_SUMMARY
    assert _row(updated, EDITED_ROW).content == USER_CONTENT  # the user's text, until resolved
    # rendering warns, and the document prints the user's text
    docx = tmp_path / "xop.docx"
    run = nqgen("render", str(scenario["out"]), "-o", str(docx))
    assert run.returncode == 0, run.stderr
    assert "xung đột" in run.stderr and "meta.conflicts" in run.stderr
    cells = [c.text for t in Document(str(docx)).tables for r in t.rows for c in r.cells]
    assert USER_CONTENT in cells and NEW_DIGITIZATION_SUMMARY not in cells


def test_the_changelog_names_each_clause_its_section_and_why(scenario):
    out = scenario["run"].stdout
    lines = out.splitlines()
    assert lines[0] == (
        f"Cập nhật {scenario['plan']}: thư viện điều khoản {OLD_VERSION} → {NEW_VERSION}."
    )

    def entry(mark: str, clause: str) -> list[str]:
        start = next(i for i, line in enumerate(lines) if line.startswith(f"  {mark} {clause}"))
        end = next((i for i in range(start + 1, len(lines))
                    if lines[i].startswith("  ") and not lines[i].startswith("    ")
                    or not lines[i].startswith(" ")), len(lines))
        return lines[start:end]

    assert "Thêm (" in out and "Thôi dùng (1):" in out and "Xung đột" in out
    added = entry("+", ADDED)
    assert "mục III.8 (Tăng cường hợp tác" in added[0] and "Phụ lục II dòng" in added[0]
    assert any(WHY_ADDED in line for line in added)

    retired = entry("-", RETIRED)
    assert "mục III.5" in retired[0]
    assert any(WHY_RETIRED in line for line in retired)

    reworded = entry("~", REWORDED)
    assert "mục III.4" in reworded[0]
    assert any(line.strip().startswith("vì: " + WHY_REWORDED) for line in reworded)
    assert any("Phụ lục: nội dung" in line and "đoạn văn mục III.4" in line for line in reworded)

    kept = entry("=", EDITED_BODY)
    assert "mục III.2" in kept[0] and any("đoạn văn mục III.2" in line for line in kept)
    assert any(USER_PARAGRAPH[:60] in line for line in kept)

    conflict = entry("!", EDITED_ROW)
    assert "mục III.6" in conflict[0]
    assert any("Chỉ thị số 24/CT-TTg, bảo đảm số hóa ngay khi tiếp nhận" in line
               for line in conflict)  # the changelog entry's continued line
    head = next(i for i, line in enumerate(conflict) if "Bản của bạn" in line)
    table = conflict[head:]  # side by side: yours | the library's
    assert [c.strip() for c in table[0].split("|")] == ["Bản của bạn (đang giữ)",
                                                          f"Thư viện {NEW_VERSION}"]
    assert set(table[1].strip()) == {"-", "+"}
    assert all("|" in line for line in table[2:])
    left = " ".join(line.split("|")[0].strip() for line in table[2:]).strip()
    right = " ".join(line.split("|")[1].strip() for line in table[2:]).strip()
    assert left == USER_CONTENT and right == NEW_DIGITIZATION_SUMMARY
    assert "một thay đổi cũ hơn" not in out  # entries of versions the plan already had


def test_update_never_writes_its_input_nor_overwrites(scenario):
    plan, lib, out = scenario["plan"], scenario["lib"], scenario["out"]
    before = plan.read_bytes()
    same = nqgen("update", str(plan), "-o", str(plan), "--library", str(lib), "--force")
    assert same.returncode == 2 and "tệp đầu vào" in same.stderr
    again = nqgen("update", str(plan), "-o", str(out), "--library", str(lib))
    assert again.returncode == 2 and str(out) in again.stderr
    forced = nqgen("update", str(plan), "-o", str(out), "--library", str(lib), "--force")
    assert forced.returncode == 0, forced.stderr
    assert plan.read_bytes() == before
    assert load_plan(out) == scenario["updated"]  # the same inputs give the same plan


def test_a_second_update_keeps_the_conflict_until_the_user_resolves_it(scenario, tmp_path):
    lib, out = scenario["lib"], scenario["out"]
    again = tmp_path / "again.plan.yaml"
    run = nqgen("update", str(out), "-o", str(again), "--library", str(lib))
    assert run.returncode == 0, run.stderr
    assert "Thư viện không đổi" in run.stdout and "Còn 1 chỗ xung đột" in run.stdout
    # the library did not change since: nothing to write ...
    assert not again.exists()
    result = update_plan(load_plan(out), load_library(lib))
    assert [c.what for c in result.changes] == ["kept", "kept"]  # the user's edits, nothing else
    assert result.plan.meta.conflicts == load_plan(out).meta.conflicts  # still unresolved
    # ... and once the user keeps the library's text and deletes the entry, nothing remains
    data = _load(out)
    row = next(r for g in data["task_groups"] for r in g["rows"] if r["clause"] == EDITED_ROW)
    row["content"] = NEW_DIGITIZATION_SUMMARY
    data["meta"]["conflicts"] = []
    resolved = tmp_path / "resolved.plan.yaml"
    resolved.write_text(dump_yaml(data), encoding="utf-8")
    plan = load_plan(resolved)
    result = update_plan(plan, load_library(lib), changelog=read_changelog(lib / "CHANGELOG.md"))
    assert result.plan.meta.conflicts == []
    assert [(c.what, c.key) for c in result.changes] == [("kept", EDITED_BODY)]


# --------------------------------------------------------------------------- the parts


def test_three_way():
    base = text_hash("a")
    assert three_way("a", base, "a") == ("a", "same")
    assert three_way("a", base, "b") == ("b", "library")
    assert three_way("x", base, "a") == ("x", "user")
    assert three_way("x", base, "b") == ("x", "conflict")
    assert three_way("b", base, "b") == ("b", "library")  # both made the same change
    assert three_way("x", None, "b") == ("x", "conflict")  # nothing recorded: cannot tell


def test_deleted_places_stay_deleted_and_added_paragraphs_stay(library, tmp_path):
    """A row and a paragraph the user deleted are not brought back; a paragraph the user
    added (no key) stays after the one it followed; the same library changes nothing else."""
    plan = stamp(compose(load_profile(XOP), library, profile_path=str(XOP)))  # as written
    gone = "awareness.dare_to_act"
    for group in plan.task_groups:
        group.rows = [r for r in group.rows if r.clause != gone]
    at = next(i for i, b in enumerate(plan.body) if b.key == REWORDED)
    mine = Block(style="body", text="- Đoạn xã tự thêm trước nhiệm vụ về cơ sở dữ liệu.")
    plan.body = [b for b in plan.body if b.key != gone]
    plan.body.insert(at, mine)  # before REWORDED's paragraph: after the one before it
    anchor = plan.body[at - 1].key
    path = tmp_path / "plan.yaml"
    path.write_text(plan_to_yaml(plan), encoding="utf-8")
    result = update_plan(load_plan(path), library)
    assert result.changes == [] and result.same_library
    assert gone not in {r.clause for r in result.plan.task_rows()}
    assert _block(result.plan, gone) is None
    keys = [b.key for b in result.plan.body]
    assert keys[keys.index(anchor) + 1] is None
    assert result.plan.body[keys.index(anchor) + 1].text == mine.text


def test_a_plan_without_its_profile_names_the_option(library, tmp_path):
    plan = compose(load_profile(XOP), library)
    plan.meta.profile_copy = None
    path = tmp_path / "cu.plan.yaml"
    path.write_text(plan_to_yaml(plan), encoding="utf-8")
    run = nqgen("update", str(path), "-o", str(tmp_path / "moi.plan.yaml"))
    assert run.returncode == 2
    assert "--profile" in run.stderr and "meta.profile_copy" in run.stderr
    run = nqgen("update", str(path), "-o", str(tmp_path / "moi.plan.yaml"), "--profile", str(XOP),
                "--dry-run")
    assert run.returncode == 0, run.stderr
    assert not (tmp_path / "moi.plan.yaml").exists()
    run = nqgen("update", str(XOP), "-o", str(tmp_path / "moi.plan.yaml"))  # a profile
    assert run.returncode == 2 and "không phải kế hoạch đã soạn" in run.stderr
    assert str(XOP) in run.stderr


def test_changelog_format(tmp_path):
    path = tmp_path / "CHANGELOG.md"
    path.write_text(
        "# Nhật ký\n\n## 2027.1.0\n\n- `a.b`, `c.d` (sửa lời): lý do một\n  nối tiếp.\n"
        "Đoạn văn xuôi.\n- `e.f`: lý do hai\n\n## 2026.12.1\n- `a.b` (mới): cũ\n",
        encoding="utf-8",
    )
    entries = read_changelog(path)
    assert [(e.version, e.clause, e.what, e.why) for e in entries] == [
        ("2027.1.0", "a.b", "sửa lời", "lý do một nối tiếp."),
        ("2027.1.0", "c.d", "sửa lời", "lý do một nối tiếp."),
        ("2027.1.0", "e.f", "", "lý do hai"),
        ("2026.12.1", "a.b", "mới", "cũ"),
    ]
    assert read_changelog(tmp_path / "none.md") == []


def test_changelog_sections_give_the_kind_of_change(tmp_path):
    """The shipped CHANGELOG.md groups entries under ### Thêm / Sửa lời / Sửa nguồn / Thôi
    dùng; the section is the kind, a bullet's parenthesis a note after it."""
    path = tmp_path / "CHANGELOG.md"
    path.write_text(
        "## 2027.1.0 (2027-01-05)\n\nLời dẫn.\n\n### Thêm\n- `a.b`: việc mới. Nguồn: NQ57 III.1.\n"
        "- `c.d` (Kế hoạch của Đảng ủy): việc của Đảng ủy.\n\n### Sửa nguồn\n"
        "- `e.f`: thêm nguồn. Nguồn: QĐ11/QĐ-BCĐCP.\n",
        encoding="utf-8",
    )
    assert [(e.version, e.clause, e.what) for e in read_changelog(path)] == [
        ("2027.1.0", "a.b", "thêm"),
        ("2027.1.0", "c.d", "thêm, Kế hoạch của Đảng ủy"),
        ("2027.1.0", "e.f", "sửa nguồn"),
    ]
    shipped = read_changelog(CLAUSES_DIR / "CHANGELOG.md")
    assert {e.version for e in shipped} >= {load_library().version}
    assert all(e.what and e.why for e in shipped)
