"""The course's settings as mkdocs.yml holds them, for commands that run without MkDocs.

`scenariosite check` must judge the course the build will build: the same scenarios
folder, coverage threshold, nav size and links page. So it reads the plugin's options
from mkdocs.yml (the `plugins: - scenariosite:` entry, or `extra.scenariosite` for
the hook setup) and validates them through the plugin's own config class: a value
the build would refuse, check refuses too, at the same line.

mkdocs.yml may hold tags MkDocs resolves (`!ENV`, `!!python/name:`): read here as
None, since none of the settings we need is written that way in practice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Position, Report
from ..pipeline import Settings
from ..published.paths import CourseSite, course_site
from ..settings_errors import PLUGIN_NAME, option_diagnostics
from .mkdocs_plugin import ScenarioSiteConfig

CONFIG_FILE = Path("mkdocs.yml")
DEFAULT_DIR = Path("scenarios")


class SettingsError(Exception):
    """mkdocs.yml is unusable or holds bad options; `report` says where."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.errors)} bad setting(s)")
        self.report = report


class _LenientLoader(yaml.SafeLoader):
    pass


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass
class CourseConfig:
    config_file: Path
    options: ScenarioSiteConfig
    settings: Settings
    docs_dir: Path
    warnings: Report  # unknown options: MkDocs warns about them, and --strict fails

    @property
    def directory(self) -> Path:
        """The scenarios folder, relative to mkdocs.yml as the plugin takes it."""
        return self.config_file.parent / self.options.dir

    @property
    def min_coverage(self) -> int | None:
        """The setting's override, or None: each taxonomy's own min_coverage."""
        return self.options.min_coverage


def read_mkdocs_yml(config_file: Path) -> dict[str, Any]:
    try:
        text = config_file.read_text(encoding="utf-8-sig")
        data = yaml.load(text, Loader=_LenientLoader)  # noqa: S506 - a SafeLoader; unknown tags read as None
    except OSError as exc:
        raise _error(config_file, Position(1, 1), f"cannot read the settings: {exc.strerror or exc}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        raise _error(config_file, position, f"YAML syntax error: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise _error(config_file, Position(1, 1), f"YAML syntax error: {exc}") from None
    if not isinstance(data, dict):
        raise _error(config_file, Position(1, 1), "expected a mapping of settings, such as 'site_name: ...'")
    return data


def plugin_options(data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(where, options): the plugin entry, else `extra.scenariosite` (the hook setup,
    or a config that names neither: every option then takes its default)."""
    plugins = data.get("plugins")
    if isinstance(plugins, dict):  # MkDocs takes plugins as a mapping too
        plugins = [{name: options} for name, options in plugins.items()]
    for entry in plugins if isinstance(plugins, list) else []:
        if entry == PLUGIN_NAME:
            return "plugins", {}
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            options = entry[PLUGIN_NAME]
            return "plugins", options if isinstance(options, dict) else {}
    extra = data.get("extra")
    options = extra.get(PLUGIN_NAME) if isinstance(extra, dict) else None
    return "extra", options if isinstance(options, dict) else {}


def load_course_config(config_file: Path) -> CourseConfig:
    """Read and validate; raises SettingsError with located errors."""
    data = read_mkdocs_yml(config_file)
    source, raw = plugin_options(data)
    options = ScenarioSiteConfig(config_file_path=str(config_file))
    options.load_dict(raw)
    errors, warnings = options.validate()
    if errors:
        raise SettingsError(option_diagnostics(config_file, source, errors))
    unknown = Report()
    for diagnostic in option_diagnostics(config_file, source, warnings).diagnostics:
        unknown.warning(diagnostic.path, diagnostic.position, diagnostic.message)
    theme = data.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    site_url = data.get("site_url")
    settings = Settings(
        language=language if isinstance(language, str) and language else "nl",
        site_url=site_url if isinstance(site_url, str) else "",
        nav_scenarios_max=options.nav_scenarios_max,
        links_page=options.links_page,
        custom_templates=config_file.parent / options.custom_templates if options.custom_templates else None,
    )
    docs_dir = data.get("docs_dir")
    docs = config_file.parent / (docs_dir if isinstance(docs_dir, str) else "docs")
    return CourseConfig(config_file, options, settings, docs, unknown)


@dataclass
class CheckInputs:
    directory: Path
    min_coverage: int | None
    settings: Settings
    site: CourseSite
    report: Report  # what reading the settings found (unknown options)


def check_inputs(directory: Path | None, config_file: Path | None, min_coverage: int | None) -> CheckInputs:
    """What `scenariosite check` checks. With a config file (-f, or mkdocs.yml in the
    working directory when no DIR is given) the build's own settings; a DIR on the
    command line overrides the folder. Without one, the defaults and DIR, as before."""
    if config_file is None and directory is None and CONFIG_FILE.is_file():
        config_file = CONFIG_FILE
    if config_file is None:
        directory = directory or DEFAULT_DIR
        return CheckInputs(directory, min_coverage, Settings(), course_site(directory), Report())
    config = load_course_config(config_file)
    site = CourseSite(config_file.resolve().parent, config.docs_dir.resolve(), config.settings.site_url)
    folder = directory or config.directory
    wanted = min_coverage if min_coverage is not None else config.min_coverage
    return CheckInputs(folder, wanted, config.settings, site, config.warnings)


def _error(path: Path, position: Position, message: str) -> SettingsError:
    report = Report()
    report.error(path, position, message)
    return SettingsError(report)
