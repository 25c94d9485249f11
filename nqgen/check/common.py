"""Rules shared by NĐ 30/2020 and the Party guidelines (docs/format.md §4.1 and the shared parts
of §4.2/§4.3). Each rule's id is the standard's prefix plus the suffix given to ``@rule``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date

from nqgen.check.docx_model import Para, Section
from nqgen.check.findings import Finding
from nqgen.check.layout import Appendix, is_decoration, para_width
from nqgen.check.pages import page_count
from nqgen.check.rules import (
    LENGTH_TOLERANCE,
    SIZE_TOLERANCE,
    Context,
    all_bold,
    bad_size,
    check_format,
    in_range,
    mm,
    pt,
    rule,
    size_range,
    visible,
)
from nqgen.check.signature import academic_prefix
from nqgen.check.specs import Spec
from nqgen.check.text import (
    is_caps,
    parse_date_line,
    spacing_edits,
)
from nqgen.check.units import pt_to_twips, twips_to_pt
from nqgen.vn import POINTS, roman_value

A4 = (11906, 16838)
_PAPER_TOL = 28

# --------------------------------------------------------------------------- page set-up


@rule("paper")
def paper(ctx: Context) -> Iterator[Finding]:
    """Khổ giấy A4 (paper size A4, 210 × 297 mm) in every section; ``w:orient`` must agree
    with the page dimensions.

    NĐ 30/2020, Phụ lục I, I.1 (A4); HD 05-HD/VPTW IV.4 / HD 36 (A4). docs/format.md §4.1.1.
    """
    for sec in ctx.model.sections:
        w, h = sec.width, sec.height
        if w is None or h is None:
            yield ctx.finding(
                sec,
                "khổ A4 (210 × 297 mm)",
                "không khai báo khổ giấy",
                "Phần văn bản này không khai báo khổ giấy (w:pgSz); Word sẽ dùng "
                "khổ mặc định của máy in.",
            )
            continue
        short, long_ = sorted((w, h))
        if abs(short - A4[0]) > _PAPER_TOL or abs(long_ - A4[1]) > _PAPER_TOL:
            name = _paper_name(short, long_)
            yield ctx.finding(
                sec,
                "khổ A4 (210 × 297 mm)",
                f"{mm(short)} × {mm(long_)}{name}",
                "Văn bản phải trình bày trên khổ giấy A4 (210 mm × 297 mm).",
            )
        elif (w > h) != (sec.orient == "landscape"):
            yield ctx.finding(
                sec,
                'hướng giấy khớp kích thước (ngang: w:orient="landscape" và rộng > cao)',
                f'rộng {mm(w)}, cao {mm(h)}, w:orient="{sec.orient}"',
                "Thuộc tính hướng giấy (w:orient) không khớp với kích thước trang; "
                "khi in, trang có thể bị xoay sai.",
            )


def _paper_name(short: int, long_: int) -> str:
    if abs(short - 12240) <= _PAPER_TOL and abs(long_ - 15840) <= _PAPER_TOL:
        return " (khổ Letter của Mỹ)"
    if abs(short - 12240) <= _PAPER_TOL and abs(long_ - 20160) <= _PAPER_TOL:
        return " (khổ Legal của Mỹ)"
    if abs(short - 8391) <= _PAPER_TOL and abs(long_ - 11906) <= _PAPER_TOL:
        return " (khổ A5)"
    return ""


def _appendix_sections(ctx: Context) -> set[int]:
    return {a.section for a in ctx.layout.appendices}


def _table_heavy(sec: Section) -> bool:
    in_tables = sum(1 for p in sec.paras if p.cell is not None and p.stripped)
    outside = sum(1 for p in sec.paras if p.cell is None and p.stripped)
    return in_tables > outside


@rule("orientation", severity="warning")
def orientation(ctx: Context) -> Iterator[Finding]:
    """Hướng giấy (orientation): portrait; landscape only for sections that hold an appendix
    or mainly a table. A warning, since the regulation allows landscape for tables.

    NĐ 30/2020, Phụ lục I, I.2; HD 05-HD/VPTW IV.4. docs/format.md §4.1.2.
    """
    appendix = _appendix_sections(ctx)
    for sec in ctx.model.sections:
        if sec.landscape and sec.index not in appendix and not _table_heavy(sec):
            yield ctx.finding(
                sec,
                "khổ dọc (chỉ để khổ ngang cho phụ lục hoặc bảng biểu)",
                "khổ ngang",
                "Phần văn bản này khổ ngang nhưng không phải phụ lục hay bảng biểu.",
            )


_SIDE_LABEL = {"top": "lề trên", "bottom": "lề dưới", "left": "lề trái", "right": "lề phải"}
_ROTATIONS = (
    {"top": "top", "bottom": "bottom", "left": "left", "right": "right"},
    {"top": "left", "right": "top", "bottom": "right", "left": "bottom"},
    {"top": "right", "left": "top", "bottom": "left", "right": "bottom"},
)


def _margin_in(spec: Spec, sec: Section, side: str, source: str) -> bool:
    lo, hi = spec.margins[source]
    value = getattr(sec, side)
    return value is not None and lo - LENGTH_TOLERANCE <= value <= hi + LENGTH_TOLERANCE


def margin_ok(spec: Spec, sec: Section, side: str) -> bool:
    """Whether a section's margin on ``side`` is allowed (a landscape page may keep the portrait
    margins turned with it, HD 05 IV.4). Shared by the margin rules and ``nqgen fix``."""
    if _margin_in(spec, sec, side, side):
        return True
    return sec.landscape and any(
        all(_margin_in(spec, sec, s, rot[s]) for s in _ROTATIONS[0]) for rot in _ROTATIONS[1:]
    )


def _margin_rule(ctx: Context, side: str) -> Iterator[Finding]:
    for sec in ctx.model.sections:
        if margin_ok(ctx.spec, sec, side):
            continue
        lo, hi = ctx.spec.margins[side]
        want = mm(lo) if lo == hi else f"{mm(lo)[:-3]}–{mm(hi)}"
        yield ctx.finding(
            sec,
            f"{_SIDE_LABEL[side]} {want}",
            f"{_SIDE_LABEL[side]} {mm(getattr(sec, side))}",
            f"Căn lề trang sai: {_SIDE_LABEL[side]} phải là {want} ({ctx.spec.citation}).",
        )


@rule("margin-top", hd36="warning")
def margin_top(ctx: Context) -> Iterator[Finding]:
    """Lề trên (top margin): NĐ 30 20–25 mm; Party 20 mm. ±0.5 mm. HD 36 values are S/M in
    docs/format.md (warning).

    NĐ 30/2020, Phụ lục I, I.3; HD 05-HD/VPTW IV.4. docs/format.md §4.2.13, §4.3.29.
    """
    yield from _margin_rule(ctx, "top")


@rule("margin-bottom", hd36="warning")
def margin_bottom(ctx: Context) -> Iterator[Finding]:
    """Lề dưới (bottom margin): NĐ 30 20–25 mm; Party 20 mm. ±0.5 mm. HD 36: warning.

    NĐ 30/2020, Phụ lục I, I.3; HD 05-HD/VPTW IV.4. docs/format.md §4.2.13, §4.3.29.
    """
    yield from _margin_rule(ctx, "bottom")


@rule("margin-left", hd36="warning")
def margin_left(ctx: Context) -> Iterator[Finding]:
    """Lề trái (left margin): NĐ 30 30–35 mm; Party 30 mm. ±0.5 mm. HD 36: warning.

    NĐ 30/2020, Phụ lục I, I.3; HD 05-HD/VPTW IV.4. docs/format.md §4.2.13, §4.3.29.
    """
    yield from _margin_rule(ctx, "left")


@rule("margin-right", hd36="warning")
def margin_right(ctx: Context) -> Iterator[Finding]:
    """Lề phải (right margin): NĐ 30 15–20 mm; Party 15 mm. ±0.5 mm. HD 36: warning.

    NĐ 30/2020, Phụ lục I, I.3; HD 05-HD/VPTW IV.4. docs/format.md §4.2.13, §4.3.29.
    """
    yield from _margin_rule(ctx, "right")


# --------------------------------------------------------------------------- characters


def all_paras(ctx: Context) -> Iterator[Para]:
    """Every paragraph: the body (tables included), then the page headers and footers."""
    yield from ctx.model.paras
    for paras in ctx.model.parts.values():
        yield from paras


_LEGACY_FONT = re.compile(r"^(\.vn|vni[- ]|vn[a-z]|abc)", re.IGNORECASE)


@rule("font")
def font(ctx: Context) -> Iterator[Finding]:
    """Phông chữ Times New Roman (font): every visible run's effective ASCII and high-ANSI font,
    through styles, document defaults and the theme. Theme fonts (``asciiTheme``) count as
    Times New Roman only when the theme maps them to it; legacy TCVN3/VNI fonts are errors.

    NĐ 30/2020, Phụ lục I, I.4; HD 05-HD/VPTW IV.1; HD 36 (TCVN 6909:2001). docs/format.md §4.1.3.
    """
    for para in all_paras(ctx):
        for run in visible(para):
            names = {run.props.font, run.props.font_hansi}
            if all(n is not None and n.lower() == "times new roman" for n in names):
                continue
            shown = run.props.font if run.props.font != "Times New Roman" else run.props.font_hansi
            found = f"phông '{shown}'" if shown else "không xác định phông (mặc định của Word)"
            if run.props.font_theme:
                found += f" (phông theo chủ đề {run.props.font_theme})"
            legacy = shown is not None and bool(_LEGACY_FONT.match(shown))
            message = (
                "Phông chữ cũ (TCVN3/VNI) không dùng được; dùng phông Unicode Times New Roman."
                if legacy
                else "Văn bản phải dùng phông chữ Times New Roman (Unicode, TCVN 6909:2001)."
            )
            yield ctx.finding(para, "phông Times New Roman", found, message)
            break


_MOJIBAKE = re.compile("[©¬¦§¨µ¶·¸¹»¼½¾Æ×Þ®¯°±²³¤¢£¥«]")


@rule("encoding")
def encoding(ctx: Context) -> Iterator[Finding]:
    """Mã Unicode (encoding): no TCVN3/VNI mojibake such as "Uû ban nh©n d©n".

    NĐ 30/2020, Phụ lục I, I.4 (Unicode, TCVN 6909:2001); HD 05-HD/VPTW IV.1. docs/format.md §4.1.3.
    """
    for para in all_paras(ctx):
        m = _MOJIBAKE.search(para.text)
        if m:
            yield ctx.finding(
                para,
                "chữ Việt mã Unicode",
                f"ký tự lạ '{m.group(0)}'",
                "Đoạn văn có dấu hiệu gõ bằng bảng mã cũ (TCVN3/VNI) rồi đổi phông; "
                "hãy chuyển mã sang Unicode.",
            )


@rule("color")
def color(ctx: Context) -> Iterator[Finding]:
    """Màu chữ đen (text colour black): effective colour ``auto`` or ``000000``.

    NĐ 30/2020, Phụ lục I, I.4 ("màu đen"); HD 05-HD/VPTW IV.1. docs/format.md §4.1.4.
    """
    for para in all_paras(ctx):
        for run in visible(para):
            c = (run.props.color or "auto").lower()
            if c not in ("auto", "000000"):
                yield ctx.finding(
                    para, "màu chữ đen", f"màu #{c.upper()}", "Chữ trong văn bản phải màu đen."
                )
                break


@rule("nfc")
def nfc(ctx: Context) -> Iterator[Finding]:
    """Unicode dựng sẵn (NFC): text is stored precomposed, so search and comparison work.

    NĐ 30/2020, Phụ lục I, I.4 (TCVN 6909:2001); docs/format.md §4 (normalise to NFC).
    """
    for para in all_paras(ctx):
        raw = "".join(r.text for r in para.runs)
        if not unicodedata.is_normalized("NFC", raw):
            yield ctx.finding(
                para,
                "chữ Việt Unicode dựng sẵn (NFC)",
                "chữ Việt tổ hợp (dấu tách rời)",
                "Đoạn văn dùng dấu thanh tổ hợp (NFD); hãy chuyển sang Unicode dựng sẵn.",
            )


_SPACING_FINDING = {
    "double": ("một dấu cách giữa hai từ", "hai dấu cách liền nhau",
               "Đoạn văn có hai (hoặc hơn) dấu cách liền nhau."),
    "before": ("không có dấu cách trước dấu câu", "dấu cách trước dấu câu",
               "Không đặt dấu cách trước dấu phẩy, dấu chấm, dấu chấm phẩy, dấu hai chấm."),
    "after": ("một dấu cách sau dấu phẩy, dấu chấm", "thiếu dấu cách sau dấu câu",
              "Sau dấu phẩy, dấu chấm phẩy, dấu chấm phải có một dấu cách trước từ tiếp theo."),
}  # fmt: skip


@rule("spaces")
def spaces(ctx: Context) -> Iterator[Finding]:
    """Dấu cách (spacing): no double spaces, no space before ``, . ; :``, one space after a
    comma or full stop between words ("học,công" → "học, công"). The blanks of a draft's
    number and date (``Số:      /KH-UBND``, ``ngày      tháng``) are allowed. The edits are
    those ``nqgen fix`` applies (:func:`nqgen.check.text.spacing_edits`).

    NĐ 30/2020, Phụ lục II (quy tắc viết); docs/format.md §4.1.12.
    """
    for para in all_paras(ctx):
        kinds = {e.why for e in spacing_edits(para.text)}
        for kind in ("double", "before", "after"):
            if kind in kinds:
                expected, found, message = _SPACING_FINDING[kind]
                yield ctx.finding(para, expected, found, message)
                break


_MARKERS = re.compile(r"\{\{|\{%|\}\}|%\}|\{#|#\}|⟦|\bNone\b")


@rule("template")
def template(ctx: Context) -> Iterator[Finding]:
    """Dấu mẫu còn sót (leftover template markers): ``{{``, ``{%``, ``}}``, ``%}``, ``None``,
    ``⟦thiếu: …⟧`` left by the renderer or a hand-filled template.

    docs/format.md §4 (checker); docs/architecture.md, "Check" and docxtpl pitfalls 2–3.

    Not in a plan nqgen wrote (creator ``nqgen``): its templates are filled with
    StrictUndefined, so it has no unfilled tag, and braces in it are text the user typed
    (profile strings are data, printed as typed; issue 11).
    """
    if ctx.model.creator == "nqgen":
        return
    for para in all_paras(ctx):
        m = _MARKERS.search(para.text)
        if m:
            yield ctx.finding(
                para,
                "không còn dấu mẫu",
                f"'{m.group(0)}'",
                "Văn bản còn sót dấu của mẫu (template) chưa được điền.",
            )


# --------------------------------------------------------------------------- date


@rule("date")
def date_line(ctx: Context) -> Iterator[Finding]:
    """Địa danh và thời gian ban hành (place-date line): ``Tân Lập, ngày 05 tháng 02 năm 2026``.
    Day < 10 and months 1–2 take a leading zero, months 3–12 none; italic; centred; size
    NĐ 30 13–14 pt, Party 14 pt. A draft may leave day and month blank
    (``Xốp, ngày      tháng 9 năm 2025``).

    NĐ 30/2020, Phụ lục I, II.4; HD 05-HD/VPTW 4.2.2 and Phụ lục 2; HD 36 Phụ lục 3.
    docs/format.md §4.1.9–10, §4.3.33.
    """
    para = ctx.layout.date
    if para is None:
        yield ctx.finding(
            None,
            "dòng địa danh, ngày tháng năm ban hành",
            "không có",
            "Không tìm thấy dòng địa danh, ngày … tháng … năm … ở phần đầu văn bản.",
        )
        return
    parts = parse_date_line(para.text)
    want = "Địa danh, ngày dd tháng m năm yyyy (ví dụ: Tân Lập, ngày 05 tháng 02 năm 2026)"
    if parts is None:
        yield ctx.finding(
            para,
            want,
            para.stripped,
            "Dòng địa danh, ngày tháng năm sai dạng (thiếu dấu phẩy sau địa danh "
            "hoặc thiếu chữ ngày/tháng/năm).",
        )
    else:
        yield from _date_parts(ctx, para, parts)
    yield from check_format(
        ctx, para, "Dòng địa danh, ngày tháng", size=ctx.spec.date_size, italic=True, centred=True
    )


def _date_parts(ctx: Context, para: Para, parts: dict[str, str | None]) -> Iterator[Finding]:
    place, day, month, year = parts["place"] or "", parts["day"], parts["month"], parts["year"]
    if not place.strip() or not place.strip()[0].isupper():
        yield ctx.finding(
            para,
            "địa danh viết hoa chữ cái đầu",
            place or "(trống)",
            "Địa danh phải viết hoa chữ cái đầu.",
        )
    if day is not None:
        d = int(day)
        if not 1 <= d <= 31 or len(day) != 2:
            yield ctx.finding(
                para,
                f"ngày {d:02d}" if 1 <= d <= 31 else "ngày từ 01 đến 31",
                f"ngày {day}",
                "Ngày nhỏ hơn 10 phải có số 0 đứng trước (ví dụ: ngày 05).",
            )
    if month is not None:
        m = int(month)
        good = f"{m:02d}" if m in (1, 2) else str(m)
        if not 1 <= m <= 12 or month != good:
            yield ctx.finding(
                para,
                f"tháng {good}" if 1 <= m <= 12 else "tháng từ 01 đến 12",
                f"tháng {month}",
                "Tháng 1, 2 phải có số 0 đứng trước (tháng 01, 02); tháng 3 đến 12 "
                "không có số 0 (tháng 3, …, tháng 12).",
            )
    if day is not None and month is not None and year is not None:
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            yield ctx.finding(
                para,
                "ngày có thật trong lịch",
                f"{day}/{month}/{year}",
                "Ngày ban hành không tồn tại.",
            )


# --------------------------------------------------------------------------- page numbers


def _page_paras(ctx: Context, part: str | None) -> list[Para]:
    if part is None:
        return []
    return ctx.model.parts.get(part, [])


@rule("page-number", hd36="warning")
def page_number(ctx: Context) -> Iterator[Finding]:
    """Số trang (page number): a ``PAGE`` field centred in the default header (top margin), in
    Arabic numerals, upright, NĐ 30 13–14 pt / Party 14 pt; ``w:titlePg`` on the first
    section with no ``PAGE`` field in its first-page header (no number on page 1); none in a
    footer. Party: header distance about 10 mm from the top edge. A one-page document needs
    no number (pages from Word's saved count, else estimated: :mod:`nqgen.check.pages`).

    NĐ 30/2020, Phụ lục I, I.7; HD 05-HD/VPTW IV.5 and Phụ lục 2 row 15 (HD 36: M).
    docs/format.md §4.1.7, §4.3.29.
    """
    sections = ctx.model.sections
    reported_missing = page_count(ctx.model) < 2  # NĐ 30 numbers pages from the second one
    for sec in sections:
        paras = _page_paras(ctx, sec.headers.get("default"))
        field_paras = [p for p in paras if p.has_field("PAGE")]
        if not field_paras:
            if not reported_missing:
                yield ctx.finding(
                    sec,
                    "trường số trang (PAGE) ở đầu trang, căn giữa",
                    "không có số trang ở đầu trang",
                    "Văn bản phải đánh số trang ở giữa lề trên (đầu trang), từ trang thứ hai.",
                )
                reported_missing = True
            continue
        for p in field_paras:
            yield from _page_number_field(ctx, p)
        yield from _page_number_section(ctx, sec)
    if sections:
        yield from _page_number_first_page(ctx, sections[0])
    footer_parts = {part for sec in sections for part in sec.footers.values()}
    for part in sorted(footer_parts):
        for p in _page_paras(ctx, part):
            if p.has_field("PAGE"):
                yield ctx.finding(
                    p,
                    "số trang ở đầu trang (lề trên)",
                    "số trang ở chân trang",
                    "Số trang phải đặt ở giữa lề trên, không đặt ở chân trang.",
                )


def _page_number_field(ctx: Context, p: Para) -> Iterator[Finding]:
    """:func:`page_number`: one paragraph holding the PAGE field (centred, Arabic, size,
    upright)."""
    tabbed = p.props.center_tab and p.text.startswith("\t")  # centred with a tab stop
    if p.props.jc != "center" and not tabbed:
        yield ctx.finding(
            p,
            "số trang căn giữa",
            f"căn lề '{p.props.jc}'",
            "Số trang phải được căn giữa theo chiều ngang.",
        )
    if any(re.search(r"\\\*\s*(roman|alphabetic)", f, re.I) for f in p.fields):
        yield ctx.finding(
            p, "số Ả Rập", "số La Mã hoặc chữ cái", "Số trang phải là chữ số Ả Rập."
        )
    runs = [r for r in p.runs if r.field or r.text.strip()]
    bad = next(
        (
            r
            for r in runs
            if not in_range(r.props.size, ctx.spec.page_number_size, SIZE_TOLERANCE)
        ),
        None,
    )
    if bad is not None:
        yield ctx.finding(
            p,
            f"số trang cỡ {size_range(ctx.spec.page_number_size)}",
            f"cỡ {pt(bad.props.size)}",
            f"Số trang phải có cỡ chữ {size_range(ctx.spec.page_number_size)}.",
        )
    if any(r.props.italic for r in runs):
        yield ctx.finding(
            p, "số trang chữ đứng", "chữ nghiêng", "Số trang phải là chữ đứng."
        )


def _page_number_section(ctx: Context, sec: Section) -> Iterator[Finding]:
    """:func:`page_number`: a section's header distance (Party) and number format."""
    if ctx.spec.header_distance is not None and sec.header_distance is not None:
        if abs(sec.header_distance - ctx.spec.header_distance) > LENGTH_TOLERANCE:
            yield ctx.finding(
                sec,
                f"số trang cách mép trên {mm(ctx.spec.header_distance)}",
                f"đầu trang cách mép trên {mm(sec.header_distance)}",
                "Số trang phải đặt cách mép trên trang giấy 10 mm.",
            )
    if sec.page_fmt and sec.page_fmt not in ("decimal",):
        yield ctx.finding(
            sec, "số Ả Rập", f"kiểu số trang '{sec.page_fmt}'", "Số trang phải là chữ số Ả Rập."
        )


def _page_number_first_page(ctx: Context, first: Section) -> Iterator[Finding]:
    """:func:`page_number`: no number on page 1 (``w:titlePg``, nothing in its header)."""
    default_has = any(
        p.has_field("PAGE") for p in _page_paras(ctx, first.headers.get("default"))
    )
    first_has = any(p.has_field("PAGE") for p in _page_paras(ctx, first.headers.get("first")))
    if default_has and not first.title_pg:
        yield ctx.finding(
            first,
            "không hiện số trang ở trang 1 (bật w:titlePg)",
            "trang 1 có số trang",
            "Không đánh số trang ở trang thứ nhất: bật 'Trang đầu khác' "
            "(Different first page).",
        )
    elif first.title_pg and first_has:
        yield ctx.finding(
            first,
            "đầu trang của trang 1 không có số trang",
            "trang 1 có số trang",
            "Đầu trang riêng của trang 1 có trường số trang; trang 1 không được hiện số trang.",
        )


# --------------------------------------------------------------------------- appendices


@rule("appendix-section", hd36="warning")
def appendix_section(ctx: Context) -> Iterator[Finding]:
    """Phụ lục đánh số trang riêng (appendix pages numbered on their own): each appendix begins
    a new section whose page numbering restarts at 1 (``w:pgNumType w:start="1"``).

    NĐ 30/2020, Phụ lục I, III.1đ; HD 05-HD/VPTW IV.5. docs/format.md §4.1.8.
    """
    for app in ctx.layout.appendices:
        sec = ctx.model.sections[app.caption.section]
        before = [p for p in sec.paras if p.order < app.caption.order]
        starts_section = app.caption.section > 0 and not any(
            p.stripped for p in before if not is_decoration(p)
        )
        if not starts_section:
            yield ctx.finding(
                app.caption,
                "phụ lục bắt đầu một phần mới (ngắt phần)",
                "phụ lục nằm chung một phần với nội dung trước",
                "Mỗi phụ lục phải bắt đầu sau một dấu ngắt phần (Ngắt > Trang tiếp theo) "
                "để đánh số trang riêng.",
            )
        elif sec.page_start != 1:
            yield ctx.finding(
                sec,
                "đánh số trang phụ lục bắt đầu từ 1",
                "số trang nối tiếp phần trước"
                if sec.page_start is None
                else f"bắt đầu từ {sec.page_start}",
                "Số trang của mỗi phụ lục phải đánh riêng, bắt đầu từ 1.",
            )


@rule("table-header")
def table_header(ctx: Context) -> Iterator[Finding]:
    """Lặp lại hàng tiêu đề bảng (repeat header row): the first row of an appendix table is
    marked ``w:tblHeader`` so it repeats on every page.

    NĐ 30/2020, Phụ lục I, III (bảng biểu phụ lục, practice); docs/format.md §4 (checker brief);
    docs/architecture.md, docxtpl pitfall 6.
    """
    for app in ctx.layout.appendices:
        for table in app.tables:
            if table.rows >= 2 and not table.first_row_header:
                yield ctx.finding(
                    table,
                    "hàng đầu bảng lặp lại ở mỗi trang (tblHeader)",
                    "không lặp lại hàng tiêu đề",
                    "Bảng trong phụ lục phải đặt hàng tiêu đề lặp lại ở đầu "
                    "mỗi trang (Repeat as header row).",
                )


@rule("appendix-ref", severity="warning")
def appendix_ref(ctx: Context) -> Iterator[Finding]:
    """Dẫn chiếu phụ lục (appendix referred to in the text): the body must mention "Phụ lục".

    NĐ 30/2020, Phụ lục I, III.1a; HD 05-HD/VPTW II.1. docs/format.md §1 "Appendix: reference".
    """
    if not ctx.layout.appendices:
        return
    if not any("phụ lục" in p.text.lower() for p in ctx.layout.body):
        app: Appendix = ctx.layout.appendices[0]
        yield ctx.finding(
            app.caption,
            "phần nội dung dẫn chiếu tới phụ lục",
            "không có câu nào nhắc tới phụ lục",
            "Văn bản có phụ lục thì nội dung phải dẫn chiếu tới phụ lục đó.",
        )


# --------------------------------------------------------------------------- body

_ROMAN_HEAD = re.compile(r"^\s*([IVXL]+)\s*([.\-–:)])\s*\S")
_POINT = re.compile(r"^\s*([a-zđ])\)\s")
_KHOAN = re.compile(r"^\s*\d+(\.\d+)*\.\s")


def roman_heading(para: Para) -> tuple[str, str] | None:
    """(numeral, separator) of a top-level heading line ("I. MỤC ĐÍCH", "II- MỤC TIÊU")."""
    m = _ROMAN_HEAD.match(para.text)
    if m and roman_value(m.group(1)) is not None:
        return m.group(1), m.group(2)
    return None


def _indent_exempt(para: Para) -> bool:
    return para.props.jc == "center" or roman_heading(para) is not None


@rule("body-size")
def body_size(ctx: Context) -> Iterator[Finding]:
    """Cỡ chữ phần nội dung (body size): NĐ 30 13–14 pt; Party 14–15 pt.

    NĐ 30/2020, Phụ lục I, II.6e and Mục V; HD 05-HD/VPTW Phụ lục 2; HD 36 Phụ lục 3.
    docs/format.md §4.2.21, §4.3.35.
    """
    for para in ctx.layout.body:
        run = bad_size(para, ctx.spec.body_size)
        if run is not None:
            yield ctx.finding(
                para,
                f"cỡ chữ {size_range(ctx.spec.body_size)}",
                f"cỡ chữ {pt(run.props.size)}",
                f"Nội dung văn bản phải có cỡ chữ {size_range(ctx.spec.body_size)}.",
            )


@rule("body-indent", hd36="warning")
def body_indent(ctx: Context) -> Iterator[Finding]:
    """Lùi đầu dòng (first-line indent) set with ``w:ind/@w:firstLine``, not spaces or tabs:
    NĐ 30 1 cm or 1,27 cm; Party about 10 mm. Centred lines and "I." headings are exempt.

    NĐ 30/2020, Phụ lục I, II.6e; HD 05-HD/VPTW 6.2.2 (HD 36: M). docs/format.md §4.1.6, §4.3.35.
    """
    allowed = ctx.spec.body_indent
    want = " hoặc ".join(mm(v) for v in allowed)
    for para in ctx.layout.body:
        if _indent_exempt(para):
            continue
        if para.text[:1] in (" ", "\t", "\u00a0"):
            yield ctx.finding(
                para,
                f"lùi đầu dòng {want} bằng định dạng đoạn",
                "lùi đầu dòng bằng dấu cách hoặc tab",
                "Lùi đầu dòng phải đặt bằng định dạng đoạn (First line), "
                "không gõ dấu cách hay tab.",
            )
            continue
        first = para.props.first_line
        if not _indent_ok(ctx, para, first, allowed):
            yield ctx.finding(
                para,
                f"lùi đầu dòng {want}",
                f"lùi đầu dòng {mm(first)}" if first >= 0 else f"thụt treo {mm(-first)}",
                f"Đầu dòng phải lùi vào {want}.",
            )


def _indent_ok(ctx: Context, para: Para, first: int, allowed: tuple[int, ...]) -> bool:
    """The first-line indent is allowed; or the paragraph is a single line whose left indent
    puts its start where a first-line indent would (it prints the same)."""
    if any(abs(first - v) <= LENGTH_TOLERANCE for v in allowed):
        return True
    start = para.props.ind_left + first
    width = ctx.layout.container_width(para)
    one_line = width is not None and para_width(para) <= width - max(first, 0)
    return one_line and any(abs(start - v) <= LENGTH_TOLERANCE for v in allowed)


@rule("body-spacing", hd36="warning")
def body_spacing(ctx: Context) -> Iterator[Finding]:
    """Khoảng cách giữa các đoạn (paragraph spacing): before + after at least 6 pt.

    NĐ 30/2020, Phụ lục I, II.6e; HD 05-HD/VPTW 6.2.2 (HD 36: M). docs/format.md §4.2.21, §4.3.35.
    """
    for para in ctx.layout.body:
        total = para.props.before + para.props.after
        if total < pt_to_twips(6 - SIZE_TOLERANCE):
            yield ctx.finding(
                para,
                "cách đoạn tối thiểu 6 pt",
                f"cách đoạn {pt(twips_to_pt(total))}",
                "Khoảng cách giữa các đoạn văn tối thiểu là 6 pt.",
            )


def _main_size(para: Para, fallback: float) -> float:
    sizes = [r.props.size for r in visible(para) if r.props.size]
    return max(sizes) if sizes else fallback


def _describe_spacing(para: Para) -> str:
    rule_, line = para.props.line_rule, para.props.line
    if rule_ == "auto":
        return f"{line / 240:.2f} dòng".replace(".", ",")
    kind = "chính xác (Exactly)" if rule_ == "exact" else "tối thiểu (At least)"
    return f"{kind} {pt(twips_to_pt(line))}"


@rule("line-spacing", hd36="warning")
def line_spacing(ctx: Context) -> Iterator[Finding]:
    """Khoảng cách giữa các dòng (line spacing). NĐ 30: single to 1.5 lines (``auto`` 240–360,
    or an exact value between about 1.15× and 1.73× the font size; an ``atLeast`` value below
    that is single spacing in effect). HD 05: Exactly 18–22 pt. HD 36 (unconfirmed, warning):
    at least single.

    NĐ 30/2020, Phụ lục I, II.6e; HD 05-HD/VPTW 6.2.2. docs/format.md §4.2.21, §4.3.35.
    """
    for para in ctx.layout.body:
        ok, want = spacing_ok(ctx.spec, para)
        if not ok:
            yield ctx.finding(
                para, want, _describe_spacing(para), f"Khoảng cách giữa các dòng phải là {want}."
            )


def spacing_ok(spec: Spec, para: Para) -> tuple[bool, str]:
    """(line spacing allowed, what is wanted) for a body paragraph under ``spec``; shared by
    the line-spacing rule and ``nqgen fix``."""
    size = _main_size(para, spec.body_size[1])
    line, rule_ = para.props.line, para.props.line_rule
    if spec.key == "hd05":
        return rule_ == "exact" and 350 <= line <= 450, "chính xác (Exactly) 18–22 pt"
    if spec.key == "hd36":
        single = pt_to_twips(1.15 * size) - 10
        ok = (rule_ == "auto" and line >= 235) or (rule_ != "auto" and line >= single)
        return ok, "tối thiểu một dòng (single)"
    lo, hi = pt_to_twips(1.15 * size) - 10, pt_to_twips(1.73 * size) + 10
    if rule_ == "auto":
        ok = 235 <= line <= 365
    elif rule_ == "atLeast":
        ok = line <= hi
    else:
        ok = lo <= line <= hi
    return ok, "từ một dòng (single) đến 1,5 dòng"


@rule("body-align")
def body_align(ctx: Context) -> Iterator[Finding]:
    """Căn đều hai lề (justified): body paragraphs longer than one line use ``w:jc="both"``.

    NĐ 30/2020, Phụ lục I, II.6e; HD 05-HD/VPTW 6.2.2. docs/format.md §4.1.5.
    """
    for para in ctx.layout.body:
        if roman_heading(para) is not None or para.props.jc == "both":
            continue
        width = ctx.layout.container_width(para)
        if width is not None and para_width(para) > width:
            yield ctx.finding(
                para,
                "căn đều hai lề (Justify)",
                f"căn lề '{para.props.jc}'",
                "Nội dung văn bản phải căn đều hai lề.",
            )


@rule("points")
def points(ctx: Context) -> Iterator[Finding]:
    """Điểm (points) ``a)``, ``b)`` … in Vietnamese alphabet order a, b, c, d, đ, e, g, h, i,
    k, …; no f, j, w, z. The sequence restarts after each khoản or heading.

    NĐ 30/2020, Phụ lục I, II.6đ (bố cục: điểm); docs/format.md §4.2.23.
    """
    expected = 0
    for para in ctx.layout.body:
        m = _POINT.match(para.text)
        if m is None:
            if _KHOAN.match(para.text) or roman_heading(para) is not None:
                expected = 0
            continue
        letter = m.group(1)
        want = POINTS[expected] if expected < len(POINTS) else "?"
        if letter != want:
            yield ctx.finding(
                para,
                f"điểm {want})",
                f"điểm {letter})",
                "Các điểm phải đánh theo thứ tự chữ cái tiếng Việt "
                "(a, b, c, d, đ, e, g, h, …; không dùng f, j, w, z).",
            )
        if letter in POINTS:
            expected = POINTS.index(letter) + 1
        else:
            expected += 1


def last_body(ctx: Context) -> Para | None:
    """The last paragraph of the body (đoạn cuối phần nội dung), for the end-mark rules."""
    body = [p for p in ctx.layout.body if p.cell is None]
    return body[-1] if body else None


def full_width_rule(ctx: Context, p: Para | None, name: str) -> Iterator[Finding]:
    """A solid rule under ``p`` as long as its text line (±20 %): the rule under the Tiêu ngữ
    (NĐ 30/2020, Phụ lục I, II.1c) and under "ĐẢNG CỘNG SẢN VIỆT NAM" (HD 05-HD/VPTW 1).
    ``name`` is the Vietnamese name of the line above it, used in the messages."""
    if p is None:
        return
    line = ctx.layout.rule_below(p)
    if line is None:
        yield ctx.finding(
            p,
            f"đường kẻ ngang dưới {name}",
            "không có",
            f"Phía dưới {name} phải có đường kẻ ngang, nét liền, dài bằng dòng chữ.",
        )
        return
    width = para_width(p)
    if line.length is not None and width and abs(line.length - width) > 0.2 * width:
        yield ctx.finding(
            line.para,
            f"đường kẻ dài bằng {name} (khoảng {mm(width)})",
            f"dài {mm(line.length)}",
            f"Đường kẻ dưới {name} phải dài bằng độ dài dòng chữ.",
        )


def issuer_split(lines: list[Para]) -> tuple[list[Para], list[Para]]:
    """(superior lines, issuing-name lines): leading non-bold lines are the superior body
    (cơ quan chủ quản, NĐ 30/2020 PL I II.2a; cấp ủy cấp trên, HD 05 2.1.2c)."""
    k = next((i for i, p in enumerate(lines) if all_bold(p)), len(lines))
    return lines[:k], lines[k:]


def issuer_name_bold(ctx: Context, lines: list[Para], name: list[Para]) -> Iterator[Finding]:
    """The issuing name is bold (NĐ 30/2020 PL I II.2b; HD 05 Phụ lục 2): a finding on the last
    issuer line when no line is bold, and on each name line that is not bold throughout."""
    if not name:
        yield ctx.finding(
            lines[-1],
            "tên cơ quan ban hành in đậm",
            "không đậm",
            "Tên cơ quan ban hành văn bản phải in đậm.",
        )
    for p in name:
        if not all_bold(p):
            yield ctx.finding(
                p,
                "tên cơ quan ban hành in đậm",
                "không đậm",
                "Tên cơ quan ban hành văn bản phải in đậm.",
            )


def signer_name(ctx: Context, p: Para) -> Iterator[Finding]:
    """The signer's name (họ tên người ký): normal case, no academic or military title before
    it, bold, upright, the standard's size (NĐ 30/2020 PL I II.7c-đ; HD 05-HD/VPTW Phụ lục 2)."""
    text = p.shown.strip()
    if is_caps(text):
        yield ctx.finding(
            p,
            "họ tên chữ in thường (hoa chữ cái đầu)",
            text,
            "Họ tên người ký viết chữ in thường, không in hoa toàn bộ.",
        )
    prefix = academic_prefix(text)
    if prefix:
        yield ctx.finding(
            p,
            "họ tên không kèm học hàm, học vị",
            text,
            f"Không ghi học hàm, học vị, cấp bậc ('{prefix}') trước họ tên người ký.",
        )
    yield from check_format(
        ctx, p, "Họ tên người ký", size=ctx.spec.signature_size, bold=True, italic=False
    )
