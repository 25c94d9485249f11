"""Render a Plan into DOCX with the docxtpl master templates, and DOCX into PDF (LibreOffice).

The renderer only fills the template (DESIGN.md, "Render"): every value it prints is in the
Plan or derived here from it (number line, place-date line, appendix caption). Rendering uses a
sandboxed Jinja environment with autoescape and StrictUndefined (NOTES.md pitfalls 1-2).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import jinja2
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from . import vn
from .errors import NqgenError
from .library import ROOT
from .models import DocKind, Plan

TEMPLATES_DIR = ROOT / "templates"
TEMPLATE_FILES = {DocKind.kh_ubnd: "kh-ubnd.docx", DocKind.kh_du: "kh-du.docx"}


def template_path(kind: DocKind) -> Path:
    """Path of the master template for a document kind."""
    return TEMPLATES_DIR / TEMPLATE_FILES[kind]


def _defuse(value: Any) -> Any:
    """Profile strings are data: Jinja never sees them as code, but a user who later edits the
    DOCX as a template must not find live tags either, so ``{{``/``{%`` are broken apart."""
    if isinstance(value, str):
        return value.replace("{{", "{\u200b{").replace("{%", "{\u200b%").replace("%}", "%\u200b}")
    if isinstance(value, dict):
        return {k: _defuse(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_defuse(v) for v in value]
    return value


def number_line(plan: Plan) -> str:
    """``Số: 05/KH-UBND`` (NĐ 30, PL I II.3) or ``Số 08-KH/ĐU`` (HD 05 3.2.2); blank in drafts."""
    num = vn.doc_number(plan.number)
    if plan.kind == DocKind.kh_du:
        return f"Số {num}-{plan.symbol}"
    return f"Số: {num}/{plan.symbol}"


def document_ref(plan: Plan) -> str:
    """``Kế hoạch số 05/KH-UBND ngày 05 tháng 9 năm 2025`` — how appendices cite the plan."""
    num = vn.doc_number(plan.number)
    sep = "-" if plan.kind == DocKind.kh_du else "/"
    return f"Kế hoạch số {num}{sep}{plan.symbol} {vn.doc_date(plan.date)}"


def context(plan: Plan) -> dict[str, Any]:
    """The template context of a Plan (shape documented in templates/README.md)."""
    signer = plan.signer
    if signer.authority == "KT":
        deputy = f"KT. {plan.signer_head_title}" if plan.kind == DocKind.kh_ubnd else ""
    else:
        deputy = ""
    authority = ("T/M " if plan.kind == DocKind.kh_du else "TM. ") + plan.signer_body
    data = plan.model_dump(mode="python")
    ctx: dict[str, Any] = {
        **data,
        "issuer_line1": plan.issuer[0],
        "issuer_line2": plan.issuer[1] if len(plan.issuer) > 1 else "",
        "number_line": number_line(plan),
        "place_date": vn.place_date(plan.place, plan.date),
        "caption": f"(Kèm theo {document_ref(plan)} của {plan.issuer_short})",
        "authority": authority,
        "deputy_line": deputy,
        "signer_title": signer.title,
        "signer_name": signer.name,
        "body": [b.model_dump() for b in plan.body],
    }
    return _defuse(ctx)


def _env() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)


class Renderer:
    """Renders Plans of one document kind; the template bytes are read once and reused.

    ``render(plan) -> bytes`` returns the DOCX. Raises NqgenError when the template is missing
    or a tag names a value the Plan lacks.
    """

    def __init__(self, kind: DocKind, template: Path | None = None):
        self.kind = kind
        path = template or template_path(kind)
        try:
            self._bytes = path.read_bytes()
        except FileNotFoundError:
            raise NqgenError(f"Không tìm thấy mẫu văn bản {path}.") from None
        self._env = _env()

    def render(self, plan: Plan) -> bytes:
        if plan.kind != self.kind:
            raise NqgenError(
                f"Mẫu {self.kind.value} không dùng cho kế hoạch loại {plan.kind.value}."
            )
        tpl = DocxTemplate(io.BytesIO(self._bytes))
        try:
            tpl.render(context(plan), jinja_env=self._env, autoescape=True)
        except jinja2.UndefinedError as exc:
            raise NqgenError(f"Mẫu văn bản dùng giá trị không có trong kế hoạch: {exc}") from None
        if not plan.appendix:
            drop_last_section(tpl.docx)
        out = io.BytesIO()
        tpl.save(out)
        return out.getvalue()


def drop_last_section(doc: Any) -> None:
    """Remove the last section (an optional appendix) from a rendered document.

    The section before it ends in a carrier paragraph holding its ``w:sectPr`` (NOTES.md
    pitfall 5); that ``sectPr`` becomes the body's final one, so the document keeps the earlier
    section's orientation and headers. Used for a KH/ĐU without Phụ lục 1.
    """
    body = doc.element.body
    final = body.find(qn("w:sectPr"))
    carriers = body.findall(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}")
    if final is None or not carriers:
        return
    sect = carriers[-1]
    carrier = sect.getparent().getparent()
    for el in list(carrier.itersiblings()):
        if el is not final:
            body.remove(el)
    sect.getparent().remove(sect)  # the carrier stays: the body must not end with a table
    body.replace(final, sect)


def render_docx(plan: Plan) -> bytes:
    """Render one Plan to DOCX bytes with the shipped template of its kind."""
    return Renderer(plan.kind).render(plan)


# --------------------------------------------------------------------------- PDF


def soffice() -> str | None:
    """The LibreOffice executable, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: Path, outdir: Path | None = None, timeout: float = 180) -> Path:
    """Convert ``docx`` to PDF with LibreOffice (headless); returns the PDF path.

    Raises NqgenError (Vietnamese) when LibreOffice is missing or the conversion fails.
    """
    exe = soffice()
    if exe is None:
        raise NqgenError(
            "Chưa cài LibreOffice nên không xuất được PDF. Cài bằng: "
            "sudo apt-get install libreoffice-writer-nogui (hoặc mở tệp DOCX bằng Word và lưu PDF)."
        )
    outdir = outdir or docx.parent
    with tempfile.TemporaryDirectory(prefix="nqgen-lo-") as profile:
        cmd = [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(docx),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise NqgenError(f"LibreOffice quá thời gian khi chuyển {docx} sang PDF.") from None
    pdf = outdir / (docx.stem + ".pdf")
    if proc.returncode != 0 or not pdf.exists():
        raise NqgenError(f"LibreOffice không chuyển được {docx} sang PDF: {proc.stderr.strip()}")
    return pdf
