"""Write a file so that a reader sees either the old version or the new one, never half.

The temporary file has one exact name per target (``.feed.xml.pressflow.tmp``), so the
clean-up after a killed run deletes only files pressflow created, never another ``.*.tmp``
someone keeps in the output folder. Writers hold the run lock, so there is one at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

TEMP_SUFFIX = ".pressflow.tmp"


def temp_path(path: Path) -> Path:
    """The temporary file :func:`write_atomic` writes before renaming it to ``path``."""
    return path.parent / f".{path.name}{TEMP_SUFFIX}"


def _open_new(tmp: Path) -> int:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(tmp, flags, 0o644)
    except FileExistsError:  # left by a killed run (writers hold the run lock): dead
        tmp.unlink()
        return os.open(tmp, flags, 0o644)


def write_atomic(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = temp_path(path)
    fd = _open_new(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def remove_leftover_temps(folder: Path, names: Iterable[str]) -> None:
    """Delete the temporary files a killed run left for these output files, by exact name."""
    for name in names:
        temp_path(folder / name).unlink(missing_ok=True)
