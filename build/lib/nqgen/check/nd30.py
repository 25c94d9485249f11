"""Rules of Nghị định 30/2020/NĐ-CP, Phụ lục I (state administrative documents, KH-UBND).

FORMAT.md Table 1 and §4.2. Rule ids start with ``ND30-``; the shared rules of ``common.py``
run as well, with the NĐ 30 numbers of :data:`nqgen.check.specs.ND30`.
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
from nqgen.check.doctypes import TYPES
from nqgen.check.docx_model import Para, Run
from nqgen.check.findings import Finding
from nqgen.check.layout import QUOC_HIEU, TIEU_NGU, para_width
from nqgen.check.rules import (
    LENGTH_TOLERANCE,
    ND30_ONLY,
    Context,
    all_bold,
    check_format,
    mm,
    rule,
    shown_text,
)
from nqgen.check.signature import split_signature
from nqgen.check.text import ROMAN, fold, is_caps, roman_value

_NUMBER = re.compile(
    r"^Số:\s?(?P<num>0[1-9]|[1-9]\d+)/(?P<sym>[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9][A-Za-zĐđ0-9]*)+)$"
)
_NUMBER_BLANK = re.compile(r"^Số:\s+/(?P<sym>[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9][A-Za-zĐđ0-9]*)+)$")
_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s\S")
_SLASH = re.compile(r"^(T\s*/\s*M|K\s*/\s*T|T\s*/\s*L)\b")
_STORAGE = re.compile(r"^- Lưu: VT(, .+)?\.$")
_GUIDANCE = re.compile(r"^\((Ban hành kèm|Kèm) theo .+ số .+ ngày .+ của .+\)$")
_ABBREVIATIONS = frozenset(t.nd30 for t in TYPES if t.nd30)
_CAPTION = re.compile(r"^Phụ lục(?: (?P<num>\S+))?$")


def _missing(ctx: Context, what: str, message: str) -> Finding:
    return ctx.finding(None, what, "không có", message)


# --------------------------------------------------------------------------- header block


@rule("quoc-hieu", ND30_ONLY)
def quoc_hieu(ctx: Context) -> Iterator[Finding]:
    """Quốc hiệu: exactly "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" ("HOÀ" accepted), capitals,
    bold, 12–13 pt, centred in the right cell of the header.

    NĐ 30/2020, Phụ lục I, II.1a. FORMAT.md §4.2.14.
    """
    p = ctx.layout.quoc_hieu
    if p is None:
        yield _missing(ctx, f"Quốc hiệu '{QUOC_HIEU}'", "Văn bản thiếu Quốc hiệu.")
        return
    text = shown_text(p).strip()
    if fold(text) != fold(QUOC_HIEU):
        yield ctx.finding(
            p, QUOC_HIEU, text, f"Quốc hiệu phải ghi đúng, đủ và in hoa: '{QUOC_HIEU}'."
        )
    yield from check_format(
        ctx, p, "Quốc hiệu", size=(12, 13), bold=True, italic=False, centred=True
    )


@rule("tieu-ngu", ND30_ONLY)
def tieu_ngu(ctx: Context) -> Iterator[Finding]:
    """Tiêu ngữ: exactly "Độc lập - Tự do - Hạnh phúc" (hyphen U+002D with a space either side;
    an en dash "–" or "Hạnh Phúc" is an error), bold, 13–14 pt and not smaller than the
    Quốc hiệu, centred under it.

    NĐ 30/2020, Phụ lục I, II.1b. FORMAT.md §4.2.15.
    """
    p = ctx.layout.tieu_ngu
    if p is None:
        yield _missing(ctx, f"Tiêu ngữ '{TIEU_NGU}'", "Văn bản thiếu Tiêu ngữ.")
        return
    text = shown_text(p).strip()
    if text != TIEU_NGU:
        if "–" in text or "—" in text:
            why = "Giữa các cụm từ của Tiêu ngữ dùng gạch nối '-' (không dùng gạch dài '–')."
        elif fold(text).lower() == fold(TIEU_NGU).lower():
            why = "Tiêu ngữ chỉ viết hoa chữ cái đầu mỗi cụm từ: 'Hạnh phúc', không 'Hạnh Phúc'."
        else:
            why = (
                "Tiêu ngữ phải ghi đúng: 'Độc lập - Tự do - Hạnh phúc' (gạch nối có cách hai bên)."
            )
        yield ctx.finding(p, TIEU_NGU, text, why)
    yield from check_format(
        ctx, p, "Tiêu ngữ", size=(13, 14), bold=True, italic=False, centred=True
    )
    qh = ctx.layout.quoc_hieu
    if qh is not None:
        qs = max((r.props.size or 0 for r in qh.visible_runs()), default=0)
        ts = min((r.props.size or 0 for r in p.visible_runs()), default=0)
        if qs and ts and ts + 0.01 < qs:
            yield ctx.finding(
                p,
                "cỡ chữ Tiêu ngữ không nhỏ hơn Quốc hiệu",
                f"Tiêu ngữ {ts:g} pt, Quốc hiệu {qs:g} pt",
                "Tiêu ngữ phải có cỡ chữ lớn hơn hoặc bằng Quốc hiệu.",
            )


@rule("tieu-ngu-rule", ND30_ONLY)
def tieu_ngu_rule(ctx: Context) -> Iterator[Finding]:
    """Đường kẻ dưới Tiêu ngữ (rule under the motto): a solid line as long as the motto's
    text line (±20 %), drawn as a shape, a paragraph border, underscores or an underline.

    NĐ 30/2020, Phụ lục I, II.1c. FORMAT.md §4.2.16.
    """
    yield from full_width_rule(ctx, ctx.layout.tieu_ngu, "Tiêu ngữ")


@rule("issuer", ND30_ONLY)
def issuer(ctx: Context) -> Iterator[Finding]:
    """Tên cơ quan ban hành (issuing body): capitals, bold, 12–13 pt, centred; the optional
    superior body (cơ quan chủ quản) above it capitals and not bold. Only the superior may be
    abbreviated: "UBND XÃ …" as the issuing name is an error.

    NĐ 30/2020, Phụ lục I, II.2a-b. FORMAT.md §4.2.17.
    """
    lines = ctx.layout.issuer
    if not lines:
        yield _missing(ctx, "tên cơ quan ban hành (ô số 2)", "Văn bản thiếu tên cơ quan ban hành.")
        return
    superior, name = issuer_split(lines)
    yield from issuer_name_bold(ctx, lines, name)
    for p in name:
        if re.search(r"\bUBND\b", p.text):
            yield ctx.finding(
                p,
                "ghi đầy đủ 'ỦY BAN NHÂN DÂN'",
                "viết tắt 'UBND'",
                "Tên cơ quan ban hành không được viết tắt (chỉ tên cơ quan "
                "chủ quản được viết tắt).",
            )
    for p in lines:
        if not is_caps(shown_text(p)):
            yield ctx.finding(
                p,
                "chữ in hoa",
                shown_text(p).strip(),
                "Tên cơ quan chủ quản và cơ quan ban hành phải in hoa.",
            )
        yield from check_format(
            ctx, p, "Tên cơ quan", size=ctx.spec.issuer_size, italic=False, centred=True
        )


@rule("issuer-rule", ND30_ONLY)
def issuer_rule(ctx: Context) -> Iterator[Finding]:
    """Đường kẻ dưới tên cơ quan (rule under the issuing name): solid, centred, 1/3 to 1/2 of
    the name's text line (measured with Times New Roman widths, ±10 % and ±0,5 mm).

    NĐ 30/2020, Phụ lục I, II.2b. FORMAT.md §4.2.17.
    """
    _, name = issuer_split(ctx.layout.issuer)
    if not name:
        return
    last = name[-1]
    line = ctx.layout.rule_below(last)
    if line is None:
        yield ctx.finding(
            last,
            "đường kẻ dưới tên cơ quan ban hành",
            "không có",
            "Phía dưới tên cơ quan ban hành phải có đường kẻ ngang, nét liền, "
            "dài bằng 1/3 đến 1/2 dòng chữ.",
        )
        return
    widths = [_line_width(ctx, p) for p in name]
    lo = min(widths) / 3 * 0.9 - LENGTH_TOLERANCE
    hi = max(widths) / 2 * 1.1 + LENGTH_TOLERANCE
    if line.length is not None and not lo <= line.length <= hi:
        yield ctx.finding(
            line.para,
            f"đường kẻ dài {mm(lo)}–{mm(hi)} (1/3 đến 1/2 dòng chữ)",
            f"dài {mm(line.length)}",
            "Đường kẻ dưới tên cơ quan ban hành phải dài bằng 1/3 đến 1/2 độ dài dòng chữ.",
        )


def _line_width(ctx: Context, p: Para) -> float:
    width = para_width(p)
    limit = ctx.layout.container_width(p)
    return min(width, limit) if limit else width


@rule("number", ND30_ONLY)
def number(ctx: Context) -> Iterator[Finding]:
    """Số, ký hiệu (number and symbol): ``Số: 05/KH-UBND`` — "Số" with a colon, a leading zero
    below 10, "/" before the symbol, "-" between its groups, no spaces; the type abbreviation
    from Phụ lục III matching the title (KẾ HOẠCH → KH); "-UBND" for a People's Committee
    (a warning: practice, M in FORMAT.md); 13 pt, centred. A draft may leave the number
    blank (``Số:      /KH-UBND``).

    NĐ 30/2020, Phụ lục I, II.3; Phụ lục III, I. FORMAT.md §4.2.18–19.
    """
    p = ctx.layout.number
    if p is None:
        yield _missing(ctx, "dòng số, ký hiệu (Số: 05/KH-UBND)", "Văn bản thiếu số, ký hiệu.")
        return
    text = p.stripped
    m = _NUMBER.match(text) or _NUMBER_BLANK.match(text)
    if m is None:
        yield ctx.finding(
            p,
            "Số: 05/KH-UBND (có dấu hai chấm, số nhỏ hơn 10 có số 0 đứng trước)",
            text,
            _number_hint(text),
        )
    else:
        yield from _symbol(ctx, p, m.group("sym"))
    yield from check_format(
        ctx, p, "Số, ký hiệu", size=ctx.spec.number_size, italic=False, centred=True
    )


def _number_hint(text: str) -> str:
    if re.match(r"^Số\s+\d", text):
        return "Sau chữ 'Số' phải có dấu hai chấm (Số: 05/KH-UBND)."
    if re.match(r"^Số:\s?[1-9]/", text):
        return "Số văn bản nhỏ hơn 10 phải có số 0 đứng trước (ví dụ: Số: 05/KH-UBND)."
    if re.match(r"^Số:\s?0\d{2,}/", text) or re.match(r"^Số:\s?00/", text):
        return "Chỉ thêm số 0 trước số nhỏ hơn 10 (01 … 09)."
    if re.search(r"\s[/-]|[/-]\s", text):
        return "Giữa số, ký hiệu không có dấu cách (Số: 05/KH-UBND)."
    if re.match(r"^SỐ", text):
        return "Chữ 'Số' viết thường, chỉ hoa chữ S."
    return "Số, ký hiệu phải có dạng 'Số: 05/KH-UBND'."


def _symbol(ctx: Context, p: Para, symbol: str) -> Iterator[Finding]:
    groups = symbol.split("-")
    kind = groups[0]
    doc_type = ctx.layout.doc_type
    want = doc_type.nd30
    if want is not None and kind != want:
        yield ctx.finding(
            p,
            f"ký hiệu bắt đầu bằng '{want}-'",
            f"'{symbol}'",
            f"Chữ viết tắt tên loại văn bản '{doc_type.label}' là '{want}' (NĐ 30, Phụ lục III).",
        )
    elif want is None and doc_type.has_title and kind not in _ABBREVIATIONS:
        yield ctx.finding(
            p,
            "chữ viết tắt tên loại theo Phụ lục III",
            f"'{kind}'",
            "Chữ viết tắt tên loại văn bản không có trong Phụ lục III.",
        )
    issuer_text = fold(" ".join(x.text for x in ctx.layout.issuer)).upper()
    if "ỦY BAN NHÂN DÂN" in issuer_text and groups[-1] != "UBND" and groups[0] != "UBND":
        yield ctx.finding(
            p,
            "ký hiệu cơ quan 'UBND'",
            f"'{symbol}'",
            "Văn bản của Ủy ban nhân dân thường có ký hiệu cơ quan là 'UBND'.",
            severity="warning",  # "UBND" is universal practice, not regulation (FORMAT.md: M)
        )


@rule("summary-case", ND30_ONLY, severity="warning")
def summary_case(ctx: Context) -> Iterator[Finding]:
    """Trích yếu viết thường (summary in normal case, first letter capital), not all capitals.

    NĐ 30/2020, Phụ lục I, II.5b ("chữ in thường"). FORMAT.md §4.2.20 (WARN).
    """
    for p in ctx.layout.summary:
        if is_caps(shown_text(p)):
            yield ctx.finding(
                p,
                "chữ in thường (hoa chữ cái đầu)",
                "toàn bộ chữ in hoa",
                "Trích yếu của văn bản hành chính viết chữ in thường, không in hoa toàn bộ.",
            )


@rule("summary-rule", ND30_ONLY)
def summary_rule(ctx: Context) -> Iterator[Finding]:
    """Đường kẻ dưới trích yếu (rule under the summary): solid, centred, 1/3 to 1/2 of the text
    line (±10 % and ±0,5 mm). Five hyphens "-----" are the Party form, not this one.

    NĐ 30/2020, Phụ lục I, II.5b. FORMAT.md §4.2.20.
    """
    if not ctx.layout.summary:
        return
    last = ctx.layout.summary[-1]
    line = ctx.layout.rule_below(last)
    if line is None:
        yield ctx.finding(
            last,
            "đường kẻ ngang dưới trích yếu",
            "không có",
            "Phía dưới trích yếu phải có đường kẻ ngang, nét liền, dài bằng 1/3 "
            "đến 1/2 dòng chữ (không dùng '-----').",
        )
        return
    width = max(_line_width(ctx, p) for p in ctx.layout.summary)
    lo = width / 3 * 0.9 - LENGTH_TOLERANCE
    hi = width / 2 * 1.1 + LENGTH_TOLERANCE
    if line.length is not None and not lo <= line.length <= hi:
        yield ctx.finding(
            line.para,
            f"đường kẻ dài {mm(lo)}–{mm(hi)} (1/3 đến 1/2 dòng chữ)",
            f"dài {mm(line.length)}",
            "Đường kẻ dưới trích yếu phải dài bằng 1/3 đến 1/2 dòng chữ.",
        )


# --------------------------------------------------------------------------- body


_PART = re.compile(r"^(?P<word>Phần|Chương|PHẦN|CHƯƠNG)\s+(?P<num>\S+?)\.?$")
_SECTION = re.compile(r"^(?P<word>Mục|Tiểu mục|MỤC)\s+(?P<num>\S+?)\.?$")
_ARTICLE = re.compile(r"^Điều\s+(?P<num>\S+?)\.(\s|$)")
_CLAUSE = re.compile(r"^\d+\.\s")


@rule("heading", ND30_ONLY)
def heading(ctx: Context) -> Iterator[Finding]:
    """Đề mục (headings). "I.", "II." … Roman numeral with a period, bold. "Phần"/"Chương" on
    a line of their own, Roman numerals, normal case, bold, centred, with the title on the next
    line in capitals, bold, centred; "Mục"/"Tiểu mục" the same with Arabic numerals; "Điều 1."
    Arabic numeral and a period, "Điều" and its number bold; the number of a khoản ("1.")
    upright.

    NĐ 30/2020, Phụ lục I, II.6đ and Mục V row 6. FORMAT.md §4.2.22, Table 1 "Headings".
    """
    body = ctx.layout.body
    for i, p in enumerate(body):
        text = p.stripped
        head = roman_heading(p)
        if head is not None:
            if head[1] != ".":
                yield ctx.finding(
                    p,
                    f"{head[0]}. (số La Mã và dấu chấm)",
                    text[:12],
                    "Mục lớn đánh số La Mã kèm dấu chấm (I., II., …).",
                )
            if not all_bold(p):
                yield ctx.finding(
                    p, "đề mục in đậm", "không đậm", "Đề mục (I., II., …) phải in đậm."
                )
            continue
        m = _PART.match(text) or _SECTION.match(text)
        if m is not None:
            yield from _division(ctx, p, m.group("word"), m.group("num"), body[i + 1 : i + 2])
            continue
        m = _ARTICLE.match(text)
        if m is not None:
            if not m.group("num").isdigit():
                yield ctx.finding(
                    p, "Điều số Ả Rập", text[:20], "'Điều' đánh số Ả Rập (Điều 1., Điều 2., …)."
                )
            head_runs = _runs_covering(p, m.end(0) - 1)
            if not all(r.props.bold for r in head_runs):
                yield ctx.finding(
                    p, "'Điều …' in đậm", "không đậm", "Từ 'Điều' và số thứ tự điều phải in đậm."
                )
            continue
        if _CLAUSE.match(text) and any_italic_prefix(p, 3):
            yield ctx.finding(
                p,
                "số thứ tự khoản chữ đứng",
                "chữ nghiêng",
                "Số thứ tự khoản (1., 2., …) trình bày kiểu chữ đứng.",
            )


def _runs_covering(p: Para, end: int) -> list[Run]:
    """The visible runs that hold the first ``end`` characters of the paragraph."""
    out: list[Run] = []
    pos = 0
    lead = len(p.text) - len(p.text.lstrip())
    for r in p.runs:
        if r.props.hidden:
            continue
        if pos >= lead + end:
            break
        if r.text.strip():
            out.append(r)
        pos += len(r.text)
    return out


def any_italic_prefix(p: Para, chars: int) -> bool:
    """Whether a run among the first ``chars`` characters is italic."""
    return any(r.props.italic for r in _runs_covering(p, chars))


def _division(
    ctx: Context, p: Para, word: str, num: str, nxt: list[Para]
) -> Iterator[Finding]:
    """"Phần I" / "Chương I" / "Mục 1" and the title line under it (NĐ 30 II.6đ)."""
    label = word.capitalize()
    roman = label in ("Phần", "Chương")
    if roman and num.isdigit():
        yield ctx.finding(
            p, f"{label} số La Mã", p.stripped[:20], f"'{label}' đánh số La Mã (I, II, …)."
        )
    elif not roman and roman_value(num) is not None:
        yield ctx.finding(
            p, f"{label} số Ả Rập", p.stripped[:20], f"'{label}' đánh số Ả Rập (1, 2, …)."
        )
    if word.isupper():
        yield ctx.finding(
            p,
            f"'{label} …' chữ in thường",
            p.stripped[:20],
            f"Từ '{label}' và số thứ tự viết chữ in thường (hoa chữ cái đầu).",
        )
    yield from check_format(ctx, p, f"Dòng '{label} …'", bold=True, italic=False, centred=True)
    if not nxt:
        return
    title_ = nxt[0]
    if not is_caps(shown_text(title_)):
        yield ctx.finding(
            title_,
            f"tiêu đề của {label.lower()} in hoa",
            title_.stripped[:40],
            f"Tiêu đề của {label.lower()} trình bày chữ in hoa, ngay dưới dòng '{label}'.",
        )
    yield from check_format(
        ctx, title_, f"Tiêu đề của {label.lower()}", bold=True, italic=False, centred=True
    )


@rule("heading-case", ND30_ONLY, severity="warning")
def heading_case(ctx: Context) -> Iterator[Finding]:
    """Tên mục lớn in hoa (top-level heading titles in capitals: "I. MỤC ĐÍCH, YÊU CẦU").

    NĐ 30/2020, Phụ lục I, Mục V row 6b. FORMAT.md §4.2.22 (WARN).
    """
    for p in ctx.layout.body:
        if roman_heading(p) is not None and not is_caps(shown_text(p)):
            yield ctx.finding(
                p, "tên mục in hoa", p.stripped[:40], "Tên mục lớn (I., II., …) nên in hoa."
            )


@rule("end-mark", ND30_ONLY, severity="warning")
def end_mark(ctx: Context) -> Iterator[Finding]:
    """Dấu kết thúc "./." at the end of the body (shown in the sample layouts, not stated as a
    rule: a warning).

    NĐ 30/2020, Phụ lục III, Mẫu 1.x. FORMAT.md §4.2.27.
    """
    p = last_body(ctx)
    if p is not None and not p.stripped.endswith("./."):
        yield ctx.finding(
            p,
            "kết thúc bằng './.'",
            p.stripped[-12:],
            "Đoạn cuối phần nội dung thường kết thúc bằng './.'.",
        )


# --------------------------------------------------------------------------- signature


@rule("signature", ND30_ONLY)
def signature(ctx: Context) -> Iterator[Finding]:
    """Chữ ký (signature block): the authority line, when someone signs for a collective or
    for the head, is "TM." / "KT." / "TL." / "TUQ." / "Q." with a period and a space (slash
    forms "T/M", "K/T" are Party forms: error); a head signing directly writes the title alone
    ("GIÁM ĐỐC"). Authority and title lines capitals, bold, 13–14 pt; the signer's name bold,
    13–14 pt, not all capitals, without academic titles.

    NĐ 30/2020, Phụ lục I, II.7b-đ and Mục V row 7; Điều 13. FORMAT.md §4.1.11, §4.2.24.
    """
    if not ctx.layout.signature:
        yield _missing(
            ctx,
            "khối chữ ký (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH)",
            "Không tìm thấy quyền hạn, chức vụ người ký.",
        )
        return
    lines = split_signature(ctx.layout.signature)
    if lines.authority is not None:
        yield from _authority_line(ctx, lines.authority)
    for p in lines.titles:
        if _SLASH.match(p.stripped) or _AUTHORITY_LOOSE.match(p.stripped):
            yield from _authority_line(ctx, p)
            continue
        if not is_caps(shown_text(p)):
            yield ctx.finding(p, "chức vụ in hoa", p.stripped, "Chức vụ người ký phải in hoa.")
        yield from check_format(
            ctx, p, "Chức vụ người ký", size=ctx.spec.signature_size, bold=True, italic=False
        )
    if lines.name is not None:
        yield from signer_name(ctx, lines.name)


_AUTHORITY_LOOSE = re.compile(r"^(TM|KT|TL|TUQ|Q)\.")


def _authority_line(ctx: Context, p: Para) -> Iterator[Finding]:
    text = shown_text(p).strip()
    if _SLASH.match(text):
        fixed = re.sub(r"^(T|K)\s*/\s*(M|T|L)", lambda m: m.group(1) + m.group(2) + ".", text)
        yield ctx.finding(
            p,
            fixed,
            text,
            "Văn bản hành chính viết 'TM.', 'KT.', 'TL.' (có dấu "
            "chấm), không viết 'T/M', 'K/T', 'T/L' như văn bản của Đảng.",
        )
    elif not _AUTHORITY.match(text):
        yield ctx.finding(
            p,
            "TM. / KT. / TL. / TUQ. / Q. + tên cơ quan hoặc chức vụ",
            text,
            "Quyền hạn ký phải viết tắt có dấu chấm và một dấu cách.",
        )
    if not is_caps(text):
        yield ctx.finding(p, "chữ in hoa", text, "Quyền hạn, chức vụ người ký phải in hoa.")
    yield from check_format(
        ctx, p, "Quyền hạn người ký", size=ctx.spec.signature_size, bold=True, italic=False
    )


# --------------------------------------------------------------------------- Nơi nhận


@rule("noi-nhan", ND30_ONLY)
def noi_nhan(ctx: Context) -> Iterator[Finding]:
    """ "Nơi nhận:" (recipients heading): with a colon, 12 pt, bold and italic, flush left, in
    the same table row as the signature block.

    NĐ 30/2020, Phụ lục I, II.9d. FORMAT.md §4.2.25.
    """
    p = ctx.layout.noi_nhan
    if p is None:
        yield _missing(ctx, "'Nơi nhận:'", "Văn bản thiếu phần Nơi nhận.")
        return
    if p.stripped != "Nơi nhận:":
        yield ctx.finding(p, "Nơi nhận:", p.stripped, "Ghi 'Nơi nhận' và dấu hai chấm.")
    yield from check_format(
        ctx, p, "Chữ 'Nơi nhận'", size=ctx.spec.noi_nhan_size, bold=True, italic=True
    )
    if p.props.jc not in ("left", "both") or p.props.ind_left + max(p.props.first_line, 0) > 28:
        yield ctx.finding(
            p, "sát lề trái", "thụt lề hoặc căn giữa", "'Nơi nhận' trình bày sát lề trái."
        )
    auth = ctx.layout.authority
    if auth is not None and auth.cell is not None and p.cell is not None:
        if (auth.cell.table, auth.cell.row) != (p.cell.table, p.cell.row):
            yield ctx.finding(
                p,
                "ngang hàng với quyền hạn người ký",
                "khác hàng",
                "'Nơi nhận' đặt ngang hàng với dòng quyền hạn người ký.",
            )


@rule("recipients", ND30_ONLY)
def recipients(ctx: Context) -> Iterator[Finding]:
    """Danh sách nơi nhận (recipient list): 11 pt, upright; one line each starting "- " and
    ending ";"; the last line "- Lưu: VT, <đơn vị soạn thảo>." ending with ".".

    NĐ 30/2020, Phụ lục I, II.9d. FORMAT.md §4.2.26.
    """
    if ctx.layout.noi_nhan is None:
        return
    lines = ctx.layout.recipients
    if not lines:
        yield ctx.finding(
            ctx.layout.noi_nhan,
            "danh sách nơi nhận",
            "không có",
            "Dưới 'Nơi nhận:' phải liệt kê nơi nhận và dòng lưu văn thư.",
        )
        return
    for i, p in enumerate(lines):
        text = p.stripped
        last = i == len(lines) - 1
        if not text.startswith("- "):
            yield ctx.finding(
                p,
                "bắt đầu bằng '- '",
                text[:12],
                "Mỗi nơi nhận một dòng, bắt đầu bằng gạch đầu dòng '-' và một dấu cách.",
            )
        if last:
            if not _STORAGE.match(text):
                yield ctx.finding(
                    p,
                    "- Lưu: VT, <đơn vị soạn thảo>.",
                    text,
                    "Dòng cuối là nơi lưu: '- Lưu: VT, …' và kết thúc bằng dấu chấm.",
                )
        elif not text.endswith(";"):
            yield ctx.finding(
                p, "kết thúc bằng ';'", text[-12:], "Mỗi nơi nhận kết thúc bằng dấu chấm phẩy."
            )
        yield from check_format(
            ctx, p, "Danh sách nơi nhận", size=ctx.spec.recipients_size, italic=False
        )


# --------------------------------------------------------------------------- appendices


@rule("appendix", ND30_ONLY)
def appendix(ctx: Context) -> Iterator[Finding]:
    """Phụ lục (appendix): caption "Phụ lục" + Roman numeral when there are two or more, in
    order, normal case, 14 pt bold, centred; title in capitals, bold, 13–14 pt; then the
    italic guidance line "(Kèm theo … số … ngày … của …)", 13–14 pt.

    NĐ 30/2020, Phụ lục I, III.1a-c; Phụ lục III, Mẫu 2.1. FORMAT.md §4.2.28.
    """
    apps = ctx.layout.appendices
    for n, app in enumerate(apps, start=1):
        cap = app.caption
        text = shown_text(cap).strip()
        m = _CAPTION.match(text)
        want = f"Phụ lục {_roman(n)}" if len(apps) >= 2 else "Phụ lục"
        if m is None:
            yield ctx.finding(
                cap,
                want,
                text,
                "Chữ 'Phụ lục' viết thường (hoa chữ P)"
                + (", kèm số thứ tự La Mã." if len(apps) >= 2 else "."),
            )
        else:
            num = m.group("num")
            if num is None and len(apps) >= 2:
                yield ctx.finding(
                    cap, want, text, "Có từ hai phụ lục trở lên thì phải đánh số thứ tự."
                )
            elif num is not None and num != _roman(n) and (len(apps) >= 2 or num != "I"):
                why = (
                    "Phụ lục của văn bản hành chính đánh số La Mã (I, II, …)."
                    if num.isdigit()
                    else "Số thứ tự phụ lục không liên tục."
                )
                yield ctx.finding(cap, want, text, why)
        yield from check_format(ctx, cap, "Chữ 'Phụ lục'", size=(14, 14), bold=True, centred=True)
        if not app.titles:
            yield ctx.finding(
                cap, "tên phụ lục dưới chữ 'Phụ lục'", "không có", "Phụ lục phải có tên phụ lục."
            )
        for p in app.titles:
            if not is_caps(shown_text(p)):
                yield ctx.finding(p, "tên phụ lục in hoa", p.stripped[:40], "Tên phụ lục in hoa.")
            yield from check_format(ctx, p, "Tên phụ lục", size=(13, 14), bold=True, centred=True)
        g = app.guidance
        if g is None:
            yield ctx.finding(
                cap,
                "(Kèm theo Kế hoạch số … ngày … của …)",
                "không có",
                "Dưới tên phụ lục phải ghi chú thích văn bản kèm theo.",
            )
            continue
        if not _GUIDANCE.match(g.stripped):
            yield ctx.finding(
                g,
                "(Kèm theo <tên loại> số … ngày … của …)",
                g.stripped[:60],
                "Dòng chú thích phải ghi số, ký hiệu, ngày tháng năm và cơ quan "
                "ban hành văn bản kèm theo.",
            )
        yield from check_format(
            ctx, g, "Dòng chú thích phụ lục", size=(13, 14), italic=True, centred=True
        )


def _roman(n: int) -> str:
    return ROMAN[n - 1] if 1 <= n <= len(ROMAN) else str(n)
