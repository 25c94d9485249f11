"""The clause library (thư viện điều khoản): loading from ``clauses/`` and validation.

Layout (clauses/README.md): ``library.yaml`` (version, roles), ``groups/NN-<id>.yaml`` (one
task group each), ``targets.yaml`` (chỉ tiêu), ``texts.yaml`` (the fixed sections of a plan),
``ocr_slips.yaml`` (known OCR slips of the seeds, refused by :func:`check_library`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .errors import InputError
from .models import DocKind, Library, Strict, TargetClause, TaskClause, TaskGroup
from .yamlio import read_yaml, validate

ROOT = Path(__file__).resolve().parent.parent
CLAUSES_DIR = ROOT / "clauses"
PROFILES_DIR = ROOT / "profiles"

#: Variables a clause text may use (DESIGN.md: "Clause text may use profile variables").
TEXT_VARIABLES = ("unit", "village_term", "year", "bodies")
UNIT_FIELDS = ("kind", "name", "full_name", "province")

#: The plan horizon: NQ 57 II.1 (to 2030) and II.2 (vision to 2045); NQ 57 was issued 22/12/2024.
DEADLINE_MIN, DEADLINE_MAX = 2025, 2045

_env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)


def text_env() -> SandboxedEnvironment:
    """The Jinja environment clause texts are rendered with (sandboxed, StrictUndefined)."""
    return _env


def _files(root: Path) -> list[Path]:
    return sorted(
        [root / "library.yaml", root / "targets.yaml", root / "texts.yaml"]
        + list((root / "groups").glob("*.yaml"))
    )


def load_library(root: Path | None = None) -> Library:
    """Load and validate the library under ``root`` (default: the shipped ``clauses/``).

    Raises InputError (file, line, field) on a malformed file. Semantic problems (unknown
    roles, slips, bad Jinja...) are reported by :func:`check_library`, not here.
    """
    root = (root or CLAUSES_DIR).resolve()
    return _load_cached(str(root))


@lru_cache(maxsize=8)
def _load_cached(root_str: str) -> Library:
    root = Path(root_str)
    head_path = root / "library.yaml"
    head, _ = read_yaml(head_path)
    if not isinstance(head, dict) or "version" not in head:
        raise InputError(str(head_path), "thiếu trường bắt buộc", 1, "version")
    digest = hashlib.sha256()
    groups: list[TaskGroup] = []
    for path in _files(root):
        if not path.exists():
            if path.name in ("library.yaml",):
                raise InputError(str(path), "không tìm thấy tệp")
            continue
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    for path in sorted((root / "groups").glob("*.yaml")):
        data, node = read_yaml(path)
        groups.append(validate(TaskGroup, data, path, node))
    targets: list[TargetClause] = []
    tpath = root / "targets.yaml"
    if tpath.exists():
        data, node = read_yaml(tpath)
        if not isinstance(data, dict):
            raise InputError(str(tpath), "tệp phải là một bảng khóa: giá trị (mapping)", 1)
        targets = validate(_Targets, data, tpath, node).targets
    texts: dict[str, Any] = {}
    xpath = root / "texts.yaml"
    if xpath.exists():
        texts = read_yaml(xpath)[0] or {}
    lib = Library.model_validate(
        {
            "version": str(head["version"]),
            "content_hash": digest.hexdigest(),
            "roles": head.get("roles", {}),
            "groups": sorted(groups, key=lambda g: g.order),
            "targets": targets,
            "texts": texts,
        }
    )
    return lib


class _Targets(Strict):
    """Shape of ``targets.yaml``."""

    targets: list[TargetClause]


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class Problem:
    """One defect found by :func:`check_library`: the clause id and the reason (Vietnamese)."""

    clause: str
    reason: str

    def __str__(self) -> str:
        return f"{self.clause}: {self.reason}"


def sample_context(kind: str = "xã") -> dict[str, Any]:
    """A profile-shaped context used to test-render every clause text."""
    return {
        "unit": {
            "kind": kind,
            "name": "Mẫu",
            "full_name": f"{kind} Mẫu",
            "province": "Quảng Ngãi",
        },
        "village_term": "thôn",
        "year": 2025,
        "bodies": {},
    }


def load_slips(root: Path | None = None) -> list[dict[str, str]]:
    """The known OCR slips (``clauses/ocr_slips.yaml``): dicts with wrong, right, seed."""
    path = (root or CLAUSES_DIR) / "ocr_slips.yaml"
    if not path.exists():
        path = CLAUSES_DIR / "ocr_slips.yaml"
    data, _ = read_yaml(path)
    return list(data.get("slips", []))


def slip_pattern(slips: list[dict[str, str]]) -> re.Pattern[str]:
    """One regex matching any slip as whole words (case-sensitive, NFC)."""
    alts = sorted((re.escape(unicodedata.normalize("NFC", s["wrong"])) for s in slips), key=len)
    return re.compile(r"(?<!\w)(" + "|".join(reversed(alts)) + r")(?!\w)")


_SPACING = [
    (re.compile(r"  +"), "có hai dấu cách liền nhau"),
    (re.compile(r" [,.;:)!?]"), "có dấu cách trước dấu câu"),
    (re.compile(r"\( "), "có dấu cách sau dấu mở ngoặc"),
    (re.compile(r"^\s|\s$"), "có khoảng trắng ở đầu hoặc cuối"),
    (re.compile(r"\t|\n"), "có ký tự tab hoặc xuống dòng"),
]


def _texts_of(task: TaskClause) -> Iterator[tuple[str, str]]:
    yield "text", task.text
    if task.text_party:
        yield "text_party", task.text_party
    if task.summary:
        yield "summary", task.summary
    if task.product:
        yield "product", task.product


def text_problems(text: str, slips: re.Pattern[str]) -> list[str]:
    """Problems of one text: NFC, spacing, OCR slips (reasons in Vietnamese)."""
    out: list[str] = []
    if unicodedata.normalize("NFC", text) != text:
        out.append("văn bản chưa chuẩn hóa Unicode NFC")
    for pattern, reason in _SPACING:
        if pattern.search(text):
            out.append(reason)
    m = slips.search(unicodedata.normalize("NFC", text))
    if m:
        out.append(f"có lỗi chính tả/OCR đã biết: '{m.group(1)}'")
    return out


def jinja_problems(text: str) -> list[str]:
    """Compile and test-render ``text``; report syntax errors and unknown variables."""
    try:
        tpl = _env.from_string(text)
    except jinja2.TemplateSyntaxError as exc:
        return [f"mẫu Jinja không biên dịch được ({exc.message})"]
    out: list[str] = []
    from jinja2 import meta

    unknown = meta.find_undeclared_variables(_env.parse(text)) - set(TEXT_VARIABLES)
    if unknown:
        out.append("mẫu Jinja dùng biến không có: " + ", ".join(sorted(unknown)))
        return out
    try:
        tpl.render(sample_context())
    except jinja2.UndefinedError as exc:
        out.append(f"mẫu Jinja dùng biến không có ({exc.message})")
    except Exception as exc:  # noqa: BLE001 - sandbox/security errors are reported, not raised
        out.append(f"mẫu Jinja lỗi khi dựng ({exc})")
    return out


def raw_nfc_problems(root: Path | None = None) -> list[Problem]:
    """Strings of the library files as written (before the models normalise them) that are not
    NFC, reported under the id of the clause that holds them (DESIGN.md: store and compare NFC)."""
    root = root or CLAUSES_DIR
    out: list[Problem] = []

    def walk(value: Any, owner: str) -> None:
        if isinstance(value, dict):
            owner = str(value.get("id", owner))
            for v in value.values():
                walk(v, owner)
        elif isinstance(value, list):
            for v in value:
                walk(v, owner)
        elif isinstance(value, str) and unicodedata.normalize("NFC", value) != value:
            out.append(Problem(owner, "văn bản chưa chuẩn hóa Unicode NFC"))

    for path in _files(root):
        if path.exists():
            data, _ = read_yaml(path)
            walk(data, path.name)
    return out


def check_library(lib: Library, root: Path | None = None) -> list[Problem]:
    """Every defect of the library, as (clause id, reason).

    Checks (issue 3): duplicate ids; a role the library does not define; a party variant whose
    lead/partners have no party body (issue 5); a clause without a source; text not in NFC;
    double spaces or a space before punctuation; a deadline outside 2025-2045; Jinja that does
    not compile or names an unknown variable; known OCR slips (``clauses/ocr_slips.yaml``).
    """
    problems: list[Problem] = []
    slips = slip_pattern(load_slips(root))
    seen: set[str] = set()
    roles = lib.roles

    def role_ok(cid: str, role: str | None, field: str, side: str | None = None) -> None:
        if role is None:
            return
        if role not in roles:
            problems.append(Problem(cid, f"{field}: vai trò '{role}' không có trong library.yaml"))
        elif side and side not in roles[role].sides:
            problems.append(
                Problem(cid, f"{field}: vai trò '{role}' không có cơ quan bên Đảng (sides)")
            )

    def seen_id(cid: str) -> None:
        if cid in seen:
            problems.append(Problem(cid, "mã điều khoản bị trùng"))
        seen.add(cid)

    for group in lib.groups:
        seen_id(group.id)
        for field, text in (("title", group.title), ("title_party", group.title_party)):
            if text:
                for reason in text_problems(text, slips) + jinja_problems(text):
                    problems.append(Problem(group.id, f"{field}: {reason}"))
        for task in group.tasks:
            cid = task.id
            seen_id(cid)
            if not task.id.startswith(group.id + "."):
                problems.append(Problem(cid, f"mã phải bắt đầu bằng '{group.id}.'"))
            if not task.sources:
                problems.append(Problem(cid, "điều khoản không có nguồn (sources)"))
            for field, text in _texts_of(task):
                for reason in text_problems(text, slips) + jinja_problems(text):
                    problems.append(Problem(cid, f"{field}: {reason}"))
            party = DocKind.kh_du in task.applies.documents
            ubnd = DocKind.kh_ubnd in task.applies.documents
            if ubnd:
                role_ok(cid, task.lead, "lead")
                for p in task.partners:
                    role_ok(cid, p, "partners")
            if party:
                role_ok(cid, task.lead_party or task.lead, "lead_party", "party")
                for p in task.partners_party if task.partners_party is not None else task.partners:
                    role_ok(cid, p, "partners_party", "party")
            for year in task.deadline.years_covered():
                if not DEADLINE_MIN <= year <= DEADLINE_MAX:
                    problems.append(Problem(cid, f"thời hạn năm {year} ngoài khoảng 2025 - 2045"))
    problems += raw_nfc_problems(root)
    for target in lib.targets:
        seen_id(target.id)
        if not target.sources:
            problems.append(Problem(target.id, "chỉ tiêu không có nguồn (sources)"))
        for reason in text_problems(target.indicator, slips) + jinja_problems(target.indicator):
            problems.append(Problem(target.id, f"indicator: {reason}"))
        role_ok(target.id, target.monitor, "monitor")
        if DocKind.kh_du in target.applies.documents:
            role_ok(target.id, target.monitor_party or target.monitor, "monitor_party", "party")
        if not DEADLINE_MIN <= target.year <= DEADLINE_MAX:
            problems.append(Problem(target.id, f"năm {target.year} ngoài khoảng 2025 - 2045"))
    return problems
