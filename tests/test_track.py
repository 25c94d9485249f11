"""After the plan is issued (issue 14): the tracking register, the periodic report, the calendar.

The register of Xốp's plan is written by the real CLI (`nqgen track`), read back with openpyxl
and opened by LibreOffice Calc; statuses and results are filled in with openpyxl as an office
would, the report is made by `nqgen report`, read back with python-docx, checked with the
format checker and converted by LibreOffice. Bad registers fail with a Vietnamese message naming
the sheet, row and column, write nothing and leave the register as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document
from icalendar import Calendar
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from nqgen.check import check_docx
from nqgen.compose import load_plan, plan_to_yaml
from nqgen.models import Deadline, DeadlineKind, PartialDate, Plan
from nqgen.pdf import convert
from nqgen.pdf import soffice as find_soffice
from nqgen.track.period import parse_period
from nqgen.track.register import (
    HEADER_ROW,
    TARGET_COLUMNS,
    TASK_COLUMNS,
    Status,
)
from nqgen.vn import short_date

from .conftest import nqgen
from .test_render_ubnd import _page_sizes

ROOT = Path(__file__).resolve().parent.parent
TASK_COL = {c.key: i for i, c in enumerate(TASK_COLUMNS, 1)}
TARGET_COL = {c.key: i for i, c in enumerate(TARGET_COLUMNS, 1)}
PERIOD = "6 tháng đầu năm 2026"


def soffice(path: Path, fmt: str, out: Path) -> Path:
    """Convert ``path`` with LibreOffice (headless, :func:`nqgen.pdf.convert`) into ``out``;
    returns the new file."""
    if find_soffice() is None:
        pytest.fail("LibreOffice (soffice) chưa được cài: `make test` phải cài nó")
    out.mkdir(parents=True, exist_ok=True)
    assert convert([path], out, timeout=300, to=fmt) == ""
    made = out / f"{path.stem}.{fmt.split(':')[0]}"
    assert made.exists(), f"LibreOffice did not write {made}"
    return made


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("track")


@pytest.fixture(scope="module")
def plan_file(work) -> Path:
    """Xốp's plan as YAML (`nqgen plan`), then issued: number 15, dated 12/9/2025."""
    path = work / "xop.plan.yaml"
    res = nqgen("plan", "profiles/xop.yaml", "-o", str(path), cwd=ROOT)
    assert res.returncode == 0, res.stderr
    plan = load_plan(path)
    issued = plan.model_copy(
        update={"number": "15", "date": PartialDate(year=2025, month=9, day=12)}
    )
    path.write_text(plan_to_yaml(issued), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def plan(plan_file) -> Plan:
    return load_plan(plan_file)


@pytest.fixture(scope="module")
def register(work, plan_file) -> Path:
    """`nqgen track xop.plan.yaml -o theo-doi.xlsx --ics`."""
    path = work / "theo-doi.xlsx"
    res = nqgen("track", str(plan_file), "-o", str(path), "--ics")
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == [str(path), str(path.with_suffix(".ics"))]
    return path


def data_rows(ws, width: int) -> list[list]:
    return [
        [ws.cell(r, c).value for c in range(1, width + 1)]
        for r in range(HEADER_ROW + 1, ws.max_row + 1)
        if any(ws.cell(r, c).value is not None for c in range(1, width + 1))
    ]


# --------------------------------------------------------------------------- deadlines, periods


@pytest.mark.parametrize(
    ("deadline", "due"),
    [
        (Deadline(kind=DeadlineKind.quarter, year=2026, quarter=4), dt.date(2026, 12, 31)),
        (Deadline(kind=DeadlineKind.quarter, year=2026, quarter=1), dt.date(2026, 3, 31)),
        (Deadline(kind=DeadlineKind.year, year=2026), dt.date(2026, 12, 31)),
        (Deadline(kind=DeadlineKind.years, year=2026, until=2027), dt.date(2027, 12, 31)),
        (Deadline(kind=DeadlineKind.month, year=2028, month=2), dt.date(2028, 2, 29)),
        (Deadline(kind=DeadlineKind.by_date, year=2026, month=9, day=30), dt.date(2026, 9, 30)),
        (Deadline(kind=DeadlineKind.continuous), None),
        (Deadline(kind=DeadlineKind.annual), None),
        (Deadline(kind=DeadlineKind.when_guided), None),
    ],
)
def test_deadline_text_parses_back_to_its_due_date(deadline, due):
    text = deadline.text()
    assert Deadline.parse(text) == deadline
    assert deadline.due() == due
    assert Deadline.parse(text.upper()) == deadline  # as typed in a plan file


def test_relative_deadline_falls_due_in_the_plan_year():
    relative = Deadline(kind=DeadlineKind.years, offset=0, span=1)
    assert relative.due(2026) == dt.date(2027, 12, 31)
    assert Deadline.parse("Trước ngày 31/02/2026") is None  # no such day: no date
    assert Deadline.parse("Tháng 6 và tháng 12 hằng năm") is None


@pytest.mark.parametrize(
    ("text", "start", "end", "label", "after"),
    [
        ("6 tháng đầu năm 2026", (2026, 1, 1), (2026, 6, 30), "6 tháng đầu năm 2026",
         "6 tháng cuối năm 2026"),
        ("6 thang cuoi nam 2026", (2026, 7, 1), (2026, 12, 31), "6 tháng cuối năm 2026",
         "6 tháng đầu năm 2027"),
        ("quý II/2026", (2026, 4, 1), (2026, 6, 30), "quý II năm 2026", "quý III năm 2026"),
        ("Q4-2026", (2026, 10, 1), (2026, 12, 31), "quý IV năm 2026", "quý I năm 2027"),
        ("9 tháng 2026", (2026, 1, 1), (2026, 9, 30), "9 tháng đầu năm 2026", "quý IV năm 2026"),
        ("năm 2026", (2026, 1, 1), (2026, 12, 31), "năm 2026", "năm 2027"),
        ("tháng 12/2026", (2026, 12, 1), (2026, 12, 31), "tháng 12 năm 2026",
         "tháng 1 năm 2027"),
        ("lũy kế đến 30/6/2026", (2025, 9, 12), (2026, 6, 30),
         "từ khi ban hành Kế hoạch đến ngày 30/6/2026", "quý III năm 2026"),
        ("lũy kế đến hết năm 2026", (2025, 9, 12), (2026, 12, 31),
         "từ khi ban hành Kế hoạch đến ngày 31/12/2026", "quý I năm 2027"),
    ],
)
def test_periods(text, start, end, label, after):
    period = parse_period(text, dt.date(2025, 9, 12), today=dt.date(2026, 6, 1))
    assert (period.start, period.end) == (dt.date(*start), dt.date(*end))
    assert period.label == label
    assert period.next().label == after


def test_period_without_year_is_this_year_and_bad_periods_are_refused():
    from nqgen.errors import UsageError

    assert parse_period("6 tháng đầu năm", dt.date(2025, 9, 12), dt.date(2027, 3, 1)).year == 2027
    for bad in ("quý V/2026", "tháng 13/2026", "hôm qua", "lũy kế", "năm 2024"):
        with pytest.raises(UsageError, match="kỳ|Kỳ"):
            parse_period(bad, dt.date(2025, 9, 12), dt.date(2026, 6, 1))


# --------------------------------------------------------------------------- 1. the register


def test_register_rows_equal_the_plans_task_rows(register, plan):
    wb = load_workbook(register)
    assert wb.sheetnames == ["Nhiệm vụ", "Chỉ tiêu", "Hướng dẫn", "nqgen"]
    assert wb["nqgen"].sheet_state == "hidden"
    ws = wb["Nhiệm vụ"]
    header = [ws.cell(HEADER_ROW, c).value for c in range(1, len(TASK_COLUMNS) + 1)]
    assert header == [c.header for c in TASK_COLUMNS]
    rows = data_rows(ws, len(TASK_COLUMNS))
    expected = plan.task_rows()
    assert len(rows) == len(expected) == 35
    for row, task in zip(rows, expected, strict=True):
        assert row[TASK_COL["number"] - 1] == int(task.number)
        assert row[TASK_COL["content"] - 1] == task.content
        assert row[TASK_COL["lead"] - 1] == task.lead
        assert (row[TASK_COL["partners"] - 1] or "") == task.partners
        assert row[TASK_COL["deadline"] - 1] == task.deadline
        assert row[TASK_COL["clause"] - 1] == task.clause
        assert row[TASK_COL["status"] - 1] == "Chưa thực hiện"
    dues = {r[TASK_COL["deadline"] - 1]: r[TASK_COL["due"] - 1] for r in rows}
    assert dues["Quý IV/2025"] == dt.datetime(2025, 12, 31)
    assert dues["Năm 2025"] == dt.datetime(2025, 12, 31)
    assert dues["2025 - 2026"] == dt.datetime(2026, 12, 31)
    assert dues["2026 - 2028"] == dt.datetime(2028, 12, 31)
    assert dues["Thường xuyên"] is None and dues["Hằng năm"] is None
    groups = {r[TASK_COL["group"] - 1] for r in rows}
    assert "I. Công tác lãnh đạo, chỉ đạo" in groups and len(groups) == len(plan.task_groups)


def test_register_straight_from_the_profile(work, library):
    """`nqgen track profiles/xop.yaml`: the rows of the plan composed from the profile."""
    from nqgen.compose import compose, load_profile
    from nqgen.paths import PROFILES_DIR

    path = work / "from-profile.xlsx"
    res = nqgen("track", "profiles/xop.yaml", "-o", str(path), cwd=ROOT)
    assert res.returncode == 0, res.stderr
    composed = compose(load_profile(PROFILES_DIR / "xop.yaml"), library)
    rows = data_rows(load_workbook(path)["Nhiệm vụ"], len(TASK_COLUMNS))
    assert [(r[TASK_COL["content"] - 1], r[TASK_COL["lead"] - 1], r[TASK_COL["deadline"] - 1])
            for r in rows] == [(t.content, t.lead, t.deadline) for t in composed.task_rows()]
    cited = load_workbook(path)["Nhiệm vụ"]["A2"].value
    assert cited.startswith("Kế hoạch số …/KH-UBND")
    assert " về triển khai thực hiện Nghị quyết số 57-NQ/TW" in cited


def test_register_targets_and_identity(register, plan):
    wb = load_workbook(register)
    rows = data_rows(wb["Chỉ tiêu"], len(TARGET_COLUMNS))
    assert [r[TARGET_COL["target_id"] - 1] for r in rows] == [t.target for t in plan.targets]
    assert [r[TARGET_COL["target"] - 1] for r in rows] == [t.value_text() for t in plan.targets]
    assert [r[TARGET_COL["year"] - 1] for r in rows] == [t.year for t in plan.targets]
    meta = {wb["nqgen"].cell(i, 1).value: wb["nqgen"].cell(i, 3).value for i in range(1, 9)}
    assert meta["number"] == "15" and meta["date"] == "2025-09-12"
    assert meta["kind"] == "kh-ubnd" and meta["issuer"] == "Ủy ban nhân dân xã Xốp"
    assert meta["symbol"] == "KH-UBND"
    assert wb["Nhiệm vụ"]["A2"].value.startswith("Kế hoạch số 15/KH-UBND ngày 12/9/2025")


def test_register_layout_for_the_office(register):
    ws = load_workbook(register)["Nhiệm vụ"]
    last = HEADER_ROW + 35
    assert ws.freeze_panes == f"B{HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:O{last}"
    assert ws.column_dimensions["O"].hidden  # the clause id
    assert ws.column_dimensions["C"].width >= 40
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1 and str(lists[0].sqref) == f"I{HEADER_ROW + 1}:I{last}"
    assert lists[0].formula1.strip('"').split(",") == [s.value for s in Status]
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    overdue = [r for r in rules if "TODAY()" in r.formula[0]]
    assert overdue and "$G4<TODAY()" in overdue[0].formula[0]  # the due date
    assert '$I4="Hoàn thành",$L4<>""' in overdue[0].formula[0]  # completed needs a document
    guide = load_workbook(register)["Hướng dẫn"]
    text = " ".join(str(guide.cell(r, 1).value) for r in range(1, guide.max_row + 1))
    assert "Hoàn thành" in text and "report" in text and "15/12" in text


def test_libreoffice_opens_the_register(register, work):
    csv_file = soffice(register, "csv:Text - txt - csv (StarCalc):44,34,76", work / "lo-csv")
    rows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8"))))
    assert rows[HEADER_ROW - 1][:3] == ["STT", "Nhóm nhiệm vụ", "Nhiệm vụ"]
    assert rows[HEADER_ROW][2].startswith("Rà soát các chương trình")
    assert rows[HEADER_ROW][6] == "31/12/2025"  # the due date, as a date
    pdf = soffice(register, "pdf", work / "lo-pdf")
    w, h = _page_sizes(pdf)[0]
    assert w > h  # A4 landscape
    assert abs(w - 841.9) < 2 and abs(h - 595.3) < 2


def test_register_is_the_same_for_the_same_plan(plan_file, register, work):
    again = work / "again.xlsx"
    assert nqgen("track", str(plan_file), "-o", str(again)).returncode == 0
    assert again.read_bytes() == register.read_bytes()
    res = nqgen("track", str(plan_file), "-o", str(again))
    assert res.returncode == 2 and "--force" in res.stderr


def test_calendar(register, plan):
    cal = Calendar.from_ical(register.with_suffix(".ics").read_bytes())
    events = cal.walk("VEVENT")
    tasks = [e for e in events if "Nhiệm vụ" in map(str, e.categories)]
    dated = [r for r in plan.task_rows() if r.deadline not in ("Thường xuyên", "Hằng năm")]
    assert len(tasks) == len(dated) == 25
    first = next(e for e in tasks if str(e["summary"]).startswith("Hạn nhiệm vụ 3:"))
    assert first.decoded("dtstart") == dt.date(2025, 12, 31)  # Quý IV/2025
    assert first.walk("VALARM")
    reports = [e for e in events if "Báo cáo" in map(str, e.categories)]
    assert len(reports) == 1  # xop reports before 15/12 each year
    assert reports[0].decoded("dtstart") == dt.date(2025, 12, 15)
    assert reports[0]["rrule"]["FREQ"] == ["YEARLY"]
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)


