"""Find the parts of a plan in a DOCX (nhận diện các thành phần thể thức).

The header block (Quốc hiệu, Tiêu ngữ or "ĐẢNG CỘNG SẢN VIỆT NAM", issuing body, number,
place-date), the title (tên loại) and summary (trích yếu), the body, the signature block
(chữ ký) with Nơi nhận, and the appendices (phụ lục) are recognised by their text, not by
fixed positions, so hand-made documents laid out differently are still read. The layout follows
FORMAT.md §1.1 and §3.1 (NĐ 30/2020 Phụ lục I, Mục IV; HD 05-HD/VPTW Phụ lục 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nqgen.check.docx_model import DocxModel, Para, Section, Table
from nqgen.check.metrics import text_width_twips
from nqgen.check.text import fold, looks_like_date_line

TYPE_NAMES = frozenset(
    {
        "NGHỊ QUYẾT",
        "QUYẾT ĐỊNH",
        "CHỈ THỊ",
        "QUY CHẾ",
        "QUY ĐỊNH",
        "THÔNG CÁO",
        "THÔNG BÁO",
        "HƯỚNG DẪN",
        "CHƯƠNG TRÌNH",
        "KẾ HOẠCH",
        "PHƯƠNG ÁN",
        "ĐỀ ÁN",
        "DỰ ÁN",
        "BÁO CÁO",
        "BIÊN BẢN",
        "TỜ TRÌNH",
        "HỢP ĐỒNG",
        "CÔNG ĐIỆN",
        "BẢN GHI NHỚ",
        "BẢN THỎA THUẬN",
        "GIẤY ỦY QUYỀN",
        "GIẤY MỜI",
        "GIẤY GIỚI THIỆU",
        "GIẤY NGHỈ PHÉP",
        "PHIẾU GỬI",
        "PHIẾU CHUYỂN",
        "PHIẾU BÁO",
        "KẾT LUẬN",
        "CHƯƠNG TRÌNH HÀNH ĐỘNG",
        "KẾ HOẠCH HÀNH ĐỘNG",
    }
)
"""Type names (tên loại văn bản) of NĐ 30/2020 Phụ lục III and of Party documents (HD 05 III)."""

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
TIEU_DE = "ĐẢNG CỘNG SẢN VIỆT NAM"

AUTHORITY = re.compile(r"^\s*(T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|TM|KT|TL|TUQ|Q)(\.|\s)\s*\S")
_NUMBER = re.compile(r"^\s*số(\s|:|$)", re.IGNORECASE)
_CAPTION = re.compile(r"^\s*phụ\s+lục(\s+\S+)?\s*$", re.IGNORECASE)
_UNDERSCORES = re.compile(r"^_{3,}$")
_DASHES = re.compile(r"^-{3,}$")
_ASTERISK = re.compile(r"^\*[\s*]*$")


@dataclass(slots=True)
class RuleLine:
    """A horizontal rule (đường kẻ) found under a paragraph: how it is drawn and its length."""

    how: str  # "shape", "border", "underline", "underscores"
    length: float | None  # twips, None when it cannot be measured
    para: Para


@dataclass(slots=True, eq=False)
class Appendix:
    """One appendix (phụ lục): caption ("Phụ lục I"), title lines, guidance line, tables."""

    caption: Para
    titles: list[Para] = field(default_factory=list)
    guidance: Para | None = None
    tables: list[Table] = field(default_factory=list)
    section: int = 0


@dataclass(slots=True, eq=False)
class Layout:
    """The recognised parts of a plan; any of them may be missing in a hand-made document."""

    model: DocxModel
    header: list[Para] = field(default_factory=list)
    quoc_hieu: Para | None = None
    tieu_ngu: Para | None = None
    tieu_de: Para | None = None
    issuer: list[Para] = field(default_factory=list)
    asterisk: Para | None = None
    number: Para | None = None
    date: Para | None = None
    title: Para | None = None
    summary: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    authority: Para | None = None
    signature: list[Para] = field(default_factory=list)  # lines after the authority line
    noi_nhan: Para | None = None
    recipients: list[Para] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    body_end: int = 0  # order of the first paragraph after the body

    # -- helpers used by rules

    def section_of(self, para: Para) -> Section:
        return self.model.sections[para.section]

    def main_sections(self) -> set[int]:
        """Sections holding the title, body and signature (not appendix-only sections)."""
        appendix_sections = {a.section for a in self.appendices}
        used = {p.section for p in (self.title, self.authority, *self.body[:1]) if p is not None}
        return used or ({0} - appendix_sections) or {0}

    def following(self, para: Para, limit: int = 3) -> list[Para]:
        """The next paragraphs in the same container (same cell, or body level)."""
        paras = self.model.paras
        out: list[Para] = []
        for nxt in paras[para.order + 1 :]:
            if not same_container(para, nxt):
                break
            out.append(nxt)
            if len(out) >= limit:
                break
        return out

    def rule_below(self, para: Para) -> RuleLine | None:
        """The rule under ``para``: its own line shape, bottom border or full underline, or a
        rule paragraph that follows it in the same cell (empty paragraphs skipped)."""
        found = _own_rule(para, self.container_width(para))
        if found:
            return found
        for nxt in self.following(para, limit=3):
            if nxt.props.border_top:
                return RuleLine("border", self.container_width(nxt), nxt)
            if is_rule(nxt):
                return _own_rule(nxt, self.container_width(nxt)) or RuleLine("border", None, nxt)
            if nxt.stripped:
                return None
        return None

    def container_width(self, para: Para) -> float | None:
        """Width (twips) between the paragraph's indents: cell text width or page text width."""
        base: float | None
        if para.cell is not None:
            base = para.cell.text_width
        else:
            base = self.model.sections[para.section].text_width
        if base is None:
            return None
        return base - para.props.ind_left - para.props.ind_right


