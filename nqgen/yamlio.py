"""YAML in and out: load into pydantic models with file/line/field errors, in Vietnamese.

Errors are reported in Vietnamese with the file, the 1-based line and the dotted field path
(docs/architecture.md, "Conventions"): the YAML node tree is kept so that a pydantic error location
``("ubnd", "date", "day")`` maps back to the line where that key was written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import InputError, os_reason

M = TypeVar("M", bound=BaseModel)

_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không được phép (viết sai tên khóa?)",
    "string_type": "phải là chuỗi ký tự (đặt trong dấu nháy kép nếu là số)",
    "string_unicode": "phải là chuỗi ký tự",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_parsing_size": "số quá lớn",
    "int_from_float": "phải là số nguyên (không có phần thập phân)",
    "float_parsing": "phải là số",
    "float_type": "phải là số",
    "finite_number": "phải là một số hữu hạn",
    "bool_type": "phải là true/false",
    "bool_parsing": "phải là true/false",
    "list_type": "phải là danh sách",
    "tuple_type": "phải là danh sách",
    "dict_type": "phải là bảng khóa: giá trị",
    "model_type": "phải là bảng khóa: giá trị",
    "model_attributes_type": "phải là bảng khóa: giá trị",
    "date_from_datetime_parsing": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "date_from_datetime_inexact": "chỉ ghi ngày, không ghi giờ (dạng YYYY-MM-DD)",
    "date_parsing": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "date_type": "ngày không hợp lệ (dạng YYYY-MM-DD)",
    "enum": "giá trị không thuộc danh sách cho phép",
    "literal_error": "giá trị không thuộc danh sách cho phép",
    "greater_than": "giá trị quá nhỏ",
    "greater_than_equal": "giá trị quá nhỏ",
    "less_than": "giá trị quá lớn",
    "less_than_equal": "giá trị quá lớn",
    "string_too_short": "không được để trống",
    "string_too_long": "quá dài",
    "too_short": "quá ít phần tử",
    "too_long": "quá nhiều phần tử",
    "string_pattern_mismatch": "sai định dạng",
    "none_required": "phải để trống",
}

#: Python's own ValueError texts that reach a validator (datetime.date and friends).
_VALUE_ERRORS = {
    "day is out of range for month": "ngày không tồn tại trong tháng",
    "month must be in 1..12": "tháng phải từ 1 đến 12",
    "day value is outside expected range": "ngày không tồn tại trong tháng",
    "month value is outside expected range": "tháng phải từ 1 đến 12",
    "year 0 is out of range": "năm không hợp lệ",
}

_BOUNDS = {
    "greater_than": "gt",
    "greater_than_equal": "ge",
    "less_than": "lt",
    "less_than_equal": "le",
}


def _vi_choices(expected: str) -> str:
    return expected.replace(" or ", " hoặc ")


def error_message(err: Any) -> str:
    """The Vietnamese message of one pydantic error (never pydantic's English text)."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        msg = str(ctx.get("error", "giá trị không hợp lệ"))
        return _VALUE_ERRORS.get(msg, msg)
    if kind in ("date_from_datetime_parsing", "date_parsing") and ctx.get("error"):
        reason = _VALUE_ERRORS.get(str(ctx["error"]))
        if reason:
            return reason
    base = _MESSAGES.get(kind, "giá trị không hợp lệ")
    if kind in ("enum", "literal_error") and "expected" in ctx:
        base += f" ({_vi_choices(str(ctx['expected']))})"
    elif kind in _BOUNDS and _BOUNDS[kind] in ctx:
        sign = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤"}[_BOUNDS[kind]]
        if isinstance(err.get("input"), int | float) and not isinstance(err["input"], bool):
            base = base.replace("giá trị", f"giá trị {err['input']}", 1)
        base += f" (phải {sign} {ctx[_BOUNDS[kind]]})"
    elif kind in ("too_long", "string_too_long") and "max_length" in ctx:
        base += f" (tối đa {ctx['max_length']})"
    elif kind == "string_pattern_mismatch" and "pattern" in ctx:
        base += f" (mẫu {ctx['pattern']})"
    return base


def describe(exc: ValidationError) -> tuple[str, tuple[Any, ...]]:
    """The first error of ``exc`` as (Vietnamese message, location), with the count of the
    others; the one translation of pydantic errors for every caller."""
    errors = exc.errors()
    err = errors[0]
    more = len(errors) - 1
    return error_message(dict(err)) + (f" (và {more} lỗi khác)" if more else ""), tuple(err["loc"])


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


class _BadValue(Exception):
    """A scalar PyYAML could not turn into a value (a 5,000-digit number ...)."""

    def __init__(self, node: yaml.Node):
        self.node = node


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as the text written (``2025-02-30`` is then reported by
    validation with its field, not by PyYAML's timestamp constructor) and reports a value
    it cannot construct with its node."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:
            if isinstance(exc, yaml.YAMLError):
                raise
            raise _BadValue(node) from None


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node),  # type: ignore[arg-type]
)


