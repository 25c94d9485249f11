"""Vietnamese formatting: document dates (NĐ 30/2020), citation dates, numbers (babel ``vi``),
Roman numerals.

Babel's Vietnamese date format is not NĐ 30's, so dates are written here (docs/format.md §1,
"Place & date"). A leaf module: the models, the composer and the checker all use it, and it
imports none of them (babel only when a figure is printed).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Protocol

#: Blank left in a draft for a day or a number to be filled in at signing (as real drafts do).
BLANK = "\u00a0" * 6

#: Roman numerals I to XX: sections and appendices of a plan (NĐ 30, PL I II.6đ, III.1a),
#: quarters, and what the checker recognises as one.
ROMAN = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
)  # fmt: skip


class DateParts(Protocol):
    """A date whose day or month may be unknown (:class:`nqgen.models.PartialDate`)."""

    @property
    def year(self) -> int: ...
    @property
    def month(self) -> int | None: ...
    @property
    def day(self) -> int | None: ...


def day_text(day: int) -> str:
    """Day of a document date: leading zero below 10 (NĐ 30/2020, Phụ lục I, II.4b)."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Month of a document date: leading zero for months 1 and 2 only (NĐ 30, PL I II.4b)."""
    return f"{month:02d}" if month < 3 else str(month)


def doc_date(d: DateParts) -> str:
    """``ngày 05 tháng 02 năm 2026``; a blank day or month leaves :data:`BLANK` as in drafts."""
    day = day_text(d.day) if d.day else BLANK
    month = month_text(d.month) if d.month else BLANK
    return f"ngày {day} tháng {month} năm {d.year}"


def place_date(place: str, d: DateParts) -> str:
    """Place-date line (ô 4): ``Xốp, ngày 05 tháng 9 năm 2025`` (NĐ 30, PL I II.4)."""
    return f"{place}, {doc_date(d)}"


def short_date(d: date) -> str:
    """Citation date ``09/01/2025``, ``14/8/2025``: same zero rule as the date line."""
    return f"{day_text(d.day)}/{month_text(d.month)}/{d.year}"


@lru_cache(maxsize=4096)
def number(value: float) -> str:
    """A figure in the ``vi`` locale: ``99,5``, ``1.200`` (decimal comma, dot grouping).

    Cached: babel parses the locale on every call and a batch prints the same targets
    thousands of times."""
    from babel.numbers import format_decimal

    if float(value).is_integer():
        value = int(value)
    return format_decimal(value, locale="vi")


def doc_number(num: str | None) -> str:
    """Document number with a leading zero below 10 (NĐ 30, PL I II.3c); blank when unknown."""
    if not num:
        return BLANK
    return f"{int(num):02d}"


#: First words of a summary that name a document (Nghị quyết, Kế hoạch, Chương trình, Chỉ thị,
#: Quyết định, Đề án, Luật): they keep their capital inside a sentence.
_DOCUMENT_NAMES = ("Nghị", "Kế", "Chương", "Chỉ", "Quyết", "Đề", "Luật")


def mid_sentence(text: str) -> str:
    """A summary (trích yếu) placed inside a sentence: ``Triển khai thực hiện …`` → ``triển
    khai thực hiện …``; one that starts with a document's name (``Kế hoạch số …``) is kept."""
    if text.split(" ", 1)[0] in _DOCUMENT_NAMES:
        return text
    return text[:1].lower() + text[1:]


def shorten(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` characters, else cut at the last whole word within
    ``limit`` (trailing ``,;:`` dropped) followed by "…"."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def roman(n: int) -> str:
    """Roman numeral of ``n``, 1 to 20 (:data:`ROMAN`)."""
    if not 1 <= n <= len(ROMAN):
        raise ValueError(f"không có số La Mã cho {n} (1 đến {len(ROMAN)})")
    return ROMAN[n - 1]


def roman_value(token: str) -> int | None:
    """1 to 20 for a Roman numeral ``I`` to ``XX``, else None."""
    try:
        return ROMAN.index(token) + 1
    except ValueError:
        return None


#: Letters of points (điểm) in Vietnamese alphabet order (NĐ 30 PL I II.6đ): no f, j, w, z.
POINTS = "abcdđeghiklmnopqrstuvxy"


def point(n: int) -> str:
    """The letter of the ``n``-th point: ``a``, ``b``, … ``d``, ``đ``, ``e``, ``g`` (1-based)."""
    return POINTS[n - 1]
