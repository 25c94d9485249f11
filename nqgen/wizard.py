"""The ``nqgen new`` wizard (trình hỏi đáp): from nothing to a profile and a DOCX, in Vietnamese.

A commune secretary (văn phòng HĐND và UBND) answers a few questions — province, commune,
document kind, parent documents (văn bản căn cứ), bodies (cơ quan), village term, signer,
number and date, sectors — then reviews every answer and gets ``DIR/<unit-slug>.yaml`` (the
re-usable profile) and the DOCX (DESIGN.md, "Who uses it").

Layout, after copier (NOTES.md): the answers (câu trả lời) are plain data saved atomically to an
answers file (``DIR/.nqgen-answers.yaml``) after every answer, with the step reached; the profile
is a pure function of the answers (:func:`build_profile`), so an interrupted run resumed with
``--resume`` ends with the same profile as an uninterrupted one. Defaults come from
:mod:`nqgen.units` (official unit list, province registry, unit-kind defaults), and ``--defaults``
takes exactly the answers an Enter at every question would give.

Start-up: only questionary (prompt_toolkit) and :mod:`nqgen.units` are imported before the
first prompt; compose, render, docxtpl and lxml are imported when first needed.
"""

from __future__ import annotations

import calendar
import os
import re
import shlex
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from . import units
from .cli_vi import invoked_as
from .errors import InputError, NqgenError, OutputError, UnitError, UsageError

#: The checkout (library.ROOT), computed here so the first question needs no library import.
ROOT = Path(__file__).resolve().parent.parent

ANSWERS_FILE = ".nqgen-answers.yaml"
FORMAT_VERSION = 1

#: Document kinds (loại văn bản) the wizard can offer, and how it names them.
KIND_TITLES = {
    "kh-ubnd": "Kế hoạch của Ủy ban nhân dân (KH-UBND, thể thức Nghị định 30/2020/NĐ-CP)",
    "kh-du": "Kế hoạch của Đảng ủy (KH/ĐU, thể thức Hướng dẫn 05-HD/VPTW)",
    "both": "Cả hai: Kế hoạch của Đảng ủy và Kế hoạch của UBND",
}
#: Which issuers (cơ quan ban hành) a kind needs; the party plan comes first when there are two,
#: since the UBND plan implements it (DESIGN.md, "Document kinds").
KIND_SIDES = {"kh-ubnd": ["ubnd"], "kh-du": ["party"], "both": ["party", "ubnd"]}
SIDE_TITLES = {"ubnd": "Kế hoạch của UBND", "party": "Kế hoạch của Đảng ủy"}

#: Signer titles (ô 7, NĐ 30 Phụ lục I II.7; HD 05 7.1): the head signs for the collective (TM),
#: a deputy signs on the head's behalf (KT).
SIGNER_TITLES = {
    "ubnd": [
        ("CHỦ TỊCH", "TM", "Chủ tịch ký (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH)"),
        ("PHÓ CHỦ TỊCH", "KT", "Phó Chủ tịch ký thay (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)"),
    ],
    "party": [
        ("BÍ THƯ", "TM", "Bí thư ký (T/M BAN THƯỜNG VỤ / BÍ THƯ)"),
        ("PHÓ BÍ THƯ", "KT", "Phó Bí thư ký thay (K/T BÍ THƯ / PHÓ BÍ THƯ)"),
    ],
}

#: What a level below the commune is called (tên gọi thôn, tổ dân phố): suggestions only.
VILLAGE_TERMS = [
    "thôn",
    "xóm",
    "bản",
    "ấp",
    "buôn",
    "làng",
    "plei",
    "sóc",
    "tổ dân phố",
    "khu phố",
    "khu dân cư",
]
#: Kinds of parent documents (loại văn bản căn cứ): suggestions only.
PARENT_KINDS = [
    "Nghị quyết",
    "Kế hoạch",
    "Kế hoạch hành động",
    "Chương trình hành động",
    "Chương trình",
    "Quyết định",
    "Chỉ thị",
    "Hướng dẫn",
    "Công văn",
]

SELECT_HINT = "(↑↓ chọn, Enter xác nhận)"
CHECK_HINT = "(↑↓ di chuyển, Space chọn/bỏ, Enter xác nhận)"
FILTER_HINT = "Gõ vài chữ để lọc danh sách rồi chọn bằng phím mũi tên."
ACCEPT = "__accept__"


# --------------------------------------------------------------------------- choices


def party_available() -> bool:
    """Whether the party variant (KH/ĐU) is installed: ``nqgen/party.py`` or its template."""
    return (ROOT / "nqgen" / "party.py").exists() or (ROOT / "templates" / "kh-du.docx").exists()


def kinds_offered() -> list[str]:
    """Document kinds to offer: KH-UBND always; KH/ĐU and both once the party variant exists."""
    return ["kh-ubnd", "kh-du", "both"] if party_available() else ["kh-ubnd"]


def fold(text: str) -> str:
    """Accent- and case-insensitive key for type-to-filter (``Quảng Ngãi`` -> ``quang-ngai``)."""
    return units.slugify(text)


