"""The last good site survives every failed build, strict-mode warnings included.

MkDocs cleans `site/` early and counts strict-mode warnings only at the very end,
after every page is written: a strict build that fails on a warning has already
replaced the published site. So `mkdocs build` writes into a hidden sibling folder
(`.site.building-<pid>`), and on_post_build, the last step before MkDocs' strict
verdict, swaps it in only if no warning was logged (or the build is not strict). A
failed build leaves `site/` as it was, byte for byte.

Not for `mkdocs serve` (it builds into its own temporary folder) nor `--dirty` builds
(they rebuild into the existing folder on purpose). Dot-entries of the old `site/`
(a `.git` for publishing from it) move into the new one: MkDocs' clean keeps them too.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.scenariosite")


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class SafePublish:
    def __init__(self) -> None:
        self.command: str | None = None  # None: a build driven without `mkdocs` (on_startup not called)
        self.dirty = False
        self.final: Path | None = None
        self.building: Path | None = None
        self.counter: _WarningCounter | None = None

    def startup(self, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty

    def begin(self, site_dir: str) -> str:
        """Where this build should write: a fresh sibling of `site_dir`, or `site_dir` itself."""
        self._stop_counting()
        if self.command == "serve" or self.dirty:
            return site_dir
        self.final = Path(site_dir)
        self.building = self.final.with_name(f".{self.final.name}.building-{os.getpid()}")
        shutil.rmtree(self.building, ignore_errors=True)  # left over from a killed build
        self.counter = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(self.counter)
        return str(self.building)

    def finish(self, strict: bool) -> str | None:
        """Swap the new site in, unless a strict build logged a warning. Returns the
        folder the site now lives in (None when nothing was published)."""
        if self.building is None or self.final is None:
            return None
        warnings = self.counter.count if self.counter is not None else 0
        self._stop_counting()
        building, final = self.building, self.final
        self.building = None
        if strict and warnings:
            shutil.rmtree(building, ignore_errors=True)
            log.info(f"{warnings} warning(s) in strict mode: {final} is left as it was")
            return None
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        if final.exists():
            final.rename(old)
        building.rename(final)
        if old.exists():
            for entry in old.iterdir():
                if entry.name.startswith(".") and not (final / entry.name).exists():
                    entry.rename(final / entry.name)
            shutil.rmtree(old, ignore_errors=True)
        return str(final)

    def discard(self) -> None:
        """A build that failed half-way: drop what it wrote."""
        self._stop_counting()
        if self.building is not None:
            shutil.rmtree(self.building, ignore_errors=True)
            self.building = None

    def _stop_counting(self) -> None:
        if self.counter is not None:
            with contextlib.suppress(ValueError):
                logging.getLogger("mkdocs").removeHandler(self.counter)
            self.counter = None
