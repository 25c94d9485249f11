"""Checks of a profile against the clause library and the official unit list (kiểm tra hồ sơ).

Validation (:mod:`nqgen.models`) judges each value alone; what needs the library or the unit
list is judged here, once, for every front end (render, plan, trace, batch, the wizard):

- errors: a key under ``bodies`` that is no role of the library (a misspelt role would be
  dropped silently), an id in ``include``, ``exclude``, ``targets`` or ``local.baselines``
  that is no clause (a retired id still counts: compose uses its successor), a focus area the
  library does not have, a task of the commune's own under a group or with a body the library
  does not have, a target value that cannot be (negative, NaN, infinite, over 100 for a
  percentage), a province that is not one of the 34, a unit code that is not in the list or
  belongs to another unit;
- warnings (a real plan may differ): a unit name the official list does not have, and header
  lines too long for the header of the template (:func:`header_problems`).

Each problem names the file, the line and the field.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from .errors import InputError, NqgenError, where
from .models import DocKind, Library, Plan, Profile
from .yamlio import line_of

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding about a profile: severity, file, line (or None), dotted field, message."""

    severity: Severity
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        label = "Lỗi" if self.severity == "error" else "Cảnh báo"
        return f"{label} trong {where(self.file, self.line, self.field)}: {self.message}"

    def error(self) -> InputError:
        return InputError(self.file, self.message, self.line, self.field)


class _Collector:
    def __init__(self, path: str | None, node: yaml.Node | None):
        self.file = path or "hồ sơ"
        self.node = node
        self.found: list[Problem] = []

    def add(self, severity: Severity, loc: tuple[Any, ...], message: str) -> None:
        field = ".".join(str(p) for p in loc)
        self.found.append(Problem(severity, self.file, line_of(self.node, loc), field, message))


def _suggest(word: str, known: Iterable[str]) -> str:
    near = difflib.get_close_matches(word, list(known), n=3, cutoff=0.6)
    return f" Có phải: {', '.join(near)}?" if near else ""


