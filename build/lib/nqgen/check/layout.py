"""Find the parts of a document in a DOCX (nhận diện các thành phần thể thức).

The header block (Quốc hiệu, Tiêu ngữ or "ĐẢNG CỘNG SẢN VIỆT NAM", issuing body, number,
place-date, urgency and circulation marks), the type name (tên loại) and summary (trích yếu) —
or, in a công văn, the "V/v …" line under the number —, "Kính gửi", the body, the signature
block (chữ ký) with Nơi nhận, and the appendices (phụ lục) are recognised by their text, not by
fixed positions, so hand-made documents laid out differently are still read. The layout follows
FORMAT.md §1.1 and §3.1 (NĐ 30/2020 Phụ lục I, Mục IV; HD 05-HD/VPTW Phụ lục 1).

The document type (:mod:`nqgen.check.doctypes`) is recognised here too, from the type name or
the công văn marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nqgen.check.doctypes import OTHER, TYPE_NAMES, DocType, recognise
from nqgen.check.docx_model import DocxModel, Para, Table
from nqgen.check.metrics import text_width_twips
from nqgen.check.text import fold, is_caps, looks_like_date_line

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
TIEU_DE = "ĐẢNG CỘNG SẢN VIỆT NAM"

AUTHORITY = re.compile(r"^\s*(T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|TM|KT|TL|TUQ|Q)(\.|\s)\s*\S")
_NUMBER = re.compile(r"^\s*số(\s|:|$)", re.IGNORECASE)
_CAPTION = re.compile(r"^\s*phụ\s+lục(\s+\S+)?\s*$", re.IGNORECASE)
_UNDERSCORES = re.compile(r"^_{3,}$")
_DASHES = re.compile(r"^-{3,}$")
_ASTERISK = re.compile(r"^\*[\s*]*$")
_NOI_NHAN = re.compile(r"^nơi nhận\s*:?$", re.IGNORECASE)
_KINH_GUI = re.compile(r"^kính (gửi|trình)\b", re.IGNORECASE)
_VV = re.compile(r"^(v/v|về việc)\b", re.IGNORECASE)
_GUIDANCE = re.compile(r"^\((ban hành )?kèm theo\b", re.IGNORECASE)
MARKS = re.compile(
    r"^(?P<urgency>HỎA TỐC|HOẢ TỐC|THƯỢNG KHẨN|KHẨN)$"
    r"|^(?P<secret>TUYỆT MẬT|TỐI MẬT|MẬT)$"
    r"|^(?P<circulation>LƯU HÀNH NỘI BỘ|XEM XONG TRẢ LẠI)$"
    r"|^(?P<draft>DỰ THẢO|Dự thảo)(\s+(lần\s+)?\S+)?$",
)
"""Urgency (độ khẩn), secrecy (độ mật), circulation (phạm vi lưu hành) and draft marks,
NĐ 30/2020 Phụ lục I III.2; HD 05-HD/VPTW Phụ lục 2 ("Dự thảo lần N")."""


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
    """The recognised parts of a document; any of them may be missing in a hand-made one.

    ``summary`` holds the trích yếu: under the type name, or the "V/v …" lines of a công văn.
    ``signature`` holds the lines of the signing block from its first line (the authority line
    "TM. …" when there is one, else the title "GIÁM ĐỐC" of a head signing directly).
    """

    model: DocxModel
    doc_type: DocType = OTHER
    header: list[Para] = field(default_factory=list)
    quoc_hieu: Para | None = None
    tieu_ngu: Para | None = None
    tieu_de: Para | None = None
    issuer: list[Para] = field(default_factory=list)
    asterisk: Para | None = None
    number: Para | None = None
    date: Para | None = None
    marks: list[Para] = field(default_factory=list)
    title: Para | None = None
    summary: list[Para] = field(default_factory=list)
    kinh_gui: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    authority: Para | None = None
    signature: list[Para] = field(default_factory=list)
    noi_nhan: Para | None = None
    recipients: list[Para] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    seq: list[Para] = field(default_factory=list)  # body lines in reading order
    pos: dict[int, int] = field(default_factory=dict)  # id(line) → index in seq
    body_end: int = 0  # index in seq of the first line after the body

    # -- helpers used by rules

    def index(self, para: Para) -> int:
        return self.pos[id(para)]

    def following(self, para: Para, limit: int = 3) -> list[Para]:
        """The next lines in the same container (same cell, or body level)."""
        if id(para) not in self.pos:
            return []
        out: list[Para] = []
        for nxt in self.seq[self.index(para) + 1 :]:
            if not same_container(para, nxt):
                break
            out.append(nxt)
            if len(out) >= limit:
                break
        return out

    def rule_below(self, para: Para) -> RuleLine | None:
        """The rule under ``para``: its own line shape, bottom border or full underline, a rule
        paragraph that follows it in the same cell (empty paragraphs skipped), or one drawn in
        the otherwise empty cell below it in the next table row."""
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
        cell = para.cell
        if cell is None or cell.single:
            return None
        # A floating line shape is often anchored to another paragraph of the same cell
        # (e.g. the Quốc hiệu) while drawn under this one: count it.
        for other in self.seq:
            if other.lines and other.cell is not None:
                if other.cell.cell_key == cell.cell_key and other is not para:
                    return RuleLine("shape", max(other.lines), other)
        below = [
            p
            for p in self.seq
            if p.cell is not None
            and (p.cell.table, p.cell.row, p.cell.col) == (cell.table, cell.row + 1, cell.col)
        ]
        if below and not any(p.stripped and not is_rule(p) for p in below):
            for p in below:
                line = _own_rule(p, self.container_width(p))
                if line is not None:
                    return line
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
    """Same table cell, or both at body level (a one-cell table counts as body level)."""
    ka = None if a.cell is None or a.cell.single else a.cell.cell_key
    kb = None if b.cell is None or b.cell.single else b.cell.cell_key
    return ka == kb


def in_grid(para: Para) -> bool:
    """In a cell of a table with more than one cell (a one-cell table is a frame)."""
    return para.cell is not None and not para.cell.single


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


def is_noi_nhan(para: Para) -> bool:
    """The "Nơi nhận:" heading line itself — not a body sentence that begins "Nơi nhận …"."""
    return bool(_NOI_NHAN.match(" ".join(para.text.split())))


def mark_kind(para: Para) -> str | None:
    """``urgency``, ``secret``, ``circulation`` or ``draft`` for a mark line, else ``None``."""
    m = MARKS.match(" ".join(fold(para.text).split()))
    if m is None:
        m = MARKS.match(" ".join(fold(para.text).upper().split()))
    if m is None:
        return None
    return next(k for k, v in m.groupdict().items() if v is not None)


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


def _is_title(p: Para) -> bool:
    key = _title_key(p)
    return not in_grid(p) and (key in TYPE_NAMES or (key.startswith("ĐƠN ") and len(key) < 80))


def _lines(model: DocxModel) -> list[Para]:
    """Body paragraphs cut at manual line breaks; header-block lines also cut at tabs.

    The header block ends at the type name, or, in a document without one (a công văn), at
    the place-date line when it comes early.
    """
    seq: list[Para] = []
    for p in model.paras:
        seq.extend(p.split("\n"))
    end = _header_end(seq)
    head = [piece for p in seq[:end] for piece in p.split("\t", keep_empty=False)]
    return head + seq[end:]


def _header_end(seq: list[Para]) -> int:
    title_i = next((i for i, p in enumerate(seq) if _is_title(p)), None)
    if title_i is not None:
        return title_i
    date_i = next((i for i, p in enumerate(seq[:30]) if looks_like_date_line(p.text)), None)
    if date_i is None:
        return 0
    end = date_i + 1
    if in_grid(seq[date_i]):  # the rest of the header table belongs to the header
        table = seq[date_i].cell.table  # type: ignore[union-attr]
        while end < len(seq) and seq[end].cell is not None and seq[end].cell.table == table:  # type: ignore[union-attr]
            end += 1
    return end


def build_layout(model: DocxModel) -> Layout:
    """Recognise the parts of the document (see the module docstring)."""
    seq = _lines(model)
    lay = Layout(model, seq=seq, pos={id(p): i for i, p in enumerate(seq)})
    title_i = next((i for i, p in enumerate(seq) if _is_title(p)), None)
    head_end = title_i if title_i is not None else _header_end(seq)
    if title_i is not None:
        lay.title = seq[title_i]
    lay.header = seq[:head_end]
    _header(lay)
    _page_header_banner(lay)
    if title_i is not None:
        start = _summary(lay, title_i)
    else:
        start = head_end
        lay.summary = _cong_van_summary(lay)
    start = _kinh_gui(lay, start)
    lay.doc_type = recognise(
        _title_key(lay.title) if lay.title is not None else None,
        lay.number.text if lay.number is not None else None,
        bool(lay.summary) and lay.title is None,
        bool(lay.kinh_gui),
    )
    main_end = _first_caption(lay, start)
    _signature(lay, start, main_end)
    lay.body = [
        p
        for p in seq[start : lay.body_end]
        if not in_grid(p) and p.cell is None and p.stripped and not is_decoration(p)
    ]
    _appendices(lay, main_end)
    return lay


def _header(lay: Layout) -> None:
    for p in lay.header:
        key = fold(p.text).upper()
        if mark_kind(p) is not None:
            lay.marks.append(p)
        elif lay.quoc_hieu is None and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in key:
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
    taken |= {id(p) for p in lay.marks}
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


def _page_header_banner(lay: Layout) -> None:
    """A Party heading printed in the page header of page 1 (đầu trang) counts as the
    document's "ĐẢNG CỘNG SẢN VIỆT NAM" (HD 05-HD/VPTW 1: top right of the first page)."""
    if lay.tieu_de is not None or not lay.model.sections:
        return
    first = lay.model.sections[0]
    names = [first.headers.get("first") if first.title_pg else None, first.headers.get("default")]
    for name in names:
        for p in lay.model.parts.get(name or "", []):
            if TIEU_DE in fold(p.text).upper():
                lay.tieu_de = p
                return