# --------------------------------------------------------------------------- 2. the report


#: Rows filled in by the office: STT -> (status, progress, result, evidence, evidence date).
FILLED = {
    2: ("Hoàn thành", 100, "Đã đưa nhiệm vụ vào chương trình công tác năm 2026",
        "Quyết định số 12/QĐ-UBND", dt.date(2026, 3, 3)),
    4: ("Hoàn thành", None, "Tổ chức hội nghị quán triệt cho 45 cán bộ",
        "Báo cáo số 30/BC-UBND", dt.date(2026, 2, 10)),
    5: ("Chậm", 30, "", "", None),
    6: ("có nguy cơ chậm", 50, "Đang xây dựng chuyên mục", "", None),  # typed in lower case
    7: ("Hoàn thành", None, "Đã khảo sát", "", None),  # no evidence: counts as in progress
    24: ("Đúng tiến độ", 60, "Đã cấp 20 chứng thư số", "", None),
}


def fill(path: Path, target: Path) -> None:
    """What an office does in Excel: statuses, progress, results, evidence, target figures."""
    wb = load_workbook(path)
    ws = wb["Nhiệm vụ"]
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        stt = ws.cell(r, TASK_COL["number"]).value
        if stt in FILLED:
            status, progress, result, evidence, when = FILLED[stt]
            for key, value in (("status", status), ("progress", progress), ("result", result),
                               ("evidence", evidence), ("evidence_date", when)):
                ws.cell(r, TASK_COL[key], value or None)
    wt = wb["Chỉ tiêu"]
    wt.cell(HEADER_ROW + 1, TARGET_COL["current"], 75)  # online services: > 80 by 2030
    wt.cell(HEADER_ROW + 1, TARGET_COL["measured"], dt.date(2026, 6, 30))
    wt.cell(HEADER_ROW + 2, TARGET_COL["current"], 100)  # dossiers digitised: 100
    wb.save(target)


