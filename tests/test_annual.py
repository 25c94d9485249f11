"""The annual plan (Kế hoạch chuyển đổi số năm Y; issue 16, point 3).

Acceptance: an annual plan for Xốp for 2027 (UBND and party) and a concise implementation plan
are composed, rendered, converted by LibreOffice and read back as a secretary would: zero
checker findings, no deadline or target year outside their period, the skeleton of the real
annual plans (Lạng Sơn 333/KH-UBND and Đắk Lắk 0155/KH-UBND of December 2025: the review of the
year before, then the year's targets and tasks; tests/data/real-plans/README.md on the
real-plans branch, "Annual plans"), the implementation plan cited with the blanks of a draft.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from nqgen import questions as Q
from nqgen.check import check_docx
from nqgen.compose import compose, load_profile
from nqgen.compose.core import implementation_citation
from nqgen.errors import InputError
from nqgen.models import (
    AnnualIssue,
    Deadline,
    DocKind,
    PartialDate,
    Plan,
    PlanType,
    Profile,
    TargetClause,
)
from nqgen.paths import PROFILES_DIR
from nqgen.render import render_docx

from .conftest import convert_to_pdf, nqgen
from .test_render_ubnd import _page_sizes

XOP = PROFILES_DIR / "xop.yaml"
YEAR = 2027
_YEAR = re.compile(r"(?<![/\d])(20[2-4]\d)(?![\d])")


def annual(profile: Profile, year: int = YEAR) -> Profile:
    return profile.model_copy(
        update={"type": PlanType.annual,
                "annual": profile.annual.model_copy(update={"year": year})}
    )


@pytest.fixture(scope="module")
def plans(library) -> dict[str, Plan]:
    xop = load_profile(XOP)
    return {
        "annual": compose(annual(xop), library, DocKind.kh_ubnd, str(XOP)),
        "annual-du": compose(annual(xop), library, DocKind.kh_du, str(XOP)),
        "implementation": compose(xop, library, DocKind.kh_ubnd, str(XOP)),
    }


@pytest.fixture(scope="module")
def docx(plans, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("annual")
    paths = {}
    for name, plan in plans.items():
        paths[name] = out / f"{name}.docx"
        paths[name].write_bytes(render_docx(plan))
    return paths


@pytest.fixture(scope="module")
def pdf(docx, tmp_path_factory) -> dict[str, Path]:
    return convert_to_pdf(docx, tmp_path_factory, "annual-pdf")


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def table_rows(path: Path) -> list[list[str]]:
    return [[c.text for c in row.cells] for t in Document(str(path)).tables for row in t.rows]


# --------------------------------------------------------------------------- acceptance


@pytest.mark.parametrize("name", ["annual", "annual-du", "implementation"])
def test_zero_checker_findings(docx, name):
    report = check_docx(docx[name])
    assert report.findings == [], [str(f) for f in report.findings]


def test_annual_plan_reads_as_an_annual_plan(plans, docx):
    """The header, the opening and the sections of the real annual plans, read back."""
    plan = plans["annual"]
    assert plan.type == PlanType.annual and plan.year == YEAR
    text = paragraphs(docx["annual"])
    assert "KẾ HOẠCH" in text
    assert "Chuyển đổi số trên địa bàn xã Xốp năm 2027" in text
    opening = next(p for p in text if p.startswith("Thực hiện "))
    # the implementation plan, cited with the blanks a draft leaves (xop.yaml has no number and
    # only the month of its date): never an invented number
    assert (
        "Kế hoạch số .../KH-UBND ngày .../9/2025 của Ủy ban nhân dân xã Xốp về triển khai thực"
        " hiện Nghị quyết số 57-NQ/TW" in opening
    )
    assert opening.index("Nghị quyết số 57-NQ/TW ngày 22/12/2024") < opening.index(".../KH-UBND")
    assert opening.endswith(
        "Ủy ban nhân dân xã Xốp ban hành Kế hoạch chuyển đổi số năm 2027 như sau:"
    )
    headings = [b.text for b in plan.body if b.style == "h1"]
    assert headings == [
        "I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2026",
        "II. MỤC ĐÍCH, YÊU CẦU",
        "III. MỤC TIÊU, CHỈ TIÊU NĂM 2027",
        "IV. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM NĂM 2027",
        "V. PHÂN CÔNG NHIỆM VỤ",
        "VI. KINH PHÍ THỰC HIỆN",
        "VII. TỔ CHỨC THỰC HIỆN",
    ]
    for heading in headings:
        assert heading in text
    assert "Tầm nhìn đến năm 2045" not in " ".join(text)  # a one-year plan has no vision
    review = text[text.index(headings[0]) + 1 : text.index(headings[1])]
    assert any("…/… chỉ tiêu" in p for p in review)  # figures left for the secretary
    assert any("Kế hoạch số .../KH-UBND của Ủy ban nhân dân xã Xốp" in p for p in review)
    assert "CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2027" in text
    assert any(p.startswith("Trên đây là Kế hoạch chuyển đổi số năm 2027") for p in text)
    # every task group of NQ 57 is there, with the same library as the implementation plan
    assert {g.nq57 for g in plan.task_groups if g.nq57} == {f"III.{i}" for i in range(1, 8)}
    assert 25 <= len(plan.task_rows()) <= 40 and 12 <= len(plan.targets) <= 25


def test_annual_plan_keeps_to_its_year(plans, docx):
    """No deadline and no target year outside 2027, read back from both appendices; the body
    names 2026 only in the review of that year."""
    rows = table_rows(docx["annual"])
    targets = [r for r in rows if len(r) == 6 and r[0].isdigit() and r[4].isdigit()]
    assert len(targets) == len(plans["annual"].targets)
    assert {r[4] for r in targets} == {"2027"}  # Năm đạt
    tasks = [r for r in rows if len(r) == 6 and r[0].isdigit() and not r[4].isdigit()]
    assert len(tasks) == len(plans["annual"].task_rows())
    deadlines = {r[4] for r in tasks}
    for deadline in deadlines:
        assert {int(y) for y in _YEAR.findall(deadline)} <= {2027}, deadline
    assert "Năm 2027" in deadlines and not any("2030" in d for d in deadlines)
    vague = [d for d in (r[4] for r in tasks) if d in ("Thường xuyên", "Hằng năm")]
    assert len(vague) <= len(tasks) / 2
    plan = plans["annual"]
    section = ""
    for block in plan.body:
        if block.style == "h1":
            section = block.text
        years = {int(y) for y in _YEAR.findall(block.text)} - {2030, 2045}
        allowed = {2026, 2027} if section.startswith("I. ") else {2027}
        assert years <= allowed, (section, block.text)


def test_annual_targets_are_the_years(library, plans):
    """A target's value for the year: the roadmap's step (KH 01: 100% in 2026 held in 2027),
    else its value, with the year 2027; the profile's override wins as everywhere."""
    rows = {t.target: t for t in plans["annual"].targets}
    clauses = {t.id: t for t in library.targets}
    for target, row in rows.items():
        assert row.year == YEAR
        comparison, value, _ = clauses[target].resolve(YEAR)
        assert row.value == load_profile(XOP).targets.get(target, value)
    stepped = [t for t in clauses.values() if t.steps and t.id in rows]
    assert stepped  # the selection holds roadmap targets
    lines = [b.text for b in plans["annual"].body if b.text.startswith("- Trong năm 2027, ")]
    assert 1 <= len(lines) <= 6 and lines[-1].endswith(".")


