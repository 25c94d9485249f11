"""Typed errors written for users (thông báo lỗi tiếng Việt): one root, one subclass per kind.

Every error a user can cause is a :class:`NqgenError` whose message is Vietnamese and names
the place (file, line, field). The CLI maps them to exit codes in one place
(:func:`nqgen.cli.run`): every NqgenError exits 2 without a traceback; anything else is an
internal error (exit 70, traceback only with ``--debug``).

- :class:`InputError` — a bad input file or value (hồ sơ, kế hoạch, tệp trả lời, thư viện);
  :class:`SheetError` for a spreadsheet (sổ theo dõi), naming sheet, row and column.
- :class:`UsageError` — a bad combination of command-line options.
- :class:`UnitError` — a province or commune not in the official list.
- :class:`OutputError` — a file cannot be written where asked; :class:`OutputExistsError`
  when it exists and ``--force`` was not given.
- :class:`LibraryError` — the clause library is invalid.
- :class:`TemplateError` — a document template is missing or broken.
- :class:`ConverterError` — LibreOffice is missing or cannot convert to PDF.
- ``CheckError`` (:mod:`nqgen.check`) — a document the checker cannot read.
"""

from __future__ import annotations

import errno

__all__ = [
    "ConverterError",
    "InputError",
    "LibraryError",
    "NqgenError",
    "OutputError",
    "OutputExistsError",
    "TemplateError",
    "UnitError",
    "UsageError",
]


def where(file: str, line: int | None = None, field: str | None = None) -> str:
    """``tệp x.yaml, dòng 5, trường 'ubnd.date'`` — how every message names a place."""
    return (
        f"tệp {file}"
        + (f", dòng {line}" if line else "")
        + (f", trường '{field}'" if field else "")
    )


class NqgenError(Exception):
    """Root of every error a user can cause; the message is Vietnamese and names the place."""

    exit_code = 2


class InputError(NqgenError):
    """Bad input file: ``file``, ``line`` (1-based, or None) and ``field`` (dotted path)."""

    def __init__(self, file: str, message: str, line: int | None = None, field: str | None = None):
        self.file, self.line, self.field, self.detail = file, line, field, message
        super().__init__(f"Lỗi trong {where(file, line, field)}: {message}")


def cell_place(sheet: str, row: int | None = None, column: int | None = None,
               header: str | None = None) -> str:
    """``trang tính 'Nhiệm vụ', dòng 7, cột I (Trạng thái)`` — how a spreadsheet cell is named
    (the column by its letter, as Excel and LibreOffice show it, and by its header)."""
    from openpyxl.utils import get_column_letter

    text = f"trang tính '{sheet}'"
    if row is not None:
        text += f", dòng {row}"
    if column is not None:
        text += f", cột {get_column_letter(column)}"
        if header:
            text += f" ({header})"
    elif header:
        text += f", cột '{header}'"
    return text


class SheetError(InputError):
    """A bad spreadsheet (sổ theo dõi, XLSX): the message names the file, the sheet, the row and
    the column. Several problems are given together, one per line (``problems``)."""

    def __init__(self, file: str, problems: list[str]):
        self.problems = problems
        shown = problems[:20]
        more = len(problems) - len(shown)
        text = "\n".join(f"- {p}" for p in shown) + (f"\n- … và {more} lỗi khác" if more else "")
        NqgenError.__init__(self, f"Lỗi trong tệp {file}:\n{text}")
        self.file, self.line, self.field, self.detail = file, None, None, text


class UsageError(NqgenError):
    """A bad combination or value of command-line options (tùy chọn dòng lệnh)."""


class UnitError(NqgenError):
    """A province or commune that is not in the official list (danh mục đơn vị hành chính),
    or a name that matches several units."""


class OutputError(NqgenError):
    """An output file cannot be written where asked (tệp kết quả)."""


class OutputExistsError(OutputError):
    """Refuse to overwrite an existing file without ``--force``."""

    def __init__(self, path: str):
        self.path = path
        super().__init__(f"Tệp {path} đã tồn tại; dùng --force để ghi đè.")


class LibraryError(NqgenError):
    """The clause library is invalid (see ``nqgen clauses check``)."""


class TemplateError(NqgenError):
    """A document template (mẫu văn bản) is missing, damaged or names an unknown value."""


class ConverterError(NqgenError):
    """LibreOffice is missing or cannot convert a DOCX to PDF (chuyển sang PDF)."""


_OS_REASONS = {
    errno.ENOENT: "không tìm thấy tệp hoặc thư mục",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EEXIST: "đã tồn tại",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc, không ghi được",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.EBUSY: "tệp đang được chương trình khác dùng",
    errno.EINVAL: "tên tệp không hợp lệ",
    errno.ELOOP: "đường dẫn có vòng liên kết (symlink)",
    errno.EIO: "lỗi đọc ghi ổ đĩa",
    errno.EXDEV: "không chuyển được tệp sang ổ đĩa khác",
}


def os_reason(exc: OSError) -> str:
    """A Vietnamese reason for an operating-system error (never the English ``strerror``)."""
    if isinstance(exc, PermissionError) and getattr(exc, "winerror", None) == 32:
        return "tệp đang được mở trong chương trình khác (Word?); hãy đóng tệp rồi chạy lại"
    reason = _OS_REASONS.get(exc.errno or 0)
    return reason or f"lỗi hệ điều hành (mã {exc.errno})"


class Interrupted(KeyboardInterrupt):
    """Ctrl-C that a front end has already explained (the wizard said where the answers are
    saved): the CLI exits 130 without a second message."""
