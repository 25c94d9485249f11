"""Data models: profile (hồ sơ đơn vị), clauses (điều khoản), library (thư viện), plan (kế hoạch).

All text is stored in Unicode NFC (docs/architecture.md, "Vietnamese text"). Models are pydantic
v2 and forbid unknown keys, so a misspelt YAML key is reported with its file, line and field
(see :mod:`nqgen.yamlio`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from . import vn
from .kinds import DocKind as DocKind  # re-exported: the kinds live in nqgen/kinds.py


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
    maritime = "biển, đảo"
    highland = "miền núi"


class Scope(StrEnum):
    """How much of the library a plan takes (phạm vi kế hoạch).

    ``concise``: what communes actually issue — the clauses with the most evidence, the
    commune's focus areas and sectors, its own tasks (Phụ lục II 25-40 rows, Phụ lục I 12-25
    targets; clauses/README.md §13). ``full``: every applicable clause of the library.
    """

    concise = "concise"
    full = "full"


class PlanType(StrEnum):
    """Which plan a profile gives (loại kế hoạch).

    ``implementation``: the plan implementing Nghị quyết 57-NQ/TW (Kế hoạch triển khai thực
    hiện), years to 2030. ``annual``: the yearly digital-transformation plan (Kế hoạch chuyển
    đổi số năm Y), the same library held to one year Y (clauses/README.md §4, §9, §15): it
    reviews the previous year and cites the implementation plan.
    """

    implementation = "implementation"
    annual = "annual"


class Comparison(StrEnum):
    """Comparison of a target value (so sánh chỉ tiêu): ``>`` trên, ``≥`` ít nhất, ``=`` đạt."""

    gt = ">"
    ge = "≥"
    eq = "="


# --------------------------------------------------------------------------- dates


def calendar_day(year: int, month: int, day: int) -> date:
    """The date ``day/month/year``; ValueError in Vietnamese for one that does not exist
    (``ngày 30/02/2026 không có thật: tháng 2 năm 2026 chỉ có 28 ngày``)."""
    if not 1 <= month <= 12:
        raise ValueError(f"tháng {month} không có thật: tháng chỉ từ 1 đến 12")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(
            f"ngày {day:02d}/{month:02d}/{year} không có thật: tháng {month} năm {year} "
            f"chỉ có {last} ngày"
        )
    return date(year, month, day)


_DATE_TEXT = re.compile(r"\d{1,4}(?:\s*[/.-]\s*\d{1,4}){0,2}")


def date_parts(text: str) -> list[int]:
    """The numbers of a date as Vietnamese write it, day first: ``15/9/2025`` -> [15, 9, 2025],
    ``9/2025`` -> [9, 2025], ``2025`` -> [2025]; an ISO ``2025-09-15`` is turned day first.
    ValueError (Vietnamese) for text that is not a date."""
    text = text.strip()
    if not _DATE_TEXT.fullmatch(text):
        raise ValueError(
            f"không hiểu ngày '{text}': ghi ngày/tháng/năm (15/09/2025), tháng/năm (9/2025) "
            "hoặc chỉ năm (2025)"
        )
    parts = [int(p) for p in re.split(r"\s*[/.-]\s*", text)]
    if len(parts) == 3 and parts[0] > 31:  # ISO order: year-month-day
        parts.reverse()
    return parts


class PartialDate(Strict):
    """A document date where day and month may be left blank, as in real drafts.

    Real plans are drafted ``ngày    tháng 9 năm 2025`` and the day is filled in at signing;
    ``year`` is always required because numbering runs per calendar year (NĐ 30/2020, Điều 15).
    Besides ``{year, month, day}`` it reads a date as typed: ``15/9/2025``, ``9/2025``, ``2025``
    (what the wizard asks; a profile may write it so too).
    """

    year: int = Field(ge=2024, le=2045)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, date):
            return {"year": data.year, "month": data.month, "day": data.day}
        if isinstance(data, int) and not isinstance(data, bool):
            return {"year": data}
        if isinstance(data, str):
            parts = date_parts(data)
            return dict(zip(("year", "month", "day"), reversed(parts), strict=False))
        return data

    @model_validator(mode="after")
    def _valid_day(self) -> PartialDate:
        if self.day is not None:
            if self.month is None:
                raise ValueError("có ngày nhưng thiếu tháng")
            calendar_day(self.year, self.month, self.day)
        return self

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

    Years are relative to the plan year where the source allows (docs/architecture.md, "The plan
    year rules time"): ``offset`` counts years after the plan year (0 = the plan year itself),
    ``span`` the years a period runs after its start; ``year`` and ``until`` are absolute years,
    kept for the fixed horizons of the sources (NQ 57 II.1: 2030). :meth:`resolve` turns a
    deadline into the absolute one a plan prints, never earlier than the plan year; :meth:`text`
    prints it as real appendices do.
    """

    kind: DeadlineKind
    year: int | None = None
    offset: int | None = Field(default=None, ge=0, le=10)
    until: int | None = None
    span: int | None = Field(default=None, ge=1, le=10)
    quarter: int | None = Field(default=None, ge=1, le=4)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="after")
    def _shape(self) -> Deadline:
        need: dict[DeadlineKind, tuple[str, ...]] = {
            DeadlineKind.quarter: ("quarter",),
            DeadlineKind.month: ("month",),
            DeadlineKind.by_date: ("month", "day"),
        }
        for name in need.get(self.kind, ()):
            if getattr(self, name) is None:
                raise ValueError(f"thời hạn loại '{self.kind.value}' cần trường '{name}'")
        dated = self.kind not in (
            DeadlineKind.continuous,
            DeadlineKind.annual,
            DeadlineKind.when_guided,
        )
        if dated and (self.year is None) == (self.offset is None):
            raise ValueError(
                f"thời hạn loại '{self.kind.value}' cần đúng một trong hai trường 'year'"
                " (năm cụ thể) hoặc 'offset' (số năm sau năm của Kế hoạch)"
            )
        if self.kind == DeadlineKind.years and (self.until is None) == (self.span is None):
            raise ValueError(
                "thời hạn loại 'years' cần đúng một trong hai trường 'until' (năm kết thúc)"
                " hoặc 'span' (số năm sau năm bắt đầu)"
            )
        if self.kind == DeadlineKind.years and self.until is not None and self.year is not None:
            if self.until <= self.year:
                raise ValueError("năm kết thúc phải sau năm bắt đầu")
        if self.kind == DeadlineKind.by_date and self.year is not None:
            assert self.month and self.day
            date(self.year, self.month, self.day)
        return self

    @property
    def relative(self) -> bool:
        """Whether the deadline moves with the plan year (``offset`` or ``span`` set)."""
        return self.offset is not None or self.span is not None

    def resolve(self, plan_year: int) -> Deadline:
        """The absolute deadline in a plan for ``plan_year``.

        ``offset``/``span`` are added to the plan year; an absolute start earlier than the plan
        year moves to the plan year (a plan for year Y assigns no work to an earlier year); a
        period whose end is not after its start becomes that single year.
        """
        if self.kind in (DeadlineKind.continuous, DeadlineKind.annual, DeadlineKind.when_guided):
            return self
        if self.offset is not None:
            start = plan_year + self.offset
        else:
            start = max(self.year or 0, plan_year)
        update: dict[str, Any] = {"year": start, "offset": None, "span": None}
        if self.kind == DeadlineKind.years:
            end = start + self.span if self.span is not None else (self.until or start)
            if end <= start:
                return self.model_copy(update=update | {"kind": DeadlineKind.year, "until": None})
            update["until"] = end
        return self.model_copy(update=update)

    def within(self, plan_year: int) -> Deadline | None:
        """The deadline in the annual plan of ``plan_year`` (Kế hoạch chuyển đổi số năm Y), or
        None when the task is not that year's work (clauses/README.md §4).

        After :meth:`resolve`: ``continuous``, ``annual`` and ``when_guided`` stay ("Thường
        xuyên", "Hằng năm", "Khi có hướng dẫn của cấp trên"); a period that runs through the
        year (``years``: "Y - 2030", "Y - Y+1") becomes the year itself ("Năm Y": the year's
        share of the programme); a point in time (``year``, ``quarter``, ``month``,
        ``by_date``) inside the year stays, one after it leaves the task out (it is a later
        year's work). Nothing resolves before the plan year.
        """
        resolved = self.resolve(plan_year)
        if resolved.year is None:  # continuous, annual, when_guided
            return resolved
        if resolved.year > plan_year:
            return None
        if resolved.kind == DeadlineKind.years:
            return Deadline(kind=DeadlineKind.year, year=plan_year)
        return resolved

    def describe(self) -> str:
        """The deadline as the library states it (``nqgen clauses show``): a relative one with
        ``Y`` for the plan year, e.g. ``Quý IV/Y``, ``Y - Y+1``, ``Y - 2030``."""
        if not self.relative:
            return self.text()
        plan_year = 2000  # placeholder year before every horizon, printed as "Y"
        text = self.resolve(plan_year).text()
        for n in range(10, 0, -1):
            text = text.replace(str(plan_year + n), f"Y+{n}")
        return text.replace(str(plan_year), "Y") + " (Y: năm của Kế hoạch)"

    def years_covered(self) -> list[int]:
        """Absolute calendar years named by the deadline (relative parts are not counted)."""
        return [y for y in (self.year, self.until) if y is not None]

    def text(self, plan_year: int | None = None) -> str:
        """Vietnamese text as printed in Phụ lục II, e.g. ``Quý IV/2025``, ``2025 - 2026``.

        A relative deadline needs ``plan_year``; raises ValueError without it.
        """
        if self.relative:
            if plan_year is None:
                raise ValueError("thời hạn tương đối cần năm của Kế hoạch")
            return self.resolve(plan_year).text()
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
            return f"Quý {vn.roman(self.quarter or 1)}/{self.year}"
        if k == DeadlineKind.month:
            return f"Tháng {self.month}/{self.year}"
        return f"Trước ngày {self.day:02d}/{self.month:02d}/{self.year}"

    @classmethod
    def parse(cls, text: str) -> Deadline | None:
        """The absolute deadline a Phụ lục II cell prints (the inverse of :meth:`text`), or
        ``None`` for a text of another form (a plan file may say anything there).

        ``Quý IV/2026``, ``Năm 2026``, ``2026 - 2027``, ``Tháng 6/2026``,
        ``Trước ngày 30/09/2026`` (day and month with or without a leading zero),
        ``Thường xuyên``, ``Hằng năm``, ``Khi có hướng dẫn của cấp trên``.
        """
        key = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
        fixed = {
            "thường xuyên": DeadlineKind.continuous,
            "hằng năm": DeadlineKind.annual,
            "hàng năm": DeadlineKind.annual,
            "khi có hướng dẫn của cấp trên": DeadlineKind.when_guided,
        }
        try:
            if key in fixed:
                return cls(kind=fixed[key])
            if m := re.fullmatch(r"năm (\d{4})", key):
                return cls(kind=DeadlineKind.year, year=int(m[1]))
            if m := re.fullmatch(r"(\d{4}) ?[-–] ?(\d{4})", key):
                return cls(kind=DeadlineKind.years, year=int(m[1]), until=int(m[2]))
            if m := re.fullmatch(r"quý (i|ii|iii|iv)/(\d{4})", key):
                quarter = ("i", "ii", "iii", "iv").index(m[1]) + 1
                return cls(kind=DeadlineKind.quarter, quarter=quarter, year=int(m[2]))
            if m := re.fullmatch(r"tháng (\d{1,2})/(\d{4})", key):
                return cls(kind=DeadlineKind.month, month=int(m[1]), year=int(m[2]))
            if m := re.fullmatch(r"trước ngày (\d{1,2})/(\d{1,2})/(\d{4})", key):
                day, month, year = int(m[1]), int(m[2]), int(m[3])
                return cls(kind=DeadlineKind.by_date, day=day, month=month, year=year)
        except ValueError:  # e.g. "Trước ngày 31/02/2026", "2027 - 2026"
            return None
        return None

    def due(self, plan_year: int | None = None) -> date | None:
        """The last day of the deadline (hạn hoàn thành), for a register and a calendar:
        ``Quý IV/2026`` → 31/12/2026, ``Năm 2026`` → 31/12/2026, ``2026 - 2027`` →
        31/12/2027, ``Tháng 6/2026`` → 30/6/2026, ``Trước ngày 30/09/2026`` → that day.
        ``None`` where there is no single date (Thường xuyên, Hằng năm, Khi có hướng dẫn).
        A relative deadline needs ``plan_year``."""
        if self.relative:
            if plan_year is None:
                raise ValueError("thời hạn tương đối cần năm của Kế hoạch")
            return self.resolve(plan_year).due()
        k = self.kind
        if self.year is None:
            return None
        if k == DeadlineKind.year:
            return date(self.year, 12, 31)
        if k == DeadlineKind.years:
            return date(self.until or self.year, 12, 31)
        if k == DeadlineKind.quarter:
            month = 3 * (self.quarter or 4)
            return last_day(self.year, month)
        if k == DeadlineKind.month:
            return last_day(self.year, self.month or 12)
        if k == DeadlineKind.by_date:
            return date(self.year, self.month or 12, self.day or 31)
        return None


