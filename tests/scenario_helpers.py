"""Helpers for tests that build courses from data: copy the English fixture course,
write YAML the way an author would, walk every author text field, and run the
engine in-process."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from copy import deepcopy
from pathlib import Path
from typing import Any

import yaml
from scenariosite import pipeline, schema
from scenariosite.declaration import load_declaration
from scenariosite.diagnostics import Report

FIXTURE_SCENARIOS = Path(__file__).resolve().parent / "fixtures" / "course-en" / "scenarios"
TAXONOMY_NAMES = ("client-types", "advice-steps", "reactions")

# Fields that hold an author's words (plain text or Markdown). Every other string
# field is an id, a rating or a group. test_schema checks this list against the models.
TEXT_KEYS = frozenset(
    {
        "title", "summary", "keywords", "setting", "situation", "question", "text", "consequence", "feedback",
        "debrief", "notes", "discussion", "name", "based_on", "recognise", "need", "helps", "pitfalls", "body",
        "how", "pitfall", "strength",
    }
)  # fmt: skip

Loc = tuple[str | int, ...]


def copy_fixture(target: Path) -> Path:
    shutil.copytree(FIXTURE_SCENARIOS, target)
    return target


def read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def dump_yaml(data: Any) -> str:
    """YAML as an author might write it: unicode kept, long text in block style."""

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]  # libyaml: fast
        pass

    def represent_str(dumper: Any, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value and not value.startswith(" ") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, represent_str)
    Dumper.ignore_aliases = lambda self, data: True  # type: ignore[method-assign]  # shared objects: write twice
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=4096)


def write_yaml(path: Path, data: Any, *, bom: bool = False, crlf: bool = False) -> None:
    text = dump_yaml(data)
    if crlf:
        text = text.replace("\n", "\r\n")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


def text_locs(data: Any, loc: Loc = ()) -> Iterator[Loc]:
    """Every place in `data` that holds an author's text (see TEXT_KEYS)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in TEXT_KEYS and isinstance(value, str):
                yield loc + (key,)
            elif key in TEXT_KEYS and isinstance(value, list):
                yield from (loc + (key, i) for i, item in enumerate(value) if isinstance(item, str))
            else:
                yield from text_locs(value, loc + (key,))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from text_locs(item, loc + (index,))


def get_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


def set_at(data: Any, loc: Loc, value: Any) -> None:
    get_at(data, loc[:-1])[loc[-1]] = value


def map_texts(data: Any, change: Callable[[Loc, str], str]) -> Any:
    """A copy of `data` with every author text replaced by `change(loc, text)`."""
    copy = deepcopy(data)
    for loc in list(text_locs(copy)):
        set_at(copy, loc, change(loc, get_at(copy, loc)))
    return copy


def rewrite_course(directory: Path, change: Callable[[Loc, str], str], **write: bool) -> None:
    """Apply `change` to every author's text field of every file in a course directory
    (the declaration holds field names and labels, not an author's texts)."""
    for path in sorted(directory.glob("*.yaml")):
        if path.name == "course.yaml":
            continue
        write_yaml(path, map_texts(read_yaml(path), change), **write)


def headlines(result: pipeline.Result) -> list[str]:
    return [d.headline() for d in result.report.sorted()]


def load(directory: Path) -> pipeline.Result:
    return pipeline.load_course(directory)


def fixture_schemas() -> dict[str, str]:
    """The editor schemas of the fixture course: file name -> text."""
    declaration, _ = load_declaration(FIXTURE_SCENARIOS, Report())
    assert declaration is not None
    return schema.all_schemas(declaration, schema.known_ids(FIXTURE_SCENARIOS, declaration))