def _path_to(root: yaml.Node, target: yaml.Node) -> tuple[Any, ...] | None:
    """The field path of ``target`` in the node tree (keys and list indexes)."""
    stack: list[tuple[yaml.Node, tuple[Any, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key is target:
                    return path
                stack.append((value, (*path, key.value)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, (*path, i)) for i, child in enumerate(node.value))
    return None


def _field(path: tuple[Any, ...] | None) -> str | None:
    return ".".join(str(p) for p in path) if path else None


#: Values a file may hold once its aliases (``*name``) are expanded: a plan has a few thousand;
#: nine nested lists of nine aliases hold 43 million ("billion laughs"), which would take
#: minutes to check and validate.
MAX_NODES = 200_000


def _expanded_size(root: yaml.Node) -> int:
    """How many nodes the tree holds with every alias expanded (each shared node counted as
    often as it is referred to), computed once per distinct node; a node that holds itself
    (``&a [*a]``) counts as too many."""
    too_many = MAX_NODES + 1
    sizes: dict[int, int] = {}
    open_: set[int] = set()  # nodes whose children are being counted
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            children = []
        if done:
            open_.discard(id(node))
            sizes[id(node)] = min(1 + sum(sizes[id(c)] for c in children), too_many)
            continue
        if id(node) in sizes:
            continue
        if id(node) in open_:
            return too_many  # an alias inside its own anchor: endless
        open_.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


def _duplicate_key(root: yaml.Node) -> tuple[yaml.Node, yaml.Node, tuple[Any, ...]] | None:
    """The first key written twice in one mapping: (first key, second key, mapping path)."""
    stack: list[tuple[yaml.Node, tuple[Any, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[tuple[str, str], yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    ident = (key.tag, key.value)
                    if ident in seen:
                        return seen[ident], key, path
                    seen[ident] = key
                stack.append((value, (*path, key.value)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, (*path, i)) for i, child in enumerate(node.value))
    return None


#: PyYAML's problems (scanner, parser, composer, constructor) in Vietnamese.
_YAML_PROBLEMS: list[tuple[str, str]] = [
    (
        r"found character '\\t' that cannot start any token",
        "có ký tự Tab; YAML chỉ cho thụt lề bằng dấu cách",
    ),
    (
        r"found character (.+) that cannot start any token",
        "ký tự {0} không được đứng đầu một giá trị; hãy đặt giá trị trong dấu nháy kép",
    ),
    (
        r"mapping values are not allowed here",
        "dấu ':' không đúng chỗ (giá trị có ': ' phải đặt trong dấu nháy kép; hoặc thụt lề sai)",
    ),
    (r"could not find expected ':'", "thiếu dấu ':' sau tên khóa"),
    (r"expected <block end>, but found", "thụt lề không khớp với các dòng trên"),
    (r"expected <block mapping end>|expected <document start>", "thụt lề sai"),
    (
        r"sequence entries are not allowed here",
        "dấu '-' (mục danh sách) không đúng chỗ; kiểm tra thụt lề",
    ),
    (
        r"found unexpected end of stream",
        "tệp kết thúc giữa chừng (thiếu dấu nháy hoặc dấu ngoặc đóng?)",
    ),
    (r"expected ',' or '\]'", "thiếu dấu ',' hoặc ']' trong danh sách [...]"),
    (r"expected ',' or '\}'", "thiếu dấu ',' hoặc '}}' trong bảng {{...}}"),
    (
        r"found unknown escape character (.+)",
        "trong dấu nháy kép, dấu \\ trước {0} không hợp lệ (dùng dấu nháy đơn, hoặc viết \\\\)",
    ),
    (r"found undefined alias (.+)", "tham chiếu *{0} chưa được định nghĩa"),
    (r"found duplicate anchor (.+?);", "tên neo &{0} bị trùng"),
    (
        r"expected a single document|but found another document",
        "tệp chỉ được có một tài liệu YAML (bỏ dòng '---' thừa)",
    ),
    (r"invalid indentation or unclosed", "thụt lề sai hoặc thiếu dấu ngoặc đóng ']' / '}}'"),
    (r"expected the node content", "thiếu giá trị"),
    (r"could not determine a constructor for the tag (.+)", "thẻ YAML {0} không được hỗ trợ"),
    (r"found unhashable key", "khóa phải là một giá trị đơn (chữ hoặc số)"),
    (r"found unexpected ':'", "dấu ':' không đúng chỗ"),
    (
        r"expected alphabetic or numeric character, but found (.+)",
        "sau dấu * hoặc & phải là chữ hoặc số; nếu là chữ thường, đặt giá trị trong dấu nháy kép",
    ),
    (r"expected (.+?), but found (.+)", "cú pháp sai ở đây"),
]


def _yaml_problem(exc: yaml.YAMLError) -> str:
    import re

    if isinstance(exc, yaml.reader.ReaderError):
        if isinstance(exc.character, int):
            return f"tệp có ký tự điều khiển U+{exc.character:04X} không được phép"
        return "tệp không phải văn bản UTF-8"
    problem = str(getattr(exc, "problem", "") or "")
    for pattern, text in _YAML_PROBLEMS:
        m = re.search(pattern, problem)
        if m:
            return text.format(*m.groups())
    return "không đọc được"


def _reader_line(text: str, exc: yaml.reader.ReaderError) -> int:
    return text.count("\n", 0, max(exc.position, 0)) + 1


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Parse ``path``; return the data and its node tree, parsing once.

    Raises InputError (file, line, field) on bad YAML, on a key written twice in one mapping
    (PyYAML would keep the last silently) and on a value that cannot be read. Dates are kept
    as the text written, for validation to judge.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "không tìm thấy tệp") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "tệp không phải văn bản UTF-8") from None
    except OSError as exc:
        raise InputError(str(path), f"không đọc được tệp ({os_reason(exc)})") from None
    loader = _Loader(text)
    node: yaml.Node | None = None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        if _expanded_size(node) > MAX_NODES:
            raise InputError(
                str(path),
                f"tệp có quá nhiều giá trị khi mở các tham chiếu (*) (trên {MAX_NODES:,} giá "
                "trị); hồ sơ hay kế hoạch không cần nhiều như vậy".replace(",", "."),
            )
        duplicate = _duplicate_key(node)
        if duplicate is not None:
            first, second, where = duplicate
            raise InputError(
                str(path),
                f"khóa '{second.value}' được ghi hai lần (lần đầu ở dòng "
                f"{first.start_mark.line + 1}); chỉ giữ một",
                second.start_mark.line + 1,
                _field((*where, second.value)),
            )
        data = loader.construct_document(node)
    except _BadValue as exc:
        raise InputError(
            str(path),
            "giá trị không đọc được (số quá nhiều chữ số?); nếu là chữ, đặt trong dấu nháy kép",
            exc.node.start_mark.line + 1,
            _field(_path_to(node, exc.node) if node is not None else None),
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if isinstance(exc, yaml.reader.ReaderError):
            line: int | None = _reader_line(text, exc)
        else:
            line = mark.line + 1 if mark is not None else None
        column = f" (cột {mark.column + 1})" if mark is not None else ""
        raise InputError(
            str(path), f"cú pháp YAML không hợp lệ: {_yaml_problem(exc)}{column}", line
        ) from None
    except RecursionError:
        raise InputError(str(path), "cấu trúc lồng nhau quá sâu") from None
    finally:
        loader.dispose()
    return data, node


def validate(model: type[M], data: Any, path: Path, node: yaml.Node | None) -> M:
    """Validate ``data`` as ``model``; the first error becomes an InputError with its line."""
    if not isinstance(data, dict):
        raise InputError(str(path), "tệp phải là một bảng khóa: giá trị (mapping)", 1)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        msg, loc = describe(exc)
        raise InputError(str(path), msg, line_of(node, loc), _field(loc)) from None


def load_model(model: type[M], path: Path) -> M:
    """Read a YAML file into ``model`` (raises InputError naming file, line, field)."""
    data, node = read_yaml(path)
    return validate(model, data, path, node)


class Flow(dict[str, Any]):
    """A mapping :func:`dump_yaml` writes on one line (``{a: 1, b: 2}``)."""


class FlowList(list[Any]):
    """A list :func:`dump_yaml` writes in brackets (``[a, b]``), wrapped at the width."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    FlowList, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, True)
)


_Dumper.add_representer(
    Flow, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, True)
)


def dump_yaml(data: Any) -> str:
    """YAML text with Vietnamese left readable (no \\u escapes) and key order kept; a
    :class:`Flow` mapping on one line."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