def province_choices() -> list[tuple[str, units.ProvinceInfo]]:
    """The 34 provinces (official order) as (title, province)."""
    return [(p.name, p) for p in units.provinces()]


def commune_choices(province: units.ProvinceInfo) -> list[tuple[str, units.UnitInfo]]:
    """Every commune-level unit of ``province`` as (title, unit), in the official order.

    The title is the official name (``Xã Xốp``; the kind word comes from the official name);
    should two units share it, the official code is added so that each can still be chosen.
    """
    found = units.units_of(province)
    seen: dict[str, int] = {}
    for u in found:
        seen[u.official] = seen.get(u.official, 0) + 1
    return [
        (u.official if seen[u.official] == 1 else f"{u.official} (mã {u.code})", u) for u in found
    ]


def commune_title(province: units.ProvinceInfo, unit: units.UnitInfo) -> str:
    """The choice title of ``unit`` (what the answers file records for question 2)."""
    return next(t for t, u in commune_choices(province) if u.code == unit.code)


def resolve_province(text: str) -> units.ProvinceInfo:
    """The province a typed answer names; NqgenError (Vietnamese) when none does."""
    typed = unicodedata.normalize("NFC", text).strip()
    for title, p in province_choices():
        if title.casefold() == typed.casefold():
            return p
    try:
        return units.find_province(typed)
    except NqgenError as exc:
        raise UnitError(
            f"{exc} {_suggest(typed, [(t, t) for t, _ in province_choices()])}".strip()
        ) from None


def resolve_commune(province: units.ProvinceInfo, text: str) -> units.UnitInfo:
    """The unit a typed answer names (title, name, official name or code) in ``province``."""
    typed = unicodedata.normalize("NFC", text).strip()
    choices = commune_choices(province)
    for title, u in choices:
        if title.casefold() == typed.casefold():
            return u
    try:
        return units.find_unit(province, typed)
    except NqgenError as exc:
        raise UnitError(
            f"{exc} {_suggest(typed, [(t, u.name) for t, u in choices])}".strip()
        ) from None


def _suggest(typed: str, names: list[tuple[str, str]]) -> str:
    """``Có phải: ...?`` with the closest (title, bare name) pairs (rapidfuzz), or nothing."""
    from rapidfuzz import fuzz, process

    keys = {i: fold(name) for i, (_, name) in enumerate(names)}
    near = process.extract(fold(typed), keys, scorer=fuzz.WRatio, limit=3, score_cutoff=70)
    return ("Có phải: " + ", ".join(names[k][0] for _, _, k in near) + "?") if near else ""


class FoldedCompleter(Completer):
    """Type-to-filter completions that ignore tone marks and case (``xop`` finds ``Xã Xốp``)."""

    def __init__(self, items: Iterable[tuple[str, str]]):
        self.items = [(title, meta, fold(title)) for title, meta in items]

    def get_completions(self, document: Document, event: CompleteEvent) -> Iterable[Completion]:
        typed = document.text_before_cursor
        key = fold(typed)
        for title, meta, folded in self.items:
            if key in folded:
                yield Completion(title, start_position=-len(typed), display_meta=meta)


# --------------------------------------------------------------------------- parsing


def parse_doc_date(text: str) -> dict[str, int] | None:
    """A plan's date (ngày ban hành) as typed: ``15/9/2025``, ``9/2025``, ``2025`` or blank.

    Day and month may stay blank, as drafts leave them until signing (DESIGN.md, "Profile");
    the year must lie in the plan horizon 2025-2030 (NQ 57 II.1). Raises ValueError with a
    Vietnamese explanation for an impossible date such as 30/02/2025.
    """
    text = text.strip()
    if not text:
        return None
    parts = re.split(r"\s*[/.-]\s*", text)
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        raise ValueError(
            f"Không hiểu ngày '{text}'. Nhập theo dạng ngày/tháng/năm (15/09/2025), "
            "tháng/năm (9/2025), chỉ năm (2025), hoặc để trống."
        )
    nums = [int(p) for p in parts]
    year = nums[-1]
    if not 2025 <= year <= 2030:
        raise ValueError(
            f"Năm {year} không hợp lệ: kế hoạch thực hiện Nghị quyết 57 ban hành từ năm 2025 "
            "đến năm 2030."
        )
    out = {"year": year}
    if len(nums) >= 2:
        month = nums[-2]
        if not 1 <= month <= 12:
            raise ValueError(f"Tháng {month} không có thật: tháng chỉ từ 1 đến 12.")
        out["month"] = month
    if len(nums) == 3:
        day, month = nums[0], nums[1]
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(
                f"Ngày {day:02d}/{month:02d}/{year} không có thật: tháng {month} năm {year} "
                f"chỉ có {last} ngày. Nhập lại, hoặc để trống nếu chưa có ngày."
            )
        out["day"] = day
    return out


def format_doc_date(value: dict[str, int] | None) -> str:
    """Inverse of :func:`parse_doc_date` (``15/09/2025``, ``9/2025``, ``2025``, blank)."""
    if not value:
        return ""
    if "day" in value:
        return f"{value['day']:02d}/{value['month']:02d}/{value['year']}"
    if "month" in value:
        return f"{value['month']}/{value['year']}"
    return str(value["year"])


