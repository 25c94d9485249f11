"""The numbers each standard sets (thông số của từng quy định), one :class:`Spec` per standard.

Sizes are in points, lengths in twips. A rule shared by the standards reads its numbers here
and is written once (``common.py``); NĐ 30 values come from Phụ lục I (Mục II and the Mục V
table), the Party values from HD 05-HD/VPTW Phụ lục 2 (HD 36 Phụ lục 3 matches it row for row,
FORMAT.md Table 2). Nothing here imports the rules, so the rule modules and the engine can both
import it without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

Range = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Spec:
    """The numbers of one standard.

    ``margins`` maps ``top``/``bottom``/``left``/``right`` to the allowed range before the
    ±0.5 mm tolerance; ``body_indent`` lists the accepted first-line indents. ``can_cu_italic``
    and ``can_cu_dash`` say how the căn cứ lines are set (NĐ 30: italic; Party: "- " before
    each). ``urgency_size``/``circulation_size`` are the sizes of typed "KHẨN" and
    "LƯU HÀNH NỘI BỘ" marks.
    """

    key: str
    prefix: str
    party: bool
    name: str
    citation: str
    margins: dict[str, Range]
    body_size: Range
    body_indent: tuple[int, ...]
    date_size: Range
    page_number_size: Range
    title_size: Range
    summary_size: Range
    cv_summary_size: Range
    issuer_size: Range
    number_size: Range
    signature_size: Range
    noi_nhan_size: Range
    recipients_size: Range
    kinh_gui_size: Range
    urgency_size: Range
    circulation_size: Range
    can_cu_italic: bool
    can_cu_dash: bool
    header_distance: int | None = None


ND30 = Spec(
    key="nd30",
    prefix="ND30",
    party=False,
    name="Nghị định 30/2020/NĐ-CP",
    citation="NĐ 30/2020, Phụ lục I",
    margins={
        "top": (1134, 1417),
        "bottom": (1134, 1417),
        "left": (1701, 1984),
        "right": (850, 1134),
    },  # fmt: skip
    body_size=(13, 14),
    body_indent=(567, 720),
    date_size=(13, 14),
    page_number_size=(13, 14),
    title_size=(13, 14),
    summary_size=(13, 14),
    cv_summary_size=(12, 13),
    issuer_size=(12, 13),
    number_size=(13, 13),
    signature_size=(13, 14),
    noi_nhan_size=(12, 12),
    recipients_size=(11, 11),
    kinh_gui_size=(13, 14),
    urgency_size=(13, 14),
    circulation_size=(13, 14),
    can_cu_italic=True,
    can_cu_dash=False,
)

HD05 = Spec(
    key="hd05",
    prefix="HD05",
    party=True,
    name="Hướng dẫn 05-HD/VPTW",
    citation="HD 05-HD/VPTW, IV.4",
    margins={
        "top": (1134, 1134),
        "bottom": (1134, 1134),
        "left": (1701, 1701),
        "right": (850, 850),
    },  # fmt: skip
    body_size=(14, 15),
    body_indent=(567,),
    date_size=(14, 14),
    page_number_size=(14, 14),
    title_size=(15, 16),
    summary_size=(14, 15),
    cv_summary_size=(12, 12),
    issuer_size=(14, 14),
    number_size=(14, 14),
    signature_size=(14, 14),
    noi_nhan_size=(14, 14),
    recipients_size=(12, 12),
    kinh_gui_size=(14, 14),
    urgency_size=(14, 14),
    circulation_size=(12, 12),
    can_cu_italic=False,
    can_cu_dash=True,
    header_distance=567,
)

HD36 = replace(
    HD05, key="hd36", prefix="HD36", name="Hướng dẫn 36-HD/VPTW", citation="HD 36-HD/VPTW"
)

SPECS: dict[str, Spec] = {"nd30": ND30, "hd05": HD05, "hd36": HD36}
STANDARDS = tuple(SPECS)

__all__ = ["HD05", "HD36", "ND30", "SPECS", "STANDARDS", "Range", "Spec"]
