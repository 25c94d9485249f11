"""Read any DOCX into paragraphs with effective formatting (định dạng thực tế của từng đoạn).

The checker judges what Word shows, not what a run happens to carry. A run's effective
properties are resolved, per property, in the order of ECMA-376 Part 1 §17.7.2:
document defaults (``w:docDefaults``) → table style → paragraph style (``w:basedOn`` chain) →
character style (``w:basedOn`` chain) → direct run formatting. Toggle properties (bold, italic,
caps, hidden) follow §17.7.3: direct formatting is absolute; across the table, paragraph and
character style levels the values toggle (an odd number of ``on`` is ``on``). Theme fonts
(``w:asciiTheme``) resolve through ``word/theme/theme1.xml`` and are flagged as theme-based.

Paragraph properties resolve docDefaults → table style → paragraph style chain → numbering
level → direct ``w:pPr``, attribute by attribute for ``w:ind`` and ``w:spacing``.

Everything is read with lxml from the raw XML (no python-docx objects), styles are parsed once
per document, and resolved style combinations are cached, so a plan takes milliseconds.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import etree

from nqgen.check.findings import CheckError, Location
from nqgen.check.package import Package, PackageNotes
from nqgen.check.text import excerpt, nfc
from nqgen.check.units import TO_TWIPS, emu_to_twips

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
V_NS = "urn:schemas-microsoft-com:vml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {"w": W, "r": R_NS, "a": A_NS, "wp": WP_NS, "v": V_NS, "mc": MC_NS}

REL_OFFICE_DOC = "/officeDocument"
REL_STYLES = "/styles"
REL_THEME = "/theme"
REL_NUMBERING = "/numbering"
REL_HEADER = "/header"
REL_FOOTER = "/footer"
REL_SETTINGS = "/settings"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML element or attribute (``w:tag``)."""
    return f"{{{W}}}{tag}"


_W_VAL = w("val")
_TAG_P, _TAG_R, _TAG_T, _TAG_TBL = w("p"), w("r"), w("t"), w("tbl")
_TAG_TR, _TAG_TC, _TAG_SDT = w("tr"), w("tc"), w("sdt")
_TAG_SECTPR, _TAG_PPR, _TAG_RPR = w("sectPr"), w("pPr"), w("rPr")
_TAG_TAB, _TAG_BR, _TAG_CR, _TAG_NBH = w("tab"), w("br"), w("cr"), w("noBreakHyphen")
_TAG_FLDCHAR, _TAG_INSTR, _TAG_FLDSIMPLE = w("fldChar"), w("instrText"), w("fldSimple")
_TAG_RSTYLE, _TAG_PSTYLE, _TAG_NUMPR = w("rStyle"), w("pStyle"), w("numPr")
_TAG_TXBX, _TAG_DRAWING, _TAG_PICT = w("txbxContent"), w("drawing"), w("pict")
_TAG_TCPR, _TAG_GRIDSPAN, _TAG_TCW, _TAG_TCMAR = w("tcPr"), w("gridSpan"), w("tcW"), w("tcMar")
_TAG_TRPR, _TAG_GRIDBEFORE = w("trPr"), w("gridBefore")
_TAG_CUSTOMXML, _TAG_SDTCONTENT = w("customXml"), w("sdtContent")
_TAG_JC, _TAG_IND, _TAG_SPACING, _TAG_PBDR = w("jc"), w("ind"), w("spacing"), w("pBdr")
_TAG_PBB, _TAG_KEEPNEXT, _TAG_TABS = w("pageBreakBefore"), w("keepNext"), w("tabs")
_STRUCTURAL = ("pstyle", "numpr", "sectpr", "rstyle")
_TAG_ALTCONTENT, _TAG_CHOICE = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice"
_ATTR_FLDTYPE, _ATTR_INSTR, _ATTR_TYPE, _ATTR_W = (
    w("fldCharType"),
    w("instr"),
    w("type"),
    w("w"),
)


_RUNS_IN_TXBX_XP = etree.XPath(".//w:r[not(ancestor::w:txbxContent)]", namespaces=NS)
_DRAW_XP = etree.XPath(
    ".//wp:inline[not(ancestor::mc:Fallback)] | .//wp:anchor[not(ancestor::mc:Fallback)]",
    namespaces=NS,
)
_VML_XP = etree.XPath(
    ".//v:line[not(ancestor::mc:Choice)] | .//v:shape[not(ancestor::mc:Choice)]"
    " | .//v:rect[not(ancestor::mc:Choice)]",
    namespaces=NS,
)
_PRST_XP = etree.XPath(".//a:prstGeom/@prst", namespaces=NS)

_UNIT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in|pc|pi)?\s*$")


# --------------------------------------------------------------------------- value parsing


def twips(value: str | None) -> int | None:
    """A length attribute in twips (dxa); accepts the ``12pt``/``1cm`` forms of strict OOXML."""
    if value is None:
        return None
    if value.isdigit():
        return int(value)
    m = _UNIT.match(value)
    if not m:
        return None
    number, unit = float(m.group(1)), m.group(2)
    return round(number * TO_TWIPS[unit])


def half_points(value: str | None) -> float | None:
    """A ``w:sz`` value (half-points) as points."""
    if value is None:
        return None
    if value.isdigit():
        return int(value) / 2.0
    m = _UNIT.match(value)
    if not m:
        return None
    number = float(m.group(1))
    return number if m.group(2) == "pt" else number / 2.0


def on_off(el: etree._Element) -> bool:
    """An ``ST_OnOff`` element: present without ``w:val`` means on."""
    val = el.get(_W_VAL)
    return val is None or val.lower() not in ("0", "false", "off", "none")


# --------------------------------------------------------------------------- run properties

_TOGGLES = ("b", "i", "caps", "vanish", "strike")
_FONT_SLOTS = ("ascii", "hAnsi")


