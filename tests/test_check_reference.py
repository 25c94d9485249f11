"""Reference plans pass with zero findings; accepted variants; standard detection
(issue 4, acceptance 1 for the in-code reference plans)."""

from __future__ import annotations

import docx
import pytest
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from nqgen.check import CheckError, check_docx, detect_standard
from nqgen.check.docx_model import DocxModel
from nqgen.check.layout import build_layout
from tests.docx_fixtures import (
    add_para,
    build_hd05,
    build_nd30,
    find,
    iter_paragraphs,
    set_text,
    setup_styles,
    to_bytes,
)


def test_nd30_reference_has_zero_findings() -> None:
    report = check_docx(to_bytes(build_nd30()))
    assert report.standard == "nd30"
    assert report.detected
    assert report.findings == []


def test_hd05_reference_has_zero_findings() -> None:
    report = check_docx(to_bytes(build_hd05()))
    assert report.standard == "hd05"
    assert report.findings == []


def test_reference_read_from_a_path(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "kh.docx"
    path.write_bytes(to_bytes(build_nd30()))
    report = check_docx(path)
    assert report.findings == [] and report.source == str(path)


def _hd05_dated(text: str) -> Document:
    doc = build_hd05()
    set_text(find(doc, "Tân Lập, ngày"), text)
    return doc


@pytest.mark.parametrize(
    ("date_line", "standard"),
    [
        ("Tân Lập, ngày 26 tháng 5 năm 2026", "hd36"),
        ("Tân Lập, ngày 27 tháng 5 năm 2026", "hd05"),
        ("Tân Lập, ngày 10 tháng 8 năm 2025", "hd36"),
        ("Tân Lập, ngày      tháng 5 năm 2026", "hd05"),
        ("Tân Lập, ngày      tháng 4 năm 2026", "hd36"),
        ("Tân Lập, ngày      tháng      năm 2025", "hd36"),
        ("Tân Lập, ngày      tháng      năm 2027", "hd05"),
    ],
)
def test_party_guideline_follows_the_document_date(date_line: str, standard: str) -> None:
    report = check_docx(to_bytes(_hd05_dated(date_line)))
    assert report.standard == standard
    assert report.findings == []


def test_party_document_without_date_is_hd05() -> None:
    doc = build_hd05()
    p = find(doc, "Tân Lập, ngày")
    p._p.getparent().remove(p._p)
    model = DocxModel.load(to_bytes(doc))
    assert detect_standard(build_layout(model)) == "hd05"


def test_forced_standard_overrides_detection() -> None:
    report = check_docx(to_bytes(build_nd30()), "hd05")
    assert report.standard == "hd05" and not report.detected
    ids = report.rule_ids()
    assert {"HD05-tieu-de", "HD05-no-quoc-hieu", "HD05-signature", "HD05-number"} <= ids


def test_invalid_standard_is_refused() -> None:
    with pytest.raises(CheckError, match="không hợp lệ"):  # a user error, not ValueError
        check_docx(to_bytes(build_nd30()), "nd31")


# --------------------------------------------------------------------------- accepted variants


def _old_tones(text: str) -> str:
    """The old tone placement throughout ("hòa" → "hoà", "Ủy" → "Uỷ")."""
    import re
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    nfd = unicodedata.normalize("NFD", text)
    nfd = re.sub(rf"(?<![qQ])([oO])([{tones}])([aAeE])(?!\w)", r"\1\3\2", nfd)
    nfd = re.sub(rf"(?<![qQ])([uU])([{tones}])([yY])(?!\w)", r"\1\3\2", nfd)
    return unicodedata.normalize("NFC", nfd)


def test_old_tone_placement_is_accepted() -> None:
    """The old placement ("CỘNG HOÀ", "UỶ BAN") is as correct as the new one, when the whole
    document uses it (mixing the two is a warning, see ``tone-marks``)."""
    doc = build_nd30()
    for p in iter_paragraphs(doc):
        for run in p.runs:
            run.text = _old_tones(run.text)
    assert find(doc, "CỘNG HOÀ") is not None and find(doc, "UỶ BAN NHÂN DÂN") is not None
    assert check_docx(to_bytes(doc)).findings == []


def test_draft_blanks_are_accepted() -> None:
    doc = build_nd30()
    set_text(find(doc, "Số:"), "Số:      /KH-UBND")
    set_text(find(doc, "Tân Lập, ngày"), "Tân Lập, ngày      tháng 9 năm 2025")
    for _ in range(2):
        p = find(doc, "(Kèm theo Kế hoạch số 05")
        set_text(p, "(Kèm theo Kế hoạch số      /KH-UBND ngày      tháng 9 năm 2025 của Ủy ban "
                 "nhân dân xã Tân Lập)")  # fmt: skip
    name = find(doc, "Nguyễn Văn An")
    set_text(name, "")
    assert check_docx(to_bytes(doc)).findings == []


def test_party_draft_number_is_accepted() -> None:
    doc = build_hd05()
    set_text(find(doc, "Số 08"), "Số    -KH/ĐU")
    assert check_docx(to_bytes(doc)).findings == []


def test_deputy_signature_is_accepted() -> None:
    doc = build_nd30()
    title = find(doc, "CHỦ TỊCH", exact=True)
    set_text(title, "KT. CHỦ TỊCH")
    new = title.insert_paragraph_before("")
    title._p.addnext(new._p)
    new.alignment = title.alignment
    run = new.add_run("PHÓ CHỦ TỊCH")
    run.bold = True
    run.font.size = title.runs[0].font.size
    assert check_docx(to_bytes(doc)).findings == []


def test_text_split_over_many_runs_is_read_as_one() -> None:
    doc = build_nd30()
    p = find(doc, "Độc lập")
    run = p.runs[0]
    run.text = "Độc lập - "
    for piece in ("Tự do", " - ", "Hạnh phúc"):
        extra = p.add_run(piece)
        extra.bold = True
        extra.font.size = run.font.size
    assert check_docx(to_bytes(doc)).findings == []


VML_LINE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
    '<v:line from="0,0" to="{pt}pt,0" strokeweight="1pt"/></w:pict></w:r>'
)

