"""Golden rendered pages: every page of the English fixture course as Markdown, in
tests/golden/pages/<url>.md, so a template change shows as a small diff to review
without a build. `pytest --regen-golden` rewrites them from what the engine renders."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from scenariosite import pipeline

GOLDEN = Path(__file__).resolve().parent / "golden" / "pages"


def rendered() -> dict[str, str]:
    result = pipeline.load_course(FIXTURES / "course-en" / "scenarios")
    assert result.ok, [d.headline() for d in result.report.diagnostics]
    _, files = pipeline.generate(result, pipeline.Settings(language="en", site_url="https://fixture.example.org/"))
    return {src.removesuffix("index.md").rstrip("/").replace("/", "__") or "home": text
            for src, text in files.items() if src.endswith(".md")}  # fmt: skip


def test_rendered_pages_match_the_golden_files(request: pytest.FixtureRequest) -> None:
    pages = rendered()
    if request.config.getoption("--regen-golden"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for stale in GOLDEN.glob("*.md"):
            stale.unlink()
        for name, text in pages.items():
            (GOLDEN / f"{name}.md").write_text(text, encoding="utf-8")
        return
    golden = {p.stem: p.read_text(encoding="utf-8") for p in GOLDEN.glob("*.md")}
    assert sorted(golden) == sorted(pages), "pages came or went: run pytest --regen-golden and review the diff"
    for name, text in pages.items():
        assert text == golden[name], f"{name}.md differs: run pytest --regen-golden and review the diff"