def _summary(lay: Layout, title_i: int) -> int:
    """Collect the summary (trích yếu) lines after the title; return where the body starts.

    The summary is the next one to three lines, centred or bold throughout (a one-cell table
    around it is a frame); a summary that is present but misplaced is still the summary, and
    the rules report its format."""
    seq = lay.seq
    i = title_i + 1
    while i < len(seq) and not in_grid(seq[i]) and not seq[i].stripped:
        if is_rule(seq[i]):
            break
        i += 1
    while i < len(seq) and len(lay.summary) < 3:
        p = seq[i]
        if in_grid(p) or not p.stripped or is_decoration(p) or _KINH_GUI.match(p.stripped):
            break
        runs = p.visible_runs()
        centred_or_bold = p.props.jc == "center" or (runs and all(r.props.bold for r in runs))
        if not centred_or_bold or (lay.summary and p.props.jc != lay.summary[0].props.jc):
            break
        lay.summary.append(p)
        i += 1
    # the rule or "-----" under the summary belongs to the title block
    while i < len(seq) and not in_grid(seq[i]) and (is_decoration(seq[i]) or not seq[i].stripped):
        i += 1
    return i


def _cong_van_summary(lay: Layout) -> list[Para]:
    """The "V/v …" lines of a công văn (ô 5b), under the number in the header block."""
    if lay.number is None:
        return []
    out: list[Para] = []
    for p in lay.header[lay.index(lay.number) + 1 :]:
        if not same_container(p, lay.number):
            break
        if not p.stripped:
            if out:
                break
            continue
        if not out and not _VV.match(p.stripped):
            break
        out.append(p)
    return out


