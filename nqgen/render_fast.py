"""The fast path of the renderer (dựng nhanh): a docxtpl template parsed, patched and compiled
once, then only filled per document — 3.6 times faster than plain docxtpl for the same bytes.

:class:`PreparedTemplate` repeats what ``DocxTemplate.render`` + ``save`` do, step by step,
with docxtpl's own methods and python-docx's private attributes (``Package._core_properties_part``,
``Part._blob``, ``XmlPart._element``). It was proved byte-identical, part by part, on docxtpl
0.20.2 only (tests/test_render_fast.py is its contract). :func:`prepare` therefore uses it
only when that exact docxtpl is installed; on any other version it returns a
:class:`PlainTemplate` — plain docxtpl, one ``DocxTemplate`` per document — and says so once
on stderr in one Vietnamese line. docxtpl itself is used unmodified (LGPL-2.1).
"""

from __future__ import annotations

import copy
import io
import re
import sys
import zipfile
from collections.abc import Callable
from importlib.metadata import version
from typing import Any, Protocol

import jinja2
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from .output import repack_zip, zip_info

#: The docxtpl release :class:`PreparedTemplate` was proved on (pyproject pins it).
PROVED_ON = "0.20.2"
NOTICE = (
    "Lưu ý: docxtpl {found} chưa được kiểm chứng với cách dựng nhanh của nqgen (đã kiểm chứng "
    "với {proved}); nqgen dựng bằng docxtpl thông thường, chậm hơn nhưng cùng nội dung."
)

EditBody = Callable[[Any], None]
"""A change made to the rendered ``w:body`` before the document is saved (an lxml element)."""


class Template(Protocol):
    """A template that renders a context into DOCX bytes (both paths below)."""

    def render(self, ctx: dict[str, Any], edit_body: EditBody | None = None) -> bytes: ...


_noticed = False


def prepare(data: bytes, env: SandboxedEnvironment) -> Template:
    """The template of the DOCX ``data``: :class:`PreparedTemplate` on docxtpl 0.20.2,
    else :class:`PlainTemplate` after a one-line notice (once per process)."""
    global _noticed
    found = version("docxtpl")
    if found == PROVED_ON:
        return PreparedTemplate(data, env)
    if not _noticed:
        _noticed = True
        print(NOTICE.format(found=found, proved=PROVED_ON), file=sys.stderr)
    return PlainTemplate(data, env)


# Deflate level of the parts rendered per plan: 3 compresses document.xml 2.5x faster than the
# default 6 for a file about 9 % larger. The fixed parts are compressed once, at the default.
_RENDERED_LEVEL = 3

# String core properties docxtpl renders as Jinja templates (DocxTemplate.render_properties).
_CORE_PROPS = ("author", "comments", "identifier", "language", "subject", "title")


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


class PreparedTemplate:
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
    The result is byte-identical to plain docxtpl's for every part (tests/test_render_fast.py), in a
    zip whose entries have a fixed time and order, so the same Plan always gives the same
    bytes; core properties (created, modified) are the template's, never the clock's.

    Not supported (the nqgen context never holds them): ``InlineImage``, ``RichText`` with
    hyperlinks, picture/media replacement — they change parts this class treats as fixed.
    """

    # document.xml around its body, and the body's start tag alone and under the root
    head: bytes
    tail: bytes
    body_tag: bytes
    body_tag_moved: bytes

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
            tpl.render_properties({}, self.env)
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
                    dst.writestr(zip_info(name), src.read(name))
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
            body: bytes = etree.tostring(tree, encoding="UTF-8")
            if body.startswith(self.body_tag):
                return self.head + self.body_tag_moved + body[len(self.body_tag) :] + self.tail
        self.root.replace(self.root.body, tree)
        whole: bytes = serialize_part_xml(self.root)
        return whole

    def render_parts(
        self, ctx: dict[str, Any], edit_body: EditBody | None = None
    ) -> dict[str, bytes]:
        """The rendered parts (zip name -> bytes), as DocxTemplate.render + save writes them;
        ``edit_body`` is applied to the rendered ``w:body`` before it is saved."""
        tpl = self.tpl
        tpl.docx_ids_index = 1000
        xml = self._fill(self.body, ctx)
        tree = self._fix_tables(xml)
        if "docPr" in xml:  # all fix_docpr_ids touches are wp:docPr elements
            tpl.fix_docpr_ids(tree)
        if edit_body is not None:
            edit_body(tree)
        parts = {"word/document.xml": self._document_xml(tree)}
        for name, template, encoding in self.headers_footers:
            rendered = self._fill(template, ctx).encode(encoding)
            parts[name] = serialize_part_xml(parse_xml(rendered))
        for part, template in self.footnotes:
            part._blob = self._fill(template, ctx).encode("utf-8")
            parts[part.partname.membername] = part.blob
        if self.core_dynamic:
            self.core_part._element = copy.deepcopy(self.core_original)
            tpl.render_properties(ctx, self.env)
            parts[self.core_part.partname.membername] = self.core_part.blob
        return parts

    def render(self, ctx: dict[str, Any], edit_body: EditBody | None = None) -> bytes:
        """The DOCX of ``ctx``: the fixed parts, then the rendered ones (fixed times, order)."""
        parts = self.render_parts(ctx, edit_body)
        out = io.BytesIO(self.prefix)
        with zipfile.ZipFile(out, "a") as z:
            for name in self.dynamic:
                z.writestr(zip_info(name), parts[name], compresslevel=_RENDERED_LEVEL)
        return out.getvalue()


class PlainTemplate:
    """Plain docxtpl: ``DocxTemplate(data).render(ctx)`` and ``save()`` for every document, the
    zip then rewritten with the fixed entry time (the same context gives the same bytes)."""

    def __init__(self, data: bytes, env: SandboxedEnvironment):
        self.data, self.env = data, env
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.render_init()  # a broken package or Jinja tag fails here, as the fast path does
        env.from_string(tpl.patch_xml(tpl.get_xml()))

    def render(self, ctx: dict[str, Any], edit_body: EditBody | None = None) -> bytes:
        tpl = DocxTemplate(io.BytesIO(self.data))
        tpl.render(ctx, jinja_env=self.env, autoescape=True)
        if edit_body is not None:
            edit_body(tpl.docx.element.body)
        saved = io.BytesIO()
        tpl.save(saved)
        return repack_zip(saved.getvalue())