def parse_full_date(text: str) -> date | None:
    """A parent document's date: a full ``dd/mm/yyyy`` or blank (never guessed)."""
    text = text.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", text)
    if not m:
        raise ValueError(
            f"Không hiểu ngày '{text}'. Nhập đủ ngày/tháng/năm, ví dụ 22/12/2024, hoặc để trống."
        )
    day, month, year = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"Tháng {month} không có thật: tháng chỉ từ 1 đến 12.")
    if not 1945 <= year <= 2045:
        raise ValueError(f"Năm {year} không hợp lệ cho một văn bản căn cứ.")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(
            f"Ngày {day:02d}/{month:02d}/{year} không có thật: tháng {month} năm {year} "
            f"chỉ có {last} ngày."
        )
    return date(year, month, day)


def parse_number(text: str) -> str:
    """A document number (số văn bản) without its symbol, or blank (NĐ 30, PL I II.3)."""
    text = text.strip()
    if text and not text.isdigit():
        raise ValueError(
            f"Số văn bản '{text}' không hợp lệ: chỉ gõ chữ số, ví dụ 15 (ký hiệu do nqgen thêm), "
            "hoặc để trống để điền khi ký."
        )
    return text


def parse_signer_name(text: str) -> str:
    """The signer's name, blank allowed; no academic title before it (NĐ 30, PL I II.7c)."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if re.match(r"^(GS|PGS|TS|ThS|BS|KS|CN)\.?\s", text):
        raise ValueError(
            "Không ghi học hàm, học vị (GS., TS., ThS. ...) trước họ tên người ký "
            "(Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7c)."
        )
    return text


def required(what: str, example: str = "") -> Callable[[str], str]:
    """A parser for a required name: stripped NFC text; empty is refused in Vietnamese."""

    def parse(text: str) -> str:
        text = " ".join(unicodedata.normalize("NFC", text).split())
        if not text:
            raise ValueError(
                f"{what} không được để trống." + (f" Ví dụ: {example}." if example else "")
            )
        return text

    return parse


def optional_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _validator(parse: Callable[[str], Any], hint: str = "") -> Callable[[str], bool | str]:
    """questionary validator: True, or the Vietnamese reason (and ``hint``) under the prompt."""

    def check(text: str) -> bool | str:
        try:
            parse(text)
        except (ValueError, NqgenError) as exc:
            return f"{exc} {hint}".strip()
        return True

    return check


# --------------------------------------------------------------------------- answers -> profile


def steps_for(answers: dict[str, Any]) -> list[str]:
    """The questions, in order, for the answers so far (the issuers depend on the kind)."""
    out = ["province", "commune", "kind", "parents", "bodies", "focal", "village_term"]
    for side in KIND_SIDES[answers.get("kind") or "kh-ubnd"]:
        out += [f"{side}.signer_title", f"{side}.signer_name", f"{side}.number", f"{side}.date"]
    out.append("sectors")
    return out


def step_label(step: str) -> str:
    """Vietnamese name of a question (review screen)."""
    side, _, name = step.rpartition(".")
    base = {
        "province": "Tỉnh, thành phố",
        "commune": "Xã, phường, đặc khu",
        "kind": "Loại văn bản",
        "parents": "Văn bản căn cứ",
        "bodies": "Tên các cơ quan",
        "focal": "Cơ quan đầu mối (tham mưu, tổng hợp)",
        "village_term": "Tên gọi cấp thôn",
        "signer_title": "Người ký",
        "signer_name": "Họ tên người ký",
        "number": "Số văn bản",
        "date": "Ngày ban hành",
        "sectors": "Lĩnh vực đặc thù",
    }[name]
    return f"{base} ({SIDE_TITLES[side]})" if side else base


def unit_of(answers: dict[str, Any]) -> units.UnitInfo:
    province = resolve_province(str(answers["province"]))
    return resolve_commune(province, str(answers["commune"]))


def _base_profile(answers: dict[str, Any]) -> Any:
    """The unit's default profile (nqgen.units.default_profile) for the answers so far."""
    return units.default_profile(unit_of(answers))


def roles_for(kind: str) -> list[str]:
    """Role keys whose bodies a plan of ``kind`` can name (clauses/library.yaml ``sides``)."""
    from .library import load_library

    wanted = set(KIND_SIDES[kind])
    return [k for k, r in load_library().roles.items() if wanted & set(r.sides)]


def default_answer(step: str, answers: dict[str, Any]) -> Any:
    """What Enter at ``step`` gives, from the unit's default profile; ``--defaults`` uses it."""
    if step == "kind":
        return "kh-ubnd"
    base = _base_profile(answers)
    if step == "parents":
        return [p.model_dump(mode="json", exclude_none=True) for p in base.parents]
    if step == "bodies":
        return {}
    if step == "focal":  # a party plan is followed up by the Văn phòng Đảng ủy (QĐ 298-QĐ/TW)
        roles = roles_for(answers.get("kind") or "kh-ubnd")
        wanted = "party_office" if answers.get("kind") == "kh-du" else base.focal
        return wanted if wanted in roles else roles[0]
    if step == "village_term":
        return base.village_term
    if step == "sectors":
        return [s.value for s in base.sectors]
    side, _, name = step.partition(".")
    if name == "signer_title":
        return SIGNER_TITLES[side][0][0]
    if name in ("signer_name", "number"):
        return ""
    if name == "date":
        return None
    raise LookupError(f"question {step!r} has no default")  # a defect, not a user's mistake


