"""Rules about what the page does not show at a glance: hidden characters, mixed tone-mark
placement, an empty page at the end, header rows that can break across pages, and what the
package holds beside the text (tracked changes, comments, macros, embedded documents,
protection). Shared by all standards.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from nqgen.check.common import all_paras
from nqgen.check.docx_model import Para
from nqgen.check.findings import Finding
from nqgen.check.rules import Context, rule

_INVISIBLE = {
    "\u200b": "dấu cách độ rộng 0 (U+200B)",
    "\u200c": "ký tự nối độ rộng 0 (U+200C)",
    "\u200d": "ký tự nối độ rộng 0 (U+200D)",
    "\u2060": "ký tự nối từ (U+2060)",
    "\ufeff": "dấu BOM (U+FEFF)",
    "\u00ad": "gạch nối mềm (U+00AD)",
    "\u200e": "dấu hướng chữ (U+200E)",
    "\u200f": "dấu hướng chữ (U+200F)",
}


def _invisible(ch: str) -> str | None:
    if ch in _INVISIBLE:
        return _INVISIBLE[ch]
    cat = unicodedata.category(ch)
    if cat == "Cc" and ch not in "\t\n\r":
        return f"ký tự điều khiển (U+{ord(ch):04X})"
    if cat == "Cf" and ch not in "\u200b":
        return f"ký tự định dạng ẩn (U+{ord(ch):04X})"
    return None


@rule("hidden-chars")
def hidden_chars(ctx: Context) -> Iterator[Finding]:
    """Ký tự ẩn (hidden characters): zero-width spaces and joiners, soft hyphens, byte-order
    marks, control characters — often pasted from the web — and text formatted hidden
    (``w:vanish``): they break search, copying and the checks of the text, and hidden text
    prints in some viewers.

    NĐ 30/2020, Phụ lục I, I.4 (Unicode TCVN 6909:2001 text); FORMAT.md §4 (checker).
    """
    for para in all_paras(ctx):
        raw = "".join(r.text for r in para.runs)
        bad = next((name for ch in raw if (name := _invisible(ch)) is not None), None)
        if bad is not None:
            yield ctx.finding(
                para,
                "không có ký tự ẩn",
                bad,
                "Đoạn văn có ký tự không nhìn thấy (thường do sao chép từ web); hãy xóa đi.",
            )
            continue
        if any(r.props.hidden and r.text.strip() and not r.field for r in para.runs):
            yield ctx.finding(
                para,
                "không có chữ ẩn",
                "chữ định dạng ẩn (Hidden)",
                "Đoạn văn có chữ bị định dạng ẩn: không hiện trên màn hình nhưng vẫn nằm "
                "trong tệp; hãy xóa hoặc bỏ định dạng ẩn.",
            )


_TONES = "\u0300\u0301\u0303\u0309\u0323"
_MARKS = "\u0300-\u036f"
_END = rf"(?![{_MARKS}]*[^\W\d_])"  # the open syllable ends here ("hoặc" is not one)
_OLD = re.compile(rf"(?<![qQ])(?:[oO][aAeE]|[uU][yY])[{_TONES}]{_END}")
_NEW = re.compile(rf"(?<![qQ])(?:[oO][{_TONES}][aAeE]|[uU][{_TONES}][yY]){_END}")


@rule("tone-marks", severity="warning")
def tone_marks(ctx: Context) -> Iterator[Finding]:
    """Một kiểu đặt dấu thanh (one tone-mark placement per document): "hòa", "thủy", "Ủy" or
    "hoà", "thuỷ", "Uỷ" — both are correct, mixing them is not. NĐ 30 writes "HÒA"/"Ủy",
    HD 05 "hoà"/"UỶ". A warning: consistency, not a regulation.

    FORMAT.md §4 ("treat old and new tone placement as equal"), §6.16 ("pick one per document").
    """
    first: dict[str, tuple[Para, str]] = {}
    counts = {"old": 0, "new": 0}
    for para in all_paras(ctx):
        text = unicodedata.normalize("NFD", para.text)
        for kind, pat in (("old", _OLD), ("new", _NEW)):
            for m in pat.finditer(text):
                counts[kind] += 1
                if kind not in first:
                    a = max(text.rfind(" ", 0, m.start()) + 1, 0)
                    b = text.find(" ", m.end())
                    word = text[a : b if b >= 0 else len(text)].strip(",.;:()“”\"'")
                    first[kind] = (para, unicodedata.normalize("NFC", word))
    if counts["old"] and counts["new"]:
        minority = "old" if counts["old"] <= counts["new"] else "new"
        majority = "new" if minority == "old" else "old"
        para, word = first[minority]
        yield ctx.finding(
            para,
            f"một kiểu đặt dấu như '{first[majority][1]}'",
            f"'{word}' ({counts[minority]} chỗ) lẫn với '{first[majority][1]}' "
            f"({counts[majority]} chỗ)",
            "Văn bản dùng lẫn hai kiểu đặt dấu thanh (hòa/hoà, ủy/uỷ); hãy thống nhất một kiểu.",
        )


@rule("trailing-page", severity="warning")
def trailing_page(ctx: Context) -> Iterator[Finding]:
    """Trang trắng cuối văn bản (empty last page): a manual page break or a next-page section
    break after the last text prints a blank page.

    NĐ 30/2020, Phụ lục I, I.7 (pages numbered and printed as the document); practice.
    """
    paras = ctx.model.paras
    last = max(
        (i for i, p in enumerate(paras) if p.stripped or p.lines or p.cell is not None), default=-1
    )
    if last < 0:
        return
    tail = paras[last + 1 :]
    breaks = [p for p in tail if p.page_break or p.props.page_break_before]
    if paras[last].page_break and not paras[last].stripped:
        breaks.append(paras[last])
    new_sections = [
        s
        for s in ctx.model.sections
        if s.index > paras[last].section and s.start != "continuous"
        and not any(p.stripped or p.lines for p in s.paras)
    ]  # fmt: skip
    if breaks or new_sections:
        where: Para | None = breaks[0] if breaks else None
        yield ctx.finding(
            where if where is not None else new_sections[0],
            "không có trang trắng ở cuối",
            "ngắt trang sau đoạn cuối" if breaks else "ngắt mục (section) sang trang mới ở cuối",
            "Sau nội dung cuối cùng còn một dấu ngắt trang: văn bản in ra có trang trắng ở cuối.",
        )


@rule("row-split", severity="warning")
def row_split(ctx: Context) -> Iterator[Finding]:
    """Hàng tiêu đề bảng không bị tách trang (header rows kept whole): a row repeated on each
    page (``w:tblHeader``) also carries ``w:cantSplit``, or half of it prints at the foot of
    a page and the rest, repeated, at the top of the next.

    Practice (NOTES.md docxtpl pitfall 6; nqgen's templates); NĐ 30/2020 Phụ lục I, III.
    """
    for table in ctx.model.tables:
        if table.split_header_rows:
            yield ctx.finding(
                table,
                "hàng tiêu đề không bị ngắt sang trang (cantSplit)",
                f"hàng {', '.join(map(str, table.split_header_rows))} có thể bị ngắt trang",
                "Hàng tiêu đề lặp lại của bảng phải bỏ chọn 'Cho phép hàng ngắt sang trang' "
                "(Allow row to break across pages).",
            )


@rule("package", severity="warning")
def package(ctx: Context) -> Iterator[Finding]:
    """Thành phần ngoài nội dung (what the file holds beside the text): tracked changes and
    comments left in, macros, embedded documents (``w:altChunk``, whose text the checker cannot
    read and so does not check), editing protection. Warnings: the document to issue is the
    final, clean text.

    NĐ 30/2020, Điều 10–11 (văn bản được ban hành là bản hoàn chỉnh); FORMAT.md §4 (checker).
    """
    notes = ctx.model.notes
    if notes.tracked_changes:
        yield ctx.finding(
            None,
            "không còn theo dõi thay đổi (Track Changes)",
            f"{notes.tracked_changes} chỗ sửa chưa chấp nhận",
            "Văn bản còn các thay đổi được theo dõi: hãy chấp nhận hoặc từ chối hết "
            "(Review → Accept/Reject) trước khi ban hành.",
        )
    if notes.comments:
        yield ctx.finding(
            None,
            "không còn ghi chú (Comment)",
            f"{notes.comments} ghi chú",
            "Văn bản còn ghi chú (comment): hãy xóa trước khi ban hành.",
        )
    if notes.macros:
        yield ctx.finding(
            None,
            "không có macro",
            "có macro (VBA)",
            "Tệp chứa macro; văn bản ban hành không cần macro, hãy lưu lại dạng .docx.",
        )
    if notes.alt_chunks:
        yield ctx.finding(
            None,
            "nội dung nằm trong văn bản",
            f"{notes.alt_chunks} văn bản nhúng (altChunk)",
            "Tệp có văn bản khác nhúng vào (altChunk): phần đó không được kiểm tra; hãy mở "
            "bằng Word và lưu lại để nội dung nằm trong văn bản.",
        )
    if notes.protected:
        yield ctx.finding(
            None,
            "văn bản không bị khóa chỉnh sửa",
            f"khóa chỉnh sửa ({notes.protected})",
            "Văn bản đang bật bảo vệ (Restrict Editing): người nhận không sửa được; "
            "nqgen fix không sửa tệp này.",
        )
