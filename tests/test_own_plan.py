"""The commune's own plan (issue 10): right-sized, consistent, current, fitted to the unit.

Concise plans of the four seed UBND profiles and of default profiles (`nqgen new --defaults`) of
a phường of Hà Nội, a đặc khu, a highland border commune and a Mekong commune are composed,
rendered, converted by LibreOffice and read back: sizes (pages of the portrait body, rows of the
appendices), years, province words, village terms, bodies, the format checker.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from nqgen.check import check_docx
from nqgen.compose import compose, load_profile
from nqgen.compose.select import BUDGETS
from nqgen.models import DocKind, PartialDate, Plan, Scope
from nqgen.paths import PROFILES_DIR
from nqgen.render import render_docx
from nqgen.units import village_terms

from .conftest import UBND_PROFILES, convert_to_pdf, nqgen
from .test_render_ubnd import _page_sizes

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

#: Default profiles of four kinds of unit (issue 10, acceptance 1): name -> (province, unit).
DEFAULTS = {
    "ba-dinh": ("Hà Nội", "Ba Đình"),  # phường of a centrally-run city
    "con-dao": ("Hồ Chí Minh", "Côn Đảo"),  # đặc khu (island) of a centrally-run city
    "sin-thau": ("Điện Biên", "Sín Thầu"),  # highland commune on the borders with China, Laos
    "dat-mui": ("Cà Mau", "Đất Mũi"),  # Mekong delta commune
}
CITIES = {"ba-dinh", "con-dao"}
#: Village words that are never anything else in a plan ("bản", "khu vực", "buôn", "làng" are:
#: "văn bản", "khu vực công", "buôn bán", "làng nghề"); "thôn" outside "nông thôn".
VILLAGE_WORDS = ["thôn", "xóm", "ấp", "tổ dân phố", "khu phố", "khóm"]


@pytest.fixture(scope="session")
def default_profiles(tmp_path_factory) -> dict[str, Path]:
    """`nqgen new --province P --commune C --defaults -o DIR` for each default unit."""
    out = tmp_path_factory.mktemp("defaults")
    paths = {}
    for name, (province, unit) in DEFAULTS.items():
        target = out / name
        res = nqgen(
            "new", "--province", province, "--commune", unit, "--defaults", "-o", str(target)
        )
        assert res.returncode == 0, res.stderr
        (profile,) = target.glob("*.yaml")
        paths[name] = profile
    return paths


@pytest.fixture(scope="session")
def concise(library, default_profiles) -> dict[str, Plan]:
    plans = {}
    for name in UBND_PROFILES:
        path = PROFILES_DIR / f"{name}.yaml"
        plans[name] = compose(load_profile(path), library, DocKind.kh_ubnd, str(path))
    for name, path in default_profiles.items():
        plans[name] = compose(load_profile(path), library, DocKind.kh_ubnd, str(path))
    return plans


@pytest.fixture(scope="session")
def concise_docx(concise, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("concise")
    paths = {}
    for name, plan in concise.items():
        paths[name] = out / f"{name}.docx"
        paths[name].write_bytes(render_docx(plan))
    return paths


@pytest.fixture(scope="session")
def concise_pdf(concise_docx, tmp_path_factory) -> dict[str, Path]:
    return convert_to_pdf(concise_docx, tmp_path_factory, "concise-pdf")


def docx_text(path: Path) -> str:
    """Every paragraph of the document, tables included, one per line."""
    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return "\n".join(lines)


ALL = [*UBND_PROFILES, *DEFAULTS]


# --------------------------------------------------------------------------- 1. right size


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL)
def test_concise_sizes(concise, concise_pdf, name):
    plan = concise[name]
    assert plan.scope == Scope.concise
    rows = plan.task_rows()
    assert 25 <= len(rows) <= 40, len(rows)
    assert 12 <= len(plan.targets) <= 25, len(plan.targets)
    groups = {g.nq57 for g in plan.task_groups if g.nq57}
    assert groups == {f"III.{i}" for i in range(1, 8)}
    sizes = _page_sizes(concise_pdf[name])
    portrait = 0
    for w, h in sizes:
        if w > h:
            break
        portrait += 1
    assert 4 <= portrait <= 14, portrait  # the body, in A4 portrait pages
    assert len(sizes) > portrait  # then the landscape appendices


@pytest.mark.parametrize("name", ALL)
def test_every_row_says_why_it_is_there(concise, name):
    for row in concise[name].task_rows():
        assert row.reason, row.clause
    for target in concise[name].targets:
        assert target.reason, target.target


def test_full_scope_takes_the_whole_applicable_library(library):
    profile = load_profile(PROFILES_DIR / "xop.yaml")
    full = compose(profile.model_copy(update={"scope": Scope.full}), library)
    short = compose(profile, library)
    assert len(full.task_rows()) > 2 * len(short.task_rows())
    assert all(r.reason.startswith(("phạm vi đầy đủ", "hồ sơ chọn", "nhiệm vụ riêng"))
               for r in full.task_rows())
    assert len(full.targets) > len(short.targets)


def test_selection_follows_focus_and_include(library):
    profile = load_profile(PROFILES_DIR / "nghia-tho.yaml")
    base = {r.clause for r in compose(profile, library).task_rows()}
    picked = next(
        t.id for g in library.groups if g.id == "digital_culture" for t in g.tasks
        if t.id not in base and t.applies.core
    )
    plan = compose(profile.model_copy(update={"include": [picked]}), library)
    row = next(r for r in plan.task_rows() if r.clause == picked)
    assert row.reason.startswith("hồ sơ chọn")
    gone = next(iter(base))
    plan = compose(profile.model_copy(update={"exclude": [gone]}), library)
    assert gone not in {r.clause for r in plan.task_rows()}
    security = compose(profile.model_copy(update={"focus": ["security"]}), library)
    rows = [r for r in security.task_rows() if "lĩnh vực trọng tâm" in r.reason]
    assert rows and all(
        "security" in next(t for g in library.groups for t in g.tasks if t.id == r.clause).areas
        for r in rows
    )


# --------------------------------------------------------------------------- 2. one figure


def test_every_target_override_changes_it_everywhere(library):
    """Acceptance 2: override every target value; each new value is printed wherever its
    indicator appears (Phụ lục I and every text quoting the target), and no other figure."""
    profile = load_profile(PROFILES_DIR / "xop.yaml")
    values = {t.id: 11 + i + 0.25 for i, t in enumerate(library.targets)}
    plan = compose(
        profile.model_copy(update={"targets": values, "scope": Scope.full}), library
    )
    from nqgen.vn import number

    printed = {t.id: number(values[t.id]) for t in library.targets}
    for row in plan.targets:
        assert row.value == values[row.target]
        assert printed[row.target] in row.value_text()
    texts = [b.text for b in plan.body] + [
        f"{r.content} {r.note}" for r in plan.task_rows()
    ]
    allowed = set(printed.values())
    for text in texts:
        for figure in re.findall(r"(\d+(?:,\d+)?)\s?%", text):
            assert figure in allowed, (figure, text)
    rows = {r.clause for r in plan.task_rows()}
    quoted = [
        (t.id, slug)
        for g in library.groups
        for t in g.tasks
        if t.id in rows
        for slug in re.findall(r"targets\.(\w+)\.", f"{t.text} {t.summary or ''}")
    ]
    assert quoted  # the library quotes targets in its texts
    body = " ".join(b.text for b in plan.body)
    for clause, slug in quoted:
        assert printed[f"target.{slug}"] in body, (clause, slug)


def test_two_targets_never_share_an_indicator(library):
    seen = set()
    for target in library.targets:
        key = " ".join(target.indicator.casefold().split())
        assert key not in seen, target.id
        seen.add(key)


def test_target_table_names_each_column_once(concise_docx):
    doc = Document(str(concise_docx["xop"]))
    heads = next(
        [c.text for c in t.rows[0].cells] for t in doc.tables if t.rows[0].cells[0].text == "TT"
    )
    assert len(heads) == len(set(heads)), heads


# --------------------------------------------------------------------------- 3. the plan's year


_YEAR = re.compile(r"(?<![/\d])(20[2-4]\d)(?![/\d])")


def _years(plan: Plan) -> list[tuple[int, str]]:
    """Years named by deadlines, targets and the body outside citations of documents."""
    out = []
    for row in plan.task_rows():
        out += [(int(y), row.deadline) for y in _YEAR.findall(row.deadline)]
        out += [(int(y), row.content) for y in _YEAR.findall(f"{row.content} {row.note}")]
    out += [(t.year, t.indicator) for t in plan.targets]
    for block in plan.body:
        text = re.sub(r"[Ss]ố \S+ ngày \d+/\d+/\d{4}", "", block.text)  # citations
        out += [(int(y), block.text) for y in _YEAR.findall(text)]
    return out


@pytest.mark.parametrize("name", ALL)
def test_no_year_before_the_plan_year(concise, name):
    plan = concise[name]
    for year, where in _years(plan):
        assert year >= plan.year or year in (2030, 2045), (year, where)


def test_xop_dated_2027_starts_in_2027(library):
    """Acceptance 3: the Xốp plan with its date set to 2027."""
    profile = load_profile(PROFILES_DIR / "xop.yaml")
    ubnd = profile.ubnd.model_copy(update={"date": PartialDate(year=2027, month=3)})
    plan = compose(profile.model_copy(update={"ubnd": ubnd}), library)
    assert plan.year == 2027
    assert plan.date.year == 2027
    years = _years(plan)
    assert years and min(y for y, _ in years) >= 2027
    dated = [r.deadline for r in plan.task_rows() if _YEAR.search(r.deadline)]
    assert dated and any("2027" in d.split(" - ")[0] for d in dated)
    assert min(t.year for t in plan.targets) >= 2027


@pytest.mark.parametrize("kind", [DocKind.kh_ubnd, DocKind.kh_du])
def test_a_plan_never_takes_work_whose_source_came_after_its_year(library, kind):
    """``applies.since``: a full plan of 2025 has none of the clauses built on 2026 documents
    (Luật Chuyển đổi số, Đề án 06 2026 - 2030, …); the same plan dated 2026 has them."""
    later = {
        t.id: t.applies.since for g in library.groups for t in g.tasks
        if t.applies.since is not None
    }
    assert len(later) >= 8 and set(later.values()) == {2026}
    profile = load_profile(PROFILES_DIR / "xop.yaml").model_copy(update={"scope": Scope.full})
    assert profile.ubnd.date.year == 2025

    def clauses_dated(year: int) -> set[str]:
        when = {"date": PartialDate(year=year, month=12)}
        dated = profile.model_copy(update={
            "ubnd": profile.ubnd.model_copy(update=when),
            "party": profile.party.model_copy(update=when),
        })
        plan = compose(dated, library, kind)
        assert plan.year == year
        text = " ".join(r.content for r in plan.task_rows())
        if year == 2025:
            assert "Luật Chuyển đổi số" not in text and "2026 - 2030" not in text
        return {r.clause for r in plan.task_rows()}

    assert not clauses_dated(2025) & set(later)
    assert clauses_dated(2026) & set(later)
    shown = nqgen("clauses", "show", "institutions.dx_law")
    applies = [line for line in shown.stdout.splitlines() if line.startswith("Áp dụng:")]
    assert applies and applies[0].endswith("; từ kế hoạch năm 2026"), shown.stdout


def test_year_defaults_to_today_without_a_date(library):
    from datetime import date

    profile = load_profile(PROFILES_DIR / "xop.yaml")
    undated = profile.model_copy(update={"ubnd": profile.ubnd.model_copy(update={"date": None})})
    plan = compose(undated, library, today=date(2028, 5, 1))
    assert plan.year == 2028 and plan.date.year == 2028


def test_plan_dated_before_the_party_plan_it_implements_is_an_error(library):
    from nqgen.errors import InputError

    profile = load_profile(PROFILES_DIR / "xop.yaml")  # party plan 04-KH/ĐU of 14/8/2025
    early = profile.ubnd.model_copy(update={"date": PartialDate(year=2025, month=7)})
    with pytest.raises(InputError, match="trước") as err:
        compose(profile.model_copy(update={"ubnd": early}), library, profile_path="xop.yaml")
    assert err.value.field == "party.date"
    wrong = profile.model_copy(update={"year": 2029})
    with pytest.raises(InputError) as err:
        compose(wrong, library, profile_path="xop.yaml")
    assert err.value.field == "year"


# --------------------------------------------------------------------------- 4. the unit's world


@pytest.mark.parametrize("name", sorted(CITIES))
def test_no_tinh_in_a_centrally_run_city(concise_docx, name):
    text = docx_text(concise_docx[name])
    assert not re.search(r"(?<!\w)[Tt]ỉnh(?!\w)", text), re.search(r".{40}[Tt]ỉnh.{40}", text)
    assert "Thành phố" in text


@pytest.mark.parametrize("name", ALL)
def test_village_term_of_the_unit(concise_docx, default_profiles, name):
    """The unit's own village term: the profile's, else its province's for its kind; never
    "thôn, tổ dân phố" in a unit that has only one kind, and no other kind's word."""
    path = default_profiles.get(name, PROFILES_DIR / f"{name}.yaml")
    profile = load_profile(path)
    if profile.village_term:
        terms = [t.strip() for t in profile.village_term.split(",")]
    else:
        from nqgen.units import find_province, find_unit

        province, unit = DEFAULTS[name]
        info = find_unit(find_province(province), unit)
        terms = village_terms(info.kind, info.province, info.code)[:1] or ["khu dân cư"]
    text = docx_text(concise_docx[name])
    assert f"các {', '.join(terms)}" in text.lower(), terms
    if terms != ["thôn", "tổ dân phố"]:
        assert "thôn, tổ dân phố" not in text
    for word in VILLAGE_WORDS:
        if word in terms or any(word in t for t in terms):
            continue
        pattern = rf"(?<!\w)(?<!nông ){word}(?!\w)"
        hit = re.search(pattern, text.replace("Nông thôn", "nông thôn"))
        assert hit is None, (name, word, text[max(0, hit.start() - 60): hit.end() + 60])


