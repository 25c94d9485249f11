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
            label = _SIDE_LABEL[side]
            problems.append(
                Problem(
                    cid,
                    f"{field}: vai trò '{role}' không có cơ quan bên {label}"
                    f" (sides trong library.yaml thiếu '{side}')",
                )
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
                role_ok(cid, task.lead, "lead", "ubnd")
                for p in task.partners:
                    role_ok(cid, p, "partners", "ubnd")
            # a party variant (lead_party/partners_party) must name party bodies even where the
            # clause is not (yet) used in a KH/ĐU; without one, a KH/ĐU uses lead/partners
            if task.lead_party or party:
                field = "lead_party" if task.lead_party else "lead (Kế hoạch Đảng ủy dùng lead)"
                role_ok(cid, task.lead_party or task.lead, field, "party")
            if task.partners_party is not None:
                for p in task.partners_party:
                    role_ok(cid, p, "partners_party", "party")
            elif party:
                for p in task.partners:
                    role_ok(cid, p, "partners (Kế hoạch Đảng ủy dùng partners)", "party")
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
        if DocKind.kh_du in target.applies.documents or target.monitor_party:
            role_ok(target.id, target.monitor_party or target.monitor, "monitor_party", "party")
        if not DEADLINE_MIN <= target.year <= DEADLINE_MAX:
            problems.append(Problem(target.id, f"năm {target.year} ngoài khoảng 2025 - 2045"))
    for kind in DocKind:  # duties in section VI / IV (texts.yaml organisation)
        for i, entry in enumerate(lib.texts.get(kind.value, {}).get("organisation", [])):
            side = "party" if kind == DocKind.kh_du else "ubnd"
            role_ok(f"texts.{kind.value}.organisation[{i}]", entry.get("role"), "role", side)
    problems += wording_problems(lib, root)
    return problems


# --------------------------------------------------------------------------- wording

_SIDE_LABEL = {"party": "Đảng", "ubnd": "UBND"}

#: Renders texts for the wording check: unknown variables (``bodies.x``, ``focal``) print empty.
_lenient = SandboxedEnvironment(autoescape=False)

_DOC_LABEL = {DocKind.kh_du: "Kế hoạch của Đảng ủy", DocKind.kh_ubnd: "Kế hoạch của UBND"}


def load_wording(root: Path | None = None) -> dict[str, list[str]]:
    """Phrases proper to one issuer (``clauses/wording.yaml``): ``ubnd_only``, ``party_only``."""
    path = (root or CLAUSES_DIR) / "wording.yaml"
    if not path.exists():
        path = CLAUSES_DIR / "wording.yaml"
    data, _ = read_yaml(path)
    return {k: [unicodedata.normalize("NFC", str(x)) for x in v] for k, v in (data or {}).items()}


def phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """Whole-phrase, case-sensitive regex; a lower-case phrase also matches capitalised (at the
    start of a sentence), a capitalised one ("Lãnh đạo, chỉ đạo") only as written."""
    variants = {v for p in phrases for v in (p, p[:1].upper() + p[1:])}
    if not variants:
        return None
    alts = sorted((re.escape(v) for v in variants), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(alts) + r")(?!\w)")


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "role":
                yield from _strings(item, f"{path}.{key}")


def printed_texts(lib: Library) -> Iterator[tuple[str, DocKind, str, str]]:
    """Every text the library prints, per document kind: (clause id, kind, field, text).

    A task prints its wording for the kind (``text_party`` or ``text``), its ``summary`` and
    ``product`` (Phụ lục columns) in each kind it applies to; a ``text_party`` is party wording
    even where the clause does not apply to a KH/ĐU. Group titles, target indicators and the
    fixed sections of ``texts.yaml`` follow their own kinds.
    """
    for group in lib.groups:
        for kind in group.applies.documents:
            field = "title_party" if kind == DocKind.kh_du and group.title_party else "title"
            yield group.id, kind, field, group.heading(kind)
        for task in group.tasks:
            kinds = [k for k in task.applies.documents if k in group.applies.documents]
            for kind in kinds:
                field = "text_party" if kind == DocKind.kh_du and task.text_party else "text"
                yield task.id, kind, field, task.wording(kind)
                for field in ("summary", "product"):
                    if getattr(task, field):
                        yield task.id, kind, field, getattr(task, field)
            if task.text_party and DocKind.kh_du not in kinds:
                yield task.id, DocKind.kh_du, "text_party", task.text_party
    for target in lib.targets:
        for kind in target.applies.documents:
            yield target.id, kind, "indicator", target.indicator
    for kind in DocKind:
        for path, text in _strings(lib.texts.get(kind.value, {}), f"texts.{kind.value}"):
            yield path, kind, "", text


def wording_problems(lib: Library, root: Path | None = None) -> list[Problem]:
    """Texts printed in one kind of plan that use the other issuer's wording (issue 5):
    a KH/ĐU never says "UBND xã ban hành", a KH-UBND never says "các chi bộ"
    (``clauses/wording.yaml``). Texts are rendered for a sample xã first."""
    wording = load_wording(root)
    forbidden = {
        DocKind.kh_du: phrase_pattern(wording.get("ubnd_only", [])),
        DocKind.kh_ubnd: phrase_pattern(wording.get("party_only", [])),
    }
    ctx = sample_context()
    problems: list[Problem] = []
    for where, kind, field, text in printed_texts(lib):
        pattern = forbidden[kind]
        if pattern is None:
            continue
        try:
            rendered = _lenient.from_string(text).render(ctx)
        except Exception:  # noqa: BLE001 - a broken template is reported by jinja_problems
            rendered = text
        m = pattern.search(unicodedata.normalize("NFC", rendered))
        if m:
            other = DocKind.kh_ubnd if kind == DocKind.kh_du else DocKind.kh_du
            prefix = f"{field}: " if field else ""
            problems.append(
                Problem(
                    where,
                    f"{prefix}in trong {_DOC_LABEL[kind]} nhưng dùng lời chỉ có ở"
                    f" {_DOC_LABEL[other]}: '{m.group(1)}'",
                )
            )
    return problems
