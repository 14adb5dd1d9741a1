"""The pieces that make a save reach the browser quickly (the whole loop is measured by
`make bench-reload`, and test_incremental compares served sites with clean builds):
the watcher's interval, the theme's cached file list, and the dirty-build warning."""

from __future__ import annotations

import logging
from pathlib import Path

from conftest import FIXTURES
from dev_server import free_port
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from scenariosite.adapters.reuse import DIRTY_WARNING, DirtyWarningFilter, PageReuse
from scenariosite.adapters.theme_env import ThemeEnvironments
from scenariosite.adapters.watching import INTERVAL_S, poll_often


def test_the_watcher_looks_every_tenth_of_a_second_at_every_path(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "scenarios").mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path))
    try:
        server.watch(str(tmp_path / "docs"))  # MkDocs' own watches come before on_serve
        assert all(emitter.timeout == 0.5 for emitter in server.observer.emitters)  # MkDocs' default
        poll_often(server)
        server.watch(str(tmp_path / "scenarios"))  # and the plugin's after it
        assert len(server.observer.emitters) == 2
        assert all(emitter.timeout == INTERVAL_S for emitter in server.observer.emitters)
    finally:
        server.server_close()


def static_files(theme_envs: ThemeEnvironments | None) -> list[tuple[str, str | None]]:
    config = load_config(str(FIXTURES / "course-en" / "mkdocs.yml"))
    if theme_envs is not None:
        theme_envs.install(config.theme)
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return [(file.src_uri, file.abs_src_path) for file in files]


def test_the_theme_file_list_kept_between_saves_is_the_one_mkdocs_finds() -> None:
    plain = static_files(None)
    kept = ThemeEnvironments()
    assert static_files(kept) == plain
    assert kept.listings  # the installed theme's folders were read once...
    assert static_files(kept) == plain  # ...and the second build uses them
    assert len(plain) > 30  # Material's assets, so the comparison means something


def test_the_theme_environment_shares_compiled_templates() -> None:
    kept = ThemeEnvironments()
    config = load_config(str(FIXTURES / "course-en" / "mkdocs.yml"))
    kept.install(config.theme)
    config.theme.get_env().get_template("main.html")
    compiled = len(kept.bytecode.store)
    assert compiled > 0
    config.theme.get_env().get_template("main.html")  # a new environment, as on the next save
    assert len(kept.bytecode.store) == compiled


def test_mkdocs_warning_about_dirty_builds_is_dropped_and_nothing_else() -> None:
    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("mkdocs.commands.build", logging.WARNING, __file__, 1, message, None, None)

    dropped = DirtyWarningFilter()
    assert not dropped.filter(record(DIRTY_WARNING + ", this will likely lead to inaccurate navigation"))
    assert dropped.filter(record("Doc file 'x.md' contains a link 'y.md', but the target is not found"))


def test_files_the_last_build_had_and_this_one_has_not_are_removed_with_their_empty_folders(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in ("kept/index.html", "gone/step/index.html", "shared/a/index.html", "shared/b/index.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("old", encoding="utf-8")
    reuse = PageReuse(enabled=True, published={"kept/index.html", "gone/step/index.html", "shared/a/index.html",
                                               "shared/b/index.html", "404.html"})  # fmt: skip
    reuse.files = Files([File(uri, str(tmp_path / "docs"), str(site), True) for uri in ("kept.md", "shared/b.md")])
    (site / "404.html").write_text("the theme's, written by every build", encoding="utf-8")
    reuse.finish(str(site), static_templates={"404.html", "sitemap.xml"})
    remaining = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    assert remaining == ["404.html", "kept/index.html", "shared/b/index.html"]
    assert not (site / "gone").exists() and not (site / "shared" / "a").exists()
    assert reuse.published == {"kept/index.html", "shared/b/index.html"}
