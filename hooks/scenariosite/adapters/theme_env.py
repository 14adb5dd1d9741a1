"""Serve: the theme's Jinja environments stop redoing the same work on every save.

MkDocs makes a fresh environment from the theme for every build, and Material's search
plugin makes two more to read its translations. Each one compiles its templates again,
and MkDocs walks every folder of the installed theme (about 1,500 files) and matches
each name against a dozen patterns to find the theme's static files: about a third of
a second of a rebuild that changes one page. While serving, every environment made
from the theme shares:

- one cache of compiled templates (Jinja's bytecode cache, in memory; Jinja checks each
  template's source against it, so an edited template is compiled again);
- the file list of each installed theme folder (read once: an installed package does
  not change while the server runs) and the verdict of MkDocs' static-file filter on
  each name. Folders outside site-packages (the course's custom_dir, an editable
  install) are listed afresh on every build, since an author may edit them.

`mkdocs build` uses none of this.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.theme import Theme

# The filter MkDocs passes when it collects the theme's static files (Files.add_files_from_theme).
STATIC_FILTER = "Files.add_files_from_theme.<locals>.filter"


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates for the life of the dev server (Jinja checks each one's source)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class ThemeEnvironments:
    def __init__(self) -> None:
        self.bytecode = MemoryBytecodeCache()
        self.listings: dict[tuple[str, bool], list[str]] = {}  # installed folder -> its files
        self.verdicts: dict[tuple[str, ...], dict[str, bool]] = {}  # static_templates -> name -> kept

    def install(self, theme: Theme) -> None:
        """Wrap this build's theme (MkDocs reads mkdocs.yml afresh, theme included, on each save)."""
        make = theme.get_env

        def get_env() -> jinja2.Environment:
            env = make()
            env.bytecode_cache = self.bytecode
            loader = env.loader
            if isinstance(loader, jinja2.FileSystemLoader):
                setattr(env, "list_templates", self._lister(env, loader, theme))  # noqa: B010 - this object only
            return env

        setattr(theme, "get_env", get_env)  # noqa: B010 - this build's theme object only

    def _lister(self, env: jinja2.Environment, loader: jinja2.FileSystemLoader, theme: Theme) -> Callable[..., Any]:
        unchanged = env.list_templates

        def list_templates(extensions: Any = None, filter_func: Callable[[str], bool] | None = None) -> list[str]:
            if extensions is not None or filter_func is None or filter_func.__qualname__ != STATIC_FILTER:
                return unchanged(extensions=extensions, filter_func=filter_func)
            names: set[str] = set()
            for folder in loader.searchpath:
                names.update(self._listing(folder, loader.followlinks))
            verdicts = self.verdicts.setdefault(tuple(theme.static_templates), {})
            kept = []
            for name in sorted(names):
                verdict = verdicts.get(name)
                if verdict is None:
                    verdict = verdicts[name] = filter_func(name)
                if verdict:
                    kept.append(name)
            return kept

        return list_templates

    def _listing(self, folder: str, followlinks: bool) -> list[str]:
        def walk() -> list[str]:
            return jinja2.FileSystemLoader(folder, followlinks=followlinks).list_templates()

        if not installed(folder):
            return walk()
        key = (folder, followlinks)
        if key not in self.listings:
            self.listings[key] = walk()
        return self.listings[key]


def installed(folder: str) -> bool:
    """A folder of an installed package, which does not change while the server runs."""
    parts = Path(folder).parts
    return "site-packages" in parts or "dist-packages" in parts
