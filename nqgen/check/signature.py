"""The signature block (khối chữ ký): splitting the lines under the authority line.

Shared by NĐ 30/2020 (Phụ lục I, II.7) and the Party guidelines (HD 05-HD/VPTW 7.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nqgen.check.docx_model import Para
from nqgen.check.rules import shown_text
from nqgen.check.text import is_caps

_ACADEMIC = re.compile(r"^(GS|PGS|TS|ThS|BS|KS|CN|Đại tá|Thượng tá)\.?\s")


@dataclass(slots=True)
class SignatureLines:
    """Title lines (chức vụ) right under the authority line, and the signer's name (họ tên)."""

    titles: list[Para] = field(default_factory=list)
    name: Para | None = None


def split_signature(authority: Para, following: list[Para]) -> SignatureLines:
    """Split the lines under the authority line into titles and the signer's name.

    With a blank line (the signing space) below the titles, every line before it is a title
    and the last line after it is the name. Without one, the capital lines directly under the
    authority line are titles and the last other line is the name. A draft may have no name.
    """
    out = SignatureLines()
    lines = [p for p in following if p is not authority]
    gap = next((i for i, p in enumerate(lines) if not p.stripped), None)
    if gap is not None and any(p.stripped for p in lines[:gap]):
        out.titles = [p for p in lines[:gap] if p.stripped]
        rest = [p for p in lines[gap:] if p.stripped]
        out.name = rest[-1] if rest else None
        return out
    rest = [p for p in lines if p.stripped]
    while rest and is_caps(shown_text(rest[0])):
        out.titles.append(rest.pop(0))
    out.name = rest[-1] if rest else None
    return out


def academic_prefix(text: str) -> str | None:
    """An academic or military title before the name ("TS.", "ThS.", "Đại tá"), if any."""
    m = _ACADEMIC.match(text)
    return m.group(1) if m else None