def last_day(year: int, month: int) -> date:
    """The last day of ``month`` in ``year`` (31/12, 30/6, 28 or 29/2)."""
    import calendar

    return date(year, month, calendar.monthrange(year, month)[1])


# --------------------------------------------------------------------------- clauses


class SourceRef(Strict):
    """Where a clause comes from (nguồn): a document and point, e.g. ``NQ57 III.1.4``.

    ``ref`` uses the short keys of clauses/README.md (the documents in docs/sources.md):
    ``NQ57``, ``NQ03``, ``NQ03 PL II #70``, ``NQ71``, ``KH01-BCĐTW``, ``KH02-BCĐTW``, ``NĐ179``,
    ``ĐA06``, ``TT02-BGDĐT``, ``seed 003 II.1``. ``unverified`` is set where docs/sources.md
    could not confirm the cited document (QĐ 970/QĐ-TTg).
    """

    ref: Text = Field(min_length=2)
    unverified: bool = False
    note: Text | None = None


class Applicability(Strict):
    """When a clause applies (phạm vi áp dụng).

    A clause applies when the unit kind is listed, the document kind is listed and, for an
    optional clause with ``sectors``, the profile has at least one of them.
    ``exclude_sectors`` removes the clause when the profile has any of them (e.g. a clause about
    rural villages in an urban ward). ``since`` (từ năm): the first plan year that may carry the
    clause, for work whose source did not exist before (Luật Chuyển đổi số of 11/12/2025, Đề án
    06 giai đoạn 2026 - 2030): a plan of an earlier year never cites a document issued after it
    (clauses/README.md §8).
    """

    units: list[UnitKind] = Field(default_factory=lambda: list(UnitKind))
    documents: list[DocKind] = Field(default_factory=lambda: list(DocKind))
    sectors: list[Sector] = Field(default_factory=list)
    exclude_sectors: list[Sector] = Field(default_factory=list)
    core: bool = True
    since: int | None = Field(default=None, ge=2024, le=2045)