def test_ward_has_no_farming_text(concise_docx):
    text = docx_text(concise_docx["ba-dinh"]).lower()
    for word in ["nông nghiệp", "lâm nghiệp", "nông dân", "nông sản", "vệ tinh", "làng nghề"]:
        assert word not in text, word


def test_highland_commune_has_no_fdi_or_fuel_stations(concise_docx):
    text = docx_text(concise_docx["sin-thau"]).lower()
    for word in ["fdi", "vốn đầu tư trực tiếp nước ngoài", "yếu tố nước ngoài", "xăng dầu"]:
        assert word not in text, word


def test_island_has_sea_content(concise):
    plan = concise["con-dao"]
    assert any("biển" in r.content or "đảo" in r.content for r in plan.task_rows())


def test_default_plans_differ_by_unit(concise):
    """Acceptance 5: the default plans of a phường, a đặc khu and a highland commune share at
    most 60 % of their task clauses (Jaccard on clause ids)."""
    names = ("ba-dinh", "con-dao", "sin-thau")
    ids = {n: {r.clause for r in concise[n].task_rows()} for n in names}
    for a, b in [("ba-dinh", "con-dao"), ("ba-dinh", "sin-thau"), ("con-dao", "sin-thau")]:
        jaccard = len(ids[a] & ids[b]) / len(ids[a] | ids[b])
        assert jaccard <= 0.6, (a, b, round(jaccard, 2))