def test_party_annual_plan(plans, docx):
    plan = plans["annual-du"]
    text = paragraphs(docx["annual-du"])
    assert plan.title == "KẾ HOẠCH" and "KẾ HOẠCH" in text
    assert "lãnh đạo thực hiện chuyển đổi số năm 2027" in text
    opening = next(p for p in text if p.startswith("Thực hiện "))
    cited = "Kế hoạch hành động số 04-KH/ĐU ngày 14/8/2025 của Ban Thường vụ Đảng ủy xã Xốp"
    assert cited in opening
    assert opening.endswith("ban hành Kế hoạch lãnh đạo thực hiện chuyển đổi số năm 2027, với những"
                            " nội dung sau:")
    headings = [b.text for b in plan.body if b.style == "h1"]
    assert headings[0] == "I- KẾT QUẢ NĂM 2026" and headings[-1] == "V- TỔ CHỨC THỰC HIỆN"
    body = " ".join(text)
    assert "Kế hoạch hành động này" not in body  # this one is a Kế hoạch
    assert "năm 2030 tổng kết" not in body  # the year's reporting, not the programme's
    assert len(plan.targets) <= 8
    assert all(line in text for line in (f"- Trong năm 2027, {t.indicator[:1].lower()}"
                                         f"{t.indicator[1:]} đạt {t.amount()}"
                                         + (";" if i < len(plan.targets) else ".")
                                         for i, t in enumerate(plan.targets, 1)))
    for row in plan.task_rows():
        assert {int(y) for y in _YEAR.findall(row.deadline)} <= {2027}