def _kinh_gui(lay: Layout, start: int) -> int:
    """"Kính gửi: …" (and its "- …" lines when it goes to several recipients) at the start of
    the body; returns where the body proper starts."""
    seq = lay.seq
    i = start
    while i < len(seq) and not seq[i].stripped:
        i += 1
    if i >= len(seq) or not _KINH_GUI.match(seq[i].stripped):
        return start
    lay.kinh_gui.append(seq[i])
    i += 1
    if lay.kinh_gui[0].stripped.endswith(":"):
        while i < len(seq) and (not seq[i].stripped or seq[i].stripped.startswith(("-", "–"))):
            if seq[i].stripped:
                lay.kinh_gui.append(seq[i])
            elif len(lay.kinh_gui) > 1:
                break
            i += 1
    return i


def _first_caption(lay: Layout, start: int) -> int:
    """Index of the first appendix caption ("Phụ lục I" on its own line that opens a section
    or a page, or is followed by a title or the "(Kèm theo …)" line); else the end."""
    seq = lay.seq
    for i in range(start, len(seq)):
        p = seq[i]
        if p.cell is not None or not _CAPTION.match(p.text) or len(p.stripped) > 20:
            continue
        if p.props.page_break_before or (i and seq[i - 1].page_break):
            return i
        if p.section > 0 and not any(q.stripped for q in lay.model.sections[p.section].paras
                                     if q.order < p.order and not is_decoration(q)):  # fmt: skip
            return i
        nxt = [q for q in seq[i + 1 : i + 6] if q.stripped and q.cell is None]
        if any(_GUIDANCE.match(q.stripped) for q in nxt[:3]):
            return i
    return len(seq)


