"""Updating a plan to the current clause library (cập nhật kế hoạch): ``nqgen update``.

A plan file records what it was composed from (:mod:`nqgen.compose.basis`): the library
version and hash, the profile itself (``meta.profile_copy``), the hash of every text as
composed and the places it had. An update composes the plan again from that profile (its
kind, scope, type and year kept) with the current library, then merges, place by place — a
body paragraph (by key), each field of a Phụ lục II row (by clause id), a Phụ lục I row (by
target id), the plan-level texts — three texts: the plan's (the user's), the one it was
composed with (known by its hash) and the new one:

- the user did not change it: the new text is taken (the library reworded it, or not);
- the library did not change it: the user's text is kept;
- both changed it: a conflict — the user's text is kept, the library's is recorded in
  ``meta.conflicts`` (and shown side by side) until the user resolves it;
- a place the user deleted stays deleted; a paragraph or row the user added (no key, a clause
  the library does not know) is kept where it was.

A clause retired by the library (``retired`` in ``clauses/library.yaml``) leaves the plan, or
gives its place to its successor. The changelog names, clause by clause, what was added,
retired, left out, reworded, kept, or conflicts; the section of the plan each touches; and why:
the entry of the library's ``CHANGELOG.md`` for that clause in the versions since the plan's
(:func:`read_changelog`), else the sources of the clause.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from . import vn
from .compose import compose
from .compose.basis import (
    PLAN_FIELDS,
    ROW_FIELDS,
    plan_value,
    stamp,
    target_value,
    text_hash,
)
from .errors import InputError
from .kinds import DocKind
from .models import (
    Block,
    Conflict,
    Library,
    Plan,
    Profile,
    TargetRow,
    TaskClause,
    TaskRow,
)

State = Literal["same", "library", "user", "conflict"]

#: Labels of the fields of a Phụ lục II row in messages.
ROW_LABELS = {
    "content": "nội dung",
    "lead": "cơ quan chủ trì",
    "partners": "cơ quan phối hợp",
    "deadline": "thời gian thực hiện",
    "note": "ghi chú, sản phẩm",
}
PLAN_LABELS = {
    "number": "số văn bản",
    "date": "ngày ban hành",
    "summary": "trích yếu",
    "opening": "phần mở đầu (căn cứ)",
    "closing": "câu kết",
    "recipients": "nơi nhận",
    "storage": "dòng Lưu",
    "signer": "người ký",
}


def three_way(mine: Any, base: str | None, theirs: Any) -> tuple[Any, State]:
    """The value to keep at one place and what happened there (see the module docstring);
    ``base`` is the hash of the value as composed (None in a plan that recorded none: any
    difference is then a conflict)."""
    h_mine, h_theirs = text_hash(mine), text_hash(theirs)
    if h_mine == h_theirs:
        return theirs, "same" if base in (None, h_theirs) else "library"
    if base is None:
        return mine, "conflict"
    if h_mine == base:
        return theirs, "library"
    if h_theirs == base:
        return mine, "user"
    return mine, "conflict"


def printable(value: Any) -> str:
    """A value of a place as a line of text (a date, the recipients, the signer)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if isinstance(value, dict):
        if {"year", "month", "day"} >= set(value) and "year" in value:
            from .models import PartialDate

            return vn.doc_date(PartialDate.model_validate(value))
        return ", ".join(f"{v}" for v in value.values() if v not in (None, ""))
    return "" if value is None else str(value)


# --------------------------------------------------------------------------- the changelog


@dataclass
class Change:
    """What an update did to one clause, target or text of the plan (one changelog entry).

    ``what``: ``added`` (thêm), ``retired`` (thôi dùng), ``dropped`` (không còn được chọn),
    ``reworded`` (sửa lời), ``kept`` (giữ bản của người dùng), ``conflict`` (xung đột),
    ``lost`` (a text the user had edited, at a place the new plan no longer has).
    """

    what: str
    key: str
    place: str
    text: str = ""
    why: str = ""
    fields: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)  # (label, yours, new)
    successor: str | None = None


@dataclass
class Update:
    """The merged plan, what changed, and the two library versions."""

    plan: Plan
    changes: list[Change]
    old_version: str
    new_version: str
    same_library: bool = False

    @property
    def nothing_new(self) -> bool:
        """The same library and nothing changed but the user's own edits, kept: there is
        nothing to write."""
        return self.same_library and all(c.what == "kept" for c in self.changes)