def test_implementation_plan_keeps_to_its_period(plans):
    """The concise implementation plan of Xốp (2025): deadlines from 2025 to 2030."""
    plan = plans["implementation"]
    assert plan.type == PlanType.implementation and plan.year == 2025
    for row in plan.task_rows():
        years = {int(y) for y in _YEAR.findall(row.deadline)}
        assert all(2025 <= y <= 2030 for y in years), row.deadline
    assert all(2025 <= t.year <= 2030 for t in plan.targets)


def test_sizes_from_libreoffice(pdf):
    """The body of the annual plan on A4 portrait pages like the implementation plan's (at most
    14), then the landscape appendices; the party plan at most 12 pages with no appendix."""
    for name in ("annual", "implementation"):
        sizes = _page_sizes(pdf[name])
        portrait = next(i for i, (w, h) in enumerate(sizes) if w > h)
        assert 4 <= portrait <= 14, (name, portrait)
    party = _page_sizes(pdf["annual-du"])
    assert len(party) <= 12 and all(w < h for w, h in party)


# --------------------------------------------------------------------------- the rules


def test_deadline_within_the_year():
    y = 2027
    cases = {
        "continuous": ({"kind": "continuous"}, "Thường xuyên"),
        "annual": ({"kind": "annual"}, "Hằng năm"),
        "guided": ({"kind": "when_guided"}, "Khi có hướng dẫn của cấp trên"),
        "to 2030": ({"kind": "years", "offset": 0, "until": 2030}, "Năm 2027"),
        "two years": ({"kind": "years", "offset": 0, "span": 1}, "Năm 2027"),
        "year": ({"kind": "year", "offset": 0}, "Năm 2027"),
        "quarter": ({"kind": "quarter", "offset": 0, "quarter": 2}, "Quý II/2027"),
        "month": ({"kind": "month", "offset": 0, "month": 6}, "Tháng 6/2027"),
        "by date": ({"kind": "by_date", "offset": 0, "month": 9, "day": 30},
                    "Trước ngày 30/09/2027"),
        "earlier year": ({"kind": "year", "year": 2025}, "Năm 2027"),
        "earlier period": ({"kind": "years", "year": 2025, "until": 2026}, "Năm 2027"),
    }
    for name, (data, text) in cases.items():
        within = Deadline.model_validate(data).within(y)
        assert within is not None and within.text() == text, name
    for later in ({"kind": "year", "offset": 1}, {"kind": "years", "offset": 1, "span": 2},
                  {"kind": "quarter", "offset": 1, "quarter": 1}, {"kind": "year", "year": 2029}):
        assert Deadline.model_validate(later).within(y) is None, later


