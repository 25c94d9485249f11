"""The plan's calendar (lịch công việc): task deadlines and reporting dates as an iCalendar file
(RFC 5545, the ``icalendar`` library) that Outlook, Google Calendar or a phone imports.

- one all-day event per task with a concrete deadline, on its last day
  (:meth:`nqgen.models.Deadline.due`: ``Quý IV/2026`` → 31/12/2026), with a reminder a week
  before; Thường xuyên / Hằng năm tasks have no single date and no event;
- one yearly all-day event per reporting date of the plan (the profile's ``reporting``,
  "trước ngày 10/6 và 20/11 hằng năm"), from the plan's year to the last year it names, with
  a reminder three days before.

The same plan always gives the same bytes: UIDs are derived from the plan's identity and the
task's clause id (re-importing updates the events instead of doubling them), DTSTAMP is the
plan's date.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from ..models import Plan
from .register import plan_ref, task_due


def _uid(plan: Plan, key: str) -> str:
    # not the number: a calendar made from the draft and again once signed keeps its UIDs
    ident = f"{plan.kind.value}|{plan.issuer_short}|{plan.year}|{key}"
    return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:24] + "@nqgen"


def _alarm(days: int, text: str):  # type: ignore[no-untyped-def]
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", timedelta(days=-days))
    return alarm


def build_calendar(plan: Plan) -> bytes:
    """The calendar of ``plan`` as ``.ics`` bytes (UTF-8, CRLF lines)."""
    from icalendar import Calendar, Event

    ref = plan_ref(plan)
    cal = Calendar()
    cal.add("prodid", "-//nqgen//Lịch thực hiện Kế hoạch//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Thực hiện {ref}")
    issued = plan.date.as_date() or date(plan.year, plan.date.month or 1, 1)
    stamp = datetime(issued.year, issued.month, issued.day, tzinfo=UTC)
    last_year = plan.year
    for group in plan.task_groups:
        for row in group.rows:
            due = task_due(row.deadline)
            if due is None:
                continue
            last_year = max(last_year, due.year)
            event = Event()
            event.add("uid", _uid(plan, row.clause))
            event.add("dtstamp", stamp)
            event.add("dtstart", due)
            event.add("dtend", due + timedelta(days=1))
            event.add("summary", f"Hạn nhiệm vụ {row.number}: {row.content}")
            lines = [
                f"Nhiệm vụ {row.number} ({group.number}. {group.title})",
                f"Cơ quan chủ trì: {row.lead}",
            ]
            if row.partners:
                lines.append(f"Cơ quan phối hợp: {row.partners}")
            lines.append(f"Thời gian thực hiện: {row.deadline}")
            if row.note:
                lines.append(f"Sản phẩm: {row.note}")
            lines.append(f"Theo {ref}.")
            event.add("description", "\n".join(lines))
            event.add("categories", ["Nhiệm vụ"])
            event.add("transp", "TRANSPARENT")
            event.add_component(_alarm(7, f"Còn 7 ngày đến hạn nhiệm vụ {row.number}"))
            cal.add_component(event)
    last_year = max([last_year, *(t.year for t in plan.targets)])
    for day, month in plan.reporting:
        first = date(plan.year, month, day)
        if first < issued:
            first = date(plan.year + 1, month, day)
        if first.year > last_year:
            continue
        event = Event()
        event.add("uid", _uid(plan, f"report-{day:02d}-{month:02d}"))
        event.add("dtstamp", stamp)
        event.add("dtstart", first)
        event.add("dtend", first + timedelta(days=1))
        event.add("rrule", {"freq": "yearly", "count": last_year - first.year + 1})
        event.add("summary", f"Hạn gửi báo cáo kết quả thực hiện Kế hoạch ({day:02d}/{month:02d})")
        event.add(
            "description",
            f"Báo cáo định kỳ kết quả thực hiện {ref}, gửi trước ngày {day:02d}/{month:02d} "
            "hằng năm.",
        )
        event.add("categories", ["Báo cáo"])
        event.add("transp", "TRANSPARENT")
        event.add_component(_alarm(3, "Còn 3 ngày đến hạn gửi báo cáo"))
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
