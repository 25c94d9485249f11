"""Vietnamese text helpers for the checker (chuẩn hoá và so khớp văn bản tiếng Việt).

docs/format.md §4: normalise text to NFC and treat old and new tone placement (``hoà``/``hòa``,
``uỷ``/``ủy``) as equal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def nfc(value: str) -> str:
    """``value`` in Unicode NFC with surrounding whitespace removed.

    Same contract as ``nqgen.models.nfc``; kept here so the checker does not import the
    pydantic models it never needs.
    """
    return unicodedata.normalize("NFC", value).strip()


__all__ = [
    "DATE_PARTS",
    "Edit",
    "apply_edits",
    "date_edits",
    "spacing_edits",
    "excerpt",
    "fold",
    "is_caps",
    "looks_like_date_line",
    "nfc",
    "parse_date_line",
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
    Vietnamese; NĐ 30 writes "HÒA"/"Ủy", HD 05 "hoà"/"UỶ" (docs/format.md §6.16). Whitespace runs
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



# Place-date line (địa danh, ngày tháng năm): "Tân Lập, ngày 05 tháng 02 năm 2026"; day and
# month may be blank in drafts ("Xốp, ngày      tháng 9 năm 2025").
_DATE = re.compile(
    r"^\s*(?P<place>[^,]*),\s*ngày(?P<sd>\s*)(?P<day>\d+)?(?P<s1>\s*)tháng"
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


# --------------------------------------------------------------------------- text edits
# One home for the safe corrections of spacing and dates: the rules report where an edit is
# due, the fixer (``nqgen fix``) applies the same edits. An edit never changes a word.


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``new`` (sửa một đoạn chữ); ``why`` says what for."""

    start: int
    end: int
    new: str
    why: str


_BLANK_SLOTS = (
    re.compile(r"(?<=\S)[ \t\u00a0]{2,}(?=/)"),  # Số:      /KH-UBND
    re.compile(r"(?<=số)[ \t\u00a0]{2,}(?=-)", re.IGNORECASE),  # Số      -KH/ĐU
    re.compile(r"(?<=ngày)[ \t\u00a0.…]{2,}(?=(tháng|/))"),
    re.compile(r"(?<=tháng)[ \t\u00a0.…]{2,}(?=năm)"),
)
"""The blanks a draft leaves for the number and the date (``Số:      /KH-UBND``)."""

_DOUBLE = re.compile(r"(?<=\S)( {2,})(?=\S)")
_SPACE_BEFORE = re.compile(r"(?<=\S)( +)(?=[,.;:](?!\.))")
_PUNCT = re.compile(r"[,;.](?=\S)")
_URLISH = re.compile(r"\S*(@|www\.|https?:|\.vn\b|\.com\b|\.gov\b)\S*", re.IGNORECASE)


def _masked(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for pat in _BLANK_SLOTS for m in pat.finditer(text)]
    spans += [m.span() for m in _URLISH.finditer(text)]
    return spans


def _glued(text: str, i: int) -> bool:
    """A comma or semicolon between two words, or a full stop between a lower-case word and
    a capitalised one ("xong.Tiếp"): a missing space, not "1,5", "v.v." or "TP.Hồ"."""
    before, after = text[max(0, i - 2) : i], text[i + 1 : i + 3]
    if len(before) < 2 or not after or not all(c.isalpha() for c in before):
        return False
    if text[i] in ",;":
        return after[0].isalpha()
    return before.islower() and len(after) == 2 and after[0].isupper() and after[1].islower()


def spacing_edits(text: str) -> list[Edit]:
    """Spacing slips in ``text`` (NĐ 30/2020 Phụ lục II, quy tắc viết; docs/format.md §4.1.12):
    two or more spaces between words (one is kept), a space before ``, . ; :``, no space after
    a comma or a full stop between words ("học,công"). Leading and trailing spaces, the blanks
    of a draft's number and date, and web or e-mail addresses are left alone."""
    masked = _masked(text)

    def free(a: int, b: int) -> bool:
        return not any(s < b and a < e for s, e in masked)

    out: list[Edit] = []
    for m in _DOUBLE.finditer(text):
        if free(*m.span()):
            out.append(Edit(m.start() + 1, m.end(), "", "double"))
    for m in _SPACE_BEFORE.finditer(text):
        if free(*m.span()) and not any(e.start < m.end() and m.start() < e.end for e in out):
            out.append(Edit(m.start(), m.end(), "", "before"))
    for m in _PUNCT.finditer(text):
        if _glued(text, m.start()) and free(m.start(), m.end() + 1):
            out.append(Edit(m.end(), m.end(), " ", "after"))
    return sorted(out, key=lambda e: e.start)


def date_edits(text: str) -> list[Edit]:
    """Leading zeros of a place-date line (NĐ 30/2020 Phụ lục I II.4b): day < 10 and months 1–2
    take a zero ("ngày 05 tháng 02"), months 3–12 none ("tháng 3")."""
    out: list[Edit] = []
    m = _DATE.match(text)
    if m is None:
        return out
    day, month = m.group("day"), m.group("month")
    if day is not None and 1 <= int(day) <= 31 and day != f"{int(day):02d}":
        out.append(Edit(m.start("day"), m.end("day"), f"{int(day):02d}", "day"))
    if month is not None and 1 <= int(month) <= 12:
        good = f"{int(month):02d}" if int(month) in (1, 2) else str(int(month))
        if month != good:
            out.append(Edit(m.start("month"), m.end("month"), good, "month"))
    return out


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` (non-overlapping) applied."""
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.new + text[e.end :]
    return text
