"""Course files stay inside the course folder.

A scenario file that is a symbolic link to somewhere else would be read and published
as if it were course content (a link to /etc/passwd would even show its first line in
the error message). Links inside the folder are fine; links out of it are refused.
"""

from __future__ import annotations

import os
from pathlib import Path

from .diagnostics import Position, Report


def resolves_inside(path: Path, folder: Path) -> bool:
    """True when `path`, links followed, is a file in `folder` (or below it)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def refuse_outside(path: Path, folder: Path, report: Report) -> bool:
    """Report a link out of `folder`; True when the file may be read."""
    if resolves_inside(path, folder):
        return True
    try:
        target = os.readlink(path)
    except OSError:
        target = "somewhere else"
    report.error(
        path,
        Position(1, 1),
        f"this file is a link to {target}, outside {folder.name}/; course files must be inside the folder. "
        "Copy the file in instead of linking to it",
    )
    return False
