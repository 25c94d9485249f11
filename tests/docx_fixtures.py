"""Reference plans built in code with python-docx, and helpers to mutate them.

:func:`build_nd30` writes a KH-UBND laid out as docs/format.md §1.1 (NĐ 30/2020 Phụ lục I) and
:func:`build_hd05` a KH/ĐU as §3.1 (Hướng dẫn 05-HD/VPTW): borderless two-column header and
signature tables, Times New Roman set in the styles (runs carry only size/bold/italic), a
centred PAGE field in the default header with ``w:titlePg`` and an empty first-page header,
and landscape appendix sections restarting page numbers at 1 with a repeated table header row.
Both pass ``check_docx`` with zero findings; the tests break one rule at a time.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


@dataclass
class Body:
    """How body paragraphs are set: size (pt), first-line indent (mm), spacing, line rule."""

    size: float
    indent_mm: float
    before_pt: float = 6
    exact_pt: float | None = None  # None: single line spacing


# --------------------------------------------------------------------------- low level


def set_fonts(rpr_parent: Any, name: str = FONT) -> None:
    """Set all four rFonts slots to ``name`` and drop the theme attributes."""
    rpr = rpr_parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_parent.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), name)


def setup_styles(doc: Document, size: float, font: str = FONT) -> None:
    """docDefaults and Normal: ``font`` in every slot, Vietnamese language, no spacing."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    set_fonts(rpr_default, font)
    rpr = rpr_default.find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "vi-VN")
    ppr_default = defaults.find(qn("w:pPrDefault"))
    spacing = ppr_default.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
    if spacing is not None:
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
    normal = doc.styles["Normal"]
    normal.font.name = font
    set_fonts(normal.element, font)
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(0)


def add_para(
    container: Document | _Cell,
    text: str = "",
    size: float | None = None,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = CENTER,
    first: bool = False,
) -> Paragraph:
    """A paragraph with one run; in a fresh cell ``first`` reuses the cell's empty paragraph."""
    if first and isinstance(container, _Cell):
        p = container.paragraphs[0]
    else:
        p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    if text:
        run = p.add_run(text)
        if size is not None:
            run.font.size = Pt(size)
        run.bold = bold or None
        run.italic = italic or None
        run.underline = underline or None
    return p


def add_rule(container: _Cell | Document, length_mm: float, text_width_mm: float) -> Paragraph:
    """An empty paragraph whose bottom border, narrowed by indents, draws a centred rule."""
    p = add_para(container, "", align=CENTER)
    side = max(0.0, (text_width_mm - length_mm) / 2)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{k}"), v)
    bdr.append(bottom)
    ppr.append(bdr)
    run = p.add_run()
    run.font.size = Pt(2)
    return p


def borderless_table(doc: Document, rows: int, widths_mm: list[float]) -> Table:
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)
        for cell in table.columns[i].cells:
            cell.width = Mm(width)
    return table


def cell_text_width(width_mm: float) -> float:
    """Text width inside a cell with Word's default 0.19 cm left and right cell margins."""
    return width_mm - 2 * 108 / 56.6929


def add_page_field(paragraph: Paragraph, size: float) -> None:
    """A PAGE field (begin / instr / separate / result "2" / end), each run sized ``size``."""

    def run_with(child: object) -> None:
        run = paragraph.add_run()
        run.font.size = Pt(size)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    result = paragraph.add_run("2")
    result.font.size = Pt(size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def page_setup(section: object, *, landscape: bool = False, header_mm: float = 12.7) -> None:
    """A4, margins 20/20/30/15 mm (in both standards' ranges), orientation."""
    sec = section
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE  # type: ignore[attr-defined]
        sec.page_width, sec.page_height = Mm(297), Mm(210)  # type: ignore[attr-defined]
    else:
        sec.orientation = WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
        sec.page_width, sec.page_height = Mm(210), Mm(297)  # type: ignore[attr-defined]
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)  # type: ignore[attr-defined]
    sec.left_margin, sec.right_margin = Mm(30), Mm(15)  # type: ignore[attr-defined]
    sec.header_distance = Mm(header_mm)  # type: ignore[attr-defined]


def set_page_start(section: object, start: int | None) -> None:
    """Set (or remove, with ``None``) ``w:pgNumType/@w:start`` on a section."""
    sect_pr = section._sectPr  # type: ignore[attr-defined]
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    if start is None:
        return
    num = OxmlElement("w:pgNumType")
    num.set(qn("w:start"), str(start))
    cols = sect_pr.find(qn("w:cols"))
    if cols is not None:
        cols.addprevious(num)
    else:
        sect_pr.append(num)


