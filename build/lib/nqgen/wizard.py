"""The ``nqgen new`` wizard (trình hỏi đáp) in a terminal: from nothing to a profile and a DOCX.

A commune secretary (văn phòng HĐND và UBND) answers the questions of
:data:`nqgen.questions.QUESTIONS` — province, commune, document kind, parent documents (văn bản
căn cứ), bodies (cơ quan), village term, signer, number and date, sectors, scope, focus areas,
local facts — reviews every answer and gets ``DIR/<unit-slug>.yaml`` (the re-usable profile)
and the DOCX. This module only draws the questions (questionary) and
keeps the answers file; what is asked, the defaults, the checks and the profile are in
:mod:`nqgen.questions`, shared with any other front end.

The answers (câu trả lời) are plain data saved atomically to an answers file
(``DIR/.nqgen-answers.yaml``) after every answer, so an interrupted run resumed with
``--resume`` ends with the same profile as an uninterrupted one; ``--defaults`` takes exactly
the answers an Enter at every question would give. Esc (or ← at the start of a text) goes
back to the previous question, on every question and at the review. Files that would be
overwritten are reported as soon as the commune is known, before any further question.

Start-up: only questionary (prompt_toolkit), :mod:`nqgen.questions` and :mod:`nqgen.units` are
imported before the first prompt; pydantic, compose, render and docxtpl when first needed.
"""

from __future__ import annotations

import shlex
import shutil
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit.application import get_app
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.filters import Condition, has_completions
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys

from . import questions as Q
from . import units
from .cli_vi import invoked_as
from .errors import InputError, Interrupted, NqgenError, OutputError, UsageError

ANSWERS_FILE = ".nqgen-answers.yaml"
FORMAT_VERSION = 1

SELECT_HINT = "(↑↓ chọn, Enter xác nhận)"
CHECK_HINT = "(↑↓ di chuyển, Space chọn/bỏ, Enter xác nhận)"
KEYS_HINT = "Enter: nhận gợi ý · Esc hoặc ←: câu trước · Ctrl-C: dừng (câu trả lời vẫn lưu)"
ACCEPT, EDIT, STOP, OVERWRITE = "__accept__", "__edit__", "__stop__", "__overwrite__"


class _Back:
    """What a question returns when the user pressed Esc or ← (quay lại)."""

    def __repr__(self) -> str:
        return "BACK"


BACK: Any = _Back()


class FoldedCompleter(Completer):
    """Type-to-filter completions that ignore tone marks and case (``xop`` finds ``Xã Xốp``)."""

    def __init__(self, items: Iterable[tuple[str, str]]):
        self.items = [(title, meta, Q.fold(title)) for title, meta in items]

    def get_completions(self, document: Document, event: CompleteEvent) -> Iterable[Completion]:
        typed = document.text_before_cursor
        key = Q.fold(typed)
        for title, meta, folded in self.items:
            if key in folded:
                yield Completion(title, start_position=-len(typed), display_meta=meta)


# --------------------------------------------------------------------------- answers file