def _short(value: object, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problems(
    profile: Profile, library: Library, path: str | None, node: yaml.Node | None
) -> list[Problem]:
    """Errors and warnings of ``profile`` (read from ``path``, node tree ``node`` for the
    lines), in the order of the file."""
    from .cli_vi import invoked_as

    out = _Collector(path, node)
    see = f"xem: {invoked_as()} clauses list"
    for role in profile.bodies:
        if role not in library.roles:
            out.add(
                "error",
                ("bodies", role),
                f"không có vai trò '{_short(role)}' trong thư viện điều khoản (tên cơ quan này "
                f"sẽ bị bỏ qua).{_suggest(role, library.roles)}",
            )
    task_ids = library.task_ids()
    target_ids = [t.id for t in library.targets]
    known = set(task_ids) | set(target_ids) | set(library.retired)
    for name in ("include", "exclude"):
        for i, clause in enumerate(getattr(profile, name)):
            if clause not in known:
                out.add(
                    "error",
                    (name, i),
                    f"không có điều khoản mã '{_short(clause)}' ({see})."
                    + _suggest(clause, task_ids + target_ids),
                )
    for i, area in enumerate(profile.focus):
        if area not in library.areas:
            out.add(
                "error",
                ("focus", i),
                f"không có lĩnh vực trọng tâm '{_short(area)}' (có: {', '.join(library.areas)})."
                + _suggest(area, library.areas),
            )
    groups = [g.id for g in library.groups]
    for i, own in enumerate(profile.local.tasks):
        if own.group not in groups:
            out.add(
                "error",
                ("local", "tasks", i, "group"),
                f"không có nhóm nhiệm vụ '{_short(own.group)}' (có: {', '.join(groups)}).",
            )
        roles: list[tuple[tuple[Any, ...], str]] = [(("lead",), own.lead)]
        roles += [(("partners", j), r) for j, r in enumerate(own.partners)]
        for loc, role in roles:
            if role not in library.roles:
                out.add(
                    "error",
                    ("local", "tasks", i, *loc),
                    f"không có vai trò '{_short(role)}' trong thư viện điều khoản."
                    + _suggest(role, library.roles),
                )
    units_of = {t.id: t.unit for t in library.targets}
    for target in profile.local.baselines:
        if target not in units_of and target not in library.retired:
            out.add(
                "error",
                ("local", "baselines", target),
                f"không có chỉ tiêu mã '{_short(target)}' ({see} --group targets)."
                + _suggest(target, target_ids),
            )
    for target, value in profile.targets.items():
        loc = ("targets", target)
        successor = library.retired.get(target)
        if successor in units_of:
            target = successor
        if target not in units_of:
            out.add(
                "error",
                loc,
                f"không có chỉ tiêu mã '{_short(target)}' ({see} --group targets)."
                + _suggest(target, target_ids),
            )
        elif math.isnan(value) or math.isinf(value):
            out.add("error", loc, "giá trị chỉ tiêu phải là một số")
        elif value < 0:
            out.add("error", loc, "giá trị chỉ tiêu không được âm")
        elif units_of[target].startswith("%") and value > 100:
            out.add("error", loc, "tỷ lệ phần trăm không được quá 100")
    _unit_problems(profile, out)
    return sorted(out.found, key=lambda p: (p.line or 0, p.field))


def _unit_problems(profile: Profile, out: _Collector) -> None:
    from . import units

    unit = profile.unit
    try:
        found = units.official_unit(unit.kind, unit.name, unit.province, unit.code)
    except NqgenError as exc:
        try:
            units.find_province(unit.province)
        except NqgenError:
            out.add("error", ("unit", "province"), f"{exc}")
            return
        out.add("error", ("unit", "code"), f"{exc}")
        return
    if found is None:
        out.add(
            "warning",
            ("unit", "name"),
            f"danh mục đơn vị hành chính không có {unit.full_name} thuộc {unit.province}; "
            "kiểm tra lại tên (nqgen vẫn soạn kế hoạch).",
        )


# --------------------------------------------------------------------------- header lines

#: The header table of each template (templates/build.py, HEADER_COLS, HEADER_COLS_DU): the
#: left and right column widths in mm and the sizes (pt) of the issuer line (bold), the
#: superior line and the place-date line. tests/test_inputs.py reads them back from the
#: templates.
HEADER: dict[DocKind, dict[str, float]] = {
    DocKind.kh_ubnd: {"left": 62, "right": 103, "issuer": 13, "superior": 13, "place_date": 14},
    DocKind.kh_du: {"left": 78, "right": 87, "issuer": 14, "superior": 14, "place_date": 14},
}
CELL_MARGINS_MM = 2 * 1.9  # Word's default left and right cell margins (0.19 cm each)
_PT_PER_MM = 72 / 25.4


def lines_needed(text: str, size_pt: float, column_mm: float, bold: bool = False) -> int:
    """How many lines ``text`` takes in a header column (Times New Roman metrics)."""
    from .check.metrics import text_width_pt

    usable = (column_mm - CELL_MARGINS_MM) * _PT_PER_MM
    return max(1, math.ceil(text_width_pt(text, size_pt, bold) / usable))


def header_problems(
    plan: Plan, profile: Profile, path: str | None, node: yaml.Node | None
) -> list[Problem]:
    """Warnings for header lines of a composed Plan that the template's header cannot hold:
    an issuer or superior line that needs more than two lines, a place-date line that wraps
    (NĐ 30, PL I II.4: one line)."""
    from . import vn

    out = _Collector(path, node)
    sizes = HEADER[plan.kind]
    too_long = "chiếm hơn hai dòng ở phần đầu văn bản; hãy rút gọn."
    for line in plan.issuer:
        if lines_needed(line, sizes["issuer"], sizes["left"], bold=True) > 2:
            out.add("warning", ("unit", "name"), f"tên đơn vị quá dài: dòng '{line}' {too_long}")
    superior = plan.issuer_superior
    if superior and lines_needed(superior, sizes["superior"], sizes["left"]) > 2:
        loc = ("party", "superior") if profile.party.superior else ("unit", "province")
        out.add("warning", loc, f"dòng '{superior}' {too_long}")
    place_date = vn.place_date(plan.place, plan.date)
    if lines_needed(place_date, sizes["place_date"], sizes["right"]) > 1:
        out.add(
            "warning",
            ("unit", "name"),
            f"địa danh quá dài: dòng '{' '.join(place_date.split())}' không vừa một dòng ở "
            "phần đầu văn bản (NĐ 30/2020, Phụ lục I, II.4).",
        )
    return out.found
