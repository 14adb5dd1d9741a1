"""Benchmark: save to reload with `mkdocs serve`, beside a full build of the same course.

    .venv/bin/python benchmarks/reload.py              # the shipped course, 6 saves
    .venv/bin/python benchmarks/reload.py --saves 10
    .venv/bin/python benchmarks/reload.py --plain      # `mkdocs serve` without --dirty

A copy of the course goes to a temporary folder. First a full `mkdocs build` is timed
there. Then `mkdocs serve --dirty` (what `make serve` runs) runs on a free port of 127.0.0.1 and each save makes a
one-word edit in the first step's situation of scenarios/zweetplekken.yaml (a new word
each time); the time is measured from the moment the file is written and closed to the
moment the dev server, asked over HTTP, serves the page with the new word. That is what
an author waits for (the browser's own reload adds the page load). Prints every save,
the median and the full build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
SCENARIO = Path("scenarios") / "zweetplekken.yaml"
PAGE = "scenarios/zweetplekken/toonbank/"
WORD = "wacht een meisje"  # in that step's situation, once
TARGET_S = 1.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return str(error.read().decode("utf-8", errors="replace"))


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a running process (Linux): the server's own work per save,
    which a busy machine does not stretch the way it stretches the wall clock."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def full_build(course: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `mkdocs build` (a fresh process, as an author runs it)."""
    start = time.perf_counter()
    process = subprocess.Popen([str(BIN / "mkdocs"), "build", "-q", "-d", str(course / "site-full")],
                               cwd=course, env=ENV)  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("the full build failed")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=6, help="how many saves to time (at least 5)")
    parser.add_argument("--plain", action="store_true", help="time `mkdocs serve` without --dirty instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scenariosite-reload-") as temp:
        course = Path(temp) / "course"
        course.mkdir()
        for name in ("mkdocs.yml", "docs", "scenarios", "urls"):
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, course / name)
        scenario = course / SCENARIO
        original = scenario.read_text(encoding="utf-8")
        if original.count(WORD) != 1:
            raise SystemExit(f"{SCENARIO} should hold '{WORD}' once, to edit it")
        build_wall, build_cpu = full_build(course)

        port = free_port()
        url = f"http://127.0.0.1:{port}/{PAGE}"
        log = (Path(temp) / "serve.log").open("w")
        command = [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", *([] if args.plain else ["--dirty"])]
        server = subprocess.Popen(command, cwd=course, env=ENV,
                                  stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        times: list[float] = []
        cpu: list[float] = []
        try:
            deadline = time.monotonic() + 180
            while True:
                try:
                    if WORD in get(url):
                        break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit((Path(temp) / "serve.log").read_text(encoding="utf-8"))
                time.sleep(0.1)
            time.sleep(1)  # let the watcher settle
            for n in range(1, args.saves + 1):
                word = f"wacht een proefwoord{n}"  # one word replaced
                before = cpu_seconds(server.pid)
                with scenario.open("w", encoding="utf-8") as file:
                    file.write(original.replace(WORD, word))
                start = time.perf_counter()
                while word not in get(url):
                    time.sleep(0.005)
                times.append(time.perf_counter() - start)
                cpu.append(cpu_seconds(server.pid) - before)
                print(f"save {n}: {times[-1]:.2f} s ({cpu[-1]:.2f} s CPU in the server)", file=sys.stderr, flush=True)
                time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()

    median = statistics.median(times)
    served = "mkdocs serve" if args.plain else "mkdocs serve --dirty (make serve)"
    print(f"save to reload with {served}, one-word edit in {SCENARIO} ({len(times)} saves): median {median:.2f} s, "
          f"min {min(times):.2f} s, max {max(times):.2f} s (target < {TARGET_S:.0f} s); "
          f"server CPU per save: median {statistics.median(cpu):.2f} s")  # fmt: skip
    print(f"full build of the same course (mkdocs build): {build_wall:.2f} s wall, {build_cpu:.2f} s CPU")
    verdict = "met" if median < TARGET_S else "MISS"
    share = median / build_wall
    print(f"{verdict} save to reload < {TARGET_S:.0f} s: median {median:.2f} s, {share:.0%} of a full build's time")
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