@dataclass(frozen=True)
class LogEntry:
    """One entry of the library's ``CHANGELOG.md``: version, clause id, what, why."""

    version: str
    clause: str
    what: str
    why: str


_VERSION = re.compile(r"^##\s+(?P<version>\d[\w.\-]*)")
_SECTION = re.compile(r"^###\s+(?P<section>.+?)\s*$")
_ENTRY = re.compile(
    r"^[-*]\s+(?P<ids>`[^`]+`(?:\s*,\s*`[^`]+`)*)\s*(?:\((?P<what>[^)]*)\))?\s*:\s*(?P<why>.*)$"
)


def read_changelog(path: Path) -> list[LogEntry]:
    """The entries of a library's ``CHANGELOG.md`` (clauses/README.md §15): under each
    ``## <version>`` heading and its ``### <kind>`` sections (Thêm, Sửa lời, Sửa nguồn, Thôi
    dùng), one bullet per change, ``- `<id>` (<note>): <why>`` (several ids may share a bullet;
    the note is optional; an indented line continues the why). ``what`` is the section's kind,
    lower-cased, then the note. Other lines are prose and are skipped; a missing file has no
    entries."""
    if not path.exists():
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"không đọc được nhật ký thay đổi ({exc})") from None
    out: list[LogEntry] = []
    version = section = ""
    current: list[LogEntry] = []
    for line in lines:
        heading = _VERSION.match(line)
        if heading:
            version, section, current = heading.group("version"), "", []
            continue
        kind = _SECTION.match(line)
        if kind:
            section, current = kind.group("section").lower(), []
            continue
        entry = _ENTRY.match(line.strip()) if version else None
        if entry:
            ids = re.findall(r"`([^`]+)`", entry.group("ids"))
            note = (entry.group("what") or "").strip()
            what = ", ".join(x for x in (section, note) if x)
            current = [LogEntry(version, i, what, entry.group("why").strip()) for i in ids]
            out += current
        elif current and line.startswith((" ", "\t")) and line.strip():
            for i, e in enumerate(current):  # a continued why
                out[out.index(e)] = current[i] = LogEntry(
                    e.version, e.clause, e.what, f"{e.why} {line.strip()}"
                )
        elif not line.strip() or line.startswith("#"):
            current = []
    return out


def version_key(version: str) -> tuple[int, ...]:
    """``2026.12.1`` -> (2026, 12, 1), for ordering library versions."""
    return tuple(int(n) for n in re.findall(r"\d+", version))


def reasons(log: list[LogEntry], since: str, upto: str) -> dict[str, list[LogEntry]]:
    """The changelog entries of the versions after ``since`` up to ``upto``, by clause id."""
    lo, hi = version_key(since), version_key(upto)
    out: dict[str, list[LogEntry]] = {}
    for entry in log:
        if lo < version_key(entry.version) <= hi:
            out.setdefault(entry.clause, []).append(entry)
    return out


# --------------------------------------------------------------------------- places


def _places(plan: Plan) -> dict[str, str]:
    """Where each keyed paragraph, row and target sits, as the changelog names it: ``mục
    III.2 (Khẩn trương … hoàn thiện thể chế)``, ``Phụ lục II dòng 5``."""
    out: dict[str, str] = {}
    section = subsection = ""
    for block in plan.body:
        roman = re.match(r"^([IVX]+)[.\-]", block.text)
        if block.style == "h1" and roman:
            section, subsection = roman.group(1), ""
            out[f"body:{block.key}"] = f"mục {section}"
            continue
        if block.style == "h2":
            number = re.match(r"^(\d+)\.\s*(.*)$", block.text)
            if number:
                title = _short(number.group(2), 60)
                subsection = f"{section}.{number.group(1)} ({title})" if section else title
        out[f"body:{block.key}"] = f"mục {subsection or section}"
    appendix = "Phụ lục 1" if plan.kind == DocKind.kh_du else "Phụ lục II"
    show_rows = plan.appendix or plan.kind != DocKind.kh_du
    for row in plan.task_rows():
        parts = [out.get(f"body:{row.clause}", "")]
        if show_rows:
            parts.append(f"{appendix} dòng {row.number}")
        out[f"row:{row.clause}"] = ", ".join(p for p in parts if p)
    for target in plan.targets:
        if plan.kind == DocKind.kh_du:
            out[f"target:{target.target}"] = "mục II (chỉ tiêu)"
        else:
            out[f"target:{target.target}"] = f"Phụ lục I dòng {target.number}"
    return out


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;") + "…"