def page_numbers(doc: Document, size: float) -> None:
    """Centred PAGE field in the default header; titlePg with an empty first-page header."""
    sec = doc.sections[0]
    sec.different_first_page_header_footer = True
    header_p = sec.header.paragraphs[0]
    header_p.alignment = CENTER
    add_page_field(header_p, size)
    sec.first_page_header.is_linked_to_previous = False


def set_body(p: Paragraph, body: Body) -> None:
    fmt = p.paragraph_format
    p.alignment = JUSTIFY
    fmt.first_line_indent = Mm(body.indent_mm)
    fmt.space_before = Pt(body.before_pt)
    fmt.space_after = Pt(0)
    if body.exact_pt is not None:
        from docx.enum.text import WD_LINE_SPACING

        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(body.exact_pt)


def add_body(doc: Document, text: str, body: Body, *, bold: bool = False) -> Paragraph:
    p = add_para(doc, text, body.size, bold=bold, align=None)
    set_body(p, body)
    return p


def mark_header_row(table: Table) -> None:
    """Repeat row 1 on every page and keep it whole (w:cantSplit), as nqgen's templates do."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    tr_pr.append(OxmlElement("w:tblHeader"))


def appendix_table(doc: Document, header: list[str], rows: list[list[str]]) -> Table:
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = doc.styles["Table Grid"]
    for i, text in enumerate(header):
        add_para(table.rows[0].cells[i], text, 13, bold=True, first=True)
    for r, row in enumerate(rows, start=1):
        for i, text in enumerate(row):
            align = LEFT if i == 1 else CENTER
            add_para(table.rows[r].cells[i], text, 13, align=align, first=True)
    mark_header_row(table)
    return table


def new_appendix_section(doc: Document) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    page_setup(section, landscape=True, header_mm=doc.sections[0].header_distance.mm)
    section.different_first_page_header_footer = False
    set_page_start(section, 1)


def to_bytes(doc: Document) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- NĐ 30 plan

ND30_BODY = Body(size=14, indent_mm=12.7)

ND30_TEXT = [
    ("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
     "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia; Kế hoạch số 04-KH/ĐU "
     "ngày 14/8/2025 của Ban Thường vụ Đảng ủy xã Tân Lập, Ủy ban nhân dân xã Tân Lập ban "
     "hành Kế hoạch thực hiện như sau:", False),
    ("I. MỤC ĐÍCH, YÊU CẦU", True),
    ("1. Mục đích", True),
    ("a) Quán triệt đầy đủ, sâu sắc các quan điểm, mục tiêu, nhiệm vụ của Nghị quyết số "
     "57-NQ/TW đến toàn thể cán bộ, công chức và Nhân dân trên địa bàn xã.", False),
    ("b) Xác định rõ nhiệm vụ, giải pháp và trách nhiệm của từng cơ quan, đơn vị trong tổ "
     "chức thực hiện, bảo đảm phù hợp với điều kiện thực tế của địa phương.", False),
    ("2. Yêu cầu", True),
    ("Các cơ quan, đơn vị chủ động xây dựng kế hoạch cụ thể, gắn với chức năng, nhiệm vụ được "
     "giao; định kỳ báo cáo kết quả thực hiện về Ủy ban nhân dân xã trước ngày 10/6 và ngày "
     "20/11 hằng năm (chi tiết chỉ tiêu tại Phụ lục I, phân công tại Phụ lục II kèm theo).", False),
    ("II. TỔ CHỨC THỰC HIỆN", True),
    ("Văn phòng HĐND và UBND xã là cơ quan đầu mối, theo dõi, đôn đốc, tổng hợp tình hình "
     "thực hiện Kế hoạch này, báo cáo Chủ tịch Ủy ban nhân dân xã theo quy định.", False),
    ("Trên đây là Kế hoạch triển khai thực hiện Nghị quyết số 57-NQ/TW của Ủy ban nhân dân xã "
     "Tân Lập./.", False),
]  # fmt: skip

ND30_RECIPIENTS = [
    "- Thường trực Đảng ủy xã;",
    "- Thường trực HĐND xã;",
    "- Chủ tịch, các Phó Chủ tịch UBND xã;",
    "- Các cơ quan, đơn vị thuộc xã;",
    "- Lưu: VT, VHXH.",
]


def build_nd30() -> Document:
    """A conforming KH-UBND (NĐ 30/2020 Phụ lục I), see the module docstring."""
    doc = docx.Document()
    setup_styles(doc, 14)
    page_setup(doc.sections[0])
    page_numbers(doc, 14)
    left, right = 60.0, 105.0
    head = borderless_table(doc, 2, [left, right])
    c = head.cell(0, 0)
    add_para(c, "ỦY BAN NHÂN DÂN", 13, bold=True, first=True)
    add_para(c, "XÃ TÂN LẬP", 13, bold=True)
    add_rule(c, 18, cell_text_width(left))
    c = head.cell(0, 1)
    add_para(c, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True, first=True)
    add_para(c, "Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    add_rule(c, 60, cell_text_width(right))
    add_para(head.cell(1, 0), "Số: 05/KH-UBND", 13, first=True)
    add_para(head.cell(1, 1), "Tân Lập, ngày 05 tháng 02 năm 2026", 14, italic=True, first=True)
    title = add_para(doc, "KẾ HOẠCH", 14, bold=True)
    title.paragraph_format.space_before = Pt(12)
    add_para(doc, "Triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị "
             "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
             "trên địa bàn xã Tân Lập năm 2026", 14, bold=True)  # fmt: skip
    add_rule(doc, 60, 165)
    for text, bold in ND30_TEXT:
        add_body(doc, text, ND30_BODY, bold=bold)
    sign = borderless_table(doc, 1, [75, 90])
    c = sign.cell(0, 0)
    add_para(c, "Nơi nhận:", 12, bold=True, italic=True, align=LEFT, first=True)
    for line in ND30_RECIPIENTS:
        add_para(c, line, 11, align=LEFT)
    c = sign.cell(0, 1)
    add_para(c, "TM. ỦY BAN NHÂN DÂN", 14, bold=True, first=True)
    add_para(c, "CHỦ TỊCH", 14, bold=True)
    for _ in range(3):
        add_para(c, "")
    add_para(c, "Nguyễn Văn An", 14, bold=True)
    for n, (caption, title_text, header, rows) in enumerate(
        [
            ("Phụ lục I", "CHỈ TIÊU THỰC HIỆN ĐẾN NĂM 2030",
             ["TT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu đến năm 2030", "Cơ quan theo dõi"],
             [["1", "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến", "%", "≥ 80", "Văn phòng"],
              ["2", "Tỷ lệ dân số trưởng thành có chữ ký số", "%", "≥ 70", "Công an xã"]]),
            ("Phụ lục II", "PHÂN CÔNG NHIỆM VỤ",
             ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"],
             [["1", "Tuyên truyền, quán triệt Nghị quyết", "Văn phòng", "Các đơn vị",
               "Thường xuyên"],
              ["2", "Phát triển hạ tầng số", "Phòng Kinh tế", "Các thôn", "2025 - 2026"]]),
        ]
    ):  # fmt: skip
        new_appendix_section(doc)
        add_para(doc, caption, 14, bold=True)
        add_para(doc, title_text, 14, bold=True)
        add_para(doc, "(Kèm theo Kế hoạch số 05/KH-UBND ngày 05 tháng 02 năm 2026 của Ủy ban "
                 "nhân dân xã Tân Lập)", 14, italic=True)  # fmt: skip
        add_para(doc, "")
        appendix_table(doc, header, rows)
        del n
    return doc


# --------------------------------------------------------------------------- HD 05 plan

HD05_BODY = Body(size=14, indent_mm=10, exact_pt=19)

HD05_TEXT = [
    ("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", False),
    ("- Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
     "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia,", False),
    ("Ban Thường vụ Đảng ủy xã Tân Lập xây dựng Kế hoạch thực hiện như sau:", False),
    ("I- MỤC ĐÍCH, YÊU CẦU", True),
    ("1. Mục đích", True),
    ("a) Quán triệt sâu sắc Nghị quyết số 57-NQ/TW trong toàn Đảng bộ, tạo sự thống nhất về "
     "nhận thức và hành động của cấp ủy, chính quyền và Nhân dân.", False),
    ("b) Cụ thể hóa các nhiệm vụ, giải pháp phù hợp với điều kiện của xã (chi tiết tại Phụ lục "
     "1 và Phụ lục 2 kèm theo).", False),
    ("II- TỔ CHỨC THỰC HIỆN", True),
    ("Văn phòng Đảng ủy theo dõi, đôn đốc, tổng hợp kết quả thực hiện, báo cáo Ban Thường vụ "
     "Đảng ủy theo định kỳ.", False),
]  # fmt: skip

HD05_RECIPIENTS = [
    "- Ban Thường vụ Tỉnh ủy (để b/c);",
    "- Các chi bộ trực thuộc;",
    "- Lưu Văn phòng Đảng ủy.",
]


def build_hd05() -> Document:
    """A conforming KH/ĐU (Hướng dẫn 05-HD/VPTW), see the module docstring."""
    doc = docx.Document()
    setup_styles(doc, 14)
    page_setup(doc.sections[0], header_mm=10)
    page_numbers(doc, 14)
    left, right = 75.0, 90.0
    head = borderless_table(doc, 2, [left, right])
    c = head.cell(0, 0)
    add_para(c, "ĐẢNG BỘ TỈNH NGHỆ AN", 14, first=True)
    add_para(c, "ĐẢNG ỦY XÃ TÂN LẬP", 14, bold=True)
    add_para(c, "*", 14)
    c = head.cell(0, 1)
    add_para(c, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True, first=True)
    add_rule(c, 73, cell_text_width(right))
    add_para(head.cell(1, 0), "Số 08-KH/ĐU", 14, first=True)
    add_para(head.cell(1, 1), "Tân Lập, ngày 05 tháng 6 năm 2026", 14, italic=True, first=True)
    title = add_para(doc, "KẾ HOẠCH", 16, bold=True)
    title.paragraph_format.space_before = Pt(12)
    add_para(doc, "thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển "
             "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số", 14, bold=True)  # fmt: skip
    add_para(doc, "-----", 14)
    for text, bold in HD05_TEXT:
        add_body(doc, text, HD05_BODY, bold=bold)
    add_body(doc, "Kế hoạch này được phổ biến đến các chi bộ và đảng viên trong Đảng bộ xã.",
             HD05_BODY)  # fmt: skip
    sign = borderless_table(doc, 1, [80, 85])
    c = sign.cell(0, 0)
    add_para(c, "Nơi nhận:", 14, underline=True, align=LEFT, first=True)
    for line in HD05_RECIPIENTS:
        add_para(c, line, 12, align=LEFT)
    c = sign.cell(0, 1)
    add_para(c, "T/M BAN THƯỜNG VỤ", 14, bold=True, first=True)
    add_para(c, "BÍ THƯ", 14)
    for _ in range(3):
        add_para(c, "")
    add_para(c, "Nguyễn Văn Bình", 14, bold=True)
    for caption, title_text in (("Phụ lục 1", "CHỈ TIÊU ĐẾN NĂM 2030"),
                                ("Phụ lục 2", "PHÂN CÔNG NHIỆM VỤ")):  # fmt: skip
        new_appendix_section(doc)
        add_para(doc, caption, 14, bold=True)
        add_para(doc, title_text, 14, bold=True)
        add_para(doc, "(Kèm theo Kế hoạch số 08-KH/ĐU ngày 05 tháng 6 năm 2026 của Ban Thường "
                 "vụ Đảng ủy xã Tân Lập)", 14, italic=True)  # fmt: skip
        appendix_table(
            doc,
            ["STT", "Nội dung", "Chủ trì", "Thời gian"],
            [["1", "Quán triệt Nghị quyết", "Ban Xây dựng Đảng", "Năm 2026"]],
        )
    return doc


# --------------------------------------------------------------------------- mutation helpers


def iter_paragraphs(doc: Document) -> Iterator[Paragraph]:
    """Every body paragraph, including those in (nested) tables, in document order."""
    for p in doc.element.body.iter(qn("w:p")):
        yield Paragraph(p, doc._body)  # type: ignore[arg-type]


def find(doc: Document, text: str, *, exact: bool = False) -> Paragraph:
    """The first paragraph whose text starts with (or equals) ``text``."""
    for p in iter_paragraphs(doc):
        if (p.text == text) if exact else p.text.startswith(text):
            return p
    raise LookupError(text)


def set_text(p: Paragraph, text: str) -> None:
    """Replace the paragraph's text, keeping the first run's formatting."""
    runs = p.runs
    runs[0].text = text
    for r in runs[1:]:
        r._r.getparent().remove(r._r)


def runs_of(p: Paragraph) -> list[object]:
    return list(p.runs)


# --------------------------------------------------------------------------- styles only

_KEEP_IN_PPR = (qn("w:pStyle"), qn("w:sectPr"), qn("w:numPr"))


def move_formatting_to_styles(doc: Document) -> None:
    """Rewrite ``doc`` so no run carries direct formatting (issue 4, acceptance 3).

    Every distinct (paragraph properties, run properties) pair becomes a paragraph style
    ``NQ<n>`` based on ``NQBase`` (based on ``Normal``); ``Normal`` loses its font and size,
    and docDefaults holds Times New Roman and 14 pt, so fonts and the common size reach each run
    through a three-level chain. Runs keep only field characters and text.
    """
    from lxml import etree

    styles = doc.styles.element
    _base_chain(doc)
    made: dict[bytes, str] = {}
    parts = [doc.element.body] + [
        part._element
        for sec in doc.sections
        for part in (sec.header, sec.first_page_header, sec.footer)
        if not part.is_linked_to_previous
    ]
    for root in parts:
        for p in root.iter(qn("w:p")):
            moved_ppr, run_rpr = _take_formatting(p)
            key = etree.tostring(moved_ppr) + b"|" + etree.tostring(run_rpr)
            style_id = made.get(key)
            if style_id is None:
                style_id = f"NQ{len(made) + 1}"
                made[key] = style_id
                styles.append(_style(style_id, f"NQ {len(made)}", "NQBase", moved_ppr, run_rpr))
            ppr = p.find(qn("w:pPr"))
            if ppr is None:
                ppr = OxmlElement("w:pPr")
                p.insert(0, ppr)
            pstyle = ppr.find(qn("w:pStyle"))
            if pstyle is None:
                pstyle = OxmlElement("w:pStyle")
                ppr.insert(0, pstyle)
            pstyle.set(qn("w:val"), style_id)


def _base_chain(doc: Document) -> None:
    """``Normal`` without run properties, 14 pt in docDefaults, and ``NQBase`` on ``Normal``."""
    styles = doc.styles.element
    normal = doc.styles["Normal"].element
    for rpr in normal.findall(qn("w:rPr")):
        normal.remove(rpr)
    defaults = styles.find(qn("w:docDefaults"))
    drpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for tag in ("w:sz", "w:szCs"):
        el = drpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            drpr.append(el)
        el.set(qn("w:val"), "28")
    base = OxmlElement("w:style")
    base.set(qn("w:type"), "paragraph")
    base.set(qn("w:styleId"), "NQBase")
    for tag, val in (("w:name", "NQ Base"), ("w:basedOn", "Normal")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        base.append(el)
    styles.append(base)


def _take_formatting(p: Any) -> tuple[Any, Any]:
    """Move a paragraph's direct formatting out: its paragraph properties (but the style,
    section and numbering) and its first text run's properties (14 pt left to docDefaults);
    every run loses its ``w:rPr``."""
    import copy

    ppr = p.find(qn("w:pPr"))
    moved_ppr = OxmlElement("w:pPr")
    if ppr is not None:
        for child in list(ppr):
            if child.tag not in _KEEP_IN_PPR:
                moved_ppr.append(child)
    runs = p.findall(f".//{qn('w:r')}")
    rprs = [r.find(qn("w:rPr")) for r in runs]
    texts = [r for r, rpr in zip(runs, rprs, strict=True) if rpr is not None]
    run_rpr = copy.deepcopy(texts[0].find(qn("w:rPr"))) if texts else OxmlElement("w:rPr")
    for rpr in rprs:
        if rpr is not None:
            rpr.getparent().remove(rpr)
    sz = run_rpr.find(qn("w:sz"))
    if sz is not None and sz.get(qn("w:val")) == "28":
        run_rpr.remove(sz)
    return moved_ppr, run_rpr


def _style(style_id: str, name: str, based_on: str, ppr: Any, rpr: Any) -> Any:
    """A custom paragraph style element holding ``ppr`` and ``rpr``."""
    st = OxmlElement("w:style")
    st.set(qn("w:type"), "paragraph")
    st.set(qn("w:customStyle"), "1")
    st.set(qn("w:styleId"), style_id)
    for tag, val in (("w:name", name), ("w:basedOn", based_on)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        st.append(el)
    st.append(ppr)
    st.append(rpr)
    return st


def style_of(doc: Document, text: str) -> Any:
    """The style element of the (first) paragraph starting with ``text``."""
    p = find(doc, text)
    style_id = p._p.pPr.find(qn("w:pStyle")).get(qn("w:val"))
    for st in doc.styles.element.findall(qn("w:style")):
        if st.get(qn("w:styleId")) == style_id:
            return st
    raise LookupError(style_id)


def doc_defaults_fonts(doc: Document) -> Any:
    """The ``w:rFonts`` element of docDefaults."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    return defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
