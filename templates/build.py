"""Build the docxtpl master templates with python-docx: the plans (``templates/kh-ubnd.docx``,
``kh-du.docx``) and the reports on them (``bc-ubnd.docx``, ``bc-du.docx``, ``nqgen report``).

Run ``python templates/build.py`` after changing this file; the .docx it writes is committed so
users can open and restyle it in Word. Every Jinja tag is one run of its own
(docs/architecture.md, docxtpl pitfall 3) and every ``{%p``/``{%tr`` tag sits alone in its
paragraph or row (pitfall 4).

Layout rules (docs/format.md §1, Nghị định 30/2020/NĐ-CP Phụ lục I):
- A4, margins top/bottom 20 mm, left 30 mm, right 15 mm (I.1, I.3); Times New Roman (I.4).
- Header: 2-column borderless table; issuer 13 pt bold with a short rule; Quốc hiệu 13 pt bold,
  Tiêu ngữ 14 pt bold with a rule as long as the text (II.1, II.2); Số 13 pt (II.3);
  place-date 14 pt italic (II.4).
- KẾ HOẠCH 14 pt bold; trích yếu 14 pt bold with a rule of 1/3-1/2 (II.5b).
- Body 14 pt, justified, first line 1 cm, 6 pt after, line spacing 1.15 (II.6e).
- Nơi nhận 12 pt bold italic, recipients 11 pt (II.9d), beside the signature block (II.7).
- Page numbers: PAGE field, 14 pt, centred in the header, none on a section's first page (I.7).
- Appendices: landscape sections numbered from 1 (III.1đ), "Phụ lục I/II" 14 pt bold, guidance
  line italic (III.1b-c), header row repeated on every page (docs/architecture.md, docxtpl
  pitfall 6).

Party rules for ``kh-du.docx`` (docs/format.md §3, §3.1, §4.3; Hướng dẫn 05-HD/VPTW of 27/5/2026):
- Margins fixed 20/20/30/15 mm, page number 10 mm from the top edge, 14 pt (IV.4-5).
- Header: superior committee 14 pt, committee name 14 pt bold, "*" under it; "ĐẢNG CỘNG SẢN
  VIỆT NAM" 15 pt bold with a rule of its width; "Số 08-KH/ĐU" 14 pt (no colon); place-date
  14 pt italic (2.1-2.2, 3.2.2, 4.2).
- Type name 16 pt bold, trích yếu 14 pt bold, "-----" under it (5.2.1).
- Body 14 pt justified, first line 10 mm, 6 pt after, line spacing Exactly 20 pt (6.2.2).
- "Nơi nhận:" 14 pt underlined, recipients 12 pt (9.2); "T/M BAN THƯỜNG VỤ" 14 pt bold, the
  title ("BÍ THƯ") 14 pt not bold, the name 14 pt bold (7.1, Phụ lục 2).
- Phụ lục 1 with Arabic number (II.1), landscape, numbered from 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

HERE = Path(__file__).resolve().parent
FONT = "Times New Roman"

# Column widths (mm). Usable portrait width 165 mm: a 13 pt Quốc hiệu needs about 96 mm.
HEADER_COLS = (62, 103)
# Party header: "ĐẢNG BỘ TỈNH THÁI NGUYÊN" at 14 pt is about 67 mm, "ĐẢNG CỘNG SẢN VIỆT NAM" at
# 15 pt bold about 65 mm, "Tân Khánh, ngày 10 tháng 12 năm 2025" at 14 pt italic about 80 mm
# (measured with Liberation Serif, metric-compatible with Times New Roman).
HEADER_COLS_DU = (78, 87)
PARTY_HEADING_MM = 65
LANDSCAPE_WIDTH = 297 - 30 - 15
TARGET_COLS = (14, 106, 22, 30, 18, 62)
#: Lengths of the rule under a KH-UBND's trích yếu (NĐ 30 PL I II.5b: 1/3 to 1/2 of the text
#: line); nqgen.render.summary_rule picks one for the summary's width.
SUMMARY_RULES_MM = (60, 40, 30)
TASK_COLS = (14, 78, 36, 46, 24, 54)  # STT in one line at 13 pt bold


# --------------------------------------------------------------------------- styles


def _set_fonts(rpr: OxmlElement, size: float | None = None) -> None:
    """All four rFonts slots = Times New Roman, no theme fonts, Vietnamese language."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(int(size * 2)))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


