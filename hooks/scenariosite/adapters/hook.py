"""MkDocs `hooks:` entry points over the plugin class: one code path for both setups.
The options are read from `extra.scenariosite` and validated like the plugin's."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from .mkdocs_plugin import ScenarioSitePlugin

plugin = ScenarioSitePlugin()
plugin.option_source = "extra"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    extra: dict[str, Any] = dict(config.extra or {})
    options = dict(extra.get("scenariosite") or {})
    errors, _ = plugin.load_config(options, config.config_file_path)
    if errors:
        raise Abort(f"{len(errors)} bad option(s) under extra.scenariosite: nothing was built")
    return plugin.course_config(plugin.early_config(config))


def on_pre_build(config: MkDocsConfig) -> None:
    plugin.on_pre_build(config=config)


def on_startup(command: str, dirty: bool) -> None:
    plugin.on_startup(command=command, dirty=dirty)


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    plugin.on_post_build(config=config)


def on_build_error(error: Exception) -> None:
    plugin.on_build_error(error=error)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    return plugin.on_nav(nav, config=config, files=files)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    return plugin.on_env(env, config=config, files=files)


@event_priority(-100)
def on_page_context(context: Any, page: Any, config: MkDocsConfig, nav: Navigation) -> Any:
    return plugin.on_page_context(context, page=page, config=config, nav=nav)


@event_priority(100)
def on_post_page(output: str, page: Any, config: MkDocsConfig) -> str:
    return plugin.on_post_page(output, page=page, config=config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return plugin.on_files(files, config=config)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    return plugin.on_serve(server, config=config, builder=builder)


def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    return plugin.on_page_markdown(markdown, page=page, config=config, files=files)


def on_page_content(html: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    return plugin.on_page_content(html, page=page, config=config, files=files)