# --------------------------------------------------------------------------- merging


@dataclass
class _Merge:
    """The state of one update while merging (one per call of :func:`update_plan`)."""

    old: Plan
    new: Plan
    library: Library
    log: dict[str, list[LogEntry]]
    changes: dict[str, Change] = field(default_factory=dict)
    states: dict[str, tuple[State, str]] = field(default_factory=dict)  # place -> (state, new)
    conflicts: list[Conflict] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # successor id -> retired id

    def __post_init__(self) -> None:
        self.old_places = _places(self.old)
        self.deleted = set(self.old.meta.composed) - set(
            [f"body:{b.key}" for b in self.old.body if b.key]
            + [f"row:{r.clause}" for r in self.old.task_rows()]
            + [f"target:{t.target}" for t in self.old.targets]
        )
        old_ids = {r.clause for r in self.old.task_rows()} | {
            t.target for t in self.old.targets
        } | {b.key for b in self.old.body if b.key}
        for retired, successor in self.library.retired.items():
            if successor and retired in old_ids and successor not in old_ids:
                self.renamed[successor] = retired

    def source_of(self, key: str) -> str:
        """The old plan's id for a new place (its own, or the retired clause it replaces)."""
        return self.renamed.get(key, key)

    def why(self, key: str, logged_only: bool = False) -> str:
        """Why ``key`` changed: its entries in the library's CHANGELOG.md since the plan's
        version, else (unless ``logged_only``) the sources of the clause."""
        entries = self.log.get(key) or self.log.get(self.source_of(key)) or []
        if entries:
            return "; ".join(f"{e.why.rstrip('.')} (phiên bản {e.version})" for e in entries)
        if logged_only:
            return ""
        clause = self.clause(key)
        if clause is not None and clause.sources:
            return "nguồn: " + "; ".join(s.ref for s in clause.sources)
        if key.startswith("local."):
            return "nhiệm vụ riêng trong hồ sơ (local.tasks)"
        if key.startswith("plan."):
            return "phần đầu, phần cuối văn bản soạn từ hồ sơ và thư viện"
        if key.startswith("target."):
            return ""
        return "đoạn văn cố định của thư viện (texts.yaml)"

    def clause(self, key: str) -> TaskClause | None:
        for group in self.library.groups:
            for task in group.tasks:
                if task.id == key:
                    return task
        return None

    def note(
        self, key: str, place: str, state: State, label: str, mine: Any, theirs: Any,
        where: str, text: str,
    ) -> None:
        """Record what happened at one place of the clause (or text) ``key``."""
        self.states[where] = (state, printable(theirs))
        if state == "same":
            return
        what = {"library": "reworded", "user": "kept", "conflict": "conflict"}[state]
        change = self.changes.get(f"{what}:{key}")
        if change is None:
            shown = {"kept": printable(mine), "conflict": ""}.get(what, text)
            change = self.changes[f"{what}:{key}"] = Change(
                what, key, place, text=shown, why=self.why(key)
            )
        change.fields.append(label)
        if state == "conflict":
            yours, new = printable(mine), printable(theirs)
            change.conflicts.append((label, yours, new))
            self.conflicts.append(Conflict(where=where, label=f"{key}: {label}", library=new))


