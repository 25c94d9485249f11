"""Effective properties (issue 4, acceptance 3): a plan whose runs carry no direct formatting
is judged through its styles and document defaults."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx.oxml.ns import qn

from nqgen.check import check_docx
from tests.docx_fixtures import (
    build_hd05,
    build_nd30,
    doc_defaults_fonts,
    move_formatting_to_styles,
    style_of,
    to_bytes,
)

BUILDERS = {"nd30": build_nd30, "hd05": build_hd05}


def styled(standard: str):  # type: ignore[no-untyped-def]
    doc = BUILDERS[standard]()
    move_formatting_to_styles(doc)
    return doc


@pytest.mark.parametrize("standard", ["nd30", "hd05"])
def test_runs_without_direct_formatting_pass(standard: str) -> None:
    data = to_bytes(styled(standard))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "<w:rPr" not in xml  # nothing on the runs: all from styles / docDefaults
    report = check_docx(data)
    assert report.standard == standard
    assert report.findings == []


@pytest.mark.parametrize("standard", ["nd30", "hd05"])
def test_doc_defaults_arial_is_a_font_finding(standard: str) -> None:
    doc = styled(standard)
    fonts = doc_defaults_fonts(doc)
    for slot in ("ascii", "hAnsi"):
        fonts.set(qn(f"w:{slot}"), "Arial")
    report = check_docx(to_bytes(doc))
    assert report.rule_ids() == {f"{standard.upper()}-font"}
    assert "Arial" in report.findings[0].found


def test_theme_font_counts_as_not_times_new_roman() -> None:
    doc = styled("nd30")
    fonts = doc_defaults_fonts(doc)
    for slot in ("ascii", "hAnsi"):
        del fonts.attrib[qn(f"w:{slot}")]
        fonts.set(qn(f"w:{slot}Theme"), "minorHAnsi")
    report = check_docx(to_bytes(doc))
    assert report.rule_ids() == {"ND30-font"}
    assert "minorHAnsi" in report.findings[0].found  # python-docx's theme maps it to Cambria


def test_theme_font_mapped_to_times_new_roman_passes() -> None:
    doc = styled("nd30")
    fonts = doc_defaults_fonts(doc)
    for slot in ("ascii", "hAnsi"):
        del fonts.attrib[qn(f"w:{slot}")]
        fonts.set(qn(f"w:{slot}Theme"), "minorHAnsi")
    data = to_bytes(doc)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "word/theme/theme1.xml":
                content, n = re.subn(
                    rb'(<a:minorFont>\s*<a:latin typeface=")[^"]*"',
                    rb'\1Times New Roman"',
                    content,
                )
                assert n == 1
            dst.writestr(item, content)
    assert check_docx(out.getvalue()).findings == []


def test_body_size_inherited_from_a_style_chain() -> None:
    doc = styled("nd30")
    body_style = style_of(doc, "Văn phòng HĐND và UBND xã là cơ quan đầu mối")
    rpr = body_style.find(qn("w:rPr"))
    sz = rpr.makeelement(qn("w:sz"), {qn("w:val"): "24"})
    rpr.append(sz)
    report = check_docx(to_bytes(doc))
    assert report.rule_ids() == {"ND30-body-size"}


def test_paragraph_indent_inherited_from_a_style() -> None:
    doc = styled("hd05")
    body_style = style_of(doc, "Văn phòng Đảng ủy theo dõi")
    ind = body_style.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    ind.set(qn("w:firstLine"), "0")
    report = check_docx(to_bytes(doc))
    assert report.rule_ids() == {"HD05-body-indent"}


def test_bold_italic_of_noi_nhan_read_from_its_style() -> None:
    doc = styled("nd30")
    rpr = style_of(doc, "Nơi nhận").find(qn("w:rPr"))
    for tag in ("w:b", "w:i"):
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)
    report = check_docx(to_bytes(doc))
    assert report.rule_ids() == {"ND30-noi-nhan"}