DRAWING_LINE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<w:drawing><wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" '
    'simplePos="0" relativeHeight="1" locked="0" layoutInCell="1" allowOverlap="1">'
    '<wp:simplePos x="0" y="0"/><wp:extent cx="{emu}" cy="0"/><wp:docPr id="9" name="line"/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
    'wordprocessingShape"><wps:wsp><wps:spPr><a:prstGeom prst="line"/></wps:spPr></wps:wsp>'
    "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
)


def _replace_motto_rule(doc: Document, run_xml: str) -> None:
    cell = doc.tables[0].cell(0, 1)
    rule = cell.paragraphs[2]
    rule._p.getparent().remove(rule._p)
    find(doc, "Độc lập")._p.append(parse_xml(run_xml))


@pytest.mark.parametrize(
    ("run_xml", "ok"),
    [
        (VML_LINE.format(pt=170), True),
        (VML_LINE.format(pt=100), False),
        (DRAWING_LINE.format(emu=60 * 36000), True),
        (DRAWING_LINE.format(emu=95 * 36000), False),
    ],
    ids=["vml-60mm", "vml-35mm", "drawing-60mm", "drawing-95mm"],
)
def test_rule_drawn_as_a_shape_is_measured(run_xml: str, ok: bool) -> None:
    doc = build_nd30()
    _replace_motto_rule(doc, run_xml)
    report = check_docx(to_bytes(doc))
    assert report.rule_ids() == (set() if ok else {"ND30-tieu-ngu-rule"})


