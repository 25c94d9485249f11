"""Units of WordprocessingML lengths (đơn vị đo), in one place for the checker and the fixer.

Word stores page set-up and indents in twips (1/20 pt, "dxa"), font sizes in half-points
(``w:sz``), drawing extents in EMU (1/914400 inch) and VML in points or other CSS units.
FORMAT.md §4: 1 mm = 56.69 twips, 1 pt = 20 twips.
"""

from __future__ import annotations

TWIPS_PER_PT = 20.0
TWIPS_PER_INCH = 1440.0
MM_PER_INCH = 25.4
TWIPS_PER_MM = TWIPS_PER_INCH / MM_PER_INCH  # 56.6929…
EMU_PER_TWIP = 635.0
TWIPS_PER_PX = 15.0  # CSS pixel at 96 dpi

# Factor to twips for the unit suffixes of strict OOXML and VML lengths ("12pt", "1cm").
TO_TWIPS: dict[str | None, float] = {
    None: 1.0,
    "pt": TWIPS_PER_PT,
    "mm": TWIPS_PER_MM,
    "cm": 10 * TWIPS_PER_MM,
    "in": TWIPS_PER_INCH,
    "pc": 12 * TWIPS_PER_PT,
    "pi": 12 * TWIPS_PER_PT,
    "px": TWIPS_PER_PX,
}


def twips_to_mm(value: float) -> float:
    return value / TWIPS_PER_MM


def pt_to_twips(value: float) -> float:
    return value * TWIPS_PER_PT


def twips_to_pt(value: float) -> float:
    return value / TWIPS_PER_PT


def emu_to_twips(value: float) -> float:
    return value / EMU_PER_TWIP


def _decimal(value: float) -> str:
    """``25`` / ``25,4`` (Vietnamese decimal comma, one decimal at most)."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def mm_text(twips: float | None) -> str:
    """A length for messages: ``25 mm`` / ``25,4 mm``; ``không xác định`` when unknown."""
    return "không xác định" if twips is None else _decimal(twips_to_mm(twips)) + " mm"


def pt_text(value: float | None) -> str:
    """A size in points for messages: ``13 pt`` / ``13,5 pt``."""
    return "không xác định" if value is None else _decimal(value) + " pt"