@pytest.fixture(scope="module")
def filled(register, work) -> Path:
    path = work / "theo-doi-da-dien.xlsx"
    fill(register, path)
    return path


@pytest.fixture(scope="module")
def report_run(plan_file, filled, work):
    out = work / "bao-cao.docx"
    before = sha(filled)
    res = nqgen("report", str(plan_file), "--tracking", str(filled), "--period", PERIOD,
                "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert sha(filled) == before  # the register is only read
    return out, res


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def section(lines: list[str], start: str, end: str) -> list[str]:
    i = next(n for n, t in enumerate(lines) if t.startswith(start))
    j = next(n for n, t in enumerate(lines) if t.startswith(end))
    return lines[i:j]


def table_rows(path: Path) -> list[list[str]]:
    rows = []
    for table in Document(str(path)).tables[2:]:  # after the header and signature tables
        for row in table.rows:
            rows.append([c.text for c in row.cells])
    return rows


def test_report_counts_results_and_evidence(report_run, plan):
    out, res = report_run
    lines = paragraphs(out)
    assert "BÁO CÁO" in lines
    assert any(t.startswith("Kết quả thực hiện Kế hoạch số 15/KH-UBND ngày 12/9/2025") for t in
               lines)
    assert "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-UBND" in [
        c.text for c in Document(str(out)).tables[0].rows[1].cells
    ]
    counts = {
        "Hoàn thành": 2, "Đúng tiến độ": 1, "Đang thực hiện": 1, "Có nguy cơ chậm": 1,
        "Chậm": 1, "Chưa thực hiện": 29,
    }
    for status, n in counts.items():
        assert any(re.fullmatch(rf"- {status}: {n} nhiệm vụ( \(trong kỳ: \d+\))?[;.]", t)
                   for t in lines), status
    results = section(lines, "II.", "III.")
    for stt, (status, _, result, evidence, when) in FILLED.items():
        task = plan.task_rows()[stt - 1]
        line = next((t for t in results if t.startswith(f"- {task.content}:")), None)
        if status == "Hoàn thành" and evidence:
            assert line is not None and result in line
            assert f"{evidence} ngày {short_date(when)}" in line
    # completed without evidence: a warning, and reported as in progress
    assert "Cảnh báo" in res.stderr and "chưa có số, ký hiệu văn bản" in res.stderr
    assert "dòng 10" in res.stderr  # row of task 7
    task7 = plan.task_rows()[6]
    assert any(t.startswith(f"- {task7.content}: Đã khảo sát (đang thực hiện)") for t in results)


def test_report_late_tasks_and_next_period(report_run, plan):
    out, _ = report_run
    lines = paragraphs(out)
    problems = section(lines, "III.", "IV.")
    rows = plan.task_rows()
    for stt in (5, 6):  # Chậm, Có nguy cơ chậm
        assert any(t.startswith(f"- {rows[stt - 1].content} (") for t in problems)
    overdue = [r for r in rows if r.deadline in ("Năm 2025", "Quý IV/2025")
               and int(r.number) not in (2, 4)]
    for row in overdue:  # past their deadline, not completed
        line = next(t for t in problems if t.startswith(f"- {row.content} ("))
        assert "đã đến hạn nhưng chưa hoàn thành" in line
    assert not any(t.startswith(f"- {rows[1].content} (") for t in problems)  # completed
    upcoming = section(lines, "IV.", "V.")
    assert upcoming[1] == "Tập trung hoàn thành các nhiệm vụ đến hạn trong 6 tháng cuối năm 2026:"
    due_next = [r for r in rows if r.deadline == "2025 - 2026"]
    assert due_next
    for row in due_next:
        assert any(t.startswith(f"- {row.content} ({row.lead}; thời hạn: 2025 - 2026)")
                   for t in upcoming)
    assert not any("2026 - 2028" in t for t in upcoming)  # due later
    assert sum(t.startswith("[Bổ sung:") for t in lines) == 5  # the office's own text


def test_report_appendix_tables(report_run, plan):
    out, _ = report_run
    rows = table_rows(out)
    by_number = {r[0]: r for r in rows if len(r) == 5 and len(set(r)) > 2}
    task2 = by_number["2"]
    assert task2[1] == plan.task_rows()[1].content
    assert "Quyết định số 12/QĐ-UBND ngày 03/3/2026" in task2[3] and task2[4] == "Hoàn thành"
    assert by_number["5"][4].startswith("Chậm (30%)")
    targets = [r for r in rows if len(r) == 6 and r[0] in ("1", "2")]
    online, dossiers = targets[-2], targets[-1]
    assert online[1] == plan.targets[0].indicator
    assert online[3] == "Trên 80 (năm 2030)"
    assert online[4] == "75 (30/6/2026)" and online[5] == "Chưa đạt (mục tiêu đến năm 2030)"
    assert dossiers[4] == "100" and dossiers[5] == "Đạt"
    assert [r for r in rows if r[:2] == ["TT", "Chỉ tiêu"]]


def test_report_format_pages_and_bytes(report_run, plan_file, filled, work):
    out, _ = report_run
    assert check_docx(out).findings == []
    sizes = _page_sizes(soffice(out, "pdf", work / "report-pdf"))
    assert sizes[0][0] < sizes[0][1]  # page 1 portrait
    landscape = [i for i, (w, h) in enumerate(sizes) if w > h]
    assert landscape and all(w > h for w, h in sizes[landscape[0]:])  # the appendices
    again = work / "bao-cao-2.docx"
    res = nqgen("report", str(plan_file), "--tracking", str(filled), "--period", PERIOD,
                "-o", str(again))
    assert res.returncode == 0
    assert again.read_bytes() == out.read_bytes()


def test_report_pdf_shows_the_appendix_in_landscape(work, report_run):
    out, _ = report_run
    pdf = work / "report-pdf" / "bao-cao.pdf"
    if not pdf.exists():
        pdf = soffice(out, "pdf", work / "report-pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    sizes = _page_sizes(pdf)
    first = next(i for i, p in enumerate(pages) if "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ" in p)
    assert sizes[first][0] > sizes[first][1]
    assert "BÁO CÁO" in pages[0]


def test_party_report(tmp_path):
    """A KH/ĐU plan gives a BC/ĐU in the party format, with zero checker findings."""
    plan_path = tmp_path / "tk.plan.yaml"
    assert nqgen("plan", "profiles/tan-khanh.yaml", "--kind", "kh-du", "-o", str(plan_path),
                 cwd=ROOT).returncode == 0
    party = load_plan(plan_path)
    assert party.issued  # Tân Khánh's plan: 08-KH/ĐU of 10/12/2025
    reg = tmp_path / "tk.xlsx"
    assert nqgen("track", str(plan_path), "-o", str(reg)).returncode == 0
    out = tmp_path / "tk-bc.docx"
    res = nqgen("report", str(plan_path), "--tracking", str(reg), "--period", "năm 2026",
                "-o", str(out), "--number", "3")
    assert res.returncode == 0, res.stderr
    lines = paragraphs(out)
    assert "-----" in lines and any(t.startswith("I- CÔNG TÁC LÃNH ĐẠO") for t in lines)
    cells = [c.text for t in Document(str(out)).tables[:2] for r in t.rows for c in r.cells]
    assert any("Số 03-BC/ĐU" in c for c in cells)
    assert any("T/M BAN THƯỜNG VỤ" in c for c in cells)
    assert check_docx(out).findings == []


def test_annual_plan_register_and_report(tmp_path):
    """The annual plan (`--type annual`, issue 16) is tracked and reported like the
    implementation plan: its own file names, deadlines inside its year, and the report cites it
    by its own number and date, "về" its summary."""
    profile = tmp_path / "xop.yaml"
    text = (ROOT / "profiles" / "xop.yaml").read_text(encoding="utf-8")
    assert "\nannual:\n  year: 2027\n" in text
    profile.write_text(text.replace(
        "\nannual:\n  year: 2027\n",
        '\nannual:\n  year: 2027\n  ubnd: {number: "88", date: {year: 2026, month: 12, day: 20}}\n',
    ), encoding="utf-8")
    res = nqgen("track", str(profile), "--type", "annual", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    reg = tmp_path / "xop-cds-2027-theo-doi.xlsx"
    assert res.stdout.split() == [str(reg)]
    ws = load_workbook(reg)["Nhiệm vụ"]
    assert ws["A2"].value.startswith("Kế hoạch số 88/KH-UBND ngày 20/12/2026")
    # the register names the plan with its summary, so the annual plan's register is told apart
    # from the implementation plan's; the line is merged across the columns and wrapped
    assert ws["A2"].value.endswith("về chuyển đổi số trên địa bàn xã Xốp năm 2027")
    assert f"A2:{get_column_letter(len(TASK_COLUMNS))}2" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].alignment.wrap_text
    dues = [r[TASK_COL["due"] - 1] for r in data_rows(ws, len(TASK_COLUMNS))]
    assert dues and all(d is None or d.year == 2027 for d in dues)
    res = nqgen("report", str(profile), "--type", "annual", "--tracking", str(reg),
                "--period", "quý I/2027", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    out = tmp_path / "xop-cds-2027-bao-cao.docx"
    assert res.stdout.split() == [str(out)]
    assert ("Thực hiện Kế hoạch số 88/KH-UBND ngày 20/12/2026 của Ủy ban nhân dân xã Xốp về "
            "chuyển đổi số trên địa bàn xã Xốp năm 2027, Ủy ban nhân dân xã Xốp báo cáo kết "
            "quả thực hiện quý I năm 2027 như sau:") in paragraphs(out)
    assert check_docx(out).findings == []


# --------------------------------------------------------------------------- round trip


def test_register_edited_and_saved_by_libreoffice_reads_back(filled, plan_file, work):
    """Rows sorted (reversed), columns widened, statuses chosen, saved by LibreOffice Calc."""
    wb = load_workbook(filled)
    ws = wb["Nhiệm vụ"]
    width = len(TASK_COLUMNS)
    rows = data_rows(ws, width)
    for i, values in enumerate(reversed(rows), HEADER_ROW + 1):
        for c, value in enumerate(values, 1):
            ws.cell(i, c, value)
    ws.column_dimensions["C"].width = 90
    ws.cell(HEADER_ROW + 1, TASK_COL["status"], "Đang thực hiện")  # last task, chosen
    edited = work / "sorted.xlsx"
    wb.save(edited)
    saved = soffice(edited, "xlsx:Calc MS Excel 2007 XML", work / "lo-saved")
    out = work / "from-libreoffice.docx"
    res = nqgen("report", str(plan_file), "--tracking", str(saved), "--period", PERIOD,
                "-o", str(out))
    assert res.returncode == 0, res.stderr
    lines = paragraphs(out)
    assert "- Hoàn thành: 2 nhiệm vụ (trong kỳ: 2);" in lines
    assert "- Đang thực hiện: 2 nhiệm vụ;" in lines  # task 7 and the one chosen


# --------------------------------------------------------------------------- 3. bad registers


def edit(src: Path, dst: Path, change) -> Path:
    wb = load_workbook(src)
    change(wb)
    wb.save(dst)
    return dst


def row_of(ws, stt: int) -> int:
    return next(r for r in range(HEADER_ROW + 1, ws.max_row + 1)
                if ws.cell(r, TASK_COL["number"]).value == stt)


def _changed_header(wb):
    wb["Nhiệm vụ"].cell(HEADER_ROW, TASK_COL["status"], "Tình trạng")


def _unknown_status(wb):
    ws = wb["Nhiệm vụ"]
    ws.cell(row_of(ws, 3), TASK_COL["status"], "Xong rồi")


def _not_a_date(wb):
    ws = wb["Nhiệm vụ"]
    ws.cell(row_of(ws, 3), TASK_COL["evidence_date"], "hôm qua")


def _impossible_date(wb):
    ws = wb["Chỉ tiêu"]
    ws.cell(HEADER_ROW + 2, TARGET_COL["measured"], "31/02/2026")


def _not_a_number(wb):
    ws = wb["Chỉ tiêu"]
    ws.cell(HEADER_ROW + 3, TARGET_COL["current"], "khoảng tám mươi")


def _deleted_id_column(wb):
    wb["Nhiệm vụ"].delete_cols(TASK_COL["clause"])


def _task_not_in_plan(wb):
    ws = wb["Nhiệm vụ"]
    ws.cell(row_of(ws, 3), TASK_COL["clause"], "awareness.khong_co")


def _added_row(wb):
    ws = wb["Nhiệm vụ"]
    ws.cell(ws.max_row + 1, TASK_COL["content"], "Nhiệm vụ thêm tay")


def _another_plan(wb):
    wb["nqgen"].cell(6, 3, "Ủy ban nhân dân xã Tân Khánh")


BAD = {
    "changed-header": (_changed_header, r"trang tính 'Nhiệm vụ', dòng 3, cột I: tiêu đề "
                       r"'Tình trạng' không phải tiêu đề của sổ; sổ cần cột 'Trạng thái'"),
    "unknown-status": (_unknown_status, r"trang tính 'Nhiệm vụ', dòng 6, cột I \(Trạng thái\): "
                       r"'Xong rồi' không phải trạng thái"),
    "not-a-date": (_not_a_date, r"trang tính 'Nhiệm vụ', dòng 6, cột M \(Ngày văn bản\): "
                   r"'hôm qua' không phải ngày"),
    "impossible-date": (_impossible_date, r"trang tính 'Chỉ tiêu', dòng 5, cột J \(Ngày đo\): "
                        r"'31/02/2026' không phải ngày"),
    "not-a-number": (_not_a_number, r"trang tính 'Chỉ tiêu', dòng 6, cột I \(Giá trị hiện "
                     r"tại\): 'khoảng tám mươi' không phải số"),
    "deleted-id-column": (_deleted_id_column, r"trang tính 'Nhiệm vụ', dòng 3: thiếu cột ẩn "
                          r"'Mã nhiệm vụ' \(cột O của sổ"),
    "task-not-in-plan": (_task_not_in_plan, r"trang tính 'Nhiệm vụ', dòng 6, cột O \(Mã nhiệm "
                         r"vụ\): nhiệm vụ mã 'awareness.khong_co' không có trong Kế hoạch số "
                         r"15/KH-UBND"),
    "added-row": (_added_row, r"trang tính 'Nhiệm vụ', dòng 39, cột O: dòng không có mã nhiệm vụ"),
    "another-plan": (_another_plan, r"trang tính 'nqgen', dòng 6, cột C: sổ theo dõi này lập "
                     r"cho Kế hoạch khác"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_register_is_refused_naming_sheet_row_column(case, register, plan_file, tmp_path):
    change, message = BAD[case]
    bad = edit(register, tmp_path / f"{case}.xlsx", change)
    before = sha(bad)
    out = tmp_path / "bao-cao.docx"
    res = nqgen("report", str(plan_file), "--tracking", str(bad), "--period", PERIOD,
                "-o", str(out))
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    assert res.stderr.startswith(f"Lỗi trong tệp {bad}:")
    assert re.search(message, res.stderr), res.stderr
    assert not out.exists()  # nothing written
    assert sha(bad) == before  # the register is never modified


def test_register_of_a_spreadsheet_that_is_not_one(plan_file, tmp_path):
    fake = tmp_path / "so.xlsx"
    fake.write_text("STT;Nhiệm vụ\n", encoding="utf-8")
    res = nqgen("report", str(plan_file), "--tracking", str(fake), "--period", PERIOD,
                "-o", str(tmp_path / "x.docx"))
    assert res.returncode == 2 and "không phải sổ Excel (.xlsx)" in res.stderr
    old = tmp_path / "so.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    res = nqgen("report", str(plan_file), "--tracking", str(old), "--period", PERIOD)
    assert res.returncode == 2 and "lưu lại dạng 'Excel Workbook (.xlsx)'" in res.stderr


def test_report_needs_an_issued_plan(register, tmp_path):
    draft = tmp_path / "draft.yaml"
    assert nqgen("plan", "profiles/xop.yaml", "-o", str(draft), cwd=ROOT).returncode == 0
    res = nqgen("report", str(draft), "--tracking", str(register), "--period", PERIOD,
                "-o", str(tmp_path / "x.docx"))
    assert res.returncode == 2
    assert re.search(r"Lỗi trong tệp .*draft.yaml, dòng \d+, trường 'number': Kế hoạch chưa "
                     "ghi số và ngày ban hành", res.stderr), res.stderr
    res = nqgen("report", "profiles/xop.yaml", "--tracking", str(register), "--period", PERIOD,
                "-o", str(tmp_path / "x.docx"), cwd=ROOT)
    assert res.returncode == 2 and "trường 'ubnd.number'" in res.stderr
    assert not (tmp_path / "x.docx").exists()


def test_report_never_writes_over_its_inputs(plan_file, filled, tmp_path):
    before = sha(filled)
    link = tmp_path / "bao-cao.docx"
    link.symlink_to(filled)  # another name of the register
    res = nqgen("report", str(plan_file), "--tracking", str(filled), "--period", PERIOD,
                "-o", str(link), "--force")
    assert res.returncode == 2 and "chính là tệp đầu vào" in res.stderr
    assert sha(filled) == before


def test_a_deleted_task_row_is_a_warning_and_counts_as_not_started(filled, plan_file, tmp_path):
    def drop(wb):
        ws = wb["Nhiệm vụ"]
        ws.delete_rows(row_of(ws, 2))  # a completed task

    register = edit(filled, tmp_path / "thieu-dong.xlsx", drop)
    out = tmp_path / "bc.docx"
    res = nqgen("report", str(plan_file), "--tracking", str(register), "--period", PERIOD,
                "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert "không có dòng của nhiệm vụ 2" in res.stderr
    lines = paragraphs(out)
    assert "- Hoàn thành: 1 nhiệm vụ (trong kỳ: 1);" in lines
    assert "- Chưa thực hiện: 30 nhiệm vụ." in lines


def test_tasks_falling_due_within_the_period_are_late_at_its_end(filled, plan_file, plan, work):
    """For "năm 2026", the 2025 - 2026 tasks not completed are past their deadline (31/12/2026)."""
    out = work / "bao-cao-nam.docx"
    res = nqgen("report", str(plan_file), "--tracking", str(filled), "--period", "năm 2026",
                "-o", str(out))
    assert res.returncode == 0, res.stderr
    problems = section(paragraphs(out), "III.", "IV.")
    for row in plan.task_rows():
        if row.deadline == "2025 - 2026":
            line = next(t for t in problems if t.startswith(f"- {row.content} ("))
            assert "đã đến hạn nhưng chưa hoàn thành" in line
