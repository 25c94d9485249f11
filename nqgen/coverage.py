"""Library coverage of real plans (độ bao phủ): the tool that keeps the library honest.

A real plan's text (plain text exported from Word/PDF, as in ../shared/seeds) is cut into task
statements — bullets ("- ", "+ ", "•"), lettered points ("a) ") and appendix rows — of at least
50 characters. Each is compared with every piece of library text: task clauses (all wordings),
target indicators and the fixed sections of ``texts.yaml``.

The score is the share of the statement's content that the library text also says: the
IDF-weighted fraction of the statement's two-syllable words (syllable bigrams, the unit most
Vietnamese words are made of) found in the library text. Words every clause uses ("chuyển đổi",
"khoa học") weigh little; distinctive ones ("hộ tịch", "STEM", "VNeID") weigh much.
rapidfuzz's edit-distance scorers were measured first and rejected: ``token_set_ratio`` scored
off-topic statements (forest-fire watch, vaccination) up to 90 against short clause summaries,
while genuine rewordings scored 60-75 (the negative control:
tests/test_library.py, ``test_coverage_negative_control_stays_below_threshold``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, os_reason
from .library import load_slips, sample_context, text_env
from .models import Library, Plan

#: Minimum score (0-1) for a statement to count as covered. Off-topic commune statements
#: (tests/data/off_topic_statements.txt) stay below 0.3; the test keeps that margin.
THRESHOLD = 0.35
MIN_LENGTH = 50

_BULLET = re.compile(r"^\s*(?:[-+•*–]|[a-zđ]\))\s*")
_HEADING = re.compile(
    r"^\s*(?:[IVX]+[.\-]|\d+(?:\.\d+)*\.\s|PHỤ LỤC|Phụ lục|STT|TT\b|Nơi nhận|-\s*Lưu\b)"
)
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")


@dataclass
class Statement:
    """A task statement cut from a real plan, with its best library match."""

    file: str
    line: int
    text: str
    clause: str | None = None
    score: float = 0.0

    @property
    def covered(self) -> bool:
        return self.score >= THRESHOLD


Gram = tuple[str, str]


def _grams(text: str, slips: list[tuple[str, str]]) -> set[Gram]:
    """Syllable bigrams of ``text`` (NFC, known OCR slips corrected, lower case, no punctuation)."""
    text = unicodedata.normalize("NFC", text)
    for wrong, right in slips:
        text = text.replace(wrong, right)
    words = re.sub(r"[^\w\s]", " ", text.lower()).split()
    return set(zip(words, words[1:], strict=False))


def statements(text: str, file: str = "") -> list[Statement]:
    """Cut a plan's plain text into task statements of at least 50 characters.

    Tab-separated lines (flattened appendix tables) give their longest cell; other lines are
    joined until the next bullet, point or heading, so statements wrapped over several lines
    (with or without blank lines between them) come out whole.
    """
    out: list[Statement] = []
    current: list[str] = []
    start = 0

    def flush() -> None:
        joined = " ".join(" ".join(current).split())
        if len(joined) >= MIN_LENGTH:
            out.append(Statement(file, start, joined))
        current.clear()

    for n, raw in enumerate(text.splitlines(), 1):
        line = _BOOKMARK.sub("", unicodedata.normalize("NFC", raw)).replace("\u00a0", " ")
        if "\t" in line:
            flush()
            cell = max(line.split("\t"), key=len).strip()
            if len(cell) >= MIN_LENGTH:
                out.append(Statement(file, n, " ".join(cell.split())))
            continue
        if not line.strip():
            continue
        if _HEADING.match(line):
            flush()
            start = 0
            continue
        if _BULLET.match(line):
            flush()
            start = n
            rest = _BULLET.sub("", line, count=1).strip()
            if rest:
                current.append(rest)
            continue
        if start:
            current.append(line.strip())
    flush()
    return out


def library_texts(library: Library) -> dict[str, str]:
    """Every text of the library a real plan could restate, by clause id: task wordings and
    summaries, target indicators, and the fixed sections (``texts.yaml``), rendered with a
    neutral sample context."""
    ctx = sample_context(library=library) | {
        "parents_short": "",
        "focal": "",
        "reporting": "",
        "issuer": "",
        "doc_name": "",  # the KH/ĐU texts name their own document (nqgen.party)
    }
    out: dict[str, str] = {}
    for g in library.groups:
        for t in g.tasks:
            parts = filter(None, [t.text, t.text_party, t.summary])
            out[t.id] = " ".join(text_env().from_string(x).render(ctx) for x in parts)
    for target in library.targets:
        out[target.id] = target.indicator

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, str):
            out[prefix] = text_env().from_string(value).render(ctx)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}", v)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(f"{prefix}.{i}", v)

    # the annual plan's texts (``annual``) are left out: coverage measures the library against
    # implementation plans, and their review section is a form with blanks ("…/… chỉ tiêu")
    walk("texts", library.texts.model_dump(by_alias=True, exclude_none=True, exclude={"annual"}))
    return out


class Matcher:
    """Scores statements against a set of reference texts (see the module docstring for the
    measure): the library (default) or any ``{id: text}`` — the texts of one composed plan
    (:func:`plan_texts`), or a real plan's statements when rows of a plan are the queries."""

    def __init__(self, library: Library | None = None, texts: dict[str, str] | None = None):
        self.slips = [(s["wrong"], s["right"]) for s in load_slips()]
        if texts is None:
            assert library is not None
            texts = library_texts(library)
        self.clauses = {k: _grams(v, self.slips) for k, v in texts.items()}
        df = Counter(g for grams in self.clauses.values() for g in grams)
        n = len(self.clauses)
        self._idf = {g: math.log((n + 1) / (c + 1)) + 1 for g, c in df.items()}
        self._unseen = math.log(n + 1) + 1

    def idf(self, gram: Gram) -> float:
        return self._idf.get(gram, self._unseen)

    def scores(self, text: str) -> dict[str, float]:
        """How much of ``text`` (0-1, IDF-weighted bigrams) each reference text says."""
        grams = _grams(text, self.slips)
        total = sum(self.idf(g) for g in grams)
        if not total:
            return {}
        return {
            key: sum(self.idf(g) for g in grams & other) / total
            for key, other in self.clauses.items()
        }

    def best(self, text: str) -> tuple[float, str | None]:
        """(score 0-1, id) of the reference text that covers most of ``text``."""
        scores = self.scores(text)
        if not scores:
            return 0.0, None
        score, key = max((v, k) for k, v in scores.items())
        return score, key