def update_plan(
    old: Plan,
    library: Library,
    profile: Profile | None = None,
    changelog: list[LogEntry] | None = None,
) -> Update:
    """Compose ``old`` again with ``library`` and merge (see the module docstring).

    ``profile`` replaces the profile the plan recorded (``meta.profile_copy``); one of the
    two is needed. The plan's kind, scope, type and year are kept. Raises InputError when the
    plan records no profile and none is given.
    """
    source = profile or old.meta.profile_copy
    if source is None:
        raise InputError(
            old.meta.profile or "kế hoạch",
            "kế hoạch không ghi hồ sơ đơn vị đã dùng để soạn (meta.profile_copy): chỉ ra hồ sơ"
            " bằng --profile HỒ_SƠ.yaml",
            field="meta.profile_copy",
        )
    source = source.model_copy(update={"scope": old.scope, "type": old.type})
    new = stamp(compose(
        source, library, old.kind, profile_path=old.meta.profile, today=date(old.year, 1, 1)
    ))
    log = reasons(changelog or [], old.meta.library_version, library.version)
    m = _Merge(old, new, library, log)
    new_places = _places(new)
    _merge_plan_fields(m)
    body = _merge_body(m, new_places)
    _merge_rows(m, new_places)
    targets = _merge_targets(m, new_places)
    new.body = body
    new.targets = targets
    n = 0
    for group in new.task_groups:
        for row in group.rows:
            n += 1
            row.number = str(n)
    for i, target in enumerate(new.targets, 1):
        target.number = str(i)
    for old_conflict in old.meta.conflicts:  # unresolved: still the user's text there
        state = m.states.get(old_conflict.where)
        if state is not None and state[0] == "user":
            m.conflicts.append(old_conflict.model_copy(update={"library": state[1]}))
    new.meta.conflicts = m.conflicts
    final = _places(new)  # rows renumbered: name each place as the new plan has it
    for change in m.changes.values():
        if change.what not in ("retired", "dropped", "lost"):
            change.place = next(
                (final[k] for k in (f"row:{change.key}", f"body:{change.key}",
                                    f"target:{change.key}") if final.get(k)),
                change.place,
            )
    order = {"added": 0, "retired": 1, "dropped": 2, "reworded": 3, "kept": 4, "conflict": 5,
             "lost": 6}
    changes = sorted(m.changes.values(), key=lambda c: order[c.what])
    same = old.meta.library_hash == library.content_hash
    return Update(new, changes, old.meta.library_version, library.version, same)


def _merge_plan_fields(m: _Merge) -> None:
    for name in PLAN_FIELDS:
        mine, theirs = plan_value(m.old, name), plan_value(m.new, name)
        _, state = three_way(mine, m.old.meta.basis.get(name), theirs)
        if state in ("user", "conflict"):
            setattr(m.new, name, getattr(m.old, name))
        m.note(f"plan.{name}", "", state, PLAN_LABELS[name], mine, theirs, f"plan:{name}",
               _short(printable(theirs), 200) if name == "opening" else printable(theirs))


def _merge_body(m: _Merge, places: dict[str, str]) -> list[Block]:
    old_by_key = {b.key: b for b in m.old.body if b.key}
    seen: set[str] = set()
    body: list[Block] = []
    for block in m.new.body:
        assert block.key is not None
        old_key = m.source_of(block.key)
        if f"body:{block.key}" in m.deleted:  # the user deleted it: it stays deleted
            seen.add(block.key)
            continue
        previous = old_by_key.get(old_key)
        if previous is None:
            body.append(block)
            continue
        seen.add(old_key)
        text, state = three_way(previous.text, previous.basis, block.text)
        if block.style == "body":  # headings follow the structure, they are not reported
            section = places.get(f"body:{block.key}", "").removeprefix("mục ").split(" (")[0]
            place = places.get(f"row:{block.key}") or places.get(f"body:{block.key}", "")
            label = f"đoạn văn mục {section}" if section else "đoạn văn"
            m.note(block.key, place, state, label, previous.text, block.text,
                   f"body:{block.key}", block.text)
        body.append(block.model_copy(update={"text": text}))
    # what the user added (no key) stays after the paragraph it followed
    anchor: str | None = None
    added: list[tuple[str | None, Block]] = []
    for block in m.old.body:
        if block.key is None:
            added.append((anchor, block))
        else:
            anchor = block.key
            if block.key not in seen and block.basis and text_hash(block.text) != block.basis:
                m.changes[f"lost:{block.key}"] = Change(
                    "lost", block.key, m.old_places.get(f"body:{block.key}", ""), block.text
                )
    for anchor_key, block in added:
        keys = [b.key for b in body]
        at = len(body)
        if anchor_key is not None:
            target = next((k for k, v in m.renamed.items() if v == anchor_key), anchor_key)
            if target in keys:
                at = keys.index(target) + 1
                while at < len(body) and body[at].key is None:
                    at += 1
        body.insert(at, block)
    return body


