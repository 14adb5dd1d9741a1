"""A strict MkDocs build run from Python, with options of the scenariosite plugin
set for this build only: `scenariosite scorm` builds the SCORM site this way from
the course's own (offline) config, with no config file of its own to keep in step."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

PLUGIN = "scenariosite"


class BuildError(Exception):
    """The build failed; MkDocs or the plugin has already said why."""


@dataclass(frozen=True)
class BuiltSite:
    site_dir: Path
    site_name: str
    language: str
    polyfills: list[str] = field(default_factory=list)  # extra.polyfills: scripts the pages load first
    scorm_index: dict[str, Any] | None = None  # the plugin's course index, when its scorm option was on


def build_site(
    config_file: Path,
    site_dir: Path,
    plugin_options: dict[str, Any],
    *,
    overrides: dict[str, Any] | None = None,
    instant_navigation: bool = True,
) -> BuiltSite:
    """`mkdocs build --strict -f config_file -d site_dir`, with `plugin_options` set on
    the scenariosite plugin and `overrides` on the config (as `mkdocs build` options
    do); `instant_navigation=False` drops Material's navigation.instant features.
    Warnings and errors go to stderr."""
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True, **(overrides or {}))
        if not instant_navigation:
            features = config.theme.get("features") or []
            config.theme["features"] = [f for f in features if not str(f).startswith("navigation.instant")]
        if PLUGIN not in config.plugins:
            raise BuildError(f"{config_file}: the {PLUGIN} plugin is not in its plugins list")
        plugin = config.plugins[PLUGIN]
        for key, value in plugin_options.items():
            plugin.config[key] = value
        build(config)
    except MkDocsException as exc:
        raise BuildError(str(exc)) from None
    finally:
        logger.removeHandler(handler)
    polyfills = [str(item) for item in config.extra.get("polyfills", [])]
    language = str(config.theme.get("language") or "en")
    index = getattr(plugin, "scorm_index", None)
    return BuiltSite(Path(config.site_dir), str(config.site_name), language, polyfills, index)