@dataclass
class Session:
    """One wizard run: the answers, the list being edited (draft) and where they are saved."""

    path: Path
    out_dir: Path
    answers: dict[str, Any] = field(default_factory=dict)
    draft: dict[str, Any] = field(default_factory=dict)
    finished: bool = False
    persist: bool = True  # False for ``--defaults`` without ``--resume``: no answers file

    def reached(self) -> str:
        """The question reached (its id), ``review`` or ``done``."""
        if self.finished:
            return "done"
        q = Q.next_question(self.answers)
        return q.id if q else "review"

    def save(self) -> None:
        """Write the answers file atomically (after every answer: Ctrl-C loses nothing)."""
        if not self.persist:
            return
        header = (
            "# Tệp trả lời của `nqgen new` (lưu sau mỗi câu trả lời).\n"
            f"# Tiếp tục khi đã dừng: nqgen new --resume {shlex.quote(str(self.path))}\n"
        )
        data: dict[str, Any] = {
            "nqgen_answers": FORMAT_VERSION,
            "step": self.reached(),
            "answers": self.answers,
        }
        if self.draft:
            data["draft"] = self.draft
        from .output import write_file
        from .yamlio import dump_yaml

        write_file(self.path, (header + dump_yaml(data)).encode("utf-8"), force=True)

    @classmethod
    def load(cls, path: Path, out_dir: Path | None) -> Session:
        """Read an answers file; every answer is checked again as if typed, so a truncated or
        edited file gives an InputError naming the file, the line and the answer."""
        from .yamlio import line_of, read_yaml

        data, node = read_yaml(path)
        if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
            raise InputError(
                str(path), "không phải tệp trả lời của `nqgen new` (thiếu mục answers)"
            )
        answers = dict(data["answers"])
        for key in answers:
            if key not in Q.BY_ID:
                raise InputError(
                    str(path), "câu hỏi không có trong trình hỏi đáp",
                    line_of(node, ("answers", key)), f"answers.{key}",
                )  # fmt: skip
        bad = Q.check_stored(answers)
        if bad is not None:
            key, reason = bad
            raise InputError(str(path), reason, line_of(node, ("answers", key)), f"answers.{key}")
        drafts = data.get("draft") or {}
        if not isinstance(drafts, dict):
            raise InputError(str(path), "phải là bảng khóa: giá trị", line_of(node, ("draft",)),
                             "draft")  # fmt: skip
        for key, value in drafts.items():  # a list being edited when the session stopped
            where = f"draft.{key}"
            if key not in Q.BY_ID:
                raise InputError(str(path), "câu hỏi không có trong trình hỏi đáp",
                                 line_of(node, ("draft", key)), where)  # fmt: skip
            try:
                Q.check(Q.BY_ID[key], value, answers)
            except Q.AnswerError as exc:
                line = line_of(node, ("draft", key))
                raise InputError(str(path), str(exc), line, where) from None
        return cls(path, out_dir or path.parent, answers, dict(drafts), data.get("step") == "done")


def _peek(path: Path) -> dict[str, Any]:
    """An answers file's raw data, or {} when it cannot be read (no check: before the first
    prompt only the step and the province are needed)."""
    from .yamlio import read_yaml

    try:
        data, _ = read_yaml(path)
    except NqgenError:
        return {}
    return data if isinstance(data, dict) else {}


def _label(step: str) -> str:
    """The Vietnamese name of a step of the answers file (resume banner)."""
    if step in Q.BY_ID:
        return Q.BY_ID[step].label
    return "Xem lại các câu trả lời" if step == "review" else step


def profile_yaml(profile: Any, unit: units.UnitInfo, path: Path) -> str:
    """The profile as YAML with a Vietnamese header (no timestamp: the output is reproducible)."""
    from .yamlio import dump_yaml

    header = (
        f"# Hồ sơ đơn vị: {unit.official}, {unit.province.official} (mã {unit.code}).\n"
        "# Do `nqgen new` tạo. Sửa tệp này rồi dựng lại kế hoạch bằng:\n"
        f"#   nqgen render {shlex.quote(str(path))} -o "  # a file keeps the plain command
        f"{shlex.quote(str(path.with_suffix('.docx')))} --force\n"
    )
    return header + dump_yaml(profile.model_dump(mode="json", exclude_none=True))


# --------------------------------------------------------------------------- files written


def outputs(session: Session) -> tuple[Path, Path, list[Path]]:
    """The profile path, the DOCX name given to the renderer and every file the run writes
    (the profile and one DOCX per document kind; ``nqgen.api`` names them)."""
    from . import api

    unit = Q.unit_of(session.answers)
    profile_path = session.out_dir / f"{unit.slug}.yaml"
    docx = session.out_dir / f"{unit.slug}.docx"
    kinds = api.doc_kinds(Q.kind_of(session.answers))
    return profile_path, docx, [profile_path, *api.output_paths(profile_path, docx, kinds)]


