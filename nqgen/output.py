"""Writing output files safely (ghi tệp kết quả an toàn): the one helper every command uses.

Rules (docs/architecture.md, "Conventions"; issue 11):

- :func:`check_targets` looks at every file a command will write before any is written: an
  output that is one of the inputs (also through a symlink, a hard link or another path to the
  same file) is refused, even with ``--force``; so are an output that is a directory, a parent
  that is a file, a folder that cannot be written, two outputs with the same name, and an
  existing file (or a symlink, dangling or not) without ``--force``.
- :func:`write_file` writes to a temporary file beside the target and then puts it in place
  with :func:`place`: without ``--force`` the final step is ``os.link`` (the system refuses it
  when the name exists, so two concurrent writers cannot both succeed; where links are not
  supported, an exclusive create reserves the name), with ``--force`` an atomic
  ``os.replace``. A file is never half-written, and an interrupted write leaves no temporary.

Every failure is an :class:`~nqgen.errors.OutputError` with a Vietnamese reason.
"""

from __future__ import annotations

import errno
import io
import os
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from .errors import OutputError, OutputExistsError, os_reason


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (or cannot be read): not the same file
        return False


def _existing_ancestor(path: Path) -> Path:
    """The nearest ancestor of ``path`` that exists (as a file or a folder)."""
    parent = path.parent
    while not os.path.lexists(parent) and parent != parent.parent:
        parent = parent.parent
    return parent


def check_target(path: Path, inputs: Iterable[Path] = (), force: bool = False) -> None:
    """Refuse, with a Vietnamese reason, a file that must not or cannot be written."""
    for source in inputs:
        if _same_file(path, source):
            raise OutputError(
                f"Tệp kết quả {path} chính là tệp đầu vào {source}: nqgen không ghi đè tệp "
                "đầu vào, kể cả khi có --force. Hãy chọn tên khác cho tệp kết quả (-o)."
            )
    if path.is_dir():
        raise OutputError(
            f"{path} là một thư mục, không phải tệp; hãy ghi tên tệp, ví dụ "
            f"{path / 'ke-hoach.docx'}."
        )
    ancestor = _existing_ancestor(path)
    if not ancestor.is_dir():
        raise OutputError(f"Không ghi được {path}: {ancestor} là một tệp, không phải thư mục.")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise OutputError(f"Không ghi được {path}: không có quyền ghi vào thư mục {ancestor}.")
    if os.path.lexists(path) and not force:
        raise OutputExistsError(str(path))


def check_targets(
    targets: Iterable[Path], inputs: Iterable[Path] = (), force: bool = False
) -> None:
    """:func:`check_target` for every file a command will write, before any is written; two
    targets naming the same file are refused too."""
    seen: dict[str, Path] = {}
    inputs = list(inputs)
    for target in targets:
        key = os.path.normcase(os.path.abspath(target))
        if key in seen:
            raise OutputError(f"Hai tệp kết quả trùng tên: {target}.")
        seen[key] = target
        check_target(target, inputs, force)


def expect_suffix(path: Path, suffixes: tuple[str, ...], what: str, example: str) -> None:
    """Refuse an output name whose extension does not say what the file holds (``-o x.pdf``
    for a DOCX would give Word a file it cannot open)."""
    if path.suffix.lower() not in suffixes and not path.is_dir():  # a folder: check_target
        raise OutputError(
            f"Tệp kết quả {path} phải có đuôi {' hoặc '.join(suffixes)} vì nqgen ghi {what} "
            f"(ví dụ: -o {example})."
        )


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(
            f"Không ghi được {path}: {_existing_ancestor(path)} là một tệp, không phải thư mục."
        ) from None
    except OSError as exc:
        raise OutputError(f"Không tạo được thư mục {path.parent}: {os_reason(exc)}.") from None


_REAL_FAILURES = (errno.EACCES, errno.EROFS, errno.ENOSPC, errno.ENOENT, errno.ENOTDIR)


def _reserve_and_replace(tmp: str, path: Path) -> None:
    """Where hard links are not supported: create the name exclusively, then replace it."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except FileExistsError:
        raise OutputExistsError(str(path)) from None
    os.replace(tmp, path)


def place(tmp: str | Path, path: Path, force: bool = False) -> None:
    """Put the finished file ``tmp`` (in ``path``'s folder) at ``path``, atomically.

    Without ``force`` an existing name (a file, a folder, a symlink, even a dangling one) is
    never replaced: OutputExistsError. ``tmp`` is gone afterwards, whatever happens.
    """
    tmp = str(tmp)
    try:
        if force:
            if path.is_dir() and not path.is_symlink():
                raise OutputError(f"{path} là một thư mục, không phải tệp.")
            os.replace(tmp, path)
            return
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise OutputExistsError(str(path)) from None
        except OSError as exc:  # e.g. FAT/exFAT or a network share without hard links
            if exc.errno in _REAL_FAILURES:
                raise
            _reserve_and_replace(tmp, path)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"Không ghi được {path}: {os_reason(exc)}.") from None
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def write_file(path: Path, content: bytes, force: bool = False) -> None:
    """Write ``content`` to ``path`` atomically; never replace an existing name unless
    ``force`` (see the module docstring). Raises OutputError / OutputExistsError."""
    if path.is_dir():
        raise OutputError(f"{path} là một thư mục, không phải tệp.")
    if os.path.lexists(path) and not force:
        raise OutputExistsError(str(path))
    _make_parent(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"Không ghi được {path}: {os_reason(exc)}.") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the usual file mode
    except BaseException as exc:
        os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"Không ghi được {path}: {os_reason(exc)}.") from None
        raise
    place(tmp, path, force)


def temporary_dir(near: Path) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder beside ``near`` (same file system, so :func:`place` can link from
    it), for tools such as LibreOffice that write files under their own names."""
    _make_parent(near)
    try:
        return tempfile.TemporaryDirectory(prefix=".nqgen-", dir=near.parent)
    except OSError as exc:
        raise OutputError(f"Không ghi được vào {near.parent}: {os_reason(exc)}.") from None


# Fixed zip entry time: an output's bytes depend only on its input (batch outputs are
# byte-identical across runs and worker counts). 1980-01-01 is the earliest time a zip can hold.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def zip_info(name: str) -> zipfile.ZipInfo:
    """A zip entry with the fixed time :data:`ZIP_EPOCH` (same bytes on every platform)."""
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    return info


def repack_zip(data: bytes) -> bytes:
    """The zip package ``data`` (XLSX, DOCX) with every entry's time fixed, order kept, so that
    a library writing the clock's time into the zip still gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            dst.writestr(zip_info(name), src.read(name))
    return out.getvalue()