def test_underscore_rule_is_accepted() -> None:
    doc = build_nd30()
    rule = doc.tables[0].cell(0, 0).paragraphs[2]
    rule._p.pPr.remove(rule._p.pPr.find(qn("w:pBdr")))
    rule.runs[0].text = "_" * 10
    rule.runs[0].font.size = Pt(10)  # 10 × 5 pt = 50 pt ≈ 17.6 mm: 1/3–1/2 of the name
    assert check_docx(to_bytes(doc)).findings == []


# --------------------------------------------------------------------------- line breaks


def _merge_with_break(first: Paragraph, second: Paragraph) -> None:
    """Move ``second``'s runs into ``first`` after a manual line break (Shift+Enter)."""
    br_run = first.add_run()
    br_run.add_break()
    for r in list(second._p.iterchildren(qn("w:r"))):
        first._p.append(r)
    second._p.getparent().remove(second._p)


def test_quoc_hieu_and_tieu_ngu_in_one_paragraph() -> None:
    doc = build_nd30()
    _merge_with_break(find(doc, "CỘNG HÒA"), find(doc, "Độc lập"))
    report = check_docx(to_bytes(doc))
    assert report.findings == []


def test_signature_lines_joined_by_breaks() -> None:
    doc = build_nd30()
    _merge_with_break(find(doc, "TM. ỦY BAN"), find(doc, "CHỦ TỊCH", exact=True))
    assert check_docx(to_bytes(doc)).findings == []


def test_recipients_joined_by_breaks() -> None:
    doc = build_hd05()
    first = find(doc, "- Ban Thường vụ Tỉnh ủy")
    _merge_with_break(first, find(doc, "- Các chi bộ"))
    _merge_with_break(first, find(doc, "- Lưu"))
    assert check_docx(to_bytes(doc)).findings == []


def test_break_line_is_located() -> None:
    doc = build_nd30()
    _merge_with_break(find(doc, "CỘNG HÒA"), find(doc, "Độc lập"))
    set_text_keep = find(doc, "CỘNG HÒA")
    set_text_keep.runs[-1].text = "Độc lập - Tự do - Hạnh Phúc"
    report = check_docx(to_bytes(doc))
    assert report.rule_ids() == {"ND30-tieu-ngu"}
    assert report.findings[0].location.line == 2
    assert "dòng 2" in report.findings[0].location.describe()


def test_header_built_with_tabs_is_still_read() -> None:
    """A header typed with tabs (docs/format.md §6.15) is recognised; what it breaks is centring,
    never a missing Quốc hiệu, Tiêu ngữ, number or date."""
    doc = docx.Document()
    setup_styles(doc, 14)
    for left, right, size, bold, italic in (
        ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False),
        ("XÃ TÂN LẬP", "Độc lập - Tự do - Hạnh phúc", 13, True, False),
        ("Số: 05/KH-UBND", "Tân Lập, ngày 05 tháng 02 năm 2026", 13, False, False),
    ):
        p = doc.add_paragraph()
        for text in (left, "\t\t", right):
            run = p.add_run(text)
            run.font.size = Pt(size)
            run.bold = bold or None
            run.italic = italic or None
    add_para(doc, "KẾ HOẠCH", 14, bold=True)
    report = check_docx(to_bytes(doc))
    assert report.standard == "nd30"
    layout = build_layout(DocxModel.load(to_bytes(doc)))
    assert layout.quoc_hieu is not None and layout.tieu_ngu is not None
    assert layout.number is not None and layout.date is not None
    assert [p.stripped for p in layout.issuer] == ["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"]


def test_floating_line_anchored_to_another_paragraph_of_the_cell() -> None:
    doc = build_nd30()
    cell = doc.tables[0].cell(0, 1)
    rule = cell.paragraphs[2]
    rule._p.getparent().remove(rule._p)
    find(doc, "CỘNG HÒA")._p.append(parse_xml(DRAWING_LINE.format(emu=60 * 36000)))
    assert check_docx(to_bytes(doc)).findings == []
