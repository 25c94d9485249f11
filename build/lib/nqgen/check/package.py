"""Opening a DOCX package safely (mở tệp DOCX an toàn): bounded sizes, no DTD, Vietnamese errors.

A DOCX is a zip of XML parts. Before anything is decompressed the central directory is read and
the package refused when its parts would expand past :data:`MAX_TOTAL` bytes in all, when a part
larger than :data:`RATIO_FROM` bytes expands more than :data:`MAX_RATIO` times (a "zip bomb": a
3 MB file can hold gigabytes of zeros), or when it has more than :data:`MAX_MEMBERS` parts.
``zipfile`` never reads past a member's declared size, so these checks bound what is read.

XML parts with a document type declaration (``<!DOCTYPE``, ``<!ENTITY``) are refused: Word never
writes one, and entity expansion is the classic way to blow up a parser ("billion laughs").
A Word 97-2003 ``.doc`` (an OLE2 compound file) is recognised by its signature and the user told
to save it as ``.docx``. Every message is Vietnamese and names the file.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from nqgen.check.findings import CheckError

MAX_TOTAL = 200 * 1024 * 1024  # bytes of all parts once decompressed
MAX_RATIO = 100  # decompressed / compressed size of one part
RATIO_FROM = 1024 * 1024  # parts smaller than this are not ratio-checked (XML compresses well)
MAX_MEMBERS = 10_000

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_OFFICE_DOC = "/officeDocument"

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
)
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY")
_DTD_MARKS_16 = tuple(
    m.decode().encode(enc) for m in _DTD_MARKS for enc in ("utf-16-le", "utf-16-be")
)


def _size(n: int) -> str:
    """Bytes for messages: ``1,5 GB`` / ``200 MB`` (decimal comma)."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= factor:
            return f"{n / factor:.1f}".rstrip("0").rstrip(".").replace(".", ",") + f" {unit}"
    return f"{n} byte"


@dataclass(frozen=True, slots=True)
class PackageNotes:
    """What the package holds beside the text (các thành phần đặc biệt của gói DOCX).

    ``tracked_changes`` counts revision marks (w:ins, w:del, w:moveFrom, w:moveTo); ``comments``
    the comments; ``macros`` tells whether a VBA project is inside; ``alt_chunks`` counts embedded
    documents (w:altChunk) whose text the checker cannot read; ``protected`` names the
    protection (``readOnly``, ``forms``…) or is empty; ``signed`` tells whether the package
    carries a digital signature (chữ ký số).
    """

    tracked_changes: int = 0
    comments: int = 0
    macros: bool = False
    alt_chunks: int = 0
    protected: str = ""
    signed: bool = False