def same_container(a: Para, b: Para) -> bool:
    if a.cell is None or b.cell is None:
        return a.cell is None and b.cell is None
    return a.cell.cell_key == b.cell.cell_key


def is_rule(para: Para) -> bool:
    """An otherwise empty paragraph that draws a rule (shape, border or underscores)."""
    text = para.stripped
    if text and not _UNDERSCORES.match(text):
        return False
    return bool(para.lines or para.props.border_bottom or para.props.border_top or text)


def is_asterisk(para: Para) -> bool:
    return bool(_ASTERISK.match(para.stripped))


def is_dashes(para: Para) -> bool:
    return bool(_DASHES.match(para.stripped))


def is_decoration(para: Para) -> bool:
    return is_rule(para) or is_asterisk(para) or is_dashes(para)


def para_width(para: Para) -> float:
    """Estimated width (twips) of the paragraph's text on one line, run by run."""
    total = 0.0
    for run in para.runs:
        if run.props.hidden or not run.text:
            continue
        text = run.text.upper() if run.props.caps else run.text
        total += text_width_twips(text, run.props.size or 11.0, run.props.bold)
    return total


def _own_rule(para: Para, width: float | None) -> RuleLine | None:
    if para.lines:
        return RuleLine("shape", max(para.lines), para)
    text = para.stripped
    if text and _UNDERSCORES.match(text):
        size = next((r.props.size for r in para.runs if r.text.strip()), None) or 11.0
        return RuleLine("underscores", text_width_twips(text, size), para)
    if para.props.border_bottom:
        return RuleLine("border", width, para)
    visible = para.visible_runs()
    if text and visible and all(r.props.underline for r in visible):
        return RuleLine("underline", para_width(para), para)
    return None


def _title_key(para: Para) -> str:
    return fold(para.text).upper()


def build_layout(model: DocxModel) -> Layout:
    """Recognise the parts of the document (see the module docstring)."""
    lay = Layout(model)
    paras = model.paras
    title_i = next(
        (i for i, p in enumerate(paras) if p.cell is None and _title_key(p) in TYPE_NAMES), None
    )
    if title_i is not None:
        lay.title = paras[title_i]
        lay.header = paras[:title_i]
    else:
        first_text = next((i for i, p in enumerate(paras) if p.cell is None and p.stripped), 0)
        lay.header = paras[:first_text]
    _header(lay)
    start = _summary(lay, title_i) if title_i is not None else len(lay.header)
    _signature(lay, start)
    end = lay.body_end
    lay.body = [
        p for p in paras[start:end] if p.cell is None and p.stripped and not is_decoration(p)
    ]
    _appendices(lay)
    return lay


