"""How well concise plans fit their communes (issue 10), measured and printed side by side.

1. Recall and precision of the concise plans of the seed communes against their real plans
   (``nqgen coverage --plan``): recall = share of the real plan's task statements the composed
   plan says; precision = share of the composed plan's Phụ lục II rows that say something the
   real plan says (same relation and threshold, nqgen/coverage.py). Printed with and without
   the profile's own choices (``include`` and ``local.tasks``), so the selection's share is
   visible.
2. Overlap of the default plans of a phường, a đặc khu and a highland border commune: Jaccard
   on clause ids (issue 10, acceptance 5: at most 60 %).
3. Size of each concise plan: rows of Phụ lục II and I, and, with ``--pages``, A4 portrait pages
   of the body as LibreOffice lays it out.

Needs ../shared/seeds (the real plans). Run:

    .venv/bin/python benchmarks/plan_fit.py [--pages]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
from pathlib import Path

from nqgen import units
from nqgen.compose import compose, load_profile
from nqgen.coverage import coverage, plan_texts, precision
from nqgen.library import load_library
from nqgen.models import LocalFacts, Plan, Profile
from nqgen.paths import PROFILES_DIR
from nqgen.pdf import to_pdf
from nqgen.render import render_docx

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
REAL = {"xop": "003", "nghia-tho": "000", "dak-ha": "004"}
DEFAULTS = {
    "phường Ba Đình (Hà Nội)": ("Hà Nội", "Ba Đình"),
    "đặc khu Côn Đảo (TP. Hồ Chí Minh)": ("Hồ Chí Minh", "Côn Đảo"),
    "xã Sín Thầu (Điện Biên)": ("Điện Biên", "Sín Thầu"),
    "xã Đất Mũi (Cà Mau)": ("Cà Mau", "Đất Mũi"),
}


def fit(plan: Plan, seed: Path) -> tuple[float, float]:
    library = load_library()
    found = coverage([seed], library, plan_texts(plan, library))
    rows = precision(plan, seed, library)
    return sum(s.covered for s in found) / len(found), sum(r.matched for r in rows) / len(rows)


def body_pages(plan: Plan, tmp: Path, name: str) -> int:
    docx = tmp / f"{name}.docx"
    docx.write_bytes(render_docx(plan))
    pdf = to_pdf(docx)
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    pages = 0
    for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info):
        if float(w) > float(h):
            break
        pages += 1
    return pages


def default_profile(province: str, name: str) -> Profile:
    return units.default_profile(units.find_unit(units.find_province(province), name))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", action="store_true", help="count body pages (LibreOffice)")
    args = parser.parse_args()
    library = load_library()
    tmp = Path(tempfile.mkdtemp(prefix="nqgen-fit-"))

    print("1. Concise plans against the commune's real plan (recall / precision)")
    print(f"   {'profile':<12} {'rows':>4}  {'own choices':>17}  {'selection only':>17}")
    for name, number in REAL.items():
        (seed,) = SEEDS.glob(f"{number}_*.txt")
        profile = load_profile(PROFILES_DIR / f"{name}.yaml")
        plan = compose(profile, library)
        bare = compose(profile.model_copy(update={"include": [], "local": LocalFacts()}), library)
        r, p = fit(plan, seed)
        r0, p0 = fit(bare, seed)
        print(
            f"   {name:<12} {len(plan.task_rows()):>4}  {r:>7.1%} / {p:>7.1%}"
            f"  {r0:>7.1%} / {p0:>7.1%}"
        )

    print("\n2. Default plans: clause ids shared (Jaccard)")
    plans = {label: compose(default_profile(*unit), library) for label, unit in DEFAULTS.items()}
    ids = {label: {r.clause for r in plan.task_rows()} for label, plan in plans.items()}
    labels = list(DEFAULTS)[:3]
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            jaccard = len(ids[a] & ids[b]) / len(ids[a] | ids[b])
            print(f"   {a} ~ {b}: {jaccard:.0%}")

    print("\n3. Sizes of the concise plans")
    sized = {n: compose(load_profile(PROFILES_DIR / f"{n}.yaml"), library) for n in REAL}
    sized |= plans
    for label, plan in sized.items():
        pages = f", body {body_pages(plan, tmp, str(abs(hash(label))))} pages" if args.pages else ""
        print(
            f"   {label:<36} Phụ lục II {len(plan.task_rows()):>2} rows,"
            f" Phụ lục I {len(plan.targets):>2} targets{pages}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
