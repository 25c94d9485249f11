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
    seq: list[Para] = field(default_factory=list)  # body lines in reading order
    pos: dict[int, int] = field(default_factory=dict)  # id(line) → index in seq
    body_end: int = 0  # index in seq of the first line after the body

    # -- helpers used by rules

    def section_of(self, para: Para) -> Section:
        return self.model.sections[para.section]

    def index(self, para: Para) -> int:
        return self.pos[id(para)]

    def following(self, para: Para, limit: int = 3) -> list[Para]:
        """The next lines in the same container (same cell, or body level)."""
        out: list[Para] = []
        for nxt in self.seq[self.index(para) + 1 :]:
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
                break
        if para.cell is not None:
            # A floating line shape is often anchored to another paragraph of the same cell
            # (e.g. the Quốc hiệu) while drawn under this one: count it.
            for other in self.seq:
                if other.lines and other.cell is not None:
                    if other.cell.cell_key == para.cell.cell_key and other is not para:
                        return RuleLine("shape", max(other.lines), other)
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


def _lines(model: DocxModel) -> list[Para]:
    """Body paragraphs cut at manual line breaks; header-block lines also cut at tabs."""
    seq: list[Para] = []
    for p in model.paras:
        seq.extend(p.split("\n"))
    title_i = next((i for i, p in enumerate(seq) if _is_title(p)), None)
    if title_i is None:
        return seq
    head = [piece for p in seq[:title_i] for piece in p.split("\t", keep_empty=False)]
    return head + seq[title_i:]


def _is_title(p: Para) -> bool:
    return p.cell is None and _title_key(p) in TYPE_NAMES


def build_layout(model: DocxModel) -> Layout:
    """Recognise the parts of the document (see the module docstring)."""
    seq = _lines(model)
    lay = Layout(model, seq=seq, pos={id(p): i for i, p in enumerate(seq)})
    title_i = next((i for i, p in enumerate(seq) if _is_title(p)), None)
    if title_i is not None:
        lay.title = seq[title_i]
        lay.header = seq[:title_i]
    else:
        first_text = next((i for i, p in enumerate(seq) if p.cell is None and p.stripped), 0)
        lay.header = seq[:first_text]
    _header(lay)
    start = _summary(lay, title_i) if title_i is not None else len(lay.header)
    _signature(lay, start)
    lay.body = [
        p
        for p in seq[start : lay.body_end]
        if p.cell is None and p.stripped and not is_decoration(p)
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
    limit = lay.index(lay.number) if lay.number is not None else None
    for p in lay.header:
        if limit is not None and lay.index(p) > limit:
            break
        if id(p) in taken or not p.stripped or is_decoration(p):
            continue
        if p.cell is not None and (p.cell.table, p.cell.col) in right_cols:
            continue
        lay.issuer.append(p)


def _summary(lay: Layout, title_i: int) -> int:
    """Collect the summary (trích yếu) lines after the title; return where the body starts."""
    seq = lay.seq
    i = title_i + 1
    while i < len(seq) and seq[i].cell is None and not seq[i].stripped:
        if is_rule(seq[i]):
            break
        i += 1
    while i < len(seq) and len(lay.summary) < 3:
        p = seq[i]
        if p.cell is not None or not p.stripped or is_decoration(p) or p.props.jc != "center":
            break
        lay.summary.append(p)
        i += 1
    # the rule or "-----" under the summary belongs to the title block
    while i < len(seq) and seq[i].cell is None and (is_decoration(seq[i]) or not seq[i].stripped):
        i += 1
    return i


def _signature(lay: Layout, start: int) -> None:
    seq = lay.seq
    lay.body_end = len(seq)
    for p in seq[start:]:
        if lay.noi_nhan is None and p.stripped[:8].lower() == "nơi nhận":
            lay.noi_nhan = p
        if lay.authority is None and AUTHORITY.match(p.text) and len(p.stripped) < 80:
            lay.authority = p
        if lay.noi_nhan is not None and lay.authority is not None:
            break
    anchors = [p for p in (lay.noi_nhan, lay.authority) if p is not None]
    if anchors:
        first = min(anchors, key=lay.index)
        end = lay.index(first)
        if first.cell is not None:
            table = first.cell.table
            end = next(i for i, p in enumerate(seq) if p.cell is not None and p.cell.table == table)
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
    seq = lay.seq
    ends = [lay.index(p) for p in (lay.authority, lay.noi_nhan, *lay.recipients) if p]
    after = max(ends) if ends else lay.body_end - 1
    captions = [
        i
        for i in range(after + 1, len(seq))
        if seq[i].cell is None and _CAPTION.match(seq[i].text) and len(seq[i].stripped) <= 20
    ]
    for n, ci in enumerate(captions):
        nxt = captions[n + 1] if n + 1 < len(captions) else len(seq)
        cap = seq[ci]
        app = Appendix(cap, section=cap.section)
        for p in seq[ci + 1 : nxt]:
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
        last_order = seq[nxt - 1].order
        app.tables = [
            t
            for t in lay.model.tables
            if cap.order < t.first_para_order <= last_order and not t.nested
        ]
        lay.appendices.append(app)
