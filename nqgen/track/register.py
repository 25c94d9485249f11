"""The tracking register (sổ theo dõi thực hiện Kế hoạch): an XLSX workbook written from a Plan
with openpyxl, filled in by the commune office in Excel or LibreOffice, and read back for the
periodic report.

Sheets (one home for their columns: :data:`TASK_COLUMNS`, :data:`TARGET_COLUMNS`):

- ``Nhiệm vụ`` — one row per Phụ lục II task: STT, group, task, lead, partners, deadline as text
  and, where it is concrete, as a date (:meth:`nqgen.models.Deadline.due`), product; then what
  the office fills in: status (a data-validated list, :class:`Status`), progress %, result,
  evidence (number and symbol, date of the document that completed the task), note; a hidden
  column with the clause id links each row to the plan.
- ``Chỉ tiêu`` — one row per Phụ lục I target: indicator, unit, baseline and its year, target,
  year, then current value, date measured, note; a hidden target id.
- ``Hướng dẫn`` — how to fill the register and make the report, in Vietnamese.
- ``nqgen`` (hidden) — the plan's identity (kind, symbol, number, date, issuer, year), so that
  ``nqgen report`` can tell a register of another plan.

Headers are frozen, filtered and repeated on every printed page (A4 landscape); rows whose
deadline has passed without completion are highlighted by conditional formatting.

:func:`read_register` reads a register back however it was edited (rows sorted, columns
widened or added on the right, statuses chosen) and refuses, naming the sheet, row and column
(:class:`nqgen.errors.SheetError`), a changed header, an unknown status, a date or a number
that is not one, a deleted id column, a task or target that is not in the plan.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..errors import InputError, SheetError, cell_place
from ..models import Deadline, DocKind, Plan, TaskGroupRows
from ..output import repack_zip
from ..units import slugify
from ..vn import doc_number, mid_sentence, short_date, shorten

FORMAT = "nqgen-so-theo-doi/1"
"""Version of the register layout, kept in the hidden sheet."""

TASKS_SHEET, TARGETS_SHEET, GUIDE_SHEET, META_SHEET = "Nhiệm vụ", "Chỉ tiêu", "Hướng dẫn", "nqgen"
HEADER_ROW = 3  # rows 1-2: title and the plan's reference
FONT_NAME = "Times New Roman"


class Status(StrEnum):
    """Status of a task (trạng thái nhiệm vụ), as the register's list offers it. The campaign
    reports of 2026 (100-day plans) use đúng tiến độ / có nguy cơ chậm / chậm."""

    not_started = "Chưa thực hiện"
    in_progress = "Đang thực hiện"
    on_track = "Đúng tiến độ"
    at_risk = "Có nguy cơ chậm"
    late = "Chậm"
    done = "Hoàn thành"

    @property
    def phrase(self) -> str:
        """The status inside a sentence: ``đang thực hiện``."""
        return self.value[:1].lower() + self.value[1:]


_STATUS_BY_KEY = {slugify(s.value): s for s in Status}


@dataclass(frozen=True)
class Column:
    """One column of a register sheet: its key, header, width (characters) and kind —
    ``text``, ``wrap`` (long text), ``int``, ``date``, ``percent``, ``number``, ``status``.
    ``filled``: the office fills it in (read back); ``hidden``: the id column."""

    key: str
    header: str
    width: float
    kind: str = "text"
    filled: bool = False
    hidden: bool = False


TASK_COLUMNS: tuple[Column, ...] = (
    Column("number", "STT", 6, "int"),
    Column("group", "Nhóm nhiệm vụ", 24, "wrap"),
    Column("content", "Nhiệm vụ", 50, "wrap"),
    Column("lead", "Cơ quan chủ trì", 22, "wrap"),
    Column("partners", "Cơ quan phối hợp", 24, "wrap"),
    Column("deadline", "Thời hạn", 14),
    Column("due", "Hạn hoàn thành", 13, "date"),
    Column("product", "Sản phẩm", 24, "wrap"),
    Column("status", "Trạng thái", 17, "status", filled=True),
    Column("progress", "Tiến độ (%)", 10, "percent", filled=True),
    Column("result", "Kết quả thực hiện", 36, "wrap", filled=True),
    Column("evidence", "Văn bản hoàn thành (số, ký hiệu)", 20, "wrap", filled=True),
    Column("evidence_date", "Ngày văn bản", 13, "date", filled=True),
    Column("note", "Ghi chú", 20, "wrap", filled=True),
    Column("clause", "Mã nhiệm vụ", 30, hidden=True),
)

TARGET_COLUMNS: tuple[Column, ...] = (
    Column("number", "TT", 5, "int"),
    Column("indicator", "Chỉ tiêu", 60, "wrap"),
    Column("unit", "Đơn vị tính", 11),
    Column("baseline", "Hiện trạng", 11, "number"),
    Column("baseline_year", "Năm hiện trạng", 10, "int"),
    Column("target", "Mức phấn đấu", 12),
    Column("year", "Năm đạt", 8, "int"),
    Column("monitor", "Cơ quan chủ trì theo dõi", 26, "wrap"),
    Column("current", "Giá trị hiện tại", 12, "number", filled=True),
    Column("measured", "Ngày đo", 13, "date", filled=True),
    Column("note", "Ghi chú", 30, "wrap", filled=True),
    Column("target_id", "Mã chỉ tiêu", 30, hidden=True),
)

#: The hidden sheet: key, label, value of the plan's identity.
META_KEYS = (
    ("format", "Định dạng sổ"),
    ("kind", "Loại văn bản"),
    ("symbol", "Ký hiệu"),
    ("number", "Số"),
    ("date", "Ngày"),
    ("issuer", "Cơ quan ban hành"),
    ("year", "Năm của Kế hoạch"),
    ("library", "Thư viện điều khoản"),
)


def plan_ref(plan: Plan, full: bool = True) -> str:
    """``Kế hoạch số 15/KH-UBND ngày 12/9/2025 của Ủy ban nhân dân xã Xốp`` — how the register
    and the report cite the plan (short dates); ``full=False`` gives only ``Kế hoạch số
    15/KH-UBND``. A draft without number keeps a blank ``…``."""
    num = doc_number(plan.number).strip() if plan.number else "…"
    sep = "-" if plan.kind == DocKind.kh_du else "/"
    name = "Kế hoạch hành động" if plan.title == "KẾ HOẠCH HÀNH ĐỘNG" else "Kế hoạch"
    if not full:
        return f"{name} số {num}{sep}{plan.symbol}"
    issued = plan.date.as_date()
    when = f" ngày {short_date(issued)}" if issued else ""
    return f"{name} số {num}{sep}{plan.symbol}{when} của {plan.issuer_short}"


def about(text: str) -> str:
    """A plan's summary (trích yếu) inside a sentence, after "về": ``Triển khai thực hiện …`` →
    ``về triển khai …``, ``Chuyển đổi số trên địa bàn xã Xốp năm 2027`` → ``về chuyển đổi số …``
    (a summary starting with a document's name keeps its capital; one that already starts
    with "về" gets no second one; :func:`nqgen.vn.mid_sentence`)."""
    text = mid_sentence(text)
    return text if text.startswith("về ") else f"về {text}"


def group_label(group: TaskGroupRows, limit: int = 60) -> str:
    """``II. Nâng cao nhận thức, đổi mới tư duy, xác định quyết tâm…`` — a group's number and
    title cut at a word near ``limit`` characters (the register's filter column; the full title
    is in the plan)."""
    return f"{group.number}. {shorten(group.title, limit)}"


def task_due(deadline: str) -> date | None:
    """The date a Phụ lục II deadline text falls due (None for Thường xuyên, Hằng năm, or a
    text of another form)."""
    parsed = Deadline.parse(deadline)
    return parsed.due() if parsed else None


# --------------------------------------------------------------------------- writing


def _task_values(plan: Plan) -> list[dict[str, Any]]:
    rows = []
    for group in plan.task_groups:
        label = group_label(group)
        for row in group.rows:
            rows.append(
                {
                    "number": int(row.number) if row.number.isdigit() else row.number,
                    "group": label,
                    "content": row.content,
                    "lead": row.lead,
                    "partners": row.partners,
                    "deadline": row.deadline,
                    "due": task_due(row.deadline),
                    "product": row.note,
                    "status": Status.not_started.value,
                    "clause": row.clause,
                }
            )
    return rows


def _target_values(plan: Plan) -> list[dict[str, Any]]:
    rows = []
    for t in plan.targets:
        rows.append(
            {
                "number": int(t.number) if t.number.isdigit() else t.number,
                "indicator": t.indicator,
                "unit": t.unit,
                "baseline": t.baseline.value if t.baseline else None,
                "baseline_year": t.baseline.year if t.baseline else None,
                "target": t.value_text(),
                "year": t.year,
                "monitor": t.monitor,
                "target_id": t.target,
            }
        )
    return rows


def _fit(column: Column, values: list[Any]) -> float:
    """Column width: the longest value for short columns (at least the header's longest word),
    the preset width for long text."""
    if column.kind == "wrap" or column.hidden:
        return column.width
    longest = max((len(_shown(v)) for v in values), default=0)
    header = max(len(w) for w in column.header.split())
    return max(min(longest + 2, 40), header + 2, column.width)


#: Height (points) of one line of 12 pt Times New Roman in a spreadsheet row, and the padding.
LINE_HEIGHT, ROW_PADDING = 15.75, 3.0
CHARS_PER_WIDTH = 1.3


def _row_height(columns: tuple[Column, ...], widths: list[float], values: dict[str, Any]) -> float:
    """A row tall enough for its longest wrapped text. Neither Excel nor LibreOffice fits row
    heights when it opens a file, so they are estimated here: a column of width W (in widths of
    the default font's digit) holds about 1.3 W characters of 12 pt Times New Roman per line
    (measured in LibreOffice: 1.4 to 1.5), words kept whole."""
    lines = 1
    for column, width in zip(columns, widths, strict=True):
        text = _shown(values.get(column.key))
        if column.kind == "wrap" and not column.hidden and text:
            lines = max(lines, _lines(text, width))
    return round(lines * LINE_HEIGHT + ROW_PADDING, 2)


def _lines(text: str, width: float) -> int:
    """Lines ``text`` takes wrapped in a column of ``width`` (see :func:`_row_height`)."""
    chars = width * CHARS_PER_WIDTH
    count, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > chars - 1:
            count, used = count + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return count


def _shown(value: Any) -> str:
    if isinstance(value, date):
        return "00/00/0000"
    return "" if value is None else str(value)


def _sheet(wb: Any, title: str, heading: str, ref: str, columns: tuple[Column, ...],
           rows: list[dict[str, Any]]) -> Any:
    """A register sheet: title, the plan's reference, the header row, the data rows."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.cell(1, 1, heading).font = Font(name=FONT_NAME, size=14, bold=True)
    ws.cell(2, 1, ref).font = Font(name=FONT_NAME, size=12, italic=True)
    ws.cell(2, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(columns))
    fill_office = PatternFill("solid", fgColor="FFF2CC")  # the columns the office fills in
    fill_plan = PatternFill("solid", fgColor="DDEBF7")  # the columns from the plan
    for j, column in enumerate(columns, 1):
        cell = ws.cell(HEADER_ROW, j, column.header)
        cell.font = Font(name=FONT_NAME, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = fill_office if column.filled else fill_plan
        cell.border = border
    body = Font(name=FONT_NAME, size=12)
    for i, values in enumerate(rows, HEADER_ROW + 1):
        for j, column in enumerate(columns, 1):
            cell = ws.cell(i, j, values.get(column.key))
            cell.font = body
            cell.border = border
            centred = column.kind in ("int", "date", "percent", "number", "status")
            cell.alignment = Alignment(
                horizontal="center" if centred else "left", vertical="top",
                wrap_text=column.kind == "wrap",
            )
            if column.kind == "date":
                cell.number_format = "DD/MM/YYYY"
            elif column.kind in ("percent", "number"):
                cell.number_format = "General"
    widths = [_fit(column, [r.get(column.key) for r in rows]) for column in columns]
    for j, (column, width) in enumerate(zip(columns, widths, strict=True), 1):
        dim = ws.column_dimensions[get_column_letter(j)]
        dim.width = width
        dim.hidden = column.hidden
    shown = sum(w for c, w in zip(columns, widths, strict=True) if not c.hidden)
    ws.row_dimensions[2].height = round(_lines(ref, shown) * LINE_HEIGHT + ROW_PADDING, 2)
    for i, values in enumerate(rows, HEADER_ROW + 1):
        ws.row_dimensions[i].height = _row_height(columns, widths, values)
    last_row = HEADER_ROW + max(len(rows), 1)
    last_col = get_column_letter(len(columns))
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_row}"
    ws.row_dimensions[HEADER_ROW].height = 48
    # A4 landscape, one page wide, the header row on every page, page numbers at the foot
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT_NAME
    return ws


def _column_letter(columns: tuple[Column, ...], key: str) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(next(i for i, c in enumerate(columns, 1) if c.key == key))
    return letter


def _validations(ws: Any, columns: tuple[Column, ...], count: int) -> None:
    """Data validation of the columns the office fills: the status list, progress 0-100,
    dates, numbers (messages in Vietnamese)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    first, last = HEADER_ROW + 1, HEADER_ROW + max(count, 1)

    def add(key: str, dv: DataValidation) -> None:
        letter = _column_letter(columns, key)
        dv.error_title = "Giá trị không hợp lệ"
        dv.showErrorMessage = True
        dv.add(f"{letter}{first}:{letter}{last}")
        ws.add_data_validation(dv)

    for column in columns:
        if not column.filled:
            continue
        if column.kind == "status":
            dv = DataValidation(
                type="list", formula1='"' + ",".join(s.value for s in Status) + '"',
                allow_blank=True,
            )
            dv.error = "Chọn trạng thái trong danh sách."
            dv.prompt, dv.promptTitle, dv.showInputMessage = (
                "Chọn trạng thái; Hoàn thành cần số, ký hiệu văn bản.", "Trạng thái", True,
            )
            add(column.key, dv)
        elif column.kind == "percent":
            dv = DataValidation(
                type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True
            )
            dv.error = "Tiến độ là một số từ 0 đến 100 (phần trăm)."
            add(column.key, dv)
        elif column.kind == "date":
            dv = DataValidation(
                type="date", operator="between", formula1="DATE(2020,1,1)",
                formula2="DATE(2050,12,31)", allow_blank=True,
            )
            dv.error = "Ghi ngày dạng ngày/tháng/năm, ví dụ 30/06/2026."
            add(column.key, dv)
        elif column.kind == "number":
            dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                allow_blank=True)
            dv.error = "Ghi một số (ví dụ 75 cho 75%)."
            add(column.key, dv)


def _highlight_tasks(ws: Any, count: int) -> None:
    """Conditional formatting: completed rows (status Hoàn thành and a document number, the
    rule the report applies) in green; overdue rows (deadline passed, not completed) in red."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill

    first, last = HEADER_ROW + 1, HEADER_ROW + max(count, 1)
    last_col = _column_letter(TASK_COLUMNS, TASK_COLUMNS[-1].key)
    due = _column_letter(TASK_COLUMNS, "due")
    status = _column_letter(TASK_COLUMNS, "status")
    evidence = _column_letter(TASK_COLUMNS, "evidence")
    area = f"A{first}:{last_col}{last}"
    done = f'AND(${status}{first}="{Status.done.value}",${evidence}{first}<>"")'
    overdue = f'AND(${due}{first}<>"",${due}{first}<TODAY(),NOT({done}))'
    ws.conditional_formatting.add(
        area,
        FormulaRule(formula=[overdue], fill=PatternFill("solid", bgColor="FFC7CE"),
                    font=Font(color="9C0006"), stopIfTrue=True),
    )
    ws.conditional_formatting.add(
        area, FormulaRule(formula=[done], fill=PatternFill("solid", bgColor="C6EFCE")),
    )


def guide_lines(plan: Plan, command: str) -> list[tuple[str, bool]]:
    """The "Hướng dẫn" sheet: (line, heading?) in Vietnamese."""
    reporting = ", ".join(f"{d:02d}/{m:02d}" for d, m in plan.reporting)
    statuses = "; ".join(s.value for s in Status)
    lines = [
        ("HƯỚNG DẪN SỬ DỤNG SỔ THEO DÕI", True),
        (f"Sổ lập từ {plan_ref(plan)}: trang '{TASKS_SHEET}' lấy các nhiệm vụ của Phụ lục "
         f"phân công nhiệm vụ, trang '{TARGETS_SHEET}' lấy các chỉ tiêu.", False),
        ("1. Điền sổ", True),
        ("- Các cột nền xanh lấy từ Kế hoạch; sửa ở đây không làm thay đổi Kế hoạch. Các cột "
         "nền vàng do cơ quan, đơn vị điền: Trạng thái, Tiến độ (%), Kết quả thực hiện, Văn bản "
         "hoàn thành (số, ký hiệu), Ngày văn bản, Ghi chú.", False),
        (f"- Trạng thái chọn trong danh sách: {statuses}. Để trống là Chưa thực hiện.", False),
        ("- Một nhiệm vụ chỉ được tính là Hoàn thành khi có số, ký hiệu văn bản hoàn thành nhiệm "
         "vụ (ví dụ: Quyết định số 12/QĐ-UBND) và ngày của văn bản; thiếu văn bản, báo cáo tính "
         "là Đang thực hiện.", False),
        ("- Tiến độ (%) là một số từ 0 đến 100. Ngày ghi dạng ngày/tháng/năm (30/06/2026).", False),
        ("- Dòng tô đỏ: đã quá hạn hoàn thành mà chưa hoàn thành. Dòng tô xanh: đã hoàn thành "
         "(có văn bản).", False),
        (f"- Trang '{TARGETS_SHEET}': ghi Giá trị hiện tại (một số, ví dụ 75 cho 75%) và Ngày đo.",
         False),
        ("2. Được và không được", True),
        ("- Được: sắp xếp, lọc, nới rộng cột, thêm cột ghi chú riêng ở bên phải bảng.", False),
        ("- Không được: đổi tiêu đề cột; xóa cột ẩn 'Mã nhiệm vụ', 'Mã chỉ tiêu' (nối mỗi dòng với "
         "Kế hoạch); thêm dòng nhiệm vụ không có trong Kế hoạch; xóa trang ẩn 'nqgen'. Nhiệm vụ "
         "mới cần được bổ sung vào Kế hoạch rồi lập lại sổ.", False),
        ("- Lưu tệp dạng Excel (.xlsx), không lưu dạng .xls hay .ods.", False),
        ("3. Lập báo cáo", True),
        (f"{command} report KE_HOACH.yaml --tracking SO_THEO_DOI.xlsx --period \"6 tháng đầu năm "
         "2026\" -o bao-cao.docx", False),
        ("- Kỳ báo cáo: \"quý II/2026\", \"6 tháng đầu năm 2026\", \"9 tháng 2026\", \"năm 2026\", "
         "\"tháng 3/2026\" (báo cáo tháng của đợt cao điểm), \"lũy kế đến 30/6/2026\".", False),
        ("- Báo cáo lấy số liệu trong sổ; những phần cơ quan tự viết được để trống, đánh dấu "
         "\"[Bổ sung: …]\" tô vàng, để thay bằng nội dung trước khi trình ký.", False),
    ]
    if reporting:
        lines.append((f"- Mốc gửi báo cáo hằng năm theo Kế hoạch: trước ngày {reporting}.", False))
    return lines


def build_register(plan: Plan, command: str = "nqgen") -> bytes:
    """The register of ``plan`` as XLSX bytes; the same Plan always gives the same bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    wb.remove(wb.active)
    # the plan as a document cites it, with its summary: an implementation plan and the annual
    # plan of the same office, both still without a number, are told apart
    ref = f"{plan_ref(plan)} {about(plan.summary)}" if plan.summary else plan_ref(plan)
    tasks = _task_values(plan)
    ws = _sheet(wb, TASKS_SHEET, "SỔ THEO DÕI THỰC HIỆN NHIỆM VỤ", ref, TASK_COLUMNS, tasks)
    _validations(ws, TASK_COLUMNS, len(tasks))
    _highlight_tasks(ws, len(tasks))
    targets = _target_values(plan)
    wt = _sheet(wb, TARGETS_SHEET, "SỔ THEO DÕI THỰC HIỆN CHỈ TIÊU", ref, TARGET_COLUMNS, targets)
    _validations(wt, TARGET_COLUMNS, len(targets))
    guide = wb.create_sheet(GUIDE_SHEET)
    width = 72  # fits A4 portrait (LibreOffice: 90 is wider than the page)
    guide.column_dimensions["A"].width = width
    for i, (line, heading) in enumerate(guide_lines(plan, command), 1):
        cell = guide.cell(i, 1, line)
        cell.font = Font(name=FONT_NAME, size=13 if heading else 12, bold=heading)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        guide.row_dimensions[i].height = _lines(line, width) * LINE_HEIGHT + ROW_PADDING
    guide.page_setup.paperSize = guide.PAPERSIZE_A4
    guide.page_setup.fitToWidth = 1
    guide.page_setup.fitToHeight = 0
    guide.sheet_properties.pageSetUpPr.fitToPage = True
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    for i, (key, label) in enumerate(META_KEYS, 1):
        meta.cell(i, 1, key)
        meta.cell(i, 2, label)
        meta.cell(i, 3, plan_identity(plan)[key])
    wb.active = 0
    props = wb.properties
    props.creator = "nqgen"
    props.title = f"Sổ theo dõi thực hiện {ref}"
    props.language = "vi-VN"
    # fixed times (openpyxl would write the clock's): the plan's month
    props.created = props.modified = datetime(plan.date.year, plan.date.month or 1, 1)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return repack_zip(buf.getvalue())


def plan_identity(plan: Plan) -> dict[str, str]:
    """What the hidden sheet records of the plan (all text)."""
    d = plan.date
    when = f"{d.year}" + (f"-{d.month:02d}" if d.month else "") + (f"-{d.day:02d}" if d.day else "")
    return {
        "format": FORMAT,
        "kind": plan.kind.value,
        "symbol": plan.symbol,
        "number": plan.number or "",
        "date": when,
        "issuer": plan.issuer_short,
        "year": str(plan.year),
        "library": plan.meta.library_version,
    }


# --------------------------------------------------------------------------- reading


@dataclass
class TaskEntry:
    """What the office recorded for one task (one row of ``Nhiệm vụ``)."""

    clause: str
    row: int
    status: Status = Status.not_started
    progress: float | None = None
    result: str = ""
    evidence: str = ""
    evidence_date: date | None = None
    note: str = ""


@dataclass
class TargetEntry:
    """What the office recorded for one target (one row of ``Chỉ tiêu``)."""

    target: str
    row: int
    current: float | None = None
    measured: date | None = None
    note: str = ""


@dataclass
class Register:
    """A register read back: entries by clause or target id, and the warnings of the reading
    (a completed task without evidence, a plan task missing from the register)."""

    tasks: dict[str, TaskEntry] = field(default_factory=dict)
    targets: dict[str, TargetEntry] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _key(text: Any) -> str:
    """A header or a status as compared: NFC, case and spacing ignored."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def _clean(value: Any) -> str:
    """A text cell as one line of NFC text (line breaks typed with Alt+Enter become spaces,
    control characters go)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value))
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    return " ".join(text.split())


_DATE_TEXT = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def _date(value: Any) -> date:
    """A date cell: a real date, a text ``30/06/2026`` (day first, as Vietnamese write it) or
    ``2026-06-30``, or an Excel day number; ValueError otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 40000 < value < 60000:
        from openpyxl.utils.datetime import from_excel

        day: date = from_excel(value).date()
        return day
    text = _clean(value)
    if m := _DATE_TEXT.fullmatch(text):
        return date(int(m[3]), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    raise ValueError(text)


def _number(value: Any, percent_format: bool) -> float:
    """A number cell: a number (a cell formatted as percent holds 0.75 for 75%) or a text
    ``75``, ``75%``, ``75,5`` (decimal comma); ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value) * (100 if percent_format else 1)
    text = _clean(value).rstrip("%").strip().replace(",", ".")
    return float(text)


class _Reader:
    """Reads one register file against its plan; collects every problem before failing."""

    def __init__(self, path: Path, plan: Plan):
        self.path, self.plan = path, plan
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def problem(self, sheet: str, message: str, row: int | None = None,
                column: int | None = None, header: str | None = None) -> None:
        self.problems.append(f"{cell_place(sheet, row, column, header)}: {message}")

    def open(self) -> Any:
        from openpyxl import load_workbook

        if self.path.suffix.lower() in (".xls", ".ods"):
            raise InputError(
                str(self.path),
                "sổ theo dõi phải là tệp Excel .xlsx; hãy mở tệp và lưu lại dạng "
                "'Excel Workbook (.xlsx)'",
            )
        try:
            return load_workbook(self.path, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
            if isinstance(exc, FileNotFoundError | PermissionError | IsADirectoryError):
                raise
            raise InputError(
                str(self.path), "không đọc được: tệp không phải sổ Excel (.xlsx) hợp lệ"
            ) from None

    def sheet(self, wb: Any, name: str) -> Any | None:
        for ws in wb.worksheets:
            if _key(ws.title) == _key(name):
                return ws
        self.problems.append(
            f"không có trang tính '{name}' (đã bị xóa hoặc đổi tên); hãy đặt lại đúng tên"
        )
        return None

    def check_identity(self, wb: Any) -> None:
        ws = self.sheet(wb, META_SHEET)
        if ws is None:
            return
        found = {
            _clean(ws.cell(i, 1).value): _clean(ws.cell(i, 3).value)
            for i in range(1, ws.max_row + 1)
        }
        mine = plan_identity(self.plan)
        if found.get("format") != FORMAT:
            self.problem(META_SHEET, "không phải sổ theo dõi do nqgen lập", 1, 3)
            return
        labels = dict(META_KEYS)
        for key in ("kind", "issuer", "year"):
            if found.get(key) != mine[key]:
                row = [k for k, _ in META_KEYS].index(key) + 1
                self.problem(
                    META_SHEET,
                    f"sổ theo dõi này lập cho Kế hoạch khác ({labels[key]}: "
                    f"'{found.get(key)}', Kế hoạch: '{mine[key]}')",
                    row, 3,
                )
        for key in ("number", "date"):
            if found.get(key) and mine[key] and found[key] != mine[key]:
                if key == "date" and (found[key].startswith(mine[key])
                                      or mine[key].startswith(found[key])):
                    continue  # a draft's month, then the day once signed
                row = [k for k, _ in META_KEYS].index(key) + 1
                self.problem(
                    META_SHEET,
                    f"sổ theo dõi này lập cho Kế hoạch khác ({labels[key]}: "
                    f"'{found[key]}', Kế hoạch: '{mine[key]}')",
                    row, 3,
                )

    def header(self, ws: Any, columns: tuple[Column, ...]) -> tuple[int, dict[str, int]] | None:
        """The header row and the column of each key; problems for a changed or missing
        header. The header row is the one, among the first ten, that names most columns."""
        expected = {_key(c.header): c for c in columns}
        best_row, best = 0, 0
        for r in range(1, min(ws.max_row, 10) + 1):
            hits = sum(_key(ws.cell(r, c).value) in expected
                       for c in range(1, ws.max_column + 1) if ws.cell(r, c).value is not None)
            if hits > best:
                best_row, best = r, hits
        if best < 3:
            self.problem(ws.title, "không tìm thấy dòng tiêu đề của sổ (STT, Nhiệm vụ, …)")
            return None
        where, strangers = self._header_columns(ws, expected, best_row)
        missing = [col for col in columns if col.key not in where]
        self._missing_columns(ws.title, columns, missing, strangers, best_row)
        if missing:
            return None
        return best_row, where

    def _header_columns(
        self, ws: Any, expected: dict[str, Column], row: int
    ) -> tuple[dict[str, int], list[tuple[int, str]]]:
        """The column of each known header in ``row``, and the headers the register does not
        have (a column written twice is a problem)."""
        where: dict[str, int] = {}
        strangers: list[tuple[int, str]] = []
        for c in range(1, ws.max_column + 1):
            value = ws.cell(row, c).value
            if value is None or _clean(value) == "":
                continue
            column = expected.get(_key(value))
            if column is None:
                strangers.append((c, _clean(value)))
            elif column.key in where:
                self.problem(ws.title, f"cột '{column.header}' có hai lần", row, c)
            else:
                where[column.key] = c
        return where, strangers

    def _missing_columns(
        self, sheet: str, columns: tuple[Column, ...], missing: list[Column],
        strangers: list[tuple[int, str]], row: int,
    ) -> None:
        """Problems for the columns the header lacks: a hidden one (the link to the Plan), and
        the visible ones, named beside the headers that took their place."""
        for col in missing:
            if col.hidden:
                letter = _column_letter(columns, col.key)
                self.problem(
                    sheet,
                    f"thiếu cột ẩn '{col.header}' (cột {letter} của sổ, nối mỗi dòng với Kế "
                    "hoạch): cột này đã bị xóa hoặc đổi tiêu đề; hãy lấy lại từ bản sổ trước "
                    "hoặc lập lại sổ",
                    row,
                )
        names = ", ".join(f"'{col.header}'" for col in missing if not col.hidden)
        if not names:
            return
        for at, text in strangers:
            self.problem(
                sheet,
                f"tiêu đề '{text}' không phải tiêu đề của sổ; sổ cần cột {names}: hãy đặt "
                "lại đúng tiêu đề",
                row, at,
            )
        if not strangers:
            self.problem(sheet, f"thiếu cột {names} (đã bị xóa); hãy lấy lại cột này", row)

    def rows(self, ws: Any, columns: tuple[Column, ...], id_key: str, known: set[str],
             what: str, make: Callable[[str, int, dict[str, Any]], Any]) -> dict[str, Any]:
        """Each filled row as ``make(id, row, values)``; problems name the cell."""
        found = self.header(ws, columns)
        if found is None:
            return {}
        header_row, where = found
        by_key = {c.key: c for c in columns}
        entries: dict[str, Any] = {}
        for r in range(header_row + 1, ws.max_row + 1):
            cells = {k: ws.cell(r, c) for k, c in where.items()}
            if all(_clean(cell.value) == "" for cell in cells.values()):
                continue
            ident = _clean(cells[id_key].value)
            id_col = where[id_key]
            if not ident:
                self.problem(ws.title, f"dòng không có mã {what} (cột ẩn '{by_key[id_key].header}')"
                             f": {what} thêm vào sổ phải có trong Kế hoạch", r, id_col)
                continue
            if ident not in known:
                self.problem(ws.title, f"{what} mã '{ident}' không có trong {plan_ref(self.plan)}",
                             r, id_col, by_key[id_key].header)
                continue
            if ident in entries:
                self.problem(ws.title, f"{what} mã '{ident}' có hai dòng (dòng "
                             f"{entries[ident].row} và dòng {r})", r, id_col)
                continue
            values: dict[str, Any] = {}
            for key, cell in cells.items():
                column = by_key[key]
                if not column.filled:
                    continue
                values[key] = self.value(ws.title, r, where[key], column, cell)
            entries[ident] = make(ident, r, values)
        return entries

    def value(self, sheet: str, row: int, col: int, column: Column, cell: Any) -> Any:
        raw = cell.value
        if raw is None or (isinstance(raw, str) and _clean(raw) == ""):
            return None
        try:
            if column.kind == "status":
                status = _STATUS_BY_KEY.get(slugify(_clean(raw)))
                if status is None:
                    raise ValueError
                return status
            if column.kind == "date":
                return _date(raw)
            if column.kind in ("percent", "number"):
                value = _number(raw, "%" in (cell.number_format or ""))
                if value < 0 or (column.kind == "percent" and value > 100):
                    raise ValueError
                return value
        except (ValueError, OverflowError):
            shown = _clean(raw) if not isinstance(raw, datetime) else raw.date().isoformat()
            reason = {
                "status": "không phải trạng thái của sổ; chọn một trong: "
                + ", ".join(s.value for s in Status),
                "date": "không phải ngày; ghi dạng ngày/tháng/năm, ví dụ 30/06/2026",
                "percent": "tiến độ phải là một số từ 0 đến 100",
                "number": "không phải số; ghi một số, ví dụ 75 (cho 75%) hoặc 1.200",
            }[column.kind]
            self.problem(sheet, f"'{shown}' {reason}", row, col, column.header)
            return None
        return _clean(raw)


def read_register(path: Path, plan: Plan) -> Register:
    """Read the register at ``path`` for ``plan`` (see the module docstring). The file is only
    read. Raises SheetError listing every problem, with its sheet, row and column."""
    reader = _Reader(path, plan)
    wb = reader.open()
    reader.check_identity(wb)
    register = Register()
    plan_tasks = {r.clause: r for r in plan.task_rows()}

    def task(ident: str, row: int, v: dict[str, Any]) -> TaskEntry:
        entry = TaskEntry(
            ident, row, v.get("status") or Status.not_started, v.get("progress"),
            v.get("result") or "", v.get("evidence") or "", v.get("evidence_date"),
            v.get("note") or "",
        )
        if entry.status == Status.done and not entry.evidence:
            reader.warnings.append(
                f"{cell_place(TASKS_SHEET, row)}: nhiệm vụ {plan_tasks[ident].number} "
                f"'{shorten(plan_tasks[ident].content, 60)}' ghi Hoàn thành nhưng chưa có số, "
                "ký hiệu văn bản hoàn thành: báo cáo tính là Đang thực hiện"
            )
            entry.status = Status.in_progress
        return entry

    def target(ident: str, row: int, v: dict[str, Any]) -> TargetEntry:
        return TargetEntry(ident, row, v.get("current"), v.get("measured"), v.get("note") or "")

    ws = reader.sheet(wb, TASKS_SHEET)
    if ws is not None:
        register.tasks = reader.rows(ws, TASK_COLUMNS, "clause", set(plan_tasks), "nhiệm vụ",
                                     task)
    wt = reader.sheet(wb, TARGETS_SHEET)
    if wt is not None:
        targets = {t.target for t in plan.targets}
        register.targets = reader.rows(wt, TARGET_COLUMNS, "target_id", targets, "chỉ tiêu",
                                       target)
    if reader.problems:
        raise SheetError(str(path), reader.problems)
    for ident, row in plan_tasks.items():
        if ident not in register.tasks:
            reader.warnings.append(
                f"trang tính '{TASKS_SHEET}': không có dòng của nhiệm vụ {row.number} "
                f"'{shorten(row.content, 60)}' (mã {ident}); báo cáo tính là Chưa thực hiện"
            )
    register.warnings = reader.warnings
    return register