def finish(session: Session, force: bool, pdf: bool, agreed: Iterable[Path] = ()) -> list[Path]:
    """Write DIR/<unit-slug>.yaml and the DOCX (and PDF) through :mod:`nqgen.api`; print the
    paths and the next commands. Existing files are overwritten only with ``force`` or when
    the user ``agreed`` to it during the questions."""
    from . import api
    from .output import write_file

    answers = session.answers
    kind = Q.kind_of(answers)
    profile = Q.build_profile(answers, str(session.path))
    profile_path, docx, targets = outputs(session)
    api.refuse_existing([t for t in targets if t not in set(agreed)], force)  # before writing
    unit = Q.unit_of(answers)
    text = profile_yaml(profile, unit, profile_path)
    write_file(profile_path, text.encode("utf-8"), force=True)
    results = api.render_files(profile_path, docx, kind, force=True, pdf=pdf)
    session.finished = True
    session.save()
    written = [profile_path]
    say()
    say(f"Đã tạo kế hoạch cho {unit.official}, {unit.province.official}:")
    say(f"  Hồ sơ đơn vị: {profile_path}")
    for result in results:
        say(f"  Kế hoạch (DOCX): {result.docx}")
        written.append(result.docx)
        if result.pdf:
            say(f"  Bản PDF: {result.pdf}")
            written.append(result.pdf)
        for warning in api.check_written(result.docx):
            say(f"  Cảnh báo thể thức: {warning}")
    q = shlex.quote
    kind_opt = " --kind both" if kind == "both" else ""
    say("Bước tiếp theo:")
    for result in results:
        say(
            f"  - Mở tệp bằng Word (hoặc LibreOffice Writer) để đọc, sửa và trình ký: {result.docx}"
        )
    say(
        f"  - Sửa hồ sơ {profile_path.name} (tên cơ quan, văn bản căn cứ, nơi nhận ...) "
        "rồi dựng lại:"
    )
    say(f"      {invoked_as()} render {q(str(profile_path))} -o {q(str(docx))}{kind_opt} --force")
    if not pdf:
        say("  - Xuất thêm PDF: thêm --pdf vào lệnh trên.")
    return written


# --------------------------------------------------------------------------- drawing


def say(text: str = "") -> None:
    print(text, flush=True)


def columns() -> int:
    return shutil.get_terminal_size((80, 24)).columns


def fit(text: str, width: int | None = None) -> str:
    """One screen line: ``text`` cut with "…" at the terminal width."""
    width = (width or columns()) - 1
    return text if len(text) <= width else text[: width - 1] + "…"


def wrap(text: str, indent: str = "  ") -> str:
    """``text`` wrapped at the terminal width (never cut)."""
    width = max(columns() - 1, 20)
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)


def warn(text: str) -> None:
    """A message under a question (why an answer is refused), wrapped at the terminal width."""
    questionary.print(wrap(text), style="fg:ansired")


def _heading(q: Q.Question) -> str:
    """The line above a list being edited: ``Văn bản căn cứ (thứ tự: ...):``."""
    note = f" ({q.help[:1].lower()}{q.help[1:].rstrip('.')})" if q.help else ""
    return f"{q.label}{note}:"


def _placeholder(text: str) -> Any:
    return FormattedText([("fg:ansibrightblack", text)])


def ask(question: questionary.Question, text_input: bool = False) -> Any:
    """Ask and return the answer, or BACK on Esc (or ← where no text is to its left); Esc
    first closes an open list of suggestions. Ctrl-C propagates (the caller saves and
    explains)."""
    keys = KeyBindings()

    @Condition
    def at_start() -> bool:
        return not text_input or get_app().current_buffer.cursor_position == 0

    @keys.add(Keys.Escape, eager=True, filter=has_completions)
    def _close(event: Any) -> None:
        event.current_buffer.cancel_completion()

    @keys.add(Keys.Escape, eager=True, filter=~has_completions)
    @keys.add(Keys.Left, filter=at_start & ~has_completions, eager=True)
    def _back(event: Any) -> None:
        event.app.exit(result=BACK)

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), keys])
    answer = question.unsafe_ask()
    if answer is None:  # pragma: no cover - questionary returns None only on a skipped question
        raise KeyboardInterrupt
    return answer


