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
    """Capital lines directly under the authority line are titles; after a blank line (the
    signing space) or a lower-case line, the last non-empty line is the signer's name."""
    out = SignatureLines()
    in_titles = True
    for p in following:
        if p is authority:
            continue
        if not p.stripped:
            in_titles = False
            continue
        if in_titles and is_caps(shown_text(p)):
            out.titles.append(p)
            continue
        in_titles = False
        out.name = p
    return out


def academic_prefix(text: str) -> str | None:
    """An academic or military title before the name ("TS.", "ThS.", "Đại tá"), if any."""
    m = _ACADEMIC.match(text)
    return m.group(1) if m else None
