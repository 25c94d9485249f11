"""Vietnamese text helpers for the checker (chuẩn hoá và so khớp văn bản tiếng Việt).

FORMAT.md §4: normalise text to NFC and treat old and new tone placement (``hoà``/``hòa``,
``uỷ``/``ủy``) as equal.
"""

from __future__ import annotations

import re
import unicodedata


def nfc(value: str) -> str:
    """``value`` in Unicode NFC with surrounding whitespace removed.

    Same contract as ``nqgen.models.nfc``; kept here so the checker does not import the
    pydantic models it never needs.
    """
    return unicodedata.normalize("NFC", value).strip()


__all__ = [
    "DATE_PARTS",
    "ROMAN",
    "VI_POINT_LETTERS",
    "excerpt",
    "fold",
    "is_caps",
    "looks_like_date_line",
    "nfc",
    "parse_date_line",
    "roman_value",
]

_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Only open syllables differ (hoà/hòa, thuỷ/thủy); "hoạch", "hoàn", "ngoài" never move.
_OLD_TONE = re.compile(rf"(?:([oO])([aAeE])([{_TONES}])|([uU])([yY])([{_TONES}]))(?!\w)")


def _move_tone(m: re.Match[str]) -> str:
    if m.group(1):
        return m.group(1) + m.group(3) + m.group(2)
    return m.group(4) + m.group(6) + m.group(5)


def fold(text: str) -> str:
    """NFC text with tone placement unified (``hoà`` → ``hòa``, ``Uỷ`` → ``Ủy``), for comparing.

    Both the old (``hoà``, ``thuỷ``) and the new placement (``hòa``, ``thủy``) are correct
    Vietnamese; NĐ 30 writes "HÒA"/"Ủy", HD 05 "hoà"/"UỶ" (FORMAT.md §6.16). Whitespace runs
    collapse to one space.
    """
    decomposed = unicodedata.normalize("NFD", text)
    if any(t in decomposed for t in _TONES):
        decomposed = _OLD_TONE.sub(_move_tone, decomposed)
    return " ".join(unicodedata.normalize("NFC", decomposed).split())


def is_caps(text: str) -> bool:
    """True when every letter of ``text`` is upper case (in hoa) and there is one at least."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def excerpt(text: str, limit: int = 60) -> str:
    """A short excerpt of a paragraph (trích đoạn) for locations."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


ROMAN = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
)  # fmt: skip


def roman_value(token: str) -> int | None:
    """1..20 for a Roman numeral ``I``..``XX``, else ``None``."""
    try:
        return ROMAN.index(token) + 1
    except ValueError:
        return None


VI_POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"
"""Vietnamese alphabet order for điểm (a, b, c, d, đ, e, g …), NĐ 30 PL I II.6đ: no f, j, w, z."""

# Place-date line (địa danh, ngày tháng năm): "Tân Lập, ngày 05 tháng 02 năm 2026"; day and
# month may be blank in drafts ("Xốp, ngày      tháng 9 năm 2025").
_DATE = re.compile(
    r"^(?P<place>[^,]*),\s*ngày(?P<sd>\s*)(?P<day>\d+)?(?P<s1>\s*)tháng"
    r"(?P<sm>\s*)(?P<month>\d+)?(?P<s2>\s*)năm\s*(?P<year>\d{4})\s*$"
)
_DATE_LOOSE = re.compile(r"ngày[\s.…_]*\d*[\s.…_]*tháng[\s.…_]*\d*[\s.…_]*năm\s*\d{2,4}")

DATE_PARTS = ("place", "day", "month", "year")


def parse_date_line(text: str) -> dict[str, str | None] | None:
    """Split a place-date line into place, day, month, year (strings as written; blanks None).

    Returns ``None`` when the text does not look like a date line at all.
    """
    m = _DATE.match(text.strip())
    if not m:
        return None
    return {
        "place": m.group("place"),
        "day": m.group("day"),
        "month": m.group("month"),
        "year": m.group("year"),
    }


def looks_like_date_line(text: str) -> bool:
    """True when ``text`` contains "ngày … tháng … năm yyyy" (a date line, maybe malformed)."""
    return bool(_DATE_LOOSE.search(text))
