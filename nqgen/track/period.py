"""Report periods (kỳ báo cáo): quarter, six and nine months, year, a campaign month, and the
cumulative period from the plan's start.

A period is read from what a user types after ``--period`` (:func:`parse_period`), with or
without tone marks (``"6 tháng đầu năm 2026"``, ``"6 thang dau nam 2026"``, ``"quý II/2026"``,
``"q2-2026"``, ``"năm 2026"``, ``"tháng 3/2026"``, ``"lũy kế đến 30/6/2026"``); it knows its
first and last day, how a report names it (:attr:`Period.label`) and the period that follows
(:meth:`Period.next`), whose due tasks section IV of the report lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ..errors import UsageError
from ..models import last_day
from ..units import slugify
from ..vn import roman, roman_value, short_date


class PeriodKind(StrEnum):
    """Kinds of report period (loại kỳ báo cáo)."""

    month = "month"  # tháng (báo cáo của các đợt cao điểm, chiến dịch 100 ngày)
    quarter = "quarter"  # quý
    half = "half"  # 6 tháng (đầu năm: 1; cuối năm: 2)
    nine_months = "nine_months"  # 9 tháng đầu năm
    year = "year"  # năm
    cumulative = "cumulative"  # lũy kế từ khi ban hành Kế hoạch


@dataclass(frozen=True)
class Period:
    """A report period (kỳ báo cáo): ``start`` to ``end``, both days included; ``number`` is
    the month (1-12), quarter (1-4) or half (1-2) of ``year``."""

    kind: PeriodKind
    start: date
    end: date
    year: int
    number: int = 0

    @property
    def label(self) -> str:
        """How a report names the period: ``6 tháng đầu năm 2026``, ``quý II năm 2026``,
        ``tháng 3 năm 2026``, ``năm 2026``, ``từ khi ban hành Kế hoạch đến ngày 30/6/2026``."""
        k, y = self.kind, self.year
        if k == PeriodKind.month:
            return f"tháng {self.number} năm {y}"
        if k == PeriodKind.quarter:
            return f"quý {roman(self.number)} năm {y}"
        if k == PeriodKind.half:
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {y}"
        if k == PeriodKind.nine_months:
            return f"9 tháng đầu năm {y}"
        if k == PeriodKind.year:
            return f"năm {y}"
        return f"từ khi ban hành Kế hoạch đến ngày {short_date(self.end)}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def next(self) -> Period:
        """The period that follows (kỳ tới): the next month, quarter, half or year; the fourth
        quarter after nine months; the quarter after the end of a cumulative period."""
        k, y, n = self.kind, self.year, self.number
        if k == PeriodKind.month:
            return month(y + n // 12, n % 12 + 1)
        if k == PeriodKind.quarter:
            return quarter(y + n // 4, n % 4 + 1)
        if k == PeriodKind.half:
            return half(y + n // 2, n % 2 + 1)
        if k == PeriodKind.nine_months:
            return quarter(y, 4)
        if k == PeriodKind.year:
            return whole_year(y + 1)
        after = self.end + timedelta(days=1)
        return quarter(after.year, (after.month - 1) // 3 + 1)


def month(year: int, number: int) -> Period:
    return Period(PeriodKind.month, date(year, number, 1), last_day(year, number), year, number)


def quarter(year: int, number: int) -> Period:
    first = 3 * number - 2
    return Period(
        PeriodKind.quarter, date(year, first, 1), last_day(year, first + 2), year, number
    )


def half(year: int, number: int) -> Period:
    first = 1 if number == 1 else 7
    return Period(PeriodKind.half, date(year, first, 1), last_day(year, first + 5), year, number)


def nine_months(year: int) -> Period:
    return Period(PeriodKind.nine_months, date(year, 1, 1), date(year, 9, 30), year)


def whole_year(year: int) -> Period:
    return Period(PeriodKind.year, date(year, 1, 1), date(year, 12, 31), year)


EXAMPLES = (
    '"quý II/2026", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026", "9 tháng 2026", '
    '"năm 2026", "tháng 3/2026", "lũy kế đến 30/6/2026"'
)

_YEAR = r"(?:-nam)?(?:-(\d{4}))?"


def _simple(key: str, default_year: int) -> Period | None:
    """A period other than the cumulative one, from its slug (``6-thang-dau-nam-2026``)."""

    def year_of(m: re.Match[str], group: int) -> int:
        return int(m[group]) if m[group] else default_year

    if m := re.fullmatch(r"(?:quy-|q)(iv|iii|ii|i|[1-4])" + _YEAR, key):
        number = int(m[1]) if m[1].isdigit() else roman_value(m[1].upper())
        assert number is not None  # the pattern takes i to iv only
        return quarter(year_of(m, 2), number)
    if m := re.fullmatch(r"6-thang(?:-(dau|cuoi))?" + _YEAR, key):
        return half(year_of(m, 2), 2 if m[1] == "cuoi" else 1)
    if m := re.fullmatch(r"9-thang(?:-dau)?" + _YEAR, key):
        return nine_months(year_of(m, 1))
    if m := re.fullmatch(r"(?:ca-)?nam(?:-(\d{4}))?", key):
        return whole_year(year_of(m, 1))
    if m := re.fullmatch(r"thang-(\d{1,2})" + _YEAR, key):
        if not 1 <= int(m[1]) <= 12:
            return None
        return month(year_of(m, 2), int(m[1]))
    return None


def parse_period(text: str, plan_start: date, today: date | None = None) -> Period:
    """The period a user typed (see the module docstring). A period without a year is in the
    year of ``today``. A cumulative period ("lũy kế") runs from ``plan_start`` to the day or
    the end of the period named after "đến". Raises UsageError (Vietnamese, with examples)."""
    key = slugify(text)
    default_year = (today or date.today()).year
    found: Period | None
    if m := re.fullmatch(r"luy-ke(?:-tu-dau-ky(?:-ke-hoach)?)?-den(?:-het)?(?:-ngay)?-(.+)", key):
        rest = m[1]
        end: date | None = None
        if d := re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", rest):
            try:
                end = date(int(d[3]), int(d[2]), int(d[1]))
            except ValueError:
                end = None
        elif (inner := _simple(rest, default_year)) is not None:
            end = inner.end
        if end is None:
            raise UsageError(
                f"Không hiểu mốc cuối của kỳ lũy kế '{text}': ghi ngày (vd. \"lũy kế đến "
                "30/6/2026\") hoặc một kỳ (vd. \"lũy kế đến hết quý II/2026\")."
            )
        if end < plan_start:
            raise UsageError(
                f"Kỳ lũy kế '{text}' kết thúc trước ngày bắt đầu Kế hoạch "
                f"({short_date(plan_start)})."
            )
        found = Period(PeriodKind.cumulative, plan_start, end, end.year)
    elif key.startswith("luy-ke"):
        raise UsageError(
            f"Kỳ lũy kế '{text}' cần mốc cuối, vd. \"lũy kế đến 30/6/2026\" hoặc "
            "\"lũy kế đến hết năm 2026\"."
        )
    else:
        found = _simple(key, default_year)
    if found is None:
        raise UsageError(f"Không hiểu kỳ báo cáo '{text}'. Ví dụ: {EXAMPLES}.")
    if found.end < plan_start:
        raise UsageError(
            f"Kỳ báo cáo {found.label} kết thúc trước khi Kế hoạch bắt đầu "
            f"({short_date(plan_start)}): kiểm tra lại năm của kỳ báo cáo."
        )
    return found
