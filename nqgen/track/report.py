"""The periodic report (báo cáo định kỳ) on a plan: composed from the Plan and its register.

A KH-UBND gives a BÁO CÁO of the People's Committee (symbol ``BC-UBND``, NĐ 30/2020 format);
a KH/ĐU one of the party committee (``BC/ĐU``, Hướng dẫn 05-HD/VPTW). The outline is the one
commune reports share:

- I. Công tác lãnh đạo, chỉ đạo — the plan's issuance (number, date, tasks, bodies), then a
  blank the office fills in;
- II. Kết quả thực hiện — counts by status, targets with figures, then per task group the
  results and evidence the register holds;
- III. Tồn tại, hạn chế, nguyên nhân — the tasks late, at risk or past their deadline;
  the causes are the office's to write;
- IV. Phương hướng, nhiệm vụ thời gian tới — the tasks due in the next period;
- V. Đề xuất, kiến nghị — the office's;
- appendices in landscape: the tasks (STT | Nhiệm vụ | Cơ quan chủ trì | Kết quả | Tiến độ)
  and the targets (Chỉ tiêu | Kế hoạch | Thực hiện | Đánh giá).

Nothing is invented: what the data cannot say is a visible blank, a paragraph in square
brackets starting "[Bổ sung: …]" — as offices mark what a draft still needs — for the office to
replace before signing. A task marked completed without evidence was already counted as in
progress when the register was read (:func:`nqgen.track.register.read_register`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..models import Comparison, DocKind, PartialDate, Plan, TargetRow, TaskRow
from ..vn import doc_number, number, point, short_date
from .period import Period
from .register import Register, Status, TaskEntry, about, plan_ref, task_due

SYMBOL = {DocKind.kh_ubnd: "BC-UBND", DocKind.kh_du: "BC/ĐU"}

#: The blanks the office fills in (văn phòng tự viết), by section.
PROMPTS = {
    "leadership": "[Bổ sung: các văn bản lãnh đạo, chỉ đạo, đôn đốc đã ban hành trong kỳ; hội "
    "nghị quán triệt, tuyên truyền; kiểm tra, giám sát việc thực hiện Kế hoạch.]",
    "results": "[Bổ sung: đánh giá chung về kết quả, mô hình, cách làm hiệu quả trong kỳ.]",
    "causes": "[Bổ sung: nguyên nhân khách quan, chủ quan của những tồn tại, hạn chế.]",
    "next": "[Bổ sung: các nhiệm vụ, giải pháp trọng tâm khác trong thời gian tới.]",
    "proposals": "[Bổ sung: đề xuất, kiến nghị với cấp trên (nếu có).]",
}

#: Order of the statuses in counts and sentences.
ORDER = (
    Status.done, Status.on_track, Status.in_progress, Status.at_risk, Status.late,
    Status.not_started,
)


@dataclass
class Report:
    """A composed report: the header values, the body blocks (``style`` h1/h2/body/prompt,
    ``text``), the appendix rows and the counts by status."""

    plan: Plan
    period: Period
    number: str | None
    date: PartialDate
    summary: str
    opening: str
    body: list[dict[str, str]]
    closing: str
    task_groups: list[dict[str, Any]]
    targets: list[dict[str, str]]
    counts: dict[Status, int] = field(default_factory=dict)

    @property
    def symbol(self) -> str:
        return SYMBOL[self.plan.kind]


def evidence_text(entry: TaskEntry) -> str:
    """``Quyết định số 12/QĐ-UBND ngày 03/3/2026`` — the document that completed a task, as
    the register gives it (a bare ``12/QĐ-UBND`` becomes ``văn bản số 12/QĐ-UBND``)."""
    text = entry.evidence
    if not text:
        return ""
    if text[:1].isdigit():
        text = f"văn bản số {text}"
    if entry.evidence_date:
        text += f" ngày {short_date(entry.evidence_date)}"
    return text


def _sentence(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _meets(target: TargetRow, value: float) -> bool:
    if target.comparison == Comparison.gt:
        return value > target.value
    return value >= target.value


class _Composer:
    def __init__(self, plan: Plan, register: Register, period: Period):
        self.plan, self.register, self.period = plan, register, period
        self.party = plan.kind == DocKind.kh_du
        self.body: list[dict[str, str]] = []

    # ----------------------------------------------------------------- helpers

    def h1(self, n: int, text: str) -> None:
        numeral = ("I", "II", "III", "IV", "V")[n - 1]
        self.body.append({"style": "h1", "text": f"{numeral}{'-' if self.party else '.'} {text}"})

    def h2(self, text: str) -> None:
        self.body.append({"style": "h2", "text": text})

    def p(self, text: str) -> None:
        self.body.append({"style": "body", "text": text})

    def prompt(self, key: str) -> None:
        self.body.append({"style": "prompt", "text": PROMPTS[key]})

    def entry(self, row: TaskRow) -> TaskEntry:
        return self.register.tasks.get(row.clause) or TaskEntry(row.clause, 0)

    def overdue(self, row: TaskRow) -> bool:
        """Past its deadline at the end of the period and not completed."""
        due = task_due(row.deadline)
        return bool(due and due <= self.period.end and self.entry(row).status != Status.done)

    def task_line(self, row: TaskRow, tail: str) -> str:
        return f"- {row.content} ({row.lead}; thời hạn: {row.deadline}){tail}"

    # ----------------------------------------------------------------- sections

    def leadership(self, rows: list[TaskRow]) -> None:
        plan = self.plan
        leads = len({r.lead for r in rows})
        issued = plan.date.as_date()
        assert issued is not None
        issuer = "Ban Thường vụ Đảng ủy" if self.party else plan.issuer_short
        what = f"{len(rows)} nhiệm vụ cho {leads} cơ quan, đơn vị chủ trì"
        if plan.targets:
            what += f" và {len(plan.targets)} chỉ tiêu"
        self.h1(1, "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO")
        self.p(f"Ngày {short_date(issued)}, {issuer} ban hành {plan_ref(plan, full=False)}, "
               f"giao {what}.")
        self.prompt("leadership")

    def results(self, rows: list[TaskRow]) -> dict[Status, int]:
        period = self.period
        self.h1(2, "KẾT QUẢ THỰC HIỆN")
        self.h2("1. Kết quả chung")
        counts = {s: 0 for s in ORDER}
        for row in rows:
            counts[self.entry(row).status] += 1
        in_period = sum(
            1 for r in rows
            if self.entry(r).status == Status.done
            and (d := self.entry(r).evidence_date) is not None and period.contains(d)
        )
        self.p(
            f"Kế hoạch có {len(rows)} nhiệm vụ; đến hết kỳ báo cáo (ngày "
            f"{short_date(period.end)}), tình hình thực hiện như sau (chi tiết tại "
            f"{self.appendix_name(1)}):"
        )
        for i, status in enumerate(ORDER):
            extra = f" (trong kỳ: {in_period})" if status == Status.done and in_period else ""
            end = "." if i == len(ORDER) - 1 else ";"
            self.p(f"- {status.value}: {counts[status]} nhiệm vụ{extra}{end}")
        if self.plan.targets:
            self.target_summary()
        self.prompt("results")
        self.h2("2. Kết quả thực hiện các nhóm nhiệm vụ")
        for n, group in enumerate(self.plan.task_groups, 1):
            group_counts = {s: 0 for s in ORDER}
            for row in group.rows:
                group_counts[self.entry(row).status] += 1
            parts = [f"{s.phrase} {group_counts[s]}" for s in ORDER if group_counts[s]]
            self.p(f"{point(n)}) {group.title}: {len(group.rows)} nhiệm vụ, gồm "
                   + ", ".join(parts) + ".")
            for row in group.rows:
                entry = self.entry(row)
                evidence = evidence_text(entry)
                if entry.status == Status.done:
                    result = entry.result or "hoàn thành"
                    self.p(f"- {row.content}: {_sentence(result)[:-1]} ({evidence}).")
                elif entry.result:
                    self.p(f"- {row.content}: {_sentence(entry.result)[:-1]} "
                           f"({entry.status.phrase}).")
        return counts

    def target_summary(self) -> None:
        measured = [t for t in self.plan.targets if self.current(t) is not None]
        reached = [t for t in measured if _meets(t, self.current(t) or 0)]
        text = f"- Chỉ tiêu: Kế hoạch có {len(self.plan.targets)} chỉ tiêu; "
        if measured:
            text += (f"có số liệu {len(measured)} chỉ tiêu, trong đó đạt {len(reached)}, chưa "
                     f"đạt {len(measured) - len(reached)}; ")
        text += (f"chưa có số liệu {len(self.plan.targets) - len(measured)} chỉ tiêu (chi tiết "
                 f"tại {self.appendix_name(2)}).")
        self.p(text)

    def shortcomings(self, rows: list[TaskRow]) -> list[TaskRow]:
        self.h1(3, "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
        self.h2("1. Tồn tại, hạn chế")
        late = [
            r for r in rows
            if self.entry(r).status in (Status.late, Status.at_risk) or self.overdue(r)
        ]
        if not late:
            self.p("Trong kỳ không có nhiệm vụ chậm tiến độ, có nguy cơ chậm hoặc quá hạn.")
        else:
            self.p(f"Có {len(late)} nhiệm vụ chậm tiến độ, có nguy cơ chậm hoặc đã đến hạn mà "
                   "chưa hoàn thành:")
        for i, row in enumerate(late):
            entry = self.entry(row)
            state = entry.status.phrase
            if self.overdue(row):
                state += ", đã đến hạn nhưng chưa hoàn thành"
            if entry.note:
                state += f"; ghi chú: {entry.note[:1].lower()}{entry.note[1:]}"
            end = "." if i == len(late) - 1 else ";"
            self.p(self.task_line(row, f": {_sentence(state)[:-1]}{end}"))
        self.h2("2. Nguyên nhân")
        self.prompt("causes")
        return late

    def next_tasks(self, rows: list[TaskRow], late: list[TaskRow]) -> None:
        upcoming = self.period.next()
        self.h1(4, "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI")
        due = [
            r for r in rows
            if (d := task_due(r.deadline)) is not None and upcoming.contains(d)
            and self.entry(r).status != Status.done and r not in late
        ]
        if due:
            self.p(f"Tập trung hoàn thành các nhiệm vụ đến hạn trong {upcoming.label}:")
            for i, row in enumerate(due):
                self.p(self.task_line(row, "." if i == len(due) - 1 else ";"))
        else:
            self.p(f"Kế hoạch không có nhiệm vụ đến hạn trong {upcoming.label}.")
        if late:
            self.p("Khẩn trương hoàn thành các nhiệm vụ chậm tiến độ, quá hạn nêu tại mục III.")
        ongoing = [r for r in rows if task_due(r.deadline) is None]
        if ongoing:
            self.p(f"Tiếp tục thực hiện {len(ongoing)} nhiệm vụ thường xuyên, hằng năm theo Kế "
                   "hoạch.")
        self.prompt("next")

    def proposals(self) -> None:
        self.h1(5, "ĐỀ XUẤT, KIẾN NGHỊ")
        self.prompt("proposals")

    # ----------------------------------------------------------------- appendices

    def appendix_name(self, n: int) -> str:
        """``Phụ lục I`` (NĐ 30: Roman) or ``Phụ lục 1`` (HD 05: Arabic); a report with one
        appendix calls it ``Phụ lục`` without a number."""
        if not self.plan.targets:
            return "Phụ lục"
        return f"Phụ lục {n if self.party else ('I', 'II')[n - 1]}"

    def current(self, target: TargetRow) -> float | None:
        entry = self.register.targets.get(target.target)
        return entry.current if entry else None

    def task_table(self) -> list[dict[str, Any]]:
        groups = []
        for group in self.plan.task_groups:
            rows = []
            for row in group.rows:
                entry = self.entry(row)
                result = entry.result
                evidence = evidence_text(entry)
                if evidence:
                    result = f"{result} ({evidence})" if result else evidence[:1].upper() + \
                        evidence[1:]
                progress = entry.status.value
                if entry.progress is not None and entry.status != Status.done:
                    progress += f" ({number(entry.progress)}%)"
                if self.overdue(row):
                    progress += f"; quá hạn ({row.deadline})"
                rows.append({"number": row.number, "content": row.content, "lead": row.lead,
                             "result": result, "progress": progress})
            groups.append({"number": group.number, "title": group.title, "rows": rows})
        return groups

    def target_table(self) -> list[dict[str, str]]:
        out = []
        for t in self.plan.targets:
            entry = self.register.targets.get(t.target)
            current = entry.current if entry else None
            done = ""
            if current is not None:
                done = number(current)
                if entry and entry.measured:
                    done += f" ({short_date(entry.measured)})"
            if current is None:
                verdict = "Chưa có số liệu"
            elif _meets(t, current):
                verdict = "Đạt"
            elif t.year > self.period.end.year:
                verdict = f"Chưa đạt (mục tiêu đến năm {t.year})"
            else:
                verdict = "Chưa đạt"
            out.append({"number": t.number, "indicator": t.indicator, "unit": t.unit,
                        "planned": f"{t.value_text()} (năm {t.year})", "done": done,
                        "verdict": verdict})
        return out


def compose_report(
    plan: Plan,
    register: Register,
    period: Period,
    number_: str | None = None,
    date: PartialDate | None = None,
    where: str = "",
) -> Report:
    """The report of ``plan`` for ``period`` from ``register`` (see the module docstring).

    ``number_`` and ``date`` are the report's own (blank number and day as in a draft by
    default, dated in the period's last month). Raises InputError (``where``: the plan's file)
    when the plan is not issued: a report cites the plan by its number and date.
    """
    if not plan.issued:
        field = "party" if plan.kind == DocKind.kh_du else "ubnd"
        raise InputError(
            where or "kế hoạch",
            "Kế hoạch chưa ghi số và ngày ban hành; báo cáo phải trích dẫn Kế hoạch theo số "
            f"và ngày. Khi Kế hoạch đã ký, ghi số và ngày đủ vào hồ sơ ({field}.number, "
            f"{field}.date: {{year, month, day}}) hoặc vào kế hoạch đã soạn (number, date)",
            field=f"{field}.number" if not plan.number else f"{field}.date",
        )
    composer = _Composer(plan, register, period)
    rows = plan.task_rows()
    composer.leadership(rows)
    counts = composer.results(rows)
    late = composer.shortcomings(rows)
    composer.next_tasks(rows, late)
    composer.proposals()
    ref = plan_ref(plan)
    summary = f"Kết quả thực hiện {ref} {period.label}"
    issuer = "Ban Thường vụ Đảng ủy" if composer.party else plan.issuer_short
    end = "." if composer.party else "./."
    return Report(
        plan=plan,
        period=period,
        number=number_,
        date=date or PartialDate(year=period.end.year, month=period.end.month),
        summary=summary[:1].lower() + summary[1:] if composer.party else summary,
        opening=(f"Thực hiện {ref} {about(plan.summary)}, {issuer} báo cáo kết quả thực "
                 f"hiện {period.label} như sau:"),
        body=composer.body,
        closing=f"Trên đây là báo cáo kết quả thực hiện {ref} {period.label}{end}",
        task_groups=composer.task_table(),
        targets=composer.target_table(),
        counts=counts,
    )


def report_context(report: Report) -> dict[str, Any]:
    """The template context of a report (``templates/bc-ubnd.docx``, ``bc-du.docx``): the
    plan's context (header, signature, recipients) with the report's number, date, title,
    body and appendix rows."""
    from ..render import context, literal

    plan = report.plan
    doc = plan.model_copy(update={
        "number": report.number, "date": report.date, "symbol": report.symbol,
        "title": "BÁO CÁO", "summary": report.summary, "opening": report.opening,
        "closing": report.closing, "body": [], "targets": [], "task_groups": [],
    })
    ctx = context(doc)
    sep = "-" if plan.kind == DocKind.kh_du else "/"
    from ..vn import doc_date

    ref = f"Báo cáo số {doc_number(report.number)}{sep}{report.symbol} {doc_date(report.date)}"
    ctx.update(literal({
        "caption": f"(Kèm theo {ref} của {plan.issuer_short})",
        "body": report.body,
        "task_groups": report.task_groups,
        "targets": report.targets,
        "appendix_tasks": "Phụ lục" if not plan.targets else (
            "Phụ lục 1" if plan.kind == DocKind.kh_du else "Phụ lục I"),
        "appendix_targets": "Phụ lục 2" if plan.kind == DocKind.kh_du else "Phụ lục II",
    }))
    return ctx


def render_report(report: Report) -> bytes:
    """The report as DOCX bytes; the same input always gives the same bytes. The target
    appendix is left out when the plan has no targets."""
    from ..render import report_renderer

    renderer = report_renderer(report.plan.kind)
    return renderer.render_context(report_context(report), drop_appendix=not report.plan.targets)
