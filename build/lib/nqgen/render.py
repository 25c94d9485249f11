"""Render a Plan into DOCX with the docxtpl master templates, and DOCX into PDF (LibreOffice).

The renderer only fills the template (DESIGN.md, "Render"): every value it prints is in the
Plan or derived here from it (number line, place-date line, appendix caption). Rendering uses a
sandboxed Jinja environment with autoescape and StrictUndefined (NOTES.md pitfalls 1-2).
"""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from . import vn
from .errors import ConverterError, TemplateError
from .library import ROOT
from .models import DocKind, Plan

TEMPLATES_DIR = ROOT / "templates"
TEMPLATE_FILES = {DocKind.kh_ubnd: "kh-ubnd.docx", DocKind.kh_du: "kh-du.docx"}


def template_path(kind: DocKind) -> Path:
    """Path of the master template for a document kind."""
    return TEMPLATES_DIR / TEMPLATE_FILES[kind]


def _literal(value: Any) -> Any:
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
        return {k: _literal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_literal(v) for v in value]
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
        "targets": [t.model_dump() | {"value": t.value_text()} for t in plan.targets],
    }
    return _literal(ctx)


def _env() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)


# Fixed zip entry time: output bytes depend only on the template and the Plan (batch outputs are
# byte-identical across runs and worker counts). 1980-01-01 is the earliest time a zip can hold.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# Deflate level of the parts rendered per plan: 3 compresses document.xml 2.5x faster than the
# default 6 for a file about 9 % larger. The fixed parts are compressed once, at the default.
_RENDERED_LEVEL = 3

# String core properties docxtpl renders as Jinja templates (DocxTemplate.render_properties).
_CORE_PROPS = ("author", "comments", "identifier", "language", "subject", "title")


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0  # same bytes on every platform
    return info


class _CachingEnv:
    """Hands docxtpl the Jinja template compiled the first time it sees a source string
    (``render_properties`` calls ``jinja_env.from_string`` for every property of every render)."""

    def __init__(self, env: SandboxedEnvironment):
        self.env = env
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source: str) -> jinja2.Template:
        template = self._compiled.get(source)
        if template is None:
            template = self._compiled[source] = self.env.from_string(source)
        return template


# docxtpl's render_xml_part (0.20.2) puts each paragraph on its own line before compiling (so
# Jinja error lines point at paragraphs) and takes the line breaks out after rendering.
_MARK = re.compile(r"<w:p([ >])")
_LISTING_CHARS = "\t\a\n\f"


