"""The DOCX model: effective run and paragraph properties, sections, headers, tables."""

from __future__ import annotations

import io
import zipfile

from nqgen.check.docx_model import DocxModel

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}{R}>
  <w:docDefaults>
    <w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>
      <w:sz w:val="22"/></w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/>
      </w:pPr></w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Base"><w:basedOn w:val="Normal"/>
    <w:pPr><w:jc w:val="both"/><w:ind w:firstLine="567"/></w:pPr>
    <w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/>
    </w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Body"><w:basedOn w:val="Base"/>
    <w:pPr><w:spacing w:before="120"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Loop1"><w:basedOn w:val="Loop2"/></w:style>
  <w:style w:type="paragraph" w:styleId="Loop2"><w:basedOn w:val="Loop1"/></w:style>
  <w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/><w:i/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Arial"><w:basedOn w:val="Strong"/>
    <w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:tblPr><w:tblCellMar>
    <w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>
  </w:style>
  <w:style w:type="table" w:styleId="Grid"><w:basedOn w:val="TableNormal"/>
    <w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="24"/><w:i/></w:rPr></w:style>
</w:styles>"""

THEME = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="t">
<a:themeElements>
<a:fontScheme name="f"><a:majorFont><a:latin typeface="Calibri Light"/></a:majorFont>
<a:minorFont><a:latin typeface="Calibri"/></a:minorFont></a:fontScheme></a:themeElements>
</a:theme>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W.strip()}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">
<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>"""  # noqa: E501

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""  # noqa: E501

HEADER = f"""<w:hdr {W}{R}><w:p><w:pPr><w:jc w:val="center"/></w:pPr>
<w:fldSimple w:instr=" PAGE \\* MERGEFORMAT "><w:r><w:t>2</w:t></w:r></w:fldSimple></w:p></w:hdr>"""
FOOTER = f"""<w:ftr {W}{R}><w:p><w:r><w:t>chân trang</w:t></w:r></w:p></w:ftr>"""

BODY = """
<w:p><w:pPr><w:pStyle w:val="Body"/></w:pPr><w:r><w:t>body</w:t></w:r>
  <w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>xor</w:t></w:r>
  <w:r><w:rPr><w:rStyle w:val="Strong"/><w:b/></w:rPr><w:t>direct</w:t></w:r>
  <w:r><w:rPr><w:rStyle w:val="Arial"/></w:rPr><w:t>arial</w:t></w:r></w:p>
<w:p><w:r><w:t>theme</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Loop1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>
  </w:pPr><w:r><w:rPr><w:caps/></w:rPr><w:t>loop</w:t></w:r></w:p>
<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rId4"/>
  <w:footerReference w:type="default" r:id="rId5"/><w:pgSz w:w="11906" w:h="16838"/>
  <w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567"/>
  <w:titlePg/></w:sectPr></w:pPr></w:p>
<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/>
  <w:gridCol w:w="6000"/></w:tblGrid>
  <w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>
    <w:tc><w:tcPr><w:tcMar><w:left w:w="0" w:type="dxa"/></w:tcMar></w:tcPr>
      <w:p><w:r><w:t>b</w:t></w:r></w:p>
      <w:tbl><w:tr><w:tc><w:p><w:r><w:rPr><w:i w:val="0"/></w:rPr><w:t>nested</w:t></w:r></w:p>
      </w:tc></w:tr></w:tbl></w:tc></w:tr>
  <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>
    <w:p><w:r><w:t>span</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl>
<w:sdt><w:sdtContent><w:p><w:r><w:t>in sdt</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr>
  <w:t>hidden</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>
  <w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/>
  <w:pgNumType w:start="1"/></w:sectPr>"""


def make_docx(body: str = BODY) -> bytes:
    doc = f"<w:document {W}{R}><w:body>{body}</w:body></w:document>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("word/_rels/document.xml.rels", RELS)
        zf.writestr("word/document.xml", doc)
        zf.writestr("word/styles.xml", STYLES)
        zf.writestr("word/theme/theme1.xml", THEME)
        zf.writestr("word/numbering.xml", NUMBERING)
        zf.writestr("word/header1.xml", HEADER)
        zf.writestr("word/footer1.xml", FOOTER)
    return buf.getvalue()


def load() -> DocxModel:
    return DocxModel.load(make_docx())


def test_style_chain_and_toggles() -> None:
    p = load().paras[0]
    body, xor, direct, arial = p.runs
    assert body.props.font == "Times New Roman" and body.props.size == 14
    assert body.props.bold  # from Body
    assert not xor.props.bold  # Body bold XOR Strong bold
    assert xor.props.italic  # italic only in Strong
    assert direct.props.bold  # direct formatting is absolute
    assert arial.props.font == "Arial" and arial.props.italic  # char style basedOn chain
    assert p.props.jc == "both" and p.props.first_line == 567
    assert p.props.before == 120 and p.props.after == 160  # docDefaults attribute kept


def test_theme_font_resolved_and_flagged() -> None:
    run = load().paras[1].runs[0]
    assert run.props.font == "Calibri" and run.props.font_theme == "minorHAnsi"
    assert run.props.size == 11


def test_basedon_loop_and_numbering_indent() -> None:
    p = load().paras[2]
    assert p.numbered and p.props.ind_left == 720 and p.props.first_line == -360
    assert p.runs[0].props.caps


def test_sections_headers_and_inheritance() -> None:
    m = load()
    assert len(m.sections) == 2
    first, second = m.sections
    assert first.title_pg and not second.title_pg
    assert first.header_distance == 567 and not first.landscape
    assert second.landscape and second.page_start == 1
    assert second.headers == {"default": "word/header1.xml"}  # inherited
    header = m.parts["word/header1.xml"][0]
    assert header.has_field("PAGE") and header.props.jc == "center"
    assert header.runs[0].field and header.text == "2"
    assert m.parts["word/footer1.xml"][0].part == "footer"


def test_tables_cells_and_table_style() -> None:
    m = load()
    a, b, nested, span = (p for p in m.paras if p.cell is not None)
    assert a.cell is not None and (a.cell.table, a.cell.row, a.cell.col) == (1, 1, 1)
    assert a.cell.text_width == 3000 - 216
    assert b.cell is not None and b.cell.text_width == 6000 - 108  # tcMar left 0
    assert a.runs[0].props.size == 12 and a.runs[0].props.italic  # table style rPr
    assert a.props.after == 0  # table style pPr
    assert nested.cell is not None and nested.cell.table == 2
    assert not nested.runs[0].props.italic  # direct i=0 wins
    assert span.cell is not None and span.cell.text_width == 9000 - 216
    tables = {t.index: t for t in m.tables}
    assert tables[1].first_row_header and tables[1].rows == 2 and not tables[2].first_row_header
    assert tables[2].nested


def test_sdt_content_and_hidden_runs() -> None:
    m = load()
    p = m.paras[-1]
    assert p.text == "in sdt" and len(p.runs) == 2
    assert [r.text for r in p.visible_runs()] == ["in sdt"]
    assert p.section == 1


def test_locations() -> None:
    m = load()
    loc = m.paras[0].location()
    assert (loc.section, loc.paragraph, loc.table) == (1, 1, None)
    cell = next(p for p in m.paras if p.text == "b").location()
    assert (cell.table, cell.row, cell.cell, cell.paragraph) == (1, 1, 2, 1)
    assert "bảng 1, hàng 1, ô 2, đoạn 1" in cell.describe()