def test_target_within_the_year():
    base = {"id": "target.x", "indicator": "Tỷ lệ thử nghiệm", "unit": "%", "monitor": "office"}
    fixed = TargetClause.model_validate(base | {"value": 80, "year": 2030})
    assert fixed.resolve(2027)[1:] == (80, 2030)
    assert fixed.resolve(2027, within_year=True)[1:] == (80, 2027)
    steps = TargetClause.model_validate(
        base | {"steps": [{"year": 2025, "value": 80}, {"year": 2028, "value": 100}]}
    )
    assert steps.resolve(2025, within_year=True)[1:] == (80, 2025)
    assert steps.resolve(2027, within_year=True)[1:] == (100, 2027)  # the next step
    assert steps.resolve(2029, within_year=True)[1:] == (100, 2029)  # the last, held


def test_plan_year_and_where_the_numbers_live():
    xop = load_profile(XOP)
    assert xop.plan_year() == 2025  # the implementation plan: its own date
    assert xop.plan_year(type=PlanType.annual) == 2027  # annual.year
    dated = xop.model_copy(update={"annual": xop.annual.model_copy(
        update={"year": None,
                "ubnd": AnnualIssue(number="3", date=PartialDate(year=2026, month=12))}
    )})
    assert dated.plan_year(type=PlanType.annual) == 2026  # the annual plan's own date
    assert dated.plan_year(type=PlanType.annual, today=date(2029, 1, 1)) == 2026
    blank = xop.model_copy(update={"annual": xop.annual.model_copy(update={"year": None})})
    assert blank.plan_year(type=PlanType.annual, today=date(2028, 3, 1)) == 2028


def test_annual_number_and_date_are_its_own(library):
    xop = load_profile(XOP)
    ubnd = xop.ubnd.model_copy(update={"number": "15",
                                       "date": PartialDate(year=2025, month=9, day=20)})
    own = xop.annual.model_copy(update={"ubnd": AnnualIssue(
        number="7", date=PartialDate(year=2026, month=12, day=28))})
    plan = compose(annual(xop.model_copy(update={"ubnd": ubnd, "annual": own})), library)
    assert plan.number == "7" and plan.date == PartialDate(year=2026, month=12, day=28)
    assert plan.year == 2027  # signed in December for the next year
    assert "Kế hoạch số 15/KH-UBND ngày 20/9/2025 của Ủy ban nhân dân xã Xốp" in plan.opening
    assert implementation_citation(xop, DocKind.kh_ubnd).startswith("Kế hoạch số .../KH-UBND")
    implementation = compose(xop.model_copy(update={"ubnd": ubnd, "annual": own}), library)
    assert implementation.number == "15" and implementation.year == 2025


def test_annual_dates_are_checked(library):
    xop = load_profile(XOP)
    with pytest.raises(InputError) as err:  # a 2024 plan cannot make the 2025 plan concrete
        compose(annual(xop, 2025).model_copy(update={"ubnd": xop.ubnd.model_copy(
            update={"date": PartialDate(year=2026, month=1)})}), library)
    assert err.value.field == "annual.year"
    early = xop.annual.model_copy(update={"year": 2025, "ubnd": AnnualIssue(
        date=PartialDate(year=2025, month=9, day=1))})
    full = xop.ubnd.model_copy(update={"date": PartialDate(year=2025, month=9, day=20)})
    with pytest.raises(InputError, match="trước Kế hoạch triển khai") as err:
        compose(xop.model_copy(update={"type": PlanType.annual, "annual": early, "ubnd": full}),
                library)
    assert err.value.field == "annual.ubnd.date"
    with pytest.raises(InputError) as err:
        wrong = xop.annual.model_copy(update={"year": 2029, "ubnd": AnnualIssue(
            date=PartialDate(year=2026, month=12))})
        compose(xop.model_copy(update={"type": PlanType.annual, "annual": wrong}), library)
    assert err.value.field == "annual.year"


