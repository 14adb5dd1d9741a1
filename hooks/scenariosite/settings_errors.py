"""Bad plugin options, reported at their line in mkdocs.yml (MkDocs itself names the
option but not where it is)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .diagnostics import Position, Report, render, source_lines
from .load import Document, PathKey, parse, read_text

PLUGIN_NAME = "scenariosite"


def options_location(doc: Document, source: str) -> PathKey:
    """Where the plugin's options sit: under `plugins:` (a list item named
    scenariosite) or, for the hook setup, under `extra: scenariosite:`."""
    if source == "extra":
        return ("extra", PLUGIN_NAME)
    plugins = doc.data.get("plugins") if isinstance(doc.data, dict) else None
    if isinstance(plugins, list):
        for index, item in enumerate(plugins):
            if item == PLUGIN_NAME:
                return ("plugins", index)
            if isinstance(item, dict) and PLUGIN_NAME in item:
                return ("plugins", index, PLUGIN_NAME)
    if isinstance(plugins, dict) and PLUGIN_NAME in plugins:
        return ("plugins", PLUGIN_NAME)
    return ("plugins",)


def option_diagnostics(config_file: Path, source: str, errors: Iterable[tuple[str, Any]]) -> Report:
    report = Report()
    text = read_text(config_file, Report())
    # mkdocs.yml may use tags (!ENV, !!python/name): the positions are all we need from it.
    doc = parse(config_file, text, Report()) if text is not None else None
    for key, error in errors:
        position = Position(1, 1)
        if doc is not None:
            at = options_location(doc, source)
            position = doc.locate(at + (key,))
        report.error(config_file, position, f"{PLUGIN_NAME} option '{key}': {error}")
    return report


def report_option_errors(config_file: str | None, source: str, errors: Iterable[tuple[str, Any]]) -> None:
    path = Path(config_file or "mkdocs.yml")
    for diagnostic in option_diagnostics(path, source, errors).sorted():
        print(render(diagnostic, source_lines(diagnostic.path)), file=sys.stderr)
