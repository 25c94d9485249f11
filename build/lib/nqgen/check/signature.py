"""The signature block (khối chữ ký): authority line, title lines and the signer's name.

Shared by NĐ 30/2020 (Phụ lục I, II.7) and the Party guidelines (HD 05-HD/VPTW 7.1). The
authority line ("TM.", "KT.", "TL.", "TUQ.", "Q."; Party "T/M", "K/T", "T/L") is there only when
someone signs for a collective or for the head: a head signing directly writes the title alone
("GIÁM ĐỐC" / "Đỗ Văn Chung"), which NĐ 30 II.7b allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nqgen.check.docx_model import Para
from nqgen.check.layout import AUTHORITY
from nqgen.check.text import is_caps

_ACADEMIC = re.compile(r"^(GS|PGS|TS|ThS|BS|KS|CN|Đại tá|Thượng tá)\.?\s")


@dataclass(slots=True)
class SignatureLines:
    """The authority line (quyền hạn), title lines (chức vụ) and the signer's name (họ tên)."""

    authority: Para | None = None
    titles: list[Para] = field(default_factory=list)
    name: Para | None = None


def split_signature(block: list[Para]) -> SignatureLines:
    """Split the signing block into authority, titles and the signer's name.

    With a blank line (the signing space) below the titles, every line before it is a title
    and the name is taken after it; without one, the capital lines at the top are titles. The
    name is the last line that looks like a person's name (no colon, not a list line): a draft
    may have none.
    """
    out = SignatureLines()
    lines = list(block)
    if lines and AUTHORITY.match(lines[0].text):
        out.authority = lines.pop(0)
    gap = next((i for i, p in enumerate(lines) if not p.stripped), None)
    if gap is not None and any(p.stripped for p in lines[:gap]):
        out.titles = [p for p in lines[:gap] if p.stripped]
        rest = [p for p in lines[gap:] if p.stripped]
    else:
        rest = [p for p in lines if p.stripped]
        while rest and is_caps(rest[0].shown) and len(rest) > 1:
            out.titles.append(rest.pop(0))
    names = [p for p in rest if _name_like(p.stripped)]
    out.name = names[-1] if names else None
    return out


def _name_like(text: str) -> bool:
    return ":" not in text and not text.startswith(("-", "–", "+", "(")) and len(text) < 60


def academic_prefix(text: str) -> str | None:
    """An academic or military title before the name ("TS.", "ThS.", "Đại tá"), if any."""
    m = _ACADEMIC.match(text)
    return m.group(1) if m else None
