"""Render a Plan into DOCX with the docxtpl master templates (PDF: :mod:`nqgen.pdf`).

The renderer only fills the template (docs/architecture.md, "Render"): every value it prints is
in the Plan or derived here from it (number line, place-date line, appendix caption). Rendering
uses a sandboxed Jinja environment with autoescape and StrictUndefined (docs/architecture.md,
docxtpl pitfalls 1-2).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from docx.oxml.ns import qn
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from . import vn
from .errors import TemplateError
from .models import DocKind, Plan, PlanType
from .paths import TEMPLATES_DIR
from .render_fast import Template, prepare

__all__ = ["Renderer", "context", "render_docx", "template_path"]

TEMPLATE_FILES = {DocKind.kh_ubnd: "kh-ubnd.docx", DocKind.kh_du: "kh-du.docx"}
#: The templates of the reports on a plan of each kind (báo cáo, ``nqgen report``).
REPORT_FILES = {DocKind.kh_ubnd: "bc-ubnd.docx", DocKind.kh_du: "bc-du.docx"}


def template_path(kind: DocKind) -> Path:
    """Path of the master template for a document kind."""
    return TEMPLATES_DIR / TEMPLATE_FILES[kind]


def literal(value: Any) -> Any:
    """Profile strings are data: printed exactly as typed, ``{{``, ``{%`` and ``{_{``
    included, with no character added (issue 11).

    Jinja never compiles a context value, but docxtpl rewrites ``{_{``, ``}_}``, ``{_%`` and
    ``%_}`` in the rendered XML (its escape for literal tags in templates), which would change
    what a user typed. So a string holding ``{`` or ``}`` is given as XML-escaped markup with
    the braces as character references: the rewrite does not see them, and the XML parser that
    reads the rendered part back turns them into the braces themselves.
    """
    if isinstance(value, str):
        if "{" not in value and "}" not in value:  # the common case, checked cheaply
            return value
        escaped = str(markupsafe.escape(value))
        return markupsafe.Markup(escaped.replace("{", "&#123;").replace("}", "&#125;"))
    if isinstance(value, dict):
        return {k: literal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [literal(v) for v in value]
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


#: The rule lengths under a KH-UBND's trích yếu in the template (templates/build.py,
#: SUMMARY_RULES_MM), longest first.
SUMMARY_RULES_MM = (60, 40, 30)
_SUMMARY_COLUMN_MM = 165  # the portrait text width
_SUMMARY_PT = 14  # "NQ Trích yếu": 14 pt bold


def summary_rule(summary: str) -> int:
    """Length (mm) of the rule under the trích yếu: the longest of the template's that is 1/3
    to 1/2 of the summary's line (NĐ 30 PL I II.5b) — a wrapped summary fills the column, a
    short annual one ("Chuyển đổi số trên địa bàn xã Xốp năm 2027") does not."""
    from .check.metrics import text_width_pt
    from .check.units import pt_to_twips, twips_to_mm

    width = twips_to_mm(pt_to_twips(text_width_pt(summary, _SUMMARY_PT, bold=True)))
    line = min(width, _SUMMARY_COLUMN_MM)
    fitting = [w for w in SUMMARY_RULES_MM if line / 3 <= w <= line / 2]
    if fitting:
        return fitting[0]
    return min(SUMMARY_RULES_MM, key=lambda w: abs(w - line * 5 / 12))


def targets_title(plan: Plan) -> str:
    """Title of Phụ lục I: the targets of the implementation plan, or of the annual plan's
    year (``CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2027``)."""
    if plan.type == PlanType.annual:
        return f"CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM {plan.year}"
    return "CHỈ TIÊU PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ"


#: Characters python-docx allows in a core property (ECMA-376 Part 2 leaves it open; Word's own
#: dialog keeps 255).
CORE_TITLE_MAX = 255


def context(plan: Plan) -> dict[str, Any]:
    """The template context of a Plan: its fields and the lines derived from them (the names
    templates/build.py writes, docs/architecture.md, "Render")."""
    signer = plan.signer
    if signer.authority == "KT":
        deputy = f"KT. {plan.signer_head_title}" if plan.kind == DocKind.kh_ubnd else ""
    else:
        deputy = ""
    authority = ("T/M " if plan.kind == DocKind.kh_du else "TM. ") + plan.signer_body
    # provenance (meta, the keys and hashes of nqgen update) is not printed
    data = plan.model_dump(
        mode="python",
        exclude={"meta": True, "task_groups": {"__all__": {"rows": {"__all__": {"basis"}}}}},
    )
    ctx: dict[str, Any] = {
        **data,
        "issuer_line1": plan.issuer[0],
        "issuer_line2": plan.issuer[1] if len(plan.issuer) > 1 else "",
        "number_line": number_line(plan),
        "place_date": vn.place_date(plan.place, plan.date),
        "caption": f"(Kèm theo {document_ref(plan)} của {plan.issuer_short})",
        "targets_title": targets_title(plan),
        "summary_rule": summary_rule(plan.summary),
        "authority": authority,
        "deputy_line": deputy,
        "signer_title": signer.title,
        "signer_name": signer.name,
        "body": [{"style": b.style, "text": b.text} for b in plan.body],
        "targets": [
            t.model_dump(exclude={"basis"}) | {"value": t.value_text()} for t in plan.targets
        ],
    }
    filled: dict[str, Any] = literal(ctx)
    # The file's Title property (Word: Tệp > Thông tin), which docxtpl renders from the
    # template's core properties: the document's name and summary, as the text is typed (Markup
    # so that autoescape adds nothing; python-docx escapes it once when it writes core.xml).
    name = plan.title[:1] + plan.title[1:].lower()
    title = f"{name} {vn.mid_sentence(plan.summary)}" if plan.summary else name
    if len(title) > CORE_TITLE_MAX:  # a long summary: cut at a word
        title = vn.shorten(title, CORE_TITLE_MAX - 1)
    filled["doc_title"] = markupsafe.Markup(title)
    return filled


def _env() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)


class Renderer:
    """Renders Plans of one document kind; the template is read, patched and compiled once
    (:func:`nqgen.render_fast.prepare`).

    ``render(plan) -> bytes`` returns the DOCX; the same Plan always gives the same bytes. Raises
    TemplateError when the template is missing or a tag names a value the Plan lacks. One Renderer
    serves any number of plans (``nqgen render`` and ``nqgen batch`` share it); it is not
    thread-safe — use one per thread or process.
    """

    def __init__(self, kind: DocKind, template: Path | None = None):
        self.kind = kind
        self.path = template or template_path(kind)
        try:
            self._bytes = self.path.read_bytes()
        except FileNotFoundError:
            raise TemplateError(f"Không tìm thấy mẫu văn bản {self.path}.") from None
        self._env = _env()
        self._prepared: Template | None = None

    def _template(self) -> Template:
        if self._prepared is None:
            try:
                self._prepared = prepare(self._bytes, self._env)
            except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
                raise TemplateError(
                    f"Mẫu văn bản {self.path} không phải tệp DOCX hợp lệ: {exc}"
                ) from None
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(
                    f"Mẫu văn bản {self.path} có thẻ Jinja sai cú pháp (dòng {exc.lineno}): "
                    f"{exc.message}"
                ) from None
        return self._prepared

    def render_context(self, ctx: dict[str, Any], drop_appendix: bool = False) -> bytes:
        """The DOCX for a ready template context (see :func:`context`); ``drop_appendix``
        leaves out the last section (an optional appendix, :func:`drop_last_section`)."""
        try:
            return self._template().render(ctx, drop_last_section_of if drop_appendix else None)
        except jinja2.UndefinedError as exc:
            raise TemplateError(
                f"Mẫu văn bản dùng giá trị không có trong kế hoạch: {exc}"
            ) from None

    def render(self, plan: Plan) -> bytes:
        if plan.kind != self.kind:
            raise TemplateError(
                f"Mẫu {self.kind.value} không dùng cho kế hoạch loại {plan.kind.value}."
            )
        return self.render_context(context(plan), drop_appendix=not plan.appendix)


_RENDERERS: dict[DocKind, Renderer] = {}


def renderer_for(kind: DocKind) -> Renderer:
    """The process-wide Renderer of a kind's shipped template (prepared on first use)."""
    if kind not in _RENDERERS:
        _RENDERERS[kind] = Renderer(kind)
    return _RENDERERS[kind]


def drop_last_section(doc: Any) -> None:
    """Remove the last section (an optional appendix) from a rendered document.

    The section before it ends in a carrier paragraph holding its ``w:sectPr``
    (docs/architecture.md, docxtpl pitfall 5); that ``sectPr`` becomes the body's final one, so
    the document keeps the earlier section's orientation and headers. Used for a KH/ĐU without
    Phụ lục 1.
    """
    drop_last_section_of(doc.element.body)


def drop_last_section_of(body: Any) -> None:
    """:func:`drop_last_section` on a ``w:body`` element."""
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


def report_renderer(kind: DocKind) -> Renderer:
    """The Renderer of the report template on a plan of ``kind`` (BC-UBND or BC/ĐU)."""
    return Renderer(kind, TEMPLATES_DIR / REPORT_FILES[kind])


def render_docx(plan: Plan) -> bytes:
    """Render one Plan to DOCX bytes with the shipped template of its kind (the same Plan
    always gives the same bytes). Raises TemplateError for a template that cannot serve it."""
    return renderer_for(plan.kind).render(plan)
