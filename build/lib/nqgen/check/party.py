"""Rules of the Party guidelines: Hướng dẫn 05-HD/VPTW (27/5/2026) and, for documents dated
before it, Hướng dẫn 36-HD/VPTW (03/4/2018).

FORMAT.md Tables 2–3 and §4.3. Rule ids start with ``HD05-`` or ``HD36-``. Where FORMAT.md
marks an HD 36 value as unconfirmed (M), the HD 36 finding is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nqgen.check.common import (
    full_width_rule,
    issuer_name_bold,
    issuer_split,
    last_body,
    roman_heading,
    signer_name,
)
from nqgen.check.docx_model import Para
from nqgen.check.findings import Finding
from nqgen.check.layout import TIEU_DE, is_dashes, is_rule
from nqgen.check.rules import (
    PARTY,
    Context,
    all_bold,
    any_bold,
    check_format,
    rule,
    shown_text,
    visible,
)
from nqgen.check.signature import split_signature
from nqgen.check.specs import HD05, HD36
from nqgen.check.text import fold, is_caps, roman_value

_NUMBER = re.compile(
    r"^Số (?P<num>0[1-9]|[1-9]\d+)-(?P<type>[A-ZĐ][A-Za-zĐđ]*)"
    r"/(?P<body>[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ][A-ZĐ0-9]*)*)$"
)
_NUMBER_BLANK = re.compile(
    r"^Số\s+-(?P<type>[A-ZĐ][A-Za-zĐđ]*)/(?P<body>[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ][A-ZĐ0-9]*)*)$"
)
_DOTTED = re.compile(r"^(TM|KT|TL|TUQ)\.")
_PARTY_AUTHORITY = re.compile(r"^((T/M|K/T|T/L)\s\S|Q\.\s\S)")
_COMMITTEE = ("ĐẢNG ỦY", "BAN THƯỜNG VỤ", "CHI BỘ", "ỦY BAN KIỂM TRA")
_CAPTION = re.compile(r"^Phụ lục(?: (?P<num>\S+))?$", re.IGNORECASE)
_GUIDANCE = re.compile(r"^\(Kèm theo .+\)$")


# --------------------------------------------------------------------------- header block


@rule("tieu-de", PARTY)
def tieu_de(ctx: Context) -> Iterator[Finding]:
    """Tiêu đề "ĐẢNG CỘNG SẢN VIỆT NAM" (Party heading): exact text, capitals, bold, 15 pt,
    centred at the top right of page 1.

    HD 05-HD/VPTW 1 and Phụ lục 2; HD 36-HD/VPTW 1.1.2 and Phụ lục 3. FORMAT.md §4.3.30.
    """
    p = ctx.layout.tieu_de
    if p is None:
        yield ctx.finding(
            None,
            TIEU_DE,
            "không có",
            f"Văn bản của Đảng phải có tiêu đề '{TIEU_DE}' ở góc phải trang đầu.",
        )
        return
    text = shown_text(p).strip()
    if fold(text) != TIEU_DE:
        yield ctx.finding(p, TIEU_DE, text, f"Tiêu đề phải ghi đúng '{TIEU_DE}' và in hoa.")
    yield from check_format(
        ctx, p, "Tiêu đề", size=(15, 15), bold=True, italic=False, centred=p.part == "body"
    )


@rule("tieu-de-rule", PARTY)
def tieu_de_rule(ctx: Context) -> Iterator[Finding]:
    """Đường kẻ dưới tiêu đề (rule under "ĐẢNG CỘNG SẢN VIỆT NAM"): solid, about as long as
    the heading (±20 %), separating it from the place-date line.

    HD 05-HD/VPTW 1; HD 36-HD/VPTW 1.1.2. FORMAT.md §4.3.30.
    """
    yield from full_width_rule(ctx, ctx.layout.tieu_de, "tiêu đề")


@rule("no-quoc-hieu", PARTY)
def no_quoc_hieu(ctx: Context) -> Iterator[Finding]:
    """Không ghi Quốc hiệu, Tiêu ngữ (no state motto): Party documents carry neither
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" nor "Độc lập - Tự do - Hạnh phúc".

    HD 36-HD/VPTW 1.1.2 (quoted by HD36-TD); HD 05-HD/VPTW 1. FORMAT.md §4.3.30.
    """
    for p in (ctx.layout.quoc_hieu, ctx.layout.tieu_ngu):
        if p is not None:
            yield ctx.finding(
                p,
                "không có Quốc hiệu, Tiêu ngữ",
                p.stripped,
                "Văn bản của Đảng không ghi Quốc hiệu và Tiêu ngữ; thay bằng tiêu đề "
                "'ĐẢNG CỘNG SẢN VIỆT NAM'.",
            )


def _party_issuer_split(lines: list[Para]) -> tuple[list[Para], list[Para]]:
    """(superior lines, committee-name lines). A leading "ĐẢNG BỘ …" line above another line
    is the superior (HD 05 2.1.2c); otherwise leading non-bold lines are."""
    if len(lines) >= 2 and fold(lines[0].text).upper().startswith("ĐẢNG BỘ"):
        return lines[:1], lines[1:]
    return issuer_split(lines)


@rule("issuer", PARTY)
def issuer(ctx: Context) -> Iterator[Finding]:
    """Tên cơ quan ban hành (issuing body): the superior line (e.g. "ĐẢNG BỘ TỈNH NGHỆ AN")
    capitals, not bold, 14 pt; the committee's name ("ĐẢNG ỦY XÃ TÂN LẬP") capitals, bold, 14 pt.

    HD 05-HD/VPTW 2.1–2.2 and Phụ lục 2; HD 36-HD/VPTW Phụ lục 3. FORMAT.md §4.3.31.
    """
    lines = ctx.layout.issuer
    if not lines:
        yield ctx.finding(
            None,
            "tên cơ quan ban hành (ĐẢNG ỦY XÃ …)",
            "không có",
            "Văn bản thiếu tên cơ quan ban hành.",
        )
        return
    superior, name = _party_issuer_split(lines)
    yield from issuer_name_bold(ctx, lines, name)
    for p in superior:
        yield from check_format(ctx, p, "Tên cơ quan cấp trên", bold=False)
    for p in lines:
        if not is_caps(shown_text(p)):
            yield ctx.finding(p, "chữ in hoa", p.stripped, "Tên cơ quan phải in hoa.")
        yield from check_format(ctx, p, "Tên cơ quan", size=ctx.spec.issuer_size, italic=False)


@rule("asterisk", PARTY)
def asterisk(ctx: Context) -> Iterator[Finding]:
    """Dấu sao (asterisk) under the issuing body: one centred "*" — not a rule, not "***".

    HD 05-HD/VPTW 2.2.1 (e.g. "ĐẢNG UỶ PHƯỜNG BA ĐÌNH" / "*"); HD 36 (its own header).
    FORMAT.md §4.3.31, §6.5.
    """
    lines = ctx.layout.issuer
    last = lines[-1] if lines else None
    if last is not None:
        line = ctx.layout.rule_below(last)
        if line is not None:
            yield ctx.finding(
                line.para,
                "dấu '*' dưới tên cơ quan",
                "đường kẻ ngang",
                "Văn bản của Đảng dùng dấu sao '*' dưới tên cơ quan ban hành, "
                "không kẻ đường ngang.",
            )
            return
    p = ctx.layout.asterisk
    if p is None:
        yield ctx.finding(
            last,
            "dấu '*' dưới tên cơ quan",
            "không có",
            "Dưới tên cơ quan ban hành phải có một dấu sao '*', căn giữa.",
        )
        return
    if p.stripped != "*":
        yield ctx.finding(p, "*", p.stripped, "Chỉ dùng một dấu sao '*'.")
    if p.props.jc != "center":
        yield ctx.finding(
            p,
            "dấu '*' căn giữa",
            f"căn lề '{p.props.jc}'",
            "Dấu sao '*' phải căn giữa dưới tên cơ quan.",
        )


@rule("number", PARTY)
def number(ctx: Context) -> Iterator[Finding]:
    """Số và ký hiệu (number and symbol): ``Số 08-KH/ĐU`` — no colon after "Số", a leading
    zero below 10, "-" before the type, "/" before the body; the type matches the title
    (KẾ HOẠCH → KH); 14 pt, centred. A draft may leave the number blank (``Số    -KH/ĐU``).

    HD 05-HD/VPTW 3.1–3.2 and Phụ lục 2; HD 36-HD/VPTW 1.3 (own header "Số 36-HD/VPTW").
    FORMAT.md §4.3.32.
    """
    p = ctx.layout.number
    if p is None:
        yield ctx.finding(None, "Số 08-KH/ĐU", "không có", "Văn bản thiếu số và ký hiệu.")
        return
    text = p.stripped
    m = _NUMBER.match(text) or _NUMBER_BLANK.match(text)
    if m is None:
        if re.match(r"^Số\s*:", text):
            why = "Văn bản của Đảng ghi 'Số' không có dấu hai chấm (Số 08-KH/ĐU)."
        elif re.match(r"^Số [1-9]-", text):
            why = "Số văn bản nhỏ hơn 10 phải có số 0 đứng trước (Số 08-KH/ĐU)."
        elif re.match(r"^Số \d+/", text):
            why = "Giữa số và ký hiệu dùng gạch nối '-', giữa tên loại và cơ quan dùng '/'."
        else:
            why = "Số và ký hiệu phải có dạng 'Số 08-KH/ĐU'."
        yield ctx.finding(p, "Số 08-KH/ĐU", text, why)
    else:
        doc_type = ctx.layout.doc_type
        if doc_type.party and m.group("type") not in doc_type.party:
            want = doc_type.party[0]
            yield ctx.finding(
                p,
                f"tên loại viết tắt '{want}'",
                m.group("type"),
                f"Chữ viết tắt tên loại '{doc_type.label}' là '{want}'.",
            )
    yield from check_format(
        ctx, p, "Số và ký hiệu", size=ctx.spec.number_size, italic=False, centred=True
    )


@rule("symbol", PARTY, severity="warning")
def symbol(ctx: Context) -> Iterator[Finding]:
    """Ký hiệu cơ quan (body symbol): a commune party committee and its Ban Thường vụ use
    "ĐU" ("/BTV", "/ĐUX" are not standard); under HD 05 "Quy định" is "QĐ" (HD 36: "QĐi").

    HD 05-HD/VPTW 3.1.2 and III.1; Công văn 3294-CV/VPTW/nb (2019). FORMAT.md §4.3.44.
    """
    p = ctx.layout.number
    if p is None:
        return
    m = _NUMBER.match(p.stripped) or _NUMBER_BLANK.match(p.stripped)
    if m is None:
        return
    body = m.group("body")
    if body in ("BTV", "ĐUX", "BTVĐU", "ĐUP"):
        yield ctx.finding(
            p,
            "ký hiệu cơ quan 'ĐU'",
            f"'{body}'",
            "Ban Thường vụ không có ký hiệu riêng; văn bản của đảng ủy xã, "
            "phường và Ban Thường vụ dùng ký hiệu 'ĐU'.",
        )
    if ctx.spec.key == "hd05" and m.group("type") == "QĐi":
        yield ctx.finding(p, "QĐ", "QĐi", "Từ Hướng dẫn 05-HD/VPTW, Quy định viết tắt là 'QĐ'.")


@rule("dashes", PARTY)
def dashes(ctx: Context) -> Iterator[Finding]:
    """Năm gạch nối "-----" (five hyphens) centred under the summary, not a drawn rule.

    HD 05-HD/VPTW 5.2.1; HD 36-HD/VPTW 1.5.2. FORMAT.md §4.3.34.
    """
    if not ctx.layout.summary:
        return
    last = ctx.layout.summary[-1]
    nxt = next((p for p in ctx.layout.following(last, 3) if p.stripped or is_rule(p)), None)
    if last.props.border_bottom or last.lines or (nxt is not None and is_rule(nxt)):
        yield ctx.finding(
            nxt or last,
            "-----",
            "đường kẻ ngang",
            "Dưới trích yếu văn bản của Đảng là năm dấu gạch nối '-----', không kẻ đường ngang.",
        )
        return
    if nxt is None or not is_dashes(nxt):
        yield ctx.finding(
            nxt or last,
            "-----",
            nxt.stripped[:20] if nxt else "không có",
            "Dưới trích yếu phải có năm dấu gạch nối '-----', căn giữa.",
        )
        return
    if nxt.stripped != "-----":
        yield ctx.finding(
            nxt,
            "----- (đúng năm dấu gạch nối)",
            nxt.stripped,
            "Dưới trích yếu là đúng năm dấu gạch nối '-----'.",
        )
    if nxt.props.jc != "center":
        yield ctx.finding(
            nxt,
            "căn giữa",
            f"căn lề '{nxt.props.jc}'",
            "Năm dấu gạch nối dưới trích yếu phải căn giữa.",
        )


# --------------------------------------------------------------------------- body


@rule("heading", PARTY)
def heading(ctx: Context) -> Iterator[Finding]:
    """Đề mục (top-level headings) "I-" or "I." with a Roman numeral, bold.

    HD 05-HD/VPTW Phụ lục 2 (phần, mục: in đậm); HD 36 Phụ lục 3. FORMAT.md Table 2 "Headings".
    """
    for p in ctx.layout.body:
        head = roman_heading(p)
        if head is None:
            continue
        if head[1] not in (".", "-"):
            yield ctx.finding(
                p,
                f"{head[0]}- hoặc {head[0]}.",
                p.stripped[:12],
                "Mục lớn đánh số La Mã kèm dấu gạch nối hoặc dấu chấm.",
            )
        if not all_bold(p):
            yield ctx.finding(p, "đề mục in đậm", "không đậm", "Đề mục (I-, II-, …) phải in đậm.")


@rule("heading-consistency", PARTY, severity="warning")
def heading_consistency(ctx: Context) -> Iterator[Finding]:
    """Thống nhất cách đánh số mục (one heading style per document): "I-" or "I.", not both.

    FORMAT.md §3.1 skeleton ("I- … (or "I." — be consistent)").
    """
    seps: dict[str, Para] = {}
    for p in ctx.layout.body:
        head = roman_heading(p)
        if head is not None and head[1] in (".", "-"):
            seps.setdefault(head[1], p)
    if len(seps) > 1:
        yield ctx.finding(
            seps[sorted(seps)[-1]],
            "một kiểu đánh số mục (I- hoặc I.)",
            "dùng cả 'I-' và 'I.'",
            "Các mục lớn phải đánh số thống nhất một kiểu.",
        )


@rule("end-mark", PARTY, hd36="warning")
def end_mark(ctx: Context) -> Iterator[Finding]:
    """Kết thúc nội dung (end of the body) with "." — HD 05 6.2.2. "./." is the state form
    (warning under HD 05). HD 36 (unconfirmed): "." or "./." accepted, otherwise a warning.

    HD 05-HD/VPTW 6.2.2. FORMAT.md §4.3.36.
    """
    p = last_body(ctx)
    if p is None:
        return
    text = p.stripped
    if text.endswith("./.") and ctx.spec.key == "hd36":
        return
    if text.endswith("./."):
        yield ctx.finding(
            p,
            "kết thúc bằng dấu chấm '.'",
            "'./.'",
            "Văn bản của Đảng kết thúc nội dung bằng dấu chấm, không dùng './.'.",
            severity="warning",
        )
    elif not text.endswith("."):
        yield ctx.finding(
            p,
            "kết thúc bằng dấu chấm '.'",
            text[-12:],
            "Nội dung văn bản phải kết thúc bằng dấu chấm.",
        )


# --------------------------------------------------------------------------- signature


def _committee(ctx: Context, text: str) -> bool:
    issuer = " ".join(p.text for p in ctx.layout.issuer)
    key = fold(f"{text} {issuer}").upper()
    return any(c in key for c in _COMMITTEE)


@rule("signature", PARTY)
def signature(ctx: Context) -> Iterator[Finding]:
    """Thể thức đề ký (signature): "T/M", "K/T", "T/L" (slash, no dots) or "Q."; dotted forms
    "TM.", "KT." are the state forms (error); a committee (Đảng ủy, Ban Thường vụ, Chi bộ,
    Ủy ban Kiểm tra) is collective, so "K/T" is an error. Authority line capitals, bold,
    14 pt; title lines 14 pt; the name bold, 14 pt, not all capitals, without academic titles.

    HD 05-HD/VPTW 7.1.1, 7.1.4 and Phụ lục 2; HD 36 Phụ lục 3. FORMAT.md §4.3.38–39.
    """
    if not ctx.layout.signature:
        yield ctx.finding(
            None, "T/M BAN THƯỜNG VỤ / BÍ THƯ", "không có", "Không tìm thấy thể thức đề ký (T/M …)."
        )
        return
    lines = split_signature(ctx.layout.signature)
    auth = lines.authority
    if auth is not None:
        yield from _party_authority(ctx, auth)
    for p in lines.titles:
        yield from check_format(ctx, p, "Chức vụ người ký", size=ctx.spec.signature_size)
    if lines.name is not None:
        yield from signer_name(ctx, lines.name)


def _party_authority(ctx: Context, auth: Para) -> Iterator[Finding]:
    text = shown_text(auth).strip()
    if _DOTTED.match(text):
        fixed = re.sub(r"^(T|K)(M|T|L)\.\s*", lambda m: f"{m.group(1)}/{m.group(2)} ", text)
        yield ctx.finding(
            auth,
            fixed,
            text,
            "Văn bản của Đảng viết 'T/M', 'K/T', 'T/L' (gạch "
            "chéo, không dấu chấm), không viết 'TM.', 'KT.'.",
        )
    elif not _PARTY_AUTHORITY.match(text):
        yield ctx.finding(
            auth,
            "T/M … / K/T … / T/L … / Q. …",
            text,
            "Thể thức đề ký phải là T/M, K/T, T/L hoặc Q.",
        )
    elif text.startswith("K/T") and _committee(ctx, text):
        yield ctx.finding(
            auth,
            "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ",
            text,
            "Cấp ủy là tập thể lãnh đạo: cấp phó ký thay mặt 'T/M', không ký 'K/T'.",
        )
    if not is_caps(text):
        yield ctx.finding(auth, "chữ in hoa", text, "Thể thức đề ký phải in hoa.")
    yield from check_format(
        ctx, auth, "Thể thức đề ký", size=ctx.spec.signature_size, bold=True, italic=False
    )


@rule("signature-title", PARTY, severity="warning")
def signature_title(ctx: Context) -> Iterator[Finding]:
    """Chức vụ người ký (title line): capitals, not bold, and without the committee's name
    ("BÍ THƯ", not "BÍ THƯ ĐẢNG ỦY"). Warnings.

    HD 05-HD/VPTW 7.1 and Phụ lục 2 (example "PHÓ BÍ THƯ"); HD 36 Phụ lục 3.
    FORMAT.md §4.3.39 (WARN).
    """
    for p in split_signature(ctx.layout.signature).titles:
        text = shown_text(p).strip()
        if not is_caps(text):
            yield ctx.finding(
                p, "chức vụ in hoa", text, "Chức vụ người ký trong văn bản của Đảng in hoa."
            )
        if any_bold(p):
            yield ctx.finding(
                p,
                "chức vụ chữ đứng, không đậm",
                "chữ đậm",
                "Chức vụ người ký trong văn bản của Đảng không in đậm.",
            )
        key = fold(text).upper()
        if any(c in key for c in _COMMITTEE):
            yield ctx.finding(
                p,
                "chỉ ghi chức vụ (BÍ THƯ)",
                text,
                "Không ghi kèm tên cấp ủy sau chức vụ (ghi 'BÍ THƯ', không ghi 'BÍ THƯ ĐẢNG ỦY').",
            )


# --------------------------------------------------------------------------- Nơi nhận


@rule("noi-nhan", PARTY)
def noi_nhan(ctx: Context) -> Iterator[Finding]:
    """ "Nơi nhận:" (recipients heading): 14 pt, upright, underlined, not bold, with a colon.

    HD 05-HD/VPTW 9.2 and Phụ lục 2; HD 36 Phụ lục 3. FORMAT.md §4.3.40.
    """
    p = ctx.layout.noi_nhan
    if p is None:
        yield ctx.finding(None, "'Nơi nhận:'", "không có", "Văn bản thiếu phần Nơi nhận.")
        return
    if p.stripped != "Nơi nhận:":
        yield ctx.finding(p, "Nơi nhận:", p.stripped, "Ghi 'Nơi nhận' và dấu hai chấm.")
    letters = [r for r in visible(p) if any(c.isalpha() for c in r.text)]
    if not letters or not all(r.props.underline for r in letters):
        yield ctx.finding(
            p,
            "chữ 'Nơi nhận' gạch chân",
            "không gạch chân",
            "Chữ 'Nơi nhận' trong văn bản của Đảng phải gạch chân.",
        )
    yield from check_format(
        ctx, p, "Chữ 'Nơi nhận'", size=ctx.spec.noi_nhan_size, bold=False, italic=False
    )


@rule("recipients", PARTY)
def recipients(ctx: Context) -> Iterator[Finding]:
    """Danh sách nơi nhận (recipient list): 12 pt, upright; each line "- …" ending ";" (HD 36
    practice: "," accepted), the last — the storage line "- Lưu …" — ending ".".

    HD 05-HD/VPTW 9.2 and Phụ lục 2; HD 36 Phụ lục 3 (comma: M). FORMAT.md §4.3.41.
    """
    if ctx.layout.noi_nhan is None:
        return
    lines = ctx.layout.recipients
    if not lines:
        yield ctx.finding(
            ctx.layout.noi_nhan,
            "danh sách nơi nhận",
            "không có",
            "Dưới 'Nơi nhận:' phải liệt kê nơi nhận và nơi lưu.",
        )
        return
    endings = (";",) if ctx.spec.key == "hd05" else (";", ",")
    for i, p in enumerate(lines):
        text = p.stripped
        last = i == len(lines) - 1
        if not text.startswith("- "):
            yield ctx.finding(
                p,
                "bắt đầu bằng '- '",
                text[:12],
                "Mỗi nơi nhận một dòng, bắt đầu bằng gạch đầu dòng '-'.",
            )
        if last:
            if not re.match(r"^- Lưu\b.*\.$", text):
                yield ctx.finding(
                    p,
                    "- Lưu Văn phòng Đảng ủy.",
                    text,
                    "Dòng cuối là nơi lưu ('- Lưu …') và kết thúc bằng dấu chấm.",
                )
        elif not text.endswith(endings):
            yield ctx.finding(
                p, "kết thúc bằng ';'", text[-12:], "Mỗi nơi nhận kết thúc bằng dấu chấm phẩy ';'."
            )
        yield from check_format(
            ctx, p, "Danh sách nơi nhận", size=ctx.spec.recipients_size, italic=False
        )


@rule("storage", PARTY, severity="warning")
def storage(ctx: Context) -> Iterator[Finding]:
    """Dòng lưu (storage line) "- Lưu Văn phòng Đảng ủy." — no colon after "Lưu" and no "VT"
    (those are the state form "- Lưu: VT, …").

    HD 05-HD/VPTW 9.2. FORMAT.md §4.3.42 (WARN).
    """
    lines = ctx.layout.recipients
    if not lines:
        return
    text = lines[-1].stripped
    if re.match(r"^- Lưu\s*:", text) or re.search(r"\bVT\b", text):
        yield ctx.finding(
            lines[-1],
            "- Lưu Văn phòng Đảng ủy.",
            text,
            "Văn bản của Đảng ghi '- Lưu …' không có dấu hai chấm và không ghi 'VT'.",
        )


# --------------------------------------------------------------------------- appendices


@rule("appendix", PARTY)
def appendix(ctx: Context) -> Iterator[Finding]:
    """Phụ lục (appendix): "Phụ lục" + Arabic numeral when there are two or more, in order
    (Roman numerals are the state form: error); a title; a guidance line "(Kèm theo …)".

    HD 05-HD/VPTW II.1; HD 36 (own appendices "Phụ lục 1–3"). FORMAT.md §4.3.43.
    """
    apps = ctx.layout.appendices
    for n, app in enumerate(apps, start=1):
        cap = app.caption
        text = shown_text(cap).strip()
        m = _CAPTION.match(text)
        want = f"Phụ lục {n}"
        if m is None:
            yield ctx.finding(cap, want, text, "Ghi 'Phụ lục' (hoa chữ P) và số thứ tự Ả Rập.")
        else:
            num = m.group("num")
            if num is None and len(apps) >= 2:
                yield ctx.finding(cap, want, text, "Có từ hai phụ lục trở lên thì phải đánh số.")
            elif num is not None and num != str(n):
                why = (
                    "Phụ lục văn bản của Đảng đánh số Ả Rập (1, 2, …), không dùng số La Mã."
                    if roman_value(num) is not None
                    else "Số thứ tự phụ lục không liên tục."
                )
                yield ctx.finding(cap, want, text, why)
        if not app.titles:
            yield ctx.finding(cap, "tên phụ lục", "không có", "Phụ lục phải có tên phụ lục.")
        if app.guidance is None:
            yield ctx.finding(
                cap,
                "(Kèm theo Kế hoạch số … ngày … của …)",
                "không có",
                "Phụ lục phải ghi chú thích văn bản kèm theo.",
            )
        elif not _GUIDANCE.match(app.guidance.stripped):
            yield ctx.finding(
                app.guidance,
                "(Kèm theo … số … ngày … của …)",
                app.guidance.stripped[:60],
                "Dòng chú thích phụ lục ghi trong ngoặc đơn, bắt đầu 'Kèm theo'.",
            )


__all__ = ["HD05", "HD36"]  # the Party specs, re-exported for callers of this module
