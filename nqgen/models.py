"""Data models: profile (hồ sơ đơn vị), clauses (điều khoản), library (thư viện), plan (kế hoạch).

All text is stored in Unicode NFC (DESIGN.md, "Vietnamese text"). Models are pydantic v2 and
forbid unknown keys, so a misspelt YAML key is reported with its file, line and field
(see :mod:`nqgen.yamlio`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator


def nfc(value: str) -> str:
    """Return ``value`` in Unicode NFC with surrounding whitespace removed."""
    return unicodedata.normalize("NFC", value).strip()


_CONTROL_NAMES = {"\t": "Tab", "\n": "xuống dòng", "\r": "về đầu dòng (CR)"}


def printable(value: str) -> str:
    """``value`` NFC and stripped, refusing the characters a document cannot print: control
    characters (BEL would become a paragraph break, ESC would vanish and leave "[31m"), line
    breaks and tabs inside a value, and the code points XML forbids. Never mangled silently:
    the message says which character and where, for the user to remove it."""
    for i, ch in enumerate(value):
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs") or ch in "\ufffe\uffff":
            name = _CONTROL_NAMES.get(ch, "điều khiển")
            raise ValueError(
                f"có ký tự {name} (U+{ord(ch):04X}) ở vị trí {i + 1}, không in được trong văn "
                "bản; hãy xóa ký tự này (viết giá trị trên một dòng)"
            )
    return nfc(value)


Text = Annotated[str, AfterValidator(printable)]
"""A printable string (see :func:`printable`) normalised to NFC and stripped."""


class Strict(BaseModel):
    """Base for every model: unknown keys are errors; strings are NFC."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)


# --------------------------------------------------------------------------- enums


class UnitKind(StrEnum):
    """Commune-level unit kind (loại đơn vị hành chính cấp xã), after the 1/7/2025 reform."""

    xa = "xã"
    phuong = "phường"
    dac_khu = "đặc khu"


class DocKind(StrEnum):
    """Document kind (loại văn bản).

    ``kh-ubnd``: Kế hoạch of the People's Committee, Nghị định 30/2020/NĐ-CP.
    ``kh-du``: Kế hoạch (hành động) of the Party Committee, Hướng dẫn 05-HD/VPTW (27/5/2026).
    """

    kh_ubnd = "kh-ubnd"
    kh_du = "kh-du"


class Sector(StrEnum):
    """Local sectors that switch optional clauses on (lĩnh vực đặc thù của địa phương)."""

    agriculture = "nông nghiệp"
    ocop = "OCOP"
    tourism = "du lịch"
    forestry = "lâm nghiệp"
    border = "biên giới"
    ethnic_minority = "đồng bào dân tộc thiểu số"
    industrial_cluster = "cụm công nghiệp"
    urban = "đô thị"


class Comparison(StrEnum):
    """Comparison of a target value (so sánh chỉ tiêu): ``>`` trên, ``≥`` ít nhất, ``=`` đạt."""

    gt = ">"
    ge = "≥"
    eq = "="


# --------------------------------------------------------------------------- dates


class PartialDate(Strict):
    """A document date where day and month may be left blank, as in real drafts.

    Real plans are drafted ``ngày    tháng 9 năm 2025`` and the day is filled in at signing;
    ``year`` is always required because numbering runs per calendar year (NĐ 30/2020, Điều 15).
    """

    year: int = Field(ge=2024, le=2045)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="after")
    def _valid_day(self) -> PartialDate:
        if self.day is not None:
            if self.month is None:
                raise ValueError("có ngày nhưng thiếu tháng")
            date(self.year, self.month, self.day)  # raises ValueError for 31/2 etc.
        return self

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(year=value.year, month=value.month, day=value.day)

    def as_date(self) -> date | None:
        """The full date, or ``None`` while day or month is blank."""
        if self.day is None or self.month is None:
            return None
        return date(self.year, self.month, self.day)


# --------------------------------------------------------------------------- deadlines


class DeadlineKind(StrEnum):
    """How a task's deadline (thời gian thực hiện) is expressed in real appendices."""

    continuous = "continuous"  # Thường xuyên
    annual = "annual"  # Hằng năm
    year = "year"  # Năm 2025
    years = "years"  # 2025 - 2026 (giai đoạn)
    quarter = "quarter"  # Quý IV/2025
    month = "month"  # Tháng 12/2025
    by_date = "by_date"  # Trước ngày 30/9/2025
    when_guided = "when_guided"  # Khi có hướng dẫn của cấp trên


