"""Convert a thuvienphapluat-style markdown export (tnt305/tai_lieu_noi_bo dataset) or a plain
markdown file into plain UTF-8 NFC text: markdown emphasis removed, hard-wrapped paragraph lines
joined, tables flattened one row per line with TAB between cells (nqgen coverage reads TABs).
Wording, spelling and OCR slips are kept as found."""
import re
import sys
import unicodedata

BULLET = re.compile(
    r"^\s*(?:[-+•–]\s|[a-zđ]\)\s|\d+(?:\.\d+)*[.)]\s|[IVX]+[.\-]\s|Phần\s|PHẦN\s|PHỤ LỤC|Phụ lục"
    r"|\(?Kèm theo|\(?Ban hành kèm)"
)


def clean(s: str) -> str:
    s = s.replace("**", "").replace("*", "").replace("\u00a0", " ")
    return s


def _lines(text: str) -> list[str]:
    """The text's lines without fences and rules, markdown list and heading marks plain."""
    lines = []
    for ln in unicodedata.normalize("NFC", text).replace("\r\n", "\n").split("\n"):
        if ln.strip() in ("```", "---"):
            continue
        ln = re.sub(r"^\s*\*\s{2,}", "- ", ln)  # markdown list item "*   x"
        ln = re.sub(r"^\s*#{1,6}\s+", "", ln)  # markdown heading marker
        ln = re.sub(r"^(\d+)\.\s{2,}", r"\1. ", ln)
        lines.append(ln)
    return lines


def _paragraph(para: list[str]) -> list[str]:
    """A paragraph's hard-wrapped lines joined; each bullet starts a line of its own."""
    buf: list[str] = []
    for ln in para:
        t = clean(ln).strip()
        if not t:
            continue
        if buf and not BULLET.match(t):
            buf[-1] = buf[-1] + " " + t
        else:
            buf.append(t)
    return [" ".join(b.split()) for b in buf]


def _cell_text(cell: list[str]) -> str:
    return " ".join(clean(c).strip() for c in cell if clean(c).strip())


def _table(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """The rows of the table whose first "|" line is ``lines[i - 1]``: cells between "|"
    lines, an empty cell (two "|" in a row) ends a row; and where the text goes on."""
    n = len(lines)
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    while i < n:
        s = lines[i].strip()
        if s == "|":
            if cell:
                row.append(_cell_text(cell))
                cell = []
            elif row:
                rows.append(row)
                row = []
            i += 1
            # table ends at "|" followed by a blank line and non-table text
            j = i
            while j < n and not lines[j].strip():
                j += 1
            if j > i and (j >= n or lines[j].strip() != "|") and not cell:
                break  # a blank gap after a cell boundary: end of table
            continue
        cell.append(lines[i])
        i += 1
    if cell:
        row.append(_cell_text(cell))
    if row:
        rows.append(row)
    return rows, i


def convert(text: str) -> str:
    lines = _lines(text)
    out: list[str] = []
    para: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() == "|":
            out.extend(_paragraph(para))
            para.clear()
            rows, i = _table(lines, i + 1)
            for r in rows:
                r = [" ".join(c.split()) for c in r]
                if any(r):
                    out.append("\t".join(r))
            continue
        if not lines[i].strip():
            out.extend(_paragraph(para))
            para.clear()
        else:
            para.append(lines[i])
        i += 1
    out.extend(_paragraph(para))
    res = "\n".join(x.rstrip() for x in out if x.strip()) + "\n"
    return unicodedata.normalize("NFC", res)


if __name__ == "__main__":
    sys.stdout.write(convert(open(sys.argv[1], encoding="utf-8").read()))
