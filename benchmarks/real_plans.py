"""Coverage of the evaluation set of real plans (issue 16), measured and printed by split and level.

The evaluation set is indexed in ``tests/data/real-plans/index.yaml`` (its README says how each
document was found, where it comes from and how it was split). A document's text is read from
``tests/data/real-plans/texts/`` when committed, otherwise from the staging folder outside git
(``--staging``, default ``../real-plans-staging/texts`` beside the checkout); a missing text is
reported and skipped.

Printed, with the project's matcher (``nqgen coverage``, threshold 0.35):

1. per document: split (mine / measure), level of the issuing body, task statements covered;
2. per split: all statements, and the commune-level statements within the documents
   (:func:`commune_level`), so that what a commune library covers of provincial documents is
   visible apart from the provincial work it is not meant to cover.

Run:

    .venv/bin/python benchmarks/real_plans.py [--staging DIR] [--misses]
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from nqgen.coverage import _HEADING, THRESHOLD, Matcher, Statement, statements
from nqgen.library import load_library

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "data" / "real-plans"
STAGING = ROOT.parent / "real-plans-staging" / "texts"

#: The commune level named in a statement, its table row or the heading above it: "cấp xã",
#: "xã, phường", "UBND các xã", "Ủy ban nhân dân xã", the village units (thôn, ấp, tổ dân phố,
#: khu phố), "đặc khu", "ở/tại/đến/cấp cơ sở". A plain "xã" is not enough ("xã hội").
COMMUNE = re.compile(
    r"(?<!\w)(cấp xã|xã, phường|phường, xã|các xã|UBND xã|UBND các xã|UBND phường|UBND các phường"
    r"|Ủy ban nhân dân (?:các )?(?:xã|phường)|thôn|ấp|tổ dân phố|khu phố|đặc khu"
    r"|(?:ở|tại|đến|cấp) cơ sở)(?!\w)",
    re.IGNORECASE,
)


@dataclass
class Doc:
    """One document of the evaluation set and its measured statements."""

    id: str
    split: str
    level: str
    path: Path | None
    found: list[tuple[Statement, bool]]  # statement, commune-level


def commune_level(text: str) -> list[tuple[Statement, bool]]:
    """The task statements of a real plan (:func:`nqgen.coverage.statements`), each with whether
    it is commune-level: the commune level is named in the statement itself, in the other cells
    of its table row, or in the nearest heading above it (a section "Ủy ban nhân dân các xã,
    phường"). The recipients' block ("Nơi nhận") is never commune-level work."""
    lines = [unicodedata.normalize("NFC", x) for x in text.splitlines()]
    out = []
    for st in statements(text):
        context = [st.text]
        row = lines[st.line - 1] if st.line else ""
        if "\t" in row:
            context.append(row)
        for j in range(st.line - 2, -1, -1):
            if _HEADING.match(lines[j]):
                context.append(lines[j])
                break
        local = bool(COMMUNE.search(" ".join(context))) and not st.text.startswith("Nơi nhận")
        out.append((st, local))
    return out


def load(staging: Path = STAGING) -> list[Doc]:
    """The documents of the index with their texts (committed first, then staged)."""
    index = yaml.safe_load((SET / "index.yaml").read_text(encoding="utf-8"))
    docs = []
    for entry in index["documents"]:
        path = None
        for folder in (SET / "texts", staging):
            if (folder / entry["file"]).exists():
                path = folder / entry["file"]
                break
        found = commune_level(path.read_text(encoding="utf-8")) if path else []
        docs.append(Doc(entry["id"], entry["split"], entry["level"], path, found))
    return docs


def measure(docs: list[Doc], matcher: Matcher) -> dict[str, list[tuple[Statement, bool]]]:
    """Score every statement against the library; statements by document id."""
    out = {}
    for doc in docs:
        for st, _ in doc.found:
            st.score, st.clause = matcher.best(st.text)
        out[doc.id] = doc.found
    return out


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f}%)" if b else "0/0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staging", type=Path, default=STAGING)
    parser.add_argument("--misses", action="store_true", help="list the statements not covered")
    args = parser.parse_args()
    library = load_library()
    docs = load(args.staging)
    measure(docs, Matcher(library))
    print(f"Library {library.version}, threshold {THRESHOLD:g}\n")
    columns = ("document", "split", "level", "all statements", "commune-level")
    print("   {:28} {:8} {:11} {:>16} {:>16}".format(*columns))
    for doc in docs:
        if doc.path is None:
            print(f"   {doc.id:28} {doc.split:8} {doc.level:11} text not found")
            continue
        hit = sum(s.score >= THRESHOLD for s, _ in doc.found)
        local = [s for s, lv in doc.found if lv]
        local_hit = sum(s.score >= THRESHOLD for s in local)
        where = "" if doc.path.parent == SET / "texts" else "  (staged, not in git)"
        print(f"   {doc.id:28} {doc.split:8} {doc.level:11} {_pct(hit, len(doc.found)):>16}"
              f" {_pct(local_hit, len(local)):>16}{where}")
    print()
    for split in ("measure", "mine"):
        part = [(s, lv) for d in docs if d.split == split for s, lv in d.found]
        local = [s for s, lv in part if lv]
        print(f"   {split:8} all {_pct(sum(s.score >= THRESHOLD for s, _ in part), len(part))};"
              f" commune-level {_pct(sum(s.score >= THRESHOLD for s in local), len(local))}")
    if args.misses:
        print()
        for doc in docs:
            for st, lv in doc.found:
                if st.score < THRESHOLD:
                    mark = "x" if lv else " "
                    where = f"{doc.id}:{st.line} [{st.score:.2f} ~ {st.clause}]"
                    print(f"{mark} {where} {st.text[:140]}")


if __name__ == "__main__":
    main()
