"""Output files written safely: never over a file unasked, never over the database, never
through a symbolic link.

Every file a command writes (`report -o`, `timeline --plot`, `export`) goes through
`output_file`. Without `force` the file is created with O_EXCL (an existing file, or one
that appears meanwhile, is refused); with `force` the new content is written beside it and
renamed over it, so a failed write never leaves half a file. A symbolic link is refused
either way, and so is any path that is the database or one of its -wal, -shm or -journal
files, compared by resolved path and by inode (a hard link to the database is the
database).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from onrecord.errors import OutputError

# The files SQLite keeps beside a database: writing over any of them corrupts it.
DATABASE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def check_output(
    path: str | Path, *, force: bool = False, protect: Iterable[str | Path] = ()
) -> Path:
    """Return `path` if a command may write it, else raise OutputError saying why.

    `protect` names database files, which are never written (with their -wal, -shm and
    -journal files), whatever `force` says.
    """
    target = Path(path)
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        found = None
    if found is not None and stat.S_ISLNK(found.st_mode):
        raise OutputError(
            f"{target} is a symbolic link; onrecord never writes through one",
            hint="give the path of a regular file, or remove the link",
        )
    if _is_protected(target, found, protect):
        raise OutputError(
            f"{target} is the database; onrecord never writes an output over it",
            hint="give another file name for the output",
        )
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise OutputError(
            f"{target} exists and is not a regular file",
            hint="give the path of a new file",
        )
    if found is not None and not force:
        raise OutputError(
            f"{target} exists; onrecord does not overwrite a file unasked",
            hint="add --force to replace it, or give another file name",
        )
    return target


def _is_protected(
    target: Path, found: os.stat_result | None, protect: Iterable[str | Path]
) -> bool:
    """Whether `target` is one of the `protect`ed databases (or a file SQLite keeps beside it)."""
    resolved = _resolved(target)
    for database in protect:
        for suffix in DATABASE_SUFFIXES:
            kept = Path(f"{database}{suffix}")
            if resolved == _resolved(kept):
                return True
            if found is not None and _same_file(found, kept):
                return True
    return False


def _resolved(path: Path) -> Path:
    """Return `path` absolute, its folders' links resolved (the name itself left as it is)."""
    return Path(os.path.realpath(path.parent)) / path.name


def _same_file(found: os.stat_result, other: Path) -> bool:
    try:
        theirs = os.stat(other)
    except OSError:
        return False
    return (found.st_dev, found.st_ino) == (theirs.st_dev, theirs.st_ino)


@contextlib.contextmanager
def output_file(
    path: str | Path, *, force: bool = False, protect: Iterable[str | Path] = ()
) -> Iterator[BinaryIO]:
    """Open `path` for writing bytes, safely (see the module docstring); raise OutputError.

    The file is complete when the block ends; on an error inside it, nothing is left behind
    (and a replaced file is kept as it was).
    """
    protect = tuple(protect)
    target = check_output(path, force=force, protect=protect)
    if force and target.exists():
        with _replacing(target, protect) as out:
            yield out
        return
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(target, flags, 0o644)
    except FileExistsError as error:  # it appeared since the check, or is a link
        raise OutputError(
            f"{target} exists; onrecord does not overwrite a file unasked",
            hint="add --force to replace it, or give another file name",
        ) from error
    try:
        with os.fdopen(descriptor, "wb") as out:
            yield out
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise


@contextlib.contextmanager
def _replacing(target: Path, protect: tuple[str | Path, ...]) -> Iterator[BinaryIO]:
    """Write a file beside `target`, then rename it over `target` (checked again first)."""
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as out:
            yield out
        os.chmod(temporary, 0o644)
        check_output(target, force=True, protect=protect)  # nothing swapped in meanwhile
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