class Package:
    """A DOCX opened for reading, its parts bounded in size (see the module docstring).

    Use as a context manager; :meth:`xml` parses one part, :attr:`main` is the main document
    part (usually ``word/document.xml``).
    """

    def __init__(self, source: str | Path | bytes, label: str) -> None:
        self.label = label
        self.zip = _open_zip(source, label)
        try:
            infos = self.zip.infolist()
            _guard(infos, label)
        except BaseException:
            self.zip.close()
            raise
        self.names = {i.filename for i in infos}
        self.main = self._main_part()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    def read(self, name: str) -> bytes:
        return self.zip.read(name)

    def xml(self, name: str) -> etree._Element:
        """Parse one XML part; refuse a DTD; Vietnamese message on malformed XML."""
        return parse_xml(self.read(name), name, self.label)

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, target part name) of a part (external targets left out)."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        out: dict[str, tuple[str, str]] = {}
        if rels_name not in self.names:
            return out
        for rel in self.xml(rels_name).iterfind(f"{{{PKG_REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            path = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            out[rel.get("Id") or ""] = (rel.get("Type") or "", path)
        return out

    def _main_part(self) -> str:
        if "_rels/.rels" in self.names:
            for rel in self.xml("_rels/.rels").iterfind(f"{{{PKG_REL}}}Relationship"):
                if (rel.get("Type") or "").endswith(REL_OFFICE_DOC):
                    target = (rel.get("Target") or "").lstrip("/")
                    if target in self.names:
                        return target
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise CheckError(
            f"Tệp {self.label} không phải văn bản Word (.docx): thiếu phần word/document.xml."
        )

    def notes(self, document: etree._Element, settings: etree._Element | None) -> PackageNotes:
        """The :class:`PackageNotes` of this package, given its parsed main and settings parts."""
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        revisions = [f"{{{w}}}{tag}" for tag in ("ins", "del", "moveFrom", "moveTo")]
        tracked = sum(1 for _ in document.iter(*revisions))
        comments = sum(1 for _ in document.iter(f"{{{w}}}commentReference"))
        protected = ""
        if settings is not None:
            for tag in ("documentProtection", "writeProtection"):
                el = settings.find(f"{{{w}}}{tag}")
                if el is None:
                    continue
                enforced = (el.get(f"{{{w}}}enforcement") or "").lower() in ("1", "true", "on")
                if tag == "writeProtection" or enforced:
                    protected = el.get(f"{{{w}}}edit") or "readOnly"
                    break
        return PackageNotes(
            tracked_changes=tracked,
            comments=comments,
            macros=any(n.lower().endswith("vbaproject.bin") for n in self.names),
            alt_chunks=sum(1 for _ in document.iter(f"{{{w}}}altChunk")),
            protected=protected,
            signed=any(n.startswith("_xmlsignatures/") for n in self.names),
        )


def parse_xml(data: bytes, part: str, label: str) -> etree._Element:
    """Parse ``data`` (one part of ``label``) with no DTD, no entities and no network."""
    if any(m in data for m in _DTD_MARKS) or (
        data[:2] in (b"\xff\xfe", b"\xfe\xff") and any(m in data for m in _DTD_MARKS_16)
    ):
        raise CheckError(
            f"Tệp {label} bị từ chối: phần {part} có khai báo kiểu tài liệu (DOCTYPE/ENTITY), "
            "điều Word không bao giờ ghi và có thể dùng để làm treo máy. Hãy mở tệp bằng Word "
            "và lưu lại dưới dạng .docx."
        )
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        where = f" (dòng {exc.lineno})" if exc.lineno else ""
        raise CheckError(
            f"Tệp {label} bị hỏng: nội dung XML của phần {part} không hợp lệ{where}; "
            "hãy mở bằng Word/LibreOffice và lưu lại dưới dạng .docx."
        ) from None
    if root is None:
        raise CheckError(f"Tệp {label} bị hỏng: phần {part} rỗng.")
    return root


def _open_zip(source: str | Path | bytes, label: str) -> zipfile.ZipFile:
    try:
        if isinstance(source, bytes):
            head = source[:8]
        else:
            with open(source, "rb") as fh:
                head = fh.read(8)
    except FileNotFoundError:
        raise CheckError(f"Không tìm thấy tệp {label}.") from None
    except IsADirectoryError:
        raise CheckError(f"{label} là thư mục, không phải tệp DOCX.") from None
    except PermissionError:
        raise CheckError(f"Không có quyền đọc tệp {label}.") from None
    except OSError as exc:
        why = f"lỗi hệ thống, mã {exc.errno}"
        raise CheckError(f"Không đọc được tệp {label} ({why}).") from None
    if head == OLE2_MAGIC:
        raise CheckError(
            f"Tệp {label} là văn bản Word 97-2003 (.doc), không phải .docx: hãy mở bằng Word "
            "hoặc LibreOffice và lưu lại dưới dạng .docx (Lưu thành… → Word Document)."
        )
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise CheckError(
            f"Tệp {label} không phải tệp DOCX hợp lệ (không mở được dạng nén zip); "
            "hãy mở bằng Word/LibreOffice và lưu lại dưới dạng .docx."
        ) from None


def _guard(infos: list[zipfile.ZipInfo], label: str) -> None:
    """Refuse a package whose parts would decompress past the limits (before reading any)."""
    if len(infos) > MAX_MEMBERS:
        raise CheckError(
            f"Tệp {label} bị từ chối: có {len(infos)} phần nén, vượt giới hạn {MAX_MEMBERS} "
            "của một văn bản Word."
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL:
        raise CheckError(
            f"Tệp {label} bị từ chối: khi giải nén sẽ chiếm {_size(total)}, vượt giới hạn "
            f"{_size(MAX_TOTAL)} (có thể là tệp nén độc hại). Không kiểm tra tệp này."
        )
    for i in infos:
        if i.file_size > RATIO_FROM and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            ratio = i.file_size // max(i.compress_size, 1)
            raise CheckError(
                f"Tệp {label} bị từ chối: phần {i.filename} nén với tỷ lệ {ratio}:1, vượt giới "
                f"hạn {MAX_RATIO}:1 (dấu hiệu tệp nén độc hại). Không kiểm tra tệp này."
            )


__all__ = ["MAX_RATIO", "MAX_TOTAL", "Package", "PackageNotes", "parse_xml"]