def select(
    message: str, choices: list[Q.Choice], default: Any = None, instruction: str = SELECT_HINT
) -> Any:
    values = [c.value for c in choices]
    return ask(
        questionary.select(
            message,
            choices=[questionary.Choice(c.title, c.value) for c in choices],
            default=default if default in values else None,
            instruction=instruction,
        )
    )


def ask_line(
    message: str,
    default: str = "",
    choices: list[Q.Choice] | None = None,
    placeholder: str | None = None,
) -> Any:
    """One line of text: prefilled with ``default``, or empty with ``placeholder`` shown (an
    empty answer then means the placeholder); ``choices`` filter as the user types."""
    if choices:
        question = questionary.autocomplete(
            message,
            choices=[c.title for c in choices],
            default=default,
            completer=FoldedCompleter((c.title, c.note) for c in choices),
            placeholder=_placeholder(placeholder) if placeholder else None,
        )
    else:
        question = questionary.text(message, default=default)
    answer = ask(question, text_input=True)
    if answer is BACK:
        return BACK
    return answer or (placeholder or "")


class Wizard:
    """Walks :data:`nqgen.questions.QUESTIONS` in a terminal, then the review, then writes."""

    def __init__(
        self, session: Session, force: bool = False, pdf: bool = False,
        remembered: dict[str, Any] | None = None,
    ):  # fmt: skip
        self.s = session
        self.force = force
        self.pdf = pdf
        self.answers = session.answers
        self.remembered = remembered or {}
        self.agreed: list[Path] = []  # existing files the user agreed to overwrite

    # ------------------------------------------------------------------ flow

    def run(self, resumed: bool = False) -> list[Path]:
        try:
            say(KEYS_HINT)
            if resumed:
                say(f"Tiếp tục phiên hỏi đáp từ {self.s.path} (câu '{_label(self.s.reached())}').")
            self.walk("commune" if self.check_outputs() else None)  # files are named by unit
        except (KeyboardInterrupt, EOFError):
            say()
            if self.answers or self.s.draft:
                self.s.save()
                say(f"Đã dừng. Mọi câu trả lời đã lưu trong {self.s.path}.")
                say(f"Tiếp tục: {invoked_as()} new --resume {shlex.quote(str(self.s.path))}")
            else:
                say("Đã dừng theo yêu cầu.")
            raise Interrupted from None
        return finish(self.s, self.force, self.pdf, self.agreed)

    def walk(self, start: str | None = None) -> None:
        """Ask from ``start`` (default: the first unanswered question) to the review; Esc steps
        back one question (at the review: to the last question); a review edit asks that
        line's questions and any that its change made stale, then returns to the review."""
        questions = Q.active(self.answers)
        pending = Q.BY_ID[start] if start else Q.next_question(self.answers)
        i = questions.index(pending) if pending else len(questions)
        editing: str | None = None
        while True:
            questions = Q.active(self.answers)
            if i >= len(questions):
                self.s.save()
                choice = self.review()
                if choice == ACCEPT:
                    return
                if choice is BACK:
                    i = len(questions) - 1
                    continue
                q = Q.BY_ID[choice]
                i, editing = questions.index(q), q.row
                continue
            q = questions[i]
            value = self.ask_question(q)
            if value is BACK:
                i, editing = max(i - 1, 0), None
                continue
            Q.record(self.answers, q, value)
            self.s.draft.pop(q.id, None)
            self.s.save()
            questions = Q.active(self.answers)
            i = questions.index(q) + (0 if self.check_outputs() else 1)
            if editing is not None and (i >= len(questions) or questions[i].row != editing):
                editing = None
                pending = Q.next_question(self.answers)
                i = questions.index(pending) if pending else len(questions)

    def check_outputs(self) -> bool:
        """Report files the run would overwrite as soon as they are known (the unit names
        them, the document kind adds one per plan); the user says whether to overwrite them
        at the end or to stop now. True: Esc, the user goes back to change the answer."""
        if self.force or "commune" not in self.answers:
            return False
        _, _, targets = outputs(self.s)
        found = [p for p in targets if p.exists() and p not in self.agreed]
        if not found:
            return False
        say(f"Lưu ý: thư mục {self.s.out_dir} đã có tệp sẽ bị ghi đè:")
        for path in found:
            say(f"  {path}")
        choice = select(
            "Ghi đè các tệp này khi tạo kế hoạch?",
            [
                Q.Choice(STOP, "Không, dừng lại (chọn thư mục khác bằng -o)"),
                Q.Choice(OVERWRITE, "Có, ghi đè khi tạo xong"),
            ],
        )
        if choice == OVERWRITE:
            self.agreed += found
            return False
        if choice is BACK:
            return True
        raise OutputError(
            f"Không ghi đè {found[0]}. Chọn thư mục khác: {invoked_as()} new -o THƯ_MỤC_KHÁC; "
            f"hoặc ghi đè: {invoked_as()} new --resume {shlex.quote(str(self.s.path))} --force."
        )

    # ------------------------------------------------------------------ one question

    def current(self, q: Q.Question) -> Any:
        if q.id in self.answers:
            return self.answers[q.id]
        return q.default_for(self.answers, self.remembered)

    def ask_question(self, q: Q.Question) -> Any:
        if q.help and q.kind in (Q.Kind.checkbox, Q.Kind.confirm, Q.Kind.select):
            questionary.print(wrap(q.help, ""), style="fg:ansibrightblack")
        if q.kind in (Q.Kind.text, Q.Kind.autocomplete):
            return self.ask_text(q)
        if q.kind in (Q.Kind.select, Q.Kind.confirm):
            hint = "(Enter: bỏ qua)" if q.kind == Q.Kind.confirm and not self.current(q) else None
            choices = q.choices_for(self.answers)
            return select(q.message_for(self.answers), choices, self.current(q),
                          hint or SELECT_HINT)  # fmt: skip
        if q.kind == Q.Kind.checkbox:
            return self.ask_checkbox(q)
        if q.kind == Q.Kind.list:
            return self.ask_list(q)
        return self.ask_names(q)

    def ask_text(self, q: Q.Question) -> Any:
        """A text question, asked again with the reason (wrapped) until the models accept it."""
        message = q.message_for(self.answers)
        choices = q.choices_for(self.answers) if q.kind == Q.Kind.autocomplete else None
        placeholder = None
        text = q.as_text(self.current(q))
        if choices and not q.suggest:  # pick one of a long list: type to filter, Enter = default
            placeholder, text = text, ""
            note = q.note(self.answers) + "; " if q.note else ""
            message = f"{message} ({note}gõ để lọc; Enter = {placeholder}):"
        while True:
            raw = ask_line(message, text, choices, placeholder)
            if raw is BACK:
                return BACK
            try:
                value = Q.check(q, raw, self.answers)
            except Q.AnswerError as exc:
                hint = f" {q.help}" if placeholder and q.help else ""
                warn(f"{exc}{hint}")
                text = raw
                continue
            if placeholder is not None and value != raw:  # say which one the typed text named
                questionary.print(f"  → {value}", style="fg:ansiyellow")
            return value

    def ask_checkbox(self, q: Q.Question) -> Any:
        message = q.message_for(self.answers)
        chosen = list(self.current(q))
        while True:
            answer = ask(
                questionary.checkbox(
                    message,
                    choices=[
                        questionary.Choice(c.title, c.value, checked=c.value in chosen)
                        for c in q.choices_for(self.answers)
                    ],
                    instruction=CHECK_HINT,
                    erase_when_done=True,  # questionary would print its English "done" here
                )
            )
            if answer is BACK:
                return BACK
            questionary.print(f"? {message} ", style="bold", end="")
            try:
                value = Q.check(q, list(answer), self.answers)
            except Q.AnswerError as exc:
                questionary.print(fit(str(answer)), style="fg:ansiyellow")
                warn(str(exc))
                chosen = list(answer)
                continue
            questionary.print(q.describe(value, self.answers), style="fg:ansiyellow")
            return value

    def ask_list(self, q: Q.Question) -> Any:
        """A list of records (the parent documents): keep, edit, add or remove one; each
        record's fields are asked as text questions."""
        items: list[dict[str, Any]] = list(self.s.draft.get(q.id) or self.current(q))
        assert q.item_title is not None
        if q.note is not None and q.note(self.answers):
            say(wrap(q.note(self.answers), ""))
        while True:
            say(_heading(q))
            for i, d in enumerate(items, 1):
                say(fit(f"  {i}. {q.item_title(d)}"))
            action = select(
                q.message_for(self.answers),
                [
                    Q.Choice("keep", "Giữ danh sách này"),
                    Q.Choice("edit", "Sửa một văn bản"),
                    Q.Choice("add", "Thêm một văn bản"),
                    Q.Choice("remove", "Bỏ một văn bản"),
                ],
                "keep",
            )
            if action is BACK:
                return BACK
            if action == "keep":
                try:
                    return Q.check(q, items, self.answers)
                except Q.AnswerError as exc:
                    warn(str(exc))
                    continue
            if action == "add":
                item = self.ask_item(q, {})
                if item is not BACK:
                    items.append(item)
            elif items:
                titles = [Q.Choice(i, fit(q.item_title(d), columns() - 6))
                          for i, d in enumerate(items)]  # fmt: skip
                pick = select("Văn bản nào?" if action == "edit" else "Bỏ văn bản nào?", titles)
                if pick is BACK:
                    continue
                if action == "edit":
                    item = self.ask_item(q, items[pick])
                    if item is not BACK:
                        items[pick] = item
                else:
                    items.pop(pick)
            self.s.draft[q.id] = items
            self.s.save()

    def ask_item(self, q: Q.Question, old: dict[str, Any]) -> Any:
        """One record, field by field (Esc on a field: back to the previous field, or out)."""
        texts = {f.id: f.as_text(old.get(f.id)) for f in q.fields}
        model = q.record_model() if q.record_model else None
        done: dict[str, Any] = {}
        i = 0
        while i < len(q.fields):
            f = q.fields[i]
            choices = f.choices_for({}) or None
            raw = ask_line(f.message_for({}), texts[f.id], choices)
            if raw is BACK:
                if i == 0:
                    return BACK
                i -= 1
                continue
            try:
                done[f.id] = Q.check_field(f, raw, done, model)
            except Q.AnswerError as exc:
                warn(str(exc))
                texts[f.id] = raw
                continue
            texts[f.id] = raw
            i += 1
        try:
            return Q.check_item(q, done, old)
        except Q.AnswerError as exc:
            warn(str(exc))
            return BACK

    def ask_names(self, q: Q.Question) -> Any:
        """New names for some items of a fixed list (the bodies): keep, or rename one."""
        edits: dict[str, str] = dict(self.s.draft.get(q.id) or self.current(q))
        field_q = q.fields[0]
        while True:
            defaults = {c.value: c.title for c in q.choices_for(self.answers)}
            names = {r: edits.get(r, title) for r, title in defaults.items()}
            say(_heading(q))
            say(wrap("; ".join(names.values()) + "."))  # compact: 20-odd bodies in a few lines
            action = select(
                q.message_for(self.answers),
                [Q.Choice("keep", "Giữ các tên này"), Q.Choice("edit", "Sửa tên một cơ quan")],
                "keep",
            )
            if action is BACK:
                return BACK
            if action == "keep":
                return Q.check(q, edits, self.answers)
            role = select("Cơ quan nào?", [Q.Choice(r, n) for r, n in names.items()])
            if role is BACK:
                continue
            text = names[role]
            while True:
                raw = ask_line(field_q.message_for({}), text)
                if raw is BACK:
                    break
                try:
                    new = Q.check_field(field_q, raw, {}, None)
                except Q.AnswerError as exc:
                    warn(str(exc))
                    text = raw
                    continue
                if new == defaults[role]:
                    edits.pop(role, None)
                else:
                    edits[role] = new
                break
            self.s.draft[q.id] = edits
            self.s.save()

    # ------------------------------------------------------------------ review

    def review(self) -> Any:
        """Every answer on one screen (one line each, cut at the terminal width, so that an
        80×24 terminal keeps the first line in view), then accept or pick a line to change."""
        while True:
            rows = Q.review_rows(self.answers)
            say("Xem lại các câu trả lời (Esc: quay lại câu trước):")
            for i, (q, text) in enumerate(rows, 1):
                say(fit(f"  {i:>2}. {q.label}: {text}"))
            choice = select(
                "Tạo kế hoạch với các câu trả lời trên?",
                [Q.Choice(ACCEPT, "Đồng ý, tạo kế hoạch"), Q.Choice(EDIT, "Sửa một câu trả lời")],
                ACCEPT,
            )
            if choice == ACCEPT and (problem := Q.plan_problem(self.answers)) is not None:
                wrong, reason = problem
                warn(f"Chưa tạo được kế hoạch: {reason}")
                if wrong is not None:
                    return wrong.id  # straight to the answer to change
                continue
            if choice != EDIT:
                return choice
            width = columns() - 6
            pick = select(
                "Sửa câu nào?",
                [Q.Choice(q.id, fit(f"{i:>2}. {q.label}: {text}", width))
                 for i, (q, text) in enumerate(rows, 1)]
                + [Q.Choice(BACK, "« Quay lại")],
            )  # fmt: skip
            if pick is not BACK:
                return pick


