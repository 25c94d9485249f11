"""Safe corrections of a DOCX (sửa lỗi thể thức an toàn): ``nqgen fix IN.docx -o OUT.docx``.

What a secretary would otherwise correct by hand, and nothing that changes a word: page size
(A4) and margins, fonts (Times New Roman) and the sizes of the recognised elements, line and
paragraph spacing of the body, Unicode NFC, double spaces and spaces before punctuation (the
edits of :func:`nqgen.check.text.spacing_edits`), the leading zeros of the date, the final
period of the "Lưu" line, the hyphens of the Tiêu ngữ and the space after "TL." in the
authority line. Every correction is decided by the same helpers the rules use, so
``nqgen check OUT.docx`` no longer reports what was corrected.

The input is never written. A digitally signed document (chữ ký số) or one under editing
protection is checked, never fixed. After correcting, the result is read again and compared
with the input paragraph by paragraph: if any word differs (which would be a bug), nothing is
written. Sizes and spacings move to the nearest allowed value; a legacy TCVN3/VNI font is
not replaced (its text would turn into mojibake) and is reported as left alone.

:func:`fix_docx` works on bytes and returns a :class:`FixResult` (callable from a web front
end); :func:`fix_file` adds the output safety of the CLI.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from nqgen.check.common import margin_ok, spacing_ok
from nqgen.check.docx_model import DocxModel, Para, Section, w
from nqgen.check.engine import detect_standard
from nqgen.check.findings import CheckError, Location
from nqgen.check.layout import TIEU_NGU, Layout, build_layout
from nqgen.check.package import Package
from nqgen.check.specs import SPECS, Range, Spec
from nqgen.check.text import Edit, apply_edits, date_edits, fold, spacing_edits
from nqgen.check.units import mm_text, pt_text, pt_to_half_points, twips_to_pt

FONT = "Times New Roman"
A4 = (11906, 16838)
_LEGACY = re.compile(r"^(\.vn|vni[- ]|vn[a-z]|abc)", re.IGNORECASE)
_SYMBOL = re.compile(r"^(symbol|wingdings|webdings|zapf)", re.IGNORECASE)
_SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Change:
    """One correction (một chỗ sửa): where, what, before and after (Vietnamese)."""

    location: Location
    what: str
    before: str
    after: str

    def describe(self) -> str:
        return f"{self.location.describe()}: {self.what}: {self.before} → {self.after}"


@dataclass(slots=True)
class FixResult:
    """The corrections made (or, in a dry run, to make) and the corrected DOCX bytes.

    ``data`` is the input unchanged when there is nothing to correct. ``left`` lists, in
    Vietnamese, what was seen but deliberately not corrected.
    """

    changes: list[Change] = field(default_factory=list)
    data: bytes = b""
    left: list[str] = field(default_factory=list)
    standard: str = "nd30"

    @property
    def changed(self) -> bool:
        return bool(self.changes)


class FixRefused(CheckError):
    """A document that may be checked but not corrected (signed, protected)."""


# --------------------------------------------------------------------------- entry points


def fix_docx(data: bytes, standard: str | None = None, *, name: str = "(tệp)") -> FixResult:
    """Correct a copy of the DOCX ``data`` (see the module docstring); never touches ``data``."""
    if standard is not None and standard not in SPECS:
        raise CheckError(f"Chuẩn '{standard}' không hợp lệ; chọn một trong: nd30, hd05, hd36.")
    model = DocxModel.load(data, name, keep_elements=True)
    if model.notes.signed:
        raise FixRefused(
            f"Tệp {name} có chữ ký số: nqgen chỉ kiểm tra, không sửa (mọi thay đổi làm mất hiệu "
            "lực chữ ký). Hãy sửa bản gốc chưa ký rồi ký lại."
        )
    if model.notes.protected:
        raise FixRefused(
            f"Tệp {name} đang bật bảo vệ chỉnh sửa ({model.notes.protected}): nqgen không sửa; "
            "hãy tắt bảo vệ (Restrict Editing) nếu người soạn đồng ý."
        )
    layout = build_layout(model)
    spec = SPECS[standard or detect_standard(layout)]
    fixer = _Fixer(model, layout, spec)
    fixer.run()
    result = FixResult(fixer.changes, data, fixer.left, spec.key)
    if fixer.changes:
        result.data = _repack(data, model, fixer.touched)
        _same_words(data, result.data, name)
    return result


def fix_file(
    source: Path,
    output: Path | None,
    *,
    standard: str | None = None,
    dry_run: bool = False,
    force: bool = False,
) -> FixResult:
    """Correct ``source`` into ``output`` (atomic write; never the input, even through another
    path or a link; no overwrite without ``force``). With ``dry_run`` nothing is written."""
    if not dry_run:
        if output is None:
            raise CheckError("Chưa chỉ ra tệp kết quả: dùng -o TỆP_RA.docx (hoặc --dry-run).")
        _check_output(source, output, force)
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise CheckError(f"Không tìm thấy tệp {source}.") from None
    except IsADirectoryError:
        raise CheckError(f"{source} là thư mục, không phải tệp DOCX.") from None
    except OSError as exc:
        raise CheckError(f"Không đọc được tệp {source} (lỗi hệ thống, mã {exc.errno}).") from None
    result = fix_docx(data, standard, name=str(source))
    if not dry_run and output is not None:
        from nqgen.output import write_file

        write_file(output, result.data, force=force)
    return result


def _check_output(source: Path, output: Path, force: bool) -> None:
    """The output must be a .docx that is not the input (through any path or link) and not
    an existing file without ``force`` (:mod:`nqgen.output`, one home for these rules)."""
    from nqgen.output import check_target, expect_suffix

    expect_suffix(output, (".docx",), "tệp Word (DOCX)", "ban-sua.docx")
    check_target(output, [source], force)


# --------------------------------------------------------------------------- the fixer


class _Fixer:
    def __init__(self, model: DocxModel, layout: Layout, spec: Spec) -> None:
        self.model = model
        self.layout = layout
        self.spec = spec
        self.changes: list[Change] = []
        self.left: list[str] = []
        self.touched: set[str] = set()
        assert model.elements is not None
        self.elements: list[etree._Element] = model.elements
        self.doc = model.trees[model.main_part]

    def run(self) -> None:
        self.page_setup()
        self.fonts()
        self.sizes()
        self.spacing()
        self.texts()

    def change(self, where: Para | Section | None, what: str, before: str, after: str) -> None:
        location = where.location() if where is not None else Location()
        self.changes.append(Change(location, what, before, after))

    def element(self, para: Para) -> etree._Element | None:
        return self.elements[para.order] if para.part == "body" else None

    # -- page set-up

    def page_setup(self) -> None:
        body = self.doc.find(w("body"))
        assert body is not None
        sect_els = [p.find(f"{w('pPr')}/{w('sectPr')}") for p in self.elements]
        sects = [s for s in sect_els if s is not None]
        final = body.find(w("sectPr"))
        if final is not None:
            sects.append(final)
        for sec, el in zip(self.model.sections, sects, strict=False):
            self._paper(sec, el)
            self._margins(sec, el)

    def _paper(self, sec: Section, el: etree._Element) -> None:
        width, height = sec.width, sec.height
        if width is not None and height is not None:
            short, long_ = sorted((width, height))
            if abs(short - A4[0]) <= 28 and abs(long_ - A4[1]) <= 28:
                return
        landscape = sec.landscape
        pg = el.find(w("pgSz"))
        if pg is None:
            pg = etree.SubElement(el, w("pgSz"))
        new_w, new_h = (A4[1], A4[0]) if landscape else A4
        pg.set(w("w"), str(new_w))
        pg.set(w("h"), str(new_h))
        if landscape:
            pg.set(w("orient"), "landscape")
        self.touched.add(self.model.main_part)
        before = f"{mm_text(width)} × {mm_text(height)}" if width and height else "không khai báo"
        self.change(sec, "khổ giấy", before, "A4 (210 × 297 mm)")

    def _margins(self, sec: Section, el: etree._Element) -> None:
        labels = {"top": "lề trên", "bottom": "lề dưới", "left": "lề trái", "right": "lề phải"}
        mar = el.find(w("pgMar"))
        for side in ("top", "bottom", "left", "right"):
            if margin_ok(self.spec, sec, side):
                continue
            value = getattr(sec, side)
            lo, hi = self.spec.margins[side]
            new = int(lo if value is None or value < lo else hi)
            if mar is None:
                mar = etree.SubElement(el, w("pgMar"))
            mar.set(w(side), str(new))
            setattr(sec, side, new)
            self.touched.add(self.model.main_part)
            self.change(sec, labels[side], mm_text(value), mm_text(new))

    # -- fonts

    def _foreign_fonts(self) -> tuple[dict[str, Para], set[str]]:
        """The fonts other than Times New Roman (each with the first paragraph using it)
        that can be replaced, and the legacy TCVN3/VNI fonts that cannot (symbol fonts stay)."""
        seen: dict[str, Para] = {}
        legacy: set[str] = set()
        for para in self._all_paras():
            for run in para.visible_runs():
                for name in (run.props.font, run.props.font_hansi):
                    if name is None or name.lower() == FONT.lower():
                        continue
                    if _LEGACY.match(name):
                        legacy.add(name)
                    elif not _SYMBOL.match(name):
                        seen.setdefault(name, para)
        return seen, legacy

    def fonts(self) -> None:
        seen, legacy = self._foreign_fonts()
        for name in sorted(legacy):
            self.left.append(
                f"Phông '{name}' (bảng mã cũ TCVN3/VNI) không tự đổi: đổi phông sẽ làm chữ "
                "thành ký tự lạ; hãy chuyển mã sang Unicode bằng Unikey rồi chạy lại."
            )
        if not seen and not self._unset_fonts():
            return
        for root_name, root in self.model.trees.items():
            if self._set_fonts(root):
                self.touched.add(root_name)
        for name, para in seen.items():
            self.change(para, "phông chữ", f"'{name}'", FONT)
        if not seen:
            self.change(None, "phông chữ", "không xác định (mặc định của Word)", FONT)

    def _unset_fonts(self) -> bool:
        return any(
            r.props.font is None for p in self._all_paras() for r in p.visible_runs()
        )

    def _set_fonts(self, root: etree._Element) -> bool:
        """Times New Roman in every ``w:rFonts`` (document defaults, styles, runs) that names
        another font or a theme font; bold fonts ("Times New Roman Bold") keep their bold."""
        changed = False
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}")
        if defaults is not None:
            rpr = defaults.find(w("rPr"))
            if rpr is None:
                rpr = etree.SubElement(defaults, w("rPr"))
            if rpr.find(w("rFonts")) is None:
                etree.SubElement(rpr, w("rFonts"))
                changed = True
        for fonts in root.iter(w("rFonts")):
            names = [fonts.get(w(s)) for s in _SLOTS]
            if any(n and (_LEGACY.match(n) or _SYMBOL.match(n)) for n in names):
                continue
            themed = [a for a in fonts.attrib if a.endswith("Theme")]
            if not themed and all(n in (None, FONT) for n in names) and fonts.get(w("ascii")):
                continue
            bold = any(n and "bold" in n.lower() for n in names)
            for a in themed:
                del fonts.attrib[a]
            for slot in _SLOTS:
                fonts.set(w(slot), FONT)
            if bold:
                rpr = fonts.getparent()
                if rpr is not None and rpr.find(w("b")) is None:
                    fonts.addnext(etree.Element(w("b")))
            changed = True
        return changed

    # -- sizes

    def _size_targets(self) -> Iterator[tuple[Para, Range, str]]:
        """Each recognised element with the size range of its standard, in document order
        (the first range found for a paragraph is the one applied)."""
        lay, spec = self.layout, self.spec
        state = not spec.party
        summary = spec.summary_size if lay.doc_type.has_title else spec.cv_summary_size
        groups: list[tuple[Sequence[Para | None], Range, str]] = [
            ([lay.quoc_hieu] if state else [], spec.quoc_hieu_size, "Quốc hiệu"),
            ([lay.tieu_ngu] if state else [], spec.tieu_ngu_size, "Tiêu ngữ"),
            ([lay.tieu_de] if spec.party else [], spec.tieu_de_size, "tiêu đề"),
            (lay.issuer, spec.issuer_size, "tên cơ quan"),
            ([lay.number], spec.number_size, "số, ký hiệu"),
            ([lay.date], spec.date_size, "địa danh, ngày tháng"),
            ([lay.title] if lay.doc_type.key != "don" else [], spec.title_size, "tên loại văn bản"),
            (lay.summary, summary, "trích yếu"),
            (lay.kinh_gui, spec.kinh_gui_size, "Kính gửi"),
            (lay.body, spec.body_size, "nội dung"),
            ([p for p in lay.signature if p.stripped], spec.signature_size, "chữ ký"),
            ([lay.noi_nhan], spec.noi_nhan_size, "Nơi nhận"),
            (lay.recipients, spec.recipients_size, "danh sách nơi nhận"),
        ]
        for paras, rng, label in groups:
            for p in paras:
                if p is not None:
                    yield p, rng, label

    def sizes(self) -> None:
        done: set[int] = set()
        for para, rng, label in self._size_targets():
            el = self.element(para)
            if el is None or id(el) in done:
                continue
            bad = [r.props.size for r in para.visible_runs() if not _within(r.props.size, rng)]
            if not bad:
                continue
            new = _nearest(bad[0], rng)
            source = self.model.paras[para.order].runs
            for r_el, run in zip(_runs(el), source, strict=False):
                if run.text.strip() and not run.props.hidden and not _within(run.props.size, rng):
                    _set_size(r_el, _nearest(run.props.size, rng))
            done.add(id(el))
            self.touched.add(self.model.main_part)
            self.change(para, f"cỡ chữ {label}", pt_text(bad[0]), pt_text(new))
        self._page_number_sizes()

    def _page_number_sizes(self) -> None:
        rng = self.spec.page_number_size
        for part, para, el in self._part_paragraphs():
            if not para.has_field("PAGE"):
                continue
            runs = [r for r in para.runs if r.field or r.text.strip()]
            bad = [r.props.size for r in runs if not _within(r.props.size, rng)]
            if not bad:
                continue
            new = _nearest(bad[0], rng)
            for r in _runs(el):
                _set_size(r, new)
            self.touched.add(part)
            self.change(para, "cỡ chữ số trang", pt_text(bad[0]), pt_text(new))

    def _part_paragraphs(self) -> Iterator[tuple[str, Para, etree._Element]]:
        """Each paragraph of the headers and footers with its element (text boxes left out,
        as the model leaves them out)."""
        for part, paras in self.model.parts.items():
            root = self.model.trees.get(part)
            if root is None:
                continue
            elements = [p for p in root.iter(w("p")) if not _in_textbox(p)]
            for para, el in zip(paras, elements, strict=False):
                yield part, para, el

    # -- spacing of the body

    def spacing(self) -> None:
        for para in self.layout.body:
            el = self.element(para)
            if el is None:
                continue
            ok, _ = spacing_ok(self.spec, para)
            total = para.props.before + para.props.after
            if ok and total >= 110:
                continue
            spacing = _ppr_child(el, "spacing")
            if not ok:
                before = _describe_line(para)
                if self.spec.key == "hd05":
                    line = int(min(max(para.props.line, 360), 440))
                    if para.props.line_rule != "exact":
                        line = 380
                    spacing.set(w("line"), str(line))
                    spacing.set(w("lineRule"), "exact")
                    after = f"chính xác {pt_text(twips_to_pt(line))}"
                else:
                    spacing.set(w("line"), "240")
                    spacing.set(w("lineRule"), "auto")
                    after = "một dòng (single)"
                self.change(para, "khoảng cách dòng", before, after)
            if total < 110:
                spacing.set(w("before"), str(120 - para.props.after))
                spacing.attrib.pop(w("beforeAutospacing"), None)
                self.change(para, "cách đoạn", pt_text(twips_to_pt(total)), "6 pt")
            self.touched.add(self.model.main_part)

    # -- text

    def texts(self) -> None:
        lay = self.layout
        line_edits: dict[int, list[tuple[Para, Callable[[str], list[Edit]], str]]] = {}

        def add(para: Para | None, fn: Callable[[str], list[Edit]], what: str) -> None:
            if para is not None and para.part == "body":
                line_edits.setdefault(para.order, []).append((para, fn, what))

        add(lay.date, date_edits, "ngày tháng (số 0)")
        if lay.recipients:
            add(lay.recipients[-1], self._storage_edit, "dấu chấm cuối dòng Lưu")
        add(lay.tieu_ngu, _tieu_ngu_edit, "gạch nối Tiêu ngữ")
        if lay.authority is not None and not self.spec.party:
            add(lay.authority, _authority_edit, "dấu cách sau quyền hạn ký")
        for order, el in enumerate(self.elements):
            para = self.model.paras[order]
            self._paragraph_text(el, para, line_edits.get(order, []), self.model.main_part)
        for part, para, el in self._part_paragraphs():
            self._paragraph_text(el, para, [], part)

    def _storage_edit(self, text: str) -> list[Edit]:
        stripped = text.rstrip()
        if not stripped.startswith("- Lưu") or stripped.endswith("."):
            return []
        if stripped.endswith((";", ",")):
            return [Edit(len(stripped) - 1, len(stripped), ".", "storage")]
        return [Edit(len(stripped), len(stripped), ".", "storage")]

    def _paragraph_text(
        self,
        el: etree._Element,
        para: Para,
        lines: list[tuple[Para, Callable[[str], list[Edit]], str]],
        part: str,
    ) -> None:
        segs = _segments(el)
        if not segs:
            return
        if _nfc(segs):
            self.touched.add(part)
            self.change(para, "chữ Việt tổ hợp", "dấu tách rời (NFD)", "dựng sẵn (NFC)")
            segs = _segments(el)
        text = "".join(t for _, t in segs)
        edits: list[Edit] = []
        for line, fn, what in lines:
            offset = text.find(line.text)
            if offset < 0:
                continue
            moved = [Edit(e.start + offset, e.end + offset, e.new, e.why) for e in fn(line.text)]
            moved = [e for e in moved if _editable(segs, e) and not _overlaps(e, edits)]
            if moved:
                edits.extend(moved)
                local = [Edit(e.start - offset, e.end - offset, e.new, e.why) for e in moved]
                self.change(line, what, line.stripped, apply_edits(line.text, local).strip())
        if edits:
            _apply(segs, edits)
            self.touched.add(part)
        counts = {"double": 0, "before": 0, "after": 0}
        for _ in range(3):  # removing " ," can glue "A,B": a second pass adds the space
            segs = _segments(el)
            text = "".join(t for _, t in segs)
            edits = [e for e in spacing_edits(text) if _editable(segs, e)]
            if not edits:
                break
            for e in edits:
                counts[e.why] += 1
            _apply(segs, edits)
            self.touched.add(part)
        for kind, what, after in (
            ("double", "hai dấu cách liền nhau", "một dấu cách"),
            ("before", "dấu cách trước dấu câu", "bỏ dấu cách"),
            ("after", "thiếu dấu cách sau dấu câu", "thêm một dấu cách"),
        ):
            if counts[kind]:
                self.change(para, "dấu cách", f"{what} ({counts[kind]} chỗ)", after)

    def _all_paras(self) -> Iterator[Para]:
        yield from self.model.paras
        for paras in self.model.parts.values():
            yield from paras


# --------------------------------------------------------------------------- text helpers

Segment = tuple[etree._Element | None, str]


def _segments(p: etree._Element) -> list[Segment]:
    """The paragraph's text as (w:t element or None, text) pieces in reading order; tabs,
    breaks and field codes are pieces that cannot be edited (element None)."""
    out: list[Segment] = []
    in_field = 0
    for el in p.iter(w("t"), w("tab"), w("br"), w("cr"), w("fldChar"), w("instrText")):
        if _in_textbox(el):
            continue
        parent = el.getparent()
        if parent is None or parent.tag != w("r"):
            continue
        tag = el.tag
        if tag == w("fldChar"):
            typ = el.get(w("fldCharType"))
            if typ == "begin":
                in_field += 1
            elif typ == "end":
                in_field = max(0, in_field - 1)
            continue
        if tag == w("instrText"):
            continue
        hidden = _run_hidden(parent)
        if tag == w("t") and not in_field and not hidden:
            out.append((el, el.text or ""))
        elif tag == w("t"):
            out.append((None, el.text or ""))
        else:
            out.append((None, "\t" if tag == w("tab") else "\n"))
    return out


def _run_hidden(r: etree._Element) -> bool:
    rpr = r.find(w("rPr"))
    v = rpr.find(w("vanish")) if rpr is not None else None
    return v is not None and (v.get(w("val")) or "true").lower() not in ("0", "false", "off")


def _nfc(segs: list[Segment]) -> bool:
    """Normalise the text pieces to NFC; a combining mark at the start of a piece joins the
    previous piece. Returns whether anything changed."""
    changed = False
    prev: etree._Element | None = None
    for el, text in segs:
        if el is None:
            prev = None
            continue
        if not unicodedata.is_normalized("NFC", text) or (
            prev is not None and text[:1] and unicodedata.combining(text[0])
        ):
            lead = 0
            while lead < len(text) and unicodedata.combining(text[lead]):
                lead += 1
            if prev is not None and lead:
                prev.text = unicodedata.normalize("NFC", (prev.text or "") + text[:lead])
                _preserve(prev)
                text = text[lead:]
            el.text = unicodedata.normalize("NFC", text)
            _preserve(el)
            changed = True
        prev = el
    return changed


def _editable(segs: list[Segment], e: Edit) -> bool:
    """An edit only touches editable text (not a tab, break or field result)."""
    pos = 0
    for el, text in segs:
        end = pos + len(text)
        if el is None:
            if e.start < end and pos < e.end:
                return False
            if e.start == e.end and pos < e.start < end:
                return False
        pos = end
    return True


def _overlaps(e: Edit, edits: list[Edit]) -> bool:
    return any(o.start < e.end and e.start < o.end or o.start == e.start for o in edits)


def _apply(segs: list[Segment], edits: list[Edit]) -> None:
    """Apply the edits (non-overlapping, positions in the joined text) to the w:t elements
    they fall in; an insertion goes to the text before it."""
    bounds: list[tuple[int, int, etree._Element]] = []
    pos = 0
    for el, text in segs:
        if el is not None:
            bounds.append((pos, pos + len(text), el))
        pos += len(text)
    for e in sorted(edits, key=lambda x: x.start, reverse=True):
        if e.start == e.end:
            owner = next((b for b in bounds if b[0] < e.start <= b[1]), None)
            owner = owner or next((b for b in bounds if b[0] <= e.start < b[1]), None)
            if owner is not None:
                k = e.start - owner[0]
                owner[2].text = (owner[2].text or "")[:k] + e.new + (owner[2].text or "")[k:]
                _preserve(owner[2])
            continue
        hit = [b for b in bounds if b[0] < e.end and b[1] > e.start]
        for n, (start, end, el) in enumerate(hit):
            a, b_ = max(e.start, start) - start, min(e.end, end) - start
            el.text = (el.text or "")[:a] + (e.new if n == 0 else "") + (el.text or "")[b_:]
            _preserve(el)


def _preserve(t: etree._Element) -> None:
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _tieu_ngu_edit(text: str) -> list[Edit]:
    if "–" not in text and "—" not in text:
        return []
    fixed = " ".join(re.sub(r"\s*[–—]\s*", " - ", text).split())
    if fixed != TIEU_NGU:
        return []
    return [Edit(m.start(), m.end(), "-", "dash") for m in re.finditer("[–—]", text)]


def _authority_edit(text: str) -> list[Edit]:
    m = re.match(r"^\s*(TM|KT|TL|TUQ|Q)\.(?=\S)", text)
    return [Edit(m.end(), m.end(), " ", "authority")] if m else []


# --------------------------------------------------------------------------- XML helpers


def _in_textbox(el: etree._Element) -> bool:
    return any(a.tag == w("txbxContent") for a in el.iterancestors())


def _runs(p: etree._Element) -> list[etree._Element]:
    return [r for r in p.iter(w("r")) if not _in_textbox(r)]


def _set_size(r: etree._Element, size: float) -> None:
    rpr = r.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        r.insert(0, rpr)
    for tag in ("sz", "szCs"):
        el = rpr.find(w(tag))
        if el is None:
            el = etree.SubElement(rpr, w(tag))
        el.set(w("val"), str(pt_to_half_points(size)))


def _ppr_child(p: etree._Element, tag: str) -> etree._Element:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    el = ppr.find(w(tag))
    if el is None:
        el = etree.SubElement(ppr, w(tag))
    return el


def _within(size: float | None, rng: Range) -> bool:
    return size is not None and rng[0] - 0.5 <= size <= rng[1] + 0.5


def _nearest(size: float | None, rng: Range) -> float:
    if size is None:
        return rng[1]
    return min(max(size, rng[0]), rng[1])


def _describe_line(para: Para) -> str:
    if para.props.line_rule == "auto":
        return f"{para.props.line / 240:.2f} dòng".replace(".", ",")
    return pt_text(twips_to_pt(para.props.line))


# --------------------------------------------------------------------------- output


def _repack(data: bytes, model: DocxModel, touched: set[str]) -> bytes:
    """The package with the touched parts serialised again; every other part byte for byte."""
    out = io.BytesIO()
    with Package(data, "(bản sửa)") as pkg, zipfile.ZipFile(out, "w") as z:
        for info in pkg.zip.infolist():
            if info.filename in touched:
                root = model.trees[info.filename]
                body = etree.tostring(
                    root.getroottree(), xml_declaration=True, encoding="UTF-8", standalone=True
                )
                z.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
            else:
                z.writestr(info, pkg.read(info.filename))
    return out.getvalue()


def words(text: str) -> list[str]:
    """The words of a text for comparing (NFC, tone placement unified, numbers without
    leading zeros): what ``nqgen fix`` must never change."""
    return [w_.lstrip("0") or "0" if w_.isdigit() else w_ for w_ in _WORD.findall(fold(text))]


def _same_words(before: bytes, after: bytes, name: str) -> None:
    a = DocxModel.load(before, name)
    b = DocxModel.load(after, name)
    if len(a.paras) != len(b.paras) or any(
        words(p.text) != words(q.text) for p, q in zip(a.paras, b.paras, strict=True)
    ):
        raise CheckError(
            f"Không sửa được tệp {name}: bản sửa khác chữ so với bản gốc (lỗi của nqgen); "
            "không ghi tệp nào. Hãy báo lỗi kèm tệp này."
        )


__all__ = ["Change", "FixRefused", "FixResult", "fix_docx", "fix_file", "words"]