def _header(lay: Layout) -> None:
    for p in lay.header:
        key = fold(p.text).upper()
        if lay.quoc_hieu is None and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in key:
            lay.quoc_hieu = p
        elif lay.tieu_de is None and TIEU_DE in key:
            lay.tieu_de = p
        elif lay.tieu_ngu is None and "ĐỘC LẬP" in key and "TỰ DO" in key:
            lay.tieu_ngu = p
        elif lay.number is None and _NUMBER.match(p.text):
            lay.number = p
        elif lay.date is None and looks_like_date_line(p.text):
            lay.date = p
        elif lay.asterisk is None and is_asterisk(p):
            lay.asterisk = p
    taken = {id(p) for p in (lay.quoc_hieu, lay.tieu_ngu, lay.tieu_de, lay.number, lay.date)}
    right_cols = {
        (p.cell.table, p.cell.col)
        for p in (lay.quoc_hieu, lay.tieu_ngu, lay.tieu_de, lay.date)
        if p is not None and p.cell is not None
    }
    limit = lay.number.order if lay.number is not None else None
    for p in lay.header:
        if limit is not None and p.order > limit:
            break
        if id(p) in taken or not p.stripped or is_decoration(p):
            continue
        if p.cell is not None and (p.cell.table, p.cell.col) in right_cols:
            continue
        lay.issuer.append(p)


def _summary(lay: Layout, title_i: int) -> int:
    """Collect the summary (trích yếu) lines after the title; return where the body starts."""
    paras = lay.model.paras
    i = title_i + 1
    while i < len(paras) and paras[i].cell is None and not paras[i].stripped:
        if is_rule(paras[i]):
            break
        i += 1
    while i < len(paras) and len(lay.summary) < 3:
        p = paras[i]
        if p.cell is not None or not p.stripped or is_decoration(p) or p.props.jc != "center":
            break
        lay.summary.append(p)
        i += 1
    # the rule or "-----" under the summary belongs to the title block
    while (
        i < len(paras)
        and paras[i].cell is None
        and (is_decoration(paras[i]) or not paras[i].stripped)
    ):
        i += 1
    return i


def _signature(lay: Layout, start: int) -> None:
    paras = lay.model.paras
    lay.body_end = len(paras)
    for p in paras[start:]:
        if lay.noi_nhan is None and fold(p.stripped).lower().startswith("nơi nhận"):
            lay.noi_nhan = p
        if lay.authority is None and AUTHORITY.match(p.text) and p.text.strip().isupper():
            lay.authority = p
        if lay.noi_nhan is not None and lay.authority is not None:
            break
    anchors = [p for p in (lay.noi_nhan, lay.authority) if p is not None]
    if anchors:
        first = min(anchors, key=lambda p: p.order)
        end = first.order
        if first.cell is not None:
            table = next(t for t in lay.model.tables if t.index == first.cell.table)
            end = min(end, table.first_para_order)
        lay.body_end = end
    if lay.authority is not None:
        lay.signature = [
            p for p in lay.following(lay.authority, limit=12) if not _CAPTION.match(p.text)
        ]
    if lay.noi_nhan is not None:
        for p in lay.following(lay.noi_nhan, limit=40):
            if lay.noi_nhan.cell is None and (not p.stripped or _CAPTION.match(p.text)):
                break
            if p.stripped:
                lay.recipients.append(p)


def _appendices(lay: Layout) -> None:
    model = lay.model
    after = max((p.order for p in (lay.authority, lay.noi_nhan, *lay.recipients) if p), default=-1)
    if after < 0:
        after = lay.body_end
    captions = [
        p
        for p in model.paras[after + 1 :]
        if p.cell is None and _CAPTION.match(p.text) and len(p.stripped) <= 20
    ]
    for n, cap in enumerate(captions):
        nxt = captions[n + 1].order if n + 1 < len(captions) else len(model.paras)
        app = Appendix(cap, section=cap.section)
        for p in model.paras[cap.order + 1 : nxt]:
            if p.cell is not None:
                break
            if not p.stripped or is_decoration(p):
                continue
            if p.stripped.startswith("("):
                app.guidance = p
                break
            if len(app.titles) >= 3:
                break
            app.titles.append(p)
        app.tables = [
            t for t in model.tables if cap.order < t.first_para_order < nxt and not t.nested
        ]
        lay.appendices.append(app)
