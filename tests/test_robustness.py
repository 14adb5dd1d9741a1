"""Bad input of any shape gives located errors, never a traceback.

Hypothesis writes thousands of scenario (and taxonomy) files: random YAML
structures, random text and bytes, and mutations of valid scenarios (a key
deleted or renamed, a value of the wrong type, ids swapped, random unicode, lines
dropped, duplicated or re-indented, tabs, anchors, other encodings). Each run must
end either valid, and then the pages must render, or with errors that each carry
the file, a line and a column inside that file.

Most cases call the engine in-process (pipeline.load_course on a temporary course)
for speed; a smaller number go through the `scenariosite check` command to prove
the exit code and the `file:line:col: error:` lines.

Case counts scale with SCENARIOSITE_FUZZ_SCALE (default 1; CI keeps 1, a local hunt
for bugs can use 20).
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from scenario_helpers import FIXTURE_SCENARIOS, dump_yaml, fixture_schemas, read_yaml
from scenariosite import pipeline
from scenariosite.diagnostics import render
from scenariosite.scaffold import starter_scenario

SCALE = float(os.environ.get("SCENARIOSITE_FUZZ_SCALE", "1"))
HEADLINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): error: \S")
SCENARIO_NAME = "fuzzed.yaml"


def examples(count: int) -> Any:
    return settings(
        max_examples=max(1, int(count * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


# --- the course the fuzzed file is dropped into -------------------------------------


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    directory = tmp_path_factory.mktemp("fuzz") / "scenarios"
    shutil.copytree(FIXTURE_SCENARIOS, directory)
    (directory / "returns.yaml").unlink()  # the fuzzed file is the only scenario
    yield directory


def run_engine(course: Path, name: str, raw: bytes) -> None:
    """Write `raw` as `name` in the course and load, check and (if valid) render it.
    Fails the test on an exception or on an error without a usable place."""
    target = course / name
    original = target.read_bytes() if target.exists() else None
    target.write_bytes(raw)
    try:
        result = pipeline.load_course(course)
        event("valid, rendered" if result.ok else "errors, each located")
        if result.ok:
            assert_renders(result)
        else:
            assert result.report.errors
            assert_located(result, course)
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)


def assert_located(result: pipeline.Result, course: Path) -> None:
    texts: dict[Path, list[str]] = {}
    for diagnostic in result.report.diagnostics:
        assert diagnostic.path.parent == course, diagnostic
        if diagnostic.path not in texts:
            raw = diagnostic.path.read_bytes() if diagnostic.path.exists() else b""
            texts[diagnostic.path] = raw.decode("utf-8-sig", errors="replace").splitlines()
        lines = texts[diagnostic.path]
        assert 1 <= diagnostic.position.line <= len(lines) + 1, (diagnostic, len(lines))
        assert diagnostic.position.column >= 1, diagnostic
        assert diagnostic.message.strip() and "Traceback" not in diagnostic.message
        if diagnostic.severity == "error":
            assert HEADLINE.match(diagnostic.headline()), diagnostic.headline()
        render(diagnostic, lines)  # the caret display copes with any line


def assert_renders(result: pipeline.Result) -> None:
    _, files = pipeline.generate(result, pipeline.Settings(language="en", site_url="https://example.org/"))
    for src_uri in files:
        # Ids make paths: nothing may point outside the site folder.
        assert posixpath.normpath(src_uri) == src_uri and not src_uri.startswith(("/", "..")), src_uri
        assert all(part and part not in (".", "..") for part in src_uri.split("/")), src_uri


# --- strategies ---------------------------------------------------------------------

FIXTURE_SCHEMAS = fixture_schemas()
# The fixture's own files that are not scenarios: its declaration and its taxonomies.
COURSE_FILES = sorted(name.removesuffix(".schema.json") for name in FIXTURE_SCHEMAS if name != "scenario.schema.json")
FIELD_NAMES = sorted(
    {
        name
        for text in FIXTURE_SCHEMAS.values()
        for name in re.findall(r'"([a-z_]+)": \{', text)
        if name not in ("definitions", "properties", "items", "not", "additionalProperties", "propertyNames")
    }
)
BASE_IDS = ["counter", "offer", "fixed", "half", "lost", "demanding", "listen", "ask-solution", "hert", "leeuw"]
NASTY_STRINGS = [
    "", " ", "~", "null", "no", "yes", "true", "1.10", "0x1F", "good", "great", "index", "trainer", "../etc",
    "a/b", "Aan de Kassa", "con", "a" * 61, "ë", "\u200b", "\ufeff", "%", "{{ 7*7 }}", "<script>", "- x", "? y",
    "*alias", "&anchor", "!!python/object", "|", ">", "'", '"', "#", "---", "...", "\t", "\\", "🙂",
]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(BASE_IDS + NASTY_STRINGS),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES + BASE_IDS), st.text(min_size=1, max_size=12))
structures = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=7)),
    max_leaves=40,
)


def scenario_like() -> st.SearchStrategy[dict[str, Any]]:
    """Mappings shaped roughly like a scenario, so the model and check stages are
    reached more often than by fully random data."""
    choice = st.fixed_dictionaries(
        {"text": scalars, "consequence": scalars, "feedback": scalars, "next": st.sampled_from(BASE_IDS)},
        optional={"id": scalars, "reaction": st.sampled_from(BASE_IDS), "recommended": scalars, "extra": structures},
    )
    step = st.fixed_dictionaries(
        {"title": scalars, "advice_step": st.sampled_from(BASE_IDS), "situation": scalars,
         "choices": st.lists(choice, max_size=4)},
        optional={"question": scalars},
    )  # fmt: skip
    ending = st.fixed_dictionaries(
        {"rating": st.sampled_from(["good", "mixed", "bad", "great", ""]), "title": scalars, "text": scalars,
         "debrief": scalars}
    )  # fmt: skip
    return st.fixed_dictionaries(
        {"title": scalars, "summary": scalars, "client_types": st.lists(st.sampled_from(BASE_IDS), max_size=2),
         "setting": scalars, "steps": st.dictionaries(st.sampled_from(BASE_IDS + NASTY_STRINGS), step, max_size=4),
         "endings": st.dictionaries(st.sampled_from(BASE_IDS + NASTY_STRINGS), ending, max_size=3)},
        optional={"id": scalars, "start": scalars, "keywords": structures, "trainer": structures},
    )  # fmt: skip


FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: Any, flow: bool | None = None) -> str:
    try:
        if flow is None:
            return dump_yaml(data)
        return yaml.dump(data, Dumper=FAST_DUMPER, allow_unicode=True, default_flow_style=flow, sort_keys=False)
    except yaml.YAMLError:  # e.g. a float PyYAML cannot write; the text mutations still apply
        return repr(data)


def encode(text: str, how: str) -> bytes:
    if how == "bom":
        return b"\xef\xbb\xbf" + text.encode()
    if how == "crlf":
        return text.replace("\n", "\r\n").encode()
    if how == "latin-1":
        return text.encode("latin-1", errors="replace")
    if how == "utf-16":
        return text.encode("utf-16")
    return text.encode()


ENCODINGS = st.sampled_from(["utf-8"] * 6 + ["bom", "crlf", "latin-1", "utf-16"])


# --- mutations of valid scenarios ---------------------------------------------------

Loc = tuple[Any, ...]


def all_locs(data: Any, loc: Loc = ()) -> list[Loc]:
    found = [loc]
    if isinstance(data, dict):
        for key, value in data.items():
            found += all_locs(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += all_locs(value, loc + (index,))
    return found


def parent_and_key(data: Any, loc: Loc) -> tuple[Any, Any]:
    node = data
    for part in loc[:-1]:
        node = node[part]
    return node, loc[-1]


def mutate_data(draw: st.DrawFn, data: Any) -> Any:
    locs = [loc for loc in all_locs(data) if loc]
    if not locs:
        return draw(structures)
    loc = draw(st.sampled_from(locs))
    parent, key = parent_and_key(data, loc)
    kind = draw(st.sampled_from(["delete", "retype", "rename", "unicode", "add", "swap", "wrap", "copy"]))
    if kind == "delete":
        del parent[key]
    elif kind == "retype":
        parent[key] = draw(structures)
    elif kind == "rename" and isinstance(parent, dict):
        new_key = draw(st.one_of(st.sampled_from(FIELD_NAMES + BASE_IDS + NASTY_STRINGS), st.text(max_size=8)))
        parent[new_key or "x"] = parent.pop(key)
    elif kind == "unicode" and isinstance(parent[key], str):
        text = parent[key]
        at = draw(st.integers(0, len(text)))
        parent[key] = text[:at] + draw(st.text(min_size=1, max_size=10)) + text[at:]
    elif kind == "add" and isinstance(parent[key], dict):
        parent[key][draw(keys)] = draw(structures)
    elif kind == "swap":
        other = draw(st.sampled_from(locs))
        if other[: len(loc)] != loc and loc[: len(other)] != other:  # neither contains the other
            other_parent, other_key = parent_and_key(data, other)
            parent[key], other_parent[other_key] = other_parent[other_key], parent[key]
    elif kind == "wrap":
        parent[key] = [parent[key]]
    elif kind == "copy" and isinstance(parent, dict):
        # A copy, not the same object: a later swap into a shared node would make the
        # data contain itself, and every walk over it would recurse without end.
        parent[draw(st.sampled_from(BASE_IDS + NASTY_STRINGS))] = deepcopy(parent[key])
    return data


YAML_TOKENS = [
    "&a ", "*a", "!!str ", "!!python/object:os.system ", "{", "[", "]", ": ", "- ", "? ", "|", ">", "%YAML 1.1\n",
    "---\n", "...\n", "\x00", "\x07", "'", '"', "#",
]  # fmt: skip


def mutate_text(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    index = draw(st.integers(0, max(0, len(lines) - 1)))
    kind = draw(st.sampled_from(["insert", "drop", "duplicate", "indent", "dedent", "truncate", "tab", "token"]))
    if kind == "insert":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.text(min_size=1, max_size=8)) + text[at:]
    if kind == "drop":
        del lines[index]
    elif kind == "duplicate":
        lines.insert(index, lines[index])
    elif kind == "indent":
        lines[index] = "  " + lines[index]
    elif kind == "dedent":
        lines[index] = lines[index][2:]
    elif kind == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    elif kind == "tab":
        lines[index] = "\t" + lines[index].lstrip(" ")
    else:
        token = draw(st.sampled_from(YAML_TOKENS))
        at = draw(st.integers(0, len(lines[index])))
        lines[index] = lines[index][:at] + token + lines[index][at:]
    return "\n".join(lines)


def valid_bases() -> list[dict[str, Any]]:
    return [read_yaml(FIXTURE_SCENARIOS / "returns.yaml"), yaml.safe_load(starter_scenario("base", FIXTURE_SCENARIOS))]


BASES = valid_bases()


@st.composite
def mutated_scenarios(draw: st.DrawFn) -> bytes:
    data = deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 3))):
        data = mutate_data(draw, data)
    text = dump(data, draw(st.sampled_from([None, None, False, True])))
    for _ in range(draw(st.integers(0, 2))):
        text = mutate_text(draw, text)
    return encode(text, draw(ENCODINGS))


# --- the suite ----------------------------------------------------------------------


@examples(1300)
@given(structures, st.sampled_from([None, False, True]), ENCODINGS)
def test_random_yaml_structures(course: Path, data: Any, flow: bool | None, how: str) -> None:
    run_engine(course, SCENARIO_NAME, encode(dump(data, flow), how))


@examples(500)
@given(scenario_like(), st.sampled_from([None, False, True]))
def test_scenario_shaped_structures(course: Path, data: Any, flow: bool | None) -> None:
    run_engine(course, SCENARIO_NAME, dump(data, flow).encode())


@examples(2200)
@given(mutated_scenarios())
def test_mutations_of_valid_scenarios(course: Path, raw: bytes) -> None:
    run_engine(course, SCENARIO_NAME, raw)


@examples(500)
@given(st.one_of(st.text(max_size=300).map(str.encode), st.binary(max_size=300)))
def test_random_text_and_bytes(course: Path, raw: bytes) -> None:
    run_engine(course, SCENARIO_NAME, raw)


@examples(300)
@given(st.sampled_from(COURSE_FILES), st.data())
def test_mutated_taxonomies(course: Path, name: str, data: st.DataObject) -> None:
    entries = read_yaml(FIXTURE_SCENARIOS / f"{name}.yaml")
    for _ in range(data.draw(st.integers(1, 3))):
        entries = mutate_data(data.draw, entries)
    text = dump(entries)
    if data.draw(st.booleans()):
        text = mutate_text(data.draw, text)
    shutil.copy(FIXTURE_SCENARIOS / "returns.yaml", course / "returns.yaml")  # something to refer to the entries
    try:
        run_engine(course, f"{name}.yaml", text.encode())
    finally:
        (course / "returns.yaml").unlink()


def test_mutations_never_make_data_contain_itself() -> None:
    """A copy, then a swap into the copy, once made a cycle: RecursionError in the generator."""
    data = deepcopy(BASES[0])
    first = next(iter(data["steps"]))
    script = iter([("steps",), "copy", "counter", ("steps", first), "swap", ("counter",)])
    for _ in range(2):
        data = mutate_data(lambda _strategy: next(script), data)
    assert all_locs(data) and dump(data)


def test_the_bases_are_valid(course: Path) -> None:
    for base in BASES:
        result = pipeline.load_course(_with(course, base))
        assert result.ok, [d.headline() for d in result.report.diagnostics]
    (course / SCENARIO_NAME).unlink()


def _with(course: Path, data: Any) -> Path:
    (course / SCENARIO_NAME).write_text(dump_yaml(data), encoding="utf-8")
    return course


# --- through the command line -------------------------------------------------------

SCENARIOSITE = Path(sys.executable).parent / "scenariosite"


@examples(25)
@given(st.one_of(mutated_scenarios(), structures.map(lambda d: dump(d).encode())))
def test_cli_exit_codes_and_located_errors(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    directory = tmp_path_factory.mktemp("cli") / "scenarios"
    shutil.copytree(FIXTURE_SCENARIOS, directory)
    (directory / "returns.yaml").write_bytes(raw)
    result = subprocess.run(
        [str(SCENARIOSITE), "check", "scenarios"], cwd=directory.parent, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode in (0, 1), result.stderr
    if result.returncode == 1:
        errors = [line for line in result.stderr.splitlines() if HEADLINE.match(line)]
        assert errors, result.stderr
        assert all(line.startswith("scenarios/") for line in errors), errors
    assert re.search(r"^check: .* (\d+) error\(s\)", result.stdout, re.M)