def test_bad_profile_values_name_file_line_field(tmp_path):
    text = XOP.read_text(encoding="utf-8")
    path = tmp_path / "xop.yaml"
    path.write_text(text.replace("annual:\n  year: 2027", "annual:\n  year: 2031"), "utf-8")
    run = nqgen("render", str(path), "--type", "annual", "-o", str(tmp_path / "x.docx"))
    assert run.returncode == 2
    line = next(i for i, s in enumerate(path.read_text("utf-8").splitlines(), 1)
                if s.strip() == "year: 2031")
    assert f"dòng {line}" in run.stderr and "annual.year" in run.stderr
    path.write_text(text.replace("kind: kh-ubnd", "kind: kh-ubnd\ntype: yearly"), "utf-8")
    run = nqgen("plan", str(path), "-o", str(tmp_path / "x.plan.yaml"))
    assert run.returncode == 2 and "type" in run.stderr and "không thuộc danh sách" in run.stderr


# --------------------------------------------------------------------------- front ends


def test_type_option_on_render_plan_batch(tmp_path):
    run = nqgen("render", str(XOP), "--type", "annual", "--no-check", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "xop-cds-2027.docx").exists()  # beside, never over, xop.docx
    text = paragraphs(tmp_path / "xop-cds-2027.docx")
    assert "Chuyển đổi số trên địa bàn xã Xốp năm 2027" in text
    run = nqgen("plan", str(XOP), "--type", "annual", "--kind", "kh-du", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    planned = tmp_path / "xop-cds-2027.plan.yaml"
    assert "type: annual" in planned.read_text("utf-8")
    run = nqgen("render", str(planned), "--type", "implementation", cwd=tmp_path)
    assert run.returncode == 2 and "--type chỉ dùng với hồ sơ" in run.stderr
    run = nqgen("batch", str(XOP), "--type", "annual", "-o", str(tmp_path / "lo"), "-j", "1")
    assert run.returncode == 0, run.stderr + run.stdout
    (made,) = (tmp_path / "lo").rglob("*.docx")
    assert made.name == "xa-xop-23356-cds-2027.docx"
    assert "CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2027" in paragraphs(made)


def test_wizard_asks_the_plan_type():
    from tests.test_wizard import xop_answers

    answers = xop_answers()
    question = Q.BY_ID["type"]
    assert Q.next_question(answers) is not None
    this = date.today().year
    values = [c.value for c in question.choices_for(answers)]
    assert values == ["implementation", f"annual-{this}", f"annual-{this + 1}"]
    Q.record(answers, question, f"annual-{this + 1}")
    for key, typed in (("ubnd.number", "7"), ("ubnd.date", f"28/12/{this}")):
        Q.record(answers, Q.BY_ID[key], Q.check(Q.BY_ID[key], typed, answers))
    Q.fill_defaults(answers)
    profile = Q.build_profile(answers)
    assert profile.type == PlanType.annual and profile.annual.year == this + 1
    assert profile.annual.ubnd.number == "7" and profile.ubnd.number is None
    assert profile.annual.ubnd.date == PartialDate(year=this, month=12, day=28)
    assert profile.year is None
    assert Q.plan_problem(answers) is None
    # a plan dated a year too early is told at the question of the plan's date
    Q.record(answers, Q.BY_ID["ubnd.date"], Q.check(Q.BY_ID["ubnd.date"], f"{this - 1}",
                                                     answers))
    found = Q.plan_problem(answers)
    assert found is not None and found[0] is Q.BY_ID["type"], found
    defaults = xop_answers()
    Q.fill_defaults(defaults)
    assert Q.build_profile(defaults).type == PlanType.implementation