_J, _C, _L = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT

#: Paragraph styles of the KH-UBND master (NĐ 30/2020 Phụ lục I; see the module docstring).
UBND_STYLES: dict[str, dict[str, Any]] = {
    "NQ Cơ quan": dict(size=13, bold=True, align=_C),
    "NQ Chủ quản": dict(size=13, align=_C),
    "NQ Quốc hiệu": dict(size=13, bold=True, align=_C),
    "NQ Tiêu ngữ": dict(size=14, bold=True, align=_C),
    "NQ Số": dict(size=13, align=_C, before=6),
    "NQ Địa danh": dict(size=14, italic=True, align=_C, before=6),
    "NQ Tên loại": dict(size=14, bold=True, align=_C, before=18),
    "NQ Trích yếu": dict(size=14, bold=True, align=_C),
    "NQ Đường kẻ": dict(size=2, align=_C, after=12),
    "NQ Nội dung": dict(size=14, align=_J, indent=True, after=6, line=1.15),
    "NQ Mục": dict(size=14, bold=True, align=_J, indent=True, after=6, line=1.15, keep=True),
    "NQ Khoản": dict(size=14, bold=True, align=_J, indent=True, after=6, line=1.15, keep=True),
    "NQ Nơi nhận": dict(size=12, bold=True, italic=True, align=_L, before=12),
    "NQ Danh sách nhận": dict(size=11, align=_L),
    "NQ Thẩm quyền ký": dict(size=14, bold=True, align=_C, before=12),
    "NQ Chức vụ": dict(size=14, bold=True, align=_C),
    "NQ Người ký": dict(size=14, bold=True, align=_C),
    "NQ Phụ lục": dict(size=14, bold=True, align=_C),
    "NQ Tên phụ lục": dict(size=14, bold=True, align=_C),
    "NQ Kèm theo": dict(size=14, italic=True, align=_C),
    "NQ Bảng": dict(size=13, align=_L, before=2, after=2),
    "NQ Bảng giữa": dict(size=13, align=_C, before=2, after=2),
    "NQ Đầu bảng": dict(size=13, bold=True, align=_C, before=2, after=2),
    "NQ Nhóm bảng": dict(size=13, bold=True, align=_L, before=2, after=2),
    "NQ Thẻ": dict(size=2, align=_L),
    "NQ Số trang": dict(size=14, align=_C),
}

#: Body line spacing of a party document: Exactly 20 pt (HD 05 6.2.2: Exactly 18-22 pt).
PARTY_LINE = Pt(20)

#: Paragraph styles of the KH/ĐU master (Hướng dẫn 05-HD/VPTW Phụ lục 2; docs/format.md §3.1):
#: the same names as the UBND master, so the shared builders below serve both.
DU_STYLES: dict[str, dict[str, Any]] = {
    **UBND_STYLES,
    "NQ Cơ quan": dict(size=14, bold=True, align=_C),
    "NQ Chủ quản": dict(size=14, align=_C),
    "NQ Dấu sao": dict(size=14, align=_C),
    "NQ Tiêu đề Đảng": dict(size=15, bold=True, align=_C),
    "NQ Số": dict(size=14, align=_C, before=6),
    "NQ Địa danh": dict(size=14, italic=True, align=_C, before=6),
    "NQ Tên loại": dict(size=16, bold=True, align=_C, before=18),
    "NQ Trích yếu": dict(size=14, bold=True, align=_C),
    "NQ Gạch ngang": dict(size=14, align=_C, after=12),
    "NQ Nội dung": dict(size=14, align=_J, indent=True, after=6, line=PARTY_LINE),
    "NQ Mục": dict(size=14, bold=True, align=_J, indent=True, after=6, line=PARTY_LINE, keep=True),
    "NQ Khoản": dict(
        size=14, bold=True, align=_J, indent=True, after=6, line=PARTY_LINE, keep=True
    ),
    "NQ Nơi nhận": dict(size=14, underline=True, align=_L, before=12),
    "NQ Danh sách nhận": dict(size=12, align=_L),
    "NQ Thẩm quyền ký": dict(size=14, bold=True, align=_C, before=12),
    "NQ Chức vụ": dict(size=14, align=_C),
    "NQ Người ký": dict(size=14, bold=True, align=_C),
}


