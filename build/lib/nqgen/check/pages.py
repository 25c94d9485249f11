"""How many pages a document prints on (số trang ước tính).

NĐ 30/2020 Phụ lục I I.7 numbers pages from the second one, so a one-page letter needs no page
number. Word records the count it last laid out in ``docProps/app.xml``; when that count is
there and real (see ``DocxModel.pages_saved``) it is used, otherwise the pages are estimated:
each paragraph's lines from its text width (Times New Roman metrics) and line spacing, table
rows as tall as their tallest cell, a new page at every manual page break and next-page
section break. The estimate is rough; it only has to tell one page from several.
"""

from __future__ import annotations

import math

from nqgen.check.docx_model import DocxModel, Para, Section
from nqgen.check.layout import para_width
from nqgen.check.units import pt_to_twips

_A4_HEIGHT = 16838
_A4_TEXT_WIDTH = 11906 - 1701 - 850


def _para_height(p: Para, width: float) -> float:
    sizes = [r.props.size for r in p.runs if r.props.size]
    size = max(sizes) if sizes else 12.0
    natural = pt_to_twips(size) * 1.15
    props = p.props
    avail = max(width - props.ind_left - props.ind_right - max(props.first_line, 0), 1000)
    lines = max(1, math.ceil(para_width(p) / avail)) + p.text.count("\n")
    if props.line_rule == "exact":
        line = float(props.line)
    elif props.line_rule == "atLeast":
        line = max(float(props.line), natural)
    else:
        line = natural * props.line / 240
    return lines * line + props.before + props.after


def _section_height(sec: Section) -> tuple[float, int]:
    """(height of the section's content in twips, manual page breaks in it)."""
    width = sec.text_width or _A4_TEXT_WIDTH
    total = 0.0
    breaks = 0
    rows: dict[tuple[int, int], dict[int, float]] = {}
    for p in sec.paras:
        if p.page_break or p.props.page_break_before:
            breaks += 1
        if p.cell is None:
            total += _para_height(p, width)
            continue
        cell_w = p.cell.text_width or width
        cells = rows.setdefault((p.cell.table, p.cell.row), {})
        cells[p.cell.col] = cells.get(p.cell.col, 0.0) + _para_height(p, cell_w)
    total += sum(max(cells.values()) for cells in rows.values())
    return total, breaks


def page_count(model: DocxModel) -> int:
    """Pages of the document: Word's saved count when real, else the estimate."""
    if model.pages_saved is not None:
        return model.pages_saved
    pages = 0
    for sec in model.sections:
        height, breaks = _section_height(sec)
        usable = (sec.height or _A4_HEIGHT) - (sec.top or 1134) - (sec.bottom or 1134)
        pages += max(1, math.ceil(height / max(usable, 1000))) + breaks
    return max(pages, 1)


__all__ = ["page_count"]
