"""plan.relative_link replaces posixpath.relpath for speed (issue 7 benchmark): it
must give the very same link for every pair of files a course produces."""

from __future__ import annotations

import itertools
import posixpath

from conftest import FIXTURES
from scenariosite import pipeline
from scenariosite.plan import relative_link


def test_same_as_relpath_for_every_pair_of_course_files() -> None:
    result = pipeline.load_course(FIXTURES / "course-en" / "scenarios")
    _, uris = pipeline.plan_files(result, pipeline.Settings(language="en"))
    uris += ["index.md", "begin-hier.md", "assets/x.css"]
    for source, target in itertools.product(uris, uris):
        assert relative_link(source, target) == posixpath.relpath(target, posixpath.dirname(source) or "."), (
            source,
            target,
        )