class Deadline(Strict):
    """A structured deadline (thời gian thực hiện / thời hạn hoàn thành).

    ``text()`` prints it as real appendices do; :meth:`years_covered` lets the library check
    validate it against the 2025-2045 horizon of NQ 57 (II.1 to 2030, II.2 vision to 2045).
    """

    kind: DeadlineKind
    year: int | None = None
    until: int | None = None
    quarter: int | None = Field(default=None, ge=1, le=4)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="after")
    def _shape(self) -> Deadline:
        need: dict[DeadlineKind, tuple[str, ...]] = {
            DeadlineKind.year: ("year",),
            DeadlineKind.years: ("year", "until"),
            DeadlineKind.quarter: ("year", "quarter"),
            DeadlineKind.month: ("year", "month"),
            DeadlineKind.by_date: ("year", "month", "day"),
        }
        for name in need.get(self.kind, ()):
            if getattr(self, name) is None:
                raise ValueError(f"thời hạn loại '{self.kind.value}' cần trường '{name}'")
        if self.kind == DeadlineKind.years and self.until is not None and self.year is not None:
            if self.until <= self.year:
                raise ValueError("năm kết thúc phải sau năm bắt đầu")
        if self.kind == DeadlineKind.by_date:
            assert self.year and self.month and self.day
            date(self.year, self.month, self.day)
        return self

    def years_covered(self) -> list[int]:
        """Calendar years named by the deadline (empty for continuous/annual/when_guided)."""
        return [y for y in (self.year, self.until) if y is not None]

    def text(self) -> str:
        """Vietnamese text as printed in Phụ lục II, e.g. ``Quý IV/2025``, ``2025 - 2026``."""
        k = self.kind
        if k == DeadlineKind.continuous:
            return "Thường xuyên"
        if k == DeadlineKind.annual:
            return "Hằng năm"
        if k == DeadlineKind.when_guided:
            return "Khi có hướng dẫn của cấp trên"
        if k == DeadlineKind.year:
            return f"Năm {self.year}"
        if k == DeadlineKind.years:
            return f"{self.year} - {self.until}"
        if k == DeadlineKind.quarter:
            roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[self.quarter or 1]
            return f"Quý {roman}/{self.year}"
        if k == DeadlineKind.month:
            return f"Tháng {self.month}/{self.year}"
        return f"Trước ngày {self.day:02d}/{self.month:02d}/{self.year}"


# --------------------------------------------------------------------------- clauses


class SourceRef(Strict):
    """Where a clause comes from (nguồn): a document and point, e.g. ``NQ57 III.1.4``.

    ``ref`` uses the short keys of SOURCES.md: ``NQ57``, ``NQ03``, ``NQ03 PL II #70``, ``NQ71``,
    ``KH01-BCĐTW``, ``KH02-BCĐTW``, ``NĐ179``, ``ĐA06``, ``TT02-BGDĐT``, ``seed 003 II.1``.
    ``unverified`` is set where SOURCES.md could not confirm the cited document (QĐ 970/QĐ-TTg).
    """

    ref: Text = Field(min_length=2)
    unverified: bool = False
    note: Text | None = None


class Applicability(Strict):
    """When a clause applies (phạm vi áp dụng).

    A clause applies when the unit kind is listed, the document kind is listed and, for an
    optional clause with ``sectors``, the profile has at least one of them.
    ``exclude_sectors`` removes the clause when the profile has any of them (e.g. a clause about
    rural villages in an urban ward).
    """

    units: list[UnitKind] = Field(default_factory=lambda: list(UnitKind))
    documents: list[DocKind] = Field(default_factory=lambda: list(DocKind))
    sectors: list[Sector] = Field(default_factory=list)
    exclude_sectors: list[Sector] = Field(default_factory=list)
    core: bool = True


class TaskClause(Strict):
    """A task clause (nhiệm vụ, giải pháp) of the library.

    ``text`` is the UBND wording (a Jinja template over the profile context, see
    :func:`nqgen.compose.context_for`); ``text_party`` the Party wording where it differs.
    ``lead`` (cơ quan chủ trì) and ``partners`` (cơ quan phối hợp) are role keys resolved through
    the profile's bodies; ``lead_party``/``partners_party`` override them in a KH/ĐU.
    ``summary`` is the short form shown in the Phụ lục II "Nội dung" column (defaults to text).
    """

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    text: Text = Field(min_length=10)
    text_party: Text | None = None
    summary: Text | None = None
    lead: str
    partners: list[str] = Field(default_factory=list)
    lead_party: str | None = None
    partners_party: list[str] | None = None
    deadline: Deadline
    product: Text | None = None  # sản phẩm/kết quả (ghi chú)
    sources: list[SourceRef] = Field(default_factory=list)
    applies: Applicability = Field(default_factory=Applicability)

    def wording(self, kind: DocKind) -> str:
        """The clause text for a document kind (party variant where it exists)."""
        if kind == DocKind.kh_du and self.text_party:
            return self.text_party
        return self.text