def test_local_facts_are_used(library):
    profile = load_profile(PROFILES_DIR / "xop.yaml")
    plan = compose(profile, library)
    text = " ".join(b.text for b in plan.body)
    assert "Appmini nền tảng số nông dân" in text
    own = [r for r in plan.task_rows() if r.clause.startswith("local.")]
    assert own and own[0].reason.startswith("nhiệm vụ riêng")


# --------------------------------------------------------------------------- 5. right bodies


UBND_NEVER_LEADS = ("council", "fatherland_front", "mass_orgs", "party_committee",
                    "party_standing", "party_members", "steering_committee")


@pytest.mark.parametrize("name", ALL)
def test_ubnd_plan_leads_are_its_own_bodies(concise, library, name):
    plan = concise[name]
    by_id = {t.id: t for g in library.groups for t in g.tasks}
    for row in plan.task_rows():
        if row.clause in by_id:
            assert by_id[row.clause].lead not in UBND_NEVER_LEADS, row.clause
    text = " ".join(b.text for b in plan.body)
    assert "quyết định dự toán" not in text


def test_library_roles_encode_who_may_lead(library):
    for role in UBND_NEVER_LEADS:
        if role in library.roles:
            assert not library.roles[role].may_lead("ubnd"), role


# --------------------------------------------------------------------------- 6. tasks are tasks


