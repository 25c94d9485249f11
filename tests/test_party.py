"""The party variant (issue 5): KH/ĐU plans per Hướng dẫn 05-HD/VPTW, read back from the DOCX.

The rules checked are docs/format.md §3.1 (skeleton) and §4.1/§4.3 (checkable rules); the DOCX is
made by the real CLI, as in the acceptance of issue 5, and opened with python-docx and
LibreOffice.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
import unicodedata
from pathlib import Path
from zipfile import ZipFile

import pytest
import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from nqgen.compose import compose, load_plan, party_plan_parent, plan_to_yaml
from nqgen.library import check_library, load_library, load_wording, phrase_pattern
from nqgen.models import DocKind, PartialDate
from nqgen.paths import CLAUSES_DIR
from nqgen.render import render_docx

from .conftest import ALL_PROFILES, convert_to_pdf, nqgen, open_docx, profile
from .test_render_ubnd import all_paragraphs, effective

ROOT = Path(__file__).resolve().parent.parent
PARTY = ["tan-khanh", "xop"]
HEADINGS = [
    "I- MỤC ĐÍCH, YÊU CẦU",
    "II- MỤC TIÊU",
    "III- NHIỆM VỤ VÀ GIẢI PHÁP",
    "IV- TỔ CHỨC THỰC HIỆN",
]


@pytest.fixture(scope="session")
def party_docx(tmp_path_factory) -> dict[str, Path]:
    """`nqgen render profiles/<name>.yaml --kind kh-du -o <name>.docx` for Tân Khánh and Xốp."""
    out = tmp_path_factory.mktemp("party")
    paths = {}
    for name in PARTY:
        path = out / f"{name}.docx"
        res = nqgen("render", f"profiles/{name}.yaml", "--kind", "kh-du", "-o", str(path), cwd=ROOT)
        assert res.returncode == 0, res.stderr
        assert res.stdout.strip() == str(path)
        paths[name] = path
    return paths


@pytest.fixture(scope="session")
def party_docs(party_docx):
    return {n: Document(str(p)) for n, p in party_docx.items()}


@pytest.fixture(scope="session")
def party_plans(library):
    return {n: compose(profile(n), library, DocKind.kh_du) for n in PARTY}


@pytest.fixture(scope="session")
def party_pdfs(party_docx, tmp_path_factory) -> dict[str, Path]:
    return convert_to_pdf(party_docx, tmp_path_factory, "party-pdf")


def twips(length) -> int:
    """A python-docx length in twips (Word's unit); an unset length counts as 0."""
    return round(length.twips) if length is not None else 0


def size(paragraph) -> float:
    return effective(paragraph, "size").pt


# --------------------------------------------------------------------------- page


@pytest.mark.parametrize("name", PARTY)
def test_a4_portrait_fixed_margins_page_numbers(party_docs, name):
    """HD 05 IV.4-5 (docs/format.md §4.1 rules 1, 7, 8; §4.3 rule 29)."""
    sections = party_docs[name].sections
    assert len(sections) == 1  # a party plan has no appendix unless the profile asks (issue 10)
    (body,) = sections
    assert body.orientation == WD_ORIENT.PORTRAIT
    assert (twips(body.page_width), twips(body.page_height)) == (11906, 16838)
    for s in sections:
        margins = [s.top_margin, s.bottom_margin, s.left_margin, s.right_margin]
        for got, want in zip(map(twips, margins), (1134, 1134, 1701, 850), strict=True):
            assert abs(got - want) <= 28, (got, want)
        assert abs(twips(s.header_distance) - 567) <= 28  # page number 10 mm from the top
        assert s.different_first_page_header_footer
        assert "PAGE" not in s.first_page_header._element.xml
    header = body.header.paragraphs[0]
    assert "PAGE" in header._p.xml and size(header) == 14
    assert header.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


@pytest.mark.parametrize("name", PARTY)
def test_times_new_roman_everywhere(party_docs, name):
    doc = party_docs[name]
    assert "Theme" not in doc.styles.element.xml.split("<w:latentStyles")[0]
    for p in all_paragraphs(doc):
        if p.text.strip():
            assert effective(p, "name") == "Times New Roman", p.text[:40]


# --------------------------------------------------------------------------- header


@pytest.mark.parametrize("name", PARTY)
def test_header_hd05(party_docs, party_plans, name):
    """docs/format.md §3.1 and §4.3 rules 30-33: party heading, committees, "*", number, date."""
    doc, plan = party_docs[name], party_plans[name]
    left, right = doc.tables[0].rows[0].cells
    lines = [p for p in left.paragraphs if p.text]
    superior, committee, unit, star = lines
    province = profile(name).unit.province.upper()
    assert superior.text == f"ĐẢNG BỘ TỈNH {province}"
    assert not effective(superior, "bold") and size(superior) == 14
    assert committee.text == "ĐẢNG ỦY"  # the unit's name on a line of its own (issue 10)
    assert unit.text == f"XÃ {profile(name).unit.name.upper()}"
    for line in (committee, unit):
        assert effective(line, "bold") and size(line) == 14
    assert star.text == "*"
    assert star.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert not any(p._p.find(".//" + qn("w:bottom")) is not None for p in left.paragraphs)
    heading = right.paragraphs[0]
    assert heading.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert effective(heading, "bold") and size(heading) == 15
    rule = right.paragraphs[1]
    assert rule._p.find(".//" + qn("w:bottom")) is not None
    indents = rule.paragraph_format.left_indent + rule.paragraph_format.right_indent
    width_mm = (right.width - indents) / 36000
    assert 55 <= width_mm <= 75  # about the heading's width (65 mm at 15 pt bold)
    number = doc.tables[0].rows[1].cells[0].paragraphs[0]
    assert re.fullmatch(r"Số (0[1-9]|[1-9]\d+|\s+)-KH/ĐU", number.text), number.text
    assert number.text == f"Số {plan.number}-KH/ĐU" and size(number) == 14
    date_line = doc.tables[0].rows[1].cells[1].paragraphs[0]
    assert effective(date_line, "italic") and size(date_line) == 14
    day, month = r"(0[1-9]|[12]\d|3[01])", r"(0[12]|[3-9]|1[0-2])"
    assert re.fullmatch(rf"{plan.place}, ngày {day} tháng {month} năm 20\d\d", date_line.text)
    text = "\n".join(p.text for p in all_paragraphs(doc))
    assert "CỘNG HÒA" not in text.upper() and "Độc lập - Tự do" not in text  # no Quốc hiệu


def test_dates_of_the_two_party_plans(party_docs):
    dates = [d.tables[0].rows[1].cells[1].paragraphs[0].text for d in party_docs.values()]
    assert dates == ["Tân Khánh, ngày 10 tháng 8 năm 2025", "Xốp, ngày 14 tháng 8 năm 2025"]


def test_blank_number_and_day_in_a_draft(library):
    p = profile("tan-khanh")
    p.party.number = None
    p.party.date = PartialDate(year=2025, month=8)
    doc = open_docx(render_docx(compose(p, library, DocKind.kh_du)))
    number = doc.tables[0].rows[1].cells[0].paragraphs[0].text
    assert re.fullmatch(r"Số \s+-KH/ĐU", number) and ":" not in number
    assert doc.tables[0].rows[1].cells[1].paragraphs[0].text.startswith("Tân Khánh, ngày \u00a0")


# --------------------------------------------------------------------------- title, body


@pytest.mark.parametrize("name", PARTY)
def test_title_summary_and_five_hyphens(party_docs, name):
    """§4.3 rule 34: type name 15-16 bold, trích yếu 14-15 bold, then exactly "-----"."""
    paragraphs = [p for p in all_paragraphs(party_docs[name]) if p.text]
    i = next(i for i, p in enumerate(paragraphs) if p.text == "KẾ HOẠCH HÀNH ĐỘNG")
    title, summary, hyphens = paragraphs[i : i + 3]
    assert effective(title, "bold") and 15 <= size(title) <= 16
    assert effective(summary, "bold") and 14 <= size(summary) <= 15
    assert summary.text.startswith("thực hiện Nghị quyết số 57-NQ/TW")
    assert summary.text != summary.text.upper()
    assert hyphens.text == "-----"
    assert hyphens.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for p in (title, summary):
        assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


@pytest.mark.parametrize("name", PARTY)
def test_body_format_hd05(party_docs, name):
    """§4.3 rules 35-36: 14 pt, justified, indent 10 mm, ≥ 6 pt apart, Exactly 18-22 pt; "."."""
    paragraphs = list(all_paragraphs(party_docs[name]))
    body = [p for p in paragraphs if p.style.name == "NQ Nội dung"]
    assert len(body) > 35
    for p in body + [p for p in paragraphs if p.style.name in ("NQ Mục", "NQ Khoản")]:
        fmt = p.style.paragraph_format
        assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert abs(twips(fmt.first_line_indent) - 567) <= 28
        assert twips(fmt.space_before) + twips(fmt.space_after) >= 120
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert 360 <= twips(fmt.line_spacing) <= 440
        assert 14 <= size(p) <= 15
        assert not p.text.startswith((" ", "\t"))
    headings = [p for p in paragraphs if p.style.name == "NQ Mục"]
    assert [p.text for p in headings] == HEADINGS
    assert all(effective(p, "bold") for p in headings)
    assert body[-1].text.endswith(".") and not body[-1].text.endswith("./.")
    assert body[-1].text.startswith("Ban Thường vụ Đảng ủy yêu cầu")
    assert body[0].text.startswith("Thực hiện Nghị quyết số 57-NQ/TW")
    assert ", Ban Thường vụ Đảng ủy xã ban hành Kế hoạch hành động" in body[0].text


@pytest.mark.parametrize("name", PARTY)
def test_organisation_names_the_party_bodies(party_plans, name):
    """IV- TỔ CHỨC THỰC HIỆN: Ban Chỉ đạo, Văn phòng Đảng ủy (standing body), Ban Xây dựng
    Đảng, Ủy ban Kiểm tra, the UBND, the Mặt trận, the chi bộ, then reporting and review."""
    body = party_plans[name].body
    start = next(i for i, b in enumerate(body) if b.text == "IV- TỔ CHỨC THỰC HIỆN")
    duties = [b.text for b in body[start + 1 :] if b.style == "h2"]
    expected = [
        "Ban Chỉ đạo",
        "Văn phòng Đảng ủy (cơ quan thường trực Ban Chỉ đạo)",
        "Ban Xây dựng Đảng",
        "Ủy ban Kiểm tra Đảng ủy",
        "Ủy ban nhân dân xã",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
        "chi",
        "Chế độ thông tin, báo cáo, sơ kết, tổng kết",
    ]
    assert len(duties) == len(expected)
    for n, (duty, want) in enumerate(zip(duties, expected, strict=True), 1):
        assert duty.startswith(f"{n}. ") and want in duty, duty
    reporting = body[-1].text
    assert "hằng quý" in reporting and "hằng năm" in reporting and "sơ kết" in reporting


# --------------------------------------------------------------------------- signature


@pytest.mark.parametrize("name", PARTY)
def test_signature_and_recipients_hd05(party_docs, party_plans, name):
    """§4.3 rules 38-42: T/M BAN THƯỜNG VỤ / BÍ THƯ (not bold); Nơi nhận 14 underlined;
    recipients 12, "- ...;" and the storage line "- Lưu Văn phòng Đảng ủy."."""
    doc, plan = party_docs[name], party_plans[name]
    left, right = doc.tables[1].rows[0].cells
    noi_nhan = left.paragraphs[0]
    assert noi_nhan.text == "Nơi nhận:"
    assert effective(noi_nhan, "underline") and size(noi_nhan) == 14
    assert not effective(noi_nhan, "bold") and not effective(noi_nhan, "italic")
    lines = [p for p in left.paragraphs[1:] if p.text]
    assert len(lines) == len(plan.recipients) + 1 >= 4
    for p in lines:
        assert p.text.startswith("- ") and size(p) == 12
    for p in lines[:-1]:
        assert p.text.endswith(";") and not p.text.endswith(";;")
    assert lines[-1].text == "- Lưu Văn phòng Đảng ủy."
    signature = [p for p in right.paragraphs if p.text]
    assert [p.text for p in signature[:2]] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
    authority, title = signature[:2]
    assert effective(authority, "bold") and size(authority) == 14
    assert not effective(title, "bold") and size(title) == 14
    if plan.signer.name:
        assert signature[-1].text == plan.signer.name == "Nguyễn Tuấn Hưởng"
        assert effective(signature[-1], "bold") and size(signature[-1]) == 14
    xml = "".join(p.text for p in all_paragraphs(doc))
    assert "K/T" not in xml and "TM." not in xml and "Lưu:" not in xml


def test_deputy_signs_for_the_standing_committee(library):
    """HD 05 7.1.4b: a Phó Bí thư signs T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ, never K/T."""
    p = profile("tan-khanh")
    p.party = p.party.model_validate(
        p.party.model_dump() | {"signer": {"authority": "KT", "name": "Trần Văn B"}}
    )
    doc = open_docx(render_docx(compose(p, library, DocKind.kh_du)))
    right = doc.tables[1].rows[0].cells[1]
    assert [x.text for x in right.paragraphs if x.text] == [
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
        "Trần Văn B",
    ]


def test_committee_name_in_the_title_is_refused(tmp_path):
    text = (ROOT / "profiles" / "tan-khanh.yaml").read_text(encoding="utf-8")
    old = 'title: "BÍ THƯ"'
    assert old in text
    path = tmp_path / "tk.yaml"
    path.write_text(text.replace(old, 'title: "BÍ THƯ ĐẢNG ỦY"'), encoding="utf-8")
    res = nqgen("render", str(path), "-o", str(tmp_path / "x.docx"))
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert "party.signer" in res.stderr and "BÍ THƯ ĐẢNG ỦY" in res.stderr
    assert not (tmp_path / "x.docx").exists()


# --------------------------------------------------------------------------- appendix


@pytest.fixture(scope="session")
def appendix_plans(library):
    """Party plans whose profiles ask for Phụ lục 1 (``party.appendix: true``)."""
    plans = {}
    for name in PARTY:
        p = profile(name)
        p.party.appendix = True
        plans[name] = compose(p, library, DocKind.kh_du)
    return plans


@pytest.mark.parametrize("name", PARTY)
def test_task_appendix_phu_luc_1(appendix_plans, name):
    plan = appendix_plans[name]
    doc = open_docx(render_docx(plan))
    appendix = doc.sections[1]
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert (twips(appendix.page_width), twips(appendix.page_height)) == (16838, 11906)
    assert appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    paragraphs = list(all_paragraphs(doc))
    texts = [p.text for p in paragraphs]
    assert "Phụ lục 1" in texts and not any(re.fullmatch(r"Phụ lục [IVX]+", t) for t in texts)
    assert any("Phụ lục 1 kèm theo Kế hoạch hành động này" in t for t in texts)  # referenced
    caption = next(p for p in paragraphs if p.text.startswith("(Kèm theo"))
    assert re.fullmatch(
        rf"\(Kèm theo Kế hoạch số {plan.number}-KH/ĐU ngày \d\d tháng \d+ năm 2025 của"
        rf" Ban Thường vụ Đảng ủy xã {profile(name).unit.name}\)",
        caption.text,
    ), caption.text
    assert effective(caption, "italic")
    tasks = doc.tables[2]
    assert tasks.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    groups = [r for r in tasks.rows[1:] if len({id(c._tc) for c in r.cells}) == 2]
    assert len(groups) == len(plan.task_groups) >= 7
    assert all(effective(p, "bold") for r in groups for p in r.cells[1].paragraphs if p.text)
    rows = [r for r in tasks.rows[1:] if len({id(c._tc) for c in r.cells}) == 6]
    assert len(rows) == len(plan.task_rows()) >= 15


def test_appendix_can_be_left_out(library):
    p = profile("xop")
    p.party.appendix = False
    plan = compose(p, library, DocKind.kh_du)
    doc = open_docx(render_docx(plan))
    assert len(doc.sections) == 1 and doc.sections[0].orientation == WD_ORIENT.PORTRAIT
    assert "PAGE" in doc.sections[0].header._element.xml  # the body keeps its page numbers
    text = "\n".join(p.text for p in all_paragraphs(doc))
    assert "Phụ lục" not in text and len(doc.tables) == 2  # header and signature only
    assert "- Lưu Văn phòng Đảng ủy." in text


@pytest.mark.parametrize("name", PARTY)
def test_no_template_markers_and_nfc(party_docx, name):
    with ZipFile(party_docx[name]) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    plain = re.sub(r"<[^>]+>", "", xml)
    for marker in ("{{", "}}", "{%", "%}", "None"):
        assert marker not in plain, marker
    assert unicodedata.normalize("NFC", plain) == plain


@pytest.mark.slow
@pytest.mark.parametrize("name", PARTY)
def test_libreoffice_converts_a4_portrait(party_pdfs, name):
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(party_pdfs[name])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    assert 5 <= len(sizes) <= 12  # a concise KH/ĐU (issue 10)
    for w, h in (map(float, size) for size in sizes):
        assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2  # A4 portrait, no appendix
    page1 = subprocess.run(
        ["pdftotext", "-l", "1", str(party_pdfs[name]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for needle in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ TỈNH", "ĐẢNG ỦY\nXÃ", "KẾ HOẠCH HÀNH ĐỘNG"):
        assert needle in page1
    assert re.search(r"^\*$", page1, re.M) and "CỘNG HÒA" not in page1


# --------------------------------------------------------------------------- linking, CLI


def test_xop_ubnd_plan_cites_its_party_plan(tmp_path):
    """`--kind both` writes both plans; the UBND one cites 04-KH/ĐU among its parents."""
    out = tmp_path / "xop.docx"
    res = nqgen("render", "profiles/xop.yaml", "--kind", "both", "-o", str(out), cwd=ROOT)
    assert res.returncode == 0, res.stderr
    ubnd, du = tmp_path / "xop-kh-ubnd.docx", tmp_path / "xop-kh-du.docx"
    assert res.stdout.split() == [str(ubnd), str(du)]
    ubnd_doc, du_doc = Document(str(ubnd)), Document(str(du))
    opening = next(p.text for p in ubnd_doc.paragraphs if p.text.startswith("Thực hiện"))
    cited = "Kế hoạch số 04-KH/ĐU ngày 14/8/2025 của Đảng ủy xã Xốp"
    assert cited in opening
    assert opening.index("Nghị quyết số 03/NQ-CP") < opening.index(cited)  # cited last
    assert ubnd_doc.tables[0].rows[0].cells[1].paragraphs[0].text.startswith("CỘNG HÒA")
    assert du_doc.tables[0].rows[0].cells[1].paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    du_opening = next(p.text for p in du_doc.paragraphs if p.text.startswith("Thực hiện"))
    assert "04-KH/ĐU" not in du_opening  # the party plan does not cite itself
    res = nqgen("render", "profiles/xop.yaml", "--kind", "both", "-o", str(out), cwd=ROOT)
    assert res.returncode != 0 and "--force" in res.stderr  # nothing overwritten


def test_party_plan_is_cited_only_with_number_and_full_date():
    p = profile("xop")
    assert party_plan_parent(p) is not None
    p.party.date = PartialDate(year=2025, month=8)  # day still blank in the draft
    assert party_plan_parent(p) is None
    p = profile("xop")
    p.party.number = None
    assert party_plan_parent(p) is None


def test_profile_kind_is_the_default(tmp_path):
    out = tmp_path / "tk.docx"
    res = nqgen("render", "profiles/tan-khanh.yaml", "-o", str(out), "--no-check", cwd=ROOT)
    assert res.returncode == 0, res.stderr
    doc = Document(str(out))
    assert doc.tables[0].rows[0].cells[1].paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"


def test_party_plan_yaml_round_trip(party_plans, tmp_path):
    plan = party_plans["tan-khanh"]
    path = tmp_path / "plan.yaml"
    path.write_text(plan_to_yaml(plan), encoding="utf-8")
    again = load_plan(path)
    assert again == plan and again.kind == DocKind.kh_du


# --------------------------------------------------------------------------- wording


def _plan_text(plan) -> str:
    rows = [f"{r.content} {r.note}" for r in plan.task_rows()]
    parts = [plan.summary, plan.opening, *(b.text for b in plan.body), plan.closing, *rows]
    parts += [t.indicator for t in plan.targets]
    return "\n".join(parts)


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_no_wording_of_the_other_issuer_in_any_plan(library, name):
    """Issue 5 acceptance 3, on composed plans of every seed profile, both kinds."""
    wording = load_wording()
    ubnd_only = phrase_pattern(wording["ubnd_only"])
    party_only = phrase_pattern(wording["party_only"])
    assert ubnd_only and party_only
    assert ubnd_only.search("UBND xã ban hành Kế hoạch") and party_only.search("Các chi bộ")
    du = _plan_text(compose(profile(name), library, DocKind.kh_du))
    ubnd = _plan_text(compose(profile(name), library, DocKind.kh_ubnd))
    assert not ubnd_only.search(du), ubnd_only.search(du)
    assert not party_only.search(ubnd), party_only.search(ubnd)
    assert "Lãnh đạo, chỉ đạo" in du or "Ban Thường vụ Đảng ủy yêu cầu" in du


def test_whole_library_wording_separation(library):
    """Issue 5 acceptance 3 over the whole library (every clause, title, target, texts.yaml)."""
    problems = [p for p in check_library(library) if "lời chỉ có ở" in p.reason]
    assert problems == []


# --------------------------------------------------------------------------- library check


def _mini_library(tmp_path: Path, task: str, texts: str = "") -> Path:
    """The shipped library under ``tmp_path`` with its groups replaced by one test group;
    ``texts`` (YAML) replaces sections of ``texts.yaml``."""
    root = tmp_path / "clauses"
    shutil.copytree(CLAUSES_DIR, root, ignore=shutil.ignore_patterns("groups"))
    (root / "groups").mkdir()
    head = yaml.safe_load((root / "library.yaml").read_text(encoding="utf-8"))
    head["retired"] = {}  # the retired ids name clauses of the shipped groups
    (root / "library.yaml").write_text(yaml.safe_dump(head, allow_unicode=True), "utf-8")
    group = textwrap.dedent(
        """\
        id: test
        order: 1
        title: "Nhóm thử"
        tasks:
        """
    ) + textwrap.indent(textwrap.dedent(task), "  ")
    (root / "groups" / "01-test.yaml").write_text(group, encoding="utf-8")
    shipped = yaml.safe_load((CLAUSES_DIR / "texts.yaml").read_text(encoding="utf-8"))
    for kind, sections in (yaml.safe_load(textwrap.dedent(texts)) or {}).items():
        shipped[kind].update(sections)
    (root / "texts.yaml").write_text(yaml.safe_dump(shipped, allow_unicode=True), "utf-8")
    return root


TASK = """\
- id: test.plans
  text: "Các cơ quan, đơn vị xây dựng kế hoạch triển khai của đơn vị mình."
  text_party: "Lãnh đạo các chi bộ trực thuộc xây dựng kế hoạch thực hiện."
  lead: culture_society
  partners: [office]
  lead_party: {lead_party}
  partners_party: [{partner_party}]
  deadline: {{kind: annual}}
  product: "Kế hoạch của từng cơ quan, đơn vị"
  sources: [{{ref: "seed 002 III.1.2"}}]
"""


def _problems(root: Path) -> list[str]:
    return [str(p) for p in check_library(load_library(root), root)]


def test_library_check_accepts_a_proper_party_variant(tmp_path):
    root = _mini_library(
        tmp_path, TASK.format(lead_party="party_office", partner_party="party_cells")
    )
    assert _problems(root) == []


def test_library_check_fails_on_party_variant_with_ubnd_only_role(tmp_path):
    """Issue 5 acceptance 4: a party variant naming a role without a party body."""
    root = _mini_library(
        tmp_path, TASK.format(lead_party="culture_society", partner_party="office")
    )
    problems = _problems(root)
    assert any(
        p.startswith("test.plans: lead_party: vai trò 'culture_society'") and "'party'" in p
        for p in problems
    ), problems
    assert any(p.startswith("test.plans: partners_party: vai trò 'office'") for p in problems)
    res = nqgen("clauses", "check", "--root", str(root))
    assert res.returncode == 1 and "culture_society" in res.stdout and "LỖI" in res.stdout


def test_library_check_fails_on_party_use_without_variant(tmp_path):
    """A clause used in a KH/ĐU without lead_party uses its UBND lead: that needs a party body."""
    task = TASK.format(lead_party="party_office", partner_party="party_cells")
    task = task.replace("  lead_party: party_office\n", "").replace(
        "  partners_party: [party_cells]\n", ""
    )
    problems = _problems(_mini_library(tmp_path, task))
    assert any(
        "lead (Kế hoạch Đảng ủy dùng lead): vai trò 'culture_society'" in p for p in problems
    )
    assert any("partners (Kế hoạch Đảng ủy dùng partners): vai trò 'office'" in p for p in problems)


def test_library_check_fails_on_mixed_wording(tmp_path):
    task = (
        TASK.format(lead_party="party_office", partner_party="party_cells")
        .replace(
            "Các cơ quan, đơn vị xây dựng",
            "Đề nghị các chi bộ phối hợp, các cơ quan, đơn vị xây dựng",
        )
        .replace(
            "Lãnh đạo các chi bộ trực thuộc xây dựng kế hoạch thực hiện.",
            "Ủy ban nhân dân {{ unit.kind }} ban hành kế hoạch thực hiện.",
        )
    )
    texts = """\
    kh-du:
      organisation:
        - role: culture_society
          text: "Chủ tịch UBND xã chỉ đạo các cơ quan thực hiện."
    """
    problems = _problems(_mini_library(tmp_path, task, texts))
    assert any(
        p.startswith("test.plans: text: in trong Kế hoạch của UBND") and "'các chi bộ'" in p
        for p in problems
    ), problems
    assert any(
        p.startswith("test.plans: text_party: in trong Kế hoạch của Đảng ủy")
        and "'Ủy ban nhân dân xã ban hành'" in p
        for p in problems
    ), problems
    organisation = "texts.kh-du.organisation[0]"
    assert any(p.startswith(f"{organisation}: role: vai trò 'culture_society'") for p in problems)
    assert any(p.startswith(f"{organisation}.text: in trong") for p in problems), problems