def build_profile(answers: dict[str, Any], source: str = "câu trả lời") -> Any:
    """The Profile the answers describe: the unit's default profile with every answer applied.

    Pure: the same answers give the same profile (resume = uninterrupted run). Body names are
    stored only where they differ from the unit-kind defaults (profiles/defaults.yaml), so a
    later change of village term still flows into "Các thôn".
    """
    from pydantic import ValidationError

    from .library import load_library
    from .models import Profile

    base = _base_profile(answers)
    data = base.model_dump(mode="json", exclude_none=True)
    kind = answers.get("kind") or "kh-ubnd"
    data["kind"] = "kh-du" if kind == "kh-du" else "kh-ubnd"
    for key in ("parents", "bodies", "focal", "village_term", "sectors"):
        if key in answers:
            data[key] = answers[key]
    year = None
    for side in ("ubnd", "party"):
        if f"{side}.signer_title" not in answers:
            continue
        title = answers[f"{side}.signer_title"]
        authority = next((a for t, a, _ in SIGNER_TITLES[side] if t == title), "TM")
        signer = {
            "authority": authority,
            "title": title,
            "name": answers.get(f"{side}.signer_name") or "",
        }
        data[side]["signer"] = signer
        if answers.get(f"{side}.number"):
            data[side]["number"] = str(answers[f"{side}.number"])
        if answers.get(f"{side}.date"):
            data[side]["date"] = answers[f"{side}.date"]
            year = year or answers[f"{side}.date"]["year"]
    if year:
        data["year"] = year
    data["library_version"] = load_library().version
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        from .yamlio import describe

        message, loc = describe(exc)
        raise InputError(source, message, field=".".join(str(p) for p in loc)) from None


