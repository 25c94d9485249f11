"""Findings (phát hiện), locations (vị trí) and reports (kết quả kiểm tra) of the checker.

Every user-facing string here is Vietnamese; identifiers are English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from nqgen.errors import NqgenError

Severity = Literal["error", "warning"]

SEVERITY_LABEL: dict[str, str] = {"error": "lỗi", "warning": "cảnh báo"}

STANDARD_LABEL: dict[str, str] = {
    "nd30": "Nghị định 30/2020/NĐ-CP, Phụ lục I",
    "hd05": "Hướng dẫn 05-HD/VPTW (27/5/2026)",
    "hd36": "Hướng dẫn 36-HD/VPTW (03/4/2018)",
}


class CheckError(NqgenError):
    """A file the checker cannot read (tệp không đọc được): not a DOCX, damaged zip, bad XML,
    or a standard that does not exist.

    The message is Vietnamese and names the file; the CLI prints it and exits with code 2.
    """


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is (vị trí): section, paragraph or table cell, and a short excerpt.

    ``part`` is ``"body"`` (thân văn bản), ``"header"`` (đầu trang) or ``"footer"`` (chân trang),
    or ``"page"`` for page set-up (thiết lập trang). ``paragraph`` counts the body-level
    paragraphs outside tables (1-based); inside a table, ``table``/``row``/``cell`` (1-based)
    give the cell and ``paragraph`` the paragraph inside it. ``line`` is the line within a
    paragraph cut by manual line breaks (Shift+Enter). ``section`` is 1-based.
    """

    section: int | None = None
    part: str = "body"
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    line: int | None = None
    excerpt: str = ""
    part_name: str = ""

    def describe(self) -> str:
        """Vietnamese description, e.g. ``phần 1, bảng 1, hàng 2, ô 1, đoạn 1`` (a section is
        a "phần" in Word's Vietnamese interface: Ngắt phần = section break)."""
        bits: list[str] = []
        if self.section is not None:
            bits.append(f"phần {self.section}")
        if self.part == "header":
            bits.append(f"đầu trang ({self.part_name})" if self.part_name else "đầu trang")
        elif self.part == "footer":
            bits.append(f"chân trang ({self.part_name})" if self.part_name else "chân trang")
        elif self.part == "page":
            bits.append("thiết lập trang")
        if self.table is not None:
            bits.append(f"bảng {self.table}, hàng {self.row}, ô {self.cell}")
        if self.paragraph is not None:
            bits.append(f"đoạn {self.paragraph}")
        if self.line is not None:
            bits.append(f"dòng {self.line}")
        return ", ".join(bits) if bits else "toàn văn bản"

    def as_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "part": self.part,
            "part_name": self.part_name or None,
            "paragraph": self.paragraph,
            "table": self.table,
            "row": self.row,
            "cell": self.cell,
            "line": self.line,
            "excerpt": self.excerpt,
            "description": self.describe(),
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One breach of a format rule (một lỗi thể thức).

    ``rule`` is the stable id (``ND30-margin-left``, ``HD05-asterisk``); ``expected`` and
    ``found`` say what the rule wants and what the document has; ``message`` explains it.
    All three texts are Vietnamese.
    """

    rule: str
    severity: Severity
    location: Location
    expected: str
    found: str
    message: str

    def __str__(self) -> str:
        """One Vietnamese line, e.g. ``[lỗi] ND30-tieu-ngu (bảng 1, …): … Cần: …; thấy: ….``"""
        where = self.location.describe()
        return (
            f"[{SEVERITY_LABEL[self.severity]}] {self.rule} ({where}): {self.message} "
            f"Cần: {self.expected}; thấy: {self.found}."
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "location": self.location.as_dict(),
            "expected": self.expected,
            "found": self.found,
            "message": self.message,
        }


@dataclass(slots=True)
class Report:
    """The result of checking one document (kết quả kiểm tra một văn bản).

    ``standard`` is ``nd30``, ``hd05`` or ``hd36``; ``detected`` tells whether it was detected
    (``True``) or forced by the caller (``False``).
    """

    standard: str
    findings: list[Finding] = field(default_factory=list)
    detected: bool = True
    source: str | None = None
    doc_type: str = "Văn bản"  # the recognised type (loại văn bản), e.g. "Công văn"

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is no finding at all (không có phát hiện nào)."""
        return not self.findings

    def rule_ids(self) -> set[str]:
        return {f.rule for f in self.findings}

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "standard": self.standard,
            "standard_name": STANDARD_LABEL.get(self.standard, self.standard),
            "detected": self.detected,
            "doc_type": self.doc_type,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.as_dict() for f in self.findings],
        }
