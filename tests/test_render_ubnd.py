"""The rendered KH-UBND DOCX, read back: layout and text per docs/format.md §1 (NĐ 30/2020)."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from .conftest import UBND_PROFILES


def effective(paragraph, attr: str):
    """A run-level font attribute resolved through the paragraph style chain."""
    for run in paragraph.runs:
        value = getattr(run.font, attr)
        if value is not None:
            return value
    style = paragraph.style
    while style is not None:
        value = getattr(style.font, attr)
        if value is not None:
            return value
        style = style.base_style
    return None


def all_paragraphs(doc):
    """Body paragraphs and table-cell paragraphs in document order."""
    body = doc.element.body
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, doc)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, doc).rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from cell.paragraphs


def texts(doc) -> list[str]:
    return [p.text for p in all_paragraphs(doc)]


def find(doc, pattern: str):
    rx = re.compile(pattern)
    for p in all_paragraphs(doc):
        if rx.search(p.text):
            return p
    raise AssertionError(f"không thấy đoạn khớp {pattern!r}")


@pytest.mark.parametrize("name", UBND_PROFILES)
def test_sections_paper_orientation_margins(ubnd_documents, name):
    doc = ubnd_documents[name]
    sections = doc.sections
    assert len(sections) == 3  # body, Phụ lục I, Phụ lục II
    assert sections[0].orientation == WD_ORIENT.PORTRAIT
    assert (sections[0].page_width.twips, sections[0].page_height.twips) == (11906, 16838)  # A4
    for s in sections[1:]:
        assert s.orientation == WD_ORIENT.LANDSCAPE
        assert (s.page_width.twips, s.page_height.twips) == (16838, 11906)
    for s in sections:
        # docs/format.md rule 13 (NĐ 30 PL I I.3), in twips
        assert 1134 <= s.top_margin.twips <= 1417 and 1134 <= s.bottom_margin.twips <= 1417
        assert 1701 <= s.left_margin.twips <= 1984 and 850 <= s.right_margin.twips <= 1134
        # page numbers: PAGE field centred in the header, none on the first page (NĐ 30 PL I I.7)
        assert s.different_first_page_header_footer
        header_xml = s.header._element.xml
        assert "PAGE" in header_xml
        assert "PAGE" not in s.first_page_header._element.xml
    for s in sections[1:]:
        assert s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


@pytest.mark.parametrize("name", UBND_PROFILES)
def test_fonts_are_times_new_roman_everywhere(ubnd_documents, name):
    doc = ubnd_documents[name]
    styles_xml = doc.styles.element.xml
    assert "Theme" not in styles_xml.split("<w:latentStyles")[0]  # no theme fonts in defaults
    for p in all_paragraphs(doc):
        if p.text.strip():
            assert effective(p, "name") == "Times New Roman", p.text[:40]


@pytest.mark.parametrize("name", UBND_PROFILES)
def test_header_block(ubnd_documents, ubnd_plans, name):
    doc, plan = ubnd_documents[name], ubnd_plans[name]
    header = doc.tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN", plan.issuer[1]]
    assert plan.issuer[1] == plan.issuer[1].upper() and plan.issuer[1].startswith(
        ("XÃ ", "PHƯỜNG ", "ĐẶC KHU ")
    )
    qh, tn = right.paragraphs[0], right.paragraphs[1]
    assert qh.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert effective(qh, "bold") and effective(qh, "size").pt in (12, 13)
    assert tn.text == "Độc lập - Tự do - Hạnh phúc"  # U+002D hyphens, lower-case "phúc"
    assert effective(tn, "bold") and 13 <= effective(tn, "size").pt <= 14
    assert effective(tn, "size") >= effective(qh, "size")
    # rules: a bottom border under the issuer name and under the tiêu ngữ
    for cell in (left, right):
        assert any(p._p.find(".//" + qn("w:bottom")) is not None for p in cell.paragraphs)
    number = header.rows[1].cells[0].paragraphs[0]
    assert re.fullmatch(r"Số: (\d{2,}|\s+)/KH-UBND", number.text), number.text
    date_line = header.rows[1].cells[1].paragraphs[0]
    assert effective(date_line, "italic")
    day = r"(0[1-9]|[12]\d|3[01]|\s+)"
    month = r"(0[12]|[3-9]|1[0-2]|\s+)"
    assert re.fullmatch(rf"{plan.place}, ngày {day} tháng {month} năm 20\d\d", date_line.text), (
        date_line.text
    )


@pytest.mark.parametrize("name", UBND_PROFILES)
def test_title_summary_body_format(ubnd_documents, name):
    doc = ubnd_documents[name]
    title = find(doc, r"^KẾ HOẠCH$")
    assert effective(title, "bold") and effective(title, "size").pt == 14
    assert (
        title.paragraph_format.alignment
        or title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    )
    paragraphs = list(all_paragraphs(doc))
    summary = paragraphs[paragraphs.index(next(p for p in paragraphs if p.text == "KẾ HOẠCH")) + 1]
    assert summary.text and summary.text != summary.text.upper()
    assert effective(summary, "bold")
    body = [p for p in paragraphs if p.style.name == "NQ Nội dung" and len(p.text) > 60]
    assert len(body) > 30
    for p in body:
        fmt = p.style.paragraph_format
        assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert fmt.first_line_indent.twips in (567, 720)  # 1 cm or 1.27 cm (NĐ 30 PL I II.6e)
        assert fmt.space_after.pt >= 6
        assert 1.0 <= fmt.line_spacing <= 1.5
        assert 13 <= effective(p, "size").pt <= 14
        assert not p.text.startswith(" ")
    headings = [p.text for p in paragraphs if p.style.name == "NQ Mục"]
    assert headings == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. MỤC TIÊU",
        "III. NHIỆM VỤ, GIẢI PHÁP",
        "IV. PHÂN CÔNG NHIỆM VỤ",
        "V. KINH PHÍ THỰC HIỆN",
        "VI. TỔ CHỨC THỰC HIỆN",
    ]
    closing = [p for p in paragraphs if p.style.name == "NQ Nội dung"][-1]
    assert closing.text.endswith("./.")


@pytest.mark.parametrize("name", UBND_PROFILES)
def test_signature_and_recipients(ubnd_documents, ubnd_plans, name):
    doc, plan = ubnd_documents[name], ubnd_plans[name]
    sig = doc.tables[1]
    left, right = sig.rows[0].cells
    noi_nhan = left.paragraphs[0]
    assert noi_nhan.text == "Nơi nhận:"
    assert effective(noi_nhan, "bold") and effective(noi_nhan, "italic")
    assert effective(noi_nhan, "size").pt == 12
    lines = [p for p in left.paragraphs[1:] if p.text]
    assert len(lines) == len(plan.recipients) + 1
    for p in lines[:-1]:
        assert p.text.startswith("- ") and p.text.endswith(";") and not p.text.endswith(";;")
        assert effective(p, "size").pt == 11
    assert re.fullmatch(r"- Lưu: VT(, .+)?\.", lines[-1].text), lines[-1].text
    authority = [p.text for p in right.paragraphs if p.text]
    assert authority[0] == "TM. ỦY BAN NHÂN DÂN"
    if plan.signer.authority == "KT":
        assert authority[1:3] == ["KT. CHỦ TỊCH", plan.signer.title]
    else:
        assert authority[1] == "CHỦ TỊCH"
    if plan.signer.name:
        assert authority[-1] == plan.signer.name
        assert effective(right.paragraphs[-1], "bold")


@pytest.mark.parametrize("name", UBND_PROFILES)
def test_appendices(ubnd_documents, ubnd_plans, name):
    doc, plan = ubnd_documents[name], ubnd_plans[name]
    all_text = texts(doc)
    assert "Phụ lục I" in all_text and "Phụ lục II" in all_text
    captions = [t for t in all_text if t.startswith("(Kèm theo Kế hoạch số")]
    assert len(captions) == 2
    for caption in captions:
        assert re.fullmatch(
            r"\(Kèm theo Kế hoạch số .+/KH-UBND ngày .+ "
            r"của Ủy ban nhân dân (xã|phường|đặc khu) .+\)",
            caption,
        )
    targets, tasks = doc.tables[2], doc.tables[3]
    for table in (targets, tasks):
        first = table.rows[0]._tr
        assert first.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
        assert not any(
            r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None
            for r in table.rows[1:]
        )
    assert [c.text for c in tasks.rows[0].cells] == [
        "STT",
        "Nội dung",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian thực hiện",
        "Ghi chú",
    ]
    assert len(targets.rows) == 1 + len(plan.targets)
    group_rows = [r for r in tasks.rows[1:] if len({id(c._tc) for c in r.cells}) == 2]
    assert len(group_rows) == len(plan.task_groups)
    for row in group_rows:  # group rows in bold
        assert all(effective(p, "bold") for p in row.cells[1].paragraphs if p.text)
    task_rows = [r for r in tasks.rows[1:] if len({id(c._tc) for c in r.cells}) == 6]
    assert len(task_rows) == len(plan.task_rows()) >= 20


@pytest.mark.parametrize("name", UBND_PROFILES)
def test_no_template_markers_and_clean_text(ubnd_docx, name):
    from zipfile import ZipFile

    with ZipFile(ubnd_docx[name]) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    plain = re.sub(r"<[^>]+>", "", xml)
    for marker in ("{{", "}}", "{%", "%}", "None", "⟦"):
        assert marker not in plain, marker
    assert unicodedata.normalize("NFC", plain) == plain


@pytest.mark.parametrize("name", UBND_PROFILES)
def test_file_title_is_the_plan_and_no_blank_thumbnail(ubnd_documents, ubnd_docx, ubnd_plans,
                                                       name):
    """Word's Title property (Tệp > Thông tin) names this plan: "Kế hoạch" and its summary,
    cut at a word within the 255 characters a core property holds; python-docx's blank
    thumbnail is not shipped (Explorer would show every plan as an empty page)."""
    from zipfile import ZipFile

    plan = ubnd_plans[name]
    title = ubnd_documents[name].core_properties.title
    assert title.startswith("Kế hoạch ") and len(title) <= 255
    summary = plan.summary[:1].lower() + plan.summary[1:]
    if len(plan.summary) + len("Kế hoạch ") <= 255:
        assert title == f"Kế hoạch {summary}"
    else:
        assert title.endswith("…") and f"Kế hoạch {summary}".startswith(title[:-1])
    with ZipFile(ubnd_docx[name]) as z:
        assert not [n for n in z.namelist() if "thumbnail" in n]
        assert "thumbnail" not in z.read("_rels/.rels").decode("utf-8")


@pytest.mark.parametrize("name", UBND_PROFILES)
def test_every_task_lead_is_a_profile_body(ubnd_plans, name):
    from nqgen.compose import resolve_bodies

    from .conftest import profile

    bodies = set(resolve_bodies(profile(name)).values())
    plan = ubnd_plans[name]
    assert len(plan.task_rows()) >= 20
    for row in plan.task_rows():
        assert row.lead in bodies, (row.clause, row.lead)


def _page_sizes(pdf) -> list[tuple[float, float]]:
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return [
        (float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("name", UBND_PROFILES)
def test_libreoffice_converts_portrait_body_landscape_appendices(pdfs, name):
    sizes = _page_sizes(pdfs[name])
    assert len(sizes) >= 4
    w, h = sizes[0]
    assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2  # A4 portrait
    w, h = sizes[-1]
    assert abs(w - 841.9) < 2 and abs(h - 595.3) < 2  # A4 landscape
    text = subprocess.run(
        ["pdftotext", "-l", "1", str(pdfs[name]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