def _merge_rows(m: _Merge, places: dict[str, str]) -> None:
    old_rows = {r.clause: r for r in m.old.task_rows()}
    old_group = {r.clause: g.group for g in m.old.task_groups for r in g.rows}
    new_ids = {r.clause for r in m.new.task_rows()}
    known = set(m.library.task_ids())
    for group in m.new.task_groups:
        rows: list[TaskRow] = []
        for row in group.rows:
            place = places.get(f"row:{row.clause}", "")
            if f"row:{row.clause}" in m.deleted:
                continue
            previous = old_rows.get(m.source_of(row.clause))
            if previous is None:
                why = m.why(row.clause, logged_only=True) or f"được chọn theo {row.reason}"
                m.changes[f"added:{row.clause}"] = Change(
                    "added", row.clause, place, row.content, why
                )
                rows.append(row)
                continue
            rows.append(_merge_row(m, row, previous, place))
        # rows the user added to this group (a clause the library does not know) stay
        for clause, previous in old_rows.items():
            if old_group[clause] == group.group and clause not in new_ids and (
                clause not in known and not clause.startswith("local.")
                and clause not in m.library.retired and not previous.basis
            ):
                rows.append(previous)
        group.rows = rows
    _rows_gone(m, old_rows, old_group, new_ids, known)


def _merge_row(m: _Merge, row: TaskRow, previous: TaskRow, place: str) -> TaskRow:
    """A row the plan had and the library still gives: each field merged three ways (the
    user's, the basis it was composed from, the library's); a retired clause's successor
    noted."""
    if m.source_of(row.clause) != row.clause:
        retired = m.source_of(row.clause)
        m.changes[f"retired:{retired}"] = Change(
            "retired", retired, m.old_places.get(f"row:{retired}", ""), previous.content,
            m.why(retired), successor=row.clause,
        )
    update: dict[str, Any] = {}
    for name in ROW_FIELDS:
        mine, theirs = getattr(previous, name), getattr(row, name)
        value, state = three_way(mine, previous.basis.get(name), theirs)
        update[name] = value
        m.note(row.clause, place, state, f"Phụ lục: {ROW_LABELS[name]}", mine, theirs,
               f"row:{row.clause}.{name}", row.content)
    return row.model_copy(update=update)


def _rows_gone(
    m: _Merge, old_rows: dict[str, TaskRow], old_group: dict[str, str], new_ids: set[str],
    known: set[str],
) -> None:
    """What became of the plan's rows the new plan does not have: lost with their group,
    retired, or no longer chosen (with why)."""
    groups = {g.group for g in m.new.task_groups}
    for clause, previous in old_rows.items():
        if clause in new_ids or clause in m.renamed.values():
            continue
        place = m.old_places.get(f"row:{clause}", "")
        if old_group[clause] not in groups and not previous.basis and clause not in known:
            m.changes[f"lost:{clause}"] = Change("lost", clause, place, previous.content)
            continue
        if clause in m.library.retired:
            successor = m.library.retired[clause]
            m.changes[f"retired:{clause}"] = Change(
                "retired", clause, place, previous.content, m.why(clause), successor=successor
            )
        elif clause in known or clause.startswith("local."):
            why = m.why(clause, logged_only=True) or (
                "không còn được chọn: nhường chỗ cho điều khoản có mức ưu tiên cao hơn"
                if clause in known else "hồ sơ không còn nhiệm vụ này trong năm của Kế hoạch"
            )
            m.changes[f"dropped:{clause}"] = Change("dropped", clause, place, previous.content, why)


