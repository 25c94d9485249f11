"""The evaluation set of real plans (issue 16, point 2): index, provenance, committed texts, and
the library's coverage of the measure-only part, which may not drop silently.

The set and its split are described in tests/data/real-plans/README.md and clauses/README.md
("Bộ văn bản đánh giá"). Only the measure-only texts are committed (re-obtained through the
search tool's read_file); the mine part stays outside git and is measured by
benchmarks/real_plans.py when present.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import yaml

from benchmarks.real_plans import commune_level
from nqgen.coverage import THRESHOLD, Matcher

SET = Path(__file__).resolve().parent / "data" / "real-plans"
INDEX = yaml.safe_load((SET / "index.yaml").read_text(encoding="utf-8"))["documents"]

#: What the library covers of the measure-only documents at library 2026.12.1 (clauses/README.md,
#: "Bộ văn bản đánh giá"): statements cut from the six texts, statements covered, and the
#: commune-level statements among them. Raise these when the library covers more; never lower
#: them to let a change pass.
MEASURE_FLOOR = {"statements": 476, "covered": 72, "commune": 29, "commune_covered": 10}


def test_index_is_consistent_and_split_keys_are_reproducible():
    ids = [d["id"] for d in INDEX]
    assert len(ids) == len(set(ids))
    for doc in INDEX:
        assert doc["split"] in ("mine", "measure"), doc["id"]
        assert doc["split_key"] == hashlib.sha256(doc["id"].encode()).hexdigest()[:16], doc["id"]
        repo = doc["provenance"]["repository"]
        assert not repo.lower().startswith("hoangvietconghai/"), doc["id"]
        assert len(doc["provenance"]["commit"]) == 40, doc["id"]


def test_measure_only_texts_are_committed_as_indexed():
    measure = [d for d in INDEX if d["split"] == "measure"]
    assert len(measure) == 6
    for doc in measure:
        path = SET / "texts" / doc["file"]
        assert doc.get("text_in_git") is True, doc["id"]
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == doc["text_sha256"], doc["id"]
        text = data.decode("utf-8")
        assert unicodedata.normalize("NFC", text) == text, doc["id"]
    committed = {p.name for p in (SET / "texts").glob("*.txt")}
    assert committed == {d["file"] for d in INDEX if d.get("text_in_git")}


def test_measure_only_coverage_does_not_drop(library):
    matcher = Matcher(library)
    total = covered = local = local_covered = 0
    for doc in (d for d in INDEX if d["split"] == "measure"):
        found = commune_level((SET / "texts" / doc["file"]).read_text(encoding="utf-8"))
        for st, is_local in found:
            score, _ = matcher.best(st.text)
            total += 1
            covered += score >= THRESHOLD
            local += is_local
            local_covered += is_local and score >= THRESHOLD
    assert total == MEASURE_FLOOR["statements"] and local == MEASURE_FLOOR["commune"]
    assert covered >= MEASURE_FLOOR["covered"], (covered, total)
    assert local_covered >= MEASURE_FLOOR["commune_covered"], (local_covered, local)