def plan_texts(plan: Plan, library: Library) -> dict[str, str]:
    """The texts a composed plan says, by id — the reference for measuring a plan against a
    real one instead of the whole library: the fixed sections as printed (sections I, II and
    IV-VI of the body, the opening and the closing), every selected clause (all its wordings,
    as :func:`library_texts` gives them; section III prints one of them), the commune's own
    tasks as printed, and the Phụ lục I rows."""
    everything = library_texts(library)
    out = {"opening": plan.opening, "closing": plan.closing}
    tasks = False
    for i, block in enumerate(plan.body):
        if block.style == "h1":
            tasks = block.text.startswith("III")
        elif not tasks:
            out[f"body.{i}"] = block.text
    for row in plan.task_rows():
        out[row.clause] = everything.get(row.clause, f"{row.content} {row.note}")
    for target in plan.targets:  # the Phụ lục I row as printed
        printed = (target.indicator, target.unit, target.value_text(), target.monitor)
        out[target.target] = " ".join(printed)
    return out


def _read(path: Path) -> str:
    """A real plan's text; InputError (Vietnamese) when it cannot be read as UTF-8 text."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(str(path), "tệp không phải văn bản UTF-8") from None
    except OSError as exc:
        hint = ""
        if "*" in str(path) or "?" in str(path):
            hint = " (không có tệp nào khớp mẫu này)"
        raise InputError(str(path), f"không đọc được tệp: {os_reason(exc)}{hint}") from None


def coverage(
    paths: list[Path], library: Library, reference: dict[str, str] | None = None
) -> list[Statement]:
    """Statements of the given plans, each with its best-matching clause id and score;
    ``reference`` replaces the whole library (e.g. :func:`plan_texts` of a composed plan)."""
    matcher = Matcher(library, reference)
    found: list[Statement] = []
    for path in paths:
        for st in statements(_read(path), str(path)):
            st.score, st.clause = matcher.best(st.text)
            found.append(st)
    return found


@dataclass
class RowMatch:
    """A Phụ lục II row of a composed plan and its best counterpart in a real plan."""

    clause: str
    content: str
    score: float
    line: int | None

    @property
    def matched(self) -> bool:
        return self.score >= THRESHOLD


def precision(plan: Plan, path: Path, library: Library) -> list[RowMatch]:
    """For each Phụ lục II row of ``plan``, its counterpart in the real plan at ``path``: the
    statement of the real plan that the row covers best, by the same relation and weights as
    the recall (a statement is covered by a text when :data:`THRESHOLD` of its weighted
    content is in that text; the texts are those :func:`plan_texts` gives). A row with no
    statement it covers says what the commune's real plan does not."""
    reference = plan_texts(plan, library)
    matcher = Matcher(library, reference)
    found = statements(_read(path), str(path))
    best: dict[str, tuple[float, int]] = {}
    for st in found:
        for key, score in matcher.scores(st.text).items():
            if score > best.get(key, (0.0, 0))[0]:
                best[key] = (score, st.line)
    out = []
    for row in plan.task_rows():
        score, line = best.get(row.clause, (0.0, 0))
        out.append(RowMatch(row.clause, row.content, score, line or None))
    return out


