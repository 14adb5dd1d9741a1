"""mkdocs.offline.yml repeats two lists of mkdocs.yml (INHERIT replaces lists as a
whole): keep them in step, so the offline package is the shipped course minus only
what file:// cannot do."""

from __future__ import annotations

from typing import Any

import yaml
from conftest import ROOT


def config(name: str) -> dict[str, Any]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV and friends
    return yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506


def plugin_names(plugins: list[Any]) -> list[str]:
    return [next(iter(p)) if isinstance(p, dict) else p for p in plugins]


def test_offline_features_are_the_shipped_ones_minus_instant_navigation() -> None:
    shipped = config("mkdocs.yml")["theme"]["features"]
    offline = config("mkdocs.offline.yml")["theme"]["features"]
    assert offline == [f for f in shipped if not f.startswith("navigation.instant")]


def test_offline_plugins_are_the_shipped_ones_plus_offline() -> None:
    shipped = config("mkdocs.yml")["plugins"]
    offline = config("mkdocs.offline.yml")["plugins"]
    assert plugin_names(offline) == [*plugin_names(shipped), "offline"]
    assert offline[: len(shipped)] == shipped, "plugin options differ from mkdocs.yml"


def test_offline_package_inherits_everything_else() -> None:
    offline = config("mkdocs.offline.yml")
    assert offline["INHERIT"] == "mkdocs.yml"
    assert set(offline) == {"INHERIT", "use_directory_urls", "theme", "plugins", "extra"}
    assert set(offline["theme"]) == {"features"}
    assert offline["extra"] == {"polyfills": ["assets/javascripts/iframe-worker-shim.js"]}
