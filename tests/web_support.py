"""A real ``nqgen serve`` for the web tests, and a headless Chromium to drive it.

The server is the console script in a subprocess, on a port the system chooses (``--port 0``;
the address is read from the line it prints). The browser is Debian's Chromium through
Debian's chromedriver (``make test`` installs both, as it installs LibreOffice); Selenium is
given both paths, so it never fetches a browser or a driver of its own.
"""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

NQGEN = str(Path(sys.executable).parent / "nqgen")
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
READY = re.compile(r"Đã sẵn sàng\. .* tại: (http://\S+)")
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


class Server:
    """``nqgen serve --port 0`` in a subprocess; ``url`` once it says it is ready."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [NQGEN, "serve", "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
            env={**os.environ, **(env or {})},
        )  # fmt: skip
        self.lines: queue.Queue[str] = queue.Queue()
        self.stderr: list[str] = []
        self.output = ""
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True).start()
        threading.Thread(target=self._err, daemon=True).start()
        self.url = self._wait()

    def _read(self, stream) -> None:  # type: ignore[no-untyped-def]
        for line in stream:
            self.lines.put(line)

    def _err(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr.append(line)

    def _wait(self) -> str:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            m = READY.search(line)
            if m:
                return m.group(1)
        self.stop()
        raise AssertionError("nqgen serve did not start:\n" + "".join(self.stderr))

    def stop(self) -> str:
        """Stop as Ctrl-C would (SIGINT); return what it printed after the start."""
        if self.proc.poll() is not None:
            return self.output
        if self.proc.poll() is None:
            self.proc.send_signal(2)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        time.sleep(0.1)
        while not self.lines.empty():
            self.output += self.lines.get()
        return self.output


@contextmanager
def serving(*args: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    server = Server(*args, env=env)
    try:
        yield server
    finally:
        server.stop()


def client(url: str) -> httpx.Client:
    """A new visitor (own cookie jar)."""
    return httpx.Client(base_url=url, timeout=120, follow_redirects=True)


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    assert m, "no CSRF token in the page"
    return m.group(1)


def chromium(download_dir: Path):  # type: ignore[no-untyped-def]
    """Headless Debian Chromium with a fresh profile, saving downloads to ``download_dir``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tempfile.mkdtemp(prefix='nqgen-chromium-')}",
        "--window-size=1280,900", "--lang=vi", "--force-device-scale-factor=1",
        "--hide-scrollbars", "--font-render-hinting=none",
    ):  # fmt: skip
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(download_dir),
        "download.prompt_for_download": False,
        "intl.accept_languages": "vi-VN,vi",
    })  # fmt: skip
    service = Service(CHROMEDRIVER, env={**os.environ, "LANGUAGE": "vi", "LANG": "vi_VN.UTF-8"})
    driver = webdriver.Chrome(options=options, service=service)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)}
    )
    return driver


def wait_for_file(folder: Path, name: str, timeout: float = 60) -> Path:
    """The downloaded file once Chromium has finished writing it."""
    path = folder / name
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and not (folder / f"{name}.crdownload").exists():
            return path
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded; folder has {os.listdir(folder)}")
