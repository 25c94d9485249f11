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
from .models import DocKind, Library, Strict, TargetClause, TaskClause, TaskGroup, Texts
from .paths import CLAUSES_DIR
from .yamlio import read_yaml, validate

#: Variables a clause text may use (docs/architecture.md: "Clause text may use profile variables";
#: clauses/README.md §6).
TEXT_VARIABLES = ("unit", "province", "village_term", "year", "bodies", "targets", "local")
#: Variables the fixed texts (``texts.yaml``) may use besides :data:`TEXT_VARIABLES`, computed
#: by the document kind (sample values for checking).
FIXED_TEXT_VARIABLES = {
    "parents_short": "Nghị quyết số 57-NQ/TW",
    "focal": "Phòng Văn hóa - Xã hội",
    "reporting": "15/12 hằng năm",
    "issuer": "Ủy ban nhân dân xã Mẫu",
    "doc_name": "Kế hoạch hành động",
    "previous_year": 2025,
    "implementation": "Kế hoạch số 15/KH-UBND",
    "reviewed": "Kế hoạch số 15/KH-UBND của Ủy ban nhân dân xã Mẫu",
}

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
    xpath = root / "texts.yaml"
    data, node = read_yaml(xpath)
    texts = validate(Texts, data, xpath, node)
    lib = Library.model_validate(
        {
            "version": str(head["version"]),
            "content_hash": digest.hexdigest(),
            "roles": head.get("roles", {}),
            "areas": head.get("areas", {}),
            "retired": head.get("retired") or {},
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


def sample_context(kind: str = "xã", library: Library | None = None) -> dict[str, Any]:
    """A profile-shaped context used to test-render every clause text (clauses/README.md §6):
    a sample unit, and the library's targets at their default values (``targets.<slug>``)."""
    targets: dict[str, dict[str, str]] = {}
    for target in library.targets if library else []:
        comparison, value, year = target.resolve(2026)
        figure = f"{value:g}" + ("%" if target.unit.startswith("%") else f" {target.unit}")
        targets[target.id.removeprefix("target.")] = {
            "amount": figure, "figure": figure, "year": str(year)
        }
    return {
        "unit": {
            "kind": kind,
            "name": "Mẫu",
            "full_name": f"{kind} Mẫu",
            "province": "Quảng Ngãi",
        },
        "province": {
            "name": "Quảng Ngãi", "kind": "tỉnh", "full": "tỉnh Quảng Ngãi", "committee": "Tỉnh ủy"
        },
        "village_term": "thôn",
        "year": 2026,
        "bodies": {},
        "targets": targets,
        "local": {
            "villages": "các thôn", "products_paren": "", "tourism_paren": "", "platforms_paren": ""
        },
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


def jinja_problems(text: str, ctx: dict[str, Any] | None = None) -> list[str]:
    """Compile and test-render ``text`` with ``ctx`` (default :func:`sample_context`); report
    syntax errors and unknown variables (an unknown target id among them)."""
    try:
        tpl = _env.from_string(text)
    except jinja2.TemplateSyntaxError as exc:
        return [f"mẫu Jinja không biên dịch được ({exc.message})"]
    out: list[str] = []
    from jinja2 import meta

    ctx = ctx or sample_context()
    unknown = meta.find_undeclared_variables(_env.parse(text)) - set(ctx)
    if unknown:
        out.append("mẫu Jinja dùng biến không có: " + ", ".join(sorted(unknown)))
        return out
    try:
        tpl.render(ctx)
    except jinja2.UndefinedError as exc:
        out.append(f"mẫu Jinja dùng biến không có ({exc.message})")
    except Exception as exc:  # noqa: BLE001 - sandbox/security errors are reported, not raised
        out.append(f"mẫu Jinja lỗi khi dựng ({exc})")
    return out


def raw_nfc_problems(root: Path | None = None) -> list[Problem]:
    """Strings of the library files as written (before the models normalise them) that are not
    NFC, reported under the id of the clause that holds them (docs/architecture.md, "Vietnamese
    text": store and compare NFC)."""
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


#: A figure of a target written into a text instead of quoted from the target (issue 10:
#: one figure per indicator): "80%", "trên 95 %".
_FIGURE = re.compile(r"(?<![\w/.])\d+(?:[.,]\d+)?\s?%")
#: A calendar year before the NQ 57 horizons written into a text ("trong năm 2025", "đến năm
#: 2026"): deadlines are relative to the plan year (docs/architecture.md, "The plan year rules
#: time").
_FIXED_YEAR = re.compile(r"(?<![/\d])(?:năm|Năm)\s+(20[2-9]\d)(?!\d)")
_HORIZONS = {2030, 2035, 2045}
#: The province named with a fixed word instead of ``{{ province.kind }}``: a centrally-run
#: city is never "tỉnh" (docs/architecture.md, "Names of the unit's world").
_PROVINCE_WORD = re.compile(r"(?<!\w)(tỉnh|Tỉnh ủy|Tỉnh|tỉnh ủy)(?!\w)")
#: Hedges real tasks do not have (issue 10, point 6).
_HEDGE = re.compile(r"\((nếu có|nếu cần|nếu cần thiết|nếu được)\)")
#: A task telling staff to draft the plan they are reading (issue 10, point 6).
_SELF_PLAN = re.compile(
    r"^(Xây dựng|Ban hành|Xây dựng, ban hành)\s+(và triển khai\s+)?[Kk]ế hoạch\s+"
    r"(triển khai\s+|thực hiện\s+|hành động\s+)*(thực hiện\s+)?Nghị quyết số 57"
)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
#: Longest texts, in words: the bullets of the real plans run 30-80 words (seeds 000-004), and a
#: concise plan of 30-40 tasks keeps its body within 14 pages (issue 10).
MAX_WORDS = {"text": 80, "text_party": 80, "summary": 30, "product": 30}


def _plain(text: str) -> str:
    """The literal part of a template (Jinja expressions removed)."""
    return _JINJA.sub(" ", text)


def content_problems(text: str) -> list[str]:
    """What a library text must not say literally (issue 10): a target's figure, a fixed year
    before the horizons, the word "tỉnh", a hedge such as "(nếu có)" (reasons in Vietnamese)."""
    plain = _plain(text)
    out: list[str] = []
    m = _FIGURE.search(plain)
    if m:
        out.append(
            f"con số '{m.group(0)}' viết cứng: lấy từ chỉ tiêu ({{{{ targets.<mã>.amount }}}})"
        )
    for m in _FIXED_YEAR.finditer(plain):
        if int(m.group(1)) not in _HORIZONS:
            out.append(f"năm cố định '{m.group(0)}': dùng thời hạn tương đối hoặc {{{{ year }}}}")
            break
    m = _PROVINCE_WORD.search(plain)
    if m:
        out.append(
            f"chữ '{m.group(1)}' viết cứng: dùng {{{{ province.kind }}}} hoặc"
            " {{ province.committee }} (thành phố trực thuộc trung ương không gọi là tỉnh)"
        )
    if _HEDGE.search(plain):
        out.append("có lời rào đón '(nếu có)': nhiệm vụ phải là việc cụ thể")
    return out


def check_library(lib: Library, root: Path | None = None) -> list[Problem]:
    """Every defect of the library, as (clause id, reason).

    Checks: duplicate ids; a role the library does not define; a lead a plan of that issuer
    may not assign (a UBND plan only requests the HĐND, the Fatherland Front, the party
    committee); a party variant whose lead/partners have no party body; a clause without a
    source or without a product (every Phụ lục II row is an action with an output); text not
    in NFC; double spaces or a space before punctuation; Jinja that does not compile or names
    an unknown variable or target; known OCR slips (``clauses/ocr_slips.yaml``); a figure, a
    fixed year, the word "tỉnh" or a hedge written literally (:func:`content_problems`); a
    task drafting the plan itself; a fixed deadline year (deadlines are relative to the plan
    year, only the horizons 2030 and 2045 are absolute); two targets with the same indicator;
    unknown focus areas; retired ids still in use; the party wording (:func:`wording_problems`).
    """
    check = _LibraryCheck(lib, slip_pattern(load_slips(root)))
    for group in lib.groups:
        check.group(group)
    check.problems += raw_nfc_problems(root)
    indicators: dict[str, str] = {}
    for target in lib.targets:
        check.target(target, indicators)
    check.fixed_texts()
    check.retired()
    return check.problems + wording_problems(lib, root)


class _LibraryCheck:
    """The checks of :func:`check_library`, sharing the problems found so far, the ids seen
    (duplicates) and the sample context clause texts are rendered with."""

    def __init__(self, lib: Library, slips: re.Pattern[str]):
        self.lib = lib
        self.roles = lib.roles
        self.slips = slips
        self.seen: set[str] = set()
        self.ctx = sample_context(library=lib)
        self.problems: list[Problem] = []

    def add(self, cid: str, reason: str) -> None:
        self.problems.append(Problem(cid, reason))

    def role_ok(self, cid: str, role: str | None, field: str, side: str | None = None) -> None:
        roles = self.roles
        if role is None:
            return
        if role not in roles:
            self.add(cid, f"{field}: vai trò '{role}' không có trong library.yaml")
        elif side and side not in roles[role].sides:
            self.add(
                cid,
                f"{field}: vai trò '{role}' không có cơ quan bên {_SIDE_LABEL[side]}"
                f" (sides trong library.yaml thiếu '{side}')",
            )

    def lead_ok(self, cid: str, role: str, field: str, side: str) -> None:
        roles = self.roles
        self.role_ok(cid, role, field, side)
        if role in roles and side in roles[role].sides and not roles[role].may_lead(side):
            self.add(
                cid,
                f"{field}: Kế hoạch của {_SIDE_LABEL[side]} không giao '{roles[role].name}' chủ"
                " trì (chỉ đề nghị phối hợp; xem leads trong library.yaml)",
            )

    def seen_id(self, cid: str) -> None:
        if cid in self.seen:
            self.add(cid, "mã điều khoản bị trùng")
        self.seen.add(cid)

    def texts_ok(
        self, cid: str, field: str, text: str, variables: dict[str, Any] | None = None
    ) -> None:
        variables = self.ctx if variables is None else variables
        for reason in text_problems(text, self.slips) + jinja_problems(text, variables):
            self.add(cid, f"{field}: {reason}")
        for reason in content_problems(text):
            self.add(cid, f"{field}: {reason}")

    def areas_ok(self, cid: str, areas: list[str]) -> None:
        for area in areas:
            if area not in self.lib.areas:
                self.add(cid, f"areas: lĩnh vực trọng tâm '{area}' không có trong library.yaml")

    def group(self, group: TaskGroup) -> None:
        self.seen_id(group.id)
        for field, text in (("title", group.title), ("title_party", group.title_party)):
            if text:
                self.texts_ok(group.id, field, text)
        for task in group.tasks:
            self.task(group, task)

    def task(self, group: TaskGroup, task: TaskClause) -> None:
        cid = task.id
        self.seen_id(cid)
        if not task.id.startswith(group.id + "."):
            self.add(cid, f"mã phải bắt đầu bằng '{group.id}.'")
        if not task.sources:
            self.add(cid, "điều khoản không có nguồn (sources)")
        if not task.product:
            self.add(cid, "thiếu sản phẩm (product): mỗi dòng Phụ lục II là một việc có kết quả")
        for field, text in _texts_of(task):
            self.texts_ok(cid, field, text)
        for field in ("summary", "text"):
            if _SELF_PLAN.match(getattr(task, field) or ""):
                self.add(cid, f"{field}: nhiệm vụ soạn chính Kế hoạch này")
        for field, text in _texts_of(task):
            words = len(_plain(text).split())
            if words > MAX_WORDS[field]:
                self.add(cid, f"{field}: dài {words} từ, tối đa {MAX_WORDS[field]} (như gạch"
                         " đầu dòng của kế hoạch thật)")
        self.task_bodies(task)
        if task.deadline.year is not None:
            self.add(cid, f"thời hạn năm cố định {task.deadline.year}: dùng offset (số năm sau"
                     " năm của Kế hoạch)")
        for year in task.deadline.years_covered():
            if not DEADLINE_MIN <= year <= DEADLINE_MAX:
                self.add(cid, f"thời hạn năm {year} ngoài khoảng 2025 - 2045")
        self.areas_ok(cid, task.areas)

    def task_bodies(self, task: TaskClause) -> None:
        """The lead and partners of each document kind the task serves."""
        cid = task.id
        party = DocKind.kh_du in task.applies.documents
        if DocKind.kh_ubnd in task.applies.documents:
            self.lead_ok(cid, task.lead, "lead", "ubnd")
            for p in task.partners:
                self.role_ok(cid, p, "partners", "ubnd")
        # a party variant (lead_party/partners_party) must name party bodies even where the
        # clause is not (yet) used in a KH/ĐU; without one, a KH/ĐU uses lead/partners
        if task.lead_party or party:
            field = "lead_party" if task.lead_party else "lead (Kế hoạch Đảng ủy dùng lead)"
            self.lead_ok(cid, task.lead_party or task.lead, field, "party")
        if task.partners_party is not None:
            for p in task.partners_party:
                self.role_ok(cid, p, "partners_party", "party")
        elif party:
            for p in task.partners:
                self.role_ok(cid, p, "partners (Kế hoạch Đảng ủy dùng partners)", "party")

    def target(self, target: TargetClause, indicators: dict[str, str]) -> None:
        """One target; ``indicators`` maps each indicator seen so far to its target id."""
        self.seen_id(target.id)
        if not target.sources:
            self.add(target.id, "chỉ tiêu không có nguồn (sources)")
        self.texts_ok(target.id, "indicator", target.indicator)
        key = " ".join(target.indicator.casefold().split())
        if key in indicators:
            self.add(
                target.id, f"trùng tên chỉ tiêu với {indicators[key]}: mỗi chỉ tiêu một giá trị"
            )
        indicators.setdefault(key, target.id)
        self.role_ok(target.id, target.monitor, "monitor")
        if DocKind.kh_du in target.applies.documents or target.monitor_party:
            self.role_ok(
                target.id, target.monitor_party or target.monitor, "monitor_party", "party"
            )
        years = [target.year] if target.year is not None else [s.year for s in target.steps]
        for year in years:
            if not DEADLINE_MIN <= year <= DEADLINE_MAX:
                self.add(target.id, f"năm {year} ngoài khoảng 2025 - 2045")
        if target.year is not None and target.year not in _HORIZONS:
            self.add(target.id, f"năm cố định {target.year}: dùng offset hoặc lộ trình (steps)")
        self.areas_ok(target.id, target.areas)

    def fixed_texts(self) -> None:
        """The fixed sections of each document kind, the annual plan's included
        (``texts.yaml``)."""
        lib = self.lib
        for kind, texts in ((DocKind.kh_ubnd, lib.texts.kh_ubnd), (DocKind.kh_du, lib.texts.kh_du)):
            side = "party" if kind == DocKind.kh_du else "ubnd"
            for i, entry in enumerate(texts.organisation):
                self.role_ok(f"texts.{kind.value}.organisation[{i}]", entry.role, "role", side)
        for path, _kind, _field, text in fixed_texts(lib):
            self.texts_ok(path, "", text, self.ctx | FIXED_TEXT_VARIABLES)

    def retired(self) -> None:
        for old, new in self.lib.retired.items():
            if old in self.seen:
                self.add(old, "mã đã thôi dùng (retired) nhưng vẫn còn trong thư viện")
            if new is not None and new not in self.seen:
                self.add(old, f"mã thay thế '{new}' không có trong thư viện")


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


def fixed_texts(lib: Library) -> Iterator[tuple[str, DocKind, str, str]]:
    """The fixed sections of ``texts.yaml`` per document kind, those of the annual plan
    (``annual``) included: (path, kind, "", text)."""
    for kind in DocKind:
        texts = lib.texts.kh_du if kind == DocKind.kh_du else lib.texts.kh_ubnd
        annual = lib.texts.annual.kh_du if kind == DocKind.kh_du else lib.texts.annual.kh_ubnd
        for path, text in _strings(texts.model_dump(), f"texts.{kind.value}"):
            yield path, kind, "", text
        for path, text in _strings(annual.model_dump(), f"texts.annual.{kind.value}"):
            yield path, kind, "", text


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
    yield from fixed_texts(lib)


def wording_problems(lib: Library, root: Path | None = None) -> list[Problem]:
    """Texts printed in one kind of plan that use the other issuer's wording (issue 5):
    a KH/ĐU never says "UBND xã ban hành", a KH-UBND never says "các chi bộ"
    (``clauses/wording.yaml``). Texts are rendered for a sample xã first."""
    wording = load_wording(root)
    forbidden = {
        DocKind.kh_du: phrase_pattern(wording.get("ubnd_only", [])),
        DocKind.kh_ubnd: phrase_pattern(wording.get("party_only", [])),
    }
    ctx = sample_context(library=lib)
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