class _PreparedTemplate:
    """A docxtpl template parsed, patched and compiled once; each render only fills it.

    Plain docxtpl (``DocxTemplate(path).render(ctx); save()``) re-reads the package, re-parses
    every part (800 kB of styles), re-runs ``patch_xml``, recompiles the Jinja source of
    ``document.xml`` and of each header/footer, moves the rendered body into the package tree
    (lxml re-homes every node) and re-serialises and re-compresses every part, for every
    document. Here the patched sources are compiled once, the parts docxtpl does not render are
    serialised (as python-docx writes them) and compressed once, and ``document.xml`` is
    written as the package's fixed head and tail around the rendered body. Per document the
    work left is docxtpl's: fill the compiled template, ``resolve_listing`` (run only when the
    output has one of the characters it rewrites, since it changes nothing otherwise),
    ``fix_tables`` (its per-cell pass run only when a table can change) and ``fix_docpr_ids``.
    The result is byte-identical to plain docxtpl's for every part (tests/test_batch.py), in a
    zip whose entries have a fixed time and order, so the same Plan always gives the same
    bytes; core properties (created, modified) are the template's, never the clock's.

    Not supported (the nqgen context never holds them): ``InlineImage``, ``RichText`` with
    hyperlinks, picture/media replacement — they change parts this class treats as fixed.
    """

    def __init__(self, data: bytes, env: SandboxedEnvironment):
        self.env = _CachingEnv(env)
        tpl = self.tpl = DocxTemplate(io.BytesIO(data))
        tpl.render_init()  # loads the package once
        doc = tpl.docx
        self.root = doc.element
        self.body = self._compile(tpl.patch_xml(tpl.get_xml()))
        # headers and footers: (zip name, compiled template, encoding)
        self.headers_footers = []
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for _, part in tpl.get_headers_footers(uri):
                xml = tpl.get_part_xml(part)
                encoding = tpl.get_headers_footers_encoding(xml)
                self.headers_footers.append(
                    (part.partname.membername, self._compile(tpl.patch_xml(xml)), encoding)
                )
        self.footnotes = [
            (part, self._compile(tpl.patch_xml(part.blob.decode("utf-8"))))
            for part in doc.part.package.parts
            if part.content_type.endswith(".footnotes+xml")
        ]
        core = doc.part.package._core_properties_part
        self.core_part = core
        self.core_original = copy.deepcopy(core._element)
        self.core_dynamic = any(
            "{" in (getattr(doc.core_properties, prop) or "") for prop in _CORE_PROPS
        )
        if not self.core_dynamic:  # rendered once: the result is the same for every plan
            tpl.render_properties({}, self.env)  # type: ignore[arg-type]
        self.dynamic = ["word/document.xml", *(h[0] for h in self.headers_footers)]
        self.dynamic += [part.partname.membername for part, _ in self.footnotes]
        if self.core_dynamic:
            self.dynamic.append(core.partname.membername)
        self._prepare_document_xml(tpl.get_xml())
        # every other part exactly as python-docx saves it, compressed once
        saved = io.BytesIO()
        doc.save(saved)
        prefix = io.BytesIO()
        with zipfile.ZipFile(saved) as src, zipfile.ZipFile(prefix, "w") as dst:
            for name in src.namelist():
                if name not in self.dynamic:
                    dst.writestr(_zip_info(name), src.read(name))
        self.prefix = prefix.getvalue()

    def _compile(self, source: str) -> jinja2.Template:
        return self.env.env.from_string(_MARK.sub(r"\n<w:p\1", source))

    def _fill(self, template: jinja2.Template, ctx: dict[str, Any]) -> str:
        """docxtpl's ``render_xml_part`` on an already compiled part."""
        xml = template.render(ctx).replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        if "{" in xml or "}" in xml:  # (single-character scans are the cheap ones)
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%")
            xml = xml.replace("%_}", "%}")
        if any(c in xml for c in _LISTING_CHARS):  # the only characters resolve_listing rewrites
            xml = self.tpl.resolve_listing(xml)
        return xml

    def _fix_tables(self, xml: str) -> etree._Element:
        """docxtpl's ``fix_tables`` (parse the rendered body, then widen or narrow each table
        grid to its rows), with its per-cell pass skipped when it cannot change a table: no
        row has more cells than the grid has columns (nothing to add) and some row spans all
        columns (nothing to remove). Otherwise docxtpl's own ``fix_tables`` runs."""
        try:
            # docxtpl's parser (recover=True); UTF-8 bytes and no ID table parse faster
            parser = etree.XMLParser(recover=True, collect_ids=False)
            tree = etree.fromstring(xml.encode("utf-8"), parser=parser)
            w = "{" + tree.nsmap["w"] + "}"
            for table in tree.iter(w + "tbl"):
                columns = len(table.find(w + "tblGrid").findall(w + "gridCol"))
                widest = 0
                for row in table.iter(w + "tr"):
                    cells = row.findall(w + "tc")
                    if len(cells) > columns:
                        return self.tpl.fix_tables(xml)
                    if widest < columns:
                        widest = max(widest, sum(map(self._span, cells)))
                if widest < columns:
                    return self.tpl.fix_tables(xml)
            return tree
        except Exception:  # noqa: BLE001 - let docxtpl handle (or report) anything unusual
            return self.tpl.fix_tables(xml)

    @staticmethod
    def _span(cell: etree._Element) -> int:
        """Grid columns a cell takes, as docxtpl's ``fix_tables`` counts them."""
        w = "{" + cell.nsmap["w"] + "}"
        props = cell.find(w + "tcPr")
        span = None if props is None else props.find(w + "gridSpan")
        return 1 if span is None else int(span.get(w + "val"))

    def _prepare_document_xml(self, body_xml: str) -> None:
        """Split the serialised ``document.xml`` around ``<w:body>`` and learn how lxml
        rewrites the body's start tag when the rendered body is moved under the root (it drops
        the namespace declarations the root already makes)."""
        shell = copy.deepcopy(self.root)
        shell.body.clear()
        head, sep, tail = serialize_part_xml(shell).partition(b"<w:body/>")
        if not sep or sep in tail:
            self.head = b""  # unusual package: fall back to moving the tree (slower, same bytes)
            return
        sample = self.tpl.fix_tables(body_xml)
        alone = etree.tostring(sample, encoding="UTF-8")
        shell.replace(shell.body, sample)
        moved = serialize_part_xml(shell)[len(head) :]
        self.body_tag = alone[: alone.index(b">") + 1]
        self.body_tag_moved = moved[: moved.index(b">") + 1]
        self.head, self.tail = head, tail

    def _document_xml(self, tree: etree._Element) -> bytes:
        """``document.xml`` with ``tree`` as its body, as python-docx serialises it."""
        if self.head:
            body = etree.tostring(tree, encoding="UTF-8")
            if body.startswith(self.body_tag):
                return self.head + self.body_tag_moved + body[len(self.body_tag) :] + self.tail
        self.root.replace(self.root.body, tree)
        return serialize_part_xml(self.root)

    def render_parts(self, ctx: dict[str, Any], drop_appendix: bool = False) -> dict[str, bytes]:
        """The rendered parts (zip name -> bytes), as DocxTemplate.render + save writes them;
        ``drop_appendix`` removes the last section (:func:`drop_last_section`)."""
        tpl = self.tpl
        tpl.docx_ids_index = 1000
        xml = self._fill(self.body, ctx)
        tree = self._fix_tables(xml)
        if "docPr" in xml:  # all fix_docpr_ids touches are wp:docPr elements
            tpl.fix_docpr_ids(tree)
        if drop_appendix:
            drop_last_section_of(tree)
        parts = {"word/document.xml": self._document_xml(tree)}
        for name, template, encoding in self.headers_footers:
            rendered = self._fill(template, ctx).encode(encoding)
            parts[name] = serialize_part_xml(parse_xml(rendered))
        for part, template in self.footnotes:
            part._blob = self._fill(template, ctx).encode("utf-8")
            parts[part.partname.membername] = part.blob
        if self.core_dynamic:
            self.core_part._element = copy.deepcopy(self.core_original)
            tpl.render_properties(ctx, self.env)  # type: ignore[arg-type]
            parts[self.core_part.partname.membername] = self.core_part.blob
        return parts

    def render(self, ctx: dict[str, Any], drop_appendix: bool = False) -> bytes:
        parts = self.render_parts(ctx, drop_appendix)
        out = io.BytesIO(self.prefix)
        with zipfile.ZipFile(out, "a") as z:
            for name in self.dynamic:
                z.writestr(_zip_info(name), parts[name], compresslevel=_RENDERED_LEVEL)
        return out.getvalue()


