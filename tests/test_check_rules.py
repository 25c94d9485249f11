"""Every rule of the checker, broken alone on a conforming reference plan (issue 4, acceptance 2).

Each case builds the NĐ 30 or HD 05 reference plan (tests/docx_fixtures.py), breaks one rule,
and asserts that the checker reports exactly that rule id. The HD 05 cases run again on the
same plan dated before 27/5/2026, which the checker judges by HD 36 (``HD36-…`` ids).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from nqgen.check import check_docx
from nqgen.check.rules import rule_ids
from tests.docx_fixtures import (
    add_page_field,
    add_para,
    add_rule,
    build_hd05,
    build_nd30,
    find,
    set_page_start,
    set_text,
    to_bytes,
)

Mutation = Callable[[Document], None]


@dataclass(frozen=True)
class Case:
    standard: str  # "nd30" or "hd05" (HD 05 cases also run as HD 36)
    suffix: str  # rule id without the prefix
    name: str
    mutate: Mutation
    hd36: bool = True  # also run on the HD 36 variant


CASES: list[Case] = []


def case(
    standard: str, suffix: str, name: str, *, hd36: bool = True
) -> Callable[[Mutation], Mutation]:
    def deco(fn: Mutation) -> Mutation:
        CASES.append(Case(standard, suffix, name, fn, hd36))
        return fn

    return deco


# --------------------------------------------------------------------------- helpers


def remove(p: Paragraph) -> None:
    p._p.getparent().remove(p._p)


def para_in(doc: Document, table: int, row: int, col: int, index: int) -> Paragraph:
    return doc.tables[table].cell(row, col).paragraphs[index]


def first_run(p: Paragraph):  # type: ignore[no-untyped-def]
    return p.runs[0]


def set_date(doc: Document, text: str) -> None:
    set_text(find(doc, "Tân Lập, ngày"), text)


def to_hd36(doc: Document) -> None:
    """The HD 05 reference, dated before 27/5/2026: judged by Hướng dẫn 36-HD/VPTW."""
    set_date(doc, "Tân Lập, ngày 10 tháng 8 năm 2025")


BUILDERS = {"nd30": build_nd30, "hd05": build_hd05}
ND30_BODY = "Văn phòng HĐND và UBND xã là cơ quan đầu mối"
HD05_BODY = "Văn phòng Đảng ủy theo dõi"


def body_para(doc: Document) -> Paragraph:
    try:
        return find(doc, ND30_BODY)
    except LookupError:
        return find(doc, HD05_BODY)


# --------------------------------------------------------------------------- common rules
# (written once, run on both reference plans)

for std in ("nd30", "hd05"):

    @case(std, "paper", "US Letter")
    def _letter(doc: Document) -> None:
        sec = doc.sections[0]
        sec.page_width, sec.page_height = Inches(8.5), Inches(11)

    @case(std, "paper", "orient attribute disagrees with dimensions")
    def _orient_attr(doc: Document) -> None:
        doc.sections[1].orientation = WD_ORIENT.PORTRAIT

    @case(std, "orientation", "landscape section of plain text")
    def _landscape_text(doc: Document) -> None:
        sec = doc.add_section(WD_SECTION.NEW_PAGE)
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
        set_page_start(sec, None)
        add_para(doc, "Ghi chú thêm của văn phòng.", 14)

    @case(std, "margin-right", "right margin 25 mm")
    def _right(doc: Document) -> None:
        doc.sections[0].right_margin = Mm(25)

    @case(std, "margin-bottom", "bottom margin 10 mm")
    def _bottom(doc: Document) -> None:
        doc.sections[0].bottom_margin = Mm(10)

    @case(std, "margin-left", "appendix section left margin 20 mm")
    def _appendix_left(doc: Document) -> None:
        doc.sections[1].left_margin = Mm(20)

    @case(std, "font", "Arial run in the body")
    def _arial(doc: Document) -> None:
        first_run(body_para(doc)).font.name = "Arial"

    @case(std, "font", "legacy .VnTime run in a table cell")
    def _vntime(doc: Document) -> None:
        first_run(para_in(doc, 1, 0, 0, 1)).font.name = ".VnTime"

    @case(std, "encoding", "TCVN3 mojibake")
    def _mojibake(doc: Document) -> None:
        mojibake = "Uû ban nh©n d©n x· chØ ®¹o thùc hiÖn kÕ ho¹ch nµy theo ®óng quy ®Þnh."
        set_text(body_para(doc), mojibake)

    @case(std, "color", "red run")
    def _red(doc: Document) -> None:
        first_run(body_para(doc)).font.color.rgb = RGBColor(0xFF, 0, 0)

    @case(std, "nfc", "decomposed Vietnamese")
    def _nfd(doc: Document) -> None:
        import unicodedata

        p = body_para(doc)
        set_text(p, unicodedata.normalize("NFD", p.text))

    @case(std, "spaces", "double space")
    def _double(doc: Document) -> None:
        p = body_para(doc)
        set_text(p, p.text.replace(" ", "  ", 1))

    @case(std, "spaces", "space before a comma")
    def _space_comma(doc: Document) -> None:
        p = body_para(doc)
        set_text(p, p.text.replace(",", " ,", 1))

    @case(std, "template", "leftover jinja tag")
    def _jinja(doc: Document) -> None:
        p = body_para(doc)
        set_text(p, p.text.replace("theo dõi", "theo dõi {{ unit.name }}", 1))

    @case(std, "template", "None printed")
    def _none(doc: Document) -> None:
        p = body_para(doc)
        set_text(p, p.text.replace("theo dõi", "theo dõi None", 1))

    @case(std, "date", "date line not italic")
    def _date_upright(doc: Document) -> None:
        find(doc, "Tân Lập, ngày").runs[0].italic = False

    @case(std, "date", "date line left-aligned")
    def _date_left(doc: Document) -> None:
        find(doc, "Tân Lập, ngày").alignment = WD_ALIGN_PARAGRAPH.LEFT

    @case(std, "page-number", "page number shown on page 1 (no titlePg)")
    def _page_one(doc: Document) -> None:
        doc.sections[0].different_first_page_header_footer = False

    @case(std, "page-number", "page number in the footer")
    def _footer(doc: Document) -> None:
        add_page_field(doc.sections[0].footer.paragraphs[0], 14)

    @case(std, "page-number", "page number not centred")
    def _page_right(doc: Document) -> None:
        doc.sections[0].header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    @case(std, "page-number", "no page number at all")
    def _no_page(doc: Document) -> None:
        p = doc.sections[0].header.paragraphs[0]
        for r in list(p._p.iterchildren(qn("w:r"))):
            p._p.remove(r)

    @case(std, "page-number", "page number in the first-page header")
    def _first_header(doc: Document) -> None:
        p = doc.sections[0].first_page_header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_page_field(p, 14)

    @case(std, "appendix-section", "appendix numbering continues")
    def _no_restart(doc: Document) -> None:
        set_page_start(doc.sections[2], None)

    @case(std, "table-header", "appendix table without repeated header row")
    def _no_tbl_header(doc: Document) -> None:
        tr_pr = doc.tables[2].rows[0]._tr.trPr
        for el in tr_pr.findall(qn("w:tblHeader")):
            tr_pr.remove(el)

    @case(std, "body-spacing", "no space between paragraphs")
    def _no_before(doc: Document) -> None:
        body_para(doc).paragraph_format.space_before = Pt(0)

    @case(std, "body-indent", "first-line indent missing")
    def _no_indent(doc: Document) -> None:
        body_para(doc).paragraph_format.first_line_indent = Mm(0)

    @case(std, "body-indent", "indent typed with spaces")
    def _space_indent(doc: Document) -> None:
        p = body_para(doc)
        p.paragraph_format.first_line_indent = Mm(0)
        set_text(p, "      " + p.text)

    @case(std, "body-align", "long paragraph left-aligned")
    def _left(doc: Document) -> None:
        body_para(doc).alignment = WD_ALIGN_PARAGRAPH.LEFT

    @case(std, "body-size", "body run of 12 pt")
    def _small(doc: Document) -> None:
        first_run(body_para(doc)).font.size = Pt(12)

    @case(std, "points", "point letters out of order")
    def _points(doc: Document) -> None:
        p = find(doc, "b) ")
        set_text(p, "c) " + p.text[3:])

    @case(std, "points", "point letter f)")
    def _point_f(doc: Document) -> None:
        p = find(doc, "b) ")
        set_text(p, "f) " + p.text[3:])

    @case(std, "appendix-ref", "body never mentions the appendices")
    def _no_ref(doc: Document) -> None:
        for text in ("Các cơ quan, đơn vị chủ động", "b) Cụ thể hóa"):
            try:
                p = find(doc, text)
            except LookupError:
                continue
            set_text(p, p.text.split("(")[0].rstrip() + ".")

    @case(std, "title", "type name in italics")
    def _title_italic(doc: Document) -> None:
        find(doc, "KẾ HOẠCH", exact=True).runs[0].italic = True

    @case(std, "summary", "summary in italics")
    def _summary_italic(doc: Document) -> None:
        p = doc.paragraphs[[q.text for q in doc.paragraphs].index("KẾ HOẠCH") + 1]
        p.runs[0].italic = True

    @case(std, "body-upright", "body paragraph in italics")
    def _body_italic(doc: Document) -> None:
        for run in body_para(doc).runs:
            run.italic = True

    @case(std, "hidden-chars", "zero-width space pasted from the web")
    def _zero_width(doc: Document) -> None:
        p = body_para(doc)
        set_text(p, p.text.replace("theo dõi", "theo\u200bdõi", 1))

    @case(std, "hidden-chars", "hidden text run")
    def _hidden_run(doc: Document) -> None:
        run = body_para(doc).add_run(" ghi chú nội bộ")
        run.font.hidden = True

    @case(std, "spaces", "no space after a comma (học,công)")
    def _no_space_after(doc: Document) -> None:
        p = body_para(doc)
        set_text(p, p.text.replace(", ", ",", 1))

    @case(std, "marks", "KHẨN typed, not bold")
    def _urgent(doc: Document) -> None:
        cell = doc.tables[0].cell(1, 0)
        add_para(cell, "KHẨN", 13)

    @case(std, "marks", "draft mark left in")
    def _draft(doc: Document) -> None:
        cell = doc.tables[0].cell(1, 0)
        add_para(cell, "DỰ THẢO", 14, bold=True)

    @case(std, "tone-marks", "hoà beside hòa")
    def _tones(doc: Document) -> None:
        p = body_para(doc)
        set_text(p, p.text.replace("Văn phòng", "Văn phòng (hoà giải)", 1))

    @case(std, "trailing-page", "page break after the last text")
    def _trailing(doc: Document) -> None:
        from docx.enum.text import WD_BREAK

        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    @case(std, "row-split", "repeated header row may break across pages")
    def _row_split(doc: Document) -> None:
        tr_pr = doc.tables[-1].rows[0]._tr.trPr
        tr_pr.remove(tr_pr.find(qn("w:cantSplit")))

    @case(std, "package", "tracked change left in")
    def _tracked(doc: Document) -> None:
        run = body_para(doc).runs[0]._r
        ins = OxmlElement("w:ins")
        for k, v in (("w:id", "1"), ("w:author", "VP"), ("w:date", "2026-02-05T00:00:00Z")):
            ins.set(qn(k), v)
        run.addprevious(ins)
        ins.append(run)

    @case(std, "kinh-gui", "Kính gửi in a Kế hoạch")
    def _kinh_gui_plan(doc: Document) -> None:
        opening = [p for p in doc.paragraphs if p.text.startswith(("Thực hiện", "- Căn cứ"))][0]
        p = opening.insert_paragraph_before("Kính gửi: Các cơ quan, đơn vị thuộc xã.")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.runs[0].font.size = Pt(14)

    @case(std, "doc-type", "a citizen's petition (ĐƠN …)")
    def _petition(doc: Document) -> None:
        set_text(find(doc, "KẾ HOẠCH", exact=True), "ĐƠN ĐỀ NGHỊ")


# --------------------------------------------------------------------------- NĐ 30


@case("nd30", "margin-top", "top margin 30 mm")
def _nd30_top(doc: Document) -> None:
    doc.sections[0].top_margin = Mm(30)


@case("nd30", "margin-left", "left margin 25 mm")
def _nd30_left(doc: Document) -> None:
    doc.sections[0].left_margin = Mm(25)


@case("nd30", "line-spacing", "double line spacing")
def _nd30_double(doc: Document) -> None:
    body_para(doc).paragraph_format.line_spacing = 2.0


@case("nd30", "line-spacing", "Exactly 12 pt for 14 pt text")
def _nd30_exact(doc: Document) -> None:
    from docx.enum.text import WD_LINE_SPACING

    fmt = body_para(doc).paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(12)


@case("nd30", "date", "ngày 5 tháng 1 (no leading zeros)")
def _nd30_date_zero(doc: Document) -> None:
    set_date(doc, "Tân Lập, ngày 5 tháng 1 năm 2026")


@case("nd30", "date", "tháng 03 (leading zero on March)")
def _nd30_date_march(doc: Document) -> None:
    set_date(doc, "Tân Lập, ngày 05 tháng 03 năm 2026")


@case("nd30", "date", "no comma after the place")
def _nd30_date_comma(doc: Document) -> None:
    set_date(doc, "Tân Lập ngày 05 tháng 02 năm 2026")


@case("nd30", "date", "30 February")
def _nd30_date_feb30(doc: Document) -> None:
    set_date(doc, "Tân Lập, ngày 30 tháng 02 năm 2026")


@case("nd30", "quoc-hieu", "Quốc hiệu not bold")
def _qh_bold(doc: Document) -> None:
    find(doc, "CỘNG HÒA").runs[0].bold = False


@case("nd30", "quoc-hieu", "Quốc hiệu in lower case")
def _qh_case(doc: Document) -> None:
    set_text(find(doc, "CỘNG HÒA"), "Cộng hòa xã hội chủ nghĩa Việt Nam")


@case("nd30", "quoc-hieu", "Quốc hiệu 14 pt")
def _qh_size(doc: Document) -> None:
    find(doc, "CỘNG HÒA").runs[0].font.size = Pt(14)


@case("nd30", "tieu-ngu", "Hạnh Phúc")
def _tn_case(doc: Document) -> None:
    set_text(find(doc, "Độc lập"), "Độc lập - Tự do - Hạnh Phúc")


@case("nd30", "tieu-ngu", "en dashes")
def _tn_dash(doc: Document) -> None:
    set_text(find(doc, "Độc lập"), "Độc lập – Tự do – Hạnh phúc")


@case("nd30", "tieu-ngu", "no spaces around the hyphens")
def _tn_spaces(doc: Document) -> None:
    set_text(find(doc, "Độc lập"), "Độc lập-Tự do-Hạnh phúc")


@case("nd30", "tieu-ngu", "Tiêu ngữ not bold")
def _tn_bold(doc: Document) -> None:
    find(doc, "Độc lập").runs[0].bold = False


@case("nd30", "tieu-ngu-rule", "rule under the motto removed")
def _tn_rule(doc: Document) -> None:
    remove(para_in(doc, 0, 0, 1, 2))


@case("nd30", "tieu-ngu-rule", "rule under the motto full width")
def _tn_rule_long(doc: Document) -> None:
    p = para_in(doc, 0, 0, 1, 2)
    p.paragraph_format.left_indent = Mm(0)
    p.paragraph_format.right_indent = Mm(0)


@case("nd30", "issuer", "commune line not bold")
def _issuer_bold(doc: Document) -> None:
    find(doc, "XÃ TÂN LẬP", exact=True).runs[0].bold = False


@case("nd30", "issuer", "issuing name abbreviated UBND")
def _issuer_abbrev(doc: Document) -> None:
    set_text(find(doc, "XÃ TÂN LẬP", exact=True), "UBND XÃ TÂN LẬP")


@case("nd30", "issuer-rule", "no rule under the issuing name")
def _issuer_rule(doc: Document) -> None:
    remove(para_in(doc, 0, 0, 0, 2))


@case("nd30", "issuer-rule", "full-width rule under the issuing name")
def _issuer_rule_long(doc: Document) -> None:
    p = para_in(doc, 0, 0, 0, 2)
    p.paragraph_format.left_indent = Mm(0)
    p.paragraph_format.right_indent = Mm(0)


@case("nd30", "number", "Số: 5/KH-UBND")
def _number_zero(doc: Document) -> None:
    set_text(find(doc, "Số:"), "Số: 5/KH-UBND")


@case("nd30", "number", "no colon after Số")
def _number_colon(doc: Document) -> None:
    set_text(find(doc, "Số:"), "Số 05/KH-UBND")


@case("nd30", "number", "wrong type abbreviation")
def _number_type(doc: Document) -> None:
    set_text(find(doc, "Số:"), "Số: 05/QĐ-UBND")


@case("nd30", "number", "symbol not ending -UBND")
def _number_body(doc: Document) -> None:
    set_text(find(doc, "Số:"), "Số: 05/KH-VP")


@case("nd30", "number", "number line 14 pt")
def _number_size(doc: Document) -> None:
    find(doc, "Số:").runs[0].font.size = Pt(14)


@case("nd30", "title", "KẾ HOẠCH not bold")
def _title_bold(doc: Document) -> None:
    find(doc, "KẾ HOẠCH", exact=True).runs[0].bold = False


@case("nd30", "title", "Kế hoạch in lower case")
def _title_case(doc: Document) -> None:
    set_text(find(doc, "KẾ HOẠCH", exact=True), "Kế hoạch")


@case("nd30", "summary", "summary not bold")
def _summary_bold(doc: Document) -> None:
    find(doc, "Triển khai thực hiện").runs[0].bold = False


@case("nd30", "summary-case", "summary in capitals")
def _summary_caps(doc: Document) -> None:
    p = find(doc, "Triển khai thực hiện")
    set_text(p, p.text.upper())


@case("nd30", "summary-rule", "no rule under the summary")
def _summary_rule(doc: Document) -> None:
    p = find(doc, "Triển khai thực hiện")
    remove(Paragraph(p._p.getnext(), p._parent))


@case("nd30", "summary-rule", "five hyphens instead of a rule")
def _summary_dashes(doc: Document) -> None:
    p = find(doc, "Triển khai thực hiện")
    rule_p = Paragraph(p._p.getnext(), p._parent)
    rule_p._p.pPr.remove(rule_p._p.pPr.find(qn("w:pBdr")))
    rule_p.runs[0].text = "-----"
    rule_p.runs[0].font.size = Pt(14)


@case("nd30", "heading", "heading not bold")
def _heading_bold(doc: Document) -> None:
    find(doc, "I. MỤC ĐÍCH").runs[0].bold = False


@case("nd30", "heading", "heading with a hyphen (I-)")
def _heading_hyphen(doc: Document) -> None:
    set_text(find(doc, "I. MỤC ĐÍCH"), "I- MỤC ĐÍCH, YÊU CẦU")


@case("nd30", "heading-case", "heading title in lower case")
def _heading_case(doc: Document) -> None:
    set_text(find(doc, "I. MỤC ĐÍCH"), "I. Mục đích, yêu cầu")


@case("nd30", "end-mark", "body without ./.")
def _end_mark(doc: Document) -> None:
    p = find(doc, "Trên đây là")
    set_text(p, p.text.replace("./.", "."))


@case("nd30", "signature", "T/M instead of TM.")
def _sig_slash(doc: Document) -> None:
    set_text(find(doc, "TM. ỦY BAN"), "T/M ỦY BAN NHÂN DÂN")


@case("nd30", "signature", "academic title before the name")
def _sig_ts(doc: Document) -> None:
    set_text(find(doc, "Nguyễn Văn An"), "TS. Nguyễn Văn An")


@case("nd30", "signature", "name in capitals")
def _sig_caps(doc: Document) -> None:
    set_text(find(doc, "Nguyễn Văn An"), "NGUYỄN VĂN AN")


@case("nd30", "signature", "title line not bold")
def _sig_title(doc: Document) -> None:
    find(doc, "CHỦ TỊCH", exact=True).runs[0].bold = False


@case("nd30", "noi-nhan", "Nơi nhận not bold italic")
def _nn_plain(doc: Document) -> None:
    run = find(doc, "Nơi nhận").runs[0]
    run.bold = False
    run.italic = False


@case("nd30", "noi-nhan", "Nơi nhận 14 pt")
def _nn_size(doc: Document) -> None:
    find(doc, "Nơi nhận").runs[0].font.size = Pt(14)


@case("nd30", "noi-nhan", "Nơi nhận without colon")
def _nn_colon(doc: Document) -> None:
    set_text(find(doc, "Nơi nhận"), "Nơi nhận")


@case("nd30", "recipients", "missing semicolon")
def _rec_semicolon(doc: Document) -> None:
    p = find(doc, "- Thường trực HĐND")
    set_text(p, p.text.rstrip(";"))


@case("nd30", "recipients", "storage line without VT")
def _rec_storage(doc: Document) -> None:
    set_text(find(doc, "- Lưu"), "- Lưu VHXH.")


@case("nd30", "recipients", "en dash bullet")
def _rec_dash(doc: Document) -> None:
    p = find(doc, "- Thường trực HĐND")
    set_text(p, "–" + p.text[1:])


@case("nd30", "recipients", "recipient line 13 pt")
def _rec_size(doc: Document) -> None:
    find(doc, "- Thường trực HĐND").runs[0].font.size = Pt(13)


@case("nd30", "appendix", "Arabic appendix number")
def _app_arabic(doc: Document) -> None:
    set_text(find(doc, "Phụ lục I", exact=True), "Phụ lục 1")


@case("nd30", "appendix", "appendix caption in capitals")
def _app_caps(doc: Document) -> None:
    set_text(find(doc, "Phụ lục II", exact=True), "PHỤ LỤC II")


@case("nd30", "appendix", "guidance line not italic")
def _app_italic(doc: Document) -> None:
    p = find(doc, "(Kèm theo")
    p.runs[0].italic = False


@case("nd30", "appendix", "guidance line missing")
def _app_guidance(doc: Document) -> None:
    remove(find(doc, "(Kèm theo"))


CAN_CU = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
]


def _add_can_cu(doc: Document, italic: bool = True) -> list[Paragraph]:
    anchor = find(doc, "Thực hiện Nghị quyết")
    out = []
    for text in CAN_CU:
        p = anchor.insert_paragraph_before(text)
        p.runs[0].font.size = Pt(14)
        p.runs[0].italic = italic or None
        p.paragraph_format.first_line_indent = Mm(12.7)
        p.paragraph_format.space_before = Pt(6)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        out.append(p)
    return out


def test_nd30_can_cu_block_in_italics_passes() -> None:
    doc = build_nd30()
    _add_can_cu(doc)
    assert check_docx(to_bytes(doc)).findings == []


@case("nd30", "can-cu", "căn cứ lines upright")
def _can_cu_upright(doc: Document) -> None:
    _add_can_cu(doc, italic=False)


@case("nd30", "can-cu", "last căn cứ ends with ';'")
def _can_cu_end(doc: Document) -> None:
    last = _add_can_cu(doc)[-1]
    last.runs[0].text = last.runs[0].text[:-1] + ";"


@case("nd30", "quoc-hieu", "Quốc hiệu in italics")
def _qh_italic(doc: Document) -> None:
    find(doc, "CỘNG HÒA").runs[0].italic = True


@case("nd30", "tieu-ngu", "Tiêu ngữ in italics")
def _tn_italic(doc: Document) -> None:
    find(doc, "Độc lập").runs[0].italic = True


@case("nd30", "issuer", "issuing name in italics")
def _issuer_italic(doc: Document) -> None:
    find(doc, "XÃ TÂN LẬP").runs[0].italic = True


def _heading_line(doc: Document, before: str, text: str, *, bold: bool = True) -> Paragraph:
    p = find(doc, before).insert_paragraph_before(text)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.runs[0].font.size = Pt(14)
    p.runs[0].bold = bold or None
    p.paragraph_format.space_before = Pt(6)
    return p


@case("nd30", "heading", "Chương numbered in Arabic")
def _chuong_arabic(doc: Document) -> None:
    _heading_line(doc, "I. MỤC ĐÍCH", "Chương 1")
    _heading_line(doc, "I. MỤC ĐÍCH", "QUY ĐỊNH CHUNG")


@case("nd30", "heading", "title under Phần not in capitals")
def _phan_title(doc: Document) -> None:
    _heading_line(doc, "I. MỤC ĐÍCH", "Phần I")
    _heading_line(doc, "I. MỤC ĐÍCH", "Quy định chung")


@case("nd30", "heading", "Điều 1. not bold")
def _dieu_plain(doc: Document) -> None:
    p = find(doc, "Văn phòng HĐND và UBND xã là cơ quan đầu mối")
    set_text(p, "Điều 1. " + p.text)


@case("nd30", "heading", "khoản number in italics")
def _khoan_italic(doc: Document) -> None:
    p = find(doc, "1. Mục đích")
    p.runs[0].text = "1. "
    p.runs[0].italic = True
    rest = p.add_run("Mục đích")
    rest.bold = True
    rest.font.size = Pt(14)


def test_nd30_divisions_set_right_pass() -> None:
    doc = build_nd30()
    _heading_line(doc, "I. MỤC ĐÍCH", "Chương I")
    _heading_line(doc, "I. MỤC ĐÍCH", "QUY ĐỊNH CHUNG")
    p = find(doc, "Văn phòng HĐND và UBND xã là cơ quan đầu mối")
    p.runs[0].text = " " + p.runs[0].text
    article = p.add_run("Điều 1.")  # moved before the text: "Điều 1." bold, the rest upright
    article.bold = True
    article.font.size = Pt(14)
    p.runs[0]._r.addprevious(article._r)
    assert check_docx(to_bytes(doc)).findings == []


@case("nd30", "summary", "công văn V/v in bold")
def _cv_bold(doc: Document) -> None:
    _to_cong_van(doc)
    find(doc, "V/v ").runs[0].bold = True


def _to_cong_van(doc: Document) -> None:
    """The NĐ 30 reference turned into a công văn: no type name or summary, "V/v …" under the
    number, "Kính gửi" above the body, symbol of the body (UBND-VHXH)."""
    set_text(find(doc, "Số: 05/KH-UBND"), "Số: 12/UBND-VHXH")
    title = find(doc, "KẾ HOẠCH", exact=True)
    summary = doc.paragraphs[[q.text for q in doc.paragraphs].index("KẾ HOẠCH") + 1]
    rule = doc.paragraphs[[q.text for q in doc.paragraphs].index("KẾ HOẠCH") + 2]
    for p in (title, summary, rule):
        remove(p)
    vv = add_para(doc.tables[0].cell(1, 0), "V/v triển khai Nghị quyết số 57-NQ/TW", 12)
    vv.paragraph_format.space_before = Pt(6)
    kg = find(doc, "Thực hiện Nghị quyết").insert_paragraph_before(
        "Kính gửi: Các cơ quan, đơn vị thuộc xã."
    )
    kg.alignment = WD_ALIGN_PARAGRAPH.CENTER
    kg.runs[0].font.size = Pt(14)
    kg.paragraph_format.space_before = Pt(12)


def test_cong_van_is_checked_as_a_cong_van() -> None:
    doc = build_nd30()
    _to_cong_van(doc)
    report = check_docx(to_bytes(doc))
    assert report.doc_type == "Công văn"
    assert report.findings == [], "\n".join(str(f) for f in report.findings)


@case("nd30", "kinh-gui", "công văn without Kính gửi")
def _cv_no_kinh_gui(doc: Document) -> None:
    _to_cong_van(doc)
    remove(find(doc, "Kính gửi"))


# --------------------------------------------------------------------------- HD 05


@case("hd05", "margin-top", "top margin 25 mm (HD 05 fixes 20 mm)")
def _hd_top(doc: Document) -> None:
    doc.sections[0].top_margin = Mm(25)


@case("hd05", "margin-left", "left margin 35 mm (allowed by NĐ 30, not HD 05)")
def _hd_left(doc: Document) -> None:
    doc.sections[0].left_margin = Mm(35)


@case("hd05", "page-number", "page number 20 mm from the top edge")
def _hd_header_distance(doc: Document) -> None:
    for sec in doc.sections:
        sec.header_distance = Mm(20)


@case("hd05", "page-number", "page number 13 pt")
def _hd_page_size(doc: Document) -> None:
    for run in doc.sections[0].header.paragraphs[0].runs:
        run.font.size = Pt(13)


@case("hd05", "body-size", "body in 13 pt (NĐ 30 size)")
def _hd_body_13(doc: Document) -> None:
    for run in body_para(doc).runs:
        run.font.size = Pt(13)


@case("hd05", "body-indent", "indent 12.7 mm")
def _hd_indent(doc: Document) -> None:
    body_para(doc).paragraph_format.first_line_indent = Mm(12.7)


@case("hd05", "line-spacing", "single line spacing", hd36=False)
def _hd_single(doc: Document) -> None:
    fmt = body_para(doc).paragraph_format
    fmt.line_spacing = 1.0


@case("hd05", "line-spacing", "Exactly 10 pt")
def _hd_exact_small(doc: Document) -> None:
    fmt = body_para(doc).paragraph_format
    fmt.line_spacing = Pt(10)


@case("hd05", "tieu-de", "heading not bold")
def _td_bold(doc: Document) -> None:
    find(doc, "ĐẢNG CỘNG SẢN").runs[0].bold = False


@case("hd05", "tieu-de", "heading 14 pt")
def _td_size(doc: Document) -> None:
    find(doc, "ĐẢNG CỘNG SẢN").runs[0].font.size = Pt(14)


@case("hd05", "tieu-de-rule", "no rule under the heading")
def _td_rule(doc: Document) -> None:
    remove(para_in(doc, 0, 0, 1, 1))


@case("hd05", "no-quoc-hieu", "Quốc hiệu in a Party document")
def _party_qh(doc: Document) -> None:
    cell = doc.tables[0].cell(0, 1)
    p = cell.paragraphs[0].insert_paragraph_before("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.runs[0].font.size = Pt(13)
    p.runs[0].bold = True


@case("hd05", "issuer", "committee name not bold")
def _party_issuer(doc: Document) -> None:
    find(doc, "ĐẢNG ỦY XÃ").runs[0].bold = False


@case("hd05", "issuer", "superior line bold")
def _party_superior(doc: Document) -> None:
    find(doc, "ĐẢNG BỘ TỈNH").runs[0].bold = True


@case("hd05", "asterisk", "asterisk missing")
def _star_missing(doc: Document) -> None:
    remove(find(doc, "*", exact=True))


@case("hd05", "asterisk", "three asterisks")
def _star_three(doc: Document) -> None:
    set_text(find(doc, "*", exact=True), "***")


@case("hd05", "asterisk", "rule instead of the asterisk")
def _star_rule(doc: Document) -> None:
    star = find(doc, "*", exact=True)
    cell = doc.tables[0].cell(0, 0)
    remove(star)
    rule_p = add_rule(cell, 25, 70)
    cell.paragraphs[1]._p.addnext(rule_p._p)


@case("hd05", "number", "colon after Số")
def _party_colon(doc: Document) -> None:
    set_text(find(doc, "Số 08"), "Số: 08-KH/ĐU")


@case("hd05", "number", "Số 8-KH/ĐU")
def _party_zero(doc: Document) -> None:
    set_text(find(doc, "Số 08"), "Số 8-KH/ĐU")


@case("hd05", "number", "state-style number Số 08/KH-ĐU")
def _party_state_number(doc: Document) -> None:
    set_text(find(doc, "Số 08"), "Số 08/KH-ĐU")


@case("hd05", "symbol", "BTV as body symbol")
def _party_btv(doc: Document) -> None:
    set_text(find(doc, "Số 08"), "Số 08-KH/BTV")


@case("hd05", "title", "type name 14 pt")
def _party_title(doc: Document) -> None:
    find(doc, "KẾ HOẠCH", exact=True).runs[0].font.size = Pt(14)


@case("hd05", "summary", "summary not bold")
def _party_summary(doc: Document) -> None:
    find(doc, "thực hiện Nghị quyết").runs[0].bold = False


@case("hd05", "dashes", "three hyphens")
def _dashes_three(doc: Document) -> None:
    set_text(find(doc, "-----", exact=True), "---")


@case("hd05", "dashes", "rule instead of hyphens")
def _dashes_rule(doc: Document) -> None:
    p = find(doc, "-----", exact=True)
    set_text(p, "")
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bdr.append(bottom)
    ppr.append(bdr)


@case("hd05", "heading", "heading not bold")
def _party_heading(doc: Document) -> None:
    find(doc, "I- MỤC ĐÍCH").runs[0].bold = False


@case("hd05", "heading-consistency", "I- and II. mixed")
def _party_heading_mix(doc: Document) -> None:
    set_text(find(doc, "II- TỔ CHỨC"), "II. TỔ CHỨC THỰC HIỆN")


@case("hd05", "can-cu", "căn cứ without semicolon")
def _can_cu(doc: Document) -> None:
    set_text(find(doc, "- Căn cứ Điều lệ"), "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam")


@case("hd05", "end-mark", "body ends without a period")
def _party_end(doc: Document) -> None:
    p = find(doc, "Kế hoạch này được phổ biến")
    set_text(p, p.text.rstrip("."))


@case("hd05", "end-mark", "body ends with ./.", hd36=False)
def _party_end_slash(doc: Document) -> None:
    p = find(doc, "Kế hoạch này được phổ biến")
    set_text(p, p.text + "/.")


@case("hd05", "signature", "TM. instead of T/M")
def _party_tm(doc: Document) -> None:
    set_text(find(doc, "T/M BAN"), "TM. BAN THƯỜNG VỤ")


@case("hd05", "signature", "K/T for a committee")
def _party_kt(doc: Document) -> None:
    set_text(find(doc, "T/M BAN"), "K/T BÍ THƯ")
    set_text(find(doc, "BÍ THƯ", exact=True), "PHÓ BÍ THƯ")


@case("hd05", "signature", "signer name not bold")
def _party_name(doc: Document) -> None:
    find(doc, "Nguyễn Văn Bình").runs[0].bold = False


@case("hd05", "signature-title", "title line bold")
def _party_title_bold(doc: Document) -> None:
    find(doc, "BÍ THƯ", exact=True).runs[0].bold = True


@case("hd05", "signature-title", "committee name after the title")
def _party_title_name(doc: Document) -> None:
    set_text(find(doc, "BÍ THƯ", exact=True), "BÍ THƯ ĐẢNG ỦY")


@case("hd05", "signature-title", "title line in lower case")
def _party_title_case(doc: Document) -> None:
    set_text(find(doc, "BÍ THƯ", exact=True), "Bí thư")


@case("nd30", "signature", "title line in lower case")
def _nd30_title_case(doc: Document) -> None:
    set_text(find(doc, "CHỦ TỊCH", exact=True), "Chủ tịch")


@case("hd05", "noi-nhan", "Nơi nhận not underlined")
def _party_nn_u(doc: Document) -> None:
    find(doc, "Nơi nhận").runs[0].underline = False


@case("hd05", "noi-nhan", "Nơi nhận in the state form (12 pt bold italic)")
def _party_nn_state(doc: Document) -> None:
    run = find(doc, "Nơi nhận").runs[0]
    run.font.size = Pt(12)
    run.bold = True
    run.italic = True


@case("hd05", "recipients", "comma line ending", hd36=False)
def _party_rec_comma(doc: Document) -> None:
    set_text(find(doc, "- Các chi bộ"), "- Các chi bộ trực thuộc,")


@case("hd05", "recipients", "line without a dash")
def _party_rec_dash(doc: Document) -> None:
    set_text(find(doc, "- Các chi bộ"), "Các chi bộ trực thuộc;")


@case("hd05", "recipients", "recipients 11 pt")
def _party_rec_size(doc: Document) -> None:
    find(doc, "- Các chi bộ").runs[0].font.size = Pt(11)


@case("hd05", "storage", "ND30 storage line")
def _party_storage(doc: Document) -> None:
    set_text(find(doc, "- Lưu"), "- Lưu: VT, VPĐU.")


@case("hd05", "appendix", "Roman appendix number")
def _party_roman(doc: Document) -> None:
    set_text(find(doc, "Phụ lục 1", exact=True), "Phụ lục I")


@case("hd05", "appendix", "guidance line missing")
def _party_guidance(doc: Document) -> None:
    remove(find(doc, "(Kèm theo"))


@case("hd05", "date", "date 13 pt")
def _party_date_size(doc: Document) -> None:
    find(doc, "Tân Lập, ngày").runs[0].font.size = Pt(13)


# --------------------------------------------------------------------------- running


def _variants() -> list[tuple[str, Case]]:
    out: list[tuple[str, Case]] = []
    for c in CASES:
        out.append((c.standard, c))
        if c.standard == "hd05" and c.hd36:
            out.append(("hd36", c))
    return out


VARIANTS = _variants()


def _build(standard: str) -> Document:
    doc = BUILDERS["nd30" if standard == "nd30" else "hd05"]()
    if standard == "hd36":
        to_hd36(doc)
    return doc


@pytest.mark.parametrize(
    ("standard", "c"),
    VARIANTS,
    ids=[f"{std}-{c.suffix}-{c.name}" for std, c in VARIANTS],
)
def test_breaking_one_rule_reports_exactly_that_rule(standard: str, c: Case) -> None:
    doc = _build(standard)
    c.mutate(doc)
    report = check_docx(to_bytes(doc))
    assert report.standard == standard
    expected = f"{standard.upper()}-{c.suffix}"
    got = report.rule_ids()
    assert got == {expected}, "\n".join(
        f"{f.rule}: {f.location.describe()} {f.expected!r} / {f.found!r}" for f in report.findings
    )


@pytest.mark.parametrize("standard", ["nd30", "hd05", "hd36"])
def test_every_rule_has_a_breaking_case(standard: str) -> None:
    covered = {f"{std.upper()}-{c.suffix}" for std, c in VARIANTS if std == standard}
    missing = set(rule_ids(standard)) - covered
    assert not missing, f"rules without a breaking test: {sorted(missing)}"


# --------------------------------------------------------------------------- HD 36 specifics


def test_hd36_accepts_comma_endings_single_spacing_and_slash_end() -> None:
    doc = _build("hd36")
    _party_rec_comma(doc)
    _hd_single(doc)
    _party_end_slash(doc)
    report = check_docx(to_bytes(doc))
    assert report.standard == "hd36"
    assert report.findings == []


def test_hd36_unconfirmed_rules_are_warnings() -> None:
    doc = _build("hd36")
    _hd_indent(doc)
    report = check_docx(to_bytes(doc))
    assert [(f.rule, f.severity) for f in report.findings] == [("HD36-body-indent", "warning")]


def test_severities_follow_format_certainty() -> None:
    """M-certainty rules are warnings (docs/format.md: "a sensible default, not a rule")."""
    doc = _build("nd30")
    _number_body(doc)
    assert [f.severity for f in check_docx(to_bytes(doc)).findings] == ["warning"]
    doc = _build("hd36")
    _hd_top(doc)
    assert [f.severity for f in check_docx(to_bytes(doc)).findings] == ["warning"]
    doc = _build("hd05")
    _hd_top(doc)
    assert [f.severity for f in check_docx(to_bytes(doc)).findings] == ["error"]
