"""Document types (tên loại văn bản) and the rules each type takes, as data.

One row per type: its type name as printed (``KẾ HOẠCH``), the abbreviation of the number line
under NĐ 30/2020 (Phụ lục III, I) and under the Party guidelines (HD 05-HD/VPTW 3.1.2a; HD 36
wrote Quy định ``QĐi``), whether "Kính gửi" belongs to it (NĐ 30 Phụ lục I II.9b: công văn, tờ
trình and báo cáo sent upwards) and the rules that do not apply to it. A công văn has no type
name: its summary "V/v …" sits under the number (NĐ 30 II.5b; HD 05 5.2.3), so the type-name
rule and the rule under the summary are skipped for it and the summary rule checks the V/v
form instead.

The type is recognised (:func:`recognise`) from the type-name line; without one, a "V/v" line,
a "Kính gửi" line or a number whose symbol starts with a body instead of a type abbreviation
(``3083/UBND-NCKS``, ``Số 12-CV/ĐU``) make a công văn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

KinhGui = Literal["required", "optional", "none"]


@dataclass(frozen=True, slots=True)
class DocType:
    """One document type: key, Vietnamese label, type names, abbreviations, Kính gửi, skips."""

    key: str
    label: str
    names: tuple[str, ...]
    nd30: str | None
    party: tuple[str, ...]
    kinh_gui: KinhGui = "none"
    skip: frozenset[str] = field(default_factory=frozenset)
    only: frozenset[str] | None = None  # when set, the only rules that apply

    def applies(self, suffix: str) -> bool:
        """Whether the rule ``suffix`` applies to documents of this type."""
        return suffix not in self.skip and (self.only is None or suffix in self.only)

    @property
    def has_title(self) -> bool:
        return bool(self.names)


_NO_TITLE = frozenset({"title", "summary-rule", "dashes"})

TYPES: tuple[DocType, ...] = (
    DocType("ke-hoach", "Kế hoạch", ("KẾ HOẠCH", "KẾ HOẠCH HÀNH ĐỘNG"), "KH", ("KH",)),
    DocType("quyet-dinh", "Quyết định", ("QUYẾT ĐỊNH",), "QĐ", ("QĐ",)),
    DocType("cong-van", "Công văn", (), None, ("CV",), "required", _NO_TITLE),
    DocType("bao-cao", "Báo cáo", ("BÁO CÁO",), "BC", ("BC",), "optional"),
    DocType("to-trinh", "Tờ trình", ("TỜ TRÌNH",), "TTr", ("TTr",), "required"),
    DocType("thong-bao", "Thông báo", ("THÔNG BÁO",), "TB", ("TB",)),
    DocType("huong-dan", "Hướng dẫn", ("HƯỚNG DẪN",), "HD", ("HD",)),
    DocType("nghi-quyet", "Nghị quyết", ("NGHỊ QUYẾT",), "NQ", ("NQ",)),
    DocType("chi-thi", "Chỉ thị", ("CHỈ THỊ",), "CT", ("CT",)),
    DocType("ket-luan", "Kết luận", ("KẾT LUẬN",), None, ("KL",)),
    DocType("quy-che", "Quy chế", ("QUY CHẾ",), "QC", ("QC",)),
    DocType("quy-dinh", "Quy định", ("QUY ĐỊNH",), "QyĐ", ("QĐ", "QĐi")),
    DocType("chuong-trinh", "Chương trình", ("CHƯƠNG TRÌNH", "CHƯƠNG TRÌNH HÀNH ĐỘNG"), "CTr",
            ("CTr",)),  # fmt: skip
    DocType("thong-tri", "Thông tri", ("THÔNG TRI",), None, ("TT",)),
    DocType("thong-cao", "Thông cáo", ("THÔNG CÁO",), "TC", ("TC",)),
    DocType("phuong-an", "Phương án", ("PHƯƠNG ÁN",), "PA", ("PA",)),
    DocType("de-an", "Đề án", ("ĐỀ ÁN",), "ĐA", ("ĐA",)),
    DocType("du-an", "Dự án", ("DỰ ÁN",), "DA", ("DA",)),
    DocType("bien-ban", "Biên bản", ("BIÊN BẢN",), "BB", ("BB",)),
    DocType("hop-dong", "Hợp đồng", ("HỢP ĐỒNG",), "HĐ", ()),
    DocType("cong-dien", "Công điện", ("CÔNG ĐIỆN",), "CĐ", ()),
    DocType("ban-ghi-nho", "Bản ghi nhớ", ("BẢN GHI NHỚ",), "BGN", ()),
    DocType("ban-thoa-thuan", "Bản thỏa thuận", ("BẢN THỎA THUẬN",), "BTT", ()),
    DocType("giay-uy-quyen", "Giấy ủy quyền", ("GIẤY ỦY QUYỀN",), "GUQ", ()),
    DocType("giay-moi", "Giấy mời", ("GIẤY MỜI",), "GM", ()),
    DocType("giay-gioi-thieu", "Giấy giới thiệu", ("GIẤY GIỚI THIỆU",), "GGT", ()),
    DocType("giay-nghi-phep", "Giấy nghỉ phép", ("GIẤY NGHỈ PHÉP",), "GNP", ()),
    DocType("phieu-gui", "Phiếu gửi", ("PHIẾU GỬI",), "PG", ()),
    DocType("phieu-chuyen", "Phiếu chuyển", ("PHIẾU CHUYỂN",), "PC", ()),
    DocType("phieu-bao", "Phiếu báo", ("PHIẾU BÁO",), "PB", ()),
)
"""Types of NĐ 30/2020 Phụ lục III and of Party documents (HD 05-HD/VPTW III)."""

OTHER = DocType("khac", "Văn bản", (), None, (), "optional")
"""A document whose type could not be recognised: the type-name rule reports it missing."""

PETITION = DocType(
    "don",
    "Đơn",
    (),
    None,
    (),
    "optional",
    only=frozenset(
        {"doc-type", "font", "encoding", "color", "nfc", "spaces", "hidden-chars", "template",
         "tone-marks", "package"}
    ),  # fmt: skip
)
"""A citizen's petition (đơn), titled "ĐƠN …": not a document of an agency, so NĐ 30 and the
Party guidelines do not govern its layout; only the text itself is checked."""

BY_KEY = {t.key: t for t in TYPES}
BY_NAME = {name: t for t in TYPES for name in t.names}
TYPE_NAMES = frozenset(BY_NAME)
CONG_VAN = BY_KEY["cong-van"]

_NUMBER_SYMBOL = re.compile(r"^\s*số\s*:?\s*\d*\s*[-/]\s*(?P<first>[^\s/-]+)", re.IGNORECASE)
_ABBREVIATIONS = frozenset(
    a for t in TYPES for a in (*t.party, *((t.nd30,) if t.nd30 else ())) if t is not CONG_VAN
)


def recognise(title: str | None, number: str | None, vv: bool, kinh_gui: bool) -> DocType:
    """The type of a document from its type-name line (folded, upper case) or, without one,
    from its công văn marks (see the module docstring)."""
    if title is not None:
        return PETITION if title.startswith("ĐƠN ") else BY_NAME.get(title, OTHER)
    if vv or kinh_gui:
        return CONG_VAN
    if number is not None:
        m = _NUMBER_SYMBOL.match(number)
        if m and (m.group("first") == "CV" or m.group("first") not in _ABBREVIATIONS):
            return CONG_VAN
    return OTHER


__all__ = [
    "BY_KEY",
    "CONG_VAN",
    "OTHER",
    "PETITION",
    "TYPES",
    "TYPE_NAMES",
    "DocType",
    "recognise",
]
