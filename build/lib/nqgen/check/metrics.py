"""Approximate text widths in Times New Roman (độ dài dòng chữ), for rule-length checks.

NĐ 30/2020 Phụ lục I II.1c and II.2b set the length of the rule (đường kẻ) under the Tiêu ngữ
and the issuing name relative to the text line; HD 36/HD 05 set the rule under "ĐẢNG CỘNG SẢN
VIỆT NAM" to the heading's length. Measuring them needs advance widths.

The tables below are the advance widths (1/1000 em) of U+0020..U+007E in Liberation Serif
Regular and Bold, which is metric-compatible with Times New Roman (read from the fonts'
``hmtx`` table). A precomposed Vietnamese letter takes its base letter's width (the tone and
vowel marks do not change the advance in Times New Roman); other characters count 500.
FORMAT.md marks widths computed this way as **M** (measurement, not regulation), so callers
compare them with a tolerance.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from nqgen.check.units import pt_to_twips

_FIRST = 0x20

_REGULAR = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
)  # fmt: skip

_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
    930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
    611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
    333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
    556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
)  # fmt: skip

_EXTRA = {"Đ": 722, "đ": 500, "–": 500, "—": 1000, "…": 1000, "\t": 500}


@lru_cache(maxsize=4096)
def _char_width(ch: str, bold: bool) -> int:
    table = _BOLD if bold else _REGULAR
    code = ord(ch)
    if _FIRST <= code < _FIRST + len(table):
        return table[code - _FIRST]
    if ch in _EXTRA:
        if ch == "đ" and bold:
            return 556
        return _EXTRA[ch]
    base = unicodedata.normalize("NFD", ch)[:1]
    if base and base != ch and _FIRST <= ord(base) < _FIRST + len(table):
        return table[ord(base) - _FIRST]
    return 500


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of ``text`` set in Times New Roman at ``size_pt`` points, in points."""
    return sum(_char_width(ch, bold) for ch in text) * size_pt / 1000.0


def text_width_twips(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of ``text`` in twips (1/20 pt), the unit of WordprocessingML lengths."""
    return pt_to_twips(text_width_pt(text, size_pt, bold))