class TaskClause(Strict):
    """A task clause (nhiệm vụ, giải pháp) of the library.

    ``text`` is the UBND wording (a Jinja template over the profile context, see
    :func:`nqgen.compose.core.context`); ``text_party`` the Party wording where it differs.
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
    areas: list[str] = Field(default_factory=list)  # lĩnh vực trọng tâm (library.yaml areas)

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


class TargetStep(Strict):
    """One step of a target's roadmap (lộ trình): the value to reach by ``year``.

    KH 01-KH/BCĐTW sets such roadmaps (80% of adults by 2025, 100% by 2026).
    """

    year: int
    value: float
    comparison: Comparison | None = None  # defaults to the target's


class TargetClause(Strict):
    """A target clause (chỉ tiêu): indicator, unit, comparison, value, year, monitoring body.

    ``value`` is a number (percent, count) printed with babel's ``vi`` locale; ``monitor`` is
    the role key of the body that tracks it (cơ quan chủ trì theo dõi). The year is absolute
    (``year``: a fixed horizon such as NQ 57's 2030) or relative to the plan year (``offset``:
    0 = by the end of the plan year). ``steps`` give a roadmap: a plan for year Y takes the
    first step not earlier than Y (the last one, reached by Y, when all are earlier).
    """

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    indicator: Text = Field(min_length=10)
    unit: Text
    comparison: Comparison = Comparison.ge
    value: float = 0
    year: int | None = None
    offset: int | None = Field(default=None, ge=0, le=10)
    steps: list[TargetStep] = Field(default_factory=list)
    monitor: str
    monitor_party: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)
    applies: Applicability = Field(default_factory=Applicability)
    areas: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _when(self) -> TargetClause:
        if self.steps:
            if self.year is not None or self.offset is not None:
                raise ValueError("chỉ tiêu có lộ trình (steps) không ghi thêm 'year' hay 'offset'")
            years = [s.year for s in self.steps]
            if years != sorted(set(years)):
                raise ValueError("các bước của lộ trình phải theo năm tăng dần, không trùng năm")
        elif (self.year is None) == (self.offset is None):
            raise ValueError("chỉ tiêu cần đúng một trong hai trường 'year' hoặc 'offset'")
        return self

    def resolve(
        self, plan_year: int, within_year: bool = False
    ) -> tuple[Comparison, float, int]:
        """(comparison, value, year) of the target in a plan for ``plan_year``: never a year
        before the plan year (a reached roadmap is kept as the level to hold in that year).

        ``within_year`` (the annual plan, Kế hoạch chuyển đổi số năm Y): the year is always Y
        and the value is the one chosen above — the roadmap's step of Y (between two steps the
        next one, after the last the last), else the target's value (clauses/README.md §9).
        """
        if self.steps:
            step = next((s for s in self.steps if s.year >= plan_year), self.steps[-1])
            comparison, value, year = (
                step.comparison or self.comparison, step.value, max(step.year, plan_year)
            )
        elif self.offset is not None:
            comparison, value, year = self.comparison, self.value, plan_year + self.offset
        else:
            assert self.year is not None
            comparison, value, year = self.comparison, self.value, max(self.year, plan_year)
        return comparison, value, plan_year if within_year else year


class Role(Strict):
    """A role (vai trò) a body plays; ``sides`` says which issuers have such a body.

    ``ubnd``: a body of, or working beside, the People's Committee; ``party``: a body the
    party committee directs in a KH/ĐU (QĐ 298-QĐ/TW; docs/sources.md §6). ``leads`` lists the
    issuers whose plan may make the body the lead of a task (default: every side): a UBND plan
    assigns work to its own bodies and may only request (đề nghị) the HĐND, the Fatherland
    Front, the mass organisations and the party committee (Luật Tổ chức chính quyền địa phương
    2025, Điều 21-22; docs/architecture.md, "A UBND plan assigns work to UBND bodies").
    """

    name: Text
    sides: list[Literal["ubnd", "party"]]
    leads: list[Literal["ubnd", "party"]] | None = None

    def may_lead(self, side: str) -> bool:
        """Whether a plan of ``side`` (``ubnd`` or ``party``) may make this body a lead."""
        return side in (self.leads if self.leads is not None else self.sides)


class FocusArea(Strict):
    """A priority area a commune may pick (lĩnh vực trọng tâm), ``clauses/library.yaml`` areas.

    ``label`` is what the wizard shows; ``default_for`` lists unit kinds and sectors whose
    default profile takes the area when the profile names no focus.
    """

    label: Text
    default_for: list[str] = Field(default_factory=list)


class Duty(Strict):
    """One entry of the section on implementation (tổ chức thực hiện): a body's duties
    (``role``, printed under the body's name, plus ``suffix``) or a common point (``heading``).
    A KH-UBND prints a body's duties when the body has a task in the plan, or ``always``
    (the requests to the HĐND and the Fatherland Front)."""

    role: str | None = None
    heading: Text | None = None
    suffix: Text | None = None
    text: Text
    always: bool = False  # printed even when the body leads or joins no task

    @model_validator(mode="after")
    def _one(self) -> Duty:
        if (self.role is None) == (self.heading is None):
            raise ValueError("mỗi mục cần đúng một trong hai trường 'role' hoặc 'heading'")
        return self


class FixedEntry(Strict):
    """A paragraph of a fixed section printed only in the full scope (``full: true``): the
    concise plan keeps the sections as short as the real ones (seed 003 has three purposes
    and two requirements)."""

    text: Text
    full: bool = True


Paragraphs = list[Text | FixedEntry]
"""The paragraphs of a fixed section: plain texts, or entries printed only in full scope."""


def paragraphs(items: Paragraphs, scope: Scope) -> list[str]:
    """The texts of ``items`` a plan of ``scope`` prints."""
    return [
        x if isinstance(x, str) else x.text
        for x in items
        if isinstance(x, str) or scope == Scope.full or not x.full
    ]


class UbndTexts(Strict):
    """The fixed sections of a KH-UBND (``clauses/texts.yaml``, key ``kh-ubnd``): I (purpose,
    requirements), II (goals, vision), IV (assignment), V (funding), VI (organisation), the
    closing sentence."""

    purpose: Paragraphs
    requirements: Paragraphs
    goal_general: Text
    goal_specific: Text
    goals: Paragraphs = Field(default_factory=list)
    vision: Text
    assignment: Text
    funding: Paragraphs
    organisation: list[Duty]
    closing: Text


class PartyTexts(Strict):
    """The fixed sections of a KH/ĐU (``clauses/texts.yaml``, key ``kh-du``; seed 002)."""

    opening: Text
    purpose: Paragraphs
    requirements: Paragraphs
    goal_general: Text
    goal_specific: Text
    goals: Paragraphs = Field(default_factory=list)
    vision: Text
    assignment: Text
    organisation: list[Duty]
    closing: Text


class TextSection(Strict):
    """A sub-section of fixed text: its heading and paragraphs (the review of the year before
    that opens an annual plan)."""

    heading: Text
    paragraphs: list[Text]


class AnnualUbndTexts(Strict):
    """The fixed sections of the annual KH-UBND (Kế hoạch chuyển đổi số năm Y;
    ``clauses/texts.yaml``, ``annual`` → ``kh-ubnd``): I (review of the year before), II
    (purpose, requirements), III (goals of the year), V (assignment), VI (funding), the
    closing; VII (organisation) uses the duties of the implementation plan."""

    review: list[TextSection]
    purpose: Paragraphs
    requirements: Paragraphs
    goal_general: Text
    goal_specific: Text
    assignment: Text
    funding: Paragraphs
    closing: Text


class AnnualPartyTexts(Strict):
    """The fixed sections of the annual KH/ĐU (``annual`` → ``kh-du``): the opening, I
    (review), II (purpose, requirements), III (goals of the year), the assignment line, the
    reporting entry that ends section V (the duties are those of the implementation plan),
    the closing."""

    opening: Text
    review: list[TextSection]
    purpose: Paragraphs
    requirements: Paragraphs
    goal_general: Text
    goal_specific: Text
    assignment: Text
    reporting: Duty
    closing: Text


class AnnualTexts(Strict):
    """The fixed texts of the annual plan of each document kind."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    kh_ubnd: AnnualUbndTexts = Field(alias="kh-ubnd")
    kh_du: AnnualPartyTexts = Field(alias="kh-du")


class Texts(Strict):
    """``clauses/texts.yaml``: the fixed texts of each document kind, and of the annual plan
    of each (``annual``)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    kh_ubnd: UbndTexts = Field(alias="kh-ubnd")
    kh_du: PartyTexts = Field(alias="kh-du")
    annual: AnnualTexts


class Library(Strict):
    """The clause library (thư viện điều khoản) loaded from ``clauses/``.

    ``version`` comes from ``clauses/library.yaml``; ``content_hash`` is the SHA-256 of the
    library files, recorded in every Plan so a plan can say exactly what it was composed from.
    """

    version: str
    content_hash: str = ""
    roles: dict[str, Role] = Field(default_factory=dict)  # role key -> description, sides
    areas: dict[str, FocusArea] = Field(default_factory=dict)  # focus areas (lĩnh vực trọng tâm)
    retired: dict[str, str | None] = Field(default_factory=dict)  # retired id -> successor
    groups: list[TaskGroup]
    targets: list[TargetClause] = Field(default_factory=list)
    texts: Texts  # the fixed sections (I, II, IV, V, VI ...) of each document kind

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

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_typed(cls, v: Any) -> Any:
        """A full ``22/12/2024`` as typed (a parent's date is never guessed: day and month
        are required); ISO dates as YAML writes them pass through."""
        if isinstance(v, str) and not v.strip():
            return None
        if isinstance(v, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v.strip()):
            parts = date_parts(v)
            if len(parts) != 3:
                raise ValueError(f"ghi đủ ngày/tháng/năm, ví dụ 22/12/2024 (không phải '{v}')")
            return calendar_day(parts[2], parts[1], parts[0])
        return v


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
        if re.match(r"^(GS|PGS|TS|ThS|BS|KS|CN)\.?\s", v):
            raise ValueError("không ghi học hàm, học vị trước họ tên người ký (NĐ 30, PL I II.7c)")
        return v


def document_number(v: str | None) -> str | None:
    """A document number (số văn bản) without its symbol: ASCII digits, at most 6, or blank."""
    if v is not None and v != "" and not re.fullmatch(r"[0-9]+", v):
        raise ValueError(
            f"số văn bản '{v}' không hợp lệ: chỉ gõ chữ số, ví dụ 15 (ký hiệu do nqgen thêm),"
            " hoặc để trống để điền khi ký"
        )
    if v is not None and len(v) > 6:
        raise ValueError("số văn bản quá dài (số thứ tự trong năm, tối đa 6 chữ số)")
    return v or None


def _number_as_text(v: Any) -> Any:
    """YAML reads an unquoted ``number: 15`` as an integer: take its digits."""
    return str(v) if isinstance(v, int) and not isinstance(v, bool) else v


#: A document number field (số văn bản), checked by :func:`document_number`.
DocumentNumber = Annotated[Text | None, AfterValidator(document_number)]
#: The same in a profile, where the number may be typed unquoted (``number: 15``).
TypedNumber = Annotated[DocumentNumber, BeforeValidator(_number_as_text)]


class Issuance(Strict):
    """What one issuer (UBND or Đảng ủy) needs for its document.

    ``number`` (số văn bản) without symbol, e.g. ``"15"``; ``None`` leaves the blank of a draft.
    Once the plan is signed, ``number`` and the full ``date`` record its issuance (ban hành):
    ``nqgen report`` cites the plan by them (:attr:`Plan.issued`).
    ``recipients`` (nơi nhận) are printed one per line with "- " and ";"; ``storage`` is the
    "Lưu" line content (``VT, VHXH`` for UBND; ``Văn phòng Đảng ủy`` for the party).
    """

    number: TypedNumber = None
    date: PartialDate | None = None
    signer: Signer = Field(default_factory=Signer)
    recipients: list[Text] = Field(default_factory=list)
    storage: Text | None = None
    summary: Text | None = None  # trích yếu; a default is composed when missing


class PartyCommittee(Issuance):
    """The party committee side of a profile (Đảng ủy xã, issued by its Ban Thường vụ).

    ``superior`` is the line above the committee (``ĐẢNG BỘ TỈNH QUẢNG NGÃI``; HD 05 2.1.2c).
    When ``number`` and ``date`` are known, the UBND plan cites this plan as a parent
    (as seed Xốp cites 04-KH/ĐU ngày 14/8/2025).

    ``title`` is the type name (tên loại): ``KẾ HOẠCH HÀNH ĐỘNG`` as in seed 002, or
    ``KẾ HOẠCH``. ``appendix`` adds Phụ lục 1, the task-assignment table (HD 05 II.1); a party
    plan leads and directs and has none unless the profile asks (seed 002 has none).
    The signer is the Bí thư, or a Phó Bí thư signing ``T/M BAN THƯỜNG VỤ`` / ``PHÓ BÍ THƯ``
    (HD 05 7.1.4b: a committee never signs ``K/T``); a profile that gives only the name gets
    ``BÍ THƯ`` (or ``PHÓ BÍ THƯ`` with ``authority: KT``), never the UBND default ``CHỦ TỊCH``.
    """

    superior: Text | None = None
    signer: Signer = Field(default_factory=lambda: Signer(authority="TM", title="BÍ THƯ"))
    storage: Text | None = "Văn phòng Đảng ủy"
    summary_of_plan: Text | None = None  # how the UBND plan names it when citing
    title: Literal["KẾ HOẠCH HÀNH ĐỘNG", "KẾ HOẠCH"] = "KẾ HOẠCH HÀNH ĐỘNG"
    appendix: bool = False

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


class Baseline(Strict):
    """A baseline figure (hiện trạng) of a target: its value measured in ``year``."""

    value: float
    year: int = Field(ge=2015, le=2045)


class LocalTask(Strict):
    """A task of the commune's own (nhiệm vụ, dự án riêng của địa phương), such as seed Xốp's
    "Appmini nền tảng số nông dân" or its camera centre: printed in section III and Phụ lục II
    under ``group`` like a library clause, with the commune itself as its source."""

    group: str
    text: Text = Field(min_length=10)
    summary: Text | None = None
    lead: str
    partners: list[str] = Field(default_factory=list)
    deadline: Deadline
    product: Text = Field(min_length=3)


class LocalFacts(Strict):
    """What makes the plan the commune's own (đặc điểm riêng của địa phương), used in the
    texts where given (clauses/README.md §6): its villages (names or count), key products
    (OCOP, nông sản chủ lực), tourism sites, its own digital platforms, baseline figures of
    targets (by target id) and its own tasks and projects."""

    villages: list[Text] = Field(default_factory=list)
    village_count: int | None = Field(default=None, ge=1, le=500)
    products: list[Text] = Field(default_factory=list)
    tourism: list[Text] = Field(default_factory=list)
    platforms: list[Text] = Field(default_factory=list)
    baselines: dict[str, Baseline] = Field(default_factory=dict)
    tasks: list[LocalTask] = Field(default_factory=list)


def reporting_dates(v: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Yearly report dates (mốc báo cáo) as (day, month) pairs that every year has."""
    for day, month in v:
        if not 1 <= month <= 12:
            raise ValueError(f"tháng {month} không có thật: tháng chỉ từ 1 đến 12")
        if not 1 <= day <= 31:
            raise ValueError(f"ngày {day} không có thật")
        date(2025, month, day)  # raises for 31/4, 29/2 (not every year has it)
    return v


class AnnualIssue(Strict):
    """The number and date of one issuer's annual plan (số, ngày của Kế hoạch chuyển đổi số
    năm Y): blank until signing, as drafts are; ``summary`` replaces the default trích yếu.
    The signer, recipients and storage line are the issuer's own (``ubnd``, ``party``)."""

    number: TypedNumber = None
    date: PartialDate | None = None
    summary: Text | None = None


class AnnualPlan(Strict):
    """The annual plan (Kế hoạch chuyển đổi số năm Y) of a profile whose ``type`` is
    ``annual`` (clauses/README.md §15).

    ``year`` is Y (default: the profile's ``year``, else the year of the annual plan's date,
    else this year). ``ubnd`` and ``party`` hold the annual plan's own number and date; the
    profile's ``ubnd`` and ``party`` stay those of the implementation plan, which the annual
    plan cites (blank number and day where the profile has none, never invented).
    ``parents`` are documents only the annual plan cites (the guidance letter of Bộ Khoa học
    và Công nghệ for year Y, the province's plan for year Y); ``previous`` is the annual plan
    of the year before, which the review section (I) measures the results against.
    """

    year: int | None = Field(default=None, ge=2025, le=2030)
    ubnd: AnnualIssue = Field(default_factory=AnnualIssue)
    party: AnnualIssue = Field(default_factory=AnnualIssue)
    parents: list[ParentDocument] = Field(default_factory=list)
    previous: ParentDocument | None = None


class Profile(Strict):
    """A commune profile (hồ sơ đơn vị): everything nqgen needs to write its plans.

    ``bodies`` maps role keys (see ``clauses/library.yaml`` roles) to the display names the
    commune uses; missing roles fall back to the unit-kind defaults of
    ``profiles/defaults.yaml``. ``reporting`` lists the yearly report dates (day, month),
    e.g. before 10/6 and 20/11. ``targets`` overrides a target's value by id.

    ``year`` is the plan year; when blank it is the year of the plan's date, or today's year
    (:meth:`plan_year`). ``scope`` chooses a concise plan (default) or the full library;
    ``focus`` names 3-5 priority areas (``clauses/library.yaml`` areas), ``include`` and
    ``exclude`` add or remove clauses by id; ``local`` holds the commune's own facts and tasks.
    ``type`` chooses the implementation plan (default) or the annual plan of year Y
    (``annual``: its year, number and date; :class:`AnnualPlan`).
    """

    unit: Unit
    kind: DocKind = DocKind.kh_ubnd
    type: PlanType = PlanType.implementation
    year: int | None = Field(default=None, ge=2025, le=2030)
    scope: Scope = Scope.concise
    village_term: Text | None = None
    sectors: list[Sector] = Field(default_factory=list)
    focus: list[str] = Field(default_factory=list, max_length=5)
    parents: list[ParentDocument] = Field(default_factory=list)
    bodies: dict[str, Text] = Field(default_factory=dict)
    focal: str = "culture_society"
    ubnd: Issuance = Field(default_factory=Issuance)
    party: PartyCommittee = Field(default_factory=PartyCommittee)
    reporting: list[tuple[int, int]] = Field(default_factory=lambda: [(10, 6), (20, 11)])
    targets: dict[str, float] = Field(default_factory=dict)
    include: list[str] = Field(default_factory=list)  # clause ids to add
    exclude: list[str] = Field(default_factory=list)  # clause ids to leave out
    local: LocalFacts = Field(default_factory=LocalFacts)
    annual: AnnualPlan = Field(default_factory=AnnualPlan)
    library_version: str | None = None

    @field_validator("reporting")
    @classmethod
    def _valid_reporting(cls, v: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return reporting_dates(v)

    def plan_year(
        self, kind: DocKind | None = None, today: date | None = None,
        type: PlanType | None = None,
    ) -> int:
        """The plan year (năm của Kế hoạch): ``year`` when given, else the year of the plan's
        own date (UBND or party, by ``kind``), else the year of ``today``. The annual plan
        (``type`` ``annual``) takes ``annual.year`` first and its own date."""
        party = (kind or self.kind) == DocKind.kh_du
        own: PartialDate | None
        if (type or self.type) == PlanType.annual:
            if self.annual.year is not None:
                return self.annual.year
            own = (self.annual.party if party else self.annual.ubnd).date
        else:
            own = (self.party if party else self.ubnd).date
        if self.year is not None:
            return self.year
        if own is not None:
            return own.year
        return (today or date.today()).year


# --------------------------------------------------------------------------- plan


class Block(Strict):
    """One paragraph of the body: ``h1`` (I. MỤC ĐÍCH...), ``h2`` (1. Mục đích), ``body``.

    ``key`` names what wrote it (a clause id, ``group:<id>``, ``duty:<role>``, else its place
    ``p<n>``) and ``basis`` is the hash of the text as composed (:mod:`nqgen.compose.basis`):
    ``nqgen update`` tells the user's edits from the library's by them.
    """

    style: Literal["h1", "h2", "h3", "body"]
    text: Text
    key: str | None = None
    basis: str | None = None


class TaskRow(Strict):
    """One row of the task-assignment appendix (Phụ lục II / Phụ lục 1 of a KH/ĐU)."""

    number: Text  # STT, e.g. "1", "2"
    clause: str  # clause id
    content: Text  # nội dung
    lead: Text  # cơ quan chủ trì
    partners: Text  # cơ quan phối hợp
    deadline: Text  # thời gian thực hiện
    note: Text = ""  # ghi chú / sản phẩm
    reason: Text = ""  # why the row is in the plan (nqgen trace)
    basis: dict[str, str] = Field(default_factory=dict)  # field -> hash as composed (update)


class TaskGroupRows(Strict):
    """A bold group row (``I``, ``II``...) and its tasks in the appendix."""

    number: Text
    title: Text
    group: str
    nq57: str | None = None
    rows: list[TaskRow]


class TargetRow(Strict):
    """One row of Phụ lục I (chỉ tiêu): TT, Chỉ tiêu, Đơn vị tính, Mức phấn đấu, Năm đạt,
    Cơ quan chủ trì theo dõi. The value stays structured (comparison + number) until it is
    printed (:meth:`value_text`, :meth:`amount`)."""

    number: Text
    target: str  # target id
    indicator: Text
    unit: Text
    comparison: Comparison
    value: float
    year: int
    monitor: Text
    baseline: Baseline | None = None
    reason: Text = ""
    basis: str | None = None  # hash of the row as composed (nqgen update)

    def value_text(self) -> str:
        """The Phụ lục I cell: ``Trên 80``, ``≥ 80``, ``100`` (babel ``vi`` numbers)."""
        prefix = {Comparison.gt: "Trên ", Comparison.ge: "≥ ", Comparison.eq: ""}
        return prefix[self._comparison()] + vn.number(self.value)

    def _comparison(self) -> Comparison:
        """"At least 100%" is 100%: a share cannot go higher."""
        if self.unit.startswith("%") and self.value >= 100:
            return Comparison.eq
        return self.comparison

    def amount(self) -> str:
        """The figure as a sentence says it: ``trên 80%``, ``từ 80% trở lên``, ``100%``,
        ``ít nhất 2 mô hình``."""
        unit = self.unit
        figure = vn.number(self.value) + (unit if unit.startswith("%") else f" {unit}")
        if unit.startswith("%"):
            figure = vn.number(self.value) + "%" + unit[1:]
        comparison = self._comparison()
        if comparison == Comparison.gt:
            return f"trên {figure}"
        if comparison == Comparison.ge:
            return f"từ {figure} trở lên" if unit.startswith("%") else f"ít nhất {figure}"
        return figure


class Conflict(Strict):
    """A text both the user and the library changed since the plan was composed (xung đột):
    the plan keeps the user's text; ``library`` is the library's new text, kept here until the
    user resolves it (keeps one of the two and deletes this entry). ``where`` names the place
    (``body:<key>``, ``row:<clause>.<field>``, ``target:<id>``, ``plan:<field>``)."""

    where: str
    label: Text
    library: Text


class PlanMeta(Strict):
    """Provenance of a Plan: nqgen and clause-library versions and the library content hash.

    ``profile`` is the profile file as given; ``profile_copy`` the profile itself (what
    ``nqgen update`` composes again from, so the plan needs no other file); ``basis`` the
    hashes of the plan-level texts as composed; ``composed`` the places the plan had when
    composed (``body:<key>``, ``row:<clause>``, ``target:<id>``: a place missing from the plan
    was deleted by the user, and an update does not bring it back); ``conflicts`` what an
    update could not merge.
    """

    nqgen_version: str
    library_version: str
    library_hash: str
    profile: str | None = None
    profile_copy: Profile | None = None
    basis: dict[str, str] = Field(default_factory=dict)
    composed: list[str] = Field(default_factory=list)  # the places as composed (update)
    conflicts: list[Conflict] = Field(default_factory=list)


class Plan(Strict):
    """The composed document as plain data (kế hoạch đã soạn), editable as YAML and re-renderable.

    Everything the template prints is here, already resolved: body names, deadline texts,
    numbers of the appendix rows. Shapes: ``body`` is the ordered list of paragraphs after the
    opening; ``task_groups``/``targets`` feed the appendices.

    Issuance (ban hành): a plan is drafted with ``number`` blank and ``date`` without its day;
    once signed, the office records the number and the full date where the plan comes from —
    ``ubnd.number``/``ubnd.date`` (``party.*`` for a KH/ĐU) of the profile, or ``number`` and
    ``date`` of a plan file — and :attr:`issued` says so. The register and the report
    (``nqgen track``, ``nqgen report``) cite the plan by them. ``reporting`` keeps the
    profile's yearly report dates (day, month) for the calendar of ``nqgen track --ics``.
    """

    meta: PlanMeta
    kind: DocKind
    issuer_superior: Text | None = None  # ĐẢNG BỘ TỈNH ... (KH/ĐU only)
    issuer: list[Text]  # ["ỦY BAN NHÂN DÂN", "XÃ XỐP"] or ["ĐẢNG ỦY XÃ TÂN KHÁNH"]
    issuer_short: Text  # "Ủy ban nhân dân xã Xốp" (appendix caption)
    number: DocumentNumber = None
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
    year: int = 2025  # năm của Kế hoạch
    scope: Scope = Scope.concise
    reporting: list[tuple[int, int]] = Field(default_factory=list)  # (ngày, tháng) gửi báo cáo
    type: PlanType = PlanType.implementation  # loại kế hoạch

    @field_validator("reporting")
    @classmethod
    def _valid_reporting(cls, v: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return reporting_dates(v)

    @property
    def issued(self) -> bool:
        """Whether the plan is issued (đã ban hành): its number and full date are recorded."""
        return bool(self.number) and self.date.as_date() is not None

    def task_rows(self) -> list[TaskRow]:
        return [r for g in self.task_groups for r in g.rows]
