"""Checking one document: load, recognise, detect the standard, run the rules.

Standard detection (FORMAT.md, "Which standard applies"): a document whose first page carries
"ĐẢNG CỘNG SẢN VIỆT NAM" (in its header block or in the page header) is a Party document, judged
by the guideline in force on its date — Hướng dẫn 05-HD/VPTW from 27/5/2026, Hướng dẫn
36-HD/VPTW before (no date: HD 05); any other document is judged by Nghị định 30/2020/NĐ-CP.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from nqgen.check import blocks, common, nd30, notices, party  # noqa: F401  (registers rules)
from nqgen.check.docx_model import DocxModel
from nqgen.check.findings import CheckError, Report
from nqgen.check.layout import Layout, build_layout
from nqgen.check.rules import Context, run_rules
from nqgen.check.specs import SPECS, STANDARDS
from nqgen.check.text import parse_date_line

HD05_IN_FORCE = date(2026, 5, 27)


def document_date(layout: Layout) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of the place-date line; parts may be None (blank in a draft)."""
    parts = parse_date_line(layout.date.text) if layout.date is not None else None
    if parts is None:
        return None, None, None

    def num(v: str | None) -> int | None:
        return int(v) if v else None

    return num(parts["year"]), num(parts["month"]), num(parts["day"])


def detect_standard(layout: Layout) -> str:
    """``nd30``, ``hd05`` or ``hd36`` for a recognised document (see the module docstring)."""
    if layout.tieu_de is None:
        return "nd30"
    year, month, day = document_date(layout)
    if year is None:
        return "hd05"
    if month is None:
        return "hd36" if year < HD05_IN_FORCE.year else "hd05"
    if day is None:
        return "hd36" if (year, month) < (HD05_IN_FORCE.year, HD05_IN_FORCE.month) else "hd05"
    try:
        return "hd36" if date(year, month, day) < HD05_IN_FORCE else "hd05"
    except ValueError:
        return "hd05"


def check_docx(
    source: str | Path | bytes, standard: str | None = None, *, name: str | None = None
) -> Report:
    """Check a DOCX (path or bytes) against FORMAT.md and return the :class:`Report`.

    ``standard`` forces ``nd30``, ``hd05`` or ``hd36``; ``None`` detects it. Raises
    :class:`~nqgen.check.findings.CheckError` (Vietnamese message) when the file cannot be read
    or the standard does not exist.
    """
    if standard is not None and standard not in SPECS:
        raise CheckError(
            f"Chuẩn '{standard}' không hợp lệ; chọn một trong: {', '.join(STANDARDS)}."
        )
    label = name or (str(source) if not isinstance(source, bytes) else None)
    model = DocxModel.load(source, label)
    layout = build_layout(model)
    key = standard or detect_standard(layout)
    ctx = Context(model, layout, SPECS[key])
    return Report(
        standard=key,
        findings=run_rules(ctx),
        detected=standard is None,
        source=label,
        doc_type=layout.doc_type.label,
    )