class TaskGroup(Strict):
    """A task group (nhóm nhiệm vụ): one of NQ 57's seven (III.1-III.7), leadership or local.

    ``nq57`` is the NQ 57 section it implements (``III.1``...``III.7``) or ``None`` for the
    leadership group and the local groups (digital services, citizens, culture; KH 02-KH/BCĐTW).
    """

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    order: int
    nq57: str | None = None
    title: Text
    title_party: Text | None = None
    tasks: list[TaskClause] = Field(default_factory=list)
    applies: Applicability = Field(default_factory=Applicability)

    def heading(self, kind: DocKind) -> str:
        if kind == DocKind.kh_du and self.title_party:
            return self.title_party
        return self.title


class TargetClause(Strict):
    """A target clause (chỉ tiêu): indicator, unit, comparison, value, year, monitoring body.

    ``value`` is a number (percent, count) printed with babel's ``vi`` locale; ``monitor`` is
    the role key of the body that tracks it (cơ quan chủ trì theo dõi).
    """

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    indicator: Text = Field(min_length=10)
    unit: Text
    comparison: Comparison = Comparison.ge
    value: float
    year: int
    monitor: str
    monitor_party: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)
    applies: Applicability = Field(default_factory=Applicability)


class Role(Strict):
    """A role (vai trò) a body plays; ``sides`` says which issuers have such a body.

    ``ubnd``: a body of, or working beside, the People's Committee; ``party``: a body the
    party committee directs in a KH/ĐU (QĐ 298-QĐ/TW; SOURCES.md §6).
    """

    name: Text
    sides: list[Literal["ubnd", "party"]]


class Library(Strict):
    """The clause library (thư viện điều khoản) loaded from ``clauses/``.

    ``version`` comes from ``clauses/library.yaml``; ``content_hash`` is the SHA-256 of the
    library files, recorded in every Plan so a plan can say exactly what it was composed from.
    """

    version: str
    content_hash: str = ""
    roles: dict[str, Role] = Field(default_factory=dict)  # role key -> description, sides
    groups: list[TaskGroup]
    targets: list[TargetClause] = Field(default_factory=list)
    texts: dict[str, Any] = Field(default_factory=dict)  # boilerplate sections (I, V, VI ...)

    def task_ids(self) -> list[str]:
        return [t.id for g in self.groups for t in g.tasks]


# --------------------------------------------------------------------------- profile


class ParentDocument(Strict):
    """A parent document (văn bản căn cứ) cited in the opening.

    Printed as ``{kind} số {number} ngày {dd/mm/yyyy} của {issuer} {summary}``. A number or date
    that the profile does not know stays blank, never invented.
    """

    kind: Text  # Nghị quyết, Kế hoạch, Chương trình, Quyết định ...
    number: Text | None = None  # 57-NQ/TW
    date: dt.date | None = None
    issuer: Text  # Bộ Chính trị; Ủy ban nhân dân tỉnh Quảng Ngãi
    summary: Text | None = None  # về đột phá phát triển ...
    short: Text | None = None  # "Nghị quyết số 57-NQ/TW" when cited again


class Signer(Strict):
    """Signature block (ô 7, NĐ 30 Phụ lục I II.7; HD 05 7.1).

    ``authority`` is ``TM`` (collective body signs) or ``KT`` (a deputy signs for the head).
    ``title`` is the signer's own title: CHỦ TỊCH, PHÓ CHỦ TỊCH, BÍ THƯ, PHÓ BÍ THƯ.
    ``name`` may be empty: the draft then leaves the name line blank.
    """

    authority: Literal["TM", "KT"] = "TM"
    title: Text = "CHỦ TỊCH"
    name: Text = ""

    @field_validator("name")
    @classmethod
    def _no_academic_title(cls, v: str) -> str:
        import re

        if re.match(r"^(GS|PGS|TS|ThS|BS|KS|CN)\.?\s", v):
            raise ValueError("không ghi học hàm, học vị trước họ tên người ký (NĐ 30, PL I II.7c)")
        return v


def document_number(v: str | None) -> str | None:
    """A document number (số văn bản) without its symbol: ASCII digits, at most 6, or blank."""
    if v is not None and v != "" and not re.fullmatch(r"[0-9]+", v):
        raise ValueError("số văn bản chỉ gồm chữ số, ví dụ '15' (ký hiệu do nqgen thêm)")
    if v is not None and len(v) > 6:
        raise ValueError("số văn bản quá dài (số thứ tự trong năm, tối đa 6 chữ số)")
    return v or None


