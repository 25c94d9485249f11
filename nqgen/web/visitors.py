"""Each visitor's private folder (thư mục riêng của từng người dùng), its cookie and CSRF token.

A visitor is known by a token in an HttpOnly cookie: a random part and its HMAC with a secret
made when the server starts, so a token this server did not give (or gave before a restart) is
never taken — the visitor gets a new one. Their folder, under one private temporary root made
at start-up (mode 0700), is named by the SHA-256 of the token and made on the first write:
nothing a request sends names a file or a folder, and a visitor who only reads pages costs no
folder. Inside it live only the fixed names of :data:`FILES` (the answers, the DOCX a PDF is
made from, the PDF, the corrected copy); a request asks for a file by one of those keys, always
in its own folder, so one visitor cannot reach another's files. A folder not used for
:data:`KEEP_SECONDS` is removed by :meth:`Visitors.sweep` (run every few minutes while the
server runs); the whole root is removed when it stops.

Forms carry a CSRF token (mã chống giả mạo): another HMAC of the visitor's token, so a page of
another site cannot post in the visitor's name.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..output import write_file

COOKIE = "nqgen_phien"
KEEP_SECONDS = 2 * 3600
_TOKEN = re.compile(r"([A-Za-z0-9_-]{22})\.([0-9a-f]{32})")  # token_urlsafe(16) . its HMAC

#: The only files a visitor's folder holds (key -> file name).
FILES = {
    "state": "state.json",
    "upload": "tai-len.yaml",
    "kh-ubnd.docx": "kh-ubnd.docx",
    "kh-du.docx": "kh-du.docx",
    "kh-ubnd.pdf": "kh-ubnd.pdf",
    "kh-du.pdf": "kh-du.pdf",
    "fixed": "ban-sua.docx",
}


@dataclass
class Visitor:
    """One visitor: the token (from the cookie), the private folder and the CSRF token."""

    token: str
    folder: Path
    csrf: str
    new: bool = False

    def file(self, key: str) -> Path:
        """The path of one of :data:`FILES` in this visitor's folder (KeyError otherwise)."""
        return self.folder / FILES[key]

    def load(self) -> dict[str, Any]:
        """The visitor's state (answers, plans made, last check), {} when none yet."""
        try:
            data = json.loads(self.file("state").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return data if isinstance(data, dict) else {}

    def save(self, state: dict[str, Any]) -> None:
        self.write("state", json.dumps(state, ensure_ascii=False).encode("utf-8"))

    def write(self, key: str, data: bytes) -> Path:
        """Write one of :data:`FILES` (atomically), making the folder on the first write."""
        self.folder.mkdir(mode=0o700, exist_ok=True)
        path = self.file(key)
        write_file(path, data, force=True)
        return path

    def remove(self, *keys: str) -> None:
        for key in keys:
            self.file(key).unlink(missing_ok=True)

    def csrf_ok(self, sent: object) -> bool:
        return isinstance(sent, str) and hmac.compare_digest(sent, self.csrf)


class Visitors:
    """The visitors' folders under one private temporary root (see the module docstring)."""

    def __init__(self, root: Path | None = None, keep_seconds: float = KEEP_SECONDS):
        self.root = Path(root or tempfile.mkdtemp(prefix="nqgen-serve-"))
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.keep_seconds = keep_seconds
        self._secret = secrets.token_bytes(32)

    def _folder(self, token: str) -> Path:
        return self.root / hashlib.sha256(token.encode("ascii")).hexdigest()

    def _mac(self, purpose: str, text: str) -> str:
        return hmac.new(self._secret, f"{purpose}:{text}".encode("ascii"), "sha256").hexdigest()

    def _visitor(self, token: str, new: bool = False) -> Visitor:
        return Visitor(token, self._folder(token), self._mac("csrf", token), new)

    def find(self, cookie: str | None) -> Visitor | None:
        """The visitor a cookie names, if this server gave it (their folder is kept alive)."""
        m = _TOKEN.fullmatch(cookie or "")
        if m is None or not hmac.compare_digest(m.group(2), self._mac("token", m.group(1))[:32]):
            return None
        visitor = self._visitor(m.group(0))
        with contextlib.suppress(FileNotFoundError):  # nothing written yet, or expired
            os.utime(visitor.folder)
        return visitor

    def find_or_create(self, cookie: str | None) -> Visitor:
        """The cookie's visitor, or a new one with a fresh token (never the token sent)."""
        visitor = self.find(cookie)
        if visitor is not None:
            return visitor
        raw = secrets.token_urlsafe(16)
        return self._visitor(f"{raw}.{self._mac('token', raw)[:32]}", new=True)

    def sweep(self, now: float | None = None) -> int:
        """Remove the folders not used for ``keep_seconds``; return how many."""
        limit = (now if now is not None else time.time()) - self.keep_seconds
        removed = 0
        for folder in self.root.iterdir():
            try:
                if folder.stat().st_mtime < limit:
                    shutil.rmtree(folder, ignore_errors=True)
                    removed += 1
            except FileNotFoundError:
                continue
        return removed

    def close(self) -> None:
        """Remove every visitor's files (the server stops)."""
        shutil.rmtree(self.root, ignore_errors=True)
