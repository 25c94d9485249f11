"""Document types (issue 12, point 1): each type, set out as NĐ 30/2020 or HD 05-HD/VPTW want it,
passes with zero findings, and is checked by its own rules. The Báo cáo forms (BC-UBND and
BC/ĐU) matter most: the report generator's output must pass ``nqgen check`` as it is."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from nqgen.check import check_docx
from tests.docx_fixtures import build_hd05, build_nd30, find, set_text, to_bytes


def _retitle(doc: Document, title: str, number: str) -> None:
    set_text(find(doc, "KẾ HOẠCH", exact=True), title)
    set_text(find(doc, "Số"), number)
    for p in list(doc.paragraphs):
        if p.text.startswith("(Kèm theo Kế hoạch"):
            set_text(p, p.text.replace("Kế hoạch", title.capitalize()))


def _kinh_gui(doc: Document, before: str, text: str, size: float = 14) -> None:
    p = find(doc, before).insert_paragraph_before(text)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.runs[0].font.size = Pt(size)
    p.paragraph_format.space_before = Pt(6)


def bc_ubnd(doc: Document) -> None:
    _retitle(doc, "BÁO CÁO", "Số: 05/BC-UBND")
    _kinh_gui(doc, "Thực hiện Nghị quyết", "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi.")


def bc_du(doc: Document) -> None:
    _retitle(doc, "BÁO CÁO", "Số 08-BC/ĐU")


def tt_ubnd(doc: Document) -> None:
    _retitle(doc, "TỜ TRÌNH", "Số: 05/TTr-UBND")
    _kinh_gui(doc, "Thực hiện Nghị quyết", "Kính gửi: Hội đồng nhân dân xã Tân Lập.")


def tb_ubnd(doc: Document) -> None:
    _retitle(doc, "THÔNG BÁO", "Số: 05/TB-UBND")


def qd_ubnd(doc: Document) -> None:
    _retitle(doc, "QUYẾT ĐỊNH", "Số: 05/QĐ-UBND")
    anchor = find(doc, "Thực hiện Nghị quyết")
    for text in ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
                 "Theo đề nghị của Chánh Văn phòng HĐND và UBND xã."):  # fmt: skip
        p = anchor.insert_paragraph_before(text)
        p.runs[0].italic = True
        p.runs[0].font.size = Pt(14)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Mm(12.7)
        p.paragraph_format.space_before = Pt(6)


def cv_du(doc: Document) -> None:
    """A Party công văn: no type name; "về việc …" 12 pt italic under the number (HD 05 5.2.3)."""
    from tests.docx_fixtures import add_para

    set_text(find(doc, "Số 08"), "Số 12-CV/ĐU")
    names = [p.text for p in doc.paragraphs]
    start = names.index("KẾ HOẠCH")
    for p in doc.paragraphs[start : start + 3]:  # type name, summary, "-----"
        p._p.getparent().remove(p._p)
    add_para(doc.tables[0].cell(1, 0), "về việc triển khai Nghị quyết số 57-NQ/TW", 12, italic=True)
    _kinh_gui(doc, "- Căn cứ Điều lệ", "Kính gửi: Các chi bộ trực thuộc.")


TYPES: list[tuple[str, Callable[[], Document], Callable[[Document], None], str, str]] = [
    ("BC-UBND", build_nd30, bc_ubnd, "nd30", "Báo cáo"),
    ("BC/ĐU", build_hd05, bc_du, "hd05", "Báo cáo"),
    ("TTr-UBND", build_nd30, tt_ubnd, "nd30", "Tờ trình"),
    ("TB-UBND", build_nd30, tb_ubnd, "nd30", "Thông báo"),
    ("QĐ-UBND", build_nd30, qd_ubnd, "nd30", "Quyết định"),
    ("CV/ĐU", build_hd05, cv_du, "hd05", "Công văn"),
]


@pytest.mark.parametrize(("build", "make", "standard", "type_label"), [t[1:] for t in TYPES],
                         ids=[t[0] for t in TYPES])  # fmt: skip
def test_conforming_document_of_each_type_passes(
    build: Callable[[], Document],
    make: Callable[[Document], None],
    standard: str,
    type_label: str,
) -> None:
    doc = build()
    make(doc)
    report = check_docx(to_bytes(doc))
    assert (report.standard, report.doc_type) == (standard, type_label)
    assert report.findings == [], "\n".join(str(f) for f in report.findings)


def test_report_number_must_say_bc() -> None:
    doc = build_nd30()
    bc_ubnd(doc)
    set_text(find(doc, "Số"), "Số: 05/KH-UBND")
    report = check_docx(to_bytes(doc))
    assert [f.expected for f in report.findings] == ["ký hiệu bắt đầu bằng 'BC-'"]


def test_party_report_number_must_say_bc() -> None:
    doc = build_hd05()
    bc_du(doc)
    set_text(find(doc, "Số"), "Số 08-KH/ĐU")
    report = check_docx(to_bytes(doc))
    assert [f.expected for f in report.findings] == ["tên loại viết tắt 'BC'"]


def test_to_trinh_without_kinh_gui_is_reported() -> None:
    doc = build_nd30()
    _retitle(doc, "TỜ TRÌNH", "Số: 05/TTr-UBND")
    report = check_docx(to_bytes(doc))
    assert report.rule_ids() == {"ND30-kinh-gui"}
