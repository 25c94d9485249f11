"""compose(profile, library) -> Plan: content, provenance, YAML round trip, data safety."""

from __future__ import annotations

from nqgen import __version__, vn
from nqgen.compose import compose, load_plan, plan_to_yaml
from nqgen.models import DocKind, PartialDate
from nqgen.render import render_docx

from .conftest import open_docx, profile


def test_plan_records_versions_and_hash(ubnd_plans, library):
    plan = ubnd_plans["xop"]
    assert plan.meta.nqgen_version == __version__
    assert plan.meta.library_version == library.version
    assert len(plan.meta.library_hash) == 64


def test_xop_cites_its_party_plan(ubnd_plans):
    opening = ubnd_plans["xop"].opening
    assert "Kế hoạch số 04-KH/ĐU ngày 14/8/2025 của Đảng ủy xã Xốp" in opening
    assert opening.index("Nghị quyết số 57-NQ/TW") < opening.index("04-KH/ĐU")
    assert "03-NQ/CP" not in opening  # the seed's slip is not carried over


def test_plan_yaml_round_trip(ubnd_plans, tmp_path):
    plan = ubnd_plans["nghia-tho"]
    path = tmp_path / "plan.yaml"
    path.write_text(plan_to_yaml(plan), encoding="utf-8")
    again = load_plan(path)
    assert again == plan
    assert render_docx(again)[:2] == b"PK"


def test_seven_nq57_groups_present(ubnd_plans):
    for plan in ubnd_plans.values():
        groups = {g.nq57 for g in plan.task_groups if g.nq57}
        assert groups == {f"III.{i}" for i in range(1, 8)}


def test_profile_data_is_data_not_template(library):
    p = profile("xop")
    p.bodies["culture_society"] = "Phòng VH & XH <mới> {{ unit.name }} {% if x %}"
    p.unit.name = "Xốp & Co"
    plan = compose(p, library, DocKind.kh_ubnd)
    doc = open_docx(render_docx(plan))
    text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    # printed exactly as typed (issue 11): no Jinja, no zero-width space inside the braces
    assert "Phòng VH & XH <mới> {{ unit.name }} {% if x %}" in text
    assert "\u200b" not in text


def test_dates_follow_nd30():
    assert vn.doc_date(PartialDate(year=2026, month=2, day=5)) == "ngày 05 tháng 02 năm 2026"
    assert vn.doc_date(PartialDate(year=2026, month=6, day=29)) == "ngày 29 tháng 6 năm 2026"
    assert vn.doc_date(PartialDate(year=2025, month=9)).startswith("ngày \u00a0")
    assert vn.number(99.5) == "99,5" and vn.number(1200) == "1.200"