class Issuance(Strict):
    """What one issuer (UBND or Đảng ủy) needs for its document.

    ``number`` (số văn bản) without symbol, e.g. ``"15"``; ``None`` leaves the blank of a draft.
    ``recipients`` (nơi nhận) are printed one per line with "- " and ";"; ``storage`` is the
    "Lưu" line content (``VT, VHXH`` for UBND; ``Văn phòng Đảng ủy`` for the party).
    """

    number: Text | None = None
    date: PartialDate | None = None
    signer: Signer = Field(default_factory=Signer)
    recipients: list[Text] = Field(default_factory=list)
    storage: Text | None = None
    summary: Text | None = None  # trích yếu; a default is composed when missing

    @field_validator("number", mode="before")
    @classmethod
    def _number_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v

    @field_validator("number")
    @classmethod
    def _number_digits(cls, v: str | None) -> str | None:
        return document_number(v)


class PartyCommittee(Issuance):
    """The party committee side of a profile (Đảng ủy xã, issued by its Ban Thường vụ).

    ``superior`` is the line above the committee (``ĐẢNG BỘ TỈNH QUẢNG NGÃI``; HD 05 2.1.2c).
    When ``number`` and ``date`` are known, the UBND plan cites this plan as a parent
    (as seed Xốp cites 04-KH/ĐU ngày 14/8/2025).

    ``title`` is the type name (tên loại): ``KẾ HOẠCH HÀNH ĐỘNG`` as in seed 002, or
    ``KẾ HOẠCH``. ``appendix`` adds Phụ lục 1, the task-assignment table (HD 05 II.1).
    The signer is the Bí thư, or a Phó Bí thư signing ``T/M BAN THƯỜNG VỤ`` / ``PHÓ BÍ THƯ``
    (HD 05 7.1.4b: a committee never signs ``K/T``); a profile that gives only the name gets
    ``BÍ THƯ`` (or ``PHÓ BÍ THƯ`` with ``authority: KT``), never the UBND default ``CHỦ TỊCH``.
    """

    superior: Text | None = None
    signer: Signer = Field(default_factory=lambda: Signer(authority="TM", title="BÍ THƯ"))
    storage: Text | None = "Văn phòng Đảng ủy"
    summary_of_plan: Text | None = None  # how the UBND plan names it when citing
    title: Literal["KẾ HOẠCH HÀNH ĐỘNG", "KẾ HOẠCH"] = "KẾ HOẠCH HÀNH ĐỘNG"
    appendix: bool = True

    @field_validator("signer")
    @classmethod
    def _party_title(cls, v: Signer) -> Signer:
        if "title" not in v.model_fields_set:
            title = "PHÓ BÍ THƯ" if v.authority == "KT" else "BÍ THƯ"
            return v.model_copy(update={"title": title})
        if "ĐẢNG" in v.title.upper():
            raise ValueError(
                "chức vụ người ký không kèm tên cơ quan: ghi 'BÍ THƯ', không ghi 'BÍ THƯ ĐẢNG ỦY'"
                " (HD 05-HD/VPTW, 7.1)"
            )
        return v


class Unit(Strict):
    """The commune-level unit (đơn vị hành chính cấp xã).

    ``name`` without the kind word (``Xốp``); ``code`` is the official code from
    ``vietnam-provinces`` when known.
    """

    kind: UnitKind = UnitKind.xa
    name: Text = Field(min_length=1)
    province: Text = Field(min_length=1)
    code: int | None = Field(default=None, ge=1, le=99999)

    @field_validator("name", "province")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v:
            raise ValueError("không được để trống")
        return v

    @property
    def full_name(self) -> str:
        """``xã Xốp`` — lower-case kind word as in running text (NĐ 30 Phụ lục II)."""
        return f"{self.kind.value} {self.name}"

    @property
    def place(self) -> str:
        """Place name of the date line (địa danh, NĐ 30 PL I II.4a).

        Units named after a number or with a one-word name keep the kind word, capitalised.
        """
        if self.name[:1].isdigit():
            return f"{self.kind.value.capitalize()} {self.name}"
        return self.name


