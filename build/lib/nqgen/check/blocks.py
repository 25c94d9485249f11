"""Rules of the title block and the text around the body, shared by NĐ 30/2020 and the Party
guidelines: type name (tên loại), summary (trích yếu, and the "V/v …" of a công văn),
"Kính gửi", the căn cứ lines, urgency / secrecy / circulation / draft marks, and upright body
text. Sizes and forms that differ come from the :class:`~nqgen.check.specs.Spec`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nqgen.check.common import roman_heading
from nqgen.check.docx_model import Para
from nqgen.check.findings import Finding
from nqgen.check.layout import mark_kind
from nqgen.check.rules import (
    ALL,
    Context,
    all_italic,
    check_format,
    rule,
    shown_text,
)
from nqgen.check.text import is_caps

_CAN_CU = re.compile(r"^[-–+•]?\s*(Căn cứ|Theo đề nghị)\b")


@rule("doc-type", severity="warning")
def doc_type(ctx: Context) -> Iterator[Finding]:
    """Loại văn bản (document type) outside the checker's scope: a citizen's petition ("ĐƠN …")
    is not a document of an agency or a Party organisation, so NĐ 30/2020 (Điều 1, phạm vi
    điều chỉnh) and the Party guidelines do not set its layout; only its text is checked.

    NĐ 30/2020, Điều 1–2; HD 05-HD/VPTW I.
    """
    lay = ctx.layout
    if lay.doc_type.key == "don" and lay.title is not None:
        yield ctx.finding(
            lay.title,
            "văn bản hành chính của cơ quan hoặc văn bản của Đảng",
            f"đơn của cá nhân ('{lay.title.stripped[:40]}')",
            "Đây là đơn của cá nhân, không phải văn bản của cơ quan, tổ chức: thể thức theo "
            "Nghị định 30/2020 không áp dụng; chỉ kiểm tra phông chữ, mã chữ và dấu cách.",
        )


@rule("title", ALL)
def title(ctx: Context) -> Iterator[Finding]:
    """Tên loại văn bản (type name) "KẾ HOẠCH": capitals, bold, upright, centred; NĐ 30 13–14 pt,
    Party 15–16 pt. A công văn has none (skipped by its document type).

    NĐ 30/2020, Phụ lục I, II.5b; HD 05-HD/VPTW 5.2.1 and Phụ lục 2; HD 36 Phụ lục 3.
    FORMAT.md §4.2.20, §4.3.34.
    """
    p = ctx.layout.title
    if p is None:
        yield ctx.finding(
            None, "tên loại văn bản (KẾ HOẠCH)", "không có", "Không tìm thấy tên loại văn bản."
        )
        return
    if not is_caps(shown_text(p)):
        yield ctx.finding(p, "chữ in hoa", p.stripped, "Tên loại văn bản phải in hoa.")
    yield from check_format(
        ctx, p, "Tên loại văn bản", size=ctx.spec.title_size, bold=True, italic=False, centred=True
    )


@rule("summary", ALL)
def summary(ctx: Context) -> Iterator[Finding]:
    """Trích yếu (summary). Under the type name: bold, upright, centred; NĐ 30 13–14 pt, Party
    14–15 pt. In a công văn, under the number: NĐ 30 "V/v …", 12–13 pt, upright, not bold,
    centred; Party 12 pt italic, beginning "về việc …" without "V/v".

    NĐ 30/2020, Phụ lục I, II.5b; HD 05-HD/VPTW 5.2.1, 5.2.3 and Phụ lục 2. FORMAT.md §4.2.20,
    §4.3.34.
    """
    lay = ctx.layout
    if not lay.doc_type.has_title:
        yield from _cong_van_summary(ctx)
        return
    if lay.title is None:
        return
    if not lay.summary:
        yield ctx.finding(
            lay.title,
            "trích yếu nội dung dưới tên loại",
            "không có",
            "Dưới tên loại văn bản phải có trích yếu nội dung, căn giữa.",
        )
        return
    for p in lay.summary:
        yield from check_format(
            ctx, p, "Trích yếu", size=ctx.spec.summary_size, bold=True, italic=False, centred=True
        )


def _cong_van_summary(ctx: Context) -> Iterator[Finding]:
    lines = ctx.layout.summary
    party = ctx.spec.party
    if not lines:
        yield ctx.finding(
            ctx.layout.number,
            "trích yếu công văn dưới số, ký hiệu ("
            + ("về việc …)" if party else "V/v …)"),
            "không có",
            "Công văn phải có trích yếu nội dung đặt dưới số, ký hiệu.",
        )
        return
    first = lines[0]
    if party and first.stripped.lower().startswith("v/v"):
        yield ctx.finding(
            first,
            "về việc …",
            first.stripped[:20],
            "Trích yếu công văn của Đảng viết 'về việc …', không viết tắt 'V/v'.",
        )
    elif not party and not first.stripped.startswith("V/v "):
        yield ctx.finding(
            first, "V/v …", first.stripped[:20], "Trích yếu công văn bắt đầu bằng 'V/v '."
        )
    for p in lines:
        yield from check_format(
            ctx,
            p,
            "Trích yếu công văn",
            size=ctx.spec.cv_summary_size,
            bold=False,
            italic=party,
            centred=True,
        )


@rule("kinh-gui", ALL)
def kinh_gui(ctx: Context) -> Iterator[Finding]:
    """Kính gửi (addressees) of a công văn, a tờ trình or a báo cáo sent upwards: "Kính gửi:"
    with a colon; one addressee on the same line; several on lines of their own "- …;" with the
    last ending "."; NĐ 30 13–14 pt upright, Party 14 pt italic. A công văn and a tờ trình must
    have it; other types do not use it (a warning).

    NĐ 30/2020, Phụ lục I, II.9b, II.9d (ô 9a) and Mục V row 8a; HD 05-HD/VPTW 9.2.
    """
    lay = ctx.layout
    policy = lay.doc_type.kinh_gui
    if not lay.kinh_gui:
        if policy == "required":
            yield ctx.finding(
                lay.title or lay.number,
                "Kính gửi: <cơ quan, cá nhân nhận văn bản>",
                "không có",
                f"{lay.doc_type.label} phải ghi 'Kính gửi' và nơi nhận trực tiếp.",
            )
        return
    head = lay.kinh_gui[0]
    if policy == "none":
        yield ctx.finding(
            head,
            "không dùng 'Kính gửi'",
            head.stripped[:30],
            f"{lay.doc_type.label} không dùng 'Kính gửi'; ghi nơi nhận ở phần 'Nơi nhận'.",
            severity="warning",
        )
    if not re.match(r"^Kính (gửi|trình):", head.stripped):
        yield ctx.finding(
            head,
            "Kính gửi: …",
            head.stripped[:30],
            "Sau từ 'Kính gửi' có dấu hai chấm.",
        )
    items = lay.kinh_gui[1:]
    for i, p in enumerate(items):
        end = "." if i == len(items) - 1 else ";"
        if not p.stripped.startswith("- ") or not p.stripped.endswith(end):
            yield ctx.finding(
                p,
                f"- <nơi nhận>{end}",
                p.stripped[-20:],
                "Gửi nhiều nơi: mỗi nơi một dòng, bắt đầu bằng '- ', kết thúc bằng ';', "
                "dòng cuối kết thúc bằng '.'.",
            )
    for p in lay.kinh_gui:
        # NĐ 30: upright throughout; Party: the words "Kính gửi" italic, the names upright.
        upright = None if ctx.spec.party else False
        yield from check_format(ctx, p, "Kính gửi", size=ctx.spec.kinh_gui_size, italic=upright)


def can_cu_lines(ctx: Context) -> list[Para]:
    """The căn cứ lines (căn cứ ban hành): "Căn cứ …" and "Theo đề nghị …" lines at the start
    of the body, before the first heading."""
    out: list[Para] = []
    for p in ctx.layout.body:
        if roman_heading(p) is not None or (out and not _CAN_CU.match(p.stripped)):
            break
        if _CAN_CU.match(p.stripped):
            out.append(p)
        elif p.props.jc != "center" and not is_caps(p.stripped):
            break
    return out


@rule("can-cu", ALL)
def can_cu(ctx: Context) -> Iterator[Finding]:
    """Căn cứ ban hành (legal bases): one per line, each ending ";" and the last "." (Party: the
    last may end "," when the sentence naming the issuer follows). NĐ 30: normal case, italic,
    13–14 pt. Party: each line begins "- ".

    NĐ 30/2020, Phụ lục I, II.6a; HD 05-HD/VPTW 6.2.3; QĐ 399-QĐ/TW (practice).
    FORMAT.md Table 1 "Căn cứ", §4.3.37.
    """
    lines = can_cu_lines(ctx)
    for i, p in enumerate(lines):
        text = p.stripped
        last = i == len(lines) - 1
        endings = (".", ",", ";") if ctx.spec.party else ((".",) if last else (";",))
        if ctx.spec.party and not text.startswith("- "):
            yield ctx.finding(
                p, "- Căn cứ …;", text[:30], "Mỗi căn cứ một dòng, bắt đầu bằng '- '."
            )
        elif not text.endswith(endings):
            want = "." if last else ";"
            yield ctx.finding(
                p,
                f"căn cứ kết thúc bằng '{want}'",
                text[-15:],
                "Sau mỗi căn cứ có dấu chấm phẩy (;), căn cứ cuối cùng kết thúc bằng dấu chấm (.)."
                if not ctx.spec.party
                else "Mỗi căn cứ kết thúc bằng ';' (căn cứ cuối bằng '.' hoặc ',').",
            )
        if ctx.spec.can_cu_italic:
            yield from check_format(
                ctx, p, "Căn cứ ban hành", size=ctx.spec.body_size, italic=True
            )


@rule("marks")
def marks(ctx: Context) -> Iterator[Finding]:
    """Dấu chỉ mức độ khẩn, độ mật, phạm vi lưu hành, dự thảo (urgency, secrecy, circulation and
    draft marks) typed in the header. Urgency ("HỎA TỐC", "THƯỢNG KHẨN", "KHẨN") and circulation
    ("LƯU HÀNH NỘI BỘ", "XEM XONG TRẢ LẠI"): capitals, bold, upright, NĐ 30 13–14 pt (Party:
    urgency 14 pt, circulation 12 pt). Secrecy ("MẬT", "TỐI MẬT", "TUYỆT MẬT") is stamped with
    the engraved seal, not typed (warning). "Dự thảo": the file is a draft, not the document to
    issue (warning); the Party form is "Dự thảo lần N", 14 pt italic.

    NĐ 30/2020, Phụ lục I, III.2a-c; HD 05-HD/VPTW Phụ lục 2.
    """
    for p in ctx.layout.marks:
        kind = mark_kind(p)
        if kind in ("urgency", "circulation"):
            size = ctx.spec.urgency_size if kind == "urgency" else ctx.spec.circulation_size
            if not is_caps(shown_text(p)):
                yield ctx.finding(p, "chữ in hoa", p.stripped, "Dấu chỉ dẫn phải in hoa.")
            yield from check_format(
                ctx, p, f"Dấu '{p.stripped}'", size=size, bold=True, italic=False
            )
        elif kind == "secret":
            yield ctx.finding(
                p,
                "dấu độ mật đóng bằng con dấu khắc sẵn",
                f"chữ '{p.stripped}' đánh máy",
                "Dấu chỉ độ mật (MẬT, TỐI MẬT, TUYỆT MẬT) được đóng bằng con dấu khắc sẵn theo "
                "quy định về bảo vệ bí mật nhà nước; văn bản mật không soạn, lưu trên máy "
                "tính nối mạng.",
                severity="warning",
            )
        elif kind == "draft":
            if ctx.spec.party:
                yield from check_format(ctx, p, "Chỉ dẫn dự thảo", size=(14, 14), italic=True)
            yield ctx.finding(
                p,
                "văn bản ban hành không ghi 'Dự thảo'",
                p.stripped,
                "Văn bản còn ghi 'Dự thảo': đây là bản dự thảo; bỏ dòng này trước khi "
                "trình ký, ban hành.",
                severity="warning",
            )


@rule("body-upright")
def body_upright(ctx: Context) -> Iterator[Finding]:
    """Nội dung chữ đứng (upright body text): a body paragraph set in italics throughout is
    an error; italics inside a paragraph (a quotation, "sau đây viết tắt là …") and the căn
    cứ lines are not. A paragraph in brackets (a note) is left alone.

    NĐ 30/2020, Phụ lục I, II.6e ("kiểu chữ đứng"); HD 05-HD/VPTW Phụ lục 2 ("đứng").
    """
    skip = {id(p) for p in can_cu_lines(ctx)}
    for p in ctx.layout.body:
        text = p.stripped
        if id(p) in skip or (text.startswith("(") and text.endswith((")", ").", ");"))):
            continue
        if all_italic(p):
            yield ctx.finding(
                p,
                "nội dung chữ đứng",
                "cả đoạn in nghiêng",
                "Nội dung văn bản trình bày kiểu chữ đứng (chỉ in nghiêng phần trích dẫn).",
            )