@pytest.mark.parametrize("name", ALL)
def test_rows_are_actions_with_outputs(concise, name):
    rows = concise[name].task_rows()
    for row in rows:
        assert row.note, row.clause
        assert "(nếu có)" not in f"{row.content} {row.note}"
    vague = [r for r in rows if r.deadline in ("Thường xuyên", "Hằng năm")]
    assert len(vague) <= len(rows) / 2, (len(vague), len(rows))


# --------------------------------------------------------------------------- zero findings


@pytest.mark.parametrize("name", ALL)
def test_concise_plans_pass_the_checker(concise_docx, name):
    report = check_docx(concise_docx[name])
    assert report.findings == [], [str(f) for f in report.findings]


# --------------------------------------------------------------------------- 7. party plan


@pytest.fixture(scope="session")
def party_concise(library, default_profiles):
    plans = {
        "tan-khanh": compose(load_profile(PROFILES_DIR / "tan-khanh.yaml"), library,
                             DocKind.kh_du),
        "xop": compose(load_profile(PROFILES_DIR / "xop.yaml"), library, DocKind.kh_du),
        "ba-dinh": compose(load_profile(default_profiles["ba-dinh"]), library, DocKind.kh_du),
    }
    return plans


@pytest.fixture(scope="session")
def party_pdf(party_concise, tmp_path_factory):
    out = tmp_path_factory.mktemp("party-concise")
    paths = {}
    for name, plan in party_concise.items():
        paths[name] = out / f"{name}.docx"
        paths[name].write_bytes(render_docx(plan))
    return paths, convert_to_pdf(paths, tmp_path_factory, "party-concise-pdf")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["tan-khanh", "xop", "ba-dinh"])