def profile_yaml(profile: Any, unit: units.UnitInfo, path: Path) -> str:
    """The profile as YAML with a Vietnamese header (no timestamp: the output is reproducible)."""
    header = (
        f"# Hồ sơ đơn vị: {unit.official}, {unit.province.official} (mã {unit.code}).\n"
        "# Do `nqgen new` tạo. Sửa tệp này rồi dựng lại kế hoạch bằng:\n"
        f"#   {invoked_as()} render {shlex.quote(str(path))} -o "
        f"{shlex.quote(str(path.with_suffix('.docx')))} --force\n"
    )
    from .yamlio import dump_yaml

    return header + dump_yaml(profile.model_dump(mode="json", exclude_none=True))


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
        """The step reached: the first unanswered question, ``review`` or ``done``."""
        if self.finished:
            return "done"
        return next((s for s in steps_for(self.answers) if s not in self.answers), "review")

    def save(self) -> None:
        """Write the answers file atomically (after every answer: Ctrl-C loses nothing)."""
        if not self.persist:
            return
        header = (
            "# Tệp trả lời của `nqgen new` (lưu sau mỗi câu trả lời).\n"
            f"# Tiếp tục khi đã dừng: {invoked_as()} new --resume {shlex.quote(str(self.path))}\n"
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
        """Read an answers file (errors name the file, line and field, in Vietnamese): a file
        cut short, an unknown province or commune, an impossible date are reported here,
        before any question."""
        from .yamlio import read_yaml

        data, node = read_yaml(path)
        if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
            raise InputError(
                str(path), "không phải tệp trả lời của `nqgen new` (thiếu mục answers)"
            )
        answers = dict(data["answers"])
        known = {"province", "commune", *steps_for({"kind": "both"})}
        for key in answers:
            if key not in known:
                raise InputError(
                    str(path), "câu hỏi không có trong trình hỏi đáp", field=f"answers.{key}"
                )
        if "kind" in answers and answers["kind"] not in KIND_SIDES:
            raise InputError(
                str(path), "loại văn bản phải là kh-ubnd, kh-du hoặc both", field="answers.kind"
            )
        _check_answers(path, node, answers)
        draft = data.get("draft") or {}
        session = cls(path, out_dir or path.parent, answers, dict(draft))
        if data.get("step") == "done":
            missing = [s for s in steps_for(answers) if s not in answers]
            if missing:
                from .yamlio import line_of

                raise InputError(
                    str(path),
                    "tệp trả lời không trọn vẹn (bị cắt cụt?): ghi là đã xong nhưng thiếu câu "
                    f"trả lời '{step_label(missing[0])}'. Sửa dòng này thành 'step: "
                    f"{missing[0]}' để trả lời tiếp, hoặc bắt đầu lại.",
                    line_of(node, ("step",)),
                    "step",
                )
            session.finished = True
        return session


def _check_answers(path: Path, node: Any, answers: dict[str, Any]) -> None:
    """The answers a resumed session starts from, checked as the questions would check them:
    province and commune found, parent documents and plan dates valid (InputError naming
    file, line and field)."""
    from pydantic import ValidationError

    from .models import ParentDocument, PartialDate
    from .yamlio import describe, line_of

    def fail(loc: tuple[Any, ...], message: str) -> InputError:
        field = ".".join(str(p) for p in ("answers", *loc))
        return InputError(str(path), message, line_of(node, ("answers", *loc)), field)

    try:
        home = resolve_province(str(answers["province"])) if "province" in answers else None
    except NqgenError as exc:
        raise fail(("province",), str(exc)) from None
    if home is not None and "commune" in answers:
        try:
            resolve_commune(home, str(answers["commune"]))
        except NqgenError as exc:
            raise fail(("commune",), str(exc)) from None
    checks: list[tuple[tuple[Any, ...], Any, Any]] = []
    parents = answers.get("parents")
    if parents is not None and not isinstance(parents, list):
        raise fail(("parents",), "phải là danh sách")
    checks += [(("parents", i), ParentDocument, doc) for i, doc in enumerate(parents or [])]
    for side in SIDE_TITLES:
        checks.append(((f"{side}.date",), PartialDate, answers.get(f"{side}.date")))
    for loc, model, value in checks:
        if value is None:
            continue
        try:
            model.model_validate(value)
        except ValidationError as exc:
            message, inner = describe(exc)
            raise fail((*loc, *inner), message) from None


def _last_province(path: Path) -> str | None:
    """The province of the previous finished run in the same folder (default of question 1)."""
    try:
        session = Session.load(path, None)
    except NqgenError:
        return None
    return str(session.answers.get("province")) if session.answers.get("province") else None


# --------------------------------------------------------------------------- the wizard


def say(text: str = "") -> None:
    print(text, flush=True)


def ask(question: questionary.Question) -> Any:
    """Ask and return the answer; Ctrl-C propagates (the caller saves and explains)."""
    answer = question.unsafe_ask()
    if answer is None:  # pragma: no cover - questionary returns None only on a skipped question
        raise KeyboardInterrupt
    return answer


def _placeholder(text: str) -> Any:
    from prompt_toolkit.formatted_text import FormattedText

    return FormattedText([("fg:ansibrightblack", text)])


def ask_text(
    message: str, default: str, parse: Callable[[str], Any], choices: list[str] | None = None
) -> Any:
    """A text question prefilled with ``default``; re-asked (with the reason) until it parses."""
    if choices:
        q = questionary.autocomplete(
            message,
            choices=choices,
            default=default,
            completer=FoldedCompleter((c, "") for c in choices),
            validate=_validator(parse),
            validate_while_typing=False,
        )
    else:
        q = questionary.text(
            message, default=default, validate=_validator(parse), validate_while_typing=False
        )
    return parse(ask(q))


class Wizard:
    """Asks every question of :func:`steps_for`, the review screen, then writes the files."""

    def __init__(self, session: Session, force: bool = False, pdf: bool = False):
        self.s = session
        self.force = force
        self.pdf = pdf
        self.answers = session.answers
        self.last_province: str | None = None

    # ------------------------------------------------------------------ flow

    def run(self) -> list[Path]:
        try:
            while True:
                while (step := self.s.reached()) != "review":  # the kind decides later steps
                    self.answer(step)
                self.s.save()
                choice = self.review()
                if choice == ACCEPT:
                    break
                self.answer(choice, again=True)
        except (KeyboardInterrupt, EOFError):
            say()
            if self.answers or self.s.draft:
                self.s.save()
                say(f"Đã dừng. Mọi câu trả lời đã lưu trong {self.s.path}.")
                say(f"Tiếp tục: {invoked_as()} new --resume {shlex.quote(str(self.s.path))}")
            raise KeyboardInterrupt from None
        return finish(self.s, self.force, self.pdf)

    def answer(self, step: str, again: bool = False) -> None:
        old = self.answers.get(step)
        side, _, name = step.rpartition(".")
        handler = getattr(self, f"ask_{name}")
        value = handler(side) if side else handler()
        self.answers[step] = value
        self.s.draft.pop(step, None)
        if step == "kind":  # answers of an issuer the new kind no longer has would leak into it
            for key in [k for k in self.answers if "." in k]:
                if key.partition(".")[0] not in KIND_SIDES[value]:
                    del self.answers[key]
        if again and step == "province" and value != old:
            # A new province: its communes and its registry of parent documents differ.
            for dependent in ("commune", "parents"):
                self.answers.pop(dependent, None)
        self.s.save()

    def current(self, step: str) -> Any:
        return self.answers[step] if step in self.answers else default_answer(step, self.answers)

    # ------------------------------------------------------------------ questions

    def ask_province(self) -> str:
        choices = province_choices()
        default = self.answers.get("province") or self.last_province or choices[0][0]
        meta = [(t, "thành phố" if p.city else "tỉnh") for t, p in choices]
        text = ask(
            questionary.autocomplete(
                f"Tỉnh, thành phố (gõ để lọc; Enter = {default}):",
                choices=[t for t, _ in choices],
                completer=FoldedCompleter(meta),
                validate=_validator(lambda t: resolve_province(t or default), FILTER_HINT),
                validate_while_typing=False,
                placeholder=_placeholder(default),
            )
        )
        return resolve_province(text or default).name

    def ask_commune(self) -> str:
        province = resolve_province(self.answers["province"])
        choices = commune_choices(province)
        default = choices[0][0]
        if "commune" in self.answers:
            current = resolve_commune(province, str(self.answers["commune"]))
            default = next(t for t, u in choices if u.code == current.code)
        text = ask(
            questionary.autocomplete(
                f"Xã, phường, đặc khu của {province.official} ({len(choices)} đơn vị; gõ để lọc; "
                f"Enter = {default}):",
                choices=[t for t, _ in choices],
                completer=FoldedCompleter((t, f"mã {u.code}") for t, u in choices),
                validate=_validator(lambda t: resolve_commune(province, t or default), FILTER_HINT),
                validate_while_typing=False,
                placeholder=_placeholder(default),
            )
        )
        unit = resolve_commune(province, text or default)
        path = self.s.out_dir / f"{unit.slug}.yaml"
        if path.exists() and not self.force:
            say(
                f"Lưu ý: {path} đã có; cuối cùng cần --force để ghi đè "
                "(hoặc chọn thư mục khác bằng -o)."
            )
        return commune_title(province, unit)

    def ask_kind(self) -> str:
        offered = kinds_offered()
        if len(offered) == 1:
            say(
                f"Loại văn bản: {KIND_TITLES[offered[0]]} "
                "(bản của Đảng ủy, KH/ĐU, chưa có trong bản cài đặt này)."
            )
            return offered[0]
        return str(
            ask(
                questionary.select(
                    "Loại văn bản:",
                    choices=[questionary.Choice(KIND_TITLES[k], k) for k in offered],
                    default=self.current("kind"),
                    instruction=SELECT_HINT,
                )
            )
        )

    def ask_parents(self) -> list[dict[str, Any]]:
        from .compose import cite
        from .models import ParentDocument

        province = resolve_province(self.answers["province"])
        docs: list[dict[str, Any]] = list(self.s.draft.get("parents") or self.current("parents"))
        if not units.has_registry(province):
            say(
                f"{province.official} chưa có văn bản triển khai Nghị quyết 57 trong sổ đăng ký "
                f"của nqgen (profiles/provinces/{province.slug}.yaml), nên danh sách chỉ có "
                "văn bản "
                "Trung ương. Mời anh/chị chọn «Thêm một văn bản» để thêm kế hoạch, chương trình "
                "của Tỉnh ủy, UBND tỉnh và của Đảng ủy xã."
            )
        while True:
            say("Văn bản căn cứ (thứ tự: cấp trên trước, theo thời gian):")
            for i, d in enumerate(docs, 1):
                say(f"  {i}. {cite(ParentDocument.model_validate(d))}")
            action = ask(
                questionary.select(
                    "Văn bản căn cứ:",
                    choices=[
                        questionary.Choice("Giữ danh sách này", "keep"),
                        questionary.Choice("Sửa một văn bản", "edit"),
                        questionary.Choice("Thêm một văn bản", "add"),
                        questionary.Choice("Bỏ một văn bản", "remove"),
                    ],
                    default="keep",
                    instruction=SELECT_HINT,
                )
            )
            if action == "keep":
                return docs
            if action == "add":
                docs.append(self.ask_parent({}))
            elif docs:
                pick = ask(
                    questionary.select(
                        "Văn bản nào?" if action == "edit" else "Bỏ văn bản nào?",
                        choices=[
                            questionary.Choice(
                                ParentDocument.model_validate(d).short or d["kind"], i
                            )
                            for i, d in enumerate(docs)
                        ],
                        instruction=SELECT_HINT,
                    )
                )
                if action == "edit":
                    docs[pick] = self.ask_parent(docs[pick])
                else:
                    docs.pop(pick)
            self.s.draft["parents"] = docs
            self.s.save()

    def ask_parent(self, doc: dict[str, Any]) -> dict[str, Any]:
        """One parent document: kind, number, date, issuer, summary (blank stays blank)."""
        kind = ask_text(
            "Loại văn bản:", doc.get("kind", ""), required("Loại văn bản", "Kế hoạch"), PARENT_KINDS
        )
        number = ask_text(
            "Số, ký hiệu (ví dụ 51/KH-UBND; để trống nếu không rõ):",
            doc.get("number", ""),
            optional_text,
        )
        old_date = date.fromisoformat(doc["date"]) if doc.get("date") else None
        when = ask_text(
            "Ngày ban hành (ngày/tháng/năm; để trống nếu không rõ):",
            old_date.strftime("%d/%m/%Y") if old_date else "",
            parse_full_date,
        )
        issuer = ask_text(
            "Cơ quan ban hành:",
            doc.get("issuer", ""),
            required("Cơ quan ban hành", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
        )
        summary = ask_text(
            "Trích yếu (ví dụ «về việc thực hiện ...»; có thể để trống):",
            doc.get("summary", ""),
            optional_text,
        )
        out: dict[str, Any] = {"kind": kind, "issuer": issuer}
        if number:
            out["number"] = number
        if when:
            out["date"] = when.isoformat()
        if summary:
            out["summary"] = summary
        if number:
            same = doc.get("kind") == kind and doc.get("number") == number
            out["short"] = doc["short"] if same and doc.get("short") else f"{kind} số {number}"
        return out

    def _bodies_now(
        self, edits: dict[str, str]
    ) -> tuple[list[str], dict[str, str], dict[str, str]]:
        """Roles shown, names with edits, and the default names (compose.resolve_bodies)."""
        from .compose import resolve_bodies

        base = _base_profile(self.answers)
        if "village_term" in self.answers:
            base = base.model_copy(update={"village_term": self.answers["village_term"]})
        defaults = resolve_bodies(base)
        names = resolve_bodies(base.model_copy(update={"bodies": edits}))
        roles = [r for r in roles_for(self.answers.get("kind") or "kh-ubnd") if r in names]
        return roles, names, defaults

    def ask_bodies(self) -> dict[str, str]:
        edits: dict[str, str] = dict(self.s.draft.get("bodies") or self.current("bodies"))
        while True:
            roles, names, defaults = self._bodies_now(edits)
            say("Tên các cơ quan (mặc định theo loại đơn vị; sửa cho đúng tên địa phương dùng):")
            for r in roles:
                say(f"  - {names[r]}")
            action = ask(
                questionary.select(
                    "Tên các cơ quan:",
                    choices=[
                        questionary.Choice("Giữ các tên này", "keep"),
                        questionary.Choice("Sửa tên một cơ quan", "edit"),
                    ],
                    default="keep",
                    instruction=SELECT_HINT,
                )
            )
            if action == "keep":
                return edits
            role = ask(
                questionary.select(
                    "Cơ quan nào?",
                    choices=[questionary.Choice(names[r], r) for r in roles],
                    instruction=SELECT_HINT,
                )
            )
            new = ask_text("Tên mới:", names[role], required("Tên cơ quan", defaults[role]))
            if new == defaults.get(role):
                edits.pop(role, None)
            else:
                edits[role] = new
            self.s.draft["bodies"] = edits
            self.s.save()

    def ask_focal(self) -> str:
        roles, names, _ = self._bodies_now(self.answers.get("bodies") or {})
        default = self.current("focal")
        return str(
            ask(
                questionary.select(
                    "Cơ quan đầu mối tham mưu, theo dõi, tổng hợp:",
                    choices=[questionary.Choice(names[r], r) for r in roles],
                    default=default if default in roles else roles[0],
                    instruction=SELECT_HINT,
                )
            )
        )

    def ask_village_term(self) -> str:
        return str(
            ask_text(
                "Dưới xã gọi là (thôn, xóm, bản, ấp, tổ dân phố ...):",
                self.current("village_term"),
                required("Tên gọi cấp thôn", "thôn, xóm, bản, ấp, tổ dân phố"),
                VILLAGE_TERMS,
            )
        )

    def ask_signer_title(self, side: str) -> str:
        return str(
            ask(
                questionary.select(
                    f"Người ký {SIDE_TITLES[side]}:",
                    choices=[
                        questionary.Choice(label, title) for title, _, label in SIGNER_TITLES[side]
                    ],
                    default=self.current(f"{side}.signer_title"),
                    instruction=SELECT_HINT,
                )
            )
        )

    def ask_signer_name(self, side: str) -> str:
        return str(
            ask_text(
                f"Họ tên người ký {SIDE_TITLES[side]} (để trống nếu chưa rõ):",
                self.current(f"{side}.signer_name"),
                parse_signer_name,
            )
        )

    def ask_number(self, side: str) -> str:
        return str(
            ask_text(
                f"Số văn bản {SIDE_TITLES[side]} (chỉ phần số; để trống để điền khi ký):",
                self.current(f"{side}.number"),
                parse_number,
            )
        )

    def ask_date(self, side: str) -> dict[str, int] | None:
        return ask_text(  # type: ignore[no-any-return]
            f"Ngày ban hành {SIDE_TITLES[side]} (ngày/tháng/năm, tháng/năm hoặc năm; "
            "để trống nếu chưa có):",
            format_doc_date(self.current(f"{side}.date")),
            parse_doc_date,
        )

    def ask_sectors(self) -> list[str]:
        from .models import Sector

        message = "Lĩnh vực đặc thù của địa phương (bật thêm nhiệm vụ phù hợp):"
        chosen = set(self.current("sectors"))
        answer = ask(
            questionary.checkbox(
                message,
                choices=[
                    questionary.Choice(s.value, s.value, checked=s.value in chosen) for s in Sector
                ],
                instruction=CHECK_HINT,
                erase_when_done=True,  # questionary would print its English "done" here
            )
        )
        sectors = [s.value for s in Sector if s.value in answer]  # official order, stable file
        questionary.print(f"? {message} ", style="bold", end="")
        questionary.print(", ".join(sectors) or "không chọn lĩnh vực nào", style="fg:ansiyellow")
        return sectors

    # ------------------------------------------------------------------ review

    def describe(self, step: str) -> str:
        """One answer as the review screen prints it."""
        value: Any = self.answers.get(step)
        side, _, name = step.rpartition(".")
        if name == "kind":
            return KIND_TITLES[value]
        if name == "parents":
            return f"{len(value)} văn bản: " + "; ".join(d.get("short") or d["kind"] for d in value)
        if name == "bodies":
            if not value:
                return "giữ tên mặc định theo loại đơn vị"
            return "đã sửa: " + "; ".join(value.values())
        if name == "focal":
            _, names, _ = self._bodies_now(self.answers.get("bodies") or {})
            return names.get(value, value)
        if name == "date":
            return format_doc_date(value) or "(để trống, điền khi ký)"
        if name in ("number", "signer_name"):
            return value or "(để trống, điền khi ký)"
        if name == "signer_title":
            return next(label for title, _, label in SIGNER_TITLES[side] if title == value)
        if name == "sectors":
            return ", ".join(value) or "(không chọn)"
        return str(value)

    def review(self) -> str:
        say()
        say("Xem lại các câu trả lời:")
        steps = steps_for(self.answers)
        for i, step in enumerate(steps, 1):
            say(f"  {i:>2}. {step_label(step)}: {self.describe(step)}")
        editable = [s for s in steps if not (s == "kind" and len(kinds_offered()) == 1)]
        return str(
            ask(
                questionary.select(
                    "Tạo kế hoạch với các câu trả lời trên?",
                    choices=[questionary.Choice("Đồng ý, tạo kế hoạch", ACCEPT)]
                    + [questionary.Choice(f"Sửa: {step_label(s)}", s) for s in editable],
                    default=ACCEPT,
                    instruction=SELECT_HINT,
                )
            )
        )


# --------------------------------------------------------------------------- the end


def finish(session: Session, force: bool, pdf: bool) -> list[Path]:
    """Write DIR/<unit-slug>.yaml and the DOCX (and PDF), print the paths and next commands."""
    from . import api
    from .models import DocKind
    from .output import write_file

    answers = session.answers
    unit = unit_of(answers)
    profile = build_profile(answers, str(session.path))
    kind = answers.get("kind") or "kh-ubnd"
    out = session.out_dir
    profile_path = out / f"{unit.slug}.yaml"
    docx = out / f"{unit.slug}.docx"
    kinds = [DocKind(k) for k in (["kh-ubnd", "kh-du"] if kind == "both" else [kind])]
    documents = [api.output_path(profile_path, docx, k, len(kinds) > 1) for k in kinds]
    targets = [profile_path, *documents, *(d.with_suffix(".pdf") for d in documents if pdf)]
    for target in targets:  # refuse before writing anything (a PDF too)
        if os.path.lexists(target) and not force:
            again = (
                f"{invoked_as()} new --resume {shlex.quote(str(session.path))} --force"
                if session.persist
                else "thêm --force vào lệnh vừa chạy"
            )
            raise OutputError(f"Tệp {target} đã tồn tại; không ghi đè. Muốn ghi đè: {again}.")
    write_file(
        profile_path, profile_yaml(profile, unit, profile_path).encode("utf-8"), force=True
    )
    results = api.render_files(
        profile_path, docx, "both" if kind == "both" else kind, force=True, pdf=pdf
    )
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
    if kind is not None and kind not in kinds_offered():
        raise UsageError(
            f"Loại văn bản '{kind}' chưa có trong bản cài đặt này; hiện có: "
            + ", ".join(kinds_offered())
            + "."
        )
    if defaults:
        if resume is None and not (province and commune):
            raise UsageError("Chế độ --defaults cần --province và --commune (hoặc --resume TỆP).")
    if resume is not None:
        session = Session.load(resume, out_dir)
    else:
        target = (out_dir or Path.cwd()) / ANSWERS_FILE
        session = Session(target, target.parent, persist=not defaults)
        if target.exists():
            old = Session.load(target, None)
            if not old.finished and not force and not defaults:
                raise UsageError(
                    f"Thư mục {target.parent} có phiên hỏi đáp chưa xong (dừng ở câu "
                    f"'{old.reached()}'). Tiếp tục: {invoked_as()} new --resume "
                    f"{shlex.quote(str(target))}; "
                    "hoặc bắt đầu lại từ đầu: thêm --force."
                )
    answers = session.answers
    if province:
        answers["province"] = resolve_province(province).name
    if commune:
        if "province" not in answers:
            raise UsageError("Cần --province khi dùng --commune.")
        home = resolve_province(answers["province"])
        answers["commune"] = commune_title(home, resolve_commune(home, commune))
    if kind:
        answers["kind"] = kind
    if defaults:
        while (step := session.reached()) != "review":
            answers[step] = session.draft.pop(step, None) or default_answer(step, answers)
        return finish(session, force, pdf)
    if not interactive:
        raise UsageError(
            "Trình hỏi đáp cần một cửa sổ dòng lệnh (terminal). Khi chạy trong tập lệnh, dùng: "
            f'{invoked_as()} new --province "Quảng Ngãi" --commune "Xốp" --defaults -o THƯ_MỤC'
        )
    wizard = Wizard(session, force=force, pdf=pdf)
    if resume is None and session.path.exists():
        wizard.last_province = _last_province(session.path)
    if resume is not None:
        say(f"Tiếp tục phiên hỏi đáp từ {session.path} (câu '{session.reached()}').")
        session.finished = False
    return wizard.run()
