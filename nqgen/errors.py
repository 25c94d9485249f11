"""Typed errors written for users (thông báo lỗi tiếng Việt).

The CLI prints ``str(error)`` and exits non-zero without a traceback.
"""

from __future__ import annotations


class NqgenError(Exception):
    """Base of every error a user can cause; the message is Vietnamese and names the place."""

    exit_code = 2


class InputError(NqgenError):
    """Bad input file: ``file``, ``line`` (1-based, or None) and ``field`` (dotted path)."""

    def __init__(self, file: str, message: str, line: int | None = None, field: str | None = None):
        self.file, self.line, self.field, self.detail = file, line, field, message
        where = file + (f", dòng {line}" if line else "")
        what = f", trường '{field}'" if field else ""
        super().__init__(f"Lỗi trong tệp {where}{what}: {message}")


class OutputExistsError(NqgenError):
    """Refuse to overwrite an existing file without ``--force``."""

    def __init__(self, path: str):
        super().__init__(f"Tệp {path} đã tồn tại; dùng --force để ghi đè.")


class LibraryError(NqgenError):
    """The clause library is invalid (see ``nqgen clauses check``)."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C that a front end has already explained (the wizard said where the answers are
    saved): the CLI exits 130 without a second message."""