def test_party_plan_reads_as_a_party_plan(party_concise, party_pdf, library, name):
    plan = party_concise[name]
    assert len(plan.targets) <= BUDGETS[DocKind.kh_du].targets <= 10
    assert not plan.appendix
    assert len(_page_sizes(party_pdf[1][name])) <= 12
    by_id = {t.id: t for g in library.groups for t in g.tasks}
    duties = {d.role for d in library.texts.kh_du.organisation if d.role}
    for row in plan.task_rows():
        if row.clause in by_id:
            clause = by_id[row.clause]
            assert clause.text_party or clause.applies.documents == [DocKind.kh_du], row.clause
            if clause.id.startswith("leadership."):
                assert (clause.lead_party or clause.lead) not in duties, row.clause
    section = ""
    for block in plan.body:  # section III tasks have their subject (IV: under the body's name)
        if block.style == "h1":
            section = block.text
        elif block.style == "body" and section.startswith("III-"):
            assert not block.text.startswith(("Tham mưu", "Chủ trì")), block.text[:80]
    report = check_docx(party_pdf[0][name])
    assert report.findings == [], [str(f) for f in report.findings]


@pytest.mark.slow
def test_party_header_keeps_the_unit_name_on_one_line(party_concise, party_pdf):
    assert party_concise["ba-dinh"].issuer == ["ĐẢNG ỦY", "PHƯỜNG BA ĐÌNH"]
    doc = Document(str(party_pdf[0]["ba-dinh"]))
    cell = doc.tables[0].rows[0].cells[0]
    lines = [p.text for p in cell.paragraphs if p.text.strip()]
    assert "ĐẢNG ỦY" in lines and "PHƯỜNG BA ĐÌNH" in lines


# --------------------------------------------------------------------------- 4. recall, precision


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds là tài liệu của dự án (CI có)")
def test_concise_xop_matches_the_real_xop_plan(library, concise):
    """Acceptance 4: the concise Xốp plan covers at least 70 % of the real plan's task
    statements, and at least 60 % of its Phụ lục II rows have a counterpart in it."""
    from nqgen.coverage import coverage, plan_texts, precision

    (seed,) = SEEDS.glob("003_*.txt")
    found = coverage([seed], library, plan_texts(concise["xop"], library))
    recall = sum(s.covered for s in found) / len(found)
    rows = precision(concise["xop"], seed, library)
    prec = sum(r.matched for r in rows) / len(rows)
    assert recall >= 0.70, recall
    assert prec >= 0.60, prec
