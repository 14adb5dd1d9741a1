"""The benchmark compares like with like, and a target `make test` checks can fail it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from conftest import ROOT, THEME


def load_run() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    return module


bench = load_run()


def resolved(path: Path) -> dict[str, Any]:
    """The config MkDocs would see: the written file merged over the inherited one."""
    from mkdocs.config import load_config

    config = load_config(str(path))
    return {"plugins": list(config.plugins), "theme_dirs": config.theme.dirs, "config": config}


@pytest.mark.parametrize("kind", ["plugin", "hook", "plain"])
def test_each_build_runs_the_engine_as_intended(tmp_path: Path, kind: str) -> None:
    config = bench.real_config()
    nav = [{"Home": "index.md"}]
    (tmp_path / "docs").mkdir()
    bench.write_config(tmp_path / "mkdocs.yml", config, kind=kind, nav=nav)
    written = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    loaded = resolved(tmp_path / "mkdocs.yml")
    engine = [name for name in loaded["plugins"] if name == "scenariosite"]
    assert engine == (["scenariosite"] if kind == "plugin" else [])  # never twice, never in the plain build
    assert not any(hook.endswith("hooks/scenarios.py") for hook in written["hooks"])
    assert written["nav"] == nav
    if kind == "plain":  # what the plugin sets, set by hand
        assert loaded["theme_dirs"][0] == str(THEME)
        assert written["extra"]["scenariosite_ui"]
        assert "assets/ss-links.js" in written["extra_javascript"]
        assert "scenariosite.mdx" in written["markdown_extensions"]
    if kind == "hook":
        assert written["extra"]["scenariosite"]["dir"] == "scenarios"


def test_a_gated_miss_fails_and_an_ungated_one_is_said_to_be_out_of_the_gate() -> None:
    ungated = [("overhead at 10", False, False)]
    gated = [("overhead at 100", False, True)]
    assert bench.exit_status(ungated, True) == 0
    assert "not gated" in bench.verdict_line(*ungated[0])
    assert "MISS" not in bench.verdict_line(*ungated[0]).upper()  # only a failing gate says MISS
    assert bench.exit_status(gated, True) == 1
    assert bench.verdict_line(*gated[0]).startswith("MISS")


def test_the_smoke_run_in_make_test_checks_its_targets() -> None:
    result = subprocess.run(["make", "-n", "bench-smoke"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "--check-targets" in result.stdout, result.stdout


def test_the_overhead_is_the_median_of_paired_ratios() -> None:
    run = bench.Run(1.0, 1.0, 1.0)
    row = bench.Row(10, 1, run, 0.0, run, run, run, [1.5, 1.0, 1.1], 0, 0, 0, 0, 0, 0)
    assert row.overhead == pytest.approx(0.1)
