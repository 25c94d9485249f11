"""Time from process start to the first prompt of ``nqgen new`` in a pseudo-terminal.

Issue 6 asks for the first question within 1 s of pressing Enter. This script starts the real
console script in a pty (pexpect, as a user's terminal would) N times and measures until the
province question is drawn, side by side with two baselines run the same way: the bare
interpreter (``python -c pass``, to exit) and ``nqgen --help`` (typer start-up, to exit).

    .venv/bin/python benchmarks/startup.py [--runs 15]

Prints median/min/max in milliseconds and exits 1 when the median exceeds the 1 s budget.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

BIN = Path(sys.executable).parent
BUDGET_S = 1.0
FIRST_PROMPT = "Tỉnh, thành phố"


def _env() -> dict[str, str]:
    return dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")


def until_exit(command: str, args: list[str]) -> float:
    """Seconds from spawn to end of output (EOF)."""
    start = time.perf_counter()
    child = pexpect.spawn(command, args, env=_env(), encoding="utf-8", timeout=30)
    child.expect(pexpect.EOF)
    elapsed = time.perf_counter() - start
    child.close()
    return elapsed


def until_first_prompt(workdir: str) -> float:
    """Seconds from spawn of ``nqgen new`` to the province question on the screen."""
    start = time.perf_counter()
    child = pexpect.spawn(
        str(BIN / "nqgen"), ["new", "-o", workdir], env=_env(), encoding="utf-8", timeout=30
    )
    child.expect(FIRST_PROMPT)
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command (default 15)")
    args = parser.parse_args()

    cases = {
        "python -c pass (baseline)": lambda _d: until_exit(sys.executable, ["-c", "pass"]),
        "nqgen --help (to exit)": lambda _d: until_exit(str(BIN / "nqgen"), ["--help"]),
        "nqgen new (to first prompt)": until_first_prompt,
    }
    results: dict[str, list[float]] = {name: [] for name in cases}
    with tempfile.TemporaryDirectory(prefix="nqgen-bench-") as workdir:
        until_first_prompt(workdir)  # warm the disk cache once, as a second launch would be
        for _ in range(args.runs):
            for name, case in cases.items():  # interleaved, so drift hits every case alike
                results[name].append(case(workdir))

    print(f"Start-up in a pseudo-terminal, {args.runs} runs each ({os.cpu_count()} CPUs)")
    print(f"{'command':<32}{'median ms':>11}{'min ms':>9}{'max ms':>9}")
    for name, times in results.items():
        ms = [t * 1000 for t in times]
        print(f"{name:<32}{statistics.median(ms):>11.0f}{min(ms):>9.0f}{max(ms):>9.0f}")
    first = statistics.median(results["nqgen new (to first prompt)"])
    base = statistics.median(results["python -c pass (baseline)"])
    verdict = "within" if first <= BUDGET_S else "OVER"
    print(
        f"first prompt: {first * 1000:.0f} ms median ({(first - base) * 1000:.0f} ms above the "
        f"bare interpreter), {verdict} the {BUDGET_S * 1000:.0f} ms budget"
    )
    return 0 if first <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
