"""The command line in Vietnamese (giao diện dòng lệnh tiếng Việt): what typer/Click print.

typer (with its own copy of Click) writes its help and its usage errors in English: "Usage:",
"Options:", "Show this message and exit.", "Missing argument", "No such option", "Invalid
value", "[required]". Here, in one place: command classes whose help and usage lines are
Vietnamese (:class:`Command`, :class:`Group`), the Vietnamese text of every usage error
(:func:`usage_error`) and the name of the program as the user runs it (:func:`invoked_as`),
for the hints that tell the next command to type.

Light on purpose: the wizard's first question imports this module (no pydantic, no yaml).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from typing import Any

import typer
from typer._click import exceptions as click_errors  # typer >= 0.29 ships its own Click
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup

ClickException = click_errors.ClickException
ClickUsageError = click_errors.UsageError

_HEADINGS = {"Options": "Tùy chọn", "Arguments": "Tham số", "Commands": "Lệnh"}

#: typer/Click's fixed English in help and usage lines, and its Vietnamese.
_HELP_TEXT = [
    (re.compile(r"\[OPTIONS\]"), "[TÙY_CHỌN]"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "LỆNH [THAM_SỐ]..."),
    (re.compile(r"Show this message and exit\."), "Xem hướng dẫn này."),
    (re.compile(r"\[required\]"), "[bắt buộc]"),
    (re.compile(r"\[default: "), "[mặc định: "),
    (re.compile(r"\[env var: "), "[biến môi trường: "),
    (re.compile(r" <[a-z][\w\[\] ]*>"), ""),  # typer's type names: <path>, <int range>
    (re.compile(r"\{([^{}\s]+)\}"), r"\1"),  # typer's mark of a required argument
    (re.compile(r"(\.\.\.)+"), "..."),
]


def translate_help(text: str) -> str:
    """A piece of help or usage text with typer/Click's English replaced by Vietnamese."""
    for pattern, vi in _HELP_TEXT:
        text = pattern.sub(vi, text)
    return text


class _Formatter(HelpFormatter):
    """Click's help formatter, writing Vietnamese before it lays the columns out."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, translate_help(args), prefix="Cách dùng: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))

    def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
        rows = [(translate_help(first), translate_help(second)) for first, second in rows]
        super().write_dl(rows, *args, **kwargs)


class _Context(typer.Context):
    formatter_class = _Formatter


class Command(TyperCommand):
    """A typer command whose help and usage line are Vietnamese."""

    context_class = _Context


class Group(TyperGroup):
    """A typer command group whose help and usage line are Vietnamese."""

    context_class = _Context


# --------------------------------------------------------------------------- usage errors

#: What typer says about a value it could not convert, and its Vietnamese.
_VALUE_TEXT = [
    (r"valid integer", "phải là số nguyên"),
    (r"valid number|valid float", "phải là số"),
    (r"valid boolean", "phải là true hoặc false"),
    (r"is not one of (.+?)\.?$", "phải là một trong: {0}"),
    (r"does not exist", "không tồn tại"),
    (r"is a directory", "là một thư mục"),
    (r"greater than or equal to (\S+)", "phải lớn hơn hoặc bằng {0}"),
    (r"less than or equal to (\S+)", "phải nhỏ hơn hoặc bằng {0}"),
    (r"not in the range (\S+)", "phải trong khoảng {0}"),
]


def _value_reason(message: str) -> str:
    for pattern, vi in _VALUE_TEXT:
        m = re.search(pattern, message)
        if m:
            return vi.format(*m.groups())
    return "giá trị không hợp lệ"


def _hint(exc: Any) -> str:
    """``--jobs`` / ``HỒ_SƠ``: how the parameter of a BadParameter is named on the line."""
    param = getattr(exc, "param", None)
    if param is None:
        return str(getattr(exc, "param_hint", "") or "")
    opts = [o for o in getattr(param, "opts", []) if o.startswith("-")]
    return " / ".join(opts) if opts else str(param.get_error_hint())


def usage_error(exc: Any) -> str:
    """The Vietnamese message of a typer/Click usage error (never Click's English)."""
    if isinstance(exc, click_errors.MissingParameter):
        what = "tham số" if getattr(exc.param, "param_type_name", "") == "argument" else "tùy chọn"
        return f"Thiếu {what} {_hint(exc)}."
    if isinstance(exc, click_errors.NoSuchOption):
        near = ", ".join(sorted(exc.possibilities or []))
        return f"Không có tùy chọn {exc.option_name}." + (f" Có phải: {near}?" if near else "")
    if isinstance(exc, click_errors.BadOptionUsage):
        return f"Tùy chọn {exc.option_name} cần một giá trị."
    if isinstance(exc, click_errors.BadParameter):
        return f"Giá trị không hợp lệ cho {_hint(exc)}: {_value_reason(exc.message)}."
    message = str(getattr(exc, "message", ""))
    m = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
    if m:
        return f"Thừa tham số: {m.group(1)}."
    m = re.match(r"No such command '(.+?)'\.(?: Did you mean (.+)\?)?", message)
    if m:
        return f"Không có lệnh '{m.group(1)}'." + (f" Có phải: {m.group(2)}?" if m.group(2) else "")
    if message.startswith("Missing command"):
        return "Thiếu tên lệnh."
    return "Dòng lệnh không hợp lệ."


# --------------------------------------------------------------------------- program name


def invoked_as() -> str:
    """How the user runs nqgen: ``nqgen`` when that name on PATH is this program, else the
    path as typed (``.venv/bin/nqgen``), so that a printed hint can be pasted as it is."""
    argv0 = sys.argv[0] if sys.argv and sys.argv[0] else ""
    name = os.path.basename(argv0)
    if not name.startswith("nqgen"):
        return "nqgen"
    found = shutil.which("nqgen")
    try:
        if found and os.path.samefile(found, argv0):
            return "nqgen"
    except OSError:
        pass
    if os.path.isabs(argv0):
        try:
            relative = os.path.relpath(argv0)
        except ValueError:  # another drive (Windows)
            relative = argv0
        if not relative.startswith(".."):
            argv0 = relative if os.sep in relative else os.path.join(".", relative)
    return shlex.quote(argv0) if os.name != "nt" else argv0
