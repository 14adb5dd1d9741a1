"""How much of SCORM 1.2's suspend_data (4,096 characters) a learner's progress can
need, for the shipped course and for synthetic courses of several sizes: every
scenario with every ending reached and a path through every step (the longest).
tests/browser/test_scorm.py checks that ss-scorm.js writes exactly this.

    .venv/bin/python benchmarks/scorm_suspend.py [--sizes 10 50 100 200]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from scenariosite import pipeline
from scenariosite.scorm.course_index import SUSPEND_DATA_LIMIT_12, course_index, longest_suspend_data
from synthetic import write_course

ROOT = Path(__file__).resolve().parent.parent


def needed(directory: Path) -> tuple[int, int, int]:
    """Scenarios, and the longest suspend_data with and without the paths."""
    result = pipeline.load_course(directory)
    assert result.course is not None, f"{directory}: the course does not load"
    index = course_index(result.course.scenarios.values(), result.course.profile_ref)
    return len(index["scenarios"]), len(longest_suspend_data(index)), len(longest_suspend_data(index, paths=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 100, 200])
    sizes = parser.parse_args().sizes
    rows = [("shipped course", *needed(ROOT / "scenarios"))]
    for size in sizes:
        with tempfile.TemporaryDirectory() as work:
            write_course(Path(work), size)
            rows.append((f"synthetic {size}", *needed(Path(work) / "scenarios")))
    limit = SUSPEND_DATA_LIMIT_12
    print(f"{'course':<16} {'scenarios':>9} {'suspend_data':>12} {'per scenario':>12} {'no paths':>8}  of {limit}")
    for name, scenarios, chars, bare in rows:
        fits = "fits" if chars <= limit else "1.2 drops paths" if bare <= limit else "too long for 1.2"
        print(f"{name:<16} {scenarios:>9} {chars:>12} {chars / scenarios:>12.1f} {bare:>8}  {fits}")


if __name__ == "__main__":
    main()
