"""Load test of ``nqgen serve`` on this machine (issue 15): 20 visitors composing at once.

Starts the real console script on 127.0.0.1 (a port the system chooses), then runs the same
visit — open the form, type the province and the commune, take every default, make the plan
(the preview page), download the DOCX — first by one visitor alone (the baseline), then by
``--users`` visitors at once, each ``--visits`` times. Every request goes to 127.0.0.1 only;
the number of requests is bounded (users × visits × 7) and so is each one (a 120 s timeout).

    .venv/bin/python benchmarks/serve_load.py [--users 20] [--visits 5] [--baseline 10]

Prints p50/p95 in milliseconds per step, alone and under load, and the budgets of the issue
for one visitor: the form page under 200 ms, the preview and the DOCX under 2 s. Exits 1 when
a request failed or a budget was missed.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

NQGEN = str(Path(sys.executable).parent / "nqgen")
READY = re.compile(r"tại: (http://\S+)")
BUDGETS_MS = {"form page": 200, "preview (make plan)": 2000, "DOCX": 2000}


def start_server() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [NQGEN, "serve", "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE, text=True, encoding="utf-8",
    )  # fmt: skip
    assert proc.stdout is not None
    for line in proc.stdout:
        m = READY.search(line)
        if m:
            threading.Thread(target=proc.stdout.read, daemon=True).start()  # keep draining
            return proc, m.group(1).replace("localhost", "127.0.0.1")
    raise SystemExit("nqgen serve did not start")


def visit(url: str, times: dict[str, list[float]], errors: list[str]) -> None:
    """One visitor's walk: each step timed; any unexpected answer is an error."""
    with httpx.Client(base_url=url, timeout=120, follow_redirects=True) as c:

        def step(name: str, method: str, path: str, expect: str, **kw: object) -> str:
            start = time.perf_counter()
            try:
                r = c.request(method, path, **kw)  # type: ignore[arg-type]
            except httpx.HTTPError as exc:
                errors.append(f"{name}: {type(exc).__name__}")
                return ""
            times[name].append((time.perf_counter() - start) * 1000)
            if r.status_code != 200 or expect not in r.text[:200_000]:
                errors.append(f"{name}: HTTP {r.status_code}")
            return r.text

        page = step("form page", "GET", "/soan", "Tỉnh, thành phố")
        token = m.group(1) if (m := re.search(r'name="csrf" value="(\w+)"', page)) else ""
        step("answer", "POST", "/soan", "Xã, phường, đặc khu",
             data={"csrf": token, "cau": "province", "gia-tri": "quang ngai"})  # fmt: skip
        step("answer", "POST", "/soan", "Loại văn bản",
             data={"csrf": token, "cau": "commune", "gia-tri": "xop"})  # fmt: skip
        step("form page", "GET", "/soan", "Loại văn bản")
        step("take defaults", "POST", "/soan/mac-dinh", "Xem lại", data={"csrf": token})
        step("preview (make plan)", "POST", "/soan/tao", "Phụ lục II", data={"csrf": token})
        start = time.perf_counter()
        r = c.get("/tai-ve/kh-ubnd.docx")
        times["DOCX"].append((time.perf_counter() - start) * 1000)
        if r.status_code != 200 or not r.content.startswith(b"PK"):
            errors.append(f"DOCX: HTTP {r.status_code}")


def run(url: str, users: int, visits: int) -> tuple[dict[str, list[float]], list[str], float]:
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        for future in [pool.submit(visit, url, times, errors) for _ in range(users * visits)]:
            future.result()
    return times, errors, time.perf_counter() - start


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20, help="visitors at once (default 20)")
    parser.add_argument("--visits", type=int, default=5, help="visits per visitor (default 5)")
    parser.add_argument("--baseline", type=int, default=10, help="visits alone (default 10)")
    args = parser.parse_args()
    proc, url = start_server()
    try:
        run(url, 1, 2)  # warm-up, not counted
        alone, alone_errors, _ = run(url, 1, args.baseline)
        loaded, load_errors, elapsed = run(url, args.users, args.visits)
    finally:
        proc.send_signal(2)
        proc.wait(timeout=60)
    total = sum(len(v) for v in loaded.values())
    print(f"nqgen serve on {url}, {os.cpu_count()} CPUs; one visit = 7 requests")
    print(f"alone: {args.baseline} visits; under load: {args.users} visitors at once × "
          f"{args.visits} visits = {total} requests in {elapsed:.1f} s "
          f"({total / elapsed:.0f} requests/s)")  # fmt: skip
    print(f"{'step':<22}{'alone p50':>11}{'p95':>8}{'   ':3}{'load p50':>10}{'p95':>8}  budget")
    missed = False
    for name in ("form page", "answer", "take defaults", "preview (make plan)", "DOCX"):
        a, b = alone[name], loaded[name]
        budget = BUDGETS_MS.get(name)
        verdict = ""
        if budget is not None:
            ok = pct(a, 95) <= budget
            missed |= not ok
            verdict = f"{budget} ms alone: {'ok' if ok else 'MISSED'}"
        print(f"{name:<22}{pct(a, 50):>11.0f}{pct(a, 95):>8.0f}{'':3}{pct(b, 50):>10.0f}"
              f"{pct(b, 95):>8.0f}  {verdict}")  # fmt: skip
    everything = [t for v in loaded.values() for t in v]
    print(f"all requests under load: p50 {statistics.median(everything):.0f} ms, "
          f"p95 {pct(everything, 95):.0f} ms, max {max(everything):.0f} ms")  # fmt: skip
    failures = alone_errors + load_errors
    kinds = f" ({', '.join(sorted(set(failures)))})" if failures else ""
    print(f"errors: {len(failures)}{kinds}")
    return 1 if failures or missed else 0


if __name__ == "__main__":
    sys.exit(main())