@dataclass(frozen=True, slots=True)
class RunProps:
    """Effective run properties (định dạng ký tự thực tế).

    ``font``/``font_hansi`` are the resolved family names of the ASCII and high-ANSI slots (the
    slots Vietnamese text uses); ``font_theme`` names the theme slot (``minorHAnsi``) when the
    font came from the theme. ``size`` is in points.
    """

    font: str | None = None
    font_hansi: str | None = None
    font_theme: str | None = None
    size: float | None = None
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    hidden: bool = False
    strike: bool = False
    color: str | None = None


def _parse_rpr(rpr: etree._Element | None) -> dict[str, Any]:
    """The properties one ``w:rPr`` sets (a partial layer)."""
    out: dict[str, Any] = {}
    if rpr is None:
        return out
    for child in rpr:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith("{" + W):
            continue
        local = tag[len(W) + 2 :]
        if local == "rStyle":
            out["rstyle"] = child.get(_W_VAL)
        elif local == "rFonts":
            for slot in _FONT_SLOTS:
                theme = child.get(w(slot + "Theme"))
                if theme:
                    out["font_" + slot] = ("theme", theme)
                elif child.get(w(slot)):
                    out["font_" + slot] = ("name", child.get(w(slot)))
        elif local == "sz":
            size = half_points(child.get(_W_VAL))
            if size is not None:
                out["size"] = size
        elif local in _TOGGLES:
            out[local] = on_off(child)
        elif local == "u":
            val = child.get(_W_VAL)
            out["u"] = val is not None and val.lower() != "none"
        elif local == "color":
            val = child.get(_W_VAL)
            if val:
                out["color"] = val
    return out


# --------------------------------------------------------------------------- paragraph props


@dataclass(frozen=True, slots=True)
class ParaProps:
    """Effective paragraph properties (định dạng đoạn thực tế); lengths in twips.

    ``first_line`` is positive for a first-line indent and negative for a hanging indent.
    ``line_rule`` is ``auto`` (``line`` in 240ths of a line), ``exact`` or ``atLeast``
    (``line`` in twips).
    """

    jc: str = "left"
    ind_left: int = 0
    ind_right: int = 0
    first_line: int = 0
    before: int = 0
    after: int = 0
    line: int = 240
    line_rule: str = "auto"
    border_bottom: bool = False
    border_top: bool = False
    page_break_before: bool = False
    keep_next: bool = False
    center_tab: bool = False  # a centre tab stop (a page number centred with a tab)


_JC_ALIAS = {"start": "left", "end": "right"}