class Renderer:
    """Renders Plans of one document kind; the template is read, patched and compiled once.

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
        self._prepared: _PreparedTemplate | None = None

    def _template(self) -> _PreparedTemplate:
        if self._prepared is None:
            try:
                self._prepared = _PreparedTemplate(self._bytes, self._env)
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
            return self._template().render(ctx, drop_appendix)
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

    The section before it ends in a carrier paragraph holding its ``w:sectPr`` (NOTES.md
    pitfall 5); that ``sectPr`` becomes the body's final one, so the document keeps the earlier
    section's orientation and headers. Used for a KH/ĐU without Phụ lục 1.
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


def render_docx(plan: Plan) -> bytes:
    """Render one Plan to DOCX bytes with the shipped template of its kind."""
    return renderer_for(plan.kind).render(plan)


# --------------------------------------------------------------------------- PDF


NO_LIBREOFFICE = (
    "Chưa cài LibreOffice nên không xuất được PDF. Cài bằng: sudo apt-get install "
    "libreoffice-writer-nogui (hoặc mở tệp DOCX bằng Word và lưu PDF)."
)


def soffice() -> str | None:
    """The LibreOffice executable, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(
    docx: Path, target: Path | None = None, force: bool = False, timeout: float = 180
) -> Path:
    """Convert ``docx`` to PDF with LibreOffice (headless) at ``target`` (default: beside it,
    same stem); returns the PDF path.

    LibreOffice writes into a temporary folder beside the target; the finished PDF is then
    put in place by :func:`nqgen.output.place` (never half-written; an existing PDF is kept
    unless ``force``). Raises ConverterError (Vietnamese) when LibreOffice is missing or the
    conversion fails.
    """
    from .output import place, temporary_dir

    exe = soffice()
    if exe is None:
        raise ConverterError(NO_LIBREOFFICE)
    target = target or docx.with_suffix(".pdf")
    with temporary_dir(target) as tmp:
        cmd = [
            exe,
            f"-env:UserInstallation={(Path(tmp).resolve() / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(docx),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise ConverterError(f"LibreOffice quá thời gian khi chuyển {docx} sang PDF.") from None
        made = Path(tmp) / (docx.stem + ".pdf")
        if proc.returncode != 0 or not made.exists():
            raise ConverterError(
                f"LibreOffice không chuyển được {docx} sang PDF (mã thoát {proc.returncode})."
            )
        place(made, target, force)
    return target
