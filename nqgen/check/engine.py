"""Checking one document: load, recognise, detect the standard, run the rules.

Standard detection (FORMAT.md, "Which standard applies"): a document whose first-page header
carries "ĐẢNG CỘNG SẢN VIỆT NAM" is a Party document, judged by the guideline in force on its
date — Hướng dẫn 05-HD/VPTW from 27/5/2026, Hướng dẫn 36-HD/VPTW before (no date: HD 05);
any other document is judged by Nghị định 30/2020/NĐ-CP.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from nqgen.check import common, nd30, party  # noqa: F401  (registers the rules)
from nqgen.check.docx_model import DocxModel
from nqgen.check.findings import CheckError, Report
from nqgen.check.layout import Layout, build_layout
from nqgen.check.rules import Context, Spec, run_rules

SPECS: dict[str, Spec] = {"nd30": nd30.ND30, "hd05": party.HD05, "hd36": party.HD36}
STANDARDS = tuple(SPECS)
HD05_IN_FORCE = date(2026, 5, 27)


def detect_standard(layout: Layout) -> str:
    """``nd30``, ``hd05`` or ``hd36`` for a recognised document (see the module docstring)."""
    if layout.tieu_de is None:
        return "nd30"
    year, month, day = common.document_date(layout.date)
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
    return Report(standard=key, findings=run_rules(ctx), detected=standard is None, source=label)
