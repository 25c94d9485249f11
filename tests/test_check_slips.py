"""The real-world slip list of issue 4 (acceptance 4), each caught with the right rule id."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from docx.document import Document
from docx.shared import Inches, Mm

from nqgen.check import check_docx
from tests.docx_fixtures import build_nd30, find, iter_paragraphs, set_text, to_bytes


def hanh_phuc(doc: Document) -> None:
    set_text(find(doc, "Độc lập"), "Độc lập - Tự do - Hạnh Phúc")


def en_dash(doc: Document) -> None:
    set_text(find(doc, "Độc lập"), "Độc lập – Tự do – Hạnh phúc")


def no_leading_zero_date(doc: Document) -> None:
    set_text(find(doc, "Tân Lập, ngày"), "Tân Lập, ngày 5 tháng 1 năm 2026")


def no_leading_zero_number(doc: Document) -> None:
    set_text(find(doc, "Số:"), "Số: 5/KH-UBND")


def noi_nhan_plain(doc: Document) -> None:
    run = find(doc, "Nơi nhận").runs[0]
    run.bold = False
    run.italic = False


def arial(doc: Document) -> None:
    for p in iter_paragraphs(doc):
        for run in p.runs:
            run.font.name = "Arial"


def left_margin_25(doc: Document) -> None:
    doc.sections[0].left_margin = Mm(25)


def us_letter(doc: Document) -> None:
    doc.sections[0].page_width, doc.sections[0].page_height = Inches(8.5), Inches(11)


def page_number_on_page_one(doc: Document) -> None:
    doc.sections[0].different_first_page_header_footer = False


SLIPS: list[tuple[str, Callable[[Document], None], str]] = [
    ("Hạnh Phúc", hanh_phuc, "ND30-tieu-ngu"),
    ("– thay cho -", en_dash, "ND30-tieu-ngu"),
    ("ngày 5 tháng 1", no_leading_zero_date, "ND30-date"),
    ("Số: 5/KH-UBND", no_leading_zero_number, "ND30-number"),
    ("Nơi nhận không đậm nghiêng", noi_nhan_plain, "ND30-noi-nhan"),
    ("phông Arial", arial, "ND30-font"),
    ("lề trái 25 mm", left_margin_25, "ND30-margin-left"),
    ("khổ Letter", us_letter, "ND30-paper"),
    ("số trang ở trang 1", page_number_on_page_one, "ND30-page-number"),
]


@pytest.mark.parametrize(("slip", "rule"), [s[1:] for s in SLIPS], ids=[s[0] for s in SLIPS])
def test_each_slip_is_caught(slip: Callable[[Document], None], rule: str) -> None:
    doc = build_nd30()
    slip(doc)
    report = check_docx(to_bytes(doc))
    assert report.rule_ids() == {rule}
    assert all(f.severity == "error" for f in report.findings)
    assert all(f.message and f.expected and f.found for f in report.findings)


def test_all_slips_together_are_all_caught() -> None:
    doc = build_nd30()
    for _, slip, _ in SLIPS:
        slip(doc)
    report = check_docx(to_bytes(doc))
    assert {rule for _, _, rule in SLIPS} <= report.rule_ids()