class Profile(Strict):
    """A commune profile (hồ sơ đơn vị): everything nqgen needs to write its plans.

    ``bodies`` maps role keys (see ``clauses/library.yaml`` roles) to the display names the
    commune uses; missing roles fall back to the unit-kind defaults of
    ``profiles/defaults.yaml``. ``reporting`` lists the yearly report dates (day, month),
    e.g. before 10/6 and 20/11. ``targets`` overrides a target's value by id.
    """

    unit: Unit
    kind: DocKind = DocKind.kh_ubnd
    year: int = Field(default=2025, ge=2025, le=2030)
    village_term: Text = "thôn"
    sectors: list[Sector] = Field(default_factory=list)
    parents: list[ParentDocument] = Field(default_factory=list)
    bodies: dict[str, Text] = Field(default_factory=dict)
    focal: str = "culture_society"
    ubnd: Issuance = Field(default_factory=Issuance)
    party: PartyCommittee = Field(default_factory=PartyCommittee)
    reporting: list[tuple[int, int]] = Field(default_factory=lambda: [(10, 6), (20, 11)])
    targets: dict[str, float] = Field(default_factory=dict)
    exclude: list[str] = Field(default_factory=list)  # clause ids to leave out
    library_version: str | None = None

    @field_validator("reporting")
    @classmethod
    def _valid_reporting(cls, v: list[tuple[int, int]]) -> list[tuple[int, int]]:
        for day, month in v:
            if not 1 <= month <= 12:
                raise ValueError(f"tháng {month} không có thật: tháng chỉ từ 1 đến 12")
            if not 1 <= day <= 31:
                raise ValueError(f"ngày {day} không có thật")
            date(2025, month, day)  # raises for 31/4, 29/2 (not every year has it)
        return v


# --------------------------------------------------------------------------- plan


class Block(Strict):
    """One paragraph of the body: ``h1`` (I. MỤC ĐÍCH...), ``h2`` (1. Mục đích), ``body``."""

    style: Literal["h1", "h2", "h3", "body"]
    text: Text


class TaskRow(Strict):
    """One row of the task-assignment appendix (Phụ lục II / Phụ lục 1 of a KH/ĐU)."""

    number: Text  # STT, e.g. "1", "2"
    clause: str  # clause id
    content: Text  # nội dung
    lead: Text  # cơ quan chủ trì
    partners: Text  # cơ quan phối hợp
    deadline: Text  # thời gian thực hiện
    note: Text = ""  # ghi chú / sản phẩm


class TaskGroupRows(Strict):
    """A bold group row (``I``, ``II``...) and its tasks in the appendix."""

    number: Text
    title: Text
    group: str
    nq57: str | None = None
    rows: list[TaskRow]


class TargetRow(Strict):
    """One row of Phụ lục I (chỉ tiêu): TT, Chỉ tiêu, Đơn vị tính, Chỉ tiêu đến năm, Theo dõi."""

    number: Text
    target: str  # target id
    indicator: Text
    unit: Text
    value: Text  # "≥ 80" as printed
    year: int
    monitor: Text


class PlanMeta(Strict):
    """Provenance of a Plan: nqgen and clause-library versions and the library content hash."""

    nqgen_version: str
    library_version: str
    library_hash: str
    profile: str | None = None


class Plan(Strict):
    """The composed document as plain data (kế hoạch đã soạn), editable as YAML and re-renderable.

    Everything the template prints is here, already resolved: body names, deadline texts,
    numbers of the appendix rows. Shapes: ``body`` is the ordered list of paragraphs after the
    opening; ``task_groups``/``targets`` feed the appendices.
    """

    meta: PlanMeta
    kind: DocKind
    issuer_superior: Text | None = None  # ĐẢNG BỘ TỈNH ... (KH/ĐU only)
    issuer: list[Text]  # ["ỦY BAN NHÂN DÂN", "XÃ XỐP"] or ["ĐẢNG ỦY XÃ TÂN KHÁNH"]
    issuer_short: Text  # "Ủy ban nhân dân xã Xốp" (appendix caption)
    number: Text | None = None
    symbol: Text  # KH-UBND or KH/ĐU
    place: Text
    date: PartialDate
    title: Text  # KẾ HOẠCH / KẾ HOẠCH HÀNH ĐỘNG
    summary: Text
    opening: Text
    body: list[Block]
    closing: Text
    recipients: list[Text]
    storage: Text
    signer: Signer
    signer_body: Text  # ỦY BAN NHÂN DÂN / BAN THƯỜNG VỤ
    signer_head_title: Text = "CHỦ TỊCH"  # the head's title used after KT.
    targets: list[TargetRow]
    task_groups: list[TaskGroupRows]
    appendix: bool = True  # KH/ĐU: print Phụ lục 1 (phân công nhiệm vụ)

    @field_validator("number")
    @classmethod
    def _number_digits(cls, v: str | None) -> str | None:
        return document_number(v)

    def task_rows(self) -> list[TaskRow]:
        return [r for g in self.task_groups for r in g.rows]