def _last_province(path: Path) -> str | None:
    """The province of the previous run in the same folder (default of the first question)."""
    province = (_peek(path).get("answers") or {}).get("province")
    if not isinstance(province, str):
        return None
    try:
        return Q.resolve_province(province).name
    except NqgenError:
        return None


def _given(session: Session, question: str, text: str) -> None:
    """An answer given on the command line (--province, --commune, --kind), checked as typed."""
    q = Q.BY_ID[question]
    Q.record(session.answers, q, Q.check(q, text, session.answers))


def run(
    out_dir: Path | None = None,
    resume: Path | None = None,
    province: str | None = None,
    commune: str | None = None,
    kind: str | None = None,
    defaults: bool = False,
    force: bool = False,
    pdf: bool = False,
    interactive: bool = True,
) -> list[Path]:
    """Entry point of ``nqgen new``: a new session, a resumed one, or ``--defaults`` (no prompt)."""
    if defaults and resume is None and not (province and commune):
        raise UsageError("Chế độ --defaults cần --province và --commune (hoặc --resume TỆP).")
    if resume is not None:
        session = Session.load(resume, out_dir)
    else:
        target = (out_dir or Path.cwd()) / ANSWERS_FILE
        session = Session(target, target.parent, persist=not defaults)
        old = _peek(target) if target.exists() else {}
        if old and old.get("step") != "done" and not force and not defaults:
            raise UsageError(
                f"Thư mục {target.parent} có phiên hỏi đáp chưa xong (dừng ở câu "
                f"'{_label(str(old.get('step')))}'). Tiếp tục: {invoked_as()} new --resume "
                f"{shlex.quote(str(target))}; hoặc bắt đầu lại từ đầu: thêm --force."
            )
    if province:
        _given(session, "province", province)
    if commune:
        if "province" not in session.answers:
            raise UsageError("Cần --province khi dùng --commune.")
        _given(session, "commune", commune)
    if kind:
        _given(session, "kind", kind)
    if defaults:
        if "commune" in session.answers:  # refuse before answering or writing anything
            from . import api

            api.refuse_existing(outputs(session)[2], force)
        Q.fill_defaults(session.answers, session.draft)
        session.draft.clear()
        return finish(session, force, pdf)
    if not interactive:
        raise UsageError(
            "Trình hỏi đáp cần một cửa sổ dòng lệnh (terminal). Khi chạy trong tập lệnh, dùng: "
            f'{invoked_as()} new --province "Quảng Ngãi" --commune "Xốp" --defaults -o THƯ_MỤC'
        )
    remembered = {"province": _last_province(session.path)} if resume is None else {}
    session.finished = False
    return Wizard(session, force=force, pdf=pdf, remembered=remembered).run(resume is not None)
