"""Owner-only files written atomically: keystores and donation receipts hold secrets."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def make_private_dir(path: Path) -> Path:
    """Create `path` (and its parents) if missing; a directory created here is mode 0700.

    An existing directory keeps its mode: it may be one the user chose and set up on purpose.
    """
    if not path.is_dir():
        path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
        os.chmod(path, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    return path


def write_private(path: Path, data: bytes, *, replace: bool = False) -> None:
    """Write `data` to `path` with mode 0600, atomically.

    The bytes go to a temporary file in the same directory, reach the disk (fsync), then take
    the final name: a reader sees the whole file or none of it. Unless `replace`, an existing
    file is never overwritten, even by a concurrent writer (FileExistsError).
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), PRIVATE_FILE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            _publish_without_overwrite(tmp, path)
        _fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)


def _publish_without_overwrite(tmp: Path, path: Path) -> None:
    # link() fails if the name exists, so two writers cannot both win; rename() would not.
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # a filesystem without hard links: check, then rename (small race)
        if path.exists():
            raise FileExistsError(path) from None
        os.rename(tmp, path)


def _fsync_dir(directory: Path) -> None:
    # Makes the new directory entry durable; some filesystems cannot open a directory.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