def plan_report(plan: Plan, path: Path, library: Library) -> str:
    """Recall and precision of a composed plan against the real plan at ``path`` (Vietnamese)."""
    found = coverage([path], library, plan_texts(plan, library))
    hit = sum(s.covered for s in found)
    rows = precision(plan, path, library)
    matched = sum(r.matched for r in rows)
    lines = [
        f"{path}: Kế hoạch soạn ({len(rows)} dòng Phụ lục II) nói được {hit}/{len(found)} câu"
        f" nhiệm vụ của kế hoạch thật ({_pct(hit, len(found))}, độ bao phủ);"
        f" {matched}/{len(rows)} dòng Phụ lục II có câu tương ứng trong kế hoạch thật"
        f" ({_pct(matched, len(rows))}, độ chính xác); ngưỡng {THRESHOLD:g}.",
        "",
        "DÒNG KHÔNG CÓ TRONG KẾ HOẠCH THẬT:",
    ]
    lines += [f"- [{r.score:.2f}] {r.clause}: {r.content[:120]}" for r in rows if not r.matched]
    lines += ["", "CÂU CỦA KẾ HOẠCH THẬT CHƯA CÓ TRONG KẾ HOẠCH SOẠN:"]
    lines += [f"- {s.file}:{s.line} [{s.score:.2f}] {s.text[:140]}" for s in found if not s.covered]
    return "\n".join(lines)


def report(found: list[Statement], show_hits: bool = False) -> str:
    """Text report: share covered per file and overall, then the misses (Vietnamese)."""
    lines: list[str] = []
    files = sorted({s.file for s in found})
    for f in files:
        mine = [s for s in found if s.file == f]
        hit = sum(s.covered for s in mine)
        lines.append(f"{f}: {hit}/{len(mine)} câu nhiệm vụ khớp thư viện ({_pct(hit, len(mine))})")
    total = len(found)
    hit = sum(s.covered for s in found)
    lines.append(
        f"TỔNG: {hit}/{total} câu nhiệm vụ khớp ({_pct(hit, total)}); ngưỡng {THRESHOLD:g}."
    )
    misses = [s for s in found if not s.covered]
    if misses:
        lines.append("")
        lines.append("CHƯA KHỚP (cần thêm điều khoản hoặc ghi nhận là đặc thù địa phương):")
        for s in misses:
            lines.append(f"- {s.file}:{s.line} [{s.score:.2f} ~ {s.clause}] {s.text[:160]}")
    if show_hits:
        lines.append("")
        lines.append("ĐÃ KHỚP:")
        for s in found:
            if s.covered:
                lines.append(f"- {s.file}:{s.line} [{s.score:.2f} = {s.clause}] {s.text[:120]}")
    return "\n".join(lines)


def _pct(a: int, b: int) -> str:
    from .vn import number

    return f"{number(round(100 * a / b, 1)) if b else '0'} %"
