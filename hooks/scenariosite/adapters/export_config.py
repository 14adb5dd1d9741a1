"""The exported tree's mkdocs.yml: the course's own settings, with what the plugin
adds at build time written out, so any builder that reads mkdocs.yml (MkDocs,
ProperDocs, Zensical) builds the same site without this package.

The course's file is read as written: tags MkDocs resolves (`!ENV`, `!relative`,
`!!python/name:...`) are kept as tags, so the builder resolves them as it would have.
`INHERIT` is merged in (as MkDocs merges it: mappings key by key, the child wins),
so the exported file stands alone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..plan import SitePlan
from ..settings_errors import PLUGIN_NAME
from .mkdocs_plugin import THEME_ASSETS, complete_nav

DOCS = "docs"  # the exported tree: mkdocs.yml, docs/, theme/
THEME = "theme"
INHERIT = "INHERIT"


@dataclass(frozen=True)
class Tagged:
    """A value under a tag MkDocs resolves (e.g. `!ENV [SITE_URL, ""]`), kept for the builder."""

    tag: str
    value: Any


class _KeepTags(yaml.SafeLoader):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


_KeepTags.add_multi_constructor("!", _construct_tagged)
_KeepTags.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Dumper.add_representer(Tagged, _represent_tagged)


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml with its tags kept and INHERIT merged in. The caller has read the
    file once already (course_config), so syntax errors are reported there."""
    data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_KeepTags)  # noqa: S506 - a SafeLoader
    data = data if isinstance(data, dict) else {}
    parent = data.pop(INHERIT, None)
    if isinstance(parent, str):
        return _merge(read_config((path.parent / parent).resolve()), data)
    return data


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in child.items():
        old = merged.get(key)
        merged[key] = _merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return merged


@dataclass
class ExportSettings:
    """What the export adds to the course's settings."""

    plan: SitePlan
    ui: dict[str, str]
    config_dir: Path  # where the course's mkdocs.yml lives (relative paths start there)
    out: Path  # where the exported mkdocs.yml goes
    language: str | None = None  # given on the command line: replaces mkdocs.yml's
    site_url: str | None = None


def exported_config(data: dict[str, Any], settings: ExportSettings) -> dict[str, Any]:
    """The course's settings for a build without the plugin: the completed nav, the
    generated pages out of the nav, the theme folder, the UI strings the theme reads
    and the stylesheet and script the plugin adds."""
    config = dict(data)
    config["docs_dir"] = DOCS
    theme = config.get("theme")
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme or "material"}
    theme["custom_dir"] = THEME  # the package's theme with the course's own custom_dir on top
    # Zensical's look closest to Material's, which our stylesheet is written for
    # (Zensical's default is its "modern" variant); Material ignores the setting.
    theme.setdefault("variant", "classic")
    if settings.language:
        theme["language"] = settings.language
    if settings.site_url is not None:
        config["site_url"] = settings.site_url
    config["theme"] = theme
    plugins = _without_engine(config.get("plugins"))
    if plugins is not None:
        config["plugins"] = plugins
    if "hooks" in config:
        hooks = [_rebased(h, settings) for h in config["hooks"] or [] if not _is_engine_hook(h, settings)]
        if hooks:
            config["hooks"] = hooks
        else:
            del config["hooks"]
    extra = dict(config.get("extra") or {})
    extra.pop(PLUGIN_NAME, None)  # the hook setup's options: nothing reads them now
    extra["scenariosite_ui"] = settings.ui
    config["extra"] = extra
    for key, asset in THEME_ASSETS.items():
        values = list(config.get(key) or [])
        if asset not in [str(v) for v in values]:
            values.append(asset)
        config[key] = values
    if isinstance(config.get("nav"), list):
        config["nav"] = complete_nav(config["nav"], settings.plan)
    config["not_in_nav"] = _not_in_nav(config.get("not_in_nav"), settings.plan)
    return config


def dump_config(config: dict[str, Any]) -> str:
    header = (
        "# Written by `scenariosite export`: the course's mkdocs.yml with what the scenariosite\n"
        "# plugin adds at build time (nav, theme folder, UI strings). Build with MkDocs,\n"
        "# ProperDocs or Zensical; see EXPORT.md. Edit the course, not this file.\n"
    )
    body = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
    return header + body


def _without_engine(plugins: Any) -> Any:
    if isinstance(plugins, dict):
        return {name: options for name, options in plugins.items() if name != PLUGIN_NAME}
    if isinstance(plugins, list):
        return [p for p in plugins if p != PLUGIN_NAME and not (isinstance(p, dict) and PLUGIN_NAME in p)]
    return plugins


def _is_engine_hook(hook: Any, settings: ExportSettings) -> bool:
    """The hook adapter (hooks/scenarios.py) runs the engine: a file importing scenariosite."""
    if not isinstance(hook, str):
        return False
    try:
        return "scenariosite" in (settings.config_dir / hook).read_text(encoding="utf-8")
    except OSError:
        return False


def _rebased(path: Any, settings: ExportSettings) -> Any:
    """A path relative to the course's mkdocs.yml, made relative to the exported one."""
    if not isinstance(path, str) or os.path.isabs(path):
        return path
    return os.path.relpath(settings.config_dir / path, settings.out)


def _not_in_nav(existing: Any, plan: SitePlan) -> str:
    """The course's own patterns, and every generated page the plugin keeps out of the
    nav (gitignore-style, anchored at docs/)."""
    lines = [existing.rstrip("\n")] if isinstance(existing, str) and existing.strip() else []
    lines += ["/" + page.src_uri for page in plan.pages if not page.in_nav]
    return "\n".join(lines) + "\n"
