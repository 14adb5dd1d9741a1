"""The plugin's SCORM options, and what they add to a build.

    plugins:
      - scenariosite:
          scorm_completion: all    # or how many scenarios must reach an ending
          scorm_pass_mark: 80      # % of scenarios whose first attempt must end `good`

`scorm: true` (set by `scenariosite scorm` for its own build) adds the launch page,
the course index and the tracking script; a normal build is unchanged."""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from ..model import Course
from ..scorm.course_index import course_index, course_script
from ..scorm.launch import COURSE_SCRIPT, LAUNCH_PAGE, TRACKING_SCRIPT, launch_page

ALL = "all"


class Completion(c.OptionallyRequired[int]):
    """`all` (0 here) or a whole number of scenarios >= 1."""

    def __init__(self) -> None:
        super().__init__(default=ALL)

    def run_validation(self, value: object) -> int:
        if value == ALL:
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise base.ValidationError(f"expected '{ALL}' or a number of scenarios of 1 or more, found {value!r}")
        return value


class Percentage(c.Type[int]):
    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise base.ValidationError(f"expected a whole percentage from 0 to 100, found {value!r}")
        return value


def add_tracking(config: MkDocsConfig) -> None:
    """Every page loads the tracking script (before scenariosite.js, whose page events it hears)."""
    if TRACKING_SCRIPT not in [str(item) for item in config.extra_javascript]:
        config.extra_javascript.append(TRACKING_SCRIPT)


def scorm_files(config: MkDocsConfig, course: Course, completion: int, pass_mark: int) -> tuple[dict[str, str], Any]:
    """The launch page and the course index script (src_uri -> content), and the index."""
    language = str(config.theme.get("language") or "en")
    index = course_index(course.scenarios.values(), course.profile_ref)
    settings = {"completion": completion, "passMark": pass_mark / 100, "language": language}
    files = {LAUNCH_PAGE: launch_page(config.site_name, language), COURSE_SCRIPT: course_script(index, settings)}
    return files, index