def _merge_targets(m: _Merge, places: dict[str, str]) -> list[TargetRow]:
    old_targets = {t.target: t for t in m.old.targets}
    out: list[TargetRow] = []
    new_ids = {t.target for t in m.new.targets}
    for target in m.new.targets:
        if f"target:{target.target}" in m.deleted:
            continue
        place = places.get(f"target:{target.target}", "")
        previous = old_targets.get(m.source_of(target.target))
        if previous is None:
            m.changes[f"added:{target.target}"] = Change(
                "added", target.target, place, target.indicator, m.why(target.target)
            )
            out.append(target)
            continue
        mine, theirs = target_value(previous), target_value(target)
        _, state = three_way(list(mine), previous.basis, list(theirs))
        kept = previous.model_copy(update={"reason": target.reason, "basis": target.basis})
        m.note(target.target, place, state, "chỉ tiêu", " | ".join(mine), " | ".join(theirs),
               f"target:{target.target}", target.indicator)
        out.append(kept if state in ("user", "conflict") else target)
    for key, previous in old_targets.items():
        if key in new_ids or key in m.renamed.values():
            continue
        place = m.old_places.get(f"target:{key}", "")
        what = "retired" if key in m.library.retired else "dropped"
        if key not in m.library.retired and previous.basis is None:
            out.append(previous)  # a target the user added
            continue
        m.changes[f"{what}:{key}"] = Change(
            what, key, place, previous.indicator, m.why(key),
            successor=m.library.retired.get(key),
        )
    return out


# --------------------------------------------------------------------------- the report

_HEADINGS = {
    "added": "Thêm",
    "retired": "Thôi dùng",
    "dropped": "Không còn trong Kế hoạch",
    "reworded": "Sửa lời (theo thư viện mới)",
    "kept": "Giữ bản bạn đã sửa",
    "conflict": "Xung đột: bạn và thư viện cùng sửa (Kế hoạch giữ bản của bạn)",
    "lost": "Đoạn bạn đã sửa không còn chỗ trong Kế hoạch mới (chép lại nếu cần)",
}
_MARKS = {"added": "+", "retired": "-", "dropped": "-", "reworded": "~", "kept": "=",
          "conflict": "!", "lost": "?"}
WIDTH = 100


def side_by_side(left: str, right: str, titles: tuple[str, str], indent: str = "      ") -> str:
    """Two texts in two columns (the user's | the library's), wrapped to :data:`WIDTH`."""
    col = (WIDTH - len(indent) - 3) // 2
    a = textwrap.wrap(left, col) or [""]
    b = textwrap.wrap(right, col) or [""]
    lines = [f"{indent}{titles[0]:<{col}} | {titles[1]}", f"{indent}{'-' * col}-+-{'-' * col}"]
    for x, y in itertools.zip_longest(a, b, fillvalue=""):
        lines.append(f"{indent}{x:<{col}} | {y}".rstrip())
    return "\n".join(lines)


def changelog_text(result: Update, name: str = "Kế hoạch") -> str:
    """The clause-level changelog of an update, in Vietnamese."""
    head = (
        f"Cập nhật {name}: thư viện điều khoản {result.old_version} → {result.new_version}."
    )
    if result.nothing_new or not result.changes:
        tail = (" Thư viện không đổi: Kế hoạch giữ nguyên." if result.same_library
                else " Không có thay đổi nào ở các điều khoản của Kế hoạch.")
        left = len(result.plan.meta.conflicts)
        if left:
            tail += f" Còn {left} chỗ xung đột chưa giải quyết (meta.conflicts)."
        return head + tail
    lines = [head]
    for what, group in itertools.groupby(result.changes, key=lambda c: c.what):
        items = list(group)
        lines.append("")
        lines.append(f"{_HEADINGS[what]} ({len(items)}):")
        for c in items:
            place = f" — {c.place}" if c.place else ""
            lines.append(f"  {_MARKS[what]} {c.key}{place}")
            if c.successor:
                lines.append(f"      thay bằng: {c.successor}")
            if c.text:
                lines.append(f"      {_short(c.text, WIDTH - 6)}")
            if c.fields and what in ("reworded", "kept"):
                lines.append(f"      phần: {', '.join(c.fields)}")
            if c.why and what != "kept":
                lines.append(f"      vì: {c.why}")
            for label, yours, new in c.conflicts:
                lines.append(f"      phần: {label}")
                lines.append(side_by_side(yours, new, ("Bản của bạn (đang giữ)",
                                                       f"Thư viện {result.new_version}")))
    if result.plan.meta.conflicts:
        lines.append("")
        lines.append(
            f"Còn {len(result.plan.meta.conflicts)} chỗ xung đột ghi ở meta.conflicts của tệp mới:"
            " giữ một trong hai bản rồi xóa mục đó."
        )
    return "\n".join(lines)
