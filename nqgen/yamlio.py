"""YAML in and out: load into pydantic models with file/line/field errors; atomic writes.

Errors are reported in Vietnamese with the file, the 1-based line and the dotted field path
(DESIGN.md, "Conventions"): the YAML node tree is kept so that a pydantic error location
``("ubnd", "date", "day")`` maps back to the line where that key was written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import InputError, OutputExistsError

M = TypeVar("M", bound=BaseModel)

_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không được phép (viết sai tên khóa?)",
    "string_type": "phải là chuỗi ký tự",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "float_parsing": "phải là số",
    "float_type": "phải là số",
    "bool_type": "phải là true/false",
    "list_type": "phải là danh sách",
    "dict_type": "phải là bảng khóa: giá trị",
    "date_from_datetime_parsing": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "date_parsing": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "date_type": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "enum": "giá trị không thuộc danh sách cho phép",
    "literal_error": "giá trị không thuộc danh sách cho phép",
    "greater_than_equal": "giá trị quá nhỏ",
    "less_than_equal": "giá trị quá lớn",
    "string_too_short": "không được để trống",
    "string_pattern_mismatch": "sai định dạng",
    "too_long": "quá nhiều mục",
}


def error_message(err: Any) -> str:
    """One pydantic error (``ValidationError.errors()`` item) in Vietnamese; the models' own
    ``ValueError`` sentences are already Vietnamese and pass through."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        msg = str(ctx.get("error", err["msg"]))
        return {
            "day is out of range for month": "ngày không tồn tại trong tháng",
            "month must be in 1..12": "tháng phải từ 1 đến 12",
        }.get(msg, msg)
    base = _MESSAGES.get(kind, err["msg"])
    if kind in ("greater_than_equal", "less_than_equal") and "input" in err:
        bound = ctx.get("ge", ctx.get("le"))
        limit = "ít nhất" if kind == "greater_than_equal" else "tối đa"
        base = base.replace("giá trị", f"giá trị {err['input']}", 1) + f" ({limit} {bound})"
    if kind == "too_long" and "max_length" in ctx:
        base += f" (tối đa {ctx['max_length']})"
    if kind == "enum" and "expected" in ctx:
        base += f" ({ctx['expected']})"
    if kind == "string_pattern_mismatch" and "pattern" in ctx:
        base += f" (mẫu {ctx['pattern']})"
    return base


def line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """Walk the composed YAML node tree along ``loc``; return the deepest line found."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for key, value in node.value:
                if str(key.value) == str(part):
                    nxt = value
                    line = key.start_mark.line + 1
                    break
            if nxt is None:
                return line
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Parse ``path``; return the data and its node tree. Raises InputError on bad YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "không tìm thấy tệp") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "tệp không phải văn bản UTF-8") from None
    except OSError as exc:
        raise InputError(str(path), f"không đọc được tệp ({exc.strerror})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or "cú pháp YAML không hợp lệ"
        raise InputError(str(path), f"cú pháp YAML không hợp lệ ({problem})", line) from None
    return data, node


def validate(model: type[M], data: Any, path: Path, node: yaml.Node | None) -> M:
    """Validate ``data`` as ``model``; the first error becomes an InputError with its line."""
    if not isinstance(data, dict):
        raise InputError(str(path), "tệp phải là một bảng khóa: giá trị (mapping)", 1)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        field = ".".join(str(p) for p in loc) or None
        more = len(exc.errors()) - 1
        msg = error_message(err) + (f" (và {more} lỗi khác)" if more else "")
        raise InputError(str(path), msg, line_of(node, loc), field) from None


def load_model(model: type[M], path: Path) -> M:
    """Read a YAML file into ``model`` (raises InputError naming file, line, field)."""
    data, node = read_yaml(path)
    return validate(model, data, path, node)


def dump_yaml(data: Any) -> str:
    """YAML text with Vietnamese left readable (no \\u escapes) and key order kept."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def write_atomic(path: Path, content: bytes, force: bool = False) -> None:
    """Write ``content`` to ``path`` via a temporary file and rename (never half-written).

    Raises OutputExistsError when ``path`` exists and ``force`` is false.
    """
    if path.exists() and not force:
        raise OutputExistsError(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the usual file mode
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
