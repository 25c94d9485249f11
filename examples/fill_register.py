"""Điền sổ theo dõi như văn phòng điền trong Excel (dùng cho ví dụ; người dùng điền bằng Excel).

Fill a tracking register as an office would in Excel (for the example only): statuses,
progress, results, the documents that completed tasks, and two target figures.

    .venv/bin/python examples/fill_register.py theo-doi.xlsx theo-doi-da-dien.xlsx
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.writer.excel import ExcelWriter

from nqgen.output import repack_zip
from nqgen.track.register import HEADER_ROW, TARGET_COLUMNS, TASK_COLUMNS

TASK = {c.key: i for i, c in enumerate(TASK_COLUMNS, 1)}
TARGET = {c.key: i for i, c in enumerate(TARGET_COLUMNS, 1)}

#: STT -> status, progress, result, evidence (number, symbol), date of the evidence.
ROWS = {
    1: ("Hoàn thành", 100, "Các phòng, đơn vị đã ban hành kế hoạch triển khai",
        "Báo cáo số 21/BC-UBND", dt.date(2026, 1, 15)),
    2: ("Hoàn thành", 100, "Đưa nhiệm vụ chuyển đổi số vào chương trình công tác năm 2026",
        "Quyết định số 12/QĐ-UBND", dt.date(2026, 1, 5)),
    4: ("Hoàn thành", 100, "Tổ chức hội nghị quán triệt cho 45 cán bộ, công chức",
        "Thông báo số 08/TB-UBND", dt.date(2026, 2, 10)),
    6: ("Đúng tiến độ", 50, "Đăng 24 tin, bài trên Trang thông tin điện tử của xã", None, None),
    8: ("Có nguy cơ chậm", 30, "Đã mở 2 lớp học tập số tại thôn", None, None),
    12: ("Chậm", 10, None, None, None),
    7: ("Hoàn thành", None, "Đã triển khai Bộ công cụ đánh giá", None, None),  # no document yet
    24: ("Đang thực hiện", 60, "Đã cấp 20 chứng thư số cho cán bộ, công chức", None, None),
}


def main(source: str, target: str) -> None:
    wb = load_workbook(source)
    ws = wb["Nhiệm vụ"]
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        values = ROWS.get(ws.cell(r, TASK["number"]).value)
        if values:
            for key, value in zip(
                ("status", "progress", "result", "evidence", "evidence_date"), values, strict=True
            ):
                ws.cell(r, TASK[key], value)
    wt = wb["Chỉ tiêu"]
    wt.cell(HEADER_ROW + 1, TARGET["current"], 62)
    wt.cell(HEADER_ROW + 1, TARGET["measured"], dt.date(2026, 6, 30))
    wt.cell(HEADER_ROW + 2, TARGET["current"], 100)
    wt.cell(HEADER_ROW + 2, TARGET["measured"], dt.date(2026, 6, 30))
    # saved as openpyxl saves, with the zip times fixed so that the example does not change
    # from one regeneration to the next
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    Path(target).write_bytes(repack_zip(out.getvalue()))


if __name__ == "__main__":
    main(*sys.argv[1:3])