def _signature(lay: Layout, start: int, end: int) -> None:
    """The signature block and Nơi nhận: the last "Nơi nhận:" heading before the appendices
    and the signing cell beside it; without one, the last authority line ("TM. …")."""
    seq = lay.seq
    lay.body_end = end
    cands = [p for p in seq[start:end] if is_noi_nhan(p)]
    lay.noi_nhan = cands[-1] if cands else None
    block: list[Para] = []
    nn = lay.noi_nhan
    if nn is not None and in_grid(nn):
        cell = nn.cell
        assert cell is not None
        block = [
            p
            for p in seq[start:end]
            if p.cell is not None
            and (p.cell.table, p.cell.row) == (cell.table, cell.row)
            and p.cell.col != cell.col
        ]
    if not any(p.stripped for p in block):
        auth = [
            p
            for p in seq[start:end]
            if AUTHORITY.match(p.text) and len(p.stripped) < 80 and is_caps(p.stripped)
        ]
        block = _block_from(lay, auth[-1], end) if auth else []
    while block and not block[0].stripped:
        block.pop(0)
    lay.signature = block
    if block and AUTHORITY.match(block[0].text):
        lay.authority = block[0]
    anchors = [p for p in (nn, block[0] if block else None) if p is not None]
    if anchors:
        first = min(anchors, key=lay.index)
        cut = lay.index(first)
        if first.cell is not None and not first.cell.single:
            table = first.cell.table
            cut = next(i for i, p in enumerate(seq) if p.cell is not None and p.cell.table == table)
        lay.body_end = min(cut, end)
    if nn is not None:
        for p in lay.following(nn, limit=40):
            if not in_grid(nn) and (not p.stripped or _CAPTION.match(p.text)):
                break
            if p.stripped:
                lay.recipients.append(p)


def _block_from(lay: Layout, auth: Para, end: int) -> list[Para]:
    """The signing lines from the authority line: the rest of its cell, or at body level the
    lines up to the signer's name (stopping at Nơi nhận, a list line, "Địa chỉ: …")."""
    if in_grid(auth):
        return [auth, *lay.following(auth, limit=12)]
    out = [auth]
    gap = False
    for p in lay.seq[lay.index(auth) + 1 : end]:
        text = p.stripped
        if p.cell is not None or is_noi_nhan(p) or _CAPTION.match(p.text):
            break
        if text.startswith(("-", "–", "+")) or ":" in text:
            break
        out.append(p)
        if not text:
            gap = True
        elif gap:
            break  # the name after the signing space
        if len(out) >= 12:
            break
    return out


def _appendices(lay: Layout, start: int) -> None:
    seq = lay.seq
    captions = [
        i
        for i in range(start, len(seq))
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