def _styles(doc: Document, spec: dict[str, dict[str, Any]]) -> None:  # type: ignore[valid-type]
    styles = doc.styles
    # document defaults (docDefaults/rPrDefault): the font every run inherits
    rpr_default = (
        styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    _set_fonts(rpr_default, 14)
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _set_fonts(normal.element.get_or_add_rPr(), 14)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    for name in ("Table Grid", "Header"):
        st = styles[name]
        _set_fonts(st.element.get_or_add_rPr())

    def pstyle(
        name: str,
        size: float,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        align: WD_ALIGN_PARAGRAPH | None = None,
        indent: bool = False,
        after: float = 0,
        before: float = 0,
        keep: bool = False,
        line: float | Length = 1.0,
        highlight: bool = False,
    ):
        """A paragraph style; ``line`` is a multiple (1.15) or an exact height (``Pt(20)``);
        ``highlight`` marks the text in yellow (a blank the office fills in)."""
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        st.quick_style = True
        st.font.size = Pt(size)
        st.font.bold = bold
        st.font.italic = italic
        if underline:
            st.font.underline = True
        if highlight:
            st.font.highlight_color = WD_COLOR_INDEX.YELLOW
        _set_fonts(st.element.get_or_add_rPr(), size)
        f = st.paragraph_format
        if align is not None:
            f.alignment = align
        f.first_line_indent = Mm(10) if indent else Mm(0)
        f.space_after = Pt(after)
        f.space_before = Pt(before)
        f.line_spacing = line  # a Length gives lineRule="exact"
        f.keep_with_next = keep
        f.widow_control = True
        return st

    for name, kwargs in spec.items():
        pstyle(name, **kwargs)


# --------------------------------------------------------------------------- helpers


def _no_proof(run) -> None:  # type: ignore[no-untyped-def]
    rpr = run._r.get_or_add_rPr()
    rpr.append(OxmlElement("w:noProof"))


def para(container, text: str, style: str):  # type: ignore[no-untyped-def]
    """A paragraph whose text (a Jinja tag or literal) is one run."""
    p = container.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        _no_proof(run)
    return p


def first_para(cell, text: str, style: str):  # type: ignore[no-untyped-def]
    p = cell.paragraphs[0]
    p.style = cell.part.document.styles[style]
    if text:
        _no_proof(p.add_run(text))
    return p


def rule(container, width_mm: float, column_mm: float, first: bool = False):  # type: ignore[no-untyped-def]
    """A centred horizontal rule: a bottom border on an empty paragraph whose left/right
    indents set its length (docs/format.md §5, CK95's approach)."""
    p = first_para(container, "", "NQ Đường kẻ") if first else para(container, "", "NQ Đường kẻ")
    side = Mm((column_mm - width_mm) / 2)
    p.paragraph_format.left_indent = side
    p.paragraph_format.right_indent = side
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{k}"), v)
    bdr.append(bottom)
    ppr.append(bdr)
    return p


def _no_borders(table) -> None:  # type: ignore[no-untyped-def]
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


def _fixed(table, widths_mm) -> None:  # type: ignore[no-untyped-def]
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(w)
    for col, w in zip(table.columns, widths_mm, strict=False):
        col.width = Mm(w)


def _row_props(row, header: bool = False) -> None:  # type: ignore[no-untyped-def]
    trpr = row._tr.get_or_add_trPr()
    if header:
        trpr.append(OxmlElement("w:tblHeader"))
    trpr.append(OxmlElement("w:cantSplit"))


def _page_field(paragraph) -> None:  # type: ignore[no-untyped-def]
    """A PAGE field (the page number, NĐ 30 PL I I.7)."""
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text or ""


def _page_setup(section, landscape: bool) -> None:  # type: ignore[no-untyped-def]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True


def _restart_numbering(section) -> None:  # type: ignore[no-untyped-def]
    pg = section._sectPr.find(qn("w:pgNumType"))
    if pg is None:
        pg = OxmlElement("w:pgNumType")
        section._sectPr.append(pg)
    pg.set(qn("w:start"), "1")


def _grid(doc, heads: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """A bordered appendix table whose first row holds ``heads`` and repeats on every page."""
    table = doc.add_table(rows=1, cols=len(heads), style="Table Grid")
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        first_para(cell, text, "NQ Đầu bảng")
    _row_props(table.rows[0], header=True)
    return table


def _cells_row(table, cells: tuple[tuple[str, str], ...]) -> None:  # type: ignore[no-untyped-def]
    """A data row: one (tag, paragraph style) per cell."""
    row = table.add_row()
    _row_props(row)
    for cell, (text, style) in zip(row.cells, cells, strict=True):
        first_para(cell, text, style)


def _tag_row(table, text: str) -> None:  # type: ignore[no-untyped-def]
    """A row holding only a {%tr ...%} tag (deleted when rendered)."""
    row = table.add_row()
    first_para(row.cells[0], text, "NQ Thẻ")


# --------------------------------------------------------------------------- documents


def _header_block_ubnd(doc) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    _fixed(table, HEADER_COLS)
    left, right = table.rows[0].cells
    first_para(left, "{{ issuer_line1 }}", "NQ Cơ quan")
    para(left, "{{ issuer_line2 }}", "NQ Cơ quan")
    rule(left, 22, HEADER_COLS[0])
    first_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "NQ Quốc hiệu")
    para(right, "Độc lập - Tự do - Hạnh phúc", "NQ Tiêu ngữ")
    rule(right, 60, HEADER_COLS[1])
    left, right = table.rows[1].cells
    first_para(left, "{{ number_line }}", "NQ Số")
    first_para(right, "{{ place_date }}", "NQ Địa danh")


def _body(doc, party: bool = False, prompts: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Title, trích yếu and body. Under the trích yếu: a rule (NĐ 30 PL I II.5b) or, in a party
    document, five hyphens "-----" (HD 05 5.2.1). ``prompts``: a report's body also has the
    blanks the office fills in (style ``NQ Cần bổ sung``)."""
    para(doc, "{{ title }}", "NQ Tên loại")
    para(doc, "{{ summary }}", "NQ Trích yếu")
    if party:
        para(doc, "-----", "NQ Gạch ngang")
    else:  # 1/3 to 1/2 of the summary's line: the renderer picks the length (summary_rule)
        for i, width in enumerate(SUMMARY_RULES_MM):
            tag = "if" if i == 0 else "elif"
            para(doc, f"{{%p {tag} summary_rule == {width} %}}", "NQ Thẻ")
            rule(doc, width, 165)
        para(doc, "{%p endif %}", "NQ Thẻ")
    para(doc, "{{ opening }}", "NQ Nội dung")
    para(doc, "{%p for b in body %}", "NQ Thẻ")
    para(doc, "{%p if b.style == 'h1' %}", "NQ Thẻ")
    para(doc, "{{ b.text }}", "NQ Mục")
    para(doc, "{%p elif b.style in ('h2', 'h3') %}", "NQ Thẻ")
    para(doc, "{{ b.text }}", "NQ Khoản")
    if prompts:
        para(doc, "{%p elif b.style == 'prompt' %}", "NQ Thẻ")
        para(doc, "{{ b.text }}", "NQ Cần bổ sung")
    para(doc, "{%p else %}", "NQ Thẻ")
    para(doc, "{{ b.text }}", "NQ Nội dung")
    para(doc, "{%p endif %}", "NQ Thẻ")
    para(doc, "{%p endfor %}", "NQ Thẻ")
    closing = para(doc, "{{ closing }}", "NQ Nội dung")
    closing.paragraph_format.keep_with_next = True  # the closing sentence goes with the signature


def _signature(doc) -> None:  # type: ignore[no-untyped-def]
    """Nơi nhận beside the signature block; the sizes come from the document's style set."""
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _fixed(table, (82, 83))
    _row_props(table.rows[0])  # the signature block stays on one page with its Nơi nhận
    left, right = table.rows[0].cells
    first_para(left, "Nơi nhận:", "NQ Nơi nhận")
    para(left, "{%p for r in recipients %}", "NQ Thẻ")
    para(left, "- {{ r }};", "NQ Danh sách nhận")
    para(left, "{%p endfor %}", "NQ Thẻ")
    para(left, "- {{ storage }}", "NQ Danh sách nhận")
    first_para(right, "{{ authority }}", "NQ Thẩm quyền ký")
    para(right, "{%p if deputy_line %}", "NQ Thẻ")
    para(right, "{{ deputy_line }}", "NQ Chức vụ")
    para(right, "{%p endif %}", "NQ Thẻ")
    para(right, "{{ signer_title }}", "NQ Chức vụ")
    for _ in range(4):
        para(right, "", "NQ Chức vụ")
    para(right, "{{ signer_name }}", "NQ Người ký")


def _appendix_heading(  # type: ignore[no-untyped-def]
    doc, label: str, title: str, party: bool = False
) -> None:
    """An appendix's label, name and "Kèm theo" line; under NĐ 30 (not HD 05) a short rule
    below the guidance line (NĐ 30 PL III Mẫu 2.1)."""
    para(doc, label, "NQ Phụ lục")
    para(doc, title, "NQ Tên phụ lục")
    para(doc, "{{ caption }}", "NQ Kèm theo")
    if not party:
        rule(doc, 50, LANDSCAPE_WIDTH)


def _grouped_table(  # type: ignore[no-untyped-def]
    doc, heads: tuple[str, ...], cells, widths
) -> None:
    """A table of ``task_groups``: one bold row per group (number, then its title across the
    other columns), then a row per task of ``g.rows`` with ``cells`` (text, style)."""
    table = _grid(doc, heads)
    _tag_row(table, "{%tr for g in task_groups %}")
    group = table.add_row()
    _row_props(group)
    first_para(group.cells[0], "{{ g.number }}", "NQ Đầu bảng")
    merged = group.cells[1].merge(group.cells[len(heads) - 1])
    first_para(merged, "{{ g.title }}", "NQ Nhóm bảng")
    _tag_row(table, "{%tr for t in g.rows %}")
    _cells_row(table, cells)
    _tag_row(table, "{%tr endfor %}")
    _tag_row(table, "{%tr endfor %}")
    _fixed(table, widths)


def _target_table(  # type: ignore[no-untyped-def]
    doc, heads: tuple[str, ...], cells, widths
) -> None:
    """A table of ``targets``: the header row, then a row per target with ``cells``."""
    table = _grid(doc, heads)
    _tag_row(table, "{%tr for t in targets %}")
    _cells_row(table, cells)
    _tag_row(table, "{%tr endfor %}")
    _fixed(table, widths)


def _appendix_targets(doc) -> None:  # type: ignore[no-untyped-def]
    _appendix_heading(doc, "Phụ lục I", "{{ targets_title }}")
    heads = ("TT", "Chỉ tiêu", "Đơn vị tính", "Mức phấn đấu", "Năm đạt", "Cơ quan chủ trì theo dõi")
    cells = (
        ("{{ t.number }}", "NQ Bảng giữa"),
        ("{{ t.indicator }}", "NQ Bảng"),
        ("{{ t.unit }}", "NQ Bảng giữa"),
        ("{{ t.value }}", "NQ Bảng giữa"),
        ("{{ t.year }}", "NQ Bảng giữa"),
        ("{{ t.monitor }}", "NQ Bảng"),
    )
    _target_table(doc, heads, cells, TARGET_COLS)


def _appendix_tasks(  # type: ignore[no-untyped-def]
    doc, heading: str, title: str = "PHÂN CÔNG NHIỆM VỤ THỰC HIỆN KẾ HOẠCH", party: bool = False
) -> None:
    _appendix_heading(doc, heading, title, party)
    heads = (
        "STT",
        "Nội dung",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian thực hiện",
        "Ghi chú",
    )
    cells = (
        ("{{ t.number }}", "NQ Bảng giữa"),
        ("{{ t.content }}", "NQ Bảng"),
        ("{{ t.lead }}", "NQ Bảng"),
        ("{{ t.partners }}", "NQ Bảng"),
        ("{{ t.deadline }}", "NQ Bảng giữa"),
        ("{{ t.note }}", "NQ Bảng"),
    )
    _grouped_table(doc, heads, cells, TASK_COLS)


def _new_section(doc, landscape: bool):  # type: ignore[no-untyped-def]
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page_setup(section, landscape)
    _restart_numbering(section)
    # The carrier paragraph python-docx adds for the previous section: keep it tiny.
    carrier = doc.paragraphs[-1]
    carrier.style = doc.styles["NQ Thẻ"]
    return section


def _new_document(spec: dict[str, dict[str, Any]]):  # type: ignore[no-untyped-def]
    """A document with the given styles, a portrait A4 first section and page numbers in the
    header of every page but the first."""
    doc = Document()
    _styles(doc, spec)
    section = doc.sections[0]
    _page_setup(section, landscape=False)
    header = section.header.paragraphs[0]
    header.style = doc.styles["NQ Số trang"]
    _page_field(header)
    section.first_page_header.paragraphs[0].style = doc.styles["NQ Số trang"]
    return doc


def _save(doc, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Core properties: the Title is a tag the renderer fills with the document's name and
    summary (docxtpl renders string core properties; nqgen.render.context ``doc_title``).
    python-docx's blank thumbnail is dropped: Explorer then shows Word's icon, not an empty
    page, and Word draws a thumbnail when the office saves the file."""
    props = doc.core_properties
    props.author = "nqgen"
    props.title = "{{ doc_title }}"
    props.language = "vi-VN"
    props.comments = ""
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del package.rels[rid]
    doc.save(str(path))


def build_ubnd(path: Path) -> None:
    """The KH-UBND master: portrait body, landscape Phụ lục I (targets) and II (tasks)."""
    doc = _new_document(UBND_STYLES)
    _header_block_ubnd(doc)
    _body(doc)
    _signature(doc)
    _new_section(doc, landscape=True)
    _appendix_targets(doc)
    _new_section(doc, landscape=True)
    _appendix_tasks(doc, "Phụ lục II")
    _save(doc, path)


def _header_block_du(doc) -> None:  # type: ignore[no-untyped-def]
    """Party header (HD 05 2.1.2c, 2.2; docs/format.md §3.1): superior committee (14, not bold),
    committee name (14 bold) and a centred "*" top left, "ĐẢNG CỘNG SẢN VIỆT NAM" (15 bold)
    with a rule of its width top right; then "Số 08-KH/ĐU" (14) and the place-date line
    (14 italic) on one row."""
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    _fixed(table, HEADER_COLS_DU)
    left, right = table.rows[0].cells
    first_para(left, "{{ issuer_superior }}", "NQ Chủ quản")
    para(left, "{%p for line in issuer %}", "NQ Thẻ")
    para(left, "{{ line }}", "NQ Cơ quan")
    para(left, "{%p endfor %}", "NQ Thẻ")
    para(left, "*", "NQ Dấu sao")
    first_para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", "NQ Tiêu đề Đảng")
    rule(right, PARTY_HEADING_MM, HEADER_COLS_DU[1])
    left, right = table.rows[1].cells
    first_para(left, "{{ number_line }}", "NQ Số")
    first_para(right, "{{ place_date }}", "NQ Địa danh")


def build_du(path: Path) -> None:
    """The KH/ĐU master (Hướng dẫn 05-HD/VPTW): portrait body with the party header, "-----"
    under the trích yếu, body Exactly 20 pt, T/M BAN THƯỜNG VỤ signature; then the optional
    landscape Phụ lục 1 (task assignment), numbered from 1 (HD 05 IV.5)."""
    doc = _new_document(DU_STYLES)
    _header_block_du(doc)
    _body(doc, party=True)
    _signature(doc)
    _new_section(doc, landscape=True)
    _appendix_tasks(doc, "Phụ lục 1", "PHÂN CÔNG NHIỆM VỤ THỰC HIỆN {{ title }}", party=True)
    _save(doc, path)


# --------------------------------------------------------------------------- reports (báo cáo)

#: Appendix columns of a report (mm, landscape usable width 252 mm).
RESULT_COLS = (14, 92, 42, 66, 38)
TARGET_RESULT_COLS = (12, 96, 22, 38, 38, 46)

#: The report's blank for the office (a paragraph in square brackets, "[Bổ sung: …]"): a body
#: paragraph (upright: NĐ 30 II.6e) highlighted in yellow, as offices mark what a draft still
#: needs, so a reader sees it is still to be written.
PROMPT_STYLE = {"NQ Cần bổ sung": dict(UBND_STYLES["NQ Nội dung"], highlight=True)}
PROMPT_STYLE_DU = {"NQ Cần bổ sung": dict(DU_STYLES["NQ Nội dung"], highlight=True)}


def _appendix_results(doc, party: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Results of the tasks: STT | Nhiệm vụ | Cơ quan chủ trì | Kết quả | Tiến độ, one bold row
    per task group."""
    _appendix_heading(doc, "{{ appendix_tasks }}", "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ", party)
    heads = ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Kết quả", "Tiến độ")
    cells = (
        ("{{ t.number }}", "NQ Bảng giữa"),
        ("{{ t.content }}", "NQ Bảng"),
        ("{{ t.lead }}", "NQ Bảng"),
        ("{{ t.result }}", "NQ Bảng"),
        ("{{ t.progress }}", "NQ Bảng"),
    )
    _grouped_table(doc, heads, cells, RESULT_COLS)


def _appendix_target_results(doc, party: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Targets: TT | Chỉ tiêu | Đơn vị tính | Kế hoạch | Thực hiện | Đánh giá."""
    _appendix_heading(doc, "{{ appendix_targets }}", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", party)
    heads = ("TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Đánh giá")
    cells = (
        ("{{ t.number }}", "NQ Bảng giữa"),
        ("{{ t.indicator }}", "NQ Bảng"),
        ("{{ t.unit }}", "NQ Bảng giữa"),
        ("{{ t.planned }}", "NQ Bảng giữa"),
        ("{{ t.done }}", "NQ Bảng giữa"),
        ("{{ t.verdict }}", "NQ Bảng"),
    )
    _target_table(doc, heads, cells, TARGET_RESULT_COLS)


def build_bc_ubnd(path: Path) -> None:
    """The BC-UBND master (báo cáo of the People's Committee, NĐ 30/2020): the KH-UBND header and
    signature, the report body, then two landscape appendices numbered from 1: the tasks'
    results and the targets' (the second is dropped when the plan has no targets)."""
    doc = _new_document({**UBND_STYLES, **PROMPT_STYLE})
    _header_block_ubnd(doc)
    _body(doc, prompts=True)
    _signature(doc)
    _new_section(doc, landscape=True)
    _appendix_results(doc)
    _new_section(doc, landscape=True)
    _appendix_target_results(doc)
    _save(doc, path)


def build_bc_du(path: Path) -> None:
    """The BC/ĐU master (báo cáo of the Đảng ủy, Hướng dẫn 05-HD/VPTW): the KH/ĐU header and
    signature, "-----" under the trích yếu, the report body, then Phụ lục 1 and 2 in landscape."""
    doc = _new_document({**DU_STYLES, **PROMPT_STYLE_DU})
    _header_block_du(doc)
    _body(doc, party=True, prompts=True)
    _signature(doc)
    _new_section(doc, landscape=True)
    _appendix_results(doc, party=True)
    _new_section(doc, landscape=True)
    _appendix_target_results(doc, party=True)
    _save(doc, path)


TEMPLATES = (
    ("kh-ubnd.docx", build_ubnd),
    ("kh-du.docx", build_du),
    ("bc-ubnd.docx", build_bc_ubnd),
    ("bc-du.docx", build_bc_du),
)


def main() -> int:
    for name, build in TEMPLATES:
        build(HERE / name)
        print(HERE / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