def _parse_ppr(ppr: etree._Element | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if ppr is None:
        return out
    for child in ppr:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == _TAG_PSTYLE:
            out["pstyle"] = child.get(_W_VAL)
        elif tag == _TAG_NUMPR:
            out["numpr"] = child
        elif tag == _TAG_SECTPR:
            out["sectpr"] = child
        elif tag == _TAG_JC:
            val = child.get(_W_VAL) or "left"
            out["jc"] = _JC_ALIAS.get(val, val)
        elif tag == _TAG_IND:
            for attr, key in (("left", "ind_left"), ("start", "ind_left"),
                              ("right", "ind_right"), ("end", "ind_right")):  # fmt: skip
                v = twips(child.get(w(attr)))
                if v is not None:
                    out[key] = v
            first = twips(child.get(w("firstLine")))
            hanging = twips(child.get(w("hanging")))
            if hanging is not None:
                out["first_line"] = -hanging
            elif first is not None:
                out["first_line"] = first
        elif tag == _TAG_SPACING:
            for attr, key in (("before", "before"), ("after", "after"), ("line", "line")):
                v = twips(child.get(w(attr)))
                if v is not None:
                    out[key] = v
            rule = child.get(w("lineRule"))
            if rule:
                out["line_rule"] = rule
            elif "line" in out:
                out["line_rule"] = "auto"
        elif tag == _TAG_TABS:
            out["center_tab"] = any(t.get(_W_VAL) == "center" for t in child)
        elif tag == _TAG_PBB:
            out["page_break_before"] = on_off(child)
        elif tag == _TAG_KEEPNEXT:
            out["keep_next"] = on_off(child)
        elif tag == _TAG_PBDR:
            for side in ("bottom", "top"):
                el = child.find(w(side))
                if el is not None:
                    val = (el.get(_W_VAL) or "none").lower()
                    out["border_" + side] = val not in ("none", "nil")
    return out


def _layer(parsed: dict[str, Any]) -> dict[str, Any]:
    """A style-level layer: the parsed properties without the structural references
    (paragraph/character style, numbering, section) that only direct formatting uses."""
    for key in _STRUCTURAL:
        parsed.pop(key, None)
    return parsed


# --------------------------------------------------------------------------- styles


@dataclass(slots=True)
class _Style:
    style_id: str
    kind: str
    based_on: str | None
    rpr: dict[str, Any]
    ppr: dict[str, Any]
    cell_margins: dict[str, int]


class StyleSheet:
    """``word/styles.xml`` parsed once: styles, basedOn chains, defaults and the theme fonts."""

    def __init__(
        self,
        styles_root: etree._Element | None,
        theme_fonts: dict[str, str],
        numbering: dict[tuple[str, str], dict[str, Any]] | None = None,
    ) -> None:
        self.theme_fonts = theme_fonts
        self.numbering = numbering or {}
        self.styles: dict[str, _Style] = {}
        self.defaults: dict[str, str] = {}
        self.doc_rpr: dict[str, Any] = {}
        self.doc_ppr: dict[str, Any] = {}
        self._chain_cache: dict[tuple[str, str], dict[str, Any]] = {}
        self._base_cache: dict[tuple[str | None, str | None, str | None], dict[str, Any]] = {}
        self._ppr_cache: dict[tuple[str | None, str | None], dict[str, Any]] = {}
        self._props_cache: dict[tuple[Any, ...], RunProps] = {}
        self._para_cache: dict[tuple[Any, ...], ParaProps] = {}
        if styles_root is None:
            return
        defaults = styles_root.find(w("docDefaults"))
        if defaults is not None:
            self.doc_rpr = _layer(_parse_rpr(defaults.find(f"{w('rPrDefault')}/{_TAG_RPR}")))
            self.doc_ppr = _layer(_parse_ppr(defaults.find(f"{w('pPrDefault')}/{_TAG_PPR}")))
        for st in styles_root.iterfind(w("style")):
            sid = st.get(w("styleId"))
            if not sid:
                continue
            kind = st.get(w("type")) or "paragraph"
            based = st.find(w("basedOn"))
            margins: dict[str, int] = {}
            mar = st.find(f"{w('tblPr')}/{w('tblCellMar')}")
            if mar is not None:
                margins = _cell_margins(mar)
            self.styles[sid] = _Style(
                sid,
                kind,
                based.get(_W_VAL) if based is not None else None,
                _layer(_parse_rpr(st.find(_TAG_RPR))),
                _layer(_parse_ppr(st.find(_TAG_PPR))),
                margins,
            )
            if on_off_attr(st.get(w("default"))):
                self.defaults.setdefault(kind, sid)

    # -- chains

    def _chain(self, style_id: str | None, what: str) -> dict[str, Any]:
        """The merged layer of a style and its basedOn ancestors (nearest wins)."""
        if not style_id:
            return {}
        key = (style_id, what)
        cached = self._chain_cache.get(key)
        if cached is not None:
            return cached
        chain: list[_Style] = []
        seen: set[str] = set()
        sid: str | None = style_id
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            chain.append(self.styles[sid])
            sid = self.styles[sid].based_on
        merged: dict[str, Any] = {}
        for st in reversed(chain):
            if what == "rpr":
                merged.update(st.rpr)
            elif what == "ppr":
                merged.update(st.ppr)
            else:
                merged.update(st.cell_margins)
        self._chain_cache[key] = merged
        return merged

    def para_style(self, style_id: str | None) -> str | None:
        if style_id and style_id in self.styles:
            return style_id
        return self.defaults.get("paragraph")

    def table_style(self, style_id: str | None) -> str | None:
        if style_id and style_id in self.styles:
            return style_id
        return self.defaults.get("table")

    def char_style(self, style_id: str | None) -> str | None:
        if style_id and style_id in self.styles:
            return style_id
        return None

    def cell_margins(self, table_style: str | None) -> dict[str, int]:
        return self._chain(self.table_style(table_style), "mar")

    def base_run(
        self, table_style: str | None, para_style: str | None, char_style: str | None
    ) -> dict[str, Any]:
        """Effective run layer before direct formatting, for a style combination (cached)."""
        key = (table_style, para_style, char_style)
        cached = self._base_cache.get(key)
        if cached is not None:
            return cached
        levels = [
            self._chain(self.table_style(table_style), "rpr") if table_style is not None else {},
            self._chain(self.para_style(para_style), "rpr"),
            self._chain(self.char_style(char_style), "rpr"),
        ]
        merged = dict(self.doc_rpr)
        for level in levels:
            for k, v in level.items():
                if k not in _TOGGLES:
                    merged[k] = v
        for t in _TOGGLES:
            set_levels = [lv[t] for lv in levels if t in lv]
            if set_levels:
                merged[t] = sum(1 for v in set_levels if v) % 2 == 1
        self._base_cache[key] = merged
        return merged

    def run_props(
        self,
        table_style: str | None,
        para_style: str | None,
        char_style: str | None,
        direct: dict[str, Any],
    ) -> RunProps:
        """Effective properties of a run (cached per style combination and direct layer)."""
        key = (table_style, para_style, char_style, tuple(direct.items()))
        cached = self._props_cache.get(key)
        if cached is None:
            base = self.base_run(table_style, para_style, char_style)
            cached = self._props_cache[key] = self.resolve_run(base, direct)
        return cached

    def resolve_run(self, base: dict[str, Any], direct: dict[str, Any]) -> RunProps:
        layer = {**base, **direct} if direct else base
        font, theme = self._font(layer.get("font_ascii"))
        hansi, theme_h = self._font(layer.get("font_hAnsi"))
        if hansi is None and theme_h is None:
            hansi = font  # Word sets Vietnamese letters in the ASCII font when hAnsi is unset
        return RunProps(
            font=font,
            font_hansi=hansi,
            font_theme=theme or theme_h,
            size=layer.get("size"),
            bold=bool(layer.get("b", False)),
            italic=bool(layer.get("i", False)),
            underline=bool(layer.get("u", False)),
            caps=bool(layer.get("caps", False)),
            hidden=bool(layer.get("vanish", False)),
            strike=bool(layer.get("strike", False)),
            color=layer.get("color"),
        )

    def _font(self, value: tuple[str, str] | None) -> tuple[str | None, str | None]:
        if value is None:
            return None, None
        kind, name = value
        if kind == "theme":
            group = "major" if name.startswith("major") else "minor"
            return self.theme_fonts.get(group), name
        return name, None

    def para_props(
        self,
        table_style: str | None,
        para_style: str | None,
        num_layer: dict[str, Any],
        direct: dict[str, Any],
    ) -> ParaProps:
        """Effective paragraph properties (cached per style combination and direct layer)."""
        key = (table_style, para_style, tuple(num_layer.items()), tuple(direct.items()))
        cached = self._para_cache.get(key)
        if cached is None:
            base = self.base_para(table_style, para_style)
            cached = self._para_cache[key] = ParaProps(**{**base, **num_layer, **direct})
        return cached

    def base_para(self, table_style: str | None, para_style: str | None) -> dict[str, Any]:
        key = (table_style, para_style)
        cached = self._ppr_cache.get(key)
        if cached is not None:
            return cached
        merged = dict(self.doc_ppr)
        if table_style is not None:
            merged.update(self._chain(self.table_style(table_style), "ppr"))
        merged.update(self._chain(self.para_style(para_style), "ppr"))
        self._ppr_cache[key] = merged
        return merged


def on_off_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


def _cell_margins(mar: etree._Element) -> dict[str, int]:
    out: dict[str, int] = {}
    for side, key in (("left", "left"), ("start", "left"), ("right", "right"), ("end", "right")):
        el = mar.find(w(side))
        if el is not None:
            v = twips(el.get(w("w")))
            if v is not None:
                out[key] = v
    return out


def _theme_fonts(root: etree._Element | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if root is None:
        return out
    for group in ("major", "minor"):
        el = root.find(f".//{{{A_NS}}}{group}Font/{{{A_NS}}}latin")
        if el is not None and el.get("typeface"):
            out[group] = el.get("typeface") or ""
    return out


def _numbering(root: etree._Element | None) -> dict[tuple[str, str], dict[str, Any]]:
    """(numId, ilvl) → the level's paragraph layer (its ``w:ind``), with level overrides."""
    if root is None:
        return {}
    abstract: dict[str, dict[str, dict[str, Any]]] = {}
    for ab in root.iterfind(w("abstractNum")):
        levels: dict[str, dict[str, Any]] = {}
        for lvl in ab.iterfind(w("lvl")):
            levels[lvl.get(w("ilvl")) or "0"] = _layer(_parse_ppr(lvl.find(_TAG_PPR)))
        abstract[ab.get(w("abstractNumId")) or ""] = levels
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for num in root.iterfind(w("num")):
        num_id = num.get(w("numId")) or ""
        ref = num.find(w("abstractNumId"))
        levels = dict(abstract.get(ref.get(_W_VAL) or "" if ref is not None else "", {}))
        for ov in num.iterfind(w("lvlOverride")):
            lvl = ov.find(w("lvl"))
            if lvl is not None:
                levels[ov.get(w("ilvl")) or "0"] = _layer(_parse_ppr(lvl.find(_TAG_PPR)))
        for ilvl, layer in levels.items():
            out[(num_id, ilvl)] = layer
    return out


# --------------------------------------------------------------------------- document model


@dataclass(slots=True)
class Run:
    """A run of text (đoạn ký tự) with its effective properties.

    ``field`` is set for runs that belong to a field (``PAGE``…): their text is the field
    result Word shows.
    """

    text: str
    props: RunProps
    field: bool = False


@dataclass(slots=True)
class CellRef:
    """A table cell position (1-based) and the width available to its text (twips)."""

    table: int
    row: int
    col: int
    text_width: int | None
    cell_key: int  # unique per cell in the document
    single: bool = False  # the only cell of its table (a frame around text)


@dataclass(slots=True, eq=False)
class Para:
    """A paragraph (đoạn văn) in reading order, with text, runs and effective properties.

    ``text`` is the NFC text Word prints: hidden runs (``w:vanish``) are left out, field
    results included, field codes excluded.
    """

    order: int
    part: str
    part_name: str
    section: int
    text: str
    runs: list[Run]
    props: ParaProps
    style_id: str | None
    cell: CellRef | None = None
    body_index: int | None = None
    cell_para: int | None = None
    fields: list[str] = field(default_factory=list)
    lines: list[float] = field(default_factory=list)
    numbered: bool = False
    ends_section: bool = False
    line_no: int | None = None
    page_break: bool = False  # the paragraph holds a manual page break (Ctrl+Enter)

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def shown(self) -> str:
        """The text as displayed: runs with ``w:caps`` shown in capitals."""
        return "".join(r.text.upper() if r.props.caps else r.text for r in self.runs)

    def visible_runs(self) -> list[Run]:
        """Runs with printable text, hidden ones excluded."""
        return [r for r in self.runs if r.text.strip() and not r.props.hidden]

    def split(self, separator: str = "\n", keep_empty: bool = True) -> list[Para]:
        """The paragraph cut at manual line breaks (``w:br``; Shift+Enter) or another separator
        (a tab in a header built with tabs), as virtual paragraphs numbered by ``line_no``.

        Each piece keeps the runs' formatting; only the last piece keeps the paragraph's bottom
        border and line shapes (they are drawn under the whole paragraph).
        """
        if separator not in self.text:
            return [self]
        pieces: list[list[Run]] = [[]]
        for run in self.runs:
            for i, text in enumerate(run.text.split(separator)):
                if i:
                    pieces.append([])
                if text:
                    pieces[-1].append(Run(text, run.props, run.field))
        out: list[Para] = []
        last = len(pieces) - 1
        for n, runs in enumerate(pieces):
            text = "".join(r.text for r in runs if not r.props.hidden)
            if not keep_empty and not text.strip():
                continue
            props = self.props if n == last else replace(self.props, border_bottom=False)
            out.append(
                replace(
                    self,
                    text=text,
                    runs=runs,
                    props=props,
                    lines=self.lines if n == last else [],
                    ends_section=self.ends_section and n == last,
                    line_no=n + 1,
                )
            )
        return out or [self]

    def has_field(self, name: str) -> bool:
        return any(re.match(rf"\s*{name}\b", f, re.I) for f in self.fields)

    def location(self, section_index: int | None = None) -> Location:
        sec = self.section + 1 if self.part == "body" else section_index
        if self.cell is not None:
            return Location(
                section=sec,
                part=self.part,
                part_name=self.part_name if self.part != "body" else "",
                paragraph=self.cell_para,
                table=self.cell.table,
                row=self.cell.row,
                cell=self.cell.col,
                line=self.line_no,
                excerpt=excerpt(self.text),
            )
        return Location(
            section=sec,
            part=self.part,
            part_name=self.part_name if self.part != "body" else "",
            paragraph=self.body_index,
            line=self.line_no,
            excerpt=excerpt(self.text),
        )


@dataclass(slots=True, eq=False)
class Table:
    """A table (bảng): its number, section, rows and whether row 1 repeats as header row."""

    index: int
    section: int
    rows: int
    cols: int
    first_row_header: bool
    paras: list[Para] = field(default_factory=list, repr=False)
    nested: bool = False
    first_para_order: int = 0
    split_header_rows: list[int] = field(default_factory=list)  # tblHeader rows without cantSplit

    def location(self) -> Location:
        first = next((p.text for p in self.paras if p.text.strip()), "")
        return Location(
            section=self.section + 1, table=self.index, row=1, cell=1, excerpt=excerpt(first)
        )


@dataclass(slots=True, eq=False)
class Section:
    """A document section (mục/section): page set-up, headers, footers and its paragraphs."""

    index: int
    width: int | None
    height: int | None
    orient: str
    top: int | None
    bottom: int | None
    left: int | None
    right: int | None
    header_distance: int | None
    title_pg: bool
    page_start: int | None
    page_fmt: str | None
    header_refs: dict[str, str]
    footer_refs: dict[str, str]
    start: str = "nextPage"  # how the section begins (w:type): nextPage, continuous, …
    headers: dict[str, str] = field(default_factory=dict)  # effective, after inheritance
    footers: dict[str, str] = field(default_factory=dict)
    paras: list[Para] = field(default_factory=list, repr=False)
    tables: list[Table] = field(default_factory=list, repr=False)

    @property
    def landscape(self) -> bool:
        if self.width and self.height:
            return self.width > self.height
        return self.orient == "landscape"

    @property
    def text_width(self) -> int | None:
        if self.width is None:
            return None
        return self.width - (self.left or 0) - (self.right or 0)

    def location(self) -> Location:
        return Location(section=self.index + 1, part="page")


class DocxModel:
    """A DOCX read for checking: sections, body paragraphs (tables included), headers, footers.

    Build it with :meth:`load` from a path or bytes; raises :class:`CheckError` with a
    Vietnamese message when the file is not a readable DOCX.
    """

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.paras: list[Para] = []
        self.tables: list[Table] = []
        self.parts: dict[str, list[Para]] = {}  # header/footer part name → paragraphs
        self.styles: StyleSheet = StyleSheet(None, {})
        self.creator = ""  # dc:creator of the core properties ("nqgen" for nqgen's plans)
        self._cell_counter = 0
        self._table_counter = 0
        self._body_counter = 0
        self.notes = PackageNotes()
        self.pages_saved: int | None = None  # page count Word saved in docProps/app.xml
        self.even_odd = False  # w:evenAndOddHeaders: even-page headers and footers are used
        self.elements: list[etree._Element] | None = None  # see load(keep_elements=True)
        self.trees: dict[str, etree._Element] = {}
        self.main_part = "word/document.xml"
        self.styles_part = "word/styles.xml"

    # -- loading

    @classmethod
    def load(
        cls, source: str | Path | bytes, name: str | None = None, *, keep_elements: bool = False
    ) -> DocxModel:
        """Read ``source`` (a path or the bytes of a DOCX).

        Raises :class:`CheckError` (Vietnamese message) when it is not a readable DOCX, is too
        large once decompressed, or declares a DTD (see :mod:`nqgen.check.package`). With
        ``keep_elements`` the ``w:p`` element of each body paragraph is kept in
        :attr:`elements` (index = ``Para.order``) and the parsed parts in :attr:`trees`, for
        the fixer; the checker itself keeps no XML once the model is built.
        """
        label = name or (str(source) if not isinstance(source, bytes) else "(dữ liệu)")
        model = cls()
        if keep_elements:
            model.elements = []
        with Package(source, label) as pkg:
            try:
                model._read(pkg, keep_elements)
            except CheckError:
                raise
            except (zipfile.BadZipFile, EOFError, OSError, zlib.error, KeyError):
                raise CheckError(
                    f"Tệp {label} bị hỏng (tệp nén zip bị cắt cụt hoặc lỗi dữ liệu); hãy mở "
                    "bằng Word/LibreOffice và lưu lại dưới dạng .docx."
                ) from None
        return model

    def _read(self, pkg: Package, keep: bool) -> None:
        names = pkg.names
        main = pkg.main
        rels = pkg.rels(main)
        if "docProps/core.xml" in names:
            creator = pkg.xml("docProps/core.xml").find(f"{{{DC_NS}}}creator")
            self.creator = (creator.text or "").strip() if creator is not None else ""
        styles_path = _rel_target(rels, REL_STYLES) or "word/styles.xml"
        theme_path = _rel_target(rels, REL_THEME) or "word/theme/theme1.xml"
        numbering_path = _rel_target(rels, REL_NUMBERING) or "word/numbering.xml"
        settings_path = _rel_target(rels, REL_SETTINGS) or "word/settings.xml"
        styles_root = pkg.xml(styles_path) if styles_path in names else None
        theme_root = pkg.xml(theme_path) if theme_path in names else None
        numbering_root = pkg.xml(numbering_path) if numbering_path in names else None
        settings_root = pkg.xml(settings_path) if settings_path in names else None
        self.styles = StyleSheet(styles_root, _theme_fonts(theme_root), _numbering(numbering_root))
        doc = pkg.xml(main)
        body = doc.find(w("body"))
        if body is None:
            raise CheckError(
                f"Tệp {pkg.label} bị hỏng: {main} không có phần thân (w:body); hãy mở bằng "
                "Word/LibreOffice và lưu lại dưới dạng .docx."
            )
        self.notes = pkg.notes(doc, settings_root)
        even_odd = settings_root.find(w("evenAndOddHeaders")) if settings_root is not None else None
        self.even_odd = even_odd is not None and on_off(even_odd)
        self.pages_saved = _saved_pages(pkg)
        if keep:
            self.trees = {main: doc}
            if styles_root is not None:
                self.trees[styles_path] = styles_root
            self.main_part, self.styles_part = main, styles_path
        self._read_body(body)
        kinds: dict[str, str] = {}
        targets: dict[str, str] = {}
        for rid, (typ, target) in rels.items():
            if typ.endswith(REL_HEADER) or typ.endswith(REL_FOOTER):
                targets[rid] = target
                kinds[target] = "header" if typ.endswith(REL_HEADER) else "footer"
        self._resolve_headers(targets)
        for part, kind in sorted(kinds.items()):
            if part in names:
                root = pkg.xml(part)
                if keep:
                    self.trees[part] = root
                self.parts[part] = self._read_part(root, kind, part)

    # -- body

    def _read_body(self, body: etree._Element) -> None:
        self._pending: list[Para] = []
        self._pending_tables: list[Table] = []
        self._blocks(body, None, None, None)
        self._close_section(body.find(_TAG_SECTPR))

    def _close_section(self, sect: etree._Element | None) -> None:
        index = len(self.sections)
        section = _parse_section(sect, index)
        section.paras, section.tables = self._pending, self._pending_tables
        for p in section.paras:
            p.section = index
        for t in section.tables:
            t.section = index
        self.sections.append(section)
        self._pending, self._pending_tables = [], []

    def _blocks(
        self,
        parent: etree._Element,
        cell: CellRef | None,
        table_style: str | None,
        table: Table | None,
    ) -> None:
        """Read block-level content in reading order (paragraphs, tables, content controls).

        ``table_style`` is ``None`` outside tables and the table's style id (``""`` for the
        default table style) inside; ``table`` collects the paragraphs of its cells.
        """
        cell_para = 0
        for child in parent:
            tag = child.tag
            if tag == _TAG_P:
                para = self._para(child, cell, table_style, "body", "")
                if cell is not None:
                    cell_para += 1
                    para.cell_para = cell_para
                    if table is not None:
                        table.paras.append(para)
                else:
                    self._body_counter += 1
                    para.body_index = self._body_counter
                self._pending.append(para)
                if para.ends_section and cell is None:
                    self._close_section(child.find(f"{_TAG_PPR}/{_TAG_SECTPR}"))
            elif tag == _TAG_TBL:
                self._table(child, table)
            elif tag == _TAG_SDT or tag == _TAG_CUSTOMXML:
                content = child.find(_TAG_SDTCONTENT) if tag == _TAG_SDT else child
                if content is not None:
                    self._blocks(content, cell, table_style, table)
            elif tag == _TAG_ALTCONTENT:
                choice = child.find(_TAG_CHOICE)
                if choice is not None:
                    self._blocks(choice, cell, table_style, table)

    def _table(self, tbl: etree._Element, outer: Table | None) -> None:
        self._table_counter += 1
        index = self._table_counter
        tbl_pr = tbl.find(w("tblPr"))
        style_el = tbl_pr.find(w("tblStyle")) if tbl_pr is not None else None
        style_id = style_el.get(_W_VAL) if style_el is not None else None
        margins = dict(self.styles.cell_margins(style_id))
        if tbl_pr is not None:
            mar = tbl_pr.find(w("tblCellMar"))
            if mar is not None:
                margins.update(_cell_margins(mar))
        grid = [twips(g.get(_ATTR_W)) or 0 for g in tbl.iterfind(f"{w('tblGrid')}/{w('gridCol')}")]
        table_pad = margins.get("left", 108) + margins.get("right", 108)
        rows = list(_iter_rows(tbl))
        first_header = False
        if rows:
            trpr = rows[0].find(_TAG_TRPR)
            hdr = trpr.find(w("tblHeader")) if trpr is not None else None
            first_header = hdr is not None and on_off(hdr)
        cells = [list(_iter_cells(row)) for row in rows]
        single = len(rows) == 1 and len(cells[0]) == 1
        table = Table(index, 0, len(rows), len(grid), first_header, nested=outer is not None)
        table.split_header_rows = [
            r_i
            for r_i, row in enumerate(rows, start=1)
            if _row_flag(row, "tblHeader") and not _row_flag(row, "cantSplit")
        ]
        self._pending_tables.append(table)
        table_style = style_id or ""
        for r_i, row in enumerate(rows, start=1):
            grid_pos = 0
            trpr = row.find(_TAG_TRPR)
            if trpr is not None:
                before = trpr.find(_TAG_GRIDBEFORE)
                if before is not None:
                    grid_pos += int(before.get(_W_VAL) or 0)
            for c_i, tc in enumerate(cells[r_i - 1], start=1):
                span = 1
                width: int | None = None
                pad = table_pad
                tcpr = tc[0] if len(tc) else None
                if tcpr is not None and tcpr.tag == _TAG_TCPR:
                    for prop in tcpr:
                        tag = prop.tag
                        if tag == _TAG_GRIDSPAN:
                            span = max(1, int(prop.get(_W_VAL) or 1))
                        elif tag == _TAG_TCW:
                            if prop.get(_ATTR_TYPE) in (None, "dxa"):
                                width = twips(prop.get(_ATTR_W))
                        elif tag == _TAG_TCMAR:
                            own = {**margins, **_cell_margins(prop)}
                            pad = own.get("left", 108) + own.get("right", 108)
                if grid and grid_pos + span <= len(grid):
                    grid_width = sum(grid[grid_pos : grid_pos + span])
                    if grid_width:
                        width = grid_width
                grid_pos += span
                self._cell_counter += 1
                ref = CellRef(
                    index, r_i, c_i, width - pad if width else None, self._cell_counter, single
                )
                self._blocks(tc, ref, table_style, table)
        self.tables.append(table)
        if table.paras:
            table.first_para_order = table.paras[0].order

    def _para(
        self,
        p: etree._Element,
        cell: CellRef | None,
        table_style: str | None,
        part: str,
        part_name: str,
    ) -> Para:
        first = p[0] if len(p) else None
        ppr = first if first is not None and first.tag == _TAG_PPR else None
        style_id, props, numbered, ends_section = self._para_layer(ppr, table_style)
        runs, fields, page_break = self._runs(p, table_style, style_id)
        text = nfc_keep("".join(r.text for r in runs if not r.props.hidden))
        para = Para(
            order=len(self.paras) if part == "body" else 0,
            part=part,
            part_name=part_name,
            section=0,
            text=text,
            runs=runs,
            props=props,
            style_id=style_id,
            cell=cell,
            fields=fields,
            lines=_line_shapes(p),
            numbered=numbered,
            ends_section=ends_section,
            page_break=page_break,
        )
        if part == "body":
            self.paras.append(para)
            if self.elements is not None:
                self.elements.append(p)
        return para

    def _para_layer(
        self, ppr: etree._Element | None, table_style: str | None
    ) -> tuple[str | None, ParaProps, bool, bool]:
        """(style id, effective properties, numbered, ends a section) of one ``w:pPr``."""
        if ppr is None:
            return None, self.styles.para_props(table_style, None, {}, {}), False, False
        direct = _parse_ppr(ppr)
        style_id = direct.pop("pstyle", None)
        num = direct.pop("numpr", None)
        ends_section = direct.pop("sectpr", None) is not None
        numbered = False
        num_layer: dict[str, Any] = {}
        if num is not None:
            nid = num.find(w("numId"))
            lvl = num.find(w("ilvl"))
            num_id = nid.get(_W_VAL) if nid is not None else None
            if num_id and num_id != "0":
                numbered = True
                num_layer = self.styles.numbering.get(
                    (num_id, (lvl.get(_W_VAL) if lvl is not None else None) or "0"), {}
                )
        props = self.styles.para_props(table_style, style_id, num_layer, direct)
        return style_id, props, numbered, ends_section

    def _runs(
        self, p: etree._Element, table_style: str | None, para_style: str | None
    ) -> tuple[list[Run], list[str], bool]:
        runs: list[Run] = []
        page_break = False
        fields: list[str] = []
        special = {el.tag for el in p.iter(_TAG_TXBX, _TAG_FLDSIMPLE)}
        has_textbox = _TAG_TXBX in special
        if _TAG_FLDSIMPLE in special:
            fields = [
                fs.get(_ATTR_INSTR) or ""
                for fs in p.iter(_TAG_FLDSIMPLE)
                if not has_textbox or not any(a.tag == _TAG_TXBX for a in fs.iterancestors())
            ]
        depth = 0
        instr: list[str] = []
        pending = False
        styles = self.styles
        plain = styles.run_props(table_style, para_style, None, {})
        for r in _RUNS_IN_TXBX_XP(p) if has_textbox else p.iter(_TAG_R):
            first = r[0] if len(r) else None
            if first is None or first.tag != _TAG_RPR:
                props = plain
            else:
                direct = _parse_rpr(first)
                char_style = direct.pop("rstyle", None)
                props = styles.run_props(table_style, para_style, char_style, direct)
            parts: list[str] = []
            in_field = depth > 0
            for child in r:
                tag = child.tag
                if tag == _TAG_T:
                    parts.append(child.text or "")
                elif tag == _TAG_TAB:
                    parts.append("\t")
                elif tag == _TAG_BR or tag == _TAG_CR:
                    if child.get(_ATTR_TYPE) == "page":
                        page_break = True
                    else:
                        parts.append("\n")
                elif tag == _TAG_NBH:
                    parts.append("-")
                elif tag == _TAG_FLDCHAR:
                    in_field = True
                    typ = child.get(_ATTR_FLDTYPE)
                    if typ == "begin":
                        depth += 1
                        instr = []
                        pending = True
                    elif typ in ("separate", "end") and pending:
                        fields.append("".join(instr))
                        pending = False
                    if typ == "end":
                        depth = max(0, depth - 1)
                elif tag == _TAG_INSTR:
                    in_field = True
                    instr.append(child.text or "")
            parent = r.getparent()
            if parent is not None and parent.tag == _TAG_FLDSIMPLE:
                in_field = True
            runs.append(Run("".join(parts), props, in_field))
        return runs, fields, page_break

    # -- headers / footers

    def _resolve_headers(self, targets: dict[str, str]) -> None:
        current_h: dict[str, str] = {}
        current_f: dict[str, str] = {}
        for sec in self.sections:
            # Word shows even-page headers and footers only with w:evenAndOddHeaders on.
            for typ, rid in sec.header_refs.items():
                if rid in targets and (typ != "even" or self.even_odd):
                    current_h[typ] = targets[rid]
            for typ, rid in sec.footer_refs.items():
                if rid in targets and (typ != "even" or self.even_odd):
                    current_f[typ] = targets[rid]
            sec.headers = dict(current_h)
            sec.footers = dict(current_f)

    def _read_part(self, root: etree._Element, kind: str, name: str) -> list[Para]:
        out: list[Para] = []
        for i, p in enumerate(root.iter(_TAG_P), start=1):
            if any(a.tag == w("txbxContent") for a in p.iterancestors()):
                continue
            para = self._para(p, None, None, kind, posixpath.basename(name))
            para.body_index = i
            out.append(para)
        return out


def nfc_keep(text: str) -> str:
    """NFC without stripping (paragraph text keeps its spaces for the spacing rules)."""
    return unicodedata.normalize("NFC", text)


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children of ``parent`` with ``tag``, also inside content controls and custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (_TAG_SDT, w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == _TAG_SDT else child
            if content is not None:
                yield from (c for c in content if c.tag == tag)


def _row_flag(row: etree._Element, name: str) -> bool:
    """Whether a row property (``w:tblHeader``, ``w:cantSplit``) is on."""
    trpr = row.find(_TAG_TRPR)
    el = trpr.find(w(name)) if trpr is not None else None
    return el is not None and on_off(el)


def _iter_rows(tbl: etree._Element) -> Iterator[etree._Element]:
    return _children(tbl, _TAG_TR)


def _iter_cells(row: etree._Element) -> Iterator[etree._Element]:
    return _children(row, _TAG_TC)


_VML_LEN = re.compile(r"(-?\d+(?:\.\d+)?)(pt|in|mm|cm|px)?")


def _vml_length(value: str) -> float | None:
    """A VML length in twips (default unit: pt for coordinates)."""
    m = _VML_LEN.match(value.strip())
    if not m:
        return None
    number = float(m.group(1))
    return number * TO_TWIPS[m.group(2) or "pt"]


def _line_shapes(p: etree._Element) -> list[float]:
    """Lengths (twips) of horizontal line shapes drawn in the paragraph (đường kẻ)."""
    if next(p.iter(_TAG_DRAWING, _TAG_PICT), None) is None:
        return []
    out: list[float] = []
    for d in _DRAW_XP(p):
        ext = d.find(f"{{{WP_NS}}}extent")
        if ext is None:
            continue
        cx = int(ext.get("cx") or 0)
        cy = int(ext.get("cy") or 0)
        prst = _PRST_XP(d)
        is_line = any(v in ("line", "straightConnector1") for v in prst)
        if cx > 0 and (is_line or cy <= 36000) and cy < cx:
            out.append(emu_to_twips(cx))
    for v in _VML_XP(p):
        local = etree.QName(v).localname
        if local == "line":
            a = (v.get("from") or "0,0").split(",")
            b = (v.get("to") or "0,0").split(",")
            if len(a) >= 2 and len(b) >= 2:
                x1, y1, x2, y2 = (_vml_length(s) for s in (a[0], a[1], b[0], b[1]))
                if None not in (x1, x2, y1, y2):
                    assert x1 is not None and x2 is not None and y1 is not None and y2 is not None
                    if abs(y2 - y1) < abs(x2 - x1):
                        out.append(abs(x2 - x1))
        else:
            style = dict(kv.split(":", 1) for kv in (v.get("style") or "").split(";") if ":" in kv)
            wv = _vml_length(style.get("width", "")) if "width" in style else None
            hv = _vml_length(style.get("height", "0")) if "height" in style else 0.0
            if wv and hv is not None and hv <= 40 and wv > hv:
                out.append(wv)
    return out


def _parse_section(sect: etree._Element | None, index: int) -> Section:
    def attr(el: etree._Element | None, name: str) -> int | None:
        return twips(el.get(w(name))) if el is not None else None

    pg_sz = sect.find(w("pgSz")) if sect is not None else None
    pg_mar = sect.find(w("pgMar")) if sect is not None else None
    title = sect.find(w("titlePg")) if sect is not None else None
    num = sect.find(w("pgNumType")) if sect is not None else None
    header_refs: dict[str, str] = {}
    footer_refs: dict[str, str] = {}
    if sect is not None:
        for ref in sect.iterfind(w("headerReference")):
            header_refs[ref.get(w("type")) or "default"] = ref.get(f"{{{R_NS}}}id") or ""
        for ref in sect.iterfind(w("footerReference")):
            footer_refs[ref.get(w("type")) or "default"] = ref.get(f"{{{R_NS}}}id") or ""
    start = num.get(w("start")) if num is not None else None
    return Section(
        index=index,
        width=attr(pg_sz, "w"),
        height=attr(pg_sz, "h"),
        orient=(pg_sz.get(w("orient")) if pg_sz is not None else None) or "portrait",
        top=attr(pg_mar, "top"),
        bottom=attr(pg_mar, "bottom"),
        left=attr(pg_mar, "left"),
        right=attr(pg_mar, "right"),
        header_distance=attr(pg_mar, "header"),
        title_pg=title is not None and on_off(title),
        page_start=int(start) if start and start.lstrip("-").isdigit() else None,
        page_fmt=num.get(w("fmt")) if num is not None else None,
        header_refs=header_refs,
        footer_refs=footer_refs,
        start=_section_start(sect),
    )


DC_NS = "http://purl.org/dc/elements/1.1/"


def _section_start(sect: etree._Element | None) -> str:
    el = sect.find(w("type")) if sect is not None else None
    return (el.get(_W_VAL) if el is not None else None) or "nextPage"


_EXT_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def _saved_pages(pkg: Package) -> int | None:
    """The page count Word saved in ``docProps/app.xml``, when Word really counted.

    Generators (python-docx, docxtpl) copy a template's ``app.xml`` with ``Pages`` 1 and
    ``Words`` 0; only a count saved beside a non-zero word count is trusted.
    """
    if "docProps/app.xml" not in pkg.names:
        return None
    root = pkg.xml("docProps/app.xml")
    pages = root.findtext(f"{{{_EXT_PROPS}}}Pages")
    words = root.findtext(f"{{{_EXT_PROPS}}}Words")
    if pages and pages.strip().isdigit() and words and words.strip().isdigit():
        if int(words) > 0 and int(pages) > 0:
            return int(pages)
    return None


def _rel_target(rels: dict[str, tuple[str, str]], suffix: str) -> str | None:
    for typ, target in rels.values():
        if typ.endswith(suffix):
            return target
    return None


__all__ = [
    "CellRef",
    "DocxModel",
    "Para",
    "ParaProps",
    "Run",
    "RunProps",
    "Section",
    "StyleSheet",
    "Table",
    "nfc",
    "twips",
]
